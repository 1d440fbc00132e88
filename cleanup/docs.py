"""Render a rule's documentation from its pack entry: ``mt-cleanup rule CODE`` and ``docs/rules/``.

The sections follow ruff's rule pages: What it does, Why is this bad?, Example, Use
instead, Fix safety. Documentation is never written twice: it all comes from the TOML. A
message is a template (``Closing quote glued to the next word: {context}``), so "What it
does" shows the message the rule really gives on its own first example, never a raw
placeholder. The fix levels listed are the rule's real ones: its ``fix`` level and the lower
levels its kind can give a finding (``lowered_levels``, declared by the kinds that lower).

``python -m cleanup.docs --write docs/rules`` writes one page per bundled rule plus an
index; ``--check docs/rules`` exits 1 naming the pages that are missing, stale or extra
(CI runs it, and ``tests/test_packs.py`` does the same).
"""

from __future__ import annotations

import argparse
import string
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from cleanup.kinds.base import Document, Rule
from cleanup.model import Applicability

#: How each fix level reads in a rule's documentation.
_LEVEL_WORDS = {
    Applicability.SAFE: "safe (applied by `mt-cleanup fix`)",
    Applicability.UNSAFE: "unsafe (applied only with `--unsafe-fixes`)",
    Applicability.DISPLAY_ONLY: "display-only (shown, never applied)",
    Applicability.NONE: "none (flagged for a reviewer, no fix offered)",
}
#: What a placeholder stands for when a rule has no example that shows it.
_PLACEHOLDER_WORDS = {"match": "the matched text", "replacement": "its replacement", "context": "the text around it"}
INDEX_NAME = "README.md"


def fix_levels(rule: Rule) -> tuple[Applicability, ...]:
    """The fix levels a rule's findings can carry, strongest first.

    A rule declares its strongest level (``fix``); kinds whose findings can carry a lower
    one (a glossary word with alternatives, a number that may be a date) declare those in
    ``lowered_levels``.
    """
    lowered: Iterable[Applicability] = getattr(rule.matcher, "lowered_levels", ())
    levels = {rule.meta.fix} | {level for level in lowered if level.rank < rule.meta.fix.rank}
    return tuple(sorted(levels, key=lambda level: level.rank, reverse=True))


def fix_levels_label(rule: Rule) -> str:
    """``safe``, or ``safe/unsafe/none`` when the rule's fixes can be weaker or absent."""
    return "/".join(str(level) for level in fix_levels(rule))


def example_message(rule: Rule) -> str:
    """The message the rule gives on its first ``bad`` example that it reports.

    A rule with no such example gets its template with each placeholder named in words.
    """
    for example in rule.meta.examples:
        if example.bad is None:
            continue
        findings = sorted(rule.check(Document(example.bad)), key=lambda finding: finding.sort_key)
        if findings:
            return findings[0].message
    names = [name for _, name, _, _ in string.Formatter().parse(rule.meta.message) if name]
    return rule.meta.message.format_map({name: _PLACEHOLDER_WORDS.get(name, name.replace("_", " ")) for name in names})


def render_rule_doc(rule: Rule) -> str:
    """A rule's page as Markdown (the output of ``mt-cleanup rule CODE``)."""
    meta = rule.meta
    levels = fix_levels(rule)
    lines = [
        f"# {meta.id} {meta.name}",
        "",
        f"Category: {meta.category} · Severity: {meta.severity} · Fix: {fix_levels_label(rule)} · Kind: {meta.kind}"
        f" · Pack: {meta.pack} · Status: {meta.status}",
        "",
        "## What it does",
        "",
    ]
    pairs = [example for example in meta.examples if example.bad is not None]
    shown = "On the first example below it reports" if pairs else "It reports, for example"
    lines += [f"{shown}:", "", f"> {meta.id} {_sentence(example_message(rule))}"]
    if levels == (Applicability.NONE,):
        lines += ["", "It only flags the text: a reviewer decides what to write."]
    else:
        lines += ["", f"Fix: {meta.fix_title[:1].lower() + meta.fix_title[1:]}."]
    lines += ["", "## Why is this bad?", "", meta.why.strip()]
    if pairs:
        lines += ["", "## Example", ""]
        for example in pairs:
            lines += ["```", str(example.bad), "```"]
        fixed = [example.good for example in pairs if example.good is not None and example.good != example.bad]
        if fixed:
            lines += ["", "## Use instead", ""]
            for good in fixed:
                lines += ["```", good, "```"]
    oks = [example.ok for example in meta.examples if example.ok is not None]
    if oks:
        lines += ["", "## Left alone", ""]
        for ok in oks:
            lines += ["```", str(ok), "```"]
    lines += ["", "## Fix levels", ""]
    lines += [f"- {_LEVEL_WORDS[level]}" for level in levels]
    if meta.fix_safety:
        lines += ["", "## Fix safety", "", meta.fix_safety.strip()]
    # The file, not the line: a page must not go stale when a rule above it grows.
    path, _, line = meta.source.rpartition(":")
    lines += ["", f"Defined in {path if path and line.isdigit() else meta.source}."]
    return _visible("\n".join(lines)) + "\n"


def _sentence(message: str) -> str:
    return message if message.endswith((".", "?", "!")) else message + "."


def _visible(text: str) -> str:
    """``text`` with control and format characters (other than tab and newline) written
    as ``<U+0008>``, so a page shows them and stays plain text.

    >>> _visible("the\\b prefecture")
    'the<U+0008> prefecture'
    """
    return "".join(
        f"<U+{ord(char):04X}>" if char not in "\t\n" and unicodedata.category(char) in ("Cc", "Cf") else char
        for char in text
    )


def render_index(rules: Sequence[Rule]) -> str:
    """The ``docs/rules/`` index: one table row per rule, linking its page."""
    lines = [
        "# Rules",
        "",
        "Generated from the rule packs by `python -m cleanup.docs --write docs/rules`; do not edit.",
        "",
        "| code | name | category | fix levels |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        meta = rule.meta
        lines.append(f"| [{meta.id}]({meta.id}.md) | {meta.name} | {meta.category} | {fix_levels_label(rule)} |")
    return "\n".join(lines) + "\n"


def render_pages(rules: Sequence[Rule]) -> dict[str, str]:
    """Every page of ``docs/rules/`` by file name: one per rule plus the index."""
    pages = {f"{rule.id}.md": render_rule_doc(rule) for rule in rules}
    pages[INDEX_NAME] = render_index(rules)
    return pages


def stale_pages(folder: Path, pages: dict[str, str]) -> list[str]:
    """The names of pages in ``folder`` that are missing, differ from ``pages`` or are extra."""
    problems = []
    for name, text in sorted(pages.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif path.read_bytes() != text.encode("utf-8"):
            problems.append(f"{name}: out of date")
    if folder.is_dir():
        problems += [f"{path.name}: not a rule page" for path in sorted(folder.glob("*.md")) if path.name not in pages]
    return problems


def write_pages(folder: Path, pages: dict[str, str]) -> list[str]:
    """Write ``pages`` into ``folder`` (atomically, only those that changed) and delete
    stale ``*.md`` pages; return the names written or deleted."""
    from cleanup.textfile import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in sorted(pages.items()):
        path = folder / name
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            write_atomic(path, text.encode("utf-8"))
            changed.append(name)
    for path in sorted(folder.glob("*.md")):
        if path.name not in pages:
            path.unlink()
            changed.append(path.name)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m cleanup.docs --write DIR`` or ``--check DIR`` for the bundled packs."""
    from cleanup.packs.loader import load_rules

    parser = argparse.ArgumentParser(prog="python -m cleanup.docs", description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", metavar="DIR", help="write the rule pages into DIR")
    action.add_argument("--check", metavar="DIR", help="exit 1 if DIR's rule pages are not current")
    args = parser.parse_args(argv)
    pages = render_pages(list(load_rules()))
    if args.write:
        for name in write_pages(Path(args.write), pages):
            sys.stdout.write(f"{Path(args.write) / name}\n")
        return 0
    problems = stale_pages(Path(args.check), pages)
    for problem in problems:
        sys.stderr.write(f"{Path(args.check) / problem}\n")
    if problems:
        sys.stderr.write(f"rule docs are not current: run `python -m cleanup.docs --write {args.check}`\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
