"""Rule packs: the data that tells starlint how people write STAR notes.

A pack is a TOML file (built-in ones live in the project's top-level ``rules/``
and ship inside the wheel as ``starlint/_rules``).  Users' packs use the very
same schema, so a typo in a key fails loudly instead of being ignored.

Four kinds of data live in a pack:
- ``labels``: the words people put in front of a part (``상황:``, ``**Result**``).
- ``cues``: stems and patterns that hint at a part in unlabelled text.
- ``quantities``: counters, units and metric words that make a Result measurable.
- ``coaching``: the words the coaching rules (STAR2xx) read by: hedges, "we" and "I".
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PART_NAMES = ("situation", "task", "action", "result")
Part = Literal["situation", "task", "action", "result"]
CuePart = Literal["situation", "task", "action", "result", "pending"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelSet(_Strict):
    """Label words per part.  Matching ignores case, spaces and bold/emoji decoration."""

    situation: list[str] = []
    task: list[str] = []
    action: list[str] = []
    result: list[str] = []
    # "문제 / Problem / Challenge": the situation, or the task when the sentence
    # states a goal or a role.  Read sentence by sentence.
    problem: list[str] = []
    # "배운 점 / Learning": counts as a Result under plain STAR (SPEC, LABELING.md).
    learning: list[str] = []


class CueGroup(_Strict):
    """Stems or patterns that hint at one part in unlabelled text."""

    part: CuePart
    weight: float = 1.0
    # Plain stems.  Korean stems match anywhere (particles and endings attach:
    # 달성 matches 달성했다, 달성함); Latin stems must start a word.
    terms: list[str] = []
    # Regular expressions (Python syntax), matched case-insensitively.
    patterns: list[str] = []
    # Also applies inside labelled content (e.g. a role stated under 행동 still
    # gives the story its Task).
    inside_labels: bool = False
    # Framework parts this group is evidence of besides `part` (frameworks.py):
    # "learning" marks the learning stems, so STAR-L can tell a lesson from a result.
    marks: list[Literal["learning"]] = []
    note: str = ""

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
        return value


class QuantityLexicon(_Strict):
    """Words around numbers.  Numbers alone never count: they need one of these."""

    # number + counter is a count: 62명, 12건, 2곳
    counters: list[str] = []
    # count nouns after a number: 40 users, 3 incidents
    count_nouns: list[str] = []
    # number + rank counter: 10위, 3등
    rank_counters: list[str] = []
    # words before a number that make it a rank: top 3, ranked 2
    rank_words: list[str] = []
    # number + multiplier: 3배, 2x
    multipliers: list[str] = []
    # words that are a multiplier by themselves: 두 배, 절반, doubled
    multiplier_words: list[str] = []
    # number + money unit: 5억 원, 310K dollars
    money_units: list[str] = []
    # time units: a number with one is the duration of the work unless it is
    # saved, compared (before→after) or a rate (6 hours a week)
    time_units: list[str] = []
    # words that make a time figure an outcome: 절약, 단축, saved, faster
    time_saving_words: list[str] = []
    # metric names after which a bare number is a measured value: 정확도 0.92
    metric_words: list[str] = []
    # units that always measure: ms, GB, 점
    units: list[str] = []
    # number + these is an ordinal or an id, never an outcome: 2주 차, 1번, 3번째
    ordinal_suffixes: list[str] = []
    # spelled-out numbers usable in "down from three": three, 세
    number_words: list[str] = []


class CoachingLexicon(_Strict):
    """Words the coaching rules (STAR2xx) read by.  Terms match like cue terms
    (Korean stems inside words, Latin stems at the start of a word); patterns are
    regular expressions, matched case-insensitively."""

    # STAR201 ownership: the team as the subject of the Action (우리 팀이, we) …
    team_subjects: list[str] = []
    team_patterns: list[str] = []
    # … and the speaker as the subject (제가, 저는, I): one of these anywhere in the Action clears it.
    self_subjects: list[str] = []
    self_patterns: list[str] = []
    # STAR202 hedged-result: vague or hedging outcome words (어느 정도, 좋은 평가, greatly, kind of).
    hedges: list[str] = []
    hedge_patterns: list[str] = []
    # STAR205 result-not-last: words that announce a result told first on purpose (결론부터, in short).
    lead_markers: list[str] = []
    # STAR206 talking-point-stub: headings that ask a question (경험, Tell me about …).
    question_terms: list[str] = []
    question_patterns: list[str] = []

    @field_validator("team_patterns", "self_patterns", "hedge_patterns", "question_patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return CueGroup._compiles(value)


class Pack(_Strict):
    name: str
    language: Literal["ko", "en", "any"] = "any"
    description: str = ""
    labels: LabelSet = LabelSet()
    cues: list[CueGroup] = []
    quantities: QuantityLexicon = QuantityLexicon()
    # Content that is only a placeholder: a label followed by it does not count.
    placeholders: list[str] = []
    coaching: CoachingLexicon = CoachingLexicon()
    # Notes to self that make the whole content a placeholder when it starts with them:
    # "TODO: add numbers", "(TBD)".
    placeholder_prefixes: list[str] = []


class PackError(Exception):
    """A pack that cannot be loaded; the message names the file and the entry."""


def builtin_pack_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    if installed.is_dir():
        return installed
    return here.parent / "rules"  # a source checkout / editable install


def load_pack_file(path: Path) -> Pack:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: not valid TOML: {exc}") from None
    try:
        return Pack.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise PackError(f"{path}: invalid rule pack: {problems}") from None


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.toml") if p.is_file())


@lru_cache(maxsize=None)
def builtin_packs() -> tuple[Pack, ...]:
    return tuple(load_pack_file(p) for p in pack_files(builtin_pack_dir()))
