"""Syndicated copies and same-event traps: a dedup evaluation whose truth is not Jaccard (issue 17).

A *syndicated copy* is built from a real article (read from ``../shared/corpora`` by path, never
stored) the way outlets republish wire and partner stories: another outlet's dateline, one
paragraph dropped, one or two ``Baca juga: <other headline>`` lines inserted, a few typos, and
sometimes a source line at the end. Ground truth: the copy is the same story, so exactly one of
the pair must survive dedup.

*Same-event traps* are different texts about the same event: an IndoSum article and its
human-written summary (which reuses the article's names, figures and some phrases), and pairs we
wrote by hand (``SAME_EVENT``). Ground truth: both must survive.

Articles are split into ``tune`` and ``heldout`` halves by a hash of their id.
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
SOURCES = ("id_news_indosum_dev.jsonl.gz", "id_news_detik_langscrape.jsonl.gz")
OUTLETS = ("Tribunnews.com", "Suara.com", "Okezone.com", "iNews.id", "Merdeka.com",
           "Kumparan", "JawaPos.com", "Sindonews.com", "Antara", "Bisnis.com", "IDN Times",
           "Pikiran-Rakyat.com")
PLACES = ("JAKARTA", "Jakarta", "BANDUNG", "Surabaya", "MEDAN", "Makassar", "Semarang")
_DATELINE = re.compile(r"^[A-Z][A-Za-z .]{1,30},\s*[^-–—\n]{2,40}\s*[-–—]{1,2}\s*")

# Written by us: two reports of the same (invented) event by different outlets, sharing names,
# places and figures but not sentences.
SAME_EVENT = (
    (
        "Banjir setinggi satu meter merendam 240 rumah di Kecamatan Cibeunying, Bandung, setelah "
        "hujan deras mengguyur sejak Minggu sore. Warga terpaksa mengungsi ke masjid dan balai "
        "desa.\nKepala BPBD Kota Bandung, Ratna Dewi, mengatakan petugas sudah membagikan makanan "
        "siap saji dan selimut. Ia meminta warga di bantaran sungai tetap waspada karena hujan "
        "diperkirakan turun lagi malam ini.\nTidak ada korban jiwa dalam kejadian tersebut, namun "
        "dua sekolah meliburkan siswanya pada Senin.",
        "Sebanyak 240 rumah di Cibeunying terendam air pada Minggu malam. Menurut BPBD Kota "
        "Bandung, genangan mencapai satu meter di beberapa gang sempit.\n\"Kami mendirikan dapur "
        "umum dan posko kesehatan,\" ujar Ratna Dewi kepada wartawan. Sebagian pengungsi memilih "
        "bertahan di rumah kerabat.\nDinas Pendidikan memutuskan dua sekolah dasar di kawasan itu "
        "diliburkan sampai air surut.",
    ),
    (
        "Timnas U-23 Indonesia menang 2-1 atas Vietnam dalam laga uji coba di Stadion Patriot, "
        "Bekasi, Selasa malam. Gol kemenangan dicetak Arkan Putra pada menit ke-78.\nPelatih "
        "Budi Hartono menilai anak asuhnya bermain disiplin meski sempat tertinggal lebih dulu. "
        "Ia akan memakai hasil laga ini untuk menentukan skuad ke Piala Asia.",
        "Indonesia membalikkan keadaan saat menjamu Vietnam di Bekasi. Setelah kebobolan di babak "
        "pertama, skuad Garuda Muda menyamakan kedudukan lewat sundulan kapten tim sebelum Arkan "
        "Putra memastikan kemenangan 2-1.\nBudi Hartono mengaku puas, tetapi mengingatkan "
        "lini belakang yang masih mudah ditembus serangan balik.",
    ),
    (
        "Harga bawang merah di Pasar Induk Kramat Jati naik menjadi Rp45.000 per kilogram, dari "
        "Rp32.000 pekan lalu. Pedagang menyebut pasokan dari Brebes berkurang karena gagal panen.\n"
        "Kementerian Perdagangan berjanji menggelar operasi pasar mulai Kamis di lima wilayah "
        "Jakarta.",
        "Pasokan bawang merah dari sentra Brebes menipis setelah banyak petani gagal panen. "
        "Akibatnya, di Kramat Jati harganya kini Rp45.000 sekilo.\nUntuk menekan harga, pemerintah "
        "menyiapkan operasi pasar di Jakarta pekan ini, kata pejabat Kementerian Perdagangan.",
    ),
    (
        "Gempa bermagnitudo 5,6 mengguncang Cianjur pada Rabu pukul 13.21 WIB. BMKG menyatakan "
        "pusat gempa berada di darat pada kedalaman 10 kilometer dan tidak berpotensi tsunami.\n"
        "Sejumlah rumah warga dilaporkan retak dan satu sekolah mengalami kerusakan atap.",
        "Warga Cianjur berhamburan keluar rumah ketika getaran kuat terasa Rabu siang. BMKG "
        "mencatat kekuatan gempa 5,6 dengan titik pusat 10 kilometer di bawah permukaan.\n"
        "Pemerintah kabupaten masih mendata kerusakan, termasuk atap sebuah sekolah yang ambrol.",
    ),
)


@dataclass
class Pair:
    """Two documents and whether they are the same story (a copy) or only the same event."""

    kind: str  # "copy" | "same_event"
    a_id: str
    a_text: str
    b_id: str
    b_text: str
    half: str


def half_of(key: str) -> str:
    return "tune" if xxhash.xxh64_intdigest(key.encode()) % 2 == 0 else "heldout"


def _records(name: str, corpora: Path) -> Iterator[dict]:
    path = corpora / name
    if not path.exists():
        return
    with gzip.open(path, "rb") as f:
        for line in f:
            yield orjson.loads(line)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i + 1 :]


def syndicate(text: str, headlines: list[str], rng: random.Random) -> str:
    """A partner outlet's copy of ``text`` (see the module docstring)."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    paras[0] = _DATELINE.sub("", paras[0])
    outlet, place = rng.choice(OUTLETS), rng.choice(PLACES)
    paras[0] = f"{place}, {outlet} - {paras[0]}"
    if len(paras) >= 4:
        del paras[rng.randrange(1, len(paras))]
    for _ in range(rng.choice((1, 2))):
        paras.insert(rng.randrange(1, len(paras) + 1), f"Baca juga: {rng.choice(headlines)}")
    words = "\n".join(paras).split(" ")
    for _ in range(rng.randint(2, 4)):
        k = rng.randrange(len(words))
        words[k] = _typo(words[k], rng)
    out = " ".join(words)
    if rng.random() < 0.5:
        out += f"\n(Sumber: {rng.choice(OUTLETS)})"
    return out


def build(half: str, n_copies: int = 150, n_summaries: int = 100, seed: int = 7,
          corpora: Path = CORPORA) -> tuple[list[Pair], list[dict]]:
    """Pairs of the half, and filler documents (other articles of the half, unchanged)."""
    rng = random.Random(seed)
    arts, seen = [], set()
    for name in SOURCES:
        for r in _records(name, corpora):
            # the sources repeat some articles under other ids: keep one, so no pair member is
            # a duplicate of something outside its pair
            key = " ".join(r["text"].split()[:60]).lower()
            if key in seen or half_of(r["id"]) != half:
                continue
            seen.add(key)
            if r["text"].count("\n") >= 3 and len(r["text"]) > 800:
                arts.append(r)
    if not arts:
        return [], []
    rng.shuffle(arts)
    headlines = [r.get("title") or r["text"].split("\n", 1)[0][:90] for r in arts[-200:]]
    pairs: list[Pair] = []
    for r in arts[:n_copies]:
        pairs.append(Pair("copy", r["id"], r["text"], r["id"] + "~syn",
                          syndicate(r["text"], headlines, rng), half))
    summarised = [r for r in arts[n_copies:] if r.get("summary")][:n_summaries]
    for r in summarised:
        pairs.append(Pair("same_event", r["id"], r["text"], r["id"] + "~sum", r["summary"], half))
    for i, (a, b) in enumerate(SAME_EVENT):
        if half_of(f"same-event-{i}") == half:
            pairs.append(Pair("same_event", f"ev{i}a", a, f"ev{i}b", b, half))
    used = {p.a_id for p in pairs}
    filler = [{"id": r["id"], "text": r["text"]} for r in arts[n_copies:] if r["id"] not in used][:300]
    return pairs, filler


def records(pairs: list[Pair], filler: list[dict]) -> list[dict]:
    """Input records for a run: every pair member and the filler, in a fixed order."""
    out = []
    for p in pairs:
        out += [{"id": p.a_id, "text": p.a_text}, {"id": p.b_id, "text": p.b_text}]
    return out + filler


def judge(pairs: list[Pair], kept: set[str], dup_rejected: set[str],
          other_rejected: set[str] = frozenset()) -> dict[str, float]:
    """Share of copies collapsed (exactly one member kept, the other rejected as a duplicate) and
    number of same-event pairs merged (a member rejected as a duplicate). Pairs with a member
    rejected by another step (publisher opt-out, language, quality) never reach dedup together
    and are left out."""
    pairs = [p for p in pairs if not {p.a_id, p.b_id} & other_rejected]
    copies = [p for p in pairs if p.kind == "copy"]
    traps = [p for p in pairs if p.kind == "same_event"]
    collapsed = sum(
        ((p.a_id in kept) != (p.b_id in kept)) and bool({p.a_id, p.b_id} & dup_rejected)
        for p in copies
    )
    merged = sum(bool({p.a_id, p.b_id} & dup_rejected) for p in traps)
    return {"copies": len(copies), "collapsed": collapsed / len(copies) if copies else 0.0,
            "traps": len(traps), "traps_merged": merged}


def outcome(out: Path) -> tuple[set[str], set[str], set[str]]:
    """Ids kept, ids rejected by a dedup stage and ids rejected by any other step, from any
    JSONL(.gz) output layout."""
    kept: set[str] = set()
    dup: set[str] = set()
    other: set[str] = set()
    for folder, into in (("kept", kept), ("rejected", None)):
        for f in sorted((out / folder).rglob("*.jsonl*")):
            opener = gzip.open if f.suffix == ".gz" else open
            with opener(f, "rb") as fh:
                for line in fh:
                    d = orjson.loads(line)
                    if into is not None:
                        into.add(d["id"])
                    elif "dedup" in str((d.get("decision") or {}).get("step", "")):
                        dup.add(d["id"])
                    else:
                        other.add(d["id"])
    return kept, dup, other
