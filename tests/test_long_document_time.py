"""The lexical and builtin rules check a long document in time about linear in its size.

A per-match rescan of the whole text (or of the whole line) makes a rule quadratic: fine on
2 KB articles, minutes on a 1 MB one. Each rule is timed on a text and on one ten times
longer; a linear rule takes about ten times as long, a quadratic one a hundred. The bound
is generous (the machine is shared and noisy) but far below quadratic.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleanup.engine import default_ruleset
from cleanup.kinds.base import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RULES = ("SRC002", "SRC003", "PRN001", "SPC100", "GRM001", "GRM002", "BLP001", "SRC010", "ACR001")
MAX_RATIO = 35  # linear: ~10; quadratic: ~100


def _articles() -> str:
    return "\n\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(CORPUS.glob("a*.txt"))
        if not path.name.endswith(".clean.txt")
    )


def _seconds(rule, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        list(rule.check(Document(text)))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(("separator", "small"), [("\n\n", 100_000), (" ", 50_000)], ids=["paragraphs", "one-line"])
def test_long_document_time_is_about_linear(separator: str, small: int) -> None:
    base = _articles().replace("\n\n", separator).replace("\n", separator)
    large = small * 10
    text = (base * (large // len(base) + 1))[:large]
    rules = [rule for rule in default_ruleset() if rule.id in RULES]
    assert len(rules) == len(RULES)
    slow = []
    for rule in rules:
        list(rule.check(Document(text[:small])))  # loads what the rule loads on first use
        short = _seconds(rule, text[:small])
        long = _seconds(rule, text)
        if long > MAX_RATIO * max(short, 0.002):
            slow.append(f"{rule.id}: {short:.3f}s -> {long:.3f}s")
    assert not slow, slow
