"""The ``repeated-word`` builtin: the same word twice in a row (``the the Mona Lisa``).

MT systems and post-editors both leave doubled words; most are errors, but English has
legitimate doublings (``that that``, ``had had``, ``is is`` in quoted speech is rarer still),
so the pack's allow-list names the words whose doubling is kept. Only lower-case repeats
with a plain space between them are judged: ``Walla Walla`` and ``Bora Bora`` are names,
and a repeat across a line break or punctuation belongs to two different phrases.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Edit, Finding, Span

# The match starts at the gap (a space: the engine scans for it quickly) and reads the first
# word in a look-behind; a leading look-behind would be tried at every position instead.
# Matches therefore start after the first word, so ``check`` drops a candidate whose first
# word lies inside the previous match, which keeps ``the the the`` one finding as before.
_REPEAT_RE = regex.compile(
    r"[ ](?<=(?<![\p{L}\p{M}\p{N}'’\-])(?P<word>\p{Ll}[\p{Ll}\p{M}]*)[ ])[ ]*(?P=word)(?![\p{L}\p{M}\p{N}'’\-])"
)


class RepeatedWordKind:
    name: ClassVar[str] = "repeated-word"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "allow": KeySpec(str, required=True, doc="word list: words whose doubling is legitimate"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, allow: frozenset[str]) -> None:
        self.meta = meta
        self.allow = allow

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> RepeatedWordKind:
        return cls(meta, frozenset(word.casefold() for word in context.word_list(options["allow"], "allow")))

    def check(self, doc: Document) -> Iterator[Finding]:
        # A repeat is two equal letter runs in a row in ``doc.runs``: the word is lower-case
        # letters (and marks) bounded by no letter, mark or number, and only spaces part the
        # copies. Unless a mark or a letter Python does not know splits a word into several
        # runs, no such pair means no match, and comparing neighbours in C is ~8x cheaper than
        # the pattern's scan.
        runs = doc.runs
        if not any(map(operator.eq, runs, itertools.islice(runs, 1, None))) and not doc.has_run_breakers:
            return
        text = doc.text
        previous_end = 0
        for match in _REPEAT_RE.finditer(text):
            start, first_end = match.span("word")
            if start < previous_end:
                continue
            previous_end = end = match.end()
            word = match.group("word")
            if word.casefold() in self.allow:
                continue
            # Delete the second copy and the space before it; keep the first (its case).
            edit = Edit(Span(first_end, end), "")
            yield self.meta.finding(doc, start, end, word, edits=(edit,), fields={"match": text[start:end]})
