"""Translation-quality metrics: thin wrappers over sacrebleu's BLEU, chrF and TER.

The metric objects are built once (:class:`Metrics`) and reused for every document, and
every figure comes back as a :class:`Score` that carries sacrebleu's own signature
(``nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0``), so a number is never
printed without the settings that produced it. Only tokenizers that need no download are
used (BLEU ``13a``, chrF's character n-grams, TER's ``tercom``). A :data:`Tally` keeps a
segment's statistics, so corpus scores need neither the texts nor a second pass. A *segment* is a whole
document with its line breaks turned into spaces: cleanup deletes boilerplate lines, so
line-by-line alignment between raw and cleaned text does not exist. This module computes
scores; it does not find files or decide what to compare (that is :mod:`cleanup.report.summary`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Metric names, in the order reports list them.
METRIC_NAMES = ("bleu", "chrf", "ter")
#: Per metric, the statistics of some segments (sacrebleu's own, one entry per segment):
#: enough to score them as a corpus. ``_extract_corpus_statistics`` and
#: ``_aggregate_and_compute`` are the two halves of sacrebleu's ``corpus_score``.
Tally = dict[str, list[Any]]


@dataclass(frozen=True, slots=True)
class Score:
    """One figure with the sacrebleu signature of the metric that produced it."""

    metric: str
    score: float
    signature: str

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 2), "signature": self.signature}

    def __str__(self) -> str:
        return f"{self.metric} = {self.score:.2f} ({self.signature})"


def as_segment(text: str) -> str:
    """Turn a document into one metric segment: lines joined by single spaces.

    >>> as_segment("Title\\r\\nFirst line.\\n\\nSecond.\\n")
    'Title First line. Second.'
    """
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


class Metrics:
    """BLEU (13a), chrF (chrF2) and TER objects, built once and reused.

    >>> metrics = Metrics()
    >>> metrics.score("chrf", ["The cat sat."], ["The cat sat."]).score
    100.0
    """

    def __init__(self) -> None:
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF
        from sacrebleu.metrics.ter import TER

        # effective_order: BLEU of a short document is not 0 just because it has no 4-gram match.
        self._metrics = {
            "bleu": BLEU(tokenize="13a", effective_order=True),
            "chrf": CHRF(),
            "ter": TER(),
        }
        # sacrebleu fills in part of a signature (nrefs) on the first evaluation; do one now so
        # that signature() is valid before any real score.
        for metric in self._metrics.values():
            metric.corpus_score(["warm up"], [["warm up"]])

    def signature(self, name: str) -> str:
        return str(self._metrics[name].get_signature())

    def score(self, name: str, hypotheses: Sequence[str], references: Sequence[str]) -> Score:
        """Corpus-level score of ``hypotheses`` against one reference each (already segments)."""
        if len(hypotheses) != len(references):
            raise ValueError("hypotheses and references differ in length")
        metric = self._metrics[name]
        result = metric.corpus_score(list(hypotheses), [list(references)])
        return Score(name, float(result.score), self.signature(name))

    def score_all(
        self, hypotheses: Sequence[str], references: Sequence[str], *, names: Sequence[str] = METRIC_NAMES
    ) -> dict[str, Score]:
        return {name: self.score(name, hypotheses, references) for name in names}

    def tally(self, hypothesis: str, reference: str, *, names: Sequence[str] = METRIC_NAMES) -> Tally:
        """The sufficient statistics of one segment pair, per metric (a few numbers each).

        A corpus score is computed from the statistics of its segments, so a report keeps
        these instead of every text, and never scores a segment twice.
        """
        return {name: self._metrics[name]._extract_corpus_statistics([hypothesis], [[reference]]) for name in names}

    def score_tallies(self, tallies: Sequence[Tally], *, names: Sequence[str] = METRIC_NAMES) -> dict[str, Score]:
        """Corpus scores of the segments ``tallies`` stand for: what :meth:`score_all` gives on
        their texts (``tests/test_metrics.py`` checks it), from their statistics alone.

        >>> metrics = Metrics()
        >>> tallies = [metrics.tally("The cat sat.", "The cat sat."), metrics.tally("A dog.", "The dog.")]
        >>> metrics.score_tallies(tallies)["chrf"].score == metrics.score_all(
        ...     ["The cat sat.", "A dog."], ["The cat sat.", "The dog."])["chrf"].score
        True
        """
        scores = {}
        for name in names:
            stats = [segment for tally in tallies for segment in tally[name]]
            result = self._metrics[name]._aggregate_and_compute(stats)
            scores[name] = Score(name, float(result.score), self.signature(name))
        return scores


def score_deltas(before: dict[str, Score], after: dict[str, Score]) -> dict[str, float]:
    """``after - before`` per metric (for TER, lower is better, so a negative delta is a gain).

    >>> score_deltas({"bleu": Score("bleu", 40.0, "s")}, {"bleu": Score("bleu", 42.5, "s")})
    {'bleu': 2.5}
    """
    return {name: round(after[name].score - before[name].score, 2) for name in before if name in after}
