"""The real pre-commit, in a scratch git repo, with this checkout's hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MISSING_RESULT = """\
# 면접 준비

## 배포 자동화

**상황**: 배포가 수동이라 한 번에 40분씩 걸렸음.
**과제**: 배포 파이프라인 자동화를 맡음.
**행동**: GitHub Actions로 빌드와 배포를 스크립트화함.
"""
FIXED = MISSING_RESULT + "**결과**: 배포 시간 40분 → 6분.\n"


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


def _pre_commit() -> list[str] | None:
    exe = Path(sys.executable).parent / "pre-commit"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pre-commit")
    return [found] if found else None


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository: pre-commit needs a revision to install from")
    if _pre_commit() is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if rev.returncode != 0:
        pytest.skip("this checkout has no commit yet")
    repo = tmp_path / "notes"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    _git("config", "user.email", "you@example.invalid", cwd=repo)
    _git("config", "user.name", "You", cwd=repo)
    _git("config", "commit.gpgsign", "false", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {ROOT.as_posix()}\n"
        f"    rev: {rev.stdout.strip()}\n"
        "    hooks:\n"
        "      - id: starlint\n",
        encoding="utf-8",
    )
    return repo


def test_hook_blocks_a_story_without_result_and_passes_once_fixed(scratch_repo: Path, tmp_path: Path):
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    pre_commit = _pre_commit()
    notes = scratch_repo / "answers.md"
    notes.write_text(MISSING_RESULT, encoding="utf-8")
    _git("add", ".", cwd=scratch_repo)

    run = subprocess.run([*pre_commit, "run", "--all-files"], cwd=scratch_repo, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "answers.md:3:1: error STAR004 missing-result" in run.stdout

    subprocess.run([*pre_commit, "install"], cwd=scratch_repo, env=env, check=True, capture_output=True)
    commit = subprocess.run(["git", "commit", "-qm", "notes"], cwd=scratch_repo, env=env,
                            capture_output=True, text=True, timeout=600)
    assert commit.returncode != 0, "the commit should be blocked"

    notes.write_text(FIXED, encoding="utf-8")
    _git("add", ".", cwd=scratch_repo)
    run = subprocess.run([*pre_commit, "run", "--all-files"], cwd=scratch_repo, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    commit = subprocess.run(["git", "commit", "-qm", "notes"], cwd=scratch_repo, env=env,
                            capture_output=True, text=True, timeout=600)
    assert commit.returncode == 0, commit.stdout + commit.stderr
