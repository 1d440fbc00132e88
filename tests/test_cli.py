"""The command line, in process and once as a real subprocess: exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from cleanup.cli import main

DIRTY = "The army entered Aleppo , Syria's second city.\nRead later\n"
CLEAN = "The army entered Aleppo, Syria's second city.\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_check_reports_findings_with_line_column_code_and_fix_marker(capsys, write_file):
    path = write_file("a.txt", DIRTY)
    status, out, _ = run(capsys, "check", str(path))
    assert status == 1
    assert f"{path}:1:24: SPC001 [*] Space before punctuation" in out
    assert f"{path}:2:1: BLP001 [*] Page boilerplate left in the text (a listed shape): Read later" in out
    assert "Found 2 findings in 1 file." in out


def test_check_clean_file_exits_zero(capsys, write_file):
    status, out, _ = run(capsys, "check", str(write_file("a.txt", CLEAN)))
    assert status == 0 and "All checks passed" in out


def test_select_and_ignore_by_prefix(capsys, write_file):
    path = str(write_file("a.txt", DIRTY))
    assert run(capsys, "check", "--select", "BLP", path)[1].count("BLP001") == 1
    status, out, _ = run(capsys, "check", "--select", "BLP", path)
    assert "SPC001" not in out
    status, out, _ = run(capsys, "check", "--ignore", "BLP,SPC", path)
    assert status == 0


def test_json_format(capsys, write_file):
    path = write_file("a.txt", DIRTY)
    status, out, _ = run(capsys, "check", "--format", "json", str(path))
    document = json.loads(out)
    assert status == 1
    assert document["schema"] == 1
    assert document["signature"].startswith("mt-cleanup ")
    finding = document["files"][0]["findings"][0]
    assert finding["code"] == "SPC001" and finding["line"] == 1 and finding["column"] == 24
    assert finding["fix"]["applicability"] == "safe"
    assert finding["fix"]["edits"] == [{"start": 23, "end": 24, "replacement": ""}]


def test_check_reads_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIRTY.encode())))
    status, out, _ = run(capsys, "check", "-")
    assert status == 1 and out.startswith("-:1:24: SPC001")


def test_fix_in_place_keeps_crlf_bom_mode_and_missing_final_newline(capsys, write_file):
    raw = "\ufeff" + DIRTY.replace("\n", "\r\n").rstrip("\r\n")
    path = write_file("a.txt", raw.encode("utf-8"), mode=0o640)
    status, _, err = run(capsys, "fix", str(path))
    assert status == 0
    assert path.read_bytes() == ("\ufeff" + "The army entered Aleppo, Syria's second city.").encode("utf-8")
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert "Fixed 2 artifacts in 1 of 1 file" in err


def test_fix_twice_equals_fix_once(capsys, write_file):
    path = write_file("a.txt", DIRTY)
    run(capsys, "fix", str(path))
    once = path.read_bytes()
    status, _, err = run(capsys, "fix", str(path))
    assert path.read_bytes() == once and status == 0 and "Fixed 0 artifacts" in err


def test_fix_to_out_dir_mirrors_inputs_and_leaves_sources(capsys, tmp_path, write_file):
    write_file("in/sub/a.txt", DIRTY)
    write_file("in/b.md", CLEAN)
    write_file("in/skip.bin", b"\x00\x01")
    status, _, _ = run(capsys, "fix", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert status == 0
    assert (tmp_path / "out/sub/a.txt").read_text() == CLEAN
    assert (tmp_path / "out/b.md").read_text() == CLEAN
    assert not (tmp_path / "out/skip.bin").exists()
    assert (tmp_path / "in/sub/a.txt").read_text() == DIRTY


def test_fix_diff_prints_and_does_not_write(capsys, write_file):
    path = write_file("a.txt", DIRTY)
    status, out, _ = run(capsys, "fix", "--diff", str(path))
    assert "-Read later" in out and "+The army entered Aleppo, Syria's" in out
    assert path.read_text() == DIRTY


def test_fix_exit_non_zero_on_fix(capsys, write_file):
    path = write_file("a.txt", DIRTY)
    assert run(capsys, "fix", "--exit-non-zero-on-fix", str(path))[0] == 1


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("binary.txt", b"\x89PNG\r\n\x00\x00", "binary file"),
        ("latin1.txt", "café".encode("latin-1"), "not valid UTF-8 at byte 3"),
    ],
)
@pytest.mark.parametrize("command", ["check", "fix"])
def test_bad_input_gives_one_line_exit_2_and_writes_nothing(capsys, write_file, command, name, data, problem):
    path = write_file(name, data)
    status, out, err = run(capsys, command, str(path))
    assert status == 2
    assert err.splitlines()[0] == f"mt-cleanup: {path}: {problem}" or err.startswith(f"mt-cleanup: {path}: {problem}")
    assert "Traceback" not in err
    assert path.read_bytes() == data


def test_missing_path_and_other_files_still_processed(capsys, write_file, tmp_path):
    good = write_file("a.txt", DIRTY)
    status, out, err = run(capsys, "check", str(tmp_path / "missing.txt"), str(good))
    assert status == 2
    assert f"{tmp_path / 'missing.txt'}: no such file or directory" in err
    assert "SPC001" in out


def test_rules_and_rule(capsys):
    status, out, _ = run(capsys, "rules")
    assert status == 0 and "QUO001  glued-closing-quote" in out
    status, out, _ = run(capsys, "rule", "QUO001")
    assert status == 0 and "## Why is this bad?" in out and "## Fix safety" in out
    status, _, err = run(capsys, "rule", "QUO01")
    assert status == 2 and "unknown rule 'QUO01' (did you mean" in err


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2


def test_bad_user_pack_is_one_line_exit_2(capsys, tmp_path, write_file):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.toml").write_text('name = "x"\nversion = "1.0.0"\n')
    status, _, err = run(capsys, "check", "--rules", str(pack), str(write_file("a.txt", CLEAN)))
    assert status == 2
    assert err.strip() == f"mt-cleanup: {pack}/pack.toml: missing required key 'description'"


def test_real_subprocess_and_python_dash_m(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DIRTY)
    result = subprocess.run(
        [sys.executable, "-m", "cleanup", "check", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1 and "SPC001" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "cleanup", "fix", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"mt-cleanup: {tmp_path / 'nope.txt'}: no such file or directory"


def test_the_quick_exit_loses_no_output_and_runs_atexit_handlers(tmp_path, capsys):
    """The console script skips the interpreter's teardown: its output through a pipe (far
    more than a pipe buffer holds) equals the in-process output, the status is kept, and
    atexit handlers still run, after the output."""
    paths = []
    for number in range(60):
        path = tmp_path / f"f{number:02d}.txt"
        path.write_text(DIRTY * 20)
        paths.append(str(path))
    status, expected, _ = run(capsys, "check", *paths)
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('atexit ran'))\n"
        "from cleanup.cli import run\n"
        "sys.argv = ['mt-cleanup', *sys.argv[1:]]\n"
        "run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "check", *paths], capture_output=True, text=True, check=False
    )
    assert status == result.returncode == 1
    assert len(expected) > 65536
    assert result.stdout == expected + "atexit ran\n"
    missing = subprocess.run(
        [sys.executable, "-c", script, "check", str(tmp_path / "nope.txt")], capture_output=True, text=True
    )
    assert missing.returncode == 2 and missing.stdout == "atexit ran\n"


def test_random_bytes_never_give_a_traceback(capsys, tmp_path):
    """Fuzzed input files: every run ends with a status 0, 1 or 2 and at most one-line errors."""
    import random

    generator = random.Random(20261122)
    samples = [bytes(generator.randrange(256) for _ in range(generator.randrange(1, 400))) for _ in range(40)]
    samples += [("\ufeff" * generator.randrange(2) + "Read later\r\n« x »\x1b OSDH , a “idea”").encode()]
    for number, data in enumerate(samples):
        path = tmp_path / f"f{number}.txt"
        path.write_bytes(data)
        for command in ("check", "fix"):
            status = main([command, str(path)])
            captured = capsys.readouterr()
            assert status in (0, 1, 2), (data, status)
            assert "Traceback" not in captured.err
            if status == 2:
                assert captured.err.count("mt-cleanup:") == 1 and captured.err.startswith("mt-cleanup: ")
