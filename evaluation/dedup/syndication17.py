"""A fourth syndication round (session 16): invented stories, six documents each, and traps.

Every story is written by hand (``data/stories17.txt``; places, people, outlets and figures grepped
absent from the corpora and from sets 13/14/16). Each becomes a group of six documents of which
exactly one must survive: the original; a wire copy (another outlet's dateline, a paragraph
dropped, ``Baca juga`` lines, typos, a source line); a copy with two paragraphs dropped and two
swapped; a copy with an editor's paragraph added; a partner copy with two to four of set 14's
edits (re-headlined, lead rewritten, truncated, furniture, ...); and a copy of the partner's copy
by a third outlet (wire edits on top). Outlets and datelines are new to this set.

Traps (``data/traps17.txt``): two outlets quoting one press conference, a follow-up repeating the
first story's background, wire boilerplate about an organisation in two of its stories, a live
blog and its later update (newer entries on top, older ones partly kept). Halves are fixed in the
data files (``dev`` / ``heldout``); filler articles come from the corpora as in sets 14 and 16.
"""

from __future__ import annotations

import random
from pathlib import Path

from evaluation.dedup import syndication14 as S14
from evaluation.dedup import syndication16 as S16
from evaluation.dedup.syndication14 import Group

DATA = Path(__file__).resolve().parent / "data"
STORIES, TRAPS = DATA / "stories17.txt", DATA / "traps17.txt"
OUTLETS = (
    "Kabar Ngarai",
    "Tirta Pos",
    "Warta Sabana",
    "LensaDanau.id",
    "Pijar Selatan",
    "Gema Seruling",
    "SuaraKenari.com",
)
PLACES = ("NGARAI BIRU", "Tirta Jaya", "SABANA JAYA", "Danau Sipura", "KARANG ASRI")
# paragraphs an outlet adds to its copy (editor's note, local angle); shared by unrelated copies
EDITOR = (
    "Catatan redaksi: artikel ini telah diperbarui dengan keterangan tambahan dari narasumber di "
    "lapangan. {o} akan terus mengikuti perkembangan peristiwa ini.",
    "Redaksi {o} mencoba menghubungi pemerintah daerah untuk meminta tanggapan, tetapi hingga "
    "berita ini diturunkan belum ada jawaban.",
    "Bagi pembaca yang memiliki informasi tambahan terkait peristiwa ini, silakan hubungi redaksi "
    "{o} melalui surel atau pesan singkat yang tercantum di halaman kontak.",
)


def _dateline(paras: list[str], rng: random.Random) -> list[str]:
    return [f"{rng.choice(PLACES)}, {rng.choice(OUTLETS)} -- {paras[0]}", *paras[1:]]


def drop_two_swap(title: str, body: str, rng: random.Random) -> str:
    """Two body paragraphs (not the lead) dropped, two neighbours swapped, a new dateline."""
    paras = S14._paras(body)
    for _ in range(2):
        if len(paras) > 3:
            del paras[rng.randrange(1, len(paras))]
    i = rng.randrange(1, len(paras) - 1)
    paras[i], paras[i + 1] = paras[i + 1], paras[i]
    return "\n".join([title, *_dateline(paras, rng)])


def editor_copy(title: str, body: str, headlines: list[str], rng: random.Random) -> str:
    """The whole story with the outlet's dateline, an added editor's paragraph and a ``Baca juga``."""
    outlet = rng.choice(OUTLETS)
    paras = _dateline(S14._paras(body), rng)
    note = rng.choice(EDITOR).format(o=outlet)
    paras.insert(rng.choice((len(paras), rng.randrange(2, len(paras)))), note)
    paras.insert(rng.randrange(1, len(paras)), f"Baca juga: {rng.choice(headlines)}")
    return "\n".join([title, *paras])


def story_group(half: str, name: str, doc: str, headlines: list[str], rng: random.Random) -> Group:
    """The original and five copies of one story (exactly one must survive)."""
    title, body = S16._split(doc)
    wire = S16.wire_copy(title, body, headlines, rng)
    dropped = drop_two_swap(title, body, rng)
    edited = editor_copy(title, body, headlines, rng)
    partner, e1 = S14.syndicate(title, body, headlines, rng)
    t2, b2 = S16._split(partner)
    third = S16.wire_copy(t2, b2, headlines, rng)
    ids = [name, *(f"{name}~{k}" for k in ("wire", "drop2", "editor", "partner", "partner~third"))]
    docs = [doc, wire, dropped, edited, partner, third]
    return Group("copy", ids, docs, half, f"partner {e1}")


def build(half: str, seed: int = 17, n_filler: int = 200) -> tuple[list[Group], list[dict]]:
    """Groups of the half (stories with their copies, traps) and filler articles (unchanged)."""
    rng = random.Random(seed)
    stories = S16._blocks(STORIES)
    headlines = [docs[0].split("\n", 1)[0] for _, _, docs in stories]
    groups = [
        story_group(h, name, docs[0], headlines, rng) for h, name, docs in stories if h == half
    ]
    groups += [
        Group("same_event", [f"{name}#{k}" for k in range(len(docs))], docs, h, "trap")
        for h, name, docs in S16._blocks(TRAPS)
        if h == half
    ]
    arts = S14.articles(half)
    filler = [{"id": r["id"], "text": r["text"]} for r in arts[:n_filler]]
    return groups, filler


records = S14.records
judge = S16.judge
