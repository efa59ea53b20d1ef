"""Finding many stems and a few patterns in a sentence at once.

A rule pack lists its words as *terms* (plain stems: ``구현``, ``improv``, ``took on``)
and, where a stem is not enough, *patterns* (regular expressions).  A group of them
is found in a text the way the alternation ``(?:term1)|(?:term2)|…|(?:pattern1)|…``
would be found, under IGNORECASE: the leftmost place anything of the group matches
and, there, the first-listed term.  A pattern wins only where it starts further left.

Terms are looked up all at once with an Aho-Corasick automaton (pyahocorasick) in
the case-folded text, then kept or refused by where they sit:

- a Latin term starts a word: it may not follow an ASCII letter (``improv`` is not
  found in ``unimproved``), and a Latin phrase of several words also ends one
  (``took on`` is not ``took one``);
- a Korean term is a stem and matches inside a word (``달성했다``, ``매출이``).

Patterns from starlint's own packs run on Python's ``re``; patterns from a user's
pack run on RE2 (google-re2), whose matching time is linear in the text, so no
pattern a user writes can hang a run.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, NamedTuple, Sequence

import ahocorasick

# str.lower() keeps every length but İ's (it becomes two characters): fold it first.
_ODD_CASES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")

# Cue patterns read a sentence at most WINDOW characters at a time (windows overlap by
# OVERLAP), so a slow pattern costs a bounded amount per character; shorter sentences
# are read whole.
WINDOW = 500
OVERLAP = 150


def fold(text: str) -> str:
    """`text` case-folded with every character kept in its place."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        text = text.translate(_ODD_CASES)
    return text.lower()


def starts_word(term: str) -> bool:
    """A Latin term must start a word; a Korean stem may sit anywhere in one."""
    return term[:1].isascii() and term[:1].isalnum()


def ends_word(term: str) -> bool:
    """A Latin phrase of several words must also end one."""
    return starts_word(term) and " " in term.strip() and term[-1:].isalpha()


def term_regex(term: str) -> str:
    """The regular expression a term stands for (for readers that need one)."""
    escaped = re.escape(term)
    if starts_word(term):
        return r"(?<![A-Za-z])" + escaped + (r"(?![A-Za-z])" if ends_word(term) else "")
    return escaped


class Hit(NamedTuple):
    group: int  # which group of the matcher
    start: int
    end: int
    matched: str  # the text as written


class Patterns:
    """A group's patterns as one compiled expression: `re` for starlint's own, RE2 for a user's."""

    __slots__ = ("regex", "user")

    def __init__(self, patterns: Sequence[str], user: bool) -> None:
        self.user = user
        joined = "|".join(f"(?:{p})" for p in patterns)
        self.regex: Any = compile_user(joined) if user else re.compile(joined, re.I | re.M)

    def search(self, text: str):
        """The leftmost match, read a window at a time in a long text."""
        regex = self.regex
        if len(text) <= WINDOW:
            return regex.search(text)
        for start in range(0, len(text) - OVERLAP, WINDOW - OVERLAP):
            m = regex.search(text, start, start + WINDOW)
            if m:
                return m
        return None

    def finditer(self, text: str):
        return self.regex.finditer(text)


def compile_user(pattern: str):
    """A user's pattern on RE2: case-insensitive, ^ and $ at line ends, errors not logged."""
    import re2

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = 8 << 20
    return re2.compile("(?m)" + pattern, options)


def user_pattern_problem(pattern: str) -> str | None:
    """Why a user's pattern cannot be used, or None: it must compile, and RE2 must take it."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"does not compile: {exc}"
    except (RecursionError, OverflowError):
        return "is too deeply nested to compile"
    try:
        compile_user(f"(?:{pattern})")
    except Exception as exc:  # noqa: BLE001 - re2 raises its own error type
        message = exc.args[0] if exc.args else exc
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        message = str(message).split(": (?m)")[0]  # RE2 names our wrapper: keep its reason
        return (f"cannot run on RE2 ({message}): patterns in your packs may not use "
                f"look-around (?=…) (?<=…) or back-references \\1")
    return None


class TermMatcher:
    """Groups of terms and patterns, each found in a text as its alternation would be."""

    __slots__ = ("_automaton", "_patterns", "size")

    def __init__(self, groups: Iterable[tuple[Sequence[str], Sequence[str], bool]]) -> None:
        """`groups`: (terms, patterns, patterns are a user's) for each group, in order."""
        table: dict[str, list[tuple[int, int, bool, bool]]] = {}
        self._patterns: list[tuple[int, Patterns]] = []
        number = -1
        for number, (terms, patterns, user) in enumerate(groups):
            seen: set[str] = set()
            for order, term in enumerate(terms):
                key = fold(term)
                if not key or key in seen:
                    continue
                seen.add(key)
                table.setdefault(key, []).append((number, order, starts_word(term), ends_word(term)))
            if patterns:
                self._patterns.append((number, Patterns(patterns, user)))
        self.size = number + 1
        self._automaton = None
        if table:
            automaton = ahocorasick.Automaton()
            for key, entries in table.items():
                automaton.add_word(key, (len(key), tuple(entries)))
            automaton.make_automaton()
            self._automaton = automaton

    def _term_hits(self, text: str):
        """(start, end, group, order) of every term found where it may stand."""
        if self._automaton is None:
            return
        folded = fold(text)
        letters = _ASCII_LETTERS
        for last, (length, entries) in self._automaton.iter(folded):
            start = last + 1 - length
            end = last + 1
            before_letter = start > 0 and folded[start - 1] in letters
            after_letter = end < len(folded) and folded[end] in letters
            for group, order, word_start, word_end in entries:
                if (word_start and before_letter) or (word_end and after_letter):
                    continue
                yield start, end, group, order

    def first(self, text: str) -> list[Hit]:
        """Each group's leftmost hit (then its first-listed term), in group order."""
        best: dict[int, tuple[int, int, int]] = {}  # group -> (start, order, end); a pattern has order -1
        for start, end, group, order in self._term_hits(text):
            known = best.get(group)
            if known is None or (start, order) < known[:2]:
                best[group] = (start, order, end)
        for group, patterns in self._patterns:
            m = patterns.search(text)
            if m is not None:
                known = best.get(group)
                if known is None or m.start() < known[0]:
                    best[group] = (m.start(), -1, m.end())
        return [Hit(group, start, end, text[start:end]) for group, (start, _, end) in sorted(best.items())]

    def search(self, text: str) -> Hit | None:
        """The leftmost hit of any group (the first group's at a tie)."""
        hits = self.first(text)
        return min(hits, key=lambda h: (h.start, h.group)) if hits else None

    def finditer(self, text: str) -> list[Hit]:
        """Hits left to right, none overlapping another, as re.finditer gives them."""
        found = [(start, 0, group, order, end) for start, end, group, order in self._term_hits(text)]
        for group, patterns in self._patterns:
            found += [(m.start(), 1, group, 0, m.end()) for m in patterns.finditer(text) if m.end() > m.start()]
        found.sort()
        out: list[Hit] = []
        at = 0
        for start, _, group, _, end in found:
            if start >= at:
                out.append(Hit(group, start, end, text[start:end]))
                at = end
        return out


# What a reader found in a text, kept for the texts read most recently: the same line
# is read by segment and classify, by classify and the checks, and again when the
# language server lints on every edit.  Up to MEMO_SIZE texts are kept, then a memo
# starts afresh.
MEMO_SIZE = 4096


def remember(memo: dict, text: str, value: Any) -> Any:
    """Keep `value` as what was read in `text`; returns `value`."""
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[text] = value
    return value
