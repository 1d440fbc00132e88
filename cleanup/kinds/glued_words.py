"""The ``glued-words`` builtin: two English words written without the space between them.

Extraction and MT post-processing sometimes drop a space (``governmentsaid``,
``Releasewhich``). A token is split only when the split is certain: the whole token is
unknown to the English and French word lists, it is plain letters (no digits, no inner
capital as in ``iPhone`` or ``YouTube``, not part of a URL, handle, hashtag or file name),
and exactly one split point gives two halves that are both common English words, at least
one of them a short function word (``said``, ``which``, ``the``) from the pack's list.
Any other case (no split, or several) reports nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Edit, Finding, Span

# Candidate tokens: an optional capital, then at least six lower-case letters.
_MIN_LENGTH = 6  # the shortest candidate below: six lower-case letters
_CANDIDATE_RE = re.compile(r"(?<![\w@#/.\-'’])[A-ZÀ-Ý]?[a-zß-öø-ÿ]{6,}(?![\w@/\-'’]|\.[a-z])")


class GluedWordsKind:
    name: ClassVar[str] = "glued-words"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "function_words": KeySpec(str, required=True, doc="word list: halves that make a split believable"),
        "min_half_zipf": KeySpec(float, default=3.0, doc="least English Zipf value of each half"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, function_words: frozenset[str], min_half_zipf: float) -> None:
        self.meta = meta
        self.function_words = function_words
        self.min_half_zipf = min_half_zipf

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> GluedWordsKind:
        words = frozenset(word.lower() for word in context.word_list(options["function_words"], "function_words"))
        return cls(meta, words, float(options["min_half_zipf"]))

    def check(self, doc: Document) -> Iterator[Finding]:
        from cleanup.wordfreqs import in_table, is_listed, words_not_in_table

        # Gate on the document's distinct words first (shared, computed once): a candidate
        # token is a whole letter run, so its lower case is one of them; when no unknown
        # long word splits, no token can (the ``×`` the candidate class also admits is
        # not a letter, and a half starting with it is never a common word). Most documents
        # stop here without a Python-level scan of their tokens.
        unknown = words_not_in_table(doc.lower_words)
        if not any(len(word) >= _MIN_LENGTH and self._split(word) is not None for word in unknown):
            return
        for match in _CANDIDATE_RE.finditer(doc.text):
            token = match.group(0)
            lower = token.lower()
            if lower not in unknown and in_table(lower):
                continue  # a common English or French word
            split = self._split(lower)
            # Only a token that splits is looked up in the full lists (wordfreq loads then).
            if split is None or is_listed(lower):
                continue
            point = match.start() + split
            yield self.meta.finding(
                doc,
                match.start(),
                match.end(),
                edits=(Edit(Span(point, point), " "),),
                fields={"replacement": f"{token[:split]} {token[split:]}"},
            )

    def _split(self, lower: str) -> int | None:
        from cleanup.wordfreqs import zipf_at_least

        found = []
        for index in range(2, len(lower) - 1):
            left, right = lower[:index], lower[index:]
            if left not in self.function_words and right not in self.function_words:
                continue
            if zipf_at_least("en", left, self.min_half_zipf) and zipf_at_least("en", right, self.min_half_zipf):
                found.append(index)
        return found[0] if len(found) == 1 else None
