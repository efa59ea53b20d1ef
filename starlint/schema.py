"""The JSON contract (SPEC "starlint check --format json") as pydantic models.

The public API (`starlint.lint_text`, `starlint.lint_paths`) returns these, and the
tests hold the command line's JSON to them (``Report.model_validate_json`` of what
``--format json`` prints gives back the same document).  The pipeline itself runs on
the slotted records of ``models.py``; ``from_record`` turns one into the other.
Importing this module builds no validator: that happens on first use.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import models
from .models import Language, Severity


class _Model(BaseModel):
    # built on first use, not at import: the command line never needs these
    model_config = ConfigDict(defer_build=True)


class Diagnostic(_Model):
    code: str
    name: str
    severity: Severity
    line: int
    column: int = 1
    message: str
    story_line: int | None = None
    end_line: int | None = None


class StoryReport(_Model):
    title: str
    line: int
    end_line: int
    parts: dict[str, list[int]]
    quantified: bool | None
    language: Language
    kind: Literal["experience", "other"] = "experience"


class FileReport(_Model):
    path: str
    stories: list[StoryReport] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    # counted into the summary; not part of a file's JSON object (SPEC)
    talking_points: int = Field(default=0, exclude=True)

    @classmethod
    def from_record(cls, record: models.FileReport) -> FileReport:
        return cls.model_validate(record.to_dict())


class Summary(_Model):
    files: int = 0
    stories: int = 0
    other_answers: int = 0
    talking_points: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0


class Report(_Model):
    version: int = 1
    files: list[FileReport] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)

    @classmethod
    def from_files(cls, files: list[FileReport]) -> Report:
        summary = models.Summary()
        for f in files:
            summary.add(f)  # type: ignore[arg-type]  # reads .stories and .diagnostics only
        return cls(files=files, summary=Summary(**summary.to_dict()))

    @classmethod
    def from_record(cls, record: models.Report) -> Report:
        return cls.model_validate(record.to_dict())
