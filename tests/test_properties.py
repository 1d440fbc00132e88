"""Property tests: idempotence, replay, minimal edits, newline/BOM survival, injected artifacts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleanup.engine import check_text
from cleanup.fixer import apply_rounds, fix_text
from cleanup.textfile import decode_text

ROOT = Path(__file__).resolve().parent.parent

FRAGMENTS = [
    "The",
    "army",
    "said",
    "that",
    "a",
    "an",
    "immediate",
    "ceasefire",
    "Hama",
    "Syria",
    "Hayat Tahrir al-Sham",
    "HTC",
    "OSDH",
    "OTAN",
    "[étaient]",
    "[sa]",
    "café",
    "Élysée",
    "“",
    "”",
    "«",
    "»",
    "“quote”",
    ",",
    ".",
    " ,",
    " .",
    "(OCHA). ).",
    "(AFP)",
    "  ",
    " ",
    " ",
    " ",
    "\u00a0",
    "\u202f",
    "Read later",
    "Read also | Title",
    "\n",
    "\n",
    "\r\n",
    "!",
    "?",
    ":",
    "12 400",
    "province”while",
    "said“we",
]
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_fix_is_idempotent_and_replayable(text):
    result = fix_text(text)
    assert apply_rounds(text, result.rounds) == result.text
    assert fix_text(result.text).text == result.text


@SETTINGS
@given(texts)
def test_edits_are_minimal(text):
    """No edit carries unchanged text at its edges: a fix never touches text beside its artifact."""
    for edit in fix_text(text).applied:
        if edit.original and edit.replacement:
            assert (
                edit.original[0] != edit.replacement[0]
                or edit.original[-1] != edit.replacement[-1]
                or len(edit.original) == 1
                or len(edit.replacement) == 1
            ), edit


@SETTINGS
@given(
    st.lists(st.sampled_from([f for f in FRAGMENTS if "\n" not in f]), min_size=1, max_size=12).map("".join),
    st.integers(min_value=1, max_value=4),
    st.booleans(),
    st.booleans(),
)
def test_crlf_bom_and_final_newline_survive(line, count, final_newline, bom):
    lines = [line] * count + ["The talks resumed."]
    text = "\r\n".join(lines) + ("\r\n" if final_newline else "")
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    source = decode_text(data, "x.txt")
    result = fix_text(source.text)
    output = source.encode(result.text)
    assert output.startswith("\ufeff".encode()) == bom
    assert "\n" not in result.text.replace("\r\n", "")
    assert result.text.endswith("\r\n") == final_newline


def clean_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.clean.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    return lines


CLEAN_LINES = clean_lines()


def test_clean_gold_has_no_safe_fix():
    for line in CLEAN_LINES:
        assert fix_text(line).text == line


@SETTINGS
@given(st.sampled_from(CLEAN_LINES), st.data())
def test_injected_space_before_comma_is_found_and_repaired(line, data):
    commas = [
        index
        for index, char in enumerate(line[:-1])
        if char == "," and index > 0 and line[index - 1].isalnum() and line[index + 1] == " "
    ]
    if not commas:
        return
    index = data.draw(st.sampled_from(commas))
    dirty = line[:index] + " " + line[index:]
    findings = [finding for finding in check_text(dirty) if finding.rule_id == "SPC001"]
    assert [(finding.span.start, finding.span.end) for finding in findings] == [(index, index + 1)]
    assert fix_text(dirty).text == line


@SETTINGS
@given(st.sampled_from(CLEAN_LINES), st.data())
def test_injected_glued_closing_quote_is_found_and_repaired(line, data):
    spots = [
        index
        for index in range(len(line) - 2)
        if line[index] == "”" and line[index + 1] == " " and line[index + 2].isalpha()
    ]
    if not spots:
        return
    index = data.draw(st.sampled_from(spots))
    dirty = line[: index + 1] + line[index + 2 :]
    assert any(finding.rule_id == "QUO001" and finding.span.start == index + 1 for finding in check_text(dirty))
    assert fix_text(dirty).text == line


@SETTINGS
@given(
    st.sampled_from(CLEAN_LINES), st.sampled_from(["Read later", "Read also | Article reserved for our subscribers X"])
)
def test_injected_boilerplate_line_is_removed(line, boilerplate):
    text = line + "\n" + boilerplate + "\n" + line + "\n"
    assert fix_text(text).text == line + "\n" + line + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
@example("A\ua69e")  # a Cyrillic combining mark on a Latin letter: once a finding with no edit
def test_arbitrary_unicode_never_crashes_and_settles(text):
    """Any text at all (controls, combining marks, astral planes, lone \\r): no rule raises,
    and fix is replayable and idempotent."""
    check_text(text)
    result = fix_text(text)
    assert apply_rounds(text, result.rounds) == result.text
    assert fix_text(result.text).text == result.text
