"""Blind dedup set (session 16, helper blindA): invented stories, their syndicated copies, traps.

Written by someone who never read the dedup code beyond docstrings, so the copies follow what
Indonesian syndication looks like, not what the rules handle. ``dedup_blind16_data.txt`` holds
hand-written stories and same-event traps (invented places, people, outlets; none in the
corpora). Each story becomes a group of five documents of which exactly one must survive:

- ``orig``: the original article (headline line, dateline, paragraphs);
- ``wire``: another outlet's dateline, one middle paragraph dropped, a ``Baca juga`` line,
  two or three typos, a source or initials line at the end;
- ``portal``: a portal's page: header furniture, a re-written headline, another paragraph
  dropped, ``Baca Juga`` glued to the end of a paragraph, a "telah tayang" line, tags, related
  headlines and a copyright line;
- ``portal~teaser``: a third outlet's copy of the portal copy, cut after about half of its
  paragraphs with a "selengkapnya" link (a copy of a copy);
- ``wire~regional``: a copy of the wire copy with regional spelling, two paragraphs merged, a
  re-written headline and the copier's update stamp.

Traps (all members must survive) are different articles about one event that share one whole
paragraph verbatim: a quote, a background paragraph, or an organisation's "Tentang" paragraph.
Filler articles come from the corpora by path (``syndication14.articles``), never stored.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from evaluation.dedup import syndication14 as S14
from evaluation.dedup.syndication14 import Group

DATA = Path(__file__).resolve().parent / "dedup_blind16_data.txt"
# invented copying outlets (name, domain); none is in the corpora
OUTLETS = (
    ("Cahaya Pagi News", "cahayapaginews.com"),
    ("Sinar Muara", "sinarmuara.id"),
    ("Jurnal Tepian", "jurnaltepian.com"),
    ("InfoSatuPintu", "infosatupintu.com"),
    ("Gerbang Sulaya", "gerbangsulaya.co.id"),
    ("Warta Lintas Karang", "lintaskarang.com"),
    ("Suara Kuala Rindu", "suarakualarindu.id"),
    ("Kabar Seberang Tujuh", "seberangtujuh.com"),
)
EDITORS = ("Rizal Hanafiyah", "Debora Sumampouw", "Iwan Kartanegara", "Putri Ayuningtiyas")
HEADLINE_FORMS = (
    "{t}, Begini Kondisinya",
    "UPDATE: {t}",
    "{t} - Simak Faktanya",
    "Viral! {t}",
    "{t}, Warga Diminta Waspada",
)
REGIONAL = {
    "Jumat": "Jum'at",
    "izin": "ijin",
    "risiko": "resiko",
    "November": "Nopember",
    "sekadar": "sekedar",
    "praktik": "praktek",
    "Anda": "anda",
    "mengubah": "merubah",
    "di antaranya": "diantaranya",
    "sepekan": "seminggu",
}
VARIANTS = ("orig", "wire", "portal", "portal~teaser", "wire~regional")
# trap name -> what the members share (for the per-kind summary)
TRAP_KINDS = {
    "longsor-lembah-saru-followup": "background paragraph (follow-up + market story)",
    "beasiswa-nelayan-two-outlets": "quote (two outlets' own angles)",
    "kebakaran-pasar-two-reports": "background paragraph (follow-ups)",
    "rabies-two-releases": "organisation boilerplate (two releases)",
    "kopi-two-angles": "quote (market story + travel feature)",
    "guru-honorer-followup": "quote paragraph (follow-up + feature)",
    "festival-layang-two-days": "quote (day reports of one event)",
    "arisan-victims-and-trial": "quote (victims story + tips)",
    "bus-listrik-two-weeks": "background paragraph (follow-up + protest)",
    "rob-two-days": "agency warning paragraph (two angles)",
    "lsd-two-regencies": "agency advice paragraph (two regencies)",
}
_DATELINE = re.compile(r"^([A-Z][A-Za-z .]{1,40}?),\s*[A-Za-z][\w.-]{1,40}\s*-\s*")


def blocks(path: Path = DATA) -> list[tuple[str, str, list[str]]]:
    """``(kind, name, documents)`` per ``## kind: name`` block (documents split on ``---``)."""
    out: list[tuple[str, str, list[str]]] = []
    for block in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        kind, _, name = head.partition(":")
        docs = [d.strip() for d in re.split(r"^---$", body, flags=re.M) if d.strip()]
        out.append((kind.strip(), name.strip(), docs))
    return out


def _split(doc: str) -> tuple[str, list[str]]:
    title, _, body = doc.partition("\n")
    return title, [p.strip() for p in body.split("\n") if p.strip()]


def _typo(word: str, rng: random.Random) -> str:
    """Swap two inner letters or drop one (words of five letters or more)."""
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i + 1 :]


def _typos(paras: list[str], n: int, rng: random.Random) -> list[str]:
    for _ in range(n):
        k = rng.randrange(len(paras))
        words = paras[k].split(" ")
        j = rng.randrange(len(words))
        words[j] = _typo(words[j], rng)
        paras[k] = " ".join(words)
    return paras


def _redateline(lead: str, outlet: str, rng: random.Random) -> str:
    m = _DATELINE.match(lead)
    place = m.group(1) if m else "PALINDRA"
    rest = lead[m.end() :] if m else lead
    form = rng.choice(("{p}, {o} -- ", "{p} ({o}) - ", "{o}, {p} – "))
    return form.format(p=place.upper(), o=outlet) + rest


def _drop_middle(paras: list[str], rng: random.Random, avoid: int = -1) -> list[str]:
    choices = [i for i in range(1, len(paras) - 1) if i != avoid] or [len(paras) - 1]
    k = rng.choice(choices)
    return paras[:k] + paras[k + 1 :]


def headline(title: str, rng: random.Random) -> str:
    words = title.split()
    cut = " ".join(words[: max(4, len(words) - rng.randint(1, 3))]).rstrip(",:")
    if "," in title and rng.random() < 0.6:
        cut = title.split(",", 1)[0]
    return rng.choice(HEADLINE_FORMS).format(t=cut)


def wire(title: str, paras: list[str], others: list[str], rng: random.Random) -> str:
    """Another outlet's dateline, a dropped paragraph, a ``Baca juga`` line, typos, a tail."""
    name, _ = rng.choice(OUTLETS)
    out = _drop_middle([_redateline(paras[0], name, rng), *paras[1:]], rng)
    out.insert(rng.randrange(2, len(out)), f"Baca juga: {rng.choice(others)}")
    out = _typos(out, rng.randint(2, 3), rng)
    tail = rng.choice(
        (f"(Sumber: {name})", f"({name[:2].lower()}/{rng.choice('abdkmr')}{rng.choice('jnst')})")
    )
    return "\n".join([title, *out, tail])


def _portal_head(name: str, rng: random.Random) -> list[str]:
    day = rng.randint(2, 28)
    return [
        name,
        "Home | News | Daerah | Ekonomi | Olahraga | Lifestyle | Indeks",
        f"{rng.choice(('Senin', 'Selasa', 'Rabu', 'Kamis'))}, {day} November 2026 "
        f"{rng.randint(7, 21):02d}:{rng.randrange(60):02d} WIB",
        f"Penulis: Tim {name} | Editor: {rng.choice(EDITORS)}",
        "Bagikan: Facebook | X | WhatsApp | Telegram | Salin Link",
    ]


def portal(title: str, paras: list[str], others: list[str], source: str, rng: random.Random) -> str:
    """A portal page: header, new headline, a dropped paragraph, glued ``Baca Juga``, tail."""
    name, domain = rng.choice(OUTLETS)
    out = _drop_middle(paras, rng, avoid=2)
    k = rng.randrange(1, len(out) - 1)
    out[k] = f"{out[k]} Baca Juga: {rng.choice(others)}"
    tail = [
        f'Artikel ini telah tayang di {source} dengan judul "{title}"',
        f"Tags: {' '.join(w.lower() for w in title.split()[:3])}",
        "Berita Terkait",
        *rng.sample(others, 2),
        f"Copyright © 2026 {domain}. All Rights Reserved.",
    ]
    return "\n".join([*_portal_head(name, rng), headline(title, rng), *out, *tail])


def teaser(portal_doc: str, rng: random.Random) -> str:
    """A third outlet's copy of the portal copy: body paragraphs up to about half, a link out."""
    lines = portal_doc.split("\n")
    body = lines[6:-6]  # the portal's own header (5 lines + headline) and tail (6 lines) left out
    name, domain = rng.choice(OUTLETS)
    keep = max(2, round(len(body) * rng.uniform(0.45, 0.6)))
    head = [name, f"Redaksi {name}", lines[5]]
    tail = [f"Baca berita selengkapnya di {domain}", f"© {name} 2026"]
    return "\n".join([*head, *body[:keep], *tail])


def regional(wire_doc: str, rng: random.Random) -> str:
    """A copy of the wire copy: regional spelling, two paragraphs merged, new headline, stamp."""
    title, paras = _split(wire_doc)
    text = "\n".join(paras)
    for a, b in REGIONAL.items():
        text = re.sub(rf"\b{re.escape(a)}\b", b, text)
    paras = text.split("\n")
    k = rng.randrange(1, len(paras) - 2)
    paras[k : k + 2] = [f"{paras[k]} {paras[k + 1]}"]
    stamp = (
        f"Diperbarui {rng.randint(2, 28)}/11/2026 {rng.randint(7, 21):02d}.{rng.randrange(60):02d}"
    )
    return "\n".join([headline(title, rng), stamp, *paras])


def story_group(name: str, doc: str, others: list[str], rng: random.Random) -> Group:
    """The original and its four copies (exactly one must survive)."""
    title, paras = _split(doc)
    m = re.search(r",\s*([\w.-]+\.(?:com|id|news|co\.id))\s*-", paras[0])
    source = m.group(1) if m else "sumber aslinya"
    w = wire(title, paras, others, rng)
    p = portal(title, paras, others, source, rng)
    texts = [doc, w, p, teaser(p, rng), regional(w, rng)]
    ids = [f"b16-{name}" if v == "orig" else f"b16-{name}~{v}" for v in VARIANTS]
    return Group("copy", ids, texts, "blind", "wire, portal, teaser of portal, regional of wire")


def build(seed: int = 1607, n_filler: int = 200) -> tuple[list[Group], list[dict]]:
    """Story groups, trap groups and filler articles from the corpora (unchanged)."""
    rng = random.Random(seed)
    bl = blocks()
    titles = [docs[0].split("\n", 1)[0] for kind, _, docs in bl if kind == "story"]
    groups = []
    for kind, name, docs in bl:
        if kind == "story":
            others = [t for t in titles if t != docs[0].split("\n", 1)[0]]
            groups.append(story_group(name, docs[0], others, rng))
        else:
            ids = [f"b16trap-{name}#{k}" for k in range(len(docs))]
            groups.append(Group("same_event", ids, docs, "blind", TRAP_KINDS.get(name, "trap")))
    arts = S14.articles("tune") if n_filler else []
    filler = [{"id": r["id"], "text": r["text"]} for r in arts[:n_filler]]
    return groups, filler


records = S14.records


def variant_kind(doc_id: str) -> str:
    """The variant a story member is (``orig`` for the original)."""
    return doc_id.split("~", 1)[1] if "~" in doc_id else "orig"


def per_variant(
    groups: list[Group], kept: set[str], dup: set[str], other: set[str]
) -> dict[str, list[int]]:
    """Per variant kind: ``[kept, removed as duplicate, removed by another step]`` over all
    story groups (a collapsed group keeps exactly one member)."""
    out = {v: [0, 0, 0] for v in VARIANTS}
    for g in groups:
        if g.kind != "copy":
            continue
        for i in g.ids:
            c = out[variant_kind(i)]
            c[0 if i in kept else 1 if i in dup else 2] += 1
    return out
