"""Expand command-line paths into the text files to process, in a stable order.

Directories are walked for text files (by extension), hidden files and folders are
skipped, ``-`` stands for standard input. A path that does not exist is reported as an
:class:`~cleanup.errors.InputError` in the stream, so one bad argument does not stop the rest.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanup.errors import InputError
from cleanup.textfile import TextFile, decode_text, read_text_file

DEFAULT_EXTENSIONS = (".txt", ".md")
JSONL_EXTENSION = ".jsonl"
STDIN = "-"


@dataclass(frozen=True, slots=True)
class InputPath:
    """A file to process: where to read it and its path relative to the argument it came from."""

    path: str
    relative: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


def iter_input_paths(
    arguments: Sequence[str],
    *,
    extensions: Sequence[str] = DEFAULT_EXTENSIONS,
    corpora: bool = False,
    skip_dirs: Sequence[str | os.PathLike[str]] = (),
) -> Iterator[InputPath | InputError]:
    """Files named, and files found by walking folders: text files by ``extensions``, and
    JSONL corpora too when ``corpora`` is true (a command that reads them as documents).
    A walk never enters a folder of ``skip_dirs`` (a run's own output folder)."""
    skipped = frozenset(os.path.abspath(folder) for folder in skip_dirs)
    for argument in arguments:
        if argument == STDIN:
            yield InputPath(STDIN, STDIN)
            continue
        root = Path(argument)
        if root.is_dir():
            found = sorted(_walk(root, tuple(extensions), corpora=corpora, skip_dirs=skipped))
            for path in found:
                yield InputPath(str(path), str(path.relative_to(root)))
        elif root.exists() or root.is_symlink():
            yield InputPath(argument, root.name)
        else:
            yield InputError(argument, "no such file or directory")


def _walk(
    root: Path, extensions: tuple[str, ...], *, corpora: bool = False, skip_dirs: frozenset[str] = frozenset()
) -> Iterator[Path]:
    if skip_dirs and os.path.abspath(root) in skip_dirs:
        return
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = [
            name
            for name in subdirectories
            if not name.startswith(".")
            and not (skip_dirs and os.path.abspath(os.path.join(directory, name)) in skip_dirs)
        ]
        for name in names:
            if name.startswith("."):
                continue
            lower = name.lower()
            # A JSONL file is a corpus of documents, never one text, whatever `extensions` says:
            # it is walked only for a command that reads it as one (cleanup.batch, report).
            if lower.endswith(JSONL_EXTENSION):
                if corpora:
                    yield Path(directory) / name
            elif lower.endswith(extensions):
                yield Path(directory) / name


def jsonl_record(body: bytes, doc_id: str) -> dict[str, object]:
    """One line of a JSONL corpus (without its line ending) as a JSON object.

    Raises :class:`InputError` naming ``doc_id`` (``corpus.jsonl#12``) when the line is not
    UTF-8 or not a JSON object.
    """
    try:
        value = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(doc_id, f"not valid UTF-8 at byte {error.start} of the line") from None
    except json.JSONDecodeError as error:
        raise InputError(doc_id, f"not a JSON line ({error.msg} at column {error.colno})") from None
    if not isinstance(value, dict):
        raise InputError(doc_id, f"not a JSON object but {type(value).__name__}")
    return value


def jsonl_field(record: dict[str, object], field: str, doc_id: str, *, option: str = "--field") -> str:
    """The string ``record[field]``, or an :class:`InputError` that says which option to pass."""
    value = record.get(field)
    if not isinstance(value, str):
        raise InputError(doc_id, f"no string field '{field}'; pass {option} NAME")
    return value


def folder_holds_corpus(root: str) -> bool:
    """Whether a walk of ``root`` (hidden entries skipped) finds a JSONL corpus; stops at the first."""
    return next(_walk(Path(root), (), corpora=True), None) is not None


def read_input(item: InputPath, *, encoding: str = "utf-8", stdin_name: str | None = None) -> TextFile:
    """Read one input; standard input is named ``stdin_name`` (``--stdin-filename``) or ``<stdin>``."""
    if item.is_stdin:
        return decode_text(sys.stdin.buffer.read(), stdin_name or "<stdin>", encoding=encoding)
    return read_text_file(item.path, encoding=encoding)
