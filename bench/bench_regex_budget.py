"""Regex / complexity budget: worst case per step on adversarial text at 10 KB, 100 KB, 1 MB.

Every per-document step of ``Pipeline.default()`` (plus ``quality_all``: the quality step in
score-only mode, which runs every rule instead of stopping at the first rejection) runs on a
fresh ``Document`` (``lang_detected: id``) per generator and size, so one step's edits never
change what the next step sees; CPU time of this process, best of ``--repeat``, with a
``--timeout`` alarm. The budget is 10 ms per 10 KB of text; cells over it are marked ``!``.

The generators are written here by hand (no corpus text): digit runs shaped like phones, NIKs,
amounts and dates; e-mail-like chains; many short lines; bracket, dash and punctuation runs;
"Baca juga" spam; URLs; bidi and zero-width junk; a long word; and a plain Indonesian paragraph
as the non-adversarial reference. A size is reached by repeating the unit and cutting.

Usage: python bench/bench_regex_budget.py [--sizes 10000,100000,1000000] [--repeat 2]
       [--steps pii,quality] [--generators phone,email] [--timeout 60] [--json out.json]
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import signal
import sys
import time
from collections.abc import Callable

from saring.document import Document
from saring.pipeline import DEFAULT_STEPS, Pipeline, build_step

BUDGET_MS_PER_10KB = 10.0

_PARA = ("Pemerintah Kota Bandung mulai memperbaiki jalan rusak di sejumlah kecamatan pada pekan "
         "ini. Kepala dinas mengatakan perbaikan ditargetkan selesai sebelum musim hujan tiba, "
         "dan warga diminta melapor lewat aplikasi bila menemukan lubang baru.\n")

def _random_phones() -> str:
    """Distinct mobile numbers (seeded): defeats any cache keyed on repeated content."""
    rng = random.Random(7)
    return "".join(f"08{rng.randint(11, 99)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} "
                   for _ in range(2000))


def _random_digit_groups() -> str:
    rng = random.Random(8)
    return "".join(f"{rng.randint(0, 10 ** rng.randint(1, 6)):d}{rng.choice(' .-')}" for _ in range(8000))


def _random_short_lines() -> str:
    """Distinct three-letter lines (seeded): a per-line cost that no per-document cache of
    repeated lines can hide."""
    rng = random.Random(9)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join("".join(rng.choice(letters) for _ in range(3)) + "\n" for _ in range(5000))


def _codepoint_lines(start: int = 0x4E00, skip_surrogates: bool = False) -> str:
    """One distinct code point per line from ``start`` upwards (every later one different, so no
    per-line or per-character cache helps): from U+4E00 this crosses CJK, Hangul, the surrogate
    block (lone surrogates, as a JSON ``\\ud800`` escape gives), private use, full-width forms
    and the astral planes."""
    out = []
    cp = start
    while len(out) < 600_000:
        if not (skip_surrogates and 0xD800 <= cp <= 0xDFFF):
            out.append(chr(cp) + "\n")
        cp += 1
        if cp > 0x10FFFF:
            cp = start
    return "".join(out)


def _cycle_lines(lo: int, hi: int, per_line: int = 1, sep: str = "\n") -> str:
    """Lines of ``per_line`` consecutive code points cycling through ``lo``..``hi``."""
    n = hi - lo + 1
    return "".join("".join(chr(lo + (i * per_line + k) % n) for k in range(per_line)) + sep
                   for i in range(max(2000, 2 * n // per_line)))


_RARE = [(0x1200, 0x137C), (0x0F00, 0x0FD4), (0x1780, 0x17DD), (0x10A0, 0x10FF), (0x0D00, 0x0D7F),
         (0x1E900, 0x1E95F), (0x2C80, 0x2CFF), (0x13000, 0x1342E), (0xA000, 0xA48C), (0x1400, 0x167F)]


def _rare_script_lines() -> str:
    """Distinct characters of rare scripts (Ethiopic, Tibetan, Khmer, Georgian, Malayalam,
    Adlam, Coptic, hieroglyphs, Yi, Canadian syllabics), seeded, one or two per line."""
    rng = random.Random(11)
    lines = []
    for _ in range(60_000):
        lo, hi = rng.choice(_RARE)
        lines.append("".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 2))))
    return "\n".join(lines) + "\n"


def _rtl_ltr() -> str:
    """Alternating Arabic / Hebrew / Latin words with bidi marks and isolates between them."""
    rng = random.Random(12)
    words = ["كلمة", "שלום", "kata", "الأخبار", "עברית", "berita", "\u200fجديد\u200e", "\u2067مرحبا\u2069"]
    return "".join(rng.choice(words) + rng.choice([" ", " ", "\n", "، "]) for _ in range(40_000))


def _combining_lines() -> str:
    """Lines of only combining marks (seeded runs from U+0300-U+036F and U+1AB0-U+1AFF; NFC and
    every per-character pass see nothing to attach them to)."""
    rng = random.Random(13)
    marks = [chr(c) for c in list(range(0x300, 0x370)) + list(range(0x1AB0, 0x1ACF))]
    return "".join("".join(rng.choice(marks) for _ in range(rng.randint(1, 12))) + "\n"
                   for _ in range(60_000))


def _long_line_random() -> str:
    """One line of seeded random letters and digits, no space (a ~1 MB 'word')."""
    rng = random.Random(14)
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", k=1_100_000))


def _words(rng: random.Random, n: int, cap: bool = True) -> str:
    letters = "abcdefghijklmnoprstuw"
    ws = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(n)]
    return " ".join(w.capitalize() if cap else w for w in ws)


def _baca_juga_random() -> str:
    """Distinct "Baca juga: <Title>" lines (seeded titles)."""
    rng = random.Random(15)
    heads = ["Baca juga: ", "BACA JUGA: ", "Baca Juga : ", "Simak juga: ", "Lihat juga: "]
    return "".join(rng.choice(heads) + _words(rng, rng.randint(3, 9)) + "\n" for _ in range(25_000))


def _dateline_lines() -> str:
    """Distinct dateline-like lines: ``PLACE, Outlet.com - text`` with seeded place names."""
    rng = random.Random(16)
    out = []
    for _ in range(25_000):
        place = _words(rng, rng.randint(1, 2)).upper()
        outlet = _words(rng, 1) + rng.choice([".com", ".id", ".co.id", "News", ""])
        sep = rng.choice([" - ", " -- ", " – ", ": ", " — "])
        out.append(f"{place}, {outlet}{sep}{_words(rng, rng.randint(0, 6), cap=False)}\n")
    return "".join(out)


def _credit_lines() -> str:
    """Distinct short credit-like lines (``Editor: Xyz``, ``Foto: A/B``, ``(abc/def)``...)."""
    rng = random.Random(17)
    heads = ["Editor: ", "Penulis: ", "Foto: ", "Pewarta: ", "Reporter: ", "Sumber: ", "Laporan: "]
    out = []
    for _ in range(30_000):
        k = rng.randint(0, 3)
        if k == 0:
            out.append(rng.choice(heads) + _words(rng, rng.randint(1, 3)))
        elif k == 1:
            out.append(f"Foto: {_words(rng, 1)}/{_words(rng, 1)}")
        elif k == 2:
            out.append(f"({_words(rng, 1, cap=False)}/{_words(rng, 1, cap=False)})")
        else:
            out.append(f"{_words(rng, 1).upper()}/{_words(rng, 1)}")
    return "\n".join(out) + "\n"


def _mojibake_lines() -> str:
    """Distinct short lines of UTF-8 mojibake (Windows-1252 decoding of accented words), each a
    genuine ftfy fix."""
    rng = random.Random(18)
    acc = "éèàâçüöñíóúãõ"
    out = []
    for _ in range(30_000):
        w = _words(rng, 1, cap=False)
        i = rng.randrange(len(w) + 1)
        w = w[:i] + rng.choice(acc) + w[i:]
        out.append(w.encode("utf-8").decode("windows-1252", "replace"))
    return "\n".join(out) + "\n"


def _mojibake_words() -> str:
    """The same mojibake words on one line (one ftfy segment), with an emoji every seventh word
    so that the line never decodes whole from a single-byte encoding."""
    words = _mojibake_lines().split("\n")
    return " ".join(w + (" \U0001F600" if k % 7 == 6 else "") for k, w in enumerate(words))


def _fullwidth_words() -> str:
    """Seeded words written in full-width forms (each character a width fix)."""
    rng = random.Random(19)
    return "".join(
        "".join(chr(ord(c) + 0xFEE0) for c in _words(rng, 1)) + rng.choice([" ", " ", "\n"])
        for _ in range(120_000))


GENERATORS: dict[str, Callable[[], str]] = {
    "news_like": lambda: _PARA,
    "phone_random": _random_phones,
    "digit_groups_random": _random_digit_groups,
    "phone_spaced": lambda: "0812 3456 7890 ",
    "phone_dashed": lambda: "0812-3456-7890 ",
    "phone_plus62": lambda: "+62 813 9876 5432 ",
    "digits_only": lambda: "0812345678901234",
    "digit_space": lambda: "0 8 1 2 3 ",
    "nik_like": lambda: "3201234567890001 ",
    "amounts": lambda: "Rp1.000.000,00 ",
    "email_chain": lambda: "a.b@c.",
    "at_dots": lambda: "@.",
    "plus62_run": lambda: "+62",
    "short_lines": lambda: "a\n",
    "short_lines_random": _random_short_lines,
    "function_word_lines": lambda: "yang\ndan\nteu\nora\nthe\n",
    "brackets": lambda: "([{<\"'",
    "dashes": lambda: "-",
    "dot_space": lambda: ". ",
    "baca_juga": lambda: "Baca juga: ",
    "baca_juga_lines": lambda: "Baca juga: Berita lain\n",
    "urls": lambda: "http://a.b/c?d=e ",
    "bidi_zw": lambda: "kata\u202e\u200b\u2066 ",
    "caps": lambda: "BERITA TERKINI ",
    "long_word": lambda: "x",
    # beyond the first 23 (session 4): distinct per line, so no memo of repeated lines helps
    "codepoint_lines": _codepoint_lines,
    "cjk_lines": lambda: _cycle_lines(0x4E00, 0x9FFF),
    "emoji_lines": lambda: _cycle_lines(0x1F300, 0x1FAFF),
    "emoji_zwj": lambda: "\U0001F468\u200d\U0001F469\u200d\U0001F467 \U0001F3F3\ufe0f\u200d\U0001F308\n",
    "rare_script_lines": _rare_script_lines,
    "fullwidth_lines": lambda: _cycle_lines(0xFF01, 0xFFEE),
    "fullwidth_words": _fullwidth_words,
    "surrogate_lines": lambda: _cycle_lines(0xD800, 0xDFFF),
    "mojibake_lines": _mojibake_lines,
    "mojibake_words": _mojibake_words,
    "rtl_ltr": _rtl_ltr,
    "combining_lines": _combining_lines,
    "long_line_random": _long_line_random,
    "baca_juga_random": _baca_juga_random,
    "dateline_lines": _dateline_lines,
    "credit_lines": _credit_lines,
}


@functools.cache
def _unit(gen: str) -> str:
    return GENERATORS[gen]()


def make_text(gen: str, size: int) -> str:
    """``size`` characters of the generator's text (a character is at least a byte, so this is
    at least ``size`` bytes of UTF-8: the stricter reading of "per 10 KB")."""
    unit = _unit(gen)
    return (unit * (size // len(unit) + 1))[:size]


_CALLS = 0


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def time_step(step, text: str, repeat: int, timeout: int) -> float | None:
    """Best CPU seconds (of this process: the machine is shared) of ``step.process`` on a fresh
    document; None on timeout (the alarm is wall time)."""
    global _CALLS
    best = float("inf")
    for _ in range(repeat):
        # a fresh text per call (first two characters vary): steps cache tokenization per text
        # (lru_cache), and a repeat or the next step must not time a cache hit
        _CALLS += 1
        fresh = chr(0x61 + _CALLS % 26) + chr(0x61 + _CALLS // 26 % 26) + text[2:]
        doc = Document("bench", fresh, {"lang_detected": "id"})  # as langid would leave it
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(timeout)
        try:
            t0 = time.process_time()
            step.process(doc)
            best = min(best, time.process_time() - t0)
        except _Timeout:
            return None
        except Exception as exc:  # noqa: BLE001 - a crash is a finding, not the end of the bench
            print(f"  {step.label} raised {type(exc).__name__}: {str(exc)[:120]!r}", file=sys.stderr)
            return float("nan")
        finally:
            signal.alarm(0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--steps", default="")
    ap.add_argument("--generators", default="")
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    steps = Pipeline.default().per_document().steps
    # the pipeline's quality step stops at the first rule that rejects; score-only runs them all
    qparams = next(e["quality"] for e in DEFAULT_STEPS if isinstance(e, dict) and "quality" in e)
    steps.append(build_step("quality", {**qparams, "score_only": True, "label": "quality_all"}))
    if args.steps:
        keep = set(args.steps.split(","))
        steps = [s for s in steps if s.label in keep]
    gens = args.generators.split(",") if args.generators else list(GENERATORS)
    for s in steps:
        s.ensure_setup()
    rows: list[dict] = []
    worst: dict[str, tuple[float, str, int]] = {}
    errors: list[tuple[str, str, int]] = []
    print(f"CPU ms per 10 KB (best of {args.repeat}); '!' = over {BUDGET_MS_PER_10KB:.0f} ms/10 KB")
    print(f"{'generator':<16}" + "".join(f"{s.label:>22}" for s in steps))
    for gen in gens:
        cells = []
        for s in steps:
            vals = []
            for size in sizes:
                sec = time_step(s, make_text(gen, size), args.repeat, args.timeout)
                per = None if sec is None else sec * 1000 * 10_000 / size
                if per is not None and per != per:  # the step raised
                    rows.append({"generator": gen, "step": s.label, "size": size, "error": True})
                    errors.append((s.label, gen, size))
                    vals.append("ERR")
                    continue
                rows.append({"generator": gen, "step": s.label, "size": size,
                             "ms_per_10kb": None if per is None else round(per, 3)})
                key = s.label
                if per is None:
                    per = float("inf")
                if per > worst.get(key, (-1.0, "", 0))[0]:
                    worst[key] = (per, gen, size)
                vals.append("T/O" if per == float("inf") else f"{per:.1f}{'!' if per > BUDGET_MS_PER_10KB else ''}")
            cells.append("/".join(vals))
        print(f"{gen:<16}" + "".join(f"{c:>22}" for c in cells), flush=True)
    print("\nworst case per step (ms per 10 KB, generator, size):")
    over = 0
    for label, (per, gen, size) in worst.items():
        flag = "OVER BUDGET" if per > BUDGET_MS_PER_10KB else "ok"
        over += per > BUDGET_MS_PER_10KB
        print(f"  {label:<12} {per:8.2f}  {gen:<16} {size:>9,}  {flag}")
    for label, gen, size in errors:
        print(f"  {label:<12} raised on {gen} at {size:,}  ERROR")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"sizes": sizes, "rows": rows,
                       "worst": {k: {"ms_per_10kb": round(v[0], 3), "generator": v[1], "size": v[2]}
                                 for k, v in worst.items()}}, f, indent=1)
    return 1 if over or errors else 0


if __name__ == "__main__":
    sys.exit(main())
