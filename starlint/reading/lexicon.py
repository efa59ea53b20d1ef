"""Packs compiled into matchers: labels and cues, built once per set of packs."""

from __future__ import annotations

import re
from typing import NamedTuple

from .._regex import LazyPattern, Prefilter, _pair_share, alternation, compile as _compile, first_chars, fold, key_code, memo, remember, text_keys
from .packs import Pack, builtin_packs
from .quantities import QuantityMatcher, matcher_for

LABEL_KINDS = ("situation", "task", "action", "result", "problem", "learning")

# Decoration people put before a label: emoji, bullets, arrows, numbering, brackets.
_LEAD = r"^[\s\W\d_]*?"
_EMOJI_OR_SYMBOL = _compile(r"^(?:(?:[^\w\s\[(]|\d+[.)]|\(\d+\)|[①-⑳])\s*)+")
_BARE_LETTER = _compile(r"^(?P<letter>[A-Z])\s*(?:\((?P<paren>[^)]*)\)|[-–—]\s*(?P<rest>.+))?\s*$")
_BRACKETS = _compile(r"[()\[\]{}<>\"'“”‘’]")
_SEPARATOR = r"(?:\s*(?:\([^)]{0,40}\)|\[[^\]]{0,40}\]))?\s*(?::|：|=>|->|→|\s[-–—]+\s|[–—]|\)|\]|$)"


class LabelHit(NamedTuple):
    kind: str  # one of LABEL_KINDS
    written: str  # the label as the user wrote it
    content: str  # the text after the label and its separator


class CueHit(NamedTuple):
    part: str
    weight: float
    matched: str
    note: str
    inside_labels: bool
    marks: tuple[str, ...] = ()  # framework parts the hit also evidences ("learning")


class _CueMatcher(NamedTuple):
    part: str
    weight: float
    note: str
    inside_labels: bool
    regex: re.Pattern[str]
    marks: tuple[str, ...] = ()


class Lexicon:
    """The packs compiled into matchers (labels, cues, quantities), built once per set of packs."""

    def __init__(self, packs: tuple[Pack, ...], quantities: QuantityMatcher) -> None:
        self.packs = packs
        self.quantities = quantities
        # what was read in recent texts (see _regex.remember)
        self._cue_memo: dict[str, tuple[CueHit, ...]] = {}
        self._label_memo: dict[str, LabelHit | None] = {}
        kinds: dict[str, str] = {}
        for pack in self.packs:
            for kind in LABEL_KINDS:
                for name in getattr(pack.labels, kind):
                    kinds.setdefault(_norm(name), kind)
        self._label_kinds = kinds
        words = sorted((n for n in kinds if len(n) > 1), key=len, reverse=True)
        letters = sorted(n for n in kinds if len(n) == 1)
        word_alt = "|".join(_flexible(w) for w in words) or "(?!x)x"
        # Single letters (S/T/A/R) only count with a colon or inside brackets.
        letter_alt = "|".join(re.escape(c) for c in letters) or "(?!x)x"
        self._label_regex = _compile(
            # "Task/Goal:" — two labels joined by a slash read as the first
            rf"^(?P<label>{word_alt})(?:\s*/\s*(?:{word_alt}))?(?![\w가-힣]){_SEPARATOR}"
            rf"|^(?P<letter>{letter_alt})\s*[:：)]",
            re.I,
        )
        self._bracket_regex = _compile(rf"^[\[(](?P<label>{letter_alt}|{word_alt})[\])]\s*[:：]?", re.I)
        # What a label can start with, so that most lines are turned away after one test:
        # the label regex's possible first characters, a bracket, or a bare S/T/A/R.
        starts = first_chars(self._label_regex.pattern, re.I)
        self._label_start = _compile(f"{starts}|[\\[(A-Z]", re.I) if starts else None
        self._cues = []
        for pack in self.packs:
            for group in pack.cues:
                pieces = [_term_regex(t) for t in group.terms] + list(group.patterns)
                if not pieces:
                    continue
                # same as (?:p1)|(?:p2)|…, compiled only if a sentence needs it (see _TermIndex)
                regex = LazyPattern(alternation(pieces, re.I | re.M), re.I | re.M)
                self._cues.append(_CueMatcher(group.part, group.weight, group.note, group.inside_labels, regex,
                                              tuple(group.marks)))
        # Which cue groups can match a sentence at all, from the literals each needs: a
        # sentence is searched by the few groups it can match, not by all of them.
        self._cue_filter = Prefilter([cue.regex for cue in self._cues])
        groups = [group for pack in self.packs for group in pack.cues if group.terms or group.patterns]
        self._terms = _TermIndex(groups)
        # Labelled lines need only some groups: those that count inside labels too (a role
        # stated under 행동) and, under a Result label, the plans.  Each subset is read on
        # its own (the same hits as `cues` gives for those groups).
        self._subsets = {
            name: ([cue for cue, group in zip(self._cues, groups) if keep(group)],
                   _TermIndex([group for group in groups if keep(group)]), {})
            for name, keep in (("role", lambda g: g.inside_labels), ("pending", lambda g: g.part == "pending"))
        }
        self._placeholders = {_norm(p) for pack in self.packs for p in pack.placeholders}
        self._placeholder_prefixes = tuple(_norm(p) for pack in self.packs for p in pack.placeholder_prefixes)

    # -- labels -------------------------------------------------------------
    def label(self, text: str) -> LabelHit | None:
        """The STAR label that starts this text, if any: `**상황**:`, `S:`, `[T]`, `📈 결과 :`."""
        memo = self._label_memo
        if text in memo:
            return memo[text]
        return remember(memo, text, self._label(text))

    def _label(self, text: str) -> LabelHit | None:
        stripped = _EMOJI_OR_SYMBOL.sub("", text.strip(), count=1) if text else ""
        start = self._label_start
        if start is not None and stripped and start.match(stripped) is None and text.lstrip()[:1] not in ("[", "("):
            return None  # no label, bracket or bare letter can start here (the regexes below would agree)
        m = self._bracket_regex.match(stripped) or self._label_regex.match(stripped)
        if not m:
            bare = self._bare_letter(stripped)
            if bare is not None:
                return bare
        if not m:
            # "[S] text" with the bracket kept as decoration was stripped above: retry raw
            m = self._bracket_regex.match(text.strip())
            if not m:
                return None
            stripped = text.strip()
        written = m.group("label") if m.groupdict().get("label") else m.group("letter")
        kind = self._label_kinds.get(_norm(written))
        if kind is None:
            return None
        content = stripped[m.end():].strip(" \t:：-–—>")
        return LabelHit(kind=kind, written=written, content=content)

    def _bare_letter(self, text: str) -> LabelHit | None:
        """A lone S/T/A/R, as a heading or bullet: `### S`, `S (Situation)`, `S - Situation`."""
        m = _BARE_LETTER.match(text)
        if not m:
            return None
        kind = self._label_kinds.get(_norm(m.group("letter")))
        if kind is None:
            return None
        rest = (m.group("rest") or "").strip()
        if rest:
            spelled = self.label(rest)
            if spelled is None or spelled.kind != kind:
                return None
            return LabelHit(kind=kind, written=m.group("letter"), content=spelled.content)
        return LabelHit(kind=kind, written=m.group("letter"), content="")

    def is_placeholder(self, content: str) -> bool:
        """Nothing, or only a note to self: "", "(TBD)", "TODO: add numbers", "아직 결과 없음"."""
        bare = _norm(_BRACKETS.sub("", content)).strip(".:;,-–—!?…")
        if not bare:
            return True
        return bare in self._placeholders or bare.startswith(self._placeholder_prefixes)

    # -- cues -----------------------------------------------------------------
    def cues(self, text: str) -> list[CueHit]:
        found = self._cue_memo.get(text)
        if found is None:
            found = remember(self._cue_memo, text, self._read_cues(text))
        return list(found)

    def some_cues(self, subset: str, text: str) -> tuple[CueHit, ...]:
        """The hits of one subset of the groups ("role": those that count inside labels,
        "pending": plans): the same as those of `cues`, read without the other groups."""
        cues, terms, memo = self._subsets[subset]
        found = self._cue_memo.get(text)
        if found is not None:  # the whole reading is known: pick the subset's hits
            return tuple(c for c in found if c.inside_labels) if subset == "role" else \
                tuple(c for c in found if c.part == "pending")
        found = memo.get(text)
        if found is None:
            if len(text) <= CUE_WINDOW and terms.usable:
                found = terms.read(text, cues)
            else:
                found = tuple(c for c in self._read_cues_by_regex(text)
                              if (c.inside_labels if subset == "role" else c.part == "pending"))
            found = remember(memo, text, found)
        return found

    def _read_cues(self, text: str) -> tuple[CueHit, ...]:
        if len(text) <= CUE_WINDOW and self._terms.usable:
            return self._terms.read(text, self._cues)
        return self._read_cues_by_regex(text)

    def _read_cues_by_regex(self, text: str) -> tuple[CueHit, ...]:
        """Each group's whole alternation searched in turn: the reference `_TermIndex` keeps to."""
        hits = []
        present = self._cue_filter.bits(text)
        for cue, need in zip(self._cues, self._cue_filter.needs):
            if present & need != need:
                continue  # a literal every match holds is missing from the text
            m = _search(cue.regex, text)
            if m:
                hits.append(CueHit(cue.part, cue.weight, m.group().strip() or m.group(), cue.note, cue.inside_labels,
                                   cue.marks))
        return tuple(hits)


# Cue patterns read a sentence at most CUE_WINDOW characters at a time (windows
# overlap by CUE_OVERLAP), so even a slow pattern from a user's pack costs a bounded
# amount per character of the notes (see packs.py).  Shorter sentences are read whole.
CUE_WINDOW = 500
CUE_OVERLAP = 150


def _search(regex: re.Pattern[str], text: str) -> re.Match[str] | None:
    if len(text) <= CUE_WINDOW:
        return regex.search(text)
    for start in range(0, len(text) - CUE_OVERLAP, CUE_WINDOW - CUE_OVERLAP):
        m = regex.search(text, start, start + CUE_WINDOW)
        if m:
            return m
    return None


class _TermIndex:
    """Cue groups read with one look-up of the text's letter pairs instead of a regex each.

    A group is ``(?:term1)|(?:term2)|…|(?:pattern1)|…`` searched in the sentence: its
    hit is the leftmost place any alternative matches and, there, the first alternative
    in order.  Python's regex engine tries a group's few hundred stems one by one at
    every place, which is most of the time spent reading.  Here every term is filed
    under the first one or two (case-folded) characters it starts with; the sentence's
    own pieces (``text_keys``, also used by the prefilter) pick out the few terms that
    can occur, ``str.find`` in the folded sentence finds where, and each group's
    leftmost (then first-listed) term is its term hit.  The group's patterns, if any,
    are one smaller regex, searched only when the prefilter allows; a pattern hit wins
    only when it is further left (terms come before patterns in the alternation).

    Folding maps exactly what IGNORECASE matches to an ASCII letter onto that letter
    and keeps every position (``_regex.fold``), so a term matches at a place exactly
    when its folded form is there, given its guards: Latin terms must not follow an
    ASCII letter (``(?<![A-Za-z])``, which under IGNORECASE is a folded ASCII letter)
    and phrases must not run into one.  A group with a term outside what folding
    covers (a cased letter that is not ASCII) is read by its regex, as are texts longer
    than CUE_WINDOW (their regex search is windowed).  tests/test_cues.py holds the two
    readings to each other.
    """

    __slots__ = ("usable", "index", "keys", "patterns", "pattern_filter", "unindexed")

    def __init__(self, groups: list) -> None:
        # (group, order, folded term, Latin guard, phrase guard, second pair) filed under the term's rarest pair
        self.index: dict[int, list[tuple[int, int, str, bool, bool, int]]] = {}
        entries, self.unindexed = memo("term-index", tuple((tuple(g.terms), bool(g.patterns)) for g in groups),
                                       lambda: _index_terms(groups))
        for key, entry in entries:
            self.index.setdefault(key, []).append(entry)
        self.keys = frozenset(self.index)
        regexes: list[re.Pattern[str]] = []
        numbers: list[int] = []
        for number, group in enumerate(groups):
            if group.patterns and number not in self.unindexed:
                regexes.append(_compile(alternation(list(group.patterns), re.I | re.M), re.I | re.M))
                numbers.append(number)
        self.pattern_filter = Prefilter(regexes)
        # (group, its patterns as one regex, prefilter need)
        self.patterns = list(zip(numbers, regexes, self.pattern_filter.needs))
        self.usable = bool(groups)

    def read(self, text: str, cues: list) -> tuple[CueHit, ...]:
        folded = fold(text)
        keys = text_keys(text)
        # group -> (position, order, matched text) of its hit; patterns rank after terms (order -1 never ties)
        best: dict[int, tuple[int, int, str]] = {}
        for key in self.keys.intersection(keys):
            for number, order, term, latin, phrase_end, after in self.index[key]:
                if after and after not in keys:
                    continue
                at = folded.find(term)
                while at >= 0 and ((latin and at and folded[at - 1] in _ASCII_LETTERS_SET) or
                                   (phrase_end and folded[at + len(term):at + len(term) + 1] in _ASCII_LETTERS_SET)):
                    at = folded.find(term, at + 1)
                if at >= 0:
                    known = best.get(number)
                    if known is None or (at, order) < known[:2]:
                        best[number] = (at, order, text[at:at + len(term)])
        if self.patterns:
            present = self.pattern_filter.bits(text)
            for number, regex, need in self.patterns:
                if present & need == need:
                    m = regex.search(text)
                    if m is not None:
                        known = best.get(number)
                        if known is None or m.start() < known[0]:
                            best[number] = (m.start(), -1, m.group())
        for number in self.unindexed:
            m = _search(cues[number].regex, text)
            if m is not None:
                best[number] = (m.start(), -1, m.group())
        hits = []
        for number in sorted(best):
            cue = cues[number]
            matched = best[number][2]
            hits.append(CueHit(cue.part, cue.weight, matched.strip() or matched, cue.note, cue.inside_labels, cue.marks))
        return tuple(hits)


def _index_terms(groups: list) -> tuple[list[tuple[int, tuple]], list[int]]:
    """The index entries of every term, with the key each is filed under; and the
    groups that must be read by their regex (remembered across runs: see _regex.memo)."""
    entries: list[tuple[int, tuple]] = []
    unindexed: list[int] = []
    for number, group in enumerate(groups):
        if not all(_indexable(t) for t in group.terms):
            unindexed.append(number)
            continue
        for order, term in enumerate(group.terms):
            folded = fold(term)
            latin = term[:1].isascii() and term[:1].isalnum()
            phrase_end = latin and " " in term.strip() and term[-1:].isalpha()
            # filed under its rarest pair of letters, with a second pair the text must
            # hold too (tested before searching): a text rules out most terms at once
            pairs = sorted(dict.fromkeys(folded[i:i + 2] for i in range(len(folded) - 1)) or [folded],
                           key=lambda pair: _pair_share(pair) if len(pair) == 2 else 1e9)
            after = key_code(pairs[1]) if len(pairs) > 1 else 0
            entries.append((key_code(pairs[0]), (number, order, folded, latin, phrase_end, after)))
    return entries, unindexed


_ASCII_LETTERS_SET = frozenset("abcdefghijklmnopqrstuvwxyz")


def _indexable(term: str) -> bool:
    """Can folding stand in for IGNORECASE on this term?  ASCII, and letters with no case
    (Hangul, CJK), are exact; a term must be long enough to be filed under a key."""
    return bool(term) and all(ch.isascii() or (ord(ch) <= 0xFFFF and ch.lower() == ch == ch.upper()) for ch in term)


_SPACES = _compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub("", text).casefold()  # compiled once: this runs for every label and placeholder


def _flexible(word: str) -> str:
    """A (space-free) label word matched with any spacing inside: 배운 점 / 배운점, What I did."""
    return r"\s*".join(re.escape(ch) for ch in word)


def _term_regex(term: str) -> str:
    escaped = re.escape(term)
    if term[:1].isascii() and term[:1].isalnum():
        # Latin stems start a word; a phrase of several words also ends one
        # ("took on" must not match "took one").
        end = r"(?![A-Za-z])" if " " in term.strip() and term[-1:].isalpha() else ""
        return r"(?<![A-Za-z])" + escaped + end
    return escaped  # Korean stems match inside words (particles, endings)


_CACHE: dict[tuple[int, ...], Lexicon] = {}


def lexicon_for(packs: tuple[Pack, ...] | None = None) -> Lexicon:
    packs = packs if packs is not None else builtin_packs()
    key = tuple(id(p) for p in packs)
    lex = _CACHE.get(key)
    if lex is None:
        lex = _CACHE[key] = Lexicon(packs=packs, quantities=matcher_for(packs))
    return lex
