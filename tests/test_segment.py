"""Sentence and word splitting with nltk's tokenizer modules, imported without the rest of
nltk: same spans as with nltk fully imported, nothing left behind, a plain import as fallback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.kinds.base import LETTER_RUN_RE
from cleanup.segment import ParagraphSentences, _span_tokenize

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "002_407c51df2e870598.txt"

_SPANS = (
    "import json, sys\n"
    "{prelude}\n"
    "from cleanup import segment\n"
    "text = open(sys.argv[1], encoding='utf-8').read() + '\\nMr. Smith left at 10 a.m. on Dec. 3. He came back.'\n"
    "result = {{\n"
    "    'sentences': list(segment.iter_sentences(text)),\n"
    "    'words': list(segment.iter_words(text)),\n"
    "    'numpy': 'numpy' in sys.modules,\n"
    "    'nltk': sorted(name for name in sys.modules if name == 'nltk' or name.startswith('nltk.')),\n"
    "}}\n"
    "print(json.dumps(result))\n"
)


def _spans(prelude: str = "") -> dict[str, object]:
    script = _SPANS.format(prelude=prelude)
    result = subprocess.run([sys.executable, "-c", script, str(SEED)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_tokenizers_without_the_rest_of_nltk_split_as_with_nltk_imported():
    light = _spans()
    full = _spans("import nltk")
    assert light["sentences"] == full["sentences"] and light["words"] == full["words"]
    assert len(light["sentences"]) > 10  # type: ignore[arg-type]
    assert light["numpy"] is False and light["nltk"] == []  # nothing of nltk left in sys.modules
    assert full["numpy"] is True and "nltk.tokenize.punkt" in full["nltk"]  # type: ignore[operator]


def test_a_full_import_of_nltk_afterwards_works():
    script = (
        "from cleanup import segment\n"
        "assert list(segment.iter_sentences('It rained. He left.')) == [(0, 10), (11, 19)]\n"
        "import nltk\n"
        "from nltk.tokenize import punkt\n"
        "print(callable(nltk.sent_tokenize), punkt.PunktSentenceTokenizer is not None)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


def test_the_plain_import_is_used_when_the_shortcut_fails():
    fallback = _spans(
        "import cleanup.segment as s\n"
        "def refuse(name):\n"
        "    raise RuntimeError('no stand-in packages')\n"
        "s.ModuleType = refuse"
    )
    assert fallback["sentences"] == _spans()["sentences"]
    assert "nltk.tokenize.punkt" in fallback["nltk"]  # type: ignore[operator]


# Sentences split in windows around a position (segment.ParagraphSentences) are those of
# the whole paragraph: tokens chosen to exercise every Punkt rule that looks across a break
# (abbreviations, initials, ellipses, ?! runs, closing quotes and brackets after a full stop,
# numbers, non-ASCII spaces, which Punkt's look-back for the word before a stop ignores).
_TOKENS = [
    "word",
    "Word",
    "end.",
    "Mr.",
    "Dr.",
    "U.S.",
    "a.m.",
    "etc.",
    "3.5",
    "No.",
    "J.",
    "K.",
    "Oct.",
    "yes?",
    "no!",
    "what?!",
    "so...",
    "…",
    "--",
    '"',
    "“",
    "”",
    "«",
    "»",
    "(",
    ")",
    "[x]",
    "'",
    "’",
    "said.”",
    'went."',
    "(done.)",
    "e.g.",
    "i.e.",
    ".",
    "?",
    "!",
    "B.B.C.",
    "vs.",
    "Inc.",
    "1.",
]
_GAPS = [" ", " ", " ", "  ", "\xa0", " \xa0", "\t", "\u2009"]


@st.composite
def _paragraphs(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=120))
    gaps = draw(st.lists(st.sampled_from(_GAPS), min_size=len(tokens), max_size=len(tokens)))
    return "".join(token + gap for token, gap in zip(tokens, gaps, strict=True)).strip()


@settings(max_examples=300, deadline=None)
@given(_paragraphs(), st.integers(min_value=4, max_value=60), st.integers(min_value=0, max_value=3), st.data())
def test_windowed_sentences_are_the_whole_paragraphs(paragraph, window, before, data):
    text = "Intro. " + paragraph + " Outro."  # the paragraph does not start the text
    start, end = 7, 7 + len(paragraph)
    whole = [(start + left, start + right) for left, right in _span_tokenize(paragraph)]
    sentences = ParagraphSentences(text, start, end, window=window)
    for position in data.draw(st.lists(st.integers(min_value=start, max_value=end - 1), max_size=8)):
        holding = [index for index, (left, right) in enumerate(whole) if left <= position < right]
        expected = whole[max(0, holding[0] - before) : holding[0] + 1] if holding else None
        assert sentences.around(position, before) == expected
    assert ParagraphSentences(text, start, end, window=window).last(before + 1) == whole[-(before + 1) :]
    assert sentences.all() == whole


def test_windowed_sentences_on_a_long_line():
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    whole = list(_span_tokenize(text))
    sentences = ParagraphSentences(text, 0, len(text), window=50)
    for index, (left, right) in enumerate(whole):
        assert sentences.around((left + right) // 2, 2) == whole[max(0, index - 2) : index + 1]
    assert len(whole) > 10


@settings(max_examples=300, deadline=None)
@given(_paragraphs())
def test_sentences_end_only_where_a_stop_lies_between_two_words(paragraph):
    """What SRC003's core splits around (``crates/mtcore/src/french_sentence.rs``, its
    stretches): Punkt never ends a sentence inside a letter run, and only after a ``.``,
    ``?`` or ``!`` lying between the last word before the break and the first after it, so
    every sentence is a run of whole stretches (the words cut wherever one of those lies
    between two)."""
    runs = [match.span() for match in LETTER_RUN_RE.finditer(paragraph)]
    sentences = list(_span_tokenize(paragraph))
    for run_start, run_end in runs:
        assert any(start <= run_start and run_end <= end for start, end in sentences)
    for (_, _), (next_start, _) in zip(sentences, sentences[1:], strict=False):
        before = [end for _, end in runs if end <= next_start]
        after = [start for start, _ in runs if start >= next_start]
        if before and after:
            gap = paragraph[before[-1] : after[0]]
            assert any(stop in gap for stop in ".?!"), (paragraph, gap)
