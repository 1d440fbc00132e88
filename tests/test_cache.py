"""The on-disk cache of derived word sets: it may save time, never change an answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup import cache, wordfreqs


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("MT_CLEANUP_NO_CACHE", raising=False)
    monkeypatch.setenv("MT_CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting_builder(value: frozenset[str]):
    calls = []

    def build() -> frozenset[str]:
        calls.append(1)
        return value

    return build, calls


def test_second_call_reads_the_entry_instead_of_building(cache_dir: Path) -> None:
    build, calls = counting_builder(frozenset({"étaient", "aujourd'hui", "selon"}))
    assert cache.word_set("test", "k1", build) == {"étaient", "aujourd'hui", "selon"}
    assert cache.word_set("test", "k1", build) == {"étaient", "aujourd'hui", "selon"}
    assert len(calls) == 1
    assert [path.name for path in cache_dir.iterdir()] == ["test-k1.txt"]


def test_empty_set_round_trips(cache_dir: Path) -> None:
    build, calls = counting_builder(frozenset())
    assert cache.word_set("empty", "k", build) == frozenset()
    assert cache.word_set("empty", "k", build) == frozenset()
    assert len(calls) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated: the count no longer matches
        lambda text: text.replace("selon", "selon\nextra"),  # a word added by hand
        lambda text: "garbage\n" + text,  # not our header
        lambda text: "",
    ],
)
def test_a_damaged_entry_is_rebuilt(cache_dir: Path, damage) -> None:
    value = frozenset({"étaient", "selon", "vers"})
    build, calls = counting_builder(value)
    cache.word_set("test", "k", build)
    entry = cache_dir / "test-k.txt"
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    assert cache.word_set("test", "k", build) == value
    assert len(calls) == 2
    assert cache.word_set("test", "k", build) == value  # and the rebuilt entry is good again
    assert len(calls) == 2


def test_no_cache_variable_turns_it_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MT_CLEANUP_NO_CACHE", "1")
    build, calls = counting_builder(frozenset({"a"}))
    cache.word_set("test", "k", build)
    cache.word_set("test", "k", build)
    assert len(calls) == 2
    assert not cache_dir.exists()


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MT_CLEANUP_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("MT_CLEANUP_NO_CACHE", raising=False)
    build, calls = counting_builder(frozenset({"a", "b"}))
    assert cache.word_set("test", "k", build) == {"a", "b"}
    assert cache.word_set("test", "k", build) == {"a", "b"}
    assert len(calls) == 2


def test_digest_separates_parts_and_depends_on_every_byte() -> None:
    assert cache.digest(["ab", "c"]) != cache.digest(["a", "bc"])
    assert cache.digest([b"x" * 1000]) != cache.digest([b"x" * 999 + b"y"])
    assert cache.digest(["same"]) == cache.digest(["same"])


def test_cached_french_sets_equal_the_computed_ones(cache_dir: Path) -> None:
    computed = wordfreqs._french_words_from_table(2.0, 3.0)
    key = wordfreqs._table_key("french_words", 2.0, 3.0)
    for _ in range(2):  # built, then read back
        assert cache.word_set("french-words", key, lambda: computed) == computed
    wordfreqs.french_words.cache_clear()
    try:
        assert wordfreqs.french_words(2.0, 3.0) == computed
        wordfreqs.french_words.cache_clear()
        assert wordfreqs.french_words(2.0, 3.0) == computed  # from the entry
    finally:
        wordfreqs.french_words.cache_clear()
    assert len(list(cache_dir.iterdir())) == 1


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("MT_CLEANUP_CACHE_DIR", "XDG_CACHE_HOME", "MT_CLEANUP_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cache.os.path, "expanduser", lambda path: path)  # what Python does without HOME
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() is None
    assert cache.word_set("test", "k", lambda: frozenset({"a"})) == {"a"}
    assert list(tmp_path.iterdir()) == []
