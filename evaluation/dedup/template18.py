"""Template releases with different facts vs syndicated copies (session 18, template17).

    python evaluation/dedup/template18.py [--half dev|heldout|both] [--show]

Families (``template18_data.py``, hand-written): one template filled two to four times with
different facts (another day's schedule, another region's release, another match). Siblings are
different documents: a **trap** group is merged when two siblings end in one cluster (the kept
member of a removed one is read from its ``kept_id``). Copies: another outlet's copy of one
sibling (its dateline with or without a date, a ``Diperbarui`` line, a figure in words, typos,
the last paragraph dropped, an editor's line); a **copy** group (the sibling and its copies)
collapses when exactly one member is kept and every other one is removed for it.

Halves by family: ``sha1(family id)``'s first byte even -> ``dev``, odd -> ``heldout`` (families
and their copies go together). Both commands (``saring run``, ``saring dedup``) with 100 filler
articles (set 14's reader). ``--show`` is for the dev half only.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from evaluation.dedup import syndication as S  # noqa: E402
from evaluation.dedup import syndication14 as S14  # noqa: E402
from evaluation.dedup.template18_data import COPIES, FAMILIES  # noqa: E402

OUTLETS = ("Kabar Lintang", "Warta Sindara", "Suara Ranggamas", "LintasTimur.id")
PLACES = ("WATUGENDIS", "Tanjung Rawi", "SINDARA", "Ranggamas")
EDITOR = (
    "Artikel ini telah tayang di {o} dengan judul yang sama. Redaksi {o} menyunting ulang "
    "beberapa kalimat tanpa mengubah isi pengumuman."
)
_SMALL = ("nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas").split()


@dataclass
class Group:
    kind: str  # "copy": exactly one kept; "trap": no two members in one cluster
    ids: list[str]
    texts: list[str]
    half: str


def half_of(family: str) -> str:
    return "dev" if hashlib.sha1(family.encode()).digest()[0] % 2 == 0 else "heldout"


def _typos(text: str, k: int) -> str:
    """Swap two inner letters of every 9th long word (deterministic, figures untouched)."""
    words = text.split(" ")
    n = 0
    for i, w in enumerate(words):
        if len(w) > 6 and w.isalpha():
            n += 1
            if n % 9 == k % 9:
                words[i] = w[:2] + w[3] + w[2] + w[4:]
    return " ".join(words)


def _words(text: str) -> str:
    """One amount in words ("Rp64.000" -> "Rp64 ribu") or one small number spelled out."""
    out, n = re.subn(r"Rp(\d+)\.000\b(?!\.)", r"Rp\1 ribu", text, count=1)
    if n:
        return out
    m = re.search(r"(?<![\d.,/-])([1-9]|1[01])(?![\d.,/-])", text)
    return text if m is None else text[: m.start()] + _SMALL[int(m.group())] + text[m.end() :]


def edit(text: str, edits: tuple[str, ...], k: int) -> str:
    """Another outlet's copy of ``text`` with ``edits`` (see the module docstring)."""
    head, *paras = text.split("\n")
    outlet, place = OUTLETS[k % len(OUTLETS)], PLACES[k % len(PLACES)]
    for e in edits:
        if e == "dateline":
            paras[0] = f"{place}, {outlet} -- {paras[0]}"
        elif e == "dateline_date":
            paras[0] = f"{place}, {outlet} ({17 + k % 9}/12/2026) -- {paras[0]}"
        elif e == "updated":
            paras.insert(
                0,
                f"Diperbarui: {('Senin', 'Selasa', 'Rabu')[k % 3]}, {1 + k % 27}/12/2026 {10 + k % 9}.{15 + k % 40} WIB",
            )
        elif e == "typos":
            paras = [_typos(p, k) for p in paras]
        elif e == "words":
            paras = (
                [_words(paras[0]), *paras[1:]]
                if _words(paras[0]) != paras[0]
                else [paras[0], *map(_words, paras[1:2]), *paras[2:]]
            )
        elif e == "drop_last":
            paras = paras[:-1]
        elif e == "editor":
            paras.append(EDITOR.format(o=outlet))
    return "\n".join([head, *paras])


def build(half: str) -> list[Group]:
    """Trap groups (a family's siblings) and copy groups (a sibling and its copies) of the half."""
    groups: list[Group] = []
    texts: dict[str, str] = {}
    for fam, (template, fills) in FAMILIES.items():
        if half_of(fam) != half:
            continue
        ids = [f"{fam}#s{i}" for i in range(len(fills))]
        for i, f in zip(ids, fills, strict=True):
            texts[i] = template.format(**f)
        groups.append(Group("trap", ids, [texts[i] for i in ids], half))
    for k, (fam, s, edits) in enumerate(COPIES):
        if half_of(fam) != half:
            continue
        base = f"{fam}#s{s}"
        groups.append(
            Group("copy", [base, f"{base}~c{k}"], [texts[base], edit(texts[base], edits, k)], half)
        )
    return groups


def records(groups: list[Group], n_filler: int = 100) -> list[dict]:
    seen: dict[str, str] = {}
    for g in groups:
        seen.update(zip(g.ids, g.texts, strict=True))
    filler = [{"id": r["id"], "text": r["text"]} for r in S14.articles("dev")[:n_filler]]
    return [{"id": i, "text": t} for i, t in seen.items()] + filler


def kept_of(out: Path) -> dict[str, str]:
    """Removed id -> the id of the member kept for it (``kept_id``), from a command's output."""
    got: dict[str, str] = {}
    for f in sorted((out / "rejected").rglob("*.jsonl*")):
        opener = __import__("gzip").open if f.suffix == ".gz" else open
        with opener(f, "rb") as fh:
            for line in fh:
                d = orjson.loads(line)
                ann = (d.get("annotations") or {}).get("dedup") or {}
                if "kept_id" in ann:
                    got[d["id"]] = ann["kept_id"]
    return got


def judge(groups: list[Group], kept: set[str], removed_for: dict[str, str]) -> dict[str, object]:
    """Copy groups collapsed, copies removed, trap groups merged (two members, one cluster)."""

    def root(i: str) -> str:
        for _ in range(8):
            if i in kept or i not in removed_for:
                return i
            i = removed_for[i]
        return i

    copies = [g for g in groups if g.kind == "copy"]
    traps = [g for g in groups if g.kind == "trap"]
    missed = [
        g
        for g in copies
        if len({root(i) for i in g.ids}) != 1 or sum(i in kept for i in g.ids) != 1
    ]
    removed = sum(min(len(g.ids) - 1, sum(i in removed_for for i in g.ids)) for g in copies)
    merged = [g for g in traps if len({root(i) for i in g.ids}) < len(g.ids)]
    n_copies = sum(len(g.ids) - 1 for g in copies)
    return {
        "copies": len(copies),
        "collapsed": 1 - len(missed) / max(1, len(copies)),
        "removed": removed / max(1, n_copies),
        "traps": len(traps),
        "traps_merged": len(merged),
        "missed": missed,
        "merged": merged,
    }


def _cli(args: list[str]) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "saring.cli.main", *args], capture_output=True, text=True
    )
    if res.returncode != 0:
        raise SystemExit(f"saring {' '.join(args)} failed:\n{res.stderr[-2000:]}")


def score(groups: list[Group], show: bool, views: tuple[str, ...] = ()) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.jsonl"
        inp.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records(groups)))
        for cmd in ("run", "dedup"):
            _cli([cmd, str(inp), "-o", f"{tmp}/{cmd}"])
            kept, _, _ = S.outcome(Path(tmp) / cmd)
            removed_for = kept_of(Path(tmp) / cmd)
            r = judge(groups, kept, removed_for)
            rows.append(
                f"| saring {cmd} | {r['collapsed']:.3f} (of {r['copies']}) | {r['removed']:.3f} | "
                f"{r['traps_merged']} (of {r['traps']}) |"
            )
            if show:
                for g in [*r["missed"], *r["merged"]]:
                    state = [
                        ("K" if i in kept else "D>" + removed_for.get(i, "?").split("#")[-1])
                        for i in g.ids
                    ]
                    rows.append(f"    {g.kind} {g.ids[0]}: {' '.join(state)}")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=("dev", "heldout", "both"), default="dev")
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    if a.show and a.half != "dev":
        raise SystemExit("--show is for the dev half only")
    for half in ("dev", "heldout") if a.half == "both" else (a.half,):
        print(
            f"## template18 {half}: command | copy groups collapsed | copies removed | trap families merged"
        )
        print("\n".join(score(build(half), a.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
