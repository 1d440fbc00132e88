"""The ``line`` kind: whole lines of page chrome (paywall teasers, "Read later", credits).

Each entry of the ``lines`` data file is a regular expression (the Rust regex crate's
syntax) that must match the entire line (surrounding spaces ignored), so the same words
inside a sentence or inside quotes are never boilerplate. ``teasers`` lists header lines
(``>> READ ALSO -``) whose teaser title sits on the next line; that next line goes too when
it is short and does not read as a sentence. ``cues`` (a table of ``label, class, weight,
regex`` rows) let the rule weigh the lines no entry matches, as furniture in shapes no list
holds: a short line whose evidence (a price, a billing period, share buttons, a share of the
article left to read; the strongest cue of each class, added up) reaches ``report_score`` is
reported with that evidence (the message's ``{evidence}``), and its deletion is safe only from
``safe_score`` and for a line of at most ``safe_max_words`` words; a cue of negative weight
(reported speech) vetoes the line. Where a weighed line stands adds to its score, at most
``position_max``: above or under the headline, after the last paragraph of prose, next to
other furniture, a short line without a sentence's ending; the cue classes of
``heading_classes`` (a one-word rubric) count only above the headline, or under it next to
other furniture. Matching runs in the Rust core
(``crates/mtcore/src/lines.rs``): all entries as one anchored alternation, so a line costs one
pass whatever the length of the list. The fix deletes the line with its newline; the last
line of a file with no trailing newline takes the newline before it instead, so the file's
ending survives.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.errors import RulePackError
from cleanup.kinds.base import KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind
from cleanup.packs import lexicon

_ENTRY_RE = re.compile(r"entry (\d+): (.*)")


class LineKind(CompiledKind):
    name: ClassVar[str] = "line"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "lines": KeySpec(str, required=True, doc="data file: one full-line regex per entry"),
        "teasers": KeySpec(str, doc="data file: header lines whose next line is a teaser title"),
        "max_length": KeySpec(int, default=300, doc="longer lines are never boilerplate"),
        "teaser_max_length": KeySpec(int, default=160),
        "ignore_case": KeySpec(bool, default=True),
        "cues": KeySpec(str, doc="data file: furniture cues, rows of label, class, weight, regex"),
        "report_score": KeySpec(int, default=3, doc="least evidence for a line the list lacks"),
        "safe_score": KeySpec(int, default=5, doc="least evidence for a safe deletion"),
        "cue_max_words": KeySpec(int, default=25, doc="longer lines are never weighed"),
        "safe_max_words": KeySpec(int, default=20, doc="longer weighed lines get an unsafe fix"),
        "position_max": KeySpec(int, default=0, doc="most that a weighed line's position adds"),
        "heading_classes": KeySpec(list, default=[], doc="cue classes that count only by the headline"),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset({"evidence"})

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> LineKind:
        if options["max_length"] < 1:
            raise context.error("'max_length' must be positive", "max_length")
        files: dict[str, tuple[str, list[int]]] = {}
        spec: dict[str, Any] = {
            "kind": "line",
            "max_length": options["max_length"],
            "teaser_max_length": options["teaser_max_length"],
            "ignore_case": options["ignore_case"],
        }
        for key in ("lines", "teasers"):
            if options[key] is None:
                continue
            path, label = context.data_path(options[key], key)
            entries = lexicon.iter_data_lines(path, label)
            spec[key] = [text.strip() for _, text in entries]
            files[key] = (label, [number for number, _ in entries])
        if options["cues"] is not None:
            path, label = context.data_path(options["cues"], "cues")
            rows = lexicon.load_table(path, label, min_columns=4, max_columns=4)
            cues = []
            for number, (name, kind, weight, pattern) in rows:
                try:
                    cues.append((kind, int(weight), name, pattern))
                except ValueError:
                    raise RulePackError(label, number, meta.id, f"weight {weight!r} is not a whole number") from None
            spec["cues"] = cues
            files["cues"] = (label, [number for number, _ in rows])
            classes = {kind for _, (_, kind, _, _) in rows}
            for name in options["heading_classes"]:
                if not isinstance(name, str) or name not in classes:
                    raise context.error(f"heading class {name!r} is no class of the cues", "heading_classes")
            spec["heading_classes"] = list(options["heading_classes"])
            for key in ("report_score", "safe_score", "cue_max_words", "safe_max_words", "position_max"):
                spec[key] = options[key]
            if not 1 <= options["report_score"] <= options["safe_score"]:
                raise context.error("scores must satisfy 1 <= report_score <= safe_score", "report_score")
            if options["position_max"] < 0:
                raise context.error("'position_max' must not be negative", "position_max")
        elif "{evidence}" in meta.message:
            raise context.error("the message uses {evidence}, which only 'cues' provide", "message")

        def error(key: str, problem: str) -> RulePackError:
            # The core names an entry by its position; the error names its file and line.
            found = _ENTRY_RE.fullmatch(problem)
            if key in files and found:
                label, numbers = files[key]
                return RulePackError(
                    label, numbers[int(found.group(1)) - 1], meta.id, f"invalid regular expression: {found.group(2)}"
                )
            failure: RulePackError = context.error(f"invalid regular expression in '{key}': {problem}", key)
            return failure

        return cls(meta, spec, error)
