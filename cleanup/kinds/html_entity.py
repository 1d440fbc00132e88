"""The ``html-entity`` builtin: HTML character references left in plain text by scraping.

A page scraped without unescaping leaves ``risqu&#233;``, ``AT&amp;T`` and ``&lt;`` in
the text. Each complete reference (named with its semicolon, decimal or hexadecimal) is
decoded with the standard library's ``html.unescape`` (HTML5's table, the one ftfy uses), and
becomes one finding whose fix is the character. Left alone: a document that is itself HTML
(any tag), references inside code (backtick spans, fenced blocks, and in Markdown indented
blocks), URLs, unknown names, references that decode to a control or replacement
character, ``&amp;`` whose result would spell another reference (``&amp;lt;`` shows the
reference itself), and in Markdown the references that stand for a character Markdown would
read as markup (``&lt;``, ``&#42;``), which is why a writer typed them.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Edit, Finding, Span

_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# An HTML tag or comment: the text is markup, where references are how characters are written.
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--|<!DOCTYPE", re.IGNORECASE)
_URL_RE = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"]+", re.IGNORECASE)
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[^\n]*$|\Z)", re.MULTILINE | re.DOTALL)
# A code span ends within its paragraph (no blank line inside), which also bounds the search
# from an unmatched backtick.
_CODE_SPAN_RE = re.compile(r"(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)")
_INDENTED_BLOCK_RE = re.compile(r"(?:^|\n[ \t]*\n)((?:(?: {4}|\t)[^\n]*(?:\n|$))+)")
#: Characters Markdown reads as markup: a reference to one of them in Markdown is deliberate.
_MARKDOWN_ACTIVE = frozenset("<>*_`[]#\\|!~")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


class HtmlEntityKind:
    name: ClassVar[str] = "html-entity"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()
    #: Every reference holds one; the engine skips texts with none.
    literal_gate: ClassVar[tuple[str, ...]] = ("&",)

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> HtmlEntityKind:
        return cls(meta)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        first = _ENTITY_RE.search(text)
        if first is None or _TAG_RE.search(text):
            return
        is_markdown = bool(doc.path) and str(doc.path).lower().endswith(_MARKDOWN_SUFFIXES)
        protected = protected_spans(text, is_markdown=is_markdown)
        protected_starts = [low for low, _ in protected]
        for match in _ENTITY_RE.finditer(text, first.start()):
            start, end = match.span()
            if _is_protected(protected, protected_starts, start, end):
                continue
            character = decode_entity(match.group(0))
            if character is None or (is_markdown and character in _MARKDOWN_ACTIVE):
                continue
            if character == "&" and _ENTITY_RE.match("&" + text[end : end + 40]):
                continue  # ``&amp;lt;``: the text shows a reference; decoding would make one
            edit_end = end
            if end < len(text) and text[end].islower():
                # The edit also rewrites the letter after the semicolon, so that in the same
                # round no rule reads that semicolon as punctuation and inserts a space before
                # the lower-case word after it (``&quot;risqu`` must not become ``" risqu``).
                edit_end = end + 1
            edit = Edit(Span(start, edit_end), character + text[end:edit_end])
            yield self.meta.finding(doc, start, end, character, edits=(edit,))


def decode_entity(entity: str) -> str | None:
    """The character ``entity`` stands for, or ``None`` when it is unknown or not printable.

    >>> decode_entity("&#233;"), decode_entity("&amp;"), decode_entity("&#x2019;"), decode_entity("&nosuch;")
    ('é', '&', '’', None)
    >>> decode_entity("&#0;"), decode_entity("&#7;")
    (None, None)
    """
    decoded = html.unescape(entity)
    if decoded == entity or not decoded:
        return None
    if any(unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") for char in decoded):
        return None
    if "\N{REPLACEMENT CHARACTER}" in decoded:
        return None
    return decoded


def protected_spans(text: str, *, is_markdown: bool) -> list[tuple[int, int]]:
    """Spans where references stay as written: code and URLs.

    >>> text = "a `&amp;` b\\n```\\n&lt;\\n```\\nsee https://x.org/?a=1&amp;b=2 &amp; c"
    >>> [text[start:end] for start, end in protected_spans(text, is_markdown=False)]
    ['`&amp;`', '```\\n&lt;\\n```', 'https://x.org/?a=1&amp;b=2']
    """
    fences = [match.span() for match in _FENCE_RE.finditer(text)]
    fence_starts = [start for start, _ in fences]
    spans = fences + [
        match.span() for match in _CODE_SPAN_RE.finditer(text) if not _inside(match.span(), fences, fence_starts)
    ]
    if is_markdown:
        spans += [match.span(1) for match in _INDENTED_BLOCK_RE.finditer(text)]
    spans += [match.span() for match in _URL_RE.finditer(text)]
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, with overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _inside(span: tuple[int, int], spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``span`` lies within one of ``spans`` (sorted, non-overlapping, starting at ``starts``)."""
    index = bisect.bisect_right(starts, span[0]) - 1
    return index >= 0 and span[1] <= spans[index][1]


def _is_protected(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` meets a span of ``spans`` (sorted, non-overlapping)."""
    index = bisect.bisect_left(starts, end) - 1
    return index >= 0 and spans[index][1] > start
