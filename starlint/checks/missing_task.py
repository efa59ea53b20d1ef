"""STAR002 missing-task: the story never says what had to be achieved or what your role was."""

from ._missing import missing_part
from .base import Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "과제가 없습니다: 목표와 역할을 적어 주세요",
    "en": "Task missing: add the goal and your role",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "과제(Task)가 없습니다. 무엇을 이뤄야 했는지, 그 안에서 본인의 역할이 무엇이었는지 밝혀 주세요. "
          "예) '과제: 결제 실패율을 분기 안에 절반으로 줄이는 것이 제 담당이었습니다.'",
    "en": "Task is missing: say what had to be achieved and what your role was. "
          "e.g. 'Task: as the on-call engineer, I had to cut checkout failures in half this quarter.'",
}

DOC = """\
Without a Task the interviewer cannot tell what success meant or what you were
responsible for. State the goal and your role (`과제:`, `목표:`, `내 역할:`,
`Task:`, `Goal:`, `My role:`), or say it in a sentence ("제가 맡은 일은…", "I owned…").
CAR, PAR and SOAR have no Task part: under those frameworks this rule stays silent.

Failing (ko):
    ### 갈등 상황
    - 팀원이 딥러닝 모델만 고집해서 회의가 길어짐
    - 두 모델을 같이 비교 실험하자고 제안
    - 결과 : 검증 점수 차이 2%p를 보고 합의

Passing (ko): add `- 제 역할 : 모델링 담당으로 이번 주 안에 결론을 내야 했음`

Failing (en):
    **Situation:** A weekly report took an analyst all of Monday.
    **Action:** Moved the queries into dbt and scheduled them.
    **Result:** Saved about 6 hours a week.

Passing (en): add `**Task:** I was asked to automate it before Q3 planning.`
"""

RULE = Rule(
    code="STAR002",
    name="missing-task",
    severity="error",
    summary="The story has no Task (the goal, and your role in reaching it).",
    doc=DOC,
    advice=ADVICE,
    check=missing_part("task", MESSAGES),
    uses_context=True,
)
