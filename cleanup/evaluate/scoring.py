"""Score fixer output against gold edits, overall, per category, and for detection.

For one document, :func:`score_document` extracts the gold edits (raw → gold) and the
output edits (raw → fixer output) with :func:`~cleanup.evaluate.edits.extract_edits`, and
counts an output edit as a true positive when gold has the same edit (same raw span, same
replacement), as ERRANT and M2 do. Categories follow ERRANT's convention: a true positive
and a false negative count under the gold edit's category (the devset finding that covers
it), a false positive under the category of the rule that made it. The rule of an output
edit is found by mapping every applied edit of every fixer round back to raw offsets and
taking the one that overlaps the output edit most. Detection recall asks, for every gold
finding (flag-only ones included), whether any ``check`` finding on the raw text overlaps
it. This module reads no files; :mod:`cleanup.evaluate.corpus` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cleanup.evaluate.edits import TextEdit, extract_edits
from cleanup.model import AppliedEdit, Finding

WORD_RE = re.compile(r"\w+(?:['\N{RIGHT SINGLE QUOTATION MARK}]\w+)*")
#: Category of a gold edit no finding covers (or of a document without findings.json).
UNCATEGORISED = "uncategorised"
BETA = 0.5


@dataclass(frozen=True, slots=True)
class GoldFinding:
    """One entry of ``NAME.findings.json`` with its span in the raw text."""

    line: int
    category: str
    text: str
    fix: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with ERRANT's conventions.

    Precision is 1.0 when nothing was proposed, recall 1.0 when nothing was expected.

    >>> score = Counts(tp=3, fp=1, fn=2)
    >>> round(score.precision, 3), round(score.recall, 3), round(score.f05, 3)
    (0.75, 0.6, 0.714)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.fn else 1.0

    @property
    def f05(self) -> float:
        precision, recall = self.precision, self.recall
        if not precision + recall:
            return 0.0
        return (1 + BETA**2) * precision * recall / (BETA**2 * precision + recall)


@dataclass(frozen=True, slots=True)
class ScoredEdit:
    """An edit with the category it counts under and, for output edits, the rule behind it."""

    edit: TextEdit
    category: str
    rule_id: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentScore:
    name: str
    raw: str
    words: int
    is_control: bool
    true_positives: tuple[ScoredEdit, ...]
    false_positives: tuple[ScoredEdit, ...]
    false_negatives: tuple[ScoredEdit, ...]

    @property
    def counts(self) -> Counts:
        return Counts(len(self.true_positives), len(self.false_positives), len(self.false_negatives))


@dataclass(frozen=True, slots=True)
class Detection:
    """Whether ``check`` found anything overlapping one gold finding."""

    name: str
    finding: GoldFinding
    detected: bool


def count_words(text: str) -> int:
    """Count words (letters and digits, with inner apostrophes).

    >>> count_words("Aleppo's 2 cafés, l’été")
    4
    """
    return len(WORD_RE.findall(text))


def locate_findings(raw: str, entries: Sequence[Mapping[str, object]]) -> tuple[GoldFinding, ...]:
    """Give every findings.json entry its raw span; raise ``ValueError`` naming a bad entry.

    A whole-line ``text`` whose ``fix`` is ``""`` covers the line's newline too.

    >>> [(g.start, g.end) for g in locate_findings("ab\\nRead later\\n", [
    ...     {"line": 2, "category": "boilerplate", "text": "Read later", "fix": ""}])]
    [(3, 14)]
    """
    lines = raw.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    located = []
    for number, entry in enumerate(entries, 1):
        line_number, text, fix, category = entry.get("line"), entry.get("text"), entry.get("fix"), entry.get("category")
        if not isinstance(line_number, int) or not isinstance(text, str) or not isinstance(category, str):
            raise ValueError(f"finding {number}: needs integer 'line', string 'text' and string 'category'")
        if fix is not None and not isinstance(fix, str):
            raise ValueError(f"finding {number}: 'fix' must be a string or null")
        if not 1 <= line_number <= len(lines):
            raise ValueError(f"finding {number}: line {line_number} is past the end of the text")
        content = lines[line_number - 1].removesuffix("\r")
        column = content.find(text)
        if column < 0 or not text:
            raise ValueError(f"finding {number}: text {text!r} is not on line {line_number}")
        start = starts[line_number - 1] + column
        end = start + len(text)
        if fix == "" and text == content and line_number < len(lines):
            end = starts[line_number]
        located.append(GoldFinding(line_number, category, text, fix, start, end))
    return tuple(located)


def map_rounds_to_raw(rounds: Sequence[Sequence[AppliedEdit]]) -> list[tuple[int, int, str]]:
    """Return ``(start, end, rule_id)`` of every applied edit as a span of the original text.

    Round *k*'s spans refer to the text round *k* started from; each is mapped back through
    the earlier rounds (a position inside a replaced stretch maps to that stretch's ends).
    """
    mapped = []
    for index, round_edits in enumerate(rounds):
        for edit in round_edits:
            start, end = edit.span.start, edit.span.end
            for earlier in reversed(rounds[:index]):
                start = _map_back(start, earlier, is_end=False)
                end = _map_back(end, earlier, is_end=True)
            mapped.append((start, end, edit.rule_id))
    return mapped


def _map_back(position: int, edits: Sequence[AppliedEdit], *, is_end: bool) -> int:
    delta = 0
    for edit in edits:
        new_start = edit.span.start + delta
        new_end = new_start + len(edit.replacement)
        if position <= new_start:
            return position - delta
        if position < new_end:
            return edit.span.end if is_end else edit.span.start
        delta += len(edit.replacement) - (edit.span.end - edit.span.start)
    return position - delta


def _overlap(start: int, end: int, other_start: int, other_end: int) -> int | None:
    """Length shared by two spans, 0 when they only meet, None when they are apart."""
    if start > other_end or other_start > end:
        return None
    return min(end, other_end) - max(start, other_start)


def categorise_gold(edit: TextEdit, findings: Sequence[GoldFinding]) -> str:
    """The category of the finding that covers ``edit`` best (fixable findings first)."""
    best: tuple[bool, int, int] | None = None
    category = UNCATEGORISED
    for finding in findings:
        shared = _overlap(edit.start, edit.end, finding.start, finding.end)
        if shared is None:
            continue
        key = (finding.fix is not None, shared, -(finding.end - finding.start))
        if best is None or key > best:
            best, category = key, finding.category
    return category


def attribute_output(edit: TextEdit, applied: Sequence[tuple[int, int, str]]) -> str | None:
    """The rule of the applied edit (in raw offsets) that overlaps ``edit`` most."""
    best: int | None = None
    rule_id = None
    for start, end, rule in applied:
        shared = _overlap(edit.start, edit.end, start, end)
        if shared is not None and (best is None or shared > best):
            best, rule_id = shared, rule
    return rule_id


def score_document(
    name: str,
    raw: str,
    gold: str,
    output: str,
    *,
    rounds: Sequence[Sequence[AppliedEdit]] = (),
    findings: Sequence[GoldFinding] = (),
    rule_categories: Mapping[str, str] | None = None,
) -> DocumentScore:
    """Compare the output edits with the gold edits of one document.

    >>> score = score_document("d", "in Aleppo , Syria", "in Aleppo, Syria", "in Aleppo, Syria")
    >>> score.counts
    Counts(tp=1, fp=0, fn=0)
    """
    gold_edits = extract_edits(raw, gold)
    output_edits = extract_edits(raw, output)
    applied = map_rounds_to_raw(rounds)
    categories = rule_categories or {}
    gold_set = set(gold_edits)
    output_set = set(output_edits)
    true_positives: list[ScoredEdit] = []
    false_negatives: list[ScoredEdit] = []
    for edit in gold_edits:
        scored = ScoredEdit(edit, categorise_gold(edit, findings))
        (true_positives if edit in output_set else false_negatives).append(scored)
    false_positives: list[ScoredEdit] = []
    for edit in output_edits:
        if edit in gold_set:
            continue
        rule_id = attribute_output(edit, applied)
        category = categories.get(rule_id, UNCATEGORISED) if rule_id else UNCATEGORISED
        false_positives.append(ScoredEdit(edit, category, rule_id))
    return DocumentScore(
        name=name,
        raw=raw,
        words=count_words(raw),
        is_control=raw == gold,
        true_positives=tuple(true_positives),
        false_positives=tuple(false_positives),
        false_negatives=tuple(false_negatives),
    )


def detect_findings(name: str, findings: Sequence[GoldFinding], checked: Sequence[Finding]) -> tuple[Detection, ...]:
    """For every gold finding, whether a ``check`` finding overlaps its span."""
    results = []
    for finding in findings:
        detected = any(_detects(found, finding) for found in checked)
        results.append(Detection(name, finding, detected))
    return tuple(results)


def _detects(found: Finding, finding: GoldFinding) -> bool:
    start, end = found.span.start, found.span.end
    if start == end:
        return finding.start <= start <= finding.end
    return start < finding.end and finding.start < end


def total_counts(documents: Iterable[DocumentScore]) -> Counts:
    total = Counts()
    for document in documents:
        total = total + document.counts
    return total


def counts_by_category(documents: Iterable[DocumentScore]) -> dict[str, Counts]:
    """TP and FN under the gold category, FP under the category of the rule that made it."""
    tallies: dict[str, list[int]] = {}
    for document in documents:
        for index, edits in enumerate((document.true_positives, document.false_positives, document.false_negatives)):
            for scored in edits:
                tallies.setdefault(scored.category, [0, 0, 0])[index] += 1
    return {category: Counts(*tallies[category]) for category in sorted(tallies)}
