"""Text scans shared by the chain's steps: the pure-Python reference of ``saring._c_scan``.

Each function here is the definition; the compiled kernel (``saring.compiled.load``) computes
the same value in one C pass and is used when built. ``tests/test_scan_kernel.py`` compares
the two on adversarial text.
"""

from __future__ import annotations

from collections.abc import Iterable

from saring.compiled import load

__all__ = ["any_lower_in", "lower_set", "needles_present"]


def needles_present_py(text: str, needles: tuple[str, ...]) -> int:
    """Bit ``i`` set iff ``needles[i] in text`` (at most 64 needles)."""
    if len(needles) > 64:
        raise ValueError("needles_present: at most 64 needles")
    return sum(1 << i for i, nd in enumerate(needles) if nd in text)


def any_lower_in_py(tokens: Iterable[str], targets: frozenset[str] | set[str], maxlen: int) -> bool:
    """Whether some token, lowered, is in ``targets`` (``maxlen``: the longest target)."""
    return not targets.isdisjoint(map(str.lower, tokens))


def lower_set_py(tokens: Iterable[str]) -> set[str]:
    """The set of the tokens lowered."""
    return set(map(str.lower, tokens))


_K = load("saring._c_scan")
needles_present = _K.needles_present if _K is not None else needles_present_py
any_lower_in = _K.any_lower_in if _K is not None else any_lower_in_py
lower_set = _K.lower_set if _K is not None else lower_set_py
