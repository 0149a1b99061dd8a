"""Detector behaviour on sentences we wrote: positives, look-alike negatives, adversarial input."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.pii.detect import TYPES, Detector


@pytest.fixture(scope="module")
def det() -> Detector:
    return Detector()


def found(det: Detector, text: str) -> list[tuple[str, str]]:
    spans, _ = det.find(text)
    return [(s.type, text[s.start : s.end]) for s in spans]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hubungi Budi di 0812-3456-7890 sore ini.", [("phone", "0812-3456-7890")]),
        ("WA +62 857 1234 5678 aktif.", [("phone", "+62 857 1234 5678")]),
        ("Nomor 62811234567 milik pelaku.", [("phone", "62811234567")]),
        ("Pesan lewat 0811-9787-670.", [("phone", "0811-9787-670")]),
        ("hubungi (0812) 3456-7890 ya", [("phone", "(0812) 3456-7890")]),
        ("wa.me/6281234567890", [("phone", "6281234567890")]),
        ("HP: +62 (0) 812 3456 7890", [("phone", "+62 (0) 812 3456 7890")]),
        ("Telp. (021) 5299 5000 kantor pusat.", [("phone", "(021) 5299 5000")]),
        ("Kantor: +62 21 5299 5000.", [("phone", "+62 21 5299 5000")]),
        ("telepon 0274-512345 untuk reservasi", [("phone", "0274-512345")]),
        ("call center (021-23519999 dan 112)", [("phone", "021-23519999")]),
        ("NIK: 3171011708450001, lahir di Jakarta.", [("nik", "3171011708450001")]),
        ("No. KTP 32.01.01.410599.0001 tercatat.", [("nik", "32.01.01.410599.0001")]),
        ("kartu keluarga nomor 3276012311070028 dibawa", [("nik", "3276012311070028")]),
        ("NPWP 01.312.166.0-091.000 perusahaan.", [("npwp", "01.312.166.0-091.000")]),
        ("NPWP: 09.468.771.2 - 009.000 atas nama", [("npwp", "09.468.771.2 - 009.000")]),
        ("npwp nomor 0013121660091000 (format baru)", [("npwp", "0013121660091000")]),
        ("Surel budi.santoso@gmail.com aktif.", [("email", "budi.santoso@gmail.com")]),
        ("tulis ke siti [at] ui [dot] ac [dot] id", [("email", "siti [at] ui [dot] ac [dot] id")]),
        ("Email: info@koperasi.co.idWebsite: x", [("email", "info@koperasi.co.id")]),
        ("Email [email protected] disensor.", [("email", "[email protected]")]),
        ("Dari IP 103.10.20.30 kemarin.", [("ip", "103.10.20.30")]),
        ("alamat 2404:6800:4003:c00::8a diblokir", [("ip", "2404:6800:4003:c00::8a")]),
        ("kartu kredit 4111 1111 1111 1111 hilang", [("card", "4111 1111 1111 1111")]),
        ("Nomor 4111-1111-1111-1111 bocor.", [("card", "4111-1111-1111-1111")]),
        ("kartu atm bri nomor 6013 0113 8879 7101 disita", [("card", "6013 0113 8879 7101")]),
        ("e-mail ke info@kln.gov.my.Pada malam itu", [("email", "info@kln.gov.my")]),
        ("SMS/WA di 0811-991-800-1 pada jam kerja", [("phone", "0811-991-800-1")]),
        ("Transfer ke rek. BNI : 0266997374 a/n Nadhyra", [("bank_account", "0266997374")]),
        ("no rekening 1234-01-123456-50-7 BRI", [("bank_account", "1234-01-123456-50-7")]),
        (
            "kirim ke Permata 0817-01-575784-15-2 a.n. Andi",
            [("bank_account", "0817-01-575784-15-2")],
        ),
    ],
)
def test_positives(det: Detector, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(det, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Harga naik menjadi Rp 1.250.000 per ton.",
        "Nilai proyek Rp1.250.100.200 disetujui.",
        "Diatur dalam UU No. 11 Tahun 2008 tentang ITE.",
        "Perkara Nomor 1234/Pid.Sus/2020/PN Jkt.Pst diputus.",
        "Putusan Nomor 123 K/Pid/2019 menguatkan vonis.",
        "Keputusan Gubernur Nomor 100.3.3.1/712/013/2025 berlaku.",
        "Inflasi 2,37 persen atau 3.5% secara tahunan.",
        "ISBN 978-602-8519-93-9 tercantum di sampul.",
        "Koordinat -6.200000, 106.816666 di Jakarta.",
        "Kereta berangkat pukul 08.00 WIB.",
        "Router memakai 192.168.88.1 dan 10.0.0.1.",
        "Dokumentasi memakai 203.0.113.5 dan 2001:db8::1.",
        "Perbarui ke versi 10.2.3.4 sekarang.",
        "Hubungi 112, call center 14045, atau 1500-888.",
        "Penduduk 270.203.917 jiwa pada 2020.",
        "Data 2019 2020 2021 menunjukkan kenaikan.",
        "Analis di Bank Indonesia (1996-1998) lalu pindah.",
        "kode rekening 5.1.02.04.01 dalam APBD",
        "NIK 4071011708450001 tidak valid.",
        "NPWP 01.312.166.1-091.000 salah cek digit.",
        "kartu kredit 4111 1111 1111 1112 ditolak",
        "Kode booking 0856602286 dikirim.",
        "Ikuti @budi99 dan kirim ke redaksi@ saja.",
        "transfer ke diana 26 30 11 2010 rp 10 000 000",
        "giro bsm bank syariah mandiri 2 661 000 2 219 000",
    ],
)
def test_negatives(det: Detector, text: str) -> None:
    assert found(det, text) == []


def test_nik_without_context_is_redacted_by_structure_with_lower_confidence(det: Detector) -> None:
    # issue 17: structure decides, a label word only raises confidence
    spans, suspects = det.find("nomor acak 3171011708450001 di tabel")
    assert [(s.type, s.rule, s.confidence) for s in spans] == [("nik", "nik_structure", 0.8)]
    labelled, _ = det.find("NIK 3171011708450001 di tabel")
    assert labelled[0].confidence > spans[0].confidence


def test_nik_shaped_code_after_a_code_word_stays_a_suspect(det: Detector) -> None:
    spans, suspects = det.find("kode transaksi 3171011708450001 gagal")
    assert spans == []
    assert [(s.type, s.rule) for s in suspects] == [("nik", "nik_no_context")]


def test_nik_shaped_mastercard_without_context_is_typed_nik_not_card(det: Detector) -> None:
    # 5105 1051 0510 5100 is a Mastercard test number and also passes the NIK structure
    spans, _ = det.find("angka 5105 1051 0510 5100 muncul")
    assert [s.type for s in spans] == ["nik"]


def test_phone_does_not_swallow_following_list_number(det: Detector) -> None:
    text = "hp nokia dengan no hp 081217387150 1 satu buah hp lain"
    assert found(det, text) == [("phone", "081217387150")]


def test_phone_inside_a_longer_spaced_number_is_ignored(det: Detector) -> None:
    assert found(det, "NIK 510422 081858 0031 tidak valid") == []


def test_type_selection(det: Detector) -> None:
    only_mail = Detector(types=["email"])
    text = "a.b@gmail.com 0812-3456-7890"
    assert [s.type for s in only_mail.find(text)[0]] == ["email"]
    with pytest.raises(ValueError):
        Detector(types=["passport"])


def test_context_window_cut_word_does_not_create_context(det: Detector) -> None:
    # 48 chars before the number start inside "merek": its tail "rek" is not "rek." context
    text = "merek oppo warna purple hitam berikut sim card no 081220717901 disita"
    assert found(det, text) == [("phone", "081220717901")]


@pytest.mark.parametrize(
    "text",
    [
        "1" * 200_000,
        "1 " * 100_000,
        "1.2." * 50_000,
        "0812-" * 40_000,
        "a" * 100_000 + "@",
        "@" * 100_000,
        "a@" * 50_000,
        "x@" + "a." * 50_000,
        "[at] " * 20_000,
        ":1:" * 50_000,
        "::" * 50_000,
        "(0" * 50_000,
        "NIK " + "3171011708450001 " * 10_000,
    ],
)
def test_adversarial_input_is_linear(det: Detector, text: str) -> None:
    t0 = time.perf_counter()
    det.find(text)
    assert time.perf_counter() - t0 < 5.0


PIIISH = st.text(alphabet="0123456789 .-+()@abcdkNIKrep:/\n", max_size=300)


@settings(max_examples=300, deadline=None)
@given(PIIISH)
def test_spans_are_sorted_disjoint_and_in_bounds(text: str) -> None:
    spans, suspects = Detector().find(text)
    for group in (spans, suspects):
        prev_end = 0
        for s in group:
            assert s.type in TYPES
            assert prev_end <= s.start < s.end <= len(text)
            assert 0.0 < s.confidence <= 1.0
            prev_end = s.end
    for sp in suspects:
        assert all(sp.end <= k.start or k.end <= sp.start for k in spans)


def test_finders_are_ordered_labelled_before_bare_and_filtered_by_type() -> None:
    """Precedence: a labelled reading of a type comes before any bare (structure-only) reading,
    and a detector built for some types only meets their finders, by digit count."""
    from saring.pii.numbers import NUMBER_FINDERS

    names = [f.find.__name__ for f in NUMBER_FINDERS]
    assert names.index("npwp_labelled") < names.index("nik_bare")
    assert names.index("nik_labelled") < names.index("card_bare")
    # a bank word that does not label the number (``CV ... Mandiri, <NPWP>``) is context, not a
    # label: it yields to the NIK/NPWP structures and still comes before a bare card (session 18)
    assert max(
        i
        for i, f in enumerate(NUMBER_FINDERS)
        if f.needs_label and f.find.__name__ != "bank_nearby"
    ) < min(i for i, f in enumerate(NUMBER_FINDERS) if f.find.__name__.endswith("_bare"))
    assert names.index("npwp_bare") < names.index("bank_nearby") < names.index("card_bare")
    det = Detector(types=("card",))
    assert {f.__name__ for fs in det._finders.values() for f in fs} == {
        "debit_labelled",
        "card_luhn",
        "card_bare",
    }
    assert det._finders[12] == ()  # no card has 12 digits
    # a NIK-valid number is not a bare card, whatever the detector is built for
    assert Detector().find("data 3173052509870002 bocor")[0][0].type == "nik"


# short groups, and 20-22 digit blocks that end a long-number match exactly (so the next
# candidate starts deep inside the run)
_DIGITS = st.from_regex(r"[0-9]{2,6}|[0-9]{20,22}", fullmatch=True)
_VALUES = st.sampled_from(
    [
        "3173052509870002",
        "4556 7375 8689 9855",
        "0812-3456-7890",
        "01.312.166.0-091.000",
        "013121660091000",
        "(021) 5551234",
    ]
)
_WORDS = st.sampled_from(["NIK", "npwp", "kode", "rek BCA", "Visa", "telp", "Rp", "|", "\n", "ID"])
# mostly numbers, so that runs longer than the context window are common
RUNS = st.lists(
    st.one_of(_DIGITS, _DIGITS, _VALUES, _VALUES, _WORDS), min_size=10, max_size=60
).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(RUNS)
def test_deep_run_shortcut_changes_nothing(text: str) -> None:
    """Inside a digit run the context window is taken as empty and label finders are skipped;
    with the shortcut switched off every span and suspect is the same."""
    fast = Detector()
    slow = Detector()
    slow._deep_run_blind = False
    assert fast.find(text) == slow.find(text)
