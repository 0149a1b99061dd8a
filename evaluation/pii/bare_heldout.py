"""A second held-out set for bare PII values (issue 17, written after ``bare.py``'s held-out half
had been seen): new values, new sentence shapes, new traps.

History: written before this session's detector changes and first scored after the finder
refactor and two fixes made on the first set (first-run numbers in BENCHMARKS.md); the detector
was then fixed on its misses, so it is no longer held out; ``bare_heldout3.py`` measures those
fixes. Rules for writing it:

- Values come from :func:`make_value`, written from public format descriptions and not from the
  detector's data files: other provinces and regencies than ``bare.py``, NIKs in the 2.2.2.6.4
  and 6-6-4 print layouts too, NPWPs of every taxpayer prefix (including the 7x-9x prefixes of
  individuals registered online), in the printed, contiguous and 16-digit forms and with branch
  codes other than 000; mobile numbers of every operator with 10-13 digits in dotted, spaced,
  dashed and ``+62`` forms, landlines of other cities; e-mails with plus tags, capitals, hyphens
  and foreign domains; cards of Visa, Mastercard (51-55 and 2221-2720), JCB and Amex (4-6-5).
- Contexts carry no label word (NIK, KTP, NPWP, telp, HP, WA, email, kartu, rekening ...) within
  the line before the value: CSV and tab-separated rows, tables with neutral headers, bullets,
  numbered lists, chat messages, form dumps without labels, JSON-like fragments, values at the end
  of a sentence and between other values.
- Traps (technical strings that are not personal data, no gold span): version numbers, IPv4
  addresses in technical documents that are private, reserved or documentation addresses, dotted
  section and step numbers, order and shipment codes, ISBN/EAN/GTIN, IBAN-like example strings,
  timestamps, phone-like invoice and reference numbers, hashes, serials, measurements.

Every item is an :class:`evaluation.pii.bare.Item` and is scored by :func:`evaluation.pii.bare.score`.
"""

from __future__ import annotations

import random

from evaluation.pii.bare import Item

# Province code -> (number of kabupaten, highest kota code or 0), a subset other than bare.py's.
# 94 is Papua Tengah in the Kemendagri codes NIKs use (no kota); the first version gave it kota 71
# (Jayapura's code in the BPS numbering), which made 4 of the first run's NIK "misses" invalid.
_PROVINCES = {15: (9, 72), 17: (9, 71), 19: (6, 71), 21: (5, 72), 53: (20, 71), 62: (13, 71),
              65: (4, 71), 72: (12, 71), 75: (5, 71), 76: (6, 0), 82: (8, 72), 94: (5, 0),
              31: (1, 74), 32: (12, 77), 35: (20, 78)}
# Mobile prefixes of the operators (Telkomsel, Indosat, XL, Axis, Tri, Smartfren).
_MOBILE = ("811", "812", "813", "821", "822", "823", "851", "852", "853", "814", "815", "816",
           "855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "831", "832",
           "833", "838", "895", "896", "897", "898", "899", "881", "882", "883", "887", "888")
# Area codes of other cities: Medan, Makassar, Pontianak, Padang, Malang, Solo, Cirebon,
# Jambi, Kupang, Manado, Ambon, Jayapura, Tasikmalaya, Purwokerto, Jember.
_AREAS = ("61", "411", "561", "751", "341", "271", "231", "741", "380", "431", "911", "967",
          "265", "281", "331")
_NAMES = ("siti.aminah", "joko", "m.iqbal", "dwi-handayani", "RatnaSari", "yudi_prasetyo",
          "kurniawan88", "lia", "adit.nugroho", "fitri", "ikhsan.m", "putu.ayu", "hamzah",
          "nurul.hidayah", "anak.agung", "yohanes")
_DOMAINS = ("gmail.com", "yahoo.com", "ymail.com", "hotmail.com", "icloud.com", "unpad.ac.id",
            "student.uns.ac.id", "jatimprov.go.id", "bpk.go.id", "tokomaju.id", "cv-berkah.com",
            "ptsaranajaya.co.id", "outlook.co.id", "protonmail.com", "yahoo.com.sg", "um.edu.my")


def _luhn(payload: str) -> str:
    """The Luhn check digit for ``payload`` (written again here, not imported)."""
    s = 0
    for k, ch in enumerate(payload[::-1]):
        d = int(ch) * (2 if k % 2 == 0 else 1)
        s += d - 9 if d > 9 else d
    return str(-s % 10)


def nik(rng: random.Random) -> str:
    prov = rng.choice(list(_PROVINCES))
    kab, kota = _PROVINCES[prov]
    reg = rng.randint(71, kota) if kota and rng.random() < 0.3 else rng.randint(1, kab)
    kec = rng.randint(1, 15)
    month = rng.randint(1, 12)
    day = rng.randint(1, 30 if month != 2 else 28) + (40 if rng.random() < 0.5 else 0)
    d = f"{prov:02d}{reg:02d}{kec:02d}{day:02d}{month:02d}{rng.randint(0, 99):02d}{rng.randint(1, 2999):04d}"
    r = rng.random()
    if r < 0.15:
        return f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:12]}.{d[12:]}"
    if r < 0.25:
        return f"{d[:6]} {d[6:12]} {d[12:]}"
    return d


def npwp(rng: random.Random) -> str:
    prefix = rng.choice(("01", "02", "03", "05", "06", "07", "08", "09", "31", "71", "76", "84",
                         "86", "92", "95"))
    head = prefix + f"{rng.randint(0, 999999):06d}"
    kpp = f"{rng.randint(1, 999):03d}"
    branch = "000" if rng.random() < 0.7 else f"{rng.randint(1, 3):03d}"
    d = head + _luhn(head) + kpp + branch
    r = rng.random()
    if r < 0.55:
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"
    if r < 0.85:
        return d
    return "0" + d  # the 16-digit form of a non-individual taxpayer (2024 NPWP-16)


def phone(rng: random.Random) -> str:
    if rng.random() < 0.7:
        p = rng.choice(_MOBILE)
        n = rng.choice((7, 8, 8, 9))
        rest = "".join(str(rng.randint(0, 9)) for _ in range(n))
        a, b = rest[:4], rest[4:]
        return rng.choice((f"0{p}.{a}.{b}", f"0{p} {a} {b}", f"0{p}-{a}-{b}", f"0{p}{rest}",
                           f"+62{p}{rest}", f"+62 {p}-{a}-{b}", f"(+62) {p} {a} {b}", f"62{p}{rest}"))
    area = rng.choice(_AREAS)
    local = str(rng.randint(4000000, 8999999)) if len(area) == 2 else str(rng.randint(300000, 899999))
    return rng.choice((f"(0{area}) {local}", f"0{area}-{local}", f"(0{area}) {local[:3]}-{local[3:]}",
                       f"+62 {area} {local}", f"+62-{area}-{local}", f"0{area} {local}"))


def email(rng: random.Random) -> str:
    name = rng.choice(_NAMES)
    local = rng.choice((name, f"{name}{rng.randint(1, 2005)}", f"{name}+daftar", f"{name}.{rng.randint(70, 99)}"))
    return f"{local}@{rng.choice(_DOMAINS)}"


def card(rng: random.Random) -> str:
    brand = rng.choice(("visa", "visa", "mc", "mc2", "jcb", "amex"))
    if brand == "visa":
        payload = "4" + "".join(str(rng.randint(0, 9)) for _ in range(14))
    elif brand == "mc":
        payload = str(rng.randint(51, 55)) + "".join(str(rng.randint(0, 9)) for _ in range(13))
    elif brand == "mc2":
        payload = str(rng.randint(2221, 2720)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    elif brand == "jcb":
        payload = str(rng.randint(3528, 3589)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    else:
        payload = rng.choice(("34", "37")) + "".join(str(rng.randint(0, 9)) for _ in range(12))
    d = payload + _luhn(payload)
    if len(d) == 15:
        return rng.choice((d, f"{d[:4]} {d[4:10]} {d[10:]}", f"{d[:4]}-{d[4:10]}-{d[10:]}"))
    return rng.choice((d, f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}", f"{d[:4]}-{d[4:8]}-{d[8:12]}-{d[12:]}"))


MAKERS = {"nik": nik, "npwp": npwp, "phone": phone, "email": email, "card": card}


def make_value(kind: str, rng: random.Random) -> str:
    return MAKERS[kind](rng)


# Hand-written shapes. No label word on the value's line before it.
TEMPLATES = (
    # NIK
    "Sutrisno,{nik},Kec. Banjarsari,Surakarta,2019",
    "Sebanyak tiga warga, di antaranya Maria Goreti ({nik}) dan Yosef Bria ({nik}), belum menerima bantuan.",
    "No | Nama | Nomor | Desa\n3 | Wayan Sudarma | {nik} | Penatih",
    "• Hj. Rohaya — {nik}\n• Masnun — {nik}",
    "{{\"nama\": \"Aris Munandar\", \"no\": \"{nik}\", \"kota\": \"Jambi\"}}",
    "Mohon dicek ulang, punya saya {nik} tapi di sistem tertulis beda satu angka.",
    "Ibu Nengah Sukerti\n{nik}\nBr. Dinas Tegal, Gianyar",
    "Data yang beredar di grup itu memuat {nik} beserta alamat lengkap korban.",
    # NPWP
    "CV Bintang Timur\t{npwp}\tSamarinda\taktif",
    "Pemenang lelang paket jalan desa adalah PT Karya Borneo dengan {npwp}.",
    "1) UD Sumber Rejeki — {npwp}\n2) Toko Makmur — {npwp}",
    "Faktur pajak diterbitkan atas {npwp}, bukan atas nama pribadi direktur.",
    "Penyedia,Nomor,Nilai Kontrak\nPT Andalas Konstruksi,{npwp},2,4 miliar",
    "Perusahaan itu mendaftar ulang dan kini memakai {npwp} untuk semua transaksi.",
    # phone
    "Info lebih lanjut: Pak Darto {phone} (sore saja).",
    "Yang mau titip barang bisa langsung ke {phone}, gratis ongkir area kota.",
    "Penjual,Barang,Nomor\nBu Imas,Kerupuk,{phone}",
    "* Posyandu Melati: {phone}\n* Puskesmas Kalibaru: {phone}",
    "Halo kak, aku udah transfer ya, konfirmasi ke {phone} aja biar cepet.",
    "Sekretariat panitia lomba di Jalan Gajah Mada 14, {phone}, buka pukul 09.00-15.00.",
    "Kalau nomor ini tidak aktif, coba {phone} atau datang ke kantor desa.",
    "Lurah\tPak Sahrul\t{phone}\nSekdes\tBu Wina\t{phone}",
    "Pemesanan tumpeng dan nasi kotak: {phone} (Bu Ning).",
    "Terima kasih kepada donatur; pertanyaan ke {phone}.",
    # email
    "Kirim CV dan portofolio ke {email} sebelum 30 Juni.",
    "Divisi,PIC,Surel kerja\nKeuangan,Bu Tari,{email}",
    "- Pak Harun <{email}>\n- Bu Dian <{email}>",
    "Pengaduan masyarakat dapat disampaikan melalui {email}.",
    "tolong forward ke {email} ya, makasih",
    "Surat undangan dikirim oleh {email}; mohon balas sebelum Jumat.",
    "Korespondensi: {email}",
    "Penulis dapat dihubungi di {email}.",
    # card
    "Transaksi mencurigakan terjadi di {card} pada pukul 02.14 dini hari.",
    "Pelanggan,Nomor,Berlaku\nAgus P.,{card},11/28",
    "Setelah belanja daring, nomor {card} miliknya dipakai orang lain di luar negeri.",
    "1. {card} — limit habis\n2. {card} — diblokir",
    "Dalam tangkapan layar itu terlihat jelas {card} lengkap dengan masa berlakunya.",
    "Pembayaran #4471 | {card} | 3 x cicilan",
    # mixed
    "Pelaku menjual paket data berisi {nik}, {phone} dan {email} seharga Rp50 ribu.",
    "Dina Maharani;{nik};{phone};{email}",
)

# Technical look-alikes, hand-written, none is personal data.
TRAPS = (
    # version numbers
    "Pembaruan Android 14.0.0.112 memperbaiki masalah baterai.",
    "Perangkat lunak kasir versi 5.12.0.3 tidak lagi didukung.",
    "Unduh installer 10.4.2.18 dari situs resmi.",
    "Modul itu butuh Python 3.11.4 dan pip 23.2.1.",
    "Driver grafis 31.0.101.4502 menyebabkan layar berkedip.",
    "Rilis 2024.06.15.1 sudah dipasang di server uji.",
    "Library itu naik ke 1.2.10.400 minggu lalu.",
    "Browser 119.0.2151.97 sudah memblokir cookie pihak ketiga.",
    "Aplikasi mobile 3.45.1 (build 20240615) tersedia di toko aplikasi.",
    "Kernel 6.1.0.18 dipakai di mesin produksi.",
    # IPv4 in technical documents: private, loopback, reserved, documentation ranges
    "Atur IP statis 192.168.100.25 dengan gateway 192.168.100.1.",
    "Basis data hanya menerima koneksi dari 10.10.5.21.",
    "Tambahkan baris 127.0.0.1 localhost ke berkas hosts.",
    "Jaringan tamu memakai rentang 172.16.32.0 sampai 172.16.47.255.",
    "Contoh di buku ajar memakai 198.51.100.7 dan 203.0.113.200.",
    "Perangkat IoT mendapat alamat 100.64.12.9 dari operator (CGNAT).",
    "Multicast 239.255.255.250 dipakai oleh SSDP.",
    "Alamat link-local 169.254.10.20 muncul saat DHCP gagal.",
    "Subnet mask 255.255.255.0 cukup untuk kantor kecil.",
    "Konfigurasi ulang 192.0.2.15 di berkas contoh.",
    # dotted section / step numbers without a label word
    "Ikuti langkah 2.3.1.4 dan 2.3.1.5 sebelum menyalakan mesin.",
    "Ketentuan pada 5.2.1.3 berlaku juga untuk pegawai kontrak.",
    "Materi kuliah minggu ini: 3.1.2.1 hingga 3.1.2.6.",
    "Sesuai 4.4.3.2, laporan diserahkan paling lambat tanggal 10.",
    "Indikator kinerja 1.2.1.1 belum tercapai tahun ini.",
    "Rincian kegiatan 2.1.1.7 dan 2.1.1.8 digabung.",
    "Kriteria 6.1.3.2 dinilai oleh asesor eksternal.",
    "Butir-butir 7.2.4.1 sampai 7.2.4.9 wajib diisi.",
    "Perhatikan 9.1.1.2 mengenai keselamatan kerja.",
    "Lihat 12.3.4.5 untuk contoh perhitungan.",
    # order, shipment, booking codes
    "Pesanan INV/20240612/MPL/4018827365 sedang dikemas.",
    "Paket dengan nomor pengiriman 0023 4510 7781 9920 tertahan di gudang.",
    "No. pesanan 240612QW8KJ7PM sudah dikirim.",
    "Kode booking hotel 1182736450 berlaku untuk dua malam.",
    "Nomor order 220987654321098 dibatalkan karena stok habis.",
    "Resi JNT 1200 3456 7890 sudah diterima penerima.",
    "ID pesanan 5812 3344 9021 7760 dikembalikan ke penjual.",
    "Nomor transaksi 4532 0151 1283 0366 gagal diverifikasi.",
    "Kode pembayaran 8808 1234 5678 9012 berlaku 24 jam.",
    "ID transaksi 3201120304050006 tercatat di log.",
    "Order #778812340091 selesai.",
    "Nomor referensi 20240612-0001-7788 untuk pengaduan Anda.",
    # ISBN / EAN / GTIN / ISSN
    "ISBN 978-623-00-1234-7 (jilid 1).",
    "Cetakan kedua ber-ISBN 9786230012347.",
    "EAN 8992761002112 pada botol air mineral.",
    "GTIN 08992761002119 terdaftar di GS1.",
    "ISSN 2087-3476 untuk jurnal tersebut.",
    "Kode barang 8886008101053 dipindai di kasir.",
    "ISBN-10 602-03-0123-X sudah tidak dipakai.",
    "Nomor katalog 9789792231234 di perpustakaan daerah.",
    # IBAN-like and bank-format examples from documentation
    "Contoh format IBAN: GB82 WEST 1234 5698 7654 32.",
    "Format IBAN Belanda misalnya NL91 ABNA 0417 1643 00.",
    "Kode SWIFT BNINIDJA dipakai untuk transfer internasional.",
    "Kode BIC CENAIDJA tercantum di situs bank.",
    "Contoh IBAN Jerman DE89 3704 0044 0532 0130 00 di buku panduan.",
    "Kode sandi bank 0140397 dipakai di formulir kliring.",
    # timestamps and dates
    "Log mencatat epoch 1718181818 saat server mati.",
    "Stempel waktu 1718181818123 dalam milidetik.",
    "Berkas backup_20240612_235959.tar.gz dibuat otomatis.",
    "Kolom waktu berisi 20240612235959 tanpa pemisah.",
    "Peristiwa tercatat 2024-06-12 23:59:59,123 di log.",
    "Waktu UTC 2024-06-12T16:59:59Z dikonversi ke WIB.",
    "Tanggal 12.06.2024 pukul 08.15 rapat dimulai.",
    "Periode 01/01/2024 - 31/12/2024 menjadi dasar penilaian.",
    "Nilai cap waktu 17181818181234567 melebihi batas kolom.",
    "Jam 23.59.59 server melakukan rotasi log.",
    # phone-like invoice, reference and account-like numbers
    "Nomor invoice 0812202406120001 sudah lunas.",
    "Faktur 021-2024-000345 belum dibayar.",
    "Invoice 0856/INV/VI/2024 dikirim kemarin.",
    "Nomor tagihan 081220240612 jatuh tempo besok.",
    "Kode referensi 0811-2024-7781 untuk klaim garansi.",
    "Nomor registrasi 0274/REG/2024 diterbitkan.",
    "No. SPK 0813/SPK/PPK/2024 ditandatangani.",
    "Nomor antrian online 0857-0001 dipanggil.",
    "Kode pelanggan PDAM 0821 0034 5567 tertera di struk.",
    "Nomor kuitansi 0896-12-2024 hilang.",
    # hashes, serials, identifiers of things
    "SHA-256 berkas itu e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.",
    "Nomor seri panel surya SN2406120034871 tercatat.",
    "IMEI 490154203237518 milik perangkat uji laboratorium.",
    "Nomor rangka MHKA1BA1JGK012345 tertera di BPKB contoh.",
    "Kode produk 12345-67890-11121 untuk suku cadang.",
    "Nomor lisensi perangkat lunak XXXX-4410-9921-0032.",
    "Pelat nomor B 1234 XYZ terekam kamera.",
    "Nomor dokumen 5301.2024.0612.0001 diarsipkan.",
    "Kode wilayah 53.71.04.1002 untuk kelurahan itu.",
    "Kode rekening belanja 5.2.2.01.01.0001 di DPA.",
    # numbers and measurements
    "Produksi padi mencapai 54.338.410 ton tahun ini.",
    "Populasi kota 2.456.789 jiwa pada sensus terakhir.",
    "Nilai proyek 1.234.567.890.123 rupiah menurut BPK.",
    "Luas wilayah 1.916.862,20 km persegi.",
    "Kecepatan unduh 1234.56 Mbps tercatat di uji.",
    "Saldo akhir 12.345.678,90 tertera di laporan.",
    "Koordinat 10°10'23.5\"S 123°36'01.2\"E di peta.",
    "Lintang -10.1772, bujur 123.6070 untuk titik pantau.",
    "Skor 98.765.432 tercatat di papan peringkat gim.",
    "Rasio 16:9:4:3 untuk tata letak layar.",
    # e-mail look-alikes
    "Impor modul @angular/core@17.0.2 di proyek.",
    "Gunakan ssh admin@192.168.1.10 untuk masuk ke router.",
    "Tarik kode dari git@bitbucket.org:tim/aplikasi.git setiap pagi.",
    "Aset logo@3x.png dan logo@2x.png disimpan di folder gambar.",
    "Contoh alamat pengguna@contoh.test untuk pengujian.",
    "Placeholder admin@example.net di berkas konfigurasi.",
    "Variabel ${{user}}@${{host}} diganti saat deploy.",
    "Sebut akun @bpbd_jatim dan @infobmkg di unggahan.",
    "Docker image postgres@sha256:1a2b3c4d dipakai di CI.",
    "Berkas rekap@juni.xlsx ada di drive bersama.",
)


def items(per_template: int = 20, seed: int = 2026) -> tuple[list[Item], list[Item]]:
    """(positives, traps): each template filled ``per_template`` times with fresh values."""
    rng = random.Random(seed)
    pos = []
    for t in TEMPLATES:
        for _ in range(per_template):
            pos.append(_fill(t, rng))
    traps = [Item(t.replace("{{", "{").replace("}}", "}"), [], "heldout2", "trap") for t in TRAPS]
    return pos, traps


def _fill(template: str, rng: random.Random) -> Item:
    out: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0
    i = 0
    while i < len(template):
        if template.startswith("{{", i) or template.startswith("}}", i):
            out.append(template[i])
            pos += 1
            i += 2
            continue
        if template[i] == "{":
            j = template.index("}", i)
            kind = template[i + 1 : j]
            value = make_value(kind, rng)
            spans.append((kind, pos, pos + len(value)))
            out.append(value)
            pos += len(value)
            i = j + 1
            continue
        out.append(template[i])
        pos += 1
        i += 1
    return Item("".join(out), spans, "heldout2", "positive")
