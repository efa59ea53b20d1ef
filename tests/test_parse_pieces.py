"""A big file is parsed a piece at a time (parse._pieces, for memory); the pieces must
give exactly the document parsing the whole file gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from starlint.reading import markdown as parse_module
from starlint.reading.markdown import _pieces, parse

ROOT = Path(__file__).resolve().parent.parent

TRAPS = """# 경험

## 코드 속 제목
```
# 이것은 제목이 아니다

## 이것도
```

<!--
## 주석 처리한 이야기
- 상황: 숨김

# 여전히 주석
-->

## 보이는 이야기
- 상황: 보임
> 인용

# 인용 다음 제목

| a | b |
|---|---|
| 1 | 2 |

# 표 다음 제목
<script>

# 스크립트 안
</script>

# 뒤
~~~~
# 물결 펜스 안
~~~
# 아직 안
~~~~

- 목록
  ```

# 목록 속 펜스 뒤 (목록이 끝나며 펜스도 끝남)
  ```
"""


def _same_documents(text: str, monkeypatch) -> None:
    whole = parse(text, "x.md")
    monkeypatch.setattr(parse_module, "PIECE_CHARS", 1)  # cut at every place that may be cut
    pieces = parse(text, "x.md")
    monkeypatch.undo()
    assert pieces.to_dict() == whole.to_dict()


def test_cuts_only_before_headings_after_a_blank_line_outside_code_and_comments(monkeypatch):
    monkeypatch.setattr(parse_module, "PIECE_CHARS", 1)
    lines = TRAPS.split("\n")
    starts = [first for first, _ in _pieces(lines)]
    cut_at = [lines[i] for i in starts[1:]]
    # not inside the fences, the comment or the script; the last heading is not cut at
    # either (the indented fence looks open to the cheap scan): fewer cuts are always safe
    assert cut_at == ["## 코드 속 제목", "## 보이는 이야기", "# 인용 다음 제목", "# 표 다음 제목", "# 뒤"]


def test_traps_parse_the_same_in_pieces(monkeypatch):
    _same_documents(TRAPS, monkeypatch)


@pytest.mark.parametrize("path", sorted(ROOT.glob("answers/*.md")) + sorted(ROOT.glob("tests/corpus/*.md"))
                         + sorted(ROOT.glob("tests/holdout/*.md")), ids=lambda p: p.name)
def test_notes_parse_the_same_in_pieces(path, monkeypatch):
    _same_documents(path.read_text(encoding="utf-8"), monkeypatch)


def test_small_files_are_one_piece():
    assert _pieces(["# a", "", "# b"]) == [(0, 3)]
