"""Bare PII values (no label word nearby) and technical look-alikes: an evaluation set for issue 17.

Why separate from ``evaluation.pii.generate``: that generator shares the detector's specification
(labels next to values), so it cannot show what happens to a NIK in a table cell or an e-mail in
a list. Here the *contexts* are written by hand (running text, lists, tables, form dumps), the
values come from a small generator written independently of the detector (its own province and
regency codes, its own Luhn), and the traps are technical strings we wrote: file names with
``@2x``, git remotes, version and section numbers, OIDs, timestamps, order and tracking codes,
barcodes, hashes, coordinates.

Templates are split into two halves by position: ``tune`` (even) and ``heldout`` (odd). The
held-out half is reported separately and was not looked at while changing the detector.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# (province code, highest kabupaten code, highest kota code or 0) — a hand-picked subset.
PROVINCES = ((11, 18, 75), (12, 25, 78), (13, 12, 77), (14, 10, 73), (16, 13, 74), (18, 13, 72),
             (31, 1, 75), (32, 18, 79), (33, 29, 76), (34, 4, 71), (35, 29, 79), (36, 4, 74),
             (51, 8, 71), (52, 8, 72), (61, 12, 72), (63, 11, 72), (64, 7, 74), (71, 11, 74),
             (73, 24, 73), (74, 15, 72), (81, 9, 71))
MOBILE = ("811", "812", "813", "821", "822", "852", "853", "855", "856", "857", "858", "877",
          "878", "881", "882", "895", "896", "897", "898", "899", "831", "838")
AREAS = ("21", "22", "24", "31", "61", "274", "271", "341", "361", "411", "511", "542", "751",
         "778", "711", "370", "561", "431")
FIRST = ("andi", "rina", "dewi", "agus", "fajar", "putri", "yoga", "lestari", "bambang", "citra",
         "hendra", "maya", "rizky", "nur", "wahyu", "sari")
DOMAINS = ("gmail.com", "yahoo.co.id", "ugm.ac.id", "kemenkeu.go.id", "outlook.com",
           "ui.ac.id", "telkom.net.id", "sman3bdg.sch.id", "pt-maju.co.id", "mail.com")


def _luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def nik(rng: random.Random) -> str:
    prov, kab, kota = rng.choice(PROVINCES)
    reg = rng.randint(1, kab) if not kota or rng.random() < 0.7 else rng.randint(71, kota)
    day = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
    return (f"{prov:02d}{reg:02d}{rng.randint(1, 20):02d}{day:02d}{rng.randint(1, 12):02d}"
            f"{rng.randint(0, 99):02d}{rng.randint(1, 400):04d}")


def npwp(rng: random.Random) -> str:
    head = f"{rng.choice(('01', '02', '03', '05', '07', '08', '09'))}{rng.randint(0, 999999):06d}"
    digits = head + _luhn_digit(head) + f"{rng.randint(1, 999):03d}" + "000"
    if rng.random() < 0.5:
        return digits
    d = digits
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"


def phone(rng: random.Random) -> str:
    if rng.random() < 0.75:
        p, rest = rng.choice(MOBILE), f"{rng.randint(0, 99999999):08d}"
        return rng.choice((f"0{p}{rest}", f"0{p}-{rest[:4]}-{rest[4:]}", f"+62 {p} {rest[:4]} {rest[4:]}",
                           f"0{p} {rest[:4]} {rest[4:]}", f"62{p}{rest}"))
    area = rng.choice(AREAS)
    local = f"{rng.randint(2000000, 8999999)}" if len(area) == 2 else f"{rng.randint(300000, 899999)}"
    return rng.choice((f"(0{area}) {local}", f"0{area}-{local}", f"+62 {area} {local}",
                       f"0{area} {local[:3]} {local[3:]}"))


def email(rng: random.Random) -> str:
    a, b = rng.sample(FIRST, 2)
    local = rng.choice((f"{a}.{b}", f"{a}{rng.randint(1, 99)}", f"{a}_{b}", a))
    return f"{local}@{rng.choice(DOMAINS)}"


def card(rng: random.Random) -> str:
    head = rng.choice(("4", "51", "52", "53", "54", "55", "3528", "3566"))
    payload = head + "".join(str(rng.randint(0, 9)) for _ in range(15 - len(head)))
    d = payload + _luhn_digit(payload)
    return rng.choice((d, f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}", f"{d[:4]}-{d[4:8]}-{d[8:12]}-{d[12:]}"))


MAKERS = {"nik": nik, "npwp": npwp, "phone": phone, "email": email, "card": card}

# Hand-written contexts. No label word (NIK, NPWP, telp, email, kartu) next to the slot.
TEMPLATES = (
    "Berikut data pendaftar yang lolos verifikasi: Sri Wahyuni, {nik}, Jl. Kenanga 12, Sleman.",
    "Peserta atas nama Dimas Pratama ({nik}) diminta hadir pukul 08.00 di aula kecamatan.",
    "| 1 | Rudi Hartono | {nik} | Cilacap | lulus |",
    "- Ahmad Fauzi / {nik} / Kelurahan Sukajadi",
    "Daftar penerima bantuan tahap dua:\n1. Sumarni {nik}\n2. Kasiyem {nik}",
    "Saya mengirimkan berkas lamaran dengan {nik} sebagai nomor di formulir kemarin.",
    "Pemohon: Yuliana; {nik}; Desa Karangrejo; RT 03/RW 05.",
    "Nama: Teguh Santoso, {nik}, lahir di Klaten, pekerjaan wiraswasta.",
    "Pembayaran pajak restoran dilakukan oleh CV Sinar Jaya dengan {npwp} pada bulan Maret.",
    "| PT Lancar Abadi | {npwp} | Surabaya | aktif |",
    "- Koperasi Sejahtera: {npwp}",
    "Rekanan pengadaan tahun ini, CV Mitra Tani {npwp}, menang tender pupuk.",
    "Untuk informasi lebih lanjut silakan menghubungi Bu Ratna di {phone} pada jam kerja.",
    "| Bagian umum | Pak Joko | {phone} |",
    "- Posko bencana Desa Sumberrejo: {phone}",
    "Pesan makanan lewat WA saja ke {phone}, dijamin cepat sampai.",
    "Keluhan pelanggan bisa disampaikan ke {phone} atau langsung datang ke kantor cabang.",
    "Panitia: Agus {phone}, Rina {phone}.",
    "Kirimkan naskah Anda ke {email} paling lambat akhir bulan ini.",
    "| Humas | {email} | Gedung B lantai 2 |",
    "- Sekretariat: {email}",
    "Untuk pertanyaan seputar beasiswa, tulis ke {email} dengan subjek yang jelas.",
    "Jika ada kendala, hubungi admin kami di {email} ya kak.",
    "Pendaftaran ditutup; konfirmasi dikirim dari {email} kepada semua peserta.",
    "Pembayaran langganan ditagihkan ke {card} setiap tanggal lima.",
    "| Transaksi 14/03 | {card} | Rp250.000 | berhasil |",
    "- Pemilik: Hadi Susanto, {card}, berlaku hingga 08/27",
    "Penipu itu meminta korban menyebutkan {card} beserta tiga angka di belakangnya.",
    "Data bocor berisi nama, {nik}, {phone} dan {email} milik ribuan pelanggan.",
    "Kontak darurat keluarga Siregar: {phone}; surat-menyurat lewat {email}.",
)

# Technical strings that merely look like PII (hand-written), each in a short context.
TRAPS = (
    "Unduh ikon@2x.png dan ikon@3x.png untuk layar retina.",
    "File banner-utama@2x.webp belum diunggah ke server.",
    "Jalankan git clone git@github.com:saring-dev/saring.git lalu pasang paketnya.",
    "Remote lama masih git@gitlab.com:kampus/skripsi.git sampai bulan depan.",
    "Pasang paket @babel/core dan @types/node terlebih dahulu.",
    "Versi terbaru pustaka itu adalah requests@2.31.0 menurut lockfile.",
    "Gunakan image nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac untuk produksi.",
    "Pengguna root@localhost tidak boleh login dari luar.",
    "Perbarui aplikasi ke versi 2.14.3.1 sebelum tanggal 20.",
    "Chrome 120.0.6099.109 sudah memperbaiki celah tersebut.",
    "Windows 10.0.19045.3803 memerlukan pembaruan keamanan.",
    "Lihat Pasal 2.1.3.4 dalam lampiran peraturan.",
    "Bab 4.2.1.3 membahas metode pengambilan sampel.",
    "Subbagian 1.1.2.5 menjelaskan alur pengaduan.",
    "OID 1.3.6.1.4.1.311 dipakai oleh vendor tersebut.",
    "Tabel 3.2.1.1 memuat hasil uji coba tahap awal.",
    "Kode rekening anggaran 5.1.02.01.01.0024 untuk belanja ATK.",
    "Server dev berjalan di 127.0.0.1 port 8080.",
    "Alamat gateway 192.168.1.1 hanya untuk jaringan kantor.",
    "Subnet 10.20.30.0/24 dialokasikan untuk laboratorium.",
    "Dokumentasi memakai contoh 203.0.113.45 sebagai alamat.",
    "Cap waktu kejadian 1701234567890 dalam milidetik.",
    "Cap waktu 1699999999 menandai akhir pengujian.",
    "ISBN 978-602-03-1234-5 tercantum di sampul belakang.",
    "Buku itu ber-ISBN 9786020312345 dan terbit tahun lalu.",
    "Barcode 8991002101234 tertera pada kemasan mi instan.",
    "Nomor resi JP1234567890 sedang dalam perjalanan.",
    "Invoice INV/2024/06/000123 sudah dibayar lunas.",
    "Order ID 2024061512345678 berhasil diproses.",
    "Kode voucher DISKON50-2024 berlaku sampai Jumat.",
    "UUID 550e8400-e29b-41d4-a716-446655440000 dipakai sebagai kunci.",
    "Hash commit 9fceb02d0ae598e95dc970b74767f19372d61af8 memperbaiki bug.",
    "Koordinat lokasi -6.200000, 106.816666 berada di Jakarta Pusat.",
    "Titik gempa 7.38 LS 106.21 BT dengan kedalaman 10 km.",
    "Harga naik dari Rp1.250.000.000 menjadi Rp1.500.000.000.",
    "Jumlah penduduk 270.203.917 jiwa menurut sensus.",
    "Anggaran 2.500.000.000.000 rupiah disetujui DPR.",
    "Nomor perkara 123/Pid.B/2023/PN Jkt.Sel disidangkan hari ini.",
    "Surat nomor 800/1234/BKD/2024 tentang cuti bersama.",
    "Perda Nomor 12 Tahun 2019 mengatur retribusi pasar.",
    "Suhu ruangan dijaga 21.5 derajat sepanjang hari.",
    "Skor akhir 3-1-2-0 tercatat di papan.",
    "Nomor seri mesin SN 4Y7X-99K2-00QW-8812 terdaftar.",
    "IMEI 356938035643809 terdaftar di Kemenperin.",
    "Kode pos 40115 mencakup Kelurahan Citarum.",
    "Jam operasional 08.00-16.00 WIB setiap hari kerja.",
    "Periode 2019-2024 ditutup dengan laporan akhir.",
    "Pertandingan berakhir 2-1 pada menit 90+3.",
    "Nomor antrean A-0123 dipanggil ke loket 4.",
    "Kode SKU BRG-000123-HTM tersisa 12 unit.",
    "Token listrik 1234 5678 9012 3456 7890 sudah masuk.",
    "Token PLN 4567-8901-2345-6789-0123 berhasil diisi.",
    "MAC address 00:1A:2B:3C:4D:5E terdaftar di router.",
    "Kirim ke alamat noreply@example.com tidak akan dibalas.",
    "Contoh penulisan: nama@domain.tld dalam formulir.",
    "Placeholder user@example.org dipakai dalam dokumentasi.",
    "Versi rilis v3.2.1.0 memperbaiki tampilan.",
    "Firmware 1.0.12.4 tersedia untuk perangkat lama.",
    "Nomor urut 000123456789 pada kuitansi lama.",
    "Kode booking ABC123 untuk penerbangan pagi.",
    "Persentase kehadiran 98.76% tercatat bulan ini.",
    "Tinggi badan 165.5 cm dan berat 55.2 kg.",
    "Rasio 1:2:3:4 dipakai dalam campuran beton.",
    "Pukul 19.30.45 sistem mencatat gangguan.",
    "Tanggal 17.08.1945 diperingati setiap tahun.",
    "Kode wilayah 32.73.01.1001 menunjuk Kelurahan Cipaganti.",
    "Kode BPS 3273010001 dipakai dalam tabel.",
    "NIP 19850312 201001 1 005 tercantum di SK.",
    "Nomor register 2023.01.0001.0002 disimpan arsip.",
    "Ukuran berkas 1.234.567 byte setelah dikompres.",
    "Lihat gambar_final@v2.jpg di folder bersama.",
    "Stempel waktu 2024-06-15T08:30:00+07:00 pada log.",
    "Tautan https://contoh.id/artikel/2024/06/15/123456789 sudah mati.",
    "Alamat IPv6 dokumentasi 2001:db8::1 dipakai di contoh.",
    "Nomor kontrak 0012/KTR/PPK/VI/2024 ditandatangani.",
    "Format tanggal 15-06-2024 sesuai standar.",
    "Kode HS 8471.30.10 untuk laptop impor.",
    "Kode KBLI 62019 untuk aktivitas pemrograman.",
    "Nomor SNI 7612:2011 mengatur mutu produk.",
    "Saldo poin 1.250 dapat ditukar hadiah.",
    "Lot produksi 230615-0012-A ditarik dari pasar.",
    "Seri uang kertas ABC123456 masih berlaku.",
    "Kode akses 8821 4410 hanya untuk petugas.",
    "Nilai tukar 15.678,50 per dolar hari ini.",
    "Pada skala 1:50.000 peta itu cukup rinci.",
    "Versi API 2023-10-01 akan dihentikan.",
    "Nomor tiket 6281234567 dibatalkan sistem (bukan telepon).",
    "Berkas laporan@2024.pdf dikirim lewat aplikasi.",
    "Folder backup@server01 penuh.",
    "Gunakan perintah ssh deploy@10.0.0.5 untuk masuk.",
    "Akun @kominfo dan @jokowi membagikan video itu.",
    "Tagar #PemiluDamai2024 trending pagi ini.",
    "Kode promo HEMAT@50 tidak berlaku lagi.",
    "Nomor model SM-A546E/DS dijual resmi.",
    "Kecepatan 1.5 Gbps tercapai di uji lab.",
    "Spesifikasi 8.8.8 dokumen belum final.",
    "Rentang 1.1.1.1 sampai 1.1.1.9 hanya contoh di soal ujian jaringan.",
    "Nomor batch 20240615123456 tercetak di tutup botol.",
    "Kode transaksi 3173052509870002 gagal diproses, coba lagi.",
    "ID pelanggan 5123456789012346 tercantum di tagihan air.",
)


@dataclass
class Item:
    """One text with gold bare-PII spans (type, start, end); traps have none."""

    text: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    half: str = "tune"
    kind: str = "positive"


def _fill(template: str, rng: random.Random) -> Item:
    out, spans, pos = [], [], 0
    parts = template.split("{")
    out.append(parts[0])
    pos = len(parts[0])
    for part in parts[1:]:
        slot, rest = part.split("}", 1)
        value = MAKERS[slot](rng)
        spans.append((slot, pos, pos + len(value)))
        out += [value, rest]
        pos += len(value) + len(rest)
    return Item("".join(out), spans)


def positives(half: str, per_template: int = 20, seed: int = 17) -> list[Item]:
    """Each template of the half filled ``per_template`` times with fresh values."""
    rng = random.Random(seed)
    items = []
    for i, t in enumerate(TEMPLATES):
        h = "tune" if i % 2 == 0 else "heldout"
        for _ in range(per_template):
            it = _fill(t, rng)
            if h == half:
                it.half = h
                items.append(it)
    return items


def traps(half: str) -> list[Item]:
    return [Item(t, [], "tune" if i % 2 == 0 else "heldout", "trap")
            for i, t in enumerate(TRAPS) if ("tune" if i % 2 == 0 else "heldout") == half]


def score(detect, items: list[Item]) -> dict[str, dict[str, float]]:
    """Per type: recall over gold spans (a found span must overlap the gold span and carry a PII
    type), and precision over found spans (a found span is right when it overlaps a gold span)."""
    stats: dict[str, list[int]] = {}
    fp_total = tp_found = 0
    for it in items:
        found = detect(it.text)
        for typ, s, e in it.spans:
            st = stats.setdefault(typ, [0, 0])
            st[1] += 1
            st[0] += any(fs < e and s < fe for _, fs, fe in found)
        for _, fs, fe in found:
            if any(fs < e and s < fe for _, s, e in it.spans):
                tp_found += 1
            else:
                fp_total += 1
    out = {t: {"recall": hit / n, "n": n} for t, (hit, n) in sorted(stats.items())}
    out["_all"] = {"precision": tp_found / (tp_found + fp_total) if tp_found + fp_total else 1.0,
                   "false_spans": fp_total, "found": tp_found + fp_total}
    return out
