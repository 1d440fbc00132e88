"""Lines that repeat across many documents of a corpus: page furniture no list knows.

A site's own footer (``Follow us on Mastodon``), a newsletter notice or a copyright line comes
back in document after document of a crawl, where a sentence of an article almost never
does. As corpus-cleaning pipelines do (C4's "lines that appear in many documents",
Gopher-style line deduplication), a batch run with ``--repeated-lines MIN_DOCS`` first
counts, over the whole corpus, in how many documents each short line occurs, then reports
(rule ``BLP002``) and with ``fix --remove-repeated-lines`` deletes the lines found in at least
MIN_DOCS documents and in at least ``--repeated-lines-share`` of them.

The first pass keeps 64-bit hashes of the lines, never their text: memory grows with the
number of distinct short lines (a dict entry each), not with their length. A line counts once
per document, after trimming the spaces at its ends; blank lines and lines longer than
:data:`MAX_LINE_LENGTH` characters are never counted. The hash is BLAKE2b (the same in every
process, unlike Python's ``hash``), so workers on other machines agree. The text of a flagged
line is taken from the documents in the second pass, where it is found.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cleanup.errors import CleanupError, InputError
from cleanup.kinds.base import Document, RuleMeta
from cleanup.model import Applicability, Edit, Finding, Span

#: The rule whose findings and edits the repeated lines become.
RULE_ID = "BLP002"
#: Rules that find nothing in one document: their evidence is the corpus.
BATCH_ONLY_RULES = frozenset({RULE_ID})
#: Longer lines are never counted (a paragraph repeated in many documents is a duplicate
#: document's business, not page furniture).
MAX_LINE_LENGTH = 200


@dataclass(frozen=True, slots=True)
class RepeatedSettings:
    """The run's ``--repeated-lines`` options (part of the manifest)."""

    min_docs: int
    share: float = 0.0
    remove: bool = False

    def threshold(self, docs: int) -> int:
        """Documents a line must occur in, for a corpus of ``docs`` documents."""
        return max(self.min_docs, math.ceil(self.share * docs - 1e-9))

    def to_dict(self) -> dict[str, Any]:
        return {"min_docs": self.min_docs, "share": self.share, "remove": self.remove}


def line_hash(line: str) -> int:
    """The 64-bit hash of a line already trimmed."""
    return int.from_bytes(hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest(), "big")


def iter_lines(text: str) -> Iterator[tuple[int, int, int, str]]:
    """``(start, content_end, end, trimmed)`` of every line: ``end`` includes the newline."""
    position = 0
    length = len(text)
    while position < length:
        newline = text.find("\n", position)
        end = length if newline == -1 else newline + 1
        content_end = end - 1 if newline != -1 else end
        if content_end > position and text[content_end - 1] == "\r":
            content_end -= 1
        yield position, content_end, end, text[position:content_end].strip()
        position = end


def countable(trimmed: str) -> bool:
    return bool(trimmed) and len(trimmed) <= MAX_LINE_LENGTH


def document_hashes(text: str) -> set[int]:
    """The hashes of the document's countable lines, each once."""
    return {line_hash(trimmed) for _, _, _, trimmed in iter_lines(text) if countable(trimmed)}


def count_task(task: Any, options: Any) -> dict[str, Any]:
    """First pass over one task: in how many of its documents each line hash occurs.

    Top-level and spawn-safe like :func:`~cleanup.batch.worker.process_task`; a document that
    cannot be read is left out here (the second pass reports it).
    """
    counts: Counter[int] = Counter()
    docs = 0
    for text in _iter_texts(task, options):
        docs += 1
        counts.update(document_hashes(text))
    return {"docs": docs, "counts": counts}


def _iter_texts(task: Any, options: Any) -> Iterator[str]:
    from cleanup.inputs import jsonl_field, jsonl_record
    from cleanup.textfile import read_text_file

    if task.jsonl is None:
        for item in task.files:
            try:
                yield read_text_file(item.path, encoding=options.rules.config.encoding).text
            except CleanupError:
                continue
        return
    try:
        with open(task.jsonl.path, "rb") as stream:
            stream.seek(task.start)
            data = stream.read(task.size)
    except OSError:
        return
    for raw in data.split(b"\n"):
        body = raw.rstrip(b"\r")
        if not body.strip():
            continue
        try:
            yield jsonl_field(jsonl_record(body, "-"), options.field, "-")
        except InputError:
            continue


def flagged_hashes(counts: Counter[int], docs: int, settings: RepeatedSettings) -> dict[int, int]:
    """The hashes at or above the threshold, with their document counts."""
    threshold = settings.threshold(docs)
    return {key: count for key, count in counts.items() if count >= threshold}


def findings(
    doc: Document, flagged: frozenset[int], meta: RuleMeta, *, applicability: Applicability | None = None
) -> list[Finding]:
    """``BLP002`` findings for the flagged lines of one document, each deleting its line.

    ``applicability`` lowers the fix's level: a run that does not remove the lines shows the
    fix as display-only, since a plain ``fix`` does not apply it.

    The line goes with its newline; when the document's last lines are deleted and it has no
    final newline, the first of them also takes the newline before it, so the ending survives.
    """
    text = doc.text
    lines = [
        (start, content_end, end)
        for start, content_end, end, trimmed in iter_lines(text)
        if countable(trimmed) and line_hash(trimmed) in flagged
    ]
    if not lines:
        return []
    found = []
    ends_without_newline = not text.endswith("\n")
    trailing_run_start = None
    if ends_without_newline and lines[-1][2] == len(text):
        # The run of deleted lines that reaches the end of the text.
        index = len(lines) - 1
        while index > 0 and lines[index - 1][2] == lines[index][0]:
            index -= 1
        trailing_run_start = index
    for index, (start, content_end, end) in enumerate(lines):
        edit_start = start
        if index == trailing_run_start and start > 0:
            # The newline ending the line kept before the run (both characters of a CRLF).
            edit_start = start - 2 if text.startswith("\r\n", start - 2) else start - 1
        edits = (Edit(Span(edit_start, end), ""),)
        found.append(meta.finding(doc, start, content_end, edits=edits, applicability=applicability))
    return found
