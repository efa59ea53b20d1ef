"""The engine: parse → segment → classify → check, then stamp codes and severity."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .classify import classify
from .config import Config
from .lexicon import Lexicon, lexicon_for
from .models import Diagnostic, FileReport, Report, Story, StoryReport
from .parse import parse
from .segment import segment


def read_stories(text: str, path: str = "<text>", lex: Lexicon | None = None) -> list[Story]:
    """The stories of a notes file, each unit tagged with its parts and evidence."""
    lex = lex or lexicon_for()
    doc = parse(text, path)
    return [classify(story, lex) for story in segment(doc, lex)]


def lint_text(text: str, path: str | None = None, config: Config | None = None) -> FileReport:
    config = config or Config()
    shown = path or "<stdin>"
    stories = read_stories(text, shown)
    return FileReport(path=shown, stories=[_story_report(s) for s in stories],
                      diagnostics=_check(stories, config))


def lint_paths(paths: Iterable[str | Path], config: Config | None = None) -> Report:
    from .files import collect, read_file

    files = []
    for path in collect(paths):
        text, problem = read_file(path)
        if problem is not None:
            files.append(FileReport(path=str(path), diagnostics=[problem]))
        else:
            files.append(lint_text(text, str(path), config))
    return Report.from_files(files)


def _story_report(story: Story) -> StoryReport:
    return StoryReport(title=story.title, line=story.line, end_line=story.end_line,
                       parts=story.part_lines(), quantified=story.quantified(), language=story.language)


def _check(stories: list[Story], config: Config) -> list[Diagnostic]:
    rules = config.enabled_rules()
    out: list[Diagnostic] = []
    for story in stories:
        language = story.language if config.messages == "auto" else config.messages
        for rule in rules:
            for finding in rule.check(story, language):
                out.append(Diagnostic(code=rule.code, name=rule.name, severity=config.severity_of(rule),
                                      line=finding.line, column=1, message=finding.message,
                                      story_line=story.line, end_line=story.end_line))
    out.sort(key=lambda d: (d.line, d.code))
    return out
