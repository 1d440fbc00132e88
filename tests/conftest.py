from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.engine import default_ruleset
from cleanup.packs.ruleset import RuleSet

ROOT = Path(__file__).resolve().parent.parent


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
