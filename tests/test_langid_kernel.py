"""The compiled langid scan (``saring.langid._c_lexscan``) against the pure-Python reference.

Every value the kernel gives must be the reference's, float for float and type for type (an
empty sum is int 0, not 0.0): the step's outputs rest on it. Inputs are generated to stress the
scan: Latin-1 letters next to the token class's edges (``÷`` U+00F7 is not a token character,
``ß`` U+00DF is not lowercase), other scripts, astral characters, combining marks, long tokens,
repeated and empty lines, and the words the tables know, so lookups hit.
"""

from __future__ import annotations

import copy
import math
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring import compiled
from saring.document import Document
from saring.langid.lexicon import (
    _FIELD,
    _SHIFT,
    TOKEN_RE,
    Evidence,
    Lexicon,
    Marker,
    Params,
    _make_decider,
    _make_scanner,
    get_lexicon,
    load_markers,
    load_nb_weights,
    load_regional,
)
from saring.langid.step import LanguageID

kernel = compiled.load("saring.langid._c_lexscan")
pytestmark = pytest.mark.skipif(kernel is None, reason="compiled langid scan not built")

_NAMES = ("idms", "mly", "jv", "su", "en", "rg", "tokens", "langs", "scores", "log_odds", "hits",
          "live")


def _pure(lex: Lexicon) -> Lexicon:
    """The same lexicon on the reference code."""
    ref = copy.copy(lex)
    ref._scanner = ref._decider = None
    return ref


def _reference_scan(lex: Lexicon, lines: list[str]) -> tuple[list, list, list, list]:
    """What ``Scanner.scan`` must give, computed as ``Lexicon._columns`` computes it."""
    out: tuple[list, list, list, list] = ([], [], [], [])
    for line in lines:
        toks = TOKEN_RE.findall(line)
        idms = sum(filter(None, map(lex.idms_w.get, toks)))
        pairs = list(zip(toks, toks[1:], strict=False))
        if any(p in lex.phrase_w for p in pairs):
            idms += sum(lex.phrase_w[p] for p in pairs if p in lex.phrase_w)
        out[0].append(len(toks))
        out[1].append(idms)
        out[2].append(sum(filter(None, map(lex.fam_packed.get, toks))))
        out[3].append(not lex._known.isdisjoint(toks))
    return out


def _assert_same_scan(got: tuple, want: tuple) -> None:
    for g, w, name in zip(got, want, ("tokens", "idms", "packed", "known"), strict=True):
        assert g == w, name
        assert list(map(type, g)) == list(map(type, w)), name


def _words() -> list[str]:
    lex = get_lexicon()
    some = sorted(lex.idms_w)[::97] + sorted(lex.fam_packed)[::7]
    firsts = [w for pair in sorted(lex.phrase_w) for w in pair]
    return some + firsts + ["yang", "dan", "ora", "teu", "the", "kagak", "ulun", "sane", "ê"]


_WORDS = _words()
# separators and look-alikes: the token class's edges in Latin-1, other scripts, astral
# characters, combining marks, a lone surrogate, digits, punctuation, whitespace
_ODD = ["÷", "×", "ß", "ÿ", "à", "ö", "ø", "Ā", "ı", "i̇", "\u0301", "中", "😀", "\U00010400", "١",
        "\ud800", "-", "'", "1", " ", "\t", "\u00a0", "_", "z", "a", "é", "ñ"]
_PIECE = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_ODD),
    st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=6),
    st.text(alphabet=st.characters(min_codepoint=0xC0, max_codepoint=0x17F,
                                   blacklist_characters="\n"), max_size=4),
)
_LINE = st.lists(_PIECE, max_size=30).map("".join)
_PAIRS = sorted(get_lexicon().phrase_w)
_SPACED = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_ODD),
                             st.sampled_from(_PAIRS).map(" ".join)), max_size=25).map(" ".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_LINE, _SPACED), max_size=12))
def test_scan_equals_reference(lines: list[str]) -> None:
    lex = get_lexicon()
    assert lex._scanner is not None
    lowered = [x.lower().replace("\n", " ") for x in lines]
    _assert_same_scan(lex._scanner.scan(lowered), _reference_scan(lex, lowered))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_LINE, _SPACED), max_size=80), st.randoms(use_true_random=False))
def test_lines_equal_reference_path(lines: list[str], rng) -> None:
    """Whole column sets (with decisions) of the compiled path equal the reference path's, for
    short texts and for pages of >= 64 lines (repeated ones too)."""
    lex = get_lexicon()
    ref = _pure(lex)
    lowered = [x.lower().replace("\n", " ") for x in lines]
    if lowered and rng.random() < 0.5:
        lowered = lowered + [rng.choice(lowered) for _ in range(70)]
    for got_cols, want_cols in ((lex.lines(lowered), ref.lines(lowered)),
                                (lex.indexed_lines(lowered)[0], ref.indexed_lines(lowered)[0])):
        for name in _NAMES:
            a, b = getattr(got_cols, name), getattr(want_cols, name)
            assert a == b, name
            if a is not None:
                assert list(map(type, a)) == list(map(type, b)), name
    assert lex.indexed_lines(lowered)[1] == ref.indexed_lines(lowered)[1]


def test_scan_edges() -> None:
    lex = get_lexicon()
    long_word = "a" * 10_000
    lines = ["", " ", long_word, "yang " * 5_000, "dan" + "\u0301" + "yang", "÷yang÷dan÷",
             "ßyangß", "中yang中", "😀 teu 😀", "yang-yang", "kagak" * 30, "\ud800yang",
             "x" * 65 + "é", "é" * 70]
    _assert_same_scan(lex._scanner.scan(lines), _reference_scan(lex, lines))
    assert lex._scanner.scan([]) == ([], [], [], [])
    with pytest.raises(TypeError):
        lex._scanner.scan(("yang",))
    with pytest.raises(TypeError):
        lex._scanner.scan(["yang", 3])


def _toy(nb: dict, markers: list[Marker], regional: dict | None = None, **params) -> Lexicon:
    return Lexicon(markers, nb, Params(**params), regional or {})


def test_small_tables_sums_types_and_wide_counters() -> None:
    """Crafted tables: phrases with and without word weights, words only in phrases, keys no
    token can equal, counters of every family (packed ints past 64 bits)."""
    markers = [Marker("id", "rumah sakit", 2.0), Marker("ms", "hospital besar", 1.5),
               Marker("mly", "yang", 1.0), Marker("en", "the", 1.0), Marker("jv", "ora", 1.0),
               Marker("su", "teu", 1.0), Marker("ms", "co-op", 3.0), Marker("id", "naïve", 0.5)]
    lex = _toy({"rumah": 0.25, "besar": -0.5, "zero": 0.0}, markers, {"ulun": "strong",
                                                                     "kada": "weak"})
    assert lex._scanner is not None
    lines = ["rumah sakit", "sakit rumah", "hospital besar the ora teu ulun kada yang",
             "rumah sakit rumah sakit", "zero zero", "", "hospital", "co-op co op", "naïve",
             "the " * 3 + "ulun " * 4 + "kada", "besar rumah sakit"]
    _assert_same_scan(lex._scanner.scan(lines), _reference_scan(lex, lines))
    ref = _pure(lex)
    for name in _NAMES:
        assert getattr(lex.lines(lines), name) == getattr(ref.lines(lines), name), name


def test_phrase_weights_are_summed_apart_from_word_weights() -> None:
    """A line's id/ms value is (sum of word weights) + (sum of phrase weights), not one running
    sum: with these weights the two orders give different doubles."""
    markers = [Marker("ms", "alpha beta", 1e-16), Marker("ms", "beta alpha", 1e-16),
               Marker("mly", "yang", 1.0)]
    lex = _toy({"rumah": 1.0}, markers)
    lines = ["rumah alpha beta alpha", "alpha beta alpha rumah", "alpha beta alpha"]
    got = lex._scanner.scan(lines)
    assert got[1][0] == 1.0 + (1e-16 + 1e-16) != (1.0 + 1e-16) + 1e-16
    _assert_same_scan(got, _reference_scan(lex, lines))


def test_packed_counters_carry_like_python_ints() -> None:
    """A family value at the top of its field: counts carry into the next field exactly as the
    Python sum of packed ints does."""
    lex = _toy({}, [Marker("mly", "yang", 1.0)])
    lex.fam_packed["big"] = _FIELD  # field 0 full: two tokens carry into field 1
    lex.fam_packed["top"] = _FIELD << _SHIFT["rgw"]  # the last field: carries past it
    scanner = _make_scanner(lex)
    assert scanner is not None
    lines = ["big big yang", "top top top", "big top yang big"]
    _assert_same_scan(scanner.scan(lines), _reference_scan(lex, lines))


def test_tables_it_cannot_mirror_fall_back_to_python() -> None:
    lex = _toy({"rumah": 0.25}, [Marker("mly", "yang", 1.0)])
    lex.idms_w["rumah"] = 1  # an int weight: sums would be ints in Python
    assert _make_scanner(lex) is None
    lex.idms_w["rumah"] = 0.25
    lex.fam_packed["yang"] = -1
    assert _make_scanner(lex) is None
    lex.fam_packed["yang"] = 1 << (len(_SHIFT) * 24)  # wider than the fields
    assert _make_scanner(lex) is None
    bad = _toy({}, [Marker("mly", "yang", 1.0)], bias=0)  # an int constant: decided in Python
    assert bad._decider is None and bad.classify("yang dan").lang == "und"


_FLOAT = st.one_of(st.sampled_from([0.0, 1.0, 1.25, 2.0, 2.5, 0.5]),
                   st.floats(0, 50, allow_nan=False))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.just(0), st.floats(-40, 40, allow_nan=False)),
                          _FLOAT, _FLOAT, _FLOAT, _FLOAT, _FLOAT, st.integers(0, 500)),
                min_size=1, max_size=20))
def test_decider_equals_decide(rows: list[tuple]) -> None:
    lex = get_lexicon()
    assert lex._decider is not None
    n = len(rows)
    cols = [list(c) for c in zip(*rows, strict=True)]
    langs, scores, hits = ["x"] * n, [-1.0] * n, [-1.0] * n
    lex._decider.fill(list(range(n)), *cols, langs, scores, hits)
    for i, r in enumerate(rows):
        lang, score, _, _, total = lex._decide(*r, True)
        assert (langs[i], scores[i], hits[i]) == (lang, score, total)
        assert math.copysign(1, scores[i]) == math.copysign(1, score)


def test_decider_checks_its_arguments() -> None:
    d = get_lexicon()._decider
    cols = [[0.0], [1.0], [0.0], [0.0], [0.0], [0.0], [3]]
    with pytest.raises(IndexError):
        d.fill([1], *cols, ["x"], [0.0], [0.0])
    with pytest.raises(IndexError):
        d.fill([0], *cols, ["x", "y"], [0.0], [0.0])
    with pytest.raises(TypeError):
        d.fill([0], [None], *cols[1:], ["x"], [0.0], [0.0])


def test_a_changed_decision_rule_is_not_run_in_c() -> None:
    """A subclass deciding differently (as a later change to ``_decide`` would) gets no
    compiled decider: its probes disagree."""

    class Other(Lexicon):
        def _decide(self, *a, **k):  # type: ignore[no-untyped-def]
            lang, score, share, s, total = super()._decide(*a, **k)
            return lang, score * 0.5, share, s, total

    lex = get_lexicon()
    other = Other([], {}, lex.params, {}, lex.calibration)
    assert _make_decider(other) is None


def test_pickled_lexicon_rebuilds_its_kernels() -> None:
    import pickle

    lex = pickle.loads(pickle.dumps(get_lexicon()))
    assert lex._scanner is not None and lex._decider is not None
    assert lex.lines(["yang dan"]).langs == get_lexicon().lines(["yang dan"]).langs


_DOCS = [
    "Pemerintah kota mulai memperbaiki jalan yang rusak.\nWarga menyambut baik.\n\n"
    "The mayor said the work would end soon.",
    "Kerajaan negeri akan membina hospital baharu tahun hadapan.\nKos projek RM20 juta.",
    "Aku ora ngerti kowe arep lunga ngendi.\nDheweke wis mulih.",
    "Abdi teu acan terang naon anu kudu dilakukeun.\n中文段落 没有 拉丁 字母\n😀😀😀",
    "\n".join(["HARGA CABAI NAIK", "  diindentasi yang dan atau ", "x"] * 30),
]


@pytest.mark.parametrize("text", _DOCS)
def test_step_outputs_equal_reference(text: str) -> None:
    fast, slow = LanguageID(), LanguageID()
    fast.ensure_setup()
    slow.ensure_setup()
    slow._lex = _pure(fast._lex)
    a, b = Document("a", text, {}), Document("a", text, {})
    assert fast.process(a) == slow.process(b)
    assert a.annotations == b.annotations and a.text == b.text


_VAL = st.one_of(st.just(0), st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from([0.1, 0.2, 1e-16]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_VAL, _VAL, _VAL, _VAL, _VAL, _VAL, st.integers(0, 9), st.booleans()),
                min_size=1, max_size=30),
       st.lists(st.integers(0, 10**6), max_size=60), st.booleans())
def test_column_sums_equal_reference(values: list[tuple], picks: list[int], with_live: bool) -> None:
    """``Columns.total`` in C adds the same values in the same order from 0.0 as the reduce
    over the live rows does."""
    from saring.langid import lexicon as lx

    n = len(values)
    idms, mly, jv, su, en, rg, tokens, live = (list(c) for c in zip(*values, strict=True))
    cols = lx.Columns(idms, mly, jv, su, en, rg, tokens, live=live if with_live else None)
    rows = [p % n for p in picks]
    got = cols.total(rows)
    kern = lx._KERNEL
    try:
        lx._KERNEL = None
        want = cols.total(rows)
    finally:
        lx._KERNEL = kern
    assert got == want
    assert [type(getattr(got, f)) for f in ("idms", "mly", "rg")] == [float] * 3


# spellings _finish counts ("dh", "eu", "ê", "-nye" before " ", "," or "." but not "-anye"), their
# near misses, and the Betawi register words (counted only from three to a line)
_REGISTER = [w for w, v in get_lexicon().fam_packed.items() if v == 1 << _SHIFT["rgr"]][:6]
_SPELL = st.lists(st.one_of(
    st.sampled_from(["dh", "eu", "ê", "Ê", "nye", "anye", "nye ", "nye,", "nye.", "anye.", "d", "h",
                     "e", "u", "n", "y", "a", " ", ",", ".", ";", "\u0301", "中", "😀"]),
    st.sampled_from(_REGISTER or ["kagak"]), st.sampled_from(_WORDS)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_SPELL, _LINE, _SPACED), max_size=20))
def test_finisher_equals_finish(lines: list[str]) -> None:
    """``Finisher.columns`` (scan + ``_finish`` + decisions in one call) gives what the scan
    followed by the Python ``_finish`` gives, and what the pure reference gives, value for value
    and type for type."""
    from saring.langid.lexicon import Columns, _Scanned

    lex = get_lexicon()
    assert lex._finisher is not None
    lowered = [x.lower().replace("\n", " ") for x in lines]
    got = Columns(*lex._finisher.columns(lowered))
    want = _Scanned(lex, lex._scanner.scan(lowered)).columns(lowered)
    pure = _pure(lex).lines(lowered)
    for name in _NAMES:
        a, b, c = getattr(got, name), getattr(want, name), getattr(pure, name)
        assert a == b == c, name
        assert list(map(type, a)) == list(map(type, b)) == list(map(type, c)), name


def test_a_changed_finish_is_not_run_in_c() -> None:
    """A lexicon whose ``_finish`` counts differently (as a later evidence change would) gets no
    compiled finisher: its probe lines disagree. So do constants the kernel cannot mirror."""
    from saring.langid.lexicon import _make_finisher

    class Other(Lexicon):
        def _finish(self, lowered, idms, packed, tokens):  # type: ignore[no-untyped-def]
            cols = super()._finish(lowered, idms, packed, tokens)
            cols.jv = [v + 0.5 * x.count("nya") for v, x in zip(cols.jv, lowered, strict=True)]
            return cols

    lex = get_lexicon()
    same = Lexicon(load_markers(), load_nb_weights(), lex.params, load_regional(), lex.calibration)
    assert _make_finisher(same) is not None
    other = Other(load_markers(), load_nb_weights(), lex.params, load_regional(), lex.calibration)
    assert other._scanner is not None and other._decider is not None
    assert _make_finisher(other) is None
    ints = Lexicon(load_markers(), load_nb_weights(),
                   replace(lex.params, regional_register_min=3.0), load_regional(), lex.calibration)
    assert ints._finisher is None


def test_finisher_checks_its_arguments() -> None:
    lex = get_lexicon()
    fin = lex._finisher
    with pytest.raises(TypeError):
        fin.columns(("a",))
    with pytest.raises(TypeError):
        fin.columns(["a", 1])
    assert fin.columns([]) == tuple([] for _ in _NAMES)
    with pytest.raises(ValueError):
        kernel.Finisher(lex._scanner, lex._decider, (1.0,) * 6, 1.0, 1.0, 1.0, 3, 0.0, 0.0, 1.0)
    with pytest.raises(ValueError):
        kernel.Finisher(lex._scanner, lex._decider, (1,) * 7, 1.0, 1.0, 1.0, 3, 0.0, 0.0, 1.0)


@settings(max_examples=300, deadline=None)
@given(st.tuples(st.one_of(st.just(0), st.floats(-40, 40, allow_nan=False)),
                 _FLOAT, _FLOAT, _FLOAT, _FLOAT, _FLOAT, st.integers(0, 500)))
def test_decider_one_equals_decide(row: tuple) -> None:
    """``Decider.one`` (used by ``Lexicon.decide``) gives all five values of ``_decide``, types
    included; int family hits (whose Python total stays an int) are refused and decided in
    Python by ``Lexicon.decide``."""
    lex = get_lexicon()
    got, want = lex._decider.one(*row), lex._decide(*row, True)
    assert got == want and list(map(type, got)) == list(map(type, want))
    ev = Evidence(row[0], *row[1:5], row[6], row[5])
    v = lex.decide(ev)
    assert (v.lang, v.score, v.family_share, v.idms, v.hits) == want
    with pytest.raises(TypeError):
        lex._decider.one(row[0], 1, 0, 0, 0, 0, row[6])
    ints = Evidence(row[0], 1, 0, 0, 0, row[6], 0)
    v = lex.decide(ints)
    assert (v.lang, v.score, v.family_share, v.idms, v.hits) == lex._decide(row[0], 1, 0, 0, 0, 0, row[6], True)
    assert type(v.hits) is int


_SPACES = ["\n", "\r\n", " ", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u00a0", "\u2003",
           "\u3000", "\u200b", "\ufeff"]
_UPPER = ["A", "Z", "İ", "Σ", "ΣΑ", "K", "Å", "ẞ", "Ǆ", "ﬃ", "Ⅻ", "Ä", "É"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_SPACES), st.sampled_from(_UPPER), _PIECE,
                          st.text(max_size=8)), max_size=60).map("".join))
def test_paragraphs_equal_reference(text: str) -> None:
    """``_c_lexscan.paragraphs`` splits, strips and lowercases as ``str.split`` / ``str.strip`` /
    ``str.lower`` do (Unicode whitespace, line breaks inside a paragraph such as U+0085,
    lowercasing that changes length or leaves the Latin-1 range), types included."""
    from saring.langid.step import _paragraphs_py

    got, want = kernel.paragraphs(text), _paragraphs_py(text)
    assert got == want
    for g, w in zip(got, want, strict=True):
        assert list(map(type, g)) == list(map(type, w))
    with pytest.raises(TypeError):
        kernel.paragraphs(b"x")


# token characters of every kind: ASCII letters and the Latin-1 letters the token class takes
_KEY_CHARS = "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=_KEY_CHARS, min_size=1, max_size=70), min_size=2, max_size=30,
                unique=True), st.data())
def test_keys_of_every_length_equal_reference(keys: list[str], data: st.DataObject) -> None:
    """Keys stored inline in their entry (up to 16 bytes) and in the arena (longer, past the
    64-character buffer of wide lines too): hits, and near misses of the same length, a
    character more or less, give the reference's sums in one-byte and in wide lines."""
    langs = ("id", "ms", "jv", "su", "en")
    markers = [Marker(langs[i % 5], k, 1.0) for i, k in enumerate(keys[1::2])]
    lex = _toy({k: (i + 1) / 8 for i, k in enumerate(keys[::2])},
               [*markers, Marker("mly", "yang", 1.0)])
    scanner = lex._scanner
    assert scanner is not None
    near = [k[:-1] + ("b" if k[-1] != "b" else "c") for k in keys]
    words = keys + near + [k + "a" for k in keys] + [k[1:] for k in keys if len(k) > 1]
    lines = data.draw(st.lists(st.lists(st.sampled_from(words), max_size=8).map(" ".join),
                               max_size=6))
    for batch in (lines, [line + " 中" for line in lines]):
        _assert_same_scan(scanner.scan(batch), _reference_scan(lex, batch))


def test_long_keys_are_found() -> None:
    """A key longer than an entry holds inline is a hit, its near misses are not."""
    long_key = "panjangsekalikatanya" + "é" * 50
    lex = _toy({long_key: 0.5, "pendek": 0.25}, [Marker("mly", "yang", 1.0)])
    lines = [long_key, long_key[:-1] + "a", long_key + "x", "pendek " + long_key,
             long_key + " 中"]
    got = lex._scanner.scan(lines)
    assert got[1] == [0.5, 0, 0, 0.75, 0.5]
    _assert_same_scan(got, _reference_scan(lex, lines))
