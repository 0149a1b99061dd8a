"""The on-disk cache of parsed resources (saring.resource_cache): what it returns is what the
parser returns, a change to a data file or to the parser is never served stale, and a broken
cache entry or folder only costs a re-parse."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import resource_cache as rc


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SARING_CACHE_DIR", str(folder))
    monkeypatch.delenv("SARING_NO_CACHE", raising=False)
    return folder


def _builder(data: Path, calls: list[int]):
    def build() -> dict:
        calls.append(1)
        words = data.read_text(encoding="utf-8").split()
        return {"words": frozenset(words), "rank": {w: i / 3 for i, w in enumerate(words)},
                "pairs": {w: (i, -i) for i, w in enumerate(words)},
                "re": re.compile("(?P<w>" + "|".join(map(re.escape, words)) + r")\b", re.I)}
    return build


def test_second_load_comes_from_disk_and_equals_the_build(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung Surabaya", encoding="utf-8")
    calls: list[int] = []
    first = rc.load_cached("t", _builder(data, calls), [data])
    second = rc.load_cached("t", _builder(data, calls), [data])
    assert calls == [1]  # parsed once
    assert len(list(cache.glob("t-*.marshal"))) == 1
    for k in ("words", "rank", "pairs"):
        assert second[k] == first[k] and type(second[k]) is type(first[k])
    assert list(second["rank"].items()) == list(first["rank"].items())  # order kept
    assert second["re"] == first["re"]  # Pattern == compares the compiled program
    assert second["re"].match("bandung").group("w") == "bandung"
    assert second["re"].flags == first["re"].flags


def test_a_changed_data_file_is_parsed_again_and_replaces_the_entry(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung", encoding="utf-8")
    calls: list[int] = []
    rc.load_cached("t", _builder(data, calls), [data])
    data.write_text("Jakarta Medan", encoding="utf-8")
    got = rc.load_cached("t", _builder(data, calls), [data])
    assert calls == [1, 1]
    assert got["words"] == frozenset({"Jakarta", "Medan"})
    assert len(list(cache.glob("t-*.marshal"))) == 1  # the stale entry is gone


def test_the_builders_source_file_is_part_of_the_key(tmp_path: Path) -> None:
    data = tmp_path / "d.txt"
    data.write_text("x", encoding="utf-8")
    code = tmp_path / "parser.py"
    code.write_text("A = 1\n", encoding="utf-8")
    k1 = rc.cache_key("t", [data, code])
    code.write_text("A = 2\n", encoding="utf-8")
    assert rc.cache_key("t", [data, code]) != k1


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_a_damaged_entry_is_rebuilt(cache: Path, tmp_path: Path, damage: str) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung Surabaya", encoding="utf-8")
    calls: list[int] = []
    want = rc.load_cached("t", _builder(data, calls), [data])
    entry = next(cache.glob("t-*.marshal"))
    blob = entry.read_bytes()
    entry.write_bytes({"truncate": blob[: len(blob) // 2],
                       "flip": blob[:-5] + bytes([blob[-5] ^ 0xFF]) + blob[-4:],
                       "garbage": b"not a cache file"}[damage])
    got = rc.load_cached("t", _builder(data, calls), [data])
    assert calls == [1, 1]
    assert got["rank"] == want["rank"] and got["re"] == want["re"]


def test_unwritable_or_disabled_cache_still_returns_the_build(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SARING_CACHE_DIR", str(blocker / "sub"))  # a folder that cannot exist
    calls: list[int] = []
    assert rc.load_cached("t", _builder(data, calls), [data])["words"] == frozenset({"Jakarta"})
    monkeypatch.setenv("SARING_NO_CACHE", "1")
    assert rc.cache_dir() is None
    rc.load_cached("t", _builder(data, calls), [data])
    assert calls == [1, 1]


def test_regex_programs_rebuild_equal_patterns() -> None:
    for pat, flags in [(r"(?P<a>x+)(?i:y)|\bfoo\d{2,5}", 0), (r"abc$", re.I | re.M),
                       (rb"ab+c", 0), (r"(?x) a b  # comment", 0), (r"[^\W\d_]{2,}(?=\s)", re.A)]:
        p = re.compile(pat, flags)
        prog = rc.regex_program(p)
        assert prog is not None
        q = rc.regex_from_program(prog)
        assert q == p and q.groupindex == p.groupindex and q.groups == p.groups


def test_repair_resources_from_the_cache_equal_the_parse(cache: Path) -> None:
    """Run in a fresh interpreter twice (the second reads the entry the first wrote)."""
    code = (
        "from saring.repair import resources as R\n"
        "r = R.load_resources(); p = R._resources(R._cacheable())\n"
        "for f in p._fields:\n"
        "    a, b = getattr(r, f), getattr(p, f)\n"
        "    if f in R.MAPPED and type(a) is not dict:  # read in place (saring.table)\n"
        "        assert type(a).__name__ == 'Table' and list(a) == list(b), f\n"
        "        assert all(a[k] == v and type(a[k]) is type(v) for k, v in b.items()), f\n"
        "        continue\n"
        "    assert a == b and type(a) is type(b), f\n"
        "    if isinstance(a, dict): assert list(a.items()) == list(b.items()), f\n"
        "print('ok')\n"
    )
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        assert out.stdout.strip() == "ok"
    assert len(list(cache.glob("repair-*.marshal"))) == 1


def test_repair_cache_fields_match_the_record() -> None:
    from saring.repair import resources as R

    data = R._cacheable()
    built = {*data["maps"], *data[R.TABLES], *data["texts"], *data["sets"], "site_re", "entity_pattern"}
    assert R.TABLES == rc.TABLES
    assert built == set(R.Resources._fields)
    assert built == set(R.Resources.__annotations__)  # every declared field is a record field


def test_unchanged_files_are_not_read_again_for_the_key(cache: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung", encoding="utf-8")
    calls: list[int] = []
    rc.load_cached("t", _builder(data, calls), [data])
    hashed: list[int] = []
    real = rc.cache_key
    monkeypatch.setattr(rc, "cache_key", lambda *a: hashed.append(1) or real(*a))
    got = rc.load_cached("t", _builder(data, calls), [data])
    assert calls == [1] and hashed == []  # key from the stamp, entry from disk
    assert got["words"] == frozenset({"Jakarta", "Bandung"})


def test_same_size_rewrite_with_old_mtime_is_noticed(cache: Path, tmp_path: Path) -> None:
    """Content changed behind the same size and modification time (``touch -d`` back): the
    change time still moves, so the content is hashed again and the new words are served."""
    import os
    import time

    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung", encoding="utf-8")
    calls: list[int] = []
    rc.load_cached("t", _builder(data, calls), [data])
    st = os.stat(data)
    time.sleep(0.01)
    data.write_text("Jakarta Bandunx", encoding="utf-8")
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns))
    got = rc.load_cached("t", _builder(data, calls), [data])
    assert calls == [1, 1]
    assert got["words"] == frozenset({"Jakarta", "Bandunx"})


@pytest.mark.parametrize("stamp", ["", "garbage", "0" * 32 + " " + "f" * 32, "\xff\xfe"])
def test_a_bad_stamp_record_only_costs_a_hash(cache: Path, tmp_path: Path, stamp: str) -> None:
    data = tmp_path / "words.txt"
    data.write_text("Jakarta Bandung", encoding="utf-8")
    calls: list[int] = []
    rc.load_cached("t", _builder(data, calls), [data])
    (cache / "t.stamp").write_text(stamp, encoding="latin-1")
    got = rc.load_cached("t", _builder(data, calls), [data])
    assert calls == [1]  # the content key still finds the entry
    assert got["words"] == frozenset({"Jakarta", "Bandung"})


def test_equal_strings_are_stored_once_and_load_equal() -> None:
    """Equal strings in different tables come back as one object (each built and hashed once),
    with every value, type and order as stored; sets are left as they were."""
    def fresh(s: str) -> str:  # an equal string that is not the same object
        return "".join(list(s))

    words = ["abad", "abadi", "Jakarta", "rumah"]
    fields = {
        "rank": {fresh(w): i / 3 for i, w in enumerate(words)},
        "count": {fresh(w): (i, i) for i, w in enumerate(reversed(words))},
        "lists": {"a": [fresh(w) for w in words], "b": (fresh(words[0]), 1.5)},
        "known": frozenset(fresh(w) for w in words),
        "text": fresh("abad"),
    }
    assert fields["rank"].keys() == fields["count"].keys()
    assert next(iter(fields["rank"])) is not fields["lists"]["a"][0]
    got = rc._decode(rc._encode(fields))
    assert got is not None
    for k, v in fields.items():
        assert got[k] == v and type(got[k]) is type(v)
    for a in ("rank", "count", "lists"):
        assert list(got[a]) == list(fields[a])  # insertion order kept
        assert list(got[a].values()) == list(fields[a].values())
    assert list(got["lists"]["a"]) == words and type(got["lists"]["b"]) is tuple
    by_text = {w: next(k for k in got["rank"] if k == w) for w in words}
    assert all(k is by_text[k] for k in got["count"])  # shared across tables
    assert all(w is by_text[w] for w in got["lists"]["a"])
    assert got["lists"]["b"][0] is by_text["abad"] and got["text"] is by_text["abad"]


@settings(max_examples=60, deadline=None)
@given(st.recursive(
    st.one_of(st.text(max_size=6), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.tuples(inner, inner),
                            st.dictionaries(st.text(max_size=4), inner, max_size=5)),
    max_leaves=30))
def test_any_plain_payload_round_trips_with_order(value: object) -> None:
    got = rc._decode(rc._encode({"v": value}))
    assert got is not None

    def same(a: object, b: object) -> bool:
        if type(a) is not type(b):
            return False
        if isinstance(a, float):
            return repr(a) == repr(b)  # -0.0 stays -0.0
        if isinstance(a, dict):
            return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list | tuple):
            return len(a) == len(b) and all(map(same, a, b))
        return a == b

    assert same(got["v"], value)
