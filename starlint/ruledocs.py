"""Where a rule's documentation page is: the copy installed with starlint, or a configured address.

The pages are docs/rules/<CODE>.md, written from the rule docs in starlint/checks by
scripts/gen_rule_docs.py; the wheel ships them as ``starlint/_docs/rules``.  Links
(the language server's ``codeDescription``, SARIF's ``helpUri``) point to:

1. the ``docs-url`` of the config, else the ``STARLINT_DOCS_URL`` environment variable:
   the address where you host the pages (``https://…/docs/rules``, each page then being
   ``<docs-url>/<CODE>.md``), or a template with ``{code}`` in it;
2. else the installed page, as a ``file:`` URI (editors open it; nothing is fetched).

SARIF carries links only in the first case: a ``file:`` path of the machine that ran
the check means nothing to code scanning.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "STARLINT_DOCS_URL"


def pages_dir() -> Path | None:
    """The folder of rule pages: starlint/_docs/rules in a wheel, docs/rules in a source checkout."""
    package = Path(__file__).resolve().parent
    for folder in (package / "_docs" / "rules", package.parent / "docs" / "rules"):
        if folder.is_dir():
            return folder
    return None


def base_url(configured: str | None = None) -> str | None:
    """The configured address of the pages (config, then environment), or None."""
    for value in (configured, os.environ.get(ENV)):
        if value and value.strip():
            return value.strip()
    return None


def hosted_page(base: str, code: str) -> str:
    if "{code}" in base:
        return base.replace("{code}", code)
    return f"{base.rstrip('/')}/{code}.md"


def hosted_index(base: str) -> str | None:
    """The page that lists every rule, when `base` is a folder (a template names no index)."""
    return None if "{code}" in base else f"{base.rstrip('/')}/README.md"


def page_url(code: str, configured: str | None = None) -> str | None:
    """The link for rule `code`: at the configured address, else the installed page
    (a file: URI), else None when neither exists."""
    base = base_url(configured)
    if base is not None:
        return hosted_page(base, code)
    folder = pages_dir()
    if folder is None:
        return None
    page = folder / f"{code}.md"
    return page.as_uri() if page.is_file() else None
