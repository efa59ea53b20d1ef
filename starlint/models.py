"""The data that flows through the pipeline.

parse → Document (sections, blocks, text lines)
segment → Story (title, units of text)
classify → Story.units tagged with STAR parts and the evidence for each
check → Diagnostic
report → FileReport / Report (what ``--format json`` prints)

These are plain classes with ``__slots__``, not pydantic models: a 2,000-file run
builds about a million of them and sets their fields as it reads, and a model's
validation and ``__setattr__`` cost several times the whole reading (a slotted
object is built in a fifth of the time and takes a third of the memory).  The
JSON contract itself is the pydantic models in ``schema.py``, which the public API
returns and the tests hold the command line's JSON to.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from .records import Record

Part = Literal["situation", "task", "action", "result"]
PARTS: tuple[Part, ...] = ("situation", "task", "action", "result")
Severity = Literal["error", "warning", "info"]
Language = Literal["ko", "en"]


# ---------------------------------------------------------------- parse ----
class TextLine(Record):
    """One source line of prose or of a list item, stripped of Markdown."""

    __slots__ = ("line", "text", "plain")

    def __init__(self, line: int, text: str, plain: str) -> None:
        self.line = line  # 1-based
        self.text = text  # plain text; inline code kept (for display)
        self.plain = plain  # plain text with inline code blanked out (for reading)


class Item(Record):
    """A list item: its own lines and its nested items."""

    __slots__ = ("line", "end_line", "lines", "children", "ordered")

    def __init__(self, line: int, end_line: int, lines: list[TextLine] | None = None,
                 children: list[Item] | None = None, ordered: bool = False) -> None:
        self.line = line
        self.end_line = end_line
        self.lines = [] if lines is None else lines
        self.children = [] if children is None else children
        self.ordered = ordered


class Block(Record):
    __slots__ = ("kind", "line", "end_line", "lines", "items", "rows")

    def __init__(self, kind: Literal["paragraph", "list", "table", "other"], line: int, end_line: int,
                 lines: list[TextLine] | None = None, items: list[Item] | None = None,
                 rows: list[list[TextLine]] | None = None) -> None:
        self.kind = kind
        self.line = line
        self.end_line = end_line
        self.lines = [] if lines is None else lines  # paragraph
        self.items = [] if items is None else items  # list
        # table: its rows (the header row first), each a list of cells, a cell one line of text
        self.rows = [] if rows is None else rows


class Section(Record):
    __slots__ = ("level", "line", "end_line", "title", "title_plain", "blocks", "children")

    def __init__(self, level: int, line: int, end_line: int, title: str, title_plain: str = "",
                 blocks: list[Block] | None = None, children: list[Section] | None = None) -> None:
        self.level = level  # 0 for the text before the first heading
        self.line = line  # heading line (0 for the root)
        self.end_line = end_line
        self.title = title
        self.title_plain = title_plain
        self.blocks = [] if blocks is None else blocks
        self.children = [] if children is None else children


class Comment(Record):
    """An HTML comment: never story text, but it may carry directives."""

    __slots__ = ("line", "end_line", "text", "inline")

    def __init__(self, line: int, end_line: int, text: str, inline: bool = False) -> None:
        self.line = line
        self.end_line = end_line
        self.text = text
        self.inline = inline


class Document(Record):
    __slots__ = ("path", "source_lines", "root", "comments", "too_deep", "front_matter")

    def __init__(self, path: str, source_lines: list[str], root: Section, comments: list[Comment] | None = None,
                 too_deep: tuple[int, int] | None = None) -> None:
        self.path = path
        self.source_lines = source_lines
        self.root = root
        self.comments = [] if comments is None else comments
        # first and last line of a list or quote nested too deep to read (parse.MAX_NESTING)
        self.too_deep = too_deep
        # the file's starlint front matter (frameworks.FrontMatter), read once by the engine
        self.front_matter = None


# -------------------------------------------------------------- stories ----
class Evidence(NamedTuple):
    """Why a unit got (or did not get) a part."""

    part: Part | Literal["pending", "quantity", "none"]
    how: Literal["label", "heading-label", "inherited", "cue", "position", "quantity", "parent", "pending"]
    detail: str


class Unit(Record):
    """A sentence or bullet of a story, the smallest thing that gets a part."""

    __slots__ = ("line", "text", "plain", "depth", "parent", "line_start", "in_paragraph", "label", "label_text",
                 "content", "inherited", "parts", "evidence", "_quantities", "_quantities_from")
    _public = ("line", "text", "plain", "depth", "parent", "line_start", "in_paragraph", "label", "label_text",
               "content", "inherited", "parts", "evidence", "quantities")

    def __init__(self, line: int, text: str, plain: str, depth: int = 0, parent: int | None = None,
                 line_start: bool = True, in_paragraph: bool = False, label: str | None = None,
                 label_text: str | None = None, content: str = "", inherited: str | None = None) -> None:
        self.line = line
        self.text = text
        self.plain = plain
        self.depth = depth
        self.parent = parent  # index of the parent unit (nested bullets)
        self.line_start = line_start  # first sentence of its line (only those can carry a label)
        self.in_paragraph = in_paragraph  # prose paragraph (labels carry over to the next lines)
        self.label = label  # label kind found at the start ("situation", "problem", …)
        self.label_text = label_text  # the label as written
        self.content = content  # plain text after the label
        self.inherited = inherited  # label kind inherited from a heading/paragraph/parent label
        self.parts: list[Part] = []
        self.evidence: list[Evidence] = []
        self._quantities: list[str] | None = []
        self._quantities_from: tuple | None = None

    @property
    def quantities(self) -> list[str]:
        """The measurable figures in the unit's text ("62% → 81%", "10위")."""
        found = self._quantities
        if found is None:  # read on first use (see read_quantities_later)
            matcher, text = self._quantities_from  # type: ignore[misc]
            found = self._quantities = [q.text.strip() for q in matcher.find(text)]
        return found

    @quantities.setter
    def quantities(self, value: list[str]) -> None:
        self._quantities = value

    def read_quantities_later(self, matcher, text: str) -> None:
        """Find the figures in `text` only if someone asks: a line labelled Situation or
        Action is read for them only by a rule that looks (most never do)."""
        self._quantities = None
        self._quantities_from = (matcher, text)


class Story(Record):
    __slots__ = ("title", "line", "end_line", "shape", "language", "units", "kind", "kind_why")

    def __init__(self, title: str, line: int, end_line: int,
                 shape: Literal["heading", "label-headings", "bullet"], language: Language = "en",
                 units: list[Unit] | None = None) -> None:
        self.title = title
        self.line = line
        self.end_line = end_line
        self.shape = shape  # how the notes wrote it: a heading section, label sub-headings, a bullet
        self.language = language
        self.units = [] if units is None else units
        # what kind of answer it is (reading/kinds.py): "experience" or "other", and why
        self.kind: Literal["experience", "other"] = "experience"
        self.kind_why = ""

    def part_lines(self) -> dict[str, list[int]]:
        found: dict[str, set[int]] = {}
        for u in self.units:
            for part in u.parts:
                found.setdefault(part, set()).add(u.line)
        return {part: sorted(found[part]) for part in PARTS if part in found}

    def quantified(self) -> bool | None:
        results = [u for u in self.units if "result" in u.parts]
        if not results:
            return None
        return any(u.quantities for u in results)


# --------------------------------------------------------------- report ----
class Diagnostic(Record):
    __slots__ = ("code", "name", "severity", "line", "column", "message", "story_line", "end_line")

    def __init__(self, code: str, name: str, severity: Severity, line: int, column: int = 1, message: str = "",
                 story_line: int | None = None, end_line: int | None = None) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
        self.story_line = story_line
        self.end_line = end_line


def stories_language(stories: list[Story]) -> str:
    """The language most of `stories` are in ("en" on a tie or with none)."""
    ko = sum(1 for s in stories if s.language == "ko")
    return "ko" if ko * 2 > len(stories) else "en"


class StoryReport(Record):
    __slots__ = ("title", "line", "end_line", "parts", "quantified", "language", "kind")

    def __init__(self, title: str, line: int, end_line: int, parts: dict[str, list[int]], quantified: bool | None,
                 language: Language, kind: Literal["experience", "other"] = "experience") -> None:
        self.title = title
        self.line = line
        self.end_line = end_line
        self.parts = parts
        self.quantified = quantified
        self.language = language
        self.kind = kind


class FileReport(Record):
    __slots__ = ("path", "stories", "diagnostics", "talking_points")

    def __init__(self, path: str, stories: list[StoryReport] | None = None,
                 diagnostics: list[Diagnostic] | None = None, talking_points: int = 0) -> None:
        self.path = path
        self.stories = [] if stories is None else stories
        self.diagnostics = [] if diagnostics is None else diagnostics
        # flat items beside item stories (SPEC rule 3): read, and rightly not stories
        self.talking_points = talking_points


class Summary(Record):
    __slots__ = ("files", "stories", "other_answers", "talking_points", "errors", "warnings", "info")

    def __init__(self, files: int = 0, stories: int = 0, other_answers: int = 0, errors: int = 0, warnings: int = 0,
                 info: int = 0, talking_points: int = 0) -> None:
        self.files = files
        self.stories = stories  # every story found, of either kind (SPEC's JSON)
        self.other_answers = other_answers  # of those, the ones read as kind "other"
        self.talking_points = talking_points  # flat items read as no story
        self.errors = errors
        self.warnings = warnings
        self.info = info

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.stories += len(report.stories)
        self.other_answers += sum(1 for s in report.stories if s.kind == "other")
        self.talking_points += getattr(report, "talking_points", 0)
        for d in report.diagnostics:
            if d.severity == "error":
                self.errors += 1
            elif d.severity == "warning":
                self.warnings += 1
            else:
                self.info += 1


class Report(Record):
    __slots__ = ("version", "files", "summary")

    def __init__(self, files: list[FileReport] | None = None, summary: Summary | None = None, version: int = 1) -> None:
        self.version = version
        self.files = [] if files is None else files
        self.summary = Summary() if summary is None else summary

    @classmethod
    def from_files(cls, files: list[FileReport]) -> Report:
        summary = Summary()
        for f in files:
            summary.add(f)
        return cls(files=files, summary=summary)
