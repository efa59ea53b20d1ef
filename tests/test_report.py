"""`starlint report`: one page (HTML or Markdown) with the whole answer bank.

The HTML is parsed with the standard library's html.parser and checked row by
row (and the fix-next list, the folded diagnostics, the theme chips and the other
answers item by item); the Markdown is rendered with markdown-it-py (a dependency)
and read back the same way; and the HTML is rendered in a real headless browser
(Debian's chromium) at a desktop and a phone width, where a probe script (in the
test's copy only) reports what was laid out and a screenshot must show it.
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
    """Pulls out what the tests look at: rows, cells, theme chips, totals, chart, the
    fix-next list and each story's folded diagnostics."""

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
        self.fix: list[dict] = []  # the fix-next list, in order: text, href, readiness, path, line, lang
        self.issues: dict[tuple[str, int], dict] = {}  # (path, story line) -> its <details>
        self.details: list[dict] = []  # every <details>, in order: summary, items, open
        self._details: dict | None = None
        self._diag: dict | None = None
        self._in_summary = False
        self._fix: dict | None = None
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
        if tag == "tr" and self._in_tbody and "data-issues-for" not in a:  # a story's row
            self.rows.append({"attrs": a, "cells": []})
        if tag == "tr" and self._in_tbody and "data-issues-for" in a:  # its folded diagnostics
            self._issue_row = (a["data-path"], int(a["data-issues-for"]))
        if tag == "details":
            self._details = {"summary": "", "sr": "", "items": [], "open": "open" in a}
            self.details.append(self._details)
            if any(t == "tr" and "data-issues-for" in ta for t, ta in self._stack):
                self.issues[self._issue_row] = self._details
        if tag == "summary":
            self._in_summary = True
        if tag == "li" and self._details is not None and "data-code" in a:
            self._diag = {"code": a["data-code"], "line": int(a["data-line"]), "severity": a["class"],
                          "text": "", "href": None}
            self._details["items"].append(self._diag)
        if tag == "a" and self._diag is not None:
            self._diag["href"] = a.get("href")
        if tag == "ol" and "fix-next" in a.get("class", "").split():
            self._in_fix = True
        if tag == "li" and getattr(self, "_in_fix", False):
            self._fix = {"text": "", "href": None, "readiness": a["data-readiness"], "path": a["data-path"],
                         "line": int(a["data-line"]), "lang": a.get("lang"), "loc": ""}
            self.fix.append(self._fix)
        if tag == "a" and self._fix is not None:
            self._fix["href"] = a.get("href")
        if tag in ("td", "th") and self._in_tbody and self.rows and self._details is None \
                and not any(t == "tr" and "data-issues-for" in ta for t, ta in self._stack):
            self._cell = {"tag": tag, "attrs": a, "text": "", "sr": "", "visible": "", "href": None, "tags": []}
            self.rows[-1]["cells"].append(self._cell)
        if tag == "a" and self._cell is not None:
            self._cell["href"] = a.get("href")
        if tag == "a" and any(t == "ul" and "others" in ta.get("class", "").split() for t, ta in self._stack) \
                and self._details is None:
            self._other = ["", a.get("href")]
        if tag == "span" and self._cell is not None and "tag" in a.get("class", "").split():
            self._cell["tags"].append(a.get("data-theme"))
        if tag == "li" and "theme" in a.get("class", "").split():
            self._theme = {"classes": a["class"].split(), "count": int(a["data-count"]),
                           "progress": int(a["data-progress"]), "text": ""}
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
        if tag == "details":
            self._details = None
        if tag == "summary":
            self._in_summary = False
        if tag == "ol":
            self._in_fix = False
        if tag == "li":
            self._diag = None
            self._fix = None
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
        if self._details is not None and self._in_summary:
            self._details["sr" if "sr" in classes else "summary"] += data
        if self._diag is not None:
            self._diag["text"] += data
        if self._fix is not None:
            self._fix["loc" if "loc" in classes else "text"] += data
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
        ("ko-data.md", 38, "3. 지원 동기"), ("en-product.md", 22, "Why Wise?")}
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


# Notes for what the job seeker works on next, each story's parts certain (labels):
#   line 1  Korean, no Result                      -> missing one part
#   line 7  English, complete, Result not measured -> closest to ready
#   line 14 English, nothing written (STAR007)     -> farthest
#   line 18 Korean, no Situation and no Task       -> missing two
#   line 23 another kind of answer (motivation)    -> not a story to fix
#   line 27 English, complete and measured         -> ready
FIX_NOTES = """\
## 장애 대응 경험

- 상황: 2023년 11월 주문 이벤트 처리가 밀려 배차가 15분까지 늦어졌다
- 과제: 온콜 담당으로 피크 시간 지연을 1분 안으로 줄여야 했다
- 행동: 동기 호출을 배치 호출로 바꾸고 컨슈머를 수평 확장했다

## Tell me about a time you led a migration

**Situation:** Our billing jobs ran on a server that was being retired.
**Task:** I had to move them without a missed invoice.
**Action:** I moved one job a week behind a feature flag.
**Result:** The team was happy with the move.

## Tell me about a time you failed

TBD

## 고객 불만 처리

- 행동: 불만 고객 20명에게 직접 전화해 원인을 들었다
- 결과: 재구매율이 12%에서 30%로 올랐다

## Why do you want to join us?

I admire your product and want to grow with your team.

## A disagreement with a designer

**Situation:** The designer and I disagreed about the sign-up form.
**Task:** I had to ship the form by the end of the quarter.
**Action:** I ran an A/B test of both versions and shared the numbers.
**Result:** Sign-ups rose 18% in a month.
"""

FIX_EN = [  # (what to do, link, readiness, language it is said in)
    ("Put a figure in the Result of Tell me about a time you led a migration: what changed, and by how much",
     "notes.md#L7", "unmeasured", "en"),
    ("장애 대응 경험에 결과를 추가하세요", "notes.md#L1", "missing-one", "ko"),
    ("고객 불만 처리에 상황과 과제를 추가하세요", "notes.md#L18", "missing-more", "ko"),
    ("Write Tell me about a time you failed: none of its Situation, Task, Action or Result is there yet",
     "notes.md#L14", "missing-more", "en"),
]


def test_fix_next_lists_the_closest_to_ready_first_in_each_storys_language(tmp_path):
    _, text = report_html(tmp_path, notes=FIX_NOTES)
    page = Page(text)
    assert [(f["text"].strip(), f["href"], f["readiness"], f["lang"]) for f in page.fix] == FIX_EN
    assert [f["loc"] for f in page.fix] == [f"{tmp_path / 'notes.md'}:{n}" for n in (7, 1, 18, 14)]
    assert page.lang == "en"  # 2 Korean stories of 5: the page is English, each fix speaks its story's language
    # the list comes before the readiness chart and the matrix
    assert text.index('class="fix-next"') < text.index('id="h-readiness"') < text.index('class="matrix"')


def test_fix_next_follows_messages(tmp_path):
    page = Page(report_html(tmp_path, "--messages", "ko", notes=FIX_NOTES)[1])
    assert [f["text"].strip() for f in page.fix] == [
        "Tell me about a time you led a migration의 결과에 수치를 넣으세요: 무엇이 얼마나 달라졌는지",
        "장애 대응 경험에 결과를 추가하세요",
        "고객 불만 처리에 상황과 과제를 추가하세요",
        "Tell me about a time you failed: 아직 쓴 내용이 없습니다. 상황·과제·행동·결과를 한 줄씩 적어 보세요"]
    assert {f["lang"] for f in page.fix} == {"ko"}
    page = Page(report_html(tmp_path, "--messages", "en", notes=FIX_NOTES)[1])
    assert [f["text"].strip() for f in page.fix][1:3] == [
        "Add a Result to 장애 대응 경험", "Add a Situation and a Task to 고객 불만 처리"]


@pytest.mark.parametrize("missing, unmeasured, ko, en", [
    (["result"], False, "{title}에 결과를 추가하세요", "Add a Result to {title}"),
    (["action"], False, "{title}에 행동을 추가하세요", "Add an Action to {title}"),
    (["task", "result"], False, "{title}에 과제와 결과를 추가하세요", "Add a Task and a Result to {title}"),
    (["situation", "task", "action"], False, "{title}에 상황·과제·행동을 추가하세요",
     "Add a Situation, a Task and an Action to {title}"),
    (["situation"], True, "{title}에 상황을 추가하고, 결과에 수치를 넣으세요",
     "Add a Situation to {title}, and put a figure in its Result"),
])
def test_fix_wording_and_korean_particles(missing, unmeasured, ko, en):
    from starlint.report.bank import fix_text

    assert fix_text(missing, unmeasured, "ko") == ko
    assert fix_text(missing, unmeasured, "en") == en


def test_fix_next_order_on_the_answers_bank(tmp_path):
    """Every story that is not ready is listed once, by parts still missing, then an
    unmeasured Result, then notes order; worked out here from `check`'s JSON."""
    out = tmp_path / "bank.html"
    assert runner.invoke(app, ["report", str(ANSWERS), "-o", str(out)]).exit_code == 0
    page = Page(out.read_text(encoding="utf-8"))
    linted = starlint.lint_paths([ANSWERS])
    todo = []
    for f in linted.files:
        for s in f.stories:
            missing = 4 - len(s.parts)
            unmeasured = "result" in s.parts and s.quantified is False
            if s.kind == "experience" and (missing or unmeasured):
                todo.append(((missing, unmeasured), f.path, s.line))
    todo.sort(key=lambda t: t[0])
    assert [(f["path"], f["line"]) for f in page.fix] == [(p, n) for _, p, n in todo]
    assert len(page.fix) == sum(1 for r in page.rows if row_view(r)["readiness"] != "ready") == 10
    assert page.fix[0]["readiness"] == "unmeasured" and page.fix[-1]["readiness"] == "missing-more"
    # the ko-data Result with no figure, in Korean; the empty English story, last but one
    assert "리텐션 대시보드 개편의 결과에 수치를 넣으세요: 무엇이 얼마나 달라졌는지" in [f["text"].strip() for f in page.fix]


def test_nothing_to_fix(tmp_path):
    page_text = report_html(tmp_path, notes=NOTES.split("## Walk")[0])[1]
    assert Page(page_text).fix == []
    assert '<p class="done">Nothing to fix: every story is complete and measured.</p>' in page_text


def test_each_storys_diagnostics_fold_under_its_row(tmp_path):
    _, text = report_html(tmp_path, notes=FIX_NOTES)
    page = Page(text)
    linted = starlint.lint_text(FIX_NOTES, "notes.md")
    expected = {}
    for d in linted.diagnostics:
        expected.setdefault(("notes.md", d.story_line), []).append(
            (d.code, d.line, d.severity, f"line {d.line} {d.code} {d.name} ({d.severity}): {d.message}",
             f"notes.md#L{d.line}"))
    got = {(Path(path).name, line): [(i["code"], i["line"], i["severity"], " ".join(i["text"].split()), i["href"])
                                     for i in d["items"]]
           for (path, line), d in page.issues.items()}
    assert got == {k: [(c, n, sev, " ".join(t.split()), h) for c, n, sev, t, h in v] for k, v in expected.items()}
    assert set(got) == {("notes.md", 1), ("notes.md", 7), ("notes.md", 14), ("notes.md", 18)}  # not the ready one
    customer = page.issues[(str(tmp_path / "notes.md"), 18)]
    assert customer["summary"].split() == ["2", "issues", "STAR001", "·", "STAR002"]
    assert customer["sr"] == " for 고객 불만 처리"
    assert "상황이 없습니다" in customer["items"][0]["text"]  # the story's own language
    assert not any(d["open"] for d in page.details)  # folded: the table stays a table
    # each <details> row sits right under its story's row
    trs = re.findall(r'<tr class="[^"]*"[^>]*?(data-line|data-issues-for)="(\d+)"', text)
    assert trs == [("data-line", "1"), ("data-issues-for", "1"), ("data-line", "7"), ("data-issues-for", "7"),
                   ("data-line", "14"), ("data-issues-for", "14"), ("data-line", "18"), ("data-issues-for", "18"),
                   ("data-line", "27")]
    assert page.scripts == 0 and "<script" not in text


def test_theme_coverage_counts_only_ready_stories(tmp_path):
    _, text = report_html(tmp_path, notes=FIX_NOTES)
    page = Page(text)
    rows = [row_view(r) for r in page.rows]
    for theme, chip in page.themes.items():
        tagged = [r for r in rows if theme in r["themes"]]
        assert chip["count"] == sum(1 for r in tagged if r["readiness"] == "ready"), theme
        assert chip["progress"] == sum(1 for r in tagged if r["readiness"] != "ready"), theme
        state = "covered" if chip["count"] else "in-progress" if chip["progress"] else "missing"
        assert state in chip["classes"], theme
    # "led" a migration whose Result has no figure: leadership is in progress, not covered
    assert page.themes["leadership"]["classes"] == ["theme", "in-progress"]
    assert page.themes["leadership"]["text"] == "◐ leadership: 1 in progress, none ready yet"
    assert page.themes["conflict"]["text"] == "✓ conflict 1 ready"
    # Korean
    page = Page(report_html(tmp_path, "--messages", "ko", notes=FIX_NOTES)[1])
    assert page.themes["leadership"]["text"] == "◐ 리더십: 진행 중 1개, 준비된 스토리는 아직 없습니다"
    assert page.themes["conflict"]["text"] == "✓ 갈등 해결 준비된 스토리 1개"
    # a theme with both shows both
    both = NOTES + "\n## Another disagreement\n\n**Action:** I convinced the team after a long disagreement.\n"
    page = Page(report_html(tmp_path, notes=both)[1])
    assert (page.themes["conflict"]["count"], page.themes["conflict"]["progress"]) == (1, 1)
    assert page.themes["conflict"]["text"] == "✓ conflict 1 ready 1 in progress"


def test_other_answers_are_apart_from_stories(tmp_path):
    _, text = report_html(tmp_path, notes=FIX_NOTES)
    page = Page(text)
    assert page.others == [("Why do you want to join us?", "notes.md#L23")]
    assert 23 not in [row_view(r)["line"] for r in page.rows]
    assert 23 not in [f["line"] for f in page.fix]
    assert page.totals["stories"] == "5" and sum(page.chart.values()) == 5
    assert "5 stories and 1 other answer in 1 file" in text


def test_an_other_answers_own_diagnostics_fold_under_it(tmp_path):
    """No check speaks to other answers yet (SPEC leaves room for their own codes):
    when one does, its findings fold under the answer, not into a story row."""
    from starlint.report.bank import Bank, OtherAnswer
    from starlint.report.html import render_html
    from starlint.schema import Diagnostic

    note = Diagnostic(code="STAR299", name="some-other-check", severity="info", line=3, column=1,
                      message="여기에 회사 이름을 넣어 보세요.", story_line=1)
    path = str(tmp_path / "a.md")
    bank = Bank(themes=load_themes(), files=[path],
                others=[OtherAnswer(path=path, title="지원 동기", line=1, language="ko", diagnostics=[note])])
    page = Page(render_html(bank, "en", tmp_path))
    assert page.others == [("지원 동기", "a.md#L1")] and page.rows == [] and page.issues == {}
    (details,) = page.details
    assert details["summary"].split() == ["1", "issue", "STAR299"] and details["sr"] == " for 지원 동기"
    assert [(i["code"], i["href"], " ".join(i["text"].split())) for i in details["items"]] == [
        ("STAR299", "a.md#L3", "line 3 STAR299 some-other-check (info): 여기에 회사 이름을 넣어 보세요.")]


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


def test_markdown_has_fix_next_themes_and_other_answers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(FIX_NOTES, encoding="utf-8")
    result = runner.invoke(app, ["report", "notes.md", "--format", "md", "-o", "-", "--isolated"])
    assert result.exit_code == 0, result.output
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(result.stdout)
    sections = dict(re.findall(r"<h2>(.*?)</h2>\n(.*?)(?=<h2>|<hr />)", rendered, re.S))
    assert list(sections)[:3] == ["Fix next", "Readiness", "Competency coverage"]
    fix = re.findall(r'<li>(\S+) (.*?)<a href="(.*?)">(.*?)</a>(.*?) — (.*?)</li>', sections["Fix next"])
    square = {"unmeasured": "🟨", "missing-one": "🟧", "missing-more": "🟥"}
    assert [(sq, (before + title + after), href) for sq, before, href, title, after, _ in fix] == [
        (square[ready], what, href) for what, href, ready, _ in FIX_EN]
    assert [loc for *_, loc in fix] == ["notes.md:7", "notes.md:1", "notes.md:18", "notes.md:14"]
    themes = re.findall(r"<li>(.*?)</li>", sections["Competency coverage"])
    assert "✅ conflict — 1 ready" in themes
    assert "🟡 leadership: 1 in progress, none ready yet" in themes
    assert "⚠️ <strong>no story yet for failure</strong>" in themes
    others = re.findall(r'<li><a href="(.*?)">(.*?)</a> — (.*?)</li>', sections["Other answers"])
    assert others == [("notes.md#L23", "Why do you want to join us?", "notes.md:23")]
    assert "Why do you want to join us?" not in sections["Stories"]


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


def _chromium(tmp_path: Path, url: str, *args: str, size: tuple[int, int] = (1200, 900)) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--hide-scrollbars", "--force-device-scale-factor=1", f"--user-data-dir={profile}",
           f"--window-size={size[0]},{size[1]}", *args, url]
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


# Headless Chromium draws no window narrower than 500 px, so the page is drawn in an
# iframe of the width asked for (its own viewport: the page's media queries see 390 px,
# as on a phone).  srcdoc keeps the frame same-origin, so the probe can write there.
def framed(text: str, size: tuple[int, int], script: str = "") -> str:
    from html import escape

    inner = text.replace("</body>", script + "</body>") if script else text
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0}'
            'iframe{display:block;border:0}</style></head><body>'
            f'<iframe width="{size[0]}" height="{size[1]}" srcdoc="{escape(inner, quote=True)}"></iframe>'
            '</body></html>')


# Writes what the browser laid out into the DOM, so --dump-dom tells the test: the
# viewport and page widths, each section's box, the fix-next items with their edge
# colour, each story row and its mark cells, each <details> closed and then opened,
# the theme chips' colours and the other answers.  Only the test's copy of the page
# gets it: the report itself has no script.
PROBE = """<script>
const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom].map(Math.round); };
// (checkVisibility: a closed <details> hides its content with content-visibility, which
// keeps a layout box; checkVisibility says whether it is drawn)
const shown = e => !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0;
const all = sel => [...document.querySelectorAll(sel)];
const out = {width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth, sections: {}};
for (const [k, sel] of Object.entries({fix: "ol.fix-next", chart: ".chart svg", totals: "dl.totals",
                                       themes: "ul.themes", matrix: "table.matrix", others: "ul.others"})) {
  const e = document.querySelector(sel); out.sections[k] = e ? box(e) : null;
}
out.fix = all("ol.fix-next > li").map(li => ({text: li.querySelector(".do").textContent, shown: shown(li),
  box: box(li), edge: getComputedStyle(li).borderLeftColor}));
out.rows = all("tr.story").map(tr => ({line: +tr.dataset.line, box: box(tr), title: box(tr.querySelector("th.story")),
  marks: all("tr.story[data-line='" + tr.dataset.line + "'][data-path='" + CSS.escape(tr.dataset.path) + "'] td.mark")
    .map(td => shown(td) ? box(td) : null),
  label: getComputedStyle(tr.querySelector("td.mark"), "::before").content}));
out.closed = all("details.issues").map(d => ({summary: shown(d.querySelector("summary")),
  list: shown(d.querySelector("ul.diags")), height: d.getBoundingClientRect().height}));
all("details.issues").forEach(d => { d.open = true; });
out.opened = all("details.issues").map(d => ({list: shown(d.querySelector("ul.diags")), box: box(d.querySelector("ul.diags")),
  items: d.querySelectorAll("ul.diags > li").length, height: d.getBoundingClientRect().height}));
out.scroll_open = document.documentElement.scrollWidth;
out.themes = Object.fromEntries(all("li.theme").map(li => [li.dataset.theme,
  {cls: li.className, bg: getComputedStyle(li).backgroundColor, box: box(li)}]));
out.others = all("ul.others > li").map(li => ({text: li.querySelector("a").textContent, shown: shown(li), box: box(li)}));
parent.document.body.setAttribute("data-probe", JSON.stringify(out));
</script>"""

DESKTOP, PHONE = (1200, 900), (390, 844)
RGB = {"#d4a72c": "rgb(212, 167, 44)", "#e16f24": "rgb(225, 111, 36)", "#cf222e": "rgb(207, 34, 46)"}
EDGE = {"unmeasured": RGB["#d4a72c"], "missing-one": RGB["#e16f24"], "missing-more": RGB["#cf222e"]}
CHIP = {"covered": "rgb(218, 251, 225)", "in-progress": "rgb(255, 248, 197)", "missing": "rgb(255, 235, 233)"}


def probe(tmp_path: Path, text: str, size: tuple[int, int]) -> dict:
    import json
    from html import unescape

    page = tmp_path / f"probe-{size[0]}.html"
    page.write_text(framed(text, size, PROBE), encoding="utf-8")
    dom = _chromium(tmp_path, page.as_uri(), "--dump-dom", size=(max(size[0], 500), size[1]))
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'data-probe="([^"]*)"', dom.stdout)
    assert found, "the probe did not run: " + dom.stdout[:500]
    return json.loads(unescape(found.group(1)))


def inside(box: list[int], width: int) -> bool:
    left, _, right, _ = box
    return left >= 0 and right <= width


@needs_chromium
@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("source", ["small", "answers"])
def test_report_renders_in_a_browser(tmp_path, source, size):
    if source == "small":
        out, text = report_html(tmp_path, notes=FIX_NOTES)
    else:
        out = tmp_path / "report.html"
        assert runner.invoke(app, ["report", str(ANSWERS), "-o", str(out)]).exit_code == 0
        text = out.read_text(encoding="utf-8")
    served = Page(text)  # what the page says, to hold the drawing to
    width = size[0]
    seen = probe(tmp_path, text, size)
    assert seen["width"] == width

    # nothing runs off the side: no sideways scrolling, every section inside the viewport
    assert seen["scroll"] <= width and seen["scroll_open"] <= width, (seen["scroll"], seen["scroll_open"])
    for name, where in seen["sections"].items():
        assert where is not None, f"no {name} section drawn"
        assert inside(where, width), (name, where)

    # fix next: every item drawn, in the page's order, with the edge colour of its readiness
    assert [f["text"] for f in seen["fix"]] == [f["text"].strip() for f in served.fix]
    assert len(seen["fix"]) == (4 if source == "small" else 10)
    for item, want in zip(seen["fix"], served.fix):
        assert item["shown"] and inside(item["box"], width), item
        assert item["edge"] == EDGE[want["readiness"]], item
    assert seen["sections"]["fix"][1] < seen["sections"]["matrix"][1]  # above the matrix

    # one row (a card on a phone) per story, its four marks and the Measured cell drawn
    assert [r["line"] for r in seen["rows"]] == [row_view(r)["line"] for r in served.rows]
    for row in seen["rows"]:
        assert inside(row["box"], width), row
        assert all(m is not None and inside(m, width) for m in row["marks"]) and len(row["marks"]) == 5, row
        tops = {m[1] for m in row["marks"]}
        assert len(tops) == 1, f"the marks of line {row['line']} are not on one line: {row['marks']}"
        if size == PHONE:  # the title gets the card's whole width; each mark says what it is
            assert row["title"][2] - row["title"][0] > width * 0.8, row
            assert row["title"][3] <= min(tops), row
            assert row["label"].startswith('"S'), row["label"]
        else:  # a table row: title beside the marks, the header row says what they are
            assert row["title"][2] <= min(m[0] for m in row["marks"]), row
            assert row["label"] in ("none", "normal"), row["label"]

    # diagnostics: folded under each row until opened, then drawn inside the page
    assert len(seen["closed"]) == len(served.details) > 0
    assert all(d["summary"] and not d["list"] for d in seen["closed"]), seen["closed"]
    assert all(d["list"] and inside(d["box"], width) for d in seen["opened"]), seen["opened"]
    assert all(o["height"] > c["height"] + 10 for c, o in zip(seen["closed"], seen["opened"]))
    assert [d["items"] for d in seen["opened"]] == [len(d["items"]) for d in served.details]

    # themes: covered (by a ready story), in progress, missing, each in its colour
    assert set(seen["themes"]) == set(served.themes)
    for theme, chip in seen["themes"].items():
        state = next(c for c in ("covered", "in-progress", "missing") if c in served.themes[theme]["classes"])
        assert chip["bg"] == CHIP[state], (theme, chip)
        assert inside(chip["box"], width), (theme, chip)
    states = {next(c for c in CHIP if c in t["classes"]) for t in served.themes.values()}
    assert states == ({"covered", "in-progress", "missing"} if source == "small" else states)

    # the other answers, in their own list
    assert [o["text"] for o in seen["others"]] == [t for t, _ in served.others]
    assert all(o["shown"] and inside(o["box"], width) for o in seen["others"])
    assert len(seen["others"]) == (1 if source == "small" else 2)

    # and the pixels: a screenshot as tall as the page, with the fix-next edges at the
    # top and the green and red mark cells in the matrix
    height = max(r["box"][3] for r in seen["rows"]) + 40
    shot, page = tmp_path / "shot.png", tmp_path / "shot.html"
    page.write_text(framed(text, (width, height)), encoding="utf-8")
    run = _chromium(tmp_path, page.as_uri(), f"--screenshot={shot}", size=(max(width, 500), height))
    assert run.returncode == 0 and shot.is_file(), run.stderr[-2000:]
    png_width, png_height, pixels = read_png(shot.read_bytes())
    assert (png_width, png_height) == (max(width, 500), height)

    def colours(where: list[int]) -> set[tuple[int, int, int]]:
        left, top, right, bottom = where
        found = set()
        for y in range(max(top, 0), min(bottom, height), 2):
            row = pixels[y]
            for x in range(max(left, 0), min(right, width)):
                found.add((row[3 * x], row[3 * x + 1], row[3 * x + 2]))
        return found

    top_of_page = colours(seen["sections"]["fix"])
    for edge in {f["readiness"] for f in served.fix}:
        rgb = tuple(int(v) for v in EDGE[edge][4:-1].split(","))
        assert rgb in top_of_page, f"no {edge} edge drawn in the fix-next list"
    matrix = colours(seen["sections"]["matrix"])
    assert len(matrix) > 20, "the matrix is blank"
    assert (0xDA, 0xFB, 0xE1) in matrix, "no green (present) cell drawn in the table"
    assert (0xFF, 0xEB, 0xE9) in matrix, "no red (missing) cell drawn in the table"
