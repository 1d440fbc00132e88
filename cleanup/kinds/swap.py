"""The ``swap`` kind: a table of source-language terms and their English forms.

Used for French acronyms (``OSDH`` → ``SOHR``) and French forms of names and places
(``Idleb`` → ``Idlib``). Each row may carry a ``context`` regex that must occur somewhere in
the document and an ``unless`` regex that must not: HTC becomes HTS only in a document about
Hayat Tahrir al-Sham, never in one about the phone maker. Without its context a row reports
nothing at all, because a finding on a correct use is the costliest mistake this tool makes.
Where ``flag_after`` matches just after a term, the swap alone would leave French around it
(``tribunal correctionnel de Lille``): the term is reported without a fix. A row's ``article``
column names the article its English form takes (``Centrafrique`` → ``the Central African
Republic``): where ``article_after`` matches just before the term (``in``, ``of``…), the
article is written with it (``in the Central African Republic``). An article ``-`` marks an
English form that takes none (``ECOWAS``, ``Sudan``): where ``head_after`` matches just after
the term (it heads its phrase: ``the CEDEAO extends``), a ``the`` before it is dropped too.
Terms match whole words only, so a longer acronym that contains a French one is left alone.

Matching runs in the Rust core (``crates/mtcore/src/swap.rs``): every term of the table is
found in one Aho-Corasick pass, and a row's conditions are evaluated only for rows that
matched. :func:`read_swap_table` is the one reader of such tables (the bilingual acronym
check uses it too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.errors import RulePackError
from cleanup.kinds.base import KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind
from cleanup.packs import lexicon

_ROW_RE = re.compile(r"row (\d+): (.*)")


class SwapKind(CompiledKind):
    name: ClassVar[str] = "swap"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "table": KeySpec(str, required=True, doc="TSV: source, target, context regex, unless regex, article"),
        "ignore_case": KeySpec(bool, default=False),
        "not_before": KeySpec(str, doc="regex on the text just before a term; where it matches, it is left alone"),
        "article_after": KeySpec(
            str, doc="regex on the text just before a term; where it matches, the row's article is written too"
        ),
        "flag_after": KeySpec(
            str, doc="regex on the text just after a term; where it matches, the term is reported without a fix"
        ),
        "head_after": KeySpec(
            str,
            doc="regex on the text just after a term; where it matches (the term heads its phrase), "
            "a 'the' before a row whose article is '-' is dropped",
        ),
    }

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> SwapKind:
        path, label = context.data_path(options["table"], "table")
        rows = lexicon.load_swap_table(path, label)
        ignore_case = options["ignore_case"]
        seen: set[str] = set()
        for row in rows:
            key = row.source.casefold() if ignore_case else row.source
            if key in seen:
                raise RulePackError(label, row.line, meta.id, f"duplicate entry '{row.source}'")
            seen.add(key)
        spec = {
            "kind": "swap",
            "ignore_case": ignore_case,
            "not_before": options["not_before"],
            "flag_after": options["flag_after"],
            "article_after": options["article_after"],
            "head_after": options["head_after"],
            "rows": [
                (row.source, row.target, row.context or None, row.unless or None, row.article or None) for row in rows
            ],
        }

        def error(key: str, problem: str) -> RulePackError:
            # The core names a row by its position; the error names its line in the table.
            found = _ROW_RE.fullmatch(problem)
            if found:
                return RulePackError(
                    label, rows[int(found.group(1)) - 1].line, meta.id, f"invalid regular expression: {found.group(2)}"
                )
            failure: RulePackError = context.error(f"invalid regular expression in '{key}': {problem}", key)
            return failure

        return cls(meta, spec, error)
