"""The run signature carries a digest of the rule data actually loaded (issue 15, point 5):
editing ``acronyms.tsv`` changes it though no pack version moved."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.packs.loader import bundled_rules_dir, load_rules
from cleanup.packs.ruleset import pack_folder
from cleanup.signature import run_signature

SIGNATURE_RE = re.compile(
    r"mt-cleanup [^|]+\|packs:[^|]+\|data:(?P<data>[0-9a-f]{12})\|select:[^|]+\|ignore:[^|]+\|fix:[a-z-]+"
)


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """A copy of the bundled packs, loaded in place of them."""
    copy = tmp_path / "packs"
    shutil.copytree(bundled_rules_dir(), copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return copy


def _signature(packs: Path) -> str:
    return run_signature(load_rules([packs], include_bundled=False))


def test_signature_fields_in_sacrebleu_style(ruleset) -> None:
    signature = run_signature(ruleset, select=["QUO", "ACR"], ignore=["QUO020"])
    match = SIGNATURE_RE.fullmatch(signature)
    assert match, signature
    fields = signature.split("|")
    assert [field.split(":", 1)[0] for field in fields[1:]] == ["packs", "data", "select", "ignore", "fix"]
    assert "select:QUO,ACR" in fields and "ignore:QUO020" in fields
    assert match["data"] == ruleset.data_digest


def test_editing_the_acronym_table_changes_the_signature(packs: Path) -> None:
    before = _signature(packs)
    assert _signature(packs) == before  # the same files, the same digest
    table = packs / "fr-en" / "lexicons" / "acronyms.tsv"
    original = table.read_bytes()
    rows = original.decode("utf-8").splitlines(keepends=True)
    at = next(index for index, row in enumerate(rows) if row.startswith("OTAN\t"))
    rows.insert(at + 1, "OTASE\tSEATO\t(?i)south-?east asia\n")
    table.write_text("".join(rows), encoding="utf-8")
    after = _signature(packs)
    assert after != before
    # Only the data field moved: the pack versions did not.
    assert after.split("|")[1] == before.split("|")[1]
    assert [field for field in after.split("|") if field not in before.split("|")] == [after.split("|")[2]]
    table.write_bytes(original)
    assert _signature(packs) == before


def test_editing_a_rule_file_or_adding_a_lexicon_changes_the_digest(packs: Path) -> None:
    before = load_rules([packs], include_bundled=False).data_digest
    quotes = packs / "fr-en" / "quotes.toml"
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    edited = load_rules([packs], include_bundled=False).data_digest
    assert edited != before
    (packs / "common" / "lexicons" / "extra.txt").write_text("word\n", encoding="utf-8")
    assert load_rules([packs], include_bundled=False).data_digest not in (before, edited)


def test_bundled_packs_are_found_from_their_labels(ruleset) -> None:
    folders = {pack.name: pack_folder(pack) for pack in ruleset.packs}
    assert folders["fr-en"] == bundled_rules_dir() / "fr-en"
    assert (folders["common"] / "pack.toml").is_file()


def test_outputs_carry_the_digest(tmp_path: Path, capsys: pytest.CaptureFixture[str], ruleset) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The strike hit Aleppo , Syria.\n", encoding="utf-8")
    assert main(["check", "--format", "json", str(text)]) == 1
    signature = json.loads(capsys.readouterr().out)["signature"]
    assert f"|data:{ruleset.data_digest}|" in signature
    assert main(["rules", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["data"] == ruleset.data_digest
