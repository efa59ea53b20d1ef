"""The GitHub Action (action.yml), its script steps run here the way the runner runs them.

A small stand-in for the runner reads action.yml, evaluates each step's `if:` and the
`${{ }}` expressions of its `env:` and `with:` (inputs, runner, github and steps
contexts), runs each `run:` step with `bash --noprofile --norc -eo pipefail` (the
runner's `shell: bash`) in a workspace of notes, and reads GITHUB_OUTPUT and
GITHUB_PATH back after each step as the runner does.  The `uses:` steps
(setup-python, cache, upload-sarif) are not run: the test checks whether they would
run and with what.  An expression the stand-in does not know fails the test, so
action.yml cannot drift from what is tested here.

The install step pip-installs this checkout into a fresh venv once per module; where
no package index can be reached the module skips (tests/pkgindex.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .pkgindex import skip_if_index_unreachable

yaml = pytest.importorskip("yaml", reason="PyYAML reads action.yml (it comes with pre-commit: pip install '.[test]')")

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))

MISSING_RESULT = """\
# Interview notes

## Deploys took all afternoon

**Situation:** in 2023 every deploy of our billing service was done by hand.
**Task:** I was asked to automate the release.
**Action:** I wrote the pipeline and a rollback script.
"""
FINE = """\
# Interview notes

## Deploys took all afternoon

**Situation:** in 2023 every deploy of our billing service was done by hand.
**Task:** I was asked to automate the release.
**Action:** I wrote the pipeline and a rollback script.
**Result:** a deploy went from 4 hours to 15 minutes.
"""


# ------------------------------------------------------------ expressions ----
_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
                    r"|(?P<name>[A-Za-z_][\w.-]*)|(?P<num>\d+(?:\.\d+)?))")


class Expr:
    """The part of the GitHub expression language action.yml uses: contexts, string
    literals, ==, !=, !, &&, ||, parentheses and the status functions."""

    def __init__(self, text: str, contexts: dict[str, Any], failed: bool) -> None:
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise AssertionError(f"the test's expression reader does not know {text[pos:]!r} in {text!r}")
            kind = m.lastgroup
            assert kind is not None
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        self.contexts, self.failed, self.i = contexts, failed, 0
        self.uses_status = any(k == "name" and v in ("success", "failure", "always", "cancelled")
                               for k, v in self.tokens)

    def value(self) -> Any:
        out = self._or()
        assert self.i == len(self.tokens), f"unread: {self.tokens[self.i:]}"
        return out

    def _peek(self) -> str | None:
        return self.tokens[self.i][1] if self.i < len(self.tokens) else None

    def _or(self) -> Any:
        left = self._and()
        while self._peek() == "||":
            self.i += 1
            right = self._and()
            left = left if truthy(left) else right
        return left

    def _and(self) -> Any:
        left = self._cmp()
        while self._peek() == "&&":
            self.i += 1
            right = self._cmp()
            left = right if truthy(left) else left
        return left

    def _cmp(self) -> Any:
        left = self._unary()
        while self._peek() in ("==", "!="):
            op = self.tokens[self.i][1]
            self.i += 1
            same = equal(left, self._unary())
            left = same if op == "==" else not same
        return left

    def _unary(self) -> Any:
        if self._peek() == "!":
            self.i += 1
            return not truthy(self._unary())
        if self._peek() == "(":
            self.i += 1
            out = self._or()
            assert self._peek() == ")"
            self.i += 1
            return out
        kind, text = self.tokens[self.i]
        self.i += 1
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text)
        if self._peek() == "(":  # a function: only the status ones
            self.i += 1
            assert self._peek() == ")", f"the test knows no arguments for {text}()"
            self.i += 1
            return {"success": not self.failed, "failure": self.failed, "always": True, "cancelled": False}[text]
        return self._lookup(text)

    def _lookup(self, dotted: str) -> Any:
        head, *rest = dotted.split(".")
        if head not in self.contexts:
            raise AssertionError(f"the test's runner has no context {head!r} (in {dotted!r})")
        value: Any = self.contexts[head]
        for part in rest:
            if head == "inputs" and part not in value:
                raise AssertionError(f"action.yml reads inputs.{part}, which it does not declare")
            value = value.get(part) if isinstance(value, dict) else None
        return value


def truthy(value: Any) -> bool:
    return value not in (None, "", 0, 0.0, False)


def equal(a: Any, b: Any) -> bool:
    """GitHub's ==: strings compare case-insensitively; other mixes compare as numbers."""
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()

    def number(v: Any) -> float:
        if v is None or v == "":
            return 0.0
        if isinstance(v, bool):
            return float(v)
        try:
            return float(v)
        except (TypeError, ValueError):
            return float("nan")

    return number(a) == number(b)


def substitute(text: Any, contexts: dict[str, Any], failed: bool = False) -> str:
    """A value with each `${{ … }}` replaced by what it evaluates to (as a string)."""
    def one(m: re.Match[str]) -> str:
        value = Expr(m.group(1), contexts, failed).value()
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))


def condition(text: Any, contexts: dict[str, Any], failed: bool) -> bool:
    if text is None:
        return not failed
    text = str(text).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    expr = Expr(text, contexts, failed)
    result = truthy(expr.value())
    return result if expr.uses_status else (result and not failed)  # implied success() &&


# ----------------------------------------------------------------- runner ----
@dataclass
class Step:
    name: str
    ran: bool
    uses: str | None = None
    with_: dict[str, str] = field(default_factory=dict)
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""


@dataclass
class Job:
    workspace: Path
    steps: list[Step]
    outputs: dict[str, dict[str, str]]
    failed: bool

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    @property
    def log(self) -> str:
        return "".join(s.stdout + s.stderr for s in self.steps)


def read_outputs(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT: `name=value` lines and `name<<DELIM` … `DELIM` blocks."""
    out: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            body: list[str] = []
            while lines[i] != delim:
                body.append(lines[i])
                i += 1
            i += 1
            out[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
    return out


class Runner:
    """Runs action.yml's steps for one job in `workspace`."""

    def __init__(self, workspace: Path, temp: Path, base_path: str, env: dict[str, str]) -> None:
        self.workspace, self.temp, self.env = workspace, temp, env
        self.path_dirs: list[str] = []  # GITHUB_PATH lines, newest first
        self.base_path = base_path
        self.step_outputs: dict[str, dict[str, str]] = {}

    def contexts(self, inputs: dict[str, str]) -> dict[str, Any]:
        return {
            "inputs": inputs,
            "runner": {"temp": str(self.temp), "os": "Linux"},
            "github": {"action_path": str(ROOT), "workspace": str(self.workspace), "sha": "0" * 40},
            "steps": {sid: {"outputs": out} for sid, out in self.step_outputs.items()},
        }

    def run(self, with_: dict[str, str] | None = None, only: slice = slice(None)) -> Job:
        declared = ACTION["inputs"]
        unknown = set(with_ or {}) - set(declared)
        assert not unknown, f"not inputs of action.yml: {unknown}"
        inputs = {name: str((with_ or {}).get(name, spec.get("default", ""))) for name, spec in declared.items()}
        steps: list[Step] = []
        failed = False
        for n, spec in enumerate(ACTION["runs"]["steps"][only]):
            ctx = self.contexts(inputs)
            name = spec.get("name") or spec.get("id") or f"step {n}"
            if not condition(spec.get("if"), ctx, failed):
                steps.append(Step(name, ran=False, uses=spec.get("uses")))
                continue
            if "uses" in spec:
                steps.append(Step(name, ran=True, uses=spec["uses"],
                                  with_={k: substitute(v, ctx, failed) for k, v in (spec.get("with") or {}).items()}))
                continue
            assert spec.get("shell") == "bash", f"{name}: a composite run step needs `shell: bash`"
            step = self._script(name, spec, ctx, failed)
            steps.append(step)
            failed = failed or step.exit_code != 0
        outputs = {k: substitute(v["value"], self.contexts(inputs)) for k, v in ACTION.get("outputs", {}).items()}
        return Job(self.workspace, steps, {"action": outputs, **self.step_outputs}, failed)

    def _script(self, name: str, spec: dict[str, Any], ctx: dict[str, Any], failed: bool) -> Step:
        files = self.temp / "_runner"
        files.mkdir(exist_ok=True)
        script = files / "step.sh"
        script.write_text(substitute(spec["run"], ctx, failed), encoding="utf-8")
        output, path_file = files / "output", files / "path"
        for f in (output, path_file):
            f.write_text("", encoding="utf-8")
        env = dict(self.env)
        env.update(GITHUB_ACTIONS="true", CI="true", GITHUB_ACTION_PATH=str(ROOT), GITHUB_WORKSPACE=str(self.workspace),
                   GITHUB_OUTPUT=str(output), GITHUB_PATH=str(path_file), GITHUB_SHA="0" * 40,
                   RUNNER_TEMP=str(self.temp), RUNNER_OS="Linux",
                   PATH=os.pathsep.join([*self.path_dirs, self.base_path]))
        env.update({k: substitute(v, ctx, failed) for k, v in (spec.get("env") or {}).items()})
        run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=self.workspace,
                             env=env, capture_output=True, text=True, timeout=900)
        if spec.get("id"):
            self.step_outputs[spec["id"]] = read_outputs(output)
        added = [line for line in path_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        self.path_dirs = list(reversed(added)) + self.path_dirs
        return Step(name, ran=True, exit_code=run.returncode, stdout=run.stdout, stderr=run.stderr)


# --------------------------------------------------------------- fixtures ----
def _step_index(step_id: str) -> int:
    return next(i for i, s in enumerate(ACTION["runs"]["steps"]) if s.get("id") == step_id)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """A runner whose job has run the steps up to and including the install."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    temp = tmp_path_factory.mktemp("runner-temp")
    workspace = tmp_path_factory.mktemp("workspace")
    # PATH as on a runner after setup-python: a `python` (3.11+), and not the test's own
    # venv, so the `starlint` the steps call is the one the action installed
    python_bin = temp / "_python"
    python_bin.mkdir()
    (python_bin / "python").symlink_to(getattr(sys, "_base_executable", sys.executable))
    venv_bin = str(Path(sys.executable).parent)
    base = os.pathsep.join([str(python_bin)] + [p for p in os.environ.get("PATH", "").split(os.pathsep)
                                                  if p and p != venv_bin])
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "GITHUB_ACTIONS")}
    env.update(STARLINT_CACHE_DIR=str(temp / "starlint-cache"), NO_COLOR="1")
    runner = Runner(workspace, temp, base, env)
    job = runner.run(only=slice(0, _step_index("install") + 1))
    install = job.step("Install starlint")
    if install.exit_code != 0:
        skip_if_index_unreachable("the action's install step", env)
        pytest.fail(f"the install step failed:\n{install.stdout}{install.stderr}")
    return runner


@pytest.fixture
def job_in(installed: Runner, tmp_path: Path):
    """Run the steps after the install, in a fresh workspace holding `notes`."""

    count = iter(range(1, 100))

    def run(notes: dict[str, str], **with_: str) -> Job:
        workspace = tmp_path / f"repo{next(count)}"
        workspace.mkdir()
        for rel, text in notes.items():
            (workspace / rel).parent.mkdir(parents=True, exist_ok=True)
            (workspace / rel).write_text(text, encoding="utf-8")
        installed.workspace = workspace
        return installed.run(with_, only=slice(_step_index("install") + 1, None))

    return run


# ------------------------------------------------------------------ tests ----
def test_the_install_step_puts_starlint_on_the_path_and_finds_the_cache(installed: Runner):
    outputs = installed.step_outputs["install"]
    assert Path(outputs["python"]).is_file()
    assert outputs["cache-dir"] == str(installed.temp / "starlint-cache")  # $STARLINT_CACHE_DIR, as starlint reads it
    assert installed.path_dirs and (Path(installed.path_dirs[0]) / "starlint").is_file()


def test_setup_python_is_used_unless_the_input_is_empty(installed: Runner):
    first = ACTION["runs"]["steps"][0]
    assert first["uses"].startswith("actions/setup-python@")
    ctx = installed.contexts({"python-version": "3.12"})
    assert condition(first["if"], ctx, failed=False)
    assert not condition(first["if"], installed.contexts({"python-version": ""}), failed=False)
    assert substitute(first["with"]["python-version"], ctx) == "3.12"


def test_annotations_by_default_and_the_job_fails_on_an_error(job_in):
    job = job_in({"notes/answers.md": MISSING_RESULT, "notes/good.md": FINE})
    check = job.step("starlint check")
    assert check.exit_code == 0  # the step records the result; the last step fails the job
    assert "::error file=notes/answers.md,line=3," in check.stdout
    assert "title=STAR004 missing-result::" in check.stdout
    assert "good.md" not in check.stdout
    assert job.outputs["action"]["exit-code"] == "1"
    assert not job.step("Upload SARIF to code scanning").ran
    last = job.steps[-1]
    assert last.name == "Fail on starlint's findings" and last.ran and last.exit_code == 1
    assert job.failed


def test_the_results_cache_is_the_folder_actions_cache_keeps(job_in, installed: Runner):
    job = job_in({"notes/answers.md": MISSING_RESULT})
    cache = job.step("Restore starlint's results cache")
    assert cache.ran and cache.uses.startswith("actions/cache@")
    assert cache.with_["path"] == str(installed.temp / "starlint-cache")
    assert cache.with_["key"] == "starlint-Linux-" + "0" * 40
    assert cache.with_["restore-keys"] == "starlint-Linux-"
    assert list((installed.temp / "starlint-cache").glob("results-*")), "starlint wrote no results into the cached folder"


def test_cache_input_false_skips_actions_cache(installed: Runner):
    spec = next(s for s in ACTION["runs"]["steps"] if str(s.get("uses", "")).startswith("actions/cache@"))
    inputs = {name: str(v.get("default", "")) for name, v in ACTION["inputs"].items()}
    assert condition(spec["if"], installed.contexts(inputs), failed=False)
    assert not condition(spec["if"], installed.contexts({**inputs, "cache": "false"}), failed=False)


def test_sarif_is_written_and_uploaded_and_the_job_still_fails(job_in):
    job = job_in({"notes/answers.md": MISSING_RESULT}, sarif="true")
    check = job.step("starlint check")
    assert check.exit_code == 0
    assert "title=STAR004 missing-result::" in check.stdout  # the annotations too
    upload_at = next(i for i, s in enumerate(job.steps) if s.name == "Upload SARIF to code scanning")
    upload = job.steps[upload_at]
    assert upload.ran and upload.uses.startswith("github/codeql-action/upload-sarif@")
    assert upload.with_ == {"sarif_file": "starlint.sarif", "category": "starlint"}
    assert job.outputs["action"]["sarif-file"] == "starlint.sarif"
    # the failing step comes after the upload: the findings reach code scanning, and the job fails
    fail_at = next(i for i, s in enumerate(job.steps) if s.name == "Fail on starlint's findings")
    assert fail_at > upload_at and job.steps[fail_at].exit_code == 1 and job.failed


@pytest.mark.parametrize("where", ["starlint.sarif", "reports/scan/starlint.sarif"])
def test_the_sarif_file_holds_the_findings(job_in, where: str):
    job = job_in({"notes/answers.md": MISSING_RESULT}, sarif="true", **{"sarif-file": where})
    assert job.outputs["action"]["sarif-file"] == where
    log = json.loads((job.workspace / where).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("STAR004", "notes/answers.md")]
    assert job.failed


def test_clean_notes_pass(job_in):
    job = job_in({"answers.md": FINE})
    assert job.outputs["action"]["exit-code"] == "0"
    assert not job.step("Fail on starlint's findings").ran
    assert not job.failed
    assert "::error" not in job.log


def test_paths_one_per_line_and_extra_args(job_in):
    notes = {"my notes/a.md": MISSING_RESULT, "drafts/b.md": MISSING_RESULT, "elsewhere/c.md": MISSING_RESULT}
    job = job_in(notes, paths="my notes\ndrafts/b.md\n")
    out = job.step("starlint check").stdout
    assert "file=my notes/a.md," in out and "file=drafts/b.md," in out and "elsewhere" not in out
    # on one line, spaces separate paths
    out = job_in(notes, paths="drafts elsewhere").step("starlint check").stdout
    assert "file=drafts/b.md," in out and "file=elsewhere/c.md," in out and "my notes" not in out


def test_args_reach_starlint(job_in):
    job = job_in({"notes/a.md": MISSING_RESULT}, paths="notes", args="--ignore STAR004")
    assert "STAR004" not in job.step("starlint check").stdout
    assert job.outputs["action"]["exit-code"] == "0" and not job.failed


def test_a_path_that_is_not_there_fails_the_job_with_2(job_in):
    job = job_in({"notes/a.md": FINE}, paths="notes missing-folder")
    assert job.outputs["action"]["exit-code"] == "2"
    assert "missing-folder" in job.step("starlint check").stderr
    assert job.steps[-1].exit_code == 2 and job.failed
