"""Worker for bench_quality.py, run with the datatrove venv's python (not ours).

Reads a JSON job on stdin: {"texts": [...], "settings": {...}, "diagnose": bool}. Runs datatrove
0.10.1's GopherRepetition -> FineWebQuality -> GopherQuality chain (FineWeb-2 order) in-process,
timing only the filter calls, and prints a JSON result: per-doc first failing reason (or null),
wall and CPU seconds, and (when diagnose) each filter's independent verdict per doc.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    job = json.load(sys.stdin)
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    s = job["settings"]
    lang = s.get("language", "ind_Latn")
    rep = GopherRepetitionFilter(
        language=lang,
        dup_para_frac=s["dup_para_frac"] or 0,
        dup_line_char_frac=s["dup_line_char_frac"] or 0,
        dup_para_char_frac=s["dup_para_char_frac"] or 0,
        dup_line_frac=s["dup_line_frac"],
        top_n_grams=tuple(tuple(x) for x in s["top_n_grams"]),
        dup_n_grams=tuple(tuple(x) for x in s["dup_n_grams"]),
    )
    fw = FineWebQualityFilter(
        language=lang,
        short_line_thr=s["short_line_thr"] if s["short_line_thr"] is not None else 999,
        char_duplicates_ratio=s["char_duplicates_ratio"],
        line_punct_thr=s["line_punct_thr"],
        new_line_ratio=s["new_line_ratio"],
    )
    gq = GopherQualityFilter(
        language=lang,
        max_avg_word_length=s["max_avg_word_length"],
        min_avg_word_length=s["min_avg_word_length"],
        stop_words=s["stop_words"],
        max_non_alpha_words_ratio=s["min_alpha_words_ratio"],
        min_stop_words=s["min_stop_words"],
    )
    filters = {"rep": rep, "fw": fw, "gq": gq}
    chain = [(k, filters[k]) for k in job.get("order", ["rep", "fw", "gq"])]
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(job["texts"])]
    # Warm up spaCy (model construction) outside the timed loop.
    rep.filter(Document(text="Ini adalah kalimat pemanasan untuk tokenizer.", id="w"))

    def verdict(f, d):
        r = f.filter(d)
        if r is True:
            return None
        return r[1] if isinstance(r, tuple) else "rejected"

    reasons = []
    w0, c0 = time.perf_counter(), time.process_time()
    for d in docs:
        why = None
        for _, f in chain:
            why = verdict(f, d)
            if why is not None:
                break
        reasons.append(why)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    out = {"reasons": reasons, "wall": wall, "cpu": cpu}
    if job.get("diagnose"):
        out["per_filter"] = {
            name: [verdict(f, Document(text=d.text, id=d.id)) for d in docs]
            for name, f in filters.items()
        }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
