"""Type stub of the extension module built from crates/mtcore-py (the Rust core)."""

from collections.abc import Mapping, Sequence

__version__: str

#: ``(rule, start, end, edit_start, edit_end, replacement, extra)``, offsets in code points;
#: ``extra``: None, or (the fix's edits when several, a lowered level, message fields).
_Extra = tuple[list[tuple[int, int, str]], str | None, list[tuple[str, str]]]
_Hit = tuple[int, int, int, int, int, str | None, _Extra | None]

class Engine:
    """A compiled rule set. Raises ``ValueError(index, key, message)`` naming the first rule
    whose data does not compile."""

    def __init__(self, specs: Sequence[Mapping[str, object]]) -> None: ...
    def select(self, indices: Sequence[int]) -> Engine:
        """The same compiled rules, running only those at ``indices``."""
    def check(self, text: str) -> list[_Hit]:
        """Every hit of every enabled rule in ``text``, in rule order, then text order."""
    def __len__(self) -> int: ...

class EngineBuilder:
    """Rules compiled on worker threads as they are added (``mtcore::Compiler``), while the
    caller goes on; ``finish`` returns the :class:`Engine` of the rules asked for, in that
    order, or raises ``ValueError(position, key, message)`` for the first that does not
    compile."""

    def __init__(self) -> None: ...
    def add(self, spec: Mapping[str, object]) -> int:
        """Start compiling one rule; its number for :meth:`finish`."""
    def finish(self, numbers: Sequence[int]) -> Engine:
        """The engine of the rules numbered ``numbers``, in that order (once only)."""

class Protector:
    """What no rule may edit (``crates/mtcore/src/protect.rs``), from the packs' lists of
    top-level domains, of those that begin sentences in title case, and of file extensions."""

    def __init__(
        self, tlds: Sequence[str], sentence_starters: Sequence[str], file_extensions: Sequence[str]
    ) -> None: ...
    def spans(self, text: str, markdown: bool) -> list[tuple[int, int]]:
        """URLs, e-mail addresses, domain and file names (and, in Markdown, code and link
        targets) of ``text`` as sorted, merged ``(start, end)`` spans in code points."""

class PronounGender:
    """PRN001's decision on one ``she``/``he``/``her``/``his`` candidate
    (``crates/mtcore/src/pronoun_gender.rs``), compiled from the rule's spec."""

    def __init__(self, spec: Mapping[str, object]) -> None: ...
    def refers_to_organisation(self, window: str) -> bool:
        """Whether ``window``, a candidate's sentence up to it and the two sentences
        before, names an organisation it could refer to."""

def wrapped_paragraphs(text: str) -> list[list[tuple[int, int]]]:
    """The paragraphs of ``text`` as lists of its non-blank lines ``(start, end)`` in code
    points, a hard-wrapped paragraph's lines together (``crates/mtcore/src/wrap.rs``)."""

def paragraph_spans(text: str) -> tuple[list[tuple[int, int]], bool]:
    """The paragraphs the sentence-reading rules use (``cleanup.segment.paragraph_spans_of``) in
    code points, and whether the text is hard-wrapped (else they are its non-blank lines)."""

def nonblank_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` in code points of every non-blank line as ``str.splitlines`` cuts
    lines (``cleanup.segment.iter_paragraphs``)."""

class MasculineForWoman:
    """PRN002's decision on one ``his``/``himself`` (``crates/mtcore/src/masculine_for_woman.rs``),
    compiled from the rule's spec."""

    def __init__(self, spec: Mapping[str, object]) -> None: ...
    def is_for_a_woman(self, earlier: Sequence[str], current: str) -> bool:
        """Whether the candidate is ``his`` for a woman, given its sentence before it
        (``current``) and up to six sentences before (``earlier``)."""

class WordTable:
    """The shipped word-frequency table, parsed once; rule specs name it as ``"words"``."""

    def __init__(self, data: bytes) -> None: ...
    def __len__(self) -> int: ...
    def zipf(self, lang: str, word: str) -> float | None: ...
    def is_french_leaning(self, word: str, margin: float, min_french: float) -> bool: ...

class LeftoverDocument:
    """A document a :class:`Leftover` rule is asked about, with what the rule computed of it."""

class Leftover:
    """One ``leftover`` rule on its own (``crates/mtcore/src/leftover/``), for the kind's
    adapter: it finishes the candidate regions the engine hands over."""

    def __init__(self, spec: Mapping[str, object]) -> None: ...
    def document(self, text: str) -> LeftoverDocument:
        """``text`` to ask :meth:`region` about (what is computed of it is kept for the next)."""
    def region(
        self,
        document: LeftoverDocument,
        start: int,
        end: int,
        sentences: Sequence[tuple[int, int]] | None,
        answers: Mapping[str, tuple[float, float]],
    ) -> tuple[list[_Hit], list[str], list[int]]:
        """The hits of ``text[start:end]`` given sentence spans of it (relative to ``start``,
        sorted; None: none yet) and the ``(en, fr)`` Zipf values of words the table lacks;
        or the words whose values are needed, or else the positions (code points) whose
        sentences are (an empty span at a position no sentence holds)."""

class FrenchSentence:
    """One ``french-sentence`` rule on its own (``crates/mtcore/src/french_sentence.rs``), for
    the kind's adapter; offsets are code points in the text of one candidate block."""

    def __init__(self, spec: Mapping[str, object]) -> None: ...
    def paragraphs(self, text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, list[int]]]:
        """Of the sorted ``paragraphs`` of ``text``, those that may hold a sentence worth asking
        about: ``(index, positions)``; the sentences around ``positions`` are to be split."""
    def sentences(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int, Sequence[tuple[int, int]]]],
        answers: Mapping[str, tuple[float, float]],
    ) -> tuple[list[tuple[int, int, str]], list[str]]:
        """The sentences langdetect is to read, ``(start, end, text to read)``, given each
        paragraph ``(start, end, its sentences)`` and the ``(en, fr)`` Zipf values of words
        the table lacks; and the words whose values are still needed (the sentences are
        final only when there are none)."""
