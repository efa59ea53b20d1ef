"""`starlint check`, the command itself, and the entry point that starts it fast.

The command line is typer's (cli.py): help, every command, every error message.
But typer builds its whole command tree and imports pydantic (for coercing
parameters) before it runs a command — about 80 ms — while a pre-commit hook
runs ``starlint check FILE…`` on every commit.  So `main` reads a plain
``check`` invocation itself: the subcommand, its paths and its options spelled
out in full (``--format json``, ``--format=json``, ``-q``, ``-j 2``).  Anything
else — ``--help``, another command, an option it does not know, a value it
would have to judge (``--format yaml``, ``--jobs -1``) — goes to typer, which
prints the help or the error.  Both end in the same `check` below, and
tests/test_run.py holds the two paths to the same output and exit code.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

from .formats import NAMES as FORMATS  # (the format modules themselves load when used)

LANGUAGES = ("auto", "ko", "en")

class CheckOption(NamedTuple):
    """One option of `starlint check`: the fast path reads it from here, and cli.py
    builds typer's option (help text, type, choices) from the same row."""

    field: str  # the keyword of `check`
    flags: tuple[str, ...]
    kind: str  # "flag", "value" (one string), "many" (repeatable, comma-separated), "int" (≥ 0), "choice"
    help: str
    choices: tuple[str, ...] = ()


CHECK_OPTIONS: tuple[CheckOption, ...] = (
    CheckOption("format", ("--format",), "choice", "Output format (default: text; github under GitHub Actions).",
                FORMATS),
    CheckOption("select", ("--select",), "many", "Only these rules (codes, prefixes, names)."),
    CheckOption("extend_select", ("--extend-select",), "many", "Add these rules to the selection."),
    CheckOption("ignore", ("--ignore",), "many", "Skip these rules."),
    CheckOption("config", ("--config",), "value", "Use this config file only (no discovery)."),
    CheckOption("isolated", ("--isolated",), "flag", "Ignore every config file."),
    CheckOption("messages", ("--messages",), "choice", "Message language (default: the story's).", LANGUAGES),
    CheckOption("language", ("--language",), "choice", "Read the notes as this language.", LANGUAGES),
    CheckOption("no_inline_config", ("--no-inline-config",), "flag", "Ignore starlint-disable comments."),
    CheckOption("strict", ("--strict",), "flag", "Warnings fail the run too."),
    CheckOption("exit_zero", ("--exit-zero",), "flag", "Exit 0 even when errors are found."),
    CheckOption("quiet", ("--quiet", "-q"), "flag", "Print diagnostics only, no summary."),
    CheckOption("stdin_filename", ("--stdin-filename",), "value", "Path to show (and find config from) for stdin."),
    CheckOption("debug", ("--debug",), "flag", "Show tracebacks of internal errors."),
    CheckOption("jobs", ("--jobs", "-j"), "int",
                "Processes to lint with (default: 1 for a few files, else one per CPU; 0 the same)."),
    CheckOption("no_cache", ("--no-cache",), "flag",
                "Lint every file afresh: read and write no cache (results, validated data files)."),
    CheckOption("statistics", ("--statistics",), "flag", "After the diagnostics, count them per rule (text output)."),
    CheckOption("explain", ("--explain",), "flag",
                "After the diagnostics, print each rule's advice once (text output)."),
    CheckOption("output_file", ("--output-file", "-o"), "value", "Write the output to this file instead of stdout."),
)

# flag -> (field, kind) for the fast path; a choice's kind carries its values ("choice:a|b")
_OPTIONS: dict[str, tuple[str, str]] = {
    flag: (o.field, "choice:" + "|".join(o.choices) if o.kind == "choice" else o.kind)
    for o in CHECK_OPTIONS for flag in o.flags
}


def main() -> None:
    """The `starlint` command."""
    args = sys.argv[1:]
    plain = parse_check(args) if os.environ.get("STARLINT_TYPER") != "1" else None
    try:
        if plain is None:
            from .cli import app

            app()
            return
        sys.exit(check(**plain))
    except BrokenPipeError:
        # `starlint check notes/ | head -1`: the reader has gone; end quietly, as a
        # process killed by SIGPIPE would (128 + 13), not with a traceback or exit 1.
        # stdout is pointed at /dev/null so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
    except KeyboardInterrupt:
        sys.stderr.write("starlint: interrupted\n")
        sys.exit(2)


def parse_check(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `check` for a plain ``check …`` command line, else None."""
    if not args or args[0] != "check":
        return None
    out: dict[str, Any] = {"paths": []}
    i = 1
    only_paths = False
    while i < len(args):
        arg = args[i]
        i += 1
        if only_paths or arg == "-" or not arg.startswith("-"):
            out["paths"].append(arg)
            continue
        if arg == "--":
            only_paths = True
            continue
        name, eq, attached = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        known = _OPTIONS.get(name)
        if known is None:
            return None  # --help, a typo, a bundle of short flags: typer's to answer
        field, kind = known
        if kind == "flag":
            if eq:
                return None
            out[field] = True
            continue
        if eq:
            value = attached
        elif i < len(args):
            value = args[i]
            i += 1
        else:
            return None  # the value is missing: typer says so
        if kind.startswith("choice:"):
            if value not in kind[7:].split("|"):
                return None
            out[field] = value
        elif kind == "int":
            if not value.isdigit():
                return None
            out[field] = int(value)
        elif kind == "many":
            out.setdefault(field, []).append(value)
        else:
            out[field] = value
    return out if out["paths"] else None


def fail(message: str) -> int:
    sys.stderr.write(f"starlint: error: {message}\n")
    return 2


def split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def resolver(config: str | Path | None, isolated: bool, select: list[str] | None,
             extend_select: list[str] | None, ignore: list[str] | None, messages: str | None,
             language: str | None, no_inline_config: bool):
    """The config resolver for these options (ConfigError when they or a config file are bad)."""
    from .config import ConfigResolver

    overrides: dict[str, Any] = {
        "select": split(select),
        "extend_select": split(extend_select),
        "ignore": split(ignore),
        "messages": messages,
        "language": language,
        "inline_config": False if no_inline_config else None,
    }
    return ConfigResolver(overrides, config_path=Path(config) if config is not None else None, isolated=isolated)


def check(paths: list[str], format: str | None = None, select: list[str] | None = None,
          extend_select: list[str] | None = None, ignore: list[str] | None = None, config: str | None = None,
          isolated: bool = False, messages: str | None = None, language: str | None = None,
          no_inline_config: bool = False, strict: bool = False, exit_zero: bool = False, quiet: bool = False,
          stdin_filename: str | None = None, debug: bool = False, jobs: int | None = None,
          no_cache: bool = False, statistics: bool = False, explain: bool = False,
          output_file: str | None = None) -> int:
    """Lint notes files and report stories with missing or unmeasured STAR parts; the exit code."""
    from .runtime import datacache

    # --no-cache: no cache at all, neither the results nor what the data files validated to
    with datacache.disabled() if no_cache else contextlib.nullcontext():
        return _check(paths, format, select, extend_select, ignore, config, isolated, messages, language,
                      no_inline_config, strict, exit_zero, quiet, stdin_filename, debug, jobs, no_cache, statistics,
                      explain, output_file)


def _check(paths: list[str], format: str | None, select: list[str] | None, extend_select: list[str] | None,
           ignore: list[str] | None, config: str | None, isolated: bool, messages: str | None,
           language: str | None, no_inline_config: bool, strict: bool, exit_zero: bool, quiet: bool,
           stdin_filename: str | None, debug: bool, jobs: int | None, no_cache: bool, statistics: bool,
           explain: bool, output_file: str | None) -> int:
    from . import engine
    from .runtime import parallel
    from .config import ConfigError
    from .runtime.files import PathNotFound

    engine.DEBUG = debug
    parallel.collect_less()
    try:
        found = resolver(config, isolated, select, extend_select, ignore, messages, language, no_inline_config)
    except ConfigError as exc:
        return fail(str(exc))
    fmt = format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    tasks: list[parallel.Task] = []
    reports: list[Path] = []  # generated reports named on the command line: not linted
    try:
        for raw in paths:
            if raw == "":  # Path("") is "." : an empty argument (an unset $VAR) must not lint the folder
                return fail('an empty path ("") names no file; to lint the current folder, name it: .')
            if raw == "-":
                shown = stdin_filename or "<stdin>"
                cfg = found.for_path(stdin_filename or Path.cwd() / "stdin.md")
                tasks.append(parallel.Task(shown, cfg, text=stdin_bytes()))  # decoded like a file
            else:
                tasks.extend(parallel.plan([raw], found.for_path, reports))
    except PathNotFound as exc:
        return fail(f"no such file or directory: {exc}")
    except ConfigError as exc:
        return fail(str(exc))
    tasks = once_each(tasks)
    if reports and not quiet:  # (on stderr: stdout may be JSON or SARIF)
        for path in dict.fromkeys(str(p) for p in reports):
            sys.stderr.write(f"starlint: skipped {path}: it was written by `starlint report` (its first line "
                             f"says so), it is not notes\n")
    if output_file is not None:
        try:
            out: Any = open(output_file, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            return fail(f"cannot write {output_file}: {exc.strerror or exc}")
    else:
        out = sys.stdout
    try:
        return _lint(tasks, fmt, out, quiet, debug, jobs, no_cache, strict, exit_zero, statistics, explain,
                     to_terminal=output_file is None)
    finally:
        if out is not sys.stdout:
            out.close()


def _lint(tasks: list, fmt: str, out: Any, quiet: bool, debug: bool, jobs: int | None, no_cache: bool,
          strict: bool, exit_zero: bool, statistics: bool, explain: bool, to_terminal: bool) -> int:
    """Lint the planned files and hand each report, in path order, to the format's writer."""
    from . import formats
    from .models import Summary
    from .runtime import parallel
    from .runtime.cache import ResultCache
    from .runtime.progress import Progress

    # the bar only under text output on a terminal: the other formats are read by programs
    text_on_terminal = fmt == "text" and to_terminal
    progress = Progress.maybe(len(tasks), wanted=text_on_terminal)
    options = formats.Options(
        colour=colour() if text_on_terminal else False, quiet=quiet, statistics=statistics, explain=explain,
        # one run, one address for the rule pages: the first linted file's config that sets one
        docs_url=next((t.config.docs_url for t in tasks if t.config.docs_url), None),
        before_output=progress.clear)
    writer = formats.writer(fmt, out, options)
    summary = Summary()
    cache = ResultCache.open(enabled=not no_cache)
    crashed = False
    try:
        for f in parallel.lint_tasks(tasks, jobs or 0, debug, cache):
            f.path = safe_path(f.path)
            summary.add(f)
            crashed = crashed or any(d.code == "STAR999" for d in f.diagnostics)
            writer.file(f)
            progress.advance()
    except parallel.WorkerDied:
        progress.close()
        return fail("a worker process died (killed, or out of memory?) before it reported its files; "
                    "run again, or with --jobs 1 to lint in one process")
    finally:
        progress.close()
    cache.save()
    writer.finish(summary)
    if crashed:
        return 2
    failing = summary.errors + (summary.warnings if strict else 0)
    return 1 if failing and not exit_zero else 0


def safe_path(path: str) -> str:
    """A file name as it can be printed and put in JSON: bytes that are not UTF-8 (kept
    by the OS as surrogate escapes, `\udcff`) are shown as `\xff`."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def once_each(tasks: list) -> list:
    """A file named twice (`notes/ notes/a.md`) is linted and reported once, where first named."""
    seen: set[str] = set()
    out = []
    for task in tasks:
        if task.text is None:
            key = os.path.normpath(os.path.abspath(task.path))
            if key in seen:
                continue
            seen.add(key)
        out.append(task)
    return out


def stdin_bytes() -> bytes:
    """Standard input as bytes, so a bad encoding is reported (STAR902) like a file's."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer.read()
    return sys.stdin.read().encode("utf-8", "surrogateescape")


def colour() -> bool:
    """Colour on a terminal, unless NO_COLOR is set or TERM=dumb (FORCE_COLOR wins over both)."""
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()
