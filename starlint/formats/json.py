"""--format json: the SPEC document, streamed a file at a time."""

from __future__ import annotations

from typing import TextIO

from ..models import Report
from .base import Options


def write_json(report: Report, out: TextIO) -> None:
    """The SPEC document, laid out as ``json.dumps(indent=2, ensure_ascii=False)`` lays it out."""
    writer = JsonWriter(out)
    for f in report.files:
        writer.file(f)
    writer.finish(report.summary)


class JsonWriter:
    """Writes the JSON document a file at a time (the summary last), so a long run streams.

    The schema is fixed, so each object is one f-string with its strings escaped by
    json's C encoder: the same text as json.dumps(indent=2), several times faster than
    its pure-Python indenting encoder.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0
        out.write('{\n  "version": 1,\n  "files": [')

    def file(self, f) -> None:
        s = _json_string
        out = self.out
        out.write(",\n    {\n" if self.count else "\n    {\n")
        self.count += 1
        out.write(f'      "path": {s(f.path)},\n      "stories": ')
        if f.stories:
            out.write("[\n" + ",\n".join(map(_json_story, f.stories)) + "\n      ],\n")
        else:
            out.write("[],\n")
        out.write('      "diagnostics": ')
        if f.diagnostics:
            out.write("[\n" + ",\n".join(map(_json_diagnostic, f.diagnostics)) + "\n      ]\n    }")
        else:
            out.write("[]\n    }")

    def finish(self, summary) -> None:
        self.out.write(("\n  ],\n" if self.count else "],\n") +
                       f'  "summary": {{\n    "files": {summary.files},\n    "stories": {summary.stories},\n'
                       f'    "other_answers": {summary.other_answers},\n    "talking_points": {summary.talking_points},\n    "errors": {summary.errors},\n    "warnings": {summary.warnings},\n'
                       f'    "info": {summary.info}\n  }}\n}}\n')


def _json_string(text: str) -> str:
    from json.encoder import encode_basestring  # the C encoder, as ensure_ascii=False uses

    global _json_string
    _json_string = encode_basestring
    return encode_basestring(text)


def _json_value(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _json_story(story) -> str:
    s = _json_string
    if story.parts:
        parts = ",\n".join(f'            {s(k)}: [\n' + ",\n".join(f"              {n}" for n in v) + "\n            ]"
                            if v else f"            {s(k)}: []" for k, v in story.parts.items())
        parts = "{\n" + parts + "\n          }"
    else:
        parts = "{}"
    return (f'        {{\n          "title": {s(story.title)},\n          "line": {story.line},\n'
            f'          "end_line": {story.end_line},\n          "parts": {parts},\n'
            f'          "quantified": {_json_value(story.quantified)},\n          "language": {s(story.language)},\n'
            f'          "kind": {s(story.kind)}\n        }}')


def _json_diagnostic(d) -> str:
    s = _json_string
    return (f'        {{\n          "code": {s(d.code)},\n          "name": {s(d.name)},\n'
            f'          "severity": {s(d.severity)},\n          "line": {d.line},\n          "column": {d.column},\n'
            f'          "message": {s(d.message)},\n          "story_line": {_json_value(d.story_line)},\n'
            f'          "end_line": {_json_value(d.end_line)}\n        }}')


class Writer(JsonWriter):
    """The json format in a run: each file as it is linted, the summary at the end."""

    def __init__(self, out: TextIO, options: Options) -> None:
        super().__init__(out)

