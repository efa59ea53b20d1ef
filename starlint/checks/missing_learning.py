"""STAR005 missing-learning: under STAR-L, the story never says what you learned."""

from ._missing import missing_part
from .base import Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "배운 점이 없습니다 (STAR-L): 한두 줄 더해 주세요",
    "en": "Learning missing (STAR-L): add what you learned",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "배운 점(Learning)이 없습니다 (STAR-L). 이 경험에서 무엇을 배웠고 다음에 무엇을 다르게 할지 한두 줄로 "
          "덧붙여 주세요. 예) '배운 점: 지표 정의를 먼저 맞추면 분석보다 합의가 빨라진다는 것을 배웠습니다.'",
    "en": "Learning is missing (STAR-L): close with what you learned and what you would do differently next time. "
          "e.g. 'Learning: agreeing on the metric first saves more time than any analysis.'",
}

DOC = """\
Only under the STAR-L framework (`framework = "starl"` in config, or
`starlint: {framework: starl}` in a file's front matter): the answer ends with
what you learned — the L. Under plain STAR a lesson counts as a Result and this
rule stays silent. Label it (`배운 점:`, `느낀 점:`, `교훈:`, `아쉬운 점:`,
`Learning:`, `Lessons learned:`, `Takeaway:`) or say it (배웠다, 깨달았다,
~가 중요하다는 것을; I learned, it taught me, I realized).
Under STAR-L a line that is only a lesson is the Learning, not the Result:
a story with a lesson and no outcome gets STAR004.

Failing (ko):
    ---
    starlint: {framework: starl}
    ---
    ## 배포 자동화
    - 상황: 배포가 수동이라 주 1회밖에 못 했음
    - 과제: 배포 담당으로 하루 여러 번 배포할 수 있게 만드는 것
    - 행동: GitHub Actions로 빌드·테스트·배포 파이프라인 구축
    - 결과: 배포 주기 주 1회 → 하루 3회

Passing (ko): add `- 배운 점: 자동화보다 롤백 절차를 먼저 합의해야 한다는 것을 배움`

Failing (en):
    **Situation:** Support tickets sat unassigned for days.
    **Task:** As the support lead I had to get first replies under a day.
    **Action:** I set up a rotation and a triage board.
    **Result:** Median first reply fell from 3 days to 5 hours.

Passing (en): add `**Learning:** a rota only works when someone owns the edge cases.`
"""

RULE = Rule(
    code="STAR005",
    name="missing-learning",
    severity="error",
    summary="Under STAR-L, the story has no Learning (what you learned).",
    doc=DOC,
    advice=ADVICE,
    check=missing_part("learning", MESSAGES),
    uses_context=True,
)
