"""English and French word frequencies (from ``wordfreq``), as Zipf values.

``wordfreq``'s tables cost about half a second to load, far more than a one-file ``check``
may take, so the words the rules ask about in ordinary text ship as data instead:
``rules/fr-en/lexicons/word-frequencies.tsv`` (built by ``tools/build_lexicons.py`` from
wordfreq, exact to wordfreq's 0.01-Zipf steps) holds every word with a Zipf value of at least
:data:`COMMON_ZIPF` in English or French, and every word with a French value of at least
:data:`FRENCH_ZIPF` that leads English by at least :data:`FRENCH_MARGIN`. Answers for those
words come from the table (about 30 ms to load, on first use); wordfreq itself loads only
when an exact value is asked for a word outside it, which ordinary English text rarely
causes. Every function gives the same answer as wordfreq would; ``tests/test_wordfreqs.py``
checks the table against the installed wordfreq. The loaded tables are read-only data shared
by every rule in the process; ``functools.cache`` is the one place they are kept.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cleanup._core import WordTable

#: The table holds every word at least this frequent (Zipf) in English or in French ...
COMMON_ZIPF = 3.0
#: ... and every word at least this frequent in French that leads English by FRENCH_MARGIN.
FRENCH_ZIPF = 2.0
FRENCH_MARGIN = 1.0
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


#: Lookups a run makes in the table's bytes (and of word tests) before it is parsed into dicts.
LOOKUPS_BEFORE_PARSING = 3000
# Every cell is '-' or a Zipf step written with two decimals: each step is converted once.
_VALUES = {f"{9 - step / 100:.2f}": 10 ** (-step / 100) for step in range(1000)}  # wordfreq.cB_to_freq
_VALUES["-"] = 0.0


class _Table:
    """The shipped table, answering lookups the cheapest way for the work at hand.

    Parsing 97,000 rows into dicts costs ~45 ms, most of a one-file ``check``'s budget, while
    such a run asks about a few hundred words. The file is sorted (by code point, which is
    the order of its UTF-8 bytes), so the first :data:`LOOKUPS_BEFORE_PARSING` lookups of a
    run are binary searches in its bytes (~10 µs each, no objects built; a word asked again
    is answered from memory); after that, or when a caller needs every row, it is parsed into
    dicts once and lookups are one dict access. Lookups that :class:`WordTest` answers from
    its own memory count too, so a busy run gets its sets however few distinct words it
    meets. Both paths give the same answers (``tests/test_wordfreqs.py`` checks every word).
    """

    def __init__(self, body: bytes) -> None:
        self.body = body if body.endswith(b"\n") else body + b"\n"
        self.lookups = 0
        self._parsed: tuple[dict[str, str], dict[str, str]] | None = None
        self._found: dict[str, tuple[str, str] | None] = {}  # answers of the searches so far

    def parsed(self) -> tuple[dict[str, str], dict[str, str]]:
        """word → English cell, word → French cell, for callers that walk every row."""
        if self._parsed is None:
            cells = self.body.decode("utf-8").split()  # word, en, fr, word, ... (words hold no spaces)
            words = cells[0::3]
            self._parsed = dict(zip(words, cells[1::3], strict=True)), dict(zip(words, cells[2::3], strict=True))
        return self._parsed

    def cells(self, key: str) -> tuple[str, str] | None:
        """The (English, French) cells of ``key``, or None when the table lacks it."""
        if self._parsed is None:
            self.lookups += 1
            if self.lookups <= LOOKUPS_BEFORE_PARSING:
                try:
                    return self._found[key]  # several rules ask about the same words
                except KeyError:
                    cells = self._found[key] = self._search(key)
                    return cells
            self._found.clear()
        english, french = self.parsed()
        cell = english.get(key)
        return None if cell is None else (cell, french[key])

    def _search(self, key: str) -> tuple[str, str] | None:
        target = key.encode("utf-8", "surrogatepass")
        body = self.body
        low, high = 0, len(body)  # both always at the start of a line (or the end)
        while low < high:
            start = body.rfind(b"\n", low, (low + high) // 2) + 1 or low
            tab = body.index(b"\t", start)
            word = body[start:tab]
            if word < target:
                low = body.index(b"\n", tab) + 1
            elif word > target:
                high = start
            else:
                english, french = body[tab + 1 : body.index(b"\n", tab)].decode("ascii").split("\t")
                return english, french
        return None


@functools.cache
def _table() -> _Table:
    data = _table_bytes()
    start = 0
    while data.startswith(b"#", start):  # comment lines at the top
        start = data.index(b"\n", start) + 1
    return _Table(data[start:])


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


@functools.cache
def _table_key(*parameters: object) -> str:
    """The cache key of a set derived from the table with ``parameters``."""
    from cleanup import __version__
    from cleanup.cache import digest

    return digest([__version__, _table_bytes(), *map(repr, parameters)])


def _row(key: str) -> tuple[float, float] | None:
    """(English, French) frequency of a table word, None when the table does not hold it."""
    cells = _table().cells(key)
    if cells is None:
        return None
    return _VALUES[cells[0]], _VALUES[cells[1]]


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
    row = _row(key)
    if row is not None:
        return _zipf(row[_COLUMNS[lang]])
    return _zipf(frequencies(lang).get(key, 0.0))


def zipf_at_least(lang: str, word: str, threshold: float) -> bool:
    """``zipf(lang, word) >= threshold``, without loading wordfreq when the table decides.

    >>> zipf_at_least("en", "said", 3.0), zipf_at_least("en", "governmentsaid", 3.0)
    (True, False)
    """
    key = _key(word)
    row = _row(key)
    if row is not None:
        return _zipf(row[_COLUMNS[lang]]) >= threshold
    if threshold >= COMMON_ZIPF and is_word(key):
        return False  # every word this frequent is in the table
    return zipf(lang, key) >= threshold


def searching() -> bool:
    """Whether the table still answers by binary search: the run has asked about few words
    (a one-file check), so a word set is cheaper asked word by word (:class:`WordTest`)."""
    return _table()._parsed is None


class WordTest:
    """Membership in a word set derived from the table, asked one word at a time.

    Building such a set costs ~5 ms per 20,000 words (61,000 for the sentence gate's
    French-leaning words), while a one-file run asks about a few hundred words, each a
    table lookup. ``test`` must answer exactly what membership in the built set would;
    answers are kept, so a word is looked up once. Callers use it while :func:`searching`
    and the built set once a run is busy.
    """

    __slots__ = ("_answers", "_table", "_test")

    def __init__(self, test: Callable[[str], bool]) -> None:
        self._test = test
        self._answers: dict[str, bool] = {}
        self._table = _table()

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        try:
            answer = self._answers[word]
        except KeyError:
            answer = self._answers[word] = self._test(word)  # counted by the table
        else:
            self._table.lookups += 1
        return answer

    def intersection(self, words: Iterable[str]) -> frozenset[str]:
        return frozenset(word for word in words if word in self)


def french_word_test(margin: float, min_french: float) -> WordTest | None:
    """:func:`french_words` ``(margin, min_french)`` as a :class:`WordTest`, or None when the
    table alone cannot decide (``margin`` below 1 or ``min_french`` below 2)."""
    if margin < FRENCH_MARGIN or min_french < FRENCH_ZIPF:
        return None
    return WordTest(functools.partial(is_french_leaning, margin=margin, min_french=min_french))


def preload() -> None:
    """Parse the table now (a process about to fork workers that will all be busy: they
    then share these pages instead of each parsing its own)."""
    _table().parsed()


def is_listed(word: str) -> bool:
    """True when wordfreq knows ``word`` in English or in French (any frequency).

    >>> is_listed("government"), is_listed("governmentsaid")
    (True, False)
    """
    key = _key(word)
    if _table().cells(key) is not None:
        return True
    return key in frequencies("en") or key in frequencies("fr")


def french_margin(word: str) -> float:
    """How much more French than English ``word`` is, in Zipf units (positive: French)."""
    return zipf("fr", word) - zipf("en", word)


def is_french_leaning(word: str, margin: float, min_french: float) -> bool:
    """``word`` is in :func:`french_words` ``(margin, min_french)``, as one lookup.

    >>> is_french_leaning("étaient", 2.0, 2.0), is_french_leaning("the", 2.0, 2.0)
    (True, False)
    """
    if margin < FRENCH_MARGIN or min_french < FRENCH_ZIPF:
        return word in french_words(margin, min_french)
    row = _row(word)  # a word the table lacks is too rare in French, or not a word
    return row is not None and row[1] >= 10 ** (min_french - 9) and row[1] >= 10**margin * row[0]


@functools.cache
def french_words(margin: float, min_french: float) -> frozenset[str]:
    """Lower-case words at least ``margin`` Zipf units more frequent in French than in English.

    Words are letters with inner apostrophes or hyphens (:func:`is_word`): no numbers.
    Only words with a French Zipf value of at least ``min_french`` count, so rare spellings
    and typos do not. Built once per process and then looked up with set operations, which
    is what keeps the leftover-French rule fast on English text. From the shipped table when
    it holds every such word (``margin >= 1`` and ``min_french >= 2``), else from wordfreq.
    """
    if margin >= FRENCH_MARGIN and min_french >= FRENCH_ZIPF:
        from cleanup.cache import word_set

        key = _table_key("french_words", margin, min_french)
        return word_set("french-words", key, lambda: _french_words_from_table(margin, min_french))
    floor = 10 ** (min_french - 9)
    ratio = 10**margin
    french = frequencies("fr")
    english = frequencies("en")
    return frozenset(
        word
        for word, frequency in french.items()
        if frequency >= floor and frequency >= ratio * english.get(word, 0.0) and is_word(word)
    )


def _french_words_from_table(margin: float, min_french: float) -> frozenset[str]:
    floor = 10 ** (min_french - 9)
    ratio = 10**margin
    english_cells, french_cells = _table().parsed()
    values = _VALUES
    frequent = {cell for cell, value in values.items() if value >= floor}
    return frozenset(
        word
        for word, cell in french_cells.items()
        if cell in frequent and values[cell] >= ratio * values[english_cells[word]]
    )
