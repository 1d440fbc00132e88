"""mt-cleanup: find and fix the artifacts machine translation leaves in English text.

Public API and nothing else::

    >>> from cleanup import check_text, fix_text
    >>> [finding.rule_id for finding in check_text("in Aleppo , Syria")]
    ['SPC001']
    >>> fix_text("in Aleppo , Syria").text
    'in Aleppo, Syria'
"""

from cleanup._core import __version__
from cleanup.engine import check_text
from cleanup.fixer import apply_rounds, fix_text
from cleanup.model import Applicability, AppliedEdit, Category, Edit, Finding, Fix, FixResult, Severity, Span
from cleanup.packs.loader import load_rules
from cleanup.packs.ruleset import RuleSet

__all__ = [
    "AppliedEdit",
    "Applicability",
    "Category",
    "Edit",
    "Finding",
    "Fix",
    "FixResult",
    "RuleSet",
    "Severity",
    "Span",
    "__version__",
    "apply_rounds",
    "check_text",
    "fix_text",
    "load_rules",
]
