"""Benchmark mt-cleanup at corpus scale (issue 5, point 6). Not a test: it prints figures.

    python bench/run.py                 # the full run: a 100 MB corpus and a 300 MB one
    python bench/run.py --size-mb 5     # a quick run
    python bench/run.py --one-file      # only the one-file check (the pre-commit hook)

It builds a JSONL corpus of news articles from ``corpus/`` with varied content (numbers,
names and artifacts change from document to document), then reports medians of several
runs: check and fix throughput per core, the speed-up of 2 workers over 1, the peak memory
of the whole process tree (summed RSS, and summed PSS, which counts pages that forked
workers share once) for the corpus and for one three times larger, the wall time of a
one-file check against ``python -c pass``, and baselines on the same documents: the two
the issue names (``ftfy.fix_text`` alone, and one compiled regular-expression substitution
pass), and two floors of word-level work (splitting every document into words and looking
them up, as one set operation and with a Python test per word), which show what a per-core
budget leaves for rules.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Khaled", "Amira", "Youssef", "Leïla", "Omar", "Rania", "Hassan", "Nour", "Samir", "Dalia", "Tarek", "Hiba"]
PLACES = ["Aleppo", "Idlib", "Hama", "Homs", "Deir ez-Zor", "Raqqa", "Latakia", "Daraa"]
ARTIFACTS = [
    lambda text, rng: text.replace(", ", " , ", rng.randint(1, 3)),
    lambda text, rng: text.replace("” ", "”", 1),
    lambda text, rng: "Read later\n" + text,
    lambda text, rng: text + "\nSubscribe to read the rest\n",
    lambda text, rng: text.replace(" the ", " a « the » ", 1) if rng.random() < 0.3 else text,
    lambda text, rng: text.replace("SOHR", "OSDH"),
    lambda text, rng: text,
]
NUMBER_RE = re.compile(r"\d+")


def build_corpus(target: Path, size_mb: float, seed: int = 7) -> int:
    """Write a JSONL corpus of about ``size_mb`` MB; return its size in bytes."""
    rng = random.Random(seed)
    sources = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus").glob("*.txt"))]
    limit = int(size_mb * 1e6)
    written = 0
    with open(target, "w", encoding="utf-8") as stream:
        number = 0
        while written < limit:
            text = rng.choice(sources)
            text = NUMBER_RE.sub(lambda match: str(rng.randint(1, 10 ** len(match.group(0)))), text)
            for name in NAMES[:4]:
                text = text.replace(name, rng.choice(NAMES))
            for place in PLACES[:3]:
                text = text.replace(place, rng.choice(PLACES))
            for artifact in rng.sample(ARTIFACTS, 2):
                text = artifact(text, rng)
            line = json.dumps({"id": number, "text": text, "source": "bench"}, ensure_ascii=False) + "\n"
            stream.write(line)
            written += len(line.encode("utf-8"))
            number += 1
    return written


def measure(
    command: list[str], *, memory: bool = False, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Run ``command``; return (wall seconds, peak RSS, peak PSS), memory in MB over its process tree.

    RSS counts a page once in every process that maps it, so forked workers sharing the
    parent's tables copy-on-write are counted several times; PSS (proportional set size,
    Linux) divides each shared page among the processes sharing it, so its sum is the
    memory the tree really holds. Each sample sums over the processes alive at that moment;
    a process that ends (or a worker that is not there yet) while being sampled is left out
    of that sample instead of spoiling it. RSS is sampled every 20 ms (cheap: ``statm``);
    PSS only when ``memory`` is asked, every 100 ms, because reading ``smaps_rollup`` costs
    the sampler a fifth of a core at 20 ms, which the timed runs must not pay.
    """
    import psutil  # installed with the dask extra; used here only

    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peaks = [0.0, 0.0]
    stop = threading.Event()
    with_pss = memory and sys.platform == "linux"

    def usage(item: psutil.Process, pss: bool) -> tuple[int, int]:
        try:
            if pss:
                info = item.memory_full_info()
                return info.rss, info.pss
            return item.memory_info().rss, 0
        except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
            return 0, 0

    def sample() -> None:
        tick = 0
        while not stop.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
            except psutil.Error:  # the command itself is gone: the run is over
                tree = []
            pss_now = with_pss and tick % 5 == 0
            totals = [usage(item, pss_now) for item in tree]
            peaks[0] = max(peaks[0], sum(rss for rss, _ in totals) / 1e6)
            if pss_now:
                peaks[1] = max(peaks[1], sum(pss for _, pss in totals) / 1e6)
            tick += 1
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    return wall, peaks[0], peaks[1] if with_pss else peaks[0]


def _progress(label: str, seconds: float) -> None:
    """One line on stderr per measurement, so a long run shows where it is."""
    sys.stderr.write(f"  {label}: {seconds:.1f} s\n")
    sys.stderr.flush()


def median_run(
    command: list[str],
    runs: int,
    cleanup: Path | None = None,
    *,
    memory: bool = False,
    env: dict[str, str] | None = None,
) -> tuple[float, float, float]:
    """Median wall time, and the highest peak RSS and PSS (RSS outside Linux) over ``runs`` runs."""
    walls, rss_peaks, pss_peaks = [], [], []
    for _ in range(runs):
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)
        wall, rss, pss = measure(command, memory=memory, env=env)
        _progress(" ".join(command[2:5]) + (" (memory)" if memory else ""), wall)
        walls.append(wall)
        rss_peaks.append(rss)
        pss_peaks.append(pss)
    return statistics.median(walls), max(rss_peaks), max(pss_peaks)


def baselines(corpus: Path, runs: int) -> dict[str, float]:
    import ftfy

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    space_re = re.compile(r"[ \t]+([,.;:!?])")
    # The least any word-level rule does: split the text into letter runs (as
    # ``Document.words`` does) and look the words up, once as one set operation in C and once
    # with a Python test per word, against a vocabulary of every word of the corpus.
    word_re = re.compile(r"[^\W\d_]+")
    vocabulary = frozenset(word.lower() for text in texts[:2000] for word in word_re.findall(text))
    results = {}
    for name, function in (
        ("ftfy.fix_text", ftfy.fix_text),
        ("one regex sub", lambda text: space_re.sub(r"\1", text)),
        ("split into words + one set difference", lambda text: set(word_re.findall(text)).difference(vocabulary)),
        (
            "split into words + a Python test per word",
            lambda text: [word for word in word_re.findall(text) if word.lower() not in vocabulary],
        ),
    ):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            for text in texts:
                function(text)
            times.append(time.perf_counter() - start)
        results[name] = size / statistics.median(times)
    return results


def one_file(tool: list[str], work: Path, runs: int) -> tuple[float, float]:
    """Median wall times of ``check`` on one 5 KB file and of ``python -c pass``."""
    small = work / "one.txt"
    # Both seed articles, one after the other: 5.4 KB of text with artifacts.
    seeds = sorted(path for path in (ROOT / "seeds").glob("*.txt") if not path.name.endswith(".clean.txt"))
    small.write_text("\n".join(path.read_text(encoding="utf-8") for path in seeds), encoding="utf-8")
    # As a hook runs it: the package's bytecode written (an install compiles it; a source
    # tree run under PYTHONDONTWRITEBYTECODE would compile every module on every run) and
    # the cache warm (the packs validated); one untimed run makes sure.
    hook_env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    measure([*tool, "check", str(small)], env=hook_env)
    one, *_ = median_run([*tool, "check", str(small)], max(runs, 7), env=hook_env)
    empty, *_ = median_run([sys.executable, "-c", "pass"], max(runs, 7), env=hook_env)
    return one, empty


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=100.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--one-file", action="store_true", help="only the one-file check against python -c pass")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mt-cleanup-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    tool = [sys.executable, "-m", "cleanup"]
    if args.one_file:
        one, empty = one_file(tool, work, args.runs)
        sys.stdout.write(f"check one 5 KB file, wall: {one:.3f} s (python -c pass: {empty:.3f} s), medians\n")
        return
    corpus = work / "corpus.jsonl"
    size = build_corpus(corpus, args.size_mb) / 1e6
    large = work / "large" / "corpus.jsonl"
    large.parent.mkdir(exist_ok=True)
    large_size = build_corpus(large, args.size_mb * 3, seed=8) / 1e6
    out = work / "out"
    rows: list[tuple[str, str]] = []
    check1, *_ = median_run([*tool, "check", str(corpus), "--jobs", "1", "-q", "--statistics"], args.runs)
    check2, *_ = median_run([*tool, "check", str(corpus), "--jobs", "2", "-q", "--statistics"], args.runs)
    fix1, *_ = median_run([*tool, "fix", str(corpus), "--jobs", "1", "-q", "--out", str(out)], args.runs, out)
    fix2, *_ = median_run([*tool, "fix", str(corpus), "--jobs", "2", "-q", "--out", str(out)], args.runs, out)
    # Memory in separate runs: sampling PSS costs CPU that the timed runs above must not pay.
    fix_one = [*tool, "fix", str(corpus), "--jobs", "1", "-q", "--out", str(out)]
    fix_two = [*tool, "fix", str(corpus), "--jobs", "2", "-q", "--out", str(out)]
    _, rss1, pss1 = median_run(fix_one, 1, out, memory=True)
    _, rss2, pss2 = median_run(fix_two, 1, out, memory=True)
    _, rss_large, pss_large = median_run(
        [*tool, "fix", str(large), "--jobs", "2", "-q", "--out", str(out)], 1, out, memory=True
    )
    rows.append(("check, 1 worker", f"{size / check1:.2f} MB/s per core ({check1:.1f} s for {size:.0f} MB)"))
    rows.append(("fix, 1 worker", f"{size / fix1:.2f} MB/s per core ({fix1:.1f} s)"))
    rows.append(("check, 2 workers: speed-up", f"{check1 / check2:.2f}x ({check2:.1f} s)"))
    rows.append(("fix, 2 workers: speed-up", f"{fix1 / fix2:.2f}x ({fix2:.1f} s)"))
    rows.append(
        (
            f"peak memory, process tree, fix {size:.0f} MB (1 / 2 workers)",
            f"RSS {rss1:.0f} MB / {rss2:.0f} MB; PSS {pss1:.0f} MB / {pss2:.0f} MB",
        )
    )
    rows.append(
        (
            f"peak memory, process tree, fix {large_size:.0f} MB (2 workers)",
            f"RSS {rss_large:.0f} MB; PSS {pss_large:.0f} MB",
        )
    )
    one, empty = one_file(tool, work, args.runs)
    rows.append(("check one 5 KB file, wall", f"{one:.3f} s (python -c pass: {empty:.3f} s)"))
    for name, speed in baselines(corpus, args.runs).items():
        rows.append((f"baseline: {name}", f"{speed:.2f} MB/s per core"))
    width = max(len(label) for label, _ in rows)
    sys.stdout.write(
        f"mt-cleanup benchmark: {size:.0f} MB corpus, medians of {args.runs} runs, {os.cpu_count()} CPUs\n"
    )
    for label, value in rows:
        sys.stdout.write(f"{label:<{width}}  {value}\n")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
