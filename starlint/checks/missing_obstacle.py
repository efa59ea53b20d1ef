"""STAR006 missing-obstacle: under SOAR, the story never says what stood in the way."""

from ._missing import missing_part
from .base import Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "장애물이 없습니다 (SOAR): 무엇이 막았는지 적어 주세요",
    "en": "Obstacle missing (SOAR): add what stood in the way",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "장애물(Obstacle)이 없습니다 (SOAR). 무엇이 가로막았는지(제약, 갈등, 위험) 먼저 밝히고 어떻게 넘었는지 "
          "이어 주세요. 예) '장애물: 외부 API 호출이 초당 10건으로 제한돼 있었음'",
    "en": "Obstacle is missing (SOAR): say what stood in the way — a constraint, a conflict, a risk — before how "
          "you got past it. e.g. 'Obstacle: the vendor API allowed only 10 calls a second.'",
}

DOC = """\
Only under the SOAR framework (`framework = "soar"` in config, or
`starlint: {framework: soar}` in a file's front matter): Situation, Obstacle,
Action, Result. The Obstacle is what made it hard — a constraint, a conflict,
a risk — and it is what makes the Action interesting. SOAR has no Task part,
so STAR002 stays silent. Label it (`장애물:`, `난관:`, `어려웠던 점:`, `문제:`,
`Obstacle:`, `Challenge:`, `O:`) or say it in the Situation (어려웠, 부족,
반대, 제약; couldn't, constraint, pushback).

Failing (ko):
    ---
    starlint: {framework: soar}
    ---
    ## 결제 모듈 교체
    - 상황: 2023년 PG사 계약 만료로 결제 모듈을 바꿔야 했음
    - 행동: 어댑터 계층을 두고 신규 PG를 붙인 뒤 트래픽을 10%씩 옮김
    - 결과: 결제 실패율 0.8% → 0.3%, 전환 중 장애 0건

Passing (ko): add `- 장애물: 전환 기간에도 결제를 멈출 수 없었고 QA 인력은 1명뿐이었음`

Failing (en):
    **Situation:** In 2022 our mobile app still shipped once a month.
    **Action:** I moved the release to a weekly train with feature flags.
    **Result:** Crash-free sessions rose from 97.1% to 99.4%.

Passing (en): add `**Obstacle:** QA signed off by hand and pushed back on any faster cadence.`
"""

RULE = Rule(
    code="STAR006",
    name="missing-obstacle",
    severity="error",
    summary="Under SOAR, the story has no Obstacle (what stood in the way).",
    doc=DOC,
    advice=ADVICE,
    check=missing_part("obstacle", MESSAGES),
    uses_context=True,
)
