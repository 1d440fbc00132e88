"""The rules that moved to the Rust core reproduce what the Python engine found (issue 13).

``snapshots/core-rules.json`` holds, for every text of the repository at the time of the move
(corpus, seeds, golden cases, every rule example), the findings of those rules (code, span,
fix edits, applicability, message) and the texts ``fix`` made at both levels, frozen from the
Python engine before it was deleted. ``UPDATE_SNAPSHOTS=1`` rewrites the file from the
current engine; a rewrite is a reviewed change whose reason goes in the commit message.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from cleanup.engine import check_text, default_ruleset
from cleanup.fixer import fix_text
from cleanup.model import Applicability
from cleanup.packs.ruleset import RuleSet

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "core-rules.json"


def observe(text: str, ruleset: RuleSet) -> dict[str, Any]:
    findings = check_text(text, ruleset=ruleset)
    return {
        "findings": [
            [
                finding.rule_id,
                finding.span.start,
                finding.span.end,
                [[edit.span.start, edit.span.end, edit.replacement] for edit in finding.fix.edits]
                if finding.fix
                else None,
                str(finding.fix.applicability) if finding.fix else None,
                finding.message,
            ]
            for finding in findings
        ],
        "safe": fix_text(text, ruleset=ruleset).text if findings else None,
        "unsafe": fix_text(text, ruleset=ruleset, applicability=Applicability.UNSAFE).text if findings else None,
    }


def test_core_rules_reproduce_the_snapshot() -> None:
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    ruleset = default_ruleset().select(snapshot["codes"])
    assert {rule.id for rule in ruleset} == set(snapshot["codes"])
    documents = snapshot["documents"]
    observed = {key: observe(entry["text"], ruleset) for key, entry in documents.items()}
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        for key, entry in documents.items():
            entry.update(observed[key])
        SNAPSHOT.write_text(json.dumps(snapshot, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    differing = [
        key
        for key, entry in documents.items()
        if {name: entry[name] for name in ("findings", "safe", "unsafe")} != observed[key]
    ]
    assert differing == []
    assert sum(len(entry["findings"]) for entry in documents.values()) > 250
