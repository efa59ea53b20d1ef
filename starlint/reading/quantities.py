"""Measurable outcomes in a line of text: "10위", "0.065%", "두 배", "62% → 81%".

A number on its own never counts.  It counts when something ties it to an
outcome: a unit or counter (%, 명, 건, 배, 원, ms), a rank (10위, top 3), a
metric name before it (정확도 0.92), a before→after figure, or a time figure
that was saved or compared.  Years, dates, versions, names with digits
(ResNet50, GPT-4, COVID-19), ordinals (2주 차, 1번 문제) and the duration of
the work itself (5주간, a 12-week program) are masked out first.

The words come from the rule packs (``quantities`` tables); the shapes are here.
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from .._regex import LazyPattern as _pattern, Prefilter, Scanner, alternation, compile as _compile, remember  # re.compile, cached on disk
from .packs import Pack, QuantityLexicon, builtin_packs


class Quantity(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # percent, before-after, rank, count, money, multiplier, time, metric, rating


def _alt(words: Iterable[str], *, latin_boundary: bool = False) -> str:
    """An alternation, longest first so 개월 wins over 개 and %p over %."""
    unique = sorted(sorted({w for w in words if w}), key=len, reverse=True)  # fixed order: same pattern every run
    if not unique:
        return "(?!x)x"
    parts = []
    for w in unique:
        piece = re.escape(w)
        if latin_boundary and w[-1:].isascii() and w[-1:].isalnum():
            piece += r"(?![A-Za-z])"
        parts.append(piece)
    return "(?:" + alternation(parts, guard=False) + ")"  # same as (?:p1|p2|…), faster (see _regex)


# A number as people write it: 1,200 / 0.065 / 300만 / 40k is handled by units.
_NUM = r"(?<![A-Za-z0-9_.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_APPROX_KO = r"(?:\s*여)?"
_MAG_KO = r"(?:\s*(?:만|천|백|억))?"


class QuantityMatcher:
    """Compiled once per set of packs; ``find`` is called for every Result line."""

    def __init__(self, lex: QuantityLexicon) -> None:
        counters = _alt(lex.counters)
        time_units = _alt(lex.time_units, latin_boundary=True)
        ordinals = _alt(lex.ordinal_suffixes, latin_boundary=True)
        units = _alt(lex.units, latin_boundary=True)
        money_after = _alt([m for m in lex.money_units if not _is_symbol(m)], latin_boundary=True)
        money_before = _alt([m for m in lex.money_units if _is_symbol(m)])
        metric = _alt(lex.metric_words, latin_boundary=True)
        count_nouns = _alt(lex.count_nouns, latin_boundary=True)
        number_words = _alt(lex.number_words, latin_boundary=True)
        mult_words = _alt(lex.multiplier_words, latin_boundary=True)
        mult_after = _alt(lex.multipliers, latin_boundary=True)
        rank_words = _alt(lex.rank_words, latin_boundary=True)
        rank_counters = _alt(lex.rank_counters)
        saving = _alt(lex.time_saving_words)
        self._saving = _compile(saving, re.I)

        num = _NUM
        # any figure with its unit, used on both sides of before→after
        numu = (
            rf"(?:{money_before}\s?)?{num}\+?{_APPROX_KO}{_MAG_KO}\s*"
            rf"(?:{units}|{time_units}|{counters}|{money_after}|{mult_after}|[kKmM](?![A-Za-z]))?"
        )
        numu_or_word = rf"(?:{numu}|{number_words}\s*(?:{counters}|{time_units}))"
        arrow = r"(?:→|->|-->|=>|⇒|⟶|➔|➡️?|~>)"
        soft = r"(?:약|about|around|under|over|below|above|less than|more than|just|~|≈)?\s*"

        # Masks: spans that look numeric but are not outcomes.
        self._masks = [
            _pattern(r"`[^`]*`"),  # inline code that survived parsing
            _pattern(r"https?://\S+"),
            _pattern(r"(?<!\d)\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?(?!\d)"),  # dates
            _pattern(r"(?<![\d,.$₩])(?:19|20)\d{2}(?![\d,.%])(?:\s*(?:년도|년|학년도)|'?s\b)?"
                       r"(?!\s*(?:명|건|개|원|만|억|달러|users|people))"),  # years
            _pattern(r"(?<![A-Za-z0-9])(?:v|ver\.?|version)\s?\d+(?:\.\d+)*", re.I),
            _pattern(r"(?<![\d.])\d+\.\d+\.\d+(?:\.\d+)*"),  # 3.11.2
            _pattern(rf"{num}\s*{ordinals}(?!\s*(?:place|prize))", re.I),
            _pattern(r"^\s*\(?\d{1,2}[.)]\s"),  # list numbering left in text
            # durations of the work: 5주간, 3개월 동안, for 5 weeks, after 5 weeks, a 12-week
            _pattern(rf"{num}\s*{time_units}\s*(?:간|동안|째|만에|차)", re.I),
            _pattern(rf"\b(?:for|after|over|in|within|during)\s+(?:about\s+|~)?{num}\s*{time_units}", re.I),
            _pattern(rf"{num}-{time_units}", re.I),
        ]
        # Names and ids with digits glued to letters: ResNet50, GPT-4, COVID-19, p99, Q3
        self._alnum = _pattern(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z]*(?:[-_]?\d+)+[A-Za-z0-9]*")
        self._metric_names = {w.lower() for w in lex.metric_words}
        # "Java 8", "Python 3", "Compose 1.5", "SOC 2": a name and a bare number.
        unitish = _alt([*lex.units, *lex.counters, *lex.time_units, *lex.money_units,
                        *lex.multipliers, *lex.count_nouns, *lex.rank_counters], latin_boundary=True)
        self._named_number = _pattern(
            rf"(?<![A-Za-z0-9])([A-Z][A-Za-z+#]+)\s?({num})(?!\s*{unitish}|[\d.])")
        self._name_exempt = self._metric_names | {w.lower() for w in lex.rank_words}

        self._finders: list[tuple[str, re.Pattern[str]]] = [
            ("before-after", _pattern(rf"{numu_or_word}\s*{arrow}\s*{soft}{numu_or_word}", re.I)),
            ("before-after", _pattern(rf"{numu_or_word}\s*에서\s*{soft}{numu_or_word}\s*(?:으로|로)", re.I)),
            ("before-after", _pattern(rf"\bfrom\s+{soft}{numu_or_word}(?:\s+[A-Za-z-]+){{0,2}}?\s+(?:down\s+|up\s+)?to\s+{soft}{numu_or_word}", re.I)),
            ("before-after", _pattern(rf"\b(?:down|up)\s+from\s+(?:{numu}|{number_words})", re.I)),
            ("percent", _pattern(rf"[+\-−±]?\s?{num}\s*{units}", re.I)),
            ("percent", _pattern(rf"[+\-−±]\s?{num}\s*(?:p|pt)(?![A-Za-z])", re.I)),
            ("multiplier", _pattern(rf"{num}\s*{mult_after}(?!\s*/|\s*(?:a|per)\s+(?:week|day|month))", re.I)),
            ("multiplier", _pattern(rf"(?<![A-Za-z0-9])[x×]\s?{num}(?![\d.])")),
            ("multiplier", _pattern(mult_words, re.I)),
            ("rank", _pattern(rf"{num}\s*{rank_counters}", re.I)),
            ("rank", _pattern(rf"{rank_words}\s*#?\s?{num}", re.I)),
            ("rank", _pattern(rf"(?<![A-Za-z])#\s?{num}")),
            ("rank", _pattern(rf"{num}(?:st|nd|rd|th)\s+(?:place|prize|out of|of \d)", re.I)),
            ("money", _pattern(rf"{money_before}\s?{num}(?:\s?(?:[kKmMbB](?![A-Za-z])|million|billion|thousand))?", re.I)),
            ("money", _pattern(rf"{num}{_APPROX_KO}{_MAG_KO}\s*{money_after}", re.I)),
            ("count", _pattern(rf"{num}{_APPROX_KO}{_MAG_KO}\s*{counters}")),
            ("count", _pattern(rf"{num}(?:\s?[kKM](?![A-Za-z]))?\+?\s+(?:new\s+|more\s+|active\s+)?{count_nouns}", re.I)),
            ("count", _pattern(r"\b(?:to|at|hit|reached)\s+zero\b|\bzero\s+\w+", re.I)),
            # nothing left is a measured outcome: 결석 0일, 0 days lost, 0건
            ("count", _pattern(rf"(?<![\d.,])0\s*(?:{counters}|{time_units})", re.I)),
            ("count", _pattern(rf"(?:{num}|{number_words})\s*{time_units}\s+without\b", re.I)),
            ("metric", _pattern(rf"{metric}\s*(?:[:=]|of|은|는|이|가|을|를|도)?\s*(?:약\s*|about\s*|~)?{num}(?!\s*{time_units})", re.I)),
            ("rating", _pattern(rf"{num}\s*/\s*(?:5|7|10|100)(?![\d.])")),
        ]
        self._time = _pattern(rf"{num}\s*{time_units}", re.I)
        # The same patterns, each skipping to where a match can start (see _regex.Scanner).
        self._finders = [(kind, Scanner(p)) for kind, p in self._finders]  # type: ignore[misc]
        self._masks = [Scanner(p) for p in self._masks]  # type: ignore[misc]
        self._time, self._named_number, self._alnum = (  # type: ignore[assignment]
            Scanner(self._time), Scanner(self._named_number), Scanner(self._alnum))
        # The literals each pattern needs (a counter, an arrow, a metric word), tested for
        # all of them at once per text: most patterns are not run on most sentences.
        # Keys are never white space, so a key missing from the text is missing from it
        # once masked too (masks only blank text).
        scanners = [s for _, s in self._finders] + self._masks + [self._named_number, self._alnum, self._time]
        self._filter = Prefilter([s.pattern for s in scanners])
        needs = self._filter.needs
        count = len(self._finders)
        self._finder_needs = needs[:count]
        self._mask_needs = needs[count:count + len(self._masks)]
        self._named_need, self._alnum_need, self._time_need = needs[-3:]
        self._memo: dict[str, tuple[Quantity, ...]] = {}  # what was found in recent texts (see _regex.remember)
        self._plans: dict[tuple[int, bool], tuple[list, bool, list]] = {}

    def find(self, text: str) -> list[Quantity]:
        found = self._memo.get(text)
        if found is None:
            found = remember(self._memo, text, tuple(self._find(text)))
        return list(found)

    def _find(self, text: str) -> list[Quantity]:
        digit = _DIGIT.search(text) is not None
        present = self._filter.bits(text)
        # the finders that can match (a literal each needs, or any digit, may be missing),
        # worked out once per combination of literals present: sentences share a few
        plan = self._plans.get((present, digit))
        if plan is None:
            if len(self._plans) >= 4096:  # bounded, like the text memos
                self._plans.clear()
            plan = self._plans[(present, digit)] = self._plan(present, digit)
        active, timed, masks = plan
        if not active and not timed:
            return []  # nothing can match: the masks need not run either
        masked = self._mask(text, digit, present, masks)
        found: list[Quantity] = []
        starts: dict = {}  # where each first-character class first occurs in `masked`
        for kind, scanner in active:
            first = scanner.first  # Scanner.start, inlined: this loop runs for every sentence
            if first is None:
                start = 0
            else:
                start = starts.get(first)
                if start is None:
                    hit = first.search(masked)
                    start = starts[first] = -1 if hit is None else hit.start()
                if start < 0:
                    continue
            for m in scanner.pattern.finditer(masked, start):
                if not any(ch.isdigit() for ch in m.group()) and kind not in ("multiplier", "before-after", "count"):
                    continue
                found.append(Quantity(m.start(), m.end(), text[m.start():m.end()], kind))
        for m in self._time.finditer(masked, starts) if timed else ():
            window = masked[max(0, m.start() - 14): m.end() + 14]
            if self._saving.search(window):
                found.append(Quantity(m.start(), m.end(), text[m.start():m.end()], "time"))
        return _outermost(found)

    def _plan(self, present: int, digit: bool) -> tuple[list, bool, list]:
        """(finders that can match, can the time finder, masks that can match) for a text
        holding these literals (`present`, see Prefilter) and a digit or not."""
        active = [(kind, scanner) for (kind, scanner), need in zip(self._finders, self._finder_needs)
                  if present & need == need and (digit or not scanner.needs_digit)]
        need = self._time_need
        timed = present & need == need and (digit or not self._time.needs_digit)
        masks = [pattern for pattern, need in zip(self._masks, self._mask_needs)
                 if present & need == need and (digit or not pattern.needs_digit)]
        return active, timed, masks

    def _mask(self, text: str, digit: bool = True, present: int | None = None, masks: list | None = None) -> str:
        # Each mask runs on the text as the masks before it left it; the text is rebuilt
        # only when a mask blanked something.  With no digit in the text, the masks that
        # need one are skipped (blanking never adds a digit), and so are those missing a
        # literal they need (`present`: see find; blanking never adds one either).
        if present is None:
            present = self._filter.bits(text)
        if masks is None:
            masks = self._plan(present, digit)[2]
        current = text
        starts: dict = {}  # first-character positions in `current`, until it changes
        for pattern in masks:
            spans = [m.span() for m in pattern.finditer(current, starts)]
            if spans:
                current, starts = _blank(current, spans), {}
        if not digit and self._named_number.needs_digit and self._alnum.needs_digit:
            return current
        need = self._named_need
        spans = [m.span(2) for m in (self._named_number.finditer(current, starts) if present & need == need else ())
                 if m.group(1).lower() not in self._name_exempt]
        if spans:
            current, starts = _blank(current, spans), {}
        spans = []
        need = self._alnum_need
        for m in self._alnum.finditer(current, starts) if present & need == need else ():
            token = m.group()
            if token.lower() in self._metric_names or re.fullmatch(r"[x×]\d+", token):
                continue
            spans.append(m.span())
        return _blank(current, spans)


_DIGIT = _compile(r"\d")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) span, in order and not overlapping, made spaces."""
    if not spans:
        return text
    pieces = []
    last = 0
    for start, end in spans:
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
    """One compiled matcher per set of packs (packs live as long as the run)."""
    key = tuple(id(p) for p in packs)
    hit = _MATCHERS.get(key)
    if hit is None:
        hit = _MATCHERS[key] = (packs, QuantityMatcher(merge_lexicons(packs)))
    return hit[1]


def find_quantities(text: str, packs: tuple[Pack, ...] | None = None) -> list[Quantity]:
    return matcher_for(packs if packs is not None else builtin_packs()).find(text)


def is_measurable(text: str, packs: tuple[Pack, ...] | None = None) -> bool:
    return bool(find_quantities(text, packs))
