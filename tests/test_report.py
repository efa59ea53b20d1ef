"""`starlint report`: one page (HTML or Markdown) with the whole answer bank.

The HTML is parsed with the standard library's html.parser and checked row by
row; the Markdown is rendered with markdown-it-py (a dependency) and must make a
table; and the HTML is rendered in a real headless browser (Debian's chromium),
whose screenshot must show the matrix.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import starlint
from starlint.report.bank import MARKER, build_bank
from starlint.cli import app
from starlint.config import Config
from starlint.reading.packs import builtin_packs, pack_files
from starlint.report.themes import ThemeError, builtin_themes_path, load_themes, speaking_seconds, tag_story

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = ROOT / "answers"
runner = CliRunner()

# Three stories, each labelled so its parts are certain:
#   line 1  complete and measured, a conflict story
#   line 8  Situation, Task, Action but no Result (one part missing)
#   line 14 an Action only (three parts missing)
NOTES = """\
## Tell me about a time you disagreed with a teammate

**Situation:** In 2023 our checkout errors spiked during the holiday sale.
**Task:** I owned the payments service and had to get errors down before launch.
**Action:** I wrote a retry queue and convinced the team to ship it behind a flag.
**Result:** Checkout errors fell from 4.2% to 1.1%.

## Walk me through a launch

**Situation:** The legacy invoice editor was being retired.
**Task:** I was the PM responsible for the migration plan.
**Action:** I split the rollout into cohorts by account size.

## A hackathon

**Action:** I built the prototype over a weekend.
"""

EXPECTED = [  # (title, line, parts present, readiness, quantified, diagnostics)
    ("Tell me about a time you disagreed with a teammate", 1, "STAR", "ready", True, 0),
    ("Walk me through a launch", 8, "STA", "missing-one", None, 1),
    ("A hackathon", 14, "A", "missing-more", None, 3),
]


# ------------------------------------------------------------- parsing ----
class Page(HTMLParser):
    """Pulls out what the tests look at: rows, cells, theme chips, totals, chart."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.rows: list[dict] = []
        self.themes: dict[str, dict] = {}
        self.totals: dict[str, str] = {}
        self.chart: dict[str, int] = {}
        self.scripts = 0
        self.links: list[str] = []  # every href and src: nothing may point off the page
        self.others: list[tuple[str, str]] = []  # (title, href) in the other-answers list
        self._other: list | None = None
        self._stack: list[tuple[str, dict]] = []
        self._cell: dict | None = None
        self._theme: dict | None = None
        self._total: str | None = None
        self._in_dd = False
        self._in_tbody = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        for key in ("href", "src"):
            if key in a:
                self.links.append(a[key])
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "script":
            self.scripts += 1
        if tag == "tbody":
            self._in_tbody = True
        if tag == "tr" and self._in_tbody:
            self.rows.append({"attrs": a, "cells": []})
        if tag in ("td", "th") and self._in_tbody and self.rows:
            self._cell = {"tag": tag, "attrs": a, "text": "", "sr": "", "visible": "", "href": None, "tags": []}
            self.rows[-1]["cells"].append(self._cell)
        if tag == "a" and self._cell is not None:
            self._cell["href"] = a.get("href")
        if tag == "a" and any(t == "ul" and "others" in ta.get("class", "").split() for t, ta in self._stack):
            self._other = ["", a.get("href")]
        if tag == "span" and self._cell is not None and "tag" in a.get("class", "").split():
            self._cell["tags"].append(a.get("data-theme"))
        if tag == "li" and "theme" in a.get("class", "").split():
            self._theme = {"classes": a["class"].split(), "count": int(a["data-count"]), "text": ""}
            self.themes[a["data-theme"]] = self._theme
        if tag == "div" and "data-total" in a:
            self._total = a["data-total"]
        if tag == "dd":
            self._in_dd = True
        if tag == "rect" and "data-readiness" in a:
            self.chart[a["data-readiness"]] = int(a["data-count"])
        if tag not in ("meta", "br", "img", "link", "input"):
            self._stack.append((tag, a))

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        if tag == "tbody":
            self._in_tbody = False
        if tag == "a" and self._other is not None:
            self.others.append((self._other[0], self._other[1]))
            self._other = None
        if tag in ("td", "th"):
            self._cell = None
        if tag == "li":
            self._theme = None
        if tag == "dd":
            self._in_dd = False
            self._total = None

    def handle_data(self, data):
        classes = [c for _, a in self._stack for c in a.get("class", "").split()]
        if self._cell is not None:
            self._cell["text"] += data
            if "sr" in classes:
                self._cell["sr"] += data
            else:
                self._cell["visible"] += data
        if self._theme is not None:
            self._theme["text"] += data
        if self._other is not None:
            self._other[0] += data
        if self._total is not None and self._in_dd:
            self.totals[self._total] = self.totals.get(self._total, "") + data


def row_view(row: dict) -> dict:
    cells = row["cells"]
    marks = {c["attrs"]["data-part"]: c for c in cells if "data-part" in c["attrs"]}
    quant = next(c for c in cells if c["attrs"].get("data-col") == "quantified")
    diag = next(c for c in cells if "diag" in c["attrs"].get("class", "").split())
    story = next(c for c in cells if c["tag"] == "th")
    tags = next(c for c in cells if "themes-cell" in c["attrs"].get("class", "").split())
    return {
        "path": row["attrs"]["data-path"],
        "line": int(row["attrs"]["data-line"]),
        "readiness": row["attrs"]["data-readiness"],
        "title": story["text"].rsplit(" :", 1)[0].strip(),
        "href": story["href"],
        "present": "".join("STAR"["situation task action result".split().index(p)]
                           for p, c in marks.items() if "ok" in c["attrs"]["class"].split()),
        "marks": marks,
        "quant": quant,
        "diagnostics": int(diag["attrs"]["data-count"]),
        "diag_cell": diag,
        "themes": tags["tags"],
    }


def report_html(tmp_path: Path, *args: str, notes: str = NOTES) -> tuple[Path, str]:
    src = tmp_path / "notes.md"
    src.write_text(notes, encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(src), "-o", str(out), "--isolated", *args])
    assert result.exit_code == 0, result.output
    return out, out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- HTML ----
def test_rows_marks_and_counts_for_a_known_input(tmp_path):
    # the rules whose findings are certain for NOTES (coaching rules are checked below)
    out, text = report_html(tmp_path, "--select", "STAR0,STAR1")
    page = Page(text)
    rows = [row_view(r) for r in page.rows]
    assert [(r["title"], r["line"], r["present"], r["readiness"], r["diagnostics"]) for r in rows] == \
           [(t, line, parts, ready, diags) for t, line, parts, ready, _, diags in EXPECTED]
    first, second, third = rows
    # pass/fail marks: a sign for the eye, text for screen readers, a class for colour
    assert first["marks"]["situation"]["visible"].strip() == "✓"
    assert first["marks"]["situation"]["sr"] == "Situation: present"
    assert second["marks"]["result"]["visible"].strip() == "✗"
    assert second["marks"]["result"]["sr"] == "Result: missing"
    assert "bad" in second["marks"]["result"]["attrs"]["class"]
    assert first["quant"]["sr"] == "Measured: measured" and "ok" in first["quant"]["attrs"]["class"]
    assert second["quant"]["sr"] == "no Result"
    assert third["diag_cell"]["sr"] == "3 issues"
    # titles link to file:line, relative to the report
    assert [r["href"] for r in rows] == ["notes.md#L1", "notes.md#L8", "notes.md#L14"]
    # totals and chart
    assert page.totals["stories"] == "3"
    assert page.totals["ready"] == "1"
    assert page.totals["errors"] == "4"  # STAR004 + STAR001, STAR002, STAR004
    assert page.chart == {"ready": 1, "missing-one": 1, "missing-more": 1}
    assert "error" in third["diag_cell"]["attrs"]["class"] and "zero" in first["diag_cell"]["attrs"]["class"]
    assert page.lang == "en"
    # self-contained: no scripts, nothing fetched, links only to the notes
    assert page.scripts == 0
    assert all(link.startswith("notes.md#L") for link in page.links)
    assert "<link" not in text and "@import" not in text and "url(http" not in text
    assert MARKER in text


def test_issue_counts_are_checks_counts(tmp_path):
    """With every default rule on, each row counts what `check` finds in that story."""
    _, text = report_html(tmp_path)
    page = Page(text)
    linted = starlint.lint_text(NOTES, "notes.md")
    assert [row_view(r)["diagnostics"] for r in page.rows] == [
        sum(1 for d in linted.diagnostics if d.story_line == s.line) for s in linted.stories]
    for key, severity in (("errors", "error"), ("warnings", "warning"), ("info", "info")):
        assert page.totals[key] == str(sum(1 for d in linted.diagnostics if d.severity == severity))


def test_themes_are_tagged_and_gaps_highlighted(tmp_path):
    _, text = report_html(tmp_path)
    page = Page(text)
    rows = [row_view(r) for r in page.rows]
    assert "conflict" in rows[0]["themes"]  # "disagreed", "convinced"
    assert "leadership" not in rows[1]["themes"]
    conflict, failure = page.themes["conflict"], page.themes["failure"]
    assert "covered" in conflict["classes"] and conflict["count"] == 1
    assert "missing" in failure["classes"] and failure["count"] == 0
    assert "no story yet for failure" in failure["text"]
    # every theme of the data file is listed, covered or not
    assert list(page.themes) == [t.id for t in load_themes().themes]


def test_korean_labels_follow_messages(tmp_path):
    _, text = report_html(tmp_path, "--messages", "ko")
    page = Page(text)
    assert page.lang == "ko"
    assert "실패 경험 스토리가 아직 없습니다" in page.themes["failure"]["text"]
    assert row_view(page.rows[1])["marks"]["result"]["sr"] == "결과: 없음"


def test_answers_bank(tmp_path):
    out = tmp_path / "bank.html"
    result = runner.invoke(app, ["report", str(ANSWERS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = Page(out.read_text(encoding="utf-8"))
    rows = [row_view(r) for r in page.rows]
    linted = starlint.lint_paths([ANSWERS])
    expected = [(f.path, s.line, s.title, "".join(p[0].upper() for p in ("situation", "task", "action", "result")
                                                   if p in s.parts),
                 sum(1 for d in f.diagnostics if d.story_line == s.line))
                for f in linted.files for s in f.stories if s.kind == "experience"]
    assert [(r["path"], r["line"], r["title"], r["present"], r["diagnostics"]) for r in rows] == expected
    assert len(rows) == linted.summary.stories - linted.summary.other_answers == 28
    assert page.totals["stories"] == "28"
    # the other answers are listed apart, each linked to its line, not as unready stories
    others = [(f.path, s.line, s.title) for f in linted.files for s in f.stories if s.kind == "other"]
    assert len(others) == linted.summary.other_answers == 2
    assert page.others == [(t, os.path.relpath(p, tmp_path).replace(os.sep, "/") + f"#L{n}") for p, n, t in others]
    assert {(os.path.basename(p), n, t) for p, n, t in others} == {
        ("ko-data-analyst.md", 38, "3. 지원 동기"), ("en-product-manager.md", 22, "Why Wise?")}
    assert page.totals["errors"] == str(linted.summary.errors)
    assert page.totals["warnings"] == str(linted.summary.warnings)
    assert page.totals["info"] == str(linted.summary.info)
    assert sum(page.chart.values()) == 28
    # every row's title links to its file and line, relative to the report's folder
    for r in rows:
        assert r["href"] == os.path.relpath(r["path"], tmp_path).replace(os.sep, "/") + f"#L{r['line']}"
    # most of the 28 stories are Korean: the page speaks Korean
    assert page.lang == "ko"
    # no story in the examples is about a failure; the conflict story is found
    assert page.themes["failure"]["count"] == 0 and "missing" in page.themes["failure"]["classes"]
    conflict = next(r for r in rows if r["title"] == "의견 충돌 경험")
    assert "conflict" in conflict["themes"]


# ------------------------------------------------------------ Markdown ----
def test_markdown_renders_a_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    result = runner.invoke(app, ["report", "notes.md", "--format", "md", "-o", "-", "--isolated"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert MARKER in text
    assert "⚠️ **no story yet for failure**" in text

    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(text)
    tables = [Page(f"<table>{t.split('</thead>', 1)[1]}") for t in rendered.split("<table>")[1:]]
    matrix = tables[-1]
    assert len(matrix.rows) == 3
    cells = [[c["text"].strip() for c in r["cells"]] for r in matrix.rows]
    assert cells[0][:7] == ["notes.md", "Tell me about a time you disagreed with a teammate", "✅", "✅", "✅", "✅", "✅"]
    assert cells[1][2:7] == ["✅", "✅", "✅", "❌", "–"]
    assert [r["cells"][1]["href"] for r in matrix.rows] == ["notes.md#L1", "notes.md#L8", "notes.md#L14"]
    header = rendered.split("<table>")[-1].split("</thead>")[0]
    assert re.findall(r"<th[^>]*>(.*?)</th>", header) == [
        "File", "Story", "S", "T", "A", "R", "Measured", "Time", "Issues", "Themes"]


def test_markdown_escapes_titles(tmp_path):
    notes = NOTES.replace("A hackathon", r"A | pipe [and] \*stars\* <b>")
    src = tmp_path / "notes.md"
    src.write_text(notes, encoding="utf-8")
    result = runner.invoke(app, ["report", str(src), "--format", "md", "-o", "-", "--isolated"])
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(result.stdout)
    matrix = Page("<table>" + rendered.split("<table>")[-1].split("</thead>", 1)[1])
    title = starlint.lint_text(notes).stories[2].title
    assert "|" in title and "[" in title
    assert matrix.rows[2]["cells"][1]["text"].strip() == title
    assert len(matrix.rows[2]["cells"]) == 10


# ----------------------------------------------------------- the command ----
def test_default_output_is_never_overwritten(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    first = runner.invoke(app, ["report", "notes.md", "--isolated"])
    assert first.exit_code == 0, first.output
    assert "Wrote report.html" in first.stdout
    # an earlier report is replaced: the next evening's run needs no -o
    (tmp_path / "report.html").write_text(f"<!-- {MARKER} -->\nold", encoding="utf-8")
    second = runner.invoke(app, ["report", "notes.md", "--isolated"])
    assert second.exit_code == 0, second.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith(f"<!-- {MARKER}; ")
    # a file of yours is not
    (tmp_path / "report.html").write_text("mine", encoding="utf-8")
    again = runner.invoke(app, ["report", "notes.md", "--isolated"])
    assert again.exit_code == 2
    assert "report.html already exists and is not a starlint report" in again.stderr
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == "mine"
    # named: replaced
    named = runner.invoke(app, ["report", "notes.md", "--isolated", "-o", "report.html"])
    assert named.exit_code == 0
    assert MARKER in (tmp_path / "report.html").read_text(encoding="utf-8")
    # the format follows the output's suffix
    md = runner.invoke(app, ["report", "notes.md", "--isolated", "-o", "bank.md"])
    assert md.exit_code == 0 and (tmp_path / "bank.md").read_text(encoding="utf-8").startswith(f"<!-- {MARKER}")


def test_notes_are_never_overwritten_and_old_reports_are_not_notes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    bad = runner.invoke(app, ["report", ".", "--isolated", "-o", "notes.md"])
    assert bad.exit_code == 2 and "one of the notes files" in bad.stderr
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == NOTES
    # an earlier Markdown report in the folder is replaced and not read as notes
    for _ in range(2):
        ok = runner.invoke(app, ["report", ".", "--isolated", "-o", "report.md"])
        assert ok.exit_code == 0, ok.output
        assert "3 stories in 1 files" in ok.stdout


def test_a_report_in_the_notes_folder_is_not_linted_by_check(tmp_path, monkeypatch):
    """A report carries the marker on its first line; `check` (and every file walk)
    leaves such a file out: silently when found in a folder, with a note on stderr when
    named (a pre-commit hook names it), and either way it is not linted."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    for fmt in ("md", "html"):
        made = runner.invoke(app, ["report", ".", "--isolated", "-o", f"report.{fmt}"])
        assert made.exit_code == 0, made.output
        assert (tmp_path / f"report.{fmt}").read_text(encoding="utf-8").startswith(f"<!-- {MARKER}; ")
    (tmp_path / "report.markdown").write_bytes(
        b"\xef\xbb\xbf\n" + (tmp_path / "report.md").read_bytes())  # a BOM and a blank line first
    # a note that only mentions the marker further down is still notes
    mention = tmp_path / "about-starlint.md"
    mention.write_text(NOTES + f"\n<!-- {MARKER} -->\n", encoding="utf-8")
    import json

    walked = runner.invoke(app, ["check", ".", "--isolated", "--format", "json", "--no-cache"])
    assert [f["path"] for f in json.loads(walked.stdout)["files"]] == ["about-starlint.md", "notes.md"]
    assert walked.stderr == ""
    named = runner.invoke(app, ["check", "report.md", "report.markdown", "--isolated", "--no-cache"])
    assert named.exit_code == 0, named.output
    assert named.stderr.splitlines() == [
        f"starlint: skipped {name}: it was written by `starlint report` (its first line says so), it is not notes"
        for name in ("report.md", "report.markdown")]
    assert "STAR0" not in named.stdout
    quiet = runner.invoke(app, ["check", "report.md", "--isolated", "--no-cache", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    # the library's walk leaves it out too, and so does the next report
    assert [Path(f.path).name for f in starlint.lint_paths([tmp_path]).files] == ["about-starlint.md", "notes.md"]
    again = runner.invoke(app, ["report", ".", "--isolated", "-o", "report.md"])
    assert again.exit_code == 0 and "6 stories in 2 files" in again.stdout


def test_missing_path_and_stdin_are_usage_errors(tmp_path):
    missing = runner.invoke(app, ["report", str(tmp_path / "nope"), "-o", "-"])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    stdin = runner.invoke(app, ["report", "-", "-o", "-"])
    assert stdin.exit_code == 2


def test_unreadable_file_is_listed(tmp_path):
    (tmp_path / "good.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00\x00binary\x00")
    result = runner.invoke(app, ["report", str(tmp_path), "-o", "-", "--isolated"])
    assert result.exit_code == 0
    assert "bad.md" in result.stdout and "STAR90" in result.stdout
    assert len(Page(result.stdout).rows) == 3


# ---------------------------------------------------------- the data file ----
def test_themes_file_is_not_a_rule_pack():
    """rules/themes/ is a sub-folder so the pack loader (non-recursive *.toml) never reads it."""
    path = builtin_themes_path()
    assert path.is_file() and path.parent.name == "themes"
    assert path not in pack_files(path.parent.parent)
    assert {p.name for p in builtin_packs()} == {"builtin-en", "builtin-ko"}
    data = load_themes()
    ids = [t.id for t in data.themes]
    assert ids == ["challenge", "failure", "conflict", "leadership", "teamwork", "initiative", "learning",
                   "customer"]
    for theme in data.themes:
        assert theme.ko and theme.en, f"{theme.id} needs Korean and English stems"


def test_themes_schema_is_strict(tmp_path):
    base = builtin_themes_path().read_text(encoding="utf-8")
    bad = tmp_path / "themes.toml"
    bad.write_text(base + '\n[[themes]]\nid = "grit"\nname = { en = "grit", ko = "끈기" }\nkeywords = ["x"]\n',
                   encoding="utf-8")
    with pytest.raises(ThemeError, match="keywords"):
        load_themes(bad)
    bad.write_text(base.replace("en_words_per_minute = 150", "en_words_per_minute = 0"), encoding="utf-8")
    with pytest.raises(ThemeError, match="en_words_per_minute"):
        load_themes(bad)
    bad.write_text(base.replace('id = "learning"', 'id = "failure"'), encoding="utf-8")
    with pytest.raises(ThemeError, match="twice"):
        load_themes(bad)
    # and the command says so, exit 2
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    result = runner.invoke(app, ["report", str(tmp_path / "notes.md"), "-o", "-", "--themes", str(bad)])
    assert result.exit_code == 2 and "invalid themes file" in result.stderr


def test_tagging_rules():
    data = load_themes()
    assert tag_story("의견 충돌 경험", [], data) == ["conflict"]
    assert "failure" in tag_story("Tell me about a time you failed", ["I failed to ship on time."], data)
    # metrics are not failure stories; machine learning is not learning
    assert "failure" not in tag_story("결제 개선", ["결제 실패율 4.2% → 1.1%"], data)
    assert "learning" not in tag_story("Model", ["I trained a machine learning model."], data)
    # Latin stems start a word: "Ledgerly" is not "led"
    assert "leadership" not in tag_story("Onboarding", ["At Ledgerly, sign-ups stalled."], data)
    assert "leadership" in tag_story("Migration", ["I led the migration of 40 services."], data)


def test_speaking_time():
    rates = load_themes().speaking
    # 300 Hangul syllables at 300 a minute, 150 words at 150 a minute
    assert speaking_seconds(["가" * 300], rates) == 60
    assert speaking_seconds([" ".join(["word"] * 150)], rates) == 60
    assert speaking_seconds(["가" * 150, " ".join(["word"] * 75)], rates) == 60


def test_page_language_auto_is_majority(tmp_path):
    ko = "## 의견 충돌 경험\n\n- 상황: 2023년 결제 오류가 급증했다\n- 결과: 오류율 4.2% → 1.1%\n"
    (tmp_path / "a.md").write_text(ko + "\n" + ko.replace("## 의견", "## 두번째 의견"), encoding="utf-8")
    (tmp_path / "b.md").write_text(NOTES, encoding="utf-8")
    bank = build_bank([tmp_path], lambda p: Config())
    assert bank.language() == "en"  # 2 Korean of 5
    assert bank.language("ko") == "ko"
    (tmp_path / "b.md").unlink()
    assert build_bank([tmp_path], lambda p: Config()).language() == "ko"


# ------------------------------------------------------------- a browser ----
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run installs it)")


def _chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={profile}",
           "--window-size=1200,900", *args, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB(A) rows of an 8-bit truecolour PNG (what chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line if bpp == 3 else bytes(v for i, v in enumerate(line) if i % 4 != 3)))
        prev = line
    return width, height, rows


# Reports the table's box into the DOM, so --dump-dom tells us where it was drawn.
# Only the test's copy of the page gets it: the report itself has no script.
PROBE = """<script>
const r = document.querySelector("table.matrix").getBoundingClientRect();
document.body.setAttribute("data-table-box", [r.left, r.top, r.right, r.bottom].map(Math.round).join(","));
</script></body>"""


@needs_chromium
@pytest.mark.parametrize("source", ["small", "answers"])
def test_report_renders_in_a_browser(tmp_path, source):
    if source == "small":
        out, text = report_html(tmp_path)
        rows = 3
    else:
        out = tmp_path / "report.html"
        assert runner.invoke(app, ["report", str(ANSWERS), "-o", str(out)]).exit_code == 0
        text, rows = out.read_text(encoding="utf-8"), 28

    probe = tmp_path / "probe.html"
    probe.write_text(text.replace("</body>", PROBE), encoding="utf-8")
    dom = _chromium(tmp_path, probe.as_uri(), "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = Page(dom.stdout)
    assert len(page.rows) == rows, "the matrix is not in the rendered DOM"
    box = next(line for line in dom.stdout.splitlines() if "data-table-box" in line)
    left, top, right, bottom = (int(v) for v in box.split('data-table-box="')[1].split('"')[0].split(","))
    assert right - left > 600 and bottom - top > 40 * rows / 2, (left, top, right, bottom)

    shot = tmp_path / "shot.png"
    run = _chromium(tmp_path, out.as_uri(), f"--screenshot={shot}")
    assert run.returncode == 0 and shot.is_file(), run.stderr[-2000:]
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (1200, 900)
    colours = {px for row in pixels[::7] for px in zip(row[0::3][::5], row[1::3][::5], row[2::3][::5])}
    assert len(colours) > 50, "the screenshot is blank"
    assert top < height - 100, f"the table starts at y={top}, below the first screen"
    # inside the table's box as drawn: ink (text, marks) and the green/red mark cells
    seen = set()
    ink = 0
    for y in range(top, min(bottom, height), 2):
        row = pixels[y]
        for x in range(max(left, 0), min(right, width), 2):
            px = (row[3 * x], row[3 * x + 1], row[3 * x + 2])
            seen.add(px)
            ink += sum(px) < 3 * 200
    assert ink > 500, "the table area is (nearly) white"
    assert (0xDA, 0xFB, 0xE1) in seen, "no green (present) cell drawn in the table"
    if source == "small":
        assert (0xFF, 0xEB, 0xE9) in seen, "no red (missing) cell drawn in the table"
