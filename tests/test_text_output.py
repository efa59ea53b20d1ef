"""The text output people read: one short line per diagnostic with the severity as a
word, the rule's code and name, the story and a short message; the long advice in
`starlint rule CODE` and `--explain`; `--statistics`, `--output-file`; a quiet end on
a broken pipe; no colour on a dumb terminal; a progress bar that redraws at most
every 0.1 s."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from starlint import run as run_module
from starlint.cli import app
from starlint.columns import columns, shorten
from starlint.formats.text import LINE_COLUMNS, summary_line
from starlint.models import Summary
from starlint.runtime.progress import Progress

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "answers"
runner = CliRunner()

LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
                  r"(?P<code>STAR\d{3}) (?P<name>[a-z-]+) \[(?P<story>[^\]]+)\] (?P<msg>.+)$")

NO_TASK_KO = """\
## 쿠폰 발급 장애 대응 경험

- 상황: 2024년 봄 쿠폰 발급 서버가 하루 세 번 멈췄습니다
- 행동: 큐 적재량을 분석해 발급 작업을 나눠 처리하도록 바꿨습니다
- 결과: 장애가 월 9건에서 0건으로 줄었습니다
"""

OTHER_NO_TASK_KO = """\
## 정산 배치 지연

- 상황: 월말마다 정산 배치가 아침 9시를 넘겨 끝났습니다
- 행동: 느린 쿼리 세 개에 인덱스를 추가하고 작업을 병렬로 돌렸습니다
- 결과: 배치 시간이 4시간에서 50분으로 줄었습니다
"""

NO_RESULT_EN = """\
## Checkout errors

**Situation:** In 2023 our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I traced the failures and rewrote the retry logic.
"""


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STARLINT_NO_CACHE", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def cli(*args: str):
    return runner.invoke(app, list(args))


def test_a_line_has_severity_code_name_story_and_a_short_message(tmp_path):
    note = tmp_path / "notes.md"
    note.write_text(NO_TASK_KO, encoding="utf-8")
    result = cli("check", "notes.md")
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    m = LINE.match(first)
    assert m, first
    assert (m["path"], m["line"], m["col"], m["severity"], m["code"], m["name"]) == \
        ("notes.md", "1", "1", "error", "STAR002", "missing-task")
    assert m["story"] == "쿠폰 발급 장애 대응 경험"  # fits: the whole title
    assert m["msg"] == "과제가 없습니다: 목표와 역할을 적어 주세요"
    assert columns(m["msg"]) <= 100


def test_a_long_title_is_shortened_to_fit_the_line(tmp_path):
    note = tmp_path / "notes.md"
    title = "결제 시스템 장애 대응과 재발 방지 체계 구축, 그리고 팀 온콜 문화 정착까지 이어진 경험"
    note.write_text(NO_TASK_KO.replace("쿠폰 발급 장애 대응 경험", title), encoding="utf-8")
    first = cli("check", "notes.md").stdout.splitlines()[0]
    m = LINE.match(first)
    assert m and m["story"].endswith("…") and title.startswith(m["story"][:-1].rstrip())
    assert columns(first) <= LINE_COLUMNS


def test_when_no_title_fits_the_story_is_its_line_range(tmp_path):
    deep = tmp_path / "interview-preparation-notes-folder-2026"
    deep.mkdir(parents=True)
    (deep / "interview-preparation-notes.md").write_text(NO_TASK_KO, encoding="utf-8")
    first = cli("check", str(deep / "interview-preparation-notes.md")).stdout.splitlines()[0]
    m = LINE.match(first)
    assert m and m["story"] == "1-5", first
    assert columns(first) > LINE_COLUMNS  # the path alone is long: the span shows, even over the width


def test_columns_count_hangul_as_two_and_shorten_cuts_to_width():
    assert columns("abc") == 3 and columns("과제") == 4 and columns("spark 스터디") == 12
    assert shorten("쿠폰 발급 장애", 8) == "쿠폰 발…"
    assert columns(shorten("쿠폰 발급 장애", 8)) <= 8
    assert shorten("short", 8) == "short"


def test_every_line_of_the_shipped_examples_fits_120_columns_and_names_its_story(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli("check", "answers/")
    assert result.exit_code == 1  # the examples hold problems on purpose
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    diagnostics = lines[:-1]
    assert len(diagnostics) == 22
    for line in diagnostics:
        assert LINE.match(line), line
        assert columns(line) <= LINE_COLUMNS, (columns(line), line)


def test_the_readme_shows_the_real_output_of_command_1(monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- check-output -->\n```text\n(.*?)```\n", readme, re.S)
    assert m, "README has no check-output block"
    assert m.group(1) == cli("check", "answers/").stdout


def test_rule_prints_the_long_advice_in_both_languages():
    out = cli("rule", "STAR002").stdout
    assert "Task is missing: say what had to be achieved and what your role was." in out
    assert "과제(Task)가 없습니다. 무엇을 이뤄야 했는지" in out


def test_explain_prints_each_codes_advice_once_after_the_diagnostics(tmp_path):
    (tmp_path / "a.md").write_text(NO_TASK_KO + "\n" + OTHER_NO_TASK_KO, encoding="utf-8")
    (tmp_path / "b.md").write_text(NO_RESULT_EN, encoding="utf-8")
    out = cli("check", "a.md", "b.md", "--explain").stdout
    advice = [ln for ln in out.splitlines() if re.match(r"^STAR\d{3} [a-z-]+: ", ln)]
    assert [ln.split(":")[0] for ln in advice] == ["STAR002 missing-task", "STAR004 missing-result"]
    assert advice[0].startswith("STAR002 missing-task: 과제(Task)가 없습니다.")  # the diagnostics' language
    assert advice[1].startswith("STAR004 missing-result: Result is missing: say what changed")
    assert out.index("STAR002 missing-task:") > out.index("b.md:")  # after every diagnostic


def test_statistics_counts_per_code(tmp_path):
    (tmp_path / "a.md").write_text(NO_TASK_KO + "\n" + OTHER_NO_TASK_KO, encoding="utf-8")
    (tmp_path / "b.md").write_text(NO_RESULT_EN, encoding="utf-8")
    out = cli("check", "a.md", "b.md", "--statistics").stdout
    stats = [ln.split("\t") for ln in out.splitlines() if "\t" in ln]
    assert stats == [["2", "STAR002", "missing-task"], ["1", "STAR004", "missing-result"]]


def test_output_file_gets_the_output_and_stdout_stays_empty(tmp_path):
    (tmp_path / "b.md").write_text(NO_RESULT_EN, encoding="utf-8")
    result = cli("check", "b.md", "--format", "json", "--output-file", "out.json")
    assert result.exit_code == 1 and result.stdout == ""
    import json

    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [d["code"] for d in data["files"][0]["diagnostics"]] == ["STAR004"]


def test_output_file_in_a_missing_folder_is_a_clear_error(tmp_path):
    (tmp_path / "b.md").write_text(NO_RESULT_EN, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "starlint", "check", "b.md", "-o", "nope/out.txt"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "starlint: error: cannot write nope/out.txt" in result.stderr


def test_a_broken_pipe_ends_quietly(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(40):
        (notes / f"n{i:02}.md").write_text(NO_RESULT_EN, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "starlint", "check", str(notes)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdout.close()  # the reader is gone before the first line: `| head -0`
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert proc.returncode == 141  # as a process ended by SIGPIPE, not 1 (found errors)


@pytest.mark.parametrize(("env", "tty", "expected"), [
    ({"TERM": "dumb"}, True, False),
    ({"TERM": "xterm-256color"}, True, True),
    ({"TERM": "xterm-256color", "NO_COLOR": "1"}, True, False),
    ({"TERM": "xterm-256color"}, False, False),
    ({"TERM": "dumb", "FORCE_COLOR": "1"}, False, True),
])
def test_colour_follows_the_terminal(monkeypatch, env, tty, expected):
    for key in ("TERM", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "stdout", type("Out", (io.StringIO,), {"isatty": lambda self: tty})())
    assert run_module.colour() is expected


def test_the_progress_bar_redraws_at_most_every_interval_even_when_findings_clear_it(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("starlint.runtime.progress.time.monotonic", lambda: clock[0])
    stream = io.StringIO()
    bar = Progress(500, stream, delay=0.0, interval=0.1)
    for _ in range(500):  # 500 files in 0.25 s, each with a finding that clears the bar first
        bar.clear()
        bar.advance()
        clock[0] += 0.0005
    draws = stream.getvalue().count("files  ")
    assert 2 <= draws <= 4


def test_summary_counts_in_the_singular():
    assert summary_line(Summary(files=1, stories=1)) == "All good: 1 story in 1 file, nothing to fix."
    line = summary_line(Summary(files=1, stories=2, other_answers=1, errors=1))
    assert line == "Found 1 error in 1 file (1 story, 1 other answer)."


def test_no_all_good_when_sections_held_no_story():
    line = summary_line(Summary(files=2, stories=3, other_answers=3))
    assert line.startswith("No story found in 2 files (0 stories, 3 other answers).")
    assert "All good" not in line


def test_rules_says_off_by_default_once():
    out = cli("rules").stdout
    [line] = [ln for ln in out.splitlines() if ln.startswith("STAR910")]
    assert line.count("off by default") == 1


def test_unused_suppression_speaks_the_files_language(tmp_path):
    en_story = NO_RESULT_EN.replace("## Checkout errors", "## Checkout errors") + \
        "**Result:** Checkout failures fell from 4.2% to 1.1%.\n"
    ko_story = NO_TASK_KO.replace("- 행동", "- 과제: 발급 장애를 없애는 것이 제 몫이었습니다\n- 행동")
    text = "<!-- starlint-disable STAR205 -->\n\n" + en_story + "\n" + ko_story + "\n" + \
        ko_story.replace("쿠폰 발급 장애", "정산 배치 지연")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    result = cli("check", "a.md", "--extend-select", "STAR910", "--format", "json")
    import json

    [d] = [d for d in json.loads(result.stdout)["files"][0]["diagnostics"] if d["code"] == "STAR910"]
    assert re.search(r"[가-힣]", d["message"]), d["message"]  # two Korean stories of three: Korean


def test_inspect_a_folder_inspects_each_note(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli("inspect", "answers")
    assert result.exit_code == 0
    shown = {ln.split(":")[0] for ln in result.stdout.splitlines() if ln.startswith("answers")}
    assert shown == {f"answers/{p.name}" for p in ANSWERS.glob("*.md")}


TALKING_POINTS_KO = """\
## 강점 정리

- 꼼꼼함
- 데이터로 설득하기
- 결제 장애 대응
  - 상황: 2023년 결제 오류가 급증했습니다
  - 과제: 오류율을 절반으로 줄이는 것이 제 담당이었습니다
  - 행동: 로그를 분석해 재시도 로직을 설계했습니다
  - 결과: 결제 실패율이 4.2%에서 1.1%로 내려갔습니다
"""


def test_the_summary_counts_talking_points_text_and_json(tmp_path):
    (tmp_path / "a.md").write_text(TALKING_POINTS_KO, encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 0
    assert result.stdout.strip() == "All good: 1 story, 2 talking points in 1 file, nothing to fix."
    import json

    summary = json.loads(cli("check", "a.md", "--format", "json").stdout)["summary"]
    assert (summary["stories"], summary["talking_points"]) == (1, 2)
