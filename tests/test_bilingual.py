"""French number normaliser and source/target checks (issue 4)."""

from __future__ import annotations

import pytest

from cleanup.bilingual import (
    check_acronyms,
    check_numbers,
    check_sentences,
    check_translation,
    load_acronym_table,
    normalise_english_number,
    normalise_french_number,
)

FRENCH_CASES = [
    ("12 400", "12400"),
    ("12\N{NO-BREAK SPACE}400", "12400"),
    ("12\N{NARROW NO-BREAK SPACE}400", "12400"),
    ("1 250 000", "1250000"),
    ("2,7 %", "2.7%"),
    ("2,7%", "2.7%"),
    ("15 pour cent", "15%"),
    ("18 h 30", "18:30"),
    ("18h30", "18:30"),
    ("9 h", "9:00"),
    ("0,5", "0.5"),
    ("2,50", "2.5"),
    ("1er", "1"),
    ("3e", "3"),
    ("2024", "2024"),
    ("mardi", None),
    ("12 400 et 3", None),
]

ENGLISH_CASES = [
    ("12,400", "12400"),
    ("2.7%", "2.7%"),
    ("2.7 percent", "2.7%"),
    ("15 per cent", "15%"),
    ("6:30 pm", "18:30"),
    ("6:30 p.m.", "18:30"),
    ("6.30pm", "18:30"),
    ("9 am", "9:00"),
    ("12 am", "0:00"),
    ("18:30", "18:30"),
    ("1st", "1"),
    ("0.5", "0.5"),
    ("Tuesday", None),
]


@pytest.mark.parametrize(("text", "expected"), FRENCH_CASES)
def test_normalise_french_number(text: str, expected: str | None) -> None:
    assert normalise_french_number(text) == expected


@pytest.mark.parametrize(("text", "expected"), ENGLISH_CASES)
def test_normalise_english_number(text: str, expected: str | None) -> None:
    assert normalise_english_number(text) == expected


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("12 400", "12,400"),
        ("2,7 %", "2.7%"),
        ("18 h 30", "6:30 pm"),
        ("18 h 30", "18:30"),
        ("2,5 millions", "2.5 million"),
        ("2,5 millions", "2,500,000"),
        ("1,2 milliard", "1.2 billion"),
        ("3", "three"),
        ("1er", "1st"),
    ],
)
def test_equivalent_numbers_are_not_reported(french: str, english: str) -> None:
    assert check_numbers(f"Le bilan est de {french} selon l'ONG.", f"The toll is {english} according to the NGO.") == []


def test_dropped_number() -> None:
    issues = check_numbers("Au moins 12 400 personnes ont fui, dont 3 000 enfants.", "At least 12,400 people fled.")
    assert [(issue.kind, issue.source) for issue in issues] == [("number-missing", "3 000")]


def test_changed_number() -> None:
    issues = check_numbers("Le chômage atteint 2,7 % en mars.", "Unemployment reached 3.7% in March.")
    assert [(issue.kind, issue.source, issue.target) for issue in issues] == [("number-changed", "2,7 %", "3.7%")]


def test_changed_time() -> None:
    issues = check_numbers("La réunion a commencé à 18 h 30.", "The meeting began at 8:30 pm.")
    assert [issue.kind for issue in issues] == ["number-changed"]


def test_sentence_left_in_french() -> None:
    source = "Les rebelles sont entrés dans la ville. Les habitants ont fui vers le nord."
    target = "The rebels entered the city. Les habitants ont fui vers le nord avec leurs enfants."
    issues = check_sentences(source, target)
    assert [issue.kind for issue in issues] == ["untranslated-sentence"]
    assert issues[0].target == "Les habitants ont fui vers le nord avec leurs enfants."


def test_sentence_identical_to_source() -> None:
    source = "Les rebelles sont entrés dans la ville.\nLes habitants ont fui vers le nord."
    target = "The rebels entered the city.\nLes habitants ont fui vers le nord."
    issues = check_sentences(source, target)
    assert [(issue.kind, issue.line) for issue in issues] == [("identical-sentence", 2)]


def test_acronym_missing_uses_the_bundled_table() -> None:
    issues = check_acronyms(
        "Selon l'OSDH, les frappes ont tué 12 civils.", "According to the OSDH, strikes killed 12 civilians in Syria."
    )
    assert [(issue.kind, issue.source) for issue in issues] == [("acronym-missing", "OSDH")]
    assert check_acronyms("Selon l'OSDH, 12 morts.", "According to the SOHR, 12 dead in Syria.") == []


def test_acronym_check_reads_the_table_with_its_context_columns() -> None:
    """Issue 15, point 7: the phone maker HTC in a source yielded "HTS missing"."""
    source = "Le fabricant taïwanais HTC a présenté mardi un nouveau smartphone."
    target = "The Taiwanese maker HTC unveiled a new smartphone on Tuesday."
    assert check_acronyms(source, target) == []
    # The group Hayat Tahrir al-Cham: its acronym does need its English form.
    source = "Le groupe Hayat Tahrir al-Cham (HTC) a pris la ville."
    issues = check_acronyms(source, "The Hayat Tahrir al-Sham (HTC) group took the town.")
    assert [(issue.kind, issue.source, issue.line) for issue in issues] == [("acronym-missing", "HTC", 1)]
    assert check_acronyms(source, "The Hayat Tahrir al-Sham (HTS) group took the town.") == []
    # An ``unless`` cell silences a row whose context is there too.
    both = "Hayat Tahrir al-Cham et HTC : le fabricant de smartphones"
    assert check_acronyms(both, "Hayat Tahrir al-Sham and the phone maker HTC") == []


def test_acronym_check_and_rule_acr001_read_the_same_rows(ruleset) -> None:
    """One reader: every row the bilingual check reads is the entry ACR001 built from the same line."""
    rule = ruleset.get("ACR001")
    entries = {source: (target, when, unless) for source, target, when, unless, _ in rule.matcher.spec["rows"]}
    rows = load_acronym_table()
    assert len(rows) == len(entries) > 50
    for row in rows:
        target, when, unless = entries[row.source]
        assert target == row.target
        assert (when or "") == row.context
        assert (unless or "") == row.unless


def test_acronym_check_agrees_with_acr001_on_each_row(ruleset) -> None:
    """Where ACR001 would replace an acronym in the English text, the bilingual check asks
    for the English form; where the rule leaves it alone, so does the check."""
    from cleanup.kinds.base import Document

    rule = ruleset.get("ACR001")
    texts = [
        "The phone maker HTC said on Tuesday.",
        "Hayat Tahrir al-Sham (HTC) fighters advanced in Syria.",
        "The OSDH, a Syrian observatory, counted 12 dead.",
        "The BCE raised interest rates in Frankfurt.",
        "The CPI rose, inflation data showed.",
    ]
    for text in texts:
        fixed = {finding.matched for finding in rule.check(Document(text))}
        missing = {issue.source for issue in check_acronyms(text, text)}
        assert fixed == missing, text


def test_clean_pair_has_no_issue() -> None:
    source = (
        "Au moins 12 400 personnes ont fui Alep mardi, selon l'OSDH.\n"
        "Le taux de chômage a atteint 2,7 % à 18 h 30, heure locale."
    )
    target = (
        "At least 12,400 people fled Aleppo on Tuesday, according to the SOHR.\n"
        "The unemployment rate reached 2.7% at 6:30 pm local time."
    )
    assert check_translation(source, target) == []
