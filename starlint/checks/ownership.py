"""STAR201 ownership: the Action is told as "we" (우리/저희 팀이) and never as "I" (제가/저는)."""

from __future__ import annotations

from typing import Iterator

from ..reading.frameworks import unit_text
from ..models import Story
from ._coaching import quote, words
from .base import Context, Finding, Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "행동을 {found}로만 말합니다: 본인 몫을 밝혀 주세요",
    "en": "Action told only as {found}: say which part was yours",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "행동을 '저희 팀이'처럼 팀 단위로만 말하고 있습니다. 면접관은 '그래서 본인은 무엇을 했나요?'를 묻습니다. "
          "팀이 한 일과 구분해 '제가 …했습니다'로 본인이 맡아 한 일을 밝혀 주세요. "
          "예) '저희 팀은 결제 모듈을 교체했고, 그중 저는 재시도 로직 설계와 배포를 맡았습니다.'",
    "en": "The Action is told only as 'we': the interviewer will ask 'and what did *you* do?'. Say which "
          "part was yours, with 'I'. e.g. 'We rebuilt checkout; I designed the retry logic and ran the rollout.'",
}

DOC = """\
Interviewers hire a person, not a team: an Action told only as "we" (우리가,
저희 팀이, 팀원들이; we, our team, the team) leaves them unable to tell what you
did. Fires when the story's Action has a team subject and no first person in any
Action line (저는, 제가, 내가, 직접, 본인이; I, me, my). Korean notes without a
subject ("~구현함") are fine: they are read as your own. The words are data in
the rule packs (`[coaching] team_subjects`, `self_subjects`).

Failing (ko):
    - 추천 모델 개선
      - 상황: 신규 사용자 클릭률이 낮았음
      - 목표: 분기 안에 CTR 1%p 개선
      - 저희 팀이 협업 필터링을 two-tower 모델로 교체함
      - 결과: CTR 2.1% → 3.4%

Passing (ko): `- 저희 팀이 two-tower 모델로 교체했고, 저는 피처 파이프라인과 오프라인 평가를 맡음`

Failing (en):
    **Action:** We rewrote the billing service in Go and we moved invoices to a queue.

Passing (en):
    **Action:** We rewrote the billing service in Go; I designed the queue and migrated the invoices.
"""


def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
    if context is None:
        return
    found = words(context.lexicon)
    action = [u for u in story.units if "action" in u.parts]
    team = [(u, hit.matched) for u in action for hit in [found.team.search(unit_text(u))] if hit]
    if not team:
        return
    if any(found.self_.search(unit_text(u)) for u in action):
        return
    yield Finding(line=team[0][0].line, message=MESSAGES[language].format(found=quote([m for _, m in team])))


RULE = Rule(
    code="STAR201",
    name="ownership",
    severity="warning",
    summary="The Action is told as 'we' with no 'I': say what you yourself did.",
    doc=DOC,
    advice=ADVICE,
    check=check,
    uses_context=True,
)
