"""What starlint's data files validated to, kept between runs.

Checking a rule pack or a config file takes pydantic (importing it and building its
validators costs more than linting a note), so the plain data a file validated to is
kept here, under a digest of the file's bytes and of the code that checks it: a run
over unchanged files never imports pydantic.  A file that does not validate is never
kept; it fails the same way on every run, naming the file and the entry.

The entries live in one JSON file in the cache folder (``data-VERSION.json``).  Each
entry carries a checksum over its key and its value, so a damaged or moved entry is
not used; the file is read only if it is a regular file under MAX_BYTES, and written
atomically when the run ends.  Whatever is wrong with it only means validating again.
``STARLINT_NO_CACHE=1`` turns it off, and so does ``starlint check --no-cache`` (`disabled`).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

MAX_BYTES = 4_000_000
_FORMAT = 1

_entries: dict[str, Any] | None = None
_changed = False
_off = False


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Neither read nor write this cache inside the block (`check --no-cache`): what was
    read before is not used either."""
    global _off, _entries
    before = _off, _entries
    _off, _entries = True, {}
    try:
        yield
    finally:
        _off, _entries = before


def digest(data: bytes) -> str:
    """A short hash of some bytes, for keys of what was computed from them."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@functools.lru_cache(maxsize=None)
def source_key(path: str) -> str:
    """A short hash of a source file, for keys of results its code computes."""
    try:
        return digest(Path(path).read_bytes())[:12]
    except OSError:
        return "unknown"


def _file() -> Path | None:
    if _off or os.environ.get("STARLINT_NO_CACHE"):
        return None
    from .. import __version__
    from .cache import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / f"data-{__version__}-{_FORMAT}.json"


def read_regular(path: Path, max_bytes: int, follow: bool = False) -> bytes | None:
    """The bytes of `path` if it is a regular file (not a FIFO or device, nor a link unless
    `follow`) of at most `max_bytes`; None otherwise or when it cannot be read."""
    try:
        return read_file(path, max_bytes, follow)
    except (OSError, ValueError):
        return None


def read_file(path: Path, max_bytes: int, follow: bool = True) -> bytes:
    """The bytes of `path`, opened without blocking (a FIFO never hangs the run) and read
    only if it is a regular file of at most `max_bytes`: OSError if it cannot be opened,
    ValueError (with the reason) if it is not a regular file or is bigger."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > max_bytes:
            raise ValueError(f"larger than {max_bytes / 1e6:g} MB")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ValueError(f"larger than {max_bytes / 1e6:g} MB")
        return data
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `path` through a fresh temporary file beside it (never a predictable name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _checksum(key: str, value: str) -> str:
    return digest(f"{_FORMAT}\0{key}\0{value}".encode())


def _load() -> dict[str, Any]:
    global _entries
    if _entries is None:
        _entries = {}
        path = _file()
        raw = read_regular(path, MAX_BYTES) if path is not None else None
        if raw is not None:
            try:
                stored = json.loads(raw)
            except ValueError:
                stored = None
            if isinstance(stored, dict):
                for key, entry in stored.items():
                    if (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
                            and isinstance(entry[1], str) and entry[0] == _checksum(key, entry[1])):
                        try:
                            _entries[key] = json.loads(entry[1])
                        except ValueError:
                            pass
    return _entries


def memo(kind: str, key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, remembered across runs under (kind, key) when its value is plain JSON
    data (it comes back equal, lists as lists); otherwise computed every time."""
    global _changed
    full = kind + "\0" + json.dumps(key)
    entries = _load()
    if full in entries:
        return entries[full]
    value = compute()
    try:
        same = json.loads(json.dumps(value)) == value
    except (TypeError, ValueError):
        same = False
    if same and _file() is not None:
        entries[full] = value
        if not _changed:
            atexit.register(save)
        _changed = True
    return value


def save() -> None:
    """Write what this run added (atomically; a failure only means validating next time)."""
    global _changed
    path = _file()
    if path is None or not _changed or _entries is None:
        return
    stored = {}
    for key, value in _entries.items():
        text = json.dumps(value, ensure_ascii=False)
        stored[key] = [_checksum(key, text), text]
    data = json.dumps(stored, ensure_ascii=False).encode("utf-8")
    if len(data) <= MAX_BYTES:
        try:
            write_atomic(path, data)
        except OSError:
            pass
    _changed = False
