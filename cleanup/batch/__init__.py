"""Corpus runs of ``check`` and ``fix``: folders and JSONL corpora, many workers, resumable.

The commands hand their parsed arguments to :func:`run` when :func:`wants_batch` says the
job is a corpus (a folder, a ``.jsonl`` file, or a batch option such as ``--jobs``); single
files keep the commands' fast serial path. The pieces: :mod:`~cleanup.batch.plan` cuts the
inputs into tasks, :mod:`~cleanup.batch.worker` processes one task, :mod:`~cleanup.batch.runner`
runs tasks on an engine and gathers records in order, :mod:`~cleanup.batch.state` makes
``--resume`` possible, :mod:`~cleanup.batch.progress` draws the bar and the table.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleanup.batch.plan import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_FILES
from cleanup.errors import CleanupError
from cleanup.inputs import JSONL_EXTENSION, folder_holds_corpus

if TYPE_CHECKING:
    from cleanup.batch.progress import ProgressBar
    from cleanup.batch.repeated import RepeatedSettings
    from cleanup.batch.runner import Totals
    from cleanup.config import Config

# The runner, the worker and their imports load only for a corpus run: a one-file check
# (the pre-commit hook) must not pay for them.

_BATCH_OPTIONS = ("jobs", "resume", "findings_out", "removed_lines", "repeated_lines")
#: Flagged repeated lines listed on stderr at the end of a run (the findings name them all).
_REPEATED_SHOWN = 50


def add_arguments(parser: argparse.ArgumentParser, *, command: str) -> None:
    """The batch options shared by ``check`` and ``fix``."""
    group = parser.add_argument_group("corpus runs (folders and .jsonl files)")
    group.add_argument(
        "--jobs", "-j", type=_positive, default=None, metavar="N", help="worker processes (default: all cores)"
    )
    group.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where workers run: this machine, or a Dask cluster (needs mt-cleanup[dask])",
    )
    group.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="Dask scheduler address for --engine dask")
    group.add_argument("--field", default="text", metavar="NAME", help="JSONL field holding the text (default: text)")
    group.add_argument("--findings-out", metavar="FILE.jsonl", help="write one JSON line of findings per document")
    if command == "fix":
        group.add_argument(
            "--removed-lines",
            metavar="FILE.jsonl",
            help="write the boilerplate lines deleted from each document, for audit",
        )
    group.add_argument(
        "--repeated-lines",
        type=_at_least_two,
        default=None,
        metavar="MIN_DOCS",
        help="report (BLP002) the short lines found in at least MIN_DOCS documents of the corpus (page furniture)",
    )
    group.add_argument(
        "--repeated-lines-share",
        type=_share,
        default=0.0,
        metavar="FRACTION",
        help="with --repeated-lines: also in at least this share of the documents (0 to 1; default 0)",
    )
    if command == "fix":
        group.add_argument(
            "--remove-repeated-lines",
            action="store_true",
            help="with --repeated-lines: delete those lines from every document",
        )
    group.add_argument(
        "--resume", action="store_true", help="finish an interrupted run: skip the batches that are complete"
    )
    group.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary table")
    group.add_argument(
        "--batch-size", type=_positive, default=DEFAULT_BATCH_FILES, metavar="FILES", help=argparse.SUPPRESS
    )
    group.add_argument("--batch-bytes", type=_positive, default=DEFAULT_BATCH_BYTES, help=argparse.SUPPRESS)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _at_least_two(value: str) -> int:
    number = int(value)
    if number < 2:
        raise argparse.ArgumentTypeError("must be at least 2 (a line in one document is not repeated)")
    return number


def _share(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return number


def wants_batch(args: argparse.Namespace) -> bool:
    """True when the job is a corpus run: a .jsonl input (named, or in a folder), or a batch
    option such as ``--jobs``."""
    if "-" in args.paths or getattr(args, "diff", False) or getattr(args, "add_ignores", False):
        return False
    if any(path.lower().endswith(JSONL_EXTENSION) for path in args.paths):
        return True
    if getattr(args, "engine", "local") == "dask" or any(getattr(args, name, None) for name in _BATCH_OPTIONS):
        return True
    # A folder holding a JSONL corpus is a corpus run, so `fix DIR --out OUT` treats it as
    # `--jobs N` does. Other folder runs stay on the serial, configuration-aware path (every
    # output format), which walks text files only; --jobs and the other batch options opt in.
    return any(folder_holds_corpus(path) for path in args.paths if os.path.isdir(path))


def note_skipped_corpora(args: argparse.Namespace) -> None:
    """On the serial path, say on stderr which folders' JSONL corpora the run leaves out
    (``--diff`` and ``--add-ignores`` read text files only): silence would look like a clean corpus."""
    if getattr(args, "repeated_lines", None):
        raise CleanupError(
            "--repeated-lines counts lines across a corpus run; it does not combine with --diff,"
            " --add-ignores or standard input (use --findings-out or --removed-lines for an audit)"
        )
    if getattr(args, "diff", False):
        option = "--diff"
    elif getattr(args, "add_ignores", False):
        option = "--add-ignores"
    else:
        return  # a plain folder run holding a corpus is a corpus run (wants_batch)
    for path in args.paths:
        if path != "-" and os.path.isdir(path) and folder_holds_corpus(path):
            sys.stderr.write(f"mt-cleanup: note: {path} holds .jsonl corpora, which {option} skips (text files only)\n")


def _refuse_corpus_in_place(paths: list[str], config: Config) -> None:
    """Refuse, before any work, an in-place fix that would reach a JSONL corpus: a run that
    fixed some text files and then stopped at the corpus would leave a half-done tree."""
    from cleanup.batch.plan import FileItem, iter_items

    for item in iter_items(paths, config):
        if isinstance(item, FileItem) and item.path.lower().endswith(JSONL_EXTENSION):
            raise CleanupError(f"{item.label}: fixing a JSONL corpus needs --out DIR (it is not rewritten in place)")


def run(args: argparse.Namespace, *, mode: str) -> int:
    """Run ``check`` or ``fix`` over a corpus; exit 2 if any document failed, else as the serial command."""
    from cleanup.batch.plan import iter_tasks, refuse_colliding_outputs, total_bytes
    from cleanup.batch.progress import ProgressBar
    from cleanup.batch.runner import Sinks, StreamedFile, manifest, prepare_outputs, run_tasks
    from cleanup.batch.state import RunState
    from cleanup.batch.worker import Options, RuleSpec, load_ruleset
    from cleanup.commands.common import ReportOutput, use_color
    from cleanup.config import load_config_for
    from cleanup.report import formats

    format_name = getattr(args, "format", "text")
    if format_name not in formats.STREAMED_FORMATS:
        raise CleanupError(
            f"--format {format_name} is not written by corpus runs (a .jsonl input, a folder holding one, or a"
            f" batch option); use --format {', '.join(formats.STREAMED_FORMATS[1:])}, or --findings-out FILE.jsonl"
        )
    is_fix = mode == "fix"
    out_dir = os.path.abspath(args.out) if is_fix and args.out else None
    removed_lines = getattr(args, "removed_lines", None)
    state_dir = _state_dir(out_dir, args.findings_out)
    if args.resume and state_dir is None:
        raise CleanupError("--resume needs an output to resume: --out DIR (fix) or --findings-out FILE (check)")
    config = load_config_for(args.paths, args)
    skip_dirs = (out_dir,) if out_dir is not None else ()
    if is_fix and out_dir is None:
        _refuse_corpus_in_place(args.paths, config)
    if out_dir is not None:
        refuse_colliding_outputs(args.paths, config, out_dir)
    spec = RuleSpec(config)
    load_ruleset.cache_clear()  # a new run in this process: re-read the packs' suppressions (ignore file)
    ruleset = load_ruleset(spec)
    output = ReportOutput(getattr(args, "output_file", None))
    options = Options(
        mode=mode,
        rules=spec,
        applicability=config.fix,
        field=args.field,
        out_dir=out_dir,
        state_dir=state_dir,
        render_findings=not getattr(args, "statistics", False),
        format=format_name,
        color=output.path is None and use_color(args, sys.stdout),
        findings_out=bool(args.findings_out),
        removed_lines=bool(removed_lines),
    )
    repeated = _repeated_settings(args, ruleset, is_fix=is_fix)
    prepare_outputs(options, findings_out=args.findings_out, removed_lines=removed_lines)
    state = None
    if state_dir is not None:
        settings = manifest(
            options, list(args.paths), ruleset.signature, args.batch_size, args.batch_bytes, repeated=repeated
        )
        state = RunState(Path(state_dir), settings, resume=args.resume)
    show_progress = sys.stderr.isatty() and not args.quiet
    total = total_bytes(args.paths, config, skip_dirs=skip_dirs) if show_progress else None
    progress = ProgressBar(sys.stderr, enabled=show_progress, total_bytes=total)
    if show_progress and repeated is not None:  # the bar starts with the second pass
        sys.stderr.write("mt-cleanup: first pass: counting the lines of every document (--repeated-lines)\n")
    json_stream = None
    write_line: Callable[[str], None] = partial(_write_line, output)
    if format_name == "json":
        from cleanup.report.jsonout import JsonStream
        from cleanup.signature import run_signature

        signature = run_signature(ruleset, select=config.select, ignore=config.ignore, applicability=config.fix)
        json_stream = JsonStream(output.write, signature=signature)
        write_line = json_stream.add
    sinks = Sinks(
        options=options,
        write_line=write_line,
        write_error=lambda line: _clear_then(progress, f"mt-cleanup: {line}\n"),
        findings_out=StreamedFile(Path(args.findings_out)) if args.findings_out else None,
        removed_lines=StreamedFile(Path(removed_lines)) if removed_lines else None,
        on_record=lambda totals: progress.update(totals.docs, totals.bytes, totals.findings, len(totals.errors)),
    )
    tasks = iter_tasks(
        args.paths, batch_files=args.batch_size, batch_bytes=args.batch_bytes, config=config, skip_dirs=skip_dirs
    )
    jobs = args.jobs or _cpu_count()
    try:
        totals = run_tasks(
            tasks,
            options=options,
            engine_name=args.engine,
            jobs=jobs,
            scheduler=args.scheduler,
            sinks=sinks,
            state=state,
            repeated=repeated,
            count_tasks=iter_tasks(
                args.paths,
                batch_files=args.batch_size,
                batch_bytes=args.batch_bytes,
                config=config,
                skip_dirs=skip_dirs,
            )
            if repeated is not None
            else (),
        )
    except KeyboardInterrupt:
        progress.close()
        output.abort()
        raise KeyboardInterrupt(_interrupted_message(state_dir)) from None
    except BaseException:
        output.abort()
        raise
    progress.close()
    if state is not None:
        state.remove()
    if json_stream is not None:
        errors = [formats.FileError(doc_id, f"{doc_id}: {reason}") for doc_id, reason in totals.errors_in_input_order()]
        fixed = sum(totals.fixed.values()) if is_fix else None
        json_stream.finish(errors, files=totals.docs, by_rule=totals.found, fixed=fixed)
    names = {rule.id: rule.meta.name for rule in ruleset}
    _summarize(args, totals, ruleset_names=names, is_fix=is_fix, output=output, config=config)
    output.close()
    if totals.errors:
        return 2
    if is_fix and args.exit_non_zero_on_fix and totals.changed:
        return 1
    return 1 if totals.findings and not getattr(args, "exit_zero", False) else 0


def _repeated_settings(args: argparse.Namespace, ruleset: Any, *, is_fix: bool) -> RepeatedSettings | None:
    """The ``--repeated-lines`` options, checked; None when the run does not look for them."""
    from cleanup.batch.repeated import RULE_ID, RepeatedSettings

    remove = is_fix and getattr(args, "remove_repeated_lines", False)
    if args.repeated_lines is None:
        if remove:
            raise CleanupError(
                "--remove-repeated-lines needs --repeated-lines MIN_DOCS"
                " (in how many documents a line is page furniture)"
            )
        return None
    if ruleset.get(RULE_ID) is None:
        raise CleanupError(f"--repeated-lines reports rule {RULE_ID}, which the rule selection leaves out")
    return RepeatedSettings(args.repeated_lines, args.repeated_lines_share, remove)


def _write_line(output: Any, line: str) -> None:
    output.write(line + "\n")


def _interrupted_message(state_dir: str | None) -> str:
    """What Ctrl-C leaves behind, and how to finish."""
    if state_dir is not None:
        return "interrupted; the finished batches are kept: run the same command with --resume to finish"
    return (
        "interrupted; nothing was kept (a run with --out DIR, or check with --findings-out FILE,"
        " can be finished with --resume)"
    )


def _state_dir(out_dir: str | None, findings_out: str | None) -> str | None:
    from cleanup.batch.state import STATE_NAME

    if out_dir is not None:
        return str(Path(out_dir) / STATE_NAME)
    if findings_out:
        target = Path(os.path.abspath(findings_out))
        return str(target.parent / f".{target.name}{STATE_NAME}")
    return None


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _clear_then(progress: ProgressBar, text: str) -> None:
    progress.close()
    sys.stderr.write(text)


def _summarize(
    args: argparse.Namespace,
    totals: Totals,
    *,
    ruleset_names: dict[str, str],
    is_fix: bool,
    output: Any,
    config: Config,
) -> None:
    from cleanup.batch.progress import format_rule_table
    from cleanup.report import text

    if not totals.docs:  # nothing was read: no zero report (only the errors, or ruff's warning)
        if not totals.errors:
            from cleanup.commands.common import note_nothing_found

            note_nothing_found(config)
        _summarize_errors(totals)
        return
    if not args.quiet:
        for row in format_rule_table(ruleset_names, totals.found, totals.fixed, is_fix=is_fix):
            sys.stderr.write(row + "\n")
        if getattr(args, "repeated_lines", None):
            for row in _repeated_rows(totals):
                sys.stderr.write(row + "\n")
            if totals.repeated_counts and not getattr(args, "remove_repeated_lines", False):
                sys.stderr.write("(`mt-cleanup fix --out DIR --remove-repeated-lines` deletes them)\n")
    docs = totals.docs
    if is_fix:
        applied = sum(totals.fixed.values())
        line = (
            f"Fixed {applied} artifact{'s' if applied != 1 else ''} in {totals.changed} of {docs} "
            f"document{'s' if docs != 1 else ''}; "
            f"{totals.findings} finding{'s' if totals.findings != 1 else ''} left."
        )
        if totals.unsafe and getattr(args, "format", "text") == "text":
            line += " " + text.unsafe_hint(totals.unsafe)
        sys.stderr.write(line + "\n")
    elif getattr(args, "format", "text") == "text":
        if getattr(args, "statistics", False):
            for row in _statistics(ruleset_names, totals):
                output.write(row + "\n")
        output.write(text.format_summary(totals.findings, totals.safe, totals.unsafe, docs) + "\n")
    _summarize_errors(totals)


def _repeated_rows(totals: Totals) -> list[str]:
    """The lines the first pass flagged, most frequent first, with their document counts."""
    from cleanup.batch.repeated import RULE_ID

    flagged = totals.repeated_counts
    count = len(flagged)
    rows = [
        f"{count} line{'s' if count != 1 else ''} repeated in at least {totals.repeated_threshold} of"
        f" {totals.repeated_docs} documents ({RULE_ID}){':' if count else '.'}"
    ]
    ordered = sorted(flagged.items(), key=lambda item: (-item[1], totals.repeated_texts.get(f"{item[0]:016x}", "")))
    for key, docs in ordered[:_REPEATED_SHOWN]:
        line = totals.repeated_texts.get(f"{key:016x}", "(not found in the output: changed by another fix)")
        rows.append(f"{docs:8d}  {line}")
    if count > _REPEATED_SHOWN:
        rows.append(f"     ... and {count - _REPEATED_SHOWN} more (every occurrence is a {RULE_ID} finding)")
    return rows


def _summarize_errors(totals: Totals) -> None:
    if totals.errors:
        count = len(totals.errors)
        sys.stderr.write(
            f"mt-cleanup: {count} document{'s' if count != 1 else ''} could not be processed (listed above)\n"
        )


def _statistics(names: dict[str, str], totals: Totals) -> list[str]:
    rows = sorted(totals.found.items(), key=lambda item: (-item[1], item[0]))
    return [f"{count:6d}\t{code}\t{names.get(code, '')}" for code, count in rows]


__all__ = ["add_arguments", "note_skipped_corpora", "run", "wants_batch"]
