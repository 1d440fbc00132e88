"""The ``quote-balance`` builtin: a quotation opened and never closed (detect only).

MT output drops closing quotes (a French quotation closed by ``»`` after a line break, or by
a sentence the system reordered) and leaves opening quotes dangling at the end of a line.
Good English has quotations that run over several lines and paragraphs, so this reads the
quote marks of a whole paragraph in order, as a reader does, instead of looking for a
closing mark on the same line:

- **Paragraphs**, not lines. In a hard-wrapped text (a novel, a plain-text e-mail: lines no
  longer than a fixed width, blank lines between paragraphs) a line that is *full* (its
  next line's first word would not have fitted after it) belongs to the same paragraph as
  the next line, and so does a line ending mid-sentence before one starting in lower case
  (``crates/mtcore/src/wrap.rs``). A text with one paragraph per line has no
  full lines and keeps its lines.
- **Roles.** ``“`` opens, ``”`` closes; a ``“`` glued after a word and followed by a space,
  punctuation or the line's end is an MT closing mark (other rules fix its direction), and
  it closes here. A straight ``"`` opens after a space, a bracket or a dash and closes
  otherwise; ``«`` and ``»`` open and close. Single quotes are not read at all: an
  apostrophe and a closing single quote are the same character, and single quotes nested
  in a double quotation (or double ones nested in British single quotes) never change
  whether the double quotation is closed.
- **Open at the end of a paragraph** means the paragraph's last quote mark opens. That is
  the English convention for a quotation running over several paragraphs when the next
  paragraph opens with a quote mark again (only the last one closes), and a quotation split
  by extraction when the next paragraph's first mark closes it (in a text without blank
  lines between paragraphs, such as dialogue broken into short lines, after up to
  four lines without any mark). Otherwise the last opening
  ``“`` is reported. A new ``“`` inside an open quotation re-opens it (a paragraph break
  lost in extraction), so only the state at the paragraph's end counts.
- Only a curly ``“`` is reported: plain-ASCII text uses ``"`` for inches and minutes and is
  too often unbalanced by design. A ``“`` glued after a word (``said“we``) belongs to the
  glued-quote rules. A ``“`` followed by nothing but spaces on its line opens nothing and
  is always reported.

Where the quotation should end needs a reader, so nothing is fixed.

Matching runs in the Rust core (``crates/mtcore/src/quote_balance.rs``); documents without
a ``\N{LEFT DOUBLE QUOTATION MARK}`` are skipped by the core's literal gate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, key_errors


class QuoteBalanceKind(CompiledKind):
    name: ClassVar[str] = "quote-balance"
    keys: ClassVar[Mapping[str, KeySpec]] = {"builtin": KeySpec(str, required=True)}

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> QuoteBalanceKind:
        spec = {"kind": "quote-balance", "gate": ["\N{LEFT DOUBLE QUOTATION MARK}"]}

        return cls(meta, spec, key_errors(context))
