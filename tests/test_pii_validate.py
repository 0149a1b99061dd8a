"""Validators for Indonesian identifiers: known good/bad values and Luhn properties."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saring.pii.resources import load_resources
from saring.pii.validate import (
    card_ok,
    landline_ok,
    luhn_check_digit,
    luhn_ok,
    mobile_ok,
    nik_ok,
    npwp15_ok,
    npwp16_entity_ok,
    public_ip,
)

RES = load_resources()


@pytest.mark.parametrize(
    "nik",
    [
        "3171011708450001",  # Jakarta Pusat, man born 17-08-1945
        "3578015205900008",  # Surabaya, woman (52 = 12 + 40) born 12-05-1990
        "6501011708450001",  # Kalimantan Utara (65), rejected by python-stdnum's old table
        "9271011708450001",  # Kota Sorong under the pre-2022 Papua Barat code
        "9301012512990001",  # Papua Selatan (2022)
        "9601016901000003",  # Papua Barat Daya (2022), woman born 29-01-2000
        "3201016902000001",  # woman born 29-02-2000 (leap year)
        "3201010902960001",  # man born 09-02-1996
    ],
)
def test_valid_niks(nik: str) -> None:
    assert nik_ok(nik, RES.regions)


@pytest.mark.parametrize(
    "nik,why",
    [
        ("4071011708450001", "province 40 does not exist"),
        ("9971011708450001", "province 99 does not exist"),
        ("3130011708450001", "Jakarta has one kabupaten (01) and cities 71-75"),
        ("3280011708450001", "Jawa Barat cities stop at 79"),
        ("3171001708450001", "district 00"),
        ("3171011708450000", "serial 0000"),
        ("3171013208450001", "day 32"),
        ("3171017208450001", "day 72 (32 + 40)"),
        ("3171011713450001", "month 13"),
        ("3171012902010001", "29-02-1901 and 29-02-2001 do not exist"),
        ("317101170845000", "15 digits"),
        ("31710117084500011", "17 digits"),
        ("3171Ol1708450001", "letters"),
    ],
)
def test_invalid_niks(nik: str, why: str) -> None:
    assert not nik_ok(nik, RES.regions), why


def test_all_38_provinces_including_2022_papua() -> None:
    assert len(RES.regions) == 38
    for code in ("91", "92", "93", "94", "95", "96", "65"):
        assert code in RES.regions


def test_random_16_digit_strings_rarely_pass_nik_structure() -> None:
    """Structure alone is weak evidence (the reason context words are required)."""
    rng = random.Random(5)
    n = 20000
    passed = sum(
        nik_ok("".join(rng.choice("0123456789") for _ in range(16)), RES.regions) for _ in range(n)
    )
    assert 0 < passed / n < 0.01  # measured 0.41% on 200k samples


def test_npwp_examples() -> None:
    assert npwp15_ok("013121660091000")  # 01.312.166.0-091.000
    assert not npwp15_ok("013121661091000")  # check digit 1 instead of 0
    assert npwp15_ok("016090524017000")
    assert npwp16_entity_ok("0013121660091000")
    assert not npwp16_entity_ok("1013121660091000")
    assert not npwp15_ok("01312166009100")


@given(st.text(alphabet="0123456789", min_size=1, max_size=24))
def test_luhn_check_digit_completes_and_single_digit_errors_break_it(payload: str) -> None:
    full = payload + luhn_check_digit(payload)
    assert luhn_ok(full)
    i = len(full) - 1
    wrong = str((int(full[i]) + 1) % 10)
    assert not luhn_ok(full[:i] + wrong)


@pytest.mark.parametrize(
    "number,ok",
    [
        ("4111111111111111", True),
        ("5105105105105100", True),
        ("378282246310005", True),  # Amex test number
        ("3530111333300000", True),  # JCB test number
        ("4111111111111112", False),  # Luhn fails
        ("1234567890123452", False),  # Luhn passes, no card brand starts with 1
        ("411111111111", False),  # too short
    ],
)
def test_card_ok(number: str, ok: bool) -> None:
    assert card_ok(number) is ok


def test_domestic_debit_cards() -> None:
    from saring.pii.validate import debit_ok

    assert debit_ok("6013011388797101")  # BRI prefix, Luhn-valid
    assert not debit_ok("6013011388797102")
    assert not debit_ok("4111111111111111")  # not a domestic prefix
    assert not debit_ok("6013011388")  # too short


def test_mobile_and_landline() -> None:
    p = RES.mobile_prefixes
    assert mobile_ok("81234567890", p)
    assert mobile_ok("857123456", p)  # 9-digit NSN
    assert not mobile_ok("80012345678", p)  # 0800 toll-free is not mobile
    assert not mobile_ok("8123456", p)  # too short
    assert not mobile_ok("8123456789012", p)  # too long
    two = RES.two_digit_areas
    assert landline_ok("2152995000", two)  # (021) 5299 5000
    assert landline_ok("274512345", two)  # (0274) 512345
    assert not landline_ok("21529", two)
    assert not landline_ok("81234567890", two)  # mobile, not landline


@pytest.mark.parametrize(
    "ip,ok",
    [
        ("103.10.20.30", True),
        ("8.8.8.8", True),
        ("2404:6800:4003:c00::8a", True),
        ("192.168.88.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("127.0.0.1", False),
        ("192.0.2.10", False),  # documentation
        ("198.51.100.7", False),  # documentation
        ("203.0.113.9", False),  # documentation
        ("100.64.1.1", False),  # carrier-grade NAT
        ("224.0.0.1", False),  # multicast
        ("2001:db8::1", False),  # documentation
        ("fe80::1", False),  # link-local
        ("256.1.1.1", False),
        ("1.250.000.000", False),  # leading zeros are not an address
    ],
)
def test_public_ip(ip: str, ok: bool) -> None:
    assert public_ip(ip) is ok
