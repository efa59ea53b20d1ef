"""Write rules/validated.json: what starlint's own data files validate to, shipped so a
first run reads them without pydantic (starlint/datafiles.py).  Run after editing a file
in rules/ or a schema; tests/test_validation.py says when it is out of date."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from starlint.datafiles import SHIPPED, build_shipped  # noqa: E402
from starlint.reading.packs import builtin_pack_dir  # noqa: E402

# the built-in files, by kind (what datafiles.load is asked for them)
FILES = {"en.toml": "pack", "ko.toml": "pack", "frameworks/frameworks.toml": "frameworks",
         "themes/themes.toml": "themes"}


def text() -> str:
    return build_shipped(builtin_pack_dir(), FILES)


if __name__ == "__main__":
    (builtin_pack_dir() / SHIPPED).write_text(text(), encoding="utf-8")
    print(f"wrote {builtin_pack_dir() / SHIPPED}")
