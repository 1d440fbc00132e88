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
(:func:`cleanup.segment.paragraph_view`). Precision first: recall is what is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding

_CANDIDATE_RE = re.compile(r"\b(?:his|himself)\b")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
# Titles: grammar of English and French news, not vocabulary (kept with the pronouns).
_MALE_TITLE_RE = re.compile(r"\b(?:Mr|Mister|Monsieur|Sir|Lord|M\.(?= [A-Z]))")
#: Words whose "his" is the generic masculine (everyone has his reasons).
_GENERIC = frozenset(
    {"everyone", "everybody", "someone", "somebody", "anyone", "anybody", "nobody", "each", "every", "whoever"}
)
#: Words that may stand between a person noun and the name it is in apposition with.
_APPOSITION_GLUE = frozenset({"the", "a", "an", "former", "current", "new", "then", "deputy", "outgoing"})
_APPOSITION_SEPARATOR_RE = re.compile(r"[\s,]*")
#: Capitalised words at least this frequent in English are not taken for personal names.
_COMMON_WORD_ZIPF = 4.5
_SENTENCES_BEFORE = 2
#: How many sentences further back a man named outright (he, Mr, Jean) still
#: stands for the owner of ``his``.
_MAN_LOOKBACK = 4
#: Words after which a noun is a noun phrase's head, possibly a person (the stranger, one of
#: the travellers), with up to ``_DETERMINER_REACH - 1`` adjectives between.
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "another", "every", "each", "one", "their", "our", "your"})
_DETERMINER_REACH = 3
#: Endings of English agent nouns (stranger, officer, coachman, novelist, merchant, notary).
_AGENT_ENDINGS = ("er", "or", "man", "men", "ist", "ian", "ant", "ent", "eur", "ee", "ary", "ard", "ster", "yer", "ier")
#: Endings that look like agent nouns but name things (government, moment, morning).
_NOT_AGENT_ENDINGS = ("ment", "ing", "ness")


class MasculineForWomanKind:
    name: ClassVar[str] = "masculine-for-woman"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "persons": KeySpec(list, required=True, doc="word lists: nouns naming people"),
        "female_nouns": KeySpec(str, required=True, doc="word list: nouns and titles naming a woman"),
        "female_names": KeySpec(str, required=True, doc="word list: women's first names"),
        "male_names": KeySpec(str, required=True, doc="word list: first names that may be a man's"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        meta: RuleMeta,
        persons: frozenset[str],
        female_nouns: frozenset[str],
        female_names: frozenset[str],
        male_names: frozenset[str],
    ) -> None:
        self.meta = meta
        self.persons = persons
        self.female_nouns = female_nouns
        self.female_names = female_names
        self.male_names = male_names

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> MasculineForWomanKind:
        def words(key: str, *, lower: bool) -> frozenset[str]:
            value = options[key]
            items = context.word_lists(value, key) if isinstance(value, list) else context.word_list(value, key)
            return frozenset(item.lower() if lower else item for item in items)

        female_names = words("female_names", lower=False)
        # A name on both lists may be a man's.
        male_names = words("male_names", lower=False)
        return cls(
            meta,
            words("persons", lower=True),
            words("female_nouns", lower=True),
            female_names - male_names,
            male_names,
        )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if " his" not in text and " himself" not in text:
            return
        from cleanup.segment import paragraph_view

        paragraphs, sentences_of = paragraph_view(doc)

        for number, (paragraph_start, paragraph_end) in enumerate(paragraphs):
            candidates = list(_CANDIDATE_RE.finditer(text, paragraph_start, paragraph_end))
            if not candidates:
                continue
            # Cheap necessary condition: a female cue before the first candidate, in this
            # paragraph or the one before (the window never reaches further back than that
            # often, and a miss only costs recall).
            reach = paragraphs[number - 1][0] if number > 0 else paragraph_start
            if not self._has_female(text[reach : candidates[-1].start()]):
                continue
            own = sentences_of(number)
            for candidate in candidates:
                index = next((i for i, (s, e) in enumerate(own) if s <= candidate.start() < e), None)
                if index is None:
                    continue
                reach_back = _SENTENCES_BEFORE + _MAN_LOOKBACK
                before = own[max(0, index - reach_back) : index]
                earlier = number
                while len(before) < reach_back and earlier > 0:
                    earlier -= 1
                    before = sentences_of(earlier)[-(reach_back - len(before)) :] + before
                current = text[own[index][0] : candidate.start()]
                earlier_sentences = [text[s:e] for s, e in before]
                window = earlier_sentences[-_SENTENCES_BEFORE:] + [current]
                if (
                    any(self._has_female(part) for part in window)
                    and not any(self._may_be_male(part) for part in window)
                    and not self._has_nearer_referent(current)
                    and not any(self._names_a_man(part) for part in earlier_sentences[:-_SENTENCES_BEFORE])
                ):
                    yield self.meta.finding(doc, candidate.start(), candidate.end())

    def _has_female(self, text: str) -> bool:
        for word in _WORD_RE.findall(text):
            lower = word.lower()
            if lower in _FEMALE_PRONOUNS or lower in self.female_nouns or word in self.female_names:
                return True
        return False

    def _may_be_male(self, sentence: str) -> bool:
        if _MALE_TITLE_RE.search(sentence):
            return True
        matches = list(_WORD_RE.finditer(sentence))
        words = [match.group(0) for match in matches]
        for index, word in enumerate(words):
            lower = word.lower()
            if lower in _MALE_PRONOUNS or lower in _GENERIC or word in self.male_names:
                return True
            if lower in self.persons and lower not in self.female_nouns and not self._apposed_to_woman(matches, index):
                return True
            if (
                word[0].isupper()
                and word not in self.female_names
                and index + 1 < len(words)
                and words[index + 1][0].isupper()
                and (index == 0 or words[index - 1].lower() != "the")
                and sentence[matches[index].end() : matches[index + 1].start()] == " "
                and _is_personal_name(word, words[index + 1])
                and (index == 0 or words[index - 1] not in self.female_names)
            ):
                return True  # an unknown personal name (Xi Jinping) may be a man's
        return False

    def _names_a_man(self, sentence: str) -> bool:
        """A man named outright in a sentence further back: he/him/his, a male title or a
        man's first name (a novel's ``Jean had gone out; he said nothing.`` four sentences
        before ``his footsteps sounded on the stairs``)."""
        if _MALE_TITLE_RE.search(sentence):
            return True
        return any(word.lower() in _MALE_PRONOUNS or word in self.male_names for word in _WORD_RE.findall(sentence))

    def _has_nearer_referent(self, clause: str) -> bool:
        """Whether the sentence, before the candidate, names someone who may own it: a
        determiner and a noun that may name a person (a listed person noun, an agent noun
        such as ``stranger``, ``officer``, ``coachman``, a borrowed title such as ``abbé``;
        ``one of the travellers``), or a capitalised name that is not a woman's as its
        subject, followed by a lower-case word (``McCririck has made``, ``Lucien laughed``).

        The nearest such phrase is the likeliest owner of ``his``, whatever the sentences
        before said about a woman (``The abbé raised his eyes``).
        """

        matches = list(_WORD_RE.finditer(clause))
        words = [match.group(0) for match in matches]
        for index, word in enumerate(words):
            lower = word.lower()
            if word[0].isupper():
                if (
                    _is_subject_position(words, index)
                    or "," in clause[matches[index - 1].end() : matches[index].start()]
                ) and self._is_unknown_subject_name(words, index):
                    return True  # an unknown name as a subject: a man's as likely as not
                continue
            if lower in self.female_nouns or not _follows_determiner(words, index):
                continue
            if self._may_name_person(lower) and not self._apposed_to_woman(matches, index):
                return True
        return False

    def _is_unknown_subject_name(self, words: list[str], index: int) -> bool:
        """``words[index]`` is a capitalised name that is not a woman's nor a common word,
        followed by a lower-case word (its verb)."""
        from cleanup.wordfreqs import zipf_at_least

        word = words[index]
        lower = word.lower()
        return (
            word[0].isupper()
            and index + 1 < len(words)
            and words[index + 1][0].islower()
            and word not in self.female_names
            and (index == 0 or words[index - 1] not in self.female_names)
            and lower not in self.female_nouns
            and lower not in _FEMALE_PRONOUNS
            and not zipf_at_least("en", lower, _COMMON_WORD_ZIPF)
        )

    def _may_name_person(self, lower: str) -> bool:
        """A noun that may name a person: listed, an agent noun, or a borrowed title."""
        singular = lower[:-1] if lower.endswith("s") and len(lower) > 3 else lower
        if lower in self.persons or singular in self.persons:
            return True
        if singular.endswith(_NOT_AGENT_ENDINGS):
            return False
        return singular.endswith(_AGENT_ENDINGS) or not singular.isascii()

    def _apposed_to_woman(self, matches: list[re.Match[str]], index: int) -> bool:
        """``the mayor, Claire Morand``, ``Prime Minister Hélène Carrier``, ``Aminata Ndiaye, former minister``."""
        # After: titles (capitalised words, person nouns: deputy mayor) up to a woman's first name.
        for after in range(index + 1, min(index + 4, len(matches))):
            word = matches[after].group(0)
            gap = matches[after - 1].string[matches[after - 1].end() : matches[after].start()]
            if not _APPOSITION_SEPARATOR_RE.fullmatch(gap) or not (word[0].isupper() or word.lower() in self.persons):
                break
            if word in self.female_names:
                return True
        # Before: a woman's name, her surname, then ", the", ", former"...
        for back in range(index - 1, max(-1, index - 5), -1):
            word = matches[back].group(0)
            if word in self.female_names:
                return True
            if not (word[0].isupper() or word.lower() in _APPOSITION_GLUE):
                break
        return False


def _is_subject_position(words: list[str], index: int) -> bool:
    """The sentence's first word, or its second after a capitalised first (``But``, ``Then``)
    (a word after a comma, as in ``In the acting categories, Foxx is``, is a subject too)."""
    from cleanup.wordfreqs import zipf_at_least

    return index == 0 or (index == 1 and zipf_at_least("en", words[0].lower(), _COMMON_WORD_ZIPF))


def _follows_determiner(words: list[str], index: int) -> bool:
    """Whether a determiner stands before ``words[index]`` with only lower-case words between."""
    for back in range(index - 1, max(-1, index - 1 - _DETERMINER_REACH), -1):
        word = words[back]
        if word.lower() in _DETERMINERS:
            return True
        if not word.islower():
            return False
    return False


def _is_personal_name(first: str, second: str) -> bool:
    """Two capitalised words that are not common English words (Xi Jinping, not Human Rights)."""
    from cleanup.wordfreqs import zipf_at_least

    return not any(zipf_at_least("en", word, _COMMON_WORD_ZIPF) for word in (first, second))
