"""``starlint report``: the whole answer bank on one page.

build_bank() lints the files like ``check`` does and keeps, for every story, its
STAR parts, whether the Result is measured, its diagnostics, the behavioural
themes it covers and how long it takes to tell.  render_html() makes one
self-contained page of it (inline CSS and SVG, no scripts, nothing fetched);
render_markdown() makes a version that renders on GitHub.
"""

from __future__ import annotations

import html
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal, TextIO
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict

from .. import __version__
from ..config import Config
from ..models import PARTS, Language, Part
from ..runtime.files import REPORT_MARKER
from ..schema import Diagnostic
from .themes import ThemeData, load_themes, speaking_seconds, tag_story

# The first line of every report, so a later run can tell a report from a notes file:
# `check` and file discovery skip a file that starts with it (runtime/files.py).
MARKER = REPORT_MARKER
MARK_LINE = f"<!-- {MARKER}; starlint check skips this file -->"

Readiness = Literal["ready", "unmeasured", "missing-one", "missing-more"]
READINESS: tuple[Readiness, ...] = ("ready", "unmeasured", "missing-one", "missing-more")
# Fill colours for the chart and row edges (GitHub's Primer palette, readable on white).
FILL = {"ready": "#2da44e", "unmeasured": "#d4a72c", "missing-one": "#e16f24", "missing-more": "#cf222e"}
SQUARE = {"ready": "🟩", "unmeasured": "🟨", "missing-one": "🟧", "missing-more": "🟥"}


class BankStory(BaseModel):
    path: str
    title: str
    line: int
    end_line: int
    language: Language
    parts: dict[str, list[int]]
    quantified: bool | None
    seconds: int
    themes: list[str]
    diagnostics: list[Diagnostic] = []
    speaks: Language = "en"  # the language to tell the writer what to do in: the story's, or --messages

    @property
    def missing(self) -> list[Part]:
        return [p for p in PARTS if p not in self.parts]

    @property
    def unmeasured(self) -> bool:
        """It has a Result, and nothing in it is measured."""
        return "result" in self.parts and self.quantified is False

    @property
    def distance(self) -> tuple[int, int]:
        """How far it is from ready: the parts still to write, then a Result to measure
        (a figure is less work than a part)."""
        return len(self.missing), int(self.unmeasured)

    def fix(self) -> str:
        """What it lacks, as one instruction in the story's language, with `{title}`
        where its title goes ("Add a Result to {title}", "{title}에 결과를 추가하세요")."""
        return fix_text(self.missing, self.unmeasured, self.speaks)

    @property
    def readiness(self) -> Readiness:
        missing = len(self.missing)
        if missing == 0:
            return "ready" if self.quantified else "unmeasured"
        return "missing-one" if missing == 1 else "missing-more"


class OtherAnswer(BaseModel):
    """A section read as another kind of answer (motivation, self-introduction, a plan...):
    listed apart, since STAR does not apply to it and it is not an unready story."""

    path: str
    title: str
    line: int
    language: Language
    diagnostics: list[Diagnostic] = []  # checks other than STAR's may still have something to say


class FileNote(BaseModel):
    """What a file gave besides stories: nothing (unreadable, or no story in it) or
    diagnostics that belong to no story (an unused suppression comment)."""

    path: str
    diagnostics: list[Diagnostic] = []


class Bank(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)  # themes: a record of the themes file

    stories: list[BankStory] = []
    others: list[OtherAnswer] = []
    files: list[str] = []
    notes: list[FileNote] = []
    errors: int = 0
    warnings: int = 0
    info: int = 0
    themes: ThemeData

    def count(self, readiness: Readiness) -> int:
        return sum(1 for s in self.stories if s.readiness == readiness)

    def theme_stories(self, theme_id: str) -> list[BankStory]:
        return [s for s in self.stories if theme_id in s.themes]

    def theme_coverage(self, theme_id: str) -> tuple[int, int]:
        """(ready stories, stories in progress) with the theme: only a ready story covers it."""
        tagged = self.theme_stories(theme_id)
        ready = sum(1 for s in tagged if s.readiness == "ready")
        return ready, len(tagged) - ready

    def fix_next(self) -> list[BankStory]:
        """The stories that are not ready, closest to ready first (in notes order on a tie)."""
        return sorted((s for s in self.stories if s.readiness != "ready"), key=lambda s: s.distance)

    @property
    def seconds(self) -> int:
        return sum(s.seconds for s in self.stories)

    def language(self, messages: str = "auto") -> Language:
        """The page's language: as set, or Korean when most stories are Korean."""
        if messages in ("ko", "en"):
            return messages  # type: ignore[return-value]
        korean = sum(1 for s in self.stories if s.language == "ko")
        return "ko" if korean * 2 > len(self.stories) else "en"


def build_bank(paths: Iterable[str | Path], config_for: Callable[[Path], Config],
               themes: ThemeData | None = None, skip: Callable[[str], bool] | None = None) -> Bank:
    """Lint the notes under `paths` (each file with its own config) into a Bank."""
    from ..engine import iter_file_reports, read_document
    from ..runtime.files import read_file

    themes = themes or load_themes()
    bank = Bank(themes=themes)
    for report in iter_file_reports(paths, config_for):
        if skip is not None and skip(report.path):
            continue
        bank.files.append(report.path)
        for d in report.diagnostics:
            bank.errors += d.severity == "error"
            bank.warnings += d.severity == "warning"
            bank.info += d.severity == "info"
        if not report.stories:
            bank.notes.append(FileNote(path=report.path, diagnostics=_diagnostics(report.diagnostics)))
            continue
        config = config_for(Path(report.path))
        text, _ = read_file(Path(report.path))
        _, stories = read_document(text, report.path, config)
        units = {s.line: s for s in stories}
        for sr in report.stories:
            own = _diagnostics([d for d in report.diagnostics if d.story_line == sr.line])
            if sr.kind == "other":
                bank.others.append(OtherAnswer(path=report.path, title=sr.title, line=sr.line,
                                               language=sr.language, diagnostics=own))
                continue
            story = units.get(sr.line)
            texts = [u.content or u.plain for u in story.units] if story else []
            bank.stories.append(BankStory(
                path=report.path, title=sr.title, line=sr.line, end_line=sr.end_line, language=sr.language,
                parts=sr.parts, quantified=sr.quantified,
                seconds=speaking_seconds(texts, themes.speaking),
                # a story with nothing written yet (STAR007) cannot answer a theme's question yet
                themes=tag_story(sr.title, texts, themes) if sr.parts else [],
                diagnostics=own, speaks=sr.language if config.messages == "auto" else config.messages))
        loose = [d for d in report.diagnostics if d.story_line is None]
        if loose:
            bank.notes.append(FileNote(path=report.path, diagnostics=_diagnostics(loose)))
    return bank


def _diagnostics(found: list) -> list[Diagnostic]:
    """The engine's diagnostic records as the models the bank holds."""
    return [Diagnostic.model_validate(d.to_dict()) for d in found]


# ---------------------------------------------------------------- fix next --
_ARTICLE = {"situation": "a Situation", "task": "a Task", "action": "an Action", "result": "a Result"}
_KO_PART = {"situation": "상황", "task": "과제", "action": "행동", "result": "결과"}


def _batchim(word: str) -> bool:
    """Whether a Korean word ends in a final consonant (상황, 행동), which picks its particles."""
    last = word[-1:]
    return "\uac00" <= last <= "\ud7a3" and (ord(last) - 0xAC00) % 28 != 0


def _ko_parts(parts: list[Part]) -> str:
    """상황을 / 상황과 결과를 / 상황·과제·행동을: the parts as the object of a sentence."""
    names = [_KO_PART[p] for p in parts]
    if len(names) == 2:
        joined = names[0] + ("과 " if _batchim(names[0]) else "와 ") + names[1]
    else:
        joined = "·".join(names)
    return joined + ("을" if _batchim(names[-1]) else "를")


def _en_parts(parts: list[Part]) -> str:
    names = [_ARTICLE[p] for p in parts]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def fix_text(missing: list[Part], unmeasured: bool, language: Language) -> str:
    """One instruction for what a story lacks, with `{title}` for its title."""
    if language == "ko":
        if len(missing) == len(PARTS):
            return "{title}: 아직 쓴 내용이 없습니다. 상황·과제·행동·결과를 한 줄씩 적어 보세요"
        if missing and unmeasured:
            return "{title}에 " + _ko_parts(missing) + " 추가하고, 결과에 수치를 넣으세요"
        if missing:
            return "{title}에 " + _ko_parts(missing) + " 추가하세요"
        return "{title}의 결과에 수치를 넣으세요: 무엇이 얼마나 달라졌는지"
    if len(missing) == len(PARTS):
        return "Write {title}: none of its Situation, Task, Action or Result is there yet"
    if missing and unmeasured:
        return "Add " + _en_parts(missing) + " to {title}, and put a figure in its Result"
    if missing:
        return "Add " + _en_parts(missing) + " to {title}"
    return "Put a figure in the Result of {title}: what changed, and by how much"


# ------------------------------------------------------------------ words --
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Story bank report",
        "summary": "{stories} in {files}",
        "summary_others": "{stories} and {others} in {files}",
        "story": "story", "stories": "stories", "file": "file", "files": "files",
        "other": "other answer", "others_n": "other answers",
        "others": "Other answers",
        "others_intro": "Sections read as other kinds of answer (motivation, self-introduction, plans, "
                        "opinions...). STAR checks do not apply to them.",
        "readiness": "Readiness",
        "ready": "complete and measured",
        "unmeasured": "complete, Result not measured",
        "missing-one": "missing one part",
        "missing-more": "missing two or more parts",
        "chart": "Readiness of {n} stories: {parts}",
        "errors": "errors", "warnings": "warnings", "info": "info", "time": "speaking time in all",
        "sev_error": "error", "sev_warning": "warning", "sev_info": "info",
        "themes": "Competency coverage",
        "themes_intro": "Which behavioural themes your ready stories (complete and measured) can answer, found "
                        "from words in each story. Stories that are not ready yet count as in progress.",
        "fix": "Fix next",
        "fix_intro": "The stories closest to ready first, each with what it still lacks.",
        "all_ready": "Nothing to fix: every story is complete and measured.",
        "in_progress": "{n} in progress",
        "progress_only": "{name}: {n} in progress, none ready yet",
        "issue": "issue", "issues": "issues",
        "issues_of": "{n}", "issues_for": " for {title}",
        "at_line": "line {n}",
        "no_story": "no story yet for {name}",
        "covered": "{n} ready",
        "n_stories": "stories",
        "matrix": "Stories",
        "caption": "One row per story: its STAR parts, whether the Result is measured, "
                   "how long it takes to tell, how many issues starlint found, and its themes.",
        "col_file": "File", "col_story": "Story", "col_quant": "Measured", "col_time": "Time",
        "col_diag": "Issues", "col_themes": "Themes",
        "situation": "Situation", "task": "Task", "action": "Action", "result": "Result",
        "present": "present", "absent": "missing",
        "measured": "measured", "not_measured": "not measured", "no_result": "no Result",
        "issues_sr": "{n} issues", "no_themes": "none found",
        "minutes": "{m} min {s} s",
        "notes": "Files: no stories, or issues outside any story",
        "no_stories": "no stories found",
        "footer": "Generated by starlint {version}.",
        "how": "Run <code>starlint check</code> on a file for every issue with its fix.",
    },
    "ko": {
        "title": "면접 답변 스토리 리포트",
        "summary": "파일 {files}개, 스토리 {stories}개",
        "summary_others": "파일 {files}개, 스토리 {stories}개, 다른 답변 {others}개",
        "story": "", "stories": "", "file": "", "files": "",
        "other": "", "others_n": "",
        "others": "다른 답변",
        "others_intro": "지원 동기, 자기소개, 포부, 의견처럼 경험 스토리가 아닌 답변입니다. STAR 검사는 하지 않습니다.",
        "readiness": "준비 상태",
        "ready": "완성 + 결과에 수치",
        "unmeasured": "완성, 결과에 수치 없음",
        "missing-one": "한 부분 빠짐",
        "missing-more": "두 부분 이상 빠짐",
        "chart": "스토리 {n}개의 준비 상태: {parts}",
        "errors": "오류", "warnings": "경고", "info": "참고", "time": "전체 말하기 시간",
        "sev_error": "오류", "sev_warning": "경고", "sev_info": "참고",
        "themes": "역량 주제 커버리지",
        "themes_intro": "준비된 스토리(네 부분이 다 있고 결과에 수치가 있는 스토리)가 답할 수 있는 행동 역량 "
                        "주제입니다. 스토리에 쓰인 말로 찾았고, 아직 준비되지 않은 스토리는 진행 중으로 따로 셉니다.",
        "fix": "다음에 고칠 것",
        "fix_intro": "완성에 가까운 스토리부터, 아직 빠진 것과 함께 보여 줍니다.",
        "all_ready": "고칠 것이 없습니다: 모든 스토리가 완성되었고 결과에 수치가 있습니다.",
        "in_progress": "진행 중 {n}개",
        "progress_only": "{name}: 진행 중 {n}개, 준비된 스토리는 아직 없습니다",
        "issue": "", "issues": "",
        "issues_of": "지적 {n}건", "issues_for": " ({title})",
        "at_line": "{n}행",
        "no_story": "{name} 스토리가 아직 없습니다",
        "covered": "준비된 스토리 {n}개",
        "n_stories": "스토리",
        "matrix": "스토리",
        "caption": "스토리마다 한 줄: STAR 네 부분, 결과의 수치 여부, 말하는 데 걸리는 시간, "
                   "starlint가 찾은 지적 수, 역량 주제.",
        "col_file": "파일", "col_story": "스토리", "col_quant": "수치", "col_time": "시간",
        "col_diag": "지적", "col_themes": "주제",
        "situation": "상황", "task": "과제", "action": "행동", "result": "결과",
        "present": "있음", "absent": "없음",
        "measured": "수치 있음", "not_measured": "수치 없음", "no_result": "결과 없음",
        "issues_sr": "지적 {n}건", "no_themes": "없음",
        "minutes": "{m}분 {s}초",
        "notes": "파일: 스토리가 없거나 스토리 밖의 지적",
        "no_stories": "스토리를 찾지 못했습니다",
        "footer": "starlint {version}로 만들었습니다.",
        "how": "지적 내용과 고치는 방법은 <code>starlint check</code>로 확인하세요.",
    },
}
_LETTER = {"situation": "S", "task": "T", "action": "A", "result": "R"}


def _count(words: dict[str, str], n: int, one: str, many: str) -> str:
    if not words[one]:  # Korean: the number speaks for itself
        return str(n)
    return f"{n} {words[one] if n == 1 else words[many]}"


def _summary(bank: Bank, w: dict[str, str]) -> str:
    key = "summary_others" if bank.others else "summary"
    return w[key].format(stories=_count(w, len(bank.stories), "story", "stories"),
                         others=_count(w, len(bank.others), "other", "others_n"),
                         files=_count(w, len(bank.files), "file", "files"))


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _spoken(seconds: int, w: dict[str, str]) -> str:
    return w["minutes"].format(m=seconds // 60, s=seconds % 60)


def link_for(path: str, line: int, base: Path) -> str:
    """A relative link from the report's folder to the story's line: `path#Lline`."""
    target = Path(path).resolve()
    try:
        rel = os.path.relpath(target, base.resolve())
    except ValueError:  # another drive on Windows
        rel = str(target)
    return quote(Path(rel).as_posix(), safe="/._-~") + f"#L{line}"


# ------------------------------------------------------------------- HTML --
_CSS = """
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --warn: #9a6700;
  --warn-bg: #fff8c5; --muted: #59636e; --line: #d1d9e0; --ink: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 40px; color: var(--ink); background: #fff;
  font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans KR", "Noto Sans CJK KR", "NanumGothic",
  "Apple SD Gothic Neo", "Malgun Gothic", Roboto, Helvetica, Arial, sans-serif; }
h1 { font-size: 26px; margin: 0 0 2px; }
h2 { font-size: 18px; margin: 28px 0 10px; }
.sub { color: var(--muted); margin: 0; }
.sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.overview { display: flex; flex-wrap: wrap; gap: 16px 40px; align-items: flex-start; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 0; }
.totals div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 96px; }
.totals dt { color: var(--muted); font-size: 13px; }
.totals dd { margin: 0; font-size: 22px; font-weight: 600; }
.chart svg { display: block; }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px;
  font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px;
  vertical-align: -1px; }
.themes { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.theme { border: 1px solid var(--line); border-radius: 999px; padding: 4px 12px; font-size: 14px; }
.theme.covered { background: var(--ok-bg); border-color: #aceebb; }
.theme.covered .n { color: var(--ok); font-weight: 600; margin-left: 6px; }
.theme.missing { background: var(--bad-bg); border: 2px dashed var(--bad); color: var(--bad); font-weight: 600; }
.intro { color: var(--muted); margin: -4px 0 10px; font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
caption { text-align: left; color: var(--muted); padding-bottom: 8px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
thead th { background: #f6f8fa; text-align: left; font-size: 13px; white-space: nowrap; }
thead th.c { text-align: center; }
tbody tr { border-left: 6px solid transparent; }
tbody tr.ready { border-left-color: #2da44e; }
tbody tr.unmeasured { border-left-color: #d4a72c; }
tbody tr.missing-one { border-left-color: #e16f24; }
tbody tr.missing-more { border-left-color: #cf222e; }
th.story { text-align: left; font-weight: 600; }
th.story a { color: #0969da; text-decoration: none; }
th.story a:hover { text-decoration: underline; }
.loc { color: var(--muted); font-weight: 400; font-size: 12px; }
td.file { color: var(--muted); font: 12px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  white-space: nowrap; }
td.mark { text-align: center; font-weight: 700; width: 44px; }
td.ok { color: var(--ok); background: var(--ok-bg); }
td.bad { color: var(--bad); background: var(--bad-bg); }
td.none { color: var(--muted); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.diag.zero { color: var(--ok); }
td.diag.error { color: var(--bad); font-weight: 700; }
td.diag.warning { color: var(--warn); font-weight: 700; }
td.diag.info { color: var(--muted); }
.tag { display: inline-block; background: #ddf4ff; color: #0550ae; border-radius: 999px; padding: 0 8px;
  margin: 1px 2px; font-size: 12px; white-space: nowrap; }
.muted { color: var(--muted); }
footer { margin-top: 28px; color: var(--muted); font-size: 13px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa;
  padding: 1px 4px; border-radius: 4px; }
a { color: #0969da; }
.theme.in-progress { background: var(--warn-bg); border: 2px dashed #d4a72c; color: var(--warn); font-weight: 600; }
.theme .progress { color: var(--warn); margin-left: 8px; font-size: 13px; }
.fix-next { margin: 0; padding: 0 0 0 28px; }
.fix-next li { margin: 0 0 6px; padding: 2px 0 2px 10px; border-left: 6px solid transparent; }
.fix-next li.unmeasured { border-left-color: #d4a72c; }
.fix-next li.missing-one { border-left-color: #e16f24; }
.fix-next li.missing-more { border-left-color: #cf222e; }
.fix-next .do { font-weight: 600; }
.fix-next .do a { font-weight: 700; }
.done { color: var(--ok); font-weight: 600; }
tr.issues-row td { padding: 0 8px 6px 30px; border-bottom: 1px solid var(--line); }
tbody tr.story:has(+ tr.issues-row) > * { border-bottom: 0; }
details.issues summary { cursor: pointer; color: var(--muted); font-size: 13px; }
details.issues .codes { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin-left: 4px; }
ul.diags { margin: 6px 0 4px; padding-left: 18px; font-size: 13px; }
ul.diags li { margin: 0 0 4px; }
ul.diags li.error .sev { color: var(--bad); font-weight: 600; }
ul.diags li.warning .sev { color: var(--warn); font-weight: 600; }
ul.diags li.info .sev { color: var(--muted); }
ul.diags .name { color: var(--muted); }
ul.others li { margin-bottom: 4px; }
.loc, ul.diags, .fix-next { overflow-wrap: anywhere; }
/* A phone (390 px): no sideways scrolling. The chart shrinks to fit, and the matrix
   turns into one card per story: title and file on top, then S T A R and the rest,
   each cell labelled since the header row is hidden. */
@media (max-width: 720px) {
  body { padding: 16px 14px 32px; font-size: 15px; }
  h1 { font-size: 22px; }
  .chart, .chart svg { width: 100%; }
  .chart svg { height: auto; }
  .totals div { min-width: 0; flex: 1 1 30%; padding: 6px 10px; }
  .theme { border-radius: 12px; }
  .fix-next { padding-left: 22px; }
  .fix-next .loc { display: block; }
  table.matrix, table.matrix tbody, table.matrix caption { display: block; width: 100%; }
  table.matrix thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.matrix tr.story { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)) auto auto auto;
    align-items: center; border-top: 1px solid var(--line); padding: 6px 0 4px; }
  table.matrix tr.story > * { display: block; border: 0; padding: 4px 6px; }
  table.matrix th.story { grid-column: 1 / -1; }
  table.matrix td.file { grid-column: 1 / -1; order: -1; white-space: normal; overflow-wrap: anywhere;
    padding-bottom: 0; }
  table.matrix td.mark { width: auto; border-radius: 4px; margin: 0 2px; }
  table.matrix td[data-label]::before { content: attr(data-label) " "; content: attr(data-label) " " / "";
    color: var(--muted); font-weight: 400; font-size: 12px; }
  table.matrix td.themes-cell { grid-column: 1 / -1; }
  table.matrix tr.issues-row, table.matrix tr.issues-row td { display: block; border: 0; }
  table.matrix tr.issues-row td { padding: 0 6px 8px; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(bank: Bank, language: Language, base: Path | None = None) -> str:
    """The report as one self-contained HTML page; links are relative to `base`."""
    w = _WORDS[language]
    base = base or Path.cwd()
    out = [
        MARK_LINE,  # first, before the doctype (comments may come first): see MARKER
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="starlint {_e(__version__)}">',
        f"<title>{_e(w['title'])}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(w['title'])}</h1>",
        f'<p class="sub">{_e(_summary(bank, w))}</p>',
        "</header>",
        '<main>',
        _html_fix_next(bank, w, base),
        '<section aria-labelledby="h-readiness">',
        f'<h2 id="h-readiness">{_e(w["readiness"])}</h2>',
        '<div class="overview">',
        _html_chart(bank, w),
        _html_totals(bank, w),
        "</div>",
        "</section>",
        _html_themes(bank, w, language),
        _html_matrix(bank, w, language, base),
        _html_others(bank, w, base),
        _html_notes(bank, w),
        "</main>",
        "<footer>",
        f"<p>{_e(w['footer'].format(version=__version__))} "
        f"{_e(bank.themes.speaking.note.get(language)) if bank.themes.speaking.note else ''} {w['how']}</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in out if part) + "\n"


def _html_totals(bank: Bank, w: dict[str, str]) -> str:
    cells = [(w["n_stories"], str(len(bank.stories)), "stories"),
             (w["ready"], str(bank.count("ready")), "ready"),
             (w["errors"], str(bank.errors), "errors"),
             (w["warnings"], str(bank.warnings), "warnings"),
             (w["info"], str(bank.info), "info"),
             (w["time"], _clock(bank.seconds), "time")]
    items = "".join(f'<div data-total="{key}"><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>'
                    for label, value, key in cells)
    return f'<dl class="totals">{items}</dl>'


def _html_chart(bank: Bank, w: dict[str, str]) -> str:
    width, height = 520, 34
    total = len(bank.stories)
    parts = ", ".join(f"{w[r]} {bank.count(r)}" for r in READINESS)
    label = w["chart"].format(n=total, parts=parts)
    rects = []
    x = 0.0
    for r in READINESS:
        n = bank.count(r)
        if not n:
            continue
        seg = width * n / total
        rects.append(f'<rect x="{x:.1f}" y="0" width="{seg:.1f}" height="{height}" fill="{FILL[r]}" '
                     f'data-readiness="{r}" data-count="{n}"><title>{_e(w[r])}: {n}</title></rect>')
        if seg >= 22:
            rects.append(f'<text x="{x + seg / 2:.1f}" y="{height / 2 + 5:.1f}" text-anchor="middle" '
                         f'font-size="14" font-weight="700" fill="#fff">{n}</text>')
        x += seg
    if not rects:
        rects.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eaeef2"/>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}">'
           f'<title>{_e(label)}</title>'
           f'<clipPath id="round"><rect width="{width}" height="{height}" rx="6"/></clipPath>'
           f'<g clip-path="url(#round)">{"".join(rects)}</g></svg>')
    legend = "".join(f'<li data-readiness="{r}"><span class="swatch" style="background:{FILL[r]}"></span>'
                     f"{_e(w[r])}: <strong>{bank.count(r)}</strong></li>" for r in READINESS)
    return f'<figure class="chart" style="margin:0">{svg}<ul class="legend">{legend}</ul></figure>'


def _html_themes(bank: Bank, w: dict[str, str], language: Language) -> str:
    items = []
    for theme in bank.themes.themes:
        name = theme.name.get(language)
        ready, progress = bank.theme_coverage(theme.id)
        data = f'data-theme="{_e(theme.id)}" data-count="{ready}" data-progress="{progress}"'
        more = f' <span class="progress">{_e(w["in_progress"].format(n=progress))}</span>' if progress else ""
        if ready:
            count = w["covered"].format(n=ready)
            items.append(f'<li class="theme covered" {data}><span aria-hidden="true">✓ </span>{_e(name)} '
                         f'<span class="n">{_e(count)}</span>{more}</li>')
        elif progress:
            items.append(f'<li class="theme in-progress" {data}><span aria-hidden="true">◐ </span>'
                         f'{_e(w["progress_only"].format(name=name, n=progress))}</li>')
        else:
            items.append(f'<li class="theme missing" {data}>'
                         f'<span aria-hidden="true">⚠ </span>{_e(w["no_story"].format(name=name))}</li>')
    return ('<section aria-labelledby="h-themes">'
            f'<h2 id="h-themes">{_e(w["themes"])}</h2>'
            f'<p class="intro">{_e(w["themes_intro"])}</p>'
            f'<ul class="themes">{"".join(items)}</ul></section>')


def _html_fix_next(bank: Bank, w: dict[str, str], base: Path) -> str:
    todo = bank.fix_next()
    if not todo:
        what = w["all_ready"] if bank.stories else w["no_stories"]
        return (f'<section aria-labelledby="h-fix"><h2 id="h-fix">{_e(w["fix"])}</h2>'
                f'<p class="done">{_e(what)}</p></section>')
    items = []
    for s in todo:
        link = f'<a href="{_e(link_for(s.path, s.line, base))}">{_e(s.title)}</a>'
        before, _, after = s.fix().partition("{title}")
        items.append(f'<li class="{s.readiness}" data-readiness="{s.readiness}" data-path="{_e(s.path)}" '
                     f'data-line="{s.line}" lang="{s.speaks}"><span class="do">{_e(before)}{link}{_e(after)}</span> '
                     f'<span class="loc">{_e(s.path)}:{s.line}</span></li>')
    return (f'<section aria-labelledby="h-fix"><h2 id="h-fix">{_e(w["fix"])}</h2>'
            f'<p class="intro">{_e(w["fix_intro"])}</p><ol class="fix-next">{"".join(items)}</ol></section>')


def _issues(n: int, w: dict[str, str]) -> str:
    return _count(w, n, "issue", "issues")


def _html_details(diagnostics: list[Diagnostic], title: str, path: str, w: dict[str, str], base: Path,
                  lang: Language) -> str:
    """A closed <details> with the story's diagnostics, each linked to its line."""
    codes = " · ".join(d.code for d in diagnostics)
    summary = w["issues_of"].format(n=_issues(len(diagnostics), w))
    items = "".join(f'<li class="{d.severity}" data-code="{_e(d.code)}" data-line="{d.line}">'
                    f'<a href="{_e(link_for(path, d.line, base))}">{_e(w["at_line"].format(n=d.line))}</a> '
                    f'<code>{_e(d.code)}</code> <span class="name">{_e(d.name)}</span> '
                    f'<span class="sev">({_e(w["sev_" + d.severity])})</span>: '
                    f'<span class="msg">{_e(d.message)}</span></li>' for d in diagnostics)
    return (f'<details class="issues"><summary>{_e(summary)}<span class="sr">{_e(w["issues_for"].format(title=title))}'
            f'</span> <span class="codes">{_e(codes)}</span></summary>'
            f'<ul class="diags" lang="{lang}">{items}</ul></details>')


def _mark(ok: bool | None, yes: str, no: str, none: str, what: str, attrs: str, label: str) -> str:
    # data-label: shown before the mark on a phone, where the table has no header row
    attrs += f' data-label="{_e(label)}"'
    if ok is None:
        return f'<td class="mark none" {attrs}><span aria-hidden="true">–</span><span class="sr">{_e(none)}</span></td>'
    cls, sign, text = ("ok", "✓", yes) if ok else ("bad", "✗", no)
    return (f'<td class="mark {cls}" {attrs} title="{_e(what)}: {_e(text)}">'
            f'<span aria-hidden="true">{sign}</span><span class="sr">{_e(what)}: {_e(text)}</span></td>')


def _html_matrix(bank: Bank, w: dict[str, str], language: Language, base: Path) -> str:
    head = (f'<th scope="col">{_e(w["col_file"])}</th><th scope="col">{_e(w["col_story"])}</th>'
            + "".join(f'<th scope="col" class="c" abbr="{_e(w[p])}" title="{_e(w[p])}">{_LETTER[p]}</th>'
                      for p in PARTS)
            + f'<th scope="col" class="c">{_e(w["col_quant"])}</th>'
            f'<th scope="col" class="c">{_e(w["col_time"])}</th>'
            f'<th scope="col" class="c">{_e(w["col_diag"])}</th>'
            f'<th scope="col">{_e(w["col_themes"])}</th>')
    rows = []
    for s in bank.stories:
        cells = [f'<td class="file">{_e(s.path)}</td>',
                 f'<th scope="row" class="story"><a href="{_e(link_for(s.path, s.line, base))}">{_e(s.title)}</a>'
                 f' <span class="loc">:{s.line}</span></th>']
        for p in PARTS:
            cells.append(_mark(p in s.parts, w["present"], w["absent"], "", w[p], f'data-part="{p}"', _LETTER[p]))
        cells.append(_mark(s.quantified, w["measured"], w["not_measured"], w["no_result"], w["col_quant"],
                           'data-col="quantified"', w["col_quant"]))
        cells.append(f'<td class="num time"><time datetime="PT{s.seconds // 60}M{s.seconds % 60}S" '
                     f'title="{_e(_spoken(s.seconds, w))}">{_clock(s.seconds)}</time></td>')
        n = len(s.diagnostics)
        codes = ", ".join(f"{d.code} {d.name} ({d.severity})" for d in s.diagnostics)
        title = f' title="{_e(codes)}"' if codes else ""
        worst = next((sev for sev in ("error", "warning", "info") if any(d.severity == sev for d in s.diagnostics)),
                     "zero")
        cells.append(f'<td class="num diag {worst}" data-count="{n}" data-label="{_e(w["col_diag"])}"{title}>'
                     f'<span aria-hidden="true">{n}</span><span class="sr">{_e(w["issues_sr"].format(n=n))}</span></td>')
        tags = "".join(f'<span class="tag" data-theme="{_e(t)}">{_e(bank.themes.theme(t).name.get(language))}</span>'
                       for t in s.themes) or f'<span class="muted">{_e(w["no_themes"])}</span>'
        cells.append(f'<td class="themes-cell">{tags}</td>')
        rows.append(f'<tr class="story {s.readiness}" data-readiness="{s.readiness}" data-path="{_e(s.path)}" '
                    f'data-line="{s.line}">{"".join(cells)}</tr>')
        if s.diagnostics:  # the findings themselves, folded under the story's row
            rows.append(f'<tr class="issues-row {s.readiness}" data-issues-for="{s.line}" data-path="{_e(s.path)}">'
                        f'<td colspan="{len(PARTS) + 6}">'
                        f'{_html_details(s.diagnostics, s.title, s.path, w, base, s.speaks)}</td></tr>')
    return ('<section aria-labelledby="h-matrix">'
            f'<h2 id="h-matrix">{_e(w["matrix"])}</h2>'
            f'<table class="matrix"><caption>{_e(w["caption"])}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _html_others(bank: Bank, w: dict[str, str], base: Path) -> str:
    if not bank.others:
        return ""
    items = "".join(f'<li data-path="{_e(o.path)}" data-line="{o.line}">'
                    f'<a href="{_e(link_for(o.path, o.line, base))}">{_e(o.title)}</a> '
                    f'<span class="loc">{_e(o.path)}:{o.line}</span>'
                    + (_html_details(o.diagnostics, o.title, o.path, w, base, o.language) if o.diagnostics else "")
                    + "</li>" for o in bank.others)
    return (f'<section aria-labelledby="h-others"><h2 id="h-others">{_e(w["others"])}</h2>'
            f'<p class="intro">{_e(w["others_intro"])}</p><ul class="others">{items}</ul></section>')


def _html_notes(bank: Bank, w: dict[str, str]) -> str:
    if not bank.notes:
        return ""
    items = []
    for note in bank.notes:
        why = "; ".join(f"{d.code} {d.message}" for d in note.diagnostics) or w["no_stories"]
        items.append(f"<li><code>{_e(note.path)}</code>: {_e(why)}</li>")
    return (f'<section aria-labelledby="h-notes"><h2 id="h-notes">{_e(w["notes"])}</h2>'
            f'<ul class="notes">{"".join(items)}</ul></section>')


# --------------------------------------------------------------- Markdown --
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_piece(text: str) -> str:
    """A piece of a sentence, escaped like _md, keeping the space at its ends."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def render_markdown(bank: Bank, language: Language, base: Path | None = None) -> str:
    """The report as GitHub-flavoured Markdown: the same sections, emoji for colour."""
    w = _WORDS[language]
    base = base or Path.cwd()
    out = [MARK_LINE, f"# {_md(w['title'])}", "", _md(_summary(bank, w)) + "  ",
           f"{w['errors']} {bank.errors} · {w['warnings']} {bank.warnings} · {w['info']} {bank.info} · "
           f"{w['time']} {_clock(bank.seconds)}",
           ""]
    out += _md_fix_next(bank, w, base)
    out += [f"## {_md(w['readiness'])}", ""]
    out.append("".join(SQUARE[s.readiness] for s in sorted(bank.stories, key=lambda s: READINESS.index(s.readiness)))
               or "—")
    out += ["", f"| | {_md(w['readiness'])} | {_md(w['n_stories'])} |", "| --- | --- | ---: |"]
    out += [f"| {SQUARE[r]} | {_md(w[r])} | {bank.count(r)} |" for r in READINESS]
    out += ["", f"## {_md(w['themes'])}", "", _md(w["themes_intro"]), ""]
    for theme in bank.themes.themes:
        name = theme.name.get(language)
        ready, progress = bank.theme_coverage(theme.id)
        if ready:
            more = f" · {_md(w['in_progress'].format(n=progress))}" if progress else ""
            out.append(f"- ✅ {_md(name)} — {_md(w['covered'].format(n=ready))}{more}")
        elif progress:
            out.append(f"- 🟡 {_md(w['progress_only'].format(name=name, n=progress))}")
        else:
            out.append(f"- ⚠️ **{_md(w['no_story'].format(name=name))}**")
    out += ["", f"## {_md(w['matrix'])}", "", _md(w["caption"]), ""]
    head = ([w["col_file"], w["col_story"]] + [_LETTER[p] for p in PARTS]
            + [w["col_quant"], w["col_time"], w["col_diag"], w["col_themes"]])
    out.append("| " + " | ".join(_md(h) for h in head) + " |")
    out.append("| --- | --- | " + " | ".join([":-:"] * 5) + " | ---: | ---: | --- |")
    for s in bank.stories:
        marks = ["✅" if p in s.parts else "❌" for p in PARTS]
        quant = "–" if s.quantified is None else ("✅" if s.quantified else "❌")
        tags = ", ".join(_md(bank.themes.theme(t).name.get(language)) for t in s.themes) or "–"
        row = [_md(s.path), f"[{_md(s.title)}]({link_for(s.path, s.line, base)})", *marks, quant,
               _clock(s.seconds), str(len(s.diagnostics)), tags]
        out.append("| " + " | ".join(row) + " |")
    out += ["", "✅ " + _md(w["present"]) + " · ❌ " + _md(w["absent"]) + " · – " + _md(w["no_result"])]
    if bank.others:
        out += ["", f"## {_md(w['others'])}", "", _md(w["others_intro"]), ""]
        out += [f"- [{_md(o.title)}]({link_for(o.path, o.line, base)}) — {_md(o.path)}:{o.line}"
                for o in bank.others]
    if bank.notes:
        out += ["", f"## {_md(w['notes'])}", ""]
        for note in bank.notes:
            why = "; ".join(f"{d.code} {d.message}" for d in note.diagnostics) or w["no_stories"]
            out.append(f"- {_md(note.path)}: {_md(why)}")
    note = bank.themes.speaking.note.get(language) if bank.themes.speaking.note else ""
    out += ["", "---", "", _md(w["footer"].format(version=__version__) + " " + note)]
    return "\n".join(out) + "\n"


def _md_fix_next(bank: Bank, w: dict[str, str], base: Path) -> list[str]:
    out = [f"## {_md(w['fix'])}", ""]
    todo = bank.fix_next()
    if not todo:
        return out + [_md(w["all_ready"] if bank.stories else w["no_stories"]), ""]
    out += [_md(w["fix_intro"]), ""]
    for n, s in enumerate(todo, 1):
        before, _, after = s.fix().partition("{title}")
        link = f"[{_md(s.title)}]({link_for(s.path, s.line, base)})"
        out.append(f"{n}. {SQUARE[s.readiness]} {_md_piece(before)}{link}{_md_piece(after)} — {_md(s.path)}:{s.line}")
    return out + [""]


# ---------------------------------------------------------------- writing --
class ReportError(Exception):
    """The report cannot be written as asked (exit 2); the message says why."""


def write_report(paths: list[str], config_for: Callable[[Path], Config], output: str | None = None,
                 fmt: str | None = None, themes_path: Path | None = None,
                 stdout: TextIO | None = None) -> tuple[str, Bank]:
    """Build the bank and write the page; returns where it went ("-" for stdout) and the bank.

    Never overwrites a file the user did not name, except an earlier report: without
    `output` the default report.html / report.md must not exist yet or be a report
    (it starts with MARK_LINE).  A named output that is one of the notes files being
    reported on is refused; an earlier report is never read as notes (file discovery
    leaves reports out).
    """
    from ..runtime.files import PathNotFound, collect, is_generated
    from .themes import ThemeError

    if fmt is None:
        fmt = "md" if output and output.lower().endswith((".md", ".markdown")) else "html"
    if fmt not in ("html", "md"):
        raise ReportError(f"unknown report format {fmt!r}; use html or md")
    for raw in paths:
        if raw == "-":
            raise ReportError("report reads files and folders, not standard input")
    dest: Path | None = None
    if output is None:
        dest = Path("report.html" if fmt == "html" else "report.md")
        if dest.exists() and not is_generated(dest):
            raise ReportError(f"{dest} already exists and is not a starlint report; pass -o {dest} to replace "
                              f"it or -o another path")
    elif output != "-":
        dest = Path(output)
        if dest.is_dir():
            raise ReportError(f"{dest} is a folder; name the file to write, e.g. -o {dest / dest.name}.{fmt}")
        if not dest.parent.is_dir():
            raise ReportError(f"cannot write {dest}: folder {dest.parent} does not exist")

    if dest is not None and dest.exists():
        target = dest.resolve()
        try:
            inputs = {p.resolve() for p in collect(paths)}  # (reports are left out)
        except PathNotFound as exc:
            raise ReportError(f"no such file or directory: {exc}") from None
        if target in inputs:
            raise ReportError(f"{dest} is one of the notes files being reported on; choose another output file")

    try:
        themes = load_themes(themes_path)
        bank = build_bank(paths, config_for, themes)
    except PathNotFound as exc:
        raise ReportError(f"no such file or directory: {exc}") from None
    except ThemeError as exc:
        raise ReportError(str(exc)) from None

    first = Path(paths[0]) if paths else Path.cwd() / "notes.md"
    language = bank.language(config_for(first).messages)
    base = dest.parent if dest is not None else Path.cwd()
    text = (render_html if fmt == "html" else render_markdown)(bank, language, base)
    if dest is None:
        (stdout or sys.stdout).write(text)
        return "-", bank
    _write_atomic(dest, text)
    return str(dest), bank


def _write_atomic(dest: Path, text: str) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        if dest.exists():
            os.chmod(tmp, dest.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
