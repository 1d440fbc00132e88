"""The JSON wire format of findings (schema version 1, documented in docs/json-schema.md).

Keys are stable: new keys may be added, existing ones keep their meaning until the
``schema`` number changes.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
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
    Written through :class:`JsonStream`, as a corpus run writes it.
    """
    parts: list[str] = []
    stream = JsonStream(parts.append, signature=signature)
    by_rule: Counter[str] = Counter()
    for result in results:
        stream.add(file_chunk(result, mode=mode))
        by_rule.update(finding.rule_id for finding in result.findings)
    fixed = sum(len(result.applied) for result in results) if mode == "fix" else None
    stream.finish(errors, files=len(results), by_rule=by_rule, fixed=fixed)
    return "".join(parts)


def file_chunk(result: FileFindings, *, mode: str = "check") -> str:
    """One file's entry of the ``files`` list, as it sits in the document (indented, no comma).

    A corpus run's workers render their documents with this, and the parent only joins them.
    """
    entry = file_to_dict(result.path, result.text, list(result.findings))
    if mode == "fix":
        entry["applied"] = [applied_to_dict(edit) for edit in result.applied]
    return textwrap.indent(json.dumps(entry, ensure_ascii=False, indent=2), "    ")


class JsonStream:
    """Write the JSON document a file at a time; the bytes equal ``json.dumps(document, indent=2)``.

    >>> parts = []
    >>> stream = JsonStream(parts.append, signature="sig")
    >>> stream.finish([], files=0, by_rule=Counter(), fixed=None)
    >>> json.loads("".join(parts))["summary"]
    {'files': 0, 'findings': 0, 'by_rule': {}}
    """

    def __init__(self, write: Callable[[str], None], *, signature: str) -> None:
        self.write = write
        self.count = 0
        head = json.dumps({"schema": SCHEMA_VERSION, "signature": signature}, ensure_ascii=False, indent=2)
        write(head[: head.rindex("\n")] + ',\n  "files": [')

    def add(self, chunk: str) -> None:
        self.write(("," if self.count else "") + "\n" + chunk)
        self.count += 1

    def finish(self, errors: Sequence[FileError], *, files: int, by_rule: Counter[str], fixed: int | None) -> None:
        summary: dict[str, Any] = {
            "files": files,
            "findings": sum(by_rule.values()),
            "by_rule": dict(sorted(by_rule.items())),
        }
        if fixed is not None:
            summary["fixed"] = fixed
        listed = [{"path": error.path, "message": error.message} for error in errors]
        self.write(
            ("\n  " if self.count else "")
            + '],\n  "errors": '
            + _nested(json.dumps(listed, ensure_ascii=False, indent=2))
            + ',\n  "summary": '
            + _nested(json.dumps(summary, ensure_ascii=False, indent=2))
            + "\n}\n"
        )


def _nested(rendered: str) -> str:
    return rendered.replace("\n", "\n  ")
