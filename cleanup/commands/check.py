"""``mt-cleanup check PATH…``: report findings; exit 0 clean, 1 findings, 2 bad input."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cleanup import batch
from cleanup.commands.common import report_error, selected_ruleset
from cleanup.config import iter_config_inputs, load_config_for
from cleanup.engine import check_document
from cleanup.errors import CleanupError
from cleanup.inputs import read_input
from cleanup.kinds.base import Document
from cleanup.model import Applicability, Finding
from cleanup.report import formats, jsonout, text
from cleanup.signature import run_signature


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("check", parents=[common], help="report artifacts without changing files")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads standard input")
    parser.add_argument("--format", choices=formats.FORMATS, default="text")
    parser.add_argument(
        "--add-ignores",
        action="store_true",
        help="add an ignore-file entry for every current finding (baseline a corpus)",
    )
    parser.add_argument("--statistics", action="store_true", help="print counts per rule instead of each finding")
    batch.add_arguments(parser, command="check")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if batch.wants_batch(args):
        return batch.run(args, mode="check")
    batch.note_skipped_corpora(args)
    config = load_config_for(args.paths, args)
    ruleset = selected_ruleset(args, config)
    collected: list[formats.FileFindings] = []
    files: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    every_finding: list[Finding] = []
    files_checked = 0
    for item in iter_config_inputs(config, args.paths):
        if isinstance(item, CleanupError):
            report_error(item)
            errors.append({"path": getattr(item, "path", ""), "message": str(item)})
            continue
        try:
            source = read_input(item)
            findings = check_document(ruleset, Document(source.text, source.path))
        except CleanupError as error:
            report_error(error)
            errors.append({"path": item.path, "message": str(error)})
            continue
        files_checked += 1
        every_finding.extend(findings)
        label = "-" if item.is_stdin else item.path
        if args.add_ignores or args.format in formats.COLLECTED_FORMATS:
            collected.append(formats.FileFindings(label, source.text, tuple(findings)))
        elif args.format == "json":
            files.append(jsonout.file_to_dict(label, source.text, findings))
        elif not args.statistics:
            for line in text.format_findings(label, source.text, findings):
                sys.stdout.write(line + "\n")
    signature = run_signature(ruleset, select=config.select, ignore=config.ignore, applicability=config.fix)
    if args.add_ignores:
        from cleanup.suppress import add_ignores

        ignore_file, added = add_ignores(config, [(item.path, item.text, item.findings) for item in collected])
        sys.stderr.write(f"Added {added} entr{'y' if added == 1 else 'ies'} to {ignore_file}.\n")
        return 2 if errors else 0
    if args.format in formats.COLLECTED_FORMATS:
        failed = [formats.FileError(error["path"], error["message"]) for error in errors]
        sys.stdout.write(formats.render(args.format, collected, ruleset=ruleset, signature=signature, errors=failed))
    elif args.format == "json":
        document = {
            "schema": jsonout.SCHEMA_VERSION,
            "signature": signature,
            "files": files,
            "errors": errors,
            "summary": _summary(every_finding, files_checked),
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif files_checked or not errors:
        if args.statistics:
            for row in text.format_statistics(every_finding):
                sys.stdout.write(row + "\n")
        safe = sum(1 for finding in every_finding if finding.applicability is Applicability.SAFE)
        unsafe = sum(1 for finding in every_finding if finding.applicability is Applicability.UNSAFE)
        sys.stdout.write(text.format_summary(len(every_finding), safe, unsafe, files_checked) + "\n")
    if errors:
        return 2
    return 1 if every_finding else 0


def _summary(findings: list[Finding], files_checked: int) -> dict[str, Any]:
    by_rule: dict[str, int] = {}
    for finding in findings:
        by_rule[finding.rule_id] = by_rule.get(finding.rule_id, 0) + 1
    return {"files": files_checked, "findings": len(findings), "by_rule": dict(sorted(by_rule.items()))}
