"""Meta-tests over the whole rule set: identity, documentation, lexicon hygiene."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from cleanup.model import Applicability
from cleanup.packs.loader import bundled_rules_dir

KEBAB_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def test_ids_are_unique_and_match_their_category(ruleset):
    ids = [rule.id for rule in ruleset]
    assert len(ids) == len(set(ids))
    for rule in ruleset:
        assert rule.id.startswith(rule.meta.category.code_prefix), rule.id


def test_names_are_kebab_case_and_unique(ruleset):
    names = [rule.meta.name for rule in ruleset]
    assert len(names) == len(set(names))
    assert all(KEBAB_RE.fullmatch(name) for name in names)


def test_every_rule_is_documented(ruleset):
    for rule in ruleset:
        meta = rule.meta
        assert meta.why, f"{rule.id} has no why"
        assert not meta.message.endswith("."), f"{rule.id} message ends with a period"
        if meta.fix is not Applicability.NONE:
            assert meta.fix_title, f"{rule.id} can fix but has no fix_title"
            assert meta.fix_safety, f"{rule.id} can fix but has no fix_safety"


def _lexicon_files() -> list[Path]:
    root = bundled_rules_dir()
    return sorted(path for path in root.glob("*/lexicons/*") if path.suffix in {".txt", ".tsv"})


def test_lexicons_exist_and_are_nfc_and_deduplicated():
    files = _lexicon_files()
    assert files
    for path in files:
        entries = [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
        keys = [entry.split("\t")[0] for entry in entries]
        assert len(keys) == len(set(keys)), f"{path.name} has duplicate entries"
        for entry in entries:
            assert unicodedata.normalize("NFC", entry) == entry, f"{path.name}: {entry!r} is not NFC"


def test_tables_are_sorted():
    for path in _lexicon_files():
        if path.suffix != ".tsv":
            continue
        keys = [
            line.split("\t")[0]
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        assert keys == sorted(keys, key=str.casefold) or keys == sorted(keys), f"{path.name} is not sorted"


def test_packs_have_versions(ruleset):
    assert {pack.name for pack in ruleset.packs} >= {"common", "fr-en"}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", pack.version) for pack in ruleset.packs)


def test_swap_tables_never_map_a_term_to_itself():
    """A row whose English form equals its source would report a finding its fix cannot change."""
    for path in sorted(bundled_rules_dir().glob("*/lexicons/*.tsv")):
        if path.name not in {"acronyms.tsv", "place-names.tsv"}:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                source, target = line.split("\t")[:2]
                assert source != target, f"{path.name}: {source} maps to itself"


def test_a_source_checkout_without_an_install_finds_its_own_rules(monkeypatch):
    """`python -m cleanup` inside a checkout imports the source tree, where `cleanup.rules`
    (a mapping of the installed package) does not exist: the checkout's rules/ is used."""
    from cleanup.packs import loader

    real_import = loader.importlib.import_module

    def missing(name):
        if name == "cleanup.rules":
            raise ModuleNotFoundError(f"No module named '{name}'")
        return real_import(name)

    monkeypatch.setattr(loader.importlib, "import_module", missing)
    assert loader.bundled_rules_dir() == Path(__file__).resolve().parent.parent / "rules"
