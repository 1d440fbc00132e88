"""Turn command-line paths into a stream of batch tasks, in a stable order, without listing the corpus first.

Text files are grouped into tasks of a few dozen files (or about a megabyte); a ``.jsonl``
corpus is cut into byte ranges that end on a line boundary, each carrying the number of its
first line. The cut depends only on the inputs and the batch size, never on the number of
workers, so a resumed run sees exactly the tasks of the interrupted one. Paths stay as the
user gave them (for labels) and are also made absolute (for workers on other machines).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanup.config import Config
from cleanup.errors import InputError
from cleanup.inputs import DEFAULT_EXTENSIONS as TEXT_EXTENSIONS
from cleanup.inputs import JSONL_EXTENSION

#: Files per task and bytes per task: big enough that per-task overhead is small (about
#: 2 ms on a Dask cluster), small enough that several tasks per worker keep all cores busy.
DEFAULT_BATCH_FILES = 64
DEFAULT_BATCH_BYTES = 1 << 20
#: A JSONL file is cut into about this many tasks when that makes them smaller than the
#: batch size (but not below ``MIN_JSONL_TASK_BYTES``): the cut still depends only on the
#: file, never on the number of workers, and a corpus of a few megabytes spreads over every
#: worker instead of leaving one to check the last megabyte alone (a 3 MB corpus was 3 tasks
#: for 2 workers).
JSONL_TASKS_PER_FILE = 32
MIN_JSONL_TASK_BYTES = 128 << 10


@dataclass(frozen=True, slots=True)
class FileItem:
    """One text file: where to read it, its label in messages, its path under ``--out``."""

    path: str
    label: str
    relative: str


@dataclass(frozen=True, slots=True)
class Task:
    """A unit of work for one worker call; ``id`` is its position in the stream.

    ``files`` is set for a group of text files; otherwise the task is the byte range
    ``[start, end)`` of the JSONL file ``jsonl`` whose first line is ``first_line``.
    """

    id: int
    files: tuple[FileItem, ...] = ()
    jsonl: FileItem | None = None
    start: int = 0
    end: int = 0
    first_line: int = 1
    is_last_of_file: bool = False

    @property
    def size(self) -> int:
        return self.end - self.start


def iter_tasks(
    arguments: Sequence[str],
    *,
    batch_files: int = DEFAULT_BATCH_FILES,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    config: Config | None = None,
    skip_dirs: Sequence[str] = (),
) -> Iterator[Task | InputError]:
    """Yield tasks for every input (missing paths come through as errors, in place)."""
    next_id = 0
    group: list[FileItem] = []
    group_bytes = 0
    for item in iter_items(arguments, config, skip_dirs=skip_dirs):
        if isinstance(item, InputError):
            if group:  # the files before it first, so that errors come out in input order
                yield Task(next_id, files=tuple(group))
                next_id += 1
                group, group_bytes = [], 0
            yield item
            continue
        if item.path.lower().endswith(JSONL_EXTENSION):
            if group:
                yield Task(next_id, files=tuple(group))
                next_id += 1
                group, group_bytes = [], 0
            for task in _jsonl_tasks(item, next_id, batch_bytes):
                yield task
                next_id += 1
            continue
        group.append(item)
        group_bytes += _size(item.path)
        if len(group) >= batch_files or group_bytes >= batch_bytes:
            yield Task(next_id, files=tuple(group))
            next_id += 1
            group, group_bytes = [], 0
    if group:
        yield Task(next_id, files=tuple(group))


def iter_items(
    arguments: Sequence[str], config: Config | None = None, *, skip_dirs: Sequence[str] = ()
) -> Iterator[FileItem | InputError]:
    """Expand arguments into files: folders are walked in sorted order, hidden entries skipped.

    With a configuration, a walk takes its ``extensions`` (plus ``.jsonl``) and skips its
    ``extend-exclude`` globs; files named on the command line are taken unless
    ``force-exclude`` is set. A walk never enters a folder of ``skip_dirs`` (the run's ``--out``).
    """
    text_extensions = tuple(config.extensions) if config is not None else TEXT_EXTENSIONS
    extensions = (*text_extensions, JSONL_EXTENSION)
    skipped = frozenset(os.path.abspath(folder) for folder in skip_dirs)
    for argument in arguments:
        root = Path(argument)
        if root.is_dir():
            for path in _walk_sorted(root, extensions, skipped):
                if config is not None and config.is_excluded(str(path)):
                    continue
                yield FileItem(os.path.abspath(path), str(path), str(path.relative_to(root)))
        elif root.exists():
            if config is not None and config.force_exclude and config.is_excluded(argument):
                continue
            yield FileItem(os.path.abspath(root), argument, root.name)
        else:
            yield InputError(argument, "no such file or directory")


def _walk_sorted(root: Path, extensions: tuple[str, ...], skipped: frozenset[str] = frozenset()) -> Iterator[Path]:
    # os.walk with the lists sorted in place: a stable order without holding every path.
    if os.path.abspath(root) in skipped:
        return
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if not name.startswith(".") and os.path.abspath(os.path.join(directory, name)) not in skipped
        )
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(extensions):
                yield Path(directory) / name


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker reports the real problem when it reads the file


def _jsonl_tasks(item: FileItem, first_id: int, batch_bytes: int) -> Iterator[Task]:
    """Cut a JSONL file into line-aligned byte ranges of about ``batch_bytes``, or of a
    :data:`JSONL_TASKS_PER_FILE` th of the file when that is smaller (and at least
    :data:`MIN_JSONL_TASK_BYTES`)."""
    try:
        stream = open(item.path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError:
        # One empty task over an unreadable file: the worker opens it and records the reason.
        yield Task(first_id, jsonl=item, is_last_of_file=True)
        return
    try:
        size = os.fstat(stream.fileno()).st_size
        batch_bytes = min(batch_bytes, max(MIN_JSONL_TASK_BYTES, size // JSONL_TASKS_PER_FILE))
        task_id = first_id
        start = 0
        line = 1
        while True:
            data = stream.read(batch_bytes)
            data += stream.readline()  # finish the line the block cut through
            end = start + len(data)
            is_last = len(data) < batch_bytes or not stream.peek(1)
            yield Task(task_id, jsonl=item, start=start, end=end, first_line=line, is_last_of_file=is_last)
            if is_last:
                return
            task_id += 1
            line += data.count(b"\n")
            start = end
    finally:
        stream.close()


def refuse_colliding_outputs(arguments: Sequence[str], config: Config | None, out_dir: str) -> None:
    """Refuse, before any write, two inputs that ``--out`` would write to the same path
    (``fix a/x.txt b/x.txt --out OUT`` would write both to ``OUT/x.txt``, one over the other).

    One argument cannot collide (a folder's files have distinct relative paths), so only a
    run of several arguments pays for this first pass over the inputs.
    """
    from cleanup.errors import CleanupError

    if len(arguments) < 2:
        return
    seen: dict[str, str] = {}
    for item in iter_items(arguments, config, skip_dirs=(out_dir,)):
        if isinstance(item, InputError):
            continue
        first = seen.setdefault(item.relative, item.label)
        if first != item.label:
            raise CleanupError(
                f"{first} and {item.label} would both be written to {Path(out_dir) / item.relative};"
                " run them with separate --out folders"
            )


def total_bytes(arguments: Sequence[str], config: Config | None, *, skip_dirs: Sequence[str] = ()) -> int:
    """The size of every input, for the progress bar's percentage and ETA (a walk and a stat per file)."""
    return sum(
        _size(item.path) for item in iter_items(arguments, config, skip_dirs=skip_dirs) if isinstance(item, FileItem)
    )
