"""The self-contained HTML diff report: one file, inline CSS and JS, no network.

The page is rendered from the recorded edits and findings (through
:func:`cleanup.report.changes.build_hunks`), never by diffing texts afterwards. All corpus
data goes into one ``<script type="application/json">`` block, with ``<``, ``>``, ``&`` and
U+2028/U+2029 escaped so no text can close the block; the page's script builds the DOM
with ``textContent`` only, so a document holding ``<script>`` shows it as text. A strict
Content-Security-Policy forbids every network fetch. Only the current page of the
document list and the open document are in the DOM, which keeps 10,000 documents usable.
The templates live in ``cleanup/report/templates/`` and ship in the wheel.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from importlib import resources
from typing import Any

import regex

from cleanup.model import FixResult
from cleanup.packs.ruleset import RuleSet
from cleanup.report.changes import Hunk, build_hunks
from cleanup.report.summary import DocumentResult

_PLACEHOLDER_RE = regex.compile(r"/\*\{\{ (\w+) \}\}\*/|\{\{ (\w+) \}\}")


def embed_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> embed_json({"text": "</script><b>&\\u2028"})
    '{"text":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\N{LINE SEPARATOR}", "\\u2028"),
        ("\N{PARAGRAPH SEPARATOR}", "\\u2029"),
    ):
        text = text.replace(character, escape)
    return text


def document_view(document: DocumentResult, ruleset: RuleSet) -> dict[str, Any]:
    """One document for the page: figures plus its text cut into plain strings and hunks."""
    hunks = build_hunks(document.text, document.result, document.findings, ruleset)
    parts: list[Any] = []
    position = 0
    for hunk in hunks:
        if hunk.start > position:
            parts.append(document.text[position : hunk.start])
        parts.append(_hunk_view(hunk))
        position = hunk.end
    if position < len(document.text):
        parts.append(document.text[position:])
    kinds = {"safe": 0, "unsafe": 0, "finding": 0}
    for hunk in hunks:
        kinds[hunk.kind] += 1
    return {
        "path": document.path,
        "words": document.words,
        "findings": len(document.findings),
        "per1k": document.findings_per_1k_words,
        "hunks": kinds,
        "categories": sorted({change.category for hunk in hunks for change in hunk.changes}),
        "rules": sorted({change.rule_id for hunk in hunks for change in hunk.changes}),
        "parts": parts,
    }


def _add_short_names(views: list[dict[str, Any]]) -> None:
    """Name documents relative to the folder they share, so long absolute paths stay readable."""
    folders = [
        os.path.dirname(view["path"].split(":", 1)[0] if view["path"][1:2] != ":" else view["path"]) for view in views
    ]
    try:
        root = os.path.commonpath(folders) if folders and all(folders) else ""
    except ValueError:
        root = ""
    for view in views:
        view["name"] = os.path.relpath(view["path"], root) if root else view["path"]


def _hunk_view(hunk: Hunk) -> dict[str, Any]:
    return {
        "old": hunk.old,
        "new": hunk.new,
        "kind": hunk.kind,
        "changes": [
            {
                "code": change.rule_id,
                "name": change.rule_name,
                "category": change.category,
                "message": change.message,
                "applicability": change.applicability,
                "kind": change.kind,
                "round": change.round,
                "replacement": change.replacement,
            }
            for change in hunk.changes
        ],
    }


def _metric_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per metric: cleaned vs raw, and raw/cleaned vs reference with the difference."""
    reference = summary.get("reference")
    rows = []
    for name in ("bleu", "chrf", "ter"):
        change = summary["change"].get(name)
        if change is None and not reference:
            continue
        row: dict[str, Any] = {"metric": name, "change": change["score"] if change else None}
        signature = change["signature"] if change else None
        if reference:
            row.update(
                raw=reference["raw"][name]["score"],
                cleaned=reference["cleaned"][name]["score"],
                delta=reference["delta"][name],
            )
            signature = reference["raw"][name]["signature"]
        row["signature"] = signature
        rows.append(row)
    return rows


def render_report(
    report: dict[str, Any], documents: Sequence[DocumentResult], *, ruleset: RuleSet, title: str = "mt-cleanup report"
) -> str:
    """Render the whole page from a report dict (:func:`~cleanup.report.summary.build_report`) and its documents."""
    views = [document_view(document, ruleset) for document in documents]
    _add_short_names(views)
    rules = {}
    for view in views:
        for part in view["parts"]:
            if isinstance(part, dict):
                for change in part["changes"]:
                    rules[change["code"]] = {
                        "code": change["code"],
                        "name": change["name"],
                        "category": change["category"],
                    }
    data = {
        "title": title,
        "signature": report["signature"],
        "summary": report["summary"],
        "metrics": _metric_rows(report["summary"]),
        "rules": [rules[code] for code in sorted(rules)],
        "documents": views,
        "errors": report.get("errors", []),
    }
    templates = resources.files("cleanup.report") / "templates"
    values = {
        "title": html.escape(title),
        "css": (templates / "report.css").read_text(encoding="utf-8"),
        "js": (templates / "report.js").read_text(encoding="utf-8"),
        "data": embed_json(data),
    }
    page = (templates / "report.html").read_text(encoding="utf-8")
    # One pass: text substituted in is never scanned for placeholders again.
    rendered: str = _PLACEHOLDER_RE.sub(lambda match: values[match.group(1) or match.group(2)], page)
    return rendered


def render_fix_report(
    fixed: Sequence[tuple[str, str, FixResult]], *, ruleset: RuleSet, signature: str, title: str = "mt-cleanup fix"
) -> str:
    """The page for ``mt-cleanup fix --html``: ``(path, original text, result)`` of every file fixed."""
    from cleanup.metrics import Metrics
    from cleanup.report.summary import build_report, measure_fixed_document

    metrics = Metrics()
    documents = [
        measure_fixed_document(path, text, result, ruleset=ruleset, metrics=metrics) for path, text, result in fixed
    ]
    report = build_report(documents, signature=signature, metrics=metrics)
    return render_report(report, documents, ruleset=ruleset, title=title)
