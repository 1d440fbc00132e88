"""ruff's conventions where a user reaches for them (issue 15, point 3): each as a real command."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_corpus import build_corpus

from cleanup.batch.progress import ProgressBar, format_progress
from cleanup.cli import main
from cleanup.commands.common import use_color

DIRTY = "The army entered Aleppo , Syria's second city.\nRead later\n"
FIXED = "The army entered Aleppo, Syria's second city.\n"
UNSAFE_ONLY = "The ministers said the talks [avaient été] long and difficult.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_zero_on_check_and_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", DIRTY + UNSAFE_ONLY)
    assert run(capsys, "check", str(path))[0] == 1
    assert run(capsys, "check", "--exit-zero", str(path))[0] == 0
    # fix leaves the unsafe finding: 1, as `ruff check --fix` exits when findings remain
    status, out, err = run(capsys, "fix", str(path))
    assert status == 1
    assert "SRC001 Untranslated French in brackets" in out  # the finding left, on stdout
    write(tmp_path / "a.txt", DIRTY + UNSAFE_ONLY)
    assert run(capsys, "fix", "--exit-zero", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == FIXED + UNSAFE_ONLY


def test_fix_exits_zero_when_nothing_is_left(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    assert run(capsys, "fix", str(path)) == (
        0,
        "",
        f"{path}: fixed 2 (1 × BLP001, 1 × SPC001)\nFixed 2 artifacts in 1 of 1 file; 0 findings left.\n",
    )


def test_fix_diff_says_what_it_would_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    status, out, err = run(capsys, "fix", "--diff", str(path))
    assert status == 0 and out.startswith(f"--- a/{path}")
    assert err.splitlines() == [
        f"{path}: would fix 2 (1 × BLP001, 1 × SPC001)",
        "Would fix 2 artifacts in 1 of 1 file; 0 findings left.",
    ]
    assert path.read_text(encoding="utf-8") == DIRTY


def test_unsafe_fixes_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", UNSAFE_ONLY)
    status, out, _ = run(capsys, "check", str(path))
    assert out.endswith("Found 1 finding in 1 file. 1 more fix is available with `--unsafe-fixes`.\n")
    status, _, err = run(capsys, "fix", str(path))
    assert err.endswith("0 of 1 file; 1 finding left. 1 more fix is available with `--unsafe-fixes`.\n")
    status, _, err = run(capsys, "fix", "--unsafe-fixes", str(path))
    assert status == 0 and "--unsafe-fixes`" not in err


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    report = tmp_path / "reports" / "check.json"
    status, out, _ = run(capsys, "check", "--format", "json", "--output-file", str(report), str(path))
    assert (status, out) == (1, "")
    assert [item["code"] for item in json.loads(report.read_text())["files"][0]["findings"]] == ["SPC001", "BLP001"]
    text_report = tmp_path / "check.txt"
    status, out, _ = run(capsys, "check", "-o", str(text_report), str(path))
    assert out == "" and text_report.read_text().endswith(
        "Found 2 findings in 1 file. [*] 2 fixable with `mt-cleanup fix`.\n"
    )


def test_fix_format_json_lists_applied_edits_and_the_findings_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.txt", DIRTY + UNSAFE_ONLY)
    status, out, _ = run(capsys, "fix", "--format", "json", str(path))
    document = json.loads(out)
    assert status == 1 and document["schema"] == 1
    entry = document["files"][0]
    assert [item["code"] for item in entry["applied"]] == ["SPC001", "BLP001"]
    assert [item["code"] for item in entry["findings"]] == ["SRC001"]
    assert entry["findings"][0]["line"] == 2  # a position in the fixed text
    assert document["summary"] == {"files": 1, "findings": 1, "by_rule": {"SRC001": 1}, "fixed": 2}


@pytest.mark.parametrize("format_name", ["sarif", "jsonl", "github", "junit"])
def test_fix_takes_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], format_name: str) -> None:
    path = write(tmp_path / "a.txt", DIRTY + UNSAFE_ONLY)
    status, out, _ = run(capsys, "fix", "--format", format_name, str(path))
    if format_name == "sarif":  # the driver lists every rule; the results are what is left
        assert [item["ruleId"] for item in json.loads(out)["runs"][0]["results"]] == ["SRC001"]
    else:
        assert "SRC001" in out and "SPC001" not in out
    assert status == 1


def test_fix_statistics_and_show_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", DIRTY + UNSAFE_ONLY)
    status, out, err = run(capsys, "fix", "--statistics", "--show-fixes", str(path))
    assert status == 1
    assert out.splitlines() == [
        "     1\tBLP001\tfixed\tpage-boilerplate-line",
        "     1\tSPC001\tfixed\tspace-before-punctuation",
        "     1\tSRC001\t[ ]\tbracketed-french-words",
    ]
    assert err.splitlines() == [
        "Fixed 2 artifacts:",
        f"- {path}:",
        "    1 × BLP001 (page-boilerplate-line)",
        "    1 × SPC001 (space-before-punctuation)",
        "Fixed 2 artifacts in 1 of 1 file; 1 finding left. 1 more fix is available with `--unsafe-fixes`.",
    ]


def test_extend_select_and_extend_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / ".mt-cleanup.toml", 'select = ["SPC"]\n')
    path = write(tmp_path / "a.txt", DIRTY + UNSAFE_ONLY)

    def codes(out: str) -> list[str]:
        return sorted({line.split(": ")[1].split()[0] for line in out.splitlines() if line.startswith(str(path))})

    assert codes(run(capsys, "check", str(path))[1]) == ["SPC001"]
    assert codes(run(capsys, "check", "--extend-select", "BLP,SRC", str(path))[1]) == ["BLP001", "SPC001", "SRC001"]
    out = run(capsys, "check", "--extend-select", "BLP,SRC", "--extend-ignore", "SRC", str(path))[1]
    assert codes(out) == ["BLP001", "SPC001"]


def test_exclude_and_force_exclude(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kept = write(tmp_path / "news" / "a.txt", DIRTY)
    draft = write(tmp_path / "news" / "drafts" / "b.txt", DIRTY)
    _, out, _ = run(capsys, "check", "--exclude", "drafts", str(tmp_path / "news"))
    assert str(kept) in out and str(draft) not in out
    # a file named on the command line is checked unless --force-exclude (pre-commit names files)
    assert run(capsys, "check", "--exclude", "drafts", str(draft))[0] == 1
    status, out, err = run(capsys, "check", "--exclude", "drafts", "--force-exclude", str(draft))
    assert status == 0 and "no text files found" in err
    write(tmp_path / "news" / ".mt-cleanup.toml", 'extend-exclude = ["drafts"]\nforce-exclude = true\n')
    assert run(capsys, "check", str(draft))[0] == 0


def test_stdin_filename(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".mt-cleanup.toml", 'extend-exclude = ["drafts"]\n[per-file-ignores]\n"legacy/*.txt" = ["BLP"]\n')
    monkeypatch.chdir(tmp_path)

    def feed() -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIRTY.encode())))

    feed()
    status, out, _ = run(capsys, "check", "-", "--stdin-filename", "news/a.txt")
    assert out.startswith("news/a.txt:1:24: SPC001") and "BLP001" in out
    feed()
    status, out, _ = run(capsys, "check", "-", "--stdin-filename", "legacy/a.txt")
    assert "BLP001" not in out and "legacy/a.txt:1:24: SPC001" in out  # per-file-ignores by that name
    feed()
    status, out, _ = run(capsys, "fix", "-", "--stdin-filename", "drafts/a.txt", "--force-exclude")
    assert (status, out) == (0, DIRTY)  # excluded: given back unchanged


def test_color(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    out = run(capsys, "check", "--color", "always", str(path))[1]
    assert f"\033[1m{path}\033[0m:1:24: \033[1m\033[31mSPC001\033[0m \033[36m[*]\033[0m" in out
    assert "\033[" not in run(capsys, "check", "--color", "never", str(path))[1]
    assert "\033[" not in run(capsys, "check", str(path))[1]  # auto: not a terminal here

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    auto = main.__globals__["argparse"].Namespace(color="auto")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(auto, Terminal()) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(auto, Terminal()) is False


@pytest.mark.parametrize(
    ("argv", "usage", "hint"),
    [
        (["check", "--selct", "QUO", "a.txt"], "usage: mt-cleanup check", "did you mean '--select'?"),
        (["fix", "--ot", "x", "a.txt"], "usage: mt-cleanup fix", "did you mean '--out'?"),
        (["fix", "--unsafe", "a.txt"], "usage: mt-cleanup fix", "did you mean '--unsafe-fixes'?"),
        (["chek", "a.txt"], "usage: mt-cleanup", "did you mean 'check'?"),
    ],
)
def test_unknown_flags_get_the_subcommand_usage_and_a_suggestion(
    capsys: pytest.CaptureFixture[str], argv: list[str], usage: str, hint: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and hint in err


def test_progress_bar_has_a_total_and_an_eta() -> None:
    assert format_progress(10, 250_000, 0, 0, 1.0, 1_000_000).startswith(
        "[#####---------------]  25%  0.2/1.0 MB  ETA 0:03"
    )
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=True, total_bytes=2_000_000)
    bar.update(3, 1_000_000, 4, 0)
    assert "50%" in stream.getvalue() and "ETA" in stream.getvalue() and "4 findings" in stream.getvalue()


def test_batch_run_draws_the_bar_with_its_total_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = build_corpus(tmp_path / "in", copies=1)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr("cleanup.batch.progress._REDRAW_SECONDS", 0.0)
    main(["check", str(corpus), "--jobs", "1", "--batch-size", "2"])
    err = capsys.readouterr().err
    assert "ETA" in err and "100%" in err


def test_ctrl_c_of_a_batch_run_mentions_resume(tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "in", copies=24)  # enough work that the run outlasts the interrupt
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cleanup", "fix", str(corpus), "--out", str(out), "--jobs", "2"]
    command += ["--quiet", "--batch-size", "1", "--batch-bytes", "4000"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    records = out / ".mt-cleanup-state" / "tasks"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if records.is_dir() and any(records.iterdir()):
            break
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.kill(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1] == (
        "mt-cleanup: interrupted; the finished batches are kept: run the same command with --resume to finish"
    )
    resumed = subprocess.run([*command, "--resume", "--exit-zero"], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr


def test_a_custom_pack_may_use_its_own_code_prefix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "house"
    write(pack / "pack.toml", 'name = "house"\nversion = "0.0.1"\ndescription = "House style."\n')
    rule = """\
[[rule]]
id = "HSE001"
name = "house-style-utilise"
kind = "pattern"
category = "other"
severity = "info"
message = "Write “use”, not {match}"
pattern = '\\butilise\\b'
replace = "use"
fix = "safe"
fix_title = "Replace with “use”"
why = "House style."
fix_safety = "Safe in this house."

[[rule.example]]
bad = "They utilise it."
good = "They use it."

[[rule.example]]
ok = "They use it."
"""
    write(pack / "style.toml", rule)
    path = write(tmp_path / "a.txt", "We utilise tools.\n")
    status, out, err = run(capsys, "check", "--rules", str(pack), "--select", "HSE", str(path))
    assert status == 1, err
    assert f"{path}:1:4: HSE001 [*] Write “use”, not utilise" in out
    assert run(capsys, "fix", "--rules", str(pack), "--select", "HSE001", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == "We use tools.\n"
    # a category's own prefix still belongs to that category
    write(pack / "style.toml", rule.replace("HSE001", "QUO901"))
    status, _, err = run(capsys, "check", "--rules", str(pack), str(path))
    assert status == 2 and "id 'QUO901' must start with 'GRM' for category 'other'" in err
