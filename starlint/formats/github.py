"""--format github: one GitHub Actions workflow command per diagnostic (annotations on
the pull request's diff)."""

from __future__ import annotations

from pathlib import PurePath
from typing import TextIO

from ..models import Report
from .base import AtEnd
from .text import safe_text


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


class Writer(AtEnd):
    """The github format in a run: the commands are written at the end, in path order."""

    def write(self, report: Report) -> None:
        write_github(report, self.out)

