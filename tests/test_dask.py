"""The Dask engine against a real ``dask scheduler`` and two ``dask worker`` processes (issue 5, point 2):
the same outputs as a local run, and no document lost when a worker is killed mid-run."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_corpus import build_corpus, tree

from cleanup.cli import main

distributed = pytest.importorskip("distributed", reason="the dask extra is part of the test extra")

DASK = str(Path(sys.executable).with_name("dask"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    address = f"tcp://127.0.0.1:{_free_port()}"
    logs = tmp_path / "dask-logs"
    logs.mkdir()
    processes: list[subprocess.Popen[bytes]] = []

    def start(name: str, *args: str) -> subprocess.Popen[bytes]:
        log = open(logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen([DASK, *args], stdout=log, stderr=subprocess.STDOUT)
        processes.append(process)
        return process

    start(
        "scheduler",
        "scheduler",
        "--host",
        "127.0.0.1",
        "--port",
        address.rsplit(":", 1)[1],
        "--dashboard-address",
        "127.0.0.1:0",
    )
    workers = [
        start(
            f"worker{number}",
            "worker",
            address,
            "--nthreads",
            "1",
            "--no-nanny",
            "--host",
            "127.0.0.1",
            "--dashboard-address",
            "127.0.0.1:0",
            "--local-directory",
            str(tmp_path / f"w{number}"),
        )
        for number in range(2)
    ]
    with distributed.Client(address, timeout="30s") as client:
        client.wait_for_workers(2, timeout=60)
    try:
        yield address, workers
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test_dask_run_equals_local_run_even_when_a_worker_is_killed(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    address, workers = cluster
    corpus = build_corpus(tmp_path / "in", copies=3)
    argv = ["fix", str(corpus), "--quiet", "--exit-zero", "--batch-size", "2", "--batch-bytes", "8000"]
    local = tmp_path / "local"
    assert main([*argv, "--jobs", "1", "--out", str(local / "out"), "--findings-out", str(local / "f.jsonl")]) == 0

    # A clean run on the cluster.
    calm = tmp_path / "calm"
    assert (
        main(
            [
                *argv,
                "--engine",
                "dask",
                "--scheduler",
                address,
                "--out",
                str(calm / "out"),
                "--findings-out",
                str(calm / "f.jsonl"),
            ]
        )
        == 0
    )
    assert tree(calm / "out") == tree(local / "out")
    assert (calm / "f.jsonl").read_bytes() == (local / "f.jsonl").read_bytes()

    # Kill one worker with SIGKILL while the run is going: its tasks are run again elsewhere.
    rough = tmp_path / "rough"
    command = [
        sys.executable,
        "-m",
        "cleanup",
        *argv,
        "--engine",
        "dask",
        "--scheduler",
        address,
        "--out",
        str(rough / "out"),
        "--findings-out",
        str(rough / "f.jsonl"),
    ]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    records = rough / "out" / ".mt-cleanup-state" / "tasks"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        if records.is_dir() and len(list(records.iterdir())) >= 3:
            break
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before a worker could be killed"
    os.kill(workers[0].pid, signal.SIGKILL)
    _, stderr = run.communicate(timeout=180)
    assert run.returncode == 0, stderr.decode()
    assert workers[0].wait(timeout=10) == -signal.SIGKILL
    assert tree(rough / "out") == tree(local / "out")
    assert (rough / "f.jsonl").read_bytes() == (local / "f.jsonl").read_bytes()


def test_dask_engine_needs_a_scheduler(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Aleppo , Syria\n", encoding="utf-8")
    assert main(["check", str(tmp_path), "--engine", "dask"]) == 2
    assert "--engine dask needs --scheduler" in capsys.readouterr().err
