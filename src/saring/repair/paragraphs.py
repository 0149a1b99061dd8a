"""Within-document near-duplicate paragraphs (two revisions of a story concatenated).

Paragraphs are lines. Candidate pairs share one of their longest words (a cheap sketch), then need similar
length and word-set Jaccard >= 0.5 (set operations in C on ``str.split`` words); only those are
tokenised and get a ``SequenceMatcher`` ratio. Of a duplicate pair the less damaged copy is kept (then the first); the differing details
(``Rabu`` vs ``Kamis``) are returned so the step can record them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from saring.record import Record

if TYPE_CHECKING:
    from difflib import SequenceMatcher

TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
MIN_WORDS = 15
MIN_CHARS = 60
# Enumerated or bulleted lines are templated lists ("1. Tim X dikenakan sanksi ..."), not revisions.
LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-zA-Z][.)]|[-•*▪►])\s")
NON_LATIN = re.compile(r"[^\x00-\x7f\u00c0-\u024f\u2000-\u206f]")
MAX_DIFF_SHARE = 0.15  # a revision changes a detail, not a sentence
# ... or one short phrase: a single edit region of at most this many tokens on either side
# ("tujuh korban" / "sembilan korban", "dua hari" / "tiga puluh jam", a two-word name), whatever the
# paragraph's length, provided the rest is identical and long enough to be the same paragraph and
# the copies are not on consecutive lines (a list). A paragraph that matches two or more others
# this way is a filled-in template (schedules, price lists) and is never a revision at all.
MAX_REGION = 4
MIN_SAME = 10
# Two wider shapes of one edit region (session 14): a clause added or dropped (one side of the
# region empty: "... tujuh kendaraan, termasuk dua truk bermuatan pasir, dan ..."), and a figure
# changed with its unit, a figure on both sides ("Rp 95.000 per kilogram" / "Rp 1,1 juta per
# karung"). A replaced clause without figures on both sides (two quotes in one quote frame, one
# opener with two different requests) stays a different paragraph.
MAX_CLAUSE = 8
MAX_FIGURE_REGION = 6
SENTENCE_END = frozenset(".!?\"”’)")


class Para(Record):
    _fields = ("index", "start", "end", "text", "bag", "_tokens", "_lower")
    __slots__ = _fields
    index: int  # line number
    start: int
    end: int  # end of the text, without the newline
    text: str
    bag: frozenset[str]
    _tokens: list[str] | None
    _lower: list[str] | None

    def __init__(self, index: int, start: int, end: int, text: str, bag: frozenset[str],
                 _tokens: list[str] | None = None, _lower: list[str] | None = None) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        self.bag = bag
        self._tokens = _tokens
        self._lower = _lower

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = TOKEN.findall(self.text)
        return self._tokens

    @property
    def lower(self) -> list[str]:
        """The tokens lower-cased (computed once: read-only, callers must not change it)."""
        if self._lower is None:
            self._lower = [t.lower() for t in self.tokens]
        return self._lower


class DupPair(Record):
    _fields = ("kept", "removed", "ratio", "exact", "conflicts")
    __slots__ = _fields
    kept: int
    removed: int
    ratio: float
    exact: bool
    conflicts: list[tuple[str, str]]

    def __init__(self, kept: int, removed: int, ratio: float, exact: bool,
                 conflicts: list[tuple[str, str]] | None = None) -> None:
        self.kept = kept
        self.removed = removed
        self.ratio = ratio
        self.exact = exact
        self.conflicts = [] if conflicts is None else conflicts


def _prose(line: str, n_words: int) -> bool:
    """Latin-script running text of enough words that is not a list item."""
    if n_words < MIN_WORDS or LIST_ITEM.match(line):
        return False
    return line.isascii() or len(NON_LATIN.findall(line)) < 0.4 * len(line)


def split_paragraphs(text: str) -> list[Para]:
    """Prose lines (candidates for duplicate detection) with their offsets and word bags."""
    out: list[Para] = []
    pos = 0
    for i, line in enumerate(text.split("\n")):
        end = pos + len(line)
        if len(line) >= MIN_CHARS:
            words = line.lower().split()
            if _prose(line, len(words)):
                out.append(Para(i, pos, end, line, frozenset(words)))
        pos = end + 1
    return out


def _diff_size(sm: SequenceMatcher) -> int:
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def _one_region(sm: SequenceMatcher) -> tuple[int, int, int, int] | None:
    """The span ``(i1, i2, j1, j2)`` covering all differences (None when there are none)."""
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    if not ops:
        return None
    return ops[0][1], ops[-1][2], ops[0][3], ops[-1][4]


def _has_figure(tokens: list[str]) -> bool:
    return any(t in NUMBER_WORDS or any(c.isdigit() for c in t) for t in tokens)


def _sentences(text: str) -> bool:
    """Cased prose ending in a sentence mark: news and web paragraphs, not the lower-cased,
    unpunctuated court-record lines whose repeated formulas differ by a clause (``halaman 12 dari
    17 putusan nomor``, an amount added to one witness's identical statement)."""
    end = text.rstrip()[-1:]
    return end in SENTENCE_END and text != text.lower()


def _short_edit(a: Para, b: Para, left: list[str], right: list[str]) -> bool:
    """One edit region small enough to be a revision: at most ``MAX_REGION`` tokens a side, or, in
    prose (:func:`_sentences`), an added/dropped clause of at most ``MAX_CLAUSE``, or a figure with
    its unit on both sides in at most ``MAX_FIGURE_REGION`` (``left``/``right``: the region's
    lower-cased tokens)."""
    n = max(len(left), len(right))
    if n <= MAX_REGION:
        return True
    if not (_sentences(a.text) and _sentences(b.text)):
        return False
    if not left or not right:
        return n <= MAX_CLAUSE
    return n <= MAX_FIGURE_REGION and _has_figure(left) and _has_figure(right)


def _matcher(a: Para, b: Para) -> SequenceMatcher:
    from difflib import SequenceMatcher  # (difflib: not in ``saring clean``'s start-up)

    return SequenceMatcher(None, a.lower, b.lower, autojunk=False)


def revision_region(a: Para, b: Para, sm: SequenceMatcher | None = None) -> tuple[int, int, int, int] | None:
    """A bounded edit region between two copies that are otherwise the same paragraph (``sm``:
    their matcher if already built; it caches its blocks and opcodes)."""
    if sm is None:
        sm = _matcher(a, b)
    reg = _one_region(sm)
    if reg is None:
        return None
    i1, i2, j1, j2 = reg
    if not _short_edit(a, b, a.lower[i1:i2], b.lower[j1:j2]):
        return None
    same = len(a.lower) - (i2 - i1)
    return reg if same >= MIN_SAME and same >= 0.75 * len(a.lower) else None


def _similar_enough(a: Para, b: Para) -> bool:
    """Cheap filters before any alignment: similar size and word-set Jaccard >= 0.5."""
    la, lb = len(a.bag), len(b.bag)
    if lb < 0.6 * la or la < 0.6 * lb:
        return False
    inter = len(a.bag & b.bag)
    return inter >= 0.5 * (la + lb - inter)


def _templated(paras: list[Para], regions: dict[tuple[int, int], bool]) -> set[int]:
    """Paragraphs that differ from two or more others in one short phrase: a template filled in
    ("Layanan SIM keliling hari ini berada di <tempat> ..."), not two revisions of one story."""
    partners: dict[int, int] = {}
    for (i, j), one in regions.items():
        if one:
            partners[i] = partners.get(i, 0) + 1
            partners[j] = partners.get(j, 0) + 1
    return {i for i, n in partners.items() if n >= 2}


NUMBER_WORDS = frozenset(
    "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh ratus "
    "seratus ribu seribu juta miliar triliun setengah separuh".split()
)


def _is_detail(tok: str, days: frozenset[str]) -> bool:
    low = tok.lower()
    return low in days or low in NUMBER_WORDS or any(c.isdigit() for c in tok) or tok[:1].isupper()


def conflicts(a: Para, b: Para, days: frozenset[str], whole: bool = False,
              sm: SequenceMatcher | None = None) -> list[tuple[str, str]]:
    """Replaced token runs between two copies that carry a fact: a day, number or name; with
    ``whole`` (a short changed phrase) the whole replaced runs (``tujuh korban``/``sembilan korban``
    is recorded as ``tujuh``/``sembilan``, ``dua hari``/``tiga puluh jam`` as such, an added clause
    as ``""``/the clause)."""
    out = []
    if sm is None:
        sm = _matcher(a, b)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        left, right = a.tokens[i1:i2], b.tokens[j1:j2]
        if not whole:
            if op != "replace":
                continue
            left = [t for t in left if _is_detail(t, days)]
            right = [t for t in right if _is_detail(t, days)]
            if not (left and right):
                continue
        if left != right:
            out.append((" ".join(left), " ".join(right)))
    return out


def find_duplicates(
    paras: list[Para], damage: dict[int, float], days: frozenset[str], min_ratio: float = 0.8
) -> list[DupPair]:
    """Near-duplicate pairs among ``paras`` (at most one removal per paragraph).

    ``damage`` maps a paragraph's line index to its artifact count; the copy with fewer artifacts
    is kept, ties keep the earlier one.
    """
    removed: set[int] = set()
    pairs: list[DupPair] = []
    cands = [(i, j) for i, j in candidate_pairs(paras) if _similar_enough(paras[i], paras[j])]
    exact_of = {(i, j): paras[i].text.strip() == paras[j].text.strip() for i, j in cands}
    # one matcher per pair: revision_region, the ratio, the diff size and the conflicts read the
    # same blocks and opcodes (a matcher computes each once)
    sms = {(i, j): _matcher(paras[i], paras[j]) for i, j in cands if not exact_of[(i, j)]}
    regions = {ij: revision_region(paras[ij[0]], paras[ij[1]], sm) is not None for ij, sm in sms.items()}
    templated = _templated(paras, regions)
    for i, j in cands:
        a, b = paras[i], paras[j]
        if a.index in removed or b.index in removed:
            continue
        exact = exact_of[(i, j)]
        ratio = 1.0
        phrase = False
        if not exact:
            if templated & {i, j}:
                continue
            sm = sms[(i, j)]
            ratio = sm.ratio()
            if ratio < min_ratio or _diff_size(sm) > MAX_DIFF_SHARE * max(len(a.bag), len(b.bag)):
                phrase = b.index - a.index > 1 and regions[(i, j)]
                if not phrase:
                    continue
        da, db = damage.get(a.index, 0.0), damage.get(b.index, 0.0)
        keep, drop = (b, a) if db < da else (a, b)
        pairs.append(
            DupPair(keep.index, drop.index, round(ratio, 3), exact,
                    [] if exact else conflicts(keep, drop, days, phrase, sms[(i, j)] if keep is a else None))
        )
        removed.add(drop.index)
    return pairs


def candidate_pairs(paras: list[Para], k: int = 4, max_posting: int = 50) -> list[tuple[int, int]]:
    """Pairs sharing one of their ``k`` longest words (ties broken alphabetically).

    A deterministic sketch: two copies sharing >= 85 % of their words almost surely share one of
    their longest (most distinctive) words, while unrelated paragraphs rarely do, so only a few
    pairs get the exact checks. Anchors shared by more than ``max_posting`` paragraphs are ignored.
    """
    postings: dict[str, list[int]] = {}
    for i, p in enumerate(paras):
        for w in sorted(sorted(p.bag), key=len, reverse=True)[:k]:
            postings.setdefault(w, []).append(i)
    seen: set[tuple[int, int]] = set()
    for ids in postings.values():
        if 1 < len(ids) <= max_posting:
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    seen.add((ids[x], ids[y]))
    # exact copies are always candidates, even under a crowded anchor: otherwise removing some
    # copies shrinks the postings and a second run finds more (the step would not be idempotent)
    first: dict[str, int] = {}
    for i, p in enumerate(paras):
        j = first.setdefault(p.text.strip(), i)
        if j != i:
            seen.add((j, i))
    return sorted(seen)
