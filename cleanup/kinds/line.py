"""The ``line`` kind: whole lines of page chrome (paywall teasers, "Read later", credits).

Each entry of the ``lines`` data file is a regular expression that must match the entire
line (surrounding spaces ignored), so the same words inside a sentence or inside quotes are
never boilerplate. The fix deletes the line with its newline; the last line of a file with
no trailing newline takes the newline before it instead, so the file's ending survives.
``teasers`` lists header lines (``>> READ ALSO -``) whose teaser title sits on the next line;
that next line goes too when it is short and does not read as a paragraph.

A line is matched only against the entries that can start with its first character: which
entries those are is asked of the regex engine itself (a partial match of that one
character) the first time a character is seen, and the union of just those entries is
compiled once per distinct set. A line starting with ``T`` then meets a dozen entries, not
the whole list, and the answer is the same because a full match of the line needs a match
of its first character. A full load of the pack asks that question for every character of
:data:`FIRST_CHARACTERS` and keeps the answers in the validation stamp, so a later run
(a pre-commit hook on one file) compiles only the entries its lines can meet instead of the
whole list (~50 ms).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any, ClassVar

import regex

from cleanup.errors import RuleTimeoutError
from cleanup.kinds.base import Deferred, Document, KeySpec, RuleMeta
from cleanup.model import Edit, Finding, Span

#: The characters whose entries a full load works out ahead (:meth:`LineMatcher.first_table`):
#: printable ASCII, Latin-1, general punctuation, arrows and the triangles bullets use. A line
#: starting with any other character meets the entries the slow way, with the same answer.
FIRST_CHARACTERS = "".join(
    chr(code)
    for block in ((0x21, 0x7E), (0xA1, 0xFF), (0x2010, 0x205E), (0x2190, 0x21FF), (0x25A0, 0x25FF))
    for code in range(block[0], block[1] + 1)
)


class LineKind:
    name: ClassVar[str] = "line"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "lines": KeySpec(str, required=True, doc="data file: one full-line regex per entry"),
        "teasers": KeySpec(str, doc="data file: header lines whose next line is a teaser title"),
        "max_length": KeySpec(int, default=300, doc="longer lines are never boilerplate"),
        "teaser_max_length": KeySpec(int, default=160),
        "ignore_case": KeySpec(bool, default=True),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        meta: RuleMeta,
        lines_re: LineMatcher,
        teasers_re: LineMatcher | None,
        max_length: int,
        teaser_max_length: int,
        timeout: float,
    ) -> None:
        self.meta = meta
        self.lines_re = lines_re
        self.teasers_re = teasers_re
        self.max_length = max_length
        self.teaser_max_length = teaser_max_length
        self.timeout = timeout

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> LineKind:
        flags = regex.IGNORECASE if options["ignore_case"] else 0
        timeout = context.match_timeout

        def matcher(key: str) -> LineMatcher:
            entries = context.deferred_lines(options[key], key, flags=flags)
            first = context.derived(f"{key}-first", lambda: LineMatcher.first_table(entries, timeout))
            return LineMatcher(entries, flags, timeout, first)

        lines_re = matcher("lines")
        teasers_re = matcher("teasers") if options["teasers"] else None
        if options["max_length"] < 1:
            raise context.error("'max_length' must be positive", "max_length")
        return cls(
            meta, lines_re, teasers_re, options["max_length"], options["teaser_max_length"], context.match_timeout
        )

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        lines = doc.lines
        previous_was_teaser = False
        for index, (start, end) in enumerate(lines):
            content = text[start:end].strip()
            is_boilerplate = False
            if content and end - start <= self.max_length:
                is_boilerplate = self._matches(self.lines_re, content, doc)
                if not is_boilerplate and previous_was_teaser:
                    is_boilerplate = _looks_like_title(content, self.teaser_max_length)
            previous_was_teaser = bool(
                content and self.teasers_re is not None and self._matches(self.teasers_re, content, doc)
            )
            if is_boilerplate or previous_was_teaser:
                yield self.meta.finding(doc, start, end, edits=(Edit(_deletion_span(doc, index), ""),), replacement="")

    def _matches(self, matcher: LineMatcher, content: str, doc: Document) -> bool:
        try:
            pattern = matcher.for_first(content[0])
            return pattern is not None and pattern.fullmatch(content, timeout=self.timeout) is not None
        except TimeoutError:
            raise RuleTimeoutError(self.meta.id, self.timeout, doc.path) from None


class LineMatcher:
    """The union of a data file's entries, narrowed to the entries a first character allows.

    ``first`` maps characters to the indices of the entries a line starting with them can
    match, as :meth:`first_table` works them out (None: every character is worked out when
    first seen).
    """

    def __init__(
        self,
        entries: list[Deferred],
        flags: int,
        timeout: float,
        first: Mapping[str, list[int]] | None = None,
    ) -> None:
        self.entries = tuple(entries)
        self.flags = flags
        self.timeout = timeout
        self._first = first or {}
        self._by_char: dict[str, regex.Pattern[str] | None] = {}
        self._by_subset: dict[tuple[int, ...], regex.Pattern[str]] = {}

    @staticmethod
    def first_table(entries: list[Deferred], timeout: float) -> dict[str, list[int]]:
        """For each of :data:`FIRST_CHARACTERS`, the entries a line starting with it can match."""
        patterns = [entry.get() for entry in entries]
        return {char: _starting_with(patterns, char, timeout) for char in FIRST_CHARACTERS}

    def for_first(self, char: str) -> regex.Pattern[str] | None:
        """The union of the entries that can match a line starting with ``char``, or None."""
        try:
            return self._by_char[char]
        except KeyError:
            pass
        known = self._first.get(char)
        if known is None:
            known = _starting_with([entry.get() for entry in self.entries], char, self.timeout)
        subset = tuple(known)
        compiled = None
        if subset:
            compiled = self._by_subset.get(subset)
            if compiled is None:
                compiled = _union([self.entries[index].source for index in subset], self.flags)
                self._by_subset[subset] = compiled
        self._by_char[char] = compiled
        return compiled

    @cached_property
    def union(self) -> regex.Pattern[str]:
        """Every entry in one pattern; compiled only when asked (it is the reference answer
        the tests compare the first-character narrowing with, not the matching path)."""
        return _union([entry.source for entry in self.entries], self.flags)

    def fullmatch(self, content: str) -> bool:
        """Whether ``content`` matches one entry as a whole (the reference answer)."""
        return self.union.fullmatch(content, timeout=self.timeout) is not None


def _starting_with(patterns: list[regex.Pattern[str]], char: str, timeout: float) -> list[int]:
    """The indices of the patterns that can match a text starting with ``char``."""
    return [
        index
        for index, pattern in enumerate(patterns)
        if pattern.fullmatch(char, partial=True, timeout=timeout) is not None
    ]


def _union(sources: list[str], flags: int) -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{source})" for source in sources) or "(?!)", int(flags))


def _looks_like_title(content: str, max_length: int) -> bool:
    """A teaser title is short and is not a sentence ending in a full stop."""
    return len(content) <= max_length and not content.endswith((".", ":", ","))


def _deletion_span(doc: Document, index: int) -> Span:
    """The line with its newline, or with the newline before it when it is the last line."""
    text = doc.text
    start, end = doc.lines[index]
    newline_end = end
    if text.startswith("\r\n", newline_end):
        return Span(start, newline_end + 2)
    if text.startswith("\n", newline_end):
        return Span(start, newline_end + 1)
    if start == 0:
        return Span(start, end)
    before = start - 1
    if before > 0 and text[before - 1] == "\r":
        before -= 1
    return Span(before, end)
