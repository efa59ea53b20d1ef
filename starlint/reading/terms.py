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


class WordGuard:
    """Where a stem found in a word is only part of another word (the packs' [words]).

    - a noun suffix after the stem makes a person, team or thing of it: ``기획`` is not
      a doing in ``기획자와``, ``개발팀``, ``변경사항``; ``develop`` not in ``developers``;
      nor is a stem someone else's doing is told with (``제안하셨을 때``, ``배포하자는``:
      the packs' ``others_endings``, looked for the same way);
    - a subject particle ending the word makes it the subject of its clause: ``배포`` is
      not the speaker's doing in ``배포가 실패했다``;
    - inside a listed phrase (``검색 결과``, ``gradient boosting``) nothing is a cue.

    The first two guard the groups that say the speaker did or owned something (action
    and task cues); the phrases guard every group.
    """

    __slots__ = ("_hangul_suffixes", "_latin_suffixes", "_particles", "_phrases")

    def __init__(self, noun_suffixes: Iterable[str] = (), subject_particles: Iterable[str] = (),
                 not_cues: Iterable[str] = ()) -> None:
        suffixes = {fold(x.strip()) for x in noun_suffixes if x.strip()}
        self._latin_suffixes = tuple(sorted((x for x in suffixes if x.isascii()), key=len, reverse=True))
        self._hangul_suffixes = tuple(sorted((x for x in suffixes if not x.isascii()), key=len, reverse=True))
        self._particles = tuple(fold(x.strip()) for x in subject_particles if x.strip())
        self._phrases = tuple(fold(x.strip()) for x in not_cues if x.strip())

    def __bool__(self) -> bool:
        return bool(self._latin_suffixes or self._hangul_suffixes or self._particles or self._phrases)

    def mask(self, text: str) -> str:
        """`text` with each listed phrase blanked out (same length), so nothing in it is found."""
        if not self._phrases:
            return text
        folded = fold(text)
        spans = []
        for phrase in self._phrases:
            at = folded.find(phrase)
            while at >= 0:
                spans.append((at, at + len(phrase)))
                at = folded.find(phrase, at + 1)
        if not spans:
            return text
        chars = list(text)
        for a, b in spans:
            chars[a:b] = BLANK * (b - a)
        return "".join(chars)

    def refuses(self, term: str) -> str:
        """The look-ahead that refuses `term` where this guard does (for readers that need a
        regular expression; tests hold the automaton to it)."""
        last = fold(term)[-1:]
        if last in _ASCII_LETTERS and self._latin_suffixes:
            alt = "|".join(re.escape(x) for x in self._latin_suffixes)
            return rf"(?!(?:{alt})(?![A-Za-z]))"
        if last and _is_hangul(last) and (self._hangul_suffixes or self._particles):
            alts = [re.escape(x) for x in self._hangul_suffixes]
            alts += [re.escape(x) + r"(?![가-힣])" for x in self._particles]
            return rf"(?!{'|'.join(alts)})"
        return ""

    def inside_word(self, folded: str, start: int, end: int) -> bool:
        """Whether the stem at folded[start:end] is only part of a noun or a subject."""
        if end >= len(folded):
            return False
        last = folded[end - 1]
        if last in _ASCII_LETTERS:
            for suffix in self._latin_suffixes:
                after = end + len(suffix)
                if folded.startswith(suffix, end) and (after >= len(folded) or folded[after] not in _ASCII_LETTERS):
                    return True
            return False
        if not _is_hangul(last):
            return False
        if folded.startswith(self._hangul_suffixes, end):
            return True
        for particle in self._particles:
            after = end + len(particle)
            if folded.startswith(particle, end) and (after >= len(folded) or not _is_hangul(folded[after])):
                return True
        return False


# What a listed phrase is blanked out with: no term or pattern matches it, and it is no letter.
BLANK = "\u2063"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


NO_GUARD = WordGuard()


class TermMatcher:
    """Groups of terms and patterns, each found in a text as its alternation would be."""

    __slots__ = ("_automaton", "_guard", "_guarded", "_patterns", "size")

    @property
    def guard(self) -> WordGuard:
        return self._guard

    def __init__(self, groups: Iterable[tuple[Sequence[str], Sequence[str], bool]]
                 | Iterable[tuple[Sequence[str], Sequence[str], bool, bool]],
                 guard: WordGuard = NO_GUARD) -> None:
        """`groups`: (terms, patterns, patterns are a user's[, `guard` applies to its stems])
        for each group, in order."""
        table: dict[str, list[tuple[int, int, bool, bool]]] = {}
        self._patterns: list[tuple[int, Patterns]] = []
        self._guard = guard
        self._guarded: set[int] = set()
        number = -1
        for number, (terms, patterns, user, *guarded) in enumerate(groups):
            if guarded and guarded[0]:
                self._guarded.add(number)
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
        guard = self._guard
        for last, (length, entries) in self._automaton.iter(folded):
            start = last + 1 - length
            end = last + 1
            before_letter = start > 0 and folded[start - 1] in letters
            after_letter = end < len(folded) and folded[end] in letters
            inside: bool | None = None  # worked out only for a guarded group's hit
            for group, order, word_start, word_end in entries:
                if (word_start and before_letter) or (word_end and after_letter):
                    continue
                if group in self._guarded:
                    if inside is None:
                        inside = guard.inside_word(folded, start, end)
                    if inside:
                        continue
                yield start, end, group, order

    def first(self, text: str) -> list[Hit]:
        """Each group's leftmost hit (then its first-listed term), in group order."""
        written, text = text, self._guard.mask(text)
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
        return [Hit(group, start, end, written[start:end]) for group, (start, _, end) in sorted(best.items())]

    def search(self, text: str) -> Hit | None:
        """The leftmost hit of any group (the first group's at a tie)."""
        hits = self.first(text)
        return min(hits, key=lambda h: (h.start, h.group)) if hits else None

    def finditer(self, text: str) -> list[Hit]:
        """Hits left to right, none overlapping another, as re.finditer gives them."""
        written, text = text, self._guard.mask(text)
        found = [(start, 0, group, order, end) for start, end, group, order in self._term_hits(text)]
        for group, patterns in self._patterns:
            found += [(m.start(), 1, group, 0, m.end()) for m in patterns.finditer(text) if m.end() > m.start()]
        found.sort()
        out: list[Hit] = []
        at = 0
        for start, _, group, _, end in found:
            if start >= at:
                out.append(Hit(group, start, end, written[start:end]))
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
