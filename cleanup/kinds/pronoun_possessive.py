"""The ``masculine-for-woman`` builtin: ``his``/``him`` carried over for a woman (detect only).

French possessives agree with the thing possessed, not the owner (``son avocat``, ``sa
loi``), and ``lui`` is both ``him`` and ``her``, so MT output writes ``Elisabeth Borne …
support some of his texts``. A lower-case ``his``, ``him`` or ``himself`` is flagged when
the text before it in its sentence and the two sentences before (sentences never cross a
line; the window does, like PRN001's) names a woman (``she``/``her``, a female noun or title
such as ``woman`` or ``Mme``, a woman's first name from the pack's list) and nothing that
could be a man: no ``he``/``him``/``his``, male title (``Mr``, ``M.``), first name that may
be a man's, singular person noun (``minister``, ``lawyer``, unless it is in apposition
with a woman's name: ``the mayor, Claire Morand,``), generic ``everyone``/``each``, or
unknown two-word personal name, nor, up to four sentences further back, a man named
outright (he, a male title or first name); and the sentence itself, before the candidate, names nobody
else who may own it (a determiner and an agent noun or borrowed title: ``the stranger``,
``The abbé``, ``one of the carters``; an unknown name as a subject: ``Lucien laughed``).
Sentences run over the lines of a hard-wrapped paragraph
(:func:`cleanup.segment.sentence_and_before`). Precision first: recall is what is left.

An adapter kind: the Rust core (``crates/mtcore/src/masculine_for_woman.rs``) holds the word
logic. Its rule returns the candidates of every paragraph with a female cue before its last
candidate (in it or the paragraph before); :meth:`MasculineForWomanKind.complete` splits the
candidate's paragraph into sentences with nltk and asks the core's judge about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup._core import MasculineForWoman
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Finding

#: The word lists both pronoun kinds (PRN001, PRN002) read to know who is a person, and of
#: which gender.
PERSON_KEYS: Mapping[str, KeySpec] = {
    "persons": KeySpec(list, required=True, doc="word lists: nouns naming people"),
    "female_nouns": KeySpec(str, required=True, doc="word list: nouns and titles naming a woman"),
    "female_names": KeySpec(str, required=True, doc="word list: women's first names"),
    "male_names": KeySpec(str, required=True, doc="word list: first names that may be a man's"),
}
#: The lists whose words are compared lower-cased (nouns); first names keep their case.
_LOWERED = frozenset({"persons", "female_nouns"})

_SENTENCES_BEFORE = 2
#: How many sentences further back a man named outright (he, Mr, Jean) still
#: stands for the owner of ``his``.
_MAN_LOOKBACK = 4


def person_words(options: Mapping[str, Any], context: Any) -> dict[str, frozenset[str]]:
    """The words of a pronoun rule's :data:`PERSON_KEYS` lists (one file or several each)."""
    words = {}
    for key in PERSON_KEYS:
        value = options[key]
        items = context.word_lists(value, key) if isinstance(value, list) else context.word_list(value, key)
        words[key] = frozenset(item.lower() if key in _LOWERED else item for item in items)
    return words


class MasculineForWomanKind(CompiledKind):
    name: ClassVar[str] = "masculine-for-woman"
    keys: ClassVar[Mapping[str, KeySpec]] = {"builtin": KeySpec(str, required=True), **PERSON_KEYS}
    adapter: ClassVar[bool] = True

    def __init__(self, meta: RuleMeta, spec: dict[str, Any], error: Any) -> None:
        super().__init__(meta, spec, error)
        self._judge = MasculineForWoman(spec)

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> MasculineForWomanKind:
        from cleanup.wordfreqs import core_table

        words = person_words(options, context)
        spec = {
            "kind": "masculine-for-woman",
            "gate": [" his", " himself"],
            "persons": sorted(words["persons"]),
            "female_nouns": sorted(words["female_nouns"]),
            # A name on both lists may be a man's.
            "female_names": sorted(words["female_names"] - words["male_names"]),
            "male_names": sorted(words["male_names"]),
            "words": core_table(),
        }

        return cls(meta, spec, key_errors(context))

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """A finding when the core's judge says the candidate is ``his`` for a woman, given
        its sentence up to it and the six sentences before (nltk's Punkt over the
        paragraphs of :func:`cleanup.segment.paragraph_spans_of`)."""
        from cleanup.segment import sentence_and_before

        _, start, end, _, _, _, _ = hit
        text = doc.text
        # The judge reads the sentences further back only for a man named outright, after
        # the near ones said "a woman": asked with the near ones alone first, it says no
        # exactly when it says no with all of them, and most candidates need no sentence
        # splitting beyond the near ones (a candidate every few KB of a one-line document of
        # megabytes split all of it).
        found = sentence_and_before(doc, start, _SENTENCES_BEFORE)
        if found is None:
            return []
        (sentence_start, _), near = found
        current = text[sentence_start:start]
        if not self._judge.is_for_a_woman([text[s:e] for s, e in near], current):
            return []
        found = sentence_and_before(doc, start, _SENTENCES_BEFORE + _MAN_LOOKBACK)
        assert found is not None  # the same sentence holds the candidate
        _, before = found
        if not self._judge.is_for_a_woman([text[s:e] for s, e in before], current):
            return []
        return [self.meta.finding(doc, start, end)]
