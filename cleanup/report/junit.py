"""``--format junit``: JUnit XML for CI test reports, one ``<testcase>`` per finding.

Each file is a ``<testsuite>`` named by its path. A finding is a test case with exactly one
``<failure>`` (named by its code and position, so CI lists every finding on its own, as
ruff's JUnit output does); a clean file is one passing test case; a file that could not be
read is one test case with an ``<error>``. Every ``tests``, ``failures`` and ``errors``
count, on each suite and on ``<testsuites>``, is the number of elements it counts, so
consumers that check the totals (Jenkins, GitLab, pytest's junit readers) accept it. Built
with :mod:`xml.etree.ElementTree`, so every value is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cleanup.textfile import LineIndex

if TYPE_CHECKING:
    from cleanup.report.formats import FileError, FileFindings

#: The name of the one test case of a file without findings.
CLEAN_CASE = "no findings"


def render_junit(results: Sequence[FileFindings], *, errors: Sequence[FileError] = ()) -> str:
    """The JUnit document for ``results`` (files checked) and ``errors`` (files not read)."""
    root = ET.Element("testsuites", name="mt-cleanup")
    for result in results:
        suite = _suite(root, result.path)
        if not result.findings:
            ET.SubElement(suite, "testcase", classname=result.path, name=CLEAN_CASE, file=result.path)
            continue
        index = LineIndex(result.text)
        for finding in sorted(result.findings, key=lambda item: item.sort_key):
            line, column = index.position(finding.span.start)
            case = ET.SubElement(
                suite,
                "testcase",
                classname=result.path,
                name=f"{finding.rule_id} at {line}:{column}",
                file=result.path,
                line=str(line),
            )
            failure = ET.SubElement(
                case, "failure", message=f"{finding.rule_id} {finding.message}", type=finding.rule_id
            )
            failure.text = f"{result.path}:{line}:{column}: {finding.rule_id} {finding.message}"
    for error in errors:
        suite = _suite(root, error.path)
        case = ET.SubElement(suite, "testcase", classname=error.path, name="read", file=error.path)
        ET.SubElement(case, "error", message=error.message, type="InputError").text = error.message
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, path: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=path)


def _count(root: ET.Element) -> None:
    """Set every ``tests``/``failures``/``errors``/``skipped`` count from the elements themselves."""
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for case in cases if case.find("failure") is not None),
            "errors": sum(1 for case in cases if case.find("error") is not None),
            "skipped": 0,
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        if key != "skipped":
            root.set(key, str(value))
