"""Shared logic of STAR001–004: a story that lacks one of the four parts."""

from __future__ import annotations

from typing import Callable, Iterator

from ..models import Story
from .base import Finding


def missing_part(part: str, messages: dict[str, str]) -> Callable[[Story, str], Iterator[Finding]]:
    def check(story: Story, language: str) -> Iterator[Finding]:
        if not any(part in unit.parts for unit in story.units):
            yield Finding(line=story.line, message=messages[language])

    check.__doc__ = f"Report a story with no {part}."
    return check
