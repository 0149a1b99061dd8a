"""A third held-out set for bare PII values (issue 17), written after the fixes that followed the
first run of ``bare_heldout.py``, and scored once, at the end, to measure those fixes on material
they were not made on.

Same rules as ``bare_heldout.py`` (values from a generator written here from public format
descriptions, no label word on the value's line, traps that are technical strings and no personal
data), with other provinces, other print layouts (4-3-4 and 4-4-3 mobile groupings, dotted
landlines, NPWPs with spaces around the dash), other row shapes (semicolon rows, HTML table cells,
pipe rows without spaces, key-value dumps with neutral keys) and other traps.
"""

from __future__ import annotations

import random

from evaluation.pii.bare import Item

# Kemendagri province code -> (kabupaten count, highest kota code or 0).
_PROVINCES = {11: (18, 75), 12: (25, 78), 14: (10, 73), 16: (13, 74), 18: (13, 72), 33: (29, 76),
              34: (4, 71), 36: (4, 74), 51: (8, 71), 52: (8, 72), 61: (12, 72), 63: (11, 72),
              73: (24, 73), 74: (15, 72), 81: (9, 72), 91: (5, 71), 92: (5, 71)}
_MOBILE = ("811", "812", "813", "821", "822", "852", "853", "814", "815", "856", "857", "817",
           "818", "859", "877", "878", "831", "838", "895", "896", "899", "881", "882", "889")
_AREAS = ("22", "24", "31", "61", "21", "274", "361", "411", "511", "542", "711", "761", "778")
_LOCALS = ("bagus.w", "intan", "r.hidayat", "galih-pratama", "SusiLestari", "nanda_putri",
           "ayu2001", "k.siregar", "tigor", "maulana.yusuf", "dewa.made", "ester.l")
_DOMAINS = ("gmail.com", "yahoo.co.id", "mail.ugm.ac.id", "itb.ac.id", "kemkes.go.id",
            "bandung.go.id", "kopsyariah.or.id", "rumahmakan-sedap.com", "ptangkasa.co.id",
            "live.com", "zoho.com", "gmx.de")


def _check_digit(body: str) -> str:
    """Luhn check digit, computed once more from its definition."""
    total = 0
    for pos, ch in enumerate(reversed(body), start=1):
        v = int(ch)
        if pos % 2 == 1:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return str((10 - total % 10) % 10)


def nik(rng: random.Random) -> str:
    prov = rng.choice(sorted(_PROVINCES))
    kab, kota = _PROVINCES[prov]
    reg = rng.randint(71, kota) if kota and rng.random() < 0.25 else rng.randint(1, kab)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    d = (f"{prov:02d}{reg:02d}{rng.randint(1, 20):02d}{day:02d}{month:02d}"
         f"{rng.randint(0, 99):02d}{rng.randint(1, 1999):04d}")
    return d if rng.random() < 0.85 else f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:12]}.{d[12:]}"


def npwp(rng: random.Random) -> str:
    head = rng.choice(("01", "02", "04", "05", "07", "08", "09", "14", "21", "31", "49", "70",
                       "73", "81", "90")) + f"{rng.randint(0, 999999):06d}"
    d = head + _check_digit(head) + f"{rng.randint(1, 999):03d}" + rng.choice(("000", "000", "001"))
    return rng.choice((f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}",
                       f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]} - {d[9:12]}.{d[12:]}", d, d))


def phone(rng: random.Random) -> str:
    if rng.random() < 0.7:
        p = rng.choice(_MOBILE)
        rest = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice((7, 8))))
        return rng.choice((f"0{p} {rest[:3]} {rest[3:]}", f"0{p}-{rest[:4]}-{rest[4:]}",
                           f"+62 {p} {rest[:4]} {rest[4:]}", f"62-{p}-{rest[:4]}-{rest[4:]}",
                           f"0{p}{rest}", f"+62{p}{rest}"))
    area = rng.choice(_AREAS)
    local = str(rng.randint(2000000, 8999999)) if len(area) == 2 else str(rng.randint(200000, 899999))
    return rng.choice((f"(0{area}) {local}", f"0{area}.{local}", f"0{area}-{local}", f"+62 {area} {local}"))


def email(rng: random.Random) -> str:
    local = rng.choice(_LOCALS)
    if rng.random() < 0.3:
        local += str(rng.randint(1, 99))
    return f"{local}@{rng.choice(_DOMAINS)}"


def card(rng: random.Random) -> str:
    start = rng.choice(("4", "4", "51", "53", "55", "2221", "2700", "3530", "3569"))
    body = start + "".join(str(rng.randint(0, 9)) for _ in range(15 - len(start)))
    d = body + _check_digit(body)
    return rng.choice((d, " ".join(d[i : i + 4] for i in range(0, 16, 4)),
                       "-".join(d[i : i + 4] for i in range(0, 16, 4))))


MAKERS = {"nik": nik, "npwp": npwp, "phone": phone, "email": email, "card": card}

TEMPLATES = (
    "Rohmat;{nik};Dusun Krajan;Lumajang",
    "<tr><td>Sulastri</td><td>{nik}</td><td>Blitar</td></tr>",
    "Warga yang keberatan, antara lain Ni Luh Sari dengan {nik}, diminta datang ke kantor desa.",
    "|Gusti Made|{nik}|Tabanan|",
    "nama=Yohana Kbarek; nomor={nik}; kab=Sorong",
    "Perusahaan penyedia: CV Lintas Nusa — {npwp} — Pekanbaru.",
    "<td>UD Sinar Pagi</td><td>{npwp}</td>",
    "Wajib dilampirkan salinan dokumen perusahaan; milik kami {npwp}.",
    "PT Tirta Lestari;{npwp};Balikpapan;2023",
    "Bila ada yang menemukan dompet ini mohon kabari {phone}, ada imbalan.",
    "Admin toko: {phone} / {phone}",
    "<td>Pak Udin</td><td>{phone}</td>",
    "Selengkapnya di {phone} atau datang langsung ke stan kami.",
    "Keterangan lebih lanjut: {phone}.",
    "Kirim bukti bayar ke {email} agar pesanan diproses.",
    "<td>Bendahara</td><td>{email}</td>",
    "Tanggapan atas tulisan ini dapat dikirim ke {email}.",
    "|Ketua|Bu Rahma|{email}|",
    "Data pelanggan yang bocor memuat {card} dan tanggal kedaluwarsa.",
    "<td>Ibu Feni</td><td>{card}</td><td>12/27</td>",
    "Pelaku memakai {card} curian untuk membeli tiket pesawat.",
    "Rudi;{card};09/26",
)

TRAPS = (
    "Perangkat router menjalankan firmware 4.2.1.7 sejak Mei.",
    "Pasang agen pemantau 7.15.2.1 di setiap server.",
    "Aplikasi kasir 2.10.3 meminta izin lokasi.",
    "Printer kantor beralamat 192.168.10.44 di jaringan lokal.",
    "Server uji berada di 10.0.12.8 dan 10.0.12.9.",
    "Loopback 127.0.0.53 dipakai resolver sistem.",
    "Contoh alamat 198.51.100.23 dalam modul pelatihan.",
    "Kerjakan soal 1.3.2.4 dan 1.3.2.5 di rumah.",
    "Ketentuan 8.2.1.1 mengatur cuti melahirkan.",
    "Subkegiatan 3.4.1.2 dialihkan ke triwulan berikutnya.",
    "Pesanan 2406157XYZ12AB sedang dikirim kurir.",
    "No. order 240615123456789 masuk antrean gudang.",
    "Nomor resi SPXID045678901234 belum bergerak.",
    "Kode booking PNR7QX untuk penerbangan malam.",
    "ISBN 9786020331234 tertera di halaman hak cipta.",
    "Barcode 8993175531234 pada kemasan teh.",
    "EAN-13 8999999195649 dipakai produsen sabun.",
    "IBAN contoh FR76 3000 6000 0112 3456 7890 189 di buku kursus.",
    "Kode SWIFT BRINIDJA dipakai untuk kiriman dari luar negeri.",
    "Epoch 1719936000 sama dengan awal Juli 2024.",
    "Penanda waktu 1719936000000 dalam milidetik.",
    "Berkas log_20240702_081500.txt dibuat otomatis.",
    "Kolom dibuat 20240702081500 tanpa pemisah.",
    "Nomor invoice INV-0812-2024-0007 sudah dibayar.",
    "Nomor pembayaran 085720240702 jatuh tempo besok.",
    "Kode pembayaran 0812 2024 0702 1 berlaku satu hari.",
    "Nomor surat 0813/UND/VII/2024 tentang rapat pleno.",
    "Faktur 0274/FKT/2024 belum dilunasi.",
    "Kode wilayah 33.74.12.1005 untuk kelurahan itu.",
    "Nomor dokumen 3374-2024-0702-0009 diarsipkan.",
    "SHA-1 berkas itu 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12.",
    "UUID 123e4567-e89b-12d3-a456-426614174000 dipakai di basis data.",
    "Nomor seri SN-2024-07-000123 terdaftar di garansi.",
    "IMEI 356789104512346 tercatat di berita acara uji.",
    "Produksi gula 2.345.678 ton tahun lalu.",
    "Anggaran 12.345.678.901 rupiah untuk jalan desa.",
    "Koordinat -7.795580, 110.369490 menunjuk Tugu Yogyakarta.",
    "Aset ikon@4x.png belum dikompresi.",
    "Remote git@gitlab.example:tim/app.git dipakai di CI.",
    "Contoh: nama.pengguna@example.org untuk dokumentasi.",
    "Paket @nuxt/ui@2.15.0 dipasang ulang.",
    "Kode rekening 5.1.02.02.01.0013 untuk honor narasumber.",
)


def items(per_template: int = 20, seed: int = 3003) -> tuple[list[Item], list[Item]]:
    """(positives, traps)."""
    rng = random.Random(seed)
    pos = []
    for t in TEMPLATES:
        for _ in range(per_template):
            text, spans, rest = "", [], t
            while "{" in rest:
                pre, after = rest.split("{", 1)
                kind, rest = after.split("}", 1)
                value = MAKERS[kind](rng)
                text += pre
                spans.append((kind, len(text), len(text) + len(value)))
                text += value
            pos.append(Item(text + rest, spans, "heldout3", "positive"))
    return pos, [Item(t, [], "heldout3", "trap") for t in TRAPS]
