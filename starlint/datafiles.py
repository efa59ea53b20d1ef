"""Reading starlint's data files (rule packs, frameworks, themes): TOML checked by the
pydantic schemas of ``validation.py``, remembered by the bytes of the file.

Validating costs more than linting a note (pydantic's validators are built on first
use), so what a file validated to is kept in ``runtime/datacache.py`` under a digest
of its bytes and of the schema code: the built-in files, and a user's pack that has
not changed, are read without TOML parsing or pydantic.  A file that does
not validate is never kept — it fails the same way on every run, naming the file and
the entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .runtime import datacache

# A data file bigger than this is refused (the built-in rule packs are about 25 KB each).
MAX_BYTES = 8_000_000


def load(path: Path, kind: str, error: type[Exception], what: str, builtin: bool = False) -> Any:
    """The validated data of the TOML file at `path` (`kind`: pack, frameworks, themes).
    `builtin`: one of starlint's own files (its patterns run on Python's re, a user's on RE2).

    Raises `error` with a message that starts with the path: "cannot read {what}",
    "not valid TOML", or the schema's own account of every problem.
    """
    try:
        raw = datacache.read_file(path, MAX_BYTES)  # a FIFO or /dev/zero is refused, not read
    except OSError as exc:
        raise error(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise error(f"{path}: cannot read {what}: {exc}") from None
    key = (kind, builtin, schema_stamp(), datacache.digest(raw))
    return datacache.memo("data", key, lambda: _validated(path, raw, kind, error, what, builtin))


def _validated(path: Path, raw: bytes, kind: str, error: type[Exception], what: str, builtin: bool) -> Any:
    import tomllib

    from .validation import Invalid, validate

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # a BOM (Windows editors write one) is not TOML
    except UnicodeDecodeError as exc:
        raise error(f"{path}: cannot read {what}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise error(f"{path}: not valid TOML: nested too deeply") from None
    try:
        return validate(kind, data, builtin=builtin)
    except Invalid as exc:
        raise error(f"{path}: {exc}") from None


def schema_stamp() -> str:
    """The schemas' code in short: validated data is kept only as long as it is the same."""
    here = Path(__file__).resolve().parent
    return datacache.source_key(str(here / "validation.py")) + datacache.source_key(str(here / "reading" / "terms.py"))
