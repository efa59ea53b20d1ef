"""starlint._inline (the fast inline reader) must give exactly what markdown-it gives,
or None: on every note we have, on the benchmark notes, on hand-written cases and on
generated text.  It must also really be used: most inline tokens with markup take it.

The reference is markdown-it's full parse, reduced to text lines by the reading
starlint falls back on (`parse._inline_lines` over markdown-it's children): the fast
reader must stand in for it exactly.  The hand-written cases below spell the lines
out, so a fault shared by both readings cannot hide.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from starlint._inline import inline_lines
from starlint.parse import _inline_lines
from tests.notes import ROOT, bench_files, markdown_files, shared_folder

_INLINE_MARKUP = re.compile(r"[\\`*_\[\]!<&]")  # as in parse.py: what makes starlint parse inline

md = MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable("table")


def reference(token) -> tuple[list[tuple[int, str, str]], list[tuple[int, str]]]:
    """What starlint reads in an inline token through markdown-it: (offset, text, plain)
    per line and (offset, comment) per HTML comment, offsets counted in source lines."""
    comments: list = []
    lines = _inline_lines(token, 0, comments)
    return [(tl.line, tl.text, tl.plain) for tl in lines], [(c.line, c.text) for c in comments]


def check_document(text: str) -> tuple[int, int]:
    """Assert on every inline token of a document; (tokens with markup, of which fast)."""
    env: dict = {}
    marked = fast = 0
    for token in md.parse(text, env):
        if token.type != "inline":
            continue
        got = inline_lines(token.content, env.get("references"))
        if got is not None:
            assert got == reference(token), token.content
        if _INLINE_MARKUP.search(token.content):
            marked += 1
            fast += got is not None
    return marked, fast


def check_inline(content: str, references: dict | None = None):
    """Assert on one piece of inline content, parsed as markdown-it parses an inline token."""
    env = {"references": references} if references else {}
    token = md.parseInline(content, env)[0]
    got = inline_lines(content, references)
    if got is not None:
        assert got == reference(token), content
    return got


def _check_files(paths: list[Path]) -> tuple[int, int]:
    marked = fast = 0
    for path in paths:
        m, f = check_document(path.read_text(encoding="utf-8"))
        marked, fast = marked + m, fast + f
    return marked, fast


# ----------------------------------------------------------- real notes --
def test_repository_markdown():
    paths = markdown_files(ROOT)
    assert paths
    _check_files(paths)


def test_answers_mostly_fast():
    marked, fast = _check_files(markdown_files(ROOT / "answers"))
    assert marked and fast >= 0.95 * marked, (fast, marked)


@pytest.mark.parametrize("name", ["corpus", "seed"])
def test_shared_notes(name):
    _check_files(markdown_files(shared_folder(name)))


def test_bench_notes_mostly_fast():
    marked, fast = _check_files(bench_files())
    assert marked and fast >= 0.95 * marked, (fast, marked)


# ----------------------------------------------------------- hand-written --
CASES = [
    "**상황**: 텍스트",
    "📌 **결과** : 3배",
    "**S:** x",
    "snake_case_name",
    "__init__ and _private_",
    "*a **b** c*",
    "**a*b**",
    "***x***",
    "*foo**bar**baz*",
    "*foo**bar*",
    "**foo*",
    "foo*bar*",
    "_foo_bar_",
    "foo-_(bar)_",
    "`a`",
    "`` a ` b ``",
    "` `",
    "`  `",
    "``foo`",
    "`a\nb` c\nd",
    "\\`not code`",
    "\\*not em\\*",
    "\\\\*em*",
    "\\a \\한",
    "[S] 상황",
    "[T]: 과제",
    "[S] [T] [A] [R] **결과**",
    "trailing two spaces  \nnext line",
    "backslash at line end\\\nnext line",
    "ends with a backslash\\",
    "a\n  **b**\n\n",
    "AT&T &amp; &lt;b&gt; &copy; &#35; &#x1F4CC; &bogus; &#0;",
    "a &NewLine; b",
    "<!-- starlint-disable STAR101 --> **S**: x",
    "x <!-- a\ncomment --> y\nz",
    "<!---->",
    "<!-->",
    "a < b > c, 1 <2, <br> tag, </b>",
    "x <!-- a < b --> y",
    '<a title="<x>"> **b**',
    "<!-- a\n<!-- b --> c",
    "<? x ?> <![CDATA[ y ]]> <!DOCTYPE z> <!--> <!---> after",
    "<http://example.com>",
    "<me@example.com>",
    "[link](http://x) **b**",
    "![alt **b**](img.png)",
    "**결과**:\t3배\u3000",
    "*\u00a0a*",
    "**“quoted”**",
    "~~strike~~ is not CommonMark",
    "**ba*b******** bab***",
    "*b *****b*a_***__a_a***",
]


@pytest.mark.parametrize("content", CASES)
def test_cases(content):
    check_inline(content)


@pytest.mark.parametrize("content", CASES)
def test_cases_in_documents(content):
    check_document(content + "\n\n- " + content + "\n\n# " + content.split("\n")[0] + "\n")


def test_common_forms_are_fast():
    for content in ["**상황**: 텍스트", "📌 **결과** : 3배", "**S:** x", "snake_case_name", "*a **b** c*",
                    "`` a ` b ``", "\\*not em\\*", "[S] 상황", "[T]: 과제", "a  \nb", "a\\\nb", "&amp;",
                    "<!-- c --> x"]:
        assert check_inline(content) is not None, content


def test_exact_values():
    """A few spelled out, so a wrong reference could not hide a wrong reader."""
    assert inline_lines("**상황**: 텍스트", None) == ([(0, "상황: 텍스트", "상황: 텍스트")], [])
    assert inline_lines("snake_case_name", None) == ([(0, "snake_case_name", "snake_case_name")], [])
    assert inline_lines("x `` a ` b `` y", None) == ([(0, "x `a ` b` y", "x" + " " * 9 + "y")], [])
    assert inline_lines("**a*b**", None) == ([(0, "a*b", "a*b")], [])
    assert inline_lines("a  \nb\\\nc", None) == ([(0, "a", "a"), (1, "b", "b"), (2, "c", "c")], [])
    assert inline_lines("x <!-- hi -->\ny", None) == ([(0, "x", "x"), (1, "y", "y")], [(0, "hi")])


def test_references():
    # `[T]` is a link when T is defined, so only markdown-it may read it
    check_document("[T]: 과제\n\n[T] 과제 text\n")
    check_document("[T]: /url\n\n[S] 상황 and [T] 과제, [t][] and [x][T]\n")
    assert inline_lines("[S] 상황", {"T": {"href": "/url", "title": ""}}) is not None
    assert inline_lines("[T] 과제", {"T": {"href": "/url", "title": ""}}) is None
    assert inline_lines("[ t ] 과제", {"T": {"href": "/url", "title": ""}}) is None
    assert inline_lines("[x][t]", {"T": {"href": "/url", "title": ""}}) is None


# ----------------------------------------------------------- generated --
PIECES = [
    "상황", "결과", "과제", "텍스트", "foo", "Result", "S", "T", "snake", " ", " ", "  ", "\t", "\u3000",
    "*", "**", "***", "_", "__", "`", "``", "```", "[", "]", "(", ")", "\\", "!", ":", ".", ",", "-",
    "0", "3", "42", "📌", "✅", "“", "\n", "  \n", "\\\n", "&amp;", "&", "<", ">", "<!-- c -->", "<b>",
    "<!--", "-->", "<a href='x'>", "</a>", "<?", "?>", "\"", "x@y.z", "http:",
]
contents = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)
REFS = {"T": {"href": "/url", "title": ""}}


@settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents)
def test_generated(content):
    check_inline(content)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents)
def test_generated_with_a_reference(content):
    check_inline(content, REFS)


# delimiters only, densely: where the pairing rules (jumps, openers bottom, rule of 3) show
emphasis = st.lists(st.sampled_from(["*", "**", "***", "_", "__", "a", "b", "상황", " ", ".", "📌", "`"]),
                    max_size=20).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(emphasis)
def test_generated_emphasis(content):
    check_inline(content)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES + ["\n\n", "- ", "# "]), max_size=30).map("".join))
def test_generated_documents(text):
    check_document(text)
