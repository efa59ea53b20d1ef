"""Faster block parsing for markdown-it-py, with exactly the same tokens.

markdown-it's block parser tries every rule of a chain on every line: the
tokenize loop runs the "" chain (11 rules) per block, and paragraph, lheading,
reference, blockquote, list and table run a terminator chain ("paragraph",
"reference", "blockquote", "list") on each following line.  Nearly all of those
calls return False after a look at one character, but each still costs a Python
call and a LOGGER.debug.

`install(md)` makes `md.block.ruler.getRules(chain)` return one dispatcher per
chain.  The dispatcher looks at the line's first non-space character (the one
every rule reads, at ``bMarks + tShift``) and its indentation, and calls, in the
chain's order, only the rules whose own first checks do not reject the line; it
returns the first True.  A rule is skipped only when one of its own checks
certainly makes it return False before any side effect (logging aside).

Each rule's exact precondition (markdown_it/rules_block/; read in 4.3.0 and 3.0.0,
where they are the same, and tests/test_mdblock.py passes on both):

- is_code_block (indentation >= 4 past blkIndent, code rule enabled): every rule
  but code, table and paragraph starts ``if state.is_code_block(startLine): return
  False``; table checks it too, later but before any side effect; code starts
  ``if not state.is_code_block(startLine): return False``; paragraph takes any
  line.  So a code line goes to code and paragraph only, any other line to all
  the rules but code.
- fence: ``if marker not in markers`` (markers ``~`` and a backtick).
- blockquote: ``if state.src[pos] != ">"``.
- hr: ``if marker not in ("*", "-", "_")``, then every later character of the
  line must be the marker or a space/tab (``isStrSpace``), with >= 3 markers in
  all; so the line's last character is the marker, a space or a tab.
- list: skipOrderedListMarker needs an ASCII digit first (``ord`` 0x30-0x39),
  skipBulletListMarker one of ``* - +`` followed by a space, a tab or the end of
  the line; when both fail the rule returns False (its earlier checks,
  is_code_block and an indentation special case, only return False).  Ordered
  markers are left to the rule.
- reference: ``if state.src[pos] != "["``.
- html_block: ``if state.src[pos] != "<"`` (its ``options["html"]`` check is left
  to the rule: options may change between parses).
- heading: ``if ch != "#"``.
- table reads the NEXT line, the delimiter row: it returns False when
  ``startLine + 2 > endLine``, ``sCount[next] < blkIndent``, the next line is empty
  or does not start with one of ``| - :``, or the line itself has no ``|``
  (``"|" not in mdTrim(getLine(startLine))``: trimming whitespace keeps every
  ``|``).  It has no LOGGER call and writes no state before those checks.
- lheading is never skipped on a non-code line.  Whether it finds an underline is
  only known by scanning ahead (with the terminator chain), and even when the next
  line is blank it has a side effect: it sets ``state.parentType = "paragraph"``
  and does not restore it when it returns False.
- `silent` lets no rule bail out early, so it plays no part here.

`install` refuses (returns False, md untouched) unless markdown-it-py is 3.x or
4.x and the ruler is a plain `Ruler` holding exactly the 11 known rule names with
their stock functions.  The dispatchers are rebuilt whenever the ruler recompiles
its chains (enable, disable, at, before, ...); if an unknown rule has appeared by
then, the stock chains are used as they are.  `md.block.tokenize` is not touched, so a wrapper set around it
later keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import markdown_it
from markdown_it import rules_block
from markdown_it.ruler import Ruler

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

RuleFn = Callable[["StateBlock", int, int, bool], bool]

_KNOWN: dict[str, Any] = {
    "table": rules_block.table,
    "code": rules_block.code,
    "fence": rules_block.fence,
    "blockquote": rules_block.blockquote,
    "hr": rules_block.hr,
    "list": rules_block.list_block,
    "reference": rules_block.reference,
    "html_block": rules_block.html_block,
    "heading": rules_block.heading,
    "lheading": rules_block.lheading,
    "paragraph": rules_block.paragraph,
}
_NAME_OF = {fn: name for name, fn in _KNOWN.items()}

# The first characters a rule accepts (see the module docstring); a rule not
# listed accepts any.
_FIRST: dict[str, str] = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}
# The only rules that can match a line of indented code.
_ON_CODE_LINES = ("code", "paragraph")


def _known_rules(ruler: Ruler[Any]) -> bool:
    rules = ruler.__rules__
    names = [rule.name for rule in rules]
    return sorted(names) == sorted(_KNOWN) and all(rule.fn is _KNOWN[rule.name] for rule in rules)


def _dispatcher(fns: Sequence[RuleFn]) -> RuleFn:
    """One function standing for the chain `fns` (stock rules, in chain order)."""
    named = [(_NAME_OF[fn], fn) for fn in fns]

    def pick(first: str | None) -> tuple[RuleFn, ...]:
        # the rules, in chain order, that may match a non-code line starting with `first`
        return tuple(
            fn for name, fn in named
            if name != "code" and (name not in _FIRST or (first is not None and first in _FIRST[name]))
        )

    by_first = {ch: pick(ch) for name, _ in named for ch in _FIRST.get(name, "")}
    other = pick(None)
    on_code = tuple(fn for name, fn in named if name in _ON_CODE_LINES)
    every = tuple(fns)
    table, hr, list_block = rules_block.table, rules_block.hr, rules_block.list_block

    def dispatch(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
        src = state.src
        pos = state.bMarks[startLine] + state.tShift[startLine]
        try:
            first = src[pos]  # "\n" on a blank line: no rule's marker
        except IndexError:
            # the sentinel line past the end (the parser never asks about it, and
            # some rules raise there): no guessing, the stock chain as it is
            return any(rule(state, startLine, endLine, silent) for rule in every)
        # is_code_block is `code enabled and sCount - blkIndent >= 4`: the first
        # test only spares the method call on ordinary lines
        if state.sCount[startLine] - state.blkIndent >= 4 and state.is_code_block(startLine):
            rules = on_code
        else:
            rules = by_first.get(first, other)
        maximum = state.eMarks[startLine]
        for rule in rules:
            if rule is table:
                nxt = startLine + 1
                if startLine + 2 > endLine or state.sCount[nxt] < state.blkIndent:
                    continue
                npos = state.bMarks[nxt] + state.tShift[nxt]
                if npos >= state.eMarks[nxt] or src[npos] not in "|-:" or src.find("|", pos, maximum) < 0:
                    continue
            elif rule is hr:
                # (a lone marker ends with itself: left to the rule)
                if src[maximum - 1] not in (first, " ", "\t"):
                    continue
            elif rule is list_block and first in "*-+":
                if pos + 1 < maximum and src[pos + 1] not in " \t":
                    continue
            if rule(state, startLine, endLine, silent):
                return True
        return False

    return dispatch


class _DispatchingRuler(Ruler):  # type: ignore[type-arg]
    """The block ruler once installed: the same rules, with dispatched chains.

    The dispatchers are kept with the chain cache (`__cache__`) they were built
    from, in one attribute (so a thread never sees one without the other): any
    change to the rules resets that cache, and the next getRules rebuilds them.
    """

    _dispatch: tuple[dict[str, list[Any]] | None, dict[str, list[Any]]] = (None, {})

    def getRules(self, chainName: str = "") -> list[Any]:
        built_for, chains = self._dispatch
        if built_for is None or built_for is not self.__cache__:
            Ruler.getRules(self, "")  # compiles the stock chains into __cache__
            cache = self.__cache__
            assert cache is not None
            if _known_rules(self):
                chains = {name: [_dispatcher(fns)] if fns else [] for name, fns in cache.items()}
            else:  # a rule we know nothing about: the stock chains, as they are
                chains = cache
            self._dispatch = (cache, chains)
        return chains.get(chainName) or []


def install(md: MarkdownIt) -> bool:
    """Make md's block parser call only the rules that can match each line.

    Returns False, leaving md as it was, when its block rules are not exactly the
    stock ones (an unknown rule, a replaced function, a Ruler subclass)."""
    if markdown_it.__version__.split(".")[0] not in ("3", "4"):
        return False  # the preconditions above were read in these versions only
    ruler = md.block.ruler
    if type(ruler) not in (Ruler, _DispatchingRuler) or not _known_rules(ruler):
        return False
    ruler.__class__ = _DispatchingRuler
    ruler._dispatch = (None, {})  # type: ignore[attr-defined]  # built on first use
    return True
