"""Synthetic link-glue corruption with recorded answers, for measuring the repair step.

Works backwards on clean Indonesian (we have no English source and no MT model offline): at a
place where Indonesian has *noun phrase + entity* (``kredensial diplomatik Rusia``), *title +
entity + name* (``Presiden Rusia Vladimir Putin``) or a list (``Rusia, China``), it re-creates the
English pre-modifier order the page translator left, with the boundary effects seen in the
founding article:

* ``glue``   ``Rusiakredensial diplomatik``   (link text glued to the next word)
* ``camel``  ``RusiaSeorang pemimpin``        (remainder capitalised as a new segment)
* ``suffix`` ``Rusian dukungan``              (stray ``n`` of ``Russian`` kept with a space)
* ``list``   ``RusiaChina, Jepang``           (list comma and space lost)

At most one site per line, so a line-level comparison with the original is the answer key. A
document may also get a revision duplicate: a copy of a paragraph with one detail changed (a day
name or a number), inserted a few lines later; the gold answer is to remove the copy.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

from saring.repair.glue import WORD_AT, is_verb
from saring.repair.resources import Resources, _trie_regex, load_resources

DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
FORMS = ("glue", "camel", "suffix")
WORD_BEFORE = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)(\s+)$")
NUMBER = re.compile(r"\b\d{1,3}\b")
DAY_RE = re.compile(r"\b(?:" + "|".join(DAYS) + r")\b")


@dataclass
class GoldSite:
    """One injected corruption: its line, form, entity and the clean/corrupted line."""

    line: int
    form: str
    entity: str
    original: str
    corrupted: str


@dataclass
class Case:
    """A corrupted document with its clean original and answer key."""

    id: str
    text: str
    original: str
    sites: list[GoldSite] = field(default_factory=list)
    duplicate: dict | None = None  # {"line": copy line in text, "of": source line, "detail": (a, b)}


def _entity_regex(res: Resources) -> re.Pattern[str]:
    ents = [e for e, t in res.gazetteer.items() if t == "country" and len(e) >= 4]
    return re.compile(r"(?<![\w@#/.\-])(" + _trie_regex(sorted(ents)) + r")(?![\w\-])")


def _np_ok(word: str, res: Resources) -> bool:
    low = word.lower()
    return (
        word[:1].islower() and low in res.lexicon and low not in res.stop
        and not is_verb(low, res) and not res.englishish(low)
    )


def np_before(line: str, ent_start: int, res: Resources) -> int:
    """Start of the noun phrase that ends right before the entity, or -1 when unclear.

    Takes up to three content words (plus pre-head quantifiers) walking left; the word before the
    phrase must be a clear boundary (punctuation, line start, closed-class word or verb).
    """
    pos, n_content, start = ent_start, 0, -1
    while True:
        m = WORD_BEFORE.search(line, 0, pos)
        if m is None or m.group(2) != " ":
            break
        w = m.group(1)
        low = w.lower()
        if low in res.pre_head and n_content > 0:
            start = m.start(1)
            pos = m.start(1)
            continue
        if n_content >= 3 or not _np_ok(w, res):
            break
        n_content += 1
        start = pos = m.start(1)
    if start < 0 or n_content == 0:
        return -1
    m = WORD_BEFORE.search(line, 0, start)
    if m is not None and m.group(2) == " ":
        prev = m.group(1).lower()
        if not (prev in res.stop or is_verb(prev, res)):
            return -1
    return start


def _title_before(line: str, ent_start: int, res: Resources) -> int:
    """Start of a (one- to three-word) title right before the entity, or -1."""
    best, pos, words = -1, ent_start, []
    for _ in range(3):
        m = WORD_BEFORE.search(line, 0, pos)
        if m is None or m.group(2) != " ":
            break
        words.insert(0, m.group(1))
        pos = m.start(1)
        if " ".join(words) in res.titles:
            best = pos
    return best


def site_options(
    line: str, res: Resources, ent_re: re.Pattern[str]
) -> list[tuple[str, int, int, str, str]]:
    """Eligible (kind, span_start, span_end, entity, payload) rewrites of one clean line."""
    out = []
    for m in ent_re.finditer(line):
        ent, es, ee = m.group(1), m.start(1), m.end(1)
        nxt = ent_re.match(line, ee + 2) if line[ee : ee + 2] == ", " else None
        if nxt is not None:
            out.append(("list", es, nxt.end(1), ent, ent + nxt.group(1)))
            continue
        t = _title_before(line, es, res)
        after = WORD_AT.match(line, ee + 1) if line[ee : ee + 1] == " " else None
        if t >= 0 and after is not None and after.group()[:1].isupper():
            title = line[t : es - 1]
            out.append(("title", t, ee, ent, f"{ent}n {title}"))
            continue
        s = np_before(line, es, res)
        if s >= 0:
            phrase = line[s : es - 1]
            if s == 0 or line[s - 1] in "\n":
                phrase = phrase[:1].lower() + phrase[1:]
            out.append(("np", s, ee, ent, phrase))
    return out


def _corrupt_np(ent: str, phrase: str, form: str) -> str:
    if form == "camel":
        return ent + phrase[:1].upper() + phrase[1:]
    if form == "suffix":
        return ent + "n " + phrase
    return ent + phrase


def _revise(line: str, rng: random.Random) -> tuple[str, tuple[str, str]] | None:
    """Change one detail (a day name or a small number) as a later revision would."""
    m = DAY_RE.search(line)
    if m:
        new = rng.choice([d for d in DAYS if d != m.group()])
        return line[: m.start()] + new + line[m.end() :], (m.group(), new)
    m = NUMBER.search(line)
    if m:
        new = str(int(m.group()) + rng.choice([1, 2, 3]))
        return line[: m.start()] + new + line[m.end() :], (m.group(), new)
    return None


def corrupt_document(
    doc_id: str, text: str, rng: random.Random, *, p_site: float = 0.5, p_dup: float = 0.2,
    forms: tuple[str, ...] = FORMS, res: Resources | None = None,
) -> Case:
    """Inject glue corruptions (and maybe a revision duplicate) into one clean document."""
    res = res or load_resources()
    ent_re = _entity_regex(res)
    lines = text.split("\n")
    out = list(lines)
    sites: list[GoldSite] = []
    for i, line in enumerate(lines):
        opts = site_options(line, res, ent_re)
        if not opts or rng.random() >= p_site:
            continue
        kind, s, e, ent, payload = rng.choice(opts)
        if kind == "np":
            form = rng.choice(forms)
            new = _corrupt_np(ent, payload, form)
        else:
            form, new = ("suffix" if kind == "title" else "list"), payload
        out[i] = line[:s] + new + line[e:]
        sites.append(GoldSite(i, form, ent, line, out[i]))
    case = Case(doc_id, "\n".join(out), text, sites)
    if rng.random() < p_dup:
        _add_duplicate(case, out, lines, rng)
    return case


def _add_duplicate(case: Case, out: list[str], clean: list[str], rng: random.Random) -> None:
    """Insert a revised copy of a long line 1-4 lines later; the copy should be removed."""
    damaged = {s.line for s in case.sites}
    cands = [i for i, ln in enumerate(out) if len(ln.split()) >= 15 and i not in damaged]
    rng.shuffle(cands)
    for i in cands:
        rev = _revise(out[i], rng)
        if rev is None:
            continue
        copy, detail = rev
        at = min(len(out), i + 1 + rng.randrange(4))
        out.insert(at, copy)
        clean.insert(at, copy)
        for s in case.sites:
            if s.line >= at:
                s.line += 1
        case.text = "\n".join(out)
        case.original = "\n".join(clean)
        case.duplicate = {"line": at, "of": i, "detail": detail}
        return


# ------------------------------------------------------------------ scoring
def _bag(line: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD_AT.findall(line))


def score_lines(case: Case, repaired: str) -> Counter[str]:
    """Line-level outcome counts for a glue-only run (no paragraph removal).

    ``gold``: injected sites; ``split_ok``: repaired line has the original's words; ``order_ok``:
    repaired line equals the original; ``missed``: site line unchanged; ``wrong``: changed but not
    the original's words; ``false_edit``: a clean line changed.
    """
    c: Counter[str] = Counter()
    orig = case.original.split("\n")
    rep = repaired.split("\n")
    corr = case.text.split("\n")
    if len(rep) != len(orig):
        c["line_mismatch"] += 1
        return c
    gold = {s.line: s for s in case.sites}
    for i, (o, r, x) in enumerate(zip(orig, rep, corr, strict=True)):
        if i in gold:
            c["gold"] += 1
            c[f"gold_{gold[i].form}"] += 1
            if r == x:
                c["missed"] += 1
            elif _bag(r) == _bag(o):
                c["split_ok"] += 1
                c[f"split_ok_{gold[i].form}"] += 1
                if r == o:
                    c["order_ok"] += 1
                    c[f"order_ok_{gold[i].form}"] += 1
            else:
                c["wrong"] += 1
        elif r != x:
            c["false_edit"] += 1
    return c
