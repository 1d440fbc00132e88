"""Every [[rule.example]] of every pack is a test: docs and tests are the same thing."""

from __future__ import annotations

import pytest

from cleanup.batch.repeated import BATCH_ONLY_RULES
from cleanup.engine import check_document, default_ruleset
from cleanup.fixer import fix_text
from cleanup.kinds.base import Document
from cleanup.model import Applicability


def _cases():
    for rule in default_ruleset():
        for number, example in enumerate(rule.meta.examples):
            kind = "ok" if example.ok is not None else "bad"
            yield pytest.param(rule.id, example, id=f"{rule.id}-{kind}-{number}")


def _rule_findings(ruleset, code, text):
    rule = ruleset.get(code)
    return list(rule.check(Document(text)))


@pytest.mark.parametrize(("code", "example"), list(_cases()))
def test_example(ruleset, code, example):
    rule = ruleset.get(code)
    if example.ok is not None:
        found = _rule_findings(ruleset, code, example.ok)
        assert found == [], f"{code} fired on an ok example: {[f.matched for f in found]}"
        return
    findings = _rule_findings(ruleset, code, example.bad)
    assert findings, f"{code} did not fire on its bad example"
    for finding in findings:
        assert finding.matched == example.bad[finding.span.start : finding.span.end]
    level = Applicability.UNSAFE if rule.meta.fix is Applicability.UNSAFE else Applicability.SAFE
    if rule.meta.fix in (Applicability.SAFE, Applicability.UNSAFE):
        assert fix_text(example.bad, ruleset=ruleset, applicability=level).text == example.good
    else:
        assert example.good == example.bad, "a rule that cannot fix has bad == good examples"
    assert _rule_findings(ruleset, code, example.good) == [] or rule.meta.fix is Applicability.NONE


def test_every_rule_has_examples_of_both_kinds(ruleset):
    for rule in ruleset:
        examples = rule.meta.examples
        if rule.id in BATCH_ONLY_RULES:  # its evidence is a corpus: one document never has a bad example
            assert all(item.bad is None for item in examples), f"{rule.id} is batch-only: ok examples only"
        else:
            assert any(item.bad is not None for item in examples), f"{rule.id} has no bad example"
        assert any(item.ok is not None for item in examples), f"{rule.id} has no ok example"


def test_examples_have_no_findings_of_the_whole_ruleset_when_ok(ruleset):
    """An ok example is good English: no rule at all should fix it."""
    for rule in ruleset:
        for example in rule.meta.examples:
            if example.ok is None:
                continue
            fixable = [
                f
                for f in check_document(ruleset, Document(example.ok))
                if f.fix and f.fix.applicability is Applicability.SAFE
            ]
            assert fixable == [], f"{rule.id} ok example gets safe fixes: {[(f.rule_id, f.matched) for f in fixable]}"
