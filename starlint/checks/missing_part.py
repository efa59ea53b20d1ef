"""STAR001–006, the missing-part rules: a story that lacks a part its framework asks
for.  One check, six rows of data: under plain STAR the four STAR parts as read;
another framework (frameworks.py) may drop a part (no Task under CAR), rename it
(Challenge, Problem) or add one (Learning, Obstacle), with STAR005 missing-learning
and STAR006 missing-obstacle for those.

Each row of PARTS is one rule: its code and name, the part, its one-line summary,
the short message a diagnostic carries, the long advice (`starlint rule CODE`,
`check --explain`) and the doc with failing and passing examples (executed by
tests/test_doc_examples.py)."""

from __future__ import annotations

from typing import Callable, Iterator, NamedTuple

from ..reading.frameworks import has_part
from ..models import Story
from .base import Context, Finding, Rule
from .empty_story import is_empty


# Parts whose absence starlint cannot be sure of in a longer story with no labels at
# all: context and doings are told in more ways than cue lists hold.  Measured on the
# labelled notes (five sets, 226 missing-part errors): in unlabelled stories of three
# lines or more, 15 of 19 missing-Situation and missing-Action errors were wrong; in
# shorter ones 2 of 9 (a one- or two-line answer with no context plainly has none);
# for the Task and the Result 8 of 65 (roles, goals and outcomes have few words), and
# with labels 5 of 133.  There STAR008 says softly what it could not find.
UNSURE_UNLABELLED = ("situation", "action")
UNSURE_FROM_LINES = 3


def unlabelled(story: Story) -> bool:
    """No line of the story carries a part label, its own or one above it."""
    return not any(u.label or u.inherited for u in story.units)


def unsure(part: str, story: Story) -> bool:
    """Whether a missing `part` is only "not found" (STAR008), not an error."""
    return part in UNSURE_UNLABELLED and unsure_story(story)


def unsure_story(story: Story) -> bool:
    """A story long enough to hide a part in words starlint does not know, with no labels."""
    return len(story.units) >= UNSURE_FROM_LINES and unlabelled(story)


def lacks(part: str, story: Story, context: Context | None):
    """The framework part the story lacks (True under plain STAR), or None when it has it."""
    if context is None:  # called on its own: plain STAR
        if part in ("situation", "task", "action", "result") and not any(part in u.parts for u in story.units):
            return True
        return None
    fpart = context.framework.part(part)
    if fpart is None:
        return None
    if _read_parts_only(fpart):
        # a part that is just STAR parts as read (all of plain STAR's): the parts the
        # story's lines carry, worked out once for all the missing-part rules
        key = ("parts", id(story))
        present = context.cache.get(key)
        if present is None:
            present = context.cache[key] = _parts_present(story)
        if any(p in present for p in fpart.parts):
            return None
    elif has_part(story, fpart, context.lexicon):
        return None
    return fpart


def missing_part(part: str, messages: dict[str, str]) -> Callable[..., Iterator[Finding]]:
    def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
        if is_empty(story):
            return  # nothing written yet: one STAR007, not an error per part
        if unsure(part, story):
            return  # STAR008 part-not-found says it, as a warning
        fpart = lacks(part, story, context)
        if fpart is None:
            return
        message = fpart.message.get(language) if fpart is not True and fpart.message is not None else None
        yield Finding(line=story.line, message=message or messages[language])

    check.__doc__ = f"Report a story with no {part}."
    return check


def _read_parts_only(fpart) -> bool:
    """Does `counts_as` come down to "a line that is no placeholder carries one of its parts"?"""
    return not (fpart.label_kinds or fpart.marks or fpart.terms or fpart.patterns or fpart.apart_from)


def _parts_present(story: Story) -> set[str]:
    """The STAR parts of the story's lines, placeholders ("결과: TBD") left out (as counts_as)."""
    return {part for u in story.units if not any(e.part == "none" for e in u.evidence) for part in u.parts}


class MissingPart(NamedTuple):
    """One missing-part rule, as data."""

    code: str
    name: str
    part: str  # the framework part (frameworks.py) the rule asks for
    summary: str  # one line, English (`starlint rules`)
    messages: dict[str, str]  # one short line per diagnostic, per language
    advice: dict[str, str]  # the long advice with an example, per language
    doc: str  # full documentation with failing and passing examples


PARTS: tuple[MissingPart, ...] = (
    MissingPart(
        code="STAR001",
        name="missing-situation",
        part="situation",
        summary="The story has no Situation (context: where, when, what was going on).",
        messages={
            "ko": "상황이 없습니다: 언제·어디서였는지 적어 주세요",
            "en": "Situation missing: add when and where it was",
        },
        advice={
            "ko": "상황(Situation)이 없습니다. 언제, 어디서, 어떤 문제가 있었는지 한 줄로 먼저 밝혀 주세요. "
                  "예) '상황: 2023년 사내 해커톤에서 결제 오류가 급증하던 때'",
            "en": "Situation is missing: open with where and when this happened and what was going on. "
                  "e.g. 'Situation: during the 2023 holiday sale our checkout errors spiked.'",
        },
        doc="""\
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
""",
    ),
    MissingPart(
        code="STAR002",
        name="missing-task",
        part="task",
        summary="The story has no Task (the goal, and your role in reaching it).",
        messages={
            "ko": "과제가 없습니다: 목표와 역할을 적어 주세요",
            "en": "Task missing: add the goal and your role",
        },
        advice={
            "ko": "과제(Task)가 없습니다. 무엇을 이뤄야 했는지, 그 안에서 본인의 역할이 무엇이었는지 밝혀 주세요. "
                  "예) '과제: 결제 실패율을 분기 안에 절반으로 줄이는 것이 제 담당이었습니다.'",
            "en": "Task is missing: say what had to be achieved and what your role was. "
                  "e.g. 'Task: as the on-call engineer, I had to cut checkout failures in half this quarter.'",
        },
        doc="""\
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
""",
    ),
    MissingPart(
        code="STAR003",
        name="missing-action",
        part="action",
        summary="The story has no Action (what you did, concretely).",
        messages={
            "ko": "행동이 없습니다: 직접 한 일을 적어 주세요",
            "en": "Action missing: add what you did, step by step",
        },
        advice={
            "ko": "행동(Action)이 없습니다. 본인이 직접 한 일을 '제가 …했습니다'처럼 구체적인 단계와 방법으로 적어 주세요. "
                  "예) '행동: 로그를 분석해 원인을 찾고, 재시도 로직을 설계해 배포했습니다.'",
            "en": "Action is missing: say what you yourself did, step by step, with the methods and tools. "
                  "e.g. 'Action: I traced the failures to a retry bug, rewrote the retry logic and shipped it behind a flag.'",
        },
        doc="""\
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
""",
    ),
    MissingPart(
        code="STAR004",
        name="missing-result",
        part="result",
        summary="The story has no Result (what changed, was achieved or learned).",
        messages={
            "ko": "결과가 없습니다: 달라진 점을 숫자로 적어 주세요",
            "en": "Result missing: add what changed, with a number",
        },
        advice={
            "ko": "결과(Result)가 없습니다. 행동 덕분에 무엇이 달라졌는지, 가능하면 숫자로 적어 주세요. "
                  "예) '결과: 결제 실패율 4.2% → 1.1%, 고객 문의 30% 감소'",
            "en": "Result is missing: say what changed because of what you did, with a number if you can. "
                  "e.g. 'Result: checkout failures fell from 4.2% to 1.1%.'",
        },
        doc="""\
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
""",
    ),
    MissingPart(
        code="STAR005",
        name="missing-learning",
        part="learning",
        summary="Under STAR-L, the story has no Learning (what you learned).",
        messages={
            "ko": "배운 점이 없습니다 (STAR-L): 한두 줄 더해 주세요",
            "en": "Learning missing (STAR-L): add what you learned",
        },
        advice={
            "ko": "배운 점(Learning)이 없습니다 (STAR-L). 이 경험에서 무엇을 배웠고 다음에 무엇을 다르게 할지 한두 줄로 "
                  "덧붙여 주세요. 예) '배운 점: 지표 정의를 먼저 맞추면 분석보다 합의가 빨라진다는 것을 배웠습니다.'",
            "en": "Learning is missing (STAR-L): close with what you learned and what you would do differently next time. "
                  "e.g. 'Learning: agreeing on the metric first saves more time than any analysis.'",
        },
        doc="""\
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
""",
    ),
    MissingPart(
        code="STAR006",
        name="missing-obstacle",
        part="obstacle",
        summary="Under SOAR, the story has no Obstacle (what stood in the way).",
        messages={
            "ko": "장애물이 없습니다 (SOAR): 무엇이 막았는지 적어 주세요",
            "en": "Obstacle missing (SOAR): add what stood in the way",
        },
        advice={
            "ko": "장애물(Obstacle)이 없습니다 (SOAR). 무엇이 가로막았는지(제약, 갈등, 위험) 먼저 밝히고 어떻게 넘었는지 "
                  "이어 주세요. 예) '장애물: 외부 API 호출이 초당 10건으로 제한돼 있었음'",
            "en": "Obstacle is missing (SOAR): say what stood in the way — a constraint, a conflict, a risk — before how "
                  "you got past it. e.g. 'Obstacle: the vendor API allowed only 10 calls a second.'",
        },
        doc="""\
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
""",
    ),
)

RULES: tuple[Rule, ...] = tuple(
    Rule(code=row.code, name=row.name, severity="error", summary=row.summary, doc=row.doc, advice=row.advice,
         check=missing_part(row.part, row.messages), uses_context=True)
    for row in PARTS
)
