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
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding

_PRONOUN_RE = re.compile(r"(?:She|He)(?= [a-z])")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SUBJECT_START_RE = re.compile(r"[“\"]?(?:The|This|That|Its|Our|Their)\s")
_SUBJECT_ANYWHERE_RE = re.compile(r"(?:The|This|That|Its|Our|Their)\s")
_TITLE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Mme|Dr|Prof|Sir|Lady|Lord|Madam|Monsieur|Madame)\b\.?")
# Two capitalised words in a row not introduced by "the": a personal name (Karima Bensaïd).
_NAME_RE = re.compile(r"(?<!\bthe )(?<!\bThe )\b[A-Z][a-zà-ÿ'’\-]+ [A-Z][a-zà-ÿ'’\-]+")
_PRONOUN_FORMS = {"She": ("she", "her", "hers", "herself"), "He": ("he", "him", "his", "himself")}
# The same pronoun anywhere earlier in the text: a person of that gender is already in the
# story (a novel's heroine, a minister quoted above), so "She" may well be her.
_PRONOUN_FORMS_RE = {
    pronoun: re.compile(rf"\b(?:{'|'.join(forms)})\b", re.IGNORECASE) for pronoun, forms in _PRONOUN_FORMS.items()
}
#: Capitalised words at least this frequent in English are not taken for personal names.
_COMMON_WORD_ZIPF = 4.5
#: How many words of the previous sentence may come before its organisation noun.
_SUBJECT_WINDOW = 6


class PronounGenderKind:
    name: ClassVar[str] = "pronoun-gender"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "organisations": KeySpec(str, required=True, doc="word list: organisation nouns"),
        "persons": KeySpec(str, required=True, doc="word list: nouns naming people"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, organisations: frozenset[str], persons: frozenset[str]) -> None:
        self.meta = meta
        self.organisations = organisations
        self.persons = persons
        #: What :meth:`_is_person_noun` also takes for a person noun: a plural in ``-s``.
        self.person_plurals = frozenset(person + "s" for person in persons)

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> PronounGenderKind:
        organisations = frozenset(w.lower() for w in context.word_list(options["organisations"], "organisations"))
        persons = frozenset(w.lower() for w in context.word_list(options["persons"], "persons"))
        return cls(meta, organisations, persons)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "She " not in text and "He " not in text:
            return
        if not self._may_fire(doc):
            return
        # Sentences never cross paragraphs: only paragraphs with a pronoun, and the ones just
        # before them that hold the two sentences before it, are split (lazily, once each).
        from cleanup.segment import paragraph_view

        paragraphs, sentences_of = paragraph_view(doc)

        for number, (paragraph_start, paragraph_end) in enumerate(paragraphs):
            if _PRONOUN_RE.search(text, paragraph_start, paragraph_end) is None:
                continue
            own = sentences_of(number)
            for index, (start, _end) in enumerate(own):
                match = _PRONOUN_RE.match(text, start)
                if match is None:
                    continue
                before = own[max(0, index - 2) : index]
                earlier = number
                while len(before) < 2 and earlier > 0:
                    earlier -= 1
                    before = sentences_of(earlier)[-(2 - len(before)) :] + before
                if not before:
                    continue  # the text's first sentence
                previous = [text[s:e] for s, e in before]
                if (
                    self._has_organisation_subject(previous[-1])
                    and not self._has_person(previous, match.group(0))
                    and not _PRONOUN_FORMS_RE[match.group(0)].search(text, 0, before[0][0])
                ):
                    yield self.meta.finding(doc, match.start(), match.end())

    def _may_fire(self, doc: Document) -> bool:
        """Cheap necessary condition, so most texts never load the sentence splitter.

        A finding at ``She``/``He`` (position ``p``) needs the sentence before it to start at
        an opener (``The``, ``This``... at ``q``, on the same line or the previous non-blank
        one) and, since that sentence is then ``text[q:p]``, to pass the same subject and
        person tests the full check applies. Trying every such ``q`` covers wherever the
        sentence splitter puts the boundary.
        """
        text = doc.text
        previous_start = 0
        for start, end in doc.lines:
            if start == end or text[start:end].isspace():
                continue
            for pronoun in _PRONOUN_RE.finditer(text, start, end):
                for opener in _SUBJECT_ANYWHERE_RE.finditer(text, previous_start, pronoun.start()):
                    begins = [opener.start()]
                    if opener.start() > 0 and text[opener.start() - 1] in '“"':
                        begins.append(opener.start() - 1)
                    for begin in begins:
                        sentence = text[begin : pronoun.start()]
                        if self._has_organisation_subject(sentence) and not self._has_person(
                            [sentence], pronoun.group(0)
                        ):
                            return True
            previous_start = start
        return False

    def _has_organisation_subject(self, sentence: str) -> bool:
        opening = _SUBJECT_START_RE.match(sentence)
        if opening is None:
            return False
        # The first few words only: finditer stops there (findall split the whole sentence).
        window = itertools.islice(_WORD_RE.finditer(sentence, opening.end()), _SUBJECT_WINDOW)
        words = [match.group(0).lower() for match in window]
        for index, lower in enumerate(words):
            if lower in self.organisations:
                return True
            if self._is_person_noun(words, index) or (lower.endswith("s") and lower[:-1] in self.organisations):
                return False
        return False

    def _is_person_noun(self, words: list[str], index: int) -> bool:
        """A person noun, unless it qualifies an organisation noun (the official agency)."""
        lower = words[index]
        if lower not in self.persons and not (lower.endswith("s") and lower[:-1] in self.persons):
            return False
        return not (index + 1 < len(words) and words[index + 1] in self.organisations)

    def _has_person(self, sentences: list[str], pronoun: str) -> bool:
        forms = _PRONOUN_FORMS[pronoun]
        for sentence in sentences:
            if _TITLE_RE.search(sentence) or any(_is_personal_name(m.group(0)) for m in _NAME_RE.finditer(sentence)):
                return True
            words = [word.lower() for word in _WORD_RE.findall(sentence)]
            present = set(words)
            if not present.isdisjoint(forms):
                return True
            if present.isdisjoint(self.persons) and present.isdisjoint(self.person_plurals):
                continue  # no person noun at all: skip asking word by word
            if any(self._is_person_noun(words, index) for index in range(len(words))):
                return True
        return False


def _is_personal_name(pair: str) -> bool:
    """Two capitalised words that are not common English words (Hélène Carrier, not Human Rights)."""
    from cleanup.wordfreqs import zipf_at_least

    return not any(zipf_at_least("en", word, _COMMON_WORD_ZIPF) for word in pair.split(" "))
