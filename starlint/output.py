"""report: Report → text (for people), JSON (for scripts, exactly as SPEC) or GitHub
Actions workflow commands (annotations).  SARIF lives in sarif.py."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TextIO

from .columns import columns, shorten
from .models import Report, Story

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def write_json(report: Report, out: TextIO) -> None:
    """The SPEC document, laid out as ``json.dumps(indent=2, ensure_ascii=False)`` lays it out."""
    writer = JsonWriter(out)
    for f in report.files:
        writer.file(f)
    writer.finish(report.summary)


class JsonWriter:
    """Writes the JSON document a file at a time (the summary last), so a long run streams.

    The schema is fixed, so each object is one f-string with its strings escaped by
    json's C encoder: the same text as json.dumps(indent=2), several times faster than
    its pure-Python indenting encoder.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0
        out.write('{\n  "version": 1,\n  "files": [')

    def file(self, f) -> None:
        s = _json_string
        out = self.out
        out.write(",\n    {\n" if self.count else "\n    {\n")
        self.count += 1
        out.write(f'      "path": {s(f.path)},\n      "stories": ')
        if f.stories:
            out.write("[\n" + ",\n".join(map(_json_story, f.stories)) + "\n      ],\n")
        else:
            out.write("[],\n")
        out.write('      "diagnostics": ')
        if f.diagnostics:
            out.write("[\n" + ",\n".join(map(_json_diagnostic, f.diagnostics)) + "\n      ]\n    }")
        else:
            out.write("[]\n    }")

    def finish(self, summary) -> None:
        self.out.write(("\n  ],\n" if self.count else "],\n") +
                       f'  "summary": {{\n    "files": {summary.files},\n    "stories": {summary.stories},\n'
                       f'    "other_answers": {summary.other_answers},\n    "talking_points": {summary.talking_points},\n    "errors": {summary.errors},\n    "warnings": {summary.warnings},\n'
                       f'    "info": {summary.info}\n  }}\n}}\n')


def _json_string(text: str) -> str:
    from json.encoder import encode_basestring  # the C encoder, as ensure_ascii=False uses

    global _json_string
    _json_string = encode_basestring
    return encode_basestring(text)


def _json_value(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _json_story(story) -> str:
    s = _json_string
    if story.parts:
        parts = ",\n".join(f'            {s(k)}: [\n' + ",\n".join(f"              {n}" for n in v) + "\n            ]"
                            if v else f"            {s(k)}: []" for k, v in story.parts.items())
        parts = "{\n" + parts + "\n          }"
    else:
        parts = "{}"
    return (f'        {{\n          "title": {s(story.title)},\n          "line": {story.line},\n'
            f'          "end_line": {story.end_line},\n          "parts": {parts},\n'
            f'          "quantified": {_json_value(story.quantified)},\n          "language": {s(story.language)},\n'
            f'          "kind": {s(story.kind)}\n        }}')


def _json_diagnostic(d) -> str:
    s = _json_string
    return (f'        {{\n          "code": {s(d.code)},\n          "name": {s(d.name)},\n'
            f'          "severity": {s(d.severity)},\n          "line": {d.line},\n          "column": {d.column},\n'
            f'          "message": {s(d.message)},\n          "story_line": {_json_value(d.story_line)},\n'
            f'          "end_line": {_json_value(d.end_line)}\n        }}')


_GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _github_data(text: str) -> str:
    """Escape a workflow command's message (what follows the second ``::``); other
    control characters are shown as escapes, as in the text output."""
    return safe_text(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """Escape a workflow command's property value: data escapes, plus ``:`` and ``,``."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(report: Report, out: TextIO) -> None:
    """One GitHub Actions workflow command per diagnostic (annotations on the PR diff)."""
    for f in report.files:
        path = PurePath(f.path).as_posix()
        for d in f.diagnostics:
            props = [("file", path), ("line", str(d.line)), ("col", str(d.column))]
            if d.end_line is not None and d.end_line >= d.line:
                props.append(("endLine", str(d.end_line)))
            props.append(("title", f"{d.code} {d.name}"))
            joined = ",".join(f"{key}={_github_property(value)}" for key, value in props)
            out.write(f"::{_GITHUB_COMMANDS.get(d.severity, 'error')} {joined}::{_github_data(d.message)}\n")


# A diagnostic line aims to fit this many terminal columns (a Hangul syllable takes two):
# the story's title gets what the rest of the line leaves, down to _TITLE_MIN.
LINE_COLUMNS = 120
_NUMBERING = re.compile(r"^\s*\d{1,3}[.)]\s+")
_TITLE_MAX, _TITLE_MIN = 24, 8


def diagnostic_line(path: str, d, title: str | None, story_span: str | None) -> tuple[str, str, str, str, str]:
    """The pieces of one text line: where, severity, code and name, story, message.

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
    return where, d.severity, rule, story, d.message


def write_text(report: Report, out: TextIO, colour: bool = False, quiet: bool = False) -> None:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    for f in report.files:
        if not f.diagnostics:
            continue
        stories = {s.line: s for s in f.stories}
        for d in f.diagnostics:
            story = stories.get(d.story_line) if d.story_line is not None else None
            # a list number ("3. ") says nothing about the story: the room goes to its words
            title = safe_text(_NUMBERING.sub("", story.title)) if story is not None else None
            span = f"{story.line}-{story.end_line}" if story is not None else None
            where, severity, rule, shown, message = diagnostic_line(safe_text(f.path), d, title, span)
            line = f"{paint(where, _BOLD)} {paint(severity, _COLOURS.get(severity, ''))} {rule}"
            if shown:
                line += " " + paint(shown, _DIM)
            out.write(f"{line} {safe_text(message)}\n")
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


def write_explain(codes: list[str], language: str, out: TextIO) -> None:
    """``--explain``: each code's long advice once, after the diagnostics."""
    from .checks import RULES

    by_code = {rule.code: rule for rule in RULES}
    for code in codes:
        rule = by_code.get(code)
        if rule is None:
            continue
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


_TAGS = {"situation": "S", "task": "T", "action": "A", "result": "R"}


def write_inspect(path: str, stories: list[Story], out: TextIO, colour: bool = False) -> None:
    """Every story, every unit tagged S/T/A/R with the evidence that decided it."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    if not stories:
        out.write(f"{safe_text(path)}: no stories found\n")
    for story in stories:
        parts = story.part_lines()
        q = story.quantified()
        status = " ".join(_TAGS[p] if p in parts else "-" for p in _TAGS)
        quant = {True: "quantified", False: "not quantified", None: "no result"}[q]
        out.write(paint(f"{safe_text(path)}:{story.line}-{story.end_line} {safe_text(story.title)}", _BOLD) +
                  f"  [{status}] {quant} ({story.shape} story, {story.language})\n")
        # what the story was read as, and why: an "other" answer gets no STAR checks
        checked = "" if story.kind == "experience" else ", no STAR checks"
        out.write(paint(f"{'':>7}kind: {story.kind}{checked}: {safe_text(story.kind_why)}\n", _DIM))
        for unit in story.units:
            tags = "".join(_TAGS[p] for p in unit.parts) or "·"
            indent = "  " * unit.depth
            text = safe_text(unit.text if len(unit.text) <= 70 else unit.text[:67] + "…")
            out.write(f"  {unit.line:>4} {tags:<3} {indent}{text}\n")
            for ev in unit.evidence:
                out.write(paint(f"{'':>10}{indent}↳ {ev.part}: {ev.how} {safe_text(ev.detail)}\n", _DIM))
            if unit.quantities and "result" in unit.parts:
                out.write(paint(f"{'':>10}{indent}↳ measured: {safe_text(', '.join(unit.quantities))}\n", _DIM))
        out.write("\n")
