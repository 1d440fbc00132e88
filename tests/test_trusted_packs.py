"""Packs that passed a full load before compile their regexes on first use; any edit to a
pack file means a full, eager validation again."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from cleanup.engine import check_document
from cleanup.errors import RulePackError
from cleanup.kinds.base import Document
from cleanup.packs.loader import load_rules

ROOT = Path(__file__).resolve().parent.parent

PACK = 'name = "user"\nversion = "0.1.0"\ndescription = "A user pack."\n'
SWAP_RULE = """
[[rule]]
id = "ACR901"
name = "user-acronym"
kind = "swap"
category = "acronym"
severity = "warning"
message = "French acronym {match}"
table = "lexicons/terms.tsv"
fix = "safe"
fix_title = "Use the English acronym"
why = "Because."
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("MT_CLEANUP_NO_CACHE", raising=False)
    monkeypatch.setenv("MT_CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def user_pack(root: Path, cell: str) -> Path:
    folder = root / "user"
    (folder / "lexicons").mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(PACK, encoding="utf-8")
    (folder / "rules.toml").write_text(SWAP_RULE, encoding="utf-8")
    (folder / "lexicons" / "terms.tsv").write_text(f"OTAN\tNATO\t{cell}\n", encoding="utf-8")
    return folder


def stamps(cache_dir: Path) -> list[str]:
    return sorted(path.name for path in cache_dir.glob("packs-valid-*"))


def test_the_second_load_defers_and_finds_the_same(cache_dir: Path) -> None:
    eager = load_rules()
    assert len(stamps(cache_dir)) == 1
    trusted = load_rules()
    swap = trusted.get("SRC010")
    assert swap is not None
    assert not swap.matcher.finder.is_compiled
    assert not any(entry.context.is_compiled for entry in swap.matcher.entries.values() if entry.context)
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus").glob("*.txt"))]
    for text in texts:
        assert check_document(trusted, Document(text)) == check_document(eager, Document(text))
    # Boilerplate lines were matched with the narrowing the first load recorded, so only the
    # entries those lines could meet were compiled, and only inside their unions.
    boilerplate = trusted.get("BLP001")
    assert boilerplate is not None
    assert not any(entry.is_compiled for entry in boilerplate.matcher.lines_re.entries)


def test_a_trusted_load_reads_the_recorded_tables_instead_of_parsing_toml(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    eager = load_rules()

    def no_parsing(_text: str) -> None:
        raise AssertionError("a trusted load parsed TOML")

    monkeypatch.setattr(tomllib, "loads", no_parsing)
    trusted = load_rules()
    assert [rule.meta for rule in trusted] == [rule.meta for rule in eager]
    assert trusted.packs == eager.packs


def test_a_stamp_that_does_not_parse_means_a_full_load_that_writes_it_again(cache_dir: Path) -> None:
    load_rules()
    [stamp] = cache_dir.glob("packs-valid-*")
    stamp.write_text("", encoding="utf-8")  # as an older release, or a torn write, left it
    ruleset = load_rules()
    swap = ruleset.get("SRC010")
    assert swap is not None and swap.matcher.finder.is_compiled  # validated in full again
    assert json.loads(stamp.read_text(encoding="utf-8"))["files"]


def test_a_bad_regex_fails_at_load_and_leaves_no_stamp(cache_dir: Path, tmp_path: Path) -> None:
    folder = user_pack(tmp_path, "Syri(a")
    with pytest.raises(RulePackError, match=r"user/lexicons/terms.tsv:1: rule ACR901: invalid regular expression"):
        load_rules([folder], include_bundled=False)
    assert stamps(cache_dir) == []


def test_an_edited_pack_is_validated_again(cache_dir: Path, tmp_path: Path) -> None:
    folder = user_pack(tmp_path, "Syria")
    load_rules([folder], include_bundled=False)  # validated: stamped
    assert len(stamps(cache_dir)) == 1
    assert load_rules([folder], include_bundled=False).get("ACR901") is not None  # trusted now
    (folder / "lexicons" / "terms.tsv").write_text("OTAN\tNATO\tSyri(a\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="invalid regular expression"):
        load_rules([folder], include_bundled=False)  # the edit is caught at load, not deferred


def test_without_a_cache_every_load_validates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MT_CLEANUP_NO_CACHE", "1")
    folder = user_pack(tmp_path, "Syria")
    ruleset = load_rules([folder], include_bundled=False)
    swap = ruleset.get("ACR901")
    assert swap is not None and swap.matcher.finder.is_compiled


def test_a_trusted_swap_searches_only_the_terms_a_document_can_hold(cache_dir: Path, tmp_path: Path) -> None:
    folder = user_pack(tmp_path, "")
    rows = "OTAN\tNATO\nFront\tFront line\nFront national\tNational Front\nONU\tUN\nUE\tEU\n"
    (folder / "lexicons" / "terms.tsv").write_text(rows, encoding="utf-8")
    eager = load_rules([folder], include_bundled=False)
    trusted = load_rules([folder], include_bundled=False)
    first = check_document(trusted, Document("The Front national met OTAN and ONU envoys."))
    assert [finding.matched for finding in first] == ["Front national", "OTAN", "ONU"]
    texts = [
        "A Front, then the Front nationalist wing; the UE.",
        "Nothing here.",
        "FRONT national, front national, Front\u00a0national and OTAN²; Front national².",
    ]
    swap = trusted.get("ACR901")
    assert swap is not None
    for number, text in enumerate(texts):
        found = [(finding.span, finding.message) for finding in check_document(trusted, Document(text))]
        assert found == [(finding.span, finding.message) for finding in check_document(eager, Document(text))]
        # Each document met a table of its own terms, until one held a character of category
        # No, which letter runs and the engine's \w see differently: that one meets the whole.
        assert swap.matcher.finder.is_compiled == (number == len(texts) - 1)


def test_the_same_pack_named_by_another_path_has_its_own_stamp(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = user_pack(tmp_path, "Syria")
    monkeypatch.chdir(tmp_path)
    by_relative = load_rules(["user"], include_bundled=False)
    load_rules(["user"], include_bundled=False)  # trusted
    by_absolute = load_rules([folder], include_bundled=False)  # validated under its own label
    assert len(stamps(cache_dir)) == 2
    trusted = load_rules([folder], include_bundled=False)
    [relative_rule] = list(by_relative)
    [absolute_rule] = list(by_absolute)
    assert relative_rule.meta.source.startswith("user/rules.toml:")
    assert absolute_rule.meta.source == trusted.get("ACR901").meta.source == f"{folder}/rules.toml:2"
