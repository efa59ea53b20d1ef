"""STAR203 action-share: the Action is a small share of the story."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from ..models import Story
from ._coaching import part_weights
from .base import Context, Finding, Rule, options_schema_for


class Options(NamedTuple):
    # the least share the Action should take of the telling before the Result (S + T + A, by spoken length)
    min: float = 0.2
    # shorter stories are not judged (in English-word units; a Hangul syllable is half a word)
    min_length: int = 40


# what `rule-options = {action-share = {…}}` is checked against
options_schema = options_schema_for(
    Options, "ActionShareOptions", {"min": {"gt": 0, "lt": 1}, "min_length": {"ge": 0}})

# one short line per diagnostic
MESSAGES = {
    "ko": "행동이 결과 앞 이야기의 {share}뿐입니다 (권장 {min}+)",
    "en": "Action is only {share} of the lead-up (aim for {min}+)",
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "결과 앞까지의 이야기에서 행동(Action)이 차지하는 몫이 작습니다 (기본 권장 20% 이상). 면접관이 "
          "평가하는 것은 본인이 한 일입니다. 상황·과제 설명을 줄이고, 무엇을 어떤 순서로 어떻게 했는지 늘려 주세요.",
    "en": "The Action is a small share of what you say before the Result (aim for 20% or more by default). The interviewer "
          "scores what you did: trim the set-up and say more about the steps you took, how and why.",
}

DOC = """\
Coaches tell you to spend most of an answer on the Action — it is the part the
interviewer scores — and to keep the Situation and Task to a sentence or two.
This rule weighs each part by its spoken length (a Hangul syllable counts as
half an English word, the ratio of the speaking rates in `rules/themes/themes.toml`)
and fires when the Action is less than `min` (default 0.2) of what is said before
the Result — Situation, Task and Action. The Result and any lesson are left out of
the sum: a long, well-measured Result is no reason to flag a story. Stories shorter
than `min-length` word-units in all (default 40, about 15 seconds) are not judged,
nor are stories without an Action (that is STAR003).

Measured on its labelled cases, 0.2 flags set-ups that dwarf a one-clause Action and
leaves compact but concrete notes alone ("EKS cluster 구축, Helm chart 표준화, ArgoCD
도입"); raise it (`min = 0.3`) for stricter coaching.

Options (`rule-options`): `action-share = {min = 0.2, min-length = 40}`.

Failing (ko):
    ## 물류 센터 재고 정확도
    **상황**: 2023년 하반기 물류 센터 세 곳의 재고가 전산과 실물이 계속 어긋났고, 월말마다 재고 조사에
    이틀씩 걸렸으며 현장 관리자들은 전산 숫자를 믿지 않아 따로 엑셀을 관리하고 있었음
    **과제**: 운영 분석 담당으로서 분기 안에 재고 정확도를 끌어올리고 재고 조사 시간을 줄이는 것
    **행동**: 입출고 로그 분석
    **결과**: 재고 정확도 91% → 99%

Passing (ko): the same story with `**행동**:` telling the steps — 입출고 로그를 SKU별로 대조해 불일치
원인을 세 가지로 나누고, 바코드 스캔 누락 구간에 검수 단계를 추가함 …

Failing (en):
    **Situation:** Our B2B dashboard had grown to 40 widgets over three years, loaded in 12 seconds,
    and account managers had stopped opening it before customer calls; churned customers kept citing it.
    **Task:** As the PM I had to make it useful again before renewal season.
    **Action:** I ran interviews.
    **Result:** Weekly active use went from 20% to 65% of account managers.

Passing (en): the same story with an Action that says which interviews, what you cut and how you shipped it.
"""


def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
    options: Options = context.options(RULE) if context is not None else Options()
    weights = part_weights(story)
    told = weights["situation"] + weights["task"] + weights["action"]
    if weights["action"] <= 0 or sum(weights.values()) < options.min_length:
        return
    share = weights["action"] / told
    if share < options.min:
        yield Finding(line=story.line, message=MESSAGES[language].format(share=f"{share:.0%}", min=f"{options.min:.0%}"))


RULE = Rule(
    code="STAR203",
    name="action-share",
    severity="info",
    summary="The Action is a small share of the story before its Result: say more about what you did.",
    doc=DOC,
    advice=ADVICE,
    check=check,
    uses_context=True,
    options=Options,
    options_schema=options_schema,
)
