"""_inline: a fast reader for the inline markup interview notes actually use.

`parse._inline_lines` needs, per source line of an inline token, its text with
emphasis markup gone (code spans kept with their backticks) and the same text with
code spans blanked.  markdown-it's inline parser gets there through a token per
delimiter character and several post-passes; for the little markup notes carry
(`**상황**:`, `*em*`, `` `code` ``, `[S]` labels, `\\*`, `&amp;`, comments) that is most
of the parse time.  `inline_lines` computes the same result straight from the text,
and says None for what it leaves to markdown-it: whatever might be a link or image
(any `](`, or a `[…]` naming a defined reference), autolinks, and entities that
decode to a line break.  Raw HTML it drops and HTML comments it keeps, as parse.py does.

It mirrors markdown-it-py 4.x (CommonMark 0.31) rule by rule, reading the source left
to right as markdown-it does, because the order decides who owns a character
(`\\`` escapes a backtick, a code span hides its `*`, …).  tests/test_inline.py
checks it against markdown-it on every note here and on generated text.
"""

from __future__ import annotations

import re
import unicodedata
from html.entities import html5

from ._regex import compile as _compile  # re.compile, the program kept on disk (start-up)

Lines = list[tuple[int, str, str]]
Comments = list[tuple[int, str]]

# Where the reader must stop; anything else is literal text.  Not "\n": line breaks
# stay in the text and are split at the end.  Not `[`, `]`, `!`: once `_may_link` has
# said no, they are literal.
_SPECIAL = _compile(r"[*`_\\<&]")  # a bare class: far faster to search than alternatives
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

# -- emphasis: the character classes of CommonMark's flanking rules ------------------
_WHITE, _PUNCT, _OTHER = 0, 1, 2
# markdown-it's isWhiteSpace: Zs plus \t \n \v \f \r (not every Unicode space)
_WHITESPACE = frozenset("\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000") | frozenset(map(chr, range(0x2000, 0x200B)))


class _Kinds(dict):
    """Character -> kind, worked out on first sight (a few hundred characters in practice)."""

    def __missing__(self, ch: str) -> int:
        if ch in _WHITESPACE:
            kind = _WHITE
        # 0.31 "Unicode punctuation" is categories P and S: emoji count as punctuation
        elif unicodedata.category(ch)[0] in "PS":
            kind = _PUNCT
        else:
            kind = _OTHER
        self[ch] = kind
        return kind


_KIND = _Kinds()


# What a delimiter run can do, as flags (0: neither, an inert run like snake_case's)
_OPENS, _CLOSES = 1, 2


def _flags(last: int, nxt: int, star: bool) -> int:
    """Can a run between characters of these kinds open, close (markdown-it's scanDelims)?"""
    lw, lp, nw, np_ = last == _WHITE, last == _PUNCT, nxt == _WHITE, nxt == _PUNCT
    left = not (nw or (np_ and not (lw or lp)))
    right = not (lw or (lp and not (nw or np_)))
    if star:
        can_open, can_close = left, right
    else:  # `_` may not open or close inside a word: snake_case_name stays as it is
        can_open, can_close = left and (not right or lp), right and (not left or np_)
    return can_open * _OPENS | can_close * _CLOSES


# all 18 answers, indexed by last * 6 + next * 2 + star: a run costs one look-up
_FLAGS = tuple(_flags(last, nxt, star) for last in range(3) for nxt in range(3) for star in (False, True))

# -- entities: markdown-it's rule, with the same HTML5 table it uses -----------------
_ENTITIES = {name.rstrip(";"): chars for name, chars in html5.items()}
_NAMED = _compile(r"&([a-z][a-z0-9]{1,31});", re.I)
_NUMERIC = _compile(r"&#((?:x[a-f0-9]{1,6}|[0-9]{1,7}));", re.I)


def _valid_code(c: int) -> bool:  # markdown-it's isValidEntityCode
    return not (0xD800 <= c <= 0xDFFF or 0xFDD0 <= c <= 0xFDEF or (c & 0xFFFF) in (0xFFFE, 0xFFFF)
                or c <= 0x08 or c == 0x0B or 0x0E <= c <= 0x1F or 0x7F <= c <= 0x9F or c > 0x10FFFF)


# -- `<`: autolinks (left to markdown-it) and raw HTML (dropped, comments kept) --------
# markdown-it's own patterns, used as it uses them (search with ^…$: `$` also matches
# before a final "\n", so "<http://x\n>" is an autolink)
_AUTOLINK = _compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]{1,31}):([^<>\x00-\x20]*)$")
_EMAIL = _compile(r"^([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)$")
_ATTR = r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
_HTML_TAG = _compile(  # markdown-it's HTML_TAG_RE (its alternatives cannot overlap)
    r"<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->"
    r"|<[A-Za-z][A-Za-z0-9\-]*" + _ATTR + r"*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9\-]*\s*>"
    r"|<[?][\s\S]*?[?]>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>")

# -- links: when may a `[…]` be one? -------------------------------------------------
# markdown-it's normalizeReference, with its trim set (CommonMark whitespace + U+2028/9)
_TRIM = "".join(sorted(_WHITESPACE | {"\u2028", "\u2029"}))
_TRIM_RUN = _compile("[" + re.escape(_TRIM) + "]+")
_MAX_LABEL_PAIRS = 64
_BRACKETS = _compile(r"[\[\]]")


def _may_link(content: str, references: dict | None) -> bool:
    """Could markdown-it make a link or image here?  A safe over-estimate.

    A link is `[label](…)` (so `](` occurs) or a label, `[label][ref]` or `[ref][]`,
    naming a defined reference; every such label is the text between some `[` and
    some later `]`, so if none of those names a definition, brackets are text.
    """
    if "](" in content:
        return True
    if not references or "[" not in content:
        return False
    opens, closes = [], []
    for m in _BRACKETS.finditer(content):
        (opens if m.group() == "[" else closes).append(m.start())
    if len(opens) * len(closes) > _MAX_LABEL_PAIRS:
        return True  # not worth the look-ups: let markdown-it decide
    for a in opens:
        for b in closes:
            if b > a and _TRIM_RUN.sub(" ", content[a + 1:b].strip(_TRIM)).lower().upper() in references:
                return True
    return False


_BACKTICKS = _compile(r"`+")
_ANGLE = _compile(r"[<>]")


def _raw_html(content: str, start: int, lasts: dict[str, int]) -> re.Match[str] | None:
    """markdown-it's html_inline at `start`, with its guards: a construct whose
    terminator occurs nowhere after it is not tried (else each `<!--` would rescan)."""
    if content.startswith("<!--", start):
        term = "-->" if not content.startswith(("<!-->", "<!--->"), start) else ">"
        need = start + 4
    elif content.startswith("<![CDATA[", start):
        term, need = "]]>", start + 9
    elif content.startswith("<?", start):
        term, need = "?>", start + 2
    else:
        term, need = ">", start + 2
    last = lasts.get(term)
    if last is None:
        last = lasts[term] = content.rfind(term)
    return _HTML_TAG.match(content, start) if last >= need else None


def inline_lines(content: str, references: dict | None) -> tuple[Lines, Comments] | None:
    """(lines, comments) of an inline token's content, as `parse._inline_lines` reads
    markdown-it's children: lines are (line offset, text, plain), comments are
    (line offset, text).  None when markdown-it must read this content instead."""
    if _may_link(content, references):
        return None
    parts: list[str] = []  # the output text; "\n" where markdown-it breaks a line
    code: list[int] = []   # indices in parts of code spans, blanked in `plain`
    runs: list[tuple[int, str, int, int, int]] = []  # emphasis runs: part, marker, start, size, flags
    comments: Comments = []
    breaks = counted = 0   # line breaks in parts[:counted], for a comment's line
    # Source lines that give no break in the text: a code span or raw HTML across a line
    # end.  (output line, how many): every later output line sits that much lower.
    hidden: list[tuple[int, int]] = []
    hidden_total = 0
    no_closer: set[int] = set()  # backtick run lengths that occur no more
    lasts: dict[str, int] = {}   # where each HTML terminator last occurs
    n = len(content)
    pos = 0
    search, append, kinds = _SPECIAL.search, parts.append, _KIND
    while (m := search(content, pos)) is not None:
        start = end = m.start()
        if start > pos:
            append(content[pos:start])
        ch = content[start]
        if ch == "*" or ch == "_":
            while end < n and content[end] == ch:
                end += 1
            # flanking looks at the source characters around the run, whatever they became
            last = kinds[content[start - 1]] if start else _WHITE
            nxt = kinds[content[end]] if end < n else _WHITE
            runs.append((len(parts), ch, start, end - start, _FLAGS[last * 6 + nxt * 2 + (ch == "*")]))
            append(content[start:end])  # literal unless matched (see _emphasis)
        elif ch == "`":
            while end < n and content[end] == "`":
                end += 1
            length = end - start
            closer = None
            if length not in no_closer:  # the next run of exactly this length closes the span
                closer = _BACKTICKS.search(content, end)
                while closer is not None and closer.end() - closer.start() != length:
                    closer = _BACKTICKS.search(content, closer.end())
                if closer is None:
                    no_closer.add(length)
            if closer is None:  # no closing run: the backticks are text
                append(content[start:end])
            else:
                span = content[end:closer.start()]
                if "\n" in span:
                    breaks += "".join(parts[counted:]).count("\n")
                    counted = len(parts)
                    hidden.append((breaks, span.count("\n")))
                    hidden_total += hidden[-1][1]
                    span = span.replace("\n", " ")
                if span[:1] == " " and span[-1:] == " " and span.strip(" "):
                    span = span[1:-1]
                code.append(len(parts))
                append(f"`{span}`")
                end = closer.end()
        elif ch == "\\":
            end = start + 2
            if end > n:  # at the very end: a literal backslash
                end = n
                append("\\")
            else:  # "\\\n" is a hard break (its "\n" stays); before a non-punctuation, "\\" stays
                escaped = content[start + 1]
                append(escaped if escaped in _ESCAPABLE or escaped == "\n" else content[start:end])
        elif ch == "<":
            end = start + 1
            # markdown-it's autolink rule goes first: `<` up to the next `<` or `>`
            angle = _ANGLE.search(content, end)
            if angle is not None:  # (else no `>` follows: the `<` is text)
                if angle.group() == ">":
                    url = content[end:angle.start()]
                    if _AUTOLINK.search(url) or _EMAIL.search(url):
                        return None
                # then html_inline, which may hold a `<` (`<!-- a < b -->`, `<a title="<">`)
                tag = _raw_html(content, start, lasts)
                if tag is not None:  # raw HTML is not text; a whole <!--…--> is a comment
                    html = tag.group()
                    comment = html.startswith("<!--") and len(html) >= 7  # "<!-->" and "<!--->" are not
                    if comment or "\n" in html:
                        breaks += "".join(parts[counted:]).count("\n")
                        counted = len(parts)
                    if comment:
                        comments.append((breaks + hidden_total, html[4:-3].strip()))
                    if "\n" in html:
                        hidden.append((breaks, html.count("\n")))
                        hidden_total += hidden[-1][1]
                    pos = tag.end()
                    continue
            append("<")
        else:  # "&"
            end = start + 1
            if content.startswith("&#", start):
                ent = _NUMERIC.match(content, start)
                if ent is not None:
                    digits = ent.group(1)
                    point = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
                    decoded = chr(point) if _valid_code(point) else "\ufffd"
                else:
                    decoded = None
            else:
                ent = _NAMED.match(content, start)
                decoded = _ENTITIES.get(ent.group(1)) if ent is not None else None
            if decoded is None:
                append("&")
            elif "\n" in decoded:  # text to markdown-it, but a line break to the split below
                return None
            else:
                append(decoded)
                end = ent.end()
        pos = end
    if pos < n:
        append(content[pos:])
    if runs:
        _emphasis(runs, parts)
    return _lines(parts, code, hidden), comments


def _emphasis(runs: list[tuple[int, str, int, int, int]], parts: list[str]) -> None:
    """Blank the delimiter characters markdown-it pairs into emphasis (em or strong:
    here they only disappear); the others stay literal text."""
    # Nearly always the runs, leaving out the inert ones (`snake_case`), come in pairs:
    # one that can only open, then one of the same marker and length that can only
    # close (`**상황**`).  Then each pair matches whole, whatever came before: every
    # earlier delimiter is already matched or inert, and the rule of 3 needs a run that
    # can both open and close.
    active = [r for r in runs if r[4]]
    if len(active) % 2 == 0 and all(
            a[4] == _OPENS and b[4] == _CLOSES and a[1] == b[1] and a[3] == b[3]
            for a, b in zip(active[::2], active[1::2])):
        for run in active:
            parts[run[0]] = ""
        return
    kept = _balance(runs)
    for run, left in zip(runs, kept):
        parts[run[0]] = run[1] * left


def _balance(runs: list[tuple[int, str, int, int, int]]) -> list[int]:
    """How many characters of each run stay literal: markdown-it's balance_pairs.

    One entry per delimiter character, as markdown-it keeps them, so that its
    "jumps" and "openers bottom" shortcuts give exactly its pairs.  The source
    position stands in for its token index: only adjacency is ever asked.
    """
    marker: list[str] = []
    length: list[int] = []
    token: list[int] = []
    opens: list[bool] = []
    closes: list[bool] = []
    owner: list[int] = []
    for r, (_, ch, start, size, flags) in enumerate(runs):
        for k in range(size):
            marker.append(ch)
            length.append(size)
            token.append(start + k)
            opens.append(bool(flags & _OPENS))
            closes.append(bool(flags & _CLOSES))
            owner.append(r)
    count = len(marker)
    ends = [-1] * count
    jumps = [0] * count
    bottoms: dict[str, list[int]] = {}
    header = 0
    last_token = -2
    for closer in range(count):
        ch = marker[closer]
        if marker[header] != ch or last_token != token[closer] - 1:
            header = closer  # first character of the current run
        last_token = token[closer]
        if not closes[closer]:
            continue
        bottom = bottoms.setdefault(ch, [-1] * 6)
        size = length[closer]
        opener = header - jumps[header] - 1
        new_min = opener
        while opener > bottom[(3 if opens[closer] else 0) + size % 3]:
            if marker[opener] != ch:
                opener -= jumps[opener] + 1
                continue
            if opens[opener] and ends[opener] < 0:
                # the rule of 3: a run that can both open and close is picky about partners
                odd = ((closes[opener] or opens[closer]) and (length[opener] + size) % 3 == 0
                       and (length[opener] % 3 != 0 or size % 3 != 0))
                if not odd:
                    last_jump = jumps[opener - 1] + 1 if opener > 0 and not opens[opener - 1] else 0
                    jumps[closer] = closer - opener + last_jump
                    jumps[opener] = last_jump
                    opens[closer] = False
                    ends[opener] = closer
                    closes[opener] = False
                    new_min = -1
                    last_token = -2
                    break
            opener -= jumps[opener] + 1
        if new_min != -1:
            bottom[(3 if opens[closer] else 0) + size % 3] = new_min
    kept = [run[3] for run in runs]
    for i, end in enumerate(ends):
        if end >= 0:
            kept[owner[i]] -= 1
            kept[owner[end]] -= 1
    return kept


def _lines(parts: list[str], code: list[int], hidden: list[tuple[int, int]] | None = None) -> Lines:
    """Per output line: (its line in the source, text, plain), empty lines left out."""
    text = "".join(parts)
    plain = text
    if code:
        for i in code:
            parts[i] = " " * len(parts[i])
        plain = "".join(parts)
    if "\n" not in text:  # most tokens are one line
        line = text.strip()
        return [(0, line, plain.strip() if code else line)] if line else []
    # split on "\n" only: splitlines would also break at \x1c, \u2028, …
    pairs = zip(text.split("\n"), plain.split("\n"))
    lines = [(offset, line, p.strip()) for offset, (t, p) in enumerate(pairs) if (line := t.strip())]
    if hidden:
        lines = [(offset + sum(k for at, k in hidden if at < offset), t, p) for offset, t, p in lines]
    return lines
