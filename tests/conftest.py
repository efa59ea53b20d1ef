"""Every test run gets its own starlint cache folder: tests never read or write the
user's ~/.cache/starlint, and results cached by one run never leak into the next."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory):
    old = os.environ.get("STARLINT_CACHE_DIR")
    os.environ["STARLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("starlint-cache"))
    yield
    if old is None:
        os.environ.pop("STARLINT_CACHE_DIR", None)
    else:
        os.environ["STARLINT_CACHE_DIR"] = old


def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pyproject's addopts): one worker more than the CPUs this process may use.
    Much of the suite waits on child processes (the CLI, pre-commit, the language server,
    Chromium); on 2 CPUs three workers ran it in 100 s against 115-127 s for two."""
    import os

    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return cpus + 1
