"""A fourth bare-value set for PII (issue 17, session 14): a new value generator, new contexts and
new traps, split into a tune half and a held-out half.

Written before any detector change of session 14. The tune half (even template and trap indices)
is the material the session's fixes are made on; the held-out half (odd indices) is scored once
with main at the start and once with the branch at the end, its failures read only then.

Values (:func:`make`) come from a generator written here from public format descriptions, not
from the detector's data files:

- NIK ``PP RR SS DDMMYY NNNN`` with Kemendagri province and regency codes (kabupaten 01.., kota
  71..), women's day + 40, in the contiguous, 2.2.2.6.4 dotted, 6-6-4 and 4-4-4-4 spaced and
  dashed layouts; also Kartu Keluarga numbers (same layout, the issue date instead of a birth date,
  no + 40): personal data of a household, scored as ``nik`` (the detector's type for both).
- NPWP: the 15-digit form (taxpayer type, 6-digit serial, Luhn check digit over the first nine,
  3-digit KPP code, 3-digit branch), printed ``99.999.999.9-999.999``, with spaces instead of
  punctuation, contiguous; the 16-digit form since 2024 (``0`` + the 15 digits for entities).
- Mobiles: every operator's prefix (Telkomsel incl. by.U 0851, Indosat, XL, Axis, Tri,
  Smartfren, and the small Net1/Ceria 0828), 10-13 digits, in 0-, 62-, +62-, (+62)- and 0062-
  forms with spaces, dashes, dots or none; landlines of area codes across the archipelago
  (two-digit metro codes and three-digit ones, many not used by earlier sets), 5-8 local digits.
- E-mail: local parts with dots, hyphens, underscores, digits, capitals and ``+tags``; domains
  with subdomains (``mail.dinkes.jatengprov.go.id``), school, village, company and foreign domains.
- Cards: Visa (13/16/19 digits), Mastercard 51-55 and 2221-2720, JCB 3528-3589, Amex 34/37 in
  4-6-5, Diners 36 in 4-6-4, Discover 6011/65, UnionPay 62 (16 and 19 digits); Luhn computed here.
  Domestic GPN debit cards (60xx, 9360) are left out: without a card word their prefixes are
  indistinguishable from codes (the detector asks for a card word; documented, not measured).

Contexts (>= 25 new shapes, no label word on the value's line): chat exports, spreadsheets pasted as
text (tab and semicolon rows), OCR'd forms, SMS spam, court documents, marketplace listings,
code blocks and logs, mailing-list footers, pasted address books.

What counts as PII here (decisions):

- KK numbers: yes (household identity), gold type ``nik``.
- NIP (civil servant, 18 digits), NRP (police/army), NUPTK, NISN, BPJS card numbers: personal
  identifiers, but not among the detector's five types and published by design in decrees and
  school lists; they are TRAPS: the detector must not call them a NIK, card, NPWP or phone.
- Call-centre and toll-free numbers (``1500-xxx``, ``0800-...``, ``14xxx``): not personal; traps.
- Everything else in ``TRAPS`` is technical: timestamps, coordinates, order ids, tracking numbers,
  version strings, IP-like section numbers, file names, hashes, tax billing codes, plates.
"""

from __future__ import annotations

import random

from evaluation.pii.bare import Item

# Kemendagri province code -> (regency codes that exist: kabupaten, kota). Written from the
# Permendagri lists; only codes that exist (Kalimantan Timur skips 06-08, now Kalimantan Utara).
_REGENCIES: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {
    11: (tuple(range(1, 19)), (71, 72, 73, 74, 75)),
    13: (tuple(range(1, 13)), tuple(range(71, 78))),
    15: (tuple(range(1, 10)), (71, 72)),
    16: (tuple(range(1, 14)), (71, 72, 73, 74)),
    17: (tuple(range(1, 10)), (71,)),
    19: (tuple(range(1, 7)), (71,)),
    21: (tuple(range(1, 6)), (71, 72)),
    31: ((1,), (71, 72, 73, 74, 75)),
    32: (tuple(range(1, 19)), tuple(range(71, 80))),
    35: (tuple(range(1, 30)), tuple(range(71, 80))),
    36: ((1, 2, 3, 4), (71, 72, 73, 74)),
    52: (tuple(range(1, 9)), (71, 72)),
    53: (tuple(range(1, 22)), (71,)),
    62: (tuple(range(1, 14)), (71,)),
    64: ((1, 2, 3, 4, 5, 9, 11), (71, 72, 74)),
    65: ((1, 2, 3, 4), (71,)),
    71: (tuple(range(1, 12)), (71, 72, 73, 74)),
    72: (tuple(range(1, 13)), (71,)),
    73: (tuple(range(1, 25)), (71, 72, 73)),
    75: ((1, 2, 3, 4, 5), (71,)),
    76: ((1, 2, 3, 4, 5, 6), ()),
    81: (tuple(range(1, 10)), (71, 72)),
    82: (tuple(range(1, 9)), (71, 72)),
    91: ((1, 2, 3, 5, 8, 9), (71,)),
    92: ((1, 2, 3, 4, 5), (71,)),
}
# Mobile prefixes by operator (after the trunk 0).
_OPERATORS = {
    "telkomsel": ("811", "812", "813", "821", "822", "823", "851", "852", "853"),
    "indosat": ("814", "815", "816", "855", "856", "857", "858"),
    "xl": ("817", "818", "819", "859", "877", "878"),
    "axis": ("831", "832", "833", "838"),
    "tri": ("895", "896", "897", "898", "899"),
    "smartfren": ("881", "882", "883", "884", "885", "886", "887", "888", "889"),
    "net1": ("828",),
}
# Area codes (without the trunk 0): metro two-digit ones and three-digit ones across the islands
# (Tegal, Ponorogo, Tulungagung, Singaraja, Bima, Ende, Watampone, Bitung, Luwuk, Sampit,
# Singkawang, Bontang, Lhokseumawe, Pematangsiantar, Sibolga, Bukittinggi, Dumai, Lubuklinggau,
# Metro, Pangkal Pinang, Tual, Manokwari, Nabire, Timika, plus some bigger cities).
_AREAS = ("21", "22", "24", "31", "61", "283", "352", "355", "362", "374", "381", "481", "438",
          "461", "531", "562", "548", "645", "622", "631", "752", "765", "733", "725", "717",
          "916", "986", "984", "901", "274", "341", "411", "711", "370", "254")
_LOCALS = ("wulan.sari", "Bayu.Aji", "t-rahmawati", "gilang_ramadhan", "oktaviani99",
           "h.simanjuntak", "adelia+belanja", "rendy.k+kerja", "yuni.astuti.1988", "faisal-a",
           "ketut_wira", "marlina", "Paulus.Wenda", "ita.purnama", "dodik_s", "zahra.n")
_EMAIL_DOMAINS = ("gmail.com", "yahoo.co.id", "rocketmail.com", "mail.dinkes.jatengprov.go.id",
                  "students.unair.ac.id", "smkn2-kupang.sch.id", "desa-sukamaju.desa.id",
                  "koperasi-tani.or.id", "bengkelmandiri.web.id", "yahoo.com", "outlook.com",
                  "mail.ru", "posteo.de", "staff.uny.ac.id", "pt-sumberrejeki.co.id")


def _luhn_digit(payload: str) -> str:
    """Luhn check digit (a fourth independent implementation)."""
    acc = 0
    double = True
    for ch in reversed(payload):
        v = int(ch)
        if double:
            v = v * 2 - 9 if v > 4 else v * 2
        acc += v
        double = not double
    return str(-acc % 10)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def nik(rng: random.Random) -> str:
    """A NIK (or, one time in five, a KK number: issue date, no + 40) in one of its layouts."""
    prov = rng.choice(sorted(_REGENCIES))
    kab, kota = _REGENCIES[prov]
    reg = rng.choice(kota) if kota and rng.random() < 0.3 else rng.choice(kab)
    kk = rng.random() < 0.2
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    if not kk and rng.random() < 0.5:
        day += 40
    year = rng.randint(0, 24) if kk else rng.randint(45, 99) if rng.random() < 0.8 else rng.randint(0, 8)
    d = f"{prov:02d}{reg:02d}{rng.randint(1, 30):02d}{day:02d}{month:02d}{year:02d}{rng.randint(1, 3500):04d}"
    layout = rng.random()
    if layout < 0.55:
        return d
    if layout < 0.7:
        return f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:12]}.{d[12:]}"
    if layout < 0.8:
        return f"{d[:6]} {d[6:12]} {d[12:]}"
    if layout < 0.9:
        return " ".join(d[i : i + 4] for i in range(0, 16, 4))
    return "-".join(d[i : i + 4] for i in range(0, 16, 4))


def npwp(rng: random.Random) -> str:
    """A 15-digit NPWP in the printed, space-separated or contiguous form, or the 16-digit form."""
    kind = rng.choice(("01", "02", "03", "04", "06", "07", "08", "09", "31", "41", "42", "47",
                       "54", "66", "72", "76", "80", "84", "92", "96"))
    head = kind + _digits(rng, 6)
    d = head + _luhn_digit(head) + f"{rng.randint(11, 998):03d}" + rng.choice(("000", "000", "000", "002"))
    form = rng.random()
    if form < 0.4:
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    if form < 0.5 and kind[0] == "0":
        return f"{d[:2]} {d[2:5]} {d[5:8]} {d[8]} {d[9:12]} {d[12:]}"
    if form < 0.75:
        return d
    return "0" + d


def mobile(rng: random.Random) -> str:
    op = rng.choice(sorted(_OPERATORS))
    p = rng.choice(_OPERATORS[op])
    rest = _digits(rng, rng.choice((6, 7, 8, 8, 8, 9)))
    head = rng.choice(("0", "0", "0", "+62", "+62 ", "62", "(+62) ", "0062 ", "+62-"))
    if len(rest) >= 8 and rng.random() < 0.6:
        sep = rng.choice((" ", "-", ".", " "))
        body = f"{p}{sep}{rest[:4]}{sep}{rest[4:]}"
    elif len(rest) == 7 and rng.random() < 0.5:
        body = f"{p} {rest[:3]} {rest[3:]}"
    else:
        body = p + rest
    return head + body


def landline(rng: random.Random) -> str:
    area = rng.choice(_AREAS)
    local = str(rng.randint(20000000, 89999999)) if area == "21" and rng.random() < 0.5 else (
        str(rng.randint(2000000, 8999999)) if len(area) == 2 else str(rng.randint(200000, 899999)))
    if rng.random() < 0.15 and len(area) == 3:
        local = local[:5]  # five-digit locals of small towns
    return rng.choice((f"(0{area}) {local}", f"0{area}-{local}", f"0{area} {local}",
                       f"+62 {area} {local}", f"(0{area}) {local[:3]}-{local[3:]}",
                       f"0{area}.{local}", f"+62-{area}-{local}"))


def phone(rng: random.Random) -> str:
    return mobile(rng) if rng.random() < 0.7 else landline(rng)


def email(rng: random.Random) -> str:
    local = rng.choice(_LOCALS)
    if rng.random() < 0.2:
        local = local.upper() if rng.random() < 0.3 else local + str(rng.randint(1, 2024))
    return f"{local}@{rng.choice(_EMAIL_DOMAINS)}"


_BRANDS = (("4", 16), ("4", 13), ("4", 19), ("51", 16), ("54", 16), ("55", 16), ("2221", 16),
           ("2720", 16), ("2300", 16), ("3528", 16), ("3589", 16), ("34", 15), ("37", 15),
           ("36", 14), ("6011", 16), ("65", 16), ("62", 16), ("62", 19))


def card(rng: random.Random) -> str:
    start, n = rng.choice(_BRANDS)
    body = start + _digits(rng, n - 1 - len(start))
    d = body + _luhn_digit(body)
    if n == 15:
        return rng.choice((d, f"{d[:4]} {d[4:10]} {d[10:]}", f"{d[:4]}-{d[4:10]}-{d[10:]}"))
    if n == 14:
        return rng.choice((d, f"{d[:4]} {d[4:10]} {d[10:]}"))
    if n == 19:
        return rng.choice((d, " ".join(d[i : i + 4] for i in range(0, 19, 4))))
    if n == 13:
        return d
    return rng.choice((d, " ".join(d[i : i + 4] for i in range(0, 16, 4)),
                       "-".join(d[i : i + 4] for i in range(0, 16, 4))))


MAKERS = {"nik": nik, "npwp": npwp, "phone": phone, "email": email, "card": card}

# Hand-written contexts; even index = tune, odd = held-out. No label word on the value's line.
TEMPLATES = (
    # chat exports (WhatsApp / Telegram)
    "12/06/24 08.15 - Bu Wati RT 04: ini punya pak Darto {nik} tolong dicek sudah masuk belum",
    "[13.06.24 21:02:11] Yosep: sama pak, kalo mau ambil barangnya langsung aja ke {phone} (istri saya)",
    "14/06/24 07.41 - Mas Andre: kirim ke sini aja file-nya {email} nanti saya print",
    "15/06/24 19.03 - Kak Sinta: udah aku transfer ya, buat verifikasi aku pake {card} kemarin",
    "16/06/24 10.22 - Admin Kos Melati: yang minat kamar lantai 2 langsung chat {phone} / {phone}",
    # spreadsheets pasted as text
    "No\tNama\tAlamat\tNo. Urut\n7\tSuparmi\tDsn. Ngemplak\t{nik}",
    "Nama Usaha\tPemilik\tKeterangan\nToko Bangunan Sinar\tH. Rosyid\t{npwp}",
    "8;Markus Lende;Kel. Oesapa;{nik};Kupang",
    "NO | NAMA | KET\n3 | Dra. Endang | {phone}",
    "Peserta;Asal;Keterangan\nRiko Saputra;Metro;{email}",
    "CV Karya Bersama\t{npwp}\tRp 45.000.000\tselesai",
    # OCR'd forms (odd spacing, lost labels)
    "FORMULIR PENDAFTARAN\nNama Lengkap : SUGENG RIYADI\n: {nik}\nAlamat : Jl. Merpati 3",
    "SURAT PERNYATAAN\nYang bertanda tangan di bawah ini, Lasmini\n{nik}\nmenyatakan dengan sebenarnya",
    "Nama : YUSUF ARIFIN   Tempat/Tgl Lahir : Bima, 02-03-1979\n {phone}",
    "Pemilik Usaha : KOPERASI SERBA USAHA MAJU\n{npwp}  Jl. Pahlawan 21",
    # SMS spam / scam messages
    "SELAMAT! Nomor Anda terpilih mendapat hadiah 2 unit motor dari undian. Info lengkap hub. {phone}",
    "Yth. Nasabah, limit Anda naik jadi 25jt. Aktivasi segera dgn balas data {card} ke nomor ini.",
    "PINJAMAN CEPAT cair 1 jam tanpa jaminan, cukup foto {nik} kirim ke {phone}",
    "Mama lagi di kantor polisi, tolong isi pulsa ke nomor baru mama {phone} sekarang ya",
    # court documents
    "Terdakwa Hendrik Manuputty, lahir di Ambon, 12 Maret 1985, {nik}, agama Kristen, pekerjaan nelayan;",
    "Menetapkan barang bukti berupa 1 (satu) lembar fotokopi dengan {nik} atas nama saksi dikembalikan kepada saksi;",
    "bahwa saksi mengirimkan uang melalui kartu milik terdakwa {card} sebanyak tiga kali;",
    "Penggugat, CV Bintang Timur, {npwp}, berkedudukan di Samarinda, dalam hal ini memberi kuasa",
    # marketplace listings
    "Dijual cepat Avanza 2017 mulus, pajak hidup, harga nego. Minat serius {phone} (Pak Harun)",
    "Terima pesanan nasi kotak & tumpeng area Sleman. Order minimal 20 box. Pesan di {phone}",
    "Kos putri dekat kampus, fasilitas lengkap. Pemilik: Ibu Tatik {phone}",
    "Lowongan admin gudang, lamaran dikirim ke {email} paling lambat 30 Juni.",
    # code blocks and logs
    "2024-06-12 08:15:33,412 INFO auth: login ok user={email} from 10.12.8.77",
    "curl -X POST https://api.toko.id/v1/users -d '{{\"nama\": \"Rani\", \"nomor\": \"{phone}\"}}'",
    "user_id,full_name,value\n10234,Lukas Taolin,{nik}",
    "    assert normalize(\"{phone}\") == expected",
    "WARN payment.gateway declined pan={card} reason=insufficient_funds",
    "INSERT INTO pelanggan (nama, kontak) VALUES ('Agnes', '{email}');",
    # mailing-list footers / address books / newsletters
    "Salam,\nDr. Rahmat Hidayat\nLab. Mikrobiologi\n{email}\n{phone}",
    "BEGIN:VCARD\nFN:Bu Lastri Katering\nTEL;CELL:{phone}\nEND:VCARD",
    "Untuk berhenti berlangganan buletin ini, balas ke {email} dengan judul STOP.",
    "Pengurus: Pak Nyoman (ketua) {phone}; Bu Sri (bendahara) {phone}",
    # running prose, values between other values
    "Keduanya lalu bertukar data {nik} dan {npwp} untuk keperluan kontrak sewa.",
    "Setelah dicek, {npwp} ternyata masih tercatat atas nama perusahaan lama.",
    "Tagihan bulan ini dibebankan ke {card}, sisa limit masih cukup.",
    "Bu Erna menitipkan {card} kepada anaknya, lalu kartunya hilang di pasar.",
    "Ia juga menyebut {email} sebagai alamat yang dipakai pelaku untuk mendaftar.",
    "Korban diminta membacakan {nik} lewat telepon oleh orang yang mengaku petugas bank.",
    "Undangan rapat dikirim dari {email} ke seluruh kepala sekolah.",
    "Warga Kelurahan Oebobo, Yakobus ({nik}), mendapat bantuan bedah rumah.",
    "Kantor cabang Sibolga dapat dihubungi lewat {phone} selama jam kerja.",
    "Mitra pengemudi, Ahmad Rifai, {phone}, terakhir terlihat di terminal.",
    "Daftar hadir: 1) Ucok {phone} 2) Butet {phone} 3) Lae Tigor {phone}",
    "Perusahaan itu terdaftar dengan {npwp} sejak 2011 dan berganti nama tahun lalu.",
    "Tolong konfirmasi ke {email} atau {email} sebelum Jumat.",
    "Setoran awal dibayar dengan {card}; sisanya dicicil enam bulan.",
    "CV Sumber Air — {npwp} — Jl. Veteran 9, Lhokseumawe",
)

# Technical strings, numbers and codes that are not the five PII types (no gold span). Even
# index = tune, odd = held-out.
TRAPS = (
    # timestamps
    "2024-06-12 08:15:33.412 [main] DEBUG koneksi dibuka",
    "Cap waktu server 1718180133 dikonversi ke WIB.",
    "Log menyimpan 1718180133412 sebagai waktu kejadian.",
    "Berkas dibuat 20240612081533 oleh sistem arsip.",
    "Sesi berakhir 12/06/2024 23:59:59 tanpa aktivitas.",
    "Rekaman CCTV 2024.06.12 08.15.33 diserahkan ke penyidik.",
    "Jadwal kereta 05.45-08.12-10.30 berlaku mulai Juni.",
    "Waktu tempuh 01:23:45.678 tercatat di papan lomba.",
    # coordinates
    "Lokasi longsor di -7.250445, 112.768845 menurut BPBD.",
    "Titik kumpul berada pada 6°54'53.1\"S 107°36'35.3\"E.",
    "Pusat gempa 2.85 LU 128.37 BT kedalaman 12 km.",
    "Peta: lat=-8.6500&lng=115.2167&zoom=14",
    "Koordinat UTM 49M 682345 9212345 dipakai tim survei.",
    "GPS menunjukkan -0.502106 117.153709 di tepi sungai.",
    # order ids / invoices
    "Pesanan INV/20240612/MPL/3945771234 sudah dikirim penjual.",
    "No. pesanan 240612QWERTY12 dibatalkan otomatis.",
    "Order 512345678901234 menunggu pembayaran.",
    "ID transaksi 8123456789012 tercatat di riwayat.",
    "Nomor referensi 0812240612000123 untuk pengembalian dana.",
    "Booking GrabCar A-5XYZ123ABC selesai.",
    "Kode bayar 8277081234567890 berlaku 24 jam.",
    "Nomor faktur pajak 010.000-24.12345678 diterbitkan hari ini.",
    "Faktur 0100002412345678 dilaporkan dalam SPT Masa.",
    "Kode billing 820240612345678 untuk setoran PPh.",
    "NTPN 1A2B3C4D5E6F7G8H tercetak di bukti setor.",
    # tracking numbers
    "Resi JNE 0114 2400 1234 5678 sudah sampai di gudang transit.",
    "Paket J&T JD0123456789 tertahan di Surabaya.",
    "Resi SiCepat 004512345678 belum di-pickup.",
    "AnterAja 10001234567890 dalam perjalanan.",
    "Kiriman Pos EE123456789ID tiba di Kantor Pos Ende.",
    "Lacak paket NVIDSHOPE000123456 di situs kurir.",
    "Nomor resi 3578 1234 0612 0001 dari ekspedisi lokal.",
    # version strings
    "Naikkan dependensi ke v2.14.0-rc.1 sebelum rilis.",
    "Paket 1.0.0+build.20240612 lulus uji integrasi.",
    "Ponsel itu memakai Android 14 (UP1A.231005.007).",
    "Kernel 5.15.0-105-generic dipasang ulang.",
    "Peramban Chrome/124.0.6367.91 mengirim header itu.",
    "Windows build 22631.3593 membawa perbaikan.",
    "Aplikasi kasir versi 3.2.10.1245 mogok saat sinkron.",
    "Model bahasa itu dirilis sebagai 2024.06.12.1.",
    # IP-like section numbers, clauses, standards
    "Lihat ketentuan 10.2.3.4 pada dokumen tender.",
    "Kontrol ISO 27001:2013 A.12.4.1 mengatur pencatatan log.",
    "Diagnosis ICD-10 J45.9 tercantum di resume medis.",
    "Kriteria 4.3.2.1 dan 4.3.2.2 belum terpenuhi.",
    "Sesuai butir 2.1.1.3 juknis BOS tahun berjalan.",
    "Langkah 12.10.8.5 diulang sampai berhasil.",
    "Indikator 3.1.1.11 di matriks RPJMD.",
    "Kode akun 5.2.02.10.0001 untuk belanja modal.",
    # file names
    "Lampiran scan_ktp_20240612.jpg terlalu buram.",
    "Foto IMG_20240612_081533.jpg diunggah ke grup.",
    "Video VID-20240612-WA0012.mp4 beredar luas.",
    "Cadangan backup_2024-06-12.sql.gz disimpan di NAS.",
    "Unduh foto-produk@3x.webp untuk katalog.",
    "Dokumen SK_800-1234-2024.pdf sudah ditandatangani.",
    "Rekaman rapat_2024-06-12_0815.m4a ditemukan di folder.",
    "Berkas data_3273012508990001.csv dihapus.",
    # hashes and ids
    "MD5 berkas itu 9e107d9d372bb6826bd81d3542a419d6.",
    "SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 untuk berkas kosong.",
    "Commit a1b2c3d memperbaiki validasi form.",
    "CID bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi disematkan.",
    "Alamat dompet 0x52908400098527886E0F7030069857D2E4169EE7 tercantum di laporan.",
    "Token sesi eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc kedaluwarsa.",
    # NIP / NRP / NUPTK / NISN / BPJS / KPJ (personal, not the five types)
    "NIP. 19780512 200312 1 002 diangkat sebagai kepala seksi.",
    "NIP 197805122003121002 tercantum di lampiran SK.",
    "AKBP Sutrisno, NRP 73050412, memimpin apel.",
    "Serda Made Adi NRP 21110123450390 bertugas di Koramil.",
    "NUPTK 4157754656200002 terdaftar di Dapodik.",
    "NISN 0081234567 dipakai untuk daftar ulang.",
    "Kartu BPJS Kesehatan 0001234567890 aktif kembali.",
    "KPJ 12345678901 BPJS Ketenagakerjaan terdaftar.",
    "NPSN 20212345 milik SD negeri itu.",
    "NIB 9120001234567 terbit lewat OSS.",
    # call centres, short codes, toll-free
    "Layanan pelanggan 1500-888 siaga 24 jam.",
    "Bebas pulsa 0800-1-500-888 untuk pengaduan.",
    "Hubungi 14045 untuk layanan bank itu.",
    "Darurat 112, ambulans 118, pemadam 113.",
    "Call center 1500 300 melayani keluhan listrik.",
    "SMS ke 9133 untuk cek kuota.",
    # money, quantities, measures
    "Nilai proyek Rp 12.345.678.901.234 dibagi empat tahun.",
    "Pendapatan 3.456.789.012.345,67 dicatat di neraca.",
    "Produksi padi 54.748.977 ton gabah kering giling.",
    "Jumlah pemilih 204.807.222 orang di DPT.",
    "Cadangan 1.234.567.890 barel belum dieksploitasi.",
    "Luas 1.910.931 km2 daratan.",
    # plates, vehicles, device ids
    "Mobil B 1234 XYZ parkir di bahu jalan.",
    "Nomor rangka MH1JBK117HK123456 sesuai BPKB.",
    "Nomor mesin JBK1E1234567 tercatat di STNK.",
    "IMEI 356938035643809 diblokir operator.",
    "ICCID 8962100123456789012 pada kartu perdana.",
    "Nomor seri SN: 3174051708950001 tercetak di router.",
    # codes that share digit shapes
    "Kode wilayah 32.73.01.1001 untuk Cipaganti.",
    "NOP PBB 32.73.010.001.002-0123.0 atas tanah itu.",
    "Kode pos 40132, 40115 dan 40111 masuk wilayah itu.",
    "ISBN 978-623-00-1234-5 tercetak di sampul.",
    "ISSN 2087-1234 untuk jurnal kampus.",
    "Barcode 8992761111111 pada botol air.",
    "Nomor perkara 1234/Pdt.G/2024/PA.Sby disidangkan.",
    "Registrasi 3578012345678901 untuk izin edar.",
    "No. surat 005/1234/DPMPTSP/VI/2024 diterbitkan.",
    "Token listrik 5123 4567 8901 2345 6789 masuk.",
    "Nomor meter 14123456789 milik pelanggan PLN pascabayar.",
    "ID pelanggan PDAM 0812345678 menunggak.",
    "Nomor VA dummy di dokumentasi API: 0000000000000000.",
    "Nomor antrean 081 dipanggil.",
    "Skor 12-10, 8-12, 15-13 di set akhir.",
    "Hasil hitung cepat 58,59 - 24,95 - 16,47 persen.",
    # e-mail look-alikes
    "Paket npm @vue/cli@5.0.8 dipasang global.",
    "Remote git@bitbucket.org:tim/aplikasi.git belum diperbarui.",
    "Docker image postgres@sha256:1a2b3c4d5e6f terkunci.",
    "Contoh pengisian: nama@contoh.test di formulir uji.",
    "Berkas sampul@2x.jpg belum dikompres.",
    "Ikuti akun @disdukcapil.kota dan @humas.polri untuk info.",
    "Pola tanda-tangan kode: user@host:~$ ls",
)


def _unbrace(s: str) -> str:
    return s.replace("{{", "{").replace("}}", "}")


def items(half: str, per_template: int = 20, seed: int = 4004) -> tuple[list[Item], list[Item]]:
    """(positives, traps) of one half: ``tune`` (even indices) or ``heldout`` (odd)."""
    want = 0 if half == "tune" else 1
    rng = random.Random(seed)
    pos = []
    for i, t in enumerate(TEMPLATES):
        for _ in range(per_template):
            text, spans, rest = "", [], t
            while True:
                # "{{" / "}}" are literal braces (the curl/JSON template)
                j = rest.find("{")
                while j >= 0 and rest.startswith("{{", j):
                    j = rest.find("{", j + 2)
                if j < 0:
                    break
                k = rest.index("}", j)
                kind = rest[j + 1 : k]
                value = MAKERS[kind](rng)
                text += _unbrace(rest[:j])
                spans.append((kind, len(text), len(text) + len(value)))
                text += value
                rest = rest[k + 1 :]
            if i % 2 == want:
                pos.append(Item(text + _unbrace(rest), spans, half, "positive"))
    traps = [Item(t, [], half, "trap") for i, t in enumerate(TRAPS) if i % 2 == want]
    return pos, traps
