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

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
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


def load(name: str, path: Path) -> ModuleType:
    """A module of this checkout by path (the tree under test may not have it)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


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


def position(labels: list[str], i: int) -> str:
    body = [k for k, lab in enumerate(labels) if lab in "BS"]
    if not body or i < body[0]:
        return "head"
    return "tail" if i > body[-1] else "between"


def page_outcomes(page, res) -> list[tuple[str, int, bool]]:
    """``(label, line, wrong)`` per labelled line, judged as ``unseen.score`` judges them."""
    cuts: dict[int, list[tuple[int, int]]] = {}
    for s, e, rid in res.spans:
        if rid != "dateline":
            i = res.lines.line_of(s)
            cuts.setdefault(i, []).append((s - res.lines.starts[i], e - res.lines.starts[i]))
    out = []
    for i, lab in enumerate(page.labels):
        if lab == "_":
            continue
        dropped = i in res.drop
        if lab in "FD":
            wrong = not dropped
        elif lab == "B":
            wrong = dropped or bool(cuts.get(i))
        else:
            a, b = page.cut[i]
            want = page.lines[i][a:b].strip()
            got = any(page.lines[i][s:e].strip() == want for s, e in cuts.get(i, []))
            wrong = dropped or not got
        out.append((lab, i, wrong))
    return out


def pages_rows() -> list[str]:
    from evaluation.boilerplate import unseen as U
    from saring.boilerplate.step import Boilerplate
    from saring.document import Document

    pages = U.load(PAGES)
    step = Boilerplate()
    sc = U.score(pages, step)
    with_d = [p for p in pages if p.dateline]
    bad = {e.split(" ", 1)[0] for e in sc.errors if " DATELINE " in e}
    n_f = sc.tp + sc.fn
    rows = [
        f"| pages | pages / outlets / lines | {len(pages)} / {len({_site(p.url) for p in pages})} "
        f"/ {sum(lab != '_' for p in pages for lab in p.labels)} |",
        f"| pages | furniture precision | {sc.precision:.4f} (fp {sc.fp} of {sc.tn + sc.fp} body) |",
        f"| pages | furniture recall | {sc.recall:.4f} (fn {sc.fn} of {n_f}) |",
        f"| pages | datelines | {sc.dateline_correct}/{sc.dateline_docs} (with a dateline "
        f"{sum(p.id not in bad for p in with_d)}/{len(with_d)}, without "
        f"{sum(p.id not in bad for p in pages if not p.dateline)}/{len(pages) - len(with_d)}) |",
    ]
    missed, removed, hit = Counter(), Counter(), Counter()
    for p in pages:
        res = step.analyse(Document(p.id, p.text(), {"url": p.url}))
        first_b = next((i for i, lab in enumerate(p.labels) if lab == "B"), -1)
        for lab, i, wrong in page_outcomes(p, res):
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


def _cli(args: list[str]) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "saring.cli.main", *args], capture_output=True, text=True
    )
    if res.returncode != 0:
        raise SystemExit(f"saring {' '.join(args)} failed:\n{res.stderr[-2000:]}")


def dedup_rows() -> list[str]:
    import orjson

    from evaluation.dedup import syndication as S
    from evaluation.dedup import syndication16 as S16

    D = load("dedup_blind19", HERE / "dedup_blind19.py")
    groups, filler = D.build()
    stories = [g for g in groups if g.kind == "copy"]
    rows = [
        f"| dedup | stories / copies / trap groups / filler | {len(stories)} / "
        f"{sum(len(g.ids) - 1 for g in stories)} / {len(groups) - len(stories)} / {len(filler)} |"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "blind19.jsonl"
        inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in D.records(groups, filler)))
        for name, cmd in (("saring run", "run"), ("saring dedup", "dedup")):
            out = Path(tmp) / cmd
            _cli([cmd, str(inp), "-o", str(out)])
            kept, dup, other = S.outcome(out)
            rows += _judged(name, S16.judge(groups, kept, dup, other), groups, other)
            for kind, (k, d, o) in sorted(D.per_kind(groups, kept, dup, other).items()):
                rows.append(
                    f"| {name} copy kind | {kind} | kept {k}, dup-removed {d}, other-step {o} |"
                )
    return rows


def _judged(name: str, r: dict, groups: list, other: set[str]) -> list[str]:
    merged = sorted(g.ids[0].split("#")[0] + f" ({g.edits})" for g in r["merged"])
    lost = sorted(g.ids[0] for g in groups if set(g.ids) & other)
    return [
        f"| {name} | groups collapsed | {r['collapsed']:.3f} (of {r['copies']}) |",
        f"| {name} | copies removed | {r['copies_removed']:.3f} |",
        f"| {name} | trap groups merged | {r['traps_merged']} (of {r['traps']}) |",
        f"| {name} | groups left out (a member removed by another step) | {', '.join(lost) or 'none'} |",
        *(f"| {name} trap merged | {m} |  |" for m in merged),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", default=None, help="checkout whose saring and scorer to use")
    ap.add_argument("--python", default=sys.executable, help="interpreter for --tree")
    ap.add_argument("--only", choices=("pages", "dedup"), action="append")
    a = ap.parse_args()
    if a.tree and not os.environ.get(_CHILD):
        tree = Path(a.tree).resolve()
        env = {**os.environ, _CHILD: "1", "PYTHONPATH": f"{tree / 'src'}:{tree}"}
        argv = [a.python, str(Path(__file__).resolve()), *sys.argv[1:]]
        return subprocess.run(argv, env=env, cwd=tree).returncode
    if not a.tree:
        sys.path.insert(0, str(HERE.parents[1]))
    import saring

    print(f"blind19 (tree {a.tree or HERE.parents[1]}; saring from {Path(saring.__file__).parent})")
    print("| set | figure | value |")
    print("|---|---|---|")
    parts = {"pages": pages_rows, "dedup": dedup_rows}
    for name in a.only or parts:
        print("\n".join(parts[name]()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
