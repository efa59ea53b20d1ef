"""The shipped examples in answers/ read as their author intended (reviewed by hand)."""

from pathlib import Path

from starlint import lint_paths

ANSWERS = Path(__file__).parent.parent / "answers"

# file -> {story line: codes}; every story in the file is listed
EXPECTED = {
    "en-product-manager.md": {5: set(), 12: {"STAR001"}, 18: {"STAR101"}, 22: {"STAR004"}, 29: set()},
    "ko-data-analyst.md": {8: set(), 16: {"STAR002"}, 22: {"STAR101"}, 32: {"STAR101"}, 38: set()},
    "mixed-backend-engineer.md": {5: set(), 24: set(), 30: {"STAR003"}, 35: {"STAR101"}},
}


def test_answers_read_as_intended():
    report = lint_paths([ANSWERS])
    seen = {}
    for f in report.files:
        name = Path(f.path).name
        codes = {s.line: set() for s in f.stories}
        for d in f.diagnostics:
            codes[d.story_line].add(d.code)
        seen[name] = codes
    assert seen == EXPECTED
    assert (report.summary.errors, report.summary.warnings) == (4, 4)


def test_answers_messages_follow_story_language():
    report = lint_paths([ANSWERS / "ko-data-analyst.md", ANSWERS / "en-product-manager.md"])
    ko, en = report.files
    assert all("과제" in d.message or "결과" in d.message for d in ko.diagnostics)
    assert en.diagnostics
    assert not any("\uac00" <= ch <= "\ud7a3" for d in en.diagnostics for ch in d.message)
