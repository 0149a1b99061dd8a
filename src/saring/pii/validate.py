"""Pure validators for Indonesian personal identifiers (digits in, verdict out).

They take digit strings (separators already removed) so they can be tested exhaustively and
reused by the generator; the detector decides *where* a candidate is, these decide *what* it is.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Mapping, Set
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Region:
    """Regency code ranges of one province: kabupaten 01..kab_max, kota 71..kota_max."""

    kab_max: int
    kota_max: int

    def has_regency(self, rr: int) -> bool:
        return 1 <= rr <= self.kab_max or (self.kota_max >= 71 and 71 <= rr <= self.kota_max)


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check over the whole digit string, last digit being the check digit."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i & 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The digit that makes ``payload + digit`` Luhn-valid (used by the generator)."""
    for c in "0123456789":
        if luhn_ok(payload + c):
            return c
    raise AssertionError("unreachable: one digit always completes a Luhn sum")


def _valid_birth_date(dd: int, mm: int, yy: int) -> bool:
    """True if dd/mm is a real date in 19yy or 20yy (29 Feb needs a leap year in one)."""
    if not (1 <= dd <= 31 and 1 <= mm <= 12):
        return False
    for century in (1900, 2000):
        try:
            datetime.date(century + yy, mm, dd)
        except ValueError:
            continue
        return True
    return False


def nik_ok(digits: str, regions: Mapping[str, Region]) -> bool:
    """NIK structure ``PP RR SS DDMMYY NNNN``: known province, regency in the province's range,
    district 01-99, birth date (day + 40 for women) valid in 19yy or 20yy, serial not 0000.

    There is no check digit, so a pass means "plausible", never "certain" (0.41% of random
    16-digit strings pass with regency ranges, measured; the detector therefore asks for context).
    """
    if len(digits) != 16 or not digits.isascii() or not digits.isdigit():
        return False
    region = regions.get(digits[:2])
    if region is None or not region.has_regency(int(digits[2:4])):
        return False
    if digits[4:6] == "00" or digits[12:] == "0000":
        return False
    dd = int(digits[6:8])
    if dd > 40:
        dd -= 40
    return _valid_birth_date(dd, int(digits[8:10]), int(digits[10:12]))


def npwp15_ok(digits: str) -> bool:
    """Old 15-digit NPWP: Luhn over the first 9 digits (type 2 + serial 6 + check digit 1).

    This is the algorithm python-stdnum (``stdnum.id.npwp``) and Perl ``Business::ID::NPWP``
    implement; no official DJP specification was found, so it is "as implemented by those
    libraries and consistent with their published example numbers", not a verified standard.
    """
    return len(digits) == 15 and digits.isdigit() and luhn_ok(digits[:9])


def npwp16_entity_ok(digits: str) -> bool:
    """New 16-digit NPWP of entities/non-residents: ``0`` + the old 15-digit number."""
    return len(digits) == 16 and digits[0] == "0" and npwp15_ok(digits[1:])


# Card brands by IIN: (prefix range low, high, number of prefix digits) -> allowed lengths.
_CARD_IIN: tuple[tuple[int, int, int, frozenset[int]], ...] = (
    (4, 4, 1, frozenset({13, 16, 19})),  # Visa
    (51, 55, 2, frozenset({16})),  # Mastercard
    (2221, 2720, 4, frozenset({16})),  # Mastercard 2-series
    (34, 34, 2, frozenset({15})),  # American Express
    (37, 37, 2, frozenset({15})),
    (3528, 3589, 4, frozenset({16, 17, 18, 19})),  # JCB
    (6011, 6011, 4, frozenset({16, 19})),  # Discover
    (65, 65, 2, frozenset({16, 19})),
    (62, 62, 2, frozenset({16, 17, 18, 19})),  # UnionPay
    (36, 36, 2, frozenset({14, 16})),  # Diners
    (300, 305, 3, frozenset({14, 16})),
)


def card_ok(digits: str) -> bool:
    """Payment card: a known brand prefix (IIN) with a length that brand issues, and Luhn."""
    n = len(digits)
    if not 13 <= n <= 19 or not digits.isdigit():
        return False
    prefix = (0, int(digits[0]), int(digits[:2]), int(digits[:3]), int(digits[:4]))  # by k
    for lo, hi, k, lengths in _CARD_IIN:
        if n in lengths and lo <= prefix[k] <= hi:
            return luhn_ok(digits)
    return False


def debit_ok(digits: str) -> bool:
    """Indonesian bank debit/ATM cards on domestic prefixes (BNI 6010, BRI 6013, BCA 6019,
    Mandiri 6032, GPN 9360 ...): 15-19 digits and Luhn. Only meaningful next to a card word,
    since 60/93 prefixes are not reserved for cards the way Visa's 4 is."""
    return (
        15 <= len(digits) <= 19
        and digits.isdigit()
        and digits.startswith(("60", "9360"))
        and luhn_ok(digits)
    )


def mobile_ok(nsn: str, prefixes: Set[str]) -> bool:
    """Mobile national significant number (no 0/62): 8xx prefix in use, 9-12 digits in all."""
    return 9 <= len(nsn) <= 12 and nsn[:3] in prefixes


def landline_ok(nsn: str, two_digit_areas: Set[str]) -> bool:
    """Fixed-line NSN: 2-digit big-city area + 7-8 digits, or a 3-digit area (2-7, 9) + 5-8."""
    n = len(nsn)
    if not nsn.isdigit() or nsn[0] in "018":
        return False
    if nsn[:2] in two_digit_areas:
        return 9 <= n <= 10
    return 8 <= n <= 11


def public_ip(candidate: str) -> bool:
    """True for a syntactically valid, globally routable address (not private, loopback,
    link-local, multicast, reserved or documentation: those are not personal data)."""
    try:
        ip = ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return ip.is_global and not ip.is_multicast
