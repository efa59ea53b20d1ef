"""The report as one self-contained HTML page: inline CSS and SVG, no scripts,
nothing fetched; a card layout on a phone."""

from __future__ import annotations

import html
from pathlib import Path

from .. import __version__
from ..models import PARTS, Language
from ..schema import Diagnostic
from .bank import Bank, FILL, MARK_LINE, READINESS
from .words import LETTER, WORDS, clock, count, link_for, spoken, summary_text


# ------------------------------------------------------------------- HTML --
_CSS = """
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --warn: #9a6700;
  --warn-bg: #fff8c5; --muted: #59636e; --line: #d1d9e0; --ink: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 40px; color: var(--ink); background: #fff;
  font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans KR", "Noto Sans CJK KR", "NanumGothic",
  "Apple SD Gothic Neo", "Malgun Gothic", Roboto, Helvetica, Arial, sans-serif; }
h1 { font-size: 26px; margin: 0 0 2px; }
h2 { font-size: 18px; margin: 28px 0 10px; }
.sub { color: var(--muted); margin: 0; }
.sr { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.overview { display: flex; flex-wrap: wrap; gap: 16px 40px; align-items: flex-start; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 0; }
.totals div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 96px; }
.totals dt { color: var(--muted); font-size: 13px; }
.totals dd { margin: 0; font-size: 22px; font-weight: 600; }
.chart svg { display: block; }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px;
  font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px;
  vertical-align: -1px; }
.themes { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.theme { border: 1px solid var(--line); border-radius: 999px; padding: 4px 12px; font-size: 14px; }
.theme.covered { background: var(--ok-bg); border-color: #aceebb; }
.theme.covered .n { color: var(--ok); font-weight: 600; margin-left: 6px; }
.theme.missing { background: var(--bad-bg); border: 2px dashed var(--bad); color: var(--bad); font-weight: 600; }
.intro { color: var(--muted); margin: -4px 0 10px; font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
caption { text-align: left; color: var(--muted); padding-bottom: 8px; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
thead th { background: #f6f8fa; text-align: left; font-size: 13px; white-space: nowrap; }
thead th.c { text-align: center; }
tbody tr { border-left: 6px solid transparent; }
tbody tr.ready { border-left-color: #2da44e; }
tbody tr.unmeasured { border-left-color: #d4a72c; }
tbody tr.missing-one { border-left-color: #e16f24; }
tbody tr.missing-more { border-left-color: #cf222e; }
th.story { text-align: left; font-weight: 600; }
th.story a { color: #0969da; text-decoration: none; }
th.story a:hover { text-decoration: underline; }
.loc { color: var(--muted); font-weight: 400; font-size: 12px; }
td.file { color: var(--muted); font: 12px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  white-space: nowrap; }
td.mark { text-align: center; font-weight: 700; width: 44px; }
td.ok { color: var(--ok); background: var(--ok-bg); }
td.bad { color: var(--bad); background: var(--bad-bg); }
td.none { color: var(--muted); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.diag.zero { color: var(--ok); }
td.diag.error { color: var(--bad); font-weight: 700; }
td.diag.warning { color: var(--warn); font-weight: 700; }
td.diag.info { color: var(--muted); }
.tag { display: inline-block; background: #ddf4ff; color: #0550ae; border-radius: 999px; padding: 0 8px;
  margin: 1px 2px; font-size: 12px; white-space: nowrap; }
.muted { color: var(--muted); }
footer { margin-top: 28px; color: var(--muted); font-size: 13px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa;
  padding: 1px 4px; border-radius: 4px; }
a { color: #0969da; }
.theme.in-progress { background: var(--warn-bg); border: 2px dashed #d4a72c; color: var(--warn); font-weight: 600; }
.theme .progress { color: var(--warn); margin-left: 8px; font-size: 13px; }
.fix-next { margin: 0; padding: 0 0 0 28px; }
.fix-next li { margin: 0 0 6px; padding: 2px 0 2px 10px; border-left: 6px solid transparent; }
.fix-next li.unmeasured { border-left-color: #d4a72c; }
.fix-next li.missing-one { border-left-color: #e16f24; }
.fix-next li.missing-more { border-left-color: #cf222e; }
.fix-next .do { font-weight: 600; }
.fix-next .do a { font-weight: 700; }
.done { color: var(--ok); font-weight: 600; }
tr.issues-row td { padding: 0 8px 6px 30px; border-bottom: 1px solid var(--line); }
tbody tr.story:has(+ tr.issues-row) > * { border-bottom: 0; }
details.issues summary { cursor: pointer; color: var(--muted); font-size: 13px; }
details.issues .codes { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin-left: 4px; }
ul.diags { margin: 6px 0 4px; padding-left: 18px; font-size: 13px; }
ul.diags li { margin: 0 0 4px; }
ul.diags li.error .sev { color: var(--bad); font-weight: 600; }
ul.diags li.warning .sev { color: var(--warn); font-weight: 600; }
ul.diags li.info .sev { color: var(--muted); }
ul.diags .name { color: var(--muted); }
ul.others li { margin-bottom: 4px; }
.loc, ul.diags, .fix-next { overflow-wrap: anywhere; }
/* A phone (390 px): no sideways scrolling. The chart shrinks to fit, and the matrix
   turns into one card per story: title and file on top, then S T A R and the rest,
   each cell labelled since the header row is hidden. */
@media (max-width: 720px) {
  body { padding: 16px 14px 32px; font-size: 15px; }
  h1 { font-size: 22px; }
  .chart, .chart svg { width: 100%; }
  .chart svg { height: auto; }
  .totals div { min-width: 0; flex: 1 1 30%; padding: 6px 10px; }
  .theme { border-radius: 12px; }
  .fix-next { padding-left: 22px; }
  .fix-next .loc { display: block; }
  table.matrix, table.matrix tbody, table.matrix caption { display: block; width: 100%; }
  table.matrix thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.matrix tr.story { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)) auto auto auto;
    align-items: center; border-top: 1px solid var(--line); padding: 6px 0 4px; }
  table.matrix tr.story > * { display: block; border: 0; padding: 4px 6px; }
  table.matrix th.story { grid-column: 1 / -1; }
  table.matrix td.file { grid-column: 1 / -1; order: -1; white-space: normal; overflow-wrap: anywhere;
    padding-bottom: 0; }
  table.matrix td.mark { width: auto; border-radius: 4px; margin: 0 2px; }
  table.matrix td[data-label]::before { content: attr(data-label) " "; content: attr(data-label) " " / "";
    color: var(--muted); font-weight: 400; font-size: 12px; }
  table.matrix td.themes-cell { grid-column: 1 / -1; }
  table.matrix tr.issues-row, table.matrix tr.issues-row td { display: block; border: 0; }
  table.matrix tr.issues-row td { padding: 0 6px 8px; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(bank: Bank, language: Language, base: Path | None = None) -> str:
    """The report as one self-contained HTML page; links are relative to `base`."""
    w = WORDS[language]
    base = base or Path.cwd()
    out = [
        MARK_LINE,  # first, before the doctype (comments may come first): see MARKER
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="starlint {_e(__version__)}">',
        f"<title>{_e(w['title'])}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(w['title'])}</h1>",
        f'<p class="sub">{_e(summary_text(bank, w))}</p>',
        "</header>",
        '<main>',
        _html_fix_next(bank, w, base),
        '<section aria-labelledby="h-readiness">',
        f'<h2 id="h-readiness">{_e(w["readiness"])}</h2>',
        '<div class="overview">',
        _html_chart(bank, w),
        _html_totals(bank, w),
        "</div>",
        "</section>",
        _html_themes(bank, w, language),
        _html_matrix(bank, w, language, base),
        _html_others(bank, w, base),
        _html_notes(bank, w),
        "</main>",
        "<footer>",
        f"<p>{_e(w['footer'].format(version=__version__))} "
        f"{_e(bank.themes.speaking.note.get(language)) if bank.themes.speaking.note else ''} {w['how']}</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in out if part) + "\n"


def _html_totals(bank: Bank, w: dict[str, str]) -> str:
    cells = [(w["n_stories"], str(len(bank.stories)), "stories"),
             (w["ready"], str(bank.count("ready")), "ready"),
             (w["errors"], str(bank.errors), "errors"),
             (w["warnings"], str(bank.warnings), "warnings"),
             (w["info"], str(bank.info), "info"),
             (w["time"], clock(bank.seconds), "time")]
    items = "".join(f'<div data-total="{key}"><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>'
                    for label, value, key in cells)
    return f'<dl class="totals">{items}</dl>'


def _html_chart(bank: Bank, w: dict[str, str]) -> str:
    width, height = 520, 34
    total = len(bank.stories)
    parts = ", ".join(f"{w[r]} {bank.count(r)}" for r in READINESS)
    label = w["chart"].format(n=total, parts=parts)
    rects = []
    x = 0.0
    for r in READINESS:
        n = bank.count(r)
        if not n:
            continue
        seg = width * n / total
        rects.append(f'<rect x="{x:.1f}" y="0" width="{seg:.1f}" height="{height}" fill="{FILL[r]}" '
                     f'data-readiness="{r}" data-count="{n}"><title>{_e(w[r])}: {n}</title></rect>')
        if seg >= 22:
            rects.append(f'<text x="{x + seg / 2:.1f}" y="{height / 2 + 5:.1f}" text-anchor="middle" '
                         f'font-size="14" font-weight="700" fill="#fff">{n}</text>')
        x += seg
    if not rects:
        rects.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eaeef2"/>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}">'
           f'<title>{_e(label)}</title>'
           f'<clipPath id="round"><rect width="{width}" height="{height}" rx="6"/></clipPath>'
           f'<g clip-path="url(#round)">{"".join(rects)}</g></svg>')
    legend = "".join(f'<li data-readiness="{r}"><span class="swatch" style="background:{FILL[r]}"></span>'
                     f"{_e(w[r])}: <strong>{bank.count(r)}</strong></li>" for r in READINESS)
    return f'<figure class="chart" style="margin:0">{svg}<ul class="legend">{legend}</ul></figure>'


def _html_themes(bank: Bank, w: dict[str, str], language: Language) -> str:
    items = []
    for theme in bank.themes.themes:
        name = theme.name.get(language)
        ready, progress = bank.theme_coverage(theme.id)
        data = f'data-theme="{_e(theme.id)}" data-count="{ready}" data-progress="{progress}"'
        more = f' <span class="progress">{_e(w["in_progress"].format(n=progress))}</span>' if progress else ""
        if ready:
            count = w["covered"].format(n=ready)
            items.append(f'<li class="theme covered" {data}><span aria-hidden="true">✓ </span>{_e(name)} '
                         f'<span class="n">{_e(count)}</span>{more}</li>')
        elif progress:
            items.append(f'<li class="theme in-progress" {data}><span aria-hidden="true">◐ </span>'
                         f'{_e(w["progress_only"].format(name=name, n=progress))}</li>')
        else:
            items.append(f'<li class="theme missing" {data}>'
                         f'<span aria-hidden="true">⚠ </span>{_e(w["no_story"].format(name=name))}</li>')
    return ('<section aria-labelledby="h-themes">'
            f'<h2 id="h-themes">{_e(w["themes"])}</h2>'
            f'<p class="intro">{_e(w["themes_intro"])}</p>'
            f'<ul class="themes">{"".join(items)}</ul></section>')


def _html_fix_next(bank: Bank, w: dict[str, str], base: Path) -> str:
    todo = bank.fix_next()
    if not todo:
        what = w["all_ready"] if bank.stories else w["no_stories"]
        return (f'<section aria-labelledby="h-fix"><h2 id="h-fix">{_e(w["fix"])}</h2>'
                f'<p class="done">{_e(what)}</p></section>')
    items = []
    for s in todo:
        link = f'<a href="{_e(link_for(s.path, s.line, base))}">{_e(s.title)}</a>'
        before, _, after = s.fix().partition("{title}")
        items.append(f'<li class="{s.readiness}" data-readiness="{s.readiness}" data-path="{_e(s.path)}" '
                     f'data-line="{s.line}" lang="{s.speaks}"><span class="do">{_e(before)}{link}{_e(after)}</span> '
                     f'<span class="loc">{_e(s.path)}:{s.line}</span></li>')
    return (f'<section aria-labelledby="h-fix"><h2 id="h-fix">{_e(w["fix"])}</h2>'
            f'<p class="intro">{_e(w["fix_intro"])}</p><ol class="fix-next">{"".join(items)}</ol></section>')


def _issues(n: int, w: dict[str, str]) -> str:
    return count(w, n, "issue", "issues")


def _html_details(diagnostics: list[Diagnostic], title: str, path: str, w: dict[str, str], base: Path,
                  lang: Language) -> str:
    """A closed <details> with the story's diagnostics, each linked to its line."""
    codes = " · ".join(d.code for d in diagnostics)
    summary = w["issues_of"].format(n=_issues(len(diagnostics), w))
    items = "".join(f'<li class="{d.severity}" data-code="{_e(d.code)}" data-line="{d.line}">'
                    f'<a href="{_e(link_for(path, d.line, base))}">{_e(w["at_line"].format(n=d.line))}</a> '
                    f'<code>{_e(d.code)}</code> <span class="name">{_e(d.name)}</span> '
                    f'<span class="sev">({_e(w["sev_" + d.severity])})</span>: '
                    f'<span class="msg">{_e(d.message)}</span></li>' for d in diagnostics)
    return (f'<details class="issues"><summary>{_e(summary)}<span class="sr">{_e(w["issues_for"].format(title=title))}'
            f'</span> <span class="codes">{_e(codes)}</span></summary>'
            f'<ul class="diags" lang="{lang}">{items}</ul></details>')


def _mark(ok: bool | None, yes: str, no: str, none: str, what: str, attrs: str, label: str) -> str:
    # data-label: shown before the mark on a phone, where the table has no header row
    attrs += f' data-label="{_e(label)}"'
    if ok is None:
        return f'<td class="mark none" {attrs}><span aria-hidden="true">–</span><span class="sr">{_e(none)}</span></td>'
    cls, sign, text = ("ok", "✓", yes) if ok else ("bad", "✗", no)
    return (f'<td class="mark {cls}" {attrs} title="{_e(what)}: {_e(text)}">'
            f'<span aria-hidden="true">{sign}</span><span class="sr">{_e(what)}: {_e(text)}</span></td>')


def _html_matrix(bank: Bank, w: dict[str, str], language: Language, base: Path) -> str:
    head = (f'<th scope="col">{_e(w["col_file"])}</th><th scope="col">{_e(w["col_story"])}</th>'
            + "".join(f'<th scope="col" class="c" abbr="{_e(w[p])}" title="{_e(w[p])}">{LETTER[p]}</th>'
                      for p in PARTS)
            + f'<th scope="col" class="c">{_e(w["col_quant"])}</th>'
            f'<th scope="col" class="c">{_e(w["col_time"])}</th>'
            f'<th scope="col" class="c">{_e(w["col_diag"])}</th>'
            f'<th scope="col">{_e(w["col_themes"])}</th>')
    rows = []
    for s in bank.stories:
        cells = [f'<td class="file">{_e(s.path)}</td>',
                 f'<th scope="row" class="story"><a href="{_e(link_for(s.path, s.line, base))}">{_e(s.title)}</a>'
                 f' <span class="loc">:{s.line}</span></th>']
        for p in PARTS:
            cells.append(_mark(p in s.parts, w["present"], w["absent"], "", w[p], f'data-part="{p}"', LETTER[p]))
        cells.append(_mark(s.quantified, w["measured"], w["not_measured"], w["no_result"], w["col_quant"],
                           'data-col="quantified"', w["col_quant"]))
        cells.append(f'<td class="num time"><time datetime="PT{s.seconds // 60}M{s.seconds % 60}S" '
                     f'title="{_e(spoken(s.seconds, w))}">{clock(s.seconds)}</time></td>')
        n = len(s.diagnostics)
        codes = ", ".join(f"{d.code} {d.name} ({d.severity})" for d in s.diagnostics)
        title = f' title="{_e(codes)}"' if codes else ""
        worst = next((sev for sev in ("error", "warning", "info") if any(d.severity == sev for d in s.diagnostics)),
                     "zero")
        cells.append(f'<td class="num diag {worst}" data-count="{n}" data-label="{_e(w["col_diag"])}"{title}>'
                     f'<span aria-hidden="true">{n}</span><span class="sr">{_e(w["issues_sr"].format(n=n))}</span></td>')
        tags = "".join(f'<span class="tag" data-theme="{_e(t)}">{_e(bank.themes.theme(t).name.get(language))}</span>'
                       for t in s.themes) or f'<span class="muted">{_e(w["no_themes"])}</span>'
        cells.append(f'<td class="themes-cell">{tags}</td>')
        rows.append(f'<tr class="story {s.readiness}" data-readiness="{s.readiness}" data-path="{_e(s.path)}" '
                    f'data-line="{s.line}">{"".join(cells)}</tr>')
        if s.diagnostics:  # the findings themselves, folded under the story's row
            rows.append(f'<tr class="issues-row {s.readiness}" data-issues-for="{s.line}" data-path="{_e(s.path)}">'
                        f'<td colspan="{len(PARTS) + 6}">'
                        f'{_html_details(s.diagnostics, s.title, s.path, w, base, s.speaks)}</td></tr>')
    return ('<section aria-labelledby="h-matrix">'
            f'<h2 id="h-matrix">{_e(w["matrix"])}</h2>'
            f'<table class="matrix"><caption>{_e(w["caption"])}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _html_others(bank: Bank, w: dict[str, str], base: Path) -> str:
    if not bank.others:
        return ""
    items = "".join(f'<li data-path="{_e(o.path)}" data-line="{o.line}">'
                    f'<a href="{_e(link_for(o.path, o.line, base))}">{_e(o.title)}</a> '
                    f'<span class="loc">{_e(o.path)}:{o.line}</span>'
                    + (_html_details(o.diagnostics, o.title, o.path, w, base, o.language) if o.diagnostics else "")
                    + "</li>" for o in bank.others)
    return (f'<section aria-labelledby="h-others"><h2 id="h-others">{_e(w["others"])}</h2>'
            f'<p class="intro">{_e(w["others_intro"])}</p><ul class="others">{items}</ul></section>')


def _html_notes(bank: Bank, w: dict[str, str]) -> str:
    if not bank.notes:
        return ""
    items = []
    for note in bank.notes:
        why = "; ".join(f"{d.code} {d.message}" for d in note.diagnostics) or w["no_stories"]
        items.append(f"<li><code>{_e(note.path)}</code>: {_e(why)}</li>")
    return (f'<section aria-labelledby="h-notes"><h2 id="h-notes">{_e(w["notes"])}</h2>'
            f'<ul class="notes">{"".join(items)}</ul></section>')


