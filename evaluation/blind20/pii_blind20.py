"""Blind PII set of session 18 (fourth outside writer): bare values in contexts, and traps.

Why: the detector's rules were tuned on sets their writers could read; these contexts and traps
were written by someone who never read the detector, its data or earlier sets' value lists, so
they are scored, never tuned on. Values are generated here from the public format descriptions:

- NIK ``PP KK CC DDMMYY SSSS`` (Kemendagri codes): province, kabupaten 01.. or kota 71..,
  kecamatan 01-25, day + 40 for women, month 01-12, year 00-99, serial 0001-1999; printed
  contiguous, or in 6-6-4 / 4-4-4-4 groups as people retype it.
- NPWP 15 digits ``TT.SSS.SSS.C-KKK.BBB``: taxpayer type, serial, a Luhn check over the first
  eight digits, tax-office code (KPP), branch ``000``/``001``; printed formatted or contiguous,
  and the 2024 16-digit form of an entity (``0`` + the 15 digits), contiguous.
- Phones: mobile prefixes of the operators (08xx) in 0-, 62-, +62- forms with dashes, dots,
  spaces, none; landlines with two- and three-digit area codes, with or without parentheses.
- E-mail: personal (webmail) and institutional (school, village, campus, office) addresses.
- Cards: Visa 16, Mastercard 51-55 and 2221-2720 (16), JCB 3528-3589 (16), Amex 34/37 (15),
  Luhn check digit computed here; contiguous, spaced or dashed.

Slots are written ``<<type>>``. Labelling decisions: a family-card (KK) number has the NIK layout
and is labelled ``nik``; a 16-digit individual NPWP is the NIK and is not generated; NIP, NISN,
NIB, BPJS, IMEI, virtual-account, bank-account, order, invoice and tracking numbers are traps
(not one of the five types, or not personal by design); a company's switchboard is ``phone``.
"""

from __future__ import annotations

import random
import re

from evaluation.pii.bare import Item

# province code -> (number of kabupaten, kota codes); public Kemendagri codes
_PROV: dict[int, tuple[int, tuple[int, ...]]] = {
    11: (18, (71, 72, 73)),
    12: (25, (71, 72, 73, 74, 75, 76, 77, 78)),
    13: (12, (71, 72, 73, 74, 75)),
    14: (10, (71, 73)),
    16: (13, (71, 72, 73, 74)),
    18: (13, (71, 72)),
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
    63: (11, (71, 72)),
    64: (7, (71, 72, 74)),
    71: (11, (71, 72, 73, 74)),
    73: (24, (71, 72, 73)),
    74: (15, (71, 72)),
    81: (9, (71, 72)),
    94: (28, (71,)),
}
_MOBILE = (
    "811",
    "812",
    "813",
    "821",
    "822",
    "852",
    "853",
    "814",
    "815",
    "816",
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
    "838",
    "895",
    "896",
    "897",
    "898",
    "899",
    "881",
    "882",
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
    "271",
    "274",
    "275",
    "291",
    "341",
    "361",
    "370",
    "380",
    "411",
    "431",
    "435",
    "511",
    "541",
    "561",
    "711",
    "717",
    "751",
    "761",
    "778",
    "911",
)
_LOCAL = (
    "wulandari.pratiwi",
    "rendy_kusuma88",
    "tante.lilis",
    "bambang.s.wibowo",
    "yunita2003",
    "ardi.nugraha",
    "mbak_sri.laundry",
    "agustina.ratu",
    "fikri.ramdhani",
    "kades.sukatani",
    "tatausaha",
    "ops.gudang",
    "humas",
    "nia_kurniasih",
    "pak.harto.tani",
    "rizky.f.p",
)
_DOMAIN = (
    "gmail.com",
    "yahoo.co.id",
    "ymail.com",
    "outlook.co.id",
    "sukatani-kidul.desa.id",
    "smkn3-tanjungraya.sch.id",
    "student.univ-pelitabangsa.ac.id",
    "lumbungmakmur.co.id",
    "kpu-kabpesisir.go.id",
    "hotmail.com",
    "mail.koperasiwargasejahtera.id",
)


def _luhn(payload: str) -> str:
    """The Luhn check digit of ``payload`` (cards, and the NPWP's ninth digit)."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


def nik(rng: random.Random) -> str:
    prov = rng.choice(sorted(_PROV))
    kab, kota = _PROV[prov]
    reg = rng.choice(kota) if kota and rng.random() < 0.3 else rng.randint(1, kab)
    day = rng.randint(1, 28) + rng.choice((0, 40))
    d = (
        f"{prov:02d}{reg:02d}{rng.randint(1, 25):02d}{day:02d}{rng.randint(1, 12):02d}"
        f"{rng.randint(0, 99):02d}{rng.randint(1, 1999):04d}"
    )
    return rng.choice(
        (d, d, d, f"{d[:6]} {d[6:12]} {d[12:]}", f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}")
    )


def npwp(rng: random.Random) -> str:
    head = rng.choice(("01", "02", "03", "07", "08", "09", "31", "66", "73", "81", "90"))
    head += f"{rng.randint(0, 999999):06d}"
    d = head + _luhn(head) + f"{rng.randint(401, 998):03d}" + rng.choice(("000", "000", "001"))
    dotted = f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    return rng.choice((dotted, dotted, d, "0" + d))


def phone(rng: random.Random) -> str:
    if rng.random() < 0.65:
        p = rng.choice(_MOBILE)
        r = "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8, 8, 9))))
        a, b = r[:4], r[4:]
        return rng.choice(
            (
                f"0{p}{r}",
                f"0{p}-{a}-{b}",
                f"0{p} {a} {b}",
                f"+62 {p} {a} {b}",
                f"+62{p}{r}",
                f"62{p}{r}",
                f"0{p}.{a}.{b}",
                f"+62-{p}-{a}-{b}",
            )
        )
    area = rng.choice(_AREA)
    n = rng.choice((6, 7)) if len(area) == 3 else rng.choice((7, 8))
    loc = str(rng.randint(2, 8)) + "".join(rng.choice("0123456789") for _ in range(n - 1))
    return rng.choice(
        (
            f"(0{area}) {loc}",
            f"0{area}-{loc}",
            f"0{area} {loc}",
            f"(0{area}) {loc[:3]}-{loc[3:]}",
            f"+62 {area} {loc}",
            f"+62-{area}-{loc}",
        )
    )


def email(rng: random.Random) -> str:
    return f"{rng.choice(_LOCAL)}@{rng.choice(_DOMAIN)}"


def card(rng: random.Random) -> str:
    kind = rng.choice(("visa", "visa", "mc", "mc2", "jcb", "amex"))
    head = {
        "visa": "4",
        "mc": str(rng.randint(51, 55)),
        "mc2": str(rng.randint(2221, 2720)),
        "jcb": str(rng.randint(3528, 3589)),
        "amex": rng.choice(("34", "37")),
    }[kind]
    size = 15 if kind == "amex" else 16
    body = head + "".join(rng.choice("0123456789") for _ in range(size - 1 - len(head)))
    d = body + _luhn(body)
    if kind == "amex":
        return rng.choice((d, f"{d[:4]} {d[4:10]} {d[10:]}", f"{d[:4]}-{d[4:10]}-{d[10:]}"))
    return rng.choice(
        (d, f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}", f"{d[:4]}-{d[4:8]}-{d[8:12]}-{d[12:]}")
    )


MAKERS = {"nik": nik, "npwp": npwp, "phone": phone, "email": email, "card": card}
SLOT = re.compile(r"<<(nik|npwp|phone|email|card)>>")

# Hand-written contexts. Most carry no formal label word next to the value (no "NIK:", "NPWP:",
# "Telp:", "Email:"); some carry the informal cues people really write (WA, KK, "hubungi", a
# card brand word), as in running text, lists, tables pasted as text, forms, chat exports.
TEMPLATES = (
    # running text
    "Bagi yang menemukan dompet hitam di sekitar pasar, tolong kabari saya di <<phone>>, ada imbalan.",
    "Saya sudah transfer pakai kartu <<card>> tapi pesanan belum juga dikirim.",
    "Rumah dijual tanpa perantara, silakan langsung ke pemilik <<phone>> atau kirim pesan ke <<email>>.",
    "Anak saya hilang sejak kemarin sore, siapa pun yang melihat mohon hubungi <<phone>>.",
    "Data pemohon atas nama Siti Marlina dengan nomor <<nik>> sudah kami verifikasi.",
    "Pembayaran pajak perusahaan kami menggunakan nomor <<npwp>> sejak tahun 2019.",
    "Keluhan bisa disampaikan langsung ke <<email>> dan akan dibalas dalam dua hari kerja.",
    "Kemarin ada yang memakai nomor <<nik>> milik ibu saya untuk pinjaman daring.",
    "Kalau ada pertanyaan soal arisan, japri saja ke <<phone>> ya bu.",
    "Tagihan sebesar Rp2.350.000 sudah didebet dari kartu <<card>> pada 3 Maret.",
    "Pak Darmo bisa dihubungi di <<phone>> atau lewat kantor desa di <<phone>>.",
    "Surat keberatan dikirim ke <<email>> dengan tembusan ke bupati.",
    # lists
    "1. Yuliana Sari - <<phone>>\n2. Bima Prasetyo - <<phone>>\n3. Dewi Anggraini - <<phone>>",
    "- Ketua panitia: Andika (<<phone>>)\n- Bendahara: Ratna (<<email>>)",
    "Daftar penerima: Sumarni <<nik>>; Karyadi <<nik>>; Wagiyem <<nik>>.",
    "* Rekanan: CV Sumber Rejeki Abadi, <<npwp>>\n* Rekanan: PT Lentera Niaga, <<npwp>>",
    "Kontak darurat:\n- Puskesmas <<phone>>\n- Pemadam kebakaran <<phone>>\n- Pak RT <<phone>>",
    # tables pasted as text
    "No | Nama | NIK | HP\n1 | Sugiarto | <<nik>> | <<phone>>",
    "Nama\tAlamat Surel\tNomor\nHerlina\t<<email>>\t<<phone>>",
    "| Vendor | NPWP | Kontak |\n| UD Teguh Santoso Wirasaba | <<npwp>> | <<email>> |",
    "Siswa;Orang tua;HP orang tua\nAldi;Ibu Nurul;<<phone>>\nSalsa;Bapak Eko;<<phone>>",
    "kode_pelanggan,nama,kartu\nPLG-0091,Rahmat Hidayat,<<card>>",
    # forms (flattened)
    "Nama lengkap: Maria Fransiska Tefa  Nomor induk kependudukan <<nik>>  Alamat: RT 03 RW 05",
    "Nomor Kartu Keluarga <<nik>> Kepala keluarga: Suparman",
    "Identitas wajib pajak ......... <<npwp>> (diisi sesuai kartu)",
    "Pemegang kartu: Ahmad Zaki  Nomor kartu <<card>>  Berlaku s/d 08/29",
    "Nomor yang bisa dihubungi (WA aktif) <<phone>>",
    "Alamat surat elektronik orang tua/wali <<email>>",
    "Pelapor: Endang Susilowati, no. KTP <<nik>>, tinggal di Dusun Krajan.",
    # chat exports
    "[12/03/24 19.45] Bu Rini: nomer pak kades <<phone>> ya, langsung telpon aja",
    "[08.12, 4/5/2024] Andre: kirim ke email gw aja <<email>>",
    "Mas Tio: ktp nya <<nik>> kak, udh aku foto juga",
    "[21:03] Nisa: kartu kreditku <<card>> ketolak terus di aplikasi itu",
    "Grup Alumni SMA 2: > Fajar: yg mau daftar reuni WA ke <<phone>> atau <<phone>>",
    "Admin Toko: Untuk faktur pajak kami butuh npwp kakak, contoh <<npwp>> ya",
    # letters, ads, OCR
    "Hormat kami,\nDrs. Samsul Bahri\n<<phone>> / <<email>>",
    "DIJUAL CEPAT motor bekas mulus, minat hub <<phone>> (Nego)",
    "Lowongan kerja: kirim CV ke <<email>> paling lambat 30 Juni.",
    "Terima kasih telah berbelanja. Struk ini dicetak untuk kartu <<card>>.",
    "Penerima bantuan atas nama Lasmini, KTP <<nik>>, dusun Sidomulyo, telah dicoret dari daftar.",
    "Apabila ada kendala silakan menghubungi operator sekolah di <<phone>> pada jam kerja.",
    "Hubungi kami: <<phone>> | <<email>> | Jl. Merpati No. 14",
    "Konfirmasi pembayaran kirim bukti ke <<email>> cantumkan nama dan kelas.",
    "PT Sinar Kemasan Lestari, NPWP perusahaan baru <<npwp>>, Jl. Industri Raya Blok C",
)

# Technical strings, codes and numbers that only look like PII (hand-written).
TRAPS = (
    # invoices, orders, receipts
    "Nomor faktur INV/2024/03/004512 sudah lunas dibayar.",
    "Pesanan dengan nomor 240315KJ8XQ2PM sedang dikemas oleh penjual.",
    "Order ID 5820391746203 dibatalkan otomatis karena belum dibayar.",
    "Kode booking tiket kereta Anda adalah QWERT9.",
    "Nomor transaksi 202403151045220019 berhasil diproses.",
    "Nomor referensi BI-FAST 2024031500112233445 tercatat di mutasi.",
    "Resi JNE 0123456789012 sedang dalam perjalanan ke kota tujuan.",
    "Nomor resi JX3412987650 tertahan di gudang transit.",
    "Lacak paket SPXID045987123456 di aplikasi.",
    "Tagihan listrik ID pelanggan 532100987654 bulan ini Rp412.000.",
    "Token listrik 4821 0937 5512 0846 6219 sudah masuk ke meteran.",
    "Kode voucher HEMAT50RB berlaku sampai akhir bulan.",
    "Nomor virtual account 8808 1002 3345 6671 berlaku 24 jam.",
    "Nomor rekening 1370012345678 atas nama koperasi.",
    "Nomor polis asuransi 01.2024.000451.78 sudah aktif.",
    "Kode bayar e-billing pajak 820240315123456 berlaku sampai 20 Maret.",
    "NTPN 0A1B2C3D4E5F6G7H dicetak pada bukti setor.",
    "Faktur pajak nomor 010.000-24.12345678 diterbitkan hari ini.",
    "Kuitansi no. 0045/KWT/III/2024 ditandatangani bendahara.",
    "Nomor SPK 027/SPK/PPK-JLN/V/2024 sudah terbit.",
    # identity-like numbers that are not the five types
    "NIP 198503152010011002 tercantum di surat keputusan.",
    "NISN siswa tersebut adalah 0091234567.",
    "Nomor kartu BPJS Kesehatan 0001234567891 masih aktif.",
    "NIB usaha mikro itu 9120001234567 terbit lewat OSS.",
    "IMEI ponsel yang dicuri 356938035643809.",
    "Nomor mesin motor JFZ1E-2345678 tidak cocok dengan STNK.",
    "Nomor rangka MH1JFZ123KK456789 tertera di BPKB.",
    "Pelat nomor B 1234 XYZ terekam kamera tilang elektronik.",
    "Nomor paspor C1234567 harus diperpanjang tahun depan.",
    "Nomor SIM 1208-0512-000123 sudah habis masa berlakunya.",
    "Nomor sertifikat tanah 10.05.02.03.1.00456 sedang diperiksa.",
    "Nomor akta kelahiran 3201-LT-15032010-0012 diterbitkan dinas.",
    # versions, sections, standards
    "Perbarui aplikasi ke versi 3.12.8.2041 agar fitur baru muncul.",
    "Kernel 6.1.0-18-amd64 sudah terpasang di server kantor.",
    "Lihat Pasal 12 ayat (3) huruf b Undang-Undang Nomor 11 Tahun 2020.",
    "Peraturan Menteri Nomor 5 Tahun 2021 tentang perizinan berusaha.",
    "Standar SNI 8100:2015 berlaku untuk produk ini.",
    "ISO 27001:2022 menjadi syarat tender.",
    "Subbab 2.4.1.7 memuat daftar pustaka tambahan.",
    "Kode wilayah 32.04.12.2005 adalah sebuah desa di Bandung.",
    "Kode pos 40257 mencakup tiga kelurahan.",
    "Kode KBLI 47111 untuk usaha toko kelontong.",
    "Kode akun 5.2.02.10.01.0003 dipakai untuk belanja modal.",
    "Nomor ISBN 978-623-00-1234-5 tercetak di sampul belakang.",
    "ISSN 2302-1234 milik jurnal kampus.",
    "DOI 10.1016/j.jclepro.2023.136789 dikutip dalam makalah.",
    # dates, times, measures
    "Rapat digelar pada 15-03-2024 pukul 09.00-11.30 WIB.",
    "Periode pendaftaran 01/04/2024 - 30/04/2024.",
    "Stempel waktu 2024-03-15T10:45:22+07:00 tercatat di log.",
    "Jadwal 20240315 0830 1130 diunggah ke sistem.",
    "Koordinat -6.914744, 107.609810 menunjukkan lokasi kejadian.",
    "Suhu mencapai 36,8 derajat pada 14.30 siang.",
    "Produksi 1.250.000 ton pada 2023 naik dari 1.180.500 ton.",
    "Anggaran Rp 12.345.678.900 disahkan dewan.",
    "Jumlah penduduk 2.456.789 jiwa menurut sensus 2020.",
    "Populasi 0812 ekor sapi tercatat di kandang kelompok.",
    # IBAN-like, SWIFT, tracking, hashes
    "Transfer ke IBAN DE89 3704 0044 0532 0130 00 dikenai biaya.",
    "Kode SWIFT BNINIDJA dipakai untuk transfer internasional.",
    "Nomor kontainer MSCU 123456 7 tiba di Tanjung Priok.",
    "Nomor AWB 126-12345675 untuk kiriman udara.",
    "Hash file: 5d41402abc4b2a76b9719d911017c592.",
    "Kunci lisensi XK92J-7HD3P-QM4RT-8VWYB-2CZ6N tidak valid.",
    "UUID 3f2504e0-4f89-11d3-9a0c-0305e82c3301 dicatat di basis data.",
    "Alamat IP 192.168.100.254 diblokir firewall.",
    "MAC address 00:1A:2B:3C:4D:5E terdaftar di jaringan.",
    "Nomor seri panel surya SN2024031500012345 tertera di belakang.",
    "Barcode 8991002101234 tercetak di kemasan mi instan.",
    "Kode produk 8 992222 054321 ada di label.",
    # file names, handles, URLs
    "Berkas scan_ktp_20240315_final.pdf gagal diunggah.",
    "File 3201234567_laporan.xlsx ada di folder bersama.",
    "Lampiran foto IMG_20240315_104522.jpg terlalu besar.",
    "Unduh berkas dari https://drive.desa.id/berkas/081234/unduh.",
    "Pasang paket npm install @saring/kit@2.3.1 terlebih dahulu.",
    "Gunakan perintah ssh admin@10.0.0.12 untuk masuk.",
    "Ikuti akun @warung_bu_sri untuk promo harian.",
    "Gambar logo@2x.png dipakai untuk layar besar.",
    "Tautan https://contoh.id/p/4485123456789012 sudah kedaluwarsa.",
    "Repo git@gitlab.kampus.ac.id:ta/skripsi.git dikunci sementara.",
    # phone-like but not phones
    "Pemenang undian nomor 0812 mendapat sepeda motor.",
    "Kode promo 0857DISKON hanya berlaku untuk pelanggan baru.",
    "Nomor urut 021 sampai 045 dipanggil besok pagi.",
    "Ruang 0271 ada di lantai dua gedung rektorat.",
    "Seri tiket 62812345 habis terjual.",
    "Pasal 62 ayat 8 tidak mengatur hal itu.",
    "Skor akhir 3-2-1 tercatat di papan.",
    "Kuota 100.000.000 byte sama dengan sekitar 95 MB.",
    # card-like and NIK-like numbers that fail their specs
    "Nomor kartu anggota perpustakaan 2024000123456789 dicetak ulang.",
    "Nomor tiket 1234 5678 9012 3456 tidak terdaftar.",
    "Kode aktivasi 4000-1111-2222-3333 tidak bisa dipakai.",
    "Nomor kartu tol 6032 9840 1234 5679 perlu diisi ulang.",
    "Nomor registrasi 9999999999999999 dipakai sebagai contoh di formulir.",
    "ID pelanggan 0000000000000000 muncul saat sistem galat.",
    "Nomor seri 1234567890123456 di bawah kotak.",
    "Kode gudang 9912 3456 7890 dipakai pemasok.",
    # e-mail-like but not e-mail
    "Gunakan format nama@domain saat mengisi kolom surel.",
    "Tulis alamat dengan pola [nama depan].[nama belakang]@kantor.",
    "Harga @Rp25.000 per kotak, minimal pesan 10 kotak.",
    "Bertemu @kafe pojok jam 7 malam, jangan telat.",
    "Rapat @ ruang 3 dipindah ke aula.",
    "Diskon 20% @ semua cabang sampai Minggu.",
)


def _fill(template: str, rng: random.Random) -> Item:
    """One positive: the template with fresh values and their gold spans."""
    text, spans, pos = "", [], 0
    for m in SLOT.finditer(template):
        text += template[pos : m.start()]
        value = MAKERS[m[1]](rng)
        spans.append((m[1], len(text), len(text) + len(value)))
        text += value
        pos = m.end()
    return Item(text + template[pos:], spans, "blind", "positive")


def items(per_template: int = 10, seed: int = 2020) -> tuple[list[Item], list[Item]]:
    """(positives, traps): each template filled ``per_template`` times (fixed seed)."""
    rng = random.Random(seed)
    pos = [_fill(t, rng) for t in TEMPLATES for _ in range(per_template)]
    return pos, [Item(t, [], "blind", "trap") for t in TRAPS]
