"""How much `starlint._mdblock.install` speeds up markdown-it's block parser.

    python bench/mdblock.py                       # /tmp/starlint-bench/files-2000
    python bench/mdblock.py --dir DIR --reps 5

One process; for each configuration (starlint's and plain "commonmark") it times,
over the same files, the block stage alone (`md.block.parse` of the normalized
text: what `install` changes) and the whole `md.parse`, with and without
`install`.  Each figure is the best of --reps passes, the two parsers alternating
so that drift in machine speed hits both alike.  It also checks that both give the
same tokens.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path("/tmp/starlint-bench/files-2000")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="notes to parse")
    ap.add_argument("--reps", type=int, default=3, help="passes per figure (best is kept)")
    args = ap.parse_args(argv)
    if args.dir == DEFAULT_DIR and not args.dir.is_dir():
        subprocess.run([sys.executable, str(REPO / "bench" / "gen.py")], check=True)
    paths = sorted(args.dir.rglob("*.md"))
    if not paths:
        sys.exit(f"mdblock: no notes under {args.dir}")

    sys.path.insert(0, str(REPO))
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import normalize
    from markdown_it.rules_core.state_core import StateCore

    from starlint._mdblock import install

    texts = [p.read_text(encoding="utf-8") for p in paths]
    configs = {
        "starlint": lambda: MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable("table"),
        "commonmark": lambda: MarkdownIt("commonmark"),
    }
    print(f"{len(texts)} files, {sum(map(len, texts)) / 1e6:.1f} M characters, best of {args.reps}")
    print(f"{'configuration':12} {'stage':6} {'stock':>8} {'install':>8} {'ratio':>6}")
    for label, make in configs.items():
        stock, fast = make(), make()
        assert install(fast)
        srcs = []
        for text in texts:  # what md.parse hands to the block parser
            state = StateCore(text, stock, {})
            normalize(state)
            srcs.append(state.src)
        for text in texts:
            a, b = stock.parse(text), fast.parse(text)
            assert [t.as_dict() for t in a] == [t.as_dict() for t in b], "tokens differ"

        def block(md):
            for src in srcs:
                md.block.parse(src, md, {}, [])

        def full(md):
            for text in texts:
                md.parse(text)

        for stage, work in (("block", block), ("parse", full)):
            best = {"stock": float("inf"), "install": float("inf")}
            for _ in range(args.reps):
                for name, md in (("stock", stock), ("install", fast)):
                    start = time.perf_counter()
                    work(md)
                    best[name] = min(best[name], time.perf_counter() - start)
            print(f"{label:12} {stage:6} {best['stock']:7.3f}s {best['install']:7.3f}s "
                  f"{best['stock'] / best['install']:5.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
