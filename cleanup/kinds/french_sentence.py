"""The ``french-sentence`` builtin: whole sentences left in French (detect only).

Sentences are nltk's Punkt sentences (:func:`cleanup.segment.sentences_of`) of whole
paragraphs, over the lines of a hard-wrapped text (:func:`cleanup.segment.paragraph_spans_of`:
a novel's sentence runs over its lines). Quoted French (in double quotes or guillemets,
straight or curly, single quotes, ``_emphasis_`` or ``*italics*``: a motto, a title, a line
the text cites) is French on purpose, and names and titles (capitalised words and the
particles before them: ``Le Rouge et le Noir``, ``rue de la Paix``) say nothing of the
sentence's language, so a sentence is weighed with those left out, and one that is only a
French quotation is not reported. Every decision about words is the Rust core's
(``crates/mtcore/src/french_sentence.rs``): the blocks of non-blank lines holding at least
``min_french_words`` distinct words far more frequent in French (the engine's candidates),
which of their paragraphs hold that many and where, and which sentences around those words
hold that many too, are mostly (``min_french_share``) words more frequent in French, and
keep enough words without quotations and names, with the text langdetect is to read. This
adapter splits the sentences (Punkt), gives the core the wordfreq values of a word its table
lacks when that decides a share, and asks the seeded langdetect classifier (English or
French) about the few sentences the core passes. Nothing is fixed: translating a sentence
is not a mechanical edit.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from cleanup._core import FrenchSentence
from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Finding
from cleanup.wordfreqs import core_table


class FrenchSentenceKind(CompiledKind):
    name: ClassVar[str] = "french-sentence"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "min_french_words": KeySpec(int, default=2, doc="words far more French than English the gate needs"),
        "min_french_share": KeySpec(float, default=0.5, doc="least share of French words in the sentence"),
    }
    adapter: ClassVar[bool] = True  # nltk splits the core's candidates, langdetect decides

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> FrenchSentenceKind:
        if options["min_french_words"] < 1:
            raise context.error("'min_french_words' must be at least 1", "min_french_words")
        spec = {
            "kind": "french-sentence",
            "min_french_words": options["min_french_words"],
            "min_french_share": float(options["min_french_share"]),
            "words": core_table(),
        }
        return cls(meta, spec, key_errors(context))

    def __init__(self, meta: RuleMeta, spec: dict[str, Any], error: Callable[[str, str], RulePackError]) -> None:
        super().__init__(meta, spec, error)
        self._judge: FrenchSentence | None = None

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """The sentences left in French in one candidate of the core: a block of non-blank
        lines holding enough French words. The core says which of its paragraphs may hold a
        sentence that passes, and where (enough French words, a stretch between possible
        sentence ends French enough); only the sentences there are split (nltk, windowed,
        shared with the other rules that read sentences); the core says which of them
        langdetect is to read, and what (without quotations and names), naming first any
        word the table lacks whose wordfreq values decide."""
        from cleanup.langid import detect_language
        from cleanup.segment import paragraph_spans_of, sentences_of
        from cleanup.wordfreqs import zipf

        if self._judge is None:
            self._judge = FrenchSentence(self.spec)
        _, block_start, block_end, *_ = hit
        text = doc.text[block_start:block_end]
        paragraphs = paragraph_spans_of(doc)
        first = bisect.bisect_left(paragraphs, (block_start, -1))
        last = bisect.bisect_left(paragraphs, (block_end, -1))
        relative = [(start - block_start, end - block_start) for start, end in paragraphs[first:last]]
        split = []
        for index, positions in self._judge.paragraphs(text, relative):
            start, end = paragraphs[first + index]
            sentences = sentences_of(doc, start, end)
            around = {sentence for position in positions for sentence in sentences.around(block_start + position) or ()}
            split.append(
                (*relative[index], [(left - block_start, right - block_start) for left, right in sorted(around)])
            )
        answers: dict[str, tuple[float, float]] = {}
        while True:
            asks, words = self._judge.sentences(text, split, answers)
            if not words:
                break
            for word in words:
                if word in answers:  # the core asks each word once: anything else is a bug
                    raise RuntimeError(f"{self.meta.id}: the core asked twice about {word!r}")
                answers[word] = (zipf("en", word), zipf("fr", word))
        return [
            self.meta.finding(doc, block_start + start, block_start + end)
            for start, end, plain in asks
            if detect_language(plain) == "fr"
        ]
