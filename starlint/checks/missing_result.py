"""STAR004 missing-result: the story never says how it ended."""

from ._missing import missing_part
from .base import Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "결과가 없습니다: 달라진 점을 숫자로 적어 주세요",
    "en": "Result missing: add what changed, with a number",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "결과(Result)가 없습니다. 행동 덕분에 무엇이 달라졌는지, 가능하면 숫자로 적어 주세요. "
          "예) '결과: 결제 실패율 4.2% → 1.1%, 고객 문의 30% 감소'",
    "en": "Result is missing: say what changed because of what you did, with a number if you can. "
          "e.g. 'Result: checkout failures fell from 4.2% to 1.1%.'",
}

DOC = """\
A story that stops after the Action leaves the interviewer asking "so what?".
Close with the outcome (`결과:`, `성과:`, `Result:`, `Outcome:`); what you learned
(`배운 점:`, `Learning:`) also counts as a Result. A plan or work in progress
("설계 문서 작성 중", "will roll out next quarter") is not a Result yet.
Under the STAR-L framework a lesson is the Learning (STAR005) and no longer
counts as the Result.

Failing (ko):
    - Kafka consumer lag 이슈
      - 실시간 파이프라인에서 lag이 폭증
      - 그 주 on-call이라 조치 담당
      - partition 수를 늘리고 batch size 튜닝

Passing (ko): add `  - 결과 : lag 30분 → 10초, 이후 재발 없음`

Failing (en):
    ### Task
    Explain the forecast miss to leadership.
    ### Action
    Decomposed the error by market and added search-volume features.

Passing (en): add `### Result` with `The next forecast landed within 3% of actuals.`
"""

RULE = Rule(
    code="STAR004",
    name="missing-result",
    severity="error",
    summary="The story has no Result (what changed, was achieved or learned).",
    doc=DOC,
    advice=ADVICE,
    check=missing_part("result", MESSAGES),
    uses_context=True,
)
