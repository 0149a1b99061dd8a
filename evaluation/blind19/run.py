"""Score the round-4 blind sets (session 18) in one table: boilerplate pages and dedup.

    python evaluation/blind19/run.py [--tree PATH --python PY] [--only pages|dedup]

``--tree`` scores another checkout (e.g. the session-start tree): the runner re-runs itself with
``PY`` and ``PYTHONPATH=<tree>/src:<tree>`` from ``<tree>``, so saring and the page scorer
(``evaluation/boilerplate/unseen.py``) come from that tree while the sets and this runner's
helpers come from this checkout (loaded by path): every tree is scored on the same items.

Pages: line precision / recall (furniture positive), datelines (with / without), furniture misses
per kind and position, and body lines removed per kind (counts, no text). Dedup: story groups
collapsed, copies removed and trap groups merged for ``saring run`` and ``saring dedup``, per
copy kind and per trap kind. The sets are blind: score them, never tune rules on them.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # this checkout's kit, whichever tree is scored
from blindkit import dedup, pages  # noqa: E402
from blindkit.tree import load, table_main  # noqa: E402

PAGES = HERE / "boilerplate_blind19.txt"
_CHILD = "SARING_BLIND19_CHILD"
# furniture kinds of this round (first match wins; the cue is searched in the lowercased line)
FURNITURE_KINDS = (
    ("inline-glued", None),
    ("dateline", None),
    (
        "credit",
        r"^(oleh|by |penulis|editor|reporter|pewarta|teks:|ditulis|ditinjau|posted|"
        r"diposting|admin|humas|redaksi \w+$)|\(\w+/\w+\)|kameramen|laporan wartawan",
    ),
    ("share-social", r"bagikan|share|facebook|whatsapp|ikuti|follow|instagram|google news|#"),
    (
        "legal-contact",
        r"©|copyright|hak cipta|pedoman media|privasi|privacy|alamat|telp|"
        r"tentang|disclaimer|bukan saran|tidak menggantikan|tanggung jawab|opini pribadi",
    ),
    (
        "ad-promo",
        r"iklan|advert|sponsor|promo|beli|download|rekening|donasi|infaq|buka akun|"
        r"tiket|partner|dengarkan|saksikan|live",
    ),
    (
        "related-label",
        r"^(baca|berita|artikel|video|kabar|kajian|resep|rilis|tulisan|most|"
        r"trending|populer|terkini|terkait|kamu|you may|pengumuman|properti|read more|simak)",
    ),
    ("comment-ugc", r"komentar|comment|reply|balas|member|said|thread|masuk|login|daftar|like"),
    (
        "pager-widget",
        r"^\d+$|selanjutnya|halaman|zoom|jump to|daftar isi|versi|statistik|"
        r"rating|jadwal shalat|harga komoditas|cari",
    ),
)


def furniture_kind(label: str, line: str, before_body: bool) -> str:
    """This round's furniture kind of a line (``menu-or-name`` at the head, ``other`` after)."""
    if label == "S":
        return "inline-glued"
    if label == "D":
        return "dateline"
    low = line.lower()
    for kind, cue in FURNITURE_KINDS[2:]:
        if re.search(cue, low):
            return kind
    if len(line.split()) >= 6 and before_body:
        return "menu-flattened"
    return "masthead-or-menu" if before_body else "headline-like"


def body_kind(line: str, first_body: bool) -> str:
    """This round's body-line kind (for body lines removed)."""
    words = len(line.split())
    if first_body:
        return "own-headline"
    if re.match(r"^(\d+\.|-|[A-Z][\w ]{0,25}:)", line) or words <= 4:
        return "list-or-label"
    if "?" in line:
        return "question"
    if "“" in line or '"' in line:
        return "quote"
    return "short-paragraph" if words < 15 else "paragraph"


position = partial(pages.position, body="BS", glued=None, between="between")


def pages_rows(_errors: bool = False) -> list[str]:
    from evaluation.boilerplate import unseen as U
    from saring.boilerplate.step import Boilerplate
    from saring.document import Document

    pgs = U.load(PAGES)
    step = Boilerplate()
    sc = U.score(pgs, step)
    with_d = [p for p in pgs if p.dateline]
    bad = {e.split(" ", 1)[0] for e in sc.errors if " DATELINE " in e}
    n_f = sc.tp + sc.fn
    rows = [
        f"| pages | pages / outlets / lines | {len(pgs)} / {len({_site(p.url) for p in pgs})} "
        f"/ {sum(lab != '_' for p in pgs for lab in p.labels)} |",
        f"| pages | furniture precision | {sc.precision:.4f} (fp {sc.fp} of {sc.tn + sc.fp} body) |",
        f"| pages | furniture recall | {sc.recall:.4f} (fn {sc.fn} of {n_f}) |",
        f"| pages | datelines | {sc.dateline_correct}/{sc.dateline_docs} (with a dateline "
        f"{sum(p.id not in bad for p in with_d)}/{len(with_d)}, without "
        f"{sum(p.id not in bad for p in pgs if not p.dateline)}/{len(pgs) - len(with_d)}) |",
    ]
    missed, removed, hit = Counter(), Counter(), Counter()
    for p in pgs:
        res = step.analyse(Document(p.id, p.text(), {"url": p.url}))
        first_b = next((i for i, lab in enumerate(p.labels) if lab == "B"), -1)
        for lab, i, wrong in pages.line_outcomes(p, res):
            if lab == "B":
                if wrong:
                    removed[body_kind(p.lines[i], i == first_b)] += 1
                continue
            kind = furniture_kind(lab, p.lines[i], position(p.labels, i) == "head")
            key = f"{kind} @ {position(p.labels, i)}"
            (missed if wrong else hit)[key] += 1
    for key in sorted(set(missed) | set(hit)):
        rows.append(
            f"| pages furniture | {key} | missed {missed[key]} of {missed[key] + hit[key]} |"
        )
    for key in sorted(removed):
        rows.append(f"| pages body removed | {key} | {removed[key]} |")
    return rows


def _site(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/")[0]


def dedup_rows(_errors: bool = False) -> list[str]:
    D = load("dedup_blind19", HERE / "dedup_blind19.py")
    groups, filler = D.build()
    rows = [dedup.size_row(groups, filler)]
    for name, kept, dup, other, r in dedup.outcomes(D, groups, filler, "blind19"):
        merged = sorted(g.ids[0].split("#")[0] + f" ({g.edits})" for g in r["merged"])
        rows += dedup.judged_rows(name, r)
        rows.append(dedup.left_out_row(name, groups, other, short=False))
        rows += [f"| {name} trap merged | {m} |  |" for m in merged]
        per_kind = dict(sorted(D.per_kind(groups, kept, dup, other).items()))
        rows += dedup.kind_rows(name, "copy kind", per_kind)
    return rows


def _title(tree: str) -> str:
    import saring

    return f"blind19 (tree {tree}; saring from {Path(saring.__file__).parent})"


def main() -> int:
    parts = {"pages": pages_rows, "dedup": dedup_rows}
    return table_main(__doc__.splitlines()[0], __file__, _CHILD, parts, _title, errors=False)


if __name__ == "__main__":
    sys.exit(main())
