r"""Rule packs: the data that tells starlint how people write STAR notes.

A pack is a TOML file (built-in ones live in the project's top-level ``rules/``
and ship inside the wheel as ``starlint/_rules``).  Users' packs use the very
same schema, so a typo in a key fails loudly instead of being ignored.

Four kinds of data live in a pack:
- ``labels``: the words people put in front of a part (``상황:``, ``**Result**``).
- ``cues``: stems and patterns that hint at a part in unlabelled text.
- ``quantities``: counters, units and metric words that make a Result measurable.
- ``coaching``: the words the coaching rules (STAR2xx) read by: hedges, "we" and "I".

A pack is data, never code, and a user's pack cannot hang a run.  Every regular
expression in a pack (``cues.patterns`` and the ``coaching`` ``*_patterns``) is
checked on load, and a pack whose pattern fails is refused with an error naming the
file, the entry and the pattern.  starlint's own patterns run on Python's ``re``; a
user's run on RE2 (google-re2), whose matching time is linear in the text whatever
the pattern, so look-around and back-references are not available there.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from ..records import DataRecord
from .terms import user_pattern_problem

PART_NAMES = ("situation", "task", "action", "result")
Part = Literal["situation", "task", "action", "result"]
CuePart = Literal["situation", "task", "action", "result", "pending"]
LABEL_KINDS = ("situation", "task", "action", "result", "problem", "learning", "reflection")

# The records a pack is read into.  Their fields and defaults are those of the
# schemas in validation.py (where each field is explained); tests/test_validation.py
# keeps the two in step.


class LabelSet(DataRecord):
    __slots__ = LABEL_KINDS
    _defaults = dict.fromkeys(LABEL_KINDS, [])


class CueGroup(DataRecord):
    __slots__ = ("part", "weight", "terms", "patterns", "inside_labels", "marks", "note")
    _defaults = {"weight": 1.0, "terms": [], "patterns": [], "inside_labels": False, "marks": [], "note": ""}


_QUANTITY_FIELDS = ("counters", "count_nouns", "rank_counters", "rank_words", "multipliers", "multiplier_words",
                    "money_units", "time_units", "time_saving_words", "metric_words", "units", "ordinal_suffixes",
                    "number_words", "time_words")


class QuantityLexicon(DataRecord):
    __slots__ = _QUANTITY_FIELDS
    _defaults = dict.fromkeys(_QUANTITY_FIELDS, [])


_COACHING_FIELDS = ("team_subjects", "team_patterns", "self_subjects", "self_patterns", "hedges", "hedge_patterns",
                    "lead_markers")


class CoachingLexicon(DataRecord):
    __slots__ = _COACHING_FIELDS
    _defaults = dict.fromkeys(_COACHING_FIELDS, [])


class Question(DataRecord):
    __slots__ = ("type", "kind", "priority", "terms", "patterns")
    _defaults = {"priority": 3, "terms": [], "patterns": []}


_ANSWER_FIELDS = ("past", "past_patterns", "plan", "plan_patterns", "general", "general_patterns")


class AnswerWords(DataRecord):
    __slots__ = _ANSWER_FIELDS
    _defaults = dict.fromkeys(_ANSWER_FIELDS, [])


_WORD_FIELDS = ("noun_suffixes", "subject_particles", "others_endings", "not_cues")


class WordStructure(DataRecord):
    __slots__ = _WORD_FIELDS
    _defaults = dict.fromkeys(_WORD_FIELDS, [])


class Pack(DataRecord):
    __slots__ = ("name", "language", "description", "labels", "cues", "quantities", "placeholders", "coaching",
                 "placeholder_prefixes", "questions", "answers", "words")
    _defaults = {"language": "any", "description": "", "labels": None, "cues": [], "quantities": None,
                 "placeholders": [], "coaching": None, "placeholder_prefixes": [], "questions": [], "answers": None,
                 "words": None}
    _nested = {"labels": LabelSet, "cues": CueGroup, "quantities": QuantityLexicon, "coaching": CoachingLexicon,
               "questions": Question, "answers": AnswerWords, "words": WordStructure}

    def __init__(self, **values) -> None:
        super().__init__(**values)
        # nested records default to empty ones, as the schema's default factories do
        for name, kind in (("labels", LabelSet), ("quantities", QuantityLexicon), ("coaching", CoachingLexicon),
                           ("answers", AnswerWords), ("words", WordStructure)):
            if getattr(self, name) is None:
                setattr(self, name, kind())


# ------------------------------------------------------------- patterns --
def pattern_problem(pattern: str, builtin: bool = False) -> str | None:
    """Why a pack's regular expression is refused, or None.  starlint's own patterns run
    on Python's re; a user's run on RE2, whose time is linear in the text (terms.py)."""
    if not builtin:
        return user_pattern_problem(pattern)
    try:
        re.compile(pattern)
        re.compile(f"(?!)|(?:{pattern})")  # as it is used: one alternative of a larger pattern
    except re.error as exc:
        return f"does not compile: {exc}"
    except (RecursionError, OverflowError):
        return "is too deeply nested to compile"
    return None


class PackError(Exception):
    """A pack that cannot be loaded; the message names the file and the entry."""


def builtin_pack_dir() -> Path:
    """The built-in data: starlint/_rules in a wheel, rules/ in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_rules"
    if installed.is_dir():
        return installed
    return package.parent / "rules"  # a source checkout / editable install


def load_pack_file(path: Path, builtin: bool = False) -> Pack:
    """A rule pack file, validated by the schema in validation.py (an unknown key is an error).
    `builtin`: one of starlint's own packs (see is_builtin)."""
    from ..datafiles import load

    pack = load(path, "pack", PackError, "rule pack", builtin, build=Pack.from_data)
    if builtin:
        mark_builtin(pack)
    return pack  # type: ignore[return-value]


# starlint's own packs, by identity: their patterns run on Python's re, a user's on RE2
_BUILTIN: dict[int, Pack] = {}


def mark_builtin(pack: Pack) -> Pack:
    _BUILTIN[id(pack)] = pack
    return pack


def is_builtin(pack: Pack) -> bool:
    return _BUILTIN.get(id(pack)) is pack


def pack_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.toml") if p.is_file())


@lru_cache(maxsize=None)
def builtin_packs() -> tuple[Pack, ...]:
    return tuple(load_pack_file(p, builtin=True) for p in pack_files(builtin_pack_dir()))
