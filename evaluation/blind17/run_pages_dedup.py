"""Score the session-17 blind boilerplate pages and blind dedup set in one table.

    python evaluation/blind17/run_pages_dedup.py [--tree PATH --python PY] [--only pages|dedup] [--errors]

``--tree`` scores another checkout (e.g. the session-start tree) with this worktree's sets: the
runner re-runs itself with ``PY`` and ``PYTHONPATH=<tree>/src:<tree>``, so the saring code, the
boilerplate scorer (``evaluation/boilerplate/unseen.py``) and the dedup helpers
(``evaluation/dedup/syndication*.py``) come from that tree; only the blind sets and the runner kit
(``evaluation/blindkit``) come from here.

Pages: line precision/recall (furniture positive; recall also with the article's own headline
lines left out when the set has a headline sidecar, see ``evaluation/boilerplate/unseen.py``) and
dateline accuracy by the scorer's own functions, plus misses per furniture position and kind (counts only, no line text). Dedup: every
story group and trap through ``saring run`` (default pipeline) and ``saring dedup``, read back from
the output folders: groups collapsed (exactly one member kept), copies removed, trap groups merged,
and per copy kind how many were kept / removed as duplicates / removed by another step.
The sets are blind: score them, never tune rules on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # this checkout's kit, whichever tree is scored
from blindkit import dedup, pages  # noqa: E402
from blindkit.tree import load, table_main  # noqa: E402

PAGES = HERE / "boilerplate_blind17.txt"
_CHILD = "SARING_BLIND17_CHILD"

# furniture kinds for the miss summary (first matching cue wins; written for the summary only)
KIND_CUES = (
    (
        "ad/commerce/affiliate",
        r"ADVERTISEMENT|SCROLL|Beli di|Cek harga|Cek Harga|afiliasi|komisi|"
        r"Iklan|Donasi|donasi|Konsultasi|Buat janji|Cari penginapan|Berlangganan|Berhenti berlangganan|newsletter",
    ),
    (
        "legal/copyright/disclaimer",
        r"©|Copyright|Hak Cipta|Rights|tanggung jawab|tidak mencerminkan|"
        r"bersifat informatif|acuan transaksi|Disclosure|bagian dari Grup|tidak menggantikan",
    ),
    (
        "share/follow/comments",
        r"Bagikan|Share|Facebook|Twitter|WhatsApp|Google News|Ikuti|Suka|Like|"
        r"[Kk]omentar|Balas|Reply|comment|Login|masuk atau mendaftar|Instagram|Tag @|Pin |Listen|Dengarkan",
    ),
    (
        "related/next heading",
        r"^Baca|^BACA|Terkait|TERKAIT|Related|Lainnya|LAINNYA|Terpopuler|TERPOPULER|"
        r"Terkini|Terbaru|Populer|Trending|Read more|You may also|Sebelum|Selanjutnya|Previous|Next|Newer|"
        r"Posting Lebih|Navigasi|Arsip|Indeks|Lihat|selengkapnya|Pilihan",
    ),
    (
        "byline/date/meta",
        r"Penulis|Reporter|Editor|Oleh|oleh|Ditulis|^By |WIB|WITA|Pewarta|Laporan|Posted|"
        r"Diposting|Dibaca|Dilihat|Views|min read|menit|Diperbarui|Updated|Bergabung|Member|Sesepuh|"
        r"^#\d|^\(\w+/\w+\)$|^\(Humas|\b20\d\d\b",
    ),
    (
        "caption/media",
        r"Foto|Ilustrasi|Video|VIDEO|Durasi|Unduh|Cetak|Lihat postingan|kiriman dibagikan",
    ),
    ("tags/labels/categories", r"^Tags?\b|^TAGS|^Label|^Topik|^Kategori|^#"),
    (
        "contact/address/stats",
        r"Alamat|Jl\.|Telp|Telepon|Email|Kontak|Hubungi|Hari ini|Kemarin|Total|Sekretariat",
    ),
    (
        "widget/table/rating",
        r"Klasemen|^\d+ [A-Z][\w ]+ \d+ \d+$|★|Statistik|Beri nilai|membantu\?|Menyukai|Dalam \"",
    ),
    (
        "form/publisher note",
        r"Silakan masukkan|Your email|Enter your email|telah tayang|Network|Pedoman|diperbarui|"
        r"Kirim opini|redaksi|Informatika",
    ),
    ("navigation/menu/site name", r" \| | / |»|›|>|Beranda|Home|HOME|Skip"),
)
KINDS = pages.KindCues(
    KIND_CUES,
    head="headline/site/section label",
    glued="glued inline furniture",
    follows={
        "related/next heading": "related headline",
        "related headline": "related headline",
        "tags/labels/categories": "tag item",
        "tag item": "tag item",
        "widget/table/rating": "widget/table/rating",
    },
)
furniture_kind = KINDS.kind
kinds = KINDS.kinds
position = pages.position
was_missed = pages.was_missed
_site = pages.registered_site


def pages_table(errors: bool, path: Path = PAGES) -> list[str]:
    """This round's page table on the pages at ``path`` (round 3 scores its own pages with it)."""
    from evaluation.boilerplate import unseen as U

    pgs = U.load(path)
    sc = U.score(pgs)
    rows = [
        f"| pages | pages / outlets | {len(pgs)} / {len({_site(p.url) for p in pgs})} |",
        *pages.score_rows(sc),
        *pages.headline_rows(pgs, sc, path),
        *pages.dateline_split(pgs, sc.errors),
        *pages.miss_rows(pgs, sc, kinds),
        *pages.error_count_rows(sc.errors, " REMOVED["),
    ]
    if errors:  # labelling checks only: page ids and error kinds, never line text
        rows += [f"|   | {e.split()[0]} {e.split()[1].split('[')[0]} |  |" for e in sc.errors]
    return rows


def dedup_table(_errors: bool = False) -> list[str]:
    D = load("dedup_blind17", HERE / "dedup_blind17.py")
    groups, filler = D.build()
    rows = [dedup.size_row(groups, filler)]
    for name, *outcome in dedup.outcomes(D, groups, filler, "blind17"):
        rows += dedup.standard_rows(name, D, groups, tuple(outcome), left_out=False)
    return rows


def main() -> int:
    parts = {"pages": pages_table, "dedup": dedup_table}
    return table_main(None, __file__, _CHILD, parts, lambda tree: f"blind17 ({tree})")


if __name__ == "__main__":
    sys.exit(main())
