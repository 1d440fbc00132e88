"""Nothing lost or silently wrong (issue 15, point 2): each case is a real command, in process."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from cleanup.cli import main

DIRTY = "The army entered Aleppo , Syria's second city.\nRead later\n"
FIXED = "The army entered Aleppo, Syria's second city.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# --- two inputs, one output path ----------------------------------------------------------


@pytest.mark.parametrize("batch", [[], ["--jobs", "2"]])
def test_fix_out_refuses_two_inputs_with_the_same_output_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], batch: list[str]
) -> None:
    first = write(tmp_path / "a" / "x.txt", DIRTY)
    second = write(tmp_path / "b" / "x.txt", "Paris , France.\n")
    out = tmp_path / "OUT"
    status, _, err = run(capsys, "fix", str(first), str(second), "--out", str(out), *batch)
    assert status == 2
    assert err.strip() == f"mt-cleanup: {first} and {second} would both be written to {out / 'x.txt'};" + (
        " run them with separate --out folders"
    )
    assert not out.exists() or not any(out.rglob("*.txt"))


# --- selectors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "--select", "XYZ"], "mt-cleanup: --select: 'XYZ' matches no rule"),
        (["check", "--ignore", "QUO9"], "mt-cleanup: --ignore: 'QUO9' matches no rule"),
        (["check", "--extend-select", "ZZZ"], "mt-cleanup: --extend-select: 'ZZZ' matches no rule"),
        (["fix", "--select", "XYZ", "--ignore", "BLP"], "mt-cleanup: --select: 'XYZ' matches no rule"),
        (["check", "--jobs", "2", "--select", "XYZ"], "mt-cleanup: --select: 'XYZ' matches no rule"),
        (
            ["fix", "--select", "QUO", "--ignore", "QUO"],
            "mt-cleanup: the selection (select QUO; ignore QUO) leaves no rule to run",
        ),
    ],
)
def test_a_selector_that_matches_no_rule_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    status, out, err = run(capsys, *argv, str(path))
    assert status == 2
    assert err.startswith(message) and err.count("\n") == 1
    assert "All checks passed" not in out
    assert path.read_text(encoding="utf-8") == DIRTY


def test_a_selector_in_the_config_that_matches_no_rule_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path / ".mt-cleanup.toml", '# house rules\nselect = ["SPC", "QUX"]\n')
    path = write(tmp_path / "a.txt", DIRTY)
    status, _, err = run(capsys, "check", str(path))
    assert status == 2
    assert err.startswith(f"mt-cleanup: {config}:2: key 'select': 'QUX' matches no rule")


def test_fix_honours_ignore_and_select_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    status, _, _ = run(capsys, "fix", "--select", "SPC,BLP", "--ignore", "BLP", str(path))
    assert status == 0
    assert path.read_text(encoding="utf-8") == "The army entered Aleppo, Syria's second city.\nRead later\n"


# --- --html with a corpus run ---------------------------------------------------------------


def test_html_with_a_corpus_run_is_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "in" / "a.txt", DIRTY)
    html = tmp_path / "changes.html"
    status, _, err = run(
        capsys, "fix", str(source.parent), "--jobs", "2", "--out", str(tmp_path / "o"), "--html", str(html)
    )
    assert status == 2
    assert err.startswith("mt-cleanup: --html is not available for corpus runs")
    assert not html.exists() and not (tmp_path / "o").exists()


# --- --out inside the input folder --------------------------------------------------------


@pytest.mark.parametrize("batch", [[], ["--jobs", "2", "--quiet"]])
def test_out_inside_the_input_folder_is_not_read_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], batch: list[str]
) -> None:
    folder = tmp_path / "news"
    write(folder / "a.txt", DIRTY)
    write(folder / "sub" / "b.txt", DIRTY)
    out = folder / "clean"
    for _ in range(2):
        status, _, err = run(capsys, "fix", str(folder), "--out", str(out), *batch)
        assert status == 0, err
    written = sorted(str(path.relative_to(out)) for path in out.rglob("*.txt"))
    assert written == ["a.txt", "sub/b.txt"]  # no clean/a.txt, no clean/clean/…


# --- empty files ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.md", "empty.txt"])
def test_an_empty_file_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = write(tmp_path / name, b"")
    assert run(capsys, "check", str(path)) == (0, "All checks passed (1 file).\n", "")
    status, _, err = run(capsys, "fix", str(path))
    assert status == 0 and path.read_bytes() == b""
    assert "Fixed 0 artifacts in 0 of 1 file" in err


# --- nothing to check ---------------------------------------------------------------------


@pytest.mark.parametrize("batch", [[], ["--jobs", "2"]])
def test_check_on_a_missing_folder_prints_only_the_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], batch: list[str]
) -> None:
    missing = tmp_path / "nowhere"
    status, out, err = run(capsys, "check", str(missing), *batch)
    assert (status, out) == (2, "")
    assert err.startswith(f"mt-cleanup: {missing}: no such file or directory\n")
    assert "0 files" not in err


@pytest.mark.parametrize("command", ["check", "fix"])
@pytest.mark.parametrize("batch", [[], ["--jobs", "2"]])
def test_an_empty_folder_says_there_was_nothing_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, batch: list[str]
) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / "notes.rst", DIRTY)  # not a .txt or .md file
    status, out, err = run(capsys, command, str(tmp_path / "empty"), *batch)
    assert status == 0
    assert "All checks passed" not in out and "Fixed" not in err
    assert err == "mt-cleanup: warning: no text files found under the given paths (looked for .txt, .md)\n"


# --- encodings ------------------------------------------------------------------------------

LATIN = "The army entered Aleppo , the minister's café said.\n"


def test_a_latin1_file_is_refused_with_a_hint_then_read_and_written_back_with_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "old.txt", LATIN.encode("latin-1"))
    status, _, err = run(capsys, "check", str(path))
    assert status == 2 and "pass --encoding cp1252 (or latin-1, or auto" in err
    status, out, _ = run(capsys, "check", "--encoding", "latin-1", str(path))
    assert status == 1 and "SPC001" in out
    assert run(capsys, "fix", "--encoding", "latin-1", str(path))[0] == 0
    assert path.read_bytes() == LATIN.replace("Aleppo ,", "Aleppo,").encode("latin-1")


def test_encoding_auto_detects_cp1252_and_keeps_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "He said \N{LEFT DOUBLE QUOTATION MARK}yes\N{RIGHT DOUBLE QUOTATION MARK} in Paris , France.\n"
    path = write(tmp_path / "win.txt", text.encode("cp1252"))
    utf8 = write(tmp_path / "utf8.txt", text)
    assert run(capsys, "fix", "--encoding", "auto", str(path), str(utf8))[0] == 0
    assert path.read_bytes() == text.replace("Paris ,", "Paris,").encode("cp1252")
    assert utf8.read_text(encoding="utf-8") == text.replace("Paris ,", "Paris,")


def test_encoding_from_the_config_and_in_a_batch_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / ".mt-cleanup.toml", 'encoding = "cp1252"\n')
    folder = tmp_path / "old"
    for name in ("a.txt", "b.txt"):
        write(folder / name, LATIN.encode("cp1252"))
    status, _, err = run(capsys, "fix", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2", "--quiet")
    assert status == 0, err
    assert (tmp_path / "out" / "a.txt").read_bytes() == LATIN.replace("Aleppo ,", "Aleppo,").encode("cp1252")


def test_a_fix_the_encoding_cannot_hold_leaves_the_file_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # QUO fixes write curly quotes, which Latin-1 lacks.
    opening, closing = "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}", "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}"
    raw = f"He said {opening} yes {closing} to the plan.\n"
    path = write(tmp_path / "l1.txt", raw.encode("latin-1"))
    status, _, err = run(capsys, "fix", "--encoding", "latin-1", str(path))
    assert status == 2
    assert "which iso8859-1 cannot encode; the file is left unchanged" in err
    assert path.read_bytes() == raw.encode("latin-1")


def test_an_unknown_encoding_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    status, _, err = run(capsys, "check", "--encoding", "klingon", str(path))
    assert status == 2 and err.startswith("mt-cleanup: --encoding: unknown encoding 'klingon'")


# --- the ignore file follows its lines --------------------------------------------------------


def test_ignore_entries_follow_their_line_and_stale_ones_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".mt-cleanup.toml", "")
    lines = [f"Paragraph {number} , with a space before its comma.\n" for number in range(16)]
    path = write(tmp_path / "a.txt", "".join(lines))
    assert run(capsys, "check", "a.txt")[0] == 1
    assert run(capsys, "check", "--add-ignores", "a.txt")[0] == 0
    assert run(capsys, "check", "a.txt")[0] == 0
    # one line inserted at the top: every entry still silences its finding (issue 15: 16 came back)
    path.write_text("A new first line.\n" + "".join(lines), encoding="utf-8")
    status, out, err = run(capsys, "check", "a.txt")
    assert (status, err) == (0, ""), out
    # the artifact of paragraph 3 is fixed by hand: its entry is stale, and said so
    path.write_text("A new first line.\n" + "".join(lines).replace("Paragraph 3 ,", "Paragraph 3,"), encoding="utf-8")
    status, _, err = run(capsys, "check", "a.txt")
    assert status == 0
    assert err.count("stale entry") == 1 and "'a.txt:4:12:SPC001:" in err


def test_an_ignore_entry_holds_when_another_fix_changes_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fixer re-checks after each round: an entry anchored to the whole line would stop
    # matching once the space before "." is removed, and the baselined acronym would be fixed.
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".mt-cleanup.toml", "")
    path = write(tmp_path / "a.txt", "The Syrian army held Idlib, the OSDH said.\n")
    assert run(capsys, "check", "--add-ignores", "a.txt")[0] == 0
    path.write_text("Read later\nThe Syrian army held Idlib , the OSDH said .\n", encoding="utf-8")
    status, out, _ = run(capsys, "fix", "a.txt")
    assert path.read_text(encoding="utf-8") == "The Syrian army held Idlib, the OSDH said.\n", out
    assert status == 0


def test_one_entry_silences_one_occurrence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".mt-cleanup.toml", "")
    line = "The army entered Aleppo , Syria.\n"
    path = write(tmp_path / "a.txt", line)
    assert run(capsys, "check", "--add-ignores", "a.txt")[0] == 0
    path.write_text(line + line, encoding="utf-8")  # the same artifact a second time
    status, out, _ = run(capsys, "check", "a.txt")
    assert status == 1 and [item.split(":")[1] for item in out.splitlines() if "SPC001" in item] == ["2"]


def test_old_line_number_entries_still_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / ".mt-cleanup.toml", "")
    write(tmp_path / ".mt-cleanup-ignore", "a.txt:1:SPC001\n")
    path = write(tmp_path / "a.txt", "Aleppo , Syria.\n")
    assert run(capsys, "check", str(path))[0] == 0


def test_inline_markers_in_a_plain_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "The army entered Aleppo , Syria.\n"
    text = f"# mt-cleanup: disable-next-line=SPC001\n{line}{line}"
    path = write(tmp_path / "a.txt", text)
    status, out, _ = run(capsys, "check", str(path))
    assert status == 1
    assert [item.split(":")[1] for item in out.splitlines() if "SPC001" in item] == ["3"]
    assert run(capsys, "fix", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == f"# mt-cleanup: disable-next-line=SPC001\n{line}" + line.replace(
        " ,", ","
    )


def test_stdin_is_not_affected_by_the_out_folder_checks(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIRTY.encode())))
    status, out, _ = run(capsys, "fix", "-")
    assert status == 0 and out == FIXED
