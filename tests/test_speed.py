"""Speed work must not change results: --jobs, the duplicate-story index, the progress
bar (bench/run.py times them)."""

from __future__ import annotations

import importlib.util
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import starlint
from starlint.runtime import parallel
from starlint.reading.packs import builtin_packs
from starlint.runtime.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "bench" / "gen.py"


def _gen():
    if not GEN.is_file():
        pytest.skip("bench/gen.py is not here (installed from an sdist)")
    spec = importlib.util.spec_from_file_location("starlint_bench_gen", GEN)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("notes") / "set"
    _gen().write_corpus(folder, 60, seed=7)
    return folder


def _texts() -> list[str]:
    """Sentences people write: the shipped notes and the labelled corpus, line by line."""
    out = []
    for pattern in ("answers/*.md", "tests/corpus/*.md"):
        for path in sorted(ROOT.glob(pattern)):
            out += [line.strip(" -*#>") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(4)
    words = [w for line in out for w in line.split()]
    out += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) for _ in range(1500)]
    return out


# ------------------------------------------------------------------ --jobs --
def _check(folder: Path, cache: Path, *args: str) -> str:
    env = {**os.environ, "STARLINT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "starlint", "check", str(folder), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=folder.parent)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_prints_exactly_what_jobs_1_prints(notes, cache_dir, fmt):
    one = _check(notes, cache_dir, "--format", fmt, "--jobs", "1")
    two = _check(notes, cache_dir, "--format", fmt, "--jobs", "2")
    assert one == two
    assert one.count("notes-00") >= 60 or fmt == "text"


def test_jobs_in_process_give_the_reports_in_path_order(notes):
    tasks = parallel.plan([notes], lambda path: starlint.Config())
    assert [t.path for t in tasks] == sorted(t.path for t in tasks)
    one = [f.to_dict() for f in parallel.lint_tasks(tasks, 1)]
    two = [f.to_dict() for f in parallel.lint_tasks(tasks, 2)]
    assert one == two and len(one) == 60


def test_automatic_jobs_use_one_process_for_a_small_run(monkeypatch):
    config = starlint.Config()
    few = [parallel.Task(f"{i}.md", config, size=100_000) for i in range(10)]
    small = [parallel.Task(f"{i}.md", config, size=1_000) for i in range(500)]
    big = [parallel.Task(f"{i}.md", config, size=5_000) for i in range(500)]
    monkeypatch.setattr(parallel, "cpu_count", lambda: 8)
    assert parallel.auto_jobs(few) == 1
    assert parallel.auto_jobs(small) == 1
    assert parallel.auto_jobs(big) == 8


def test_duplicate_story_index_finds_what_comparing_every_pair_finds(notes):
    from starlint import engine
    from starlint.checks import duplicate_story as dup

    config = starlint.Config()
    files = sorted(notes.rglob("*.md"))[:25] + sorted(ROOT.glob("answers/*.md"))
    for path in files:
        doc, stories = engine.read_document(path.read_text(encoding="utf-8"), str(path), config)
        context = engine._context(stories, config, doc)
        options = context.options(dup.RULE)
        for story in stories:
            expected = None
            mine = dup._tokens(story)
            if sum(1 for k in mine if not k.startswith("#")) >= options.min_words:
                for other in stories:
                    if other.line >= story.line:
                        break
                    theirs = dup._tokens(other)
                    if sum(1 for k in theirs if not k.startswith("#")) < options.min_words:
                        continue
                    if dup.similarity(mine, theirs) >= options.min_similarity:
                        expected = other.line
                        break
            found = [f.message for f in dup.check(story, "en", context)]
            assert bool(found) == (expected is not None)
            if found:
                assert f"(line {expected}," in found[0]


# ---------------------------------------------------------------- progress --
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_is_never_drawn_off_a_terminal():
    out = io.StringIO()
    bar = Progress.maybe(10, wanted=True, stream=out, delay=0)
    for _ in range(10):
        bar.advance()
    bar.close()
    assert out.getvalue() == ""


def test_progress_bar_is_not_drawn_when_not_wanted_or_before_the_delay():
    for wanted, delay in ((False, 0), (True, 60)):
        out = _Terminal()
        bar = Progress.maybe(10, wanted=wanted, stream=out, delay=delay)
        bar.advance()
        bar.close()
        assert out.getvalue() == ""


def test_progress_bar_draws_on_a_terminal_and_clears_itself(monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    out = _Terminal()
    bar = Progress.maybe(4, wanted=True, stream=out, delay=0, interval=0)
    bar.advance(2)
    assert "2/4 files" in out.getvalue()
    bar.close()
    assert out.getvalue().endswith("\r\x1b[K")
