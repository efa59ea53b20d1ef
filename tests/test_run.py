"""`starlint check` reads a plain command line itself (no typer: start-up time) and
hands every other one to typer.  Both must print the same and exit the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from starlint.run import parse_check

ROOT = Path(__file__).resolve().parent.parent

NOTES = """\
## 결제 오류 대응

- 상황: 2023년 결제 오류가 급증했다
- 과제: 오류율을 절반으로 줄이는 것이 제 담당이었다
- 행동: 로그를 분석해 재시도 로직을 설계했다
- 결과: 오류가 많이 줄었다

## Checkout errors

**Situation:** In 2023 our checkout errors spiked.
**Action:** I rebuilt the retry logic.
"""


def starlint(args: list[str], typer_only: bool, cwd: Path, stdin: str | None = None) -> tuple[int, str, str]:
    env = dict(os.environ, STARLINT_NO_CACHE="1", NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    if typer_only:
        env["STARLINT_TYPER"] = "1"
    result = subprocess.run([sys.executable, "-m", "starlint", *args], capture_output=True, text=True, env=env,
                            cwd=cwd, input=stdin)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "notes" / "b.md").write_text("## 빈 이야기\n\n결과: 30% 증가\n", encoding="utf-8")
    return tmp_path


COMMAND_LINES = [
    ["check", "notes"],
    ["check", "notes/a.md", "notes/b.md"],
    ["check", "--format", "json", "notes"],
    ["check", "--format=json", "notes", "--select", "STAR0", "--select", "STAR101"],
    ["check", "notes", "--format", "sarif"],
    ["check", "notes", "--format", "github", "-q"],
    ["check", "--ignore", "STAR004,unquantified-result", "--strict", "notes"],
    ["check", "--extend-select", "STAR204", "--messages", "en", "notes"],
    ["check", "--exit-zero", "--jobs", "2", "notes"],
    ["check", "-j", "1", "--language", "ko", "--no-inline-config", "--isolated", "notes"],
    ["check", "--select", "STAR777", "notes"],  # bad rule: exit 2, same message
    ["check", "notes/missing.md"],  # no such file: exit 2
    ["check", "--", "notes"],
    ["check", "notes", "--statistics", "--explain"],
    ["check", ""],  # an empty path: exit 2, not the whole folder
    ["check", "notes/a.md", ""],
]


@pytest.mark.parametrize("args", COMMAND_LINES, ids=[" ".join(a[1:]) for a in COMMAND_LINES])
def test_fast_path_and_typer_agree(notes: Path, args: list[str]):
    assert parse_check(args) is not None  # these are all read without typer
    fast = starlint(args, typer_only=False, cwd=notes)
    slow = starlint(args, typer_only=True, cwd=notes)
    assert fast == slow
    assert fast[0] in (0, 1, 2)


@pytest.mark.parametrize("typer_only", [False, True])
def test_an_empty_path_is_an_error_not_the_current_folder(notes: Path, typer_only: bool):
    code, out, err = starlint(["check", ""], typer_only=typer_only, cwd=notes)
    assert code == 2 and out == ""
    assert "empty path" in err and "." in err, err


def test_stdin_agrees(notes: Path):
    args = ["check", "-", "--stdin-filename", "x/notes.md", "--format", "json"]
    assert starlint(args, False, notes, stdin=NOTES) == starlint(args, True, notes, stdin=NOTES)


@pytest.mark.parametrize("args", [
    [], ["--help"], ["check"], ["check", "--help"], ["check", "notes", "--format", "yaml"],
    ["check", "notes", "--jobs", "-1"], ["check", "notes", "--jobs"], ["check", "notes", "-qj", "2"],
    ["check", "notes", "--bogus"], ["check", "notes", "--strict=yes"], ["rules"], ["inspect", "x.md"],
])
def test_everything_else_goes_to_typer(args: list[str]):
    assert parse_check(args) is None


def test_typer_answers_what_the_fast_path_does_not(notes: Path):
    code, out, err = starlint(["check", "notes", "--format", "yaml"], typer_only=False, cwd=notes)
    assert code == 2 and "yaml" in err and "text" in err  # typer's message lists the choices
    code, out, err = starlint(["check", "--help"], typer_only=False, cwd=notes)
    assert code == 0 and "--format" in out


def test_parse_check_reads_every_spelling():
    assert parse_check(["check", "a.md", "--format=json", "-q", "-j", "3", "--select", "STAR0,STAR1",
                        "--select", "x", "--config", "c.toml", "-", "--no-cache"]) == {
        "paths": ["a.md", "-"], "format": "json", "quiet": True, "jobs": 3, "select": ["STAR0,STAR1", "x"],
        "config": "c.toml", "no_cache": True}


def test_a_plain_check_does_not_import_typer_pydantic_or_traceback(notes: Path):
    code = ("import sys\nsys.argv = ['starlint', 'check', 'notes']\nfrom starlint.run import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('typer', 'click', 'pydantic', 'rich', 'traceback') if m in sys.modules), file=sys.stderr)")
    env = dict(os.environ)
    for _ in range(2):  # a cold cache may validate the built-in data (pydantic) once
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=notes, env=env)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr


def test_the_command_collects_cycles_rarely_and_the_library_leaves_the_collector_alone(notes: Path):
    # run.check tunes the collector for a lint-and-exit process; lint_text must not touch it
    code = ("import gc, sys\nprint(gc.get_threshold()[0], file=sys.stderr)\n"
            "import starlint\nstarlint.lint_text('## Q\\n- 상황: 매출 감소\\n')\n"
            "print(gc.get_threshold()[0], file=sys.stderr)\n"
            "sys.argv = ['starlint', 'check', '--no-cache', 'notes']\nfrom starlint.run import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(gc.get_threshold()[0], file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=notes)
    from starlint.runtime.parallel import GC_YOUNG_THRESHOLD

    before, after_library, after_command = result.stderr.split()[-3:]
    assert after_library == before != str(GC_YOUNG_THRESHOLD), result.stderr
    assert after_command == str(GC_YOUNG_THRESHOLD), result.stderr


def test_typer_and_the_fast_path_take_the_same_options_from_one_table():
    import typer.main

    from starlint import run
    from starlint.cli import app

    command = typer.main.get_command(app).commands["check"]
    typer_flags = {flag for param in command.params for flag in param.opts if flag.startswith("-")}
    table_flags = {flag for option in run.CHECK_OPTIONS for flag in option.flags}
    assert typer_flags == table_flags == set(run._OPTIONS)
    from starlint import formats

    assert run.FORMATS == formats.NAMES == ("text", "json", "sarif", "github")  # the registry's formats
