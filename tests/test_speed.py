"""Speed work must not change results: --jobs, the faster regexes, the regex cache,
the duplicate-story index, the progress bar (issue #4; bench/run.py times them)."""

from __future__ import annotations

import importlib.util
import io
import os
import random
import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

import starlint
from starlint import _regex
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
    return tmp_path_factory.mktemp("regex-cache")


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


# ------------------------------------------------------------------- regexes --
def _cue_groups() -> list[list[str]]:
    from starlint.reading.lexicon import _term_regex

    groups = [[_term_regex(t) for t in g.terms] + list(g.patterns)
              for pack in builtin_packs() for g in pack.cues if g.terms or g.patterns]
    for pack in builtin_packs():  # the coaching rules' words, where packs have them
        coaching = getattr(pack, "coaching", None)
        for terms, patterns in (("team_subjects", "team_patterns"), ("self_subjects", "self_patterns"),
                                ("hedges", "hedge_patterns"), ("question_terms", "question_patterns")):
            pieces = [_term_regex(t) for t in getattr(coaching, terms, [])] + list(getattr(coaching, patterns, []))
            if pieces:
                groups.append(pieces)
    return groups


def test_guarded_alternations_match_exactly_like_the_plain_ones():
    flags = re.I | re.M
    texts = _texts()
    for pieces in _cue_groups():
        plain = re.compile("|".join(f"(?:{p})" for p in pieces), flags)
        fast = re.compile(_regex.alternation(pieces, flags), flags)
        for text in texts:
            a, b = plain.search(text), fast.search(text)
            assert (a and (a.start(), a.group())) == (b and (b.start(), b.group())), (pieces[0], text)


def test_alternation_keeps_order_between_words_that_differ_only_in_case():
    # flags unknown (nested in bigger patterns): 'Kb' and 'kB' keep their order either way
    pieces = ["kB", "Kb", "km", "K"]
    for flags in (0, re.I):
        plain = re.compile("(?:" + "|".join(pieces) + ")", flags)
        fast = re.compile("(?:" + _regex.alternation(pieces, guard=False) + ")", flags)
        for text in ("kb", "Kb", "KB", "kB", "km", "KM", "K", "x Kb y"):
            a, b = plain.search(text), fast.search(text)
            assert (a and a.span()) == (b and b.span())


def test_scanner_finds_what_its_pattern_finds():
    from starlint.reading.quantities import _NUM

    patterns = [rf"{_NUM}\s*(?:%|명|건)", rf"(?:from|up)\s+{_NUM}", r"(?<![A-Za-z])#\s?\d+", r"\bzero\s+\w+",
                r"^\s*\(?\d{1,2}[.)]\s", rf"(?:\$|₩)?\s?{_NUM}k?", r"(?:두 배|절반|doubled)"]
    texts = _texts()
    for source in patterns:
        for flags in (0, re.I):
            pattern = re.compile(source, flags)
            scanner = _regex.Scanner(pattern)
            for text in texts:
                starts: dict = {}
                assert [m.span() for m in scanner.finditer(text, starts)] == [m.span() for m in pattern.finditer(text)]


def test_the_extra_case_table_is_what_re_ignorecase_does():
    every = "".join(chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c <= 0xDFFF)
    found: dict[str, str] = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        extra = "".join(re.findall(letter, every, re.I))
        if extra:
            found[letter] = extra
    assert found == _regex._EXTRA_CASES


def test_first_chars_cover_every_possible_start():
    cases = {r"(?<![A-Za-z])when": {"w"}, r"(?:^|\s)(?:저는|제가)\s": {" ", "저", "제"}, r"a?b": {"a", "b"}}
    for source, starts in cases.items():
        cls = re.compile(_regex.first_chars(source, re.I), re.I)
        assert all(cls.match(ch) for ch in starts)
    assert _regex.first_chars(r".x") is None
    assert _regex.first_chars(r"a*") is None  # can match the empty string


def new_run(monkeypatch) -> None:
    """The regex cache as a new process finds it."""
    for name, value in (("_store", None), ("_cold", None), ("_used", set()), ("_changed", set())):
        monkeypatch.setattr(_regex, name, value)


def test_the_regex_cache_round_trips_and_survives_a_broken_file(tmp_path, monkeypatch):
    monkeypatch.setenv("STARLINT_CACHE_DIR", str(tmp_path))
    new_run(monkeypatch)
    source = r"(?P<n>\d+)\s*(?:명|건)|(?<![A-Za-z])top\s?\d"
    first = _regex.compile(source, re.I)
    _regex.save()
    path = _regex.cache_file()
    assert path is not None and path.is_file()
    new_run(monkeypatch)  # a new run: load what was saved
    again = _regex.compile(source, re.I)
    assert again.pattern == first.pattern and again.groupindex == first.groupindex
    for text in ("12명", "Top 3", "laptop 3", "1,200 건"):
        a, b = first.search(text), again.search(text)
        assert (a and a.group()) == (b and b.group())
    path.write_bytes(b"not marshal data")
    new_run(monkeypatch)
    assert _regex.compile(source, re.I).search("5건").group("n") == "5"


def test_what_only_building_needs_is_kept_apart_and_a_usual_run_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("STARLINT_CACHE_DIR", str(tmp_path))
    calls: list[str] = []

    def run(*keys: str) -> None:
        new_run(monkeypatch)
        for key in keys:
            cold = key.startswith("build")
            assert _regex.memo("test", (key,), lambda: calls.append(key) or key.upper(), cold=cold) == key.upper()
        _regex.save()

    hot_file = lambda: _regex.cache_file()  # noqa: E731
    cold_file = lambda: _regex._cold_file(_regex.cache_file())  # noqa: E731
    run("a", "build-b")
    assert calls == ["a", "build-b"]
    assert set(marshal.loads(hot_file().read_bytes())) == {"test\x00('a',)"}
    assert set(marshal.loads(cold_file().read_bytes())) == {"test\x00('build-b',)"}
    stamps = hot_file().stat().st_mtime_ns, cold_file().stat().st_mtime_ns
    run("a")
    run("a", "build-b")  # both known: nothing computed, nothing written
    assert calls == ["a", "build-b"]
    assert (hot_file().stat().st_mtime_ns, cold_file().stat().st_mtime_ns) == stamps


def test_regex_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("STARLINT_NO_CACHE", "1")
    assert _regex.cache_file() is None


# ------------------------------------------------------------ duplicate story --
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


def test_needs_digit_is_only_said_of_patterns_that_cannot_match_without_one():
    assert _regex.needs_digit(r"(?<![A-Za-z])\d+\s*%")
    assert _regex.needs_digit(r"(?:top|rank)\s*[0-9]")
    assert not _regex.needs_digit(r"(?:\d+|두)\s*배")
    assert not _regex.needs_digit(r"\d*x")
    from starlint.reading.lexicon import lexicon_for

    q = lexicon_for().quantities
    no_digits = [t for t in _texts() if not re.search(r"\d", t)]
    for _kind, scanner in q._finders + [("time", q._time)]:
        if scanner.needs_digit:
            assert not any(scanner.pattern.search(t) for t in no_digits)


def test_a_hot_file_grown_too_big_keeps_only_what_a_run_used(tmp_path, monkeypatch):
    monkeypatch.setenv("STARLINT_CACHE_DIR", str(tmp_path))
    new_run(monkeypatch)
    for key in ("a", "b", "c"):
        _regex.memo("test", (key,), lambda: key * 1000)
    _regex.save()
    monkeypatch.setattr(_regex, "HOT_BYTES", 2000)  # now the file is "too big"
    new_run(monkeypatch)
    assert _regex.memo("test", ("a",), lambda: pytest.fail("computed again")) == "a" * 1000
    _regex.save()
    assert set(marshal.loads(_regex.cache_file().read_bytes())) == {"test\x00('a',)"}
    cold = marshal.loads(_regex._cold_file(_regex.cache_file()).read_bytes())
    assert {"test\x00('b',)", "test\x00('c',)"} <= set(cold)
    new_run(monkeypatch)  # b is still known, from the cold file
    assert _regex.memo("test", ("b",), lambda: pytest.fail("computed again")) == "b" * 1000
