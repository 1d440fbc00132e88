"""The ``capitalized-word`` builtin: listed words written in lower case where English
capitalises them (month names after a day number: ``on 15 march`` → ``on 15 March``).

French writes month and day names in lower case, and MT output keeps the case of the
source. A word is judged only right after a match of the rule's ``before`` regex, so the
verb ``march`` and the modal ``may`` elsewhere are never touched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from cleanup.errors import RuleTimeoutError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding


class CapitalizedWordKind:
    name: ClassVar[str] = "capitalized-word"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "words": KeySpec(str, required=True, doc="word list: words English capitalises"),
        "before": KeySpec(str, required=True, doc="regex (case-insensitive) that must end right before the word"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        meta: RuleMeta,
        finder: regex.Pattern[str],
        timeout: float,
        words: tuple[str, ...],
        context: regex.Pattern[str],
    ) -> None:
        self.meta = meta
        self.finder = finder
        self.timeout = timeout
        self.words = words
        self.context = context

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> CapitalizedWordKind:
        words = sorted({word.lower() for word in context.word_list(options["words"], "words")}, key=len, reverse=True)
        before = options["before"]
        context.compile(before, "before", flags=regex.IGNORECASE)  # an error names the key's line
        alternation = "|".join(regex.escape(word) for word in words) or "(?!)"
        # ``check`` finds each listed word with ``str.find`` (far cheaper than a regex pass
        # with a leading look-behind) and asks the regexes only there: ``finder`` for the
        # word and its boundaries, ``context`` for the ``before`` regex ending right before
        # it. Candidates are taken left to right without overlap, as ``finditer`` would.
        finder = context.compile(f"(?<![\\p{{L}}])(?:{alternation})(?![\\p{{L}}\\p{{M}}])", "words")
        context_re = context.compile(f"(?<=(?i:{before}))", "before")
        return cls(meta, finder, context.match_timeout, tuple(words), context_re)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        starts = set()
        for word in self.words:
            position = text.find(word)
            while position != -1:
                starts.add(position)
                position = text.find(word, position + 1)
        if not starts:
            return
        finder = self.finder
        before = self.context
        matches = []
        previous_end = 0
        try:
            for position in sorted(starts):
                if position < previous_end:
                    continue
                match = finder.match(text, position, timeout=self.timeout)
                if match is not None and before.match(text, position, timeout=self.timeout) is not None:
                    matches.append(match)
                    previous_end = match.end()
        except TimeoutError:
            raise RuleTimeoutError(self.meta.id, self.timeout, doc.path) from None
        for match in matches:
            word = match.group(0)
            yield self.meta.finding(doc, match.start(), match.end(), word[0].upper() + word[1:])
