"""Freeze what some rules find today, before their matcher moves to the Rust core (issue 13).

    .venv/bin/python tools/freeze_snapshot.py NAME CODE [CODE ...] [--texts FILE.jsonl]

writes ``tests/snapshots/NAME.json``: the rules' findings and fixed texts (both levels) on
the documents of ``tests/snapshots/core-rules.json`` (every text of the repository at the
first move) plus 300 bench documents (``bench/run.py``'s generator, fixed seed), and the
``text`` of every line of ``--texts`` (for rules that those documents hardly exercise), as
``tests/test_core_snapshots.py`` compares them. Run it on the commit *before* the move.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import run  # noqa: E402  (bench/run.py)
from test_core_snapshots import observe  # noqa: E402

from cleanup.engine import default_ruleset  # noqa: E402

BENCH_DOCUMENTS = 300


def main() -> None:
    arguments = sys.argv[1:]
    extra: list[str] = []
    if "--texts" in arguments:
        at = arguments.index("--texts")
        with Path(arguments[at + 1]).open(encoding="utf-8") as lines:
            extra = [json.loads(line)["text"] for line in lines if line.strip()]
        del arguments[at : at + 2]
    if len(arguments) < 2:
        raise SystemExit("usage: freeze_snapshot.py NAME CODE [CODE ...] [--texts FILE.jsonl]")
    name, codes = arguments[0], sorted(arguments[1:])
    base = json.loads((ROOT / "tests" / "snapshots" / "core-rules.json").read_text(encoding="utf-8"))
    texts = {key: entry["text"] for key, entry in base["documents"].items()}
    texts.update({f"extra/{number:04d}": text for number, text in enumerate(extra)})
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "bench.jsonl"
        run.build_corpus(corpus, BENCH_DOCUMENTS * 0.001, seed=13)
        for number, line in enumerate(corpus.open(encoding="utf-8")):
            if number < BENCH_DOCUMENTS:
                texts[f"bench/{number:04d}"] = json.loads(line)["text"]
    ruleset = default_ruleset().select(codes)
    missing = set(codes) - {rule.id for rule in ruleset}
    if missing:
        raise SystemExit(f"unknown rule codes: {' '.join(sorted(missing))}")
    documents = {key: {"text": text, **observe(text, ruleset)} for key, text in texts.items()}
    found = sum(len(entry["findings"]) for entry in documents.values())
    snapshot = {
        "about": f"Findings and fixed texts of {' '.join(codes)}, frozen from the Python engine "
        "before the move to the Rust core (tools/freeze_snapshot.py; UPDATE_SNAPSHOTS=1 rewrites, "
        "and a rewrite needs its reason in the commit message).",
        "codes": codes,
        "documents": documents,
        "min_findings": max(1, found * 9 // 10),
    }
    out = ROOT / "tests" / "snapshots" / f"{name}.json"
    out.write_text(json.dumps(snapshot, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    sys.stdout.write(f"{out.relative_to(ROOT)}: {len(documents)} documents, {found} findings\n")


if __name__ == "__main__":
    main()
