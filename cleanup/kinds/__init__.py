"""Rule kinds: the only place matching logic lives. Rule packs say what; kinds say how.

An explicit table, no import magic: adding a kind means adding a module and a line here.
``kind = "builtin"`` rules name a Python-backed matcher in ``BUILTINS`` with their
``builtin`` key; they still have a TOML entry for their code, message and documentation.
"""

from __future__ import annotations

from typing import Any, ClassVar

from cleanup.kinds.article import IndefiniteArticleKind
from cleanup.kinds.casing import CapitalizedWordKind
from cleanup.kinds.control_character import ControlCharacterKind
from cleanup.kinds.french_sentence import FrenchSentenceKind
from cleanup.kinds.glued_words import GluedWordsKind
from cleanup.kinds.guillemets import GuillemetPairKind
from cleanup.kinds.homoglyph import HomoglyphKind
from cleanup.kinds.html_entity import HtmlEntityKind
from cleanup.kinds.leftover import LeftoverKind
from cleanup.kinds.line import LineKind
from cleanup.kinds.mojibake import MojibakeKind
from cleanup.kinds.numbers import ClockTimeKind, GroupedThousandsKind, OrdinalSuffixKind
from cleanup.kinds.pattern import PatternKind
from cleanup.kinds.pronoun_gender import PronounGenderKind
from cleanup.kinds.pronoun_possessive import MasculineForWomanKind
from cleanup.kinds.quote_balance import QuoteBalanceKind
from cleanup.kinds.quote_pairs import QuotePairsKind
from cleanup.kinds.repeated import RepeatedWordKind
from cleanup.kinds.swap import SwapKind


class BuiltinKind:
    """Placeholder in ``KINDS``: the loader swaps in ``BUILTINS[rule['builtin']]``."""

    keys: ClassVar[dict[str, Any]] = {}
    placeholders: ClassVar[frozenset[str]] = frozenset()


KINDS: dict[str, Any] = {
    "pattern": PatternKind,
    "line": LineKind,
    "swap": SwapKind,
    "quote-pairs": QuotePairsKind,
    "leftover": LeftoverKind,
    "builtin": BuiltinKind,
}

BUILTINS: dict[str, Any] = {
    "indefinite-article": IndefiniteArticleKind,
    "guillemet-pair": GuillemetPairKind,
    "mojibake": MojibakeKind,
    "control-character": ControlCharacterKind,
    "html-entity": HtmlEntityKind,
    "homoglyph": HomoglyphKind,
    "grouped-thousands": GroupedThousandsKind,
    "clock-time": ClockTimeKind,
    "ordinal-suffix": OrdinalSuffixKind,
    "repeated-word": RepeatedWordKind,
    "capitalized-word": CapitalizedWordKind,
    "french-sentence": FrenchSentenceKind,
    "glued-words": GluedWordsKind,
    "pronoun-gender": PronounGenderKind,
    "masculine-for-woman": MasculineForWomanKind,
    "quote-balance": QuoteBalanceKind,
}
