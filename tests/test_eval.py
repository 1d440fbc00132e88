"""The ``eval`` scorer on hand-made cases with known counts, and the ``eval`` command in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.cli import main
from cleanup.evaluate import TextEdit, extract_edits, score_document
from cleanup.evaluate.corpus import LevelScore
from cleanup.evaluate.edits import apply_text_edits
from cleanup.evaluate.scoring import (
    Counts,
    attribute_output,
    counts_by_category,
    detect_findings,
    locate_findings,
    map_rounds_to_raw,
)
from cleanup.model import Applicability, AppliedEdit, Category, Finding, Severity, Span


def counts(raw: str, gold: str, output: str) -> Counts:
    return score_document("doc", raw, gold, output).counts


# --- hand-made cases with known counts -------------------------------------------------------


def test_perfect_fix_is_one_true_positive() -> None:
    assert counts("in Aleppo , Syria", "in Aleppo, Syria", "in Aleppo, Syria") == Counts(tp=1, fp=0, fn=0)


def test_missed_edit_is_a_false_negative() -> None:
    assert counts("in Aleppo , Syria", "in Aleppo, Syria", "in Aleppo , Syria") == Counts(tp=0, fp=0, fn=1)


def test_wrong_edit_is_a_false_positive_and_a_false_negative() -> None:
    assert counts("the HTC group", "the HTS group", "the HTX group") == Counts(tp=0, fp=1, fn=1)


def test_extra_edit_on_clean_document_is_a_false_edit_per_words() -> None:
    raw = "Ten words of clean English prose, and nothing to change here."
    score = score_document("c01", raw, raw, raw.replace("prose,", "prose ,"))
    assert score.is_control
    assert score.counts == Counts(tp=0, fp=1, fn=0)
    level = LevelScore(Applicability.SAFE, "sig", (score,))
    assert level.control_words == 11
    assert level.false_edits_on_controls == 1
    assert level.false_edits_per_10k_words == pytest.approx(10_000 / 11)


def test_deleted_line_is_one_edit_whichever_newline_the_alignment_takes() -> None:
    raw = "Intro.\nRead later\nBody.\n"
    gold = "Intro.\nBody.\n"
    assert extract_edits(raw, gold) == (TextEdit(7, 18, ""),)
    assert counts(raw, gold, gold) == Counts(tp=1, fp=0, fn=0)


def test_deleted_last_line_without_newline_takes_the_newline_before_it() -> None:
    raw = "Intro.\nBody.\nSource link"
    gold = "Intro.\nBody."
    assert extract_edits(raw, gold) == (TextEdit(12, 24, ""),)
    assert counts(raw, gold, gold) == Counts(tp=1)


def test_block_of_deleted_lines_counts_line_by_line() -> None:
    raw = "Intro.\nSubscribe\nSign in\nNewsletter\nBody.\n"
    gold = "Intro.\nBody.\n"
    half = "Intro.\nSign in\nBody.\n"
    assert len(extract_edits(raw, gold)) == 3
    assert counts(raw, gold, half) == Counts(tp=2, fp=0, fn=1)


def test_inserted_space_after_glued_quote() -> None:
    raw = "the province”while the army"
    gold = "the province” while the army"
    assert extract_edits(raw, gold) == (TextEdit(13, 13, " "),)
    assert counts(raw, gold, gold) == Counts(tp=1)


def test_inserted_space_is_placed_canonically() -> None:
    # "a  b" from "a b": the double space can be read as an insertion before or after the
    # existing one; both readings give the same edit.
    assert extract_edits("a b", "a  b") == (TextEdit(1, 1, " "),)
    assert extract_edits("a  b", "a b") == (TextEdit(1, 2, ""),)


def test_two_adjacent_edits_merge_into_one_on_both_sides() -> None:
    raw = "in Pékin»said the minister"
    gold = "in Beijing” said the minister"
    assert extract_edits(raw, gold) == (TextEdit(3, 9, "Beijing” "),)
    assert counts(raw, gold, gold) == Counts(tp=1)
    # Half of the merged change is not the change: one false positive, one miss.
    assert counts(raw, gold, "in Beijing»said the minister") == Counts(tp=0, fp=1, fn=1)


def test_edits_separated_by_a_token_stay_apart() -> None:
    raw = "Syria (OSDH) . Then"
    gold = "Syria (SOHR). Then"
    assert extract_edits(raw, gold) == (TextEdit(7, 11, "SOHR"), TextEdit(12, 13, ""))
    assert counts(raw, gold, "Syria (SOHR) . Then") == Counts(tp=1, fp=0, fn=1)


def test_identical_texts_have_no_edits() -> None:
    assert extract_edits("Same text.\n", "Same text.\n") == ()


@settings(max_examples=300)
@given(st.text(alphabet="ab \n.”«", max_size=30), st.text(alphabet="ab \n.”«", max_size=30))
def test_edits_replay_to_the_target(source: str, target: str) -> None:
    edits = extract_edits(source, target)
    assert apply_text_edits(source, edits) == target
    assert list(edits) == sorted(edits)
    # Only the per-line pieces of a split line deletion may touch each other.
    for left, right in zip(edits, edits[1:], strict=False):
        assert not left.touches(right) or "\n" in source[left.start : left.end]


# --- categories ----------------------------------------------------------------------------

RAW = "The talks « were » hard.\nRead later\nin Aleppo , Syria (OSDH) .\nShe added.\n"
GOLD = "The talks “were” hard.\nin Aleppo, Syria (SOHR).\nShe added.\n"
FINDINGS = [
    {"line": 1, "category": "quotes", "text": "« were »", "fix": "“were”"},
    {"line": 2, "category": "boilerplate", "text": "Read later", "fix": ""},
    {"line": 3, "category": "spacing", "text": "Aleppo ,", "fix": "Aleppo,"},
    {"line": 3, "category": "acronym", "text": "OSDH", "fix": "SOHR"},
    {"line": 3, "category": "spacing", "text": ") .", "fix": ")."},
    {"line": 4, "category": "pronoun-gender", "text": "She added", "fix": None},
]


def _applied(rule_id: str, start: int, end: int, replacement: str, text: str) -> AppliedEdit:
    return AppliedEdit(rule_id, Span(start, end), replacement, text[start:end], Applicability.SAFE)


def test_whole_line_finding_covers_its_newline() -> None:
    located = locate_findings(RAW, FINDINGS)
    assert RAW[located[1].start : located[1].end] == "Read later\n"
    assert RAW[located[3].start : located[3].end] == "OSDH"


def test_finding_text_not_on_its_line_is_an_error() -> None:
    with pytest.raises(ValueError, match="finding 1: text 'Paris' is not on line 1"):
        locate_findings(RAW, [{"line": 1, "category": "quotes", "text": "Paris", "fix": None}])


def test_categories_from_findings_and_rules() -> None:
    located = locate_findings(RAW, FINDINGS)
    # The fixer fixed the quotes, the line and the acronym, missed both spacing fixes, and
    # made one wrong spacing edit of its own ("hard." -> "hard .").
    output = "The talks “were” hard .\nin Aleppo , Syria (SOHR) .\nShe added.\n"
    rounds = (
        (
            _applied("QUO011", 10, 12, "“", RAW),
            _applied("QUO012", 16, 18, "”", RAW),
            _applied("SPC009", 23, 23, " ", RAW),
            _applied("BLP001", 25, 36, "", RAW),
            _applied("ACR001", 55, 59, "SOHR", RAW),
        ),
    )
    score = score_document(
        "a01",
        RAW,
        GOLD,
        output,
        rounds=rounds,
        findings=located,
        rule_categories={
            "QUO011": "quotes",
            "QUO012": "quotes",
            "SPC009": "spacing",
            "BLP001": "boilerplate",
            "ACR001": "acronym",
        },
    )
    assert score.counts == Counts(tp=4, fp=1, fn=2)
    by_category = counts_by_category([score])
    assert by_category == {
        "acronym": Counts(tp=1),
        "boilerplate": Counts(tp=1),
        "quotes": Counts(tp=2),
        "spacing": Counts(tp=0, fp=1, fn=2),
    }
    assert score.false_positives[0].rule_id == "SPC009"


def test_later_round_edits_map_back_to_raw_offsets() -> None:
    text = "xx ab , cd"
    first = (_applied("A", 0, 3, "", text),)  # "ab , cd"
    second = (_applied("B", 2, 3, "", "ab , cd"),)  # "ab, cd"
    mapped = map_rounds_to_raw((first, second))
    assert mapped == [(0, 3, "A"), (5, 6, "B")]
    assert attribute_output(TextEdit(5, 6, ""), mapped) == "B"


def test_detection_recall_counts_detect_only_findings() -> None:
    located = locate_findings(RAW, FINDINGS)
    she = RAW.index("She")
    checked = [
        Finding("PRN001", "agency-as-she", Category.PRONOUN_GENDER, Severity.INFO, Span(she, she + 3), "She", "m"),
        Finding(
            "ACR001",
            "french-acronym",
            Category.ACRONYM,
            Severity.WARNING,
            Span(RAW.index("OSDH"), RAW.index("OSDH") + 4),
            "OSDH",
            "m",
        ),
    ]
    detections = detect_findings("a01", located, checked)
    assert [item.detected for item in detections] == [False, False, False, True, False, True]
    assert detections[-1].finding.fix is None


# --- the command, in-process ---------------------------------------------------------------


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "a01.txt").write_text(RAW, encoding="utf-8")
    (tmp_path / "a01.clean.txt").write_text(GOLD, encoding="utf-8")
    (tmp_path / "a01.findings.json").write_text(json.dumps(FINDINGS), encoding="utf-8")
    clean = "The minister met the press in Paris on Monday.\n"
    (tmp_path / "c01.txt").write_text(clean, encoding="utf-8")
    (tmp_path / "c01.clean.txt").write_text(clean, encoding="utf-8")
    (tmp_path / "c01.findings.json").write_text("[]", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("no gold beside me\n", encoding="utf-8")
    return tmp_path


def test_cli_text_output(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(gold_dir)]) == 0
    out = capsys.readouterr().out
    assert "2 documents (1 controls)" in out
    assert "signature: mt-cleanup " in out and "|fix:safe" in out
    assert "fix:unsafe" not in out
    assert "controls: 0 false edits in 1 documents" in out
    assert "detection recall" in out


def test_cli_json_output(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(gold_dir), "--format", "json", "--unsafe-fixes"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["command"] == "eval"
    assert document["documents"] == 2 and document["controls"] == 1
    assert [level["level"] for level in document["levels"]] == ["safe", "unsafe"]
    assert document["signature"].endswith("fix:unsafe")
    safe = document["levels"][0]
    assert set(safe["overall"]) == {"tp", "fp", "fn", "precision", "recall", "f05"}
    assert safe["overall"]["tp"] + safe["overall"]["fn"] == 6  # two quote marks, line, two spaces, acronym
    assert safe["controls"]["false_edits"] == 0 and safe["controls"]["edits"] == []
    assert [item["name"] for item in safe["files"]] == ["a01", "c01"]
    assert document["detection"]["overall"]["total"] == 6


def test_cli_selection_changes_scores(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(gold_dir), "--format", "json", "--select", "BLP"]) == 0
    document = json.loads(capsys.readouterr().out)
    safe = document["levels"][0]
    assert "select:BLP" in document["signature"]
    assert safe["overall"]["tp"] == 1 and safe["overall"]["fp"] == 0
    assert safe["categories"]["boilerplate"]["tp"] == 1


def test_cli_lists_false_edits_on_controls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Fighting in Aleppo , the army said.\n"
    (tmp_path / "c02.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c02.clean.txt").write_text(text, encoding="utf-8")
    assert main(["eval", str(tmp_path), "--format", "json"]) == 0
    controls = json.loads(capsys.readouterr().out)["levels"][0]["controls"]
    assert controls["false_edits"] == 1
    assert controls["edits"][0]["original"] == " " and controls["edits"][0]["rule"].startswith("SPC")
    assert main(["eval", str(tmp_path)]) == 0
    assert "c02:1:19: SPC" in capsys.readouterr().out


@pytest.mark.parametrize("case", ["missing", "empty", "utf8", "findings"])
def test_cli_bad_input_exits_2_with_one_line(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path
    expected = str(tmp_path)
    if case == "missing":
        target = tmp_path / "nowhere"
        expected = str(target)
    elif case == "utf8":
        (tmp_path / "a.txt").write_bytes(b"caf\xe9\n")
        (tmp_path / "a.clean.txt").write_text("café\n", encoding="utf-8")
        expected = str(tmp_path / "a.txt")
    elif case == "findings":
        (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
        (tmp_path / "a.clean.txt").write_text("x\n", encoding="utf-8")
        (tmp_path / "a.findings.json").write_text("[{", encoding="utf-8")
        expected = str(tmp_path / "a.findings.json")
    assert main(["eval", str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert expected in captured.err


def test_two_insertions_at_one_point_keep_their_order() -> None:
    # Regression: merging once sorted edits by replacement text, which swapped two
    # insertions that canonical placement had put at the same point.
    source, target = "”\n\n a ba”bb«.", "b”b\n”a««a.\n\naa\n a"
    assert apply_text_edits(source, extract_edits(source, target)) == target
