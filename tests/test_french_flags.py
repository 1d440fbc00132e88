"""SRC002/SRC003 on good English (issue 14): loanwords, English inflections, quoted French,
hard-wrapped lines; and the leftovers they must still report."""

from __future__ import annotations

import pytest

from cleanup.engine import check_text, default_ruleset


def _found(text: str, code: str) -> list[str]:
    return [f.matched for f in check_text(text, ruleset=default_ruleset()) if f.rule_id == code]


@pytest.mark.parametrize(
    "text",
    [
        "Ferguson rues the missed chance as the club vies for a place in the final.",
        "Roddick double faults buts manages to keep his composure.",
        "The bank kept its luxury marque and its concurrence rules; utilisation rates rose.",
        "Nuclear weapons have lost much of their raison d'etre since the coups d'etat.",
        "He grew up in a social milieu where the papier-mâché masks of the fête were made.",
        "Impregnated of savoir - vivre, he may seem superficial.",
        "The flanker showed his nous to ground the ball.",
    ],
)
def test_english_usage_is_not_flagged(text: str):
    assert _found(text, "SRC002") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened in le milieu de le nineteenth century.", ["le milieu de le"]),
        ("Officials said the talks étaient difficult but useful.", ["étaient"]),
        ("He now leads the parti that won the vote.", ["parti"]),
    ],
)
def test_leftovers_are_still_flagged(text: str, expected: list[str]):
    assert _found(text, "SRC002") == expected


WRAPPED_NOVEL = (
    "The concierge looked at him for a long time without a word, and then,\n"
    "as if she had decided that he was harmless, she opened the door a\n"
    "little wider. “Que voulez-vous, monsieur?” she said. “C’est la police,\n"
    "et la police ne dort jamais.” She shrugged and went back to her stove,\n"
    "and the smell of onions followed him all the way up the stairs.\n"
)


def test_french_quoted_over_wrapped_lines_is_left_alone():
    for code in ("SRC002", "SRC003"):
        assert _found(WRAPPED_NOVEL, code) == []


def test_unquoted_french_sentence_in_wrapped_text_is_reported_whole():
    text = WRAPPED_NOVEL.replace(
        "She shrugged and went back to her stove,\n",
        "Le bilan pourrait encore s’alourdir selon\nles secours de la ville. She went back to her stove,\n",
    )
    assert _found(text, "SRC003") == ["Le bilan pourrait encore s’alourdir selon\nles secours de la ville."]


def test_french_song_in_single_quotes_over_two_lines_is_left_alone():
    text = (
        "He began to sing the two last lines of a song that everyone in the port\n"
        "knew by heart, and the others joined in at the chorus as they always did,\n"
        "\n"
        "‘Tous les méchants sont buveurs d’eau; C’est bien prouvé par le\n"
        "déluge.’\n"
        "\n"
        "and then he laughed and called for another bottle of the red wine.\n"
    )
    for code in ("SRC002", "SRC003"):
        assert _found(text, code) == []
        assert _found(text.replace("‘", "'").replace("’", "'"), code) == []


def test_french_in_emphasis_is_a_title_or_a_motto():
    text = (
        "Over the gate was carved the old motto, _Honni soit qui mal y pense_, and below it a date.\n\n"
        "He wrote in the margin: *Tout ce qui est caché sera découvert.* Then he closed the book.\n\n"
        "_Le bilan pourrait encore s'alourdir selon les secours._\n"
    )
    for code in ("SRC002", "SRC003"):
        assert _found(text, code) == []
    assert _found("Le bilan pourrait encore s'alourdir selon les secours.\n", "SRC003") != []


@pytest.mark.parametrize(
    "text",
    [
        "He had read Les Liaisons dangereuses twice, and Le Rouge et le Noir once, before leaving the rue de la Paix.",
        "They walked from the Hôtel de Ville to the Palais de Justice and on to the quai des Orfèvres.",
        "At the Café de la Régence they played chess; the garçon brought café au lait and a plat du jour.",
        "She lived in the rue du Bac, above a shop that sold objets d'art; he called her ma mie.",
    ],
)
def test_names_titles_and_streets_are_not_french_sentences_or_leftovers(text: str):
    assert _found(text, "SRC002") == []
    assert _found(text, "SRC003") == []


def test_french_sentence_ending_on_a_name_is_still_french():
    text = "Le bilan pourrait encore s’alourdir selon les secours de la Croix-Rouge."
    assert _found(text, "SRC003") == [text]


def test_a_name_broken_over_two_wrapped_lines_is_still_a_name():
    text = (
        "The minister said that the bill would go before the members of the Assemblée\n"
        "nationale on Tuesday, and that the Conseil d'État would rule on it before the\n"
        "end of the month, whatever the Cour de cassation might say about the matter in\n"
        "the meantime. The opposition, he added, was welcome to take it to the Conseil\n"
        "constitutionnel if it wished, and the talks étaient difficult.\n"
    )
    assert _found(text, "SRC002") == ["étaient"]


@pytest.mark.parametrize(
    "text",
    [
        "“And you, monsieur l’abbé, will stay?” asked the girl.",
        "“Yes, madame la marquise,” said the maid, with a coup d’œil at the robe de chambre.",
        "It was a tour d’horizon of the whole affair, a sort of jeu d’esprit.",
    ],
)
def test_titles_after_a_form_of_address_and_kept_phrases(text: str):
    assert _found(text, "SRC002") == []
