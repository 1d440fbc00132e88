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
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from types import ModuleType
from typing import Any, NoReturn

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
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"mt-cleanup {__version__}")
    common = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
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
        "--extend-select",
        type=_codes,
        default=None,
        metavar="CODES",
        help="add these rules to those selected (by the config or --select)",
    )
    common.add_argument(
        "--extend-ignore",
        type=_codes,
        default=None,
        metavar="CODES",
        help="skip these rules as well as those ignored already",
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
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_SubcommandParser)
    subparsers.required = True
    wanted = _named_command(argv)
    for name in COMMANDS:
        if wanted is None or name == wanted:
            command_module(name).add_parser(subparsers, common)
    return parser


class _SubcommandParser(argparse.ArgumentParser):
    """A subcommand's parser: no abbreviated options (``--out`` is not ``--output-file``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """Parse ``argv``; an unknown option is answered by its subcommand's usage, with a suggestion.

    argparse hands options a subcommand does not know back to the top-level parser, whose
    usage says nothing of the subcommand; here the subcommand's parser reports them instead,
    with "did you mean" from its own options (or from the subcommand names).
    """
    args, extras = parser.parse_known_args(argv)
    if not extras:
        return args
    subparser = _subparser(parser, getattr(args, "command", None))
    if subparser is None:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    options = [option for action in subparser._actions for option in action.option_strings]
    unknown = extras[0]
    name = unknown.split("=", 1)[0]
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    assert subparser is not None
    subparser.error(f"unrecognized arguments: {' '.join(extras)}{hint}")


def _subparser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command is not None:
            found = action.choices.get(command)
            return found if isinstance(found, argparse.ArgumentParser) else None
    return None


def _named_command(argv: Sequence[str] | None) -> str | None:
    """The subcommand ``argv`` runs, when the first argument names one (else None)."""
    if not argv or argv[0] not in COMMANDS:
        return None
    return argv[0]


def _suggest_command(parser: argparse.ArgumentParser, argv: Sequence[str]) -> None:
    """A mistyped subcommand (``chek``) gets a "did you mean" before argparse's own error."""
    if not argv or argv[0].startswith("-") or argv[0] in COMMANDS:
        return
    names = [name.replace("dumpconfig", "dump-config") for name in COMMANDS] + ["rule"]
    if argv[0] in names:
        return
    close = difflib.get_close_matches(argv[0], names, n=1, cutoff=0.6)
    if close:
        parser.error(f"unknown command '{argv[0]}' (did you mean '{close[0]}'?)")


def _codes(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    _suggest_command(parser, argv)
    args = _parse(parser, argv)
    try:
        return int(args.run(args))
    except CleanupError as error:
        _error_line(str(error))
        return ExitStatus.USAGE_OR_INPUT_ERROR
    except KeyboardInterrupt as interrupt:
        _error_line(str(interrupt) or "interrupted")
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
