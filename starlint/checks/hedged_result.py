"""STAR202 hedged-result: the Result leans on hedging or vague words with no figure behind them."""

from __future__ import annotations

from typing import Iterator

from ..reading.frameworks import is_lesson_only, unit_text
from ..models import Story
from ._coaching import quote, words
from .base import Context, Finding, Rule

# one short line per diagnostic
MESSAGES = {
    "ko": "결과가 {found}처럼 흐릿합니다: 숫자로 말해 주세요",
    "en": "Result hedged ({found}): say by how much",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "결과를 '어느 정도', '것 같다'처럼 흐릿하게 말하고 있습니다. 자신 없게 들리고 기억에도 남지 않습니다. "
          "무엇이 얼마나 달라졌는지 숫자나 구체적인 사실로 바꿔 주세요. "
          "예) '좋은 평가를 받았다' → '팀장 평가에서 분기 최우수(5명 중 1위)를 받았다'",
    "en": "The Result leans on vague or hedging words ('greatly', 'hopefully'): it sounds unsure and is easy to forget. "
          "Say what changed and by how much. e.g. 'greatly improved load time' → 'cut load time from 3.2 s to 1.1 s'",
}

DOC = """\
"어느 정도 개선됐다", "나쁘지 않았다", "좋은 평가를 받았다", "greatly improved",
"kind of worked", "hopefully it helps" undersell the work and sound unsure. Fires
on a Result line with a hedging or vague outcome word (the packs' `[coaching]
hedges`) when no figure backs it in that line, the Result line it sits under or
the lines under it. A lesson learned is not checked ("조금 더 일찍 공유했어야 했다" is honest
reflection, not a hedge). It often comes with STAR101: that one says the Result
has no number at all, this one points at the word to replace.

Failing (ko):
    - 결과 : 팀장님께 좋은 평가를 받았고 회의 때 숫자 논쟁이 줄어듦
Passing (ko):
    - 결과 : 회의 때 지표 정의 논쟁이 주 3회 → 0회, 대시보드 주간 사용자 12명 → 45명

Failing (en):
    **Result:** The new onboarding flow greatly improved activation and hopefully cut churn.
Passing (en):
    **Result:** Activation rose from 31% to 44% in six weeks.
"""


def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
    if context is None:
        return
    found = words(context.lexicon)
    units = story.units
    children: dict[int, list] = {}
    for u in units:
        if u.parent is not None:
            children.setdefault(u.parent, []).append(u)
    for index, unit in enumerate(units):
        if "result" not in unit.parts:
            continue
        hedges = [hit.matched for hit in found.hedge.finditer(unit_text(unit))]
        if not hedges or is_lesson_only(unit, context.lexicon):
            continue
        near = [unit] + children.get(index, [])
        if unit.parent is not None and "result" in units[unit.parent].parts:
            near.append(units[unit.parent])  # "- 결과: 41% → 32%" over "  - 좋은 평가도 받음"
        if any(u.quantities for u in near):
            continue
        yield Finding(line=unit.line, message=MESSAGES[language].format(found=quote(hedges, limit=1)))
        return


RULE = Rule(
    code="STAR202",
    name="hedged-result",
    severity="warning",
    summary="The Result uses hedging or vague words (어느 정도, greatly) with no figure behind them.",
    doc=DOC,
    advice=ADVICE,
    check=check,
    uses_context=True,
)
