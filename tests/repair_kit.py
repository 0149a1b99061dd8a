"""The repair step and its round trip, shared by the repair test modules.

    from repair_kit import fix, repair_step

    @pytest.fixture(scope="module")
    def step() -> Repair:
        return repair_step()
"""

from __future__ import annotations

from evaluation.repair.unseen import load_cases, page_order, run_traps
from saring.document import Document
from saring.repair.step import Repair


def repair_step() -> Repair:
    """Repair without paragraph dedup, set up (each module makes one: its resources are read-only)."""
    s = Repair(dedup_paragraphs=False)
    s.ensure_setup()
    return s


def fix(step: Repair, text: str) -> str:
    """The repaired text; every edit must undo back to the input."""
    doc = Document(id="t", text=text)
    step.process(doc)
    assert doc.undo() == text
    return doc.text


# other confident translator glue: a page that shows it gives the evidence some rules ask for
EVIDENCE = "Harga minyak naik, kata Rusiapejabat itu.\nIa menunggu Rusiajawaban resmi.\n"


def alone_and_in_page(step: Repair, text: str) -> list[str]:
    """``text`` repaired alone and as the last line of a page with other glue."""
    return [fix(step, text), fix(step, EVIDENCE + text).split("\n")[-1]]


def assert_traps_untouched(step: Repair, traps: str, least: int, pages_of: str) -> None:
    """At least ``least`` look-alikes of ``traps`` and zero edits on them, alone and inside the
    pages of set ``pages_of`` (other translator glue raises every confidence)."""
    n, bad, lines = run_traps(step, name=traps)
    assert n >= least and bad == 0, lines
    n, bad, lines = run_traps(step, page_order(load_cases(pages_of)), name=traps)
    assert bad == 0, lines
