"""Reading starlint's data files (rule packs, frameworks, themes): TOML checked by the
pydantic schemas of ``validation.py``, remembered by the bytes of the file.

Validating costs more than linting a note (pydantic's validators are built on first
use), so what a file validated to is kept in ``runtime/datacache.py`` under a digest
of its bytes and of the schema code: the built-in files, and a user's pack that has
not changed, are read without TOML parsing or pydantic.  A file that does
not validate is never kept — it fails the same way on every run, naming the file and
the entry.

starlint's own files go one better: what they validate to ships beside them, in
``rules/validated.json`` (made by ``scripts/gen_validated.py``; a test keeps it in step),
so even a first run — a fresh CI runner, the first pre-commit run — reads the built-in
packs without pydantic, and no cache can stand in for them.  It is used only while the
file's bytes and the schemas' code are the ones it was made from.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .runtime import datacache

# A data file bigger than this is refused (the built-in rule packs are about 25 KB each).
MAX_BYTES = 8_000_000


def load(path: Path, kind: str, error: type[Exception], what: str, builtin: bool = False, *,
         build: Callable[[Any], Any]) -> Any:
    """The records `build` makes (``Pack.from_data``) of the validated data of the TOML file
    at `path` (`kind`: pack, frameworks, themes).  `builtin`: one of starlint's own files
    (its patterns run on Python's re, a user's on RE2).

    Raises `error` with a message that starts with the path: "cannot read {what}",
    "not valid TOML", or the schema's own account of every problem.  Data kept from an
    earlier run that does not build (a damaged or forged cache entry) is validated
    afresh, so no cache content can stop a run.
    """
    raw = _read(path, error, what)
    try:
        return build(_known(path, raw, kind, error, what, builtin))
    except Exception:  # noqa: BLE001 - kept data of the wrong shape: validate the file's bytes
        return build(_validated(path, raw, kind, error, what, builtin))


def _read(path: Path, error: type[Exception], what: str) -> bytes:
    try:
        return datacache.read_file(path, MAX_BYTES)  # a FIFO or /dev/zero is refused, not read
    except OSError as exc:
        raise error(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise error(f"{path}: cannot read {what}: {exc}") from None


def _known(path: Path, raw: bytes, kind: str, error: type[Exception], what: str, builtin: bool) -> Any:
    """What `raw` validated to: shipped with starlint, kept from an earlier run, or validated now."""
    if builtin:
        shipped = shipped_data(path, kind, raw)
        if shipped is not None:
            return shipped
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


SHIPPED = "validated.json"


def shipped_data(path: Path, kind: str, raw: bytes) -> Any:
    """What a built-in file validated to when starlint was made, or None when the file
    or the schemas have changed since (a checkout being edited): then it is validated."""
    entry = _shipped(str(path.parent)).get(path.name) or _shipped(str(path.parent.parent)).get(
        f"{path.parent.name}/{path.name}")
    if entry is None or entry.get("kind") != kind or entry.get("digest") != datacache.digest(raw) \
            or entry.get("schema") != schema_stamp():
        return None
    return entry.get("data")


@lru_cache(maxsize=4)
def _shipped(folder: str) -> dict[str, Any]:
    """The shipped table of a rules folder (file name -> kind, digest, schema, data)."""
    import json

    try:
        raw = datacache.read_file(Path(folder) / SHIPPED, MAX_BYTES)
        table = json.loads(raw)
    except (OSError, ValueError):
        return {}
    files = table.get("files") if isinstance(table, dict) else None
    return files if isinstance(files, dict) else {}


def build_shipped(folder: Path, files: dict[str, str]) -> str:
    """The text of ``validated.json`` for `files` (name relative to `folder` -> kind)."""
    import json

    out = {}
    for name, kind in sorted(files.items()):
        path = folder / name
        raw = path.read_bytes()
        out[name] = {"kind": kind, "digest": datacache.digest(raw), "schema": schema_stamp(),
                     "data": _validated(path, raw, kind, ValueError, kind, True)}
    return json.dumps({"files": out}, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def schema_stamp() -> str:
    """The schemas' code in short: validated data is kept only as long as it is the same."""
    here = Path(__file__).resolve().parent
    return datacache.source_key(str(here / "validation.py")) + datacache.source_key(str(here / "reading" / "terms.py"))
