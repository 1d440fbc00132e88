"""The values every other module exchanges: spans, edits, fixes and findings.

Frozen dataclasses and enums with their invariants and nothing else: no I/O, no matching.
Offsets are indices into the decoded ``str`` (code points), never bytes; line and column
are computed only when a finding is rendered (see :mod:`cleanup.textfile`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(StrEnum):
    """How far a fix can be trusted, weakest first (as in ruff).

    Compare with :meth:`rank`, never with ``<`` on the strings.
    """

    NONE = "none"
    DISPLAY_ONLY = "display-only"
    UNSAFE = "unsafe"
    SAFE = "safe"

    @property
    def rank(self) -> int:
        return _APPLICABILITY_RANK[self]

    def at_least(self, other: Applicability) -> bool:
        return self.rank >= other.rank


_APPLICABILITY_RANK = {
    Applicability.NONE: 0,
    Applicability.DISPLAY_ONLY: 1,
    Applicability.UNSAFE: 2,
    Applicability.SAFE: 3,
}


class Category(StrEnum):
    """Artifact families; the names are those of the devset's findings files."""

    BOILERPLATE = "boilerplate"
    LEFTOVER_SOURCE = "leftover-source"
    QUOTES = "quotes"
    ACRONYM = "acronym"
    PUNCTUATION = "punctuation"
    SPACING = "spacing"
    MOJIBAKE = "mojibake"
    NUMBER_FORMAT = "number-format"
    PRONOUN_GENDER = "pronoun-gender"
    WORD_ORDER = "word-order"
    OTHER = "other"

    @property
    def code_prefix(self) -> str:
        return CATEGORY_PREFIXES[self]


#: Every rule code starts with its category's prefix (checked when packs load).
CATEGORY_PREFIXES = {
    Category.BOILERPLATE: "BLP",
    Category.LEFTOVER_SOURCE: "SRC",
    Category.QUOTES: "QUO",
    Category.ACRONYM: "ACR",
    Category.PUNCTUATION: "PUN",
    Category.SPACING: "SPC",
    Category.MOJIBAKE: "ENC",
    Category.NUMBER_FORMAT: "NUM",
    Category.PRONOUN_GENDER: "PRN",
    Category.WORD_ORDER: "WRD",
    Category.OTHER: "GRM",
}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open range ``[start, end)`` of code points; ``start == end`` is an insertion point."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        """Return True when the spans share a code point, or both insert at the same point.

        >>> Span(0, 3).overlaps(Span(3, 5)), Span(2, 2).overlaps(Span(2, 2))
        (False, True)
        """
        if self.start == self.end == other.start == other.end:
            return True
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Edit:
    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    def __post_init__(self) -> None:
        if len(self.edits) < 2:  # most fixes: one edit, nothing to order
            return
        spans = [edit.span for edit in self.edits]
        if spans != sorted(spans):
            raise ValueError("fix edits must be sorted")
        for left, right in zip(spans, spans[1:], strict=False):
            if left.overlaps(right):
                raise ValueError("fix edits must not overlap")

    @property
    def span(self) -> Span:
        """The smallest span that covers every edit."""
        return Span(self.edits[0].span.start, self.edits[-1].span.end)


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    rule_name: str
    category: Category
    severity: Severity
    span: Span
    matched: str
    message: str
    fix: Fix | None = None

    @property
    def applicability(self) -> Applicability:
        return self.fix.applicability if self.fix else Applicability.NONE

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.start, self.span.end, self.rule_id)


@dataclass(frozen=True, slots=True)
class AppliedEdit:
    """One edit the fixer applied, with the rule that asked for it (replayable)."""

    rule_id: str
    span: Span
    replacement: str
    original: str
    applicability: Applicability


@dataclass(frozen=True, slots=True)
class FixResult:
    """What :func:`cleanup.fix_text` did.

    ``rounds[i]`` holds the edits applied in round ``i``; their spans refer to the text that
    round started from, so ``apply_rounds(original, rounds) == text`` always holds.
    ``remaining`` are the findings left in the final text (unfixable or below the level).
    """

    text: str
    rounds: tuple[tuple[AppliedEdit, ...], ...]
    remaining: tuple[Finding, ...] = field(default=())

    @property
    def applied(self) -> tuple[AppliedEdit, ...]:
        return tuple(edit for round_edits in self.rounds for edit in round_edits)

    @property
    def changed(self) -> bool:
        return bool(self.applied)
