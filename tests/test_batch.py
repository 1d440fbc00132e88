"""Corpus runs (issue 5, points 1 and 7): equivalence across workers and after kill -9 + --resume,
bad documents, JSONL field handling."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_corpus import build_corpus, fix_argv, tree

from cleanup.cli import main
from cleanup.engine import default_ruleset
from cleanup.fixer import fix_text
from cleanup.textfile import read_text_file


def run(argv: list[str]) -> int:
    return main(argv)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("batch") / "in")


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One uninterrupted single-worker run: the output every other run must equal."""
    base = tmp_path_factory.mktemp("reference")
    status = run(
        [
            "fix",
            "--exit-zero",
            str(corpus),
            "--out",
            str(base / "out"),
            "--jobs",
            "1",
            "--quiet",
            "--findings-out",
            str(base / "findings.jsonl"),
            "--removed-lines",
            str(base / "removed.jsonl"),
        ]
    )
    assert status == 0
    return base


def test_output_tree_mirrors_input_and_equals_fix_text(corpus: Path, reference: Path) -> None:
    out = tree(reference / "out")
    inputs = {name for name in tree(corpus)}
    assert set(out) == inputs
    for name in inputs:
        if name.endswith(".jsonl"):
            continue
        source = read_text_file(corpus / name)
        expected = source.encode(fix_text(source.text, ruleset=default_ruleset()).text)
        assert out[name] == expected, name


def test_two_workers_and_small_batches_give_identical_outputs(corpus: Path, reference: Path, tmp_path: Path) -> None:
    status = run(fix_argv(corpus, tmp_path, 2))
    assert status == 0
    assert tree(tmp_path / "out") == tree(reference / "out")
    assert (tmp_path / "findings.jsonl").read_bytes() == (reference / "findings.jsonl").read_bytes()
    assert (tmp_path / "removed.jsonl").read_bytes() == (reference / "removed.jsonl").read_bytes()


def test_removed_lines_lists_boilerplate_per_document(reference: Path) -> None:
    entries = [json.loads(line) for line in (reference / "removed.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entries, "the corpus has boilerplate lines"
    first = entries[0]
    assert set(first) == {"doc", "removed"}
    assert all(item["rule"].startswith("BLP") and item["line"].strip() for item in first["removed"])
    assert all("\n" not in item["line"] for entry in entries for item in entry["removed"])


def test_batch_check_prints_the_same_findings_as_the_serial_check(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(str(path) for path in corpus.rglob("*") if path.suffix in {".txt", ".md"})
    assert run(["check", *files]) == 1
    serial = [line for line in capsys.readouterr().out.splitlines() if line.startswith(str(corpus))]
    assert run(["check", str(corpus), "--jobs", "2", "--batch-size", "4", "--quiet"]) == 1
    batch = [line for line in capsys.readouterr().out.splitlines() if line.startswith(str(corpus))]
    text_lines = [line for line in batch if ".jsonl#" not in line]
    assert sorted(text_lines) == sorted(serial) and serial


def test_jsonl_keeps_other_fields_order_and_untouched_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 1, "body": "Fighting near Aleppo , Syria.", "z": [1, 2], "a": None}),
        '{"id":2,  "body": "A clean sentence."}',
        "",
        json.dumps({"id": 3, "body": "Read later\nThe talks resumed.", "lang": "en"}, ensure_ascii=False),
    ]
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (
        run(
            [
                "fix",
                str(source),
                "--field",
                "body",
                "--out",
                str(tmp_path / "out"),
                "--quiet",
                "--findings-out",
                str(tmp_path / "f.jsonl"),
            ]
        )
        == 0
    )
    output = (tmp_path / "out" / "docs.jsonl").read_text(encoding="utf-8").split("\n")
    assert len(output) == len(lines) + 1
    first = json.loads(output[0])
    assert list(first) == ["id", "body", "z", "a"] and first["z"] == [1, 2] and first["a"] is None
    assert first["body"] == "Fighting near Aleppo, Syria."
    assert output[1] == lines[1]  # nothing to fix: the very same bytes
    assert output[2] == ""
    assert json.loads(output[3]) == {"id": 3, "body": "The talks resumed.", "lang": "en"}
    findings = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(entry["doc"]).name for entry in findings] == ["docs.jsonl#1", "docs.jsonl#2", "docs.jsonl#4"]
    assert [edit["code"] for edit in findings[0]["applied"]] == ["SPC001"]


def test_bad_documents_are_recorded_and_the_batch_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Troops entered Aleppo , Syria.\n", encoding="utf-8")
    (corpus / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me\n".encode("latin-1"))
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (corpus / "lines.jsonl").write_bytes(
        b'{"text": "Fine text."}\n'
        b"this is not json\n"
        b'{"title": "no text field"}\n'
        b'{"text": 42}\n'
        b'{"text": "bad byte \xff here"}\n'
        b'{"text": "Aleppo , again"}\n'
    )
    out = tmp_path / "out"
    status = run(["fix", str(corpus), "--out", str(out), "--jobs", "1", "--findings-out", str(tmp_path / "f.jsonl")])
    assert status == 2
    err = capsys.readouterr().err
    assert f"{corpus / 'latin1.txt'}: not valid UTF-8 at byte 3" in err
    assert f"{corpus / 'binary.txt'}: binary file" in err
    assert "lines.jsonl#2: not a JSON line" in err
    assert "lines.jsonl#3: no string field 'text'" in err
    assert "lines.jsonl#4: no string field 'text'" in err
    assert "lines.jsonl#5: not valid UTF-8" in err
    assert "6 documents could not be processed" in err
    assert (out / "good.txt").read_text(encoding="utf-8") == "Troops entered Aleppo, Syria.\n"
    assert not (out / "latin1.txt").exists() and not (out / "binary.txt").exists()
    fixed_lines = (out / "lines.jsonl").read_bytes().split(b"\n")
    assert fixed_lines[1:5] == [
        b"this is not json",
        b'{"title": "no text field"}',
        b'{"text": 42}',
        b'{"text": "bad byte \xff here"}',
    ]  # kept as they were, in place
    assert json.loads(fixed_lines[5]) == {"text": "Aleppo, again"}
    errors = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum("error" in entry for entry in errors) == 6


def test_a_folder_holding_a_jsonl_corpus_is_a_corpus_run_without_batch_options(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    # `fix DIR --out OUT` must not skip the folder's corpus where `--jobs N` would read it.
    # 1: flag-only findings are left, and fix says so as `ruff check --fix` does
    assert run(["fix", str(corpus), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    out = tree(tmp_path / "out")
    assert "corpus.jsonl" in out
    assert out == tree(reference / "out")


def test_an_in_place_fix_that_would_reach_a_corpus_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("Troops entered Aleppo , Syria.\n", encoding="utf-8")
    (corpus / "sub" / "z.jsonl").write_text('{"text": "Aleppo , again"}\n', encoding="utf-8")
    before = tree(corpus)
    assert run(["fix", str(corpus)]) == 2
    err = capsys.readouterr().err
    corpus_file = corpus / "sub" / "z.jsonl"
    assert (
        err.strip()
        == f"mt-cleanup: {corpus_file}: fixing a JSONL corpus needs --out DIR (it is not rewritten in place)"
    )
    assert tree(corpus) == before
    # Excluded, the corpus is out of the run, and the text file is fixed in place.
    (tmp_path / ".mt-cleanup.toml").write_text('extend-exclude = ["*.jsonl"]\n', encoding="utf-8")
    assert run(["fix", str(corpus), "--quiet"]) == 0
    assert (corpus / "a.txt").read_text(encoding="utf-8") == "Troops entered Aleppo, Syria.\n"
    assert (corpus / "sub" / "z.jsonl").read_bytes() == before["sub/z.jsonl"]


def test_diff_and_add_ignores_say_they_skip_a_folders_corpora(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Troops entered Aleppo , Syria.\n", encoding="utf-8")
    (corpus / "z.jsonl").write_text('{"text": "Aleppo , again"}\n', encoding="utf-8")
    assert run(["fix", str(corpus), "--diff"]) == 0
    captured = capsys.readouterr()
    assert f"mt-cleanup: note: {corpus} holds .jsonl corpora, which --diff skips (text files only)" in captured.err
    assert "+Troops entered Aleppo, Syria." in captured.out and "again" not in captured.out
    (corpus / "z.jsonl").unlink()
    assert run(["fix", str(corpus), "--diff"]) == 0
    assert "note:" not in capsys.readouterr().err


def test_a_serial_walk_never_reads_a_jsonl_corpus_as_one_text(tmp_path: Path) -> None:
    from cleanup.inputs import iter_input_paths

    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "b.JSONL").write_text('{"text": "x"}\n', encoding="utf-8")
    found = [item.relative for item in iter_input_paths([str(tmp_path)], extensions=(".txt", ".jsonl"))]
    assert found == ["a.txt"]


class _Crashing:
    """A matcher whose library adapter raises on one document, as a buggy adapter would."""

    adapter = True

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def complete(self, doc, hit):  # type: ignore[no-untyped-def]
        if "CRASH" in doc.text:
            raise ZeroDivisionError("boom")
        return [self.inner.finding(doc, hit)]  # type: ignore[attr-defined]

    def check(self, doc):  # type: ignore[no-untyped-def]
        if "CRASH" in doc.text:
            raise ZeroDivisionError("boom")
        return self.inner.check(doc)  # type: ignore[attr-defined]


def test_a_crashing_rule_costs_one_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = default_ruleset().get("SPC001")
    assert rule is not None
    monkeypatch.setattr(rule, "matcher", _Crashing(rule.matcher))
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("CRASH near Aleppo , Syria.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Calm near Aleppo , Syria.\n", encoding="utf-8")
    assert run(["check", str(corpus), "--jobs", "1", "--quiet"]) == 2
    captured = capsys.readouterr()
    assert "a.txt: rule SPC001 crashed: ZeroDivisionError: boom" in captured.err
    assert f"{corpus / 'b.txt'}:1:17: SPC001" in captured.out


def test_resume_with_other_settings_is_refused(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "out" / ".mt-cleanup-state"
    state.mkdir(parents=True)
    (state / "manifest.json").write_text('{"format": 0}', encoding="utf-8")
    assert run(["fix", str(corpus), "--out", str(tmp_path / "out"), "--resume", "--quiet"]) == 2
    assert "run again without --resume" in capsys.readouterr().err


def test_stale_temporary_files_are_swept(corpus: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "news").mkdir(parents=True)
    (out / "news" / ".a01.txt.abc_1234.tmp").write_bytes(b"half a fi")
    assert run(["fix", str(corpus), "--out", str(out), "--jobs", "1", "--quiet", "--exit-zero"]) == 0
    assert tree(out) == tree(reference / "out")


def test_kill_9_then_resume_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "in", copies=4)
    reference = tmp_path / "ref"
    argv = ["fix", str(corpus), "--jobs", "2", "--quiet", "--exit-zero", "--batch-size", "1", "--batch-bytes", "6000"]
    assert (
        run(
            [
                *argv,
                "--out",
                str(reference / "out"),
                "--findings-out",
                str(reference / "f.jsonl"),
                "--removed-lines",
                str(reference / "r.jsonl"),
            ]
        )
        == 0
    )
    out = tmp_path / "run"
    command = [
        sys.executable,
        "-m",
        "cleanup",
        *argv,
        "--out",
        str(out / "out"),
        "--findings-out",
        str(out / "f.jsonl"),
        "--removed-lines",
        str(out / "r.jsonl"),
    ]
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    records = out / "out" / ".mt-cleanup-state" / "tasks"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if records.is_dir() and len(list(records.iterdir())) >= 8:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)  # the whole tree, as a crash or an OOM kill would
    process.wait()
    assert process.returncode == -signal.SIGKILL
    done_before = len(list(records.iterdir()))
    assert done_before >= 8
    assert not (out / "f.jsonl").exists()  # aggregate outputs appear only when complete
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert tree(out / "out") == tree(reference / "out")  # no state, no temporary file left
    assert (out / "f.jsonl").read_bytes() == (reference / "f.jsonl").read_bytes()
    assert (out / "r.jsonl").read_bytes() == (reference / "r.jsonl").read_bytes()
    assert sorted(path.name for path in out.iterdir()) == ["f.jsonl", "out", "r.jsonl"]


def test_batch_runs_apply_the_configuration_like_the_serial_fix(tmp_path: Path) -> None:
    """Workers get the merged configuration: allowlist, per-file ignores, excludes, extensions."""
    source = tmp_path / "in"
    (source / "drafts").mkdir(parents=True)
    dirty = "The OSDH in Syria said so.\nRead later\nThe army entered Aleppo , Syria's second city.\n"
    (source / "a.txt").write_text(dirty, encoding="utf-8")
    (source / "b.txt").write_text(dirty, encoding="utf-8")
    (source / "c.md").write_text(dirty, encoding="utf-8")
    (source / "drafts" / "d.txt").write_text(dirty, encoding="utf-8")
    (source / ".mt-cleanup.toml").write_text(
        'allow = ["OSDH"]\nextensions = [".txt"]\nextend-exclude = ["drafts"]\n[per-file-ignores]\n"b.txt" = ["BLP"]\n',
        encoding="utf-8",
    )
    assert run(["fix", str(source), "--out", str(tmp_path / "serial")]) == 0
    assert run(["fix", str(source), "--out", str(tmp_path / "batch"), "--jobs", "2", "--quiet"]) == 0
    serial, batch = tree(tmp_path / "serial"), tree(tmp_path / "batch")
    assert batch == serial
    assert sorted(serial) == ["a.txt", "b.txt"]
    assert serial["a.txt"] == b"The OSDH in Syria said so.\nThe army entered Aleppo, Syria's second city.\n"
    assert b"Read later" in serial["b.txt"]


def test_a_small_jsonl_corpus_is_cut_into_many_tasks_by_its_size_alone(tmp_path: Path) -> None:
    """A corpus of a few megabytes spreads over every worker: it is cut into about
    JSONL_TASKS_PER_FILE line-aligned ranges (never below MIN_JSONL_TASK_BYTES, never above
    the batch size), whatever the number of workers."""
    from cleanup.batch.plan import DEFAULT_BATCH_BYTES, JSONL_TASKS_PER_FILE, MIN_JSONL_TASK_BYTES, Task, iter_tasks

    line = json.dumps({"text": "The minister said on Tuesday that talks would resume. " * 20}) + "\n"
    path = tmp_path / "corpus.jsonl"
    path.write_text(line * (3 * DEFAULT_BATCH_BYTES // len(line)), encoding="utf-8")
    size = path.stat().st_size

    tasks = [task for task in iter_tasks([str(path)]) if isinstance(task, Task)]
    assert len(tasks) >= 3 * 7  # 1 MB ranges would give three tasks
    assert all(task.size <= max(MIN_JSONL_TASK_BYTES, size // JSONL_TASKS_PER_FILE) + len(line) for task in tasks)
    assert [task.start for task in tasks[1:]] == [task.end for task in tasks[:-1]]
    assert tasks[-1].end == size and tasks[-1].is_last_of_file
    assert all(data.endswith(b"\n") for data in (path.read_bytes()[task.start : task.end] for task in tasks))
    # An explicit smaller batch size still wins.
    assert len([task for task in iter_tasks([str(path)], batch_bytes=2 * size) if isinstance(task, Task)]) == len(tasks)
    small = [task for task in iter_tasks([str(path)], batch_bytes=4000) if isinstance(task, Task)]
    assert len(small) > len(tasks)
