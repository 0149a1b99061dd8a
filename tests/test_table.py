"""Read-in-place tables (saring.table, saring._c_table): every lookup a rule makes gives what
the dict gave (hits, misses, defaults, value types, iteration order, odd keys), for random
tables and for every key of repair's real ones; the resource cache serves them mapped, and
falls back to the dicts when the kernel or the tables file is missing."""

from __future__ import annotations

import mmap
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import resource_cache as rc
from saring import table as T

Table = pytest.importorskip("saring._c_table").Table

KEYS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
VALUES = st.one_of(
    st.dictionaries(KEYS, st.floats(allow_nan=False), max_size=40),
    st.dictionaries(KEYS, st.integers(-2**63, 2**63 - 1), max_size=40),
    st.dictionaries(KEYS, st.tuples(st.integers(-2**31, 2**31 - 1), st.integers(-2**31, 2**31 - 1)), max_size=40),
)
ODD = [1, None, 2.5, b"abc", (1, 2), "\ud800", "a\udcff", "", "\x00"]


def _mapped(d: dict[str, Any], tmp_path: Path) -> Any:
    buf = T.encode(d)
    assert buf is not None
    path = tmp_path / "t.tbl"
    path.write_bytes(buf)
    with open(path, "rb") as f:
        return Table(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))


def assert_same(t: Any, d: dict[str, Any], probes: list[Any]) -> None:
    assert len(t) == len(d) and list(t) == list(d)
    for k, v in d.items():
        assert k in t and t[k] == v and type(t[k]) is type(v) and t.get(k) == v and t.get(k, 0) == v
    for q in probes:
        hit = q in d
        assert (q in t) == hit
        assert t.get(q, "miss") == d.get(q, "miss") and t.get(q) == d.get(q)
        if not hit:
            with pytest.raises(KeyError):
                t[q]


@settings(max_examples=300, deadline=None)
@given(VALUES, st.lists(KEYS, max_size=20))
def test_random_tables_answer_as_the_dict(d: dict[str, Any], probes: list[str]) -> None:
    t = Table(T.encode(d))
    assert_same(t, d, probes + [k + "x" for k in d] + [k[:-1] for k in d] + ODD)
    assert pickle.loads(pickle.dumps(t)) == d


def test_unhashable_keys_raise_as_the_dict_does() -> None:
    t = Table(T.encode({"a": 1.0}))
    for q in ([], {}, set()):
        with pytest.raises(TypeError):
            q in t  # noqa: B015
        with pytest.raises(TypeError):
            t.get(q)


def test_only_exact_tables_are_encoded() -> None:
    assert T.encode({"a": "city"}) is None  # str values: kept a dict
    assert T.encode({"a": 1, "b": 2.0}) is None  # mixed
    assert T.encode({"a": 2**63}) is None and T.encode({"a": (2**31, 0)}) is None
    assert T.encode({"a\ud800": 1}) is None  # a key UTF-8 cannot hold
    assert T.encode({1: 1}) is None  # type: ignore[dict-item]


def test_bad_buffers_are_refused() -> None:
    good = T.encode({"a": 1.0, "b": 2.0})
    assert good is not None
    for bad in (b"", b"SRT1", b"XXXX" + good[4:], good[:20]):
        with pytest.raises(ValueError):
            Table(bad)
    full = bytearray(good)  # every bucket taken (never written): a miss raises, never loops
    full[16:16 + 4 * 8] = (1).to_bytes(4, "little") * 8
    with pytest.raises(ValueError):
        "zz" in Table(bytes(full))  # noqa: B015


def test_every_key_of_the_real_tables(tmp_path: Path) -> None:
    from saring.repair import resources as R

    maps = R.parse_data()["maps"]
    for name in R.MAPPED:
        d = maps[name]
        probes = [k.upper() for k in list(d)[:3000]] + [k + "nya" for k in list(d)[:3000]] + ODD
        assert_same(_mapped(d, tmp_path), d, probes)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SARING_CACHE_DIR", str(folder))
    monkeypatch.delenv("SARING_NO_CACHE", raising=False)
    return folder


def _build(data: Path, calls: list[int]) -> Any:
    def build() -> dict:
        calls.append(1)
        words = data.read_text(encoding="utf-8").split()
        return {"words": frozenset(words), rc.TABLES: {"rank": {w: i / 3 for i, w in enumerate(words)},
                                                       "pairs": {w: (i, -i) for i, w in enumerate(words)}}}
    return build


def test_the_cache_serves_mapped_tables_equal_to_the_build(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung Surabaya Jakarta", encoding="utf-8")
    calls: list[int] = []
    first = rc.load_cached("t", _build(data, calls), [data])
    second = rc.load_cached("t", _build(data, calls), [data])
    assert calls == [1] and len(list(cache.glob("t-*.tables"))) == 1
    assert second["words"] == first["words"]
    for name, d in first[rc.TABLES].items():
        assert type(d) is dict and type(second[rc.TABLES][name]) is Table
        assert_same(second[rc.TABLES][name], d, ["Medan", *ODD])


def test_a_missing_or_cut_tables_file_is_a_rebuild(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung", encoding="utf-8")
    calls: list[int] = []
    rc.load_cached("t", _build(data, calls), [data])
    (tables,) = cache.glob("t-*.tables")
    tables.write_bytes(tables.read_bytes()[:-3])
    got = rc.load_cached("t", _build(data, calls), [data])
    assert calls == [1, 1] and got[rc.TABLES]["rank"] == {"Jakarta": 0.0, "Bandung": 1 / 3}
    tables.unlink()
    rc.load_cached("t", _build(data, calls), [data])
    assert calls == [1, 1, 1]


def test_without_the_kernel_the_dicts_are_cached(cache: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "saring._c_table", None)  # import fails
    calls: list[int] = []
    rc.load_cached("t", _build(data, calls), [data])
    got = rc.load_cached("t", _build(data, calls), [data])
    assert calls == [1] and not list(cache.glob("t-*.tables"))
    assert got[rc.TABLES] == {"rank": {"Jakarta": 0.0, "Bandung": 1 / 3}, "pairs": {"Jakarta": (0, 0), "Bandung": (1, -1)}}
    assert T.open_table(b"", {"a": 1}) == {"a": 1}
