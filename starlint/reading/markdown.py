"""parse: Markdown text → Document (sections → blocks → list items → text lines).

markdown-it-py does the CommonMark work; this module only walks its token
stream and keeps what a reader of the notes would call text, each piece with
its 1-based source line.  Front matter, code (fenced or indented) and HTML
comments are never story text; comments are kept aside because they can carry
``starlint-…`` directives.  Tables are kept with their cells: segment reads one
whose rows or columns are part labels as a story's parts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..models import Block, Comment, Document, Item, Section, TextLine

if TYPE_CHECKING:  # markdown-it is imported lazily: `import starlint` stays light
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
# markdown-it's nesting limit for blocks (its CommonMark preset has 20).  A list
# level is two levels (list + item), a block quote one, so lists are read 49 deep and
# quotes 99 deep.  Past that the parser skips the text of that list item or quote
# (only that: see `_markdown`), and `Document.too_deep` says where (STAR904).  The
# limit bounds the parser's recursion (about 2.5 frames a level) and keeps every walk
# over our own trees shallow.
MAX_NESTING = 100
# Inline (links in links, emphasis) keeps the preset's 20: markdown-it's work on a
# run of "[[[[…" grows with this limit, and no note nests links.
INLINE_NESTING = 20
_FRONT_MATTER_FENCES = ("---", "+++")
# A character that can start inline markup in CommonMark with HTML (escape, code span,
# emphasis, link, image, autolink, raw HTML, entity).  Text without any is read as is:
# markdown-it would give its lines as plain text, split at the line breaks.
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]!<&]")


@lru_cache(maxsize=1)
def _inline_markdown() -> "MarkdownIt":
    """markdown-it's inline parser, with the inline nesting limit."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "maxNesting": INLINE_NESTING})


@lru_cache(maxsize=1)
def _markdown() -> "MarkdownIt":
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table")

    def inline(state) -> None:  # the core "inline" rule, with the inline nesting limit
        for token in state.tokens:
            if token.type == "inline":
                if token.children is None:
                    token.children = []
                if not _INLINE_MARKUP.search(token.content):
                    token.meta["plain"] = True  # nothing to parse: _inline_lines reads the content
                    continue
                inline_md = _inline_markdown()
                inline_md.inline.parse(token.content, inline_md, state.env, token.children)

    md.core.ruler.at("inline", inline)

    # At the nesting limit markdown-it skips to the end of the range it was given,
    # which for a list item is the end of the document: everything after a too-deep
    # item would be lost.  Skip only the item's own lines instead (blank, or indented
    # at least as deep as its content), the same test its tokenize loop ends an item by.
    block_tokenize = md.block.tokenize

    def tokenize(state, start: int, end: int, *args, **kwargs) -> None:
        if state.level < MAX_NESTING:
            return block_tokenize(state, start, end, *args, **kwargs)
        line = start
        while line < end and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
            line += 1
        state.line = line
        return None

    md.block.tokenize = tokenize  # type: ignore[method-assign]
    return md


def normalize(text: str) -> str:
    """BOM off; CRLF and lone CR become LF, so every file reads the same."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def blank_front_matter(lines: list[str]) -> list[str]:
    """Replace a leading YAML/TOML front matter block by empty lines (keeps line numbers)."""
    if not lines or lines[0].strip() not in _FRONT_MATTER_FENCES:
        return lines
    fence = lines[0].strip()
    closers = {fence, "..."} if fence == "---" else {fence}
    for i in range(1, len(lines)):
        if lines[i].strip() in closers:
            return [""] * (i + 1) + lines[i + 1:]
    return lines  # an unclosed fence is just a thematic break


def parse(text: str, path: str = "<text>") -> Document:
    text = normalize(text)
    source_lines = text.split("\n")
    body_lines = blank_front_matter(source_lines)
    builder = _Builder(source_lines)
    too_deep = None
    # A big file is parsed a piece at a time (see _pieces): markdown-it's tokens for a
    # whole 20 MB file take more memory than everything starlint builds from them.
    for first, last in _pieces(body_lines):
        tokens = _markdown().parse("\n".join(body_lines[first:last]))
        if first:
            for tok in tokens:
                if tok.map:
                    tok.map = [tok.map[0] + first, tok.map[1] + first]
        too_deep = too_deep or _too_deep(tokens, source_lines)
        builder.walk(tokens)  # frees the tokens as it reads them: they and the tree are never all alive at once
    builder.finish()
    return Document(path=path, source_lines=source_lines, root=builder.root, comments=builder.comments,
                    too_deep=too_deep)


# Files up to this many characters are parsed whole; bigger ones in pieces of about this size.
PIECE_CHARS = 1_000_000
_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# HTML blocks that run past blank lines (CommonMark kinds 1-5), with what ends each
_LONG_HTML = re.compile(r" {0,3}(?:(<!--)|(<\?)|(<!\[CDATA\[)|(<![A-Za-z])|(<(?:script|pre|style|textarea)(?:[\s>]|$)))", re.I)
_HTML_ENDS = ("-->", "?>", "]]>", ">", None)  # None: the matching closing tag
_HTML_CLOSE = re.compile(r"</(?:script|pre|style|textarea)>", re.I)


def _pieces(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges to parse one at a time, cut only where cutting cannot change the parse.

    A cut goes before an ATX heading at column 0 that follows a blank line, outside a
    fenced code block and outside an HTML block that runs past blank lines: the blank
    line has ended any paragraph, table or quote, and a line at column 0 that is not
    a list item ends every list, so the heading starts afresh either way.  (Only link
    reference definitions reach across a cut, and starlint reads link text, not targets.)
    """
    total = sum(len(line) + 1 for line in lines)
    if total <= PIECE_CHARS:
        return [(0, len(lines))]
    pieces: list[tuple[int, int]] = []
    start, size = 0, 0
    fence: str | None = None
    html_end: str | None = None
    html_tag = False
    for i, line in enumerate(lines):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]} and len(line) - len(line.lstrip(" ")) < 4:
                fence = None
        elif html_end is not None or html_tag:
            if (html_tag and _HTML_CLOSE.search(line)) or (html_end and html_end in line):
                html_end, html_tag = None, False
        else:
            if (size >= PIECE_CHARS and i > start and not lines[i - 1].strip()
                    and _ATX_HEADING.match(line)):
                pieces.append((start, i))
                start, size = i, 0
            m = _FENCE.match(line)
            if m and not (m.group(1)[0] == "`" and "`" in line[m.end():]):
                fence = m.group(1)
            else:
                h = _LONG_HTML.match(line)
                if h:
                    kind = next(k for k in range(5) if h.group(k + 1))
                    rest = line[h.end():]
                    if kind == 4:
                        html_tag = _HTML_CLOSE.search(rest) is None
                    elif _HTML_ENDS[kind] not in rest:
                        html_end = _HTML_ENDS[kind]
        size += len(line) + 1
    pieces.append((start, len(lines)))
    return pieces


def _too_deep(tokens: list["Token"], source_lines: list[str]) -> tuple[int, int] | None:
    """The lines of the first container nested past MAX_NESTING: the parser skipped its text."""
    for tok in tokens:
        if tok.nesting == 1 and tok.level >= MAX_NESTING - 1 and tok.map and tok.type in (
                "blockquote_open", "list_item_open", "bullet_list_open", "ordered_list_open"):
            first, last = tok.map[0] + 1, tok.map[1]
            while last > first and not source_lines[last - 1].strip():
                last -= 1
            return first, last
    return None


class _Builder:
    def __init__(self, source_lines: list[str]) -> None:
        self.source_lines = source_lines
        self.root = Section(level=0, line=0, end_line=len(source_lines), title="")
        self.sections: list[Section] = [self.root]
        self.comments: list[Comment] = []
        # open containers: a list Block at the top, then the items inside it
        self.list_block: Block | None = None
        self.items: list[Item] = []
        self.list_depth = 0

    # -- helpers ---------------------------------------------------------
    def _end(self, map_: list[int] | None, start: int) -> int:
        """1-based last non-blank line of a token's source range."""
        if not map_:
            return start
        end = map_[1]
        while end > start and end - 1 < len(self.source_lines) and not self.source_lines[end - 1].strip():
            end -= 1
        return max(end, start)

    def _section(self) -> Section:
        return self.sections[-1]

    # -- walk ------------------------------------------------------------
    def walk(self, tokens: list["Token"]) -> None:
        """Read the token stream; each token is dropped from `tokens` once read (memory)."""
        i = 0
        n = len(tokens)
        freed = 0
        while i < n:
            while freed < i:
                tokens[freed] = None  # type: ignore[call-overload]
                freed += 1
            tok = tokens[i]
            t = tok.type
            if t == "heading_open" and not self.items:
                inline = tokens[i + 1]
                lines = _inline_lines(inline, (tok.map or [0])[0] + 1, self.comments)
                self._open_heading(int(tok.tag[1]), lines, tok)
                i += 3
                continue
            if t in ("bullet_list_open", "ordered_list_open"):
                if self.list_depth == 0:
                    self.list_block = Block(kind="list", line=tok.map[0] + 1 if tok.map else 0,
                                            end_line=self._end(tok.map, tok.map[0] + 1 if tok.map else 0))
                    self._section().blocks.append(self.list_block)
                self.list_depth += 1
            elif t in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
                if self.list_depth == 0:
                    self.list_block = None
            elif t == "list_item_open":
                line = tok.map[0] + 1 if tok.map else 0
                item = Item(line=line, end_line=self._end(tok.map, line), ordered=tok.markup in (".", ")"))
                if self.items:
                    self.items[-1].children.append(item)
                elif self.list_block is not None:
                    self.list_block.items.append(item)
                self.items.append(item)
            elif t == "list_item_close":
                if self.items:
                    self.items.pop()
            elif t == "inline":
                start = (tok.map or [0])[0] + 1
                lines = _inline_lines(tok, start, self.comments)
                if self.items:
                    self.items[-1].lines.extend(lines)
                else:
                    self._section().blocks.append(
                        Block(kind="paragraph", line=start, end_line=self._end(tok.map, start), lines=lines))
            elif t == "html_block":
                self._comments_in(tok)
            elif t == "table_open":
                i = self._table(tokens, i)
                continue
            elif t in ("fence", "code_block", "hr"):
                if not self.items:
                    line = (tok.map or [0])[0] + 1
                    self._section().blocks.append(Block(kind="other", line=line, end_line=self._end(tok.map, line)))
            i += 1

    def _table(self, tokens: list["Token"], i: int) -> int:
        """Read a table's rows (segment decides whether it holds a story's parts); the index
        after it.  A table inside a list item is not read."""
        tok = tokens[i]
        line = (tok.map or [0])[0] + 1
        rows: list[list[TextLine]] = []
        row_line = line
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            cell = tokens[i]
            if cell.type == "tr_open":
                rows.append([])
                row_line = (cell.map or [row_line - 1])[0] + 1
            elif cell.type == "inline" and rows:
                found = _inline_lines(cell, row_line, self.comments)
                text = " ".join(tl.text for tl in found)
                plain = " ".join(tl.plain for tl in found)
                rows[-1].append(TextLine(line=row_line, text=text, plain=plain))
            i += 1
        if not self.items:
            self._section().blocks.append(Block(kind="table", line=line, end_line=self._end(tok.map, line), rows=rows))
        return i + 1

    def finish(self) -> None:
        """Close what is open at the end of the text."""
        self._close_sections(len(self.source_lines))

    def _open_heading(self, level: int, lines: list[TextLine], tok: "Token") -> None:
        line = (tok.map or [0])[0] + 1
        while self._section().level >= level:
            done = self.sections.pop()
            done.end_line = self._trim(line - 1)
        title = " ".join(tl.text for tl in lines).strip()
        plain = " ".join(tl.plain for tl in lines).strip()
        section = Section(level=level, line=line, end_line=line, title=title, title_plain=plain)
        self._section().children.append(section)
        self.sections.append(section)

    def _close_sections(self, last_line: int) -> None:
        while len(self.sections) > 1:
            done = self.sections.pop()
            done.end_line = self._trim(last_line)
        self.root.end_line = self._trim(last_line)

    def _trim(self, line: int) -> int:
        while line > 0 and line - 1 < len(self.source_lines) and not self.source_lines[line - 1].strip():
            line -= 1
        return line

    def _comments_in(self, tok: "Token") -> None:
        start = (tok.map or [0])[0] + 1
        for m in _COMMENT.finditer(tok.content):
            first = start + tok.content.count("\n", 0, m.start())
            last = start + tok.content.count("\n", 0, m.end())
            self.comments.append(Comment(line=first, end_line=last, text=m.group(1).strip()))


def _inline_lines(inline: "Token", start_line: int, comments: list[Comment]) -> list[TextLine]:
    """Turn an inline token into one TextLine per source line."""
    if inline.meta.get("plain"):  # no markup (see _INLINE_MARKUP): each line is its text
        return [TextLine(line=start_line + offset, text=line, plain=line)
                for offset, raw in enumerate(inline.content.split("\n")) if (line := raw.strip())]
    texts: list[list[str]] = [[]]
    plains: list[list[str]] = [[]]
    # the source line each output line starts on, and the one being read: a break moves
    # a line down, and so do line ends inside a code span or raw HTML (no break in the text)
    starts = [0]
    here = 0
    raw = inline.content
    at = 0  # where in the raw content the next code span may start
    for child in inline.children or []:
        kind = child.type
        if kind == "text":
            texts[-1].append(child.content)
            plains[-1].append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            texts.append([])
            plains.append([])
            here += 1
            starts.append(here)
        elif kind == "code_inline":
            texts[-1].append(f"`{child.content}`")
            # blank code out for reading: numbers and words inside are not prose
            plains[-1].append(" " * (len(child.content) + 2))
            # markdown-it turns the span's line ends into spaces: find the span in the
            # source to count them
            span = _code_span(raw, child.markup, at)
            if span is not None:
                here += raw.count("\n", span[0], span[1])
                at = span[1] + len(child.markup)
        elif kind == "html_inline":
            m = _COMMENT.fullmatch(child.content)
            if m:
                line, text = start_line + here, m.group(1).strip()
                comments.append(Comment(line=line, end_line=line + text.count("\n"), text=text, inline=True))
            here += child.content.count("\n")
        elif kind == "image":
            alt = child.content
            texts[-1].append(alt)
            plains[-1].append(alt)
    out = []
    for index, (text_parts, plain_parts) in enumerate(zip(texts, plains)):
        text = "".join(text_parts).strip()
        plain = "".join(plain_parts).strip()
        if text:
            out.append(TextLine(line=start_line + starts[index], text=text, plain=plain))
    return out


_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _code_span(text: str, run: str, start: int) -> tuple[int, int] | None:
    """(opener, closer) of the next code span of `run` backticks from `start`: a run of
    exactly that length (outside escapes), closed by the next such run (backslashes are
    text inside a span).  For the rare paragraphs markdown-it reads inline."""
    n, size, i = len(text), len(run), start
    opener = -1
    while i < n and opener < 0:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            i += 2
        elif ch == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            opener, i = (i if j - i == size else -1), j
        else:
            i += 1
    while opener >= 0 and i < n:
        if text[i] == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            if j - i == size:
                return opener, i
            i = j
        else:
            i += 1
    return None
