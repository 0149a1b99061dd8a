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
}


def make_text(gen: str, size: int) -> str:
    unit = GENERATORS[gen]()
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
    print(f"CPU ms per 10 KB (best of {args.repeat}); '!' = over {BUDGET_MS_PER_10KB:.0f} ms/10 KB")
    print(f"{'generator':<16}" + "".join(f"{s.label:>22}" for s in steps))
    for gen in gens:
        cells = []
        for s in steps:
            vals = []
            for size in sizes:
                sec = time_step(s, make_text(gen, size), args.repeat, args.timeout)
                per = None if sec is None else sec * 1000 * 10_000 / size
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
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"sizes": sizes, "rows": rows,
                       "worst": {k: {"ms_per_10kb": round(v[0], 3), "generator": v[1], "size": v[2]}
                                 for k, v in worst.items()}}, f, indent=1)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
