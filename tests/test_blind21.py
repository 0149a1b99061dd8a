"""The round-5 blind sets parse, have the promised sizes and consistent labels (no score)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from evaluation.blind21 import dedup_blind21 as D
from evaluation.blind21 import run as R
from evaluation.boilerplate.unseen import load

PAGES = Path(__file__).resolve().parents[1] / "evaluation" / "blind21" / "boilerplate_blind21.txt"


def test_pages_sizes_and_labels_present() -> None:
    pages = load(PAGES)
    assert len(pages) >= 30
    assert len({R.site(p.url) for p in pages}) >= 26
    assert len({p.id for p in pages}) == len(pages)
    sizes = [len(p.lines) for p in pages]
    assert min(sizes) <= 3 and max(sizes) >= 60
    assert 0 < sum(bool(p.dateline) for p in pages) < len(pages)
    labels = Counter(lab for p in pages for lab in p.labels)
    assert labels["B"] and labels["F"] and labels["S"] >= 4 and labels["D"] >= 1


def test_page_labels_consistent() -> None:
    for p in load(PAGES):
        assert any(lab in "BS" for lab in p.labels), p.id
        starts = [p.lines[i] for i, lab in enumerate(p.labels) if lab in "BD"]
        if p.dateline:  # the dateline opens a body line or is a D line, and names what it labels
            assert sum(x.startswith(p.dateline) for x in starts) == 1, p.id
            assert p.place or p.outlet, p.id
            assert p.place.lower() in p.dateline.lower() and p.outlet in p.dateline, p.id
        else:
            assert not p.place and not p.outlet and "D" not in p.labels, p.id
        for i, (a, b) in p.cut.items():
            assert 0 < a < b == len(p.lines[i]), p.id  # glued furniture ends its line
        for i, lab in enumerate(p.labels):
            if lab == "D":
                assert p.lines[i].strip() == p.dateline.strip(), p.id


def test_headline_is_body_and_furniture_has_kinds() -> None:
    for p in load(PAGES):
        slug = p.url.rstrip("/").rsplit("/", 1)[-1]
        kinds = R.furniture_kinds(p.labels, p.lines)
        assert set(kinds) == {i for i, lab in enumerate(p.labels) if lab in "FDS"}, p.id
        for i, lab in enumerate(p.labels):
            if lab == "F" and len(p.lines[i]) > 30:  # no F line is the page's own headline
                words = [w.lower().strip(",.:?") for w in p.lines[i].split()[:4]]
                assert "-".join(words) not in slug, (p.id, p.lines[i])


def test_dedup_set_sizes_and_copies() -> None:
    stories, traps = D.parse()
    assert len(stories) >= 10 and len(traps) >= 10
    assert all(len(docs) >= 2 for _, _, docs in traps)
    kinds: Counter[str] = Counter()
    for k, s in enumerate(stories):
        cs = D.copies(s, k)
        assert 3 <= len(cs) <= 4 and len(set(cs.values())) == len(cs)
        assert all(c != s.text() for c in cs.values())
        assert cs == D.copies(s, k)  # deterministic
        kinds.update(list(cs))
    assert set(kinds) == set(D.KINDS) and min(kinds.values()) >= 3


def test_copy_edits_do_what_they_say() -> None:
    s = D.parse()[0][0]
    rng = D._rng(s, "x")
    reg = D.regional(s, rng)
    assert reg[-1].startswith("(Sumber: ") and " - " in reg[2] and len(reg) == len(s.paras) + 2
    assert D.teaser(s, rng)[-1].startswith("selengkapnya: https://")
    assert D.rehead("Satu Dua, Tiga Empat") == "Tiga Empat: Satu Dua"
    assert D._attribution_first('"Kami siap," kata Budi.') == "Budi mengatakan, “Kami siap.”"
    amp = D.amp(s, rng)
    assert "Halaman 1 2 Selanjutnya" in amp and len(amp) > len(s.paras) + 6


def test_runner_kinds_are_total() -> None:
    assert R.position(list("FBFBF"), 0) == "head"
    assert R.position(list("FBFBF"), 2) == "between"
    assert R.position(list("FBFBF"), 4) == "tail"
    lines = ["Home Berita Daerah", "x.", "Berita Terkait", "Satu", "Dua", "© 2026 Situs"]
    kinds = R.furniture_kinds(list("FBFFFF"), lines)
    assert kinds == {
        0: "nav-menu",
        2: "related-header",
        3: "related-item",
        4: "related-item",
        5: "legal-contact",
    }
    assert R.body_kind("Berapa modal minimalnya?", False) == "question"
