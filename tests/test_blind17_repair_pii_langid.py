"""The blind sets of session 17 (second outside writer) parse, have their stated sizes and
consistent labels.

No score is asserted: the sets measure the rules, they do not constrain them.
"""

from __future__ import annotations

import re
from collections import Counter

from evaluation.blind17 import langid_blind17 as L
from evaluation.blind17 import pii_blind17 as P
from evaluation.blind17 import run_repair_pii_langid as R
from evaluation.repair.unseen import ITEM, LIST

FORMAL_LABEL = re.compile(r"\b(nik|npwp|telepon|telp|hp|ponsel|e-?mail|surel)\b", re.I)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (1 + i % 2)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_repair_cases_are_well_formed() -> None:
    cases = R.repair_cases()
    assert len(cases) >= 100
    assert {c.form for c in cases} == {"glue", "camel", "suffix", "list"}
    for c in cases:
        assert "[[" not in c.clean and "{" not in c.clean and "[[" not in c.corrupted
        assert c.corrupted != c.clean and c.name in c.clean
    kinds = Counter(R.kind_of_line())
    assert len(kinds) >= 7 and sum(kinds.values()) == len(R.marked_lines(R.SENTENCES))


def test_repair_lines_carry_one_markup() -> None:
    for ln in R.marked_lines(R.SENTENCES):
        assert len(ITEM.findall(ln)) + len(LIST.findall(ln)) == 1, ln


def test_repair_pages_have_four_to_eight_links() -> None:
    pages, long = R.pages(), R.pages(R.LONG_PAGES)
    assert len(pages) >= 20 and len(long) >= 5 and min(len(p) for p in long) >= 10
    for page in pages + long:
        marked = [ln for ln in page if ITEM.search(ln)]
        assert 4 <= len(marked) <= 8, page[0]
        assert all(len(ITEM.findall(ln)) == 1 for ln in marked)
        assert not any("{" in ln or "[[" in ln for ln in page if not ITEM.search(ln))


def test_repair_traps_carry_no_markup() -> None:
    traps = R.marked_lines(R.TRAPS)
    assert len(traps) >= 100 and len(set(traps)) == len(traps)
    assert not any("[[" in t or "{" in t for t in traps)


def test_pii_sizes_spans_and_values() -> None:
    pos, traps = P.items()
    assert len(P.TEMPLATES) >= 40 and len(traps) >= 100
    assert {t for it in pos for t, _, _ in it.spans} == {"nik", "npwp", "phone", "email", "card"}
    for it in pos:
        assert it.spans
        for typ, s, e in it.spans:
            value = it.text[s:e]
            digits = re.sub(r"\D", "", value)
            if typ == "nik":
                assert len(digits) == 16 and int(digits[:2]) in P._PROV
                assert 1 <= int(digits[6:8]) % 40 <= 31 and 1 <= int(digits[8:10]) <= 12
            elif typ == "card":
                assert len(digits) in (15, 16) and luhn_ok(digits)
            elif typ == "npwp":
                assert len(digits) in (15, 16)
            elif typ == "email":
                assert value.count("@") == 1
            else:
                assert 9 <= len(digits) <= 14
    for it in pos:
        for _, s, _e in it.spans:
            line = it.text[it.text.rfind("\n", 0, s) + 1 :].split("\n")[0]
            assert not FORMAL_LABEL.search(line), line


def test_langid_sizes_and_labels() -> None:
    rows = L.load()
    n = Counter(g for g, _, _ in rows)
    regional = {g: k for g, k in n.items() if g in L.REGIONAL}
    assert len(regional) >= 10 and sum(regional.values()) >= 60
    assert n["id"] >= 40 and all(n[g] >= 20 for g in ("ms", "jv", "su", "en"))
    assert len({t for _, _, t in rows}) == len(rows)


def test_paragraphs_are_long_and_varied() -> None:
    paras = L.paragraphs()
    assert len(paras) >= 20 and len({r for r, _ in paras}) == len(paras)
    assert all(len(p.split()) >= 50 for _, p in paras)
