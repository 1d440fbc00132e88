"""The keys a rule pack may use, their types and defaults, and "did you mean" suggestions.

Only the shared header of a rule lives here; kind-specific keys are declared by each kind
class (``Kind.keys``) so that a kind's keys and its matching code stay side by side.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from cleanup.kinds.base import KeySpec

PACK_KEYS: dict[str, KeySpec] = {
    "name": KeySpec(str, required=True),
    "version": KeySpec(str, required=True),
    "description": KeySpec(str, required=True),
    "source_lang": KeySpec(str, default=""),
    "target_lang": KeySpec(str, default=""),
    "requires": KeySpec(str, default=""),
    "redirects": KeySpec(dict, default={}),
    "protect": KeySpec(dict, default={}),
}

#: ``[protect]`` in ``pack.toml``: word lists (files in the pack) that say which dotted names
#: are domains and file names, protected from every rule (:mod:`cleanup.protect`).
PROTECT_KEYS: dict[str, KeySpec] = {
    "tlds": KeySpec(str, default=""),
    "sentence_starters": KeySpec(str, default=""),
    "file_extensions": KeySpec(str, default=""),
}

RULE_KEYS: dict[str, KeySpec] = {
    "id": KeySpec(str, required=True),
    "name": KeySpec(str, required=True),
    "kind": KeySpec(str, required=True),
    "category": KeySpec(str, required=True),
    "severity": KeySpec(str, required=True),
    "message": KeySpec(str, required=True),
    "fix": KeySpec(str, required=True),
    "fix_title": KeySpec(str, default=""),
    "why": KeySpec(str, required=True),
    "fix_safety": KeySpec(str, default=""),
    "status": KeySpec(str, default="stable"),
    "since": KeySpec(str, default=""),
    "example": KeySpec(list, default=[]),
}

EXAMPLE_KEYS = frozenset({"bad", "good", "ok"})
STATUSES = frozenset({"preview", "stable", "deprecated"})

RULE_ID_RE = re.compile(r"[A-Z]{3}[0-9]{3}")
RULE_NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def suggest(key: str, known: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for a close known key, or an empty string.

    >>> suggest("replacment", ["replace", "pattern"])
    " (did you mean 'replace'?)"
    """
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def type_name(expected: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a table",
    }
    if isinstance(expected, tuple):
        return " or ".join(names.get(item, item.__name__) for item in expected)
    return names.get(expected, expected.__name__)


def has_type(value: object, expected: type | tuple[type, ...]) -> bool:
    """isinstance, except that TOML booleans are not numbers."""
    if isinstance(value, bool):
        return expected is bool or (isinstance(expected, tuple) and bool in expected)
    if expected is float and isinstance(value, int):
        return True
    return isinstance(value, expected)
