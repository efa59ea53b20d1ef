"""What every output format is given in a run."""

from __future__ import annotations

from typing import Callable, TextIO


class Options:
    """How the run was asked to print: colour, the summary (not with --quiet), the
    counts per rule (--statistics), each rule's advice (--explain), the address of the
    rule pages (SARIF links), and what to do before writing to a terminal (erase the
    progress bar)."""

    __slots__ = ("colour", "quiet", "statistics", "explain", "docs_url", "before_output")

    def __init__(self, colour: bool = False, quiet: bool = False, statistics: bool = False, explain: bool = False,
                 docs_url: str | None = None, before_output: Callable[[], None] = lambda: None) -> None:
        self.colour = colour
        self.quiet = quiet
        self.statistics = statistics
        self.explain = explain
        self.docs_url = docs_url
        self.before_output = before_output


class AtEnd:
    """A format written once, at the end: it keeps each file's report and writes the
    whole Report in `write`."""

    def __init__(self, out: TextIO, options: Options) -> None:
        self.out, self.options, self.files = out, options, []

    def file(self, f) -> None:
        self.files.append(f)

    def finish(self, summary) -> None:
        from ..models import Report

        self.write(Report(files=self.files, summary=summary))

    def write(self, report) -> None:
        raise NotImplementedError
