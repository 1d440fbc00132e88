"""The ``mojibake`` builtin: text decoded with the wrong codec, repaired by ftfy.

Only lines where a cheap regex gate sees likely mojibake (``Ã``, ``Â``, ``â€`` …) go
through ftfy, and ftfy is imported only then, so start-up and clean documents pay nothing.
ftfy runs with every fixer that is not about encoding switched off (no uncurling of quotes,
no NFC normalisation, no HTML unescaping, no width or ligature folding, no control-character
removal): correct curly quotes, no-break spaces and guillemets survive, and only the damaged
runs change. The repaired line is compared with the original character by character
(``difflib``) and each damaged word becomes one finding with a minimal edit.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import regex

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding

_GATE_RE = regex.compile(r"[ÃÂÐÑÅ\N{REPLACEMENT CHARACTER}]|â[€„‚]")


class MojibakeKind:
    name: ClassVar[str] = "mojibake"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()
    #: One of these occurs wherever ``_GATE_RE`` matches; the engine skips texts with none.
    literal_gate: ClassVar[tuple[str, ...]] = ("Ã", "Â", "Ð", "Ñ", "Å", "\N{REPLACEMENT CHARACTER}", "â")

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> MojibakeKind:
        return cls(meta)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not _GATE_RE.search(text):
            return
        for start, end in doc.lines:
            line = text[start:end]
            if not _GATE_RE.search(line):
                continue
            repaired = repair_encoding(line)
            if repaired == line:
                continue
            for old_start, old_end, replacement in changed_runs(line, repaired):
                yield self.meta.finding(doc, start + old_start, start + old_end, replacement)


def repair_encoding(line: str) -> str:
    """Undo mojibake in ``line`` and change nothing else.

    >>> repair_encoding("RÃ©gie de lâ€™Ã©nergie, “quoted” «\N{NO-BREAK SPACE}ok\N{NO-BREAK SPACE}»")
    'Régie de l’énergie, “quoted” «\\xa0ok\\xa0»'
    """
    import ftfy  # lazily: only documents that pass the gate pay for the import

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return ftfy.fix_text(line, config=config)


def changed_runs(old: str, new: str) -> list[tuple[int, int, str]]:
    """The changed runs between ``old`` and ``new`` as ``(start, end, replacement)`` in ``old``.

    Changes separated only by letters (one damaged word) are merged into one run.

    >>> changed_runs("RÃ©gie de lâ€™Ã©nergie", "Régie de l’énergie")
    [(1, 3, 'é'), (11, 16, '’é')]
    """
    # Only the middle that differs is diffed: the common ends are equal by definition, and
    # SequenceMatcher is quadratic in what it is given (a long line with one damaged word
    # cost ~0.4 ms whole).
    head = _common_prefix_length(old, new)
    tail = _common_prefix_length(old[head:][::-1], new[head:][::-1])
    matcher = difflib.SequenceMatcher(None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False)
    runs: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if runs and not any(char.isspace() for char in old[runs[-1][1] : i1]) and i1 - runs[-1][1] <= 3:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in runs]


def _common_prefix_length(left: str, right: str) -> int:
    """The length of the longest common prefix (bisection on slice comparisons, which run in C)."""
    low, high = 0, min(len(left), len(right))
    while low < high:
        middle = (low + high + 1) // 2
        if left[:middle] == right[:middle]:
            low = middle
        else:
            high = middle - 1
    return low
