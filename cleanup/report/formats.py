"""The one emitter of every output format, used alike by ``check``, ``fix`` and batch runs.

A command collects :class:`FileFindings` (a file's findings with its text, for line and
column; for ``fix`` the findings left in the fixed text and the edits applied) and
:class:`FileError` values, then calls :func:`render` once. Each format lives in one module:
``text`` (:mod:`cleanup.report.text`), ``json`` (:mod:`cleanup.report.jsonout`), ``jsonl``,
``sarif``, ``github`` and ``junit``; none of them re-reads a file. The text format is also
rendered a file at a time (:func:`render_text_file`) by the serial commands and the batch
workers, so findings stream out as they are found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cleanup.model import AppliedEdit, Finding

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit")
#: Formats rendered by :func:`render` once every file is processed (text streams).
COLLECTED_FORMATS = ("json", "jsonl", "sarif", "github", "junit")
#: Formats written a file at a time by :func:`render_file`: what a batch run can stream.
STREAMED_FORMATS = ("text", "json", "jsonl", "github")


@dataclass(frozen=True, slots=True)
class FileFindings:
    """The findings of one file, with its text (for line and column).

    For ``fix``, ``text`` is the fixed text, ``findings`` those left in it and ``applied``
    the edits made.
    """

    path: str
    text: str
    findings: tuple[Finding, ...]
    applied: tuple[AppliedEdit, ...] = ()


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be processed, and why (one line)."""

    path: str
    message: str


def render_text_file(result: FileFindings, *, color: bool = False) -> Iterable[str]:
    """The text format's lines for one file (``path:line:col: CODE [*] message``)."""
    from cleanup.report import text

    return text.format_findings(result.path, result.text, result.findings, color=color)


def render_file(format_name: str, result: FileFindings, *, color: bool = False, mode: str = "check") -> list[str]:
    """The lines (without newline) of one file in a streamed format (:data:`STREAMED_FORMATS`):
    exactly what :func:`render` writes for that file, so a batch worker renders as ``check`` does.
    For ``json`` the one item is the file's entry, which :class:`~cleanup.report.jsonout.JsonStream`
    places in the document."""
    if format_name == "text":
        return list(render_text_file(result, color=color))
    if format_name == "json":
        from cleanup.report.jsonout import file_chunk

        return [file_chunk(result, mode=mode)]
    return _lines(render(format_name, [result], ruleset=None, signature=""))


def render_file_error(format_name: str, error: FileError) -> list[str]:
    """The lines of a file that could not be processed, in a streamed format (text: none, it goes to stderr)."""
    if format_name in ("text", "json"):  # stderr; json lists the errors at the end of its document
        return []
    return _lines(render(format_name, [], ruleset=None, signature="", errors=[error]))


def _lines(rendered: str) -> list[str]:
    return rendered.splitlines()


def render(
    format_name: str,
    results: Sequence[FileFindings],
    *,
    ruleset: Any,
    signature: str,
    errors: Sequence[FileError] = (),
    mode: str = "check",
) -> str:
    """Render ``results`` in ``format_name`` (one of :data:`COLLECTED_FORMATS`)."""
    from cleanup.report import github, jsonl, jsonout, junit, sarif

    if format_name == "json":
        return jsonout.render_json(results, signature=signature, errors=errors, mode=mode)
    if format_name == "jsonl":
        return jsonl.render_jsonl(results, errors=errors)
    if format_name == "sarif":
        return sarif.render_sarif(results, ruleset=ruleset, signature=signature, errors=errors)
    if format_name == "github":
        return github.render_github(results, errors=errors)
    if format_name == "junit":
        return junit.render_junit(results, errors=errors)
    raise ValueError(f"unknown format {format_name!r}")
