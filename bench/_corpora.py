"""Where the benches find the shared corpora, and the four news corpora most of them read.

One list, so that every bench samples news in the same order (gikirima, GitHub scrapes, IndoSum,
detik) and a bench's figures stay comparable with another's. Benches skip cleanly when
``CORPORA`` is absent.
"""

from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"
NEWS = [
    "id_news_gikirima_multioutlet.jsonl.gz",
    "id_news_github_scrapes.jsonl.gz",
    "id_news_indosum_dev.jsonl.gz",
    "id_news_detik_langscrape.jsonl.gz",
]
