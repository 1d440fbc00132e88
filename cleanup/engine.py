"""Run a rule set over one document and return its findings, sorted and stable.

Checking is pure: rules read a :class:`~cleanup.kinds.base.Document` and yield findings;
nothing here edits text (that is :mod:`cleanup.fixer`). Findings sort by
``(start, end, rule_id)`` so output is identical from run to run.
"""

from __future__ import annotations

import functools

from cleanup.kinds.base import Document
from cleanup.model import Finding
from cleanup.packs.loader import load_rules
from cleanup.packs.ruleset import RuleSet
from cleanup.protect import drop_protected


@functools.cache
def default_ruleset() -> RuleSet:
    """The bundled rule packs, loaded once per process (a frozen value, safe to share)."""
    return load_rules()


def check_document(ruleset: RuleSet, doc: Document) -> list[Finding]:
    """Every finding of ``ruleset`` in ``doc``: every kind's matching runs in the Rust core,
    in one call (the GIL released); an adapter kind's library decides on its candidates."""
    findings: list[Finding] = []
    if ruleset.core is not None:
        core_rules = ruleset.core_rules
        for hit in ruleset.core.check(doc.text):
            matcher = core_rules[hit[0]].matcher
            if matcher.adapter:  # a candidate the kind's library adapter decides on
                findings.extend(matcher.complete(doc, hit))
            else:
                findings.append(matcher.finding(doc, hit))
    if findings:  # nothing edits a URL, an address, a domain or file name, Markdown code or link target
        findings = drop_protected(ruleset.packs, doc, findings)
    if ruleset.suppressor is not None and findings:
        findings = ruleset.suppressor.filter(doc, findings)
    findings.sort(key=lambda finding: finding.sort_key)
    return findings


def check_text(text: str, *, ruleset: RuleSet | None = None, path: str | None = None) -> list[Finding]:
    """Return every finding in ``text``; pure, and sorted by position then rule code.

    >>> [finding.rule_id for finding in check_text("It was a “immediate” call.")]
    ['GRM001']
    """
    return check_document(ruleset or default_ruleset(), Document(text, path))
