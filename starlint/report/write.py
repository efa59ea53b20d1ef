"""Writing the report: where it goes (never over a file of yours), in which format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..config import Config
from .bank import Bank, build_bank
from .html import render_html
from .markdown import render_markdown
from .themes import load_themes


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

