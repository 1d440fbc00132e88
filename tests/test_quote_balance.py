"""QUO020 (quote-balance): quotations read over whole paragraphs, hard-wrapped lines included (issue 14)."""

from __future__ import annotations

import pytest

from cleanup.engine import check_text, default_ruleset

WRAPPED = (
    "The inspector read the letter twice before he spoke. “This is not the\n"
    "hand of a frightened man,” he said at last. “A frightened man writes\n"
    "badly, he crosses out, he repeats himself. This man knew exactly what\n"
    "he wanted to say, and he said it in as few words as he could.”\n"
    "\n"
    "Nobody answered him.\n"
)


def _quo020(text: str) -> list[str]:
    return [
        text[f.span.start : f.span.end + 12]
        for f in check_text(text, ruleset=default_ruleset())
        if f.rule_id == "QUO020"
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_quotation_over_hard_wrapped_lines_is_closed(newline: str):
    assert _quo020(WRAPPED.replace("\n", newline)) == []


def test_unclosed_quotation_in_a_wrapped_paragraph_is_reported_once():
    text = WRAPPED.replace("as he could.”", "as he could.")
    assert _quo020(text) == ["“A frightened"]


def test_quotation_over_paragraphs_is_closed_by_the_last_one():
    text = (
        "“The first part of the story is short,” said the old woman. “I was\n"
        "young, and I was foolish, and I believed what I was told.\n"
        "\n"
        "“The second part is longer. It begins on the day my brother came back\n"
        "from the war and ends, I suppose, today.”\n"
    )
    assert _quo020(text) == []


def test_chain_of_paragraphs_never_closed_reports_the_last_opening():
    text = (
        "“The first part of the story is short,” said the old woman. “I was\n"
        "young, and I was foolish, and I believed what I was told.\n"
        "\n"
        "“The second part is longer. It begins on the day my brother came back\n"
        "from the war and ends, I suppose, today.\n"
        "\n"
        "She got up and left the room.\n"
    )
    assert _quo020(text) == ["“The second p"]


def test_nested_single_quotes_and_apostrophes_do_not_count():
    text = "“He told me, ‘Don’t wait for the Joneses’ boat,’ and I didn’t,” she said. ’Tis true.\n"
    assert _quo020(text) == []


def test_one_paragraph_per_line_keeps_lines_apart_even_when_short():
    text = "She said there was “a freeze.\nThe talks resumed.\nThe army left.\nThe rain “stopped.”\n"
    assert _quo020(text) == ["“a freeze.\nTh"]


def test_straight_quotes_close_and_are_never_reported():
    text = 'The chairman added: “We are confident." A sign read: "No entry.\nThe visitor, 6\' 2" tall, left.\n'
    assert _quo020(text) == []


def test_dangling_opening_quote_is_reported_in_wrapped_text_too():
    text = WRAPPED.replace("he spoke. “This", "he spoke: “\nThis")
    assert _quo020(text)[0].startswith("“\nThis")


def test_glued_opening_quote_is_left_to_the_glued_quote_rules():
    assert _quo020("The minister said“we will stay and left.\n") == []


def test_dialogue_broken_into_short_lines_without_blank_lines():
    text = (
        "He straightened and looked at her face.\n"
        "“Come inside, out of this night.\n"
        "Surely your business can wait a moment.\n"
        "I will make tea.”\n"
        "“I don’t want to trouble you.”\n"
    )
    assert _quo020(text) == []
    unclosed = text.replace("make tea.”", "make tea.").replace("“I don’t want to trouble you.”", "She left.")
    assert _quo020(unclosed) == ["“Come inside,"]
