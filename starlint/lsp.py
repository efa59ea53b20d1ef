"""`starlint lsp`: a Language Server over stdio (pygls 2), for editors.

It lints each open Markdown note with the same engine, config discovery and
suppression comments as `starlint check`, and adds what an editor can show:

- diagnostics on open, save and (debounced) change, on the story's title line;
- hover on a story title: the story's STAR coverage, in the story's language;
- code actions for each diagnostic: a suppression comment above the story, and for
  STAR001–004 a labelled placeholder for the missing part in the story's own style;
- document symbols: the stories, so the outline is the story bank.

pygls is an optional dependency (``pip install 'starlint[lsp]'``); only the `lsp`
command imports this module.  Positions are in the encoding negotiated with the
client (UTF-16 code units unless the client offers another).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import pickle
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from functools import cached_property

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path, uri_scheme

from . import __version__, ruledocs
from .checks import STORY_RULES, find_rule
from .config import CONFIG_NAMES, Config
from .engine import lint_text, read_document
from .lspworker import config_for, lint_document
from .models import PARTS, Diagnostic, FileReport, Story, StoryReport

DEBOUNCE_SECONDS = 0.3  # wait this long after the last keystroke before linting again
# A document this long (in characters) is linted in a child process: the server keeps
# answering meanwhile, and a run made stale by a newer version is killed.  Below it the
# lint takes well under a second and is done in the server (no process to start).
CHILD_LINT_CHARS = 100_000
# A request about a document whose lint is running waits this long for it; then it is
# answered from the last finished lint (hover, outline) or with nothing (code actions,
# whose edits must fit the text the editor has now).
REQUEST_WAIT_SECONDS = 0.5
# Framing: the largest message taken (a 20 MB note is about 40 MB of JSON), and how long
# a message body may stall while what came of it is already a whole JSON value.
MAX_MESSAGE_BYTES = 1 << 30
STALL_SECONDS = 1.0

logger = logging.getLogger(__name__)

# Each diagnostic links to its rule's page (starlint/ruledocs.py): the config's docs-url
# (or $STARLINT_DOCS_URL) when one is set, else the page installed with starlint, as a
# file: URI.  A client can point every link elsewhere with
# initializationOptions.ruleDocsUrl, a template with {code} in it.

SEVERITIES = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
MISSING_PART = {"STAR001": "situation", "STAR002": "task", "STAR003": "action", "STAR004": "result"}
LETTERS = {"situation": "S", "task": "T", "action": "A", "result": "R"}
PART_NAMES = {
    "ko": {"situation": "상황", "task": "과제", "action": "행동", "result": "결과"},
    "en": {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"},
}
HINTS = {
    "ko": {"situation": "언제, 어디서, 무슨 일이 있었는지",
           "task": "무엇을 이뤄야 했는지, 그 안에서 본인의 역할",
           "action": "본인이 직접 한 일을 '제가 …했습니다'처럼 구체적으로",
           "result": "무엇이 달라졌는지, 가능하면 숫자로 (예: 41% → 32%)"},
    "en": {"situation": "where and when it happened, and what was going on",
           "task": "the goal, and your role in it",
           "action": "what you did yourself, step by step",
           "result": "what changed because of it, with a number if you can (e.g. 40% → 71%)"},
}
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LIST_MARKER = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)")
_LABEL_TAIL = re.compile(r"^[\s*_:：\-—–)\]】>|.]*")
_DIRECTIVE_COMMENT = re.compile(r"\s*<!--\s*starlint-[\w-]+.*?-->", re.I)
_NEXT_STORY = re.compile(r"^(\s*)<!--\s*starlint-disable-next-story\b(.*?)-->\s*$", re.I)


# ------------------------------------------------------------- documents ----
@dataclass
class DocState:
    """What the server knows about one open document, as of its last lint."""

    uri: str
    version: int | None
    text: str
    config: Config
    report: FileReport
    config_error: str | None = None
    _stories: list[Story] | None = field(default=None, repr=False)

    @cached_property
    def lines(self) -> list[str]:
        return _LINE_BREAK.split(self.text)

    def stories(self) -> list[Story]:
        """The classified stories (parsed again only when a code action needs them)."""
        if self._stories is None:
            self._stories = read_document(self.text, self.report.path, self.config)[1]
        return self._stories

    def language(self, story_language: str) -> str:
        return story_language if self.config.messages == "auto" else self.config.messages


def units(text: str, encoding: str | None) -> int:
    """The length of `text` in the position encoding's code units."""
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def line_range(lines: list[str], line: int, encoding: str | None, end_line: int | None = None) -> lsp.Range:
    """Lines `line`..`end_line` (1-based, inclusive) whole, as an LSP range."""
    first = min(max(line - 1, 0), max(len(lines) - 1, 0))
    last = min(max((end_line or line) - 1, first), max(len(lines) - 1, 0))
    text = lines[last] if lines else ""
    return lsp.Range(start=lsp.Position(line=first, character=0),
                     end=lsp.Position(line=last, character=units(text, encoding)))


# --------------------------------------------------------------- server ----
class FramingError(Exception):
    """The client's message framing is broken: the stream cannot be read on."""


@dataclass
class _Run:
    """A lint of one version of a big document, in a child process."""

    version: int | None
    task: asyncio.Task
    process: subprocess.Popen | None = None


class StarlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("starlint", __version__)
        self.open: set[str] = set()  # URIs as the client sends them (pygls keys its own unquoted)
        self.documents: dict[str, DocState] = {}
        self.pending: dict[str, asyncio.Task] = {}  # debounced lints
        self.runs: dict[str, _Run] = {}  # lints in a child process
        self.docs_url: str | None = None  # the client's ruleDocsUrl template, when it sent one

    @property
    def encoding(self) -> str | None:
        return self.workspace.position_encoding

    # -- linting --------------------------------------------------------------
    def _path(self, uri: str) -> tuple[bool, str | None]:
        """(whether the document is ours to lint, its file path if it has one)."""
        document = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) if uri_scheme(uri) == "file" else None
        if path is not None and not (document.language_id or "").startswith("markdown") \
                and not path.lower().endswith(MARKDOWN_SUFFIXES):
            return False, path  # not a notes file: the client sent it, but it is not ours
        return True, path

    def lint(self, uri: str) -> DocState | None:
        """Lint the document here and now (a small one; see `refresh` for any size)."""
        ours, path = self._path(uri)
        if not ours:
            return None
        document = self.workspace.get_text_document(uri)
        text = document.source
        config, report, problem = lint_document(text, path)
        state = DocState(uri=uri, version=document.version, text=text, config=config, report=report,
                         config_error=problem)
        self.documents[uri] = state
        return state

    def is_current(self, state: DocState | None) -> bool:
        if state is None:
            return False
        document = self.workspace.get_text_document(state.uri)
        return state.version == document.version and state.text == document.source

    def refresh(self, uri: str, fresh: bool = True, config_changed: bool = False) -> asyncio.Task | None:
        """Lint the document and publish its diagnostics: at once when it is small, else in a
        child process (the task returned ends with the state, or None when it went stale).
        `fresh=False` reuses a lint of the same text (a hover may have linted it since); a
        child already linting this version goes on unless `config_changed`."""
        state = self.documents.get(uri)
        if not fresh and self.is_current(state):
            self.publish(state)
            return None
        document = self.workspace.get_text_document(uri)
        if len(document.source) < CHILD_LINT_CHARS:
            self.cancel_run(uri)
            state = self.lint(uri)
            if state is not None:
                self.publish(state)
            return None
        run = self.runs.get(uri)
        if run is not None and run.version == document.version and not config_changed:
            return run.task  # this version is being linted already (its config was read as it began)
        self.cancel_run(uri)
        run = _Run(version=document.version, task=None)  # type: ignore[arg-type]
        run.task = asyncio.get_running_loop().create_task(self._lint_in_child(uri, run))
        self.runs[uri] = run
        return run.task

    async def _lint_in_child(self, uri: str, run: _Run) -> DocState | None:
        ours, path = self._path(uri)
        if not ours:
            return None
        document = self.workspace.get_text_document(uri)
        text = document.source
        loop = asyncio.get_running_loop()
        try:
            # (started in a thread: the document is written to it as it reads)
            out = await loop.run_in_executor(None, self._run_child, run, pickle.dumps((text, path)))
        except OSError as exc:  # no process could be started: lint here, slow as that is
            logger.error("starlint lsp: cannot start a process to lint %s (%s); linting it in the server", uri, exc)
            out = None
            if uri in self.open and document.version == run.version:
                state = self.lint(uri)
                if state is not None:
                    self.publish(state)
                return state
        finally:
            if self.runs.get(uri) is run:
                del self.runs[uri]
        if out is None or uri not in self.open or document.version != run.version \
                or self.workspace.get_text_document(uri) is not document:
            return None  # killed, or a newer version came meanwhile: never published over it
        try:
            report, problem = pickle.loads(out)
        except Exception as exc:  # noqa: BLE001 — a child that died mid-write
            logger.error("starlint lsp: the lint of %s in a child process failed: %s", uri, exc)
            return None
        config, _problem = config_for(path)
        state = DocState(uri=uri, version=run.version, text=text, config=config, report=report,
                         config_error=problem)
        self.documents[uri] = state
        self.publish(state)
        return state

    def _run_child(self, run: _Run, job: bytes) -> bytes | None:
        """In a worker thread: the child's pickled result, or None when it was killed."""
        if run.task.cancelled():
            return None
        process = subprocess.Popen([sys.executable, "-m", "starlint.lspworker"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        run.process = process
        if run.task.cancelled() or run.task.done():  # cancelled while it started
            process.kill()
        try:
            out, _ = process.communicate(job)
        except (OSError, ValueError):  # killed while the document was written to it
            process.kill()
            process.wait()
            return None
        if process.returncode != 0 and not run.task.cancelled() and run.version is not None:
            logger.error("starlint lsp: the process linting a document ended with %s", process.returncode)
        return out if process.returncode == 0 else None

    def cancel_run(self, uri: str) -> None:
        run = self.runs.pop(uri, None)
        if run is not None:
            run.task.cancel()
            if run.process is not None and run.process.poll() is None:
                run.process.kill()

    def publish(self, state: DocState) -> None:
        """Send the document's diagnostics (as of `state`)."""
        lines = state.lines
        diagnostics = [self.to_lsp(d, lines, state.config) for d in state.report.diagnostics]
        if state.config_error:
            diagnostics.insert(0, lsp.Diagnostic(
                range=line_range(lines, 1, self.encoding), severity=lsp.DiagnosticSeverity.Error,
                source="starlint", message=f"starlint config error (linted with default settings): "
                                           f"{state.config_error}"))
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=state.uri, version=state.version, diagnostics=diagnostics))

    def rule_link(self, code: str, config: Config | None = None) -> str | None:
        """The address of rule `code`'s page for a document under `config` (None: no page to link)."""
        if self.docs_url is not None:
            return self.docs_url.replace("{code}", code)
        return ruledocs.page_url(code, config.docs_url if config is not None else None)

    def to_lsp(self, d: Diagnostic, lines: list[str], config: Config | None = None) -> lsp.Diagnostic:
        href = self.rule_link(d.code, config)
        return lsp.Diagnostic(
            range=line_range(lines, d.line, self.encoding),
            severity=SEVERITIES[d.severity],
            code=d.code,
            code_description=lsp.CodeDescription(href=href) if href else None,
            source="starlint",
            message=d.message,
            data={"name": d.name, "story_line": d.story_line, "end_line": d.end_line},
        )

    def cancel(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    def schedule(self, uri: str) -> None:
        self.cancel(uri)
        run = self.runs.get(uri)
        if run is not None and run.version != self.workspace.get_text_document(uri).version:
            self.cancel_run(uri)  # stale now: its result would be dropped anyway
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri))

    async def _lint_later(self, uri: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        self.pending.pop(uri, None)
        if uri in self.open:
            self.refresh(uri, fresh=False)

    def stop_all(self) -> None:
        for uri in list(self.pending):
            self.cancel(uri)
        for uri in list(self.runs):
            self.cancel_run(uri)

    def shutdown(self) -> None:
        self.stop_all()  # first: the thread pool waits for the threads that wait on children
        super().shutdown()

    # -- the stream -------------------------------------------------------------
    def start_io(self, stdin=None, stdout=None) -> None:  # type: ignore[override]
        """pygls's stdio loop, with framing checked: a wrong Content-Length ends the server
        with a message (FramingError) instead of reading on out of step, and a request whose
        params do not fit (a negative position) gets a JSON-RPC error instead of no answer."""
        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(self._serve((stdin or sys.stdin.buffer).fileno()))
        finally:
            self.shutdown()

    async def _serve(self, fd: int) -> None:
        loop = asyncio.get_running_loop()
        chunks: asyncio.Queue[bytes] = asyncio.Queue()

        def pump() -> None:  # a thread: a blocking read of stdin must not hold the loop
            while True:
                try:
                    data = os.read(fd, 1 << 16)
                except OSError:
                    data = b""
                loop.call_soon_threadsafe(chunks.put_nowait, data)
                if not data:
                    return

        threading.Thread(target=pump, name="starlint-stdin", daemon=True).start()
        reader = _Frames(chunks)
        try:
            while self._stop_event is not None and not self._stop_event.is_set():
                body = await reader.next_body()
                if body is None:
                    return  # the client closed the stream
                self._handle_body(body, reader.length)
        finally:
            # before asyncio.run waits for its worker threads: those waiting on a child end now
            self.stop_all()

    def _handle_body(self, body: bytes, length: int) -> None:
        try:
            data = json.loads(body)
        except ValueError as exc:  # (UnicodeDecodeError is one)
            raise FramingError(f"a message of Content-Length {length} is not valid JSON ({exc}): the "
                               f"Content-Length is wrong, or the message is") from None
        if not isinstance(data, dict):
            self.protocol._send_data({"jsonrpc": "2.0", "id": None,
                                      "error": {"code": -32600, "message": "Invalid Request: not a JSON object"}})
            return
        try:
            message = self.protocol.structure_message(data)
        except JsonRpcException as exc:
            if "method" in data and isinstance(data.get("id"), (int, str)):
                self.protocol._send_response(data["id"], error=exc.to_response_error())
            else:
                logger.error("starlint lsp: dropped a notification that does not fit its schema: %s",
                             data.get("method"))
            return
        try:
            self.protocol.handle_message(message)
        except Exception:  # noqa: BLE001 — as pygls: one bad message must not stop the server
            logger.exception("Unable to handle message")


class _Frames:
    """Content-Length framing over a queue of stdin chunks, checked as it is read."""

    def __init__(self, chunks: asyncio.Queue[bytes]) -> None:
        self.chunks = chunks
        self.buffer = bytearray()
        self.eof = False
        self.length = 0

    async def _more(self, timeout: float | None = None) -> bool:
        """Read one more chunk (False: none came within `timeout`)."""
        if self.eof:
            return False
        try:
            data = await asyncio.wait_for(self.chunks.get(), timeout)
        except asyncio.TimeoutError:
            return False
        if not data:
            self.eof = True
            return False
        self.buffer += data
        return True

    async def next_body(self) -> bytes | None:
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                break
            if len(self.buffer) > 8192:
                raise FramingError(f"no message header (Content-Length: …) where one should start: "
                                   f"{bytes(self.buffer[:40])!r}…")
            if not await self._more():
                if self.eof and self.buffer.strip():
                    raise FramingError(f"the stream ended inside a message header: {bytes(self.buffer[:40])!r}")
                if self.eof:
                    return None
        header = bytes(self.buffer[:end])
        del self.buffer[:end + 4]
        self.length = length = _content_length(header)
        while len(self.buffer) < length:
            if await self._more(STALL_SECONDS):
                continue
            if self.eof:
                raise FramingError(f"the stream ended {length - len(self.buffer)} bytes short of a message's "
                                   f"Content-Length {length}")
            whole = _whole_json(self.buffer)
            if whole is not None:
                raise FramingError(f"Content-Length {length} is more than the message: its JSON ends after "
                                   f"{whole} bytes, and nothing more came")
        body = bytes(self.buffer[:length])
        del self.buffer[:length]
        return body


def _content_length(header: bytes) -> int:
    length = None
    for line in header.split(b"\r\n"):
        name, colon, value = line.partition(b":")
        if not colon or not name.strip():
            raise FramingError(f"a message header line is not `Name: value`: {line[:60]!r}")
        if name.strip().lower() == b"content-length":
            value = value.strip()
            if not value.isdigit():
                raise FramingError(f"Content-Length {value[:30].decode('latin-1')!r} is not a number of bytes")
            length = int(value)
            if length > MAX_MESSAGE_BYTES:
                raise FramingError(f"Content-Length {length} is more than a message can be "
                                   f"({MAX_MESSAGE_BYTES} bytes)")
    if length is None:
        raise FramingError(f"a message header without Content-Length: {header[:80]!r}")
    return length


def _whole_json(buffer: bytearray) -> int | None:
    """The length of the JSON value at the start of `buffer`, if a whole one is there."""
    try:
        _value, end = json.JSONDecoder().raw_decode(buffer.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return len(buffer.decode("utf-8")[:end].encode("utf-8"))


server = StarlintServer()


@server.feature(lsp.INITIALIZE)
def on_initialize(ls: StarlintServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("ruleDocsUrl"), str) and "{code}" in options["ruleDocsUrl"]:
        ls.docs_url = options["ruleDocsUrl"]


@server.feature(lsp.SHUTDOWN)
def on_shutdown(ls: StarlintServer, params: None) -> None:
    ls.stop_all()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: StarlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.open.add(params.text_document.uri)
    ls.refresh(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: StarlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: StarlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if uri.rsplit("/", 1)[-1] in CONFIG_NAMES:  # a config file: every open note may read differently
        for open_uri in list(ls.open):
            ls.cancel(open_uri)
            ls.refresh(open_uri, config_changed=True)
        return
    ls.cancel(uri)
    if uri in ls.open:
        ls.refresh(uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: StarlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.open.discard(uri)
    ls.cancel(uri)
    ls.cancel_run(uri)
    if ls.documents.pop(uri, None) is not None:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


async def _current(ls: StarlintServer, uri: str, stale_ok: bool = True) -> DocState | None:
    """The document's state, linted again first if it changed since the last lint.  A big
    document's lint runs in a child: wait a little for it, then answer from the last lint
    (`stale_ok`) or with None."""
    state = ls.documents.get(uri)
    if uri not in ls.open or ls.is_current(state):
        return state
    if len(ls.workspace.get_text_document(uri).source) < CHILD_LINT_CHARS:
        return ls.lint(uri)
    task = ls.refresh(uri, fresh=False)
    if task is not None:
        await asyncio.wait({task}, timeout=REQUEST_WAIT_SECONDS)  # (on time-out the lint goes on)
        fresh = task.result() if task.done() and not task.cancelled() and task.exception() is None else None
        if fresh is not None and ls.is_current(fresh):
            return fresh
    return state if stale_ok else None


def _story_at(state: DocState, line0: int) -> StoryReport | None:
    return next((s for s in state.report.stories if s.line == line0 + 1), None)


# ----------------------------------------------------------------- hover ----
@server.feature(lsp.TEXT_DOCUMENT_HOVER)
async def hover(ls: StarlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    state = await _current(ls, params.text_document.uri)
    if state is None:
        return None
    story = _story_at(state, params.position.line)
    if story is None:
        return None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                   value=coverage_text(story, state.language(story.language))),
        range=line_range(state.lines, story.line, ls.encoding),
    )


def coverage(story: StoryReport) -> str:
    """`S T A R` with a dash for each missing part, as `starlint inspect` prints it."""
    return " ".join(LETTERS[p] if p in story.parts else "-" for p in PARTS)


def _line_list(lines: list[int]) -> str:
    runs: list[list[int]] = []
    for n in lines:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def coverage_text(story: StoryReport, language: str) -> str:
    """The hover: which parts the story has, on which lines, and whether its Result is measured."""
    ko = language == "ko"
    names = PART_NAMES["ko" if ko else "en"]
    out = [f"**{story.title or '…'}** — STAR `{coverage(story)}`", ""]
    for part in PARTS:
        lines = story.parts.get(part)
        label = f"{names[part]} ({LETTERS[part]})" if ko else names[part]
        if not lines:
            out.append(f"- ✗ {label}: " + ("없음" if ko else "missing"))
            continue
        where = (f"{_line_list(lines)}행" if ko
                 else f"line{'s' if len(lines) > 1 else ''} {_line_list(lines)}")
        extra = ""
        if part == "result" and story.quantified is not None:
            if ko:
                extra = " — 수치 있음" if story.quantified else " — 측정 가능한 수치 없음"
            else:
                extra = " — measured" if story.quantified else " — no measurable figure"
        out.append(f"- ✓ {label}: {where}{extra}")
    found = sum(1 for p in PARTS if p in story.parts)
    out += ["", f"{found}/4 부분" if ko else f"{found}/4 parts"]
    return "\n".join(out)


# ------------------------------------------------------- document symbols ----
@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbols(ls: StarlintServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    state = await _current(ls, params.text_document.uri)
    if state is None:
        return []
    lines = state.lines
    return [
        lsp.DocumentSymbol(
            name=s.title.strip() or "(untitled story)",
            detail=coverage(s),
            kind=lsp.SymbolKind.Event,
            range=line_range(lines, s.line, ls.encoding, s.end_line),
            selection_range=line_range(lines, s.line, ls.encoding),
        )
        for s in state.report.stories
    ]


# ----------------------------------------------------------- code actions ----
@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
async def code_actions(ls: StarlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    state = await _current(ls, uri, stale_ok=False)  # edits must fit the text as it is now
    if state is None:
        return []
    out: list[lsp.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "starlint" or not isinstance(diagnostic.code, str):
            continue
        code = diagnostic.code
        line = diagnostic.range.start.line + 1
        story = _story_around(state, line)
        language = state.language(story.language if story else "en")
        if code in MISSING_PART and story is not None and story.line == line:
            edit = placeholder_edit(state, story, MISSING_PART[code], language, ls.encoding)
            if edit is not None:
                part = MISSING_PART[code]
                label = (f"{PART_NAMES['ko'][part]}({PART_NAMES['en'][part]})" if language == "ko"
                         else PART_NAMES["en"][part])
                title = (f"{label} 자리 추가: {HINTS['ko'][part]}" if language == "ko"
                         else f"Add a {label} placeholder: {HINTS['en'][part]}")
                out.append(_action(title, uri, edit, diagnostic, preferred=True))
        if story is not None and find_rule(code) in STORY_RULES:
            title = (f"이 스토리에서 {code} 끄기 (starlint-disable-next-story)" if language == "ko"
                     else f"Disable {code} for this story (starlint-disable-next-story)")
            out.append(_action(title, uri, suppression_edit(state, story, code), diagnostic))
        elif code == "STAR910":  # an unused suppression: the fix is to remove it
            edit = removal_edit(state, line, ls.encoding)
            if edit is not None:
                title = ("쓰이지 않는 starlint 주석 지우기" if language == "ko"
                         else "Remove the unused starlint comment")
                out.append(_action(title, uri, edit, diagnostic, preferred=True))
    return out


def _story_around(state: DocState, line: int) -> Story | None:
    """The story that holds `line` (1-based), read with its units.  In a big document only
    that story's lines are read again (at their own line numbers), not the whole note."""
    if len(state.text) < CHILD_LINT_CHARS:
        return next((s for s in reversed(state.stories()) if s.line <= line <= s.end_line), None)
    found = next((s for s in reversed(state.report.stories) if s.line <= line <= s.end_line), None)
    if found is None:
        return None
    alone = "\n" * (found.line - 1) + "\n".join(state.lines[found.line - 1:found.end_line])
    stories = read_document(alone, state.report.path, state.config)[1]
    return next((s for s in stories if s.line == found.line), None)


def _action(title: str, uri: str, edit: lsp.TextEdit, diagnostic: lsp.Diagnostic,
            preferred: bool = False) -> lsp.CodeAction:
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                          is_preferred=preferred or None,
                          edit=lsp.WorkspaceEdit(changes={uri: [edit]}))


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def suppression_edit(state: DocState, story: Story, code: str) -> lsp.TextEdit:
    """`<!-- starlint-disable-next-story CODE -->` above the story (joined to one already there)."""
    lines = state.lines
    nl = _newline(state.text)
    row = story.line - 1
    indent = re.match(r"\s*", lines[row] if row < len(lines) else "").group(0)
    above = lines[row - 1] if row >= 1 else ""
    m = _NEXT_STORY.match(above)
    if m and m.group(2).strip():
        codes = m.group(2).split()
        if code not in codes:
            codes.append(code)
        return lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=row - 1, character=0),
                                            end=lsp.Position(line=row, character=0)),
                            new_text=f"{m.group(1)}<!-- starlint-disable-next-story {' '.join(codes)} -->{nl}")
    return lsp.TextEdit(range=_at(row, 0), new_text=f"{indent}<!-- starlint-disable-next-story {code} -->{nl}")


def removal_edit(state: DocState, line: int, encoding: str | None) -> lsp.TextEdit | None:
    """Delete the one starlint comment on `line` (the whole line when nothing else is on it)."""
    lines = state.lines
    if not 0 < line <= len(lines):
        return None
    source = lines[line - 1]
    found = list(_DIRECTIVE_COMMENT.finditer(source))
    if len(found) != 1:
        return None
    m = found[0]
    if not (source[:m.start()] + source[m.end():]).strip() and line < len(lines):
        return lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=line - 1, character=0),
                                            end=lsp.Position(line=line, character=0)), new_text="")
    start = len(source[:m.start()].rstrip())
    return lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=line - 1, character=units(source[:start], encoding)),
                                        end=lsp.Position(line=line - 1, character=units(source[:m.end()], encoding))),
                        new_text="")


def _at(line: int, character: int) -> lsp.Range:
    position = lsp.Position(line=line, character=character)
    return lsp.Range(start=position, end=position)


def _effective_parts(story: Story) -> list[tuple[int, list[str]]]:
    """(unit index, parts) where a bare label (a `### Result` heading) takes its followers' parts."""
    out = []
    for i, unit in enumerate(story.units):
        parts: list[str] = list(unit.parts)
        if not parts and unit.label:
            follower = next((u for u in story.units[i + 1:] if u.parts and u.inherited == unit.label), None)
            parts = list(follower.parts) if follower else []
        out.append((i, parts))
    return out


@dataclass
class _Style:
    prefix: str  # before the label: "  - ", "**", "### ", "📌 **"
    label: str  # the label to write
    tail: str  # after the label: " : ", ":** ", ""
    heading: bool = False


def _style(story: Story, lines: list[str], part: str, language: str) -> _Style:
    """Write the new label the way this story writes its labels (or its bullets)."""
    names = PART_NAMES[language if language in PART_NAMES else "en"]
    labelled = [u for u in story.units if u.label and u.label_text and u.line_start and u.line != story.line]
    for unit in labelled:
        source = lines[unit.line - 1] if unit.line - 1 < len(lines) else ""
        at = source.casefold().find(unit.label_text.casefold())
        if at < 0:
            continue
        written = unit.label_text.strip("[]() ")
        if len(written) == 1 and written.upper() in "STAR":
            label = LETTERS[part]
        elif re.search(r"[\uac00-\ud7a3]", written):
            label = PART_NAMES["ko"][part]
        else:
            label = PART_NAMES["en"][part]
        prefix = source[:at]
        numbered = re.match(r"^(\s*)\d+([.)])", prefix)
        if numbered:  # `2) 과제` after `1) 상황`
            prefix = f"{numbered.group(1)}{PARTS.index(part) + 1}{prefix[numbered.end() - 1:]}"
        rest = source[at + len(unit.label_text):]
        tail = _LABEL_TAIL.match(rest).group(0).rstrip()
        if tail.strip() in ("-", "."):  # `Action - did x` is a label, a bare `Action -` is not
            tail = ":"
        heading = prefix.lstrip().startswith("#")
        return _Style(prefix=prefix, label=label, tail="" if heading else tail + " ", heading=heading)
    # no labels to copy: a nested bullet like the story's others, or a bold label line
    sep = " : " if language == "ko" else ": "
    for unit in story.units:
        source = lines[unit.line - 1] if unit.line - 1 < len(lines) else ""
        m = _LIST_MARKER.match(source)
        if m and unit.line != story.line:
            return _Style(prefix=f"{m.group(1)}{m.group(2)} ", label=names[part], tail=sep)
    if story.shape == "bullet":
        title = lines[story.line - 1] if story.line - 1 < len(lines) else ""
        m = _LIST_MARKER.match(title)
        indent = " " * (len(m.group(0)) if m else 2)
        return _Style(prefix=f"{indent}- ", label=names[part], tail=sep)
    return _Style(prefix="**", label=names[part], tail=":** ")


def placeholder_edit(state: DocState, story: Story, part: str, language: str,
                     encoding: str | None) -> lsp.TextEdit | None:
    """Insert an empty, labelled line for the missing part where STAR order puts it.

    The label is left empty and the hint is an HTML comment (never story text), so the
    diagnostic stays until the user writes the part.  In unlabelled prose the new label
    goes in a paragraph of its own at the story's end."""
    lines = state.lines
    nl = _newline(state.text)
    index = PARTS.index(part)  # type: ignore[arg-type]
    hint = f"<!-- {HINTS[language if language in HINTS else 'en'][part]} -->"
    effective = _effective_parts(story)
    kinds = {part, "learning"} if part == "result" else {part}
    for i, parts in effective:  # the label is there already, with nothing under it: hint at it
        unit = story.units[i]
        if parts or unit.label not in kinds or not unit.line_start or unit.line - 1 >= len(lines):
            continue
        source = lines[unit.line - 1]
        if "<!--" in source:
            return None  # a placeholder (or a note) is there already
        if source.lstrip().startswith("#"):
            return lsp.TextEdit(range=_at(unit.line, 0), new_text=hint + nl)
        end = units(source.rstrip(), encoding)
        return lsp.TextEdit(range=_at(unit.line - 1, end), new_text=("" if source.rstrip().endswith(" ") else " ") + hint)
    style = _style(story, lines, part, language)
    earlier = [story.units[i].line for i, parts in effective if any(PARTS.index(p) < index for p in parts)]  # type: ignore[arg-type]
    after = max(earlier, default=story.line)
    # before the first later part, unless that is unlabelled prose: a label line above
    # prose claims the prose after it, so there the placeholder goes at the story's end
    before = next((u.line for u, parts in ((story.units[i], parts) for i, parts in effective)
                   if parts and min(PARTS.index(p) for p in parts) > index  # type: ignore[arg-type]
                   and u.line > after and u.line_start and u.line != story.line
                   and not (u.in_paragraph and u.label is None)), None)
    prose = not style.heading and style.prefix == "**" and not any(u.label for u in story.units)
    if style.heading:
        body = [f"{style.prefix}{style.label}", hint]
    else:
        body = [f"{style.prefix}{style.label}{style.tail}{hint}"]
    if before is not None:
        if style.heading or prose:
            body = body + [""]
        return lsp.TextEdit(range=_at(before - 1, 0), new_text=nl.join(body) + nl)
    # at the end of the story's text (its last non-blank line)
    last = min(story.end_line, len(lines))
    while last > story.line and not lines[last - 1].strip():
        last -= 1
    if style.heading or prose:
        body = [""] + body
    if last < len(lines):
        return lsp.TextEdit(range=_at(last, 0), new_text=nl.join(body) + nl)
    return lsp.TextEdit(range=_at(last - 1, units(lines[last - 1], encoding)), new_text=nl + nl.join(body))


def _warm_up() -> None:
    lint_text("# warm-up\n\n- a\n  - b\n")


def serve() -> None:
    """Speak LSP on stdin/stdout until the client says exit."""
    # Load the Markdown parser and the rule packs while the client is still starting up,
    # so the first didOpen is answered as quickly as the next ones.
    threading.Thread(target=_warm_up, name="starlint-warm-up", daemon=True).start()
    try:
        server.start_io()
    except FramingError as exc:
        # Out of step, every later message would be read wrong: stop, and say so where
        # the editor logs it.  Editors restart a server that exits (VS Code up to 5
        # times in 3 minutes), and a restarted server is sent every open document afresh.
        sys.stderr.write(f"starlint lsp: {exc}; the stream is out of step, so the server stops "
                         f"(exit 1) for the editor to restart it\n")
        sys.stderr.flush()
        os._exit(1)  # (not sys.exit: the threads still reading stdin must not hold the exit up)
