"""Every rule doc's examples are run: a "Failing" example gets the rule's code, a
"Passing" one does not (markdownlint / sqlfluff style: the docs cannot drift)."""

from __future__ import annotations

import re
import textwrap

import pytest

from starlint import lint_text
from starlint.checks import RULES
from starlint.config import Config

_HEAD = re.compile(r"^(Failing|Passing) \((ko|en)\):[ \t]*$", re.M)


def examples(doc: str) -> list[tuple[str, str, str]]:
    """(Failing|Passing, language, notes) of each example written as an indented block."""
    out = []
    for m in _HEAD.finditer(doc):
        block = []
        for line in doc[m.end() + 1:].splitlines():
            if line.startswith("    ") or (not line.strip() and block):
                block.append(line)
            else:
                break
        text = textwrap.dedent("\n".join(block)).strip("\n")
        if text:
            out.append((m.group(1), m.group(2), text + "\n"))
    return out


CASES = [(rule, *ex) for rule in RULES if rule.check is not None for ex in examples(rule.doc)]


def test_the_story_rules_have_examples_to_run():
    with_examples = {rule.code for rule, *_ in CASES}
    assert {"STAR001", "STAR002", "STAR003", "STAR004", "STAR007", "STAR008", "STAR101"} <= with_examples
    assert len(CASES) >= 38


# The rules that belong to another answer framework are run under it.
FRAMEWORK = {"STAR005": "starl", "STAR006": "soar"}


@pytest.mark.parametrize("rule, verdict, language, text", CASES,
                         ids=[f"{r.code}-{v}-{lang}-{i}" for i, (r, v, lang, _) in enumerate(CASES)])
def test_a_doc_example_does_what_it_says(rule, verdict, language, text):
    if not re.search(r"^#{1,6} ", text, re.M) and not re.search(r"^- .*\n\s+- ", text, re.M):
        text = "## Example\n" + text  # a story's body, shown without its heading
    config = Config(select=[rule.code], framework=FRAMEWORK.get(rule.code, "star"))
    codes = {d.code for d in lint_text(text, config=config).diagnostics}
    if verdict == "Failing":
        assert rule.code in codes, text
    else:
        assert rule.code not in codes, text
