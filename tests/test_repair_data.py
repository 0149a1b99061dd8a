"""The repair data files: present, consistent, and the gazetteer reproducible from CLDR."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from saring.repair.resources import DATA_DIR, load_resources

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_repair_data.py"


def test_resources_contents() -> None:
    res = load_resources()
    assert res.gazetteer["Rusia"] == "country" and res.gazetteer["Korea Utara"] == "country"
    assert "Lima" not in res.gazetteer and "Dunia" not in res.gazetteer  # blocked common words
    assert {"GoJek", "TransJakarta", "Malaysiakini", "CNNIndonesia.com"} <= res.brands
    assert "seorang" in res.pre_head and "tiba" in res.bare_verbs and "yang" in res.stop
    assert "Perdana Menteri" in res.titles and "Perdana" in res.title_firsts
    assert res.lexicon["pemerintah"] > 5 and "kredensialitas" not in res.lexicon
    assert res.englishish("Games") and not res.englishish("media") and not res.englishish("air")
    assert res.known("negara-negara") and res.known("bukunya") and not res.known("Rusiapresiden")


def test_data_files_have_no_corpus_text() -> None:
    """Generated files are word lists (one token per row), never sentences."""
    for name in ("lexicon_id.tsv", "words_other.txt", "gazetteer.tsv"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()[1:200]:
            assert len(line.split("\t")[0].split(" ")) <= 4


def test_gazetteer_reproducible_from_cldr() -> None:
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("build_repair_data", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    blocked = mod.blocked_names()
    # Country/region names from CLDR territories and the hand list; exemplar cities depend on the
    # system's time-zone database, so they are only checked to be a subset of what CLDR gives.
    rows = {(n, t) for n, t, _ in mod.cldr_names() + mod.extra_names() if n not in blocked}
    stored = {tuple(ln.split("\t")[:2]) for ln in (DATA_DIR / "gazetteer.tsv").read_text(
        encoding="utf-8").splitlines() if ln and not ln.startswith("#")}
    names = {n for n, _ in rows}
    stored_names = {n for n, _ in stored}
    assert {n for n, t in rows if t != "city"} <= stored_names  # every territory and hand name
    assert {n for n, t in stored if t != "city"} <= names
    assert len({n for n, t in stored if t == "city"} - names) <= 5
