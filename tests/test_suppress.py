"""Suppression comments: every form, codes and names, unused ones, --no-inline-config."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from starlint import Config, lint_text
from starlint.cli import app

# Two stories, both without a Result (STAR004) and without a Task (STAR002).
def story(title: str) -> str:
    return (f"## {title}\n\n**Situation:** The build took 40 minutes.\n"
            f"**Action:** I split the tests into shards.\n\n")


TWO = "# Notes\n\n" + story("First") + story("Second")  # First at line 3, Second at line 8


def codes(text: str, config: Config | None = None) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in lint_text(text, "n.md", config).diagnostics]


def test_baseline():
    assert codes(TWO) == [(3, "STAR002"), (3, "STAR004"), (8, "STAR002"), (8, "STAR004")]


def test_disable_and_enable_block():
    text = "# Notes\n\n<!-- starlint-disable STAR004 -->\n" + story("First") + \
           "<!-- starlint-enable STAR004 -->\n" + story("Second")
    assert codes(text) == [(4, "STAR002"), (10, "STAR002"), (10, "STAR004")]


def test_disable_without_codes_disables_everything_until_the_end():
    text = "# Notes\n\n<!-- starlint-disable -->\n" + story("First") + story("Second")
    assert codes(text) == []


def test_disable_next_line_by_name():
    text = "# Notes\n\n<!-- starlint-disable-next-line missing-result -->\n" + story("First") + story("Second")
    assert codes(text) == [(4, "STAR002"), (9, "STAR002"), (9, "STAR004")]


def test_disable_line_inline():
    text = TWO.replace("## First", "## First <!-- starlint-disable-line STAR002, STAR004 -->")
    assert codes(text) == [(8, "STAR002"), (8, "STAR004")]


def test_disable_file():
    assert codes("<!-- starlint-disable-file -->\n" + TWO) == []
    assert codes("<!-- starlint-disable-file STAR002 -->\n" + TWO) == [(4, "STAR004"), (9, "STAR004")]


def test_disable_next_story_with_prefix():
    text = "# Notes\n\n" + story("First") + "<!-- starlint-disable-next-story STAR00 -->\n" + story("Second")
    assert codes(text) == [(3, "STAR002"), (3, "STAR004")]


def test_unused_suppression_is_reported_when_selected():
    text = "# Notes\n\n<!-- starlint-disable-next-line STAR101 -->\n" + story("First")
    assert codes(text) == [(4, "STAR002"), (4, "STAR004")]  # STAR910 is off by default
    found = lint_text(text, "n.md", Config(extend_select=["STAR910"])).diagnostics
    unused = [d for d in found if d.code == "STAR910"]
    assert len(unused) == 1 and unused[0].line == 3 and unused[0].story_line is None
    assert "STAR101" in unused[0].message and "nothing" in unused[0].message


def test_unknown_code_in_directive_is_reported():
    text = "<!-- starlint-disable STAR404 -->\n" + TWO
    found = lint_text(text, "n.md", Config(extend_select=["unused-suppression"])).diagnostics
    assert any(d.code == "STAR910" and "STAR404" in d.message for d in found)


def test_no_inline_config(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("<!-- starlint-disable-file -->\n" + TWO, encoding="utf-8")
    runner = CliRunner()
    quiet = json.loads(runner.invoke(app, ["check", "--format", "json", str(path)]).stdout)
    assert quiet["summary"]["errors"] == 0
    loud = json.loads(runner.invoke(app, ["check", "--format", "json", "--no-inline-config", str(path)]).stdout)
    assert loud["summary"]["errors"] == 4


def test_comments_in_code_blocks_are_not_directives():
    text = "```\n<!-- starlint-disable-file -->\n```\n" + TWO
    assert len(codes(text)) == 4
