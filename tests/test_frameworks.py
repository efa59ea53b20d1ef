"""Answer frameworks (STAR, STAR-L, CAR, PAR, SOAR): from config and from front matter."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from starlint import Config, lint_text
from starlint.reading import frameworks as fw
from starlint.cli import app

FULL_KO = """\
## 배포 자동화
- 상황: 배포가 수동이라 주 1회밖에 못 했음
- 과제: 배포 담당으로 하루 여러 번 배포할 수 있게 만드는 것
- 행동: GitHub Actions로 빌드·테스트·배포 파이프라인 구축
- 결과: 배포 주기 주 1회 → 하루 3회
"""
LESSON_ONLY_KO = """\
## 배포 자동화
- 상황: 배포가 수동이라 주 1회밖에 못 했음
- 과제: 배포 담당으로 하루 여러 번 배포할 수 있게 만드는 것
- 행동: GitHub Actions로 파이프라인 구축
- 배운 점: 롤백 절차를 먼저 합의해야 한다는 것을 배움
"""
STARL_EN = """\
## Support rota
**Situation:** Support tickets sat unassigned for days.
**Task:** As the support lead I had to get first replies under a day.
**Action:** I set up a rotation and a triage board.
**Result:** Median first reply fell from 3 days to 5 hours.
**Learning:** a rota only works when someone owns the edge cases.
"""
NO_TASK_EN = """\
## Checkout errors
**Challenge:** In 2023 our checkout errors spiked during the holiday sale.
**Action:** I traced the failures and rewrote the retry logic.
**Result:** Checkout failures fell from 4.2% to 1.1%.
"""
LETTERS_KO = """\
## 결제 오류
- C: 2023년 결제 오류가 급증함
- 행동: 재시도 로직을 고침
- 결과: 오류 4% → 1%
"""
SOAR_KO = """\
## 결제 모듈 교체
- 상황: 2023년 PG사 계약 만료로 결제 모듈을 바꿔야 했음
- 장애물: 전환 기간에도 결제를 멈출 수 없었고 QA 인력은 1명뿐이었음
- 행동: 어댑터 계층을 두고 트래픽을 10%씩 옮김
- 결과: 결제 실패율 0.8% → 0.3%
"""


def codes(text: str, **config) -> list[str]:
    return [d.code for d in lint_text(text, "notes.md", Config(select=["STAR0", "STAR9"], **config)).diagnostics]


def front(name: str, text: str, style: str = "block") -> str:
    head = {"block": f"---\ntitle: 면접\nstarlint:\n  framework: {name}   # chosen here\n---\n",
            "flow": f"---\nstarlint: {{framework: \"{name}\"}}\n---\n",
            "toml": f"+++\ntitle = \"x\"\n[starlint]\nframework = \"{name}\"\n+++\n"}[style]
    return head + text


def test_every_framework_is_defined_with_its_parts():
    data = fw.frameworks()
    parts = {f.name: [p.part for p in f.parts] for f in data.frameworks}
    assert parts == {
        "star": ["situation", "task", "action", "result"],
        "starl": ["situation", "task", "action", "result", "learning"],
        "car": ["situation", "action", "result"],
        "par": ["situation", "action", "result"],
        "soar": ["situation", "obstacle", "action", "result"],
    }
    assert fw.get("car").part("situation").title.en == "Challenge"
    assert fw.get("par").part("situation").title.ko == "문제"


def test_plain_star_counts_a_lesson_as_the_result():
    assert codes(FULL_KO) == []
    assert codes(LESSON_ONLY_KO) == []
    assert "STAR002" in codes(NO_TASK_EN)


def test_starl_asks_for_a_learning_and_a_result_apart_from_it():
    assert codes(FULL_KO, framework="starl") == ["STAR005"]
    assert codes(LESSON_ONLY_KO, framework="starl") == ["STAR004"]
    assert codes(STARL_EN, framework="starl") == []
    (d,) = lint_text(LESSON_ONLY_KO, "n.md", Config(framework="starl", select=["STAR004"])).diagnostics
    assert "STAR-L" in d.message and "배운 점" in d.message


def test_starl_reads_an_unlabelled_lesson():
    text = FULL_KO + "- 롤백 절차를 먼저 합의해야 한다는 것을 배움\n"
    assert codes(text, framework="starl") == []


@pytest.mark.parametrize("name", ["car", "par", "soar"])
def test_no_task_part_outside_star(name):
    assert "STAR002" not in codes(NO_TASK_EN, framework=name)


def test_car_names_the_challenge():
    text = "## Checkout errors\n**Action:** I rewrote the retry logic.\n**Result:** Failures fell from 4.2% to 1.1%.\n"
    (d,) = lint_text(text, "n.md", Config(framework="car", select=["STAR0"])).diagnostics
    assert d.code == "STAR001" and d.message.startswith("Challenge is missing (CAR)")
    (d,) = lint_text(text, "n.md", Config(framework="par", select=["STAR0"])).diagnostics
    assert d.message.startswith("Problem is missing (PAR)")


def test_framework_labels_are_read_only_under_their_framework():
    from starlint.engine import read_document

    assert codes(front("car", LETTERS_KO)) == []
    (car,) = read_document(front("car", LETTERS_KO))[1]
    (star,) = read_document(LETTERS_KO)[1]
    assert car.units[0].label == "problem" and car.units[0].content.startswith("2023년")
    assert star.units[0].label is None  # "C:" is no label under STAR
    (par,) = read_document(front("par", LETTERS_KO.replace("- C:", "- P:")))[1]
    assert par.units[0].label == "problem"


def test_soar_asks_for_an_obstacle():
    assert codes(SOAR_KO, framework="soar") == []
    without = SOAR_KO.replace("- 장애물: 전환 기간에도 결제를 멈출 수 없었고 QA 인력은 1명뿐이었음\n", "")
    assert codes(without, framework="soar") == ["STAR006"]
    assert codes(NO_TASK_EN, framework="soar") == []  # the Challenge is the obstacle


@pytest.mark.parametrize("style", ["block", "flow", "toml"])
def test_front_matter_chooses_the_framework(style):
    assert codes(front("starl", FULL_KO, style)) == ["STAR005"]
    # front matter wins over the config
    assert codes(front("star", FULL_KO, style), framework="starl") == []


def test_front_matter_lines_stay_out_of_the_story():
    report = lint_text(front("starl", FULL_KO), "n.md")
    (story,) = report.stories
    assert story.line == 6 and story.title == "배포 자동화"


@pytest.mark.parametrize("body, kind", [
    ("starlint:\n  framwork: car\n", "framwork"),
    ("starlint: {framework: carr}\n", "carr"),
    ("starlint: car\n", "car"),
])
def test_bad_front_matter_is_reported_and_the_config_used(body, kind):
    report = lint_text(f"---\n{body}---\n" + FULL_KO, "n.md", Config(framework="starl"))
    bad = [d for d in report.diagnostics if d.code == "STAR920"]
    assert len(bad) == 1 and kind in bad[0].message and bad[0].story_line is None
    assert bad[0].severity == "error" and bad[0].line == (3 if "framwork" in body else 2)
    assert "STAR005" in [d.code for d in report.diagnostics]  # read with the config's framework


def test_other_front_matter_is_left_alone():
    text = "---\ntitle: KT 면접\ntags: [data]\nframework: not-ours\n---\n" + FULL_KO
    assert codes(text) == []


def test_front_matter_parser_subset():
    fm = fw.front_matter(["---", "starlint:", "  framework: 'SOAR'  # quoted", "---"])
    assert fm.settings == {"framework": "soar"} and fm.problems == []
    assert fw.front_matter(["---", "starlint:", "  framework: car"]).settings == {}  # unclosed: no front matter
    assert fw.front_matter(["# notes"]).settings == {}


def test_framework_config_key_is_validated(tmp_path):
    (tmp_path / "starlint.toml").write_text('framework = "stra"\n', encoding="utf-8")
    notes = tmp_path / "notes.md"
    notes.write_text(FULL_KO, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(notes)])
    assert result.exit_code == 2 and "framework" in result.output
    (tmp_path / "starlint.toml").write_text('framework = "starl"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", str(notes)])
    assert result.exit_code == 1 and "STAR005" in result.stdout


def test_new_missing_part_rules_have_docs():
    for code in ("STAR005", "STAR006", "STAR920"):
        result = CliRunner().invoke(app, ["rule", code])
        assert result.exit_code == 0 and code in result.output
