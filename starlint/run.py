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
from typing import Any

FORMATS = ("text", "json", "sarif", "github")
LANGUAGES = ("auto", "ko", "en")

# option -> (field, kind): "flag", "value" (one string), "many" (repeatable, comma-separated),
# "choice:a|b", "int"
_OPTIONS: dict[str, tuple[str, str]] = {
    "--format": ("format", "choice:" + "|".join(FORMATS)),
    "--select": ("select", "many"),
    "--extend-select": ("extend_select", "many"),
    "--ignore": ("ignore", "many"),
    "--config": ("config", "value"),
    "--isolated": ("isolated", "flag"),
    "--messages": ("messages", "choice:" + "|".join(LANGUAGES)),
    "--language": ("language", "choice:" + "|".join(LANGUAGES)),
    "--no-inline-config": ("no_inline_config", "flag"),
    "--strict": ("strict", "flag"),
    "--exit-zero": ("exit_zero", "flag"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--stdin-filename": ("stdin_filename", "value"),
    "--debug": ("debug", "flag"),
    "--jobs": ("jobs", "int"),
    "-j": ("jobs", "int"),
    "--no-cache": ("no_cache", "flag"),
    "--statistics": ("statistics", "flag"),
    "--explain": ("explain", "flag"),
    "--output-file": ("output_file", "value"),
    "-o": ("output_file", "value"),
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
    from .runtime import parallel
    from .models import Report, Summary
    from .runtime.progress import Progress

    # Text and JSON stream: each file as soon as it is linted (in path order, with any
    # --jobs), the summary at the end.  SARIF and GitHub output are written at the end.
    stream = fmt == "text"
    progress = Progress.maybe(len(tasks), wanted=stream and to_terminal)
    use_colour = colour() if stream and to_terminal else False
    from . import output
    from .runtime.cache import ResultCache

    summary = Summary()
    files = []
    json_out = output.JsonWriter(out) if fmt == "json" else None
    counts: dict[tuple[str, str], int] = {}  # (code, name) -> diagnostics, for --statistics
    languages: dict[str, dict[str, int]] = {}  # code -> message language -> count, for --explain
    cache = ResultCache.open(enabled=not no_cache)
    crashed = False
    try:
        for f in parallel.lint_tasks(tasks, jobs or 0, debug, cache):
            summary.add(f)
            crashed = crashed or any(d.code == "STAR999" for d in f.diagnostics)
            for d in f.diagnostics:
                counts[(d.code, d.name)] = counts.get((d.code, d.name), 0) + 1
                said = languages.setdefault(d.code, {})
                lang = "ko" if any("\uac00" <= ch <= "\ud7a3" for ch in d.message) else "en"
                said[lang] = said.get(lang, 0) + 1
            if stream:
                if f.diagnostics:
                    progress.clear()
                    output.write_text(Report(files=[f]), out, colour=use_colour, quiet=True)
                    out.flush()
            elif json_out is not None:
                json_out.file(f)
            else:
                files.append(f)
            progress.advance()
    finally:
        progress.close()
    cache.save()
    if stream:
        if statistics and counts:
            output.write_statistics(counts, out)
            out.write("\n")
        if explain and counts:
            codes = sorted(counts)
            for code, _name in codes:
                said = languages.get(code, {})
                output.write_explain([code], "ko" if said.get("ko", 0) > said.get("en", 0) else "en", out)
            out.write("\n")
        if not quiet:  # the summary alone: the files were written above
            output.write_text(Report(files=[], summary=summary), out, colour=use_colour)
    elif json_out is not None:
        json_out.finish(summary)
    else:
        report = Report(files=files, summary=summary)
        if fmt == "sarif":
            from .sarif import write_sarif

            # one run, one address for the rule pages: the first linted file's config that sets one
            docs_url = next((t.config.docs_url for t in tasks if t.config.docs_url), None)
            write_sarif(report, out, docs_url=docs_url)
        else:
            output.write_github(report, out)
    if crashed:
        return 2
    failing = summary.errors + (summary.warnings if strict else 0)
    return 1 if failing and not exit_zero else 0


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
