"""kinds: what each story answers (SPEC "Answer kinds").

Interview notes are answer banks.  Beside experiences they hold motivation (지원 동기),
self-introductions, strengths and weaknesses, plans, opinions, hypotheticals, lists and
interview debriefs.  The STAR checks are for experiences only, so each story is read as

- ``experience``: it tells, or its title asks for, something that happened to the
  speaker (a project, a conflict, a failure, "Tell me about a time…", "…했던 경험");
- ``other``: every other answer.

Two readings decide, in this order:

1. The title, against the questions of the rule packs (``[[questions]]``): each has a
   type (motivation, plans, …), the kind of its answer and a priority.  The strongest
   question the title matches decides: priority 3 whatever the body says, 2 "this asks
   for an experience", 1 "other, unless the body tells a past event" (strengths, a
   hobby, any other question).
2. The body, sentence by sentence: does it tell a past event (the past tense: 했습니다,
   했다, 됐고, I built, we shipped; note-style 함/됨 a little; STAR labels), or plan,
   suppose and speak in general (하겠습니다, 할 것 같습니다, 싶습니다, 편입니다,
   생각합니다; I will, I would, I believe)?  A title that asks nothing is an experience
   unless its body is clearly another answer.

``story.kind_why`` says what decided it; ``starlint inspect`` prints it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..models import Story, Unit
from .lexicon import Lexicon
from .packs import is_builtin
from .terms import TermMatcher

# A Hangul syllable is 0xAC00 + (initial * 21 + vowel) * 28 + final; final 20 is ㅆ,
# the mark of the Korean past tense (했, 됐, 었, 았, 였 …) — except in 있 (to be, present)
# and 겠 (the future).  Final 16 is ㅁ: the note-style ending (함, 됨, 했음).
_SSANG_SIOT = 20
_NOT_PAST = frozenset("있겠")
_NOTE_ENDINGS = ("함", "됨", "했음", "었음", "았음", "였음", "됐음", "짐", "김", "줌", "봄", "냄", "옴", "듦", "움")
_LABELLED = frozenset(("situation", "task", "action", "result", "problem", "learning"))


def korean_past(text: str) -> bool:
    """Does a word of `text` carry the Korean past tense (했습니다, 됐고, 있었다, 했던)?"""
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172 and code % 28 == _SSANG_SIOT and ch not in _NOT_PAST:
            return True
    return False


def note_ending(text: str) -> bool:
    """A note-style line ending in 함/됨/했음 (most often a step taken, sometimes a state)."""
    words = text.rstrip(" .!)]~").split()
    return bool(words) and words[-1].endswith(_NOTE_ENDINGS)


# A Korean predicate ends its clause: -다, -요, -니다, a note-style ending, a connective.
_KO_PREDICATE = re.compile(r"(?:다|요|죠|까|니다|함|됨|음|임|짐|김|움|줌|봄|냄|옴|듦|랐|졌|됐|했|었|았|였)[.!?…~)\]]*$"
                           r"|[가-힣](?:고|며|서|면|지만|는데|니까|도록|려고|면서)[,\s]")
# An English clause has a verb: a past form, a modal, or one of the verbs notes lean on.
_EN_VERB = re.compile(r"\b(?:\w{3,}(?<!e)ed|is|are|was|were|be|been|am|have|has|had|did|does|do|made|got|went|"
                      r"took|ran|built|led|wrote|set|gave|put|sent|found|saw|told|won|lost|left|kept|began|"
                      r"became|chose|brought|will|would|can|could|should|need|needs|want|wants)\b", re.I)


def has_predicate(text: str) -> bool:
    """Does `text` say something (a verb, a predicate), or only name a topic
    ("2022년 추천 모델 A/B 테스트 실패", "the pricing page redesign")?"""
    if korean_past(text) or note_ending(text) or _KO_PREDICATE.search(text.strip()):
        return True
    return _EN_VERB.search(text) is not None


class Reading(NamedTuple):
    past: float
    other: float
    labelled: int
    sentences: int


class KindReader:
    """The packs' questions and answer words, compiled once per lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.questions = [q for pack in lex.packs for q in pack.questions]
        self._titles = TermMatcher((q.terms, q.patterns, not is_builtin(pack))
                                   for pack in lex.packs for q in pack.questions)

        def words(field: str) -> TermMatcher:
            return TermMatcher([([t for p in lex.packs for t in getattr(p.answers, field)], [], False)] +
                               [([], getattr(p.answers, f"{field}_patterns"), not is_builtin(p))
                                for p in lex.packs if getattr(p.answers, f"{field}_patterns")])

        self._past, self._plan, self._general = words("past"), words("plan"), words("general")

    def question(self, title: str):
        """The strongest question the title asks, and the words that say so."""
        best = None
        for hit in self._titles.first(title):
            q = self.questions[hit.group]
            words = hit.matched.strip() or hit.matched
            # the strongest question wins; at a tie the longer words ("biggest weakness"
            # over "biggest"), then the first listed
            if best is None or (q.priority, len(words)) > (best[0].priority, len(best[1])):
                best = (q, words)
        return best

    def read_body(self, units: list[Unit], lex: Lexicon) -> Reading:
        past = other = 0.0
        labelled = sentences = 0
        for unit in units:
            text = unit.content if unit.label else unit.plain
            if unit.label in _LABELLED and not lex.is_placeholder(unit.content):
                labelled += 1
            if not text or lex.is_placeholder(text):
                continue
            sentences += 1
            plan = self._plan.search(text) is not None
            if plan:
                other += 1
            elif korean_past(text) or self._past.search(text) is not None:
                past += 1
            elif note_ending(text):
                past += 0.5
            elif self._general.search(text) is not None or text.rstrip().endswith("?"):
                other += 1
        return Reading(past, other, labelled, sentences)


_READERS: dict[int, tuple[Lexicon, KindReader]] = {}


def reader_for(lex: Lexicon) -> KindReader:
    found = _READERS.get(id(lex))
    if found is None or found[0] is not lex:
        found = _READERS[id(lex)] = (lex, KindReader(lex))
    return found[1]


def read_kind(story: Story, lex: Lexicon) -> Story:
    """Set ``story.kind`` and ``story.kind_why``."""
    reader = reader_for(lex)
    asked = reader.question(story.title)
    if asked is not None and asked[0].priority >= 2:
        question, words = asked
        story.kind = question.kind
        story.kind_why = (f"the title asks for an experience ('{words}')" if question.kind == "experience"
                          else f"the title asks about {question.type} ('{words}')")
        return story
    body = reader.read_body(story.units, lex)
    past = body.past + (2 if body.labelled >= 2 else 0)
    told = _told(body)
    if asked is not None:  # strengths, a hobby, a question: other unless the body tells a past event
        question, words = asked
        if past >= 2 and past >= body.other:
            story.kind, story.kind_why = "experience", f"{question.type} ('{words}'), told as a past event: {told}"
        else:
            story.kind, story.kind_why = "other", f"the title asks about {question.type} ('{words}'); body: {told}"
        return story
    # a body that only plans or speaks in general is another answer, however short
    # (STAR labels, even blank ones, say the writer means a story)
    only_other = past == 0 and body.other >= max(1, body.sentences) and \
        not any(u.label in _LABELLED for u in story.units)
    if only_other or (body.other >= 2 and (past < 1 or body.other >= 2 * past + 2)):
        story.kind, story.kind_why = "other", f"the body plans, supposes or speaks in general: {told}"
    else:
        story.kind = "experience"
        story.kind_why = f"the body tells a past event: {told}" if past else "no question in the title; read as an experience"
    return story


def _told(body: Reading) -> str:
    parts = []
    if body.past:
        parts.append(f"{body.past:g} in the past")
    if body.labelled:
        parts.append(f"{body.labelled} labelled")
    if body.other:
        parts.append(f"{body.other:g} plans or general")
    return ", ".join(parts) or "nothing written yet"
