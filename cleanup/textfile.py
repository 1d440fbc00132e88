"""Read and write text files without damaging them.

A :class:`TextFile` keeps what a fix must give back unchanged: the encoding (UTF-8 unless
``--encoding`` says otherwise; ``auto`` takes UTF-8, else cp1252, else Latin-1), the UTF-8 BOM, the newline
style (``\\r\\n`` stays two characters because files are decoded without newline
translation), the trailing newline and the file mode. Writes are atomic: a temporary file in
the same directory, the mode copied, then ``os.replace``. :class:`LineIndex` turns offsets
into 1-based line and column for rendering. This module never looks at the text's content
beyond decoding it.
"""

from __future__ import annotations

import bisect
import os
import stat
from dataclasses import dataclass
from pathlib import Path

BOM = "\N{ZERO WIDTH NO-BREAK SPACE}"
_BINARY_SNIFF_BYTES = 8192


UTF8 = "utf-8"
AUTO = "auto"
#: What ``--encoding auto`` tries after UTF-8: cp1252 (Windows Western, the usual encoding of
#: old French and English corpora; it refuses five undefined bytes), then Latin-1 (decodes anything).
AUTO_FALLBACKS = ("cp1252", "iso8859-1")


@dataclass(frozen=True, slots=True)
class TextFile:
    """A decoded text file: ``text`` has no BOM; ``has_bom`` and ``encoding`` say how to write it back."""

    path: str
    text: str
    has_bom: bool = False
    encoding: str = UTF8

    def encode(self, text: str | None = None) -> bytes:
        """The bytes of ``text`` (default: the text read) as the file was: same encoding, same BOM.

        A fix that adds a character the file's encoding lacks (a curly quote in Latin-1) is an
        :class:`~cleanup.errors.InputError`: the file is left as it was.

        >>> TextFile("a.txt", "caf\N{LATIN SMALL LETTER E WITH ACUTE}", encoding="cp1252").encode()
        b'caf\\xe9'
        """
        from cleanup.errors import InputError

        body = self.text if text is None else text
        if self.encoding == UTF8:
            return ((BOM if self.has_bom else "") + body).encode("utf-8")
        try:
            return body.encode(self.encoding)
        except UnicodeEncodeError as error:
            char = body[error.start]
            raise InputError(
                self.path,
                f"the fixed text holds {char!r} (U+{ord(char):04X}), which {self.encoding} cannot encode;"
                " the file is left unchanged (convert it to UTF-8 to take this fix)",
            ) from None


def decode_text(data: bytes, path: str, *, encoding: str = UTF8) -> TextFile:
    """Decode bytes, refusing binary and undecodable input with one clear line.

    ``encoding`` is a codec name, or ``auto``: UTF-8, else cp1252, else Latin-1. An empty
    file is an empty text (nothing to find in it).

    >>> decode_text(b"\\xef\\xbb\\xbfhi\\r\\n", "a.txt")
    TextFile(path='a.txt', text='hi\\r\\n', has_bom=True, encoding='utf-8')
    >>> decode_text(b"caf\\xe9", "a.txt", encoding="auto").encoding
    'cp1252'
    """
    from cleanup.errors import InputError

    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise InputError(path, "binary file (NUL byte found); pass text files only")
    if encoding == AUTO:
        try:
            return _decode_utf8(data, path)
        except UnicodeDecodeError:
            pass
        for fallback in AUTO_FALLBACKS:
            try:
                return TextFile(path=path, text=data.decode(fallback), encoding=fallback)
            except UnicodeDecodeError:
                continue
    if encoding != UTF8:
        try:
            return TextFile(path=path, text=data.decode(encoding), encoding=encoding)
        except UnicodeDecodeError as error:
            raise InputError(
                path, f"not valid {encoding} at byte {error.start}; pass the file's encoding with --encoding"
            ) from None
    try:
        return _decode_utf8(data, path)
    except UnicodeDecodeError as error:
        raise InputError(
            path,
            f"not valid UTF-8 at byte {error.start}; pass --encoding cp1252 (or latin-1, or auto to detect it)",
        ) from None


def _decode_utf8(data: bytes, path: str) -> TextFile:
    text = data.decode("utf-8")
    has_bom = text.startswith(BOM)
    if has_bom:
        text = text[1:]
    return TextFile(path=path, text=text, has_bom=has_bom)


def read_text_file(path: str | os.PathLike[str], *, encoding: str = UTF8) -> TextFile:
    """Read ``path`` as text (UTF-8 by default), raising :class:`~cleanup.errors.InputError` on bad input."""
    from cleanup.errors import InputError

    name = os.fspath(path)
    try:
        if Path(name).is_dir():
            raise InputError(name, "is a directory")
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except PermissionError:
        raise InputError(name, "permission denied; cannot read the file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    return decode_text(data, name, encoding=encoding)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, mode_from: str | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file and ``os.replace``.

    The file mode of ``mode_from`` (default: ``path`` itself, if it exists) is kept. A reader
    sees either the old content or the new one, never a half-written file.
    """
    import tempfile  # here, not at the top: a run that writes nothing does not pay for it

    from cleanup.errors import InputError

    target = Path(path)
    source_mode: int | None = None
    try:
        source_mode = stat.S_IMODE(os.stat(mode_from or target).st_mode)
    except FileNotFoundError:
        source_mode = None
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise InputError(str(target), f"cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if source_mode is not None:
            os.chmod(temp_name, source_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


class LineIndex:
    """Map code-point offsets to 1-based ``(line, column)``; built once per text.

    >>> LineIndex("ab\\ncd").position(4)
    (2, 2)
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        position = text.find("\n")
        while position != -1:
            starts.append(position + 1)
            position = text.find("\n", position + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset where 1-based ``line`` starts."""
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)
