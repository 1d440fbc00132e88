"""Drive a batch run: plan tasks, hand them to an engine, gather the records in order.

Engines: ``serial`` (in this process), ``local`` (a process pool: on Linux forked from this
process once it holds the compiled rules and every lazily loaded table, elsewhere spawned,
rules compiled once per worker by the pool initializer) and ``dask`` (``client.map`` over the same tasks on
a cluster; workers lost mid-run have their tasks re-run by the scheduler). Whatever the
engine, at most a few tasks per worker are in flight and records are consumed in task
order, so memory stays flat as the corpus grows and every output is the same byte for byte
whatever the number of workers. Aggregate outputs (JSONL corpora, ``--findings-out``,
``--removed-lines``) are streamed into temporary files and renamed into place at the end.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import stat
import sys
import tempfile
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from cleanup.batch.plan import Task
from cleanup.batch.repeated import RepeatedSettings, count_task, flagged_hashes
from cleanup.batch.state import RunState, sweep_temporary_files, sweep_temporary_siblings
from cleanup.batch.worker import Options, part_path, process_task, warm_process, warm_worker
from cleanup.errors import CleanupError, InputError
from cleanup.textfile import write_atomic

#: Tasks in flight per worker: enough to keep a worker busy while the parent writes.
TASKS_PER_WORKER = 3


@dataclass(slots=True)
class Totals:
    """What the whole run found, summed from the task records in order."""

    docs: int = 0
    bytes: int = 0
    changed: int = 0
    safe: int = 0
    unsafe: int = 0
    found: Counter[str] = field(default_factory=Counter)
    fixed: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    #: Where each error falls in input order: (task id, 0) for a document of that task,
    #: (id of the next task, -1) for a path that does not exist (reported as soon as planned).
    error_keys: list[tuple[int, int]] = field(default_factory=list)
    #: ``--repeated-lines``: documents counted by the first pass, the threshold, the flagged
    #: lines' document counts by hash, and their text (as the second pass found them).
    repeated_docs: int = 0
    repeated_threshold: int = 0
    repeated_counts: dict[int, int] = field(default_factory=dict)
    repeated_texts: dict[str, str] = field(default_factory=dict)

    def errors_in_input_order(self) -> list[tuple[str, str]]:
        order = sorted(range(len(self.errors)), key=lambda position: self.error_keys[position])
        return [self.errors[position] for position in order]

    def add(self, record: dict[str, Any]) -> None:
        self.docs += record["docs"]
        self.bytes += record["bytes"]
        self.changed += record["changed"]
        self.safe += record["safe"]
        self.unsafe += record["unsafe"]
        self.found.update(record["found"])
        self.fixed.update(record["fixed"])
        for key, line in record.get("repeated", {}).items():
            self.repeated_texts.setdefault(key, line)

    @property
    def findings(self) -> int:
        return sum(self.found.values())


class Engine:
    """Runs tasks somewhere; ``submit`` returns a record or a future of one."""

    window = 1
    options: Options

    def submit(self, task: Task) -> Any:
        return self.call(process_task, task)

    def call(self, function: Callable[[Task, Options], dict[str, Any]], task: Task) -> Any:
        """Run ``function(task, options)`` on a worker; return its record or a future of it."""
        raise NotImplementedError

    def close(self) -> None:
        """Release workers."""


class SerialEngine(Engine):
    def __init__(self, options: Options) -> None:
        self.options = options

    def call(self, function: Callable[[Task, Options], dict[str, Any]], task: Task) -> Any:
        return function(task, self.options)


def default_start_method() -> str:
    """``fork`` on Linux when this process runs no other thread, else ``spawn``.

    Forked workers start at once and share the parent's loaded tables; but forking a process
    that runs other threads can deadlock the child (a lock held by a thread that does not
    exist there), and on macOS system frameworks are not fork-safe (CPython's own default
    there is ``spawn``). Windows has no fork. The method is chosen explicitly either way, so
    the behaviour does not follow Python's changing default (``forkserver`` from 3.14).
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


class PoolEngine(Engine):
    """A local process pool, ``jobs`` workers, rules compiled once per worker.

    ``fork``: this process first runs :func:`~cleanup.batch.worker.warm_process` (rules and
    every lazily loaded table: ~1 s and ~150 MB that each worker would otherwise pay on its
    own), then ``gc.freeze()`` moves every object into the permanent generation so that
    the workers' garbage collections never write to those pages, and the pool forks all its
    workers at once, before its manager thread starts (``max_tasks_per_child`` stays unset:
    a replaced worker would have to fork from a threaded parent). The workers share the
    tables copy-on-write. ``spawn``: each worker imports the package and compiles the rules
    in the pool initializer, and loads tables on its first documents. Both give the same
    records: warming only fills caches of pure functions.
    """

    def __init__(self, options: Options, jobs: int, *, start_method: str | None = None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.start_method = start_method or default_start_method()
        self.frozen = False
        #: Threads of this process when the workers were forked (1 means only this one).
        self.threads_at_fork: int | None = None
        if self.start_method == "fork":
            with _single_threaded_blas():
                warm_process(options.rules)
            gc.collect()
            gc.freeze()
            self.frozen = True
        self.executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context(self.start_method),
            initializer=warm_worker,  # a cache hit in forked workers; ties each worker's life to ours
            initargs=(options.rules, os.getpid()),
        )
        if self.start_method == "fork":
            # The first submit forks every worker, then starts the pool's threads: do it
            # now, while nothing else has started a thread in this process.
            self.threads_at_fork = _thread_count()
            self.executor.submit(_ready).result()
        self.options = options
        self.window = jobs * TASKS_PER_WORKER

    def call(self, function: Callable[[Task, Options], dict[str, Any]], task: Task) -> Any:
        return self.executor.submit(function, task, self.options)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.frozen:
            gc.unfreeze()  # the workers are gone: let this process collect as usual again
            self.frozen = False


def _ready() -> bool:
    return True


def _thread_count() -> int:
    """Threads of this process, native ones included (Linux), else the Python threads."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


@contextlib.contextmanager
def _single_threaded_blas() -> Iterator[None]:
    """While warming up, ask OpenBLAS for no thread pool, should numpy be imported.

    The bundled rules import nltk's tokenizer modules without the rest of nltk, so numpy
    stays out; a full ``import nltk`` (the fallback of
    :func:`cleanup.segment.nltk_tokenize_module`) would load it.

    OpenBLAS starts its worker threads when it loads; none of our rules does linear algebra,
    and a parent about to fork should run no thread but its own. The variable is read only
    when the library loads, so it is restored afterwards; it has no effect if numpy is
    already imported (OpenBLAS then stops its idle threads around ``fork`` itself).
    """
    name = "OPENBLAS_NUM_THREADS"
    previous = os.environ.get(name)
    if previous is None:
        os.environ[name] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)


class DaskEngine(Engine):
    def __init__(self, options: Options, scheduler: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise CleanupError("--engine dask needs the dask extra: pip install 'mt-cleanup[dask]'") from None
        try:
            self.client = Client(scheduler, timeout="20s", set_as_default=False)  # type: ignore[no-untyped-call]
        except OSError as error:
            raise CleanupError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        self.options = options
        threads = sum(self.client.nthreads().values()) or 1  # type: ignore[no-untyped-call]
        self.window = threads * TASKS_PER_WORKER

    def call(self, function: Callable[[Task, Options], dict[str, Any]], task: Task) -> Any:
        # client.map over the task list (one task = a batch of documents, never one document).
        return self.client.map(function, [task], options=self.options, pure=False)[0]

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]


def make_engine(name: str, options: Options, *, jobs: int, scheduler: str | None) -> Engine:
    if name == "dask":
        if not scheduler:
            raise CleanupError("--engine dask needs --scheduler tcp://HOST:PORT")
        return DaskEngine(options, scheduler)
    if jobs <= 1:
        return SerialEngine(options)
    return PoolEngine(options, jobs)


def iter_records(
    tasks: Iterable[Task], engine: Engine, load_done: Callable[[int], dict[str, Any] | None]
) -> Iterator[tuple[Task, dict[str, Any]]]:
    """Yield ``(task, record)`` in task order, with at most ``engine.window`` tasks in flight."""
    pending: deque[tuple[Task, Any]] = deque()
    for task in tasks:
        done = load_done(task.id)
        pending.append((task, done if done is not None else engine.submit(task)))
        while len(pending) >= engine.window:
            yield _resolve(*pending.popleft())
    while pending:
        yield _resolve(*pending.popleft())


def _resolve(task: Task, value: Any) -> tuple[Task, dict[str, Any]]:
    return task, value if isinstance(value, dict) else value.result()


class StreamedFile:
    """An output written in pieces into a temporary file, renamed into place by :meth:`finish`."""

    def __init__(self, target: Path, *, mode_from: str | None = None) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.temp = Path(name)
        self.stream: IO[bytes] = os.fdopen(handle, "wb")
        self.mode_from = mode_from

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def finish(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        if self.mode_from is not None:
            os.chmod(self.temp, stat.S_IMODE(os.stat(self.mode_from).st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.temp, 0o666 & ~umask)
        os.replace(self.temp, self.target)

    def abort(self) -> None:
        self.stream.close()
        self.temp.unlink(missing_ok=True)


@dataclass(slots=True)
class Sinks:
    """Where records go, in order: stdout lines, error lines, aggregate files, progress."""

    options: Options
    write_line: Callable[[str], None]
    write_error: Callable[[str], None]
    findings_out: StreamedFile | None = None
    removed_lines: StreamedFile | None = None
    corpus: StreamedFile | None = None
    on_record: Callable[[Totals], None] = lambda totals: None
    totals: Totals = field(default_factory=Totals)

    def add(self, task: Task, record: dict[str, Any]) -> None:
        self.totals.add(record)
        for doc_id, reason in record["errors"]:
            self.totals.errors.append((doc_id, reason))
            self.totals.error_keys.append((task.id, 0))
            self.write_error(f"{doc_id}: {reason}")
        for line in record["lines"]:
            self.write_line(line)
        if self.findings_out is not None:
            self.findings_out.write("".join(line + "\n" for line in record["findings_out"]).encode("utf-8"))
        if self.removed_lines is not None:
            self.removed_lines.write("".join(line + "\n" for line in record["removed"]).encode("utf-8"))
        if task.jsonl is not None and self.options.mode == "fix":
            self._add_corpus_part(task)
        self.on_record(self.totals)

    def _add_corpus_part(self, task: Task) -> None:
        assert task.jsonl is not None and self.options.out_dir is not None and self.options.state_dir is not None
        if task.start == 0:
            target = Path(self.options.out_dir) / task.jsonl.relative
            self.corpus = StreamedFile(target, mode_from=task.jsonl.path)
        assert self.corpus is not None
        part = part_path(self.options.state_dir, task.id)
        if part.exists():
            self.corpus.write(part.read_bytes())
        if task.is_last_of_file:
            self.corpus.finish()
            self.corpus = None

    def finish(self) -> None:
        for sink in (self.findings_out, self.removed_lines):
            if sink is not None:
                sink.finish()

    def abort(self) -> None:
        for sink in (self.findings_out, self.removed_lines, self.corpus):
            if sink is not None:
                sink.abort()


def run_tasks(
    tasks: Iterable[Task | InputError],
    *,
    options: Options,
    engine_name: str,
    jobs: int,
    scheduler: str | None,
    sinks: Sinks,
    state: RunState | None,
    repeated: RepeatedSettings | None = None,
    count_tasks: Iterable[Task | InputError] = (),
) -> Totals:
    """Run every task and feed the records, in order, to ``sinks``; return the totals.

    With ``repeated`` (``--repeated-lines``), a first pass over ``count_tasks`` (the same
    tasks, planned again) counts the corpus's lines on the same engine, and the second pass
    gets the flagged hashes in its options.
    """
    good_tasks = _report_missing(tasks, sinks)
    if engine_name != "dask" and jobs > 1:
        # A corpus of one task gains nothing from a pool: spawning workers costs more.
        head = list(islice(good_tasks, 2))
        if len(head) < 2:
            jobs = 1
        good_tasks = chain(head, good_tasks)
    engine = make_engine(engine_name, options, jobs=jobs, scheduler=scheduler)
    load_done = state.load_record if state is not None else (lambda task_id: None)
    try:
        if repeated is not None:
            docs, flagged = _repeated_lines(count_tasks, engine, repeated, state)
            sinks.totals.repeated_docs = docs
            sinks.totals.repeated_threshold = repeated.threshold(docs)
            sinks.totals.repeated_counts = flagged
            engine.options = replace(engine.options, repeated=frozenset(flagged), remove_repeated=repeated.remove)
        for task, record in iter_records(_guard(good_tasks, options), engine, load_done):
            sinks.add(task, record)
    except BaseException:
        sinks.abort()
        raise
    finally:
        engine.close()
    sinks.finish()
    return sinks.totals


def _repeated_lines(
    tasks: Iterable[Task | InputError], engine: Engine, settings: RepeatedSettings, state: RunState | None
) -> tuple[int, dict[int, int]]:
    """The first pass of ``--repeated-lines``: the documents counted and the flagged hashes with
    their document counts. A resumed run reads them from the state folder instead."""
    saved = state.directory / "repeated.json" if state is not None else None
    if saved is not None and saved.exists():
        data = json.loads(saved.read_text(encoding="utf-8"))
        return int(data["docs"]), {int(key, 16): count for key, count in data["lines"].items()}
    counts: Counter[int] = Counter()
    docs = 0
    pending: deque[Any] = deque()

    def merge(value: Any) -> None:
        nonlocal docs
        record = value if isinstance(value, dict) else value.result()
        docs += record["docs"]
        counts.update(record["counts"])

    for task in tasks:
        if isinstance(task, InputError):
            continue  # reported by the second pass
        pending.append(engine.call(count_task, task))
        while len(pending) >= engine.window:
            merge(pending.popleft())
    while pending:
        merge(pending.popleft())
    flagged = flagged_hashes(counts, docs, settings)
    if saved is not None:
        lines = {f"{key:016x}": count for key, count in sorted(flagged.items())}
        write_atomic(saved, json.dumps({"docs": docs, "lines": lines}).encode("utf-8"))
    return docs, flagged


def _report_missing(tasks: Iterable[Task | InputError], sinks: Sinks) -> Iterator[Task]:
    next_id = 0
    for task in tasks:
        if isinstance(task, InputError):
            sinks.totals.errors.append((task.path, task.problem))
            sinks.totals.error_keys.append((next_id, -1))
            sinks.write_error(str(task))
            continue
        next_id = task.id + 1
        yield task


def _guard(tasks: Iterable[Task], options: Options) -> Iterator[Task]:
    for task in tasks:
        if task.jsonl is not None and options.mode == "fix" and options.out_dir is None:
            raise CleanupError(
                f"{task.jsonl.label}: fixing a JSONL corpus needs --out DIR (it is not rewritten in place)"
            )
        yield task


def prepare_outputs(options: Options, *, findings_out: str | None, removed_lines: str | None) -> None:
    """Sweep what a killed run left behind: temporary files of atomic writes."""
    if options.out_dir is not None:
        sweep_temporary_files(Path(options.out_dir))
    for target in (findings_out, removed_lines):
        if target:
            sweep_temporary_siblings(Path(target))


def manifest(
    options: Options,
    arguments: list[str],
    signature: str,
    batch_files: int,
    batch_bytes: int,
    repeated: RepeatedSettings | None = None,
) -> dict[str, Any]:
    """The settings a resumed run must share with the interrupted one."""
    settings: dict[str, Any] = json.loads(
        json.dumps(
            {
                "format": 2,  # 2: small JSONL files cut into more tasks (plan.JSONL_TASKS_PER_FILE)
                "mode": options.mode,
                "inputs": [os.path.abspath(argument) for argument in arguments],
                "signature": signature,
                "config": options.rules.config.to_dict(),
                "applicability": str(options.applicability),
                "field": options.field,
                "batch": [batch_files, batch_bytes],
                "outputs": [options.render_findings, options.findings_out, options.removed_lines],
                "repeated_lines": repeated.to_dict() if repeated is not None else None,
            }
        )
    )
    return settings
