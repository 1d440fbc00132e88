"""The ``indefinite-article`` builtin: ``a`` before a vowel sound and ``an`` before a consonant.

French has no a/an alternation, so MT output keeps whichever form the sentence started
with (``a “immediate cessation``). Sound is guessed from spelling, with a data file of word
beginnings that break the spelling rule (``one``, ``uni``, ``euro`` sound like a consonant;
``hour``, ``honest`` like a vowel; the longest listed beginning wins, so ``unim`` in
``unimportant`` overrides ``uni``). Only lower-case English words are judged:
acronyms (``a UN report``, ``an MP``) depend on how letters are read, and French words
(``a été``) belong to the leftover-French rules, so both are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding
from cleanup.wordfreqs import zipf

_ARTICLE_RE = regex.compile(
    r"""
    (?<![\w'’\-])                 # not the end of a longer word (ma, à, l'a)
    (?P<article>[Aa]n?)
    (?P<space>[ \t]+)
    (?P<quote>[“"‘'(]?)
    (?P<word>\p{Ll}[\p{L}\p{M}]*)  # a lower-case word: no acronyms, no names
    """,
    regex.VERBOSE,
)
_SENTENCE_START_RE = regex.compile(r"(?:^|[.!?:;]\s+|[“\"(]\s*)$", regex.MULTILINE)
_SENTENCE_START_WINDOW = 16  # enough for ".  “" before the article; never rescan the whole text
_VOWELS = frozenset("aeiou")
_MIN_ENGLISH_ZIPF = 2.0


class IndefiniteArticleKind:
    name: ClassVar[str] = "indefinite-article"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "sounds": KeySpec(str, required=True, doc="TSV: word beginning, sound (vowel | consonant)"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, sounds: dict[str, bool]) -> None:
        self.meta = meta
        self.sounds = sounds
        self.longest = max((len(prefix) for prefix in sounds), default=0)

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> IndefiniteArticleKind:
        label, rows = context.table(options["sounds"], "sounds", min_columns=2, max_columns=2)
        sounds: dict[str, bool] = {}
        for line, (prefix, sound) in rows:
            if sound not in ("vowel", "consonant"):
                raise RulePackError(label, line, meta.id, f"sound must be 'vowel' or 'consonant', not '{sound}'")
            if prefix.lower() in sounds:
                raise RulePackError(label, line, meta.id, f"duplicate prefix '{prefix}'")
            sounds[prefix.lower()] = sound == "vowel"
        return cls(meta, sounds)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for match in _ARTICLE_RE.finditer(text):
            article = match.group("article")
            word = match.group("word")
            start = match.start()
            before = text[max(0, start - _SENTENCE_START_WINDOW) : start]
            if article[0] == "A" and not _SENTENCE_START_RE.search(before):
                continue  # "grade A eggs", "Plan A": a letter, not an article
            wanted = "an" if self._starts_with_vowel_sound(word) else "a"
            if article.lower() == wanted or not _is_english(word):
                continue
            if wanted == "a" and word[0] in "hH":
                continue  # "an historic", "an hotel": a style some house guides keep
            replacement = wanted.capitalize() if article[0] == "A" else wanted
            yield self.meta.finding(
                doc,
                match.start("article"),
                match.end("article"),
                replacement,
                fields={"match": f"{article} {match.group('quote')}{word}"},
            )

    def _starts_with_vowel_sound(self, word: str) -> bool:
        lower = word.lower()
        for length in range(min(self.longest, len(lower)), 0, -1):
            listed = self.sounds.get(lower[:length])
            if listed is not None:
                return listed
        return lower[0] in _VOWELS


def _is_english(word: str) -> bool:
    lower = word.lower()
    english = zipf("en", lower)
    return english >= _MIN_ENGLISH_ZIPF and english >= zipf("fr", lower)
