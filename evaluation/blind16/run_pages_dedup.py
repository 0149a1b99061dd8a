"""Score the blind boilerplate pages and the blind dedup set (session 16, helper blindA) in one table.

    python evaluation/blind16/run_pages_dedup.py [--tree PATH --python PY] [--only pages|dedup]

``--tree`` scores another checkout (e.g. the session-start tree) with this worktree's sets: the
runner re-runs itself with ``PY`` and ``PYTHONPATH=<tree>/src:<tree>``, so the saring code, the
boilerplate scorer (``evaluation/boilerplate/unseen.py``) and the dedup judges
(``evaluation/dedup/syndication*.py``) all come from that tree; only the blind sets and the
runner kit (``evaluation/blindkit``) come from here.

Pages: line precision/recall (furniture positive) and dateline accuracy, by the scorer's own
functions, plus misses per furniture position and kind (no line text). Dedup: every story group
and trap through ``saring run`` (default pipeline) and ``saring dedup``, read back from the
output folders: groups collapsed (exactly one member kept), copies removed, trap groups merged,
and which variant kinds survive. The sets are blind: score them, do not tune rules on them.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # this checkout's kit, whichever tree is scored
from blindkit import dedup, pages  # noqa: E402
from blindkit.tree import load, table_main  # noqa: E402

PAGES = HERE / "boilerplate_blind16.txt"
_CHILD = "SARING_BLIND16_CHILD"

# furniture kinds for the miss summary: first matching cue wins (written for this summary only)
KIND_CUES = (
    (
        "ad/commerce/donation",
        r"ADVERTISEMENT|Advertisement|SCROLL|Beli |Cek Harga|Berlangganan|"
        r"[Dd]onasi|infak|Konsultasi|affiliate|afiliasi|Request|Premium|Buat janji|Cari hotel|Pin gambar",
    ),
    (
        "legal/copyright/disclaimer",
        r"©|Copyright|Hak Cipta|Disclaimer|tanggung jawab|Rights|"
        r"hanya bersifat|bagian dari Grup",
    ),
    (
        "share/follow/subscribe",
        r"Bagikan|Share|Facebook|Twitter|WhatsApp|Follow|Ikuti|Subscribe|"
        r"Google News|Telegram|Instagram|Like|Dengarkan|Saksikan|Dapatkan|Gabung",
    ),
    (
        "related/read-more heading",
        r"^Baca|Terkait|Related|Read|Lainnya|Terpopuler|Terkini|"
        r"Trending|mungkin juga|Rilis Terbaru|Selanjutnya|Tonton|Simak|TERKAIT|Klasemen|Jadwal "
        r"Pertandingan|Referensi",
    ),
    (
        "byline/date/meta",
        r"Penulis|Reporter|Editor|Oleh|Ditulis|^By |WIB|Wartawan|Pewarta|"
        r"Kontributor|Diposting|Posted|Dilihat|Dibaca|views|Views|menit|min read|\b20\d\d\b|"
        r"Ditinjau|Humas|Tim |Admin|Ustaz|Kirim Rilis",
    ),
    ("caption/media", r"Foto|Video|VIDEO|Galeri|Durasi|Klik untuk|Listen|ON AIR|Unduh|PDF"),
    ("tags/labels", r"^Tags?:|^Label|^Topik|^#|^Tag:"),
    (
        "comments/contact",
        r"Komentar|Balasan|email|Email|Alamat|Kontak|Telp|Laporkan|Beri Nilai|"
        r"Bermanfaat|WhatsApp redaksi|Konfirmasi",
    ),
    ("navigation/site name", r" \| | / |»|›|Beranda|Home|•"),
)
KINDS = pages.KindCues(
    KIND_CUES,
    head="site name/section label",
    glued="glued inline read-more",
    follows={k: "related headline" for k in ("related/read-more heading", "related headline")},
)
furniture_kind = KINDS.kind
_kinds = KINDS.kinds


def pages_table(errors: bool) -> list[str]:
    from evaluation.boilerplate import unseen as U

    pgs = U.load(PAGES)
    sc = U.score(pgs)
    rows = [*pages.score_rows(sc), *pages.miss_rows(pgs, sc, _kinds)]
    rows += pages.error_count_rows(sc.errors, " REMOVED")
    if errors:  # labelling checks only: prints page ids and error kinds, never line text
        missed = {(e.split()[0], e.split()[1]) for e in sc.errors}
        rows += [f"|   | {a} {b} |  |" for a, b in sorted(missed)]
    return rows


def dedup_table(_errors: bool = False) -> list[str]:
    D = load("dedup_blind16", HERE / "dedup_blind16.py")
    groups, filler = D.build()
    rows: list[str] = []
    for name, kept, dup, other, r in dedup.outcomes(D, groups, filler, "blind16"):
        rows += dedup.judged_rows(name, r)
        rows += dedup.kind_rows(name, "variant", D.per_variant(groups, kept, dup, other))
        rows += [
            f"| {name} trap merged | {k} | {n} |"
            for k, n in Counter(g.edits for g in r["merged"]).items()
        ]
    return rows


def main() -> int:
    parts = {"pages": pages_table, "dedup": dedup_table}
    return table_main(None, __file__, _CHILD, parts, lambda tree: f"blind16 ({tree})")


if __name__ == "__main__":
    sys.exit(main())
