"""The JSON wire format of findings (schema version 1, documented in docs/json-schema.md).

Keys are stable: new keys may be added, existing ones keep their meaning until the
``schema`` number changes.
"""

from __future__ import annotations

from typing import Any

from cleanup.model import Finding
from cleanup.textfile import LineIndex

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
