"""Each core rule's gate is a superset of what the rule matches (issue 13, point 7).

A gated rule runs only on documents holding one of its gate literals (one Aho-Corasick scan
for every rule). A gate that missed a shape the rule matches would silently lose findings,
so every gated rule is run with and without its gate over every text the snapshots hold
(corpus, seeds, golden cases, rule examples, bench documents) and every rule example of the
packs, and the hits must be the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanup._core import Engine
from cleanup.engine import default_ruleset

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def _texts() -> list[str]:
    texts: dict[str, str] = {}
    for path in sorted(SNAPSHOTS.glob("*.json")):
        for key, entry in json.loads(path.read_text(encoding="utf-8"))["documents"].items():
            texts[key] = entry["text"]
    for rule in default_ruleset():  # and every rule example as the packs hold them today
        for number, example in enumerate(rule.meta.examples):
            for name in ("bad", "ok"):
                text = getattr(example, name)
                if text:
                    texts[f"{rule.id}/{number}/{name}"] = text
    return list(texts.values())


TEXTS = _texts()
GATED = [rule for rule in default_ruleset().core_rules if rule.matcher.spec.get("gate")]


def test_there_are_gated_rules_and_texts() -> None:
    assert len(GATED) >= 5
    assert len(TEXTS) >= 400


@pytest.mark.parametrize("rule", GATED, ids=[rule.id for rule in GATED])
def test_a_gate_never_hides_a_match(rule) -> None:  # type: ignore[no-untyped-def]
    spec = dict(rule.matcher.spec)
    gated = Engine([spec])
    spec.pop("gate")
    ungated = Engine([spec])
    found = 0
    for text in TEXTS:
        expected = ungated.check(text)
        assert gated.check(text) == expected, (rule.id, text[:200])
        found += len(expected)
    # Over the whole collection the ungated rule finds something in the texts: a gate that
    # held back every match would otherwise pass unnoticed.
    assert found > 0, f"{rule.id} matched nothing in the snapshot texts"
