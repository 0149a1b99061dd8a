"""The byte-shape gate in front of ``code_sites`` must never hide a CODE_GLUE match."""

from hypothesis import given, settings
from hypothesis import strategies as st

from saring.repair.names import CODE_GLUE, _code_possible

PIECES = st.sampled_from(["K", "RX", "ABCD", "12", "150", "\u0663", "\uff11", "\u0967", "layar", "Mesin",
                          " ", ".", "-", "é", "\u2019", "\U0001d7d9", "a", "Z9"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_gate_passes_every_match_built_from_pieces(text: str) -> None:
    if CODE_GLUE.search(text):
        assert _code_possible(text)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_gate_passes_every_match_in_any_text(text: str) -> None:
    if CODE_GLUE.search(text):
        assert _code_possible(text)


def test_gate_on_known_shapes() -> None:
    assert _code_possible("Pembeli mengeluhkan Kavora K12layar yang retak.")
    assert _code_possible("model K\u0663\u0663layar")  # an Arabic-Indic digit after the capital
    assert CODE_GLUE.search("model K\u0663\u0663layar") is not None
    assert not _code_possible("Presiden Joko Widodo tiba pada 12 Mei 2024 di Jakarta.")
    assert not _code_possible("")
