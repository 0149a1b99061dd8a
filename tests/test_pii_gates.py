"""``saring.pii._c_pii.gates``: the detector's four whole-text gates in one compiled pass give
exactly the bits of the pure-Python reference (``detect.gates_py``), and the detector finds the
same spans with and without the kernel."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from saring.pii import detect as D
from saring.pii.detect import Detector

needs_kernel = pytest.mark.skipif(D._K is None, reason="kernel not built")

# the characters the gates look at, around and inside their patterns, plus wider kinds
_GATE_ALPHABET = list("@[]():  aAtTeEmMilLfF0189:.xX\n") + ["\u00e9", "\u2013", "\U0001f600"]
_PIECES = ["[email", "[email\u00a0protected]", "[at]", "( at )", "(AT)", "[At ]", "[ at", "::",
           ":12:ab:", ":1234:5:", ":12345:1:", ":abcd:ef01:", "fe80::1", "a@b.co", "[ AT )"]
_TEXT = st.one_of(
    st.text(st.sampled_from(_GATE_ALPHABET), max_size=80),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(st.sampled_from(_GATE_ALPHABET), max_size=4)),
             max_size=12).map("".join),
    st.text(max_size=60),
    # one-byte text with the pieces at every offset of the kernel's 8-character words
    st.lists(st.one_of(st.sampled_from(_PIECES[:-3] + ["a@b.co", "[at]", ":1:2:"]),
                       st.text(st.sampled_from(list("abc xyz.0189")), max_size=17)),
             max_size=14).map("".join),
)


@needs_kernel
@settings(max_examples=1500, deadline=None)
@given(_TEXT)
@example("")
@example("[")
@example("[emai")
@example("(at")
@example(":1:")
@example(":1:2:")
@example("::")
def test_gates_equal_the_reference(text: str) -> None:
    assert D._K.gates(text) == D.gates_py(text)


@needs_kernel
def test_gates_bits_on_examples() -> None:
    g = D._K.gates
    assert g("tulis ke nama@contoh.co.id") == D.GATE_AT
    assert g("[email\u00a0protected]") == D.GATE_CLOUDFLARE
    assert g("nama [at] contoh [dot] com") == D.GATE_OBFUSCATED_AT
    assert g("alamat 2001:db8::1") == D.GATE_IPV6
    assert g(":12345:1:") == 0  # five hex digits: no second colon in reach
    assert g("\U0001f600 a@b [email (at) ::") == 15
    with pytest.raises(TypeError):
        g(b"a@b")


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(["", "email ", "IP server ", "telp 0812-3456-7890 "]))
def test_detector_same_spans_with_and_without_the_kernel(text: str, head: str) -> None:
    det = Detector()
    text = head + text
    with_kernel = det.find(text)
    saved, D._K = D._K, None
    try:
        without = det.find(text)
    finally:
        D._K = saved
    assert with_kernel == without


def test_scans_keep_the_gil_in_the_concurrent_slot() -> None:
    """``KEEP_GIL`` is passed positionally: the slot must be ``regex``'s ``concurrent`` argument
    (a bad value there is refused as such), and the calls answer as without it."""
    import regex

    p = regex.compile(r"[0-9]+")
    with pytest.raises(ValueError, match="concurrent"):
        list(p.finditer("a 12 b 3", None, None, False, "x"))
    with pytest.raises(ValueError, match="concurrent"):
        p.search("a 12", None, None, "x")
    text = "a 12 b 345 c 6"
    assert D.KEEP_GIL is False
    assert [m.span() for m in p.finditer(text, None, None, False, D.KEEP_GIL)] == [
        m.span() for m in p.finditer(text)]
    assert [m.span() for m in p.finditer(text, 3, 12, False, D.KEEP_GIL)] == [m.span() for m in p.finditer(text, 3, 12)]
    assert p.search(text, None, None, D.KEEP_GIL).span() == p.search(text).span()
