"""classify: tag each unit of a story with its STAR part(s) and the evidence.

Labels first: a unit that starts with a label (or sits under one) takes that
part, if the label has content.  Unlabelled units are read by cues from the
rule packs (goal phrases, doing verbs, outcome words, context markers), a
measurable figure, their position in the story and their parent bullet.
"""

from __future__ import annotations

import re


from .lexicon import Lexicon
from ..models import PARTS, Evidence, Story, Unit

# Clause boundaries inside one sentence: "…, and as the PM I had to …", "…는데 …"
_CLAUSES = re.compile(r",\s*(?:and|but|so)\s+|;\s*|,\s+(?=[가-힣A-Za-z])|(?<=[가-힣])(?:는데|지만),?\s+")
# A clause under a Problem/Challenge label is the Task when its task cues weigh this much.
TASK_IN_PROBLEM = 1.6
# A weak doing-verb ending is enough for a line in the middle of a story.
WEAK_ACTION = 0.4
# An outcome cue this strong inside an Action paragraph is the story's Result.
STRONG_OUTCOME = 1.6
# A unit gets a part when the evidence for it reaches this score.
THRESHOLD = 1.0
# A second part is added only when its own evidence is strong and close to the best.
SECOND_PART = 1.8
SECOND_RATIO = 0.8


def classify(story: Story, lex: Lexicon) -> Story:
    units = story.units
    _find_labels(units, lex)
    _inherit_labels(units)
    note_line = None  # a line that opens with "TBD." / "TODO:" is a note to self to its end
    for index, unit in enumerate(units):
        kind = unit.label or unit.inherited
        if unit.line == note_line and not unit.line_start:
            unit.evidence.append(Evidence(part="none", how="label", detail="after a placeholder: a note to self"))
        elif kind:
            # a labelled line's figures matter only if it is a Result (Story.quantified, the rules)
            unit.read_quantities_later(lex.quantities, unit.content or unit.plain)
            heads_text = index + 1 < len(units) and units[index + 1].inherited == unit.label
            _apply_label(unit, kind, lex, heads_text)
        elif lex.is_placeholder(unit.plain):
            # "(작성 예정)", "TBD", "...": a note to self, no part yet
            unit.evidence.append(Evidence(part="none", how="label", detail="a placeholder: does not count"))
            if unit.line_start and unit.plain.strip(" .…"):  # ("..." alone is no marker)
                note_line = unit.line
        else:
            found = lex.quantities.find(unit.content or unit.plain)
            unit.quantities = [q.text.strip() for q in found]
            # a before→after figure or a rank (10위, top 3) is nearly always an outcome
            outcome_figure = any(q.kind in ("before-after", "rank") for q in found)
            # a from→to figure's joints ("40분에서 6분으로") are no cues of their own
            text = unit.content or unit.plain
            for q in found:
                if q.kind == "before-after":
                    text = text[:q.start] + " " * (q.end - q.start) + text[q.end:]
            _read_cues(unit, units, index, outcome_figure, lex, text)
    _result_told_in_action(units, lex)
    _close_with_result(units)
    return story


def _result_told_in_action(units: list[Unit], lex: Lexicon) -> None:
    """A labelled story with no Result label that ends its Action with the outcome.

    "**A:** … I ran the test again and this time it passed": people often close the
    Action paragraph with how it ended instead of writing an R label.  When no unit
    is the Result, a sentence in the story's last labelled part — an Action — with a
    strong outcome cue of its own is read as the Result as well.
    """
    if any("result" in u.parts for u in units):
        return
    kinds = [u.label or u.inherited for u in units if u.label or u.inherited]
    if not kinds or kinds[-1] != "action" or "result" in kinds or "learning" in kinds:
        return
    tail: list[Unit] = []
    for unit in reversed(units):
        if (unit.label or unit.inherited) != "action":
            if unit.label or unit.inherited:
                break
            continue
        tail.append(unit)
        if unit.label:
            break
    for unit in tail:  # last sentence first
        text = unit.content if unit.label else unit.plain
        strong = [c for c in lex.cues(text) if c.part == "result" and c.weight >= STRONG_OUTCOME]
        if strong and not lex.some_cues("pending", text):
            _add(unit, "result", "cue", f"'{strong[0].matched}', the outcome told in the Action")
            return


def _close_with_result(units: list[Unit]) -> None:
    """A story told as S→T→A that ends on an unread line: that line is how it ended.

    People close a story with what happened next ("They re-detailed the wall before
    anything was poured", "devs stopped asking for repro steps") in words no cue
    list can hold.  When nothing else was read as the Result, an unread last line
    that comes after the Action is taken as it.
    """
    if any("result" in u.parts for u in units):
        return
    last = units[-1] if units else None
    if last is None or last.parts or last.label or last.inherited:
        return
    if len(units) < 3 or not any("action" in u.parts for u in units[:-1]):
        return
    if any(e.part == "pending" for e in last.evidence):
        return
    _add(last, "result", "position", "closes the story after the action")


# ------------------------------------------------------------------ labels --
def _find_labels(units: list[Unit], lex: Lexicon) -> None:
    for unit in units:
        if unit.label:  # a label heading, found while segmenting
            continue
        # labels start a line; in prose they may also start a sentence ("The context: …")
        hit = lex.label(unit.plain) if unit.line_start or unit.in_paragraph else None
        if hit:
            unit.label, unit.label_text, unit.content = hit.kind, hit.written, hit.content
        else:
            unit.content = unit.plain


def _inherit_labels(units: list[Unit]) -> None:
    """Text under a label belongs to it: the rest of a paragraph, later prose, nested bullets."""
    paragraph_label: str | None = None
    previous: Unit | None = None
    for unit in units:
        before, previous = previous, unit
        if unit.in_paragraph and unit.label:
            if unit.line_start:  # a label inside a sentence covers that sentence only
                paragraph_label = unit.label
            continue
        if unit.label or unit.inherited:
            continue
        if unit.parent is not None:
            parent = units[unit.parent]
            unit.inherited = parent.label or parent.inherited
        elif paragraph_label and unit.depth == 0:
            if not unit.in_paragraph and before is not None and not _leads_into_list(before):
                # "**S:** At the church I ran …" then "- I organized four teams": a label
                # with its own sentence covers its prose; a list after it is read on its own
                # ("**Action:**" alone, or "…three things:", leads the list that follows)
                paragraph_label = None
                continue
            unit.inherited = paragraph_label


def _leads_into_list(unit: Unit) -> bool:
    """Whether the list after `unit` belongs to its label: the label stood alone or
    its text announced the list, or `unit` is an item of that list already."""
    if not unit.in_paragraph:
        return unit.inherited is not None
    if unit.label and not unit.content.strip(" .…"):
        return True
    return unit.plain.rstrip().endswith((":", "："))


def _apply_label(unit: Unit, kind: str, lex: Lexicon, heads_text: bool = False) -> None:
    own = unit.label is not None
    content = unit.content if own else unit.plain
    how = "label" if own else "inherited"
    written = unit.label_text or kind
    if own and lex.is_placeholder(content):
        detail = (f"'{written}': the text under it carries the part" if heads_text
                  else f"'{written}' with nothing under it: does not count")
        unit.evidence.append(Evidence(part="none", how="label", detail=detail))
        return
    part: str | None
    if kind == "reflection":
        # "핵심가치 연계", "Why it matters here": part of the story, no STAR part
        unit.evidence.append(Evidence(part="none", how="label", detail=f"'{written}': a reflection, no STAR part"))
        return
    if kind == "learning":
        part = "result"
    elif kind == "problem":
        # "Challenge:" holds the situation, often with the task in a clause of its own
        for clause in _CLAUSES.split(content):
            weight = sum(c.weight for c in lex.cues(clause) if c.part == "task")
            _add(unit, "task" if weight >= TASK_IN_PROBLEM else "situation", how, f"{written}" + ("" if own else " (above)"))
        part = None
    elif kind == "result":
        part = "result"
        # "…30% 절감 예정", "we plan to cut costs by 30%": a plan is not an outcome, and a
        # target in it is not a measured result.  Judge clause by clause.
        clauses = [c for c in _CLAUSES.split(content) if c.strip()] or [content]
        plans = [c for c in clauses if lex.some_cues("pending", c)]
        if plans:
            done = [c for c in clauses if c not in plans]
            unit.quantities = [q.text.strip() for c in done for q in lex.quantities.find(c)]
            if not done:
                pending = lex.some_cues("pending", plans[0])[0]
                unit.evidence.append(Evidence(part="pending", how="pending",
                                              detail=f"'{pending.matched}': a plan or work in progress, not a result"))
                part = "action" if any(c.part == "action" for c in lex.cues(content)) else None
    else:
        part = kind
    if part:
        _add(unit, part, how, f"{written}" + ("" if own else " (above)"))
    if part != "task":
        # a role stated under another label ("행동: PM으로서 …") still gives the story its Task
        role = [c for c in lex.some_cues("role", content) if c.part == "task"]
        if role:
            _add(unit, "task", "cue", f"'{role[0].matched}' ({role[0].note})")


# -------------------------------------------------------------------- cues --
def _read_cues(unit: Unit, units: list[Unit], index: int, outcome_figure: bool, lex: Lexicon, text: str) -> None:
    """`text` is the unit's plain text with its figures blanked out."""
    score = dict.fromkeys(PARTS, 0.0)
    why: dict[str, list[str]] = {p: [] for p in PARTS}
    pending = None
    for cue in lex.cues(text):
        if cue.part == "pending":
            pending = cue
            continue
        score[cue.part] += cue.weight
        why[cue.part].append(f"'{cue.matched}'")
    if unit.quantities:
        score["result"] += 1.2 if outcome_figure else 0.8  # other figures are often the scene or a step
        why["result"].append(f"figure '{unit.quantities[0]}'")
    count = len(units)
    # The opening line sets the scene — or, when the story leads with its result
    # (두괄식: "So the short version: …"), the line right after it does.
    opens = index == 0 or (index == 1 and units[0].parts == ["result"])
    if opens and count > 1:
        score["situation"] += 1.0
        why["situation"].append("opens the story" if index == 0 else "sets the scene after the result")
        if not unit.quantities:
            # a change told first with no figure is usually the problem, not the outcome
            score["result"] -= 0.8
    elif index == count - 1 and count >= 3:
        score["result"] += 0.4
        why["result"].append("closes the story")
    if unit.parent is not None:
        for part in units[unit.parent].parts:
            score[part] += 0.6
            why[part].append("under a bullet read as " + part)
    if pending is not None:
        score["result"] -= 2.0
        why["result"].append(f"but '{pending.matched}' is a plan")
        unit.evidence.append(Evidence(part="pending", how="pending",
                                      detail=f"'{pending.matched}': a plan or work in progress"))
    best = max(score, key=score.__getitem__)  # (in PARTS order: a tie goes to the earlier part)
    if score[best] < THRESHOLD:
        if 0 < index < count - 1 and score["action"] >= WEAK_ACTION and best == "action":
            # a note line in the middle of a story ending like 「…함」「…김」 with no
            # other cue is most often a step the speaker took
            _add(unit, "action", "cue", ", ".join(why["action"]) + ", mid-story")
        return
    for part in PARTS:
        s = score[part]
        if part == best or (s >= SECOND_PART and s >= SECOND_RATIO * score[best]):
            _add(unit, part, "cue", ", ".join(why[part]) or "cue")
    if "task" not in unit.parts:
        # a role stated inside another part's sentence ("…동아리에서 마케팅을 맡았습니다",
        # "as the on-call engineer I …") still gives the story its Task
        role = [c for c in lex.some_cues("role", unit.plain) if c.part == "task"]
        if role:
            _add(unit, "task", "cue", f"'{role[0].matched}' ({role[0].note})")
    if opens and best != "situation":
        # "On the previous job costs had ballooned, and my PM asked me to find out why":
        # an opening clause with no cue of its own is the scene the rest happens in
        clauses = [c for c in _CLAUSES.split(unit.plain) if c.strip()]
        if len(clauses) > 1 and not any(c.part != "situation" for c in lex.cues(clauses[0])):
            _add(unit, "situation", "position", f"opening clause '{clauses[0][:30]}'")


def _add(unit: Unit, part: str, how: str, detail: str) -> None:
    if part not in unit.parts:
        unit.parts.append(part)  # type: ignore[arg-type]
        unit.evidence.append(Evidence(part, how, detail))  # type: ignore[arg-type]
