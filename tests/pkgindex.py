"""Can pip fetch packages here?  For tests that build environments from the package index.

The pre-commit test and the GitHub Action test install starlint into a fresh
environment, which fetches its build backend and dependencies from the index pip is
configured with.  On a machine that cannot reach one, that is no failure of starlint:
such a test calls `skip_if_index_unreachable` after its install failed.  The index is
probed only then (one small download, a short timeout), so an install that failed for
any other reason (a broken hook, a bad dependency) still fails the test.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Mapping

import pytest

# starlint's build backend: the first thing an install of the package fetches
PROBE = "hatchling"


def index_unreachable(env: Mapping[str, str] | None = None, timeout: float = 60) -> str | None:
    """None when `pip download` of a small package works under `env`; else what pip said."""
    with tempfile.TemporaryDirectory() as dest:
        try:
            run = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--no-cache-dir",
                 "--disable-pip-version-check", "--timeout", "5", "--retries", "0", "--dest", dest, PROBE],
                env=None if env is None else dict(env), capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return f"`pip download {PROBE}` did not finish in {timeout:.0f} s"
    if run.returncode == 0:
        return None
    lines = [line.strip() for line in (run.stderr + run.stdout).splitlines() if line.strip()]
    said = next((line for line in reversed(lines) if line.startswith("ERROR")), lines[-1] if lines else "")
    return f"`pip download {PROBE}` failed: {said}"


def skip_if_index_unreachable(what: str, env: Mapping[str, str] | None = None) -> None:
    """Call after `what` failed: skip the test when the package index cannot be reached,
    else return, and the caller reports the failure as it is."""
    reason = index_unreachable(env)
    if reason is not None:
        pytest.skip(f"{what} needs the package index, and pip cannot reach one here ({reason})")
