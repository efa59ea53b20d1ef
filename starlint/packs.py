r"""Rule packs: the data that tells starlint how people write STAR notes.

A pack is a TOML file (built-in ones live in the project's top-level ``rules/``
and ship inside the wheel as ``starlint/_rules``).  Users' packs use the very
same schema, so a typo in a key fails loudly instead of being ignored.

Four kinds of data live in a pack:
- ``labels``: the words people put in front of a part (``상황:``, ``**Result**``).
- ``cues``: stems and patterns that hint at a part in unlabelled text.
- ``quantities``: counters, units and metric words that make a Result measurable.
- ``coaching``: the words the coaching rules (STAR2xx) read by: hedges, "we" and "I".

A pack is data, never code, and a user's pack cannot hang a run.  Every regular
expression in a pack (built-in or the user's, ``cues.patterns`` and the
``coaching`` ``*_patterns``) is checked on load, and a pack that breaks a rule
is refused with an error naming the file, the entry and the pattern:

- it must compile;
- no back-references (``\1``, ``(?P=name)``) or conditionals (``(?(1)…)``);
- no nested quantifiers: a ``*``/``+``/``{m,n}`` may not repeat a group that
  itself has a variable quantifier or an alternation (``(a+)+``, ``(\w+\s?)*``,
  ``(a|ab)+``): those backtrack exponentially on a long line;
- no two unbounded quantifiers in a row that can match the same letters or
  digits with nothing required between them (``.*.*``, ``\w*\s*\w*``,
  ``a+a+``): those backtrack polynomially on ordinary text.

On top of that, cue patterns are run over at most ``lexicon.CUE_WINDOW``
characters at a time (a longer sentence is read in overlapping windows), so the
cost of any accepted pattern is bounded per character of the notes.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import _regex

PART_NAMES = ("situation", "task", "action", "result")
Part = Literal["situation", "task", "action", "result"]
CuePart = Literal["situation", "task", "action", "result", "pending"]


class _Strict(BaseModel):
    # defer_build: a model's validator is built when first used, not at import (start-up time)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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
    def _compiles(cls, value: list[str]) -> list[str]:
        for index, pattern in enumerate(value):
            problem = pattern_problem(pattern)
            if problem:
                raise ValueError(f"[{index}] {pattern!r}: this pattern {problem}")
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
    labels: LabelSet = Field(default_factory=LabelSet)
    cues: list[CueGroup] = []
    quantities: QuantityLexicon = Field(default_factory=QuantityLexicon)
    # Content that is only a placeholder: a label followed by it does not count.
    placeholders: list[str] = []
    coaching: CoachingLexicon = Field(default_factory=CoachingLexicon)
    # Notes to self that make the whole content a placeholder when it starts with them:
    # "TODO: add numbers", "(TBD)".
    placeholder_prefixes: list[str] = []


# ------------------------------------------------------------- patterns --
try:  # the regex parser is private API; without it only compiling is checked
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Pythons
    _sre_parse = None  # type: ignore[assignment]

# Characters to probe whether two one-character items can match the same text: the
# letters and digits notes are made of.  (Runs of blanks or punctuation are short in
# notes, and a long one is read a window at a time.)
_PROBES = [chr(c) for c in range(128) if chr(c).isalnum() or chr(c) == "_"] + list("가힣한ㄱㅏéß０")


def pattern_problem(pattern: str) -> str | None:
    """Why a pack's regular expression is refused (see the module docstring), or None."""
    # remembered across runs (keyed by this file's code): checking compiles every pattern
    return _regex.memo("pattern-problem", (_regex.source_key(__file__), pattern), lambda: _pattern_problem(pattern))


def _pattern_problem(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"does not compile: {exc}"
    except (RecursionError, OverflowError):
        return "is too deeply nested to compile"
    try:  # as it is used: one alternative of a larger pattern
        re.compile(f"(?!)|(?:{pattern})")
    except re.error as exc:
        return (f"cannot be combined with the other patterns ({exc}); write a flag for part of "
                f"the pattern as (?s:…), not (?s) (patterns already ignore case)")
    if _sre_parse is None:
        return None
    parsed = _sre_parse.parse(pattern)
    flags = parsed.state.flags | re.I  # packs' patterns are matched case-insensitively
    return _sequence_problem(list(parsed), parsed.state, flags)


def _sequence_problem(items: list, state, flags: int) -> str | None:
    pending: list = []  # one-character tests of the unbounded quantifiers since the last required item
    for op, av in items:
        if op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
            return "uses a back-reference or a conditional group, which can take exponential time"
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, high, body = av
            if high > 1 and op is not _sre.POSSESSIVE_REPEAT and _varies(body):
                return ("has a nested quantifier: it repeats a group that itself has a variable quantifier "
                        "or an alternation, like (a+)+ or (a|ab)*, which takes exponential time on a long "
                        "line; repeat a single character or class instead")
            problem = _sequence_problem(list(body), state, flags)
            if problem:
                return problem
            if high == _sre.MAXREPEAT and op is not _sre.POSSESSIVE_REPEAT:
                test = _one_char(body, flags) or (lambda ch: True)
                if any(_overlap(test, other) for other in pending):
                    return ("has two unbounded quantifiers in a row that can match the same letters "
                            "(like .*.* or \\w*\\s*\\w*), which takes polynomial time on a long line; "
                            "merge them or put a required character between them")
                # a required run of these characters separates the ones it cannot match
                pending = ([t for t in pending if _overlap(t, test)] if low else pending) + [test]
            elif low and body.getwidth()[0]:
                pending = []
            continue
        inner: list = []
        if op is _sre.SUBPATTERN:
            inner = [av[3]]
        elif op is _sre.BRANCH:
            inner = av[1]
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            inner = [av[1]]
        elif op is _sre.ATOMIC_GROUP:
            inner = [av]
        for sub in inner:
            problem = _sequence_problem(list(sub), state, flags)
            if problem:
                return problem
        if op not in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT) and \
                _sre_parse.SubPattern(state, [(op, av)]).getwidth()[0] > 0:
            pending = []  # a required item separates what comes before from what comes after
    return None


def _varies(body) -> bool:
    """A repeated body that can match in more than one way: a variable quantifier or an alternation inside."""
    for op, av in body:
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] != av[1]:
            return True
        if op in (_sre.BRANCH, _sre.GROUPREF, _sre.GROUPREF_EXISTS):
            return True
        if op is _sre.SUBPATTERN and _varies(av[3]):
            return True
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and _varies(av[2]):
            return True
    return False


def _one_char(body, flags: int):
    """A test for the character a one-character body matches (`.`, `a`, `[^,]`, `\\w`), else None."""
    items = list(body)
    if len(items) != 1:
        return None
    op, av = items[0]
    fold = bool(flags & re.I)
    if op is _sre.LITERAL:
        return lambda ch: _same(ch, chr(av), fold)
    if op is _sre.NOT_LITERAL:
        return lambda ch: not _same(ch, chr(av), fold)
    if op is _sre.ANY:
        return lambda ch: ch != "\n" or bool(flags & re.S)
    if op is _sre.IN:
        negate = bool(av) and av[0][0] is _sre.NEGATE
        members = av[1:] if negate else av
        return lambda ch: negate != any(_in_class(ch, mop, mav, fold) for mop, mav in members)
    return None


def _same(a: str, b: str, fold: bool) -> bool:
    return a == b or (fold and a.casefold() == b.casefold())


def _in_class(ch: str, op, av, fold: bool) -> bool:
    if op is _sre.LITERAL:
        return _same(ch, chr(av), fold)
    if op is _sre.RANGE:
        low, high = av
        return any(low <= ord(c) <= high for c in {ch, ch.lower(), ch.upper()} if len(c) == 1)
    if op is _sre.CATEGORY:
        name = str(av)
        test = (str.isdecimal if "DIGIT" in name else str.isspace if "SPACE" in name
                else (lambda c: c.isalnum() or c == "_") if "WORD" in name else (lambda c: True))
        return test(ch) != ("NOT" in name)
    return True  # anything else: assume it can match


def _overlap(a, b) -> bool:
    return any(a(ch) and b(ch) for ch in _PROBES)


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
    except RecursionError:
        raise PackError(f"{path}: not valid TOML: nested too deeply") from None
    try:
        return Pack.model_validate(data)
    except ValidationError as exc:
        raise PackError(f"{path}: invalid rule pack: {'; '.join(_problem(err) for err in exc.errors())}") from None


def _problem(err) -> str:
    """`cues[2].patterns[0] '(a+)+$': this pattern has …`, `cues[0].colour: Extra inputs are not permitted`."""
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        message = "unknown key (a typo? see the pack schema in starlint/packs.py)"
    return f"{where}{message}" if message.startswith("[") else f"{where}: {message}"


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.toml") if p.is_file())


@lru_cache(maxsize=None)
def builtin_packs() -> tuple[Pack, ...]:
    return tuple(load_pack_file(p) for p in pack_files(builtin_pack_dir()))
