"""Read the plain-text data files of rule packs: word lists and tab-separated tables.

Both formats take one entry per line, ``#`` starts a comment line, blank lines are
skipped, and every entry must be NFC. Errors name the file and the line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cleanup.errors import RulePackError


def iter_data_lines(path: Path, label: str) -> list[tuple[int, str]]:
    """Return ``(line_number, text)`` for every non-comment, non-blank line of a data file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulePackError(label, None, None, "lexicon file not found") from None
    except UnicodeDecodeError as error:
        raise RulePackError(label, None, None, f"not valid UTF-8 at byte {error.start}") from None
    return data_lines(raw, label)


def data_lines(raw: str, label: str) -> list[tuple[int, str]]:
    """:func:`iter_data_lines` on a file's text already read."""
    # One C-speed test of the whole file; only a file that fails it is searched line by
    # line for the entry to name.
    normalized = unicodedata.is_normalized("NFC", raw)
    entries = []
    for number, line in enumerate(raw.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not normalized and unicodedata.normalize("NFC", line) != line:
            raise RulePackError(label, number, None, f"entry {stripped!r} is not NFC-normalised")
        entries.append((number, line.rstrip("\r")))
    return entries


def load_word_list(path: Path, label: str) -> tuple[str, ...]:
    """Load a one-entry-per-line list; surrounding spaces are not part of an entry."""
    return tuple(text.strip() for _, text in iter_data_lines(path, label))


def load_table(
    path: Path, label: str, *, min_columns: int, max_columns: int
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Load a TSV table as ``(line_number, cells)``, padding optional columns with ``""``."""
    rows = []
    for number, text in iter_data_lines(path, label):
        cells = [cell.strip() for cell in text.split("\t")]
        if not min_columns <= len(cells) <= max_columns:
            expected = str(min_columns) if min_columns == max_columns else f"{min_columns} to {max_columns}"
            raise RulePackError(label, number, None, f"expected {expected} tab-separated columns, got {len(cells)}")
        if any(not cell for cell in cells[:min_columns]):
            raise RulePackError(label, number, None, "empty required column")
        rows.append((number, tuple(cells) + ("",) * (max_columns - len(cells))))
    return tuple(rows)


#: A swap table's columns: source term, English form, then the optional context and unless regexes.
SWAP_MIN_COLUMNS = 2
SWAP_MAX_COLUMNS = 5


@dataclass(frozen=True, slots=True)
class SwapRow:
    """One row of a ``swap`` table (``acronyms.tsv``, ``place-names.tsv``).

    The row applies to a document only when ``context`` (a regex; empty: always) occurs in
    it and ``unless`` (empty: never) does not: ``HTC`` is ``HTS`` only in a text about
    Hayat Tahrir al-Sham, never in one about the phone maker. ``article`` is the article the
    English form takes (``the`` for ``Central African Republic``; empty: none).
    """

    line: int
    source: str
    target: str
    context: str = ""
    unless: str = ""
    article: str = ""


def load_swap_table(path: Path, label: str) -> tuple[SwapRow, ...]:
    """Read a swap table with its context columns: the ``swap`` kind's columns
    (:meth:`cleanup.packs.loader.BuildContext.table` with :data:`SWAP_MIN_COLUMNS` to
    :data:`SWAP_MAX_COLUMNS`), for every other reader of the same data (the bilingual
    acronym check), so that none reads the table without its conditions.
    """
    rows = load_table(path, label, min_columns=SWAP_MIN_COLUMNS, max_columns=SWAP_MAX_COLUMNS)
    return tuple(SwapRow(number, *cells) for number, cells in rows)
