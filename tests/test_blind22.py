"""The session-19 blind sets (fifth outside writer) for repair, PII, language ID and quality
parse, have the stated sizes and consistent labels. No score is asserted: the sets measure the
rules, nobody tunes on them."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from evaluation.blind22 import langid_blind22 as L
from evaluation.blind22 import pii_blind22 as P
from evaluation.blind22 import run as R
from evaluation.repair.unseen import ITEM, LIST, cases_of, lines_in, pages_in

DATA = Path(__file__).resolve().parents[1] / "evaluation" / "blind22" / "data"
DEMONYM_SUFFIXES = {"n", "an", "ian", "ese", "i", "sh"}
TYPES = ("nik", "npwp", "phone", "email", "card")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_repair_sentences() -> None:
    lines = lines_in(DATA / R.SENTENCES)
    cases = [c for i, ln in enumerate(lines) for c in cases_of(ln, str(i))]
    assert len(lines) >= 95 and len(cases) >= 160
    assert len(set(R.kind_of_line())) >= 12 and len(R.kind_of_line()) == len(lines)
    forms = Counter(c.form for c in cases)
    assert forms["suffix"] >= 10 and forms["list"] >= 8
    for c in cases:
        assert c.corrupted != c.clean and c.name in c.clean and "[[" not in c.clean
        assert "{" not in c.corrupted and "]]" not in c.corrupted
    suffixes = {m["suf"] for ln in lines if (m := ITEM.search(ln)) and m["suf"]}
    assert suffixes <= DEMONYM_SUFFIXES and len(suffixes) >= 4


def test_repair_pages() -> None:
    pages = pages_in(DATA / R.PAGES)
    assert len(pages) >= 20
    for page in pages:
        marked = [ln for ln in page if ITEM.search(ln) or LIST.search(ln)]
        assert 4 <= len(marked) <= 8, page[0]
        assert all("[[" not in ln and "{" not in ln for ln in page if ln not in marked)
    names = [m["name"] for p in pages for ln in p for m in ITEM.finditer(ln) if not m["suf"]]
    repeated = sum(
        1
        for p in pages
        if len({m for ln in p for m in re.findall(r"\[\[([^]|]+)", ln)})
        < sum(ln.count("[[") for ln in p)
    )
    assert repeated >= 8 and len(set(names)) >= 60


def test_repair_traps_are_clean() -> None:
    traps = lines_in(DATA / R.TRAPS)
    assert len(traps) >= 100 and len(set(traps)) == len(traps)
    assert not any("[[" in t or "{" in t for t in traps)


def test_pii_sizes_and_values() -> None:
    pos, traps = P.items()
    assert len(P.TEMPLATES) >= 40 and len(traps) >= 100
    assert len(set(P.TRAPS)) == len(P.TRAPS)
    n = Counter(typ for it in pos for typ, _s, _e in it.spans)
    assert all(n[t] >= 50 for t in TYPES)
    for it in pos:
        for typ, s, e in it.spans:
            value = it.text[s:e]
            digits = re.sub(r"\D", "", value)
            if typ == "card":
                assert len(digits) in (15, 16) and _luhn_ok(digits), value
            elif typ == "nik":
                assert len(digits) == 16 and int(digits[:2]) in P._PROV, value
                day, month = int(digits[6:8]), int(digits[8:10])
                assert (1 <= day <= 28 or 41 <= day <= 68) and 1 <= month <= 12, value
            elif typ == "npwp":
                assert len(digits) in (15, 16) and _luhn_ok(digits[-15:-6]), value
            elif typ == "email":
                assert re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", value), value
            else:
                assert 9 <= len(digits) <= 15, value


def test_pii_generation_is_deterministic() -> None:
    assert [i.text for i in P.items()[0]] == [i.text for i in P.items()[0]]
    assert P.card(random.Random(3)) == P.card(random.Random(3))


def test_langid_lines() -> None:
    rows = L.load()
    n = Counter(gold for gold, _ref, _text in rows)
    regional = [g for g in n if g in L.REGIONAL]
    assert len(regional) >= 10 and sum(n[g] for g in regional) >= 60
    assert n["id"] >= 40 and all(n[g] >= 20 for g in ("ms", "jv", "su", "en"))
    assert len({text for _g, _r, text in rows}) == len(rows)


def test_quality_paragraphs() -> None:
    paras = L.paragraphs()
    assert len(paras) >= 20 and all(len(text.split()) >= 50 for _reg, text in paras)
    assert len({reg for reg, _text in paras}) == len(paras)  # one register each
