"""report: the output formats of `starlint check`, one module each, behind one registry.

A format module has a ``Writer(out, options)`` with ``file(report)``, called for each
file in path order as it is linted, and ``finish(summary)``, called once at the end.
A streaming format writes in ``file``; the others keep the files and write in
``finish``.  A new format is a module here and a line in FORMATS.  Modules are
imported only when their format is asked for (SARIF's pydantic models cost start-up).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, TextIO

from .base import Options

# format name -> module in this package
FORMATS: dict[str, str] = {
    "text": "text",  # for people (the default)
    "json": "json",  # for scripts: the SPEC document
    "sarif": "sarif",  # SARIF 2.1.0, for code-scanning UIs
    "github": "github",  # GitHub Actions annotations
}
NAMES: tuple[str, ...] = tuple(FORMATS)


def writer(name: str, out: TextIO, options: Options) -> Any:
    """The Writer of format `name`, writing to `out`."""
    return import_module(f".{FORMATS[name]}", __name__).Writer(out, options)


__all__ = ["FORMATS", "NAMES", "Options", "writer"]
