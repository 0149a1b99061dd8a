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
from saring.boilerplate import shape as shape_mod
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
    masks, other, widths, dnfs, needles, _prose = spec
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
    prose = shape_mod._PROSE.spec()  # noqa: SLF001
    assert K.line_spec(masks, other, widths, dnfs, needles, prose) is not None
    bad = [
        "x", (), prose[:-1], (*prose[:3], ("Ikuti",), *prose[4:]), (*prose[:3], ("é",), *prose[4:]),
        (*prose[:3], ("a" * 64,), *prose[4:]), (*prose[:6], ("",)), (*prose[:6], (1,)),
    ]
    for b in bad:
        with pytest.raises((ValueError, TypeError)):
            K.line_spec(masks, other, widths, dnfs, needles, b)


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
        s = line.strip()
        assert got == full or (got is None and (len(s) > shape.max_chars or PROSE.surely_rejects(s)))
    assert _analysis(text, url, True) == _analysis(text, url, False)


# ------------------------------------------------------------------ the prose filter
PROSE = shape_mod._PROSE  # noqa: SLF001
_PROSE_WORDS = ["Ikuti", "IKUTI", "ikuti", "Copyright", "Foto", "*Baca", "(Foto:", "“Simak", "\u212aunjungi",
                "İkuti", "Yuk", "Kata", "Dia", "Ayo", "jangan", "Sumber:", "Download::", "(“Ikuti", "x" * 70]
PROSE_LINES = st.builds(
    lambda first, words, end, extra: " ".join([first, *words]) + end + extra,
    st.sampled_from(_PROSE_WORDS) | st.text(max_size=8),
    st.lists(st.sampled_from(["kata", "dia", "di", "Google", "News", "©", "reserved", "eserved",
                              "a" * 30, "", " ", "\t", "é", "𝕏"]), max_size=30),
    st.sampled_from(list('.!?"”’)…') + ["", ",", ":", " ", "a"]),
    st.sampled_from(["", " ", "\xa0", "\u3000"]),
)


def _old_classify_test(line: str) -> bool:
    """classify's inline test before the filter was a class (session 12)."""
    ends = frozenset('.!?"”’)…')
    if len(line) > 120 or (line[-1] in ends and line.count(" ") >= 11):
        first = line.split(" ", 1)[0].lstrip("*([\"“").rstrip(":").lower()
        if first not in shape_mod._LONG_FIRST_WORDS and "©" not in line and "eserved" not in line:  # noqa: SLF001
            return True
    return False


@settings(max_examples=500, deadline=None)
@given(PROSE_LINES | LINES)
def test_prose_filter_is_the_old_classify_test_and_the_kernel_part_implies_it(line: str) -> None:
    line = line.strip()
    if not line:
        return
    assert PROSE.rejects(line) == _old_classify_test(line)
    if PROSE.surely_rejects(line):
        assert PROSE.rejects(line)
        assert STEP._shape.classify(line) is None  # noqa: SLF001


PROSE_TEXTS = st.lists(PROSE_LINES | LINES, max_size=8).map("\n".join)


@needs_kernel
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROSE_TEXTS)
def test_kernel_equals_reference_with_the_prose_filter(text: str) -> None:
    shape = STEP._shape  # noqa: SLF001
    (got,) = line_candidates(text, ((shape.alt, True),))
    assert got == linescan.line_candidates_py(shape.alt.kernel_spec(), text, True)
    (plain,) = line_candidates(text, ((ALTS["shape"], True),))  # no cap, no filter
    for line, c, full in zip(text.split("\n"), got, plain, strict=True):
        s = line.strip()
        if c != full:
            assert c is None and (len(s) > shape.max_chars or PROSE.surely_rejects(s))
        if s:  # what the shape pass decides is the same
            assert (None if c is None else shape.classify(s, frozenset(), c)) == shape.classify(s)


@needs_kernel
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROSE_TEXTS, st.sampled_from(["", "https://www.kompas.com/x", "https://news.detik.com/y"]))
def test_step_decides_the_same_on_prose_with_and_without_the_kernel(text: str, url: str) -> None:
    assert _analysis(text, url, True) == _analysis(text, url, False)
