"""The ``capitalized-word`` builtin: listed words written in lower case where English
capitalises them (month names after a day number: ``on 15 march`` → ``on 15 March``).

French writes month and day names in lower case, and MT output keeps the case of the
source. A word is judged only right after a match of the rule's ``before`` regex, so the
verb ``march`` and the modal ``may`` elsewhere are never touched.

The matching runs in the Rust core (``crates/mtcore/src/casing.rs``); this class reads the
word list and checks the ``before`` regex with the pack's engine, so an error names its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import regex

from cleanup.kinds.base import KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, key_errors


class CapitalizedWordKind(CompiledKind):
    name: ClassVar[str] = "capitalized-word"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "words": KeySpec(str, required=True, doc="word list: words English capitalises"),
        "before": KeySpec(str, required=True, doc="regex (case-insensitive) that must end right before the word"),
    }

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> CapitalizedWordKind:
        words = sorted({word.lower() for word in context.word_list(options["words"], "words")}, key=len, reverse=True)
        before = options["before"]
        context.compile(before, "before", flags=regex.IGNORECASE)  # an error names the key's line
        # A document holding none of the words (as written: lower case) is not scanned.
        spec = {"kind": "capitalized-word", "words": words, "before": before, "gate": words}

        return cls(meta, spec, key_errors(context, "invalid regular expression in '{key}': {problem}"))
