"""Apply the fixes that findings carry, to a fixed point, recording every edit.

The algorithm is ruff's: keep the fixes at or above the requested applicability, sort
them, skip any that overlap an edit already taken, build the new text in one pass, check
again, and repeat until nothing is left to fix (at most ``MAX_ROUNDS`` rounds, or a
:class:`~cleanup.errors.ConvergenceError` naming the rules that keep firing). Every applied
edit is recorded per round, so ``apply_rounds(original, result.rounds)`` replays the result
and a report can show exactly what changed and why. Display-only fixes are never applied.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from cleanup.engine import check_document, default_ruleset
from cleanup.errors import ConvergenceError
from cleanup.kinds.base import Document
from cleanup.model import Applicability, AppliedEdit, Edit, Finding, FixResult, Span
from cleanup.packs.ruleset import RuleSet

MAX_ROUNDS = 10


def fix_text(
    text: str,
    *,
    ruleset: RuleSet | None = None,
    applicability: Applicability = Applicability.SAFE,
    path: str | None = None,
) -> FixResult:
    """Fix ``text`` and return the new text, the edits of every round and what remains.

    >>> result = fix_text("Aleppo , Syria's second city")
    >>> result.text, [edit.rule_id for edit in result.applied]
    ("Aleppo, Syria's second city", ['SPC001'])
    """
    if applicability.rank < Applicability.UNSAFE.rank:
        raise ValueError("fixes are applied at the 'safe' or 'unsafe' level")
    ruleset = ruleset or default_ruleset()
    rounds: list[tuple[AppliedEdit, ...]] = []
    seen = {text}
    current = text
    for _ in range(MAX_ROUNDS):
        findings = check_document(ruleset, Document(current, path))
        fixable = [finding for finding in findings if _is_applicable(finding, applicability)]
        applied = select_edits(current, fixable)
        if not applied:
            return FixResult(text=current, rounds=tuple(rounds), remaining=tuple(findings))
        current = apply_edits(current, applied)
        rounds.append(applied)
        if current in seen:
            raise ConvergenceError(sorted({edit.rule_id for edit in applied}), len(rounds))
        seen.add(current)
    last = check_document(ruleset, Document(current, path))
    firing = sorted({finding.rule_id for finding in last if _is_applicable(finding, applicability)})
    if not firing:
        return FixResult(text=current, rounds=tuple(rounds), remaining=tuple(last))
    raise ConvergenceError(firing, MAX_ROUNDS)


def _is_applicable(finding: Finding, applicability: Applicability) -> bool:
    fix = finding.fix
    return (
        fix is not None
        and fix.applicability is not Applicability.DISPLAY_ONLY
        and fix.applicability.at_least(applicability)
    )


def select_edits(text: str, findings: Sequence[Finding]) -> tuple[AppliedEdit, ...]:
    """Pick the edits of one round: sorted, whole fixes only, none overlapping another.

    The edits taken never overlap one another, so in order of start their ends never
    decrease either: whether a new edit overlaps one of them is one binary search (the first
    taken edit ending after it starts), not a comparison with each.
    """
    taken = _TakenEdits()
    chosen: list[AppliedEdit] = []
    ordered = sorted(findings, key=lambda finding: (finding.fix.span if finding.fix else finding.span, finding.rule_id))
    for finding in ordered:
        assert finding.fix is not None
        edits = [edit for edit in finding.fix.edits if text[edit.span.start : edit.span.end] != edit.replacement]
        if not edits or any(taken.overlaps(edit.span) for edit in edits):
            continue
        for edit in edits:
            taken.add(edit.span)
            chosen.append(
                AppliedEdit(
                    rule_id=finding.rule_id,
                    span=edit.span,
                    replacement=edit.replacement,
                    original=text[edit.span.start : edit.span.end],
                    applicability=finding.fix.applicability,
                )
            )
    chosen.sort(key=lambda edit: (edit.span.start, edit.span.end))
    return tuple(chosen)


class _TakenEdits:
    """The spans of the edits taken so far, sorted; none overlaps another (``Span.overlaps``)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.ends: list[int] = []

    def overlaps(self, span: Span) -> bool:
        index = bisect.bisect_right(self.ends, span.start)
        if index < len(self.spans) and self.spans[index][0] < span.end:
            return True
        # Two insertions at the same point overlap too (the first ends where it starts).
        return span.start == span.end and index > 0 and self.spans[index - 1] == (span.start, span.start)

    def add(self, span: Span) -> None:
        index = bisect.bisect_right(self.spans, (span.start, span.end))
        self.spans.insert(index, (span.start, span.end))
        self.ends.insert(index, span.end)


def apply_edits(text: str, edits: Iterable[AppliedEdit | Edit]) -> str:
    """Apply sorted, non-overlapping edits in one pass.

    >>> from cleanup.model import Span
    >>> apply_edits("ab cd", [Edit(Span(2, 2), "X"), Edit(Span(3, 5), "")])
    'abX '
    """
    pieces = []
    position = 0
    for edit in edits:
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.replacement)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces)


def apply_rounds(text: str, rounds: Iterable[Iterable[AppliedEdit]]) -> str:
    """Replay recorded rounds on the original text; equals the fixed text by construction."""
    for round_edits in rounds:
        text = apply_edits(text, round_edits)
    return text
