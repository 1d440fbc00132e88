"""The ``mojibake`` and ``control-character`` builtins: wrong codecs repaired by ftfy, stray controls.

``mojibake`` hands ftfy only the lines a gate suspects, and ftfy is imported only then, so
start-up and clean documents pay nothing. The gate runs in the Rust core
(``crates/mtcore/src/mojibake.rs``), which returns each suspect line (or piece of a very long
line) as a candidate; the kind is an adapter whose :meth:`MojibakeKind.complete` asks ftfy
about that line. The gate's data is built here from the codecs ftfy itself undoes (Latin-1,
Windows-1250 to 1257, ISO 8859-2, MacRoman, code page 437): a character that one of them
gives for a UTF-8 lead byte, followed by one it gives for a continuation byte (or by the
space or ``?`` that ftfy knows replace a lost byte), and every C1 control
(Windows-1252 bytes read as Latin-1) and replacement character. ftfy runs with every fixer
that is not about encoding switched off (no uncurling of quotes, no NFC normalisation, no HTML
unescaping, no width or ligature folding, no control-character removal), so the repair is
what ``ftfy.fix_text(text, uncurl_quotes=False)`` does to the damaged runs, and correct curly
quotes, no-break spaces and guillemets survive. The repaired line is compared with the
original character by character (``difflib``) and each damaged word becomes one finding with
a minimal edit.

``control-character`` deletes C0 and C1 controls, except those the encoding repair explains:
a C1 control inside mojibake (``â\x80\x99`` is UTF-8 ``’`` read as Latin-1) or a lone
Windows-1252 byte (``l\x92état``) is left to ``mojibake``, which restores the character, so
no rule ever deletes a byte a repair needs (issue 14, point 3). :func:`is_repaired` is the
one place that decides, and the ``homoglyph`` builtin asks it too.
"""

from __future__ import annotations

import bisect
import difflib
import functools
from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup._core import Engine
from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit
from cleanup.model import Finding

#: The single-byte codecs ftfy tries when it undoes mojibake (``ftfy.chardata.CHARMAP_ENCODINGS``;
#: ftfy's "sloppy" Windows codecs give the Latin-1 character for a byte they leave undefined).
_CODECS = ("latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso8859-2", "mac-roman", "cp437")
#: UTF-8 lead bytes after which ftfy's ``restore_byte_a0`` accepts a space for a lost 0xA0,
#: and those after which ``replace_lossy_sequences`` accepts ``?`` for a lost byte.
_SPACE_AFTER = b"\xc2\xc3\xc5\xce\xd0\xd9\xe2\xe3\xf0"
_QUESTION_AFTER = b"\xc2\xc3"


def _sloppy_chars(codec: str) -> str:
    """The character ``codec`` gives for each byte (index = byte), Latin-1's where it has
    none: one decode of the 256 bytes, its undefined bytes escaped and then mapped back."""
    decoded = bytes(range(256)).decode(codec, errors="surrogateescape")
    return "".join(chr(ord(char) - 0xDC00) if "\udc80" <= char <= "\udcff" else char for char in decoded)


def _gate_followers() -> list[tuple[str, str]]:
    """For every character a codec gives for a UTF-8 lead byte, what may follow it in
    mojibake (sorted, as the gate's data lists it)."""
    followers: dict[str, set[str]] = {}
    for codec in _CODECS:
        chars = _sloppy_chars(codec)
        continuation = set(chars[0x80:0xC0])
        for byte in range(0xC2, 0xF5):
            allowed = followers.setdefault(chars[byte], set())
            allowed |= continuation
            if byte in _SPACE_AFTER:
                allowed.add(" ")
            if byte in _QUESTION_AFTER:
                allowed.add("?")
    # Leads that the same codecs give share a follower set: each distinct set sorted once.
    spelled: dict[frozenset[str], str] = {}
    rows = []
    for lead, allowed in sorted(followers.items()):
        key = frozenset(allowed)
        if key not in spelled:
            spelled[key] = "".join(sorted(allowed))
        rows.append((lead, spelled[key]))
    return rows


#: The gate's data as the core takes it (see ``crates/mtcore/src/mojibake.rs``): a C1 control, a
#: replacement character or ftfy's own lost-byte marker makes a line suspect by itself, and so
#: does a lead character directly followed by one of its followers.
_GATE_SPEC: dict[str, Any] = {
    "kind": "mojibake",
    "singles": "".join(chr(code) for code in range(0x80, 0xA0)) + "\x1a\N{REPLACEMENT CHARACTER}",
    "followers": _gate_followers(),
    "chunk": 2048,
}


@functools.cache
def _gate() -> Engine:
    return Engine([_GATE_SPEC])


def is_suspect(line: str) -> bool:
    """Whether ``line`` may hold mojibake that ftfy repairs (a cheap superset; ftfy decides).

    >>> is_suspect("café, naïve, « ok »"), is_suspect("RÃ©gie"), is_suspect("l\x92état"), is_suspect("R√©gie")
    (False, True, True, True)
    >>> is_suspect("l’école")  # ’é is also MacRoman for UTF-8 bytes: ftfy is asked, and says no
    True
    """
    return bool(_gate().check(line))


class MojibakeKind(CompiledKind):
    """An adapter kind: the core finds the suspect lines, ftfy repairs each one."""

    name: ClassVar[str] = "mojibake"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
    }
    adapter: ClassVar[bool] = True

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> MojibakeKind:
        def error(key: str, problem: str) -> RulePackError:
            failure: RulePackError = context.error(f"invalid mojibake gate ({key}): {problem}")
            return failure

        return cls(meta, dict(_GATE_SPEC), error)

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        start, end = hit[1], hit[2]
        return [
            self.meta.finding(doc, start + old_start, start + old_end, replacement)
            for old_start, old_end, replacement in piece_repairs(doc, start, end)
        ]


def is_repaired(doc: Document, line_start: int, line_end: int, start: int, end: int) -> bool:
    """Whether the encoding repair of the line ``doc.text[line_start:line_end]`` changes any
    of ``doc.text[start:end]``, inside it.

    Only what the gate suspects is repaired: the line, or for a very long line (a document
    stored on one line) its suspect pieces of about 2 KB cut at white space, since the diff of
    a repair is quadratic in what it compares and a repair is local to the damaged word (80 KB
    whole took 34 s; 50 MB never ended). So only the suspect pieces that overlap the span are
    repaired (each once per document, shared with the ``mojibake`` rule's own hits): the
    ``control-character`` and ``homoglyph`` rules ask about single characters and words, and
    on a document stored on one line, repairing every suspect piece of the line for each of
    them cost as much as the ``mojibake`` rule itself.
    """
    key = ("mojibake-pieces", line_start, line_end)
    pieces = doc.memo.get(key)
    if pieces is None:
        found = _gate().check(doc.text[line_start:line_end])
        pieces = doc.memo[key] = ([line_start + hit[1] for hit in found], [line_start + hit[2] for hit in found])
    assert isinstance(pieces, tuple)
    starts, ends = pieces
    index = bisect.bisect_right(ends, start)  # the first piece that ends after ``start``
    while index < len(starts) and starts[index] < end:
        piece_start = starts[index]
        for run_start, run_end, _ in piece_repairs(doc, piece_start, ends[index]):
            if piece_start + run_start < end and start < piece_start + run_end:
                return True
        index += 1
    return False


def piece_repairs(doc: Document, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """The changed runs of the suspect line or piece ``doc.text[start:end]``, relative to
    ``start``; computed once per document (the ``mojibake``, ``control-character`` and
    ``homoglyph`` rules ask about the same pieces)."""
    key = ("mojibake-piece", start, end)
    runs = doc.memo.get(key)
    if runs is None:
        runs = doc.memo[key] = _repair_piece(doc.text[start:end])
    return runs  # type: ignore[return-value]


def _repair_piece(piece: str) -> tuple[tuple[int, int, str], ...]:
    """The changed runs of one suspect line or piece."""
    repaired = repair_encoding(piece)
    if repaired == piece:
        return ()
    return tuple(changed_runs(piece, repaired))


def repair_encoding(line: str) -> str:
    """Undo mojibake in ``line`` as ``ftfy.fix_text(line, uncurl_quotes=False)`` does, and change nothing else.

    >>> repair_encoding("RÃ©gie de lâ€™Ã©nergie, “quoted” «\N{NO-BREAK SPACE}ok\N{NO-BREAK SPACE}»")
    'Régie de l’énergie, “quoted” «\\xa0ok\\xa0»'
    >>> repair_encoding("la R\N{SQUARE ROOT}\N{COPYRIGHT SIGN}gie"), repair_encoding("the prefecture\x85")
    ('la Régie', 'the prefecture…')
    """
    import ftfy  # lazily: only documents that pass the gate pay for the import

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        # A C1 control left after decoding is a Windows-1252 byte read as Latin-1 (\x92 for
        # ’): ftfy.fix_text restores it, and so must we, rather than delete it.
        fix_c1_controls=True,
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
