"""Faster block parsing for markdown-it-py, with exactly the same tokens.

markdown-it's block parser tries every rule of a chain on every line: the
tokenize loop runs the "" chain (11 rules) per block, and paragraph, lheading,
reference, blockquote, list and table run a terminator chain ("paragraph",
"reference", "blockquote", "list") on each following line.  Nearly all of those
calls return False after looking at one character, but each still costs a Python
call and a LOGGER.debug.

`install(md)` makes `md.block.ruler.getRules(chain)` return one dispatcher per
chain.  The dispatcher reads the line's first non-space character (the one every
rule reads, at ``bMarks + tShift``) and its indentation, and calls, in the chain's
order, only the rules whose own first checks do not reject that line; it returns
the first True.  A rule is skipped only when one of those checks certainly makes
it return False, and only checks that come before any side effect are used.

The precondition of each rule (markdown-it-py 3.x/4.x, markdown_it/rules_block/):

- every rule but code, table and paragraph starts with
  ``if state.is_code_block(startLine): return False``; table makes the same
  check later, still before any side effect; code needs the opposite
  (``if not state.is_code_block(startLine): return False``); paragraph takes any
  line.  So an indented-code line goes to code and paragraph only, any other
  line to everything but code.
- fence: ``if marker not in markers`` with markers ``("~", "`")``.
- blockquote: ``if state.src[pos] != ">"``.
- hr: ``if marker not in ("*", "-", "_")``.
- list: skipOrderedListMarker needs an ASCII digit (``ord`` in 0x30-0x39),
  skipBulletListMarker one of ``* - +``; if both fail it returns False (its only
  earlier checks are is_code_block and an indentation special case, both return
  False).
- reference: ``if state.src[pos] != "["``.
- html_block: ``if state.src[pos] != "<"`` (its ``options["html"]`` check is left
  to the rule, as options can change between parses).
- heading: ``if ch != "#"``.
- table looks at the NEXT line, the delimiter row: it returns False when
  ``startLine + 2 > endLine``, when ``sCount[next] < blkIndent``, when the next
  line is empty or does not start with ``| - :``, and when the current line has no
  ``|`` (``"|" not in mdTrim(getLine(startLine))``; trimming whitespace cannot
  remove a ``|``).  Table has no LOGGER call and writes no state before those.
- lheading is never skipped on a non-code line: before it scans ahead for an
  underline it sets ``state.parentType = "paragraph"`` and does not restore it
  when it returns False, so even a cheap "no underline" test would drop a side
  effect.  On a code line it returns False before that assignment.

`install` refuses (returns False, md untouched) unless the ruler is a plain
`Ruler` holding exactly the 11 known rule names with their stock functions.  The
dispatchers are rebuilt whenever the ruler recompiles its chains (enable, disable,
at, before, ...), from the rules then enabled; if an unknown rule has appeared,
the stock chains are returned unchanged.  `md.block.tokenize` is not touched, so a
wrapper installed around it later keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

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
# listed here accepts a line whatever its first character.
_FIRST: dict[str, str] = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}
# The only rules that can match a line that is indented code.
_ON_CODE_LINES = ("code", "paragraph")


def _known_rules(ruler: Ruler[Any]) -> bool:
    rules = ruler.__rules__
    names = [rule.name for rule in rules]
    return sorted(names) == sorted(_KNOWN) and all(rule.fn is _KNOWN[rule.name] for rule in rules)


def _dispatcher(fns: Sequence[RuleFn]) -> RuleFn:
    """One function standing for the chain `fns` (stock rules, chain order)."""
    named = [(_NAME_OF[fn], fn) for fn in fns]

    def pick(first: str | None, table_possible: bool) -> tuple[RuleFn, ...]:
        # the rules, in chain order, that may match a non-code line starting with `first`
        return tuple(
            fn for name, fn in named
            if name != "code"
            and (name != "table" or table_possible)
            and (name not in _FIRST or (first is not None and first in _FIRST[name]))
        )

    keys = {ch for name, _ in named for ch in _FIRST.get(name, "")}
    plain = {ch: pick(ch, False) for ch in keys}
    plain_other = pick(None, False)
    tabled = {ch: pick(ch, True) for ch in keys}
    tabled_other = pick(None, True)
    on_code = tuple(fn for name, fn in named if name in _ON_CODE_LINES)
    every = tuple(fns)
    has_table = "table" in (name for name, _ in named)

    def dispatch(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
        src = state.src
        pos = state.bMarks[startLine] + state.tShift[startLine]
        if pos >= len(src):
            # the sentinel line past the end (never tokenized): no first character
            # to reason about, so behave exactly like the stock chain
            rules = every
        elif state.sCount[startLine] - state.blkIndent >= 4 and state.is_code_block(startLine):
            # is_code_block is `code enabled and sCount - blkIndent >= 4`; the
            # first test only saves the method call on ordinary lines
            rules = on_code
        else:
            first = src[pos]  # "\n" on a blank line: no rule's marker
            table_possible = False
            if has_table and startLine + 2 <= endLine:
                nxt = startLine + 1
                npos = state.bMarks[nxt] + state.tShift[nxt]
                table_possible = (
                    npos < state.eMarks[nxt]
                    and src[npos] in "|-:"
                    and state.sCount[nxt] >= state.blkIndent
                    and src.find("|", pos, state.eMarks[startLine]) >= 0
                )
            if table_possible:
                rules = tabled.get(first, tabled_other)
            else:
                rules = plain.get(first, plain_other)
        for rule in rules:
            if rule(state, startLine, endLine, silent):
                return True
        return False

    return dispatch


class _DispatchingRuler(Ruler):  # type: ignore[type-arg]
    """The block ruler after `install`: same rules, dispatched chains.

    The dispatchers live on the instance and are keyed by the very chain cache
    (`__cache__`) they were built from: any change to the rules resets that cache,
    so they are rebuilt from the new chains, and a copy of the ruler keeps its own.
    """

    _built_for: dict[str, list[Any]] | None = None
    _chains: dict[str, list[Any]] = {}

    def getRules(self, chainName: str = "") -> list[Any]:
        cache = self.__cache__
        if cache is None or cache is not self._built_for:
            Ruler.getRules(self, "")  # compiles the stock chains
            cache = self.__cache__
            assert cache is not None
            self._built_for = cache
            if _known_rules(self):
                self._chains = {name: [_dispatcher(fns)] if fns else [] for name, fns in cache.items()}
            else:  # a rule we know nothing about: the stock chains, as they are
                self._chains = cache
        return self._chains.get(chainName) or []


def install(md: MarkdownIt) -> bool:
    """Make md's block parser call only the rules that can match each line.

    Returns False, leaving md as it was, when its block rules are not exactly the
    stock ones (an unknown rule, a replaced function, a Ruler subclass)."""
    ruler = md.block.ruler
    if type(ruler) not in (Ruler, _DispatchingRuler) or not _known_rules(ruler):
        return False
    ruler.__class__ = _DispatchingRuler
    ruler._built_for = None  # type: ignore[attr-defined]  # (re)build on first use
    return True
