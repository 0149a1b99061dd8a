"""A second syndication round (session 14): transformations and traps the first set did not use.

The first set (``syndication.py``) only changed the dateline, dropped a paragraph, inserted
``Baca juga`` lines, typos and a source line, and its traps shared no sentences. Here a copy gets
two to four of these edits (base articles from gikirima and the GitHub scrapes, read by path,
never stored; the first set used IndoSum and detik):

- the headline rewritten, and the lead paragraph rewritten by the syndicating outlet;
- paragraphs reordered or merged;
- photo captions and embedded tweets inserted;
- truncated after a few paragraphs, ending in ``Selengkapnya di <outlet>``;
- another outlet's full furniture (menu, byline, share bar; tags, related headlines, copyright);
- a regional outlet's spelling (``ijin``, ``praktek``, ``Jum'at``, ``Ramadhan`` ...);
- a copy of a copy (a group of three: exactly one must survive).

Traps (``data/traps14.txt``, written by hand for this set, entities invented): two write-ups of
one press conference quoting the same sentences, two reports of one fixture, and daily reports
filled into one template (weather, gold and rupiah prices, fuel, case counts, a league table
line, air quality, a quake bulletin): the same template with different figures must stay apart.
Groups go to the ``tune`` or ``heldout`` half by a hash of the base article id or trap name.
"""

from __future__ import annotations

import gzip
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import xxhash

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
SOURCES = ("id_news_gikirima_multioutlet.jsonl.gz", "id_news_github_scrapes.jsonl.gz")
TRAPS = Path(__file__).resolve().parent / "data" / "traps14.txt"
# invented outlets (none is in the corpora)
OUTLETS = ("Warta Lembah.id", "KabarPesisir.com", "Suara Tapanuli", "Radar Kapuas", "Lintas Bumi News",
           "BeritaSenja.co.id", "Pojok Timur", "Gema Sriwijaya", "Harian Selat", "Metro Pantura",
           "Cakrawala Minahasa", "InfoTeluk.net")
PLACES = ("PADANG", "Pontianak", "KENDARI", "Jambi", "Ambon", "Mataram", "PEKANBARU", "Palu")
_DATELINE = re.compile(r"^[A-Za-z][A-Za-z .,]{1,40}?\s*[-–—]{1,2}\s*")
# a syndicating outlet's lead openers and plain-word substitutions (written for this set)
OPENERS = ("Kabar terbaru,", "Seperti dilaporkan sebelumnya,", "Dalam perkembangan terbaru,",
           "Diberitakan,", "Informasi yang dihimpun menyebutkan,")
SYNONYMS = {"mengatakan": "menyebutkan", "telah": "sudah", "akan": "bakal", "saat ini": "kini",
            "namun": "akan tetapi", "tersebut": "itu", "sebanyak": "sejumlah", "menurut": "kata",
            "sangat": "amat", "karena": "sebab", "hingga": "sampai", "juga": "pun", "pada": "di"}
REGIONAL = {"izin": "ijin", "praktik": "praktek", "Jumat": "Jum'at", "Ramadan": "Ramadhan",
            "risiko": "resiko", "zaman": "jaman", "sekadar": "sekedar", "mengubah": "merubah",
            "utang": "hutang", "silakan": "silahkan", "nasihat": "nasehat", "objek": "obyek",
            "analisis": "analisa", "November": "Nopember", "Februari": "Pebruari", "salat": "sholat",
            "Yogyakarta": "Jogjakarta", "Anda": "anda", "apotek": "apotik", "kualitas": "kwalitas"}
CAPTIONS = ("Foto: {w} saat ditemui di lokasi. (Dok. {o})", "Ilustrasi {w}. (Foto: {o}/Istimewa)",
            "FOTO: Suasana {w} pada hari kejadian (Tim {o})", "Tangkapan layar video {w} yang beredar di media sosial.")
TWEETS = ("{w} sudah jelas, jangan mudah percaya kabar yang belum pasti. #{h} pic.twitter.com/{c}",
          "Semoga {w} segera ada titik terang 🙏 #{h}", "Pantauan terkini soal {w}, mohon disebar. pic.twitter.com/{c}")
HEADER = ("{O}", "Beranda | Nasional | Daerah | Ekonomi | Olahraga | Indeks", "{d}, 14:{m:02d} WIB",
          "Penulis: {p} | Editor: {e}", "Bagikan: Facebook Twitter WhatsApp Telegram Salin Tautan")
FOOTER = ("Tag: {t1} {t2}", "Berita Terkait", "{h1}", "{h2}", "{h3}",
          "Ikuti {O} di Google News untuk update berita terbaru", "Copyright © 2024 {O}. All rights reserved.")
PEOPLE = ("Rinto Sagala", "Marlina Usman", "Yosef Kolo", "Nurul Aini", "Dedi Tarigan", "Sinta Mamuaja")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jum'at", "Sabtu", "Minggu")


@dataclass
class Group:
    """Documents that are one story (``copy``: exactly one must survive) or only one event or
    template (``same_event``: all must survive)."""

    kind: str
    ids: list[str]
    texts: list[str]
    half: str
    edits: str = ""


def half_of(key: str) -> str:
    return "tune" if xxhash.xxh64_intdigest(key.encode()) % 2 == 0 else "heldout"


def _records(name: str, corpora: Path) -> Iterator[dict]:
    path = corpora / name
    if path.exists():
        with gzip.open(path, "rb") as f:
            for line in f:
                yield orjson.loads(line)


def _paras(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _words(text: str, rng: random.Random, n: int) -> str:
    ws = [w.strip(".,\"“”()") for w in text.split() if len(w) > 4 and w.isalpha()]
    if len(ws) < n:
        return "warga setempat"
    k = rng.randrange(len(ws) - n + 1)
    return " ".join(ws[k : k + n]).lower()


def _sub_words(text: str, table: dict[str, str], share: float, rng: random.Random) -> str:
    for a, b in table.items():
        if rng.random() < share:
            text = re.sub(rf"\b{re.escape(a)}\b", b, text)
    return text


def rewrite_headline(title: str, rng: random.Random) -> str:
    words = title.split()
    cut = " ".join(words[: max(3, len(words) - rng.randint(1, 3))]).rstrip(",:")
    forms = ("{t}, Ini Penjelasannya", "Begini {t}", "Fakta Terbaru: {t}", "{t}? Simak Selengkapnya",
             "VIDEO: {t}")
    return rng.choice(forms).format(t=cut)


def rewrite_lead(lead: str, rng: random.Random) -> str:
    """The syndicating outlet's own lead: an opener, the first sentence with its clauses swapped
    and plain-word substitutions; the lead's other sentences dropped half the time."""
    sents = re.split(r"(?<=[.!?])\s+", lead)
    first = sents[0]
    if "," in first:
        a, b = first.rstrip(".").split(",", 1)
        first = f"{b.strip()}, {a[:1].lower() + a[1:]}." if rng.random() < 0.6 else first
    first = _sub_words(first, SYNONYMS, 0.9, rng)
    rest = sents[1:] if rng.random() < 0.5 else []
    return " ".join([f"{rng.choice(OPENERS)} {first[:1].lower()}{first[1:]}", *rest])


def reorder_or_merge(paras: list[str], rng: random.Random) -> list[str]:
    if len(paras) < 4:
        return paras
    i = rng.randrange(1, len(paras) - 1)
    if rng.random() < 0.5:
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    else:
        paras[i : i + 2] = [paras[i] + " " + paras[i + 1]]
    return paras


def media(paras: list[str], rng: random.Random, outlet: str) -> list[str]:
    body = " ".join(paras)
    for _ in range(rng.randint(1, 2)):
        cap = rng.choice(CAPTIONS).format(w=_words(body, rng, 2), o=outlet)
        paras.insert(rng.randrange(1, len(paras) + 1), cap)
    if rng.random() < 0.7:
        handle = rng.choice(("infowarga", "kabarkota_id", "relawanbersatu", "pantaulalin"))
        tw = rng.choice(TWEETS).format(w=_words(body, rng, 2), h=_words(body, rng, 1).capitalize(),
                                       c="".join(rng.choice("abcdefghijkXYZ0123456789") for _ in range(10)))
        k = rng.randrange(1, len(paras) + 1)
        paras[k:k] = [tw, f"— {handle.title()} (@{handle}) {rng.randint(1, 28)} Mei 2024"]
    return paras


def truncate(paras: list[str], rng: random.Random, outlet: str) -> list[str]:
    k = max(2, round(len(paras) * rng.uniform(0.4, 0.65)))
    tail = rng.choice((f"Selengkapnya di {outlet}", f"Baca selengkapnya di {outlet}",
                       f"Selengkapnya di https://{outlet.lower().replace(' ', '')}/berita"))
    return [*paras[:k], tail]


def furniture(paras: list[str], rng: random.Random, outlet: str, headlines: list[str]) -> list[str]:
    fill = {"O": outlet, "d": rng.choice(DAYS) + f", {rng.randint(1, 28)} Mei 2024", "m": rng.randrange(60),
            "p": rng.choice(PEOPLE), "e": rng.choice(PEOPLE), "t1": _words(" ".join(paras), rng, 1),
            "t2": _words(" ".join(paras), rng, 1), "h1": rng.choice(headlines), "h2": rng.choice(headlines),
            "h3": rng.choice(headlines)}
    return [*(h.format(**fill) for h in HEADER), *paras, *(f.format(**fill) for f in FOOTER)]


def _dateline(paras: list[str], rng: random.Random, outlet: str) -> list[str]:
    paras[0] = f"{rng.choice(PLACES)}, {outlet} -- {_DATELINE.sub('', paras[0], count=1)}"
    return paras


EDITS = ("headline", "lead", "reorder", "media", "truncate", "furniture", "regional")


def syndicate(title: str, body: str, headlines: list[str], rng: random.Random) -> tuple[str, str]:
    """A partner outlet's copy of ``title`` + ``body`` and the names of the edits made."""
    outlet = rng.choice(OUTLETS)
    edits = set(rng.sample(EDITS, rng.randint(2, 4)))
    paras = _paras(body)
    if "lead" in edits:
        paras[0] = rewrite_lead(_DATELINE.sub("", paras[0], count=1), rng)
    else:
        paras = _dateline(paras, rng, outlet)
    if "reorder" in edits:
        paras = reorder_or_merge(paras, rng)
    if "media" in edits:
        paras = media(paras, rng, outlet)
    if "regional" in edits:
        paras = [_sub_words(p, REGIONAL, 1.0, rng) for p in paras]
    if "truncate" in edits:
        paras = truncate(paras, rng, outlet)
    head = rewrite_headline(title, rng) if "headline" in edits and title else title
    if head:
        paras.insert(0, head)
    if "furniture" in edits:
        paras = furniture(paras, rng, outlet, headlines)
    return "\n".join(paras), "+".join(sorted(edits))


def _key(text: str) -> tuple[str, str]:
    ws = text.lower().split()
    return " ".join(ws[15:55]), " ".join(ws[-40:])


def articles(half: str, corpora: Path = CORPORA) -> list[dict]:
    """Distinct articles of the half with at least four paragraphs (the sources re-crawl and copy
    articles under other ids: one of each, keyed on a middle and an end window of words)."""
    arts, seen = [], set()
    for name in SOURCES:
        for r in _records(name, corpora):
            if r.get("lang", "id") != "id" or r["text"].count("\n") < 3 or not 1200 < len(r["text"]) < 8000:
                continue
            mid, end = _key(r["text"])
            if mid in seen or end in seen:
                continue
            seen.update((mid, end))
            if half_of(r["id"]) == half:
                arts.append(r)
    return arts


def load_traps(half: str, path: Path = TRAPS) -> list[Group]:
    """Hand-written trap groups of the half: blocks ``## name`` with documents separated by
    ``---``; a ``{a|b|c}`` slot takes its n-th choice in the n-th document (templates)."""
    groups: list[Group] = []
    name, body = None, []

    def close() -> None:
        if name is None or half_of(name) != half:
            return
        docs = [d.strip() for d in "\n".join(body).split("\n---\n") if d.strip()]
        if len(docs) == 1:  # a template: one document per choice of its slots
            n = len(re.search(r"\{([^{}]*)\}", docs[0]).group(1).split("|"))
            docs = [re.sub(r"\{([^{}]*)\}", lambda m, k=k: m.group(1).split("|")[k], docs[0]) for k in range(n)]
        groups.append(Group("same_event", [f"{name}#{k}" for k in range(len(docs))], docs, half, "trap"))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not line.startswith("## "):
            continue
        if line.startswith("## "):
            close()
            name, body = line[3:].strip(), []
        elif name is not None:
            body.append(line)
    close()
    return groups


def build(half: str, n_copies: int = 160, n_chains: int = 30, seed: int = 14,
          corpora: Path = CORPORA) -> tuple[list[Group], list[dict]]:
    """Groups of the half (copies, copies of copies, traps) and filler articles (unchanged)."""
    rng = random.Random(seed)
    arts = articles(half, corpora)
    if not arts:
        return [], []
    rng.shuffle(arts)
    headlines = [r.get("title") or r["text"][:80] for r in arts[-200:]]
    groups: list[Group] = []
    for i, r in enumerate(arts[: n_copies + n_chains]):
        title = (r.get("title") or "").strip()
        orig = f"{title}\n{r['text']}" if title else r["text"]
        copy, edits = syndicate(title, r["text"], headlines, rng)
        ids, texts = [r["id"], r["id"] + "~s14"], [orig, copy]
        if i >= n_copies:  # a copy of the copy, by a third outlet
            lines = copy.split("\n")
            t2, b2 = (lines[0], "\n".join(lines[1:])) if title else ("", copy)
            copy2, e2 = syndicate(t2, b2, headlines, rng)
            ids.append(r["id"] + "~s14~s14")
            texts.append(copy2)
            edits += " then " + e2
        groups.append(Group("copy", ids, texts, half, edits))
    groups += load_traps(half)
    filler = [{"id": r["id"], "text": r["text"]} for r in arts[n_copies + n_chains : n_copies + n_chains + 300]]
    return groups, filler


def records(groups: list[Group], filler: list[dict]) -> list[dict]:
    out = [{"id": i, "text": t} for g in groups for i, t in zip(g.ids, g.texts, strict=True)]
    return out + filler


def judge(groups: list[Group], kept: set[str], dup_rejected: set[str],
          other_rejected: set[str] = frozenset()) -> dict[str, object]:
    """Copies collapsed (exactly one member kept, every other rejected as a duplicate; groups with
    a member rejected by another step are left out) and trap groups merged (any member rejected
    as a duplicate), with the failing groups' ids."""
    live = [g for g in groups if not set(g.ids) & other_rejected]
    copies = [g for g in live if g.kind == "copy"]
    traps = [g for g in live if g.kind == "same_event"]
    missed = [g for g in copies
              if not (sum(i in kept for i in g.ids) == 1 and sum(i in dup_rejected for i in g.ids) == len(g.ids) - 1)]
    merged = [g for g in traps if set(g.ids) & dup_rejected]
    return {"copies": len(copies), "collapsed": 1 - len(missed) / len(copies) if copies else 0.0,
            "traps": len(traps), "traps_merged": len(merged), "missed": missed, "merged": merged}
