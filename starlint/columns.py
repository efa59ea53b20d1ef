"""How wide text is on a terminal, and cutting it to a width: a Hangul syllable (and
any East Asian wide or full-width character) takes two columns."""

from __future__ import annotations


def columns(text: str) -> int:
    """Terminal columns `text` takes."""
    if text.isascii():
        return len(text)
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` columns, ending in … when cut."""
    if columns(text) <= width:
        return text
    out, used = [], 1  # the ellipsis
    for ch in text:
        w = columns(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"
