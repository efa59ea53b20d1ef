"""Precision and recall of the coaching rules (STAR2xx) on their labelled cases.

    python bench/coaching_precision.py            # one table
    python bench/coaching_precision.py -v         # and every case the rule gets wrong
    python bench/coaching_precision.py --json     # machine-readable (tests use it)

The cases are in tests/coaching/RULE-NAME.md (format in tests/coaching/README.md):
small notes files, each labelled by hand with what a coach would say. Each rule runs
on its own cases with only that rule selected — on or off by default — and the
default options. A rule is on by default only when its precision here is 0.9 or more.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from starlint import Config, lint_text  # noqa: E402
from starlint.checks import RULES, find_rule  # noqa: E402

CASES = ROOT / "tests" / "coaching"
HEADER = re.compile(r"^<!-- case: (?P<lang>ko|en), expect (?P<expect>STAR\d{3}|none)(?:\s+—\s+(?P<why>.*?))?\s*-->\s*$")
PRECISION_FLOOR = 0.9


@dataclass
class Case:
    rule: str  # code
    language: str
    expect: bool
    text: str
    line: int  # header line in the cases file
    why: str = ""


@dataclass
class Score:
    code: str
    name: str
    default_enabled: bool
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    positives: dict[str, int] = field(default_factory=lambda: {"ko": 0, "en": 0})
    negatives: dict[str, int] = field(default_factory=lambda: {"ko": 0, "en": 0})
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_cases(path: Path) -> list[Case]:
    rule = find_rule(path.stem)
    if rule is None:
        raise SystemExit(f"{path}: no rule named {path.stem!r}")
    cases: list[Case] = []
    current: dict | None = None
    lines: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        m = HEADER.match(raw)
        if m:
            if current is not None:
                cases.append(Case(text="\n".join(lines).strip() + "\n", **current))
            expect = m.group("expect")
            if expect != "none" and expect != rule.code:
                raise SystemExit(f"{path}:{number}: expects {expect} in the cases of {rule.code}")
            current = {"rule": rule.code, "language": m.group("lang"), "expect": expect != "none",
                       "line": number, "why": m.group("why") or ""}
            lines = []
        elif raw.startswith("<!-- case"):
            raise SystemExit(f"{path}:{number}: malformed case header: {raw}")
        elif current is not None:
            lines.append(raw)
    if current is not None:
        cases.append(Case(text="\n".join(lines).strip() + "\n", **current))
    return cases


def score_rule(path: Path) -> Score:
    cases = load_cases(path)
    rule = find_rule(path.stem)
    assert rule is not None
    score = Score(code=rule.code, name=rule.name, default_enabled=rule.default_enabled)
    config = Config(select=[rule.code])
    for case in cases:
        report = lint_text(case.text, f"{path.name}:{case.line}", config)
        fired = any(d.code == rule.code for d in report.diagnostics)
        (score.positives if case.expect else score.negatives)[case.language] += 1
        if fired and case.expect:
            score.tp += 1
        elif fired:
            score.fp += 1
            score.wrong.append(f"{path.name}:{case.line}: false positive ({case.language}) {case.why}".rstrip())
        elif case.expect:
            score.fn += 1
            score.wrong.append(f"{path.name}:{case.line}: missed ({case.language}) {case.why}".rstrip())
        else:
            score.tn += 1
    return score


def score_all(folder: Path = CASES) -> list[Score]:
    files = sorted(folder.glob("*.md"), key=lambda p: (find_rule(p.stem).code if find_rule(p.stem) else "~", p.name))
    return [score_rule(p) for p in files if p.name != "README.md"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the cases each rule gets wrong")
    args = parser.parse_args()
    scores = score_all()
    if args.json:
        print(json.dumps([{**asdict(s), "precision": s.precision, "recall": s.recall} for s in scores],
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{'code':<8} {'name':<20} {'default':<8} {'pos ko/en':>9} {'neg ko/en':>9} {'TP':>3} {'FP':>3} "
          f"{'FN':>3} {'precision':>9} {'recall':>6}")
    for s in scores:
        state = "on" if s.default_enabled else "off"
        pos = f"{s.positives['ko']}/{s.positives['en']}"
        neg = f"{s.negatives['ko']}/{s.negatives['en']}"
        print(f"{s.code:<8} {s.name:<20} {state:<8} {pos:>9} {neg:>9} {s.tp:>3} {s.fp:>3} {s.fn:>3} "
              f"{s.precision:>9.3f} {s.recall:>6.3f}")
        if args.verbose:
            for w in s.wrong:
                print("    " + w)
    unsafe = [s for s in scores if s.default_enabled and s.precision < PRECISION_FLOOR]
    for s in unsafe:
        print(f"{s.code} {s.name} is on by default with precision {s.precision:.3f} < {PRECISION_FLOOR}",
              file=sys.stderr)
    missing = [r.code for r in RULES if r.code.startswith("STAR2") and r.code not in {s.code for s in scores}]
    for code in missing:
        print(f"{code} has no labelled cases in {CASES}", file=sys.stderr)
    return 1 if unsafe or missing else 0


if __name__ == "__main__":
    sys.exit(main())
