"""The synthetic corruption generator and the line-level scorer; a small measured run on news."""

from __future__ import annotations

import random

from conftest import corpus_records

from evaluation.repair.corrupt import corrupt_document, score_lines
from saring.document import Document
from saring.repair.step import Repair

CLEAN = "\n".join([
    "Pemerintah menolak bantuan militer Jepang itu dengan tegas.",
    "Kemarin Presiden Prancis Emmanuel Macron tiba di Jakarta untuk kunjungan kenegaraan.",
    "Rapat itu dihadiri oleh Jerman, Inggris, Italia dan Spanyol sebagai anggota.",
    "Cuaca cerah sepanjang hari di sebagian besar wilayah pada hari Rabu dan suhu udara mencapai 33 derajat.",
])


def test_generator_records_answers_and_is_seeded() -> None:
    a = corrupt_document("d", CLEAN, random.Random(3), p_site=1.0, p_dup=0.0)
    b = corrupt_document("d", CLEAN, random.Random(3), p_site=1.0, p_dup=0.0)
    assert a.text == b.text and a.original == CLEAN
    assert len(a.sites) == 3
    forms = {s.form for s in a.sites}
    assert "list" in forms and "suffix" in forms  # the list and title lines have one choice each
    for s in a.sites:
        assert a.text.split("\n")[s.line] == s.corrupted != s.original
    assert "JermanInggris, Italia" in a.text
    assert "Prancisn Presiden Emmanuel" in a.text


def test_generator_forms() -> None:
    for form, expect in (("glue", "Jepangbantuan militer"), ("camel", "JepangBantuan militer"),
                         ("suffix", "Jepangn bantuan militer")):
        case = corrupt_document("d", CLEAN.split("\n")[0], random.Random(0), p_site=1.0,
                                p_dup=0.0, forms=(form,))
        assert expect in case.text


def test_duplicate_injection() -> None:
    case = corrupt_document("d", CLEAN, random.Random(1), p_site=0.0, p_dup=1.0)
    dup = case.duplicate
    assert dup is not None and dup["detail"][0] in ("Rabu", "33")
    lines = case.text.split("\n")
    assert len(lines) == 5 and lines[dup["line"]] != lines[dup["of"]]


def test_scorer_counts() -> None:
    case = corrupt_document("d", CLEAN, random.Random(3), p_site=1.0, p_dup=0.0)
    perfect = score_lines(case, case.original)
    assert perfect["gold"] == 3 and perfect["order_ok"] == 3 and perfect["false_edit"] == 0
    untouched = score_lines(case, case.text)
    assert untouched["missed"] == 3
    broken = case.text.split("\n")
    broken[3] = broken[3].replace("Cuaca", "Hujan")
    assert score_lines(case, "\n".join(broken))["false_edit"] == 1


def test_measured_on_clean_news_sample() -> None:
    step = Repair(dedup_paragraphs=False)
    step.ensure_setup()
    rng = random.Random(11)
    total: dict[str, int] = {}
    for r in corpus_records("id_news_indosum_dev.jsonl.gz", 300):
        case = corrupt_document(r["id"], r["text"], rng, p_dup=0.0)
        doc = Document(id=case.id, text=case.text)
        step.process(doc)
        for k, v in score_lines(case, doc.text).items():
            total[k] = total.get(k, 0) + v
    assert total["gold"] >= 80
    recall = total["split_ok"] / total["gold"]
    precision = total["split_ok"] / (total["split_ok"] + total.get("wrong", 0) + total.get("false_edit", 0))
    assert recall >= 0.93 and precision >= 0.97
    # CamelCase glue (``RusiaSeorang``) is reordered only next to the translator's fingerprint
    # (a stray demonym suffix) or before a quantifier: on scraped news it is mostly headline and
    # paragraph joins (tests/test_repair_scrape_glue.py). The other forms must restore the order.
    non_camel_ok = total["split_ok"] - total.get("split_ok_camel", 0)
    non_camel_order = total["order_ok"] - total.get("order_ok_camel", 0)
    assert non_camel_order / non_camel_ok >= 0.8
