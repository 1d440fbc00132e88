"""Lines repeated across a corpus (BLP002, ``--repeated-lines``): found by counting, not by a list."""

from __future__ import annotations

import json

import pytest

from cleanup.batch.repeated import RepeatedSettings, findings
from cleanup.cli import main
from cleanup.engine import check_text, default_ruleset
from cleanup.fixer import apply_edits
from cleanup.kinds.base import Document
from cleanup.model import Edit

try:
    from test_dask import cluster  # noqa: F401 - the fixture: a scheduler and two workers
except (ImportError, pytest.skip.Exception):  # no dask extra: the Dask test skips itself
    pass

FOOTER = "Sent to you by the Riverside Courier desk"
SENTENCE = "The mayor said the budget would be balanced next year."


def _corpus(path):
    """50 documents: the footer in 30 of them, an ordinary sentence in 2, the rest unique."""
    docs = []
    for number in range(50):
        lines = [
            f"Report {number} opened with the harbour works of the town number {number}.",
            f"The council met on day {number} and voted on plan {number}.",
        ]
        if number < 2:
            lines.append(SENTENCE)
        if number < 30:
            lines.insert(1 + number % 2, f"  {FOOTER} ")  # spaces around it: trimmed before counting
        lines.append(f"Closing remarks for piece {number}.")
        text = "\n".join(lines)
        if number % 3:  # some documents end with a newline, some do not
            text += "\n"
        docs.append({"id": number, "text": text, "site": "courier"})
    path.write_text("".join(json.dumps(doc) + "\n" for doc in docs), encoding="utf-8")
    return docs


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _texts(path):
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "crawl.jsonl"
    return path, _corpus(path)


def test_the_rule_alone_finds_nothing_in_one_document():
    assert [f for f in check_text(f"It rained.\n{FOOTER}\n{FOOTER}\n") if f.rule_id == "BLP002"] == []


def test_check_reports_the_footer_and_not_the_sentence(capsys, corpus):
    path, _ = corpus
    code, out, err = _run(capsys, "check", str(path), "--repeated-lines", "5", "--select", "BLP002", "--jobs", "1")
    assert code == 1
    hits = [line for line in out.splitlines() if "BLP002" in line]
    assert len(hits) == 30
    assert all(line.endswith(f"BLP002 Line repeated across the corpus: {FOOTER}") for line in hits)  # no [*]:
    # a plain `fix` does not delete them (the fix is display-only without --remove-repeated-lines)
    assert SENTENCE not in out
    assert f"1 line repeated in at least 5 of 50 documents (BLP002):\n      30  {FOOTER}\n" in err


def test_share_raises_the_threshold(capsys, corpus):
    path, _ = corpus
    # 30 of 50 documents is 60%: a 70% share flags nothing, whatever MIN_DOCS says.
    code, out, err = _run(
        capsys, "check", str(path), "--repeated-lines", "2", "--repeated-lines-share", "0.7", "--select", "BLP002"
    )
    assert code == 0 and "BLP002" not in out
    assert "0 lines repeated in at least 35 of 50 documents (BLP002)." in err
    # MIN_DOCS 2 alone flags the sentence too (it is in 2 documents): the threshold is the user's.
    code, out, err = _run(capsys, "check", str(path), "--repeated-lines", "2", "--select", "BLP002")
    assert f"       2  {SENTENCE}" in err


def test_fix_removes_the_footer_the_same_way_with_any_number_of_jobs(capsys, tmp_path, corpus):
    path, docs = corpus
    outputs = []
    for jobs in ("1", "2"):
        out_dir = tmp_path / f"out{jobs}"
        removed = tmp_path / f"removed{jobs}.jsonl"
        findings_out = tmp_path / f"findings{jobs}.jsonl"
        code, _, err = _run(
            capsys,
            "fix",
            str(path),
            "--out",
            str(out_dir),
            "--repeated-lines",
            "5",
            "--remove-repeated-lines",
            "--removed-lines",
            str(removed),
            "--findings-out",
            str(findings_out),
            "--jobs",
            jobs,
            "--batch-bytes",
            "2000",  # several tasks, so that two workers really share the run
        )
        assert code == 0, err
        outputs.append([(out_dir / "crawl.jsonl").read_bytes(), removed.read_bytes(), findings_out.read_bytes()])
    assert outputs[0] == outputs[1]
    fixed = _texts(tmp_path / "out1" / "crawl.jsonl")
    for original, text in zip(docs, fixed, strict=True):
        assert FOOTER not in text
        assert text == original["text"].replace(f"  {FOOTER} \n", "")
    assert sum(SENTENCE in text for text in fixed) == 2
    audit = [json.loads(line) for line in (tmp_path / "removed1.jsonl").read_text().splitlines()]
    assert len(audit) == 30 and all(entry["removed"] == [{"rule": "BLP002", "line": f"  {FOOTER} "}] for entry in audit)
    applied = [json.loads(line).get("applied", []) for line in (tmp_path / "findings1.jsonl").read_text().splitlines()]
    assert sum(edit["code"] == "BLP002" for entries in applied for edit in entries) == 30


def test_dask_engine_gives_the_local_output(capsys, tmp_path, corpus, request):
    pytest.importorskip("distributed", reason="the dask extra is part of the test extra")
    address, _ = request.getfixturevalue("cluster")
    path, _ = corpus
    flags = ("--repeated-lines", "5", "--remove-repeated-lines", "--batch-bytes", "2000", "--quiet")
    assert _run(capsys, "fix", str(path), "--out", str(tmp_path / "local"), "--jobs", "1", *flags)[0] == 0
    code, _, err = _run(
        capsys, "fix", str(path), "--out", str(tmp_path / "dask"), "--engine", "dask", "--scheduler", address, *flags
    )
    assert code == 0, err
    assert (tmp_path / "dask" / "crawl.jsonl").read_bytes() == (tmp_path / "local" / "crawl.jsonl").read_bytes()
    assert all(FOOTER not in text for text in _texts(tmp_path / "dask" / "crawl.jsonl"))


def test_fix_twice_equals_fix_once(capsys, tmp_path, corpus):
    path, _ = corpus
    once, twice = tmp_path / "once", tmp_path / "twice"
    flags = ("--repeated-lines", "5", "--remove-repeated-lines", "--jobs", "1")
    assert _run(capsys, "fix", str(path), "--out", str(once), *flags)[0] == 0
    assert _run(capsys, "fix", str(once / "crawl.jsonl"), "--out", str(twice), *flags)[0] == 0
    assert (twice / "crawl.jsonl").read_bytes() == (once / "crawl.jsonl").read_bytes()


def test_fix_without_remove_reports_and_keeps(capsys, tmp_path, corpus):
    path, _ = corpus
    code, out, _ = _run(capsys, "fix", str(path), "--out", str(tmp_path / "kept"), "--repeated-lines", "5", "-j", "1")
    assert code == 1 and out.count("BLP002") == 30
    assert (tmp_path / "kept" / "crawl.jsonl").read_bytes() == path.read_bytes()


def test_a_folder_of_text_files_with_jobs(capsys, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for number in range(6):
        (folder / f"{number}.txt").write_text(f"Story {number} about the river.\n{FOOTER}\n", encoding="utf-8")
    out_dir = tmp_path / "clean"
    code, _, err = _run(
        capsys, "fix", str(folder), "--out", str(out_dir), "--jobs", "2", "--batch-size", "2",
        "--repeated-lines", "4", "--remove-repeated-lines",
    )  # fmt: skip
    assert code == 0, err
    assert (out_dir / "3.txt").read_text(encoding="utf-8") == "Story 3 about the river.\n"


def test_resume_with_other_settings_is_refused(capsys, tmp_path, corpus):
    path, _ = corpus
    out_dir = tmp_path / "out"
    state = out_dir / ".mt-cleanup-state"
    state.mkdir(parents=True)
    (state / "manifest.json").write_text("{}", encoding="utf-8")  # an interrupted run with other settings
    code, _, err = _run(capsys, "fix", str(path), "--out", str(out_dir), "--repeated-lines", "5", "--resume")
    assert code == 2 and "other settings" in err


def test_resume_keeps_the_counted_lines(capsys, tmp_path, corpus, monkeypatch):
    """A run killed after its first pass resumes from the lines it saved, not from a new count."""
    from cleanup.batch import runner

    path, _ = corpus
    out_dir = tmp_path / "out"
    flags = ("--out", str(out_dir), "--repeated-lines", "5", "--remove-repeated-lines", "-j", "1")
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # the first pass is done, two tasks of the second too
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    original = runner.process_task
    monkeypatch.setattr(runner, "process_task", interrupted)
    code, _, err = _run(capsys, "fix", str(path), *flags, "--batch-bytes", "2000")
    assert code != 0 and "--resume" in err
    assert (out_dir / ".mt-cleanup-state" / "repeated.json").exists()
    monkeypatch.setattr(runner, "count_task", lambda *args: pytest.fail("counted again"))
    code, _, err = _run(capsys, "fix", str(path), *flags, "--batch-bytes", "2000", "--resume")
    assert code == 0, err
    assert all(FOOTER not in text for text in _texts(out_dir / "crawl.jsonl"))


def test_options_are_refused_where_they_cannot_work(capsys, tmp_path, corpus):
    path, _ = corpus
    code, _, err = _run(capsys, "fix", str(path), "--out", str(tmp_path / "o"), "--remove-repeated-lines")
    assert code == 2 and "--remove-repeated-lines needs --repeated-lines" in err
    code, _, err = _run(capsys, "check", str(path), "--repeated-lines", "5", "--select", "SPC")
    assert code == 2 and "leaves out" in err
    text_file = tmp_path / "a.txt"
    text_file.write_text("x\n", encoding="utf-8")
    code, _, err = _run(capsys, "fix", str(text_file), "--diff", "--repeated-lines", "5")
    assert code == 2 and "corpus run" in err
    with pytest.raises(SystemExit):
        main(["check", str(path), "--repeated-lines", "1"])


@pytest.mark.parametrize(
    ("text", "good"),
    [
        ("a\nF\nb\n", "a\nb\n"),
        ("a\nF", "a"),  # the last line without a newline takes the newline before it
        ("a\nF\nF", "a"),
        ("a\r\nF\r\nb\r\n", "a\r\nb\r\n"),
        ("a\r\nF", "a"),
        ("F\n", ""),
        ("F", ""),
        ("a\n\n F\t\nb", "a\n\nb"),
    ],
)
def test_deletions_keep_the_ending(text, good):
    meta = default_ruleset().get("BLP002").meta
    from cleanup.batch.repeated import line_hash

    found = findings(Document(text), frozenset({line_hash("F")}), meta)
    edits: list[Edit] = [edit for finding in found for edit in finding.fix.edits]
    assert apply_edits(text, sorted(edits, key=lambda edit: edit.span.start)) == good
    assert all(finding.matched.strip() == "F" for finding in found)


def test_threshold():
    assert RepeatedSettings(5).threshold(1000) == 5
    assert RepeatedSettings(5, 0.1).threshold(1000) == 100
    assert RepeatedSettings(5, 0.3).threshold(10) == 5
    assert RepeatedSettings(2, 0.7).threshold(50) == 35
