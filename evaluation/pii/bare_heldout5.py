"""A fifth bare-value set for PII (issue 17, session 16): new contexts and new traps, split into a
tune half and a held-out half.

Written before any detector change of session 16. The tune half (even template and trap indices)
is what the session's fixes may be made on; the held-out half (odd indices) is scored once with
the session-start code and once with the branch at the end, its failures not read in between.

Values come from the fourth set's generator (``bare_heldout4``: written from public format
descriptions, not from the detector's data files) with a new seed. What is new here are the
contexts and the traps:

- Contexts: OCR'd forms (broken spacing, ``l``/``O`` noise around, lost labels), spreadsheets
  pasted as text (CSV with quotes, fixed-width columns, Markdown tables), chat exports (WhatsApp
  Android and iOS, Telegram JSON, LINE), invoices and receipts, e-commerce order pages (shipping
  address blocks, buyer notes, seller chats). No label word on the value's line.
- Traps: tracking numbers of couriers not used before (Lion Parcel, ID Express, Ninja, Wahana,
  SAP, Paxel, DHL, FedEx, TIKI), virtual-account (VA) payment codes, IMEI/MEID/serial numbers,
  coordinates in new notations, hashes (SHA-1, CRC, UUID, ULID), hex colours, semantic versions,
  dotted legal references (articles and paragraphs, regulation numbers), and other digit runs of
  the five types' lengths.

Decisions: a VA number is a payment code of a bank and a merchant, not personal data, even when
a merchant builds it from the buyer's phone number: it is a trap here only when no phone number
is written in it (the set writes VA numbers without an embedded phone). IMEI and serial numbers
identify a device, not a person: traps. Luhn-valid digit runs that are not cards (IMEI is Luhn by
design) are the precision test the card rule must pass by structure.
"""

from __future__ import annotations

import random

from evaluation.pii.bare import Item
from evaluation.pii.bare_heldout4 import MAKERS

# Hand-written contexts; even index = tune, odd = held-out. No label word on the value's line.
TEMPLATES = (
    # OCR'd forms
    "PEMERINTAH KABUPATEN GORONTALO\nDINAS KEPENDUDUKAN\nNama   :  RAHMAN  PAKAYA\n{nik}\nJenis Kelamin : LAKI-LAKl",
    "FORMULlR KLAIM ASURANSl\nTertanggung: Ni Luh Sekar\n{phone}   Kota: Tabanan\nTanda tangan: ____",
    "SURAT KETERANGAN DOMISILl\nDengan ini menerangkan bahwa\nYohanis  Boimau\n{nik}\nbenar berdomisili di RT 03",
    "DAFTAR RlWAYAT HIDUP\nNama        Marlina Siregar\nSurel       \n{email}\nAgama       Kristen",
    "Pernohon :  UD SUMBER TANI\n{npwp}\nAlamat : Jl. Diponegoro No. l2, Jember",
    "BUKTl PEMBAYARAN\nDibayar dengan: {card}\nJumlah : Rp 1.250.000",
    # spreadsheets pasted as text
    '"no","nama","desa","data"\n"14","Wayan Sudira","Pering","{nik}"',
    "NAMA              KONTAK            KET\nIrma Tamher       {phone}    lunas",
    "| Nama Vendor | Data | Status |\n|---|---|---|\n| PT Lintas Samudra | {npwp} | aktif |",
    "id;nama;surel;kelas\n21;Fikri Lahay;{email};XI IPA 2",
    'Nama,Data,Nominal\nAndreas Rumbiak,{card},"Rp 3.400.000"',
    "Rekap Peserta\n1. Sitti Haliah\t{phone}\n2. Muh. Ridwan\t{phone}",
    # chat exports
    "[7/12/24, 09.14.52] Om Fredy: ini nomornya tanta Ester {phone} kalo mo tanya",
    "7/12/24 20:11 - Ci Meilan: aku kirim ulang ya, {email} ini yang bener",
    '{{"from": "Bang Ucok", "text": "ktp ibu aku {nik} tolong daftarin"}}',
    "2024/12/07 Sat\n21:40\tNadia\tkartu yg td kepake {card} blokir aja ya",
    "7/12/24 06:02 - Pak RW: atas nama koperasi pake {npwp} aja bu",
    "[07.12.24 13:45] Kaka Ronal: sapa yang mo ikut, hubungi {phone} deng {phone}",
    # invoices and receipts
    "INVOICE #INV-2024-1207\nKepada: CV Anugerah Jaya\n{npwp}\nJatuh tempo: 21 Desember 2024",
    "STRUK PEMBELIAN\nToko Sembako Barokah\n{phone}\nTotal Rp 87.500  Tunai Rp 100.000",
    "Tagihan dikirim ke {email}\nSubtotal Rp 2.100.000\nPPN 11% Rp 231.000",
    "Kwitansi\nTelah terima dari: Bpk. Simon Wenda\n{nik}\nUang sejumlah Rp 5.000.000",
    "Pembayaran diterima dari {card} pada 07/12/2024 16:20 WIB. Terima kasih.",
    "Faktur ini sah tanpa tanda tangan. Pertanyaan: {email} / {phone}",
    # e-commerce order pages
    "Alamat Pengiriman\nBu Ratna (Rumah)\n{phone}\nJl. Kakatua No. 5, Kel. Malalayang, Manado 95115",
    "Catatan untuk penjual: tolong bungkus rapi ya kak, kalau kurir nyasar telp aja {phone}",
    "Penerima: Gusti Ayu Made\n{phone}\nBr. Dinas Kelod, Ubud, Gianyar, Bali",
    "Chat dengan Penjual\nPembeli: kak ini invoice buat kantor ya, {npwp} atas nama PT Cahaya Timur",
    "Rincian Pesanan\nDibayar via kartu {card}\nOngkos kirim Rp 18.000",
    "Info pembeli: {email} | Dropship: tidak",
    # running prose of those genres
    "Setelah pesanan tiba, pembeli mengirim foto {nik} untuk klaim garansi, padahal tidak diminta.",
    "Admin toko membalas bahwa {email} sudah terdaftar di akun lain.",
    "Kurir menelepon {phone} tiga kali tetapi tidak diangkat.",
    "Pelanggan itu membayar memakai {card} lalu meminta struk dikirim lewat surel.",
    "Laporan keuangan koperasi mencantumkan {npwp} di halaman pertama.",
    "Ketua panitia, Pak Hasan Mahmud ({phone}), meminta peserta datang lebih awal.",
    "Data {nik} milik pelapor tersebar di grup jual beli.",
    "Semua bukti transfer mohon dikirim ke {email} paling lambat besok.",
    "Untuk pemesanan partai besar silakan hubungi {phone} atau {email}.",
    "Nomor kartu {card} dilaporkan hilang oleh pemiliknya sejak Senin.",
    "PT Mega Karya ({npwp}) memenangkan tender jalan desa.",
    "Warga bernama Abdul Karim ({nik}) tercatat dua kali di daftar penerima.",
)

# Technical strings, codes and numbers that are not the five PII types (no gold span). Even
# index = tune, odd = held-out.
TRAPS = (
    # tracking numbers
    "Resi Lion Parcel 99LP1701234567890 sedang transit di Makassar.",
    "Paket ID Express IDE701234567890 sudah diterima.",
    "Lacak Ninja Xpress NLIDAP0123456789 di aplikasi.",
    "Resi Wahana AGR12345678 tiba di agen.",
    "Kiriman SAP Express 0123101234567 diantar besok.",
    "Paxel PXL-24120712345 dijemput kurir.",
    "DHL waybill 1234567890 tertahan di bea cukai.",
    "FedEx tracking 7712 3456 7890 sudah terkirim.",
    "Resi TIKI 030123456789 belum bergerak.",
    "Nomor resi: 002345678901234 (JNT Cargo).",
    "Resi pos 17001234567 diterima petugas.",
    "Kode booking kargo 126-12345675 untuk pengiriman udara.",
    # virtual-account payment codes
    "Bayar ke VA BCA 70012 1234567890 sebelum 23.59.",
    "Virtual Account Mandiri 89508 12345678901 atas nama Tokoku.",
    "VA BNI 988 1234 5678 9012 berlaku satu hari.",
    "Nomor VA BRI 26215 123456789012 untuk pembayaran UKT.",
    "Kode pembayaran Indomaret TKP7AB12CD34 berlaku 24 jam.",
    "VA Permata 8625 0000 1234 5678 tertera di halaman checkout.",
    "Transfer ke VA 3901 2345 6789 0124 paling lambat besok.",
    "Kode bayar Alfamart 4012345678901234 tidak ditemukan.",
    # IMEI, MEID, serials
    "IMEI 1: 861234567890128, IMEI 2: 861234567890136.",
    "Cek IMEI 35-209900-176148-1 di situs Kemenperin.",
    "MEID A1000012345678 pada ponsel CDMA lama.",
    "S/N: R58M12ABCDE di bagian belakang ponsel.",
    "Serial laptop 5CD1234XYZ terdaftar garansi.",
    "Nomor seri genset 2412070001234 tercetak di pelat.",
    "SN HWTC1A2B3C4D pada modul router lama.",
    "Serial number: 9780123456789012 tercatat di stiker.",
    "Part number 03-0812-3456-78 untuk suku cadang.",
    "Nomor seri panel surya 3523 1207 9900 0012 dicatat teknisi.",
    # coordinates in new notations
    "Koordinat lokasi 0°32'47\"N 123°03'36\"E di Gorontalo.",
    "Titik GPS: S 2°35.123' E 140°40.456' dekat Sentani.",
    "geo:-10.1772,123.6070?z=15 dibagikan di grup.",
    "Plus code 6P8X+Q2 Kupang dipakai kurir.",
    "Lokasi (1.4748, 124.8421) ditandai di peta.",
    "MGRS 51M TA 12345 67890 untuk titik tinjau.",
    "Lintang -3.3194374 bujur 114.5907622 menurut survei.",
    "WKT POINT(119.4327 -5.1477) disimpan di basis data.",
    # hashes and ids
    "SHA-1 da39a3ee5e6b4b0d3255bfef95601890afd80709 cocok.",
    "CRC32 0x1c291ca3 tidak sama dengan berkas asli.",
    "UUID 3f2504e0-4f89-11d3-9a0c-0305e82c3301 dipakai sebagai kunci.",
    "ULID 01ARZ3NDEKTSV4RRFFQ69G5FAV untuk setiap log.",
    "Kunci publik ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl.",
    "Nonce 6281234567890123 dipakai sekali.",
    "Request-ID 0812-3456-7890-abcd di header.",
    "Object id 507f1f77bcf86cd799439011 di MongoDB.",
    # hex colours
    "Warna utama #0812FF dan sekunder #3274AB di panduan merek.",
    "Latar #FFFFFF, teks #1A1A1A, tautan #0062CC.",
    "CSS color: #62812345 dengan alfa.",
    "Palet #081234, #628100, #350101 untuk grafik.",
    # semantic versions
    "Rilis 3.27.1-beta.2+exp.sha.5114f85 diuji di staging.",
    "Naik dari 0.812.345 ke 0.813.0 tanpa perubahan API.",
    "Versi 62.0.3202.94 memperbaiki celah keamanan.",
    "Pustaka itu dikunci ke ^16.14.2 dan ~4.17.21.",
    "Firmware 1.0.812.3456 untuk modem.",
    "Build 2024.12.07.1630 lolos pengujian.",
    # dotted legal references
    "Pasal 27 ayat (3) jo. Pasal 45 ayat (3) UU 19/2016 didakwakan.",
    "Permendagri 72 Tahun 2019 angka 3.2.1.5 mengatur kode desa.",
    "PP 24/1997 Pasal 32.1.2 tentang pendaftaran tanah.",
    "Butir 1.1.1.1.2 dalam SNI 03-1726-2012 dikutip ahli.",
    "KUHP Pasal 362 jo. 55 ayat (1) ke-1.",
    "Keputusan Nomor 188.45/1207/436.7.21/2024 ditetapkan bupati.",
    "SE Nomor 800.1.11.1/1234/SJ dikirim ke daerah.",
    "Perda 3.2024.12.07 belum diundangkan.",
    # other digit runs of the five types' lengths
    "Nomor polis POL/2024/12/000812 diterbitkan ulang.",
    "Nomor kontainer MSKU 123456-7 tiba di pelabuhan.",
    "NIK karyawan internal EMP-3374012507900002 bukan KTP.",
    "Kode produk SKU-3171-0725-B habis stok.",
    "Kode unik A7K9-0812-XQ di balik tutup botol.",
    "Nomor undian 00628 belum keluar.",
    "Kode warna RAL 7016 dan Pantone 286 C dipakai tukang cat.",
    "Alamat memori 0x7FFF5FBFF8A0 muncul di log crash.",
    "NPWP-like kode 12.345.678.9-012.345 di data contoh.",
    "No. rekening koran 0123456789 halaman 3.",
    "Total 081.234.567.890 rupiah tercatat di neraca daerah.",
    "Saldo akhir 628.123.456.789 pada buku besar.",
    # e-mail look-alikes
    "Tag foto @rina.lestari@bali dihapus.",
    "Gunakan pola *@*.go.id untuk filter.",
    "Modul scope @saring/langid@0.9.1 dipublikasi.",
    "Placeholder {{email}}@{{domain}} di templat.",
    'Atribut data-email="" kosong di HTML.',
    "Rute /api/users/@me/orders dipanggil aplikasi.",
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


def items(half: str, per_template: int = 20, seed: int = 5016) -> tuple[list[Item], list[Item]]:
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
    """Recall per type and precision per half (also without the VA traps, see the module
    docstring); ``--tune-details`` lists the tune half's misses and false spans (never the
    held-out half's: that half is scored, not read)."""
    import sys

    from evaluation.pii import bare as B
    from saring.pii.detect import Detector

    det = Detector()

    def detect(text: str) -> list[tuple[str, int, int]]:
        return [(s.type, s.start, s.end) for s in det.find(text)[0]]

    for half in ("tune", "heldout"):
        pos, traps = items(half)
        plain = [it for it in traps if "VA " not in it.text and "Virtual Account" not in it.text]
        for name, tr in ((half, traps), (f"{half} without VA traps", plain)):
            r = B.score(detect, pos + tr)
            cells = " | ".join(
                f"{r[t]['recall']:.3f}" for t in ("nik", "npwp", "phone", "email", "card")
            )
            a = r["_all"]
            print(
                f"| {name} ({len(tr)} traps) | {cells} | {a['precision']:.3f} ({a['false_spans']} / {a['found']}) |"
            )
        if half == "tune" and "--tune-details" in sys.argv:
            for it in traps:
                if detect(it.text):
                    print(f"  false span: {detect(it.text)} in {it.text!r}")
            for it in pos:
                found = detect(it.text)
                for typ, s, e in it.spans:
                    if not any(fs < e and s < fe for _, fs, fe in found):
                        print(f"  miss {typ}: {it.text[s:e]!r} in {it.text[:60]!r}")


if __name__ == "__main__":
    main()
