"""Round-5 blind dedup set (session 19): hand-written stories, copies made here, same-event traps.

Stories and traps are in ``dedup_blind21_data.txt`` (invented places, people, outlets, figures).
Each story becomes a group of its original and three or four copies, each made the way one kind of
republisher makes it (``KINDS``); exactly one member of a group must survive dedup. A trap is two
write-ups of one event (or one template) that share a paragraph or a quote; all must survive.
Filler articles come from the corpora by path (``syndication14.articles``), never stored.
Copies are deterministic: each copy's choices come from a sha1 of the story id and its kind.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evaluation.dedup import syndication14 as S14
from evaluation.dedup.syndication14 import Group

DATA = Path(__file__).resolve().parent / "dedup_blind21_data.txt"
# invented republishers (regional papers, portals, a wire) and their datelines
REGIONAL = (
    ("Harian Rengga Pos", "SIMPANG LUMUT"),
    ("KabarLumut.com", "Simpang Lumut"),
    ("Suara Watu Lawang", "WATU LAWANG"),
    ("Radar Tirtalangit", "Tirtalangit"),
    ("lintaspesisirkita.id", "TELUK BAYUR LAMA"),
)
WIRE = "Kantor Berita Swara Nusa"
PORTALS = ("warta-sembilan.com", "kabarlintasrengga.id", "beritakampungkita.net")
INTROS = (
    "Kabar ini menjadi perhatian pembaca {o} sejak kemarin.",
    "Redaksi {o} merangkum perkembangan peristiwa berikut dari mitra kantor berita.",
    "Berikut laporan lengkap yang dihimpun {o}.",
)
EDITORS = ("Yuliana Sasmitaningrum", "Erlangga Pudjiraharja", "Noviana Tumbelaka")
# phrases an editor swaps when a story passes through another language and back
PHRASES = (
    ("mengatakan", "menyampaikan"),
    ("sekitar(?= [0-9]| lima| dua| tiga| empat| enam)", "kurang lebih"),
    ("tersebut", "itu"),
    ("hingga", "sampai"),
    ("sejak", "semenjak"),
    ("akan", "bakal"),
    ("juga", "pula"),
    ("warga", "penduduk"),
)
_SENT = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")


@dataclass
class Story:
    id: str
    title: str
    paras: list[str]

    def text(self) -> str:
        return "\n".join([self.title, *self.paras])


def _blocks() -> list[tuple[str, str, str]]:
    """``(kind, id, body)`` per ``## kind: id`` block of the data file."""
    out = []
    text = re.sub(r"^#[^#].*\n", "", DATA.read_text(encoding="utf-8"), flags=re.M)
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        kind, _, name = head.partition(":")
        out.append((kind.strip(), name.strip(), body.strip()))
    return out


def parse() -> tuple[list[Story], list[tuple[str, str, list[str]]]]:
    """Stories and traps ``(id, trap kind, documents)``."""
    stories, traps = [], []
    for kind, name, body in _blocks():
        if kind == "story":
            title, *paras = [ln for ln in body.splitlines() if ln.strip()]
            stories.append(Story(name, title, paras))
        else:
            tid, _, tkind = (x.strip() for x in name.partition("|"))
            docs = [d.strip() for d in re.split(r"^---$", body, flags=re.M) if d.strip()]
            traps.append((tid, tkind, docs))
    return stories, traps


def _rng(story: Story, kind: str) -> random.Random:
    return random.Random(hashlib.sha1(f"{story.id}/{kind}".encode()).hexdigest())


def sentences(para: str) -> list[str]:
    return [s for s in _SENT.split(para) if s]


def regional(story: Story, rng: random.Random) -> list[str]:
    """A regional paper: its dateline, its own opening sentence, one paragraph dropped, a source."""
    outlet, place = rng.choice(REGIONAL)
    paras = list(story.paras)
    del paras[rng.randrange(2, len(paras))]
    intro = rng.choice(INTROS).format(o=outlet)
    first = f"{place}, {outlet} - {paras[0]}"
    return [story.title, intro, first, *paras[1:], f"(Sumber: {WIRE})"]


def resplit(story: Story, rng: random.Random) -> list[str]:
    """Paragraphs re-cut: long ones split after their first sentence, short neighbours merged."""
    out: list[str] = []
    for p in story.paras:
        sents = sentences(p)
        if len(sents) > 1 and rng.random() < 0.7:
            out += [sents[0], " ".join(sents[1:])]
        elif out and len(out[-1]) < 160:
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return [story.title, *out]


def _attribution_first(para: str) -> str:
    """``"Q," kata X.`` -> ``X mengatakan, “Q.”`` (the reporter's reordering of a quote)."""
    m = re.match(r'^"(.+?),"\s+(?:kata|ujar|tutur)\s+(.+?)\.?$', para)
    if not m:
        return para.replace('"', "“", 1).replace('"', "”", 1)
    who = m.group(2)
    who = who[0].upper() + who[1:]
    return f"{who} mengatakan, “{m.group(1)}.”"


def requoted(story: Story, rng: random.Random) -> list[str]:
    """Quotes reformatted (curly, attribution first) and a few phrases swapped back and forth."""
    swaps = rng.sample(PHRASES, 4)
    out = []
    for p in story.paras:
        p = _attribution_first(p) if p.startswith('"') else p
        for a, b in swaps:
            p = re.sub(rf"\b{a}\b", b, p, count=1)  # the first use only: an editor's touch
        out.append(p)
    return [story.title, *out]


def amp(story: Story, rng: random.Random) -> list[str]:
    """A Google-AMP / mobile extraction: page chrome, one sentence per line, a pager in the body."""
    site = rng.choice(PORTALS)
    lines = [site, "Menu", story.title, f"Tim Redaksi {site} - {rng.randint(1, 28)} Des 2026"]
    for k, p in enumerate(story.paras):
        lines += sentences(p)
        if k == 2:
            lines += ["ADVERTISEMENT", "Halaman 1 2 Selanjutnya"]
    return [*lines, "Lihat versi lengkap", f"© 2026 {site}", "Kembali ke atas"]


def captioned(story: Story, rng: random.Random) -> list[str]:
    """A photo caption and credit block after the lead, and a team credit at the end."""
    outlet, _ = rng.choice(REGIONAL)
    words = story.title.split()[:5]
    caption = f"FOTO: Suasana terkait {' '.join(words).lower()}. ({outlet}/Dok. Istimewa)"
    credit = f"Penulis: {rng.choice(EDITORS)} | Editor: {rng.choice(EDITORS)}"
    return [story.title, story.paras[0], caption, *story.paras[1:], credit]


def teaser(story: Story, rng: random.Random) -> list[str]:
    """A portal's teaser: the lead, the second paragraph cut mid-way and a read-more link."""
    site = rng.choice(PORTALS)
    second = story.paras[1].split()
    cut = " ".join(second[: max(6, len(second) // 2)])
    slug = "-".join(re.findall(r"[a-z0-9]+", story.title.lower())[:8])
    return [story.title, story.paras[0], f"{cut}...", f"selengkapnya: https://{site}/read/{slug}"]


def rehead(title: str) -> str:
    """Another desk's headline: the clause after a comma first, or a question made of it."""
    if ", " in title:
        a, b = title.split(", ", 1)
        return f"{b[0].upper()}{b[1:]}: {a}"
    return f"Ini Kabar Terbaru soal {title}"


def reheadlined(story: Story, rng: random.Random) -> list[str]:
    """Re-headlined, with the lead cut to its first sentence and the last paragraph dropped."""
    lead = sentences(story.paras[0])[0]
    return [rehead(story.title), lead, *story.paras[1:-1]]


def copy_of_copy(story: Story, rng: random.Random) -> list[str]:
    """A third outlet copying the regional copy: its dateline swapped, re-headlined, tail cut."""
    lines = regional(story, rng)
    outlet, place = rng.choice(REGIONAL)
    lines[0] = rehead(lines[0])
    lines[2] = re.sub(r"^[^-]+ - ", f"{place}, {outlet} - ", lines[2], count=1)
    return lines[:-2]


KINDS: dict[str, Callable[[Story, random.Random], list[str]]] = {
    "regional-intro": regional,
    "paragraphs-recut": resplit,
    "quotes-phrases": requoted,
    "amp-extraction": amp,
    "caption-credit": captioned,
    "teaser-link": teaser,
    "reheadlined": reheadlined,
    "copy-of-copy": copy_of_copy,
}


def copies(story: Story, k: int) -> dict[str, str]:
    """Three or four copies of story ``k`` (kinds taken in turn so each kind recurs)."""
    names = list(KINDS)
    n = 4 if k % 2 == 0 else 3
    chosen = [names[(3 * k + j) % len(names)] for j in range(n)]
    return {kind: "\n".join(KINDS[kind](story, _rng(story, kind))) for kind in chosen}


def build(n_filler: int = 200) -> tuple[list[Group], list[dict]]:
    """Story groups (original first), trap groups, and corpus filler."""
    stories, traps = parse()
    groups = []
    for k, s in enumerate(stories):
        cs = copies(s, k)
        ids = [s.id, *(f"{s.id}~{kind}" for kind in cs)]
        groups.append(Group("copy", ids, [s.text(), *cs.values()], "blind", ",".join(cs)))
    for tid, tkind, docs in traps:
        ids = [f"{tid}#{i}" for i in range(len(docs))]
        groups.append(Group("same_event", ids, docs, "blind", tkind))
    arts = S14.articles("heldout")
    return groups, [{"id": r["id"], "text": r["text"]} for r in arts[:n_filler]]


records = S14.records


def copy_kind(doc_id: str) -> str:
    return doc_id.split("~", 1)[1] if "~" in doc_id else "original"


def per_kind(
    groups: list[Group], kept: set[str], dup: set[str], other: set[str]
) -> dict[str, tuple[int, int, int]]:
    """Per copy kind (and ``original``): members kept, removed as duplicates, removed by others."""
    out: dict[str, list[int]] = {}
    for g in groups:
        if g.kind != "copy":
            continue
        for i in g.ids:
            row = out.setdefault(copy_kind(i), [0, 0, 0])
            row[0 if i in kept else 1 if i in dup else 2] += i in kept or i in dup or i in other
    return {k: (a, b, c) for k, (a, b, c) in out.items()}


def traps_by_kind(groups: list[Group], dup: set[str]) -> dict[str, bool]:
    """Trap kind -> merged (any member removed as a duplicate)."""
    return {g.edits: bool(set(g.ids) & dup) for g in groups if g.kind == "same_event"}
