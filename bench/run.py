"""How fast is starlint, next to the floor it stands on?  One run, one table.

    python bench/run.py                   # generates /tmp/starlint-bench if needed, then times
    python bench/run.py --reps 5 --only files,single
    python bench/run.py --starlint ".venv/bin/python -m starlint"   # another build

Every figure is the wall time of a fresh process (the median of --reps runs after
one warm-up), so start-up and imports count, as they do for a user:

- 2,000 files: `starlint check DIR --format json` (stdout to /dev/null) with
  --jobs 1, --jobs 2 and the default, against a process that imports markdown_it
  and runs bare `MarkdownIt("commonmark").parse` over the same files;
- one 4 KB file: `starlint check FILE` against the import floor of starlint's
  declared dependencies (`python -c "import markdown_it, pydantic, typer"`),
  against its real import set (the third-party packages that check actually
  loads — none when the fast readers take the whole file, so Python's bare start),
  and against importing starlint's own check modules (what is left is the linting);
- one 20 MB file: time and peak memory (ru_maxrss of the child, from wait4)
  against bare parse of the same file.

Each scenario runs twice: "fresh" (no stored results: every file linted, as after an
edit to all of them, or in CI without a restored cache) and "unchanged (cached)"
(the results cache holds every file, as on the second `starlint check` of a notes
folder).  The cache folder is a private temporary one; the validated-data cache
in it is warm for both, like Python's own .pyc files.

Peers (proselint, pymarkdown from pymarkdownlnt, markdownlint-cli2) are timed
once each on the same inputs when they are on PATH (on the 20 MB file only with
--peers-big: some take many minutes there); nothing is installed.  Next to each
wall-time ratio the table gives the CPU-time ratio (user + system of the child and
its workers), which other work on a shared machine disturbs much less.
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
import time
from dataclasses import dataclass
from pathlib import Path

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

TARGETS = {"files-1": 1.3, "files-2": 0.75, "single": 1.1, "big-time": 1.5, "big-mem": 1.5}


@dataclass
class Timing:
    seconds: float  # wall
    max_rss_kb: int
    runs: int
    cpu: float = 0.0  # user + system seconds of the child and its own children (workers)

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s"


def run_once(cmd: list[str], ok: tuple[int, ...] = (0, 1), env: dict | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KB) and CPU seconds of one child process, stdout to /dev/null."""
    start = time.perf_counter()
    # from an empty folder: `python -c` puts the current folder on sys.path, and a checkout
    # there would be imported instead of the build being timed
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=NEUTRAL)
    stderr_chunks = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise SystemExit(f"bench: {shlex.join(cmd)} exited {proc.returncode}:\n{stderr_chunks.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def forget_results() -> None:
    """Remove the stored results from the bench's cache folder (the data-file cache stays warm)."""
    folder = Path(os.environ["STARLINT_CACHE_DIR"])
    for table in folder.glob("results-*"):
        table.unlink()


def measure(cmd: list[str], reps: int, ok: tuple[int, ...] = (0, 1), warmup: bool = True,
            fresh: bool = False) -> Timing:
    """Median of `reps` runs; `fresh`: each with no stored results (every file linted)."""
    def once() -> tuple[float, int, float]:
        if fresh:
            forget_results()
        return run_once(cmd, ok)

    if warmup:
        once()
    runs = [once() for _ in range(reps)]
    return Timing(statistics.median(r[0] for r in runs), int(statistics.median(r[1] for r in runs)), reps,
                  statistics.median(r[2] for r in runs))


# ------------------------------------------------------------------ peers --
def peer_commands(files: list[Path], folder: Path | None) -> dict[str, list[str]]:
    """Commands for the peers found on PATH, linting `files` (or `folder`)."""
    out: dict[str, list[str]] = {}
    if shutil.which("proselint"):  # 0.14+ lints with `proselint check`, older ones without
        usage = subprocess.run(["proselint", "--help"], capture_output=True, text=True).stdout
        out["proselint"] = ["proselint", *(["check"] if "check" in usage else []), *map(str, files)]
    if shutil.which("pymarkdown"):
        out["pymarkdown"] = ["pymarkdown", "scan", *(["-r", str(folder)] if folder else map(str, files))]
    if shutil.which("markdownlint-cli2"):
        out["markdownlint-cli2"] = ["markdownlint-cli2", *(
            [f"{folder}/**/*.md"] if folder else map(str, files))]
    return out


def peers(files: list[Path], folder: Path | None, enabled: bool) -> dict[str, Timing]:
    if not enabled:
        return {}
    found = {}
    for name, cmd in peer_commands(files, folder).items():
        try:
            found[name] = measure(cmd, 1, ok=tuple(range(256)), warmup=False)
        except (OSError, SystemExit) as exc:  # a broken peer is left out, not fatal
            print(f"bench: {name} skipped: {exc}", file=sys.stderr)
    return found


# -------------------------------------------------------------------- main --
# the modules `starlint check` imports before it reads the first file
CHECK_IMPORTS = ("import starlint.run, starlint.engine, starlint.runtime.parallel, starlint.output, starlint.runtime.cache, "
                 "starlint.runtime.progress, starlint.runtime.files, starlint.reading.markdown")

PROBE = r"""
import sys, sysconfig
sys.argv = ["starlint", "check", sys.argv[1]]  # (stored results removed first: the file is linted)
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
    forget_results()
    out = subprocess.run([py, "-c", PROBE, str(file)], capture_output=True, text=True, cwd=NEUTRAL)
    last = out.stderr.strip().splitlines()[-1].split() if out.stderr.strip() else []
    return [name for name in last if name.isidentifier()]


def check_help(starlint: list[str]) -> str:
    done = subprocess.run([*starlint, "check", "--help"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"})
    return done.stdout


def supports_jobs(starlint: list[str]) -> bool:
    return "--jobs" in check_help(starlint)


def ensure_corpus(out: Path, files: int, single_kb: float, big_mb: float) -> tuple[Path, Path, Path]:
    folder, single, big = out / f"files-{files}", out / f"single-{single_kb:g}KB.md", out / f"big-{big_mb:g}MB.md"
    if not folder.is_dir():
        print(f"bench: writing {folder} …", file=sys.stderr)
        gen.write_corpus(folder, files)
    if not single.is_file():
        gen.write_single(single, int(single_kb * 1024))
    if not big.is_file():
        print(f"bench: writing {big} …", file=sys.stderr)
        gen.write_big(big, big_mb)
    return folder, single, big


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=gen.DEFAULT_OUT, help="where the generated notes live")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--single-kb", type=float, default=4)
    ap.add_argument("--big-mb", type=float, default=20)
    ap.add_argument("--reps", type=int, default=3, help="timed runs per figure (median); one warm-up first")
    ap.add_argument("--single-reps", type=int, default=9, help="timed runs for the one-file figures")
    ap.add_argument("--python", default=sys.executable, help="interpreter for the bare-parse and import baselines")
    ap.add_argument("--starlint", default=None,
                    help="command that runs starlint (default: the starlint next to --python)")
    ap.add_argument("--only", default="files,single,big", help="comma-separated: files, single, big")
    ap.add_argument("--no-peers", action="store_true", help="do not time peers even when installed")
    ap.add_argument("--peers-big", action="store_true", help="time peers on the 20 MB file too (slow)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    py = args.python
    starlint = shlex.split(args.starlint) if args.starlint else [str(Path(py).parent / "starlint")]
    only = set(args.only.split(","))
    folder, single, big = ensure_corpus(args.out.resolve(), args.files, args.single_kb, args.big_mb)
    files = sorted(folder.rglob("*.md"))
    corpus_mb = sum(p.stat().st_size for p in files) / 1e6
    usage = check_help(starlint)
    jobs = "--jobs" in usage
    cached = "--no-cache" in usage  # builds with a results cache
    # A private cache folder: the user's is left alone, and the warm-up run fills this
    # one (validated data files; results for the "unchanged files" rows).
    os.environ["STARLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="starlint-bench-cache-")
    # "fresh": every file linted, as after an edit to all of them: the stored results are
    # removed before each run (`--no-cache` would turn off the data-file cache too, which a
    # user's second run has warm, like Python's .pyc files)
    check = [*starlint, "check", "--format", "json"]
    warm = [*starlint, "check", "--format", "json"]  # unchanged files: read from the results cache
    rows: list[dict] = []

    def row(name: str, mine: Timing | None, base: Timing | None, base_name: str, target: float | None,
            peer: dict[str, Timing] | None = None, memory: bool = False) -> None:
        if mine is None:
            rows.append({"scenario": name, "starlint": None, "baseline": base_name, "ratio": None,
                         "target": target, "peers": {}})
            return
        value = (lambda t: t.max_rss_kb / 1024) if memory else (lambda t: t.seconds)
        ratio = value(mine) / value(base) if base else None
        cpu_ratio = mine.cpu / base.cpu if base and base.cpu and not memory else None
        rows.append({"scenario": name, "starlint": value(mine), "baseline": base_name,
                     "baseline_value": value(base) if base else None, "ratio": ratio, "target": target,
                     "cpu": None if memory else mine.cpu, "cpu_ratio": cpu_ratio,
                     "unit": "MB" if memory else "s", "peers": {k: value(v) for k, v in (peer or {}).items()}})

    if "files" in only:
        n = len(files)
        bare = measure([py, "-c", BARE_PARSE, str(folder)], args.reps, ok=(0,))
        peer = peers(files, folder, not args.no_peers)
        if jobs:
            j1 = measure([*check, "--jobs", "1", str(folder)], args.reps, fresh=cached)
            j2 = measure([*check, "--jobs", "2", str(folder)], args.reps, fresh=cached)
            auto = measure([*check, str(folder)], args.reps, fresh=cached)
        else:
            j1, j2, auto = measure([*check, str(folder)], args.reps, fresh=cached), None, None
        label = f"{n:,} files ({corpus_mb:.1f} MB)"
        row(f"{label}, --jobs 1", j1, bare, "bare parse", TARGETS["files-1"], peer)
        row(f"{label}, --jobs 2", j2, bare, "bare parse", TARGETS["files-2"])
        row(f"{label}, default --jobs", auto, bare, "bare parse", None)
        if j2 is not None:
            rows.append({"scenario": "--jobs 2 speed-up over --jobs 1", "starlint": j1.seconds / j2.seconds,
                         "unit": "×", "baseline": "", "ratio": None, "target": None, "peers": {}})
        if cached:
            row(f"{label}, --jobs 1, unchanged (cached)", measure([*warm, "--jobs", "1", str(folder)], args.reps),
                bare, "bare parse", TARGETS["files-1"])
            row(f"{label}, --jobs 2, unchanged (cached)", measure([*warm, "--jobs", "2", str(folder)], args.reps),
                bare, "bare parse", TARGETS["files-2"])

    if "single" in only:
        size = single.stat().st_size
        mine = measure([*check, str(single)], args.single_reps, fresh=cached)
        floor = measure([py, "-c", "import markdown_it, pydantic, typer"], args.single_reps, ok=(0,))
        # starlint's real import set: the third-party packages a check of this file loads
        # (none when the fast readers take the whole file: then Python's own start-up)
        deps = imported_packages(py, single)
        own = measure([py, "-c", f"import {', '.join(deps)}" if deps else "pass"], args.single_reps, ok=(0,))
        own_name = f"import {', '.join(deps)}" if deps else "python -c pass: no third-party import"
        # and starlint's own modules for a check: what is left is the linting itself
        has_run = subprocess.run([py, "-c", "import starlint.run"], capture_output=True, cwd=NEUTRAL).returncode == 0
        path_imports = measure([py, "-c", CHECK_IMPORTS], args.single_reps, ok=(0,)) if has_run else None
        bare = measure([py, "-c", BARE_PARSE, str(single)], args.single_reps, ok=(0,))
        peer = peers([single], None, not args.no_peers)
        label = f"one {size / 1024:.1f} KB file"
        row(f"{label} vs import floor", mine, floor, "import markdown_it, pydantic, typer", TARGETS["single"], peer)
        row(f"{label} vs its real import set", mine, own, own_name, TARGETS["single"])
        if path_imports is not None:  # (builds from before starlint/run.py have no such path)
            row(f"{label} vs importing its check path", mine, path_imports, "import starlint's check modules", None)
        row(f"{label} vs bare parse", mine, bare, "bare parse", None)
        if cached:
            row(f"{label}, unchanged (cached) vs import floor", measure([*warm, str(single)], args.single_reps),
                floor, "import markdown_it, pydantic, typer", TARGETS["single"])

    if "big" in only:
        mb = big.stat().st_size / 1e6
        mine = measure([*check, str(big)], args.reps, fresh=cached)
        bare = measure([py, "-c", BARE_PARSE, str(big)], args.reps, ok=(0,))
        peer = peers([big], None, args.peers_big and not args.no_peers)
        row(f"one {mb:.0f} MB file, time", mine, bare, "bare parse", TARGETS["big-time"], peer)
        row(f"one {mb:.0f} MB file, peak memory", mine, bare, "bare parse", TARGETS["big-mem"], peer, memory=True)
        if cached:
            hot = measure([*warm, str(big)], args.reps)
            row(f"one {mb:.0f} MB file, unchanged (cached), time", hot, bare, "bare parse", TARGETS["big-time"])
            row(f"one {mb:.0f} MB file, unchanged (cached), peak memory", hot, bare, "bare parse",
                TARGETS["big-mem"], memory=True)

    print_table(rows, starlint, args, jobs)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:.2f} s"


def print_table(rows: list[dict], starlint: list[str], args: argparse.Namespace, jobs: bool) -> None:
    peer_names = sorted({name for r in rows for name in r["peers"]})
    head = ["scenario", "starlint", "baseline", "ratio", "target", "CPU ratio", *peer_names]
    lines = []
    for r in rows:
        unit = r.get("unit", "s")
        base = r["baseline"]
        if r.get("baseline_value") is not None:
            base = f"{fmt(r['baseline_value'], unit)} ({base})"
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] is not None else ""
        target = f"≤ {r['target']:.2f}×" if r["target"] else ""
        if r["ratio"] is not None and r["target"]:
            target += " ✓" if r["ratio"] <= r["target"] else " ✗"
        cpu = f"{r['cpu_ratio']:.2f}×" if r.get("cpu_ratio") is not None else ""
        lines.append([r["scenario"], fmt(r["starlint"], unit), base, ratio, target, cpu,
                      *(fmt(r["peers"].get(p), unit) if p in r["peers"] else "" for p in peer_names)])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines)]
    print(f"starlint bench: {shlex.join(starlint)}; median of {args.reps} runs "
          f"({args.single_reps} for one file) after a warm-up; {os.cpu_count()} CPUs"
          + ("" if jobs else "; this build has no --jobs"))
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(line, widths)) + " |")
    print("ratio: wall time (memory for the peak-memory row); CPU ratio: user+system seconds, which a busy "
          "machine disturbs less (with --jobs it adds up the workers)")
    if peer_names:
        print("peers: timed once each (their own default rules), same inputs")


if __name__ == "__main__":
    sys.exit(main())
