"""Score the session-17 blind boilerplate pages and blind dedup set in one table.

    python evaluation/blind17/run_pages_dedup.py [--tree PATH --python PY] [--only pages|dedup] [--errors]

``--tree`` scores another checkout (e.g. the session-start tree) with this worktree's sets: the
runner re-runs itself with ``PY`` and ``PYTHONPATH=<tree>/src:<tree>``, so the saring code, the
boilerplate scorer (``evaluation/boilerplate/unseen.py``) and the dedup helpers
(``evaluation/dedup/syndication*.py``) come from that tree; only the blind sets come from here.

Pages: line precision/recall (furniture positive; recall also with the article's own headline
lines left out when the set has a headline sidecar, see ``evaluation/boilerplate/unseen.py``) and
dateline accuracy by the scorer's own functions, plus misses per furniture position and kind (counts only, no line text). Dedup: every
story group and trap through ``saring run`` (default pipeline) and ``saring dedup``, read back from
the output folders: groups collapsed (exactly one member kept), copies removed, trap groups merged,
and per copy kind how many were kept / removed as duplicates / removed by another step.
The sets are blind: score them, never tune rules on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
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


def _load(name: str, path: Path):
    """This worktree's blind module by path (the tree under test may not have ``blind17``)."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def furniture_kind(line: str) -> str:
    for kind, cue in KIND_CUES:
        if re.search(cue, line):
            return kind
    return "other"


def position(labels: list[str], i: int) -> str:
    body = [k for k, lab in enumerate(labels) if lab in "BDS"]
    if labels[i] == "S":
        return "glued (S)"
    if not body or i < body[0]:
        return "head"
    return "tail" if i > body[-1] else "between paragraphs"


def kinds(page) -> dict[int, str]:
    """Kind of every furniture item; a cue-less line after a related heading is a related
    headline, a cue-less head line a headline/site/section label."""
    out: dict[int, str] = {}
    prev = None
    for i, lab in enumerate(page.labels):
        if lab in "SD":
            out[i] = "glued inline furniture" if lab == "S" else "dateline line"
        if lab != "F":
            prev = None if lab != "_" else prev
            continue
        k = furniture_kind(page.lines[i])
        if k == "other" and prev in ("related/next heading", "related headline"):
            k = "related headline"
        elif k == "other" and prev in ("tags/labels/categories", "tag item"):
            k = "tag item"
        elif k == "other" and prev == "widget/table/rating":
            k = "widget/table/rating"
        elif k == "other" and position(page.labels, i) == "head":
            k = "headline/site/section label"
        out[i], prev = k, k
    return out


def was_missed(page, i: int, lost: set[str]) -> bool:
    """A furniture item the scorer counted as a miss (matched on the scorer's own error text)."""
    line = page.lines[i]
    if page.labels[i] in "FD":
        return f"MISSED {line!r}" in lost
    return any(e.startswith(f"SPAN NOT CUT {line!r}") for e in lost)


def pages_table(errors: bool) -> list[str]:
    from evaluation.boilerplate import unseen as U

    pages = U.load(PAGES)
    sc = U.score(pages)
    rows = [
        f"| pages | pages / outlets | {len(pages)} / {len({_site(p.url) for p in pages})} |",
        f"| pages | line precision | {sc.precision:.4f} (fp {sc.fp} of {sc.tn + sc.fp} body lines) |",
        f"| pages | line recall | {sc.recall:.4f} (fn {sc.fn} of {sc.tp + sc.fn} furniture items) |",
        f"| pages | datelines | {sc.dateline_correct}/{sc.dateline_docs} = {sc.dateline_accuracy:.3f} |",
    ]
    rows += _headline_rows(pages, sc)
    rows += _dateline_split(pages, sc.errors)
    by_kind, by_pos, miss_kind, miss_pos = Counter(), Counter(), Counter(), Counter()
    for p in pages:
        lost = {re.sub(r"^\S+ ", "", e, count=1) for e in sc.errors if e.startswith(p.id + " ")}
        for i, k in kinds(p).items():
            pos = position(p.labels, i)
            by_kind[k] += 1
            by_pos[pos] += 1
            if was_missed(p, i, lost):
                miss_kind[k] += 1
                miss_pos[pos] += 1
    rows += [
        f"| pages misses by position | {k} | {miss_pos[k]}/{n} |" for k, n in by_pos.most_common()
    ]
    rows += [
        f"| pages misses by kind | {k} | {miss_kind[k]}/{n} |" for k, n in by_kind.most_common()
    ]
    removed = Counter(e.split("[", 1)[1].split("]")[0] for e in sc.errors if " REMOVED[" in e)
    rows += [f"| pages errors | body lines removed/cut | {sum(removed.values())} |"]
    rows += [
        f"| pages errors | datelines wrong/missed/spurious | {sum(' DATELINE ' in e for e in sc.errors)} |"
    ]
    if errors:  # labelling checks only: page ids and error kinds, never line text
        rows += [f"|   | {e.split()[0]} {e.split()[1].split('[')[0]} |  |" for e in sc.errors]
    return rows


def _headline_rows(pages, sc) -> list[str]:
    """Recall with the article's own headline lines left out (the sidecar beside the set, read
    with this checkout's scorer helpers so that older trees are scored the same way)."""
    here = _load("unseen_here", HERE.parent / "boilerplate" / "unseen.py")
    side = here.headlines_path(PAGES)
    if not side.exists():
        return []
    recall, n_head, n_gone = here.headline_recall(pages, sc, here.load_headlines(side, pages))
    return [
        f"| pages | line recall, own headlines left out | {recall:.4f} "
        f"({n_head} headline lines, {n_gone} of them removed) |"
    ]


def _dateline_split(pages, errors: list[str]) -> list[str]:
    """Dateline accuracy apart for pages with a labelled dateline and pages without one."""
    wrong = {e.split()[0] for e in errors if " DATELINE " in e}
    have = [p.id for p in pages if p.dateline]
    none = [p.id for p in pages if not p.dateline]
    return [
        f"| pages | datelines, pages with one | {sum(i not in wrong for i in have)}/{len(have)} |",
        f"| pages | datelines, pages without (none given) | {sum(i not in wrong for i in none)}/{len(none)} |",
    ]


def _site(url: str) -> str:
    host = url.split("/")[2]
    parts = host.split(".")
    return ".".join(parts[-3:] if parts[-2] in ("co", "or", "ac", "go", "sch") else parts[-2:])


def _cli(args: list[str]) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "saring.cli.main", *args], capture_output=True, text=True
    )
    if res.returncode != 0:
        raise SystemExit(f"saring {' '.join(args)} failed:\n{res.stderr[-2000:]}")


def dedup_table() -> list[str]:
    import orjson

    from evaluation.dedup import syndication as S
    from evaluation.dedup import syndication16 as S16

    D = _load("dedup_blind17", HERE / "dedup_blind17.py")
    groups, filler = D.build()
    n_copy = sum(g.kind == "copy" for g in groups)
    rows = [
        f"| dedup | stories / copies / trap groups / filler | {n_copy} / "
        f"{sum(len(g.ids) - 1 for g in groups if g.kind == 'copy')} / {len(groups) - n_copy} / {len(filler)} |"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "blind17.jsonl"
        inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in D.records(groups, filler)))
        for name, cmd in (("saring run", "run"), ("saring dedup", "dedup")):
            out = Path(tmp) / cmd
            _cli([cmd, str(inp), "-o", str(out)])
            kept, dup, other = S.outcome(out)
            r = S16.judge(groups, kept, dup, other)
            rows += [
                f"| {name} | groups collapsed | {r['collapsed']:.3f} (of {r['copies']}) |",
                f"| {name} | copies removed | {r['copies_removed']:.3f} |",
                f"| {name} | trap groups merged | {r['traps_merged']} (of {r['traps']}) |",
            ]
            for v, (k, d, o) in D.per_variant(groups, kept, dup, other).items():
                rows.append(f"| {name} variant | {v} | kept {k}, dup-removed {d}, other-step {o} |")
            merged = Counter(i.split("#")[0] for g in r["merged"] for i in g.ids[:1])
            rows += [f"| {name} trap merged | {k} |  |" for k in sorted(merged)]
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", default=None, help="checkout whose saring and scorers to use")
    ap.add_argument("--python", default=sys.executable, help="interpreter for --tree")
    ap.add_argument("--only", choices=("pages", "dedup"), default=None)
    ap.add_argument("--errors", action="store_true", help="page ids and error kinds (no text)")
    a = ap.parse_args()
    if a.tree and not os.environ.get(_CHILD):
        tree = Path(a.tree).resolve()
        env = {**os.environ, _CHILD: "1", "PYTHONPATH": f"{tree / 'src'}:{tree}"}
        argv = [a.python, str(Path(__file__).resolve()), *sys.argv[1:]]
        return subprocess.run(argv, env=env, cwd=tree).returncode
    if not a.tree:
        sys.path.insert(0, str(HERE.parents[1]))
    print(f"blind17 ({a.tree or HERE.parents[1]})")
    print("| set | figure | value |")
    print("|---|---|---|")
    rows = [] if a.only == "dedup" else pages_table(a.errors)
    rows += [] if a.only == "pages" else dedup_table()
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
