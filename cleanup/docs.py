"""Render a rule's documentation from its pack entry: ``mt-cleanup rule CODE``.

The sections follow ruff's rule pages: What it does, Why is this bad?, Example, Use
instead, Fix safety. Documentation is never written twice: it all comes from the TOML.
"""

from __future__ import annotations

from cleanup.kinds.base import Rule


def render_rule_doc(rule: Rule) -> str:
    meta = rule.meta
    lines = [
        f"# {meta.id} {meta.name}",
        "",
        f"Category: {meta.category} · Severity: {meta.severity} · Fix: {meta.fix} · Kind: {meta.kind}"
        f" · Pack: {meta.pack} · Status: {meta.status}",
        "",
        "## What it does",
        "",
        meta.message.replace("{match}", "…").replace("{replacement}", "…") + ".",
        "",
        "## Why is this bad?",
        "",
        meta.why,
    ]
    pairs = [example for example in meta.examples if example.bad is not None]
    if pairs:
        lines += ["", "## Example", ""]
        for example in pairs:
            lines += ["```", str(example.bad), "```"]
        lines += ["", "## Use instead", ""]
        for example in pairs:
            lines += ["```", str(example.good), "```"]
    oks = [example.ok for example in meta.examples if example.ok is not None]
    if oks:
        lines += ["", "## Left alone", ""]
        for ok in oks:
            lines += ["```", str(ok), "```"]
    if meta.fix_title:
        lines += ["", "## Fix", "", f"{meta.fix_title} ({meta.fix})."]
    if meta.fix_safety:
        lines += ["", "## Fix safety", "", meta.fix_safety]
    lines += ["", f"Defined in {meta.source}."]
    return "\n".join(lines) + "\n"
