"""What the subcommands share: the run options of ``check`` and ``fix``, loading the selected
rule set, reading inputs, colour, and writing the report (to stdout or ``--output-file``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from cleanup.config import Config, build_ruleset, iter_config_inputs, load_config_for
from cleanup.errors import CleanupError, InputError
from cleanup.inputs import InputPath, read_input
from cleanup.packs.ruleset import RuleSet
from cleanup.report import formats
from cleanup.textfile import TextFile

COLOR_CHOICES = ("auto", "always", "never")


def add_run_arguments(parser: argparse.ArgumentParser, *, command: str) -> None:
    """Options ``check`` and ``fix`` share, named as ruff names them."""
    parser.add_argument("--format", choices=formats.FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings remain (errors still exit 2)"
    )
    parser.add_argument("--statistics", action="store_true", help="print counts per rule instead of each finding")
    parser.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the name of standard input (`-`) in messages, per-file-ignores and excludes",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="encoding of the input files: utf-8 (default), cp1252, latin-1…, or auto (UTF-8, else cp1252, "
        "else Latin-1); fixed files are written back in their own encoding",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip files matching GLOB when walking folders (repeatable; added to extend-exclude)",
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the excludes to files named on the command line too (for pre-commit hooks)",
    )


def use_color(args: argparse.Namespace, stream: TextIO) -> bool:
    """``--color``: ``always``, ``never``, or ``auto`` (a terminal, and ``NO_COLOR`` unset or empty)."""
    choice = getattr(args, "color", "auto")
    if choice == "always":
        return True
    if choice == "never" or getattr(args, "no_color", False):
        return False
    if os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def selected_ruleset(args: argparse.Namespace, config: Config | None = None) -> RuleSet:
    """The rules the configuration (file, then flags) selects, with its suppressions applied."""
    if config is None:
        config = load_config_for(getattr(args, "paths", None) or [], args)
    return build_ruleset(config)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Source:
    """One input read: ``label`` names it in output (``-`` or ``--stdin-filename`` for stdin)."""

    item: InputPath
    label: str
    file: TextFile
    is_excluded: bool = False  # standard input whose --stdin-filename is excluded (--force-exclude)


def iter_sources(
    args: argparse.Namespace, config: Config, *, skip_dirs: tuple[str, ...] = ()
) -> Iterator[Source | CleanupError]:
    """Read every input in order; a file that cannot be read comes through as its error."""
    stdin_name = getattr(args, "stdin_filename", None)
    for item in iter_config_inputs(config, args.paths, skip_dirs=skip_dirs):
        if isinstance(item, CleanupError):
            yield item
            continue
        try:
            source = read_input(item, encoding=config.encoding, stdin_name=stdin_name)
        except CleanupError as error:
            yield error
            continue
        if item.is_stdin:
            excluded = stdin_name is not None and config.force_exclude and config.is_excluded(stdin_name)
            yield Source(item, stdin_name or "-", source, is_excluded=excluded)
        else:
            yield Source(item, item.path, source)


def report_error(error: CleanupError) -> None:
    """One line on stderr for a problem with one input; the run goes on."""
    sys.stderr.write(f"mt-cleanup: {error}\n")


def error_path(error: CleanupError) -> str:
    return str(getattr(error, "path", "") or "")


def note_nothing_found(config: Config) -> None:
    """ruff's warning when the paths hold no file to check: the run is not a clean pass."""
    extensions = ", ".join(config.extensions)
    sys.stderr.write(f"mt-cleanup: warning: no text files found under the given paths (looked for {extensions})\n")


def input_error(path: str, problem: str) -> InputError:
    return InputError(path, problem)


class ReportOutput:
    """Where the report goes: stdout, or ``--output-file``, streamed into a temporary file beside
    it and renamed into place by :meth:`close` (a corpus run's report never sits in memory)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._stream: Any = None
        self._temp: str | None = None

    def write(self, text: str) -> None:
        if self.path is None:
            sys.stdout.write(text)
            return
        if self._stream is None:
            import tempfile

            target = Path(self.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, self._temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            self._stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        self._stream.write(text)

    def close(self) -> None:
        """Put the report in place (an empty file when nothing was written)."""
        if self.path is None:
            return
        if self._stream is None:
            write_output(self.path, b"")
            return
        self._stream.close()
        umask = os.umask(0)
        os.umask(umask)
        assert self._temp is not None
        os.chmod(self._temp, 0o666 & ~umask)
        os.replace(self._temp, self.path)
        self._stream = None

    def abort(self) -> None:
        """Drop a half-written report (the run failed)."""
        if self._stream is not None and self._temp is not None:
            self._stream.close()
            Path(self._temp).unlink(missing_ok=True)
            self._stream = None


def write_output(path: str, data: bytes) -> None:
    """Write a report file atomically, creating its folder if needed."""
    from cleanup.textfile import write_atomic

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
