"""The shipped word-frequency table matches the installed wordfreq, and answers like it."""

from __future__ import annotations

import importlib.util
import math
import os
import subprocess
import sys
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


@pytest.mark.parametrize(("margin", "min_french"), [(2.0, 3.0), (2.0, 2.0), (1.0, 2.5), (0.5, 1.5)])
def test_french_words_match_a_direct_computation(margin, min_french):
    french = wordfreq.get_frequency_dict("fr", wordlist="best")
    english = wordfreq.get_frequency_dict("en", wordlist="best")
    expected = {
        word
        for word, frequency in french.items()
        if frequency >= 10 ** (min_french - 9)
        and frequency >= 10**margin * english.get(word, 0.0)
        and wordfreqs.is_word(word)
    }
    got = wordfreqs.french_words.__wrapped__(margin, min_french)
    assert got == expected
    sample = sorted(expected)[::500] + ["the", "said", "xqzvv"]
    assert all(wordfreqs.is_french_leaning(word, margin, min_french) == (word in expected) for word in sample)


def test_table_words_need_no_wordfreq(monkeypatch):
    def refuse(lang):
        raise AssertionError("wordfreq loaded")

    monkeypatch.setattr(wordfreqs, "frequencies", refuse)
    assert wordfreqs.zipf("en", "said") > 5
    assert not wordfreqs.zipf_at_least("en", "governmentsaid", 3.0)
    assert "étaient" in wordfreqs.french_words.__wrapped__(2.0, 3.0)


def test_binary_search_and_parsed_table_agree_on_every_word():
    """The first lookups search the table's bytes; later ones use the parsed dicts."""
    table = wordfreqs._Table(wordfreqs._table().body)
    english, french = table.parsed()
    searcher = wordfreqs._Table(table.body)
    for word in english:
        assert searcher._search(word) == (english[word], french[word]), word
    probes = ["", "zzzzzz", "governmentsaid", "étaient!", "a'", "\udcff", "Éta", "\t", "0", "ÿ" * 3]
    probes += [word + "x" for word in list(english)[::997]] + [word[:-1] for word in list(english)[::991]]
    for probe in probes:
        expected = (english[probe], french[probe]) if probe in english else None
        assert searcher._search(probe) == expected, probe


def test_the_table_is_parsed_only_when_a_run_gets_busy():
    table = wordfreqs._Table(wordfreqs._table().body)
    words = list(table.parsed()[0])[::7][:100]
    table = wordfreqs._Table(table.body)
    for index in range(wordfreqs.LOOKUPS_BEFORE_PARSING):
        assert table.cells(words[index % len(words)]) is not None  # repeated words count too
    assert table._parsed is None and len(table._found) == len(words)
    cells = table.cells("government")  # one lookup too many: the table is parsed now
    assert table._parsed is not None
    assert cells == (table._parsed[0]["government"], table._parsed[1]["government"])


def test_a_busy_run_leaves_the_word_tests_for_the_sets(monkeypatch):
    """Answers a word test remembers count as lookups: a run that keeps meeting the same
    few words still gets its sets (and the table parsed) instead of testing word by word."""
    table = wordfreqs._Table(wordfreqs._table().body)
    monkeypatch.setattr(wordfreqs, "_table", lambda: table)
    test = wordfreqs.french_word_test(2.0, 2.0)
    assert test is not None and wordfreqs.searching()
    for _ in range(wordfreqs.LOOKUPS_BEFORE_PARSING // 2 + 1):
        assert "étaient" in test and "the" not in test
    assert table.lookups > wordfreqs.LOOKUPS_BEFORE_PARSING
    assert "selon" in test  # a new word: the table is parsed now
    assert not wordfreqs.searching()


def test_word_tests_answer_as_the_built_sets_on_every_table_word():
    """What a one-file run asks word by word equals membership in the sets a busy run builds."""
    english = wordfreqs._table().parsed()[0]
    probes = [*english, "", "Les", "ÉTAIENT", "xqzv", "governmentsaid", "aujourd’hui", "l'"]
    for margin, min_french in ((2.0, 2.0), (2.0, 3.0), (1.0, 2.0), (3.0, 2.5)):
        test = wordfreqs.french_word_test(margin, min_french)
        built = wordfreqs.french_words(margin, min_french)
        assert test is not None
        assert [word for word in probes if word in test] == [word for word in probes if word in built]
    assert wordfreqs.french_word_test(0.5, 2.0) is None and wordfreqs.french_word_test(2.0, 1.0) is None


@pytest.mark.parametrize("minimum", [0, 1, 2, 3])
def test_the_sentence_gate_answers_the_same_word_by_word(minimum, monkeypatch):
    from cleanup import langid

    samples = [
        ["les", "les", "OSDH"],
        ["Les", "rebelles", "étaient", "étaient"],
        ["the", "army", "said"],
        ["selon", "les", "témoins", "Élysée", "dans"],
        [],
    ]
    monkeypatch.setattr(wordfreqs, "searching", lambda: True)
    by_word = [langid.has_french_words(words, min_french_words=minimum) for words in samples]
    monkeypatch.setattr(wordfreqs, "searching", lambda: False)
    by_set = [langid.has_french_words(words, min_french_words=minimum) for words in samples]
    assert by_word == by_set
    assert by_set[1] == (minimum <= 2)


def test_a_one_file_check_builds_no_french_word_set(tmp_path):
    script = (
        "import sys\n"
        "from cleanup import wordfreqs\n"
        "from cleanup.engine import check_text\n"
        "codes = {f.rule_id for f in check_text(open(sys.argv[1], encoding='utf-8').read())}\n"
        "print('SRC001' in codes, wordfreqs.french_words.cache_info().currsize, wordfreqs.searching())\n"
    )
    seed = ROOT / "seeds" / "002_407c51df2e870598.txt"
    env = {**os.environ, "MT_CLEANUP_CACHE_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script, str(seed)], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.split() == ["True", "0", "True"]


def test_the_core_table_answers_every_table_word_as_python_does() -> None:
    """The Rust core's copy of the table (``cleanup._core.WordTable``) gives the same Zipf
    value, to the last bit, for every word of the table and both languages, and says it does
    not know the words the table lacks (the kinds then ask wordfreq, in Python)."""
    table = wordfreqs.core_table()
    english, _ = wordfreqs._table().parsed()
    assert len(table) == len(english)
    differing = [
        (word, lang)
        for word in english
        for lang in ("en", "fr")
        if table.zipf(lang, word) != wordfreqs.zipf(lang, word)
    ]
    assert differing == []
    assert table.zipf("en", "Governmentsaid") is None
    assert table.zipf("en", "The") == wordfreqs.zipf("en", "the")
    assert table.zipf("fr", "Aujourd’hui") == wordfreqs.zipf("fr", "aujourd'hui") > 4


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
