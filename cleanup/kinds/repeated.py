"""The ``repeated-word`` builtin: the same word twice in a row (``the the Mona Lisa``).

MT systems and post-editors both leave doubled words; most are errors, but English has
legitimate doublings (``that that``, ``had had``, ``is is`` in quoted speech is rarer still),
so the pack's allow-list names, by class, the words whose doubling can be grammatical: the first
copy can end one phrase and the second begin the next (pronouns such as ``you`` in ``I told
you you would win``, stranded prepositions in ``waited for for years``, auxiliaries after a
clause subject in ``what it is is clear``). Articles, conjunctions, ``of``, ``than``, nouns
and adjectives doubled are never grammatical without a comma, and are removed. Only lower-case repeats
with a plain space between them are judged: ``Walla Walla`` and ``Bora Bora`` are names,
and a repeat across a line break or punctuation belongs to two different phrases. Any word may
end a clause subject that a wh-word opens, so a doubling shortly after one (``what happened
happened``, ``whoever wins wins``) is kept too.
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

# A clause subject opened by a wh-word is short: look back this far, within the clause.
_CLAUSE_WINDOW = 60
_CLAUSE_WORDS = 5
_CLAUSE_BREAK_RE = regex.compile(r"[.,;:!?()\[\]\"“”\n]")


class RepeatedWordKind:
    name: ClassVar[str] = "repeated-word"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "allow": KeySpec(str, required=True, doc="word list: words whose doubling is legitimate"),
        "clause_words": KeySpec(
            str, required=True, doc="word list: wh-words opening a clause subject (what happened happened)"
        ),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, allow: frozenset[str], clause_words: frozenset[str] = frozenset()) -> None:
        self.meta = meta
        self.allow = allow
        self.clause_words = clause_words

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> RepeatedWordKind:
        allow = frozenset(word.casefold() for word in context.word_list(options["allow"], "allow"))
        clause_words = frozenset(word.casefold() for word in context.word_list(options["clause_words"], "clause_words"))
        return cls(meta, allow, clause_words)

    def _ends_clause_subject(self, text: str, start: int) -> bool:
        """Whether a wh-word opens the clause a few words before ``start`` (what happened happened)."""
        before = text[max(0, start - _CLAUSE_WINDOW) : start]
        phrase = _CLAUSE_BREAK_RE.split(before)[-1]
        words = phrase.casefold().split()[-_CLAUSE_WORDS:]
        return not self.clause_words.isdisjoint(words)

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
            if word.casefold() in self.allow or self._ends_clause_subject(text, start):
                continue
            # Delete the second copy and the space before it; keep the first (its case).
            edit = Edit(Span(first_end, end), "")
            yield self.meta.finding(doc, start, end, word, edits=(edit,), fields={"match": text[start:end]})
