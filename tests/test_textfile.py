"""Reading and writing files without damage."""

from __future__ import annotations

import os
import stat

import pytest

from cleanup.errors import InputError
from cleanup.textfile import LineIndex, decode_text, read_text_file, write_atomic


@pytest.mark.parametrize(
    ("data", "text", "bom"),
    [
        (b"a\r\nb\r\n", "a\r\nb\r\n", False),
        (b"a\nb", "a\nb", False),
        (b"\xef\xbb\xbfa\r\nb\n", "a\r\nb\n", True),
    ],
)
def test_decode_keeps_newlines_and_records_the_bom(data, text, bom):
    decoded = decode_text(data, "f.txt")
    assert (decoded.text, decoded.has_bom) == (text, bom)
    assert decoded.encode() == data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"abc\x00def", "binary file"),
        (b"caf\xe9 au lait", "not valid UTF-8 at byte 3"),
    ],
)
def test_bad_input_is_one_clear_line(data, problem):
    with pytest.raises(InputError) as caught:
        decode_text(data, "in.txt")
    assert str(caught.value).startswith(f"in.txt: {problem}")
    assert "\n" not in str(caught.value)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text_file(tmp_path)


def test_permission_denied(tmp_path, monkeypatch):
    # Tests run as root in CI, where chmod 0 does not stop a read: simulate the OS refusal.
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "read_bytes", refuse)
    with pytest.raises(InputError, match="secret.txt: permission denied"):
        read_text_file(path)


def test_write_atomic_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "script.txt"
    path.write_text("old")
    path.chmod(0o751)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert os.listdir(tmp_path) == ["script.txt"]


def test_write_atomic_failure_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "doc.txt"
    path.write_text("old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["doc.txt"]


def test_line_index():
    index = LineIndex("ab\r\ncd\n\nef")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 1)
    assert index.position(8) == (4, 1)
    assert index.line_count == 4
