"""`starlint inspect`: every story, every unit tagged S/T/A/R with the evidence that
decided it (the reading made visible, not a check format)."""

from __future__ import annotations

from typing import TextIO

from ..models import Story
from .text import _BOLD, _DIM, _RESET, safe_text


_TAGS = {"situation": "S", "task": "T", "action": "A", "result": "R"}


def write_inspect(path: str, stories: list[Story], out: TextIO, colour: bool = False) -> None:
    """Every story, every unit tagged S/T/A/R with the evidence that decided it."""

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    if not stories:
        out.write(f"{safe_text(path)}: no stories found\n")
    for story in stories:
        parts = story.part_lines()
        q = story.quantified()
        status = " ".join(_TAGS[p] if p in parts else "-" for p in _TAGS)
        quant = {True: "quantified", False: "not quantified", None: "no result"}[q]
        out.write(paint(f"{safe_text(path)}:{story.line}-{story.end_line} {safe_text(story.title)}", _BOLD) +
                  f"  [{status}] {quant} ({story.shape} story, {story.language})\n")
        # what the story was read as, and why: an "other" answer gets no STAR checks
        checked = "" if story.kind == "experience" else ", no STAR checks"
        out.write(paint(f"{'':>7}kind: {story.kind}{checked}: {safe_text(story.kind_why)}\n", _DIM))
        for unit in story.units:
            tags = "".join(_TAGS[p] for p in unit.parts) or "·"
            indent = "  " * unit.depth
            text = safe_text(unit.text if len(unit.text) <= 70 else unit.text[:67] + "…")
            out.write(f"  {unit.line:>4} {tags:<3} {indent}{text}\n")
            for ev in unit.evidence:
                out.write(paint(f"{'':>10}{indent}↳ {ev.part}: {ev.how} {safe_text(ev.detail)}\n", _DIM))
            if unit.quantities and "result" in unit.parts:
                out.write(paint(f"{'':>10}{indent}↳ measured: {safe_text(', '.join(unit.quantities))}\n", _DIM))
        out.write("\n")
