"""Split text into paragraphs, sentences and words, offline.

Paragraphs are lines: text is always split on newlines first, because sentence splitters
run across headings and boilerplate lines otherwise. Sentences come from nltk's Punkt
tokenizer with parameters we ship (an abbreviation list in ``rules/common/lexicons/``), so
no punkt data is ever downloaded; words from nltk's ``NLTKWordTokenizer``, which, unlike
Treebank, splits curly quotes off words. Every function returns character offsets into
the text it was given.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from cleanup.packs.lexicon import load_word_list
from cleanup.packs.loader import bundled_rules_dir

ABBREVIATIONS_FILE = "common/lexicons/abbreviations.txt"


@functools.cache
def _sentence_tokenizer() -> object:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    path = bundled_rules_dir() / ABBREVIATIONS_FILE
    parameters = PunktParameters()
    parameters.abbrev_types = {item.lower().rstrip(".") for item in load_word_list(path, f"rules/{ABBREVIATIONS_FILE}")}
    return PunktSentenceTokenizer(parameters)


@functools.cache
def _word_tokenizer() -> object:
    from nltk.tokenize import NLTKWordTokenizer

    return NLTKWordTokenizer()


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-blank line."""
    start = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if content.strip():
            yield start, start + len(content)
        start += len(line)


def iter_sentences(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every sentence, never crossing a line break.

    >>> text = "Mr. Smith arrived at 10 a.m. on Dec. 3 in Paris. He left.\\nRead later"
    >>> [text[start:end] for start, end in iter_sentences(text)]
    ['Mr. Smith arrived at 10 a.m. on Dec. 3 in Paris.', 'He left.', 'Read later']
    """
    tokenizer = _sentence_tokenizer()
    for start, end in iter_paragraphs(text):
        for left, right in tokenizer.span_tokenize(text[start:end]):  # type: ignore[attr-defined]
            yield start + left, start + right


def iter_words(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every word token (punctuation excluded).

    >>> text = "province”while “Russian"
    >>> [text[start:end] for start, end in iter_words(text)]
    ['province', 'while', 'Russian']
    """
    tokenizer = _word_tokenizer()
    for start, end in iter_paragraphs(text):
        for left, right in tokenizer.span_tokenize(text[start:end]):  # type: ignore[attr-defined]
            if any(character.isalnum() for character in text[start + left : start + right]):
                yield start + left, start + right


def count_words(text: str) -> int:
    return sum(1 for _ in iter_words(text))


def count_sentences(text: str) -> int:
    return sum(1 for _ in iter_sentences(text))
