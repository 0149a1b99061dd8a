"""PII on bare values (no label word nearby) and on technical look-alikes (issue 17).

Contexts and traps are hand-written (``evaluation/pii/bare.py``), values come from a generator
written independently of the detector. Prints recall per type and precision over all found
spans for the tune half (templates and traps the bare rules were developed on), the first
held-out half (seen after the first round of bare rules, so no longer held out), and a second
held-out set written later with new values, shapes and traps (``evaluation/pii/bare_heldout.py``,
fixed after its first run) and a third one written after those fixes
(``evaluation/pii/bare_heldout3.py``), and the fourth set's tune and held-out halves (session 14,
``evaluation/pii/bare_heldout4.py``), plus every false span and every miss.

Usage: python bench/bench_pii_bare.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.pii import bare as B  # noqa: E402
from evaluation.pii import bare_heldout as H  # noqa: E402
from evaluation.pii import bare_heldout3 as H3  # noqa: E402
from evaluation.pii import bare_heldout4 as H4  # noqa: E402
from saring.pii.detect import Detector  # noqa: E402


def main() -> None:
    det = Detector()

    def detect(text: str) -> list[tuple[str, int, int]]:
        return [(s.type, s.start, s.end) for s in det.find(text)[0]]

    print("| half | nik | npwp | phone | email | card | precision (false spans / found) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    details = []
    sets = [(h, B.positives(h), B.traps(h)) for h in ("tune", "heldout")]
    sets.append(("heldout2", *H.items()))
    sets.append(("heldout3", *H3.items()))
    sets += [(f"set4 {h}", *H4.items(h)) for h in ("tune", "heldout")]
    for half, pos, traps in sets:
        r = B.score(detect, pos + traps)
        cells = " | ".join(f"{r[t]['recall']:.3f} (n={r[t]['n']})" for t in ("nik", "npwp", "phone", "email", "card"))
        a = r["_all"]
        print(f"| {half} ({len(traps)} traps) | {cells} | {a['precision']:.3f} ({a['false_spans']} / {a['found']}) |")
        for it in traps:
            if detect(it.text):
                details.append(f"{half} false span: {detect(it.text)} in {it.text!r}")
        for it in pos:
            found = detect(it.text)
            for typ, s, e in it.spans:
                if not any(fs < e and s < fe for _, fs, fe in found):
                    details.append(f"{half} miss {typ}: {it.text[s:e]!r} in {it.text[:60]!r}")
            for typ, fs, fe in found:
                if not any(fs < e and s < fe for _, s, e in it.spans):
                    details.append(f"{half} false span in a positive: {typ} {it.text[fs:fe]!r} in {it.text[:60]!r}")
    print()
    print("\n".join(details))


if __name__ == "__main__":
    main()
