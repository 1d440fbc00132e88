"""The ``pronoun-gender`` builtin: an organisation called ``she`` or ``he`` (detect only).

French nouns have grammatical gender (``l'agence`` is feminine, ``le gouvernement``
masculine), so MT output continues ``The agency SANA denied … She added``, ``the ministry
says that she has mobilised``, ``the government and his ministers`` where English needs
``it``/``its``. The text's first ``she``/``her``/``hers``/``herself`` (and first
``he``/``him``/``his``/``himself``) is flagged when it is a subject or a possessive, its
sentence up to it and the two sentences before name an organisation (an organisation noun
from the pack's list, or a body's acronym) and no person it could refer to (a person noun,
a title, a first name, a two-word personal name), and the text before names no person of
its gender. Precision first: a later form of the pronoun is never flagged.

An adapter kind: the Rust core (``crates/mtcore/src/pronoun_gender.rs``) holds the word
logic. Its rule applies everything but the sentences to the whole document, with a bounded
window of text before the pronoun for its sentences, and returns the few candidates that
pass; :meth:`PronounGenderKind.complete` splits the candidate's paragraph into sentences
with nltk (:func:`cleanup.segment.sentence_and_before`) and asks the core's judge about its
sentence window.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup._core import PronounGender
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.kinds.pronoun_possessive import PERSON_KEYS, person_words
from cleanup.model import Finding

#: How many sentences before the pronoun its window holds.
_SENTENCES_BEFORE = 2


class PronounGenderKind(CompiledKind):
    name: ClassVar[str] = "pronoun-gender"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "organisations": KeySpec(str, required=True, doc="word list: organisation nouns"),
        **PERSON_KEYS,
    }
    adapter: ClassVar[bool] = True

    def __init__(self, meta: RuleMeta, spec: dict[str, Any], error: Any) -> None:
        super().__init__(meta, spec, error)
        self._judge = PronounGender(spec)

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> PronounGenderKind:
        from cleanup.wordfreqs import core_table

        organisations = {word.lower() for word in context.word_list(options["organisations"], "organisations")}
        spec = {
            "kind": "pronoun-gender",
            "gate": ["she ", "She ", " he ", "\nhe ", "He ", "her ", "Her ", "his ", "His "],
            "organisations": sorted(organisations),
            **{key: sorted(words) for key, words in person_words(options, context).items()},
            "words": core_table(),
        }

        return cls(meta, spec, key_errors(context))

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """A finding when the core's judge says the candidate refers to an organisation,
        given its sentence up to it and the two sentences before (nltk's Punkt over the
        paragraphs of :func:`cleanup.segment.paragraph_spans_of`; the two before may be in
        the paragraphs before)."""
        from cleanup.segment import sentence_and_before

        _, start, end, _, _, _, _ = hit
        found = sentence_and_before(doc, start, _SENTENCES_BEFORE)
        if found is None:
            return []
        (sentence_start, _), before = found
        window_start = before[0][0] if before else sentence_start
        if not self._judge.refers_to_organisation(doc.text[window_start:start]):
            return []
        return [self.meta.finding(doc, start, end)]
