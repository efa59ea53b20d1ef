"""The results cache: a file whose bytes and settings are unchanged since the last run is not linted again.

`starlint check` (not the library API) looks each file up by its path and a hash
of its bytes, under a *settings key* that covers everything else a result depends
on: starlint's own code and rule data, the Python version, the file's effective
config, and the user packs it names (the bytes of each file, not its mtime: a fresh
checkout or a reinstall keeps the cache).  Change any of them and the old entries are
simply not found.

One table per settings key lives in the user cache folder (``$STARLINT_CACHE_DIR``,
else ``$XDG_CACHE_HOME/starlint`` or ``~/.cache/starlint``), as
``results-KEY.marshal``, written atomically when the run ends; two runs at once
cost at most a re-lint.  Nothing is written next to the user's notes.
``--no-cache`` or ``STARLINT_NO_CACHE=1`` turn it off; ``starlint clean`` empties it.

Reports with an internal error (STAR999) or an unreadable file (STAR9xx from
reading) are never stored: the next run tries again.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from hashlib import blake2b as _blake2b

from .datacache import read_regular, write_atomic

if TYPE_CHECKING:  # the models are only needed when a report is stored or rebuilt
    from ..config import Config
    from ..models import FileReport

# Past this many entries a table keeps only what the run that saves it touched
# (files deleted or renamed long ago drop out).
MAX_ENTRIES = 50_000
# Tables of settings not used for this long are removed when another table is saved.
STALE_SECONDS = 30 * 24 * 3600
_FORMAT = 4  # bump when the stored payload changes shape
# A results table bigger than this is not read (a damaged or planted file).
MAX_TABLE_BYTES = 256_000_000


def cache_dir(respect_off: bool = True) -> Path | None:
    """The user cache folder for starlint, or None when caching is off or there is no home."""
    if respect_off and os.environ.get("STARLINT_NO_CACHE"):
        return None
    base = os.environ.get("STARLINT_CACHE_DIR")
    try:
        if base:
            return Path(base)
        if sys.platform == "win32":
            return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "starlint" / "Cache"
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "starlint"
    except (RuntimeError, KeyError, OSError):
        return None


def _tree_stamp(root: Path, suffixes: tuple[str, ...], into) -> None:
    """Feed the names and bytes of the files under `root` to the hash `into`."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(suffixes):
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                into.update(os.path.relpath(path, root).encode() + b"\0" + data + b"\0")


_CODE_STAMP: str | None = None


def code_stamp() -> str:
    """starlint's version, code and built-in rule data, in short (about 0.5 MB read, ~1 ms)."""
    global _CODE_STAMP
    if _CODE_STAMP is None:
        from .. import __version__
        from ..reading.packs import builtin_pack_dir

        # The bytes, not the mtimes: a reinstall of the same starlint (every CI run) keeps its cache.
        stamp = _blake2b(repr((__version__, sys.version_info[:2], _FORMAT)).encode(), digest_size=12)
        _tree_stamp(Path(__file__).resolve().parent.parent, (".py",), stamp)  # the whole package
        _tree_stamp(builtin_pack_dir(), (".toml",), stamp)
        _CODE_STAMP = stamp.hexdigest()
    return _CODE_STAMP


def _pack_stamp(config: Config) -> str:
    """The bytes of each user pack file the config names (their text decides the results)."""
    from ..reading.packs import pack_files

    root = config._root or Path.cwd()
    stamp = _blake2b(digest_size=12)
    for raw in config.packs:
        path = (root / raw).resolve()
        for f in pack_files(path) if path.is_dir() else [path]:
            stamp.update(str(f).encode() + b"\0")
            try:
                stamp.update(f.read_bytes())
            except OSError:
                stamp.update(b"\0missing")
    return stamp.hexdigest()


def settings_key(config: Config) -> str:
    settings = [code_stamp(), config.values(by_alias=True), str(config._root), _pack_stamp(config)]
    return _blake2b(repr(settings).encode(), digest_size=12).hexdigest()


def digest(data: bytes) -> bytes:
    return _blake2b(data, digest_size=16).digest()


# ------------------------------------------------------------------ payload --
# A report is kept as tuples of its fields (marshal reads and writes them in C).
def pack(report: FileReport) -> bytes:
    stories = tuple((s.title, s.line, s.end_line, tuple((k, tuple(v)) for k, v in s.parts.items()), s.quantified,
                     s.language, s.kind) for s in report.stories)
    diagnostics = tuple((d.code, d.name, d.severity, d.line, d.column, d.message, d.story_line, d.end_line)
                        for d in report.diagnostics)
    return marshal.dumps((stories, diagnostics, report.talking_points))


def unpack(path: str, payload: bytes) -> FileReport:
    from ..models import Diagnostic, FileReport, StoryReport

    stories, diagnostics, points = marshal.loads(payload)
    return FileReport(path=path,
                      stories=[StoryReport(t, line, end, {k: list(v) for k, v in parts}, q, lang, kind)
                               for t, line, end, parts, q, lang, kind in stories],
                      diagnostics=[Diagnostic(*d) for d in diagnostics], talking_points=points)


def _storable(report: FileReport) -> bool:
    return not any(d.code == "STAR999" or d.code == "STAR901" for d in report.diagnostics)


class ResultCache:
    """The tables of one run: looked up by (settings key, path, digest of the bytes)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._tables: dict[str, dict[str, tuple[bytes, bytes]]] = {}
        self._touched: dict[str, set[str]] = {}
        self._dirty: set[str] = set()
        self._keys: dict[int, tuple[Config, str]] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(cls, enabled: bool = True) -> ResultCache:
        return cls(cache_dir() if enabled else None)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _key(self, config: Config) -> str:
        # one key per Config object of the run (the resolver hands out one per folder)
        known = self._keys.get(id(config))
        if known is None or known[0] is not config:
            known = self._keys[id(config)] = (config, settings_key(config))
        return known[1]

    def _table(self, key: str) -> dict[str, tuple[bytes, bytes]]:
        table = self._tables.get(key)
        if table is None:
            table = {}
            assert self.folder is not None
            raw = read_regular(self.folder / f"results-{key}.marshal", MAX_TABLE_BYTES)
            try:
                data = marshal.loads(raw) if raw is not None else None
                if isinstance(data, dict):
                    table = data
            except (ValueError, EOFError, TypeError):
                pass  # none yet, or unreadable: start afresh
            self._tables[key] = table
            self._touched[key] = set()
        return table

    def get(self, path: str, data: bytes, config: Config) -> FileReport | None:
        if self.folder is None:
            return None
        key = self._key(config)
        table = self._table(key)
        entry = table.get(path)
        self._touched[key].add(path)
        if entry is not None and entry[0] == digest(data):
            try:
                report = unpack(path, entry[1])
            except Exception:  # noqa: BLE001 - a damaged entry is a miss
                report = None
            if report is not None:
                self.hits += 1
                return report
        self.misses += 1
        return None

    def put(self, path: str, data: bytes, config: Config, report: FileReport) -> None:
        if self.folder is None or not _storable(report):
            return
        key = self._key(config)
        self._table(key)[path] = (digest(data), pack(report))
        self._touched[key].add(path)
        self._dirty.add(key)

    def save(self) -> None:
        """Write the tables this run changed (atomically; a failure only means no cache next time)."""
        if self.folder is None or not self._dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        for key in sorted(self._dirty):
            table = self._tables[key]
            if len(table) > MAX_ENTRIES:
                table = {p: v for p, v in table.items() if p in self._touched[key]}
            try:
                write_atomic(self.folder / f"results-{key}.marshal", marshal.dumps(table))
            except (OSError, ValueError):
                pass
        self._dirty.clear()
        self._prune()

    def _prune(self) -> None:
        assert self.folder is not None
        now = time.time()
        try:
            for old in self.folder.glob("results-*.marshal"):
                try:
                    if now - old.stat().st_mtime > STALE_SECONDS:
                        old.unlink()
                except OSError:
                    pass
        except OSError:
            pass


def clean() -> list[Path]:
    """Remove every file starlint keeps in its cache folder (and only those); the files removed."""
    folder = cache_dir(respect_off=False)
    if folder is None:
        return []
    removed = []
    # what this starlint writes, what older ones wrote, and the temporary files of
    # writes that were cut short (write_atomic names them .NAME.XXXX.tmp)
    for pattern in ("results-*.marshal", "data-*.json", "regex-*.marshal", ".results-*.tmp", ".data-*.json.*.tmp"):
        for path in folder.glob(pattern):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed
