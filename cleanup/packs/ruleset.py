"""The immutable set of loaded rules, indexed by code, with selection by code prefix, and
the packs they came from (named with versions, and digested, for run signatures)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleanup._core import Engine
from cleanup.errors import RulePackError
from cleanup.kinds.base import Rule
from cleanup.kinds.compiled import CompiledKind
from cleanup.protect import ProtectLists


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    version: str
    description: str
    source_lang: str
    target_lang: str
    path: str
    protect: ProtectLists = ProtectLists()


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Rules in code order plus the packs they came from. Selecting returns a new RuleSet.

    ``suppressor`` (a :class:`cleanup.suppress.Suppressor`, from the configuration) drops the
    findings that ignore entries, inline markers, allowed phrases and per-file ignores
    silence; :func:`cleanup.engine.check_document` applies it once per document.

    ``core`` is the Rust engine compiled from every rule whose kind runs in the core
    (:mod:`cleanup.kinds.compiled`), once per load: ``core_rules[i]`` is its rule ``i``, and
    a selection runs a view of the same engine with only the selected rules enabled.
    """

    packs: tuple[Pack, ...]
    rules: tuple[Rule, ...]
    suppressor: Any = None
    core: Engine | None = None
    core_rules: tuple[Rule, ...] = ()

    @classmethod
    def build(
        cls, packs: Iterable[Pack], rules: Iterable[Rule], compiled: Callable[[Sequence[Rule]], Engine] | None = None
    ) -> RuleSet:
        """The rule set of ``rules``. Its core engine is ``compiled(core_rules)`` when the
        caller has been compiling the rules as it read them (the pack loader), else compiled
        here; either raises ``ValueError(index, key, message)`` for ``core_rules[index]``."""
        by_id: dict[str, Rule] = {}
        by_name: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in by_id:
                raise RulePackError(
                    rule.meta.source, None, rule.id, f"duplicate rule id (also at {by_id[rule.id].meta.source})"
                )
            if rule.meta.name in by_name:
                other = by_name[rule.meta.name]
                raise RulePackError(
                    rule.meta.source, None, rule.id, f"duplicate rule name '{rule.meta.name}' (also {other.id})"
                )
            by_id[rule.id] = rule
            by_name[rule.meta.name] = rule
        ordered = tuple(by_id[key] for key in sorted(by_id))
        core_rules = tuple(rule for rule in ordered if isinstance(rule.matcher, CompiledKind))
        try:
            if compiled is not None:
                core = compiled(core_rules)
            else:
                core = Engine([rule.matcher.spec for rule in core_rules])
        except ValueError as error:
            index, key, problem = error.args
            raise core_rules[index].matcher.error(key, problem) from None
        return cls(packs=tuple(packs), rules=ordered, core=core, core_rules=core_rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == code.upper() or rule.meta.name == code:
                return rule
        return None

    def select(self, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None) -> RuleSet:
        """Keep rules whose code starts with a ``select`` prefix and with no ``ignore`` prefix.

        ``ALL`` selects everything; an empty or missing ``select`` means ``ALL``.
        """
        chosen = []
        selected = [prefix.upper() for prefix in select or ["ALL"]]
        ignored = [prefix.upper() for prefix in ignore or []]
        for rule in self.rules:
            if not any(prefix == "ALL" or rule.id.startswith(prefix) for prefix in selected):
                continue
            if any(prefix == "ALL" or rule.id.startswith(prefix) for prefix in ignored):
                continue
            chosen.append(rule)
        return self.with_rules(chosen)

    def with_rules(self, rules: Iterable[Rule], suppressor: Any = None) -> RuleSet:
        """The same packs and compiled core with only ``rules`` (a subset) running."""
        chosen = tuple(rules)
        kept = {id(rule) for rule in chosen}
        core = None
        if self.core is not None:
            core = self.core.select([index for index, rule in enumerate(self.core_rules) if id(rule) in kept])
        return RuleSet(
            packs=self.packs,
            rules=chosen,
            suppressor=suppressor if suppressor is not None else self.suppressor,
            core=core,
            core_rules=self.core_rules,
        )

    @property
    def signature(self) -> str:
        """``common@0.1.0+fr-en@0.1.0`` for run signatures."""
        return "+".join(f"{pack.name}@{pack.version}" for pack in self.packs)

    @property
    def data_digest(self) -> str:
        """12 hex digits of SHA-256 over the rule data loaded: every file of every pack
        folder (its path in the pack and its bytes), pack by pack, for run signatures.

        A pack's version says what its author released; the digest says what was read, so
        an edited ``acronyms.tsv`` or TOML file changes it while the version stays.
        """
        import hashlib

        digest = hashlib.sha256()
        for pack in self.packs:
            folder = pack_folder(pack)
            digest.update(b"pack\0" + pack.name.encode("utf-8") + b"\0")
            files = sorted(path for path in folder.rglob("*") if path.is_file() and _is_pack_data(path))
            for path in files:
                data = path.read_bytes()
                name = path.relative_to(folder).as_posix().encode("utf-8")
                digest.update(b"file\0" + name + b"\0" + len(data).to_bytes(8, "little") + data)
        return digest.hexdigest()[:12]


def pack_folder(pack: Pack) -> Path:
    """The folder ``pack`` was loaded from.

    A pack's ``path`` is the label its errors name: ``rules/NAME`` for a bundled pack (found
    in :func:`~cleanup.packs.loader.bundled_rules_dir`, wherever the package is installed),
    the folder as given for a user pack.
    """
    from cleanup.packs.loader import bundled_rules_dir

    head, _, name = pack.path.partition("/")
    if head == "rules" and name and "/" not in name:
        bundled = bundled_rules_dir() / name
        if (bundled / "pack.toml").is_file():
            return bundled
    return Path(pack.path)


def _is_pack_data(path: Path) -> bool:
    """Files a pack can read: everything but Python's own (the package marker, bytecode)."""
    return "__pycache__" not in path.parts and path.suffix not in (".py", ".pyc")
