"""Choose an output format for ``check --format`` and render collected results with it.

``text`` and ``json`` are written by :mod:`cleanup.commands.check` itself; the formats for
other tools (``jsonl``, ``sarif``, ``github``, ``junit``) live one module each and are
rendered here from the same findings, never from re-reading files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cleanup.model import Finding

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit")
#: Formats rendered by :func:`render` once every file is checked.
COLLECTED_FORMATS = ("jsonl", "sarif", "github", "junit")


@dataclass(frozen=True, slots=True)
class FileFindings:
    """The findings of one checked file, with its text (for line and column)."""

    path: str
    text: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be checked, and why (one line)."""

    path: str
    message: str


def render(
    format_name: str,
    results: Sequence[FileFindings],
    *,
    ruleset: Any,
    signature: str,
    errors: Sequence[FileError] = (),
) -> str:
    """Render ``results`` in ``format_name`` (one of :data:`COLLECTED_FORMATS`)."""
    from cleanup.report import github, jsonl, junit, sarif

    if format_name == "jsonl":
        return jsonl.render_jsonl(results, errors=errors)
    if format_name == "sarif":
        return sarif.render_sarif(results, ruleset=ruleset, signature=signature, errors=errors)
    if format_name == "github":
        return github.render_github(results, errors=errors)
    if format_name == "junit":
        return junit.render_junit(results, errors=errors)
    raise ValueError(f"unknown format {format_name!r}")
