"""What every check module provides, and the shape of what it reports.

Plain classes, not dataclasses: they are defined on every start-up (a dataclass is
built by generating and compiling code) and a Finding is made for every diagnostic.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple

from ..models import Severity, Story, stories_language

if TYPE_CHECKING:
    from ..reading.frameworks import Framework, FrontMatter
    from ..reading.lexicon import Lexicon
    from ..models import Document


class Finding(NamedTuple):
    """A check's verdict on one story; the engine turns it into a Diagnostic.

    A file-level check (``Rule.check_file``) says which story it is about, if any.
    """

    line: int
    message: str
    story_line: int | None = None
    end_line: int | None = None


class Context:
    """What a check may look at beyond its story: the whole file, the framework it is
    read under, the rule packs (as a compiled lexicon) and the rule's options."""

    __slots__ = ("lexicon", "framework", "stories", "document", "front_matter", "config", "messages", "cache")

    def __init__(self, lexicon: Lexicon, framework: Framework, stories: list[Story] | None = None,
                 document: Document | None = None, front_matter: FrontMatter | None = None, config: Any = None,
                 messages: str = "auto") -> None:
        self.lexicon = lexicon
        self.framework = framework
        self.stories = [] if stories is None else stories
        self.document = document
        self.front_matter = front_matter
        self.config = config  # starlint.config.Config (not imported: config imports the checks)
        self.messages = messages  # auto: each story's language
        # per-file work a rule shares between its stories (e.g. duplicate-story's word index)
        self.cache: dict[Any, Any] = {}

    def options(self, rule: Rule) -> Any:
        if self.config is not None:
            return self.config.options_for(rule)
        assert rule.options is not None, f"{rule.code} has no options"
        return rule.options()

    def language(self, story_language: str | None = None) -> str:
        if self.messages != "auto":
            return self.messages
        if story_language:
            return story_language
        return stories_language(self.stories)


class Rule:
    """A rule: its code and kebab name, default severity, docs, and the check itself."""

    __slots__ = ("code", "name", "severity", "summary", "doc", "check", "default_enabled", "aliases", "uses_context",
                 "check_file", "options", "options_schema", "kinds", "advice")

    def __init__(self, code: str, name: str, severity: Severity, summary: str, doc: str,
                 check: Callable[..., Iterator[Finding]] | None, default_enabled: bool = True,
                 aliases: tuple[str, ...] = (),
                 uses_context: bool = False, check_file: Callable[[Context], Iterator[Finding]] | None = None,
                 options: type | None = None, options_schema: Callable[[], type] | None = None,
                 kinds: tuple[str, ...] = ("experience",),
                 advice: dict[str, str] | None = None) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary  # one line, English
        self.doc = doc  # full documentation with failing and passing examples (Korean and English)
        # (story, message language) — or (story, language, context) when `uses_context`;
        # None for a rule that looks at whole files only (check_file) or at reading them
        self.check = check
        self.default_enabled = default_enabled
        self.aliases = aliases
        self.uses_context = uses_context
        # checks that look at the whole file rather than one story (talking points, front matter)
        self.check_file = check_file
        # the rule's settings (`rule-options` in config): a named tuple of their defaults …
        self.options = options
        # … and the pydantic model a config's `rule-options` for the rule is checked against
        # (built on first use: only a config that sets options needs it)
        self.options_schema = options_schema
        # the kinds of answer (reading/kinds.py) the per-story check reads: experiences, unless it says
        self.kinds = kinds
        # the long advice with an example, per language: `starlint rule CODE` and `check --explain`
        # (a diagnostic line carries only the short message)
        self.advice = advice

    def __repr__(self) -> str:
        return f"Rule({self.code} {self.name})"

    def run(self, story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
        """The story's findings; only for a rule with a per-story `check` (the engine runs no other)."""
        assert self.check is not None, f"{self.code} looks at whole files only"
        if self.uses_context:
            return self.check(story, language, context)
        return self.check(story, language)


def options_schema_for(options: type, name: str, bounds: dict[str, dict[str, Any]] | None = None,
                       check: Callable[[Any], Any] | None = None) -> Callable[[], type]:
    """A rule's `options_schema`: the pydantic model its `rule-options` are checked against.

    Every field of the `options` named tuple, with its type and default, spelled in
    kebab case in a config (`min_length` is `min-length`; the snake case is accepted
    too), within `bounds` (Field constraints: ``{"min": {"gt": 0, "lt": 1}}``); unknown
    keys fail, like every schema.  `check` runs on the validated model (a ValueError is
    the config's error).  Built when first needed: pydantic is not imported before.
    """

    @lru_cache(maxsize=1)
    def build() -> type:
        from typing import get_type_hints

        from pydantic import ConfigDict, Field, create_model, model_validator

        types, defaults = get_type_hints(options), options()
        fields: dict[str, Any] = {}
        for field in options._fields:
            spelled = field.replace("_", "-")
            fields[field] = (types[field], Field(default=getattr(defaults, field),
                                                 alias=spelled if spelled != field else None,
                                                 **(bounds or {}).get(field, {})))
        validators = {"_check": model_validator(mode="after")(check)} if check is not None else None
        return create_model(name, __config__=ConfigDict(extra="forbid", populate_by_name=True, frozen=True),
                            __validators__=validators, **fields)

    return build
