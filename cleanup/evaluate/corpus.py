"""Run the pipeline over a folder of gold pairs and collect the scores ``mt-cleanup eval`` prints.

A pair is ``NAME.txt`` with ``NAME.clean.txt`` beside it (and, optionally,
``NAME.findings.json``), the format of ``corpus/`` and of the devset. For each fix level
asked for, every raw text goes through :func:`cleanup.fixer.fix_text` and is scored with
:func:`~cleanup.evaluate.scoring.score_document`; detection recall runs ``check`` once per
text, at every applicability. Bad input (a missing folder, no pair, undecodable text, a
malformed findings file) raises :class:`~cleanup.errors.InputError` naming the file.
Rendering is left to :mod:`cleanup.commands.eval`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanup.engine import check_document
from cleanup.errors import CleanupError, InputError
from cleanup.evaluate.scoring import (
    Counts,
    Detection,
    DocumentScore,
    GoldFinding,
    counts_by_category,
    detect_findings,
    locate_findings,
    score_document,
    total_counts,
)
from cleanup.fixer import fix_text
from cleanup.kinds.base import Document
from cleanup.model import Applicability
from cleanup.packs.ruleset import RuleSet
from cleanup.signature import run_signature
from cleanup.textfile import read_text_file

PER_WORDS = 10_000


@dataclass(frozen=True, slots=True)
class GoldPair:
    name: str
    raw_path: str
    raw: str
    gold: str
    findings: tuple[GoldFinding, ...] | None


@dataclass(frozen=True, slots=True)
class LevelScore:
    """Every document scored at one fix level."""

    level: Applicability
    signature: str
    documents: tuple[DocumentScore, ...]

    @property
    def overall(self) -> Counts:
        return total_counts(self.documents)

    @property
    def by_category(self) -> dict[str, Counts]:
        return counts_by_category(self.documents)

    @property
    def controls(self) -> tuple[DocumentScore, ...]:
        return tuple(document for document in self.documents if document.is_control)

    @property
    def control_words(self) -> int:
        return sum(document.words for document in self.controls)

    @property
    def false_edits_on_controls(self) -> int:
        return sum(len(document.false_positives) for document in self.controls)

    @property
    def false_edits_per_10k_words(self) -> float:
        words = self.control_words
        return PER_WORDS * self.false_edits_on_controls / words if words else 0.0


@dataclass(frozen=True, slots=True)
class EvalReport:
    directory: str
    pairs: tuple[GoldPair, ...]
    levels: tuple[LevelScore, ...]
    detections: tuple[Detection, ...]

    @property
    def words(self) -> int:
        return sum(level_document.words for level_document in self.levels[0].documents)

    def detection_by_category(self) -> dict[str, tuple[int, int]]:
        """``category -> (detected, total)`` over every gold finding, flag-only ones included."""
        tallies: dict[str, list[int]] = {}
        for detection in self.detections:
            tally = tallies.setdefault(detection.finding.category, [0, 0])
            tally[0] += detection.detected
            tally[1] += 1
        return {category: (tallies[category][0], tallies[category][1]) for category in sorted(tallies)}


def find_pairs(directory: str) -> list[Path]:
    """Return the ``NAME.txt`` files of ``directory`` that have a ``NAME.clean.txt``, sorted."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError(directory, "no such directory" if not root.exists() else "not a directory")
    raws = []
    for path in sorted(root.glob("*.txt")):
        if path.name.endswith(".clean.txt"):
            continue
        if path.with_name(path.name[: -len(".txt")] + ".clean.txt").is_file():
            raws.append(path)
    if not raws:
        raise InputError(directory, "no NAME.txt with a NAME.clean.txt beside it; nothing to evaluate")
    return raws


def load_pair(raw_path: Path) -> GoldPair:
    name = raw_path.name[: -len(".txt")]
    raw = read_text_file(raw_path).text
    gold = read_text_file(raw_path.with_name(f"{name}.clean.txt")).text
    findings_path = raw_path.with_name(f"{name}.findings.json")
    findings = _load_findings(findings_path, raw) if findings_path.is_file() else None
    return GoldPair(name, str(raw_path), raw, gold, findings)


def _load_findings(path: Path, raw: str) -> tuple[GoldFinding, ...]:
    try:
        entries = json.loads(read_text_file(path).text)
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not valid JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise InputError(str(path), "expected a list of {line, category, text, fix} objects")
    try:
        return locate_findings(raw, entries)
    except ValueError as error:
        raise InputError(str(path), str(error)) from None


def evaluate_directory(
    directory: str,
    *,
    ruleset: RuleSet,
    levels: Sequence[Applicability] = (Applicability.SAFE,),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> EvalReport:
    """Score the fixer on every gold pair of ``directory`` at each level in ``levels``."""
    pairs = tuple(load_pair(path) for path in find_pairs(directory))
    rule_categories = {rule.id: str(rule.meta.category) for rule in ruleset}
    level_scores = []
    for level in levels:
        documents = []
        for pair in pairs:
            try:
                result = fix_text(pair.raw, ruleset=ruleset, applicability=level, path=pair.raw_path)
            except InputError:
                raise
            except CleanupError as error:
                raise InputError(pair.raw_path, str(error)) from None
            documents.append(
                score_document(
                    pair.name,
                    pair.raw,
                    pair.gold,
                    result.text,
                    rounds=result.rounds,
                    findings=pair.findings or (),
                    rule_categories=rule_categories,
                )
            )
        signature = run_signature(ruleset, select=select, ignore=ignore, applicability=level)
        level_scores.append(LevelScore(level, signature, tuple(documents)))
    detections: list[Detection] = []
    for pair in pairs:
        if pair.findings:
            checked = check_document(ruleset, Document(pair.raw, pair.raw_path))
            detections.extend(detect_findings(pair.name, pair.findings, checked))
    return EvalReport(directory, pairs, tuple(level_scores), tuple(detections))
