"""``--format jsonl``: one JSON object per line, one line per finding (streams and greps well).

Each line is a finding of :mod:`cleanup.report.jsonout`'s schema plus ``"type": "finding"``
and its ``"path"``; a file that could not be read is a ``"type": "error"`` line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cleanup.report.jsonout import finding_to_dict
from cleanup.textfile import LineIndex

if TYPE_CHECKING:
    from cleanup.report.formats import FileError, FileFindings


def render_jsonl(results: Sequence[FileFindings], *, errors: Sequence[FileError] = ()) -> str:
    lines = []
    for result in results:
        index = LineIndex(result.text)
        for finding in result.findings:
            record = {"type": "finding", "path": result.path, **finding_to_dict(finding, index)}
            lines.append(json.dumps(record, ensure_ascii=False))
    for error in errors:
        lines.append(json.dumps({"type": "error", "path": error.path, "message": error.message}, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
