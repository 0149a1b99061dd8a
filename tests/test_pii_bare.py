"""Bare PII values are found by structure; technical look-alikes are left alone (issue 17).

The set (``evaluation/pii/bare.py``) is hand-written contexts with independently generated
values; the held-out half was not used while writing the bare rules.
"""

from __future__ import annotations

import pytest

from evaluation.pii import bare as B
from saring.pii.detect import Detector


@pytest.fixture(scope="module")
def detect():
    det = Detector()
    return lambda text: [(s.type, s.start, s.end) for s in det.find(text)[0]]


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_bare_values_are_found_by_structure(detect, half):
    r = B.score(detect, B.positives(half))
    for typ in ("nik", "npwp", "phone", "email", "card"):
        assert r[typ]["recall"] >= 0.95, (typ, r[typ])


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_technical_look_alikes_are_not_masked(detect, half):
    traps = B.traps(half)
    assert len(traps) >= 50
    hits = [(it.text, detect(it.text)) for it in traps if detect(it.text)]
    assert hits == []


def test_precision_over_everything_found_is_at_least_099(detect):
    items = B.positives("tune") + B.traps("tune") + B.positives("heldout") + B.traps("heldout")
    assert B.score(detect, items)["_all"]["precision"] >= 0.99


@pytest.mark.parametrize(
    "text",
    [
        "Unduh ikon@2x.png untuk layar retina.",
        "git clone git@github.com:org/repo.git",
        "Contoh: nama@example.com",
        "Bab 4.2.1.3 membahas metode.",
        "kode transaksi 3171011708450001 gagal",
    ],
)
def test_named_traps(detect, text):
    assert detect(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # a code word in another cell labels that cell's value, not the card (was vetoed)
        ("| Transaksi 14/03 | 4556 7375 8689 9855 | Rp250.000 | berhasil |", ["card"]),
        ("Transaksi 14/03; 4556737586899855 dibatalkan", ["card"]),
        # a code word that labels this very number still vetoes the bare reading
        ("ID pelanggan 5123456789012346 tercantum di tagihan air.", []),
        ("Kode transaksi: 3173052509870002 gagal", []),
        ("Token listrik 1234 4556 7375 8689 9855 sudah masuk.", []),
        # a labelled card is a card whatever precedes it
        ("| Transaksi 14/03 | kartu 4556 7375 8689 9855 |", ["card"]),
    ],
)
def test_code_word_vetoes_only_the_number_it_labels(detect, text, expected):
    assert [t for t, _s, _e in detect(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # octets of at most two digits: shaped like a section/version number, needs an IP word
        ("Rentang 1.1.1.1 sampai 1.1.1.9 hanya contoh di soal.", []),
        ("Kernel 6.1.0.18 dipakai di mesin produksi.", []),
        ("Server DNS 1.1.1.1 dipakai kantor.", ["ip"]),
        ("Pelaku login dari 12.34.56.78 pukul dua.", ["ip"]),
        # a three-digit octet is an address by structure
        ("Pelaku masuk lewat 103.28.12.9 pukul dua.", ["ip"]),
        ("Lihat 4.1.2.3 di bawah.", []),
    ],
)
def test_small_octet_addresses_need_an_ip_word(detect, text, expected):
    assert [t for t, _s, _e in detect(text)] == expected


@pytest.mark.parametrize("module", ["bare_heldout", "bare_heldout3"])
def test_later_held_out_sets_meet_the_targets(detect, module):
    """Recall >= 0.9 per type and precision >= 0.99 on the later sets (new values, shapes and
    traps; see BENCHMARKS.md for which were scored before and after which fix)."""
    import importlib

    pos, traps = importlib.import_module(f"evaluation.pii.{module}").items()
    r = B.score(detect, pos + traps)
    for typ in ("nik", "npwp", "phone", "email", "card"):
        assert r[typ]["recall"] >= 0.9, (typ, r[typ])
    assert r["_all"]["precision"] >= 0.99, r["_all"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a whole comma-separated field, also before a numeric field
        ("PT Andalas,01.430.113.9-600.001,2,4 miliar", ["npwp"]),
        ("Agus P.,4556737586899855,11/28", ["card"]),
        ("Sutrisno,1502055502872009,Kec. Banjarsari", ["nik"]),
        # a decimal comma is not a field separator
        ("Total 12345678901234,50 tercatat", []),
        # country code written (+62) or +62-
        ("konfirmasi ke (+62) 815 8085 6903 ya", ["phone"]),
        ("Kantor: +62-341-526344", ["phone"]),
        # the taxpayer prefix is free for a contiguous NPWP ...
        ("memakai 761404383776000 untuk semua transaksi", ["npwp"]),
        # ... but an IMEI-shaped number (TAC 35/86, Luhn over 15 digits) is not an NPWP
        ("dual sim 862120039453751 2 unit", []),
        # dotted 4.4.4.4 is a document number style, not a NIK layout
        ("Nomor dokumen 5301.2024.0612.0001 diarsipkan.", []),
    ],
)
def test_shapes_added_after_the_second_held_out_set(detect, text, expected):
    assert [t for t, _s, _e in detect(text)] == expected


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_fourth_set_meets_the_targets(detect, half):
    """The fourth set (session 14: new generator, 52 contexts, 113 traps; ``bare_heldout4``):
    recall >= 0.9 per type and precision >= 0.99 on both halves (the held-out half was scored
    once before its two misses were fixed: BENCHMARKS.md)."""
    from evaluation.pii import bare_heldout4 as H4

    pos, traps = H4.items(half)
    assert len(H4.TEMPLATES) >= 50 and len(H4.TRAPS) >= 100
    r = B.score(detect, pos + traps)
    for typ in ("nik", "npwp", "phone", "email", "card"):
        assert r[typ]["recall"] >= 0.9, (typ, r[typ])
    assert r["_all"]["precision"] >= 0.99, r["_all"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # bare landlines of towns outside the first area-code list (Sibolga, Tual, Metro, Bontang)
        ("Kantor cabang Sibolga: 0631 21234, buka Senin-Jumat", ["phone"]),
        ("| Dra. Endang | 0916-21345 |", ["phone"]),
        ("Pesan di 0725-41234 atau datang langsung", ["phone"]),
        # the Net1 (formerly Ceria) mobile prefix 0828
        ("isi pulsa ke nomor baru mama 0828 5837 2200 sekarang ya", ["phone"]),
        ("+62 828 1003 2316", ["phone"]),
        # a number of one repeated digit is a placeholder, never an account
        ("Nomor VA dummy di dokumentasi API: 0000000000000000.", []),
        ("transfer ke rekening sri utami _unk_ 000 000 00 tanggal 24", []),
        # an unlisted 3-digit "area code" still needs a phone word or the +62/(0..) form
        ("Nomor urut 0699-123456 dicetak ulang.", []),
        # found on the held-out half, fixed after: a code word inside a domain labels nothing ...
        ("Salam,\nDr. Rahmat\nita.purnama@smkn2-kupang.sch.id\n0381-355630", ["email", "phone"]),
        # ... a customer-number label vetoes a mobile-shaped number, customer service does not
        ("ID pelanggan PDAM 0812345678 menunggak.", []),
        ("Layanan pelanggan 0812 3456 7890 siaga 24 jam.", ["phone"]),
        # a bare landline does not end in a one- or two-digit group (IBAN groups)
        ("Format IBAN Belanda misalnya NL91 ABNA 0417 1643 00.", []),
    ],
)
def test_shapes_added_after_the_fourth_set(detect, text, expected):
    assert [t for t, _s, _e in detect(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # session 16: 19-digit cards printed 4-4-4-4-3 (UnionPay 62, Visa 19; Luhn-valid, written here)
        ("Pembayaran dari 6212 3456 7890 1234 569 sudah diterima.", ["card"]),
        ("Dibayar dengan 4000 0000 0000 0000 006", ["card"]),
        # a mobile-shaped run glued to a hyphen and letters is part of an identifier, not a phone
        ("Request-ID 0812-3456-7890-abcd di header.", []),
        ("Kode 0856-1234-5678-XY tercetak di label.", []),
        # ... but a phone followed by a dash and a space, or a word after a space, stays a phone
        ("Hubungi 0812-3456-7890 - Bu Rina", ["phone"]),
    ],
)
def test_shapes_of_the_fifth_set(detect, text, expected):
    assert [t for t, _s, _e in detect(text)] == expected


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_fifth_set_meets_the_targets(detect, half):
    """The fifth set (session 16: forms, spreadsheets, chats, invoices, order pages; VA, IMEI,
    serial, hex-colour, semver and legal-reference traps; ``bare_heldout5``): recall >= 0.9 per
    type and precision >= 0.99 on both halves (the held-out half scored once at the start and once
    at the end: BENCHMARKS.md; its VA traps are bank_account spans by the detector's decision)."""
    from evaluation.pii import bare_heldout5 as H5

    pos, traps = H5.items(half)
    assert len(H5.TEMPLATES) >= 40 and len(H5.TRAPS) >= 80
    r = B.score(detect, pos + traps)
    for typ in ("nik", "npwp", "phone", "email", "card"):
        assert r[typ]["recall"] >= 0.9, (typ, r[typ])
    assert r["_all"]["precision"] >= 0.99, r["_all"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # session 17: the entities' 16-digit NPWP (``0`` + NPWP-15, PMK 112/PMK.03/2022) in 4-4-4-4
        ("Rekanan baru kita 0012 3456 7440 7000 belum muncul.", ["npwp"]),
        ("PT Abc;0012-3456-7440-7000;Tuban", ["npwp"]),
        ("Lihat 0012345674407000 ya", ["npwp"]),
        # ... only with its structure: wrong check digit, branch code >= 100, mixed or dotted groups
        ("Lihat 0012 3456 7540 7000 ya", []),
        ("Lihat 0012 3456 7440 7100 ya", []),
        ("Lihat 0012 3456-7440 7000 ya", []),
        ("Nomor 0012.3456.7440.7000 dicetak", []),
        # one repeated digit is a placeholder (its NPWP check digit holds), 15 or 16 digits
        ("Nomor antrean 0000000000000000 berarti data belum masuk.", []),
        ("Nomor 000 000 000 000 000 kosong", []),
        # a valid NIK in 4-4-4-4 stays a NIK (a person's NPWP is their NIK: PII either way)
        ("Data ibu: 3201 0147 0890 0003, domisili Bogor.", ["nik"]),
    ],
)
def test_npwp16_layouts_of_session_17(detect, text, expected):
    assert [t for t, _s, _e in detect(text)] == expected


@pytest.mark.parametrize("half", ["tune", "heldout"])
def test_sixth_set_meets_the_targets(detect, half):
    """The sixth set (session 17: 16-digit NPWP layouts beside NIKs and cards, 0-leading traps;
    ``bare_heldout6``): NPWP recall typed >= 0.85, NIK and card recall >= 0.9, precision >= 0.99
    on both halves (the held-out half scored once at the start and once at the end)."""
    from evaluation.pii import bare_heldout6 as H6

    pos, traps = H6.items(half)
    r = B.score(detect, pos + traps)
    assert r["npwp"]["recall"] >= 0.85, r["npwp"]
    for typ in ("nik", "card"):
        assert r[typ]["recall"] >= 0.9, (typ, r[typ])
    assert r["_all"]["precision"] >= 0.99, r["_all"]
