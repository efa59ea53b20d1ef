"""Behavioural themes and speaking rates: the data behind ``starlint report``.

The built-in data is ``rules/themes/themes.toml`` (``starlint/_rules/themes/`` in
the wheel).  It sits in a sub-folder of ``rules/`` on purpose: the rule-pack
loader reads every ``*.toml`` directly in ``rules/`` as a pack, and this file is
not one.  Like the packs it is validated by a strict pydantic schema, so a typo
in a key fails loudly instead of being ignored.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .packs import builtin_pack_dir

_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
# A word that is not Korean: a Latin word (don't, cross-functional) or a number (2,300).
_OTHER_WORD = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*|\d+(?:[.,]\d+)*")


class _Strict(BaseModel):
    # defer_build: a model's validator is built when first used, not at import (start-up time)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LocalText(_Strict):
    """A text in both languages the report speaks."""

    en: str = Field(min_length=1)
    ko: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.ko if language == "ko" else self.en


class SpeakingRates(_Strict):
    en_words_per_minute: float = Field(gt=0)
    ko_syllables_per_minute: float = Field(gt=0)
    note: LocalText | None = None


class Theme(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: LocalText
    # Korean and English stems; the script of a term decides how it matches
    # (Hangul inside words, Latin at the start of a word), not the list it is in.
    ko: list[str] = []
    en: list[str] = []
    patterns: list[str] = []  # regular expressions, case-insensitive
    exclude: list[str] = []  # text that never counts (blanked out before matching)
    min_hits: int = Field(default=1, ge=1)  # different terms the story text needs

    @field_validator("ko", "en", "exclude")
    @classmethod
    def _no_blank_terms(cls, value: list[str]) -> list[str]:
        for term in value:
            if not term.strip():
                raise ValueError("terms must not be blank")
        return value

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
        return value

    @model_validator(mode="after")
    def _has_terms(self) -> "Theme":
        if not (self.ko or self.en or self.patterns):
            raise ValueError(f"theme {self.id!r} has no terms or patterns")
        return self


class ThemeData(_Strict):
    version: Literal[1] = 1
    speaking: SpeakingRates
    themes: list[Theme] = Field(min_length=1)

    @field_validator("themes")
    @classmethod
    def _unique_ids(cls, value: list[Theme]) -> list[Theme]:
        seen: set[str] = set()
        for theme in value:
            if theme.id in seen:
                raise ValueError(f"theme id {theme.id!r} appears twice")
            seen.add(theme.id)
        return value

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
    return _load(builtin_themes_path())


def _load(path: Path) -> ThemeData:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{path}: cannot read themes file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{path}: not valid TOML: {exc}") from None
    try:
        return ThemeData.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ThemeError(f"{path}: invalid themes file: {problems}") from None


# ------------------------------------------------------------------ tagging --
def _term_regex(term: str) -> str:
    """Hangul stems match inside words; Latin stems start a word, phrases also end one."""
    escaped = r"\s+".join(re.escape(part) for part in term.split())
    if term[:1].isascii() and term[:1].isalnum():
        end = r"(?![A-Za-z])" if " " in term.strip() and term[-1:].isalpha() else ""
        return r"(?<![A-Za-z])" + escaped + end
    return escaped


@dataclass(frozen=True)
class _Matcher:
    theme: Theme
    terms: tuple[tuple[str, re.Pattern[str]], ...]
    exclude: re.Pattern[str] | None

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
