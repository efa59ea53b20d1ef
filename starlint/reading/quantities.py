"""Measurable outcomes in a line of text: "10위", "0.065%", "두 배", "62% → 81%".

A number on its own never counts.  It counts when something ties it to an
outcome: a unit or counter (%, 명, 건, 배, 원, ms), a rank (10위, top 3), a
metric name before it (정확도 0.92), a before→after figure, or a time figure
that was saved or compared.  Years, dates, versions, names with digits
(ResNet50, GPT-4, COVID-19), ordinals (2주 차, 1번 문제) and the duration of
the work itself (5주간, a 12-week program) are blanked out first.

The reading goes number first: each number in the text is found, then the words
beside it are looked up in the unit tables of the rule packs (``[quantities]``:
counters, units, time units, money, ranks, metric names).  The shapes (a unit
after the number, a metric name or a currency sign before it, an arrow between two
figures) are here; the words are data.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, NamedTuple

from .packs import Pack, QuantityLexicon, builtin_packs
from .terms import fold, remember


class Quantity(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # percent, before-after, rank, count, money, multiplier, time, metric, rating


# A number as people write it: 1,200 / 0.065 / 300; not inside a word, a version or a longer number.
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s*")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_ALNUM = _ASCII_LETTERS | frozenset("0123456789")
_SIGNS = "+-−±"
_ARROWS = ("-->", "->", "→", "=>", "⇒", "⟶", "➔", "➡️", "➡", "~>")
_SOFT = ("less than", "more than", "around", "about", "under", "below", "above", "over", "just", "약", "~", "≈")
_MAGNITUDES = "만천백억"
_BY_AMOUNT = ("k", "m", "b", "million", "billion", "thousand")


def _ws(text: str, at: int) -> int:
    """Where the white space from `at` ends."""
    return _SPACE.match(text, at).end()


def _is_space(text: str, at: int) -> bool:
    return 0 <= at < len(text) and text[at].isspace()


class _Words:
    """A table of words looked up where a figure's unit, counter or name may stand.

    Matching ignores case (the texts looked in are folded).  A word that ends in a
    Latin letter or digit must end a word too (``ms`` is not ``msg``), as units
    do; Korean words may run on into particles (``62명이``).
    """

    __slots__ = ("_by_length", "_by_first", "_first_re", "_bounded")

    def __init__(self, words: Iterable[str], bounded: bool = True) -> None:
        table: dict[int, set[str]] = {}
        for word in words:
            if word:
                table.setdefault(len(word), set()).add(fold(word))
        self._by_length = sorted(table.items(), reverse=True)  # longest first, as the alternation tried them
        # the same, by first character: most places a unit may stand start with no word of the
        # table, and are left after one dict look-up (it is asked hundreds of thousands of times)
        by_first: dict[str, list[tuple[int, set[str]]]] = {}
        for length, group in self._by_length:
            for first in {w[0] for w in group}:
                by_first.setdefault(first, []).append((length, {w for w in group if w[0] == first}))
        self._by_first = by_first
        self._first_re: re.Pattern[str] | None = None
        self._bounded = bounded

    def ends(self, folded: str, at: int) -> Iterator[int]:
        """The ends of the words of the table that start at `at`, longest first."""
        entries = self._by_first.get(folded[at:at + 1])
        if entries is None:
            return
        for length, words in entries:
            end = at + length
            piece = folded[at:end]
            if piece in words and not (self._bounded and piece[-1] in _ASCII_ALNUM and end < len(folded)
                                       and folded[end] in _ASCII_LETTERS):
                yield end

    def end(self, folded: str, at: int) -> int:
        """The end of the longest word at `at`, or -1."""
        return next(self.ends(folded, at), -1)

    def after_space(self, folded: str, at: int) -> int:
        """A word after white space (the space may be its own, as in " times"): its end, or -1."""
        for start in range(_ws(folded, at), at - 1, -1):
            end = self.end(folded, start)
            if end >= 0:
                return end
        return -1

    def find(self, folded: str) -> Iterator[tuple[int, int]]:
        """Every place a word of the table starts, left to right: (start, end of the longest)."""
        if self._first_re is None:
            # the scan for a first character runs in C (a class of them), not a character at a time
            self._first_re = re.compile("[" + "".join(re.escape(ch) for ch in sorted(self._by_first)) + "]") \
                if self._by_first else re.compile("(?!)")
        for m in self._first_re.finditer(folded):
            at = m.start()
            end = self.end(folded, at)
            if end >= 0:
                yield at, end


class QuantityMatcher:
    """Built once per set of packs; ``find`` is called for every Result line."""

    def __init__(self, lex: QuantityLexicon) -> None:
        self._units = _Words(lex.units)
        self._time_units = _Words(lex.time_units)
        self._counters = _Words(lex.counters)
        self._money_after = _Words([m for m in lex.money_units if not _is_symbol(m)])
        self._money_before = {m for m in lex.money_units if _is_symbol(m)}
        self._multipliers = _Words(lex.multipliers)
        self._multiplier_words = _Words(lex.multiplier_words)
        self._metric = _Words(lex.metric_words)
        self._count_nouns = _Words(lex.count_nouns)
        self._number_words = _Words(lex.number_words)
        self._time_words = _Words(lex.time_words)
        self._rank_words = _Words(lex.rank_words)
        self._rank_counters = _Words(lex.rank_counters, bounded=False)
        self._ordinals = _Words(lex.ordinal_suffixes)
        self._saving = tuple(fold(w) for w in lex.time_saving_words if w)
        # units, in the order a figure's unit is looked for (see _figure_ends)
        self._figure_units = (self._units, self._time_units, self._counters, self._money_after, self._multipliers)
        # "Java 8", "Python 3", "SOC 2": a name and a bare number (not one with a unit after it)
        self._unitish = (self._units, self._counters, self._time_units, self._money_after, _Words(
            [m for m in lex.money_units if _is_symbol(m)]), self._multipliers, self._count_nouns, self._rank_counters)
        self._metric_names = {w.lower() for w in lex.metric_words}
        self._name_exempt = self._metric_names | {w.lower() for w in lex.rank_words}
        self._memo: dict[str, tuple[Quantity, ...]] = {}  # what was found in recent texts (see terms.remember)

    def find(self, text: str) -> list[Quantity]:
        found = self._memo.get(text)
        if found is None:
            found = remember(self._memo, text, tuple(self._find(text)))
        return list(found)

    # ------------------------------------------------------------ reading --
    def _find(self, text: str) -> list[Quantity]:
        if not _DIGIT.search(text) and not self._wordy(text):
            return []
        masked = self.mask(text)
        folded = fold(masked)
        numbers = [(m.start(), m.end()) for m in _NUMBER.finditer(masked)]
        found: list[Quantity] = []
        for kind, finder in self._finders():
            last = 0
            for start, end in finder(masked, folded, numbers):
                if start < last:
                    continue  # the finder's matches never overlap each other
                last = end
                if kind not in ("multiplier", "before-after", "count") and not _DIGIT.search(masked, start, end):
                    continue
                found.append(Quantity(start, end, text[start:end], kind))
        last = 0
        for start, end in self._time_figures(masked, folded, numbers):
            if start < last:
                continue
            last = end
            window = folded[max(0, start - 14): end + 14]
            if any(word in window for word in self._saving):
                found.append(Quantity(start, end, text[start:end], "time"))
        return _outermost(found)

    def _wordy(self, text: str) -> bool:
        """Can a text without digits hold a figure? (두 배, doubled, zero incidents)"""
        folded = fold(text)
        return "zero" in folded or next(self._multiplier_words.find(folded), None) is not None or \
            next(self._number_words.find(folded), None) is not None or \
            next(self._time_words.find(folded), None) is not None

    def _finders(self):
        return (
            ("before-after", self._arrow_pairs),
            ("before-after", self._eseo_pairs),
            ("before-after", self._from_to_pairs),
            ("before-after", self._down_from),
            ("percent", self._percents),
            ("percent", self._signed_points),
            ("multiplier", self._times_after),
            ("multiplier", self._times_before),
            ("multiplier", self._multiplier_phrases),
            ("rank", self._rank_counted),
            ("rank", self._rank_named),
            ("rank", self._rank_hash),
            ("rank", self._rank_place),
            ("money", self._money_signed),
            ("money", self._money_named),
            ("count", self._counted),
            ("count", self._count_nouned),
            ("count", self._zero_words),
            ("count", self._zero_counted),
            ("count", self._periods_without),
            ("metric", self._metric_values),
            ("rating", self._ratings),
        )

    # ------------------------------------------------------------- figures --
    def _number_at(self, masked: str, at: int) -> int:
        """The end of a number starting at `at`, or -1."""
        m = _NUMBER.match(masked, at)
        return m.end() if m else -1

    def _figure_ends(self, masked: str, folded: str, end: int) -> Iterator[int]:
        """Where a figure can end after its number (ending at `end`), most preferred first:
        "+", 여 (about), 만/천/백/억 (magnitude), then one unit: %, a time unit, a counter,
        money, a multiplier, or k/M; or no unit at all."""
        if end < len(masked) and masked[end] == "+":
            plus = (end + 1, end)
        else:
            plus = (end,)
        for a in plus:
            approx = [a]
            after = _ws(masked, a)
            if masked.startswith("여", after):
                approx.insert(0, after + 1)
            for b in approx:
                magnitudes = [b]
                after = _ws(masked, b)
                if after < len(masked) and masked[after] in _MAGNITUDES:
                    magnitudes.insert(0, after + 1)
                for c in magnitudes:
                    # the white space after the number belongs to the figure, unit or not
                    for space_end in range(_ws(masked, c), c - 1, -1):
                        for table in self._figure_units:
                            yield from table.ends(folded, space_end)
                        if space_end < len(masked) and folded[space_end] in "km" and not (
                                space_end + 1 < len(masked) and masked[space_end + 1] in _ASCII_LETTERS):
                            yield space_end + 1
                        yield space_end

    def _money_prefix(self, masked: str, at: int) -> int:
        """Where a figure starting with its number at `at` starts, with a currency sign before it."""
        if at >= 1 and masked[at - 1] in self._money_before:
            return at - 1
        if at >= 2 and masked[at - 2] in self._money_before and masked[at - 1].isspace():
            return at - 2
        return at

    def _figures_at(self, masked: str, folded: str, at: int) -> Iterator[tuple[int, int]]:
        """(start, end) of each figure that can start at `at`, most preferred first: a number
        with its unit (and a currency sign), or a number word with a counter (세 건, two weeks)."""
        if at < len(masked) and masked[at] in self._money_before:
            sign_end = at + 1
            if _is_space(masked, sign_end) and sign_end + 1 < len(masked) and masked[sign_end + 1].isdigit():
                sign_end += 1
            end = self._number_at(masked, sign_end) if _NUMBER.match(masked, sign_end) else -1
            if end >= 0:
                for figure_end in self._figure_ends(masked, folded, end):
                    yield at, figure_end
            return
        end = self._number_at(masked, at)
        if end >= 0:
            for figure_end in self._figure_ends(masked, folded, end):
                yield at, figure_end
            return
        for word_end in self._time_words.ends(folded, at):
            yield at, word_end  # 하루, 일주일, a week: a figure of time by itself
        for word_end in self._number_words.ends(folded, at):
            spaced = _ws(masked, word_end)
            for table in (self._counters, self._time_units):
                for unit_end in table.ends(folded, spaced):
                    yield at, unit_end

    def _figure_starts(self, masked: str, folded: str, numbers: list[tuple[int, int]]) -> list[int]:
        """Every place a figure can start: numbers (or the currency sign before one), number words."""
        starts = {self._money_prefix(masked, start) for start, _ in numbers}
        starts.update(start for start, _ in self._number_words.find(folded))
        starts.update(start for start, _ in self._time_words.find(folded)
                      if start == 0 or folded[start - 1] not in _ASCII_LETTERS)
        return sorted(starts)

    def _soft(self, folded: str, at: int) -> int:
        """After an optional "about", "under", 약 … and white space."""
        for word in _SOFT:
            if folded.startswith(word, at):
                return _ws(folded, at + len(word))
        return _ws(folded, at)

    # ------------------------------------------------------- before→after --
    def _pairs(self, masked, folded, numbers, joint) -> Iterator[tuple[int, int]]:
        """Two figures joined by `joint` (which says where the second figure may start,
        given the end of the first, and what must follow the second)."""
        for start in self._figure_starts(masked, folded, numbers):
            for _, first_end in self._figures_at(masked, folded, start):
                found = joint(masked, folded, first_end)
                if found is not None:
                    yield start, found
                    break

    def _second(self, masked, folded, at, tail=None) -> int | None:
        """The end of the second figure of a pair starting at `at` (then `tail`, if given)."""
        for _, end in self._figures_at(masked, folded, self._soft(folded, at)):
            if tail is None:
                return end
            after = tail(folded, end)
            if after is not None:
                return after
        return None

    def _arrow_pairs(self, masked, folded, numbers):
        def joint(masked, folded, end):
            at = _ws(masked, end)
            for arrow in _ARROWS:
                if masked.startswith(arrow, at):
                    return self._second(masked, folded, _ws(masked, at + len(arrow)))
            return None

        return self._pairs(masked, folded, numbers, joint)

    def _eseo_pairs(self, masked, folded, numbers):
        def tail(folded, end):
            at = _ws(folded, end)
            for word in ("으로", "로"):
                if folded.startswith(word, at):
                    return at + len(word)
            return None

        def joint(masked, folded, end):
            at = _ws(masked, end)
            if masked.startswith("에서", at):
                return self._second(masked, folded, _ws(masked, at + 2), tail)
            return None

        return self._pairs(masked, folded, numbers, joint)

    _FROM = re.compile(r"\bfrom\s+", re.I)
    _TO = re.compile(r"(?:\s+[A-Za-z-]+){0,2}?\s+(?:down\s+|up\s+)?to\s+", re.I)

    def _from_to_pairs(self, masked, folded, numbers):
        for m in self._FROM.finditer(masked):
            first = self._soft(folded, m.end())
            done = False
            for _, first_end in self._figures_at(masked, folded, first):
                for between in _lazy_words(masked, first_end):
                    end = self._second(masked, folded, between)
                    if end is not None:
                        yield m.start(), end
                        done = True
                        break
                if done:
                    break

    _DOWN_FROM = re.compile(r"\b(?:down|up)\s+from\s+", re.I)

    def _down_from(self, masked, folded, numbers):
        for m in self._DOWN_FROM.finditer(masked):
            at = m.end()
            if masked[at:at + 1].isdigit() or (masked[at:at + 1] in self._money_before):
                end = next((e for _, e in self._figures_at(masked, folded, at) if True), None)
                if end is not None and self._number_at(masked, self._money_prefix_number(masked, at)) >= 0:
                    yield m.start(), end
                    continue
            end = self._number_words.end(folded, at)
            if end >= 0:
                yield m.start(), end

    def _money_prefix_number(self, masked: str, at: int) -> int:
        """Where the number of a figure starting at `at` (maybe with a currency sign) starts."""
        if at < len(masked) and masked[at] in self._money_before:
            at += 1
            if _is_space(masked, at):
                at += 1
        return at

    # ------------------------------------------------------------ percents --
    def _signed_start(self, masked: str, at: int, need_sign: bool = False) -> list[int]:
        """Where a figure with an optional sign and one space before its number may start, leftmost first."""
        starts = []
        if at >= 2 and masked[at - 2] in _SIGNS and masked[at - 1].isspace():
            starts.append(at - 2)
        if at >= 1 and (masked[at - 1] in _SIGNS or (not need_sign and masked[at - 1].isspace())):
            starts.append(at - 1)
        if not need_sign:
            starts.append(at)
        return starts

    def _percents(self, masked, folded, numbers):
        last = 0
        for start, end in numbers:
            unit_end = self._units.end(folded, _ws(masked, end))
            if unit_end < 0:
                continue
            begin = next((s for s in self._signed_start(masked, start) if s >= last), start)
            last = unit_end
            yield begin, unit_end

    def _signed_points(self, masked, folded, numbers):
        for start, end in numbers:
            starts = self._signed_start(masked, start, need_sign=True)
            if not starts:
                continue
            at = _ws(masked, end)
            for unit in ("pt", "p"):
                stop = at + len(unit)
                if folded.startswith(unit, at) and not (stop < len(masked) and masked[stop] in _ASCII_LETTERS):
                    yield starts[0], stop
                    break

    # --------------------------------------------------------- multipliers --
    _PER_PERIOD = re.compile(r"\s*/|\s*(?:a|per)\s+(?:week|day|month)", re.I)

    def _spelled(self, folded: str, numbers: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Digits and spelled-out numbers that stand as words ("three times", "forty tickets")."""
        words = [(s, e) for s, e in self._number_words.find(folded)
                 if s == 0 or folded[s - 1] not in _ASCII_LETTERS]
        return sorted(numbers + words) if words else numbers

    def _times_after(self, masked, folded, numbers):
        for start, end in self._spelled(folded, numbers):
            spaced = _ws(masked, end)
            for space_end in range(spaced, end - 1, -1):
                stop = next((e for e in self._multipliers.ends(folded, space_end)
                             if not self._PER_PERIOD.match(masked, e)), -1)
                if stop >= 0:
                    yield start, stop
                    break

    def _times_before(self, masked, folded, numbers):
        for start, end in numbers:
            at = start - 1 if start >= 1 and masked[start - 1] in "x×" else \
                start - 2 if start >= 2 and masked[start - 2] in "x×" and masked[start - 1].isspace() else -1
            if at < 0 or (at > 0 and masked[at - 1] in _ASCII_ALNUM):
                continue
            if end < len(masked) and (masked[end].isdigit() or masked[end] == "."):
                continue
            yield at, end

    def _multiplier_phrases(self, masked, folded, numbers):
        return self._multiplier_words.find(folded)

    # ---------------------------------------------------------------- ranks --
    def _rank_counted(self, masked, folded, numbers):
        for start, end in numbers:
            stop = self._rank_counters.end(folded, _ws(masked, end))
            if stop >= 0:
                yield start, stop

    def _rank_named(self, masked, folded, numbers):
        for start, _ in self._rank_words.find(folded):
            for word_end in self._rank_words.ends(folded, start):
                at = _ws(masked, word_end)
                if masked.startswith("#", at):
                    at += 1
                if _is_space(masked, at) and not masked[at:at + 1].isdigit():
                    at += 1
                end = self._number_at(masked, at)
                if end >= 0:
                    yield start, end
                    break

    def _rank_hash(self, masked, folded, numbers):
        for start, end in numbers:
            at = start - 1 if start >= 1 and masked[start - 1] == "#" else \
                start - 2 if start >= 2 and masked[start - 2] == "#" and masked[start - 1].isspace() else -1
            if at >= 0 and not (at > 0 and masked[at - 1] in _ASCII_LETTERS):
                yield at, end

    _PLACE = re.compile(r"(?:st|nd|rd|th)\s+(?:place|prize|out of|of \d)", re.I)

    def _rank_place(self, masked, folded, numbers):
        for start, end in numbers:
            m = self._PLACE.match(masked, end)
            if m:
                yield start, m.end()

    # ---------------------------------------------------------------- money --
    _AMOUNT = re.compile(r"\s?(?:[kmb](?![A-Za-z])|million|billion|thousand)", re.I)

    def _money_signed(self, masked, folded, numbers):
        for start, end in numbers:
            begin = self._money_prefix(masked, start)
            if begin == start:
                continue
            m = self._AMOUNT.match(masked, end)
            yield begin, m.end() if m else end

    def _money_named(self, masked, folded, numbers):
        for start, end in numbers:
            stop = self._after_magnitude(masked, folded, end, self._money_after)
            if stop >= 0:
                yield start, stop

    def _after_magnitude(self, masked: str, folded: str, end: int, table: _Words) -> int:
        """A word of `table` after a number's 여 and 만/천/백/억 (each taken if it leads to one)."""
        approx = [end]
        after = _ws(masked, end)
        if masked.startswith("여", after):
            approx.insert(0, after + 1)
        for b in approx:
            magnitudes = [b]
            after = _ws(masked, b)
            if after < len(masked) and masked[after] in _MAGNITUDES:
                magnitudes.insert(0, after + 1)
            for c in magnitudes:
                stop = table.end(folded, _ws(masked, c))
                if stop >= 0:
                    return stop
        return -1

    # --------------------------------------------------------------- counts --
    def _counted(self, masked, folded, numbers):
        for start, end in numbers:
            stop = self._after_magnitude(masked, folded, end, self._counters)
            if stop >= 0:
                yield start, stop

    _THOUSANDS = re.compile(r"\s?[km](?![A-Za-z])", re.I)
    _MORE = ("new", "more", "active", "other")

    def _count_nouned(self, masked, folded, numbers):
        for start, end in self._spelled(folded, numbers):
            ends = []
            m = self._THOUSANDS.match(masked, end)
            if m:
                ends.append(m.end())
            ends.append(end)
            for at in ends:
                if at < len(masked) and masked[at] == "+":
                    at += 1
                spaced = _ws(masked, at)
                if spaced == at:
                    continue
                stop = -1
                for word in self._MORE:
                    if folded.startswith(word, spaced) and _is_space(masked, spaced + len(word)):
                        stop = self._count_nouns.end(folded, _ws(masked, spaced + len(word)))
                        if stop >= 0:
                            break
                if stop < 0:
                    stop = self._count_nouns.end(folded, spaced)
                if stop >= 0:
                    yield start, stop
                    break

    _ZERO = re.compile(r"\b(?:to|at|hit|reached)\s+zero\b|\bzero\s+\w+", re.I)

    def _zero_words(self, masked, folded, numbers):
        return ((m.start(), m.end()) for m in self._ZERO.finditer(masked))

    def _zero_counted(self, masked, folded, numbers):
        for at, ch in enumerate(masked):
            if ch == "0" and not (at > 0 and (masked[at - 1].isdigit() or masked[at - 1] in ".,")):
                spaced = _ws(masked, at + 1)
                stop = self._counters.end(folded, spaced)
                if stop < 0:
                    stop = self._time_units.end(folded, spaced)
                if stop >= 0:
                    yield at, stop

    _WITHOUT = re.compile(r"\s+without\b", re.I)

    def _periods_without(self, masked, folded, numbers):
        starts = [(s, e) for s, e in numbers] + list(self._number_words.find(folded))
        for start, end in sorted(starts):
            for unit_end in self._time_units.ends(folded, _ws(masked, end)):
                m = self._WITHOUT.match(masked, unit_end)
                if m:
                    yield start, m.end()
                    break

    # ------------------------------------------------------ metrics, ratings --
    _PARTICLES = (":", "=", "of", "은", "는", "이", "가", "을", "를", "도")
    _ABOUT = re.compile(r"약\s*|about\s*|~", re.I)

    def _metric_values(self, masked, folded, numbers):
        for start, _ in self._metric.find(folded):
            for word_end in self._metric.ends(folded, start):
                at = _ws(masked, word_end)
                for particle in self._PARTICLES:
                    if folded.startswith(particle, at):
                        at = _ws(masked, at + len(particle))
                        break
                m = self._ABOUT.match(masked, at)
                if m:
                    at = m.end()
                end = self._number_at(masked, at)
                if end < 0:
                    continue
                if self._time_units.end(folded, _ws(masked, end)) >= 0:
                    end = _shorter_number(masked, at, end)  # "정확도 12시간": the figure is a duration
                    if end < 0:
                        continue
                yield start, end
                break

    _OUT_OF = re.compile(r"\s*/\s*(?:100|10|5|7)(?![\d.])")

    def _ratings(self, masked, folded, numbers):
        for start, end in numbers:
            m = self._OUT_OF.match(masked, end)
            if m:
                yield start, m.end()

    def _time_figures(self, masked, folded, numbers):
        for start, end in numbers:
            stop = self._time_units.end(folded, _ws(masked, end))
            if stop >= 0:
                yield start, stop

    # --------------------------------------------------------------- masks --
    _CODE = re.compile(r"`[^`]*`")
    _URL = re.compile(r"https?://\S+")
    _DATE = re.compile(r"(?<!\d)\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?(?!\d)")
    _YEAR = re.compile(r"(?<![\d,.$₩])(?:19|20)\d{2}(?![\d,.%])(?:\s*(?:년도|년|학년도)|'?s\b)?"
                       r"(?!\s*(?:명|건|개|원|만|억|달러|users|people))")
    _VERSION = re.compile(r"(?<![A-Za-z0-9])(?:v|ver\.?|version)\s?\d+(?:\.\d+)*", re.I)
    _DOTTED = re.compile(r"(?<![\d.])\d+\.\d+\.\d+(?:\.\d+)*")
    _LIST_NUMBER = re.compile(r"^\s*\(?\d{1,2}[.)]\s")
    _PLACE_AFTER = re.compile(r"\s*(?:place|prize)", re.I)
    _DURATION_AFTER = re.compile(r"\s*(?:간|동안|째|만에|차)")
    _DURATION_BEFORE = re.compile(r"\b(?:for|after|over|in|within|during)\s+(?:about\s+|~)?$", re.I)
    _NAME = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z+#]+)\s?$")
    _ALNUM = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z]*(?:[-_]?\d+)+[A-Za-z0-9]*")
    _TIMES_TOKEN = re.compile(r"[x×]\d+")

    def mask(self, text: str) -> str:
        """`text` with what looks numeric but is no outcome blanked (same length)."""
        current = text
        for pattern in (self._CODE, self._URL, self._DATE, self._YEAR, self._VERSION, self._DOTTED):
            current = _blank(current, [m.span() for m in pattern.finditer(current)])
        current = _blank(current, self._ordinal_spans(current))
        current = _blank(current, [m.span() for m in self._LIST_NUMBER.finditer(current)])
        for spans in (self._duration_spans, self._duration_led_spans, self._hyphen_duration_spans):
            current = _blank(current, spans(current))
        current = _blank(current, self._named_number_spans(current))
        spans = [m.span() for m in self._ALNUM.finditer(current)
                 if m.group().lower() not in self._metric_names and not self._TIMES_TOKEN.fullmatch(m.group())]
        return _blank(current, spans)

    def _ordinal_spans(self, text: str) -> list[tuple[int, int]]:
        folded = fold(text)
        spans = []
        for m in _NUMBER.finditer(text):
            at = _ws(text, m.end())
            for end in self._ordinals.ends(folded, at):
                if not self._PLACE_AFTER.match(text, end):
                    spans.append((m.start(), end))
                    break
        return spans

    def _duration_spans(self, text: str) -> list[tuple[int, int]]:
        """5주간, 3개월 동안, 2주 차: the time the work took."""
        folded = fold(text)
        spans = []
        for m in _NUMBER.finditer(text):
            for end in self._time_units.ends(folded, _ws(text, m.end())):
                after = self._DURATION_AFTER.match(text, end)
                if after:
                    spans.append((m.start(), after.end()))
                    break
        return spans

    def _duration_led_spans(self, text: str) -> list[tuple[int, int]]:
        """for 5 weeks, after 3 months, within 2 days."""
        folded = fold(text)
        spans = []
        for m in _NUMBER.finditer(text):
            lead = self._DURATION_BEFORE.search(text, max(0, m.start() - 20), m.start())
            if lead is None:
                continue
            end = self._time_units.end(folded, _ws(text, m.end()))
            if end >= 0:
                spans.append((lead.start(), end))
        return _apart(spans)

    def _hyphen_duration_spans(self, text: str) -> list[tuple[int, int]]:
        """a 12-week program."""
        folded = fold(text)
        spans = []
        for m in _NUMBER.finditer(text):
            if m.end() < len(text) and text[m.end()] == "-":
                end = self._time_units.end(folded, m.end() + 1)
                if end >= 0:
                    spans.append((m.start(), end))
        return spans

    def _named_number_spans(self, text: str) -> list[tuple[int, int]]:
        """The number of "Java 8", "Python 3", "SOC 2": a capitalised name, then a bare number."""
        folded = fold(text)
        spans = []
        for m in _NUMBER.finditer(text):
            name = self._NAME.search(text, max(0, m.start() - 40), m.start())
            if name is None or name.group(1).lower() in self._name_exempt:
                continue
            end = m.end()
            if end < len(text) and (text[end].isdigit() or text[end] == "."):
                continue
            if any(table.after_space(folded, end) >= 0 for table in self._unitish):
                continue
            spans.append((m.start(), end))
        return spans


def _lazy_words(masked: str, end: int) -> Iterator[int]:
    """After a "from" figure: where "to" ends, with 0, 1, then 2 words between (fewest first)."""
    for words in range(3):
        m = re.compile(r"(?:\s+[A-Za-z-]+){%d}\s+(?:down\s+|up\s+)?to\s+" % words, re.I).match(masked, end)
        if m:
            yield m.end()


def _shorter_number(text: str, start: int, end: int) -> int:
    """The end of the number at `start` one step shorter, as a regex gives back its last
    character when what follows must not be a unit: a decimal digit, the decimal part,
    a thousands group, a digit; -1 when nothing is left."""
    number = text[start:end]
    if "." in number:
        whole, decimals = number.split(".", 1)
        return end - 1 if len(decimals) > 1 else start + len(whole)
    if "," in number:
        groups = number.split(",")
        return start + len(",".join(groups[:-1])) if len(groups) > 2 else start + len(groups[0])
    return end - 1 if len(number) > 1 else -1


def _apart(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order, none overlapping the one before."""
    out: list[tuple[int, int]] = []
    for span in sorted(spans):
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) span made spaces."""
    if not spans:
        return text
    pieces = []
    last = 0
    for start, end in _apart(spans):
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _is_symbol(unit: str) -> bool:
    return len(unit) == 1 and not unit.isalnum()


def _outermost(found: list[Quantity]) -> list[Quantity]:
    """Drop matches nested inside a longer one; keep text order."""
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quantity] = []
    for q in found:
        if kept and q.start >= kept[-1].start and q.end <= kept[-1].end:
            continue
        kept.append(q)
    return kept


def merge_lexicons(packs: Iterable[Pack]) -> QuantityLexicon:
    merged: dict[str, list[str]] = {}
    for pack in packs:
        for field, words in pack.quantities.to_dict().items():
            merged.setdefault(field, []).extend(words)
    return QuantityLexicon(**merged)


_MATCHERS: dict[tuple[int, ...], tuple[tuple[Pack, ...], QuantityMatcher]] = {}


def matcher_for(packs: tuple[Pack, ...]) -> QuantityMatcher:
    """One matcher per set of packs (packs live as long as the run)."""
    key = tuple(id(p) for p in packs)
    hit = _MATCHERS.get(key)
    if hit is None:
        hit = _MATCHERS[key] = (packs, QuantityMatcher(merge_lexicons(packs)))
    return hit[1]


def find_quantities(text: str, packs: tuple[Pack, ...] | None = None) -> list[Quantity]:
    return matcher_for(packs if packs is not None else builtin_packs()).find(text)


def is_measurable(text: str, packs: tuple[Pack, ...] | None = None) -> bool:
    return bool(find_quantities(text, packs))
