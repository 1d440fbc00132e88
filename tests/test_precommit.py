"""The pre-commit hooks, run by the real ``pre-commit`` (issue 5, point 3), and start-up cost.

The hook repository is a copy of this working tree committed in a temporary git repository
(so uncommitted changes are what is tested); the consumer is another temporary repository.
pre-commit builds the hook environment with pip from that copy, so these tests need the
package index (as ``pip install -e .[test]`` did). ``try-repo`` builds a fresh environment on
every call, so it is used for the checking and the fixing hook once each; the other cases
share one environment through a ``.pre-commit-config.yaml`` pinned to the copy's commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DIRTY = "The strike hit Aleppo , Syria.\nThe OSDH said so.\n"
FIXED = "The strike hit Aleppo, Syria.\nThe SOHR said so.\n"
CLEAN = "Nothing to report in this sentence.\n"
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree (tracked and untracked, not ignored files) committed in a new repository."""
    target = tmp_path_factory.mktemp("hook-repo")
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in sorted(set(filter(None, listed))):
        source = REPO / name
        if source.is_symlink():  # cleanup/rules -> ../rules: the packs ship through it
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).symlink_to(os.readlink(source))
        elif source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot for the pre-commit test")
    return target, git(target, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env.pop("PRE_COMMIT", None)
    return env


def consumer(tmp_path: Path, files: dict[str, str], config: str | None = None) -> Path:
    repo = tmp_path / "consumer"
    repo.mkdir()
    git(repo, "init", "-q")
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    if config is not None:
        (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "content")
    return repo


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRE_COMMIT, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_try_repo_check_hook_fails_on_artifacts_and_prints_them(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    repo = consumer(tmp_path, {"f.txt": DIRTY})
    result = pre_commit(repo, pre_commit_env, "try-repo", str(hook_repo[0]), "mt-cleanup-check", "--files", "f.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "f.txt:1:22: SPC001" in result.stdout and "f.txt:2:5: ACR001" in result.stdout
    assert (repo / "f.txt").read_text(encoding="utf-8") == DIRTY


def test_try_repo_fix_hook_rewrites_and_fails(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    repo = consumer(tmp_path, {"f.txt": DIRTY})
    result = pre_commit(repo, pre_commit_env, "try-repo", str(hook_repo[0]), "mt-cleanup-fix", "--files", "f.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout and "files were modified by this hook" in result.stdout
    assert (repo / "f.txt").read_text(encoding="utf-8") == FIXED


def pinned_config(hook_repo: tuple[Path, str], extra: str = "") -> str:
    path, sha = hook_repo
    return (
        "repos:\n"
        f"-   repo: {path}\n"
        f"    rev: {sha}\n"
        "    hooks:\n"
        "    -   id: mt-cleanup-check\n"
        f"{extra}"
        "    -   id: mt-cleanup-fix\n"
    )


def test_hooks_pass_on_clean_files_and_skip_other_files(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    # an empty .md or .txt file is clean, not "empty file" with exit 2 (issue 15)
    files = {"clean.md": CLEAN, "empty.md": "", "empty.txt": "", "code.py": "x = 'Aleppo , Syria'\n"}
    repo = consumer(tmp_path, files, pinned_config(hook_repo))
    result = pre_commit(repo, pre_commit_env, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Passed") == 2
    assert (repo / "code.py").read_text(encoding="utf-8") == "x = 'Aleppo , Syria'\n"  # not a .txt/.md file


def test_commit_with_fix_hook_fails_then_passes_after_restaging(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    repo = consumer(tmp_path, {"clean.txt": CLEAN}, pinned_config(hook_repo))
    assert pre_commit(repo, pre_commit_env, "install").returncode == 0
    (repo / "news.txt").write_text(DIRTY, encoding="utf-8")
    git(repo, "add", "news.txt")
    env = {**pre_commit_env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{pre_commit_env.get('PATH', '')}"}
    first = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-m", "add news"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert first.returncode != 0, first.stdout + first.stderr
    assert "SPC001" in first.stdout + first.stderr  # the checking hook printed the findings
    assert (repo / "news.txt").read_text(encoding="utf-8") == FIXED  # the fixing hook rewrote it
    git(repo, "add", "news.txt")
    second = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-m", "add news"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert second.returncode == 0, second.stdout + second.stderr


def test_user_files_pattern_overrides_the_default(
    hook_repo: tuple[Path, str], pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    config = pinned_config(hook_repo, extra="        files: \\.text$\n").replace("    -   id: mt-cleanup-fix\n", "")
    repo = consumer(tmp_path, {"a.txt": DIRTY, "b.text": DIRTY}, config)
    result = pre_commit(repo, pre_commit_env, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "b.text:1:22: SPC001" in result.stdout and "a.txt" not in result.stdout


def test_check_does_not_import_heavy_libraries(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text(DIRTY * 40, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cleanup", "check", str(small)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    timings = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    imported = {line.rsplit("|", 1)[-1].strip() for line in timings}
    assert "cleanup.config" in imported  # the measurement saw our own modules
    for heavy in (
        "langdetect",
        "sacrebleu",
        "nltk",
        "numpy",
        "wordfreq",
        "cleanup.report.html",
        "cleanup.metrics",
        "cleanup.evaluate",
    ):
        assert not any(name == heavy or name.startswith(heavy + ".") for name in imported), heavy
