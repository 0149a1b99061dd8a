"""The repair step's fast paths (``saring.repair._c_repair`` via ``fastscan``) change how it runs,
never what it decides: each scan equals its pure-Python reference on adversarial text, and the
whole step gives the same document (text, edits, flags, annotations) gated and ungated on
generated glue, the hand-written evaluation sets, the founding article and real news."""

from __future__ import annotations

import hashlib
import inspect
import random
import re

import pytest
from conftest import CORPORA, corpus_records
from hypothesis import given, settings
from hypothesis import strategies as st

from saring import compiled
from saring.document import Document
from saring.repair import fastscan, names, paragraphs
from saring.repair.resources import build_site_pattern, load_resources
from saring.repair.step import Repair

K = compiled.load("saring.repair._c_repair")
needs_k = pytest.mark.skipif(K is None, reason="saring.repair._c_repair not built")
RES = load_resources()
ENTS = fastscan.site_entities(RES)
LEX_SET = frozenset(RES.lexicon)

# entity names, glue and suffix shapes, lookahead characters, and every Unicode width class
_PIECES = [*random.Random(3).sample(ENTS, 60), "Korea Utara", "Rusia", "NATO", "n ", "i ", "an ", "se ", "'s ", "’s ",
           "pemimpin", "Seorang", "kredensial", "-", "-anak", "@", "/", ".", ".com", "://", ":", "_", "0",
           "Jakarta", "Putinpresiden", "BankMandiridirektur", " ", "  ", "\n", "\t", "\xa0", "\u2003",
           "\x1c", "\x85", "é", "İ", "Σ", "ß", "\u0301", "𝐀", "😀", "ǅ", "“", "”", "(", ")", ",", "'"]
pieces = st.one_of(st.sampled_from(_PIECES), st.text(st.characters(blacklist_categories=("Cs",)), max_size=4),
                   st.text("abcdefghijklmnopqrstuvwxyzABCDEFG", min_size=1, max_size=60))
texts = st.lists(pieces, max_size=80).map("".join)


@needs_k
@settings(max_examples=400, deadline=None)
@given(texts)
def test_site_starts_equal_the_regex(text: str) -> None:
    assert K.site_starts(text, fastscan._site_table(RES)) == fastscan.site_starts_py(text, RES)


@needs_k
def test_site_starts_edges() -> None:
    table = fastscan._site_table(RES)
    assert table is not None, "the site regex no longer is the one the kernel mirrors"
    for text in ["", "Rusia", "Rusiakredensial diplomatik", "Rusian Presiden", "Rusia's kapal", "Rusia’s x",
                 "RusiaChina, Jepang", "Rusia" + "a" * 40, "Rusia" + "a" * 41, "Rusiaabc-de", "Rusiaabc-de-fg",
                 "Rusiaabc.com", "Rusiaabc://x", "Rusiaabc.", "xRusiaabc", "Korea Utarapemimpin",
                 "Papua Nuginipemimpin Nuginiabc", "RusiaChinaJepang", "Rusiaabc_", "Rusiaabcé", "Rusiani x", "Taiwanse x", "Jepangse pemerintah", "Rusiase"]:
        assert K.site_starts(text, table) == fastscan.site_starts_py(text, RES), text
    tab = K.site_table(["Ab", "Abc", "Abcd"])  # longest entity first, then shorter ones
    pat = re.compile(build_site_pattern(["Ab", "Abc", "Abcd"]))
    text = "Abcdxyz Abcxyz Abxyz Abcdx Abcdxy"
    assert K.site_starts(text, tab) == [m.start() for m in pat.finditer(text)] == [0, 8, 15, 21, 27]
    with pytest.raises(TypeError):
        K.site_table([1])
    with pytest.raises(ValueError):
        K.site_table([""])
    with pytest.raises(ValueError):
        K.site_table(["Abc", "Ab"])  # sorted and distinct only
    with pytest.raises(ValueError):
        K.site_table(["Ab", "Ab"])


@needs_k
@settings(max_examples=400, deadline=None)
@given(texts)
def test_token_starts_equal_the_regex(text: str) -> None:
    nb = "".join(sorted(names.NOT_BEFORE))
    assert K.token_starts(text, RES.lexicon, nb) == fastscan.token_starts_py(
        text, names.TOKEN, RES.lexicon, names.NOT_BEFORE)
    assert K.token_starts(text, LEX_SET, nb) == K.token_starts(text, RES.lexicon, nb)


# glued names: lexicon words after name-like heads (splits), quantifier tails, list-shaped and
# acronym + capitalised tokens, corpus names and brands as a whole
_NAME_PIECES = ["Telkomsel", "pelanggan", "Pelanggan", "direktur", "Direktur", "KPK", "BPKT", "Pencairan",
                "para", "tiga", "pendukung", "Haruto", "Kameya", "Tarakan", "Nunukan", ", ", " dan ", "Bank",
                "Mandiri", "Herlambang", "Prakerja", "Fujifilm", "Kestrel", "kebijakan", "layanan", "Abcd",
                "Efgh", "Xyzw", "ANTARA", "Jakarta", "Rusia", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]
# words of the sets the kernel reads as tables (as they are, capitalised, upper case, with a glued word)
_rng = random.Random(5)
_LISTED = [*_rng.sample(sorted(RES.corpus_names), 40), *_rng.sample(sorted(RES.brands), 20),
           *_rng.sample(sorted(RES.world_words), 20), *_rng.sample(sorted(RES.brands_lower), 10)]
_LISTED += [w.capitalize() for w in _LISTED[:60:3]] + [w.upper() for w in _LISTED[1:60:7]]
_LISTED += [w + "pemimpin" for w in _LISTED[2:60:5]]
# demonym readings (session 11): corpus names, lexicon and English words with a remnant, before a
# space and a lower-case word or not
_LISTED += [w + suf for w in _LISTED[:40:4] for suf in ("n", "an", "ian", "ese", "nese", "i")]
_NAME_PIECES += ["Andalusian", "Sichuanese", "Manadonese", "Ambonese", "Crimean", "Rajasthani", "Texasan",
                 "Guardian", "Okinawan", "Patagonian", "Alaskan", " tari", " kopi", " Kopi", " x", "ese", "ian"]
# regnal numbers glued to a word (session 12: two-letter numerals are a left part, names.ROMAN2)
_NAME_PIECES += ["IV", "II", "IX", "VI", "XV", "XX", "IL", "VX", "IVrombongan", "IIkereta", "VIpemimpin",
                 "XIdirektur", "IXPelanggan", "IVlayanan", "XXabc", "IVX", "VIIkereta"]
name_texts = st.lists(st.one_of(st.sampled_from(_NAME_PIECES), st.sampled_from(_LISTED), pieces),
                      max_size=80).map("".join)


@needs_k
@settings(max_examples=500, deadline=None)
@given(name_texts, st.sets(st.integers(0, 200), max_size=12))
def test_name_tokens_equal_the_reference(text: str, taken: set[int]) -> None:
    """The kernel keeps exactly the tokens the token-only checks of ``name_site`` keep, and
    counts the same unknown tokens (a cold and a warm memo alike)."""
    ctx = fastscan._names_ctx(RES)
    assert ctx is not None
    nb = "".join(sorted(names.NOT_BEFORE))
    ref = fastscan.name_tokens_py(text, RES, taken)
    assert K.name_tokens(text, RES.lexicon, nb, taken, ctx)[:2] == ref
    cold = (*ctx[:4], {}, *ctx[5:])
    assert K.name_tokens(text, RES.lexicon, nb, frozenset(taken), cold)[:2] == ref


@needs_k
@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.one_of(st.text("abcdeAB", max_size=8), st.text(max_size=6)), st.floats(0, 8), max_size=60),
       st.lists(st.text("abcdeAB", min_size=1, max_size=8), max_size=30))
def test_lexicon_table_keeps_the_dicts_ascii_keys(lex: dict[str, float], probes: list[str]) -> None:
    """Through the kernel's table, an ASCII capitalised token is known exactly when its lower
    case is a key of the dict (non-ASCII keys can never match)."""
    ctx = fastscan._names_ctx(RES)
    own = (*ctx[:4], {}, *ctx[5:-1], K.lexicon_table(lex))
    nb = "".join(sorted(names.NOT_BEFORE))
    for p in probes:
        text = "Q" + p + "xxxxx zz"
        tok = names.TOKEN.match(text)
        starts, unknown, _, _ = K.name_tokens(text, lex, nb, set(), own)
        assert unknown == int(tok is not None and tok.group().lower() not in lex)
    with pytest.raises(TypeError):
        K.lexicon_table(3)


@needs_k
@settings(max_examples=200, deadline=None)
@given(st.frozensets(st.one_of(st.text("abcAB", min_size=1, max_size=6), st.text(max_size=4)), max_size=40),
       st.lists(st.one_of(st.text("abcAB", min_size=1, max_size=6), st.text(max_size=4)), max_size=30))
def test_set_tables_answer_membership(words: frozenset[str], probes: list[str]) -> None:
    """A table built from a set (the corpus names and brands, the wordfreq tokens) holds exactly
    its ASCII words (a non-ASCII probe is never in it: the kernel only asks ASCII tokens)."""
    table = K.lexicon_table(words)
    for p in [*probes, *words]:
        assert K.table_has(table, p) is (p.isascii() and p in words)
    with pytest.raises(TypeError):
        K.table_has(table, 3)


@needs_k
def test_name_tokens_drop_only_tokens_name_site_rejects() -> None:
    """Every token the kernel leaves out gets no site from ``name_site`` whatever the text
    around it (it is no list-shaped token), on real capitalised tokens and glued names."""
    recs = [r["text"] for r in corpus_records("id_news_gikirima_multioutlet.jsonl.gz", 80)] if CORPORA.exists() else []
    texts = [*recs, "Ia bertemu Telkomselpelanggan dan Haruto Kameyamapara pendukung, TarakanNunukan dan Malinau.",
             "mengeluhkan Biznetlayanan yang lambat. BPKTPencairan dana KPKPenyidik"]
    nb = "".join(sorted(names.NOT_BEFORE))
    ctx = fastscan._names_ctx(RES)
    dropped = 0
    for text in texts:
        kept = set(K.name_tokens(text, RES.lexicon, nb, set(), ctx)[0])
        for k in fastscan.token_starts_py(text, names.TOKEN, RES.lexicon, names.NOT_BEFORE):
            if k in kept:
                continue
            dropped += 1
            m = names.TOKEN.match(text, k)
            lm = names.LIST_TOKEN.match(text, k)
            assert not (lm and lm.end() == m.end())
            assert names.name_site(text, m, RES) is None, m.group()
            for before, after in (("mengeluhkan ", " pada"), ("", " tiga kapal"), ("di ", ", dan Bogor")):
                around = before + m.group() + after
                assert names.name_site(around, names.TOKEN.match(around, len(before)), RES) is None, m.group()
    assert dropped > 100 or not recs


@needs_k
def test_name_scan_bounds_take_the_full_walk(chain_step: Repair, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past a scan bound only the full walk knows where it stopped: the fast path steps aside."""
    rng = random.Random(5)
    def invented() -> str:
        return "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou") for _ in range(4)).capitalize()
    many = " ".join(invented() + "q" for _ in range(names.MAX_CANDIDATES + 50))  # unknown, no split
    glued = " ".join("mengeluhkan " + invented() + "layanan kami." for _ in range(names.MAX_NAME_SITES + 5))
    for text in (many, glued):
        assert fastscan.name_tokens(text, RES, set(), names.MAX_CANDIDATES, names.MAX_NAME_SITES) is None
        monkeypatch.setattr(fastscan, "_kernel", K)
        fast = _doc_state(chain_step, text)
        assert any(f.get("reason") == "glue_scan_bound" or f.get("kind") == "glue_scan_bound"
                   for f in fast["flags"]) or text is glued
        monkeypatch.setattr(fastscan, "_kernel", None)
        assert _doc_state(chain_step, text) == fast


_JOIN_PIECES = ["abc", "Def", "ab", "x", ")", "]", ".", "!", "?", "5", "٣", "12", "KYB", "ABCDEF", "Aprilia",
                "kaliper", "panjangsekali", "sangatpanjangsekalisangatpanjangsekalisangat", "-", "@", "#", "/",
                "_", " ", "\n", "é", "Σ", "😀", "Lcrash", "mm"]
join_texts = st.lists(st.one_of(st.sampled_from(_JOIN_PIECES), pieces), max_size=60).map("".join)


@needs_k
@settings(max_examples=400, deadline=None)
@given(join_texts)
def test_join_scans_equal_the_regexes(text: str) -> None:
    from saring.repair import glue

    together = K.join_all(text)  # the four scans from one walk
    for regex in (glue.SCRAPE_CAMEL, glue.SENT_JOIN, glue.ITEM_JOIN, glue.PAREN_JOIN):
        code = fastscan.JOIN_PATTERNS[regex.pattern]
        assert K.join_starts(text, code) == [m.start() for m in regex.finditer(text)] == together[code]
    assert K.join_starts(text, 4) == glue.LOWER_TOKEN.findall(text)


@needs_k
@settings(max_examples=300, deadline=None)
@given(st.text(" \n\x00\x0a\x20\x2a\x8a\xa0\xff\x7fab\u2028\u3000😀", max_size=80))
def test_breaks_counts_spaces_and_newlines(text: str) -> None:
    """``breaks`` reads latin-1 texts eight bytes at a time: every byte value near the two."""
    assert K.breaks(text) == text.count(" ") + text.count("\n")


_CODE_PIECES = ["K", "RX", "ABCD", "ABCDE", "12", "150", "123456", "\u0663", "\uff11", "\u0967", "\U0001d7d9", "²",
                "layar", "Mesin", "abcdefghijklmnopqrstuvwxyzabcd", "abc", "_", " ", ".", "Z9", "é", "😀", "\u0301",
                "\n", "-", "-5", "Lintasbumi", "Ab", "Abc", "/", "'", "\u2019", "mesin", "Mesin", "1234", "12345"]
code_texts = st.lists(st.one_of(st.sampled_from(_CODE_PIECES), pieces), max_size=40).map("".join)


@needs_k
@settings(max_examples=600, deadline=None)
@given(code_texts)
def test_hyphen_gate_equals_the_reference_and_hides_no_site(text: str) -> None:
    """The walk's fourth value is whether ``HYPHEN_GATE`` matches, and where it does not,
    ``hyphen_code_sites`` finds nothing (session 14: the gate moved from a regex pass over every
    document into the name walk)."""
    want = fastscan.hyphen_possible_py(text)
    got = K.name_tokens(text, RES.lexicon, fastscan._NAME_NOT_BEFORE, set(), fastscan._names_ctx(RES))
    assert got[3] is want
    if not want:
        assert names.hyphen_code_sites(text, RES, set()) == []


@needs_k
def test_hyphen_gate_on_known_shapes() -> None:
    ctx, nb = fastscan._names_ctx(RES), fastscan._NAME_NOT_BEFORE
    for text, want in [("memeriksa Roket Lintasbumi-5mesin sebelum", True),
                       ("/Lintasbumi-5Mesin x", True), ("Lintasbumi\n-5mesin", True),
                       ("xLintasbumi-5mesin", False), ("-Lintasbumi-5mesin", False), ("Lintasbumi-12345mesin", False),
                       ("Lintasbumi-5mesin_", False), ("Lintasbumi-5mesin-", False), ("Lintasbumi-5mes", False),
                       ("Ab-5mesin", False), ("Abc-5mesin", True), ("A" + "b" * 29 + "-5mesin", True),
                       ("A" + "b" * 30 + "-5mesin", False), ("Abc-5" + "m" * 31, False), ("Abc-5" + "m" * 30, True),
                       ("\u00e9 Abc-\u06631Mesin.", True), ("Covid-19 pandemi", False),
                       ("Drone Elang K-17mesin di", True), ("xK-17mesin", False), ("K-17\nmesin", False)]:
        assert fastscan.hyphen_possible_py(text) is want, text
        assert K.name_tokens(text, RES.lexicon, nb, set(), ctx)[3] is want, text


@needs_k
@settings(max_examples=400, deadline=None)
@given(code_texts)
def test_code_gate_breaks_and_name_walk_equal_python(text: str) -> None:
    """``code_possible`` is whether ``CODE_GLUE`` matches (name_tokens answers it from its own
    walk), and the step's gate hides no code site; ``breaks`` is two counts."""
    shape = fastscan.code_possible_py(text)
    assert K.code_possible(text) is shape
    ctx = fastscan._names_ctx(RES)  # (sets _NAME_NOT_BEFORE)
    assert K.name_tokens(text, RES.lexicon, fastscan._NAME_NOT_BEFORE, set(), ctx)[2] is shape
    if not fastscan.code_glue_possible(text):
        assert names.code_sites(text, RES, set()) == []
    assert K.breaks(text) == text.count(" ") + text.count("\n") == fastscan.n_breaks(text)


@needs_k
def test_one_walk_scans_on_every_width_and_size() -> None:
    """All PEP 393 kinds (ASCII, latin-1, BMP, astral), empty, huge and repetitive texts."""
    from saring.repair import glue

    base = ["", "K12layar", "Kavora K12layar yang retak.", "pertandinganBerkat kaliper)ringan Rusia.Kemudian",
            "é Ä1 K\u0663 x", "Σ K\uff11 abcDef", "😀 A\U0001d7d9 dariBandara", "a\u0301bcDefg K9 (x)abc",
            # CODE_GLUE's tail: 5 digits at most, an optional capital, 4-30 letters, no word character
            "AB12345Layar.", "AB123456layar", "K1" + "a" * 30, "K1" + "a" * 31, "K1Xabcd_", "K1abcdé", "K1abcd\u0301",
            "K\u0663abcd", "K12abc", "K12ABcdef", "ABCDE1abcd", "x K1abcd", "K1\U0001d7d9abcd!"]
    latin = "".join(map(chr, range(256)))  # every byte next to capitals (the 8-byte skips' edge cases)
    base += [latin, latin[::-1] + " Rusiakredensial Putinpresiden", " ".join(latin) + "Jakartapemimpin",
             "\xc0\xdaRusiapemimpin \xc1Indonesiaxyz Amerika\xd9Serikat", "abcdefgh" * 9 + "Rusiapemimpin"]
    huge = ["Kavora K12layar ".join(["kata biasa saja dariBandara Kualanamumenuju"] * 3000),
            "A1" * 50000, "abc" * 100000 + "Def", "😀" + "abcDef." * 20000, " \n" * 70000]
    ctx = fastscan._names_ctx(RES)  # (sets _NAME_NOT_BEFORE)
    nb = fastscan._NAME_NOT_BEFORE
    for text in base + huge:
        shape = fastscan.code_possible_py(text)
        assert K.code_possible(text) is shape
        assert K.name_tokens(text, RES.lexicon, nb, set(), ctx) == (*fastscan.name_tokens_py(text, RES, set()), shape,
                                                                   fastscan.hyphen_possible_py(text))
        assert K.site_starts(text, fastscan._site_table(RES)) == fastscan.site_starts_py(text, RES)
        assert K.breaks(text) == text.count(" ") + text.count("\n")
        together = K.join_all(text)
        for regex in (glue.SCRAPE_CAMEL, glue.SENT_JOIN, glue.ITEM_JOIN, glue.PAREN_JOIN):
            assert together[fastscan.JOIN_PATTERNS[regex.pattern]] == [m.start() for m in regex.finditer(text)]
        low, special = text.lower(), "\u0130" in text or "\u03a3" in text
        want = fastscan.dup_maybe_py(text, low, 60, 15, 4, 50)
        assert K.dup_maybe(text, None, 60, 15, 4, 50) == (None if special else want)
        assert K.dup_maybe(text, low, 60, 15, 4, 50) == want
    for bad in (None, 3, b"x"):
        for f in (K.join_all, K.code_possible, K.breaks):
            with pytest.raises(TypeError):
                f(bad)


@needs_k
def test_join_memo_is_per_text() -> None:
    """``match_starts`` keeps the last text's four lists: another text (even an equal one built
    anew) gets its own, and the lists handed out are copies."""
    from saring.repair import glue

    a, b = "abcDef. xyzUvw", "kaliper)ringan"
    first = fastscan.match_starts(glue.SCRAPE_CAMEL, a)
    first.append(99)
    assert fastscan.match_starts(glue.SCRAPE_CAMEL, a) == [0, 8]
    assert fastscan.match_starts(glue.PAREN_JOIN, b) == [7]
    assert fastscan.match_starts(glue.SCRAPE_CAMEL, "".join(["abcDef", ". xyzUvw"])) == [0, 8]
    fastscan.forget()
    assert fastscan._joins is None and fastscan._code is None


def _para_text(rng: random.Random, vocab: list[str]) -> str:
    """Lines of 10-30 words from a small vocabulary (near-duplicates are common), some copied."""
    lines: list[str] = []
    for _ in range(rng.randrange(1, 14)):
        if lines and rng.random() < 0.2:
            ln = rng.choice(lines).split(" ")
            ln[rng.randrange(len(ln))] = rng.choice(vocab)
            lines.append(" ".join(ln))
        else:
            lines.append(" ".join(rng.choice(vocab) for _ in range(rng.randrange(10, 30))))
    return "\n".join(lines)


@needs_k
@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**9), st.lists(st.sampled_from(["Rabu", "KAMIS", "kamis", "pemerintah", "mengatakan",
                                                        "İstanbul", "ΣΟΦΙΑ", "é", "x", "panjangsekali", "a\u0301b",
                                                        "😀😀", "\xa0", "1.", "-"]), min_size=3, max_size=12),
       st.sampled_from([(60, 15, 4, 50), (1, 1, 1, 1), (10, 3, 2, 2), (0, 0, 64, 0)]))
def test_duplicate_gate_equals_reference_and_never_hides_a_pair(seed: int, vocab: list[str],
                                                                 params: tuple[int, int, int, int]) -> None:
    text = _para_text(random.Random(seed), vocab)
    low = text.lower()
    ref = fastscan.dup_maybe_py(text, low, *params)
    assert K.dup_maybe(text, low, *params) == ref
    special = "\u0130" in text or "\u03a3" in text
    assert K.dup_maybe(text, None, *params) == (None if special else ref)  # lowered by the kernel
    if not K.dup_maybe(text, low, paragraphs.MIN_CHARS, paragraphs.MIN_WORDS, 4, 50):
        assert paragraphs.find_duplicates(paragraphs.split_paragraphs(text), {}, RES.days) == []


@needs_k
@settings(max_examples=300, deadline=None)
@given(texts)
def test_duplicate_gate_on_adversarial_text(text: str) -> None:
    text = "\n".join([text] * 2 + [text[::-1]])
    low = text.lower()
    for params in [(60, 15, 4, 50), (1, 1, 1, 1), (0, 0, 3, 0)]:
        assert K.dup_maybe(text, low, *params) == fastscan.dup_maybe_py(text, low, *params)
        own = K.dup_maybe(text, None, *params)  # lowered in the kernel, or None when it cannot be
        assert own == (None if ("\u0130" in text or "\u03a3" in text) else fastscan.dup_maybe_py(text, low, *params))
    with pytest.raises(ValueError):
        K.dup_maybe(text, low + "\n", 1, 1, 4, 50)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_lowered_text_keeps_the_lines(text: str) -> None:
    """``maybe_duplicates`` lowers the whole text once: the same lines as lowering each line."""
    assert text.lower().split("\n") == [ln.lower() for ln in text.split("\n")]


@needs_k
def test_kernel_lowering_is_str_lower_on_every_code_point() -> None:
    """The duplicate gate lowers one code point at a time: ``str.lower`` for every character but
    U+0130 and U+03A3, for which it answers None (the caller then passes ``text.lower()``)."""
    for lo in range(0, 0x110000, 0x8000):
        chars = "".join(chr(c) for c in range(lo, min(lo + 0x8000, 0x110000))
                        if not 0xD800 <= c <= 0xDFFF and c not in (0x130, 0x3A3))
        assert K.lower_simple(chars) == chars.lower()
        assert K.lower_simple(" ".join(chars[:50])) == " ".join(chars[:50]).lower()
    for special in ("\u0130", "\u03a3", "ab\u03a3 ", "x\u0130y"):
        assert K.lower_simple(special) is None
    assert K.lower_simple("") == ""


def test_no_character_lowers_to_or_from_a_newline() -> None:
    for c in map(chr, range(0x110000)):
        if 0xD800 <= ord(c) <= 0xDFFF:
            continue
        assert ("\n" in c.lower()) == (c == "\n")


def test_no_character_lowers_to_or_from_whitespace() -> None:
    """The duplicate gate finds word ends on the raw text and reads the words lowered: the same
    words as ``text.lower().split()`` only if lowering keeps every character's whitespace class
    (each code point of its lower case)."""
    for c in map(chr, range(0x110000)):
        if 0xD800 <= ord(c) <= 0xDFFF:
            continue
        assert all(x.isspace() == c.isspace() for x in c.lower()), hex(ord(c))


@needs_k
@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, name_texts, code_texts, st.integers(0, 10**9).map(
    lambda seed: _para_text(random.Random(seed), ["Rabu", "kamis", "pemerintah", "mengatakan", "Rusiapemimpin",
                                                  "K12layar", "İstanbul", "x"]))))
def test_one_call_scan_equals_the_gates_and_quiet_the_references(text: str) -> None:
    """``scan`` answers what the three kernels answer one by one, and ``quiet`` (the step's
    "nothing to do") is the pure-Python references' conjunction; the memo is per text."""
    args = fastscan._scan_args(RES)
    assert args is not None
    sites, names_part, dup = K.scan(text, *args)
    assert sites == K.site_starts(text, fastscan._site_table(RES)) == fastscan.site_starts_py(text, RES)
    assert names_part == K.name_tokens(text, RES.lexicon, fastscan._NAME_NOT_BEFORE, set(), fastscan._names_ctx(RES))
    assert dup == K.dup_maybe(text, None, paragraphs.MIN_CHARS, paragraphs.MIN_WORDS, 4, 50)
    starts, unknown = fastscan.name_tokens_py(text, RES, set())
    want = (not fastscan.site_starts_py(text, RES) and not starts and unknown <= names.MAX_CANDIDATES
            and not fastscan.code_possible_py(text) and not fastscan.hyphen_possible_py(text)
            and not fastscan.dup_maybe_py(text, text.lower(), paragraphs.MIN_CHARS, paragraphs.MIN_WORDS, 4, 50)
            # (a text the kernel cannot lower itself takes the step's full path: never quiet)
            and "\u0130" not in text and "\u03a3" not in text)
    fastscan.forget()
    try:
        assert fastscan.quiet(text, RES) is want
        copy = "".join(list(text))  # an equal text built anew: not the memo's
        assert fastscan._gates_of(copy, RES) is None or copy is text
        assert fastscan.quiet(copy, RES) is want
    finally:
        fastscan.forget()
    assert fastscan._pre is None


# ------------------------------------------------------------------ the whole step, gated and not
def _doc_state(step: Repair, text: str, metadata: dict | None = None) -> dict:
    doc = Document(id="d", text=text, metadata=dict(metadata or {}))
    step.process(doc)
    return doc.to_dict()


def _same_both_ways(step: Repair, texts: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """Every text repaired with the kernel and without it: identical documents. Returns how many
    the duplicate gate let through (so a test can tell the gate was exercised both ways)."""
    through = 0
    for t in texts:
        monkeypatch.setattr(fastscan, "_kernel", K)
        fast = _doc_state(step, t)
        through += fastscan.maybe_duplicates(t)
        monkeypatch.setattr(fastscan, "_kernel", None)
        assert _doc_state(step, t) == fast, t[:200]
    return through


@pytest.fixture(scope="module")
def chain_step() -> Repair:
    s = Repair(revision_needs_evidence=False)  # as in the default pipeline
    s.ensure_setup()
    return s


@needs_k
def test_gated_equals_ungated_on_hand_written_sets(chain_step: Repair, monkeypatch: pytest.MonkeyPatch) -> None:
    from evaluation.repair.unseen import load_cases, page_order, read_lines

    texts: list[str] = []
    for name in ["unseen_dev.txt", "unseen_heldout.txt", "unseen_dev4.txt", "unseen_dev5.txt"]:
        cases = page_order(load_cases(name))
        texts += [c.corrupted for c in cases]
        texts += ["\n".join(c.corrupted for c in cases[k : k + 3]) for k in range(0, len(cases), 3)]
    for name in ["traps.txt", "traps2.txt", "traps3.txt", "traps4.txt"]:
        texts += read_lines(name)
    for step in (chain_step, Repair(dedup_paragraphs=False)):
        step.ensure_setup()
        _same_both_ways(step, texts, monkeypatch)


@needs_k
def test_gated_equals_ungated_on_generated_glue_and_duplicates(chain_step: Repair,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from evaluation.repair.corrupt import corrupt_document

    recs = corpus_records("id_news_indosum_dev.jsonl.gz", 150)
    rng = random.Random(11)
    texts = [corrupt_document(str(i), r["text"], rng, p_dup=0.5, res=RES).text for i, r in enumerate(recs)]
    through = _same_both_ways(chain_step, texts, monkeypatch)
    assert 0 < through < len(texts)


@needs_k
def test_gated_equals_ungated_on_real_news(chain_step: Repair, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = []
    for name in ["id_news_gikirima_multioutlet.jsonl.gz", "id_news_github_scrapes.jsonl.gz",
                 "id_news_detik_langscrape.jsonl.gz"]:
        texts += [r["text"] for r in corpus_records(name, 120)]
    _same_both_ways(chain_step, texts, monkeypatch)


@needs_k
def test_gated_equals_ungated_on_the_founding_article(founding_text: str, chain_step: Repair,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert _same_both_ways(chain_step, [founding_text], monkeypatch) == 1  # its revision duplicate


@needs_k
@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(texts, st.sampled_from(["Presiden Rusian Vladimir Putin tiba.",
                                                    "Ia bertemu Rusiakredensial diplomatik kemarin."])),
                min_size=1, max_size=6))
def test_gated_equals_ungated_on_adversarial_text(lines: list[str]) -> None:
    step = Repair(revision_needs_evidence=False)
    step.ensure_setup()
    text = "\n".join(lines + lines[:2])
    try:
        fastscan._kernel = K
        fast = _doc_state(step, text)
        fastscan._kernel = None
        assert _doc_state(step, text) == fast
    finally:
        fastscan._kernel = K


# ------------------------------------------------------------------ tripwires for rule changes
@needs_k
def test_fast_paths_are_on_for_the_shipped_rules() -> None:
    """A change to the site regex or to ``names.TOKEN`` turns its fast path off (outputs stay
    exact, the step gets slower): this test says so, so the kernel can be brought up to date."""
    assert fastscan._site_table(RES) is not None
    assert names.TOKEN.pattern == fastscan.TOKEN_PATTERN
    assert fastscan._names_ctx(RES) is not None, "names.TOKEN or names.LEFT changed: name_tokens is off"
    from saring.repair import glue

    for regex in (glue.SCRAPE_CAMEL, glue.SENT_JOIN, glue.ITEM_JOIN, glue.PAREN_JOIN, glue.LOWER_TOKEN):
        assert fastscan._join_code(regex) is not None, regex.pattern


# What the duplicate gate mirrors: update the hash after checking the gate (``_c_repair.c``
# ``dup_maybe``: lines of MIN_CHARS and MIN_WORDS, the k longest words, ``_similar_enough``)
# still holds a superset of the paragraphs and candidate pairs these functions define.
MIRRORED = (paragraphs.split_paragraphs, paragraphs._prose, paragraphs._similar_enough,
            paragraphs.candidate_pairs)
MIRRORED_SHA = "cd170662c720779f"


def test_duplicate_gate_mirrors_the_paragraph_rules() -> None:
    src = "".join(inspect.getsource(f) for f in MIRRORED)
    digest = hashlib.sha256(src.encode()).hexdigest()[:16]
    assert digest == MIRRORED_SHA, (
        f"paragraph rules changed ({digest}): check that fastscan.maybe_duplicates still only "
        "returns False when find_duplicates finds no pair, then update MIRRORED_SHA")
    body = inspect.getsource(paragraphs.find_duplicates)
    assert "cands = [(i, j) for i, j in candidate_pairs(paras) if _similar_enough(paras[i], paras[j])]" in body
    assert "for i, j in cands:" in body


# What ``name_tokens`` mirrors: ``name_site`` up to its ``_split`` (every check before it on the
# token alone, all answering None), ``demonym_site``'s readings and base evidence (session 11:
# ``demonym_live``; its text check is the space and lower-case letter after the token),
# ``_split`` itself, the first rejections of ``_right_ok``
# (shape, then ``low not in res.lexicon``) and the list-token branch of ``find_entity_sites``.
# Update the hash after checking ``_c_repair.c`` (``token_live``, ``has_split``, ``right_ok``)
# and ``fastscan.name_tokens_py`` against the new code.
def _name_rules_source() -> str:
    site = inspect.getsource(names.name_site)
    head = site[: site.index("    if not i:\n        return None") ]
    ok = inspect.getsource(names._right_ok)
    ok = ok[: ok.index("    if low[:2]")]
    loop = inspect.getsource(names.find_entity_sites)
    loop = loop[loop.index("        lm = LIST_TOKEN.match") : loop.index("        if s is not None:")]
    quant = inspect.getsource(names._quantifier_site)
    quant = quant[: quant.index("    noun = nxt.group(1)")]
    demonym = inspect.getsource(names._demonym_bases) + inspect.getsource(names._place_base)
    return head + inspect.getsource(names._split) + ok + loop + quant + names.LIST_TOKEN.pattern + str(
        names.QUANTIFIERS) + str(sorted(names.QUANTIFIER_TAILS)) + demonym + names.LOWER_NEXT.pattern


NAME_RULES_SHA = "0463b7eef70bf557"  # (repair15 s17: LIST_TOKEN takes a second item opened by an acronym, KaryasukaKUD Margasuli; the kernel's list_shaped and fastscan.name_tokens_py (names.list_shaped) keep those tokens too) (repair15 s17: _guarded refuses a bare common head, _compound_subject takes a head and its kind noun: stricter, the scan keeps a superset) (lead s16: glue14's scorer.confirm after name_site only turns an existing site into an edit: no new site, the scan keeps a superset) (repair14 s16: _right_ok refuses a lower-case part with a capital inside, "Karangsen|aLokasi": stricter than the kernel's right_ok, the scan still keeps a superset)


def test_name_tokens_mirror_the_name_rules() -> None:
    digest = hashlib.sha256(_name_rules_source().encode()).hexdigest()[:16]
    assert digest == NAME_RULES_SHA, (
        f"name rules changed ({digest}): check that fastscan.name_tokens still only leaves out "
        "tokens name_site rejects on the token alone, then update NAME_RULES_SHA")


# What ``fastscan.quiet`` vouches for: with no site start, no live name token, no code glue and no
# duplicate candidate, ``repair_glue`` finds no site and flags nothing and ``process`` calls no
# duplicate step. A new site source in these functions must be gated there too: update the hash
# after checking ``quiet`` (and ``_c_repair.scan``) against the new code.
def _quiet_source() -> str:
    from saring.repair import glue

    return "".join(inspect.getsource(f) for f in (Repair.repair_glue, Repair.process, glue.find_sites,
                                                    names.find_entity_sites))


# (session 13, repair11: ``process`` takes the quiet path only when ``names.hyphen_code_possible``
# is False too; ``hyphen_code_sites`` is a site source ``quiet`` does not scan for; glue11: + scorer.site,
# only on live name tokens: quiet stays exact; session 14, repair12: ``quiet`` itself answers the
# hyphen-code gate from the kernel's name walk, ``process`` asks only ``quiet``)
QUIET_SHA = "aa264e8b847b7e61"  # (repair19 s19: repair_glue adds offices.office_sites, which reads camel seams only inside live name tokens (fastscan's memoised walk), which make quiet False: quiet stays exact) (camel19 s19: lift_kind_seams after add_evidence only raises the confidence of CamelCase name sites already found: no site added, quiet stays exact) (glue17 s18: lift_page_camel after mark_scrape_joins only clears no_move/scrape on 3+ camel sites already found: a quiet document has none, quiet stays exact) (idem17 s18: find_entity_sites caps a found site at 0.7, a flag, on compound surnames: no site added or dropped, quiet stays exact) (glue15 s17: keep_names_whole after find_name_sites only sets no_move on sites already found: no site added, quiet stays exact) (repair15 s17: find_entity_sites drops a scorer site on a bare common head, PasarPelosok: fewer sites, quiet stays a subset) (lead s16: scorer.confirm adds no site, only edits one the rules found: quiet stays exact) (repair13 s15: number_sites and degree_sites run only with MT evidence, beside find_name_sites; find_sites' moved check takes glue sites too: quiet stays exact)


def test_quiet_documents_mirror_the_glue_scan() -> None:
    digest = hashlib.sha256(_quiet_source().encode()).hexdigest()[:16]
    assert digest == QUIET_SHA, (
        f"repair_glue / find_sites / find_entity_sites / process changed ({digest}): check that "
        "fastscan.quiet still only answers True when the step would change and flag nothing, "
        "then update QUIET_SHA")


@pytest.mark.skipif(not CORPORA.exists(), reason="shared corpora absent")
def test_pure_python_switch_uses_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastscan, "_kernel", None)
    assert fastscan.maybe_duplicates("x") is True
    assert not isinstance(fastscan.site_matches("Rusiakredensial", RES), list)


# ------------------------------------------------------------------ small exact shortcuts
@settings(max_examples=400, deadline=None)
@given(texts, st.one_of(st.sampled_from(["Rusia", "a", "a-b", "x_y", "é", "", " ", "Rusia Baru", "\u0301"]),
                        st.text("aRus-_ é", max_size=4)))
def test_run_count_equals_the_word_run_index(text: str, word: str) -> None:
    from collections import Counter

    text = text + " " + word + " " + word + "-" + word
    assert fastscan.run_count(text, word) == Counter(re.findall(r"[\w\-]+", text))[word]


def _site_of_urlsplit(url: str) -> str | None:
    """``damage.site_of`` before its fast path (urlsplit only)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        host = None
    return host.removeprefix("www.") if host else None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["http", "https", "HTTP", "://", "//", "www.", "Detik", ".com", ".co.id", "-", "/",
                                 "?", "#", ":", "80", "@", "[", "]", "\n", "\t", " ", "é", "%", "a"]), max_size=10)
       .map("".join))
def test_site_of_fast_path_equals_urlsplit(url: str) -> None:
    from saring.repair.damage import site_of

    for u in (url, "https://" + url, "http://www." + url):
        assert site_of({"url": u}) == _site_of_urlsplit(u), u


def test_damage_of_a_document_without_artifacts_is_zero() -> None:
    """``Repair.process`` skips ``damage_score`` when every count is 0: it must give 0.0 there."""
    from saring.repair.damage import damage_score

    for n_tokens in (0, 1, 7, 250, 10**7):
        zero = {"repaired": 0, "list": 0, "flagged": 0, "scrape": 0, "revision": 0}
        assert damage_score(zero, n_tokens) == 0.0
        assert damage_score({"scrape": 0}, n_tokens) == 0.0


def test_entity_regex_from_the_resource_cache_is_the_compiled_pattern(tmp_path, monkeypatch) -> None:
    """``res.entity_re`` is loaded as a stored program after its first build: the same program as
    ``re.compile`` gives, the same matches, in a cold and in a warm cache folder."""
    from saring.repair import resources

    monkeypatch.setenv("SARING_CACHE_DIR", str(tmp_path))
    fresh = re.compile(RES.entity_pattern)
    for _ in range(2):  # built and stored, then loaded
        resources._compiled.cache_clear()
        got = RES.entity_re
        assert got == fresh and got.flags == fresh.flags and got.groupindex == fresh.groupindex
        for text in ["Korea Utarapemimpin", "Rusia", "x Amerika Serikatpresiden", "", "Papua Nugini."]:
            for k in range(len(text) + 1):
                a, b = got.match(text, k), fresh.match(text, k)
                assert (a and a.span()) == (b and b.span())
    assert any(p.name.startswith("repair_entity_re") for p in tmp_path.iterdir())
    resources._compiled.cache_clear()
    assert resources._compiled("(?:ab)+") == re.compile("(?:ab)+")  # another pattern: compiled here
    resources._compiled.cache_clear()
