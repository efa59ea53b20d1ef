"""Reading unlabelled notes by cues: each line gets the part a careful reader would give it."""

from __future__ import annotations

import pytest

from starlint import read_stories


def parts_by_line(text: str) -> dict[int, set[str]]:
    (story,) = read_stories(text)
    out: dict[int, set[str]] = {}
    for unit in story.units:
        out.setdefault(unit.line, set()).update(unit.parts)
    return out


KO_NOTES = """\
- 물류센터 입고 병목
  - 작년 성수기 당시 입고 트럭이 하루 40대 넘게 몰림
  - 입고 파트 관리자로서 대기 시간을 1시간 안으로 줄이는 게 목표
  - 도착 시간 예약제를 도입하고 검수 구역을 분리함
  - 평균 대기 2시간 40분 → 50분으로 줄었음
"""


def test_korean_notes_by_cues():
    got = parts_by_line(KO_NOTES)
    assert got[2] == {"situation"}
    assert "task" in got[3]
    assert got[4] == {"action"}
    assert got[5] == {"result"}


EN_PROSE = """\
## Cutting CI time

Last year our monorepo CI took 45 minutes per PR. I was asked to get it under 15 minutes. I split the suite into shards and cached the dependencies. Median CI went from 45 to 11 minutes.
"""


def test_english_prose_sentence_by_sentence():
    (story,) = read_stories(EN_PROSE)
    tags = [set(u.parts) for u in story.units]
    assert tags == [{"situation"}, {"task"}, {"action"}, {"result"}]
    assert story.quantified() is True


@pytest.mark.parametrize("line,part", [
    ("전투 / 지출 / 혈맹 테이블을 하나로 합침", "action"),
    ("knn으로 NaN을 보간함", "action"),
    ("ResNet을 이용해 감정 분류 모델을 학습시킴", "action"),
    ("elice 데이터 챌린지에서 10위를 달성", "result"),
    ("전처리가 얼마나 중요한지 다시 한번 깨닫게 되었음", "result"),
    ("월 비용 약 1,800만 원 → 1,100만 원", "result"),
    ("그 주 on-call이 나라서 원인 파악 + 조치 담당", "task"),
    ("목표 : 3개월 안에 해지할 고객 리스트를 뽑기", "task"),
    ("I owned the migration as my infra-rotation project", "task"),
    ("my manager asked me to get them running analyses on their own", "task"),
    ("renewed the cert and wrote an expiry checker", "action"),
    ("I sat down with the front-end lead and adjusted the design", "action"),
    ("the page shipped on time and the team was happier", "result"),
])
def test_a_middle_line_is_read_by_its_cue(line: str, part: str):
    text = f"- story\n  - 첫 줄 배경 설명: 팀에 데이터가 흩어져 있었음\n  - {line}\n  - 마지막 줄\n"
    got = parts_by_line(text)
    assert part in got[3], got


def test_a_closing_figure_is_the_result():
    got = parts_by_line("- CI flakiness\n  - ~8% of CI runs failed on flaky tests\n  - took flakiness on as my Q3 OKR\n"
                        "  - flaky-failure rate under 1% by end of quarter\n")
    assert got == {2: {"situation"}, 3: {"task"}, 4: {"result"}}


def test_first_line_without_cues_is_the_situation_but_a_goal_is_not():
    assert parts_by_line("- s\n  - two junior analysts joined in 2023\n  - paired on their first analyses\n")[2] == {"situation"}
    got = parts_by_line("- s\n  - goal: ship one feature by week 10\n  - paired 2x/week\n")
    assert "situation" not in got[2]


def test_a_plan_is_not_a_result():
    got = parts_by_line("- s\n  - 배포가 느렸음\n  - 캐시를 붙이기로 하고 설계 문서 작성 중\n")
    assert "result" not in got[3]


def test_problem_label_splits_situation_and_task_by_clause():
    text = ("## X\n\n**Challenge:** Lyrics were missing in one market because of a licensing gap, "
            "and once the deal closed I owned the launch.\n**Action:** I ran a staged rollout.\n")
    got = parts_by_line(text)
    assert got[3] == {"situation", "task"}


def test_evidence_names_the_cue():
    (story,) = read_stories("- s\n  - 당시 팀에 데이터가 흩어져 있었음\n  - 대시보드를 구축함\n")
    action = story.units[1]
    assert action.parts == ["action"]
    assert any("구축" in e.detail for e in action.evidence)


LIST_AFTER_LABELLED_SENTENCE = """\
## Running the youth club
**S:** At the community centre I was in charge of the Saturday youth club.

- I organized the volunteers into three rotating teams.
- I wrote a one-page guide for each team.
"""

LIST_UNDER_LABEL = """\
## Running the youth club
**S:** At the community centre the Saturday club had no volunteers left.
**A:** I did three things:

- I organized the volunteers into three rotating teams.
- I wrote a one-page guide for each team.
"""


def test_a_list_after_a_label_with_its_own_sentence_is_read_by_cues():
    got = parts_by_line(LIST_AFTER_LABELLED_SENTENCE)
    assert "situation" in got[2]
    assert got[4] == {"action"} and got[5] == {"action"}


def test_a_list_announced_by_a_label_belongs_to_it():
    got = parts_by_line(LIST_UNDER_LABEL)
    assert got[5] == {"action"} and got[6] == {"action"}
    # the same list after "**S:** …:" would be Situation: the label leads it
    text = LIST_UNDER_LABEL.replace("**A:** I did three things:\n", "**S:** It went like this:\n")
    got = parts_by_line(text)
    assert got[5] == {"situation"}


OUTCOME_IN_ACTION = """\
## Flaky checkout tests
**S:** Our checkout suite failed on one run in five.
**T:** I owned getting it stable before the holiday freeze.
**A:** I traced the failures to a shared clock. I froze time in the fixtures and reran the suite; as a result it passed forty runs in a row.
"""


def test_an_outcome_that_closes_the_action_paragraph_is_the_result():
    got = parts_by_line(OUTCOME_IN_ACTION)
    assert got[4] >= {"action", "result"}


def test_an_action_paragraph_is_not_a_result_when_a_result_label_follows():
    text = OUTCOME_IN_ACTION + "**R:** The freeze went ahead on time.\n"
    (story,) = read_stories(text)
    units = [u for u in story.units if u.line == 4]
    assert all("result" not in u.parts for u in units)
    # and without an outcome cue the Action stays an Action only
    text = OUTCOME_IN_ACTION.replace("; as a result it passed forty runs in a row", "")
    assert "result" not in parts_by_line(text)[4]


def test_a_before_after_figure_told_first_is_the_result_not_the_scene():
    # "에서" inside "40분에서 6분으로" joins the figure: it is no place marker
    (story,) = read_stories("## 성능을 개선했던 경험\n배치 작업 시간을 40분에서 6분으로 줄인 경험이 있습니다. 연구실의 수집 작업이 매일 밤 밀렸는데, 제가 병렬 처리로 바꿨습니다.\n")
    first = story.units[0]
    assert first.parts == ["result"]
    assert "situation" in story.units[1].parts


def test_a_rank_is_the_result_wherever_it_stands():
    (story,) = read_stories("## 가장 몰입했던 경험\n3학년 때 교내 RC카 대회에 나갔습니다. 저는 인지 파트를 맡아 임계값을 바꿔 보았습니다. "
                            "본선에서 32팀 중 10위를 했습니다.\n")
    assert "result" in story.units[-1].parts
    assert story.quantified
