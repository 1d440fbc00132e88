"""One emitter per output format (issue 15, point 5): ``check``, ``fix`` and corpus runs write
each format through :mod:`cleanup.report.formats`, so a corpus run prints what the serial
command prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanup.cli import main

DIRTY = "The army entered Aleppo , Syria's second city.\nRead later\n"
LEFT = "The ministers said the talks [avaient été] long and difficult.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    for number in range(5):
        path = root / f"part{number // 3}" / f"n{number}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DIRTY * (number + 1) + LEFT, encoding="utf-8")
    return root


def output(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


@pytest.mark.parametrize("format_name", ["text", "json", "jsonl", "github"])
def test_a_corpus_run_prints_what_the_serial_check_prints(
    folder: Path, capsys: pytest.CaptureFixture[str], format_name: str
) -> None:
    serial = output(capsys, "check", str(folder), "--format", format_name)
    batch = output(capsys, "check", str(folder), "--format", format_name, "--jobs", "2", "--batch-size", "1", "-q")
    assert serial == batch
    assert serial[0] == 1 and serial[1]


@pytest.mark.parametrize("format_name", ["json", "jsonl", "github"])
def test_fix_in_a_corpus_run_reports_what_is_left_as_the_serial_fix(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], format_name: str
) -> None:
    serial = output(capsys, "fix", str(folder), "--out", str(tmp_path / "a"), "--format", format_name)
    batch = output(
        capsys, "fix", str(folder), "--out", str(tmp_path / "b"), "--format", format_name, "--jobs", "2", "-q"
    )
    assert serial == batch
    assert serial[0] == 1 and "SRC001" in serial[1] and '"SPC001"' not in serial[1].split('"applied"')[0]


def test_json_of_a_corpus_run_lists_bad_documents_as_the_serial_check(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "part0" / "bad.txt").write_bytes(b"caf\xe9\n")
    missing = str(folder / "missing")
    serial = output(capsys, "check", str(folder), missing, "--format", "json")
    batch = output(capsys, "check", str(folder), missing, "--format", "json", "--jobs", "2", "-q")
    assert serial == batch
    document = json.loads(serial[1])
    assert serial[0] == 2 and [error["path"] for error in document["errors"]] == [
        str(folder / "part0" / "bad.txt"),
        missing,
    ]
    assert document["summary"]["files"] == 5


def test_a_corpus_run_writes_its_report_to_output_file(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "findings.jsonl"
    status, out = output(capsys, "check", str(folder), "--format", "jsonl", "--jobs", "2", "-o", str(report))
    assert (status, out) == (1, "")
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert {record["code"] for record in records} == {"SPC001", "BLP001", "SRC001"}


@pytest.mark.parametrize("format_name", ["sarif", "junit"])
def test_whole_run_formats_are_refused_for_corpus_runs(
    folder: Path, capsys: pytest.CaptureFixture[str], format_name: str
) -> None:
    status = main(["check", str(folder), "--format", format_name, "--jobs", "2"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"mt-cleanup: --format {format_name} is not written by corpus runs")
    assert "use --format json, jsonl, github" in err
