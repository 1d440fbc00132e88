"""Which language a sentence is in, with ``langdetect``, deterministic and offline.

langdetect draws random samples, so unseeded runs change labels from one run to the next.
The seed is set on our own ``DetectorFactory`` instance (langdetect copies it into every
detector it creates), which keeps it out of langdetect's module-level factory: no global
state is touched. Only the profiles of the languages asked for are loaded (en and fr by
default: about five times faster and more accurate than all 55). langdetect raises on text
with no letters, and is unreliable under ~20 characters, so such text gets ``None``.
Detection costs ~1 ms a sentence: callers gate it with :func:`is_worth_detecting`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence

import regex

from cleanup.kinds.base import LETTER_RUN_RE

#: Seed for langdetect's sampling. Changing it changes labels of short, ambiguous text.
SEED = 0
MIN_CHARS = 20
DEFAULT_LANGUAGES = ("en", "fr")

_LETTERS_RE = regex.compile(r"\p{L}")
# Letter runs, as the frequency lists spell words (:data:`cleanup.kinds.base.LETTER_RUN_RE`).
_WORD_RE = LETTER_RUN_RE


@functools.cache
def _factory(languages: tuple[str, ...]) -> object:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.seed = SEED
    profiles = []
    for language in languages:
        with open(os.path.join(PROFILES_DIRECTORY, language), encoding="utf-8") as stream:
            profiles.append(stream.read())
    factory.load_json_profile(profiles)
    return factory


def detect_language(text: str, *, languages: Sequence[str] = DEFAULT_LANGUAGES) -> str | None:
    """Return the most probable language code of ``text``, or None when it is too short to tell.

    >>> detect_language("Les rebelles étaient aux portes de la ville, selon l'ONG.")
    'fr'
    >>> detect_language("The rebels were at the gates of the city, the NGO said.")
    'en'
    >>> detect_language("602") is None
    True
    """
    probabilities = language_probabilities(text, languages=languages)
    if not probabilities:
        return None
    return max(probabilities, key=probabilities.__getitem__)


def language_probabilities(text: str, *, languages: Sequence[str] = DEFAULT_LANGUAGES) -> dict[str, float]:
    """Language code → probability, empty when the text is too short or has no letters."""
    from langdetect.lang_detect_exception import LangDetectException

    stripped = text.strip()
    if len(stripped) < MIN_CHARS or len(_LETTERS_RE.findall(stripped)) < MIN_CHARS // 2:
        return {}
    detector = _factory(tuple(languages)).create()  # type: ignore[attr-defined]
    detector.append(stripped)
    try:
        return {item.lang: item.prob for item in detector.get_probabilities()}
    except LangDetectException:
        return {}


def is_worth_detecting(text: str, *, min_french_words: int = 2) -> bool:
    """Cheap gate: does ``text`` hold at least a few words far more frequent in French?

    >>> is_worth_detecting("The army sent reinforcements to Hama on Tuesday.")
    False
    >>> is_worth_detecting("Les rebelles étaient aux portes de la ville.")
    True
    >>> is_worth_detecting("The OSDH said so. The OSDH said it again.")
    False
    """
    return has_french_words(_WORD_RE.findall(text), min_french_words=min_french_words)


def has_french_words(words: Iterable[str], *, min_french_words: int = 2) -> bool:
    """:func:`is_worth_detecting` on words already split (a document's distinct words).

    >>> has_french_words({"les", "rebelles", "étaient"}), has_french_words({"OSDH", "les"})
    (True, False)
    """
    # Distinct lower-case words only: a French acronym or name repeated through an English
    # text (OSDH, Élysée) says nothing about its sentences' language.
    if min_french_words <= 0:
        return True
    return len(french_words_in(words, enough=min_french_words)) >= min_french_words


def french_words_in(words: Iterable[str], *, enough: int | None = None) -> set[str]:
    """The distinct ``words`` that count toward :func:`has_french_words`: lower-case first
    letter, and far more frequent in French. With ``enough``, the search may stop once it
    has found that many.

    >>> sorted(french_words_in(["Les", "rebelles", "étaient", "OSDH", "the"]))
    ['rebelles', 'étaient']
    """
    from cleanup.wordfreqs import is_french_leaning

    found = set()
    for word in set(words):
        if word[:1].islower() and is_french_leaning(word):
            found.add(word)
            if len(found) == enough:
                break
    return found
