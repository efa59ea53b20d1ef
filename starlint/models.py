"""The data that flows through the pipeline, as pydantic models.

parse → Document (sections, blocks, text lines)
segment → Story (title, units of text)
classify → Story.units tagged with STAR parts and the evidence for each
check → Diagnostic
report → FileReport / Report (exactly what ``--format json`` prints)
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

Part = Literal["situation", "task", "action", "result"]
PARTS: tuple[Part, ...] = ("situation", "task", "action", "result")
Severity = Literal["error", "warning", "info"]
Language = Literal["ko", "en"]


class _Model(BaseModel):
    # Validators are built when a model is first used, not at import: a run that reads
    # every result from the cache never builds the parse/story models at all.
    model_config = ConfigDict(defer_build=True)


# ---------------------------------------------------------------- parse ----
class TextLine(_Model):
    """One source line of prose or of a list item, stripped of Markdown."""

    line: int  # 1-based
    text: str  # plain text; inline code kept (for display)
    plain: str  # plain text with inline code blanked out (for reading)


class Item(_Model):
    """A list item: its own lines and its nested items."""

    line: int
    end_line: int
    lines: list[TextLine] = Field(default_factory=list)
    children: list["Item"] = Field(default_factory=list)
    ordered: bool = False


class Block(_Model):
    kind: Literal["paragraph", "list", "other"]
    line: int
    end_line: int
    lines: list[TextLine] = Field(default_factory=list)  # paragraph
    items: list[Item] = Field(default_factory=list)  # list


class Section(_Model):
    level: int  # 0 for the text before the first heading
    line: int  # heading line (0 for the root)
    end_line: int
    title: str
    title_plain: str = ""
    blocks: list[Block] = Field(default_factory=list)
    children: list["Section"] = Field(default_factory=list)


class Comment(_Model):
    """An HTML comment: never story text, but it may carry directives."""

    line: int
    end_line: int
    text: str
    inline: bool = False


class Document(_Model):
    path: str
    source_lines: list[str]
    root: Section
    comments: list[Comment] = Field(default_factory=list)
    # first and last line of a list or quote nested too deep to read (parse.MAX_NESTING)
    too_deep: tuple[int, int] | None = None


# -------------------------------------------------------------- stories ----
class Evidence(NamedTuple):
    """Why a unit got (or did not get) a part.  A named tuple, not a model: a 20 MB
    file has hundreds of thousands of these, and a tuple takes a tenth of the memory."""

    part: Part | Literal["pending", "quantity", "none"]
    how: Literal["label", "heading-label", "inherited", "cue", "position", "quantity", "parent", "pending"]
    detail: str


class Unit(_Model):
    """A sentence or bullet of a story, the smallest thing that gets a part."""

    line: int
    text: str
    plain: str
    depth: int = 0
    parent: int | None = None  # index of the parent unit (nested bullets)
    line_start: bool = True  # first sentence of its line (only those can carry a label)
    in_paragraph: bool = False  # prose paragraph (labels carry over to the next lines)
    label: str | None = None  # label kind found at the start ("situation", "problem", …)
    label_text: str | None = None  # the label as written
    content: str = ""  # plain text after the label
    inherited: str | None = None  # label kind inherited from a heading/paragraph/parent label
    parts: list[Part] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    quantities: list[str] = Field(default_factory=list)


class Story(_Model):
    title: str
    line: int
    end_line: int
    kind: Literal["heading", "label-headings", "bullet"]
    language: Language = "en"
    units: list[Unit] = Field(default_factory=list)

    def part_lines(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for part in PARTS:
            lines = sorted({u.line for u in self.units if part in u.parts})
            if lines:
                out[part] = lines
        return out

    def quantified(self) -> bool | None:
        if not any("result" in u.parts for u in self.units):
            return None
        return any(u.quantities for u in self.units if "result" in u.parts)


# --------------------------------------------------------------- report ----
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


class FileReport(_Model):
    path: str
    stories: list[StoryReport] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)


class Summary(_Model):
    files: int = 0
    stories: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0


class Report(_Model):
    model_config = ConfigDict(populate_by_name=True)

    version: int = 1
    files: list[FileReport] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)

    @classmethod
    def from_files(cls, files: list[FileReport]) -> "Report":
        summary = Summary(files=len(files))
        for f in files:
            summary.stories += len(f.stories)
            for d in f.diagnostics:
                if d.severity == "error":
                    summary.errors += 1
                elif d.severity == "warning":
                    summary.warnings += 1
                else:
                    summary.info += 1
        return cls(files=files, summary=summary)
