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
string) are left unguarded, in place.  Inside a run, a lookbehind all its
alternatives start with (`(?<![A-Za-z])` before Latin stems) is tested once, and
alternatives that start with a plain character are grouped by it
(`구(?:현|축)`): two alternatives with different first characters never match at
the same place, so only their order among themselves matters, and that is kept.

`Scanner` does the same for a single pattern (the quantity finders and masks):
it skips to the first character a match can start with, and says "no match" at
once for a text without one (a sentence with no digit).

Building and compiling these patterns costs more than linting a few files, so the
results are kept on disk (`compile`, `memo`): a second run loads each pattern's
compiled program instead of parsing and compiling it again.  The cache lives in
the user cache folder (``$STARLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/starlint``
or ``~/.cache/starlint``), one file per Python version and regex engine, written
atomically at exit; ``STARLINT_NO_CACHE=1`` turns it off.  A missing, stale or
broken cache only means compiling as usual.
"""

from __future__ import annotations

import array
import atexit
import binascii
import functools
import marshal
import operator
import os
import re
import sys
from pathlib import Path
from typing import Any, Callable

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
        if (add | remove) & re.I:
            raise _Unknown  # the guard is compiled with the caller's case flag
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


def first_chars(pattern: str, flags: int | None = None, cold: bool = False) -> str | None:
    """A character class that every match of `pattern` starts with, or None if unknown.

    The class is meant to be compiled with the same flags as `pattern` (None: unknown).
    """
    return memo("first", (pattern, flags), lambda: _first_chars(pattern, flags), cold)


def _first_chars(pattern: str, flags: int | None) -> str | None:
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags or 0)
        found, nullable = _first_of_seq(parsed.data, (flags or 0) | parsed.state.flags)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    if nullable or not found:
        return None
    return "[" + "".join(sorted(found)) + "]"


# Characters outside ASCII that an ASCII letter matches under IGNORECASE
# (tests/test_speed.py checks this against `re` itself).
_EXTRA_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
# A lookbehind with no group inside, such as the `(?<![A-Za-z])` in front of Latin stems.
_LEAD = re.compile(r"\(\?<[!=](?:\\.|[^()\\])*\)")


def _same(a, b) -> bool:
    """Structural equality of two parsed regex fragments."""
    if _sre_parse is not None and isinstance(a, _sre_parse.SubPattern):
        a = a.data
    if _sre_parse is not None and isinstance(b, _sre_parse.SubPattern):
        b = b.data
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _split_first(body: str, flags: int) -> tuple[str, str] | None:
    """(first character, the rest) when `body` is that plain character followed by the rest."""
    ch = body[:1]
    if not ch or not ((ch.isascii() and ch.isalnum()) or "\uac00" <= ch <= "\ud7a3"):
        return None
    try:
        whole = _sre_parse.parse(body, flags).data
        rest = _sre_parse.parse(body[1:], flags).data
    except (re.error, AttributeError, TypeError, ValueError):
        return None
    if not whole or tuple(whole[0]) != (_c.LITERAL, ord(ch)) or not _same(whole[1:], rest):
        return None
    return ch, body[1:]


def _first_char_regex(ch: str, flags: int | None) -> str:
    """`ch` as the branch's first op: a set the engine can test before entering the branch."""
    if flags is not None and flags & re.I and ch.isascii() and ch.isalpha():
        low = ch.lower()
        return f"(?-i:[{low}{low.upper()}{_EXTRA_CASES.get(low, '')}])"
    return ch


def _grouped(bodies: list[str], flags: int | None) -> list[str]:
    """Alternatives with one plain first character are grouped by it, in order of first use.

    Two alternatives that start with different characters (different even ignoring
    case) never match at the same position, so moving them past each other cannot
    change which one matches; inside a group, and around an alternative that is not a
    plain character, order is kept.  With `flags` None (the caller compiles with flags
    unknown here) a group keeps a run per exact first character.
    """
    out: list[str] = []
    groups: dict[str, list[tuple[str, str]]] = {}

    def flush() -> None:
        for members in groups.values():
            runs: list[tuple[str, list[str]]] = []
            for ch, rest in members:
                if runs and (runs[-1][0] == ch or (flags is not None and flags & re.I)):
                    runs[-1][1].append(rest)
                else:
                    runs.append((ch, [rest]))
            for ch, rests in runs:
                inner = rests[0] if len(rests) == 1 else "|".join(f"(?:{r})" for r in rests)
                out.append(f"{_first_char_regex(ch, flags)}(?:{inner})")
        groups.clear()

    fold = flags is None or bool(flags & re.I)
    for body in bodies:
        split = _split_first(body, flags or 0)
        if split is None:
            flush()
            out.append(f"(?:{body})")
            continue
        ch, rest = split
        groups.setdefault(ch.lower() if fold else ch, []).append((ch, rest))
    flush()
    return out


def alternation(pieces: list[str], flags: int | None = None, guard: bool = True) -> str:
    """`(?:p1)|(?:p2)|…`: the same matches, found faster.

    Each run of alternatives whose first characters are known gets a look-ahead on
    them (unless `guard` is false: for an alternation nested inside a bigger pattern,
    where it would only make the program bigger); inside a run, a shared leading
    lookbehind is tested once, and alternatives are grouped by their first character.
    `flags` are those the caller compiles with; None when the result is embedded in
    patterns compiled with various flags.
    """
    return memo("alt", (tuple(pieces), flags, guard), lambda: _alternation(pieces, flags, guard))


def _alternation(pieces: list[str], flags: int | None, guard: bool) -> str:
    out: list[str] = []
    run: list[tuple[str, str, str]] = []  # (lead, body, first-character class)

    def flush() -> None:
        start = 0
        while start < len(run):
            lead = run[start][0]
            end = start
            while end < len(run) and run[end][0] == lead:
                end += 1
            part = run[start:end]
            union = "[" + "".join(sorted({item for _, _, cls in part for item in _class_items(cls)})) + "]"
            inner = "|".join(_grouped([body for _, body, _ in part], flags))
            out.append(f"(?={union}){lead}(?:{inner})" if guard else f"{lead}(?:{inner})")
            start = end
        run.clear()

    for piece in pieces:
        cls = first_chars(piece, flags, cold=True)  # (building: the alternation itself is remembered)
        if cls is None:
            flush()
            out.append(f"(?:{piece})")
            continue
        m = _LEAD.match(piece)
        lead = m.group() if m else ""
        body = piece[len(lead):]
        if lead and first_chars(body, flags, cold=True) != cls:
            lead, body = "", piece
        run.append((lead, body, cls))
    flush()
    return "|".join(out)


def _class_items(cls: str) -> list[str]:
    """The items of a class made by first_chars: `[\\u0061\\u0062-\\u0063\\d]` → ['\\u0061', …]."""
    return re.findall(r"\\[uU][0-9a-f]+(?:-\\[uU][0-9a-f]+)?|\\[dDsSwW]", cls[1:-1])


def needs_digit(pattern: str, flags: int = 0) -> bool:
    """True when every match of `pattern` holds a digit (`\\d`): no digit in a text, no match."""
    return memo("digit", (pattern, flags), lambda: _needs_digit(pattern, flags))


def _needs_digit(pattern: str, flags: int) -> bool:
    if _sre_parse is None:
        return False
    try:
        return _digit_seq(_sre_parse.parse(pattern, flags).data)
    except (re.error, AttributeError, TypeError, ValueError):
        return False


def _digit_seq(items) -> bool:
    return any(_digit_item(op, av) for op, av in items)


def _digit_item(op, av) -> bool:
    if op is _c.LITERAL:
        return re.match(r"\d", chr(av)) is not None
    if op is _c.IN:
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL and re.match(r"\d", chr(sub_av)):
                continue
            if sub_op is _c.RANGE and all(re.match(r"\d", chr(c)) for c in range(sub_av[0], sub_av[1] + 1)):
                continue
            if sub_op is _c.CATEGORY and sub_av is _c.CATEGORY_DIGIT:
                continue
            return False  # a member that is not a digit (or NEGATE)
        return bool(av)
    if op is _c.SUBPATTERN:
        return _digit_seq(av[3].data)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _digit_seq(av.data)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
        return av[0] >= 1 and _digit_seq(av[2].data)
    if op is _c.BRANCH:
        return all(_digit_seq(branch.data) for branch in av[1])
    return False  # zero-width, ANY, references: no promise


_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class Scanner:
    """A compiled pattern that jumps to the first place a match can start.

    `finditer`/`search` give exactly the pattern's own matches: none can start before
    the first character of the text in its first-character class, and a search that
    starts there still sees the text before it (lookbehinds, `\\b` and `^` behave as
    on the whole text).  A text with no such character is not scanned at all.
    """

    __slots__ = ("pattern", "first", "needs_digit")

    def __init__(self, pattern: re.Pattern[str] | LazyPattern) -> None:
        self.needs_digit = needs_digit(pattern.pattern, pattern.flags)  # see needs_digit
        cls = first_chars(pattern.pattern, pattern.flags)
        if cls is not None:  # compiled when first searched (a LazyPattern given is never compiled)
            pattern = LazyPattern(f"(?={cls})(?:{pattern.pattern})", pattern.flags)
        self.pattern = pattern
        self.first = _first_scanner(cls, pattern.flags) if cls is not None else None

    def start(self, text: str, starts: dict | None = None) -> int:
        """Where a match can first start in `text` (-1: nowhere).

        `starts` memoizes this per text across scanners that share a first-character
        class: pass one dict per text (a new one when the text changes).
        """
        first = self.first
        if first is None:
            return 0
        if starts is not None:
            found = starts.get(first)
            if found is not None:
                return found
        m = first.search(text)
        found = -1 if m is None else m.start()
        if starts is not None:
            starts[first] = found
        return found

    def finditer(self, text: str, starts: dict | None = None):
        start = self.start(text, starts)
        return iter(()) if start < 0 else self.pattern.finditer(text, start)

    def search(self, text: str, starts: dict | None = None) -> re.Match[str] | None:
        start = self.start(text, starts)
        return None if start < 0 else self.pattern.search(text, start)


_FIRSTS: dict[tuple[str, int], re.Pattern[str]] = {}


def _first_scanner(cls: str, flags: int) -> re.Pattern[str]:
    """One compiled class per (class, flags), so scanners that share it share `starts` entries."""
    key = (cls, flags)
    found = _FIRSTS.get(key)
    if found is None:
        found = _FIRSTS[key] = compile(cls, flags)
    return found


# ------------------------------------------------------- literal prefilter --
# Most patterns can only match where the text holds one of a few short literals: a
# cue group of Korean stems needs one of their first two syllables, a count needs one
# of its counters.  `requirements()` works those literals out from the parsed
# pattern; `text_keys()` lists every one- and two-character piece of a text.  A
# pattern none of whose required pieces is in the text's keys cannot match there, so
# the search is skipped; when some are, the pattern is searched as before.  The
# check only ever skips a search that would have failed: matches are unchanged.
#
# Keys are compared case-folded, the way IGNORECASE sees them: ASCII letters in
# lower case, plus the four non-ASCII letters `re` matches to an ASCII one (see
# _EXTRA_CASES).  A required piece never holds a cased non-ASCII letter (under
# IGNORECASE it could match a letter folded differently) nor white space (the
# quantity masks blank text with spaces, so a piece without one that is in the
# masked text is in the original text too).
_FOLD = {**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
         **{extra: low for low, extras in _EXTRA_CASES.items() for extra in extras}}
# str.lower() folds as _FOLD does except for these (İ even becomes two characters);
# every other character it changes is cased, so never part of a key (tests check this).
_ODD_CASES = str.maketrans({ch: _FOLD[ch] for ch in "\u0130\u0131\u017f"})
# Finite sets of strings larger than this are not expanded (the piece is unknown).
_LITERALS_CAP = 64
_last_keys: tuple[str, set[int]] = ("", set())


def fold(text: str) -> str:
    """`text` folded as keys are: what IGNORECASE matches to an ASCII letter, as that letter."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        text = text.translate(_ODD_CASES)
    return text.lower()


# UTF-16 in the machine's byte order, so that a native 32-bit word is two characters.
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"
_LOW_FIRST = sys.byteorder == "little"


def key_code(key: str) -> int:
    """A key as `text_keys` holds it: a character's code, or a pair's two codes in one int."""
    if len(key) == 1:
        return ord(key)
    first, second = ord(key[0]), ord(key[1])
    return first | second << 16 if _LOW_FIRST else first << 16 | second


def text_keys(text: str) -> set[int]:
    """Every character and pair of adjacent characters of `text`, case-folded (see key_code).

    The pairs are read as the 32-bit words of the text in UTF-16, at even and at odd
    positions: a set of small ints built in C, several times faster than slicing out
    the strings.  (Characters outside the BMP are never part of a key.)  The last
    text's keys are kept: a sentence is read by the quantity finders and the cue
    groups in turn.  The set returned must not be changed.
    """
    global _last_keys
    last, keys = _last_keys
    if last is text or last == text:
        return keys
    data = fold(text).encode(_UTF16, "surrogatepass")
    size = len(data)
    view = memoryview(data)
    keys = set(view.cast("H"))
    keys.update(view[: size & ~3].cast("I"))
    if size > 2:
        keys.update(view[2: 2 + ((size - 2) & ~3)].cast("I"))
    _last_keys = (text, keys)
    return keys


def requirements(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...]:
    """Sets of pieces (one or two characters, folded) every match of `pattern` holds
    one of, for each set; () when none is known."""
    return memo("needs", (pattern, flags), lambda: _requirements(pattern, flags))


def _requirements(pattern: str, flags: int) -> tuple[tuple[str, ...], ...]:
    if _sre_parse is None:
        return ()
    try:
        found = _needs_seq(_sre_parse.parse(pattern, flags).data)
    except (re.error, AttributeError, TypeError, ValueError, RecursionError):
        return ()
    # the most selective few; each one costs a test per text
    found.sort(key=_cost)
    return tuple(tuple(sorted(keys)) for keys in found[:3])


def _cost(keys: frozenset[str]) -> float:
    """About how likely a text is to hold one of `keys`: single characters are common."""
    return sum((3.0 if k.isdigit() else 1.0) if len(k) == 1 else 0.15 for k in keys)


def _key_char(code: int) -> str | None:
    ch = chr(code)
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isspace() or code == 0 or code > 0xFFFF:
        return None
    if ch.isascii():
        return ch
    cased = _sre.unicode_iscased(code) if _sre is not None else (ch.lower() != ch or ch.upper() != ch)
    return None if cased else ch


def _literals_seq(items) -> set[str] | None:
    """Every string the sequence can match, when they are few and all usable as keys."""
    out = {""}
    for op, av in items:
        strings = _literals_item(op, av)
        if strings is None:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > _LITERALS_CAP:
            return None
    return out


def _literals_item(op, av) -> set[str] | None:
    if op is _c.LITERAL:
        ch = _key_char(av)
        return None if ch is None else {ch}
    if op is _c.IN:
        out = set()
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                codes = [sub_av]
            elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < _LITERALS_CAP:
                codes = range(sub_av[0], sub_av[1] + 1)
            else:  # NEGATE, categories, big ranges
                return None
            for code in codes:
                ch = _key_char(code)
                if ch is None:
                    return None
                out.add(ch)
        return out or None
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}  # zero width
    if op is _c.SUBPATTERN:
        return _literals_seq(av[3].data)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _literals_seq(av.data)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
        low, high, sub = av
        if high > 4:
            return None
        once = _literals_seq(sub.data)
        if once is None:
            return None
        out, power = set(), {""}
        for count in range(high + 1):
            if count >= low:
                out |= power
            if count < high:
                power = {a + b for a in power for b in once}
                if len(power) > _LITERALS_CAP:
                    return None
        return out if len(out) <= _LITERALS_CAP else None
    if op is _c.BRANCH:
        out = set()
        for branch in av[1]:
            strings = _literals_seq(branch.data)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _LITERALS_CAP else None
    return None


# How common each letter is in English text (per cent): a pair of rarer letters is a
# sharper key ("mp" of "improved" rather than "im").  Other characters count as rare.
_LETTER_SHARE = dict(zip("etaoinshrdlcumwfgypbvkjxqz",
                         (12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.4, 2.2, 2.0,
                          2.0, 1.9, 1.5, 1.0, 0.8, 0.15, 0.15, 0.1, 0.07)))


def _pair_share(pair: str) -> float:
    return _LETTER_SHARE.get(pair[0], 1.0) * _LETTER_SHARE.get(pair[1], 1.0)


def _keys_of(strings: set[str]) -> frozenset[str]:
    """One key per string: its rarest pair of adjacent characters (the first of equals),
    or the string itself when it is one character.  A pair holding a character that
    is a key already adds nothing."""
    keys = {min((s[i:i + 2] for i in range(len(s) - 1)), key=_pair_share) if len(s) > 1 else s for s in strings}
    singles = {k for k in keys if len(k) == 1}
    return frozenset(k for k in keys if len(k) == 1 or not (k[0] in singles or k[1] in singles))


def _needs_seq(items) -> list[frozenset[str]]:
    """Sets of keys each of which every match of the sequence holds one of."""
    found: list[frozenset[str]] = []
    run: set[str] = {""}  # strings the current stretch of finite items can match

    def close() -> None:
        if "" not in run:
            found.append(_keys_of(run))

    for op, av in items:
        strings = _literals_item(op, av)
        if strings is not None:
            joined = {a + b for a in run for b in strings}
            if len(joined) <= _LITERALS_CAP:
                run = joined
            else:
                close()
                run = strings
            continue
        close()
        run = {""}
        # an item that always matches: what it needs, the sequence needs
        if op is _c.SUBPATTERN:
            found += _needs_seq(av[3].data)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            found += _needs_seq(av.data)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)) and av[0] >= 1:
            found += _needs_seq(av[2].data)
        elif op is _c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                needs = _needs_seq(branch.data)
                if not needs:
                    union = set()
                    break
                union |= min(needs, key=_cost)
            if union:
                found.append(_keys_of(union))
    close()
    return found


class Prefilter:
    """Which of several patterns may match a text, by the pieces they require.

    `bits(text)` is a mask with a bit set for each required set the text holds a piece
    of; pattern i can match only when `mask & needs[i] == needs[i]`.
    """

    __slots__ = ("index", "keys", "needs")

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.index: dict[int, int] = {}
        self.needs: list[int] = []
        bit = 1
        for pattern in patterns:
            need = 0
            for keys in requirements(pattern.pattern, pattern.flags):
                for key in map(key_code, keys):
                    self.index[key] = self.index.get(key, 0) | bit
                need |= bit
                bit <<= 1
            self.needs.append(need)
        self.keys = frozenset(self.index)

    def bits(self, text: str) -> int:
        # OR of the bits of the keys the text holds, looked up and combined in C
        return functools.reduce(operator.or_, map(self.index.__getitem__, self.keys.intersection(text_keys(text))), 0)


# ------------------------------------------------------------ text memos --
# What the cue groups, labels and quantities read in a text, kept for the texts read
# most recently: the same line is read by segment and classify (labels), by classify
# and the checks (cues), and comes back when a file is linted again (the language
# server lints on every edit) or shared between files (templates, headings).  The
# values kept are immutable.  Up to MEMO_SIZE texts are kept, then a memo starts
# afresh (0: nothing is kept).
MEMO_SIZE = 4096


def remember(memo: dict, text: str, value: Any) -> Any:
    """Keep `value` as what was read in `text`; returns `value`."""
    if MEMO_SIZE > 0:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[text] = value
    return value


# ----------------------------------------------------------- on-disk cache --
try:  # CPython's engine takes a compiled program directly
    import _sre
    from re import _compiler as _sre_compile

    _ENGINE = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - other Pythons
    _sre = None  # type: ignore[assignment]
    _ENGINE = ""

# Two files.  The hot one, loaded by every run, holds what a run looks up when it
# starts: compiled programs, built alternations, the data files' validated contents.
# The cold one holds what only building those needs (the first characters of each
# alternative, the checks of a pack's patterns): read only when something is built
# afresh.  A run that found everything it needed writes nothing.
_store: dict[str, Any] | None = None  # the hot entries
_cold: dict[str, Any] | None = None  # the cold entries, once read
_used: set[str] = set()
_changed: set[str] = set()  # which files this run added to: "hot", "cold"
# Past these sizes the entries this run did not use leave a file: the hot file's go to
# the cold one (its load is on every run's start-up), the cold file's are dropped.
HOT_BYTES = 2_000_000
MAX_BYTES = 8_000_000


def cache_file() -> Path | None:
    """Where compiled patterns are kept, or None when caching is off."""
    if os.environ.get("STARLINT_NO_CACHE") or not _ENGINE:
        return None
    base = os.environ.get("STARLINT_CACHE_DIR")
    try:
        if base:
            folder = Path(base)
        elif sys.platform == "win32":
            folder = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "starlint" / "Cache"
        else:
            folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "starlint"
    except (RuntimeError, KeyError, OSError):  # no home folder: no cache
        return None
    return folder / f"regex-{_ENGINE}-{_fingerprint()}.marshal"


def _fingerprint() -> str:
    """This module's code, in short: memoized results (alternations, classes) follow it."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        try:
            _FINGERPRINT = f"{binascii.crc32(Path(__file__).read_bytes()):08x}"
        except OSError:
            _FINGERPRINT = "unknown"
    return _FINGERPRINT


_FINGERPRINT: str | None = None


@functools.lru_cache(maxsize=None)
def source_key(path: str) -> str:
    """A short hash of a source file, for memo keys of results its code computes."""
    try:
        return f"{binascii.crc32(Path(path).read_bytes()):08x}"
    except OSError:
        return "unknown"


def _read(path: Path | None) -> dict[str, Any]:
    if path is not None:
        try:
            raw = path.read_bytes()
            data = marshal.loads(raw)
            if isinstance(data, dict):
                if len(raw) > HOT_BYTES and not path.name.endswith(".cold.marshal"):
                    _change("hot")  # too big to load at every start: trimmed when this run ends
                return data
        except (OSError, ValueError, EOFError, TypeError):
            pass
    return {}


def _cold_file(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".marshal") + ".cold.marshal")


def _load(cold: bool = False) -> dict[str, Any]:
    global _store, _cold
    if cold:
        if _cold is None:
            path = cache_file()
            _cold = _read(_cold_file(path)) if path is not None else {}
        return _cold
    if _store is None:
        _store = _read(cache_file())
    return _store


def _get(key: str, cold: bool = False) -> Any:
    """The entry under `key`, None if there is none.  A start-up entry (not `cold`) is
    looked for in the hot file, then in the cold one (where a grown hot file sent what
    a run did not use), and made hot again when found there."""
    value = _load(cold).get(key)
    if value is None and not cold:
        value = _load(cold=True).get(key)
        if value is not None:
            _load()[key] = value
            _change("hot")
    if value is not None:
        _used.add(key)
    return value


def _put(key: str, value: Any, cold: bool = False) -> None:
    _load(cold)[key] = value
    _used.add(key)
    _change("cold" if cold else "hot")


def _change(which: str) -> None:
    if not _changed:
        atexit.register(save)
    _changed.add(which)


def save() -> None:
    """Write what this run added (atomically; errors are ignored)."""
    path = cache_file()
    if path is None or not _changed:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if "hot" in _changed and _store is not None:
            data = marshal.dumps(_store)
            if len(data) > HOT_BYTES:  # what this run did not use goes cold
                moved = {k: v for k, v in _store.items() if k not in _used}
                _load(cold=True).update(moved)
                _changed.add("cold")
                data = marshal.dumps({k: v for k, v in _store.items() if k in _used})
            _write(path, data)
        if "cold" in _changed and _cold is not None:
            data = marshal.dumps(_cold)
            if len(data) > MAX_BYTES:  # grown past bounds: keep what this run used
                data = marshal.dumps({k: v for k, v in _cold.items() if k in _used})
            _write(_cold_file(path), data)
        for stale in path.parent.glob(f"regex-{_ENGINE}-*.marshal"):  # from an older starlint
            if not stale.name.startswith(path.name.removesuffix(".marshal")):
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
    _changed.clear()


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


try:  # the hash without importing hashlib (which loads OpenSSL: a few ms at start-up)
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b as _blake2b


def digest(data: bytes) -> str:
    """A short hash of some bytes, for keys of what was computed from them."""
    return _blake2b(data, digest_size=16).hexdigest()


def memo(kind: str, key: tuple, compute: Callable[[], Any], cold: bool = False) -> Any:
    """`compute()`, remembered across runs under (kind, key) (strings, ints, None, tuples).

    `cold`: needed only while building something else that is itself remembered (see above)."""
    full = kind + "\x00" + repr(key)
    found = _get(full, cold)
    if found is not None:
        return found[0]
    value = compute()
    _put(full, (value,), cold)  # boxed: a value of None is a value
    return value


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, loading the compiled program from the cache when it can."""
    if _sre is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    flags = int(flags)
    key = f"re\x00{flags}\x00{pattern}"
    entry = _get(key)
    if entry is not None:
        try:
            code = array.array(_CODE_TYPE)
            code.frombytes(entry[1])
            compiled = _sre.compile(pattern, entry[0], code.tolist(), entry[2], entry[3], entry[4])
            _used.add(key)
            return compiled
        except Exception:  # noqa: BLE001 - a bad entry: compile afresh
            pass
    try:
        parsed = _sre_parse.parse(pattern, flags)
        code = [int(op) for op in _sre_compile._code(parsed, flags)]  # opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        args = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, *args)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - an engine we do not know: the public way
        return re.compile(pattern, flags)
    if _CODE_TYPE:  # the program as packed machine words: a cache of them loads in a blink
        _put(key, (args[0], array.array(_CODE_TYPE, code).tobytes(), *args[2:]))
    return compiled


class LazyPattern:
    """A pattern compiled when first used: `pattern` and `flags` are there at once.

    Loading a compiled program costs about a millisecond per hundred thousand code
    words, and a quantity finder or a cue group's whole alternation has tens of
    thousands: a run compiles only those some sentence needs.  On first use the
    compiled pattern's methods are put in the slots, so later calls cost what a
    compiled pattern's do.
    """

    __slots__ = ("pattern", "flags", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags)
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            compiled = self._compiled = compile(self.pattern, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # an empty method slot, or groups, groupindex, …
        return getattr(self.compiled(), name)


# The array type code whose items are the engine's code words (4 bytes in CPython).
_CODE_TYPE = next((t for t in "IL" if _sre is not None and array.array(t).itemsize == _sre.CODESIZE), "")
