"""Precision first: a missing Situation or Action is an error only where the reading is
sure of it (the story has labels, or is short); in a longer unlabelled story it is
STAR008 part-not-found, a warning that says what was not found and how to label it."""

from __future__ import annotations

from starlint import lint_text

UNLABELLED_KO = """\
- 사내 스터디 운영
  - 매주 참석자가 줄어드는 게 고민이었음
  - 스터디장으로서 한 달 안에 참석률을 되살리는 게 목표
  - 참석률 40% → 85%
"""
LABELLED_KO = """\
- 사내 스터디 운영
  - 상황: 매주 참석자가 줄어드는 게 고민이었음
  - 과제: 스터디장으로서 한 달 안에 참석률을 되살리는 게 목표
  - 결과: 참석률 40% → 85%
"""
UNLABELLED_EN = """\
## Onboarding guide
- As the team lead I had to get new hires productive within a week
- Time to first merged PR fell from 9 days to 3
- Everyone on the team now uses the guide
"""


def diagnostics(text: str) -> list[tuple[str, str, str]]:
    return [(d.code, d.severity, d.message) for d in lint_text(text).diagnostics]


def test_an_unlabelled_story_without_an_action_gets_a_warning_not_an_error():
    (found,) = diagnostics(UNLABELLED_KO)
    code, severity, message = found
    assert (code, severity) == ("STAR008", "warning")
    assert message.startswith("행동이 분명하지 않습니다") and "'행동:'" in message


def test_with_labels_the_missing_action_is_an_error():
    assert [(c, s) for c, s, _ in diagnostics(LABELLED_KO)] == [("STAR003", "error")]


def test_one_message_names_both_parts_in_the_storys_language():
    (found,) = diagnostics(UNLABELLED_EN)
    assert found[:2] == ("STAR008", "warning")
    assert "No clear Situation or Action:" in found[2] and "'Situation:'" in found[2]


def test_a_short_unlabelled_story_is_read_surely():
    # two lines with no context plainly have none: the error stands
    text = "## 장애 대응\n- 제가 알림 규칙을 다시 짬\n- 새벽 장애 알림이 월 30건 → 4건\n"
    assert [c for c, _, _ in diagnostics(text)] == ["STAR001", "STAR002"]


def test_the_warning_is_selectable_apart():
    codes = [d.code for d in lint_text(UNLABELLED_KO).diagnostics]
    assert codes == ["STAR008"]
    from starlint.config import Config

    assert lint_text(UNLABELLED_KO, config=Config(ignore=["part-not-found"])).diagnostics == []
