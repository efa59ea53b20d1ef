"""starlint._mdblock: the dispatching block parser gives exactly the stock tokens.

A differential test: every input is parsed by a stock MarkdownIt and by one with
`install` applied, in starlint's configuration and in plain "commonmark" (where
"table" is disabled), and the two token streams (every field, children included)
and the env (link references) must be equal.  Inputs: the Markdown files of the
repository and of ../shared/{corpus,seed} when present, 2,000+ generated
documents built from Markdown-significant pieces, and hand-written tricky cases.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from starlint._mdblock import install

REPO = Path(__file__).resolve().parent.parent
SHARED = [REPO.parent / "shared" / "corpus", REPO.parent / "shared" / "seed"]

CONFIGS = {
    "starlint": lambda: MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable("table"),
    "commonmark": lambda: MarkdownIt("commonmark"),
}
# only for the hand-written cases: no indented code (is_code_block is then always
# False), and no raw HTML with all of the "default" preset's rules
EXTRA_CONFIGS = {
    "no-code": lambda: MarkdownIt("commonmark").enable("table").disable("code"),
    "default": lambda: MarkdownIt("default", {"maxNesting": 30}),
}


def _installed(make):
    md = make()
    assert install(md)
    return md


PAIRS = {name: (make(), _installed(make)) for name, make in {**CONFIGS, **EXTRA_CONFIGS}.items()}


def _fields(tokens):
    return [
        (t.type, t.tag, t.nesting, t.level, t.map, t.content, t.markup, t.info, t.meta, t.block,
         t.hidden, t.attrs, None if t.children is None else _fields(t.children))
        for t in tokens
    ]


def assert_same(text: str, configs=CONFIGS) -> None:
    for name in configs:
        stock, fast = PAIRS[name]
        env_stock: dict = {}
        env_fast: dict = {}
        expected = _fields(stock.parse(text, env_stock))
        got = _fields(fast.parse(text, env_fast))
        assert got == expected, f"{name}: tokens differ for {text!r}"
        assert env_fast == env_stock, f"{name}: env differs for {text!r}"


def test_install_is_in_effect():
    """Guard against a vacuous differential test: the chains really are dispatchers."""
    fast = PAIRS["starlint"][1]
    for chain in ("", "paragraph", "reference", "blockquote", "list"):
        rules = fast.block.ruler.getRules(chain)
        assert len(rules) == 1 and rules[0].__name__ == "dispatch", chain


# ------------------------------------------------------------------ files --
def _markdown_files() -> list[Path]:
    files = [p for sub in ("tests", "answers", "docs") for p in (REPO / sub).rglob("*.md")]
    files += sorted(REPO.glob("*.md"))
    for folder in SHARED:
        if folder.is_dir():
            files += folder.rglob("*.md")
    return sorted(set(files))


FILES = _markdown_files()


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p))
def test_files(path: Path):
    assert_same(path.read_text(encoding="utf-8", errors="replace"))


def test_shared_folders_when_present():
    for folder in SHARED:
        if not folder.is_dir():
            pytest.skip(f"{folder} is absent")  # the files test covers the folders that exist
    assert any(str(p).startswith(str(REPO.parent / "shared")) for p in FILES)


# -------------------------------------------------------------- generated --
INDENT = st.text(alphabet=" \t", max_size=8)
PIECES = [
    "-", "*", "+", "1.", "1)", "10.", "2.", "0)", "1234567890.", ">", ">>", "> -",
    "#", "##", "###", "####", "#####", "######", "#######", "#x",
    "```", "````", "~~~", "~~~~", "```py", "``` a`b", "~~~ info `x`", "``", "~~",
    "<!--", "-->", "<!-- note -->", "<div>", "</div>", "<div", "<pre>", "</pre>", "<script>", "</style>",
    "<textarea>", "<?", "?>", "<!X", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<span>", "</span>",
    '<a href="x">', "<x-y/>", "<",
    "|a|b|", "| a | b |", "|a", "a | b", "|", "a|", "|---|:-:|", "---|---", "|-", ":-:", ":--|--:", "| --- |", "-:",
    "===", "=", "---", "--", "***", "___", "- - -", "* * *", "_ _ _", "-_-",
    '[ref]: /url "t"', "[ref]:", "[ref]", "[Ref]: <u v>", "/url", '"t"', "'t'", "(t)", "[x]", "[ ]", "[!NOTE]",
    "텍스트", "한국어 문장입니다", "결과", "plain text", "foo", "bar baz", "`code`", "**bold**", "*em*", "_u_",
    "\\", "\\|", "&amp;", "x",
]
SEPARATORS = ["", " ", " ", "  ", "\t", "   "]
TRAILING = ["", "", " ", "  ", "\t", "\\"]


@st.composite
def lines(draw) -> str:
    if draw(st.integers(0, 6)) == 0:
        return draw(INDENT)  # a blank line, perhaps of spaces and tabs
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    body = "".join(sep + piece for sep, piece in zip(seps, pieces)).lstrip(" ")
    return draw(INDENT) + body + draw(st.sampled_from(TRAILING))


# Two random lines rarely make a table (its header and delimiter row must agree on
# the number of columns), so some chunks are tables of 1-2 columns, each row with
# its own random indentation, followed by rows that may or may not continue them.
HEADERS = [["|a|", "a|", "|a", "a |"], ["|a|b|", "a | b", "| a | b |", "a|b|", "|a|b"]]
DELIMITERS = [["|-|", "-|", "|:-:", ":-|", "|---", "--:|"], ["|---|:-:|", ":-|-:", "--|--", "| :-- | --: |", "-|-|"]]


@st.composite
def tables(draw) -> list[str]:
    width = draw(st.integers(0, 1))
    rows = [draw(st.sampled_from(HEADERS[width])), draw(st.sampled_from(DELIMITERS[width]))]
    rows += draw(st.lists(st.sampled_from(HEADERS[0] + HEADERS[1] + ["x", "- x", "> x", ""]), max_size=3))
    return [draw(INDENT) + row for row in rows]


documents = st.builds(
    lambda chunks, end: "\n".join(line for chunk in chunks for line in chunk) + end,
    st.lists(st.one_of(lines().map(lambda line: [line]), tables()), min_size=1, max_size=12),
    st.sampled_from(["", "\n", "\n\n"]),
)


@settings(max_examples=2000, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents)
def test_generated(text: str):
    assert_same(text)


# ------------------------------------------------------------ hand-written --
TRICKY = {
    "table": "| a | b |\n|---|:-:|\n| c | d |\n",
    "table, indented delimiter row": "| a | b |\n    |---|---|\n| c | d |\n",
    "table, delimiter row indented 3": "| a | b |\n   |---|---|\n",
    "table, delimiter starting with colon": "a | b\n:-|-:\nc | d\n",
    "table, dash-space delimiter is a list": "a | b\n- | -\n",
    "table, no pipe in header": "a b\n---|---\n",
    "table, header column count differs": "a | b | c\n---|---\n",
    "table in a list": "- a | b\n  --|--\n  c | d\n- next\n",
    "table delimiter outdented in a list": "- a | b\n--|--\n",
    "table in a quote, lazy delimiter": "> a | b\n|---|---|\n",
    "table ended by a list": "a | b\n-|-\nc | d\n- item\n2. two\n",
    "table, tab in delimiter": "a|b\n-\t|\t-\n",
    "table, one leading pipe": "|a\n|-\n|b\n",
    "table, at the end of a quote": "> |a|\n> |-|\n",
    "list interrupts a paragraph": "para\n- item\n+ other\n",
    "ordered list 2 cannot interrupt a paragraph": "para\n2. two\n1. one\n",
    "empty list item cannot interrupt a paragraph": "para\n-\n- x\n",
    "lazy continuation": "> quote\nlazy line\n- list\n  more\nlazier\n",
    "lazy continuation of a list item": "- item\ncontinued\n    indented\n",
    "hr vs list": "- - -\n* * *\n-- -\n- -\n_ _ _\n+ + +\n",
    "hr inside a list item": "- a\n  - - -\n- b\n- * * *\n",
    "hr with trailing spaces and tabs": "---   \n***\t\n___ \t \n- - - \n",
    "hr needs three": "--\n**\n__\n",
    "setext under a list item": "- item\n  ===\n- item\n  ---\n",
    "setext heading vs hr": "Title\n---\nTitle\n===\n\n---\n",
    "setext after lazy lines": "a\n    b\n===\n",
    "setext underline with trailing spaces": "a\n===   \nb\n- - -\n",
    "setext in a quote": "> a\n> ---\n> b\n===\n",
    "fenced code inside a list": "- item\n\n  ```py\n  code\n  ```\n- next\n  ~~~\n  x\n",
    "fence with backtick in info": "``` a`b\nx\n```\n",
    "fence not closed": "```\na\n\n",
    "fence in a quote": "> ```\n> code\n\nafter\n",
    "html 1 script/pre/style/textarea": "<script>\nx\n</script>\n<pre>\n\ny\n</pre>\n<style>a</style>\n<textarea>\n</textarea>\n",
    "html 2 comment": "<!--\n\ncomment\n-->\nafter\n",
    "html 3 processing": "<?php\n\necho 1;\n?>\n",
    "html 4 declaration": "<!DOCTYPE html>\n<!X\ny\n>\n",
    "html 5 cdata": "<![CDATA[\n\nx\n]]>\n",
    "html 6 block tag": "<div>\n*x*\n\n</div>\n<table><tr><td>\n",
    "html 7 complete tag": '<span>\nx\n\n<a href="u">\n',
    "html 7 cannot interrupt a paragraph": "para\n<span>\npara\n<div>\n",
    "html interrupts a paragraph": "para\n<!-- c -->\npara\n<?x?>\n",
    "html in a list": "- <div>\n  x\n- <!--\n\n  -->\n",
    "reference": '[ref]: /url "title"\n\n[ref]\n',
    "reference on several lines": '[ref]:\n/url\n"title"\n\n[ref]\n',
    "reference with continuation that terminates": "[a\n- b]: /u\n\n[a]\n",
    "reference cannot interrupt a paragraph": "para\n[ref]: /url\n\n[ref]\n",
    "heading": "# h1\n## h2 ##\n####### seven\n#no\n#\n",
    "heading interrupts a paragraph": "para\n# h\n",
    "indented code": "    code\n\n\tcode with tab\n  \t x\n",
    "indented code cannot interrupt a paragraph": "para\n    not code\n",
    "indented code in a list": "- a\n\n      code\n- b\n",
    "indented markers (block rules when code is disabled)": "    # h\n    - a\n    > q\n    ```\n    x\n    ```\n    ---\n",
    "tabs": "-\tone\n>\tquote\n*\t*\t*\n1.\ttab\n\t- tab list\n",
    "quote with tab": ">\t\tcode in quote\n>  \ttext\n",
    "quote nested": "> > > deep\n> > back\n> out\n",
    "quote ended by a list": "> a\n- b\n",
    "list with digits": "1. a\n10. b\n1234567890. c\n123456789. d\n0) zero\n",
    "digits that are not lists": "1.a\n1\n12\n1x. y\n",
    "bullet without space": "-a\n*a\n+a\n-\n",
    "list style change": "- a\n+ b\n* c\n1. d\n1) e\n",
    "loose list": "- a\n\n- b\n\n\n- c\n",
    "korean": "상황\n===\n- 결과: 매출 20% 증가\n  > 인용\n",
    "trailing backslash": "a\\\nb\\\n---\\\n",
    "blank lines of spaces": "a\n   \n\t\n- b\n \t \n",
    "nesting at the limit, lists": "- " * 60 + "x\n" + "  " * 59 + "- y\nafter\n",
    "nesting at the limit, quotes": "> " * 60 + "x\n" + ">" * 120 + " y\n\nafter\n",
    "nesting at the limit, mixed": "> - " * 40 + "x\n" + "- > " * 40 + "y\n",
    "empty": "",
    "only newlines": "\n\n\n",
    "only spaces": "   ",
    "no final newline": "a\n---",
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_tricky(text: str):
    assert_same(text, configs={**CONFIGS, **EXTRA_CONFIGS})


# ------------------------------------------------------------ the ruler --
def _custom_rule(state, startLine, endLine, silent):
    """Lines starting with %% become a `custom` token."""
    pos = state.bMarks[startLine] + state.tShift[startLine]
    if not state.src.startswith("%%", pos):
        return False
    if not silent:
        token = state.push("custom", "", 0)
        token.map = [startLine, startLine + 1]
    state.line = startLine + 1
    return True


CUSTOM_TEXT = "para\n%% custom\n- item\n%% in list\n\n%% alone\n"


def test_unknown_rule_is_refused():
    stock, md = CONFIGS["starlint"](), CONFIGS["starlint"]()
    for each in (stock, md):
        each.block.ruler.before("paragraph", "custom", _custom_rule, {"alt": ["paragraph"]})
    ruler_class = type(md.block.ruler)
    assert install(md) is False
    assert type(md.block.ruler) is ruler_class
    assert md.block.ruler.getRules("") == stock.block.ruler.getRules("")
    assert _fields(md.parse(CUSTOM_TEXT)) == _fields(stock.parse(CUSTOM_TEXT))
    assert any(t.type == "custom" for t in md.parse(CUSTOM_TEXT))


def test_replaced_rule_is_refused():
    md = CONFIGS["commonmark"]()
    md.block.ruler.at("hr", _custom_rule)
    assert install(md) is False


def test_rule_added_after_install_falls_back():
    stock, md = CONFIGS["starlint"](), _installed(CONFIGS["starlint"])
    md.parse("warm up the dispatchers\n")
    for each in (stock, md):
        each.block.ruler.before("paragraph", "custom", _custom_rule, {"alt": ["paragraph"]})
    assert md.block.ruler.getRules("") == stock.block.ruler.getRules("")
    assert _fields(md.parse(CUSTOM_TEXT)) == _fields(stock.parse(CUSTOM_TEXT))


@pytest.mark.parametrize("change", ["disable table", "enable table", "disable code", "disable hr list"])
def test_enable_disable_after_install(change: str):
    verb, *names = change.split()
    for make in CONFIGS.values():
        stock, md = make(), _installed(make)
        md.parse("warm up\n")
        for each in (stock, md):
            getattr(each, verb)(names)
        for text in TRICKY.values():
            assert _fields(md.parse(text)) == _fields(stock.parse(text)), (change, text)


def test_tokenize_wrapped_after_install():
    """starlint wraps md.block.tokenize (see parse._markdown); install must keep working under it."""
    stock, md = CONFIGS["starlint"](), _installed(CONFIGS["starlint"])
    calls = []
    for each in (stock, md):
        original = each.block.tokenize

        def tokenize(state, start, end, original=original):
            calls.append(start)
            return original(state, start, end)

        each.block.tokenize = tokenize
    text = TRICKY["nesting at the limit, mixed"] + TRICKY["fenced code inside a list"]
    assert _fields(md.parse(text)) == _fields(stock.parse(text))
    assert md.block.ruler.getRules("")[0].__name__ == "dispatch"
    assert len(calls) > 2


def test_copied_ruler_keeps_its_own_dispatch():
    md = _installed(CONFIGS["starlint"])
    md.parse("warm up\n")
    md.block.ruler = copy.deepcopy(md.block.ruler)  # (a whole MarkdownIt cannot be deep-copied)
    md.disable("table")
    stock = CONFIGS["starlint"]().disable("table")
    for text in TRICKY.values():
        assert _fields(md.parse(text)) == _fields(stock.parse(text)), text


def test_install_twice():
    md = _installed(CONFIGS["commonmark"])
    assert install(md)
    text = TRICKY["lazy continuation"]
    assert _fields(md.parse(text)) == _fields(PAIRS["commonmark"][0].parse(text))
