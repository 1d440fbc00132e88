"""The JSON wire format of findings (schema version 1, documented in docs/json-schema.md).

Keys are stable: new keys may be added, existing ones keep their meaning until the
``schema`` number changes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cleanup.model import AppliedEdit, Finding
from cleanup.textfile import LineIndex

if TYPE_CHECKING:
    from cleanup.report.formats import FileError, FileFindings

SCHEMA_VERSION = 1


def finding_to_dict(finding: Finding, index: LineIndex) -> dict[str, Any]:
    line, column = index.position(finding.span.start)
    end_line, end_column = index.position(finding.span.end)
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": str(finding.fix.applicability),
            "title": finding.fix.title,
            "edits": [
                {"start": edit.span.start, "end": edit.span.end, "replacement": edit.replacement}
                for edit in finding.fix.edits
            ],
        }
    return {
        "code": finding.rule_id,
        "name": finding.rule_name,
        "category": str(finding.category),
        "severity": str(finding.severity),
        "message": finding.message,
        "start": finding.span.start,
        "end": finding.span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "matched": finding.matched,
        "fix": fix,
    }


def file_to_dict(path: str, text: str, findings: list[Finding]) -> dict[str, Any]:
    index = LineIndex(text)
    return {"path": path, "findings": [finding_to_dict(finding, index) for finding in findings]}


def applied_to_dict(edit: AppliedEdit) -> dict[str, Any]:
    """An edit ``fix`` applied; its span refers to its round's text, so the words are kept."""
    return {"code": edit.rule_id, "original": edit.original, "replacement": edit.replacement}


def render_json(
    results: Sequence[FileFindings], *, signature: str, errors: Sequence[FileError] = (), mode: str = "check"
) -> str:
    """The whole run as one JSON document (``check`` and ``fix --format json``).

    For ``fix``, each file also lists the edits ``applied`` and its findings are those left.
    """
    files = []
    by_rule: Counter[str] = Counter()
    for result in results:
        entry = file_to_dict(result.path, result.text, list(result.findings))
        if mode == "fix":
            entry["applied"] = [applied_to_dict(edit) for edit in result.applied]
        files.append(entry)
        by_rule.update(finding.rule_id for finding in result.findings)
    summary: dict[str, Any] = {
        "files": len(results),
        "findings": sum(by_rule.values()),
        "by_rule": dict(sorted(by_rule.items())),
    }
    if mode == "fix":
        summary["fixed"] = sum(len(result.applied) for result in results)
    document = {
        "schema": SCHEMA_VERSION,
        "signature": signature,
        "files": files,
        "errors": [{"path": error.path, "message": error.message} for error in errors],
        "summary": summary,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
