"""What a batch run keeps on disk so that ``--resume`` can finish an interrupted run.

The state folder (``OUT/.mt-cleanup-state`` for ``fix --out``, or beside ``--findings-out``
for ``check``) holds a manifest of the run's settings, one record per completed task and the
JSONL output parts. Records are written atomically and last, so a record means its task is
complete; a killed run leaves only whole files plus, at worst, temporary files of
:func:`~cleanup.textfile.write_atomic`, which are swept before the next run starts. The
folder is deleted when a run finishes, so a finished output tree holds only outputs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from cleanup.batch.worker import record_path
from cleanup.errors import CleanupError
from cleanup.textfile import write_atomic

STATE_NAME = ".mt-cleanup-state"
# Temporary names of write_atomic: ".NAME." + 8 characters of tempfile's alphabet + ".tmp".
_TEMP_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class RunState:
    """The state folder of one run: created fresh, or reused by ``--resume``."""

    def __init__(self, directory: Path, manifest: dict[str, Any], *, resume: bool) -> None:
        self.directory = directory
        if directory.exists() and resume:
            found = _read_manifest(directory)
            if found != manifest:
                raise CleanupError(
                    f"{directory}: the interrupted run used other settings or inputs; "
                    "run again without --resume to start over"
                )
        elif directory.exists():
            shutil.rmtree(directory)
        (directory / "tasks").mkdir(parents=True, exist_ok=True)
        (directory / "parts").mkdir(parents=True, exist_ok=True)
        write_atomic(directory / "manifest.json", json.dumps(manifest, sort_keys=True).encode("utf-8"))

    def load_record(self, task_id: int) -> dict[str, Any] | None:
        path = record_path(str(self.directory), task_id)
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None

    def remove(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def _read_manifest(directory: Path) -> dict[str, Any] | None:
    try:
        return dict(json.loads((directory / "manifest.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def sweep_temporary_files(root: Path) -> int:
    """Delete what a killed :func:`write_atomic` left under ``root``; return how many."""
    removed = 0
    if not root.is_dir():
        return 0
    for directory, _subdirectories, names in os.walk(root):
        for name in names:
            if _TEMP_RE.match(name):
                Path(directory, name).unlink(missing_ok=True)
                removed += 1
    return removed


def sweep_temporary_siblings(target: Path) -> None:
    """Delete leftover temporary files of ``target`` itself (``.NAME.xxxxxxxx.tmp``)."""
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        return
    prefix = f".{target.name}."
    for child in directory.iterdir():
        if child.name.startswith(prefix) and _TEMP_RE.match(child.name):
            child.unlink(missing_ok=True)
