"""A learned line model on top of the rules: shape features of the lines the rules keep.

The rules learn their writer's strings; a logistic model over a line's *form* (length, final
punctuation, separators, place on the page, neighbours, list context, a small function
vocabulary with no outlet in it) carries across writers (notes/boilerplate.md, sessions 16-17).
It only looks at *candidate* lines: kept whole by the rules, not a prose paragraph, and short,
unpunctuated or outside the body. Everything else costs one length / last-character test.

The weights, the standardisation folded in, the thresholds and the vocabulary are one data file
(``data/boilerplate/learned.json``) written by ``evaluation/boilerplate/learned/loro.py --fit``;
the evaluation computes its features with :func:`line_features`, so training and run time agree.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Container
from dataclasses import dataclass
from functools import reduce
from itertools import chain, repeat
from operator import mul, or_
from pathlib import Path

from saring.boilerplate.analysis import Analysis, Lines

SENT_END = frozenset('.!?"”’)…')
PARA_CHARS = 60  # a line this long ending a sentence is a prose paragraph (about 10+ words)
SHORT_WORDS = 8
EDGE_K = 3
SHARE_CHARS = 160
ZONE_LINES = 20
CLASSES = ("credit", "follow", "related", "copyright", "share", "tag", "ad", "caption", "date")
_TOKEN_RE = re.compile(r"[^\W\d_]{2,}")
_BULLET_RE = re.compile(r"(?:[-•*·–—►▪●○✓✔>»]\s|\(?\d|\(?[a-zA-Z][.)]\s)")
_CAP_RE = re.compile(r"(?<!\S)[A-Z]")  # a word starting with a capital
_CONT = frozenset("abcdefghijklmnopqrstuvwxyz),;")  # a line starting so continues a sentence
_SEPARATORS = (("|",), ("•", "·"), ("»", "›", " > "), (" - ", " – ", " — "), (" / ",))
_URLISH_RE = re.compile(r"https?://|www\.|\w\.(?:com|id|net|org|co)\b")
FEATURES: tuple[str, ...] = (
    "log_chars", "words_le3", "words_le8", "ends_sentence", "ends_colon", "digit_share",
    "upper_share", "title_share", "symbol_share", "label_colon", "at_hash", "urlish", "copyright",
    *(f"sep{i}" for i in range(len(_SEPARATORS))),
    *(f"voc_{c}" for c in CLASSES), "voc_start", "voc_any",
    "log_from_top", "log_from_bottom", "in_first_k", "in_last_k", "before_first_para",
    "after_last_para", "log_para_dist",
    "prev_para", "next_para", "prev_short", "next_short", "prev_step", "next_step",
    "prev_colon", "bullet", "list_run", "fragment", "next_lower", "words_gt20",
    "short_x_edge", "vocab_x_short", "vocab_x_edge", "nosent_x_edge", "bullet_x_edge",
)  # fmt: skip
_VOC_ANY = FEATURES.index("voc_any")


def _prefix(line: str) -> str:
    """The list marker class of a line: '-' bullets, '1' a leading number (``2.``, ``12.00``,
    ``3 sdm``), 'a' letters (``a.``), '' none."""
    m = _BULLET_RE.match(line)
    if not m:
        return ""
    c = m.group(0).lstrip("(")[0]
    return "1" if c.isdigit() else ("a" if c.isalpha() else "-")


def _is_para(line: str) -> bool:
    if len(line) < PARA_CHARS:  # cheap: stripping only shortens
        return False
    s = line.strip()
    return len(s) >= PARA_CHARS and s[-1] in SENT_END


@dataclass(slots=True)
class Page:
    """A text's lines and where its prose starts and ends: only the lines above the first
    and below the last prose paragraph (the head and tail zones) are ever looked at."""

    lines: list[str]
    drop: Container[int]  # the lines the rules remove
    first_para: int  # line index (len(lines): no paragraph)
    last_para: int  # line index (-1: no paragraph)

    @classmethod
    def of(cls, lines: list[str], drop: Container[int]) -> Page:
        n = len(lines)
        first = 0
        while first < n and not _is_para(lines[first]):
            first += 1
        last = n - 1
        while last >= first and not _is_para(lines[last]):
            last -= 1
        return cls(lines, drop, first, last if first < n else -1)

    def prev(self, i: int) -> int:
        """The nearest non-empty line above ``i`` (-1: none)."""
        i -= 1
        while i >= 0 and not self.lines[i].strip():
            i -= 1
        return i

    def next(self, i: int) -> int:
        """The nearest non-empty line below ``i`` (len(lines): none)."""
        i += 1
        while i < len(self.lines) and not self.lines[i].strip():
            i += 1
        return i

    def text(self, i: int) -> str:
        return self.lines[i].strip() if 0 <= i < len(self.lines) else ""


def candidates(page: Page, cut: Container[int]) -> list[int]:
    """Line indices the model scores: non-empty lines the rules keep whole, in the head zone
    (above the first prose paragraph) and the tail zone (below the last), at most ZONE_LINES
    each (furniture sits at the edges). A text without prose (a tweet, a list, a table) has
    no body to sit at the edge of: nothing is scored."""
    if page.last_para < 0:
        return []
    n, lines, drop = len(page.lines), page.lines, page.drop
    head_end = min(page.first_para, ZONE_LINES)
    tail = range(max(page.last_para + 1, n - ZONE_LINES), n)
    zone = chain(range(head_end), tail)
    return [i for i in zone if i not in drop and i not in cut and lines[i].strip()]


def _own(s: str, vocab: dict[str, int]) -> list[float]:
    """Form and vocabulary of one stripped line. Everything but length and punctuation is read
    on its first SHARE_CHARS characters (a 3,000-character line cost 0.5 ms in full)."""
    n = len(s)
    spaces = s.count(" ")
    words = spaces + 1
    head = s[:SHARE_CHARS]
    m = len(head)
    letters = sum(map(str.isalpha, head))
    upper = sum(map(str.isupper, head)) / max(letters, 1)
    symbols = (m - sum(map(str.isalnum, head)) - head.count(" ")) / m
    toks = _TOKEN_RE.findall(head.lower())
    get = vocab.get
    bits = reduce(or_, map(get, toks, repeat(0)), 0)
    start = reduce(or_, map(get, toks[:3], repeat(0)), 0)
    return [
        math.log1p(n), float(words <= 3), float(words <= SHORT_WORDS), float(s[-1] in SENT_END),
        float(s[-1] == ":"), sum(map(str.isdigit, head)) / m, upper,
        len(_CAP_RE.findall(head)) / (head.count(" ") + 1), symbols,
        float(":" in s[:25] and s[-1] != ":"), float("@" in s or "#" in s),
        float(_URLISH_RE.search(head) is not None), float("©" in s),
        *(float(any(x in s for x in seps)) for seps in _SEPARATORS),
        *(float(bits >> b & 1) for b in range(len(CLASSES))), float(start > 0), float(bits > 0),
    ]  # fmt: skip


def _run_len(page: Page, i: int, pre: str) -> int:
    """How many consecutive non-empty lines around ``i`` share the list marker ``pre``
    (counted up to 3: only "a run of >= 3" matters)."""
    size, j = 1, page.prev(i)
    while size < 3 and j >= 0 and _prefix(page.text(j)) == pre:
        size, j = size + 1, page.prev(j)
    j = page.next(i)
    while size < 3 and j < len(page.lines) and _prefix(page.text(j)) == pre:
        size, j = size + 1, page.next(j)
    return size


def _live_count(page: Page, i: int, step: int) -> int:
    """Non-empty lines from ``i`` to the edge in direction ``step`` (counted up to EDGE_K)."""
    c, j = 0, (page.prev(i) if step < 0 else page.next(i))
    while c < EDGE_K and 0 <= j < len(page.lines):
        c, j = c + 1, (page.prev(j) if step < 0 else page.next(j))
    return c


def _neighbour(page: Page, j: int) -> tuple[float, float, float]:
    """(paragraph, short, dropped by the rules) of line ``j`` (zeros outside the text)."""
    s = page.text(j)
    if not s:
        return 0.0, 0.0, 0.0
    return float(_is_para(s)), float(s.count(" ") < SHORT_WORDS), float(j in page.drop)


def _context(page: Page, i: int, s: str, own: list[float]) -> list[float]:
    n = len(page.lines)
    before, after = i < page.first_para, i > page.last_para
    dist = min(abs(i - page.first_para), abs(i - page.last_para) if page.last_para >= 0 else n)
    p, q = page.prev(i), page.next(i)
    prev_s, next_s = page.text(p), page.text(q)
    pp, ps, pd = _neighbour(page, p)
    np_, ns, nd = _neighbour(page, q)
    pre = _prefix(s)
    edge = float(before or after)
    vocab = own[_VOC_ANY]
    nosent = 1.0 - own[3]
    return [
        math.log1p(i), math.log1p(n - 1 - i), float(_live_count(page, i, -1) < EDGE_K),
        float(_live_count(page, i, 1) < EDGE_K), float(before), float(after),
        math.log1p(min(dist, 7)),
        pp, np_, ps, ns, pd, nd, float(prev_s[-1:] == ":"), float(bool(pre)),
        float(bool(pre) and _run_len(page, i, pre) >= 3),
        float(prev_s[-1:].isalnum() or prev_s[-1:] in "(,") and next_s[:1] in _CONT,
        float(next_s[:1] in _CONT), float(s.count(" ") >= 20),
        own[2] * edge, vocab * own[2], vocab * edge, nosent * edge, float(bool(pre)) * edge,
    ]  # fmt: skip


def line_features(page: Page, idx: list[int], vocab: dict[str, int]) -> list[list[float]]:
    """The feature vector (in :data:`FEATURES` order) of each candidate line."""
    out = []
    for i in idx:
        s = page.lines[i].strip()
        own = _own(s, vocab)
        out.append(own + _context(page, i, s, own))
    return out


@dataclass(frozen=True, slots=True)
class LineModel:
    """Folded logistic weights (raw features in, log-odds out) and the two thresholds."""

    weights: tuple[float, ...]
    bias: float
    remove: float  # score >= remove: the line is dropped (rule id ``learned``)
    flag: float  # flag <= score < remove: a document flag, no edit
    vocab: dict[str, int]

    @classmethod
    def load(cls, path: Path) -> LineModel:
        d = json.loads(path.read_text(encoding="utf-8"))
        if tuple(d["names"]) != FEATURES:
            raise ValueError(f"{path}: features differ from the code (refit with loro.py --fit)")
        vocab: dict[str, int] = {}
        for b, c in enumerate(CLASSES):
            for w in d["vocab"][c]:
                vocab[w] = vocab.get(w, 0) | 1 << b
        return cls(tuple(d["weights"]), d["bias"], d["remove"], d["flag"], vocab)

    def score(self, x: list[float]) -> float:
        z = self.bias + sum(map(mul, self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def scores(
        self, lines: list[str], drop: Container[int], cut: Container[int]
    ) -> dict[int, float]:
        """Line index -> probability of furniture, for the candidate lines of a text."""
        page = Page.of(lines, drop)
        idx = candidates(page, cut)
        if not idx:
            return {}
        xs = line_features(page, idx, self.vocab)
        return {i: self.score(x) for i, x in zip(idx, xs, strict=True)}

    def mark(self, res: Analysis, remove: bool) -> dict[int, float]:
        """Add the model's removals to ``res.drop`` (``remove``) and its flags to ``res.flags``;
        return the scores of the lines it removed (their edits' confidence)."""
        lines = res.lines
        page = Page.of(lines.lines, res.drop)
        idx = candidates(page, ())
        if idx and res.spans:  # a line the rules cut a span from is theirs, not the model's
            cut = {lines.line_of(s) for s, _e, rid in res.spans if rid != "dateline"}
            idx = [i for i in idx if i not in cut]
        removed: dict[int, float] = {}
        if not idx:
            return removed
        for i, x in zip(idx, line_features(page, idx, self.vocab), strict=True):
            p = self.score(x)
            if remove and p >= self.remove:
                res.drop[i] = "learned"
                removed[i] = p
            elif p >= self.flag:
                res.flags.append(("learned_boilerplate", "learned", i))
        return removed


def learned_confidence(reps: list, lines: Lines, removed: dict[int, float]) -> None:
    """Give each ``boilerplate:learned`` edit the model's score of the line it removes (a
    trailing removal starts at the newline before its line, or before blank lines)."""
    for rep in reps:
        if rep.kind == "boilerplate:learned":
            first, last = lines.line_of(rep.start), lines.line_of(max(rep.start, rep.end - 1))
            rep.confidence = next(
                (removed[i] for i in range(first, last + 1) if i in removed), rep.confidence
            )
