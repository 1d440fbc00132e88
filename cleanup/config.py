"""Configuration: ``[tool.mt-cleanup]`` in ``pyproject.toml`` or a ``.mt-cleanup.toml``.

The file is found upward from the first path given (or the working directory), as ruff
finds its own; ``--config FILE`` names one explicitly. Values merge in three layers:
built-in defaults, then the file, then command-line flags, and the result is one frozen
:class:`Config` passed down explicitly (no globals, no environment lookups). Every key is
validated here, at the edge: an unknown key or a bad value is a one-line
:class:`~cleanup.errors.ConfigError` naming the file, the line and the key, with a "did you
mean" suggestion. Rule selection is layered like ruff's: a layer's ``select`` replaces what
the layers before it chose, ``extend-select`` adds, ``ignore`` removes. This module reads
configuration and matches paths; it does not look at text (that is :mod:`cleanup.suppress`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleanup.errors import ConfigError
from cleanup.model import Applicability

CONFIG_FILENAME = ".mt-cleanup.toml"
PYPROJECT_FILENAME = "pyproject.toml"
IGNORE_FILENAME = ".mt-cleanup-ignore"
CLI_ORIGIN = "command line"
DEFAULT_EXTENSIONS = (".txt", ".md")

#: Every key a configuration file may use, with what it expects (for messages).
KEYS: dict[str, str] = {
    "select": "a list of rule codes or prefixes",
    "extend-select": "a list of rule codes or prefixes",
    "ignore": "a list of rule codes or prefixes",
    "rules": "a list of rule-pack folders",
    "allow": "a list of words or phrases",
    "per-file-ignores": "a table of glob = [codes]",
    "extend-exclude": "a list of globs",
    "extensions": 'a list of file extensions such as ".txt"',
    "fix": '"safe" or "unsafe"',
    "force-exclude": "true or false",
    "encoding": '"utf-8", "auto" or a codec name such as "cp1252"',
}

_CODE_RE = re.compile(r"ALL|[A-Z]{1,3}[0-9]{0,3}")
_EXTENSION_RE = re.compile(r"\.[A-Za-z0-9_.+-]+")


@dataclass(frozen=True, slots=True)
class Selection:
    """One layer of rule selection (defaults, the file, or the command line)."""

    origin: str
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def apply(self, chosen: set[str], codes: Sequence[str]) -> set[str]:
        if self.select is not None:
            chosen = {code for code in codes if _matches_any(code, self.select)}
        chosen |= {code for code in codes if _matches_any(code, self.extend_select)}
        return {code for code in chosen if not _matches_any(code, self.ignore)}


@dataclass(frozen=True, slots=True)
class Glob:
    """A path glob: ``*`` and ``?`` stay inside one folder, ``**`` crosses folders.

    >>> Glob.parse("news/**/*.md", "x").matches("news/2024/a.md"), Glob.parse("*.md", "x").matches("a/b.md")
    (True, True)
    """

    pattern: str
    regex: re.Pattern[str] = field(compare=False, repr=False)

    @classmethod
    def parse(cls, pattern: str, where: str) -> Glob:
        return cls(pattern, re.compile(_glob_to_regex(pattern, where)))

    def matches(self, relative: str) -> bool:
        """Match a ``/``-separated relative path; a glob without ``/`` matches any component."""
        if self.regex.fullmatch(relative):
            return True
        parts = relative.split("/")
        if "/" not in self.pattern.rstrip("/"):
            return any(self.regex.fullmatch(part) for part in parts)
        # a folder glob ("drafts/old") also excludes what lies below that folder
        return any(self.regex.fullmatch("/".join(parts[:count])) for count in range(1, len(parts)))


@dataclass(frozen=True, slots=True)
class Config:
    """The merged configuration of one run; build it with :func:`load_config_for`."""

    source: str | None = None
    root: Path = field(default_factory=Path.cwd)
    selections: tuple[Selection, ...] = (Selection("defaults", select=("ALL",)),)
    rule_dirs: tuple[Path, ...] = ()
    allow: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[Glob, tuple[str, ...]], ...] = ()
    extend_exclude: tuple[Glob, ...] = ()
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    fix: Applicability = Applicability.SAFE
    force_exclude: bool = False
    encoding: str = "utf-8"

    @property
    def ignore_file(self) -> Path:
        """``.mt-cleanup-ignore`` beside the configuration file (or in the working directory)."""
        return self.root / IGNORE_FILENAME

    @property
    def select(self) -> tuple[str, ...]:
        """The last ``select`` in force plus later ``extend-select``s (for the run signature)."""
        chosen: tuple[str, ...] = ("ALL",)
        for layer in self.selections:
            if layer.select is not None:
                chosen = layer.select
            chosen = chosen + tuple(code for code in layer.extend_select if code not in chosen)
        return chosen

    @property
    def ignore(self) -> tuple[str, ...]:
        ignored: list[str] = []
        for layer in self.selections:
            if layer.select is not None:
                ignored = []
            ignored.extend(code for code in layer.ignore if code not in ignored)
        return tuple(ignored)

    def selected_codes(self, codes: Iterable[str]) -> set[str]:
        """Apply every selection layer, in order, to the available rule codes."""
        available = sorted(codes)
        chosen: set[str] = set()
        for layer in self.selections:
            chosen = layer.apply(chosen, available)
        return chosen

    def check_selectors(self, codes: Iterable[str]) -> None:
        """Refuse a selector that matches no available rule code (a typo would select nothing).

        Raises :class:`~cleanup.errors.ConfigError` naming where the selector came from: the
        option, or the configuration file, its line and key.
        """
        available = sorted(codes)
        for layer in self.selections:
            for key, selectors in (
                ("select", layer.select or ()),
                ("extend-select", layer.extend_select),
                ("ignore", layer.ignore),
            ):
                for selector in selectors:
                    if not _matches_rule(selector, available):
                        raise _unknown_selector(layer.origin, key, selector, available)
        for glob, glob_codes in self.per_file_ignores:
            for selector in glob_codes:
                if not _matches_rule(selector, available):
                    origin = self.source or "per-file-ignores"
                    raise _unknown_selector(origin, f"per-file-ignores.{glob.pattern}", selector, available)

    def relative_path(self, path: str | os.PathLike[str]) -> str | None:
        """``path`` relative to the configuration root, ``/``-separated, or None if outside it."""
        relative = os.path.relpath(os.path.abspath(path), self.root)
        if relative == ".." or relative.startswith(".." + os.sep):
            return None
        return relative.replace(os.sep, "/")

    def ignored_codes(self, path: str | None) -> tuple[str, ...]:
        """Code prefixes that ``per-file-ignores`` turns off for ``path``."""
        if path is None or not self.per_file_ignores:
            return ()
        relative = self.relative_path(path) or Path(path).name
        codes: list[str] = []
        for glob, glob_codes in self.per_file_ignores:
            if glob.matches(relative):
                codes.extend(glob_codes)
        return tuple(codes)

    def is_excluded(self, path: str | os.PathLike[str]) -> bool:
        """Whether a glob of ``extend-exclude`` matches ``path`` relative to the configuration root
        (outside the root: the path as given, so a folder-name glob such as ``drafts`` still applies)."""
        if not self.extend_exclude:
            return False
        relative = self.relative_path(path) or Path(path).as_posix().lstrip("/")
        return any(glob.matches(relative) for glob in self.extend_exclude)

    def to_dict(self) -> dict[str, Any]:
        """The merged values, as ``dump-config`` prints them."""
        return {
            "config-file": self.source or "",
            "root": str(self.root),
            "select": list(self.select),
            "ignore": list(self.ignore),
            "rules": [str(path) for path in self.rule_dirs],
            "allow": list(self.allow),
            "per-file-ignores": {glob.pattern: list(codes) for glob, codes in self.per_file_ignores},
            "extend-exclude": [glob.pattern for glob in self.extend_exclude],
            "extensions": list(self.extensions),
            "fix": str(self.fix),
            "force-exclude": self.force_exclude,
            "encoding": self.encoding,
            "ignore-file": str(self.ignore_file),
        }


def _matches_rule(selector: str, codes: Sequence[str]) -> bool:
    return selector == "ALL" or any(code.startswith(selector) for code in codes)


def _unknown_selector(origin: str, key: str, selector: str, codes: Sequence[str]) -> ConfigError:
    from cleanup.packs.schema import suggest

    prefixes = sorted({code[:3] for code in codes} | set(codes))
    hint = suggest(selector, prefixes) or f" (rule codes start with {', '.join(sorted({code[:3] for code in codes}))})"
    problem = f"'{selector}' matches no rule{hint}"
    if origin == CLI_ORIGIN:
        return ConfigError(f"--{key}: {problem}")
    where = origin
    path = Path(origin)
    if path.is_file():
        line = _Validator(path)._line_of(key)
        where = f"{origin}:{line}" if line else origin
    return ConfigError(f"{where}: key '{key}': {problem}")


def _matches_any(code: str, prefixes: Iterable[str]) -> bool:
    return any(prefix == "ALL" or code.startswith(prefix) for prefix in prefixes)


# --- finding and reading the file -------------------------------------------------------


def find_config_file(start: str | os.PathLike[str]) -> Path | None:
    """The nearest ``.mt-cleanup.toml``, or ``pyproject.toml`` with ``[tool.mt-cleanup]``.

    Looks in ``start`` and then in each parent folder, as ruff does; in one folder the
    dedicated file wins over ``pyproject.toml``.
    """
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        dedicated = candidate / CONFIG_FILENAME
        if dedicated.is_file():
            return dedicated
        pyproject = candidate / PYPROJECT_FILENAME
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    # A cheap text test first, so unrelated pyproject files are not parsed on every run.
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "mt-cleanup" not in raw:
        return False
    return "mt-cleanup" in _parse(path, raw).get("tool", {})


def _parse(path: Path, raw: str) -> dict[str, Any]:
    import tomllib  # here: a run without a config file never parses TOML

    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def read_config_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The raw table of mt-cleanup settings in ``path`` (validated by :func:`config_from_table`)."""
    file = Path(path)
    try:
        raw = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{file}: config file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: cannot read config file: {error}") from None
    document = _parse(file, raw)
    if file.name == PYPROJECT_FILENAME:
        table = document.get("tool", {}).get("mt-cleanup")
        if table is None:
            raise ConfigError(f"{file}: no [tool.mt-cleanup] table")
        if not isinstance(table, dict):
            raise ConfigError(f"{file}: [tool.mt-cleanup] must be a table")
        return table
    return document


# --- validation -------------------------------------------------------------------------


class _Validator:
    """Checks one file's table; every error names the file, the line (when found) and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            self.lines = []

    def error(self, key: str, problem: str) -> ConfigError:
        line = self._line_of(key)
        where = f"{self.path}:{line}" if line else str(self.path)
        return ConfigError(f"{where}: key '{key}': {problem}")

    def _line_of(self, key: str) -> int | None:
        head = key.split(".")[0]
        name = re.escape(head)
        pattern = re.compile(rf"^\s*(?:{name}|\"{name}\"|'{name}')\s*=|^\s*\[(?:tool\.mt-cleanup\.)?\"?{name}\"?\]")
        for number, text in enumerate(self.lines, start=1):
            if pattern.search(text):
                return number
        return None

    def string_list(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key, f"expected {KEYS.get(key, 'a list of strings')}, got {_describe(value)}")
        return tuple(value)

    def codes(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        return tuple(self.code(item, key) for item in self.string_list(table, key))

    def code(self, item: str, key: str) -> str:
        code = item.strip().upper()
        if not _CODE_RE.fullmatch(code):
            raise self.error(key, f"'{item}' is not a rule code or prefix (like QUO, QUO001 or ALL)")
        return code


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    names = {str: "a string", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return f"{value!r} ({names.get(type(value), type(value).__name__)})"


def config_from_table(table: Mapping[str, Any], path: str | os.PathLike[str]) -> dict[str, Any]:
    """Validate one file's settings; return the keyword values of :class:`Config` they set."""
    from cleanup.packs.schema import suggest

    file = Path(path)
    check = _Validator(file)
    root = file.resolve().parent
    values: dict[str, Any] = {}
    for key in table:
        if key not in KEYS:
            raise check.error(key, f"unknown key{suggest(key, KEYS)}; known keys: {', '.join(KEYS)}")
    layer: dict[str, Any] = {}
    if "select" in table:
        layer["select"] = check.codes(table, "select")
    if "extend-select" in table:
        layer["extend_select"] = check.codes(table, "extend-select")
    if "ignore" in table:
        layer["ignore"] = check.codes(table, "ignore")
    if layer:
        values["selections"] = (Selection(str(file), **layer),)
    if "rules" in table:
        folders = []
        for item in check.string_list(table, "rules"):
            folder = (root / item).resolve()
            if not folder.is_dir():
                raise check.error("rules", f"rule-pack folder '{item}' not found (relative to {root})")
            folders.append(folder)
        values["rule_dirs"] = tuple(folders)
    if "allow" in table:
        phrases = check.string_list(table, "allow")
        for phrase in phrases:
            if not phrase.strip():
                raise check.error("allow", "entries must not be empty")
        values["allow"] = tuple(phrase.strip() for phrase in phrases)
    if "per-file-ignores" in table:
        mapping = table["per-file-ignores"]
        if not isinstance(mapping, dict):
            raise check.error("per-file-ignores", f"expected {KEYS['per-file-ignores']}, got {_describe(mapping)}")
        entries = []
        for pattern, codes in mapping.items():
            key = f"per-file-ignores.{pattern}"
            glob = _glob(pattern, check, "per-file-ignores")
            if isinstance(codes, str):
                codes = [codes]
            entries.append((glob, check.codes({key: codes}, key)))
        values["per_file_ignores"] = tuple(entries)
    if "extend-exclude" in table:
        values["extend_exclude"] = tuple(
            _glob(item, check, "extend-exclude") for item in check.string_list(table, "extend-exclude")
        )
    if "extensions" in table:
        extensions = check.string_list(table, "extensions")
        for item in extensions:
            if not _EXTENSION_RE.fullmatch(item):
                raise check.error("extensions", f"'{item}' is not a file extension (write it like \".txt\")")
        if not extensions:
            raise check.error("extensions", "must name at least one extension")
        values["extensions"] = tuple(item.lower() for item in extensions)
    if "fix" in table:
        values["fix"] = _fix_level(table["fix"], lambda problem: check.error("fix", problem))
    if "force-exclude" in table:
        if not isinstance(table["force-exclude"], bool):
            raise check.error("force-exclude", f"expected true or false, got {_describe(table['force-exclude'])}")
        values["force_exclude"] = table["force-exclude"]
    if "encoding" in table:
        values["encoding"] = _encoding(table["encoding"], lambda problem: check.error("encoding", problem))
    return values


def _encoding(value: object, fail: Any) -> str:
    """A codec Python knows, or ``auto`` (UTF-8, else cp1252, else Latin-1: see :mod:`cleanup.textfile`)."""
    import codecs

    if not isinstance(value, str):
        raise fail(f"expected {KEYS['encoding']}, got {_describe(value)}")
    name = value.strip().lower()
    if name == "auto":
        return name
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise fail(f"unknown encoding '{value}' (try utf-8, cp1252, latin-1 or auto)") from None


def _fix_level(value: object, fail: Any) -> Applicability:
    from cleanup.packs.schema import suggest

    if value not in ("safe", "unsafe"):
        hint = suggest(value, ["safe", "unsafe"]) if isinstance(value, str) else ""
        raise fail(f'expected "safe" or "unsafe", got {_describe(value)}{hint}')
    return Applicability(value)


def _glob(pattern: str, check: _Validator, key: str) -> Glob:
    try:
        return Glob.parse(pattern, key)
    except ValueError as error:
        raise check.error(key, str(error)) from None


def _glob_to_regex(pattern: str, where: str) -> str:
    """Translate a glob; unbalanced brackets and empty patterns are errors.

    >>> _glob_to_regex("a/**/b?.md", "x")
    'a/(?:.*/)?b[^/]\\\\.md'
    """
    if not pattern.strip():
        raise ValueError("bad glob '': empty pattern")
    pattern = pattern.strip()
    pattern = pattern[2:] if pattern.startswith("./") else pattern
    pattern = pattern.rstrip("/") or pattern
    out: list[str] = []
    position = 0
    while position < len(pattern):
        char = pattern[position]
        if pattern.startswith("**/", position):
            out.append("(?:.*/)?")
            position += 3
            continue
        if pattern.startswith("**", position):
            out.append(".*")
            position += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            # "]" right after "[" or "[!" is a literal member of the class, not its end
            first = position + 2 if pattern[position + 1 : position + 2] in ("!", "]") else position + 1
            close = pattern.find("]", first)
            if close == -1:
                raise ValueError(f"bad glob '{pattern}': unclosed '['")
            body = pattern[position + 1 : close]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            position = close
        elif char == "]":
            raise ValueError(f"bad glob '{pattern}': unmatched ']'")
        else:
            out.append(re.escape(char))
        position += 1
    return "".join(out)


# --- merging ----------------------------------------------------------------------------


def load_config(
    *,
    start: str | os.PathLike[str] | None = None,
    config_file: str | os.PathLike[str] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    rule_dirs: Sequence[str | os.PathLike[str]] = (),
    fix: str | None = None,
    exclude: Sequence[str] = (),
    force_exclude: bool | None = None,
    encoding: str | None = None,
) -> Config:
    """Merge defaults, the configuration file, then the given command-line values."""
    path = Path(config_file) if config_file is not None else find_config_file(start or Path.cwd())
    values: dict[str, Any] = {}
    if path is not None:
        if config_file is not None and not path.is_file():
            raise ConfigError(f"{path}: config file not found (given with --config)")
        values = config_from_table(read_config_file(path), path)
        values["source"] = str(path)
        values["root"] = path.resolve().parent
    selections = list(Config().selections) + list(values.pop("selections", ()))
    if select is not None or ignore or extend_select:
        selections.append(
            Selection(
                CLI_ORIGIN,
                select=tuple(_cli_code(code, "--select") for code in select) if select is not None else None,
                extend_select=tuple(_cli_code(code, "--extend-select") for code in extend_select),
                ignore=tuple(_cli_code(code, "--ignore") for code in ignore or ()),
            )
        )
    values["selections"] = tuple(selections)
    extra = tuple(Path(item).resolve() for item in rule_dirs)
    values["rule_dirs"] = tuple(values.get("rule_dirs", ())) + extra
    if fix is not None:
        values["fix"] = _fix_level(fix, lambda problem: ConfigError(f"--fix: {problem}"))
    if exclude:
        globs = []
        for pattern in exclude:
            try:
                globs.append(Glob.parse(pattern, "--exclude"))
            except ValueError as error:
                raise ConfigError(f"--exclude: {error}") from None
        values["extend_exclude"] = tuple(values.get("extend_exclude", ())) + tuple(globs)
    if force_exclude is not None:
        values["force_exclude"] = force_exclude
    if encoding is not None:
        values["encoding"] = _encoding(encoding, lambda problem: ConfigError(f"--encoding: {problem}"))
    return Config(**values)


def _cli_code(item: str, flag: str) -> str:
    code = item.strip().upper()
    if not _CODE_RE.fullmatch(code):
        raise ConfigError(f"{flag}: '{item}' is not a rule code or prefix (like QUO, QUO001 or ALL)")
    return code


def load_config_for(paths: Sequence[str], args: Any) -> Config:
    """The configuration for a command run on ``paths`` with parsed ``args``.

    Discovery starts at the first real path (a folder, or a file's folder), else the
    working directory (or ``--stdin-filename``'s folder for standard input). ``args`` may
    lack any of the flags; missing ones change nothing.
    """
    start: Path | None = None
    for item in paths:
        if item != "-":
            start = Path(item)
            break
        stdin_filename = getattr(args, "stdin_filename", None)
        if stdin_filename:
            start = Path(stdin_filename).parent
            break
    fix = None
    if getattr(args, "unsafe_fixes", False):
        fix = "unsafe"
    elif getattr(args, "no_unsafe_fixes", False):
        fix = "safe"
    ignore = list(getattr(args, "ignore", None) or ()) + list(getattr(args, "extend_ignore", None) or ())
    return load_config(
        start=start,
        config_file=getattr(args, "config", None),
        select=getattr(args, "select", None),
        ignore=ignore or None,
        extend_select=getattr(args, "extend_select", None) or (),
        rule_dirs=getattr(args, "rule_dirs", None) or (),
        fix=fix,
        exclude=getattr(args, "exclude", None) or (),
        force_exclude=True if getattr(args, "force_exclude", False) else None,
        encoding=getattr(args, "encoding", None),
    )


def iter_config_inputs(
    config: Config, arguments: Sequence[str], *, skip_dirs: Sequence[str | os.PathLike[str]] = ()
) -> Iterator[Any]:
    """:func:`cleanup.inputs.iter_input_paths` with the configured extensions and excludes.

    ``extend-exclude`` applies to files found by walking a folder; a file named on the
    command line is taken unless ``force-exclude`` is set (as in ruff, for pre-commit hooks
    that name files). Folders in ``skip_dirs`` (a run's ``--out``) are never walked into.
    """
    from cleanup.inputs import iter_input_paths

    for argument in arguments:
        is_walk = argument != "-" and Path(argument).is_dir()
        for item in iter_input_paths([argument], extensions=config.extensions, skip_dirs=skip_dirs):
            path = getattr(item, "path", None)
            if path is None or hasattr(item, "problem") or path == "-":
                yield item
                continue
            if (is_walk or config.force_exclude) and config.is_excluded(path):
                continue
            yield item


def build_ruleset(config: Config) -> Any:
    """Load the rules the configuration asks for, selected, with its suppressions applied."""
    from cleanup.engine import default_ruleset
    from cleanup.packs.loader import load_rules
    from cleanup.suppress import Suppressor, suppressing

    base = load_rules(config.rule_dirs) if config.rule_dirs else default_ruleset()
    config.check_selectors(rule.id for rule in base)
    chosen = config.selected_codes(rule.id for rule in base)
    if not chosen:
        raise ConfigError(
            f"the selection (select {', '.join(config.select)}; ignore {', '.join(config.ignore) or 'nothing'})"
            " leaves no rule to run"
        )
    selected = base.with_rules(rule for rule in base if rule.id in chosen)
    return suppressing(selected, Suppressor.from_config(config))
