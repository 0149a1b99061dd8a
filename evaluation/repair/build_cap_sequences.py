"""Build ``src/saring/data/repair/cap_sequences.txt``: capitalised name sequences that end in an ordinary word.

A multi-word name whose last word is an ordinary adjective or noun (``Pasar Tanah Abang``, ``Toko
Sinar Terang``) is often written with that word joined (``Tanahabang``, ``Sinarterang``); the rules
can read the joined token as a name glued to a lower-case head (``Pasar Tanah|abang``). How the
corpora write the pair tells the readings apart: ``Tanah Abang`` capitalised as one name hundreds
of times, ``Tanah abang`` (the name, then the word in lower case) almost never.

Counted on running-text lines only (fewer than half of the words capitalised: title-case headlines
and menus would count every pair), word tokens of letters only, the pair's first word not the
line's first word or after sentence punctuation:
- ``whole``: ``X Y`` both capitalised, ``y`` a known lower-case word (``lexicon_id.tsv``);
- ``split``: ``X y``, the capitalised word followed by the same word in lower case.
Words that open names (offices ``Ketua``, place and body heads ``Kabupaten``, ``Bank``) are never a
kept last word: after a name they open the next one; for the same reason a sequence is kept only
when it ends the name at least half the time (the next word not capitalised: ``Tanah Abang di``,
not ``Indonesia Cabang Surabaya``). Kept: ``whole >= MIN_WHOLE`` in ``>= MIN_DOCS`` documents and ``whole >= RATIO * split`` (the corpora write the name whole far more
often than split), as the lower-case pair (``tanah abang``); three-word sequences (``toko sinar
terang``) the same way, kept only when their last two words are not kept as a pair. Sources: the four corpora of ``scripts/build_repair_names.py`` (IndoSum dev
and detik stay out: the repair benchmark counts false edits on them). Word statistics only.
Run: ``python -m evaluation.repair.build_cap_sequences``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "src" / "saring" / "data" / "repair" / "cap_sequences.txt"
LEXICON = REPO / "src" / "saring" / "data" / "repair" / "lexicon_id.tsv"
CORPORA = Path("/work/shared/corpora")
SOURCES = (
    "id_news_gikirima_multioutlet.jsonl.gz",
    "id_news_github_scrapes.jsonl.gz",
    "id_en_thesis_abstracts.jsonl.gz",
    "id_tweets_indolem.jsonl.gz",
)
MIN_WHOLE = 3
MIN_DOCS = 2  # (one article repeating a person's name before an office is no name of its own)
RATIO = 3
TITLES = REPO / "src" / "saring" / "data" / "repair" / "titles.txt"
CAP = re.compile(r"[A-Z][a-z]+")
LOW = re.compile(r"[a-z]+")
TOKEN = re.compile(r"\S+")
ENDS = ".!?:;\"'()[]"


def _lexicon() -> set[str]:
    words = set()
    for ln in LEXICON.read_text(encoding="utf-8").splitlines():
        if ln and not ln.startswith("#"):
            words.add(ln.split("\t", 1)[0])
    return words


def _words(line: str) -> list[str | None]:
    """The line's word tokens; ``None`` marks a sentence or clause boundary (punctuation, a non-word)."""
    out: list[str | None] = []
    for tok in TOKEN.findall(line):
        core = tok.strip(ENDS + ",")
        out.append(core if core.isalpha() else None)
        if core != tok.rstrip(",") or tok.endswith(","):
            out.append(None)
    return out


def _running(words: list[str | None]) -> bool:
    real = [w for w in words if w]
    return len(real) >= 6 and sum(1 for w in real if w[0].isupper()) * 2 < len(real)


def _head_words() -> set[str]:
    """Words that open a name (offices ``ketua``, ``direktur``; place and body heads ``kabupaten``,
    ``pasar``, ``bank``: first words of ``titles.txt``, ``org_heads``,
    ``PLACE_HEADS``): capitalised after a name they open the next one (``Gusrizal Ketua DPRD``,
    ``Lampung Utara Kabupaten ...``), so they are never kept as a name's last word."""
    from saring.repair.resources import PLACE_HEADS, load_resources

    res = load_resources()
    out = {w.lower() for w in (*res.org_heads, *PLACE_HEADS)}
    for ln in TITLES.read_text(encoding="utf-8").splitlines():
        if ln and not ln.startswith("#"):
            out.add(ln.split(" ", 1)[0].lower())
    return out


def count_line(
    words: list[str | None], lex: set[str], whole: Counter, split: Counter, ends: Counter
) -> None:
    """Add one running-text line's pairs and triples to the counts (``whole`` gets each key once per
    call site; the caller counts documents)."""
    for i in range(1, len(words) - 1):
        a, b = words[i], words[i + 1]
        if words[i - 1] is None or not a or not b or not CAP.fullmatch(a):
            continue
        low = b.lower()
        if low not in lex:
            continue
        if CAP.fullmatch(b):
            after = words[i + 2] if i + 2 < len(words) else None
            last = after is None or not after[0].isupper()  # (the name ends at ``b``)
            keys = [f"{a.lower()} {low}"]
            prev = words[i - 1]
            if i >= 2 and words[i - 2] is not None and CAP.fullmatch(prev):
                keys.append(f"{prev.lower()} {a.lower()} {low}")
            for key in keys:
                whole[key] += 1
                ends[key] += last
        elif LOW.fullmatch(b):
            split[f"{a.lower()} {low}"] += 1


def build() -> list[str]:
    lex = _lexicon() - _head_words()
    whole: Counter = Counter()
    split: Counter = Counter()
    docs: Counter = Counter()
    ends: Counter = Counter()
    for name in SOURCES:
        with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
            for raw in fh:
                seen: Counter = Counter()
                for line in json.loads(raw).get("text", "").splitlines():
                    words = _words(line)
                    if _running(words):
                        count_line(words, lex, seen, split, ends)
                whole.update(seen)
                docs.update(seen.keys())
    keep = []
    for key, n in whole.items():
        pair = " ".join(key.split(" ")[-2:])
        if (
            n >= MIN_WHOLE
            and docs[key] >= MIN_DOCS
            and n >= RATIO * split[pair]
            and ends[key] * 2 >= n
        ):
            keep.append(key)
    pairs = {k for k in keep if k.count(" ") == 1}
    return sorted(k for k in keep if k.count(" ") == 1 or " ".join(k.split(" ")[-2:]) not in pairs)


def main() -> None:
    keys = build()
    head = (
        "# capitalised name sequences ending in an ordinary word, lower-cased: written whole (`Tanah Abang`)"
        f" >= {MIN_WHOLE} times in >= {MIN_DOCS} documents and >= {RATIO}x as often as split (`Tanah abang`) in running text;"
        " generated by evaluation/repair/build_cap_sequences.py from " + ", ".join(SOURCES)
    )
    OUT.write_text(head + "\n" + "\n".join(keys) + "\n", encoding="utf-8")
    print(f"{len(keys)} sequences -> {OUT}")


if __name__ == "__main__":
    main()
