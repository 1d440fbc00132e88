"""Issue 14, point 2: each false-edit class of GRM001, GRM002, SPC100 and NUM001 closed by a
general rule, not a list of the examples. Every sentence here was written for these tests;
each ``stays`` case names the reason a copy editor would give for leaving it alone."""

from __future__ import annotations

import pytest

from cleanup.engine import default_ruleset
from cleanup.errors import RulePackError
from cleanup.kinds.base import Document


def _fixes(code: str, text: str) -> list[tuple[str, str | None]]:
    """(matched, replacement) of every finding of ``code`` in ``text``."""
    rule = default_ruleset().get(code)
    assert rule is not None
    found = []
    for finding in rule.check(Document(text)):
        fix = finding.fix
        found.append((finding.matched, "".join(edit.replacement for edit in fix.edits) if fix else None))
    return found


# --- GRM001 a/an by sound ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # un- on an English word is read "un", whatever the sounds table says of unan-, unu-
        "It was an unanswerable question.",
        "The vote left an unanswered question.",
        "He gave an unusual answer and an unarmed guard waved.",
        # but uni-/unan- words read "you"
        "It was a unanimous vote by a union of a unique kind.",
        # initialisms read letter by letter, domains and paths
        "The e-mails came from an fbi.gov address and an fcc.gov form.",
        "According to an ntl spokesman, nothing changed.",
        "She saw an mp3 file, a mnemonic device and an nth-degree problem.",
        # a letter in a compound is read by its name
        "He needed an x-ray, took a u-turn and heard an f-word.",
        # neither article is right: a word is missing
        "Whether it's a on a free transfer is unclear.",
        "The Union is forming a its pillars.",
        'He would have a "a job of persuading" to do.',
        "I got a 'ummm' in reply.",
        # styles kept
        "It was an historic day at an hotel.",
    ],
)
def test_article_stays(text):
    assert _fixes("GRM001", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("called for a “immediate cessation”", [("a", "an")]),
        ("It left a unusual silence.", [("a", "an")]),
        ("It was an unanimous decision.", [("an", "a")]),
        ("She needed a x-ray.", [("a", "an")]),
        ("He took an u-turn.", [("an", "a")]),
        ("It was an all-out war and a on-loan striker.", [("a", "an")]),
        ("A agreement was signed.", [("A", "An")]),
        # beginnings whose sound the spelling hides (checked against CMUdict)
        ("He saw an urologist about a yttrium implant.", [("an", "a"), ("a", "an")]),
    ],
)
def test_article_is_fixed(text, expected):
    assert _fixes("GRM001", text) == expected


# --- GRM002 doubled words ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I told you you would win.",
        "She gave her her keys.",
        "Without it it would fail.",
        "It was the moment I had waited for for years.",
        "The place we went to to vote was shut.",
        "He gave in in the end.",
        "What it is is a question of money.",
        "They had had enough.",
        "He said that that was all.",
        "What happened happened, and whoever wins wins.",
        "It was a very very long day, many many years ago.",
        "Please please come, she said; yada yada, night night.",
    ],
)
def test_doubling_that_can_be_grammatical_stays(text):
    assert _fixes("GRM002", text) == []


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("a room for the the Mona Lisa", "the the"),
        ("regions of of vital importance", "of of"),
        ("worse than than it is", "than than"),
        ("violent deaths deaths and injuries", "deaths deaths"),
        ("peace and and security", "and and"),
    ],
)
def test_doubling_that_cannot_be_grammatical_is_removed(text, matched):
    assert [found for found, _ in _fixes("GRM002", text)] == [matched]


# --- SPC100 glued words --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a particle where English compounds put it: a rare hyphenless compound
        "Critics feared an overmighty state.",
        "The union fought overmanning in the docks.",
        # a capitalised token starting with a function word: a name
        "Thenford and Beenham are villages.",
        # an inflection or the other spelling of a listed word
        "Local notabilities wassailed until dawn.",
        "He will notarise the deed.",
    ],
)
def test_glued_form_that_may_be_a_word_stays(text):
    assert _fixes("SPC100", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for individuals and theirfamilies alike", [("theirfamilies", " ")]),
        ("A spokesman for the governmentsaid no.", [("governmentsaid", " ")]),
        ("Press Releasewhich was published", [("Releasewhich", " ")]),
    ],
)
def test_glued_words_are_split(text, expected):
    assert _fixes("SPC100", text) == expected


def test_a_compound_part_without_its_hyphen_is_a_load_error(tmp_path):
    from cleanup.packs.loader import load_rules

    folder = tmp_path / "glue"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "pack.toml").write_text('name = "glue"\nversion = "0.1.0"\ndescription = "Glue."\n', encoding="utf-8")
    (folder / "lexicons" / "function.txt").write_text("over\nthe\n", encoding="utf-8")
    (folder / "lexicons" / "parts.txt").write_text("over\n", encoding="utf-8")
    (folder / "rules.toml").write_text(
        """[[rule]]
id = "SPC901"
name = "glue"
kind = "builtin"
builtin = "glued-words"
category = "spacing"
severity = "warning"
message = "Glued: {match}"
function_words = "lexicons/function.txt"
compound_parts = "lexicons/parts.txt"
fix = "safe"
fix_title = "Insert the space"
why = "Because."
""",
        encoding="utf-8",
    )
    with pytest.raises(RulePackError, match=r"parts\.txt.*compound part 'over' must be"):
        load_rules([folder], include_bundled=False)


# --- NUM001 grouped thousands --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a French range "300 à 400" whose "à" MT dropped
        "Police said between 300 400 protesters gathered.",
        "Some 50 100 people joined later.",
        "Organisers counted 150 200 more.",
        "It rose to between 12 500 by noon.",
        # a count before a model or code number
        "The airline grounded the 20 747-400 jets.",
        "Its 12 747s stayed in the hangar.",
        "It sold 3 737/800 models.",
    ],
)
def test_digits_that_may_be_two_numbers_stay(text):
    assert _fixes("NUM001", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 12 400 people fled.", [("12 400", ",")]),
        ("between 12 000 and 15 000 people", [("12 000", ","), ("15 000", ",")]),
        ("a 3 300-strong force", [("3 300", ",")]),
        ("some 1 000-2 000 volunteers", [("1 000", ","), ("2 000", ",")]),
        ("some 21 870 Turks applied", [("21 870", ",")]),
        ("a crowd of 312 500 people", [("312 500", ",")]),
    ],
)
def test_unambiguous_groups_are_joined(text, expected):
    assert _fixes("NUM001", text) == expected
