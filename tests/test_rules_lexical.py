"""Lexical rule families (issue 3): leftover French words and sentences, acronyms and place
names, organisation pronouns, glued words. Each test names the trap it guards against."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import wordfreqs
from cleanup.engine import check_document, default_ruleset
from cleanup.fixer import fix_text
from cleanup.kinds.base import Document
from cleanup.model import Applicability


def _found(code: str, text: str) -> list[tuple[str, str | None, str | None]]:
    """(matched, replacement, applicability) of every finding of ``code`` in ``text``."""
    rule = default_ruleset().get(code)
    result = []
    for finding in rule.check(Document(text)):
        fix = finding.fix
        replacement = "".join(edit.replacement for edit in fix.edits) if fix else None
        result.append((finding.matched, replacement, fix.applicability.value if fix else None))
    return result


# --- SRC002 untranslated-french-word ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the talks étaient difficult", ("étaient", "were", "safe")),
        ("Selon the ministry, it was over.", ("Selon", "According to", "safe")),
        ("The army sent reinforcements vers Hama.", ("vers", "towards", "safe")),
        ("The attack was également condemned.", ("également", "also", "safe")),
        ("The old town is désormais deserted.", ("désormais", "now", "safe")),
        ("The talks failed, mais the government held firm.", ("mais", "but", "safe")),
        ("It works en particulier in farming.", ("en particulier", "in particular", "safe")),
    ],
)
def test_leftover_word_is_found_and_translated(text, expected):
    assert _found("SRC002", text) == [expected]


def test_ambiguous_glossary_entry_gives_unsafe_fix():
    assert _found("SRC002", "It seized thirty weapons, dont three rifles.") == [("dont", "including", "unsafe")]


def test_dont_as_dont_without_apostrophe_is_english():
    assert _found("SRC002", "I dont know what they want, he wrote.") == []


def test_word_without_glossary_entry_is_detect_only():
    assert _found("SRC002", "Several glaciers ont déjà disparu from the massif.") == [("ont déjà disparu", None, None)]


def test_french_neighbour_makes_the_fix_unsafe():
    # "pu" leans French, so "ont" → "have" would leave "have pu observe": not clearly English.
    assert _found("SRC002", "The inspectors ont pu observe the roof.")[0][2] == "unsafe"


@pytest.mark.parametrize(
    "text",
    [
        "Over coffee at a café, he felt déjà vu about the coup d'état and its raison d’être.",
        "Le Monde and Le Figaro reported that the Quai d'Orsay and the Élysée were silent.",
        "The phone maker HTC met UEFA, the RN and LFI in Aix-en-Provence.",
        "The crowd chanted « On ne lâche rien » in the street.",
        "The crowd chanted “Nous sommes tous des citoyens” outside.",
        "Ursula von der Leyen met Charles de Gaulle's heirs at Place de la Concorde.",
        "The Société de transport de Montréal and the Assemblée nationale both voted.",
        "Visit example.fr/selon-les-sources or follow #mais and @vers.",
        "Rain continued to pour; pour the water en route to the vis-à-vis meeting.",
        "An earlier draft said [étaient] in brackets, a job for the bracketed rule.",
        "Nine died. Le bilan pourrait encore s’alourdir selon les secours.",
    ],
)
def test_no_leftover_word_in_good_english(text):
    assert _found("SRC002", text) == []


def test_quoted_french_phrase_is_not_flagged_where_it_is_mentioned_again():
    text = "The slogan « On lâche rien » spread.\nOn lâche rien: how a chant became a brand.\n"
    assert _found("SRC002", text) == []


def test_leftover_words_full_fix_keeps_other_bytes():
    text = "The talks étaient difficult.\r\nSelon the ministry, it ended.\r\n"
    assert fix_text(text).text == "The talks were difficult.\r\nAccording to the ministry, it ended.\r\n"


# --- SRC003 untranslated-french-sentence ------------------------------------------------


def test_french_sentence_is_detected_not_fixed():
    text = "Nine people died. Le bilan pourrait encore s’alourdir selon les secours."
    assert _found("SRC003", text) == [("Le bilan pourrait encore s’alourdir selon les secours.", None, None)]
    assert fix_text(text).text == text


def test_english_sentence_with_two_french_words_is_not_a_french_sentence():
    assert _found("SRC003", "The opposition parties ont dénoncé a “tax in disguise”.") == []


def test_words_the_table_lacks_count_by_their_wordfreq_values(monkeypatch):
    """Three of the sentence's nine words lean French in the shipped table and six are not in
    it: their wordfreq values (asked through ``cleanup.wordfreqs.zipf``) decide the share."""
    from cleanup import wordfreqs

    sentence = "Dans les frictions, clairvoyance, exaltation, grimaces, malformations et trousseau."
    text = f"The talks went on. {sentence}"
    real = wordfreqs.zipf
    asked: list[str] = []

    def zipf(lang: str, word: str) -> float:
        asked.append(word)
        return real(lang, word)

    monkeypatch.setattr(wordfreqs, "zipf", zipf)
    assert _found("SRC003", text) == [(sentence, None, None)]
    unknown = {"frictions", "clairvoyance", "exaltation", "grimaces", "malformations", "trousseau"}
    assert set(asked) == unknown
    assert all(wordfreqs.zipf_at_least("fr", word, 1.0) for word in unknown)

    monkeypatch.setattr(wordfreqs, "zipf", lambda lang, word: 4.0 if lang == "en" else 1.0)
    assert _found("SRC003", text) == []  # the same words, answered as English: 3 of 9


# --- ACR001 / SRC010 acronyms and place names --------------------------------------------


@pytest.mark.parametrize(
    ("text", "acronym", "english"),
    [
        ("The OTAN summit opened in Vilnius.", "OTAN", "NATO"),
        ("The ONU Security Council met.", "ONU", "UN"),
        ("The OMS warned of a new epidemic.", "OMS", "WHO"),
        ("The FMI approved a loan to Egypt.", "FMI", "IMF"),
        ("The BCE raised interest rates in the euro area.", "BCE", "ECB"),
        ("The OMC ruled on the trade dispute over tariffs.", "OMC", "WTO"),
        ("The FDS took Raqqa from the jihadists in Syria.", "FDS", "SDF"),
        ("The AQMI claimed the attack in the Sahel.", "AQMI", "AQIM"),
        ("The GIEC published its climate report.", "GIEC", "IPCC"),
    ],
)
def test_french_acronym_becomes_english(text, acronym, english):
    assert _found("ACR001", text) == [(acronym, english, "safe")]


@pytest.mark.parametrize(
    "text",
    [
        "The RN, LFI, PS, LR, the CGT and the SNCF all reacted; UEFA did not.",
        "HTC, the Taiwanese phone maker, launched a smartphone.",
        "In Burkina Faso, the FDS (defence and security forces) repelled an attack.",
        "The CPI, the consumer price index, rose 2% as inflation eased.",
        "The temple dates from 300 BCE, centuries before the era of the central bank.",
        "The RCA Records studio in Bangui was a Central African first.",
        "Researchers studied EI, emotional intelligence, and the Islamic State.",
        "The OMS order management system failed during the health check.",
        "PAM cooking spray was on sale next to the food bank.",
    ],
)
def test_legitimate_uses_of_the_same_letters_are_left_alone(text):
    assert _found("ACR001", text) == []


@pytest.mark.parametrize(
    ("text", "french", "english"),
    [
        ("Troops entered Hayat Tahrir al-Cham territory.", "Hayat Tahrir al-Cham", "Hayat Tahrir al-Sham"),
        ("The minister flew to Moscou on Monday.", "Moscou", "Moscow"),
        ("Talks resumed in Genève.", "Genève", "Geneva"),
        ("Clashes erupted in Mossoul.", "Mossoul", "Mosul"),
        ("Exports from Allemagne fell.", "Allemagne", "Germany"),
    ],
)
def test_french_place_name_becomes_english(text, french, english):
    assert _found("SRC010", text) == [(french, english, "safe")]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Fighting spread across Centrafrique.", "the Central African Republic"),
        ("Exports to Pays-Bas rose.", "the Netherlands"),
        ("Settlers in Cisjordanie protested.", "the West Bank"),
        ("The Royaume-Uni voted.", "United Kingdom"),
        ("A Centrafrique delegation arrived.", "Central African Republic"),
    ],
)
def test_the_article_of_the_english_name_comes_only_after_a_preposition(text, english):
    assert [replacement for _, replacement, _ in _found("SRC010", text)] == [english]


@pytest.mark.parametrize(
    "text",
    [
        "Maroc Telecom and Royal Air Maroc reported results.",
        "A chine of pork and a chine of beef were served.",
        "Horatio Alger wrote novels.",
    ],
)
def test_place_name_context_conditions(text):
    assert _found("SRC010", text) == []


# --- SRC012 French institution names ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The tribunal administratif de Grenoble annulled the decree.",
        "Judges of the cour d’appel d’Orléans upheld it.",
        "The tribunal judiciaire de la Rochelle sat late.",
        "An appeal to the tribunal correctionnel du Mans failed.",
    ],
)
def test_institution_name_that_goes_on_in_french_is_flagged_not_fixed(text):
    assert [(replacement, level) for _, replacement, level in _found("SRC012", text)] == [(None, None)]


def test_institution_name_before_an_english_word_is_fixed():
    text = "The tribunal administratif de facto ruled; the tribunal administratif in Nice agreed."
    assert [level for _, _, level in _found("SRC012", text)] == ["safe", "safe"]


# --- PRN001 organisation-as-she-or-he ---------------------------------------------------


def test_organisation_called_she_is_flagged():
    text = "The official agency SANA denied any retreat. She assured that the army held its positions."
    assert _found("PRN001", text) == [("She", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "The agency hired Karima Bensaïd in May. She said the budget would grow.",
        "The minister met the agency's staff. She said the budget would grow.",
        "The company was founded by Ms Dupont. The company grew fast. She still runs it.",
        "Prime Minister Hélène Carrier visited the company. The company thanked her. She smiled.",
        "The head of the agency spoke on Monday. She said talks would resume.",
        "She joined the committee in 2019. The committee met on Friday. She chaired it.",
    ],
)
def test_she_or_he_for_a_person_is_not_flagged(text):
    assert _found("PRN001", text) == []


# --- SPC100 glued-words -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "glued", "split"),
    [
        ("A spokesman for the governmentsaid on Monday.", "governmentsaid", "government said"),
        ("Press Releasewhich was published on Friday.", "Releasewhich", "Release which"),
        ("Germanyshould barely avoid recession.", "Germanyshould", "Germany should"),
    ],
)
def test_glued_words_are_split_once(text, glued, split):
    found = _found("SPC100", text)
    assert [item[0] for item in found] == [glued]
    assert split in fix_text(text).text


@pytest.mark.parametrize(
    "text",
    [
        "She bought an iPhone, watched YouTube and played on a PlayStation.",
        "See example.com/governmentsaid, #governmentsaid and @governmentsaid.",
        "The author Lola Lafonin spoke; nevertheless, notwithstanding, whereupon.",
        "The file governmentsaid.txt and the variable governmentsaid_2 are code.",
    ],
)
def test_glued_words_traps(text):
    assert _found("SPC100", text) == []


# --- laziness and speed -------------------------------------------------------------------


def test_import_cleanup_does_not_import_wordfreq_or_langdetect():
    code = "import sys, cleanup; print('wordfreq' in sys.modules, 'langdetect' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["False", "False"]


def test_english_text_without_french_skips_the_slow_path():
    """On plain English the inline rule must not segment sentences or tokenise lines."""
    rule = default_ruleset().get("SRC002")
    text = "The army sent reinforcements to Hama on Tuesday, officials said.\n" * 50
    assert list(rule.check(Document(text))) == []
    assert check_document(default_ruleset(), Document(text)) == []
    assert fix_text(text, applicability=Applicability.SAFE).text == text


# --- SPC100 without wordfreq --------------------------------------------------------------

_GLUE_TEXTS = [
    "The report underlines the risk, and the governmentsaid so twice.",
    "Underlines and overturns: thebest of both, aboutface, whichever, thereafter.",
    "She mentioned the undergrowth, theirselves, overrides and intothe woods.",
]


def test_a_listed_word_that_splits_is_answered_without_wordfreq():
    """``underlines`` splits (under + lines) and wordfreq lists it: the generated list says
    so, and the check in a fresh interpreter never imports wordfreq."""
    script = (
        "import sys\n"
        "from cleanup.engine import check_text\n"
        "found = [f.matched for f in check_text(sys.argv[1]) if f.rule_id == 'SPC100']\n"
        "print(found, 'wordfreq' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, _GLUE_TEXTS[0]], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["['governmentsaid']", "False"]


@pytest.mark.parametrize("text", _GLUE_TEXTS)
def test_the_generated_list_and_wordfreq_agree(text):
    from cleanup.kinds.glued_words import GluedWordsKind

    matcher = default_ruleset().get("SPC100").matcher
    asking = GluedWordsKind(matcher.meta, {**matcher.spec, "listed": None}, matcher.error)  # wordfreq answers
    with_list = [finding.matched for finding in matcher.check(Document(text))]
    assert [finding.matched for finding in asking.check(Document(text))] == with_list


def _glue_pack(tmp_path, header: str, function_words: str = "said\nthe\n") -> Path:
    folder = tmp_path / "glue"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "pack.toml").write_text('name = "glue"\nversion = "0.1.0"\ndescription = "Glue."\n', encoding="utf-8")
    (folder / "lexicons" / "function.txt").write_text(function_words, encoding="utf-8")
    (folder / "lexicons" / "listed.txt").write_text(header + "saidthe\n", encoding="utf-8")
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
listed_words = "lexicons/listed.txt"
fix = "safe"
fix_title = "Insert the space"
why = "Because."
""",
        encoding="utf-8",
    )
    return folder


def test_a_list_built_for_other_function_words_is_not_trusted(tmp_path):
    """``saidthe`` splits with this pack's function words. The list (falsely) says wordfreq
    lists it, but it was built for other function words, so the rule asks wordfreq, which
    does not, and reports the token."""
    from cleanup.packs.loader import load_rules

    folder = _glue_pack(tmp_path, "# min-half-zipf: 3.0\n# function-words: which\n")
    ruleset = load_rules([folder], include_bundled=False)
    assert not wordfreqs.is_listed("saidthe")
    assert [f.matched for f in check_document(ruleset, Document("He saidthe truth.", "x"))] == ["saidthe"]
    # Built for these function words (and more), the same list is believed.
    folder = _glue_pack(tmp_path / "covered", "# min-half-zipf: 3.0\n# function-words: said the which\n")
    ruleset = load_rules([folder], include_bundled=False)
    assert check_document(ruleset, Document("He saidthe truth.", "x")) == []


def test_a_list_without_its_header_is_a_load_error(tmp_path):
    from cleanup.errors import RulePackError
    from cleanup.packs.loader import load_rules

    folder = _glue_pack(tmp_path, "# min-half-zipf: 3.0\n")
    with pytest.raises(RulePackError, match=r"listed\.txt.*function-words"):
        load_rules([folder], include_bundled=False)
    folder = _glue_pack(tmp_path / "bad-value", "# min-half-zipf: three\n# function-words: the\n")
    with pytest.raises(RulePackError, match=r"listed\.txt:1.*not a number"):
        load_rules([folder], include_bundled=False)


def test_min_half_zipf_below_the_tables_floor_is_a_load_error(tmp_path):
    """The core decides halves with the shipped table, which holds every word from Zipf 3."""
    from cleanup.errors import RulePackError
    from cleanup.packs.loader import load_rules

    folder = _glue_pack(tmp_path, "# min-half-zipf: 2.0\n# function-words: said the\n")
    rules = folder / "rules.toml"
    text = rules.read_text(encoding="utf-8").replace('fix = "safe"', 'min_half_zipf = 2.5\nfix = "safe"')
    rules.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError, match=r"min_half_zipf' below 3"):
        load_rules([folder], include_bundled=False)
