"""Settings: which rules, what severity, which language, which packs — and where they came from.

Config lives in ``.starlint.toml`` or ``starlint.toml`` (top-level keys) or in
``pyproject.toml`` under ``[tool.starlint]``.  For each linted file the closest
config file wins (walking up from the file's folder); inside one folder
``.starlint.toml`` beats ``starlint.toml`` beats ``pyproject.toml``.  Command-line
options go on top.  Keys are validated: an unknown key or a bad value is an error
that names the file and the key.
"""

from __future__ import annotations

import fnmatch
import os
from functools import lru_cache
from stat import S_ISREG
from pathlib import Path, PurePosixPath
from typing import Any

from .checks import RULES, Rule, find_rule
from .models import Severity
from .reading.packs import Pack, PackError, builtin_packs, load_pack_file, pack_files

CONFIG_NAMES = (".starlint.toml", "starlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A config that cannot be used; the message names the file and the key."""


# field -> (config key, default).  The schema that checks a config file's values is
# config_schema.ConfigSchema; tests/test_validation.py keeps the two in step.
FIELDS: dict[str, tuple[str, Any]] = {
    "select": ("select", None),  # None: every rule that is on by default
    "extend_select": ("extend-select", []),
    "ignore": ("ignore", []),
    "severity": ("severity", {}),
    "per_file_ignores": ("per-file-ignores", {}),
    "exclude": ("exclude", []),
    "language": ("language", "auto"),  # how to read the notes
    "messages": ("messages", "auto"),  # which language to speak in
    "packs": ("packs", []),  # extra rule packs: .toml files or folders of them
    "inline_config": ("inline-config", True),  # honour starlint-disable comments
    # the answer framework stories are read under (a file's front matter may choose another)
    "framework": ("framework", "star"),
    # "auto": each story's kind is read (experience or another kind of answer);
    # "experience": every story is read as an experience (notes that hold only stories)
    "answer_kinds": ("answer-kinds", "auto"),
    # settings of rules that have them: {action-share = {min = 0.3}, STAR204 = {max-seconds = 150}}
    "rule_options": ("rule-options", {}),
    # where the rule pages are hosted (links in the editor and in SARIF); None: the installed copy
    "docs_url": ("docs-url", None),
}


class Config:
    """The effective settings for one file.  Field names are the config keys (with ``_``).

    ``Config()`` is the defaults, checked by nothing; ``Config(ignore=["STAR101"])`` and
    every config file are checked against config_schema.ConfigSchema (an unknown key or a
    bad value raises), and what a set of values validated to is remembered across runs,
    so an unchanged config costs no validation.
    """

    __slots__ = (*FIELDS, "_root", "_sources", "_enabled", "_options")

    def __init__(self, **values: Any) -> None:
        checked = validate_config(values) if values else {}
        for name, (_key, default) in FIELDS.items():
            value = checked.get(name, default)
            setattr(self, name, (type(value)(value) if isinstance(value, (list, dict)) else value))
        # where relative globs and pack paths are resolved from (the config file's folder)
        self._root: Path | None = None
        # key -> where its value came from ("default", a file, "command line")
        self._sources: dict[str, str] = {}
        self._enabled: dict[tuple, list[Rule]] = {}
        self._options: dict[str, Any] = {}

    @classmethod
    def model_validate(cls, data: dict[str, Any]) -> Config:
        """A config from a table of keys (config-file spelling or field names), checked."""
        return cls(**data)

    def values(self, by_alias: bool = False) -> dict[str, Any]:
        """Every setting, by field name (or by config key)."""
        return {(FIELDS[name][0] if by_alias else name): getattr(self, name) for name in FIELDS}

    def __eq__(self, other: object) -> bool:
        return type(other) is Config and self.values() == other.values() and self._root == other._root

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        changed = ", ".join(f"{k}={v!r}" for k, v in self.values().items() if v != FIELDS[k][1])
        return f"Config({changed})"

    # -- rules ----------------------------------------------------------------
    def enabled_rules(self, path: str | None = None) -> list[Rule]:
        ignored = tuple(self.ignore) + (tuple(self.ignored_for(path)) if path else ())
        # asked once per file: remembered per selection (the fields it reads are part of the key)
        key = (tuple(self.select) if self.select is not None else None, tuple(self.extend_select), ignored)
        rules = self._enabled.get(key)
        if rules is None:
            rules = self._enabled[key] = self._choose_rules(list(ignored))
        return list(rules)

    def _choose_rules(self, ignored: list[str]) -> list[Rule]:
        if self.select is None:
            chosen = [r for r in RULES if r.default_enabled]
        else:
            chosen = [r for r in RULES if _matches_any(r, self.select)]
        chosen += [r for r in RULES if r not in chosen and _matches_any(r, self.extend_select)]
        return [r for r in chosen if not _matches_any(r, ignored)]

    def options_for(self, rule: Rule) -> Any:
        """The rule's options: its defaults, then what `rule-options` sets (by code or by name)."""
        assert rule.options is not None, f"{rule.code} has no options"
        found = self._options.get(rule.code)
        if found is None:
            merged: dict[str, Any] = {}
            for key, options in self.rule_options.items():
                if find_rule(key) is rule:
                    merged.update(options)
            found = self._options[rule.code] = _options(rule, tuple(sorted((k, repr(v)) for k, v in merged.items())),
                                                        merged)
        return found

    def severity_of(self, rule: Rule) -> Severity:
        for key, value in self.severity.items():
            if _matches(rule, key):
                return value
        return rule.severity

    def is_enabled(self, code: str, path: str | None = None) -> bool:
        return any(r.code == code for r in self.enabled_rules(path))

    # -- paths ------------------------------------------------------------------
    def _relative(self, path: str) -> str:
        p = Path(path)
        if self._root is not None:
            try:
                return p.resolve().relative_to(self._root.resolve()).as_posix()
            except (ValueError, OSError):
                pass
        return PurePosixPath(p.as_posix()).as_posix().lstrip("./") or p.name

    def ignored_for(self, path: str) -> list[str]:
        if not self.per_file_ignores:
            return []
        rel = self._relative(path)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if _glob_match(rel, pattern):
                out.extend(codes)
        return out

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        rel = self._relative(path)
        return any(_glob_match(rel, pattern) for pattern in self.exclude)

    # -- packs ------------------------------------------------------------------
    def rule_packs(self) -> tuple[Pack, ...]:
        if not self.packs:
            return builtin_packs()
        root = self._root or Path.cwd()
        if any(not p.strip() for p in self.packs):
            raise ConfigError("packs: an empty path names no rule pack; name a .toml file or a folder of them")
        return builtin_packs() + _user_packs(tuple(_pack_path(root, p) for p in self.packs))

    def source_of(self, key: str) -> str:
        return self._sources.get(key, "default")


_OPTIONS: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}


def _options(rule: Rule, key: tuple[tuple[str, str], ...], values: dict[str, Any]) -> Any:
    cached = _OPTIONS.get((rule.code, key))
    if cached is None:
        assert rule.options is not None and rule.options_schema is not None
        # the values were checked with the config; this only fills in the defaults
        checked = rule.options_schema().model_validate(values).model_dump() if values else {}
        cached = _OPTIONS[(rule.code, key)] = rule.options(**checked)
    return cached


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.strip()
    if pattern.endswith("/"):
        pattern += "**"
    if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*"):
        return True
    if "/" not in pattern:  # a bare name matches at any depth
        return any(fnmatch.fnmatch(part, pattern) for part in PurePosixPath(rel).parts)
    return pattern.startswith("**/") and fnmatch.fnmatch(rel, pattern[3:])


def _pack_path(root: Path, pack: str) -> str:
    """A `packs` entry as an absolute path; a ConfigError for one that cannot be one (a
    symlink loop, a name the system refuses)."""
    try:
        return str((root / pack).resolve())
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop, before Python 3.13
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "a symlink loop"
        raise ConfigError(f"{root / pack}: rule pack cannot be read ({why})") from None


@lru_cache(maxsize=32)
def _user_packs(paths: tuple[str, ...]) -> tuple[Pack, ...]:
    packs: list[Pack] = []
    for raw in paths:
        path = Path(raw)
        try:
            path.stat()
        except OSError as exc:
            if not isinstance(exc, FileNotFoundError):
                raise ConfigError(f"{path}: rule pack cannot be read ({exc.strerror or exc})") from None
        if path.is_dir():
            files = pack_files(path)
            if not files:
                raise ConfigError(f"{path}: rule pack folder has no .toml files")
            packs.extend(load_pack_file(f) for f in files)
        elif path.is_file():
            packs.append(load_pack_file(path))
        else:
            raise ConfigError(f"{path}: rule pack not found")
    return tuple(packs)


def _matches(rule: Rule, key: str) -> bool:
    """A code (STAR004), a code prefix (STAR0, STAR), a kebab name (missing-result) or ALL."""
    key = key.strip()
    if key.upper() == "ALL":
        return True
    if find_rule(key) is rule:
        return True
    return key.upper().startswith("STAR") and rule.code.startswith(key.upper())


def _matches_any(rule: Rule, keys: list[str]) -> bool:
    return any(_matches(rule, k) for k in keys)


# ------------------------------------------------------------- validation --
class ConfigInvalid(ValueError):
    """Values that do not fit the config schema; `errors` are pydantic's, one per problem."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        super().__init__(_explain("config", errors))


def validate_config(values: dict[str, Any]) -> dict[str, Any]:
    """`values` (keys as in a config file, or field names) checked against
    config_schema.ConfigSchema: the checked values by field name.  Raises ConfigInvalid.

    What a set of values checked to is remembered across runs (keyed by the values
    and by the code that checks them), so pydantic is imported only for new ones."""
    from .runtime import datacache

    return datacache.memo("config", (_config_stamp(), repr(values)), lambda: _checked(values))


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    from pydantic import ValidationError

    from .config_schema import ConfigSchema

    try:
        model = ConfigSchema.model_validate(values)
    except ValidationError as exc:
        raise ConfigInvalid(exc.errors()) from None
    return {name: getattr(model, name) for name in FIELDS}


@lru_cache(maxsize=1)
def _config_stamp() -> str:
    """The code that checks a config: this module, the schemas, the rules' option schemas (and what builds them)."""
    import sys

    from .runtime import datacache

    files = {__file__, str(Path(__file__).with_name("config_schema.py")), str(Path(__file__).parent / "checks" / "base.py")}
    files |= {sys.modules[r.check.__module__].__file__ or "" for r in RULES if r.options_schema is not None}
    return "".join(datacache.source_key(f) for f in sorted(files))


# ------------------------------------------------------------------ files --
def read_config_file(path: Path) -> dict[str, Any] | None:
    """The starlint table of a config file, or None for a pyproject.toml without one.

    Remembered across runs by the file's bytes: an unchanged config is not parsed again."""
    from .runtime import datacache

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return datacache.memo("config-file", (path.name == "pyproject.toml", datacache.digest(raw)),
                       lambda: _config_table(path, raw))


def _config_table(path: Path, raw: bytes) -> dict[str, Any] | None:
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # a BOM (Windows editors write one) is not TOML
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("starlint") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.starlint] must be a table")
        return table
    return data


def config_from_file(path: Path, table: dict[str, Any] | None = None) -> Config:
    table = read_config_file(path) if table is None else table
    table = table or {}
    where = f"{path}" + (" [tool.starlint]" if path.name == "pyproject.toml" else "")
    try:
        config = Config(**table)
    except ConfigInvalid as exc:
        raise ConfigError(_explain(where, exc.errors)) from None
    config._root = path.parent.resolve()
    config._sources = {_key(k): where for k in table}
    for pack in config.packs:
        problem = _pack_path_problem(pack, config._root, path.name)
        if problem is not None:
            raise ConfigError(f"{where}: packs: {problem}")
    if config.packs:
        try:
            config.rule_packs()  # load now, so a bad pack stops the run up front
        except PackError as exc:
            raise ConfigError(str(exc)) from None
    return config


def _pack_path_problem(pack: str, root: Path, config_name: str) -> str | None:
    """Why a `packs` entry names no rule pack, or None: an empty path, or the config file's
    own folder (where the config file itself would be read as a pack)."""
    if not pack.strip():
        return (f"an empty path ({pack!r}) names no rule pack; name a .toml file or a folder "
                f"of them, relative to the config file")
    try:
        own_folder = Path(_pack_path(root, pack)) == root
    except ConfigError:
        return None  # (said when the pack is loaded)
    if own_folder:
        return (f"{pack!r} is the folder of this config file, so {config_name} itself would be read "
                f"as a rule pack; put the packs in a folder of their own (packs = [\"rules/\"]) "
                f"or name each file")
    return None


def _key(name: str) -> str:
    return name.replace("-", "_")


_ALLOWED = {
    "select": "a list of rule codes, prefixes or names",
    "extend-select": "a list of rule codes, prefixes or names",
    "ignore": "a list of rule codes, prefixes or names",
    "severity": 'a table like {STAR101 = "error"} (error, warning or info)',
    "per-file-ignores": 'a table like {"drafts/*.md" = ["STAR101"]}',
    "exclude": "a list of glob patterns",
    "language": '"auto", "ko" or "en"',
    "messages": '"auto", "ko" or "en"',
    "packs": "a list of rule pack files or folders",
    "inline-config": "true or false",
    "framework": '"star", "starl", "car", "par" or "soar"',
    "answer-kinds": '"auto" (read each story\'s kind) or "experience" (every story is an experience)',
    "rule-options": "a table like {action-share = {min = 0.3}, speaking-time = {max-seconds = 150}}",
    "docs-url": 'the address of the rule pages, like "https://…/docs/rules" (pages <docs-url>/STAR004.md) or a template with {code}',
}


def _explain(where: str, errors: list[dict[str, Any]]) -> str:
    lines = []
    for err in errors:
        loc = [str(p) for p in err["loc"]]
        key = loc[0].replace("_", "-") if loc else "?"
        if err["type"] == "extra_forbidden":
            lines.append(f"{where}: unknown key {key!r}; allowed keys: {', '.join(sorted(_ALLOWED))}")
        else:
            allowed = _ALLOWED.get(key, "")
            msg = err["msg"].removeprefix("Value error, ")
            lines.append(f"{where}: {'.'.join(loc).replace('_', '-')}: {msg}" + (f" (expected {allowed})" if allowed else ""))
    return "\n".join(lines)


def find_config_file(start: Path) -> Path | None:
    """The closest config file at or above `start` (a folder).

    The walk up stops at the repository's root (a folder holding `.git`) and at the
    user's home folder: a `starlint.toml` planted in a shared folder above them (`/tmp`,
    `/home`) must not silence the notes below.  For the same reason a config file owned
    by another user (not root) is passed over, as git passes over a repository that is
    not the user's.
    """
    folder = start.resolve()
    home = _home()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            try:
                st = candidate.stat()
            except OSError:  # not there, or a folder we may not look into: no config there
                continue
            if not S_ISREG(st.st_mode) or not _trusted(st.st_uid):
                continue
            if name == "pyproject.toml" and read_config_file(candidate) is None:
                continue
            return candidate
        if candidate_dir == home or _is_repository_root(candidate_dir):
            return None
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (OSError, RuntimeError, KeyError):  # no HOME and no passwd entry
        return None


def _is_repository_root(folder: Path) -> bool:
    try:
        return (folder / ".git").exists()
    except OSError:
        return False


def _trusted(uid: int) -> bool:
    getuid = getattr(os, "getuid", None)  # (not on Windows: there every file is trusted)
    return getuid is None or uid in (getuid(), 0)


class ConfigResolver:
    """Finds each file's config once per folder and lays command-line options on top."""

    def __init__(self, overrides: dict[str, Any] | None = None, config_path: Path | None = None,
                 isolated: bool = False) -> None:
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self.isolated = isolated
        self._fixed: Config | None = None
        if config_path is not None:
            if not config_path.is_file():
                raise ConfigError(f"{config_path}: config file not found")
            self._fixed = self._with_overrides(config_from_file(config_path, read_config_file(config_path) or {}))
        elif isolated:
            self._fixed = self._with_overrides(Config())
        self._by_file: dict[Path, Config] = {}
        self._found: dict[Path, Path | None] = {}  # folder -> its closest config file
        self._resolved: dict[str, Path] = {}  # folder as written -> resolved
        self._default: Config | None = None

    def for_path(self, path: str | Path) -> Config:
        if self._fixed is not None:
            return self._fixed
        # Resolving a path walks every part of it: do it once per folder as written.
        raw = os.fspath(path)
        written = raw if os.path.isdir(raw) else os.path.dirname(raw) or "."
        folder = self._resolved.get(written)
        if folder is None:
            folder = self._resolved[written] = Path(written).resolve()
        if folder in self._found:  # the walk up from a folder is the same for all its files
            found = self._found[folder]
        else:
            found = self._found[folder] = find_config_file(folder)
        if found is None:
            if self._default is None:
                self._default = self._with_overrides(Config())
            return self._default
        if found not in self._by_file:
            self._by_file[found] = self._with_overrides(config_from_file(found))
        return self._by_file[found]

    def _with_overrides(self, base: Config) -> Config:
        if not self.overrides:
            return base
        data = base.values()
        ignore = list(data["ignore"]) + list(self.overrides.get("ignore", []))
        extend = list(data["extend_select"]) + list(self.overrides.get("extend_select", []))
        data.update({k: v for k, v in self.overrides.items() if k not in ("ignore", "extend_select")})
        data["ignore"], data["extend_select"] = ignore, extend
        try:
            config = Config(**data)
        except ConfigInvalid as exc:
            raise ConfigError(_explain("command line", exc.errors)) from None
        config._root = base._root
        config._sources = dict(base._sources)
        for key in self.overrides:
            config._sources[key] = "command line"
        return config
