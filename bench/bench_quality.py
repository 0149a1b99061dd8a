"""Quality filters: saring vs datatrove 0.10.1, side by side in one run on the same real news docs.

Both sides run GopherRepetition -> FineWebQuality -> GopherQuality with the FineWeb-2 ind_Latn
settings read from saring's ``id`` profile; datatrove runs in-process in the anchor venv
(``/tmp/anchor-venv``, spaCy word tokenizer) through ``datatrove_quality_worker.py``. Only the
filter calls are timed; figures are per core (one process, CPU seconds) with wall time alongside.

Then the whole per-document chain on the same docs: quality + spam + optout, and, when
``saring.langid.step`` exists, langid first.

Usage: .venv/bin/python bench/bench_quality.py [--n 3000] [--no-datatrove] [--no-diagnose]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import orjson
from _corpora import NEWS

from saring.document import Document
from saring.quality import profiles
from saring.quality.fineweb import FineWebQuality
from saring.quality.gopher import GopherQuality, GopherRepetition
from saring.quality.optout import OptOutFilter
from saring.quality.spam import SpamFilter
from saring.step import StepStats, run_steps

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"
ANCHOR_PY = Path("/tmp/anchor-venv/bin/python")
WORKER = Path(__file__).resolve().parent / "datatrove_quality_worker.py"
# saring reason -> datatrove reason, for the agreement table.
DT_NAMES = {
    "gopher_few_stop_words": "gopher_enough_stop_words",
    "gopher_below_avg_word_length": "gopher_below_avg_threshold",
    "gopher_above_avg_word_length": "gopher_above_avg_threshold",
    "gopher_dup_line_frac": "dup_line_frac",
    "fineweb_line_punct_ratio": "line_punct_ratio",
    "fineweb_char_dup_ratio": "char_dup_ratio",
    "fineweb_list_ratio": "list_ratio",
    "fineweb_short_line_ratio": "short_line_ratio",
}


def load_news(n: int) -> list[dict]:
    """``n`` real news records, interleaved over the news corpora (first records of each)."""
    per = -(-n // len(NEWS))
    parts = []
    for name in NEWS:
        with gzip.open(CORPORA / name, "rb") as f:
            parts.append([orjson.loads(x) for x in itertools.islice(f, per)])
    mixed = [r for group in itertools.zip_longest(*parts) for r in group if r is not None]
    return mixed[:n]


def dt_name(reason: str | None) -> str | None:
    if reason is None:
        return None
    if reason in DT_NAMES:
        return DT_NAMES[reason]
    if reason.startswith("gopher_top_"):
        return reason.removeprefix("gopher_")
    if reason.startswith("gopher_dup_") and reason.endswith("_gram"):
        return f"duplicated_{reason.split('_')[2]}_n_grams"
    return reason


def run_chain(steps, records: list[dict]) -> tuple[list[Document], float, float]:
    docs = [
        Document(str(r["id"]), r["text"], {k: r.get(k) for k in ("url", "lang") if r.get(k)})
        for r in records
    ]
    stats: dict[str, StepStats] = {}
    for s in steps:
        s.ensure_setup()
    w0, c0 = time.perf_counter(), time.process_time()
    out = list(run_steps(steps, docs, stats))
    return out, time.perf_counter() - w0, time.process_time() - c0


def datatrove_settings() -> dict:
    rep = profiles.section("id", "gopher_repetition")
    fw = profiles.section("id", "fineweb_quality")
    gq = profiles.section("id", "gopher_quality")
    return {
        "language": "ind_Latn",
        "dup_line_frac": rep["dup_line_frac"],
        "dup_para_frac": rep["dup_para_frac"],
        "dup_line_char_frac": rep["dup_line_char_frac"],
        "dup_para_char_frac": rep["dup_para_char_frac"],
        "top_n_grams": sorted([int(k), v] for k, v in rep["top_n_grams"].items()),
        "dup_n_grams": sorted([int(k), v] for k, v in rep["dup_n_grams"].items()),
        "short_line_thr": fw["short_line_thr"],
        "char_duplicates_ratio": fw["char_duplicates_ratio"],
        "line_punct_thr": fw["line_punct_thr"],
        "new_line_ratio": fw["new_line_ratio"],
        "max_avg_word_length": gq["max_avg_word_length"],
        "min_avg_word_length": gq["min_avg_word_length"],
        "stop_words": gq["stop_words"],
        "min_alpha_words_ratio": gq["min_alpha_words_ratio"],
        "min_stop_words": gq["min_stop_words"],
    }


def run_datatrove(texts: list[str], diagnose: bool, order: list[str] | None = None) -> dict:
    job = json.dumps({
        "texts": texts, "settings": datatrove_settings(), "diagnose": diagnose,
        "order": order or ["rep", "fw", "gq"],
    })
    proc = subprocess.run(
        [str(ANCHOR_PY), str(WORKER)], input=job, capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def fmt_rate(n: int, secs: float) -> str:
    return f"{n / secs:,.0f}" if secs > 0 else "inf"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--no-datatrove", action="store_true")
    ap.add_argument("--no-diagnose", action="store_true")
    args = ap.parse_args()
    pool = load_news(args.n + 600)
    # Warm-up docs are distinct from the timed ones (token-type caches reach steady state the way
    # they would mid-corpus, without having seen the measured texts).
    records, warm = pool[: args.n], pool[args.n :]
    n = len(records)
    mb = sum(len(r["text"].encode()) for r in records) / 1e6
    print(f"# {n} real news docs ({mb:.1f} MB) from {', '.join(NEWS)}")

    quality = [
        GopherRepetition(profile="id"),
        FineWebQuality(profile="id"),
        GopherQuality(profile="id"),
    ]
    # warm-up: resources loaded, regexes compiled, caches primed outside timing
    run_chain(quality, warm)
    ours, s_wall, s_cpu = run_chain(quality, records)
    our_reasons = [d.decision.reason for d in ours]

    rows = [("saring quality chain (rep+fw+gq)", n, s_wall, s_cpu)]
    cheap = [FineWebQuality(profile="id"), GopherRepetition(profile="id"), GopherQuality(profile="id")]
    run_chain(cheap, warm)
    cheap_out, c_wall, c_cpu = run_chain(cheap, records)
    assert [d.status for d in cheap_out] == [d.status for d in ours]  # same keep/drop
    rows.append(("saring quality chain, cheap-first order (fw+rep+gq)", n, c_wall, c_cpu))
    if not args.no_datatrove and ANCHOR_PY.exists():
        texts = [r["text"] for r in records]
        dt = run_datatrove(texts, diagnose=not args.no_diagnose)
        rows.append(("datatrove 0.10.1 same chain", n, dt["wall"], dt["cpu"]))
        dt_cheap = run_datatrove(texts, diagnose=False, order=["fw", "rep", "gq"])
        rows.append(("datatrove 0.10.1, cheap-first order (fw+rep+gq)", n, dt_cheap["wall"],
                     dt_cheap["cpu"]))
        assert [r is None for r in dt_cheap["reasons"]] == [r is None for r in dt["reasons"]]
    else:
        dt = None

    full = [
        OptOutFilter(),
        FineWebQuality(),
        GopherRepetition(),
        GopherQuality(),
        SpamFilter(),
    ]
    lid_note = "langid not available"
    try:
        from saring.langid.step import LanguageID  # type: ignore[import-not-found]

        full.insert(0, LanguageID())
        lid_note = "with saring.langid.step.LanguageID()"
    except Exception as exc:  # noqa: BLE001 - the other engineer's step may not exist yet
        lid_note = f"langid not available ({type(exc).__name__})"
    if lid_note.startswith("with"):
        lid_only = [full[0]]
        run_chain(lid_only, warm)
        _, l_wall, l_cpu = run_chain(lid_only, records)
        rows.append(("langid alone (other engineer's step)", n, l_wall, l_cpu))
    run_chain(full, warm)
    _, f_wall, f_cpu = run_chain(full, records)
    rows.append((f"whole chain: {' + '.join(s.name for s in full)}", n, f_wall, f_cpu))
    spam_only = [SpamFilter(score_only=True)]
    run_chain(spam_only, warm)
    _, sp_wall, sp_cpu = run_chain(spam_only, records)
    rows.append(("spam filter alone", n, sp_wall, sp_cpu))

    print(f"\n## Throughput (one process; {lid_note})\n")
    print("| run | docs | wall s | CPU s | docs/s per core (CPU) | docs/s (wall) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, k, w, c in rows:
        print(f"| {name} | {k} | {w:.2f} | {c:.2f} | {fmt_rate(k, c)} | {fmt_rate(k, w)} |")
    if dt is not None:
        print(
            f"\nspeed ratio saring/datatrove (per core, CPU): **{dt['cpu'] / s_cpu:.1f}x**"
            f" (wall: {dt['wall'] / s_wall:.1f}x); both cheap-first: "
            f"**{dt_cheap['cpu'] / c_cpu:.1f}x** (wall: {dt_cheap['wall'] / c_wall:.1f}x)"
        )
        report_agreement(records, our_reasons, dt)

    kept = Counter(r is None for r in our_reasons)
    print(f"\nsaring quality chain kept {kept[True]} / {n}; reasons: "
          f"{dict(Counter(r for r in our_reasons if r).most_common())}")


def report_agreement(records: list[dict], ours: list[str | None], dt: dict) -> None:
    theirs = dt["reasons"]
    n = len(ours)
    both_keep = sum(a is None and b is None for a, b in zip(ours, theirs, strict=True))
    both_drop = sum(a is not None and b is not None for a, b in zip(ours, theirs, strict=True))
    agree = both_keep + both_drop
    same_reason = sum(
        a is not None and dt_name(a) == b for a, b in zip(ours, theirs, strict=True)
    )
    print("\n## Keep/drop agreement\n")
    print("| | count |\n|---|---:|")
    print(f"| both keep | {both_keep} |\n| both drop | {both_drop} (same first reason: {same_reason}) |")
    print(f"| saring drops, datatrove keeps | {sum(a is not None and b is None for a, b in zip(ours, theirs, strict=True))} |")
    print(f"| saring keeps, datatrove drops | {sum(a is None and b is not None for a, b in zip(ours, theirs, strict=True))} |")
    print(f"| **agreement** | **{agree / n:.2%}** |")
    classes = Counter(
        (dt_name(a) or "keep", b or "keep")
        for a, b in zip(ours, theirs, strict=True)
        if (a is None) != (b is None)
    )
    if classes:
        print("\n### Disagreement classes (saring reason -> datatrove reason)\n")
        print("| saring | datatrove | docs | example ids |\n|---|---|---:|---|")
        for (a, b), k in classes.most_common():
            ids = [
                str(records[i]["id"]) for i in range(n)
                if (dt_name(ours[i]) or "keep") == a and (theirs[i] or "keep") == b
            ][:3]
            print(f"| {a} | {b} | {k} | {', '.join(ids)} |")
    per = dt.get("per_filter")
    if per:
        print("\n### Per-filter verdict agreement (each filter run alone on every doc)\n")
        print("| filter | agree | datatrove drops | saring drops |\n|---|---:|---:|---:|")
        steps = {"rep": GopherRepetition(profile="id"), "fw": FineWebQuality(profile="id"),
                 "gq": GopherQuality(profile="id")}
        for key, step in steps.items():
            mine = [step.evaluate(r["text"], "id", stop_early=True)[1] for r in records]
            a = sum((m is None) == (t is None) for m, t in zip(mine, per[key], strict=True))
            print(f"| {step.name} | {a / n:.2%} | {sum(t is not None for t in per[key])} | "
                  f"{sum(m is not None for m in mine)} |")


if __name__ == "__main__":
    sys.exit(main())
