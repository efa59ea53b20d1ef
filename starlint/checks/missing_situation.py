"""STAR001 missing-situation: the story never says where, when or what was going on."""

from ._missing import missing_part
from .base import Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "상황이 없습니다: 언제·어디서였는지 적어 주세요",
    "en": "Situation missing: add when and where it was",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "상황(Situation)이 없습니다. 언제, 어디서, 어떤 문제가 있었는지 한 줄로 먼저 밝혀 주세요. "
          "예) '상황: 2023년 사내 해커톤에서 결제 오류가 급증하던 때'",
    "en": "Situation is missing: open with where and when this happened and what was going on. "
          "e.g. 'Situation: during the 2023 holiday sale our checkout errors spiked.'",
}

DOC = """\
A story without a Situation starts in the middle: the interviewer does not know
where you were, when it happened or what problem you faced, so the rest lands flat.
Label it (`상황:`, `배경:`, `Situation:`, `Context:`) or open with the context.
Under the CAR and PAR frameworks (`framework = "car"`, or `starlint: {framework: par}`
in front matter) this part is the Challenge / Problem: a `문제:` / `Challenge:` /
`C:` / `P:` line counts, and the message names it so.

Failing (ko):
    - 고객 이탈 예측
      - 목표 : 3개월 안에 해지할 고객 리스트 만들기
      - 로지스틱 회귀로 이탈 점수 매김
      - 결과 : 정확도 0.82

Passing (ko):
    - 고객 이탈 예측
      - 상황 : 통신사 인턴 당시 해지 고객이 매달 늘고 있었음
      - 목표 : 3개월 안에 해지할 고객 리스트 만들기
      - 로지스틱 회귀로 이탈 점수 매김
      - 결과 : 정확도 0.82

Failing (en):
    **Task:** Pick up Python for a forecasting project.
    **Action:** Rebuilt an Excel forecast in a notebook.
    **Result:** Forecast error fell 15%.

Passing (en): add `**Situation:** Our team's forecasts lived in a 40-tab spreadsheet.`
"""

RULE = Rule(
    code="STAR001",
    name="missing-situation",
    severity="error",
    summary="The story has no Situation (context: where, when, what was going on).",
    doc=DOC,
    advice=ADVICE,
    check=missing_part("situation", MESSAGES),
    uses_context=True,
)
