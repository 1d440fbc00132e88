"""Metrics wrappers against sacrebleu computed directly (issue 4)."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from cleanup.metrics import Metrics, Score, as_segment, score_deltas

HYPOTHESES = ["The rebels entered Aleppo on Friday.", "The SOHR said 12 people died in the strikes."]
REFERENCES = ["Rebels entered Aleppo on Friday.", "The SOHR said twelve people were killed in the strikes."]


@pytest.fixture(scope="module")
def metrics() -> Metrics:
    return Metrics()


@pytest.mark.parametrize(
    ("name", "direct"),
    [
        ("bleu", BLEU(tokenize="13a", effective_order=True)),
        ("chrf", CHRF()),
        ("ter", TER()),
    ],
)
def test_scores_equal_sacrebleu(metrics: Metrics, name: str, direct: object) -> None:
    expected = direct.corpus_score(HYPOTHESES, [REFERENCES])  # type: ignore[attr-defined]
    score = metrics.score(name, HYPOTHESES, REFERENCES)
    assert score.score == pytest.approx(expected.score, abs=1e-9)
    assert score.signature == str(direct.get_signature())  # type: ignore[attr-defined]


def test_signatures_name_tokenizer_and_version(metrics: Metrics) -> None:
    import sacrebleu

    assert "tok:13a" in metrics.signature("bleu") and f"version:{sacrebleu.__version__}" in metrics.signature("bleu")
    assert metrics.signature("chrf").startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0")
    assert "tok:tercom" in metrics.signature("ter")


def test_identical_text_scores(metrics: Metrics) -> None:
    assert metrics.score("bleu", ["a b c d e"], ["a b c d e"]).score == pytest.approx(100.0)
    assert metrics.score("ter", ["a b c d e"], ["a b c d e"]).score == pytest.approx(0.0)


def test_ter_by_hand(metrics: Metrics) -> None:
    # one substitution in four reference words: TER = 1/4
    assert metrics.score("ter", ["the cat sat down"], ["the dog sat down"]).score == pytest.approx(25.0)


def test_lengths_must_match(metrics: Metrics) -> None:
    with pytest.raises(ValueError):
        metrics.score("bleu", ["a"], [])


def test_score_dict_and_deltas() -> None:
    before, after = Score("ter", 10.0, "sig"), Score("ter", 7.5, "sig")
    assert after.to_dict() == {"score": 7.5, "signature": "sig"}
    assert score_deltas({"ter": before}, {"ter": after}) == {"ter": -2.5}
    assert str(after) == "ter = 7.50 (sig)"


def test_as_segment_joins_lines() -> None:
    assert as_segment("A.\r\n\r\nB.\nC.") == "A. B. C."


def test_corpus_scores_from_tallies_equal_sacrebleu_on_the_texts(metrics: Metrics) -> None:
    """A report keeps each document's statistics, not its text: the corpus scores it computes
    from them must be sacrebleu's corpus_score on the texts (on the corpus and the gold)."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "corpus"
    raw = sorted(path for path in root.glob("*.txt") if not path.name.endswith(".clean.txt"))
    hypotheses = [as_segment(path.read_text(encoding="utf-8")) for path in raw]
    references = [as_segment(path.with_suffix(".clean.txt").read_text(encoding="utf-8")) for path in raw]
    assert len(hypotheses) > 5
    tallies = [
        metrics.tally(hypothesis, reference) for hypothesis, reference in zip(hypotheses, references, strict=True)
    ]
    direct = metrics.score_all(hypotheses, references)
    from_tallies = metrics.score_tallies(tallies)
    for name in ("bleu", "chrf", "ter"):
        assert from_tallies[name].score == direct[name].score, name
        assert from_tallies[name].signature == direct[name].signature
    assert (
        metrics.score_tallies(tallies[:1], names=("ter",))["ter"].score
        == metrics.score("ter", hypotheses[:1], references[:1]).score
    )


def test_private_statistics_api_is_the_one_tested(metrics: Metrics) -> None:
    """sacrebleu's ``_extract_corpus_statistics`` and ``_aggregate_and_compute`` are private:
    the installed release must be one they were tested with, and have them with the
    parameters ``cleanup.metrics`` passes, or a release changed them and this must be redone."""
    import sacrebleu

    from cleanup.metrics import STATISTICS_TESTED_WITH, has_private_statistics

    assert sacrebleu.__version__ in STATISTICS_TESTED_WITH, (
        f"sacrebleu {sacrebleu.__version__} is not among {STATISTICS_TESTED_WITH}: run tests/test_metrics.py "
        "with it and add it to STATISTICS_TESTED_WITH"
    )
    for metric in (BLEU(tokenize="13a", effective_order=True), CHRF(), TER()):
        assert has_private_statistics(metric), type(metric).__name__
    assert metrics.uses_private_statistics
    # One entry per segment, and statistics that add up: the two facts tallies rely on.
    tally = metrics.tally(HYPOTHESES[0], REFERENCES[0])
    assert all(len(tally[name]) == 1 for name in ("bleu", "chrf", "ter"))


def test_public_fallback_gives_the_same_figures(metrics: Metrics) -> None:
    """Without the private methods (a future sacrebleu), tallies keep the texts and corpus
    scores come from the public corpus_score: the same figures and signatures."""
    public = Metrics(private_statistics=False)
    assert not public.uses_private_statistics
    pairs = list(zip(HYPOTHESES, REFERENCES, strict=True)) + [("The cat sat.", "The cat sat.")]
    private_scores = metrics.score_tallies([metrics.tally(h, r) for h, r in pairs])
    public_scores = public.score_tallies([public.tally(h, r) for h, r in pairs])
    direct = metrics.score_all([h for h, _ in pairs], [r for _, r in pairs])
    for name in ("bleu", "chrf", "ter"):
        assert public_scores[name] == private_scores[name] == direct[name], name


def test_missing_private_methods_fall_back_to_the_public_api() -> None:
    from cleanup.metrics import _SacrebleuStatistics, has_private_statistics

    class Renamed(CHRF):  # what a release that renamed the method would look like
        _aggregate_and_compute = None  # type: ignore[assignment]

    class Reshaped(CHRF):
        def _extract_corpus_statistics(self, hyps, refs, extra=None):  # type: ignore[no-untyped-def,override]
            return super()._extract_corpus_statistics(hyps, refs)

    assert has_private_statistics(CHRF())
    assert not has_private_statistics(Renamed())
    assert not has_private_statistics(Reshaped())
    # Asked for, the private path is still refused when a metric lacks it.
    assert not _SacrebleuStatistics({"chrf": Renamed()}, use_private=True).is_private
    assert _SacrebleuStatistics({"chrf": CHRF()}).is_private
