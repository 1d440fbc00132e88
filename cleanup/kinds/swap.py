"""The ``swap`` kind: a table of source-language terms and their English forms.

Used for French acronyms (``OSDH`` → ``SOHR``) and French forms of names and places
(``Idleb`` → ``Idlib``). Each row may carry a ``context`` regex that must occur somewhere in
the document and an ``unless`` regex that must not: HTC becomes HTS only in a document about
Hayat Tahrir al-Sham, never in one about the phone maker. Without its context a row reports
nothing at all, because a finding on a correct use is the costliest mistake this tool makes.
Terms match whole words only, so a longer acronym that contains a French one is left alone.

A term can only match where its first word is one of the document's words, so a document
is searched with the alternation of just those terms. Compiling the alternation of a whole
table (hundreds of names) costs ~20 ms, which a one-file run would pay for the two terms it
holds; a batch meets many different subsets, so after :data:`_SUBSETS` of them the whole
table is compiled once and used from then on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from cleanup.errors import RulePackError, RuleTimeoutError
from cleanup.kinds.base import LETTER_RUN_RE, Deferred, Document, KeySpec, RuleMeta
from cleanup.model import Finding

#: How many distinct subsets of a table are compiled before the whole table is.
_SUBSETS = 16


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
        alternatives: list[str],
        ignore_case: bool,
        timeout: float,
    ) -> None:
        self.meta = meta
        self.finder = finder
        self.entries = entries
        self.ignore_case = ignore_case
        self.timeout = timeout
        # Each term's first word must be one of the document's words, or it cannot match
        # (the regex engine's \w and the letter runs of ``doc.words`` agree on letters but
        # for characters of category No, hence ``has_other_numbers``): one set test in C
        # skips most documents, and the others are searched for the terms they can hold.
        # The gate is off for case-insensitive tables and for terms that start with no letter.
        firsts = [LETTER_RUN_RE.match(term) for term in alternatives]
        #: Each first word's terms, longest first as in the whole alternation, or None.
        self.by_first_word: dict[str, list[str]] | None = None
        if not ignore_case and all(firsts):
            self.by_first_word = {}
            for term, first in zip(alternatives, firsts, strict=True):
                assert first is not None
                self.by_first_word.setdefault(first.group(0), []).append(term)
        self.first_words = frozenset(self.by_first_word or ())
        self._order = {term: index for index, term in enumerate(alternatives)}
        self._subsets: dict[tuple[str, ...], regex.Pattern[str]] = {}

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
        flags = regex.IGNORECASE if ignore_case else 0
        finder = context.deferred(_alternation(alternatives), "table", flags=flags)
        return cls(meta, finder, entries, alternatives, ignore_case, context.match_timeout)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        finder = self._finder_for(doc)
        if finder is None:
            return
        try:
            matches = list(finder.finditer(text, timeout=self.timeout))
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

    def _finder_for(self, doc: Document) -> regex.Pattern[str] | None:
        """The alternation of the terms ``doc`` can hold, or None when it can hold none."""
        if self.by_first_word is None or doc.has_other_numbers:
            return self.finder.get()
        if self.finder.is_compiled:
            return None if self.first_words.isdisjoint(doc.words) else self.finder.get()
        present = self.first_words.intersection(doc.words)
        if not present:
            return None
        terms = tuple(
            sorted((term for word in present for term in self.by_first_word[word]), key=self._order.__getitem__)
        )
        compiled = self._subsets.get(terms)
        if compiled is None:
            if len(self._subsets) >= _SUBSETS:
                return self.finder.get()
            compiled = self._subsets[terms] = regex.compile(_alternation(list(terms)), self.finder.flags)
        return compiled

    def _applies(self, entry: SwapEntry, doc: Document) -> bool:
        try:
            if entry.context is not None and entry.context.get().search(doc.text, timeout=self.timeout) is None:
                return False
            return entry.unless is None or entry.unless.get().search(doc.text, timeout=self.timeout) is None
        except TimeoutError:
            raise RuleTimeoutError(self.meta.id, self.timeout, doc.path) from None


def _alternation(terms: list[str]) -> str:
    """Whole-word matching of ``terms``, tried in the order given (longest first)."""
    body = "|".join(regex.escape(term) for term in terms) or "(?!)"
    return rf"(?<![\w])(?:{body})(?![\w])"
