"""--format text, the default: a line per diagnostic a person can scan, and the
summary of what was read."""

from __future__ import annotations

import re
from typing import TextIO

from ..columns import columns, shorten
from ..models import Report
from .base import Options

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


# A diagnostic line aims to fit this many terminal columns (a Hangul syllable takes two):
# the story's title gets what the rest of the line leaves, down to _TITLE_MIN.
LINE_COLUMNS = 120
_NUMBERING = re.compile(r"^\s*\d{1,3}[.)]\s+")
_TITLE_MAX, _TITLE_MIN = 24, 8


def diagnostic_line(path: str, d, title: str | None, story_span: str | None) -> tuple[str, str, str]:
    """The pieces of one text line besides its severity and message: where, code and
    name, and the story.

    ``path:line:col: severity CODE name [story] message``: the place first (editors and
    terminals make it a link), the severity as a word (colour is not always there), the
    rule's code and name, the story (its title, shortened to fit, or its line span), and
    the short message.
    """
    where = f"{path}:{d.line}:{d.column}:"
    rule = f"{d.code} {d.name}"
    fixed = columns(where) + len(d.severity) + len(rule) + columns(d.message) + 4
    story = ""
    if title:
        room = min(_TITLE_MAX, LINE_COLUMNS - fixed - 2)
        if room >= _TITLE_MIN:
            story = f"[{shorten(title, room)}]"
    if not story and story_span:  # too little room for words: the span still says which story
        story = f"[{story_span}]"
    return where, rule, story


def write_text(report: Report, out: TextIO, colour: bool = False, quiet: bool = False) -> None:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    for f in report.files:
        if not f.diagnostics:
            continue
        stories = {s.line: s for s in f.stories}
        path = safe_text(f.path)
        for d in f.diagnostics:
            story = stories.get(d.story_line) if d.story_line is not None else None
            # a list number ("3. ") says nothing about the story: the room goes to its words
            title = safe_text(_NUMBERING.sub("", story.title)) if story is not None else None
            span = f"{story.line}-{story.end_line}" if story is not None else None
            where, rule, shown = diagnostic_line(path, d, title, span)
            line = f"{paint(where, _BOLD)} {paint(d.severity, _COLOURS.get(d.severity, ''))} {rule}"
            if shown:
                line += " " + paint(shown, _DIM)
            out.write(f"{line} {safe_text(d.message)}\n")
        out.write("\n")
    if quiet:
        return
    out.write(summary_line(report.summary, paint) + "\n")


def safe_text(text: str, keep: str = "") -> str:
    """`text` with control characters shown as escapes (ESC as ``\x1b``), so a title or
    file name cannot move the cursor, retitle or clear the terminal.  Characters in
    `keep` stay as they are."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " or ch in keep
                   else ch.encode("unicode_escape", "backslashreplace").decode("ascii") for ch in text)


def write_statistics(report_counts: dict[tuple[str, str], int], out: TextIO) -> None:
    """``--statistics``: one line per code, most frequent first, as ruff prints them."""
    ordered = sorted(report_counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for n in report_counts.values()), default=1)
    for (code, name), n in ordered:
        out.write(f"{n:>{width}}\t{code}\t{name}\n")


def write_explain(code: str, language: str, out: TextIO) -> None:
    """``--explain``: a code's long advice, in `language` where the rule has it."""
    from ..checks import find_rule

    rule = find_rule(code)
    if rule is None:
        return
    advice = (rule.advice or {}).get(language) or (rule.advice or {}).get("en") or rule.summary
    out.write(f"{code} {rule.name}: {advice}\n")


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(s, paint=lambda text, code: text) -> str:
    """The last line of a text run: what was read and what was found.  It never says
    "All good" when no story was found: silence there would hide a reading problem."""
    experience = s.stories - s.other_answers
    read = _n(experience, "story", "stories")
    if s.other_answers:
        read += f", {_n(s.other_answers, 'other answer', 'other answers')}"
    if s.talking_points:
        read += f", {_n(s.talking_points, 'talking point', 'talking points')}"
    files = _n(s.files, "file", "files")
    if s.errors or s.warnings or s.info:
        counts = ", ".join(_n(n, one, many)
                           for n, one, many in ((s.errors, "error", "errors"), (s.warnings, "warning", "warnings"),
                                                (s.info, "info", "info"))
                           if n)
        return paint(f"Found {counts} in {files} ({read}).", _BOLD)
    if not experience:
        return (f"No story found in {files} ({read}). If these notes hold stories, "
                "`starlint inspect FILE` shows how they were read.")
    return f"All good: {read} in {files}, nothing to fix."


class Writer:
    """The text format in a run: each file's lines as soon as it is linted; then the
    counts per rule (--statistics), each rule's advice (--explain) and the summary."""

    def __init__(self, out: TextIO, options: Options) -> None:
        self.out, self.options = out, options
        self.counts: dict[tuple[str, str], int] = {}  # (code, name) -> diagnostics
        self.languages: dict[str, dict[str, int]] = {}  # code -> message language -> count

    def file(self, f) -> None:
        if self.options.statistics or self.options.explain:  # (counted only when asked for)
            for d in f.diagnostics:
                self.counts[(d.code, d.name)] = self.counts.get((d.code, d.name), 0) + 1
                if self.options.explain:
                    said = self.languages.setdefault(d.code, {})
                    lang = "ko" if any("\uac00" <= ch <= "\ud7a3" for ch in d.message) else "en"
                    said[lang] = said.get(lang, 0) + 1
        if f.diagnostics:
            self.options.before_output()
            write_text(Report(files=[f]), self.out, colour=self.options.colour, quiet=True)
            self.out.flush()

    def finish(self, summary) -> None:
        if self.options.statistics and self.counts:
            write_statistics(self.counts, self.out)
            self.out.write("\n")
        if self.options.explain and self.counts:
            for code, _name in sorted(self.counts):
                said = self.languages.get(code, {})
                write_explain(code, "ko" if said.get("ko", 0) > said.get("en", 0) else "en", self.out)
            self.out.write("\n")
        if not self.options.quiet:  # the summary alone: the files were written above
            write_text(Report(files=[], summary=summary), self.out, colour=self.options.colour)

