"""The ``french-sentence`` builtin: whole sentences left in French (detect only).

Sentences come from :func:`cleanup.segment.iter_sentences`; a cheap word-frequency gate
(the test of :func:`cleanup.langid.is_worth_detecting`, on the document's French words found
in each line and sentence) picks the few worth asking, and only those go
to the seeded langdetect classifier, restricted to English and French. Nothing is fixed:
translating a sentence is not a mechanical edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import filterfalse
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding

_WORD_RE = re.compile(r"[^\W\d_]+")


def _french_share_at_least(sentence: str, share: float) -> bool:
    """Is the share of the sentence's words more frequent in French than in English ``share``?

    langdetect alone calls an English sentence with two French words French now and then;
    requiring most words to lean French keeps those for the single-word rule. Words outside
    the shipped frequency table are looked up in wordfreq only when they decide the answer.
    """
    from cleanup import wordfreqs

    lowered = sentence.lower()
    words = _WORD_RE.findall(lowered)
    if not words:
        return 0.0 >= share
    if not wordfreqs.searching() and lowered.lower() == lowered:
        # A busy run: two set lookups per word, in C (the words are the table's keys as
        # they are: lower-casing them again changes nothing).
        french = sum(map(wordfreqs.more_french_words().__contains__, words))
        unknown = list(filterfalse(wordfreqs.table_words().__contains__, words))
    else:
        french = 0
        unknown = []
        for word in words:
            leans = wordfreqs.is_more_french(word)
            if leans is None:
                unknown.append(word)
            elif leans:
                french += 1
    if french / len(words) >= share:
        return True
    if (french + len(unknown)) / len(words) < share:
        return False
    french += sum(1 for word in unknown if wordfreqs.zipf("fr", word) > wordfreqs.zipf("en", word))
    return french / len(words) >= share


class FrenchSentenceKind:
    name: ClassVar[str] = "french-sentence"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "min_french_words": KeySpec(int, default=2, doc="words far more French than English the gate needs"),
        "min_french_share": KeySpec(float, default=0.5, doc="least share of French words in the sentence"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, min_french_words: int, min_french_share: float) -> None:
        self.meta = meta
        self.min_french_words = min_french_words
        self.min_french_share = min_french_share

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> FrenchSentenceKind:
        if options["min_french_words"] < 1:
            raise context.error("'min_french_words' must be at least 1", "min_french_words")
        return cls(meta, options["min_french_words"], float(options["min_french_share"]))

    def check(self, doc: Document) -> Iterator[Finding]:
        from cleanup.langid import detect_language, french_words_in

        text = doc.text
        french = french_words_in(doc.words)
        if len(french) < self.min_french_words:
            return
        # Sentences never cross lines, and a sentence can only pass the gate if its line does:
        # only those lines are split into sentences (once per document, shared with the
        # other rules that read sentences). A line's French words are among the document's:
        # finding those (Document.spans_holding) says which lines pass without splitting them.
        paragraphs = doc.paragraphs
        holding = doc.spans_holding(french, paragraphs)
        for number, held in sorted(holding.items()):
            if len(held) < self.min_french_words:
                continue
            sentences = doc.paragraph_sentences(number)
            worth = doc.spans_holding(held, sentences)
            for index, (start, end) in enumerate(sentences):
                sentence = text[start:end]
                if (
                    len(worth.get(index, ())) >= self.min_french_words
                    and _french_share_at_least(sentence, self.min_french_share)
                    and detect_language(sentence) == "fr"
                ):
                    yield self.meta.finding(doc, start, end)
