"""check: one module per rule (code, name, default severity, docs beside the logic)."""

from __future__ import annotations

from . import (
    action_share,
    duplicate_story,
    empty_story,
    front_matter,
    hedged_result,
    missing_part,
    ownership,
    part_not_found,
    result_not_last,
    speaking_time,
    unquantified_result,
)
from .base import Finding, Rule
from .tool import TOOL_RULES

STORY_RULES: tuple[Rule, ...] = missing_part.RULES + tuple(
    m.RULE for m in (empty_story, part_not_found, unquantified_result,
                     # coaching (STAR2xx): would the answer land?
                     ownership, hedged_result, action_share, speaking_time, result_not_last,
                     duplicate_story)
)
RULES: tuple[Rule, ...] = tuple(sorted(STORY_RULES + TOOL_RULES + (front_matter.RULE,), key=lambda r: r.code))
BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


# Codes that were rules once: a config or comment naming one is told where it went.
REMOVED: dict[str, str] = {
    "STAR206": "talking-point-stub was folded into STAR007 empty-story (a question with nothing "
               "of any part under it yet)",
    "TALKING-POINT-STUB": "STAR206 talking-point-stub was folded into STAR007 empty-story",
}


def find_rule(key: str) -> Rule | None:
    """A rule by code (STAR004, star004) or kebab name (missing-result)."""
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())


def check_selector(value: str) -> str:
    """`value` if it names rules (a code, a code prefix, a name, ALL); else a ValueError
    that says what is wrong (a removed rule says where it went)."""
    key = value.strip()
    if find_rule(key) or key.upper() == "ALL" or (key.upper().startswith("STAR") and _prefix_hits(key)):
        return key
    if key.upper() in REMOVED:
        raise ValueError(f"rule {value!r} is gone: {REMOVED[key.upper()]}")
    raise ValueError(f"unknown rule {value!r}; use a code (STAR004), a prefix (STAR0) or a name "
                     f"({', '.join(r.name for r in RULES[:3])}, …); `starlint rules` lists them")


def _prefix_hits(key: str) -> bool:
    return any(r.code.startswith(key.upper()) for r in RULES)


__all__ = ["RULES", "STORY_RULES", "TOOL_RULES", "BY_CODE", "BY_NAME", "REMOVED", "Finding", "Rule", "check_selector", "find_rule"]
