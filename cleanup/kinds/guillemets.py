"""The ``guillemet-pair`` builtin: French « » pairs that should be English “ ” quotes.

A pair is a ``«`` and the next ``»`` on the same line with text between them; the spaces
French typography puts inside the marks (plain, U+00A0 or U+202F) go with them. A pair whose
quoted words lean French (``« On lâche rien »``, measured with
:func:`cleanup.wordfreqs.french_margin`) is a French quotation an English writer kept on
purpose, and then *every* pair on that line is left alone: a writer who quotes French in
guillemets may also name the marks themselves (``the angled marks « and »``). A line that
names the marks (the ``mentions`` words: "guillemets", "angle quotes") is about typography
and is left alone too. One rule
reports the opening half and another the closing half (``side``), so each half carries its
own code, but both read the same pairs.

Matching runs in the Rust core (``crates/mtcore/src/guillemets.rs``), which weighs quoted
words with the shipped word table. A word the table lacks may lean either way by a margin
only wordfreq knows: when such words could change whether a line quotes French, the line's
hits come back with the questions (``ask``) and :meth:`GuillemetPairKind.complete` answers
them with :func:`~cleanup.wordfreqs.french_margin`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Finding
from cleanup.wordfreqs import core_table, french_margin


class GuillemetPairKind(CompiledKind):
    name: ClassVar[str] = "guillemet-pair"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "side": KeySpec(str, required=True, doc="'open' or 'close': which half this rule reports"),
        "french_margin": KeySpec(float, default=1.0, doc="Zipf margin above which a quoted word counts as French"),
        "mentions": KeySpec(list, default=[], doc="words naming the marks themselves; such lines are left alone"),
    }
    adapter: ClassVar[bool] = True  # wordfreq weighs quoted words the core's table lacks

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> GuillemetPairKind:
        if options["side"] not in ("open", "close"):
            raise context.error("'side' must be 'open' or 'close'", "side")
        if not all(isinstance(item, str) and item for item in options["mentions"]):
            raise context.error("'mentions' must be a list of non-empty strings", "mentions")
        spec = {
            "kind": "guillemet-pair",
            "gate": ["«"],  # texts without one are skipped in the core's literal scan
            "side": options["side"],
            "french_margin": float(options["french_margin"]),
            "mentions": [item.casefold() for item in options["mentions"]],
            "words": core_table(),
        }

        return cls(meta, spec, key_errors(context))

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """The finding of a core hit, unless one of its line's pairs turns out to quote
        French once wordfreq weighs the words the table lacks (``ask``: one line per such
        pair, ``french english word...``: the counts so far and the words to weigh)."""
        _, start, end, _, _, replacement, extra = hit
        fields = dict(extra[2]) if extra is not None else {}
        ask = fields.pop("ask", None)
        if ask is not None and any(self._quotes_french(question) for question in ask.split("\n")):
            return []
        return [self.meta.finding(doc, start, end, replacement, fields=fields)]

    def _quotes_french(self, question: str) -> bool:
        """True when more quoted words lean French than English (ties count as English);
        words unknown to both lists count for neither side, so names do not decide."""
        margin = self.spec["french_margin"]
        french_count, english_count, *words = question.split(" ")
        french, english = int(french_count), int(english_count)
        for word in words:
            leaning = french_margin(word)
            if leaning > margin:
                french += 1
            elif leaning < -margin:
                english += 1
        return french > english
