"""The editor snippets of the README, run in the editor: Neovim, headless, with the
`vim.lsp.start_client` snippet (Neovim 0.8/0.9; 0.7 has the same calls) as its whole
config, must show starlint's diagnostics on a Markdown note."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

NOTE = """\
# Interview notes

## Deploys took all afternoon

**Situation:** in 2023 every deploy of our billing service was done by hand.
**Task:** I was asked to automate the release.
**Action:** I wrote the pipeline and a rollback script.
"""

WAIT = """\
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, string.format("%d|%s|%s", d.lnum, d.source or "", d.message))
end
if not ok then table.insert(out, "TIMEOUT clients=" .. #vim.lsp.get_active_clients()) end
vim.fn.writefile(out, vim.env.STARLINT_NVIM_OUT)
vim.cmd("qa!")
"""


def lua_blocks() -> list[str]:
    return re.findall(r"```lua\n(.*?)```", README, re.S)


def test_the_readme_has_a_snippet_for_neovim_0_10_and_one_for_0_8_and_0_9():
    blocks = lua_blocks()
    assert any("vim.lsp.start({" in b for b in blocks)
    old = [b for b in blocks if "vim.lsp.start_client(" in b]
    assert len(old) == 1 and "vim.lsp.buf_attach_client(args.buf" in old[0] and 'pattern = "markdown"' in old[0]
    assert "Neovim 0.8 and 0.9" in README


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed (apt-get install neovim)")
@pytest.mark.skipif(importlib.util.find_spec("pygls") is None, reason="pygls is not installed (pip install '.[lsp]')")
def test_neovim_shows_the_diagnostics_with_the_start_client_snippet(tmp_path: Path):
    [snippet] = [b for b in lua_blocks() if "vim.lsp.start_client(" in b]
    (tmp_path / "init.lua").write_text(snippet, encoding="utf-8")
    (tmp_path / "wait.lua").write_text(WAIT, encoding="utf-8")
    (tmp_path / "notes.md").write_text(NOTE, encoding="utf-8")
    out = tmp_path / "diagnostics.txt"
    starlint = Path(sys.executable).parent  # `starlint` as the snippet calls it: on PATH
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NVIM", "VIM", "XDG_"))}
    env.update(PATH=os.pathsep.join([str(starlint), env.get("PATH", "")]), STARLINT_NVIM_OUT=str(out),
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    run = subprocess.run(["nvim", "--headless", "-n", "-i", "NONE", "-u", str(tmp_path / "init.lua"),
                          "-c", f"luafile {tmp_path / 'wait.lua'}", "notes.md"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert out.is_file(), run.stdout + run.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert not any(line.startswith("TIMEOUT") for line in lines), lines + [run.stderr]
    assert [line.split("|")[:2] for line in lines] == [["2", "starlint"]], lines  # the title line, 0-based
    assert "Result" in lines[0]
