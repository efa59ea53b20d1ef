"""Score starlint against labelled notes (NAME.md + NAME.expected.json, LABELING.md format).

The same counting as ../shared/eval/score.py: stories are matched by title line, codes
are counted per story whatever their severity, ambiguous stories are left out, a story
of kind "other" should get no code (and may be left out of the stories), an experience
story with nothing in it should get STAR007 alone.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from starlint import lint_paths

PARTS = {"situation": "STAR001", "task": "STAR002", "action": "STAR003", "result": "STAR004"}
EMPTY = "STAR007"
CODES = [*PARTS.values(), EMPTY, "STAR101"]
ERRORS = [*PARTS.values(), EMPTY]


def expected_codes(story: dict) -> set[str]:
    if story.get("kind", "experience") == "other":
        return set()
    if not story["present"]:
        return {EMPTY}
    codes = {code for part, code in PARTS.items() if part not in story["present"]}
    if "result" in story["present"] and story.get("quantified") is False:
        codes.add("STAR101")
    return codes


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    stories_expected: int = 0
    stories_found: int = 0
    stories_extra: int = 0
    misses: list[str] = field(default_factory=list)

    def _counts(self, codes: list[str]) -> tuple[int, int, int]:
        return (sum(self.tp[c] for c in codes), sum(self.fp[c] for c in codes), sum(self.fn[c] for c in codes))

    def f1(self, code: str | None = None) -> float:
        t, p, n = self._counts(CODES if code is None else [code])
        precision = t / (t + p) if t + p else 1.0
        recall = t / (t + n) if t + n else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def error_precision(self) -> float:
        t, p, _ = self._counts(ERRORS)
        return t / (t + p) if t + p else 1.0

    @property
    def story_recall(self) -> float:
        return self.stories_found / self.stories_expected if self.stories_expected else 1.0


def score_corpus(corpus: Path) -> Score:
    files = sorted(p for p in corpus.glob("*.md") if p.with_suffix(".expected.json").exists())
    report = lint_paths(files)
    by_name = {Path(f.path).name: f for f in report.files}
    score = Score()
    for md in files:
        expected = json.loads(md.with_suffix(".expected.json").read_text(encoding="utf-8"))
        got = by_name[md.name]
        got_lines = {s.line for s in got.stories}
        ambiguous = {s["line"] for s in expected["stories"] if s.get("ambiguous")}
        wanted = {s["line"]: s for s in expected["stories"] if not s.get("ambiguous")}
        diags: dict[int | None, set[str]] = {}
        for d in got.diagnostics:
            if d.code in CODES:
                diags.setdefault(d.story_line, set()).add(d.code)
        for line, story in wanted.items():
            want = expected_codes(story)
            other = story.get("kind", "experience") == "other"
            if line in got_lines:
                score.stories_expected += not other
                score.stories_found += not other
                have = diags.get(line, set())
            elif other:  # an answer that is not an experience may be left out of the stories
                have = set()
            else:
                score.stories_expected += 1
                have = set()
                score.misses.append(f"{md.name}:{line} story not found")
            for code in CODES:
                if code in want and code in have:
                    score.tp[code] += 1
                elif code in have:
                    score.fp[code] += 1
                    score.misses.append(f"{md.name}:{line} false {code}")
                elif code in want:
                    score.fn[code] += 1
                    score.misses.append(f"{md.name}:{line} missed {code}")
        for line in got_lines - set(wanted) - ambiguous:
            score.stories_extra += 1
            for code in diags.get(line, set()):
                score.fp[code] += 1
                score.misses.append(f"{md.name}:{line} {code} on a non-story")
    return score
