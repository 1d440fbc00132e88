"""Configuration (issue 5, point 4): discovery, every key and its errors, precedence,
per-file ignores, excludes, allowlist, the ignore file, inline markers and --add-ignores."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.config import Glob, find_config_file, load_config
from cleanup.errors import ConfigError
from cleanup.suppress import inline_ranges

DIRTY = "The strike hit Aleppo , Syria.\nThe OSDH said the army units [étaient] engaged.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    """Run ``check --format json``; return the exit status and the codes found, in order."""
    status = main(["check", "--format", "json", *argv])
    out = capsys.readouterr().out
    document = json.loads(out)
    codes = [finding["code"] for entry in document["files"] for finding in entry["findings"]]
    return status, codes


def run_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main(list(argv))
    err = capsys.readouterr().err
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", DIRTY)
    return tmp_path


def test_defaults_without_a_config_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, codes = check_json(capsys, "a.txt")
    assert status == 1
    assert {"SPC001", "ACR001", "SRC001"} <= set(codes)


# --- discovery ---------------------------------------------------------------------------


def test_dedicated_file_is_found_upward_from_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'ignore = ["SPC"]\n')
    deep = write(project / "news" / "2024" / "b.txt", DIRTY)
    status, codes = check_json(capsys, str(deep))
    assert "SPC001" not in codes and "ACR001" in codes
    assert find_config_file(deep) == project / ".mt-cleanup.toml"


def test_pyproject_table_is_found_and_unrelated_pyproject_is_skipped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.mt-cleanup]\nignore = ["ACR"]\n')
    write(project / "sub" / "pyproject.toml", '[project]\nname = "inner"\n')  # no [tool.mt-cleanup]
    inner = write(project / "sub" / "c.txt", DIRTY)
    status, codes = check_json(capsys, str(inner))
    assert "ACR001" not in codes and "SPC001" in codes
    assert find_config_file(inner) == project / "pyproject.toml"


def test_dedicated_file_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    write(project / "pyproject.toml", '[tool.mt-cleanup]\nignore = ["ACR"]\n')
    write(project / ".mt-cleanup.toml", 'ignore = ["SPC"]\n')
    assert find_config_file(project / "a.txt") == project / ".mt-cleanup.toml"


def test_discovery_from_the_working_directory_for_stdin(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project / ".mt-cleanup.toml", 'select = ["ACR001"]\n')
    main(["dump-config", "--format", "json"])
    values = json.loads(capsys.readouterr().out)
    assert values["config-file"] == str(project / ".mt-cleanup.toml")
    assert values["selected-rules"] == ["ACR001"]


def test_explicit_config_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'ignore = ["SPC"]\n')
    other = write(project / "elsewhere" / "strict.toml", 'select = ["SPC"]\n')
    status, codes = check_json(capsys, "--config", str(other), "a.txt")
    assert set(codes) == {"SPC001"}


def test_missing_config_file_is_one_line_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = run_error(capsys, "check", "--config", "nope.toml", "a.txt")
    assert "nope.toml" in line and "not found" in line


def test_pyproject_given_with_config_needs_the_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "pyproject.toml", '[project]\nname = "x"\n')
    line = run_error(capsys, "check", "--config", "pyproject.toml", "a.txt")
    assert "[tool.mt-cleanup]" in line


# --- key errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('selct = ["QUO"]\n', ["key 'selct'", "unknown key", "did you mean 'select'?"]),
        ("per-file-ignore = {}\n", ["did you mean 'per-file-ignores'?"]),
        ('select = "QUO"\n', ["key 'select'", "expected a list of rule codes", "'QUO' (a string)"]),
        ("ignore = [1]\n", ["key 'ignore'", "expected a list"]),
        ('select = ["quote!"]\n', ["key 'select'", "'quote!' is not a rule code"]),
        ('fix = "unsfe"\n', ["key 'fix'", "did you mean 'unsafe'?"]),
        ("fix = true\n", ["key 'fix'", "a boolean"]),
        ('extensions = ["txt"]\n', ["key 'extensions'", "'txt' is not a file extension"]),
        ("extensions = []\n", ["key 'extensions'", "at least one"]),
        ('allow = ["  "]\n', ["key 'allow'", "must not be empty"]),
        ('allow = "café"\n', ["key 'allow'", "expected a list of words or phrases"]),
        ('extend-exclude = ["drafts/[abc"]\n', ["key 'extend-exclude'", "bad glob", "unclosed '['"]),
        ('per-file-ignores = "x"\n', ["key 'per-file-ignores'", "expected a table"]),
        ('[per-file-ignores]\n"a[.txt" = ["QUO"]\n', ["key 'per-file-ignores'", "bad glob"]),
        ('[per-file-ignores]\n"*.txt" = ["Q-1"]\n', ["'Q-1' is not a rule code"]),
        ('rules = ["missing-packs"]\n', ["key 'rules'", "'missing-packs' not found"]),
        ("select = [\n", ["invalid TOML"]),
    ],
)
def test_bad_keys_and_values_name_the_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str], content: str, expected: list[str]
) -> None:
    write(project / ".mt-cleanup.toml", "# settings\n" + content)
    line = run_error(capsys, "check", "a.txt")
    assert str(project / ".mt-cleanup.toml") in line
    for fragment in expected:
        assert fragment in line, line


def test_error_names_the_line_of_the_key(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", '# one\nselect = ["QUO"]\n\nfix = "sometimes"\n')
    line = run_error(capsys, "check", "a.txt")
    assert line.startswith(f"mt-cleanup: {project / '.mt-cleanup.toml'}:4: key 'fix'")


def test_unknown_key_in_pyproject_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "pyproject.toml", '[tool.mt-cleanup]\nextend_exclude = ["x"]\n')
    line = run_error(capsys, "check", "a.txt")
    assert "pyproject.toml:2: key 'extend_exclude'" in line and "did you mean 'extend-exclude'?" in line


def test_bad_cli_code(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = run_error(capsys, "check", "--select", "QUO!", "a.txt")
    assert "--select" in line and "QUO!" in line


# --- precedence and selection ------------------------------------------------------------


def test_cli_select_overrides_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'select = ["ACR"]\n')
    assert set(check_json(capsys, "a.txt")[1]) == {"ACR001"}
    assert set(check_json(capsys, "--select", "SPC", "a.txt")[1]) == {"SPC001"}


def test_cli_select_reenables_what_the_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'ignore = ["SPC"]\n')
    assert "SPC001" not in check_json(capsys, "a.txt")[1]
    assert "SPC001" in check_json(capsys, "--select", "SPC,ACR", "a.txt")[1]


def test_cli_ignore_adds_to_the_file_selection(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'select = ["ACR", "SPC"]\n')
    assert set(check_json(capsys, "--ignore", "ACR", "a.txt")[1]) == {"SPC001"}


def test_extend_select_adds_to_select(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'select = ["ACR"]\nextend-select = ["SPC001"]\nignore = ["ACR"]\n')
    assert set(check_json(capsys, "a.txt")[1]) == {"SPC001"}


def test_dump_config_shows_the_merged_result(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project / ".mt-cleanup.toml",
        textwrap.dedent("""\
        select = ["ACR001", "SPC"]
        allow = ["Le Monde"]
        extensions = [".txt", ".text"]
        fix = "unsafe"
        extend-exclude = ["drafts"]
        [per-file-ignores]
        "legacy/*.txt" = ["SPC"]
    """),
    )
    assert main(["dump-config", "--format", "json", "--ignore", "SPC", "a.txt"]) == 0
    values = json.loads(capsys.readouterr().out)
    assert values["select"] == ["ACR001", "SPC"]
    assert values["ignore"] == ["SPC"]
    assert values["selected-rules"] == ["ACR001"]
    assert values["allow"] == ["Le Monde"]
    assert values["extensions"] == [".txt", ".text"]
    assert values["fix"] == "unsafe"
    assert values["extend-exclude"] == ["drafts"]
    assert values["per-file-ignores"] == {"legacy/*.txt": ["SPC"]}
    assert values["ignore-file"] == str(project / ".mt-cleanup-ignore")
    assert main(["dump-config", "a.txt"]) == 0
    text = capsys.readouterr().out
    assert 'fix = "unsafe"' in text and str(project / ".mt-cleanup.toml") in text


def test_fix_level_from_file_and_cli_override() -> None:
    assert str(load_config(start=Path("/"), fix=None).fix) == "safe"
    with pytest.raises(ConfigError, match="--fix"):
        load_config(start=Path("/"), fix="maybe")


def test_fix_level_key_reaches_the_fix_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = project / "house"
    write(pack / "pack.toml", 'name = "house"\nversion = "0.0.1"\ndescription = "House style."\n')
    write(pack / "style.toml", EXTRA_PACK.replace('fix = "safe"', 'fix = "unsafe"'))
    target = project / "doc.txt"

    def fixed(config: str, *flags: str) -> str:
        write(project / ".mt-cleanup.toml", 'rules = ["house"]\n' + config)
        target.write_text("We utilise tools.\n", encoding="utf-8")
        main(["fix", *flags, "doc.txt"])
        capsys.readouterr()
        return target.read_text(encoding="utf-8")

    assert fixed("") == "We utilise tools.\n"  # default level: safe only
    assert fixed('fix = "unsafe"\n') == "We use tools.\n"
    assert fixed('fix = "unsafe"\n', "--no-unsafe-fixes") == "We utilise tools.\n"  # CLI over file
    assert fixed('fix = "safe"\n', "--unsafe-fixes") == "We use tools.\n"


# --- files: per-file ignores, excludes, extensions, extra rule folders --------------------


def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", '[per-file-ignores]\n"legacy/**/*.txt" = ["SPC", "ACR001"]\n')
    write(project / "legacy" / "old" / "b.txt", DIRTY)
    codes = check_json(capsys, "legacy/old/b.txt")[1]
    assert "SPC001" not in codes and "ACR001" not in codes and "SRC001" in codes
    assert "SPC001" in check_json(capsys, "a.txt")[1]


def test_per_file_ignores_prevent_the_fix(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", '[per-file-ignores]\n"a.txt" = ["SPC"]\n')
    main(["fix", "a.txt"])
    fixed = (project / "a.txt").read_text(encoding="utf-8")
    assert "Aleppo , Syria" in fixed  # suppressed: not fixed
    assert "SOHR" in fixed  # other rules still fix


def test_extend_exclude_skips_walked_files_but_not_named_ones(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / ".mt-cleanup.toml", 'extend-exclude = ["drafts", "*.skip.txt"]\n')
    write(project / "corpus" / "drafts" / "d.txt", DIRTY)
    write(project / "corpus" / "x.skip.txt", DIRTY)
    write(project / "corpus" / "kept.txt", DIRTY)
    main(["check", "--format", "json", "corpus"])
    paths = [entry["path"] for entry in json.loads(capsys.readouterr().out)["files"]]
    assert paths == [str(Path("corpus") / "kept.txt")]
    main(["check", "--format", "json", "corpus/drafts/d.txt"])
    assert len(json.loads(capsys.readouterr().out)["files"]) == 1


def test_extensions_choose_what_a_walk_takes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'extensions = [".text"]\n')
    write(project / "corpus" / "a.text", DIRTY)
    write(project / "corpus" / "b.txt", DIRTY)
    main(["check", "--format", "json", "corpus"])
    paths = [entry["path"] for entry in json.loads(capsys.readouterr().out)["files"]]
    assert paths == [str(Path("corpus") / "a.text")]


EXTRA_PACK = """\
[[rule]]
id = "GRM901"
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


def test_rules_key_loads_extra_packs_relative_to_the_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = project / "conf" / "house"
    write(pack / "pack.toml", 'name = "house"\nversion = "0.0.1"\ndescription = "House style."\n')
    write(pack / "style.toml", EXTRA_PACK)
    write(project / "conf" / ".mt-cleanup.toml", 'rules = ["house"]\n')
    target = write(project / "conf" / "doc.txt", "We utilise tools.\n")
    status, codes = check_json(capsys, str(target))
    assert codes == ["GRM901"]


# --- allowlist ---------------------------------------------------------------------------


def test_allow_drops_findings_on_allowed_words_and_phrases(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert {"ACR001", "SRC001"} <= set(check_json(capsys, "a.txt")[1])
    write(project / ".mt-cleanup.toml", 'allow = ["osdh", "étaient"]\n')
    codes = check_json(capsys, "a.txt")[1]
    assert "ACR001" not in codes and "SRC001" not in codes and "SPC001" in codes


def test_allow_is_a_whole_word_match(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'allow = ["OSD"]\n')  # a prefix of OSDH: allows nothing
    assert "ACR001" in check_json(capsys, "a.txt")[1]


def test_allow_phrase_prevents_the_fix(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'allow = ["The OSDH said"]\n')
    main(["fix", "a.txt"])
    assert "The OSDH said" in (project / "a.txt").read_text(encoding="utf-8")


# --- inline markers ----------------------------------------------------------------------


def test_inline_disable_enable_markers(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project / "m.md",
        (
            "Before: Aleppo , Syria.\n"
            "<!-- mt-cleanup: disable=SPC001 -->\n"
            "Inside: Aleppo , Syria. The OSDH said.\n"
            "<!-- mt-cleanup: enable=SPC001 -->\n"
            "After: Aleppo , Syria.\n"
        ),
    )
    main(["check", "--format", "json", "m.md"])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    spc_lines = [item["line"] for item in findings if item["code"] == "SPC001"]
    assert spc_lines == [1, 5]
    assert [item["line"] for item in findings if item["code"] == "ACR001"] == [3]


def test_inline_disable_next_line_and_disable_all(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project / "m.md",
        (
            "<!-- mt-cleanup: disable-next-line=ACR -->\n"
            "The OSDH said so , twice, in Syria.\n"
            "The OSDH said so , again.\n"
            "<!-- mt-cleanup: disable -->\n"
            "The OSDH said so , finally.\n"
        ),
    )
    main(["check", "--format", "json", "m.md"])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert sorted((item["line"], item["code"]) for item in findings) == [(2, "SPC001"), (3, "ACR001"), (3, "SPC001")]


def test_inline_markers_prevent_fixes(project: Path) -> None:
    text = "<!-- mt-cleanup: disable-next-line=SPC001 -->\nAleppo , Syria.\nAleppo , Syria.\n"
    write(project / "m.md", text)
    main(["fix", "m.md"])
    assert (project / "m.md").read_text(encoding="utf-8") == text.replace(
        "Syria.\nAleppo , Syria.\n", "Syria.\nAleppo, Syria.\n"
    )


def test_inline_ranges_unit() -> None:
    text = "x<!--mt-cleanup:disable=quo,SPC-->y"
    ranges = inline_ranges(text)
    assert [(item.prefix, item.start, item.end) for item in ranges] == [("QUO", 34, 35), ("SPC", 34, 35)]
    assert inline_ranges("no markers here") == ()


# --- ignore file and --add-ignores -------------------------------------------------------


def test_add_ignores_round_trip(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", 'ignore = ["GRM"]\n')
    write(project / "corpus" / "b.txt", DIRTY)
    assert main(["check", "a.txt", "corpus"]) == 1
    capsys.readouterr()
    assert main(["check", "--add-ignores", "a.txt", "corpus"]) == 0
    err = capsys.readouterr().err
    ignore_file = project / ".mt-cleanup-ignore"
    entries = [line for line in ignore_file.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    # path:line:column:CODE:HASH (issue 15: anchored to the matched text and its line)
    anchors = {(path, line, code) for path, line, _, code, _ in (entry.split(":") for entry in entries)}
    assert ("a.txt", "1", "SPC001") in anchors and ("corpus/b.txt", "2", "ACR001") in anchors
    assert f"Added {len(entries)} entries" in err
    assert main(["check", "a.txt", "corpus"]) == 0
    assert "All checks passed" in capsys.readouterr().out
    # the baseline also keeps `fix` away from those findings
    assert main(["fix", "a.txt"]) == 0
    assert (project / "a.txt").read_text(encoding="utf-8") == DIRTY
    # a new artifact on another line is still reported
    (project / "a.txt").write_text(DIRTY + "New line , here.\n", encoding="utf-8")
    status, codes = check_json(capsys, "a.txt")
    assert status == 1 and codes == ["SPC001"]
    # adding again keeps the old entries and adds only the new one
    assert main(["check", "--add-ignores", "a.txt"]) == 0
    assert "Added 1 entry" in capsys.readouterr().err
    lines = ignore_file.read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if not line.startswith("#")]) == len(entries) + 1


def test_ignore_file_sits_beside_the_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / ".mt-cleanup.toml", "")
    sub = write(project / "sub" / "c.txt", "Aleppo , Syria.\n")
    write(project / ".mt-cleanup-ignore", "sub/c.txt:1:SPC001\n")
    assert main(["check", str(sub)]) == 0


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("a.txt:one:SPC001\n", "expected 'path:line:CODE'"),
        ("a.txt:1:SPACE\n", "'SPACE' is not a rule code"),
        ("a.txt\n", "expected 'path:line:CODE'"),
    ],
)
def test_bad_ignore_file_entry(project: Path, capsys: pytest.CaptureFixture[str], content: str, fragment: str) -> None:
    write(project / ".mt-cleanup-ignore", "# baseline\n" + content)
    line = run_error(capsys, "check", "a.txt")
    assert f"{project / '.mt-cleanup-ignore'}:2:" in line and fragment in line


# --- globs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "a.md", True),
        ("*.md", "news/a.md", True),  # no slash: matches any component
        ("news/*.md", "news/a.md", True),
        ("news/*.md", "news/2024/a.md", False),
        ("news/**/*.md", "news/2024/01/a.md", True),
        ("news/**/*.md", "news/a.md", True),
        ("drafts", "corpus/drafts/x.txt", True),
        ("corpus/drafts", "corpus/drafts/x.txt", True),
        ("corpus/drafts", "other/drafts/x.txt", False),
        ("a?.txt", "ab.txt", True),
        ("[ab].txt", "c.txt", False),
        ("[!ab].txt", "c.txt", True),
        ("./a.txt", "a.txt", True),
    ],
)
def test_glob(pattern: str, path: str, expected: bool) -> None:
    assert Glob.parse(pattern, "test").matches(path) is expected


@pytest.mark.parametrize("pattern", ["", "a[b", "a]b"])
def test_bad_glob(pattern: str) -> None:
    with pytest.raises(ValueError, match="bad glob"):
        Glob.parse(pattern, "test")
