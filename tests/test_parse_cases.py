"""Tricky Markdown read into a Document: each case's sections, blocks, items, text lines
and comments are pinned in tests/parse/cases.json.

The cases come from the differential tests of the block and inline readers starlint
once kept beside markdown-it (every one was held token for token to markdown-it's
reading, so the pinned Documents are markdown-it's).  Each block case is also read as
a list item's content and after an item.  When a change to parse.py is meant to change
a reading, look at the diff and rewrite the file:

    python -m tests.test_parse_cases --update
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from starlint.reading.markdown import parse

CASES = Path(__file__).parent / "parse" / "cases.json"


def variants(kind: str, text: str) -> dict[str, str]:
    if kind == "inline":
        return {"document": text + "\n\n- " + text + "\n\n# " + text.split("\n")[0] + "\n"}
    return {"alone": text, "in an item": "- " + text.replace("\n", "\n  ") + "\n- after",
            "after an item": "- item\n" + text, "in an ordered item": "1. " + text.replace("\n", "\n   ")}


def reading(text: str) -> dict:
    doc = parse(text, "case.md").to_dict()
    return {"root": doc["root"], "comments": doc["comments"], "too_deep": doc["too_deep"]}


@lru_cache(maxsize=1)
def load() -> list[dict]:
    return json.loads(CASES.read_text(encoding="utf-8"))


def _ids() -> list[tuple[int, str]]:
    return [(i, name) for i, case in enumerate(load()) for name in case["readings"]]


@pytest.mark.parametrize(("index", "variant"), _ids())
def test_case(index: int, variant: str):
    case = load()[index]
    text = variants(case["kind"], case["text"])[variant]
    assert json.loads(json.dumps(reading(text))) == case["readings"][variant], text


def test_cases_cover_both_kinds():
    kinds = [case["kind"] for case in load()]
    assert kinds.count("block") >= 100 and kinds.count("inline") >= 40


def _update(sources: dict[str, list[str]]) -> None:
    cases = [{"kind": kind, "text": text,
              "readings": {name: reading(variant) for name, variant in variants(kind, text).items()}}
             for kind in ("block", "inline") for text in sources[kind]]
    CASES.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {CASES}: {len(cases)} cases")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.test_parse_cases --update")
    current = load() if CASES.exists() else []
    _update({kind: [c["text"] for c in current if c["kind"] == kind] for kind in ("block", "inline")})
