"""What every rule kind shares: rule metadata, the document view rules read, and the
helpers that turn a match into a :class:`~cleanup.model.Finding`.

A kind is a class that compiles its keys once (``build``) and then only reads documents
(``check``). Kinds never modify text: fixes are edits carried by findings.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Protocol

from cleanup.model import Applicability, Category, Edit, Finding, Fix, Severity, Span


@dataclass(frozen=True, slots=True)
class Example:
    """One ``[[rule.example]]``: ``bad`` must be fixed into ``good``; ``ok`` must stay silent."""

    bad: str | None = None
    good: str | None = None
    ok: str | None = None


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """The data half of a rule: identity, documentation and fix policy."""

    id: str
    name: str
    kind: str
    category: Category
    severity: Severity
    message: str
    fix: Applicability
    why: str
    pack: str
    source: str
    fix_title: str = ""
    fix_safety: str = ""
    status: str = "stable"
    since: str = ""
    examples: tuple[Example, ...] = ()

    #: The placeholders :attr:`message` uses (derived, so that a finding computes only
    #: those: most messages do not show the excerpt).
    shown: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "shown", frozenset(placeholders_in(self.message)))

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        replacement: str | None = None,
        *,
        edits: tuple[Edit, ...] | None = None,
        applicability: Applicability | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> Finding:
        """Build a finding for ``doc.text[start:end]``.

        ``replacement`` replaces the span itself; ``edits`` (for fixes wider or narrower than
        the reported span) overrides it. ``applicability`` can only lower the rule's level.
        """
        text = doc.text
        matched = text[start:end]
        span = Span(start, end)
        level = self.fix
        if applicability is not None and applicability.rank < level.rank:
            level = applicability
        fix: Fix | None = None
        if edits is None and replacement is not None:
            edits = (Edit(span, replacement),)
        if edits is not None and level is not Applicability.NONE:
            fix = Fix(edits, level, self.fix_title)
        shown = self.shown
        values: dict[str, str] = {}
        if "match" in shown:
            values["match"] = matched.strip() or matched
        if "replacement" in shown:
            values["replacement"] = replacement if replacement is not None else ""
        if "context" in shown:
            values["context"] = excerpt(text, start, end)
        if fields:
            values.update(fields)
        return Finding(
            self.id, self.name, self.category, self.severity, span, matched, self.message.format_map(values), fix
        )


#: Words as the frequency lists spell them: letters only, split at apostrophes and hyphens.
#: The language helpers split with it (the core's ``words::is_run_char`` is the same test).
LETTER_RUN_RE = re.compile(r"[^\W\d_]+")


class Document:
    """A read-only view of one text with the derived values several rules need.

    Everything derived is computed on first use and cached, so a rule that needs the lines
    does not pay for it twice, and a rule that does not need them does not pay at all.
    """

    def __init__(self, text: str, path: str | None = None) -> None:
        self.text = text
        self.path = path
        #: Values derived by one kind and read by another rule of the same kind on this
        #: document (the open and close halves of a pair rule), keyed by the kind's own key.
        self.memo: dict[object, object] = {}

    @cached_property
    def lines(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of every line, ``end`` excluding the ``\\n`` (and a ``\\r`` before it)."""
        spans = []
        start = 0
        text = self.text
        while start <= len(text):
            newline = text.find("\n", start)
            end = len(text) if newline == -1 else newline
            content_end = end - 1 if end > start and text[end - 1] == "\r" else end
            spans.append((start, content_end))
            if newline == -1:
                break
            start = newline + 1
        if len(spans) > 1 and spans[-1][0] == len(text):
            spans.pop()  # the empty "line" after a trailing newline
        return tuple(spans)


class Kind(Protocol):
    """A rule kind: compiled once from a rule's keys, then asked to check documents."""

    name: ClassVar[str]
    keys: ClassVar[Mapping[str, KeySpec]]
    placeholders: ClassVar[frozenset[str]]

    def check(self, doc: Document) -> Iterator[Finding]: ...


@dataclass(frozen=True, slots=True)
class KeySpec:
    """A kind-specific key: its type, whether it is required, and its default."""

    type: type | tuple[type, ...]
    required: bool = False
    default: Any = None
    doc: str = ""


@dataclass(slots=True)
class Rule:
    """A loaded rule: its metadata and the compiled kind that matches it."""

    meta: RuleMeta
    matcher: Any = field(repr=False)

    @property
    def id(self) -> str:
        return self.meta.id

    def check(self, doc: Document) -> Iterator[Finding]:
        findings: Iterator[Finding] = self.matcher.check(doc)
        return findings


#: Placeholders every message may use, whatever its kind.
COMMON_PLACEHOLDERS = frozenset({"match", "replacement", "context"})
_CONTEXT_WORDS = 1
_CONTEXT_MAX = 40


def excerpt(text: str, start: int, end: int) -> str:
    """The span with the word before and after it, on its own line, for messages.

    >>> excerpt("seize Aleppo , Syria's second city", 12, 13)
    "Aleppo , Syria's"
    """
    # Only the window the loops below can reach is searched for the line's ends (searching
    # the whole line made every finding on a long one-line document cost its length).
    low = max(0, start - _CONTEXT_MAX - 1)
    line_start = text.rfind("\n", low, start) + 1 or low
    high = min(len(text), end + _CONTEXT_MAX + 1)
    line_end = text.find("\n", end, high)
    line_end = high if line_end == -1 else line_end
    left = start
    while left > line_start and text[left - 1].isspace() and start - left < _CONTEXT_MAX:
        left -= 1
    while left > line_start and not text[left - 1].isspace() and start - left < _CONTEXT_MAX:
        left -= 1
    right = end
    while right < line_end and not text[right].isalnum() and right - end < _CONTEXT_MAX:
        right += 1  # through spaces and punctuation to the next word
    while right < line_end and not text[right].isspace() and right - end < _CONTEXT_MAX:
        right += 1
    return text[left:right].strip()


def placeholders_in(template: str) -> set[str]:
    """Names used as ``{name}`` in a message template.

    >>> sorted(placeholders_in("French acronym {match}; use {replacement}"))
    ['match', 'replacement']
    """
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            names.add(name)
    return names


#: Regex alternatives (each starting with ``|``) for text quoted or set apart on purpose:
#: single quotes (a song, a motto; an apostrophe inside a word such as d’eau does not close)
#: and emphasis (Markdown or plain-text italics: a title, a motto, a word in another language),
#: across the line breaks of a hard-wrapped paragraph but never a blank line. The French-word
#: rules (SRC002, SRC003) append them to their own quotation patterns.
QUOTED_ASIDES = (
    # single quotes (a song, a motto): an apostrophe inside a word (d’eau) does not close
    r"|(?<![^\s(\[\N{EM DASH}\N{EN DASH}])[\N{LEFT SINGLE QUOTATION MARK}'](?=\S)"
    r"(?:[^\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}'\n]"
    r"|[\N{RIGHT SINGLE QUOTATION MARK}'](?=[^\W\d_])|\n(?![ \t]*\r?\n))*?"
    r"[\N{RIGHT SINGLE QUOTATION MARK}'](?![^\W\d_])"
    # emphasis (Markdown, plain-text italics): a title, a motto, a word in another language
    r"|(?<![^\W_])_(?=\S)[^_\n]*(?:\n(?![ \t]*\r?\n)[^_\n]*)*(?<=\S)_(?![^\W_])"
    r"|(?<![\w*])\*(?=[^\s*])[^*\n]*(?:\n(?![ \t]*\r?\n)[^*\n]*)*(?<=[^\s*])\*(?![\w*])"
)
