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
from collections.abc import Iterable, Mapping, Sequence

import regex

from saring.compiled import load
from saring.pii.numbers import (
    GROUPED_AMOUNT,
    MAX_DIGITS,
    MIN_DIGITS,
    NOT_ID_WINDOW,
    NUMBER_FINDERS,
    Finder,
    Number,
    suspect,
)
from saring.pii.resources import PIIResources, load_resources
from saring.pii.span import Span
from saring.pii.validate import landline_ok, mobile_ok, public_ip
from saring.scan import needles_present, number_runs, number_runs_py

__all__ = ["PRIORITY", "TYPES", "Detector", "Span", "placeholder"]

TYPES: tuple[str, ...] = ("email", "ip", "npwp", "nik", "card", "phone", "bank_account")
# Lower index wins when two candidate spans overlap.
PRIORITY: dict[str, int] = {t: i for i, t in enumerate(TYPES)}

# ``regex`` releases the GIL around every match and every ``finditer`` step on a str unless its
# ``concurrent`` argument is False: a lock round trip (~0.4 k instructions, ~3 k for a short
# ``finditer``) on the scans run for every text. The argument is passed positionally (a keyword
# costs more than it saves): ``finditer(string, pos, endpos, overlapped, concurrent)``,
# ``search(string, pos, endpos, concurrent)``; None positions are the defaults.
KEEP_GIL = False

# --- gates (one scan each over the whole text) ----------------------------------------------
# A run of >= 7 chars of digits and number separators, starting and ending with a digit.
# Each start position scans forward at most to the end of the run, and finditer resumes after
# a match, so the scan is linear.
_GATE_NUM = regex.compile(r"[0-9][0-9.\-() \u2013]{5,}[0-9]")
# ... its spans by the compiled scan (``saring.scan.number_runs``, the same pattern with 5),
# when built; the regex otherwise
_GATE_NUM_C = (
    number_runs is not number_runs_py and _GATE_NUM.pattern == r"[0-9][0-9.\-() \u2013]{5,}[0-9]"
)
_GATE_OBFUSCATED_AT = regex.compile(r"[\[(] ?(?:at|AT|At) ?[\])]")
# Every IPv6 address has "::" or 7 colons, hence ":h:h:"; a pattern starting with a literal
# is scanned fast (a leading hex class would stop at every a-f letter of the text).
_GATE_IPV6 = regex.compile(r":[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")
# The bits of :func:`gates`: which of the cheap whole-text tests a text passes.
GATE_AT, GATE_CLOUDFLARE, GATE_OBFUSCATED_AT, GATE_IPV6 = 1, 2, 4, 8
GATE_EMAIL = GATE_AT | GATE_CLOUDFLARE | GATE_OBFUSCATED_AT
# ... all four in one compiled pass (``_c_pii.c``); None when not built (then ``gates_py``)
_K = load("saring.pii._c_pii")

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
# Every span the detector reports holds one of these: an ASCII digit (numbers, IPv4), "@" or the
# bracket of the "[at]"/"(at)"/"[email protected]" spellings (e-mail), ":" (IPv6).
_PII_CHAR = regex.compile(r"[0-9@:\[(]")
_CLOUDFLARE_EMAIL = "[email\u00a0protected]"
_CLOUDFLARE_EMAIL_ASCII = "[email protected]"

_IPV4 = regex.compile(r"(?<![0-9A-Za-z.\-])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9]|[.\-/][0-9])")
_IPV6 = regex.compile(r"(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{1,4}:|::)[0-9A-Fa-f:.]{2,43}")

_MOBILE = regex.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9][ .\-])(?:\(\+ ?62\) ?|\+ ?62|0062|62|0)[ .\-\u2013]?(?:\(0\) ?)?\(?8[1-9][0-9]\)?"
    r"(?:[ .\-\u2013]?[0-9]{2,5}|-[0-9]){1,4}(?![0-9]|[.\-][0-9]|-[A-Za-z])"
)
_LANDLINE = regex.compile(
    r"(?<![0-9A-Za-z+])(?<![0-9][ .\-])(?:\(\+ ?62\) ?|\+ ?62[ \-]?|0062 ?|\(0|0)[2-79][0-9]{1,2}\)? ?[.\-\u2013]?"
    r"[0-9]{2,4}(?:[ .\-\u2013]?[0-9]{2,5}){0,2}(?![0-9]|[.\-][0-9]|-[A-Za-z])"
)
# A long number: a digit, then 7..22 more digits each optionally preceded by one separator.
_LONGNUM = regex.compile(
    r"(?<![0-9A-Za-z./_\-])(?<![0-9],)[0-9](?:[.\-]?[0-9]| [\-\u2013]? ?[0-9]){7,22}(?![0-9]|[.,/\-][0-9])"
)
# A long number that is a whole field of a comma-separated row: a non-digit and a comma before
# it, a comma and a digit after it (a decimal comma always has a digit before it).
_CSV_FIELD_NUM = regex.compile(
    r"(?<=[^0-9\s],)[0-9](?:[.\-]?[0-9]| [\-\u2013]? ?[0-9]){7,22}(?=,[0-9])"
)
_TRAILING_ITEM = regex.compile(r" [0-9]{1,2}$")
_NUMBER_WORD = regex.compile(
    r" (?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|seribu)\b"
)
_LAST_GROUP = regex.compile(r"[ .\-\u2013][0-9]{1,5}$")
# A local number ending in a group of one or two digits ("0417 1643 00", inside an IBAN's
# groups): not how a bare landline is written.
_LAST_GROUP_MIN = regex.compile(r"[ .\-\u2013][0-9]{1,2}$")
_NON_DIGIT = regex.compile(r"[^0-9]")

# "kode booking 0856..." must be close to the number to veto a mobile number.
_NOT_PHONE_WINDOW = 24
_MAX_GROUPS = 6
# What a ``_GATE_NUM`` run (and the "+(" taken in before it) is made of.
_RUN_CHARS = frozenset("0123456789.-() \u2013+")
_NO_RUN = 1 << 62
# Characters that end a label's reach: table cells, list items, fields.
_FIELD_SEPARATORS = frozenset("|;,\t/")
_MIN_SPLIT_DIGITS = 10


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


def _labels_next(words: regex.Pattern[str], window: str) -> bool:
    """The last of ``words`` in ``window`` labels what follows the window: between them only
    filler words and label punctuation, no other value and no field separator (digit groups
    right before the end belong to the number's own run)."""
    found = list(words.finditer(window, None, None, False, KEEP_GIL))
    if not found:
        return False
    gap = window[found[-1].end() :].rstrip("0123456789 .-\u2013")
    return not any(ch.isdigit() or ch in _FIELD_SEPARATORS for ch in gap)


def _finder_table(types: frozenset[str], *, labelled: bool) -> dict[int, tuple[Finder, ...]]:
    """Finders of the configured types by candidate digit count, in precedence order; without
    ``labelled`` only those that need no label word."""
    return {
        n: tuple(
            f.find
            for f in NUMBER_FINDERS
            if f.type in types
            and f.min_digits <= n <= f.max_digits
            and (labelled or not f.needs_label)
        )
        for n in range(MIN_DIGITS, MAX_DIGITS + 1)
    }


def _blind_in_runs(ctx: Mapping[str, Sequence[str]]) -> bool:
    """No phrase searched before a number can be spelt with the characters of a digit run, so a
    context window that lies inside a run cannot match any of them (``Detector.before``)."""
    kinds = (
        "nik",
        "npwp",
        "phone",
        "card",
        "bank_account",
        "not_phone",
        "not_ip",
        "not_bank",
        "not_id",
        "money_before",
    )
    return all(any(ch not in _RUN_CHARS for ch in w) for k in kinds for w in ctx.get(k, ()))


def _words_regex(words: Iterable[str], *, at_end: bool, after: str = "") -> regex.Pattern[str]:
    """Alternation of context phrases on word boundaries; ``at_end`` anchors to the end of the
    searched window (with only punctuation/space allowed after the phrase). ``after``: more
    characters a phrase must not follow (``.@`` for code words: ``kupang.sch.id`` ends a
    domain, it does not say "ID")."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = regex.escape(w.lower()).replace(r"\ ", r"\s+")
        left = rf"(?<![\w{regex.escape(after)}])" if w[0].isalnum() else ""
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
        self._run_start = _NO_RUN  # start of the digit run being scanned (see ``before``)
        ctx = self.res.context
        self._deep_run_blind = _blind_in_runs(ctx)
        self._ctx = {
            k: _words_regex(ctx[k], at_end=False) for k in ("nik", "npwp", "phone", "card")
        }
        self.ctx_kinds = tuple(self._ctx)
        # kinds whose every context word has a cased letter: a window without one cannot match
        self._ctx_cased = {
            k: all(any(c.lower() != c.upper() for c in w) for w in ctx[k]) for k in self._ctx
        }
        self.ctx_bank = _words_regex(ctx["bank_account"], at_end=False)
        # every bank context word has a letter: a window without letters cannot match
        self.bank_words_alpha = all(any(c.isalpha() for c in w) for w in ctx["bank_account"])
        self._not_phone = _words_regex(ctx["not_phone"], at_end=False)
        self._not_phone_cased = all(
            any(c.lower() != c.upper() for c in w) for w in ctx["not_phone"]
        )
        self._not_ip = _words_regex(ctx["not_ip"], at_end=True)
        self._ip_ctx = _words_regex(ctx.get("ip", ("ip",)), at_end=False)
        self.not_bank = _words_regex(ctx["not_bank"], at_end=False)
        self.not_id = _words_regex(ctx.get("not_id", ("kode",)), at_end=False, after=".@")
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
        # the long-number finders for the configured types, in precedence order, by the digit
        # count of the candidate (a finder only sees lengths its structure admits); the second
        # table is for candidates whose context window lies inside a digit run (no label)
        self._finders = _finder_table(self.types, labelled=True)
        self._finders_unlabelled = _finder_table(self.types, labelled=False)
        self._long_numbers = any(self._finders.values())

    # ------------------------------------------------------------------ public
    def find(self, text: str) -> tuple[list[Span], list[Span]]:
        """Return (spans to redact, suspects) as non-overlapping, sorted spans.

        Suspects are structurally valid NIKs without a context word: reported, not redacted.
        """
        self._memo = {}  # context strings by start offset, for this text only
        self._run_start = _NO_RUN
        try:
            return self._find(text)
        finally:
            self._memo = {}
            self._run_start = _NO_RUN

    def _find(self, text: str) -> tuple[list[Span], list[Span]]:
        cands: list[Span] = []
        suspects: list[Span] = []
        types = self.types
        g = gates(text)
        if "email" in types and g & GATE_EMAIL:  # no "@", "[email" or "[at]": no address
            self._emails(text, cands, g)
        if "ip" in types and g & GATE_IPV6:
            self._ipv6(text, cands)
        if self._numeric:
            spans = (
                number_runs(text, 5)
                if _GATE_NUM_C
                else [m.span() for m in _GATE_NUM.finditer(text, None, None, False, KEEP_GIL)]
            )
            for a, b in spans:
                m_start = a
                while a > 0 and a > m_start - 3 and text[a - 1] in "+(":
                    a -= 1
                self._run_start = a
                # two extra chars let look-aheads see what follows the run ("/2020", "%").
                self._numbers(text, a, min(len(text), b + 2), cands, suspects)
        cands = _bank_or_phone(cands)
        kept = _resolve(cands)
        if suspects:
            suspects = _resolve(suspects, blocked=kept)
        return kept, suspects

    # --------------------------------------------------------------- context
    def before(self, text: str, start: int) -> str:
        """Lower-cased text before ``start`` on the same line (or the previous line when the
        number starts a line), at most ``window`` chars. Memoised per start within one
        :meth:`find` (digit runs are split many ways, with shared starts).

        Deep inside a digit run the window holds only digits and number separators, where no
        context word (all have letters) and no money sign can occur: that window is returned
        as the empty string without building it (long adversarial runs)."""
        if start - self._run_start >= self.window and self._deep_run_blind:
            return ""
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

    def has_ctx(self, kind: str, before: str) -> bool:
        """A context word of ``kind`` in ``before`` (lower-cased by :meth:`before`)."""
        if self._ctx_cased[kind] and before.upper() == before:
            return False  # no cased letter at all (digit runs): the regex cannot match
        return self._ctx[kind].search(before) is not None

    def _vetoed_phone(self, before: str) -> bool:
        """A not-a-phone word ("kode booking") labels the number (see :meth:`code_label`)."""
        window = before[-_NOT_PHONE_WINDOW:]
        if self._not_phone_cased and window.upper() == window:
            return False
        return _labels_next(self._not_phone, window)

    def code_label(self, before: str) -> bool:
        """A code word (``kode``, ``ID pelanggan``, ``resi``) labels the number that follows
        ``before``: it is in the last ``NOT_ID_WINDOW`` chars and only filler words and label
        punctuation separate it from the number. Another value or a cell/list separator in
        between (``| Transaksi 14/03 | 5171...``) means the word labels something else; digit
        groups of the same run right before the number are part of it (``token 1234 5678 ...``)."""
        return _labels_next(self.not_id, before[-NOT_ID_WINDOW:])

    def bank_label(self, before: str) -> bool:
        """A bank word (``rek``, ``a.n.``, a bank's name) labels the number that follows
        ``before``: only words and label punctuation between them, no other value and no field
        separator (``atas nama Sulastri, 3471...``: the comma ends the name the bank phrase
        introduces, so the number after it is not the account)."""
        return _labels_next(self.ctx_bank, before)

    def is_amount(self, text: str, start: int, end: int, before: str) -> bool:
        """Money or a measured quantity: ``Rp`` before or a unit/percent right after."""
        if self._money_before.search(before):
            return True
        return self._unit_after.match(text, end, min(len(text), end + 16)) is not None

    # ----------------------------------------------------------------- e-mail
    def _emails(self, text: str, out: list[Span], g: int) -> None:
        """Addresses, trimmed of scrape glue, that are not asset names, remotes or placeholders;
        plus Cloudflare's obfuscation placeholder. ``g``: the text's :func:`gates`."""
        for start, s in _email_matches(text, bool(g & GATE_OBFUSCATED_AT)):
            s, last = _trim_glue(s)
            if len(last) < 2 or not last.isalpha():
                continue
            if _technical_address(text, start + len(s), s, last):
                continue
            obf = "@" not in s
            out.append(Span("email", start, start + len(s), 0.9 if obf else 0.99, "email"))
        for marker in (_CLOUDFLARE_EMAIL, _CLOUDFLARE_EMAIL_ASCII) if g & GATE_CLOUDFLARE else ():
            i = text.find(marker)
            while i >= 0:
                out.append(Span("email", i, i + len(marker), 0.9, "cloudflare_email"))
                i = text.find(marker, i + 1)

    # -------------------------------------------------------------------- IPs
    def _ipv6(self, text: str, out: list[Span]) -> None:
        for m in _IPV6.finditer(text, None, None, False, KEEP_GIL):
            s = m.group().rstrip(":.")
            if s.count(":") >= 2 and public_ip(s):
                out.append(Span("ip", m.start(), m.start() + len(s), 0.95, "ipv6"))

    def _ipv4(self, text: str, a: int, b: int, out: list[Span]) -> None:
        """Public IPv4 addresses. One whose octets all have at most two digits has the shape of
        a dotted section or version number (``1.1.1.1``, ``6.1.0.18``), which a random public
        address has only ~2% of the time: it needs an IP word (``IP``, ``server``, ``ping``)
        before it. Section, version and decree words veto any address."""
        for m in _IPV4.finditer(text, a, b, False, KEEP_GIL):
            s, e = m.span()
            addr = m.group()
            if not public_ip(addr):
                continue
            before = self.before(text, s)
            if self._not_ip.search(before) or self.is_amount(text, s, e, before):
                continue
            if max(map(len, addr.split("."))) <= 2 and not self._ip_ctx.search(before):
                continue
            out.append(Span("ip", s, e, 0.95, "ipv4"))

    # ---------------------------------------------------------------- numbers
    def _numbers(self, text: str, a: int, b: int, out: list[Span], suspects: list[Span]) -> None:
        types = self.types
        if "ip" in types:
            self._ipv4(text, a, b, out)
        if "phone" in types:
            self._mobiles(text, a, b, out)
            self._landlines(text, a, b, out)
        if self._long_numbers:
            for m in _LONGNUM.finditer(text, a, b, False, KEEP_GIL):
                s, e = m.span()
                # court texts number their lists "... 1920172314 1 satu buah": the trailing
                # item number is not part of the identifier.
                tail = _TRAILING_ITEM.search(text, s, e)
                if tail and _NUMBER_WORD.match(text, e):
                    e = tail.start()
                self._long_number(text, s, e, out, suspects)
            if a and text[a - 1] == "," and "," in text[b - 2 : b]:
                # a whole comma-separated field followed by a numeric field ("Andi,3171...,2,4"):
                # ``_LONGNUM`` reads ",2" as a decimal or thousands continuation and skips it
                # (a comma is not a run character, so only the run's start can follow one)
                m = _CSV_FIELD_NUM.match(text, a, b)
                if m is not None:
                    self._long_number(text, m.start(), m.end(), out, suspects)

    def _mobiles(self, text: str, a: int, b: int, out: list[Span]) -> None:
        """Mobile numbers: an allocated 8xx prefix after 0/62/+62 (structure decides); a phone
        word raises the confidence, money, units and a code word ("kode booking") veto."""
        prefixes = self.res.mobile_prefixes
        for m in _MOBILE.finditer(text, a, b, False, KEEP_GIL):
            s = m.start()
            raw = _valid_mobile(m.group(), prefixes)
            if raw is None:
                continue
            e = s + len(raw)
            if ")" in raw and "(" not in raw and s > 0 and text[s - 1] == "(":
                s -= 1  # "(0812) 3456-7890": keep the pair together
            if GROUPED_AMOUNT.match(raw.lstrip("+")):
                continue
            before = self.before(text, s)
            if self.is_amount(text, s, e, before):
                continue
            if self.has_ctx("phone", before):
                conf = 0.98
            elif self._vetoed_phone(before):
                continue
            else:
                conf = 0.95
            out.append(Span("phone", s, e, conf, "mobile"))

    def _landlines(self, text: str, a: int, b: int, out: list[Span]) -> None:
        """Fixed-line numbers: a valid area code and length; they need a phone word, the
        ``+62``/``(0..)`` form, or a real area code followed by a separator."""
        for m in _LANDLINE.finditer(text, a, b, False, KEEP_GIL):
            s, e = m.span()
            raw = m.group()
            digits = _NON_DIGIT.sub("", raw)
            nsn = _strip_country(digits, raw)
            if nsn is None or not landline_ok(nsn, self.res.two_digit_areas):
                continue
            if GROUPED_AMOUNT.match(raw) or "/" in raw:
                continue
            before = self.before(text, s)
            if self.is_amount(text, s, e, before):
                continue
            if raw.startswith("(") and ")" not in raw:
                s, raw = s + 1, raw[1:]  # "(021-2351 9999 dan ...)": the paren is the prose's
            strong = raw.startswith(("+", "(")) or raw.startswith("0062")
            if self.has_ctx("phone", before):
                out.append(Span("phone", s, e, 0.95, "landline_context"))
            elif strong:
                out.append(Span("phone", s, e, 0.9, "landline_format"))
            elif self._bare_landline(raw, before):
                out.append(Span("phone", s, e, 0.85, "landline_area_code"))

    def _bare_landline(self, raw: str, before: str) -> bool:
        """A fixed-line number without a phone word or ``+62``/``(0..)``: only when it opens with
        a real area code from the data file followed by a separator (``0274-512345``,
        ``0341 530 108``), its local part does not end in a group of one or two digits, and
        nothing before it says it is a code."""
        if raw[:1] != "0" or self.code_label(before):
            return False
        for k in (2, 3):
            code = raw[1 : 1 + k]
            if code in self.res.area_codes and len(raw) > k + 1 and raw[1 + k] in " -.\u2013":
                local = raw[1 + k :].strip(" -.\u2013")
                rest = _NON_DIGIT.sub("", local)
                return (
                    5 <= len(rest) <= 8
                    and not local.startswith("0")
                    and _LAST_GROUP_MIN.search(local) is None
                )
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
        pieces = _space_pieces(s, raw)
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
                if (
                    ndig <= 12
                    and self.bank_words_alpha
                    and ps >= 2
                    and text[ps - 1] == " "
                    and "0" <= text[ps - 2] <= "9"
                ):
                    continue  # 10-12 digits are only ever a bank account, whose word cannot
                    # sit between two digit groups: _classify would return False
                if taken and any(ps < te and ts < pe for ts, te in taken):
                    continue
                if self._classify(text, ps, pe, text[ps:pe], out, suspects):
                    taken.append((ps, pe))

    def _classify(
        self, text: str, s: int, e: int, raw: str, out: list[Span], suspects: list[Span]
    ) -> bool:
        """Type one long-number candidate with the first finder that accepts it (see
        :mod:`saring.pii.numbers`); append the span and return True if it is PII, else record
        a NIK suspect if there is one.

        Runs on every split of every digit run (adversarial digit runs call it thousands of
        times per 10 KB): digits by ``str.replace`` (a ``_LONGNUM`` match holds only digits,
        ``.``, ``-``, space and en dash), and no candidate object outside the 8-19 digit range.
        """
        digits = raw.replace(" ", "").replace(".", "").replace("-", "").replace("\u2013", "")
        n = len(digits)
        if not MIN_DIGITS <= n <= MAX_DIGITS:
            return False
        if s - self._run_start >= self.window and self._deep_run_blind:
            finders = self._finders_unlabelled[n]  # ``before`` is empty: no label can match
        else:
            finders = self._finders[n]
        if not finders and n != 16:
            return False  # no finder for this length, and only 16 digits can be a NIK suspect
        c = Number(self, text, s, e, raw, digits)
        for finder in finders:
            span = finder(self, c)
            if span is not None:
                out.append(span)
                return True
        sus = suspect(c)
        if sus is not None:
            suspects.append(sus)
        return False


def may_hold_pii(value: str) -> bool:
    """False when no span can lie inside ``value`` whatever text surrounds it (see
    ``_PII_CHAR``): the metadata scan skips such strings (most titles, names, hosts)."""
    return _PII_CHAR.search(value, None, None, KEEP_GIL) is not None


def gates_py(text: str) -> int:
    """Which cheap whole-text tests ``text`` passes, as bits (the reference of the kernel's
    ``gates``): ``GATE_AT`` an "@", ``GATE_CLOUDFLARE`` "[email", ``GATE_OBFUSCATED_AT`` a
    ``_GATE_OBFUSCATED_AT`` match, ``GATE_IPV6`` "::" or a ``_GATE_IPV6`` match. A text passing
    none (most) holds no e-mail and no IPv6 address."""
    return (
        ("@" in text) * GATE_AT
        | ("[email" in text) * GATE_CLOUDFLARE
        | _has_obfuscated_at(text) * GATE_OBFUSCATED_AT
        | ("::" in text or _GATE_IPV6.search(text) is not None) * GATE_IPV6
    )


def gates(text: str) -> int:
    """:func:`gates_py`, in one compiled pass when the kernel is built (instead of a needle
    scan, two substring tests and a regex search over every text)."""
    return _K.gates(text) if _K is not None else gates_py(text)


def _email_matches(text: str, obfuscated: bool | None = None) -> list[tuple[int, str]]:
    """Candidate addresses as (start, string): plain ones grown outwards from each ``@``
    (cheap); the full pattern with the ``[at]``/``(at)`` spellings only runs when such a
    spelling occurs (``obfuscated``: whether it does, if known: ``_has_obfuscated_at``)."""
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
    if _has_obfuscated_at(text) if obfuscated is None else obfuscated:
        matches.extend(
            (m.start(), m.group())
            for m in _EMAIL.finditer(text, None, None, False, KEEP_GIL)
            if "@" not in m.group()
        )
    return matches


def _has_obfuscated_at(text: str) -> bool:
    """``_GATE_OBFUSCATED_AT.search(text)`` found something. Every match starts at a ``(`` or
    ``[``: with a few of them (news: a handful per document) the pattern is tried at each one
    (a regex scan of the whole text costs ~5 ns per character); with many, the scan itself.
    Before either, one compiled needle scan: every match starts with one of the opener, space
    and ``at`` spellings in :data:`_OBFUSCATED_AT_HEADS`; most texts hold none."""
    if not needles_present(text, _OBFUSCATED_AT_HEADS):
        return False
    if text.count("(") + text.count("[") > _FEW_OPENERS:
        return _GATE_OBFUSCATED_AT.search(text) is not None
    for opener in "([":
        i = text.find(opener)
        while i >= 0:
            if _GATE_OBFUSCATED_AT.match(text, i) is not None:
                return True
            i = text.find(opener, i + 1)
    return False


_FEW_OPENERS = 64
# The starts every match of _GATE_OBFUSCATED_AT has: an opener, an optional space, at/AT/At.
_OBFUSCATED_AT_HEADS = tuple(
    o + sp + a for o in "[(" for sp in ("", " ") for a in ("at", "AT", "At")
)


def _trim_glue(s: str) -> tuple[str, str]:
    """Scraped pages glue the next word on: ``nama@yahoo.co.idWebsite`` -> cut at ``W``,
    ``nama@kln.gov.my.Pada`` -> drop the capitalised sentence start after the dot. Returns
    the address and its last label."""
    last = _EMAIL_LABEL_SPLIT.split(s)[-1]
    cut = _CAMEL.search(last)
    if cut:
        drop = len(last) - cut.start() - 1
        return s[:-drop], last[: cut.start() + 1]
    if last[:1].isupper() and last[1:].islower() and s.count(".") >= 2 and "@" in s:
        s = s[: -len(last) - 1]
        return s, s.rsplit(".", 1)[-1]
    return s, last


def _valid_mobile(raw: str, prefixes: frozenset[str]) -> str | None:
    """The mobile number in a ``_MOBILE`` match, or None. A greedy match may have swallowed a
    following list number ("0812... 12 dua"): trailing separated groups are dropped until the
    number validates (at most two)."""
    nsn = _strip_country(_NON_DIGIT.sub("", raw), raw)
    for _ in range(2):
        if nsn is None or mobile_ok(nsn, prefixes):
            break
        cut = _LAST_GROUP.search(raw)
        if cut is None:
            break
        raw = raw[: cut.start()]
        nsn = _strip_country(_NON_DIGIT.sub("", raw), raw)
    if nsn is None or not mobile_ok(nsn, prefixes):
        return None
    return raw


def _space_pieces(s: str, raw: str) -> list[tuple[int, int, int]]:
    """The space-separated groups of ``raw`` (starting at ``s``) as (start, end, digits so far
    including this group)."""
    pieces: list[tuple[int, int, int]] = []
    pos, total = s, 0
    for part in raw.split(" "):
        total += (
            len(part)
            if part.isdigit()
            else (len(part) - part.count(".") - part.count("-") - part.count("\u2013"))
        )
        pieces.append((pos, pos + len(part), total))
        pos += len(part) + 1
    return pieces


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
    if (
        text.startswith(":", end)
        and end + 1 < len(text)
        and (text[end + 1].isalnum() or text[end + 1] in "~/")
    ):
        return True
    return _DOC_DOMAIN.search(address) is not None


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
