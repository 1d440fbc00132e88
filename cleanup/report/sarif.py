"""``--format sarif``: SARIF 2.1.0, the format code-scanning UIs (GitHub, VS Code) read.

One run: ``tool.driver`` lists every selected rule with its documentation (from the rule
packs), each result points at its region with 1-based lines and columns counted in Unicode
code points (declared with ``columnKind``; ``endColumn`` is exclusive), and safe fixes are
attached as SARIF ``fixes`` (replacements of regions). Unsafe and display-only fixes are
left out, since a viewer may apply a fix without asking.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from cleanup.model import Applicability, Finding, Severity
from cleanup.textfile import LineIndex

if TYPE_CHECKING:
    from cleanup.report.formats import FileError, FileFindings

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (``/``-separated, percent-encoded); an absolute one is a file URI.

    >>> artifact_uri("news/a b.txt")
    'news/a%20b.txt'
    """
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix())


def _region(index: LineIndex, start: int, end: int) -> dict[str, int]:
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    meta = rule.meta
    descriptor: dict[str, Any] = {
        "id": meta.id,
        "name": meta.name,
        "shortDescription": {"text": meta.name.replace("-", " ")},
        "fullDescription": {"text": " ".join(meta.why.split())},
        "help": {
            "text": " ".join(meta.why.split())
            + (f" Fix safety: {' '.join(meta.fix_safety.split())}" if meta.fix_safety else "")
        },
        "defaultConfiguration": {"level": _LEVELS[meta.severity]},
        "properties": {"category": str(meta.category), "fix": str(meta.fix), "pack": meta.pack},
    }
    return descriptor


def _result(result: FileFindings, index: LineIndex, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    uri = artifact_uri(result.path)
    region = _region(index, finding.span.start, finding.span.end)
    region["snippet"] = {"text": finding.matched}  # type: ignore[assignment]
    item: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
    }
    if finding.rule_id in rule_index:
        item["ruleIndex"] = rule_index[finding.rule_id]
    if finding.fix is not None and finding.fix.applicability is Applicability.SAFE:
        item["fixes"] = [
            {
                "description": {"text": finding.fix.title or "Apply the fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": _region(index, edit.span.start, edit.span.end),
                                "insertedContent": {"text": edit.replacement},
                            }
                            for edit in finding.fix.edits
                        ],
                    }
                ],
            }
        ]
    return item


def to_sarif(
    results: Sequence[FileFindings], *, ruleset: Any, signature: str, errors: Sequence[FileError] = ()
) -> dict[str, Any]:
    from cleanup import __version__

    rules = [_rule_descriptor(rule) for rule in ruleset]
    rule_index = {descriptor["id"]: position for position, descriptor in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    for result in results:
        index = LineIndex(result.text)
        sarif_results.extend(_result(result, index, finding, rule_index) for finding in result.findings)
    notifications = [
        {
            "level": "error",
            "message": {"text": error.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(error.path)}}}],
        }
        for error in errors
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mt-cleanup",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/mt-cleanup/",
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": notifications}],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
                "properties": {"signature": signature},
            }
        ],
    }


def render_sarif(
    results: Sequence[FileFindings], *, ruleset: Any, signature: str, errors: Sequence[FileError] = ()
) -> str:
    import json

    return (
        json.dumps(to_sarif(results, ruleset=ruleset, signature=signature, errors=errors), ensure_ascii=False, indent=2)
        + "\n"
    )
