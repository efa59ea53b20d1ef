"""docs/rules/<CODE>.md (linked from editor diagnostics) match the rule docs in starlint/checks."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rule_docs", ROOT / "scripts" / "gen_rule_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_pages_are_in_sync() -> None:
    gen = _generator()
    wanted = gen.pages()
    stale = [str(p.relative_to(ROOT)) for p, text in wanted.items()
             if not p.is_file() or p.read_text(encoding="utf-8") != text]
    extra = [str(p.relative_to(ROOT)) for p in gen.DOCS.glob("*.md") if p not in wanted]
    assert not stale and not extra, (
        f"rule docs out of date: {stale or ''} {extra or ''}; run: python scripts/gen_rule_docs.py")


def test_every_rule_has_a_page() -> None:
    from starlint.checks import RULES

    for rule in RULES:
        page = ROOT / "docs" / "rules" / f"{rule.code}.md"
        assert page.is_file(), page
        assert f"\n# {rule.code} {rule.name}\n" in page.read_text(encoding="utf-8")


def test_the_pages_are_not_linted_as_notes() -> None:
    from starlint import lint_paths

    report = lint_paths([ROOT / "docs" / "rules"])
    assert [d for f in report.files for d in f.diagnostics] == []
