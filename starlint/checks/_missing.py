"""Shared logic of the missing-part rules (STAR001–006): a story that lacks a part
its framework asks for.  Under plain STAR these are the four STAR parts as read;
another framework (frameworks.py) may drop a part (no Task under CAR), rename it
(Challenge, Problem) or add one (Learning, Obstacle)."""

from __future__ import annotations

from typing import Callable, Iterator

from ..reading.frameworks import has_part
from ..models import Story
from .base import Context, Finding
from .empty_story import is_empty


def missing_part(part: str, messages: dict[str, str]) -> Callable[..., Iterator[Finding]]:
    def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
        if is_empty(story):
            return  # nothing written yet: one STAR007, not an error per part
        if context is None:  # called on its own: plain STAR
            if part in ("situation", "task", "action", "result") and not any(part in u.parts for u in story.units):
                yield Finding(line=story.line, message=messages[language])
            return
        fpart = context.framework.part(part)
        if fpart is None:
            return
        if _read_parts_only(fpart):
            # a part that is just STAR parts as read (all of plain STAR's): the parts the
            # story's lines carry, worked out once for all the missing-part rules
            key = ("parts", id(story))
            present = context.cache.get(key)
            if present is None:
                present = context.cache[key] = _parts_present(story)
            if any(p in present for p in fpart.parts):
                return
        elif has_part(story, fpart, context.lexicon):
            return
        message = fpart.message.get(language) if fpart.message is not None else messages[language]
        yield Finding(line=story.line, message=message)

    check.__doc__ = f"Report a story with no {part}."
    return check


def _read_parts_only(fpart) -> bool:
    """Does `counts_as` come down to "a line that is no placeholder carries one of its parts"?"""
    return not (fpart.label_kinds or fpart.marks or fpart.terms or fpart.patterns or fpart.apart_from)


def _parts_present(story: Story) -> set[str]:
    """The STAR parts of the story's lines, placeholders ("결과: TBD") left out (as counts_as)."""
    return {part for u in story.units if not any(e.part == "none" for e in u.evidence) for part in u.parts}
