"""Blind PII set of session 19 (fifth outside writer): bare values in contexts, and traps.

Why: the contexts and traps were written by someone who never read the detector, its data or the
value lists of earlier sets, so they are scored, never tuned on. Values are generated here from the
public format descriptions:

- NIK ``PP KK CC DDMMYY SSSS`` (Dukcapil): province code, kabupaten 01.. or kota 71..,
  kecamatan 01-30, birth day (+40 for women), month, two-digit year, serial 0001-2999; contiguous,
  or grouped as people retype it (6-6-4, 4-4-4-4, dotted 2.2.2.6.4 as on some forms).
- NPWP: the 15-digit ``TT.SSS.SSS.C-KKK.BBB`` (type, serial, check digit, KPP, branch), dotted or
  contiguous; the 16-digit entity form (``0`` + the 15 digits) contiguous or grouped 4-4-4-4.
- Phones: operator mobile prefixes in ``08``, ``62``, ``+62`` forms with dashes, dots, spaces or
  none, and the ``+62 (0)`` form; landlines with two- and three-digit area codes, parentheses or not.
- E-mail: personal webmail and institutional (government, campus, school, village, company, NGO).
- Cards: Visa 16, Mastercard 51-55 and 2221-2720, JCB 3528-3589, Amex 34/37 (15), Luhn digit
  computed here; contiguous, spaced or dashed.

Slots are written ``<<type>>``. Labelling decisions: a family-card (KK) number has the NIK layout
and is ``nik``; a 16-digit NPWP of a person is the person's NIK, labelled ``nik`` only where the text
calls it a NIK, and not generated as ``npwp``; a shop's or office's own number is ``phone`` (it is
a phone number; the type, not the owner, is scored); NIP, NISN, NIB, BPJS, passport, IMEI, bank
account, virtual-account, order, invoice, tracking, IBAN and plate numbers are traps.
"""

from __future__ import annotations

import random
import re

from evaluation.pii.bare import Item

# province code -> (highest kabupaten code, kota codes); public Kemendagri region codes
_PROV: dict[int, tuple[int, tuple[int, ...]]] = {
    11: (18, (71, 72, 73, 74, 75)),
    12: (25, (71, 72, 73, 74, 75, 76, 77, 78)),
    13: (12, (71, 72, 73, 74, 75, 76, 77)),
    15: (9, (71, 72)),
    17: (9, (71,)),
    19: (6, (71,)),
    21: (5, (71, 72)),
    32: (18, (71, 72, 73, 74, 75, 76, 77, 78, 79)),
    33: (29, (71, 72, 73, 74, 75, 76)),
    35: (29, (71, 72, 73, 74, 75, 76, 77, 78, 79)),
    51: (8, (71,)),
    52: (8, (71, 72)),
    53: (21, (71,)),
    62: (13, (71,)),
    63: (11, (71, 72)),
    72: (12, (71,)),
    73: (24, (71, 72, 73)),
    75: (5, (71,)),
    76: (6, ()),
    82: (8, (71, 72)),
    91: (9, (71,)),
}
# operator mobile prefixes without the leading 0 (public numbering plan)
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
# landline area codes without the leading 0
_AREA = (
    "21",
    "22",
    "24",
    "31",
    "61",
    "251",
    "254",
    "231",
    "271",
    "274",
    "341",
    "361",
    "370",
    "380",
    "411",
    "431",
    "511",
    "542",
    "561",
    "711",
    "721",
    "751",
    "761",
    "778",
    "967",
)
_LOCAL = (
    "wulan.asmarani",
    "k.hidayatullah",
    "bagas_pratomo88",
    "rosalinda.nainggolan",
    "yanti1979",
    "admin.kelurahan",
    "tu.smpn4",
    "humas",
    "arief.setiabudi",
    "dewiratnasari.id",
    "panitia.ppdb",
    "o.manurung",
    "sekretariat",
    "info",
    "lilis.kurniasih02",
    "hrd.rekrutmen",
)
_DOMAIN = (
    "gmail.com",
    "yahoo.co.id",
    "ymail.com",
    "outlook.com",
    "hotmail.com",
    "mail.com",
    "sumbersarikidul.desa.id",
    "uniwijaya.ac.id",
    "smpn4-lembahsari.sch.id",
    "dinkes.kalbarutara.go.id",
    "agrotirta.co.id",
    "lenteradesa.or.id",
    "student.poltekbahari.ac.id",
)


def _luhn(payload: str) -> str:
    """The Luhn check digit of ``payload`` (cards and the NPWP's ninth digit)."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def nik(rng: random.Random) -> str:
    prov = rng.choice(sorted(_PROV))
    kab, kota = _PROV[prov]
    reg = rng.choice(kota) if kota and rng.random() < 0.35 else rng.randint(1, kab)
    day = rng.randint(1, 28) + rng.choice((0, 40))
    d = (
        f"{prov:02d}{reg:02d}{rng.randint(1, 30):02d}{day:02d}{rng.randint(1, 12):02d}"
        f"{rng.randint(0, 99):02d}{rng.randint(1, 2999):04d}"
    )
    return rng.choice(
        (
            d,
            d,
            d,
            f"{d[:6]} {d[6:12]} {d[12:]}",
            f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}",
            f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:12]}.{d[12:]}",
        )
    )


def npwp(rng: random.Random) -> str:
    head = rng.choice(("01", "02", "04", "06", "07", "08", "09", "21", "31", "47", "53", "86"))
    head += f"{rng.randint(0, 999999):06d}"
    d = (
        head
        + _luhn(head)
        + f"{rng.randint(11, 999):03d}"
        + rng.choice(("000", "000", "001", "002"))
    )
    dotted = f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    s = "0" + d
    return rng.choice((dotted, dotted, d, s, f"{s[:4]} {s[4:8]} {s[8:12]} {s[12:]}"))


def _mobile(rng: random.Random) -> str:
    p = rng.choice(_MOBILE)
    r = _digits(rng, rng.choice((7, 8, 8, 9)))
    a, b = r[:4], r[4:]
    return rng.choice(
        (
            f"0{p}{r}",
            f"0{p}-{a}-{b}",
            f"0{p} {a} {b}",
            f"0{p}.{a}.{b}",
            f"+62 {p}-{a}-{b}",
            f"+62{p}{r}",
            f"62{p}{r}",
            f"+62 {p} {a} {b}",
            f"+62 (0){p} {a} {b}",
            f"(+62) {p}{r}",
        )
    )


def _landline(rng: random.Random) -> str:
    area = rng.choice(_AREA)
    n = rng.choice((6, 7)) if len(area) == 3 else rng.choice((7, 8))
    loc = str(rng.randint(2, 8)) + _digits(rng, n - 1)
    return rng.choice(
        (
            f"(0{area}) {loc}",
            f"(0{area}) {loc[:3]} {loc[3:]}",
            f"0{area}-{loc}",
            f"0{area} {loc}",
            f"0{area}-{loc[:3]}-{loc[3:]}",
            f"+62 {area} {loc}",
            f"+62-{area}-{loc}",
        )
    )


def phone(rng: random.Random) -> str:
    return _mobile(rng) if rng.random() < 0.65 else _landline(rng)


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
    body = head + _digits(rng, size - 1 - len(head))
    d = body + _luhn(body)
    if kind == "amex":
        return rng.choice((d, f"{d[:4]} {d[4:10]} {d[10:]}", f"{d[:4]}-{d[4:10]}-{d[10:]}"))
    return rng.choice(
        (d, f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}", f"{d[:4]}-{d[4:8]}-{d[8:12]}-{d[12:]}")
    )


MAKERS = {"nik": nik, "npwp": npwp, "phone": phone, "email": email, "card": card}
SLOT = re.compile(r"<<(nik|npwp|phone|email|card)>>")

# Hand-written contexts: running text, lists, tables pasted as text, forms, chat exports. Most carry
# no formal label beside the value; some carry the informal cues people write (WA, KTP, hubungi).
TEMPLATES = (
    # running text
    "Yang merasa kehilangan kucing oren berkalung merah, silakan hubungi <<phone>> (Bu Eni).",
    "Kalau paketnya sudah sampai tolong kabari ke <<email>> ya, terima kasih.",
    "Saya sudah transfer pakai kartu <<card>> tapi saldo belum terpotong juga.",
    "Pelaku diketahui memakai identitas palsu dengan nomor <<nik>> untuk membuka rekening.",
    "Perusahaan itu terdaftar dengan nomor pajak <<npwp>> sejak tahun 2011.",
    "Untuk pemesanan nasi kotak dalam jumlah besar bisa langsung ke <<phone>> atau datang ke toko.",
    "Bukti pendaftaran akan dikirim ke <<email>> paling lambat tiga hari kerja.",
    "Saya mau tanya, KTP saya <<nik>> kok tidak terdaftar di DPT ya?",
    "Tolong cek kenapa tagihan kartu kredit <<card>> bulan ini dobel.",
    "Lowongan admin gudang, kirim lamaran ke <<email>> atau WA <<phone>>.",
    "Data yang bocor memuat nama, tanggal lahir, dan nomor induk seperti <<nik>> milik warga.",
    "Faktur dibuat atas nama CV Maju Sentosa Abadi, <<npwp>>, alamat Jl. Kenari No. 12.",
    # lists
    "Kontak darurat posko banjir:\n- Pak Rahmat <<phone>>\n- Bu Yuli <<phone>>",
    "Peserta terdaftar:\n1. Andika Saputra, <<nik>>\n2. Melati Anggraeni, <<nik>>",
    "Narahubung:\n* <<email>>\n* <<phone>>",
    "Rekap pembayaran:\n- Visa <<card>> Rp1.250.000\n- Master <<card>> Rp780.000",
    "Daftar vendor dan nomor pajaknya:\n- PT Tirta Loka <<npwp>>\n- CV Sinar Pagi <<npwp>>",
    "Hubungi salah satu admin berikut: <<phone>> / <<phone>> / <<phone>>",
    # tables pasted as text
    "No | Nama | NIK | HP\n1 | Sri Mulyati | <<nik>> | <<phone>>",
    "Nama\tEmail\tTelepon\nRudi Hartanto\t<<email>>\t<<phone>>",
    "Pemegang kartu;Nomor;Berlaku\nD. Prasetyo;<<card>>;08/29",
    "Wajib pajak | Nomor | KPP\nUD Berkah Tani | <<npwp>> | Pratama",
    "2 | Yohana Lerik | <<nik>> | Kel. Oebobo",
    "nama,no_hp,email\nAgus Wiratmaja,<<phone>>,<<email>>",
    # forms
    "Nomor Induk Kependudukan (sesuai KTP): <<nik>>\nNama lengkap: Suharti",
    "No. HP/WA aktif : <<phone>>\nAlamat surel : <<email>>",
    "Nomor kartu : <<card>>\nMasa berlaku : 11/28",
    "NPWP Perusahaan (15/16 digit) : <<npwp>>",
    "No. KK : <<nik>>\nKepala keluarga : Ahmad Junaedi",
    "Kontak yang bisa dihubungi ....... <<phone>>",
    "Isi data diri Anda. NIK*: <<nik>> Nama*: Wahyuni Email*: <<email>>",
    "Telp. Kantor: <<phone>> Fax: -",
    # chat exports
    "[12/03/26 19.42] Bu RT: yang belum setor fotokopi KTP, kirim nomornya aja ke sini <<nik>> contoh begitu",
    "12/03/26, 20.05 - Dimas: nomorku ganti ya gaes, save <<phone>>",
    "[08.15] Kak Nisa: kirim ke emailku aja <<email>>",
    "Rina: kak ini kartunya <<card>> bisa dipakai ga buat bayar?",
    "Pak Hendra (Admin): NPWP kantor <<npwp>> tolong dicantumkan di invoice",
    "14/05/26 07.31 - <<phone>>: Maaf salah sambung, nomor saya yang baru <<phone>>",
    "Ibu: nak, nik adikmu <<nik>> buat daftar sekolah",
    "[21:07] Joko: Udah aku email ke <<email>> sama <<email>>, cek spam",
    # running text with two types
    "Atas nama Siti Aminah, KTP <<nik>>, telepon <<phone>>, menyatakan keberatan.",
    "Bayar pakai <<card>> atau transfer, konfirmasi ke <<phone>>.",
    "Wajib pajak badan <<npwp>> dengan alamat surel <<email>> belum lapor SPT.",
    "Mohon dicek, suami saya <<nik>> dan saya <<nik>> sudah terdaftar belum.",
)

# Hand-written traps: no person's NIK, NPWP, phone, e-mail or card in any of them.
TRAPS = (
    # order, invoice, tracking and booking codes
    "Nomor pesanan 2605120984417733 sudah dikirim hari ini.",
    "Invoice INV/2026/04/000318 jatuh tempo tanggal 30.",
    "Resi JNE 0117 2604 1188 9012 sedang dalam perjalanan.",
    "Kode booking JT7Q2K berlaku untuk penerbangan pagi.",
    "Nomor tiket kereta 8801204456712 tercetak di boarding pass.",
    "Pesanan #INV-88120455 dibatalkan oleh penjual.",
    "No. resi SPXID032145678901 tidak ditemukan.",
    "Transaksi ID TRX20260412183022991 berhasil diproses.",
    "Nomor antrean A-0417 dipanggil ke loket tiga.",
    "Kode pembayaran 8930 0812 3344 5566 berlaku 24 jam.",
    "Nomor virtual account 8808 1234 5678 9012 atas nama toko.",
    "Faktur pajak 010.004-26.12345678 diterbitkan kemarin.",
    "Surat jalan SJ/0412/VI/2026 dibawa sopir.",
    "Nomor polis 1100234598 masih aktif sampai Desember.",
    "Kode promo 08122026HEMAT hanya untuk pengguna baru.",
    # technical strings
    "Server berjalan di 192.168.10.254 port 8080.",
    "Versi aplikasi 3.12.0.2604 sudah tersedia di toko aplikasi.",
    "Commit a3f9c21 memperbaiki bug login.",
    "Jalankan git clone git@gitlab.kantor.local:tim/app.git terlebih dahulu.",
    "Hash berkas: 5d41402abc4b2a76b9719d911017c592.",
    "Paket npm @saring/core@2.4.1 sudah dirilis.",
    "Gunakan user@localhost untuk koneksi basis data uji.",
    "Alamat MAC 3C:52:82:1A:0F:7E terdaftar di router.",
    "Docker image registry.local:5000/api:1.8.3 gagal ditarik.",
    "UUID 123e4567-e89b-12d3-a456-426614174000 dipakai sebagai kunci.",
    "Timestamp 1767225600 setara dengan awal tahun 2026.",
    "Koordinat lokasi -6.914744, 107.609810 ditandai di peta.",
    "IPv6 fe80::1ff:fe23:4567:890a dipakai di jaringan lokal.",
    "Buka config.prod@v2.yaml lalu ubah nilai timeout.",
    "Port 5432 dan 6379 harus dibuka di firewall.",
    # version, section and article numbers
    "Lihat Pasal 27 ayat (3) huruf b Undang-Undang itu.",
    "Bab 4.2.1 membahas metode pengambilan sampel.",
    "Peraturan Menteri Nomor 12 Tahun 2026 tentang Tata Kelola.",
    "Tabel 3.14 menunjukkan hasil uji lanjutan.",
    "SNI 7612:2026 mengatur mutu beras premium.",
    "ISO 9001:2015 menjadi syarat tender itu.",
    "Rilis 2026.04.1 memperbaiki 37 masalah.",
    "Nomor surat 800/1245/Disdik/2026 ditujukan ke semua sekolah.",
    "Perkara nomor 123/Pid.Sus/2026/PN Jkt.Sel disidangkan hari ini.",
    "Keputusan Bupati Nomor 188.45/312/KPTS/2026 sudah ditetapkan.",
    # dates and times
    "Rapat digelar 12-04-2026 pukul 09.00 WIB.",
    "Tanggal lahir 17/08/1985 tercantum di ijazah.",
    "Periode 01.01.2026-31.12.2026 dipakai untuk laporan tahunan.",
    "Jadwal 2026-05-14T08:30:00+07:00 disimpan di sistem.",
    "Pendaftaran 20260601 sampai 20260630.",
    "Jam operasional 08.00-16.00 setiap hari kerja.",
    # IBAN-like, bank and account numbers
    "IBAN DE89 3704 0044 0532 0130 00 dipakai untuk transfer ke Jerman.",
    "Kode SWIFT BNINIDJA dibutuhkan untuk transfer internasional.",
    "Rekening donasi 1370012345678 atas nama yayasan.",
    "Nomor rekening 0123-01-004567-50-9 milik koperasi.",
    "IBAN GB29 NWBK 6016 1331 9268 19 untuk pembayaran kuliah.",
    "Kode bank 014 dan 008 tersedia di menu transfer.",
    # official numbers that are not the five types
    "NIP 198704122010011002 tercantum di SK pengangkatan.",
    "NISN 0087654321 dipakai untuk daftar ulang.",
    "NIB 9120304561234 terbit melalui OSS.",
    "Nomor BPJS Kesehatan 0001234567891 harus dibawa saat berobat.",
    "Paspor nomor C1234567 berlaku sampai 2031.",
    "IMEI 356938035643809 terdaftar di Kemenperin.",
    "Pelat nomor B 1234 XYZ terekam kamera tilang.",
    "Nomor rangka MHKA1BA1JHJ012345 dicocokkan dengan BPKB.",
    "Nomor sertifikat tanah 10.23.04.05.1.00234 sedang diproses.",
    "Kode pos 65141 mencakup tiga kelurahan.",
    "NPSN 20512345 adalah nomor pokok sekolah itu.",
    "Nomor register perkara 0042/PDT.G/2026 dibacakan hakim.",
    # money, quantities and statistics
    "Total belanja Rp 1.250.000 sudah termasuk pajak.",
    "Anggaran Rp4.812.250.000.000 disetujui dewan.",
    "Jumlah penduduk 272.682.500 jiwa menurut proyeksi.",
    "Produksi mencapai 31.540.000 ton gabah kering giling.",
    "Nilai ekspor USD 1,234,567.89 tercatat bulan lalu.",
    "Skor akhir 3,87 dari skala 4,00.",
    "Jarak tempuh 1.234,5 kilometer ditempuh dalam dua hari.",
    "Harga saham ditutup di level 7.281,45.",
    "Selisih suara 081 berasal dari TPS tambahan.",
    "Kapasitas 2 x 660 MW direncanakan beroperasi 2028.",
    # file names and paths
    "Berkas scan_ktp_20260412.pdf sudah diunggah.",
    "Foto 3201234567_pasfoto.jpg terlalu besar.",
    "Simpan sebagai laporan.final@rev3.docx ya.",
    "Folder /home/admin/backup/2026-04-12 terisi penuh.",
    "File data_pelanggan_v2.1.3.csv rusak saat dibuka.",
    "Unduh lampiran SK_123_2026.zip di laman resmi.",
    "Gambar IMG-20260412-WA0007.jpg dikirim lewat grup.",
    "Berkas C:\\Users\\kantor\\Desktop\\rekap.xlsx hilang.",
    # handles, URLs and look-alike e-mails
    "Ikuti akun @info.kotalembahsari di Instagram.",
    "Kunjungi https://lapor.kotalembahsari.go.id/aduan untuk melapor.",
    "Tagar #0812BisaJadiBerkah dipakai untuk kampanye UMKM.",
    "Format alamat yang benar adalah nama@domain, bukan nama(at)domain.",
    "Harga @ Rp15.000 per bungkus, minimal 10 bungkus.",
    "Pertemuan @ balai desa pukul 19.30.",
    "Hubungi kami lewat formulir di situs, bukan surel.",
    "Akun @08123_official bukan milik admin kami.",
    # numbers that look like phones or cards but are not
    "Nomor darurat 112 dan 110 bebas pulsa.",
    "Layanan pelanggan 14045 buka 24 jam.",
    "Kode akses 1500-888 untuk layanan pengaduan.",
    "Nomor seri uang kertas ABC123456 diduga palsu.",
    "Kartu perdana 0 rupiah dibagikan di acara itu.",
    "Nomor kartu anggota perpustakaan 2026-0412-0099.",
    "Kode produk 8991234567890 tertera pada kemasan.",
    "Nomor meter listrik 32123456789 untuk token prabayar.",
    "Kartu pelajar 4500 1234 tidak berlaku lagi.",
    "Nomor ID pelanggan PDAM 4417002315 atas nama masjid.",
    "Nomor undian 0417 2209 3381 diumumkan di panggung utama.",
    "Kode verifikasi 482913 jangan diberikan kepada siapa pun.",
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


def items(per_template: int = 10, seed: int = 2219) -> tuple[list[Item], list[Item]]:
    """(positives, traps): each template filled ``per_template`` times (fixed seed)."""
    rng = random.Random(seed)
    pos = [_fill(t, rng) for t in TEMPLATES for _ in range(per_template)]
    return pos, [Item(t, [], "blind", "trap") for t in TRAPS]
