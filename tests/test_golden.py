"""Golden before/after cases, one folder per rule: tests/cases/<RULE_ID>/<case>.in.txt.

``<case>.out.txt`` is the expected output of ``fix`` (whole rule set, safe level) and the
rule must fire on the input; when it is absent the input must come out unchanged and the
rule must stay silent on it. ``UPDATE_GOLDEN=1`` rewrites the ``.out.txt`` files (review
the diff before committing).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleanup.engine import check_document, default_ruleset
from cleanup.fixer import fix_text
from cleanup.kinds.base import Document

CASES = Path(__file__).resolve().parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*/*.in.txt")):
        yield pytest.param(path, id=f"{path.parent.name}-{path.name[: -len('.in.txt')]}")


def test_every_rule_has_golden_cases():
    codes = {rule.id for rule in default_ruleset()}
    covered = {path.name for path in CASES.iterdir() if path.is_dir()}
    assert covered <= codes, f"golden cases for unknown rules: {sorted(covered - codes)}"
    assert not codes - covered, f"rules without golden cases: {sorted(codes - covered)}"


@pytest.mark.parametrize("path", list(_cases()))
def test_golden_case(path: Path):
    ruleset = default_ruleset()
    code = path.parent.name
    raw = path.read_bytes().decode("utf-8")
    expected_path = path.with_name(path.name.replace(".in.txt", ".out.txt"))
    fired = [f for f in check_document(ruleset, Document(raw)) if f.rule_id == code]
    result = fix_text(raw, ruleset=ruleset)
    if os.environ.get("UPDATE_GOLDEN") and expected_path.exists():
        expected_path.write_bytes(result.text.encode("utf-8"))
    if expected_path.exists():
        assert fired, f"{code} did not fire on {path.name}"
        assert result.text.encode("utf-8") == expected_path.read_bytes()
        assert fix_text(result.text, ruleset=ruleset).text == result.text
    else:
        assert fired == []
        assert result.text == raw
