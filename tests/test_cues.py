"""The cue groups read through the index of letter pairs (lexicon._TermIndex) find
exactly what searching each group's whole alternation finds: the same groups, in
the same order, with the same matched text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from starlint.reading.lexicon import Lexicon, lexicon_for
from starlint.reading.packs import Pack, builtin_packs
from starlint.reading.markdown import parse
from starlint.reading.segment import segment
from starlint.validation import validate
from tests.notes import ROOT, SHARED, markdown_files



def both(lex: Lexicon, text: str):
    return lex._terms.read(text, lex._cues), lex._read_cues_by_regex(text)


def note_texts() -> list[str]:
    lex = lexicon_for()
    files = markdown_files(ROOT / "answers") + markdown_files(ROOT / "tests")
    if SHARED.is_dir():
        files += markdown_files(SHARED)
    texts: set[str] = set()
    for path in files:
        doc = parse(path.read_text(encoding="utf-8"), str(path))
        for story in segment(doc, lex):
            for unit in story.units:
                texts.add(unit.plain)
                hit = lex.label(unit.plain)
                if hit is not None:
                    texts.add(hit.content)
    return sorted(texts)


def test_every_line_of_the_notes_reads_the_same():
    lex = lexicon_for()
    texts = note_texts()
    assert len(texts) > 1000
    differ = [t for t in texts if len(t) <= 500 and (lambda a, b: a != b)(*both(lex, t))]
    assert differ == []
    assert sum(1 for t in texts if lex.cues(t)) > len(texts) // 2  # the notes are full of cues


# Pieces of the packs' own terms, glued with what surrounds them in notes: case,
# Latin letters before and after (the start-of-word guard), spaces, particles.
def _terms() -> list[str]:
    return sorted({t for p in builtin_packs() for g in p.cues for t in g.terms})


TERMS = _terms()
GLUE = st.sampled_from(["", " ", "a", "x", "S", "I", "ı", "İ", "K", "ſ", "이", "를", "했다", ".", ",", "-", "\t",
                        "2023년", "10%", "😀", "é", "(", ")"])


@st.composite
def sentences(draw) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        term = draw(st.sampled_from(TERMS))
        if draw(st.booleans()):
            term = term.upper() if draw(st.booleans()) else term.title()
        pieces += [draw(GLUE), term, draw(GLUE)]
    return "".join(pieces)


@settings(max_examples=3000, deadline=None)
@given(sentences())
def test_generated_sentences_read_the_same(text):
    lex = lexicon_for()
    fast, slow = both(lex, text)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_reads_the_same(text):
    lex = lexicon_for()
    fast, slow = both(lex, text)
    assert fast == slow


def test_a_pack_with_terms_folding_cannot_stand_for_is_read_by_its_regex():
    data = validate("pack", {"name": "t", "cues": [
        {"part": "action", "terms": ["café", "Straße"]},  # cased letters outside ASCII
        {"part": "result", "terms": ["won"], "patterns": [r"\bwon\b"]},
    ]})
    lex = Lexicon(packs=(Pack.from_data(data),), quantities=lexicon_for().quantities)
    assert lex._terms.unindexed == [0]
    for text in ("CAFÉ crème", "Straße", "we won it", "wonder", "Café won"):
        fast, slow = both(lex, text)
        assert fast == slow, text
    assert [c.matched for c in lex.cues("CAFÉ and we won")] == ["CAFÉ", "won"]


@pytest.mark.parametrize("text, expected", [
    ("took one step", []),  # "took on" must end a word
    ("I took on the role", ["took on"]),
])
def test_phrase_guards(text, expected):
    data = validate("pack", {"name": "t", "cues": [{"part": "task", "terms": ["took on"]}]})
    lex = Lexicon(packs=(Pack.from_data(data),), quantities=lexicon_for().quantities)
    assert [c.matched for c in lex._terms.read(text, lex._cues)] == expected
    assert both(lex, text)[0] == both(lex, text)[1]


# ------------------------------------------------------------------ labels --
def _label_slowly(lex: Lexicon, text: str):
    start, lex._label_start = lex._label_start, None  # the quick turn-away off
    try:
        return lex._label(text)
    finally:
        lex._label_start = start


def test_labels_are_found_the_same_with_the_quick_turn_away():
    lex = lexicon_for()
    assert lex._label_start is not None
    texts = note_texts()
    assert [t for t in texts if lex._label(t) != _label_slowly(lex, t)] == []
    assert sum(1 for t in texts if lex._label(t)) > 100


LABEL_STARTS = st.sampled_from(["", " ", "**", "📌 ", "1. ", "(2) ", "[", "(", "- ", "> ", "ſ", "K", "İ", "s", "S",
                                "T", "t", "R", "상", "결", "배운", "Situation", "SITUATION", "task", "Result"])


@settings(max_examples=2000, deadline=None)
@given(LABEL_STARTS, LABEL_STARTS, st.sampled_from(["", ":", " :", "]", ")", " - ", "**:", ": 텍스트", " (상황)"]),
       st.text(max_size=12))
def test_generated_label_lines_are_found_the_same(a, b, sep, rest):
    lex = lexicon_for()
    text = a + b + sep + rest
    assert lex._label(text) == _label_slowly(lex, text)
