"""The ``html-entity`` builtin: HTML character references left in plain text by scraping.

A page scraped without unescaping leaves ``risqu&#233;``, ``AT&amp;T`` and ``&lt;`` in
the text. Each complete reference (named with its semicolon, decimal or hexadecimal) is
decoded as the standard library's ``html.unescape`` decodes it (HTML5's table, the one ftfy
uses), and becomes one finding whose fix is the character. Left alone: a document that is
itself HTML (any tag), references inside code (backtick spans, fenced blocks, and in
Markdown indented blocks), URLs, unknown names, references that decode to a control or
replacement character, ``&amp;`` whose result would spell another reference (``&amp;lt;``
shows the reference itself), and in Markdown the references that stand for a character
Markdown would read as markup (``&lt;``, ``&#42;``), which is why a writer typed them.

Matching runs in the Rust core (``crates/mtcore/src/html_entity.rs``), which receives
``html``'s tables as data and applies ``unescape``'s rules to them. Whether a document is
Markdown depends on its path, which the core does not see: it marks the hits a Markdown
document leaves alone, and :meth:`HtmlEntityKind.complete` drops them there.
"""

from __future__ import annotations

import html
import html.entities
import unicodedata
from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Finding

_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
#: The message field of a hit that a Markdown document does not report (``MARKDOWN_FIELD``).
_MARKDOWN_FIELD = ("markdown", "leave")


class HtmlEntityKind(CompiledKind):
    name: ClassVar[str] = "html-entity"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
    }
    #: Whether the document is Markdown is known here only (its path).
    adapter: ClassVar[bool] = True

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> HtmlEntityKind:
        # html.unescape's own tables: HTML5's named references, and its rules for numeric
        # ones (Windows-1252 for 128-159, nothing for noncharacters and most controls).
        # The two numeric tables are private to the module, so they are read by name.
        invalid_charrefs: dict[int, str] = getattr(html, "_invalid_charrefs")  # noqa: B009
        invalid_codepoints: set[int] = getattr(html, "_invalid_codepoints")  # noqa: B009
        spec = {
            "kind": "html-entity",
            # Every reference holds one.
            "gate": ["&"],
            "entities": sorted(html.entities.html5.items()),
            "invalid_charrefs": sorted(invalid_charrefs.items()),
            "invalid_codepoints": sorted(invalid_codepoints),
        }

        return cls(meta, spec, key_errors(context))

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """The hit's finding, unless the core marked it as one a Markdown document leaves
        alone and ``doc`` is Markdown, or its character is unassigned in Python's tables."""
        rule, start, end, edit_start, edit_end, replacement, extra = hit
        if replacement and any(unicodedata.category(char) == "Cn" for char in replacement):
            # Unassigned in Python's Unicode tables, which may be older than the core's: the
            # character would not show (the core refuses those its own tables leave unassigned).
            return []
        if extra is not None and _MARKDOWN_FIELD in extra[2]:
            if doc.path and str(doc.path).lower().endswith(_MARKDOWN_SUFFIXES):
                return []
            edits, level, fields = extra
            fields = [field for field in fields if field != _MARKDOWN_FIELD]
            extra = (edits, level, fields) if edits or level is not None or fields else None
            hit = (rule, start, end, edit_start, edit_end, replacement, extra)
        return [self.finding(doc, hit)]
