"""A blind bare-value PII set (issue 17, session 16, helper blindB): written by someone who never
read the detector, its data or the notes, scored once on the session-start code and once on the
session's final code. Not a tuning set: there is no dev half, every item is held out.

Values come from the generator below, written from public format descriptions only:

- NIK ``PP RR SS DDMMYY NNNN``: a real Kemendagri province code, a regency code that exists in that
  province (kabupaten 01.., kota 71..), a district 01-09, a valid birth date (women: day + 40), a
  serial 0001-1999; written contiguous, dotted ``PP.RR.SS.DDMMYY.NNNN`` or in 4-4-4-4 groups.
- NPWP: 15 digits (taxpayer code, 6-digit serial, Luhn check digit over those eight, 3-digit tax
  office, 3-digit branch), printed ``99.999.999.9-999.999`` or contiguous; the 2024 16-digit form
  (``0`` + the 15 digits) contiguous or in 4-4-4-4 groups.
- Mobiles: operator prefixes 0811-0813, 0821-0823, 0851-0853 (Telkomsel), 0814-0816, 0855-0858
  (Indosat), 0817-0819, 0859, 0877-0878 (XL), 0831-0833, 0838 (Axis), 0895-0899 (Tri), 0881-0889
  (Smartfren); 10-13 digits, written 08.., 628.., +62 8.., with spaces, dashes or none.
  Landlines: area codes of provincial capitals and large towns, 6-8 local digits.
- E-mail: invented local parts and invented Indonesian domains (``.go.id``, ``.sch.id``, ``.desa.id``,
  ``.ac.id``, ``.co.id``, ``.or.id``, ``.web.id``, ``.my.id``) and webmail.
- Cards: Visa 4 (16), Mastercard 51-55 and 2221-2720 (16), Amex 34/37 (15, 4-6-5), JCB 3528-3589
  (16), Discover 6011 (16), UnionPay 62 (16); Luhn check digit computed here.

Contexts (``TEMPLATES``, 44): no type word (NIK, NPWP, telepon, HP, email, kartu) on the value's
line; running text, lists, tables (pipe, tab, semicolon), forms with neutral field names, chat
lines, letters, classified ads, complaint posts, minutes. Traps (``TRAPS``, 108): technical strings,
codes and numbers that are not one of the five types. Decisions: NIP, NISN, NUPTK, BPJS and IMEI
numbers, call-centre and toll-free numbers and the all-zero placeholder are traps (not among the
five types, or not personal); a found span that overlaps no gold span is a false span.

Labelling fix after the base run (the only change after scoring): two traps were removed, a company
account number beside ``rekening`` and a bank virtual account. Issue 17 counts an account number
beside ``rekening`` as PII (the detector has a ``bank_account`` type), so calling them traps was
this set's mistake, not the detector's.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from evaluation.pii.bare import Item

# province -> (highest kabupaten code that exists, kota codes that exist); conservative ranges.
_PROV: dict[int, tuple[int, tuple[int, ...]]] = {
    11: (18, (71, 72, 73)),
    12: (25, (71, 72, 73, 74, 75)),
    13: (12, (71, 72, 73)),
    14: (10, (71, 72)),
    15: (9, (71, 72)),
    16: (13, (71, 72, 73, 74)),
    17: (9, (71,)),
    18: (13, (71, 72)),
    19: (6, (71,)),
    21: (5, (71, 72)),
    31: (1, (71, 72, 73, 74, 75)),
    32: (18, (71, 72, 73, 74, 75, 76, 77, 78, 79)),
    33: (29, (71, 72, 73, 74, 75, 76)),
    34: (4, (71,)),
    35: (29, (71, 72, 73, 74, 75, 76, 77, 78, 79)),
    36: (4, (71, 72, 73, 74)),
    51: (8, (71,)),
    52: (8, (71, 72)),
    53: (21, (71,)),
    61: (12, (71, 72)),
    62: (13, (71,)),
    63: (11, (71, 72)),
    64: (7, (71, 72, 74)),
    71: (11, (71, 72, 73, 74)),
    72: (12, (71,)),
    73: (24, (71, 72, 73)),
    74: (15, (71, 72)),
    75: (5, (71,)),
    81: (9, (71, 72)),
    82: (8, (71, 72)),
}
_MOBILE = (
    "811",
    "812",
    "813",
    "821",
    "822",
    "823",
    "851",
    "852",
    "853",
    "814",
    "815",
    "816",
    "855",
    "856",
    "857",
    "858",
    "817",
    "818",
    "819",
    "859",
    "877",
    "878",
    "831",
    "832",
    "833",
    "838",
    "895",
    "896",
    "897",
    "898",
    "899",
    "881",
    "882",
    "883",
    "887",
    "888",
    "889",
)
_AREA = (
    "21",
    "22",
    "24",
    "31",
    "61",
    "274",
    "341",
    "361",
    "411",
    "511",
    "561",
    "651",
    "711",
    "721",
    "751",
    "761",
    "778",
    "370",
    "380",
    "401",
    "431",
    "451",
    "542",
    "967",
    "911",
    "921",
)
_LOCAL = (
    "wiwid.anggraeni",
    "Rahman_Siregar",
    "tata-kurniasih",
    "bayu.prasetyo88",
    "oma.lenny",
    "admin.rt07",
    "kepsek",
    "dedy.santoso+lamaran",
    "Y.Manuputty",
    "nia_nurhasanah21",
)
_DOMAIN = (
    "sangkaralam.go.id",
    "smpn4-palangkirana.sch.id",
    "lorulung.desa.id",
    "gmail.com",
    "ymail.com",
    "mhs.unipura.ac.id",
    "tirtamaya.co.id",
    "pesisirlestari.or.id",
    "kopilereng.web.id",
    "wirasanggra.my.id",
    "proton.me",
    "hotmail.com",
)


def _luhn(payload: str) -> str:
    """Check digit that makes ``payload + digit`` pass the Luhn test (written for this set)."""
    total = 0
    for pos, ch in enumerate(reversed(payload)):
        d = int(ch) * (2 if pos % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def _num(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def nik(rng: random.Random) -> str:
    prov = rng.choice(sorted(_PROV))
    kab, kota = _PROV[prov]
    reg = rng.choice(kota) if rng.random() < 0.25 else rng.randint(1, kab)
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    year = rng.choice((rng.randint(50, 99), rng.randint(0, 6)))
    d = (
        f"{prov:02d}{reg:02d}{rng.randint(1, 9):02d}{day:02d}{rng.randint(1, 12):02d}{year:02d}"
        f"{rng.randint(1, 1999):04d}"
    )
    form = rng.random()
    if form < 0.6:
        return d
    if form < 0.8:
        return f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:12]}.{d[12:]}"
    return " ".join(d[i : i + 4] for i in range(0, 16, 4))


def npwp(rng: random.Random) -> str:
    head = rng.choice(("01", "02", "03", "05", "07", "08", "09")) + _num(rng, 6)
    d = head + _luhn(head) + f"{rng.randint(1, 999):03d}" + rng.choice(("000", "000", "001"))
    form = rng.random()
    if form < 0.5:
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    if form < 0.7:
        return d
    d16 = "0" + d
    return d16 if form < 0.85 else " ".join(d16[i : i + 4] for i in range(0, 16, 4))


def mobile(rng: random.Random) -> str:
    p, rest = rng.choice(_MOBILE), _num(rng, rng.choice((7, 8, 8, 9)))
    head = rng.choice(("0", "0", "62", "+62", "+62 "))
    if len(rest) == 8 and rng.random() < 0.5:
        sep = rng.choice((" ", "-"))
        return f"{head}{p}{sep}{rest[:4]}{sep}{rest[4:]}"
    return f"{head}{p}{rest}"


def landline(rng: random.Random) -> str:
    area = rng.choice(_AREA)
    local = _num(rng, 1).replace("0", "5").replace("1", "7") + _num(rng, 7 if len(area) == 2 else 5)
    return rng.choice(
        (f"(0{area}) {local}", f"0{area}-{local}", f"0{area} {local}", f"+62 {area} {local}")
    )


def phone(rng: random.Random) -> str:
    return mobile(rng) if rng.random() < 0.7 else landline(rng)


def email(rng: random.Random) -> str:
    return f"{rng.choice(_LOCAL)}@{rng.choice(_DOMAIN)}"


_CARDS = (
    ("4", 16),
    ("51", 16),
    ("53", 16),
    ("55", 16),
    ("2223", 16),
    ("2710", 16),
    ("34", 15),
    ("37", 15),
    ("3530", 16),
    ("3585", 16),
    ("6011", 16),
    ("62", 16),
)


def card(rng: random.Random) -> str:
    start, n = rng.choice(_CARDS)
    body = start + _num(rng, n - 1 - len(start))
    d = body + _luhn(body)
    if n == 15:
        return rng.choice((d, f"{d[:4]} {d[4:10]} {d[10:]}"))
    return rng.choice(
        (
            d,
            " ".join(d[i : i + 4] for i in range(0, 16, 4)),
            "-".join(d[i : i + 4] for i in range(0, 16, 4)),
        )
    )


MAKERS: dict[str, Callable[[random.Random], str]] = {
    "nik": nik,
    "npwp": npwp,
    "phone": phone,
    "email": email,
    "card": card,
}

# Hand-written contexts (invented people, places, firms); no type word on the value's line.
TEMPLATES = (
    # running text
    "Pemohon atas nama Sulastri Widyaningrum, {nik}, tinggal di Dusun Watuwiji RT 02.",
    "Warga yang belum menerima bantuan, seperti Pak Tarmuji ({nik}), diminta melapor ke desa.",
    "Perusahaan penyalur, CV Sinar Tirtamaya {npwp}, sudah menyelesaikan kontraknya.",
    "Tagihan dikirim ke PT Niaga Rempah Kalinusa dengan {npwp} sebagai identitas pajaknya.",
    "Kalau ada pertanyaan langsung saja hubungi Mas Yoga di {phone} sore hari.",
    "Barang hilang bisa diambil di pos satpam atau tanyakan ke {phone}.",
    "Kirim karya terbaikmu ke {email} sebelum 30 November.",
    "Surat keberatan dapat dialamatkan ke {email} dengan salinan ke kepala desa.",
    "Ia mengaku sudah memasukkan {card} di situs palsu itu sebelum sadar tertipu.",
    "Pelaku berbelanja emas memakai {card} milik korban di tiga toko berbeda.",
    # lists
    "Peserta pelatihan menjahit:\n1. Rusmini — {nik}\n2. Wagiyem — {nik}\n3. Tukinah — {nik}",
    "Rekanan terdaftar:\n- PT Dayakarya Bumi Serasi ({npwp})\n- CV Linggar Arum Mulya ({npwp})",
    "Narahubung lomba:\n• Dika {phone}\n• Rani {phone}\n• Pak Ekasatya {phone}",
    "Tim redaksi: Wiwid {email}; Rahman {email}; Tata {email}",
    "Yang dilaporkan hilang minggu ini: {card}, {card}.",
    "Daftar pengurus RT 07: Ketua Darsono {phone}, Sekretaris Lilis {phone}",
    # tables
    "| No | Nama | Nomor | Dusun |\n| 1 | Marsini Wulandaru | {nik} | Ngampel |\n| 2 | Sarjono | {nik} | Ngampel |",
    "| Rekanan | Identitas | Kota |\n| PT Arunika Baja Perkasa | {npwp} | Cilegon |",
    "| Bagian | Petugas | Kontak |\n| Loket 3 | Bu Nanik Sriwahyuni | {phone} |",
    "| Divisi | Surel |\n| Keuangan | {email} |\n| Umum | {email} |",
    "| Tanggal | Nomor | Nominal | Status |\n| 03/11 | {card} | Rp1.200.000 | ditolak |",
    "nama\tnomor\tdesa\nSuwarni\t{nik}\tLorulung",
    "perusahaan;nomor;kota\nPT Semen Batu Karangjati;{npwp};Tuban",
    "nama;kontak;keterangan\nHeru;{phone};ketua panitia\nSiska;{email};bendahara",
    # forms with neutral field names
    "Nama Lengkap : Yohana Lelemboto\nNomor Identitas : {nik}\nAlamat : Jl. Kenari 4, Manado",
    "Nama Badan Usaha: Koperasi Nelayan Tanjung Sirih\nNomor Pokok: {npwp}",
    "Nama: Agustinus Baringbing\nNo. yang bisa dihubungi: {phone}\nAlamat surat: {email}",
    "Data pembayaran\nNomor: {card}\nBerlaku s/d: 09/28",
    "Identitas pelapor: {nik} / {phone}",
    "Pengirim: Bambang Sasmitadipura <{email}>\nPerihal: undangan rapat",
    # chat, ads, complaints, letters, minutes
    "[07/12 09.14] Bu RT: bapak ibu yg blm kirim datanya, contoh punya saya {nik}",
    "[07/12 10.02] Andi: oke kak, nanti kabari aja ke {phone} ya",
    "DIJUAL CEPAT motor bekas mulus, surat lengkap, nego di tempat. Minat: {phone} (Dedi)",
    "Terima jahitan kebaya & seragam sekolah. Pesan lewat {phone} atau {email}",
    "Kok saldo saya kepotong terus ya min, padahal {card} sudah saya blokir?",
    "Tolong admin, akun saya dibajak. Akun terdaftar {email} tapi tidak bisa masuk.",
    "Dengan hormat, bersama surat ini kami sampaikan bahwa {nik} atas nama Rukmini telah diverifikasi.",
    "Notulen rapat: bendahara (Siska, {phone}) melaporkan saldo kas Rp4.750.000.",
    "Faktur pajak diterbitkan untuk {npwp} tertanggal 4 Desember.",
    "Mohon transfer refund ke pemilik {card} paling lambat Jumat.",
    # mixed, several types in one line
    "Data yang bocor memuat {nik}, {phone}, dan {email} ribuan pelanggan koperasi.",
    "Pembeli: Magdalena Rumayomi / {phone} / {email} / Jayapura",
    "Peserta lelang: PT Baskara Nalendra Logistik {npwp}, perwakilan {phone}",
    "Wali murid: Ibu Nurlaila, {nik}, {phone}",
)

# Hand-written technical look-alikes; none holds one of the five types.
TRAPS = (
    # software, files, addresses that look like e-mail or IP addresses
    "Unduh logo-kabupaten@3x.png untuk tampilan layar lebar.",
    "Tambahkan remote git@git.sangkaralam.go.id:diskominfo/portal.git sebelum push.",
    "Pasang paket @nuxt/image dan @vueuse/core lebih dulu.",
    "Versi yang dipakai adalah lodash@4.17.21 sesuai lockfile.",
    "Login sebagai deploy@server-03 lalu jalankan skrip cadangan.",
    "Gunakan image redis@sha256:9f8e7d6c5b4a3210 untuk lingkungan uji.",
    "Alamat contoh user@example.com hanya untuk dokumentasi.",
    "Tombol simpan memakai kelas btn@hover di stylesheet lama.",
    "Server internal berada di 10.12.0.254 dan tidak bisa diakses dari luar.",
    "Router cadangan memakai alamat 192.168.100.1 dengan subnet 255.255.255.0.",
    "Aplikasi versi 3.18.2.7 memperbaiki galat sinkronisasi.",
    "Firefox 128.0.3 sudah tersedia di repositori.",
    "Kernel 6.8.0-45-generic dipasang di semua komputer lab.",
    "Lihat Pasal 5.2.1.3 pada lampiran perjanjian kerja sama.",
    "Subbab 2.4.1.6 menjelaskan teknik pengambilan sampel tanah.",
    "Kode akun 5.2.02.03.01.0007 dipakai untuk belanja perjalanan dinas.",
    "OID 2.16.840.1.113730 tercantum pada sertifikat.",
    "MAC address perangkat adalah 3C:52:82:1A:7F:09.",
    "Hash commit a3f9c2e1b7d4 sudah digabung ke cabang utama.",
    "Token API berakhir pada 1733561234 (detik sejak epoch).",
    "Log mencatat kejadian pada 1733561234567 milidetik.",
    "UUID pesanan 550e8400-e29b-41d4-a716-446655440000 tidak ditemukan.",
    "Port 8443 dan 50051 harus dibuka di firewall.",
    "Berkas laporan_2024-12-07_final_v3.xlsx sudah diunggah.",
    "Jalankan perintah chmod 0755 pada folder publik.",
    # dates, times, money, measurements
    "Rapat diundur ke 07-12-2024 pukul 13.30 WIB.",
    "Jadwal keberangkatan 2024/12/07 05:45:00 tercetak di tiket.",
    "Anggaran proyek mencapai Rp1.250.750.000 untuk tahun 2025.",
    "Kurs hari ini 15.873,25 rupiah per dolar.",
    "Luas lahan itu 12.345.678 meter persegi menurut peta.",
    "Produksi beras tahun ini 31.540.000 ton.",
    "Jumlah penduduk kabupaten itu 1.234.567 jiwa pada 2023.",
    "Koordinat lokasi -6.914744, 107.609810 berada di tengah kota.",
    "Titik gempa di 3,21 LS dan 128,45 BT pada kedalaman 10 km.",
    "Skor akhir pertandingan 3-1 setelah perpanjangan waktu.",
    "Harga saham ditutup di 4.250 setelah naik 2,35 persen.",
    "Kecepatan unduh rata-rata 45,67 Mbps di 12 kota.",
    "Periode 2019-2024 dibandingkan dengan 2014-2019.",
    # public numbers that are not personal
    "Layanan pengaduan bisa dihubungi di 1500-888 setiap hari kerja.",
    "Panggilan darurat cukup tekan 112 dari ponsel mana pun.",
    "Bebas pulsa di 0800-1-234567 untuk layanan nasabah.",
    "Call center 14045 melayani 24 jam.",
    "Ambulans gratis tersedia lewat nomor 119.",
    "Kirim SMS ketik REG spasi INFO ke 9876.",
    # codes, ids, documents
    "Nomor surat 045/KPTS/DISDIK/XII/2024 ditandatangani kepala dinas.",
    "Perda Nomor 7 Tahun 2023 mengatur retribusi pasar.",
    "Putusan Nomor 123/Pid.B/2024/PN Skl dibacakan kemarin.",
    "Resi pengiriman JX9988776655ID masih di gudang transit.",
    "Nomor pesanan INV/20241207/MPL/3345678901 sudah dibayar.",
    "Kode booking QZ7K2M berlaku untuk dua penumpang.",
    "Kode promo HEMAT2024 hanya berlaku sampai akhir bulan.",
    "Kode pos 95412 dipakai untuk kelurahan di pusat kota.",
    "Pelat nomor B 1234 XYZ terekam kamera tilang.",
    "Nomor rangka MHKA1BA1JFK012345 cocok dengan dokumen.",
    "Nomor mesin 1NR-F123456 tercantum di buku servis.",
    "ISBN 978-623-123-456-7 dicetak di sampul belakang.",
    "ISSN 2615-1234 tercantum di halaman depan jurnal.",
    "Barcode 8997001234567 tertera pada kemasan kecap.",
    "Kode HS 0901.21.10 dipakai untuk ekspor kopi sangrai.",
    "Kode KBLI 47111 untuk usaha minimarket.",
    "Standar SNI 01-3140-2001 berlaku untuk gula kristal.",
    "Kode billing 820241207123456 harus dibayar sebelum tengah malam.",
    "Nomor transaksi 20241207153045123 tercatat di mutasi.",
    "ID transaksi 7712345678901234 gagal diproses.",
    "Nomor referensi 0000123456789012 tidak ditemukan di sistem.",
    "Kode voucher 5000 1234 5678 9012 sudah kedaluwarsa.",
    "Nomor seri uang kertas ABC123456 tercatat di laporan.",
    "Nomor registrasi obat DKL2012345678A1 masih berlaku.",
    "Nomor izin edar MD 224113001234 tercetak di label.",
    "Nomor sertifikat halal ID00110000123450224 sudah terverifikasi.",
    "Kode pelanggan listrik 532100123456 untuk meteran prabayar.",
    "Nomor meter air 0012345678 dicatat petugas.",
    "Nomor PO 4500123456 menunggu persetujuan direktur.",
    "Lot produksi 2412A07-0034 ditarik dari pasaran.",
    # identifiers decided as traps (not among the five types or not personal)
    "NIP 198503122010011005 tercantum dalam surat keputusan mutasi.",
    "NISN 0098765432 milik siswa baru sudah didaftarkan sekolah.",
    "Nomor BPJS Kesehatan 0001234567890 muncul di kartu peserta.",
    "IMEI 356938035643809 terdaftar di sistem Kemenperin.",
    "NUPTK 1234567890123456 diberikan kepada guru honorer.",
    # numbers shaped like the five types but invalid by structure
    "Nomor antrean 0000000000000000 berarti data belum masuk.",
    "Kode dokumen 9999123456789012 dipakai sebagai nomor arsip.",
    "Nomor urut arsip 0013139912340001 dari gudang lama.",
    "Nilai uji 1234567890123456 hanya data contoh di modul pelatihan.",
    "Seri produk 4111-1111-1111-1112 ditarik pabrik.",
    "Kode rak 5500 0000 0000 0001 ada di gudang nomor dua.",
    "Nomor batch 08120000 tercetak di tutup botol.",
    "Kode wilayah 32.73.01.1001 merujuk ke sebuah kelurahan.",
    "Kode desa 3201012001 dipakai dalam data BPS.",
    "Ukuran layar 1920x1080 piksel pada 60 Hz.",
    "Nomor kursi 12A dan 12B dipesan untuk rombongan.",
    "Tahun 1945-1949 dikenal sebagai masa revolusi fisik.",
    "Frekuensi radio 102.7 FM dan 88.9 FM mengudara di kota itu.",
    "Ayat 2:255 dibacakan pada pembukaan acara.",
    "Rasio 16:9 dipakai untuk semua video kanal itu.",
    "Ketinggian gunung itu 3.676 mdpl.",
    "Jarak tempuh 1.234,5 km dicatat odometer.",
    "Tekanan darah 120/80 mmHg dianggap normal.",
    "Golongan III/b diberikan setelah empat tahun masa kerja.",
    "Kelas 7-8-9 ikut ujian serentak.",
    "Jadwal kereta 06.15, 07.45, 09.30 tercetak di papan.",
    "Nomor telepon kantor tidak dicantumkan di surat ini.",
    "Alamat surel akan diumumkan kemudian oleh panitia.",
    "Kata sandi minimal 8 karakter dengan angka dan simbol @#$.",
    "Akun @sangkaralam_info membagikan jadwal vaksinasi.",
    "Email dan nomor ponsel wajib diisi saat pendaftaran.",
    "Harga tiket @Rp75.000 per orang untuk rombongan.",
    "Diskon 20%@kasir berlaku untuk pembelian kedua.",
    "Gelar S.Kom., M.T. ditulis di belakang nama.",
)


def items(per_template: int = 10, seed: int = 1616) -> tuple[list[Item], list[Item]]:
    """(positives, traps): each template filled ``per_template`` times, deterministically."""
    rng = random.Random(seed)
    pos = [_fill(t, rng) for t in TEMPLATES for _ in range(per_template)]
    traps = [Item(t, [], "blind16", "trap") for t in TRAPS]
    return pos, traps


def _fill(template: str, rng: random.Random) -> Item:
    """One template with generated values and their gold spans."""
    text, spans, rest = "", [], template
    while "{" in rest:
        j = rest.index("{")
        k = rest.index("}", j)
        kind = rest[j + 1 : k]
        value = MAKERS[kind](rng)
        text += rest[:j]
        spans.append((kind, len(text), len(text) + len(value)))
        text += value
        rest = rest[k + 1 :]
    return Item(text + rest, spans, "blind16", "positive")
