"""What the kinds whose matching runs in the Rust core share: ``pattern``, ``line`` and
``swap``.

Such a kind only validates its keys and reads its data files; it hands the core a plain
spec (a dict of strings, lists and numbers). :meth:`cleanup.packs.ruleset.RuleSet.build`
compiles the specs of every such rule of a rule set into one ``cleanup._core.Engine``, and
:func:`cleanup.engine.check_document` scans each document once for all of them. A hit
comes back with code-point offsets and becomes a :class:`~cleanup.model.Finding` here, the
only place Python builds objects for the core's results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

from cleanup._core import Engine
from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Applicability, Edit, Finding, Span

#: The core's answer for one finding: rule index, span, the span its fix replaces, the
#: replacement (None: the rule only reports), and the rarer parts (None, or: the fix's edits
#: when they are several or not the one above, its level when lower than the rule's, and
#: message fields).
Extra = tuple[list[tuple[int, int, str]], str | None, list[tuple[str, str]]]
Hit = tuple[int, int, int, int, int, str | None, Extra | None]


class CompiledKind:
    name: ClassVar[str]
    keys: ClassVar[Mapping[str, KeySpec]]
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta, spec: dict[str, Any], error: Callable[[str, str], RulePackError]) -> None:
        self.meta = meta
        #: What the core compiles (see ``crates/mtcore-py``).
        self.spec = spec
        self._error = error
        self._alone: Engine | None = None

    #: True for a kind whose core hits are *candidates* that a library adapter in Python
    #: (ftfy, langdetect, nltk) decides on: :meth:`complete` turns each into zero or more
    #: findings, so the library runs only where the core found reason to ask it.
    adapter: ClassVar[bool] = False

    def check(self, doc: Document) -> Iterator[Finding]:
        """This rule alone on ``doc`` (tests and diagnostics; a rule set checks all its core
        rules in one pass, in :func:`cleanup.engine.check_document`)."""
        if self._alone is None:
            self._alone = Engine([self.spec])
        for hit in self._alone.check(doc.text):
            if self.adapter:
                yield from self.complete(doc, hit)
            else:
                yield self.finding(doc, hit)

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """The findings an adapter kind makes of one candidate (see :attr:`adapter`)."""
        raise NotImplementedError(f"{type(self).__name__} is not an adapter kind")

    def error(self, key: str, problem: str) -> RulePackError:
        """The pack error for a problem the core found in this rule's ``key``."""
        return self._error(key, problem)

    def finding(self, doc: Document, hit: Hit) -> Finding:
        _, start, end, edit_start, edit_end, replacement, extra = hit
        if extra is None:
            if (edit_start, edit_end) == (start, end):
                return self.meta.finding(doc, start, end, replacement)
            edits = (Edit(Span(edit_start, edit_end), replacement or ""),)
            return self.meta.finding(doc, start, end, edits=edits, replacement=replacement)
        extra_edits, level, fields = extra
        more: tuple[Edit, ...] | None
        if extra_edits:
            more = tuple(Edit(Span(edit[0], edit[1]), edit[2]) for edit in extra_edits)
        elif replacement is not None:
            more = (Edit(Span(edit_start, edit_end), replacement),)
        else:
            more = None
        return self.meta.finding(
            doc,
            start,
            end,
            replacement,
            edits=more,
            applicability=Applicability(level) if level is not None else None,
            fields=dict(fields) if fields else None,
        )


def key_errors(context: Any, template: str = "{problem}") -> Callable[[str, str], RulePackError]:
    """The error maker most kinds hand to :class:`CompiledKind`: the pack error (file, line,
    rule) for a problem the core found in ``key``, worded by ``template`` (``{key}``,
    ``{problem}``)."""

    def error(key: str, problem: str) -> RulePackError:
        failure: RulePackError = context.error(template.format(key=key, problem=problem), key)
        return failure

    return error
