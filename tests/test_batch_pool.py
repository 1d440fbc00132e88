"""The local worker pool (issue 5, point 6): forked from a warmed parent on Linux, spawned
elsewhere; either way the outputs equal a one-worker run byte for byte."""

from __future__ import annotations

import contextlib
import gc
import io
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from batch_corpus import build_corpus, fix_argv, tree

from cleanup.batch import runner
from cleanup.batch.worker import Options, RuleSpec, load_ruleset
from cleanup.cli import main

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="the fork path is taken on Linux only")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("pool") / "in")


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A one-worker fix run and the lines of a one-worker check run."""
    base = tmp_path_factory.mktemp("reference")
    assert main(fix_argv(corpus, base, 1)) == 0
    return base, check_lines(corpus, 1)


def check_lines(corpus: Path, jobs: int) -> list[str]:
    """The lines ``check --jobs N`` prints on stdout (findings and the summary)."""
    stream = io.StringIO()
    with contextlib.redirect_stdout(stream):
        status = main(["check", str(corpus), "--jobs", str(jobs), "--batch-size", "3", "--quiet"])
    assert status == 1
    return stream.getvalue().splitlines()


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> list[runner.PoolEngine]:
    """Every pool engine the runs of one test create."""
    created: list[runner.PoolEngine] = []
    original = runner.PoolEngine.__init__

    def spy(self: runner.PoolEngine, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        created.append(self)

    monkeypatch.setattr(runner.PoolEngine, "__init__", spy)
    return created


@pytest.mark.parametrize("method", [pytest.param("fork", marks=needs_fork), "spawn"])
def test_two_workers_equal_one_whatever_the_start_method(
    method: str,
    corpus: Path,
    reference: tuple[Path, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    engines: list[runner.PoolEngine],
) -> None:
    monkeypatch.setattr(runner, "default_start_method", lambda: method)
    assert main(fix_argv(corpus, tmp_path, 2)) == 0
    base, serial_lines = reference
    assert tree(tmp_path / "out") == tree(base / "out")
    for name in ("findings.jsonl", "removed.jsonl"):
        assert (tmp_path / name).read_bytes() == (base / name).read_bytes(), name
    assert check_lines(corpus, 2) == serial_lines
    assert [engine.start_method for engine in engines] == [method, method]
    assert gc.get_freeze_count() == 0, "the parent unfreezes once its workers are gone"


def _worker_state() -> dict[str, Any]:
    from cleanup import segment, wordfreqs

    return {
        "table": wordfreqs.core_table.cache_info().currsize,
        "wordfreq": wordfreqs.frequencies.cache_info().currsize,
        "wordfreq built": all(
            getattr(wordfreqs.frequencies(language), "_dict", {}) is not None for language in ("en", "fr")
        ),
        "punkt": segment._sentence_tokenizer.cache_info().currsize,
        "words": segment._word_tokenizer.cache_info().currsize,  # nltk's modules stay out of sys.modules
        "langdetect": "langdetect" in sys.modules,
        "ftfy": "ftfy" in sys.modules,
        "rules": load_ruleset.cache_info().currsize,
    }


@needs_fork
def test_forked_workers_start_with_the_rules_and_tables_loaded() -> None:
    engine = runner.PoolEngine(Options(mode="check", rules=RuleSpec()), 2, start_method="fork")
    try:
        assert gc.get_freeze_count() > 0
        state = engine.executor.submit(_worker_state).result(timeout=60)
    finally:
        engine.close()
    assert state == {
        "table": True,
        "wordfreq": 2,
        "wordfreq built": True,
        "punkt": 1,
        "words": 1,
        "langdetect": True,
        "ftfy": True,
        "rules": 1,
    }
    assert gc.get_freeze_count() == 0


@needs_fork
def test_a_fresh_process_forks_its_workers_with_no_other_thread_running(tmp_path: Path) -> None:
    """nltk imports numpy, whose OpenBLAS starts threads: the warm-up must not leave them running."""
    script = (
        "from cleanup.batch.runner import PoolEngine, default_start_method\n"
        "from cleanup.batch.worker import Options, RuleSpec\n"
        "engine = PoolEngine(Options(mode='check', rules=RuleSpec()), 2)\n"
        "print(engine.start_method, engine.threads_at_fork)\n"
        "engine.close()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.split() == ["fork", "1"]


def test_spawn_when_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert runner.default_start_method() == "spawn"
    finally:
        release.set()
        thread.join()
    expected = "fork" if sys.platform == "linux" else "spawn"
    assert runner.default_start_method() == expected
