"""Part labels: ``lexicon_for().label(text)`` and how labels count in a story.

``label(text)`` reads the STAR label that starts a line of plain text (Markdown
already stripped: ``**S:** x`` reaches it as ``S: x``) and returns
``LabelHit(kind, written, content)`` or ``None``.

SPEC.md, "The four parts": a part counts when its content is there; a label
with nothing of that part under it does not count.  Learning counts as a
Result; a plan or work in progress is not a Result yet.
"""

from __future__ import annotations

import pytest

import starlint
from starlint.reading.lexicon import lexicon_for


@pytest.fixture(scope="module")
def lex():
    return lexicon_for()


# --------------------------------------------------------------------------
# labels that are read
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind, written, content",
    [
        pytest.param("S: x", "situation", "S", "x", id="bold-letter-S"),
        pytest.param("T: x", "task", "T", "x", id="letter-T"),
        pytest.param("A: x", "action", "A", "x", id="letter-A"),
        pytest.param("R: x", "result", "R", "x", id="letter-R"),
        pytest.param("상황: x", "situation", "상황", "x", id="ko-colon"),
        pytest.param("상황 : x", "situation", "상황", "x", id="ko-spaced-colon"),
        pytest.param("📌 상황 : x", "situation", "상황", "x", id="emoji-ko"),
        pytest.param("🎯 목표 : x", "task", "목표", "x", id="emoji-goal"),
        pytest.param("Situation — x", "situation", "Situation", "x", id="em-dash"),
        pytest.param("1) 상황: x", "situation", "상황", "x", id="numbered-paren"),
        pytest.param("[T] x", "task", "T", "x", id="bracket-letter"),
        pytest.param("Result: x", "result", "Result", "x", id="en-result"),
        pytest.param("배운 점: x", "learning", "배운 점", "x", id="ko-learning-spaced"),
        pytest.param("Challenge: x", "problem", "Challenge", "x", id="en-challenge"),
        pytest.param("내 역할 : x", "task", "내 역할", "x", id="ko-my-role"),
        pytest.param("결과", "result", "결과", "", id="ko-bare-label"),
        pytest.param("결과:", "result", "결과", "", id="ko-label-colon-only"),
        pytest.param("Outcome: x", "result", "Outcome", "x", id="en-outcome"),
        pytest.param("성과 : x", "result", "성과", "x", id="ko-seonggwa"),
        pytest.param("배경: x", "situation", "배경", "x", id="ko-background"),
        pytest.param("Context: x", "situation", "Context", "x", id="en-context"),
        pytest.param("Goal: x", "task", "Goal", "x", id="en-goal"),
        pytest.param("Approach: x", "action", "Approach", "x", id="en-approach"),
        pytest.param("My role: x", "task", "My role", "x", id="en-my-role"),
        pytest.param("Learning: x", "learning", "Learning", "x", id="en-learning"),
        pytest.param("결과 -> x", "result", "결과", "x", id="ko-arrow"),
    ],
)
def test_label_is_read(lex, text, kind, written, content):
    hit = lex.label(text)
    assert hit is not None, f"{text!r} should start with a label"
    assert hit.kind == kind
    assert hit.written == written
    assert hit.content == content


def test_label_keeps_the_content_after_the_separator(lex):
    hit = lex.label("결과 : 결제 실패율 4.2% → 1.1%")
    assert hit is not None
    assert (hit.kind, hit.content) == ("result", "결제 실패율 4.2% → 1.1%")


def test_label_ignores_case(lex):
    for text in ("result: x", "RESULT: x", "situation: x"):
        hit = lex.label(text)
        assert hit is not None and hit.content == "x"


# --------------------------------------------------------------------------
# text that only looks like a label
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("결과적으로 좋았다", id="ko-adverb-gyeolgwajeogeuro"),
        pytest.param("A/B test 설계", id="ab-test"),
        pytest.param("챔피언 리그 : x", id="ko-not-a-label-word"),
        pytest.param("Situational awareness matters", id="en-situational"),
        pytest.param("Result-driven culture", id="en-result-driven"),
        pytest.param("상황에 맞게 대응했다", id="ko-sanghwang-particle"),
        pytest.param("Task force 구성", id="en-task-force"),
        pytest.param("결과물 공유", id="ko-gyeolgwamul"),
        pytest.param("성과급: x", id="ko-seonggwageup"),
        pytest.param("Goalkeeper: x", id="en-goalkeeper"),
        pytest.param("S3 버킷 정리", id="s3-bucket"),
        pytest.param("R&D 센터", id="r-and-d"),
        pytest.param("", id="empty"),
    ],
)
def test_not_a_label(lex, text):
    assert lex.label(text) is None


# --------------------------------------------------------------------------
# Markdown decoration reaches the lexicon as plain text
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "markdown, plain, kind",
    [
        pytest.param("- **S:** x", "S: x", "situation", id="bold-letter-colon-inside"),
        pytest.param("- **결과**: x", "결과: x", "result", id="bold-ko-colon-outside"),
        pytest.param("- **Result:** x", "Result: x", "result", id="bold-en-colon-inside"),
        pytest.param("- __Task__ — x", "Task — x", "task", id="underscore-bold-dash"),
    ],
)
def test_markdown_label_is_read_from_plain_text(markdown, plain, kind):
    text = "## Story\n\n" + markdown + "\n"
    (story,) = starlint.read_stories(text)
    unit = next(u for u in story.units if u.line == 3)
    assert unit.plain == plain
    assert unit.label == kind
    assert unit.content == "x"


# --------------------------------------------------------------------------
# how labels count in a story (through lint_text)
# --------------------------------------------------------------------------
KO_STA = """\
## 결제 오류 대응

- 상황: 2023년 결제 오류가 급증했다
- 과제: 오류율을 절반으로 줄이는 것이 제 담당이었다
- 행동: 로그를 분석해 재시도 로직을 설계했다
"""

KO_BOLD_STA = """\
## 결제 오류 대응

**상황**: 2023년 결제 오류가 급증했다.
**과제**: 오류율을 절반으로 줄이는 것이 제 담당이었다.
**행동**: 로그를 분석해 재시도 로직을 설계했다.
"""

EN_STA = """\
## Checkout errors

**Situation:** In 2023 our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I traced the failures and rewrote the retry logic.
"""


def _codes(report) -> list[str]:
    return [d.code for d in report.diagnostics]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(KO_BOLD_STA + "**결과**:\n", id="ko-bold-paragraph"),
        pytest.param(KO_STA + "- **결과**:\n", id="ko-bold-bullet"),
        pytest.param(KO_STA + "- 결과 :\n", id="ko-bullet"),
        pytest.param(KO_STA + "\n**결과**:\n\n## 다음 질문\n", id="ko-bold-before-next-heading"),
        pytest.param(EN_STA + "**Result:**\n", id="en-bold"),
        pytest.param(EN_STA + "**Result:** TBD\n", id="en-placeholder-tbd"),
        pytest.param(KO_STA + "- 결과: 작성 예정\n", id="ko-placeholder"),
        pytest.param(KO_STA + "- 결과: (작성 예정)\n", id="ko-placeholder-parens"),
        pytest.param(EN_STA + "**Result:** N/A\n", id="en-placeholder-na"),
        pytest.param(EN_STA + "**Result:** (TBD)\n", id="en-placeholder-tbd-parens"),
        pytest.param(EN_STA + "**Result:** TODO: add numbers\n", id="en-todo-note"),
        pytest.param(KO_STA + "- 결과: 아직 결과 없음\n", id="ko-no-result-yet"),
    ],
)
def test_label_with_empty_content_does_not_count(text):
    report = starlint.lint_text(text)
    (story,) = report.stories
    assert story.line == 1
    assert "result" not in story.parts
    assert story.quantified is None
    assert "STAR004" in _codes(report)
    assert "STAR101" not in _codes(report)


def test_empty_result_label_with_a_nested_result_counts():
    text = KO_STA + "- 결과:\n  - 결제 실패율 4.2% → 1.1%\n"
    report = starlint.lint_text(text)
    (story,) = report.stories
    assert 7 in story.parts["result"]
    assert story.quantified is True
    assert _codes(report) == []


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("- 배운 점: 모니터링 알림이 중요하다는 것을 배웠다", id="ko-baeun-jeom"),
        pytest.param("- 배운점: 장애 대응은 기록이 먼저라는 교훈", id="ko-baeunjeom-nospace"),
        pytest.param("- 느낀 점: 작은 자동화도 팀 전체에 도움이 된다", id="ko-neukkin-jeom"),
    ],
)
def test_learning_label_counts_as_result(line):
    report = starlint.lint_text(KO_STA + line + "\n")
    (story,) = report.stories
    assert story.parts.get("result") == [6]
    assert "STAR004" not in _codes(report)
    # a lesson in words is a Result that is not measured
    assert story.quantified is False


def test_learning_label_is_read_as_a_label():
    (story,) = starlint.read_stories(KO_STA + "- 배운 점: 팀장님 조언\n")
    unit = next(u for u in story.units if u.line == 6)
    assert unit.label == "learning"
    assert unit.content == "팀장님 조언"
    assert "result" in unit.parts


def test_english_learning_label_counts_as_result():
    report = starlint.lint_text(EN_STA + "**Lesson learned:** Always add a kill switch first.\n")
    (story,) = report.stories
    assert story.parts.get("result") == [6]
    assert "STAR004" not in _codes(report)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("- 결과: 설계 문서 작성 중", id="ko-writing-in-progress"),
        pytest.param("- 결과: 다음 분기에 적용할 예정", id="ko-scheduled"),
    ],
)
def test_result_label_with_only_a_plan_is_not_a_result(line):
    report = starlint.lint_text(KO_STA + line + "\n")
    (story,) = report.stories
    assert "result" not in story.parts
    assert story.quantified is None
    assert "STAR004" in _codes(report)




@pytest.mark.parametrize(
    "text",
    [
        pytest.param(KO_STA + "- 결과: 다음 분기까지 비용 30% 절감 예정\n", id="ko-planned-percent"),
        pytest.param(EN_STA + "**Result:** We plan to cut costs by 30% next quarter.\n", id="en-planned-percent"),
    ],
)
def test_result_label_with_only_a_planned_figure_is_not_a_result(text):
    report = starlint.lint_text(text)
    (story,) = report.stories
    assert "result" not in story.parts
    assert story.quantified is None
    assert "STAR004" in _codes(report)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(KO_STA + "- 결과: 매출 30% 증가, 다음 분기 전사 확대 예정\n", id="ko"),
        pytest.param(EN_STA + "**Result:** Failures fell 40%; we will roll it out to mobile next.\n", id="en"),
    ],
)
def test_result_with_an_outcome_and_a_plan_counts(text):
    report = starlint.lint_text(text)
    (story,) = report.stories
    assert story.parts.get("result") == [6]
    assert story.quantified is True
    assert _codes(report) == []


def test_english_result_label_with_only_a_plan_is_not_a_result():
    report = starlint.lint_text(EN_STA + "**Result:** We will roll it out next quarter.\n")
    (story,) = report.stories
    assert "result" not in story.parts
    assert "STAR004" in _codes(report)


def test_result_label_with_an_outcome_counts_and_is_quantified():
    report = starlint.lint_text(KO_STA + "- 결과: 결제 실패율 4.2% → 1.1%\n")
    (story,) = report.stories
    assert story.parts == {"situation": [3], "task": [4], "action": [5], "result": [6]}
    assert story.quantified is True
    assert _codes(report) == []


def test_challenge_label_counts_as_situation_or_task():
    text = """\
## Schema conflict

**Challenge:** Two teams kept shipping incompatible event schemas.
**My role:** I owned the shared schema registry.
**Action:** I ran a workshop with both leads and wrote a versioning policy.
**Result:** 3 services migrated within a week.
"""
    report = starlint.lint_text(text)
    (story,) = report.stories
    assert 3 in story.parts.get("situation", []) + story.parts.get("task", [])
    assert 4 in story.parts["task"]
    assert _codes(report) == []
