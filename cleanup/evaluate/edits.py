"""Turn a pair of texts into edits on the first one, the unit the ``eval`` scorer counts.

Like the GEC scorers (ERRANT, M2), :func:`extract_edits` aligns a source text with a
corrected text and returns the differences as :class:`TextEdit` values: a character span of
the *source* and the text that replaces it. Alignment runs in two passes with
:class:`difflib.SequenceMatcher` (``autojunk`` off, so it is deterministic and never treats
frequent tokens as noise): lines first, which is fast and makes a deleted line one edit,
then tokens inside each changed block. Tokens are words, single punctuation marks and
single whitespace characters, so a quote, an inserted space or a removed newline is an edit
of its own. Three normalisations make the same change the same edit whichever text it was
aligned against: a pure insertion or deletion that could sit at several equivalent places
(deleting ``"\\nRead later"`` or ``"Read later\\n"``) is moved to one canonical place, the
first that starts a line, else the leftmost; edits that touch are merged into one; and a
deletion of several whole lines is split into one edit per line, because each deleted line
is one artifact (a block of boilerplate half removed is half right, not all wrong). This
module only compares strings; it knows nothing of rules or categories.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

#: Words, single whitespace characters, and every other character on its own.
TOKEN_RE = re.compile(r"\w+|\s|[^\w\s]")
#: A line with its newline, or a last line without one.
LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")


@dataclass(frozen=True, slots=True, order=True)
class TextEdit:
    """Replace ``source[start:end]`` with ``replacement`` (``start == end`` inserts)."""

    start: int
    end: int
    replacement: str

    def touches(self, other: TextEdit) -> bool:
        """True when the spans overlap or meet (an insertion at either end counts).

        >>> TextEdit(0, 3, "").touches(TextEdit(3, 3, "x")), TextEdit(0, 2, "").touches(TextEdit(3, 4, ""))
        (True, False)
        """
        return self.start <= other.end and other.start <= self.end


def iter_tokens(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every token: words, punctuation marks, whitespace characters.

    >>> [("province”while"[a:b]) for a, b in iter_tokens("province”while")]
    ['province', '”', 'while']
    """
    for match in TOKEN_RE.finditer(text):
        yield match.start(), match.end()


def _line_spans(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in LINE_RE.finditer(text)]


def extract_edits(source: str, target: str) -> tuple[TextEdit, ...]:
    """Return the normalised edits that turn ``source`` into ``target``, sorted.

    >>> extract_edits("the province”while", "the province” while")
    (TextEdit(start=13, end=13, replacement=' '),)
    >>> extract_edits("Intro.\\nRead later\\nBody.\\n", "Intro.\\nBody.\\n")
    (TextEdit(start=7, end=18, replacement=''),)
    """
    raw = _aligned_edits(source, target)
    canonical: list[TextEdit] = []
    for index, edit in enumerate(raw):
        # Slide between the already-placed previous edit and the next one, so none overlap.
        low = canonical[-1].end if canonical else 0
        high = raw[index + 1].start if index + 1 < len(raw) else len(source)
        canonical.append(_canonical(source, edit, low, high))
    edits: list[TextEdit] = []
    for edit in merge_touching(source, canonical):
        edits.extend(split_line_deletion(source, edit))
    return tuple(edits)


def apply_text_edits(source: str, edits: tuple[TextEdit, ...] | list[TextEdit]) -> str:
    """Apply sorted, non-overlapping edits; ``apply_text_edits(s, extract_edits(s, t)) == t``.

    >>> apply_text_edits("ab", [TextEdit(1, 1, "-")])
    'a-b'
    """
    pieces = []
    position = 0
    for edit in edits:
        pieces.append(source[position : edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(source[position:])
    return "".join(pieces)


def _aligned_edits(source: str, target: str) -> list[TextEdit]:
    source_lines = _line_spans(source)
    target_lines = _line_spans(target)
    matcher = SequenceMatcher(
        None, [source[a:b] for a, b in source_lines], [target[a:b] for a, b in target_lines], autojunk=False
    )
    edits: list[TextEdit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = source_lines[i1][0] if i1 < len(source_lines) else len(source)
        end = source_lines[i2 - 1][1] if i2 > i1 else start
        target_start = target_lines[j1][0] if j1 < len(target_lines) else len(target)
        target_end = target_lines[j2 - 1][1] if j2 > j1 else target_start
        if tag == "replace":
            edits.extend(_token_edits(source, start, end, target[target_start:target_end]))
        else:
            edits.append(TextEdit(start, end, target[target_start:target_end]))
    return edits


def _token_edits(source: str, start: int, end: int, target: str) -> list[TextEdit]:
    """Align one changed block token by token; spans are offsets into the whole source."""
    block = source[start:end]
    source_tokens = list(iter_tokens(block))
    target_tokens = list(iter_tokens(target))
    matcher = SequenceMatcher(
        None, [block[a:b] for a, b in source_tokens], [target[a:b] for a, b in target_tokens], autojunk=False
    )
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edit_start = source_tokens[i1][0] if i1 < len(source_tokens) else len(block)
        edit_end = source_tokens[i2 - 1][1] if i2 > i1 else edit_start
        target_start = target_tokens[j1][0] if j1 < len(target_tokens) else len(target)
        target_end = target_tokens[j2 - 1][1] if j2 > j1 else target_start
        edits.append(TextEdit(start + edit_start, start + edit_end, target[target_start:target_end]))
    return edits


def _canonical(source: str, edit: TextEdit, low: int, high: int) -> TextEdit:
    """Move a pure insertion or deletion to its canonical place within ``[low, high]``.

    Among the equivalent places (those that give the same text), take the first that
    starts a line, else the leftmost. Replacements stay where they are.

    >>> _canonical("a\\nX\\nb", TextEdit(1, 3, ""), 0, 5)
    TextEdit(start=2, end=4, replacement='')
    """
    if edit.replacement and edit.start != edit.end:
        return edit
    places = _equivalent_places(source, edit, low, high)
    for place in places:
        if place.start == 0 or source[place.start - 1] == "\n":
            return place
    return places[0]


def _equivalent_places(source: str, edit: TextEdit, low: int, high: int) -> list[TextEdit]:
    """Every place the insertion or deletion can slide to, leftmost first."""
    left: list[TextEdit] = []
    current = edit
    while current.start > low and _slides_left(source, current):
        current = _slide_left(source, current)
        left.append(current)
    right: list[TextEdit] = []
    current = edit
    while current.end < high and _slides_right(source, current):
        current = _slide_right(source, current)
        right.append(current)
    return left[::-1] + [edit] + right


def _slides_left(source: str, edit: TextEdit) -> bool:
    last = edit.replacement[-1] if edit.replacement else source[edit.end - 1]
    return source[edit.start - 1] == last


def _slide_left(source: str, edit: TextEdit) -> TextEdit:
    if edit.replacement:  # insertion: rotate the inserted text one character to the right
        return TextEdit(edit.start - 1, edit.end - 1, source[edit.start - 1] + edit.replacement[:-1])
    return TextEdit(edit.start - 1, edit.end - 1, "")


def _slides_right(source: str, edit: TextEdit) -> bool:
    first = edit.replacement[0] if edit.replacement else source[edit.start]
    return source[edit.end] == first


def _slide_right(source: str, edit: TextEdit) -> TextEdit:
    if edit.replacement:
        return TextEdit(edit.start + 1, edit.end + 1, edit.replacement[1:] + source[edit.end])
    return TextEdit(edit.start + 1, edit.end + 1, "")


def merge_touching(source: str, edits: list[TextEdit]) -> list[TextEdit]:
    """Merge sorted edits that overlap or meet, so one change is always one edit.

    >>> merge_touching("Pékin»said", [TextEdit(0, 5, "Beijing"), TextEdit(5, 6, "”"), TextEdit(6, 6, " ")])
    [TextEdit(start=0, end=6, replacement='Beijing” ')]
    """
    merged: list[TextEdit] = []
    # Keep the given order: two insertions at one point must stay in alignment order.
    for edit in edits:
        if merged and merged[-1].touches(edit):
            last = merged.pop()
            gap = source[last.end : edit.start] if edit.start > last.end else ""
            edit = TextEdit(last.start, max(last.end, edit.end), last.replacement + gap + edit.replacement)
        merged.append(edit)
    return merged


def split_line_deletion(source: str, edit: TextEdit) -> list[TextEdit]:
    """Split a deletion of several whole lines into one deletion per line.

    Whole lines are ``"L1\\nL2\\n"`` from a line start, or ``"\\nL1\\nL2"`` running to the
    end of a text that has no final newline. Any other edit is returned unchanged.

    >>> split_line_deletion("a\\nb\\nc\\n", TextEdit(2, 6, ""))
    [TextEdit(start=2, end=4, replacement=''), TextEdit(start=4, end=6, replacement='')]
    >>> split_line_deletion("a\\nb\\nc", TextEdit(1, 5, ""))
    [TextEdit(start=1, end=3, replacement=''), TextEdit(start=3, end=5, replacement='')]
    """
    content = source[edit.start : edit.end]
    if edit.replacement or "\n" not in content:
        return [edit]
    at_line_start = edit.start == 0 or source[edit.start - 1] == "\n"
    if at_line_start and (content.endswith("\n") or edit.end == len(source)):
        pieces = LINE_RE.findall(content)
    elif content.startswith("\n") and edit.end == len(source):
        pieces = ["\n" + piece for piece in content[1:].split("\n")]
    else:
        return [edit]
    if len(pieces) < 2:
        return [edit]
    edits = []
    position = edit.start
    for piece in pieces:
        edits.append(TextEdit(position, position + len(piece), ""))
        position += len(piece)
    return edits
