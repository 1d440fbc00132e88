"""A small varied corpus for the batch tests, built from the team-written articles in corpus/."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def articles() -> list[Path]:
    return sorted(path for path in (ROOT / "corpus").glob("*.txt") if not path.name.endswith(".clean.txt"))


def build_corpus(root: Path, *, copies: int = 1) -> Path:
    """Text files in nested folders (one CRLF, one with a BOM, one .md) plus a JSONL corpus."""
    root.mkdir(parents=True, exist_ok=True)
    sources = articles()
    records = []
    for copy in range(copies):
        for number, path in enumerate(sources):
            text = path.read_text(encoding="utf-8")
            folder = root / ("news" if number % 2 else "wire/sub") / f"c{copy}"
            folder.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            if number == 1:
                data = text.replace("\n", "\r\n").encode("utf-8")
            if number == 2:
                data = b"\xef\xbb\xbf" + data
            name = f"{path.stem}.md" if number == 3 else path.name
            (folder / name).write_bytes(data)
            records.append({"id": f"{copy}-{path.stem}", "text": text, "meta": {"n": number}, "lang": "en"})
    with open(root / "corpus.jsonl", "w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones included) by relative path."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def fix_argv(corpus: Path, base: Path, jobs: int) -> list[str]:
    """A ``fix`` run with small batches and every side output, under ``base`` (``--exit-zero``:
    the corpus keeps flag-only findings, which would make ``fix`` exit 1)."""
    return [
        "fix",
        "--exit-zero",
        str(corpus),
        "--out",
        str(base / "out"),
        "--jobs",
        str(jobs),
        "--quiet",
        "--batch-size",
        "3",
        "--batch-bytes",
        "20000",
        "--findings-out",
        str(base / "findings.jsonl"),
        "--removed-lines",
        str(base / "removed.jsonl"),
    ]
