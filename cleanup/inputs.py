"""Expand command-line paths into the text files to process, in a stable order.

Directories are walked for text files (by extension), hidden files and folders are
skipped, ``-`` stands for standard input. A path that does not exist is reported as an
:class:`~cleanup.errors.InputError` in the stream, so one bad argument does not stop the rest.
"""

from __future__ import annotations

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
    arguments: Sequence[str], *, extensions: Sequence[str] = DEFAULT_EXTENSIONS
) -> Iterator[InputPath | InputError]:
    for argument in arguments:
        if argument == STDIN:
            yield InputPath(STDIN, STDIN)
            continue
        root = Path(argument)
        if root.is_dir():
            found = sorted(_walk(root, tuple(extensions)))
            for path in found:
                yield InputPath(str(path), str(path.relative_to(root)))
        elif root.exists() or root.is_symlink():
            yield InputPath(argument, root.name)
        else:
            yield InputError(argument, "no such file or directory")


def _walk(root: Path, extensions: tuple[str, ...]) -> Iterator[Path]:
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in names:
            lower = name.lower()
            # A JSONL file is a corpus of documents, never one text, whatever `extensions` says
            # (cleanup.batch reads it; a folder holding one is a corpus run).
            if not name.startswith(".") and lower.endswith(extensions) and not lower.endswith(JSONL_EXTENSION):
                yield Path(directory) / name


def folder_holds(root: str, extension: str) -> bool:
    """Whether a walk of ``root`` (hidden entries skipped) finds a file ending in ``extension``."""
    for _directory, subdirectories, names in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        if any(not name.startswith(".") and name.lower().endswith(extension) for name in names):
            return True
    return False


def read_input(item: InputPath) -> TextFile:
    if item.is_stdin:
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    return read_text_file(item.path)
