"""The pydantic schema of a config file's ``[tool.starlint]`` / ``starlint.toml`` table.

Apart from validation.py (the schemas of the data files the reading stage loads) because
it needs the rule registry (rule codes, rule options), and the registry's rules need
the reading stage: config → config_schema → checks → reading → validation, one way.
Imported only to validate a config file the cache has not seen.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checks import RULES, check_selector, find_rule


Severity = Literal["error", "warning", "info"]


def _known(keys: list[str]) -> list[str]:
    return [check_selector(k) for k in keys]


class ConfigSchema(BaseModel):
    """A config file's ``[tool.starlint]`` / ``starlint.toml`` table (see config.FIELDS)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    exclude: list[str] = Field(default_factory=list)
    language: Literal["auto", "ko", "en"] = "auto"
    messages: Literal["auto", "ko", "en"] = "auto"
    packs: list[str] = Field(default_factory=list)
    inline_config: bool = Field(default=True, alias="inline-config")
    framework: Literal["star", "starl", "car", "par", "soar"] = "star"
    answer_kinds: Literal["auto", "experience"] = Field(default="auto", alias="answer-kinds")
    rule_options: dict[str, dict[str, Any]] = Field(default_factory=dict, alias="rule-options")
    docs_url: str | None = Field(default=None, alias="docs-url")

    @field_validator("docs_url")
    @classmethod
    def _an_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not value.lower().startswith(("https://", "http://", "file:")) or any(c.isspace() for c in value):
            raise ValueError(f"{value!r} is not an address: give an https://, http:// or file: URL with no spaces")
        return value

    @field_validator("select", "extend_select", "ignore")
    @classmethod
    def _known_rules(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _known(value)

    @field_validator("severity")
    @classmethod
    def _known_severity_keys(cls, value: dict[str, Severity]) -> dict[str, Severity]:
        _known(list(value))
        return value

    @field_validator("per_file_ignores")
    @classmethod
    def _known_ignores(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for codes in value.values():
            _known(codes)
        return value

    @field_validator("rule_options")
    @classmethod
    def _known_options(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for key, options in value.items():
            rule = find_rule(key)
            if rule is None:
                _known([key])  # names the problem the usual way
                raise ValueError(f"{key!r}: rule-options take one rule's code or name, not a prefix")
            if rule.options_schema is None:
                with_options = ", ".join(r.name for r in RULES if r.options_schema is not None)
                raise ValueError(f"{key!r}: {rule.code} {rule.name} has no options (rules with options: {with_options})")
            schema = rule.options_schema()
            try:
                schema.model_validate(options)
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in err['loc']) or key}: {err['msg'].removeprefix('Value error, ')}"
                    for err in exc.errors())
                fields = ", ".join(f.alias or n for n, f in schema.model_fields.items())
                raise ValueError(f"{key!r}: {problems} (options of {rule.name}: {fields})") from None
        return value
