"""What every check module provides, and the shape of what it reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator

from ..models import Severity, Story

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..frameworks import Framework, FrontMatter
    from ..lexicon import Lexicon
    from ..models import Document


@dataclass(frozen=True)
class Finding:
    """A check's verdict on one story; the engine turns it into a Diagnostic.

    A file-level check (``Rule.check_file``) says which story it is about, if any.
    """

    line: int
    message: str
    story_line: int | None = None
    end_line: int | None = None


@dataclass
class Context:
    """What a check may look at beyond its story: the whole file, the framework it is
    read under, the rule packs (as a compiled lexicon) and the rule's options."""

    lexicon: "Lexicon"
    framework: "Framework"
    stories: list[Story] = field(default_factory=list)
    document: "Document | None" = None
    front_matter: "FrontMatter | None" = None
    config: Any = None  # starlint.config.Config (not imported: config imports the checks)
    messages: str = "auto"  # auto: each story's language
    # per-file work a rule shares between its stories (e.g. duplicate-story's word index)
    cache: dict[str, Any] = field(default_factory=dict)

    def options(self, rule: "Rule") -> "BaseModel":
        if self.config is not None:
            return self.config.options_for(rule)
        assert rule.options is not None, f"{rule.code} has no options"
        return rule.options()

    def language(self, story_language: str | None = None) -> str:
        if self.messages != "auto":
            return self.messages
        if story_language:
            return story_language
        ko = sum(1 for s in self.stories if s.language == "ko")
        return "ko" if ko * 2 > len(self.stories) else "en"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str  # one line, English
    doc: str  # full documentation with failing and passing examples (Korean and English)
    # (story, message language) — or (story, language, context) when `uses_context`
    check: Callable[..., Iterator[Finding]]
    default_enabled: bool = True
    aliases: tuple[str, ...] = field(default=())
    uses_context: bool = False
    # checks that look at the whole file rather than one story (talking points, front matter)
    check_file: Callable[[Context], Iterator[Finding]] | None = None
    # the rule's settings (`rule-options` in config), a pydantic model with defaults
    options: "type[BaseModel] | None" = None

    def run(self, story: Story, language: str, context: Context | None = None) -> Iterator[Finding]:
        if self.uses_context:
            return self.check(story, language, context)
        return self.check(story, language)
