"""STAR207 duplicate-story: the same story told twice in the notes."""

from __future__ import annotations

import re

from itertools import chain
from typing import Iterator, NamedTuple


from ..reading.terms import remember
from ..reading.frameworks import unit_text
from ..models import Story
from ..columns import shorten
from .base import Context, Finding, Rule, options_schema_for


class Options(NamedTuple):
    # weighted Jaccard similarity of the two stories' words (figures weigh more) from which they are one story
    min_similarity: float = 0.2
    # stories with fewer distinct words than this are not compared
    min_words: int = 12


# what `rule-options = {duplicate-story = {…}}` is checked against
options_schema = options_schema_for(
    Options, "DuplicateStoryOptions", {"min_similarity": {"gt": 0, "le": 1}, "min_words": {"ge": 1}})

# one short line per diagnostic
MESSAGES = {
    "ko": "{line}번째 줄 '{title}' 이야기와 비슷합니다 (유사도 {sim})",
    "en": "Same as '{title}' (line {line}, similarity {sim})",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "이 이야기는 노트의 다른 이야기와 같은 경험으로 보입니다. 같은 경험을 여러 질문에 쓸 수는 있지만, "
          "노트에는 한 번만 정리하고 질문마다 강조점만 적어 두세요. 아니면 이 질문에는 다른 경험을 준비해 보세요.",
    "en": "This looks like the same experience as another story in the notes. Reusing a story across "
          "questions is fine, but keep one copy and note the angle per question — or pick a different story here.",
}

DOC = """\
Notes that grow over weeks often tell the same project twice under two questions,
with different numbers or details in each copy — and in the interview you tell the
one you remember. This rule compares the stories of a file by their words (Korean
by word stems — a word's first two syllables —, English by word stems; figures such as `41%` or `1,500건` weigh
three times) and reports the later story when the two are at least
`min-similarity` alike (weighted Jaccard, default 0.2). Stories with fewer than
`min-words` distinct words are not compared. Different stories from the same field
share vocabulary ("데이터", "모델", "dashboard") but rarely their figures and details.
In a file of more than 400 stories (merged or generated notes) each story is compared
only with the eight earlier stories that share most of its less common words.

Options (`rule-options`): `duplicate-story = {min-similarity = 0.2, min-words = 12}`.

Failing (ko):
    ## 가장 성과가 좋았던 프로젝트
    - 장바구니 이탈 분석
      - 결제 직전 이탈이 높았음
      - 배송비 노출 시점별로 코호트를 나눠 비교하고 A/B 테스트 설계
      - 결과: 결제 단계 이탈률 41% → 32%
    ## 데이터로 문제를 해결한 경험
    - 결제 이탈 개선
      - 결제 단계 이탈이 높아서 배송비를 언제 보는지로 코호트 비교
      - 상품 상세에 배송비를 미리 보여 주는 A/B 테스트
      - 이탈률 41% → 32%
Passing (ko): keep the first copy, and under the second question write
`- 장바구니 이탈 분석 (위 이야기, '데이터로 원인을 좁힌 과정' 중심으로)` — or another story.

Failing (en): "Tell me about a launch" and "Tell me about a deadline" both telling the
invoice-editor migration with its cohorts and feature flag.
Passing (en): one copy of the migration story, and a different story for the other question.
"""

_LATIN = re.compile(r"[A-Za-z][A-Za-z'’\-]+")
_NUMBER = re.compile(r"\d[\d,.]*\s*(?:%p|%|[가-힣]{1,2}|[a-zA-Z]{1,3}\b)?")
# the first two syllables of each Korean word of two or more (what _tokens keeps of it)
# (each run of two or more syllables, its first two captured: the same as finding
# (?<![가-힣])[가-힣]{2}, without a look behind at every character)
_HANGUL_STEM = re.compile(r"([가-힣]{2})[가-힣]*")
_STOP_KO = frozenset("""
것이 것은 것을 것도 하는 하고 하여 해서 했다 했고 했음 했던 하기 하게 하면 하지 한다 있는 있었 있음 있고 있어 있다 없는
없었 없이 되는 되어 되었 됐다 됐고 이후 이를 이런 그런 그래 그리 그때 그리 때문 통해 위해 대한 대해 같은 같이 모든 매우
가장 정도 많은 많이 제가 저는 저희 우리 내가 나는 제일 당시 이었 였다 였고 입니 습니 니다 어서 에서 으로
""".split())
_STOP = frozenset("""
the and for with that this was were are our their then than from into over under had have has
not but also after before about when while which what who they them she his her its your you
just very more most some any all each one two three been being will would could should there here
""".split())


_NUMBER_NOISE = re.compile(r"[\s,]")


_PIECES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # per text (see terms.remember)


def _pieces(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A text's figures and word stems, in the order they are added to a story's words."""
    found = _PIECES.get(text)
    if found is None:
        # findall hands back the matched strings without a match object each
        numbers = tuple("#" + _NUMBER_NOISE.sub("", number).lower() for number in _NUMBER.findall(text))
        words = [word[:5] for word in map(str.lower, _LATIN.findall(text)) if len(word) >= 3 and word not in _STOP]
        # a Korean word's first two syllables stand for its stem (급증했다 → 급증, 로그를 → 로그);
        # one-syllable words and grammatical words (것이, 하는, 있었) carry nothing
        words += [stem for stem in _HANGUL_STEM.findall(text) if stem not in _STOP_KO]
        found = remember(_PIECES, text, (numbers, tuple(words)))
    return found


def _tokens(story: Story) -> dict[str, float]:
    return _tokens_and_figures(story)[0]


def _tokens_and_figures(story: Story) -> tuple[dict[str, float], set[str]]:
    # the keys go in in the same order as ever (a text's figures, then its words; each key
    # where first seen): it decides ties between candidate stories.  A key is 3.0 if it
    # was ever a figure, else 1.0.
    pieces = [_pieces(unit_text(u)) for u in story.units]
    out = dict.fromkeys(chain.from_iterable(chain.from_iterable(pieces)), 1.0)
    figures = set(chain.from_iterable([numbers for numbers, _ in pieces]))
    for key in figures:
        out[key] = 3.0
    return out, figures


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
    union = sum(a.values()) + sum(b.values()) - shared
    return shared / union if union else 0.0


class _Bag:
    """A story's tokens as sets, for `similarity` in set operations: a shared key adds
    1.0, or 3.0 when it is a figure in both (the min of the two weights)."""

    __slots__ = ("keys", "figures", "total")

    def __init__(self, tokens: dict[str, float], figures: set[str]) -> None:
        self.keys = tokens.keys()
        self.figures = figures  # the keys of 3.0
        self.total = len(tokens) + 2 * len(figures)

    def similarity(self, other: _Bag) -> float:
        shared = len(self.keys & other.keys) + 2 * len(self.figures & other.figures)
        union = self.total + other.total - shared
        return shared / union if union else 0.0


# Up to this many stories in a file every pair is compared; beyond it (generated or
# merged notes) an inverted index of the less common words picks the candidates.
_EXACT_UP_TO = 400
# A word found in more stories than this suggests no candidates (it still counts in the score).
_COMMON = 20
# the earlier stories sharing most of a story's less common words that are scored against it
_CANDIDATES = 8


def _pairs(stories: list[Story], options: Options) -> dict[int, tuple[Story, float]]:
    """For each story that retells an earlier one: the first earlier story alike enough, and how alike."""
    read = [_tokens_and_figures(s) for s in stories]
    tokens = [t for t, _ in read]
    # distinct words, figures left out (every key is one or the other)
    sizes = [len(t) - len(figures) for t, figures in read]
    bags = [_Bag(t, figures) for t, figures in read]
    found: dict[int, tuple[Story, float]] = {}
    big = len(stories) > _EXACT_UP_TO
    postings: dict[str, list[int]] = {}
    for i, mine in enumerate(tokens):
        if sizes[i] < options.min_words:
            continue
        if big:
            # one pass: what the earlier stories filed under each key share with this one,
            # then this one filed there too (a posting past _COMMON takes no more)
            shared: dict[int, float] = {}
            for key, value in mine.items():
                posting = postings.get(key)
                if posting is None:
                    postings[key] = [i]
                elif len(posting) <= _COMMON:
                    for j in posting:
                        shared[j] = shared.get(j, 0.0) + value
                    posting.append(i)
            candidates = sorted(sorted(shared, key=shared.__getitem__, reverse=True)[:_CANDIDATES])
        else:
            candidates = [j for j in range(i) if sizes[j] >= options.min_words]
        for j in candidates:
            sim = bags[j].similarity(bags[i])
            if sim >= options.min_similarity:
                found[i] = (stories[j], sim)
                break
    return found


def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
    if context is None:
        return
    options: Options = context.options(RULE)
    key = (RULE.code, options)  # options are frozen, so hashable: no repr per story
    if key not in context.cache:
        context.cache[key] = {id(s): i for i, s in enumerate(context.stories)}, _pairs(context.stories, options)
    where, found = context.cache[key]
    hit = found.get(where.get(id(story), -1))
    if hit is not None:
        other, sim = hit
        yield Finding(line=story.line, message=MESSAGES[language].format(
            title=shorten(other.title.strip(), 12), line=other.line, sim=f"{sim:.2f}"))


RULE = Rule(
    code="STAR207",
    name="duplicate-story",
    severity="info",
    summary="The same story is told twice in the notes.",
    doc=DOC,
    advice=ADVICE,
    check=check,
    uses_context=True,
    options=Options,
    options_schema=options_schema,
)
