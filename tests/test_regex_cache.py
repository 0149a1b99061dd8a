"""The set-up regex program cache: same patterns as ``re``'s compiler, fallback on anything odd."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import regex_cache
from saring.regex_cache import NAME, programs_cached

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)", 0),
    (r"\bjakarta\b|(?i:surabaya)", re.IGNORECASE),
    (r"^(\w+)\s*:\s*(.*)$", re.MULTILINE),
    (r"[^\W\d_]{3,}(?=\s)", 0),
    (rb"\x00+(?P<tail>[a-z]*)", 0),
    (r"(?x) a  b # comment", 0),
    (r"(a)(b)?(?(2)c|d)", 0),
]


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SARING_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SARING_NO_CACHE", raising=False)
    return tmp_path


def _compiled(patterns: list[tuple[str | bytes, int]]) -> list[re.Pattern]:
    re.purge()  # re's own in-process cache would answer before the compiler is asked
    return [re.compile(p, f) for p, f in patterns]


def _count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Calls that reach re's real compiler (the wrapper's fallback), recorded."""
    from re import _compiler  # type: ignore[attr-defined]

    seen: list[object] = []
    real = _compiler.compile

    def counting(p: object, flags: int = 0) -> re.Pattern:
        seen.append(p)
        return real(p, flags)

    monkeypatch.setattr(_compiler, "compile", counting)
    return seen


def test_second_process_rebuilds_equal_patterns_without_compiling(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = _compiled(PATTERNS)
    with programs_cached():
        first = _compiled(PATTERNS)
    files = list(cache.glob(f"{NAME}-*.marshal"))
    assert len(files) == 1
    seen = _count_compiles(monkeypatch)
    with programs_cached():
        second = _compiled(PATTERNS)
    assert seen == []  # every pattern came from a stored program
    assert first == reference and second == reference  # == compares flags, source and program
    assert [p.groupindex for p in second] == [p.groupindex for p in reference]
    assert second[0].match("2024-05").group("month") == "05"
    assert second[1].search("ke SURABAYA") is not None
    assert second[4].match(b"\x00\x00abc").group("tail") == b"abc"
    assert second[6].fullmatch("abc") and second[6].fullmatch("ad") and not second[6].fullmatch("abd")


def test_wrapper_only_inside_the_block(cache: Path) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    before = _compiler.compile
    with programs_cached():
        assert _compiler.compile is not before
        with programs_cached():  # nested: the outer block's wrapper stays
            inner = _compiler.compile
        assert _compiler.compile is inner
    assert _compiler.compile is before


def test_wrapper_removed_when_the_block_raises(cache: Path) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    before = _compiler.compile
    with pytest.raises(re.error), programs_cached():
        re.purge()
        re.compile("(unclosed")
    assert _compiler.compile is before


def test_corrupt_file_falls_back(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with programs_cached():
        _compiled(PATTERNS)
    (path,) = cache.glob(f"{NAME}-*.marshal")
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    reference = _compiled(PATTERNS)
    seen = _count_compiles(monkeypatch)
    with programs_cached():
        got = _compiled(PATTERNS)
    assert got == reference
    assert len(seen) == len(PATTERNS)  # CRC mismatch: nothing read, all compiled


def test_program_refused_by_sre_falls_back(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stored program that _sre rejects (here: truncated) is compiled the ordinary way."""
    with programs_cached():
        _compiled(PATTERNS[:1])
    (path,) = cache.glob(f"{NAME}-*.marshal")
    store = regex_cache._load(path)
    key = next(iter(store))
    prog = list(store[key])
    prog[2] = prog[2][: len(prog[2]) // 2]
    store[key] = tuple(prog)
    regex_cache._save(cache, path, store)
    (reference,) = _compiled(PATTERNS[:1])
    seen = _count_compiles(monkeypatch)
    with programs_cached():
        (got,) = _compiled(PATTERNS[:1])
    assert got == reference and len(seen) == 1


def test_no_cache_writes_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SARING_NO_CACHE", "1")
    with programs_cached():
        got = _compiled(PATTERNS)
    assert got == _compiled(PATTERNS)
    assert not list(cache.glob(f"{NAME}-*"))


def test_same_source_other_flags_is_another_entry(cache: Path) -> None:
    with programs_cached():
        _compiled([("abc", 0)])
    with programs_cached():
        (got,) = _compiled([("abc", re.IGNORECASE)])
    assert got.flags & re.IGNORECASE and got.match("ABC")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "\\d", "[x-z]", "(", ")", "|", "*", "+", "?", "{2}",
                                 "(?P<n>", "(?:", "^", "$", "\\b", ".", "é", "[^a]"]), max_size=12),
       st.sampled_from([0, re.IGNORECASE, re.MULTILINE | re.DOTALL, re.ASCII, re.VERBOSE]))
def test_any_pattern_same_as_re(tmp_path_factory: pytest.TempPathFactory, parts: list[str], flags: int) -> None:
    """Valid or not, a pattern behaves as re.compile: equal pattern, or the same error."""
    source = "".join(parts)
    folder = tmp_path_factory.mktemp("rx")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SARING_CACHE_DIR", str(folder))
        mp.delenv("SARING_NO_CACHE", raising=False)
        outcomes = []
        for _ in range(3):  # compile, store, rebuild from the store
            re.purge()
            try:
                with programs_cached():
                    outcomes.append(re.compile(source, flags))
            except re.error as exc:
                outcomes.append(str(exc))
        re.purge()
        try:
            reference: object = re.compile(source, flags)
        except re.error as exc:
            reference = str(exc)
    assert outcomes == [reference] * 3
