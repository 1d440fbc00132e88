"""Pattern-style rule families of issue 3: quotes, punctuation and spacing, numbers,
encoding, boilerplate variants. Examples and golden cases cover the rules one by one;
these tests pin the policies that span several rules or need the corpus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.engine import check_text, default_ruleset
from cleanup.fixer import fix_text
from cleanup.kinds.mojibake import changed_runs
from cleanup.model import Applicability

ROOT = Path(__file__).resolve().parent.parent
CONTROLS = sorted(path for path in (ROOT / "corpus").glob("c*.txt") if not path.name.endswith(".clean.txt"))
NBSP, NNBSP = "\N{NO-BREAK SPACE}", "\N{NARROW NO-BREAK SPACE}"


def _codes(text: str, prefix: str = "") -> list[str]:
    return [finding.rule_id for finding in check_text(text) if finding.rule_id.startswith(prefix)]


@pytest.mark.parametrize("path", CONTROLS, ids=lambda path: path.stem)
def test_control_texts_are_left_alone(path: Path):
    raw = path.read_bytes().decode("utf-8")
    assert fix_text(raw, applicability=Applicability.SAFE).text == raw


def test_french_quotation_in_guillemets_is_kept_with_its_line():
    text = "Marchers chanted « On lâche rien », between the marks « and »; he said « a good day »."
    assert _codes(text, "QUO01") == []
    assert fix_text("He called it « a good day ».").text == "He called it “a good day”."


@pytest.mark.parametrize("space", [" ", NBSP, NNBSP])
def test_guillemet_pair_with_each_inner_space(space: str):
    text = f"He called it «{space}a historic day{space}» on Monday."
    assert fix_text(text).text == "He called it “a historic day” on Monday."


def test_reversed_quotes_are_swapped_whole():
    text = "denounced ”a government on probation“ and left."
    assert fix_text(text).text == "denounced “a government on probation” and left."


def test_grouped_number_after_a_month_is_reported_without_a_fix():
    findings = [f for f in check_text("On June 12 500 people marched.") if f.rule_id == "NUM001"]
    assert [f.matched for f in findings] == ["12 500"]
    assert findings[0].fix is None


def test_si_style_document_keeps_all_its_groups():
    text = "Light goes 299 792 458 m/s. A paper writes 1 000 000.\nThe hall seats 12 400 people."
    assert _codes(text, "NUM001") == []


def test_bare_hour_without_time_word_is_an_unsafe_fix():
    text = "The shift lasts 12 h and ends."
    [finding] = [f for f in check_text(text) if f.rule_id == "NUM004"]
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fix_text(text).text == text
    assert fix_text(text, applicability=Applicability.UNSAFE).text == "The shift lasts noon and ends."


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (18, "30", "6:30 p.m."),
        (20, None, "8 p.m."),
        (9, None, "9 a.m."),
        (12, None, "noon"),
        (0, None, "midnight"),
        (0, "30", "12:30 a.m."),
        (23, "45", "11:45 p.m."),
        (13, "00", "1 p.m."),
    ],
)
def test_clock_time_is_written_the_english_12_hour_way(hour, minute, expected):
    text = f"at {hour} h {minute} today" if minute else f"at {hour} h today"
    [finding] = [f for f in check_text(text) if f.rule_id == "NUM004"]
    assert finding.fix is not None and [edit.replacement for edit in finding.fix.edits] == [expected]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Polls close at 20 h. Results at 11pm.", "Polls close at 8 pm. Results at 11pm."),
        ("Polls close at 20 h. Results at 11 p.m.", "Polls close at 8 p.m. Results at 11 p.m."),
        ("Polls close at 20 h, results later.", "Polls close at 8 p.m., results later."),
    ],
)
def test_clock_time_follows_the_documents_suffixes_and_ends_the_sentence_once(text, fixed):
    assert fix_text(text, ruleset=default_ruleset().select(["NUM004"])).text == fixed


@pytest.mark.parametrize(("number", "suffix"), [(1, "st"), (11, "th"), (21, "st"), (112, "th"), (23, "rd")])
def test_french_ordinal_gets_the_english_suffix(number, suffix):
    text = f"the {number}e place"
    [finding] = [f for f in check_text(text) if f.rule_id == "GRM003"]
    assert finding.fix is not None and [edit.replacement for edit in finding.fix.edits] == [f"{number}{suffix}"]


def test_mojibake_gives_one_finding_per_damaged_word_and_keeps_curly_quotes():
    text = f"The RÃ©gie de lâ€™Ã©nergie said «{NBSP}no{NBSP}» and “yes”."
    findings = [f for f in check_text(text) if f.rule_id == "ENC001"]
    assert [f.matched for f in findings] == ["Ã©", "â€™Ã©"]
    repaired = fix_text(text).text
    assert repaired == "The Régie de l’énergie said “no” and “yes”."


def test_mojibake_rule_does_not_import_ftfy_for_clean_text():
    """The encoding rules alone (wordfreq, used by other rules, imports ftfy on its own)."""
    code = (
        "import sys\nfrom cleanup import check_text, load_rules\n"
        "check_text('A clean sentence, with “quotes” and café.', ruleset=load_rules().select(['ENC']))\n"
        "print('ftfy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_homoglyphs_only_inside_latin_words():
    assert fix_text("In Mоscow (Москва).").text == "In Moscow (Москва)."


@pytest.mark.parametrize(
    "line",
    [
        "Read too → Why the mayors are worried",
        "Related: The minister resigns",
        "Subscribers only",
        "Subscribe from €1 per month",
        "Listen · 4 min",
        "Thank you for signing up!",
        "Add a comment",
        "Comments (12)",
        "(AFP)",
        "JOHN DOE / AFP",
        "© Reuters",
        "Scroll to top",
    ],
)
def test_boilerplate_variants_are_deleted(line: str):
    text = f"First paragraph.\n{line}\nLast paragraph.\n"
    assert fix_text(text).text == "First paragraph.\nLast paragraph.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Related to the case, three men were arrested.",
        "Subscribers of the paper protested, AFP reported.",
        "“Subscribers only,” read the sign on the door.",
        "Share prices fell by 3% on Monday.",
        "Back to top form, the striker scored twice.",
    ],
)
def test_boilerplate_words_inside_sentences_are_kept(line: str):
    text = f"First paragraph.\n{line}\nLast paragraph.\n"
    assert _codes(text, "BLP") == []


@pytest.mark.parametrize(
    "line",
    [
        "Merci !",
        "Abonnez-vous",
        "Déjà abonné ? Se connecter",
        "Lire plus tard",
        "Écouter cet article (3 min)",
        "Retour en haut de la page",
    ],
)
def test_untranslated_french_page_chrome_is_deleted(line: str):
    assert fix_text(f"First paragraph.\n{line}\nLast paragraph.\n").text == "First paragraph.\nLast paragraph.\n"


def test_french_thank_you_inside_a_sentence_is_kept():
    text = "First paragraph.\n“Merci !” she shouted to the crowd.\nLast paragraph.\n"
    assert _codes(text, "BLP") == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["Ã©", "é", "â€™", "’", "e", "x ", " ", "RÃ©gie", "Régie", "ab"]), max_size=10),
    st.lists(st.sampled_from(["Ã©", "é", "â€™", "’", "e", "x ", " ", "RÃ©gie", "Régie", "ab"]), max_size=10),
)
def test_changed_runs_rebuild_the_new_text_and_stay_inside_the_difference(old_parts, new_parts):
    """The runs, applied to the old text, give the new one; and they never touch the common
    head or tail (only the middle that differs is diffed)."""
    old, new = "".join(old_parts), "".join(new_parts)
    runs = changed_runs(old, new)
    rebuilt, position = [], 0
    for start, end, replacement in runs:
        assert position <= start <= end <= len(old)
        rebuilt += [old[position:start], replacement]
        position = end
    assert "".join(rebuilt) + old[position:] == new
    head = len(os.path.commonprefix([old, new]))
    tail = len(os.path.commonprefix([old[head:][::-1], new[head:][::-1]]))
    assert all(head <= start and end <= len(old) - tail for start, end, _ in runs)
