"""Small parsed files kept in the cache folder until the file changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tenderkit.cache import cache_dir, cached_data


def _old(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 60 * 10**9))


def test_parsed_once_then_served_until_the_file_changes(tmp_path: Path) -> None:
    source = tmp_path / "t.yaml"
    source.write_text("a: 1\n")
    _old(source)
    calls = []

    def parse() -> dict:
        calls.append(1)
        return {"value": source.read_text()}

    assert cached_data(source, parse, "test") == {"value": "a: 1\n"}
    assert cached_data(source, parse, "test") == {"value": "a: 1\n"}
    assert len(calls) == 1
    source.write_text("a: 22\n")
    assert cached_data(source, parse, "test") == {"value": "a: 22\n"}
    assert len(calls) == 2
    assert any(p.name.startswith("test-") for p in cache_dir().iterdir())


def test_a_file_saved_just_now_is_parsed_again(tmp_path: Path) -> None:
    source = tmp_path / "t.yaml"
    source.write_text("x")
    calls = []
    for _ in range(2):
        cached_data(source, lambda: calls.append(1) or "x", "test")
    assert len(calls) == 2  # within the racy window nothing is trusted


@pytest.mark.parametrize("garbage", ["{", "[]", '{"signature": 1}'])
def test_a_damaged_cache_file_is_ignored(tmp_path: Path, garbage: str) -> None:
    source = tmp_path / "t.yaml"
    source.write_text("x")
    _old(source)
    cached_data(source, lambda: "first", "test")
    for entry in cache_dir().iterdir():
        entry.write_text(garbage)
    assert cached_data(source, lambda: "second", "test") == "second"


def test_no_index_variable_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "t.yaml"
    source.write_text("x")
    _old(source)
    monkeypatch.setenv("TENDERKIT_NO_INDEX", "1")
    assert cached_data(source, lambda: "fresh", "test") == "fresh"
    assert not cache_dir().exists() or not list(cache_dir().iterdir())
