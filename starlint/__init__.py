"""starlint: a linter that makes interview stories land.

    >>> import starlint
    >>> report = starlint.lint_text("## 경험\\n**상황**: …")
    >>> [d.code for d in report.diagnostics]

Only pydantic and the standard library load on import; markdown-it-py loads on
first parse, typer only for the command line.
"""

from __future__ import annotations

from .config import Config
from .engine import lint_paths, lint_text, read_stories
from .models import Diagnostic, FileReport, Report, StoryReport, Summary

__version__ = "0.1.0"

__all__ = ["Config", "Diagnostic", "FileReport", "Report", "StoryReport", "Summary",
           "lint_paths", "lint_text", "read_stories", "__version__"]
