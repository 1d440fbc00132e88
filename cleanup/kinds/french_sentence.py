"""The ``french-sentence`` builtin: whole sentences left in French (detect only).

Sentences come from :func:`cleanup.segment.iter_sentences`, over whole paragraphs in a
hard-wrapped text (:func:`cleanup.segment.join_wrapped_lines`: a novel's sentence runs over
its lines); a cheap word-frequency gate (the test of :func:`cleanup.langid.is_worth_detecting`:
at least ``min_french_words`` distinct words far more frequent in French) picks the few worth
asking. The Rust core (``crates/mtcore/src/french_sentence.rs``) finds the blocks of
non-blank lines that pass it; only their paragraphs and sentences that pass it too are split
(nltk) and go to the seeded langdetect classifier, restricted to English and French. Quoted French (in
double quotes or guillemets, straight or curly) is French on purpose, a motto or a line the
text cites, names and titles (capitalised words and the particles before them: ``Le
Rouge et le Noir``, ``rue de la Paix``) say nothing of the sentence's language, and French
in emphasis (``_Honni soit qui mal y pense_``, a title in
``*italics*``), so the language of a sentence is detected with its quotations left out, and a
sentence that is only a French quotation is not reported. Nothing is fixed: translating a sentence is not a
mechanical edit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from itertools import filterfalse
from typing import Any, ClassVar

from cleanup.errors import RulePackError
from cleanup.kinds.base import QUOTED_ASIDES, Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Finding
from cleanup.wordfreqs import core_table

_WORD_RE = re.compile(r"[^\W\d_]+")
# A quotation in a paragraph: double (curly or straight), guillemets or single quotes.
_QUOTATION_RE = re.compile(
    r"\N{LEFT DOUBLE QUOTATION MARK}[^\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}]*"
    r"[\N{RIGHT DOUBLE QUOTATION MARK}»]"
    r'|"[^"]*"'
    r"|«[^«»]*[»\N{RIGHT DOUBLE QUOTATION MARK}]" + QUOTED_ASIDES
)
_QUOTE_MARKS = ("\N{LEFT DOUBLE QUOTATION MARK}", '"', "«", "\N{LEFT SINGLE QUOTATION MARK}", "'", "_", "*")
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['\N{RIGHT SINGLE QUOTATION MARK}][^\W\d_]*)*")
#: Words that join the parts of a French name or title (dropped with it).
_NAME_PARTICLES = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "sur", "au", "aux"})
#: A sentence with fewer words than this outside its quotations is a quotation.
_MIN_UNQUOTED_WORDS = 3


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
        spec = {"kind": "french-sentence", "min_french_words": options["min_french_words"], "words": core_table()}

        error = key_errors(context)

        return cls(meta, spec, error, min_french_share=float(options["min_french_share"]))

    def __init__(
        self,
        meta: RuleMeta,
        spec: dict[str, Any],
        error: Callable[[str, str], RulePackError],
        *,
        min_french_share: float,
    ) -> None:
        super().__init__(meta, spec, error)
        self.min_french_words: int = spec["min_french_words"]
        self.min_french_share = min_french_share

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """The sentences left in French in one candidate of the core: a block of non-blank
        lines holding enough French words (``french``: the distinct ones it holds)."""
        from cleanup.langid import detect_language
        from cleanup.segment import paragraph_spans_of, sentences_of

        _, block_start, block_end, _, _, _, extra = hit
        french = dict(extra[2])["french"].split(" ") if extra is not None else []
        text = doc.text
        # Sentences never cross paragraphs, and a sentence can only pass the gate if its
        # paragraph does: a paragraph's French words are among its block's, and finding
        # those (Document.spans_holding) says which pass. Only the sentences holding one of
        # them are split out (nltk, around each occurrence; shared with the other rules
        # that read sentences) and weighed.
        paragraphs = paragraph_spans_of(doc)
        first = bisect.bisect_left(paragraphs, (block_start, -1))
        last = bisect.bisect_left(paragraphs, (block_end, -1))
        holding = doc.spans_holding(french, paragraphs[first:last])
        findings = []
        for index, held in sorted(holding.items()):
            if len(held) < self.min_french_words:
                continue
            paragraph = paragraphs[first + index]
            split = sentences_of(doc, *paragraph)
            sentences = sorted(
                {
                    sentence
                    for position in doc.word_positions(held, *paragraph)
                    for sentence in split.around(position) or ()
                }
            )
            worth = doc.spans_holding(held, sentences)
            quotations: list[tuple[int, int]] | None = None
            quotation_ends: list[int] = []  # of the paragraph's quotations (sorted, disjoint)
            for position, (start, end) in enumerate(sentences):
                if len(worth.get(position, ())) < self.min_french_words:
                    continue
                sentence = text[start:end]
                if not _french_share_at_least(sentence, self.min_french_share):
                    continue
                if quotations is None:
                    quotations = _quotations(text, paragraph)
                    quotation_ends = [right for _, right in quotations]
                low = bisect.bisect_right(quotation_ends, start)  # those reaching into the sentence
                high = bisect.bisect_left(quotations, (end, -1), low)
                unquoted = _unquoted(text, start, end, quotations[low:high])
                if unquoted is None:
                    continue
                plain = _without_names(unquoted)
                if (
                    len(_WORD_RE.findall(plain)) >= _MIN_UNQUOTED_WORDS
                    and _french_share_at_least(plain, self.min_french_share)
                    and detect_language(plain) == "fr"
                ):
                    findings.append(self.meta.finding(doc, start, end))
        return findings


def _without_names(sentence: str) -> str:
    """The sentence's words without names and titles: capitalised words after its first
    word, and the particles right before one (``Le Rouge et le Noir``, ``rue de la Paix``).

    >>> _without_names("He had read Le Rouge et le Noir in the rue de la Paix.")
    'He had read in the rue'
    >>> _without_names("Le bilan pourrait encore s’alourdir.")
    'Le bilan pourrait encore s’alourdir'
    """
    words = _TOKEN_RE.findall(sentence)
    kept: list[str] = []
    pending: list[str] = []  # particles, kept only if no capitalised word follows
    for index, word in enumerate(words):
        if index > 0 and word[:1].isupper():
            pending = []
        elif word.lower().rstrip("'\N{RIGHT SINGLE QUOTATION MARK}") in _NAME_PARTICLES:
            pending.append(word)
        else:
            kept.extend(pending)
            pending = []
            kept.append(word)
    kept.extend(pending)
    return " ".join(kept)


def _quotations(text: str, paragraph: tuple[int, int]) -> list[tuple[int, int]]:
    """The spans of the quotations of one paragraph (they may hold several sentences)."""
    start, end = paragraph
    if not any(mark in text[start:end] for mark in _QUOTE_MARKS):
        return []
    return [match.span() for match in _QUOTATION_RE.finditer(text, start, end)]


def _unquoted(text: str, start: int, end: int, quotations: list[tuple[int, int]]) -> str | None:
    """``text[start:end]`` without its quoted parts, or None when little else is left.

    >>> text = "He wrote in French: “Tout ce qui est caché sera découvert.”"
    >>> _unquoted(text, 0, len(text), [(20, len(text))])
    'He wrote in French:  '
    >>> _unquoted(text, 20, len(text), [(20, len(text))]) is None
    True
    """
    pieces = []
    position = start
    for left, right in quotations:
        if right <= position or left >= end:
            continue
        pieces.append(text[position:left] if left > position else "")
        position = max(position, right)
    pieces.append(text[position:end] if end > position else "")
    rest = " ".join(pieces) if len(pieces) > 1 else pieces[0]
    return rest if len(_WORD_RE.findall(rest)) >= _MIN_UNQUOTED_WORDS else None
