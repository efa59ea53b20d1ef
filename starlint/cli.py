"""The command line: `starlint check`, `inspect`, `rules`, `rule`, `config`.

typer is imported here only, so `import starlint` stays light.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from . import __version__, engine, run
from .checks import RULES, find_rule
from .config import ConfigError, ConfigResolver
from .runtime.files import read_file

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="starlint: lint interview-answer notes as STAR stories.")


class Lang(str, Enum):
    auto = "auto"
    ko = "ko"
    en = "en"


def _fail(message: str) -> None:
    raise typer.Exit(run.fail(message))


def _version(value: bool) -> None:
    if value:
        print(f"starlint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    pass


# Options shared by `check` and `config --show`
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="Use this config file only (no discovery).")]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore every config file.")]
SelectOpt = Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules (codes, prefixes, names).")]
ExtendOpt = Annotated[Optional[list[str]], typer.Option("--extend-select", help="Add these rules to the selection.")]
IgnoreOpt = Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules.")]
MessagesOpt = Annotated[Optional[Lang], typer.Option("--messages", help="Message language (default: the story's).")]
LanguageOpt = Annotated[Optional[Lang], typer.Option("--language", help="Read the notes as this language.")]
InlineOpt = Annotated[bool, typer.Option("--no-inline-config", help="Ignore starlint-disable comments.")]


def _resolver(config: Optional[Path], isolated: bool, select: Optional[list[str]], extend_select: Optional[list[str]],
              ignore: Optional[list[str]], messages: Optional[Lang], language: Optional[Lang],
              no_inline_config: bool) -> ConfigResolver:
    try:
        return run.resolver(config, isolated, select, extend_select, ignore, messages.value if messages else None,
                            language.value if language else None, no_inline_config)
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable


def _check_command():
    """`starlint check`, with its options built from run.CHECK_OPTIONS (the rows the fast
    path reads), so the two cannot drift apart."""
    from inspect import Parameter, Signature

    kinds = {"flag": (bool, False), "value": (Optional[str], None), "many": (Optional[list[str]], None),
             "int": (Optional[int], None)}
    params = [Parameter("paths", Parameter.POSITIONAL_OR_KEYWORD, annotation=Annotated[
        list[str], typer.Argument(help="Files or folders (*.md, *.markdown); - reads stdin.")])]
    for option in run.CHECK_OPTIONS:
        if option.kind == "choice":
            choices = Enum(option.field.title(), {c: c for c in option.choices}, type=str)  # type: ignore[misc]
            typ, default = Optional[choices], None
        else:
            typ, default = kinds[option.kind]
        extra = {"min": 0} if option.kind == "int" else {}
        params.append(Parameter(option.field, Parameter.KEYWORD_ONLY, default=default,
                                annotation=Annotated[typ, typer.Option(*option.flags, help=option.help, **extra)]))

    def check(paths: list[str], **options: Any) -> None:
        """Lint notes files and report stories with missing or unmeasured STAR parts."""
        values = {k: v.value if isinstance(v, Enum) else v for k, v in options.items()}
        raise typer.Exit(run.check(paths, **values))

    check.__signature__ = Signature(params)  # type: ignore[attr-defined]
    check.__annotations__ = {p.name: p.annotation for p in params}
    return check


app.command("check")(_check_command())


@app.command()
def inspect(
    path: Annotated[str, typer.Argument(help="A notes file or a folder of notes; - reads stdin.")],
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Show each story with every line tagged S/T/A/R and the evidence behind it."""
    resolver = _resolver(config, isolated, None, None, None, None, None, False)
    if path == "-":
        from .runtime.files import decode

        text, problem = decode(run.stdin_bytes())
        if problem:
            _fail(f"<stdin>:{problem.line}: {problem.message}")
        if _show(path, text, resolver.for_path(Path.cwd() / "stdin.md")):
            raise typer.Exit(2)
    elif Path(path).is_dir():  # each note in the folder, as `check` would find them
        from .runtime.files import PathNotFound, collect

        try:
            notes = list(collect([path]))
        except PathNotFound as exc:
            _fail(f"no such file or directory: {exc}")
            return
        if not notes:
            _fail(f"no notes (*.md, *.markdown) in {path}")
        failed = False
        for note in notes:
            failed = _inspect_file(str(note), resolver) or failed
        raise typer.Exit(2 if failed else 0)
    else:
        if _inspect_file(path, resolver, must_exist=True):
            raise typer.Exit(2)


def _inspect_file(path: str, resolver: ConfigResolver, must_exist: bool = False) -> bool:
    """Inspect one file; True when it could not be read (said on stderr)."""
    p = Path(path)
    if not p.is_file():
        if must_exist:
            _fail(f"no such file: {path}")
        return True
    text, problem = read_file(p)
    if problem:
        run.fail(f"{path}:{problem.line}: {problem.message}")
        return True
    try:
        cfg = resolver.for_path(p)
    except ConfigError as exc:
        run.fail(str(exc))
        return True
    return _show(path, text, cfg)


def _show(path: str, text: str, cfg: Any) -> bool:
    """Print the stories of `text` as read; True when reading crashed (said on stderr)."""
    from .formats.inspect import write_inspect

    try:
        stories = engine.read_stories(text, path, cfg)
    except Exception as exc:  # noqa: BLE001 - a crash is a bug report, not a traceback
        run.fail(f"{path}: " + engine.internal_error(f"{type(exc).__name__}: {exc}").message)
        return True
    write_inspect(path, stories, sys.stdout, colour=run.colour())
    return False


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
        return
    state = "" if rule.default_enabled else ", off by default"
    print(f"{rule.code} {rule.name} (default severity: {rule.severity}{state})\n")
    print(rule.summary + "\n")
    if rule.advice:  # what a diagnostic's one line leaves out: how to fix it, with an example
        for language in ("en", "ko"):
            if language in rule.advice:
                print(rule.advice[language] + "\n")
    print(rule.doc)


class ReportFormat(str, Enum):
    html = "html"
    md = "md"


@app.command("report")
def report(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of notes (*.md, *.markdown).")],
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="File to write; - for stdout. "
                                                  "Default: report.html (report.md), replacing only an earlier report.")] = None,
    format: Annotated[Optional[ReportFormat], typer.Option("--format", help="html (default) or md (renders on GitHub); "
                                                           "taken from the --output suffix when not given.")] = None,
    messages: Annotated[Optional[Lang], typer.Option("--messages", help="Page language (default: Korean when most "
                                                     "stories are Korean).")] = None,
    language: LanguageOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    themes: Annotated[Optional[Path], typer.Option("--themes", help="Themes file to use instead of the built-in one.")] = None,
) -> None:
    """Write one page with the whole answer bank: STAR matrix, readiness, theme coverage, speaking time."""
    from .report.write import ReportError, write_report  # loaded only for this command

    resolver = _resolver(config, isolated, select, None, ignore, messages, language, False)
    try:
        where, bank = write_report(paths, resolver.for_path, output, format.value if format else None, themes)
    except (ReportError, ConfigError) as exc:
        _fail(str(exc))
        return
    if where != "-":
        others = f", {len(bank.others)} other answers" if bank.others else ""
        print(f"Wrote {where}: {len(bank.stories)} stories{others} in {len(bank.files)} files.")


@app.command("config")
def show_config(
    file: Annotated[Optional[str], typer.Argument(help="Show the settings that apply to this file.")] = None,
    show: Annotated[bool, typer.Option("--show", help="Print the effective settings and where each came from.")] = True,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    select: SelectOpt = None,
    extend_select: ExtendOpt = None,
    ignore: IgnoreOpt = None,
    messages: MessagesOpt = None,
    language: LanguageOpt = None,
    no_inline_config: InlineOpt = False,
) -> None:
    """Print the effective settings (for FILE, or the current folder) and where each came from."""
    resolver = _resolver(config, isolated, select, extend_select, ignore, messages, language, no_inline_config)
    target = Path(file) if file else Path.cwd() / "notes.md"
    try:
        cfg = resolver.for_path(target)
    except ConfigError as exc:
        _fail(str(exc))
        return
    print(f"# settings for {file or '.'}")
    from .config import FIELDS

    for name, (key, _default) in FIELDS.items():
        value = getattr(cfg, name)
        print(f"{key} = {_toml(value)}  # {cfg.source_of(name)}")
    print(f"# rules in effect: {', '.join(r.code for r in cfg.enabled_rules(str(target)))}")


def _toml(value: Any) -> str:
    import json

    if value is None:
        return '"default"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


@app.command("clean")
def clean() -> None:
    """Empty starlint's cache (stored results and validated data files); the notes are not touched."""
    from .runtime.cache import cache_dir, clean as remove

    removed = remove()
    where = cache_dir(respect_off=False)
    typer.echo(f"removed {len(removed)} cache file(s) from {where}" if where else "no cache folder")


@app.command("lsp")
def language_server(
    stdio: Annotated[bool, typer.Option("--stdio", help="Talk over stdin/stdout (the default and only transport; "
                                                        "accepted because LSP clients pass it).")] = True,
) -> None:
    """Run the language server on stdin/stdout for editors (needs pygls: the `lsp` extra of starlint)."""
    try:
        from .lsp import serve  # pygls is imported only here: it is an optional extra
    except ImportError as exc:
        if (exc.name or "").split(".")[0] in ("pygls", "lsprotocol", "cattrs"):
            _fail(f"the language server needs pygls ({exc.name} is not installed): pip install 'starlint[lsp]'")
        raise
    serve()


def main() -> None:
    run.main()


if __name__ == "__main__":
    main()
