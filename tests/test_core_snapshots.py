"""The rules that moved to the Rust core reproduce what the Python engine found (issue 13).

Each ``snapshots/*.json`` file holds, for one step of the move, the codes of the rules that
moved and, for every text of the repository at the time (corpus, seeds, golden cases, every
rule example) and a few hundred bench documents, those rules' findings (code, span, fix
edits, applicability, message) and the texts ``fix`` made at both levels, frozen from the
Python engine before its matcher was deleted (``tools/freeze_snapshot.py`` writes a new
file). ``UPDATE_SNAPSHOTS=1`` rewrites the files from the current engine; a rewrite is a
reviewed change whose reason goes in the commit message.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from cleanup.engine import check_text, default_ruleset
from cleanup.fixer import fix_text
from cleanup.model import Applicability
from cleanup.packs.ruleset import RuleSet

SNAPSHOTS = sorted((Path(__file__).resolve().parent / "snapshots").glob("*.json"))


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


@pytest.mark.parametrize("path", SNAPSHOTS, ids=[path.stem for path in SNAPSHOTS])
def test_moved_rules_reproduce_their_snapshot(path: Path) -> None:
    snapshot = json.loads(path.read_text(encoding="utf-8"))
    ruleset = default_ruleset().select(snapshot["codes"])
    assert {rule.id for rule in ruleset} == set(snapshot["codes"])
    documents = snapshot["documents"]
    observed = {key: observe(entry["text"], ruleset) for key, entry in documents.items()}
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        for key, entry in documents.items():
            entry.update(observed[key])
        path.write_text(json.dumps(snapshot, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    differing = [
        key
        for key, entry in documents.items()
        if {name: entry[name] for name in ("findings", "safe", "unsafe")} != observed[key]
    ]
    assert differing == []
    # A snapshot that holds no finding could not fail: each step's rules must have fired.
    assert sum(len(entry["findings"]) for entry in documents.values()) >= snapshot.get("min_findings", 1)
