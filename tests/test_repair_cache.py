"""The repair step's compiled resource cache: fresh, equal to the text files, never used stale."""

from __future__ import annotations

import pickle

import pytest

from saring.repair import resources as R


def test_cache_is_fresh_and_equal_to_the_text_files() -> None:
    blob = pickle.loads(R.CACHE.read_bytes())
    assert blob["digest"] == R.sources_digest(), (
        "src/saring/data/repair changed: run python scripts/build_repair_cache.py")
    assert blob["data"] == R.parse_data()


def test_resources_from_cache_equal_resources_from_text() -> None:
    cached = R._resources(R._read_cache())
    parsed = R._resources(R.parse_data())
    assert cached == parsed  # dataclass equality: every dict, set and the compiled site regex
    assert cached.entity_re.pattern == parsed.entity_re.pattern


def test_a_stale_or_broken_cache_is_not_used(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "compiled.pickle"
    stale.write_bytes(pickle.dumps({"digest": "0" * 32, "data": {"maps": {}}}, protocol=4))
    monkeypatch.setattr(R, "CACHE", stale)
    assert R._read_cache() is None
    stale.write_bytes(b"not a pickle")
    assert R._read_cache() is None
    monkeypatch.setattr(R, "CACHE", tmp_path / "absent.pickle")
    assert R._read_cache() is None
