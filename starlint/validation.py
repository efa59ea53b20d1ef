"""The pydantic schemas of every file starlint reads: rule packs, the frameworks file,
and the themes file — the built-in ones and users' alike (config files: config_schema.py).

Every key is checked and an unknown one is an error.  This module is imported only
to validate: ``datafiles.load`` keeps what a file's bytes validated to, so a run
over files it has seen (the built-in packs on every run, your config) never imports
pydantic; the records of ``packs.py``, ``frameworks.py`` and ``themes.py`` are built
from the validated data.  ``tests/test_validation.py`` holds the records' fields to
these schemas.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from .reading.packs import pattern_problem


class Invalid(Exception):
    """The data does not fit its schema; the message lists every problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _compiles(value: list[str]) -> list[str]:
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
    return value


# ------------------------------------------------------------------ packs --
CuePart = Literal["situation", "task", "action", "result", "pending"]


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
    # "핵심가치 연계 / Why it matters here": part of the story, but no STAR part.
    reflection: list[str] = []


def _safe_patterns(value: list[str], info: ValidationInfo) -> list[str]:
    builtin = bool(info.context and info.context.get("builtin"))
    for index, pattern in enumerate(value):
        problem = pattern_problem(pattern, builtin=builtin)
        if problem:
            raise ValueError(f"[{index}] {pattern!r}: this pattern {problem}")
    return value


class CueGroup(_Strict):
    """Stems or patterns that hint at one part in unlabelled text."""

    part: CuePart
    weight: float = Field(1.0, allow_inf_nan=False)
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

    @field_validator("terms")
    @classmethod
    def _not_blank(cls, value: list[str]) -> list[str]:
        for index, term in enumerate(value):
            if not term.strip():
                raise ValueError(f"[{index}] {term!r}: a blank term would match everywhere")
        return value

    @field_validator("patterns")
    @classmethod
    def _safe(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return _safe_patterns(value, info)


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
    # amounts of time that are a figure by themselves, in a before→after pair: 하루 → 1시간, a week → a day
    time_words: list[str] = []


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

    @field_validator("team_patterns", "self_patterns", "hedge_patterns")
    @classmethod
    def _safe(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return _safe_patterns(value, info)


class Question(_Strict):
    """A kind of interview question, known by words in a section's title (지원 동기,
    why this company, …했던 경험).  Terms and patterns match as cue terms do."""

    type: str = Field(min_length=1)  # its name, shown by `starlint inspect`
    kind: Literal["experience", "other"]  # what an answer to it is
    # The strongest question a title matches decides.  3: the answer is that kind whatever
    # it says (motivation, plans, a self-introduction); 2: the title asks for an experience;
    # 1: other unless the body tells a past event (strengths, a hobby, a question).
    priority: Literal[1, 2, 3] = 3
    terms: list[str] = []
    patterns: list[str] = []

    @field_validator("terms")
    @classmethod
    def _not_blank(cls, value: list[str]) -> list[str]:
        for index, term in enumerate(value):
            if not term.strip():
                raise ValueError(f"[{index}] blank term")
        return value

    @field_validator("patterns")
    @classmethod
    def _safe(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return _safe_patterns(value, info)


class AnswerWords(_Strict):
    """What the sentences of an answer do, besides their grammar (reading/kinds.py reads
    the past tense itself): tell a past event, plan or suppose, speak in general."""

    past: list[str] = []  # 당시, at the time, back then
    past_patterns: list[str] = []
    plan: list[str] = []  # 앞으로, 입사 후, I will, would
    plan_patterns: list[str] = []
    general: list[str] = []  # 편입니다, 생각합니다, I believe, I tend to
    general_patterns: list[str] = []

    @field_validator("past_patterns", "plan_patterns", "general_patterns")
    @classmethod
    def _safe(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return _safe_patterns(value, info)


class WordStructure(_Strict):
    """How words are built, so a stem is not read inside a word it is only part of."""

    # A doing or role stem followed by one of these is part of a noun for a person, a
    # team or a thing (기획자, 개발팀, 변경사항, developer, analyst): not a cue.
    noun_suffixes: list[str] = []
    # A doing stem followed by one of these as a word ending is the subject of its
    # clause (배포가 실패했다, 개발이 늦어짐), not something the speaker did.
    subject_particles: list[str] = []
    # A doing stem followed by one of these tells someone else's doing: an honorific
    # (제안하셨을 때) or a quoted proposal (배포하자는 의견).
    others_endings: list[str] = []
    # Phrases inside which no cue counts: compound nouns (검색 결과, 결과물) and names
    # (gradient boosting).
    not_cues: list[str] = []

    @field_validator("noun_suffixes", "subject_particles", "others_endings", "not_cues")
    @classmethod
    def _not_blank(cls, value: list[str]) -> list[str]:
        if any(not v.strip() for v in value):
            raise ValueError("an entry is blank")
        return value


class Pack(_Strict):
    name: str
    language: Literal["ko", "en", "any"] = "any"
    description: str = ""
    labels: LabelSet = Field(default_factory=LabelSet)
    cues: list[CueGroup] = []
    quantities: QuantityLexicon = Field(default_factory=QuantityLexicon)
    # Content that is only a placeholder: a label followed by it does not count.
    placeholders: list[str] = []
    coaching: CoachingLexicon = Field(default_factory=CoachingLexicon)
    # Notes to self that make the whole content a placeholder when it starts with them:
    # "TODO: add numbers", "(TBD)".
    placeholder_prefixes: list[str] = []
    # Answer kinds (SPEC "Answer kinds"): the questions a title can ask, and the words
    # of answers that are no past event.
    questions: list[Question] = []
    answers: AnswerWords = Field(default_factory=AnswerWords)
    words: WordStructure = Field(default_factory=WordStructure)


def _pack_problem(err: Any) -> str:
    """`cues[2].patterns[0] '(a+)+$': this pattern has …`, `cues[0].colour: unknown key …`."""
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        message = "unknown key (a typo? see the pack schema in starlint/validation.py)"
    return f"{where}{message}" if message.startswith("[") else f"{where}: {message}"


# ------------------------------------------------------------- frameworks --
FRAMEWORK_NAMES: tuple[str, ...] = ("star", "starl", "car", "par", "soar")


class LocalText(_Strict):
    en: str = Field(min_length=1)
    ko: str = Field(min_length=1)


class FrameworkPart(_Strict):
    part: Literal["situation", "task", "action", "result", "learning", "obstacle"]
    title: LocalText
    parts: list[Literal["situation", "task", "action", "result"]] = []
    label_kinds: list[Literal["situation", "task", "action", "result", "problem", "learning"]] = []
    marks: list[Literal["learning"]] = []
    terms: list[str] = []
    patterns: list[str] = []
    within: list[Literal["situation", "task", "action", "result", "unread"]] = []
    apart_from: list[Literal["learning"]] = []
    message: LocalText | None = None

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, value: list[str]) -> list[str]:
        return _compiles(value)


class Framework(_Strict):
    name: Literal["star", "starl", "car", "par", "soar"]
    title: str
    summary: LocalText
    labels: LabelSet = Field(default_factory=LabelSet)
    parts: list[FrameworkPart] = Field(min_length=1)


class FrameworkData(_Strict):
    version: int = 1
    frameworks: list[Framework]

    @field_validator("frameworks")
    @classmethod
    def _all_named_once(cls, value: list[Framework]) -> list[Framework]:
        names = [f.name for f in value]
        if sorted(names) != sorted(FRAMEWORK_NAMES):
            raise ValueError(f"expected each of {', '.join(FRAMEWORK_NAMES)} once, found {', '.join(names)}")
        return value


# ----------------------------------------------------------------- themes --
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
    def _patterns_compile(cls, value: list[str]) -> list[str]:
        return _compiles(value)

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


def _dotted_problem(err: Any) -> str:
    return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"


# (schema, how each problem is told, what the file is called in an error)
SCHEMAS: dict[str, tuple[type[BaseModel], Any, str]] = {
    "pack": (Pack, _pack_problem, "invalid rule pack"),
    "frameworks": (FrameworkData, _dotted_problem, "invalid frameworks file"),
    "themes": (ThemeData, _dotted_problem, "invalid themes file"),
}


def validate(kind: str, data: Any, builtin: bool = False) -> dict[str, Any]:
    """`data` checked against the schema of `kind`, as plain data with every default filled in.
    `builtin`: starlint's own data, whose patterns run on Python's re (a user's run on RE2)."""
    schema, problem, what = SCHEMAS[kind]
    try:
        return schema.model_validate(data, context={"builtin": builtin}).model_dump()
    except ValidationError as exc:
        raise Invalid(f"{what}: {'; '.join(problem(err) for err in exc.errors())}") from None
