"""Bilingual checks of a translation against its French source, in the spirit of translation-QA tools.

Given the French original and the English text of one document, report numbers of the
source that are missing or changed in the target (after normalising French formats:
``12 400`` = ``12,400``, ``2,7 %`` = ``2.7%``, ``18 h 30`` = ``6:30 pm``), target sentences
left in French (langdetect, seeded, behind the cheap :func:`cleanup.langid.is_worth_detecting`
gate) or identical to a source sentence, and French acronyms of the source whose English
form (from the fr-en pack's ``acronyms.tsv``, read with its context columns as rule ACR001
reads it) never appears in the target. Documents are
compared as wholes, not sentence by sentence (MT output is rarely aligned one to one), so a
"changed" number is an unmatched source number paired, in reading order, with an unmatched
target number. Checking is pure: no file I/O except loading the acronym table once.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import regex

from cleanup import segment
from cleanup.errors import RulePackError, RuleTimeoutError
from cleanup.langid import detect_language, is_worth_detecting
from cleanup.packs.lexicon import SwapRow, load_swap_table
from cleanup.packs.loader import DEFAULT_MATCH_TIMEOUT, bundled_rules_dir

ACRONYMS_FILE = "fr-en/lexicons/acronyms.tsv"

# A French number: times (18 h 30, 18h), then numbers with space/NBSP/narrow-NBSP thousands
# separators and a decimal comma, an optional ordinal suffix (1er, 2e), percent and scale word.
FRENCH_NUMBER_RE = regex.compile(
    r"""
    (?<![\w,.])
    (?:
        (?P<hour>[01]?\d|2[0-3])\s?h(?:\s?(?P<minute>[0-5]\d))?(?!\w)
      |
        (?P<number>\d{1,3}(?:[\ \N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}]\d{3})+(?!\d)|\d+)
        (?:,(?P<decimal>\d+))?
        (?:er|re|e|ème|eme)?(?!\w)
        (?:\s?(?P<percent>%|pour\s?cent\b))?
        (?:\s(?P<scale>millions?|milliards?)\b)?
    )
    """,
    regex.VERBOSE,
)

# An English number: 12-hour times (6:30 pm, 6 p.m.), 24-hour times (18:30), then numbers
# with comma thousands and a decimal point, ordinal suffix, percent and scale word.
ENGLISH_NUMBER_RE = regex.compile(
    r"""
    (?<![\w,.])
    (?:
        (?P<hour>1[0-2]|0?\d)(?:[:.](?P<minute>[0-5]\d))?\s?(?P<meridiem>[ap])\.?m(?!\w)\.?
      |
        (?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)
      |
        (?P<number>\d{1,3}(?:,\d{3})+(?!\d)|\d+)
        (?:\.(?P<decimal>\d+))?
        (?:st|nd|rd|th)?(?!\w)
        (?:\s?(?P<percent>%|percent\b|per\s?cent\b))?
        (?:\s(?P<scale>million|billion)s?\b)?
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# Number words a translator may write for a digit of the source ("3" → "three"). "one" is
# left out on purpose: it is far more often a pronoun than a number.
ENGLISH_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
}
_WORD_RE = regex.compile(r"\b\p{L}+\b")
_SCALES = {"million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9, "billion": 10**9}
MIN_IDENTICAL_WORDS = 4


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in a text: where, as written, and the normalised values it may stand for."""

    start: int
    end: int
    text: str
    values: frozenset[str]
    is_word: bool = False


@dataclass(frozen=True, slots=True)
class BilingualIssue:
    kind: str  # number-missing | number-changed | untranslated-sentence | identical-sentence | acronym-missing
    message: str
    source: str | None
    target: str | None
    line: int | None  # 1-based line in the target (sentences) or the source (numbers, acronyms)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "source": self.source,
            "target": self.target,
            "line": self.line,
        }


#: Issue kinds, in the order reports list them.
ISSUE_KINDS = ("number-missing", "number-changed", "untranslated-sentence", "identical-sentence", "acronym-missing")


def _canonical(integer: str, decimal: str | None) -> Decimal:
    return Decimal(integer + ("." + decimal if decimal else ""))


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _time(hour: int, minute: int) -> str:
    return f"{hour}:{minute:02d}"


def _number_values(integer: str, decimal: str | None, percent: str | None, scale: str | None) -> frozenset[str]:
    try:
        value = _canonical(integer, decimal)
    except InvalidOperation:
        return frozenset()
    if percent:
        return frozenset({_plain(value) + "%"})
    values = {_plain(value)}
    if scale:
        values.add(_plain(value * _SCALES[scale.lower()]))
    return frozenset(values)


def iter_french_numbers(text: str) -> Iterator[NumberMention]:
    """Numbers of a French text with their normalised values.

    >>> [sorted(item.values) for item in iter_french_numbers("12 400 morts, 2,7 % à 18 h 30")]
    [['12400'], ['2.7%'], ['18:30']]
    """
    for match in FRENCH_NUMBER_RE.finditer(text):
        if match.group("hour") is not None:
            hour = int(match.group("hour"))
            minute = match.group("minute")
            values = {_time(hour, int(minute or 0))}
            if minute is None:
                values.add(str(hour))  # "pendant 5 h" is a duration as often as a time
        else:
            integer = regex.sub(r"\D", "", match.group("number"))
            values = set(_number_values(integer, match.group("decimal"), match.group("percent"), match.group("scale")))
        if values:
            yield NumberMention(match.start(), match.end(), match.group(), frozenset(values))


def iter_english_numbers(text: str) -> Iterator[NumberMention]:
    """Numbers of an English text (digits and common number words) with their normalised values.

    >>> [sorted(item.values) for item in iter_english_numbers("12,400 dead, 2.7% at 6:30 pm, three days")]
    [['12400'], ['2.7%'], ['18:30'], ['3']]
    """
    for match in ENGLISH_NUMBER_RE.finditer(text):
        if match.group("meridiem") is not None:
            hour = int(match.group("hour")) % 12
            if match.group("meridiem").lower() == "p":
                hour += 12
            values = {_time(hour, int(match.group("minute") or 0))}
        elif match.group("hour24") is not None:
            hour, minute = int(match.group("hour24")), int(match.group("minute24"))
            values = {_time(hour, minute)}
            if hour <= 12:
                values.add(_time(hour + 12, minute))  # "6:30" in a text that left out "pm"
        else:
            integer = match.group("number").replace(",", "")
            values = set(_number_values(integer, match.group("decimal"), match.group("percent"), match.group("scale")))
        if values:
            yield NumberMention(match.start(), match.end(), match.group(), frozenset(values))
    for match in _WORD_RE.finditer(text):
        number = ENGLISH_NUMBER_WORDS.get(match.group().lower())
        if number is not None:
            yield NumberMention(match.start(), match.end(), match.group(), frozenset({str(number)}), is_word=True)


def normalise_french_number(text: str) -> str | None:
    """The normalised value of one French number as written, or None when it is not one.

    >>> [normalise_french_number(item) for item in ("12 400", "2,7 %", "18 h 30", "1er", "mardi")]
    ['12400', '2.7%', '18:30', '1', None]
    """
    mentions = list(iter_french_numbers(text.strip()))
    if len(mentions) != 1 or mentions[0].text != text.strip():
        return None
    return min(mentions[0].values, key=lambda value: (":" not in value, len(value)))


def normalise_english_number(text: str) -> str | None:
    """The normalised value of one English number as written, or None.

    >>> [normalise_english_number(item) for item in ("12,400", "2.7%", "6:30 pm", "2.5 percent")]
    ['12400', '2.7%', '18:30', '2.5%']
    """
    mentions = [item for item in iter_english_numbers(text.strip()) if not item.is_word]
    if len(mentions) != 1 or mentions[0].text != text.strip():
        return None
    return min(mentions[0].values, key=lambda value: (len(value), value))


def check_numbers(source: str, target: str) -> list[BilingualIssue]:
    """Numbers of the French source missing or changed in the English target.

    >>> [issue.kind for issue in check_numbers("Il y a 12 400 morts.", "There are 12,400 dead.")]
    []
    >>> [issue.message for issue in check_numbers("Il y a 12 400 morts.", "There are 12,500 dead.")]
    ['number 12 400 in the source appears as 12,500 in the target']
    """
    source_index = _LineOf(source)
    target_mentions = sorted(iter_english_numbers(target), key=lambda item: item.start)
    used = [False] * len(target_mentions)
    unmatched_source: list[NumberMention] = []
    for mention in iter_french_numbers(source):
        for position, candidate in enumerate(target_mentions):
            if not used[position] and mention.values & candidate.values:
                used[position] = True
                break
        else:
            unmatched_source.append(mention)
    unmatched_target = [
        item for item, is_used in zip(target_mentions, used, strict=True) if not is_used and not item.is_word
    ]
    issues = []
    for position, mention in enumerate(unmatched_source):
        line = source_index.line(mention.start)
        if position < len(unmatched_target):
            changed = unmatched_target[position]
            issues.append(
                BilingualIssue(
                    "number-changed",
                    f"number {mention.text} in the source appears as {changed.text} in the target",
                    mention.text,
                    changed.text,
                    line,
                )
            )
        else:
            issues.append(
                BilingualIssue(
                    "number-missing",
                    f"number {mention.text} in the source is missing in the target",
                    mention.text,
                    None,
                    line,
                )
            )
    return issues


def _normalised_sentence(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def check_sentences(source: str, target: str) -> list[BilingualIssue]:
    """Target sentences identical to a source sentence, or (by langdetect) still in French.

    Only sentences that pass :func:`~cleanup.langid.is_worth_detecting` (two or more words far
    more frequent in French than in English) are sent to langdetect: a French sentence made
    only of names and rare words is missed, and the check costs almost nothing on English text.
    """
    source_sentences = {_normalised_sentence(source[start:end]) for start, end in segment.iter_sentences(source)}
    target_index = _LineOf(target)
    issues = []
    for start, end in segment.iter_sentences(target):
        sentence = target[start:end]
        line = target_index.line(start)
        words = regex.findall(r"\p{L}+", sentence)
        if len(words) >= MIN_IDENTICAL_WORDS and _normalised_sentence(sentence) in source_sentences:
            issues.append(
                BilingualIssue(
                    "identical-sentence", "target sentence is identical to a source sentence", sentence, sentence, line
                )
            )
        elif is_worth_detecting(sentence) and detect_language(sentence) == "fr":
            issues.append(
                BilingualIssue("untranslated-sentence", "target sentence is still in French", None, sentence, line)
            )
    return issues


@functools.cache
def load_acronym_table() -> tuple[SwapRow, ...]:
    """The rows of the bundled fr-en acronym table, read as the ``swap`` rule ACR001 reads
    them: with their context and unless columns (:func:`cleanup.packs.lexicon.load_swap_table`)."""
    path = bundled_rules_dir() / ACRONYMS_FILE
    return load_swap_table(path, f"rules/{ACRONYMS_FILE}")


@functools.lru_cache(maxsize=512)
def _condition(pattern: str, line: int) -> regex.Pattern[str]:
    try:
        return regex.compile(pattern)
    except (regex.error, ValueError, OverflowError, RecursionError) as error:
        raise RulePackError(f"rules/{ACRONYMS_FILE}", line, None, f"invalid regular expression: {error}") from None


def _row_applies(row: SwapRow, text: str) -> bool:
    """Whether ``row``'s context occurs in ``text`` and its unless does not (as the swap kind tests them)."""
    try:
        if row.context and _condition(row.context, row.line).search(text, timeout=DEFAULT_MATCH_TIMEOUT) is None:
            return False
        return not row.unless or _condition(row.unless, row.line).search(text, timeout=DEFAULT_MATCH_TIMEOUT) is None
    except TimeoutError:
        raise RuleTimeoutError("ACR001", DEFAULT_MATCH_TIMEOUT, f"rules/{ACRONYMS_FILE}:{row.line}") from None


def check_acronyms(
    source: str, target: str, *, table: Sequence[SwapRow | tuple[str, str]] | None = None
) -> list[BilingualIssue]:
    """French acronyms of the source whose English form never appears in the target.

    A row counts only where it applies, as rule ACR001 decides: its context must occur in the
    document (source and target together) and its unless must not, so the phone maker HTC
    in a source asks for no HTS in the target. ``table`` rows may be plain pairs (no
    conditions).

    >>> check_acronyms("Selon l'OSDH, ...", "According to the SOHR, ...", table=(("OSDH", "SOHR"),))
    []
    >>> [issue.message for issue in check_acronyms("Selon l'OSDH", "According to OSDH", table=(("OSDH", "SOHR"),))]
    ['source acronym OSDH: its English form SOHR is missing in the target']
    >>> check_acronyms("Le fabricant HTC", "The maker HTC", table=(SwapRow(1, "HTC", "HTS", "(?i)tahrir"),))
    []
    """
    rows = (
        load_acronym_table()
        if table is None
        else tuple(row if isinstance(row, SwapRow) else SwapRow(0, *row) for row in table)
    )
    source_index = _LineOf(source)
    document = f"{source}\n{target}"
    issues = []
    for row in rows:
        found = regex.search(rf"(?<!\w){regex.escape(row.source)}(?!\w)", source)
        if found is None or not _row_applies(row, document):
            continue
        if regex.search(rf"(?<!\w){regex.escape(row.target)}(?!\w)", target) is None:
            issues.append(
                BilingualIssue(
                    "acronym-missing",
                    f"source acronym {row.source}: its English form {row.target} is missing in the target",
                    row.source,
                    None,
                    source_index.line(found.start()),
                )
            )
    return issues


def check_translation(source: str, target: str) -> list[BilingualIssue]:
    """Every bilingual check on one source/target pair, in :data:`ISSUE_KINDS` order."""
    issues = check_numbers(source, target) + check_sentences(source, target) + check_acronyms(source, target)
    return sorted(issues, key=lambda issue: ISSUE_KINDS.index(issue.kind))


class _LineOf:
    def __init__(self, text: str) -> None:
        from cleanup.textfile import LineIndex

        self._index = LineIndex(text)

    def line(self, offset: int) -> int:
        return self._index.position(offset)[0]
