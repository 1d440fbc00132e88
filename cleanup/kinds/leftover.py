"""The ``leftover`` kind: source-language words left in the English text.

``mode = "bracketed"`` looks at short bracketed insertions (``[étaient]``), the way
MT systems and editors mark words they did not translate. A bracket is leftover French when
at least one word in it is French (a glossary entry, or a word at least ``margin`` Zipf units
more frequent in French than in English) and none is plainly English. The glossary gives the
English: the fix is ``safe`` when every word has one unambiguous translation, ``unsafe`` when
a word has alternatives (``sa`` → its / his / her), and absent when a French word has no
entry. Capitalised words (names) and numbers are kept as they are.

``mode = "inline"`` finds French words in running English text; its matcher lives in
:mod:`cleanup.kinds.inline_french` and shares the glossary format defined here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.inline_french import InlineFrench
from cleanup.model import Applicability, Edit, Finding, Span
from cleanup.wordfreqs import french_margin, zipf

_BRACKET_RE = regex.compile(r"\[([^\[\]\n]{1,60})\]")
_TOKEN_RE = regex.compile(r"[\p{L}\p{M}]+(?:['\N{RIGHT SINGLE QUOTATION MARK}-][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*")
# Glossary keys of the inline mode: words split at apostrophes (kept on elisions) and spaces.
_GLOSSARY_WORD_RE = regex.compile(r"[\p{L}\p{M}]+['\N{RIGHT SINGLE QUOTATION MARK}]?")


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    english: str
    alternatives: tuple[str, ...]

    @property
    def is_ambiguous(self) -> bool:
        return bool(self.alternatives)


class LeftoverKind:
    name: ClassVar[str] = "leftover"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "mode": KeySpec(str, default="bracketed", doc="'bracketed' or 'inline'"),
        "glossary": KeySpec(str, required=True, doc="TSV: french, english, alternatives (a|b)"),
        "margin": KeySpec(float, default=2.0, doc="Zipf units by which French must beat English"),
        "allow": KeySpec(list, default=[], doc="inline: word lists of allowed words and phrases"),
        "function_words": KeySpec(str, default="", doc="inline: French words flagged even if also English"),
        "context_words": KeySpec(str, default="", doc="inline: TSV word, regex the following text must match"),
        "name_particles": KeySpec(str, default="", doc="inline: words that join the parts of a name"),
        "min_french": KeySpec(float, default=3.0, doc="inline: least French Zipf value of a flagged word"),
        "english_ceiling": KeySpec(
            float, default=3.0, doc="inline: English Zipf from which a word counts only next to others"
        ),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()
    #: Levels below the rule's ``fix`` a finding can carry (listed by ``mt-cleanup rules``).
    lowered_levels: ClassVar[frozenset[Applicability]] = frozenset({Applicability.UNSAFE, Applicability.NONE})

    def __init__(self, meta: RuleMeta, glossary: dict[tuple[str, ...], GlossaryEntry], margin: float) -> None:
        self.meta = meta
        self.glossary = glossary
        self.longest = max((len(key) for key in glossary), default=1)
        self.margin = margin

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> Any:
        if options["mode"] not in ("bracketed", "inline"):
            raise context.error(f"unknown mode '{options['mode']}'; use 'bracketed' or 'inline'", "mode")
        glossary = cls._load_glossary(meta, options, context)
        if options["mode"] == "inline":
            return _build_inline(meta, options, context, glossary)
        return cls(meta, glossary, float(options["margin"]))

    @staticmethod
    def _load_glossary(meta: RuleMeta, options: dict[str, Any], context: Any) -> dict[tuple[str, ...], GlossaryEntry]:
        label, rows = context.table(options["glossary"], "glossary", min_columns=2, max_columns=3)
        glossary: dict[tuple[str, ...], GlossaryEntry] = {}
        for line, (french, english, alternatives) in rows:
            key = tuple(token.lower() for token in _TOKEN_RE.findall(french))
            if not key:
                raise RulePackError(label, line, meta.id, f"entry '{french}' has no words")
            if key in glossary:
                raise RulePackError(label, line, meta.id, f"duplicate entry '{french}'")
            others = tuple(item.strip() for item in alternatives.split("|") if item.strip())
            glossary[key] = GlossaryEntry(english=english, alternatives=others)
        return glossary

    def check(self, doc: Document) -> Iterator[Finding]:
        if "[" not in doc.text:
            return
        for match in _BRACKET_RE.finditer(doc.text):
            result = self._translate(match.group(1))
            if result is None:
                continue
            english, level = result
            start, end = match.span()
            if english is None:
                yield self.meta.finding(doc, start, end, applicability=Applicability.NONE)
            else:
                inner = Span(start + 1, end - 1)  # the brackets stay: the fix touches the words only
                yield self.meta.finding(doc, start, end, english, edits=(Edit(inner, english),), applicability=level)

    def _translate(self, content: str) -> tuple[str | None, Applicability] | None:
        """English for a bracket's content, or None when the content is not leftover French."""
        tokens = list(_TOKEN_RE.finditer(content))
        if not tokens:
            return None
        words = [token.group(0) for token in tokens]
        pieces: list[str] = []
        level = Applicability.SAFE
        has_french = False
        translatable = True
        index = 0
        while index < len(words):
            entry, width = self._lookup(words, index)
            if entry is not None:
                has_french = True
                english = entry.english
                if words[index][:1].isupper():
                    english = english[:1].upper() + english[1:]
                pieces.append(english)
                if entry.is_ambiguous:
                    level = Applicability.UNSAFE
                index += width
                continue
            word = words[index]
            lower = word.lower()
            if word[:1].isupper() or word[:1].isdigit():
                pieces.append(word)
            elif french_margin(lower) >= self.margin:
                has_french = True
                translatable = False
                pieces.append(word)
            elif zipf("en", lower) - zipf("fr", lower) >= 1.0:
                return None  # a plainly English word: an editor's bracket, not a leftover
            else:
                pieces.append(word)
            index += 1
        if not has_french:
            return None
        if not translatable:
            return None, Applicability.NONE
        return " ".join(pieces), level

    def _lookup(self, words: list[str], index: int) -> tuple[GlossaryEntry | None, int]:
        for width in range(min(self.longest, len(words) - index), 0, -1):
            key = tuple(word.lower() for word in words[index : index + width])
            entry = self.glossary.get(key)
            if entry is not None:
                return entry, width
        return None, 0


def _build_inline(
    meta: RuleMeta, options: dict[str, Any], context: Any, bracket_glossary: dict[tuple[str, ...], GlossaryEntry]
) -> InlineFrench:
    """Compile an inline rule: glossary keys re-split the way running text is tokenised."""
    glossary: dict[tuple[str, ...], GlossaryEntry] = {}
    label, rows = context.table(options["glossary"], "glossary", min_columns=2, max_columns=3)
    for _line, (french, _english, _alternatives) in rows:
        key = tuple(
            word.lower().replace("\N{RIGHT SINGLE QUOTATION MARK}", "'") for word in _GLOSSARY_WORD_RE.findall(french)
        )
        old_key = tuple(token.lower() for token in _TOKEN_RE.findall(french))
        glossary[key] = bracket_glossary[old_key]
    allow = context.word_lists(options["allow"], "allow") if options["allow"] else ()
    function_words = (
        frozenset(context.word_list(options["function_words"], "function_words"))
        if options["function_words"]
        else frozenset()
    )
    particles = (
        frozenset(context.word_list(options["name_particles"], "name_particles"))
        if options["name_particles"]
        else frozenset()
    )
    context_words: dict[str, regex.Pattern[str]] = {}
    if options["context_words"]:
        words_label, word_rows = context.table(options["context_words"], "context_words", min_columns=2, max_columns=2)
        for line, (word, following) in word_rows:
            try:
                context_words[word.lower()] = regex.compile(following)
            except (regex.error, ValueError, OverflowError, RecursionError) as error:
                raise RulePackError(words_label, line, meta.id, f"invalid regular expression: {error}") from None
    return InlineFrench(
        meta,
        glossary,
        margin=float(options["margin"]),
        min_french=float(options["min_french"]),
        english_ceiling=float(options["english_ceiling"]),
        allow=allow,
        function_words=function_words,
        context_words=context_words,
        particles=particles,
        timeout=context.match_timeout,
    )
