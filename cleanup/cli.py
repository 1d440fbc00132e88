"""The ``mt-cleanup`` command: parse arguments, call one library function, return a status.

Each subcommand lives in :mod:`cleanup.commands` as ``add_parser`` plus ``run``; this
module only builds the parser from them and turns errors into one line on stderr:
:class:`~cleanup.errors.CleanupError` exits 2, anything unexpected exits 3 (``--debug``
shows the traceback), Ctrl-C exits 130. The console script is :func:`run`, which exits
without the interpreter's teardown (see :func:`quick_exit`).
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from types import ModuleType
from typing import NoReturn

from cleanup.errors import CleanupError


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE_OR_INPUT_ERROR = 2
    INTERNAL_ERROR = 3
    INTERRUPTED = 130


#: Subcommand modules of :mod:`cleanup.commands`, in the order ``--help`` lists them.
COMMANDS = ("check", "fix", "rules", "eval", "report", "dumpconfig")


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"cleanup.commands.{name}")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` naming a subcommand, only that subcommand's module is
    imported, so ``check`` never imports the HTML report, metrics or evaluation code. Help and
    usage errors (no subcommand named first) always see the full parser.
    """
    from cleanup import __version__

    parser = argparse.ArgumentParser(
        prog="mt-cleanup",
        description="Find and fix the artifacts machine translation leaves in English text.",
    )
    parser.add_argument("--version", action="version", version=f"mt-cleanup {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--select",
        type=_codes,
        default=None,
        metavar="CODES",
        help="only rules whose code starts with one of these (comma-separated, e.g. QUO,ACR001)",
    )
    common.add_argument(
        "--ignore", type=_codes, default=None, metavar="CODES", help="skip rules whose code starts with one of these"
    )
    common.add_argument(
        "--rules",
        dest="rule_dirs",
        action="append",
        default=[],
        metavar="DIR",
        help="extra rule-pack folder (repeatable)",
    )
    common.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help="configuration file (default: the nearest .mt-cleanup.toml or pyproject.toml "
        "with [tool.mt-cleanup], searched upward)",
    )
    common.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    wanted = _named_command(argv)
    for name in COMMANDS:
        if wanted is None or name == wanted:
            command_module(name).add_parser(subparsers, common)
    return parser


def _named_command(argv: Sequence[str] | None) -> str | None:
    """The subcommand ``argv`` runs, when the first argument names one (else None)."""
    if not argv or argv[0] not in COMMANDS:
        return None
    return argv[0]


def _codes(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CleanupError as error:
        _error_line(str(error))
        return ExitStatus.USAGE_OR_INPUT_ERROR
    except KeyboardInterrupt:
        _error_line("interrupted")
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.OK
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line, exit 3
        if getattr(args, "debug", False):
            raise
        _error_line(f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)")
        return ExitStatus.INTERNAL_ERROR


def run() -> NoReturn:
    """The ``mt-cleanup`` console script: :func:`main`, then :func:`quick_exit`."""
    quick_exit(main())


def quick_exit(status: int) -> NoReturn:
    """Exit with ``status`` without tearing the interpreter down object by object.

    The teardown frees the word sets, tables and compiled patterns a run loaded one object
    at a time: ~50 ms, a sixth of a one-file check, which a pre-commit hook pays on every
    commit. Nothing is lost by skipping it: every output is complete and renamed into place
    before :func:`main` returns, atexit handlers (multiprocessing's, logging's) run here, and
    the standard streams are flushed. While another thread runs, the normal exit (which waits
    for it) is taken instead.
    """
    import threading

    if threading.active_count() > 1:
        raise SystemExit(status)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(status) from None  # let the interpreter report a closed or broken stream as usual
    os._exit(status)


def _error_line(message: str) -> None:
    sys.stderr.write(f"mt-cleanup: {message}\n")


if __name__ == "__main__":
    run()
