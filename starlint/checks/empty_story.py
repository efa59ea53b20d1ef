"""STAR007 empty-story: an experience story with nothing of any part written yet."""

from __future__ import annotations

from typing import Iterator

from ..models import Story
from .base import Finding, Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "빈 이야기입니다: 네 부분을 한 줄씩 적어 주세요",
    "en": "Empty story: jot a line each for S, T, A and R",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "아직 내용이 없는 이야기입니다: 상황·과제·행동·결과를 한 줄씩이라도 적어 보세요.",
    "en": "Nothing written yet: jot one line each for the Situation, Task, Action and Result.",
}

DOC = """\
The heading (or bullet) is there, but nothing under it tells the story yet: only the
question, `...`, `TBD`, `(작성 예정)`, or an empty label skeleton. starlint reports
this once, as STAR007, instead of four "missing" errors (STAR001–004), so a bank of
questions you have not answered yet reads as a to-do list, not as a wall of errors.
Start with one line per part; the missing-part rules take over from there.

Only experience stories get it (SPEC "Answer kinds"): an empty "지원 동기" or
"Why us?" section is another kind of answer and is left alone.

내용이 아직 없는 경험 질문입니다: 질문만 있거나, `...`, `TBD`, `(작성 예정)`, 비어 있는
`**S:** / **T:**` 틀만 있는 경우입니다. 빠진 부분마다 오류(STAR001–004)를 네 개씩 내는
대신 STAR007 하나만 알려 줍니다. 상황·과제·행동·결과를 한 줄씩 적기 시작하면 그때부터는
빠진 부분을 각각 알려 줍니다.

Failing (ko):
    ## 리더십을 발휘한 경험
    (작성 예정)
Passing (ko):
    ## 리더십을 발휘한 경험
    - 상황: 동아리 회원이 절반으로 줄어 행사를 못 열 위기
    - 과제: 회장으로서 한 학기 안에 회원 수 회복
    - 행동: 신입 모집 설명회를 세 번 열고 선배 멘토를 한 명씩 붙임
    - 결과: 회원 12명 → 31명

Failing (en):
    ## Tell me about a time you disagreed with your manager
    **S:** ...
    **T:** ...
    **A:** ...
    **R:** ...
Passing (en):
    ## Tell me about a time you disagreed with your manager
    **S:** My manager wanted to ship the export feature without load tests.
    **T:** As the on-call owner I had to keep the nightly jobs under 30 minutes.
    **A:** I ran a one-hour load test and shared the graph in our 1:1.
    **R:** We delayed two days, fixed one query, and the jobs stayed at 12 minutes.
"""


# A story whose labels are all left blank but one is still a skeleton to fill in.
SKELETON = ("situation", "task", "action", "result")


def is_empty(story: Story) -> bool:
    """Nothing written yet: no line carries a part (a placeholder under a label does not),
    or every label of a STAR skeleton but one is still blank.  A line that only names a
    topic ("- enrollment") is something written: the missing-part rules say what to add."""
    written = [u for u in story.units if not any(e.part == "none" for e in u.evidence)]
    if not any(u.parts for u in written):
        return True
    units = story.units
    blanks = {u.label for i, u in enumerate(units) if u.label in SKELETON and not u.parts
              and not (i + 1 < len(units) and units[i + 1].inherited == u.label)
              and any(e.part == "none" and e.how == "label" for e in u.evidence)}
    if len(blanks) >= len(SKELETON) - 1:
        # "**S:** ... / **T:** ... / **A:** ... / **R:** a note": the skeleton is still to fill
        return True
    return False


def check(story: Story, language: str) -> Iterator[Finding]:
    if is_empty(story):
        yield Finding(line=story.line, message=MESSAGES[language])


RULE = Rule(
    code="STAR007",
    name="empty-story",
    severity="error",
    summary="An experience story with nothing of any part written yet (instead of STAR001–004).",
    doc=DOC,
    advice=ADVICE,
    check=check,
)
