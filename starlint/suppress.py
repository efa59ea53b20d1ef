"""Suppression comments, read from the notes' HTML comments (markdownlint style).

    <!-- starlint-disable STAR101 -->          … until starlint-enable (or the end)
    <!-- starlint-enable STAR101 -->
    <!-- starlint-disable-next-line STAR004 -->
    text <!-- starlint-disable-line STAR004 -->
    <!-- starlint-disable-file -->             the whole file (optionally some codes)
    <!-- starlint-disable-next-story STAR002 -->  the next story, whichever line it reports on

Codes may be codes, prefixes or kebab names, separated by spaces or commas; no codes
means every rule.  A directive that suppresses nothing is reported as STAR910
unused-suppression when that rule is selected (it is off by default).
"""

from __future__ import annotations

import re

from .checks import find_rule
from .models import Comment, Diagnostic, Story

_DIRECTIVE = re.compile(
    r"^starlint-(disable-next-story|disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])\s*(.*)$",
    re.S | re.I,
)


class Directive:
    __slots__ = ("kind", "line", "codes", "first", "last", "used", "unknown")

    def __init__(self, kind: str, line: int, codes: list[str], first: int = 0, last: int = 0, used: bool = False,
                 unknown: list[str] | None = None) -> None:
        self.kind = kind
        self.line = line
        self.codes = codes  # empty: all rules
        self.first = first  # lines covered, inclusive
        self.last = last
        self.used = used
        self.unknown = [] if unknown is None else unknown

    def covers(self, diagnostic: Diagnostic) -> bool:
        if not (self.first <= diagnostic.line <= self.last):
            return False
        return not self.codes or any(_matches(diagnostic, c) for c in self.codes)


def _matches(diagnostic: Diagnostic, key: str) -> bool:
    rule = find_rule(key)
    if rule is not None:
        return rule.code == diagnostic.code
    upper = key.upper()
    return upper.startswith("STAR") and diagnostic.code.startswith(upper) or key.lower() == diagnostic.name


def directives(comments: list[Comment], source_lines: list[str], stories: list[Story]) -> list[Directive]:
    last_line = len(source_lines)
    found: list[Directive] = []
    open_blocks: list[Directive] = []
    for comment in sorted(comments, key=lambda c: c.line):
        m = _DIRECTIVE.match(comment.text.strip())
        if not m:
            continue
        kind = m.group(1).lower()
        codes = [c for c in re.split(r"[\s,]+", m.group(2).strip()) if c]
        unknown = [c for c in codes if not (find_rule(c) or c.upper().startswith("STAR"))]
        d = Directive(kind=kind, line=comment.line, codes=codes, unknown=unknown)
        if kind == "disable":
            d.first, d.last = comment.line, last_line
            open_blocks.append(d)
        elif kind == "enable":
            for block in open_blocks:
                if block.last == last_line and (not codes or not block.codes or set(codes) & set(block.codes)):
                    block.last = comment.line
            continue
        elif kind == "disable-file":
            d.first, d.last = 1, last_line
        elif kind == "disable-line":
            d.first = d.last = comment.line
        elif kind == "disable-next-line":
            nxt = comment.end_line + 1
            while nxt <= last_line and not source_lines[nxt - 1].strip():
                nxt += 1
            d.first = d.last = nxt
        elif kind == "disable-next-story":
            story = next((s for s in stories if s.line > comment.end_line), None)
            if story is None:
                d.first, d.last = 0, -1
            else:
                d.first, d.last = story.line, story.end_line
        found.append(d)
    return found


def apply(diagnostics: list[Diagnostic], found: list[Directive]) -> list[Diagnostic]:
    """The diagnostics no directive covers; marks the directives that were used."""
    kept = []
    for diagnostic in diagnostics:
        covering = [d for d in found if d.covers(diagnostic)]
        for d in covering:
            d.used = True
        if not covering:
            kept.append(diagnostic)
    return kept


def unused(found: list[Directive], language: str) -> list[tuple[int, str]]:
    """(line, message) for directives that suppressed nothing or name unknown rules."""
    out = []
    for d in found:
        what = " ".join(d.codes) or ("모든 규칙" if language == "ko" else "all rules")
        if d.unknown:
            names = ", ".join(d.unknown)
            out.append((d.line, f"알 수 없는 규칙 {names}: `starlint rules`로 코드를 확인하세요" if language == "ko"
                        else f"unknown rule {names} in starlint-{d.kind}; `starlint rules` lists the codes"))
        elif not d.used:
            out.append((d.line, f"starlint-{d.kind} ({what})가 아무것도 숨기지 않습니다: 지워도 됩니다" if language == "ko"
                        else f"starlint-{d.kind} ({what}) suppresses nothing here; remove it"))
    return out
