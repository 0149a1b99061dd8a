"""Lexical second stage: marker data, weights, decisions on text we wrote ourselves."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langid_paths import langid_path  # noqa: F401 - the fixture

from saring.langid.lexicon import (
    DATA,
    LANGS,
    OTHER,
    TOKEN_RE,
    Evidence,
    Lexicon,
    Marker,
    Params,
    get_lexicon,
    load_markers,
    load_nb_weights,
    regional_spelling,
    tokenize,
    tokenize_lines,
)

pytestmark = pytest.mark.usefixtures("langid_path")

REPO = Path(__file__).resolve().parents[1]

ID_TEXT = (
    "Pemerintah kabupaten akan membangun jembatan baru karena jalan lama sudah rusak. "
    "Kepala desa mengatakan bahwa warga bisa memakai jembatan itu pada bulan Agustus."
)
MS_TEXT = (
    "Kerajaan negeri akan membina jambatan baharu kerana jalan lama sudah rosak. "
    "Ketua kampung berkata bahawa penduduk boleh menggunakan jambatan itu pada bulan Ogos."
)
JV_TEXT = (
    "Aku lan kanca-kancaku arep lunga menyang pasar esuk iki amarga ibu ora bisa teka. "
    "Sawise iku awake dhewe bali menyang omah lan mangan bareng karo bapak."
)
SU_TEXT = (
    "Abdi jeung babaturan badé indit ka pasar isuk-isuk sabab indung teu tiasa sumping. "
    "Sanggeus éta urang balik deui ka imah tuluy dahar babarengan jeung bapa."
)
EN_TEXT = (
    "The district government will build a new bridge because the old road has been damaged. "
    "The village head said that residents would be able to use it in August."
)


@pytest.fixture(scope="module")
def lex(langid_path: str) -> Lexicon:  # noqa: F811 - the path fixture
    return get_lexicon()


def test_marker_file_has_every_family_and_pairs() -> None:
    markers = load_markers()
    langs = {m.lang for m in markers}
    assert {"mly", "jv", "su", "en", "id", "ms"} <= langs
    pairs = {(m.lang, m.token) for m in markers}
    for pair in (("id", "televisi"), ("ms", "televisyen"), ("id", "agustus"), ("ms", "ogos"),
                 ("id", "kualitas"), ("ms", "kualiti")):
        assert pair in pairs
    assert all(m.weight > 0 for m in markers)


def test_markers_agree_with_wordfreq() -> None:
    """The same check as scripts/check_langid_markers.py: no marker contradicted by wordfreq."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import check_langid_markers
    finally:
        sys.path.pop(0)
    assert check_langid_markers.failures() == []


def test_word_weights_lean_the_right_way() -> None:
    w = load_nb_weights()
    assert len(w) > 10_000
    for ms_word in ("kerana", "selepas", "iaitu", "bahawa", "kenderaan"):
        assert w.get(ms_word, 0) > 0, ms_word
    for id_word in ("karena", "setelah", "yaitu", "bahwa", "kendaraan"):
        assert w.get(id_word, 0) < 0, id_word


def test_params_come_from_the_tuning_file() -> None:
    p = Params.load()
    assert (DATA / "params.json").exists()
    assert set(p.family_weight) == {"mly", "jv", "su", "en"}
    assert p.nb_weight > 0 and p.marker_weight > 0


@pytest.mark.parametrize(
    ("text", "lang"),
    [(ID_TEXT, "id"), (MS_TEXT, "ms"), (JV_TEXT, "jv"), (SU_TEXT, "su"), (EN_TEXT, "en")],
)
def test_classify_each_language(lex: Lexicon, text: str, lang: str) -> None:
    v = lex.classify(text)
    assert v.lang == lang
    assert 0.5 < v.score <= 1.0


def test_spelling_pairs_flip_id_and_ms(lex: Lexicon) -> None:
    base = "Harga {} itu naik pada bulan {} dan {} juga turut meningkat."
    v_id = lex.classify(base.format("televisi", "Agustus", "kualitas"))
    v_ms = lex.classify(base.format("televisyen", "Ogos", "kualiti"))
    assert v_id.lang == "id" and v_ms.lang == "ms"
    assert v_id.idms < 0 < v_ms.idms


def test_two_word_markers_count(lex: Lexicon) -> None:
    plain = lex.evidence("dia dibawa ke tempat itu")
    with_phrase = lex.evidence("dia dibawa ke rumah sakit itu")
    assert with_phrase.idms < plain.idms  # "rumah sakit" is an Indonesian marker
    assert lex.phrase_features(["rumah", "sakit"])[2] == 0  # no Malay weight


def test_no_function_words_is_undetermined(lex: Lexicon) -> None:
    v = lex.classify("Foto: 12345 — 67890")
    assert v.lang == "und" and v.score == 0.0


def test_one_function_word_is_not_confident(lex: Lexicon) -> None:
    assert lex.classify("yang").score <= 0.5


def test_two_word_markers_must_be_id_or_ms() -> None:
    with pytest.raises(ValueError):
        Lexicon([Marker("jv", "ora ana", 1.0)], {})


def test_evidence_add_is_componentwise() -> None:
    a = Evidence(1.0, 2.0, 0.0, 1.0, 0.0, 5)
    a.add(Evidence(-0.5, 1.0, 1.0, 0.0, 2.0, 3))
    assert (a.idms, a.mly, a.jv, a.su, a.en, a.tokens) == (0.5, 3.0, 1.0, 1.0, 2.0, 8)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_classify_any_text_is_bounded(text: str) -> None:
    lex = get_lexicon()
    v = lex.classify(text)
    assert v.lang in (*LANGS, OTHER, "und")
    assert 0.0 <= v.score <= 1.0
    assert v.tokens == len(TOKEN_RE.findall(text.lower()))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["yang", "dan", "kerana", "karena", "ora", "teu", "the", "x"]),
                max_size=60))
def test_evidence_is_additive_over_separate_segments(words: list[str]) -> None:
    """Token evidence of a concatenation equals the sum (no two-word markers among these)."""
    lex = get_lexicon()
    half = len(words) // 2
    a, b = " ".join(words[:half]), " ".join(words[half:])
    whole = lex.evidence(f"{a} {b}")
    parts = lex.evidence(a)
    parts.add(lex.evidence(b))
    assert whole.tokens == parts.tokens
    for k in ("idms", "mly", "jv", "su", "en"):
        assert getattr(whole, k) == pytest.approx(getattr(parts, k))


def test_adversarial_input_is_linear_time(lex: Lexicon) -> None:
    nasty = ("a" * 50_000) + ("-" * 50_000) + ("yang " * 20_000) + ("\u00e9" * 50_000)
    t0 = time.process_time()  # CPU time: a loaded machine must not fail a linearity guard
    v = lex.classify(nasty)
    assert time.process_time() - t0 < 2.0
    assert v.lang in ("id", "ms")


def test_betawi_spelling_counts_word_final_nye_and_schwa_not_kampanye() -> None:
    """Written by hand: Betawi "-nye" possessives and "ê" count; Indonesian "kampanye",
    "oranye" and "menyelesaikan" (nye inside a word) do not."""
    assert regional_spelling("rumahnye gêde, pasangannye dateng.") == 3
    assert regional_spelling("kampanye partai oranye, menyelesaikan penyebab nyeri") == 0
    lex = get_lexicon()
    betawi = "êluh pêrnah ngêrasa cêmas kalo masup kê sêkola baru nyang rame bênêr"
    plain = "kamu pernah merasa cemas kalau masuk ke sekolah baru yang ramai sekali"
    assert lex.classify(betawi).lang == OTHER
    assert lex.classify(plain).lang == "id"


def test_minangkabau_nyo_forms_and_sasak_seeds_are_regional() -> None:
    """Written by hand (session 7): generated Minangkabau "-nyo" forms of Indonesian words
    (filmnyo, hargonyo) and Sasak seeds make a text ``other``; the same sentence in Indonesian
    stays ``id``."""
    lex = get_lexicon()
    minang = "Filmnyo rancak, caritonyo manarik, tapi hargonyo agak maha."
    assert lex.classify(minang).lang == OTHER
    sasak = "Inaq ndeq araq leq bale, ia lalo jok peken lemaq."  # Sasak seeds (in no corpus)
    assert lex.classify(sasak).lang == OTHER
    plain = "Filmnya bagus dan ceritanya menarik, tetapi harga tiketnya sudah naik lagi sejak kemarin."
    assert lex.classify(plain).lang == "id"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(max_codepoint=0x17F, blacklist_characters="\n")),
                max_size=6))
def test_tokenize_lines_is_the_regex(lines: list[str]) -> None:
    """The ASCII fast path splits exactly where TOKEN_RE does (generated lines, ASCII and not)."""
    lowered = [x.lower() for x in lines]
    assert tokenize_lines(lowered) == [TOKEN_RE.findall(x) for x in lowered]
    ascii_only = [x.encode("ascii", "ignore").decode() for x in lowered]
    assert tokenize_lines(ascii_only) == [TOKEN_RE.findall(x) for x in ascii_only]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x17F) | st.sampled_from("\u2019\u201c\u2014\u212a\u00a0\u3000")))
def test_tokenize_is_the_regex(text: str) -> None:
    """``tokenize`` (the id/ms step-back's sample) gives TOKEN_RE's tokens, line breaks and
    ASCII control separators (which ``split()`` also splits on) included: ASCII text, text whose
    only non-ASCII characters are separators (quotes, dashes, the Kelvin sign), or letters."""
    low = text.lower()
    assert tokenize(low) == TOKEN_RE.findall(low)
    ascii_only = low.encode("ascii", "ignore").decode()
    assert tokenize(ascii_only) == TOKEN_RE.findall(ascii_only)
    assert tokenize("a\x1cb\x0bc\nd\te") == ["a", "b", "c", "d", "e"]
    assert tokenize("caf\u00e9 \u201cabc\u201d\u2014d x\u00f7y") == ["caf\u00e9", "abc", "d", "x", "y"]


_LINE_WORDS = ["yang", "dan", "kerana", "karena", "ora", "teu", "the", "rumah", "sakit", "akhir",
               "pekan", "kagak", "rumahnye", "kampanye", "pêrnah", "dheweke", "x", "ulun", "sane",
               "televisyen", "televisi", "1,5", ".", "—", "É",
               # Betawi register words (count only >= 3 to a line) and affix forms (session 6)
               "jia", "ama", "aer", "tadapat", "anakne",
               # generated -nyo and -akan forms, Sasak seeds (session 7)
               "barangnyo", "donyo", "manaikakan", "ndeq", "leq"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LINE_WORDS), max_size=12).map(" ".join), max_size=8))
def test_lines_columns_equal_per_line_evidence_and_decision(lines: list[str]) -> None:
    """The document path (all lines at once, in columns) gives, float for float, what
    evidence() + decide() give line by line: the step's outputs rest on this."""
    lex = get_lexicon()
    lowered = [x.lower() for x in lines]
    cols = lex.lines(lowered)
    for i, low in enumerate(lowered):
        ev = lex.evidence(low)
        got = (cols.idms[i], cols.mly[i], cols.jv[i], cols.su[i], cols.en[i], cols.rg[i],
               cols.tokens[i])
        assert got == (ev.idms, ev.mly, ev.jv, ev.su, ev.en, ev.rg, ev.tokens)
        v = lex.decide(ev)
        assert (cols.langs[i], cols.scores[i], cols.log_odds[i], cols.hits[i]) == (
            v.lang, v.score, v.idms, v.hits)
    rows = list(range(len(lowered)))
    total = Evidence()
    for low in lowered:
        total.add(lex.evidence(low))
    assert cols.total(rows) == total


_NO_TOKEN_LINES = ["中", "語", "😀", "١٢٣", "ከ", "\ud800", "42", "—", "ꀀ", "ᐁ"]
# lines no table knows (random letters; "dh" / "eu" / "nye" / "ê" make a line count even so)
_UNKNOWN_LINES = ["qzx", "vbn mkl", "xqj wpt zzv qqk jjw kkp", "dhq", "zeu", "qnye x", "êx",
                  "Ꮚ qzx", "x y z w v u t"]


def _per_line(lowered: list[str]) -> list[tuple]:
    """Every column's value of every line, scored one line at a time (the reference)."""
    lex = get_lexicon()
    out = []
    for low in lowered:
        ev = lex.evidence(low)
        v = lex.decide(ev)
        out.append((ev.idms, ev.mly, ev.jv, ev.su, ev.en, ev.rg, ev.tokens,
                    v.lang, v.score, v.idms, v.hits))
    return out


_NAMES = ("idms", "mly", "jv", "su", "en", "rg", "tokens", "langs", "scores", "log_odds", "hits")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LINE_WORDS), min_size=1, max_size=8).map(" ".join),
                max_size=30),
       st.lists(st.sampled_from(_NO_TOKEN_LINES + _UNKNOWN_LINES), min_size=64, max_size=200),
       st.randoms(use_true_random=False))
def test_indexed_lines_equal_scoring_every_line(
    worded: list[str], other: list[str], rng
) -> None:
    """Pages of many lines (repeated ones, lines without tokens, lines of unknown words) score
    each distinct line with evidence once and share one row per token count among the rest:
    line for line, value for value (and type), what scoring each line alone gives; the summed
    evidence too."""
    lines = worded + other
    rng.shuffle(lines)
    lowered = [x.lower() for x in lines]
    lex = get_lexicon()
    cols, row = lex.indexed_lines(lowered)
    if len(lowered) >= 64 and other:
        assert row is not None and len(cols.tokens) < len(lowered)  # the shortcut is taken
    got = lex.lines(lowered)
    want = _per_line(lowered)
    for k, name in enumerate(_NAMES):
        a, b = getattr(got, name), [w[k] for w in want]
        assert a == b and list(map(type, a)) == list(map(type, b)), name
    rows = list(range(len(lowered)))
    total = Evidence()
    for low in lowered:
        total.add(lex.evidence(low))
    assert got.total(rows) == total
    if row is not None:
        assert cols.total(row) == total
        fams = rows[::2]
        assert cols.total([row[i] for i in fams]) == got.total(fams)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LINE_WORDS), min_size=1, max_size=8).map(" ".join),
                min_size=1, max_size=12),
       st.integers(0, 150), st.lists(st.sampled_from(_NO_TOKEN_LINES + _UNKNOWN_LINES),
                                     max_size=40),
       st.randoms(use_true_random=False))
def test_repeated_lines_equal_scoring_every_line(
    distinct: list[str], n: int, other: list[str], rng
) -> None:
    """Pages of few distinct lines repeated (with or without lines of no evidence, short or
    long): every line's values equal scoring it alone."""
    lines = [rng.choice(distinct) for _ in range(n)] + other
    rng.shuffle(lines)
    lowered = [x.lower() for x in lines]
    got = get_lexicon().lines(lowered)
    want = _per_line(lowered)
    for k, name in enumerate(_NAMES):
        a, b = getattr(got, name), [w[k] for w in want]
        assert a == b and list(map(type, a)) == list(map(type, b)), name


def test_tokenize_skips_tokenless_lines_on_short_line_pages() -> None:
    """On a page of many short lines mostly without a token, only the worded lines are run
    through the regex; the tokens are the regex's all the same."""
    from saring.langid import lexicon as lx

    lowered = [*(_NO_TOKEN_LINES * 10), "rumah sakit", "ꀀ yang"]
    joined = "\n".join(lowered)
    assert lx._worded_rows(lowered, joined) == [len(lowered) - 2, len(lowered) - 1]
    assert tokenize_lines(lowered) == [TOKEN_RE.findall(x) for x in lowered]


def test_the_path_asked_for_runs(langid_path: str, lex: Lexicon) -> None:  # noqa: F811
    """The compiled run scores with the kernel; the pure run with the reference code alone."""
    from saring.langid import lexicon as lx

    compiled_path = langid_path == "compiled"
    assert (lex._scanner is not None) is compiled_path
    assert (lex._decider is not None) is compiled_path
    assert (lx._KERNEL is not None) is compiled_path
