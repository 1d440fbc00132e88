"""Render findings for terminals and logs: ``path:line:col: CODE [*] message`` (ruff/Vale style).

Colour (ANSI) is the caller's choice (``--color``, ``NO_COLOR``, a terminal or not): the path
in bold, the code in bold red, the ``[*]`` of a safe fix in cyan, as ruff paints them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from cleanup.model import Applicability, AppliedEdit, Finding
from cleanup.textfile import LineIndex

BOLD, RED, CYAN, RESET = "\033[1m", "\033[31m", "\033[36m", "\033[0m"


def format_finding(path: str, index: LineIndex, finding: Finding, *, color: bool = False) -> str:
    line, column = index.position(finding.span.start)
    is_safe = finding.applicability is Applicability.SAFE
    if color:
        marker = f" {CYAN}[*]{RESET}" if is_safe else ""
        return f"{BOLD}{path}{RESET}:{line}:{column}: {BOLD}{RED}{finding.rule_id}{RESET}{marker} {finding.message}"
    marker = " [*]" if is_safe else ""
    return f"{path}:{line}:{column}: {finding.rule_id}{marker} {finding.message}"


def format_findings(path: str, text: str, findings: Sequence[Finding], *, color: bool = False) -> Iterable[str]:
    index = LineIndex(text)
    for finding in findings:
        yield format_finding(path, index, finding, color=color)


def format_summary(findings_count: int, safe_count: int, unsafe_count: int, files_count: int) -> str:
    """The last line of ``check``.

    >>> format_summary(3, 1, 2, 1)
    'Found 3 findings in 1 file. [*] 1 fixable with `mt-cleanup fix`. 2 more fixes are available with `--unsafe-fixes`.'
    """
    if not findings_count:
        return f"All checks passed ({files_count} file{'s' if files_count != 1 else ''})."
    noun = "finding" if findings_count == 1 else "findings"
    parts = [f"Found {findings_count} {noun} in {files_count} file{'s' if files_count != 1 else ''}."]
    if safe_count:
        parts.append(f"[*] {safe_count} fixable with `mt-cleanup fix`.")
    if unsafe_count:
        parts.append(unsafe_hint(unsafe_count))
    return " ".join(parts)


def unsafe_hint(count: int) -> str:
    """ruff's hint for fixes that only ``--unsafe-fixes`` applies."""
    return f"{count} more fix{'es are' if count != 1 else ' is'} available with `--unsafe-fixes`."


def format_statistics(findings: Iterable[Finding]) -> list[str]:
    """Counts per rule, most frequent first, with a fixable marker (like ``ruff --statistics``)."""
    counts: Counter[tuple[str, str, bool]] = Counter()
    for finding in findings:
        counts[(finding.rule_id, finding.rule_name, finding.applicability is Applicability.SAFE)] += 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return [f"{count:6d}\t{code}\t{'[*]' if fixable else '[ ]'}\t{name}" for (code, name, fixable), count in rows]


def format_fixed_statistics(applied: Iterable[AppliedEdit], names: Mapping[str, str]) -> list[str]:
    """Fixes applied per rule, most frequent first (``fix --statistics``)."""
    counts = Counter(edit.rule_id for edit in applied)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [f"{count:6d}\t{code}\tfixed\t{names.get(code, '')}" for code, count in rows]


def format_file_fixes(path: str, applied: Sequence[AppliedEdit], *, verb: str = "fixed") -> str:
    """One line per fixed file, as the default summary of ``fix``.

    >>> from cleanup.model import AppliedEdit, Span
    >>> from cleanup.model import Applicability as A
    >>> acr = AppliedEdit("ACR001", Span(0, 4), "SOHR", "OSDH", A.SAFE)
    >>> edits = [acr, acr, AppliedEdit("SPC001", Span(9, 10), "", " ", A.SAFE)]
    >>> format_file_fixes("a.txt", edits)
    'a.txt: fixed 3 (2 × ACR001, 1 × SPC001)'
    """
    counts = Counter(edit.rule_id for edit in applied)
    rules = ", ".join(f"{count} × {code}" for code, count in sorted(counts.items()))
    return f"{path}: {verb} {len(applied)} ({rules})"


def format_show_fixes(fixed: Sequence[tuple[str, Sequence[AppliedEdit]]], names: Mapping[str, str]) -> list[str]:
    """ruff's ``--show-fixes`` enumeration: each file, then each rule with its count and name."""
    total = sum(len(applied) for _, applied in fixed)
    if not total:
        return []
    lines = [f"Fixed {total} artifact{'s' if total != 1 else ''}:"]
    for path, applied in fixed:
        if not applied:
            continue
        lines.append(f"- {path}:")
        counts = Counter(edit.rule_id for edit in applied)
        for code, count in sorted(counts.items()):
            lines.append(f"    {count} × {code} ({names.get(code, '')})")
    return lines
