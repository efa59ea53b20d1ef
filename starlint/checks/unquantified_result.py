"""STAR101 unquantified-result: the story has a Result, but nothing in it is measured."""

from __future__ import annotations

from typing import Iterator

from ..models import Story
from .base import Finding, Rule
from .empty_story import is_empty

# one short line per diagnostic
MESSAGES = {
    "ko": "결과에 숫자가 없습니다: %, 건수를 더해 주세요",
    "en": "Result not measured: add a %, count or change",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "결과에 측정 가능한 성과가 없습니다. 숫자로 보여 주세요: 비율(%, %p), 순위(10위), 건수·인원(12건, 40명), "
          "금액, 배수(두 배, 3x), 전후 비교(62% → 81%). 예) '결과: 문의 건수 월 11건 → 2건'",
    "en": "The Result has no measurable outcome: show it with a number — a percent, a rank (top 3), a count, "
          "money, a multiplier (2x) or a before→after figure (62% → 81%). e.g. 'Result: tickets fell from 11 to 2 a month.'",
}

DOC = """\
"좋은 평가를 받았다" or "greatly improved" is hard to believe and easy to forget;
"문의 30% 감소" is neither. A Result counts as measured when it carries a figure
tied to the outcome: percent or %p, a rank (10위, 1등, top 3), a count (40,000명,
12건), money, a multiplier (3x, 두 배, 절반) or a before→after figure.
Years, dates, versions and names with digits (Python 3, ResNet50, COVID-19), list
numbering and the duration of the work itself (5주간, a 12-week program) do not count.

Failing (ko):
    - 결과 : 성능이 그렇게 나쁘지는 않았음
Passing (ko):
    - 결과 : BLEU 18.2 → 24.5, 사람 평가 선호도 2배

Failing (en):
    **Result:** After 5 weeks I was comfortable with pandas and now use Python 3.11 daily.
Passing (en):
    **Result:** My forecast error fell from 18% to 9%, and the team adopted the notebook.
"""

def check(story: Story, language: str) -> Iterator[Finding]:
    if story.quantified() is False and not is_empty(story):  # a skeleton gets STAR007 alone
        yield Finding(line=story.line, message=MESSAGES[language])

RULE = Rule(
    code="STAR101",
    name="unquantified-result",
    severity="warning",
    summary="The story has a Result, but nothing in it is measurable.",
    doc=DOC,
    advice=ADVICE,
    check=check,
)
