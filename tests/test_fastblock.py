"""starlint._fastblock (the block reader that skips markdown-it) must build exactly the
Document that parse.parse builds through markdown-it, or say None: on every note we
have, on the benchmark notes, on generated documents and on hand-written cases.  It
must also really be used: the notes here and the benchmark notes take it.
"""

from __future__ import annotations

import random
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from starlint import _fastblock, parse
from tests.notes import ROOT, bench_files, markdown_files, shared_folder


def lines_of(text: str) -> tuple[list[str], list[str]]:
    """(body lines, source lines) as parse.parse computes them."""
    text = parse.normalize(text)
    source_lines = text.split("\n")
    return parse.blank_front_matter(source_lines), source_lines


READ = _fastblock.read


def markdown_it_parse(text: str, path: str = "<text>"):
    """parse.parse through markdown-it: should parse.py try the fast reader first, it
    is made to say None here (parse.py looks `_fastblock.read` up when it calls it)."""
    with mock.patch.object(_fastblock, "read", lambda *args: None):
        return parse.parse(text, path)


def check(text: str, path: str = "<text>") -> bool:
    """Assert the fast reader is exact on `text`, or says None; True when it read it."""
    expected = markdown_it_parse(text, path)
    body_lines, source_lines = lines_of(text)
    got = READ(body_lines, source_lines, path)
    if got is None:
        return False
    assert got.to_dict() == expected.to_dict(), text
    return True


def fast(text: str) -> bool:
    """check(), and the reader must have read it."""
    assert check(text), f"fell back to markdown-it on {text!r}"
    return True


def _check_files(paths: list[Path]) -> tuple[int, int]:
    """(files, files the reader read)."""
    read = 0
    for path in paths:
        read += check(path.read_text(encoding="utf-8"), str(path))
    return len(paths), read


# ----------------------------------------------------------- real notes --
def test_repository_markdown():
    paths = markdown_files(ROOT)
    assert paths
    _check_files(paths)


def test_answers_take_the_fast_path():
    total, read = _check_files(markdown_files(ROOT / "answers"))
    assert total and read >= 0.95 * total, (read, total)


@pytest.mark.parametrize("name", ["corpus", "seed"])
def test_shared_notes(name):
    total, read = _check_files(markdown_files(shared_folder(name)))
    assert read >= 0.9 * total, (read, total)


def test_bench_notes_take_the_fast_path():
    total, read = _check_files(bench_files())
    assert total and read >= 0.95 * total, (read, total)


def test_bench_notes_in_pieces(monkeypatch):
    # big files are parsed in pieces (parse._pieces): make the benchmark notes "big"
    monkeypatch.setattr(parse, "PIECE_CHARS", 600)
    paths = bench_files()[:40]
    assert any(len(parse._pieces(lines_of(p.read_text(encoding="utf-8"))[0])) > 2 for p in paths)
    total, read = _check_files(paths)
    assert read >= 0.95 * total, (read, total)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="|\\ab ", max_size=12))
def test_table_cells_split_as_markdown_its(row):
    from markdown_it.rules_block.table import escapedSplit

    assert _fastblock._escaped_split(row) == escapedSplit(row)


def test_trim_characters_are_markdown_its():
    from markdown_it.common.utils import MD_TRIM_CHARS

    assert _fastblock.MD_TRIM_CHARS == MD_TRIM_CHARS


# ----------------------------------------------------------- hand-written --
# Each is read by the fast path (asserted), and must match markdown-it.
FAST_CASES = [
    "",
    "\n",
    "   ",
    "a",
    "# 제목\n\n본문",
    "# h1\n## h2\n### h3\n#### h4\n##### h5\n###### h6\n####### not a heading",
    "#no space\n#\n# \n#   #\n# foo ##\n# foo#\n# foo \\#\n## foo ## bar ##",
    "# a\n\n## b\n\n# c\n\n### d",
    # lazy continuation, in nested lists too
    "- a\nlazy\n  - b\nlazy too\n    - c\n      more\nand lazy",
    "- a\n\n  b\n\n- c",
    "paragraph\n    indented continuation\n        more",
    # a list after a paragraph without a blank line
    "text\n- item\n- item",
    "text\n* star\n+ plus",
    # 1. may interrupt a paragraph, 2. may not
    "text\n1. one\n2. two",
    "text\n2. two\n3. three",
    "text\n01. one",
    "- item\n2. two",
    "1. a\n2) b\n3. c",
    "1. a\n1. b\n10. c\n100. d",
    "1234567890. too long\n123456789. fine",
    # a heading inside a list item
    "- # heading in item\n  ## another\n- b",
    "- item\n# heading after",
    # 5+ spaces after the marker: the indent is 1
    "-     code in item\n- b",
    "-    four spaces\n     continued",
    "1.      x\n   y",
    # empty items, and an item starting with a blank line
    "-\n- \n-   \n- x",
    "-\n\n  foo",
    "-\n  foo\n- bar",
    "- a\n-\n\n- b",
    "1.\n2.\n",
    "text\n-\nmore",
    "text\n- \nmore",
    # a list item with only a nested list
    "- - a\n  - b\n- - - c",
    "1. - a\n   - b",
    "* - + x",
    # --- under a paragraph (setext) and under a list
    "para\n---",
    "para\n===\n\nnext",
    "para\nline two\n---",
    "- item\n---",
    "- item\n  ---",
    "- item\n  ===",
    "---\n***\n___\n- - -\n* * *\n--",
    "para\n- - -",
    "para\n***",
    "- a\n- - -\n- b",
    "text\n=",
    "text\n-",
    # a comment line right after a paragraph line, and comment blocks
    "para\n<!-- a comment -->\nmore",
    "<!-- starlint-disable STAR101 -->\n\n# x",
    "<!--\nmulti\nline\n-->\nafter",
    "<!-- a --> trailing <!-- b -->\n<!-- c -->",
    "- item\n  <!-- in item\n  still -->\n- next",
    "- item\n<!-- outdented -->",
    "<!-- never closed\n\n# not a heading",
    "text <!-- inline --> text\nx <!-- across\nlines --> y",
    # fences
    "```\ncode\n```\n\n# after",
    "```py\n# not a heading\n- not a list\n```",
    "~~~\n```\n~~~~\nafter",
    "````\n```\n````",
    "``` a`b\nnot a fence",
    "- item\n  ```\n  code\n  ```\n- next",
    "- item\n  ```\ncode outdented\n  ```",
    "```\nnever closed\n- x",
    "para\n```\ncode\n```",
    "   ```\n   indented fence\n   ```",
    # indented code
    "para\n\n    code\n\n    more code\n\nafter",
    "    code at start\npara",
    "- a\n\n      code in item\n- b",
    # tables
    "| a | b |\n| --- | --- |\n| 1 | 2 |\n\nafter",
    "|a|b|\n|---|---|\n|1|2|\nlazy row\n# heading ends",
    "| a | b |\n| --- |\n| 1 | 2 |",
    "a | b\n--|--\n1 | 2",
    "para\n| a | b |\n|---|---|",
    "- item\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- next",
    "| a \\| b | c |\n| --- | --- |",
    "|a|\n|:-:|\n|- x|",
    "| a |\n|---|\n- item ends the table",
    "| a |\n|---|\n2. ends the table too",
    "|a|b|\n|-|-|\n|c|",
    "| --- |\n| --- |",
    "a|b\n- |-",
    "| a |\n    |---|\n| b |",
    "    | a |\n|---|",
    "- x\n  | a |\n      |---|\n- y\n  | a |\n     |---|",
    "| a |\n|---|\n    | code-indented row |\nafter",
    # block quotes (top level, paragraphs)
    "> 면접관 피드백: 결과를 숫자로\n\nafter",
    "> a\n> b\n>\n> c",
    "para\n> quote",
    "> quote\n# heading",
    "> quote\n---",
    ">\n>\nafter",
    ">    three spaces\n>x",
    "> **S**: x\n> *em* y\n> 2024년 회고\n> ``not a fence``",
    "- a\n  > quote in item\n  > more\n- b",
    "- > first line quote\n  > more\n> outdented ends it",
    "- a\n> quote ends the list",
    "1. a\n   > q\n\n   after the quote\n2. b",
    "> a\n>\n- list after",
    # bold labels, code, trailing spaces
    "**상황**: 텍스트  \n**결과**: 3배\\\n끝",
    "- **S:** `code` and *em*\n  - `nested` **bold**",
    "📌 **Context** : x\n🎯 **Goal** : y",
    "trailing   \n  \n",
    # \xa0 and other non-space whitespace at the edges
    "\xa0\nfoo",
    "- \xa0x\n- \u3000y",
    "# \u3000title\u3000",
    # list marker interplay
    "- a\n * b\n  + c",
    "- a\n - b\n  - c\n   - d\n    - e",
    "10. a\n    - b\n   - c",
    "- a\n\n\n- b",
    "-\n\n\n- b",
    "- a\n  b\n\n  c\nd",
    "[S] 상황\n[T] 과제\n- [A] 행동",
    "   - three\n    - four",
    # front matter
    "---\ntitle: x\n---\n# a\n- b",
    "---\nnot closed\n- b",
]

# Each must match markdown-it or be None (the reader may leave them to it).
CASES = FAST_CASES + [
    "\tindented with a tab",
    "- a\n\t- b",
    "[foo]: /url\n\n[foo]",
    "<div>\nhtml\n</div>",
    "para\n<div>",
    "<b>bold</b> at a line start",
    "- a\n  > - list in a quote in an item",
    "> a\nlazy",
    "> - list in quote",
    "> # heading in quote",
    "> > nested",
    "[link](http://example.com) **b**",
    "- [x](y)\n  - <http://a.b>",
    "a\x00b",
    "a\r\nb",
]


@pytest.mark.parametrize("text", FAST_CASES)
def test_fast_cases(text):
    fast(text)


@pytest.mark.parametrize("text", CASES)
def test_cases(text):
    check(text)


@pytest.mark.parametrize("text", CASES)
def test_cases_in_a_list(text):
    # the same text as a list item's content, and after one
    check("- " + text.replace("\n", "\n  ") + "\n- after")
    check("- item\n" + text)
    check("1. " + text.replace("\n", "\n   "))


def test_links_are_read_by_markdown_its_inline_parser():
    # inline_lines leaves links to markdown-it: the reader still builds the Document
    fast("- see [the doc](http://example.com) **now**\n\n[x](y) and ![alt](i.png)")


def _nested(depths: list[int], marker: str = "- ") -> str:
    return "\n".join("  " * d + marker + f"level {d}" for d in depths)


@pytest.mark.parametrize("top", [40, 48, 49, 50, 55, 60])
def test_deep_nesting(top):
    # lists are read 49 deep (parse.MAX_NESTING); past that the item's text is
    # skipped and Document.too_deep says where
    text = _nested(list(range(top)) + [3, 1, 0])
    fast(text)
    doc = markdown_it_parse(text)
    assert (doc.too_deep is not None) == (top > (parse.MAX_NESTING - 2) // 2), doc.too_deep
    fast(text + "\n\n# after\n\n" + text)
    fast(_nested(list(range(top)), "1. ").replace("1. ", "- ", 3))


def test_exact_values():
    """A few spelled out, so a wrong reference could not hide a wrong reader."""
    body, source = lines_of("# T\n\n- a\n  - b\nlazy\n\npara\n")
    doc = READ(body, source, "x.md")
    assert doc is not None
    (section,) = doc.root.children
    assert (section.level, section.line, section.end_line, section.title) == (1, 1, 7, "T")
    lst, para = section.blocks
    assert (lst.kind, lst.line, lst.end_line) == ("list", 3, 5)
    (item,) = lst.items
    assert [tl.text for tl in item.lines] == ["a"]
    (child,) = item.children
    assert [(tl.line, tl.text) for tl in child.lines] == [(4, "b"), (5, "lazy")]
    assert (para.kind, para.line, para.lines[0].text) == ("paragraph", 7, "para")


# ----------------------------------------------------------- generated --
INDENTS = ["", "", "", " ", "  ", "  ", "   ", "    ", "     ", "      ", "        ", "          ", "\t", "  \t"]
MARKERS = ["", "", "", "- ", "- ", "* ", "+ ", "1. ", "2) ", "10. ", "-", "1.", "-     ", "-    ", "1.     ",
           "# ", "## ", "### ", "###### ", "####### ", "#", "> ", ">", "```", "~~~", "```py", "---", "***", "===",
           "- - -", "___", "--", "=", "<!-- c -->", "<!-- a", "-->", "|a|b|", "|---|---|", "| --- | --- |",
           "a | b", "|:-:|", "- ", "  - ", "- - ", "1. - "]
TEXTS = ["상황", "결과 3배", "text", "Result", "**상황**:", "**Result**", "`code`", "*em*", " ", "  ", "[S]",
         "x", "-", "#", "|", "<b>", "-->", "<!-- x -->", "\\", "&amp;", "41% → 32%", "- y", "1. z", ":"]
TRAILS = ["", "", " ", "  ", "\t"]

lines = st.tuples(st.sampled_from(INDENTS), st.sampled_from(MARKERS),
                  st.lists(st.sampled_from(TEXTS), max_size=4), st.sampled_from(TRAILS)).map(
    lambda t: t[0] + t[1] + "".join(t[2]) + t[3])
documents = st.lists(st.one_of(lines, st.just(""), st.just("")), max_size=14).map("\n".join)

# without tabs and with few exotic lines: the fast path's own ground
PLAIN_INDENTS = ["", "", "", " ", "  ", "  ", "   ", "    ", "     ", "      ", "        "]
PLAIN_MARKERS = ["", "", "", "- ", "- ", "- ", "* ", "+ ", "1. ", "2. ", "2) ", "10. ", "-", "-     ", "# ", "## ",
                 "### ", "---", "===", "- - -", "***", "```", "<!-- c -->", "|a|b|", "|---|---|", "> "]
PLAIN_TEXTS = ["상황", "결과 3배", "text", "**상황**:", "`code`", " ", "[S]", "x", "- y", "41% → 32%"]
plain_lines = st.tuples(st.sampled_from(PLAIN_INDENTS), st.sampled_from(PLAIN_MARKERS),
                        st.lists(st.sampled_from(PLAIN_TEXTS), max_size=3), st.sampled_from(["", "", " "])).map(
    lambda t: t[0] + t[1] + "".join(t[2]) + t[3])
plain_documents = st.lists(st.one_of(plain_lines, st.just("")), max_size=16).map("\n".join)


@settings(max_examples=1800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generated(text):
    check(text)


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_documents)
def test_generated_plain(text):
    check(text)


# lists: depth walks up and down, markers and spacing vary, text may be lazy
list_lines = st.tuples(st.integers(0, 6), st.sampled_from(["- ", "* ", "1. ", "2. ", "-  ", "-   ", "-    ", ""]),
                       st.sampled_from(["a", "상황", "**S**: x", "", "b\nlazy", "c\n\n  more"]))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(list_lines, max_size=14), st.sampled_from([1, 2, 3, 4]))
def test_generated_lists(items, step):
    check("\n".join(" " * (step * depth) + marker + text for depth, marker, text in items))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-3, 4), min_size=40, max_size=70))
def test_generated_deep_lists(steps):
    # random walks near and past the nesting limit
    depth, depths = 0, []
    for step in steps:
        depth = max(0, depth + step)
        depths.append(depth)
    fast(_nested(depths))


def test_generated_plain_documents_mostly_fast():
    # the reader is no stub: most of such documents take it
    rng = random.Random(7)
    read = 0
    for _ in range(300):
        text = "\n".join(
            rng.choice(PLAIN_INDENTS) + rng.choice(PLAIN_MARKERS) + "".join(rng.choices(PLAIN_TEXTS, k=2))
            if rng.random() < 0.8 else "" for _ in range(rng.randrange(1, 16)))
        read += check(text)
    assert read >= 0.8 * 300, read
