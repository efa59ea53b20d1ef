"""segment: Document → stories (SPEC "Stories").

1. A leaf heading section with text is one story, titled by its heading.
2. A section whose sub-headings are all STAR labels is one story; the label
   headings are its parts.
3. Where a section's body is a list, each top-level item with nested items is a
   story; an item without nested items is a talking point.  Items that are
   themselves part labels are parts of the section's story.
"""

from __future__ import annotations

import re


from .lexicon import Lexicon
from ..models import Document, Item, Section, Story, TextLine, Unit

# a sentence ends at . ! ? (and any closing quote or bracket) followed by space
_SENTENCE_END = re.compile(r"[.!?。？！][\"'”’»)\]]*(\s+)(?=\S)")
_NUMBERING = re.compile(r"\(?\d+\.")  # "1." or "(2." before a space: not a sentence end
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "etc.", "approx.", "dr.", "mr.", "ms.", "no.", "fig.", "cf.", "inc.", "ltd.")


def segment(doc: Document, lex: Lexicon) -> list[Story]:
    stories: list[Story] = []
    _walk(doc.root, lex, stories)
    stories.sort(key=lambda s: s.line)
    for story in stories:
        story.language = _language(story)
    return stories


# ---------------------------------------------------------------- sections --
def _has_text(section: Section) -> bool:
    return any(block.lines or block.items for block in section.blocks)


def _bears_text(section: Section) -> bool:
    return _has_text(section) or any(_bears_text(c) for c in section.children)


def _is_label_heading(section: Section, lex: Lexicon) -> bool:
    hit = lex.label(section.title_plain)
    return hit is not None and len(hit.content) <= 20 and not any(ch.isdigit() for ch in hit.content)


def _walk(section: Section, lex: Lexicon, out: list[Story]) -> None:
    labelled = [c for c in section.children if _is_label_heading(c, lex)]
    if section.level > 0 and section.children and len(labelled) == len(section.children) and _bears_text(section):
        out.append(_label_heading_story(section, lex))
        return
    bullet_items = _bullet_story_items(section, lex)
    for item in bullet_items:
        out.append(_bullet_story(item))
    text_children = [c for c in section.children if _bears_text(c)]
    if text_children:
        for child in section.children:
            _walk(child, lex, out)
        return
    if not bullet_items and section.level > 0 and _has_text(section) and not _only_talking_points(section, lex):
        out.append(_heading_story(section))


def _bullet_story_items(section: Section, lex: Lexicon) -> list[Item]:
    items = [item for block in section.blocks if block.kind == "list" for item in block.items]
    if any(_is_label_item(item, lex) for item in items):
        return []  # `- 상황: …` items: the section itself is the story
    return [item for item in items if item.children and item.lines]


def _only_talking_points(section: Section, lex: Lexicon) -> bool:
    """A body of flat, unlabelled bullets is a list of talking points, not a story."""
    if any(block.kind == "paragraph" for block in section.blocks):
        return False
    items = [item for block in section.blocks if block.kind == "list" for item in block.items]
    return bool(items) and not any(item.children or _is_label_item(item, lex) for item in items)


def _is_label_item(item: Item, lex: Lexicon) -> bool:
    return bool(item.lines) and lex.label(item.lines[0].plain) is not None


# ------------------------------------------------------------------ stories --
def _heading_story(section: Section) -> Story:
    story = Story(title=section.title, line=section.line, end_line=section.end_line, kind="heading")
    _add_blocks(story, section, inherited=None)
    return story


def _label_heading_story(section: Section, lex: Lexicon) -> Story:
    story = Story(title=section.title, line=section.line, end_line=section.end_line, kind="label-headings")
    _add_blocks(story, section, inherited=None)
    for child in section.children:
        hit = lex.label(child.title_plain)
        story.units.append(Unit(line=child.line, text=child.title, plain=child.title_plain,
                                label=hit.kind if hit else None, label_text=hit.written if hit else None,
                                content=""))
        _add_section_tree(story, child, inherited=hit.kind if hit else None)
    return story


def _add_section_tree(story: Story, section: Section, inherited: str | None) -> None:
    _add_blocks(story, section, inherited)
    for child in section.children:
        _add_section_tree(story, child, inherited)


def _bullet_story(item: Item) -> Story:
    title = item.lines[0].text
    story = Story(title=title, line=item.line, end_line=item.end_line, kind="bullet")
    for tl in item.lines[1:]:  # continuation lines of the title item
        _add_line(story, tl, depth=0, parent=None, inherited=None)
    for child in item.children:
        _add_item(story, child, depth=1, parent=None, inherited=None)
    return story


def _add_blocks(story: Story, section: Section, inherited: str | None) -> None:
    for block in section.blocks:
        if block.kind == "paragraph":
            for tl in block.lines:
                _add_line(story, tl, depth=0, parent=None, inherited=inherited, paragraph=True)
        elif block.kind == "list":
            for item in block.items:
                _add_item(story, item, depth=0, parent=None, inherited=inherited)


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
