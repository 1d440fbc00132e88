"""``mt-cleanup fix PATH…``: rewrite files atomically, or write to ``--out``, or print a diff.

What was fixed goes to stderr, a line per changed file (``--show-fixes``: per rule, as
ruff lists it) and a total; the findings left are reported on stdout in ``--format`` (as
``ruff check --fix`` does), except when stdout carries the fixed text (``-``) or the diff.
Exit status: 0 when every input was processed and no finding is left, 1 when findings
remain (``--exit-zero`` turns that into 0) or, with ``--exit-non-zero-on-fix``, when a file
changed; 2 when an input could not be read or fixed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cleanup import batch
from cleanup.batch.plan import refuse_colliding_outputs
from cleanup.commands.common import (
    ReportOutput,
    Source,
    add_run_arguments,
    error_path,
    iter_sources,
    note_nothing_found,
    report_error,
    selected_ruleset,
    use_color,
    write_output,
)
from cleanup.config import Config, load_config_for
from cleanup.diff import iter_diff_lines
from cleanup.errors import CleanupError
from cleanup.fixer import fix_text
from cleanup.model import Applicability, FixResult
from cleanup.packs.ruleset import RuleSet
from cleanup.report import formats, text
from cleanup.signature import run_signature
from cleanup.textfile import write_atomic


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("fix", parents=[common], help="apply safe fixes (in place, or to --out)")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads standard input")
    parser.add_argument(
        "--out", metavar="DIR", help="write fixed copies under DIR (mirroring the inputs) instead of in place"
    )
    parser.add_argument("--diff", action="store_true", help="print a unified diff instead of writing")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    parser.add_argument("--no-unsafe-fixes", action="store_true", help="only safe fixes, whatever the config says")
    parser.add_argument(
        "--html", dest="html_path", metavar="FILE", help="also write the HTML diff report of the changes"
    )
    parser.add_argument("--no-color", action="store_true", help="same as --color never")
    parser.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when any file changed")
    parser.add_argument(
        "--show-fixes", action="store_true", help="list the fixes made in each file, per rule (on stderr)"
    )
    add_run_arguments(parser, command="fix")
    batch.add_arguments(parser, command="fix")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if batch.wants_batch(args):
        if args.html_path:
            raise CleanupError(
                "--html is not available for corpus runs (a .jsonl input, a folder holding one, or a batch option"
                " such as --jobs): it holds every change in memory; use --findings-out FILE.jsonl for an audit"
            )
        return batch.run(args, mode="fix")
    batch.note_skipped_corpora(args)
    config = load_config_for(args.paths, args)
    ruleset = selected_ruleset(args, config)
    level = config.fix
    skip_dirs = (args.out,) if args.out else ()
    if args.out:
        refuse_colliding_outputs(args.paths, config, args.out)
    # Standard output carries the fixed text or the diff: the report of what is left goes to
    # --output-file only, then.
    reports = not (args.diff or "-" in args.paths) or bool(args.output_file)
    output = ReportOutput(args.output_file)
    color = output.path is None and use_color(args, sys.stdout)
    errors: list[formats.FileError] = []
    results: list[formats.FileFindings] = []
    fixed_for_html: list[tuple[str, str, FixResult]] = []
    changed_files = remaining = remaining_unsafe = 0
    for source in iter_sources(args, config, skip_dirs=skip_dirs):
        if isinstance(source, CleanupError):
            report_error(source)
            errors.append(formats.FileError(error_path(source), str(source)))
            continue
        try:
            if source.is_excluded:  # --force-exclude on stdin: give the text back unchanged
                _emit(args, source, fix_result_unchanged(source.file.text))
                continue
            result = fix_text(source.file.text, ruleset=ruleset, applicability=level, path=source.file.path)
            _emit(args, source, result)
        except CleanupError as error:
            report_error(error)
            errors.append(formats.FileError(source.label, str(error)))
            continue
        if args.html_path:
            fixed_for_html.append((source.label, source.file.text, result))
        file_result = formats.FileFindings(source.label, result.text, tuple(result.remaining), tuple(result.applied))
        results.append(file_result)
        changed_files += result.changed
        remaining += len(result.remaining)
        remaining_unsafe += sum(1 for item in result.remaining if item.applicability is Applicability.UNSAFE)
        if reports and args.format == "text" and not args.statistics:
            for line in formats.render_text_file(file_result, color=color):
                output.write(line + "\n")
    if not results and not errors:
        note_nothing_found(config)
        return 0
    if args.html_path:
        _write_html(args, ruleset, config, fixed_for_html)
    names = {rule.id: rule.meta.name for rule in ruleset}
    if reports:
        _write_report(args, output, results, errors, ruleset, config, names)
    output.close()
    _write_fix_summary(args, results, names, changed_files, remaining, remaining_unsafe, level)
    if errors:
        return 2
    if args.exit_non_zero_on_fix and changed_files:
        return 1
    return 1 if remaining and not args.exit_zero else 0


def fix_result_unchanged(text_value: str) -> FixResult:
    return FixResult(text=text_value, rounds=(), remaining=())


def _emit(args: argparse.Namespace, source: Source, result: FixResult) -> None:
    item = source.item
    if args.diff:
        if result.changed:
            color = use_color(args, sys.stdout)
            for line in iter_diff_lines(source.file.text, result, source.label, color=color):
                sys.stdout.write(line + "\n")
        return
    data = source.file.encode(result.text)
    if item.is_stdin:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    elif args.out:
        target = Path(args.out) / item.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data, mode_from=item.path)
    elif result.changed:
        write_atomic(item.path, data)


def _write_report(
    args: argparse.Namespace,
    output: ReportOutput,
    results: list[formats.FileFindings],
    errors: list[formats.FileError],
    ruleset: RuleSet,
    config: Config,
    names: dict[str, str],
) -> None:
    if args.format in formats.COLLECTED_FORMATS:
        signature = run_signature(ruleset, select=config.select, ignore=config.ignore, applicability=config.fix)
        output.write(
            formats.render(args.format, results, ruleset=ruleset, signature=signature, errors=errors, mode="fix")
        )
    elif args.statistics:
        for row in text.format_fixed_statistics([edit for item in results for edit in item.applied], names):
            output.write(row + "\n")
        for row in text.format_statistics([finding for item in results for finding in item.findings]):
            output.write(row + "\n")


def _write_fix_summary(
    args: argparse.Namespace,
    results: list[formats.FileFindings],
    names: dict[str, str],
    changed_files: int,
    remaining: int,
    remaining_unsafe: int,
    level: Applicability,
) -> None:
    """What was fixed, on stderr: a line per changed file (or ruff's enumeration), then a total."""
    if args.show_fixes:
        for line in text.format_show_fixes([(item.path, item.applied) for item in results], names):
            sys.stderr.write(line + "\n")
    elif not getattr(args, "quiet", False):
        for item in results:
            if item.applied:
                verb = "would fix" if args.diff else "fixed"
                sys.stderr.write(text.format_file_fixes(item.path, item.applied, verb=verb) + "\n")
    files = len(results)
    if not files:
        return
    applied = sum(len(item.applied) for item in results)
    verb = "Would fix" if args.diff else "Fixed"
    line = (
        f"{verb} {applied} artifact{'s' if applied != 1 else ''} in {changed_files} of {files} "
        f"file{'s' if files != 1 else ''}; {remaining} finding{'s' if remaining != 1 else ''} left."
    )
    if remaining_unsafe and level is Applicability.SAFE:
        line += " " + text.unsafe_hint(remaining_unsafe)
    sys.stderr.write(line + "\n")


def _write_html(
    args: argparse.Namespace, ruleset: RuleSet, config: Config, fixed: list[tuple[str, str, FixResult]]
) -> None:
    from cleanup.report.html import render_fix_report  # only --html pays for the report code

    signature = run_signature(ruleset, select=config.select, ignore=config.ignore, applicability=config.fix)
    page = render_fix_report(fixed, ruleset=ruleset, signature=signature)
    write_output(args.html_path, page.encode("utf-8"))
