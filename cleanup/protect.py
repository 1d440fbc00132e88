"""Protected spans: URLs, e-mail addresses, domain and file names and, in Markdown, code and
link targets, which no rule may edit.

The spans are found by the Rust core (``crates/mtcore/src/protect.rs``) from word lists the
packs declare in the ``[protect]`` table of their ``pack.toml`` (top-level domains, those
that begin sentences in title case, file extensions). :func:`drop_protected` removes every
finding whose span or fix edit overlaps one, once per document, for every rule alike
(:func:`cleanup.engine.check_document`): a finding inside a URL is dropped, not only its fix.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleanup._core import Protector
from cleanup.model import Finding

if TYPE_CHECKING:
    from cleanup.kinds.base import Document
    from cleanup.packs.ruleset import Pack

#: File suffixes read as Markdown (code and link targets protected too).
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class ProtectLists:
    """One pack's ``[protect]`` word lists, lower case."""

    tlds: frozenset[str] = frozenset()
    sentence_starters: frozenset[str] = frozenset()
    file_extensions: frozenset[str] = frozenset()


def is_markdown(path: str | None) -> bool:
    """Whether a document read from ``path`` is Markdown (by its suffix)."""
    return path is not None and path.lower().endswith(MARKDOWN_SUFFIXES)


@functools.cache
def protector(packs: tuple[Pack, ...]) -> Protector:
    """The compiled lists of every pack in ``packs`` (their union), once per pack set."""
    tlds: set[str] = set()
    starters: set[str] = set()
    extensions: set[str] = set()
    for pack in packs:
        tlds |= pack.protect.tlds
        starters |= pack.protect.sentence_starters
        extensions |= pack.protect.file_extensions
    return Protector(sorted(tlds), sorted(starters), sorted(extensions))


def protected_spans(packs: tuple[Pack, ...], doc: Document) -> list[tuple[int, int]]:
    """The protected ``(start, end)`` spans of ``doc``, sorted and merged, in code points."""
    return protector(packs).spans(doc.text, is_markdown(doc.path))


def _touches(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` shares a code point with a protected span, or inserts
    strictly inside one (an insertion at its edge, a space before a URL, edits nothing in it)."""
    index = bisect.bisect_right(ends, start)  # the first span that ends after ``start``
    return index < len(starts) and starts[index] < end


def drop_protected(packs: tuple[Pack, ...], doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` less those whose span or fix edits overlap a protected span of ``doc``."""
    spans = protected_spans(packs, doc)
    if not spans:
        return findings
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    kept = []
    for finding in findings:
        if _touches(starts, ends, finding.span.start, finding.span.end):
            continue
        if finding.fix is not None and any(
            _touches(starts, ends, edit.span.start, edit.span.end) for edit in finding.fix.edits
        ):
            continue
        kept.append(finding)
    return kept
