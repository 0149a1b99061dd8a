"""Unseen-entity evaluation of the repair step: hand-written sentences, glued like the translator.

Data (``evaluation/repair/data``, all written by hand for this purpose, entities chosen outside the
repair gazetteers): ``unseen_dev.txt`` (looked at while building rules), ``unseen_heldout.txt``
(run once at the end), ``traps.txt`` (look-alikes: any edit is a false edit).

Markup of a clean sentence: ``{phrase} [[Name]]`` (Indonesian order; the translator put the linked
name first and glued it), ``{phrase} [[Country|ese]]`` (an English demonym suffix left behind),
``[[A]], [[B]]`` (a list whose comma and space were lost). Forms generated per item:

* ``glue``   ``Bank Sulselbardirektur keuangan``   * ``camel``  ``Bank SulselbarDirektur keuangan``
* ``suffix`` ``Vietnamese lagu kebangsaan``        * ``list``   ``PalopoMasamba, dan Belopa``

Scoring per case: *split* when the output has the clean sentence's words (case-insensitive, any
order; a list needs its comma back), *order* when the output equals the clean sentence, *broken*
when the text was edited and the name is no longer contiguous (``Bank direktur Mandiri``), which
is worse than no edit; *flagged* when the order is not restored but the line carries an
``mt_glue``/``mt_order`` flag (the step saw the glue and left it to a reviewer). Documents are scored alone (``single``) and as 3-sentence pages
(``page``: a real MT page has many links, which is document evidence).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from saring.document import Document

DATA = Path(__file__).resolve().parent / "data"
ITEM = re.compile(r"\{(?P<phrase>[^}]+)\} \[\[(?P<name>[^]|]+)(?:\|(?P<suf>[a-z]+))?\]\]")
LIST = re.compile(r"\[\[(?P<a>[^]]+)\]\], \[\[(?P<b>[^]]+)\]\]")
WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Case:
    """One corrupted sentence with its answer."""

    id: str
    form: str
    name: str
    clean: str
    corrupted: str


def read_lines(name: str) -> list[str]:
    return lines_in(DATA / name)


def lines_in(path: Path) -> list[str]:
    """A set file's non-empty, non-comment lines."""
    text = path.read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def pages_in(path: Path) -> list[list[str]]:
    """A pages file's pages: blocks of non-comment lines separated by blank lines."""
    out: list[list[str]] = [[]]
    for ln in path.read_text(encoding="utf-8").splitlines():
        if ln.startswith("#"):
            continue
        if not ln.strip():
            if out[-1]:
                out.append([])
            continue
        out[-1].append(ln)
    return [p for p in out if p]


def clean_of(line: str) -> str:
    line = ITEM.sub(lambda m: f"{m['phrase']} {m['name']}", line)
    return LIST.sub(lambda m: f"{m['a']}, {m['b']}", line)


def cases_of(line: str, key: str) -> list[Case]:
    """The corrupted forms of one marked sentence."""
    clean = clean_of(line)
    m = LIST.search(line)
    if m:
        bad = line[: m.start()] + m["a"] + m["b"] + line[m.end():]
        return [Case(f"{key}/list", "list", m["a"], clean, clean_of(bad))]
    m = ITEM.search(line)
    if m is None:
        raise ValueError(f"no markup in {line!r}")
    head, tail, name, phrase = line[: m.start()], line[m.end():], m["name"], m["phrase"]
    if m["suf"]:
        bad = f"{head}{name}{m['suf']} {phrase}{tail}"
        return [Case(f"{key}/suffix", "suffix", name, clean, clean_of(bad))]
    camel = phrase[:1].upper() + phrase[1:]
    return [
        Case(f"{key}/glue", "glue", name, clean, clean_of(f"{head}{name}{phrase}{tail}")),
        Case(f"{key}/camel", "camel", name, clean, clean_of(f"{head}{name}{camel}{tail}")),
    ]


def load_cases(name: str) -> list[Case]:
    return [c for i, ln in enumerate(read_lines(name)) for c in cases_of(ln, f"{name}:{i}")]


def _words(s: str) -> Counter:
    return Counter(w.lower() for w in WORDS.findall(s))


def judge(case: Case, output: str) -> dict[str, bool]:
    split = _words(output) == _words(case.clean) and (case.form != "list" or output == case.clean)
    return {
        "split": split,
        "order": output == case.clean,
        "changed": output != case.corrupted,
        "broken": output != case.corrupted and case.name not in output,
    }


def run_cases(step, cases: list[Case], page: int = 1) -> list[tuple[Case, str, dict[str, bool]]]:
    """Repair cases alone (``page=1``) or ``page`` sentences per document; judge each line."""
    out = []
    for k in range(0, len(cases), page):
        group = cases[k : k + page]
        doc = Document(id=group[0].id, text="\n".join(c.corrupted for c in group))
        step.process(doc)
        lines = doc.text.split("\n")
        if len(lines) != len(group):
            raise AssertionError(f"line count changed in {group[0].id}")
        flagged = {doc.text.count("\n", 0, f["start"]) for f in doc.flags
                   if f.get("kind") in ("mt_glue", "mt_order")}
        for k, (c, ln) in enumerate(zip(group, lines, strict=True)):
            j = judge(c, ln)
            j["flagged"] = not j["order"] and k in flagged
            out.append((c, ln, j))
    return out


def page_order(cases: list[Case]) -> list[Case]:
    """Interleave forms so a page mixes glue, camel, suffix and list sentences (deterministic)."""
    by_form: dict[str, list[Case]] = {}
    for c in cases:
        by_form.setdefault(c.form, []).append(c)
    out: list[Case] = []
    queues = [list(v) for _, v in sorted(by_form.items())]
    while any(queues):
        for q in queues:
            if q:
                out.append(q.pop(0))
    return out


def summary(results: Iterable[tuple[Case, str, dict[str, bool]]]) -> dict[str, dict[str, float]]:
    """Split recall, order restored, broken names per form and overall."""
    table: dict[str, Counter] = {}
    for c, _out, j in results:
        for key in (c.form, "all"):
            t = table.setdefault(key, Counter())
            t["n"] += 1
            t.update({k: int(v) for k, v in j.items()})
    return {
        k: {"n": t["n"], "split_recall": round(t["split"] / t["n"], 3),
            "order_restored": round(t["order"] / t["n"], 3), "broken": t["broken"],
            "flagged": round(t["flagged"] / t["n"], 3)}
        for k, t in sorted(table.items())
    }


def run_traps(step, context: list[Case] | None = None,
              name: str = "traps.txt") -> tuple[int, int, list[str]]:
    """Trap sentences alone, or after ``context`` corrupted sentences (an MT page with evidence).

    Returns (traps, false edits, the edited trap lines); flagged traps (no edit, a reviewer flag)
    are listed with a ``flag:`` prefix but not counted as false edits."""
    bad, flagged = [], []
    traps = read_lines(name)
    for i, t in enumerate(traps):
        ctx = [c.corrupted for c in (context or [])[i % 7 * 2 : i % 7 * 2 + 2]]
        doc = Document(id=f"trap{i}", text="\n".join([*ctx, t]))
        step.process(doc)
        last = doc.text.split("\n")[-1]
        if last != t:
            bad.append(f"{t!r} -> {last!r}")
        elif any(f["start"] >= len(doc.text) - len(t) for f in doc.flags if "start" in f):
            flagged.append(f"flag: {t!r}")
    return len(traps), len(bad), bad + flagged


FILLER = "Sementara itu, aparat setempat masih terus mengumpulkan keterangan dari para saksi di lokasi."


def load_revisions(which: str) -> list[tuple[str, str, str]]:
    """``(kind, A, B)`` pairs of one set (``dev`` or ``heldout``) from ``revisions.txt``."""
    out = []
    for ln in read_lines("revisions.txt"):
        which_set, kind, pair = (x.strip() for x in ln.split("|", 2))
        if which_set == which:
            a, b = (x.strip() for x in pair.split("|||"))
            out.append((kind, a, b))
    return out


def run_revisions(step, which: str) -> dict[str, int]:
    """Revisions removed (with a conflict recorded) and traps wrongly removed, A/filler/B docs."""
    t: Counter = Counter()
    for kind, a, b in load_revisions(which):
        doc = Document(id="r", text="\n".join([a, FILLER, b]))
        step.process(doc)
        removed = b not in doc.text.split("\n")
        t[kind] += 1
        if kind == "rev":
            t["rev_removed"] += removed
            t["rev_conflict"] += bool(doc.annotations.get("repair", {}).get("revision_conflicts"))
        else:
            t["trap_removed"] += a not in doc.text or removed
    return dict(t)
