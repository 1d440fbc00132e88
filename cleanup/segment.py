"""Split text into paragraphs, sentences and words, offline.

Paragraphs are lines: text is always split on newlines first, because sentence splitters
run across headings and boilerplate lines otherwise; only the lines of a hard-wrapped
paragraph are joined again (:func:`join_wrapped_lines`, :func:`paragraph_view`), for the
rules that read quotations and sentences across them. Sentences come from nltk's Punkt
tokenizer with parameters we ship (an abbreviation list in ``rules/common/lexicons/``), so
no punkt data is ever downloaded; words from nltk's ``NLTKWordTokenizer``, which, unlike
Treebank, splits curly quotes off words. Both modules are imported without the rest of
nltk (:func:`nltk_tokenize_module`). Every function returns character offsets into
the text it was given.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from cleanup.packs.lexicon import load_word_list
from cleanup.packs.loader import bundled_rules_dir

if TYPE_CHECKING:
    from cleanup.kinds.base import Document

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
    """``(start, end)`` of every non-blank line (as ``str.splitlines`` cuts lines; ``end``
    before a ``\\r`` or ``\\n`` ending it), from the core (``crates/mtcore/src/wrap.rs``).

    >>> list(iter_paragraphs("a\\r\\n \\nb"))
    [(0, 1), (5, 6)]
    """
    from cleanup._core import nonblank_lines

    yield from nonblank_lines(text)


def join_wrapped_lines(text: str) -> list[list[tuple[int, int]]]:
    """The paragraphs of ``text`` as lists of its non-blank lines (``(start, end)``, the
    lines of :attr:`cleanup.kinds.base.Document.lines`).

    A line joins the next one when both are non-blank and it is full: the next line's first
    word would not have fitted after it at the text's wrap width. The width is the usual
    length of the lines followed by another (at most 120), and the text is taken for
    hard-wrapped only when most such lines are full, as a wrapper leaves them: a text with
    one paragraph per line, short or long, keeps its lines as paragraphs. A line ending
    mid-sentence before one starting in lower case joins it too. The Rust core decides
    (``crates/mtcore/src/wrap.rs``), for its rules and for these.

    >>> text = "He said “we will\\nstay” and left. Then\\nhe came back and\\nsat down.\\n\\n“Yes.”\\n"
    >>> [[text[s:e] for s, e in p] for p in join_wrapped_lines(text)]
    [['He said “we will', 'stay” and left. Then', 'he came back and', 'sat down.'], ['“Yes.”']]
    """
    from cleanup._core import wrapped_paragraphs

    return wrapped_paragraphs(text)


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


def paragraph_view(doc: Document) -> tuple[Sequence[tuple[int, int]], Callable[[int], list[tuple[int, int]]]]:
    """A document's paragraphs and a function giving the sentences of one of them, for the
    rules that read sentences (SRC003, PRN001, PRN002).

    One paragraph a line (the document's own, whose sentences are split once and shared)
    unless the text is hard-wrapped (:func:`join_wrapped_lines`): then the lines of each
    paragraph are joined, so a sentence runs over them as it does for a reader.
    """
    cached = doc.memo.get("paragraph-view")
    if cached is not None:
        return cached  # type: ignore[return-value]
    from cleanup._core import paragraph_spans

    spans, wrapped = paragraph_spans(doc.text)
    view: tuple[Sequence[tuple[int, int]], Callable[[int], list[tuple[int, int]]]]
    if not wrapped:
        view = (doc.paragraphs, doc.paragraph_sentences)
    else:
        split: dict[int, list[tuple[int, int]]] = {}

        def sentences_of(number: int) -> list[tuple[int, int]]:
            if number not in split:
                start, end = spans[number]
                split[number] = list(iter_block_sentences(doc.text, start, end))
            return split[number]

        view = (spans, sentences_of)
    doc.memo["paragraph-view"] = view
    return view


def paragraph_at(doc: Document, position: int) -> tuple[int, list[tuple[int, int]]] | None:
    """The number of the :func:`paragraph_view` paragraph holding ``position`` and its
    sentences (split on first use), or None when ``position`` lies between paragraphs; for
    the rules that judge a candidate by its sentence and the ones before (PRN001, PRN002)."""
    paragraphs, sentences_of = paragraph_view(doc)
    starts = doc.memo.get("paragraph-starts")
    if starts is None:
        starts = doc.memo["paragraph-starts"] = [paragraph[0] for paragraph in paragraphs]
    assert isinstance(starts, list)
    number = bisect.bisect_right(starts, position) - 1
    if number < 0 or position >= paragraphs[number][1]:
        return None
    return number, sentences_of(number)


def iter_block_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` in ``text`` of every sentence of ``text[start:end]``, a paragraph that
    may run over several lines (a hard-wrapped one: :func:`join_wrapped_lines`).

    >>> text = "He came back\\nlate. She left."
    >>> [text[s:e] for s, e in iter_block_sentences(text, 0, len(text))]
    ['He came back\\nlate.', 'She left.']
    """
    tokenizer = _sentence_tokenizer()
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
