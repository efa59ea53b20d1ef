"""The engine: parse → segment → classify → check, then suppress and stamp severity."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import suppress
from .checks import find_rule
from .classify import classify
from .config import Config, ConfigResolver
from .lexicon import Lexicon, lexicon_for
from .models import Diagnostic, Document, FileReport, Report, Story, StoryReport
from .parse import parse
from .segment import segment

# Set by `--debug`: print the traceback of an internal error (the run still goes on).
DEBUG = False


def read_document(text: str, path: str = "<text>", config: Config | None = None) -> tuple[Document, list[Story]]:
    """The parsed document and its stories, each unit tagged with its parts and evidence."""
    config = config or Config()
    lex = lexicon_for(config.rule_packs())
    doc = parse(text, path)
    stories = [classify(story, lex) for story in segment(doc, lex)]
    if config.language != "auto":
        for story in stories:
            story.language = config.language
    return doc, stories


def read_stories(text: str, path: str = "<text>", config: Config | None = None) -> list[Story]:
    return read_document(text, path, config)[1]


def lint_text(text: str, path: str | None = None, config: Config | None = None) -> FileReport:
    """Lint one notes file's text.  Never raises on odd input: a crash becomes STAR999."""
    config = config or Config()
    shown = path or "<stdin>"
    try:
        doc, stories = read_document(text, shown, config)
        diagnostics = _check(stories, config, shown)
        if config.inline_config:
            diagnostics = _suppress(doc, stories, diagnostics, config, shown)
    except RecursionError:
        return FileReport(path=shown, diagnostics=[internal_error("the notes nest too deeply to read")])
    except Exception as exc:  # noqa: BLE001 — one bad file must not stop the run
        if DEBUG:
            sys.stderr.write(f"starlint: internal error on {shown}:\n{traceback.format_exc()}")
        return FileReport(path=shown, diagnostics=[internal_error(f"{type(exc).__name__}: {exc}")])
    return FileReport(path=shown, stories=[story_report(s) for s in stories], diagnostics=diagnostics)


def lint_paths(paths: Iterable[str | Path], config: Config | None = None) -> Report:
    """Lint files and folders.  With no `config`, each file uses its closest config file."""
    resolver = None if config is not None else ConfigResolver()
    return Report.from_files(list(iter_file_reports(paths, lambda p: config or resolver.for_path(p))))


def iter_file_reports(paths: Iterable[str | Path], config_for) -> Iterator[FileReport]:
    from .files import collect, read_file

    for path in collect(paths):
        config = config_for(path)
        if config.is_excluded(str(path)):
            continue
        text, problem = read_file(path)
        if problem is not None:
            if config.is_enabled(problem.code, str(path)):
                yield FileReport(path=str(path), diagnostics=[problem])
            else:
                yield FileReport(path=str(path))
        else:
            yield lint_text(text, str(path), config)


def internal_error(detail: str) -> Diagnostic:
    rule = find_rule("STAR999")
    assert rule is not None
    return Diagnostic(code=rule.code, name=rule.name, severity="error", line=1, column=1,
                      message=f"starlint failed on this file ({detail}). This is a bug: please report it "
                              f"with the file; run with --debug for the traceback.",
                      story_line=None)


def story_report(story: Story) -> StoryReport:
    return StoryReport(title=story.title, line=story.line, end_line=story.end_line,
                       parts=story.part_lines(), quantified=story.quantified(), language=story.language)


def _language(config: Config, story_language: str) -> str:
    return story_language if config.messages == "auto" else config.messages


def _check(stories: list[Story], config: Config, path: str) -> list[Diagnostic]:
    rules = config.enabled_rules(path)
    out: list[Diagnostic] = []
    for story in stories:
        language = _language(config, story.language)
        for rule in rules:
            for finding in rule.check(story, language):
                out.append(Diagnostic(code=rule.code, name=rule.name, severity=config.severity_of(rule),
                                      line=finding.line, column=1, message=finding.message,
                                      story_line=story.line, end_line=story.end_line))
    out.sort(key=lambda d: (d.line, d.code))
    return out


def _suppress(doc: Document, stories: list[Story], diagnostics: list[Diagnostic], config: Config,
              path: str) -> list[Diagnostic]:
    found = suppress.directives(doc.comments, doc.source_lines, stories)
    if not found:
        return diagnostics
    kept = suppress.apply(diagnostics, found)
    rule = find_rule("STAR910")
    if rule is not None and config.is_enabled(rule.code, path):
        language = _language(config, stories[0].language if stories else "en")
        for line, message in suppress.unused(found, language):
            kept.append(Diagnostic(code=rule.code, name=rule.name, severity=config.severity_of(rule),
                                   line=line, column=1, message=message, story_line=None))
        kept.sort(key=lambda d: (d.line, d.code))
    return kept
