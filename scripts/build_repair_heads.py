"""Build ``src/saring/data/repair/name_heads.tsv``: common nouns writers capitalise to open names.

A word such as ``pesantren``, ``hotel``, ``bendungan`` or ``serikat`` is a common lower-case noun
that also opens multi-word names (``Pesantren Miftahul Ulum``, ``Hotel Cendana``). At a sentence
start the repair step cannot tell ``Pesantren`` (the name's own first word) from ``Kemarin``
(a word before the name): this list says which capitalised common words are name openers, so a
move of the name never leaves its first word behind (``Pesantren pengasuh Miftahul Ulum ...``).

Word statistics only, never text, from the sources ``build_repair_names.py`` uses (IndoSum and
detik are left out: false edits are counted on them; the hoax corpus is the generated bench's
held-out source): per word, how often it is written capitalised right before another capitalised
word, not at a sentence start (``opens``), its lower-case uses (``lower``) and the number of
documents with such an opening (``docs``). Kept: opens >= 10 in >= 3 documents, lower >= 20 (a
common word), no day or month name. The step reads the rate ``opens / lower`` (see
``resources.parse_data``).

Run: ``python scripts/build_repair_heads.py`` (about 20 s).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from build_repair_names import SOURCES, corpus_records  # the same corpora, read once per script

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "saring" / "data" / "repair" / "name_heads.tsv"
# a capitalised word after a word (not a sentence start), then another capitalised word
OPENER = re.compile(r"(?<=[A-Za-z,] )([A-Z][a-z]{2,}) [A-Z][a-z]")
LOWER = re.compile(r"(?<![\w\-])[a-z]{3,}(?![\w\-])")
NOT_HEADS = frozenset(
    "senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus"
    " september oktober november desember the and of".split())
MIN_OPENS, MIN_DOCS, MIN_LOWER = 10, 3, 20


def main() -> None:
    opens: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for record in corpus_records():
        text = record.get("text") or ""
        found = Counter(m.group(1).lower() for m in OPENER.finditer(text))
        opens.update(found)
        docs.update(found.keys())
        lower.update(LOWER.findall(text))
    rows = sorted(
        (w, n, lower[w], docs[w]) for w, n in opens.items()
        if n >= MIN_OPENS and docs[w] >= MIN_DOCS and lower[w] >= MIN_LOWER and w not in NOT_HEADS)
    head = ("# word\topens (capitalised before a capitalised word, mid-sentence)\tlower-case uses\tdocuments\n"
            "# built by scripts/build_repair_heads.py from " + ", ".join(SOURCES) + "\n")
    OUT.write_text(head + "".join(f"{w}\t{n}\t{lc}\t{d}\n" for w, n, lc, d in rows), encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
