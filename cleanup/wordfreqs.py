"""English and French word frequencies (from the ``wordfreq`` package), as Zipf values.

The tables load on first use only, so commands and rules that never ask pay nothing
(``import wordfreq`` and the two tables cost about 0.6 s). They are read-only data shared by
every rule in the process; ``functools.cache`` is the one place they are kept.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping


@functools.cache
def frequencies(lang: str) -> Mapping[str, float]:
    """Word → frequency (0..1) for ``lang``; lower-case keys, apostrophes as ``'``."""
    import wordfreq

    return wordfreq.get_frequency_dict(lang, wordlist="best")


def zipf(lang: str, word: str) -> float:
    """Zipf frequency (log10 of occurrences per billion words) of ``word``, 0.0 if unknown.

    >>> zipf("en", "the") > 7 > zipf("en", "étaient")
    True
    """
    frequency = frequencies(lang).get(word.lower().replace("\N{RIGHT SINGLE QUOTATION MARK}", "'"))
    return math.log10(frequency * 1e9) if frequency else 0.0


def french_margin(word: str) -> float:
    """How much more French than English ``word`` is, in Zipf units (positive: French)."""
    return zipf("fr", word) - zipf("en", word)


@functools.cache
def french_words(margin: float, min_french: float) -> frozenset[str]:
    """Lower-case words at least ``margin`` Zipf units more frequent in French than in English.

    Only words with a French Zipf value of at least ``min_french`` count, so rare spellings
    and typos do not. Built once per process (about half a second) and then looked up with
    set operations, which is what keeps the leftover-French rule fast on English text.
    """
    french = frequencies("fr")
    english = frequencies("en")
    floor = 10 ** (min_french - 9)
    ratio = 10 ** margin
    return frozenset(
        word for word, frequency in french.items()
        if frequency >= floor and frequency >= ratio * english.get(word, 0.0)
    )
