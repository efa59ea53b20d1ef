"""Settings that shape a run: which rules, what severity, which language for messages."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .checks import RULES, Rule, find_rule
from .models import Severity


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] | None = None  # None: every rule that is on by default
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    language: Literal["auto", "ko", "en"] = "auto"  # how to read the notes
    messages: Literal["auto", "ko", "en"] = "auto"  # which language to speak in

    def enabled_rules(self) -> list[Rule]:
        if self.select is None:
            chosen = [r for r in RULES if r.default_enabled]
        else:
            chosen = [r for r in RULES if _matches_any(r, self.select)]
        chosen += [r for r in RULES if r not in chosen and _matches_any(r, self.extend_select)]
        return [r for r in chosen if not _matches_any(r, self.ignore)]

    def severity_of(self, rule: Rule) -> Severity:
        for key, value in self.severity.items():
            if _matches(rule, key):
                return value
        return rule.severity


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
