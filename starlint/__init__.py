"""starlint: a linter that makes interview stories land.

    >>> import starlint
    >>> report = starlint.lint_text("## 경험\\n**상황**: …")
    >>> [d.code for d in report.diagnostics]

``import starlint`` loads nothing but this file: each name below is imported on
first use (PEP 562), so a pre-commit hook or a script pays only for what it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module it lives in
_LAZY = {
    "Config": "config",
    "lint_text": "api", "lint_paths": "api", "read_stories": "api",
    "Diagnostic": "schema", "FileReport": "schema", "Report": "schema", "StoryReport": "schema", "Summary": "schema",
}

__all__ = ["Config", "Diagnostic", "FileReport", "Report", "StoryReport", "Summary",
           "lint_paths", "lint_text", "read_stories", "__version__"]

if TYPE_CHECKING:
    from .api import lint_paths, lint_text, read_stories
    from .config import Config
    from .schema import Diagnostic, FileReport, Report, StoryReport, Summary


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'starlint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
