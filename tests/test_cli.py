"""The command line (SPEC.md: JSON output, exit codes, codes STAR001-004/101).

Exit codes: 0 no error-level diagnostic; 1 at least one (warnings too with
``--strict``); 2 the tool could not run as asked.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import starlint
from starlint.cli import app

runner = CliRunner()

HANGUL = re.compile(r"[가-힣]")

GOOD_KO = """\
## 결제 오류 대응

- 상황: 2023년 결제 오류가 급증했다
- 과제: 오류율을 절반으로 줄이는 것이 제 담당이었다
- 행동: 로그를 분석해 재시도 로직을 설계했다
- 결과: 결제 실패율 4.2% → 1.1%
"""

# a Result in words only: STAR101 (warning), nothing else (not hedged: "좋은 평가" would add STAR202)
WARN_KO = """\
## 결제 오류 대응

- 상황: 2023년 결제 오류가 급증했다
- 과제: 오류율을 절반으로 줄이는 것이 제 담당이었다
- 행동: 로그를 분석해 재시도 로직을 설계했다
- 결과: 결제 오류 문의가 줄었다
"""

# no Result: STAR004 (error)
NO_RESULT_KO = """\
## 결제 오류 대응

- 상황: 2023년 결제 오류가 급증했다
- 과제: 오류율을 절반으로 줄이는 것이 제 담당이었다
- 행동: 로그를 분석해 재시도 로직을 설계했다
"""

NO_RESULT_EN = """\
## Checkout errors

**Situation:** In 2023 our checkout errors spiked.
**Task:** I owned cutting them in half.
**Action:** I traced the failures and rewrote the retry logic.
"""

GOOD_EN = NO_RESULT_EN + "**Result:** Checkout failures fell from 4.2% to 1.1%.\n"

# no Result AND a worded Result elsewhere: one error and one warning in one file
# (a story of its own: the same lines under two titles would be STAR207 duplicate-story)
TWO_STORIES = NO_RESULT_KO + "\n" + """\
## 배송 지연 대응

- 상황: 명절 기간 배송 지연 문의가 급증했다
- 과제: 지연 문의를 줄이는 것이 제 담당이었다
- 행동: 출고 순서를 바꾸고 안내 문자를 자동화했다
- 결과: 지연 문의가 줄었다
"""

# path:line:col: severity CODE name [story] message
DIAG_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
                       r"(?P<code>STAR\d{3}) (?P<name>[a-z-]+)(?: \[(?P<story>[^\]]*)\])? (?P<msg>.+)$")


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """Run from an empty folder: no config file of the project or the user is picked up."""
    home = tmp_path / "cwd"
    home.mkdir()
    monkeypatch.chdir(home)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def run_json(*args: str, input: str | None = None) -> tuple[int, dict]:
    result = run("check", "--format", "json", *args, input=input)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def all_codes(doc: dict) -> list[str]:
    return [d["code"] for f in doc["files"] for d in f["diagnostics"]]


# --------------------------------------------------------------------------
# exit codes
# --------------------------------------------------------------------------
def test_exit_0_on_a_complete_quantified_story(tmp_path):
    path = write(tmp_path, "good.md", GOOD_KO)
    result = run("check", path)
    assert result.exit_code == 0, result.output
    assert "STAR" not in result.stdout


def test_exit_1_when_an_error_is_present(tmp_path):
    path = write(tmp_path, "bad.md", NO_RESULT_KO)
    result = run("check", path)
    assert result.exit_code == 1
    assert "STAR004" in result.stdout


def test_exit_0_with_only_warnings_and_1_with_strict(tmp_path):
    path = write(tmp_path, "warn.md", WARN_KO)
    result = run("check", path)
    assert result.exit_code == 0, result.output
    assert "STAR101" in result.stdout
    strict = run("check", "--strict", path)
    assert strict.exit_code == 1
    assert "STAR101" in strict.stdout


def test_strict_without_warnings_still_exits_0(tmp_path):
    path = write(tmp_path, "good.md", GOOD_EN)
    assert run("check", "--strict", path).exit_code == 0


def test_exit_2_for_a_missing_path_naming_it(tmp_path):
    missing = tmp_path / "no-such-notes.md"
    result = run("check", missing)
    assert result.exit_code == 2
    assert "no-such-notes.md" in result.stderr
    assert result.stdout == ""


def test_exit_2_for_a_missing_path_among_good_ones(tmp_path):
    good = write(tmp_path, "good.md", GOOD_KO)
    result = run("check", good, tmp_path / "typo.md")
    assert result.exit_code == 2
    assert "typo.md" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("missing-resutl", id="unknown-name"),
        pytest.param("bogus", id="unknown-word"),
        pytest.param("STAR099", id="unknown-code"),
        pytest.param("STAR0042", id="unknown-code-too-long"),
    ],
)
def test_exit_2_for_an_unknown_select_code(tmp_path, key):
    path = write(tmp_path, "bad.md", NO_RESULT_KO)
    result = run("check", "--select", key, path)
    assert result.exit_code == 2
    assert key in result.stderr


def test_exit_2_for_an_unknown_ignore_name(tmp_path):
    path = write(tmp_path, "good.md", GOOD_KO)
    result = run("check", "--ignore", "unquantified-results", path)
    assert result.exit_code == 2


def test_exit_2_for_a_bad_messages_value(tmp_path):
    path = write(tmp_path, "good.md", GOOD_KO)
    assert run("check", "--messages", "fr", path).exit_code == 2


def test_exit_2_for_a_bad_format(tmp_path):
    path = write(tmp_path, "good.md", GOOD_KO)
    assert run("check", "--format", "yaml", path).exit_code == 2


# --------------------------------------------------------------------------
# stdin
# --------------------------------------------------------------------------
def test_dash_reads_stdin():
    result = run("check", "-", input=NO_RESULT_EN)
    assert result.exit_code == 1
    assert "STAR004" in result.stdout
    ok = run("check", "-", input=GOOD_EN)
    assert ok.exit_code == 0, ok.output


def test_stdin_filename_sets_the_path_shown():
    result = run("check", "-", "--stdin-filename", "notes/answers.md", input=NO_RESULT_EN)
    assert result.exit_code == 1
    diag_lines = [m for m in map(DIAG_LINE.match, result.stdout.splitlines()) if m]
    assert diag_lines and all(m["path"] == "notes/answers.md" for m in diag_lines)
    code, doc = run_json("-", "--stdin-filename", "notes/answers.md", input=NO_RESULT_EN)
    assert [f["path"] for f in doc["files"]] == ["notes/answers.md"]


# --------------------------------------------------------------------------
# --format json
# --------------------------------------------------------------------------
STORY_KEYS = {"title": str, "line": int, "end_line": int, "parts": dict}
DIAG_KEYS = {"code": str, "name": str, "severity": str, "line": int, "column": int, "message": str}


def check_shape(doc: dict) -> None:
    assert doc["version"] == 1
    assert isinstance(doc["files"], list)
    summary = doc["summary"]
    assert {"files", "stories", "errors", "warnings", "info"} <= set(summary)
    assert all(isinstance(summary[k], int) for k in ("files", "stories", "errors", "warnings", "info"))
    for f in doc["files"]:
        assert isinstance(f["path"], str)
        assert isinstance(f["stories"], list) and isinstance(f["diagnostics"], list)
        for s in f["stories"]:
            for key, kind in STORY_KEYS.items():
                assert isinstance(s[key], kind), (key, s)
            assert "quantified" in s and s["quantified"] in (True, False, None)
            assert set(s["parts"]) <= {"situation", "task", "action", "result"}
            for lines in s["parts"].values():
                assert lines and all(isinstance(n, int) for n in lines)
                assert lines == sorted(lines)
            # quantified is null exactly when there is no Result
            assert (s["quantified"] is None) == ("result" not in s["parts"])
        for d in f["diagnostics"]:
            for key, kind in DIAG_KEYS.items():
                assert isinstance(d[key], kind), (key, d)
            assert "story_line" in d and (d["story_line"] is None or isinstance(d["story_line"], int))
            assert d["severity"] in ("error", "warning", "info")
            assert re.fullmatch(r"STAR\d{3}", d["code"])
            assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", d["name"])
            assert d["line"] >= 1 and d["column"] >= 1
    # counts agree
    assert summary["files"] == len(doc["files"])
    assert summary["stories"] == sum(len(f["stories"]) for f in doc["files"])
    sev = [d["severity"] for f in doc["files"] for d in f["diagnostics"]]
    assert summary["errors"] == sev.count("error")
    assert summary["warnings"] == sev.count("warning")
    assert summary["info"] == sev.count("info")


def test_json_output_matches_the_spec_shape(tmp_path):
    a = write(tmp_path, "a.md", TWO_STORIES)
    b = write(tmp_path, "b.md", GOOD_EN)
    code, doc = run_json(a, b)
    check_shape(doc)
    assert code == 1
    assert [f["path"] for f in doc["files"]] == [str(a), str(b)]
    summary = {k: doc["summary"][k] for k in ("files", "stories", "errors", "warnings", "info")}
    assert summary == {"files": 2, "stories": 3, "errors": 1, "warnings": 1, "info": 0}

    first, second = doc["files"]
    s1, s2 = first["stories"]
    assert (s1["title"], s1["line"], s1["end_line"]) == ("결제 오류 대응", 1, 5)
    assert s1["parts"] == {"situation": [3], "task": [4], "action": [5]}
    assert s1["quantified"] is None
    assert (s2["title"], s2["line"], s2["end_line"]) == ("배송 지연 대응", 7, 12)
    assert s2["parts"] == {"situation": [9], "task": [10], "action": [11], "result": [12]}
    assert s2["quantified"] is False

    by_code = {d["code"]: d for d in first["diagnostics"]}
    assert set(by_code) == {"STAR004", "STAR101"}
    star004 = {k: by_code["STAR004"][k] for k in ("code", "name", "severity", "line", "column", "story_line")}
    assert star004 == {"code": "STAR004", "name": "missing-result", "severity": "error",
                       "line": 1, "column": 1, "story_line": 1}
    assert by_code["STAR101"]["name"] == "unquantified-result"
    assert by_code["STAR101"]["severity"] == "warning"
    assert by_code["STAR101"]["story_line"] == 7
    assert by_code["STAR101"]["line"] == 7

    (s3,) = second["stories"]
    assert s3["quantified"] is True and second["diagnostics"] == []


def test_json_is_a_single_document_on_stdout(tmp_path):
    path = write(tmp_path, "a.md", NO_RESULT_KO)
    result = run("check", "--format", "json", path)
    doc = json.loads(result.stdout)  # nothing else printed on stdout
    check_shape(doc)


def test_json_codes_names_and_severities_are_the_fixed_ones():
    # one story with only a worded Result (S, T, A missing; R unmeasured),
    # one with only a Situation (T, A, R missing)
    text = ("## 칭찬받은 일\n\n- 결과: 팀장님께 좋은 평가를 받았다\n\n"
            "## 빈 이야기\n\n- 상황: 결제 오류가 급증했다\n")
    code, doc = run_json("-", input=text)
    assert code == 1
    got = {(d["code"], d["name"], d["severity"]) for d in doc["files"][0]["diagnostics"]}
    got = {g for g in got if not g[0].startswith("STAR2")}  # coaching rules (STAR202 hedged-result) aside
    assert got == {("STAR001", "missing-situation", "error"), ("STAR002", "missing-task", "error"),
                   ("STAR003", "missing-action", "error"), ("STAR004", "missing-result", "error"),
                   ("STAR101", "unquantified-result", "warning")}


# --------------------------------------------------------------------------
# text output
# --------------------------------------------------------------------------
def test_text_output_lines_and_summary(tmp_path):
    path = write(tmp_path, "a.md", TWO_STORIES)
    result = run("check", path)
    assert result.exit_code == 1
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    diags = [DIAG_LINE.match(ln) for ln in lines[:-1]]
    assert all(diags), lines
    assert [(m["path"], m["line"], m["col"], m["code"]) for m in diags] == [
        (str(path), "1", "1", "STAR004"),
        (str(path), "7", "1", "STAR101"),
    ]
    summary = lines[-1]
    assert not DIAG_LINE.match(summary)
    assert "1 error" in summary and "1 warning" in summary
    assert "1 file" in summary


def test_text_output_clean_run_still_prints_a_summary(tmp_path):
    path = write(tmp_path, "a.md", GOOD_KO)
    result = run("check", path)
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "1 file" in lines[0]


def test_text_output_has_no_colour_when_not_a_tty(tmp_path):
    path = write(tmp_path, "a.md", NO_RESULT_KO)
    assert "\x1b[" not in run("check", path).stdout


# --------------------------------------------------------------------------
# --select / --ignore
# --------------------------------------------------------------------------
def test_select_keeps_only_that_code(tmp_path):
    text = "## 빈 이야기\n\n- 상황: 결제 오류가 급증했다\n"  # lacks T, A and R
    path = write(tmp_path, "a.md", text)
    code, doc = run_json(path)
    assert {"STAR002", "STAR003", "STAR004"} <= set(all_codes(doc))
    code, doc = run_json("--select", "STAR004", path)
    assert all_codes(doc) == ["STAR004"]
    assert code == 1
    code, doc = run_json("--select", "missing-result", path)
    assert all_codes(doc) == ["STAR004"]


def test_select_several_codes(tmp_path):
    path = write(tmp_path, "a.md", "## 빈 이야기\n\n- 상황: 결제 오류가 급증했다\n")
    _, doc = run_json("--select", "STAR002,STAR004", path)
    assert sorted(all_codes(doc)) == ["STAR002", "STAR004"]
    _, doc = run_json("--select", "STAR002", "--select", "STAR003", path)
    assert sorted(all_codes(doc)) == ["STAR002", "STAR003"]


@pytest.mark.parametrize("key", ["STAR101", "unquantified-result"])
def test_ignore_filters_a_code_or_name(tmp_path, key):
    path = write(tmp_path, "warn.md", WARN_KO)
    code, doc = run_json(path)
    assert all_codes(doc) == ["STAR101"]
    code, doc = run_json("--ignore", key, path)
    assert all_codes(doc) == []
    assert code == 0
    assert doc["summary"]["warnings"] == 0
    # the story is still reported
    assert doc["summary"]["stories"] == 1
    result = run("check", "--strict", "--ignore", key, path)
    assert result.exit_code == 0


def test_ignore_keeps_other_codes(tmp_path):
    path = write(tmp_path, "a.md", TWO_STORIES)
    _, doc = run_json("--ignore", "STAR101", path)
    assert all_codes(doc) == ["STAR004"]


# --------------------------------------------------------------------------
# message language
# --------------------------------------------------------------------------
def _messages(doc: dict) -> list[str]:
    return [d["message"] for f in doc["files"] for d in f["diagnostics"]]


def test_korean_story_gets_korean_messages():
    _, doc = run_json("-", input=NO_RESULT_KO)
    (msg,) = _messages(doc)
    assert "결과" in msg


def test_english_story_gets_english_messages():
    _, doc = run_json("-", input=NO_RESULT_EN)
    (msg,) = _messages(doc)
    assert "Result" in msg
    assert not HANGUL.search(msg)


def test_messages_en_forces_english():
    _, doc = run_json("--messages", "en", "-", input=NO_RESULT_KO)
    (msg,) = _messages(doc)
    assert "Result" in msg
    assert not HANGUL.search(msg)


def test_messages_ko_forces_korean():
    _, doc = run_json("--messages", "ko", "-", input=NO_RESULT_EN)
    (msg,) = _messages(doc)
    assert "결과" in msg


def test_message_language_follows_each_story(tmp_path):
    path = write(tmp_path, "mixed.md", NO_RESULT_KO + "\n" + NO_RESULT_EN)
    _, doc = run_json(path)
    ko, en = _messages(doc)
    assert "결과" in ko
    assert "Result" in en and not HANGUL.search(en)


# --------------------------------------------------------------------------
# files and folders
# --------------------------------------------------------------------------
def test_directory_recursion_picks_markdown_and_skips_hidden(tmp_path):
    root = tmp_path / "notes"
    write(root, "a.md", GOOD_KO)
    write(root, "sub/b.markdown", NO_RESULT_EN)
    write(root, "sub/deeper/c.MD", GOOD_EN)
    write(root, ".git/x.md", NO_RESULT_EN)
    write(root, ".obsidian/y.md", NO_RESULT_EN)
    write(root, "readme.txt", NO_RESULT_EN)
    write(root, "draft.md.bak", NO_RESULT_EN)
    _, doc = run_json(root)
    paths = sorted(Path(f["path"]).relative_to(root).as_posix() for f in doc["files"])
    assert "a.md" in paths and "sub/b.markdown" in paths
    assert not any(p.startswith(".") or "/." in p for p in paths)
    assert "readme.txt" not in paths and "draft.md.bak" not in paths
    assert set(paths) <= {"a.md", "sub/b.markdown", "sub/deeper/c.MD"}
    assert doc["summary"]["files"] == len(paths)


def test_a_file_given_explicitly_is_linted_whatever_its_suffix(tmp_path):
    path = write(tmp_path, "notes.txt", NO_RESULT_EN)
    result = run("check", path)
    assert result.exit_code == 1
    assert "STAR004" in result.stdout


def test_invalid_utf8_gives_a_file_diagnostic_and_other_files_still_lint(tmp_path):
    bad = write(tmp_path, "bad.md", "## 경험\n\n- 상황: 재고가 넘쳤다 ".encode() + b"\xff\xfe\xc3(\n")
    good = write(tmp_path, "good.md", NO_RESULT_EN)
    code, doc = run_json(bad, good)
    check_shape(doc)
    files = {f["path"]: f for f in doc["files"]}
    assert set(files) == {str(bad), str(good)}
    (diag,) = files[str(bad)]["diagnostics"]
    assert re.fullmatch(r"STAR9\d\d", diag["code"])
    assert diag["story_line"] is None
    assert diag["message"]
    assert files[str(bad)]["stories"] == []
    assert [d["code"] for d in files[str(good)]["diagnostics"]] == ["STAR004"]
    assert len(files[str(good)]["stories"]) == 1


def test_invalid_utf8_in_a_directory_run(tmp_path):
    write(tmp_path, "a-bad.md", b"## x\n\n\x80\x81 broken\n")
    write(tmp_path, "b-good.md", GOOD_KO)
    code, doc = run_json(tmp_path)
    files = {Path(f["path"]).name: f for f in doc["files"]}
    assert files["a-bad.md"]["diagnostics"][0]["code"].startswith("STAR9")
    assert files["a-bad.md"]["diagnostics"][0]["story_line"] is None
    assert files["b-good.md"]["diagnostics"] == []
    assert len(files["b-good.md"]["stories"]) == 1


def test_crlf_bom_file_reads_like_lf(tmp_path):
    lf = write(tmp_path, "lf.md", TWO_STORIES)
    crlf = write(tmp_path, "crlf.md", b"\xef\xbb\xbf" + TWO_STORIES.replace("\n", "\r\n").encode())
    _, a = run_json(lf)
    _, b = run_json(crlf)
    assert a["files"][0]["stories"] == b["files"][0]["stories"]
    assert a["files"][0]["diagnostics"] == b["files"][0]["diagnostics"]


# --------------------------------------------------------------------------
# rules / rule / inspect / --version
# --------------------------------------------------------------------------
def test_rules_lists_the_fixed_codes():
    result = run("rules")
    assert result.exit_code == 0
    out = result.stdout
    for code, name in [("STAR001", "missing-situation"), ("STAR002", "missing-task"),
                       ("STAR003", "missing-action"), ("STAR004", "missing-result"),
                       ("STAR101", "unquantified-result")]:
        line = next((ln for ln in out.splitlines() if code in ln), None)
        assert line is not None, code
        assert name in line
    positions = [out.index(c) for c in ("STAR001", "STAR002", "STAR003", "STAR004", "STAR101")]
    assert positions == sorted(positions)


@pytest.mark.parametrize("key", ["STAR004", "missing-result", "star004"])
def test_rule_prints_the_doc(key):
    result = run("rule", key)
    assert result.exit_code == 0
    assert "STAR004" in result.stdout
    assert "missing-result" in result.stdout
    assert len(result.stdout.splitlines()) > 5  # the full documentation, not just a line


def test_rule_for_every_listed_rule():
    for code in ("STAR001", "STAR002", "STAR003", "STAR101"):
        result = run("rule", code)
        assert result.exit_code == 0 and code in result.stdout


def test_rule_unknown_exits_2():
    result = run("rule", "STAR777")
    assert result.exit_code == 2


def test_inspect_shows_star_tags(tmp_path):
    path = write(tmp_path, "good.md", GOOD_KO)
    result = run("inspect", path)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "결제 오류 대응" in out
    for line, tag, text in [(3, "S", "상황"), (4, "T", "과제"), (5, "A", "행동"), (6, "R", "결과")]:
        row = next((ln for ln in out.splitlines() if re.match(rf"^\s*{line}\s", ln)), None)
        assert row is not None, (line, out)
        assert re.search(rf"\b{tag}\b", row.split(text)[0]), row
        assert text in row


def test_inspect_shows_each_story_kind_and_why():
    text = "## 지원 동기\n귀사의 데이터 문화에 끌렸습니다.\n\n## 장애 대응\n- 결제 서버가 새벽마다 멈췄음\n- 제가 알림 규칙을 다시 짬\n"
    result = run("inspect", "-", input=text)
    assert result.exit_code == 0, result.output
    kinds = [ln.strip() for ln in result.stdout.splitlines() if ln.strip().startswith("kind:")]
    assert len(kinds) == 2
    assert kinds[0].startswith("kind: other, no STAR checks:") and "'지원 동기'" in kinds[0]
    assert kinds[1].startswith("kind: experience:") and "past" in kinds[1]


def test_inspect_reads_stdin():
    result = run("inspect", "-", input=GOOD_EN)
    assert result.exit_code == 0
    assert "Checkout errors" in result.stdout


def test_inspect_missing_file_exits_2(tmp_path):
    result = run("inspect", tmp_path / "nope.md")
    assert result.exit_code == 2
    assert "nope.md" in result.stderr


def test_version_via_python_m():
    proc = subprocess.run([sys.executable, "-m", "starlint", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert starlint.__version__ in proc.stdout


def test_python_m_check_runs(tmp_path):
    path = write(tmp_path, "bad.md", NO_RESULT_EN)
    proc = subprocess.run([sys.executable, "-m", "starlint", "check", "--format", "json", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    check_shape(doc)
    assert all_codes(doc) == ["STAR004"]


def test_a_file_named_twice_is_reported_once(tmp_path):
    path = write(tmp_path, "a.md", "## 경험\n- 상황: 느렸다\n- 행동: 고쳤다\n")
    code, doc = run_json(str(path), str(tmp_path), str(tmp_path / "." / "a.md"))
    assert code == 1
    assert [Path(f["path"]).name for f in doc["files"]] == ["a.md"]
    assert doc["summary"]["files"] == 1
