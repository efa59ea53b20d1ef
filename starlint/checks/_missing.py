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


# Parts whose absence starlint cannot be sure of in a longer story with no labels at
# all: context and doings are told in more ways than cue lists hold.  Measured on the
# labelled notes (five sets, 226 missing-part errors): in unlabelled stories of three
# lines or more, 15 of 19 missing-Situation and missing-Action errors were wrong; in
# shorter ones 2 of 9 (a one- or two-line answer with no context plainly has none);
# for the Task and the Result 8 of 65 (roles, goals and outcomes have few words), and
# with labels 5 of 133.  There STAR008 says softly what it could not find.
UNSURE_UNLABELLED = ("situation", "action")
UNSURE_FROM_LINES = 3


def unlabelled(story: Story) -> bool:
    """No line of the story carries a part label, its own or one above it."""
    return not any(u.label or u.inherited for u in story.units)


def unsure(part: str, story: Story) -> bool:
    """Whether a missing `part` is only "not found" (STAR008), not an error."""
    return part in UNSURE_UNLABELLED and unsure_story(story)


def unsure_story(story: Story) -> bool:
    """A story long enough to hide a part in words starlint does not know, with no labels."""
    return len(story.units) >= UNSURE_FROM_LINES and unlabelled(story)


def lacks(part: str, story: Story, context: Context | None):
    """The framework part the story lacks (True under plain STAR), or None when it has it."""
    if context is None:  # called on its own: plain STAR
        if part in ("situation", "task", "action", "result") and not any(part in u.parts for u in story.units):
            return True
        return None
    fpart = context.framework.part(part)
    if fpart is None:
        return None
    if _read_parts_only(fpart):
        # a part that is just STAR parts as read (all of plain STAR's): the parts the
        # story's lines carry, worked out once for all the missing-part rules
        key = ("parts", id(story))
        present = context.cache.get(key)
        if present is None:
            present = context.cache[key] = _parts_present(story)
        if any(p in present for p in fpart.parts):
            return None
    elif has_part(story, fpart, context.lexicon):
        return None
    return fpart


def missing_part(part: str, messages: dict[str, str]) -> Callable[..., Iterator[Finding]]:
    def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
        if is_empty(story):
            return  # nothing written yet: one STAR007, not an error per part
        if unsure(part, story):
            return  # STAR008 part-not-found says it, as a warning
        fpart = lacks(part, story, context)
        if fpart is None:
            return
        message = fpart.message.get(language) if fpart is not True and fpart.message is not None else None
        yield Finding(line=story.line, message=message or messages[language])

    check.__doc__ = f"Report a story with no {part}."
    return check


def _read_parts_only(fpart) -> bool:
    """Does `counts_as` come down to "a line that is no placeholder carries one of its parts"?"""
    return not (fpart.label_kinds or fpart.marks or fpart.terms or fpart.patterns or fpart.apart_from)


def _parts_present(story: Story) -> set[str]:
    """The STAR parts of the story's lines, placeholders ("결과: TBD") left out (as counts_as)."""
    return {part for u in story.units if not any(e.part == "none" for e in u.evidence) for part in u.parts}
