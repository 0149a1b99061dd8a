"""Blind PII set of session 17 (second outside writer): bare values in contexts and technical traps.

Why: earlier bare-value sets were written by the engineers who tuned the detector; these contexts
and traps were written by someone who never read the detector, so they are scored, never tuned on.
Contexts hold personal values with no formal label word next to them (running text, lists, tables pasted
as text, flattened forms, chat exports, CSV dumps, OCR'd letters); traps are technical strings,
codes and numbers that only look like PII. Values come from the generator below, written from the
public format descriptions (not from the detector's data):

- NIK ``PP KK CC DDMMYY SSSS``: Kemendagri province codes, kabupaten 01.., kota 71..,
  kecamatan 01-30, birth day + 40 for women, serial 0001-2999; contiguous or grouped.
- NPWP: 15 digits ``TT SSSSSS C KKK BBB`` (taxpayer type, serial, a Luhn check over the first
  eight, tax-office code, branch ``000``/``001``...), printed ``99.999.999.9-999.999`` or
  contiguous; the 16-digit form of 2024 for entities (``0`` + the 15 digits).
- Phones: mobile prefixes of every operator in 0-, 62-, +62- forms with dashes, dots, spaces;
  landlines of two- and three-digit area codes with or without parentheses.
- E-mail: personal and institutional addresses (school, village, campus, company, foreign).
- Cards: Visa 16, Mastercard 51-55 and 2221-2720, JCB 3528-3589 (16), Amex 34/37 (15, 4-6-5),
  Luhn computed here.

Slots are written ``<<type>>``. Labelling decisions: a household card (KK) number is ``nik``; a
16-digit individual NPWP equals the NIK and is not generated; NIP, NISN, IMEI, virtual-account,
order and billing numbers are traps (not one of the five types or not personal by design).
"""

from __future__ import annotations

import random
import re

from evaluation.pii.bare import Item

# province code -> (highest kabupaten code, kota codes)
_PROV: dict[int, tuple[int, tuple[int, ...]]] = {
    11: (18, (71, 72, 73, 74, 75)),
    12: (25, (71, 72, 73, 74, 75, 76, 77, 78)),
    13: (12, (71, 72, 73, 74, 75, 76, 77)),
    14: (10, (71, 73)),
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
    65: (4, (71,)),
    71: (11, (71, 72, 73, 74)),
    72: (12, (71,)),
    73: (24, (71, 72, 73)),
    74: (15, (71, 72)),
    75: (5, (71,)),
    76: (6, ()),
    81: (9, (71, 72)),
    82: (8, (71, 72)),
    91: (9, (71,)),
    92: (5, (71,)),
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
)
_AREA = (
    "21",
    "22",
    "24",
    "31",
    "61",
    "251",
    "264",
    "265",
    "267",
    "281",
    "287",
    "293",
    "321",
    "335",
    "343",
    "356",
    "363",
    "380",
    "401",
    "405",
    "434",
    "451",
    "473",
    "511",
    "517",
    "536",
    "541",
    "552",
    "620",
    "627",
    "651",
    "711",
    "717",
    "721",
    "741",
    "761",
    "967",
)
_LOCAL = (
    "sekar.ayuningtyas",
    "bagas_wiratama",
    "nengsih77",
    "R.Kusumawardhani",
    "tigor-hutapea",
    "ayuk.rahmawati+olshop",
    "fransiska.lewerissa",
    "mbah_karto",
    "jumiati.spd",
    "ikhsan.maulana.2002",
    "gede.arsana",
    "lily_tanoesoe",
    "cakra",
    "yus.f",
    "anak.pantai21",
)
_DOMAIN = (
    "gmail.com",
    "yahoo.co.id",
    "ymail.com",
    "hotmail.com",
    "icloud.com",
    "proton.me",
    "smpn1-watukarang.sch.id",
    "mhs.untelukselasih.ac.id",
    "sidowangi.desa.id",
    "kopsyah-amanah.or.id",
    "cv-surya-teknik.co.id",
    "dispenduk.tanahsurau.go.id",
    "web.de",
    "naver.com",
    "tokokue-oma.my.id",
)


def _luhn(payload: str) -> str:
    """Check digit making ``payload + digit`` Luhn-valid (written here, independently)."""
    s = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        s += d - 9 if d > 9 else d
    return str((10 - s % 10) % 10)


def nik(rng: random.Random) -> str:
    prov = rng.choice(sorted(_PROV))
    kab, kota = _PROV[prov]
    reg = rng.choice(kota) if kota and rng.random() < 0.35 else rng.randint(1, kab)
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    d = (
        f"{prov:02d}{reg:02d}{rng.randint(1, 30):02d}{day:02d}{rng.randint(1, 12):02d}"
        f"{rng.randint(0, 99):02d}{rng.randint(1, 2999):04d}"
    )
    return rng.choice((d, d, f"{d[:6]} {d[6:12]} {d[12:]}", f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}"))


def npwp(rng: random.Random) -> str:
    head = f"{rng.choice(('01', '02', '03', '08', '09', '21', '31', '71', '72'))}{rng.randint(0, 999999):06d}"
    d = (
        head
        + _luhn(head)
        + f"{rng.randint(401, 999):03d}"
        + rng.choice(("000", "000", "001", "002"))
    )
    roll = rng.random()
    if roll < 0.6:
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    if roll < 0.8:
        return d
    return "0" + d


def phone(rng: random.Random) -> str:
    if rng.random() < 0.7:
        p = rng.choice(_MOBILE)
        r = "".join(rng.choice("0123456789") for _ in range(rng.choice((7, 8, 8, 9))))
        a, b = r[:4], r[4:]
        return rng.choice(
            (
                f"0{p}{r}",
                f"0{p}-{a}-{b}",
                f"+62 {p}-{a}-{b}",
                f"62{p}{r}",
                f"0{p}.{a}.{b}",
                f"(+62) {p} {a} {b}",
                f"+62{p}{r}",
            )
        )
    area = rng.choice(_AREA)
    n = rng.randint(5, 7) if len(area) == 3 else 7
    local = str(rng.randint(2, 8)) + "".join(rng.choice("0123456789") for _ in range(n - 1))
    return rng.choice(
        (
            f"(0{area}) {local}",
            f"0{area}-{local}",
            f"+62 {area} {local}",
            f"(0{area}) {local[:3]}-{local[3:]}",
            f"0{area} {local}",
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
        return rng.choice((d, f"{d[:4]} {d[4:10]} {d[10:]}"))
    return rng.choice(
        (d, f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}", f"{d[:4]}-{d[4:8]}-{d[8:12]}-{d[12:]}")
    )


MAKERS = {"nik": nik, "npwp": npwp, "phone": phone, "email": email, "card": card}
SLOT = re.compile(r"<<(nik|npwp|phone|email|card)>>")

# Hand-written contexts: no formal label (NIK, NPWP, telp/HP, e-mail, kartu kredit) on the value's
# line; a few carry the informal cues people write (WA, KK, Dari/Kepada, a card word after it).
TEMPLATES = (
    "Atas nama Kartini Wulansari, <<nik>>, dinyatakan memenuhi syarat sebagai penerima bantuan.",
    "Rekap pendaftar gelombang 2\nNo | Nama | Identitas | Desa\n1 | Sulastri | <<nik>> | Sidowangi\n2 | Parjiyo | <<nik>> | Ombakrejo",
    "nama;identitas;rt;rw\nWagiman;<<nik>>;003;007\nSutinah;<<nik>>;003;007",
    "Yang bertanda tangan di bawah ini Suwardi Hadisapoetro (<<nik>>) menyatakan dengan sebenarnya.",
    "mohon dibantu min, data saya Rukmini <<nik>> blm masuk DTKS padahal sdh daftar dari bulan lalu",
    "DAFTAR NOMINATIF CALON PENERIMA\nAHMAD ZAINURWANTO  <<nik>>      LAKI-LAKI\nSITI MASRUROH      <<nik>>      PEREMPUAN",
    "Berdasarkan berkas perkara, terdakwa Gilang Mahendra bin Sukarman, <<nik>>, lahir di Kediri.",
    "Pengumuman kelulusan seleksi perangkat desa: 1) Anton Wijaksono <<nik>> 2) Lia Herawatiningrum <<nik>>",
    "Kartu keluarga kami bernomor <<nik>> tapi di aplikasi selalu muncul tidak ditemukan.",
    "Vendor terpilih CV Surya Teknik Mandiri, <<npwp>>, beralamat di Jalan Raya Pandanwangi 12.",
    "| No | Rekanan | Identitas Pajak | Nilai Kontrak |\n| 1 | PT Lembayung Karya | <<npwp>> | Rp1.200.000.000 |",
    "Faktur diterbitkan untuk UD Sinar Tani (<<npwp>>) atas pembelian pupuk bulan Juli.",
    "Koperasi Syariah Amanah Sidowangi / <<npwp>> / Kabupaten Tanah Surau",
    "Pemenang lelang: PT Gas Cemerlang Sejahtera Abadi - <<npwp>> - penawaran terkoreksi Rp842 juta.",
    "Bagi yg mau order kue kering lebaran langsung WA aja ke <<phone>> (Bu Endang), stok terbatas!",
    "CP panitia: Dimas <<phone>> / Nurul <<phone>>",
    "Jika menemukan dompet ini harap hubungi <<phone>>, ada imbalan.",
    "Kantor Desa Sidowangi\nJl. Raya Sidowangi No. 1\n<<phone>>\nSenin-Jumat 08.00-15.00",
    "[12/03/24 19.41] Mbak Yuni: nomorku ganti ya, sekarang <<phone>>",
    "Dijual cepat motor bekas pakai, surat lengkap, nego tipis. Minat? <<phone>>",
    "Untuk reservasi kamar silakan ke <<phone>> atau datang langsung ke resepsionis.",
    "Bengkel Las Cahaya Sejatiwangi melayani pagar, kanopi, teralis. <<phone>> - <<phone>>",
    "Tim SAR gabungan dapat dihubungi melalui <<phone>> selama 24 jam.",
    "Pelapor menyebut pelaku menghubunginya dari <<phone>> dan mengaku sebagai petugas bank.",
    "Naskah cerpen dikirim ke <<email>> dalam format .docx paling lambat 30 September.",
    "Kalau ada yang mau tukar buku, japri saja ke <<email>> ya teman-teman.",
    "Sekretariat Panitia Reuni Akbar Angkatan 2005 | <<email>> | Gedung Serbaguna Lt. 2",
    "Bukti transfer mohon diteruskan ke <<email>> dengan subjek nama lengkap.",
    "Dari: <<email>>\nKepada: <<email>>\nPerihal: Permohonan surat keterangan aktif kuliah",
    "Surat lamaran dan CV kirim ke <<email>> sebelum tanggal 15, hanya kandidat terpilih dihubungi.",
    "nama,surel,kelas\nAdinda Putri,<<email>>,XI IPA 2\nBarra Pratama,<<email>>,XI IPS 1",
    "Keluhan warga soal administrasi kependudukan dapat dikirim ke <<email>>.",
    "Pelaku menggunakan <<card>> milik korban untuk berbelanja di tiga toko daring.",
    "Transaksi 21/08 23:14  <<card>>  Rp3.499.000  TOKO ELEKTRONIK  DITOLAK",
    "Tolong blokir segera, <<card>> hilang bersama dompet saya di stasiun.",
    "Dalam sidang terungkap terdakwa menjual data <<card>> seharga Rp50 ribu per nomor.",
    "Pembayaran: <<card>> exp 09/28 a.n. Rudi Tanoewidjaja",
    "Data yang bocor memuat nama, <<nik>>, <<phone>>, dan <<email>> lebih dari 80 ribu pelanggan.",
    "Pendaftar: Fransiska Lewerissa\n<<nik>>\n<<phone>>\n<<email>>\nKota Ambon",
    "Yth. Bapak Tigor Hutapea, <<email>>, <<phone>>, terima kasih telah mendaftar.",
    "Rekening penampung dana hibah atas nama Yayasan Sukma Bangsa, <<npwp>>, dikelola bendahara.",
    "Pelanggan VIP:\n- Hj. Rohayati <<phone>> <<email>>\n- Koh Alvin <<phone>> <<email>>",
    "Dia kasih aku <<card>> buat bayar tiket pesawat, ternyata kartunya curian.",
    "Permohonan kartu identitas anak atas nama Bilqis (KK <<nik>>) sudah selesai dicetak.",
)

# Technical strings and codes that only look like PII (hand-written).
TRAPS = (
    "Tampilkan gambar logo@2x.png untuk layar beresolusi tinggi dan logo@3x.png untuk tablet.",
    "Jalankan ssh deploy@10.14.2.31 lalu restart layanan web.",
    "Clone repositori dengan git@git.sidowangi.desa.id:web/portal.git sebelum build.",
    "Tambahkan dekorator @property di atas metode tersebut.",
    "Aturan CSS @media (max-width: 768px) membuat menu jadi satu kolom.",
    "Pasang paket @vitejs/plugin-react versi terbaru.",
    "Gunakan image postgres@sha256:9f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80 di produksi.",
    "Akun bot user@example.invalid hanya untuk pengujian.",
    "Kirim notifikasi dari noreply@localhost saat build gagal.",
    "Pengumuman versi 3.12.1.4 dirilis untuk memperbaiki galat unggah.",
    "Lihat ketentuan pada butir 4.3.2.1 dan 4.3.2.2 lampiran II.",
    "Kode akun belanja 5.2.02.10.01.0003 dipakai untuk honor narasumber.",
    "Alamat server internal 172.16.40.12 tidak bisa diakses dari luar.",
    "Subnet 192.168.100.0/24 disediakan untuk ruang guru.",
    "Router diatur ulang ke 10.0.0.1 oleh teknisi.",
    "OID 2.16.840.1.113730.3.1.1 muncul di sertifikat itu.",
    "NIP 198703152010012004 tercantum di surat keputusan pengangkatan guru.",
    "Daftar guru penerima tunjangan: Sri Handayani, S.Pd. (198811242014022001).",
    "NISN 0087654321 dipakai untuk mendaftar ujian sekolah.",
    "Nomor IMEI 356938035643809 terdaftar di sistem Kemenperin.",
    "Nomor resi JNT0012345678901 sudah sampai di gudang transit.",
    "Pesanan #INV/20240312/MPL/3987654321 sedang dikemas penjual.",
    "Order ID 2403121543987612 dibatalkan otomatis oleh sistem.",
    "Kode billing pajak 820240312345678 berlaku sampai akhir bulan.",
    "Nomor virtual account 8808081234567890 untuk pembayaran UKT semester ganjil.",
    "NOP PBB 35.15.060.003.012-0345.0 atas tanah seluas 200 meter persegi.",
    "Nomor perkara 1234/Pdt.G/2023/PA.Sby diputus bulan lalu.",
    "Putusan Nomor 45/PUU-XXI/2023 dibacakan pekan lalu.",
    "Peraturan Daerah Nomor 7 Tahun 2021 mengatur retribusi parkir.",
    "SNI 3144:2009 berlaku untuk produk gula kristal putih.",
    "ISBN 978-623-01-2345-6 dicetak di halaman hak cipta.",
    "Kode batang 8992761134567 tertera di kemasan sabun cuci.",
    "Koordinat lokasi -7.7956, 110.3695 ditandai di peta.",
    "Titik kumpul berada di 6°10'31.2\"S 106°49'37.2\"E.",
    "Cap waktu 1710234567 menandai awal sinkronisasi.",
    "Durasi rekaman 01:23:45.678 terlalu panjang untuk diunggah.",
    "Harga saham ditutup di level 7.234,56 pada perdagangan kemarin.",
    "Total transaksi Rp 1.234.567.890.123 tercatat sepanjang tahun.",
    "Jumlah penduduk provinsi itu 12.345.678 jiwa menurut sensus.",
    "Pelat nomor B 1234 KJT dan D 4567 AB terekam kamera tilang.",
    "Nomor rangka MHFJB8EM0K1234567 tidak cocok dengan BPKB.",
    "Nomor seri panel surya SN-2023-0815-44781 tertulis di belakang.",
    "Kode pos 65145 mencakup beberapa kelurahan di kecamatan itu.",
    "Hotline bebas pulsa 0800-1-234567 melayani aduan konsumen.",
    "Layanan darurat 112 dan ambulans 118 bisa diakses gratis.",
    "Call center 14045 buka setiap hari kerja.",
    "Layanan nasabah 1500-888 siap membantu setiap hari.",
    "Hash commit a3f5c9e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2 memperbaiki bug login.",
    "Checksum MD5 berkas itu 9e107d9d372bb6826bd81d3542a419d6.",
    "UUID 123e4567-e89b-12d3-a456-426614174000 dipakai sebagai kunci.",
    "Token sesi eyJhbGciOiJIUzI1NiJ9 kedaluwarsa dalam 15 menit.",
    "Nomor surat 800/1234/35.15.06/2024 perihal undangan rapat.",
    "Nomor SK 188.45/123/KPTS/013/2023 tentang tim percepatan.",
    "Tanggal 12-03-2024 sampai 15-03-2024 kantor tutup.",
    "Jadwal: 08.00-09.30 pembukaan, 09.30-12.00 sesi pleno.",
    "Skor akhir 3-1-2-0 dalam klasemen sementara grup B.",
    "Kecepatan internet turun ke 2.5 Mbps pada jam 20.00-22.00.",
    "Tegangan 220 V 50 Hz sesuai standar PLN.",
    "Ukuran ban 185/65 R15 88H cocok untuk mobil itu.",
    "Rasio kompresi 10.5:1 membuat mesin lebih irit.",
    "Kapasitas baterai 5000 mAh bertahan dua hari.",
    "Berat bersih 1.250 gram, kedaluwarsa 2026-01-31.",
    "Tipe mesin 4G15-SOHC-16V dipakai pada versi lama.",
    "Kode produk 8801643-2234-00 tidak tersedia di gudang.",
    "Nomor batch vaksin 2023120845B harus dicatat petugas.",
    "Nomor lot produksi 240312-07-1188 ditarik dari pasaran.",
    "Kode voucher GRATISONGKIR2024 berlaku satu kali.",
    "Kode booking pesawat XJ7K2P dikirim lewat surel.",
    "Nomor kursi 12A dan 12B di gerbong 3.",
    "Rumus kimia C6H12O6 adalah glukosa.",
    "Persamaan y = 3x + 2 digambar di papan tulis.",
    "Nilai pi 3.14159265358979 dihafal siswa itu.",
    "Bilangan 1234567891011121314 disebut di soal olimpiade.",
    "Deret 0812 0813 0814 pada soal matematika itu punya pola.",
    "Lagu ke-0812 dalam katalog arsip radio dihapus.",
    "Angka kemiskinan 9,36 persen pada Maret 2023.",
    "Frekuensi radio komunitas itu 107.7 FM.",
    "Versi Android 14.0.0.112 sudah tersedia.",
    "Build 22631.3296 membawa perbaikan keamanan.",
    "Pintu gerbang tol KM 57+800 ditutup sementara.",
    "Jalur kereta KM 123+456 sedang diperbaiki.",
    "Paket npm lodash@4.17.21 dipakai di proyek itu.",
    "Tautan https://portal.sidowangi.desa.id/berita/2024/03/12/rapat-desa sudah dibagikan.",
    "Halaman web.archive.org/web/20240312094512/ menyimpan versi lama.",
    "Berkas laporan_keuangan_2023_v2.final.xlsx dikirim ke grup.",
    "Nama berkas IMG_20240312_154312.jpg muncul di galeri.",
    "Format tanggal ISO 2024-03-12T15:43:12+07:00 dipakai di API.",
    "Nomor Induk Berusaha 9120001234567 terbit lewat OSS.",
    "Kode KBLI 47111 untuk perdagangan eceran.",
    "Kode wilayah 35.15.06.2003 menunjuk satu desa di Sidoarjo.",
    "Kode HS 0901.21.10 untuk kopi sangrai.",
    "NUPTK 1234567890123456 milik seorang guru honorer dicantumkan di SK.",
    "Nomor BPJS Ketenagakerjaan peserta dicetak di kartu digital.",
    "Akses dashboard di admin.tokokue-oma.my.id/login setelah jam kerja.",
    "Simpan kredensial di ~/.ssh/id_ed25519.pub lalu tambahkan ke server.",
    "Perintah docker run -p 8080:80 nginx:1.25.4 menjalankan server uji.",
    "Lihat log di /var/log/nginx/access.log.2024-03-12 untuk detailnya.",
    "Nilai matriks 4 8 15 16 23 42 dimasukkan ke program.",
    "Nomor undian 4539 1488 0343 6468 keluar sebagai pemenang hadiah utama.",
    "Kode aktivasi 5521-8876-0012-4433 hanya berlaku sekali.",
    "Tiket konser kategori A nomor 3528-0071-2299 hangus.",
    "Transfer antarbank dikenai biaya Rp6.500 per transaksi.",
)


def _fill(template: str, rng: random.Random) -> Item:
    text, spans, pos = "", [], 0
    for m in SLOT.finditer(template):
        text += template[pos : m.start()]
        value = MAKERS[m[1]](rng)
        spans.append((m[1], len(text), len(text) + len(value)))
        text += value
        pos = m.end()
    return Item(text + template[pos:], spans, "blind", "positive")


def items(per_template: int = 10, seed: int = 1717) -> tuple[list[Item], list[Item]]:
    """(positives, traps): ``per_template`` filled copies of every context, every trap once."""
    rng = random.Random(seed)
    pos = [_fill(t, rng) for t in TEMPLATES for _ in range(per_template)]
    return pos, [Item(t, [], "blind", "trap") for t in TRAPS]
