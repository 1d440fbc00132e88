"""``leftover`` rules in ``mode = "inline"``: French words left in running English text.

A word is French when it is at least ``margin`` Zipf units more frequent in French than in
English (wordfreq). Words that are also common English (``pour``, ``en``, ``la``: Zipf ≥
``english_ceiling`` in English) are *weak*: they count only next to a *strong* French word,
unless the pack lists them as French function words that English never uses alone
(``dans``, ``selon``, ``les``). Words that need their right-hand context (``dont``, which
is also "don't" without its apostrophe) come with a regex the following text must match.

Precision first, so a run of French words is left alone when it is a name or a quotation:
capitalised words (names) break runs, except a sentence-initial French function word
followed by lower-case English (``Selon the ministry``); runs between two capitalised words
or right after a French-looking capitalised word (``Place de la Concorde``, ``Assemblée
nationale``) are names; words touching a hyphen (``Aix-en-Provence``), a URL, a handle or a
hashtag are skipped; allow-listed phrases (``coup d'état``, ``déjà vu``, ``Le Monde``, with
or without accents) are cut out, except a lone loanword between two French words (``le
milieu de``); the ``-s`` form of an English word (``rues``, ``vies``) and a function word
after an English determiner (``his nous``) are English; text inside guillemets or inside a
quotation that is mostly French (double or single quotes, straight or curly, over the lines
of a hard-wrapped paragraph) is quoted French; a sentence that is mostly French is left to
the whole-sentence rule.

The glossary gives the English. The fix is ``safe`` only when every word of the run has one
unambiguous translation and the words around the run are English; ``unsafe`` otherwise;
no fix when a word has no glossary entry.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from cleanup.errors import RuleTimeoutError
from cleanup.kinds.base import QUOTED_ASIDES, Document, RuleMeta
from cleanup.model import Applicability, Finding

if TYPE_CHECKING:
    from cleanup.kinds.leftover import GlossaryEntry
    from cleanup.wordfreqs import WordTest

    #: A set of lower-case words, or a test that answers as membership in it would.
    _Words = frozenset[str] | WordTest

# Words as the frequency lists spell them: letters only, split at apostrophes and hyphens.
_WORD_RE = re.compile(r"[^\W\d_]+")
# An elided French article or pronoun glued to a lower-case word: l’opposition, d’avance.
_ELISION_RE = re.compile(r"(?<![^\W\d_])(?:[cdjlmnst]|qu)['\N{RIGHT SINGLE QUOTATION MARK}](?=[^\W\d_A-Z])")
# The two scans below start at the apostrophe and look behind it: a pattern that starts with
# a lookbehind is tried at every position of the text, one that starts with a character
# class lets the engine skip ahead to the next apostrophe (about four times faster).
_ELISION_GATE_RE = re.compile(
    r"['\N{RIGHT SINGLE QUOTATION MARK}]"
    r"(?:(?<=(?<![^\W\d_])[cdjlmnst].)|(?<=(?<![^\W\d_])qu.))"
    r"(?=[^\W\d_A-Z])"
)
# Necessary for an elision token on a line (one C-speed scan): ``l’``, ``qu’``, ``jusqu’``.
_LINE_ELISION_RE = re.compile(
    r"['\N{RIGHT SINGLE QUOTATION MARK}]"
    r"(?:(?<=(?<![^\W\d_])[cdjlmnst].)|(?<=(?<![^\W\d_])qu.)"
    r"|(?<=(?<![^\W\d_])(?i:jusqu).)|(?<=(?<![^\W\d_])(?i:lorsqu|puisqu|quoiqu|presqu).))"
)
_GUILLEMETS_RE = re.compile(r"«[^«»\n]*»")
# Short bracketed insertions belong to the bracketed-words rule; short single-quoted words
# (the ‘bidonvilles,’ or shanty towns) are a French term being glossed.
_BRACKETS_RE = re.compile(r"\[[^\[\]\n]{1,60}\]")
_SINGLE_QUOTED_RE = re.compile(
    r"\N{LEFT SINGLE QUOTATION MARK}"
    r"[^\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}\n]{1,40}"
    r"\N{RIGHT SINGLE QUOTATION MARK}(?![^\W\d_])"
)
# A quotation over a whole paragraph: double (curly, closed by ” or », or straight) or single,
# across the line breaks of a hard-wrapped paragraph but never across a blank line.
_QUOTATION_RE = re.compile(
    r"\N{LEFT DOUBLE QUOTATION MARK}"
    r"[^\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}\n]*"
    r"(?:\n(?![ \t]*\r?\n)[^\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}\n]*)*"
    r"[\N{RIGHT DOUBLE QUOTATION MARK}»]"
    r'|"[^"\n]*(?:\n(?![ \t]*\r?\n)[^"\n]*)*"' + QUOTED_ASIDES
)
_QUOTATION_OPENERS = ("\N{LEFT DOUBLE QUOTATION MARK}", '"', "\N{LEFT SINGLE QUOTATION MARK}", "'", "_", "*")
_SENTENCE_END_RE = re.compile(r"[.!?…]['\"\N{RIGHT DOUBLE QUOTATION MARK})»]*\s+$")
_SENTENCE_START_STRIP = ' \t\N{LEFT DOUBLE QUOTATION MARK}"«(\N{NO-BREAK SPACE}'
_SENTENCE_END_MARKS = ".!?…"
_SENTENCE_END_CLOSERS = "'\"\N{RIGHT DOUBLE QUOTATION MARK})»"
_APOSTROPHES = "'\N{RIGHT SINGLE QUOTATION MARK}"
# Longer elided words (jusqu’à, lorsqu’il): elisions like the one-letter ones.
_LONG_ELISIONS = frozenset({"jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"})
_OPENERS = '(\N{LEFT DOUBLE QUOTATION MARK}"\N{LEFT SINGLE QUOTATION MARK}[«\N{EM DASH}\N{EN DASH}'
_CLOSERS = (
    ".,;:!?)\N{RIGHT DOUBLE QUOTATION MARK}\"\N{RIGHT SINGLE QUOTATION MARK}']»"
    "\N{HORIZONTAL ELLIPSIS}\N{EM DASH}\N{EN DASH}"
)
#: A sentence whose words are at least this share French belongs to the whole-sentence rule.
_FRENCH_SENTENCE_SHARE = 0.6
#: An ``-s`` form at least this frequent in English, of a stem at least ``_STEM_ZIPF``, is
#: an English inflection (``Ferguson rues failure``, ``Little Britain vies for``).
_INFLECTION_ZIPF = 2.0
_STEM_ZIPF = 3.0
#: Forms of address: the words after one are a title (monsieur l’abbé, madame la marquise).
_FORMS_OF_ADDRESS = frozenset({"monsieur", "madame", "mademoiselle", "messieurs", "mesdames", "monseigneur"})
#: English determiners: a French function word after one is used as an English noun.
_ENGLISH_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "my", "your", "our", "this", "that"})
#: English words this frequent (Zipf) around a run make the context "clearly English".
_ENGLISH_CONTEXT_ZIPF = 3.0


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    lower: str
    strong: bool = False
    french: bool = False
    elision: bool = False
    index: int = 0  # position in the line's token list


class InlineFrench:
    """The compiled matcher of an inline leftover rule (built by ``LeftoverKind.build``)."""

    #: Levels below the rule's ``fix`` a finding can carry (listed by ``mt-cleanup rules``).
    lowered_levels: ClassVar[frozenset[Applicability]] = frozenset({Applicability.UNSAFE, Applicability.NONE})

    def __init__(
        self,
        meta: RuleMeta,
        glossary: dict[tuple[str, ...], GlossaryEntry],
        *,
        margin: float,
        min_french: float,
        english_ceiling: float,
        allow: tuple[str, ...],
        function_words: frozenset[str],
        context_words: dict[str, Any],
        particles: frozenset[str],
        timeout: float = 2.0,
    ) -> None:
        self.timeout = timeout
        self.meta = meta
        self.glossary = glossary
        self.longest = max((len(key) for key in glossary), default=1)
        self.margin = margin
        self.min_french = min_french
        self.english_ceiling = english_ceiling
        self.function_words = function_words
        self.context_words = context_words
        self.particles = particles
        self.phrases = sorted({item for item in allow if item}, key=len, reverse=True)
        self._sets: tuple[frozenset[str], frozenset[str]] | None = None
        self._tests: tuple[WordTest, WordTest] | None = None

    # The allow-list patterns are compiled on first use (~25 ms): a document without a
    # strong French run, as most are, never needs them.
    @cached_property
    def allow_re(self) -> re.Pattern[str]:
        """Any allow-listed phrase, as a whole-word match (case and spacing as the list allows)."""
        body = "|".join(_phrase_pattern(item) for item in self.phrases) or "(?!)"
        return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])", re.IGNORECASE)

    @cached_property
    def allow_words_re(self) -> re.Pattern[str] | None:
        """The words of the allow-listed phrases (:func:`_allow_words_pattern`)."""
        return _allow_words_pattern(self.phrases)

    def _word_sets(self) -> tuple[_Words, _Words]:
        """(strong, all French) lower-case words: sets built on the first document of a busy
        run, or word-by-word tests while the run has asked about few words (one file)."""
        if self._sets is None:
            from cleanup import wordfreqs

            if wordfreqs.searching():
                if self._tests is None:
                    self._tests = self._word_tests()
                if self._tests is not None:
                    return self._tests
            french = wordfreqs.french_words(self.margin, self.min_french)
            strong = set(wordfreqs.french_words_rare_in_english(self.margin, self.min_french, self.english_ceiling))
            strong.update(word for word in self.function_words if word in french)
            self._sets = (frozenset(strong), french | self.function_words)
        return self._sets

    def _word_tests(self) -> tuple[WordTest, WordTest] | None:
        """The two sets of :meth:`_word_sets` as exact word tests, when the table decides."""
        from cleanup.wordfreqs import WordTest, french_word_test, zipf_at_least

        leaning = french_word_test(self.margin, self.min_french)
        if leaning is None:
            return None
        function_words, ceiling = self.function_words, self.english_ceiling

        def is_strong(word: str) -> bool:
            # french_words_rare_in_english, plus the function words that lean French
            return word in leaning and (word in function_words or not zipf_at_least("en", word, ceiling))

        return WordTest(is_strong), WordTest(lambda word: word in function_words or word in leaning)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        strong, french = self._word_sets()
        words = doc.lower_words
        hits = set(strong.intersection(words))
        hits.update(word for word in self.context_words if word in words)
        if not hits and not _ELISION_GATE_RE.search(text):
            return
        # A line can only report when it holds a strong token: a word whose lower case is
        # strong (or a context word) and which is not capitalised, unless it is a function
        # word or glossary word (``Selon the ministry``); or an elision. The spellings that
        # can be strong are collected once per document, and each line is gated on them with
        # a few C-speed substring searches; only lines that pass are tokenised in Python.
        live = frozenset(
            word
            for word, lower in zip(doc.words, map(str.lower, doc.words), strict=True)
            if (lower in strong or lower in self.context_words)
            and (not word[:1].isupper() or lower in self.function_words or (lower,) in self.glossary)
        )
        if not live and not _has_elision(text, 0, len(text)):
            return
        mentioned, quoted = _quoted_french(text, french)
        lines = doc.lines
        holding = doc.spans_holding(live, lines)
        for number, (start, end) in enumerate(lines):
            if number not in holding and not _has_elision(text, start, end):
                continue
            yield from self._check_line(doc, start, end, strong, french, mentioned, quoted)

    def _check_line(
        self,
        doc: Document,
        line_start: int,
        line_end: int,
        strong: _Words,
        french: _Words,
        mentioned: tuple[str, ...],
        quoted: list[tuple[int, int]],
    ) -> Iterator[Finding]:
        text = doc.text
        line = text[line_start:line_end]
        tokens = self._tokens(text, line_start, line_end, strong, french)
        if not any(token.strong for token in tokens):
            return
        edges = _wrapped_neighbours(doc, line_start, line_end)
        runs = [run for run in self._runs(text, tokens, line_start, edges) if any(token.strong for token in run)]
        if not runs:
            return
        # Quotations and allow-listed phrases first; the sentence split (nltk) only when a
        # reportable piece is left, since removing more tokens can only remove findings.
        # An allow-listed phrase can only hide a token whose letters are one of its words:
        # the phrase scan (an alternation tried at every position) runs only then.
        allow_words_re = self.allow_words_re
        may_be_allowed = allow_words_re is None or any(
            allow_words_re.fullmatch(token.text.rstrip(_APOSTROPHES)) for run in runs for token in run
        )
        blocked = self._quoted_ranges(line, line_start)
        if may_be_allowed:
            blocked.extend(self._allowed_ranges(text, line_start, line_end, tokens))
        blocked.extend(quoted)
        runs = [[token for token in run if not _inside(token, blocked)] for run in runs]
        if not any(self._reportable(text, piece, mentioned) for run in runs for piece in _split_contiguous(text, run)):
            return
        sentences = self._french_sentence_ranges(line, line_start, french)
        for run in runs:
            run = [token for token in run if not _inside(token, sentences)]
            for piece in _split_contiguous(text, run):
                if self._reportable(text, piece, mentioned):
                    yield from self._finding(doc, piece, tokens, line_start)

    @staticmethod
    def _reportable(text: str, piece: list[_Token], mentioned: tuple[str, ...]) -> bool:
        if not any(token.strong for token in piece):
            return False
        phrase = text[piece[0].start : piece[-1].end].lower()
        # A French phrase the text quotes elsewhere (« On lâche rien ») is not a leftover.
        return not any(phrase in quoted for quoted in mentioned)

    def _tokens(self, text: str, line_start: int, line_end: int, strong: _Words, french: _Words) -> list[_Token]:
        tokens: list[_Token] = []
        for match in _WORD_RE.finditer(text, line_start, line_end):
            word = match.group(0)
            lower = word.lower()
            token = _Token(match.start(), match.end(), word, lower)
            end = match.end()
            if (
                end + 1 < line_end
                and text[end] in _APOSTROPHES
                and text[end + 1].islower()
                and (lower in _LONG_ELISIONS or _ELISION_RE.match(text, match.start()))
            ):
                token.end = end + 1
                token.text = text[match.start() : end + 1]
                token.lower = lower + "'"
                token.elision = token.french = token.strong = True
            elif lower in french and not self._is_english_inflection(lower):
                token.french = True
                token.strong = lower in strong
            elif lower in self.context_words:
                following = self.context_words[lower]
                try:
                    follows = following.match(text, end, line_end, timeout=self.timeout) is not None
                except TimeoutError:
                    raise RuleTimeoutError(self.meta.id, self.timeout, None) from None
                if follows:
                    token.french = token.strong = True
            token.index = len(tokens)
            tokens.append(token)
        for index, token in enumerate(tokens):
            if not token.french:
                continue
            after_elision = index > 0 and tokens[index - 1].elision and tokens[index - 1].end == token.start
            if not after_elision and _touches_other_text(text, token, line_start, line_end):
                token.french = token.strong = False
            elif (
                token.lower in self.function_words
                and index > 0
                and tokens[index - 1].lower in _ENGLISH_DETERMINERS
                and _adjacent(text, tokens[index - 1], token)
            ):
                # A French pronoun or preposition never heads a noun phrase: after an English
                # determiner the word is English (the flanker showed his nous).
                token.french = token.strong = False
            elif token.text[:1].isupper():
                if (
                    not (
                        token.strong
                        and (token.lower in self.function_words or (token.lower,) in self.glossary)
                        and _is_sentence_start(text, line_start, token.start)
                        and index + 1 < len(tokens)
                        and tokens[index + 1].text[:1].islower()
                        and not tokens[index + 1].french
                    )
                    or token.text[1:2].isupper()
                ):
                    token.french = token.strong = False
        return tokens

    def _is_english_inflection(self, lower: str) -> bool:
        """An English word's ``-s`` form that English text uses too: ``vies``, ``rues``,
        ``buts`` (Zipf ≥ ``_INFLECTION_ZIPF`` in English, its stem ≥ ``_STEM_ZIPF``).

        French plurals of English-looking stems are as frequent in French, so the English
        frequency of the inflected form itself decides; listed function words never are.
        """
        if not lower.endswith("s") or len(lower) < 4 or lower in self.function_words:
            return False
        from cleanup.wordfreqs import zipf_at_least

        return zipf_at_least("en", lower, _INFLECTION_ZIPF) and zipf_at_least("en", lower[:-1], _STEM_ZIPF)

    def _runs(
        self, text: str, tokens: list[_Token], line_start: int, edges: tuple[_Token | None, _Token | None]
    ) -> Iterator[list[_Token]]:
        """Maximal runs of French tokens that are not part of a name (``edges``: the words
        before and after the line when a hard-wrapped paragraph runs over it)."""
        index = 0
        while index < len(tokens):
            if not tokens[index].french:
                index += 1
                continue
            stop = index
            while (
                stop + 1 < len(tokens) and tokens[stop + 1].french and _adjacent(text, tokens[stop], tokens[stop + 1])
            ):
                stop += 1
            run = tokens[index : stop + 1]
            before = tokens[index - 1] if index > 0 and _adjacent(text, tokens[index - 1], run[0]) else None
            after = tokens[stop + 1] if stop + 1 < len(tokens) and _adjacent(text, run[-1], tokens[stop + 1]) else None
            if index == 0 and _only_space(text, line_start, run[0].start):
                before = edges[0]  # Assemblée⏎nationale in a hard-wrapped paragraph
            if stop == len(tokens) - 1 and _only_space(text, run[-1].end, _line_end(text, run[-1].end)):
                after = edges[1]
            if not self._is_in_name(text, line_start, run, before, after):
                yield run
            index = stop + 1

    def _is_in_name(
        self, text: str, line_start: int, run: list[_Token], before: _Token | None, after: _Token | None
    ) -> bool:
        if before is not None and before.lower in _FORMS_OF_ADDRESS:
            return True  # monsieur l’abbé, madame la marquise: a title, as a name
        before_is_name = (
            before is not None and before.text[:1].isupper() and not _is_sentence_start(text, line_start, before.start)
        )
        if before_is_name and after is not None and after.text[:1].isupper():
            return True  # Place de la Concorde, Société Générale de Banque
        if before_is_name and before is not None:
            from cleanup.wordfreqs import zipf

            if run[0].lower.rstrip("'") in self.particles:
                return True  # Société de transport de Montréal, Charles de Gaulle
            if zipf("fr", before.lower) > zipf("en", before.lower):
                return True  # Assemblée nationale, Cour de cassation
        if (
            before is not None
            and after is not None
            and after.text[:1].isupper()
            and all(token.lower.rstrip("'") in self.particles for token in run)
            and not before.french
        ):
            from cleanup.wordfreqs import zipf

            if zipf("fr", before.lower) > zipf("en", before.lower):
                return True  # rue du Bac, quai des Orfèvres: a French street word, then a name
        return False

    def _allowed_ranges(self, text: str, line_start: int, line_end: int, tokens: list[_Token]) -> list[tuple[int, int]]:
        """Allow-listed phrases on one line, except a single loanword between two French
        words: ``milieu`` is English in ``a social milieu``, French in ``le milieu de``."""
        starts = {token.start: token.index for token in tokens}
        ends = {token.end: token.index for token in tokens}
        ranges = []
        for match in self.allow_re.finditer(text[line_start:line_end]):
            start, end = line_start + match.start(), line_start + match.end()
            first, last = starts.get(start), ends.get(end)
            if (
                first is not None
                and first == last
                and 0 < first < len(tokens) - 1
                and tokens[first - 1].french
                and tokens[first + 1].french
                and _adjacent(text, tokens[first - 1], tokens[first])
                and _adjacent(text, tokens[first], tokens[first + 1])
            ):
                continue
            ranges.append((start, end))
        return ranges

    def _quoted_ranges(self, line: str, line_start: int) -> list[tuple[int, int]]:
        """Guillemets, brackets and short single-quoted terms on one line (allow-listed
        phrases: :meth:`_allowed_ranges`; double quotes: :func:`_quoted_french`)."""
        blocked: list[tuple[int, int]] = []
        for pattern in (_GUILLEMETS_RE, _BRACKETS_RE, _SINGLE_QUOTED_RE):
            blocked.extend((line_start + m.start(), line_start + m.end()) for m in pattern.finditer(line))
        return blocked

    @staticmethod
    def _french_sentence_ranges(line: str, line_start: int, french: _Words) -> list[tuple[int, int]]:
        """Mostly-French sentences on one line (they belong to the whole-sentence rule)."""
        from cleanup.segment import iter_sentences

        blocked = []
        for start, end in iter_sentences(line):
            if _french_share(line[start:end], french) >= _FRENCH_SENTENCE_SHARE:
                blocked.append((line_start + start, line_start + end))
        return blocked

    def _finding(self, doc: Document, run: list[_Token], tokens: list[_Token], line_start: int) -> Iterator[Finding]:
        start, end = run[0].start, run[-1].end
        translated = self._translate(run)
        if translated is None:
            yield self.meta.finding(doc, start, end, applicability=Applicability.NONE)
            return
        english, level = translated
        if run[0].text[:1].isupper():
            english = english[:1].upper() + english[1:]
        if level is Applicability.SAFE and not self._is_english_context(doc.text, run, tokens):
            level = Applicability.UNSAFE
        if run[-1].elision:
            english += " "
        yield self.meta.finding(doc, start, end, english, applicability=level)

    def _translate(self, run: list[_Token]) -> tuple[str, Applicability] | None:
        words = [token.lower for token in run]
        pieces = []
        level = Applicability.SAFE
        index = 0
        while index < len(words):
            entry, width = None, 0
            for size in range(min(self.longest, len(words) - index), 0, -1):
                entry = self.glossary.get(tuple(words[index : index + size]))
                if entry is not None:
                    width = size
                    break
            if entry is None:
                return None
            pieces.append(entry.english)
            if entry.is_ambiguous:
                level = Applicability.UNSAFE
            index += width
        return " ".join(pieces), level

    def _is_english_context(self, text: str, run: list[_Token], tokens: list[_Token]) -> bool:
        from cleanup.wordfreqs import zipf

        position = run[0].index
        neighbours = []
        if position > 0:
            neighbours.append(tokens[position - 1])
        after = position + len(run)
        if after < len(tokens):
            neighbours.append(tokens[after])
        if not neighbours:
            return False
        for token in neighbours:
            if token.french:
                return False
            english = zipf("en", token.lower)
            if not token.text[:1].isupper() and (
                english < _ENGLISH_CONTEXT_ZIPF or english < zipf("fr", token.lower) - 1.0
            ):
                return False
        return any(
            zipf("en", token.lower) >= _ENGLISH_CONTEXT_ZIPF and not token.text[:1].isupper() for token in neighbours
        )


def _phrase_pattern(phrase: str) -> str:
    """A regex for an allow-listed phrase: any apostrophe, any run of spaces or a hyphen,
    and each accented letter with or without its accent (English often drops them:
    ``raison d'etre``, ``coup d'etat``).

    >>> print(_phrase_pattern("déjà vu"))
    d[ée]j[àa][\\s\\-]+vu
    """
    parts = []
    for character in phrase:
        if character in _APOSTROPHES:
            parts.append("['\N{RIGHT SINGLE QUOTATION MARK}]")
        elif character == " ":
            parts.append(r"[\s\-]+")
        elif character == "-":
            parts.append(r"(?:\s*-\s*|\s+)")  # savoir-vivre, savoir vivre, savoir - vivre
        elif _strip_accents(character) != character:
            parts.append(f"[{re.escape(character)}{re.escape(_strip_accents(character))}]")
        else:
            parts.append(re.escape(character))
    return "".join(parts)


def _strip_accents(word: str) -> str:
    """``word`` without its combining accents (``œ`` and other ligatures are kept).

    >>> _strip_accents("déjà vu")
    'deja vu'
    """
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _allow_words_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """The words of the allow-listed phrases, for a cheap necessary test of the phrase scan.

    A token inside a match of an allow-listed phrase is a maximal letter run of the text, so
    its letters match one maximal letter run of the phrase (case-insensitively, as the
    phrase scan does). That holds when no character of a phrase matches a letter while not
    being one, or the reverse, under ``re.IGNORECASE``: true of ASCII and of the Latin
    letter blocks (U+00C0-U+024F), whose case variants (``ſ``, ``K``, ``Å``) are all letters. A
    phrase with any other character turns the test off (None): every line is then scanned.
    """
    words: set[str] = set()
    for phrase in phrases:
        if any(not (char.isascii() or 0xC0 <= ord(char) <= 0x24F) for char in phrase):
            return None
        words.update(_WORD_RE.findall(phrase))
        words.update(_WORD_RE.findall(_strip_accents(phrase)))
    body = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(f"(?:{body})", re.IGNORECASE)


def _quoted_french(text: str, french: _Words) -> tuple[tuple[str, ...], list[tuple[int, int]]]:
    """The document's French quotations: lower-cased phrases the text is talking about (in
    guillemets, or in double quotes and mostly French), and the spans of the latter.

    A quotation may run over the lines of a hard-wrapped paragraph, straight quotes count
    as curly ones (``"Vive l'Empereur!"``) and single quotes as double ones (a song's
    ``‘Tous les méchants sont buveurs d’eau’``), and emphasis (``_Les Misérables_``) as
    quotes: quoted French is French on purpose.
    """
    quoted = [match.group(0)[1:-1].lower() for match in _GUILLEMETS_RE.finditer(text)]
    spans = []
    if any(mark in text for mark in _QUOTATION_OPENERS):
        for match in _QUOTATION_RE.finditer(text):
            if _french_share(match.group(0), french) >= _FRENCH_SENTENCE_SHARE:
                quoted.append(" ".join(match.group(0)[1:-1].lower().split()))
                spans.append(match.span())
    return tuple(quoted), spans


def _wrapped_neighbours(doc: Document, line_start: int, line_end: int) -> tuple[_Token | None, _Token | None]:
    """The last word of the line before and the first word of the line after, when a
    hard-wrapped paragraph joins them to this line (:func:`cleanup.segment.join_wrapped_lines`)."""
    key = "inline-french-wrapped-blocks"
    blocks = doc.memo.get(key)
    if blocks is None:
        from cleanup.segment import join_wrapped_lines

        blocks = {
            line: number
            for number, block in enumerate(join_wrapped_lines(doc.text))
            if len(block) > 1
            for line in block
        }
        doc.memo[key] = blocks
    assert isinstance(blocks, dict)
    block = blocks.get((line_start, line_end))
    if block is None:
        return None, None
    text = doc.text
    spans = doc.lines
    index = bisect.bisect_left(spans, (line_start, line_end))
    before = after = None
    if index > 0 and blocks.get(spans[index - 1]) == block:
        words = list(_WORD_RE.finditer(text, *spans[index - 1]))
        if words:
            before = _Token(words[-1].start(), words[-1].end(), words[-1].group(0), words[-1].group(0).lower())
    if index + 1 < len(spans) and blocks.get(spans[index + 1]) == block:
        word = _WORD_RE.search(text, *spans[index + 1])
        if word is not None:
            after = _Token(word.start(), word.end(), word.group(0), word.group(0).lower())
    return before, after


def _only_space(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _has_elision(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold an elision token (what ``_tokens`` requires of one)."""
    for match in _LINE_ELISION_RE.finditer(text, start, end):
        if match.end() < end and text[match.end()].islower():
            return True
    return False


def _inside(token: _Token, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= token.start and token.end <= end for start, end in ranges)


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """True when only spaces (or nothing, after an elision) separate two tokens."""
    between = text[left.end : right.start]
    return (between == "" and left.elision) or (between != "" and between.isspace() and "\n" not in between)


def _split_contiguous(text: str, run: list[_Token]) -> Iterator[list[_Token]]:
    piece: list[_Token] = []
    for token in run:
        if piece and not _adjacent(text, piece[-1], token):
            yield piece
            piece = []
        piece.append(token)
    if piece:
        yield piece


def _touches_other_text(text: str, token: _Token, line_start: int, line_end: int) -> bool:
    """A word glued to a hyphen, a URL, a handle or a hashtag is not running text."""
    before = text[token.start - 1] if token.start > line_start else " "
    after = text[token.end] if token.end < line_end else " "
    if not (before.isspace() or before in _OPENERS) or not (after.isspace() or after in _CLOSERS or token.elision):
        return True  # Aix-en-Provence, example.fr/selon, #mais, mojibake like Ã‰tienne
    return after == "." and token.end + 1 < line_end and text[token.end + 1].isalnum()


def _is_sentence_start(text: str, line_start: int, position: int) -> bool:
    """Only openers before ``position`` on its line, or a sentence end then spaces.

    Read backwards from ``position`` (the answer of ``_SENTENCE_END_RE`` on the line so far,
    without copying or scanning the line: a long line made this quadratic).
    """
    index = position
    while index > line_start and text[index - 1] in _SENTENCE_START_STRIP:
        index -= 1
    if index == line_start:
        return True
    while index > line_start and text[index - 1].isspace():
        index -= 1
    while index > line_start and text[index - 1] in _SENTENCE_END_CLOSERS:
        index -= 1
    return index > line_start and text[index - 1] in _SENTENCE_END_MARKS


def _french_share(text: str, french: _Words) -> float:
    words = _WORD_RE.findall(text.lower())
    if len(words) < 4:
        return 0.0
    return sum(1 for word in words if word in french) / len(words)
