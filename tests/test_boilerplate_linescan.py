"""Per-line rule candidates (``boilerplate.linescan``): the compiled pass equals the pure-Python
reference, the needle filter never drops a rule that matches, and the step decides the same
with and without the kernel.

- ``fold`` (ignore-case needles): the kernel's folding equals the reference on every code
  point, and every character ``re`` matches to an ASCII letter under ignore-case folds to it;
- ``needle_dnf``: lines generated from each rule's own pattern (``hypothesis.from_regex``) that
  match it keep the rule among their candidates;
- ``_c_boiler.line_candidates`` == ``line_candidates_py`` on adversarial text (Unicode
  categories, astral characters, combining marks, blanks of every kind, empty, long,
  repetitive), and ``match_among`` == ``match`` on every line;
- ``Boilerplate.analyse`` gives the same analysis with the kernel path and the reference path.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring.boilerplate import linescan
from saring.boilerplate.dispatch import LineAlternation, line_candidates
from saring.boilerplate.rules import DATA, load_rules
from saring.boilerplate.shape import load_shape_rules
from saring.boilerplate.step import Boilerplate
from saring.compiled import load
from saring.document import Document

K = load("saring.boilerplate._c_boiler")
needs_kernel = pytest.mark.skipif(K is None, reason="kernel not built (pure-Python run)")

_RULES = load_rules(DATA / "rules.tsv")
NAMED = {
    "line": [(r.id, r.pattern) for r in _RULES if r.scope == "line"],
    "trailing": [(r.id, r.pattern) for r in _RULES if r.scope == "trailing"],
    "shape": [(f"{r.cls}__{k}", r.pattern) for k, r in enumerate(load_shape_rules(DATA / "shape.tsv"))],
}
ALTS = {kind: LineAlternation(named) for kind, named in NAMED.items()}
STRIP = {"line": False, "trailing": False, "shape": True}

_PIECES = [
    "Baca juga", "BACA JUGA", "Editor: Budi", "Penulis :", "(ant)", "(Foto: Antara)", "Foto",
    "ilustrasi", "ILUSTRASI", "Ilustrası", "İlustrasi", "ſumber", "\u212aredit foto", "Kredit Foto: X",
    "Copyright", "©", "2024", "Ikuti", "Google News", "WhatsApp Channel", "kami di", "@", "#tag",
    "Halaman", "Selanjutnya", "»", "›", "•", "|", ":", "：", " ", "\t", "\xa0", "\u3000", "\u200b",
    "\n", "\n\n", "é", "e\u0301", "𝕏", "日本", "“", "”", "—", "–", "-", ".", "Jakarta", "KOMPAS.com",
    "detikcom", "Simak Video", "ADVERTISEMENT", "Tags:", "1.", "12:30 WIB", "Senin, 1 Januari 2024",
]
LINES = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=14).map("".join),
    st.lists(st.sampled_from(_PIECES), max_size=14).map(" ".join),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
)
TEXTS = st.one_of(
    st.lists(LINES, max_size=8).map("\n".join),
    st.text(alphabet="ab :(\n\t\xa0İı", max_size=300),
    st.builds(lambda piece, k: piece * k, st.sampled_from(_PIECES), st.integers(0, 400)),
)


def _specs(kinds):
    return tuple((ALTS[kind], STRIP[kind]) for kind in kinds)


# ------------------------------------------------------------------ folding
_ALL = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@needs_kernel
def test_kernel_folds_every_code_point_as_the_reference() -> None:
    assert K.fold(_ALL) == linescan.fold(_ALL)


def test_every_character_re_matches_to_an_ascii_letter_folds_to_it() -> None:
    folded = linescan.fold(_ALL)
    at = {c: i for i, c in enumerate(_ALL)}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for c in re.findall(f"(?i:{letter})", _ALL):
            assert folded[at[c]] == letter, (letter, hex(ord(c)))
    assert linescan.fold("Aİı\u017f\u212aé") == "aiisk\x80"


# ------------------------------------------------------------------ the needle filter is sound
def _generated(kind: str):
    strategies = []
    for k, (_name, pattern) in enumerate(NAMED[kind]):
        try:
            strategies.append(st.tuples(st.just(k), st.from_regex(re.compile(pattern), fullmatch=True)))
        except Exception:  # noqa: BLE001 - a construct hypothesis cannot generate from
            continue
    return st.one_of(strategies)


@pytest.mark.parametrize("kind", sorted(NAMED))
def test_a_line_matching_a_rule_keeps_it_among_its_candidates(kind: str) -> None:
    alt, spec = ALTS[kind], ALTS[kind].kernel_spec()
    seen = []

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_generated(kind))
    def check(item: tuple[int, str]) -> None:
        k, line = item
        if "\n" in line or not line or line[0] in " \t" or (STRIP[kind] and line != line.strip()):
            return
        if alt._rules[k][1].fullmatch(line) is None:  # noqa: SLF001
            return
        (cands,) = linescan.line_candidates_py(spec, line, STRIP[kind])
        assert cands is not None and k in cands, (NAMED[kind][k][0], line)
        seen.append(k)

    check()
    assert len(set(seen)) >= len(NAMED[kind]) // 2  # the positives were real


@needs_kernel
@pytest.mark.parametrize("kind", sorted(NAMED))
def test_the_text_level_filter_keeps_a_matching_line_among_other_lines(kind: str) -> None:
    """A line matching a rule keeps it among its candidates wherever it sits among other lines
    (a kernel that filters rules per text, tried in session 12, must not lose it)."""

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_generated(kind), st.lists(LINES, max_size=3), st.lists(LINES, max_size=3))
    def check(item: tuple[int, str], before: list[str], after: list[str]) -> None:
        k, line = item
        if "\n" in line or not line or line[0] in " \t" or (STRIP[kind] and line != line.strip()):
            return
        if ALTS[kind]._rules[k][1].fullmatch(line) is None:  # noqa: SLF001
            return
        before = [b.replace("\n", " ") for b in before]
        text = "\n".join([*before, line, *after])
        (cands,) = line_candidates(text, _specs([kind]))
        assert cands[len(before)] is not None and k in cands[len(before)], (NAMED[kind][k][0], line)
        assert cands == linescan.line_candidates_py(ALTS[kind].kernel_spec(), text, STRIP[kind])

    check()


# ------------------------------------------------------------------ kernel == reference
@needs_kernel
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_kernel_equals_reference_and_match(text: str) -> None:
    kinds = ("line", "shape", "trailing")
    got = line_candidates(text, _specs(kinds))
    assert got is not None
    for kind, cands in zip(kinds, got, strict=True):
        alt = ALTS[kind]
        assert cands == linescan.line_candidates_py(alt.kernel_spec(), text, STRIP[kind])
        for line, c in zip(text.split("\n"), cands, strict=True):
            line = line.strip() if STRIP[kind] else line
            want = alt.match(line) if line else None
            assert (None if c is None else alt.match(line) if c is True else alt.match_among(line, c)) == want


@needs_kernel
@pytest.mark.parametrize("text", [
    "", "\n", "\n\n\n", " ", "\t(Foto: Antara)", "a" * 100_000, ("(ant) " * 5000).strip(),
    "Baca juga: X\n" * 2000, "𝕏" * 10_000 + "\nilustrasi ilustrasi", "İlustrasi ılustrası\n\xa0Foto\xa0",
])
def test_kernel_edges(text: str) -> None:
    kinds = ("line", "shape")
    got = line_candidates(text, _specs(kinds))
    for kind, cands in zip(kinds, got, strict=True):
        assert cands == linescan.line_candidates_py(ALTS[kind].kernel_spec(), text, STRIP[kind])


@needs_kernel
def test_kernel_rejects_bad_arguments() -> None:
    spec = ALTS["line"].kernel_spec()
    masks, other, widths, dnfs, needles = spec
    with pytest.raises(ValueError):
        K.line_spec(masks[:5], other, widths, dnfs, needles)
    with pytest.raises(ValueError):
        K.line_spec(masks, other, widths, dnfs[:-1], needles)
    with pytest.raises(ValueError):
        K.line_spec(masks, other, widths, dnfs, needles[:1])  # a needle index out of range
    with pytest.raises(ValueError):
        K.line_spec(masks, other, widths, dnfs, (("ABC", True),) + needles[1:])  # not lower-case
    with pytest.raises(ValueError):
        K.line_spec(masks, other, widths, dnfs, (("", False),) + needles[1:])
    with pytest.raises(TypeError):
        K.line_spec(masks, "x", widths, dnfs, needles)
    with pytest.raises(ValueError):
        K.line_candidates("x", ((object(), False),))
    with pytest.raises(ValueError):
        K.line_candidates("x", ((K.line_spec(*spec), False),) * 9)
    with pytest.raises(TypeError):
        K.line_candidates(b"x", ())


# ------------------------------------------------------------------ the step, both paths
STEP = Boilerplate()
STEP.ensure_setup()


def _analysis(text: str, url: str, kernel: bool):
    saved = STEP._scan  # noqa: SLF001
    if not kernel:
        STEP._scan = None  # noqa: SLF001
    try:
        res = STEP.analyse(Document("d", text, {"url": url}))
    finally:
        STEP._scan = saved  # noqa: SLF001
    return (res.drop, res.spans, res.dateline, res.flags, res.glue, res.glue_suspects, res.caps_head)


@needs_kernel
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["", "https://www.kompas.com/x", "https://news.detik.com/y"]))
def test_step_decides_the_same_with_and_without_the_kernel(text: str, url: str) -> None:
    assert STEP._scan is not None  # noqa: SLF001
    assert _analysis(text, url, True) == _analysis(text, url, False)


# lines longer than the shape pass's ``max_chars``: its kernel spec caps every width there
LONG_TEXTS = st.lists(
    st.one_of(LINES, st.lists(st.sampled_from(_PIECES), min_size=30, max_size=120).map(" ".join)),
    max_size=6,
).map("\n".join)


@needs_kernel
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LONG_TEXTS, st.sampled_from(["", "https://www.kompas.com/x", "https://news.detik.com/y"]))
def test_shape_width_cap_only_drops_lines_the_shape_pass_rejects(text: str, url: str) -> None:
    shape = STEP._shape  # noqa: SLF001
    capped = line_candidates(text, ((shape.alt, True),))[0]
    plain = line_candidates(text, ((ALTS["shape"], True),))[0]  # the same rules, no cap
    for line, got, full in zip(text.split("\n"), capped, plain, strict=True):
        assert got == full or (got is None and len(line.strip()) > shape.max_chars)
    assert _analysis(text, url, True) == _analysis(text, url, False)
