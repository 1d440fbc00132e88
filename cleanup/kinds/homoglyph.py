"""The ``homoglyph`` builtin: Cyrillic or Greek look-alike letters inside Latin words.

A word is judged only when it has at least one Latin letter and every other letter in it
has a Latin look-alike in the pack's table (``Mоscow`` with a Cyrillic ``о``): such a word
was typed or OCR-ed with the wrong keyboard, and reads the same but does not match in
search or spell checks. Words written wholly in Cyrillic or Greek (``Москва``), mixed
words with letters that look like no Latin letter, and words inside mojibake that the
encoding repair changes (UTF-8 read as Windows-1251 gives Cyrillic letters beside Latin
ones: mapping them to Latin would leave text no repair can undo) are left alone.

The words are found and judged in the Rust core (``crates/mtcore/src/homoglyph.rs``); whether
one lies in mojibake is ftfy's to say, so the kind is an adapter whose :meth:`complete` asks
:func:`~cleanup.kinds.mojibake.is_repaired` about the word in its line (ftfy runs only when the
core's mojibake gate suspects that line).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import regex

from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.kinds.mojibake import is_repaired
from cleanup.model import Finding

_LATIN_RE = regex.compile(r"\p{Script=Latin}")


class HomoglyphKind(CompiledKind):
    name: ClassVar[str] = "homoglyph"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "table": KeySpec(str, required=True, doc="TSV: look-alike letter, Latin letter"),
    }
    adapter: ClassVar[bool] = True

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> HomoglyphKind:
        label, rows = context.table(options["table"], "table", min_columns=2, max_columns=3)
        table: dict[str, str] = {}
        for line, (lookalike, latin, _note) in rows:
            if len(lookalike) != 1 or len(latin) != 1 or not _LATIN_RE.match(latin) or _LATIN_RE.match(lookalike):
                raise RulePackError(label, line, meta.id, "each row maps one non-Latin letter to one Latin letter")
            table[lookalike] = latin

        error = key_errors(context, "invalid '{key}': {problem}")

        return cls(meta, {"kind": "homoglyph", "table": list(table.items())}, error)

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        if _is_in_mojibake(doc, hit[1], hit[2]):
            return []
        return [self.finding(doc, hit)]


def _is_in_mojibake(doc: Document, start: int, end: int) -> bool:
    """Whether the encoding repair of the line holding ``doc.text[start:end]`` changes any of it."""
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return is_repaired(doc, line_start, len(text) if line_end == -1 else line_end, start, end)
