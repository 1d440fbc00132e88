"""``mt-cleanup rules`` lists every rule; ``mt-cleanup rule CODE`` prints one rule's page.

The listing shows each rule's real fix levels (``safe/unsafe/none`` for a rule whose fixes
can be weaker or absent, as :func:`cleanup.docs.fix_levels` finds them), not only its
strongest.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cleanup.commands.common import selected_ruleset
from cleanup.docs import fix_levels, fix_levels_label, render_rule_doc
from cleanup.errors import CleanupError
from cleanup.packs.schema import suggest


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    listing = subparsers.add_parser("rules", parents=[common], help="list the rules")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(run=run_list)
    single = subparsers.add_parser("rule", parents=[common], help="show one rule's documentation")
    single.add_argument("code", help="rule code (QUO001) or name (glued-closing-quote)")
    single.set_defaults(run=run_show)


def run_list(args: argparse.Namespace) -> int:
    ruleset = selected_ruleset(args)
    if args.format == "json":
        rows = [
            {
                "code": rule.id,
                "name": rule.meta.name,
                "category": str(rule.meta.category),
                "severity": str(rule.meta.severity),
                "fix": str(rule.meta.fix),
                "fix_levels": [str(level) for level in fix_levels(rule)],
                "pack": rule.meta.pack,
                "kind": rule.meta.kind,
                "status": rule.meta.status,
            }
            for rule in ruleset
        ]
        sys.stdout.write(
            json.dumps({"signature": ruleset.signature, "data": ruleset.data_digest, "rules": rows}, indent=2) + "\n"
        )
        return 0
    for rule in ruleset:
        meta = rule.meta
        sys.stdout.write(f"{meta.id}  {meta.name:<40} {meta.category:<16} {fix_levels_label(rule)}\n")
    return 0


def run_show(args: argparse.Namespace) -> int:
    ruleset = selected_ruleset(args)
    rule = ruleset.get(args.code)
    if rule is None:
        known = [item.id for item in ruleset] + [item.meta.name for item in ruleset]
        raise CleanupError(f"unknown rule '{args.code}'{suggest(args.code.upper(), known)}; see `mt-cleanup rules`")
    sys.stdout.write(render_rule_doc(rule))
    return 0
