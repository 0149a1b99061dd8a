"""Tokenizer and n-gram measurements behind the Gopher/FineWeb rules."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kernel_paths import kernel_path  # noqa: F401 - the fixture: compiled and pure paths

from saring.quality.textstats import (
    TOKEN_RE,
    TextStats,
    dup_ngram_chars,
    find_duplicates,
    stats_for,
    terminal_punctuation,
    top_ngram_chars,
    top_ngrams,
)

pytestmark = pytest.mark.usefixtures("kernel_path")


def toks(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def test_tokenizer_keeps_reduplication_and_splits_compounds_like_spacy():
    assert toks("anak-anak dan negara-negara") == ["anak-anak", "dan", "negara-negara"]
    assert toks("konflik Israel-Iran") == ["konflik", "Israel", "-", "Iran"]
    assert toks("COVID-19 ke-3") == ["COVID", "-", "19", "ke", "-", "3"]


def test_tokenizer_numbers_currency_names_and_urls():
    assert toks("harga Rp600.000 naik 1,5 persen") == ["harga", "Rp", "600.000", "naik", "1,5", "persen"]
    assert toks("Liputan6.com, Jakarta") == ["Liputan6.com", ",", "Jakarta"]
    assert toks("kata dia.Oleh karena") == ["kata", "dia", ".", "Oleh", "karena"]
    assert toks("lihat https://t.co/abc?x=1 dan #viral @budi") == [
        "lihat", "https://t.co/abc?x=1", "dan", "#viral", "@budi",
    ]
    assert toks("rumahnya-nya") == ["rumahnya", "-nya"]
    assert toks("Tunggu...") == ["Tunggu", "..."]


def test_text_stats_counts_symbols_alpha_and_word_chars():
    s = TextStats('Harga naik 10 persen, kata "Budi".')
    assert s.tokens == ["Harga", "naik", "10", "persen", ",", "kata", '"', "Budi", '"', "."]
    assert s.n_symbol == 4
    assert s.n_alpha == 5  # "10" and the punctuation have no letter
    assert s.word_chars == len("Harganaik10persenkataBudi")


def test_stats_cache_is_per_text():
    a = stats_for("satu dua tiga")
    assert stats_for("satu dua tiga") is a
    assert stats_for("empat lima").tokens == ["empat", "lima"]


def test_find_duplicates_counts_repeats_not_first_occurrences():
    assert find_duplicates(["a", "bb", "a", "bb", "a", "c"]) == (3, 4)
    assert find_duplicates(["x", "y"]) == (0, 0)


def test_terminal_punctuation_has_latin_marks_but_not_quotes():
    tp = set(terminal_punctuation())
    assert {".", "!", "?", "。"} <= tp
    assert '"' not in tp and "”" not in tp and "," not in tp


# --- reference implementations, written the straightforward (slow) way --------------------
def ref_top(words: list[str], n: int) -> int:
    grams = [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    if not grams:
        return 0
    gram, count = Counter(grams).most_common(1)[0]
    return len(gram) * count if count > 1 else 0  # only repeated n-grams count


def ref_dup(words: list[str], n: int) -> int:
    unique: set[tuple[str, ...]] = set()
    chars, idx = 0, 0
    while idx < len(words) - n + 1:
        g = tuple(words[idx : idx + n])
        if g in unique:
            chars += sum(map(len, g))
            idx += n
        else:
            unique.add(g)
            idx += 1
    return chars


word_lists = st.lists(st.sampled_from(["a", "bb", "ccc", "di", "yang", ",", "."]), max_size=80)


@settings(max_examples=300, deadline=None)
@given(word_lists, st.integers(min_value=1, max_value=5))
def test_top_ngram_chars_matches_reference(words, n):
    assert top_ngram_chars(words, n) == ref_top(words, n)


@settings(max_examples=300, deadline=None)
@given(word_lists)
def test_dup_ngram_chars_matches_greedy_reference(words):
    ns = [5, 6, 7, 8, 9, 10]
    want = {n: ref_dup(words, n) for n in ns}
    assert dup_ngram_chars(words, ns) == want
    # seeded with the repeated 4-gram starts, as GopherRepetition does
    tops, repeated = top_ngrams(words, [2, 3, 4])
    if len(words) >= 4:
        assert dup_ngram_chars(words, ns, repeated) == want
    assert tops == {n: ref_top(words, n) for n in (2, 3, 4)}


def test_dup_ngram_counts_a_repeated_sentence():
    sent = "para siswa belajar di sekolah baru".split()
    words = sent + ["hari", "ini"] + sent
    got = dup_ngram_chars(words, [5, 6])
    assert got[5] == sum(map(len, sent[:5]))
    assert got[6] == sum(map(len, sent))


def test_tokenizer_is_linear_on_adversarial_input():
    nasty = ["a-" * 50_000, "." * 100_000, "a." * 50_000, "1," * 50_000, "x'" * 50_000,
             "https://" + "a" * 100_000, "#" * 100_000, "Rp" * 50_000]
    for text in nasty:
        t0 = time.perf_counter()
        TOKEN_RE.findall(text)
        assert time.perf_counter() - t0 < 1.0, text[:20]
