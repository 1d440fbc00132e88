"""The ``pattern`` kind: a regular expression, and optionally its replacement template.

The pattern runs over the whole document with the ``regex`` engine and a time budget, so a
catastrophic pattern in a user pack ends with a :class:`~cleanup.errors.RuleTimeoutError`
instead of hanging. ``gate`` lists literal strings of which one must occur for the rule to
run at all: a substring test is far cheaper than a regex pass, and most rules look for
characters most documents lack.

``gate_regex`` is the same idea for gates that literals cannot say (a character class, a
space before a punctuation mark): a fixed-width pattern without repetition, run by Python's
``re`` (linear, so it needs no time budget).

A group named ``edit`` narrows the finding and its fix to that group: the pattern can then
start with its rarest literal (which the engine scans for quickly) and keep the context it
needs in look-arounds, even when the span to fix lies before that literal (the group may sit
inside a look-behind). ``replace`` then gives the text that replaces the ``edit`` group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from cleanup.errors import RuleTimeoutError
from cleanup.kinds.base import Deferred, Document, KeySpec, RuleMeta
from cleanup.model import Finding


class PatternKind:
    name: ClassVar[str] = "pattern"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "pattern": KeySpec(str, required=True, doc="regular expression (regex module syntax)"),
        "replace": KeySpec(str, doc="replacement template; \\g<name> inserts a named group"),
        "gate": KeySpec(list, default=[], doc="literal strings; the rule runs only if one occurs"),
        "gate_regex": KeySpec(str, doc="fixed-width regex (Python re, no repetition); the rule runs only if it occurs"),
        "ignore_case": KeySpec(bool, default=False),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        meta: RuleMeta,
        compiled: Deferred,
        replace: str | None,
        gate: tuple[str, ...],
        timeout: float,
        gate_regex: re.Pattern[str] | None = None,
    ) -> None:
        self.meta = meta
        self.compiled = compiled
        self.replace = replace
        self.gate = gate
        self.literal_gate = gate  # read by the engine, which skips the rule when none occurs
        self.timeout = timeout
        self.gate_regex = gate_regex
        self._group: str | int | None = None  # known once the pattern is compiled

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> PatternKind:
        flags = regex.IGNORECASE if options["ignore_case"] else 0
        compiled = context.deferred(options["pattern"], "pattern", flags=flags)
        replace = options["replace"]
        if replace is not None and not context.trusted:
            try:
                regex.compile(options["pattern"], flags).sub(replace, "")
            except (regex.error, IndexError, KeyError) as error:
                raise context.error(f"invalid replacement template: {error}", "replace") from None
        if not all(isinstance(item, str) and item for item in options["gate"]):
            raise context.error("'gate' must be a list of non-empty strings", "gate")
        gate_regex = None
        if options["gate_regex"] is not None:
            gate_regex = compile_gate_regex(options["gate_regex"])
            if gate_regex is None:
                raise context.error(
                    "'gate_regex' must be a fixed-width regex without repetition ('*', '+', '{')", "gate_regex"
                )
        return cls(meta, compiled, replace, tuple(options["gate"]), context.match_timeout, gate_regex)

    @property
    def group(self) -> str | int:
        """The group a finding covers: ``edit`` when the pattern names one, else the match."""
        if self._group is None:
            self._group = "edit" if "edit" in self.compiled.get().groupindex else 0
        return self._group

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if self.gate and not any(literal in text for literal in self.gate):
            return
        if self.gate_regex is not None and self.gate_regex.search(text) is None:
            return
        compiled = self.compiled.get()
        try:
            matches = list(compiled.finditer(text, timeout=self.timeout))
        except TimeoutError:
            raise RuleTimeoutError(self.meta.id, self.timeout, doc.path) from None
        group = self.group
        for match in matches:
            start, end = match.span(group)
            if start < 0 or (start == end and self.replace is None):
                continue
            replacement = match.expand(self.replace) if self.replace is not None else None
            if replacement == text[start:end]:
                continue
            yield self.meta.finding(doc, start, end, replacement)


def compile_gate_regex(source: str) -> re.Pattern[str] | None:
    """``source`` compiled with the standard ``re`` engine, or None unless it is fixed-width
    (``re`` accepts it inside a look-behind) and has no repetition at all.

    Such a pattern is tried in constant time per position, so it needs no time budget, and
    ``re`` scans for a character set or a literal several times faster than ``regex``.

    >>> compile_gate_regex("[,.;:!?](?<=[ \\t][,.;:!?])").search("a , b").span()
    (2, 3)
    >>> compile_gate_regex("a+") is None
    True
    """
    if any(char in source for char in "*+{"):
        return None
    try:
        re.compile(f"(?<={source})")
        return re.compile(source)
    except (re.error, RecursionError, OverflowError):
        return None
