"""``dispatch.possessive`` makes a greedy one-class repeat possessive only where no match can
give a character back, so the compiled regex matches exactly what the plain one matches: the
same start/end, the same groups, at every position."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring.boilerplate.dispatch import possessive
from saring.boilerplate.rules import DATA, DATELINE_SHAPES, PLACE, _rows, load_datelines

RAW = {}
for _row in _rows(DATA / "datelines.tsv"):
    _pattern = _row[3]
    for _key, _value in DATELINE_SHAPES.items():
        _pattern = _pattern.replace(_key, _value)
    RAW[_row[0]] = _pattern

# patterns where giving a character back can matter: a possessive repeat would change them
TRAPS = [
    r"[a-z]{0,5}(?=b)",          # a lookahead after the repeat sees the given-back character
    r"[a-z]{0,5}b",              # the continuation starts with a class character
    r"[a-z]{0,5}",               # nothing follows: the match may end anywhere
    r"[a-z]{0,5}(?:x)?",         # the continuation may be empty
    r"([a-z]{0,5})\1",           # a back-reference
    r"(?i:[a-z]{0,5})B",         # ignore-case: the class is not a plain set
    r"[^ ]{0,5} ",               # negated class: not enumerated, left greedy
    r"[a-z]{0,5}(?:[0-9]|c)",    # one branch of the continuation starts with a class character
    r"[a-z]{0,5}\b[0-9]",
    r"[a-z]{0,5}(?<=c)[0-9]",
]
SAFE = [r"(?:[A-Z][a-z]{0,5}){1,3}[A-Z]",  # the next round or the tail starts with a capital
        r"[a-z]{0,5}[0-9]", r"(?:[A-Z][a-z]{0,5} ){1,3}-", r"[A-Z][a-z]{0,5}(?: [A-Z][a-z]{0,5}){0,3}, "]
ALPHABET = "abcxyzABC019 -,\n.'’"


def _same(a: re.Pattern[str], b: re.Pattern[str], text: str) -> None:
    for pos in range(len(text) + 1):
        ma, mb = a.match(text, pos), b.match(text, pos)
        assert (ma is None) == (mb is None), (a.pattern, text, pos)
        if ma is not None:
            assert ma.span() == mb.span() and ma.groups() == mb.groups(), (a.pattern, text, pos)
        sa, sb = a.search(text, pos), b.search(text, pos)
        assert (sa is None) == (sb is None) and (sa is None or sa.span() == sb.span())


@pytest.mark.parametrize("pattern", TRAPS + SAFE)
def test_possessive_equals_plain_on_small_alphabet(pattern: str) -> None:
    plain, fast = re.compile(pattern), possessive(pattern)[0]

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.text(alphabet=ALPHABET, max_size=24))
    def check(text: str) -> None:
        _same(plain, fast, text)

    check()


def test_only_safe_repeats_are_changed() -> None:
    assert [possessive(p)[1] for p in TRAPS[:7]] == [0] * 7
    assert all(possessive(p)[1] >= 1 for p in SAFE)
    # the place words of the datelines: each word's letters are followed by a blank or a tail
    assert possessive(PLACE + r"\s?,\s?x")[1] == 2


@pytest.mark.parametrize("rid", sorted(RAW))
def test_dateline_rule_possessive_equals_plain(rid: str) -> None:
    plain = re.compile(RAW[rid])
    fast = {r.id: r.regex for r in load_datelines()}[rid]
    assert fast.pattern == plain.pattern and fast.groupindex == plain.groupindex
    assert pickle.loads(pickle.dumps(fast)).pattern == plain.pattern

    heads = st.sampled_from(["Jakarta", "JAKARTA", "Kota Bandung", " ", ", ", " - ", " – ", "(ANTARA)",
                             "KOMPAS.com", "Liputan6.com", "Selasa", "12 Mei 2024", ":", "\n", "-", "x",
                             "Tempo.co", "(", ")", "—", "TRIBUNNEWS.COM", "É", "a", "A", ".", "'", "|"])

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.from_regex(plain), st.lists(heads, max_size=10).map("".join)),
           st.text(alphabet=ALPHABET, max_size=6))
    def check(text: str, tail: str) -> None:
        _same(plain, fast, text + tail)
        _same(plain, fast, tail + text)

    check()



def test_changed_private_compile_steps_fall_back_to_the_plain_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the stdlib's private ``_sre.compile`` no longer takes what the possessive build passes
    (a TypeError on its call for the rule), the plain regex is returned and matches as written."""
    import _sre  # noqa: PLC2701 - the private step the possessive build calls first

    real, calls = _sre.compile, []

    def changed_signature(*args: object) -> object:
        if args[0] == pattern:
            calls.append(args)
            if len(calls) == 1:
                raise TypeError("compile() takes a different signature")
        return real(*args)

    pattern = r"[A-Z]+ -(?#fallback-test)"
    assert possessive(pattern)[1] == 1
    re.purge()
    monkeypatch.setattr(_sre, "compile", changed_signature)
    rx, changed = possessive(pattern)
    assert len(calls) == 2 and changed == 0
    assert rx.pattern == pattern and rx.match("JAKARTA -").span() == (0, 9)
