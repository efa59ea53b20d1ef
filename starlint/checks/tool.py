"""STAR9xx: the tool itself — files it cannot read, suppressions that do nothing, crashes.

These are not checks on a story; the engine reports them.  They are rules all the
same so that `starlint rules`, `--select/--ignore` and SARIF know them.
"""

from __future__ import annotations


from .base import Rule



def _tool_rule(code: str, name: str, summary: str, doc: str, severity: str = "error",
               default_enabled: bool = True) -> Rule:
    return Rule(code=code, name=name, severity=severity, summary=summary, doc=doc,  # type: ignore[arg-type]
                check=None, default_enabled=default_enabled)


UNREADABLE = _tool_rule(
    "STAR901", "unreadable-file", "A file could not be read (permissions, a broken link).",
    "starlint could not open the file. The message says why (for example 'Permission denied').\n"
    "A folder that cannot be listed is reported the same way, and so is a pipe or a device\n"
    "named .md (starlint reads regular files only, so a run never blocks on one).\n"
    "The other files in the run are still linted; the run exits 1.\n",
)
NOT_UTF8 = _tool_rule(
    "STAR902", "not-utf8", "A file is not valid UTF-8 text.",
    "starlint reads notes as UTF-8 (a UTF-8 BOM is fine; UTF-16 and UTF-32 with a BOM are decoded).\n"
    "Standard input (`-`) is read the same way.\n"
    "The message gives the line of the first bad byte. Re-save the file as UTF-8.\n",
)
BINARY = _tool_rule(
    "STAR903", "binary-file", "A file has NUL bytes: it is binary, not Markdown.",
    "A file named .md that holds NUL bytes is not text (an image or a document saved with\n"
    "the wrong name). starlint skips it and says so.\n",
)
TOO_DEEP = _tool_rule(
    "STAR904", "nesting-too-deep", "Lists or quotes nest too deep to read: the text below is skipped.",
    "starlint reads bullets nested up to 49 levels and block quotes up to 99 (a limit that keeps\n"
    "any input fast and safe to parse). Past that, the text of that item or quote is skipped\n"
    "(the rest of the file is read as usual), so it can neither count as a part nor be checked;\n"
    "the message gives the lines. Flatten the list there.\n",
    severity="warning",
)
UNUSED_SUPPRESSION = _tool_rule(
    "STAR910", "unused-suppression", "A starlint-disable comment suppresses nothing.",
    "A `<!-- starlint-disable… -->` comment that hides no diagnostic, or names a rule that\n"
    "does not exist, is noise that hides future problems. Off by default; turn it on with\n"
    "`--extend-select STAR910` or `extend-select = [\"STAR910\"]`.\n\n"
    "Failing:\n    <!-- starlint-disable-next-line STAR004 -->\n    ## A story that has its Result\n",
    severity="warning", default_enabled=False,
)
INTERNAL_ERROR = _tool_rule(
    "STAR999", "internal-error", "starlint crashed on this file: a bug, please report it.",
    "An unexpected error inside starlint. The file is skipped, the run goes on and exits 2.\n"
    "Run again with `--debug` for the traceback and report it with the file if you can.\n",
)

TOOL_RULES = (UNREADABLE, NOT_UTF8, BINARY, TOO_DEEP, UNUSED_SUPPRESSION, INTERNAL_ERROR)
