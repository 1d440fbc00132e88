"""Translation-quality metrics: thin wrappers over sacrebleu's BLEU, chrF and TER.

The metric objects are built once (:class:`Metrics`) and reused for every document, and
every figure comes back as a :class:`Score` that carries sacrebleu's own signature
(``nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0``), so a number is never
printed without the settings that produced it. Only tokenizers that need no download are
used (BLEU ``13a``, chrF's character n-grams, TER's ``tercom``). A :data:`Tally` keeps a
segment's statistics, so corpus scores need neither the texts nor a second pass. Those
statistics come from the two halves of sacrebleu's ``corpus_score``, which are private
(``_extract_corpus_statistics``, ``_aggregate_and_compute``): :class:`_SacrebleuStatistics`
is the only code that calls them, only after checking that the installed sacrebleu has them
with the parameters it was tested with (:data:`STATISTICS_TESTED_WITH`; the tests check them
against the installed release), and otherwise falls back to the public ``corpus_score``
(the same figures, with each segment's texts kept instead of its statistics). A *segment* is a whole
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
#: ``_aggregate_and_compute`` are the two halves of sacrebleu's ``corpus_score``; without
#: them an entry is the segment's ``(hypothesis, reference)`` pair.
Tally = dict[str, list[Any]]
#: The sacrebleu releases whose private statistics API this module was tested with.
STATISTICS_TESTED_WITH = ("2.4.3", "2.5.1", "2.6.0")
#: The parameters each private method must have (after ``self``) to be used.
_PRIVATE_PARAMETERS = {
    "_extract_corpus_statistics": ("hypotheses", "references"),
    "_aggregate_and_compute": ("stats",),
}


class _SacrebleuStatistics:
    """The one place that calls sacrebleu's private API: a segment's statistics, and a
    corpus score from the statistics of many segments.

    ``is_private`` says whether the private methods are used: they are when every metric
    has them with the expected parameters (or ``use_private`` forces a choice, for tests).
    Otherwise a segment's "statistics" are its texts and corpus scores come from the public
    ``corpus_score``: the same figures, more memory.
    """

    def __init__(self, metrics: dict[str, Any], *, use_private: bool | None = None) -> None:
        self._metrics = metrics
        available = all(has_private_statistics(metric) for metric in metrics.values())
        self.is_private = available if use_private is None else use_private and available

    def extract(self, name: str, hypothesis: str, reference: str) -> list[Any]:
        metric = self._metrics[name]
        if self.is_private:
            stats: list[Any] = metric._extract_corpus_statistics([hypothesis], [[reference]])
            return stats
        return [(hypothesis, reference)]

    def aggregate(self, name: str, stats: list[Any]) -> Any:
        metric = self._metrics[name]
        if self.is_private:
            return metric._aggregate_and_compute(stats)
        hypotheses = [hypothesis for hypothesis, _ in stats]
        return metric.corpus_score(hypotheses, [[reference for _, reference in stats]])


def has_private_statistics(metric: Any) -> bool:
    """Whether ``metric`` (a sacrebleu metric object) has the two private halves of
    ``corpus_score`` with the parameters :class:`_SacrebleuStatistics` passes."""
    import inspect

    for method_name, expected in _PRIVATE_PARAMETERS.items():
        method = getattr(metric, method_name, None)
        if not callable(method):
            return False
        try:
            parameters = tuple(inspect.signature(method).parameters)
        except (TypeError, ValueError):
            return False
        if parameters != expected:
            return False
    return True


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

    def __init__(self, *, private_statistics: bool | None = None) -> None:
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
        self._statistics = _SacrebleuStatistics(self._metrics, use_private=private_statistics)

    @property
    def uses_private_statistics(self) -> bool:
        """Whether tallies hold sacrebleu's statistics (its private API) rather than texts."""
        return self._statistics.is_private

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
        return {name: self._statistics.extract(name, hypothesis, reference) for name in names}

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
            result = self._statistics.aggregate(name, stats)
            scores[name] = Score(name, float(result.score), self.signature(name))
        return scores


def score_deltas(before: dict[str, Score], after: dict[str, Score]) -> dict[str, float]:
    """``after - before`` per metric (for TER, lower is better, so a negative delta is a gain).

    >>> score_deltas({"bleu": Score("bleu", 40.0, "s")}, {"bleu": Score("bleu", 42.5, "s")})
    {'bleu': 2.5}
    """
    return {name: round(after[name].score - before[name].score, 2) for name in before if name in after}
