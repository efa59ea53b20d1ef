"""The library API: ``lint_text``, ``lint_paths``, ``Config``, and a light import.

``lint_text(...).model_dump(mode="json")`` is exactly one entry of
``starlint check --format json``'s ``files``; ``lint_paths`` returns the whole
``Report`` (SPEC.md, "starlint check --format json").
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import starlint
from starlint.cli import app

KO_NO_RESULT = """\
## 결제 오류 대응

- 상황: 2023년 결제 오류가 급증했다
- 과제: 오류율을 절반으로 줄이는 것이 제 담당이었다
- 행동: 로그를 분석해 재시도 로직을 설계했다
"""

KO_WORDED = """\
## 배송 지연 대응

- 상황: 명절 기간 배송 지연 문의가 급증했다
- 과제: 지연 문의를 줄이는 것이 제 담당이었다
- 행동: 출고 순서를 바꾸고 안내 문자를 자동화했다
- 결과: 지연 문의가 줄었다
"""

EN_GOOD = """\
## Checkout errors

**Situation:** In 2023 our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I traced the failures and rewrote the retry logic.
**Result:** Checkout failures fell from 4.2% to 1.1%.
"""

NOTES = KO_NO_RESULT + "\n" + KO_WORDED + "\n" + EN_GOOD


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """Run from an empty folder: no config file of the project or the user is picked up."""
    home = tmp_path / "cwd"
    home.mkdir()
    monkeypatch.chdir(home)


def cli_json(*args: str) -> dict:
    result = CliRunner().invoke(app, ["check", "--format", "json", *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# --------------------------------------------------------------------------
# lint_text
# --------------------------------------------------------------------------
def test_lint_text_returns_a_file_report():
    report = starlint.lint_text(NOTES, path="answers/notes.md")
    assert isinstance(report, starlint.FileReport)
    assert report.path == "answers/notes.md"
    assert [(s.title, s.line) for s in report.stories] == [
        ("결제 오류 대응", 1), ("배송 지연 대응", 7), ("Checkout errors", 14)]
    assert all(isinstance(s, starlint.StoryReport) for s in report.stories)
    assert all(isinstance(d, starlint.Diagnostic) for d in report.diagnostics)
    assert [(d.code, d.story_line) for d in report.diagnostics] == [("STAR004", 1), ("STAR101", 7)]


def test_lint_text_dump_equals_the_cli_json_for_that_file(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    doc = cli_json(path)
    (from_cli,) = doc["files"]
    from_api = starlint.lint_text(NOTES, path=str(path)).model_dump(mode="json")
    assert from_api == from_cli


def test_lint_text_dump_equals_the_cli_json_for_stdin():
    result = CliRunner().invoke(app, ["check", "--format", "json", "-", "--stdin-filename", "x/notes.md"],
                                input=NOTES)
    (from_cli,) = json.loads(result.stdout)["files"]
    assert starlint.lint_text(NOTES, path="x/notes.md").model_dump(mode="json") == from_cli


def test_lint_text_without_path_still_names_the_file():
    report = starlint.lint_text(KO_NO_RESULT)
    assert isinstance(report.path, str) and report.path


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff", "# 제목만\n", "```\n결과: 30%\n"])
def test_lint_text_on_empty_or_odd_input_has_no_stories(text):
    report = starlint.lint_text(text)
    assert report.stories == []
    assert [d for d in report.diagnostics if not d.code.startswith("STAR9")] == []


def test_config_select_ignore_and_messages():
    codes = lambda cfg: [d.code for d in starlint.lint_text(NOTES, config=cfg).diagnostics]  # noqa: E731
    assert codes(starlint.Config()) == ["STAR004", "STAR101"]
    assert codes(starlint.Config(select=["STAR004"])) == ["STAR004"]
    assert codes(starlint.Config(select=["missing-result"])) == ["STAR004"]
    assert codes(starlint.Config(ignore=["STAR101"])) == ["STAR004"]
    assert codes(starlint.Config(ignore=["unquantified-result"])) == ["STAR004"]
    english = starlint.lint_text(KO_NO_RESULT, config=starlint.Config(messages="en"))
    (diag,) = english.diagnostics
    assert "Result" in diag.message
    assert not any("\uac00" <= ch <= "\ud7a3" for ch in diag.message)


def test_read_stories_tags_units():
    (story,) = starlint.read_stories(EN_GOOD)
    assert story.title == "Checkout errors"
    tagged = {u.line: u.parts for u in story.units}
    assert "situation" in tagged[3] and "task" in tagged[4]
    assert "action" in tagged[5] and "result" in tagged[6]


# --------------------------------------------------------------------------
# lint_paths
# --------------------------------------------------------------------------
def _tree(root: Path) -> None:
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.md").write_text(KO_NO_RESULT, encoding="utf-8")
    (root / "sub" / "b.markdown").write_text(KO_WORDED, encoding="utf-8")
    (root / "sub" / "c.md").write_text(EN_GOOD, encoding="utf-8")
    (root / ".git" / "x.md").write_text(KO_NO_RESULT, encoding="utf-8")
    (root / "notes.txt").write_text(KO_NO_RESULT, encoding="utf-8")


def test_lint_paths_on_a_directory(tmp_path):
    root = tmp_path / "answers"
    _tree(root)
    report = starlint.lint_paths([root])
    assert isinstance(report, starlint.Report)
    assert report.version == 1
    names = sorted(Path(f.path).relative_to(root).as_posix() for f in report.files)
    assert names == ["a.md", "sub/b.markdown", "sub/c.md"]
    s = report.summary
    assert isinstance(s, starlint.Summary)
    assert (s.files, s.stories, s.errors, s.warnings, s.info) == (3, 3, 1, 1, 0)


def test_lint_paths_equals_the_cli_json(tmp_path):
    root = tmp_path / "answers"
    _tree(root)
    assert starlint.lint_paths([root]).model_dump(mode="json") == cli_json(root)


def test_lint_paths_with_a_config_and_str_paths(tmp_path):
    root = tmp_path / "answers"
    _tree(root)
    report = starlint.lint_paths([str(root / "a.md"), str(root / "sub")],
                                 config=starlint.Config(ignore=["STAR101"]))
    assert report.summary.files == 3
    assert report.summary.warnings == 0
    assert report.summary.errors == 1


def test_lint_paths_reports_an_undecodable_file_and_goes_on(tmp_path):
    (tmp_path / "a.md").write_bytes(b"## x\n\n\xff\xfe\xc3( broken\n")
    (tmp_path / "b.md").write_text(EN_GOOD, encoding="utf-8")
    report = starlint.lint_paths([tmp_path / "a.md", tmp_path / "b.md"])
    bad, good = report.files
    assert bad.stories == []
    (diag,) = bad.diagnostics
    assert diag.code.startswith("STAR9") and diag.story_line is None
    assert len(good.stories) == 1 and good.diagnostics == []
    assert report.summary.files == 2


# --------------------------------------------------------------------------
# packaging
# --------------------------------------------------------------------------
def test_import_is_light():
    code = "import starlint, sys; print('typer' in sys.modules, 'markdown_it' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False"]


def test_linting_does_not_import_typer():
    code = ("import starlint, sys; starlint.lint_text('## a\\n\\n- 상황: x\\n'); "
            "print('typer' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False"]


def test_py_typed_is_shipped():
    assert (Path(starlint.__file__).parent / "py.typed").is_file()


def test_public_names():
    for name in ("Config", "Diagnostic", "FileReport", "Report", "StoryReport", "Summary",
                 "lint_paths", "lint_text", "read_stories", "__version__"):
        assert hasattr(starlint, name), name
    assert isinstance(starlint.__version__, str) and starlint.__version__


def test_cli_json_is_the_pydantic_report_of_the_contract(tmp_path):
    """The command line writes its JSON from the engine's records, the API returns the
    pydantic models of schema.py: the two are one document, byte for byte."""
    for name, text in (("ko.md", KO_NO_RESULT), ("worded.md", KO_WORDED), ("en.md", EN_GOOD), ("empty.md", "")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", str(tmp_path)])
    model = starlint.Report.model_validate_json(result.stdout)
    assert model.model_dump_json(indent=2) + "\n" == result.stdout
    assert model == starlint.lint_paths([tmp_path])
    assert [(Path(f.path).name, len(f.stories)) for f in model.files] == [
        ("empty.md", 0), ("en.md", 1), ("ko.md", 1), ("worded.md", 1)]


def test_import_starlint_loads_no_dependency():
    code = "import sys, starlint; print(sorted(m for m in ('pydantic', 'markdown_it', 'typer') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
