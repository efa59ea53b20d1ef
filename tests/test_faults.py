"""Faults around a run (issue 16): a worker killed under --jobs, Ctrl-C, --jobs past the
CPUs, file names that are not UTF-8, path errors, escape sequences in titles and
names, and a config file planted above the notes.  Each would crash, hang or change
the answer before; each test has a time bound."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from starlint import config as config_module
from starlint.config import ConfigError, ConfigResolver, find_config_file
from starlint.runtime import parallel

STORY = """\
## 장애 대응 {n}

- 상황: 2023년 결제 오류가 급증했습니다
- 행동: 로그를 분석해 재시도 로직을 바꿨습니다
"""

ENV = {**os.environ, "STARLINT_NO_CACHE": "1", "PYTHONUNBUFFERED": "1"}
ENV.pop("GITHUB_ACTIONS", None)


def notes(folder: Path, count: int, lines: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"n{n:04}.md").write_text("\n".join(STORY.format(n=f"{n}-{i}") for i in range(lines)),
                                            encoding="utf-8")
    return folder


def starlint(*args: str, cwd: Path, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "starlint", *args], capture_output=True, text=True, cwd=cwd,
                          env=kwargs.pop("env", ENV), timeout=timeout, **kwargs)


# ------------------------------------------------------------ workers ------
def test_a_worker_that_dies_ends_the_run_with_exit_2_not_a_hang(tmp_path):
    folder = notes(tmp_path / "notes", 60)
    # the worker's function, replaced before the pool forks: the first chunk kills its
    # worker as SIGKILL or the OOM killer would
    script = textwrap.dedent(f"""
        import os, signal, sys
        from starlint import run
        from starlint.runtime import parallel
        def die(chunk):
            os.kill(os.getpid(), signal.SIGKILL)
        parallel._work = die
        sys.exit(run.check([{str(folder)!r}], jobs=2, no_cache=True, format="json"))
    """)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=ENV, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "a worker process died" in result.stderr and "--jobs 1" in result.stderr
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 30


def test_jobs_is_capped_at_the_cpus(monkeypatch):
    seen = []

    class Pool:
        def __init__(self, workers, **kwargs):
            seen.append(workers)
            raise RuntimeError("enough")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(parallel, "cpu_count", lambda: 2)
    tasks = [parallel.Task(f"n{i}.md", config_module.Config(), text=b"## a\n") for i in range(50)]
    with pytest.raises(RuntimeError, match="enough"):
        list(parallel._lint_all(tasks, 300, False))
    assert seen == [2]


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
def test_ctrl_c_under_jobs_stops_quietly_with_exit_2_and_leaves_no_worker(tmp_path):
    folder = notes(tmp_path / "notes", 400, lines=20)
    proc = subprocess.Popen([sys.executable, "-m", "starlint", "check", str(folder), "--jobs", "2", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV,
                            start_new_session=True)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert workers, "no worker started"
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2, err
    assert err.strip().endswith("starlint: interrupted"), err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    time.sleep(0.2)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()
             and "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2]]
    assert alive == []


# ----------------------------------------------------------- file names ----
@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
@pytest.mark.parametrize("lang", ["C.UTF-8", "ko_KR.UTF-8"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_the_run_goes_on(tmp_path, lang):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / os.fsdecode(b"\xff.md")).write_text(STORY.format(n=1), encoding="utf-8")
    (folder / "z.md").write_text(STORY.format(n=2), encoding="utf-8")
    env = {**ENV, "LANG": lang, "LC_ALL": lang}
    text = starlint("check", "notes", cwd=tmp_path, env=env)
    assert "Traceback" not in text.stderr
    assert "notes/\\xff.md:1:1: error STAR002" in text.stdout and "notes/z.md:1:1: error STAR002" in text.stdout
    raw = subprocess.run([sys.executable, "-m", "starlint", "check", "notes", "--format", "json"],
                         capture_output=True, cwd=tmp_path, env=env, timeout=60).stdout
    data = json.loads(raw.decode("utf-8"))  # valid UTF-8 and valid JSON
    assert sorted(f["path"] for f in data["files"]) == ["notes/\\xff.md", "notes/z.md"]


def test_a_name_too_long_for_the_system_is_star901_and_the_run_goes_on(tmp_path):
    (tmp_path / "ok.md").write_text(STORY.format(n=1), encoding="utf-8")
    result = starlint("check", "a" * 300 + ".md", "ok.md", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert f"{'a' * 300}.md:1:1: error STAR901 unreadable-file cannot read this file: File name too long" \
        in result.stdout
    assert "ok.md:1:1: error STAR002" in result.stdout
    assert result.returncode == 1


def test_a_path_that_cannot_be_looked_at_is_star901(tmp_path, monkeypatch):
    from starlint.runtime import files

    locked = tmp_path / "locked" / "a.md"
    real_is_dir = Path.is_dir

    def is_dir(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    assert list(files.collect([locked])) == [locked]  # handed on, to be reported when read


def test_a_pack_path_in_a_symlink_loop_is_a_config_error(tmp_path):
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "starlint.toml").write_text('packs = ["loop1"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(STORY.format(n=1), encoding="utf-8")
    result = starlint("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "loop1: rule pack cannot be read" in result.stderr


# ----------------------------------------------------- escape sequences ----
EVIL = "## Evil \x1b]0;pwned\x07\x1b[2J title\n\n- Situation: it broke\n"


@pytest.mark.parametrize("args", [["check"], ["check", "--format", "github"], ["inspect"]])
def test_control_characters_in_titles_and_names_are_shown_not_sent(tmp_path, args):
    name = "evil\x1b[2J.md"
    (tmp_path / name).write_text(EVIL, encoding="utf-8")
    out = starlint(*args, name, cwd=tmp_path).stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out  # the name (and, in text and inspect, the title) shown escaped


# ------------------------------------------------------ config discovery ---
def test_config_discovery_stops_at_the_repository_root(tmp_path):
    (tmp_path / "starlint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")  # planted above
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "notes").mkdir()
    assert find_config_file(repo / "notes") is None
    (repo / "starlint.toml").write_text("ignore = []\n", encoding="utf-8")
    assert find_config_file(repo / "notes") == repo / "starlint.toml"


def test_config_discovery_stops_at_home(tmp_path, monkeypatch):
    (tmp_path / "starlint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    home = tmp_path / "home" / "me"
    (home / "notes").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert find_config_file(home / "notes") is None


def test_a_config_owned_by_someone_else_is_passed_over(tmp_path, monkeypatch):
    if not hasattr(os, "getuid"):
        pytest.skip("no file owners here")
    (tmp_path / "starlint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    (tmp_path / "notes").mkdir()
    monkeypatch.setattr(config_module, "_trusted", lambda uid: False)
    assert find_config_file(tmp_path / "notes") is None
    monkeypatch.setattr(config_module, "_trusted", lambda uid: True)
    assert find_config_file(tmp_path / "notes") == tmp_path / "starlint.toml"


def test_the_planted_config_does_not_silence_the_notes(tmp_path):
    (tmp_path / "starlint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a.md").write_text(STORY.format(n=1), encoding="utf-8")
    result = starlint("check", "a.md", cwd=repo)
    assert result.returncode == 1 and "STAR002" in result.stdout
    assert not ConfigResolver().for_path(repo / "a.md").ignore


# ------------------------------------------------------------ hostile packs --
@pytest.mark.parametrize("pattern", ["a" * 1_000_000, "\\\\w{0,400}" * 4 + "x", "(?:a{0,100}){0,100}b"],
                         ids=["one-megabyte-literal", "bounded-repeats", "nested-bounded-repeats"])
def test_a_huge_or_repeat_heavy_user_pattern_is_refused_or_runs_fast(tmp_path, pattern):
    (tmp_path / "mypack.toml").write_text(f'name = "mine"\n\n[[cues]]\npart = "action"\npatterns = ["{pattern}"]\n'
                                          f'\n[coaching]\nhedge_patterns = ["{pattern}"]\n', encoding="utf-8")
    (tmp_path / "cfg.toml").write_text('packs = ["mypack.toml"]\n', encoding="utf-8")
    (tmp_path / "n.md").write_text("## a\n\n- 결과: 10% " + "a" * 5_000 + " b\n", encoding="utf-8")
    started = time.monotonic()
    result = starlint("check", "--config", "cfg.toml", "n.md", cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 15
    assert "Traceback" not in result.stderr
    assert result.returncode in (1, 2)
    if result.returncode == 2:  # refused: the file and the entry are named
        assert "mypack.toml" in result.stderr and "patterns[0]" in result.stderr


# ------------------------------------------------------- data-file cache ---
FORGE = """
import json, sys
from starlint.runtime import datacache
path = datacache._file()
stored = json.loads(path.read_text(encoding="utf-8"))
forged = 0
for key in list(stored):
    if key.startswith("data\\0") and '"pack", false' in key:  # the user's pack, validated earlier
        value = json.dumps({"name": "mine", "cues": [5], "quantities": 7})
        stored[key] = [datacache._checksum(key, value), value]  # a checksum that holds: forged, not damaged
        forged += 1
path.write_text(json.dumps(stored), encoding="utf-8")
print(forged)
"""


def test_a_forged_entry_for_a_users_pack_is_read_afresh_not_a_crash(tmp_path):
    (tmp_path / "mypack.toml").write_text('name = "mine"\n\n[[cues]]\npart = "result"\nterms = ["shipped"]\n',
                                          encoding="utf-8")
    (tmp_path / "starlint.toml").write_text('packs = ["mypack.toml"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(STORY.format(n=1), encoding="utf-8")
    env = {k: v for k, v in ENV.items() if k != "STARLINT_NO_CACHE"}
    env["STARLINT_CACHE_DIR"] = str(tmp_path / "cache")
    first = starlint("check", "a.md", "--format", "json", cwd=tmp_path, env=env)
    forged = subprocess.run([sys.executable, "-c", FORGE], capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=60)
    assert forged.stdout.strip() == "1", forged.stderr
    again = starlint("check", "a.md", "--format", "json", cwd=tmp_path, env=env)
    fresh = starlint("check", "a.md", "--format", "json", "--no-cache", cwd=tmp_path, env=env)
    assert "STAR999" not in again.stdout and again.returncode == fresh.returncode == 1
    assert again.stdout == fresh.stdout == first.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_the_config_is_passed_over_not_waited_on(tmp_path):
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / "starlint.toml")
    (tmp_path / "a.md").write_text(STORY.format(n=1), encoding="utf-8")
    result = starlint("check", "a.md", cwd=tmp_path, timeout=20)
    assert result.returncode == 1 and "STAR002" in result.stdout
    named = starlint("check", "a.md", "--config", "starlint.toml", cwd=tmp_path, timeout=20)
    assert named.returncode == 2 and "starlint.toml" in named.stderr
