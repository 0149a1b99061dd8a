"""Session 19 (langpii19): NIKs issued in Papua before the 2022 renumbering (province 94).

Why: until 2022 Papua was province 94 (94.01-94.36, Kota Jayapura 94.71) and NIKs are never
reissued, but the table held only the 2022 Papua Tengah range (94.01-94.08, no city), so every
older Papua NIK outside it (Mimika, Jayapura city, Pegunungan Bintang ...) was missed even under a
``NIK:`` label (writer G's generator: 3.8% of its NIKs).
"""

from __future__ import annotations

import random

import pytest

from saring.pii.detect import Detector
from saring.pii.resources import load_resources
from saring.pii.validate import nik_ok

RES = load_resources()
DET = Detector()


@pytest.mark.parametrize(
    "nik",
    [
        "9471026506880003",  # Kota Jayapura, woman born 25-06-1988
        "9412125502800210",  # Mimika, woman born 15-02-1980
        "9417011203950001",  # Pegunungan Bintang
        "9436014507920001",  # Deiyai, the highest pre-2022 kabupaten code
        "9403021203850004",  # Jayapura (kabupaten), valid before and after
    ],
)
def test_pre_2022_papua_niks_are_valid(nik: str) -> None:
    assert nik_ok(nik, RES.regions)


@pytest.mark.parametrize(
    "nik,why",
    [
        ("9437011203950001", "no kabupaten 94.37 was ever issued"),
        ("9472011203950001", "Papua had one city (94.71)"),
        ("9471001203950001", "district 00"),
        ("9471017203950001", "day 72 (32 + 40)"),
    ],
)
def test_papua_structure_still_checked(nik: str, why: str) -> None:
    assert not nik_ok(nik, RES.regions), why


@pytest.mark.parametrize(
    "layout",
    ["9471026506880003", "947102 650688 0003", "9471 0265 0688 0003"],
)
@pytest.mark.parametrize(
    "template",
    [
        "Pemohon bernama Yosefina Kambu dengan nomor {} telah terdaftar.",
        "Nama: Petrus Mote | NIK: {} | Desa: Waena",
        "ktp ku {} kak tolong dicek",
    ],
)
def test_papua_nik_found_bare_and_labelled(template: str, layout: str) -> None:
    text = template.format(layout)
    start = text.index(layout)
    spans = DET.find(text)[0]
    assert any(s.type == "nik" and s.start <= start < s.end for s in spans), spans


def test_random_16_digit_strings_still_rarely_pass() -> None:
    """The wider 94 range must not make structure alone strong evidence."""
    rng = random.Random(19)
    n = 20000
    passed = sum(
        nik_ok("".join(rng.choice("0123456789") for _ in range(16)), RES.regions) for _ in range(n)
    )
    assert passed / n < 0.006
