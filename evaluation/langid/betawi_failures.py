"""Betawi corpus texts labelled id/ms/jv/su with confidence >= 0.5, and their hand-checked labels
(issue 17, session 6).

Why: about half of the Betawi texts the step labels confidently Indonesian read as Indonesian
(the corpus label is wrong), so the regional figure is reported both raw and with that label
noise removed. ``data/betawi_checked.tsv`` holds, per record id (no text), the label given by
reading the text: ``id`` (Indonesian, standard or informal, no Betawi-only form: the corpus label
is noise), ``mixed`` (Indonesian with a few Betawi words), ``bew`` (Betawi, usually the
colloquial Jakarta register).

    python evaluation/langid/betawi_failures.py list tune       # failures not yet checked, with text
    python evaluation/langid/betawi_failures.py count tune eval # raw and noise-removed figures
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.langid import sets as E  # noqa: E402
from saring.document import Document  # noqa: E402
from saring.langid.step import LanguageID  # noqa: E402

CHECKED = Path(__file__).resolve().parent / "data" / "betawi_checked.tsv"
LIMIT = 400  # per language and set, as bench/bench_langid_regional.py
FIVE = ("id", "ms", "jv", "su")


def checked() -> dict[str, str]:
    """Record id -> hand label (``id`` / ``mixed`` / ``bew``)."""
    if not CHECKED.exists():
        return {}
    rows = [r.split("\t") for r in CHECKED.read_text(encoding="utf-8").splitlines()
            if r and not r.startswith("#")]
    return {r[0]: r[1] for r in rows[1:]}  # columns: ref, label, half


def betawi(split: str) -> list[E.Sample]:
    """The Betawi texts of the benchmark's sets (same limits as the benchmark)."""
    samples = E.paragraph_set(split, limit_per_lang=LIMIT) + E.sentence_set(split, limit_per_lang=LIMIT)
    return [s for s in samples if s.gold == "bew"]


def failures(split: str) -> tuple[list[tuple[E.Sample, str, float]], int]:
    """Betawi texts labelled id/ms/jv/su with score >= 0.5, and the number of Betawi texts."""
    step = LanguageID(keep_langs=["id", "ms", "jv", "su", "en"], score_only=True)
    step.ensure_setup()
    out = []
    texts = betawi(split)
    for s in texts:
        sc = step.score(Document(s.ref, s.text))
        if sc["lang"] in FIVE and sc["score"] >= 0.5:
            out.append((s, sc["lang"], sc["score"]))
    return out, len(texts)


def main() -> None:
    cmd, *splits = sys.argv[1:]
    labels = checked()
    for split in splits:
        bad, n = failures(split)
        if cmd == "list":
            for s, lang, score in bad:
                if s.ref not in labels:
                    print(f"{s.ref}\t{lang} {score:.2f}\t{s.text[:400]}\n")
            continue
        by = Counter(labels.get(s.ref, "unchecked") for s, _, _ in bad)
        noise = by["id"]
        print(f"{split}: Betawi texts labelled id/ms/jv/su >= 0.5: {len(bad)}/{n} ({len(bad) / n:.1%}) raw; "
              f"hand labels {dict(by)}; without the texts read as Indonesian: "
              f"{len(bad) - noise}/{n - noise} ({(len(bad) - noise) / max(n - noise, 1):.1%})")


if __name__ == "__main__":
    main()
