"""The records starlint runs on stay in step with the pydantic schemas that check the
files, and a file validated once is read again without pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from starlint import config, config_schema, validation

ROOT = Path(__file__).resolve().parents[1]

from starlint.reading import frameworks

from starlint.reading import packs

from starlint.report import themes
from starlint.checks import RULES
from starlint.records import DataRecord, LocalText

PAIRS = [
    (packs.LabelSet, validation.LabelSet), (packs.CueGroup, validation.CueGroup),
    (packs.QuantityLexicon, validation.QuantityLexicon), (packs.CoachingLexicon, validation.CoachingLexicon),
    (packs.Pack, validation.Pack), (LocalText, validation.LocalText),
    (frameworks.FrameworkPart, validation.FrameworkPart), (frameworks.Framework, validation.Framework),
    (frameworks.FrameworkData, validation.FrameworkData), (themes.SpeakingRates, validation.SpeakingRates),
    (themes.Theme, validation.Theme), (themes.ThemeData, validation.ThemeData),
]


@pytest.mark.parametrize("record, schema", PAIRS, ids=[r.__name__ for r, _ in PAIRS])
def test_records_have_the_schema_fields_and_defaults(record: type[DataRecord], schema):
    assert record.__slots__ == tuple(schema.model_fields)
    for name, field in schema.model_fields.items():
        if field.is_required():
            assert name not in record._defaults, name
            continue
        default = field.get_default(call_default_factory=True)
        default = default.model_dump() if hasattr(default, "model_dump") else default
        if name in record._nested and default is not None and not isinstance(default, list):
            assert record._defaults.get(name) is None  # built as an empty record (see Pack)
        else:
            assert record._defaults[name] == default, name


def test_config_fields_are_the_schema_fields():
    fields = config_schema.ConfigSchema.model_fields
    assert list(config.FIELDS) == list(fields)
    for name, (key, default) in config.FIELDS.items():
        assert (fields[name].alias or name) == key
        assert fields[name].get_default(call_default_factory=True) == default


def test_every_rule_with_options_has_a_schema_with_the_same_defaults():
    for rule in RULES:
        assert (rule.options is None) == (rule.options_schema is None), rule.code
        if rule.options is not None:
            assert tuple(rule.options_schema().model_validate({}).model_dump().items()) == \
                tuple(rule.options()._asdict().items())


def test_builtin_data_reads_the_same_from_the_cache_as_validated_afresh(tmp_path, monkeypatch):
    from starlint import datafiles
    from starlint.runtime import datacache

    fresh = {}
    for path in packs.pack_files(packs.builtin_pack_dir()):
        data = validation.validate("pack", __import__("tomllib").loads(path.read_text(encoding="utf-8")), builtin=True)
        fresh[path.name] = packs.Pack.from_data(data)
    for path in packs.pack_files(packs.builtin_pack_dir()):
        assert packs.load_pack_file(path, builtin=True) == fresh[path.name]
        # and it is kept: the same bytes are looked up, not validated again
        monkeypatch.setattr(datafiles, "_validated", lambda *a: pytest.fail("validated twice"))
        assert packs.load_pack_file(path, builtin=True) == fresh[path.name]
        monkeypatch.undo()
    assert datacache.memo("data", ("pack", True, datafiles.schema_stamp(), "no such digest"), lambda: 1) == 1


def test_a_bad_file_is_never_kept(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\ncolour = "red"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(packs.PackError, match=r"bad.toml: invalid rule pack: colour: unknown key"):
            packs.load_pack_file(bad)


def test_check_imports_no_pydantic(tmp_path):
    """A plain check (no config file, no options) runs without pydantic, also when
    the data had to be validated first (a cold cache, as on a new machine)."""
    notes = tmp_path / "notes.md"
    notes.write_text("## 장애 대응\n\n- 상황: 결제 오류 급증\n- 결과: 오류율 4% → 1%\n", encoding="utf-8")
    code = ("import sys, runpy; sys.argv = ['starlint', 'check', sys.argv[1]]\n"
            "from starlint.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('pydantic' in sys.modules, file=sys.stderr)")
    for n in range(2):  # the first run may validate (and so import pydantic); the second must not
        with open(notes, "a", encoding="utf-8") as f:  # new bytes: linted, not read from the results cache
            f.write(f"\n<!-- run {n} -->\n")
        result = subprocess.run([sys.executable, "-c", code, str(notes)], capture_output=True, text=True,
                                cwd=tmp_path)
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr


def test_the_shipped_validated_data_is_in_step_with_rules_and_schemas():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_validated", ROOT / "scripts" / "gen_validated.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    from starlint.datafiles import SHIPPED
    from starlint.reading.packs import builtin_pack_dir, pack_files

    shipped = builtin_pack_dir() / SHIPPED
    assert shipped.read_text(encoding="utf-8") == gen.text(), "run: python scripts/gen_validated.py"
    # every built-in data file is in it
    names = {p.name for p in pack_files(builtin_pack_dir())} | {"frameworks/frameworks.toml", "themes/themes.toml"}
    assert set(gen.FILES) == names


def test_a_first_run_reads_the_built_in_data_without_pydantic(tmp_path):
    import subprocess
    import sys

    note = tmp_path / "a.md"
    note.write_text("## 결제 오류\n\n- 상황: 2023년 결제 오류가 급증했다\n- 결과: 실패율 4.2% → 1.1%\n", encoding="utf-8")
    code = ("import sys\nfrom starlint import run\ncode = run.check([sys.argv[1]])\n"
            "print('pydantic' in sys.modules, code)")
    env = {k: v for k, v in __import__("os").environ.items() if k != "STARLINT_NO_CACHE"}
    env["STARLINT_CACHE_DIR"] = str(tmp_path / "empty-cache")  # a fresh CI runner
    out = subprocess.run([sys.executable, "-c", code, str(note)], capture_output=True, text=True, env=env,
                         timeout=60).stdout
    assert out.strip().splitlines()[-1] == "False 1"
