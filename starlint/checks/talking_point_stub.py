"""STAR206 talking-point-stub: a question answered only by one-line talking points."""

from __future__ import annotations

import bisect
from typing import Iterator

from ..models import Section
from ._coaching import words
from .base import Context, Finding, Rule

MESSAGES = {
    "ko": "'{title}' 질문 아래에 '{point}' 한 줄만 있습니다. 면접에서 바로 꺼낼 수 있도록 "
          "상황·과제·행동·결과를 하위 항목으로 채워 이야기로 만들어 두세요.",
    "en": "The question '{title}' has only the talking point '{point}'. Write the story out under it — "
          "situation, task, action, result as nested bullets — so it is ready when you are asked.",
}

DOC = """\
A behavioural question heading ("Tell me about a time…", "Describe a conflict…",
"Walk me through a…", "Have you ever…", "~했던 경험", "~한 적이 있나요", "사례를 말해
주세요") whose only answer is a bullet with nothing under it is a reminder, not a
prepared answer: under pressure a one-liner does not turn into a story. Fires on each
such bullet when the question's section holds no story at all. Talking points beside
stories (a pitch line, a motto) are left alone, and so are headings that are not
behavioural questions — "Why us?", "Tell me about yourself", "지원 동기", "나의 강점"
are rightly answered with talking points. The question words are data in the packs
(`[coaching] question_terms`, `question_patterns`).

Off by default (an info-level nudge for a notes repository in progress); turn it on
with `--extend-select STAR206`.

Failing (ko):
    ## 실패했던 경험이 있나요?
    - 2022년 추천 모델 A/B 테스트 실패
Passing (ko):
    ## 실패했던 경험이 있나요?
    - 2022년 추천 모델 A/B 테스트 실패
      - 상황: 오프라인 지표만 보고 배포했는데 CTR이 떨어짐
      - 행동: 제가 온라인 지표와 오프라인 지표의 괴리를 분석해 평가 셋을 다시 구성함
      - 결과: 다음 실험부터 오프라인-온라인 방향 일치율 60% → 90%

Failing (en):
    ## Tell me about a time you disagreed with your manager
    - the pricing page redesign
Passing (en): nest the Situation, Task, Action and Result under `- the pricing page redesign`.
"""


def _sections(section: Section) -> Iterator[Section]:
    yield section
    for child in section.children:
        yield from _sections(child)


def check_file(context: Context) -> Iterator[Finding]:
    doc = context.document
    if doc is None:
        return
    question = words(context.lexicon).question
    story_lines = sorted(s.line for s in context.stories)
    for section in _sections(doc.root):
        if section.level == 0 or not question.search(section.title_plain):
            continue
        first = bisect.bisect_left(story_lines, section.line)  # a story inside the section?
        if first < len(story_lines) and story_lines[first] <= section.end_line:
            continue
        items = [item for block in section.blocks if block.kind == "list" for item in block.items]
        if not items or any(b.kind == "paragraph" for b in section.blocks):
            continue
        for item in items:
            if item.children or not item.lines:
                continue
            language = context.language(_language_of(section.title_plain + item.lines[0].plain))
            yield Finding(line=item.line, message=MESSAGES[language].format(
                title=section.title_plain.strip(), point=item.lines[0].text.strip()))


def _language_of(text: str) -> str:
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return "ko" if hangul and hangul * 3 >= latin * 0.6 else "en"



RULE = Rule(
    code="STAR206",
    name="talking-point-stub",
    severity="info",
    summary="A question heading answered only by a one-line talking point.",
    doc=DOC,
    check=None,
    check_file=check_file,
    default_enabled=False,
)
