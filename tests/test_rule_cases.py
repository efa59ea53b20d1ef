"""Every rule's own cases (tests/rules/CODE-name.md): each case does exactly what its
header says, with the rule on (the default rules plus it, so rules that give way to
each other — STAR008 for STAR001, STAR007 for STAR001–004 — behave as in a real run)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from starlint.checks import RULES
from starlint.config import Config
from starlint.engine import lint_text

CASES = Path(__file__).parent / "rules"
HEADER = re.compile(r"^<!-- case: (?P<language>ko|en), expect (?P<expect>STAR\d{3}|none)(?: — [^>]*)? -->\n", re.M)
# rules tested elsewhere: coaching rules are scored in tests/coaching/; these read the
# file's bytes, which a case in a Markdown file cannot hold
ELSEWHERE = {"STAR201", "STAR202", "STAR203", "STAR204", "STAR205", "STAR207",
             "STAR901", "STAR902", "STAR903", "STAR904", "STAR999"}


def cases() -> list[tuple[str, str, str, str]]:
    found = []
    for path in sorted(CASES.glob("STAR*.md")):
        code = path.name[:7]
        text = path.read_text(encoding="utf-8")
        heads = list(HEADER.finditer(text))
        assert heads, f"{path.name} has no cases"
        for i, head in enumerate(heads):
            body = text[head.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)]
            found.append((code, head["language"], head["expect"], body.strip("\n") + "\n"))
    return found


CASE_LIST = cases()


@pytest.mark.parametrize(("code", "language", "expect", "text"), CASE_LIST,
                         ids=[f"{c}-{lang}-{e}-{i}" for i, (c, lang, e, _) in enumerate(CASE_LIST)])
def test_a_case_does_what_its_header_says(code, language, expect, text):
    report = lint_text(text, "case.md", Config(extend_select=[code]))
    fired = [d for d in report.diagnostics if d.code == code]
    if expect == "none":
        assert fired == [], [d.message for d in fired]
    else:
        assert fired, f"{code} did not fire; got {[d.code for d in report.diagnostics]}"
        hangul = any("\uac00" <= ch <= "\ud7a3" for d in fired for ch in d.message)
        assert hangul == (language == "ko"), [d.message for d in fired]  # the case's language


def test_every_rule_has_cases_of_both_kinds_in_both_languages():
    have: dict[str, set[tuple[str, bool]]] = {}
    for code, language, expect, _ in CASE_LIST:
        have.setdefault(code, set()).add((language, expect != "none"))
    wanted = {r.code for r in RULES} - ELSEWHERE
    assert set(have) == wanted
    for code, kinds in have.items():
        fires = {lang for lang, fired in kinds if fired}
        silent = {lang for lang, fired in kinds if not fired}
        assert fires and silent, code
        assert {"ko", "en"} <= fires | silent, code
    for path in CASES.glob("STAR*.md"):
        rule = next(r for r in RULES if r.code == path.name[:7])
        assert path.name == f"{rule.code}-{rule.name}.md"
