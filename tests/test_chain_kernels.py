"""The chain's compiled kernels (``saring._c_scan``, ``saring.normalize._c_normalize``) give
exactly what their pure-Python references give, on adversarial text."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import compiled, scan
from saring.normalize import step as norm

SCAN = compiled.load("saring._c_scan")
NORM = compiled.load("saring.normalize._c_normalize")
needs_scan = pytest.mark.skipif(SCAN is None, reason="saring._c_scan not built")
needs_norm = pytest.mark.skipif(NORM is None, reason="saring.normalize._c_normalize not built")

# characters the scans care about, plus every Unicode width class (astral, combining, CJK)
_SPECIAL = " \t\n\r\x0b\x0c\x00\x7f\x85\xa0\xad\u1680\u2000\u200b\u2028\u202a\u2066\u3000\ufeff"
_ALPHABET = st.one_of(
    st.sampled_from(list(_SPECIAL + "aAbBzZ09.,()[]©İKß")),
    st.characters(blacklist_categories=("Cs",)),
)
texts = st.text(_ALPHABET, max_size=300)
# repetitive texts: a short unit repeated (backtracking-prone shapes)
repeated = st.builds(lambda u, k, tail: u * k + tail, st.text(_ALPHABET, min_size=1, max_size=5),
                     st.integers(0, 200), st.text(_ALPHABET, max_size=5))
words = st.text(_ALPHABET, max_size=8)


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, repeated), st.lists(words, max_size=64))
def test_needles_present_equals_in(text: str, needles: list[str]) -> None:
    needles += [text[i:i + 3] for i in range(0, len(text), 7)][: 64 - len(needles)]
    assert SCAN.needles_present(text, tuple(needles)) == scan.needles_present_py(text, tuple(needles))


@needs_scan
def test_needles_present_edges() -> None:
    assert SCAN.needles_present("", ("", "a")) == 1
    assert SCAN.needles_present("ab", ("abc", "b", "ab")) == 0b110
    assert SCAN.needles_present("x" * 10_000 + "😀y", ("😀y", "x😀", "yy")) == 0b011
    # a found needle leaves the first-character table; the others sharing its first character
    # (and its duplicates) are still found later
    assert SCAN.needles_present("ab ax ab ac", ("ab", "ac", "ab", "ad", "a")) == 0b10111
    assert SCAN.needles_present("abc", ()) == 0
    assert SCAN.needles_present("abc", ("", "")) == 0b11
    # a needle wider than any character of the text never occurs; a narrower one may
    assert SCAN.needles_present("abc", ("😀", "Ā", "bc")) == 0b100
    assert SCAN.needles_present("ĀxyĀab😀", ("ab", "xy", "Āa", "b😀", "😀Ā")) == 0b01111
    with pytest.raises(ValueError):
        SCAN.needles_present("a", tuple("a" * 65))
    with pytest.raises(TypeError):
        SCAN.needles_present("a", (1,))


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.lists(words, max_size=50), st.lists(words, max_size=20))
def test_lowering_equals_str_lower(tokens: list[str], targets: list[str]) -> None:
    tokens += [t.upper() for t in targets[:5]] + [t.title() for t in targets[5:8]]
    tset = frozenset(t.lower() for t in targets) | frozenset(targets[:3])
    table, ref = SCAN.lower_table(tset), scan.lower_table_py(tset)
    assert SCAN.any_lower_in(tokens, table) == scan.any_lower_in_py(tokens, ref)
    assert SCAN.lower_hits(tokens, table) == scan.lower_hits_py(tokens, ref)
    assert SCAN.lower_hits(set(tokens), table) == scan.lower_hits_py(set(tokens), ref)


@needs_scan
def test_lowering_edges() -> None:
    table = SCAN.lower_table(frozenset({"i̇", "k", "slot", "", "Judi", "x" * 300}))
    assert SCAN.any_lower_in(["İ"], table)  # full case mapping: one letter lowers to two
    assert SCAN.lower_hits(["\u212a", "SLOT", "", "JUDI", "X" * 300, "slots"], table) == {"k", "slot", "", "x" * 300}
    assert not SCAN.any_lower_in([], table)
    with pytest.raises(TypeError):
        SCAN.lower_hits(["a", 1], table)
    with pytest.raises(TypeError):
        SCAN.lower_table({"a"})  # a set could change under the table
    with pytest.raises(TypeError):
        SCAN.lower_table(frozenset({1}))
    with pytest.raises(ValueError):
        SCAN.any_lower_in(["a"], object())  # not a table


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.lists(words, max_size=50), st.lists(words, max_size=20))
def test_count_members_equals_in(items: list[str], targets: list[str]) -> None:
    """Exact membership: no lowering (a capitalised item is not its lower-case target)."""
    items += targets[:5] + [t.upper() for t in targets[5:8]] + [t.lower() for t in targets[8:11]]
    tset = frozenset(targets) | frozenset(t.lower() for t in targets[:4])
    table, ref = SCAN.member_table(tset), scan.member_table_py(tset)
    assert SCAN.count_members(items, table) == scan.count_members_py(items, ref)
    assert SCAN.count_members(set(items), table) == len(tset & set(items))


# every line boundary of str.splitlines, whitespace of every kind, the marks the rules count
_MARKS = st.text(st.one_of(st.sampled_from(list("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029 \t\xa0\u3000"
                                                 ".-•…#ab")), st.characters(blacklist_categories=("Cs",))),
                 max_size=200)


@needs_scan
@settings(max_examples=600, deadline=None)
@given(st.one_of(_MARKS, st.builds(lambda u, k: u * k, _MARKS, st.integers(0, 30))))
def test_gopher_marks_equal_the_reference(text: str) -> None:
    assert SCAN.gopher_marks(text) == scan.gopher_marks_py(text)


# one-byte texts: the kernel skips 8 plain bytes a load; every Latin-1 stop (the line breaks
# below 0x20 and 0x85, "#", ".") and near misses (other control characters, 0x84 and 0x86, the
# characters next to "#" and ".") after plain runs of every length, at every alignment
_PLAIN1 = st.sampled_from(["x", "ab", "abcdefg", "abcdefghijklmnop", " ", "-", "\xe9", "\xa0", "\xff"])
_STOP1 = st.sampled_from([*"\n\r\x0b\x0c\x1c\x1d\x1e#.\x85", "...", "\r\n", "\t", "\x1f", "\x00",
                          "\x84", "\x86", "\"", "$", "-", "/", "\x20"])
_ONE_BYTE = st.lists(st.one_of(_PLAIN1, _STOP1), max_size=60).map("".join)


@needs_scan
@settings(max_examples=800, deadline=None)
@given(_ONE_BYTE)
def test_gopher_marks_of_one_byte_texts(text: str) -> None:
    for k in range(8):
        assert SCAN.gopher_marks(text[k:]) == scan.gopher_marks_py(text[k:])


@needs_scan
def test_gopher_marks_edges() -> None:
    for text in ["", "\n", "\r\n", "\r\r\n", "a\r", "......", "....", "..\n.", " ...\t", "- x\n\u2028•y",
                 "…", "x" * 100_000 + "...", "😀-\n -😀...", "#" * 7,
                 # the skip of plain characters: runs of dots broken by one, spaces-only lines,
                 # marks after wide characters, separators above Latin-1 as line breaks
                 "..x..", ".#..", "..…..", " \t \n\xa0\n", "字...\u2028..字.", "\u3000- a ...\u3000",
                 "😀.😀..😀...", "a\u2029\u2029...\r\n\r"]:
        assert SCAN.gopher_marks(text) == scan.gopher_marks_py(text), text
    with pytest.raises(TypeError):
        SCAN.gopher_marks(b"x")


_ENDS = st.text(st.sampled_from(list("\n\n\r .!?x\u3002\u0964\U0001F600\xa0\u2029\"")), max_size=80)
_STOPS = st.sets(st.one_of(st.sampled_from(list(".!?\n\u3002\u0964\U0001F600\"\xa0")), st.characters(blacklist_categories=("Cs",))))


@needs_scan
@settings(max_examples=600, deadline=None)
@given(st.one_of(_ENDS, texts, repeated), _STOPS)
def test_line_end_count_equals_the_reference(text: str, stops: set[str]) -> None:
    chars = "".join(sorted(stops))
    expect = sum(1 for line in text.split("\n") if line and line[-1] in stops)
    assert SCAN.line_end_count(text, chars) == scan.line_end_count_py(text, chars) == expect


@needs_scan
def test_line_end_count_edges() -> None:
    for text in ["", "\n", ".", ".\n", "\n.", "a.\n\n.\n", "x" * 100_000 + ".", "😀.\n😀", "\u3002\n\n"]:
        for chars in ["", ".", ".\u3002", "\n.", ".😀"]:
            assert SCAN.line_end_count(text, chars) == scan.line_end_count_py(text, chars), (text, chars)
    with pytest.raises(ValueError):
        SCAN.line_end_count("a.", "..")  # not distinct
    with pytest.raises(ValueError):
        SCAN.line_end_count("a.", "b.")  # not sorted
    with pytest.raises(TypeError):
        SCAN.line_end_count(b"a.", ".")


_CLASS_ITEMS = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)).map(re.escape),
        st.sampled_from(["\\x00", "\\x7f", "\\xa0", "\\xff", "\\u0100", "\\ud800", "\\udfff", "\\U0010ffff", "\\-", "\\]"]),
        st.tuples(st.integers(0, 0x2FF), st.integers(0, 0x400)).map(
            lambda p: f"\\U{min(p):08x}-\\U{min(max(p), 0x10FFFF):08x}"),
        st.tuples(st.integers(0, 0x10FFFF), st.integers(0, 0x10FFFF)).map(
            lambda p: f"\\U{min(p):08x}-\\U{max(p):08x}"),
    ),
    min_size=1, max_size=8,
)
_CLASS_TEXT = st.text(st.one_of(st.characters(), st.sampled_from(list("\x00\x7f\xa0\xff\u0100\U0010ffff-]"))), max_size=120)


@needs_scan
@settings(max_examples=500, deadline=None)
@given(_CLASS_ITEMS, st.booleans(), _CLASS_TEXT, st.integers(-3, 130), st.integers(0, 200))
def test_class_positions_equal_the_regex(items: list[str], negate: bool, text: str, start: int, limit: int) -> None:
    """Random classes (literals, ranges across Latin-1 / BMP / astral / surrogates, negated)
    read from re's parse tree and scanned in C give finditer's offsets."""
    pattern = re.compile("[" + ("^" if negate else "") + "".join(items) + "]")
    ranges = scan.class_ranges(pattern)
    assert ranges is not None
    expect = [m.start() for m in itertools.islice(pattern.finditer(text, max(start, 0)), limit)]
    assert SCAN.class_positions(text, SCAN.class_table(ranges), start, limit) == expect
    assert scan.class_positions_py(text, scan.class_table_py(ranges), start, limit) == expect


@needs_scan
def test_class_ranges_of_the_normalize_patterns_and_edges() -> None:
    from saring.normalize import fixtext

    texts = ["", "abc", "\u00e9\u201c x\u00c3\u00a9 \ud800 \u2013 \uff21 \U0001F600 \x9d \x1b", "\uffff\U0010ffff" * 50,
             "".join(map(chr, range(0, 0x3000, 7)))]
    for pattern in (fixtext.FTFY_CHARS_RE, fixtext._WITNESS_RE, fixtext._UNSAFE_RE, re.compile("x"), re.compile("[^x]")):
        table = SCAN.class_table(scan.class_ranges(pattern))
        for text in texts:
            assert SCAN.class_positions(text, table, 0, 10**6) == [m.start() for m in pattern.finditer(text)]
    for pattern in (r"\w", r"[\d]", "ab", "[a-z]+", "(?i)[a-z]", "[^\\s]"):
        assert scan.class_ranges(re.compile(pattern)) is None  # left to the regex
    with pytest.raises(ValueError):
        SCAN.class_table(((5, 3),))
    with pytest.raises(ValueError):
        SCAN.class_table(((1, 5), (5, 9)))  # overlapping
    with pytest.raises(ValueError):
        SCAN.class_table(((0, 0x110000),))
    with pytest.raises(TypeError):
        SCAN.class_table([(1, 2)])
    with pytest.raises(ValueError):
        SCAN.class_positions("x", SCAN.member_table(frozenset({"x"})), 0, 1)  # another capsule
    assert SCAN.class_positions("x", SCAN.class_table(()), 0, 5) == []


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, repeated, _CLASS_TEXT))
def test_normalize_gates_equal_their_regexes(text: str) -> None:
    """ftfy's trigger and the mojibake pre-check answer as with the regex scans they replace."""
    from saring.normalize import fixtext

    regex_trigger = bool(("&" in text and fixtext.ENTITY_RE.search(text))
                         or (not text.isascii() and fixtext.FTFY_CHARS_RE.search(text)) or "\x1b" in text)
    assert fixtext.ftfy_trigger(text) == regex_trigger
    assert fixtext._UNSAFE_T is not None and fixtext._WITNESS_T is not None
    unsafe = SCAN.class_positions(text, fixtext._UNSAFE_T, 0, 10**6)
    assert unsafe == [m.start() for m in fixtext._UNSAFE_RE.finditer(text)]


_NUMS = st.text(st.sampled_from(list("0123456789.-() \u2013+ax\n\u0663")), max_size=80)


@needs_scan
@settings(max_examples=600, deadline=None)
@given(st.one_of(_NUMS, texts, repeated), st.integers(0, 7))
def test_number_runs_equal_the_regex(text: str, min_inner: int) -> None:
    from saring.pii import detect

    assert SCAN.number_runs(text, min_inner) == scan.number_runs_py(text, min_inner)
    assert detect._GATE_NUM_C  # the detector's gate is the kernel's pattern with 5
    assert SCAN.number_runs(text, 5) == [m.span() for m in detect._GATE_NUM.finditer(text)]


# one byte per character, with long stretches without a digit (the kernel skips those 8 at a
# time) and digits at every offset; "/" and ":" sit next to "0" and "9" in ASCII
_NUMS_1 = st.lists(st.one_of(st.sampled_from(["abcdefgh" * 3, "x" * 9, "/:/:", "\xe9\xff", " "]),
                             st.text(st.sampled_from(list("0123456789.-() /:a\n\x00\x7f\xb2")),
                                     max_size=12)), max_size=20).map("".join)


@needs_scan
@settings(max_examples=600, deadline=None)
@given(_NUMS_1, st.integers(0, 7))
def test_number_runs_equal_the_regex_on_one_byte_texts(text: str, min_inner: int) -> None:
    for t in (text, "." + text, ".." + text, "abc" + text):  # every alignment of the blocks
        assert SCAN.number_runs(t, min_inner) == scan.number_runs_py(t, min_inner)


@needs_scan
def test_number_runs_edges() -> None:
    for text in ["", "1234567", "12345678", "1------2", "1-----2", "1------", "(021) 555-1234 ", "1" * 100_000,
                 "1 " * 5000 + "x", "\u2013".join("1234") * 3, "😀0812 3456 7890😀",
                 "abcdefgh" * 50 + "0812 3456 7890", "/:" * 40 + "1234567" + "x" * 7 + "9"]:
        assert SCAN.number_runs(text, 5) == scan.number_runs_py(text, 5), text
    with pytest.raises(ValueError):
        SCAN.number_runs("1", -1)


@needs_scan
def test_count_members_edges() -> None:
    table = SCAN.member_table(frozenset({"yang", "Dan", "", "é", "x" * 300}))
    assert SCAN.count_members(["yang", "Yang", "YANG", "Dan", "dan", "", "é", "É", "x" * 300, "x" * 301], table) == 5
    assert SCAN.count_members([], table) == 0
    assert SCAN.count_members(["yang", 1], table) == 1  # `1 in targets`: False, no error
    with pytest.raises(TypeError):
        SCAN.count_members(["a"], SCAN.lower_table(frozenset({"a"})))  # a lowering table
    with pytest.raises(TypeError):
        SCAN.any_lower_in(["a"], table)  # an exact table where a lowering one is expected
    with pytest.raises(TypeError):
        SCAN.member_table({"a"})


@needs_norm
@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, repeated), st.integers(0, 400))
def test_char_positions_equal_the_regex(text: str, limit: int) -> None:
    assert NORM.char_positions(text, norm._CHAR_SET, limit) == norm.char_positions_re(text, limit)


_LAYOUT = st.text(st.sampled_from(list(" \t\n\n\r x\u3000")), max_size=200)


@needs_norm
@settings(max_examples=600, deadline=None)
@given(st.one_of(_LAYOUT, texts, repeated))
def test_layout_matches_equal_the_regex(text: str) -> None:
    assert NORM.layout_matches(text) == norm.layout_matches_re(text)


@needs_norm
def test_layout_matches_long_runs() -> None:
    for text in (" " * 100_000, "\n" + " \n" * 50_000, "\t" * 1000 + "x", "x \n \n\n  \ty  "):
        assert NORM.layout_matches(text) == norm.layout_matches_re(text)


@needs_scan
@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, repeated), st.lists(words, max_size=60))
def test_lower_needles_present_equals_lowered_in(text: str, needles: list[str]) -> None:
    low = text.lower()
    needles += [low[i:i + 3] for i in range(0, len(low), 7)][: 62 - len(needles)]
    needles += [n.upper() for n in needles[:2]]
    ref = scan.lower_needles_present_py(text, tuple(needles))
    assert ref == scan.needles_present_py(low, tuple(needles))
    assert SCAN.lower_needles_present(text, tuple(needles)) == ref
    # ASCII needles: the kernel's own paths (an ASCII text lowered as read; any other text
    # lowered character by character into bytes)
    ascii_needles = tuple(n.encode("ascii", "ignore").decode() for n in needles)
    ascii_text = text.encode("ascii", "ignore").decode()
    for t in (text, ascii_text, text + "\u0130" + ascii_text, "\u212a" + text.upper()):
        assert SCAN.lower_needles_present(t, ascii_needles) == scan.lower_needles_present_py(
            t, ascii_needles)


@needs_scan
def test_lower_needles_present_edges() -> None:
    assert SCAN.lower_needles_present("", ("", "a")) == 1
    assert SCAN.lower_needles_present("SLOT88 x", ("slot", "SLOT", "88 x", "t88", "")) == 0b11101
    assert SCAN.lower_needles_present("\u0130X", ("i\u0307x", "ix")) == 0b01  # İ lowers to two
    assert SCAN.lower_needles_present("\u212a", ("k",)) == 1  # the Kelvin sign lowers to k
    assert SCAN.lower_needles_present("AB", ("ab", "abc", "b", "é")) == 0b0101
    assert SCAN.lower_needles_present("A" * 1000 + "B", ("ab",)) == 1
    with pytest.raises(ValueError):
        SCAN.lower_needles_present("a", tuple("a" * 65))
    with pytest.raises(TypeError):
        SCAN.lower_needles_present("a", (1,))
