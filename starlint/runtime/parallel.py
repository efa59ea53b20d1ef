"""Linting many files: in this process, or in a pool of processes, always in path order.

`plan` walks the paths once (the same walk, config lookup and excludes as
`engine.iter_file_reports`); `lint_tasks` lints the planned files with `jobs`
processes and yields their reports in the planned order, whatever order the
workers finish in, so output does not depend on `--jobs`.

`auto_jobs` picks the default: one process for a small run (starting workers
costs more than it saves), else one per CPU this process may use.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

if TYPE_CHECKING:
    from .cache import ResultCache
    from ..config import Config
    from ..models import FileReport

# A run is "small" below either of these: one process is faster.
AUTO_MIN_FILES = 50
AUTO_MIN_BYTES = 1_000_000


class Task(NamedTuple):
    """One file to lint: `path` as shown, its config, and its text if it is not on disk (stdin)."""

    path: str
    config: Config
    text: str | bytes | None = None  # bytes: standard input, decoded like a file
    size: int = 0  # bytes, for `auto_jobs`
    store: bool = False  # a file's bytes, read by `lint_tasks`: its report goes in the cache


def plan(paths: Iterable[str | Path], config_for: Callable[[Path], Config],
         skipped: list[Path] | None = None) -> list[Task]:
    """The files under `paths` to lint, in output order, with their configs (excluded ones
    and generated reports left out; a report named in `paths` is added to `skipped`)."""
    from .files import collect

    tasks = []
    for path in collect(paths, skipped):
        config = config_for(path)
        if config.is_excluded(str(path)):
            continue
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        tasks.append(Task(str(path), config, size=size))
    return tasks


def cpu_count() -> int:
    """CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def auto_jobs(tasks: list[Task]) -> int:
    if len(tasks) < AUTO_MIN_FILES or sum(t.size for t in tasks) < AUTO_MIN_BYTES:
        return 1
    return cpu_count()


# The cyclic garbage collector's young generation is collected after this many
# allocations (CPython's default: 700).  See `collect_less`.
GC_YOUNG_THRESHOLD = 100_000


def collect_less() -> None:
    """Run CPython's cycle collector rarely, for a command that only lints and exits.

    Linting allocates millions of short-lived objects (tokens, units, matches) and
    makes next to no reference cycles, which are all the collector can free: with the
    default thresholds it traverses the growing heap again and again for nothing —
    about a sixth of the time of one 20 MB file, a tenth of 2,000 files, with the same
    peak memory (bench/run.py).  Reference counting still frees everything else at
    once.  (mypy's command line does the same.)  Only the command calls this: the
    library (`starlint.lint_text`) leaves its caller's collector alone.
    """
    import gc

    gc.set_threshold(GC_YOUNG_THRESHOLD, 50, 100)


def lint_tasks(tasks: list[Task], jobs: int = 1, debug: bool = False,
               cache: ResultCache | None = None) -> Iterator[FileReport]:
    """Each task's report, in task order; `jobs` > 1 lints in that many worker processes
    (0: `auto_jobs` of the files that need linting).

    With a `cache`, a file whose bytes and settings it has seen is not linted again, and
    what is linted is stored (in this process: workers never touch the cache).
    """
    if cache is None or not cache.enabled:
        yield from _lint_all(tasks, jobs or auto_jobs(tasks), debug)
        return
    from .files import read_bytes

    def look_up(task: Task) -> tuple[FileReport | None, Task | None]:
        """(the report, if known without linting; else the task to lint, with the file's bytes)."""
        if task.text is not None:  # standard input: linted, never cached
            return None, task
        data, problem = read_bytes(Path(task.path))
        if problem is not None:
            return _problem_report(task, problem), None
        hit = cache.get(task.path, data, task.config)
        if hit is not None:
            return hit, None
        return None, Task(task.path, task.config, data, len(data), store=True)

    if jobs == 1 or (jobs == 0 and auto_jobs(tasks) == 1):  # lint as we go: the output streams
        for task in tasks:
            report, todo = look_up(task)
            yield report if todo is None else _lint_and_store(todo, cache, None)
        return
    looked = [look_up(task) for task in tasks]
    todo = [t for _, t in looked if t is not None]
    linted = _lint_all(todo, jobs or auto_jobs(todo), debug)
    for report, task in looked:
        yield report if task is None else _lint_and_store(task, cache, next(linted))


def _lint_and_store(task: Task, cache: ResultCache, report: FileReport | None) -> FileReport:
    if report is None:
        report = _lint(task)
    if task.store and isinstance(task.text, bytes):
        cache.put(task.path, task.text, task.config, report)
    return report


def _lint(task: Task) -> FileReport:
    from .. import engine

    if isinstance(task.text, bytes):
        return engine.lint_bytes(task.text, task.path, task.config)
    if task.text is not None:
        return engine.lint_text(task.text, task.path, task.config)
    return engine.lint_file(task.path, task.config)


def _problem_report(task: Task, problem) -> FileReport:
    from .. import engine

    return engine._unreadable(task.path, problem, task.config)


class WorkerDied(Exception):
    """A worker process ended without its reports (killed, out of memory, a crash of the
    interpreter): the run cannot say what those files hold."""


def _lint_all(tasks: list[Task], jobs: int, debug: bool) -> Iterator[FileReport]:
    # More processes than CPUs only add start-up and switching (--jobs 300 on 2 CPUs was
    # 18x slower than --jobs 2), so --jobs is capped at the CPUs this process may use.
    jobs = max(1, min(jobs, len(tasks), cpu_count()))
    if jobs == 1:
        for task in tasks:
            yield _lint(task)
        return
    yield from _pooled(tasks, jobs, debug)


# ------------------------------------------------------------------- pool --
# Workers get the configs once (at start) and then only (path, config number)
# pairs, in chunks; reports come back chunk by chunk, in order, each as the marshal
# bytes the results cache keeps (several times faster to write and read than pickle).
_CONFIGS: list[Config] = []


def _init_worker(configs: list[Config], debug: bool) -> None:
    global _CONFIGS
    import signal

    from .. import engine

    # Ctrl-C is the parent's to handle (one message, the workers stopped): a worker
    # ignores it rather than print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker writes nothing to stdout (reports go back through the pool), and must not
    # hold it open: if the parent is killed, `starlint … | less` still sees the end.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    _CONFIGS = configs
    engine.DEBUG = debug
    collect_less()  # a forked worker has it already; a spawned one starts with the defaults


def _work(chunk: list[tuple[str, int, str | None]]) -> list[bytes]:
    from .cache import pack

    return [pack(_lint(Task(path, _CONFIGS[index], text))) for path, index, text in chunk]


def _context():
    # fork: workers start at once with everything imported and compiled; where fork
    # is not safe or not there (macOS, Windows), the platform's default.  (Imported
    # here: a run in one process never needs multiprocessing.)
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _pooled(tasks: list[Task], jobs: int, debug: bool) -> Iterator[FileReport]:
    configs: list[Config] = []
    numbers: dict[int, int] = {}
    items = []
    for task in tasks:
        key = id(task.config)
        if key not in numbers:
            numbers[key] = len(configs)
            configs.append(task.config)
        items.append((task.path, numbers[key], task.text))
    # Small chunks keep the workers evenly busy; big ones cost less to hand over.
    size = max(1, min(32, len(items) // (jobs * 8) or 1))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    _warm(configs)
    # concurrent.futures, not multiprocessing.Pool: when a worker dies (SIGKILL, the OOM
    # killer, a segfault) Pool quietly starts another and waits for the lost chunk
    # forever; the executor marks itself broken and every pending result raises.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init_worker, initargs=(configs, debug))
    try:
        from .cache import unpack

        for chunk, reports in zip(chunks, pool.map(_work, chunks)):
            for (path, _, _), report in zip(chunk, reports):
                yield unpack(path, report)
    except BrokenProcessPool as exc:
        _stop(pool)
        raise WorkerDied(str(exc)) from None
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool) -> None:
    """End the workers now (Ctrl-C, a dead worker, a closed pipe): nothing is left running."""
    # the executor has no public way to end running workers before Python 3.14
    # (terminate_workers): its process table is read before shutdown empties it
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(5)


def _warm(configs: list[Config]) -> None:
    """Build what every file needs before forking, so workers inherit it instead of each building it."""
    from ..reading.lexicon import lexicon_for
    from ..reading.markdown import _markdown

    _markdown()
    for config in configs:
        try:
            lexicon_for(config.rule_packs())
        except Exception:  # noqa: BLE001 - a worker reports it per file, as one process would
            pass
