"""Split text into paragraphs, sentences and words, offline.

Paragraphs are lines: text is always split on newlines first, because sentence splitters
run across headings and boilerplate lines otherwise. Sentences come from nltk's Punkt
tokenizer with parameters we ship (an abbreviation list in ``rules/common/lexicons/``), so
no punkt data is ever downloaded; words from nltk's ``NLTKWordTokenizer``, which, unlike
Treebank, splits curly quotes off words. Both modules are imported without the rest of
nltk (:func:`nltk_tokenize_module`). Every function returns character offsets into
the text it was given.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from cleanup.packs.lexicon import load_word_list
from cleanup.packs.loader import bundled_rules_dir

ABBREVIATIONS_FILE = "common/lexicons/abbreviations.txt"


@functools.cache
def _sentence_tokenizer() -> object:
    punkt = nltk_tokenize_module("punkt")
    path = bundled_rules_dir() / ABBREVIATIONS_FILE
    parameters = punkt.PunktParameters()
    parameters.abbrev_types = {item.lower().rstrip(".") for item in load_word_list(path, f"rules/{ABBREVIATIONS_FILE}")}
    return punkt.PunktSentenceTokenizer(parameters)


@functools.cache
def _word_tokenizer() -> object:
    return nltk_tokenize_module("destructive").NLTKWordTokenizer()


def nltk_tokenize_module(name: str) -> ModuleType:
    """``nltk.tokenize.<name>``, imported without running nltk's package ``__init__``.

    ``import nltk`` imports the whole toolkit (numpy, parsers, corpus readers, ~0.45 s: more
    than a one-file check takes otherwise), while a tokenizer module needs a handful of
    nltk's utility modules (~0.1 s). While it loads, the packages ``nltk`` and
    ``nltk.tokenize`` are stood in for by empty package modules; afterwards every nltk module
    this added leaves ``sys.modules`` again, so a later ``import nltk`` in the same process
    runs as if this had not happened (the tokenizer keeps its own copy). When nltk is already
    imported, or a release of it needs its package set up first, the plain import is used.
    """
    qualified = f"nltk.tokenize.{name}"
    if "nltk" in sys.modules:
        return importlib.import_module(qualified)
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        return importlib.import_module(qualified)  # raises the usual ModuleNotFoundError
    root = Path(next(iter(spec.submodule_search_locations)))
    before = set(sys.modules)
    module = None
    try:
        for package, folder in (("nltk", root), ("nltk.tokenize", root / "tokenize")):
            stand_in = ModuleType(package)
            stand_in.__path__ = [str(folder)]
            stand_in.__package__ = package
            sys.modules[package] = stand_in
        module = importlib.import_module(qualified)
    except Exception:  # noqa: BLE001 - any failure of the shortcut falls back to the plain import
        module = None
    finally:
        for added in set(sys.modules) - before:
            if added == "nltk" or added.startswith("nltk."):
                del sys.modules[added]
    return module if module is not None else importlib.import_module(qualified)


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
