"""The compiled analysis kernel (``saring._c_analysis``) against the Python reference.

The tokenizer is a hand-written matcher of quality's ``TOKEN_RE``: it must give exactly
``TOKEN_RE.findall`` (tokens, spans) and the same token classes on any text, so the texts here
are built from the characters and words each regex branch turns on (separators, lookbehind
contexts, URL and currency prefixes, clitics, abbreviations, units, C1 controls and combining
marks, U+0085, non-ASCII digits) mixed with characters of every Unicode category. The n-gram
counts must equal the tuple reference exactly (integers; the rules divide them in Python).
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kernel_paths import KERNEL

from saring import analysis
from saring.analysis import Analysis
from saring.quality import textstats
from saring.quality.textstats import TOKEN_RE, kernel_words, load_tokenizer_words

pytestmark = pytest.mark.skipif(KERNEL is None, reason="saring._c_analysis not built")

PIECES = [
    *"aZkmqA9 0.,-'’&)(\"[]#@•$:/_\n\t\r\u00a0\u0085\u2028\x80\x9f\u0301\u0610\u064b\u0670\u06e0",
    *"٣²½éİßǅ\u200b\u3000…—“”",
    "Rp", "US$", "http://", "https://", "www.", "nya", "Nya", "ku", "Mu", "No", "Dr", "Drs",
    "Prof", "Jl", "km", "GHz", "kHz", "mAh", "jt", "...", ").[", ".[", '."', "a-b", "-A",
    "\U0001f600", "\U00010400", "\U0002a6d6",
]
_ANY = st.characters(exclude_categories=["Cs"])  # every category, astral included
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), _ANY), max_size=60).map("".join)


def _reference(text: str) -> Analysis:
    old = analysis._kernel
    analysis._kernel = None
    try:
        a = Analysis(text)
        a.tokens, a.n_alpha  # noqa: B018 - computed without the kernel
        return a
    finally:
        analysis._kernel = old


def _compiled(text: str) -> Analysis:
    old = analysis._kernel
    analysis._kernel = KERNEL
    try:
        a = Analysis(text)
        a.tokens  # noqa: B018
        return a
    finally:
        analysis._kernel = old


def _same_analysis(text: str) -> None:
    ref, got = _reference(text), _compiled(text)
    assert got.tokens == ref.tokens == TOKEN_RE.findall(text)
    assert got.token_spans == [m.span() for m in TOKEN_RE.finditer(text)]
    assert (got.n_alpha, got.n_symbol, got.word_chars) == (ref.n_alpha, ref.n_symbol, ref.word_chars)
    assert got._token_chars == sum(map(len, ref.tokens))  # the kernel's count, not recomputed
    assert got.types == set(ref.tokens)
    assert list(got.distinct_tokens) == list(dict.fromkeys(ref.tokens))
    assert set(ref.distinct_tokens) == set(ref.tokens)
    old = analysis._kernel
    analysis._kernel = KERNEL
    try:  # the counts first (no token list made), the list afterwards from the kernel's ids
        lazy = Analysis(text)
        assert (lazy.n_tokens, lazy.n_alpha, lazy.word_chars) == (len(ref.tokens), ref.n_alpha,
                                                                  ref.word_chars)
        assert lazy._tokens is None and lazy.tokenized
        assert list(lazy.distinct_tokens) == list(dict.fromkeys(ref.tokens))
        assert lazy.tokens == ref.tokens and ref.n_tokens == len(ref.tokens)
    finally:
        analysis._kernel = old


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_tokenizer_equals_token_re(text: str) -> None:
    _same_analysis(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ANY, max_size=80))
def test_tokenizer_equals_token_re_on_any_characters(text: str) -> None:
    _same_analysis(text)


def _contexts(chars: list[str]) -> str:
    return " ".join(f"a{c}b-{c}.{c}1{c}#{c}{c}" for c in chars)


def test_tokenizer_on_every_code_point_in_every_branch_context() -> None:
    """Every code point below U+0800 (where all of the tokenizer's explicit ranges are), and one
    code point of each class signature above, after and before the characters the branches
    look at. Above U+0800 the word class of TOKEN_RE is exactly ``\\w``, so the kernel asks
    CPython's own predicates there, the ones ``re`` uses."""
    low = [chr(c) for c in range(0x800)]
    _same_analysis(_contexts(low))
    high = "".join(chr(c) for c in range(0x800, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert textstats.re.findall(textstats._W, high) == textstats.re.findall(r"\w", high)
    reps: dict[tuple[bool, ...], str] = {}
    for c in high:
        sig = (c.isspace(), c.isalnum(), c.isdecimal(), c.isdigit(), c.isnumeric(), c.isalpha())
        reps.setdefault(sig, c)
    assert len(reps) > 5
    _same_analysis(_contexts(sorted(reps.values())))


@pytest.mark.parametrize(
    "text",
    [
        "", " ", "\u0085", "a", "-", ".", "...", "....", "#", "•x", "@_", "Rp5", "Rp", "US$5",
        "http://", "http:// x", "https://x.id/a?b", "www.", "www.x", "rumah-nya", "rumah-Nya",
        "anak-anak", "Israel-Iran", "ke-3", "COVID-19", "R&D", "Jum'at", "600.000", "1,5",
        "Liputan6.com", "TEMPO.CO", "dia.Oleh", "katanya.[Gambas", "(MA).Hal", 'Settings"Pilih',
        '2."x', "5G", "10km", "10kmh", "M. Yusuf", "No. 5", "Prof. X", "aNo. 5", "xM. a",
        "-Konflik", "a -Konflik", "a-Konflik", "kata,", "kata,5", "kata\u0085x", "abc\u0085",
        "١٢٣km", "x\u0301y", "\x80\x81", "Drs.", "Drs. A", "Dr.\u3000", "Pdt.\n",
    ],
)
def test_tokenizer_examples(text: str) -> None:
    _same_analysis(text)


def test_tokenizer_texts_of_each_kind_and_huge() -> None:
    for text in ["plain ascii words, and 1.000 numbers.", "latin-1 café ½", "ucs2 “kutip” —",
                 "ucs4 \U0001f600 emoji"]:
        _same_analysis(text * 50)
    _same_analysis("Kata-kata itu, kata Dr. Budi (5km), di https://x.id/a. " * 3000)


def test_keyed_hash_fallback_gives_the_same_tokens() -> None:
    """Long probe sequences (crafted collisions) switch a document to CPython's keyed hash."""
    old = KERNEL._set_max_probe(0)  # every collision switches
    try:
        for text in ["kata " * 50 + " ".join(map(str, range(3000))), "a b c a b c é ü 😀 😀"]:
            _same_analysis(text)
    finally:
        KERNEL._set_max_probe(old)


def test_kernel_word_lists_follow_the_regex_order() -> None:
    clitics, abbrevs, units = kernel_words(load_tokenizer_words())
    pattern = TOKEN_RE.pattern
    for words in (clitics, units):
        assert "|".join(words) in pattern
    assert "|".join(abbrevs[:3]) in pattern


def test_kernel_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        KERNEL.make_config(["ok"], [""], [])
    with pytest.raises(TypeError):
        KERNEL.tokenize(analysis._config(), b"bytes")
    with pytest.raises(ValueError):
        KERNEL.ngrams(KERNEL.intern(["a"]), [0], [])
    with pytest.raises(TypeError):
        KERNEL.intern(["a", 1])
    with pytest.raises(ValueError, match="no spans"):
        KERNEL.spans(KERNEL.intern(["a"]))
    info = KERNEL.tokenize(analysis._config(), "")[2]
    assert KERNEL.spans(info) == []
    assert KERNEL.ngrams(info, [2], [5], True) == ({2: 0}, {5: 0}, [])


# ---------------------------------------------------------------------------- n-grams

WORDS = st.lists(st.sampled_from(["a", "b", "cc", "ddd", ".", "é", "\U0001f600"]), max_size=120)
NS = st.lists(st.integers(min_value=1, max_value=12), max_size=5, unique=True)


@settings(max_examples=600, deadline=None)
@given(WORDS, NS, NS)
def test_ngrams_equal_the_tuple_reference(words: list[str], top_ns: list[int], dup_ns: list[int]) -> None:
    info = KERNEL.intern(words)
    tops, dups, positions = KERNEL.ngrams(info, top_ns, dup_ns, True)
    want_tops, want_pos = textstats._top_ngrams_tuple(words, top_ns)
    assert tops == want_tops
    assert positions == want_pos
    assert dups == textstats._dup_ngram_chars_tuple(words, dup_ns)
    assert dups == textstats._dup_ngram_chars_tuple(words, dup_ns, None)


@settings(max_examples=200, deadline=None)
@given(TEXTS.map(lambda t: t * 3))
def test_ngrams_of_a_text_equal_the_reference(text: str) -> None:
    got = _compiled(text)
    tops, dups = KERNEL.ngrams(got.token_info, [2, 3, 4], [5, 6, 7, 8, 9, 10])
    words = TOKEN_RE.findall(text)
    assert tops == textstats._top_ngrams_tuple(words, [2, 3, 4])[0]
    assert dups == textstats._dup_ngram_chars_tuple(words, [5, 6, 7, 8, 9, 10])


def test_ngrams_on_long_repetitive_and_long_distinct_lists() -> None:
    for words in (["x", "y", "z"] * 4000, [str(i) for i in range(6000)],
                  (["a"] * 7 + ["b"]) * 900, [str(i % 997) for i in range(9000)]):
        tops, dups, pos = KERNEL.ngrams(KERNEL.intern(words), [2, 3, 4], [5, 6, 7, 8, 9, 10], True)
        assert (tops, pos) == textstats._top_ngrams_np(words, [2, 3, 4])
        assert dups == textstats._dup_ngram_chars_np(words, [5, 6, 7, 8, 9, 10])


def test_kernel_objects_are_released() -> None:
    text = "kata kata itu itu " * 100
    info = KERNEL.tokenize(analysis._config(), text)[2]
    before = sys.getrefcount(info)
    for _ in range(100):
        KERNEL.ngrams(info, [2, 3], [5], True)
        KERNEL.spans(info)
    assert sys.getrefcount(info) == before


def test_documents_of_every_kind_in_a_row() -> None:
    """The same words in texts of each storage kind (an ASCII word inside a UCS-2 text is stored
    in two bytes per character there), between texts of many distinct types (tables grown)."""
    words = "kata-kata Dr. 5km US$5 ... # • é½ “kutip” 😀 _x ١٢٣"
    texts = [words, words + " é", words + " —", words + " 😀", "x" + words]
    texts += [" ".join(f"w{i}" for i in range(k, k + 20_000, 7)) for k in range(3)]
    for text in texts + texts[::-1]:
        _same_analysis(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=2, max_size=6))
def test_documents_in_a_row_equal_token_re(texts: list[str]) -> None:
    """Documents tokenized one after another each equal the regex."""
    for text in texts:
        _same_analysis(text)


def test_lazy_tokenize_and_token_list() -> None:
    text = "kata kata itu, 5km! " * 20 + "“kutip”"
    cfg = analysis._config()
    full = KERNEL.tokenize(cfg, text)
    lazy = KERNEL.tokenize(cfg, text, True)
    assert lazy[0] == len(full[0]) == len(TOKEN_RE.findall(text))
    assert lazy[1:2] + lazy[3:] == full[1:2] + full[3:]
    assert KERNEL.token_list(lazy[2], lazy[1]) == full[0] == TOKEN_RE.findall(text)
    with pytest.raises(ValueError):
        KERNEL.token_list(lazy[2], lazy[1][:-1])
    with pytest.raises(TypeError):
        KERNEL.token_list(lazy[2], tuple(lazy[1]))
    a = _compiled(text)
    b = Analysis(text)
    assert b.n_tokens == len(a.tokens) and not Analysis(text).tokenized and b.tokenized


# Texts stored one byte per character (ASCII and Latin-1 only): the kernel's byte-table path
# (session 12). The texts above mostly hold a wider character, which takes the general path.
_ONE_BYTE = st.characters(max_codepoint=0xFF, exclude_categories=["Cs"])
ONE_BYTE_TEXTS = st.lists(
    st.one_of(st.sampled_from([p for p in PIECES if max(p) <= "\xff"]), _ONE_BYTE), max_size=80
).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ONE_BYTE_TEXTS)
def test_tokenizer_equals_token_re_on_one_byte_texts(text: str) -> None:
    _same_analysis(text)
    _same_analysis(text.encode("ascii", "ignore").decode())


def test_tokenizer_on_every_one_byte_code_point_in_every_branch_context() -> None:
    """Every Latin-1 character before and after the characters the shortcuts look at (a letter
    run's end: space, comma, comma before a digit, U+0085, U+00A0), in a one-byte text."""
    chars = [chr(c) for c in range(0x100)]
    text = _contexts(chars) + " ".join(f"ab{c} ab,{c} ab,1{c} {c}ab\x85ab\xa0{c}" for c in chars)
    assert max(text) <= "\xff"
    _same_analysis(text)
    _same_analysis("abc,")
    _same_analysis("abc,1")
    _same_analysis("x")


# Texts stored two bytes per character: the kernel's shortcuts for tokens starting with an
# ASCII character, and the narrowest storage of each distinct token made by OR-ing its code
# units (session 13). A character above Latin-1 is always present.
_TWO_BYTE = st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"])
TWO_BYTE_TEXTS = st.lists(
    st.one_of(st.sampled_from([p for p in PIECES if max(p) <= "\uffff"] + ["٣", "€", "—"]),
              _TWO_BYTE), max_size=80
).map(lambda t: "".join(t) + " \u20ac")


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TWO_BYTE_TEXTS)
def test_tokenizer_equals_token_re_on_two_byte_texts(text: str) -> None:
    _same_analysis(text)
    _same_analysis(text.encode("latin-1", "ignore").decode("latin-1") + "\u0100")


def test_tokenizer_on_every_two_byte_context_of_the_shortcuts() -> None:
    """Every code point below U+0800 and one of each class signature above it, after the
    characters the two-byte shortcuts look at (a letter run's end: space, comma, comma before
    a digit, U+0085, U+00A0), in a two-byte text; every token's storage is the narrowest."""
    high = [chr(c) for c in range(0x800, 0x10000, 97) if not 0xD800 <= c <= 0xDFFF]
    chars = [chr(c) for c in range(0x800)] + high
    text = " ".join(f"ab{c} ab,{c} ab,1{c} {c}ab\x85ab\xa0{c} Ab{c}cd" for c in chars)
    _same_analysis(text)
    for tok in _compiled(text).types:
        assert sys.getsizeof(tok) == sys.getsizeof(tok.encode("utf-8", "surrogatepass").decode(
            "utf-8", "surrogatepass"))
    for tail in ("abc,", "abc,1", "abc,\u0663", "abc\u0100", "x", "é ab", "\u0100"):
        _same_analysis("\u20ac " + tail)


def _line_view_reference(text: str) -> tuple[list[str], list[int]]:
    lines = text.split("\n")
    return lines, analysis.line_starts_py(lines)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_line_view_equals_split_and_offsets(text: str) -> None:
    assert KERNEL.line_view(text) == _line_view_reference(text)


# two-byte texts: the kernel reads four characters a load; a newline, and characters whose low
# or high byte is 0x0A, at every alignment and near the end
TWO_BYTE = st.lists(st.sampled_from(["\n", "a", "\u0a0a", "\u0a00", "\u010a", "\u20ac", "\n\n"]),
                    max_size=40).map(lambda p: "\u20ac" + "".join(p))


@settings(max_examples=1000, deadline=None)
@given(TWO_BYTE)
def test_line_view_of_two_byte_texts(text: str) -> None:
    assert KERNEL.line_view(text) == _line_view_reference(text)
    for k in range(1, 5):  # each alignment of the same text
        assert KERNEL.line_view(text[k:]) == _line_view_reference(text[k:])


def test_line_view_of_texts_with_many_lines_and_none() -> None:
    for text in ("", "\n", "x", "\n" * 1000, "a\n" * 300 + "b", "é\n" * 600, "😀\n" * 513,
                 "\u20ac" * 5000, "kata " * 10_000):
        assert KERNEL.line_view(text) == _line_view_reference(text)
    with pytest.raises(TypeError):
        KERNEL.line_view(b"a\nb")
    for text in ("é\nsatu\ndua", "€\né\nsatu", "😀\n€\nx"):  # each line in its narrowest form
        for line in KERNEL.line_view(text)[0]:
            assert sys.getsizeof(line) == sys.getsizeof(line.encode().decode())
