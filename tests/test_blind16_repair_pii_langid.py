"""The blind sets of session 16 (helper blindB) parse, have their stated sizes and consistent labels.

No score is asserted: the sets measure the rules, they do not constrain them.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from evaluation.blind16 import langid_blind16 as L
from evaluation.blind16 import pii_blind16 as P
from evaluation.blind16 import run_repair_pii_langid as R
from evaluation.repair.unseen import ITEM, LIST

TYPE_WORDS = re.compile(r"\b(nik|npwp|telepon|telp|hp|ponsel|e-?mail|surel|kartu)\b", re.I)


def test_repair_cases_are_well_formed() -> None:
    cases = R.repair_cases()
    assert len(cases) >= 100
    assert {c.form for c in cases} == {"glue", "camel", "suffix", "list"}
    for c in cases:
        assert "[[" not in c.clean and "{" not in c.clean and "[[" not in c.corrupted
        assert c.corrupted != c.clean
        assert c.name in c.clean
        assert Counter(c.corrupted.replace(",", "")) != Counter(c.clean.replace(",", "")) or (
            c.form != "list"
        )


def test_repair_pages_have_four_to_eight_links() -> None:
    pages = R.pages("repair_pages_blind16.txt")
    assert len(pages) >= 20
    for page in pages:
        marked = [ln for ln in page if ITEM.search(ln)]
        assert 4 <= len(marked) <= 8, page[0]
        for ln in marked:
            assert len(ITEM.findall(ln)) == 1 and "|" not in ITEM.search(ln)["name"]
            assert LIST.search(ln) is None


def test_repair_traps_are_clean_lines() -> None:
    traps = R.marked_lines("repair_traps_blind16.txt")
    assert len(traps) >= 100
    assert len(set(traps)) == len(traps)
    assert not any("[[" in t or "{" in t for t in traps)


def _nik_ok(d: str) -> bool:
    prov, reg, day, month, year = int(d[:2]), int(d[2:4]), int(d[6:8]), int(d[8:10]), int(d[10:12])
    kab, kota = P._PROV[prov]
    date(2000 + year if year < 10 else 1900 + year, month, day - 40 if day > 40 else day)
    return (1 <= reg <= kab or reg in kota) and 1 <= int(d[4:6]) and int(d[12:]) >= 1


def _luhn_ok(d: str) -> bool:
    return P._luhn(d[:-1]) == d[-1]


def test_pii_values_follow_their_specs() -> None:
    pos, traps = P.items()
    assert len(P.TEMPLATES) >= 40 and len(P.TRAPS) >= 100 and len(traps) == len(P.TRAPS)
    seen = Counter()
    for it in pos:
        for typ, s, e in it.spans:
            v = it.text[s:e]
            d = re.sub(r"\D", "", v)
            seen[typ] += 1
            if typ == "nik":
                assert len(d) == 16 and _nik_ok(d), v
            elif typ == "npwp":
                d = d[1:] if len(d) == 16 else d
                assert len(d) == 15 and P._luhn(d[:8]) == d[8], v
            elif typ == "card":
                assert 15 <= len(d) <= 16 and _luhn_ok(d), v
            elif typ == "phone":
                assert 9 <= len(d) <= 14 and d.startswith(("0", "62")), v
            else:
                assert re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", v), v
    assert set(seen) == {"nik", "npwp", "phone", "email", "card"}


def test_pii_contexts_carry_no_type_word_on_the_value_line() -> None:
    for t in P.TEMPLATES:
        for line in t.split("\n"):
            if "{" in line:
                assert not TYPE_WORDS.search(re.sub(r"\{\w+\}", "", line)), line
    assert not any("{" in t for t in P.TRAPS)


def test_langid_set_sizes_and_labels() -> None:
    rows = L.load()
    n = Counter(g for g, _, _ in rows)
    regional = {g: k for g, k in n.items() if g in L.REGIONAL}
    assert sum(regional.values()) >= 60 and len(regional) >= 10
    assert n["id"] >= 40 and all(n[g] >= 20 for g in ("ms", "jv", "su", "en"))
    texts = [t for _, _, t in rows]
    assert len(set(texts)) == len(texts)
