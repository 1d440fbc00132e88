"""``mt-cleanup eval DIR``: score the fixer against gold pairs; exit 0, or 2 on bad input.

Runs :func:`cleanup.evaluate.evaluate_directory` at the safe level (and the unsafe level
too with ``--unsafe-fixes``) and prints edit-level precision, recall and F0.5, per
category, detection recall and false edits on clean controls, each level with its run
signature. The JSON keys are documented in ``docs/json-schema.md`` (``eval``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cleanup.commands.common import selected_ruleset
from cleanup.evaluate import Counts, EvalReport, LevelScore, evaluate_directory
from cleanup.evaluate.scoring import ScoredEdit
from cleanup.model import Applicability
from cleanup.report.jsonout import SCHEMA_VERSION
from cleanup.textfile import LineIndex

#: False edits on controls listed in text output (JSON lists them all).
SHOWN_FALSE_EDITS = 5


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "eval", parents=[common], help="score fixes against gold (NAME.txt beside NAME.clean.txt)"
    )
    parser.add_argument("directory", metavar="DIR", help="folder of NAME.txt, NAME.clean.txt and NAME.findings.json")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--unsafe-fixes", action="store_true", help="score the unsafe level as well as the safe one")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = selected_ruleset(args)
    levels = (Applicability.SAFE, Applicability.UNSAFE) if args.unsafe_fixes else (Applicability.SAFE,)
    report = evaluate_directory(args.directory, ruleset=ruleset, levels=levels, select=args.select, ignore=args.ignore)
    if args.format == "json":
        sys.stdout.write(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.writelines(line + "\n" for line in format_report(report))
    return 0


def counts_to_dict(counts: Counts) -> dict[str, Any]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f05": round(counts.f05, 4),
    }


def _edit_to_dict(name: str, raw: str, index: LineIndex, scored: ScoredEdit) -> dict[str, Any]:
    edit = scored.edit
    line, column = index.position(edit.start)
    return {
        "document": name,
        "start": edit.start,
        "end": edit.end,
        "line": line,
        "column": column,
        "original": raw[edit.start : edit.end],
        "replacement": edit.replacement,
        "category": scored.category,
        "rule": scored.rule_id,
    }


def _level_to_dict(level: LevelScore) -> dict[str, Any]:
    files = []
    control_edits = []
    for document in level.documents:
        index = LineIndex(document.raw)
        false_positives = [_edit_to_dict(document.name, document.raw, index, item) for item in document.false_positives]
        false_negatives = [_edit_to_dict(document.name, document.raw, index, item) for item in document.false_negatives]
        if document.is_control:
            control_edits.extend(false_positives)
        files.append(
            {
                "name": document.name,
                "control": document.is_control,
                "words": document.words,
                **{key: value for key, value in counts_to_dict(document.counts).items() if key in ("tp", "fp", "fn")},
                "false_positives": false_positives,
                "false_negatives": false_negatives,
            }
        )
    return {
        "level": str(level.level),
        "signature": level.signature,
        "overall": counts_to_dict(level.overall),
        "categories": {category: counts_to_dict(counts) for category, counts in level.by_category.items()},
        "controls": {
            "documents": len(level.controls),
            "words": level.control_words,
            "false_edits": level.false_edits_on_controls,
            "false_edits_per_10k_words": round(level.false_edits_per_10k_words, 4),
            "edits": control_edits,
        },
        "files": files,
    }


def report_to_dict(report: EvalReport) -> dict[str, Any]:
    """The ``eval`` JSON document (keys documented in docs/json-schema.md)."""
    detected = sum(1 for item in report.detections if item.detected)
    total = len(report.detections)
    return {
        "schema": SCHEMA_VERSION,
        "command": "eval",
        "signature": report.levels[-1].signature,
        "directory": report.directory,
        "documents": len(report.pairs),
        "controls": sum(1 for pair in report.pairs if pair.raw == pair.gold),
        "words": report.words,
        "levels": [_level_to_dict(level) for level in report.levels],
        "detection": {
            "overall": {"detected": detected, "total": total, "recall": round(detected / total, 4) if total else 1.0},
            "categories": {
                category: {"detected": found, "total": count, "recall": round(found / count, 4)}
                for category, (found, count) in report.detection_by_category().items()
            },
            "missed": [
                {
                    "document": item.name,
                    "line": item.finding.line,
                    "category": item.finding.category,
                    "text": item.finding.text,
                    "fix": item.finding.fix,
                }
                for item in report.detections
                if not item.detected
            ],
        },
    }


def format_report(report: EvalReport) -> list[str]:
    controls = sum(1 for pair in report.pairs if pair.raw == pair.gold)
    lines = [
        f"mt-cleanup eval {report.directory}: {len(report.pairs)} documents ({controls} controls), "
        f"{report.words:,} words"
    ]
    for level in report.levels:
        lines.extend(_format_level(level))
    lines.extend(_format_detection(report))
    return lines


def _format_counts(counts: Counts) -> str:
    scores = f"{counts.precision:6.3f} {counts.recall:6.3f} {counts.f05:6.3f}"
    return f"{counts.tp:5d} {counts.fp:5d} {counts.fn:5d}  {scores}"


def _format_level(level: LevelScore) -> list[str]:
    overall = level.overall
    lines = [
        "",
        f"fix level {level.level}",
        f"signature: {level.signature}",
        f"  {'':<18}{'TP':>5} {'FP':>5} {'FN':>5}  {'P':>6} {'R':>6} {'F0.5':>6}",
        f"  {'overall':<18}{_format_counts(overall)}",
    ]
    lines.extend(f"  {category:<18}{_format_counts(counts)}" for category, counts in level.by_category.items())
    lines.append(
        f"  controls: {level.false_edits_on_controls} false edits in {len(level.controls)} documents "
        f"({level.control_words:,} words) = {level.false_edits_per_10k_words:.2f} per 10,000 words"
    )
    shown = 0
    for document in level.controls:
        index = LineIndex(document.raw)
        for scored in document.false_positives:
            if shown == SHOWN_FALSE_EDITS:
                lines.append(f"    … and {level.false_edits_on_controls - shown} more (see --format json)")
                return lines
            line, column = index.position(scored.edit.start)
            original = document.raw[scored.edit.start : scored.edit.end]
            lines.append(
                f"    {document.name}:{line}:{column}: {scored.rule_id or '?'} "
                f"{original!r} \N{RIGHTWARDS ARROW} {scored.edit.replacement!r}"
            )
            shown += 1
    return lines


def _format_detection(report: EvalReport) -> list[str]:
    if not report.detections:
        return ["", "detection recall: no NAME.findings.json, nothing to measure"]
    detected = sum(1 for item in report.detections if item.detected)
    total = len(report.detections)
    lines = [
        "",
        "detection recall (any check finding overlapping a gold finding, flag-only ones included)",
        f"  {'':<18}{'found':>6} {'total':>6} {'recall':>7}",
        f"  {'overall':<18}{detected:6d} {total:6d} {detected / total:7.3f}",
    ]
    for category, (found, count) in report.detection_by_category().items():
        lines.append(f"  {category:<18}{found:6d} {count:6d} {found / count:7.3f}")
    return lines
