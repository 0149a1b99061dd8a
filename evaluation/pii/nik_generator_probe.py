"""A writer's NIK generator in hand-written neutral contexts: which structures are missed (session 19).

Why: every NIK writer G's blind set missed fell in its held-out half, so the dev half held no
miss to read. The generator is the writer's structure, not a context: its values in contexts
written here (none of G's) show whether structure (province, regency, date, layout) or context
loses them. Prints misses by province code, layout and sex (day + 40).

    PYTHONPATH=<tree>/src:<this checkout> python -m evaluation.pii.nik_generator_probe [N]
"""

from __future__ import annotations

import random
import sys
from collections import Counter

CONTEXTS = (
    "{}",
    "Berkas milik Ananta Wiratmaja, {}, sudah diterima.",
    "Kolom isian: {}",
    "Ia menyebut nomor {} saat ditanya petugas.",
    "Tercatat dengan nomor {} di buku tamu.",
    "identitasnya {} kak",
)


def layout(value: str) -> str:
    """``contig``, ``6-6-4`` or ``4-4-4-4`` (the generator's spaced layouts)."""
    if " " not in value:
        return "contig"
    return "6-6-4" if len(value.split()[0]) == 6 else "4-4-4-4"


def probe(n: int) -> Counter:
    """Misses keyed by (province, layout, woman) over ``n`` values in every context."""
    from evaluation.blind20 import pii_blind20 as P
    from saring.pii.detect import Detector

    det = Detector()
    rng = random.Random(7)
    miss: Counter = Counter()
    total = 0
    for _ in range(n):
        value = P.nik(rng)
        d = value.replace(" ", "")
        for ctx in CONTEXTS:
            text = ctx.format(value)
            s = text.index(value)
            total += 1
            if not any(x.type == "nik" and x.start <= s < x.end for x in det.find(text)[0]):
                miss[d[:2], layout(value), int(d[6:8]) > 40] += 1
    print(f"missed {sum(miss.values())} of {total}")
    return miss


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    for key, count in sorted(probe(n).items()):
        print(f"  province {key[0]} {key[1]:8} {'woman' if key[2] else 'man':5} {count}")


if __name__ == "__main__":
    main()
