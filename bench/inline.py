"""Inline parsing: markdown-it's inline parser + parse._inline_lines' reduction, against
starlint._inline.inline_lines (falling back to markdown-it where it says None).

    python bench/inline.py                        # /tmp/starlint-bench/files-2000
    python bench/inline.py --dir answers --repeat 20

Only inline tokens with markup count (the others never reach the inline parser).
Both sides run in this process over the same token contents, best of --repeat runs;
the block parse that finds the tokens is not timed.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

_INLINE_MARKUP = re.compile(r"[\\`*_\[\]!<&]")  # parse.py's test for "needs the inline parser"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/starlint-bench/files-2000"),
                    help="notes to read (bench/gen.py writes them)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each side; the best counts")
    args = ap.parse_args(argv)
    paths = sorted(args.dir.rglob("*.md"))
    if not paths:
        sys.exit(f"inline: no notes under {args.dir}; run python bench/gen.py first")

    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from starlint._inline import inline_lines
    from starlint.parse import INLINE_NESTING, MAX_NESTING, _inline_lines

    # the two parsers parse.py builds: block (with tables) and inline (its nesting limit)
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table")
    inline_md = MarkdownIt("commonmark", {"html": True, "maxNesting": INLINE_NESTING})
    work = []  # (content, env) of every inline token with markup
    for path in paths:
        env: dict = {}
        tokens = md.parse(path.read_text(encoding="utf-8"), env)
        work += [(t.content, env) for t in tokens if t.type == "inline" and _INLINE_MARKUP.search(t.content)]

    parse_inline = inline_md.inline.parse

    def through_markdown_it(content: str, env: dict) -> None:
        # what parse.py does with a token _inline.py leaves: markdown-it's inline parser, then its reduction
        token = Token("inline", "", 0, content=content, children=[])
        parse_inline(content, inline_md, env, token.children)
        _inline_lines(token, 1, [])

    def before():
        for content, env in work:
            through_markdown_it(content, env)

    def after():
        for content, env in work:
            if inline_lines(content, env.get("references")) is None:
                through_markdown_it(content, env)

    def best(run) -> float:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
        return min(times)

    fallbacks = sum(inline_lines(c, env.get("references")) is None for c, env in work)
    before(), after()  # warm up: regex compiles, character-class cache
    t_before, t_after = best(before), best(after)
    print(f"{len(paths)} files, {len(work)} inline tokens with markup, "
          f"{sum(map(len, (c for c, _ in work))) / 1e6:.2f} M chars")
    print(f"markdown-it inline + reduction: {t_before:.4f} s")
    print(f"inline_lines (+ fallback):      {t_after:.4f} s")
    print(f"ratio: {t_before / t_after:.1f}x   fallback: {fallbacks} of {len(work)} "
          f"({100 * fallbacks / max(len(work), 1):.2f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
