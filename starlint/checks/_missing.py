"""Shared logic of the missing-part rules (STAR001–006): a story that lacks a part
its framework asks for.  Under plain STAR these are the four STAR parts as read;
another framework (frameworks.py) may drop a part (no Task under CAR), rename it
(Challenge, Problem) or add one (Learning, Obstacle)."""

from __future__ import annotations

from typing import Callable, Iterator

from ..frameworks import has_part
from ..models import Story
from .base import Context, Finding


def missing_part(part: str, messages: dict[str, str]) -> Callable[..., Iterator[Finding]]:
    def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
        if context is None:  # called on its own: plain STAR
            if part in ("situation", "task", "action", "result") and not any(part in u.parts for u in story.units):
                yield Finding(line=story.line, message=messages[language])
            return
        fpart = context.framework.part(part)
        if fpart is None or has_part(story, fpart, context.lexicon):
            return
        message = fpart.message.get(language) if fpart.message is not None else messages[language]
        yield Finding(line=story.line, message=message)

    check.__doc__ = f"Report a story with no {part}."
    return check
