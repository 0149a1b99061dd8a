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

Usage: python scripts/build_langid_regional.py
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

from saring.langid.lexicon import TOKEN_RE, load_markers

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evaluation/ is not installed
from evaluation.langid import sets as E  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "saring" / "data" / "langid" / "regional.tsv"
REFERENCE = ("id", "ms", "jv", "su", "en")
MIN_DF = 3  # documents of the regional language containing the word
MIN_SHARE = 0.01  # ... and at least this share of that language's documents
MAX_REF_SHARE = 0.0005  # share of any reference language's documents allowed to contain it
MAX_ZIPF = 2.5  # wordfreq frequency in id / ms / en above which the word is common there
MIN_LEN = 3


def _doc_freqs(split: str) -> tuple[dict[str, Counter[str]], Counter[str]]:
    df: dict[str, Counter[str]] = defaultdict(Counter)
    n: Counter[str] = Counter()
    samples = E.paragraph_set(split) + E.sentence_set(split)
    for s in samples:
        n[s.gold] += 1
        df[s.gold].update(set(TOKEN_RE.findall(s.text.lower())))
    return df, n


def build() -> list[tuple[str, str]]:
    df, n = _doc_freqs("tune")
    markers = {m.token for m in load_markers()}
    regional = sorted(lang for lang in n if lang not in REFERENCE)
    found: dict[str, list[str]] = defaultdict(list)
    for lang in regional:
        for tok, c in df[lang].items():
            if c < MIN_DF or c / n[lang] < MIN_SHARE or len(tok) < MIN_LEN or tok in markers:
                continue
            if any(df[r][tok] / max(n[r], 1) > MAX_REF_SHARE for r in REFERENCE):
                continue
            if max(zipf_frequency(tok, w) for w in ("id", "ms", "en")) > MAX_ZIPF:
                continue
            found[tok].append(lang)
    return sorted((tok, ",".join(langs)) for tok, langs in found.items())


def main() -> None:
    rows = build()
    header = (
        "# Words of regional languages outside id/ms/jv/su/en (family rg), written by\n"
        "# scripts/build_langid_regional.py from the tune half; do not edit by hand.\n"
        "token\tlangs\n"
    )
    OUT.write_text(header + "".join(f"{t}\t{langs}\n" for t, langs in rows), encoding="utf-8")
    per = Counter(lang for _, langs in rows for lang in langs.split(","))
    print(f"{len(rows)} words -> {OUT}; per language: {dict(sorted(per.items()))}")


if __name__ == "__main__":
    main()
