"""Every text line keeps its own source line, also after a code span or an HTML
comment that runs across a line end (neither gives a line break in the text)."""

from __future__ import annotations

import pytest

from starlint.reading.markdown import parse


def lines(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    doc = parse(text)
    found = [(tl.line, tl.text) for block in doc.root.blocks for tl in block.lines]
    return found, [(c.line, c.text) for c in doc.comments]


@pytest.mark.parametrize("tail", ["", " [link](https://example.com)"], ids=["plain text", "with a link"])
def test_lines_after_a_code_span_or_comment_across_a_line_end(tail):
    text = f"para `a\nb` c{tail}\nd <!-- x\ny --> e\nf\n"
    found, comments = lines(text)
    assert [line for line, _ in found] == [1, 3, 5]
    assert found[1][1] == "d  e" and found[2][1] == "f"
    assert comments == [(3, "x\ny")]


def test_a_comment_after_a_code_span_across_a_line_end_in_a_list_item():
    text = "- 상황: `x\ny` 이후\n  그리고 <!-- starlint-disable-line STAR101 --> 결과\n  끝\n"
    doc = parse(text)
    item = doc.root.blocks[0].items[0]
    assert [tl.line for tl in item.lines] == [1, 3, 4]
    assert [c.line for c in doc.comments] == [3]


@pytest.mark.parametrize("tail", ["", " [link](https://example.com)"], ids=["plain text", "with a link"])
def test_a_code_span_closed_by_a_run_of_its_own_length(tail):
    # "`상황``\n`": the `` inside does not close a one-backtick span, the ` on the next line does
    found, _ = lines(f"`상황``\n`\n상황{tail}\n")
    assert [line for line, _ in found] == [1, 3]
