"""``mt-cleanup report PATH… [--ref REF] [--src SRC] [--json FILE] [--html FILE]``: corpus figures.

References and sources are matched to each input by file name (``--ref``/``--src`` name a
folder; for input ``NAME.txt`` the folder's ``NAME.ref.txt``, ``NAME.clean.txt`` or
``NAME.txt`` — sources: ``NAME.src.txt``, ``NAME.fr.txt``, ``NAME.txt`` — the first that
exists and is not the input itself), or name a file when there is one input. With
``--by-line`` every line of an input is a document and references/sources are matched line
by line. A ``.jsonl`` input (named, or found in a folder) is a corpus: each line is a
document (``--field``), and its reference and source are fields of the same line
(``--ref-field``, ``--src-field``); a bad line is reported and the rest go on. Prints a
summary; ``--json``/``--html`` write the full report. Exit 0, or 2 when an input, a line of
a corpus or a companion could not be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cleanup.commands.common import report_error, selected_ruleset, write_output
from cleanup.errors import CleanupError, InputError
from cleanup.inputs import JSONL_EXTENSION, InputPath, iter_input_paths, jsonl_field, jsonl_record, read_input
from cleanup.metrics import Metrics
from cleanup.model import Applicability
from cleanup.report import html
from cleanup.report.summary import Companion, DocumentResult, build_report, measure_document
from cleanup.signature import run_signature
from cleanup.textfile import read_text_file

REFERENCE_SUFFIXES = (".ref", ".clean", "")
SOURCE_SUFFIXES = (".src", ".fr", "")


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "report", parents=[common], help="measure a corpus: findings, fixes, non-English sentences, metrics"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--ref", metavar="REF", help="reference translations: a folder matched by file name, or a file")
    parser.add_argument("--src", metavar="SRC", help="French sources: a folder matched by file name, or a file")
    parser.add_argument("--by-line", action="store_true", help="each line of an input is one document")
    group = parser.add_argument_group("JSONL corpora (one document per line)")
    group.add_argument("--field", default="text", metavar="NAME", help="field holding the text (default: text)")
    group.add_argument("--ref-field", metavar="NAME", help="field holding each document's reference translation")
    group.add_argument("--src-field", metavar="NAME", help="field holding each document's French source")
    parser.add_argument("--json", dest="json_path", metavar="FILE", help="write the full report as JSON")
    parser.add_argument("--html", dest="html_path", metavar="FILE", help="write the HTML diff report")
    parser.add_argument("--unsafe-fixes", action="store_true", help="measure with unsafe fixes applied too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    ruleset = selected_ruleset(args)
    level = Applicability.UNSAFE if args.unsafe_fixes else Applicability.SAFE
    metrics = Metrics()
    inputs = [item for item in iter_input_paths(args.paths, corpora=True)]
    single = len(inputs) == 1
    documents: list[DocumentResult] = []
    errors: list[dict[str, str]] = []
    for item in inputs:
        try:
            if isinstance(item, CleanupError):
                raise item
            for document in _iter_documents(item, args, single=single):
                if isinstance(document, InputError):  # one bad line of a corpus: the rest go on
                    report_error(document)
                    errors.append({"path": document.path, "message": str(document)})
                    continue
                label, text, reference, source = document
                documents.append(
                    measure_document(
                        label,
                        text,
                        ruleset=ruleset,
                        metrics=metrics,
                        applicability=level,
                        reference=reference,
                        source=source,
                    )
                )
        except CleanupError as error:
            report_error(error)
            errors.append({"path": getattr(error, "path", "") or "", "message": str(error)})
    signature = run_signature(ruleset, select=args.select, ignore=args.ignore, applicability=level)
    report = build_report(documents, signature=signature, metrics=metrics, errors=errors)
    if args.json_path:
        data = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        write_output(args.json_path, data.encode("utf-8"))
    if args.html_path:
        write_output(args.html_path, html.render_report(report, documents, ruleset=ruleset).encode("utf-8"))
    for line in format_summary(report):
        sys.stdout.write(line + "\n")
    return 2 if errors else 0


_Document = tuple[str, str, Companion | None, Companion | None]


def _iter_documents(item: InputPath, args: argparse.Namespace, *, single: bool) -> Iterator[_Document | InputError]:
    if not item.is_stdin and item.path.lower().endswith(JSONL_EXTENSION):
        yield from _iter_corpus(item, args)
        return
    for option, value in (("--ref-field", args.ref_field), ("--src-field", args.src_field)):
        if value:
            raise InputError(item.path, f"{option} applies to JSONL corpora only; pass {option[:-6]} for a text file")
    source_file = read_input(item)
    label = "-" if item.is_stdin else item.path
    reference = _companion(item, args.ref, REFERENCE_SUFFIXES, single=single)
    source = _companion(item, args.src, SOURCE_SUFFIXES, single=single)
    if not args.by_line:
        yield label, source_file.text, reference, source
        return
    lines = source_file.text.splitlines()
    reference_lines = _aligned_lines(reference, len(lines), label)
    source_lines = _aligned_lines(source, len(lines), label)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        line_reference = Companion(f"{reference.path}:{number}", reference_lines[number - 1]) if reference else None
        line_source = Companion(f"{source.path}:{number}", source_lines[number - 1]) if source else None
        yield f"{label}:{number}", line, line_reference, line_source


def _iter_corpus(item: InputPath, args: argparse.Namespace) -> Iterator[_Document | InputError]:
    """The documents of a JSONL corpus, read line by line; references and sources come from
    fields of the same line (``--ref-field``, ``--src-field``), never from companion files."""
    if args.by_line:
        raise InputError(item.path, "--by-line does not apply to a JSONL corpus (each line is already a document)")
    for option, value in (("--ref", args.ref), ("--src", args.src)):
        if value:
            raise InputError(
                item.path, f"{option} does not apply to a JSONL corpus; name the field with {option}-field"
            )
    try:
        stream = open(item.path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as error:
        raise InputError(item.path, f"cannot read: {error.strerror or error}") from None
    with stream:
        for number, raw in enumerate(stream, start=1):
            body = raw.rstrip(b"\r\n")
            if not body.strip():
                continue  # blank lines are not documents
            label = f"{item.path}#{number}"
            try:
                record = jsonl_record(body, label)
                text = jsonl_field(record, args.field, label)
                reference = source = None
                if args.ref_field:
                    reference = Companion(label, jsonl_field(record, args.ref_field, label, option="--ref-field"))
                if args.src_field:
                    source = Companion(label, jsonl_field(record, args.src_field, label, option="--src-field"))
            except InputError as error:
                yield error
                continue
            yield label, text, reference, source


def _aligned_lines(companion: Companion | None, count: int, label: str) -> list[str]:
    if companion is None:
        return []
    lines = companion.text.splitlines()
    if len(lines) != count:
        raise InputError(
            companion.path, f"has {len(lines)} lines but {label} has {count}; --by-line needs aligned files"
        )
    return lines


def _companion(item: InputPath, argument: str | None, suffixes: Sequence[str], *, single: bool) -> Companion | None:
    if argument is None:
        return None
    root = Path(argument)
    if not root.is_dir():
        if not single:
            raise InputError(argument, "is a file; with several inputs, pass a folder matched by file name")
        return Companion(argument, read_text_file(argument).text)
    if item.is_stdin:
        raise InputError(argument, "cannot match standard input by file name; pass a file")
    name = Path(item.path)
    for suffix in suffixes:
        candidate = root / f"{name.stem}{suffix}{name.suffix}"
        if candidate.is_file() and not _same_file(candidate, name):
            return Companion(str(candidate), read_text_file(candidate).text)
    tried = ", ".join(f"{name.stem}{suffix}{name.suffix}" for suffix in suffixes)
    raise InputError(item.path, f"no match in {argument} (tried {tried})")


def _same_file(left: Path, right: Path) -> bool:
    try:
        return os.path.samefile(left, right)
    except OSError:
        return False


def format_summary(report: dict[str, Any]) -> list[str]:
    """The terminal summary of a report: corpus figures, metrics with signatures, worst documents."""
    summary = report["summary"]
    lines = [f"signature: {report['signature']}", ""]
    lines.append(
        f"Documents {summary['documents']:,}   words {summary['words']:,}   sentences {summary['sentences']:,}"
    )
    lines.append(
        f"Findings {summary['findings']:,} ({summary['findings_per_1k_words']:.2f} per 1,000 words); "
        f"fixes applied: {summary['fixes_applied']['safe']} safe, {summary['fixes_applied']['unsafe']} unsafe; "
        f"{summary['documents_changed']} documents changed; {summary['remaining_findings']} findings left"
    )
    lines.append(
        f"Non-English sentences (cleaned text) {summary['non_english_sentences']} "
        f"({100 * summary['non_english_share']:.2f}%)"
    )
    if summary["findings_by_category"]:
        lines.append(
            "By category: " + ", ".join(f"{name} {count}" for name, count in summary["findings_by_category"].items())
        )
    lines.append("")
    for name, score in summary["change"].items():
        lines.append(f"cleaned vs raw   {name:<5} {score['score']:6.2f}   {score['signature']}")
    reference = summary["reference"]
    if reference is not None:
        lines.append("")
        lines.append(f"Against the reference ({reference['documents']} documents):")
        for name in reference["raw"]:
            raw, cleaned = reference["raw"][name]["score"], reference["cleaned"][name]["score"]
            lines.append(
                f"  {name:<5} raw {raw:6.2f}  cleaned {cleaned:6.2f}  delta {reference['delta'][name]:+6.2f}   "
                f"{reference['raw'][name]['signature']}"
            )
    source = summary["source"]
    if source is not None:
        lines.append("")
        lines.append(
            f"Source checks ({source['documents']} documents): {source['issues']} issues: "
            + ", ".join(f"{kind} {count}" for kind, count in source["by_kind"].items())
        )
    if summary["worst_documents"]:
        by_path = {item["path"]: item for item in report["documents"]}
        lines.append("")
        lines.append("Worst documents (findings per 1,000 words):")
        for path in summary["worst_documents"]:
            item = by_path[path]
            lines.append(f"  {item['findings_per_1k_words']:7.2f}  {item['findings']:4d}  {path}")
    return lines
