"""`mt-cleanup report`, the JSON schema, hunks from recorded rounds, the HTML escaping, `fix --diff` (issue 4)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.diff import iter_diff_lines
from cleanup.engine import check_text, default_ruleset
from cleanup.fixer import fix_text
from cleanup.report.changes import build_hunks
from cleanup.report.html import embed_json
from cleanup.report.summary import DOCUMENT_KEYS, REFERENCE_KEYS, REPORT_KEYS, SOURCE_KEYS, SUMMARY_KEYS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "json-schema.md"
TWO_ROUNDS = "The army said so.\nRead also: Syria's war\nRead later"
ARTICLE = "Rebel fighters entered Aleppo , Syria, said the OSDH.\nRead later\nThe OSDH counted the dead.\n"
ARTICLE_GOLD = "Rebel fighters entered Aleppo, Syria, said the SOHR.\nThe SOHR counted the dead.\n"
SOURCE = "Les combattants rebelles sont entrés dans Alep, en Syrie, selon l'OSDH.\nL'OSDH a compté les morts.\n"
INJECTED = 'Aleppo , <script>window.__pwned = 1</script> and "><img src=x onerror=alert(1)> end.\n'


def _hunks(text: str):  # noqa: ANN202
    ruleset = default_ruleset()
    result = fix_text(text, ruleset=ruleset)
    return result, build_hunks(text, result, check_text(text, ruleset=ruleset), ruleset)


def test_two_round_edits_map_back_to_the_original() -> None:
    result, hunks = _hunks(TWO_ROUNDS)
    assert len(result.rounds) == 2
    assert [(hunk.old, hunk.new, hunk.kind) for hunk in hunks] == [("\nRead also: Syria's war\nRead later", "", "safe")]
    assert sorted(change.round for change in hunks[0].changes) == [1, 2]
    assert TWO_ROUNDS[hunks[0].start : hunks[0].end] == hunks[0].old


@pytest.mark.parametrize(
    "text", [TWO_ROUNDS, ARTICLE, INJECTED, Path(__file__).parent.parent.joinpath("seeds").glob("*[0-9].txt")]
)
def test_hunks_replay_to_the_fixed_text(text: object) -> None:
    texts = [path.read_text(encoding="utf-8") for path in text] if not isinstance(text, str) else [text]
    for item in texts:
        result, hunks = _hunks(item)
        rebuilt, position = [], 0
        for hunk in hunks:
            rebuilt.append(item[position : hunk.start])
            rebuilt.append(hunk.old if hunk.new is None else hunk.new)
            position = hunk.end
        rebuilt.append(item[position:])
        assert "".join(rebuilt) == result.text


def _run_report(tmp_path: Path, *extra: str, files: dict[str, str] | None = None) -> tuple[int, dict]:
    corpus = tmp_path / "in"
    corpus.mkdir(exist_ok=True)
    for name, text in (files or {"art.txt": ARTICLE}).items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path / "report.json"
    status = main(["report", str(corpus), "--json", str(out), *extra])
    return status, json.loads(out.read_text(encoding="utf-8"))


def test_report_keys_are_exactly_the_documented_ones(tmp_path: Path) -> None:
    refs, srcs = tmp_path / "ref", tmp_path / "src"
    refs.mkdir()
    srcs.mkdir()
    (refs / "art.txt").write_text(ARTICLE_GOLD, encoding="utf-8")
    (srcs / "art.txt").write_text(SOURCE, encoding="utf-8")
    status, report = _run_report(tmp_path, "--ref", str(refs), "--src", str(srcs))
    assert status == 0
    assert tuple(report) == REPORT_KEYS
    assert tuple(report["summary"]) == SUMMARY_KEYS
    document = report["documents"][0]
    assert tuple(document) == DOCUMENT_KEYS
    assert tuple(document["reference"]) == REFERENCE_KEYS
    assert tuple(document["source"]) == SOURCE_KEYS
    documented = DOCS.read_text(encoding="utf-8")
    for key in {*REPORT_KEYS, *SUMMARY_KEYS, *DOCUMENT_KEYS, *REFERENCE_KEYS, *SOURCE_KEYS}:
        assert f"`{key}`" in documented, f"{key} is not documented in docs/json-schema.md"


def test_report_figures(tmp_path: Path) -> None:
    refs = tmp_path / "ref"
    refs.mkdir()
    (refs / "art.clean.txt").write_text(ARTICLE_GOLD, encoding="utf-8")
    _, report = _run_report(tmp_path, "--ref", str(refs))
    summary, document = report["summary"], report["documents"][0]
    assert summary["documents"] == 1 and document["words"] == summary["words"] == 15
    assert document["findings_by_rule"] == {"ACR001": 2, "BLP001": 1, "SPC001": 1}
    assert document["fixes_applied"] == {"safe": 4, "unsafe": 0}
    assert document["reference"]["cleaned"]["bleu"]["score"] == 100.0
    assert document["reference"]["delta"]["ter"] < 0
    assert "tok:13a" in document["reference"]["raw"]["bleu"]["signature"]
    assert report["signature"].startswith("mt-cleanup ") and "|fix:safe" in report["signature"]
    assert summary["worst_documents"] == [document["path"]]


def test_report_source_checks_and_non_english(tmp_path: Path) -> None:
    srcs = tmp_path / "src"
    srcs.mkdir()
    (srcs / "art.txt").write_text(SOURCE.replace("Alep", "Alep à 18 h 30"), encoding="utf-8")
    text = ARTICLE + "Les habitants ont fui vers le nord avec leurs enfants.\n"
    _, report = _run_report(tmp_path, "--src", str(srcs), files={"art.txt": text})
    document = report["documents"][0]
    kinds = [issue["kind"] for issue in document["source"]["issues"]]
    assert kinds == ["number-missing", "untranslated-sentence"]
    assert document["non_english_sentences"] == 1
    assert document["non_english"][0]["text"].startswith("Les habitants")
    assert report["summary"]["source"]["by_kind"]["number-missing"] == 1


def test_report_by_line_matches_references_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mt.txt").write_text("Aleppo , Syria\nThe OSDH said.\n", encoding="utf-8")
    (tmp_path / "ref.txt").write_text("Aleppo, Syria\nThe SOHR said.\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert (
        main(["report", str(tmp_path / "mt.txt"), "--by-line", "--ref", str(tmp_path / "ref.txt"), "--json", str(out)])
        == 0
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [item["path"].rsplit(":", 1)[1] for item in report["documents"]] == ["1", "2"]
    assert report["summary"]["reference"]["documents"] == 2
    assert "chrf" in capsys.readouterr().out


def test_report_reads_a_jsonl_corpus_line_by_line_with_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": 1, "mt": ARTICLE, "ref": ARTICLE_GOLD, "fr": SOURCE}, ensure_ascii=False),
        "",
        "not json",
        json.dumps({"id": 3, "text": "no mt field"}),
        json.dumps({"id": 4, "mt": "The talks resumed in Geneva.", "ref": "The talks resumed in Geneva.", "fr": "x"}),
    ]
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "part.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    argv = ["report", str(folder), "--field", "mt", "--ref-field", "ref", "--src-field", "fr", "--json", str(out)]
    assert main(argv) == 2  # two bad lines: reported, the rest measured
    err = capsys.readouterr().err.splitlines()
    corpus = folder / "part.jsonl"
    assert err == [
        f"mt-cleanup: {corpus}#3: not a JSON line (Expecting value at column 1)",
        f"mt-cleanup: {corpus}#4: no string field 'mt'; pass --field NAME",
    ]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [item["path"] for item in report["documents"]] == [f"{corpus}#1", f"{corpus}#5"]
    first = report["documents"][0]
    assert first["findings_by_rule"] == {"ACR001": 2, "BLP001": 1, "SPC001": 1}  # the text, not the JSON around it
    assert first["reference"]["cleaned"]["bleu"]["score"] == 100.0
    assert first["source"] is not None
    assert report["summary"]["reference"]["documents"] == 2
    assert [entry["path"] for entry in report["errors"]] == [f"{corpus}#3", f"{corpus}#4"]


def test_report_refuses_file_companions_for_a_corpus_and_fields_for_a_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "Aleppo , Syria"}) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Aleppo , Syria\n", encoding="utf-8")
    assert main(["report", str(tmp_path / "c.jsonl"), "--ref", str(tmp_path / "a.txt")]) == 2
    assert "--ref does not apply to a JSONL corpus; name the field with --ref-field" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "a.txt"), "--ref-field", "ref"]) == 2
    assert "--ref-field applies to JSONL corpora only; pass --ref for a text file" in capsys.readouterr().err


def test_report_missing_reference_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ref").mkdir()
    status, _ = _run_report(tmp_path, "--ref", str(tmp_path / "ref"))
    assert status == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "no match in" in error


def test_report_summary_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run_report(tmp_path)
    out = capsys.readouterr().out
    assert re.search(r"cleaned vs raw\s+chrf\s+\d+\.\d\d\s+nrefs:1\|", out)
    assert "Documents 1" in out


def test_embed_json_cannot_close_the_script_block() -> None:
    embedded = embed_json({"t": "</script><!-- & \N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}"})
    assert not set("<>&\N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}") & set(embedded)
    assert json.loads(embedded) == {"t": "</script><!-- & \N{LINE SEPARATOR}\N{PARAGRAPH SEPARATOR}"}


def test_html_has_no_raw_corpus_markup_and_no_network(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "evil.txt").write_text(INJECTED, encoding="utf-8")
    assert main(["report", str(tmp_path / "in"), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "\\u003cscript\\u003ewindow.__pwned" in page
    assert page.count("<script") == 2  # the data block and the page's own script
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)
    assert "innerHTML" not in page and "insertAdjacentHTML" not in page


def test_fix_diff_is_annotated_and_plain_when_not_a_tty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TWO_ROUNDS, encoding="utf-8")
    html = tmp_path / "fix.html"
    main(["fix", "--diff", str(path), "--html", str(html)])
    out = capsys.readouterr().out
    assert "\033[" not in out
    assert re.search(r"^@@ -1,3 \+1 @@ BLP001$", out, re.MULTILINE)
    assert "-Read later\n\\ No newline at end of file" in out
    assert path.read_text(encoding="utf-8") == TWO_ROUNDS  # --diff writes nothing
    assert "BLP001" in html.read_text(encoding="utf-8")


def test_colored_diff() -> None:
    text = "Aleppo , Syria\n"
    lines = list(iter_diff_lines(text, fix_text(text), "a.txt", color=True))
    assert "\033[31m-Aleppo , Syria\033[0m" in lines and "\033[32m+Aleppo, Syria\033[0m" in lines
    assert any("SPC001" in line and line.startswith("\033[36m@@") for line in lines)
