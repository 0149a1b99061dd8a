"""Which documents' decisions a langid change moves in the whole default chain (issue 17).

    PYTHONPATH=<main checkout>/src python evaluation/langid/chain_decisions.py write /tmp/dec-main.json
    python evaluation/langid/chain_decisions.py compare /tmp/dec-main.json [detail]

Runs ``Pipeline.default().per_document()`` on the documents of ``evaluation/speed/snapshot.py``
(first 400 records of each listed corpus) and stores per document its decision (status, step,
reason) and the langid label and score; ``compare`` counts the decisions and labels that differ,
by corpus. Unlike the byte-identity snapshot, this is for changes *meant* to move outputs.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.speed import snapshot as S  # noqa: E402
from saring.pipeline import Pipeline  # noqa: E402
from saring.step import run_steps  # noqa: E402


def run(per_file: int = 400) -> dict[str, list]:
    steps = Pipeline.default().per_document().steps
    out: dict[str, list] = {}
    for name in S.FILES:
        if S.skip_absent(name):
            continue
        for d in run_steps(steps, S._docs(name, per_file), {}):
            a = d.annotations.get("langid", {})
            dec = d.decision
            out[d.id] = [dec.status, getattr(dec, "step", None), getattr(dec, "reason", None),
                         a.get("lang"), a.get("score")]
    return out


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    now = run()
    if mode == "write":
        path.write_text(json.dumps(now), encoding="utf-8")
        return
    before = json.loads(path.read_text(encoding="utf-8"))
    moved: Counter[tuple] = Counter()
    relabelled: Counter[tuple] = Counter()
    for k, x in before.items():
        y = now[k]
        corpus = k.split(":")[0]
        if x[:3] != y[:3]:
            moved[(corpus, tuple(x[:3]), tuple(y[:3]))] += 1
        if x[3] != y[3]:
            relabelled[(corpus, x[3], y[3])] += 1
    print(f"{len(now)} documents; decisions moved: {sum(moved.values())}; langid labels changed: "
          f"{sum(relabelled.values())}")
    for key, n in moved.most_common():
        print(n, *key)
    for key, n in relabelled.most_common():
        print(n, *key)
    if sys.argv[3:] == ["detail"]:  # every moved document: id, before -> after (label, score)
        for k, x in sorted(before.items()):
            y = now[k]
            if x[:3] != y[:3] or x[3] != y[3]:
                print(k, x[0], x[2], x[3], x[4], "->", y[0], y[2], y[3], y[4])


if __name__ == "__main__":
    main()
