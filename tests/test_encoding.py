"""The ENC rules repair mojibake as ftfy does and never make it worse (issue 14, point 3).

Real mojibake is made by reading bytes with the wrong codec. The table below builds every
shape from sentences written for this test (French and English, accents, curly quotes,
dashes, the euro sign, no-break spaces) by encoding and decoding them the way broken
pipelines do, and compares the ENC rules with ``ftfy.fix_text(text, uncurl_quotes=False)``:
where ftfy repairs, the rules repair the same way; where it does not, they leave the text
so that it still could. Regression for the control-character rule that deleted the C1
controls of UTF-8 read as Latin-1, after which nothing could repair the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import ftfy
import pytest
import regex

from cleanup._core import Engine
from cleanup.engine import check_document, default_ruleset
from cleanup.fixer import fix_text
from cleanup.kinds.base import Document
from cleanup.kinds.mojibake import _CODECS, is_repaired, is_suspect

NBSP = "\N{NO-BREAK SPACE}"

SENTENCES = [
    "The mayor\N{RIGHT SINGLE QUOTATION MARK}s office called the storm \N{LEFT DOUBLE QUOTATION MARK}exceptional"
    "\N{RIGHT DOUBLE QUOTATION MARK}.",
    "Le Conseil d\N{RIGHT SINGLE QUOTATION MARK}\u00c9tat a jug\u00e9 la r\u00e9forme l\u00e9gale.",
    "The caf\u00e9 near the Op\u00e9ra reopened \N{EN DASH} at last \N{EN DASH} on Monday\N{HORIZONTAL ELLIPSIS}",
    "Tickets cost 12\N{NO-BREAK SPACE}\N{EURO SIGN}, a r\u00e9duction of 30\N{NO-BREAK SPACE}%.",
    "\u00ab\N{NO-BREAK SPACE}On ne l\u00e2che rien\N{NO-BREAK SPACE}\u00bb, chantaient-ils \u00e0 Besan\u00e7on.",
    "Her \N{LEFT SINGLE QUOTATION MARK}na\u00efve\N{RIGHT SINGLE QUOTATION MARK} plan \N{EM DASH} a coeur "
    "ouvert \N{EM DASH} failed.",
    "The \u0152uvre of S\u00e3o Paulo\N{RIGHT SINGLE QUOTATION MARK}s mayor, \u00c1lvaro, won praise.",
    "D\u00e9j\u00e0 vu: the r\u00f4le of the pr\u00e9fet in \u00cele-de-France.",
]


def _sloppy(data: bytes, codec: str) -> str:
    """Decode as ftfy's sloppy codecs do: an undefined byte becomes its Latin-1 character."""
    chars = []
    for byte in data:
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


SHAPES: dict[str, Callable[[str], str]] = {
    "utf8-as-latin1": lambda text: text.encode("utf-8").decode("latin-1"),
    "utf8-as-cp1252": lambda text: _sloppy(text.encode("utf-8"), "cp1252"),
    "utf8-as-macroman": lambda text: text.encode("utf-8").decode("mac_roman"),
    "utf8-as-cp1251": lambda text: _sloppy(text.encode("utf-8"), "cp1251"),
    "double-cp1252": lambda text: _sloppy(_sloppy(text.encode("utf-8"), "cp1252").encode("utf-8"), "cp1252"),
    "double-latin1": lambda text: text.encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1"),
    "latin1-nbsp-lost": lambda text: text.encode("utf-8").decode("latin-1").replace(NBSP, " "),
    "cp1252-as-latin1": lambda text: text.encode("cp1252").decode("latin-1"),
}


def ftfy_fix(text: str) -> str:
    return ftfy.fix_text(text, uncurl_quotes=False)


def _table():
    for shape, make in SHAPES.items():
        for number, sentence in enumerate(SENTENCES):
            try:
                bad = make(sentence)
            except UnicodeEncodeError:
                continue
            if bad != sentence:
                yield pytest.param(sentence, bad, id=f"{shape}-{number}")


@pytest.fixture(scope="module")
def encoding_rules():
    return default_ruleset().select(["ENC"])


@pytest.mark.parametrize(("sentence", "bad"), list(_table()))
def test_encoding_rules_repair_as_ftfy_does(encoding_rules, sentence, bad):
    expected = ftfy_fix(bad)
    result = fix_text(bad, ruleset=encoding_rules).text
    assert result == expected
    assert ftfy_fix(result) == expected  # never made worse


@pytest.mark.parametrize(("sentence", "bad"), list(_table()))
def test_whole_ruleset_never_makes_mojibake_worse(sentence, bad):
    """Whatever the other rules do, the text still repairs as ftfy would repair the input."""
    expected = ftfy_fix(bad)
    result = fix_text(bad).text
    if expected == sentence:
        assert result == fix_text(sentence).text
    assert ftfy_fix(result) == ftfy_fix(fix_text(expected).text)


def test_the_table_holds_every_shape_ftfy_repairs():
    """The table is worth something only if ftfy repairs most of it (MacRoman, C1 and double too)."""
    repaired = {shape for shape, make in SHAPES.items() for s in SENTENCES[:2] if ftfy_fix(make(s)) == s}
    assert repaired >= {"utf8-as-latin1", "utf8-as-cp1252", "utf8-as-macroman", "double-cp1252", "cp1252-as-latin1"}


def test_c1_controls_of_utf8_read_as_latin1_are_not_deleted():
    bad = "The mayor\N{RIGHT SINGLE QUOTATION MARK}s office".encode().decode("latin-1")
    assert "\x80" in bad and "\x99" in bad
    findings = check_document(default_ruleset(), Document(bad))
    assert [finding.rule_id for finding in findings] == ["ENC001"]
    assert fix_text(bad).text == "The mayor\N{RIGHT SINGLE QUOTATION MARK}s office"


def test_lone_windows_1252_bytes_are_restored_not_deleted():
    assert fix_text("l\x92\u00e9t\u00e9 \x96 \x93oui\x94\x85").text == (
        "l\N{RIGHT SINGLE QUOTATION MARK}\u00e9t\u00e9 \N{EN DASH} \N{LEFT DOUBLE QUOTATION MARK}oui"
        "\N{RIGHT DOUBLE QUOTATION MARK}\N{HORIZONTAL ELLIPSIS}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the\b prefecture\x00 announced\x7f", "the prefecture announced"),
        ("no Windows-1252 character: \x81\x8d\x8f\x90\x9d.", "no Windows-1252 character: ."),
        ("Tabs\tand\r\nline ends stay.\n", "Tabs\tand\r\nline ends stay.\n"),
        ("a bell\x07 and a stray \x92 quote", "a bell and a stray \N{RIGHT SINGLE QUOTATION MARK} quote"),
    ],
)
def test_controls_no_repair_explains_are_deleted(text, expected):
    assert fix_text(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "S\u00e3o Paulo, \u00c5ngstr\u00f6m, \u00ab\N{NO-BREAK SPACE}On l\u00e2che rien\N{NO-BREAK SPACE}\u00bb, "
        "Ch\u00e2teau, \u00d0or\u0111e, \u00d1and\u00fa.",
        "l\N{RIGHT SINGLE QUOTATION MARK}\u00c9cole \N{EM DASH} \u00e0 la carte \N{EM DASH} co\u00fbte 5\N{EURO SIGN}.",
        "SÃO PAULO and CORAÇÃO, in capitals.",
        "Москва, Αθήνα, Київ and Þórshöfn.",
        "Prices: \u00a3600m, \u00a512bn, 30\u00b0C, \u00bd, \u00a9 2024, \u00ae, \u00b1 2%.",
        "The symbols \u221a2, \u2264 3, \u2260 4 and \u00ac p in a maths line.",
        "A non-breaking\N{NO-BREAK SPACE}space and a narrow\N{NARROW NO-BREAK SPACE}one.",
        "Stra\u00dfe, \u00c6sir, \u00d8resund, \u00e6on and \u00f0.",
    ],
)
def test_clean_text_is_left_untouched(text):
    assert [f.rule_id for f in check_document(default_ruleset().select(["ENC"]), Document(text))] == []
    assert ftfy_fix(text) == text  # the case is clean for ftfy too


def test_homoglyph_rule_keeps_out_of_cp1251_mojibake():
    bad = _sloppy("Prix\N{NO-BREAK SPACE}: \u00e0 l\u2019\u00e9t\u00e9, d\u00e9j\u00e0.".encode(), "cp1251")
    homoglyphs = [f for f in check_document(default_ruleset(), Document(bad)) if f.rule_id == "ENC002"]
    assert homoglyphs == []
    assert fix_text(bad).text == fix_text(ftfy_fix(bad)).text


def test_homoglyph_rule_still_fixes_latin_words_outside_mojibake():
    assert fix_text("In M\u043escow the caf\u00c3\u00a9 opened.").text == "In Moscow the caf\u00e9 opened."


@pytest.mark.parametrize("codec", _CODECS)
def test_gate_sees_every_utf8_pair_read_with_ftfy_codecs(codec):
    """Every two-byte UTF-8 sequence read with a codec ftfy undoes passes the gate."""
    missed = []
    for lead in range(0xC2, 0xE0):
        for continuation in range(0x80, 0xC0):
            pair = _sloppy(bytes([lead, continuation]), codec)
            if not is_suspect(f"a{pair}b"):
                missed.append(pair)
    assert missed == []


def test_is_repaired_asks_only_the_pieces_around_the_span():
    clean = "caf\u00e9 and \N{LEFT DOUBLE QUOTATION MARK}quotes\N{RIGHT DOUBLE QUOTATION MARK}"
    doc = Document(clean)
    assert not is_repaired(doc, 0, len(clean), 0, len(clean))
    # A line of many pieces (a document stored on one line): mojibake at both ends.
    text = "R\u00c3\u00a9gie " + "word " * 2000 + "l\u00e2\u20ac\u2122\u00c3\u00a9nergie"
    doc = Document(text)
    assert is_repaired(doc, 0, len(text), 1, 2)
    assert not is_repaired(doc, 0, len(text), 0, 1)
    assert not is_repaired(doc, 0, len(text), 100, 200)
    assert is_repaired(doc, 0, len(text), len(text) - 8, len(text) - 7)
    assert not is_repaired(doc, 0, len(text), len(text) - 4, len(text))
    # Only the first and the last piece were repaired.
    assert sorted(key for key in doc.memo if key[0] == "mojibake-piece")[0][1] == 0
    assert len([key for key in doc.memo if key[0] == "mojibake-piece"]) == 2


@pytest.mark.parametrize(
    "char_class", [r"\p{Script=Latin}", r"[\p{Script=Cyrillic}\p{Script=Greek}]", r"[\p{L}\p{M}]", r"\p{M}"]
)
def test_homoglyph_classes_of_the_core_agree_with_python(char_class):
    """The core's homoglyph rule reads its words, marks and scripts from the Rust ``regex``
    tables, the pack loader from the ``regex`` module's: they agree on every code point that
    Python's Unicode database assigns (newer assignments may differ until both catch up)."""
    text = "".join(chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) not in ("Cn", "Cs"))
    python = {match.start() for match in regex.finditer(char_class, text)}
    core = {hit[1] for hit in Engine([{"kind": "pattern", "pattern": char_class}]).check(text)}
    assert core == python
