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
