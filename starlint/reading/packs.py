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
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .. import _regex
from ..records import DataRecord

PART_NAMES = ("situation", "task", "action", "result")
Part = Literal["situation", "task", "action", "result"]
CuePart = Literal["situation", "task", "action", "result", "pending"]
LABEL_KINDS = ("situation", "task", "action", "result", "problem", "learning")

# The records a pack is read into.  Their fields and defaults are those of the
# schemas in validation.py (where each field is explained); tests/test_validation.py
# keeps the two in step.


class LabelSet(DataRecord):
    __slots__ = LABEL_KINDS
    _defaults = dict.fromkeys(LABEL_KINDS, [])


class CueGroup(DataRecord):
    __slots__ = ("part", "weight", "terms", "patterns", "inside_labels", "marks", "note")
    _defaults = {"weight": 1.0, "terms": [], "patterns": [], "inside_labels": False, "marks": [], "note": ""}


_QUANTITY_FIELDS = ("counters", "count_nouns", "rank_counters", "rank_words", "multipliers", "multiplier_words",
                    "money_units", "time_units", "time_saving_words", "metric_words", "units", "ordinal_suffixes",
                    "number_words")


class QuantityLexicon(DataRecord):
    __slots__ = _QUANTITY_FIELDS
    _defaults = dict.fromkeys(_QUANTITY_FIELDS, [])


_COACHING_FIELDS = ("team_subjects", "team_patterns", "self_subjects", "self_patterns", "hedges", "hedge_patterns",
                    "lead_markers", "question_terms", "question_patterns")


class CoachingLexicon(DataRecord):
    __slots__ = _COACHING_FIELDS
    _defaults = dict.fromkeys(_COACHING_FIELDS, [])


class Pack(DataRecord):
    __slots__ = ("name", "language", "description", "labels", "cues", "quantities", "placeholders", "coaching",
                 "placeholder_prefixes")
    _defaults = {"language": "any", "description": "", "labels": None, "cues": [], "quantities": None,
                 "placeholders": [], "coaching": None, "placeholder_prefixes": []}
    _nested = {"labels": LabelSet, "cues": CueGroup, "quantities": QuantityLexicon, "coaching": CoachingLexicon}

    def __init__(self, **values) -> None:
        super().__init__(**values)
        # nested records default to empty ones, as the schema's default factories do
        for name, kind in (("labels", LabelSet), ("quantities", QuantityLexicon), ("coaching", CoachingLexicon)):
            if getattr(self, name) is None:
                setattr(self, name, kind())


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
    return _regex.memo("pattern-problem", (_regex.source_key(__file__), pattern), lambda: _pattern_problem(pattern),
                       cold=True)  # (only when a pack is validated)


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
    """The built-in data: starlint/_rules in a wheel, rules/ in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_rules"
    if installed.is_dir():
        return installed
    return package.parent / "rules"  # a source checkout / editable install


def load_pack_file(path: Path) -> Pack:
    """A rule pack file, validated by the schema in validation.py (an unknown key is an error)."""
    from ..datafiles import load

    return Pack.from_data(load(path, "pack", PackError, "rule pack"))  # type: ignore[return-value]


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.toml") if p.is_file())


@lru_cache(maxsize=None)
def builtin_packs() -> tuple[Pack, ...]:
    return tuple(load_pack_file(p) for p in pack_files(builtin_pack_dir()))
