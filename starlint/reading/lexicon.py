"""Packs compiled into matchers: labels and cues, built once per set of packs."""

from __future__ import annotations

import re
from typing import NamedTuple

from .packs import Pack, builtin_packs, is_builtin
from .quantities import QuantityMatcher, matcher_for
from .terms import TermMatcher, WordGuard, remember

# The cue groups whose stems say the speaker did or owned something: a person noun
# (기획자) or a subject (배포가) built on the stem says neither.
GUARDED = ("action", "task")
LABEL_KINDS = ("situation", "task", "action", "result", "problem", "learning", "reflection")

# Decoration people put before a label: emoji, bullets, arrows, numbering, brackets.
_LEAD = r"^[\s\W\d_]*?"
_EMOJI_OR_SYMBOL = re.compile(r"^(?:(?:[^\w\s\[(]|\d+[.)]|\(\d+\)|[①-⑳])\s*)+")
_BARE_LETTER = re.compile(r"^(?P<letter>[A-Z])\s*(?:\((?P<paren>[^)]*)\)|(?P<dash>[-–—]+)\s*(?P<rest>.+))?\s*$")
_BRACKETS = re.compile(r"[()\[\]{}<>\"'“”‘’]")
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


class Lexicon:
    """The packs compiled into matchers (labels, cues, quantities), built once per set of packs."""

    def __init__(self, packs: tuple[Pack, ...], quantities: QuantityMatcher) -> None:
        self.packs = packs
        self.quantities = quantities
        # what was read in recent texts (see terms.remember)
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
        self._label_regex = re.compile(
            # "Task/Goal:" — two labels joined by a slash read as the first
            rf"^(?P<label>{word_alt})(?:\s*/\s*(?:{word_alt}))?(?![\w가-힣]){_SEPARATOR}"
            rf"|^(?P<letter>{letter_alt})\s*[:：)]",
            re.I,
        )
        self._bracket_regex = re.compile(rf"^[\[(](?P<label>{letter_alt}|{word_alt})[\])]\s*[:：]?", re.I)
        # Every cue group of every pack, found in a sentence at once (terms.TermMatcher);
        # a user's patterns run on RE2.
        self._groups = [(pack, group) for pack in self.packs for group in pack.cues if group.terms or group.patterns]
        # a doing or role stem inside a noun (기획자, developers) or a subject (배포가) is
        # no cue, nor is any cue inside a listed phrase (검색 결과): see terms.WordGuard
        guard = WordGuard(
            noun_suffixes=[x for pack in self.packs for x in (*pack.words.noun_suffixes, *pack.words.others_endings)],
            subject_particles=[x for pack in self.packs for x in pack.words.subject_particles],
            not_cues=[x for pack in self.packs for x in pack.words.not_cues])
        self._terms = TermMatcher(((group.terms, group.patterns, not is_builtin(pack), group.part in GUARDED)
                                   for pack, group in self._groups), guard)
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
            if spelled is not None and spelled.kind == kind:  # "S - Situation: …"
                return LabelHit(kind=kind, written=m.group("letter"), content=spelled.content)
            if spelled is not None or re.match(r"[A-Z](?:\s|$)", rest):
                return None  # "S - Result", "A - B testing": not a label
            return LabelHit(kind=kind, written=m.group("letter"), content=rest)  # "S — 업데이트 때마다 …"
        return LabelHit(kind=kind, written=m.group("letter"), content="")

    def is_placeholder(self, content: str) -> bool:
        """Nothing, or only a note to self: "", "(TBD)", "TODO: add numbers", "아직 결과 없음"."""
        bare = _norm(_BRACKETS.sub("", content)).strip(".:;,-–—!?…")
        if not bare:
            return True
        return bare in self._placeholders or bare.startswith(self._placeholder_prefixes)

    # -- cues -----------------------------------------------------------------
    def cues(self, text: str) -> list[CueHit]:
        """The cue groups found in `text`, in pack order, each with what it matched."""
        found = self._cue_memo.get(text)
        if found is None:
            groups = self._groups
            found = remember(self._cue_memo, text, tuple(
                CueHit(group.part, group.weight, hit.matched.strip() or hit.matched, group.note,
                       group.inside_labels, tuple(group.marks))
                for hit in self._terms.first(text) for group in (groups[hit.group][1],)))
        return list(found)

    def some_cues(self, subset: str, text: str) -> tuple[CueHit, ...]:
        """The hits of one subset of the groups: "role" (those that count inside labels)
        or "pending" (plans)."""
        if subset == "role":
            return tuple(c for c in self.cues(text) if c.inside_labels)
        return tuple(c for c in self.cues(text) if c.part == "pending")


_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub("", text).casefold()  # compiled once: this runs for every label and placeholder


def _flexible(word: str) -> str:
    """A (space-free) label word matched with any spacing inside: 배운 점 / 배운점, What I did."""
    return r"\s*".join(re.escape(ch) for ch in word)


_CACHE: dict[tuple[int, ...], Lexicon] = {}


def lexicon_for(packs: tuple[Pack, ...] | None = None) -> Lexicon:
    packs = packs if packs is not None else builtin_packs()
    key = tuple(id(p) for p in packs)
    lex = _CACHE.get(key)
    if lex is None:
        lex = _CACHE[key] = Lexicon(packs=packs, quantities=matcher_for(packs))
    return lex
