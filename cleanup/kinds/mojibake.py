"""The ``mojibake`` and ``control-character`` builtins: wrong codecs repaired by ftfy, stray controls.

``mojibake`` hands ftfy only the lines a gate suspects, and ftfy is imported only then, so
start-up and clean documents pay nothing. The gate is built from the codecs ftfy itself
undoes (Latin-1, Windows-1250 to 1257, ISO 8859-2, MacRoman, code page 437): a character that
one of them gives for a UTF-8 lead byte, followed by one it gives for a continuation byte (or
by the space, ``?`` or nothing that ftfy knows replace a lost byte), and every C1 control
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
no rule ever deletes a byte a repair needs (issue 14, point 3). :func:`repair_runs` is the
one place that decides, and the ``homoglyph`` builtin asks it too.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.model import Finding

#: The single-byte codecs ftfy tries when it undoes mojibake (``ftfy.chardata.CHARMAP_ENCODINGS``;
#: ftfy's "sloppy" Windows codecs give the Latin-1 character for a byte they leave undefined).
_CODECS = ("latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso8859-2", "mac-roman", "cp437")
#: UTF-8 lead bytes after which ftfy's ``restore_byte_a0`` accepts a space for a lost 0xA0,
#: and those after which ``replace_lossy_sequences`` accepts ``?`` for a lost byte.
_SPACE_AFTER = b"\xc2\xc3\xc5\xce\xd0\xd9\xe2\xe3\xf0"
_QUESTION_AFTER = b"\xc2\xc3"


def _sloppy_char(byte: int, codec: str) -> str:
    try:
        return bytes([byte]).decode(codec)
    except UnicodeDecodeError:
        return chr(byte)


def _build_followers() -> dict[str, frozenset[str]]:
    """For every character a codec gives for a UTF-8 lead byte, what may follow it in mojibake."""
    followers: dict[str, set[str]] = {}
    for codec in _CODECS:
        continuation = {_sloppy_char(byte, codec) for byte in range(0x80, 0xC0)}
        for byte in range(0xC2, 0xF5):
            allowed = set(continuation)
            if byte in _SPACE_AFTER:
                allowed.add(" ")
            if byte in _QUESTION_AFTER:
                allowed.add("?")
            followers.setdefault(_sloppy_char(byte, codec), set()).update(allowed)
    return {lead: frozenset(chars) for lead, chars in followers.items()}


_FOLLOWERS = _build_followers()


def _char_class(chars: set[str] | frozenset[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


# A superset of what ftfy can repair: any lead character before any follower, a C1 control,
# a replacement character or ftfy's own lost-byte marker. Pairs are checked per lead below.
_GATE_RE = re.compile(
    f"(?P<lead>{_char_class(set(_FOLLOWERS))})(?={_char_class(set().union(*_FOLLOWERS.values()))})"
    "|[\x80-\x9f\x1a\N{REPLACEMENT CHARACTER}]"
)


def is_suspect(line: str) -> bool:
    """Whether ``line`` may hold mojibake that ftfy repairs (a cheap superset; ftfy decides).

    >>> is_suspect("café, naïve, « ok »"), is_suspect("RÃ©gie"), is_suspect("l\x92état"), is_suspect("R√©gie")
    (False, True, True, True)
    >>> is_suspect("l’école")  # ’é is also MacRoman for UTF-8 bytes: ftfy is asked, and says no
    True
    """
    if line.isascii():
        return "\x1a" in line
    for match in _GATE_RE.finditer(line):
        lead = match.group("lead")
        if lead is None or line[match.end()] in _FOLLOWERS[lead]:
            return True
    return False


class MojibakeKind:
    name: ClassVar[str] = "mojibake"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
    }
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, meta: RuleMeta) -> None:
        self.meta = meta

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> MojibakeKind:
        return cls(meta)

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if not is_suspect(text):
            return
        for start, end in doc.lines:
            for old_start, old_end, replacement in repair_runs(text[start:end]):
                yield self.meta.finding(doc, start + old_start, start + old_end, replacement)


@functools.lru_cache(maxsize=256)
def repair_runs(line: str) -> tuple[tuple[int, int, str], ...]:
    """The runs of ``line`` that the encoding repair changes, as ``(start, end, replacement)``.

    Cached: the ``mojibake``, ``control-character`` and ``homoglyph`` rules ask about the same
    lines of a document.

    >>> repair_runs("lâ\x80\x99Ã©nergie, \x93ok\x94")
    ((1, 6, '’é'), (14, 18, '“ok”'))
    """
    if not is_suspect(line):
        return ()
    if len(line) > 2 * _CHUNK:
        # A very long line (a document stored on one line) is repaired piece by piece, cut
        # at white space: the diff of a repair is quadratic in what it compares, and a
        # repair is local to the damaged word (80 KB whole took 34 s; 50 MB never ended).
        runs: list[tuple[int, int, str]] = []
        for start, end in _chunks(line):
            runs.extend((start + left, start + right, text) for left, right, text in repair_runs(line[start:end]))
        return tuple(runs)
    repaired = repair_encoding(line)
    if repaired == line:
        return ()
    return tuple(changed_runs(line, repaired))


#: The size of the pieces a very long line is repaired in (see :func:`repair_runs`).
_CHUNK = 2048


def _chunks(line: str) -> list[tuple[int, int]]:
    """``line`` cut into pieces of about :data:`_CHUNK` characters, each ending at white space
    (or at the limit when a piece holds none).

    >>> [end - start for start, end in _chunks("x " * 2000)]
    [2048, 1952]
    """
    pieces = []
    start = 0
    while start < len(line):
        end = min(start + _CHUNK, len(line))
        if end < len(line):
            cut = max(line.rfind(" ", start, end), line.rfind("\t", start, end))
            if cut > start:
                end = cut + 1
        pieces.append((start, end))
        start = end
    return pieces


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
