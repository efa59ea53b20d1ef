"""The results cache (issue #4): an unchanged file under unchanged settings is not linted
again, and anything that could change its result makes it be linted afresh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import starlint
from starlint import engine
from starlint.runtime import parallel
from starlint.runtime.cache import ResultCache
from starlint.cli import app

runner = CliRunner()

NO_RESULT = """# 경험

## 로그 수집 비용 절감
- 상황: 로그 저장 비용이 매달 늘고 있었습니다.
- 과제: 비용을 줄이는 일을 맡았습니다.
- 행동: 보존 기간을 나누고 압축을 도입했습니다.
"""
WITH_RESULT = NO_RESULT + "- 결과: 저장 비용이 월 40% 줄었습니다.\n"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("STARLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("STARLINT_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def notes(tmp_path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text(NO_RESULT, encoding="utf-8")
    (folder / "b.md").write_text(WITH_RESULT, encoding="utf-8")
    return folder


@pytest.fixture
def lint_calls(monkeypatch) -> list[str]:
    """The paths engine.lint_text is asked to lint (in this process)."""
    calls: list[str] = []
    real = engine.lint_text

    def counting(text, path=None, config=None):
        calls.append(path)
        return real(text, path, config)

    monkeypatch.setattr(engine, "lint_text", counting)
    return calls


def check(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def codes(doc: dict) -> dict[str, list[str]]:
    return {Path(f["path"]).name: [d["code"] for d in f["diagnostics"]] for f in doc["files"]}


def test_a_second_run_reads_every_unchanged_file_from_the_cache(cache, notes, lint_calls):
    first = check(str(notes), "--jobs", "1")
    assert sorted(Path(p).name for p in lint_calls) == ["a.md", "b.md"]
    assert list(cache.glob("results-*.cache"))
    lint_calls.clear()
    second = check(str(notes), "--jobs", "1")
    assert lint_calls == []  # nothing linted again
    assert second == first  # and the same report, exit code included
    assert codes(first[1]) == {"a.md": ["STAR004"], "b.md": []}


def test_an_edited_file_is_linted_again_and_its_new_result_shown(cache, notes, lint_calls):
    check(str(notes))
    (notes / "a.md").write_text(WITH_RESULT, encoding="utf-8")
    lint_calls.clear()
    code, doc = check(str(notes))
    assert [Path(p).name for p in lint_calls] == ["a.md"]
    assert code == 0 and codes(doc) == {"a.md": [], "b.md": []}


def test_other_settings_do_not_reuse_results(cache, notes, lint_calls):
    check(str(notes))
    lint_calls.clear()
    code, doc = check(str(notes), "--ignore", "STAR004")
    assert len(lint_calls) == 2 and code == 0 and codes(doc)["a.md"] == []
    (notes / "starlint.toml").write_text('messages = "en"\n', encoding="utf-8")
    lint_calls.clear()
    _, doc = check(str(notes))
    assert len(lint_calls) == 2
    assert "Result" in doc["files"][0]["diagnostics"][0]["message"]


def test_an_edited_user_pack_makes_files_be_linted_again(cache, notes, lint_calls, tmp_path):
    pack = tmp_path / "my-pack.toml"
    pack.write_text('name = "mine"\nlanguage = "en"\n', encoding="utf-8")
    (notes / "starlint.toml").write_text(f'packs = ["{pack.as_posix()}"]\n', encoding="utf-8")
    check(str(notes))
    lint_calls.clear()
    check(str(notes))
    assert lint_calls == []
    pack.write_text('name = "mine"\nlanguage = "en"\n[labels]\naction = ["moves"]\n', encoding="utf-8")
    check(str(notes))
    assert len(lint_calls) == 2


def test_no_cache_flag_and_env_neither_read_nor_write(cache, notes, lint_calls, monkeypatch):
    check(str(notes), "--no-cache")
    check(str(notes), "--no-cache")
    assert len(lint_calls) == 4
    assert not list(cache.glob("results-*"))
    monkeypatch.setenv("STARLINT_NO_CACHE", "1")
    check(str(notes))
    assert not cache.exists() or not list(cache.glob("results-*"))


def test_the_cache_is_never_written_beside_the_notes(cache, notes):
    before = sorted(p.name for p in notes.iterdir())
    check(str(notes))
    check(str(notes))
    assert sorted(p.name for p in notes.iterdir()) == before


def test_a_damaged_cache_file_is_only_a_miss(cache, notes, lint_calls):
    _, first = check(str(notes))
    for table in cache.glob("results-*.cache"):
        table.write_bytes(b"\x00garbage")
    lint_calls.clear()
    _, again = check(str(notes))
    assert len(lint_calls) == 2 and again == first


def test_internal_errors_are_not_cached(cache, notes, monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(engine, "classify", crash)
    result = runner.invoke(app, ["check", str(notes / "a.md"), "--format", "json"])
    assert result.exit_code == 2 and "STAR999" in result.stdout
    monkeypatch.undo()
    os.environ["STARLINT_CACHE_DIR"] = str(cache)  # monkeypatch.undo restored the session folder
    _, doc = check(str(notes / "a.md"))
    assert codes(doc) == {"a.md": ["STAR004"]}


def test_with_workers_hits_and_misses_come_back_in_path_order(cache, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(12):
        (folder / f"n{i:02}.md").write_text(NO_RESULT if i % 2 else WITH_RESULT, encoding="utf-8")
    tasks = parallel.plan([folder], lambda path: starlint.Config())
    plain = [f.to_dict() for f in parallel.lint_tasks(tasks, 1)]
    first = ResultCache.open()
    half = parallel.plan([folder / f"n{i:02}.md" for i in range(0, 12, 3)], lambda path: starlint.Config())
    list(parallel.lint_tasks(half, 1, cache=first))
    first.save()
    second = ResultCache.open()
    mixed = [f.to_dict() for f in parallel.lint_tasks(tasks, 2, cache=second)]
    assert mixed == plain
    assert (second.hits, second.misses) == (4, 8)


def test_clean_empties_the_cache(cache, notes):
    check(str(notes))
    assert list(cache.glob("results-*.cache"))
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0 and "removed" in result.stdout
    assert not list(cache.glob("results-*"))


def test_cached_runs_print_the_same_text_as_fresh_ones(cache, notes):
    env = {**os.environ, "STARLINT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "starlint", "check", str(notes)]
    fresh = subprocess.run(cmd + ["--no-cache"], capture_output=True, text=True, env=env)
    first = subprocess.run(cmd, capture_output=True, text=True, env=env)
    cached = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert fresh.returncode == first.returncode == cached.returncode == 1
    assert fresh.stdout == first.stdout == cached.stdout
    assert "STAR004" in cached.stdout


def test_a_fresh_checkout_of_the_same_notes_keeps_the_cache(cache, notes, lint_calls):
    """CI restores the cache onto a new checkout: same bytes, new mtimes, still hits."""
    check(str(notes))
    for path in notes.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    lint_calls.clear()
    check(str(notes))
    assert lint_calls == []
