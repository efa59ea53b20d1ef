"""SARIF and GitHub Actions output: valid against the official schema, true to the report."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from jsonschema.validators import validator_for

from starlint import Diagnostic, FileReport, Report, __version__, lint_paths
from starlint.checks import RULES
from starlint.formats.github import write_github
from starlint.formats.sarif import artifact_uri, utf16_column, write_sarif

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def sarif_of(report: Report, **kwargs) -> dict:
    out = io.StringIO()
    write_sarif(report, out, **kwargs)
    return json.loads(out.getvalue())


def assert_valid(log: dict) -> None:
    # The official schema declares draft-04 (errata 01); it is also a valid draft-07 schema,
    # and our output must pass both.
    for cls in {validator_for(SCHEMA), jsonschema.Draft7Validator}:
        cls.check_schema(SCHEMA)
        errors = list(cls(SCHEMA, format_checker=cls.FORMAT_CHECKER).iter_errors(log))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def github_of(report: Report) -> list[str]:
    out = io.StringIO()
    write_github(report, out)
    return out.getvalue().splitlines()


@pytest.fixture
def answers(monkeypatch) -> Report:
    monkeypatch.chdir(ROOT)
    report = lint_paths(["answers/"])
    assert report.summary.errors and report.summary.warnings
    return report


def test_vendored_schema_is_the_official_sarif_2_1_0():
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    assert {"result", "run", "toolComponent", "reportingDescriptor", "region"} <= SCHEMA["definitions"].keys()


def test_sarif_for_the_shipped_answers_is_valid_and_matches_the_report(answers):
    log = sarif_of(answers)
    assert_valid(log)
    assert log["version"] == "2.1.0" and log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("starlint", __version__)

    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    for desc, rule in zip(rules, RULES):
        assert desc["name"] == rule.name
        assert desc["shortDescription"]["text"] == rule.summary
        assert desc["fullDescription"]["text"] == desc["help"]["text"] == rule.doc
        assert desc["defaultConfiguration"]["level"] == LEVELS[rule.severity]
        assert desc["defaultConfiguration"].get("enabled", True) is rule.default_enabled

    diagnostics = [(f, d) for f in answers.files for d in f.diagnostics]
    assert len(run["results"]) == len(diagnostics) == 22  # 6 errors (two STAR007), 10 warnings, 6 infos
    for result, (f, d) in zip(run["results"], diagnostics):
        assert result["ruleId"] == d.code
        assert rules[result["ruleIndex"]]["id"] == d.code
        assert result["level"] == LEVELS[d.severity]
        assert result["message"]["text"] == d.message
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == f.path.replace("\\", "/")
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"]) == (d.line, 1, d.end_line)
    assert {r["ruleId"] for r in run["results"]} == {"STAR001", "STAR002", "STAR003", "STAR004", "STAR007", "STAR101",
                                                    "STAR201", "STAR202", "STAR203", "STAR205", "STAR207"}
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}

    run["results"][0]["level"] = "info"  # not a SARIF level: the schema does catch mistakes
    with pytest.raises(AssertionError):
        assert_valid(log)


def test_sarif_for_an_unreadable_file_is_valid(tmp_path):
    bad = tmp_path / "broken notes.md"
    bad.write_bytes("## 경험\n상황: 대회\n".encode() + b"\xff\xfe oops\n")
    report = lint_paths([bad])
    (d,) = report.files[0].diagnostics
    assert d.code.startswith("STAR9") and d.story_line is None
    log = sarif_of(report)
    assert_valid(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == d.code == "STAR902"
    assert log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "STAR902"
    assert result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 1}  # no endLine for a file-level diagnostic
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == bad.as_uri()
    assert "%20" in bad.as_uri()


def test_sarif_describes_a_code_that_has_no_rule():
    d = Diagnostic(code="STAR990", name="made-up-problem", severity="info", line=1, message="no such rule")
    log = sarif_of(Report.from_files([FileReport(path="notes/a.md", diagnostics=[d])]))
    assert_valid(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    (result,) = log["runs"][0]["results"]
    assert result["ruleIndex"] == len(RULES)
    assert rules[-1]["id"] == "STAR990" and rules[-1]["name"] == "made-up-problem"
    assert rules[-1]["defaultConfiguration"]["level"] == result["level"] == "note"


def test_utf16_column_counts_an_emoji_as_two():
    line = "📌 **결과** : 3x"
    assert utf16_column(line, 0) == 1
    assert utf16_column(line, 1) == 3  # after the emoji (two UTF-16 code units)
    assert utf16_column(line, line.index("결")) == 6  # 📌(2) + ' '(1) + '**'(2), then 1-based
    assert utf16_column("abc", 2) == 3


def test_sarif_columns_past_one_are_converted_from_the_source_line():
    d = Diagnostic(code="STAR101", name="unquantified-result", severity="warning", line=2, column=3,
                   message="m", end_line=2)
    report = Report.from_files([FileReport(path="a.md", diagnostics=[d])])
    sources = {"a.md": ["# t", "📌 결과: 좋아짐"]}
    region = sarif_of(report, sources=sources)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 4, "endLine": 2}
    assert sarif_of(report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 3


@pytest.mark.parametrize("path, uri", [
    ("answers/ko-data.md", "answers/ko-data.md"),
    ("notes/my story #1.md", "notes/my%20story%20%231.md"),
    ("노트/경험.md", "%EB%85%B8%ED%8A%B8/%EA%B2%BD%ED%97%98.md"),
    ("a:b.md", "a%3Ab.md"),  # a colon would otherwise read as a URI scheme
])
def test_artifact_uri_is_a_percent_encoded_relative_reference(path, uri):
    assert artifact_uri(path) == uri


def test_github_line_for_a_known_diagnostic(answers):
    lines = github_of(answers)
    assert len(lines) == sum(len(f.diagnostics) for f in answers.files) == 22
    en = next(f for f in answers.files if f.path.endswith("en-product.md"))
    d = next(d for d in en.diagnostics if d.code == "STAR001")
    assert d.message.startswith("Situation missing: add when and where")
    expected = ("::error file=answers/en-product.md,line=12,col=1,endLine=16,"
                f"title=STAR001 missing-situation::{d.message}")
    assert expected in lines
    assert [line.split(" ", 1)[0] for line in lines].count("::warning") == 10
    ko = next(line for line in lines if "ko-data.md,line=22," in line)
    assert ko.startswith("::warning file=answers/ko-data.md,line=22,col=1,endLine=26,"
                         "title=STAR101 unquantified-result::")
    assert "없습니다: %25, 건수를" in ko  # % in a message is escaped


def test_github_escapes_data_and_properties():
    d = Diagnostic(code="STAR101", name="unquantified-result", severity="info", line=3, column=1,
                   message="50% done\nnext: a, b\r", story_line=3)
    e = Diagnostic(code="STAR902", name="not-utf8", severity="error", line=1, message="bad")
    report = Report.from_files([FileReport(path="notes/a:b,c%.md", diagnostics=[d, e])])
    assert github_of(report) == [
        "::notice file=notes/a%3Ab%2Cc%25.md,line=3,col=1,title=STAR101 unquantified-result::50%25 done%0Anext: a, b%0D",
        "::error file=notes/a%3Ab%2Cc%25.md,line=1,col=1,title=STAR902 not-utf8::bad",
    ]


# ---- through the command line ------------------------------------------------
def test_cli_formats_and_github_default(monkeypatch):
    from typer.testing import CliRunner

    from starlint.cli import app

    answers = ROOT / "answers"
    runner = CliRunner()
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    sarif = runner.invoke(app, ["check", "--format", "sarif", str(answers)])
    assert sarif.exit_code == 1
    assert json.loads(sarif.stdout)["version"] == "2.1.0"
    github = runner.invoke(app, ["check", "--format", "github", str(answers)])
    assert github.stdout.startswith("::")
    text = runner.invoke(app, ["check", str(answers)])
    assert not text.stdout.startswith("::")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    default = runner.invoke(app, ["check", str(answers)])
    assert default.stdout == github.stdout
    explicit = runner.invoke(app, ["check", "--format", "text", str(answers)])
    assert explicit.stdout == text.stdout
