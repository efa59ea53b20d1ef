"""Linting one open document for `starlint lsp`, in the server or in a child process.

The server lints a small document itself (it takes milliseconds).  A big one (a
20 MB note takes 15 s or more of CPU-bound Python, which a thread would run under
the GIL, stalling every request) is linted by a child process started as
``python -m starlint.lspworker``: the document goes in on stdin and the result comes
back on stdout, both pickled.  The server stays free to answer, and a run that a
newer version of the document has made stale is ended by killing its process.

This module imports no pygls, so a child starts as fast as `starlint check`.
"""

from __future__ import annotations

import pickle
import sys

from .config import Config, ConfigError, ConfigResolver
from .engine import lint_text
from .models import FileReport


def config_for(path: str | None) -> tuple[Config, str | None]:
    """The config for `path` (None: an untitled buffer, default settings), and the config's
    problem when it cannot be used (then the defaults)."""
    if path is None:
        return Config(), None
    try:
        return ConfigResolver().for_path(path), None  # fresh: a config edited meanwhile applies
    except ConfigError as exc:
        return Config(), str(exc)


def lint_document(text: str, path: str | None) -> tuple[Config, FileReport, str | None]:
    """The config for `path`, the report, and the config's problem (see `config_for`)."""
    config, problem = config_for(path)
    if path is not None and config.is_excluded(path):
        return config, FileReport(path=path), problem
    return config, lint_text(text, path, config), problem


def main() -> None:
    text, path = pickle.load(sys.stdin.buffer)
    _config, report, problem = lint_document(text, path)
    # the config is found again by the server (it is not picklable: rules hold functions)
    pickle.dump((report, problem), sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
