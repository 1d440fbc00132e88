"""Subcommands of the CLI, one module each: ``add_parser(subparsers, common)`` and ``run(args)``."""
