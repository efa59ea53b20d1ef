"""A one-line progress bar on stderr, for long runs in a terminal.

It stays hidden for the first `delay` seconds (a run that ends sooner never shows
it), redraws at most every `interval` seconds, and is only ever drawn on a
terminal: `Progress.maybe` gives a bar that does nothing otherwise.  Whoever
writes to the same terminal calls `clear()` first; the bar comes back on the
next `advance()`.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, delay: float = 2.0, interval: float = 0.1,
                 label: str = "files", enabled: bool = True) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.interval = interval
        self.label = label
        self.enabled = enabled and total > 0
        self.done = 0
        self._start = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    @classmethod
    def maybe(cls, total: int, wanted: bool, stream: TextIO | None = None, **kwargs) -> "Progress":
        """A bar that draws only if `wanted` and the stream is a terminal (and TERM is not dumb)."""
        stream = stream if stream is not None else sys.stderr
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        return cls(total, stream, enabled=wanted and tty and os.environ.get("TERM") != "dumb", **kwargs)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        # at most one redraw per interval, also when a file's findings cleared the bar in
        # between: a run with findings in every file must not redraw on every file
        if now - self._start < self.delay or now - self._drawn_at < self.interval:
            return
        self._draw(now)

    def _draw(self, now: float) -> None:
        width = 24
        filled = width * self.done // self.total if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        rate = self.done / max(now - self._start, 1e-6)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        self.stream.write(f"\r\x1b[K[{bar}] {self.done}/{self.total} {self.label}  {rate:,.0f}/s  ~{left:.0f}s left")
        self.stream.flush()
        self._drawn_at = now
        self._shown = True

    def clear(self) -> None:
        """Erase the bar (before someone else writes to the terminal)."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def close(self) -> None:
        self.clear()
        self.enabled = False
