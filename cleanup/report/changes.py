"""Turn recorded edits and findings into hunks of the original text, for reports and diffs.

The fixer records each round's edits with spans in the text *that round started from*
(:class:`~cleanup.model.FixResult`). Like ruff's ``SourceMap``, this module maps the spans of
later rounds back to offsets in the original text, then merges overlapping edits and
findings into :class:`Hunk` values: the original text of the hunk, what the fixed text has
in its place, and every change that touched it. Nothing is re-diffed: the hunks come from
the recorded edits and the findings of the original text only. No rendering happens here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cleanup.model import Applicability, AppliedEdit, Finding, FixResult, Span
from cleanup.packs.ruleset import RuleSet

#: How a change is shown: applied safe fix, applied unsafe fix, or a finding left in place.
KINDS = ("safe", "unsafe", "finding")


@dataclass(frozen=True, slots=True)
class Change:
    """One applied edit or one finding, with its span in the original text."""

    rule_id: str
    rule_name: str
    category: str
    message: str
    applicability: str
    kind: str
    round: int | None  # 1-based fix round; None for a finding that was not applied
    start: int
    end: int
    replacement: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.rule_id,
            "name": self.rule_name,
            "category": self.category,
            "message": self.message,
            "applicability": self.applicability,
            "kind": self.kind,
            "round": self.round,
            "start": self.start,
            "end": self.end,
            "replacement": self.replacement,
        }


@dataclass(frozen=True, slots=True)
class Hunk:
    """A stretch of the original text that changed or was flagged; ``new`` is None when only flagged."""

    start: int
    end: int
    old: str
    new: str | None
    changes: tuple[Change, ...] = field(default=())

    @property
    def kind(self) -> str:
        kinds = {change.kind for change in self.changes}
        for kind in ("unsafe", "safe"):
            if kind in kinds:
                return kind
        return "finding"


def map_back(position: int, edits: Sequence[AppliedEdit], *, side: str) -> int:
    """Map an offset in the text after ``edits`` to the text before them.

    A position inside a replacement maps to the edge of the replaced span (``side`` says which),
    so a later edit that touches an earlier one maps onto a span that contains it.

    >>> from cleanup.model import Span
    >>> edits = [AppliedEdit("X", Span(6, 18), "", "Read also X\\n", Applicability.SAFE)]
    >>> map_back(5, edits, side="start"), map_back(16, edits, side="end")
    (5, 28)
    """
    delta = 0
    for edit in edits:
        start, end, length = edit.span.start, edit.span.end, len(edit.replacement)
        out_start, out_end = start + delta, start + delta + length
        if position < out_start or (position == out_start and length and side == "end"):
            return position - delta
        if position > out_end or (position == out_end and length and side == "start"):
            delta += length - (end - start)
            continue
        return start if side == "start" else end
    return position - delta


def map_forward(position: int, edits: Sequence[AppliedEdit], *, side: str) -> int:
    """Map an offset in the text before ``edits`` to the text after them (hunk edges only)."""
    delta = 0
    for edit in edits:
        start, end, length = edit.span.start, edit.span.end, len(edit.replacement)
        if position < start or (position == start and start < end):
            return position + delta
        if position == start == end:
            return position + delta + (length if side == "end" else 0)
        if position < end:
            return start + delta + (length if side == "end" else 0)
        delta += length - (end - start)
    return position + delta


def original_span(round_index: int, edit: AppliedEdit, rounds: Sequence[Sequence[AppliedEdit]]) -> tuple[int, int]:
    """The span, in the original text, of an edit applied in round ``round_index`` (0-based)."""
    start, end = edit.span.start, edit.span.end
    for earlier in reversed(rounds[:round_index]):
        start = map_back(start, earlier, side="start")
        end = map_back(end, earlier, side="end")
    return start, end


def iter_changes(text: str, result: FixResult, findings: Sequence[Finding], ruleset: RuleSet) -> list[Change]:
    """Every applied edit (in original offsets) plus every finding of ``text`` that no edit applied."""
    changes: list[Change] = []
    applied_keys: set[tuple[str, Span]] = set()
    for round_index, round_edits in enumerate(result.rounds):
        for edit in round_edits:
            start, end = original_span(round_index, edit, result.rounds)
            finding = (
                _finding_of(edit, findings)
                if round_index == 0
                else _finding_within(edit.rule_id, start, end, findings, applied_keys)
            )
            if finding is not None:
                applied_keys.add((finding.rule_id, finding.span))
            rule = ruleset.get(edit.rule_id)
            message = finding.message if finding else (rule.meta.fix_title or rule.meta.name if rule else edit.rule_id)
            changes.append(
                Change(
                    rule_id=edit.rule_id,
                    rule_name=rule.meta.name if rule else edit.rule_id,
                    category=str(rule.meta.category) if rule else "other",
                    message=message,
                    applicability=str(edit.applicability),
                    kind="unsafe" if edit.applicability is Applicability.UNSAFE else "safe",
                    round=round_index + 1,
                    start=start,
                    end=end,
                    replacement=edit.replacement,
                )
            )
    for finding in findings:
        if (finding.rule_id, finding.span) in applied_keys:
            continue
        suggestion = None
        if finding.fix is not None:
            suggestion = "".join(edit.replacement for edit in finding.fix.edits)
        changes.append(
            Change(
                rule_id=finding.rule_id,
                rule_name=finding.rule_name,
                category=str(finding.category),
                message=finding.message,
                applicability=str(finding.applicability),
                kind="finding",
                round=None,
                start=finding.span.start,
                end=finding.span.end,
                replacement=suggestion,
            )
        )
    changes.sort(key=lambda change: (change.start, change.end, change.rule_id))
    return changes


def _finding_of(edit: AppliedEdit, findings: Sequence[Finding]) -> Finding | None:
    for finding in findings:
        if finding.rule_id != edit.rule_id or finding.fix is None:
            continue
        if any(item.span == edit.span and item.replacement == edit.replacement for item in finding.fix.edits):
            return finding
    return None


def _finding_within(
    rule_id: str, start: int, end: int, findings: Sequence[Finding], taken: set[tuple[str, Span]]
) -> Finding | None:
    # A finding whose fix lost an overlap in round 1 and was applied in a later round.
    for finding in findings:
        if (finding.rule_id, finding.span) in taken:
            continue
        if finding.rule_id == rule_id and start <= finding.span.start and finding.span.end <= end:
            return finding
    return None


def build_hunks(text: str, result: FixResult, findings: Sequence[Finding], ruleset: RuleSet) -> list[Hunk]:
    """Merge changes that overlap (or touch at an insertion point) into hunks, in text order.

    ``new`` is read from the fixed text by mapping the hunk's edges forward through every
    round, so ``old`` → ``new`` over all hunks turns ``text`` into ``result.text``.
    """
    changes = iter_changes(text, result, findings, ruleset)
    groups: list[list[Change]] = []
    bounds: list[list[int]] = []
    for change in changes:
        if groups:
            group_start, group_end = bounds[-1]
            touches = change.start == group_end and (change.start == change.end or group_start == group_end)
            if change.start < group_end or touches:
                groups[-1].append(change)
                bounds[-1][1] = max(group_end, change.end)
                continue
        groups.append([change])
        bounds.append([change.start, change.end])
    hunks = []
    for group, (start, end) in zip(groups, bounds, strict=True):
        new: str | None = None
        if any(change.kind != "finding" for change in group):
            new_start, new_end = start, end
            for round_edits in result.rounds:
                new_start = map_forward(new_start, round_edits, side="start")
                new_end = map_forward(new_end, round_edits, side="end")
            new = result.text[new_start:new_end]
        hunks.append(Hunk(start, end, text[start:end], new, tuple(group)))
    return hunks
