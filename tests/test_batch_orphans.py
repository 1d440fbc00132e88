"""A batch run's workers die with it (issue 15, point 2): ``kill -9`` of the parent used to
leave them blocked on their task pipe forever. Real processes: the run is a subprocess, the
workers are its children, found through /proc."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_corpus import build_corpus

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.update(int(item) for item in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def is_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its entry waits to be reaped


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_kill_9_of_the_parent_ends_its_workers(tmp_path: Path, start_method: str) -> None:
    # Enough documents that the run is still going when it is killed (the checks got fast).
    corpus = build_corpus(tmp_path / "in", copies=40)
    script = (
        "import sys\n"
        "from cleanup.batch import runner\n"
        f"runner.default_start_method = lambda: {start_method!r}\n"
        "from cleanup.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    argv = ["check", str(corpus), "--jobs", "2", "--quiet", "--batch-size", "1", "--batch-bytes", "4000"]
    process = subprocess.Popen(
        [sys.executable, "-c", script, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while time.monotonic() < deadline and process.poll() is None:
            workers = {pid for pid in children(process.pid) if is_alive(pid)}
            # the pool's two workers (a spawning pool also runs a resource tracker)
            if len(workers) >= 2:
                time.sleep(0.5)  # let them take tasks
                break
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before it could be killed"
        assert len(workers) >= 2
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(is_alive(pid) for pid in workers):
            time.sleep(0.05)
        survivors = [pid for pid in workers if is_alive(pid)]
        assert not survivors, f"workers still running 5 s after kill -9 of their parent: {survivors}"
    finally:
        for pid in children(process.pid) if process.poll() is None else ():
            os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()
