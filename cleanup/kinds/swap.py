"""The ``swap`` kind: a table of source-language terms and their English forms.

Used for French acronyms (``OSDH`` → ``SOHR``) and French forms of names and places
(``Idleb`` → ``Idlib``). Each row may carry a ``context`` regex that must occur somewhere in
the document and an ``unless`` regex that must not: HTC becomes HTS only in a document about
Hayat Tahrir al-Sham, never in one about the phone maker. Without its context a row reports
nothing at all, because a finding on a correct use is the costliest mistake this tool makes.
Terms match whole words only, so a longer acronym that contains a French one is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from cleanup.errors import RulePackError, RuleTimeoutError
from cleanup.kinds.base import LETTER_RUN_RE, Deferred, Document, KeySpec, RuleMeta
from cleanup.model import Finding


@dataclass(frozen=True, slots=True)
class SwapEntry:
    source: str
    target: str
    context: Deferred | None
    unless: Deferred | None


class SwapKind:
    name: ClassVar[str] = "swap"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "table": KeySpec(str, required=True, doc="TSV: source, target, context regex, unless regex"),
        "ignore_case": KeySpec(bool, default=False),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        meta: RuleMeta,
        finder: Deferred,
        entries: dict[str, SwapEntry],
        ignore_case: bool,
        timeout: float,
    ) -> None:
        self.meta = meta
        self.finder = finder
        self.entries = entries
        self.ignore_case = ignore_case
        self.timeout = timeout
        # Each term's first word must be one of the document's words, or it cannot match:
        # one set test in C skips most documents before the alternation scans them. The
        # gate is off for case-insensitive tables and for terms that start with no letter.
        firsts = [LETTER_RUN_RE.match(key) for key in entries]
        self.first_words: frozenset[str] | None = None
        if not ignore_case and all(firsts):
            self.first_words = frozenset(match.group(0) for match in firsts if match)

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> SwapKind:
        label, rows = context.table(options["table"], "table", min_columns=2, max_columns=4)
        ignore_case = options["ignore_case"]
        entries: dict[str, SwapEntry] = {}
        for line, (source, target, context_re, unless_re) in rows:
            key = source.casefold() if ignore_case else source
            if key in entries:
                raise RulePackError(label, line, meta.id, f"duplicate entry '{source}'")
            entries[key] = SwapEntry(
                source=source,
                target=target,
                context=context.deferred_cell(context_re, label, line) if context_re else None,
                unless=context.deferred_cell(unless_re, label, line) if unless_re else None,
            )
        alternatives = sorted((entry.source for entry in entries.values()), key=len, reverse=True)
        body = "|".join(regex.escape(item) for item in alternatives) or "(?!)"
        flags = regex.IGNORECASE if ignore_case else 0
        finder = context.deferred(rf"(?<![\w])(?:{body})(?![\w])", "table", flags=flags)
        return cls(meta, finder, entries, ignore_case, context.match_timeout)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if self.first_words is not None and self.first_words.isdisjoint(doc.words) and not doc.has_other_numbers:
            return
        try:
            matches = list(self.finder.get().finditer(text, timeout=self.timeout))
        except TimeoutError:
            raise RuleTimeoutError(self.meta.id, self.timeout, doc.path) from None
        allowed: dict[str, bool] = {}
        for match in matches:
            found = match.group(0)
            key = found.casefold() if self.ignore_case else found
            entry = self.entries[key]
            if key not in allowed:
                allowed[key] = self._applies(entry, doc)
            if allowed[key]:
                yield self.meta.finding(doc, match.start(), match.end(), entry.target)

    def _applies(self, entry: SwapEntry, doc: Document) -> bool:
        try:
            if entry.context is not None and entry.context.get().search(doc.text, timeout=self.timeout) is None:
                return False
            return entry.unless is None or entry.unless.get().search(doc.text, timeout=self.timeout) is None
        except TimeoutError:
            raise RuleTimeoutError(self.meta.id, self.timeout, doc.path) from None
