"""A small on-disk cache: word sets derived from the shipped tables.

Some rules need sets computed from the 97,000-row word-frequency table (the words far more
frequent in French than in English, and those of them rare in English). Computing them
walks every row in Python: ~50 ms, a sixth of a one-file ``check``, which a pre-commit hook
pays on every commit. The sets depend only on the table's bytes, the parameters and the
tool's version, so they are kept between runs as plain text files (one word a line), the
way linters keep a cache: ``$MT_CLEANUP_CACHE_DIR``, else ``$XDG_CACHE_HOME/mt-cleanup``,
else ``~/.cache/mt-cleanup``. ``MT_CLEANUP_NO_CACHE=1`` turns it off.

The cache can only save time, never change an answer: an entry's name is a digest of
everything its value depends on, its first line repeats that digest and its word count,
and an entry that does not check out (truncated, edited, unreadable) is rebuilt. Writing
is atomic (temporary file, then rename) and any failure to read or write (a read-only home,
a full disk) silently falls back to computing the value.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

_FORMAT = "mt-cleanup word set 1"


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("MT_CLEANUP_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("MT_CLEANUP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):
            return None  # no home directory (a bare container): never create "./~"
        base = os.path.join(home, ".cache")
    return Path(base) / "mt-cleanup"


def digest(parts: Iterable[str | bytes]) -> str:
    """A 64-bit hex digest of ``parts`` (each length-prefixed, so boundaries count).

    CRC-32 and Adler-32 side by side: ``zlib`` is already loaded, while ``hashlib`` would
    add ~8 ms of OpenSSL start-up to every run, and a cache key needs no cryptography.
    """
    crc, adler = 0, 1
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        for chunk in (len(data).to_bytes(8, "little"), data):
            crc = zlib.crc32(chunk, crc)
            adler = zlib.adler32(chunk, adler)
    return f"{crc:08x}{adler:08x}"


def word_set(name: str, key: str, build: Callable[[], frozenset[str]]) -> frozenset[str]:
    """The set ``build()`` returns, read from the cache entry ``name-key`` when it is valid.

    ``key`` must change whenever the value could (see :func:`digest`). Words must not
    contain line breaks.
    """
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{key}.txt"
    header_prefix = f"{_FORMAT} {key} "
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        lines = []
    if lines and lines[0].startswith(header_prefix):
        words = lines[1:]
        if lines[0][len(header_prefix) :] == str(len(words)):
            return frozenset(words)
    value = build()
    body = "".join("\n" + word for word in sorted(value))
    write_entry(path, header_prefix + str(len(value)) + body)
    return value


def write_entry(path: Path, text: str) -> None:
    """Write the entry ``path``, atomically; a failure only costs time later."""
    import tempfile  # here, not at the top: most runs only read the cache

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a cache that cannot be written only costs time
