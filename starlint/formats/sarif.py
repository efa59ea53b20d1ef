"""--format sarif: Report → SARIF 2.1.0 (for code-scanning UIs), as the small subset starlint emits.

One run; the driver lists every rule (so a result's ``ruleIndex`` points into it) and a
descriptor for any code a diagnostic carries that is not a known rule.  Columns are in
UTF-16 code units, SARIF's default ``columnKind``.  Rules carry a ``helpUri`` (and the
driver an ``informationUri``) only when the address of the rule pages is configured
(``docs-url``, ``STARLINT_DOCS_URL``): the installed copy's ``file:`` path would mean
nothing where the SARIF is read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Literal, TextIO
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from ..models import Diagnostic, Report, Severity
from .base import AtEnd

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
Level = Literal["error", "warning", "note"]
LEVELS: dict[Severity, Level] = {"error": "error", "warning": "warning", "info": "note"}


class _Sarif(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class Text(_Sarif):  # message / multiformatMessageString
    text: str


class ReportingConfiguration(_Sarif):
    level: Level
    enabled: bool | None = None  # only written when a rule is off by default


class ReportingDescriptor(_Sarif):
    id: str
    name: str
    short_description: Text
    full_description: Text | None = None
    help: Text | None = None
    help_uri: str | None = None
    default_configuration: ReportingConfiguration


class ToolComponent(_Sarif):
    name: str = "starlint"
    version: str
    information_uri: str | None = None
    rules: list[ReportingDescriptor] = []


class Tool(_Sarif):
    driver: ToolComponent


class Region(_Sarif):
    start_line: int
    start_column: int = 1
    end_line: int | None = None


class ArtifactLocation(_Sarif):
    uri: str


class PhysicalLocation(_Sarif):
    artifact_location: ArtifactLocation
    region: Region


class Location(_Sarif):
    physical_location: PhysicalLocation


class Result(_Sarif):
    rule_id: str
    rule_index: int | None = None
    level: Level
    message: Text
    locations: list[Location]


class Run(_Sarif):
    tool: Tool
    column_kind: Literal["utf16CodeUnits"] = "utf16CodeUnits"
    results: list[Result] = []


class SarifLog(_Sarif):
    schema_: str = Field(SARIF_SCHEMA, alias="$schema")
    version: Literal["2.1.0"] = "2.1.0"
    runs: list[Run]


def utf16_column(line_text: str, char_index: int) -> int:
    """1-based SARIF column of the character at 0-based ``char_index``: UTF-16 code units
    before it, plus one (an emoji or other non-BMP character counts 2)."""
    return len(line_text[:char_index].encode("utf-16-le")) // 2 + 1


def artifact_uri(path: str) -> str:
    """A path as a URI reference: relative paths stay relative with forward slashes,
    absolute ones become file: URIs; anything outside RFC 3986 is percent-encoded."""
    pure = PurePath(path)  # the platform's own flavour: backslashes and drives on Windows
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def _descriptor(code: str, name: str, severity: Severity, summary: str, doc: str | None,
                enabled: bool = True, help_uri: str | None = None) -> ReportingDescriptor:
    return ReportingDescriptor(
        id=code, name=name, short_description=Text(text=summary),
        full_description=Text(text=doc) if doc else None, help=Text(text=doc) if doc else None, help_uri=help_uri,
        default_configuration=ReportingConfiguration(level=LEVELS[severity], enabled=None if enabled else False))


def to_sarif(report: Report, sources: Mapping[str, Sequence[str]] | None = None,
             docs_url: str | None = None) -> SarifLog:
    """The report as a SARIF log.  ``sources`` (path → source lines) lets columns past 1
    be converted to UTF-16 units; without it a column is taken as it is.  ``docs_url``:
    the configured address of the rule pages (else ``$STARLINT_DOCS_URL``; neither: no links)."""
    from .. import __version__, ruledocs
    from ..checks import RULES

    base = ruledocs.base_url(docs_url)
    rules = [_descriptor(r.code, r.name, r.severity, r.summary, r.doc, r.default_enabled,
                         ruledocs.hosted_page(base, r.code) if base else None) for r in RULES]
    index = {r.code: i for i, r in enumerate(RULES)}
    results: list[Result] = []
    for f in report.files:
        uri = artifact_uri(f.path)
        for d in f.diagnostics:
            if d.code not in index:  # a code with no Rule behind it: describe it from the diagnostic
                index[d.code] = len(rules)
                rules.append(_descriptor(d.code, d.name, d.severity, d.name.replace("-", " ").capitalize() + ".", None))
            region = Region(start_line=d.line, start_column=_column(d, (sources or {}).get(f.path)),
                            end_line=d.end_line if d.end_line and d.end_line >= d.line else None)
            results.append(Result(rule_id=d.code, rule_index=index[d.code], level=LEVELS[d.severity],
                                  message=Text(text=d.message),
                                  locations=[Location(physical_location=PhysicalLocation(
                                      artifact_location=ArtifactLocation(uri=uri), region=region))]))
    driver = ToolComponent(version=__version__, rules=rules, information_uri=ruledocs.hosted_index(base) if base else None)
    return SarifLog(runs=[Run(tool=Tool(driver=driver), results=results)])


def _column(d: Diagnostic, lines: Sequence[str] | None) -> int:
    if d.column > 1 and lines is not None and 0 < d.line <= len(lines):
        return utf16_column(lines[d.line - 1], d.column - 1)
    return d.column


def write_sarif(report: Report, out: TextIO, sources: Mapping[str, Sequence[str]] | None = None,
                docs_url: str | None = None) -> None:
    log = to_sarif(report, sources, docs_url)
    out.write(json.dumps(log.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False, indent=2))
    out.write("\n")


class Writer(AtEnd):
    """The sarif format in a run: one log, written at the end."""

    def write(self, report: Report) -> None:
        write_sarif(report, self.out, docs_url=self.options.docs_url)
