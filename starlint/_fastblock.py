"""_fastblock: the Document of plain notes, read without markdown-it's block parser.

`parse.parse` runs markdown-it's block parser and walks its tokens; for each list
item that parser recurses through `tokenize`, offers the line to its rules, makes
Token objects, and the walk then reads them back.  Notes are simple, so `read`
does the same work in one pass over the lines and builds the model records
directly, with exactly the Document `parse.parse` builds (every field), or says
None: the text holds something this reader leaves to markdown-it.

How it stays exact.  The reader is markdown-it-py 4.x's block parser
(markdown_it/rules_block/, read in 4.3.0; the parser is set up in
`parse._markdown`: commonmark + table, html on, maxNesting 100 with starlint's
skip at the limit) cut down to what notes use, rule by rule, in markdown-it's
order and with markdown-it's state: `blk` is `state.blkIndent`, `list_indent`
`state.listIndent`, `level` `state.level`, `sc[i]` `state.sCount[i]` (which, with
no tab in the text, is also `tShift[i]`, and list items overwrite it for their
first line exactly as `list_block` does), `line` `state.line`.  The records are
made where parse._Builder.walk would make them from the tokens those rules push
(same order, so comments come out in the same order too), and every inline
content string goes through the same inline reading as parse.py's inline rule.

Each rule below names the markdown-it function it mirrors.  What they share:

- The chain a line at a block start is offered to (ParserBlock.tokenize):
  table, code, fence, blockquote, hr, list, reference, html_block, heading,
  lheading, paragraph; the first that says True takes the line.  A rule only
  matches lines starting with its own characters (see `_mdblock`'s docstring),
  so the dispatch on the first character is the chain.
- Terminator chains, tried in silent mode on the lines that follow a block:
  "paragraph" (paragraph, lheading): table fence blockquote hr list html_block
  heading; "blockquote" (block quotes' lazy lines, table rows): fence
  blockquote hr list html_block heading; "list" (between list items): fence
  blockquote hr.  Silent rules have no side effects, so only the truth of their
  disjunction matters.
- A silent list rule is a "terminating paragraph" one (an ordered list must start
  at 1, an empty item cannot interrupt) iff `state.parentType == "paragraph"`
  and `sCount >= blkIndent`.  parentType leaks ("lheading" sets it and does not
  restore it when it fails), but every caller of a silent list rule sets it just
  before: paragraph/lheading to "paragraph", blockquote to "blockquote", table
  to "table".  So: terminating iff called from a paragraph's scan.
- `reference` never matches: a definition needs "]:" in the text (the label's
  closing bracket followed by a colon; the continuation lines it reads are
  adjacent source text), and `read` says None for any text containing "]:".
  That also means env has no "references": `inline_lines(content, None)`.

The subset, and what says None (the caller then runs markdown-it):

- a tab, NUL or CR anywhere (tab stops and partial tab expansion; markdown-it's
  NUL replacement; CRs are normalized by parse.normalize), or "]:" (above);
- an HTML block other than a comment (a line whose first character, where a
  block may start or interrupt a paragraph, is "<" not followed by "!--");
- a lazy continuation line of a block quote, or a quote whose lines hold
  anything but paragraph text (another container, heading, fence, table, list
  marker, setext underline, code);
- inline content: as in parse.py's inline rule, text with no markup character is
  split at line ends, `_inline.inline_lines` reads the rest, and what it leaves
  (links and the like) is read by markdown-it's inline parser, as parse.py
  does: it is imported on first need.

Everything else is read: ATX and setext headings, paragraphs with lazy
continuation lines, bullet and ordered lists nested to any depth (items past
parse.MAX_NESTING skipped and reported as `too_deep`, as parse.py does),
fenced and indented code, HTML comment blocks (also across lines and inside
items), GFM tables, thematic breaks, and block quotes of paragraphs.
Big files are read in the pieces `parse._pieces` cuts, each as its own parse,
as parse.py does.  tests/test_fastblock.py holds it to parse.parse.
"""

from __future__ import annotations

from itertools import repeat as _repeat
from operator import sub as _sub
from typing import Any

from ._inline import inline_lines
from ._regex import compile as _compile  # re.compile, the program kept on disk (start-up)
from .models import Block, Comment, Document, Item, Section, TextLine

# What markdown-it's mdTrim strips (markdown_it.common.utils.MD_TRIM_CHARS: MD_WHITESPACE,
# U+2000-U+200A, U+2028, U+2029); copied so that reading needs no markdown-it import.
# tests/test_fastblock.py checks it against markdown-it's own.
MD_TRIM_CHARS = "".join(sorted(
    set("\t\n\x0b\x0c\r \xa0\u1680\u202f\u205f\u3000\u2028\u2029") | {chr(c) for c in range(0x2000, 0x200B)}))

# -- line patterns, matched at a line's content column (no tab is ever in the text) ------
# list.skipBulletListMarker: one of * - + followed by a space or the line's end; the
# spaces after it are the group (list_block counts them for the content column).
_BULLET = _compile(r"[*+-]( *)")
# list.skipOrderedListMarker: 1-9 ASCII digits (no more: `pos - start >= 10` fails),
# then . or ), then a space or the end.
_ORDERED = _compile(r"([0-9]{1,9})[.)]( *)")
# heading: 1-6 #, then a space or the end (7 # fail: `level > 6`)
_ATX = _compile(r"#{1,6}(?= |$)")
# hr: * - or _, at least 3 of the same, spaces allowed between and after
_HR = _compile(r"([*_-])(?: *\1){2,} *")
# lheading's underline: a run of = or of -, then only spaces
_SETEXT = _compile(r"(?:=+|-+) *")
# fence opener: 3+ backticks or tildes (a backtick fence's info may not hold a backtick)
_FENCE = _compile(r"`{3,}|~{3,}")
_CLOSERS = {"`": _compile(r"(`+) *"), "~": _compile(r"(~+) *")}
# table's delimiter row and a column of it (table.headerLineRe)
_DELIMITER_ROW = _compile(r"[|:-][|: -]*")
_ALIGN = _compile(r":?-+:?")

# A continuation line of a paragraph can only end it if its first character is one
# of these (table, fence, blockquote, hr, list, html_block, heading), or if it holds
# a "|" (table: checked by `_table`).
_INTERRUPTS = frozenset("`~>*-_+#<0123456789")
# The first characters of the rules before lheading other than table and code
# (fence, blockquote, hr, list, html_block, heading; reference never matches).
_BLOCK_FIRST = frozenset("`~>*-_+<#0123456789")

_MAX_AUTOCOMPLETED_CELLS = 0x10000  # table.MAX_AUTOCOMPLETED_CELLS

# parse.py's own pieces, bound on first use (parse.py may import this module)
_parse: Any = None
_COMMENT: Any = None        # parse._COMMENT: an HTML comment in an html_block's content
_INLINE_MARKUP: Any = None  # parse._INLINE_MARKUP: content without it is read as is
MAX_NESTING = 100           # parse.MAX_NESTING


class _Unsupported(Exception):
    """The text needs something this reader leaves to markdown-it."""


def read(body_lines: list[str], source_lines: list[str], path: str) -> Document | None:
    """The Document `parse.parse` builds for these lines, or None (use markdown-it).

    `body_lines` are the lines parse.py hands to markdown-it (normalized, front
    matter blanked), `source_lines` the file's lines, as in parse.parse."""
    text = "\n".join(body_lines)
    if "\t" in text or "]:" in text or "\x00" in text or "\r" in text:
        return None
    if _parse is None:
        _bind()
    reader = _Reader(source_lines)
    try:
        # parse._pieces: one piece unless the text (with a "\n" after each line) is big
        pieces = [(0, len(body_lines))] if len(text) < _parse.PIECE_CHARS else _parse._pieces(body_lines)
        if len(pieces) == 1:
            reader.piece(body_lines, 0)
        else:  # each piece is its own parse, as in parse.parse
            for first, last in pieces:
                reader.piece(body_lines[first:last], first)
    except _Unsupported:
        return None
    reader.finish()
    return Document(path=path, source_lines=source_lines, root=reader.root, comments=reader.comments,
                    too_deep=reader.too_deep)


def _bind() -> None:
    global _parse, _COMMENT, _INLINE_MARKUP, MAX_NESTING
    from . import parse

    _parse = parse
    _COMMENT = parse._COMMENT
    _INLINE_MARKUP = parse._INLINE_MARKUP
    MAX_NESTING = parse.MAX_NESTING


def _trim(text: str) -> str:
    """markdown-it's mdTrim."""
    return text.strip(MD_TRIM_CHARS)


class _Reader:
    __slots__ = ("source", "root", "sections", "comments", "items", "list_block", "list_depth", "too_deep",
                 "deep_open", "L", "sc", "ln", "n", "base", "blk", "list_indent", "level", "line")

    def __init__(self, source_lines: list[str]) -> None:
        # what parse._Builder keeps
        self.source = source_lines
        self.root = Section(level=0, line=0, end_line=len(source_lines), title="")
        self.sections: list[Section] = [self.root]
        self.comments: list[Comment] = []
        self.items: list[Item] = []          # open list items, innermost last
        self.list_block: Block | None = None  # the open top-level list
        self.list_depth = 0
        self.too_deep: tuple[int, int] | None = None
        self.deep_open = False  # the first container past the nesting limit is open
        # markdown-it's StateBlock, for the piece being read
        self.L: list[str] = []   # the piece's lines, then "" for markdown-it's fake last line
        self.sc: list[int] = []  # sCount (= tShift: no tabs): the content column of each line
        self.ln: list[int] = []  # each line's length: it is empty when sc >= ln (isEmpty)
        self.n = 0               # lineMax
        self.base = 0            # the piece's first line in the file (0-based)
        self.blk = 0             # blkIndent
        self.list_indent = -1    # listIndent
        self.level = 0           # level (of the next token pushed)
        self.line = 0            # line: where the last rule stopped

    # -- pieces -------------------------------------------------------------------
    def piece(self, lines: list[str], base: int) -> None:
        n = len(lines)
        # StateBlock.__init__: a last line of only spaces (no "\n" after it) gets no marker
        if n and not lines[-1].strip(" "):
            n -= 1
        L = lines[:n]
        L.append("")  # the fake entry past the end: empty
        self.L = L
        self.ln = ln = list(map(len, L))
        self.sc = list(map(_sub, ln, map(len, map(str.lstrip, L, _repeat(" ")))))
        self.n = n
        self.base = base
        self.blk, self.list_indent, self.level, self.line = 0, -1, 0, 0
        if n:  # ParserBlock.parse: an empty source gives no tokens
            self._tokenize(0, n)

    # -- ParserBlock.tokenize -----------------------------------------------------
    def _tokenize(self, start: int, end: int) -> None:
        """ParserBlock.tokenize, with the rule chain for the line at each block start.

        (Every call here has end == lineMax: the top level and list items, whose
        end is their list's, which is their parent's; block quotes read their own
        content.)"""
        L, sc, ln, blk = self.L, self.sc, self.ln, self.blk
        if self.level >= MAX_NESTING:
            # parse._markdown's tokenize at the nesting limit: skip the item's own lines
            # (blank, or indented at least to its content)
            line = start
            while line < end and (sc[line] >= ln[line] or sc[line] >= blk):
                line += 1
            self.line = line
            return
        n = self.n
        line = start
        while line < end:
            while line < n and sc[line] >= ln[line]:  # skipEmptyLines (up to lineMax)
                line += 1
            self.line = line
            if line >= end:
                return
            c = sc[line]
            if c < blk:  # an outdented line ends a nested tokenize
                return
            # the chain: the first rule that takes the line (each sets self.line)
            s = L[line]
            ch = s[c]
            if "|" in s and self._table(line, end, False):  # table: first, any first character
                pass
            elif c - blk >= 4:  # code (is_code_block): any line 4 past blkIndent
                self._code(line, end)
            elif ch == ">":  # blockquote: a ">" always opens one
                self._blockquote(line, end)
            elif (ch == "`" or ch == "~") and self._fence(line, end):
                pass
            elif (ch == "-" or ch == "*" or ch == "_") and _HR.fullmatch(s, c):  # hr, before list: "- - -"
                self.line = line + 1
                self._other(line, line + 1)
            elif (ch == "-" or ch == "*" or ch == "+" or "0" <= ch <= "9") and self._list(line, end):
                pass
            # reference: never (no "]:" in the text)
            elif ch == "<":
                self._html(line, end)  # comments; anything else is _Unsupported
            elif ch == "#" and (m := _ATX.match(s, c)):
                self._atx(line, m.end())
            else:
                self._paragraph(line, end)  # lheading, paragraph
            if self.line <= line:  # as markdown-it: a rule must move on (never, unless this reader is wrong)
                raise RuntimeError("block rule didn't increment state.line")
            line = self.line
            # a rule may stop on an empty line: it is skipped (state.tight aside, which
            # the Document does not see)
            if line < end and sc[line] >= ln[line]:
                line += 1
                self.line = line

    # -- terminator chains (silent rules) ----------------------------------------------
    def _ends_paragraph(self, j: int, end: int) -> bool:
        """Does the (non-empty) line j end a paragraph or setext heading at once?  Not
        when it is a lazy continuation (4+ past blkIndent) or an underline (the
        heading takes it): True when it interrupts (see `_paragraph`)."""
        s = self.L[j]
        c = self.sc[j]
        blk = self.blk
        if c - blk > 3:
            return False
        ch = s[c]
        if c >= blk and (ch == "=" or ch == "-") and _SETEXT.fullmatch(s, c):
            return False
        return (ch in _INTERRUPTS or "|" in s) and self._interrupts(j, end)

    def _interrupts(self, j: int, end: int) -> bool:
        """The "paragraph" chain on line j (not empty, not code): does it end the paragraph?"""
        s = self.L[j]
        c = self.sc[j]
        ch = s[c]
        if "|" in s and self._table(j, end, True):
            return True
        if ch == "-" or ch == "*" or ch == "+" or "0" <= ch <= "9":  # list, or hr ("- - -" is both)
            return self._list_starts(j, c >= self.blk) or (
                (ch == "-" or ch == "*") and _HR.fullmatch(s, c) is not None)
        if ch == "`" or ch == "~":
            return _fence_opens(s, c)
        if ch == ">":
            return True
        if ch == "_":
            return _HR.fullmatch(s, c) is not None
        if ch == "<":
            return _html_interrupts(s, c)
        if ch == "#":
            return _ATX.match(s, c) is not None
        return False

    def _ends_block(self, j: int) -> bool:
        """The "blockquote" chain on line j (not empty): a table row's or a quote's end."""
        s = self.L[j]
        c = self.sc[j]
        if c - self.blk >= 4:  # every rule of the chain starts with `if is_code_block: return False`
            return False
        ch = s[c]
        if ch == "`" or ch == "~":
            return _fence_opens(s, c)
        if ch == ">":
            return True
        if (ch == "-" or ch == "*" or ch == "_") and _HR.fullmatch(s, c):
            return True
        if ch == "-" or ch == "*" or ch == "+" or "0" <= ch <= "9":
            return self._list_starts(j, False)  # parentType is "blockquote" or "table"
        if ch == "<":
            return _html_interrupts(s, c)
        if ch == "#":
            return _ATX.match(s, c) is not None
        return False

    def _list_starts(self, j: int, terminating: bool) -> bool:
        """list_block in silent mode."""
        c = self.sc[j]
        blk = self.blk
        if c - blk >= 4:
            return False
        # the special case "  - item 4\n     - this one is a paragraph continuation"
        if self.list_indent >= 0 and c - self.list_indent >= 4 and c < blk:
            return False
        s = self.L[j]
        if "0" <= s[c] <= "9":  # skipOrderedListMarker (a bullet cannot start with a digit)
            m = _ORDERED.match(s, c)
            if not (m and (m.group(2) or m.end() == len(s))):
                return False
            # a list that interrupts a paragraph must start at 1 (int(): "01." is 1)
            if terminating and int(m.group(1)) != 1:
                return False
        else:  # skipBulletListMarker
            m = _BULLET.match(s, c)
            if not (m and (m.group(1) or m.end() == len(s))):
                return False
        # an empty item cannot interrupt a paragraph (skipSpaces reaches the line end)
        return not (terminating and m.end() == len(s))

    # -- rules -------------------------------------------------------------------------
    def _list(self, i: int, end: int) -> bool:
        """list_block (not silent).  At a block start, so sc[i] >= blk and not code:
        its is_code_block and listIndent checks cannot fail here."""
        L, sc, ln = self.L, self.sc, self.ln
        blk = self.blk
        s = L[i]
        c = sc[i]
        m = _ORDERED.match(s, c) if "0" <= s[c] <= "9" else None
        if m and (m.group(2) or m.end() == ln[i]):
            ordered = True
            after = m.start(2)  # posAfterMarker
        else:
            m = _BULLET.match(s, c)
            if not (m and (m.group(1) or m.end() == ln[i])):
                return False
            ordered = False
            after = c + 1
        mark = s[after - 1]  # markerChar: the list ends where another one is used
        level = self.level
        base = self.base
        src = self.source
        items = self.items
        # parse._Builder.walk: a list outside any list is a Block of the section; its
        # items go to it, a nested list's to the item it is in
        self.list_depth += 1
        if self.list_depth == 1:
            block = Block(kind="list", line=base + i + 1, end_line=0)
            self.sections[-1].blocks.append(block)
            self.list_block = block
            siblings = block.items
        else:
            block = None
            siblings = items[-1].children if items else self.list_block.items  # type: ignore[union-attr]
        deep = level >= MAX_NESTING - 1 and self._deep()
        deep_items = level + 1 >= MAX_NESTING - 1  # list_item_open's level is level + 1
        inner = level + 2 < MAX_NESTING  # the items' content is read (see _tokenize)
        # the state every item is read in (list_block sets it for each item and restores
        # it after; what is read inside restores it too, so setting it once is the same)
        old_list_indent = self.list_indent
        self.list_indent = blk
        self.level = level + 2
        line = i
        while True:
            content = m.end()  # contentStart: past the marker and the spaces after it
            # indentAfterMarker: 1 for an empty first line or 5+ spaces (the rest is code)
            indent_after = 1 if content >= ln[line] else content - after
            if indent_after > 4:
                indent_after = 1
            indent = after + indent_after  # the item's content column: its blkIndent
            item = Item(base + line + 1, 0, None, None, ordered)
            siblings.append(item)
            items.append(item)
            item_deep = deep_items and self._deep()
            self.blk = indent
            old_sc = sc[line]
            sc[line] = content  # the first line now starts at the item's content
            if content >= ln[line]:
                if sc[line + 1] >= ln[line + 1]:
                    # an empty item followed by an empty line: the item is those two
                    # lines (state.line is the item's line here)
                    self.line = min(line + 2, end)
                else:
                    self._tokenize(line, end)
            elif inner and content - indent < 4 and s[content] not in _BLOCK_FIRST and "|" not in s:
                # What _tokenize would do, without its dispatch: a first line that no
                # rule before lheading takes (no "|", not code, no rule's first
                # character) starts a paragraph (or a setext heading).
                nxt = line + 1
                if nxt >= end or sc[nxt] >= ln[nxt] or self._ends_paragraph(nxt, end):
                    # a one-line paragraph (_paragraph's scan stops at once): its text
                    start = base + line + 1
                    if _INLINE_MARKUP.search(s, content) is None:  # plain: the line, stripped
                        text = s[content:].strip()
                        if text:
                            item.lines.append(TextLine(start, text, text))
                    else:
                        item.lines.extend(self._inline(_trim(s[content:]), start))
                    self.line = nxt
                else:
                    self._paragraph(line, end)
                    nxt = self.line
                # tokenize's loop: the item goes on only if the next line is empty or
                # indented to its content
                if nxt < end and (sc[nxt] >= ln[nxt] or sc[nxt] >= indent):
                    self._tokenize(nxt, end)
            else:
                self._tokenize(line, end)
            sc[line] = old_sc
            nxt = self.line
            if nxt <= line:  # an item holds at least its first line (never, unless this reader is wrong)
                raise RuntimeError("list item didn't increment state.line")
            # list_item_close: the item's map is [line, nxt]
            last = base + nxt
            first = item.line
            while last > first and not src[last - 1].strip():
                last -= 1
            item.end_line = last
            items.pop()
            if item_deep:
                self._set_deep(line, nxt)
            line = nxt
            # does the list go on?
            if line >= end:
                break
            s = L[line]
            c = sc[line]
            if c < blk or c - blk >= 4 or c >= ln[line]:  # outdented, code, or empty: no marker
                break
            ch = s[c]
            # an item of the same kind, with the same marker character ...
            if ordered:
                m = _ORDERED.match(s, c)
                if not (m and (m.group(2) or m.end() == ln[line])):
                    break
                after = m.start(2)
            else:
                m = _BULLET.match(s, c)
                if not (m and (m.group(1) or m.end() == ln[line])):
                    break
                after = c + 1
            if s[after - 1] != mark:
                break
            # ... that is not a "list" terminator (fence, blockquote, hr: only hr can
            # start like a list item)
            if (ch == "-" or ch == "*") and (m.end() >= ln[line] or s[m.end()] == ch) and _HR.fullmatch(s, c):
                break  # (a rule's third character is its marker, or it ends at the marker)
        self.level = level
        self.blk = blk
        self.list_indent = old_list_indent
        self.list_depth -= 1
        if block is not None:
            last = base + line
            first = block.line
            while last > first and not src[last - 1].strip():
                last -= 1
            block.end_line = last
            self.list_block = None
        if deep:
            self._set_deep(i, line)
        self.line = line
        return True

    def _paragraph(self, i: int, end: int) -> None:
        """lheading, then paragraph.  Both scan the following lines the same way (an
        empty line ends; a line 4+ past blkIndent is a lazy continuation; the
        "paragraph" terminators end), lheading also stopping at an underline
        (checked before the terminators, on lines at blkIndent or deeper); so when
        lheading finds none, paragraph stops where it did.  (Their bounds, endLine
        and lineMax, are the same here: block quotes, where they differ, are read
        by `_blockquote`.)"""
        L, sc = self.L, self.sc
        blk = self.blk
        j = i + 1
        level = 0
        while j < end:
            s = L[j]
            c = sc[j]
            if c >= len(s):
                break
            if c - blk > 3:
                j += 1
                continue
            ch = s[c]
            if c >= blk and (ch == "=" or ch == "-") and _SETEXT.fullmatch(s, c):
                level = 1 if ch == "=" else 2
                break
            if (ch in _INTERRUPTS or "|" in s) and self._interrupts(j, end):
                break
            j += 1
        # getLines(i, j, blkIndent): each line loses up to blkIndent columns (the first
        # line's own indentation goes with mdTrim)
        if j == i + 1:
            content = _trim(L[i][sc[i]:])
        else:
            content = _trim("\n".join([L[i][sc[i]:]] + [L[k][min(blk, sc[k]):] for k in range(i + 1, j)]))
        if level:
            self.line = j + 1
            self._heading(level, content, i)
        else:
            self.line = j
            self._text(content, i, j)

    def _atx(self, i: int, after: int) -> None:
        """heading: the text after the #s, less trailing spaces and a closing run of #
        that follows a space."""
        rest = self.L[i][after:].rstrip(" ")
        bare = rest.rstrip("#")
        if bare and bare[-1] == " ":
            rest = bare
        self.line = i + 1
        self._heading(after - self.sc[i], _trim(rest), i)

    def _code(self, i: int, end: int) -> None:
        """code: lines 4+ past blkIndent, and the empty lines between them."""
        L, sc = self.L, self.sc
        blk = self.blk
        last = j = i + 1
        while j < end:
            if sc[j] >= len(L[j]):
                j += 1
            elif sc[j] - blk >= 4:
                j += 1
                last = j
            else:
                break
        self.line = last
        self._other(i, last)

    def _fence(self, i: int, end: int) -> bool:
        """fence: up to a closing run of the same character, at least as long, with
        only spaces after it and indented less than 4 past blkIndent; a non-empty line
        left of blkIndent, or the end, closes it too."""
        L, sc = self.L, self.sc
        s = L[i]
        c = sc[i]
        m = _FENCE.match(s, c)
        if m is None or (s[c] == "`" and "`" in s[m.end():]):
            return False
        marker = s[c]
        length = m.end() - c
        closer = _CLOSERS[marker]
        blk = self.blk
        j = i
        closed = False
        while True:
            j += 1
            if j >= end:
                break
            t = L[j]
            p = sc[j]
            if p >= len(t):
                continue
            if p < blk:
                break
            if t[p] != marker or p - blk >= 4:
                continue
            run = closer.fullmatch(t, p)
            if run is not None and run.end(1) - p >= length:
                closed = True
                break
        self.line = j + 1 if closed else j
        self._other(i, self.line)
        return True

    def _html(self, i: int, end: int) -> None:
        """html_block, for comments only (kind 2: "<!--" ... "-->").  The block ends on
        the line holding "-->" (the first line included); an empty line does not end
        it, nor does an outdented empty one; a non-empty outdented line does."""
        L, sc = self.L, self.sc
        s = L[i]
        c = sc[i]
        if not s.startswith("<!--", c):
            raise _Unsupported  # another HTML block, or text starting with "<"
        blk = self.blk
        j = i + 1
        if "-->" not in s[c:]:
            while j < end:
                t = L[j]
                p = sc[j]
                if p < blk and p < len(t):
                    break
                if "-->" in t[p:]:
                    j += 1
                    break
                j += 1
        self.line = j
        # parse._Builder._comments_in over getLines(i, j, blkIndent, keepLastLF)
        content = "\n".join([L[k][min(blk, sc[k]):] for k in range(i, j)])
        start = self.base + i + 1
        for m in _COMMENT.finditer(content):
            first = start + content.count("\n", 0, m.start())
            last = start + content.count("\n", 0, m.end())
            self.comments.append(Comment(line=first, end_line=last, text=m.group(1).strip()))

    def _table(self, i: int, end: int, silent: bool) -> bool:
        """table (GFM): a header row with a "|", a delimiter row with as many columns,
        then rows up to an empty line, an outdented line or a "blockquote" terminator."""
        L, sc = self.L, self.sc
        blk = self.blk
        if i + 2 > end:
            return False
        j = i + 1
        t = L[j]
        p = sc[j]
        if p < blk or p - blk >= 4 or p + 1 >= len(t):
            return False
        first, second = t[p], t[p + 1]
        # first character | - :, then only | - : and spaces; "- " would be a list item
        if not _DELIMITER_ROW.fullmatch(t, p) or (first == "-" and second == " "):
            return False
        columns = t[p:].split("|")
        aligns = 0
        last = len(columns) - 1
        for k, column in enumerate(columns):
            cell = _trim(column)
            if not cell:
                if k == 0 or k == last:  # empty columns allowed before and after the table
                    continue
                return False
            if not _ALIGN.fullmatch(cell):
                return False
            aligns += 1
        header = _trim(L[i][sc[i]:])
        if "|" not in header or sc[i] - blk >= 4:
            return False
        count = len(_cells(header))
        if count == 0 or count != aligns:
            return False
        if silent:
            return True
        k = i + 2
        autocompleted = 0
        while k < end:
            if sc[k] < blk:
                break
            if sc[k] < len(L[k]) and self._ends_block(k):
                break
            row = _trim(L[k][sc[k]:])
            if not row or sc[k] - blk >= 4:
                break
            autocompleted += count - len(_cells(row))
            if autocompleted > _MAX_AUTOCOMPLETED_CELLS:
                break
            k += 1
        self.line = k
        self._other(i, k)
        return True

    def _blockquote(self, i: int, end: int) -> None:
        """blockquote, holding only paragraphs.

        Lines starting with ">" (one space after it dropped) and not left of
        blkIndent are the quote's; an empty line ends it, and so does a line without
        ">" after an empty quote line or one that is a "blockquote" terminator; any
        other line would be a lazy continuation: left to markdown-it.  Inside, with
        blkIndent 0 and every line plain text (`_plain_in_quote`), markdown-it's
        tokenize finds paragraphs separated by the empty quote lines, each ending at
        the quote's end (lineMax is cut there when a terminator ended the quote;
        otherwise an empty line or the end follows).  The paragraphs are the
        section's blocks, or the text of the list item the quote is in."""
        if self.level >= MAX_NESTING - 1:  # a quote parse._too_deep would report, or its text skipped
            raise _Unsupported
        L, sc = self.L, self.sc
        blk = self.blk
        inner: list[str] = []
        j = i
        last_empty = False
        while j < end:
            s = L[j]
            p = sc[j]
            if p >= len(s):
                break
            if s[p] == ">" and p >= blk:
                q = p + 1
                if q < len(s) and s[q] == " ":
                    q += 1
                text = s[q:]
                body = text.lstrip(" ")
                last_empty = not body
                if body and not _plain_in_quote(text, body):
                    raise _Unsupported  # may start a block inside the quote
                inner.append(text)
                j += 1
                continue
            if last_empty or self._ends_block(j):
                break
            raise _Unsupported  # a lazy continuation line
        self.line = j
        # the paragraphs: runs of non-empty quote lines; getLines with blkIndent 0 keeps
        # each line as it is after the "> "
        k = 0
        while k < len(inner):
            if not inner[k].strip(" "):
                k += 1
                continue
            first = k
            while k < len(inner) and inner[k].strip(" "):
                k += 1
            self._text(_trim("\n".join(inner[first:k])), i + first, i + k)

    # -- records (parse._Builder.walk) -------------------------------------------------
    def _end(self, first: int, last: int) -> int:
        """_Builder._end: the 1-based last non-blank line of [first - 1, last)."""
        src = self.source
        while last > first and last - 1 < len(src) and not src[last - 1].strip():
            last -= 1
        return max(last, first)

    def _trim_line(self, line: int) -> int:
        src = self.source
        while line > 0 and line - 1 < len(src) and not src[line - 1].strip():
            line -= 1
        return line

    def _deep(self) -> bool:
        """A container is pushed at level MAX_NESTING - 1 or deeper: is it the first
        (parse._too_deep)?  If so its lines are set when it closes (_set_deep)."""
        if self.too_deep is None and not self.deep_open:
            self.deep_open = True
            return True
        return False

    def _set_deep(self, i: int, j: int) -> None:
        self.deep_open = False
        first = self.base + i + 1
        last = self.base + j
        src = self.source
        while last > first and not src[last - 1].strip():
            last -= 1
        self.too_deep = (first, last)

    def _text(self, content: str, i: int, j: int) -> None:
        """A paragraph's inline token (map [i, j])."""
        start = self.base + i + 1
        lines = self._inline(content, start)
        if self.items:
            self.items[-1].lines.extend(lines)
        else:
            self.sections[-1].blocks.append(
                Block(kind="paragraph", line=start, end_line=self._end(start, self.base + j), lines=lines))

    def _other(self, i: int, j: int) -> None:
        """fence, code_block, table, hr: a block of its own, outside list items."""
        if not self.items:
            start = self.base + i + 1
            self.sections[-1].blocks.append(Block(kind="other", line=start, end_line=self._end(start, self.base + j)))

    def _heading(self, level: int, content: str, i: int) -> None:
        """A heading (ATX or setext) on line i: a section, or a list item's text."""
        line = self.base + i + 1
        lines = self._inline(content, line)
        if self.items:
            self.items[-1].lines.extend(lines)
            return
        sections = self.sections
        while sections[-1].level >= level:  # _Builder._open_heading
            sections.pop().end_line = self._trim_line(line - 1)
        title = " ".join([tl.text for tl in lines]).strip()
        plain = " ".join([tl.plain for tl in lines]).strip()
        section = Section(level=level, line=line, end_line=line, title=title, title_plain=plain)
        sections[-1].children.append(section)
        sections.append(section)

    def finish(self) -> None:
        last = len(self.source)
        while len(self.sections) > 1:
            self.sections.pop().end_line = self._trim_line(last)
        self.root.end_line = self._trim_line(last)

    def _inline(self, content: str, start: int) -> list[TextLine]:
        """parse.py's inline rule and _inline_lines, for one inline token's content."""
        if not _INLINE_MARKUP.search(content):  # no markup: each line is its text
            if "\n" not in content:
                text = content.strip()
                return [TextLine(start, text, text)] if text else []
            return [TextLine(start + offset, line, line)
                    for offset, raw in enumerate(content.split("\n")) if (line := raw.strip())]
        fast = inline_lines(content, None)
        if fast is None:
            return _markdown_inline(content, start, self.comments)
        lines, found = fast
        for offset, text in found:
            line = start + offset
            self.comments.append(Comment(line=line, end_line=line + text.count("\n"), text=text, inline=True))
        return [TextLine(start + offset, text, plain) for offset, text, plain in lines]


def _plain_in_quote(text: str, body: str) -> bool:
    """Can no rule take this line of a block quote (`body`: `text` less its indentation)
    but paragraph: not a table's (no "|"), nor code, fence, quote, hr, list item
    (any marker), HTML, ATX heading or setext underline?"""
    if "|" in body or len(text) - len(body) >= 4:
        return False
    ch = body[0]
    if ch == ">" or ch == "<":
        return False
    if ch == "`" or ch == "~":
        return not _fence_opens(body, 0)
    if ch == "#":
        return _ATX.match(body) is None
    if ch == "-" or ch == "*" or ch == "_" or ch == "=":
        if _HR.fullmatch(body) or _SETEXT.fullmatch(body):
            return False
    if ch == "-" or ch == "*" or ch == "+":
        m = _BULLET.match(body)
        return not (m and (m.group(1) or m.end() == len(body)))
    if "0" <= ch <= "9":
        m = _ORDERED.match(body)
        return not (m and (m.group(2) or m.end() == len(body)))
    return True


def _fence_opens(s: str, c: int) -> bool:
    """fence in silent mode."""
    m = _FENCE.match(s, c)
    return m is not None and not (s[c] == "`" and "`" in s[m.end():])


def _html_interrupts(s: str, c: int) -> bool:
    """html_block in silent mode: a comment can interrupt a paragraph; for any other
    "<" line the answer needs markdown-it's HTML patterns."""
    if s.startswith("<!--", c):
        return True
    raise _Unsupported


def _cells(row: str) -> list[str]:
    """table.escapedSplit, less an empty first and last cell."""
    if "\\" in row:
        columns = _escaped_split(row)
    else:  # no escape: every "|" splits
        columns = row.split("|")
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return columns


def _escaped_split(string: str) -> list[str]:
    """table.escapedSplit: "|" splits unless escaped ("\\|" keeps a "|")."""
    result: list[str] = []
    current = ""
    last = 0
    escaped = False
    for pos, ch in enumerate(string):
        if ch == "|":
            if not escaped:
                result.append(current + string[last:pos])
                current = ""
                last = pos + 1
            else:
                current += string[last:pos - 1]
                last = pos
        escaped = ch == "\\"
    result.append(current + string[last:])
    return result


def _markdown_inline(content: str, start: int, comments: list[Comment]) -> list[TextLine]:
    """What `_inline.inline_lines` leaves: markdown-it's inline parser, as parse.py's
    inline rule runs it (parse._inline_markdown, env {}: no references), then core's
    text_join, then parse._inline_lines over the children."""
    from markdown_it.rules_core.text_join import text_join
    from markdown_it.token import Token

    inline_md = _parse._inline_markdown()
    token = Token("inline", "", 0, content=content, children=[])
    inline_md.inline.parse(content, inline_md, {}, token.children)

    class _State:  # text_join reads only .tokens
        tokens = [token]

    text_join(_State)  # type: ignore[arg-type]
    return _parse._inline_lines(token, start, comments)
