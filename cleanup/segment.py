"""Split text into paragraphs, sentences and words, offline.

Paragraphs are lines: text is always split on newlines first, because sentence splitters
run across headings and boilerplate lines otherwise; only the lines of a hard-wrapped
paragraph are joined again (:func:`join_wrapped_lines`, :func:`paragraph_spans_of`), for the
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
import re
import sys
from collections.abc import Iterator, Sequence
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


def paragraph_spans_of(doc: Document) -> Sequence[tuple[int, int]]:
    """The paragraphs of a document as the rules that read sentences see them (SRC003,
    PRN001, PRN002): one a line (the document's non-blank lines) unless the text is
    hard-wrapped (:func:`join_wrapped_lines`): then the lines of each paragraph are joined,
    so a sentence runs over them as it does for a reader."""
    cached = doc.memo.get("paragraph-spans")
    if cached is None:
        from cleanup._core import paragraph_spans

        cached = doc.memo["paragraph-spans"] = paragraph_spans(doc.text)[0]
    return cached  # type: ignore[return-value]


def paragraph_number(doc: Document, position: int) -> int | None:
    """The number of the :func:`paragraph_spans_of` paragraph holding ``position``, or None
    when ``position`` lies between paragraphs."""
    paragraphs = paragraph_spans_of(doc)
    starts = doc.memo.get("paragraph-starts")
    if starts is None:
        starts = doc.memo["paragraph-starts"] = [paragraph[0] for paragraph in paragraphs]
    assert isinstance(starts, list)
    number = bisect.bisect_right(starts, position) - 1
    if number < 0 or position >= paragraphs[number][1]:
        return None
    return number


def sentences_of(doc: Document, start: int, end: int) -> ParagraphSentences:
    """The sentences of the paragraph ``doc.text[start:end]`` (no line break in it, or a
    paragraph of :func:`paragraph_spans_of`), split on demand and shared by every rule that
    reads them in this document."""
    key = ("sentences", start, end)
    sentences = doc.memo.get(key)
    if sentences is None:
        sentences = doc.memo[key] = ParagraphSentences(doc.text, start, end)
    return sentences  # type: ignore[return-value]


def sentence_and_before(
    doc: Document, position: int, count: int
) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """The sentence holding ``position`` and the ``count`` sentences before it (fewer only
    at the text's start), which may lie in the paragraphs before (sentences never cross a
    :func:`paragraph_spans_of` paragraph); None when no sentence holds ``position``. For the
    rules that judge a candidate by its sentence and the ones before (PRN001, PRN002)."""
    number = paragraph_number(doc, position)
    if number is None:
        return None
    paragraphs = paragraph_spans_of(doc)
    run = sentences_of(doc, *paragraphs[number]).around(position, count)
    if run is None:
        return None
    before = run[:-1]
    while len(before) < count and number > 0:
        number -= 1
        before = sentences_of(doc, *paragraphs[number]).last(count - len(before)) + before
    return run[-1], before


#: Sentences are split in a window of about this many characters before the position a rule
#: asks about and half as many after it (the whole paragraph when it is shorter), widened
#: until it holds the sentences asked for: a candidate in a one-line document of megabytes
#: costs its neighbourhood, not the line. A few news sentences fit in it.
SENTENCE_WINDOW = 1000
#: Where a window may start: a token's first character after ASCII white space (the only
#: white space Punkt looks back across for the word before a full stop).
_TOKEN_START_RE = re.compile(r"[ \t\n\r\x0b\x0c](?=\S)")
_SPACE_RE = re.compile(r"\s")
_ASCII_SPACE = " \t\n\r\x0b\x0c"
_UNKNOWN = -1


class ParagraphSentences:
    """The sentences of one paragraph (nltk's Punkt), split only around the positions asked
    about.

    Punkt decides each possible break from the token before it and the one after (a break
    gives way to a later one in the same chunk between ASCII white space: ``?!``), and moves
    closing quotes and brackets after a break onto the sentence before; nothing else of the
    text counts (our parameters hold only abbreviations). So a window of the paragraph that
    starts at a token (after ASCII white space) and ends before white space splits the same
    as the whole paragraph, except for its first sentence, whose start it does not see, and
    the sentences that end in its last chunk, whose breaks it cannot confirm: the others are
    kept, with which sentence comes before which. A window that reaches an edge of the
    paragraph keeps the sentences there (``tests/test_segment.py`` compares both on
    arbitrary paragraphs).
    """

    def __init__(self, text: str, start: int, end: int, *, window: int = SENTENCE_WINDOW) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.window = window
        self._starts: list[int] = []  # of the sentences known, sorted
        self._ends: dict[int, int] = {}  # a known sentence's start -> its end
        self._previous: dict[int, int | None] = {}  # start -> the start before (None: the first)
        self._last: int | None = None  # the start of the paragraph's last sentence, once known
        self._whole = False

    def all(self) -> list[tuple[int, int]]:
        """Every sentence of the paragraph."""
        if not self._whole:
            self._split(self.start, self.end)
        return [(start, self._ends[start]) for start in self._starts]

    def around(self, position: int, before: int = 0) -> list[tuple[int, int]] | None:
        """The sentence holding ``position``, after the ``before`` sentences before it
        (fewer only at the paragraph's start); None when no sentence holds it."""
        run = self._known(position, before)
        if run is not None or self._whole:
            return run
        # Rules ask in text order: a window that starts at the last sentence known before
        # ``position`` (when Punkt's look-back cannot reach past its start) continues the
        # sentences known instead of splitting them again.
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0:
            known = self._starts[index]
            # Only across a short gap: across a long one, continuing would split all the
            # text between candidates that lie a few KB apart (a one-line document of
            # megabytes), where a window around the position splits a few sentences.
            if (
                position - known <= self.window
                and (known == self.start or self.text[known - 1] in _ASCII_SPACE)
                and self._back(known, before)
            ):
                self._split(known, position + self.window, exact_start=True)
        width = self.window
        while True:
            run = self._known(position, before)
            if run is not None or self._whole:
                return run
            # The rules ask for sentences before the position, so the window reaches
            # further back than ahead (ahead, only to the end of the position's sentence).
            self._split(position - width, position + width // 2, position)
            width *= 4

    def last(self, count: int) -> list[tuple[int, int]]:
        """The paragraph's last ``count`` sentences (all of them when it has fewer)."""
        width = self.window
        while True:
            if self._last is not None:
                run = self._back(self._last, count - 1)
                if run is not None:
                    return run
            elif self._whole:
                return []
            self._split(self.end - width, self.end)
            width *= 4

    def _known(self, position: int, before: int) -> list[tuple[int, int]] | None:
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0 or position >= self._ends[self._starts[index]]:
            return None
        return self._back(self._starts[index], before)

    def _back(self, start: int, before: int) -> list[tuple[int, int]] | None:
        """The known sentence at ``start`` after the ``before`` ones before it, or None when
        one of those is not known yet."""
        run = [(start, self._ends[start])]
        while len(run) <= before:
            previous = self._previous.get(start, _UNKNOWN)
            if previous is None:
                break
            if previous == _UNKNOWN:
                return None
            start = previous
            run.append((start, self._ends[start]))
        run.reverse()
        return run

    def _split(self, low: int, high: int, holding: int | None = None, *, exact_start: bool = False) -> None:
        """Split the window around ``[low, high)`` (snapped to token edges) and keep the
        sentences it decides; ``holding`` is a position the window must start before. A
        window that finds no token to start at splits nothing: the caller widens it. With
        ``exact_start``, ``low`` is a sentence's known start after ASCII white space: the
        window starts there and its first sentence is kept."""
        text, first, last = self.text, self.start, self.end
        start = first
        if exact_start:
            start = low
        elif low > first:
            found = _TOKEN_START_RE.search(text, low, last if holding is None else holding + 1)
            if found is None:
                return
            start = found.end()
        end = last
        if high < last:
            found = _SPACE_RE.search(text, high, last)
            if found is not None:
                end = found.start()
        spans = [(start + left, start + right) for left, right in _span_tokenize(text[start:end])]
        kept = spans[(start > first and not exact_start) :]
        if end < last:
            # A break in the window's last chunk (after its last ASCII white space) may be
            # undone by what follows it (``?!``: the ``!`` takes the break): only sentences
            # that end before that chunk are sure.
            content = start + len(text[start:end].rstrip())
            chunk = max(text.rfind(space, start, content) for space in _ASCII_SPACE) + 1
            kept = [sentence for sentence in kept if sentence[1] <= chunk]
        for sentence_start, sentence_end in kept:
            if sentence_start not in self._ends:
                bisect.insort(self._starts, sentence_start)
                self._ends[sentence_start] = sentence_end
        for (before, _), (after, _) in zip(kept, kept[1:], strict=False):
            self._previous[after] = before
        if kept and start == first:
            self._previous[kept[0][0]] = None
        if kept and end == last:
            self._last = kept[-1][0]
        if start == first and end == last:
            self._whole = True


def _span_tokenize(text: str) -> Iterator[tuple[int, int]]:
    tokenizer = _sentence_tokenizer()
    spans: Iterator[tuple[int, int]] = tokenizer.span_tokenize(text)  # type: ignore[attr-defined]
    return spans


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
