"""Benchmark mt-cleanup at corpus scale (issues 5 and 13, point 6). Not a test: it prints figures.

    python bench/run.py                 # the full run: 100 MB corpora (300 MB for memory)
    python bench/run.py --size-mb 10    # 10 MB and 30 MB: what a shared 2-core VM allows
    python bench/run.py --one-file      # only the one-file check (the pre-commit hook)
    bench/snapshot.sh COMMIT --size-mb 10   # the same, on a frozen copy of one commit

It builds two JSONL corpora of news articles from ``corpus/``, with varied content (numbers,
names and places re-drawn from document to document): the bench corpus (MT outputs and
gold texts, two injected artifacts per document) and a clean one (gold texts only, nothing
injected: mostly clean text, as real news is). On each, it reports medians of several
runs: ``check`` and ``fix`` throughput per core with ``--jobs 1`` and the speed-up of
``--jobs 2``; peak memory of the whole process tree (summed PSS, which counts pages that
forked workers share once, and summed RSS) at the corpus size and three times it; and, in
this process on the same documents, run by run, ``cleanup.check_text``,
``cleanup.fix_text``, the Rust core alone (``ruleset.core.check``) and two baselines,
``ftfy.fix_text(text, uncurl_quotes=False)`` and one compiled regular-expression
substitution. Then the wall time of a one-file check against ``python -c pass``, ``check``
of single-line files (up to 50 MB, killed after a time cap), and a profile of where
``check_text`` time goes, rule by rule, on 2,000 bench documents. It prints a Markdown
table with the targets of issue 13 beside each figure.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
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


def build_corpus(target: Path, size_mb: float, seed: int = 7, *, clean: bool = False) -> int:
    """Write a JSONL corpus of about ``size_mb`` MB; return its size in bytes.

    The bench corpus (the default) draws from every text of ``corpus/``, the MT outputs and
    their gold ``.clean.txt`` versions alike, and injects two artifacts from
    :data:`ARTIFACTS` into each document. With ``clean``, it draws only from the gold
    versions and injects nothing: mostly clean text, as real news is (what artifacts remain
    are the few the gold texts keep, such as a French name or quotation). Both re-draw the
    numbers and swap names and places, so no two documents are the same.
    """
    rng = random.Random(seed)
    pattern = "*.clean.txt" if clean else "*.txt"
    sources = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus").glob(pattern))]
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
            if not clean:
                for artifact in rng.sample(ARTIFACTS, 2):
                    text = artifact(text, rng)
            line = json.dumps({"id": number, "text": text, "source": "bench"}, ensure_ascii=False) + "\n"
            stream.write(line)
            written += len(line.encode("utf-8"))
            number += 1
    return written


def measure(
    command: list[str],
    *,
    memory: bool = False,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> tuple[float, float, float]:
    """Run ``command``; return (wall seconds, peak RSS, peak PSS), memory in MB over its process tree.

    With ``timeout``, a command still running after that many seconds is killed (it and the
    processes it started) and its wall time is ``math.inf``; the peaks are those seen until then.

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
    try:
        code = process.wait(timeout)
        wall = time.perf_counter() - start
        # 0 and 1 (findings) are answers; anything else means the run measured nothing.
        if code not in (0, 1):
            raise SystemExit(f"bench: {' '.join(command)} exited with status {code}; nothing measured")
    except psutil.TimeoutExpired:
        for item in [*process.children(recursive=True), process]:
            with contextlib.suppress(psutil.Error):
                item.kill()
        process.wait()
        wall = math.inf
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


def in_process(texts: list[str], runs: int) -> dict[str, list[float]]:
    """Seconds per run of the Python API, the Rust core alone and the two baselines on ``texts``.

    Every run times each function once over all the documents, one function after the
    other, so that a slow stretch of a shared machine weighs on all of them alike; ratios
    are then taken run by run. ``ruleset.core.check`` is the compiled engine of the rules
    whose kinds run in Rust (``pattern``, ``line``, ``swap``), called as
    :func:`cleanup.engine.check_document` calls it, without building findings.
    """
    import ftfy

    import cleanup
    from cleanup.engine import default_ruleset

    core = default_ruleset().core
    assert core is not None, "the bundled packs have rules that run in the core"
    space_re = re.compile(r"[ \t]+([,.;:!?])")
    functions = {
        "check_text": cleanup.check_text,
        "fix_text": cleanup.fix_text,
        "core": core.check,
        "ftfy": lambda text: ftfy.fix_text(text, uncurl_quotes=False),
        "regex": lambda text: space_re.sub(r"\1", text),
    }
    for function in functions.values():  # imports, pack loading, compiled caches
        function(texts[0])
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            start = time.perf_counter()
            for text in texts:
                function(text)
            times[name].append(time.perf_counter() - start)
            _progress(f"in process, {name}", times[name][-1])
    return times


def profile(texts: list[str]) -> tuple[float, list[tuple[str, str, float]]]:
    """Where :func:`cleanup.check_text` time goes on ``texts``: its total, and seconds per part.

    The parts replay :func:`cleanup.engine.check_document` with a timer around each step:
    the shared document values (the lines, which the control-character rule reads),
    computed first so that no rule is charged for what several share (sentences are not:
    the first rule that splits a paragraph pays for it); the Rust core's pass over the
    text; turning its hits into findings; each Python rule's ``rule.check(doc)``, with the
    literal gate the engine applies; and the final suppression and sort.
    """
    import cleanup
    from cleanup.engine import default_ruleset
    from cleanup.kinds.base import Document
    from cleanup.kinds.compiled import CompiledKind

    ruleset = default_ruleset()
    core = ruleset.core
    assert core is not None
    python_rules = [rule for rule in ruleset if not isinstance(rule.matcher, CompiledKind)]
    for text in texts:  # warm: imports, lexicons and tables built on first use
        cleanup.check_text(text)
    spent: dict[tuple[str, str], float] = {}
    shared = ("lines",)

    def charge(key: tuple[str, str], start: float) -> float:
        now = time.perf_counter()
        spent[key] = spent.get(key, 0.0) + now - start
        return now

    for text in texts:
        start = time.perf_counter()
        doc = Document(text, None)
        for name in shared:
            getattr(doc, name)
        start = charge(("shared document values", "Python"), start)
        hits = core.check(text)
        start = charge((f"core.check ({len(ruleset.core_rules)} rules)", "Rust"), start)
        findings = []
        for hit in hits:
            rule = ruleset.core_rules[hit[0]]
            if rule.matcher.adapter:  # the library adapter's share is charged to its rule
                start = charge(("core hits -> findings", "Python"), start)
                findings.extend(rule.matcher.complete(doc, hit))
                start = charge((rule.id, f"{type(rule.matcher).__name__} (adapter)"), start)
            else:
                findings.append(rule.matcher.finding(doc, hit))
        start = charge(("core hits -> findings", "Python"), start)
        for rule in python_rules:
            gate = getattr(rule.matcher, "literal_gate", None)
            if not gate or any(literal in text for literal in gate):
                findings.extend(rule.check(doc))
            start = charge((rule.id, type(rule.matcher).__name__), start)
        if ruleset.suppressor is not None and findings:
            findings = ruleset.suppressor.filter(doc, findings)
        findings.sort(key=lambda finding: finding.sort_key)
        charge(("suppress and sort", "Python"), start)
    start = time.perf_counter()
    for text in texts:
        cleanup.check_text(text)
    total = time.perf_counter() - start
    parts = sorted(((part, kind, seconds) for (part, kind), seconds in spent.items()), key=lambda row: -row[2])
    return total, parts


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


def single_line(
    tool: list[str], work: Path, texts: list[str], sizes_mb: list[float], timeout: float
) -> list[tuple[float, float, float]]:
    """``check`` of one file holding a single line of MT-style text, at each size in MB.

    The line is the bench documents with every run of white space made one space, joined
    by spaces (as corpora that store a document per line do), cut to the size. Returns
    (size in MB, wall seconds or ``math.inf`` past ``timeout``, peak PSS in MB) per size.
    """
    results = []
    for size_mb in sizes_mb:
        limit = int(size_mb * 1e6)
        parts: list[str] = []
        length = 0
        while length < limit:
            for text in texts:
                part = " ".join(text.split())
                parts.append(part)
                length += len(part.encode("utf-8")) + 1
                if length >= limit:
                    break
        line = " ".join(parts).encode("utf-8")[:limit].decode("utf-8", errors="ignore")
        path = work / "one-line.txt"
        path.write_text(line + "\n", encoding="utf-8")
        wall, _, pss = measure([*tool, "check", str(path), "-q"], memory=True, timeout=timeout)
        _progress(f"check one line of {size_mb:g} MB" + (" (killed)" if math.isinf(wall) else ""), min(wall, timeout))
        results.append((len(line.encode("utf-8")) / 1e6, wall, pss))
        path.unlink()
    return results


def single_line_report(tool: list[str], work: Path, args: argparse.Namespace) -> None:
    """``--single-line-only``: the single-line files alone, with the load around them (the
    figures of a shared machine mean little without it)."""
    corpus = work / "single-line.jsonl"
    build_corpus(corpus, args.profile_docs * 0.001)
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")][: args.profile_docs]
    sizes = [float(size) for size in args.single_line_mb.split(",") if size]
    started, load_before = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.getloadavg()
    results = single_line(tool, work, texts, sizes, args.single_line_timeout)
    load_after = os.getloadavg()
    sys.stdout.write(
        f"single-line check, {started} to {time.strftime('%H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"load average (1/5/15 min) {'/'.join(f'{x:.2f}' for x in load_before)} at the start and "
        f"{'/'.join(f'{x:.2f}' for x in load_after)} at the end\n\n| size | wall | peak PSS |\n|---|---|---|\n"
    )
    for size, wall, pss in results:
        time_cell = f"killed at {args.single_line_timeout:g} s" if math.isinf(wall) else f"{wall:.1f} s"
        sys.stdout.write(f"| {size:g} MB | {time_cell} | {pss:.0f} MB |\n")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


def corpus_figures(tool: list[str], work: Path, *, clean: bool, size_mb: float, runs: int) -> dict[str, float]:
    """Every throughput and memory figure on one corpus (bench or clean) of ``size_mb`` MB,
    and on one three times larger for the memory."""
    label = "clean" if clean else "bench"
    folder = work / label
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    size = build_corpus(corpus, size_mb, clean=clean) / 1e6
    large = folder / "large.jsonl"
    large_size = build_corpus(large, size_mb * 3, seed=8, clean=clean) / 1e6
    out = folder / "out"
    _progress(f"{label} corpus: {size:.1f} MB and {large_size:.1f} MB built", 0)
    figures = {"size": size, "large_size": large_size}
    for jobs in (1, 2):
        figures[f"check{jobs}"] = median_run(
            [*tool, "check", str(corpus), "--jobs", str(jobs), "-q", "--statistics"], runs
        )[0]
        figures[f"fix{jobs}"] = median_run(
            [*tool, "fix", str(corpus), "--jobs", str(jobs), "-q", "--out", str(out)], runs, out
        )[0]
    # Memory in separate runs: sampling PSS costs CPU that the timed runs above must not pay.
    for key, path in (("pss", corpus), ("pss_large", large)):
        _, figures[key.replace("pss", "rss")], figures[key] = median_run(
            [*tool, "fix", str(path), "--jobs", "2", "-q", "--out", str(out)], 1, out, memory=True
        )
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    for name, seconds in in_process(texts, runs).items():
        figures[f"api_{name}"] = statistics.median(seconds)
        figures[f"api_{name}_runs"] = seconds  # type: ignore[assignment]
    shutil.rmtree(out, ignore_errors=True)
    return figures


def _verdict(values: list[bool]) -> str:
    return (
        "met"
        if all(values)
        else "not met"
        if not any(values)
        else "bench " + " / clean ".join("met" if value else "not met" for value in values)
    )


def render(figures: dict[str, dict[str, float]], extra: dict[str, object]) -> str:
    """The results as a Markdown table: one column per corpus, the target and whether it is met."""
    bench, clean = figures["bench"], figures["clean"]
    both = (bench, clean)
    rows: list[tuple[str, str, str, str, str]] = []

    def mbs(corpus: dict[str, float], key: str) -> float:
        return corpus["size"] / corpus[key]

    def per_run_ratio(corpus: dict[str, float], top: str, bottom: str) -> float:
        runs = zip(corpus[f"api_{top}_runs"], corpus[f"api_{bottom}_runs"], strict=True)  # type: ignore[call-overload]
        return statistics.median(b / a for a, b in runs)

    def row(label: str, cell, target: str = "", met=None) -> None:  # type: ignore[no-untyped-def]
        verdict = "" if met is None else _verdict([met(corpus) for corpus in both])
        rows.append((label, cell(bench), cell(clean), target, verdict))

    row(
        "`check --jobs 1`, MB/s per core",
        lambda c: f"{mbs(c, 'check1'):.2f} ({c['check1']:.1f} s)",
        "≥ 25 MB/s",
        lambda c: mbs(c, "check1") >= 25,
    )
    row(
        "`check --jobs 1` ÷ `ftfy.fix_text` (same documents, same run)",
        lambda c: f"{mbs(c, 'check1') / mbs(c, 'api_ftfy'):.2f}×",
        "≥ 10×",
        lambda c: mbs(c, "check1") / mbs(c, "api_ftfy") >= 10,
    )
    row(
        "`fix --jobs 1`, MB/s per core",
        lambda c: f"{mbs(c, 'fix1'):.2f} ({c['fix1']:.1f} s)",
    )
    row(
        "`fix` ÷ `check` (`--jobs 1`)",
        lambda c: f"{c['check1'] / c['fix1']:.2f}×",
        "≥ 0.7×",
        lambda c: c["check1"] / c["fix1"] >= 0.7,
    )
    for command in ("check", "fix"):
        row(
            f"`{command} --jobs 2` over `--jobs 1`",
            lambda c, command=command: f"{c[command + '1'] / c[command + '2']:.2f}× ({c[command + '2']:.1f} s)",
            "≥ 1.8×",
            lambda c, command=command: c[command + "1"] / c[command + "2"] >= 1.8,
        )
    row(
        "API `cleanup.check_text`, MB/s per core",
        lambda c: f"{mbs(c, 'api_check_text'):.2f} ({per_run_ratio(c, 'check_text', 'ftfy'):.2f}× ftfy)",
    )
    row(
        "API `cleanup.fix_text`, MB/s per core",
        lambda c: f"{mbs(c, 'api_fix_text'):.2f} ({per_run_ratio(c, 'fix_text', 'check_text'):.2f}× `check_text`)",
        "≥ 0.7× check",
        lambda c: per_run_ratio(c, "fix_text", "check_text") >= 0.7,
    )
    row(
        f"Rust core alone, `ruleset.core.check` ({extra['core_rules']} rules), MB/s",
        lambda c: f"{mbs(c, 'api_core'):.1f} ({per_run_ratio(c, 'core', 'ftfy'):.1f}× ftfy)",
    )
    row("baseline: `ftfy.fix_text(text, uncurl_quotes=False)`, MB/s", lambda c: f"{mbs(c, 'api_ftfy'):.2f}")
    row("baseline: one compiled regex substitution, MB/s", lambda c: f"{mbs(c, 'api_regex'):.1f}")
    row(
        "peak memory, `fix --jobs 2`, PSS of the tree (RSS summed)",
        lambda c: (
            f"{c['size']:.3g} MB: {c['pss']:.0f} MB ({c['rss']:.0f}); "
            f"{c['large_size']:.3g} MB: {c['pss_large']:.0f} MB ({c['rss_large']:.0f})"
        ),
        "< 300 MB and flat (larger ≤ 1.15× smaller)",
        lambda c: max(c["pss"], c["pss_large"]) < 300 and c["pss_large"] <= 1.15 * c["pss"],
    )
    lines = [
        "| measure | bench corpus | clean corpus | target | verdict |",
        "|---|---|---|---|---|",
        *("| " + " | ".join(cells) + " |" for cells in rows),
    ]
    one, empty = extra["one_file"]  # type: ignore[misc]
    lines.append(
        f"| `check` one 5 KB file, wall | {one:.3f} s (`python -c pass` {empty:.3f} s) | | ≤ 0.15 s | "
        + ("met" if one <= 0.15 else "not met")
        + " |"
    )
    timeout = extra["single_line_timeout"]
    for size, wall, pss in extra["single_line"]:  # type: ignore[attr-defined]
        time_cell = f"not finished in {timeout:g} s (killed)" if math.isinf(wall) else f"{wall:.1f} s"
        lines.append(
            f"| `check` one single-line file of {size:g} MB | {time_cell}, peak PSS {pss:.0f} MB | | "
            + ("< 30 s and < 1 GB | " + ("met" if wall < 30 and pss < 1000 else "not met") if size >= 49 else " | ")
            + " |"
        )
    return "\n".join(lines) + "\n"


def render_profile(total: float, parts: list[tuple[str, str, float]], documents: int, size: float, top: int) -> str:
    """The top of the per-rule profile as a Markdown table."""
    summed = sum(seconds for _, _, seconds in parts)
    python = sum(seconds for _, kind, seconds in parts if kind != "Rust")
    lines = [
        f"`check_text` on {documents:,} bench documents ({size:.2f} MB): {total:.2f} s "
        f"({size / total:.2f} MB/s); the parts below sum to {summed:.2f} s, of which Python "
        f"{python / summed:.0%} and the Rust core {1 - python / summed:.0%}.",
        "",
        "| part | kind | ms per document | share |",
        "|---|---|---|---|",
    ]
    for part, kind, seconds in parts[:top]:
        lines.append(f"| {part} | {kind} | {seconds / documents * 1e3:.3f} | {seconds / summed:.1%} |")
    if len(parts) > top:
        rest = sum(seconds for _, _, seconds in parts[top:])
        lines.append(f"| the other {len(parts) - top} parts | | {rest / documents * 1e3:.3f} | {rest / summed:.1%} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=100.0, help="corpus size for throughput (memory: also 3x)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--one-file", action="store_true", help="only the one-file check against python -c pass")
    parser.add_argument("--single-line-only", action="store_true", help="only the single-line files (--single-line-mb)")
    parser.add_argument(
        "--single-line-mb", type=str, default="0.02,0.04,0.08,50", help="sizes of the single-line files, in MB"
    )
    parser.add_argument("--single-line-timeout", type=float, default=120.0, help="seconds before a check is killed")
    parser.add_argument("--profile-docs", type=int, default=2000, help="bench documents for the per-rule profile")
    parser.add_argument("--profile-top", type=int, default=25)
    parser.add_argument("--json", type=Path, default=None, help="also write every figure here")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mt-cleanup-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    tool = [sys.executable, "-m", "cleanup"]
    if args.one_file:
        one, empty = one_file(tool, work, args.runs)
        sys.stdout.write(f"check one 5 KB file, wall: {one:.3f} s (python -c pass: {empty:.3f} s), medians\n")
        return
    if args.single_line_only:
        single_line_report(tool, work, args)
        return
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load_before = os.getloadavg()[1]
    profile_corpus = work / "profile.jsonl"
    build_corpus(profile_corpus, args.profile_docs * 0.001)  # ~900 bytes a document
    texts = [json.loads(line)["text"] for line in profile_corpus.open(encoding="utf-8")][: args.profile_docs]
    total, parts = profile(texts)
    profile_size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    figures = {
        "bench": corpus_figures(tool, work, clean=False, size_mb=args.size_mb, runs=args.runs),
        "clean": corpus_figures(tool, work, clean=True, size_mb=args.size_mb, runs=args.runs),
    }
    extra: dict[str, object] = {"one_file": one_file(tool, work, args.runs)}
    from cleanup.engine import default_ruleset  # loaded by the profile already

    extra["core_rules"] = len(default_ruleset().core_rules)
    sizes = [float(size) for size in args.single_line_mb.split(",") if size]
    extra["single_line"] = single_line(tool, work, texts, sizes, args.single_line_timeout)
    extra["single_line_timeout"] = args.single_line_timeout
    sys.stdout.write(
        f"mt-cleanup benchmark, {started} to {time.strftime('%H:%M UTC', time.gmtime())}: "
        f"medians of {args.runs} runs, {os.cpu_count()} CPUs, load average (5 min) {load_before:.1f} at the start "
        f"and {os.getloadavg()[1]:.1f} at the end\n\n"
    )
    sys.stdout.write(render(figures, extra) + "\n")
    sys.stdout.write(render_profile(total, parts, len(texts), profile_size, args.profile_top))
    if args.json is not None:
        payload = {"figures": figures, "extra": extra, "profile": {"total": total, "parts": parts}}
        args.json.write_text(json.dumps(payload, indent=1, default=str) + "\n", encoding="utf-8")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
