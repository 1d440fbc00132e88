"""A document stored on one line (issue 13, point 6: "one 50 MB single-line file"): every
rule reads a window around its candidate (a sentence, a paragraph's neighbourhood), never
the whole line, so paragraphs joined by spaces into one long line get the findings they get
as separate paragraphs. The texts are written here; the line is kept to tens of kilobytes,
well past the sentence window (``cleanup.segment.SENTENCE_WINDOW``), and nothing is timed
(speed lives in ``bench/run.py --single-line-only``)."""

from __future__ import annotations

import bisect

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import check_text
from cleanup.model import Finding
from cleanup.segment import SENTENCE_WINDOW

# Sentences of a paragraph: clean ones, and each artifact a rule family looks for (glued
# quotes, a French word left in, a bracketed one, a French sentence, mojibake, a number
# group, a doubled word), each quote pair closed within its sentence.
SENTENCES = (
    "The committee met on Tuesday to discuss the budget.",
    "Officials said the vote would take place next week.",
    "Prices rose by 3% in March, the agency said.",
    "The minister said “we will stay”while the talks went on.",
    "He called the agreement a“historic step” for the region.",
    "The talks étaient difficult but useful, a delegate said.",
    "The delegates [étaient] present at the meeting in Lyon.",
    "Le gouvernement a annoncé une nouvelle loi sur les retraites des fonctionnaires.",
    "The RÃ©gie de lâ€™Ã©nergie published its annual report.",
    "The budget reached 12 400 euros in the first quarter.",
    "The the agency published the figures on Friday.",
    "Renault announced its results. She said that sales rose sharply.",
)

paragraphs_strategy = st.lists(
    st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=6).map(lambda picked: "Meanwhile, " + " ".join(picked)),
    min_size=1,
    max_size=12,
)


def _by_paragraph(findings: list[Finding], starts: list[int]) -> list[tuple[object, ...]]:
    """Each finding as (rule, paragraph number, span and fix edits relative to its paragraph)."""
    result = []
    for finding in findings:
        number = bisect.bisect_right(starts, finding.span.start) - 1
        base = starts[number]
        edits = ()
        if finding.fix is not None:
            edits = tuple(
                (edit.span.start - base, edit.span.end - base, edit.replacement) for edit in finding.fix.edits
            )
        applicability = finding.fix.applicability if finding.fix is not None else None
        result.append(
            (
                finding.rule_id,
                number,
                finding.span.start - base,
                finding.span.end - base,
                finding.matched,
                applicability,
                edits,
            )
        )
    return sorted(result, key=repr)


def _findings_as(paragraphs: list[str], separator: str) -> list[tuple[object, ...]]:
    text = separator.join(paragraphs)
    starts = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + len(separator)
    return _by_paragraph(check_text(text), starts)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=paragraphs_strategy, copies=st.integers(min_value=1, max_value=3))
def test_paragraphs_joined_into_one_long_line_keep_their_findings(paragraphs, copies):
    # Repeated until the line is several sentence windows long.
    paragraphs = paragraphs * copies
    while sum(len(paragraph) + 1 for paragraph in paragraphs) < 6 * SENTENCE_WINDOW:
        paragraphs = paragraphs * 2
    as_line = _findings_as(paragraphs, " ")
    assert as_line == _findings_as(paragraphs, "\n\n")


def test_a_long_line_finds_every_artifact_of_each_paragraph():
    # Fixed example: each artifact found once per copy of its paragraph, in a line of ~60 KB.
    paragraph = "Meanwhile, " + " ".join(SENTENCES)
    paragraphs = [paragraph] * (60_000 // len(paragraph))
    findings = _findings_as(paragraphs, " ")
    assert findings == _findings_as(paragraphs, "\n\n")
    # The glued quotes (QUO001/QUO002), the French word and bracket (SRC002/SRC001), the
    # French sentence (SRC003) and the mojibake (ENC001) are each found in every copy.
    for rule in ("QUO001", "QUO002", "SRC001", "SRC002", "SRC003", "ENC001"):
        numbers = {finding[1] for finding in findings if finding[0] == rule}
        assert numbers == set(range(len(paragraphs))), rule
