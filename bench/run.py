"""How fast is starlint, next to its peers on the same files?  One run, one table, PASS/FAIL lines.

    python bench/run.py                   # generates /tmp/starlint-bench and installs the peers if needed
    python bench/run.py --reps 5 --only files,single
    python bench/run.py --no-install      # only the peers already there (the bench folder, else PATH)
    python bench/run.py --starlint ".venv/bin/python -m starlint"   # another build

Every figure is the wall time of a fresh process, so start-up and imports count, as
they do for a user.  The commands of a scenario run interleaved: one warm-up of each,
then --reps rounds that each run every command once, and each figure is the median
of its rounds, so a slow spell of a shared machine falls on all of them alike and the
ratios (always of figures from the same run) move much less than the times.

Peers: markdownlint-cli2 (npm), proselint and pymarkdown (PyPI `pymarkdownlnt`), run
with their default rules and output.  The bench installs them itself, once, into its
own folder (--peers-dir, default /tmp/starlint-bench/peers: a venv for the two Python
tools, `npm install --prefix` for markdownlint-cli2) and reuses them when present;
--no-install uses only what is there.

Scenarios and targets (PASS / FAIL / SKIP lines under the table):

- one note (about 4 KB), `starlint check FILE`: *cold* (each run gets a new, empty
  cache folder via STARLINT_CACHE_DIR: the first run a user makes) and *warm* (the
  second run, cache filled).  Targets: each faster than every peer; cold within 2×
  of warm.
- 2,000 files, `starlint check --no-cache DIR` (every file linted, as after an edit to
  all of them or in CI without a restored cache): --jobs 1 faster than
  markdownlint-cli2; --jobs 2 at most 0.5× markdownlint-cli2.  markdownlint-cli2
  runs in every round; proselint and pymarkdown (which take from half a minute to
  minutes here) once each unless --slow-peer-reps says otherwise.
- the same 2,000 files with their list indentation in tabs (bench/gen.py `tabbed`):
  starlint --jobs 1 within 10 % of the original, timed in the same rounds.
- one 20 MB file: starlint's peak memory (ru_maxrss of the child, from wait4) under
  1 GB.  Peers there only with --peers-big (some take many minutes).

Bytecode: every timed process may write and read Python's compiled .pyc files, in
a folder of the bench (PYTHONPYCACHEPREFIX=OUT/pycache; a PYTHONDONTWRITEBYTECODE
of the caller is dropped for the children), so starlint and the Python peers start as
from a pip install, which compiles them, and nothing is written into the checkout.
The warm-ups fill it.  --no-bytecode-cache times them compiling their sources every run.

Information, no target: bare markdown-it parse of the same input (a floor: the
parser starlint stands on, in a process of its own), Python's start-up and the import
of starlint's check modules, the results-cache rows ("unchanged (cached)"), and the CPU
time (user + system of the child and its workers), which other work on a shared
machine disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen  # noqa: E402

BARE_PARSE = r"""
import sys
from pathlib import Path
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark")
paths = []
for arg in sys.argv[1:]:
    p = Path(arg)
    paths += sorted(p.rglob("*.md")) if p.is_dir() else [p]
for p in paths:
    md.parse(p.read_text(encoding="utf-8"))
"""

NEUTRAL = tempfile.mkdtemp(prefix="starlint-bench-cwd-")  # where every timed process starts
SCRATCH = tempfile.mkdtemp(prefix="starlint-bench-caches-")  # the cache folders of the timed runs

PEERS = ("markdownlint-cli2", "proselint", "pymarkdown")
PY_PEERS = {"proselint": "proselint", "pymarkdown": "pymarkdownlnt"}  # command: PyPI package
NPM_PEERS = {"markdownlint-cli2": "markdownlint-cli2"}
ANY = tuple(range(256))  # a linter exits non-zero when it finds something: every code is a run

# the modules `starlint check` imports before it reads the first file (those this build has)
CHECK_MODULES = ("starlint.run", "starlint.engine", "starlint.runtime.parallel", "starlint.output", "starlint.formats",
                 "starlint.runtime.cache", "starlint.runtime.progress", "starlint.runtime.files",
                 "starlint.reading.markdown")
CHECK_IMPORTS = ("import importlib\nfor name in %r:\n    try:\n        importlib.import_module(name)\n"
                 "    except ImportError:\n        pass" % (CHECK_MODULES,))

MEMORY_LIMIT_MB = 1000  # "under 1 GB"


# ---------------------------------------------------------------- timing --
@dataclass
class Timing:
    seconds: float  # wall, median
    max_rss_kb: int  # median of the runs' peaks
    runs: int
    cpu: float = 0.0  # user + system seconds of the child and its own children (workers), median
    all_seconds: list[float] = field(default_factory=list)
    timed_out: bool = False  # a peer stopped at --peer-timeout: `seconds` is a lower bound

    @property
    def mb(self) -> float:
        return self.max_rss_kb / 1024


@dataclass
class Cmd:
    argv: list[str]
    ok: tuple[int, ...] = (0, 1)
    env: Callable[[], dict | None] | None = None  # called before every run (a fresh cache folder, …)
    reps: int | None = None  # None: the scenario's; 1 for a slow peer timed once
    warmup: bool = True
    timeout: float | None = None  # stop it after this many seconds (peers only)


class TimedOut(Exception):
    pass


def run_once(cmd: list[str], ok: tuple[int, ...] = (0, 1), env: dict | None = None,
             timeout: float | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KB) and CPU seconds of one child process, stdout to /dev/null."""
    start = time.perf_counter()
    # from an empty folder: `python -c` puts the current folder on sys.path, and a checkout
    # there would be imported instead of the build being timed
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=NEUTRAL)
    timer = threading.Timer(timeout, proc.kill) if timeout else None
    if timer:
        timer.start()
    stderr_chunks = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if timer:
        timer.cancel()
        if elapsed >= timeout:
            raise TimedOut(f"{shlex.join(cmd)[:200]} stopped after {timeout:.0f} s")
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise SystemExit(f"bench: {shlex.join(cmd)} exited {proc.returncode}:\n{stderr_chunks.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(cmds: dict[str, Cmd], reps: int) -> dict[str, Timing]:
    """Interleaved rounds: a warm-up of each command, then rounds that run each once (median kept).

    A command that fails is left out with a note (a broken peer is not fatal; a broken
    starlint is: its name does not start with "peer:").
    """
    runs: dict[str, list[tuple[float, int, float]]] = {name: [] for name in cmds}
    failed: set[str] = set()
    stopped: dict[str, float] = {}

    def one(name: str, c: Cmd, keep: bool) -> None:
        try:
            result = run_once(c.argv, c.ok, c.env() if c.env else None, c.timeout)
        except TimedOut as exc:
            print(f"bench: {exc}", file=sys.stderr)
            failed.add(name)
            stopped[name] = c.timeout or 0.0
            return
        except (OSError, SystemExit) as exc:
            if not name.startswith("peer:"):
                raise
            print(f"bench: {name[5:]} left out: {exc}", file=sys.stderr)
            failed.add(name)
            return
        if keep:
            runs[name].append(result)

    for name, c in cmds.items():
        if c.warmup:
            one(name, c, keep=False)
    for round_ in range(reps):
        for name, c in cmds.items():
            if name not in failed and round_ < (c.reps or reps):
                one(name, c, keep=True)
    out = {}
    for name, got in runs.items():
        if got and name not in failed:
            out[name.removeprefix("peer:")] = Timing(
                statistics.median(r[0] for r in got), int(statistics.median(r[1] for r in got)), len(got),
                statistics.median(r[2] for r in got), [r[0] for r in got])
    for name, limit in stopped.items():
        out[name.removeprefix("peer:")] = Timing(limit, 0, 0, timed_out=True)
    return out


def cache_env(folder: str | None = None) -> Callable[[], dict]:
    """An environment with STARLINT_CACHE_DIR at `folder`, or at a new empty folder on every call."""
    def env() -> dict:
        where = folder or tempfile.mkdtemp(prefix="cold-", dir=SCRATCH)
        return {**os.environ, "STARLINT_CACHE_DIR": where}
    return env


# ------------------------------------------------------------------ peers --
def _peer_paths(folder: Path) -> dict[str, Path]:
    return {**{name: folder / "venv" / "bin" / name for name in PY_PEERS},
            **{name: folder / "npm" / "node_modules" / ".bin" / name for name in NPM_PEERS}}


def ensure_peers(folder: Path, install: bool, python: str) -> dict[str, str]:
    """The peers' executables: installed into `folder` once (reused after), or with
    install=False whatever is already there (the folder first, then PATH)."""
    paths = _peer_paths(folder)
    missing = [name for name, path in paths.items() if not os.access(path, os.X_OK)]
    if install and missing:
        folder.mkdir(parents=True, exist_ok=True)
        py_missing = [PY_PEERS[n] for n in missing if n in PY_PEERS]
        npm_missing = [NPM_PEERS[n] for n in missing if n in NPM_PEERS]
        steps = []
        if py_missing:
            if not (folder / "venv" / "bin" / "python").exists():
                steps.append([python, "-m", "venv", str(folder / "venv")])
            steps.append([str(folder / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet",
                          "--disable-pip-version-check", *py_missing])
        if npm_missing:
            if shutil.which("npm"):
                steps.append(["npm", "install", "--prefix", str(folder / "npm"), "--no-audit", "--no-fund",
                              "--loglevel", "error", *npm_missing])
            else:
                print("bench: npm not found: markdownlint-cli2 is left out", file=sys.stderr)
        for step in steps:
            print(f"bench: installing peers: {shlex.join(step)}", file=sys.stderr)
            done = subprocess.run(step, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if done.returncode:
                print(f"bench: install step failed ({done.returncode}): {done.stderr[-1500:]}", file=sys.stderr)
    found = {}
    for name, path in paths.items():
        if os.access(path, os.X_OK):
            found[name] = str(path)
        elif not install and shutil.which(name):
            found[name] = shutil.which(name)
    for name in PEERS:
        if name not in found:
            print(f"bench: {name} not available: its comparisons are SKIP", file=sys.stderr)
    return {name: found[name] for name in PEERS if name in found}


def peer_version(name: str, exe: str) -> str:
    try:
        if name == "markdownlint-cli2":
            out = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60).stdout
            return out.split("\n", 1)[0].split()[1] if out else "?"
        bin_dir = Path(exe).parent
        py = bin_dir / "python"
        if py.exists():
            pkg = PY_PEERS[name]
            out = subprocess.run([str(py), "-c", f"import importlib.metadata as m; print(m.version({pkg!r}))"],
                                 capture_output=True, text=True, timeout=60).stdout.strip()
            return out or "?"
    except (OSError, subprocess.SubprocessError, IndexError):
        pass
    return "?"


def peer_argv(name: str, exe: str, files: list[Path], folder: Path | None) -> list[str]:
    if name == "proselint":  # 0.14+ lints with `proselint check`, older ones without
        usage = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
        return [exe, *(["check"] if "check" in usage else []), *map(str, files)]
    if name == "pymarkdown":
        return [exe, "scan", *(["-r", str(folder)] if folder else map(str, files))]
    return [exe, *([f"{folder}/**/*.md"] if folder else map(str, files))]


# ------------------------------------------------------------------ setup --
PROBE = r"""
import sys, sysconfig
sys.argv = ["starlint", "check", "--no-cache", sys.argv[1]]
try:
    from starlint.run import main
except ImportError:  # an older build: its typer command line
    from starlint.cli import main
try:
    main()
except SystemExit:
    pass
site = sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]
tops = {name.split(".")[0] for name, mod in list(sys.modules.items())
        if getattr(mod, "__file__", None) and mod.__file__.startswith(site)}
print(" ".join(sorted(tops - {"starlint", "_distutils_hack"})), file=sys.stderr)
"""


def imported_packages(py: str, file: Path) -> list[str]:
    """The third-party top-level packages `starlint check FILE` imports (site-packages only)."""
    out = subprocess.run([py, "-c", PROBE, str(file)], capture_output=True, text=True, cwd=NEUTRAL)
    last = out.stderr.strip().splitlines()[-1].split() if out.stderr.strip() else []
    return [name for name in last if name.isidentifier()]


def check_help(starlint: list[str]) -> str:
    done = subprocess.run([*starlint, "check", "--help"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"})
    return done.stdout


def ensure_corpus(out: Path, files: int, single_kb: float, big_mb: float) -> tuple[Path, Path, Path, Path]:
    folder, single, big = out / f"files-{files}", out / f"single-{single_kb:g}KB.md", out / f"big-{big_mb:g}MB.md"
    tabs = out / f"files-{files}-tabs"
    if not folder.is_dir():
        print(f"bench: writing {folder} …", file=sys.stderr)
        gen.write_corpus(folder, files)
    if not tabs.is_dir():
        print(f"bench: writing {tabs} …", file=sys.stderr)
        gen.write_tabbed(folder, tabs)
    if not single.is_file():
        gen.write_single(single, int(single_kb * 1024))
    if not big.is_file():
        print(f"bench: writing {big} …", file=sys.stderr)
        gen.write_big(big, big_mb)
    return folder, tabs, single, big


# ---------------------------------------------------------------- results --
@dataclass
class Row:
    scenario: str
    value: float | None  # seconds, MB or a plain ratio
    unit: str = "s"  # "s", "MB" or "×"
    cpu: float | None = None
    peers: dict[str, float] = field(default_factory=dict)  # same unit as value
    bare: float | None = None  # bare markdown-it parse of the same input
    lower: tuple[str, ...] = ()  # peers stopped at --peer-timeout: their figure is a lower bound


@dataclass
class Check:
    target: str
    ok: bool | None  # None: SKIP (a peer missing)
    detail: str


def compare_faster(name: str, mine: Timing, peers: dict[str, Timing], wanted: tuple[str, ...]) -> Check:
    missing = [p for p in wanted if p not in peers]
    if not peers or missing and len(missing) == len(wanted):
        return Check(f"{name}: faster than every peer", None, "no peer available")
    parts = [f"{p} {peers[p].seconds:.3f} s ({mine.seconds / peers[p].seconds:.2f}×)" for p in wanted if p in peers]
    ok = all(mine.seconds < peers[p].seconds for p in wanted if p in peers)
    note = f"; not measured: {', '.join(missing)}" if missing else ""
    return Check(f"{name}: faster than every peer", None if missing and ok else ok,
                 f"starlint {mine.seconds:.3f} s vs " + ", ".join(parts) + note)


def ratio_check(target: str, mine: Timing, base: Timing | None, base_name: str, limit: float, strict: bool) -> Check:
    if base is None:
        return Check(target, None, f"{base_name} not available")
    ratio = mine.seconds / base.seconds
    cpu = f"; CPU {mine.cpu:.2f} s vs {base.cpu:.2f} s = {mine.cpu / base.cpu:.2f}×" if base.cpu else ""
    ok = ratio < limit if strict else ratio <= limit
    return Check(target, ok, f"starlint {mine.seconds:.2f} s vs {base_name} {base.seconds:.2f} s = {ratio:.2f}× "
                             f"(target {'<' if strict else '≤'} {limit:.2f}×){cpu}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=gen.DEFAULT_OUT, help="where the generated notes live")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--single-kb", type=float, default=4)
    ap.add_argument("--big-mb", type=float, default=20)
    ap.add_argument("--reps", type=int, default=3, help="timed rounds per scenario (median); one warm-up first")
    ap.add_argument("--single-reps", type=int, default=9, help="timed rounds for the one-note figures")
    ap.add_argument("--slow-peer-reps", type=int, default=1,
                    help="rounds for proselint and pymarkdown on the 2,000 files (no target there; minutes each)")
    ap.add_argument("--python", default=sys.executable, help="interpreter for the bare-parse and import baselines")
    ap.add_argument("--starlint", default=None,
                    help="command that runs starlint (default: the starlint next to --python)")
    ap.add_argument("--only", default="single,files,big", help="comma-separated: single, files, big")
    ap.add_argument("--peers-dir", type=Path, default=None,
                    help="where the bench installs its peers (default: OUT/peers)")
    ap.add_argument("--no-install", action="store_true",
                    help="install nothing: use the peers already in --peers-dir, else on PATH")
    ap.add_argument("--no-peers", action="store_true", help="time no peer (their targets are SKIP)")
    ap.add_argument("--peers-big", action="store_true", help="time peers on the 20 MB file too (slow)")
    ap.add_argument("--peer-timeout", type=float, default=900,
                    help="stop a peer's run after this many seconds (shown as '> N s')")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="run every child with PYTHONDONTWRITEBYTECODE=1 (sources compiled on every start)")
    ap.add_argument("--json", type=Path, help="also write the figures and the checks here")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target FAILs")
    args = ap.parse_args(argv)

    py = args.python
    starlint = shlex.split(args.starlint) if args.starlint else [str(Path(py).parent / "starlint")]
    only = set(args.only.split(","))
    out_dir = args.out.resolve()
    folder, tabs, single, big = ensure_corpus(out_dir, args.files, args.single_kb, args.big_mb)
    if args.no_bytecode_cache:
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        os.environ.pop("PYTHONPYCACHEPREFIX", None)
    else:  # as installed by pip: .pyc files compiled once (here into a folder of the bench's own)
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(out_dir / "pycache")
    files = sorted(folder.rglob("*.md"))
    corpus_mb = sum(p.stat().st_size for p in files) / 1e6
    usage = check_help(starlint)
    has_jobs = "--jobs" in usage
    cached = "--no-cache" in usage  # builds with a results cache
    peers_found = {} if args.no_peers else ensure_peers(args.peers_dir or out_dir / "peers", not args.no_install, py)
    versions = {name: peer_version(name, exe) for name, exe in peers_found.items()}

    # One private cache folder for the "fresh" (--no-cache) and "unchanged" runs: the
    # user's is left alone, and the warm-ups fill this one (compiled patterns, and the
    # results of the "unchanged (cached)" rows).  The cold runs get a new one each.
    shared_cache = tempfile.mkdtemp(prefix="shared-", dir=SCRATCH)
    os.environ["STARLINT_CACHE_DIR"] = shared_cache
    fresh = [*starlint, "check", *(["--no-cache"] if cached else [])]
    warm = [*starlint, "check"]
    rows: list[Row] = []
    checks: list[Check] = []
    notes: list[str] = []

    def peer_cmds(paths: list[Path], tree: Path | None, slow_reps: int | None = None,
                  slow: tuple[str, ...] = ("proselint", "pymarkdown")) -> dict[str, Cmd]:
        """The peers' commands; those named in `slow` run `slow_reps` times without a warm-up."""
        out = {}
        for name, exe in peers_found.items():
            is_slow = slow_reps is not None and name in slow
            out[f"peer:{name}"] = Cmd(peer_argv(name, exe, paths, tree), ANY, reps=slow_reps if is_slow else None,
                                      warmup=not is_slow, timeout=args.peer_timeout)
        return out

    if "single" in only:
        size = single.stat().st_size
        label = f"one {size / 1024:.1f} KB note"
        warm_dir = tempfile.mkdtemp(prefix="warm-", dir=SCRATCH)
        cmds = {
            "cold": Cmd([*warm, str(single)], env=cache_env()),  # a new empty cache folder every run
            "warm": Cmd([*warm, str(single)], env=cache_env(warm_dir)),  # filled by its warm-up
            **peer_cmds([single], None),
            "bare": Cmd([py, "-c", BARE_PARSE, str(single)], (0,)),
            "pass": Cmd([py, "-c", "pass"], (0,)),
            "imports": Cmd([py, "-c", CHECK_IMPORTS], (0,)),
        }
        has_run = subprocess.run([py, "-c", "import starlint.run"], capture_output=True, cwd=NEUTRAL).returncode == 0
        if not has_run:
            del cmds["imports"]
        t = measure(cmds, args.single_reps)
        peers_t = {p: t[p] for p in PEERS if p in t}
        for key, name in (("cold", "cold (empty cache folder, first run)"), ("warm", "warm (second run, cache filled)")):
            rows.append(Row(f"{label}, {name}", t[key].seconds, cpu=t[key].cpu,
                            peers={p: v.seconds for p, v in peers_t.items()}, bare=t["bare"].seconds))
            checks.append(compare_faster(f"one note, {key}", t[key], peers_t, PEERS))
        rows.append(Row("one note, cold ÷ warm", t["cold"].seconds / t["warm"].seconds, "×"))
        checks.append(ratio_check("one note: cold within 2× of warm", t["cold"], t["warm"], "warm", 2.0, False))
        rows.append(Row("(floor) python -c pass", t["pass"].seconds, cpu=t["pass"].cpu))
        if "imports" in t:
            rows.append(Row("(floor) import of starlint's check modules", t["imports"].seconds, cpu=t["imports"].cpu))
        notes.append(f"third-party packages `starlint check NOTE` loads: {', '.join(imported_packages(py, single)) or 'none'}")

    if "files" in only:
        n = len(files)
        label = f"{n:,} files ({corpus_mb:.1f} MB)"
        cmds: dict[str, Cmd] = {}
        if has_jobs:
            cmds["j1"] = Cmd([*fresh, "--jobs", "1", str(folder)])
            cmds["tabs-j1"] = Cmd([*fresh, "--jobs", "1", str(tabs)])
            cmds["j2"] = Cmd([*fresh, "--jobs", "2", str(folder)])
            if os.cpu_count() != 2:
                cmds["auto"] = Cmd([*fresh, str(folder)])
        else:
            cmds["j1"] = Cmd([*fresh, str(folder)])
            cmds["tabs-j1"] = Cmd([*fresh, str(tabs)])
        if cached:
            cmds["cached-j1"] = Cmd([*warm, *(["--jobs", "1"] if has_jobs else []), str(folder)])
            if has_jobs:
                cmds["cached-j2"] = Cmd([*warm, "--jobs", "2", str(folder)])
        cmds["bare"] = Cmd([py, "-c", BARE_PARSE, str(folder)], (0,))
        cmds["bare-tabs"] = Cmd([py, "-c", BARE_PARSE, str(tabs)], (0,))
        cmds.update(peer_cmds(files, folder, slow_reps=args.slow_peer_reps))
        t = measure(cmds, args.reps)
        peers_t = {p: t[p] for p in PEERS if p in t}
        mdl = peers_t.get("markdownlint-cli2")

        def add(key: str, name: str, bare: str | None = "bare", with_peers: bool = True) -> None:
            if key in t:
                rows.append(Row(f"{name}", t[key].seconds, cpu=t[key].cpu,
                                peers={p: v.seconds for p, v in peers_t.items()} if with_peers else {},
                                bare=t[bare].seconds if bare else None,
                                lower=tuple(p for p, v in peers_t.items() if v.timed_out)))

        add("j1", f"{label}, --jobs 1")
        add("j2", f"{label}, --jobs 2")
        add("auto", f"{label}, default --jobs")
        if "j2" in t:
            rows.append(Row("--jobs 2 speed-up over --jobs 1", t["j1"].seconds / t["j2"].seconds, "×"))
        add("tabs-j1", f"{label} tab-indented, --jobs 1", bare="bare-tabs", with_peers=False)
        rows.append(Row("tab-indented ÷ original, --jobs 1", t["tabs-j1"].seconds / t["j1"].seconds, "×"))
        add("cached-j1", f"{label}, --jobs 1, unchanged (cached)")
        add("cached-j2", f"{label}, --jobs 2, unchanged (cached)")
        checks.append(ratio_check(f"{n:,} files, --jobs 1: faster than markdownlint-cli2", t["j1"], mdl,
                                  "markdownlint-cli2", 1.0, True))
        if "j2" in t:
            checks.append(ratio_check(f"{n:,} files, --jobs 2: at most 0.5× markdownlint-cli2", t["j2"], mdl,
                                      "markdownlint-cli2", 0.5, False))
        checks.append(ratio_check("tab-indented copy: within 10 % of the original (--jobs 1)", t["tabs-j1"],
                                  t["j1"], "original", 1.10, False))

    if "big" in only:
        mb = big.stat().st_size / 1e6
        cmds = {"fresh": Cmd([*fresh, str(big)]), "bare": Cmd([py, "-c", BARE_PARSE, str(big)], (0,))}
        if cached:
            cmds["cached"] = Cmd([*warm, str(big)])
        if args.peers_big:
            cmds.update(peer_cmds([big], None, slow_reps=1, slow=PEERS))  # each once, no warm-up
        t = measure(cmds, args.reps)
        peers_t = {p: t[p] for p in PEERS if p in t}
        rows.append(Row(f"one {mb:.0f} MB file, time", t["fresh"].seconds, cpu=t["fresh"].cpu,
                        peers={p: v.seconds for p, v in peers_t.items()}, bare=t["bare"].seconds,
                        lower=tuple(p for p, v in peers_t.items() if v.timed_out)))
        rows.append(Row(f"one {mb:.0f} MB file, peak memory", t["fresh"].mb, "MB",
                        peers={p: v.mb for p, v in peers_t.items() if not v.timed_out}, bare=t["bare"].mb))
        if "cached" in t:
            rows.append(Row(f"one {mb:.0f} MB file, unchanged (cached), time", t["cached"].seconds,
                            cpu=t["cached"].cpu, bare=t["bare"].seconds))
            rows.append(Row(f"one {mb:.0f} MB file, unchanged (cached), peak memory", t["cached"].mb, "MB",
                            bare=t["bare"].mb))
        worst = max(t["fresh"].mb, t["cached"].mb if "cached" in t else 0)
        checks.append(Check(f"one {mb:.0f} MB file: peak memory under 1 GB", worst < MEMORY_LIMIT_MB,
                            f"starlint {t['fresh'].mb:,.0f} MB fresh"
                            + (f", {t['cached'].mb:,.0f} MB cached" if "cached" in t else "")
                            + f" (target < {MEMORY_LIMIT_MB:,} MB); bare parse {t['bare'].mb:,.0f} MB"))

    print_table(rows, checks, notes, starlint, args, versions)
    if args.json:
        args.json.write_text(json.dumps({"rows": [r.__dict__ for r in rows], "checks": [c.__dict__ for c in checks],
                                         "peers": versions}, indent=2, ensure_ascii=False))
    shutil.rmtree(SCRATCH, ignore_errors=True)
    shutil.rmtree(NEUTRAL, ignore_errors=True)
    return 1 if args.check and any(c.ok is False for c in checks) else 0


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:.2f} s" if value >= 1 else f"{value:.3f} s"


def print_table(rows: list[Row], checks: list[Check], notes: list[str], starlint: list[str], args: argparse.Namespace,
                versions: dict[str, str]) -> None:
    peer_names = [p for p in PEERS if any(p in r.peers for r in rows)]
    head = ["scenario", "starlint", "CPU", *peer_names, "bare parse"]
    lines = []
    for r in rows:
        cells = [r.scenario, fmt(r.value, r.unit), fmt(r.cpu, "s")]
        for p in peer_names:
            other = r.peers.get(p)
            if p in r.lower:  # stopped at the time-out
                cells.append(f"> {fmt(other, r.unit)} (< {r.value / other:.2f}×)" if other and r.value is not None else "")
            else:
                cells.append(f"{fmt(other, r.unit)} ({r.value / other:.2f}×)" if other and r.value is not None else "")
        cells.append(f"{fmt(r.bare, r.unit)} ({r.value / r.bare:.2f}×)" if r.bare and r.value is not None else "")
        lines.append(cells)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]
    print(f"starlint bench: {shlex.join(starlint)}; median of {args.reps} interleaved rounds "
          f"({args.single_reps} for one note) after a warm-up; {os.cpu_count()} CPUs; "
          f"{time.strftime('%Y-%m-%d')}" + ("; no .pyc files (--no-bytecode-cache)" if args.no_bytecode_cache else ""))
    if versions:
        print("peers: " + ", ".join(f"{name} {v}" for name, v in versions.items())
              + f"; proselint and pymarkdown timed {args.slow_peer_reps}× on the {args.files:,} files"
              + ("" if args.peers_big else "; no peer on the 20 MB file (--peers-big)"))
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(line, widths)) + " |")
    print("(N×) beside a peer or the bare parse: starlint's figure divided by that one (under 1: starlint is "
          "faster or smaller). CPU: user+system seconds of starlint and its workers.")
    for note in notes:
        print(note)
    print()
    for c in checks:
        word = {True: "PASS", False: "FAIL", None: "SKIP"}[c.ok]
        print(f"{word}  {c.target}: {c.detail}")


if __name__ == "__main__":
    sys.exit(main())
