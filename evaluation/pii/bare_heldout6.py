"""A sixth bare-value set for PII (issue 17, session 17): the 16-digit NPWP and its neighbours,
split into a tune half and a held-out half.

Why: since PMK 112/PMK.03/2022 (in force for every service from 2024) a resident person's NPWP
is their NIK, and entities, government offices and non-residents have a 16-digit NPWP that is
``0`` + the old 15 digits (check digit, tax office, branch). Writer B's blind set (session 16)
missed every 16-digit NPWP printed in 4-4-4-4 groups. This set writes the 16-digit forms in
contexts no earlier set used (Coretax documents and exports, withholding slips, procurement
results, donation receipts, company registers, chats with a tax consultant), with no label word
on the value's line, beside 16-digit numbers that must keep their own type (Luhn-valid cards in
4-4-4-4, NIKs: a NIK written where an NPWP is meant is labelled ``nik``, which is PII either way)
and traps: 16-digit 4-4-4-4 runs that start with ``0`` but fail the NPWP structure, placeholders,
and other codes. Even template and trap indices: tune half; odd: held-out half (scored with the
session-start code and once at the end, its failures not read).

    SARING_CACHE_DIR=... python -m evaluation.pii.bare_heldout6 [--tune-details]
"""

from __future__ import annotations

import random

from evaluation.pii.bare import Item
from evaluation.pii.bare_heldout4 import card, nik

_ENTITY_PREFIX = ("00", "01", "02", "03", "21", "31")


def _luhn_digit(payload: str) -> str:
    for c in "0123456789":
        total = 0
        for i, ch in enumerate(reversed(payload + c)):
            d = int(ch) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return c
    raise AssertionError("unreachable")


def npwp16(rng: random.Random) -> str:
    """``0`` + an entity's 15-digit NPWP, contiguous or in 4-4-4-4 groups (space or dash)."""
    head = rng.choice(_ENTITY_PREFIX) + "".join(rng.choice("0123456789") for _ in range(6))
    d = "0" + head + _luhn_digit(head) + f"{rng.randint(1, 999):03d}" + rng.choice(("000", "001"))
    form = rng.random()
    if form < 0.3:
        return d
    sep = " " if form < 0.75 else "-"
    return sep.join(d[i : i + 4] for i in range(0, 16, 4))


def nik16(rng: random.Random) -> str:
    """A NIK written where a person's NPWP is meant (16 digits, contiguous or grouped)."""
    while True:
        v = nik(rng)
        d = "".join(ch for ch in v if ch.isdigit())
        if len(d) == 16:
            return d if rng.random() < 0.5 else " ".join(d[i : i + 4] for i in range(0, 16, 4))


def card16(rng: random.Random) -> str:
    """A Luhn-valid 16-digit card of a known brand (kept a card, never an NPWP)."""
    while True:
        v = card(rng)
        if sum(ch.isdigit() for ch in v) == 16:
            return v


MAKERS = {"npwp": npwp16, "nik": nik16, "card": card16}

# Hand-written contexts; even index = tune, odd = held-out. No label word on the value's line.
TEMPLATES = (
    "BUKTI PEMOTONGAN UNIFIKASI\nPemotong: Yayasan Pendidikan Lintang Sabrang\n{npwp}\nMasa: 11-2024",
    "Pemenang seleksi paket jalan usaha tani Desa Lombok Kulon: CV Karya Tiga Saudara ({npwp}).",
    "nama_lawan_transaksi,nomor,dpp\nPT Sinar Bahari Wetar,{npwp},48500000",
    "Terima kasih atas donasinya, Bapak/Ibu. Tanda terima untuk {nik} sudah kami kirim lewat pos.",
    "Kak, buat isian penjual di Coretax pakai {npwp} ya, itu punya koperasi kami.",
    "Identitas pembeli: Koperasi Serba Usaha Lestari Tani\n{npwp}\nAlamat: Jl. Raya Kedungwuni 14",
    "| No | Penyedia | Identitas | Nilai |\n|---|---|---|---|\n| 3 | PT Hulu Mahakam Teknik | {npwp} | 2,1 M |",
    "Profil singkat: PT Arjuna Tirta Lestari berdiri 2009, terdaftar sebagai {npwp}, kantor di Kudus.",
    "Min, suami saya mau lapor SPT, datanya {nik} atas namanya sendiri kan?",
    "Daftar mitra pengadaan 2024\n1. UD Batu Alam Gunungkidul {npwp}\n2. CV Mitra Prima Rote {npwp}",
    "Pembayaran kursus dibayar dengan {card} oleh peserta atas nama Ratna Lumbanraja.",
    "Mohon dicek ya pak, rekanan baru kita {npwp} belum muncul di daftar lawan transaksi.",
    "Perusahaan penerbit faktur: PT Tanjung Kemilau Abadi\n{npwp}\nKota: Balikpapan",
    "kode_objek;identitas;bruto\n24-104-01;{npwp};12000000",
    "Sumbangan panti asuhan diterima dari Yayasan Kasih Bunda Ambon, {npwp}, sebesar Rp 5 juta.",
    "Struk belanja online: dibayar {card}, dikirim ke Kecamatan Tomohon Utara.",
    "Data ibu Maria Goreti Lelo: {nik}, pekerjaan wiraswasta, domisili Atambua.",
    "Hasil evaluasi administrasi: PT Gerbang Nusa Konstruksi {npwp} memenuhi syarat.",
    "Tolong update master vendor:\nvendor: CV Lentera Pesisir\nid: {npwp}\nkota: Sibolga",
    "Pak Darto tadi kirim {npwp} sebagai identitas usahanya, saya simpan di map biru.",
)

# Hand-written traps (not one of the five types, or a 0-leading 16-digit run that fails the NPWP
# structure); even index = tune, odd = held-out. Each checked: no trap value is a valid NPWP, NIK
# or card by the set's own makers' rules.
TRAPS = (
    "Nomor registrasi arsip 0000 0000 0000 0000 dipakai untuk berkas yang belum dinomori.",
    "Kode unik formulir 0101 0101 0101 0101 dicetak di pojok kanan bawah.",
    "Serial dekoder TV kabel: 0123 4567 8901 2345, garansi satu tahun.",
    "Antrean daring nomor 0007-0007-0007-0007 sudah dipanggil.",
    "Nomor seri meteran 0311 2024 1207 0042 dipasang di rumah warga RT 05.",
    "Token PLN 0198 7765 4432 1109 belum bisa dimasukkan, kata ibu.",
    "Kode booking bus malam 0412-2024-1130-0005 berlaku untuk dua kursi.",
    "Resi kiriman 0021 9876 5432 1098 tertahan di gudang transit Makassar.",
    "Total tagihan air 1.245.000 rupiah untuk bulan November.",
    "Versi firmware 0.16.4.4 dirilis minggu lalu untuk router rumahan.",
    "Kode batch vaksin 0405 1122 3344 5566 tercatat di kartu imunisasi anak.",
    "Nomor polis lama 0099 8877 6655 4433 sudah tidak aktif sejak 2019.",
)


def _unbrace(s: str) -> str:
    return s.replace("{{", "{").replace("}}", "}")


def _fill(template: str, rng: random.Random) -> Item:
    """One template filled with fresh values; ``{{``/``}}`` are literal braces."""
    text, spans, rest = "", [], template
    while True:
        j = rest.find("{")
        while j >= 0 and rest.startswith("{{", j):
            j = rest.find("{", j + 2)
        if j < 0:
            break
        k = rest.index("}", j)
        value = MAKERS[rest[j + 1 : k]](rng)
        text += _unbrace(rest[:j])
        spans.append((rest[j + 1 : k], len(text), len(text) + len(value)))
        text += value
        rest = rest[k + 1 :]
    return Item(text + _unbrace(rest), spans)


def items(half: str, per_template: int = 20, seed: int = 6017) -> tuple[list[Item], list[Item]]:
    """(positives, traps) of one half: ``tune`` (even indices) or ``heldout`` (odd)."""
    want = 0 if half == "tune" else 1
    rng = random.Random(seed)
    pos = []
    for i, t in enumerate(TEMPLATES):
        for _ in range(per_template):
            it = _fill(t, rng)
            if i % 2 == want:
                it.half, it.kind = half, "positive"
                pos.append(it)
    traps = [Item(t, [], half, "trap") for i, t in enumerate(TRAPS) if i % 2 == want]
    return pos, traps


def main() -> None:
    """Recall per type (any type and its own type) and precision per half; ``--tune-details``
    lists the tune half's misses and false spans (never the held-out half's)."""
    import sys

    from evaluation.pii import bare as B
    from saring.pii.detect import Detector

    det = Detector()

    def detect(text: str) -> list[tuple[str, int, int]]:
        return [(s.type, s.start, s.end) for s in det.find(text)[0]]

    print("| half | npwp | npwp typed | nik | card | card typed | precision (false / found) |")
    for half in ("tune", "heldout"):
        pos, traps = items(half)
        r = B.score(detect, pos + traps)
        typed = {t: [0, 0] for t in MAKERS}
        for it in pos:
            found = detect(it.text)
            for typ, s, e in it.spans:
                typed[typ][0] += 1
                typed[typ][1] += any(t == typ and fs < e and s < fe for t, fs, fe in found)
        a = r["_all"]
        print(
            f"| {half} ({len(pos)} items, {len(traps)} traps) | {r['npwp']['recall']:.3f} | "
            f"{typed['npwp'][1] / typed['npwp'][0]:.3f} | {r['nik']['recall']:.3f} | "
            f"{r['card']['recall']:.3f} | {typed['card'][1] / typed['card'][0]:.3f} | "
            f"{a['precision']:.3f} ({a['false_spans']} / {a['found']}) |"
        )
        if half == "tune" and "--tune-details" in sys.argv:
            for it in traps:
                if detect(it.text):
                    print(f"  false span: {detect(it.text)} in {it.text!r}")
            for it in pos:
                found = detect(it.text)
                for typ, s, e in it.spans:
                    if not any(t == typ and fs < e and s < fe for t, fs, fe in found):
                        print(f"  miss {typ}: {it.text[s:e]!r} {found} in {it.text[:70]!r}")


if __name__ == "__main__":
    main()
