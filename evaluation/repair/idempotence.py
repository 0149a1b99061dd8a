"""Idempotence of the default repair step on real text, and name-run splits.

Runs ``Repair()`` (default config) over the first ``--limit`` records of every corpus in
``/work/shared/corpora``, then again over its own output. Prints every second-pass edit (a repaired
text that the step edits again is a false edit on one of the two passes) and, separately, every
first-pass edit that splits a word inside a run of capitalised name words (``Hj. Nurlaela
Pasa|ribuan``): the left part is capitalised and follows a title or a capitalised word, the right
part is a lower-case word. Those are the shape a clean surname ending in an Indonesian word
(``Pasaribuan``, ``Mulyaningsih``) would take if the step split it.

    python -m evaluation.repair.idempotence --limit 2000 [--json out.json] [--quiet]

Why a script of its own: the unseen sets test hand-written glue; this checks that clean real text
(the step's own output) stays clean, which no hand-written set covers at this scale.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import re
from collections.abc import Iterator

from saring.document import Document
from saring.repair.step import Repair

CORPORA = "/work/shared/corpora/*.jsonl.gz"
TITLES = frozenset(
    "hj hj. h h. dr dr. ir ir. drs drs. hjh prof prof. bin binti ibu bapak pak bu".split()
)
CAP = re.compile(r"[A-Z][a-z]+")
WORD = re.compile(r"\S+")


def corpus_docs(limit: int) -> Iterator[tuple[str, str]]:
    """(id, text) of the first ``limit`` non-empty records of every corpus, in a fixed order."""
    for path in sorted(glob.glob(CORPORA)):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for k, line in enumerate(fh):
                if k >= limit:
                    break
                text = json.loads(line).get("text") or ""
                if text:
                    yield f"{path.rsplit('/', 1)[-1]}:{k}", text


def _edits(step: Repair, doc_id: str, text: str) -> tuple[str, list[list]]:
    d = Document(id=doc_id, text=text)
    step.process(d)
    return d.text, [[e.kind, e.start, e.before, e.after] for e in d.edits]


def name_run_split(before: str, after: str) -> tuple[str, str, str] | None:
    """(token, left, right) when ``after`` splits a token of ``before`` into a capitalised part
    and a lower-case word, and the token follows a capitalised word or a title in ``before``."""
    old = WORD.findall(before)
    new = WORD.findall(after)
    gone = [t for t in old if t not in new]
    for tok in gone:
        core = tok.rstrip(",.;:!?)")
        for left in new:
            if not (CAP.fullmatch(left) and core.startswith(left) and len(core) > len(left)):
                continue
            right = core[len(left) :]
            if right.islower() and right in new:
                k = old.index(tok)
                prev = old[k - 1] if k else ""
                if prev.lower() in TITLES or prev[:1].isupper():
                    return core, left, right
    return None


def run(limit: int) -> dict:
    """Both passes over the corpora; the second-pass edits and the first-pass name-run splits."""
    step = Repair()
    step.ensure_setup()
    docs = again = edited = 0
    second: list[dict] = []
    splits: list[dict] = []
    for doc_id, text in corpus_docs(limit):
        docs += 1
        out, first = _edits(step, doc_id, text)
        if out == text:
            continue
        edited += 1
        for kind, _start, before, after in first:
            hit = name_run_split(before, after)
            if hit is not None:
                splits.append(
                    {"doc": doc_id, "kind": kind, "before": before, "after": after, "token": hit[0]}
                )
        out2, redo = _edits(step, doc_id, out)
        if out2 != out:
            again += 1
            for kind, start, before, after in redo:
                second.append(
                    {
                        "doc": doc_id,
                        "kind": kind,
                        "before": before,
                        "after": after,
                        "context": out[max(0, start - 60) : start + len(before) + 60],
                    }
                )
    return {
        "docs": docs,
        "edited_first": edited,
        "edited_again": again,
        "second_pass_edits": second,
        "name_run_splits": splits,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=2000, help="records per corpus")
    ap.add_argument("--json", help="write the full result here")
    ap.add_argument("--quiet", action="store_true", help="counts only")
    args = ap.parse_args()
    res = run(args.limit)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(res, fh, ensure_ascii=False, indent=1)
    if not args.quiet:
        for e in res["second_pass_edits"]:
            print(f"AGAIN {e['doc']} {e['kind']}: {e['before']!r} -> {e['after']!r}")
        for e in res["name_run_splits"]:
            print(f"NAMESPLIT {e['doc']} {e['kind']}: {e['before']!r} -> {e['after']!r}")
    print(
        f"docs {res['docs']}  edited {res['edited_first']}  edited again {res['edited_again']}  "
        f"second-pass edits {len(res['second_pass_edits'])}  name-run splits {len(res['name_run_splits'])}"
    )


if __name__ == "__main__":
    main()
