from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from cleanup.engine import default_ruleset
from cleanup.packs.ruleset import RuleSet

ROOT = Path(__file__).resolve().parent.parent


# The suite (and every command it starts) keeps its cache out of the user's home, from the
# first import on: collection already loads the rules.
_CACHE = tempfile.mkdtemp(prefix="mt-cleanup-test-cache-")
os.environ["MT_CLEANUP_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return default_ruleset()


@pytest.fixture
def write_file(tmp_path: Path):
    def write(name: str, data: bytes | str, mode: int | None = None) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if mode is not None:
            path.chmod(mode)
        return path

    return write
