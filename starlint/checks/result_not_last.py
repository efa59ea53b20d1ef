"""STAR205 result-not-last: the Result is told before the Action and never after it."""

from __future__ import annotations

from typing import Iterator

from ..reading.frameworks import unit_text
from ..models import Story
from ._coaching import words
from .base import Context, Finding, Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "결과가 행동보다 먼저 나옵니다: 결과로 끝맺어 주세요",
    "en": "Result comes before the Action: end on the Result",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "결과가 행동보다 먼저 나오고, 행동 뒤에는 다시 나오지 않습니다. 이야기가 행동에서 끊겨 "
          "'그래서 어떻게 됐나요?'가 남습니다. 결과를 마지막으로 옮기거나, 두괄식이라면 첫 줄에 "
          "'결론부터 말씀드리면 …'처럼 한 줄로 먼저 말하고 끝에서 한 번 더 짚어 주세요.",
    "en": "The Result comes before the Action and is never told after it, so the story ends on what you did, "
          "not on what it achieved. Move the Result to the end — or, if you lead with it on purpose, open with "
          "it in one line ('In short: …') and close on it again.",
}

DOC = """\
A STAR answer builds to its Result: the last thing the interviewer hears should be
what changed. This rule fires when every Result line comes before the first Action
line, so the story trails off in the Action. Leading with a one-line result on
purpose (두괄식) is good practice and is not flagged: a Result on the story's first
line, or one announced as such (결론부터, 한 줄 요약, 요약하면; in short, bottom line,
TL;DR — the packs' `[coaching] lead_markers`).

Failing (ko):
    - 배송 지연 개선
      - 상황: 2024년 설 연휴 직전 배송 지연 문의가 폭증함
      - 결과: 지연 문의 주 900건 → 250건
      - 행동: 출고 마감 시각을 창고별로 나눠 조정함
      - 행동: 지연 예상 주문에 선제 안내 문자를 보냄
Passing (ko): move `- 결과: …` to the end — or open with it: `- 결론부터: 지연 문의를 주 900건 → 250건으로 줄임`

Failing (en):
    **Situation:** Our nightly ETL failed twice a week.
    **Result:** Failures dropped to zero for three months.
    **Action:** I added idempotent retries and split the job into stages.
Passing (en): put the Result after the Action, or lead with `In short: failures went from twice a week to zero.`
"""


def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
    units = story.units
    action = [i for i, u in enumerate(units) if "action" in u.parts]
    result = [i for i, u in enumerate(units) if "result" in u.parts]
    if not action or not result or max(result) > min(action):
        return
    first = units[result[0]]
    if result[0] == 0 or first.line == units[0].line:
        return  # the story opens with its result: 두괄식
    if context is not None:
        lead = words(context.lexicon).lead
        if any(lead.search(units[i].text) or lead.search(unit_text(units[i])) for i in result):
            return
    yield Finding(line=first.line, message=MESSAGES[language])


RULE = Rule(
    code="STAR205",
    name="result-not-last",
    severity="info",
    summary="The Result is told before the Action and never after it.",
    doc=DOC,
    advice=ADVICE,
    check=check,
    uses_context=True,
)
