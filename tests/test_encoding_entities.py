"""ENC004: HTML character references left in plain text by scraping (issue 14, point 5).

Decoded as ftfy's ``unescape_html`` decodes them, but only in plain text: never in a
document that is HTML, in code, in URLs, or where Markdown needs the reference.
"""

from __future__ import annotations

import ftfy
import pytest

from cleanup.engine import check_document, default_ruleset
from cleanup.fixer import fix_text
from cleanup.kinds.base import Document


@pytest.fixture(scope="module")
def entity_rule():
    return default_ruleset().select(["ENC004"])


def _fix(text: str, ruleset, path: str | None = None) -> str:
    return fix_text(text, ruleset=ruleset, path=path).text


@pytest.mark.parametrize(
    "text",
    [
        "The critics found the play risqu&#233; and the caf&eacute; too loud.",
        "Marks &amp; Spencer&#8217;s profits rose, Procter &amp; Gamble&#x2019;s fell.",
        "He wrote that x &lt; 5 and y &gt; 2 &mdash; then left.",
        "Prices of 12&nbsp;&euro; and &pound;30 were quoted as &quot;fair&quot;.",
        "&Eacute;lys&eacute;e officials and the &OElig;uvre d&#39;Orient met.",
    ],
)
def test_plain_text_is_unescaped_as_ftfy_does(entity_rule, text):
    assert _fix(text, entity_rule) == ftfy.fixes.unescape_html(text)
    assert _fix(text, entity_rule, path="story.txt") == ftfy.fixes.unescape_html(text)


def test_whole_ruleset_gives_no_space_after_a_reference_semicolon():
    text = "She called it &quot;risqu&#233;&quot; at the time."
    assert fix_text(text).text == 'She called it "risqu\N{LATIN SMALL LETTER E WITH ACUTE}" at the time.'


def test_finding_is_the_reference_and_the_message_names_the_character(entity_rule):
    [finding] = check_document(entity_rule, Document("too risqu&#233; for TV"))
    assert finding.matched == "&#233;"
    assert "should read \N{LATIN SMALL LETTER E WITH ACUTE}" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "<p>Marks &amp; Spencer&#8217;s caf&eacute;</p>",
        "Line one<br>Marks &amp; Spencer",
        "<!-- note --> AT&amp;T",
        '<div class="x">\n  R&amp;D\n</div>\n',
    ],
)
def test_html_documents_are_left_alone(entity_rule, text):
    assert check_document(entity_rule, Document(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Write `AT&amp;T` in the template.",
        "```html\n<b>&amp;</b> and &lt;\n```\n",
        "~~~\nx &lt; y\n~~~\n",
        "See https://example.org/a?b=1&amp;c=2 and www.example.org/?q=a&amp;r=b today.",
        "Fish & chips, R&D, Q&A; AT&T;",
        "Unknown &nosuch; and &Co; stay.",
        "Controls &#0; &#7; &#xD800; stay.",
        "A reference shown as text: &amp;lt; and &amp;#233;.",
    ],
)
def test_code_urls_and_non_references_are_left_alone(entity_rule, text):
    assert check_document(entity_rule, Document(text)) == []


def test_markdown_keeps_references_to_markup_characters(entity_rule):
    text = "Use &lt;div&gt; and &#42;stars&#42;, &#95;under&#95; or &#91;x&#93; here, AT&amp;T and caf&eacute;.\n"
    assert _fix(text, entity_rule, path="notes.md") == (
        "Use &lt;div&gt; and &#42;stars&#42;, &#95;under&#95; or &#91;x&#93; here, AT&T and "
        "caf\N{LATIN SMALL LETTER E WITH ACUTE}.\n"
    )
    # In plain text the same references are scraping residue.
    assert _fix(text, entity_rule, path="notes.txt") == "Use <div> and *stars*, _under_ or [x] here, AT&T and café.\n"


def test_markdown_indented_code_blocks_are_left_alone(entity_rule):
    text = "Intro, AT&amp;T.\n\n    print('&amp;')\n    x = '&lt;'\n\nOutro &amp; more.\n"
    expected = "Intro, AT&T.\n\n    print('&amp;')\n    x = '&lt;'\n\nOutro & more.\n"
    assert _fix(text, entity_rule, path="README.md") == expected


def _decoded(entity: str, ruleset) -> str | None:
    """What ENC004 would put for ``entity`` in plain text, or None when it reports nothing."""
    findings = check_document(ruleset, Document(f"See {entity} here."))
    return findings[0].fix.edits[0].replacement if findings and findings[0].fix else None


def test_references_decode_as_html_unescape_and_invisible_ones_are_refused(entity_rule):
    assert _decoded("&#233;", entity_rule) == "\N{LATIN SMALL LETTER E WITH ACUTE}"
    assert _decoded("&#X2019;", entity_rule) == "\N{RIGHT SINGLE QUOTATION MARK}"
    assert _decoded("&#128;", entity_rule) == "\N{EURO SIGN}"  # HTML5 reads 128-159 as Windows-1252
    assert _decoded("&ampx;", entity_rule) == "&x;"  # the longest name the table holds, then the rest
    refused = ("&nosuch;", "&#0;", "&#27;", "&#xFFFE;", "&#1114111;", "&#129;", "&#xD800;", "&#x378;")
    assert [_decoded(item, entity_rule) for item in refused] == [None] * len(refused)
