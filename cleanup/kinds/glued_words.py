"""The ``glued-words`` builtin: two English words written without the space between them.

Extraction and MT post-processing sometimes drop a space (``governmentsaid``,
``Releasewhich``). A token is split only when the split is certain: the whole token is
unknown to the English and French word lists, it is plain letters (no digits, no inner
capital as in ``iPhone`` or ``YouTube``, not part of a URL, handle, hashtag or file name),
and exactly one split point gives two halves that are both common English words, at least
one of them a short function word (``said``, ``which``, ``the``) from the pack's list.
Any other case (no split, or several) reports nothing. A token unknown to the lists may still
be a word, and then it is left alone: a particle that English glues into hyphenless
compounds, in the place it takes there (``over-`` in ``overmighty``, ``overmanning``;
``-about`` in ``runabout``; the pack's ``compound_parts``), makes a rare compound, not two
words; and a capitalised token that starts with a function word (``Hadfield``, ``Overmars``)
is a name. So is an inflection or the other spelling of a word wordfreq lists (``notabilities``
from ``notability``, ``notarise`` beside ``notarize``), asked only of a token about to be split.

Whether wordfreq lists a token at all is the last test, and wordfreq costs half a second
to load: ``listed_words`` names the list ``tools/build_lexicons.py`` generates of the listed
words this rule could split (its header records the function words and ``min_half_zipf``
it was built for). When the rule's own are covered by those, a token that splits is listed
exactly when the list holds it, and wordfreq never loads; otherwise the rule asks wordfreq.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Edit, Finding, Span

# Candidate tokens: an optional capital, then at least six lower-case letters.
_MIN_LENGTH = 6  # the shortest candidate below: six lower-case letters
_CANDIDATE_RE = re.compile(r"(?<![\w@#/.\-'’])[A-ZÀ-Ý]?[a-zß-öø-ÿ]{6,}(?![\w@/\-'’]|\.[a-z])")


class GluedWordsKind:
    name: ClassVar[str] = "glued-words"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "function_words": KeySpec(str, required=True, doc="word list: halves that make a split believable"),
        "min_half_zipf": KeySpec(float, default=3.0, doc="least English Zipf value of each half"),
        "listed_words": KeySpec(
            str, doc="generated word list (tools/build_lexicons.py): the listed words this rule could split"
        ),
        "compound_parts": KeySpec(
            str,
            doc="word list: particles that form hyphenless compounds, as prefixes (over-) or suffixes (-about)",
        ),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        meta: RuleMeta,
        function_words: frozenset[str],
        min_half_zipf: float,
        listed: ListedWords | None = None,
        *,
        prefixes: frozenset[str] = frozenset(),
        suffixes: frozenset[str] = frozenset(),
    ) -> None:
        self.meta = meta
        self.function_words = function_words
        self.min_half_zipf = min_half_zipf
        self.listed = listed
        self.prefixes = prefixes
        self.suffixes = suffixes

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> GluedWordsKind:
        words = frozenset(word.lower() for word in context.word_list(options["function_words"], "function_words"))
        min_half_zipf = float(options["min_half_zipf"])
        listed = None
        if options["listed_words"] is not None:
            path, label = context.data_path(options["listed_words"], "listed_words")
            listed = ListedWords(path, label, meta.id)
            listed.load()  # validated now, so that an error names the file and line
        prefixes: set[str] = set()
        suffixes: set[str] = set()
        if options["compound_parts"] is not None:
            _, label = context.data_path(options["compound_parts"], "compound_parts")
            for part in context.word_list(options["compound_parts"], "compound_parts"):
                part = part.lower()
                if part.endswith("-") and not part.startswith("-"):
                    prefixes.add(part[:-1])
                elif part.startswith("-") and not part.endswith("-"):
                    suffixes.add(part[1:])
                else:
                    raise RulePackError(label, None, meta.id, f"compound part '{part}' must be 'over-' or '-about'")
        return cls(meta, words, min_half_zipf, listed, prefixes=frozenset(prefixes), suffixes=frozenset(suffixes))

    def _is_listed(self, lower: str) -> bool:
        """Whether wordfreq lists ``lower`` (a token not in the table that splits)."""
        listed = self.listed
        if listed is not None:
            words = listed.covering(self.function_words, self.min_half_zipf)
            if words is not None:
                return lower in words
        from cleanup.wordfreqs import is_listed

        return is_listed(lower)

    def check(self, doc: Document) -> Iterator[Finding]:
        from cleanup.wordfreqs import in_table, searching, words_not_in_table

        # Gate on the document's distinct words first (shared, computed once): a candidate
        # token is a whole letter run, so its lower case is one of them; when no unknown
        # long word splits, no token can (the ``×`` the candidate class also admits is
        # not a letter, and a half starting with it is never a common word). Most documents
        # stop here without a Python-level scan of their tokens. A run that looks words up
        # one by one (one file) asks only about words as long as a candidate; a candidate
        # among the words asked about that is not unknown is in the table.
        words = doc.lower_words
        if searching():
            words = frozenset(word for word in words if len(word) >= _MIN_LENGTH)
        unknown = words_not_in_table(words)
        if not any(len(word) >= _MIN_LENGTH and self._split(word) is not None for word in unknown):
            return
        for match in _CANDIDATE_RE.finditer(doc.text):
            token = match.group(0)
            lower = token.lower()
            if lower not in unknown and (lower in words or in_table(lower)):
                continue  # a common English or French word
            split = self._split(lower)
            # Only a token that splits is looked up in the full lists.
            if split is None or self._may_be_word(token, split) or self._is_listed(lower):
                continue
            if _is_form_of_listed_word(lower):
                continue  # notabilities, notarise, wassailed: a form of a word wordfreq lists
            point = match.start() + split
            yield self.meta.finding(
                doc,
                match.start(),
                match.end(),
                edits=(Edit(Span(point, point), " "),),
                fields={"replacement": f"{token[:split]} {token[split:]}"},
            )

    def _may_be_word(self, token: str, split: int) -> bool:
        """Whether ``token``, unknown to the lists, may still be a word: a rare compound or a name.

        >>> rule = GluedWordsKind(None, frozenset({"over", "about", "the", "had", "said", "there", "was"}), 3.0,
        ...                       prefixes=frozenset({"over", "there"}), suffixes=frozenset({"about"}))
        >>> [rule._may_be_word(t, s) for t, s in [("overmighty", 4), ("overthe", 4), ("runabout", 3),
        ...                                        ("thereabout", 5), ("wasabout", 3), ("Hadfield", 3),
        ...                                        ("governmentsaid", 10), ("Releasesaid", 7)]]
        [True, False, True, True, False, True, False, False]
        """
        lower = token.lower()
        left, right = lower[:split], lower[split:]
        if left in self.prefixes and right not in self.function_words:
            return True  # over- + mighty: a hyphenless compound
        if right in self.suffixes and (left not in self.function_words or left in self.prefixes):
            return True  # run + -about, there- + -after
        return token[0].isupper() and left in self.function_words  # Hadfield, Overmars: a name

    def _split(self, lower: str) -> int | None:
        from cleanup.wordfreqs import zipf_at_least

        found = []
        for index in range(2, len(lower) - 1):
            left, right = lower[:index], lower[index:]
            if left not in self.function_words and right not in self.function_words:
                continue
            if zipf_at_least("en", left, self.min_half_zipf) and zipf_at_least("en", right, self.min_half_zipf):
                found.append(index)
        return found[0] if len(found) == 1 else None


#: Inflections and British/American spellings: (ending, what replaces it in the base form).
_FORMS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("ises", "ize"),
    ("ised", "ize"),
    ("ising", "ize"),
    ("our", "or"),
)
_MIN_BASE = 4


def _is_form_of_listed_word(lower: str) -> bool:
    """Whether ``lower`` is an inflection or the other spelling of a word wordfreq lists.

    A glued token is two words only when it is not itself a word; wordfreq lists base forms
    more often than their rarer inflections (``notability`` but not ``notabilities``) and one
    spelling more often than the other (``notarize``, not ``notarise``).

    >>> [_is_form_of_listed_word(w) for w in ("notabilities", "wassailed", "theirfamilies", "governmentsaid")]
    [True, True, False, False]
    """
    from cleanup.wordfreqs import is_listed

    candidates = set()
    for ending, base_ending in _FORMS:
        if lower.endswith(ending):
            base = lower[: len(lower) - len(ending)] + base_ending
            candidates.add(base)
            if ending in ("ed", "ing") and len(base) > 2 and base[-1] == base[-2]:
                candidates.add(base[:-1])  # doubled consonant: planned, running
    return any(len(base) >= _MIN_BASE and is_listed(base) for base in candidates)


class ListedWords:
    """``listed_words``: a generated list and the function words and threshold it covers."""

    def __init__(self, path: Path, label: str, rule_id: str) -> None:
        self.path = path
        self.label = label
        self.rule_id = rule_id
        self._loaded: tuple[frozenset[str], frozenset[str], float] | None = None

    def load(self) -> tuple[frozenset[str], frozenset[str], float]:
        """(words, function words, min_half_zipf) from the file; errors name the file and line."""
        if self._loaded is None:
            self._loaded = self._read()
        return self._loaded

    def covering(self, function_words: frozenset[str], min_half_zipf: float) -> frozenset[str] | None:
        """The words, when the list was built for these function words (or more) and this
        threshold (or a lower one): it then holds every listed word the rule can split."""
        words, built_for, built_zipf = self.load()
        if function_words <= built_for and min_half_zipf >= built_zipf:
            return words
        return None

    def _read(self) -> tuple[frozenset[str], frozenset[str], float]:
        from cleanup.packs.lexicon import data_lines

        header: dict[str, tuple[int, str]] = {}
        try:
            raw = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RulePackError(self.label, None, self.rule_id, f"cannot read the list: {error}") from None
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.startswith("#"):
                if line.strip():
                    break  # the header is the comment lines at the top
                continue
            key, colon, value = line[1:].partition(":")
            if colon and key.strip() in _HEADER_KEYS:
                header[key.strip()] = (number, value.strip())
        missing = [key for key in _HEADER_KEYS if key not in header]
        if missing:
            raise RulePackError(self.label, None, self.rule_id, f"header line '# {missing[0]}: ...' is missing")
        number, value = header["min-half-zipf"]
        try:
            zipf = float(value)
        except ValueError:
            raise RulePackError(self.label, number, self.rule_id, f"min-half-zipf {value!r} is not a number") from None
        function_words = frozenset(header["function-words"][1].lower().split())
        words = frozenset(text.strip().lower() for _, text in data_lines(raw, self.label))
        return words, function_words, zipf


_HEADER_KEYS = ("min-half-zipf", "function-words")
