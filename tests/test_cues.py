"""Cue groups found through the Aho-Corasick automaton (reading/terms.py) are exactly
what searching each group's whole alternation ``(?:term1)|…|(?:pattern1)|…`` finds
under IGNORECASE: the same groups, in the same order, with the same matched text.
The alternation, built here, is the reference."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from starlint.reading.lexicon import GUARDED, Lexicon, lexicon_for
from starlint.reading.markdown import parse
from starlint.reading.packs import Pack, builtin_packs
from starlint.reading.segment import segment
from starlint.reading.terms import WINDOW, TermMatcher, remember, term_regex
from starlint.validation import validate
from tests.notes import ROOT, SHARED, markdown_files


def reference(lex: Lexicon, text: str) -> list[tuple[str, str]]:
    """(part, matched) of each group, by searching the group's alternation: the packs'
    listed phrases blanked out, and a doing or role stem refused before a noun suffix or
    a subject particle (the look-ahead WordGuard.refuses writes)."""
    found = []
    guard = lex._terms.guard
    text = guard.mask(text)
    for pattern, part in _alternations(lex):
        m = pattern.search(text)
        if m:
            found.append((part, m.group().strip() or m.group()))
    return found


_ALTERNATIONS: dict[int, tuple[Lexicon, list[tuple[re.Pattern[str], str]]]] = {}


def _alternations(lex: Lexicon) -> list[tuple[re.Pattern[str], str]]:
    """Each group's alternation, built once per lexicon (building it per text was most of
    this file's time)."""
    kept = _ALTERNATIONS.get(id(lex))
    if kept is not None and kept[0] is lex:
        return kept[1]
    guard = lex._terms.guard
    out = []
    for _, group in lex._groups:
        refuse = guard.refuses if group.part in GUARDED else (lambda term: "")
        pieces = [term_regex(t) + refuse(t) for t in group.terms] + list(group.patterns)
        out.append((re.compile("|".join(f"(?:{p})" for p in pieces), re.I | re.M), group.part))
    _ALTERNATIONS[id(lex)] = (lex, out)
    return out


def read(lex: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(c.part, c.matched) for c in lex.cues(text)]


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


def test_every_line_of_the_notes_reads_as_the_alternations_read_it():
    lex = lexicon_for()
    texts = [t for t in note_texts() if len(t) <= WINDOW]
    assert len(texts) > 1000
    assert [t for t in texts if read(lex, t) != reference(lex, t)] == []
    assert sum(1 for t in texts if lex.cues(t)) > len(texts) // 2  # the notes are full of cues


# Pieces of the packs' own terms, glued with what surrounds them in notes: case,
# Latin letters before and after (the start-of-word guard), spaces, particles.
TERMS = sorted({t for p in builtin_packs() for g in p.cues for t in g.terms})
GLUE = st.sampled_from(["", " ", "a", "x", "S", "I", "ı", "İ", "K", "ſ", "이", "를", "했다", ".", ",", "-", "\t",
                        "자", "팀", "가", "ers", "er ", "검색 결과", "gradient boosting",
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


@settings(max_examples=1500, deadline=None)
@given(sentences())
def test_generated_sentences_read_the_same(text):
    lex = lexicon_for()
    assert read(lex, text) == reference(lex, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="İıſK"), max_size=80))
def test_any_text_reads_the_same(text):
    lex = lexicon_for()
    assert read(lex, text) == reference(lex, text)


def _lexicon(cues: list[dict]) -> Lexicon:
    pack = Pack.from_data(validate("pack", {"name": "t", "cues": cues}))
    return Lexicon(packs=(pack,), quantities=lexicon_for().quantities)


@pytest.mark.parametrize("text, expected", [
    ("took one step", []),  # "took on" must end a word
    ("I took on the role", ["took on"]),
    ("unimproved", []),  # a Latin stem starts a word
    ("IMPROVED it", ["IMPROV"]),  # the stem as written
])
def test_latin_terms_start_a_word_and_phrases_end_one(text, expected):
    lex = _lexicon([{"part": "task", "terms": ["took on", "improv"]}])
    assert [c.matched for c in lex.cues(text)] == expected


def test_terms_with_cased_letters_outside_ascii_fold_too():
    lex = _lexicon([{"part": "action", "terms": ["café", "Straße"]},
                    {"part": "result", "terms": ["won"], "patterns": [r"\bwon\b"]}])
    assert [c.matched for c in lex.cues("CAFÉ and we won")] == ["CAFÉ", "won"]
    assert [c.matched for c in lex.cues("STRASSE")] == []  # folding keeps every letter in its place


def test_the_leftmost_hit_wins_then_the_first_listed_term():
    matcher = TermMatcher([(["bc", "abc", "ab"], [], False)])
    (hit,) = matcher.first("-abcd")
    assert (hit.start, hit.matched) == (1, "abc")
    matcher = TermMatcher([(["ab", "abc"], [], False)])
    assert matcher.first("abc")[0].matched == "ab"


def test_a_pattern_wins_only_further_left():
    matcher = TermMatcher([(["결과"], ["그\\s*결과"], False)])
    assert matcher.first("그 결과 좋았다")[0].matched == "그 결과"
    assert matcher.first("결과는 그 결과")[0].matched == "결과"


def test_finditer_gives_non_overlapping_hits_left_to_right():
    matcher = TermMatcher([(["많이 개선", "개선", "크게"], ["꽤\\s"], False)])
    assert [h.matched for h in matcher.finditer("크게 개선 꽤 많이 개선됨")] == ["크게", "개선", "꽤 ", "많이 개선"]


# ---------------------------------------------------------------- user patterns --
@pytest.mark.parametrize("pattern", [".* .* .* .*z", r"\S*,\S*,\S*,\S*;", r"(?:\w+)?(?:\w+)?(?:\w+)?(?:\w+)?x",
                                     r"(a+)+$", r"\w{0,400}\w{0,400}\w{0,400}\w{0,400}!"])
def test_a_users_slow_pattern_runs_in_linear_time(pattern):
    lex = _lexicon([{"part": "result", "patterns": [pattern]}])  # a user's pack: RE2
    text = ("a " * 241 + "a,a,a,a " * 40 + "a" * 400) * 5
    started = time.perf_counter()
    lex.cues(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("pattern, words", [("(?<=x)y", "look-around"), (r"(a)\1", "back-references")])
def test_a_users_pattern_re2_cannot_run_is_refused_with_the_reason(pattern, words):
    from starlint.validation import Invalid

    with pytest.raises(Invalid) as caught:
        validate("pack", {"name": "t", "cues": [{"part": "action", "patterns": [pattern]}]})
    assert repr(pattern) in str(caught.value) and words in str(caught.value)


def test_starlint_own_patterns_may_look_around():
    data = {"name": "t", "cues": [{"part": "action", "patterns": ["(?<=[가-힣])라서"]}]}
    assert validate("pack", data, builtin=True)["cues"][0]["patterns"] == ["(?<=[가-힣])라서"]


# ------------------------------------------------------------------ memos --
def test_memos_hand_out_fresh_lists():
    lex = lexicon_for()
    text = "결과: 처리 시간 40% 단축, 배포 자동화"
    first = lex.cues(text)
    first.clear()
    assert lex.cues(text)
    found = lex.quantities.find(text)
    found.clear()
    assert lex.quantities.find(text)


def test_a_memo_starts_afresh_when_full(monkeypatch):
    from starlint.reading import terms

    monkeypatch.setattr(terms, "MEMO_SIZE", 3)
    memo: dict = {}
    for i in range(7):
        remember(memo, str(i), i)
        assert len(memo) <= 3
    assert memo[str(6)] == 6


@pytest.mark.parametrize("text, part, cue", [
    ("기획자와 우선순위가 달랐음", "action", None),  # 기획 inside a person noun
    ("개발자들과 자주 부딪힘", "action", None),
    ("개발팀과 일정이 안 맞았음", "action", None),
    ("배포가 매번 늦어졌음", "action", None),  # 배포 is the subject, not the speaker's doing
    ("제가 직접 배포를 자동화함", "action", "배포"),  # the stem as a doing still counts
    ("검색 결과 0건이 뜬다는 VOC", "result", None),  # a compound noun, not an outcome
    ("그 결과 문의가 줄었다", "result", "그 결과"),
    ("The developers disagreed on the schema", "action", None),
    ("I developed the schema", "action", "develop"),
    ("We used gradient boosting + SHAP", "result", None),
    ("It boosted retention", "result", "boost"),
    ("프로젝트는 예정대로 출시되었고", "pending", None),  # "as planned" is no plan
    ("배치 작업이 너무 길었음", "action", None),  # a batch job, not a placement
    ("내가 발표 담당: shuffle 파트", "task", "내가 발표 담당"),
    ("백엔드 담당이 나 혼자였음", "task", "담당이 나"),
    ("제가 먼저 손을 들어 맡았습니다", "task", "손을 들"),
    ("아무도 안 해서 내가 하겠다고 손듦", "task", "손듦"),
    ("대학원 텀프로젝트, 팀장 역할", "task", "팀장 역할"),
])
def test_a_stem_inside_another_word_is_not_a_cue(text, part, cue):
    found = [c.matched for c in lexicon_for().cues(text) if c.part == part]
    if cue is None:
        assert found == []
    else:
        assert cue in found


def test_word_structure_is_pack_data():
    # a user's pack can name its own suffixes and phrases, and they guard its cues
    pack = Pack.from_data(validate("pack", {
        "name": "t", "cues": [{"part": "action", "terms": ["audit"]}, {"part": "result", "terms": ["pass"]}],
        "words": {"noun_suffixes": ["or"], "not_cues": ["pass rate"]}}))
    lex = Lexicon(packs=(pack,), quantities=lexicon_for().quantities)
    assert read(lex, "the auditor called") == []
    assert read(lex, "I audited it") == [("action", "audit")]
    assert read(lex, "the pass rate was low") == []
    with pytest.raises(Exception, match="blank"):
        validate("pack", {"name": "t", "words": {"not_cues": [" "]}})
