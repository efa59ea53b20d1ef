"""Behavioural themes and speaking rates: the data behind ``starlint report``.

The built-in data is ``rules/themes/themes.toml`` (``starlint/_rules/themes/`` in
the wheel).  It sits in a sub-folder of ``rules/`` on purpose: the rule-pack
loader reads every ``*.toml`` directly in ``rules/`` as a pack, and this file is
not one.  Like the packs it is validated by a strict pydantic schema, so a typo
in a key fails loudly instead of being ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..reading.packs import builtin_pack_dir
from ..records import DataRecord, LocalText

_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
# A word that is not Korean: a Latin word (don't, cross-functional) or a number (2,300).
_OTHER_WORD = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*|\d+(?:[.,]\d+)*")


# The records the themes file is read into; fields and defaults are those of the
# schemas in validation.py, where each is explained.
class SpeakingRates(DataRecord):
    __slots__ = ("en_words_per_minute", "ko_syllables_per_minute", "note")
    _defaults = {"note": None}
    _nested = {"note": LocalText}


class Theme(DataRecord):
    __slots__ = ("id", "name", "ko", "en", "patterns", "exclude", "min_hits")
    _defaults = {"ko": [], "en": [], "patterns": [], "exclude": [], "min_hits": 1}
    _nested = {"name": LocalText}


class ThemeData(DataRecord):
    __slots__ = ("version", "speaking", "themes")
    _defaults = {"version": 1}
    _nested = {"speaking": SpeakingRates, "themes": Theme}

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)


class ThemeError(Exception):
    """A themes file that cannot be used; the message names the file and the entry."""


def builtin_themes_path() -> Path:
    return builtin_pack_dir() / "themes" / "themes.toml"


def load_themes(path: Path | None = None) -> ThemeData:
    """The themes file at `path` (default: the built-in one), validated."""
    if path is None:
        return _builtin()
    return _load(path)


@lru_cache(maxsize=1)
def _builtin() -> ThemeData:
    return _load(builtin_themes_path(), builtin=True)


def _load(path: Path, builtin: bool = False) -> ThemeData:
    from ..datafiles import load

    return load(path, "themes", ThemeError, "themes file", builtin, build=ThemeData.from_data)


# ------------------------------------------------------------------ tagging --
def _term_regex(term: str) -> str:
    """Hangul stems match inside words; Latin stems start a word, phrases also end one."""
    escaped = r"\s+".join(re.escape(part) for part in term.split())
    if term[:1].isascii() and term[:1].isalnum():
        end = r"(?![A-Za-z])" if " " in term.strip() and term[-1:].isalpha() else ""
        return r"(?<![A-Za-z])" + escaped + end
    return escaped


class _Matcher:
    __slots__ = ("theme", "terms", "exclude")

    def __init__(self, theme: Theme, terms: tuple[tuple[str, re.Pattern[str]], ...],
                 exclude: re.Pattern[str] | None) -> None:
        self.theme, self.terms, self.exclude = theme, terms, exclude

    def hits(self, text: str) -> set[str]:
        if self.exclude is not None:
            text = self.exclude.sub(lambda m: " " * len(m.group(0)), text)
        return {name for name, regex in self.terms if regex.search(text)}


_MATCHERS: dict[int, tuple[ThemeData, tuple[_Matcher, ...]]] = {}


def _matchers(data: ThemeData) -> tuple[_Matcher, ...]:
    cached = _MATCHERS.get(id(data))
    if cached is not None and cached[0] is data:
        return cached[1]
    out = []
    for theme in data.themes:
        terms = [(t, re.compile(_term_regex(t), re.I)) for t in (*theme.ko, *theme.en)]
        terms += [(p, re.compile(p, re.I)) for p in theme.patterns]
        exclude = re.compile("|".join(_term_regex(t) for t in theme.exclude), re.I) if theme.exclude else None
        out.append(_Matcher(theme, tuple(terms), exclude))
    _MATCHERS[id(data)] = (data, tuple(out))
    return tuple(out)


def tag_story(title: str, texts: list[str], data: ThemeData) -> list[str]:
    """The ids of the themes a story covers, in the data's order.

    A theme counts when the title matches one of its terms (a title is usually the
    interview question: "의견 충돌 경험", "Tell me about a time you failed"), or
    when the story's text matches `min_hits` different terms.
    """
    body = "\n".join(texts)
    found = []
    for matcher in _matchers(data):
        if matcher.hits(title) or len(matcher.hits(body)) >= matcher.theme.min_hits:
            found.append(matcher.theme.id)
    return found


# --------------------------------------------------------------- speaking --
def speaking_seconds(texts: list[str], rates: SpeakingRates) -> int:
    """Estimated seconds to say the texts: Korean by syllables, the rest by words."""
    text = "\n".join(texts)
    syllables = len(_HANGUL_SYLLABLE.findall(text))
    words = len(_OTHER_WORD.findall(text))
    minutes = syllables / rates.ko_syllables_per_minute + words / rates.en_words_per_minute
    return round(minutes * 60)
