"""Segmentation: which parts of a notes file are stories (SPEC.md, "Stories").

1. A leaf heading section with text is one story, titled by its heading;
   ``line`` is the heading line, ``end_line`` its last line of text.
2. A section whose sub-headings are only STAR labels is ONE story at the parent
   heading; the label headings are its parts.
3. Notes style: a top-level item with nested items is a story at the item's
   line; an item without nested items is a talking point.  Items that are
   themselves labels (``- 상황: …``, ``- **Situation**`` + nested) make the
   section's heading the story.
4. Front matter, code, tables and HTML comments are never story text.

The inputs use explicit labels so that these tests hold whatever the tuning of
the cue-reading of unlabelled text.
"""

from __future__ import annotations

import pytest

import starlint
from starlint.models import StoryReport


def stories(text: str) -> list[StoryReport]:
    return starlint.lint_text(text).stories


def heads(text: str) -> list[tuple[str, int, int]]:
    """(title, line, end_line) of every story."""
    return [(s.title, s.line, s.end_line) for s in stories(text)]


def codes(text: str, story_line: int | None = None) -> list[str]:
    report = starlint.lint_text(text)
    return [d.code for d in report.diagnostics if story_line is None or d.story_line == story_line]


# --------------------------------------------------------------------------
# 1. leaf heading sections
# --------------------------------------------------------------------------
LEAF_SECTIONS = """\
# 면접 준비

## 데이터 파이프라인 개선

**상황**: 물류 회사에서 배치 작업이 매일 실패했다.
**과제**: 실패율을 낮추는 것이 제 담당이었다.
**행동**: 재시도 로직을 설계하고 모니터링을 도입했다.
**결과**: 실패율 12% → 1%로 감소.

## Checkout errors

**Situation:** Our checkout errors spiked during the holiday sale.
**Task:** I owned cutting them in half.
**Action:** I traced the failures and rewrote the retry logic.
**Result:** Checkout failures fell from 4.2% to 1.1%.


## Questions for them
"""


def test_leaf_heading_sections_are_stories_titled_by_heading():
    assert heads(LEAF_SECTIONS) == [
        ("데이터 파이프라인 개선", 3, 8),
        ("Checkout errors", 10, 15),
    ]


def test_leaf_heading_story_parts_are_the_labelled_lines():
    first, second = stories(LEAF_SECTIONS)
    assert first.parts == {"situation": [5], "task": [6], "action": [7], "result": [8]}
    assert second.parts == {"situation": [12], "task": [13], "action": [14], "result": [15]}
    assert first.quantified is True and second.quantified is True


def test_story_lines_and_parts_lie_inside_the_story():
    for s in stories(LEAF_SECTIONS):
        assert s.line <= s.end_line
        for lines in s.parts.values():
            assert all(s.line <= n <= s.end_line for n in lines)


def test_heading_without_body_is_not_a_story():
    text = "## 입사 후 포부\n\n## 경험\n\n- 상황: 재고가 넘쳤다\n- 결과: 재고 30% 감소\n\n## 역질문\n"
    assert [s.line for s in stories(text)] == [3]


def test_parent_with_story_children_is_not_itself_a_story():
    text = """\
## 경험 질문

아래 두 가지를 준비함.

### 입고 검수 개선
- 상황: 성수기에 트럭 40대가 대기했다
- 결과: 대기 2시간 40분 → 50분

### 야간조 이직률
- 상황: 야간조 이직이 잦았다
- 결과: 이직률 30% 감소
"""
    assert heads(text) == [("입고 검수 개선", 5, 7), ("야간조 이직률", 9, 11)]


# --------------------------------------------------------------------------
# 2. sections whose sub-headings are only part labels
# --------------------------------------------------------------------------
LABEL_HEADINGS_KO = """\
# 포트폴리오

## 추천 시스템 개선

### 상황
신규 서비스에서 추천 클릭률이 낮았다.

### 과제
클릭률을 높이는 것이 목표였다.

### 행동
협업 필터링 모델을 구현했다.

### 결과
클릭률 30% 상승.
"""


def test_label_subheadings_make_one_story_at_the_parent_heading():
    (story,) = stories(LABEL_HEADINGS_KO)
    assert (story.title, story.line, story.end_line) == ("추천 시스템 개선", 3, 15)
    assert set(story.parts) == {"situation", "task", "action", "result"}
    assert 6 in story.parts["situation"]
    assert 9 in story.parts["task"]
    assert 12 in story.parts["action"]
    assert 15 in story.parts["result"]
    assert story.quantified is True
    assert codes(LABEL_HEADINGS_KO) == []


def _label_heading_doc(labels: list[str], bodies: list[str], level: str = "###") -> str:
    out = ["## Project X", ""]
    for label, body in zip(labels, bodies):
        out += [f"{level} {label}", body, ""]
    return "\n".join(out)


EN_BODIES = [
    "Our legacy billing system kept failing at month end.",
    "I had to replace it before the audit.",
    "I migrated accounts in batches and ran both systems side by side.",
    "4,000 accounts moved with zero downtime.",
]
KO_BODIES = [
    "물류센터에서 출고 지연이 잦았다.",
    "출고 지연을 줄이는 것이 제 담당이었다.",
    "피킹 동선을 바꾸고 작업 순서를 재배치했다.",
    "출고 지연 40% 감소.",
]




@pytest.mark.parametrize(
    "labels, bodies, level",
    [
        pytest.param(["Situation", "Task", "Action", "Result"], EN_BODIES, "####", id="en-h4"),
        pytest.param(["Situation", "Task", "Action", "Result"], EN_BODIES, "###", id="en-h3"),
        pytest.param(["Context", "Goal", "Approach", "Outcome"], EN_BODIES, "###", id="en-cgao"),
        pytest.param(["상황", "과제", "행동", "결과"], KO_BODIES, "###", id="ko"),
        pytest.param(["배경", "목표", "해결", "성과"], KO_BODIES, "###", id="ko-bgs"),
        pytest.param(["상황:", "과제:", "행동:", "결과:"], KO_BODIES, "###", id="ko-colon"),
        pytest.param(["**Situation**", "**Task**", "**Action**", "**Result**"], EN_BODIES, "###", id="en-bold"),
        pytest.param(["📌 상황", "🎯 목표", "🛠 행동", "📈 결과"], KO_BODIES, "###", id="ko-emoji"),
        pytest.param(["1. 상황", "2. 과제", "3. 행동", "4. 결과"], KO_BODIES, "###", id="ko-numbered"),
        pytest.param(["[S] 상황", "[T] 과제", "[A] 행동", "[R] 결과"], KO_BODIES, "###", id="ko-bracket-letter"),
        pytest.param(["S: Situation", "T: Task", "A: Action", "R: Result"], EN_BODIES, "###", id="en-letter-colon"),
        pytest.param(["S", "T", "A", "R"], EN_BODIES, "###", id="en-letters"),
        pytest.param(["S (Situation)", "T (Task)", "A (Action)", "R (Result)"], EN_BODIES, "###",
                     id="en-letter-paren-word"),
        pytest.param(["S - Situation", "T - Task", "A - Action", "R - Result"], EN_BODIES, "###",
                     id="en-letter-dash-word"),
    ],
)
def test_label_subheadings_any_vocabulary(labels, bodies, level):
    text = _label_heading_doc(labels, bodies, level)
    (story,) = stories(text)
    assert (story.title, story.line) == ("Project X", 1)
    assert set(story.parts) == {"situation", "task", "action", "result"}
    assert story.quantified is True


def test_partial_label_subheadings_are_one_story_missing_parts():
    text = """\
## 프로젝트 A

### 배경
물류센터에서 출고 지연이 잦았다.

### 성과
출고 지연 40% 감소.
"""
    (story,) = stories(text)
    assert (story.title, story.line, story.end_line) == ("프로젝트 A", 1, 7)
    assert 4 in story.parts["situation"]
    assert 7 in story.parts["result"]
    # no story is titled by a label heading
    assert all(s.title not in ("배경", "성과") for s in stories(text))
    # the story's diagnostics all point at the parent heading
    assert set(codes(text)) >= {"STAR003"}
    assert {d.story_line for d in starlint.lint_text(text).diagnostics} == {1}


def test_problem_solution_learning_subheadings_are_one_story():
    text = """\
## 장애 회고

### 문제
배포 후 결제 오류가 급증했다.

### 해결
롤백 스크립트를 작성해 배포했다.

### 배운 점
모니터링 알림이 중요하다는 것을 배웠다.
"""
    (story,) = stories(text)
    assert (story.title, story.line) == ("장애 회고", 1)
    assert 10 in story.parts["result"]  # 배운 점 counts as a Result
    assert "action" in story.parts


def test_empty_label_subheading_does_not_count():
    text = """\
## 결제 오류 대응

### 상황
결제 오류가 급증했다.
### 과제
오류율을 절반으로 줄이는 것이 제 담당이었다.
### 행동
로그를 분석해 재시도 로직을 설계했다.
### 결과
"""
    (story,) = stories(text)
    assert story.line == 1
    assert "result" not in story.parts
    assert story.quantified is None
    assert "STAR004" in codes(text)


# --------------------------------------------------------------------------
# 3. notes style
# --------------------------------------------------------------------------
NOTES = """\
## 경험 질문

- 입고 검수 병목 해소
  - 상황: 성수기에 트럭 40대가 대기했다
  - 목표: 대기 시간을 1시간 이내로 줄이는 것
  - 행동: 예약제를 도입하고 구역을 분리했다
  - 결과: 대기 2시간 40분 → 50분
- 말할 거리: 현장 3년 경험
- 실패 경험 => 아직 정리 못함

- 야간조 이직률 문제
  - 상황: 야간조 신입 이직이 잦았다
  - 결과: 신입 이직 12명 → 4명
"""


def test_top_level_bullet_with_nested_items_is_a_story():
    assert heads(NOTES) == [
        ("입고 검수 병목 해소", 3, 7),
        ("야간조 이직률 문제", 11, 13),
    ]
    first = stories(NOTES)[0]
    assert first.parts == {"situation": [4], "task": [5], "action": [6], "result": [7]}


def test_top_level_bullet_without_nested_items_is_a_talking_point():
    lines = [s.line for s in stories(NOTES)]
    assert 8 not in lines and 9 not in lines
    # the section heading is not a story either: its bullets are the stories
    assert 1 not in lines
    assert {d.story_line for d in starlint.lint_text(NOTES).diagnostics} <= {3, 11}


def test_bullet_story_outside_any_heading():
    text = """\
- Migrating search indexing off cron
  - Situation: the legacy cron job rebuilt the index nightly
  - Task: I owned the migration
  - Action: I moved indexing to a queue
  - Result: index freshness went from 24h to 5 minutes
- always tie back to user impact
"""
    assert heads(text) == [("Migrating search indexing off cron", 1, 5)]


def test_label_bullets_make_the_heading_the_story():
    text = """\
## 갈등 상황

- 상황: 팀원이 딥러닝 모델만 고집했다
- 과제: 이번 주 안에 결론을 내야 했다
- 행동: 두 모델을 비교 실험했다
- 결과: 검증 점수 차이 2%p를 보고 합의
"""
    (story,) = stories(text)
    assert (story.title, story.line, story.end_line) == ("갈등 상황", 1, 6)
    assert story.parts == {"situation": [3], "task": [4], "action": [5], "result": [6]}


@pytest.mark.parametrize(
    "labels",
    [
        pytest.param(["**Situation**", "**Task**", "**Action**", "**Result**"], id="en-bold"),
        pytest.param(["Situation:", "Task:", "Action:", "Result:"], id="en-colon"),
        pytest.param(["**상황**", "**과제**", "**행동**", "**결과**"], id="ko-bold"),
        pytest.param(["**S**", "**T**", "**A**", "**R**"], id="en-bold-letters"),
    ],
)
def test_bold_label_bullets_with_nested_items_are_parts_not_stories(labels):
    text = """\
## Schema conflict

- {}
  - Two teams disagreed on the event schema.
- {}
  - I had to get a decision by Friday.
- {}
  - I ran a workshop with both leads.
- {}
  - They agreed; 3 services migrated in a week.
""".format(*labels)
    (story,) = stories(text)
    assert (story.title, story.line, story.end_line) == ("Schema conflict", 1, 10)
    assert set(story.parts) == {"situation", "task", "action", "result"}
    for part, line in (("situation", 4), ("task", 6), ("action", 8), ("result", 10)):
        assert line in story.parts[part]
    assert codes(text) == []


def test_flat_bullets_are_the_sections_story_and_a_question_list_is_another_answer():
    # rule 3: a flat list is the body of its section's story; these two are not
    # experiences (a self-introduction, a list of questions), so no STAR code
    text = """\
## 자기소개 키워드

- 현장 3년 + 본사 기획 1년
- 강점 : 작업자 인터뷰부터 시작하는 습관

## 인성 질문

- 상사와 의견이 다를 때 → 데이터 들고 가서 설득
- 마지막 질문 : 센터 자동화 로드맵 물어보기
"""
    assert [(s.title, s.line, s.end_line, s.kind) for s in stories(text)] == [
        ("자기소개 키워드", 1, 4, "other"), ("인성 질문", 6, 9, "other")]
    assert codes(text) == []


def test_heading_over_plain_bullets_is_one_story():
    text = """\
## Pipeline outage

- The DAG failed every night and the morning reports were empty
- I changed the retry policy and split the biggest task in two
- Reports were on time for the next 30 days
"""
    (story,) = stories(text)
    assert (story.title, story.line, story.end_line, story.kind) == ("Pipeline outage", 1, 5, "experience")
    assert story.parts["action"] == [4] and story.parts["result"] == [5]


def test_flat_bullets_with_a_label_are_a_story():
    text = """\
### 갈등 상황
- 팀원이 딥러닝 모델만 고집해서 회의가 길어짐
- 두 모델을 같이 비교 실험하자고 제안
- 결과 : 검증 점수 차이 2%p를 보고 합의
"""
    (story,) = stories(text)
    assert (story.title, story.line, story.end_line) == ("갈등 상황", 1, 4)
    assert 4 in story.parts["result"]


def test_numbered_items_with_nested_labels_are_stories():
    text = """\
## 프로젝트

1. 이탈 예측 프로젝트
   - 문제: 해지 고객이 매달 늘었다
   - 목표: 3개월 안에 해지할 고객 리스트 만들기
   - 행동: 로지스틱 회귀를 적용했다
   - 결과: 정확도 0.82, 해지율 5%p 감소
2. 재고 최적화
   - 문제: 재고가 넘쳤다
   - 결과: 재고 30% 감소
"""
    found = stories(text)
    assert [(s.line, s.end_line) for s in found] == [(3, 7), (8, 10)]
    assert "이탈 예측 프로젝트" in found[0].title
    assert "재고 최적화" in found[1].title
    assert not found[0].title.startswith("1.")
    assert {"task", "action", "result"} <= set(found[0].parts)
    assert 10 in found[1].parts["result"]


# --------------------------------------------------------------------------
# 4. never story text
# --------------------------------------------------------------------------
def test_front_matter_is_not_story_text_and_keeps_line_numbers():
    text = """\
---
title: "Result: 30% more"
tags: [star]
---
## Checkout errors

**Situation:** Our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I rewrote the retry logic.
"""
    (story,) = stories(text)
    assert (story.title, story.line, story.end_line) == ("Checkout errors", 5, 9)
    assert "result" not in story.parts
    assert story.quantified is None
    assert "STAR004" in codes(text)


def test_fenced_code_is_not_story_text():
    text = """\
## Checkout errors

**Situation:** Our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I rewrote the retry logic.

```
Result: 30% faster
**Result:** 40% fewer failures
```
"""
    (story,) = stories(text)
    assert story.line == 1
    assert "result" not in story.parts
    assert story.quantified is None
    assert "STAR004" in codes(text)


def test_fenced_code_inside_a_bullet_story_is_not_story_text():
    text = """\
- Checkout errors
  - Situation: our checkout errors spiked
  - Task: I owned cutting them in half
  - Action: I rewrote the retry logic
    ```
    Result: 30% faster
    ```
"""
    (story,) = stories(text)
    assert story.line == 1
    assert "result" not in story.parts
    assert not any(6 in lines for lines in story.parts.values())


def test_code_does_not_make_a_worded_result_quantified():
    text = """\
## 결제 오류 대응

- 상황: 결제 오류가 급증했다
- 과제: 오류율을 낮추는 것이 제 담당이었다
- 행동: 재시도 로직을 설계했다
- 결과: 팀장님께 좋은 평가를 받았다

```
결과: 실패율 30% 감소
```
"""
    (story,) = stories(text)
    assert story.parts.get("result") == [6]
    assert story.quantified is False
    assert "STAR101" in codes(text)


def test_indented_code_is_not_story_text():
    text = """\
## Checkout errors

**Situation:** Our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I rewrote the retry logic.

    Result: 30% faster
"""
    (story,) = stories(text)
    assert "result" not in story.parts


def test_tables_without_part_labels_are_not_story_text():
    text = """\
## Checkout errors

**Situation:** Our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I rewrote the retry logic.

| Metric | Value |
|---|---|
| failures | 40% fewer |
| latency | 2x faster |
"""
    (story,) = stories(text)
    assert "result" not in story.parts
    assert "STAR004" in codes(text)


def test_a_table_with_part_label_rows_is_the_story():
    text = """\
## 물류 센터 재고 정리

| 구분 | 내용 |
|---|---|
| 상황 | 창고 재고 데이터가 실제와 맞지 않았다 |
| 과제 | 한 달 안에 불일치를 줄이는 것이 목표였다 |
| 행동 | 바코드 스캔 절차를 새로 만들었다 |
| 결과 | 불일치 건수가 40% 줄었다 |
"""
    (story,) = stories(text)
    assert (story.title, story.line) == ("물류 센터 재고 정리", 1)
    assert story.parts == {"situation": [5], "task": [6], "action": [7], "result": [8]}
    assert story.quantified is True
    assert codes(text) == []


def test_a_table_with_star_columns_is_the_story():
    text = """\
## Checkout errors

| S | T | A | R |
|---|---|---|---|
| Errors spiked after a release | I owned cutting them | I rewrote the retry logic | 40% fewer failures |
"""
    (story,) = stories(text)
    assert set(story.parts) == {"situation", "task", "action", "result"}
    assert story.parts["result"] == [5] and story.quantified is True


def test_html_comments_are_not_story_text():
    text = """\
## Checkout errors

**Situation:** Our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I rewrote the retry logic. <!-- Result: 50% -->

<!--
**Result:** revenue grew 50%
-->
"""
    (story,) = stories(text)
    assert "result" not in story.parts
    assert story.quantified is None
    assert "STAR004" in codes(text)


def test_heading_with_only_code_table_or_comment_is_not_a_story():
    text = """\
## Code only

```
Result: 30%
```

## Comment only

<!-- Result: 30% -->

## Table only

| a | b |
|---|---|
| 1 | 2 |
"""
    assert stories(text) == []


def test_inline_code_figures_do_not_quantify_a_result():
    text = """\
## Checkout errors

**Situation:** Our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I rewrote the retry logic.
**Result:** The team was pleased with `30%` and `40 users`.
"""
    (story,) = stories(text)
    assert story.parts.get("result") == [6]
    assert story.quantified is False


# --------------------------------------------------------------------------
# line endings and BOM
# --------------------------------------------------------------------------
MIXED = """\
---
title: notes
---
# 면접 노트

## 경험 1

- 상황: 배치가 매일 실패했다
- 목표: 실패율 낮추기
- 행동: 재시도 로직 구현

```
Result: 30%
```
- 결과: 실패율 12% → 1%

## Story

- Checkout failures
  - Situation: checkout failures spiked
  - Result: failures fell 40%
"""


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: "\ufeff" + t, id="bom"),
        pytest.param(lambda t: "\ufeff" + t.replace("\n", "\r\n"), id="bom-crlf"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="cr"),
    ],
)
def test_crlf_and_bom_give_the_same_stories_and_lines(variant):
    expected = starlint.lint_text(MIXED)
    assert [(s.title, s.line, s.end_line) for s in expected.stories] == [
        ("경험 1", 6, 15),
        ("Checkout failures", 19, 21),
    ]
    got = starlint.lint_text(variant(MIXED))
    assert got.model_dump() == expected.model_dump()


def test_bom_does_not_hide_a_heading_or_label_on_the_first_line():
    text = "\ufeff## 경험\n\n- 상황: 재고가 넘쳤다\n- 결과: 재고 30% 감소\n"
    (story,) = stories(text)
    assert (story.title, story.line) == ("경험", 1)
    assert story.parts == {"situation": [3], "result": [4]}


def test_bom_before_front_matter():
    text = "\ufeff---\r\ntitle: x\r\n---\r\n## 경험\r\n\r\n- 상황: 재고가 넘쳤다\r\n- 결과: 재고 30% 감소\r\n"
    (story,) = stories(text)
    assert (story.title, story.line, story.end_line) == ("경험", 4, 7)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("- 이탈 예측\n\t- 상황: 해지 고객이 늘었다\n\t- 결과: 해지율 5%p 감소\n",
                     ("이탈 예측", 1, 3), id="tab-indented"),
        pytest.param("1) 이탈 예측\n   - 상황: 해지 고객이 늘었다\n   - 결과: 해지율 5%p 감소\n",
                     ("이탈 예측", 1, 3), id="numbered-paren"),
        pytest.param("* 이탈 예측\n    * 상황: 해지 고객이 늘었다\n    * 결과: 해지율 5%p 감소\n",
                     ("이탈 예측", 1, 3), id="star-marker-4-spaces"),
        pytest.param("## 경험\n\n- 이탈 예측\n\n  - 상황: 해지 고객이 늘었다\n\n  - 결과: 해지율 5%p 감소\n",
                     ("이탈 예측", 3, 7), id="loose-list"),
    ],
)
def test_bullet_story_list_variants(text, expected):
    (story,) = stories(text)
    assert (story.title, story.line, story.end_line) == expected
    assert set(story.parts) == {"situation", "result"}


def test_setext_heading_story_line_is_the_heading_text_line():
    text = "Notes\n=====\n\n프로젝트 A\n---------\n\n- 상황: 해지 고객이 늘었다\n- 결과: 해지율 5%p 감소\n"
    assert heads(text) == [("프로젝트 A", 4, 8)]


def test_stories_are_in_file_order():
    found = stories(LEAF_SECTIONS + "\n" + NOTES)
    lines = [s.line for s in found]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)


def test_an_empty_skeleton_of_label_headings_is_one_empty_story():
    text = """\
## Prioritisation under pressure

### Context

### Goal

### Approach

### Outcome

## Why this company?

Because I use the product every day.
"""
    first = stories(text)[0]
    assert (first.title, first.line, first.kind) == ("Prioritisation under pressure", 1, "experience")
    assert codes(text) == ["STAR007"]


def test_a_line_opening_with_tbd_is_a_note_to_self_to_its_end():
    text = """\
## Learn and be curious

TBD. Maybe the side project? Need a real outcome first.
"""
    (story,) = starlint.read_stories(text)
    assert [u.parts for u in story.units] == [[], [], []]
    assert codes(text) == ["STAR007"]


@pytest.mark.parametrize("title, body", [
    ("Biggest weakness", "I used to say yes to every request, so my own roadmap slipped."),
    ("10. 입사하면 해보고 싶은 것", "작은 실험을 자주 돌리는 기획자가 되고 싶습니다."),
    ("Technical talking points", "- SQL: window functions\n- ML: calibration, leakage"),
    ("HashMap 동작 원리", "- 해시로 버킷 찾고 충돌 나면 체이닝\n- 버킷이 길어지면 트리로 바뀜"),
    ("기타", "- 복장: 비즈니스 캐주얼\n- 포트폴리오 출력 2부"),
    ("회사에 대해 아는 것", "차량 SW 플랫폼을 함께 맡고 있습니다."),
])
def test_other_answers_by_title_or_a_body_that_only_plans(title, body):
    (story,) = starlint.read_stories(f"## {title}\n\n{body}\n")
    assert story.kind == "other", story.kind_why
    assert codes(f"## {title}\n\n{body}\n") == []
