"""The report as Markdown that renders on GitHub."""

from __future__ import annotations

import re
from pathlib import Path

from .. import __version__
from ..models import PARTS, Language
from .bank import Bank, MARK_LINE, READINESS, SQUARE
from .words import LETTER, WORDS, clock, link_for, summary_text


# --------------------------------------------------------------- Markdown --
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: object) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_piece(text: str) -> str:
    """A piece of a sentence, escaped like _md, keeping the space at its ends."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def render_markdown(bank: Bank, language: Language, base: Path | None = None) -> str:
    """The report as GitHub-flavoured Markdown: the same sections, emoji for colour."""
    w = WORDS[language]
    base = base or Path.cwd()
    out = [MARK_LINE, f"# {_md(w['title'])}", "", _md(summary_text(bank, w)) + "  ",
           f"{w['errors']} {bank.errors} · {w['warnings']} {bank.warnings} · {w['info']} {bank.info} · "
           f"{w['time']} {clock(bank.seconds)}",
           ""]
    out += _md_fix_next(bank, w, base)
    out += [f"## {_md(w['readiness'])}", ""]
    out.append("".join(SQUARE[s.readiness] for s in sorted(bank.stories, key=lambda s: READINESS.index(s.readiness)))
               or "—")
    out += ["", f"| | {_md(w['readiness'])} | {_md(w['n_stories'])} |", "| --- | --- | ---: |"]
    out += [f"| {SQUARE[r]} | {_md(w[r])} | {bank.count(r)} |" for r in READINESS]
    out += ["", f"## {_md(w['themes'])}", "", _md(w["themes_intro"]), ""]
    for theme in bank.themes.themes:
        name = theme.name.get(language)
        ready, progress = bank.theme_coverage(theme.id)
        if ready:
            more = f" · {_md(w['in_progress'].format(n=progress))}" if progress else ""
            out.append(f"- ✅ {_md(name)} — {_md(w['covered'].format(n=ready))}{more}")
        elif progress:
            out.append(f"- 🟡 {_md(w['progress_only'].format(name=name, n=progress))}")
        else:
            out.append(f"- ⚠️ **{_md(w['no_story'].format(name=name))}**")
    out += ["", f"## {_md(w['matrix'])}", "", _md(w["caption"]), ""]
    head = ([w["col_file"], w["col_story"]] + [LETTER[p] for p in PARTS]
            + [w["col_quant"], w["col_time"], w["col_diag"], w["col_themes"]])
    out.append("| " + " | ".join(_md(h) for h in head) + " |")
    out.append("| --- | --- | " + " | ".join([":-:"] * 5) + " | ---: | ---: | --- |")
    for s in bank.stories:
        marks = ["✅" if p in s.parts else "❌" for p in PARTS]
        quant = "–" if s.quantified is None else ("✅" if s.quantified else "❌")
        tags = ", ".join(_md(bank.themes.theme(t).name.get(language)) for t in s.themes) or "–"
        row = [_md(s.path), f"[{_md(s.title)}]({link_for(s.path, s.line, base)})", *marks, quant,
               clock(s.seconds), str(len(s.diagnostics)), tags]
        out.append("| " + " | ".join(row) + " |")
    out += ["", "✅ " + _md(w["present"]) + " · ❌ " + _md(w["absent"]) + " · – " + _md(w["no_result"])]
    if bank.others:
        out += ["", f"## {_md(w['others'])}", "", _md(w["others_intro"]), ""]
        out += [f"- [{_md(o.title)}]({link_for(o.path, o.line, base)}) — {_md(o.path)}:{o.line}"
                for o in bank.others]
    if bank.notes:
        out += ["", f"## {_md(w['notes'])}", ""]
        for note in bank.notes:
            why = "; ".join(f"{d.code} {d.message}" for d in note.diagnostics) or w["no_stories"]
            out.append(f"- {_md(note.path)}: {_md(why)}")
    note = bank.themes.speaking.note.get(language) if bank.themes.speaking.note else ""
    out += ["", "---", "", _md(w["footer"].format(version=__version__) + " " + note)]
    return "\n".join(out) + "\n"


def _md_fix_next(bank: Bank, w: dict[str, str], base: Path) -> list[str]:
    out = [f"## {_md(w['fix'])}", ""]
    todo = bank.fix_next()
    if not todo:
        return out + [_md(w["all_ready"] if bank.stories else w["no_stories"]), ""]
    out += [_md(w["fix_intro"]), ""]
    for n, s in enumerate(todo, 1):
        before, _, after = s.fix().partition("{title}")
        link = f"[{_md(s.title)}]({link_for(s.path, s.line, base)})"
        out.append(f"{n}. {SQUARE[s.readiness]} {_md_piece(before)}{link}{_md_piece(after)} — {_md(s.path)}:{s.line}")
    return out + [""]


