"""Blind dedup set (session 17): invented stories with syndicated copies, and same-event traps.

The stories and traps are hand-written (``dedup_blind17_data.txt``; invented outlets, places,
people and events). Each story becomes one group (the original plus three or four copies, exactly
one of which must survive), made here by the edits real syndication shows on Indonesian sites:

- ``wire``: another outlet's dateline, one middle paragraph dropped, an editor credit at the end,
  two typos;
- ``portal``: a portal's head (site name, menu, date, reporter), its own headline, ``Baca juga``
  lines between paragraphs and a tail of tags and related headlines;
- ``rewrite``: another headline and a rewritten lead, the last paragraph dropped;
- ``teaser``: the first half of the story and a "read the rest at" line;
- ``extract``: the same text extracted differently (paragraphs run together, HTML entities,
  missing spaces after full stops, doubled spaces);
- ``spelling``: regional spellings and typos, a photo caption line;
- ``wire~copy``: a third outlet's copy of the wire copy, another paragraph dropped, a portal head.

Traps (``same_event``: every member must survive) are different articles about one event that
share a quote, a background paragraph, an organisation's "about" paragraph or a template.
Filler articles come from the corpora by path, as in ``evaluation/dedup/syndication14.py``.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.dedup import syndication14 as S14
from evaluation.dedup.syndication14 import Group

DATA = Path(__file__).resolve().parent / "dedup_blind17_data.txt"
# outlets that re-publish (invented, none in ../shared/corpora)
COPIERS = (
    ("Warta Muara", "warta-muara.com", "WM"),
    ("Suara Hulu Kapuas", "suarahulukapuas.com", "SHK"),
    ("Pesisir Barat News", "pesisirbaratnews.com", "PBN"),
    ("Kabar Sejagat", "kabarsejagat.com", "KS"),
    ("Ekonomi Rakyat", "ekonomirakyat.id", "ER"),
    ("Sorot Daerah", "sorotdaerah.net", "SD"),
)
RELATED = (
    "Harga Emas Hari Ini Turun Tipis, Cek Daftarnya",
    "Jadwal Pemadaman Listrik Pekan Ini",
    "Ombak Tinggi, Penyeberangan ke Pulau Kecil Ditunda",
    "Lowongan Kerja Desember 2026 Dibuka, Ini Syaratnya",
    "Bupati Tinjau Jalan Rusak di Perbatasan",
    "Cuaca Besok Diprediksi Hujan Lebat Disertai Petir",
)
REGIONAL = (
    ("izin", "ijin"),
    ("November", "Nopember"),
    ("Jumat", "Jum'at"),
    ("praktik", "praktek"),
    ("sekadar", "sekedar"),
)
COPY_KINDS = ("portal", "rewrite", "teaser", "extract", "spelling")


@dataclass
class Story:
    name: str
    head: dict[str, str]
    paras: list[str]

    def original(self) -> str:
        first = f"{self.head['place']}, {self.head['outlet']} - {self.paras[0]}"
        return "\n".join([self.head["title"], first, *self.paras[1:]])


@dataclass
class Blocks:
    stories: list[Story] = field(default_factory=list)
    traps: list[tuple[str, list[str]]] = field(default_factory=list)


def parse(path: Path = DATA) -> Blocks:
    """Stories and traps of the data file (format in its header)."""
    out = Blocks()
    text = "\n".join(
        ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("# ")
    )
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        kind, _, name = head.partition(":")
        name = name.strip().split()[0]
        if kind.strip() == "story":
            meta, _, paras = body.strip().partition("\n\n")
            fields = dict(ln.split(": ", 1) for ln in meta.splitlines())
            out.stories.append(Story(name, fields, [p for p in paras.splitlines() if p.strip()]))
        else:
            docs = [d.strip() for d in re.split(r"^---$", body, flags=re.M) if d.strip()]
            out.traps.append((name, docs))
    return out


def _typos(text: str, rng: random.Random, n: int) -> str:
    words = text.split(" ")
    for _ in range(n):
        k = rng.randrange(len(words))
        w = words[k]
        if len(w) >= 6 and w.isalpha():
            i = rng.randrange(1, len(w) - 2)
            words[k] = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return " ".join(words)


def _dateline(place: str, outlet: tuple[str, str, str], rng: random.Random) -> str:
    name, domain, short = outlet
    return rng.choice(
        (
            f"{place}, {domain.upper()} - ",
            f"{place.title()} ({short}) - ",
            f"{place} | {name} — ",
            f"{domain.capitalize()}, {place} – ",
        )
    )


def _portal_head(title: str, outlet: tuple[str, str, str], rng: random.Random) -> list[str]:
    name, domain, _ = outlet
    day = rng.randint(1, 9)
    return [
        domain,
        "Home | News | Daerah | Ekonomi | Olahraga | Hiburan | Indeks",
        title,
        f"Senin, 0{day} Desember 2026 | {rng.randint(6, 22)}:{rng.randint(10, 59)} WIB",
        f"Reporter: Tim {name}",
    ]


def _portal_tail(outlet: tuple[str, str, str], rng: random.Random) -> list[str]:
    return [
        "Tags: daerah, berita terkini",
        "Berita Terkait",
        *rng.sample(RELATED, 3),
        f"Copyright © 2026 {outlet[0]}. All rights reserved.",
    ]


def wire(s: Story, rng: random.Random, outlet: tuple[str, str, str]) -> str:
    paras = list(s.paras)
    del paras[rng.randrange(2, len(paras) - 1)]
    paras[0] = _dateline(s.head["place"], outlet, rng) + paras[0]
    paras[-1] += f" ({outlet[2].lower()}/{rng.choice(('ant', 'red', 'rls'))})"
    return _typos("\n".join([s.head["title"], *paras]), rng, 2)


def portal(title: str, paras: list[str], rng: random.Random, outlet) -> str:
    body = list(paras)
    for _ in range(2):
        body.insert(rng.randrange(1, len(body)), f"Baca juga: {rng.choice(RELATED)}")
    return "\n".join([*_portal_head(title, outlet, rng), *body, *_portal_tail(outlet, rng)])


def rewrite(s: Story) -> str:
    return "\n".join([s.head["title2"], s.head["lead2"], *s.paras[1:-1]])


def teaser(s: Story, outlet) -> str:
    half = s.paras[: (len(s.paras) + 1) // 2]
    more = f"Baca selengkapnya di {outlet[0]}: https://{outlet[1]}/read/2026/12/{s.name}"
    return "\n".join([s.head["title"], *half, more])


def extract(s: Story, rng: random.Random) -> str:
    text = " ".join(s.paras).replace('"', "&quot;")
    text = re.sub(r"\. (?=[A-Z])", lambda m: ". " if rng.random() < 0.6 else ".", text)
    text = re.sub(r", ", lambda m: ",  " if rng.random() < 0.1 else ", ", text)
    return f"{s.head['title']}&nbsp;\n{text}"


def spelling(s: Story, rng: random.Random) -> str:
    text = "\n".join(
        [s.head["title"], s.paras[0], f"Foto: ilustrasi ({s.head['outlet']})", *s.paras[1:]]
    )
    for std, reg in REGIONAL:
        text = text.replace(std, reg)
    return _typos(text, rng, 4)


def copy_of_wire(wire_text: str, rng: random.Random, outlet) -> str:
    title, *paras = wire_text.split("\n")
    if len(paras) > 4:
        del paras[rng.randrange(1, len(paras) - 1)]
    return portal(title, paras, rng, outlet)


def copies(s: Story, k: int, rng: random.Random) -> dict[str, str]:
    """Variant kind -> text: the wire copy, a copy of it, and two or one other kinds."""
    o1, o2, o3, o4 = rng.sample(COPIERS, 4)
    w = wire(s, rng, o1)
    out = {"wire": w, "wire~copy": copy_of_wire(w, rng, o2)}
    makers = {
        "portal": lambda: portal(s.head["title2"], s.paras, rng, o3),
        "rewrite": lambda: rewrite(s),
        "teaser": lambda: teaser(s, o4),
        "extract": lambda: extract(s, rng),
        "spelling": lambda: spelling(s, rng),
    }
    extra = (COPY_KINDS[k % 5], COPY_KINDS[(k + 2) % 5])[: 2 if k % 2 == 0 else 1]
    out.update({kind: makers[kind]() for kind in extra})
    return out


def build(seed: int = 17, n_filler: int = 200) -> tuple[list[Group], list[dict]]:
    """Story groups, trap groups and filler articles (unchanged corpus articles)."""
    rng = random.Random(seed)
    blocks = parse()
    groups = []
    for k, s in enumerate(blocks.stories):
        cs = copies(s, k, rng)
        ids = [s.name, *(f"{s.name}~{v}" for v in cs)]
        groups.append(Group("copy", ids, [s.original(), *cs.values()], "blind", "+".join(cs)))
    for name, docs in blocks.traps:
        ids = [f"{name}#{i}" for i in range(len(docs))]
        groups.append(Group("same_event", ids, docs, "blind", "trap"))
    filler = [{"id": r["id"], "text": r["text"]} for r in S14.articles("tune")[:n_filler]]
    return groups, filler


records = S14.records


def variant(doc_id: str) -> str:
    return doc_id.split("~", 1)[1] if "~" in doc_id else "original"


def per_variant(
    groups: list[Group], kept: set[str], dup: set[str], other: set[str]
) -> dict[str, tuple[int, int, int]]:
    """Variant kind -> (kept, removed as duplicate, removed by another step) over story groups."""
    c: Counter = Counter()
    for g in groups:
        if g.kind != "copy":
            continue
        for i in g.ids:
            v = variant(i)
            c[v, "k"] += i in kept
            c[v, "d"] += i in dup
            c[v, "o"] += i in other
    names = sorted({v for v, _ in c})
    return {v: (c[v, "k"], c[v, "d"], c[v, "o"]) for v in names}
