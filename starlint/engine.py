"""The engine: parse → segment → classify → check, then suppress and stamp severity."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import suppress
from .reading import frameworks
from .checks import find_rule
from .checks.base import Context
from .reading.classify import classify
from .reading.kinds import read_kind
from .config import Config, ConfigResolver
from .reading.lexicon import Lexicon, lexicon_for
from .models import Diagnostic, Document, FileReport, Report, Story, StoryReport, stories_language
from .reading.markdown import parse
from .reading.segment import segment_with_points

# Set by `--debug`: print the traceback of an internal error (the run still goes on).
DEBUG = False


def read_document(text: str, path: str = "<text>", config: Config | None = None) -> tuple[Document, list[Story]]:
    """The parsed document and its stories, each unit tagged with its parts and evidence."""
    doc, stories, _points = read_document_points(text, path, config)
    return doc, stories


def read_document_points(text: str, path: str = "<text>",
                         config: Config | None = None) -> tuple[Document, list[Story], int]:
    """`read_document`, with the number of talking points read as no story."""
    config = config or Config()
    doc = parse(text, path)
    doc.front_matter = frameworks.front_matter(doc.source_lines)  # once per file: every stage asks
    lex = _lexicon(doc, config)
    found, points = segment_with_points(doc, lex)
    stories = [read_kind(classify(story, lex), lex) for story in found]
    kinds = doc.front_matter.settings.get("answer-kinds", config.answer_kinds)
    if kinds == "experience":
        for story in stories:
            if story.kind != "experience":
                story.kind, story.kind_why = "experience", (
                    f'answer-kinds = "experience": every story is read as one (else: {story.kind_why})')
    if config.language != "auto":
        for story in stories:
            story.language = config.language
    return doc, stories, points


def read_stories(text: str, path: str = "<text>", config: Config | None = None) -> list[Story]:
    return read_document(text, path, config)[1]


def lint_text(text: str, path: str | None = None, config: Config | None = None) -> FileReport:
    """Lint one notes file's text.  Never raises on odd input: a crash becomes STAR999."""
    config = config or Config()
    shown = path or "<stdin>"
    try:
        doc, stories, points = read_document_points(text, shown, config)
        diagnostics = _check(stories, config, shown, doc)
        if doc.too_deep is not None:
            diagnostics = _too_deep(doc.too_deep, diagnostics, config, shown)
        if config.inline_config:
            diagnostics = _suppress(doc, stories, diagnostics, config, shown)
    except RecursionError:
        return FileReport(path=shown, diagnostics=[internal_error("the notes nest too deeply to read")])
    except Exception as exc:  # noqa: BLE001 — one bad file must not stop the run
        if DEBUG:
            import traceback  # (only here: with linecache and tokenize it is 3 ms of every start)

            sys.stderr.write(f"starlint: internal error on {shown}:\n{traceback.format_exc()}")
        return FileReport(path=shown, diagnostics=[internal_error(f"{type(exc).__name__}: {exc}")])
    return FileReport(path=shown, stories=[story_report(s) for s in stories], diagnostics=diagnostics,
                      talking_points=points)


def lint_paths(paths: Iterable[str | Path], config: Config | None = None) -> Report:
    """Lint files and folders.  With no `config`, each file uses its closest config file."""
    resolver = None if config is not None else ConfigResolver()
    return Report.from_files(list(iter_file_reports(paths, lambda p: config or resolver.for_path(p))))


def iter_file_reports(paths: Iterable[str | Path], config_for) -> Iterator[FileReport]:
    from .runtime.files import collect

    for path in collect(paths):
        config = config_for(path)
        if config.is_excluded(str(path)):
            continue
        yield lint_file(path, config)


def lint_file(path: str | Path, config: Config) -> FileReport:
    """Read and lint one file; a file that cannot be read gets its STAR9xx diagnostic."""
    from .runtime.files import read_file

    text, problem = read_file(Path(path))
    if problem is not None:
        return _unreadable(str(path), problem, config)
    return lint_text(text, str(path), config)


def lint_bytes(data: bytes, path: str, config: Config) -> FileReport:
    """Lint raw bytes (standard input), decoded as a file is: a bad encoding gets its STAR9xx."""
    from .runtime.files import decode

    text, problem = decode(data)
    if problem is not None:
        return _unreadable(path, problem, config)
    return lint_text(text, path, config)


def _unreadable(path: str, problem: Diagnostic, config: Config) -> FileReport:
    if config.is_enabled(problem.code, path):
        return FileReport(path=path, diagnostics=[problem])
    return FileReport(path=path)


def internal_error(detail: str) -> Diagnostic:
    rule = find_rule("STAR999")
    assert rule is not None
    return Diagnostic(code=rule.code, name=rule.name, severity="error", line=1, column=1,
                      message=f"starlint failed on this file ({detail}). This is a bug: please report it "
                              f"with the file; run with --debug for the traceback.",
                      story_line=None)


def story_report(story: Story) -> StoryReport:
    return StoryReport(title=story.title, line=story.line, end_line=story.end_line,
                       parts=story.part_lines(), quantified=story.quantified(), language=story.language,
                       kind=story.kind)


def _language(config: Config, story_language: str) -> str:
    return story_language if config.messages == "auto" else config.messages


def file_language(stories: list[Story], lines: list[str]) -> str:
    """The language of a file as a whole (for what belongs to no story, as a suppression
    comment): most of its stories', else Korean when it holds any Hangul."""
    if stories:
        return stories_language(stories)
    return "ko" if any("\uac00" <= ch <= "\ud7a3" for line in lines for ch in line) else "en"


def _framework_name(doc: Document | None, config: Config) -> str:
    """The framework a file is read under: its front matter's, else the config's."""
    if doc is None or doc.front_matter is None:
        return config.framework
    return doc.front_matter.settings.get("framework", config.framework)


def _lexicon(doc: Document | None, config: Config) -> Lexicon:
    """The packs' lexicon, with the label words of the file's framework."""
    return lexicon_for(frameworks.packs_for(_framework_name(doc, config), config.rule_packs()))


def _check(stories: list[Story], config: Config, path: str, doc: Document | None = None) -> list[Diagnostic]:
    rules = config.enabled_rules(path)
    context = _context(stories, config, doc)
    out: list[Diagnostic] = []
    story_rules = [rule for rule in rules if rule.check is not None]
    for story in stories:
        language = _language(config, story.language)
        for rule in story_rules:
            if story.kind not in rule.kinds:
                continue  # the STAR checks read experiences, not motivation or plans
            for finding in rule.run(story, language, context):
                out.append(Diagnostic(code=rule.code, name=rule.name, severity=config.severity_of(rule),
                                      line=finding.line, column=1, message=finding.message,
                                      story_line=story.line, end_line=story.end_line))
    for rule in rules:
        if rule.check_file is not None:
            for finding in rule.check_file(context):
                out.append(Diagnostic(code=rule.code, name=rule.name, severity=config.severity_of(rule),
                                      line=finding.line, column=1, message=finding.message,
                                      story_line=finding.story_line, end_line=finding.end_line))
    out.sort(key=lambda d: (d.line, d.code))
    return out


def _context(stories: list[Story], config: Config, doc: Document | None) -> Context:
    return Context(lexicon=_lexicon(doc, config), framework=frameworks.get(_framework_name(doc, config)),
                   stories=stories, document=doc, front_matter=doc.front_matter if doc is not None else None,
                   config=config, messages=config.messages)


def _too_deep(lines: tuple[int, int], diagnostics: list[Diagnostic], config: Config,
              path: str) -> list[Diagnostic]:
    """STAR904: the parser skipped text nested too deep (parse.MAX_NESTING)."""
    rule = find_rule("STAR904")
    if rule is None or not config.is_enabled(rule.code, path):
        return diagnostics
    first, last = lines
    where = f"line {first}" if first == last else f"lines {first}-{last}"
    message = (f"lists or quotes nest too deep here: starlint did not read the text nested below "
               f"this level ({where}); flatten the list")
    out = diagnostics + [Diagnostic(code=rule.code, name=rule.name, severity=config.severity_of(rule),
                                    line=first, column=1, message=message, story_line=None)]
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
        language = _language(config, file_language(stories, doc.source_lines))
        for line, message in suppress.unused(found, language):
            kept.append(Diagnostic(code=rule.code, name=rule.name, severity=config.severity_of(rule),
                                   line=line, column=1, message=message, story_line=None))
        kept.sort(key=lambda d: (d.line, d.code))
    return kept
