"""Write what starlint prints for a set of notes into one folder, to compare two builds.

    python scripts/snapshot.py OUT [--starlint PATH] [FOLDER ...]

For every folder (default: answers/, tests/ note sets, and ../shared's labelled sets and
seed when they are beside the checkout) it saves `check --format json` with every rule
on, in both message languages, and `inspect` for each note.  A refactor is done when
`diff -r` of the snapshots before and after is empty.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "answers", ROOT / "tests" / "corpus", ROOT / "tests" / "holdout",
           ROOT / "tests" / "coaching",
           ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "real", ROOT.parent / "shared" / "seed"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--starlint", default="starlint")
    args = ap.parse_args()
    folders = [f for f in (args.folders or DEFAULT) if f.is_dir()]
    args.out.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        notes = sorted(p for p in folder.glob("*.md") if p.is_file())
        if not notes:
            continue
        name = f"{folder.parent.name}-{folder.name}"
        for messages in ("auto", "ko", "en"):
            proc = subprocess.run([args.starlint, "check", "--format", "json", "--isolated", "--no-cache",
                                   "--select", "ALL", "--messages", messages, *map(str, notes)],
                                  capture_output=True, text=True)
            (args.out / f"{name}.{messages}.json").write_text(proc.stdout + proc.stderr, encoding="utf-8")
        with open(args.out / f"{name}.inspect.txt", "w", encoding="utf-8") as out:
            for note in notes:
                proc = subprocess.run([args.starlint, "inspect", "--isolated", str(note)],
                                      capture_output=True, text=True)
                out.write(proc.stdout + proc.stderr)
    print(f"wrote {args.out} ({len(folders)} folders)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
