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

Session 11 (langid9): **sound-change forms** (language ``min``: Minangkabau, and Musi/Palembang for
the final -o). Minangkabau writes Indonesian words with regular ending changes (``apa`` ->
``apo``, ``kemana`` -> ``kemano``, ``tidur`` -> ``tidua``, ``malas`` -> ``maleh``, ``selamat`` ->
``salamaik``, ``terus`` -> ``taruih``), most too rare in the tune texts to be mined. For the
``DERIVE_TOP`` most frequent wordfreq id words (Zipf >= ``DERIVE_MIN_ZIPF``) the changed form is
kept when it has >= ``DERIVE_MIN_LEN`` letters, passes the vetoes above (id/ms/en tune shares, no
tune tweet), no more than ``MAX_JVSU_SHARE`` of the jv/su tune texts write it (Javanese writes
``opo``, ``sopo``), and wordfreq id/ms/en know it at most at Zipf ``DERIVE_MAX_ZIPF``. These need
no regional text: the table generalizes by rule, not by corpus.

Session 12 (langid10): **schwa-less forms** (language ``bjn``; ``min`` when an ending changes
too). Banjar and Minangkabau have no schwa: they write an Indonesian word's ``e`` as ``a`` and its
``ber-`` / ``ter-`` / ``per-`` prefix as ``ba-`` / ``ta-`` / ``pa-`` (``bergerak`` -> ``bagarak``,
``bertempat`` -> ``batampat``, ``penghubung`` -> ``panghubung``, ``tengah`` -> ``tangah``;
Minangkabau then changes the ending: ``selamat`` -> ``salamaik``). The same frequent wordfreq id
words give these forms (>= ``SCHWA_MIN_LEN`` letters, source words English writes less than
Zipf ``SCHWA_MAX_EN_ZIPF``), kept under the same vetoes as the sound-change forms.
And a **-nya veto**: a word written as an Indonesian word of >= ``NYA_MIN_STEM`` letters (wordfreq
id Zipf >= ``NYA_STEM_ZIPF``, ``NYA_EN_MARGIN`` above its English Zipf) plus ``-nya`` is no
regional evidence, mined or derived
(``porsinya``, ``sambalnya``, ``mienya`` came from Banjar review sentences; Indonesian writes them
just as often, and the single-word tier stepped back Indonesian lines holding one).

Session 13 (langid11): words held by only ``RARE_MIN_DF`` (2) of a language's tune texts are
kept when wordfreq's id/ms/en lists do not know them (Zipf < ``IDMS_STRONG_ZIPF``: Ngaju
``nampara``, ``duhup``, Madurese ``sapatu``: below ``MIN_DF`` but no other language's word); and
a fourth column, ``strong`` (1: wordfreq's id/ms lists do not know the word and it is no such
rare word, and a derived form only when its language's tune texts write it: ``salamaik``,
``tangah``, ``troeh``; 0: ``limo``, ``mangkat``, ``bana``, the rare words, among which foreign
words of parallel sentences, ``seafoodnya``, ``hesperonychus``, and derived forms no regional text
writes, ``kajari`` < ``kejari``, an Indonesian acronym), for the step-back's one-word tier in
11-15 words. Chosen on the tune half by cross-fitting (evidence
of one fold, texts of the other): the rare words step back 2 more regional verdicts >= 0.5 and no
gold text; all rare words (``MIN_DF`` = 2 alone) 2 gold sentences more (``penyok``, ``siomay``:
wordfreq knows them); rare words counted strong 2 gold sentences more.

Session 13 (langid11), second turn: a second table, ``idms_weak.tsv``: **weak words**, frequent
in a regional language's tune texts (>= ``WEAK_MIN_DF`` texts, >= ``WEAK_MIN_SHARE`` of them),
written by Indonesian tweets too but ``WEAK_MIN_RATIO`` times less often (share of the language's
texts over share of the tweets, one tweet at least), hardly by the Indonesian, Malay or English
tune texts (``WEAK_MAX_ID_SHARE``, ...), wordfreq id Zipf <= ``WEAK_MAX_ZIPF`` (Musi ``dio``,
``galak``, ``nian``, ``balek``, ``pegi``, ``kecik``: Palembang speakers tweet in Indonesian too).
One such word is no evidence; the step-back's weak tier asks for two distinct ones (or one and
an evidence word) in a line of <= 10 words. Why the ratio: the Musi and Betawi paragraphs write
much informal Indonesian (``kemaren``, ``denger``, ``seneng``, ``ngasih``: ratio 10-23); with
the tweet bound alone (<= 1% of them) 149 of 36,571 ten-word pieces of the Indonesian tune tweets
held two distinct words (evidence words alone: 5); with the ratio and the id bound 16 (cross-fit:
lists of one fold, tweets of the other). Cross-fit on the tune half: +1 regional verdict >= 0.5
stepped back, 0 gold texts (without the ratio +2, 0 gold, but lines of 11-12 words cost a gold
sentence and a tweet: ``cewek`` + ``doi``).

And **Betawi -nye forms**: Betawi writes the Indonesian suffix ``-nya`` as ``-nye``
(``pasalnye``, ``setidaknye``, ``digunakannye``); the frequent Indonesian ``-nya`` words give these
forms under the sound-change forms' vetoes (language ``bew``). Tune half: 93 of 169 Betawi texts
hold >= 2 distinct such words, 77 >= 3; of ~15,000 gold id/ms/jv/su/en texts and tweets none holds
two (one tweet holds one). The step-back counts three distinct ones in a longer text as enough.

Usage: python scripts/build_langid_idms.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

from saring.langid.stepback import IDMS_STRONG_ZIPF

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_langid_jvsu as B  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "saring" / "data" / "langid" / "idms_evidence.tsv"
OUT_WEAK = OUT.with_name("idms_weak.tsv")
NOT_REGIONAL = ("id", "ms", "jv", "su", "en", "id_tw")
MIN_DF = 3
RARE_MIN_DF = 2  # session 13: for words wordfreq id/ms/en do not know (< IDMS_STRONG_ZIPF)
MIN_SHARE = 0.002
MIN_LEN = 3
MAX_ID_SHARE = 0.0002
MAX_MS_SHARE = 0.0005
MAX_EN_SHARE = 0.001
MAX_TWEET_TEXTS = 0
MAX_ZIPF = 3.5
# sound-change forms (session 11): Indonesian ending -> Minangkabau ending, first match wins
SOUND_CHANGES = (("at", "aik"), ("ut", "uik"), ("ir", "ia"), ("ur", "ua"), ("as", "eh"),
                 ("is", "ih"), ("us", "uih"), ("a", "o"))
DERIVE_TOP = 20000
DERIVE_MIN_ZIPF = 3.0
DERIVE_MIN_LEN = 4
DERIVE_MAX_ZIPF = 2.0
MAX_JVSU_SHARE = 0.001
# schwa-less forms and the -nya veto (session 12)
SCHWA_PREFIXES = (("ber", "ba"), ("ter", "ta"), ("per", "pa"))
SCHWA_MIN_LEN = 5  # shorter forms are too often other words (``haat``, ``acho``)
SCHWA_MAX_EN_ZIPF = 3.0  # English source words (``blue``, ``complete``) have no Banjar form
NYA_MIN_STEM = 3
NYA_STEM_ZIPF = 3.5
NYA_EN_MARGIN = 0.25
# weak words (session 13, second turn)
WEAK_MIN_DF = 5
WEAK_MIN_SHARE = 0.01
WEAK_MIN_LEN = 2
WEAK_MIN_RATIO = 100.0
WEAK_MAX_ID_SHARE = 0.0001
WEAK_MAX_MS_SHARE = 0.001
WEAK_MAX_ZIPF = 4.5


def build(df: dict[str, Counter[str]], n: Counter[str]) -> list[tuple[str, str, float, bool]]:
    """(token, regional language, share of its tune texts, strong) rows, sorted; a word several
    regional languages write is kept once, for the language whose texts hold it most often; then
    the sound-change forms not mined already. ``strong``: wordfreq id/ms do not know it and it is
    no rare word (see ``RARE_MIN_DF``) nor a derived form no tune text of its language writes."""
    best: dict[str, tuple[float, str, bool]] = {}
    for lang in (g for g in n if g not in NOT_REGIONAL):
        for tok, c in df[lang].items():
            share = c / n[lang]
            if c < RARE_MIN_DF or share < MIN_SHARE or len(tok) < MIN_LEN or share <= best.get(tok, (0.0,))[0]:
                continue
            if vetoed(tok, df, n) or (c < MIN_DF and not unknown(tok)):
                continue
            if id_zipf(tok) > MAX_ZIPF or indonesian_nya(tok):
                continue
            best[tok] = (share, lang, c >= MIN_DF and id_zipf(tok) < IDMS_STRONG_ZIPF)
    for tok, (share, lang) in derived(df, n).items():
        best.setdefault(tok, (share, lang, share > 0 and id_zipf(tok) < IDMS_STRONG_ZIPF))
    return sorted((tok, lang, share, strong) for tok, (share, lang, strong) in best.items())


def weak(df: dict[str, Counter[str]], n: Counter[str], evidence: set[str]) -> list[tuple[str, str, float]]:
    """(token, regional language, share of its tune texts) rows of the weak words (module
    docstring), sorted; words of ``evidence`` are left out (they count on their own)."""
    best: dict[str, tuple[float, str]] = {}
    for lang in (g for g in n if g not in NOT_REGIONAL):
        for tok, c in df[lang].items():
            share = c / n[lang]
            if c < WEAK_MIN_DF or share < WEAK_MIN_SHARE or len(tok) < WEAK_MIN_LEN or not tok.isalpha():
                continue
            if tok in evidence or share <= best.get(tok, (0.0,))[0]:
                continue
            if (df["id"][tok] / n["id"] > WEAK_MAX_ID_SHARE or df["ms"][tok] / n["ms"] > WEAK_MAX_MS_SHARE
                    or df["en"][tok] / n["en"] > MAX_EN_SHARE
                    or share < WEAK_MIN_RATIO * max(df["id_tw"][tok], 1) / n["id_tw"]):
                continue
            if zipf_frequency(tok, "id") > WEAK_MAX_ZIPF:
                continue
            best[tok] = (share, lang)
    return sorted((tok, lang, share) for tok, (share, lang) in best.items())


def unknown(tok: str) -> bool:
    """True when wordfreq's id, ms and en lists do not know ``tok`` (Zipf < IDMS_STRONG_ZIPF)."""
    return max(zipf_frequency(tok, lg) for lg in ("id", "ms", "en")) < IDMS_STRONG_ZIPF


def id_zipf(tok: str) -> float:
    """wordfreq's id/ms Zipf of ``tok``, the higher."""
    return max(zipf_frequency(tok, "id"), zipf_frequency(tok, "ms"))


def sound_change(word: str) -> str | None:
    """``word`` with its ending changed the Minangkabau way, or None (no rule, stem too short)."""
    for ind, reg in SOUND_CHANGES:
        if word.endswith(ind) and len(word) - len(ind) >= 2:
            return word[: -len(ind)] + reg
    return None


def schwa_less(word: str) -> list[str]:
    """``word`` written without the schwa (Banjar/Minangkabau: ``e`` -> ``a``; and, when it
    starts with ``ber-`` / ``ter-`` / ``per-``, that prefix as ``ba-`` / ``ta-`` / ``pa-``: both
    forms, as the letters may be the root's, ``perempuan`` -> ``parampuan``); [] when nothing
    changes."""
    out = [word.replace("e", "a")]
    for ind, reg in SCHWA_PREFIXES:
        if word.startswith(ind) and len(word) - len(ind) >= 3:
            out.append(reg + word[len(ind):].replace("e", "a"))
            break
    return [f for f in dict.fromkeys(out) if f != word]


def indonesian_nya(tok: str) -> bool:
    """True when ``tok`` is an Indonesian word of >= NYA_MIN_STEM letters + ``-nya``: wordfreq id
    Zipf >= NYA_STEM_ZIPF and NYA_EN_MARGIN above its English Zipf (``ben``, ``ban`` are names
    and English in Indonesian web text: Madurese ``bennya'``, ``bannya'`` = many stay evidence)."""
    stem = tok[:-3]
    if not tok.endswith("nya") or len(stem) < NYA_MIN_STEM:
        return False
    zid = zipf_frequency(stem, "id")
    return zid >= NYA_STEM_ZIPF and zid - zipf_frequency(stem, "en") >= NYA_EN_MARGIN


def vetoed(tok: str, df: dict[str, Counter[str]], n: Counter[str]) -> bool:
    """True when Indonesian, Malay or English tune texts (or any Indonesian tune tweet) write
    ``tok`` more than the limits above allow."""
    return (df["id"][tok] / n["id"] > MAX_ID_SHARE or df["ms"][tok] / n["ms"] > MAX_MS_SHARE
            or df["en"][tok] / n["en"] > MAX_EN_SHARE or df["id_tw"][tok] > MAX_TWEET_TEXTS)


def forms(word: str) -> list[tuple[str, str]]:
    """(form, language) pairs derived from an Indonesian word: its Minangkabau ending change,
    its Betawi ``-nye`` form (``setidaknya`` -> ``setidaknye``), its schwa-less form (Banjar)
    and that form's ending change (Minangkabau)."""
    out = []
    changed = sound_change(word)
    if changed is not None:
        out.append((changed, "min"))
    if word.endswith("nya") and len(word) - 3 >= NYA_MIN_STEM:  # Betawi -nye (session 13)
        out.append((word[:-1] + "e", "bew"))
    if zipf_frequency(word, "en") >= SCHWA_MAX_EN_ZIPF:
        return out
    for bare in schwa_less(word):
        if len(bare) < SCHWA_MIN_LEN:
            continue
        out.append((bare, "bjn"))
        both = sound_change(bare)
        if both is not None:
            out.append((both, "min"))
    return out


def derived(df: dict[str, Counter[str]], n: Counter[str]) -> dict[str, tuple[float, str]]:
    """Sound-change and schwa-less forms of frequent Indonesian words that Indonesian, Malay,
    English, Javanese and Sundanese do not write (module docstring) -> (share of that language's
    tune texts, language)."""
    out: dict[str, tuple[float, str]] = {}
    for word in top_n_list("id", DERIVE_TOP):
        if not word.isalpha() or zipf_frequency(word, "id") < DERIVE_MIN_ZIPF:
            continue
        for tok, lang in forms(word):
            if tok in out or len(tok) < DERIVE_MIN_LEN or vetoed(tok, df, n) or indonesian_nya(tok):
                continue
            if any(df[g][tok] / max(n[g], 1) > MAX_JVSU_SHARE for g in ("jv", "su")):
                continue
            if max(zipf_frequency(tok, lg) for lg in ("id", "ms", "en")) > DERIVE_MAX_ZIPF:
                continue
            out[tok] = (df[lang][tok] / max(n[lang], 1), lang)
    return out


def main() -> None:
    df, n = B.doc_freqs()
    rows = build(df, n)
    header = (
        "# Regional-language evidence for the id/ms step-back, written by\n"
        "# scripts/build_langid_idms.py from the corpora's tune half (NusaParagraph, NusaX,\n"
        "# FLORES-200: CC BY-SA 4.0), vetoed by the id/ms/en tune texts, the Indonesian tweets and\n"
        "# wordfreq id/ms (CC BY-SA 4.0); do not edit by hand. share = share of that language's\n"
        "# tune texts holding the word; strong = 1 when wordfreq id/ms do not know it (no rare word).\n"
        "token\tlang\tshare\tstrong\n"
    )
    OUT.write_text(header + "".join(f"{t}\t{lang}\t{s:.5f}\t{int(k)}\n" for t, lang, s, k in rows), encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}; {dict(Counter(lang for _, lang, _, _ in rows))}; tune texts: {dict(n)}")
    weak_rows = weak(df, n, {r[0] for r in rows})
    OUT_WEAK.write_text(
        "# Weak regional words for the id/ms step-back's weak tier (two in a line of <= 10 words),\n"
        "# written by scripts/build_langid_idms.py from the corpora's tune half (as idms_evidence.tsv);\n"
        "# do not edit by hand. share = share of that language's tune texts holding the word.\n"
        "token\tlang\tshare\n" + "".join(f"{t}\t{lang}\t{s:.5f}\n" for t, lang, s in weak_rows), encoding="utf-8")
    print(f"{len(weak_rows)} weak words -> {OUT_WEAK}; {dict(Counter(lang for _, lang, _ in weak_rows))}")


if __name__ == "__main__":
    main()
