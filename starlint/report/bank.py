"""``starlint report``, the model: the whole answer bank as data.

build_bank() lints the files like ``check`` does and keeps, for every story, its
STAR parts, whether the Result is measured, its diagnostics, the behavioural
themes it covers and how long it takes to tell; fix_text() says what a story needs
next.  The pages are made from a Bank by html.py (one self-contained page: inline
CSS and SVG, no scripts, nothing fetched) and markdown.py (renders on GitHub);
write.py writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..config import Config
from ..models import PARTS, Language, Part
from ..runtime.files import REPORT_MARKER
from ..schema import Diagnostic
from .themes import ThemeData, load_themes, speaking_seconds, tag_story

# The first line of every report, so a later run can tell a report from a notes file:
# `check` and file discovery skip a file that starts with it (runtime/files.py).
MARKER = REPORT_MARKER
MARK_LINE = f"<!-- {MARKER}; starlint check skips this file -->"

Readiness = Literal["ready", "unmeasured", "missing-one", "missing-more"]
READINESS: tuple[Readiness, ...] = ("ready", "unmeasured", "missing-one", "missing-more")
# Fill colours for the chart and row edges (GitHub's Primer palette, readable on white).
FILL = {"ready": "#2da44e", "unmeasured": "#d4a72c", "missing-one": "#e16f24", "missing-more": "#cf222e"}
SQUARE = {"ready": "🟩", "unmeasured": "🟨", "missing-one": "🟧", "missing-more": "🟥"}


class BankStory(BaseModel):
    path: str
    title: str
    line: int
    end_line: int
    language: Language
    parts: dict[str, list[int]]
    quantified: bool | None
    seconds: int
    themes: list[str]
    diagnostics: list[Diagnostic] = []
    speaks: Language = "en"  # the language to tell the writer what to do in: the story's, or --messages

    @property
    def missing(self) -> list[Part]:
        return [p for p in PARTS if p not in self.parts]

    @property
    def unmeasured(self) -> bool:
        """It has a Result, and nothing in it is measured."""
        return "result" in self.parts and self.quantified is False

    @property
    def distance(self) -> tuple[int, int]:
        """How far it is from ready: the parts still to write, then a Result to measure
        (a figure is less work than a part)."""
        return len(self.missing), int(self.unmeasured)

    def fix(self) -> str:
        """What it lacks, as one instruction in the story's language, with `{title}`
        where its title goes ("Add a Result to {title}", "{title}에 결과를 추가하세요")."""
        return fix_text(self.missing, self.unmeasured, self.speaks)

    @property
    def readiness(self) -> Readiness:
        missing = len(self.missing)
        if missing == 0:
            return "ready" if self.quantified else "unmeasured"
        return "missing-one" if missing == 1 else "missing-more"


class OtherAnswer(BaseModel):
    """A section read as another kind of answer (motivation, self-introduction, a plan...):
    listed apart, since STAR does not apply to it and it is not an unready story."""

    path: str
    title: str
    line: int
    language: Language
    diagnostics: list[Diagnostic] = []  # checks other than STAR's may still have something to say


class FileNote(BaseModel):
    """What a file gave besides stories: nothing (unreadable, or no story in it) or
    diagnostics that belong to no story (an unused suppression comment)."""

    path: str
    diagnostics: list[Diagnostic] = []


class Bank(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)  # themes: a record of the themes file

    stories: list[BankStory] = []
    others: list[OtherAnswer] = []
    files: list[str] = []
    notes: list[FileNote] = []
    errors: int = 0
    warnings: int = 0
    info: int = 0
    themes: ThemeData

    def count(self, readiness: Readiness) -> int:
        return sum(1 for s in self.stories if s.readiness == readiness)

    def theme_stories(self, theme_id: str) -> list[BankStory]:
        return [s for s in self.stories if theme_id in s.themes]

    def theme_coverage(self, theme_id: str) -> tuple[int, int]:
        """(ready stories, stories in progress) with the theme: only a ready story covers it."""
        tagged = self.theme_stories(theme_id)
        ready = sum(1 for s in tagged if s.readiness == "ready")
        return ready, len(tagged) - ready

    def fix_next(self) -> list[BankStory]:
        """The stories that are not ready, closest to ready first (in notes order on a tie)."""
        return sorted((s for s in self.stories if s.readiness != "ready"), key=lambda s: s.distance)

    @property
    def seconds(self) -> int:
        return sum(s.seconds for s in self.stories)

    def language(self, messages: str = "auto") -> Language:
        """The page's language: as set, or Korean when most stories are Korean."""
        if messages in ("ko", "en"):
            return messages  # type: ignore[return-value]
        korean = sum(1 for s in self.stories if s.language == "ko")
        return "ko" if korean * 2 > len(self.stories) else "en"


def build_bank(paths: Iterable[str | Path], config_for: Callable[[Path], Config],
               themes: ThemeData | None = None, skip: Callable[[str], bool] | None = None) -> Bank:
    """Lint the notes under `paths` (each file with its own config) into a Bank."""
    from ..engine import iter_file_reports, read_document
    from ..runtime.files import read_file

    themes = themes or load_themes()
    bank = Bank(themes=themes)
    for report in iter_file_reports(paths, config_for):
        if skip is not None and skip(report.path):
            continue
        bank.files.append(report.path)
        for d in report.diagnostics:
            bank.errors += d.severity == "error"
            bank.warnings += d.severity == "warning"
            bank.info += d.severity == "info"
        if not report.stories:
            bank.notes.append(FileNote(path=report.path, diagnostics=_diagnostics(report.diagnostics)))
            continue
        config = config_for(Path(report.path))
        text, _ = read_file(Path(report.path))
        _, stories = read_document(text, report.path, config)
        units = {s.line: s for s in stories}
        for sr in report.stories:
            own = _diagnostics([d for d in report.diagnostics if d.story_line == sr.line])
            if sr.kind == "other":
                bank.others.append(OtherAnswer(path=report.path, title=sr.title, line=sr.line,
                                               language=sr.language, diagnostics=own))
                continue
            story = units.get(sr.line)
            texts = [u.content or u.plain for u in story.units] if story else []
            bank.stories.append(BankStory(
                path=report.path, title=sr.title, line=sr.line, end_line=sr.end_line, language=sr.language,
                parts=sr.parts, quantified=sr.quantified,
                seconds=speaking_seconds(texts, themes.speaking),
                # a story with nothing written yet (STAR007) cannot answer a theme's question yet
                themes=tag_story(sr.title, texts, themes) if sr.parts else [],
                diagnostics=own, speaks=sr.language if config.messages == "auto" else config.messages))
        loose = [d for d in report.diagnostics if d.story_line is None]
        if loose:
            bank.notes.append(FileNote(path=report.path, diagnostics=_diagnostics(loose)))
    return bank


def _diagnostics(found: list) -> list[Diagnostic]:
    """The engine's diagnostic records as the models the bank holds."""
    return [Diagnostic.model_validate(d.to_dict()) for d in found]


# ---------------------------------------------------------------- fix next --
_ARTICLE = {"situation": "a Situation", "task": "a Task", "action": "an Action", "result": "a Result"}
_KO_PART = {"situation": "상황", "task": "과제", "action": "행동", "result": "결과"}


def _batchim(word: str) -> bool:
    """Whether a Korean word ends in a final consonant (상황, 행동), which picks its particles."""
    last = word[-1:]
    return "\uac00" <= last <= "\ud7a3" and (ord(last) - 0xAC00) % 28 != 0


def _ko_parts(parts: list[Part]) -> str:
    """상황을 / 상황과 결과를 / 상황·과제·행동을: the parts as the object of a sentence."""
    names = [_KO_PART[p] for p in parts]
    if len(names) == 2:
        joined = names[0] + ("과 " if _batchim(names[0]) else "와 ") + names[1]
    else:
        joined = "·".join(names)
    return joined + ("을" if _batchim(names[-1]) else "를")


def _en_parts(parts: list[Part]) -> str:
    names = [_ARTICLE[p] for p in parts]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def fix_text(missing: list[Part], unmeasured: bool, language: Language) -> str:
    """One instruction for what a story lacks, with `{title}` for its title."""
    if language == "ko":
        if len(missing) == len(PARTS):
            return "{title}: 아직 쓴 내용이 없습니다. 상황·과제·행동·결과를 한 줄씩 적어 보세요"
        if missing and unmeasured:
            return "{title}에 " + _ko_parts(missing) + " 추가하고, 결과에 수치를 넣으세요"
        if missing:
            return "{title}에 " + _ko_parts(missing) + " 추가하세요"
        return "{title}의 결과에 수치를 넣으세요: 무엇이 얼마나 달라졌는지"
    if len(missing) == len(PARTS):
        return "Write {title}: none of its Situation, Task, Action or Result is there yet"
    if missing and unmeasured:
        return "Add " + _en_parts(missing) + " to {title}, and put a figure in its Result"
    if missing:
        return "Add " + _en_parts(missing) + " to {title}"
    return "Put a figure in the Result of {title}: what changed, and by how much"


