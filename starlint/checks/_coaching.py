"""Shared reading for the coaching rules (STAR2xx): the packs' coaching words
compiled once per lexicon, and measures of a story (spoken length, part shares)."""

from __future__ import annotations

import re
from typing import NamedTuple

from .._regex import compile as _compile  # re.compile, the program kept on disk (start-up)
from .. import _regex
from ..reading.frameworks import unit_text
from ..reading.lexicon import Lexicon, _term_regex
from ..models import Story, Unit

_NEVER = _compile(r"(?!x)x")
_HANGUL_RUN = _compile("[\uac00-\ud7a3]+")
# a word that is not Korean: a Latin word (don't, cross-functional) or a number (2,300)
_OTHER_WORD = _compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# both at once: a Hangul run (captured) or another word (captured empty).  Their first
# characters never overlap, so the matches are those of each pattern on its own.
_WORD = _compile("([\uac00-\ud7a3]+)|" + _OTHER_WORD.pattern)


class CoachingWords(NamedTuple):
    team: re.Pattern[str]
    self_: re.Pattern[str]
    hedge: re.Pattern[str]
    lead: re.Pattern[str]
    question: re.Pattern[str]


_CACHE: dict[int, tuple[Lexicon, CoachingWords]] = {}


def words(lex: Lexicon) -> CoachingWords:
    found = _CACHE.get(id(lex))
    if found is None or found[0] is not lex:
        coaching = [p.coaching for p in lex.packs]

        def compiled(terms: str, patterns: str | None = None) -> re.Pattern[str]:
            pieces = [_term_regex(t) for c in coaching for t in getattr(c, terms)]
            if patterns:
                pieces += [p for c in coaching for p in getattr(c, patterns)]
            # same as re.compile("|".join(f"(?:{p})" for p in pieces), re.I), faster and cached (see _regex)
            return _regex.compile(_regex.alternation(pieces, re.I), re.I) if pieces else _NEVER

        found = _CACHE[id(lex)] = (lex, CoachingWords(
            team=compiled("team_subjects", "team_patterns"),
            self_=compiled("self_subjects", "self_patterns"),
            hedge=compiled("hedges", "hedge_patterns"),
            lead=compiled("lead_markers"),
            question=compiled("question_terms", "question_patterns"),
        ))
    return found[1]


def word_equivalents(text: str, ko_per_en: float) -> float:
    """Spoken length in English-word units: a Hangul syllable is `ko_per_en` of a word."""
    # syllables counted by runs: one string per word rather than one per syllable
    runs = _WORD.findall(text)  # a Hangul run, or "" for each other word
    return sum(map(len, runs)) * ko_per_en + runs.count("")


def spoken_seconds(texts: list[str]) -> int:
    """Estimated seconds to say the texts, at the rates of ``rules/themes/themes.toml``."""
    from ..report.themes import load_themes, speaking_seconds

    return speaking_seconds(texts, load_themes().speaking)


def rates() -> tuple[float, float]:
    """(English words a minute, Korean syllables a minute)."""
    from ..report.themes import load_themes

    speaking = load_themes().speaking
    return speaking.en_words_per_minute, speaking.ko_syllables_per_minute


def texts(story: Story) -> list[str]:
    """A story's text as it would be said: every unit without its label (the title is not said)."""
    return [unit_text(u) for u in story.units]


def part_weights(story: Story) -> dict[str, float]:
    """How much of the story (in spoken length) each STAR part takes; a line with two
    parts is shared between them.  Lines with no part are left out."""
    en_rate, ko_rate = rates()
    ko_per_en = en_rate / ko_rate
    out = {"situation": 0.0, "task": 0.0, "action": 0.0, "result": 0.0}
    for unit in story.units:
        if not unit.parts:
            continue
        weight = word_equivalents(unit_text(unit), ko_per_en)
        for part in unit.parts:
            out[part] += weight / len(unit.parts)
    return out


def children(story: Story, index: int) -> list[Unit]:
    return [u for u in story.units if u.parent == index]


def quote(matches: list[str], limit: int = 3) -> str:
    seen: list[str] = []
    for m in matches:
        m = m.strip()
        if m and m not in seen:
            seen.append(m)
    return ", ".join(f"'{m}'" for m in seen[:limit])
