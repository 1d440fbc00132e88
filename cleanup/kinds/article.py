"""The ``indefinite-article`` builtin: ``a`` before a vowel sound and ``an`` before a consonant.

French has no a/an alternation, so MT output keeps whichever form the sentence started
with (``a “immediate cessation``). Sound is guessed from spelling, with a data file of word
beginnings that break the spelling rule (``one``, ``uni``, ``euro`` sound like a consonant;
``hour``, ``honest`` like a vowel; the longest listed beginning wins, so ``unim`` in
``unimportant`` overrides ``uni``). The negative prefix ``un-`` before an English word is
read as a vowel whatever follows (``an unanswerable question``, not the ``unan`` of
``unanimous``), and a single letter is read by its name (``an x-ray``, ``a u-turn``).

Only lower-case English words are judged, and only those whose sound spelling can tell:
acronyms (``a UN report``, ``an MP``) depend on how letters are read; a lower-case word with
no vowel letter or with a beginning no English word has (``ntl``, ``fbi``, ``mnemonic``,
``fjord``) may be read letter by letter or not; a word followed by ``.com`` or ``/`` is a
domain or a path; an expressive spelling (``ummm``) has no dictionary sound; and after a word
that no indefinite article can precede (``a on``, ``a its``, ``a "a job``) neither article
is right, so nothing is proposed. French words (``a été``) belong to the leftover-French
rules.
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
    (?P<after>[.@/\-]\w)?          # a domain, address or path (fbi.gov), or a compound (x-ray)
    """,
    regex.VERBOSE,
)
_SENTENCE_START_RE = regex.compile(r"(?:^|[.!?:;]\s+|[“\"(]\s*)$", regex.MULTILINE)
_SENTENCE_START_WINDOW = 16  # enough for ".  “" before the article; never rescan the whole text
_VOWELS = frozenset("aeiou")
_VOWEL_LETTERS = frozenset("aeiouy")  # a word without any is not read as spelt (ntl, hmm)
_MIN_ENGLISH_ZIPF = 2.0
_VOWEL_NAMED_LETTERS = frozenset("aefilmnorsx")  # "an x-ray", "an f-word", "an s-bend"
_EXPRESSIVE_RE = regex.compile(r"(\p{L})\1\1")  # "ummm", "sooo": no dictionary sound
# The negative prefix "un-" before an English word is read "un" (an unanswerable question),
# unlike the "uni-"/"unan-" of "union", "unanimous" (the sounds table decides those).
_UN_PREFIX = "un"
_MIN_UN_STEM = 4  # "un" + "ion(s)", "it(s)" are not the prefix
_MIN_UN_STEM_ZIPF = 2.0


class IndefiniteArticleKind:
    name: ClassVar[str] = "indefinite-article"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "sounds": KeySpec(str, required=True, doc="TSV: word beginning, sound (vowel | consonant)"),
        "onsets": KeySpec(
            str, required=True, doc="word list: two-consonant beginnings English words have (bl, str's st)"
        ),
        "never_after": KeySpec(
            str, required=True, doc="word list: words no indefinite article can precede (on, its, the)"
        ),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        meta: RuleMeta,
        sounds: dict[str, bool],
        *,
        onsets: frozenset[str] = frozenset(),
        never_after: frozenset[str] = frozenset(),
    ) -> None:
        self.meta = meta
        self.sounds = sounds
        self.longest = max((len(prefix) for prefix in sounds), default=0)
        self.onsets = onsets
        self.never_after = never_after

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
        onsets = frozenset(onset.lower() for onset in context.word_list(options["onsets"], "onsets"))
        never_after = frozenset(word.lower() for word in context.word_list(options["never_after"], "never_after"))
        return cls(meta, sounds, onsets=onsets, never_after=never_after)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for match in _ARTICLE_RE.finditer(text):
            article = match.group("article")
            word = match.group("word")
            start = match.start()
            before = text[max(0, start - _SENTENCE_START_WINDOW) : start]
            if article[0] == "A" and not _SENTENCE_START_RE.search(before):
                continue  # "grade A eggs", "Plan A": a letter, not an article
            after = match.group("after")
            sound = self._sound(word, is_compound=after is not None and after[0] == "-", has_suffix=after is not None)
            if sound is None:
                continue  # neither article, or no way to tell from the spelling
            wanted = "an" if sound else "a"
            if article.lower() == wanted or (len(word) > 1 and not _is_english(word)):
                continue
            if word[0] in "hH" and (wanted == "a" or len(word) == 1):
                continue  # "an historic", "an hotel", "a h-bomb": styles and accents differ
            replacement = wanted.capitalize() if article[0] == "A" else wanted
            yield self.meta.finding(
                doc,
                match.start("article"),
                match.end("article"),
                replacement,
                fields={"match": f"{article} {match.group('quote')}{word}"},
            )

    def _sound(self, word: str, *, is_compound: bool, has_suffix: bool) -> bool | None:
        """True for a vowel sound, False for a consonant, None when the article is not judged."""
        lower = word.lower()
        if not is_compound and (has_suffix or lower in self.never_after):
            # A domain, address or path (fbi.gov, ntl.com), or a word no indefinite article
            # precedes ("a on", "a its", "a \N{LEFT DOUBLE QUOTATION MARK}a job"): a word is
            # missing, so neither article is right.
            return None
        if len(lower) == 1:
            # A letter is read by its name ("an x-ray", "a u-turn"); a lone letter is judged
            # only in such a compound, where it cannot be a stray word or a variable.
            return lower in _VOWEL_NAMED_LETTERS if is_compound else None
        if _VOWEL_LETTERS.isdisjoint(lower) or _EXPRESSIVE_RE.search(lower):
            return None  # read letter by letter or not at all (ntl, mph, hmm, ummm)
        if lower[0] not in _VOWEL_LETTERS and lower[1] not in _VOWEL_LETTERS and lower[:2] not in self.onsets:
            return None  # no English word begins so (fbi, mnemonic, fjord): letters or a loan
        if lower.startswith(_UN_PREFIX) and _is_negative_un(lower[len(_UN_PREFIX) :]):
            return True
        return self._starts_with_vowel_sound(lower)

    def _starts_with_vowel_sound(self, lower: str) -> bool:
        for length in range(min(self.longest, len(lower)), 0, -1):
            listed = self.sounds.get(lower[:length])
            if listed is not None:
                return listed
        return lower[0] in _VOWELS


def _is_negative_un(stem: str) -> bool:
    """Whether ``un`` + ``stem`` is the prefix ``un-`` on an English word (answerable, usual).

    A stem starting with ``i`` is left to the sounds table: ``union``, ``unit``, ``unique``
    read "you" but ``unimportant`` does not, and only the table can tell them apart.
    """
    return len(stem) >= _MIN_UN_STEM and stem[0] != "i" and zipf("en", stem) >= _MIN_UN_STEM_ZIPF


def _is_english(word: str) -> bool:
    lower = word.lower()
    english = zipf("en", lower)
    return english >= _MIN_ENGLISH_ZIPF and english >= zipf("fr", lower)
