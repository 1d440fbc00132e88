"""PRN001 only with real evidence (issue 14): a She or He whose person is already in the text."""

from __future__ import annotations

from cleanup.engine import check_text, default_ruleset

STORY = (
    "The rain fell all day. The roads were bad, and the post was late. The\n"
    "company had dined early that evening. She went up to her room at nine\n"
    "and did not come down again.\n"
)


def _prn001(text: str) -> list[str]:
    return [f.matched for f in check_text(text, ruleset=default_ruleset()) if f.rule_id == "PRN001"]


def test_organisation_then_she_is_flagged_when_no_woman_came_before():
    assert _prn001(STORY) == ["She"]


def test_a_woman_earlier_in_the_text_is_the_likelier_antecedent():
    earlier = "Madame Roux had kept the house for forty years, and she knew every board of it.\n\n"
    assert _prn001(earlier + STORY) == []


def test_other_pronoun_earlier_does_not_count():
    earlier = "Monsieur Roux had kept the house for forty years, and he knew every board of it.\n\n"
    assert _prn001(earlier + STORY) == ["She"]
