"""The notes the differential tests read: this repository's Markdown, the shared
labelled notes beside the checkout (skipped when absent, as in a user's clone), and
generated benchmark notes (made in the temp folder when missing)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BENCH = Path(tempfile.gettempdir()) / "starlint-bench" / "files-200"


def markdown_files(folder: Path) -> list[Path]:
    """Every *.md under `folder`, sorted, git's own folder left out."""
    return sorted(p for p in folder.rglob("*.md") if p.is_file() and ".git" not in p.parts)


def shared_folder(name: str) -> Path:
    """../shared/NAME, or the test is skipped."""
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    return folder


def bench_files() -> list[Path]:
    """The 200 generated notes of bench/gen.py (written to the temp folder if missing)."""
    if not BENCH.is_dir():
        gen = ROOT / "bench" / "gen.py"
        if not gen.is_file():
            pytest.skip("bench/gen.py is not here")
        subprocess.run([sys.executable, str(gen), str(BENCH.parent), "--files", "200",
                        "--single-kb", "0", "--big-mb", "0"], check=True, capture_output=True)
    return markdown_files(BENCH)
