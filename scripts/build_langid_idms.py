"""Generate ``src/saring/data/langid/idms_evidence.tsv``: words that are evidence for a regional
language and not for Indonesian or Malay (issue 17, session 10: the id/ms step-back).

Why: short regional texts (NusaX sentences, code-mixed lines) that keep many Indonesian words come
out Indonesian with confidence 0.5-0.93 (Minangkabau ``manjago``, ``kaluarga``; Banjar ``wayah``,
``kajadian``; Ngaju ``tutu``). The step-back (:mod:`saring.langid.stepback`,
``RegionalEvidence``) lowers such an id/ms verdict below 0.5 when the text holds enough words of
this table.

Source (openly licensed, offline): the *tune* half (``evaluation.langid.sets.split_of``) of the
NusaWrites paragraphs (NusaParagraph, CC BY-SA 4.0) and the parallel sentences (NusaX, FLORES-200,
CC BY-SA 4.0; Wikipedia pairs) by their corpus labels; the Indonesian/Malay/English tune texts and
the Indonesian tweets' tune half (IndoLEM) as vetoes; wordfreq's id/ms lists (CC BY-SA 4.0). The
*eval* half is never read. Only words are written (with the language and the share of its tune
texts holding them), no text. Document frequencies come from ``build_langid_jvsu.doc_freqs``.

A word is kept for regional language R (any corpus label outside id/ms/jv/su/en) when
- >= ``MIN_DF`` of R's tune texts hold it, and >= ``MIN_SHARE`` of them;
- it has >= ``MIN_LEN`` letters;
- Indonesian tune texts hold it in at most ``MAX_ID_SHARE`` of theirs, Malay ``MAX_MS_SHARE``,
  English ``MAX_EN_SHARE``; **no** Indonesian tune tweet holds it (informal Jakarta Indonesian
  writes ``gue``, ``lu``, ``kagak``, ``aja``, which Betawi writes too);
- wordfreq's id/ms Zipf is at most ``MAX_ZIPF``.
Chosen on the tune half by cross-fitting (``evaluation/langid/idms_crossfit.py``): evidence built
on one fold, texts of the other; see the stepback module.

Usage: python scripts/build_langid_idms.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_langid_jvsu as B  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "saring" / "data" / "langid" / "idms_evidence.tsv"
NOT_REGIONAL = ("id", "ms", "jv", "su", "en", "id_tw")
MIN_DF = 3
MIN_SHARE = 0.002
MIN_LEN = 3
MAX_ID_SHARE = 0.0002
MAX_MS_SHARE = 0.0005
MAX_EN_SHARE = 0.001
MAX_TWEET_TEXTS = 0
MAX_ZIPF = 3.5


def build(df: dict[str, Counter[str]], n: Counter[str]) -> list[tuple[str, str, float]]:
    """(token, regional language, share of its tune texts) rows, sorted; a word several regional
    languages write is kept once, for the language whose texts hold it most often."""
    best: dict[str, tuple[float, str]] = {}
    for lang in (g for g in n if g not in NOT_REGIONAL):
        for tok, c in df[lang].items():
            share = c / n[lang]
            if c < MIN_DF or share < MIN_SHARE or len(tok) < MIN_LEN or share <= best.get(tok, (0.0, ""))[0]:
                continue
            if (df["id"][tok] / n["id"] > MAX_ID_SHARE or df["ms"][tok] / n["ms"] > MAX_MS_SHARE
                    or df["en"][tok] / n["en"] > MAX_EN_SHARE or df["id_tw"][tok] > MAX_TWEET_TEXTS):
                continue
            if max(zipf_frequency(tok, "id"), zipf_frequency(tok, "ms")) > MAX_ZIPF:
                continue
            best[tok] = (share, lang)
    return sorted((tok, lang, share) for tok, (share, lang) in best.items())


def main() -> None:
    df, n = B.doc_freqs()
    rows = build(df, n)
    header = (
        "# Regional-language evidence for the id/ms step-back, written by\n"
        "# scripts/build_langid_idms.py from the corpora's tune half (NusaParagraph, NusaX,\n"
        "# FLORES-200: CC BY-SA 4.0), vetoed by the id/ms/en tune texts, the Indonesian tweets and\n"
        "# wordfreq id/ms (CC BY-SA 4.0); do not edit by hand. share = share of that language's\n"
        "# tune texts holding the word.\n"
        "token\tlang\tshare\n"
    )
    OUT.write_text(header + "".join(f"{t}\t{lang}\t{s:.5f}\n" for t, lang, s in rows), encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}; {dict(Counter(lang for _, lang, _ in rows))}; tune texts: {dict(n)}")


if __name__ == "__main__":
    main()
