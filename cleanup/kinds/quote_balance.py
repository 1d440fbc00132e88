"""The ``quote-balance`` builtin: a quotation opened and never closed (detect only).

MT output drops closing quotes (a French quotation closed by ``»`` after a line break, or by
a sentence the system reordered) and leaves opening quotes dangling at the end of a line.
Good English has quotations that run over several lines and paragraphs, so this reads the
quote marks of a whole paragraph in order, as a reader does, instead of looking for a
closing mark on the same line:

- **Paragraphs**, not lines. In a hard-wrapped text (a novel, a plain-text e-mail: lines no
  longer than a fixed width, blank lines between paragraphs) a line that is *full* (its
  next line's first word would not have fitted after it) belongs to the same paragraph as
  the next line, and so does a line ending mid-sentence before one starting in lower case
  (:func:`cleanup.segment.join_wrapped_lines`). A text with one paragraph per line has no
  full lines and keeps its lines.
- **Roles.** ``“`` opens, ``”`` closes; a ``“`` glued after a word and followed by a space,
  punctuation or the line's end is an MT closing mark (other rules fix its direction), and
  it closes here. A straight ``"`` opens after a space, a bracket or a dash and closes
  otherwise; ``«`` and ``»`` open and close. Single quotes are not read at all: an
  apostrophe and a closing single quote are the same character, and single quotes nested
  in a double quotation (or double ones nested in British single quotes) never change
  whether the double quotation is closed.
- **Open at the end of a paragraph** means the paragraph's last quote mark opens. That is
  the English convention for a quotation running over several paragraphs when the next
  paragraph opens with a quote mark again (only the last one closes), and a quotation split
  by extraction when the next paragraph's first mark closes it (in a text without blank
  lines between paragraphs, such as dialogue broken into short lines, after up to
  ``_LOOKAHEAD`` lines without any mark). Otherwise the last opening
  ``“`` is reported. A new ``“`` inside an open quotation re-opens it (a paragraph break
  lost in extraction), so only the state at the paragraph's end counts.
- Only a curly ``“`` is reported: plain-ASCII text uses ``"`` for inches and minutes and is
  too often unbalanced by design. A ``“`` glued after a word (``said“we``) belongs to the
  glued-quote rules. A ``“`` followed by nothing but spaces on its line opens nothing and
  is always reported.

Where the quotation should end needs a reader, so nothing is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding

_OPEN_CURLY = "\N{LEFT DOUBLE QUOTATION MARK}"
_CLOSE_CURLY = "\N{RIGHT DOUBLE QUOTATION MARK}"
_MARKS = frozenset({_OPEN_CURLY, _CLOSE_CURLY, '"', "«", "»"})
_MARK_RE = re.compile('[\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"«»]')
#: Characters after which a mark that could open does open (besides the start of a line).
_OPENING_CONTEXT = frozenset("([{\N{EM DASH}\N{EN DASH}-/")
#: What a paragraph may start with when it continues a quotation (the English convention).
_CONTINUATION_MARKS = frozenset({_OPEN_CURLY, '"', "«", "\N{LEFT SINGLE QUOTATION MARK}", "'", "„"})
#: How many paragraphs on a quotation left open may be closed, across lines without marks.
_LOOKAHEAD = 4
#: What may follow a reported ``“``: the start of quoted words.
_QUOTED_START_PUNCTUATION = frozenset("\N{LEFT SINGLE QUOTATION MARK}'\N{HORIZONTAL ELLIPSIS}.([")


class QuoteBalanceKind:
    name: ClassVar[str] = "quote-balance"
    keys: ClassVar[Mapping[str, KeySpec]] = {"builtin": KeySpec(str, required=True)}
    placeholders: ClassVar[frozenset[str]] = frozenset()
    literal_gate: ClassVar[tuple[str, ...]] = (_OPEN_CURLY,)  # the engine skips texts without one

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> QuoteBalanceKind:
        return cls(meta)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if _OPEN_CURLY not in text:
            return
        from cleanup.segment import join_wrapped_lines

        paragraphs = join_wrapped_lines(text, doc.lines)
        marks_of = [_marks(text, lines) for lines in paragraphs]
        reported: set[int] = set()
        for number, marks in enumerate(marks_of):
            for position, role in marks:
                if role == "open" and text[position] == _OPEN_CURLY and _is_dangling(text, position):
                    reported.add(position)
            last = _last_open(text, marks)
            if last is None:
                continue
            if _is_continued(text, paragraphs, marks_of, number):
                continue
            if text[last] == _OPEN_CURLY and _is_reportable_opener(text, last):
                reported.add(last)
        for position in sorted(reported):
            yield self.meta.finding(doc, position, position + 1)


def _marks(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """``(position, role)`` of the double quote marks of one paragraph, in order."""
    marks = []
    for start, end in lines:
        for match in _MARK_RE.finditer(text, start, end):
            position = match.start()
            character = match.group(0)
            before = text[position - 1] if position > start else " "
            after = text[position + 1] if position + 1 < end else " "
            if character in (_CLOSE_CURLY, "»"):
                role = "close"
            elif character == "«":
                role = "open"
            elif character == _OPEN_CURLY:
                glued = not (before.isspace() or before in _OPENING_CONTEXT or before in _MARKS)
                role = "close" if glued and not after.isalnum() else "open"
            else:  # a straight quote opens where a word may start
                role = "open" if (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace() else "close"
            marks.append((position, role))
    return marks


def _last_open(text: str, marks: list[tuple[int, str]]) -> int | None:
    """The position of the paragraph's last mark when it opens (the quotation is open)."""
    if not marks:
        return None
    position, role = marks[-1]
    return position if role == "open" else None


def _is_continued(
    text: str, paragraphs: list[list[tuple[int, int]]], marks_of: list[list[tuple[int, str]]], number: int
) -> bool:
    """Whether a quotation open at the end of paragraph ``number`` goes on after it: the
    next paragraph continues it (:func:`_continues`), or, in a text whose paragraphs are
    not separated by blank lines (dialogue broken into short lines), a following one does
    after lines without any quote mark (``“Come inside.⏎Surely it can wait.⏎I will make
    tea.”``), up to ``_LOOKAHEAD`` paragraphs on."""
    for following in range(number + 1, min(len(paragraphs), number + 1 + _LOOKAHEAD)):
        if _continues(text, paragraphs[following], marks_of[following]):
            return True
        previous_end = paragraphs[following - 1][-1][1]
        adjacent = text.count("\n", previous_end, paragraphs[following][0][0]) == 1
        if marks_of[following] or not adjacent:
            return False
    return False


def _continues(text: str, lines: list[tuple[int, int]], marks: list[tuple[int, str]]) -> bool:
    """Whether the paragraph carries on a quotation left open: it opens with a quote mark
    (a quotation over several paragraphs) or its first mark closes it (a split paragraph)."""
    start, end = lines[0]
    first = text[start:end].lstrip()[:1]
    return first in _CONTINUATION_MARKS or (bool(marks) and marks[0][1] == "close")


def _is_dangling(text: str, position: int) -> bool:
    """A ``“`` with only spaces after it on its line."""
    end = text.find("\n", position)
    rest = text[position + 1 : len(text) if end == -1 else end]
    return not rest.strip()


def _is_reportable_opener(text: str, position: int) -> bool:
    """A ``“`` that starts quoted words after a space, an opening bracket or a dash."""
    before = text[position - 1] if position > 0 else " "
    if not (before.isspace() or before in _OPENING_CONTEXT):
        return False  # glued after a word: the glued-quote rules
    after = text[position + 1] if position + 1 < len(text) else ""
    return after.isalnum() or after in _QUOTED_START_PUNCTUATION or _is_dangling(text, position)
