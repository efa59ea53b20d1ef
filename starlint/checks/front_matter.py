"""STAR920 bad-front-matter: the ``starlint`` settings in a file's front matter cannot be used."""

from __future__ import annotations

from typing import Iterator

from .base import Context, Finding, Rule

from ..reading.frameworks import FRAMEWORK_NAMES, FRONT_MATTER_KEYS

NAMES = ", ".join(FRAMEWORK_NAMES)
KEYS = ", ".join(FRONT_MATTER_KEYS)
MESSAGES = {
    "unknown-key": {
        "ko": "front matter의 starlint 설정에 모르는 키 '{detail}'가 있습니다 (쓸 수 있는 키: " + KEYS + "). "
              "설정 파일의 값으로 읽었습니다.",
        "en": "Unknown starlint setting '{detail}' in the front matter (known: " + KEYS + "); "
              "the file was read with the config's settings.",
    },
    "bad-value": {
        "ko": "front matter의 '{detail}'는 쓸 수 없는 값입니다 (framework: " + NAMES + "). 설정 파일의 값으로 읽었습니다.",
        "en": "'{detail}' in the front matter is not a valid value (framework: " + NAMES + "); "
              "the file was read with the config's settings.",
    },
    "unreadable": {
        "ko": "front matter의 starlint 설정 '{detail}'를 읽을 수 없습니다. 'starlint: {{framework: car}}'처럼 "
              "'키: 값'으로 적어 주세요. 설정 파일의 값으로 읽었습니다.",
        "en": "Cannot read the starlint setting '{detail}' in the front matter: write 'key: value', e.g. "
              "'starlint: {{framework: car}}'. The file was read with the config's settings.",
    },
}

DOC = """\
A notes file may choose its answer framework in its front matter:

    ---
    starlint:
      framework: starl      # star, starl, car, par or soar
    ---

(or `starlint: {framework: car}` on one line, or `[starlint]` / `framework = "car"`
in `+++` TOML front matter). A key starlint does not know, or a value that is not one
of the frameworks, is reported here rather than ignored, and the file is read with the
config's settings. Other front matter keys (title, tags, …) are never looked at.

Failing:
    ---
    starlint:
      framwork: car
    ---
Passing:
    ---
    starlint:
      framework: car
    ---
"""


def check_file(context: Context) -> Iterator[Finding]:
    front = context.front_matter
    if front is None:
        return
    language = context.language()
    for line, kind, detail in front.problems:
        yield Finding(line=line, message=MESSAGES[kind][language].format(detail=detail))



RULE = Rule(
    code="STAR920",
    name="bad-front-matter",
    severity="error",
    summary="The starlint settings in a file's front matter are unknown or invalid.",
    doc=DOC,
    check=None,
    check_file=check_file,
)
