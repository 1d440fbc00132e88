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
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding
from cleanup.wordfreqs import french_margin

_SPACES = "[ \t\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}]*"
_PAIR_RE = regex.compile(rf"(?P<open>«{_SPACES})(?P<content>[^«»\n]*?[^\s«»][^«»\n]*?)(?P<close>{_SPACES}»)")
_WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")


class GuillemetPairKind:
    name: ClassVar[str] = "guillemet-pair"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "side": KeySpec(str, required=True, doc="'open' or 'close': which half this rule reports"),
        "french_margin": KeySpec(float, default=1.0, doc="Zipf margin above which a quoted word counts as French"),
        "mentions": KeySpec(list, default=[], doc="words naming the marks themselves; such lines are left alone"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, side: str, margin: float, mentions: tuple[str, ...]) -> None:
        self.meta = meta
        self.side = side
        self.margin = margin
        self.mentions = tuple(item.casefold() for item in mentions)

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> GuillemetPairKind:
        if options["side"] not in ("open", "close"):
            raise context.error("'side' must be 'open' or 'close'", "side")
        if not all(isinstance(item, str) and item for item in options["mentions"]):
            raise context.error("'mentions' must be a list of non-empty strings", "mentions")
        return cls(meta, options["side"], float(options["french_margin"]), tuple(options["mentions"]))

    literal_gate: ClassVar[tuple[str, ...]] = ("«",)  # the engine skips texts without one

    def check(self, doc: Document) -> Iterator[Finding]:
        if "«" not in doc.text:
            return
        for pair in self.english_pairs(doc):
            group = self.side
            replacement = "\N{LEFT DOUBLE QUOTATION MARK}" if group == "open" else "\N{RIGHT DOUBLE QUOTATION MARK}"
            yield self.meta.finding(
                doc, pair.start(group), pair.end(group), replacement, fields={"match": pair.group(0)}
            )

    def english_pairs(self, doc: Document) -> list[regex.Match[str]]:
        """The pairs of every line that quotes no French; computed once per document for
        both halves (the open and close rules read the same pairs)."""
        key = ("guillemet-pair", self.margin, self.mentions)
        cached = doc.memo.get(key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        text = doc.text
        found: list[regex.Match[str]] = []
        for start, end in doc.lines:
            line = text[start:end]
            if "«" not in line:
                continue
            if self.mentions and any(word in line.casefold() for word in self.mentions):
                continue  # the text is about the marks themselves (« like this »)
            pairs = list(_PAIR_RE.finditer(text, start, end))
            if any(self.is_french(pair.group("content")) for pair in pairs):
                continue
            found.extend(pairs)
        doc.memo[key] = found
        return found

    def is_french(self, content: str) -> bool:
        """True when more quoted words lean French than English (ties count as English).

        Words unknown to both lists count for neither side, so names do not decide.
        """
        french = english = 0
        for word in _WORD_RE.findall(content):
            margin = french_margin(word)
            if margin > self.margin:
                french += 1
            elif margin < -self.margin:
                english += 1
        return french > english
