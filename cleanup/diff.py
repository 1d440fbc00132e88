"""Unified diff of a fix for terminals (``mt-cleanup fix --diff``), each hunk annotated with rule codes.

The diff lines come from :mod:`difflib` on the original and fixed text; the rule codes on
each ``@@`` header come from the recorded edits (mapped to original offsets by
:mod:`cleanup.report.changes`), never guessed from the diff. Colour is ANSI and optional:
the caller decides (plain when the output is not a terminal or with ``--no-color``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from cleanup.model import FixResult
from cleanup.report.changes import original_span
from cleanup.textfile import LineIndex

RED, GREEN, CYAN, BOLD, DIM, RESET = "\033[31m", "\033[32m", "\033[36m", "\033[1m", "\033[2m", "\033[0m"
NO_NEWLINE = "\\ No newline at end of file"


def iter_diff_lines(
    text: str, result: FixResult, label: str, *, color: bool = False, context: int = 3
) -> Iterator[str]:
    """Lines (without newline) of a unified diff from ``text`` to ``result.text``.

    >>> from cleanup.fixer import fix_text
    >>> text = "Aleppo , Syria\\n"
    >>> print("\\n".join(iter_diff_lines(text, fix_text(text), "a.txt")))
    --- a/a.txt
    +++ b/a.txt
    @@ -1 +1 @@ SPC001
    -Aleppo , Syria
    +Aleppo, Syria
    """
    if not result.changed:
        return
    index = LineIndex(text)
    edit_lines: list[tuple[int, int, str]] = []  # 1-based original line range of every applied edit, with its code
    for round_index, round_edits in enumerate(result.rounds):
        for edit in round_edits:
            start, end = original_span(round_index, edit, result.rounds)
            first = index.position(start)[0]
            last = index.position(max(start, end - 1))[0]
            edit_lines.append((first, last, edit.rule_id))
    old_lines = text.splitlines(keepends=True)
    new_lines = result.text.splitlines(keepends=True)
    yield _paint(f"--- a/{label}", BOLD, color)
    yield _paint(f"+++ b/{label}", BOLD, color)
    for group in difflib.SequenceMatcher(None, old_lines, new_lines).get_grouped_opcodes(context):
        old_start, old_end = group[0][1], group[-1][2]
        new_start, new_end = group[0][3], group[-1][4]
        codes = sorted({code for first, last, code in edit_lines if first <= old_end and last >= old_start + 1})
        header = f"@@ -{_range(old_start, old_end)} +{_range(new_start, new_end)} @@"
        yield _paint(header, CYAN, color) + (" " + _paint(", ".join(codes), BOLD, color) if codes else "")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in old_lines[i1:i2]:
                    yield from _body(" ", line, "", color)
                continue
            for line in old_lines[i1:i2]:
                yield from _body("-", line, RED, color)
            for line in new_lines[j1:j2]:
                yield from _body("+", line, GREEN, color)


def _range(start: int, end: int) -> str:
    length = end - start
    first = start + 1 if length else start
    return str(first) if length == 1 else f"{first},{length}"


def _body(prefix: str, line: str, code: str, color: bool) -> Iterator[str]:
    content = line.rstrip("\r\n")
    yield _paint(prefix + content, code, color) if code else prefix + content
    if not line.endswith("\n"):
        yield _paint(NO_NEWLINE, DIM, color)


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{RESET}" if color and code else text
