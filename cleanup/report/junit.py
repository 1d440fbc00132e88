"""``--format junit``: JUnit XML for CI test reports: one test case per file, one failure per finding.

A clean file is a passing test case; a file that could not be read is a test case with an
``<error>``. Built with :mod:`xml.etree.ElementTree`, so every value is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cleanup.textfile import LineIndex

if TYPE_CHECKING:
    from cleanup.report.formats import FileError, FileFindings


def render_junit(results: Sequence[FileFindings], *, errors: Sequence[FileError] = ()) -> str:
    failures = sum(len(result.findings) for result in results)
    suites = ET.Element(
        "testsuites",
        name="mt-cleanup",
        tests=str(len(results) + len(errors)),
        failures=str(failures),
        errors=str(len(errors)),
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="mt-cleanup",
        tests=str(len(results) + len(errors)),
        failures=str(failures),
        errors=str(len(errors)),
        skipped="0",
    )
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="mt-cleanup", name=result.path, file=result.path)
        index = LineIndex(result.text)
        for finding in result.findings:
            line, column = index.position(finding.span.start)
            failure = ET.SubElement(
                case, "failure", message=f"{finding.rule_id} {finding.message}", type=finding.rule_id
            )
            failure.set("line", str(line))
            failure.text = f"{result.path}:{line}:{column}: {finding.rule_id} {finding.message}"
    for error in errors:
        case = ET.SubElement(suite, "testcase", classname="mt-cleanup", name=error.path, file=error.path)
        ET.SubElement(case, "error", message=error.message, type="InputError").text = error.message
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
