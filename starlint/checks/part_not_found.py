"""STAR008 part-not-found: in a story of three lines or more with no labels, the
Situation or the Action was not found, and starlint is not sure it is missing (see
missing_part.UNSURE_UNLABELLED)."""

from __future__ import annotations

from typing import Iterator

from ..models import Story
from .missing_part import UNSURE_UNLABELLED, lacks, unsure_story
from .base import Context, Finding, Rule
from .empty_story import is_empty

# one short line per diagnostic: (one part, both parts) per language; {name} is the
# part's name under the framework
MESSAGES = {
    "ko": {
        "situation": "상황이 분명하지 않습니다: '상황:'을 붙이거나 더해 주세요",
        "action": "행동이 분명하지 않습니다: '행동:'을 붙이거나 더해 주세요",
        "both": "상황·행동이 분명하지 않습니다: '상황:', '행동:'을 붙여 주세요",
    },
    "en": {
        "situation": "No clear {name}: label its line '{name}:' or add one",
        "action": "No clear {name}: label its line '{name}:' or add one",
        "both": "No clear {name} or {other}: label them '{name}:' and '{other}:'",
    },
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "라벨 없이 쓴 이야기에서 상황이나 행동을 찾지 못했습니다. 이미 썼다면 그 줄 앞에 '상황:'이나 '행동:'을 "
          "붙이세요. 아니라면 상황에는 언제·어디서 있었던 일인지, 행동에는 직접 한 일을 단계별로 더하세요. "
          "예) '행동: 실패한 배치의 로그를 모아 재시도 조건을 바꿨습니다.'",
    "en": "In a story with no labels, the Situation or the Action was not found. If it is there, start its "
          "line with 'Situation:' or 'Action:'. If not, add where and when it happened, or what you did, step "
          "by step. E.g. 'Action: I gathered the failed jobs' logs and changed the retry rule.'",
}

DOC = """\
In a story of three lines or more written without any part labels, starlint reads
each line by its words
(cues) and its place. Roles and goals, outcomes and figures have few ways to be said,
so a missing Task or Result there is reported as an error (STAR002, STAR004). Context
and doings are told in many more ways: in such a story, a Situation or an Action that
starlint could not find may well be there in words it does not know. So instead of
an error it says, as this warning, what it could not find and how to make it plain:
label the line (`상황:`, `행동:`, `Situation:`, `Action:`), or add the part. Once the
story has labels, a missing part is an error again (STAR001, STAR003).

The reasoning is measured: on the labelled notes, more than half of the missing-
Situation and missing-Action errors in unlabelled stories were wrong, against under
one in ten for the Task and the Result and for labelled stories.

라벨(상황/과제/행동/결과)을 전혀 쓰지 않은 이야기에서는 단어와 위치로 각 줄을 읽습니다.
역할·목표, 결과·수치는 말하는 방식이 적어 빠지면 오류(STAR002, STAR004)로 알리지만,
상황과 행동은 표현이 훨씬 다양해서 찾지 못했다고 해서 빠졌다고 단정할 수 없습니다.
그래서 오류 대신 이 경고로 무엇을 찾지 못했는지 알려 줍니다. 이미 쓴 줄이라면 `상황:`,
`행동:`을 붙이고, 없다면 더해 주세요. 라벨을 쓴 이야기에서는 다시 오류(STAR001, STAR003)로
알립니다.

Failing (ko):
    - 사내 스터디 운영
      - 매주 참석자가 줄어드는 게 고민이었음
      - 스터디장으로서 한 달 안에 참석률을 되살리는 게 목표
      - 참석률 40% → 85%
Passing (ko):
    - 사내 스터디 운영
      - 매주 참석자가 줄어드는 게 고민이었음
      - 스터디장으로서 한 달 안에 참석률을 되살리는 게 목표
      - 행동: 발표 순서를 미리 정하고 주제를 설문으로 골랐음
      - 참석률 40% → 85%

Failing (en):
    ## Onboarding guide
    - New hires took two weeks to ship anything
    - As the team lead I had to get them productive within a week
    - Time to first merged PR fell from 9 days to 3
Passing (en):
    ## Onboarding guide
    - New hires took two weeks to ship anything
    - As the team lead I had to get them productive within a week
    - Action: I wrote a one-page setup guide and paired each hire with a buddy
    - Time to first merged PR fell from 9 days to 3
"""


def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
    if is_empty(story) or not unsure_story(story):
        return
    found = [(part, lacks(part, story, context)) for part in UNSURE_UNLABELLED]
    names = [_name(part, fpart, language) for part, fpart in found if fpart is not None]
    if not names:
        return
    words = MESSAGES[language]
    if len(names) == 2:
        message = words["both"].format(name=names[0], other=names[1])
    else:
        part = next(part for part, fpart in found if fpart is not None)
        message = words[part].format(name=names[0])
    yield Finding(line=story.line, message=message)


def _name(part: str, fpart, language: str) -> str:
    if fpart is True or fpart is None:
        return {"situation": "Situation", "action": "Action"}[part]
    return fpart.title.en if language == "en" else fpart.title.ko


RULE = Rule(
    code="STAR008",
    name="part-not-found",
    severity="warning",
    summary="In a longer story with no labels, the Situation or the Action was not found (not sure it is missing).",
    doc=DOC,
    advice=ADVICE,
    check=check,
    uses_context=True,
)
