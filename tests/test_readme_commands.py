"""The README's two commands (issue 15, point 1): the test command sets up what the tests
drive, and the main job cleans exactly the corpus's texts and says what it fixed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SETUP = ROOT / "tools" / "setup-test-deps"


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.DOTALL)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_readme_test_command_runs_the_setup_script_and_ci_runs_it_verbatim() -> None:
    test_command = readme_commands()[1]
    assert test_command.startswith("python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && ")
    assert "tools/setup-test-deps && " in test_command and test_command.endswith("pytest -q")
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert os.access(SETUP, os.X_OK)


def test_setup_script_names_what_it_needs_when_it_cannot_install(tmp_path: Path) -> None:
    # Not root, no sudo, no apt-get, no git, no Chromium: the script must stop with a clear message.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_id = bin_dir / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    fake_id.chmod(0o755)
    env = {"PATH": str(bin_dir), "MT_CLEANUP_CHROMIUM": str(tmp_path / "no-chromium")}
    result = subprocess.run(["/bin/sh", str(SETUP)], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "the tests need these system packages: chromium git" in result.stderr
    assert "apt-get install -y chromium git" in result.stderr
    assert "MT_CLEANUP_CHROMIUM" in result.stderr


def test_setup_script_is_silent_when_everything_is_there(tmp_path: Path) -> None:
    env = {**os.environ, "MT_CLEANUP_CHROMIUM": sys.executable}  # any executable stands for Chromium
    result = subprocess.run([str(SETUP)], env=env, capture_output=True, text=True, timeout=30)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def texts_to_clean() -> set[str]:
    return {path.name for path in CORPUS.glob("*.txt") if not path.name.endswith(".clean.txt")}


def test_main_job_cleans_exactly_the_texts_and_lists_what_it_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main_job = readme_commands()[0].split(".venv/bin/mt-cleanup ", 1)[1].split()
    assert main_job[:4] == ["fix", "corpus", "--out", "out/corpus"]
    argv = [str(CORPUS) if item == "corpus" else item for item in main_job]
    argv = [str(tmp_path / item) if item.startswith("out/") else item for item in argv]
    status = main(argv)
    captured = capsys.readouterr()
    assert status == 0, captured.err
    written = {path.name for path in (tmp_path / "out" / "corpus").iterdir()}
    assert written == texts_to_clean()
    assert len(written) == 58 and "README.md" not in written
    assert not any(name.endswith(".clean.txt") for name in written)
    # a line per fixed file, ruff-style, then the total
    per_file = [line for line in captured.err.splitlines() if ": fixed " in line]
    assert any(
        re.fullmatch(rf"{re.escape(str(CORPUS / 'a01.txt'))}: fixed \d+ \(.*ACR001.*\)", line) for line in per_file
    )
    changed = int(re.search(r"in (\d+) of 58 files", captured.err).group(1))  # type: ignore[union-attr]
    assert len(per_file) == changed > 0
    # the findings left for a reader are listed on stdout, as ruff lists what --fix left
    left = int(re.search(r"; (\d+) findings? left", captured.err).group(1))  # type: ignore[union-attr]
    assert len(captured.out.splitlines()) == left
    assert (tmp_path / "out" / "changes.html").stat().st_size > 0


def test_eval_still_finds_the_gold_beside_the_texts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(CORPUS), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == len(texts_to_clean()) == 58
    assert report["levels"][0]["overall"]["precision"] >= 0.97  # the gold is read, not the corpus config
