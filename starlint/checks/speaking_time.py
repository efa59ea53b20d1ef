"""STAR204 speaking-time: the story, said aloud, would run too short or too long."""

from __future__ import annotations

from typing import Iterator, NamedTuple


from ..models import Story
from ._coaching import spoken_seconds, texts
from .base import Context, Finding, Rule, options_schema_for


class Options(NamedTuple):
    min_seconds: int = 60
    max_seconds: int = 180
    # bullet notes are expanded when spoken: by default only written-out stories are held to the minimum
    short_notes: bool = False


def _ordered(options):
    if options.min_seconds >= options.max_seconds:
        raise ValueError(f"min-seconds ({options.min_seconds}) must be less than max-seconds ({options.max_seconds})")
    return options


# what `rule-options = {speaking-time = {…}}` is checked against
options_schema = options_schema_for(
    Options, "SpeakingTimeOptions", {"min_seconds": {"ge": 0}, "max_seconds": {"gt": 0}}, check=_ordered)


# one short line per diagnostic
MESSAGES = {
    "long": {
        "ko": "말하면 약 {time} 걸립니다: {max} 안으로 줄여 주세요",
        "en": "About {time} said aloud: trim it to {max} or less",
    },
    "short": {
        "ko": "말하면 약 {time}뿐입니다: {min} 이상으로 채워 주세요",
        "en": "Only about {time} said aloud: add to reach {min}",
    },
}

# the long advice, with an example: `starlint rule CODE` and `check --explain`
ADVICE = {
    "ko": "면접 답변은 소리 내어 1~3분, 2분 안팎이 적당합니다. 길면 상황 설명을 한두 문장으로 줄이고 행동은 "
          "핵심 두세 가지만 남기세요. 짧으면 무엇을 어떻게 했는지, 그래서 무엇이 달라졌는지를 한두 문장씩 더하세요.",
    "en": "Answers land best at one to three minutes said aloud, around two. Too long: cut the set-up to a "
          "sentence or two and keep the two or three steps that mattered. Too short: add a sentence or two on "
          "how you did it and what changed.",
}

DOC = """\
A behavioural answer should take about one to three minutes to say: shorter and it
sounds thin, longer and the interviewer stops listening. The time is estimated from
the story's text without labels or title: Korean by syllables, English (and any
Latin word or number) by words, at the rates in `rules/themes/themes.toml`
(the same ones `starlint report` uses):

- English: 150 words a minute, the National Center for Voice and Speech's average for
  US English speakers (cited in the data file); S. E. Lucas, *The Art of Public
  Speaking* (8th ed., 2004, p. 300), gives 125–150 words a minute.
- Korean: 300 syllables a minute. Speech coaches write a 3-minute speech at 800–850
  syllables, about 270–285 a minute (https://brunch.co.kr/@realdebate/65), and give
  330–350 a minute for a news announcer (cited in the data file); an answer is
  spoken, not read, so the data takes 300.

Bullet notes and labelled outlines (`**Situation:** …` one line per part) are a
prompt, not a script — you say more than you wrote — so by default only stories
written out as unlabelled prose are held to the minimum (`short-notes = true` holds
every story to it); every story is held to the maximum.

Options (`rule-options`):
`speaking-time = {min-seconds = 60, max-seconds = 180, short-notes = false}`.

Failing (ko):
    ## 가장 어려웠던 프로젝트
    결제 오류가 늘어서 제가 원인을 찾아 고쳤고 오류가 줄었습니다.
Passing (ko): the same story told in six to ten sentences: when and where, what you
had to fix, the two or three steps you took, the figures before and after.

Failing (en): a 600-word retelling of every meeting in the project (about 4 minutes).
Passing (en): the same story cut to 250–300 words: one line of context, the goal,
three steps and the outcome with its numbers.
"""


def _clock(seconds: int, language: str) -> str:
    minutes, rest = divmod(seconds, 60)
    if language == "ko":
        return f"{minutes}분 {rest}초" if minutes and rest else f"{minutes}분" if minutes else f"{rest}초"
    return f"{minutes}:{rest:02d}" if minutes else f"{rest} seconds"


def written_out(story: Story) -> bool:
    """Most of the story is unlabelled prose — said as written — rather than bullet
    notes or a labelled outline (`**Situation:** …` lines), which get expanded aloud."""
    prose = sum(len(u.plain) for u in story.units if u.in_paragraph and not (u.label or u.inherited))
    return prose * 2 > sum(len(u.plain) for u in story.units)


def check(story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
    options: Options = context.options(RULE) if context is not None else Options()
    seconds = spoken_seconds(texts(story))
    if seconds > options.max_seconds:
        yield Finding(line=story.line, message=MESSAGES["long"][language].format(
            time=_clock(seconds, language), max=_clock(options.max_seconds, language)))
    elif seconds < options.min_seconds and (options.short_notes or written_out(story)):
        yield Finding(line=story.line, message=MESSAGES["short"][language].format(
            time=_clock(seconds, language), min=_clock(options.min_seconds, language)))


RULE = Rule(
    code="STAR204",
    name="speaking-time",
    severity="info",
    summary="Said aloud, the story runs outside about one to three minutes.",
    doc=DOC,
    advice=ADVICE,
    check=check,
    uses_context=True,
    options=Options,
    options_schema=options_schema,
    default_enabled=False,
)
