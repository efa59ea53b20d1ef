"""Score starlint against labelled notes (NAME.md + NAME.expected.json, LABELING.md format).

The same counting as ../shared/eval/score.py: stories are matched by title line,
codes are counted per story, ambiguous stories are left out.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from starlint import lint_paths

PARTS = {"situation": "STAR001", "task": "STAR002", "action": "STAR003", "result": "STAR004"}
CODES = [*PARTS.values(), "STAR101"]


def expected_codes(story: dict) -> set[str]:
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

    def f1(self, code: str | None = None) -> float:
        t = sum(self.tp.values()) if code is None else self.tp[code]
        p = sum(self.fp.values()) if code is None else self.fp[code]
        n = sum(self.fn.values()) if code is None else self.fn[code]
        precision = t / (t + p) if t + p else 1.0
        recall = t / (t + n) if t + n else 1.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

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
            score.stories_expected += 1
            if line in got_lines:
                score.stories_found += 1
                have = diags.get(line, set())
            else:
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
