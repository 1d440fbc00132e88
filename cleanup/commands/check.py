"""``mt-cleanup check PATH…``: report findings; exit 0 clean, 1 findings, 2 bad input.

Every format is written by :mod:`cleanup.report.formats` (the text format streams a file at
a time; the others render once every file is checked). ``--exit-zero`` turns exit 1 into 0.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cleanup import batch
from cleanup.commands.common import (
    ReportOutput,
    add_run_arguments,
    error_path,
    iter_sources,
    note_nothing_found,
    report_error,
    selected_ruleset,
    use_color,
)
from cleanup.config import load_config_for
from cleanup.engine import check_document
from cleanup.errors import CleanupError
from cleanup.kinds.base import Document
from cleanup.model import Applicability
from cleanup.report import formats, text
from cleanup.signature import run_signature


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("check", parents=[common], help="report artifacts without changing files")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads standard input")
    add_run_arguments(parser, command="check")
    parser.add_argument(
        "--add-ignores",
        action="store_true",
        help="add an ignore-file entry for every current finding (baseline a corpus)",
    )
    batch.add_arguments(parser, command="check")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if batch.wants_batch(args):
        return batch.run(args, mode="check")
    batch.note_skipped_corpora(args)
    config = load_config_for(args.paths, args)
    ruleset = selected_ruleset(args, config)
    output = ReportOutput(args.output_file)
    color = output.path is None and use_color(args, sys.stdout)
    streams_text = args.format == "text" and not args.statistics and not args.add_ignores
    collected: list[formats.FileFindings] = []
    errors: list[formats.FileError] = []
    checked_paths: list[str] = []
    files_checked = findings_count = safe = unsafe = 0
    for source in iter_sources(args, config):
        if isinstance(source, CleanupError):
            report_error(source)
            errors.append(formats.FileError(error_path(source), str(source)))
            continue
        if source.is_excluded:
            continue
        try:
            findings = check_document(ruleset, Document(source.file.text, source.file.path))
        except CleanupError as error:
            report_error(error)
            errors.append(formats.FileError(source.label, str(error)))
            continue
        files_checked += 1
        if not source.item.is_stdin:
            checked_paths.append(source.item.path)
        findings_count += len(findings)
        safe += sum(1 for finding in findings if finding.applicability is Applicability.SAFE)
        unsafe += sum(1 for finding in findings if finding.applicability is Applicability.UNSAFE)
        result = formats.FileFindings(source.label, source.file.text, tuple(findings))
        if streams_text:
            for line in formats.render_text_file(result, color=color):
                output.write(line + "\n")
        else:
            collected.append(result)
    if args.add_ignores:
        from cleanup.suppress import add_ignores

        ignore_file, added = add_ignores(config, [(item.path, item.text, item.findings) for item in collected])
        sys.stderr.write(f"Added {added} entr{'y' if added == 1 else 'ies'} to {ignore_file}.\n")
        return 2 if errors else 0
    _warn_stale_ignores(ruleset, checked_paths)
    if not files_checked and not errors:
        note_nothing_found(config)
        output.close()
        return 0
    if args.format in formats.COLLECTED_FORMATS:
        signature = run_signature(ruleset, select=config.select, ignore=config.ignore, applicability=config.fix)
        output.write(formats.render(args.format, collected, ruleset=ruleset, signature=signature, errors=errors))
    elif files_checked:
        if args.statistics:
            every_finding = [finding for result in collected for finding in result.findings]
            for row in text.format_statistics(every_finding):
                output.write(row + "\n")
        output.write(text.format_summary(findings_count, safe, unsafe, files_checked) + "\n")
    output.close()
    if errors:
        return 2
    return 1 if findings_count and not args.exit_zero else 0


def _warn_stale_ignores(ruleset: Any, checked_paths: list[str]) -> None:
    """Name the ignore-file entries of the checked files that silenced nothing (the text moved on)."""
    suppressor = getattr(ruleset, "suppressor", None)
    if suppressor is None or not checked_paths:
        return
    stale = suppressor.stale_entries(checked_paths, [rule.id for rule in ruleset])
    for entry in stale:
        sys.stderr.write(
            f"mt-cleanup: warning: {suppressor.config.ignore_file}: stale entry '{entry}' matches no finding"
            " (remove it, or rerun `check --add-ignores` after fixing)\n"
        )
