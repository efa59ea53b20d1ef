"""What the README says about running starlint holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_command_one_exits_1_on_the_shipped_examples_and_the_readme_says_it_is_on_purpose():
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    run = subprocess.run([sys.executable, "-m", "starlint", "check", "answers/"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stdout + run.stderr
    assert " error" in run.stdout.splitlines()[-1]  # the summary counts errors
    first = README.index("$ pip install . && starlint check answers/")
    assert "That command exits 1, on purpose" in README[first:first + 300]
