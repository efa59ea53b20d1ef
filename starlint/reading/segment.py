"""segment: Document → stories (SPEC "Stories").

1. A leaf heading section with text is one story, titled by its heading.
2. A section whose sub-headings are all part labels (a reflection heading such as
   배운 점 or 핵심가치 연계 among them) is one story; the label headings are its parts.
3. Where a section's body is a list and a top-level item has nested items, each
   such item is a story and an item without nested items is a talking point.  A
   flat list is simply the body of the section's story (rule 1).  Items that are
   part labels (``- **Situation**`` with nested items) are the parts of the
   section's story, not stories.
4. A table is story text only when its rows (``| 상황 | … |``) or its columns
   (``| S | T | A | R |``) are part labels: then its cells are the story's parts.
"""

from __future__ import annotations

import re

from ..models import Block, Document, Item, Section, Story, TextLine, Unit
from .lexicon import LabelHit, Lexicon

# a sentence ends at . ! ? (and any closing quote or bracket) followed by space
_SENTENCE_END = re.compile(r"[.!?。？！][\"'”’»)\]]*(\s+)(?=\S)")
_NUMBERING = re.compile(r"\(?\d+\.")  # "1." or "(2." before a space: not a sentence end
# this many label sub-headings with nothing under them still make a story (a skeleton)
_SKELETON = 3
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "etc.", "approx.", "dr.", "mr.", "ms.", "no.", "fig.", "cf.", "inc.", "ltd.")


def segment(doc: Document, lex: Lexicon) -> list[Story]:
    return segment_with_points(doc, lex)[0]


def segment_with_points(doc: Document, lex: Lexicon) -> tuple[list[Story], int]:
    """The stories, and how many talking points (rule 3: a flat item beside item stories)
    were read as no story, so the summary can say what was read."""
    stories: list[Story] = []
    points = [0]
    _walk(doc.root, lex, stories, points)
    stories.sort(key=lambda s: s.line)
    for story in stories:
        story.language = _language(story)
    return stories, points[0]


# ---------------------------------------------------------------- sections --
def _has_text(section: Section, lex: Lexicon) -> bool:
    return any(block.lines or block.items or (block.rows and _table_layout(block, lex) is not None)
               for block in section.blocks)


def _bears_text(section: Section, lex: Lexicon) -> bool:
    return _has_text(section, lex) or any(_bears_text(c, lex) for c in section.children)


def _title_label(text: str, lex: Lexicon) -> LabelHit | None:
    """A heading or item that is only a part label (``### 결과``, ``- **Situation**``)."""
    hit = lex.label(text)
    return hit if hit is not None and len(hit.content) <= 20 and not any(ch.isdigit() for ch in hit.content) else None


def _walk(section: Section, lex: Lexicon, out: list[Story], points: list[int]) -> None:
    if section.level > 0 and section.children and \
            all(_title_label(c.title_plain, lex) for c in section.children) and \
            (_bears_text(section, lex) or len(section.children) >= _SKELETON):
        # (an empty skeleton of label headings is a story still to write: STAR007)
        out.append(_label_heading_story(section, lex))
        return
    bullet_items = _bullet_story_items(section, lex)
    for item in bullet_items:
        out.append(_bullet_story(item, lex))
    if bullet_items:
        points[0] += sum(1 for block in section.blocks if block.kind == "list" for item in block.items
                         if item.lines and not item.children)
    if any(_bears_text(c, lex) for c in section.children):
        for child in section.children:
            _walk(child, lex, out, points)
        return
    if not bullet_items and section.level > 0 and _has_text(section, lex):
        out.append(_heading_story(section, lex))


def _bullet_story_items(section: Section, lex: Lexicon) -> list[Item]:
    items = [item for block in section.blocks if block.kind == "list" for item in block.items]
    nested = [item for item in items if item.children and item.lines]
    labelled = [item for item in items if _is_label_item(item, lex)]
    # `- 상황: …` / `- 결과` items: the section itself is the story.  One label among
    # many stories (a "결과" bullet beside "프로젝트 개요", "어려웠던 부분") is a story too.
    if labelled and (len(labelled) >= 2 or 2 * len(labelled) >= len(nested)):
        return []
    return nested


def _is_label_item(item: Item, lex: Lexicon) -> bool:
    return bool(item.lines) and lex.label(item.lines[0].plain) is not None


# ------------------------------------------------------------------ tables --
def _table_layout(block: Block, lex: Lexicon) -> str | None:
    """"rows" when the first cells of the rows are part labels, "columns" when the header
    cells are, None for any other table (not story text)."""
    rows = block.rows
    if len(rows) < 2:
        return None
    if sum(1 for cell in rows[0] if _title_label(cell.plain, lex)) >= 2:
        return "columns"
    if sum(1 for row in rows[1:] if row and _title_label(row[0].plain, lex)) >= 2:
        return "rows"
    return None


def _add_table(story: Story, block: Block, lex: Lexicon) -> None:
    layout = _table_layout(block, lex)
    if layout == "rows":
        for row in block.rows[1:]:
            if not row:
                continue
            hit = _title_label(row[0].plain, lex)
            rest = [cell for cell in row[1:] if cell.plain.strip()]
            text = " ".join(cell.text for cell in rest)
            plain = " ".join(cell.plain for cell in rest)
            if hit is None:
                text, plain = " ".join(cell.text for cell in row), " ".join(cell.plain for cell in row)
            if plain.strip() or hit is not None:
                story.units.append(Unit(line=row[0].line, text=text or row[0].text, plain=plain or row[0].plain,
                                        label=hit.kind if hit else None, label_text=hit.written if hit else None,
                                        content=plain if hit else ""))
    elif layout == "columns":
        labels = [_title_label(cell.plain, lex) for cell in block.rows[0]]
        for row in block.rows[1:]:
            for hit, cell in zip(labels, row):
                if cell.plain.strip():
                    story.units.append(Unit(line=cell.line, text=cell.text, plain=cell.plain,
                                            label=hit.kind if hit else None,
                                            label_text=hit.written if hit else None,
                                            content=cell.plain if hit else ""))


# ------------------------------------------------------------------ stories --
def _heading_story(section: Section, lex: Lexicon) -> Story:
    story = Story(title=section.title, line=section.line, end_line=section.end_line, shape="heading")
    hit = _title_label(section.title_plain, lex)  # "## 결과" standing alone: its body is the Result
    _add_blocks(story, section, lex, inherited=hit.kind if hit and not hit.content else None)
    return story


def _label_heading_story(section: Section, lex: Lexicon) -> Story:
    story = Story(title=section.title, line=section.line, end_line=section.end_line, shape="label-headings")
    _add_blocks(story, section, lex, inherited=None)
    for child in section.children:
        hit = lex.label(child.title_plain)
        story.units.append(Unit(line=child.line, text=child.title, plain=child.title_plain,
                                label=hit.kind if hit else None, label_text=hit.written if hit else None,
                                content=""))
        _add_section_tree(story, child, lex, inherited=hit.kind if hit else None)
    return story


def _add_section_tree(story: Story, section: Section, lex: Lexicon, inherited: str | None) -> None:
    _add_blocks(story, section, lex, inherited)
    for child in section.children:
        _add_section_tree(story, child, lex, inherited)


def _bullet_story(item: Item, lex: Lexicon) -> Story:
    title = item.lines[0].text
    story = Story(title=title, line=item.line, end_line=item.end_line, shape="bullet")
    hit = _title_label(item.lines[0].plain, lex)  # "- 결과" over its items: they are the Result
    inherited = hit.kind if hit and not hit.content else None
    for tl in item.lines[1:]:  # continuation lines of the title item
        _add_line(story, tl, depth=0, parent=None, inherited=inherited)
    for child in item.children:
        _add_item(story, child, depth=1, parent=None, inherited=inherited)
    return story


def _add_blocks(story: Story, section: Section, lex: Lexicon, inherited: str | None) -> None:
    for block in section.blocks:
        if block.kind == "paragraph":
            for tl in block.lines:
                _add_line(story, tl, depth=0, parent=None, inherited=inherited, paragraph=True)
        elif block.kind == "list":
            for item in block.items:
                _add_item(story, item, depth=0, parent=None, inherited=inherited)
        elif block.kind == "table":
            _add_table(story, block, lex)


def _add_item(story: Story, item: Item, depth: int, parent: int | None, inherited: str | None) -> None:
    head: int | None = None
    for tl in item.lines:
        index = _add_line(story, tl, depth=depth, parent=parent, inherited=inherited)
        if head is None:
            head = index
    for child in item.children:
        _add_item(story, child, depth=depth + 1, parent=head, inherited=inherited)


def _add_line(story: Story, tl: TextLine, depth: int, parent: int | None, inherited: str | None,
              paragraph: bool = False) -> int | None:
    first: int | None = None
    for i, (text, plain) in enumerate(split_sentences(tl.text, tl.plain)):
        # only the first sentence of a line can start with a label
        unit = Unit(line=tl.line, text=text, plain=plain, depth=depth, parent=parent, inherited=inherited,
                    line_start=not i, in_paragraph=paragraph)
        story.units.append(unit)
        if first is None:
            first = len(story.units) - 1
    return first


def split_sentences(text: str, plain: str) -> list[tuple[str, str]]:
    """Split a line into sentences; `text` and `plain` have equal length."""
    if len(text) != len(plain):
        return [(text, plain)]
    cuts = []
    for m in _SENTENCE_END.finditer(plain):
        end = m.start(1)
        before = plain[max(0, end - 64):end].rsplit(" ", 1)[-1].lower()  # the word before (bounded: long lines stay linear)
        if before in _ABBREVIATIONS or _NUMBERING.fullmatch(before):
            continue
        cuts.append((end, m.end()))
    pieces = []
    start = 0
    for end, nxt in cuts:
        pieces.append((text[start:end].strip(), plain[start:end].strip()))
        start = nxt
    pieces.append((text[start:].strip(), plain[start:].strip()))
    return [p for p in pieces if p[1]]


# counted by runs: one string per word rather than one per letter
_HANGUL = re.compile(r"[가-힣]+")
_LATIN = re.compile(r"[A-Za-z]+")


def _language(story: Story) -> str:
    text = story.title + " " + " ".join(u.plain for u in story.units)
    if text.isascii():  # no Hangul at all (a test in C)
        return "en"
    hangul = sum(map(len, _HANGUL.findall(text)))
    latin = sum(map(len, _LATIN.findall(text)))
    # a Hangul syllable carries about as much as three Latin letters
    return "ko" if hangul * 3 >= latin * 0.6 and hangul > 0 else "en"
