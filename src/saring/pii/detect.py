"""Finding Indonesian PII spans in text: cheap gates first, then typed patterns, then validators.

Cost model: most documents contain no long digit run and no ``@``; for them ``find`` is three
C-level scans (``@`` test, one digit-run regex, one rare-character regex). Typed patterns only
run inside the digit runs the gate found, and validators only on their matches.

Numeric identifiers collide (NIK vs KK vs NPWP-16 vs card vs virtual account); all of them are
personal data, so the type label decides the placeholder and the statistics, not whether a span
is redacted. Context words (data file ``context.json``) are searched in the same line just
before a candidate.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from saring.pii.resources import PIIResources, load_resources
from saring.pii.validate import (
    _CARD_IIN,
    card_ok,
    debit_ok,
    landline_ok,
    mobile_ok,
    nik_ok,
    npwp15_ok,
    npwp16_entity_ok,
    public_ip,
)

TYPES: tuple[str, ...] = ("email", "ip", "npwp", "nik", "card", "phone", "bank_account")
# first digits of every card brand prefix (IIN): ``card_ok`` is False for any other start
_CARD_FIRST_DIGITS = "".join(sorted({str(d) for lo, hi, _k, _n in _CARD_IIN
                                     for d in range(int(str(lo)[0]), int(str(hi)[0]) + 1)}))
# Lower index wins when two candidate spans overlap.
PRIORITY: dict[str, int] = {t: i for i, t in enumerate(TYPES)}

# --- gates (one scan each over the whole text) ----------------------------------------------
# A run of >= 7 chars of digits and number separators, starting and ending with a digit.
# Each start position scans forward at most to the end of the run, and finditer resumes after
# a match, so the scan is linear.
_GATE_NUM = regex.compile(r"[0-9][0-9.\-() \u2013]{5,}[0-9]")
_GATE_OBFUSCATED_AT = regex.compile(r"[\[(] ?(?:at|AT|At) ?[\])]")
# Every IPv6 address has "::" or 7 colons, hence ":h:h:"; a pattern starting with a literal
# is scanned fast (a leading hex class would stop at every a-f letter of the text).
_GATE_IPV6 = regex.compile(r":[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")

# --- typed patterns (bounded repeats, one separator char between digit groups) -------------
_EMAIL = regex.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}"
    r"(?:@| ?[\[(] ?at ?[\])] ?)"
    r"[A-Za-z0-9][A-Za-z0-9\-]{0,62}"
    r"(?:(?:\.| ?[\[(] ?dot ?[\])] ?)[A-Za-z0-9\-]{1,63}){1,8}",
    regex.IGNORECASE,
)
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_EMAIL_DOMAIN = regex.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){1,8}")
_CAMEL = regex.compile(r"[a-z](?=[A-Z])")
_EMAIL_LABEL_SPLIT = regex.compile(r"\.| ?[\[(] ?dot ?[\])] ?", flags=regex.IGNORECASE)
_CLOUDFLARE_EMAIL = "[email\u00a0protected]"
_CLOUDFLARE_EMAIL_ASCII = "[email protected]"

_IPV4 = regex.compile(r"(?<![0-9A-Za-z.\-])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9]|[.\-/][0-9])")
_IPV6 = regex.compile(r"(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{1,4}:|::)[0-9A-Fa-f:.]{2,43}")

_MOBILE = regex.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9][ .\-])(?:\+ ?62|0062|62|0)[ .\-\u2013]?(?:\(0\) ?)?\(?8[1-9][0-9]\)?"
    r"(?:[ .\-\u2013]?[0-9]{2,5}|-[0-9]){1,4}(?![0-9]|[.\-][0-9])"
)
_LANDLINE = regex.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9][ .\-])(?:\+ ?62 ?|0062 ?|\(0|0)[2-79][0-9]{1,2}\)? ?[.\-\u2013]?"
    r"[0-9]{2,4}(?:[ .\-\u2013]?[0-9]{2,5}){0,2}(?![0-9]|[.\-][0-9])"
)
# A long number: a digit, then 7..22 more digits each optionally preceded by one separator.
_LONGNUM = regex.compile(
    r"(?<![0-9A-Za-z.,/_\-])[0-9](?:[.\-]?[0-9]| [\-\u2013]? ?[0-9]){7,22}(?![0-9]|[.,/\-][0-9])"
)
_NPWP_FORMATTED = regex.compile(
    r"^[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9](?:[.\-]| ?[\-\u2013] ?)[0-9]{3}\.[0-9]{3}$"
)
# The NPWP grouping 2.3.3.1-3.3 with any one separator kind (court texts strip punctuation).
_NPWP_SPACED = regex.compile(r"^[0-9]{2}([ .])[0-9]{3}\1[0-9]{3}\1[0-9][ .\-][0-9]{3}\1[0-9]{3}$")
_YEAR_RANGE = regex.compile(r"^(?:19|20)[0-9]{2}(?: ?[\-\u2013] ?| )(?:19|20)[0-9]{2}$")
_DOT_GROUPS = regex.compile(r"[0-9]+")
_TRAILING_ITEM = regex.compile(r" [0-9]{1,2}$")
_NUMBER_WORD = regex.compile(
    r" (?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|seribu)\b"
)
_LAST_GROUP = regex.compile(r"[ .\-\u2013][0-9]{1,5}$")
# The layouts a NIK is printed in: 16 digits, 2.2.2.6.4, 6 6 4 or 4 4 4 4 (one separator kind).
_NIK_LAYOUT = regex.compile(
    r"^[0-9]{16}$|^[0-9]{2}([ .\-])[0-9]{2}\1[0-9]{2}\1[0-9]{6}\1[0-9]{4}$"
    r"|^[0-9]{6}([ .\-])[0-9]{6}\2[0-9]{4}$|^[0-9]{4}([ .\-])[0-9]{4}\3[0-9]{4}\3[0-9]{4}$"
)
# "30 11 2010": a date written with spaces (court texts with punctuation stripped)
# "2 661 000": an amount with spaces for thousand separators (punctuation-stripped court texts)
_SPACED_AMOUNT = regex.compile(
    r"(?:^| )[0-9]{1,3} [0-9]{3} 000(?= |$)|^[0-9]{1,4}(?: [0-9]{3}){2,}$"
)
_SPACED_DATE = regex.compile(r"(?:^| )[0-3]?[0-9] [01]?[0-9] (?:19|20)[0-9]{2}(?= |$)")
_GROUPED_AMOUNT = regex.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$|^[0-9]{1,3}(?:,[0-9]{3})+$")
_NON_DIGIT = regex.compile(r"[^0-9]")
_FOUR_GROUPS = regex.compile(r"^[0-9]{4}([ \-]?)[0-9]{4}\1[0-9]{4}\1[0-9]{1,7}$")
_AMEX_GROUPS = regex.compile(r"^[0-9]{4}([ \-]?)[0-9]{6}\1[0-9]{4,5}$")

# "kode booking 0856..." must be close to the number to veto a mobile number.
_NOT_PHONE_WINDOW = 24
_MAX_GROUPS = 6
_MIN_SPLIT_DIGITS = 10
_DIGIT = regex.compile(r"[0-9]")
# Bank context must sit in the last few words before the number ("no. rek BCA: ").
_BANK_WINDOW = 32

_PLACEHOLDERS: dict[str, str] = {
    "email": "<EMAIL>",
    "ip": "<IP>",
    "npwp": "<NPWP>",
    "nik": "<NIK>",
    "card": "<CARD>",
    "phone": "<PHONE>",
    "bank_account": "<BANK_ACCT>",
}


def placeholder(pii_type: str) -> str:
    """The typed tag that replaces a span in ``tag`` mode."""
    return _PLACEHOLDERS[pii_type]


@dataclass(frozen=True, slots=True)
class Span:
    """A detected PII span in the text given to :meth:`Detector.find`."""

    type: str
    start: int
    end: int
    confidence: float
    rule: str


def _words_regex(words: Iterable[str], *, at_end: bool) -> regex.Pattern[str]:
    """Alternation of context phrases on word boundaries; ``at_end`` anchors to the end of the
    searched window (with only punctuation/space allowed after the phrase)."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = regex.escape(w.lower()).replace(r"\ ", r"\s+")
        left = r"(?<![\w])" if w[0].isalnum() else ""
        right = r"(?![\w])" if w[-1].isalnum() else ""
        parts.append(left + esc + right)
    alt = "|".join(parts)
    if at_end:
        return regex.compile(rf"(?:{alt})[^\w\n]{{0,6}}$")
    return regex.compile(rf"(?:{alt})")


class Detector:
    """Finds PII spans; construct once (compiles context regexes), call :meth:`find` per text."""

    def __init__(
        self,
        resources: PIIResources | None = None,
        *,
        types: Sequence[str] = TYPES,
        context_window: int = 48,
    ) -> None:
        unknown = set(types) - set(TYPES)
        if unknown:
            raise ValueError(f"unknown PII types {sorted(unknown)}; known: {', '.join(TYPES)}")
        self.res = resources or load_resources()
        self.types = frozenset(types)
        self.window = context_window
        self._memo: dict[int, str] = {}
        ctx = self.res.context
        self._ctx = {
            k: _words_regex(ctx[k], at_end=False) for k in ("nik", "npwp", "phone", "card")
        }
        # kinds whose every context word has a cased letter: a window without one cannot match
        self._ctx_cased = {
            k: all(any(c.lower() != c.upper() for c in w) for w in ctx[k]) for k in self._ctx
        }
        self._ctx_bank = _words_regex(ctx["bank_account"], at_end=False)
        # every bank context word has a letter: a window without letters cannot match
        self._bank_words_alpha = all(any(c.isalpha() for c in w) for w in ctx["bank_account"])
        self._not_phone = _words_regex(ctx["not_phone"], at_end=False)
        self._not_phone_cased = all(any(c.lower() != c.upper() for c in w) for w in ctx["not_phone"])
        self._not_ip = _words_regex(ctx["not_ip"], at_end=True)
        self._not_bank = _words_regex(ctx["not_bank"], at_end=False)
        self._not_id = _words_regex(ctx.get("not_id", ("kode",)), at_end=False)
        self._money_before = _words_regex(ctx["money_before"], at_end=True)
        self._unit_after = regex.compile(
            r"\s{0,2}(?:"
            + "|".join(
                regex.escape(w) + (r"(?![\w])" if w[-1].isalnum() else "")
                for w in sorted(ctx["unit_after"], key=len, reverse=True)
            )
            + ")",
            regex.IGNORECASE,
        )
        self._numeric = bool(self.types & {"ip", "npwp", "nik", "card", "phone", "bank_account"})

    # ------------------------------------------------------------------ public
    def find(self, text: str) -> tuple[list[Span], list[Span]]:
        """Return (spans to redact, suspects) as non-overlapping, sorted spans.

        Suspects are structurally valid NIKs without a context word: reported, not redacted.
        """
        self._memo = {}  # context strings by start offset, for this text only
        try:
            return self._find(text)
        finally:
            self._memo = {}

    def _find(self, text: str) -> tuple[list[Span], list[Span]]:
        cands: list[Span] = []
        suspects: list[Span] = []
        types = self.types
        if "email" in types:
            self._emails(text, cands)
        if "ip" in types and ("::" in text or _GATE_IPV6.search(text)):
            self._ipv6(text, cands)
        if self._numeric:
            for m in _GATE_NUM.finditer(text):
                a, b = m.span()
                while a > 0 and a > m.start() - 3 and text[a - 1] in "+(":
                    a -= 1
                # two extra chars let look-aheads see what follows the run ("/2020", "%").
                self._numbers(text, a, min(len(text), b + 2), cands, suspects)
        cands = _bank_or_phone(cands)
        kept = _resolve(cands)
        if suspects:
            suspects = _resolve(suspects, blocked=kept)
        return kept, suspects

    # --------------------------------------------------------------- context
    def _before(self, text: str, start: int) -> str:
        """Lower-cased text before ``start`` on the same line (or the previous line when the
        number starts a line), at most ``window`` chars. Memoised per start within one
        :meth:`find` (digit runs are split many ways, with shared starts)."""
        memo = self._memo
        got = memo.get(start)
        if got is None:
            got = memo[start] = self._context_before(text, start)
        return got

    def _context_before(self, text: str, start: int) -> str:
        lo = max(0, start - self.window)
        seg = text[lo:start]
        nl = seg.rfind("\n")
        if nl >= 0:
            if seg[nl + 1 :].strip():
                seg = seg[nl + 1 :]  # context must be on the number's own line ...
            else:  # ... unless the number opens a line (hard-wrapped court texts)
                seg = seg[seg.rfind("\n", 0, nl) + 1 : nl] + " "
        elif lo > 0 and text[lo - 1].isalnum():
            # the window cut a word ("me|rek"): drop the fragment so it cannot match "rek"
            i = 0
            while i < len(seg) and seg[i].isalnum():
                i += 1
            seg = seg[i:]
        return seg.lower()

    def _has_ctx(self, kind: str, before: str) -> bool:
        """A context word of ``kind`` in ``before`` (lower-cased by :meth:`_before`)."""
        if self._ctx_cased[kind] and before.upper() == before:
            return False  # no cased letter at all (digit runs): the regex cannot match
        return self._ctx[kind].search(before) is not None

    def _vetoed_phone(self, window: str) -> bool:
        """A not-a-phone word ("kode booking") in the window (lower-cased, see _has_ctx)."""
        if self._not_phone_cased and window.upper() == window:
            return False
        return self._not_phone.search(window) is not None

    def _is_amount(self, text: str, start: int, end: int, before: str) -> bool:
        """Money or a measured quantity: ``Rp`` before or a unit/percent right after."""
        if self._money_before.search(before):
            return True
        return self._unit_after.match(text, end, min(len(text), end + 16)) is not None

    # ----------------------------------------------------------------- e-mail
    def _emails(self, text: str, out: list[Span]) -> None:
        """Plain addresses are grown outwards from each ``@`` (cheap); the full pattern with
        the ``[at]``/``(at)`` spellings only runs when such a spelling occurs."""
        matches: list[tuple[int, str]] = []
        i = text.find("@")
        while i >= 0:
            j = i
            while j > 0 and i - j < 64 and text[j - 1] in _LOCAL_CHARS:
                j -= 1
            while j < i and not text[j].isalnum():
                j += 1
            dom = _EMAIL_DOMAIN.match(text, i + 1) if j < i else None
            if dom is not None:
                matches.append((j, text[j : dom.end()]))
            i = text.find("@", i + 1)
        if _GATE_OBFUSCATED_AT.search(text):
            matches.extend(
                (m.start(), m.group()) for m in _EMAIL.finditer(text) if "@" not in m.group()
            )
        for start, s in matches:
            last = _EMAIL_LABEL_SPLIT.split(s)[-1]
            # scraped pages glue the next word on: "nama@yahoo.co.idWebsite" -> cut at "W",
            # "nama@kln.gov.my.Pada" -> drop the capitalised sentence start after the dot
            cut = _CAMEL.search(last)
            if cut:
                drop = len(last) - cut.start() - 1
                s, last = s[:-drop], last[: cut.start() + 1]
            elif last[:1].isupper() and last[1:].islower() and s.count(".") >= 2 and "@" in s:
                s = s[: -len(last) - 1]
                last = s.rsplit(".", 1)[-1]
            if len(last) < 2 or not last.isalpha():
                continue
            if _technical_address(text, start + len(s), s, last):
                continue
            obf = "@" not in s
            out.append(Span("email", start, start + len(s), 0.9 if obf else 0.99, "email"))
        for marker in (_CLOUDFLARE_EMAIL, _CLOUDFLARE_EMAIL_ASCII):
            i = text.find(marker)
            while i >= 0:
                out.append(Span("email", i, i + len(marker), 0.9, "cloudflare_email"))
                i = text.find(marker, i + 1)

    # -------------------------------------------------------------------- IPs
    def _ipv6(self, text: str, out: list[Span]) -> None:
        for m in _IPV6.finditer(text):
            s = m.group().rstrip(":.")
            if s.count(":") >= 2 and public_ip(s):
                out.append(Span("ip", m.start(), m.start() + len(s), 0.95, "ipv6"))

    def _ipv4(self, text: str, a: int, b: int, out: list[Span]) -> None:
        for m in _IPV4.finditer(text, a, b):
            s, e = m.span()
            if not public_ip(m.group()):
                continue
            before = self._before(text, s)
            if self._not_ip.search(before) or self._is_amount(text, s, e, before):
                continue
            out.append(Span("ip", s, e, 0.95, "ipv4"))

    # ---------------------------------------------------------------- numbers
    def _numbers(self, text: str, a: int, b: int, out: list[Span], suspects: list[Span]) -> None:
        types = self.types
        if "ip" in types:
            self._ipv4(text, a, b, out)
        if "phone" in types:
            self._phones(text, a, b, out)
        if types & {"npwp", "nik", "card", "bank_account"}:
            for m in _LONGNUM.finditer(text, a, b):
                s, e = m.span()
                # court texts number their lists "... 1920172314 1 satu buah": the trailing
                # item number is not part of the identifier.
                tail = _TRAILING_ITEM.search(text, s, e)
                if tail and _NUMBER_WORD.match(text, e):
                    e = tail.start()
                self._long_number(text, s, e, out, suspects)

    def _phones(self, text: str, a: int, b: int, out: list[Span]) -> None:
        prefixes = self.res.mobile_prefixes
        for m in _MOBILE.finditer(text, a, b):
            s, e = m.span()
            raw = m.group()
            nsn = _strip_country(_NON_DIGIT.sub("", raw), raw)
            # a greedy match may have swallowed a following list number ("0812... 12 dua"):
            # drop trailing separated groups until the number validates (at most two).
            for _ in range(2):
                if nsn is None or mobile_ok(nsn, prefixes):
                    break
                cut = _LAST_GROUP.search(raw)
                if cut is None:
                    break
                raw = raw[: cut.start()]
                e = s + len(raw)
                nsn = _strip_country(_NON_DIGIT.sub("", raw), raw)
            if nsn is None or not mobile_ok(nsn, prefixes):
                continue
            if ")" in raw and "(" not in raw and s > 0 and text[s - 1] == "(":
                s -= 1  # "(0812) 3456-7890": keep the pair together
            if _GROUPED_AMOUNT.match(raw.lstrip("+")):
                continue
            before = self._before(text, s)
            if self._is_amount(text, s, e, before):
                continue
            if self._has_ctx("phone", before):
                conf = 0.98
            elif self._vetoed_phone(before[-_NOT_PHONE_WINDOW:]):
                continue
            else:
                conf = 0.95
            out.append(Span("phone", s, e, conf, "mobile"))
        for m in _LANDLINE.finditer(text, a, b):
            s, e = m.span()
            raw = m.group()
            digits = _NON_DIGIT.sub("", raw)
            nsn = _strip_country(digits, raw)
            if nsn is None or not landline_ok(nsn, self.res.two_digit_areas):
                continue
            if _GROUPED_AMOUNT.match(raw) or "/" in raw:
                continue
            before = self._before(text, s)
            if self._is_amount(text, s, e, before):
                continue
            if raw.startswith("(") and ")" not in raw:
                s, raw = s + 1, raw[1:]  # "(021-2351 9999 dan ...)": the paren is the prose's
            strong = raw.startswith(("+", "(")) or raw.startswith("0062")
            if self._has_ctx("phone", before):
                out.append(Span("phone", s, e, 0.95, "landline_context"))
            elif strong:
                out.append(Span("phone", s, e, 0.9, "landline_format"))
            elif self._bare_landline(raw, before):
                out.append(Span("phone", s, e, 0.85, "landline_area_code"))

    def _bare_identifier(
        self, text: str, s: int, e: int, raw: str, digits: str, nik_valid: bool,
        card_valid: bool | None = None,
    ) -> Span | None:
        """A long number with no label word, typed by structure alone (issue 17): NIK layout
        with a valid region and birth date, NPWP with check digit, type prefix and branch,
        or a card with brand prefix, length and Luhn. Vetoed by a code word just before it
        (``kode``, ``resi``, ``ID pelanggan`` ...), by a glued letter/slash, and by money or
        unit context. Context words only raise confidence; here confidence is lower (0.8)."""
        if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "/#_")) or (
            e < len(text) and (text[e].isalnum() or text[e] in "/_@")
        ):
            return None
        n = len(digits)
        types = self.types
        nik = nik_valid and "nik" in types
        npwp = (
            "npwp" in types
            and (n == 15 or (n == 16 and digits[0] == "0"))  # cheap length test first
            and (raw.isdigit() or _NPWP_SPACED.match(raw) is not None)
            and (
                (n == 15 and _npwp15_bare_ok(digits))
                or (n == 16 and digits[0] == "0" and _npwp15_bare_ok(digits[1:]))
            )
        )
        card = (
            "card" in types
            and not nik_valid
            and 13 <= n <= 19
            and (card_valid if card_valid is not None
                 else digits[0] in _CARD_FIRST_DIGITS and card_ok(digits))
            and (raw.isdigit() or _FOUR_GROUPS.match(raw) is not None
                 or _AMEX_GROUPS.match(raw) is not None)
        )
        if not (nik or npwp or card):
            return None
        before = self._before(text, s)
        if self._not_id.search(before[-_NOT_PHONE_WINDOW:]) or self._is_amount(text, s, e, before):
            return None
        if any(self._has_ctx(k, before) for k in self._ctx) or self._ctx_bank.search(before):
            # a label word ("Visa 5301...", "Kontak: 0899...") says what the number is meant to
            # be; the labelled rules above did not accept it, so its structure is not that type
            return None
        if nik:
            return Span("nik", s, e, 0.8, "nik_structure")
        if npwp:
            return Span("npwp", s, e, 0.8, "npwp_structure")
        return Span("card", s, e, 0.8, "card_structure")

    def _bare_landline(self, raw: str, before: str) -> bool:
        """A fixed-line number without a phone word or ``+62``/``(0..)``: only when it opens with
        a real area code from the data file followed by a separator (``0274-512345``,
        ``0341 530 108``) and nothing before it says it is a code."""
        if raw[:1] != "0" or self._not_id.search(before[-_NOT_PHONE_WINDOW:]):
            return False
        for k in (2, 3):
            code = raw[1 : 1 + k]
            if code in self.res.area_codes and len(raw) > k + 1 and raw[1 + k] in " -.\u2013":
                rest = _NON_DIGIT.sub("", raw[1 + k :])
                return 5 <= len(rest) <= 8 and not raw[1 + k :].strip(" -.\u2013").startswith("0")
        return False

    def _long_number(
        self, text: str, s: int, e: int, out: list[Span], suspects: list[Span]
    ) -> None:
        raw = text[s:e]
        if " " not in raw:
            self._classify(text, s, e, raw, out, suspects)
            return
        if self._classify(text, s, e, raw, out, suspects):
            return
        # Spaces may join separate numbers ("2019 0812..."): try runs of consecutive
        # space-separated pieces, longest first, keeping the first that classifies in each
        # region. Identifiers are printed in at most 5 groups of 10-19 digits in all, which
        # bounds the work per candidate.
        pieces: list[tuple[int, int, int]] = []  # start, end, digits so far (inclusive)
        pos, total = s, 0
        for part in raw.split(" "):
            total += len(part) if part.isdigit() else (
                len(part) - part.count(".") - part.count("-") - part.count("\u2013"))
            pieces.append((pos, pos + len(part), total))
            pos += len(part) + 1
        taken: list[tuple[int, int]] = []
        n = len(pieces)
        sizes = [b[2] - a[2] for a, b in zip([(0, 0, 0), *pieces], pieces, strict=False)]
        small, big = min(sizes), max(sizes)
        for length in range(min(n - 1, _MAX_GROUPS), 0, -1):
            if length * big < _MIN_SPLIT_DIGITS or length * small > 19:
                continue  # no window of this many groups can have 10-19 digits
            for i in range(0, n - length + 1):
                ndig = pieces[i + length - 1][2] - (pieces[i - 1][2] if i else 0)
                if not _MIN_SPLIT_DIGITS <= ndig <= 19:
                    continue
                ps, pe = pieces[i][0], pieces[i + length - 1][1]
                if (ndig <= 12 and self._bank_words_alpha and ps >= 2 and text[ps - 1] == " "
                        and "0" <= text[ps - 2] <= "9"):
                    continue  # 10-12 digits are only ever a bank account, whose word cannot
                    # sit between two digit groups: _classify would return False
                if taken and any(ps < te and ts < pe for ts, te in taken):
                    continue
                if self._classify(text, ps, pe, text[ps:pe], out, suspects):
                    taken.append((ps, pe))

    def _classify(
        self, text: str, s: int, e: int, raw: str, out: list[Span], suspects: list[Span]
    ) -> bool:
        """Type one long-number candidate; append the span and return True if it is PII.

        Runs on every split of every digit run, so it is kept cheap (adversarial digit runs
        call it thousands of times per 10 KB): digits by ``str.replace`` (a ``_LONGNUM`` match
        holds only digits, ``.``, ``-``, space and en dash) and the context window only when a
        structural test has passed.
        """
        digits = raw.replace(" ", "").replace(".", "").replace("-", "").replace("\u2013", "")
        n = len(digits)
        if n < 8 or n > 19:
            return False
        types = self.types
        memo: list[str] = []

        def bf() -> str:  # the context before the candidate, computed once and only if needed
            if not memo:
                memo.append(self._before(text, s))
            return memo[0]

        regions = self.res.regions
        # NPWP: the formatted old form is checked without context; bare digits need context.
        if "npwp" in types and n in (15, 16):
            if n == 15 and _NPWP_FORMATTED.match(raw) and npwp15_ok(digits):
                out.append(Span("npwp", s, e, 0.99, "npwp_formatted"))
                return True
            if self._has_ctx("npwp", bf()) and (
                (n == 15 and npwp15_ok(digits))
                or (n == 16 and (npwp16_entity_ok(digits) or nik_ok(digits, regions)))
            ):
                out.append(Span("npwp", s, e, 0.95, f"npwp{n}_context"))
                return True
        nik_shape = n == 16 and "nik" in types and _NIK_LAYOUT.match(raw) is not None
        nik_valid = nik_shape and nik_ok(digits, regions)
        nik_ctx = nik_shape and self._has_ctx("nik", bf())
        if nik_valid and nik_ctx:
            out.append(Span("nik", s, e, 0.95, "nik_context"))
            return True
        if "card" in types and 15 <= n <= 19 and debit_ok(digits) and not nik_ctx:
            if self._has_ctx("card", bf()) and not self._is_amount(text, s, e, bf()):
                out.append(Span("card", s, e, 0.9, "debit_card_context"))
                return True
        card_valid = ("card" in types and 13 <= n <= 19 and digits[0] in _CARD_FIRST_DIGITS
                      and card_ok(digits))  # computed once: _bare_identifier needs it too
        if card_valid:
            # With a card word any card layout counts; without one only the printed 4-4-4-4 /
            # 4-6-5 grouping with a real separator, and never a NIK-shaped number (Mastercard
            # 51-53, JCB 35xx and UnionPay 62 overlap province codes).
            ctx = self._has_ctx("card", bf())
            grp = _FOUR_GROUPS.match(raw) or _AMEX_GROUPS.match(raw)
            if ctx and (grp or raw.isdigit()):
                conf = 0.97
            elif grp and grp.group(1) and not nik_valid and not nik_ctx:
                conf = 0.9
            else:
                conf = 0.0
            if conf and not self._is_amount(text, s, e, bf()):
                out.append(Span("card", s, e, conf, "card_luhn"))
                return True
        if "bank_account" in types and 8 <= n <= 16:
            # the bank word must follow the last digit before the number; inside a digit run
            # that is only a space, so the layout and word tests are skipped there
            if s >= 2 and text[s - 1] == " " and "0" <= text[s - 2] <= "9":
                seg = " "  # what the window gives inside a digit run, without building it
            else:
                seg = _after_last_digit(bf()[-_BANK_WINDOW:])
            if (
                (not self._bank_words_alpha or any(c.isalpha() for c in seg))
                and _account_layout(raw)
                and self._ctx_bank.search(seg)
                and not self._not_bank.search(seg)
            ):
                if not self._is_amount(text, s, e, bf()):
                    out.append(Span("bank_account", s, e, 0.85, "bank_context"))
                    return True
        bare = self._bare_identifier(text, s, e, raw, digits, nik_valid, card_valid)
        if bare is not None:
            out.append(bare)
            return True
        if nik_valid:
            suspects.append(Span("nik", s, e, 0.5, "nik_no_context"))
        elif nik_ctx:
            suspects.append(Span("nik", s, e, 0.3, "nik_invalid_structure"))
        return False


# File extensions that end "name@2x.png"-style asset names, never an e-mail's top-level domain.
_FILE_EXTENSIONS = frozenset(
    "png jpg jpeg gif webp svg bmp ico tif tiff pdf doc docx xls xlsx ppt pptx csv txt json xml "
    "yml yaml zip rar gz tgz bz2 xz 7z tar mp3 mp4 wav avi mkv mov webm js ts css scss html htm "
    "py rb java go rs php exe dll so bin iso apk ipa log bak sql db".split()
)
# Reserved documentation domains (RFC 2606 / 6761): placeholders, never someone's address.
_DOC_DOMAIN = regex.compile(
    r"@(?:[\w\-]+\.)*(?:example\.(?:com|org|net)|[\w\-]+\.(?:example|test|invalid|localhost|tld))$",
    regex.IGNORECASE,
)


def _technical_address(text: str, end: int, address: str, tld: str) -> bool:
    """An ``x@y.z`` that is not an e-mail: an asset name (``ikon@2x.png``), an SSH remote
    (``git@host:org/repo.git``: a colon and a path follow) or a documentation placeholder."""
    if tld.lower() in _FILE_EXTENSIONS:
        return True
    if text.startswith(":", end) and end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] in "~/"):
        return True
    return _DOC_DOMAIN.search(address) is not None


def _npwp15_bare_ok(digits: str) -> bool:
    """A 15-digit NPWP printed without its dots: check digit, a taxpayer-type prefix (00-09,
    31) and a branch code under 100 (000 = head office), so ~0.1% of random 15-digit strings
    pass instead of the 10% the check digit alone lets through."""
    return (
        npwp15_ok(digits)
        and (digits[0] == "0" or digits[:2] == "31")
        and digits[12] == "0"
    )


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
    if ("." in raw or "," in raw) and _GROUPED_AMOUNT.match(raw):
        return False
    if " " in raw and (_SPACED_DATE.search(raw) or _SPACED_AMOUNT.search(raw)):
        return False
    if "." in raw:
        return all(len(g) >= 3 for g in _DOT_GROUPS.findall(raw))
    return True


def _bank_or_phone(cands: list[Span]) -> list[Span]:
    """Digits read as both an account (after "rek."/"a/n") and a phone: a phone word ("WA",
    "telp") makes it a phone, otherwise the account reading wins, also over a phone found
    inside a longer account number."""
    bank_spans = [(c.start, c.end) for c in cands if c.type == "bank_account"]
    if not bank_spans:
        return cands
    phones_ctx = {(c.start, c.end) for c in cands if c.type == "phone" and c.confidence >= 0.98}
    out = []
    for c in cands:
        key = (c.start, c.end)
        if (
            c.type == "phone"
            and key not in phones_ctx
            and any(bs <= c.start and c.end <= be for bs, be in bank_spans)
        ):
            continue
        if c.type == "bank_account" and key in phones_ctx:
            continue
        out.append(c)
    return out


def _strip_country(digits: str, raw: str) -> str | None:
    """National significant number from a phone candidate's digits (drop 0062 / 62 / 0, and
    the trunk ``(0)`` some write after the country code)."""
    if raw.startswith("+"):
        if not digits.startswith("62"):
            return None
        nsn = digits[2:]
    elif digits.startswith("0062"):
        nsn = digits[4:]
    elif digits.startswith("62"):
        nsn = digits[2:]
    elif digits.startswith("0"):
        return digits[1:]
    else:
        return None
    return nsn[1:] if "(0)" in raw and nsn.startswith("0") else nsn


def _resolve(spans: list[Span], blocked: Sequence[Span] = ()) -> list[Span]:
    """Non-overlapping spans: higher priority type, then confidence, then length wins; spans
    overlapping ``blocked`` are dropped. Kept intervals stay sorted (bisect), so n log n."""
    if not spans:
        return spans
    starts: list[int] = []
    ends: list[int] = []
    for b in sorted(blocked, key=lambda x: x.start):
        starts.append(b.start)
        ends.append(b.end)
    ranked = sorted(spans, key=lambda x: (PRIORITY[x.type], -x.confidence, x.start - x.end))
    kept: list[Span] = []
    for sp in ranked:
        i = bisect.bisect_right(starts, sp.start)
        if i and ends[i - 1] > sp.start:
            continue  # the interval starting at or before sp overlaps it
        if i < len(starts) and starts[i] < sp.end:
            continue  # the next interval starts inside sp
        starts.insert(i, sp.start)
        ends.insert(i, sp.end)
        kept.append(sp)
    kept.sort(key=lambda x: x.start)
    return kept
