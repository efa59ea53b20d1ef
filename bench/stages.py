"""Where a fresh lint spends its time: each pipeline stage over the same files, in one
process, as a ratio to bare markdown-it parse of those files.

    python bench/stages.py                       # 600 files of /tmp/starlint-bench/files-2000
    python bench/stages.py --files 200 --dir /tmp/starlint-bench/files-200

Start-up is left out (bench/run.py times whole runs); this is for finding the stage
to work on.  Every stage runs exactly as `engine.lint_text` runs it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/starlint-bench/files-2000"),
                    help="notes to read (bench/gen.py writes them)")
    ap.add_argument("--files", type=int, default=600, help="how many of them")
    ap.add_argument("--reps", type=int, default=3, help="rounds; each figure is the fastest round's")
    args = ap.parse_args(argv)
    paths = sorted(args.dir.rglob("*.md"))[: args.files]
    if not paths:
        sys.exit(f"stages: no notes under {args.dir}; run python bench/gen.py first")

    from markdown_it import MarkdownIt

    from starlint import engine
    from starlint.reading.classify import classify
    from starlint.config import Config
    from starlint.reading.markdown import parse
    from starlint.reading import frameworks
    from starlint.reading.kinds import read_kind
    from starlint.reading.segment import segment_with_points

    texts = [(str(p), p.read_text(encoding="utf-8")) for p in paths]
    config = Config()
    engine.lint_text(texts[0][1], texts[0][0], config)  # load packs and patterns before timing
    md = MarkdownIt("commonmark")
    best: dict[str, float] = {}
    # Rounds, each stage's fastest kept: a shared machine slows some rounds, never speeds one up.
    for _ in range(max(1, args.reps)):
        spent: dict[str, float] = {}

        def timed(stage: str, work):
            start = time.perf_counter()
            result = work()
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - start
            return result

        for _, text in texts:
            timed("bare parse", lambda: md.parse(text))
        for path, text in texts:
            doc = timed("parse", lambda: parse(text, path))
            doc.front_matter = timed("front matter", lambda: frameworks.front_matter(doc.source_lines))
            lex = timed("lexicon", lambda: engine._lexicon(doc, config))
            stories = timed("segment", lambda: segment_with_points(doc, lex)[0])
            stories = timed("classify", lambda: [classify(s, lex) for s in stories])
            stories = timed("read_kind", lambda: [read_kind(s, lex) for s in stories])
            found = timed("check", lambda: engine._check(stories, config, path, doc))
            timed("suppress", lambda: engine._suppress(doc, stories, found, config, path))
            timed("report", lambda: [engine.story_report(s) for s in stories])
        for path, text in texts:
            timed("lint_text (all)", lambda: engine.lint_text(text, path, config))
        for stage, seconds in spent.items():
            best[stage] = min(best.get(stage, seconds), seconds)
    spent = best
    base = spent["bare parse"]
    print(f"{len(texts)} files, {sum(len(t) for _, t in texts) / 1e6:.1f} M characters")
    for stage, seconds in spent.items():
        print(f"{stage:16} {seconds:7.3f} s  {seconds / base:5.2f}× bare parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
