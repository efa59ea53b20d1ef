"""The library API: lint text or files and get the pydantic models of the JSON contract.

The engine works on light records (models.py); these functions hand back the
validated pydantic models of schema.py, the same document `--format json` prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import engine
from .config import Config
from .models import Story
from .schema import FileReport, Report


def lint_text(text: str, path: str | None = None, config: Config | None = None) -> FileReport:
    """Lint one notes file's text.  Never raises on odd input: a crash becomes STAR999."""
    return FileReport.from_record(engine.lint_text(text, path, config))


def lint_paths(paths: Iterable[str | Path], config: Config | None = None) -> Report:
    """Lint files and folders.  With no `config`, each file uses its closest config file."""
    return Report.from_record(engine.lint_paths(paths, config))


def read_stories(text: str, path: str = "<text>", config: Config | None = None) -> list[Story]:
    """The stories of a notes file, each unit tagged with its STAR parts and the evidence."""
    return engine.read_stories(text, path, config)


__all__ = ["lint_text", "lint_paths", "read_stories"]
