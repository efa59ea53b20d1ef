"""The shipped examples in answers/ read as their author intended (reviewed by hand)."""

from pathlib import Path

from starlint import lint_paths

ANSWERS = Path(__file__).parent.parent / "answers"

# file -> {story line: codes}; every story in the file is listed
# (STAR202 on "went smoothly" and "좋은 평가를 받았고": vague results a coach would question too)
EXPECTED = {
    "coaching.md": {10: {"STAR201"}, 17: {"STAR202"}, 25: {"STAR203"}, 32: {"STAR205"}, 39: set(),
                             45: {"STAR207"}, 51: {"STAR201"}, 58: {"STAR202"}, 66: {"STAR203"}, 73: {"STAR205"},
                             80: set(), 86: {"STAR207"}},
    # "Why Wise?" is another kind of answer (no STAR codes); the launch failure is a skeleton: one STAR007
    "en-product.md": {5: set(), 12: {"STAR001"}, 18: {"STAR101", "STAR202"}, 22: set(), 28: {"STAR007"},
                              35: {"STAR004"}, 42: set()},
    # "지원 동기" is another kind of answer; "실패했던 경험" is only "(작성 예정)": one STAR007
    "ko-data.md": {8: set(), 16: {"STAR002"}, 22: {"STAR101", "STAR202"}, 32: {"STAR101"}, 38: set(),
                           44: {"STAR007"}, 48: set()},
    "mixed-backend.md": {5: set(), 24: set(), 30: {"STAR003"}, 35: {"STAR101"}},
}
KINDS = {("en-product.md", 22): "other", ("ko-data.md", 38): "other"}


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
    assert (report.summary.errors, report.summary.warnings) == (6, 10)
    kinds = {(Path(f.path).name, s.line): s.kind for f in report.files for s in f.stories}
    assert {key for key, kind in kinds.items() if kind == "other"} == set(KINDS)


def test_coaching_examples_show_every_coaching_rule():
    """coaching.md shows each STAR2xx rule once in Korean and once in English;
    the rule off by default (STAR204) shows with --extend-select."""
    from starlint import Config
    from starlint.checks import RULES

    report = lint_paths([ANSWERS / "coaching.md"], config=Config(extend_select=["STAR2"]))
    (f,) = report.files
    by_story = {}
    for d in f.diagnostics:
        by_story.setdefault(d.story_line, set()).add(d.code)
    assert by_story[39] == {"STAR204"} and by_story[80] == {"STAR204"}
    assert None not in by_story
    coaching = {r.code for r in RULES if r.code.startswith("STAR2")}
    for code in coaching:
        hits = [d for d in f.diagnostics if d.code == code]
        languages = {"ko" if any("\uac00" <= ch <= "\ud7a3" for ch in d.message) else "en" for d in hits}
        assert languages == {"ko", "en"}, code


def test_answers_messages_follow_story_language():
    report = lint_paths([ANSWERS / "ko-data.md", ANSWERS / "en-product.md"])
    ko, en = report.files
    assert ko.diagnostics
    assert all(any("\uac00" <= ch <= "\ud7a3" for ch in d.message) for d in ko.diagnostics)
    assert en.diagnostics
    assert not any("\uac00" <= ch <= "\ud7a3" for d in en.diagnostics for ch in d.message)
