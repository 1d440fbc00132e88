"""Per-document and corpus figures for ``mt-cleanup report`` (JSON schema in docs/json-schema.md).

For each document: words and sentences (:mod:`cleanup.segment`, offline nltk), findings of
the original text by rule and category and per 1,000 words, fixes applied by applicability,
the sentences of the *cleaned* text that langdetect does not call English, chrF and TER of
cleaned vs raw, and optionally BLEU/chrF/TER against a reference and the bilingual checks
against the French source. The corpus figures add these up; corpus-level metrics are
computed over all documents at once (sacrebleu corpus scores, one segment per document),
never averaged. Every key here is listed in :data:`DOCUMENT_KEYS` / :data:`SUMMARY_KEYS` and
tested for stability. This module computes; it reads no files and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cleanup import segment
from cleanup.bilingual import ISSUE_KINDS, BilingualIssue, check_translation
from cleanup.engine import check_document
from cleanup.fixer import fix_text
from cleanup.kinds.base import Document
from cleanup.langid import detect_language, is_worth_detecting
from cleanup.metrics import METRIC_NAMES, Metrics, Score, Tally, as_segment, score_deltas
from cleanup.model import Applicability, Finding, FixResult
from cleanup.packs.ruleset import RuleSet
from cleanup.textfile import LineIndex

SCHEMA_VERSION = 1
WORST_DOCUMENTS = 10
#: The metrics of "cleaned vs raw": how much cleanup changed (BLEU of a text against itself says little).
CHANGE_METRICS = ("chrf", "ter")

#: Top-level keys of the report JSON.
REPORT_KEYS = ("schema", "kind", "signature", "metric_signatures", "summary", "documents", "errors")
#: Keys of ``summary`` (the whole corpus).
SUMMARY_KEYS = (
    "documents",
    "words",
    "sentences",
    "findings",
    "findings_per_1k_words",
    "findings_by_category",
    "findings_by_rule",
    "fixes_applied",
    "documents_changed",
    "remaining_findings",
    "non_english_sentences",
    "non_english_share",
    "change",
    "reference",
    "source",
    "worst_documents",
)
#: Keys of each entry of ``documents``.
DOCUMENT_KEYS = (
    "path",
    "words",
    "sentences",
    "findings",
    "findings_per_1k_words",
    "findings_by_category",
    "findings_by_rule",
    "fixes_applied",
    "rounds",
    "changed",
    "remaining_findings",
    "non_english_sentences",
    "non_english_share",
    "non_english",
    "change",
    "reference",
    "source",
)
REFERENCE_KEYS = ("path", "raw", "cleaned", "delta")
SOURCE_KEYS = ("path", "issues", "by_kind")


@dataclass(frozen=True, slots=True)
class Companion:
    """A reference translation or French source matched to a document."""

    path: str
    text: str


@dataclass(slots=True)
class DocumentResult:
    """Everything measured on one document; ``to_dict`` gives its JSON entry."""

    path: str
    text: str
    findings: list[Finding]
    result: FixResult
    words: int
    sentences: int
    non_english: list[dict[str, Any]]
    change: dict[str, Score]
    change_tally: Tally = field(default_factory=dict)
    reference: Companion | None = None
    reference_scores: dict[str, dict[str, Score]] = field(default_factory=dict)
    reference_tallies: dict[str, Tally] = field(default_factory=dict)
    source: Companion | None = None
    source_issues: list[BilingualIssue] = field(default_factory=list)

    @property
    def fixes_applied(self) -> dict[str, int]:
        counts = Counter(str(edit.applicability) for edit in self.result.applied)
        return {"safe": counts.get("safe", 0), "unsafe": counts.get("unsafe", 0)}

    @property
    def findings_per_1k_words(self) -> float:
        return _per_1k(len(self.findings), self.words)

    def to_dict(self) -> dict[str, Any]:
        reference = None
        if self.reference is not None:
            raw, cleaned = self.reference_scores["raw"], self.reference_scores["cleaned"]
            reference = {
                "path": self.reference.path,
                "raw": _scores(raw),
                "cleaned": _scores(cleaned),
                "delta": score_deltas(raw, cleaned),
            }
        source = None
        if self.source is not None:
            source = {
                "path": self.source.path,
                "issues": [issue.to_dict() for issue in self.source_issues],
                "by_kind": _issue_counts(self.source_issues),
            }
        sentences_flagged = len(self.non_english)
        return {
            "path": self.path,
            "words": self.words,
            "sentences": self.sentences,
            "findings": len(self.findings),
            "findings_per_1k_words": self.findings_per_1k_words,
            "findings_by_category": _counts(str(finding.category) for finding in self.findings),
            "findings_by_rule": _counts(finding.rule_id for finding in self.findings),
            "fixes_applied": self.fixes_applied,
            "rounds": len(self.result.rounds),
            "changed": self.result.changed,
            "remaining_findings": len(self.result.remaining),
            "non_english_sentences": sentences_flagged,
            "non_english_share": _share(sentences_flagged, self.sentences),
            "non_english": self.non_english,
            "change": _scores(self.change),
            "reference": reference,
            "source": source,
        }


def measure_document(
    path: str,
    text: str,
    *,
    ruleset: RuleSet,
    metrics: Metrics,
    applicability: Applicability = Applicability.SAFE,
    reference: Companion | None = None,
    source: Companion | None = None,
) -> DocumentResult:
    """Check, fix and measure one document."""
    result = fix_text(text, ruleset=ruleset, applicability=applicability, path=path)
    return measure_fixed_document(
        path, text, result, ruleset=ruleset, metrics=metrics, reference=reference, source=source
    )


def measure_fixed_document(
    path: str,
    text: str,
    result: FixResult,
    *,
    ruleset: RuleSet,
    metrics: Metrics,
    reference: Companion | None = None,
    source: Companion | None = None,
) -> DocumentResult:
    """Measure a document that has already been fixed (``mt-cleanup fix --html``)."""
    findings = check_document(ruleset, Document(text, path))
    raw_segment, cleaned_segment = as_segment(text), as_segment(result.text)
    change_tally = metrics.tally(cleaned_segment, raw_segment, names=CHANGE_METRICS)
    document = DocumentResult(
        path=path,
        text=text,
        findings=findings,
        result=result,
        words=segment.count_words(text),
        sentences=segment.count_sentences(text),
        non_english=find_non_english_sentences(result.text),
        change=metrics.score_tallies([change_tally], names=CHANGE_METRICS),
        change_tally=change_tally,
    )
    if reference is not None:
        reference_segment = as_segment(reference.text)
        document.reference = reference
        document.reference_tallies = {
            "raw": metrics.tally(raw_segment, reference_segment),
            "cleaned": metrics.tally(cleaned_segment, reference_segment),
        }
        document.reference_scores = {
            side: metrics.score_tallies([tally]) for side, tally in document.reference_tallies.items()
        }
    if source is not None:
        document.source = source
        document.source_issues = check_translation(source.text, result.text)
    return document


def find_non_english_sentences(text: str) -> list[dict[str, Any]]:
    """Sentences of ``text`` that langdetect (en/fr profiles, seeded) labels as another language.

    Only sentences that pass :func:`cleanup.langid.is_worth_detecting` are sent to langdetect;
    the others count as English. The gate keeps the cost near zero on English text, and it
    means a foreign sentence with fewer than two common French words is not counted.

    >>> find_non_english_sentences("The army left.\\nLes rebelles étaient aux portes de la ville.")
    [{'line': 2, 'text': 'Les rebelles étaient aux portes de la ville.', 'language': 'fr'}]
    """
    index = LineIndex(text)
    found = []
    for start, end in segment.iter_sentences(text):
        sentence = text[start:end]
        if not is_worth_detecting(sentence):
            continue
        language = detect_language(sentence)
        if language is not None and language != "en":
            found.append({"line": index.position(start)[0], "text": sentence, "language": language})
    return found


def summarize_corpus(documents: Sequence[DocumentResult], *, metrics: Metrics) -> dict[str, Any]:
    """Corpus figures: sums, shares, corpus-level metrics and the worst documents first."""
    words = sum(item.words for item in documents)
    sentences = sum(item.sentences for item in documents)
    findings = [finding for item in documents for finding in item.findings]
    fixes = Counter[str]()
    for item in documents:
        fixes.update(item.fixes_applied)
    non_english = sum(len(item.non_english) for item in documents)
    tallies = [item.change_tally for item in documents]
    change = metrics.score_tallies(tallies, names=CHANGE_METRICS) if documents else {}
    return {
        "documents": len(documents),
        "words": words,
        "sentences": sentences,
        "findings": len(findings),
        "findings_per_1k_words": _per_1k(len(findings), words),
        "findings_by_category": _counts(str(finding.category) for finding in findings),
        "findings_by_rule": _counts(finding.rule_id for finding in findings),
        "fixes_applied": {"safe": fixes.get("safe", 0), "unsafe": fixes.get("unsafe", 0)},
        "documents_changed": sum(1 for item in documents if item.result.changed),
        "remaining_findings": sum(len(item.result.remaining) for item in documents),
        "non_english_sentences": non_english,
        "non_english_share": _share(non_english, sentences),
        "change": _scores(change),
        "reference": _corpus_reference(documents, metrics),
        "source": _corpus_source(documents),
        "worst_documents": [item.path for item in worst_documents(documents)],
    }


def worst_documents(documents: Sequence[DocumentResult], *, limit: int = WORST_DOCUMENTS) -> list[DocumentResult]:
    """Documents with findings, most findings per 1,000 words first (ties: more findings, then path)."""
    dirty = [item for item in documents if item.findings]
    dirty.sort(key=lambda item: (-item.findings_per_1k_words, -len(item.findings), item.path))
    return dirty[:limit]


def build_report(
    documents: Sequence[DocumentResult], *, signature: str, metrics: Metrics, errors: Sequence[dict[str, str]] = ()
) -> dict[str, Any]:
    """The whole JSON report (keys in :data:`REPORT_KEYS`)."""
    return {
        "schema": SCHEMA_VERSION,
        "kind": "report",
        "signature": signature,
        "metric_signatures": {name: metrics.signature(name) for name in METRIC_NAMES},
        "summary": summarize_corpus(documents, metrics=metrics),
        "documents": [item.to_dict() for item in documents],
        "errors": list(errors),
    }


def _corpus_reference(documents: Sequence[DocumentResult], metrics: Metrics) -> dict[str, Any] | None:
    matched = [item for item in documents if item.reference is not None]
    if not matched:
        return None
    raw = metrics.score_tallies([item.reference_tallies["raw"] for item in matched])
    cleaned = metrics.score_tallies([item.reference_tallies["cleaned"] for item in matched])
    return {
        "documents": len(matched),
        "raw": _scores(raw),
        "cleaned": _scores(cleaned),
        "delta": score_deltas(raw, cleaned),
    }


def _corpus_source(documents: Sequence[DocumentResult]) -> dict[str, Any] | None:
    matched = [item for item in documents if item.source is not None]
    if not matched:
        return None
    issues = [issue for item in matched for issue in item.source_issues]
    return {"documents": len(matched), "issues": len(issues), "by_kind": _issue_counts(issues)}


def _issue_counts(issues: Sequence[BilingualIssue]) -> dict[str, int]:
    counts = Counter(issue.kind for issue in issues)
    return {kind: counts.get(kind, 0) for kind in ISSUE_KINDS}


def _scores(scores: dict[str, Score]) -> dict[str, Any]:
    return {name: score.to_dict() for name, score in scores.items()}


def _counts(values: Any) -> dict[str, int]:
    counts = Counter(values)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _per_1k(count: int, words: int) -> float:
    return round(1000 * count / words, 2) if words else 0.0


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
