"""What the subcommands share: loading the selected rule set and reading inputs."""

from __future__ import annotations

import argparse
import sys

from cleanup.engine import default_ruleset
from cleanup.errors import CleanupError, InputError
from cleanup.packs.loader import load_rules
from cleanup.packs.ruleset import RuleSet


def selected_ruleset(args: argparse.Namespace) -> RuleSet:
    base = load_rules(args.rule_dirs) if args.rule_dirs else default_ruleset()
    return base.select(args.select, args.ignore)


def report_error(error: CleanupError) -> None:
    """One line on stderr for a problem with one input; the run goes on."""
    sys.stderr.write(f"mt-cleanup: {error}\n")


def input_error(path: str, problem: str) -> InputError:
    return InputError(path, problem)
