"""Where the whole chain's instructions go: inside the steps vs around them (callgrind, exact).

    python bench/bench_pipeline_callgrind.py [--limit 150] [--warmup 150] [--heap freeze|plain]
                                             [--keep DIR] [--src PATH]

Runs ``bench_pipeline.py``'s loops (the same news documents, the same I/O) in one process under
``valgrind --tool=callgrind`` with collection off, and switches it on around one region per
pass (callgrind client requests from a tiny helper compiled with ``cc`` against
``valgrind/callgrind.h``). Each pass runs the chain over the same records again with fresh
documents; instruction counts are deterministic (``PYTHONHASHSEED=0``), so the regions of
different passes add up. Prints instructions per document of:

- ``bare`` the bare gzip+JSON loop, and ``chain`` the whole chain loop (bench_pipeline's own
  functions, no hooks);
- the chain's regions: ``read`` (gzip line + ``orjson.loads``), ``doc`` (building the
  ``Document``), ``run_step`` (``step._run_step``: what the per-step bench times),
  ``process`` (the steps' ``process`` calls alone), ``to_dict``, ``dumps``, ``write`` (gzip);
  ``outer`` is the chain minus those (batching, ``run_steps``, the decision counter);
- the garbage collector's inclusive share of ``chain`` and ``bare`` (``gc_collect_main``).

``--heap freeze`` (default) freezes the set-up heap after set-up and warm-up, as a run's worker
does (``bench_pipeline.freeze_like_a_worker``); ``plain`` does not. ``--src`` measures another
checkout's ``src`` with this file's code. Needs valgrind and its headers.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import io
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REGIONS = ("read", "doc", "run_step", "process", "to_dict", "dumps", "write")
GC_FUNCS = ("gc_collect_main",)
_HELPER = """#include <valgrind/callgrind.h>
void cg_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
void cg_dump(const char *s) { CALLGRIND_DUMP_STATS_AT(s); }
"""


def build_helper(tmp: Path) -> Path:
    """The client-request helper as a shared library (``cg_toggle``, ``cg_dump``)."""
    src, lib = tmp / "cgctl.c", tmp / "cgctl.so"
    src.write_text(_HELPER)
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    return lib


# ------------------------------------------------------------------ child (under callgrind)
def child(limit: int, warmup: int, heap: str, lib: str) -> None:
    import ctypes

    import orjson
    from bench_pipeline import bare_loop, chain_loop, freeze_like_a_worker, load_raw

    from saring import step as step_mod
    from saring.document import Document
    from saring.pipeline import Pipeline

    cg = ctypes.CDLL(lib)
    raw_toggle = cg.cg_toggle
    opened = [0]  # windows opened in this pass (each costs one toggle pair, subtracted)

    def toggle() -> None:
        opened[0] += 1
        raw_toggle()

    raw = load_raw(limit)
    steps = Pipeline.default().per_document().steps
    for s in steps:
        s.ensure_setup()
    for blob in load_raw(warmup, skip=limit).values():
        chain_loop(blob, steps, {}, Counter())
    if heap == "freeze":
        freeze_like_a_worker()
    n_docs = sum(1 for blob in raw.values() for _ in gzip.decompress(blob).splitlines())

    def run_pass(name: str, fn: Callable[[], None], whole: bool) -> None:
        gc.collect()  # each pass starts from the same heap
        opened[0] = 0
        if whole:
            raw_toggle()
        fn()
        if whole:
            raw_toggle()
        cg.cg_dump(f"{name} {n_docs} {opened[0] // 2}".encode())

    run_pass("bare", lambda: [bare_loop(b) for b in raw.values()], True)
    run_pass("chain", lambda: [chain_loop(b, steps, {}, Counter()) for b in raw.values()], True)
    # the toggles' own cost: pairs around nothing, as many as the busiest region makes
    run_pass("toggles", lambda: [(toggle(), toggle()) for _ in range(n_docs * len(steps))], False)

    def docs_in(fin: object, region: str) -> Iterator[Document]:
        it = iter(fin)  # type: ignore[call-overload]
        while True:
            if region == "read":
                toggle()
            line = next(it, None)
            rec = orjson.loads(line) if line is not None else None
            if region == "read":
                toggle()
            if rec is None:
                return
            if region == "doc":
                toggle()
            doc = Document(str(rec.pop("id")), rec.pop("text"), rec)
            if region == "doc":
                toggle()
            yield doc

    def regional_chain(blob: bytes, region: str) -> None:
        sink = io.BytesIO()
        decisions: Counter = Counter()
        with gzip.GzipFile(fileobj=io.BytesIO(blob), mode="rb") as fin, gzip.GzipFile(
            fileobj=sink, mode="wb", compresslevel=6, mtime=0
        ) as fout:
            for doc in step_mod.run_steps(steps, docs_in(fin, region), {}):
                if region == "to_dict":
                    toggle()
                d = doc.to_dict()
                if region == "to_dict":
                    toggle()
                if region == "dumps":
                    toggle()
                line = orjson.dumps(d) + b"\n"
                if region == "dumps":
                    toggle()
                if region == "write":
                    toggle()
                fout.write(line)
                if region == "write":
                    toggle()
                decisions[(doc.decision.status, doc.decision.step, doc.decision.reason)] += 1

    real_run_step = step_mod._run_step

    def run_step_toggled(s: object, docs: list, st: object) -> list:
        toggle()
        out = real_run_step(s, docs, st)
        toggle()
        return out

    def process_toggled(proc: Callable) -> Callable:
        def wrapped(doc: Document) -> object:
            toggle()
            r = proc(doc)
            toggle()
            return r
        return wrapped

    for region in REGIONS:
        if region == "run_step":
            step_mod._run_step = run_step_toggled
        if region == "process":
            for s in steps:
                s.process = process_toggled(type(s).process.__get__(s))
        run_pass(region, lambda r=region: [regional_chain(b, r) for b in raw.values()], False)
        step_mod._run_step = real_run_step
        for s in steps:
            s.__dict__.pop("process", None)


# ------------------------------------------------------------------ parent
_PART = re.compile(r"^desc: Trigger: Client Request: (\S+) (\d+) (\d+)$", re.M)
_TOTAL = re.compile(r"^(?:summary|totals): (\d+)", re.M)


def inclusive(path: Path, funcs: tuple[str, ...]) -> int:
    """Inclusive instructions of ``funcs`` in one callgrind part (callgrind_annotate)."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(path)],
                         capture_output=True, text=True, check=True).stdout
    total = 0
    for line in out.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+\(.*?\)\s+\S*:(\S+?)(?:'\d+)?\s", line + " ")
        if m and m.group(2) in funcs:
            total = max(total, int(m.group(1).replace(",", "")))
    return total


def parts(out: Path) -> dict[str, tuple[int, int, int, Path]]:
    """{pass name: (instructions, documents, windows opened, file)} of every dumped part."""
    res = {}
    for p in sorted(out.parent.glob(out.name + ".*")):
        text = p.read_text(errors="replace")
        m, t = _PART.search(text[:20000]), _TOTAL.search(text)
        if m and t:
            res[m.group(1)] = (int(t.group(1)), int(m.group(2)), int(m.group(3)), p)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=150, help="records per news corpus")
    ap.add_argument("--warmup", type=int, default=150, help="untimed warm-up records per corpus")
    ap.add_argument("--heap", choices=["freeze", "plain"], default="freeze")
    ap.add_argument("--src", type=Path, help="saring src to measure (default: this checkout's)")
    ap.add_argument("--keep", type=Path, help="keep the callgrind files in this folder")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.limit, a.warmup, a.heap, a.child)
        return
    tmp = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="cg-pipeline-"))
    tmp.mkdir(parents=True, exist_ok=True)
    lib = build_helper(tmp)
    out = tmp / "callgrind.out"
    src = (a.src or HERE.parent / "src").resolve()
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=f"{src}{os.pathsep}{HERE}")
    subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no",
                    f"--callgrind-out-file={out}", sys.executable, __file__, "--limit", str(a.limit),
                    "--warmup", str(a.warmup), "--heap", a.heap, "--child", str(lib)],
                   env=env, check=True, capture_output=True)
    got = parts(out)
    n = got["chain"][1]
    pair = got["toggles"][0] / got["toggles"][2]
    per = {k: (v[0] - v[2] * pair) / n for k, v in got.items()}
    print(f"{n} news docs, heap {a.heap}, src {src}: instructions per document")
    print(f"{'bare loop':<28}{per['bare']:>12,.0f}")
    print(f"{'whole chain loop':<28}{per['chain']:>12,.0f}")
    for r in REGIONS:
        print(f"  {r:<26}{per[r]:>12,.0f}")
    outer = per["chain"] - sum(per[r] for r in REGIONS if r != "process")
    print(f"  {'outer (chain - regions)':<26}{outer:>12,.0f}")
    print(f"  {'run_step - process':<26}{per['run_step'] - per['process']:>12,.0f}")
    for name in ("bare", "chain"):
        print(f"gc inclusive in {name:<12}{inclusive(got[name][3], GC_FUNCS) / n:>12,.0f}")
    print(f"(toggle pair: {pair:,.0f} instructions, subtracted; files in {tmp})")


if __name__ == "__main__":
    main()
