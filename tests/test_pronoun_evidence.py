"""PRN001 with real evidence (issue 14): an organisation called she or he, and never a person.

The texts are written for these tests: MT shapes (the pronoun mid-sentence, after a comma
clause, as a possessive, an acronym or a named start-up for antecedent) and the traps (a
woman introduced, a founder, a man named sentences before, a novel)."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The regional health ministry says that she has opened four clinics this winter.", "she"),
        ("The company announced on Tuesday that he would close two plants in the north.", "he"),
        ("Set up in 2011 as a modest firm, she now employs three hundred people.", "she"),
        ("The summit ended late on Sunday, and ECOWAS said she was ready to send observers.", "she"),
        ("The government and his ministers met on Friday to discuss the budget.", "his"),
        ("The start-up sells access to her most advanced models.", "her"),
        ("Veltra, the Lyon start-up, raised money in May. She plans to hire engineers.", "She"),
        (
            "The cooperative was set up in 1998.\n\nRain fell on the harvest. The cooperative lost a third of it. "
            "He now buys grain abroad.",
            "He",
        ),
    ],
)
def test_organisation_shapes_are_flagged(text, flagged):
    assert _prn001(text) == [flagged]


@pytest.mark.parametrize(
    "text",
    [
        "A retired nurse from Nantes, Odile Marchetti, sued the hospital group. She won in March.",
        "The company's founder gave a speech. She said the plant would stay open.",
        "The ship left Brest at dawn, and she made twelve knots by noon.",
        "Pierre Lemaire joined the bank in 1990. The bank was small then. He became its chairman.",
        "Grenier left the council in May. He now teaches history in Rennes.",
        "Elinor Dashwood walked to the cottage.\n\nThe weather turned. The party went in. She sat by the fire.",
        "The agency told her that the file was closed.",
        "She had joined the agency in May. The agency grew. She left in June.",
    ],
)
def test_a_person_the_pronoun_could_be_is_never_flagged(text):
    assert _prn001(text) == []


def test_only_the_first_form_of_each_pronoun_is_flagged():
    text = "The ministry says that she will act. She added that it would take time."
    assert _prn001(text) == ["she"]
