"""Callgrind instructions of ``Detector.find`` on the digit-heavy adversarial generators (session 18).

Why: the finders run on every split of long digit runs, so a change to the finder table is
measured where it is called most, not only on news. Run once per side under callgrind with
``run`` and once with ``skip`` (set-up and text building only); the difference is the cost of
three ``find`` calls per generator at 10 KB.

    PYTHONHASHSEED=0 PYTHONPATH=<src>:bench valgrind --tool=callgrind --callgrind-out-file=OUT \
        python evaluation/pii/cg_find.py run|skip
"""

from __future__ import annotations

import sys

from bench_regex_budget import make_text

from saring.pii.detect import Detector

NAMES = (
    "phone_random",
    "digit_groups_random",
    "phone_spaced",
    "phone_dashed",
    "phone_plus62",
    "digits_only",
    "nik_like",
    "amounts",
)


def main() -> None:
    det = Detector()
    texts = [make_text(name, 10_000) for name in NAMES]
    if sys.argv[1] == "run":
        for text in texts:
            for _ in range(3):
                det.find(text)


if __name__ == "__main__":
    main()
