"""Output formats of ``check --format`` (issue 5, point 5): each parsed and its fields checked."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.report.github import escape_data, escape_property

# Line 1: SPC001 at column 22 (the space of "Aleppo ,"). Line 2: ACR001 (OSDH, with
# Syria as context). Line 3 has a non-ASCII word before the artifact, so columns count code points.
TEXT = "The strike hit Aleppo , Syria.\nThe OSDH said it.\nÉté déjà, Aleppo , again.\n"


@pytest.fixture
def checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a, b:c.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "news" / "clean.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["check", "--select", "SPC,ACR", *argv])
    return status, capsys.readouterr().out


def expected_findings() -> list[tuple[str, int, int, int, int]]:
    """(code, line, column, end line, end column), computed independently of the tool."""
    rows = []
    lines = TEXT.split("\n")
    for number, line in enumerate(lines, start=1):
        if " , " in line:
            column = line.index(" , ") + 1
            rows.append(("SPC001", number, column, number, column + 1))
        if "OSDH" in line:
            column = line.index("OSDH") + 1
            rows.append(("ACR001", number, column, number, column + 4))
    return rows


def test_jsonl_one_finding_per_line(checked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--format", "jsonl", "news")
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert all(record["type"] == "finding" for record in records)
    assert {record["path"] for record in records} == {str(Path("news") / "a, b:c.txt")}
    got = [(r["code"], r["line"], r["column"], r["end_line"], r["end_column"]) for r in records]
    assert got == expected_findings()
    assert records[0]["fix"]["applicability"] == "safe"
    assert records[0]["matched"] == " "


def test_jsonl_reports_unreadable_files_as_error_lines(checked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (checked / "bad.txt").write_bytes(b"\xff\xfe not utf-8")
    status, out = run(capsys, "--format", "jsonl", "bad.txt")
    assert status == 2
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["type"] == "error" and record["path"] == "bad.txt" and "UTF-8" in record["message"]


def test_json_still_works(checked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--format", "json", "news")
    document = json.loads(out)
    assert status == 1 and document["summary"]["findings"] == len(expected_findings())


def test_sarif_structure(checked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--format", "sarif", "news")
    assert status == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = sarif["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "mt-cleanup"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert main(["rules", "--format", "json", "--select", "SPC,ACR"]) == 0
    listed = [rule["code"] for rule in json.loads(capsys.readouterr().out)["rules"]]
    assert rule_ids == listed and "SPC001" in rule_ids  # exactly the selected rules
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert run_["columnKind"] == "unicodeCodePoints"
    got = []
    for result in run_["results"]:
        assert result["level"] in {"error", "warning", "note", "none"}
        assert result["message"]["text"]
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "news/a%2C%20b%3Ac.txt"
        region = physical["region"]
        got.append(
            (result["ruleId"], region["startLine"], region["startColumn"], region["endLine"], region["endColumn"])
        )
    assert got == expected_findings()


def test_sarif_fixes_are_region_replacements_that_reproduce_fix(
    checked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = run(capsys, "--format", "sarif", "news")
    results = json.loads(out)["runs"][0]["results"]
    lines = TEXT.split("\n")
    spc = [result for result in results if result["ruleId"] == "SPC001"]
    assert spc and all("fixes" in result for result in spc)
    for result in spc:
        (change,) = result["fixes"][0]["artifactChanges"]
        (replacement,) = change["replacements"]
        region = replacement["deletedRegion"]
        line = lines[region["startLine"] - 1]
        deleted = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        assert deleted == " " and replacement["insertedContent"]["text"] == ""


def test_sarif_with_no_findings_is_valid(checked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--format", "sarif", "news/clean.txt")
    sarif = json.loads(out)
    assert status == 0 and sarif["runs"][0]["results"] == []


def test_github_annotations(checked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--format", "github", "news")
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == len(expected_findings())
    got = []
    for line in lines:
        assert line.startswith("::warning ")
        properties, message = line[len("::warning ") :].split("::", 1)
        fields = dict(item.split("=", 1) for item in properties.split(","))
        assert fields["file"] == "news/a%2C b%3Ac.txt"  # ',' and ':' escaped inside a property
        assert fields["title"].startswith(message.split(" ")[0])
        got.append(
            (
                fields["title"].split(" ")[0],
                int(fields["line"]),
                int(fields["col"]),
                int(fields["endLine"]),
                int(fields["endColumn"]),
            )
        )
    assert got == expected_findings()


def test_github_escaping() -> None:
    assert escape_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"
    assert escape_property("a%:b,\n") == "a%25%3Ab%2C%0A"


def test_junit(checked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15, point 5: one <testcase> per finding, each with one <failure>, and every
    count equal to the elements it counts."""
    (checked / "news" / "bad.txt").write_bytes(b"\x00\x01binary")
    status, out = run(capsys, "--format", "junit", "news")
    assert status == 2  # a file could not be read
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    dirty = str(Path("news") / "a, b:c.txt")
    clean = str(Path("news") / "clean.txt")
    bad = str(Path("news") / "bad.txt")
    assert set(suites) == {dirty, clean, bad}
    cases = suites[dirty].findall("testcase")
    expected = expected_findings()
    assert [case.get("name") for case in cases] == [f"{code} at {line}:{column}" for code, line, column, *_ in expected]
    assert all(len(case.findall("failure")) == 1 for case in cases)
    assert [case.find("failure").get("type") for case in cases] == [row[0] for row in expected]
    assert cases[0].find("failure").text.startswith(f"{dirty}:1:22: SPC001")
    assert {case.get("classname") for case in cases} == {dirty} and cases[0].get("line") == "1"
    (passing,) = suites[clean].findall("testcase")
    assert list(passing) == []
    (unreadable,) = suites[bad].findall("testcase")
    assert [child.tag for child in unreadable] == ["error"]
    assert [
        (suites[name].get("tests"), suites[name].get("failures"), suites[name].get("errors"))
        for name in (dirty, clean, bad)
    ] == [
        (str(len(expected)), str(len(expected)), "0"),
        ("1", "0", "0"),
        ("1", "0", "1"),
    ]
    _assert_junit_counts(root)
    assert root.get("tests") == str(len(expected) + 2) and root.get("failures") == str(len(expected))


def _assert_junit_counts(root: ET.Element) -> None:
    """Every count is the number of elements it counts; no test case fails twice."""
    all_cases = list(root.iter("testcase"))
    assert root.get("tests") == str(len(all_cases))
    assert root.get("failures") == str(sum(case.find("failure") is not None for case in all_cases))
    assert root.get("errors") == str(sum(case.find("error") is not None for case in all_cases))
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(sum(case.find("failure") is not None for case in cases))
        assert suite.get("errors") == str(sum(case.find("error") is not None for case in cases))
    for case in all_cases:
        assert len(case.findall("failure")) + len(case.findall("error")) <= 1


def test_junit_from_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``fix`` reports the findings it left, one test case each, with the same counts."""
    text = "The OSDH in Syria said so , again.\nThe official agency SANA denied it. She assured that all was calm.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert main(["fix", "--format", "junit", str(tmp_path / "a.txt")]) == 1  # a finding is left
    root = ET.fromstring(capsys.readouterr().out)
    _assert_junit_counts(root)
    assert [case.get("name") for case in root.iter("testcase")] == [
        f"PRN001 at 2:{text.splitlines()[1].index('She') + 1}"
    ]


def test_text_format_unchanged(checked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "news")
    assert status == 1
    # the message wording belongs to the rule pack; the layout belongs to the text format
    assert out.splitlines()[0].startswith(f"{Path('news') / 'a, b:c.txt'}:1:22: SPC001 [*] Space before punctuation")
