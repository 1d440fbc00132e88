"""The ``repeated-word`` builtin: the same word twice in a row (``the the Mona Lisa``).

MT systems and post-editors both leave doubled words; most are errors, but English has
legitimate doublings (``that that``, ``had had``, ``is is`` in quoted speech is rarer still),
so the pack's allow-list names, by class, the words whose doubling can be grammatical: the first
copy can end one phrase and the second begin the next (pronouns such as ``you`` in ``I told
you you would win``, stranded prepositions in ``waited for for years``, auxiliaries after a
clause subject in ``what it is is clear``). Articles, conjunctions, ``of``, ``than``, nouns
and adjectives doubled are never grammatical without a comma, and are removed. Only lower-case repeats
with a plain space between them are judged: ``Walla Walla`` and ``Bora Bora`` are names,
and a repeat across a line break or punctuation belongs to two different phrases. Any word may
end a clause subject that a wh-word opens, so a doubling shortly after one (``what happened
happened``, ``whoever wins wins``) is kept too.

The matching runs in the Rust core (``crates/mtcore/src/repeated.rs``); this class reads the
word lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, key_errors


class RepeatedWordKind(CompiledKind):
    name: ClassVar[str] = "repeated-word"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "allow": KeySpec(str, required=True, doc="word list: words whose doubling is legitimate"),
        "clause_words": KeySpec(
            str, required=True, doc="word list: wh-words opening a clause subject (what happened happened)"
        ),
    }

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> RepeatedWordKind:
        allow = sorted({word.casefold() for word in context.word_list(options["allow"], "allow")})
        clause_words = sorted({word.casefold() for word in context.word_list(options["clause_words"], "clause_words")})
        spec = {"kind": "repeated-word", "allow": allow, "clause_words": clause_words}

        return cls(meta, spec, key_errors(context))
