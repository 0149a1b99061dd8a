"""Per-language counts gathered while the run writes its outputs (a run observer).

Every document whose decision is final is counted under its language key: kept documents under
their output partition (with words and characters), removed ones under their partition when
they have one, else their own language (``fr`` when ``other`` is not kept), else ``und``. Read
errors never become documents; the dataset phase counts them under ``und``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from saring.compiled import load
from saring.document import KEPT, REJECTED, Document
from saring.languages import UNKNOWN, doc_language, kept_partition, partition

COUNTS = ("kept", "words", "characters", "rejected", "errors")


def _count_words_py(text: str) -> int:
    return len(text.split())


_WORDS = load("saring.dataset._c_words")
_count = _WORDS.count_words if _WORDS is not None else _count_words_py


def count_words(text: str) -> int:
    """Whitespace-separated words (the unit of the card's word counts): ``len(text.split())``,
    counted in C without building the list when the kernel is built."""
    return _count(text)  # type: ignore[no-any-return]


def removed_key(metadata: Any, languages: Sequence[str]) -> str:
    """Language key of a rejected or error document."""
    if not isinstance(metadata, dict):
        return UNKNOWN
    lang = doc_language(metadata)
    if lang == UNKNOWN:
        return UNKNOWN
    return partition(lang, languages) or lang


def empty() -> dict[str, Any]:
    return {**dict.fromkeys(COUNTS, 0), "rejected_by_reason": {}}


@dataclass
class LanguageTally:
    """Run observer (see ``executors/observe.py``) counting documents per language."""

    languages: list[str]
    name: str = "saring_languages"
    counts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def observe(self, doc: Document) -> None:
        status = doc.decision.status
        if status == KEPT:
            st = self.counts.setdefault(kept_partition(doc_language(doc.metadata), self.languages), empty())
            st["kept"] += 1
            st["words"] += count_words(doc.text)
            st["characters"] += len(doc.text)
            return
        st = self.counts.setdefault(removed_key(doc.metadata, self.languages), empty())
        if status == REJECTED:
            st["rejected"] += 1
            reason = f"{doc.decision.step}:{doc.decision.reason}"
            st["rejected_by_reason"][reason] = st["rejected_by_reason"].get(reason, 0) + 1
        else:
            st["errors"] += 1

    def result(self) -> dict[str, Any]:
        return self.counts

    def merge(self, results: Sequence[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, dict[str, Any]] = {}
        for res in results:
            for lang, st in res.items():
                acc = out.setdefault(lang, empty())
                for k in COUNTS:
                    acc[k] += st.get(k, 0)
                for r, n in st.get("rejected_by_reason", {}).items():
                    acc["rejected_by_reason"][r] = acc["rejected_by_reason"].get(r, 0) + n
        return out
