"""What the subcommands share: loading the selected rule set and reading inputs."""

from __future__ import annotations

import argparse
import sys

from cleanup.config import Config, build_ruleset, load_config_for
from cleanup.errors import CleanupError, InputError
from cleanup.packs.ruleset import RuleSet


def selected_ruleset(args: argparse.Namespace, config: Config | None = None) -> RuleSet:
    """The rules the configuration (file, then flags) selects, with its suppressions applied."""
    if config is None:
        config = load_config_for(getattr(args, "paths", None) or [], args)
    return build_ruleset(config)  # type: ignore[no-any-return]


def report_error(error: CleanupError) -> None:
    """One line on stderr for a problem with one input; the run goes on."""
    sys.stderr.write(f"mt-cleanup: {error}\n")


def input_error(path: str, problem: str) -> InputError:
    return InputError(path, problem)


def write_output(path: str, data: bytes) -> None:
    """Write a report file atomically, creating its folder if needed."""
    from pathlib import Path

    from cleanup.textfile import write_atomic

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
