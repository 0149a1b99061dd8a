"""A bank word vetoes or types a number only when it labels it (session 18).

Why: ``atas nama <name>, <NIK>`` (an applicant, not an account holder) vetoed every bare NIK in
the bank word's window, and a bank's name inside a company name (``CV ... Mandiri, <NPWP>``) typed
a valid entity NPWP as an account. A field separator between the bank word and the number means
the word introduced something else; structure (NIK region/date, NPWP check digit) then decides.
"""

from __future__ import annotations

import pytest

from saring.pii.detect import Detector
from saring.pii.validate import nik_ok, npwp15_ok

NIK = "3273052207910012"  # Kota Bandung (32 73), kecamatan 05, born 22-07-91, serial 0012
NPWP15 = "315428367407000"  # check digit 7 (Luhn over the first eight), branch 000
NPWP16 = "0" + NPWP15


@pytest.fixture(scope="module")
def det() -> Detector:
    return Detector()


def _found(det: Detector, text: str) -> list[tuple[str, str]]:
    return [(s.type, text[s.start : s.end]) for s in det.find(text)[0]]


def test_values_are_structurally_valid(det: Detector) -> None:
    assert nik_ok(NIK, det.res.regions)
    assert npwp15_ok(NPWP15) and NPWP15[12] == "0"


@pytest.mark.parametrize(
    "text",
    [
        f"Permohonan atas nama Gregorius Lamanepa, {NIK}, sudah diverifikasi petugas.",
        f"Ahli waris atas nama Maria Goreti Nuban; {NIK}; alamat Oebufu.",
        f"Surat kuasa a.n. Yohana Bria | {NIK} | Atambua",
    ],
)
def test_nik_after_a_name_the_bank_phrase_introduced(det: Detector, text: str) -> None:
    assert _found(det, text) == [("nik", NIK)]


@pytest.mark.parametrize("value", [NPWP15, NPWP16])
def test_npwp_after_a_company_name_holding_a_bank_name(det: Detector, value: str) -> None:
    text = f"Penyedia jasa CV Karya Bersama Mandiri, {value}, Kupang."
    assert _found(det, text) == [("npwp", value)]


@pytest.mark.parametrize(
    "text, value",
    [
        (f"Transfer ke rek BCA {NIK} a.n. Yohana", NIK),  # the bank phrase labels it
        (f"atas nama Yohana Bria {NIK}", NIK),  # nothing but the name between them
        ("Penyedia CV Karya Bersama Mandiri, 1234567890123, Kupang.", "1234567890123"),
    ],
)
def test_bank_readings_kept(det: Detector, text: str, value: str) -> None:
    assert _found(det, text) == [("bank_account", value)]


def test_a_labelling_bank_word_still_wins_over_npwp_structure(det: Detector) -> None:
    # an account number that happens to pass the NPWP check: the label decides, as before
    assert _found(det, f"no rek BRI {NPWP15} a.n. Yohana") == [("bank_account", NPWP15)]
