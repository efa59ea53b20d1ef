"""The command line: `starlint check`, `inspect`, `rule`, `rules`.

typer is imported here only, so `import starlint` stays light.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .checks import RULES, find_rule
from .config import Config
from .engine import lint_text, read_stories
from .files import PathNotFound, collect, read_file
from .models import FileReport, Report

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="starlint: lint interview-answer notes as STAR stories.")


class Format(str, Enum):
    text = "text"
    json = "json"


def _fail(message: str) -> None:
    sys.stderr.write(f"starlint: error: {message}\n")
    raise typer.Exit(2)


def _split(values: Optional[list[str]]) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _version(value: bool) -> None:
    if value:
        print(f"starlint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    pass


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (*.md, *.markdown); - reads stdin.")],
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these codes/names/prefixes.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these codes/names/prefixes.")] = None,
    messages: Annotated[str, typer.Option("--messages", help="Message language: auto, ko, en.")] = "auto",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the run too.")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="Path to show for stdin.")] = None,
) -> None:
    """Lint notes files and report stories with missing or unmeasured STAR parts."""
    if messages not in ("auto", "ko", "en"):
        _fail(f"--messages must be auto, ko or en, not {messages!r}")
    for key in _split(select) + _split(ignore):
        if not (find_rule(key) or key.upper().startswith("STAR") or key.upper() == "ALL"):
            _fail(f"unknown rule {key!r}; see `starlint rules`")
    config = Config(select=_split(select) or None, ignore=_split(ignore), messages=messages)
    files: list[FileReport] = []
    try:
        for raw in paths:
            if raw == "-":
                files.append(lint_text(sys.stdin.read(), stdin_filename or "<stdin>", config))
                continue
            for path in collect([raw]):
                text, problem = read_file(path)
                files.append(FileReport(path=str(path), diagnostics=[problem]) if problem
                             else lint_text(text, str(path), config))
    except PathNotFound as exc:
        _fail(f"no such file or directory: {exc}")
    report = Report.from_files(files)
    from .output import write_json, write_text

    if format is Format.json:
        write_json(report, sys.stdout)
    else:
        write_text(report, sys.stdout, colour=_colour())
    failing = report.summary.errors + (report.summary.warnings if strict else 0)
    raise typer.Exit(1 if failing else 0)


@app.command()
def inspect(path: Annotated[str, typer.Argument(help="A notes file; - reads stdin.")]) -> None:
    """Show each story with every line tagged S/T/A/R and the evidence behind it."""
    from .output import write_inspect

    if path == "-":
        text = sys.stdin.read()
    else:
        p = Path(path)
        if not p.is_file():
            _fail(f"no such file: {path}")
        text, problem = read_file(p)
        if problem:
            _fail(f"{path}:{problem.line}: {problem.message}")
    write_inspect(path, read_stories(text, path), sys.stdout, colour=_colour())


@app.command("rules")
def list_rules() -> None:
    """List every rule: code, name, default severity, summary."""
    for rule in RULES:
        state = "" if rule.default_enabled else " (off by default)"
        print(f"{rule.code}  {rule.name:<22} {rule.severity:<8} {rule.summary}{state}")


@app.command("rule")
def show_rule(code: Annotated[str, typer.Argument(help="A rule code (STAR004) or name (missing-result).")]) -> None:
    """Print a rule's full documentation, with failing and passing examples."""
    rule = find_rule(code)
    if rule is None:
        _fail(f"unknown rule {code!r}; see `starlint rules`")
    print(f"{rule.code} {rule.name} (default severity: {rule.severity})\n")
    print(rule.summary + "\n")
    print(rule.doc)


def _colour() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
