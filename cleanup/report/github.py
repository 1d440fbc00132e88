"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::warning file=a.txt,line=3,col=5,endLine=3,endColumn=9,title=QUO001::message``. The
severity picks the command (``error``, ``warning``, or ``notice`` for ``info``). Values are
escaped as the runner expects: ``%``, ``\\r`` and ``\\n`` everywhere, and also ``:`` and
``,`` inside properties.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cleanup.model import Severity
from cleanup.textfile import LineIndex

if TYPE_CHECKING:
    from cleanup.report.formats import FileError, FileFindings

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """Escape a message (the part after ``::``).

    >>> escape_data("50% done\\nnext")
    '50%25 done%0Anext'
    """
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=``, ``title=``).

    >>> escape_property("a:b,c")
    'a%3Ab%2Cc'
    """
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileFindings], *, errors: Sequence[FileError] = ()) -> str:
    lines = []
    for result in results:
        index = LineIndex(result.text)
        for finding in result.findings:
            line, column = index.position(finding.span.start)
            end_line, end_column = index.position(finding.span.end)
            properties = [
                f"file={escape_property(result.path)}",
                f"line={line}",
                f"col={column}",
                f"endLine={end_line}",
                f"endColumn={end_column}",
                f"title={escape_property(f'{finding.rule_id} ({finding.rule_name})')}",
            ]
            message = f"{finding.rule_id} {finding.message}"
            lines.append(f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(message)}")
    for error in errors:
        lines.append(f"::error file={escape_property(error.path)},title=mt-cleanup::{escape_data(error.message)}")
    return "".join(line + "\n" for line in lines)
