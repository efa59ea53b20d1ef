"""Faster alternations of many stems, with exactly the same matches.

A cue group is one regex `(?:t1)|(?:t2)|…` of up to a few hundred stems and
patterns, searched in every sentence.  Python's `re` tries every alternative at
every position of the text; under IGNORECASE (and behind a `(?<![A-Za-z])`
guard) it cannot even skip an alternative on its first character.

`alternation()` builds the same alternation with a one-character look-ahead in
front of each run of alternatives whose possible first characters are known:
`(?=[구설분o…])(?:(?:구현)|(?:설계)|…)`.  At a position whose character cannot
start any of them, the engine fails after one set test instead of hundreds of
branches.  The look-ahead consumes nothing and admits every character any
alternative of the run could start with, so matches, their order of preference
and the matched text are unchanged; alternatives whose first character cannot be
worked out (`.`, a negated class, a back-reference, one that can match the empty
string) are left unguarded, in place.
"""

from __future__ import annotations

import re

try:  # the parser is private API; without it, alternations stay unguarded
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Pythons
    _sre_parse = None  # type: ignore[assignment]

_FLAGS_OK = re.I | re.M | re.S | re.U  # inline flag changes we can see through

_CATEGORIES: dict = {}
if _sre_parse is not None:
    _CATEGORIES = {
        _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D",
        _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
        _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
    }


class _Unknown(Exception):
    """The first character of a match cannot be bounded."""


def _char(code: int) -> str:
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


def _first_of_seq(items, flags: int) -> tuple[set, bool]:
    """(class items every match of the sequence may start with, can it match empty)."""
    found: set = set()
    for op, av in items:
        first, nullable = _first_of_item(op, av, flags)
        found |= first
        if not nullable:
            return found, False
    return found, True


def _first_of_item(op, av, flags: int) -> tuple[set, bool]:
    if op is _c.LITERAL:
        return {_char(av)}, False
    if op is _c.IN:
        out = set()
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                out.add(_char(sub_av))
            elif sub_op is _c.RANGE:
                out.add(f"{_char(sub_av[0])}-{_char(sub_av[1])}")
            elif sub_op is _c.CATEGORY and sub_av in _CATEGORIES:
                out.add(_CATEGORIES[sub_av])
            else:  # NEGATE and anything exotic
                raise _Unknown
        return out, False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero width: the next item decides
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = av
        if (add | remove) & ~_FLAGS_OK:
            raise _Unknown
        if add & re.I and not flags & re.I:
            raise _Unknown  # the guard would be case-sensitive where the text is not
        return _first_of_seq(sub.data, flags)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first_of_seq(av.data, flags)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
        low, high, sub = av
        if high == 0:
            return set(), True
        first, nullable = _first_of_seq(sub.data, flags)
        return first, nullable or low == 0
    if op is _c.BRANCH:
        out, nullable = set(), False
        for branch in av[1]:
            first, empty = _first_of_seq(branch.data, flags)
            out |= first
            nullable = nullable or empty
        return out, nullable
    raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, …


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class that every match of `pattern` starts with, or None if unknown."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        found, nullable = _first_of_seq(parsed.data, flags | parsed.state.flags)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    if nullable or not found:
        return None
    return "[" + "".join(sorted(found)) + "]"


def alternation(pieces: list[str], flags: int = 0) -> str:
    """`(?:p1)|(?:p2)|…`, the same matches, with first-character guards on known runs."""
    out: list[str] = []
    run: list[str] = []
    run_classes: list[str] = []

    def flush() -> None:
        if not run:
            return
        if len(run) == 1:
            out.append(f"(?={run_classes[0]})(?:{run[0]})")
        else:
            union = "[" + "".join(c[1:-1] for c in run_classes) + "]"
            out.append(f"(?={union})(?:" + "|".join(f"(?:{p})" for p in run) + ")")
        run.clear()
        run_classes.clear()

    for piece in pieces:
        cls = first_chars(piece, flags)
        if cls is None:
            flush()
            out.append(f"(?:{piece})")
        else:
            run.append(piece)
            run_classes.append(cls)
    flush()
    return "|".join(out)
