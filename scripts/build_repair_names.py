"""Build the corpus-derived name lists of the repair step (``src/saring/data/repair/``).

Two lists of *word statistics* (never text) derived from the shared corpora, when present:

* ``names_corpus.tsv``: capitalised tokens seen mid-sentence (not after ``.``, ``!``, ``?``, a
  quote, a bracket or a line start), with their mid-sentence capitalised count, the number of
  documents and the number of lower-case occurrences. A token kept here is a name or a title word
  that writers use (``Herlambang``, ``Prakerja``, ``Telkomsel``, ``Subianto``); the repair step
  never splits such a token as a whole and takes its left part as a known name. Kept: seen >= 3
  times capitalised mid-sentence in >= 2 documents. Single tokens only (no person's full name).
* ``head_nouns.tsv``: lower-case words with how often they are followed, within their noun
  phrase, by a capitalised name (``direktur | keuangan Bank``, ``pelatih | Persib``). The glued
  word of a translated possessive link is such a head (``X's director`` -> ``direktur X``);
  syllables that names end in (``ambang``, ``rawan``, ``putih``) rarely are.

Sources (IndoSum dev and detik are left out on purpose: the repair benchmark counts false edits on
them; the hoax/fact-check corpus is the held-out source of the generated benchmark):
``id_news_gikirima_multioutlet``, ``id_news_github_scrapes`` (news), ``id_en_thesis_abstracts``
(universities, agencies, places), ``id_tweets_indolem`` (people, parties, brands). The legal corpus
is lower-cased and useless here.

Run: ``python scripts/build_repair_names.py`` (about a minute); ``--wordfreq-tokens`` rebuilds only
``wordfreq_tokens.txt`` (after a change to the name splitter).
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "saring" / "data" / "repair"
CORPORA = REPO.parent / "shared" / "corpora"
SOURCES = [
    "id_news_gikirima_multioutlet.jsonl.gz",
    "id_news_github_scrapes.jsonl.gz",
    "id_en_thesis_abstracts.jsonl.gz",
    "id_tweets_indolem.jsonl.gz",
]
TOKEN = re.compile(r"(?<![\w@#/.\-'’])[A-Za-z]+(?![\w@\-'’])(?!\.[A-Za-z0-9])")
INITIAL = frozenset(".!?\n\"“”'‘’([:;•*-–—|")
CAP = re.compile(r"[A-Z][a-z]+")
LOW = re.compile(r"[a-z]+")
MIN_CAP, MIN_DOCS = 3, 2
# capitalised words after a word that are not names: currency, days, months ("sebesar Rp",
# "hari Senin", "bulan Januari")
NOT_NAMES = frozenset(
    "rp usd idr senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni"
    " juli agustus september oktober november desember wib wita wit".split())


def corpus_records(used: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every record of ``SOURCES`` under ``CORPORA``, file by file (absent files are reported and
    skipped; the names of those read are appended to ``used``). Shared by the repair build scripts."""
    for name in SOURCES:
        path = CORPORA / name
        if not path.exists():
            print(f"skipped (absent): {name}")
            continue
        if used is not None:
            used.append(name)
        with gzip.open(path, "rb") as f:
            yield from map(orjson.loads, f)


def _initial(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in INITIAL


def scan(text: str, cap: Counter, low: Counter, docs: Counter, head_n: Counter,
         head_k: Counter, stop: frozenset[str]) -> None:
    """Count one document's capitalised and lower-case tokens and head-before-name pairs."""
    seen: set[str] = set()
    toks = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    for j, (w, s, e) in enumerate(toks):
        if CAP.fullmatch(w):
            if not _initial(text, s):
                cap[w] += 1
                seen.add(w)
        elif LOW.fullmatch(w):
            low[w] += 1
            if w in stop or len(w) < 3:
                continue
            head_n[w] += 1
            # the noun phrase: at most one lower-case modifier, then a mid-sentence name
            k, end = j + 1, e
            for _ in range(2):
                if k >= len(toks) or text[end : toks[k][1]] != " ":
                    break
                nw = toks[k][0]
                if nw[0].isupper():
                    if (CAP.fullmatch(nw) or nw.isupper()) and len(nw) >= 3 and nw.lower() not in NOT_NAMES:
                        head_k[w] += 1
                    break
                if nw in stop:
                    break
                end = toks[k][2]
                k += 1
    docs.update(seen)


def main() -> None:
    stop = frozenset(
        ln.strip() for ln in (OUT / "stop.txt").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    )
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    head_n: Counter[str] = Counter()
    head_k: Counter[str] = Counter()
    used: list[str] = []
    for r in corpus_records(used):
        if r.get("lang", "id") == "id":
            scan(r["text"], cap, low, docs, head_n, head_k, stop)
    src = ", ".join(used)
    names = sorted(w for w, c in cap.items() if c >= MIN_CAP and docs[w] >= MIN_DOCS)
    (OUT / "names_corpus.tsv").write_text(
        f"# token\tcap_mid\tdocs\tlower: capitalised tokens seen mid-sentence >= {MIN_CAP} times in"
        f" >= {MIN_DOCS} documents; generated by scripts/build_repair_names.py from {src}\n"
        + "".join(f"{w}\t{cap[w]}\t{docs[w]}\t{low.get(w.lower(), 0)}\n" for w in names),
        encoding="utf-8")
    heads = sorted(w for w, n in head_n.items() if n >= 20 and head_k[w] >= 3)
    (OUT / "head_nouns.tsv").write_text(
        "# word\tcount\tbefore_name: lower-case words (seen >= 20 times) and how often a"
        " capitalised name follows within their noun phrase; generated by"
        f" scripts/build_repair_names.py from {src}\n"
        + "".join(f"{w}\t{head_n[w]}\t{head_k[w]}\n" for w in heads), encoding="utf-8")
    n_words = write_wordfreq_tokens()
    print(f"names_corpus {len(names)}  head_nouns {len(heads)}  wordfreq_tokens {n_words}  from {src}")


def write_wordfreq_tokens() -> int:
    """``wordfreq_tokens.txt``: words wordfreq knows (en, ms, id; Zipf >= 1.0) that the repair
    name splitter would otherwise split (``Fujifilm`` -> ``Fuji|film``, ``Lucasfilm``): a word
    the world writes is not glue. Built after the lists above (the splitter reads them)."""
    import wordfreq

    from saring.repair import names
    from saring.repair.resources import load_resources

    load_resources.cache_clear()
    res = load_resources()
    out = set()
    for lang in ("en", "ms", "id"):
        for w, _f in wordfreq.get_frequency_dict(lang).items():
            if len(w) >= 7 and w.isalpha() and w.isascii() and wordfreq.zipf_frequency(w, lang) >= 1.0:
                cap = w[:1].upper() + w[1:]
                if not res.known(cap) and names._split(cap, res):
                    out.add(w)
    (OUT / "wordfreq_tokens.txt").write_text(
        "# words wordfreq (en, ms, id; Zipf >= 1.0) knows that the repair name splitter would"
        " split: never glue. Generated by scripts/build_repair_names.py\n"
        + "".join(w + "\n" for w in sorted(out)), encoding="utf-8")
    return len(out)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--wordfreq-tokens"]:  # only the last list (after a splitter change)
        print("wordfreq_tokens", write_wordfreq_tokens())
    else:
        main()
