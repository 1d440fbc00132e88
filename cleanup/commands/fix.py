"""``mt-cleanup fix PATH…``: rewrite files atomically, or write to ``--out``, or print a diff.

Exit status: 0 when every input was processed (findings it cannot fix are counted in the
summary line), 1 when a file changed and ``--exit-non-zero-on-fix`` was given (for hooks),
2 when an input could not be read or fixed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from cleanup import batch
from cleanup.commands.common import report_error, selected_ruleset, write_output
from cleanup.config import iter_config_inputs, load_config_for
from cleanup.diff import iter_diff_lines
from cleanup.errors import CleanupError
from cleanup.fixer import fix_text
from cleanup.inputs import InputPath, read_input
from cleanup.model import Applicability, FixResult
from cleanup.packs.ruleset import RuleSet
from cleanup.signature import run_signature
from cleanup.textfile import TextFile, write_atomic


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
    parser.add_argument("--no-color", action="store_true", help="plain --diff output even on a terminal")
    parser.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when any file changed")
    batch.add_arguments(parser, command="fix")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if batch.wants_batch(args):
        return batch.run(args, mode="fix")
    batch.note_skipped_corpora(args)
    config = load_config_for(args.paths, args)
    ruleset = selected_ruleset(args, config)
    level = config.fix
    had_error = False
    changed_files = 0
    applied = 0
    remaining = 0
    files = 0
    fixed_for_html: list[tuple[str, str, FixResult]] = []
    for item in iter_config_inputs(config, args.paths):
        if isinstance(item, CleanupError):
            report_error(item)
            had_error = True
            continue
        try:
            source = read_input(item)
            result = fix_text(source.text, ruleset=ruleset, applicability=level, path=source.path)
            _emit(args, item, source, result)
            if args.html_path:
                fixed_for_html.append(("-" if item.is_stdin else item.path, source.text, result))
        except CleanupError as error:
            report_error(error)
            had_error = True
            continue
        files += 1
        applied += len(result.applied)
        remaining += len(result.remaining)
        changed_files += result.changed
    if args.html_path:
        _write_html(args, ruleset, level, fixed_for_html)
    verb = "Would fix" if args.diff else "Fixed"
    if files:
        sys.stderr.write(
            f"{verb} {applied} artifact{'s' if applied != 1 else ''} in {changed_files} of {files} "
            f"file{'s' if files != 1 else ''}; {remaining} finding{'s' if remaining != 1 else ''} left.\n"
        )
    if had_error:
        return 2
    if args.exit_non_zero_on_fix and changed_files:
        return 1
    return 0


def _emit(args: argparse.Namespace, item: InputPath, source: TextFile, result: FixResult) -> None:
    if args.diff:
        if result.changed:
            label = "-" if item.is_stdin else item.path
            color = not args.no_color and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            for line in iter_diff_lines(source.text, result, label, color=color):
                sys.stdout.write(line + "\n")
        return
    data = source.encode(result.text)
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


def _write_html(
    args: argparse.Namespace, ruleset: RuleSet, level: Applicability, fixed: list[tuple[str, str, FixResult]]
) -> None:
    from cleanup.report.html import render_fix_report  # only --html pays for the report code

    signature = run_signature(ruleset, select=args.select, ignore=args.ignore, applicability=level)
    page = render_fix_report(fixed, ruleset=ruleset, signature=signature)
    write_output(args.html_path, page.encode("utf-8"))
