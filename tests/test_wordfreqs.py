"""The shipped word-frequency table matches the installed wordfreq, and answers like it."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest
import wordfreq

from cleanup import wordfreqs
from cleanup.packs.loader import bundled_rules_dir

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "the",
    "said",
    "government",
    "étaient",
    "selon",
    "également",
    "vanille",
    "aujourd'hui",
    "aujourd’hui",
    "governmentsaid",
    "xqzvv",
    "Hama",
    "1er",
    "0,5",
    "raison",
    "être",
    "dans",
    "pour",
]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_lexicons", ROOT / "tools" / "build_lexicons.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_shipped_table_is_what_the_script_builds_from_installed_wordfreq():
    shipped = (bundled_rules_dir() / wordfreqs.TABLE_FILE).read_text(encoding="utf-8")
    built = _build_module().build()
    assert shipped == built, "rules/fr-en/lexicons/word-frequencies.tsv is stale: run tools/build_lexicons.py"


def test_shipped_glue_list_is_what_the_script_builds_from_installed_wordfreq():
    module = _build_module()
    shipped = (bundled_rules_dir() / "fr-en" / "lexicons" / "glue-listed-words.txt").read_text(encoding="utf-8")
    assert shipped == module.build_glue_listed(), "glue-listed-words.txt is stale: run tools/build_lexicons.py"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_lists_read_without_wordfreq_equal_wordfreqs_own(lang):
    """frequencies() reads wordfreq's data file itself; scanned or built, it answers as
    wordfreq.get_frequency_dict does."""
    expected = wordfreq.get_frequency_dict(lang, wordlist="best")
    common = list(expected)
    probes = ["the", "xqzv", common[5], common[len(common) // 2], common[-1], "governmentsaid"]
    assert len(probes) <= wordfreqs.SCANS_BEFORE_BUILDING
    words = wordfreqs._frequencies_from_data(lang)
    assert isinstance(words, wordfreqs._WordList)
    scanned = [words.get(word, 0.0) for word in probes]
    assert words._dict is None  # answered by scanning the buckets
    assert scanned == [expected.get(word, 0.0) for word in probes]
    for _ in range(wordfreqs.SCANS_BEFORE_BUILDING - len(probes) + 1):
        assert "xqzv" not in words
    assert words._dict is not None  # past that many lookups, the run is busy: the dict is built
    assert dict(words.items()) == expected and len(words) == len(expected)
    fresh = wordfreqs._frequencies_from_data(lang)
    fresh.build()
    assert fresh._dict == expected


def test_frequencies_fall_back_to_wordfreq(monkeypatch):
    def broken(lang):
        raise ValueError("unexpected wordfreq header")

    monkeypatch.setattr(wordfreqs, "_frequencies_from_data", broken)
    wordfreqs.frequencies.cache_clear()
    try:
        assert wordfreqs.frequencies("en") == wordfreq.get_frequency_dict("en", wordlist="best")
    finally:
        wordfreqs.frequencies.cache_clear()


def _old_zipf(lang: str, word: str) -> float:
    frequency = wordfreq.get_frequency_dict(lang, wordlist="best").get(word.lower().replace("’", "'"))
    return math.log10(frequency * 1e9) if frequency else 0.0


@pytest.mark.parametrize("word", WORDS)
def test_answers_match_wordfreq(word):
    for lang in ("en", "fr"):
        assert wordfreqs.zipf(lang, word) == _old_zipf(lang, word)
        for threshold in (2.0, 3.0, 4.5):
            assert wordfreqs.zipf_at_least(lang, word, threshold) == (_old_zipf(lang, word) >= threshold)
    key = word.lower().replace("’", "'")
    listed = key in wordfreq.get_frequency_dict("en") or key in wordfreq.get_frequency_dict("fr")
    assert wordfreqs.is_listed(word) == listed


def _table_rows() -> dict[str, tuple[str, str]]:
    """The shipped table read as plain text: word → (English cell, French cell)."""
    rows = {}
    for line in (bundled_rules_dir() / wordfreqs.TABLE_FILE).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, english, french = line.split("\t")
            rows[word] = (english, french)
    return rows


def _wordfreq_zipf(lang: str, word: str) -> float:
    frequency = wordfreq.get_frequency_dict(lang, wordlist="best").get(word, 0.0)
    return math.log10(frequency * 1e9) if frequency else 0.0


def test_the_core_table_answers_every_table_word_as_wordfreq_does() -> None:
    """The Rust core's table (``cleanup._core.WordTable``, the table's one reader) gives
    wordfreq's own Zipf value, to the last bit, for every word of the table and both
    languages, and says it does not know the words the table lacks (the kinds then ask
    wordfreq's lists, in Python)."""
    table = wordfreqs.core_table()
    rows = _table_rows()
    assert len(table) == len(rows)
    differing = [
        (word, lang) for word in rows for lang in ("en", "fr") if table.zipf(lang, word) != _wordfreq_zipf(lang, word)
    ]
    assert differing == []
    assert table.zipf("en", "Governmentsaid") is None
    assert table.zipf("en", "The") == wordfreqs.zipf("en", "the")
    assert table.zipf("fr", "Aujourd’hui") == wordfreqs.zipf("fr", "aujourd'hui") > 4


def test_french_leaning_words_are_what_wordfreq_says() -> None:
    """``is_french_leaning`` (the sentence gate's test, answered by the core's table) holds
    exactly for the words wordfreq puts at least 2 Zipf units higher in French, with a French
    value of at least 2: every word of the table, and words it lacks."""
    french = wordfreq.get_frequency_dict("fr", wordlist="best")
    english = wordfreq.get_frequency_dict("en", wordlist="best")

    def expected(word: str) -> bool:
        frequency = french.get(word, 0.0)
        leading = frequency >= 10**2.0 * english.get(word, 0.0)
        return frequency >= 10 ** (2.0 - 9) and leading and wordfreqs.is_word(word)

    rows = _table_rows()
    probes = [*rows, "", "xqzv", "governmentsaid", "l'", "0,5"]
    probes += [word for word in list(french)[::50] if word not in rows][:2000]
    assert [word for word in probes if wordfreqs.is_french_leaning(word)] == [word for word in probes if expected(word)]
    assert wordfreqs.is_french_leaning("étaient") and not wordfreqs.is_french_leaning("the")
    with pytest.raises(ValueError, match="cannot decide"):
        wordfreqs.core_table().is_french_leaning("étaient", 0.5, 2.0)


def test_table_words_need_no_wordfreq(monkeypatch):
    def refuse(lang):
        raise AssertionError("wordfreq loaded")

    monkeypatch.setattr(wordfreqs, "frequencies", refuse)
    assert wordfreqs.zipf("en", "said") > 5
    assert not wordfreqs.zipf_at_least("en", "governmentsaid", 3.0)
    assert wordfreqs.is_french_leaning("étaient") and wordfreqs.is_listed("selon")


@pytest.mark.parametrize("minimum", [0, 1, 2, 3])
def test_the_sentence_gate_counts_distinct_lower_case_french_words(minimum):
    from cleanup import langid

    samples = [
        ["les", "les", "OSDH"],
        ["Les", "rebelles", "étaient", "étaient"],
        ["the", "army", "said"],
        ["selon", "les", "témoins", "Élysée", "dans"],
        [],
    ]
    got = [langid.has_french_words(words, min_french_words=minimum) for words in samples]
    assert got == [minimum <= 1, minimum <= 2, minimum == 0, True, minimum == 0]


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        (b"# header\nthe\t7.73\n", 2, "expected word, English and French cells"),
        (b"the\t7.73\t4.05\nsaid\t5,80\t-\n", 2, "'5,80' is not a Zipf value"),
        (b"the\t7.73\t4.05\n\xff\t1.00\t-\n", 2, "not UTF-8"),
    ],
)
def test_a_malformed_table_is_refused_with_its_line(data: bytes, line: int, problem: str) -> None:
    from cleanup._core import WordTable

    with pytest.raises(ValueError) as caught:
        WordTable(data)
    assert caught.value.args[0] == line
    assert problem in caught.value.args[1]
