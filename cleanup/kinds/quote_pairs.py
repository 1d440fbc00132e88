"""The ``quote-pairs`` kind: curly double quotes reversed, spaced or glued by the MT system,
repaired from the pairing of the marks in a paragraph (a line).

The marks of a paragraph are read in order (the first opens, the second closes, and so on),
and the paragraph is repaired only when that pairing is unambiguous: no mark of the
``leave`` list (guillemets, German quotes) on the line, a curly mark and an even number of marks,
text inside every quotation, and no mark shaped for the other role (a closer glued to the
word before and spaced from the next, or the reverse), so a quotation running in from the
previous line leaves the paragraph alone. Each mark pointing the wrong way then gets one fix:
the right direction, the space inside the quotation removed, a space outside added where it
is glued to a word. A mark of the ``straight`` list (``"``) joins the pairing as a mark of
either role when the document's curly marks outnumber its straight ones (a quotation half
converted: ``“no military solution"``), and takes the curly form of its role; elsewhere straight
quotes are the document's style and their lines are left alone. Marks already pointing the
right way, and the shapes the single-mark quote rules repair the same way, are left to those
rules.

Matching runs in the Rust core (``crates/mtcore/src/quotes.rs``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, key_errors


class QuotePairsKind(CompiledKind):
    name: ClassVar[str] = "quote-pairs"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "opening": KeySpec(str, default="\u201c", doc="the opening mark"),
        "closing": KeySpec(str, default="\u201d", doc="the closing mark"),
        "leave": KeySpec(
            list,
            default=["\u00ab", "\u00bb", "\u201e", "\u201f"],
            doc="marks whose presence leaves a paragraph to other rules",
        ),
        "straight": KeySpec(
            list,
            default=['"'],
            doc="marks of no direction that join the pairing where curly marks prevail",
        ),
    }

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> QuotePairsKind:
        for key in ("opening", "closing"):
            if len(options[key]) != 1:
                raise context.error(f"'{key}' must be one character", key)
        for key in ("leave", "straight"):
            if not all(isinstance(mark, str) and len(mark) == 1 for mark in options[key]):
                raise context.error(f"'{key}' must list single characters", key)
        if options["opening"] == options["closing"]:
            raise context.error("the opening and closing marks must differ", "closing")
        spec = {
            "kind": "quote-pairs",
            "opening": options["opening"],
            "closing": options["closing"],
            "leave": list(options["leave"]),
            "straight": list(options["straight"]),
        }

        return cls(meta, spec, key_errors(context))
