"""``mt-cleanup dump-config [PATH]``: show the merged configuration and the rules it selects."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cleanup.config import build_ruleset, load_config_for


def add_parser(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "dump-config",
        parents=[common],
        help="show the configuration in force for PATH (defaults, then the file, then flags)",
    )
    parser.add_argument(
        "path",
        nargs="?",
        default=None,
        metavar="PATH",
        help="file or folder to resolve the configuration for (default: the working directory)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = load_config_for([args.path] if args.path else [], args)
    values = config.to_dict()
    values["selected-rules"] = [rule.id for rule in build_ruleset(config)]
    if args.format == "json":
        sys.stdout.write(json.dumps(values, ensure_ascii=False, indent=2) + "\n")
        return 0
    origin = values["config-file"] or "no configuration file; defaults"
    sys.stdout.write(f"# mt-cleanup configuration ({origin}, then command-line flags)\n")
    for key, value in values.items():
        sys.stdout.write(f"{key} = {_toml_value(value)}\n")
    return 0


def _toml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(key)} = {_toml_value(item)}" for key, item in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)
