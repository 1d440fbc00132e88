"""The fixer: ordering, overlaps, fixed point, convergence failure, replay."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.errors import ConvergenceError
from cleanup.fixer import _TakenEdits, apply_rounds, fix_text, select_edits
from cleanup.model import Applicability, Category, Edit, Finding, Fix, Severity, Span
from cleanup.packs.loader import load_rules

PACK = 'name = "loop"\nversion = "0.1.0"\ndescription = "Rules that never settle."\n'
RULE = """[[rule]]
id = "{id}"
name = "{name}"
kind = "pattern"
category = "other"
severity = "warning"
message = "m"
pattern = '{pattern}'
replace = '{replace}'
fix = "safe"
fix_title = "t"
fix_safety = "s"
why = "w"
"""


def finding(
    rule_id: str, start: int, end: int, replacement: str, applicability: Applicability = Applicability.SAFE
) -> Finding:
    fix = Fix(edits=(Edit(Span(start, end), replacement),), applicability=applicability, title="t")
    return Finding(rule_id, "name", Category.OTHER, Severity.WARNING, Span(start, end), "", "m", fix)


def test_overlapping_fixes_are_deferred_to_the_next_round():
    chosen = select_edits("abcdef", [finding("B", 1, 4, "X"), finding("A", 2, 5, "Y")])
    assert [(edit.rule_id, edit.span) for edit in chosen] == [("B", Span(1, 4))]


def test_adjacent_fixes_both_apply():
    chosen = select_edits("abcdef", [finding("A", 0, 2, "X"), finding("B", 2, 4, "Y")])
    assert len(chosen) == 2


def test_fix_that_changes_nothing_is_not_an_edit():
    assert select_edits("abc", [finding("A", 0, 1, "a")]) == ()


def test_unsafe_fixes_wait_for_the_unsafe_level():
    text = "She added that “army units [sa] engaged”."
    assert fix_text(text).text == text
    assert "[its]" in fix_text(text, applicability=Applicability.UNSAFE).text


def test_display_only_level_is_refused():
    with pytest.raises(ValueError):
        fix_text("x", applicability=Applicability.DISPLAY_ONLY)


def test_two_rounds_when_boilerplate_lines_end_the_file_without_newline():
    text = "Body.\nRead also | Article reserved for our subscribers Title\nRead later"
    result = fix_text(text)
    assert result.text == "Body."
    assert len(result.rounds) == 2
    assert apply_rounds(text, result.rounds) == result.text


def test_rules_that_undo_each_other_raise_a_convergence_error(tmp_path: Path):
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "pack.toml").write_text(PACK)
    rules = (
        RULE.format(id="GRM901", name="to-b", pattern="a", replace="b")
        + "\n"
        + RULE.format(id="GRM902", name="to-a", pattern="b", replace="a")
    )
    (folder / "rules.toml").write_text(rules)
    ruleset = load_rules([folder], include_bundled=False)
    with pytest.raises(ConvergenceError) as caught:
        fix_text("xax", ruleset=ruleset)
    assert "GRM90" in str(caught.value) and "\n" not in str(caught.value)


def test_rule_that_grows_forever_hits_the_round_cap(tmp_path: Path):
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "pack.toml").write_text(PACK)
    (folder / "rules.toml").write_text(RULE.format(id="GRM903", name="grow", pattern="a$", replace="aa"))
    ruleset = load_rules([folder], include_bundled=False)
    with pytest.raises(ConvergenceError) as caught:
        fix_text("a", ruleset=ruleset)
    assert "after 10 rounds" in str(caught.value) and "GRM903" in str(caught.value)


def test_remaining_findings_are_reported():
    result = fix_text("“army units [sa] engaged”")
    assert [finding.rule_id for finding in result.remaining] == ["SRC001"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3)), max_size=25))
def test_taken_edits_answer_overlaps_as_comparing_with_each_span(pairs: list[tuple[int, int]]) -> None:
    """Edit selection is linear (issue 13): one binary search per edit says what comparing it
    with every edit taken so far said."""
    taken: list[Span] = []
    index = _TakenEdits()
    for start, width in pairs:
        span = Span(start, start + width)
        expected = any(span.overlaps(other) for other in taken)
        assert index.overlaps(span) == expected
        if not expected:
            taken.append(span)
            index.add(span)
