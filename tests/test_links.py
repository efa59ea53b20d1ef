"""Rule links that work: the pages ship in the wheel, links go to them or to docs-url,
SARIF links only to a configured address, and no placeholder address is left for users."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from starlint import Config, lint_paths, ruledocs
from starlint.checks import RULES
from starlint.config import ConfigError, config_from_file
from starlint.formats.sarif import write_sarif

from .pkgindex import skip_if_index_unreachable
from .test_formats import assert_valid

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "rules"
HOSTED = "https://notes.example.com/starlint/blob/main/docs/rules"


@pytest.fixture(autouse=True)
def _no_env_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ruledocs.ENV, raising=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
                          "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        skip_if_index_unreachable("building the wheel (its build backend)")
        pytest.fail(f"pip wheel failed:\n{run.stdout}{run.stderr}")
    [found] = out.glob("starlint-*.whl")
    return found


def test_the_wheel_ships_every_rule_page(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        shipped = {n.removeprefix("starlint/_docs/rules/"): z.read(n) for n in z.namelist()
                   if n.startswith("starlint/_docs/rules/")}
    assert {f"{r.code}.md" for r in RULES} | {"README.md"} == set(shipped)
    for name, data in shipped.items():
        assert data == (PAGES / name).read_bytes(), name


def test_an_installed_wheel_links_to_its_own_copy(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    env = {k: v for k, v in os.environ.items() if k != ruledocs.ENV}
    env["PYTHONPATH"] = str(site)  # before the editable install of this checkout
    run = subprocess.run([sys.executable, "-c", "from starlint import ruledocs; print(ruledocs.page_url('STAR004'))"],
                         env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert run.stdout.strip() == (site / "starlint" / "_docs" / "rules" / "STAR004.md").resolve().as_uri()


def test_in_a_checkout_links_go_to_docs_rules() -> None:
    for rule in RULES:
        assert ruledocs.page_url(rule.code) == (PAGES / f"{rule.code}.md").resolve().as_uri()
    assert ruledocs.page_url("STAR000") is None  # no page, no link


def test_a_configured_address_wins_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ruledocs.page_url("STAR004", HOSTED + "/") == f"{HOSTED}/STAR004.md"
    assert ruledocs.page_url("STAR004", "https://rules.example.com/{code}/") == "https://rules.example.com/STAR004/"
    monkeypatch.setenv(ruledocs.ENV, "https://env.example.com/rules")
    assert ruledocs.page_url("STAR004") == "https://env.example.com/rules/STAR004.md"
    assert ruledocs.page_url("STAR004", HOSTED) == f"{HOSTED}/STAR004.md"  # the config's own beats the environment


def test_docs_url_is_a_validated_config_key(tmp_path: Path) -> None:
    config = tmp_path / "starlint.toml"
    config.write_text(f'docs-url = "{HOSTED}"\n', encoding="utf-8")
    assert config_from_file(config).docs_url == HOSTED
    assert Config().docs_url is None
    for bad in ('"docs/rules"', '"https://x.example.com/a b"', "3"):
        config.write_text(f"docs-url = {bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="docs-url"):
            config_from_file(config)
    config.write_text('docs-urls = "https://x.example.com"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="allowed keys: .*docs-url"):
        config_from_file(config)


def _sarif(docs_url: str | None = None) -> dict:
    out = io.StringIO()
    write_sarif(lint_paths([ROOT / "answers"]), out, docs_url=docs_url)
    return json.loads(out.getvalue())


def test_sarif_has_no_links_unless_an_address_is_configured() -> None:
    log = _sarif()
    driver = log["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver and not any("helpUri" in r for r in driver["rules"])
    assert "file:/" not in json.dumps(driver)  # no link to the pages on the machine that ran it


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_sarif_links_to_the_configured_address(how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "environment":
        monkeypatch.setenv(ruledocs.ENV, HOSTED)
    log = _sarif(HOSTED if how == "argument" else None)
    assert_valid(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == f"{HOSTED}/README.md"
    assert {r["id"]: r["helpUri"] for r in driver["rules"]} == {r.code: f"{HOSTED}/{r.code}.md" for r in RULES}


def test_check_takes_the_sarif_address_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "starlint.toml").write_text(f'docs-url = "{HOSTED}"\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("## Outage\n\n**Situation:** in 2023 the site went down.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in (ruledocs.ENV, "GITHUB_ACTIONS")}
    run = subprocess.run([sys.executable, "-m", "starlint", "check", "--format", "sarif", "notes.md"], cwd=tmp_path,
                         env=env, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    rules = json.loads(run.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"] == f"{HOSTED}/{rules[0]['id']}.md"



PLACEHOLDER = re.compile(r"example\.invalid|<URL|<starlint\b|<a tag|<tag", re.I)


def test_no_placeholder_address_is_left_where_users_copy_from() -> None:
    """README, docs, the hook file, the action and the package name real addresses or say in
    words whose address goes there (a test's scratch e-mail is not for users)."""
    files = [ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml", ROOT / "action.yml",
             *sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "starlint").rglob("*.py"))]
    found = [f"{f.relative_to(ROOT)}:{n}: {line.strip()}" for f in files
             for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if PLACEHOLDER.search(line)]
    assert not found, "\n".join(found)
