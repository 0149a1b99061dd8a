"""Long-number identifiers (NPWP, NIK, card, bank account): an ordered tuple of per-type finders.

Each finder takes one candidate (:class:`Number`: a digit string with its layout, found by the
detector's digit-run scan) and returns a :class:`~saring.pii.detect.Span` or ``None``. A finder
owns its structural validator (check digit, region code, brand prefix and length, layout) and its
own false-positive guards (amounts, code labels, glued letters). The order is the precedence:
labelled readings (a context word names the type) come before bare readings (structure alone),
and the first finder that accepts a candidate decides its type. Structure is tested before any
context is built, so a candidate that no structure accepts costs no context lookup (the scan calls
finders on every split of adversarial digit runs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import regex

from saring.pii.span import Span
from saring.pii.validate import (
    _CARD_IIN,
    card_ok,
    debit_ok,
    luhn_ok,
    nik_ok,
    npwp15_ok,
    npwp16_entity_ok,
)

if TYPE_CHECKING:  # the detector imports this module
    from saring.pii.detect import Detector

# first digits of every card brand prefix (IIN): ``card_ok`` is False for any other start
CARD_FIRST_DIGITS = "".join(
    sorted(
        {
            str(d)
            for lo, hi, _k, _n in _CARD_IIN
            for d in range(int(str(lo)[0]), int(str(hi)[0]) + 1)
        }
    )
)

_NPWP_FORMATTED = regex.compile(
    r"^[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9](?:[.\-]| ?[\-\u2013] ?)[0-9]{3}\.[0-9]{3}$"
)
# The NPWP grouping 2.3.3.1-3.3 with any one separator kind (court texts strip punctuation).
_NPWP_SPACED = regex.compile(r"^[0-9]{2}([ .])[0-9]{3}\1[0-9]{3}\1[0-9][ .\-][0-9]{3}\1[0-9]{3}$")
# The 16-digit NPWP of entities (``0`` + the old 15 digits, PMK 112/PMK.03/2022) printed in the
# 4-4-4-4 groups of other 16-digit numbers, one separator kind. No card brand and no province
# code starts with 0, so this reading meets neither the card nor the NIK one.
_NPWP16_GROUPS = regex.compile(r"^0[0-9]{3}([ \-])[0-9]{4}\1[0-9]{4}\1[0-9]{4}$")
# The layouts a NIK is printed in: 16 digits, 2.2.2.6.4, 6 6 4 or 4 4 4 4 (one separator kind;
# 4.4.4.4 with dots is a document-number style, ``5301.2024.0612.0001``).
_NIK_LAYOUT = regex.compile(
    r"^[0-9]{16}$|^[0-9]{2}([ .\-])[0-9]{2}\1[0-9]{2}\1[0-9]{6}\1[0-9]{4}$"
    r"|^[0-9]{6}([ .\-])[0-9]{6}\2[0-9]{4}$|^[0-9]{4}([ \-])[0-9]{4}\3[0-9]{4}\3[0-9]{4}$"
)
# 4-4-4-x, and the 19-digit cards' printed 4-4-4-4-3 (session 16: UnionPay/Visa 19 were missed)
_FOUR_GROUPS = regex.compile(
    r"^[0-9]{4}([ \-]?)[0-9]{4}\1[0-9]{4}\1(?:[0-9]{1,7}|[0-9]{4}\1[0-9]{3})$"
)
_AMEX_GROUPS = regex.compile(r"^[0-9]{4}([ \-]?)[0-9]{6}\1[0-9]{4,5}$")
_YEAR_RANGE = regex.compile(r"^(?:19|20)[0-9]{2}(?: ?[\-\u2013] ?| )(?:19|20)[0-9]{2}$")
_DOT_GROUPS = regex.compile(r"[0-9]+")
# "2 661 000": an amount with spaces for thousand separators (punctuation-stripped court texts)
_SPACED_AMOUNT = regex.compile(
    r"(?:^| )[0-9]{1,3} [0-9]{3} 000(?= |$)|^[0-9]{1,4}(?: [0-9]{3}){2,}$"
)
# "30 11 2010": a date written with spaces (court texts with punctuation stripped)
_SPACED_DATE = regex.compile(r"(?:^| )[0-3]?[0-9] [01]?[0-9] (?:19|20)[0-9]{2}(?= |$)")
GROUPED_AMOUNT = regex.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$|^[0-9]{1,3}(?:,[0-9]{3})+$")

# A code word ("kode transaksi", "ID pelanggan") vetoes a bare reading within this many chars.
NOT_ID_WINDOW = 24
# Bank context must sit in the last few words before the number ("no. rek BCA: ").
_BANK_WINDOW = 32


class Number:
    """One long-number candidate ``text[s:e]`` (``raw``) and the facts several finders share,
    each computed at most once: NIK validity excludes card readings, and the context before the
    number is only built when a finder's structure test has passed."""

    __slots__ = (
        "det",
        "text",
        "s",
        "e",
        "raw",
        "digits",
        "n",
        "nik_valid",
        "_nik_shape",
        "_nik_ctx",
        "_card_valid",
        "bank",
    )

    def __init__(self, det: Detector, text: str, s: int, e: int, raw: str, digits: str) -> None:
        self.det, self.text, self.s, self.e, self.raw, self.digits = det, text, s, e, raw, digits
        self.n = n = len(digits)
        self._nik_shape = shape = (
            n == 16 and "nik" in det.types and _NIK_LAYOUT.match(raw) is not None
        )
        self.nik_valid = shape and nik_ok(digits, det.res.regions)
        self._nik_ctx: bool | None = None
        self._card_valid: bool | None = None
        self.bank: int | None = None

    @property
    def before(self) -> str:
        """Lower-cased context before the number (memoised by the detector per start)."""
        return self.det.before(self.text, self.s)

    @property
    def nik_ctx(self) -> bool:
        """NIK-shaped and a NIK label word before it (whether or not the structure is valid)."""
        if self._nik_ctx is None:
            self._nik_ctx = self._nik_shape and self.det.has_ctx("nik", self.before)
        return self._nik_ctx

    @property
    def card_valid(self) -> bool:
        """Known brand prefix, brand length and Luhn check digit."""
        if self._card_valid is None:
            d = self.digits
            self._card_valid = (
                "card" in self.det.types
                and 13 <= self.n <= 19
                and d[0] in CARD_FIRST_DIGITS
                and card_ok(d)
            )
        return self._card_valid

    def is_amount(self) -> bool:
        """Money or a measured quantity around the number."""
        return self.det.is_amount(self.text, self.s, self.e, self.before)

    def span(self, pii_type: str, confidence: float, rule: str) -> Span:
        return Span(pii_type, self.s, self.e, confidence, rule)


Finder = Callable[["Detector", Number], Span | None]


# ------------------------------------------------------------------ labelled readings
def npwp_formatted(det: Detector, c: Number) -> Span | None:
    """The printed NPWP form 2.3.3.1-3.3 with a valid check digit needs no label."""
    if c.n == 15 and _NPWP_FORMATTED.match(c.raw) and npwp15_ok(c.digits):
        return c.span("npwp", 0.99, "npwp_formatted")
    return None


def npwp_labelled(det: Detector, c: Number) -> Span | None:
    """An NPWP label word before 15 digits with the check digit, or 16 digits that are an
    entity NPWP (``0`` + NPWP-15) or a NIK (individuals' NPWP-16 is their NIK)."""
    n, d = c.n, c.digits
    if not det.has_ctx("npwp", c.before):  # a label is rare: test it before the structure
        return None
    if (n == 15 and npwp15_ok(d)) or (
        n == 16 and (npwp16_entity_ok(d) or nik_ok(d, det.res.regions))
    ):
        return c.span("npwp", 0.95, f"npwp{n}_context")
    return None


def nik_labelled(det: Detector, c: Number) -> Span | None:
    """A NIK/KK layout with a valid region and birth date, after a NIK/KTP/KK label word."""
    if c.nik_valid and c.nik_ctx:
        return c.span("nik", 0.95, "nik_context")
    return None


def debit_labelled(det: Detector, c: Number) -> Span | None:
    """A domestic debit card (GPN 60xx/9360): its prefixes are common in codes, so it needs a
    card word, and is never read over a NIK label."""
    if (
        15 <= c.n <= 19
        and debit_ok(c.digits)
        and not c.nik_ctx
        and det.has_ctx("card", c.before)
        and not c.is_amount()
    ):
        return c.span("card", 0.9, "debit_card_context")
    return None


def card_luhn(det: Detector, c: Number) -> Span | None:
    """A Luhn-valid card of a known brand: with a card word in any card layout; without one
    only in the printed 4-4-4-4 / 4-6-5 grouping with a real separator, never when the number
    is NIK-shaped (Mastercard 51-53, JCB 35xx and UnionPay 62 overlap province codes) and never
    under a code word that labels it (``token 1234 4556 ...``)."""
    if not c.card_valid:
        return None
    raw = c.raw
    grp = _FOUR_GROUPS.match(raw) or _AMEX_GROUPS.match(raw)
    if det.has_ctx("card", c.before) and (grp or raw.isdigit()):
        conf = 0.97
    elif (
        grp and grp.group(1) and not c.nik_valid and not c.nik_ctx and not det.code_label(c.before)
    ):
        conf = 0.9
    else:
        return None
    return None if c.is_amount() else c.span("card", conf, "card_luhn")


def _bank_context(det: Detector, c: Number) -> int:
    """0: no bank reading; 1: a bank word in the last words before the number but not labelling
    it (``CV Teknik Mandiri, 0027...``); 2: a bank word that labels it (``rek BCA: 0123...``).
    Memoised on the candidate: two finders ask."""
    if c.bank is not None:
        return c.bank
    c.bank = 0
    if not 8 <= c.n <= 16:
        return 0
    text, s = c.text, c.s
    # the bank word must follow the last digit before the number; inside a digit run that is
    # only a space, so the layout and word tests are skipped there
    if s >= 2 and text[s - 1] == " " and "0" <= text[s - 2] <= "9":
        seg = " "  # what the window gives inside a digit run, without building it
    elif det.bank_words_alpha and _no_letter_since_digit(text, s):
        return 0  # "... 5432 +62 813": no word can sit between that digit and the number
    else:
        seg = _after_last_digit(c.before[-_BANK_WINDOW:])
    if (
        (not det.bank_words_alpha or any(ch.isalpha() for ch in seg))
        and _account_layout(c.raw)
        and det.ctx_bank.search(seg)
        and not det.not_bank.search(seg)
        and not c.is_amount()
        and c.digits.count(c.digits[0]) != c.n
    ):
        c.bank = 2 if det.bank_label(seg) else 1
    return c.bank


def bank_labelled(det: Detector, c: Number) -> Span | None:
    """8-16 digits in an account layout right after a bank word that labels them (rek, a/n,
    a bank's name), not one digit repeated (``VA 0000000000000000``: a placeholder)."""
    if _bank_context(det, c) == 2:
        return c.span("bank_account", 0.85, "bank_context")
    return None


def bank_nearby(det: Detector, c: Number) -> Span | None:
    """A bank word in the last words before the number that does not label it: an account
    only when no NIK or NPWP structure claimed the number first (a bank's name inside a
    company name, ``CV Surya Teknik Mandiri, <NPWP>``)."""
    if _bank_context(det, c) == 1:
        return c.span("bank_account", 0.85, "bank_context")
    return None


# ---------------------------------------------------------------------- bare readings
def _bare_vetoed(det: Detector, c: Number) -> bool:
    """Guards shared by the structure-only readings: a glued letter, slash or ``@``; a code
    word that labels this number (``ID pelanggan 5123...``; not one that labels another value
    on the line, see :meth:`Detector.code_label`); money or a unit; or any type's label word (a
    ``Visa`` or ``Kontak`` before a number that failed that type's own structure means it is
    not another type). A bank word vetoes only when it labels this number (session 18:
    ``atas nama <name>, <NIK>`` vetoed every NIK after an applicant's name)."""
    text, s, e = c.text, c.s, c.e
    if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "/#_")) or (
        e < len(text) and (text[e].isalnum() or text[e] in "/_@")
    ):
        return True
    before = c.before
    if det.code_label(before) or c.is_amount():
        return True
    return any(det.has_ctx(k, before) for k in det.ctx_kinds) or det.bank_label(before)


def nik_bare(det: Detector, c: Number) -> Span | None:
    """NIK layout with a known province/regency and a valid birth date, no label needed."""
    if c.nik_valid and not _bare_vetoed(det, c):
        return c.span("nik", 0.8, "nik_structure")
    return None


def npwp_bare(det: Detector, c: Number) -> Span | None:
    """15 digits (or 16 with the entity ``0``), contiguous, in the NPWP grouping or (16) in
    4-4-4-4 groups, with the check digit, a taxpayer-type prefix and a branch code under 100;
    never one digit repeated (``0000000000000000``: a placeholder, and its check digit holds)."""
    n, d, raw = c.n, c.digits, c.raw
    # the branch code's first digit (``_npwp15_bare_ok``) first: one compare rejects 9 in 10 of
    # the windows of adversarial digit runs before any layout match or check digit
    if d[-3] != "0" or not (n == 15 or (n == 16 and d[0] == "0")) or d.count(d[0]) == n:
        return None
    spaced = not raw.isdigit()
    if spaced and _NPWP_SPACED.match(raw) is None:
        if n == 15 or _NPWP16_GROUPS.match(raw) is None:
            return None
        spaced = False  # the leading 0 in exact 4-4-4-4: not a run of spaced amounts
    if _npwp15_bare_ok(d[-15:], spaced=spaced) and not _bare_vetoed(det, c):
        return c.span("npwp", 0.8, "npwp_structure")
    return None


def card_bare(det: Detector, c: Number) -> Span | None:
    """Brand prefix, length and Luhn, contiguous or 4-4-4-4 / 4-6-5, never NIK-valid."""
    if c.nik_valid or not c.card_valid:
        return None
    raw = c.raw
    if not (raw.isdigit() or _FOUR_GROUPS.match(raw) or _AMEX_GROUPS.match(raw)):
        return None
    return None if _bare_vetoed(det, c) else c.span("card", 0.8, "card_structure")


class FinderSpec(NamedTuple):
    """A finder with the PII type it emits, the digit counts its structure admits, and whether
    it can only accept a candidate with a label word before it."""

    type: str
    min_digits: int
    max_digits: int
    needs_label: bool
    find: Finder


# Precedence: the first finder that accepts a candidate types it. A candidate only meets the
# finders whose digit range admits it, and one with no possible label (a window inside a digit
# run) only the finders that need none.
NUMBER_FINDERS: tuple[FinderSpec, ...] = (
    FinderSpec("npwp", 15, 15, False, npwp_formatted),
    FinderSpec("npwp", 15, 16, True, npwp_labelled),
    FinderSpec("nik", 16, 16, True, nik_labelled),
    FinderSpec("card", 15, 19, True, debit_labelled),
    FinderSpec("card", 13, 19, False, card_luhn),
    FinderSpec("bank_account", 8, 16, True, bank_labelled),
    FinderSpec("nik", 16, 16, False, nik_bare),
    FinderSpec("npwp", 15, 16, False, npwp_bare),
    FinderSpec("bank_account", 8, 16, True, bank_nearby),
    FinderSpec("card", 13, 19, False, card_bare),
)
MIN_DIGITS, MAX_DIGITS = 8, 19


def suspect(c: Number) -> Span | None:
    """A NIK no finder accepted: valid without a label (vetoed bare reading), or labelled with
    an invalid structure. Reported as a suspect (offsets only), never redacted."""
    if c.nik_valid:
        return c.span("nik", 0.5, "nik_no_context")
    if c.nik_ctx:
        return c.span("nik", 0.3, "nik_invalid_structure")
    return None


def _npwp15_bare_ok(digits: str, spaced: bool) -> bool:
    """A 15-digit NPWP printed without its dots: check digit and a branch code under 100
    (000 = head office), so ~1% of random 15-digit strings pass instead of the 10% the check
    digit alone lets through. The taxpayer-type prefix is free for a contiguous number
    (labelled NPWPs in the corpora start with 03-09, 14, 21, 31, 49 and 70; online registrations
    with 7x-9x); in the space-separated grouping, which punctuation-stripped court texts also
    produce from runs of amounts (``14 000 000 21 500 000 ...``), it must be 0x or 31."""
    return (
        npwp15_ok(digits)
        and digits[12] == "0"
        and (not spaced or digits[0] == "0" or digits[:2] == "31")
        and not _imei_shaped(digits)
    )


def _imei_shaped(digits: str) -> bool:
    """15 digits with a Luhn check over all of them and the type allocation code of the two
    main reporting bodies (35, 86): a phone's IMEI, common in seized-evidence lists of court
    texts (an NPWP's check digit covers only its first 9 digits)."""
    return len(digits) == 15 and digits[:2] in ("35", "86") and luhn_ok(digits)


def _no_letter_since_digit(text: str, s: int) -> bool:
    """Between the last digit before ``s`` (within the bank window, on the same line) and
    ``s`` there is no letter: the window's text after its last digit has no letter either, so
    no bank word, without building the window."""
    j = s
    lo = max(0, s - _BANK_WINDOW)
    while j > lo:
        ch = text[j - 1]
        if "0" <= ch <= "9":
            return True
        if ch.isalpha() or ch == "\n":
            return False
        j -= 1
    return False


def _after_last_digit(s: str) -> str:
    """``_DIGIT.split(s)[-1]`` without building the list: the text after the last ASCII digit."""
    j = len(s)
    while j and s[j - 1] not in "0123456789":
        j -= 1
    return s[j:]


def _account_layout(raw: str) -> bool:
    """Bank accounts (8-16 digits) are written as bare digits or with dashes/spaces; dotted numbers only
    with groups of 3+ digits (``5.1.02.04.01`` is a budget code, ``1.250.000.000`` money).

    Each pattern is gated by a substring test it cannot match without (this runs on every
    split of long digit runs): year ranges are at most 11 characters, grouped amounts need a
    dot or comma, spaced dates and amounts need a space."""
    if len(raw) <= 11 and _YEAR_RANGE.match(raw):
        return False
    if ("." in raw or "," in raw) and GROUPED_AMOUNT.match(raw):
        return False
    if " " in raw and (_SPACED_DATE.search(raw) or _SPACED_AMOUNT.search(raw)):
        return False
    if "." in raw:
        return all(len(g) >= 3 for g in _DOT_GROUPS.findall(raw))
    return True
