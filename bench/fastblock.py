"""Block parsing: parse.parse (markdown-it's block parser and the token walk) against
starlint._fastblock.read (falling back to parse.parse where it says None).

    python bench/fastblock.py                     # /tmp/starlint-bench/files-2000
    python bench/fastblock.py --dir answers --repeat 10

Both sides run in this process over the same texts, best of --repeat runs, the two
alternating so that drift in machine speed hits both alike.  The fast side does
what parse.parse would do with the reader wired in: normalize, split, blank the
front matter, read (or parse.parse when the reader says None); the read alone is
shown too.  Before timing, every file the reader reads is checked against
parse.parse (--no-check skips that).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path("/tmp/starlint-bench/files-2000")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="notes to parse (bench/gen.py writes them)")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs of each side; the best counts")
    ap.add_argument("--no-check", action="store_true", help="do not check the Documents against parse.parse")
    args = ap.parse_args(argv)
    if args.dir == DEFAULT_DIR and not args.dir.is_dir():
        subprocess.run([sys.executable, str(REPO / "bench" / "gen.py")], check=True)
    paths = sorted(args.dir.rglob("*.md"))
    if not paths:
        sys.exit(f"fastblock: no notes under {args.dir}; run python bench/gen.py first")

    sys.path.insert(0, str(REPO))
    from starlint import _fastblock, parse

    texts = [p.read_text(encoding="utf-8") for p in paths]

    def prepared(text: str) -> tuple[list[str], list[str]]:
        text = parse.normalize(text)
        source_lines = text.split("\n")
        return parse.blank_front_matter(source_lines), source_lines

    read_fast = _fastblock.read
    read = 0
    for path, text in zip(paths, texts):
        got = read_fast(*prepared(text), str(path))
        if got is None:
            continue
        read += 1
        if not args.no_check:
            with mock.patch.object(_fastblock, "read", lambda *args: None):
                expected = parse.parse(text, str(path))
            if got.to_dict() != expected.to_dict():
                sys.exit(f"fastblock: {path}: the reader's Document differs from parse.parse's")

    def markdown_it() -> None:
        # parse.parse through markdown-it, even once parse.py tries the reader first
        with mock.patch.object(_fastblock, "read", lambda *args: None):
            for text in texts:
                parse.parse(text)

    def fast() -> None:
        for text in texts:
            body_lines, source_lines = prepared(text)
            if read_fast(body_lines, source_lines, "<text>") is None:
                parse.parse(text)

    lines = [prepared(text) for text in texts]

    def read_only() -> None:
        for body_lines, source_lines in lines:
            read_fast(body_lines, source_lines, "<text>")

    markdown_it(), fast()  # warm up: markdown-it's set-up, regex compiles
    best = {"markdown-it": float("inf"), "fast": float("inf"), "read": float("inf")}
    for _ in range(args.repeat):
        for name, run in (("markdown-it", markdown_it), ("fast", fast), ("read", read_only)):
            t0 = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - t0)
    print(f"{len(paths)} files, {sum(map(len, texts)) / 1e6:.2f} M chars, best of {args.repeat}"
          f"{'' if args.no_check else ', Documents checked'}")
    print(f"parse.parse (markdown-it):            {best['markdown-it']:.3f} s")
    print(f"fast reader (+ fallback), as parse:   {best['fast']:.3f} s")
    print(f"  of which _fastblock.read:           {best['read']:.3f} s")
    print(f"ratio: {best['markdown-it'] / best['fast']:.2f}x   "
          f"fast path: {read} of {len(paths)} files ({100 * read / len(paths):.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
