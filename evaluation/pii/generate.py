"""A labelled, synthetic evaluation set: Indonesian sentences with valid and invalid identifiers.

All sentences are written here (no corpus text). Positives are identifiers built to the
published structure (NIK, NPWP with check digit, mobile/landline numbers, e-mails, public IPs,
Luhn cards, bank accounts with their context); negatives are the look-alikes the step must leave
alone: malformed identifiers in the same contexts, money, dates, statute and court register
numbers, percentages, ISBNs, coordinates, private/documentation IPs, version strings, service
numbers and random order numbers.

Labels state what a span *is*, decided by the generator's own construction, not by the
detector. The set measures conformance to the specification in ``pii_rules.md``; it cannot
measure recall on formats nobody wrote into it.

Run ``python -m evaluation.pii.generate --n 200 --out set.jsonl`` to write it as JSON Lines.
"""

from __future__ import annotations

import argparse
import ipaddress
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from saring.pii.resources import PIIResources, load_resources
from saring.pii.validate import luhn_check_digit, luhn_ok


@dataclass(frozen=True, slots=True)
class GoldSpan:
    type: str
    start: int
    end: int


@dataclass(slots=True)
class Example:
    """One sentence with its gold PII spans (empty for pure negatives)."""

    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    category: str = ""

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "category": self.category,
            "spans": [{"type": s.type, "start": s.start, "end": s.end} for s in self.spans],
        }


# A value to put in a template: (surface text, PII type or None for a negative).
Value = tuple[str, str | None]

NAMES = (
    "Budi Santoso",
    "Siti Rahmawati",
    "Agus Wijaya",
    "Dewi Lestari",
    "Rudi Hartono",
    "Putri Ayu",
    "Andi Saputra",
    "Nur Aini",
    "Yohanes Lim",
    "Made Suartana",
)
FIRST = ("budi", "siti", "agus", "dewi", "rudi", "putri", "andi", "nuraini", "yohanes", "made")
LAST = ("santoso", "rahma", "wijaya", "lestari", "hartono", "ayu", "saputra", "lim", "suartana")
MAIL_DOMAINS = (
    "gmail.com",
    "yahoo.co.id",
    "yahoo.com",
    "outlook.com",
    "ui.ac.id",
    "ugm.ac.id",
    "kemenkeu.go.id",
    "tokomaju.co.id",
    "hotmail.com",
    "mail.com",
)
BANKS = ("BCA", "BRI", "BNI", "Mandiri", "BSI", "BTN", "CIMB Niaga", "Danamon", "Permata")


class _Gen:
    """Random value builders over the shared data files (one instance per generated set)."""

    def __init__(self, rng: random.Random, res: PIIResources) -> None:
        self.r = rng
        self.res = res
        self.provinces = sorted(res.regions)
        self.prefixes = sorted(res.mobile_prefixes)
        self.areas = sorted(res.area_codes)

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    # ------------------------------------------------------------------- NIK
    def nik_digits(self) -> str:
        r = self.r
        pp = r.choice(self.provinces)
        reg = self.res.regions[pp]
        choices = list(range(1, reg.kab_max + 1))
        if reg.kota_max >= 71:
            choices += list(range(71, reg.kota_max + 1))
        rr = r.choice(choices)
        ss = r.randint(1, 40)
        year = r.randint(1940, 2012)
        month = r.randint(1, 12)
        day = r.randint(1, 28)
        if r.random() < 0.5:
            day += 40
        serial = r.randint(1, 3000)
        return f"{pp}{rr:02d}{ss:02d}{day:02d}{month:02d}{year % 100:02d}{serial:04d}"

    def bad_nik_digits(self) -> str:
        d = self.nik_digits()
        how = self.r.randrange(5)
        if how == 0:  # unknown province
            return self.r.choice(("00", "10", "20", "41", "45", "99", "30", "80")) + d[2:]
        if how == 1:  # month 13..19
            return d[:8] + f"1{self.r.randint(3, 9)}" + d[10:]
        if how == 2:  # day 32..39 (not a +40 woman's day either)
            return d[:6] + f"3{self.r.randint(2, 9)}" + d[8:]
        if how == 3:  # serial 0000
            return d[:12] + "0000"
        return d[:4] + "00" + d[6:]  # district 00

    def fmt_nik(self, d: str) -> str:
        k = self.r.randrange(4)
        if k == 0:
            return d
        if k == 1:
            return f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:12]}.{d[12:]}"
        if k == 2:
            return f"{d[:4]} {d[4:8]} {d[8:12]} {d[12:]}"
        return f"{d[:6]} {d[6:12]} {d[12:]}"

    # ------------------------------------------------------------------ NPWP
    def npwp15(self, valid: bool = True) -> str:
        head = f"{self.r.randint(1, 99):02d}" + self.digits(6)
        check = luhn_check_digit(head)
        if not valid:
            check = str((int(check) + self.r.randint(1, 9)) % 10)
        branch = "000" if self.r.random() < 0.7 else f"{self.r.randint(1, 9):03d}"
        return head + check + self.digits(3) + branch

    @staticmethod
    def fmt_npwp(d: str) -> str:
        return f"{d[:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:]}"

    # ---------------------------------------------------------------- phones
    def mobile(self) -> str:
        r = self.r
        nsn = r.choice(self.prefixes) + self.digits(r.choice((6, 7, 8, 8, 8, 9)))
        k = r.randrange(7)
        if k == 0:
            return "0" + nsn
        if k == 1:
            return f"0{nsn[:3]}-{nsn[3:7]}-{nsn[7:]}"
        if k == 2:
            return f"0{nsn[:3]} {nsn[3:7]} {nsn[7:]}"
        if k == 3:
            return f"+62 {nsn[:3]}-{nsn[3:7]}-{nsn[7:]}"
        if k == 4:
            return "+62" + nsn
        if k == 5:
            return "62" + nsn
        return f"+62 {nsn[:3]} {nsn[3:7]} {nsn[7:]}"

    def bad_mobile(self) -> str:
        r = self.r
        k = r.randrange(4)
        if k == 0:  # prefix not allocated to mobile operators (0800 toll free, 0809 premium)
            return (
                "08"
                + r.choice(("00", "09", "40", "61", "70"))
                + "-"
                + self.digits(4)
                + "-"
                + self.digits(3)
            )
        if k == 1:  # too short
            return "0" + r.choice(self.prefixes) + "-" + self.digits(3)
        if k == 2:  # service numbers
            return r.choice(("112", "110", "14045", "1500-888", "14000", "119"))
        # too long: 14 digits. Not 15: a 15-digit string passes the bare NPWP structure (check
        # digit, branch code) about 1% of the time, and then it *is* a structurally valid NPWP
        return "0" + r.choice(self.prefixes) + self.digits(10)

    def landline(self) -> str:
        r = self.r
        area = r.choice(self.areas)
        sub = self.digits(8 if len(area) == 2 else r.choice((6, 7)))
        sub_f = f"{sub[:4]} {sub[4:]}" if len(sub) == 8 else sub
        k = r.randrange(4)
        if k == 0:
            return f"(0{area}) {sub_f}"
        if k == 1:
            return f"0{area}-{sub_f.replace(' ', '-')}"
        if k == 2:
            return f"+62 {area} {sub_f}"
        return f"0{area} {sub_f}"

    # ---------------------------------------------------------------- e-mail
    def email(self) -> str:
        r = self.r
        local = r.choice(FIRST) + r.choice((".", "_", "", ".")) + r.choice(LAST)
        if r.random() < 0.4:
            local += str(r.randint(1, 99))
        dom = r.choice(MAIL_DOMAINS)
        if r.random() < 0.12:
            return f"{local} [at] {dom.replace('.', ' [dot] ')}"
        if r.random() < 0.05:
            return f"{local}(at){dom}"
        return f"{local}@{dom}"

    # ------------------------------------------------------------------- IPs
    def public_ipv4(self) -> str:
        while True:
            s = ".".join(
                str(self.r.randint(1, 223) if i == 0 else self.r.randint(0, 255)) for i in range(4)
            )
            if ipaddress.ip_address(s).is_global:
                return s

    def public_ipv6(self) -> str:
        r = self.r
        head = r.choice(("2404:6800", "2001:4860", "2400:cb00", "2a00:1450", "2406:da18"))
        groups = [f"{r.randint(0, 0xFFFF):x}" for _ in range(r.choice((2, 3)))]
        return head + ":" + ":".join(groups) + "::" + f"{r.randint(1, 0xFFF):x}"

    def non_public_ip(self) -> str:
        r = self.r
        return r.choice(
            (
                f"192.168.{r.randint(0, 255)}.{r.randint(1, 254)}",
                f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
                f"172.{r.randint(16, 31)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
                f"192.0.2.{r.randint(1, 254)}",
                f"198.51.100.{r.randint(1, 254)}",
                f"203.0.113.{r.randint(1, 254)}",
                f"127.0.0.{r.randint(1, 9)}",
                "2001:db8::1",
                "fe80::1",
            )
        )

    # ----------------------------------------------------------------- cards
    def card_digits(self, valid: bool = True) -> str:
        r = self.r
        brand = r.randrange(4)
        if brand == 0:
            body = "4" + self.digits(14)
        elif brand == 1:
            body = str(r.randint(51, 55)) + self.digits(13)
        elif brand == 2:
            body = r.choice(("34", "37")) + self.digits(12)
        else:
            body = str(r.randint(3528, 3589)) + self.digits(11)
        check = luhn_check_digit(body)
        if not valid:
            check = str((int(check) + r.randint(1, 9)) % 10)
        return body + check

    def fmt_card(self, d: str, grouped: bool) -> str:
        if not grouped:
            return d
        sep = self.r.choice((" ", "-"))
        if len(d) == 15:
            return sep.join((d[:4], d[4:10], d[10:]))
        return sep.join(d[i : i + 4] for i in range(0, len(d), 4))

    # ----------------------------------------------------------- bank accounts
    def bank_account(self) -> str:
        r = self.r
        k = r.randrange(4)
        if k == 0:
            return self.digits(10)
        if k == 1:
            return f"{self.digits(3)}-{self.digits(2)}-{self.digits(7)}-{self.digits(1)}"
        if k == 2:
            return f"{self.digits(4)}-01-{self.digits(6)}-{self.digits(2)}-{self.digits(1)}"
        return self.digits(13)


# Templates: "{x}" is the slot. Each category yields a template list and a value builder.
T_NIK = (
    "Tersangka berinisial AS (34) tercatat dengan NIK {x} di data kependudukan.",
    "Nomor KTP: {x}, alamat Jl. Melati No. 12, RT 03/RW 05.",
    "Pemohon atas nama {name} dengan Nomor Induk Kependudukan {x} mengajukan gugatan.",
    "Data e-KTP {x} bocor di forum daring, kata peneliti keamanan.",
    "No. KK {x} tercantum di formulir pendaftaran sekolah.",
    "Identitas: {name}, NIK. {x}, pekerjaan wiraswasta.",
)
T_NPWP_CTX = (
    "NPWP perusahaan: {x} terdaftar di KPP Pratama Jakarta.",
    "Wajib pajak {name} dengan nomor pokok wajib pajak {x} belum melapor SPT.",
    "Cantumkan NPWP {x} pada faktur pajak.",
)
T_NPWP_FREE = (
    "Faktur dikirim ke {name} ({x}) paling lambat akhir bulan.",
    "Nomor {x} tertera pada kartu yang difoto pelapor.",
)
T_PHONE = (
    "Untuk informasi lebih lanjut hubungi {name} di {x}.",
    "Pemesanan bisa melalui WhatsApp {x} setiap hari kerja.",
    "Penjual bernama {name} memakai nomor {x} untuk menipu korban.",
    "Hubungi call center kami: {x} (24 jam).",
    "Kontak panitia: {x}",
    "Nomor ponsel pelaku, {x}, sudah diblokir operator.",
)
T_LANDLINE = (
    "Kantor cabang dapat dihubungi melalui telepon {x} pada jam kerja.",
    "Telp. {x}, Fax. {y}",
    "Untuk pengaduan, hubungi {x}.",
    "Informasi lebih lanjut: telepon {x} atau datang langsung.",
)
T_EMAIL = (
    "Kirim lamaran ke {x} paling lambat 30 Juni.",
    "Surel pelapor, {x}, dicantumkan dalam laporan.",
    "Hubungi kami via email: {x}",
    "Alamat e-mail {name} adalah {x}.",
)
T_IP = (
    "Serangan berasal dari alamat IP {x} menurut log server.",
    "Akses ke situs diblokir untuk IP {x} sejak kemarin.",
    "Pelaku masuk dari {x} pada pukul 02.13 WIB.",
)
T_CARD_CTX = (
    "Nomor kartu kredit {x} digunakan untuk transaksi ilegal.",
    "Pembayaran dengan Visa {x} ditolak bank penerbit.",
    "Korban kehilangan kartu debit nomor {x} di ATM.",
)
T_CARD_FREE = (
    "Data {x} ikut bocor bersama nama pemilik kartu.",
    "Penipu meminta korban membacakan {x} lewat telepon.",
)
T_BANK = (
    "Transfer ke rek. {bank} {x} a/n {name}.",
    "Dana ditampung di rekening {bank} nomor {x} milik tersangka.",
    "No. Rek {bank}: {x} atas nama {name}.",
    "Silakan kirim ke {bank} {x} a.n. {name} lalu konfirmasi.",
    "Pembayaran melalui virtual account {x} berlaku 24 jam.",
)
T_NEG_ORDER = (
    "Nomor resi pengiriman {x} dapat dilacak di situs kurir.",
    "Kode booking {x} sudah dikirim lewat aplikasi.",
    "ID transaksi {x} tercatat pada pukul 14.05 WIB.",
    "Nomor seri produk {x} tertera di bagian belakang kemasan.",
)


def _negatives(g: _Gen) -> list[str]:
    """Sentences without PII that contain the usual numeric look-alikes."""
    r = g.r
    amount = f"{r.randint(1, 999)}.{r.randint(0, 999):03d}.{r.randint(0, 999):03d}"
    big = f"{r.randint(1, 99)}.{r.randint(0, 999):03d}.{r.randint(0, 999):03d}.{r.randint(0, 999):03d}"
    year = r.randint(1990, 2025)
    return [
        f"Harga beras naik menjadi Rp {amount} per ton di tingkat petani.",
        f"Pemerintah menyalurkan bantuan senilai Rp{big} kepada {r.randint(2, 9)}.{r.randint(0, 999):03d} keluarga.",
        f"Anggaran tahun {year} mencapai Rp {r.randint(1, 999)},{r.randint(1, 99)} triliun.",
        f"Sidang digelar pada {r.randint(1, 28):02d}-{r.randint(1, 12):02d}-{year} di PN Jakarta Selatan.",
        f"Peristiwa itu terjadi pada {r.randint(1, 28)}/{r.randint(1, 12)}/{year} sekitar pukul 08.00 WIB.",
        f"Hal itu diatur dalam UU No. {r.randint(1, 40)} Tahun {year} tentang Informasi dan Transaksi Elektronik.",
        f"Perpres Nomor {r.randint(1, 120)} Tahun {year} mengatur percepatan pembangunan.",
        f"Perkara Nomor {r.randint(1, 2999)}/Pid.Sus/{year}/PN Jkt.Pst diputus bulan lalu.",
        f"Putusan Mahkamah Agung Nomor {r.randint(100, 3999)} K/Pid/{year} menguatkan vonis.",
        f"Register perkara {r.randint(10, 999)}/Pdt.G/{year}/PN.Sby dicabut penggugat.",
        f"Inflasi tahunan tercatat {r.randint(1, 9)},{r.randint(10, 99)} persen atau {r.randint(1, 9)}.{r.randint(1, 9)}% secara bulanan.",
        f"Buku ini terbit dengan ISBN 978-602-{r.randint(1000, 9999)}-{r.randint(10, 99)}-{r.randint(0, 9)}.",
        f"ISBN 978-979-{r.randint(100, 999)}-{r.randint(100, 999)}-{r.randint(0, 9)} tercantum di sampul.",
        f"Titik gempa berada di koordinat -{r.randint(1, 9)}.{g.digits(6)}, {r.randint(95, 140)}.{g.digits(6)}.",
        f"Lokasi: {r.randint(1, 9)}°{r.randint(0, 59)}′LS {r.randint(95, 140)}°{r.randint(0, 59)}′BT, kedalaman {r.randint(5, 90)} km.",
        f"Jumlah penduduk mencapai {r.randint(100, 280)}.{r.randint(0, 999):03d}.{r.randint(0, 999):03d} jiwa pada {year}.",
        f"Data {year} {year + 1} {year + 2} menunjukkan tren kenaikan.",
        f"Router bawaan memakai alamat {g.non_public_ip()} untuk jaringan lokal.",
        f"Perbarui aplikasi ke versi {r.randint(1, 20)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(0, 99)} agar aman.",
        f"Kereta berangkat pukul {r.randint(5, 22):02d}.{r.randint(0, 59):02d} WIB dari Stasiun Gambir.",
        f"Layanan darurat dapat dihubungi di 112, sedangkan call center {r.choice(('14045', '1500-888', '14000'))} melayani pengaduan.",
        f"Tim meraih skor {r.randint(60, 99)},{r.randint(10, 99)} dari {r.randint(100, 999)} peserta.",
        f"Nomor induk pegawai baru diumumkan pada {r.randint(1, 28)} Agustus {year}.",
        f"Sebanyak {r.randint(1, 9)}.{r.randint(100, 999)}.{r.randint(100, 999)} pemilih terdaftar di {r.randint(10, 99)}.{r.randint(100, 999)} TPS.",
        f"Laba bersih naik menjadi US$ {r.randint(1, 99)}.{r.randint(100, 999)}.{r.randint(100, 999)} pada kuartal {r.randint(1, 4)}.",
        f"Rekening penampungan menerima Rp {amount} dari {r.randint(2, 50)} donatur.",
        f"Produksi mencapai {r.randint(1, 9)}.{r.randint(100, 999)}.{r.randint(100, 999)}.{r.randint(100, 999)} ton tahun ini.",
        f"Kode pos {r.randint(10000, 99999)} mencakup {r.randint(2, 20)} kelurahan.",
    ]


def _fill(
    template: str, value: str, ptype: str | None, g: _Gen, extra: Value | None = None
) -> Example:
    """Substitute ``{x}`` (and ``{y}``) and record the gold span(s)."""
    names = {"name": g.r.choice(NAMES), "bank": g.r.choice(BANKS)}
    text = template
    for k, v in names.items():
        text = text.replace("{" + k + "}", v)
    spans: list[GoldSpan] = []
    i = text.index("{x}")
    text = text[:i] + value + text[i + 3 :]
    if ptype:
        spans.append(GoldSpan(ptype, i, i + len(value)))
    if "{y}" in text:
        yv, yt = extra if extra is not None else (value, ptype)
        j = text.index("{y}")
        text = text[:j] + yv + text[j + 3 :]
        if yt:
            spans.append(GoldSpan(yt, j, j + len(yv)))
    return Example(text, spans)


def _categories(g: _Gen) -> dict[str, Callable[[], Example]]:
    r = g.r

    def pick(ts: tuple[str, ...]) -> str:
        return r.choice(ts)

    def cat(template_set, make, ptype, extra=None):
        return lambda: _fill(pick(template_set), make(), ptype, g, extra() if extra else None)

    def npwp_variant() -> str:
        k = r.randrange(3)
        if k == 0:
            return g.npwp15()
        if k == 1:
            return "0" + g.npwp15()
        return g.nik_digits()  # residents' 16-digit NPWP is their NIK

    def card_free() -> str:
        d = g.card_digits()
        while d[0] != "4" and len(d) == 16 and d[:2] in g.res.regions:
            d = g.card_digits()  # keep the no-context set to brands that are never NIK-shaped
        return g.fmt_card(d, grouped=True)

    return {
        "nik_valid": cat(T_NIK, lambda: g.fmt_nik(g.nik_digits()), "nik"),
        "nik_invalid": cat(T_NIK, lambda: g.fmt_nik(g.bad_nik_digits()), None),
        "npwp_formatted": cat(T_NPWP_FREE, lambda: g.fmt_npwp(g.npwp15()), "npwp"),
        "npwp_context": cat(T_NPWP_CTX, npwp_variant, "npwp"),
        "npwp_bad_check": cat(T_NPWP_FREE, lambda: g.fmt_npwp(g.npwp15(valid=False)), None),
        "phone_mobile": cat(T_PHONE, g.mobile, "phone"),
        "phone_invalid": cat(T_PHONE, g.bad_mobile, None),
        "phone_landline": cat(T_LANDLINE, g.landline, "phone", lambda: (g.landline(), "phone")),
        "email": cat(T_EMAIL, g.email, "email"),
        "email_negative": lambda: Example(
            f"Ikuti akun @{r.choice(FIRST)}{r.randint(1, 99)} dan tagar #{r.choice(LAST)} "
            f"untuk info terbaru, atau tulis ke redaksi@ tanpa domain.",
            [],
            "",
        ),
        "ip_public_v4": cat(T_IP, g.public_ipv4, "ip"),
        "ip_public_v6": cat(T_IP, g.public_ipv6, "ip"),
        "ip_non_public": cat(T_IP, g.non_public_ip, None),
        "card_context": cat(
            T_CARD_CTX, lambda: g.fmt_card(g.card_digits(), r.random() < 0.6), "card"
        ),
        "card_grouped": cat(T_CARD_FREE, card_free, "card"),
        "card_bad_luhn": cat(
            T_CARD_CTX, lambda: g.fmt_card(g.card_digits(valid=False), r.random() < 0.6), None
        ),
        "bank_account": cat(T_BANK, g.bank_account, "bank_account"),
        "order_number": cat(T_NEG_ORDER, lambda: g.digits(r.choice((10, 12, 16))), None),
    }


def generate(n_per_category: int = 100, seed: int = 0) -> list[Example]:
    """``n_per_category`` examples of every positive/negative category, plus the same number
    of each generic negative sentence family; deterministic for a given seed."""
    g = _Gen(random.Random(seed), load_resources())
    out: list[Example] = []
    for name, make in _categories(g).items():
        for _ in range(n_per_category):
            ex = make()
            ex.category = name
            out.append(ex)
    for _ in range(n_per_category):
        for j, text in enumerate(_negatives(g)):
            out.append(Example(text, [], f"negative_{j:02d}"))
    return out


def check_labels(examples: Iterable[Example]) -> None:
    """Self-check of the generator: gold spans lie inside the text and card spans pass Luhn."""
    for ex in examples:
        for s in ex.spans:
            if not (0 <= s.start < s.end <= len(ex.text)):
                raise AssertionError(f"bad span {s} in {ex.text!r}")
            if s.type == "card":
                digits = "".join(c for c in ex.text[s.start : s.end] if c.isdigit())
                if not luhn_ok(digits):
                    raise AssertionError(f"card span fails Luhn in {ex.text!r}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100, help="examples per category")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    exs = generate(args.n, args.seed)
    check_labels(exs)
    with args.out.open("wb") as f:
        for ex in exs:
            f.write(orjson.dumps(ex.to_dict()) + b"\n")


if __name__ == "__main__":
    main()
