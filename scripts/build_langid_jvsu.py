"""Generate ``src/saring/data/langid/jvsu_evidence.tsv``: which Javanese / Sundanese words are
evidence for that language alone, and which function words it shares with the regional languages
(issue 17, session 9: the jv/su step-back).

Why: a Javanese or Sundanese verdict rests on function words and the "dh" / "eu" spellings,
many of which the regional languages write too (Balinese alus ``sampun``, ``nanging``,
``durung``; Madurese ``dhateng``, ``dhari``; Banjar ``mun``, ``ka``; Acehnese "eu"). A regional
sentence holding one or two of them came out jv/su with confidence 0.8-0.9. The step-back
(:mod:`saring.langid.stepback`) asks a jv/su verdict for *distinctive* evidence: words frequent
in real Javanese/Sundanese texts and absent from the regional languages, Indonesian, Malay,
English and the other of the two.

Source (openly licensed, offline): the *tune* half (``evaluation.langid.sets.split_of``) of the
NusaWrites paragraphs (NusaParagraph, CC BY-SA 4.0) and the parallel sentences (NusaX, FLORES-200,
CC BY-SA 4.0; Wikipedia pairs) by their corpus labels, the Indonesian/Malay/English paragraph sets
and the Indonesian tweets' tune half (IndoLEM) as vetoes, and wordfreq's id/ms/en lists (CC BY-SA
4.0; wordfreq has no jv/su lists). The *eval* half is never read here. Only words are written
(with the language and the share of that language's tune texts holding them), no text.

A word is kept for language L (jv or su) when
- >= ``MIN_DF`` of L's tune texts hold it and >= ``MIN_SHARE`` of them;
- every regional language's tune texts hold it in at most ``MAX_REGIONAL_TEXTS`` texts, all of
  them together in at most ``MAX_REGIONAL_TOTAL``;
- Indonesian (paragraphs, sentences), Malay and English tune texts hold it in at most
  ``MAX_REF_SHARE`` of their texts, the Indonesian tweets in at most ``MAX_TWEET_SHARE``, the
  other of jv/su in at most ``MAX_SIBLING_SHARE``;
- wordfreq's id/ms/en Zipf is at most ``MAX_ZIPF``.

Rows, per language L: ``distinctive`` (the words above), ``marker`` (L's function words of
``markers.tsv`` that no regional language writes commonly: clean evidence too) and ``shared`` (L's
function words that some regional language's tune texts hold in >= ``REGIONAL_COMMON_TEXTS`` texts
and >= ``REGIONAL_COMMON_SHARE`` of them: Balinese ``sing``/``lan``/``yen``/``sampun``, Betawi
``ora``, Banjar/Madurese ``mun``, ``ka``).

Usage: python scripts/build_langid_jvsu.py
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

from saring.langid.lexicon import TOKEN_RE, load_markers

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import sets as E  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "saring" / "data" / "langid" / "jvsu_evidence.tsv"
TWEETS = "id_tweets_indolem.jsonl.gz"
TARGETS = ("jv", "su")
REFERENCE = ("id", "ms", "en")
MIN_DF = 3
MIN_SHARE = 0.0005
MAX_REGIONAL_TEXTS = 2  # per regional language (a stray quote or loan tolerated) ...
MAX_REGIONAL_TOTAL = 4  # ... and over all of them
MAX_REF_SHARE = 0.001
MAX_TWEET_SHARE = 0.005  # Indonesian tweets mix in Javanese now and then (``wis``)
MAX_SIBLING_SHARE = 1.0  # no veto: a word of both jv and su is no regional evidence (``rek``)
MAX_ZIPF = 3.0
MIN_LEN = 2
REGIONAL_COMMON_TEXTS = 3
REGIONAL_COMMON_SHARE = 0.01


def doc_freqs(split: str = "tune") -> tuple[dict[str, Counter[str]], Counter[str]]:
    """Per corpus label, how many of the split's texts hold each token (tweets as ``id_tw``)."""
    df: dict[str, Counter[str]] = defaultdict(Counter)
    n: Counter[str] = Counter()
    for s in E.paragraph_set(split) + E.sentence_set(split):
        n[s.gold] += 1
        df[s.gold].update(set(TOKEN_RE.findall(s.text.lower())))
    for r in E.records(TWEETS):
        if E.split_of(r["id"]) == split:
            n["id_tw"] += 1
            df["id_tw"].update(set(TOKEN_RE.findall(r["text"].lower())))
    return df, n


def build(df: dict[str, Counter[str]], n: Counter[str]) -> list[tuple[str, str, str, float]]:
    """(token, language, kind, share of the language's tune texts) rows, sorted."""
    regional = [g for g in n if g not in (*TARGETS, *REFERENCE, "id_tw")]
    rows = {(t, lang): ("distinctive", share) for t, lang, share in distinctive(df, n, regional)}
    for m in load_markers():
        if m.lang not in TARGETS or (m.token, m.lang) in rows:
            continue
        common = any(df[g][m.token] >= REGIONAL_COMMON_TEXTS
                     and df[g][m.token] / n[g] >= REGIONAL_COMMON_SHARE for g in regional)
        rows[m.token, m.lang] = ("shared" if common else "marker", df[m.lang][m.token] / n[m.lang])
    return sorted((t, lang, kind, share) for (t, lang), (kind, share) in rows.items())


def distinctive(
    df: dict[str, Counter[str]], n: Counter[str], regional: list[str]
) -> list[tuple[str, str, float]]:
    """(token, language, share) of the words that pass the rules in the module docstring."""
    rows = []
    for lang in TARGETS:
        sib = "su" if lang == "jv" else "jv"
        for tok, c in df[lang].items():
            share = c / n[lang]
            if c < MIN_DF or share < MIN_SHARE or len(tok) < MIN_LEN:
                continue
            if any(df[g][tok] > MAX_REGIONAL_TEXTS for g in regional) or sum(
                    df[g][tok] for g in regional) > MAX_REGIONAL_TOTAL:
                continue
            if any(df[r][tok] / n[r] > MAX_REF_SHARE for r in REFERENCE):
                continue
            if df["id_tw"][tok] / n["id_tw"] > MAX_TWEET_SHARE:
                continue
            if df[sib][tok] / n[sib] > MAX_SIBLING_SHARE:
                continue
            if max(zipf_frequency(tok, w) for w in REFERENCE) > MAX_ZIPF:
                continue
            rows.append((tok, lang, share))
    return rows


def main() -> None:
    df, n = doc_freqs()
    rows = build(df, n)
    header = (
        "# Javanese / Sundanese evidence for the jv/su step-back, written by\n"
        "# scripts/build_langid_jvsu.py from the corpora's tune half (NusaParagraph, NusaX,\n"
        "# FLORES-200: CC BY-SA 4.0), markers.tsv and wordfreq id/ms/en (CC BY-SA 4.0); do not edit\n"
        "# by hand. kind: distinctive (absent from the regional languages, id/ms/en and the other of\n"
        "# jv/su), marker (function word no regional language writes commonly), shared (function\n"
        "# word common in a regional language). share = share of that language's tune texts.\n"
        "token\tlang\tkind\tshare\n"
    )
    OUT.write_text(header + "".join(f"{t}\t{lang}\t{k}\t{s:.5f}\n" for t, lang, k, s in rows),
                   encoding="utf-8")
    per = Counter((lang, k) for _, lang, k, _ in rows)
    print(f"{len(rows)} words -> {OUT}; {dict(per)}; tune texts: {dict(n)}")


if __name__ == "__main__":
    main()
