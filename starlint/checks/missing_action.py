"""STAR003 missing-action: the story never says what you did."""

from ._missing import missing_part
from .base import Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "행동이 없습니다: 직접 한 일을 적어 주세요",
    "en": "Action missing: add what you did, step by step",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "행동(Action)이 없습니다. 본인이 직접 한 일을 '제가 …했습니다'처럼 구체적인 단계와 방법으로 적어 주세요. "
          "예) '행동: 로그를 분석해 원인을 찾고, 재시도 로직을 설계해 배포했습니다.'",
    "en": "Action is missing: say what you yourself did, step by step, with the methods and tools. "
          "e.g. 'Action: I traced the failures to a retry bug, rewrote the retry logic and shipped it behind a flag.'",
}

DOC = """\
The Action is the heart of a STAR answer: it is the part the interviewer scores.
A story that jumps from the problem to the result leaves them guessing what you did.
Label it (`행동:`, `해결:`, `Action:`, `Approach:`) or tell it with doing verbs
(구현, 설계, 분석, 제안; built, led, analysed).

Failing (ko):
    ## 모니터링 개선
    **배경**: 알림이 너무 많아 당직자가 무시하는 상태
    **문제**: 다음 분기까지 야간 알림을 의미 있는 것만 남기는 게 내 목표
    **성과**: 야간 알림 주 25건 → 6건

Passing (ko): add `**해결**: 알림을 서비스별로 분류해 중복 규칙 40개를 없애고, 임계값을 재조정함`

Failing (en):
    **Situation:** CI took 45 minutes per PR.
    **Task:** Get it under 15 minutes.
    **Result:** Median CI went from 45 to 11 minutes.

Passing (en): add `**Action:** I split the test suite into 8 shards and cached dependencies.`
"""

RULE = Rule(
    code="STAR003",
    name="missing-action",
    severity="error",
    summary="The story has no Action (what you did, concretely).",
    doc=DOC,
    advice=ADVICE,
    check=missing_part("action", MESSAGES),
    uses_context=True,
)
