"""Any input, no crash, nothing lost (issue #5).

Bad files get a file-level STAR9xx diagnostic (story_line null) with a plain
message, and the other files in the run are still linted; pathological Markdown
finishes in bounded time; hostile rule packs are refused with an error naming
the pack file and the entry; no command writes anything; a crash is a STAR999
bug report that does not stop the run.  SPEC.md: exit 0 no error, 1 errors,
2 the tool could not run as asked (bad arguments, bad config, internal error).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import starlint
from starlint import engine
from starlint.cli import app
from starlint.engine import lint_text

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
## 결제 오류 대응

- 상황: 2023년 결제 오류가 급증했다
- 과제: 오류율을 절반으로 줄이는 것이 제 담당이었다
- 행동: 로그를 분석해 재시도 로직을 설계했다
- 결과: 결제 실패율 4.2% → 1.1%
"""

# one story with a gap: a STAR004 error, so a file's diagnostics and lines can be compared
MIXED = """\
# Answers

## Checkout errors

**Situation:** In 2023 our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I traced the failures and rewrote the retry logic.
**Result:** Checkout failures fell from 4.2% to 1.1%.

## 배송 지연 대응

- 상황: 명절 기간 배송 지연 문의가 급증했다
- 과제: 지연 문의를 줄이는 것이 제 담당이었다
- 행동: 출고 순서를 바꾸고 안내 문자를 자동화했다
"""


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """Run from an empty folder: no config file of the project or the user is picked up."""
    home = tmp_path / "cwd"
    home.mkdir()
    monkeypatch.chdir(home)


def run(*args: str | Path, input: str | bytes | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def check_json(*args: str | Path) -> tuple[dict, int]:
    result = run("check", "--isolated", "--format", "json", *args)
    assert result.exit_code in (0, 1, 2), result.output
    return json.loads(result.stdout), result.exit_code


def by_name(report: dict) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in report["files"]}


def assert_file_problem(entry: dict, code: str) -> dict:
    """The file has exactly one diagnostic: a file-level `code` with a plain one-line message."""
    assert entry["stories"] == []
    assert [d["code"] for d in entry["diagnostics"]] == [code]
    diag = entry["diagnostics"][0]
    assert diag["story_line"] is None
    assert diag["severity"] == "error"
    assert diag["line"] >= 1 and diag["column"] == 1
    message = diag["message"]
    assert message and "\n" not in message and "Traceback" not in message and "Error:" not in message
    return diag


def assert_good_linted(entry: dict) -> None:
    assert len(entry["stories"]) == 1
    assert entry["stories"][0]["title"] == "결제 오류 대응"
    assert not [d for d in entry["diagnostics"] if d["severity"] == "error"]


def comparable(entry: dict) -> dict:
    """A file's report without its path: what its text produced."""
    return {k: v for k, v in entry.items() if k != "path"}


# ------------------------------------------------------------ bad files --
def test_invalid_utf8_is_star902_with_the_line_and_the_run_goes_on(tmp_path):
    (tmp_path / "a-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-bad.md").write_bytes("## 제목\n\n본문\n".encode() + b"\xff\xfe\xfd broken\n")
    (tmp_path / "c-good.md").write_text(GOOD, encoding="utf-8")
    report, code = check_json(tmp_path)
    files = by_name(report)
    diag = assert_file_problem(files["b-bad.md"], "STAR902")
    assert diag["line"] == 4 and "UTF-8" in diag["message"]
    assert_good_linted(files["a-good.md"])
    assert_good_linted(files["c-good.md"])
    assert code == 1
    assert report["summary"]["files"] == 3 and report["summary"]["errors"] == 1


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"),
    ("utf-32-be", b"\x00\x00\xfe\xff"),
])
def test_a_bom_file_reads_exactly_like_utf8(tmp_path, encoding, bom):
    (tmp_path / "plain.md").write_text(MIXED, encoding="utf-8")
    (tmp_path / "bom.md").write_bytes(bom + MIXED.encode(encoding))
    report, code = check_json(tmp_path)
    files = by_name(report)
    assert comparable(files["bom.md"]) == comparable(files["plain.md"])
    assert len(files["bom.md"]["stories"]) == 2
    assert code == 1  # the STAR004 in MIXED, as for the UTF-8 file


@pytest.mark.parametrize("data", [
    b"## x\n\x00\x01\x02 binary\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "## 한글\n\n본문\x00 끝\n".encode(),
], ids=["nul", "png", "utf8-with-nul"])
def test_a_binary_file_named_md_is_star903(tmp_path, data):
    (tmp_path / "image.md").write_bytes(data)
    (tmp_path / "notes.md").write_text(GOOD, encoding="utf-8")
    report, code = check_json(tmp_path)
    files = by_name(report)
    assert "binary" in assert_file_problem(files["image.md"], "STAR903")["message"]
    assert_good_linted(files["notes.md"])
    assert code == 1


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [MIXED, GOOD], ids=["english", "korean"])
def test_utf16_without_a_bom_is_named_as_such(tmp_path, encoding, text):
    # Notepad and PowerShell write UTF-16; without its BOM the file is full of NULs,
    # but it is text in another encoding, and the message says what to do about it
    (tmp_path / "wide.md").write_bytes(text.encode(encoding))
    (tmp_path / "notes.md").write_text(GOOD, encoding="utf-8")
    report, code = check_json(tmp_path)
    files = by_name(report)
    message = assert_file_problem(files["wide.md"], "STAR903")["message"]
    assert "UTF-16" in message and "UTF-8" in message and "binary" not in message, message
    assert_good_linted(files["notes.md"])
    assert code == 1


@pytest.mark.parametrize("text", ["", " ", "\n", " \n\t\n  \r\n", "\r\r\r", "\ufeff", "\u3000\n"],
                         ids=["empty", "space", "newline", "blanks", "cr-only", "bom-only", "ideographic-space"])
def test_an_empty_or_blank_file_is_fine(tmp_path, text):
    (tmp_path / "blank.md").write_bytes(text.encode("utf-8"))
    report, code = check_json(tmp_path / "blank.md")
    (entry,) = report["files"]
    assert entry["stories"] == [] and entry["diagnostics"] == []
    assert code == 0


@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["cr", "crlf"])
def test_cr_line_endings_give_the_same_stories_and_lines_as_lf(tmp_path, newline):
    (tmp_path / "lf.md").write_text(MIXED, encoding="utf-8", newline="\n")
    (tmp_path / "other.md").write_bytes(MIXED.replace("\n", newline).encode())
    report, _ = check_json(tmp_path)
    files = by_name(report)
    assert comparable(files["other.md"]) == comparable(files["lf.md"])
    assert [s["line"] for s in files["lf.md"]["stories"]] == [3, 10]


@pytest.mark.parametrize("how", ["chmod", "simulated"])
def test_an_unreadable_file_is_star901_and_the_run_goes_on(tmp_path, monkeypatch, how):
    secret = tmp_path / "b-secret.md"
    secret.write_text(GOOD, encoding="utf-8")
    (tmp_path / "a-good.md").write_text(GOOD, encoding="utf-8")
    if how == "chmod":
        if os.name != "posix" or os.geteuid() == 0:
            pytest.skip("root (or a non-POSIX system) reads a chmod 000 file; see the simulated case")
        secret.chmod(0)
    else:
        real = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "b-secret.md":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    try:
        report, code = check_json(tmp_path)
    finally:
        secret.chmod(0o644)
    files = by_name(report)
    assert "Permission denied" in assert_file_problem(files["b-secret.md"], "STAR901")["message"]
    assert_good_linted(files["a-good.md"])
    assert code == 1


@pytest.mark.parametrize("how", ["chmod", "simulated"])
def test_an_unreadable_folder_is_reported_not_skipped(tmp_path, monkeypatch, how):
    (tmp_path / "a-good.md").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden-story.md").write_text(GOOD, encoding="utf-8")
    if how == "chmod":
        if os.name != "posix" or os.geteuid() == 0:
            pytest.skip("root (or a non-POSIX system) lists a chmod 000 folder; see the simulated case")
        locked.chmod(0)
    else:
        real_scandir, real_listdir = os.scandir, os.listdir

        def refuse(path, real):
            if Path(path).name == "locked":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", lambda path=".": refuse(path, real_scandir))
        monkeypatch.setattr(os, "listdir", lambda path=".": refuse(path, real_listdir))
        real_is_file = Path.is_file

        def is_file(self: Path) -> bool:  # what a non-root user gets inside such a folder
            if self.parent.name == "locked":
                raise PermissionError(13, "Permission denied", str(self))
            return real_is_file(self)

        monkeypatch.setattr(Path, "is_file", is_file)
    try:
        # not --isolated: looking for a config file inside the folder must not crash either
        result = run("check", "--format", "json", tmp_path)
        report, code = json.loads(result.stdout), result.exit_code
    finally:
        locked.chmod(0o755)
    files = by_name(report)
    assert set(files) == {"a-good.md", "locked"}
    assert "Permission denied" in assert_file_problem(files["locked"], "STAR901")["message"]
    assert_good_linted(files["a-good.md"])
    assert code == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_md_does_not_block_the_run(tmp_path):
    (tmp_path / "a-good.md").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "b-pipe.md")
    proc = subprocess.run([sys.executable, "-m", "starlint", "check", "--isolated", "--format", "json",
                           str(tmp_path)], capture_output=True, text=True, timeout=120)
    files = by_name(json.loads(proc.stdout))
    assert "regular file" in assert_file_problem(files["b-pipe.md"], "STAR901")["message"]
    assert_good_linted(files["a-good.md"])
    assert proc.returncode == 1


@pytest.mark.parametrize("order", ["missing-first", "missing-last"])
def test_a_path_that_does_not_exist_exits_2_naming_it(tmp_path, order):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "no-such-notes.md"
    paths = [missing, tmp_path / "good.md"] if order == "missing-first" else [tmp_path / "good.md", missing]
    result = run("check", "--isolated", *paths)
    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert "Traceback" not in result.output


def test_bad_standard_input_is_star902_like_a_file(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    result = run("check", "--isolated", "--format", "json", "-", tmp_path / "good.md",
                 input=b"## x\n\n\xff\xfe broken\n")
    files = json.loads(result.stdout)["files"]
    assert files[0]["path"] == "<stdin>"
    assert assert_file_problem(files[0], "STAR902")["line"] == 3
    assert_good_linted(files[1])
    assert result.exit_code == 1
    inspected = run("inspect", "--isolated", "-", input=b"\x00\x01binary")
    assert inspected.exit_code == 2 and "binary" in inspected.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_directory_symlink_loop_ends_and_lints_each_file_once(tmp_path):
    notes = tmp_path / "notes"
    sub = notes / "sub"
    sub.mkdir(parents=True)
    (notes / "a.md").write_text(GOOD, encoding="utf-8")
    (sub / "b.md").write_text(MIXED, encoding="utf-8")
    try:
        (sub / "up").symlink_to(notes, target_is_directory=True)  # sub/up/sub/up/… forever
        (notes / "self").symlink_to(".", target_is_directory=True)
        (notes / "also-sub").symlink_to("sub", target_is_directory=True)
    except OSError as exc:  # pragma: no cover - e.g. Windows without the privilege
        pytest.skip(f"cannot make symlinks: {exc}")
    proc = subprocess.run([sys.executable, "-m", "starlint", "check", "--isolated", "--format", "json",
                           str(notes)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    paths = [Path(f["path"]) for f in json.loads(proc.stdout)["files"]]
    assert sorted(p.resolve() for p in paths) == sorted([(notes / "a.md").resolve(), (sub / "b.md").resolve()])


@pytest.mark.slow
def test_a_20_mb_file_finishes_and_loses_no_story(tmp_path):
    answers = sorted((ROOT / "answers").glob("*.md"))
    chunk = "\n\n".join(p.read_text(encoding="utf-8") for p in answers) + "\n\n"
    one = lint_text(chunk, "one.md")
    copies = 20_000_000 // len(chunk.encode()) + 1
    big = tmp_path / "big.md"
    big.write_text(chunk * copies, encoding="utf-8")
    assert big.stat().st_size >= 20_000_000
    started = time.monotonic()
    report = starlint.lint_paths([big], config=starlint.Config())
    elapsed = time.monotonic() - started
    (entry,) = report.files
    assert not [d for d in entry.diagnostics if d.code.startswith("STAR9")]
    assert len(entry.stories) == copies * len(one.stories)  # nothing lost
    for code in ("STAR001", "STAR002", "STAR003", "STAR004", "STAR101"):
        assert sum(d.code == code for d in entry.diagnostics) == copies * sum(d.code == code for d in one.diagnostics)
    assert elapsed < 600, f"20 MB took {elapsed:.0f}s"


# -------------------------------------------------------- deep Markdown --
DEEP = {
    "bullets-10000": "- " * 10_000 + "Result: 40% faster\n",
    "ordered-10000": "1. " * 10_000 + "x\n",
    "quotes-10000": ">" * 10_000 + " Result: 40% faster\n",
    "quoted-bullets-10000": "> - " * 10_000 + "x\n",
    "indented-bullets-1000": "".join("  " * i + "- item 결과 10%\n" for i in range(1000)),
    "quote-lines-1000": "".join(">" * i + " line\n" for i in range(1, 1000)),
}
FLAT = {
    "headings-100000": "# heading\n" * 100_000,
    "hashes-100000": "#" * 100_000 + "\n",
    "brackets-100000": "[" * 100_000 + "\n",
    "links-20000": "[a](b " * 20_000 + "\n",
    "emphasis-50000": "*a **b " * 50_000 + "\n",
    "one-long-line": "## s\n\n" + "결과 10% 향상. It grew 3x. " * 20_000 + "\n",
}


def lint_timed(text: str) -> tuple[starlint.FileReport, float]:
    started = time.monotonic()
    report = lint_text(text, "deep.md")
    return report, time.monotonic() - started


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_finishes_and_says_what_it_skipped(name):
    report, elapsed = lint_timed(DEEP[name])
    codes = [d.code for d in report.diagnostics]
    assert "STAR999" not in codes  # no RecursionError, no crash
    too_deep = [d for d in report.diagnostics if d.code == "STAR904"]
    assert len(too_deep) == 1 and too_deep[0].story_line is None and too_deep[0].severity == "warning"
    assert "too deep" in too_deep[0].message
    assert elapsed < 30, f"{name} took {elapsed:.1f}s"


@pytest.mark.parametrize("name", sorted(FLAT))
def test_huge_flat_markdown_finishes(name):
    report, elapsed = lint_timed(FLAT[name])
    assert not [d for d in report.diagnostics if d.code.startswith("STAR9")]
    assert elapsed < 60, f"{name} took {elapsed:.1f}s"


def test_nesting_within_the_limit_is_read_in_full():
    # parts 45 bullet levels down: every part is read, nothing is reported as skipped
    lines = ["## 깊은 메모", ""]
    parts = ["상황: 2023년 결제 오류가 급증했다", "과제: 오류율을 절반으로 줄이는 것이 제 담당이었다",
             "행동: 로그를 분석해 재시도 로직을 설계했다", "결과: 결제 실패율 4.2% → 1.1%"]
    depth = 0
    for i in range(45):
        lines.append("  " * depth + f"- 메모 {i}")
        depth += 1
    for part in parts:
        lines.append("  " * depth + f"- {part}")
    report = lint_text("\n".join(lines) + "\n", "deep.md")
    assert [d.code for d in report.diagnostics if d.code.startswith(("STAR0", "STAR9"))] == []
    (story,) = report.stories
    assert set(story.parts) == {"situation", "task", "action", "result"}


def test_only_the_too_deep_item_is_skipped_not_the_rest_of_the_file():
    # 60 levels: the parser stops at 49, skips that item's lines only and goes on
    deep = "".join("  " * i + f"- level {i}\n" for i in range(60)) + "- a sibling item\n  - nested\n"
    report = lint_text("## 깊은 목록\n\n" + deep + "\n" + GOOD, "deep.md")
    assert [(s.title, s.line) for s in report.stories] == [
        ("level 0", 3), ("a sibling item", 63), ("결제 오류 대응", 66)]
    (too_deep,) = [d for d in report.diagnostics if d.code == "STAR904"]
    assert too_deep.line == 52 and "lines 52-62" in too_deep.message
    assert [d.code for d in report.diagnostics if d.line >= 66 and d.severity == "error"] == []


# ------------------------------------------------ hostile packs and config --
def write_pack(tmp_path: Path, body: str) -> Path:
    (tmp_path / "mypack.toml").write_text(body, encoding="utf-8")
    (tmp_path / "cfg.toml").write_text('packs = ["mypack.toml"]\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text(GOOD, encoding="utf-8")
    return tmp_path / "cfg.toml"


def check_with_pack(tmp_path: Path, body: str, timeout: float = 30):
    cfg = write_pack(tmp_path, body)
    started = time.monotonic()
    result = run("check", "--config", cfg, tmp_path / "notes.md")
    assert time.monotonic() - started < timeout
    return result


PACK_HEAD = 'name = "mine"\n\n[[cues]]\npart = "result"\nterms = ["won"]\n\n'


@pytest.mark.parametrize("body, entry, words", [
    ('name = "mine"\n[[cues]\npart = "result"\n', "line 2", "not valid TOML"),
    ('name = "mine"\n[[cues]]\npart = "result"\ncolour = "red"\n', "cues[0].colour", "unknown key"),
    ('name = "mine"\nflavour = 1\n', "flavour", "unknown key"),
    ('name = "mine"\n[[cues]]\npart = "outcome"\n', "cues[0].part", "'situation'"),
    (PACK_HEAD + '[[cues]]\npart = "action"\npatterns = ["\\\\bbuilt\\\\b", "(unclosed"]\n',
     "cues[1].patterns[1] '(unclosed'", "does not compile"),
    (PACK_HEAD + '[[cues]]\npart = "action"\npatterns = ["(a)\\\\1"]\n', "cues[1].patterns[0]", "back-references"),
    (PACK_HEAD + '[[cues]]\npart = "action"\npatterns = ["(?<=x)y"]\n', "cues[1].patterns[0]", "look-around"),
    ('name = "mine"\n[coaching]\nhedge_patterns = ["(?!x)y"]\n', "coaching.hedge_patterns[0]", "RE2"),
    ('name = "mine"\n[[cues]]\npart = "result"\nterms = ["won", ""]\n', "cues[0].terms[1]", "blank term"),
    ('name = "mine"\n[[cues]]\npart = "result"\nweight = nan\n', "cues[0].weight", "finite number"),
], ids=["bad-toml", "unknown-cue-key", "unknown-top-key", "bad-part", "no-compile", "backreference",
        "look-around", "coaching-pattern", "blank-term", "nan-weight"])
def test_a_hostile_pack_is_refused_naming_the_file_and_the_entry(tmp_path, body, entry, words):
    result = check_with_pack(tmp_path, body)
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr
    assert "mypack.toml" in message and entry in message and words in message, message
    assert "Traceback" not in result.output and message.count("\n") == 1


@pytest.mark.parametrize("patterns", [
    '["(a+)+$"]', '["(\\\\w+\\\\s?)*$"]', '["(x|xy)*z"]', '[".*.*.*z"]', '[".*a.*b"]', '[".* .* .* .*z"]',
    '["\\\\S*,\\\\S*,\\\\S*,\\\\S*;"]', '["(?:\\\\w+)?(?:\\\\w+)?(?:\\\\w+)?(?:\\\\w+)?x"]',
], ids=["nested", "nested-words", "overlapping-alternation", "polynomial", "cubic", "spaced", "commas", "optional-words"])
def test_a_users_catastrophic_pattern_runs_in_linear_time(tmp_path, patterns):
    # each of these backtracks for hours on Python's re; a user's patterns run on RE2
    text = "## long\n\n결과: 10% " + "a" * 30_000 + " " + "a " * 5_000 + "a,a,a,a " * 2_000 + "\n"
    (tmp_path / "long.md").write_text(text, encoding="utf-8")
    cfg = write_pack(tmp_path, PACK_HEAD + f'[[cues]]\npart = "action"\npatterns = {patterns}\n\n'
                                           f'[coaching]\nhedge_patterns = {patterns}\n')
    started = time.monotonic()
    result = run("check", "--config", cfg, "--format", "json", tmp_path / "long.md")
    assert result.exit_code in (0, 1), result.output
    assert time.monotonic() - started < 20


def test_the_built_in_packs_load_and_pass_the_pattern_checks():
    from starlint.reading.packs import builtin_packs, pattern_problem

    packs = builtin_packs()
    assert packs
    patterns = [p for pack in packs for group in pack.cues for p in group.patterns]
    patterns += [p for pack in packs for name in ("team_patterns", "self_patterns", "hedge_patterns",
                                                   "question_patterns")
                 for p in getattr(pack.coaching, name, [])]
    assert patterns and [p for p in patterns if pattern_problem(p, builtin=True)] == []


@pytest.mark.parametrize("body, words", [
    ("select = [\n", "not valid TOML"),
    ("colour = true\n", "unknown key 'colour'"),
    ("x = " + "[" * 5000 + "]" * 5000 + "\n", "not valid TOML"),
    ('packs = ["no-such-pack.toml"]\n', "not found"),
])
def test_a_bad_config_exits_2_naming_it(tmp_path, body, words):
    (tmp_path / "cfg.toml").write_text(body, encoding="utf-8")
    (tmp_path / "notes.md").write_text(GOOD, encoding="utf-8")
    result = run("check", "--config", tmp_path / "cfg.toml", tmp_path / "notes.md")
    assert result.exit_code == 2
    assert "cfg.toml" in result.stderr or "no-such-pack.toml" in result.stderr
    assert words in result.stderr and "Traceback" not in result.output


def test_hostile_front_matter_in_the_notes_does_not_blow_up():
    for front in ("x = " + "[" * 5000 + "]" * 5000, "starlint." + "a." * 50_000 + "a = 1",
                  "[starlint]\nx = " + "[" * 5000 + "]" * 5000):
        report, elapsed = lint_timed("+++\n" + front + "\n+++\n" + GOOD)
        assert [s.title for s in report.stories] == ["결제 오류 대응"]
        assert "STAR999" not in [d.code for d in report.diagnostics] and elapsed < 30


# ------------------------------------------------------- nothing written --
def snapshot(root: Path) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            st = path.lstat()
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
            out[str(path.relative_to(root))] = (st.st_mtime_ns, st.st_size, st.st_mode, data)
    st = root.stat()
    out["."] = (st.st_mtime_ns, st.st_mode)
    return out


def test_no_command_writes_anything(tmp_path, monkeypatch):
    notes = tmp_path / "notes"
    (notes / "sub").mkdir(parents=True)
    (notes / "a.md").write_text(GOOD, encoding="utf-8")
    (notes / "b.md").write_text(MIXED, encoding="utf-8")
    (notes / "sub" / "c.markdown").write_text(MIXED.replace("\n", "\r\n"), encoding="utf-8")
    (notes / "bad.md").write_bytes(b"\xff\xfe\x00binary")
    (notes / ".starlint.toml").write_text('packs = ["mypack.toml"]\nextend-select = ["STAR910"]\n',
                                          encoding="utf-8")
    (notes / "mypack.toml").write_text('name = "mine"\n[labels]\nresult = ["끝맺음"]\n', encoding="utf-8")
    old = time.time() - 3600  # an hour ago, so a touch would show
    for path in [*notes.rglob("*"), notes]:
        os.utime(path, (old, old))
    before = snapshot(notes)
    monkeypatch.chdir(notes)
    monkeypatch.setenv("STARLINT_NO_CACHE", "1")
    commands: list[list[str]] = [["check", "--format", fmt, "."] for fmt in ("text", "json", "sarif", "github")]
    commands += [
        ["check", "--strict", "--quiet", "a.md", "sub"],
        ["check", "--stdin-filename", "a.md", "-"],
        ["inspect", "b.md"],
        ["inspect", "bad.md"],
        ["rules"],
        ["rule", "STAR001"],
        ["rule", "nesting-too-deep"],
        ["config"],
        ["config", "b.md"],
        ["report", "--output", "-", "."],
        ["report", "--output", "-", "--format", "md", "."],
    ]
    for args in commands:
        result = run(*args, input=GOOD)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert snapshot(notes) == before, f"`starlint {' '.join(args)}` changed the notes folder"
    assert not (notes / "report.html").exists() and not (notes / "report.md").exists()


# ------------------------------------------------------ crash = bug report --
@pytest.fixture
def crash_on_boom(monkeypatch):
    """classify() raises on any story whose title says BOOM, as a bug inside the pipeline would."""
    import starlint.reading.classify

    real = starlint.reading.classify.classify

    def classify(story, lex):
        if "BOOM" in story.title:
            raise RuntimeError("boom: a bug in classify")
        return real(story, lex)

    monkeypatch.setattr(starlint.reading.classify, "classify", classify)
    monkeypatch.setattr(engine, "classify", classify)
    monkeypatch.setattr(engine, "DEBUG", False)


def crash_files(tmp_path: Path) -> Path:
    (tmp_path / "a-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-crash.md").write_text(GOOD.replace("결제 오류 대응", "BOOM story"), encoding="utf-8")
    (tmp_path / "c-good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_a_crash_is_star999_naming_the_file_and_the_run_goes_on(tmp_path, crash_on_boom):
    report, code = check_json(crash_files(tmp_path))
    files = by_name(report)
    (diag,) = files["b-crash.md"]["diagnostics"]
    assert diag["code"] == "STAR999" and diag["name"] == "internal-error" and diag["story_line"] is None
    assert files["b-crash.md"]["stories"] == []
    message = diag["message"]
    assert "\n" not in message and "bug" in message and "report" in message and "--debug" in message
    assert "RuntimeError" in message
    assert_good_linted(files["a-good.md"])
    assert_good_linted(files["c-good.md"])
    assert code == 2


def test_a_crash_in_text_output_names_the_file(tmp_path, crash_on_boom):
    result = run("check", "--isolated", crash_files(tmp_path))
    assert result.exit_code == 2
    line = next(x for x in result.stdout.splitlines() if "STAR999" in x)
    assert line.startswith(str(tmp_path / "b-crash.md") + ":1:1:") and "report it" in line
    assert "Traceback" not in result.output


def test_debug_prints_the_traceback_on_stderr(tmp_path, crash_on_boom):
    result = run("check", "--isolated", "--format", "json", "--debug", crash_files(tmp_path))
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: boom: a bug in classify" in result.stderr
    assert "b-crash.md" in result.stderr
    assert len(json.loads(result.stdout)["files"]) == 3  # stdout is still one JSON document


def test_inspect_turns_a_crash_into_a_bug_report(tmp_path, crash_on_boom):
    crash_files(tmp_path)
    result = run("inspect", "--isolated", tmp_path / "b-crash.md")
    assert result.exit_code == 2
    assert "b-crash.md" in result.stderr and "bug" in result.stderr
    assert "Traceback" not in result.output


def test_lint_text_never_raises_on_a_crash(crash_on_boom):
    report = lint_text("## BOOM\n\n결과: 10%\n", "x.md")
    assert [d.code for d in report.diagnostics] == ["STAR999"]
