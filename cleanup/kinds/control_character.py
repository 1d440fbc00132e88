"""The ``control-character`` builtin: C0 and C1 controls that no encoding repair explains.

The fix deletes each control (not tab, line feed or carriage return), except those the
encoding repair explains: a C1 control inside mojibake (``â\\x80\\x99`` is UTF-8 ``’`` read as
Latin-1) or a lone Windows-1252 byte (``l\\x92état``) is left to ``mojibake``, which restores
the character, so no rule ever deletes a byte a repair needs (issue 14, point 3).

An adapter kind: the Rust core (``crates/mtcore/src/control_character.rs``) finds the
controls; :meth:`ControlCharacterKind.complete` asks
:func:`cleanup.kinds.mojibake.is_repaired` (ftfy, the one place that decides what a repair
changes) about the control's line, and drops a control inside a repaired run.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Finding

#: Where :meth:`ControlCharacterKind.complete` keeps the starts of a document's lines.
_STARTS_KEY = ("control-character", "line-starts")


class ControlCharacterKind(CompiledKind):
    """C0 and C1 controls that no encoding repair explains; the fix deletes each one."""

    name: ClassVar[str] = "control-character"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
    }
    adapter: ClassVar[bool] = True

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> ControlCharacterKind:
        spec = {"kind": "control-character"}

        return cls(meta, spec, key_errors(context))

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """The control's finding, unless the encoding repair of its line changes it."""
        from cleanup.kinds.mojibake import is_repaired

        start = hit[1]
        starts = doc.memo.get(_STARTS_KEY)
        if starts is None:
            starts = doc.memo[_STARTS_KEY] = [line_start for line_start, _ in doc.lines]
        assert isinstance(starts, list)
        line_start, line_end = doc.lines[bisect.bisect_right(starts, start) - 1]
        if is_repaired(doc, line_start, line_end, start, start + 1):
            return []  # part of mojibake: the repair needs this byte
        return [self.finding(doc, hit)]
