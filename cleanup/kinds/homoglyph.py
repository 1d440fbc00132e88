"""The ``homoglyph`` builtin: Cyrillic or Greek look-alike letters inside Latin words.

A word is judged only when it has at least one Latin letter and every other letter in it
has a Latin look-alike in the pack's table (``Mоscow`` with a Cyrillic ``о``): such a word
was typed or OCR-ed with the wrong keyboard, and reads the same but does not match in
search or spell checks. Words written wholly in Cyrillic or Greek (``Москва``), mixed
words with letters that look like no Latin letter, and words inside mojibake that the
encoding repair changes (UTF-8 read as Windows-1251 gives Cyrillic letters beside Latin
ones: mapping them to Latin would leave text no repair can undo) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.mojibake import repair_runs
from cleanup.model import Edit, Finding, Span

_WORD_RE = regex.compile(r"[\p{L}\p{M}]+")
_LATIN_RE = regex.compile(r"\p{Script=Latin}")
_GATE_RE = regex.compile(r"[\p{Script=Cyrillic}\p{Script=Greek}]")
# A superset of ``_GATE_RE`` as plain ranges (the Unicode blocks holding Greek or Cyrillic
# letters, and everything beyond the BMP) for the standard ``re`` engine, whose set scan is
# faster; tests check that it covers every code point ``_GATE_RE`` matches.
_FAST_GATE_RE = re.compile(
    "[\u0370-\u052f\u1c80-\u1c8f\u1d00-\u1dbf\u1f00-\u1fff\u2126\u2de0-\u2dff"
    "\ua640-\ua69f\uab65\ufe2e\ufe2f\U00010000-\U0010ffff]"
)


class HomoglyphKind:
    name: ClassVar[str] = "homoglyph"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "table": KeySpec(str, required=True, doc="TSV: look-alike letter, Latin letter"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, table: dict[str, str]) -> None:
        self.meta = meta
        self.table = table

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> HomoglyphKind:
        label, rows = context.table(options["table"], "table", min_columns=2, max_columns=3)
        table: dict[str, str] = {}
        for line, (lookalike, latin, _note) in rows:
            if len(lookalike) != 1 or len(latin) != 1 or not _LATIN_RE.match(latin) or _LATIN_RE.match(lookalike):
                raise RulePackError(label, line, meta.id, "each row maps one non-Latin letter to one Latin letter")
            table[lookalike] = latin
        return cls(meta, table)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if _FAST_GATE_RE.search(text) is None or not _GATE_RE.search(text):
            return
        for match in _WORD_RE.finditer(text):
            word = match.group(0)
            if not _GATE_RE.search(word) or not _LATIN_RE.search(word):
                continue
            if not all(_LATIN_RE.match(char) or char in self.table for char in word if not _is_mark(char)):
                continue
            repaired = "".join(self.table.get(char, char) for char in word)
            edits = tuple(
                Edit(Span(match.start() + offset, match.start() + offset + 1), self.table[char])
                for offset, char in enumerate(word)
                if char in self.table
            )
            if not edits:
                continue  # the only non-Latin characters are combining marks (Aꚞ): no look-alike
            if _is_in_mojibake(text, match.start(), match.end()):
                continue
            yield self.meta.finding(doc, match.start(), match.end(), repaired, edits=edits)


def _is_in_mojibake(text: str, start: int, end: int) -> bool:
    """Whether the encoding repair of the line holding ``text[start:end]`` changes any of it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    start, end = start - line_start, end - line_start
    return any(run_start < end and start < run_end for run_start, run_end, _ in repair_runs(line))


def _is_mark(char: str) -> bool:
    return regex.match(r"\p{M}", char) is not None
