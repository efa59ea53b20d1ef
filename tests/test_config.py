"""Config files: discovery (closest wins), every key, validation, command-line overrides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from starlint.cli import app
from starlint.config import Config, ConfigError, ConfigResolver, config_from_file

# One story with an unmeasured result (STAR101) and no Task (STAR002).
NOTES = """\
# Notes

## Fixing the weekly report

**Situation:** The weekly report took an analyst all of Monday.
**Action:** I moved the queries into dbt and scheduled them.
**Result:** The team was much happier with it.
"""
KO_NOTES = """\
# 노트

## 주간 보고 자동화

**상황**: 주간 보고서 작성에 월요일 하루가 다 들어갔음.
**행동**: 쿼리를 dbt로 옮기고 스케줄링함.
**결과**: 팀원들이 좋아했음.
"""

runner = CliRunner()


def codes(result) -> list[str]:
    data = json.loads(result.stdout)
    return sorted(d["code"] for f in data["files"] for d in f["diagnostics"])


def run(*args: str):
    return runner.invoke(app, ["check", "--format", "json", *args])


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    return path


def test_defaults(notes: Path):
    assert codes(run(str(notes))) == ["STAR002", "STAR101"]


@pytest.mark.parametrize("name,body", [
    ("pyproject.toml", '[tool.starlint]\nignore = ["STAR101"]\n'),
    ("starlint.toml", 'ignore = ["STAR101"]\n'),
    (".starlint.toml", 'ignore = ["STAR101"]\n'),
])
def test_each_config_file_kind_is_found(notes: Path, name: str, body: str):
    (notes.parent / name).write_text(body, encoding="utf-8")
    assert codes(run(str(notes))) == ["STAR002"]


def test_closest_config_wins_and_dot_file_beats_plain_in_one_folder(tmp_path: Path):
    (tmp_path / "starlint.toml").write_text('ignore = ["STAR002"]\n', encoding="utf-8")
    sub = tmp_path / "drafts"
    sub.mkdir()
    (sub / "notes.md").write_text(NOTES, encoding="utf-8")
    (tmp_path / "notes.md").write_text(NOTES, encoding="utf-8")
    (sub / "starlint.toml").write_text('ignore = ["STAR101"]\n', encoding="utf-8")
    (sub / ".starlint.toml").write_text('ignore = ["missing-task", "STAR101"]\n', encoding="utf-8")
    (sub / "pyproject.toml").write_text('[tool.starlint]\nselect = ["STAR0"]\n', encoding="utf-8")
    data = json.loads(run(str(tmp_path)).stdout)
    by_file = {Path(f["path"]).name + ":" + Path(f["path"]).parent.name: sorted(d["code"] for d in f["diagnostics"])
               for f in data["files"]}
    assert by_file[f"notes.md:{tmp_path.name}"] == ["STAR101"]
    assert by_file["notes.md:drafts"] == []


def test_pyproject_without_table_is_skipped(tmp_path: Path):
    (tmp_path / "starlint.toml").write_text('ignore = ["STAR101"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (sub / "notes.md").write_text(NOTES, encoding="utf-8")
    assert codes(run(str(sub / "notes.md"))) == ["STAR002"]


def test_select_and_extend_select(notes: Path):
    (notes.parent / "starlint.toml").write_text('select = ["STAR1"]\nextend-select = ["missing-task"]\n')
    assert codes(run(str(notes))) == ["STAR002", "STAR101"]
    (notes.parent / "starlint.toml").write_text('select = ["unquantified-result"]\n')
    assert codes(run(str(notes))) == ["STAR101"]


def test_severity(notes: Path):
    (notes.parent / "starlint.toml").write_text('severity = {STAR101 = "error", missing-task = "info"}\n')
    result = run(str(notes))
    data = json.loads(result.stdout)
    sev = {d["code"]: d["severity"] for d in data["files"][0]["diagnostics"]}
    assert sev == {"STAR101": "error", "STAR002": "info"}
    assert data["summary"]["errors"] == 1 and data["summary"]["info"] == 1
    assert result.exit_code == 1


def test_per_file_ignores(tmp_path: Path):
    (tmp_path / "starlint.toml").write_text('[per-file-ignores]\n"drafts/*.md" = ["STAR002"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(NOTES)
    (tmp_path / "final.md").write_text(NOTES)
    data = json.loads(run(str(tmp_path)).stdout)
    got = {Path(f["path"]).name: sorted(d["code"] for d in f["diagnostics"]) for f in data["files"]}
    assert got == {"a.md": ["STAR101"], "final.md": ["STAR002", "STAR101"]}


def test_exclude(tmp_path: Path):
    (tmp_path / "starlint.toml").write_text('exclude = ["archive/", "*.draft.md"]\n')
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(NOTES)
    (tmp_path / "x.draft.md").write_text(NOTES)
    (tmp_path / "keep.md").write_text(NOTES)
    data = json.loads(run(str(tmp_path)).stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["keep.md"]


def test_messages_and_language(tmp_path: Path):
    path = tmp_path / "ko.md"
    path.write_text(KO_NOTES, encoding="utf-8")
    data = json.loads(run(str(path)).stdout)
    assert "과제" in data["files"][0]["diagnostics"][0]["message"]
    (tmp_path / "starlint.toml").write_text('messages = "en"\n')
    data = json.loads(run(str(path)).stdout)
    assert data["files"][0]["diagnostics"][0]["message"].startswith("Task missing")
    (tmp_path / "starlint.toml").write_text('language = "en"\n')
    data = json.loads(run(str(path)).stdout)
    assert data["files"][0]["stories"][0]["language"] == "en"


def test_user_pack_adds_a_label(tmp_path: Path):
    notes = tmp_path / "n.md"
    notes.write_text(NOTES.replace("**Action:**", "**Moves:**"), encoding="utf-8")
    assert "STAR003" in codes(run(str(notes)))
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "labels.toml").write_text(
        'name = "my-labels"\nlanguage = "en"\n[labels]\naction = ["moves"]\n', encoding="utf-8")
    (tmp_path / "starlint.toml").write_text('packs = ["my-rules/"]\n')
    assert "STAR003" not in codes(run(str(notes)))


def test_bad_user_pack_names_file_and_key(tmp_path: Path, notes: Path):
    (notes.parent / "pack.toml").write_text('name = "p"\n[labels]\nsituations = ["x"]\n')
    (notes.parent / "starlint.toml").write_text('packs = ["pack.toml"]\n')
    result = run(str(notes))
    assert result.exit_code == 2
    assert "pack.toml" in result.stderr and "situations" in result.stderr


@pytest.mark.parametrize("name,body", [
    ("starlint.toml", 'ignore = ["STAR101"]\n'),
    (".starlint.toml", 'ignore = ["STAR101"]\n'),
    ("pyproject.toml", '[tool.starlint]\nignore = ["STAR101"]\n'),
])
def test_a_config_file_with_a_utf8_bom_is_read(tmp_path: Path, notes: Path, name: str, body: str):
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + body.encode())  # Windows editors write one
    result = run(str(notes))
    assert result.exit_code == 1, result.stderr  # (STAR002 is an error)
    assert codes(result) == ["STAR002"]


def test_a_pack_with_a_utf8_bom_is_read(tmp_path: Path):
    notes = tmp_path / "n.md"
    notes.write_text(NOTES.replace("**Action:**", "**Moves:**"), encoding="utf-8")
    (tmp_path / "labels.toml").write_bytes(
        b"\xef\xbb\xbf" + 'name = "my-labels"\nlanguage = "en"\n[labels]\naction = ["moves"]\n'.encode())
    (tmp_path / "starlint.toml").write_text('packs = ["labels.toml"]\n')
    result = run(str(notes))
    assert result.exit_code == 1, result.stderr
    assert "STAR003" not in codes(result)


@pytest.mark.parametrize("packs", ['[""]', '["."]', '["./"]', '["  "]', '["sub/.."]'])
def test_a_pack_path_that_names_no_pack_is_a_config_error(tmp_path: Path, notes: Path, packs: str):
    # "" and "." are the config's own folder: starlint.toml itself would be read as a pack
    (tmp_path / "sub").mkdir()
    cfg = tmp_path / "starlint.toml"
    cfg.write_text(f"packs = {packs}\n")
    result = run(str(notes))
    assert result.exit_code == 2
    assert str(cfg) in result.stderr and "packs" in result.stderr
    assert "unknown key" not in result.stderr and "rule pack" in result.stderr, result.stderr
    with pytest.raises(ConfigError, match="packs"):
        config_from_file(cfg)


def test_an_empty_pack_path_is_refused_through_the_api_too(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "starlint.toml").write_text('select = ["STAR001"]\n')
    with pytest.raises(ConfigError, match="empty"):
        Config(packs=[""]).rule_packs()


def test_unknown_key_exits_2_naming_file_and_key(notes: Path):
    cfg = notes.parent / "pyproject.toml"
    cfg.write_text('[tool.starlint]\nignores = ["STAR101"]\n')
    result = run(str(notes))
    assert result.exit_code == 2
    assert str(cfg) in result.stderr and "'ignores'" in result.stderr and "ignore" in result.stderr


@pytest.mark.parametrize("body,needle", [
    ('messages = "fr"\n', "messages"),
    ('select = ["STAR777"]\n', "STAR777"),
    ('severity = {STAR101 = "fatal"}\n', "severity"),
    ('ignore = "STAR101"\n', "ignore"),
    ("select = [\n", "not valid TOML"),
])
def test_bad_values_exit_2(notes: Path, body: str, needle: str):
    (notes.parent / "starlint.toml").write_text(body)
    result = run(str(notes))
    assert result.exit_code == 2
    assert "starlint.toml" in result.stderr and needle in result.stderr


def test_config_option_and_isolated(tmp_path: Path, notes: Path):
    (notes.parent / "starlint.toml").write_text('ignore = ["STAR101"]\n')
    other = tmp_path / "other.toml"
    other.write_text('ignore = ["STAR002"]\n')
    assert codes(run("--config", str(other), str(notes))) == ["STAR101"]
    assert codes(run("--isolated", str(notes))) == ["STAR002", "STAR101"]
    assert run("--config", str(tmp_path / "nope.toml"), str(notes)).exit_code == 2


def test_command_line_on_top_of_file(notes: Path):
    (notes.parent / "starlint.toml").write_text('select = ["STAR101"]\n')
    assert codes(run("--select", "STAR002", str(notes))) == ["STAR002"]
    assert codes(run("--extend-select", "STAR002", str(notes))) == ["STAR002", "STAR101"]
    assert codes(run("--ignore", "STAR101", str(notes))) == []


def test_strict_exit_zero_quiet(notes: Path):
    (notes.parent / "starlint.toml").write_text('ignore = ["STAR002"]\n')
    assert runner.invoke(app, ["check", str(notes)]).exit_code == 0
    assert runner.invoke(app, ["check", "--strict", str(notes)]).exit_code == 1
    (notes.parent / "starlint.toml").write_text("")
    assert runner.invoke(app, ["check", str(notes)]).exit_code == 1
    assert runner.invoke(app, ["check", "--exit-zero", str(notes)]).exit_code == 0
    quiet = runner.invoke(app, ["check", "--quiet", str(notes)])
    assert "STAR002" in quiet.stdout and "Found" not in quiet.stdout


def test_stdin_filename_finds_config_and_per_file_ignores(tmp_path: Path):
    (tmp_path / "starlint.toml").write_text('[per-file-ignores]\n"notes.md" = ["STAR101"]\n')
    result = runner.invoke(app, ["check", "--format", "json", "--stdin-filename", str(tmp_path / "notes.md"), "-"],
                           input=NOTES)
    data = json.loads(result.stdout)
    assert data["files"][0]["path"] == str(tmp_path / "notes.md")
    assert sorted(d["code"] for d in data["files"][0]["diagnostics"]) == ["STAR002"]


def test_config_show_names_sources(notes: Path):
    cfg = notes.parent / "starlint.toml"
    cfg.write_text('ignore = ["STAR101"]\nmessages = "ko"\n')
    result = runner.invoke(app, ["config", "--show", str(notes), "--select", "STAR0"])
    assert result.exit_code == 0
    lines = {line.split(" = ")[0]: line for line in result.stdout.splitlines() if " = " in line}
    assert str(cfg) in lines["ignore"] and '["STAR101"]' in lines["ignore"]
    assert str(cfg) in lines["messages"]
    assert "command line" in lines["select"]
    assert "# default" in lines["exclude"]


def test_library_config_validation():
    with pytest.raises(Exception):
        Config(select=["STAR777"])
    with pytest.raises(Exception):
        Config.model_validate({"nope": 1})
    assert [r.code for r in Config(select=["STAR00"], ignore=["STAR004"]).enabled_rules()] == \
        ["STAR001", "STAR002", "STAR003", "STAR005", "STAR006", "STAR007", "STAR008"]


def test_resolver_reports_bad_file(tmp_path: Path):
    (tmp_path / "starlint.toml").write_text("exclude = 3\n")
    with pytest.raises(ConfigError, match="exclude"):
        ConfigResolver().for_path(tmp_path / "x.md")
    with pytest.raises(ConfigError):
        config_from_file(tmp_path / "starlint.toml")


MOTIVATION_AND_STORY = """\
## 지원 동기
귀사의 데이터 문화에 끌렸습니다. 입사 후에는 추천 품질을 높이고 싶습니다.

## 장애 대응
- 결제 서버가 새벽마다 멈춤
- 제가 알림 규칙을 다시 짬
"""


def test_answer_kinds_experience_reads_every_story_as_one(tmp_path):
    from starlint import lint_text

    auto = lint_text(MOTIVATION_AND_STORY)
    assert [s.kind for s in auto.stories] == ["other", "experience"]
    assert {d.story_line for d in auto.diagnostics} == {4}
    forced = lint_text(MOTIVATION_AND_STORY, config=Config(answer_kinds="experience"))
    assert [s.kind for s in forced.stories] == ["experience", "experience"]
    assert {"STAR002", "STAR004"} <= {d.code for d in forced.diagnostics if d.story_line == 1}
    # the same from a config file, and from a file's front matter
    (tmp_path / "starlint.toml").write_text('answer-kinds = "experience"\n', encoding="utf-8")
    assert config_from_file(tmp_path / "starlint.toml").answer_kinds == "experience"
    front = '---\nstarlint: {answer-kinds: experience}\n---\n' + MOTIVATION_AND_STORY
    assert [s.kind for s in lint_text(front).stories] == ["experience", "experience"]
    with pytest.raises(ConfigError, match="answer-kinds"):
        (tmp_path / "starlint.toml").write_text('answer-kinds = "all"\n', encoding="utf-8")
        config_from_file(tmp_path / "starlint.toml")
