"""The ``leftover`` kind: source-language words left in the English text.

``mode = "bracketed"`` looks at short bracketed insertions (``[étaient]``), the way
MT systems and editors mark words they did not translate. A bracket is leftover French when
at least one word in it is French (a glossary entry, or a word at least ``margin`` Zipf units
more frequent in French than in English) and none is plainly English. The glossary gives the
English: the fix is ``safe`` when every word has one unambiguous translation, ``unsafe`` when
a word has alternatives (``sa`` → its / his / her), and absent when a French word has no
entry. Capitalised words (names) and numbers are kept as they are.

``mode = "inline"`` finds French words in running English text. A word is French when it is
at least ``margin`` Zipf units more frequent in French than in English. Words that are also
common English (``pour``, ``en``, ``la``: Zipf ≥ ``english_ceiling`` in English) are *weak*:
they count only next to a *strong* French word, unless the pack lists them as French
function words that English never uses alone (``dans``, ``selon``, ``les``). Words that need
their right-hand context (``dont``, which is also "don't" without its apostrophe) come with a
regex the following text must match.

Precision first, so a run of French words is left alone when it is a name or a quotation:
capitalised words (names) break runs, except a sentence-initial French function word
followed by lower-case English (``Selon the ministry``); runs between two capitalised words
or right after a French-looking capitalised word (``Place de la Concorde``, ``Assemblée
nationale``) are names; words touching a hyphen (``Aix-en-Provence``), a URL, a handle or a
hashtag are skipped; allow-listed phrases (``coup d'état``, ``déjà vu``, ``Le Monde``, with
or without accents) are cut out, except a lone loanword between two French words (``le
milieu de``); the ``-s`` form of an English word (``rues``, ``vies``) and a function word
after an English determiner (``his nous``) are English; text inside guillemets or inside a
quotation that is mostly French (double or single quotes, straight or curly, over the lines
of a hard-wrapped paragraph) is quoted French; a sentence that is mostly French is left to
the whole-sentence rule. The glossary gives the English: the fix is ``safe`` only when every
word of the run has one unambiguous translation and the words around the run are English;
``unsafe`` otherwise; no fix when a word has no glossary entry.

Both modes run in the Rust core (``crates/mtcore/src/leftover/``). Two questions stay
Python's: the sentence split (nltk, :func:`cleanup.segment.sentences_of`), asked only for
the sentences around the positions of words the core judges, where a stretch of words is
mostly French (windows of a long line, not the whole line), and the frequencies of the words
the shipped table lacks (wordfreq, :func:`cleanup.wordfreqs.zipf`), asked for in one batch
per pass over a line. The core hands such a line or bracket over as a candidate;
:meth:`LeftoverKind.complete` answers and has the core finish it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, ClassVar

import regex

from cleanup._core import Leftover, LeftoverDocument
from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit
from cleanup.model import Applicability, Finding
from cleanup.wordfreqs import FRENCH_MARGIN, FRENCH_ZIPF, core_table

_TOKEN_RE = regex.compile(r"[\p{L}\p{M}]+(?:['\N{RIGHT SINGLE QUOTATION MARK}-][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*")
# Glossary keys of the inline mode: words split at apostrophes (kept on elisions) and spaces.
_GLOSSARY_WORD_RE = regex.compile(r"[\p{L}\p{M}]+['\N{RIGHT SINGLE QUOTATION MARK}]?")
# Words as the frequency lists spell them: letters only, split at apostrophes and hyphens.
_WORD_RE = re.compile(r"[^\W\d_]+")
#: The field of a core hit that is a candidate region for :meth:`LeftoverKind.complete`.
_CANDIDATE = ("leftover", "region")


class LeftoverKind(CompiledKind):
    name: ClassVar[str] = "leftover"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "mode": KeySpec(str, default="bracketed", doc="'bracketed' or 'inline'"),
        "glossary": KeySpec(str, required=True, doc="TSV: french, english, alternatives (a|b)"),
        "margin": KeySpec(float, default=2.0, doc="Zipf units by which French must beat English"),
        "allow": KeySpec(list, default=[], doc="inline: word lists of allowed words and phrases"),
        "function_words": KeySpec(str, default="", doc="inline: French words flagged even if also English"),
        "context_words": KeySpec(str, default="", doc="inline: TSV word, regex the following text must match"),
        "name_particles": KeySpec(str, default="", doc="inline: words that join the parts of a name"),
        "min_french": KeySpec(float, default=3.0, doc="inline: least French Zipf value of a flagged word"),
        "english_ceiling": KeySpec(
            float, default=3.0, doc="inline: English Zipf from which a word counts only next to others"
        ),
    }
    #: Levels below the rule's ``fix`` a finding can carry (listed by ``mt-cleanup rules``).
    lowered_levels: ClassVar[frozenset[Applicability]] = frozenset({Applicability.UNSAFE, Applicability.NONE})
    #: Core hits are findings, or candidate regions that need nltk or wordfreq (:meth:`complete`).
    adapter: ClassVar[bool] = True

    def __init__(self, meta: RuleMeta, spec: dict[str, Any], error: Any) -> None:
        super().__init__(meta, spec, error)
        self._region: Leftover | None = None

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> LeftoverKind:
        mode = options["mode"]
        if mode not in ("bracketed", "inline"):
            raise context.error(f"unknown mode '{mode}'; use 'bracketed' or 'inline'", "mode")
        margin, min_french = float(options["margin"]), float(options["min_french"])
        if mode == "inline" and (margin < FRENCH_MARGIN or min_french < FRENCH_ZIPF):
            name = "margin" if margin < FRENCH_MARGIN else "min_french"
            raise context.error(
                f"the word table decides only margin >= {FRENCH_MARGIN} and min_french >= {FRENCH_ZIPF}", name
            )
        label, rows = context.table(options["glossary"], "glossary", min_columns=2, max_columns=3)
        entries: dict[tuple[str, ...], tuple[str, bool]] = {}
        for line, (french, english, alternatives) in rows:
            key = tuple(token.lower() for token in _TOKEN_RE.findall(french))
            if not key:
                raise RulePackError(label, line, meta.id, f"entry '{french}' has no words")
            if key in entries:
                raise RulePackError(label, line, meta.id, f"duplicate entry '{french}'")
            entries[key] = (english, any(item.strip() for item in alternatives.split("|")))
        spec: dict[str, Any] = {
            "kind": "leftover",
            "mode": mode,
            "margin": margin,
            "min_french": min_french,
            "english_ceiling": float(options["english_ceiling"]),
            "words": core_table(),
        }
        if mode == "bracketed":
            spec["glossary"] = [(list(key), english, ambiguous) for key, (english, ambiguous) in entries.items()]
        else:
            # The inline mode's keys: the words re-split the way running text is tokenised.
            inline: dict[tuple[str, ...], tuple[str, bool]] = {}
            for _line, (french, _english, _alternatives) in rows:
                key = tuple(
                    word.lower().replace("\N{RIGHT SINGLE QUOTATION MARK}", "'")
                    for word in _GLOSSARY_WORD_RE.findall(french)
                )
                inline[key] = entries[tuple(token.lower() for token in _TOKEN_RE.findall(french))]
            spec["glossary"] = [(list(key), english, ambiguous) for key, (english, ambiguous) in inline.items()]
            spec.update(_inline_data(meta, options, context))

        def error(key: str, problem: str) -> RulePackError:
            failure: RulePackError = context.error(f"'{key}': {problem}", key)
            return failure

        return cls(meta, spec, error)

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """A finding as it is, or a candidate region finished with Python's answers: the
        sentences holding the words it asks about (nltk) and the frequencies of words the
        table lacks, each asked for in one batch per pass of the core over the region."""
        extra = hit[6]
        if extra is None or _CANDIDATE not in extra[2]:
            return [self.finding(doc, hit)]
        from cleanup.wordfreqs import zipf

        if self._region is None:
            self._region = Leftover(self.spec)
        # What the core computed of the document (lines, quotations) serves all its regions.
        key = ("leftover-document", id(self))
        document = doc.memo.get(key)
        if not isinstance(document, LeftoverDocument):
            document = doc.memo[key] = self._region.document(doc.text)
        start, end = hit[1], hit[2]
        sentences: set[tuple[int, int]] | None = None
        asked: set[int] = set()
        answers: dict[str, tuple[float, float]] = {}
        while True:
            spans = None if sentences is None else sorted(sentences)
            hits, words, positions = self._region.region(document, start, end, spans, answers)
            for word in words:
                if word in answers:  # the core asks each word once: anything else is a bug
                    raise RuntimeError(f"{self.meta.id}: the core asked twice about {word!r}")
                answers[word] = (zipf("en", word), zipf("fr", word))
            if not words and positions:
                sentences = sentences if sentences is not None else set()
                for position in positions:
                    if position in asked:  # the spans given hold it: anything else is a bug
                        raise RuntimeError(f"{self.meta.id}: the core asked twice about position {position}")
                    asked.add(position)
                    sentences.add(_sentence_around(doc, start, end, position))
            if not words and not positions:
                return [self.finding(doc, found) for found in hits]


def _sentence_around(doc: Document, start: int, end: int, position: int) -> tuple[int, int]:
    """The sentence holding ``position`` in the region ``doc.text[start:end]`` (relative to
    ``start``), as :func:`cleanup.segment.iter_sentences` of the region splits it and shared
    with the other rules that read these lines' sentences; the empty span at ``position``
    when none holds it. Only a window around ``position`` is split, not the region: a
    region is a line, and a line can be a whole article."""
    from cleanup.segment import iter_paragraphs, sentences_of

    key = ("region-paragraphs", start, end)
    paragraphs = doc.memo.get(key)
    if paragraphs is None:
        paragraphs = doc.memo[key] = [
            (start + left, start + right) for left, right in iter_paragraphs(doc.text[start:end])
        ]
    assert isinstance(paragraphs, list)
    for line_start, line_end in paragraphs:
        if line_start <= position < line_end:
            run = sentences_of(doc, line_start, line_end).around(position)
            if run:
                return run[-1][0] - start, run[-1][1] - start
            break
    return position - start, position - start


def _inline_data(meta: RuleMeta, options: dict[str, Any], context: Any) -> dict[str, Any]:
    """The word lists of an inline rule, as the core takes them."""
    allow = context.word_lists(options["allow"], "allow") if options["allow"] else ()
    phrases = sorted({item for item in allow if item}, key=len, reverse=True)
    context_words: dict[str, str] = {}
    if options["context_words"]:
        words_label, word_rows = context.table(options["context_words"], "context_words", min_columns=2, max_columns=2)
        for line, (word, following) in word_rows:
            try:
                regex.compile(following)
            except (regex.error, ValueError, OverflowError, RecursionError) as error:
                raise RulePackError(words_label, line, meta.id, f"invalid regular expression: {error}") from None
            context_words[word.lower()] = following
    return {
        "allow": phrases,
        "unaccented": sorted(
            {(char, _strip_accents(char)) for phrase in phrases for char in phrase if _strip_accents(char) != char}
        ),
        "allow_words": _allow_words(phrases),
        "function_words": sorted(set(context.word_list(options["function_words"], "function_words")))
        if options["function_words"]
        else [],
        "context_words": list(context_words.items()),
        "particles": sorted(set(context.word_list(options["name_particles"], "name_particles")))
        if options["name_particles"]
        else [],
    }


def _strip_accents(word: str) -> str:
    """``word`` without its combining accents (``œ`` and other ligatures are kept).

    >>> _strip_accents("déjà vu")
    'deja vu'
    """
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _allow_words(phrases: list[str]) -> list[str] | None:
    """The words of the allow-listed phrases, for a cheap necessary test of the phrase scan.

    A token inside a match of an allow-listed phrase is a maximal letter run of the text, so
    its letters match one maximal letter run of the phrase (case-insensitively, as the
    phrase scan does). That holds when no character of a phrase matches a letter while not
    being one, or the reverse, under case folding: true of ASCII and of the Latin letter
    blocks (U+00C0-U+024F), whose case variants (``ſ``, ``K``, ``Å``) are all letters. A
    phrase with any other character turns the test off (None): every line is then scanned.
    """
    words: set[str] = set()
    for phrase in phrases:
        if any(not (char.isascii() or 0xC0 <= ord(char) <= 0x24F) for char in phrase):
            return None
        words.update(_WORD_RE.findall(phrase))
        words.update(_WORD_RE.findall(_strip_accents(phrase)))
    return sorted(words, key=len, reverse=True)
