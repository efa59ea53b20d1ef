"""Properties over any input (issue #5): arbitrary Unicode and generated notes.

For every text: ``lint_text`` returns (no exception, no STAR999); the JSON that
``starlint check --format json`` prints parses and has the SPEC shape; every
line it names is a line of the file (1 for an empty file); the same text gives
the same JSON twice, and with CRLF or CR line endings the same JSON as with LF.

The quick tests run the "starlint" profile (300 examples each); one long run takes
1,000 (marked ``slow``; ``pytest`` runs it, ``pytest -m "not slow"`` skips it).  It
was 10,000, 139 s of a 4-minute suite, and passing; 1,000 keeps the test command under
two minutes.  ``STARLINT_PROPERTY_EXAMPLES=10000 pytest -m slow`` runs the full sweep
(before a release, or after a change to the reader).
"""

from __future__ import annotations

import io
import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from starlint.formats import json as json_format
from starlint.cli import app
from starlint.config import Config
from starlint.engine import lint_text
from starlint.models import Report
from starlint.reading.packs import Pack, pattern_problem
from starlint.validation import validate

settings.register_profile(
    "starlint", max_examples=300, deadline=None, database=None,  # no .hypothesis/ left in the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.load_profile("starlint")

PARTS = {"situation", "task", "action", "result"}
CODE = re.compile(r"STAR\d{3}")
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# ------------------------------------------------------------ generators --
KO_WORDS = ["결제", "오류가", "급증했다", "당시", "대회에서", "제", "담당이었다", "목표는", "줄이는", "것",
            "로그를", "분석해", "설계했다", "구현함", "합침", "개선", "향상", "달성", "줄어듦", "늘어남",
            "팀장님께", "좋은", "평가를", "받았다", "배운", "점", "는데", "했지만", "진행", "중", "예정",
            "저는", "우리", "팀이", "어느", "정도", "빅", "콘테스트", "스터디에서", "얻은", "것"]
EN_WORDS = ["the", "checkout", "errors", "spiked", "when", "during", "in", "2023", "I", "we", "my", "role",
            "goal", "was", "to", "built", "led", "rewrote", "shipped", "improved", "increased", "won",
            "greatly", "will", "roll", "out", "next", "quarter", "e.g.", "vs.", "Python", "3.11", "ResNet50",
            "COVID-19", "seq2seq", "team", "learned", "Dr.", "etc."]
# figures: measured outcomes and the numbers that are not (years, versions, ordinals)
_NUMBERS = [0, 1, 2, 3, 10, 12, 42, 99, 100, 2023, 40000, 1234567]
_FIGURE_FORMS = ["{:,}명", "{}%", "{}%p", "{}위", "top {}", "${}K", "{}억 원", "{}x", "{}배", "{}주 차",
                 "{}개월", "{}년", "{}ms → 80ms", "62% → {}%", "from 0.71 to 0.{}", "{}건", "{} users",
                 "v{}.0", "{}번", "{}.5점", "{}/5", "약 {}%", "{}만 명"]
FIGURES = [form.format(n) for form in _FIGURE_FORMS for n in _NUMBERS] + [
    "두 배", "절반", "세 배", "doubled", "halved", "정확도 0.92", "주 5시간 절약", "1등", "10위권", "3x faster"]
LABELS = ["**상황**:", "**과제**:", "**행동**:", "**결과**:", "Situation:", "Task:", "Action:", "Result:",
          "S:", "T:", "A:", "R:", "[S]", "[T]", "(A)", "📌 **결과** :", "1) 상황", "Context —", "Goal:",
          "Approach:", "Outcome:", "배운 점:", "Learning:", "내 역할 :", "**Result**", "결과 :", "문제:",
          "Problem:", "Challenge:", "배경:", "해결:", "성과:", "Task/Goal:", "상황", "Result"]
NOISE = ["`code 10%`", "<!-- starlint-disable STAR004 -->", "<!-- starlint-disable-next-line STAR101 -->",
         "<!-- starlint-disable-file -->", "<!-- starlint-enable -->", "<!-- starlint-disable bogus -->",
         "<!--", "-->", "**", "*", "_", "[link](http://x)", "![img](y.png)", "<b>", "</b>", "&amp;", "\\",
         "|", "~~", "#", "<br>", "\t", "\u200b", "😀", "\u3000", "\u2028", "\x0b", "\x0c", "\x85", "…",
         "[^1]", "[ref]", "- [ ]", "'", '"', "(", ")", "→", ":", "：", ".", "!", "?"]

# one draw a word (generating, not linting, is what a large run spends its time on)
WORD = st.sampled_from(KO_WORDS + EN_WORDS + FIGURES + NOISE)
SENTENCE = st.one_of(st.lists(WORD, max_size=10).map(" ".join), st.text(max_size=12))


LABEL = st.sampled_from(LABELS)
LABEL_OR_NOT = st.sampled_from([label + " " for label in LABELS] + [""] * 12)


@st.composite
def lines(draw) -> str:
    kind = draw(st.integers(0, 13))
    if kind == 0:
        return "#" * draw(st.integers(1, 7)) + " " + draw(st.one_of(LABEL, SENTENCE))
    if kind in (1, 2, 3):
        indent = draw(st.sampled_from(["", "  ", "    ", "      ", "        ", "   ", "\t", "\t\t"]))
        marker = draw(st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "10. ", "- - "]))
        return indent + marker + draw(LABEL_OR_NOT) + draw(SENTENCE)
    if kind == 4:
        return draw(LABEL) + " " + draw(SENTENCE)
    if kind in (5, 6):
        return draw(SENTENCE)
    if kind == 7:
        return ""
    if kind == 8:
        return draw(st.sampled_from(["```", "~~~", "```python", "---", "+++", "***", "===", "...",
                                     "    indented code 10%", "<!-- a comment", "end -->", "<div>", "</div>"]))
    if kind == 9:
        return draw(st.sampled_from(["| a | b |", "|---|---|", "| 10% | 3x |"])) + draw(SENTENCE)
    if kind == 10:
        return draw(st.sampled_from([">", "> >", ">>>", "> -"])) + " " + draw(LABEL_OR_NOT) + draw(SENTENCE)
    if kind == 11:
        return draw(st.sampled_from(["starlint:", "  framework: car", "  framework: star-l", "[starlint]",
                                     'framework = "soar"', "starlint: {framework: bogus}", "title: x"]))
    if kind == 12:
        return "[ref]: http://example.com " + draw(SENTENCE)
    return draw(st.text(max_size=30))


@st.composite
def stories(draw) -> str:
    """A story in one of the styles people write: a heading with labelled or plain lines,
    label sub-headings, or a bullet with nested bullets."""
    style = draw(st.integers(0, 3))
    title = draw(SENTENCE)
    body = draw(st.lists(st.tuples(st.sampled_from(LABELS + [""] * 4), SENTENCE), min_size=1, max_size=6))
    if style == 0:
        out = ["#" * draw(st.integers(1, 4)) + " " + title, ""]
        bullet = draw(st.sampled_from(["", "- ", "* ", "1. "]))
        out += [bullet + (label + " " if label else "") + text for label, text in body]
    elif style == 1:
        out = ["## " + title]
        for label, text in body:
            out += ["### " + (label.strip("*:：[]() ") or "Result"), text]
    else:
        out = ["- " + title] + ["  - " + (label + " " if label else "") + text for label, text in body]
    return "\n".join(out) + "\n"


NOTES = st.lists(st.one_of(stories(), lines()), max_size=20).map("\n".join)
ANY_TEXT = st.text(max_size=400)
ANY_INPUT = st.one_of(NOTES, ANY_TEXT, st.lists(st.one_of(lines(), ANY_TEXT), max_size=10).map("\n".join))


# ------------------------------------------------------------- checking --
def line_count(text: str) -> int:
    """Lines as an editor counts them: LF, CRLF or CR end a line; a last newline adds none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


def as_json(text: str) -> dict:
    """What `starlint check --format json` prints for this text."""
    out = io.StringIO()
    json_format.write_json(Report.from_files([lint_text(text, "notes.md")]), out)
    return json.loads(out.getvalue())


def assert_spec_shape(doc: dict, lines_in_file: int | None = None) -> None:
    assert doc["version"] == 1
    assert isinstance(doc["files"], list)
    counts = {"error": 0, "warning": 0, "info": 0}
    stories = 0
    for entry in doc["files"]:
        assert isinstance(entry["path"], str)
        story_lines = set()
        for story in entry["stories"]:
            stories += 1
            assert isinstance(story["title"], str)
            assert type(story["line"]) is int and type(story["end_line"]) is int
            assert 1 <= story["line"] <= story["end_line"]
            story_lines.add(story["line"])
            assert set(story["parts"]) <= PARTS
            for part_lines in story["parts"].values():
                assert part_lines and all(type(n) is int for n in part_lines)
                assert all(story["line"] <= n <= story["end_line"] for n in part_lines)
            if "result" in story["parts"]:
                assert story["quantified"] in (True, False)
            else:
                assert story["quantified"] is None
            if lines_in_file is not None:
                assert story["end_line"] <= lines_in_file
        for diag in entry["diagnostics"]:
            assert CODE.fullmatch(diag["code"]) and KEBAB.fullmatch(diag["name"])
            assert diag["severity"] in counts
            counts[diag["severity"]] += 1
            assert type(diag["line"]) is int and type(diag["column"]) is int and diag["column"] >= 1
            assert isinstance(diag["message"], str) and diag["message"].strip()
            assert diag["story_line"] is None or diag["story_line"] in story_lines
            if lines_in_file is not None:
                assert 1 <= diag["line"] <= lines_in_file, diag
    summary = doc["summary"]
    assert summary["files"] == len(doc["files"]) and summary["stories"] == stories
    assert (summary["errors"], summary["warnings"], summary["info"]) == (
        counts["error"], counts["warning"], counts["info"])


def assert_robust(text: str, line_endings: bool = True) -> None:
    doc = as_json(text)
    (entry,) = doc["files"]
    assert "STAR999" not in [d["code"] for d in entry["diagnostics"]], entry["diagnostics"]
    assert_spec_shape(doc, line_count(text))
    assert as_json(text) == doc  # deterministic
    if line_endings and "\r" not in text:
        assert as_json(text.replace("\n", "\r\n")) == doc
        assert as_json(text.replace("\n", "\r")) == doc


# ----------------------------------------------------------------- tests --
@given(ANY_TEXT)
def test_any_unicode_text(text):
    assert_robust(text)


@given(NOTES)
def test_generated_notes(text):
    assert_robust(text)


@settings(max_examples=100)
@given(st.one_of(NOTES, ANY_TEXT))
def test_the_command_line_json_is_the_same_document(text):
    result = CliRunner().invoke(app, ["check", "--isolated", "--format", "json", "--stdin-filename",
                                      "notes.md", "-"], input=text.encode("utf-8"))
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.stdout)
    assert_spec_shape(doc, line_count(text))
    if "\x00" in text:  # a file with NUL bytes is binary, not notes (STAR903)
        assert [d["code"] for d in doc["files"][0]["diagnostics"]] == ["STAR903"]
    else:
        assert doc == as_json(text)


# A user's pack is data: whatever words it holds (regex characters, emoji, blanks
# inside), and whatever patterns pass the load-time check, linting does not crash.
PACK_WORDS = st.lists(st.one_of(st.sampled_from(KO_WORDS + EN_WORDS + NOISE + LABELS), st.text(min_size=1, max_size=6))
                      .filter(str.strip), max_size=4)
SAFE_PATTERNS = st.one_of(st.sampled_from([r"\bshipped\b", "배포(?:함|했)", r"\d+\s*%", "^결과", "끝$", ".*a.*b"]),
                          st.text(max_size=8)).filter(lambda p: pattern_problem(p) is None)
_KEEP: list[Pack] = []  # the lexicon cache is keyed by id(): keep every pack alive


@st.composite
def user_packs(draw) -> Pack:
    kinds = ("situation", "task", "action", "result", "problem", "learning")
    data = {
        "name": "fuzz",
        "labels": {kind: draw(PACK_WORDS) for kind in kinds},
        "cues": [{"part": draw(st.sampled_from(sorted(PARTS) + ["pending"])), "weight": draw(st.floats(-5, 5)),
                  "terms": draw(PACK_WORDS), "patterns": draw(st.lists(SAFE_PATTERNS, max_size=3)),
                  "inside_labels": draw(st.booleans())} for _ in range(draw(st.integers(0, 3)))],
        "quantities": {key: draw(PACK_WORDS) for key in ("counters", "units", "metric_words", "number_words",
                                                         "time_units", "multiplier_words", "rank_words")},
        "placeholders": draw(PACK_WORDS),
        "coaching": {"hedges": draw(PACK_WORDS), "team_subjects": draw(PACK_WORDS),
                     "hedge_patterns": draw(st.lists(SAFE_PATTERNS, max_size=2))},
    }
    pack = Pack.from_data(validate("pack", data))  # as a pack file is read: checked by its schema
    _KEEP.append(pack)
    return pack


@settings(max_examples=100)
@given(user_packs(), NOTES)
def test_any_accepted_user_pack_never_crashes(pack, text):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Config, "rule_packs", lambda self: (pack,))  # the pack alone: nothing built in to lean on
        report = lint_text(text, "notes.md")
    assert "STAR999" not in [d.code for d in report.diagnostics], report.diagnostics
    assert all(1 <= d.line <= line_count(text) for d in report.diagnostics)


LONG_RUN = int(os.environ.get("STARLINT_PROPERTY_EXAMPLES", "1000"))


@pytest.mark.slow
@settings(max_examples=LONG_RUN)
@given(ANY_INPUT)
def test_thousands_of_inputs(text):
    assert_robust(text, line_endings=False)  # the quick tests check CRLF and CR
