"""What every check module provides, and the shape of what it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..models import Severity, Story


@dataclass(frozen=True)
class Finding:
    """A check's verdict on one story; the engine turns it into a Diagnostic."""

    line: int
    message: str


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str  # one line, English
    doc: str  # full documentation with failing and passing examples (Korean and English)
    check: Callable[[Story, str], Iterator[Finding]]  # (story, message language)
    default_enabled: bool = True
    aliases: tuple[str, ...] = field(default=())
