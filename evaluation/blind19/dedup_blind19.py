"""Blind dedup set, round 4 (session 18): invented stories, syndicated copies, same-event traps.

Stories and traps are hand-written in ``dedup_blind19_data.txt`` (invented places, people and
figures). The copies are made here, by this round's own edits (no earlier generator is used):

- ``regional``: a regional paper republishes the wire story under its own dateline, with its own
  intro paragraph after the lead, the last paragraph dropped and a credit line at the end;
- ``merged``: paragraphs merged pairwise, curly quotes made straight, speech verbs swapped;
- ``printview``: an AMP / print-view extraction, one sentence a line, a print header and a
  "dicetak dari" footer, the headline in capitals;
- ``caption``: a photo caption and a credit block inserted between paragraphs, writer/editor lines;
- ``teaser``: a partner portal's teaser, headline, lead and second paragraph cut mid-sentence and
  a "selengkapnya" link;
- ``phrases``: re-headlined (clauses swapped) with back-and-forth translated phrasing;
- ``regional~caption``: a copy of the regional copy by a third outlet, re-headlined, with captions.

Every story gets ``regional``, ``regional~caption`` and two of the five others (rotating).
Filler articles come from the corpora by path (``evaluation/dedup/syndication14.articles``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from evaluation.dedup import syndication14 as S14
from evaluation.dedup.syndication14 import Group

HERE = Path(__file__).resolve().parent
DATA = HERE / "dedup_blind19_data.txt"
OUTLETS = ("Harian Teluk Pagi", "Suara Seberang", "Lintas Tanjung Post", "Buletin Hulu")
DOMAINS = ("telukpagi.co.id", "suaraseberang.com", "lintastanjungpost.id", "buletinhulu.net")
PLACES = ("PULAU SEMPADANG", "Bayurejo", "TANAH RIMBA", "Ngaranlor")
OTHERS = ("merged", "printview", "caption", "teaser", "phrases")
PHRASES = (
    ("mengatakan", "menyatakan bahwa"),
    ("sekitar", "kurang lebih"),
    ("sejak", "semenjak"),
    ("sudah", "telah"),
    ("bila", "jika"),
    ("hingga", "sampai dengan"),
    ("meminta", "mengimbau"),
    ("tidak", "tak"),
    ("pekan depan", "minggu depan"),
)
_SENT = re.compile(r"(?<!\bdr\.)(?<!\bdrh\.)(?<=[a-z0-9)”\"][.!?])\s+(?=[A-Z“\"])")


@dataclass
class Story:
    name: str
    headline: str
    paras: list[str]

    def text(self) -> str:
        return "\n".join([self.headline, *self.paras])


def parse(path: Path = DATA) -> tuple[list[Story], list[tuple[str, str, list[str]]]]:
    """Stories and ``(name, kind, documents)`` traps of the data file."""
    stories, traps = [], []
    for block in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        kind, _, rest = head.partition(":")
        name, _, what = rest.partition("|")
        if kind.strip() == "story":
            lines = [x.strip() for x in body.splitlines() if x.strip()]
            stories.append(Story(name.strip(), lines[0], lines[1:]))
        else:
            docs = [d.strip() for d in re.split(r"^---$", body, flags=re.M) if d.strip()]
            traps.append((name.strip(), what.strip(), docs))
    return stories, traps


def _slug(headline: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")[:70]


def _who(paras: list[str]) -> str:
    """The first person named between commas (``Jabatan, Nama,``) in the story, for captions."""
    for p in paras:
        m = re.search(r", (?:[a-z]+\. )?([A-Z][a-z]+(?: [A-Z][a-z]+)+),", p)
        if m:
            return m.group(1)
    return "Petugas"


def regional(s: Story, k: int) -> tuple[str, list[str]]:
    outlet, place = OUTLETS[k % 4], PLACES[k % 4]
    paras = [f"{place}, {outlet} - {s.paras[0]}", *s.paras[1:-1]]
    intro = (
        f"Kabar ini ramai dibicarakan pembaca {outlet} sejak pagi, terutama oleh warga "
        "yang memiliki keluarga di daerah tersebut."
    )
    paras.insert(1, intro)
    return s.headline, [*paras, f"({outlet[:3].lower()}/ant)"]


def merged(s: Story, k: int) -> tuple[str, list[str]]:
    def fix(p: str) -> str:
        p = p.replace("“", '"').replace("”", '"')
        return re.sub(r"\b(kata|ujar)\b", lambda m: "ujar" if m.group(1) == "kata" else "kata", p)

    ps = [fix(p) for p in s.paras]
    return s.headline, [" ".join(ps[i : i + 2]) for i in range(0, len(ps), 2)]


def printview(s: Story, k: int) -> tuple[str, list[str]]:
    lines = [f"{OUTLETS[(k + 1) % 4]} - Versi Cetak"]
    for p in s.paras:
        lines += _SENT.split(p)
    url = f"https://{DOMAINS[(k + 1) % 4]}/read/{_slug(s.headline)}"
    return s.headline.upper(), [*lines, f"Dicetak dari: {url}"]


def caption(s: Story, k: int, headline: str | None = None, paras=None) -> tuple[str, list[str]]:
    outlet = OUTLETS[(k + 2) % 4]
    ps = list(paras if paras is not None else s.paras)
    cap = f"{_who(s.paras)} memberikan keterangan kepada wartawan. (FOTO: {outlet.upper()}/DOK)"
    ps.insert(1, cap)
    ps.insert(min(4, len(ps)), "FOTO: Suasana di lokasi, beberapa jam setelah kejadian. (Istimewa)")
    return headline or s.headline, [*ps, f"Penulis: Tim {outlet}", "Editor: Desk Daerah"]


def teaser(s: Story, k: int) -> tuple[str, list[str]]:
    second = s.paras[1].split(" ")
    url = f"https://{DOMAINS[(k + 3) % 4]}/berita/{_slug(s.headline)}"
    cut = " ".join(second[: max(6, len(second) // 2)]) + "..."
    return s.headline, [s.paras[0], cut, f"Baca selengkapnya di {url}"]


def rehead(headline: str) -> str:
    """Clauses around the comma swapped, else a rubric prefix."""
    a, sep, b = headline.partition(", ")
    return f"{b[0].upper()}{b[1:]}, {a}" if sep else f"FOTO: {headline}"


def phrases(s: Story, k: int) -> tuple[str, list[str]]:
    out = []
    for p in s.paras:
        for a, b in PHRASES:
            p = re.sub(rf"\b{a}\b", b, p)
        out.append(p)
    return rehead(s.headline), out


MAKERS = {
    "merged": merged,
    "printview": printview,
    "caption": caption,
    "teaser": teaser,
    "phrases": phrases,
}


def copies(s: Story, k: int) -> dict[str, str]:
    """The copies of story ``k`` by kind (the original is not among them)."""
    h, r = regional(s, k)
    out = {"regional": "\n".join([h, *r])}
    for kind in (OTHERS[k % 5], OTHERS[(k + 2) % 5]):
        h2, ps = MAKERS[kind](s, k)
        out[kind] = "\n".join([h2, *ps])
    h3, ps3 = caption(s, k + 1, rehead(h), r)
    out["regional~caption"] = "\n".join([h3, *ps3])
    return out


def build(n_filler: int = 200) -> tuple[list[Group], list[dict]]:
    """Story groups, trap groups and filler articles (unchanged corpus articles)."""
    stories, traps = parse()
    groups = []
    for k, s in enumerate(stories):
        cs = copies(s, k)
        ids = [s.name, *(f"{s.name}~{v}" for v in cs)]
        groups.append(Group("copy", ids, [s.text(), *cs.values()], "blind19", "+".join(cs)))
    for name, what, docs in traps:
        ids = [f"{name}#{i}" for i in range(len(docs))]
        groups.append(Group("same_event", ids, docs, "blind19", what))
    arts = S14.articles("tune")
    filler = [{"id": r["id"], "text": r["text"]} for r in arts[-n_filler:]]
    return groups, filler


records = S14.records


def per_kind(groups: list[Group], kept: set[str], dup: set[str], other: set[str]) -> dict:
    """Per copy kind (and ``original``): members kept, removed as duplicates, removed elsewhere."""
    table: dict[str, list[int]] = {}
    for g in groups:
        if g.kind != "copy":
            continue
        for i in g.ids:
            kind = i.split("~", 1)[1] if "~" in i else "original"
            row = table.setdefault(kind, [0, 0, 0])
            row[0 if i in kept else 1 if i in dup else 2] += 1
    return table
