"""English and French word frequencies (from ``wordfreq``), as Zipf values.

``wordfreq``'s tables cost about half a second to load, far more than a one-file ``check``
may take, so the words the rules ask about in ordinary text ship as data instead:
``rules/fr-en/lexicons/word-frequencies.tsv`` (built by ``tools/build_lexicons.py`` from
wordfreq, exact to wordfreq's 0.01-Zipf steps) holds every word with a Zipf value of at least
:data:`COMMON_ZIPF` in English or French, and every word with a French value of at least
:data:`FRENCH_ZIPF` that leads English by at least :data:`FRENCH_MARGIN`. The table has one
reader, the Rust core (:func:`core_table`, ``mtcore::words::WordTable``): the rules weigh words
with it there, and the functions below ask it too, so that a table word is answered in one
place. wordfreq's own lists load only when a value is asked for a word outside the table
(:func:`frequencies`), which ordinary English text rarely causes. Every function gives the
same answer as wordfreq would; ``tests/test_wordfreqs.py`` checks the table against the
installed wordfreq. The loaded tables are read-only data shared by every rule in the
process; ``functools.cache`` is the one place they are kept.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import ItemsView, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleanup._core import WordTable

#: The table holds every word at least this frequent (Zipf) in English or in French ...
COMMON_ZIPF = 3.0
#: ... and every word at least this frequent in French that leads English by FRENCH_MARGIN.
FRENCH_ZIPF = 2.0
FRENCH_MARGIN = 1.0
#: The French-leaning words that mark a sentence worth asking langdetect about
#: (:func:`is_french_leaning`, :mod:`cleanup.langid`): a margin the measurements chose.
FRENCH_MARGIN_OF_SENTENCES = 2.0
FRENCH_ZIPF_OF_SENTENCES = 2.0
TABLE_FILE = "fr-en/lexicons/word-frequencies.tsv"
_COLUMNS = {"en": 0, "fr": 1}
_APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"
# The words the table holds (and french_words returns): letters, inner apostrophes and hyphens.
_WORD_SHAPE_RE = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def is_word(key: str) -> bool:
    """True for a word the table can hold: letters, with inner apostrophes or hyphens.

    >>> is_word("aujourd'hui"), is_word("1er"), is_word("0,5")
    (True, False, False)
    """
    return _WORD_SHAPE_RE.fullmatch(key) is not None


@functools.cache
def frequencies(lang: str) -> Mapping[str, float]:
    """Word → frequency (0..1) for ``lang``, as ``wordfreq.get_frequency_dict(lang, "best")``
    gives it (~0.1 s a language: rare paths only, for words the table lacks).

    Read straight from wordfreq's own data file, as that function reads it, without
    importing wordfreq (which brings langcodes and ftfy: another ~0.25 s that a pre-commit
    hook would pay whenever a quotation or a bracket holds a rare word).
    ``tests/test_wordfreqs.py`` checks both give the same dict; a data folder or a format
    this does not recognise is left to wordfreq itself.
    """
    try:
        return _frequencies_from_data(lang)
    except (OSError, ValueError, ImportError):
        import wordfreq

        return wordfreq.get_frequency_dict(lang, wordlist="best")


def load_frequencies(lang: str) -> None:
    """Load :func:`frequencies` ``(lang)`` in full now, for a process about to fork workers."""
    words = frequencies(lang)
    if isinstance(words, _WordList):
        words.build()


def _frequencies_from_data(lang: str) -> Mapping[str, float]:
    """wordfreq's ``best`` list for ``lang`` (``large_`` when there is one, else ``small_``):
    a gzipped msgpack list of a header and buckets of words, bucket ``i`` at ``-i`` cB."""
    import gzip
    import importlib.util

    import msgpack  # wordfreq's own dependency

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("wordfreq is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    paths = [folder / f"{name}_{lang}.msgpack.gz" for name in ("large", "small")]
    path = next((candidate for candidate in paths if candidate.is_file()), None)
    if path is None:
        raise FileNotFoundError(f"no wordfreq list for {lang!r} in {folder}")
    with gzip.open(path, "rb") as stream:
        data = msgpack.load(stream, raw=False)
    header = data[0] if isinstance(data, list) and data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"unexpected wordfreq header in {path}: {header!r}")
    return _WordList(data[1:])


#: Lookups a :class:`_WordList` answers by scanning its buckets before it builds its dict
#: (a scan costs up to ~5 ms, the dict ~130 ms: a run past this many lookups is busy).
SCANS_BEFORE_BUILDING = 8


class _WordList(Mapping[str, float]):
    """One of wordfreq's lists: what ``get_frequency_dict`` builds, built only when needed.

    Building the dict of 320,000 words costs ~130 ms, while the rules ask about a rare word
    now and then: the first :data:`SCANS_BEFORE_BUILDING` lookups scan the buckets instead
    (1 to 5 ms each, in C), from the last, since the dict keeps a word's last bucket.
    """

    def __init__(self, buckets: list[list[str]]) -> None:
        self._buckets = buckets
        self._dict: dict[str, float] | None = None
        self._scans = 0

    def build(self) -> None:
        """Build the dict now (a process about to fork busy workers: they share it)."""
        self._built()

    def _built(self) -> dict[str, float]:
        if self._dict is None:
            table: dict[str, float] = {}
            for index, bucket in enumerate(self._buckets):
                table.update(dict.fromkeys(bucket, 10 ** (-index / 100)))  # wordfreq.cB_to_freq(-index)
            self._dict = table
        return self._dict

    def __getitem__(self, key: str) -> float:
        if self._dict is None and self._scans < SCANS_BEFORE_BUILDING:
            self._scans += 1
            for index in range(len(self._buckets) - 1, -1, -1):
                if key in self._buckets[index]:
                    return 10 ** (-index / 100)
            raise KeyError(key)
        return self._built()[key]

    def get(self, key: str, default: float | None = None) -> float | None:  # type: ignore[override]
        if self._dict is not None:
            return self._dict.get(key, default)  # a busy run: one dict access, no exception
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        if self._dict is not None:
            return key in self._dict
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())

    def items(self) -> ItemsView[str, float]:
        return self._built().items()


@functools.cache
def _table_bytes() -> bytes:
    from cleanup.packs.loader import bundled_rules_dir

    return (bundled_rules_dir() / TABLE_FILE).read_bytes()


@functools.cache
def core_table() -> WordTable:
    """The table as the Rust core holds it, parsed once per process; the specs of kinds that
    weigh words in the core name it (``"words": core_table()``). A malformed row is a
    :class:`~cleanup.errors.RulePackError` naming the file and line."""
    from cleanup._core import WordTable
    from cleanup.errors import RulePackError

    try:
        return WordTable(_table_bytes())
    except ValueError as error:
        line, problem = error.args if len(error.args) == 2 else (None, str(error))
        raise RulePackError(TABLE_FILE, line, None, problem) from None


def _zipf(frequency: float) -> float:
    return math.log10(frequency * 1e9) if frequency else 0.0


def _key(word: str) -> str:
    return word.lower().replace(_APOSTROPHE, "'")


def zipf(lang: str, word: str) -> float:
    """Zipf frequency (log10 of occurrences per billion words) of ``word``, 0.0 if unknown.

    >>> zipf("en", "the") > 7 > zipf("en", "étaient")
    True
    """
    key = _key(word)
    value = core_table().zipf(lang, key)
    if value is not None:
        return value
    return _zipf(frequencies(lang).get(key, 0.0))


def zipf_at_least(lang: str, word: str, threshold: float) -> bool:
    """``zipf(lang, word) >= threshold``, without loading wordfreq when the table decides.

    >>> zipf_at_least("en", "said", 3.0), zipf_at_least("en", "governmentsaid", 3.0)
    (True, False)
    """
    key = _key(word)
    value = core_table().zipf(lang, key)
    if value is not None:
        return value >= threshold
    if threshold >= COMMON_ZIPF and is_word(key):
        return False  # every word this frequent is in the table
    return _zipf(frequencies(lang).get(key, 0.0)) >= threshold


def is_listed(word: str) -> bool:
    """True when wordfreq knows ``word`` in English or in French (any frequency).

    >>> is_listed("government"), is_listed("governmentsaid")
    (True, False)
    """
    key = _key(word)
    if core_table().zipf("en", key) is not None:
        return True
    return key in frequencies("en") or key in frequencies("fr")


def french_margin(word: str) -> float:
    """How much more French than English ``word`` is, in Zipf units (positive: French)."""
    return zipf("fr", word) - zipf("en", word)


def is_french_leaning(word: str) -> bool:
    """``word`` (a lower-case key) is at least :data:`FRENCH_MARGIN_OF_SENTENCES` Zipf units
    more frequent in French than in English, with a French Zipf value of at least
    :data:`FRENCH_ZIPF_OF_SENTENCES`: the table decides (it holds every such word), in the core.

    >>> is_french_leaning("étaient"), is_french_leaning("the"), is_french_leaning("xqzv")
    (True, False, False)
    """
    return core_table().is_french_leaning(word, FRENCH_MARGIN_OF_SENTENCES, FRENCH_ZIPF_OF_SENTENCES)
