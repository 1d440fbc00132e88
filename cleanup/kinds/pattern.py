"""The ``pattern`` kind: a regular expression, and optionally its replacement template.

Matching runs in the Rust core (:mod:`cleanup.kinds.compiled`): the pattern uses the
``regex`` crate's syntax and runs in linear time, so no pattern can hang. Look-around is
replaced by conditions on the text around the match: ``before``/``not_before`` must (not)
match the text that ends where the match starts, ``after``/``not_after`` the text that starts
where it ends. A rule whose alternatives need different conditions lists them in
``alternatives`` (inline tables with those keys); their hits merge as one alternation's
would. A group named ``edit`` (``edit1``, ``edit2``, … in separate alternatives)
narrows the finding and its fix to that group, so a pattern may consume context it needs
after the edit. ``replace`` is a template (``${name}`` inserts a named group). ``gate`` lists
literal strings of which one must occur for the rule to run at all: the core looks for every
rule's gates in one pass over the document. ``styles`` lets the replacements follow the
document's own style (``Mr``/``Ms`` or ``Mr.``/``Ms.``): each style names the forms that show
it (``evidence``, a regex) and the ``values`` of the templates' ``${name}`` fields; the style
whose evidence the document writes most often is used, ``default_style`` when none leads.
``words`` names word lists of the pack (``words = { given = "lexicons/given.txt" }``): each
``(?&given)`` in a pattern or condition stands for one of the list's words, matched as
written (the core expands it into an alternation, the longest words first). An entry must be
one word (letters, digits, ``-``, ``'``, ``’``, ``.``); an error names the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import regex

from cleanup.errors import RulePackError
from cleanup.kinds.base import KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind
from cleanup.packs import lexicon
from cleanup.packs.schema import suggest

#: A word class's name, as ``(?&name)`` refers to it.
_CLASS_NAME = regex.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: An entry of a word class: one word.
_CLASS_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*\.?")

#: The keys of one alternative (and of a rule without alternatives).
ALTERNATIVE_KEYS = ("pattern", "replace", "before", "not_before", "after", "not_after")


class PatternKind(CompiledKind):
    name: ClassVar[str] = "pattern"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "pattern": KeySpec(str, doc="regular expression (the Rust regex crate's syntax)"),
        "alternatives": KeySpec(list, doc="inline tables of pattern, replace and conditions, instead of 'pattern'"),
        "replace": KeySpec(str, doc="replacement template; ${name} inserts a named group, $$ a dollar sign"),
        "gate": KeySpec(list, default=[], doc="literal strings; the rule runs only if one occurs"),
        "before": KeySpec(str, doc="regex that must match the text just before the match"),
        "not_before": KeySpec(str, doc="regex that must not match the text just before the match"),
        "after": KeySpec(str, doc="regex that must match the text just after the match"),
        "not_after": KeySpec(str, doc="regex that must not match the text just after the match"),
        "ignore_case": KeySpec(bool, default=False),
        "styles": KeySpec(list, doc="inline tables of name, evidence (regex) and values (the templates' fields)"),
        "default_style": KeySpec(str, doc="the style written when the document shows none (with 'styles')"),
        "words": KeySpec(dict, doc="word classes: name = word-list file; (?&name) in a pattern matches its words"),
    }

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> PatternKind:
        if not all(isinstance(item, str) and item for item in options["gate"]):
            raise context.error("'gate' must be a list of non-empty strings", "gate")
        alternatives = options["alternatives"]
        if (options["pattern"] is None) == (alternatives is None):
            raise context.error("a pattern rule needs either 'pattern' or 'alternatives'", "pattern")
        if alternatives is not None:
            for number, alternative in enumerate(alternatives, start=1):
                _check_alternative(alternative, number, context)
            if any(options[key] is not None for key in ALTERNATIVE_KEYS if key != "replace"):
                raise context.error("with 'alternatives', each alternative holds its pattern and conditions")
            # A rule-level ``replace`` serves every alternative that has none of its own.
            shared = {} if options["replace"] is None else {"replace": options["replace"]}
            options["alternatives"] = [{**shared, **alternative} for alternative in alternatives]
        options["styles"] = _styles(options["styles"], options["default_style"], context)
        del options["default_style"]
        options["words"] = _word_classes(options["words"], options, context)
        spec = {"kind": "pattern", **{key: value for key, value in options.items() if value is not None}}

        def error(key: str, problem: str) -> RulePackError:
            what = "replacement template" if key == "replace" else f"regular expression in '{key}'"
            failure: RulePackError = context.error(f"invalid {what}: {problem}", key)
            return failure

        return cls(meta, spec, error)


def _check_alternative(alternative: object, number: int, context: Any) -> None:
    if not isinstance(alternative, dict):
        raise context.error(f"alternative {number} must be an inline table", "alternatives")
    for key, value in alternative.items():
        if key not in ALTERNATIVE_KEYS:
            raise context.error(
                f"alternative {number}: unknown key '{key}'{suggest(key, ALTERNATIVE_KEYS)}", "alternatives"
            )
        if not isinstance(value, str):
            raise context.error(f"alternative {number}: '{key}' must be a string", "alternatives")
    if "pattern" not in alternative:
        raise context.error(f"alternative {number}: missing required key 'pattern'", "alternatives")


def _styles(styles: object, default: str | None, context: Any) -> list[tuple[str, str, list[tuple[str, str]]]] | None:
    """The styles as the core reads them, the default first (None without styles)."""
    if styles is None:
        if default is not None:
            raise context.error("'default_style' needs 'styles'", "default_style")
        return None
    fields: set[str] | None = None
    read = []
    for number, style in enumerate(styles if isinstance(styles, list) else [None], start=1):
        if not (
            isinstance(style, dict)
            and set(style) == {"name", "evidence", "values"}
            and isinstance(style["name"], str)
            and isinstance(style["evidence"], str)
            and isinstance(style["values"], dict)
            and all(isinstance(value, str) for value in style["values"].values())
        ):
            raise context.error(
                f"style {number} must be an inline table of 'name', 'evidence' and 'values' (strings)", "styles"
            )
        if fields is not None and set(style["values"]) != fields:
            raise context.error(f"style {number} must give the same values as the others", "styles")
        fields = set(style["values"])
        read.append((style["name"], style["evidence"], sorted(style["values"].items())))
    names = [name for name, _, _ in read]
    if default not in names:
        raise context.error(f"'default_style' must name one of the styles: {', '.join(names)}", "default_style")
    return sorted(read, key=lambda style: style[0] != default)


def _word_classes(classes: object, options: dict[str, Any], context: Any) -> list[tuple[str, list[str]]] | None:
    """The word classes as the core reads them: ``(name, words)``; None without ``words``."""
    if classes is None:
        return None
    if not isinstance(classes, dict) or not classes:
        raise context.error("'words' must be a table of class names and word-list files", "words")
    sources = [options[key] or "" for key in ALTERNATIVE_KEYS if key != "replace"]
    sources += [alternative.get(key, "") for alternative in options["alternatives"] or [] for key in alternative]
    read = []
    for name, relative in classes.items():
        if not _CLASS_NAME.fullmatch(name):
            raise context.error(f"word class name {name!r} must be letters, digits and _", "words")
        if not isinstance(relative, str):
            raise context.error(f"word class {name!r} must name a word-list file", "words")
        if not any(f"(?&{name})" in source for source in sources):
            raise context.error(f"word class {name!r} is declared but no pattern uses (?&{name})", "words")
        path, label = context.data_path(relative, "words")
        words = []
        for number, line in lexicon.iter_data_lines(path, label):
            word = line.strip()
            if not _CLASS_WORD.fullmatch(word):
                raise RulePackError(label, number, context.meta.id, f"word class entry {word!r} is not one word")
            words.append(word)
        if not words:
            raise context.error(f"word class {name!r}: '{relative}' lists no word", "words")
        read.append((name, words))
    return read
