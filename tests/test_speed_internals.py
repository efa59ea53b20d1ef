"""The literal prefilter and the per-text memos skip work, never change a result
(lexicon cues, quantity finders and masks, duplicate-story words)."""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest

from starlint import _regex
from starlint.reading.lexicon import Lexicon, lexicon_for
from starlint.reading.packs import builtin_packs
from starlint.reading.quantities import QuantityMatcher, merge_lexicons

ROOT = Path(__file__).resolve().parent.parent
# letters IGNORECASE matches to an ASCII one, and text outside the BMP
ODD = ["İnvoice ſpeed", "ıt was ſlow", "\u212aPI hit 3\u212a", "TOOK ON the ROLE", "배포 🚀 시간 12분 → 4분", "ＡＢＣ 50％"]


def _texts() -> list[str]:
    out = list(ODD)
    for pattern in ("answers/*.md", "tests/corpus/*.md", "tests/holdout/*.md", "tests/coaching/*.md"):
        for path in sorted(ROOT.glob(pattern)):
            out += [line.strip(" -*#>") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(7)
    words = [w for line in out for w in line.split()]
    out += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) for _ in range(1500)]
    # upper-cased copies: keys are compared case-folded
    out += [t.upper() for t in out[:400]]
    return out


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _naive_keys(text: str) -> set[int]:
    folded = _regex.fold(text)
    units = folded.encode("utf-16-le", "surrogatepass")
    chars = [int.from_bytes(units[i:i + 2], "little") for i in range(0, len(units), 2)]
    keys = set(chars)
    keys |= {_regex.key_code(chr(a) + chr(b)) for a, b in zip(chars, chars[1:])
             if not 0xD800 <= a <= 0xDFFF and not 0xD800 <= b <= 0xDFFF}
    return keys


def test_text_keys_are_the_characters_and_pairs_of_the_folded_text(texts):
    for text in texts[:300] + ODD + ["", "a", "ab", "abc"]:
        assert _naive_keys(text) <= _regex.text_keys(text), text


def test_fold_is_what_ignorecase_does_for_every_key_character():
    lex = lexicon_for()
    patterns = [c.regex for c in lex._cues] + [s.pattern for s in _quantity_scanners(lex.quantities)]
    chars = {ch for p in patterns for keys in _regex.requirements(p.pattern, p.flags) for k in keys for ch in k}
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    for ch in sorted(chars):
        # every character IGNORECASE takes for `ch` folds to `ch`, so it is found as the key
        for other in re.findall(re.escape(ch), every, re.I):
            assert _regex.fold(other) == ch, (ch, other)


def test_requirements_of_simple_patterns():
    assert _regex.requirements(r"(?<![A-Za-z])improved", re.I) == (("mp",),)
    assert set(_regex.requirements(r"\d+\s*(?:명|건)", 0)[0]) == {"명", "건"}
    assert _regex.requirements(r"\bwas\b|.*x", re.I) == (("wa", "x"),)  # one of the alternatives' pieces
    assert _regex.requirements(r"\bwas\b|.+", re.I) == ()  # `.+` holds no known piece
    assert _regex.requirements(r"a?", 0) == ()


def _quantity_scanners(q: QuantityMatcher):
    return [s for _, s in q._finders] + q._masks + [q._named_number, q._alnum, q._time]


def test_the_prefilter_never_skips_a_pattern_that_matches(texts):
    lex = lexicon_for()
    scanners = _quantity_scanners(lex.quantities)
    for prefilter, patterns in ((lex._cue_filter, [c.regex for c in lex._cues]),
                                (lex.quantities._filter, [s.pattern for s in scanners])):
        for text in texts:
            present = prefilter.bits(text)
            for pattern, need in zip(patterns, prefilter.needs):
                if pattern.search(text):
                    assert present & need == need, (pattern.pattern[:80], text)


def _unfiltered_lexicon() -> Lexicon:
    lex = Lexicon(packs=builtin_packs(), quantities=_unfiltered_matcher())
    lex._cue_filter = copy.copy(lex._cue_filter)
    lex._cue_filter.needs = [0] * len(lex._cue_filter.needs)
    return lex


def _unfiltered_matcher() -> QuantityMatcher:
    q = QuantityMatcher(merge_lexicons(builtin_packs()))
    q._finder_needs = [0] * len(q._finder_needs)
    q._mask_needs = [0] * len(q._mask_needs)
    q._named_need = q._alnum_need = q._time_need = 0
    return q


def test_cues_and_quantities_are_the_same_without_the_prefilter_and_memo(texts, monkeypatch):
    fast = lexicon_for()
    monkeypatch.setattr(_regex, "MEMO_SIZE", 0)
    slow = _unfiltered_lexicon()
    for text in texts:
        assert slow.cues(text) == fast.cues(text), text
        assert slow.quantities.find(text) == fast.quantities.find(text), text
        assert slow.label(text) == fast.label(text), text


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
    monkeypatch.setattr(_regex, "MEMO_SIZE", 3)
    memo: dict = {}
    for i in range(7):
        _regex.remember(memo, str(i), i)
        assert len(memo) <= 3
    assert memo[str(6)] == 6
