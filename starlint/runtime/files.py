"""Finding the notes files to lint and reading them safely."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..models import Diagnostic

MARKDOWN_SUFFIXES = (".md", ".markdown")


class PathNotFound(Exception):
    pass


def collect(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and *.md / *.markdown under directories (hidden folders skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            raise PathNotFound(str(path))


def _walk(root: Path) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    # A folder that cannot be listed is yielded itself, so it is reported (STAR901),
    # not silently skipped.
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=True):
        while errors:
            failed = errors.pop(0)
            yield Path(failed.filename) if failed.filename else Path(folder)
        try:
            st = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop: been here
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                yield Path(folder) / name
    for failed in errors:
        yield Path(failed.filename) if failed.filename else root


def read_file(path: Path) -> tuple[str, Diagnostic | None]:
    """The file's text, or a STAR9xx diagnostic saying why it could not be read."""
    data, problem = read_bytes(path)
    if problem is not None:
        return "", problem
    return decode(data)


def read_bytes(path: Path) -> tuple[bytes, Diagnostic | None]:
    """The file's bytes, or a STAR901 diagnostic saying why it could not be read."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):  # a folder that could not be listed
            os.listdir(path)  # raises why (Permission denied)
            return b"", _file_problem("STAR901", "unreadable-file", "cannot read this folder")
        if not stat.S_ISREG(mode):  # a pipe or a device would block or never end
            return b"", _file_problem("STAR901", "unreadable-file",
                                     "not a regular file (a pipe, socket or device); starlint reads files only")
        data = path.read_bytes()
    except OSError as exc:
        what = "folder" if path.is_dir() else "file"
        return b"", _file_problem("STAR901", "unreadable-file", f"cannot read this {what}: {exc.strerror or exc}")
    return data, None


def decode(data: bytes) -> tuple[str, Diagnostic | None]:
    """UTF-8 (with or without a BOM); UTF-16 or UTF-32 when a BOM says so."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32"), None
        except UnicodeDecodeError:
            pass
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        return "", _file_problem("STAR903", "binary-file", "this looks like a binary file (it has NUL bytes), not Markdown text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", _file_problem("STAR902", "not-utf8",
                                 f"not valid UTF-8 (byte {exc.start}, line {line}); save the file as UTF-8", line)


def _file_problem(code: str, name: str, message: str, line: int = 1) -> Diagnostic:
    return Diagnostic(code=code, name=name, severity="error", line=line, column=1, message=message, story_line=None)
