"""Repetition rules on clean paragraphs with natural repetition and on repetitive spam (issue 17).

For each text of ``evaluation/quality/repetition14.py`` (by half): the repetition rules that fail
(Gopher's repetition filter and FineWeb's duplicated-line rule, each after its second look at
layout) with the measured value, the threshold and what the rule names as repeated; the other
quality rules that fail; and the quality step's verdict. A summary line per half counts clean
paragraphs rejected by a repetition rule, and those without a named repeat (the target: none).

Usage: python bench/bench_quality_repetition.py [--half tune|heldout|both] [--quiet]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.quality import repetition14 as R  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.quality.fineweb import FineWebQuality  # noqa: E402
from saring.quality.gopher import GopherQuality, GopherRepetition  # noqa: E402
from saring.quality.step import QualityFilter  # noqa: E402
from saring.quality.textstats import stats_for  # noqa: E402
from saring.step import run_steps  # noqa: E402

FW_REPETITION = {"fineweb_char_dup_ratio"}


def failures(step, text: str, repetition: bool | None = None) -> list[tuple[str, float, float, str | None]]:
    """(reason, value, threshold, what repeated) of every rule that fails and stays failed after
    the filter's second look; ``repetition`` selects FineWeb's rules by kind."""
    scores, _ = step.evaluate(text, "id", stop_early=False)
    out = []
    for metric, t, is_min, zero_ok, reason in step._plans["id"]:
        if repetition is not None and (reason in FW_REPETITION) != repetition:
            continue
        v = scores.get(metric)
        if v is None or not ((v < t if is_min else v > t) and not (zero_ok and v == 0)):
            continue
        seen: dict = {}
        confirm = getattr(step, "confirm", None)  # None before session 14: no second look
        if confirm is None or confirm(reason, metric, v, t, stats_for(text), step._settings["id"], seen):
            out.append((reason, round(v, 3), t, seen.get("repeated")))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=["tune", "heldout", "both"], default="both")
    ap.add_argument("--quiet", action="store_true", help="summary lines only")
    a = ap.parse_args()
    rep, fw, gq, qf = GopherRepetition(), FineWebQuality(), GopherQuality(), QualityFilter()
    for half in ("tune", "heldout") if a.half == "both" else (a.half,):
        rejected = unnamed = 0
        clean = R.clean(half)
        for genre, text in clean:
            rf = failures(rep, text) + failures(fw, text, True)
            other = failures(fw, text, False) + failures(gq, text)
            doc = next(iter(run_steps([qf], [Document("x", text, {"lang_detected": "id"})], {})))
            rejected += bool(rf)
            unnamed += any(r[3] is None for r in rf)
            if not a.quiet:
                print(f"{half} {genre:9s} words={len(text.split()):3d} repetition={rf} "
                      f"other={[o[:3] for o in other]} step={doc.status} {doc.decision.reason}")
        caught = 0
        for genre, text in R.spam(half):
            rf = failures(rep, text) + failures(fw, text, True)
            caught += bool(rf)
            if not a.quiet:
                print(f"{half} SPAM {genre:9s} repetition={[r[0] for r in rf][:3]} named={rf[0][3] if rf else None}")
        print(f"== {half}: clean {len(clean)}, rejected by a repetition rule {rejected}, "
              f"without a named repeat {unnamed}; spam caught by a repetition rule "
              f"{caught} / {len(R.spam(half))}")


if __name__ == "__main__":
    main()
