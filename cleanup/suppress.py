"""Silence findings without disabling rules: allowlist, per-file ignores, ignore file, markers.

Four sources, all read once and frozen: the ``allow`` phrases of the configuration (a
finding that overlaps an allowed word or phrase is dropped), ``per-file-ignores``, the
``.mt-cleanup-ignore`` file beside the configuration (written by ``check --add-ignores`` to
baseline a corpus), and inline markers: Markdown/HTML comments
``<!-- mt-cleanup: disable=QUO001 -->`` … ``<!-- mt-cleanup: enable=QUO001 -->`` and
``<!-- mt-cleanup: disable-next-line=CODE -->`` (Vale's), or the same words on a line of
their own after ``#`` in any text file (``# mt-cleanup: disable-next-line=ACR001``).

An ignore-file entry is ``path:line:column:CODE:HASH``: HASH digests the text the finding
matched (12 hex digits) and the content of its line (8 more), so the entry is anchored to
content, not to a line number. Each entry silences one finding of its code with that text in
its file: first one whose line still reads the same, else the nearest to the line and column
it recorded: it follows its line when lines are inserted or removed, and it still holds when
another fix changes the same line (a fix run re-checks the line after each round). The older
``path:line:CODE`` form is anchored to the line number. Entries of checked files that
silenced nothing are reported as stale by ``check``. :func:`suppressing` gives a rule
set a :class:`Suppressor`, through which :func:`cleanup.engine.check_document` passes each
document's findings once; since ``fix`` only applies edits that findings carry, a
suppressed finding is never fixed either. Checking stays pure: nothing here edits text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleanup.errors import ConfigError
from cleanup.kinds.base import Document
from cleanup.model import Finding, Span
from cleanup.textfile import LineIndex

#: ``<!-- mt-cleanup: disable=QUO001,SPC -->``; no ``=codes`` means every rule.
MARKER_RE = re.compile(
    r"""<!--\s*mt-cleanup:\s*
        (?P<action>disable-next-line|disable|enable)
        (?:\s*=\s*(?P<codes>[A-Za-z0-9,\s]*?))?
        \s*-->""",
    re.IGNORECASE | re.VERBOSE,
)
#: The same marker on a line of its own after ``#``, for plain text files.
LINE_MARKER_RE = re.compile(
    r"""^[ \t]*\#[ \t]*mt-cleanup:[ \t]*
        (?P<action>disable-next-line|disable|enable)
        (?:[ \t]*=[ \t]*(?P<codes>[A-Za-z0-9, \t]*?))?
        [ \t]*\r?$""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
_MARKER_HINT = "mt-cleanup:"
_ENTRY_CODE_RE = re.compile(r"[A-Z]{2,5}[0-9]{3}")
_HASH_RE = re.compile(r"[0-9a-f]{12}(?:[0-9a-f]{8})?")
_ALL = "ALL"


@dataclass(frozen=True, slots=True, order=True)
class IgnoreEntry:
    """One line of the ignore file: silence one finding of ``code`` in ``path`` whose matched
    text digests to ``digest`` (the nearest to ``line`` and ``column``), or, without a digest,
    every finding of ``code`` on line ``line``."""

    path: str
    line: int
    code: str
    digest: str = ""  # of the matched text, then (8 hex digits) of the line
    column: int = 0

    @property
    def text_digest(self) -> str:
        return self.digest[:12]

    @property
    def line_digest(self) -> str:
        return self.digest[12:]

    def __str__(self) -> str:
        if self.digest:
            return f"{self.path}:{self.line}:{self.column}:{self.code}:{self.digest}"
        return f"{self.path}:{self.line}:{self.code}"


def text_digest(text: str) -> str:
    """The content anchor of an ignore entry: 12 hex digits of the SHA-1 of the matched text.

    >>> text_digest("OSDH")
    '1c265640c43e'
    """
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def line_content_digest(line: str) -> str:
    """8 hex digits of the SHA-1 of a line, surrounding spaces stripped (the tie-breaker of an entry)."""
    import hashlib

    return hashlib.sha1(line.strip().encode("utf-8")).hexdigest()[:8]


def _line_at(text: str, index: LineIndex, line: int) -> str:
    start = index.line_start(line)
    end = text.find("\n", start)
    return text[start : len(text) if end == -1 else end]


def _parse_entry(text: str) -> IgnoreEntry | None:
    parts = text.rsplit(":", 4)
    if len(parts) == 5 and _HASH_RE.fullmatch(parts[4]) and parts[1].isdigit() and parts[2].isdigit():
        path, line, column, code, digest = parts
    else:
        parts = text.rsplit(":", 2)
        if len(parts) != 3:
            return None
        path, line, code = parts
        column, digest = "0", ""
    code = code.strip().upper()
    if not path or not line.isdigit() or int(line) < 1 or not _ENTRY_CODE_RE.fullmatch(code):
        return None
    return IgnoreEntry(path.replace(os.sep, "/"), int(line), code, digest, int(column))


def read_ignore_file(path: str | os.PathLike[str]) -> frozenset[IgnoreEntry]:
    """Parse ``path:line:CODE`` lines (``#`` comments, blank lines); a missing file is empty."""
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: cannot read ignore file: {error}") from None
    entries = set()
    for number, line in enumerate(raw.splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        entry = _parse_entry(text)
        if entry is None:
            parts = text.rsplit(":", 2)
            if len(parts) == 3 and parts[0] and parts[1].isdigit() and int(parts[1]) >= 1:
                raise ConfigError(f"{file}:{number}: '{parts[2]}' is not a rule code (like QUO001)")
            raise ConfigError(
                f"{file}:{number}: expected 'path:line:CODE' or 'path:line:column:CODE:HASH', got '{text}'"
            )
        entries.add(entry)
    return frozenset(entries)


def format_ignore_file(entries: Iterable[IgnoreEntry]) -> str:
    header = (
        "# mt-cleanup ignore file: one finding per line as path:line:column:CODE:HASH\n"
        "# (paths relative to this file; HASH digests the matched text, so the entry follows\n"
        "# its finding when lines move; written by `mt-cleanup check --add-ignores`)\n"
    )
    return header + "".join(f"{entry}\n" for entry in sorted(set(entries)))


@dataclass(frozen=True, slots=True)
class InlineRange:
    """Offsets ``[start, end)`` where rules starting with ``prefix`` are silenced."""

    prefix: str
    start: int
    end: int

    def covers(self, finding: Finding) -> bool:
        if not self.start <= finding.span.start < self.end:
            return False
        return self.prefix == _ALL or finding.rule_id.startswith(self.prefix)


def inline_ranges(text: str) -> tuple[InlineRange, ...]:
    """Where the comment markers in ``text`` silence rules.

    >>> text = "a <!-- mt-cleanup: disable=QUO -->b<!-- mt-cleanup: enable=QUO --> c"
    >>> inline_ranges(text)
    (InlineRange(prefix='QUO', start=34, end=35),)
    """
    if _MARKER_HINT not in text:
        return ()
    ranges: list[InlineRange] = []
    open_at: dict[str, int] = {}
    markers = sorted([*MARKER_RE.finditer(text), *LINE_MARKER_RE.finditer(text)], key=lambda match: match.start())
    for match in markers:
        action = match["action"].lower()
        codes = [code.strip().upper() for code in (match["codes"] or "").split(",") if code.strip()] or [_ALL]
        if action == "disable":
            for code in codes:
                open_at.setdefault(code, match.end())
        elif action == "enable":
            closing = list(open_at) if codes == [_ALL] else codes
            for code in closing:
                if code in open_at:
                    ranges.append(InlineRange(code, open_at.pop(code), match.start()))
        else:
            line_end = text.find("\n", match.end())
            if line_end == -1:
                continue
            next_end = text.find("\n", line_end + 1)
            next_end = len(text) if next_end == -1 else next_end
            ranges.extend(InlineRange(code, line_end + 1, next_end) for code in codes)
    ranges.extend(InlineRange(code, start, len(text)) for code, start in open_at.items())
    return tuple(sorted(ranges, key=lambda item: (item.start, item.end, item.prefix)))


def _allow_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = []
    for phrase in sorted(set(phrases), key=lambda item: (-len(item), item)):
        words = [re.escape(word) for word in phrase.split()]
        # both apostrophes, so "coup d'etat" in the config also allows the typographic one
        body = r"\s+".join(words).replace("'", "['\N{RIGHT SINGLE QUOTATION MARK}]")
        alternatives.append(body)
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _overlaps_allowed(span: Span, allowed: tuple[tuple[int, int], ...]) -> bool:
    for start, end in allowed:
        if span.start == span.end:
            if start < span.start < end:
                return True
        elif start < span.end and span.start < end:
            return True
    return False


@dataclass(slots=True)
class _DocumentView:
    """What suppresses findings in one document; computed once per document."""

    ignored_codes: tuple[str, ...]
    ranges: tuple[InlineRange, ...]
    allowed: tuple[tuple[int, int], ...]
    by_line: dict[tuple[int, str], IgnoreEntry]
    by_digest: dict[tuple[str, str], list[IgnoreEntry]]
    index: LineIndex | None
    text: str
    used: set[IgnoreEntry]

    def silenced_by_entries(self, findings: list[Finding]) -> set[int]:
        """Indices of ``findings`` that ignore-file entries silence (and mark those entries used).

        A line entry silences every finding of its code on its line. Content entries are
        matched one to one, nearest first (by line, then column): two entries for the same
        text silence two findings, and a third occurrence stays reported.
        """
        assert self.index is not None
        silenced: set[int] = set()
        pairs: list[tuple[int, int, int, IgnoreEntry]] = []
        for position, finding in enumerate(findings):
            line, column = self.index.position(finding.span.start)
            entry = self.by_line.get((line, finding.rule_id))
            if entry is not None:
                silenced.add(position)
                self.used.add(entry)
            candidates = self.by_digest.get((finding.rule_id, text_digest(finding.matched)), ())
            if not candidates:
                continue
            line_digest = line_content_digest(_line_at(self.text, self.index, line))
            for candidate in candidates:
                moved = int(candidate.line_digest != line_digest)
                distance = moved * 10**12 + abs(candidate.line - line) * 100_000 + abs(candidate.column - column)
                pairs.append((distance, position, candidate.line, candidate))
        taken: set[IgnoreEntry] = set()
        for _, position, _, candidate in sorted(pairs, key=lambda item: item[:3]):
            if position in silenced or candidate in taken:
                continue
            silenced.add(position)
            taken.add(candidate)
            self.used.add(candidate)
        return silenced

    def suppresses(self, finding: Finding) -> bool:
        code = finding.rule_id
        if self.ignored_codes and any(prefix == _ALL or code.startswith(prefix) for prefix in self.ignored_codes):
            return True
        if self.ranges and any(item.covers(finding) for item in self.ranges):
            return True
        return bool(self.allowed and _overlaps_allowed(finding.span, self.allowed))


@dataclass(slots=True)
class Suppressor:
    """Decides which findings of a document to drop (carried by a rule set)."""

    config: Any
    entries: frozenset[IgnoreEntry] = frozenset()
    allow_re: re.Pattern[str] | None = None
    #: Entries that silenced a finding in this process (for :meth:`stale_entries`).
    used: set[IgnoreEntry] = field(default_factory=set)

    @classmethod
    def from_config(cls, config: Any) -> Suppressor:
        return cls(config=config, entries=read_ignore_file(config.ignore_file), allow_re=_allow_regex(config.allow))

    def entry_path(self, path: str) -> str:
        """How the ignore file names ``path``: relative to its folder, ``/``-separated."""
        return os.path.relpath(os.path.abspath(path), self.config.root).replace(os.sep, "/")

    def _build_view(self, doc: Document) -> _DocumentView:
        text = doc.text
        is_file = doc.path is not None and not doc.path.startswith("<")
        by_line: dict[tuple[int, str], IgnoreEntry] = {}
        by_digest: dict[tuple[str, str], list[IgnoreEntry]] = {}
        if is_file and self.entries:
            assert doc.path is not None
            name = self.entry_path(doc.path)
            for entry in self.entries:
                if entry.path != name:
                    continue
                if entry.digest:
                    by_digest.setdefault((entry.code, entry.text_digest), []).append(entry)
                else:
                    by_line[(entry.line, entry.code)] = entry
        allowed: tuple[tuple[int, int], ...] = ()
        if self.allow_re is not None:
            allowed = tuple(match.span() for match in self.allow_re.finditer(text))
        return _DocumentView(
            ignored_codes=self.config.ignored_codes(doc.path) if is_file else (),
            ranges=inline_ranges(text),
            allowed=allowed,
            by_line=by_line,
            by_digest=by_digest,
            index=LineIndex(text) if by_line or by_digest else None,
            text=text,
            used=self.used,
        )

    def stale_entries(self, paths: Iterable[str], codes: Iterable[str]) -> list[IgnoreEntry]:
        """Entries for ``paths`` (files checked in this process) and rules in ``codes`` that silenced nothing."""
        names = {self.entry_path(path) for path in paths}
        selected = set(codes)
        return sorted(
            entry for entry in self.entries if entry.path in names and entry.code in selected and entry not in self.used
        )

    def filter(self, doc: Document, findings: Iterable[Finding]) -> list[Finding]:
        """The findings of ``doc`` that nothing silences."""
        view = self._build_view(doc)
        found = list(findings)
        silenced = view.silenced_by_entries(found) if view.index is not None else set()
        return [
            finding
            for position, finding in enumerate(found)
            if position not in silenced and not view.suppresses(finding)
        ]


def suppressing(ruleset: Any, suppressor: Suppressor) -> Any:
    """A copy of ``ruleset`` whose findings pass through ``suppressor`` (once per document)."""
    return ruleset.with_rules(ruleset.rules, suppressor=suppressor)


def ignore_entries_for(suppressor: Suppressor, path: str, text: str, findings: Iterable[Finding]) -> set[IgnoreEntry]:
    """The ignore-file entries that silence ``findings`` of the file at ``path``."""
    index = LineIndex(text)
    name = suppressor.entry_path(path)
    entries = set()
    for finding in findings:
        line, column = index.position(finding.span.start)
        digest = text_digest(finding.matched) + line_content_digest(_line_at(text, index, line))
        entries.add(IgnoreEntry(name, line, finding.rule_id, digest, column))
    return entries


def add_ignores(config: Any, results: Iterable[tuple[str, str, Iterable[Finding]]]) -> tuple[Path, int]:
    """Add an entry for every finding in ``results`` (``(path, text, findings)``) to the ignore file.

    Existing entries are kept; standard input has no path and is skipped. Returns the ignore
    file's path and how many entries were new.
    """
    from cleanup.textfile import write_atomic

    suppressor = Suppressor.from_config(config)
    new: set[IgnoreEntry] = set()
    for path, text, findings in results:
        if path == "-":
            continue
        new |= ignore_entries_for(suppressor, path, text, findings)
    added = new - suppressor.entries
    if added:
        write_atomic(config.ignore_file, format_ignore_file(suppressor.entries | new).encode("utf-8"))
    return config.ignore_file, len(added)
