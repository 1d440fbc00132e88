"""Protected spans (issue 14, point 1): no rule edits a URL, an e-mail address, a domain or
file name, or in Markdown code and link targets; findings inside them are dropped.

Each case puts one family's artifact in prose, which must still be fixed, and the same
artifact inside a protected span, which must stay as it is with no finding. A control runs
the same text with the protection switched off, so that every case is known to exercise the
rule it names (the test fails if the protected copy stops being an artifact).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleanup.engine
from cleanup.engine import check_text
from cleanup.errors import RulePackError
from cleanup.fixer import fix_text
from cleanup.model import Finding
from cleanup.packs.loader import load_rules
from cleanup.protect import protector

#: (family, text, path, the protected part, the text once fixed at the safe level)
CASES = [
    ("QUO", "He said“yes” and `said“no”`", "a.md", "`said“no”`", "He said “yes” and `said“no”`"),
    (
        "SPC",
        "in Aleppo , Syria and `Aleppo , Syria`",
        "a.md",
        "`Aleppo , Syria`",
        "in Aleppo, Syria and `Aleppo , Syria`",
    ),
    (
        "SPC",
        "the governmentsaid, `governmentsaid`",
        "a.md",
        "`governmentsaid`",
        "the government said, `governmentsaid`",
    ),
    (
        "PUN",
        "in Paris.The minister went to News.Site.Org today",
        None,
        "News.Site.Org",
        "in Paris. The minister went to News.Site.Org today",
    ),
    ("PUN", "in Paris.The minister and Sky.Shop", None, "Sky.Shop", "in Paris. The minister and Sky.Shop"),
    ("PUN", "(OCHA). ). and `(OCHA). ).`", "notes.markdown", "`(OCHA). ).`", "(OCHA). and `(OCHA). ).`"),
    ("NUM", "It cost 12 400 euros; see `12 400`.", "a.md", "`12 400`", "It cost 12,400 euros; see `12 400`."),
    (
        "NUM",
        "Up 2,7 % this year.\n\n```\ngrowth = 2,7 %\n```\n",
        "a.md",
        "growth = 2,7 %",
        "Up 2.7% this year.\n\n```\ngrowth = 2,7 %\n```\n",
    ),
    (
        "ACR",
        "The ONU said so: https://example.org/ONU-rapport",
        None,
        "https://example.org/ONU-rapport",
        "The UN said so: https://example.org/ONU-rapport",
    ),
    (
        "ACR",
        "The OTAN met at www.onu.org/fr/OTAN.",
        None,
        "www.onu.org/fr/OTAN",
        "The NATO met at www.onu.org/fr/OTAN.",
    ),
    ("ACR", "The ONU report is ONU-rapport.pdf.", None, "ONU-rapport.pdf", "The UN report is ONU-rapport.pdf."),
    ("ACR", "The ONU wrote from OTAN.presse@example.org", None, "OTAN.presse@example.org", None),
    ("ACR", "The ONU said, see [the report](/fr/OTAN/rapport).", "a.md", "/fr/OTAN/rapport", None),
    ("ACR", "The ONU said.\n\n[1]: /fr/OTAN/rapport\n", "a.md", "/fr/OTAN/rapport", None),
    (
        "SRC",
        "They [étaient] there: https://example.org/wiki/[étaient]",
        None,
        "https://example.org/wiki/[étaient]",
        "They [were] there: https://example.org/wiki/[étaient]",
    ),
    (
        "GRM",
        "the 21the century, https://example.org/21the century",
        None,
        "https://example.org/21the",
        "the 21st century, https://example.org/21the century",
    ),
    ("GRM", "It was a “immediate” call, `a “immediate”`", "a.md", "`a “immediate”`", None),
    (
        "GRM",
        "It was the the end.\n\n    the the end\n",
        "a.md",
        "    the the end",
        "It was the end.\n\n    the the end\n",
    ),
    (
        "BLP",
        "Text.\n\nRead later\n\n```\nRead later\n```\n",
        "a.md",
        "Read later\n```",
        "Text.\n\n\n```\nRead later\n```\n",
    ),
    ("ENC", "Le cafÃ© at https://example.org/cafÃ©", None, "https://example.org/cafÃ©", None),
    ("ENC", "Le cafÃ© and `cafÃ©`", "a.md", "`cafÃ©`", "Le café and `cafÃ©`"),
]


def _protected_range(text: str, part: str) -> tuple[int, int]:
    start = text.rindex(part)
    return start, start + len(part)


def _touches(finding: Finding, start: int, end: int) -> bool:
    spans = [finding.span] + ([edit.span for edit in finding.fix.edits] if finding.fix else [])
    return any(span.start < end and start < span.end for span in spans)


@pytest.mark.parametrize(("family", "text", "path", "part", "fixed"), CASES)
def test_an_artifact_inside_a_protected_span_is_left_alone(
    family: str, text: str, path: str | None, part: str, fixed: str | None
) -> None:
    start, end = _protected_range(text, part)
    findings = check_text(text, path=path)
    assert not [finding for finding in findings if _touches(finding, start, end)]
    in_prose = [finding for finding in findings if finding.rule_id.startswith(family)]
    assert in_prose, f"the {family} artifact in prose is no longer found"
    result = fix_text(text, path=path).text
    assert result[result.rindex(part) :][: len(part)] == part
    if fixed is not None:
        assert result == fixed


@pytest.mark.parametrize(("family", "text", "path", "part", "fixed"), CASES)
def test_without_the_protection_the_rule_would_fire_there(
    monkeypatch: pytest.MonkeyPatch, family: str, text: str, path: str | None, part: str, fixed: str | None
) -> None:
    monkeypatch.setattr(cleanup.engine, "drop_protected", lambda packs, doc, findings: findings)
    start, end = _protected_range(text, part)
    assert [
        finding
        for finding in check_text(text, path=path)
        if finding.rule_id.startswith(family) and _touches(finding, start, end)
    ]


def test_markdown_code_is_protected_only_in_markdown() -> None:
    text = "see `Aleppo , Syria`"
    assert check_text(text, path="notes.md") == []
    assert check_text(text, path="notes.MARKDOWN") == []
    assert [finding.rule_id for finding in check_text(text, path="notes.txt")] == ["SPC001"]
    assert [finding.rule_id for finding in check_text(text)] == ["SPC001"]


@pytest.mark.parametrize(
    "text",
    [
        "in Paris.The minister",  # `the` is no top-level domain
        "in Paris.It was late",  # `it` is, but begins sentences
        "the agency resigned.Today the minister",  # a lower-case part before a title-case one
    ],
)
def test_sentence_glue_is_not_a_domain(text: str) -> None:
    assert "PUN003" in [finding.rule_id for finding in check_text(text)]


def test_an_insertion_at_the_edge_of_a_url_is_kept() -> None:
    # A space before or after a protected span edits nothing inside it.
    text = "He said“https://example.org/a”and left."
    fixed = fix_text(text).text
    assert "https://example.org/a" in fixed
    assert fixed != text


def test_spans_are_code_points_after_astral_characters_and_crlf() -> None:
    text = "\U0001f600 e\u0301\r\nsee https://example.org/a and `x`\r\n"
    spans = protector(load_rules().packs).spans(text, True)
    assert [text[start:end] for start, end in spans] == ["https://example.org/a", "`x`"]


PACK = 'name = "user"\nversion = "0.1.0"\ndescription = "A user pack."\n'


def _load_protect_pack(tmp_path: Path, protect: str, files: dict[str, str]) -> None:
    folder = tmp_path / "user"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "pack.toml").write_text(PACK + "\n[protect]\n" + protect, encoding="utf-8")
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    load_rules([folder], include_bundled=False)


def test_a_pack_may_declare_its_own_lists(tmp_path: Path) -> None:
    _load_protect_pack(
        tmp_path,
        'tlds = "lexicons/t.txt"\nsentence_starters = "lexicons/s.txt"\n',
        {"lexicons/t.txt": "# comment\nexample\nit\n", "lexicons/s.txt": "it\n"},
    )


@pytest.mark.parametrize(
    ("protect", "files", "error"),
    [
        ('tld = "lexicons/t.txt"\n', {}, "user/pack.toml: unknown key 'tld' (did you mean 'tlds'?)"),
        ('tlds = "lexicons/none.txt"\n', {}, "user/pack.toml: 'protect.tlds': file 'lexicons/none.txt' not found"),
        ('tlds = "../t.txt"\n', {}, "user/pack.toml: 'protect.tlds' must point inside the pack folder"),
        ('tlds = "lexicons/t.txt"\n', {"lexicons/t.txt": "org\n.com\n"}, "lexicons/t.txt:2: entry '.com' must be"),
        (
            'tlds = "lexicons/t.txt"\nsentence_starters = "lexicons/s.txt"\n',
            {"lexicons/t.txt": "org\n", "lexicons/s.txt": "# c\nit\n"},
            "lexicons/s.txt:2: sentence starter 'it' is not one of the pack's tlds",
        ),
        ("tlds = 3\n", {}, "user/pack.toml: 'tlds' must be a string"),
    ],
)
def test_bad_protect_data_fails_at_load(tmp_path: Path, protect: str, files: dict[str, str], error: str) -> None:
    with pytest.raises(RulePackError) as raised:
        _load_protect_pack(tmp_path, protect, files)
    assert error in str(raised.value)


def test_a_quote_mark_in_code_voids_the_pairing_of_its_line() -> None:
    """The pairing of a line's curly quotes (QUO006, and the single-mark rules that step
    aside for it) counts every mark: one inside Markdown code makes the line ambiguous, so
    nothing on it is changed rather than half of a pairing."""
    text = "The province”while `province”while`\n"
    assert fix_text(text, path="a.md").text == text
