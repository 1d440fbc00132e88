"""Turn rule-pack folders (TOML plus lexicons) into a frozen :class:`RuleSet`.

Packs are untrusted input: every key is validated, unknown keys are errors with a
suggestion, regular expressions are compiled here (so a bad one fails at load time), and
every error names the file, the line of the ``[[rule]]`` (or of the key) and the rule.
``tomllib`` reports lines only for syntax errors, so the loader scans the raw text for
``[[rule]]`` headers and zips them with the parsed array; inline rule arrays are refused.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from cleanup._core import EngineBuilder
from cleanup.errors import CleanupError, RulePackError
from cleanup.kinds import BUILTINS, KINDS
from cleanup.kinds.base import COMMON_PLACEHOLDERS, Example, KeySpec, Rule, RuleMeta, placeholders_in
from cleanup.kinds.compiled import CompiledKind
from cleanup.model import CATEGORY_PREFIXES, Applicability, Category, Severity
from cleanup.packs import lexicon
from cleanup.packs.ruleset import Pack, RuleSet
from cleanup.packs.schema import (
    EXAMPLE_KEYS,
    PACK_KEYS,
    PROTECT_KEYS,
    RULE_ID_RE,
    RULE_KEYS,
    RULE_NAME_RE,
    STATUSES,
    has_type,
    suggest,
    type_name,
)
from cleanup.protect import ProtectLists

#: Default time budget of one regular-expression call on one document (seconds).
DEFAULT_MATCH_TIMEOUT = 2.0

_RULE_HEADER_RE = re.compile(r"^\s*\[\[\s*rule\s*\]\]\s*(?:#.*)?$")
_ANY_HEADER_RE = re.compile(r"^\s*\[")
_TOML_LINE_RE = re.compile(r"at line (\d+)")
#: An entry of a ``[protect]`` word list: a top-level domain or a file extension.
_PROTECT_ENTRY_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def bundled_rules_dir() -> Path:
    """The ``rules/`` folder shipped with the package (wheel or editable install).

    Run from a source checkout without an editable install (``python -m cleanup`` in the
    repository, with another copy installed or none), the package ``cleanup`` is the source
    tree, which has no ``cleanup.rules``: the checkout's top-level ``rules/`` is used then.
    """
    try:
        # The package's folder, as importlib.resources.files would give it for an on-disk
        # install, without importing importlib.resources (which brings tempfile, shutil and
        # the compression modules: ~7 ms of every run).
        bundled = importlib.import_module("cleanup.rules")
        return Path(next(iter(bundled.__path__)))
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parent.parent.parent / "rules"
        if (checkout / "common" / "pack.toml").is_file():
            return checkout
        raise CleanupError("the bundled rule packs are missing: reinstall mt-cleanup (pip install .)") from None


def load_rules(
    paths: Sequence[str | Path] | None = None,
    *,
    include_bundled: bool = True,
    match_timeout: float = DEFAULT_MATCH_TIMEOUT,
) -> RuleSet:
    """Load the bundled packs plus every pack folder in ``paths`` into one :class:`RuleSet`.

    A path may be a pack folder (it holds ``pack.toml``) or a folder of pack folders.
    """
    pack_dirs: list[tuple[Path, str]] = []
    if include_bundled:
        root = bundled_rules_dir()
        pack_dirs.extend((folder, f"rules/{folder.name}") for folder in _pack_folders(root))
    for path in paths or ():
        folder = Path(path)
        if not folder.is_dir():
            raise RulePackError(str(path), None, None, "rule pack folder not found")
        found = _pack_folders(folder)
        if not found:
            raise RulePackError(str(path), None, None, "no pack.toml in this folder or its subfolders")
        pack_dirs.extend((item, str(item)) for item in found)
    packs = []
    rules: list[Rule] = []
    # The core compiles each rule on a worker thread as soon as its file is read, while the
    # next files are parsed and validated here: compiling is most of a one-file run's start.
    compiler = EngineBuilder()
    numbers: dict[int, int] = {}

    def compile_rules(file_rules: list[Rule]) -> None:
        for rule in file_rules:
            if isinstance(rule.matcher, CompiledKind):
                numbers[id(rule)] = compiler.add(rule.matcher.spec)

    for folder, label in pack_dirs:
        pack, pack_rules = load_pack(folder, label, match_timeout=match_timeout, compile_rules=compile_rules)
        packs.append(pack)
        rules.extend(pack_rules)
    return RuleSet.build(
        packs, rules, compiled=lambda core_rules: compiler.finish([numbers[id(rule)] for rule in core_rules])
    )


def _pack_folders(root: Path) -> list[Path]:
    if (root / "pack.toml").is_file():
        return [root]
    return sorted(child for child in root.iterdir() if (child / "pack.toml").is_file())


def load_pack(
    folder: Path,
    label: str,
    *,
    match_timeout: float = DEFAULT_MATCH_TIMEOUT,
    compile_rules: Callable[[list[Rule]], None] | None = None,
) -> tuple[Pack, list[Rule]]:
    """Load one pack folder: ``pack.toml`` and every other ``*.toml`` file in it, handing
    each file's rules to ``compile_rules`` as soon as they are built."""
    manifest_label = f"{label}/pack.toml"
    manifest, _ = _read_toml(folder / "pack.toml", manifest_label)
    _check_keys(manifest, PACK_KEYS, manifest_label, None, None)
    pack = Pack(
        name=manifest["name"],
        version=manifest["version"],
        description=manifest["description"],
        source_lang=manifest.get("source_lang", ""),
        target_lang=manifest.get("target_lang", ""),
        path=label,
        protect=_protect_lists(manifest.get("protect", {}), folder, label, manifest_label),
    )
    rules = []
    for toml_path in sorted(folder.glob("*.toml")):
        if toml_path.name == "pack.toml":
            continue
        file_label = f"{label}/{toml_path.name}"
        file_rules = _load_rule_file(toml_path, file_label, folder, label, pack, match_timeout)
        if compile_rules is not None:
            compile_rules(file_rules)
        rules.extend(file_rules)
    return pack, rules


def _protect_lists(table: dict[str, Any], folder: Path, pack_label: str, manifest_label: str) -> ProtectLists:
    """The ``[protect]`` word lists of a pack: each key names a file in the pack folder whose
    entries are lower-case names (``org``, ``pdf``); a pack that lists top-level domains must
    list every sentence starter among them."""
    _check_keys(table, PROTECT_KEYS, manifest_label, None, None)
    lists: dict[str, dict[str, int]] = {}
    labels: dict[str, str] = {}
    for key in PROTECT_KEYS:
        relative = table.get(key, "")
        lists[key] = {}
        if not relative:
            continue
        path = (folder / relative).resolve()
        if not path.is_relative_to(folder.resolve()):
            raise RulePackError(manifest_label, None, None, f"'protect.{key}' must point inside the pack folder")
        if not path.is_file():
            raise RulePackError(
                manifest_label, None, None, f"'protect.{key}': file '{relative}' not found in {pack_label}"
            )
        labels[key] = label = f"{pack_label}/{relative}"
        for number, text in lexicon.iter_data_lines(path, label):
            entry = text.strip()
            if not _PROTECT_ENTRY_RE.fullmatch(entry):
                raise RulePackError(
                    label, number, None, f"entry {entry!r} must be lower-case letters, digits and hyphens"
                )
            lists[key][entry] = number
    tlds, starters = lists["tlds"], lists["sentence_starters"]
    for entry, number in starters.items():
        if tlds and entry not in tlds:
            raise RulePackError(
                labels["sentence_starters"], number, None, f"sentence starter '{entry}' is not one of the pack's tlds"
            )
    return ProtectLists(
        tlds=frozenset(tlds), sentence_starters=frozenset(starters), file_extensions=frozenset(lists["file_extensions"])
    )


def _read_toml(path: Path, label: str) -> tuple[dict[str, Any], list[_RuleLines]]:
    """A TOML file's tables and where its ``[[rule]]`` tables sit."""
    data = _parse_toml(path, label)
    return data, _rule_lines(path.read_text(encoding="utf-8"))


def _parse_toml(path: Path, label: str) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulePackError(label, None, None, "file not found") from None
    except UnicodeDecodeError as error:
        raise RulePackError(label, None, None, f"not valid UTF-8 at byte {error.start}") from None
    import tomllib

    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE_RE.search(str(error))
        line = int(found.group(1)) if found else None
        problem = _TOML_LINE_RE.sub("", str(error)).replace("()", "").strip()
        raise RulePackError(label, line, None, f"invalid TOML: {problem}") from None


@dataclass(frozen=True, slots=True)
class _RuleLines:
    """Where one ``[[rule]]`` table sits in its file, to point errors at the right line."""

    header: int
    body: tuple[str, ...]

    def of_key(self, key: str) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for offset, line in enumerate(self.body, start=1):
            if pattern.match(line):
                return self.header + offset
        return self.header


def _rule_lines(raw: str) -> list[_RuleLines]:
    lines = raw.splitlines()
    headers = [number for number, line in enumerate(lines, start=1) if _RULE_HEADER_RE.match(line)]
    located = []
    for index, header in enumerate(headers):
        end = headers[index + 1] - 1 if index + 1 < len(headers) else len(lines)
        body = []
        for line in lines[header:end]:
            if _ANY_HEADER_RE.match(line) and not line.strip().startswith("[[rule.example"):
                break
            body.append(line)
        located.append(_RuleLines(header, tuple(body)))
    return located


def _load_rule_file(
    path: Path, label: str, pack_dir: Path, pack_label: str, pack: Pack, match_timeout: float
) -> list[Rule]:
    data, located = _read_toml(path, label)
    unknown = [key for key in data if key != "rule"]
    if unknown:
        raise RulePackError(label, None, None, f"unknown top-level key '{unknown[0]}'{suggest(unknown[0], ['rule'])}")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        raise RulePackError(label, None, None, "'rule' must be an array of tables written as [[rule]]")
    if len(located) != len(tables):
        raise RulePackError(
            label, None, None, "write every rule as a [[rule]] table (inline rule arrays are not allowed)"
        )
    return [
        _build_rule(table, where, label, pack_dir, pack_label, pack, match_timeout)
        for table, where in zip(tables, located, strict=True)
    ]


def _check_keys(
    table: dict[str, Any],
    allowed: dict[str, KeySpec],
    label: str,
    rule_id: str | None,
    lines: _RuleLines | None,
    *,
    header_line: int | None = None,
) -> None:
    def line_of(key: str) -> int | None:
        return lines.of_key(key) if lines else header_line

    for key, value in table.items():
        if key not in allowed:
            raise RulePackError(label, line_of(key), rule_id, f"unknown key '{key}'{suggest(key, allowed)}")
        spec = allowed[key]
        if not has_type(value, spec.type):
            raise RulePackError(label, line_of(key), rule_id, f"'{key}' must be {type_name(spec.type)}")
    for key, spec in allowed.items():
        if spec.required and key not in table:
            raise RulePackError(label, lines.header if lines else header_line, rule_id, f"missing required key '{key}'")


def _build_rule(
    table: dict[str, Any],
    where: _RuleLines,
    label: str,
    pack_dir: Path,
    pack_label: str,
    pack: Pack,
    match_timeout: float,
) -> Rule:
    rule_id = table.get("id") if isinstance(table.get("id"), str) else None

    def fail(problem: str, key: str | None = None) -> RulePackError:
        return RulePackError(label, where.of_key(key) if key else where.header, rule_id, problem)

    kind_name = table.get("kind")
    if not isinstance(kind_name, str):
        raise fail("missing required key 'kind'" if kind_name is None else "'kind' must be a string", "kind")
    if kind_name not in KINDS:
        raise fail(f"unknown kind '{kind_name}'{suggest(kind_name, KINDS)}", "kind")
    kind_class = KINDS[kind_name]
    kind_keys: dict[str, KeySpec] = dict(kind_class.keys)
    if kind_name == "builtin":
        builtin_name = table.get("builtin")
        if not isinstance(builtin_name, str):
            raise fail("missing required key 'builtin'", "builtin")
        if builtin_name not in BUILTINS:
            raise fail(f"unknown builtin '{builtin_name}'{suggest(builtin_name, BUILTINS)}", "builtin")
        kind_class = BUILTINS[builtin_name]
        kind_keys.update(kind_class.keys)
    allowed = {**RULE_KEYS, **kind_keys}
    _check_keys(table, allowed, label, rule_id, where)

    if not RULE_ID_RE.fullmatch(table["id"]):
        raise fail(f"id '{table['id']}' must be three capital letters and three digits, like QUO001", "id")
    if not RULE_NAME_RE.fullmatch(table["name"]):
        raise fail(f"name '{table['name']}' must be kebab-case, like glued-closing-quote", "name")
    category = _enum(Category, table["category"], "category", fail)
    # A pack may use a prefix of its own (HSE001, issue 15); a category's prefix stays that category's.
    if table["id"][:3] in CATEGORY_PREFIXES.values() and not table["id"].startswith(category.code_prefix):
        raise fail(f"id '{table['id']}' must start with '{category.code_prefix}' for category '{category}'", "id")
    severity = _enum(Severity, table["severity"], "severity", fail)
    fix = _enum(Applicability, table["fix"], "fix", fail)
    status = table.get("status", "stable")
    if status not in STATUSES:
        raise fail(f"'status' must be one of {', '.join(sorted(STATUSES))}", "status")
    if fix is not Applicability.NONE and not table.get("fix_title"):
        raise fail("a rule that can fix needs 'fix_title'", "fix")
    unknown_placeholders = placeholders_in(table["message"]) - (COMMON_PLACEHOLDERS | kind_class.placeholders)
    if unknown_placeholders:
        raise fail(f"message uses unknown placeholder '{{{sorted(unknown_placeholders)[0]}}}'", "message")

    examples = tuple(_build_example(item, fail) for item in table.get("example", []))
    meta = RuleMeta(
        id=table["id"],
        name=table["name"],
        kind=kind_name,
        category=category,
        severity=severity,
        message=table["message"],
        fix=fix,
        why=table["why"].strip(),
        pack=pack.name,
        source=f"{label}:{where.header}",
        fix_title=table.get("fix_title", ""),
        fix_safety=table.get("fix_safety", "").strip(),
        status=status,
        since=table.get("since", ""),
        examples=examples,
    )
    options = {key: table.get(key, spec.default) for key, spec in kind_keys.items()}
    context = BuildContext(
        meta=meta,
        pack_dir=pack_dir,
        pack_label=pack_label,
        file_label=label,
        lines=where,
        match_timeout=match_timeout,
    )
    return Rule(meta=meta, matcher=kind_class.build(meta, options, context))


def _enum(enum_type: Any, value: str, key: str, fail: Any) -> Any:
    try:
        return enum_type(value)
    except ValueError:
        choices = ", ".join(item.value for item in enum_type)
        raise fail(
            f"'{key}' must be one of {choices}, not '{value}'{suggest(value, [e.value for e in enum_type])}", key
        ) from None


def _build_example(item: Any, fail: Any) -> Example:
    if not isinstance(item, dict):
        raise fail("each [[rule.example]] must be a table", "example")
    for key, value in item.items():
        if key not in EXAMPLE_KEYS:
            raise fail(f"unknown example key '{key}'{suggest(key, EXAMPLE_KEYS)}")
        if not isinstance(value, str):
            raise fail(f"example '{key}' must be a string")
    has_pair = "bad" in item and "good" in item
    if has_pair == ("ok" in item) or ("bad" in item) != ("good" in item):
        raise fail("an example has either 'bad' and 'good', or 'ok' alone")
    return Example(bad=item.get("bad"), good=item.get("good"), ok=item.get("ok"))


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What a kind may use while compiling a rule: data files, regexes, errors with lines."""

    meta: RuleMeta
    pack_dir: Path
    pack_label: str
    file_label: str
    lines: _RuleLines
    match_timeout: float

    def error(self, problem: str, key: str | None = None) -> RulePackError:
        line = self.lines.of_key(key) if key else self.lines.header
        return RulePackError(self.file_label, line, self.meta.id, problem)

    def compile(self, pattern: str, key: str, *, flags: int = 0) -> regex.Pattern[str]:
        """Compile a user regex with the ``regex`` engine (bounded by a timeout when used)."""
        try:
            return regex.compile(pattern, int(flags))  # a plain int: regex's enum flags cost ~20%
        except (regex.error, ValueError, OverflowError, RecursionError) as error:
            raise self.error(f"invalid regular expression in '{key}': {error}", key) from None

    def data_path(self, relative: str, key: str) -> tuple[Path, str]:
        path = (self.pack_dir / relative).resolve()
        if not path.is_relative_to(self.pack_dir.resolve()):
            raise self.error(f"'{key}' must point inside the pack folder", key)
        if not path.is_file():
            raise self.error(f"'{key}': file '{relative}' not found in {self.pack_label}", key)
        return path, f"{self.pack_label}/{relative}"

    def word_list(self, relative: str, key: str) -> tuple[str, ...]:
        path, label = self.data_path(relative, key)
        return lexicon.load_word_list(path, label)

    def word_lists(self, relatives: Iterable[str], key: str) -> tuple[str, ...]:
        words: list[str] = []
        for relative in relatives:
            words.extend(self.word_list(relative, key))
        return tuple(words)

    def table(
        self, relative: str, key: str, *, min_columns: int, max_columns: int
    ) -> tuple[str, tuple[tuple[int, tuple[str, ...]], ...]]:
        """Load a TSV data file; returns its label (for errors) and ``(line, cells)`` rows."""
        path, label = self.data_path(relative, key)
        return label, lexicon.load_table(path, label, min_columns=min_columns, max_columns=max_columns)
