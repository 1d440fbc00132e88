"""The ``pronoun-gender`` builtin: an organisation called ``she`` or ``he`` (detect only).

French nouns have grammatical gender (``l'agence`` is feminine, ``le gouvernement``
masculine), so MT output continues ``The agency SANA denied … She added`` where English
needs ``it``. A sentence that starts with ``She`` or ``He`` is flagged when the sentence
before it has an organisation noun (from the pack's list) as its subject: within its first
few words, after ``The``/``This``/``Its``/``Our``. Precision first: nothing is reported
when a person the pronoun could refer to is near (a person noun such as ``minister`` or
``spokeswoman``, a title such as ``Mr`` or ``Ms``, a two-word personal name, or the same
pronoun or its other forms in the two sentences before, or that pronoun anywhere earlier in
the text: a person of that gender already in the text is a likelier antecedent than
French grammatical gender).

An adapter kind: the Rust core (``crates/mtcore/src/pronoun_gender.rs``) holds the word
logic. Its rule applies the cheap necessary condition to the whole document and returns
every ``She``/``He`` of a document that passes it; :meth:`PronounGenderKind.complete` splits
the pronoun's paragraph into sentences with nltk (:func:`cleanup.segment.sentence_and_before`)
and asks the core's judge about a pronoun that starts one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup._core import PronounGender
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Finding

#: How many sentences before the pronoun are read for a person it could refer to.
_SENTENCES_BEFORE = 2


class PronounGenderKind(CompiledKind):
    name: ClassVar[str] = "pronoun-gender"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "organisations": KeySpec(str, required=True, doc="word list: organisation nouns"),
        "persons": KeySpec(str, required=True, doc="word list: nouns naming people"),
    }
    adapter: ClassVar[bool] = True

    def __init__(self, meta: RuleMeta, spec: dict[str, Any], error: Any) -> None:
        super().__init__(meta, spec, error)
        self._judge = PronounGender(spec)

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> PronounGenderKind:
        from cleanup.wordfreqs import core_table

        organisations = {w.lower() for w in context.word_list(options["organisations"], "organisations")}
        persons = {w.lower() for w in context.word_list(options["persons"], "persons")}
        spec = {
            "kind": "pronoun-gender",
            "gate": ["She ", "He "],
            "organisations": sorted(organisations),
            "persons": sorted(persons),
            "words": core_table(),
        }

        return cls(meta, spec, key_errors(context))

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """A finding when the candidate ``She``/``He`` starts a sentence (nltk's Punkt, over
        its paragraph) that is not the text's first and the core's judge says it refers to
        an organisation (sentences never cross paragraphs; the two sentences before may be
        in the paragraphs before)."""
        from cleanup.segment import sentence_and_before

        _, start, end, _, _, _, _ = hit
        text = doc.text
        found = sentence_and_before(doc, start, _SENTENCES_BEFORE)
        if found is None or found[0][0] != start:
            return []
        before = found[1]
        if not before:
            return []  # the text's first sentence
        previous = [text[s:e] for s, e in before]
        if not self._judge.refers_to_organisation(previous, text[start:end], text, before[0][0]):
            return []
        return [self.meta.finding(doc, start, end)]
