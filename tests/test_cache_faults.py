"""The results cache under faults (issue #16): whatever is wrong with the cache folder,
`starlint check` gives the JSON of a run without a cache, quickly, and never crashes.

Every run here is a separate process with a time limit and a memory limit, so a hang or
a memory bomb fails the test instead of blocking or exhausting the machine.
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from starlint.runtime import cache as cache_module

TIMEOUT = 20  # seconds for one run (a healthy one takes well under one)
MEMORY = 1_500_000_000  # bytes of address space for one run (a healthy one needs ~100 MB)

NO_RESULT = """# 경험

## 로그 수집 비용 절감
- 상황: 로그 저장 비용이 매달 늘고 있었습니다.
- 과제: 비용을 줄이는 일을 맡았습니다.
- 행동: 보존 기간을 나누고 압축을 도입했습니다.
"""
WITH_RESULT = NO_RESULT + "- 결과: 저장 비용이 월 40% 줄었습니다.\n"
ENGLISH = """# Stories

## Pipeline outage
- Situation: the nightly DAG failed every night.
- Task: I had to make it reliable.
- Action: I changed the retry policy and added alerts.
- Result: failures went from 12 a month to 1.

## Tell me about a time you disagreed
The team wanted to rewrite the service; I thought it was too risky.
"""


# ------------------------------------------------------------------ format --
# How a results table stores its entries (the tests damage them one by one).
def tables(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("results-"))


def read_table(path: Path) -> dict:
    """{path: (file digest, checksum, payload)} of a results table (its header checked)."""
    raw = path.read_bytes()
    header, *lines = raw.split(b"\n")
    assert header == b"starlint-results 5"
    entries = {}
    for line in lines:
        if line:
            name, digest, check, payload = line.split(b"\t")
            entries[json.loads(name)] = (digest, check, payload)
    return entries


def write_table(path: Path, entries: dict) -> None:
    lines = [b"starlint-results 5"]
    for name, entry in entries.items():
        rest = entry if isinstance(entry, bytes) else b"\t".join(entry)
        lines.append(json.dumps(name).encode() + b"\t" + rest)
    path.write_bytes(b"\n".join(lines) + b"\n")


def decode(payload: bytes):
    return json.loads(payload)


def encode(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def entry_digest(entry) -> bytes:
    return entry[0]


def entry_payload(entry) -> bytes:
    return entry[2]


def make_entry(path: str, digest: bytes, payload: bytes, table: Path):
    """A well-formed entry, as starlint would have written it (checksum and all): what
    a deliberate writer, or a bug in starlint, could leave."""
    key = table.name.removeprefix("results-").removesuffix(".cache")
    return (digest, cache_module._seal(key, json.dumps(path).encode(), digest, payload), payload)


def rotate(entries: dict, keys: list) -> None:
    """Move the checksummed payloads one key on, each key keeping its own digest (what a
    rotated or mixed-up table looks like)."""
    moved = [entries[k] for k in keys[1:] + keys[:1]]
    for key, other in zip(keys, moved):
        entries[key] = (entry_digest(entries[key]), *other[1:])


def raw_entry(value) -> bytes:
    """An entry that is only `value` (not the fields of an entry)."""
    if isinstance(value, tuple):
        return b"\t".join(v if isinstance(v, bytes) else str(v).encode() for v in value)
    return str(value).encode()


# ------------------------------------------------------------------ runs --
def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(folder: Path, *args: str, cache: Path | None = None, env: dict | None = None,
        limit: int = 1 << 22) -> tuple[int, bytes, bytes]:
    """`starlint check --format json notes ARGS` in `folder` (exit code, stdout, stderr):
    stdout cut at `limit` bytes, killed after TIMEOUT seconds."""
    full = {k: v for k, v in os.environ.items() if k != "STARLINT_NO_CACHE"}
    full.update({"NO_COLOR": "1", **(env or {})})
    if cache is not None:
        full["STARLINT_CACHE_DIR"] = str(cache)
    out_path = folder / f".stdout-{threading.get_ident()}"
    with open(out_path, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "starlint", "check", "--format", "json", "notes", *args],
                                cwd=folder, env=full, stdout=out, stderr=subprocess.PIPE, preexec_fn=_limits)
        try:
            _, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            pytest.fail(f"starlint check {' '.join(args)} did not finish in {TIMEOUT} s")
    with open(out_path, "rb") as f:
        text = f.read(limit)
    out_path.unlink()
    return proc.returncode, text, err


@pytest.fixture
def primed(tmp_path) -> tuple[Path, Path, bytes]:
    """(the work folder, its cache folder filled by one run, the JSON of a run without cache)."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(NO_RESULT, encoding="utf-8")
    (notes / "b.md").write_text(WITH_RESULT, encoding="utf-8")
    (notes / "c.md").write_text(ENGLISH, encoding="utf-8")
    cache = tmp_path / "cache"
    code, fresh, err = run(tmp_path, "--no-cache", cache=tmp_path / "unused")
    assert code == 1 and b"STAR004" in fresh, err
    code, first, err = run(tmp_path, cache=cache)
    assert (code, first) == (1, fresh), err
    assert len(tables(cache)) == 1
    return tmp_path, cache, fresh


def same_as_fresh(primed, times: int = 1) -> None:
    """Runs over the (damaged) cache give exactly the JSON of a run without cache, exit 1, no traceback."""
    folder, cache, fresh = primed
    for _ in range(times):
        code, out, err = run(folder, cache=cache)
        assert b"Traceback" not in err, err.decode(errors="replace")
        assert (code, out) == (1, fresh), err.decode(errors="replace")[-2000:]


def the_table(cache: Path) -> Path:
    (table,) = tables(cache)
    return table


# ------------------------------------------------------- 1. wrong shapes --
def _payload_of(table: Path, name: str):
    return decode(entry_payload(read_table(table)[f"notes{os.sep}{name}"]))


WRONG_VALUES = {
    "int": lambda d, p: raw_entry(5),
    "empty tuple": lambda d, p: raw_entry(()),
    "one field": lambda d, p: raw_entry((d,)),
    "payload int": lambda d, p: raw_entry((d, 5)),
    "digest str": lambda d, p: raw_entry(("x" * 16, p)),
    "digest, check, payload, more": lambda d, p: raw_entry((d, b"0" * 32, p, p)),
}


@pytest.mark.parametrize("case", sorted(WRONG_VALUES))
def test_a_wrong_shaped_entry_is_a_miss(primed, case):
    table = the_table(primed[1])
    entries = read_table(table)
    key = f"notes{os.sep}a.md"
    entries[key] = WRONG_VALUES[case](entry_digest(entries[key]), entry_payload(entries[key]))
    write_table(table, entries)
    same_as_fresh(primed, times=2)


def _swap_title_type(value):
    stories, diagnostics, points = value
    (title, *rest), *more = stories
    return (((len(title), *rest), *more), diagnostics, points)


WRONG_FIELDS = {
    "title int": _swap_title_type,
    "line str": lambda v: (tuple((s[0], "3", *s[2:]) for s in v[0]), v[1], v[2]),
    "parts not pairs": lambda v: (tuple((*s[:3], 5, *s[4:]) for s in v[0]), v[1], v[2]),
    "story short": lambda v: (tuple(s[:3] for s in v[0]), v[1], v[2]),
    "diagnostic short": lambda v: (v[0], tuple(d[:3] for d in v[1]), v[2]),
    "message list": lambda v: (v[0], tuple((*d[:5], ["x"], *d[6:]) for d in v[1]), v[2]),
    "severity unknown": lambda v: (v[0], tuple((*d[:2], "fatal", *d[3:]) for d in v[1]), v[2]),
    "kind unknown": lambda v: (tuple((*s[:6], "novel") for s in v[0]), v[1], v[2]),
    "quantified str": lambda v: (tuple((*s[:4], "yes", *s[5:]) for s in v[0]), v[1], v[2]),
    "points str": lambda v: (v[0], v[1], "3"),
    "points negative": lambda v: (v[0], v[1], -1),
    "line negative": lambda v: (tuple((s[0], -7, *s[2:]) for s in v[0]), v[1], v[2]),
    "not a triple": lambda v: (v[0], v[1]),
    "dict": lambda v: {"stories": v[0]},
}


@pytest.mark.parametrize("case", sorted(WRONG_FIELDS))
def test_an_entry_with_fields_of_the_wrong_type_is_a_miss(primed, case):
    """Even with a valid checksum (as a bug or a deliberate writer could leave it), a
    payload of the wrong shape is linted afresh: no crash, the same output."""
    table = the_table(primed[1])
    entries = read_table(table)
    key = f"notes{os.sep}a.md"
    value = WRONG_FIELDS[case](decode(entry_payload(entries[key])))
    entries[key] = make_entry(key, entry_digest(entries[key]), encode(value), table)
    write_table(table, entries)
    same_as_fresh(primed)


# ---------------------------------------- 2. not regular files, size bombs --
def _replace(table: Path, how: str) -> None:
    table.unlink()
    if how == "symlink to /dev/zero":
        table.symlink_to("/dev/zero")
    elif how == "fifo":
        os.mkfifo(table)
    elif how == "directory":
        table.mkdir()
        (table / "x").write_bytes(b"x")
    elif how == "symlink to a table":
        other = table.with_name("elsewhere")
        other.write_bytes(b"")
        table.symlink_to(other)
    elif how == "sparse 300 MB":
        with open(table, "wb") as f:
            f.truncate(300_000_000)


@pytest.mark.parametrize("how", ["symlink to /dev/zero", "fifo", "directory", "symlink to a table", "sparse 300 MB"])
def test_a_table_that_is_not_a_regular_file_of_sane_size_is_not_read(primed, how):
    table = the_table(primed[1])
    _replace(table, how)
    same_as_fresh(primed)


@pytest.mark.parametrize("bomb", [b"(\xff\xff\xff\x7f", b"[\xff\xff\xff\x7f", b"{\xe9\xff\xff\xff\x7f"])
def test_a_tiny_table_that_decodes_huge_is_not_built(primed, bomb):
    table = the_table(primed[1])
    table.write_bytes(bomb)
    same_as_fresh(primed)


@pytest.mark.parametrize("bomb", [b"(\xff\xff\xff\x7f", b"[\xff\xff\xff\x7f", b"[" * 200_000,
                                  b"[" + b"[]," * 2_000_000 + b"[]]"])
def test_a_tiny_payload_that_decodes_huge_is_not_built(primed, bomb):
    table = the_table(primed[1])
    entries = read_table(table)
    key = f"notes{os.sep}a.md"
    entries[key] = make_entry(key, entry_digest(entries[key]), bomb, table)
    write_table(table, entries)
    same_as_fresh(primed)


def test_one_story_repeated_a_hundred_thousand_times_is_not_served(primed):
    table = the_table(primed[1])
    entries = read_table(table)
    key = f"notes{os.sep}a.md"
    stories, diagnostics, points = decode(entry_payload(entries[key]))
    entries[key] = make_entry(key, entry_digest(entries[key]), encode((stories * 100_000, diagnostics, points)),
                              table)
    write_table(table, entries)
    same_as_fresh(primed)


def _themes_error(tmp_path: Path, target: str) -> tuple[int, str]:
    notes = tmp_path / "n.md"
    notes.write_text(WITH_RESULT, encoding="utf-8")
    themes = tmp_path / "themes.toml"
    if target == "fifo":
        os.mkfifo(themes)
    elif target == "big":
        with open(themes, "wb") as f:
            f.truncate(300_000_000)
    else:
        themes.symlink_to(target)
    proc = subprocess.run([sys.executable, "-m", "starlint", "report", str(notes), "--themes", str(themes),
                           "-o", str(tmp_path / "r.html")], capture_output=True, text=True, timeout=TIMEOUT,
                          preexec_fn=_limits, env={**os.environ, "STARLINT_CACHE_DIR": str(tmp_path / "c")})
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "big"])
def test_report_refuses_a_themes_file_that_is_not_a_regular_file_of_sane_size(tmp_path, target):
    try:
        code, text = _themes_error(tmp_path, target)
    except subprocess.TimeoutExpired:
        pytest.fail("starlint report --themes hung")
    assert code == 2, text
    assert "themes.toml" in text and "Traceback" not in text and "MemoryError" not in text
    assert "regular file" in text or "larger than" in text


# -------------------------------------------------------------- 3. clean --
def test_clean_removes_only_starlints_own_files(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    outside = tmp_path / "precious.marshal"
    outside.write_bytes(b"keep")
    mine = [".results-0123456789abcdef01234567.cache.ab_cd9xy.tmp", "data-0.1.0-1.json",
            "results-0123456789abcdef01234567.cache", ".data-0.1.0-1.json.k2j_4abc.tmp"]
    theirs = ["notes.tmp", "build.tmp", ".results-mine.tmp", "results-notes.md", "data-backup.json.tmp",
              "regex-0123.marshal", "results-0123456789abcdef01234567.marshal.bak"]
    for name in mine + theirs:
        (cache / name).write_bytes(b"x")
    (cache / "results-00000000000000000000000a.cache").symlink_to(outside)
    (cache / "sub.tmp").mkdir()
    proc = subprocess.run([sys.executable, "-m", "starlint", "clean"], capture_output=True, text=True,
                          timeout=TIMEOUT, env={**os.environ, "STARLINT_CACHE_DIR": str(cache)})
    assert proc.returncode == 0, proc.stderr
    left = sorted(p.name for p in cache.iterdir())
    assert left == sorted(theirs + ["sub.tmp"])
    assert outside.read_bytes() == b"keep"


# ---------------------------------------------------------- 4. integrity --
def test_entries_swapped_between_files_are_not_served(primed):
    """Whole entries moved to another path: each digest is then wrong, a miss."""
    table = the_table(primed[1])
    entries = read_table(table)
    a, b = f"notes{os.sep}a.md", f"notes{os.sep}b.md"
    entries[a], entries[b] = entries[b], entries[a]
    write_table(table, entries)
    same_as_fresh(primed)


def test_payloads_rotated_under_valid_digests_are_not_served(primed):
    """Each path keeps its own digest (still right) and gets another file's payload."""
    table = the_table(primed[1])
    entries = read_table(table)
    a, b, c = (f"notes{os.sep}{n}.md" for n in "abc")
    rotate(entries, [a, b, c])
    write_table(table, entries)
    same_as_fresh(primed)


def test_a_table_of_other_settings_is_not_served(primed):
    """A table renamed to the key of this run's settings (a mixed-up cache restore)."""
    folder, cache, fresh = primed
    table = the_table(cache)
    run(folder, "--ignore", "STAR004", cache=cache)
    other = next(p for p in tables(cache) if p != table)
    os.replace(other, table)
    same_as_fresh(primed)


@pytest.mark.parametrize("where", [0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.98])
def test_a_flipped_bit_is_a_miss_never_a_different_answer(primed, where):
    table = the_table(primed[1])
    raw = bytearray(table.read_bytes())
    at = int(len(raw) * where)
    for bit in (0x01, 0x10):
        raw[at] ^= bit
        table.write_bytes(bytes(raw))
        same_as_fresh(primed)
        raw[at] ^= bit


# ------------------------------------------------------------ 5. temp files --
def test_a_planted_symlink_at_a_temporary_name_is_not_followed(primed):
    folder, cache, fresh = primed
    victim = folder / "victim.txt"
    victim.write_bytes(b"mine")
    table = the_table(cache)
    # every name an old starlint would have used for its temporary file, for the next few process ids
    pid = os.getpid()
    for n in range(pid, pid + 400):
        (cache / f"{table.name}.{n}.tmp").symlink_to(victim)
    (notes := folder / "notes" / "d.md").write_text(NO_RESULT.replace("로그", "지표"), encoding="utf-8")
    code, _, err = run(folder, cache=cache)
    assert code == 1, err
    assert victim.read_bytes() == b"mine"
    notes.unlink()


# -------------------------------------------------------------- 6. off --
def _folder_state(folder: Path) -> list:
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


@pytest.mark.parametrize("how", ["flag", "env"])
def test_no_cache_neither_reads_nor_writes_any_cache(tmp_path, how):
    """The folder holds only a FIFO at every name starlint could read: a run that opens
    one of them blocks, a run that writes leaves a file."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(NO_RESULT, encoding="utf-8")
    (tmp_path / "starlint.toml").write_text('messages = "en"\n', encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    args, env = (["--no-cache"], {}) if how == "flag" else ([], {"STARLINT_NO_CACHE": "1"})
    code, out, err = run(tmp_path, *args, cache=cache, env=env)
    assert code == 1 and b"STAR004" in out, err
    assert list(cache.iterdir()) == []
    # and nothing already there is opened: a planted file would be read whole, a FIFO block
    watched = cache / "spy"
    watched.mkdir()
    traced = subprocess.run(
        [sys.executable, "-c", _SPY, str(watched), *(["--no-cache"] if how == "flag" else [])],
        cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT,
        env={**os.environ, "STARLINT_CACHE_DIR": str(watched), **env})
    assert traced.returncode == 1, traced.stderr
    assert traced.stderr.strip() == "", traced.stderr
    assert list(watched.iterdir()) == []


# A run in one process that reports on stderr every path under the cache folder it touches.
_SPY = r"""
import builtins, os, sys
folder = os.path.realpath(sys.argv[1])
def watch(fn):
    def wrapper(path, *a, **k):
        if isinstance(path, (str, bytes, os.PathLike)) and os.path.realpath(os.fsdecode(path)).startswith(folder):
            sys.stderr.write(f"touched {path}\n")
        return fn(path, *a, **k)
    return wrapper
builtins.open = watch(builtins.open)
os.open = watch(os.open)
os.stat = watch(os.stat)
os.listdir = watch(os.listdir)
os.scandir = watch(os.scandir)
os.mkdir = watch(os.mkdir)
sys.argv = ["starlint", "check", "--format", "json", "notes", *sys.argv[2:]]
from starlint.run import main
main()
"""


# ------------------------------------------------------------ 7. concurrency --
def test_two_runs_at_once_agree_with_a_run_without_cache(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(60):
        (notes / f"n{i:02}.md").write_text((NO_RESULT, WITH_RESULT, ENGLISH)[i % 3] + f"\n<!-- {i} -->\n",
                                           encoding="utf-8")
    cache = tmp_path / "cache"
    _, fresh, _ = run(tmp_path, "--no-cache", cache=cache)
    for round_ in range(3):
        if round_ == 2:  # edited files: both runs lint and store them
            for i in range(0, 60, 7):
                with open(notes / f"n{i:02}.md", "a", encoding="utf-8") as f:
                    f.write("\n- 결과: 비용이 30% 줄었습니다.\n")
            _, fresh, _ = run(tmp_path, "--no-cache", cache=tmp_path / "unused")
        env = {**os.environ, "STARLINT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
        env.pop("STARLINT_NO_CACHE", None)
        cmd = [sys.executable, "-m", "starlint", "check", "--format", "json", "notes"]
        procs = [subprocess.Popen(cmd + jobs, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for jobs in (["--jobs", "1"], ["--jobs", "2"])]
        outs = [p.communicate(timeout=TIMEOUT) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert b"Traceback" not in err, err
            assert (p.returncode, out) == (1, fresh)
        assert [p.name for p in cache.iterdir() if p.name.endswith(".tmp")] == []
    _, cached, _ = run(tmp_path, cache=cache)
    assert cached == fresh


# ------------------------------------------------------ 8. damage of every kind --
DAMAGE = {
    "empty": lambda raw: b"",
    "one byte": lambda raw: raw[:1],
    "half": lambda raw: raw[: len(raw) // 2],
    "all but the last byte": lambda raw: raw[:-1],
    "garbage": lambda raw: b"\x00garbage\xff" * 50,
    "doubled": lambda raw: raw + raw,
    "zeros": lambda raw: bytes(len(raw)),
    "json": lambda raw: b'{"notes/a.md": [1, 2]}',
    "reversed": lambda raw: raw[::-1],
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_table_gives_the_output_of_no_cache(primed, case):
    table = the_table(primed[1])
    table.write_bytes(DAMAGE[case](table.read_bytes()))
    same_as_fresh(primed)


def test_a_healthy_cache_is_served_and_gives_the_same_output(primed):
    """(The damage tests above would pass if the cache were never read: this one holds the hits.)"""
    folder, cache, fresh = primed
    spy = subprocess.run([sys.executable, "-c", _HITS, str(cache)], cwd=folder, capture_output=True, text=True,
                         timeout=TIMEOUT, env={**os.environ, "STARLINT_CACHE_DIR": str(cache)})
    assert spy.returncode == 1, spy.stderr
    assert spy.stdout.encode() == fresh
    assert spy.stderr.strip() == "hits 3 misses 0"


_HITS = r"""
import sys
from starlint.runtime import cache
real = cache.ResultCache.save
def save(self):
    sys.stderr.write(f"hits {self.hits} misses {self.misses}\n")
    real(self)
cache.ResultCache.save = save
sys.argv = ["starlint", "check", "--format", "json", "notes"]
from starlint.run import main
main()
"""


def test_every_single_bit_flip_of_a_table_is_a_miss_or_the_same_report(tmp_path, monkeypatch):
    """In one process, over a whole small table: every other byte with one bit flipped
    (a different bit at each offset), then looked up; never a different report."""
    import starlint
    from starlint.runtime import parallel
    from starlint.runtime.cache import ResultCache

    notes = tmp_path / "notes"
    notes.mkdir()
    for name, text in (("a.md", NO_RESULT), ("b.md", WITH_RESULT), ("c.md", ENGLISH)):
        (notes / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("STARLINT_CACHE_DIR", str(tmp_path / "cache"))
    config = starlint.Config()
    tasks = parallel.plan([notes], lambda path: config)
    first = ResultCache.open()
    truth = {f.path: f.to_dict() for f in parallel.lint_tasks(tasks, 1, cache=first)}
    first.save()
    table = the_table(tmp_path / "cache")
    raw = table.read_bytes()
    files = [(t.path, Path(t.path).read_bytes()) for t in tasks]
    served = 0
    for at in range(0, len(raw), 2):
        damaged = bytearray(raw)
        damaged[at] ^= 1 << (at // 2 % 8)
        table.write_bytes(bytes(damaged))
        lookup = ResultCache.open()
        for path, data in files:
            report = lookup.get(path, data, config)
            if report is not None:
                served += 1
                assert report.to_dict() == truth[path], f"a flip at byte {at} changed {path}"
    # flips inside one entry leave the others served: a damaged entry costs only itself
    assert served > len(raw) // 2 * len(files) // 2


def _leaves(value, at=()):
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, at + (i,))
    yield at


def _replaced(value, at, new):
    if not at:
        return new
    copy = list(value)
    copy[at[0]] = _replaced(value[at[0]], at[1:], new)
    return copy


def test_any_field_of_another_type_fails_the_shape_check():
    """Every node of a real report's fields, replaced by a value of another type (or a
    name outside its set, or a line beyond the file), is refused."""
    import starlint

    text = ENGLISH + NO_RESULT
    report = starlint.lint_text(text, "x.md")
    fields = json.loads(cache_module.encode(report))
    lines = text.count("\n") + 1
    assert cache_module.well_formed(fields, lines)
    either = {(0, None, 4): (type(None), bool), (1, None, 6): (type(None), int), (1, None, 7): (type(None), int)}
    names = [(0, None, 5), (0, None, 6), (1, None, 2), (0, None, 3, None, 0)]
    tried = 0
    for at in _leaves(fields):
        old = fields
        for i in at:
            old = old[i]
        shape = tuple(None if n in (1, 3) and len(at) > n else i for n, i in enumerate(at))
        allowed = either.get(shape, (type(old),))
        for new in (None, True, 1.5, "x", [], {}, -1, 10 ** 9):
            if type(new) in allowed and (type(new) is not int or (shape == (1, None, 4) and new >= 0)):
                continue  # a value of the right type (line numbers out of the file are not)
            tried += 1
            assert not cache_module.well_formed(_replaced(fields, at, new), lines), (at, new)
        if shape in names:
            tried += 1
            assert not cache_module.well_formed(_replaced(fields, at, "nonsense"), lines), at
    assert tried > 200
