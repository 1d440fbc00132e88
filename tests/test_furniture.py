"""BLP001 weighs the lines its list does not hold: page furniture in new shapes goes, with
its evidence in the message, and prose that merely mentions prices, subscriptions, shares
or dates stays (issue 14, point 5)."""

from __future__ import annotations

import pytest

from cleanup.engine import check_text, default_ruleset
from cleanup.fixer import fix_text
from cleanup.model import Applicability

RULES = default_ruleset().select(["BLP001"])


def verdict(line: str) -> tuple[str | None, str]:
    findings = check_text(f"The talks resumed.\n{line}\nThe minister left.\n", ruleset=RULES)
    if not findings:
        return None, ""
    (finding,) = findings
    return str(finding.fix.applicability) if finding.fix else "none", finding.message


@pytest.mark.parametrize(
    ("line", "level", "evidence"),
    [
        ("Subscribe to the Courier and get unlimited access for €7.99/month", "safe", "a price"),
        ("Facebook Twitter WhatsApp Email Copy link", "safe", "a row of share buttons"),
        ("By Jane Roe, published on 3 March 2024 at 10:42", "safe", "a byline"),
        ("Published on 3 March at 10:42 p.m., updated on 4 March at 8:10 a.m.", "safe", "update stamps"),
        ("Your e-mail address will not be published. Required fields are marked *", "safe", "comment-form"),
        ("Download the Courier app", "safe", "an app prompt"),
        ("In the same section", "safe", "a section header"),
        ("Listen to the podcast: 4 min read", "safe", "a reading time"),
        ("The full interview, 12 min read", "unsafe", "a reading time"),
        ("We and our partners use cookies. Accept and close", "safe", "a consent button"),
        ("Related articles", "safe", "a section header"),
        ("Offer: €1 for 3 months then €11.99, cancel anytime", "unsafe", "offer terms"),
    ],
)
def test_furniture_the_list_lacks_is_weighed(line: str, level: str, evidence: str) -> None:
    found, message = verdict(line)
    assert found == level, message
    assert evidence in message and line in message


@pytest.mark.parametrize(
    "line",
    [
        "He said the subscription cost €9 a month.",
        "The newspaper offers unlimited access for €9 a month.",
        "Share prices fell sharply on Tuesday.",
        "By repeating the claims, the government hoped to win.",
        "Developing countries lose $15 billion of tax revenues every year.",
        "The study was published on 3 May in Nature.",
        "“Subscribe now for €1 a month,” the banner read.",
        "Readers can share the article on Facebook, Twitter and WhatsApp, the editor told the board, "
        "and comments are moderated by a team of five.",
        "Only 12% of the article's readers reached the end, the study found.",
    ],
)
def test_prose_that_mentions_furniture_words_stays(line: str) -> None:
    assert verdict(line) == (None, "")


def test_an_unsafe_furniture_line_goes_only_with_unsafe_fixes() -> None:
    text = "The talks resumed.\nOffer: €1 for 3 months then €11.99, cancel anytime\nThe minister left.\n"
    assert fix_text(text, ruleset=RULES).text == text
    assert fix_text(text, ruleset=RULES, applicability=Applicability.UNSAFE).text == (
        "The talks resumed.\nThe minister left.\n"
    )


def test_a_listed_line_says_so() -> None:
    assert verdict("Read later") == ("safe", "Page boilerplate left in the text (a listed shape): Read later")


LINE_RULE = """[[rule]]
id = "BLP901"
name = "user-furniture"
kind = "line"
category = "boilerplate"
severity = "warning"
message = "Furniture ({evidence}): {match}"
lines = "lexicons/lines.txt"
cues = "lexicons/cues.tsv"
fix = "safe"
fix_title = "Delete the line"
why = "Because."
"""


@pytest.mark.parametrize(
    ("cues", "line", "problem"),
    [
        (
            "# cues\na price\tprice\t1\t[€$]\\d+\na period\tperiod\tone\tper month\n",
            3,
            "weight 'one' is not a whole number",
        ),
        ("a price\tprice\t1\t[€$]\\d+\n\na period\tperiod\t1\t(?<=per) month\n", 3, "invalid regular expression"),
        ("a price\tprice\t1\n", 1, "expected 4 tab-separated columns"),
    ],
)
def test_a_bad_cue_names_its_file_and_line(tmp_path, cues: str, line: int, problem: str) -> None:  # type: ignore[no-untyped-def]
    from test_loader_errors import load_error

    message = load_error(tmp_path, LINE_RULE, {"lexicons/lines.txt": "read later\n", "lexicons/cues.tsv": cues})
    assert f"cues.tsv:{line}:" in message and problem in message, message


def test_evidence_in_a_message_needs_cues(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from test_loader_errors import load_error

    rule = LINE_RULE.replace('cues = "lexicons/cues.tsv"\n', "")
    message = load_error(tmp_path, rule, {"lexicons/lines.txt": "read later\n"})
    assert "{evidence}" in message and "rules.toml" in message, message


def test_a_heading_class_must_be_a_class_of_the_cues(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from test_loader_errors import load_error

    rule = LINE_RULE + 'heading_classes = ["rubrik"]\n'
    cues = "a rubric\trubric\t2\t^\\w+$\n"
    message = load_error(tmp_path, rule, {"lexicons/lines.txt": "read later\n", "lexicons/cues.tsv": cues})
    assert "heading class 'rubrik'" in message, message


def test_a_lone_word_is_a_rubric_only_by_the_headline() -> None:
    headline = "Harbour tolls to double next year\n"
    prose = "The port authority will double its tolls from January, it announced on Friday.\n"
    # Under the headline next to a reading time: a section label.
    assert fix_text(headline + "Transport\nListen · 3 min\n" + prose, ruleset=RULES).text == headline + prose
    # Under the headline alone (a venue, a subtitle), or at the end (a subheading): left alone.
    for text in (headline + "Headingley\n" + prose, headline + prose + "\nBackground\n"):
        assert check_text(text, ruleset=RULES) == []
