"""Render findings for terminals and logs: ``path:line:col: CODE [*] message`` (ruff/Vale style)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from cleanup.model import Applicability, Finding
from cleanup.textfile import LineIndex


def format_finding(path: str, index: LineIndex, finding: Finding) -> str:
    line, column = index.position(finding.span.start)
    marker = " [*]" if finding.applicability is Applicability.SAFE else ""
    return f"{path}:{line}:{column}: {finding.rule_id}{marker} {finding.message}"


def format_findings(path: str, text: str, findings: Sequence[Finding]) -> Iterable[str]:
    index = LineIndex(text)
    for finding in findings:
        yield format_finding(path, index, finding)


def format_summary(findings_count: int, safe_count: int, unsafe_count: int, files_count: int) -> str:
    if not findings_count:
        return f"All checks passed ({files_count} file{'s' if files_count != 1 else ''})."
    noun = "finding" if findings_count == 1 else "findings"
    parts = [f"Found {findings_count} {noun} in {files_count} file{'s' if files_count != 1 else ''}."]
    if safe_count:
        parts.append(f"[*] {safe_count} fixable with `mt-cleanup fix`.")
    if unsafe_count:
        parts.append(f"{unsafe_count} more fixable with `mt-cleanup fix --unsafe-fixes`.")
    return " ".join(parts)


def format_statistics(findings: Iterable[Finding]) -> list[str]:
    """Counts per rule, most frequent first, with a fixable marker (like ``ruff --statistics``)."""
    counts: Counter[tuple[str, str, bool]] = Counter()
    for finding in findings:
        counts[(finding.rule_id, finding.rule_name, finding.applicability is Applicability.SAFE)] += 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [f"{count:6d}\t{code}\t{'[*]' if fixable else '[ ]'}\t{name}" for (code, name, fixable), count in rows]
