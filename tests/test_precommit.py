"""The real pre-commit, in a scratch git repo, with this checkout's hook.

pre-commit builds the hook's environment by installing this checkout from the package
index; where no index can be reached the tests skip and say so (tests/pkgindex.py),
while a hook that fails to install for any other reason still fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .pkgindex import skip_if_index_unreachable

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


def install_hooks(repo: Path, env: dict[str, str]) -> None:
    """Build the hook environments (`pre-commit install-hooks`); skip when that fails
    because the package index cannot be reached, fail on any other failure."""
    run = subprocess.run([*_pre_commit(), "install-hooks"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        skip_if_index_unreachable("pre-commit's install of the starlint hook", env)
        log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
        detail = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        pytest.fail(f"pre-commit could not install the hook:\n{run.stdout}{run.stderr}\n{detail}")


def hook_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    return env


def test_hook_blocks_a_story_without_result_and_passes_once_fixed(scratch_repo: Path, tmp_path: Path):
    env = hook_env(tmp_path)
    pre_commit = _pre_commit()
    install_hooks(scratch_repo, env)
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


def offline(env: dict[str, str]) -> dict[str, str]:
    """`env` with pip pointed at an index nobody serves (a closed local port) and no
    config files, local wheel folders or extra indexes: a machine with no network."""
    out = {k: v for k, v in env.items() if not k.startswith("PIP_")}
    out.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/simple/", PIP_RETRIES="0",
               PIP_TIMEOUT="3", PIP_NO_CACHE_DIR="1")
    return out


def test_without_a_package_index_the_hook_test_skips_and_says_why(scratch_repo: Path, tmp_path: Path):
    env = offline(hook_env(tmp_path))
    with pytest.raises(pytest.skip.Exception) as skipped:
        install_hooks(scratch_repo, env)
    assert "package index" in str(skipped.value) and "hatchling" in str(skipped.value)


def test_a_hook_that_fails_to_install_for_another_reason_is_a_failure(scratch_repo: Path, tmp_path: Path):
    """A hook repository whose package cannot be built fails the test: no skip."""
    env = hook_env(tmp_path)
    broken = tmp_path / "broken-hook"
    broken.mkdir()
    (broken / ".pre-commit-hooks.yaml").write_text((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    (broken / "setup.py").write_text("raise SystemExit('this hook cannot be built')\n", encoding="utf-8")
    _git("init", "-q", cwd=broken)
    _git("add", ".", cwd=broken)
    _git("-c", "user.email=you@example.invalid", "-c", "user.name=You", "-c", "commit.gpgsign=false",
         "commit", "-qm", "broken", cwd=broken)
    rev = _git("rev-parse", "HEAD", cwd=broken).stdout.strip()
    (scratch_repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {broken.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: starlint\n",
        encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="could not install the hook"):
        install_hooks(scratch_repo, env)


def test_the_readme_local_hook_works_with_starlint_installed(tmp_path: Path):
    """The README's `repo: local` hook (no address, no hook environment) blocks the story too."""
    import re

    if _pre_commit() is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [config] = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "repo: local" in b]
    repo = tmp_path / "notes"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "answers.md").write_text(MISSING_RESULT, encoding="utf-8")
    _git("add", ".", cwd=repo)
    env = hook_env(tmp_path)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])  # starlint, installed
    run = subprocess.run([*_pre_commit(), "run", "--all-files"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 1 and "answers.md:3:1: error STAR004" in run.stdout, run.stdout + run.stderr
    (repo / "answers.md").write_text(FIXED, encoding="utf-8")
    run = subprocess.run([*_pre_commit(), "run", "--all-files"], cwd=repo, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
