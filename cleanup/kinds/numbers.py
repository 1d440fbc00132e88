"""Number-format builtins whose replacement needs a little arithmetic or counting.

``grouped-thousands``: French thousands separators (space, U+00A0, U+202F) become commas
(``12 400`` → ``12,400``). Policy, written in the rule's docs: digit groups right after a
decimal point, or followed by a group that is not three digits, are SI style and never
touched (``6.022 140 76``), and a document that writes any number SI style (digit groups
after a decimal point, or followed by a unit symbol from the unit list: ``299 792 458 m/s``)
writes all of them so, and none of its numbers is touched; a group right after
a month name (``June 12 500``) may be a date followed by a count, so it is reported without
a fix. Groups are joined only where they can be nothing but one number: never where the
digits may be two numbers of a French range whose ``à`` MT dropped (``between 300 400
protesters`` from ``300 à 400``: two round numbers of the same size, or a ``between`` with no
``and``), nor where the last group starts a model or code number (``the 20 747-400 jets``,
``20 747s``). ``clock-time``: French times (``18 h 30``, ``18h30``, ``20 h``) become English
12-hour times; the ``h`` could also be "hours", so the fix is safe only after a word that
introduces a time (``at``, ``from``, ``until``…) or for an afternoon time with minutes, and
unsafe otherwise.
``ordinal-suffix``: French ordinal endings (``21e``, ``1er``, ``1re``) and their MT echo
(``21the``) become English ones (``21st``); the day of a date, before a month name (``1er
décembre``, ``1er to 2 December``), is written bare (``1``).

The matching runs in the Rust core (``crates/mtcore/src/numbers.rs``); these classes read the
rules' word lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, key_errors
from cleanup.model import Applicability


class GroupedThousandsKind(CompiledKind):
    """Matched in the Rust core (``crates/mtcore/src/numbers.rs``); this class reads the word lists."""

    name: ClassVar[str] = "grouped-thousands"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "si_units": KeySpec(str, required=True, doc="word list: unit symbols that mark SI-style numbers"),
        "date_words": KeySpec(str, required=True, doc="word list: month names (a date may precede a count)"),
    }
    #: Levels below the rule's ``fix`` a finding can carry (listed by ``mt-cleanup rules``).
    lowered_levels: ClassVar[frozenset[Applicability]] = frozenset({Applicability.NONE})

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> GroupedThousandsKind:
        units = sorted(context.word_list(options["si_units"], "si_units"), key=len, reverse=True)
        date_words = sorted({word.casefold() for word in context.word_list(options["date_words"], "date_words")})
        spec = {"kind": "grouped-thousands", "si_units": units, "date_words": date_words}

        return cls(meta, spec, key_errors(context))


class ClockTimeKind(CompiledKind):
    """Matched in the Rust core (``crates/mtcore/src/numbers.rs``); this class reads the word list."""

    name: ClassVar[str] = "clock-time"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "time_words": KeySpec(str, required=True, doc="word list: words after which a bare 'N h' is a time"),
        "meridiem": KeySpec(
            list,
            default=[["a.m.", "p.m."], ["am", "pm"]],
            doc="[am, pm] suffix pairs: the first the document writes after a number is used, else the first",
        ),
        "day_parts": KeySpec(
            list,
            default=[],
            doc="[phrase, 'am' or 'pm'] pairs: a day part after a time ('of the morning') goes into its suffix",
        ),
        "weekdays": KeySpec(str, doc="word list: day names; 'N h' right after one ending its phrase is a time"),
    }
    #: Levels below the rule's ``fix`` a finding can carry (listed by ``mt-cleanup rules``).
    lowered_levels: ClassVar[frozenset[Applicability]] = frozenset({Applicability.UNSAFE})

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> ClockTimeKind:
        words = sorted({word.casefold() for word in context.word_list(options["time_words"], "time_words")})
        # A time has an ``h``: a document without one is not scanned.
        meridiem = options["meridiem"]
        if not meridiem or not all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) and x.strip() for x in pair)
            for pair in meridiem
        ):
            raise context.error("'meridiem' must list [am, pm] pairs of non-empty strings", "meridiem")
        day_parts = options["day_parts"]
        if not all(
            isinstance(pair, list)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and pair[0].strip()
            and pair[0].isascii()
            and pair[1] in ("am", "pm")
            for pair in day_parts
        ):
            raise context.error("'day_parts' must list [phrase, 'am' or 'pm'] pairs", "day_parts")
        spec = {
            "kind": "clock-time",
            "time_words": words,
            "meridiem": [tuple(pair) for pair in meridiem],
            "day_parts": [tuple(pair) for pair in day_parts],
            "weekdays": sorted({word.casefold() for word in context.word_list(options["weekdays"], "weekdays")})
            if options["weekdays"]
            else [],
            "gate": ["h"],
        }

        return cls(meta, spec, key_errors(context))


class OrdinalSuffixKind(CompiledKind):
    """Matched in the Rust core (``crates/mtcore/src/numbers.rs``); this class reads the word lists."""

    name: ClassVar[str] = "ordinal-suffix"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "months": KeySpec(str, required=True, doc="word list: month names (an ordinal before one is a day)"),
        "range_words": KeySpec(
            list, default=["to", "and", "au", "et"], doc="words joining two days of one date ('1er to 2 December')"
        ),
        "roman_nouns": KeySpec(
            list, default=[], doc="[noun, English noun] pairs a Roman ordinal counts ('XIXe siècle' -> '19th century')"
        ),
    }

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> OrdinalSuffixKind:
        months = sorted({word.casefold() for word in context.word_list(options["months"], "months")})
        range_words = options["range_words"]
        if not all(isinstance(word, str) and word.strip() for word in range_words):
            raise context.error("'range_words' must be a list of non-empty strings", "range_words")
        roman_nouns = options["roman_nouns"]
        if not all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(word, str) and word.strip() for word in pair)
            for pair in roman_nouns
        ):
            raise context.error("'roman_nouns' must be a list of [noun, English noun] pairs", "roman_nouns")
        spec = {
            "kind": "ordinal-suffix",
            "months": months,
            "range_words": sorted({word.casefold() for word in range_words}),
            "roman_nouns": [tuple(pair) for pair in roman_nouns],
        }

        return cls(meta, spec, key_errors(context))
