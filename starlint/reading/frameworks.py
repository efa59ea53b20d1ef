"""Answer frameworks (STAR, STAR-L, CAR, PAR, SOAR): which parts a story needs.

The reader (classify.py) always tags a story's lines with the four STAR parts.
A framework says which parts the story must have and what counts as each —
from those STAR parts, from the labels written (문제:, Lessons:), from marked
cue groups and from stems of its own — so the missing-part rules can follow it:
under CAR no Task is asked for, under STAR-L a Learning is, and a lesson is not
a Result.  Plain STAR keeps the reading as it is (a lesson counts as a Result).

The data is ``rules/frameworks/frameworks.toml`` (``starlint/_rules/frameworks/``
in the wheel), validated by the strict schema below.  A notes file picks its
framework in front matter (``starlint: {framework: car}``); the config key
``framework`` sets the default.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .packs import LABEL_KINDS, LabelSet, Pack, builtin_pack_dir, mark_builtin
from ..records import DataRecord, LocalText

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from ..models import Story, Unit

FrameworkName = Literal["star", "starl", "car", "par", "soar"]
FRAMEWORK_NAMES: tuple[str, ...] = ("star", "starl", "car", "par", "soar")
PartName = Literal["situation", "task", "action", "result", "learning", "obstacle"]
# the missing-part rule that speaks for each framework part
PART_CODES = {"situation": "STAR001", "task": "STAR002", "action": "STAR003", "result": "STAR004",
              "learning": "STAR005", "obstacle": "STAR006"}


# The records the frameworks file is read into; fields and defaults are those of
# the schemas in validation.py, where each is explained.
class FrameworkPart(DataRecord):
    __slots__ = ("part", "title", "parts", "label_kinds", "marks", "terms", "patterns", "within", "apart_from",
                 "message")
    _defaults = {"parts": [], "label_kinds": [], "marks": [], "terms": [], "patterns": [], "within": [],
                 "apart_from": [], "message": None}
    _nested = {"title": LocalText, "message": LocalText}


class Framework(DataRecord):
    __slots__ = ("name", "title", "summary", "labels", "parts")
    _defaults = {"labels": None}
    _nested = {"summary": LocalText, "labels": LabelSet, "parts": FrameworkPart}

    def part(self, name: str) -> FrameworkPart | None:
        return next((p for p in self.parts if p.part == name), None)


class FrameworkData(DataRecord):
    __slots__ = ("version", "frameworks")
    _defaults = {"version": 1}
    _nested = {"frameworks": Framework}

    def get(self, name: str) -> Framework:
        return next(f for f in self.frameworks if f.name == name)


class FrameworkError(Exception):
    """A frameworks file that cannot be used; the message names the file and the entry."""


def builtin_frameworks_path() -> Path:
    return builtin_pack_dir() / "frameworks" / "frameworks.toml"


@lru_cache(maxsize=1)
def frameworks() -> FrameworkData:
    from ..datafiles import load

    return load(builtin_frameworks_path(), "frameworks", FrameworkError, "frameworks file", True,
                build=FrameworkData.from_data)


def get(name: str) -> Framework:
    return frameworks().get(name)


@lru_cache(maxsize=None)
def label_pack(name: str) -> Pack | None:
    """The framework's own label words as a pack, read only under that framework."""
    fw = get(name)
    if not any(getattr(fw.labels, kind) for kind in LABEL_KINDS):
        return None
    return mark_builtin(Pack(name=f"framework-{name}", description=f"labels read under {fw.title}", labels=fw.labels))


def packs_for(name: str, packs: tuple[Pack, ...]) -> tuple[Pack, ...]:
    """The rule packs to read a file with under this framework (the same tuple object for STAR)."""
    extra = label_pack(name)
    return packs if extra is None else _joined(packs, extra)


_JOINED: dict[tuple[int, ...], tuple[Pack, ...]] = {}


def _joined(packs: tuple[Pack, ...], extra: Pack) -> tuple[Pack, ...]:
    # one tuple object per combination, so the lexicon cache (keyed by ids) finds it again
    key = (*map(id, packs), id(extra))
    if key not in _JOINED:
        _JOINED[key] = (*packs, extra)
    return _JOINED[key]


# ------------------------------------------------------------- front matter --
class FrontMatter:
    """The ``starlint`` settings of a notes file's front matter."""

    __slots__ = ("settings", "lines", "problems")

    def __init__(self) -> None:
        self.settings: dict[str, str] = {}
        self.lines: dict[str, int] = {}  # key -> 1-based line
        # (line, kind, detail): kind is "unknown-key", "bad-value" or "unreadable"
        self.problems: list[tuple[int, str, str]] = []


FRONT_MATTER_KEYS = {"framework": FRAMEWORK_NAMES, "answer-kinds": ("auto", "experience")}
_YAML_KEY = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")


def front_matter(source_lines: list[str]) -> FrontMatter:
    """Read ``starlint: {framework: car}`` (YAML, ``---``) or ``[starlint]`` (TOML, ``+++``).

    Only the small YAML subset this needs: a block mapping under ``starlint:`` or a
    flow mapping on its line, with plain or quoted scalar values.
    """
    out = FrontMatter()
    if not source_lines:
        return out
    first = source_lines[0].lstrip("\ufeff").strip()
    if first not in ("---", "+++"):
        return out
    closers = {"---", "..."} if first == "---" else {"+++"}
    end = next((i for i in range(1, len(source_lines)) if source_lines[i].strip() in closers), None)
    if end is None:
        return out
    body = source_lines[1:end]
    if first == "+++":
        _toml_front_matter(body, out)
    else:
        _yaml_front_matter(body, out)
    _validate(out)
    return out


def _yaml_front_matter(body: list[str], out: FrontMatter) -> None:
    for i, raw in enumerate(body):
        m = _YAML_KEY.match(raw)
        if not m or m.group("indent") or m.group("key") != "starlint":
            continue
        line = i + 2
        value = _strip_comment(m.group("value") or "")
        if value:
            if not (value.startswith("{") and value.endswith("}")):
                out.problems.append((line, "unreadable", value))
                return
            for piece in filter(None, (p.strip() for p in value[1:-1].split(","))):
                key, sep, val = piece.partition(":")
                if not sep:
                    out.problems.append((line, "unreadable", piece))
                    continue
                _put(out, key.strip(), val, line)
            return
        for j in range(i + 1, len(body)):
            child = body[j]
            if not child.strip() or child.lstrip().startswith("#"):
                continue
            cm = _YAML_KEY.match(child)
            if not child[:1].isspace():
                break
            if not cm:
                out.problems.append((j + 2, "unreadable", child.strip()))
                continue
            _put(out, cm.group("key"), cm.group("value") or "", j + 2)
        return


def _toml_front_matter(body: list[str], out: FrontMatter) -> None:
    import tomllib  # only for +++ front matter

    text = "\n".join(body)
    # Settings are a few lines: a huge or unrelated front matter is not parsed (tomllib
    # takes quadratic memory on a long dotted key, and recurses on nested arrays).
    if "starlint" not in text or len(text) > 16_384:
        return
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return  # not ours to judge: other tools read this front matter too
    table = data.get("starlint")
    if table is None:
        return
    line = next((i + 2 for i, raw in enumerate(body) if "starlint" in raw), 1)
    if not isinstance(table, dict):
        out.problems.append((line, "unreadable", str(table)))
        return
    for key, value in table.items():
        key_line = next((i + 2 for i, raw in enumerate(body) if raw.strip().startswith(key)), line)
        _put(out, key, str(value) if not isinstance(value, str) else value, key_line)


def _strip_comment(value: str) -> str:
    value = value.strip()
    if value[:1] in ("'", '"'):
        end = value.find(value[0], 1)
        return value[:end + 1] if end > 0 else value
    return re.sub(r"\s+#.*$", "", value).strip()


def _put(out: FrontMatter, key: str, value: str, line: int) -> None:
    value = _strip_comment(value)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    out.settings[key] = value.strip()
    out.lines[key] = line


def _validate(out: FrontMatter) -> None:
    for key in list(out.settings):
        allowed = FRONT_MATTER_KEYS.get(key)
        if allowed is None:
            out.problems.append((out.lines[key], "unknown-key", key))
            del out.settings[key]
        elif out.settings[key].lower() not in allowed:
            out.problems.append((out.lines[key], "bad-value", f"{key}: {out.settings[key]}"))
            del out.settings[key]
        else:
            out.settings[key] = out.settings[key].lower()


# ---------------------------------------------------------------- reading --
# a framework part's own terms and patterns as one regex (None: it has none), per part record
_MATCHERS: dict[int, tuple[FrameworkPart, re.Pattern[str] | None]] = {}


def _matcher(part: FrameworkPart) -> re.Pattern[str] | None:
    from .terms import term_regex

    found = _MATCHERS.get(id(part))
    if found is None or found[0] is not part:
        pieces = [term_regex(t) for t in part.terms] + list(part.patterns)
        regex = re.compile("|".join(f"(?:{p})" for p in pieces), re.I) if pieces else None
        found = _MATCHERS[id(part)] = (part, regex)
    return found[1]


def unit_text(unit: "Unit") -> str:
    """What a unit says, without its label."""
    return unit.content or unit.plain


def is_lesson_only(unit: "Unit", lex: "Lexicon") -> bool:
    """A line that is only a lesson learned: under a Learning label, or read as a
    Result from learning stems alone (no figure, no other outcome word)."""
    kind = unit.label or unit.inherited
    if kind is not None:
        return kind == "learning"
    if "result" not in unit.parts or unit.quantities:
        return False
    outcome = [c for c in lex.cues(unit.plain) if c.part == "result"]
    return bool(outcome) and all("learning" in c.marks for c in outcome)


def counts_as(unit: "Unit", fpart: FrameworkPart, lex: "Lexicon") -> bool:
    """Does this unit carry the framework part?"""
    # (asked for every unit by each missing-part rule: loops over the short lists, no sets)
    for evidence in unit.evidence:
        if evidence.part == "none":  # a placeholder ("결과: TBD")
            return False
    kind = unit.label or unit.inherited
    if kind is not None and kind in fpart.label_kinds:
        return True
    parts = fpart.parts
    if any(part in parts for part in unit.parts):
        if not ("learning" in fpart.apart_from and is_lesson_only(unit, lex)):
            return True
    if fpart.marks or fpart.terms or fpart.patterns:
        where = set(unit.parts) or {"unread"}
        if fpart.within and not (where & set(fpart.within)):
            return False
        text = unit_text(unit)
        if fpart.marks and any(set(c.marks) & set(fpart.marks) for c in lex.cues(text)):
            return True
        regex = _matcher(fpart)
        if regex is not None and regex.search(text):
            return True
    return False


def has_part(story: "Story", fpart: FrameworkPart, lex: "Lexicon") -> bool:
    return any(counts_as(u, fpart, lex) for u in story.units)
