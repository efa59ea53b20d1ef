"""`starlint lsp`, driven over real stdio the way an editor drives it.

A tiny client below starts `python -m starlint lsp` as a subprocess and speaks JSON-RPC
with Content-Length framing over its stdin/stdout; a reader thread queues what the
server sends, and every wait has a timeout so a hung server fails the test instead of
hanging CI.
"""

from __future__ import annotations

import importlib.util
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

HAVE_PYGLS = importlib.util.find_spec("pygls") is not None
ROOT = Path(__file__).resolve().parent.parent
needs_pygls = pytest.mark.skipif(not HAVE_PYGLS, reason="pygls is not installed (pip install '.[lsp]')")

SELECT = 'select = ["STAR001", "STAR002", "STAR003", "STAR004", "STAR101"]\n'
DEBOUNCE_MS = 300  # starlint.lsp.DEBOUNCE_SECONDS
TIMEOUT = 20.0  # seconds for any single answer (the first lint loads the parser)

NOTE = """\
# 면접 준비 노트

- Kafka consumer lag 이슈
  - 작년 겨울 실시간 파이프라인에서 lag이 폭증
  - 내 역할 : 그 주 on-call이라 조치 담당
  - partition 수를 늘리고 batch size 튜닝

- 🚀 배포 자동화
  - 2023년 배포가 주 1회, 매번 수동이라 반나절씩 걸렸음
  - 목표 : 배포 시간을 줄이는 것이 제 담당이었음
  - GitHub Actions로 파이프라인을 만들고 롤백 스크립트 작성
  - 결과 : 배포 시간 4시간 → 15분
"""


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def apply_edit(text: str, edit: dict[str, Any]) -> str:
    """Apply one LSP TextEdit (UTF-16 positions) to `text`, as an editor would."""
    lines = text.split("\n")

    def offset(pos: dict[str, int]) -> int:
        before = sum(len(line) + 1 for line in lines[: pos["line"]])
        line = lines[pos["line"]] if pos["line"] < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= pos["character"]:
                return before + i
            units += utf16(ch)
        return before + len(line)

    start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
    return text[:start] + edit["newText"] + text[end:]


class LspClient:
    """Just enough of an LSP client: framing, requests, notifications, waits."""

    def __init__(self, cwd: Path) -> None:
        self.stderr = open(cwd / "server-stderr.txt", "w+b")  # a file: a chatty server cannot block
        env = {k: v for k, v in os.environ.items() if k != "STARLINT_DOCS_URL"}  # links as configured here
        self.proc = subprocess.Popen([sys.executable, "-m", "starlint", "lsp"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr)
        self.inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.unread: list[dict[str, Any]] = []  # notifications not waited for yet
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        try:
            while True:
                headers: dict[str, str] = {}
                while True:
                    line = out.readline()
                    if not line:
                        self.inbox.put(None)
                        return
                    line = line.strip()
                    if not line:
                        break
                    key, _, value = line.decode("ascii").partition(":")
                    headers[key.strip().lower()] = value.strip()
                body = out.read(int(headers["content-length"]))
                self.inbox.put(json.loads(body.decode("utf-8")))
        except Exception:  # noqa: BLE001 — the test sees None and fails with the stderr
            self.inbox.put(None)

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def _next(self, deadline: float, waiting_for: str) -> dict[str, Any]:
        try:
            message = self.inbox.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            raise AssertionError(f"no {waiting_for} from the server in time;{self._stderr()}") from None
        if message is None:
            raise AssertionError(f"the server closed its output while we waited for {waiting_for};{self._stderr()}")
        if "method" in message and "id" in message:  # a request from the server: answer it
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> Any:
        answer = self.call(method, params, timeout)
        assert "error" not in answer, answer["error"]
        return answer.get("result")

    def call(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The whole answer to a request: with its `result`, or its `error`."""
        self.next_id += 1
        rid = self.next_id
        self.send({"id": rid, "method": method, **({"params": params} if params is not None else {})})
        deadline = time.monotonic() + timeout
        while True:
            message = self._next(deadline, f"answer to {method}")
            if message.get("id") == rid and "method" not in message:
                return message
            if "method" in message and "id" not in message:
                self.unread.append(message)

    def wait(self, method: str, where: Callable[[dict[str, Any]], bool] = lambda p: True) -> dict[str, Any]:
        for i, message in enumerate(self.unread):
            if message["method"] == method and where(message["params"]):
                return self.unread.pop(i)["params"]
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline, method)
            if message.get("method") == method and "id" not in message and where(message["params"]):
                return message["params"]
            if "method" in message and "id" not in message:
                self.unread.append(message)

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, Any]]:
        params = self.wait("textDocument/publishDiagnostics",
                           lambda p: p["uri"] == uri and (version is None or p.get("version") == version))
        return params["diagnostics"]

    def start(self, root: Path, capabilities: dict[str, Any] | None = None) -> dict[str, Any]:
        result = self.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                             "capabilities": capabilities or {}})
        self.notify("initialized", {})
        return result

    def stop(self) -> int:
        assert self.request("shutdown") is None
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout=TIMEOUT)
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self.stderr.close()

    def _stderr(self) -> str:
        self.stderr.flush()
        self.stderr.seek(0)
        text = self.stderr.read().decode("utf-8", "replace").strip()
        return f"\nserver stderr:\n{text[-3000:]}" if text else ""


@pytest.fixture
def client(tmp_path: Path):
    # the closest config (nothing above tmp_path applies); the rules these tests are about
    (tmp_path / ".starlint.toml").write_text(SELECT, encoding="utf-8")
    c = LspClient(tmp_path)
    yield c
    c.close()


def _open(client: LspClient, uri: str, text: str, version: int = 1) -> None:
    client.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}})


def _change(client: LspClient, uri: str, text: str, version: int) -> None:
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                             "contentChanges": [{"text": text}]})


@needs_pygls
def test_editor_session(client: LspClient, tmp_path: Path) -> None:
    init = client.start(tmp_path)
    caps = init["capabilities"]
    assert caps["positionEncoding"] == "utf-16"
    assert caps["hoverProvider"] and caps["documentSymbolProvider"] and caps["codeActionProvider"]
    assert caps["textDocumentSync"]["openClose"] and caps["textDocumentSync"]["save"]
    assert init["serverInfo"]["name"] == "starlint"

    uri = (tmp_path / "notes.md").as_uri()
    lines = NOTE.split("\n")
    _open(client, uri, NOTE)
    diagnostics = client.diagnostics(uri, version=1)
    assert [d["code"] for d in diagnostics] == ["STAR004"], diagnostics
    d = diagnostics[0]
    assert d["range"] == {"start": {"line": 2, "character": 0},
                          "end": {"line": 2, "character": utf16(lines[2])}}  # the title line, whole
    assert d["severity"] == 1 and d["source"] == "starlint"
    # no docs-url: the rule page installed with starlint, as a file: URI that opens
    href = d["codeDescription"]["href"]
    assert href.startswith("file:") and href.endswith("/STAR004.md"), href
    page = Path(url2pathname(urlparse(href).path))
    assert page.is_file() and "\n# STAR004 missing-result\n" in page.read_text(encoding="utf-8")
    assert "결과가 없습니다" in d["message"]  # the story's language

    # hover on the title lines: coverage, in Korean
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 4}})
    text = hover["contents"]["value"]
    assert "STAR `S T A -`" in text and "상황 (S): 4행" in text and "결과 (R): 없음" in text
    assert client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": {"line": 3, "character": 4}}) is None
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 7, "character": 0}})
    assert "결과 (R): 12행 — 수치 있음" in hover["contents"]["value"]

    # code actions: a placeholder for the Result, and a suppression comment
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}})
    assert len(actions) == 2 and all(a["kind"] == "quickfix" and a["diagnostics"] == [d] for a in actions)
    placeholder, suppression = actions
    assert placeholder["isPreferred"] is True
    [fill] = placeholder["edit"]["changes"][uri]
    assert fill["range"]["start"] == {"line": 6, "character": 0}  # after the story's last bullet
    assert fill["newText"].startswith("  - 결과 : <!--")
    [mute] = suppression["edit"]["changes"][uri]
    assert mute["range"]["start"] == {"line": 2, "character": 0}
    assert mute["newText"] == "<!-- starlint-disable-next-story STAR004 -->\n"

    # the user accepts the placeholder: it is empty, so STAR004 stays until it is filled
    with_placeholder = apply_edit(NOTE, fill)
    _change(client, uri, with_placeholder, 2)
    assert [d["code"] for d in client.diagnostics(uri, version=2)] == ["STAR004"]

    # typing the Result: three quick changes, one lint (debounced), diagnostics cleared
    filled = re.sub(r"<!--.*?-->", "lag 30분 → 10초", with_placeholder)
    _change(client, uri, filled.replace("10초", ""), 3)
    _change(client, uri, filled.replace("초", ""), 4)
    _change(client, uri, filled, 5)
    after = client.wait("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert after["version"] == 5 and after["diagnostics"] == []

    # the outline: the stories, with their coverage
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert [(s["name"], s["detail"]) for s in symbols] == [("Kafka consumer lag 이슈", "S T A R"),
                                                          ("🚀 배포 자동화", "S T A R")]
    flines = filled.split("\n")
    assert symbols[0]["range"]["start"]["line"] == 2 and symbols[0]["range"]["end"]["line"] == 6
    assert symbols[1]["selectionRange"]["end"] == {"line": 8, "character": utf16(flines[8])}
    assert utf16(flines[8]) == len(flines[8]) + 1  # the emoji is two UTF-16 code units

    # the suppression comment, accepted in an untitled buffer (default settings, so other
    # default rules may speak; STAR004 must not)
    untitled = "untitled:Untitled-1"
    _open(client, untitled, apply_edit(NOTE, mute))
    assert "STAR004" not in [d["code"] for d in client.diagnostics(untitled, version=1)]
    _open(client, (tmp_path / "other.md").as_uri(), NOTE)
    assert [d["code"] for d in client.diagnostics((tmp_path / "other.md").as_uri())] == ["STAR004"]

    # save lints at once; close clears
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, version=5) == []
    client.notify("textDocument/didClose", {"textDocument": {"uri": (tmp_path / "other.md").as_uri()}})
    assert client.diagnostics((tmp_path / "other.md").as_uri()) == []

    assert client.stop() == 0


@needs_pygls
def test_config_is_found_from_the_document_path(client: LspClient, tmp_path: Path) -> None:
    notes = tmp_path / "면접 노트"  # a percent-encoded file URI
    notes.mkdir()
    (notes / ".starlint.toml").write_text('messages = "en"\n' + SELECT, encoding="utf-8")
    # a client that prefers UTF-8 positions gets them (columns in bytes)
    init = client.start(tmp_path, {"general": {"positionEncodings": ["utf-8", "utf-16"]}})
    assert init["capabilities"]["positionEncoding"] == "utf-8"
    uri = (notes / "ko.md").as_uri()
    _open(client, uri, NOTE)
    [d] = client.diagnostics(uri)
    assert d["code"] == "STAR004" and d["message"].startswith("Result missing")
    assert d["range"]["end"]["character"] == len(NOTE.split("\n")[2].encode("utf-8"))
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}})
    assert "Result: missing" in hover["contents"]["value"]  # messages = "en" speaks English everywhere

    (notes / ".starlint.toml").write_text("select = [", encoding="utf-8")  # broken: say so, lint with defaults
    client.notify("textDocument/didSave", {"textDocument": {"uri": (notes / ".starlint.toml").as_uri()}})
    diagnostics = client.diagnostics(uri)
    assert "config error" in diagnostics[0]["message"] and diagnostics[0]["range"]["start"]["line"] == 0
    assert "STAR004" in [d.get("code") for d in diagnostics[1:]]
    assert client.stop() == 0


@needs_pygls
def test_rule_links_follow_the_config_docs_url(client: LspClient, tmp_path: Path) -> None:
    hosted = tmp_path / "hosted"
    hosted.mkdir()
    (hosted / ".starlint.toml").write_text('docs-url = "https://notes.example.com/starlint/docs/rules/"\n' + SELECT,
                                           encoding="utf-8")
    client.start(tmp_path)
    uri = (hosted / "notes.md").as_uri()
    _open(client, uri, NOTE)
    [d] = client.diagnostics(uri, version=1)
    assert d["codeDescription"]["href"] == "https://notes.example.com/starlint/docs/rules/STAR004.md"
    # a note beside it, under the plain config: the installed page
    plain = (tmp_path / "plain.md").as_uri()
    _open(client, plain, NOTE)
    [d] = client.diagnostics(plain, version=1)
    assert d["codeDescription"]["href"].startswith("file:")


@needs_pygls
def test_the_client_can_point_the_links_elsewhere(client: LspClient, tmp_path: Path) -> None:
    client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {},
                                  "initializationOptions": {"ruleDocsUrl": "https://rules.example.com/{code}"}})
    client.notify("initialized", {})
    uri = (tmp_path / "notes.md").as_uri()
    _open(client, uri, NOTE)
    [d] = client.diagnostics(uri, version=1)
    assert d["codeDescription"]["href"] == "https://rules.example.com/STAR004"


@needs_pygls
def test_latency_of_a_200_line_note(client: LspClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    client.start(tmp_path)
    story_lines = NOTE.split("\n")[2:]  # two stories, 11 lines
    body = ["# 큰 노트", ""]
    while len(body) < 200:
        body += story_lines
    text = "\n".join(body)
    uri = (tmp_path / "big.md").as_uri()
    started = time.perf_counter()
    _open(client, uri, text)
    diagnostics = client.diagnostics(uri)
    opened = time.perf_counter() - started
    started = time.perf_counter()
    _open(client, (tmp_path / "big2.md").as_uri(), text)
    client.diagnostics((tmp_path / "big2.md").as_uri())
    reopened = time.perf_counter() - started
    started = time.perf_counter()
    _change(client, uri, text + "\n", 2)
    client.diagnostics(uri, version=2)
    changed = time.perf_counter() - started
    assert sum(d["code"] == "STAR004" for d in diagnostics) == sum(line.startswith("- Kafka") for line in body)
    with capsys.disabled():
        print(f"\nstarlint lsp, {len(text.splitlines())}-line note: didOpen → diagnostics {opened * 1000:.0f} ms "
              f"(first file after start: includes loading the rule packs), {reopened * 1000:.0f} ms (next file); "
              f"didChange → diagnostics {changed * 1000:.0f} ms (includes the {DEBOUNCE_MS} ms debounce)")
    assert client.stop() == 0


@needs_pygls
def test_placeholders_follow_the_story_style() -> None:
    from starlint.config import Config
    from starlint.engine import lint_text
    from starlint.lsp import MISSING_PART, DocState, placeholder_edit

    def fix(text: str, code: str) -> tuple[int, str]:
        report = lint_text(text, "x.md")
        state = DocState(uri="file:///x.md", version=1, text=text, config=Config(), report=report)
        [d] = [d for d in report.diagnostics if d.code == code]
        story = next(s for s in state.stories() if s.line == d.line)
        edit = placeholder_edit(state, story, MISSING_PART[code], story.language, "utf-16")
        assert edit is not None
        position = lambda p: {"line": p.line, "character": p.character}  # noqa: E731
        fixed = apply_edit(text, {"range": {"start": position(edit.range.start), "end": position(edit.range.end)},
                                  "newText": edit.new_text})
        assert code in [d.code for d in lint_text(fixed, "x.md").diagnostics]  # empty until written
        return edit.range.start.line, edit.new_text

    bold = ("## Prioritize\n\n**Situation:** Two weeks before a deadline, compliance found 3 KYC fields missing.\n"
            "**Action:** I cut the referral scope and paired one engineer with compliance.\n"
            "**Result:** The fields went live 4 days early.\n")
    assert fix(bold, "STAR002") == (3, "**Task:** <!-- the goal, and your role in it -->\n")
    headings = "## Story\n\n### Situation\nCheckout broke in 2023.\n\n### Action\nI rewrote the retry logic.\n"
    line, text = fix(headings, "STAR004")
    assert text.startswith("\n### Result\n<!--") and line == 7
    letters = "## 스토리\n- **S:** 2023년 결제 장애\n- **T:** 복구 담당\n- **R:** 장애 건수 월 5건 → 0건\n"
    assert fix(letters, "STAR003") == (3, "- **A:** <!-- 본인이 직접 한 일을 '제가 …했습니다'처럼 구체적으로 -->\n")
    empty_label = "## Story\n\n### Situation\nCheckout broke in 2023.\n\n### Task\nFix it.\n\n### Action\nI rewrote it.\n\n### Result\n"
    assert fix(empty_label, "STAR004")[1].startswith("<!-- what changed")  # a hint under the empty label


def test_lsp_needs_the_extra() -> None:
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['starlint', 'lsp']\n"
            "from starlint.cli import main; main()")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "pip install 'starlint[lsp]'" in run.stderr


def test_the_command_line_does_not_load_pygls() -> None:
    code = "import sys, starlint.cli; print(any(m.split('.')[0] in ('pygls', 'lsprotocol') for m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "False", run.stderr


@needs_pygls
def test_an_unused_suppression_can_be_removed() -> None:
    from starlint.config import Config
    from starlint.engine import lint_text
    from starlint.lsp import DocState, removal_edit

    config = Config(extend_select=["STAR910"])
    text = "<!-- starlint-disable-next-story STAR002 -->\n" + NOTE.split("\n", 7)[7]  # the complete story
    report = lint_text(text, "x.md", config)
    [d] = [d for d in report.diagnostics if d.code == "STAR910"]
    assert d.line == 1
    edit = removal_edit(DocState(uri="u", version=1, text=text, config=config, report=report), d.line, "utf-16")
    assert edit is not None and edit.new_text == ""
    assert (edit.range.start.line, edit.range.end.line, edit.range.end.character) == (0, 1, 0)
    inline = "## 배포 자동화 <!-- starlint-disable-line STAR004 -->\n" + "\n".join(NOTE.split("\n")[8:])
    report = lint_text(inline, "x.md", config)
    edit = removal_edit(DocState(uri="u", version=1, text=inline, config=config, report=report), 1, "utf-16")
    assert edit is not None and (edit.range.start.character, edit.range.end.character) == (9, utf16(inline.split("\n")[0]))



# ------------------------------------------------------------ reliability ----
BIG_MB = 5  # a lint of this takes seconds (a 20 MB note: 15-35 s), far above the bounds below
ANSWER_WITHIN = 2.0  # seconds: how soon a request is answered while a big note is linted


def _big_note(mb: float = BIG_MB) -> str:
    chunk = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "answers").glob("*.md"))) + "\n\n"
    return chunk * (int(mb * 1_000_000) // len(chunk.encode()) + 1)


def _timed(client: LspClient, method: str, params: Any = None) -> tuple[Any, float]:
    started = time.monotonic()
    result = client.request(method, params)
    return result, time.monotonic() - started


@needs_pygls
@pytest.mark.slow
def test_requests_are_answered_while_a_big_note_is_linted(client: LspClient, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    client.start(tmp_path)
    uri = (tmp_path / "big.md").as_uri()
    _open(client, uri, _big_note())
    time.sleep(0.5)  # the lint is under way
    position = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
    timings = {}
    _, timings["hover"] = _timed(client, "textDocument/hover", position)
    _, timings["documentSymbol"] = _timed(client, "textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    _, timings["codeAction"] = _timed(client, "textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}})
    # a small note opened beside it is linted at once, not after the big one
    small = (tmp_path / "small.md").as_uri()
    started = time.monotonic()
    _open(client, small, NOTE)
    assert [d["code"] for d in client.diagnostics(small, version=1)] == ["STAR004"]
    timings["small note's diagnostics"] = time.monotonic() - started
    result, timings["shutdown"] = _timed(client, "shutdown")
    assert result is None
    client.notify("exit", None)
    assert client.proc.wait(timeout=10) == 0
    with capsys.disabled():
        print(f"\nwhile a {BIG_MB} MB note is linted: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items()))
    slow = {k: v for k, v in timings.items() if v > ANSWER_WITHIN}
    assert not slow, f"answered later than {ANSWER_WITHIN}s while a big note was linted: {slow}"


@needs_pygls
@pytest.mark.slow
def test_a_change_during_a_lint_publishes_the_latest_version_only(client: LspClient, tmp_path: Path) -> None:
    client.start(tmp_path)
    uri = (tmp_path / "big.md").as_uri()
    _open(client, uri, _big_note(), version=1)
    time.sleep(0.5)  # the lint of version 1 is under way
    _change(client, uri, NOTE, 2)
    first = client.wait("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert first["version"] == 2, "version 1's diagnostics were published after version 2 arrived"
    assert [d["code"] for d in first["diagnostics"]] == ["STAR004"]
    # and version 1's never come later, over version 2's
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}})
    assert "STAR `S T A -`" in hover["contents"]["value"]
    time.sleep(1.0)
    client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})  # (collects what came meanwhile)
    late = [m["params"]["version"] for m in client.unread
            if m["method"] == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
    assert late == [], late
    assert client.stop() == 0


BAD_POSITIONS = [{"line": -1, "character": 0}, {"line": 0, "character": -5}, {"line": 2**31, "character": 0},
                 {"line": 2, "character": 2**40}, {"line": 2**31 - 1, "character": 2**31 - 1},
                 {"line": 1.5, "character": 0}, {"line": None, "character": 0}]


@needs_pygls
def test_a_request_with_a_bad_position_gets_an_answer(client: LspClient, tmp_path: Path) -> None:
    client.start(tmp_path)
    uri = (tmp_path / "notes.md").as_uri()
    _open(client, uri, NOTE)
    client.diagnostics(uri, version=1)
    for position in BAD_POSITIONS:
        for method, params in [
            ("textDocument/hover", {"textDocument": {"uri": uri}, "position": position}),
            ("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {"start": position, "end": position},
                                         "context": {"diagnostics": []}}),
        ]:
            answer = client.call(method, params, timeout=5)
            if "error" in answer:  # a proper JSON-RPC error: invalid params
                assert answer["error"]["code"] == -32602, (position, answer)
            else:
                assert answer["result"] in (None, []), (position, answer)
    # and the server goes on serving
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 0}})
    assert "STAR `S T A -`" in hover["contents"]["value"]
    assert client.stop() == 0


def _framed(message: dict[str, Any], length_change: int = 0, header: str | None = None) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    head = header if header is not None else f"Content-Length: {len(body) + length_change}"
    return head.encode() + b"\r\n\r\n" + body


HOVER = {"id": 90, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": "file:///nowhere/x.md"}, "position": {"line": 0, "character": 0}}}
SYMBOLS = {"id": 91, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": "file:///nowhere/x.md"}}}
BAD_FRAMES = {
    "too short": _framed(HOVER, -7) + _framed(SYMBOLS),
    "too long, then another message": _framed(HOVER, +40) + _framed(SYMBOLS),
    "too long, nothing after": _framed(HOVER, +40),
    "not a number": _framed(HOVER, header="Content-Length: twelve"),
    "negative": _framed(HOVER, header="Content-Length: -5"),
    "no Content-Length": _framed(HOVER, header="Content-Type: application/vscode-jsonrpc; charset=utf-8"),
    "absurdly long": _framed(HOVER, header="Content-Length: 99999999999999999999"),
}


@needs_pygls
@pytest.mark.parametrize("frames", list(BAD_FRAMES.values()), ids=list(BAD_FRAMES))
def test_a_wrong_content_length_stops_the_server_with_a_message(client: LspClient, tmp_path: Path,
                                                                frames: bytes) -> None:
    # The stream cannot be trusted after a framing error (which bytes were the next
    # message?), so the server says why on stderr and exits 1; the editor restarts it
    # and sends every open document afresh.  It must never hang or read on, out of step.
    client.start(tmp_path)
    assert client.proc.stdin is not None
    client.proc.stdin.write(frames)
    client.proc.stdin.flush()
    try:
        code = client.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the server neither answered nor stopped after a bad frame;{client._stderr()}") from None
    assert code == 1
    answered = []
    while True:
        try:
            message = client.inbox.get(timeout=1)
        except queue.Empty:
            break
        if message is None:
            break
        answered.append(message.get("id"))
    assert 91 not in answered  # nothing is read out of step
    said = client._stderr()
    assert "starlint lsp:" in said and "Content-Length" in said and "restart" in said, said
    assert "Traceback" not in said, said


@needs_pygls
def test_a_message_that_is_not_json_rpc_gets_an_error(client: LspClient, tmp_path: Path) -> None:
    # framed right but not a request we can read: a JSON-RPC error, and the server goes on
    client.start(tmp_path)
    answer = client.call("textDocument/hover", {"textDocument": "not an object", "position": None}, timeout=5)
    assert answer["error"]["code"] == -32602
    assert client.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///nowhere/x.md"}}) == []
    assert client.stop() == 0


@needs_pygls
def test_code_actions_in_a_big_note_read_only_the_story_again() -> None:
    from starlint.config import Config
    from starlint.engine import lint_text
    from starlint.lsp import CHILD_LINT_CHARS, DocState, _story_around

    text = NOTE
    while len(text) < CHILD_LINT_CHARS:
        text += "\n" + NOTE.split("\n", 2)[2]
    report = lint_text(text, "x.md")
    state = DocState(uri="file:///x.md", version=1, text=text, config=Config(), report=report)
    whole = {s.line: s for s in state.stories()}
    for story in report.stories[-3:]:
        alone = _story_around(state, story.line)
        assert alone is not None and alone.line == story.line and alone.end_line == whole[story.line].end_line
        assert [(u.line, u.parts, u.label) for u in alone.units] == \
               [(u.line, u.parts, u.label) for u in whole[story.line].units]


@needs_pygls
@pytest.mark.slow
def test_the_server_ends_at_once_when_the_editor_goes_during_a_big_lint(client: LspClient, tmp_path: Path) -> None:
    client.start(tmp_path)
    _open(client, (tmp_path / "big.md").as_uri(), _big_note())
    time.sleep(0.5)  # the lint is under way, in a child
    assert client.proc.stdin is not None
    client.proc.stdin.close()  # the editor went away without shutdown and exit
    started = time.monotonic()
    client.proc.wait(timeout=TIMEOUT)
    assert time.monotonic() - started < ANSWER_WITHIN, "the server waited for the lint before it ended"
