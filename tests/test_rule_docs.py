"""Every rule's documentation page (issue 15, point 4): rendered whole, with no raw
placeholder, with its real fix levels, and ``docs/rules/`` generated from the packs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleanup.batch.repeated import BATCH_ONLY_RULES
from cleanup.cli import main
from cleanup.docs import _visible, fix_levels, render_pages, render_rule_doc, stale_pages
from cleanup.docs import main as docs_main
from cleanup.kinds.base import Document
from cleanup.model import Applicability

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER_RE = re.compile(r"\{[a-z_]+\}")


def _section(page: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n\n(.*?)(?=^## |\Z)", page, re.S | re.M)
    assert match, f"no '{title}' section"
    return match.group(1).strip()


def test_every_page_says_what_the_rule_does_in_words(ruleset):
    for rule in ruleset:
        page = render_rule_doc(rule)
        assert not PLACEHOLDER_RE.search(page.split("## Why is this bad?")[0]), rule.id
        what = _section(page, "What it does")
        quoted = [line for line in what.splitlines() if line.startswith(f"> {rule.id} ")]
        assert len(quoted) == 1, rule.id
        # The message shown is the one the rule gives on its first reported example: its
        # placeholders hold that example's own text, never an ellipsis or a brace.
        assert "…" not in quoted[0] and "{" not in quoted[0], quoted[0]
        if rule.id in BATCH_ONLY_RULES:  # no one-document example: its evidence is a corpus
            assert _section(page, "Why is this bad?") and _section(page, "Left alone"), rule.id
            continue
        bad = next(example.bad for example in rule.meta.examples if example.bad is not None)
        first = min(rule.check(Document(bad)), key=lambda finding: finding.sort_key)
        assert _visible(first.message) in quoted[0], rule.id
        for title in ("Why is this bad?", "Example", "Left alone", "Fix levels"):
            assert _section(page, title), f"{rule.id}: empty '{title}'"


def test_flag_only_rules_show_no_use_instead_copy_of_the_example(ruleset):
    page = render_rule_doc(ruleset.get("PRN001"))
    assert "## Use instead" not in page
    assert "reviewer decides" in _section(page, "What it does")


def test_known_hole_of_issue_15_is_closed(ruleset):
    """``mt-cleanup rule QUO001`` printed ``{context}`` under What it does."""
    what = _section(render_rule_doc(ruleset.get("QUO001")), "What it does")
    assert "Closing quote glued to the next word: province\N{RIGHT DOUBLE QUOTATION MARK}while" in what


def _texts() -> list[str]:
    texts = [
        text
        for rule_path in sorted((ROOT / "tests" / "cases").glob("*/*.in.txt"))
        for text in [rule_path.read_text(encoding="utf-8")]
    ]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus").glob("*.txt"))]
    return texts


def test_fix_levels_cover_every_level_a_finding_carries(ruleset):
    """The listed levels are a rule's real ones: no finding on the examples, the golden
    cases or the corpus carries a level its documentation leaves out."""
    texts = _texts()
    seen: dict[str, set[Applicability]] = {rule.id: set() for rule in ruleset}
    for rule in ruleset:
        own = [text for example in rule.meta.examples for text in (example.bad, example.good, example.ok) if text]
        for text in own + texts:
            seen[rule.id].update(finding.applicability for finding in rule.check(Document(text)))
    for rule in ruleset:
        assert seen[rule.id] <= set(fix_levels(rule)), (rule.id, seen[rule.id], fix_levels(rule))
    # The corpus does show the weaker levels the kinds declare.
    assert {Applicability.UNSAFE, Applicability.NONE} <= seen["SRC002"]


def test_rules_lists_real_fix_levels(capsys):
    """SRC002 was listed ``safe`` though its fixes can be unsafe or absent."""
    assert main(["rules"]) == 0
    rows = {line.split()[0]: line.split()[-1] for line in capsys.readouterr().out.splitlines()}
    assert rows["SRC002"] == "safe/unsafe/none"
    assert rows["NUM004"] == "safe/unsafe"
    assert rows["QUO001"] == "safe"
    assert rows["PRN001"] == "none"
    assert main(["rules", "--format", "json"]) == 0
    assert '"fix_levels": [\n        "safe",\n        "unsafe",\n        "none"\n      ]' in capsys.readouterr().out


def test_rule_command_prints_the_generated_page(capsys, ruleset):
    assert main(["rule", "SRC002"]) == 0
    out = capsys.readouterr().out
    assert out == render_rule_doc(ruleset.get("SRC002"))
    assert "- unsafe (applied only with `--unsafe-fixes`)" in out


def test_docs_rules_folder_is_current(ruleset):
    """``docs/rules/`` is generated from the packs; ``python -m cleanup.docs --write docs/rules``."""
    problems = stale_pages(ROOT / "docs" / "rules", render_pages(list(ruleset)))
    assert not problems, f"{problems}: run `python -m cleanup.docs --write docs/rules` after editing a rule pack"


def test_docs_check_names_missing_stale_and_extra_pages(tmp_path, capsys):
    folder = tmp_path / "rules"
    assert docs_main(["--check", str(folder)]) == 1
    assert "QUO001.md: missing" in capsys.readouterr().err
    assert docs_main(["--write", str(folder)]) == 0
    written = capsys.readouterr().out.splitlines()
    assert str(folder / "QUO001.md") in written and str(folder / "README.md") in written
    assert docs_main(["--check", str(folder)]) == 0
    page = folder / "QUO001.md"
    page.write_text(page.read_text(encoding="utf-8").replace("province", "region"), encoding="utf-8")
    (folder / "XYZ001.md").write_text("# old\n", encoding="utf-8")
    assert docs_main(["--check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "QUO001.md: out of date" in err and "XYZ001.md: not a rule page" in err
    assert "--write" in err
    assert docs_main(["--write", str(folder)]) == 0
    assert sorted(capsys.readouterr().out.split()) == sorted([str(folder / "QUO001.md"), str(folder / "XYZ001.md")])
    assert docs_main(["--check", str(folder)]) == 0


@pytest.mark.parametrize("code", ["QUO001", "SRC002", "NUM001"])
def test_index_links_every_page_with_its_levels(ruleset, code):
    index = render_pages(list(ruleset))["README.md"]
    rule = ruleset.get(code)
    levels = "/".join(str(level) for level in fix_levels(rule))
    assert f"| [{code}]({code}.md) | {rule.meta.name} | {rule.meta.category} | {levels} |" in index
