"""Shared reading for the coaching rules (STAR2xx): the packs' coaching words
compiled once per lexicon, and measures of a story (spoken length, part shares)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..reading.frameworks import unit_text
from ..reading.lexicon import Lexicon
from ..reading.packs import is_builtin
from ..reading.terms import TermMatcher
from ..models import Story, Unit

_HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")
# a word that is not Korean: a Latin word (don't, cross-functional) or a number (2,300)
_OTHER_WORD = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# both at once: a Hangul run (captured) or another word (captured empty).  Their first
# characters never overlap, so the matches are those of each pattern on its own.
_WORD = re.compile("([\uac00-\ud7a3]+)|" + _OTHER_WORD.pattern)


class CoachingWords(NamedTuple):
    """Each set of the packs' coaching words, found as one alternation of all the packs'
    terms, then their patterns (``search`` and ``finditer`` give terms.Hit)."""

    team: TermMatcher
    self_: TermMatcher
    hedge: TermMatcher
    lead: TermMatcher


_CACHE: dict[int, tuple[Lexicon, CoachingWords]] = {}


def words(lex: Lexicon) -> CoachingWords:
    found = _CACHE.get(id(lex))
    if found is None or found[0] is not lex:
        def compiled(terms: str, patterns: str | None = None) -> TermMatcher:
            # all terms first (group 0), then each pack's patterns (a user's run on RE2)
            groups = [([t for pack in lex.packs for t in getattr(pack.coaching, terms)], [], False)]
            if patterns:
                groups += [([], getattr(pack.coaching, patterns), not is_builtin(pack))
                           for pack in lex.packs if getattr(pack.coaching, patterns)]
            return TermMatcher(groups)

        found = _CACHE[id(lex)] = (lex, CoachingWords(
            team=compiled("team_subjects", "team_patterns"),
            self_=compiled("self_subjects", "self_patterns"),
            hedge=compiled("hedges", "hedge_patterns"),
            lead=compiled("lead_markers"),
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
