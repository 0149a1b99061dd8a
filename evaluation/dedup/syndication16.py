"""A third syndication round (session 15): invented stories and traps that re-use paragraphs.

Sets 13 and 14 copied real articles; here every story is written by hand (``data/stories16.txt``,
invented places, people and figures), so nothing in the corpora repeats it. Each story becomes a
group of five documents of which exactly one must survive: the original, a wire-style copy
(another outlet's dateline, one paragraph dropped, ``Baca juga`` lines, typos, a source line), a
partner copy with two to four of set 14's edits (headline or lead rewritten, reordered or merged
paragraphs, captions, a truncated teaser, another outlet's furniture, regional spelling), a copy
of that copy by a third outlet (truncated or re-headlined), and a re-headlined copy of the wire
copy. Outlets, datelines and captions are new (none in sets 13/14 or the corpora).

Traps (``data/traps16.txt``): different articles about one event that share whole paragraphs
verbatim, the shape the real wrong merges of session 14 had: two outlets quoting the same press
conference, a follow-up repeating the first story's background, an organisation's boilerplate
paragraph in two of its releases. Halves are fixed in the data files (``dev`` / ``heldout``);
filler articles come from the corpora (read by path, never stored) as in set 14.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from evaluation.dedup import syndication14 as S14
from evaluation.dedup.syndication14 import Group

DATA = Path(__file__).resolve().parent / "data"
STORIES, TRAPS = DATA / "stories16.txt", DATA / "traps16.txt"
# invented outlets and datelines of this set
OUTLETS = (
    "Kabar Seruni",
    "Gerbang Timur News",
    "RadarTeluk.id",
    "Suara Lereng",
    "Warta Kepulauan",
    "Lintas Muara",
    "Pelita Hulu",
    "InfoBandarLaut.com",
    "Obor Pesisir",
    "Tapian Pos",
)
PLACES = (
    "MUARA SERUNI",
    "Bandar Laut",
    "TANJUNG BUIH",
    "Lembah Arum",
    "RAWA LESTARI",
    "Sungai Pandan",
)
HALVES = {"dev": "tune", "heldout": "heldout"}


def _blocks(path: Path) -> list[tuple[str, str, list[str]]]:
    """``(half, name, documents)`` per ``## half: name`` block (documents split on ``---``)."""
    out: list[tuple[str, str, list[str]]] = []
    for block in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        half, _, name = head.partition(":")
        docs = [d.strip() for d in re.split(r"^---$", body, flags=re.M) if d.strip()]
        out.append((HALVES[half.strip()], name.strip(), docs))
    return out


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    return (
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if rng.random() < 0.5
        else word[:i] + word[i + 1 :]
    )


def wire_copy(title: str, body: str, headlines: list[str], rng: random.Random) -> str:
    """Another outlet's dateline, a paragraph dropped, ``Baca juga`` lines, 2-4 typos and
    sometimes a source line."""
    paras = S14._paras(body)
    paras[0] = f"{rng.choice(PLACES)}, {rng.choice(OUTLETS)} - {paras[0]}"
    if len(paras) >= 4:
        del paras[rng.randrange(1, len(paras))]
    for _ in range(rng.choice((1, 2))):
        paras.insert(rng.randrange(1, len(paras) + 1), f"Baca juga: {rng.choice(headlines)}")
    words = "\n".join([title, *paras]).split(" ")
    for _ in range(rng.randint(2, 4)):
        k = rng.randrange(len(words))
        words[k] = _typo(words[k], rng)
    out = " ".join(words)
    return out + f"\n(Sumber: {rng.choice(OUTLETS)})" if rng.random() < 0.5 else out


def _split(doc: str) -> tuple[str, str]:
    title, _, body = doc.partition("\n")
    return title, body


def story_group(half: str, name: str, doc: str, headlines: list[str], rng: random.Random) -> Group:
    """The original and four copies of one story (exactly one must survive)."""
    title, body = _split(doc)
    wire = wire_copy(title, body, headlines, rng)
    partner, e1 = S14.syndicate(title, body, headlines, rng)
    t2, b2 = _split(partner)
    second, e2 = S14.syndicate(t2, b2, headlines, rng)  # a copy of the partner's copy
    t3, b3 = _split(wire)
    rehead = "\n".join([S14.rewrite_headline(t3, rng), b3])
    ids = [
        f"{name}",
        f"{name}~wire",
        f"{name}~partner",
        f"{name}~partner~third",
        f"{name}~wire~rehead",
    ]
    return Group(
        "copy", ids, [doc, wire, partner, second, rehead], half, f"partner {e1}; third {e2}"
    )


def build(half: str, seed: int = 16, n_filler: int = 200) -> tuple[list[Group], list[dict]]:
    """Groups of the half (stories with their copies, traps) and filler articles (unchanged)."""
    rng = random.Random(seed)
    stories = _blocks(STORIES)
    headlines = [docs[0].split("\n", 1)[0] for _, _, docs in stories]
    groups = [
        story_group(h, name, docs[0], headlines, rng) for h, name, docs in stories if h == half
    ]
    groups += [
        Group("same_event", [f"{name}#{k}" for k in range(len(docs))], docs, h, "trap")
        for h, name, docs in _blocks(TRAPS)
        if h == half
    ]
    arts = S14.articles(half)
    filler = [{"id": r["id"], "text": r["text"]} for r in arts[:n_filler]]
    return groups, filler


records = S14.records


def judge(
    groups: list[Group],
    kept: set[str],
    dup_rejected: set[str],
    other_rejected: set[str] = frozenset(),
) -> dict[str, object]:
    """Set 14's group verdicts plus the share of copies removed (finer than whole groups)."""
    r = S14.judge(groups, kept, dup_rejected, other_rejected)
    live = [g for g in groups if g.kind == "copy" and not set(g.ids) & other_rejected]
    members = sum(len(g.ids) - 1 for g in live)
    removed = sum(min(len(g.ids) - 1, sum(i in dup_rejected for i in g.ids)) for g in live)
    r["copies_removed"] = removed / members if members else 0.0
    return r
