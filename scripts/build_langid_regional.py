"""Generate ``src/saring/data/langid/regional.tsv``: words of regional languages outside our five.

Why: the lexicon's function words cover Indonesian/Malay, Javanese, Sundanese and English only.
Minangkabau, Madurese, Balinese, Acehnese, Banjar, Buginese, Makassarese, Batak, Betawi, ...
share many of those words (Minangkabau is Malayic, Madurese and Balinese borrow Javanese) and were
labelled id/jv/su with confidence >= 0.5. A word that is common in one of these languages and
(nearly) absent from our five languages is evidence for "another language" (family ``rg``).

Source: the *tune* half (``evaluation.langid.sets.split_of``) of the NusaWrites regional
paragraphs and the parallel sentences (NusaX / FLORES); the reference languages' tune halves and
wordfreq (id, ms, en) veto words that also occur there. The *eval* half is never read here.
Only the words are written (one per row with the languages they were found in), no text.

Seeds (issue 17, session 4): ``scripts/langid_regional_seeds.py`` holds hand-written function
words of each language. A seed is kept when at most ``SEED_MAX_REF_SHARE`` of any reference
language's tune texts (and of the Indonesian tweets' tune half: informal Indonesian) contain it,
at most ``SEED_MAX_IDMS_TEXTS`` Indonesian (tweets included) and Malay tune texts, and wordfreq's id/ms Zipf is
<= ``SEED_MAX_ZIPF`` and its en Zipf <= ``SEED_MAX_EN_ZIPF``.
Seeds that wordfreq's id/ms lists contain at all (Zipf >= ``STRONG_ZIPF``) are written with class
``weak`` (``Params.regional_weak_weight`` hits instead of ``regional_weight``): Banjar ``kada`` and
Minangkabau ``ambo`` are rare in Indonesian, not absent.

Session 12 (langid10): a mined word that is an Indonesian word + ``-nya`` (``sambalnya``,
``hawanya``, ``wadahnya``: from Banjar review sentences) is not mined
(``build_langid_idms.indonesian_nya``): Indonesian writes it as often, and one such word made a
three-word Indonesian review line ``other`` at 1.00.

Usage: python scripts/build_langid_regional.py
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

from saring.langid.lexicon import TOKEN_RE, load_markers

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_langid_idms import indonesian_nya  # noqa: E402
from langid_regional_seeds import MORE, REGISTER, SEEDS  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import sets as E  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "saring" / "data" / "langid" / "regional.tsv"
REFERENCE = ("id", "ms", "jv", "su", "en")
MIN_DF = 3  # documents of the regional language containing the word
MIN_SHARE = 0.01  # ... and at least this share of that language's documents
# A mined word found in more of the Indonesian tweets' tune texts than this is written with class
# ``register`` (counted only several to a line) instead of ``mined`` (session 8): the regional
# paragraphs' Betawi/Musi register shares informal Jakarta Indonesian (`nyiapin`, `dilakuin`,
# `walopun`, `gedeg`), and one such word cost a 65-word Indonesian tweet thread its `id` (0.52 ->
# 0.49: the calibration's regional-share term is steep), while a Betawi paragraph holds several.
MINED_MAX_TWEETS = 0
MAX_REF_SHARE = 0.0005  # share of any reference language's documents allowed to contain it
MAX_ZIPF = 2.5  # wordfreq frequency in id / ms / en above which the word is common there
MIN_LEN = 3
SEED_MAX_REF_SHARE = 0.002  # a hand-written seed may occur in up to 0.2% of reference texts
# ... and in at most this many Indonesian + Malay tune texts (~127k, tweets included): the share
# alone let through the interjection "woe" (Acehnese "go home") of Indonesian tweets,
# place names that Indonesian news about Aceh or Bali writes (Gampong, Krueng, Tukad, Pura Ulun
# Danu) and Malay headline words (lakar, rancak), which then made such lines "other"
SEED_MAX_IDMS_TEXTS = 2
SEED_MAX_ZIPF = 4.0  # ... and be rare in wordfreq's id / ms lists
SEED_MAX_EN_ZIPF = 4.0
STRONG_ZIPF = 3.0  # wordfreq's small lists start near 3.0: a seed below is absent from id/ms
# Register words (class ``register``, session 6): mined from the Betawi tune texts (>= REG_MIN_DF
# texts and >= REG_MIN_SHARE of them) or seeded by hand (REGISTER); kept when Indonesian
# paragraphs/sentences (news, fact-checks, abstracts: the standard register) hold them in at
# most REG_MAX_ID_SHARE of texts, the tweets in at most REG_MAX_TWEET_SHARE (they count only
# several to a line, so a tweet's occasional "kagak" is allowed), Malay/Javanese/Sundanese/English
# in at most REG_MAX_OTHER_SHARE. A mined word (not seeded) must also be absent from wordfreq's
# id/ms lists (Zipf < STRONG_ZIPF): the Betawi tune texts are few (169) and topical, and mining
# alone let through standard words of their topics (muntah, ranjang, serangga, busuk).
REG_LANGS = ("bew",)
REG_MIN_DF = 4
REG_MIN_SHARE = 0.02
REG_MAX_ID_SHARE = 0.0003
REG_MAX_TWEET_SHARE = 0.01
REG_MAX_OTHER_SHARE = 0.005
TWEETS = "id_tweets_indolem.jsonl.gz"


def _doc_freqs(split: str) -> tuple[dict[str, Counter[str]], Counter[str]]:
    df: dict[str, Counter[str]] = defaultdict(Counter)
    n: Counter[str] = Counter()
    samples = E.paragraph_set(split) + E.sentence_set(split)
    for s in samples:
        n[s.gold] += 1
        df[s.gold].update(set(TOKEN_RE.findall(s.text.lower())))
    return df, n


def _tweet_freqs(split: str) -> tuple[Counter[str], int]:
    """Document frequencies of the Indonesian tweets' half: the informal register that the
    paragraph sets (news) lack, where Betawi-looking words would cost most."""
    df: Counter[str] = Counter()
    n = 0
    for r in E.records(TWEETS):
        if E.split_of(r["id"]) == split:
            n += 1
            df.update(set(TOKEN_RE.findall(r["text"].lower())))
    return df, n


def _seeds(df: dict[str, Counter[str]], n: Counter[str], markers: set[str]) -> dict[str, tuple[list[str], str]]:
    """Hand-written seeds that pass the vetoes: word -> (languages, class)."""
    tw, n_tw = _tweet_freqs("tune")
    out: dict[str, tuple[list[str], str]] = {}
    words_of = [(lang, words) for table in (SEEDS, MORE) for lang, words in table.items()]
    for lang, words in words_of:
        for tok in words.split():
            if tok in markers or not TOKEN_RE.fullmatch(tok):
                continue
            shares = [df[r][tok] / max(n[r], 1) for r in REFERENCE] + [tw[tok] / max(n_tw, 1)]
            zid = max(zipf_frequency(tok, w) for w in ("id", "ms"))
            if max(shares) > SEED_MAX_REF_SHARE or zid > SEED_MAX_ZIPF:
                continue
            if df["id"][tok] + df["ms"][tok] + tw[tok] > SEED_MAX_IDMS_TEXTS:
                continue
            if zipf_frequency(tok, "en") > SEED_MAX_EN_ZIPF:
                continue
            langs, _ = out.get(tok, ([], ""))
            out[tok] = ([*langs, lang] if lang not in langs else langs,
                        "weak" if zid >= STRONG_ZIPF else "strong")
    return out


def _register(
    df: dict[str, Counter[str]], n: Counter[str], markers: set[str], taken: set[str]
) -> dict[str, list[str]]:
    """Betawi register words that pass the vetoes: word -> languages (see REG_* above)."""
    tw, n_tw = _tweet_freqs("tune")
    cands: dict[str, list[str]] = defaultdict(list)
    for lang in REG_LANGS:
        for tok, c in df[lang].items():
            if c >= REG_MIN_DF and c / max(n[lang], 1) >= REG_MIN_SHARE and max(
                    zipf_frequency(tok, w) for w in ("id", "ms")) < STRONG_ZIPF:
                cands[tok].append(lang)
        for tok in REGISTER.get(lang, "").split():
            if lang not in cands[tok]:
                cands[tok].append(lang)
    out: dict[str, list[str]] = {}
    for tok, langs in cands.items():
        if tok in markers or tok in taken or len(tok) < MIN_LEN or not TOKEN_RE.fullmatch(tok):
            continue
        if df["id"][tok] / max(n["id"], 1) > REG_MAX_ID_SHARE or tw[tok] / max(n_tw, 1) > REG_MAX_TWEET_SHARE:
            continue
        if any(df[r][tok] / max(n[r], 1) > REG_MAX_OTHER_SHARE for r in ("ms", "jv", "su", "en")):
            continue
        out[tok] = langs
    return out


# Affix spelling (class ``affix``, session 6): Banjar, Minangkabau, Batak, Ngaju (and others)
# have no schwa in the prefixes Indonesian writes with "e": menaikkan -> manaikakan, kejadian ->
# kajadian, pelayanan -> palayanan, terdapat -> tadapat, bermain -> bamain, sebelum -> sabelum.
# Each common Indonesian word (wordfreq's top AFFIX_TOP id words of >= AFFIX_MIN_LEN letters)
# with such a prefix gives its a-prefix form, kept when wordfreq's id/ms/en lists do not know it
# (Zipf < AFFIX_MAX_ZIPF) and not one of our five languages' tune texts nor the tweets' holds it
# (so it is never a Sundanese/Javanese word or a common typo). Generated from Indonesian, so it
# covers words no regional corpus text used; one weak hit each (``Params.regional_weak_weight``).
AFFIX_RULES = (("meng", "mang"), ("meny", "many"), ("mem", "mam"), ("men", "man"), ("me", "ma"),
               ("peng", "pang"), ("peny", "pany"), ("pem", "pam"), ("pen", "pan"), ("pe", "pa"),
               ("ke", "ka"), ("ter", "ta"), ("ber", "ba"), ("se", "sa"))
AFFIX_TOP = 60000
AFFIX_MIN_LEN = 6
AFFIX_MAX_ZIPF = 1.0
# Session 7: the Minangkabau possessive -nyo on common Indonesian words (filmnyo, hotelnyo; a final
# -a also as -o: hargonyo), and the Indonesian suffix -kan written -akan (Banjar, with or without the a-prefix:
# manaikakan, mamuasakan) and di-...-kan written di-...-an (Minangkabau dijadian); same vetoes.
# Balinese writes the definite suffix "-ne" after a consonant (jawabanne, layarne, anakne), where
# Javanese writes "-e" (jawabane) and Indonesian "-nya": consonant-final Indonesian words of
# wordfreq's top SUFFIX_TOP (>= 4 letters) + "ne", same vetoes. On the tune half 90 such forms
# occur in Balinese texts and none in any other language's.
SUFFIX_TOP = 15000


def _affix(
    df: dict[str, Counter[str]], markers: set[str], taken: set[str]
) -> dict[str, str]:
    """a-prefix forms of common Indonesian words, Balinese "-ne", Minangkabau "-nyo" and
    "-akan" / "di-...-an" forms that pass the vetoes: form -> which rule made it."""
    tw, _ = _tweet_freqs("tune")
    out: dict[str, str] = {}

    def admit(v: str, rule: str) -> None:
        """Keep ``v`` unless it is already known, common in wordfreq's id/ms/en, or seen in a
        reference language's tune texts or the Indonesian tweets (the same vetoes for every rule)."""
        if v in markers or v in taken or v in out:
            return
        if max(zipf_frequency(v, lang) for lang in ("id", "ms", "en")) >= AFFIX_MAX_ZIPF:
            return
        if any(df[r][v] for r in REFERENCE) or tw[v]:
            return
        out[v] = rule

    for w in top_n_list("id", AFFIX_TOP):
        if len(w) < AFFIX_MIN_LEN or not TOKEN_RE.fullmatch(w):
            continue
        rule = next(((a, b) for a, b in AFFIX_RULES if w.startswith(a)), None)
        if rule is None:
            continue
        v = rule[1] + w[len(rule[0]):]
        if len(v) >= AFFIX_MIN_LEN:
            admit(v, "prefix")
    for w in top_n_list("id", AFFIX_TOP):
        if len(w) < AFFIX_MIN_LEN + 1 or not TOKEN_RE.fullmatch(w) or not w.endswith("kan") \
                or w.endswith("akan"):
            continue
        rule = next(((a, b) for a, b in AFFIX_RULES if w.startswith(a)), None)
        forms = [w[:-3] + "akan"]  # Banjar: menaikkan -> manaikakan, memuaskan -> mamuasakan
        if w.startswith("di"):
            forms.append(w[:-3] + "an")  # Minangkabau: dijadikan -> dijadian
        if rule is not None:
            forms += [rule[1] + f[len(rule[0]):] for f in forms]
        for v in forms:
            admit(v, "kan")
    for w in top_n_list("id", SUFFIX_TOP):
        if len(w) < 3 or not TOKEN_RE.fullmatch(w):
            continue
        # Minangkabau possessive -nyo (filmnyo), with the final a -> o shift (hargonyo)
        for v in [w + "nyo"] + ([w[:-1] + "onyo"] if w.endswith("a") else []):
            admit(v, "nyo")
    for w in top_n_list("id", SUFFIX_TOP):
        if len(w) >= 4 and TOKEN_RE.fullmatch(w) and w[-1] not in "aiueo":
            admit(w + "ne", "ne")
    return out


def build() -> list[tuple[str, str, str]]:
    df, n = _doc_freqs("tune")
    tw, _ = _tweet_freqs("tune")
    markers = {m.token for m in load_markers()}
    regional = sorted(lang for lang in n if lang not in REFERENCE)
    found: dict[str, list[str]] = defaultdict(list)
    informal: dict[str, list[str]] = defaultdict(list)  # mined, but Indonesian tweets write it
    for lang in regional:
        for tok, c in df[lang].items():
            if c < MIN_DF or c / n[lang] < MIN_SHARE or len(tok) < MIN_LEN or tok in markers:
                continue
            if any(df[r][tok] / max(n[r], 1) > MAX_REF_SHARE for r in REFERENCE):
                continue
            if max(zipf_frequency(tok, w) for w in ("id", "ms", "en")) > MAX_ZIPF or indonesian_nya(tok):
                continue
            (informal if tw[tok] > MINED_MAX_TWEETS else found)[tok].append(lang)
    rows = {tok: (",".join(langs), "mined") for tok, langs in found.items()}
    for tok, (langs, cls) in _seeds(df, n, markers).items():
        mined = found.get(tok, [])
        rows[tok] = (",".join(dict.fromkeys([*mined, *langs])), "mined" if mined else cls)
    for tok, langs in _register(df, n, markers, set(rows)).items():
        rows[tok] = (",".join(langs), "register")
    for tok, langs in informal.items():
        if tok not in rows:
            rows[tok] = (",".join(langs), "register")
    for tok, rule in _affix(df, markers, set(rows)).items():
        rows[tok] = (f"affix-{rule}", "affix")
    return sorted((tok, langs, cls) for tok, (langs, cls) in rows.items())


def main() -> None:
    rows = build()
    header = (
        "# Words of regional languages outside id/ms/jv/su/en (family rg), written by\n"
        "# scripts/build_langid_regional.py from the tune half and the hand-written seeds of\n"
        "# scripts/langid_regional_seeds.py; do not edit by hand. source: mined (corpus tune half),\n"
        "# strong (seed absent from wordfreq id/ms), weak (seed rare in wordfreq id/ms), register\n"
        "# (Betawi register word, counted only several to a line), affix (a-prefix or Balinese\n"
        "# -ne / Minangkabau -nyo form of an Indonesian word, or its -kan written -akan / -an;\n"
        "# langs = affix-prefix / affix-ne / affix-nyo / affix-kan).\n"
        "token\tlangs\tsource\n"
    )
    OUT.write_text(header + "".join(f"{t}\t{langs}\t{c}\n" for t, langs, c in rows), encoding="utf-8")
    per = Counter(lang for _, langs, _ in rows for lang in langs.split(",") if ":" not in lang)
    cls = Counter(c for *_, c in rows)
    print(f"{len(rows)} words -> {OUT}; per language: {dict(sorted(per.items()))}; {dict(cls)}")


if __name__ == "__main__":
    main()
