"""Both seed articles are fixed into their gold byte for byte (issue 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.fixer import apply_rounds, fix_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
RAW = sorted(path for path in SEEDS.glob("*.txt") if not path.name.endswith(".clean.txt"))


def test_both_seeds_are_present():
    assert len(RAW) == 2


@pytest.mark.parametrize("raw", RAW, ids=lambda path: path.stem)
def test_fix_reproduces_gold_byte_for_byte(raw: Path):
    gold = raw.with_name(raw.stem + ".clean.txt").read_bytes()
    text = raw.read_bytes().decode("utf-8")
    result = fix_text(text)
    assert result.text.encode("utf-8") == gold
    assert apply_rounds(text, result.rounds) == result.text
    assert fix_text(result.text).text == result.text


@pytest.mark.parametrize("raw", RAW, ids=lambda path: path.stem)
def test_cli_fix_reproduces_gold(raw: Path, tmp_path: Path, capsys):
    target = tmp_path / raw.name
    target.write_bytes(raw.read_bytes())
    assert main(["fix", str(target)]) == 0
    assert target.read_bytes() == raw.with_name(raw.stem + ".clean.txt").read_bytes()


def test_the_named_seed_artifacts_are_gone():
    text = "\n".join(path.with_name(path.stem + ".clean.txt").read_text(encoding="utf-8") for path in RAW)
    for artifact in (
        "Read also",
        "Read later",
        "HTC",
        "OSDH",
        "[étaient]",
        "”while",
        "» with",
        "(OCHA). ).",
        "(OSDH) .",
        "Aleppo ,",
        "a “immediate",
    ):
        assert artifact not in text
    for repaired in (
        "(HTS)",
        "SOHR",
        "[were]",
        "province” while",
        "clashes” with",
        "(OCHA).",
        "(SOHR).",
        "Aleppo, Syria",
        "an “immediate",
    ):
        assert repaired in text
