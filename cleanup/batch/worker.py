"""The batch worker: process one task (a group of files or a JSONL byte range) and return its record.

:func:`process_task` is a top-level function of an importable module, so it works with the
``spawn`` start method, in a :class:`~concurrent.futures.ProcessPoolExecutor` and on Dask
workers alike. Rules are compiled once per worker process (:func:`warm_worker` is the pool
initializer; Dask workers fill the same cache on their first task). Where the pool forks its
workers, :func:`warm_process` loads the rules and every table they load lazily in the parent
first, so the workers start ready and share those pages. A bad document (not
UTF-8, binary, a JSONL line that is not an object with the field, a rule that crashes) is
recorded with its reason and the task goes on. Every output is written atomically, and when
the run keeps state the task record is written last: its presence means the task is complete.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleanup.batch import repeated
from cleanup.batch.plan import FileItem, Task
from cleanup.config import Config, build_ruleset
from cleanup.engine import check_document
from cleanup.errors import CleanupError, InputError
from cleanup.fixer import apply_edits, fix_text, select_edits
from cleanup.inputs import jsonl_field, jsonl_record
from cleanup.kinds.base import Document, RuleMeta
from cleanup.model import Applicability, AppliedEdit, Category, Finding, FixResult
from cleanup.packs.ruleset import RuleSet
from cleanup.protect import drop_protected
from cleanup.report import formats, jsonout
from cleanup.textfile import LineIndex, read_text_file, write_atomic


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """How to build the rule set in a worker: the run's merged configuration.

    The configuration carries the extra pack folders, the selection and the suppressions
    (allowlist, per-file ignores, the ignore file), so a worker applies exactly what the
    serial commands apply. It is plain frozen data: it pickles to workers and hashes for
    the per-process cache.
    """

    config: Config = field(default_factory=Config)


@dataclass(frozen=True, slots=True)
class Options:
    """Everything a worker needs besides the task; small and picklable."""

    mode: str  # "check" or "fix"
    rules: RuleSpec = field(default_factory=RuleSpec)
    applicability: Applicability = Applicability.SAFE
    field: str = "text"
    out_dir: str | None = None  # absolute; for ``fix`` None means in place
    state_dir: str | None = None  # absolute; None when the run keeps no state
    render_findings: bool = False  # render each document's findings in ``format`` (report/formats.py)
    format: str = "text"  # one of report.formats.STREAMED_FORMATS
    color: bool = False
    findings_out: bool = False
    removed_lines: bool = False
    #: Hashes of the lines repeated across the corpus (``--repeated-lines``, found by the
    #: first pass of :mod:`cleanup.batch.repeated`); None when the run does not look for them.
    repeated: frozenset[int] | None = None
    remove_repeated: bool = False  # ``fix --remove-repeated-lines``


@functools.cache
def load_ruleset(spec: RuleSpec) -> RuleSet:
    """The selected rule set, compiled once per process (a frozen value, safe to share)."""
    return build_ruleset(spec.config)  # type: ignore[no-any-return]


def warm_worker(spec: RuleSpec, parent_pid: int | None = None) -> None:
    """Pool initializer: exit with the parent, then compile the rules before the first task arrives."""
    if parent_pid is not None:
        exit_with_parent(parent_pid)
    load_ruleset(spec)


def exit_with_parent(parent_pid: int) -> None:
    """Make this worker end when the run's process dies, even by ``kill -9``.

    A worker blocked reading its task pipe never learns that the parent is gone, and would
    wait forever. On Linux the kernel sends SIGTERM on the parent's death
    (``PR_SET_PDEATHSIG``); a parent that died before that was set is caught by comparing
    the parent's id. Elsewhere a daemon thread checks the parent's id every second.
    """
    import os
    import signal
    import sys

    if sys.platform == "linux":
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            if libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0) == 0:
                if os.getppid() != parent_pid:
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass  # no usable libc: watch the parent from a thread instead
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="mt-cleanup-parent-watch", daemon=True).start()


#: Text the rule set runs over once in :func:`warm_process`: English news with a French
#: quotation, a French sentence, mojibake, a glued word and pronouns, so that the rules'
#: own first-document set-up (word sets built from the tables) happens in the parent.
WARM_UP_TEXT = (
    "The army said on Tuesday that it had sent reinforcements to the north , she said.\n"
    "« Les rebelles étaient aux portes de la ville », a déclaré le porte-parole de l'ONG.\n"
    "Les habitants ont quitté la ville pendant la nuit, selon les témoins sur place.\n"
    "The governmentsaid that RÃ©gie de lâ€™Ã©nergie had cut power; his brother left.\n"
)


def warm_process(spec: RuleSpec) -> RuleSet:
    """Load the rule set and every table the rules load lazily, in this process; return the rules.

    For a pool that forks its workers: loaded once here, the word-frequency table, the
    French word sets, wordfreq's own tables, langdetect's profiles, nltk's tokenizers and
    ftfy are inherited by every worker, which then neither spends its first seconds loading
    them nor holds a private copy (pages stay shared copy-on-write). The loaders are called
    directly, so none is missed because the warm-up text happens not to need it; then the
    rule set runs over :data:`WARM_UP_TEXT` in both modes for the rules' own set-up. Every
    loader is a pure, cached function of bundled data: warming changes no result.
    """
    from cleanup import langid, segment, wordfreqs

    ruleset = load_ruleset(spec)
    for language in langid.DEFAULT_LANGUAGES:
        wordfreqs.load_frequencies(language)  # rare words: what the shipped table lacks
    langid.language_probabilities("Les rebelles étaient aux portes de la ville, selon l'ONG.")
    segment.count_sentences("Mr. Smith arrived at 10 a.m. in Paris. He left.")
    segment.count_words("The army left.")
    import ftfy  # noqa: F401 - the mojibake rule's repairer, imported on first use otherwise

    check_document(ruleset, Document(WARM_UP_TEXT, "warm-up"))
    fix_text(WARM_UP_TEXT, ruleset=ruleset, applicability=Applicability.UNSAFE, path="warm-up")
    return ruleset


def record_path(state_dir: str, task_id: int) -> Path:
    return Path(state_dir) / "tasks" / f"{task_id:09d}.json"


def part_path(state_dir: str, task_id: int) -> Path:
    return Path(state_dir) / "parts" / f"{task_id:09d}.part"


def process_task(task: Task, options: Options) -> dict[str, Any]:
    """Process every document of ``task``; write its outputs; return (and persist) its record."""
    batch = _TaskRun(task, options, load_ruleset(options.rules))
    if task.jsonl is not None:
        batch.run_jsonl(task.jsonl)
    else:
        for item in task.files:
            batch.run_file(item)
    record = batch.record()
    if options.state_dir is not None:
        write_atomic(record_path(options.state_dir, task.id), json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return record


class _TaskRun:
    """Counters and collected lines of one task."""

    def __init__(self, task: Task, options: Options, ruleset: RuleSet) -> None:
        self.task = task
        self.options = options
        self.ruleset = ruleset
        self.is_fix = options.mode == "fix"
        self.boilerplate = {rule.id for rule in ruleset if rule.meta.category is Category.BOILERPLATE}
        self.docs = 0
        self.bytes = 0
        self.changed = 0
        self.found: Counter[str] = Counter()
        self.fixed: Counter[str] = Counter()
        self.safe = 0
        self.unsafe = 0
        self.errors: list[list[str]] = []
        self.lines: list[str] = []
        self.findings_out: list[str] = []
        self.removed: list[str] = []
        #: The text of each repeated line found in this task, by hash (for the run's summary).
        self.repeated_texts: dict[str, str] = {}
        repeated_rule = ruleset.get(repeated.RULE_ID) if options.repeated else None
        self.repeated_meta: RuleMeta | None = repeated_rule.meta if repeated_rule is not None else None

    # -- inputs --------------------------------------------------------------------------

    def run_file(self, item: FileItem) -> None:
        try:
            source = read_text_file(item.path, encoding=self.options.rules.config.encoding)
        except CleanupError as error:
            self._error(item.label, _reason(error, item.path))
            return
        self.bytes += len(source.text.encode("utf-8"))
        new_text = self._document(source.text, item.label)
        if new_text is None or not self.is_fix:
            return
        try:
            data = source.encode(new_text)
        except CleanupError as error:
            self._error(item.label, _reason(error, item.path))
            return
        if self.options.out_dir is not None:
            target = Path(self.options.out_dir) / item.relative
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data, mode_from=item.path)
        elif new_text != source.text:
            write_atomic(item.path, data)

    def run_jsonl(self, item: FileItem) -> None:
        task = self.task
        try:
            with open(item.path, "rb") as stream:
                stream.seek(task.start)
                data = stream.read(task.size)
        except OSError as error:
            self._error(item.label, f"cannot read: {error.strerror or error}")
            data = b""
        output: list[bytes] = []
        line_number = task.first_line
        position = 0
        while position < len(data):
            newline = data.find(b"\n", position)
            end = len(data) if newline == -1 else newline + 1
            raw = data[position:end]
            output.append(self._jsonl_line(raw, f"{item.label}#{line_number}"))
            line_number += 1
            position = end
        if self.is_fix and self.options.state_dir is not None:
            write_atomic(part_path(self.options.state_dir, task.id), b"".join(output))

    def _jsonl_line(self, raw: bytes, doc_id: str) -> bytes:
        body = raw.rstrip(b"\r\n")
        if not body.strip():
            return raw  # blank lines are kept as they are and are not documents
        try:
            value = jsonl_record(body, doc_id)
            doc_text = jsonl_field(value, self.options.field, doc_id)
        except InputError as error:
            self._error(doc_id, error.problem)
            return raw
        self.bytes += len(body)
        new_text = self._document(doc_text, doc_id)
        if new_text is None or new_text == doc_text:
            return raw
        value[self.options.field] = new_text  # dicts keep key order: other fields stay in place
        return json.dumps(value, ensure_ascii=False).encode("utf-8") + raw[len(body) :]

    # -- one document ---------------------------------------------------------------------

    def _document(self, doc_text: str, doc_id: str) -> str | None:
        """Check or fix one document; return the text to write, or None after an error."""
        try:
            if self.is_fix:
                result = self._fix(doc_text, doc_id)
                findings = list(result.remaining)
                applied: tuple[AppliedEdit, ...] = result.applied
                new_text = result.text
            else:
                findings = check_document(self.ruleset, Document(doc_text, doc_id))
                findings = self._with_repeated(findings, Document(doc_text, doc_id))
                applied = ()
                new_text = doc_text
        except CleanupError as error:
            self._error(doc_id, _reason(error, doc_id))
            return None
        except Exception as error:  # noqa: BLE001 - a crashing rule costs one document, not the run
            self._error(doc_id, self._crash_reason(doc_text, doc_id, error))
            return None
        self.docs += 1
        self.changed += new_text != doc_text
        for finding in findings:
            self.found[finding.rule_id] += 1
            self.safe += finding.applicability is Applicability.SAFE
            self.unsafe += finding.applicability is Applicability.UNSAFE
        for edit in applied:
            self.fixed[edit.rule_id] += 1
        if self.options.render_findings:
            rendered = formats.FileFindings(doc_id, new_text, tuple(findings), applied)
            self.lines.extend(
                formats.render_file(self.options.format, rendered, color=self.options.color, mode=self.options.mode)
            )
        if self.options.findings_out:
            self.findings_out.append(_findings_line(doc_id, new_text, findings, applied))
        if self.options.removed_lines:
            removed = [
                {"rule": edit.rule_id, "line": edit.original.strip("\r\n")}
                for edit in applied
                if edit.rule_id in self.boilerplate and edit.original.strip()
            ]
            if removed:
                self.removed.append(json.dumps({"doc": doc_id, "removed": removed}, ensure_ascii=False))
        return new_text

    def _repeated_findings(self, doc: Document) -> list[Finding]:
        """BLP002 findings of the document's lines repeated across the corpus (suppressions applied)."""
        if self.repeated_meta is None or self.options.repeated is None:
            return []
        # Only `fix --remove-repeated-lines` applies the deletion; elsewhere it is shown, not offered.
        level = None if self.options.remove_repeated else Applicability.DISPLAY_ONLY
        found = repeated.findings(doc, self.options.repeated, self.repeated_meta, applicability=level)
        if found:
            found = drop_protected(self.ruleset.packs, doc, found)
        if found and self.ruleset.suppressor is not None:
            found = self.ruleset.suppressor.filter(doc, found)
        for finding in found:
            self.repeated_texts.setdefault(
                f"{repeated.line_hash(finding.matched.strip()):016x}", finding.matched.strip()
            )
        return found

    def _with_repeated(self, findings: list[Finding], doc: Document) -> list[Finding]:
        extra = self._repeated_findings(doc)
        if not extra:
            return findings
        return sorted([*findings, *extra], key=lambda finding: finding.sort_key)

    def _fix(self, doc_text: str, doc_id: str) -> FixResult:
        """Fix one document; the repeated lines, when removed, are its first round of edits."""
        level = self.options.applicability
        if not self.options.remove_repeated:
            result = fix_text(doc_text, ruleset=self.ruleset, applicability=level, path=doc_id)
            remaining = self._with_repeated(list(result.remaining), Document(result.text, doc_id))
            return FixResult(text=result.text, rounds=result.rounds, remaining=tuple(remaining))
        first = select_edits(doc_text, self._repeated_findings(Document(doc_text, doc_id)))
        if not first:
            return fix_text(doc_text, ruleset=self.ruleset, applicability=level, path=doc_id)
        result = fix_text(apply_edits(doc_text, first), ruleset=self.ruleset, applicability=level, path=doc_id)
        return FixResult(text=result.text, rounds=(first, *result.rounds), remaining=result.remaining)

    def _crash_reason(self, doc_text: str, doc_id: str, error: Exception) -> str:
        # Only on the error path: run the rules one by one to name the one that crashed.
        doc = Document(doc_text, doc_id)
        for rule in self.ruleset:  # each alone, with its library adapter (the core's own logic raises none)
            try:
                list(rule.check(doc))
            except Exception as rule_error:  # noqa: BLE001 - we are naming the culprit
                return f"rule {rule.id} crashed: {type(rule_error).__name__}: {rule_error}"
        return f"internal error: {type(error).__name__}: {error}"

    def _error(self, doc_id: str, reason: str) -> None:
        self.errors.append([doc_id, reason])
        if self.options.render_findings:
            error = formats.FileError(doc_id, f"{doc_id}: {reason}")
            self.lines.extend(formats.render_file_error(self.options.format, error))
        if self.options.findings_out:
            self.findings_out.append(json.dumps({"doc": doc_id, "error": reason}, ensure_ascii=False))

    def record(self) -> dict[str, Any]:
        return {
            "task": self.task.id,
            "docs": self.docs,
            "bytes": self.bytes,
            "changed": self.changed,
            "found": dict(sorted(self.found.items())),
            "fixed": dict(sorted(self.fixed.items())),
            "safe": self.safe,
            "unsafe": self.unsafe,
            "errors": self.errors,
            "lines": self.lines,
            "findings_out": self.findings_out,
            "removed": self.removed,
            "repeated": dict(sorted(self.repeated_texts.items())),
        }


def _reason(error: CleanupError, path: str) -> str:
    """The problem without the path in front (the label already names the document)."""
    message = str(error)
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _findings_line(doc_id: str, final_text: str, findings: list[Finding], applied: tuple[AppliedEdit, ...]) -> str:
    """One JSON line per document: findings in the final text (with line:col), edits applied."""
    index = LineIndex(final_text)
    entry: dict[str, Any] = {"doc": doc_id, "findings": [jsonout.finding_to_dict(item, index) for item in findings]}
    if applied:
        # Spans of later fix rounds refer to that round's text, so the audit keeps the words.
        entry["applied"] = [jsonout.applied_to_dict(edit) for edit in applied]
    return json.dumps(entry, ensure_ascii=False)
