"""Score the round-5 blind sets (session 19) in one table: boilerplate pages and dedup.

    python evaluation/blind21/run.py [--tree PATH --python PY] [--only pages|dedup]

``--tree`` scores another checkout (e.g. the session-start tree): the runner re-runs itself with
``PY`` and ``PYTHONPATH=<tree>/src:<tree>`` from ``<tree>``, so saring and the page scorer
(``evaluation/boilerplate/unseen.py``) come from that tree while the sets and this runner's
helpers come from this checkout (loaded by path): every tree is scored on the same items.

Pages: line precision / recall (furniture positive), datelines (with / without), furniture misses
per kind and position, body lines removed per kind (counts, never text). Dedup: story groups
collapsed, copies removed and trap groups merged for ``saring run`` and ``saring dedup``, per copy
kind and per trap kind. The sets are blind: score them, never tune rules on them.
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
PAGES = HERE / "boilerplate_blind21.txt"
_CHILD = "SARING_BLIND21_CHILD"
# furniture kinds of this round: (name, cue searched in the lowercased line); first match wins
CUES = (
    (
        "byline-credit",
        r"^(oleh|by |penulis|editor|reporter|teks:|words by|ditulis|ditinjau|posted|diposting|"
        r"admin|redaksi|tim |humas|media officer|sumber:)|\(\w+/\w+\)|kameramen|foto:|photo:",
    ),
    (
        "share-follow",
        r"bagikan|share|facebook|whatsapp|ikuti|instagram|google news|telegram|youtube|"
        r"^#|salin tautan|like this",
    ),
    (
        "legal-contact",
        r"©|copyright|hak cipta|pedoman|privasi|privacy|alamat|telp|email|tentang kami|"
        r"disclaimer|tanggung jawab|tidak menggantikan|mengandung risiko|powered|diberdayakan|"
        r"terms|kontak",
    ),
    (
        "ad-commerce",
        r"iklan|advert|ads by|sponsor|partner|promo|harga .* cek|beli|download|rekening|"
        r"donasi|infaq|dukung|tiket|pesan hotel|bandingkan|hubungi agen|kalkulator|"
        r"konsultasi|gabung|subscribe|newsletter|saksikan|live",
    ),
    ("tags-topics", r"^(tags?\b|topik)"),
    (
        "related-header",
        r"^(baca|berita|artikel|video|kajian|review|rilis|postingan|pos |topik|tag|most|"
        r"terpopuler|populer|terkini|terkait|kamu mungkin|more from|similar|destinasi|"
        r"properti pilihan|pilihan redaksi|kegiatan lainnya|agenda|related|simak)",
    ),
    (
        "comment-forum",
        r"komentar|comment|reply|balas|member|said|thread|log in|masuk|daftar|"
        r"tinggalkan|wajib|simpan nama|\bpukul\b",
    ),
    (
        "widget-meta",
        r"^\d+$|selanjutnya|halaman|dilihat|dibaca|statistik|jadwal|harga komoditas|"
        r"arsip|langganan|min read|menit baca|dengarkan|scroll|\d{1,2}[:.]\d\d|wib|"
        r"20\d\d",
    ),
)


_HEAD_CUES = ("byline-credit", "widget-meta", "share-follow", "ad-commerce")


def load(name: str, path: Path) -> ModuleType:
    """A module of this checkout by path (the tree under test may not have it)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def position(labels: list[str], i: int) -> str:
    """``head`` before the first body line, ``tail`` after the last, else ``between``."""
    body = [k for k, lab in enumerate(labels) if lab in "BS"]
    if not body or i < body[0]:
        return "head"
    return "tail" if i > body[-1] else "between"


def furniture_kinds(labels: list[str], lines: list[str]) -> dict[int, str]:
    """This round's kind of every furniture line of a page.

    At the head, a line with no credit / date / share / ad cue is ``nav-menu``; after it the
    first cue decides; a line with none is a ``related-item`` in a run that a short related
    header opened, ``footer-links`` when it is a row of link labels, else ``stray-line``."""
    out: dict[int, str] = {}
    in_related = False
    for i, (lab, line) in enumerate(zip(labels, lines, strict=True)):
        if lab not in "FDS":
            in_related = in_related and lab == "_"
            continue
        kind = _cued(lab, line)
        if position(labels, i) == "head":
            kind = kind if kind in _HEAD_CUES else "nav-menu"
        elif kind == "related-header":
            in_related = True
        elif kind is None and in_related:
            kind = "related-item"
        elif kind is None and _link_row(line):
            kind = "footer-links"
        out[i] = kind or "stray-line"
    return out


def _link_row(line: str) -> bool:
    """A row of link labels: two or more separators, or four or more items all capitalised
    with no comma (a headline has one, or a lowercase word)."""
    if len(re.findall(r"[|·»]", line)) >= 2:
        return True
    items = [w for w in line.split() if w not in ("&", "-")]
    return len(items) >= 4 and "," not in line and all(w[0].isupper() for w in items)


def _cued(label: str, line: str) -> str | None:
    if label == "S":
        return "glued-inline"
    if label == "D":
        return "dateline-line"
    low = line.lower()
    kind = next((kind for kind, cue in CUES if re.search(cue, low)), None)
    if kind == "related-header" and len(line.split()) > 4 and not line.endswith(":"):
        return None
    return kind


def body_kind(line: str, headline: bool) -> str:
    """This round's kind of a body line (for body lines removed)."""
    words = len(line.split())
    if headline:
        return "own-headline"
    if re.match(r"^(\d+\.|-|[a-e]\.|[A-Z][\w /]{0,24}:)", line):
        return "list-or-field"
    if line.rstrip().endswith("?"):
        return "question"
    if '"' in line or "“" in line:
        return "quote"
    return "short-line" if words < 8 else "paragraph"


def own_headline(labels: list[str], lines: list[str]) -> set[int]:
    """Body lines before the first sentence-like body line that read as a title (no final
    stop, at most 16 words): the article's own headline as this round labels it."""
    out = set()
    for i, (lab, line) in enumerate(zip(labels, lines, strict=True)):
        if lab not in "BS":
            continue
        if line.rstrip()[-1:] in '.!"”' or len(line.split()) > 16:
            break
        out.add(i)
    return out


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


def site(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/")[0]


def pages_rows() -> list[str]:
    from evaluation.boilerplate import unseen as U
    from saring.boilerplate.step import Boilerplate
    from saring.document import Document

    pages = U.load(PAGES)
    step = Boilerplate()
    sc = U.score(pages, step)
    with_d = [p for p in pages if p.dateline]
    bad = {e.split(" ", 1)[0] for e in sc.errors if " DATELINE " in e}
    rows = [
        f"| pages | pages / sites / lines | {len(pages)} / {len({site(p.url) for p in pages})} "
        f"/ {sum(lab != '_' for p in pages for lab in p.labels)} |",
        f"| pages | furniture precision | {sc.precision:.4f} (fp {sc.fp} of {sc.tn + sc.fp} body) |",
        f"| pages | furniture recall | {sc.recall:.4f} (fn {sc.fn} of {sc.tp + sc.fn}) |",
        f"| pages | datelines | {sc.dateline_correct}/{sc.dateline_docs} (with a dateline "
        f"{sum(p.id not in bad for p in with_d)}/{len(with_d)}, without "
        f"{sum(p.id not in bad for p in pages if not p.dateline)}/{len(pages) - len(with_d)}) |",
    ]
    missed, hit, removed = Counter(), Counter(), Counter()
    for p in pages:
        res = step.analyse(Document(p.id, p.text(), {"url": p.url}))
        kinds = furniture_kinds(p.labels, p.lines)
        heads = own_headline(p.labels, p.lines)
        for lab, i, wrong in page_outcomes(p, res):
            if lab == "B":
                removed[body_kind(p.lines[i], i in heads)] += wrong
                continue
            key = f"{kinds[i]} @ {position(p.labels, i)}"
            (missed if wrong else hit)[key] += 1
    for key in sorted(set(missed) | set(hit)):
        rows.append(
            f"| pages furniture | {key} | missed {missed[key]} of {missed[key] + hit[key]} |"
        )
    rows += [f"| pages body removed | {k} | {n} |" for k, n in sorted(removed.items()) if n]
    return rows


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

    D = load("dedup_blind21", HERE / "dedup_blind21.py")
    groups, filler = D.build()
    stories = [g for g in groups if g.kind == "copy"]
    rows = [
        f"| dedup | stories / copies / trap groups / filler | {len(stories)} / "
        f"{sum(len(g.ids) - 1 for g in stories)} / {len(groups) - len(stories)} / {len(filler)} |"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "blind21.jsonl"
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
            for kind, merged in sorted(D.traps_by_kind(groups, dup).items()):
                rows.append(f"| {name} trap kind | {kind} | {'MERGED' if merged else 'kept'} |")
    return rows


def _judged(name: str, r: dict, groups: list, other: set[str]) -> list[str]:
    lost = sorted(g.ids[0] for g in groups if set(g.ids) & other)
    return [
        f"| {name} | groups collapsed | {r['collapsed']:.3f} (of {r['copies']}) |",
        f"| {name} | copies removed | {r['copies_removed']:.3f} |",
        f"| {name} | trap groups merged | {r['traps_merged']} (of {r['traps']}) |",
        f"| {name} | groups left out (a member removed by another step) | "
        f"{', '.join(lost) or 'none'} |",
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

    print(f"blind21 (tree {a.tree or HERE.parents[1]}; saring from {Path(saring.__file__).parent})")
    print("| set | figure | value |")
    print("|---|---|---|")
    parts = {"pages": pages_rows, "dedup": dedup_rows}
    for name in a.only or parts:
        print("\n".join(parts[name]()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
