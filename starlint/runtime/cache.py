"""The results cache: a file whose bytes and settings are unchanged since the last run is not linted again.

`starlint check` (not the library API) looks each file up by its path and a hash
of its bytes, under a *settings key* that covers everything else a result depends
on: starlint's own code and rule data, the Python version, the file's effective
config, and the user packs it names (the bytes of each file, not its mtime: a fresh
checkout or a reinstall keeps the cache).  Change any of them and the old entries are
simply not found.

One table per settings key lives in the user cache folder (``$STARLINT_CACHE_DIR``,
else ``$XDG_CACHE_HOME/starlint`` or ``~/.cache/starlint``), as
``results-KEY.cache``, written atomically when the run ends; two runs at once
cost at most a re-lint.  Nothing is written next to the user's notes.
``--no-cache`` or ``STARLINT_NO_CACHE=1`` turn it off; ``starlint clean`` empties it.

The table is bytes anyone with write access to the folder (or a restored CI cache)
may have changed, so it is read as untrusted data: only a regular file (no link,
FIFO or device) of at most MAX_TABLE_BYTES, one line per entry,

    "PATH" TAB FILE-DIGEST TAB CHECKSUM TAB PAYLOAD

where PAYLOAD is compact JSON (no back-references: what it decodes to is in proportion
to its bytes, unlike marshal, whose 5 bytes can ask for a 16 GB tuple).  An entry is
used only when the file digest is that of the file's bytes, the checksum (BLAKE2b keyed
by the settings key, over path, digest and payload) matches, the payload is no bigger
than a report of that file can be, and it has exactly the shape of a report; anything
else is a miss and the file is linted afresh.  The checksum catches corruption and
entries moved between files, settings or versions; it is no signature (its key is not
secret), so whoever can write the cache can still plant results.

Reports with an internal error (STAR999) or an unreadable file (STAR9xx from
reading) are never stored: the next run tries again.
"""

from __future__ import annotations

import json
import marshal
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import hmac
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
_FORMAT = 5  # bump when the stored payload changes shape
# A results table bigger than this is neither read nor written.  A report is about
# 1.6 KB (2,000 generated notes: 3.3 MB), so this holds about 40,000 notes, and reading
# it whole stays under a tenth of a second and twice its size in memory.
MAX_TABLE_BYTES = 64_000_000
_HEADER = b"starlint-results %d\n" % _FORMAT
_SUFFIX = ".cache"
# A payload is at most this many bytes plus PAYLOAD_PER_BYTE per byte of its file (a
# report repeats titles and adds messages of ~100 bytes per diagnostic; the densest note
# we could write, "## a" over "x" again and again, gives 20 bytes per byte).
PAYLOAD_BASE = 8_192
PAYLOAD_PER_BYTE = 64
# and holds at most this many diagnostics per line of its file (20 rules, one each per story)
DIAGNOSTICS_PER_LINE = 32


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
    from ..datafiles import MAX_BYTES
    from ..reading.packs import pack_files

    root = config._root or Path.cwd()
    stamp = _blake2b(digest_size=12)
    for raw in config.packs:
        path = (root / raw).resolve()
        for f in pack_files(path) if path.is_dir() else [path]:
            stamp.update(str(f).encode() + b"\0")
            data = read_regular(f, MAX_BYTES, follow=True)  # (a FIFO is not waited on)
            stamp.update(b"\0missing" if data is None else data)
    return stamp.hexdigest()


def settings_key(config: Config) -> str:
    settings = [code_stamp(), config.values(by_alias=True), str(config._root), _pack_stamp(config)]
    return _blake2b(repr(settings).encode(), digest_size=12).hexdigest()


def digest(data: bytes) -> bytes:
    return _blake2b(data, digest_size=16).digest()


# ------------------------------------------------------------------ payload --
# Between worker processes a report travels as marshal bytes (written and read in C by
# starlint's own processes: trusted).  In the cache, which is not trusted, it is JSON.
def pack(report: FileReport) -> bytes:
    return marshal.dumps(_fields(report))


def unpack(path: str, payload: bytes) -> FileReport:
    return _build(path, marshal.loads(payload))


def _fields(report: FileReport) -> tuple:
    stories = tuple((s.title, s.line, s.end_line, tuple((k, tuple(v)) for k, v in s.parts.items()), s.quantified,
                     s.language, s.kind) for s in report.stories)
    diagnostics = tuple((d.code, d.name, d.severity, d.line, d.column, d.message, d.story_line, d.end_line)
                        for d in report.diagnostics)
    return (stories, diagnostics, report.talking_points)


def _build(path: str, fields) -> FileReport:
    from ..models import Diagnostic, FileReport, StoryReport

    stories, diagnostics, points = fields
    return FileReport(path=path,
                      stories=[StoryReport(t, line, end, {k: list(v) for k, v in parts}, q, lang, kind)
                               for t, line, end, parts, q, lang, kind in stories],
                      diagnostics=[Diagnostic(*d) for d in diagnostics], talking_points=points)


def encode(report: FileReport) -> bytes:
    """The cache's payload of a report: compact JSON of its fields."""
    return json.dumps(_fields(report), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


_PARTS = frozenset(("situation", "task", "action", "result"))
_SEVERITIES = frozenset(("error", "warning", "info"))
_LANGUAGES = frozenset(("ko", "en"))
_KINDS = frozenset(("experience", "other"))


def _line(value, top: int) -> bool:
    return type(value) is int and 0 <= value <= top


_INT = {int}
_NONE = type(None)


def well_formed(fields, lines: int) -> bool:
    """Whether decoded `fields` have exactly the shape of a report of a file of `lines` lines
    (every type, every name from its set, every line number within the file, every count
    within what such a file can give)."""
    if type(fields) is not list or len(fields) != 3:
        return False
    stories, diagnostics, points = fields
    top = lines + 1
    if (type(stories) is not list or type(diagnostics) is not list or not _line(points, top)
            or len(stories) > top or len(diagnostics) > DIAGNOSTICS_PER_LINE * top):
        return False
    numbers = []  # every line number, checked at once
    for story in stories:
        if type(story) is not list or len(story) != 7:
            return False
        title, line, end, parts, quantified, language, kind = story
        if (type(title) is not str or type(parts) is not list or len(parts) > 4
                or type(quantified) not in (_NONE, bool) or type(language) is not str or language not in _LANGUAGES
                or type(kind) is not str or kind not in _KINDS):
            return False
        numbers.append(line)
        numbers.append(end)
        for part in parts:
            if (type(part) is not list or len(part) != 2 or type(part[0]) is not str or part[0] not in _PARTS
                    or type(part[1]) is not list):
                return False
            numbers += part[1]
    for d in diagnostics:
        if (type(d) is not list or len(d) != 8 or type(d[0]) is not str or type(d[1]) is not str
                or type(d[2]) is not str or d[2] not in _SEVERITIES or type(d[4]) is not int or d[4] < 0
                or type(d[5]) is not str):
            return False
        numbers.append(d[3])
        if d[6] is not None:
            numbers.append(d[6])
        if d[7] is not None:
            numbers.append(d[7])
    if len(numbers) > 64 * top:
        return False
    return not numbers or (set(map(type, numbers)) <= _INT and min(numbers) >= 0 and max(numbers) <= top)


def _seal(key: str, name: bytes, file_digest: bytes, payload: bytes) -> bytes:
    """The checksum of an entry: keyed by the settings key (so by starlint's version and code too)."""
    mac = _blake2b(key=key.encode(), digest_size=16, person=b"starlint-result")
    mac.update(name + b"\t" + file_digest + b"\t")
    mac.update(payload)
    return mac.hexdigest().encode()


def _parse(raw: bytes | None) -> dict[bytes, bytes]:
    """The entries of a table file's bytes, each still unchecked (name -> the rest of its line)."""
    if raw is None or not raw.startswith(_HEADER) or raw.count(b"\n") > MAX_ENTRIES + 1:
        return {}
    table = {}
    for line in raw[len(_HEADER):].split(b"\n"):
        name, tab, rest = line.partition(b"\t")
        if tab:
            table[name] = rest
    return table


def _storable(report: FileReport) -> bool:
    return not any(d.code == "STAR999" or d.code == "STAR901" for d in report.diagnostics)


class ResultCache:
    """The tables of one run: looked up by (settings key, path, digest of the bytes)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._tables: dict[str, dict[bytes, bytes]] = {}
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

    def _file(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"results-{key}{_SUFFIX}"

    def _table(self, key: str) -> dict[bytes, bytes]:
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = _parse(read_regular(self._file(key), MAX_TABLE_BYTES))
            self._touched[key] = set()
        return table

    def get(self, path: str, data: bytes, config: Config) -> FileReport | None:
        if self.folder is None:
            return None
        key = self._key(config)
        name = json.dumps(path).encode()  # ASCII, no tab or newline
        entry = self._table(key).get(name)
        self._touched[key].add(name)
        if entry is not None:
            report = self._entry(key, name, path, entry, data)
            if report is not None:
                self.hits += 1
                return report
        self.misses += 1
        return None

    @staticmethod
    def _entry(key: str, name: bytes, path: str, entry: bytes, data: bytes) -> FileReport | None:
        """The report an entry holds for the file of bytes `data`, or None if it is not sound."""
        fields = entry.split(b"\t")
        if len(fields) != 3:
            return None
        file_digest, check, payload = fields
        if (file_digest != digest(data).hex().encode() or len(payload) > PAYLOAD_BASE + PAYLOAD_PER_BYTE * len(data)
                or not hmac.compare_digest(check, _seal(key, name, file_digest, payload))):
            return None
        try:
            value = json.loads(payload)
            if not well_formed(value, data.count(b"\n") + 1):
                return None
            return _build(path, value)
        except Exception:  # noqa: BLE001 - whatever else is wrong with an entry, it is only a miss
            return None

    def put(self, path: str, data: bytes, config: Config, report: FileReport) -> None:
        if self.folder is None or not _storable(report):
            return
        key = self._key(config)
        name = json.dumps(path).encode()
        file_digest = digest(data).hex().encode()
        payload = encode(report)
        self._table(key)[name] = b"\t".join((file_digest, _seal(key, name, file_digest, payload), payload))
        self._touched[key].add(name)
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
            touched = self._touched[key]
            if len(table) > MAX_ENTRIES:
                table = {p: v for p, v in table.items() if p in touched}
            lines = [_HEADER]
            size = len(_HEADER)
            # what this run touched first: if the table outgrows the cap, older entries go
            for name, rest in sorted(table.items(), key=lambda item: item[0] not in touched):
                size += len(name) + len(rest) + 2
                if size > MAX_TABLE_BYTES or len(lines) > MAX_ENTRIES:
                    break
                lines.append(name + b"\t" + rest + b"\n")
            try:
                write_atomic(self._file(key), b"".join(lines))
            except OSError:
                pass
        self._dirty.clear()
        self._prune()

    def _prune(self) -> None:
        assert self.folder is not None
        now = time.time()
        try:
            for old in os.scandir(self.folder):
                try:
                    if (_TABLE_NAME.fullmatch(old.name) and not old.is_dir(follow_symlinks=False)
                            and now - old.stat(follow_symlinks=False).st_mtime > STALE_SECONDS):
                        os.unlink(old.path)
                except OSError:
                    pass
        except OSError:
            pass


# The names of the files starlint writes in its cache folder, exactly: results tables (and
# those of the marshal format before this one), validated data, and the temporary files of
# writes cut short (write_atomic: mkstemp's ".NAME." + 8 of [a-z0-9_] + ".tmp").
_TABLE_NAME = re.compile(r"results-[0-9a-f]{24}\.(?:cache|marshal)")
_DATA_NAME = re.compile(r"data-\d+(?:\.\d+)+[0-9A-Za-z.+]*-\d+\.json")
_OWN_NAME = re.compile(rf"(?:{_TABLE_NAME.pattern}|{_DATA_NAME.pattern})|"
                       rf"\.(?:{_TABLE_NAME.pattern}|{_DATA_NAME.pattern})\.[a-z0-9_]{{8}}\.tmp")


def clean() -> list[Path]:
    """Remove every file starlint keeps in its cache folder (and only those); the files removed.

    A file counts only by its exact name; a link of such a name is removed, never followed,
    and a folder is left alone."""
    folder = cache_dir(respect_off=False)
    if folder is None:
        return []
    removed = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        try:
            if _OWN_NAME.fullmatch(entry.name) and not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed
