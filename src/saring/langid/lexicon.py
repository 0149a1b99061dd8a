"""Lexical second stage of language identification: marker counts for id / ms / jv / su / en.

Why lexical: the bundled fastText lite model calls most Malay text Indonesian (89% of held-out
Malay news documents) and a third of Javanese/Sundanese paragraphs Indonesian or Malay. Function words separate the
language *families* (Malayic, Javanese, Sundanese, English) cheaply, and Indonesian vs Malay
needs many small lexical and spelling signals summed over the text (wordfreq-derived weights plus
hand-curated marker pairs such as ``televisi``/``televisyen``).

Scoring is two dict lookups per token (done in C through ``map``), so it runs on every
paragraph without a model call.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial, reduce
from itertools import compress, islice, repeat
from operator import add, mul, not_
from pathlib import Path
from typing import Any

from saring import compiled

DATA = Path(__file__).resolve().parents[1] / "data" / "langid"

# Evidence vector columns. nb = wordfreq log-ratio (>0 Malay); id / ms = curated marker weights;
# mly / jv / su / en = family function-word hits.
COLS: tuple[str, ...] = ("nb", "id", "ms", "mly", "jv", "su", "en")
NB, ID, MS, MLY, JV, SU, EN = range(7)
FAMILIES: tuple[str, ...] = ("mly", "jv", "su", "en")
# Regional languages outside our five (Minangkabau, Madurese, Balinese, ...): one family ``rg``
# whose words come from ``regional.tsv``; a text it dominates is labelled ``other``.
OTHER = "other"
FAMILY_COL = {"mly": MLY, "jv": JV, "su": SU, "en": EN}
LANGS: tuple[str, ...] = ("id", "ms", "jv", "su", "en")

# Lowercase Latin letters only (the lexicon is Latin-script; other scripts give no tokens and fall
# to the model); reduplication "anak-anak" gives two tokens.
TOKEN_RE = re.compile(r"[a-zà-öø-ÿ]+")
ZERO: tuple[float, ...] = (0.0,) * len(COLS)


@dataclass(frozen=True, slots=True)
class Marker:
    """One marker row of ``markers.tsv``."""

    lang: str
    token: str
    weight: float


@dataclass(frozen=True, slots=True)
class Params:
    """Tuned decision constants (``params.json``, written by ``scripts/tune_langid.py``)."""

    family_weight: dict[str, float] = field(
        default_factory=lambda: {"mly": 1.0, "jv": 1.0, "su": 1.0, "en": 1.0}
    )
    nb_weight: float = 1.0
    marker_weight: float = 1.0
    bias: float = 0.0
    per_token_bias: float = 0.0
    min_family_hits: float = 2.0
    # Orthography: Sundanese writes the vowel "eu" (teu, deui, ngeunaan), Javanese "dh"
    # (dhewe, dhuwur); both are ~100x rarer in Indonesian. Hits per occurrence.
    su_eu_weight: float = 0.0
    jv_dh_weight: float = 0.0
    # Weight of one regional-language word (family rg). Chosen on the tune half by
    # bench/bench_langid.py --regional-sweep: 2.0 halves confident id/jv/su labels on regional
    # paragraphs against 1.0 with the five languages' accuracy unchanged.
    regional_weight: float = 2.0
    # Weight of a hand-written regional seed that wordfreq's id/ms lists contain (rare there, not
    # absent: Banjar "kada", Minangkabau "ambo"); class "weak" in regional.tsv (issue 17, session 4).
    # 1.0 chosen on the tune half (scripts/tune_langid_regional.py): 0 / 0.5 / 1 / 1.5 / 2 gave
    # 2.18 / 1.85 / 1.80 / 1.80 / 1.76% regional texts confidently id/ms/jv/su, five-language
    # accuracy 98.75% and tweets labelled id 96.80% throughout; half the weight of a word that
    # wordfreq's id/ms lists do not know at all, with most of the gain.
    regional_weak_weight: float = 1.0
    # Betawi / Rejang orthography (issue 17): the schwa letter "ê" and the Betawi possessive
    # "-nye" at a word end (not "-anye": kampanye, oranye) count as regional hits, per
    # occurrence. On the tune half they occur in 85% of Betawi and all Rejang texts, 0.01% of
    # Indonesian ones. 0 = off; 2.0 chosen on the tune half (0.5 / 1 / 2 / 3: Betawi confidently
    # id/ms/jv/su 14.2 / 12.4 / 11.8 / 11.8%, from 16.0%; five-language accuracy flat at 98.75%).
    rg_ortho_weight: float = 2.0
    # Betawi register words (class ``register`` in regional.tsv, issue 17 session 6): colloquial
    # Jakarta/Betawi forms (``kagak``, ``ama``, ``jia``, ``aer``, ``sebelom``) that informal
    # Indonesian writes now and then, one or two at a time, and Betawi prose writes densely. A
    # line's register words count ``regional_register_weight`` hits each only when it holds at
    # least ``regional_register_min`` of them (a tweet's lone ``kagak`` counts nothing). 0 = off.
    # Chosen on the tune half (scripts/tune_langid_regional.py --field regional_register_weight
    # --set regional_register_min=K): K = 3, weight 0 / 0.5 / 1 / 2 -> Betawi confidently
    # id/ms/jv/su 11.2 / 5.3 / 3.6 / 3.0%; five-language accuracy 98.75%, gold-id scored < 0.5
    # 3.00% and tweets labelled id with score >= 0.5 91.35% throughout; K = 2 lost tweets (91.15%
    # at weight 1), K = 4 kept a dev6 Betawi sentence confidently id. Weight 1 (half a mined
    # word's): the words are not absent from informal Indonesian, only rare in numbers.
    # Session 8: mined words that the Indonesian tweets write joined the class (109 words); with
    # the model-path and refitted calibration, weight 1 / 1.5 / 2 -> regional confidently
    # id/ms/jv/su 0.63 / 0.59 / 0.59%, Betawi 4.1 / 3.0 / 3.0%, gold-id < 0.5 2.12% and tweets kept
    # 92.75% throughout (tune half) -> 1.5.
    regional_register_weight: float = 1.5
    regional_register_min: int = 3

    @classmethod
    def load(cls, path: Path | None = None) -> Params:
        p = path or DATA / "params.json"
        if not p.exists():
            return cls()
        d = json.loads(p.read_text(encoding="utf-8"))
        fields = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**fields)


def load_markers(path: Path | None = None) -> list[Marker]:
    """Rows of the marker file; ``#`` lines are comments, the first other line is the header."""
    out: list[Marker] = []
    header = True
    for line in (path or DATA / "markers.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        lang, token, weight, *_ = line.split("\t")
        out.append(Marker(lang, " ".join(token.lower().split()), float(weight)))
    return out


CALIBRATION_MIN_TOKENS = 3
CALIBRATION_FEATURES = 9  # length of calibration_features()


def load_calibration(path: Path | None = None) -> tuple[float, ...]:
    """Logistic calibration weights (``calibration.json``, see ``scripts/calibrate_langid.py``);
    empty = raw confidences."""
    p = path or DATA / "calibration.json"
    if not p.exists():
        return ()
    return tuple(float(w) for w in json.loads(p.read_text(encoding="utf-8"))["weights"])


def calibration_features(v: Verdict, rg: float) -> tuple[float, ...]:
    """What the calibration reads from a raw verdict: the raw confidence (as log-odds), evidence
    strength, id/ms log-odds magnitude, length and the regional share of the evidence."""
    return _features(v.lang, v.score, v.idms, v.hits, v.tokens, rg)


def _features(
    lang: str, score: float, idms: float, hits: float, tokens: int, rg: float
) -> tuple[float, ...]:
    """:func:`calibration_features` on plain values (the per-line path builds no Verdict).

    The last two (session 7) give a Javanese / Sundanese label its own intercept and a
    thin-evidence term (1 / (1 + hits), which vanishes on long texts): one jv/su function word in
    a sentence of 6-15 tokens was right for 45% of such tune-half texts (Indonesian and regional
    sentences holding one word Javanese shares: ``nang``, ``lan``, ``ana``) but scored like one
    Indonesian function word, which is right for 94%. Both are bounded, so no label's score can
    fall on a long document with many hits."""
    raw = min(max(score, 1e-4), 1 - 1e-4)
    jvsu = 1.0 if lang in ("jv", "su") else 0.0
    return (
        1.0,
        math.log(raw / (1 - raw)),
        math.log1p(hits),
        min(abs(idms), 10.0) if lang in ("id", "ms") else 0.0,
        math.log1p(tokens),
        rg / hits if hits and lang != OTHER else 0.0,
        1.0 if lang == OTHER else 0.0,
        jvsu,
        jvsu / (1.0 + hits),
    )


def load_regional(path: Path | None = None) -> dict[str, str]:
    """Words of regional languages outside our five (``regional.tsv``, see
    ``scripts/build_langid_regional.py``) -> source (``mined`` from the corpora's tune half,
    hand-written seed ``strong`` / ``weak``, Betawi ``register`` word, ``affix`` form); missing
    file = no regional family."""
    p = path or DATA / "regional.tsv"
    if not p.exists():
        return {}
    rows = [r for r in p.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
    out: dict[str, str] = {}
    for r in rows[1:]:
        cells = r.split("\t")
        out[cells[0]] = cells[2] if len(cells) > 2 else "mined"
    return out


def load_nb_weights(path: Path | None = None) -> dict[str, float]:
    """Indonesian-vs-Malay word weights (wordfreq vocabulary; see scripts/build_langid_weights.py) (``id_ms_weights.tsv``)."""
    out: dict[str, float] = {}
    header = True
    for line in (path or DATA / "id_ms_weights.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        tok, w = line.split("\t")
        out[tok] = float(w)
    return out


@dataclass(slots=True)
class Verdict:
    """Language decision of one text segment (paragraph or document)."""

    lang: str  # id / ms / jv / su / en, or "und" when the evidence is too thin
    score: float  # 0..1 confidence
    family_share: float = 0.0
    idms: float = 0.0  # Indonesian(<0) vs Malay(>0) log-odds
    hits: float = 0.0  # total weighted family hits
    tokens: int = 0


@dataclass(slots=True)
class Evidence:
    """Additive evidence of a text segment: id/ms weight sum, weighted family hits, tokens."""

    idms: float = 0.0
    mly: float = 0.0
    jv: float = 0.0
    su: float = 0.0
    en: float = 0.0
    tokens: int = 0
    rg: float = 0.0  # regional-language words (family rg), see regional.tsv

    def add(self, other: Evidence) -> None:
        self.idms += other.idms
        self.mly += other.mly
        self.jv += other.jv
        self.su += other.su
        self.en += other.en
        self.tokens += other.tokens
        self.rg += other.rg


@dataclass(slots=True)
class Columns:
    """Evidence of many lines (:meth:`Lexicon.lines`), one list per :class:`Evidence` field, with
    each line's decision (:meth:`Lexicon.decide`) as lists too: no object per line."""

    idms: list[float]
    mly: list[float]
    jv: list[float]
    su: list[float]
    en: list[float]
    rg: list[float]
    tokens: list[int]
    langs: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    log_odds: list[float] = field(default_factory=list)  # verdict id/ms log-odds (with bias)
    hits: list[float] = field(default_factory=list)
    # per row, truthy when the row may carry evidence (None: every row with tokens may)
    live: list[int] | None = None

    def total(self, rows: Iterable[int], ntok: int | None = None) -> Evidence:
        """Summed evidence of ``rows``, added one row at a time from zero in the given order, as
        :meth:`Evidence.add` does (so float for float the same sums). Rows without evidence
        (no token, or no token any table knows) are left out: all their values are zeros, and
        adding a zero to a sum that starts at +0.0 leaves it unchanged (a page of CJK or emoji
        lines, or of random letters, sums only its few lines with known words)."""
        tokens = self.tokens
        rows = list(rows)
        if ntok is None:
            ntok = sum(map(tokens.__getitem__, rows))
        live = tokens if self.live is None else self.live
        if _KERNEL is not None:  # the same additions in C
            idms, mly, jv, su, en, rg = _KERNEL.column_sums(
                rows, live, (self.idms, self.mly, self.jv, self.su, self.en, self.rg)
            )
            return Evidence(idms, mly, jv, su, en, ntok, rg)
        rows = list(compress(rows, map(live.__getitem__, rows)))
        return Evidence(
            reduce(add, map(self.idms.__getitem__, rows), 0.0),
            reduce(add, map(self.mly.__getitem__, rows), 0.0),
            reduce(add, map(self.jv.__getitem__, rows), 0.0),
            reduce(add, map(self.su.__getitem__, rows), 0.0),
            reduce(add, map(self.en.__getitem__, rows), 0.0),
            ntok,
            reduce(add, map(self.rg.__getitem__, rows), 0.0),
        )


_FILTER_NONE = partial(filter, None)
# the compiled scan, sums and decisions (None: the reference Python below runs everywhere)
_KERNEL = compiled.load("saring.langid._c_lexscan")
# ASCII characters other than a-z (and the line break) -> space: on ASCII text, ``split()`` after
# this table gives exactly ``TOKEN_RE.findall``'s tokens, without the regex engine's per-character
# matching (~20% cheaper on news). a-z and the line break map to themselves: a character missing
# from the table costs ``str.translate`` a raised and cleared KeyError at its first sight in each
# call (27 per news text: ~9,000 instructions on a 1,000-character sample).
_ASCII_SEP = str.maketrans(
    {c: c if "a" <= c <= "z" or c == "\n" else " " for c in map(chr, range(128))}
)
# Latin-1 bytes of TOKEN_RE's non-ASCII letters (à-ö, ø-ÿ): a text without any holds tokens of a-z
# only, and every other non-ASCII character separates them like an ASCII one
_LATIN1_LETTERS = bytes([*range(0xE0, 0xF7), *range(0xF8, 0x100)])
_NOT_LATIN1_LETTERS = bytes(sorted(set(range(256)) - set(_LATIN1_LETTERS)))


def tokenize(lowered: str) -> list[str]:
    """``TOKEN_RE.findall(lowered)``, by the ``_ASCII_SEP`` table and ``split()`` (same tokens,
    ~2.7x cheaper on a 1,000-character news sample): on ASCII text as it is, on text without
    TOKEN_RE's non-ASCII letters after its other non-ASCII characters become "?" (a separator)."""
    if not lowered.isascii():
        if lowered.encode("latin-1", "replace").translate(None, _NOT_LATIN1_LETTERS):
            return TOKEN_RE.findall(lowered)
        lowered = lowered.encode("ascii", "replace").decode("ascii")
    return lowered.translate(_ASCII_SEP).split()


def tokenize_lines(lowered: list[str]) -> list[list[str]]:
    """``TOKEN_RE.findall`` of each lowercased line (no line may contain a line break)."""
    return _tokenize(lowered, "\n".join(lowered))


def _tokenize(lowered: list[str], joined: str) -> list[list[str]]:
    """:func:`tokenize_lines`, given the lines joined by line breaks."""
    if not lowered:
        return []
    if joined.isascii():
        return list(map(str.split, joined.translate(_ASCII_SEP).split("\n")))
    worded = _worded_rows(lowered, joined)
    if worded is None:
        return list(map(TOKEN_RE.findall, lowered))
    # lines without a token share one empty list (read only)
    toks: list[list[str]] = [[]] * len(lowered)
    for i in worded:
        toks[i] = TOKEN_RE.findall(lowered[i])
    return toks


_NON_TOKEN = re.compile(r"[^a-zà-öø-ÿ\n]+")  # complement of TOKEN_RE's class, line breaks kept


def _worded_rows(lowered: list[str], joined: str) -> list[int] | None:
    """Rows of the lines with at least one token, on a page of many short lines (one CJK
    character or emoji per line, say); None otherwise (prose, where nearly every line has
    words). One regex pass over the page instead of one ``findall`` call per line."""
    n = len(lowered)
    if n < 64 or len(joined) > 16 * n:
        return None
    return list(compress(range(n), _NON_TOKEN.sub("", joined).split("\n")))


# lines holding none of these substrings have no regional spelling (a cheap gate per line)
SPELLING_GATES = ("ê", "nye")
# Javanese "dh" is a consonant before a vowel (dhewe, padha, dhuwur; "dhw" in chat spellings of
# dhewe); Indonesian chat writes "dh" in vowel-less abbreviations (sdh, udh, pdhl). Counted over
# the shared corpora (session 17): 25 of 17,129 "dh" in Javanese paragraphs are followed by
# neither a vowel nor "w", 1,138 of 1,409 in Indonesian tweets are. Only "dh" + vowel/w counts.
_DH_NOT_JV = re.compile(r"dh(?![aeiouw\u00e8\u00e9\u00ea])")


def jv_dh(lowered: str) -> int:
    """Javanese "dh" spellings in ``lowered``: each "dh" followed by a vowel or "w"."""
    n = lowered.count("dh")
    return n - len(_DH_NOT_JV.findall(lowered)) if n else 0


def regional_spelling(lowered: str) -> int:
    """Occurrences of Betawi/Rejang spellings in a lowercased text (see
    ``Params.rg_ortho_weight``): "ê", and "nye" ending a word other than "anye".

    Session 7 measured and dropped two more: Minangkabau "-nyo" and Madurese "-aghi" as
    spellings moved one tune-half text each but cost a substring pass over every line each
    (+0.8% instructions per news document apiece); "-nyo" forms are generated words in
    ``regional.tsv`` instead (no per-document cost)."""
    n = lowered.count("ê")
    if "nye" in lowered:
        for end in (" ", ",", "."):
            n += lowered.count("nye" + end) - lowered.count("anye" + end)
    return n


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


# Family hits are counted in one integer sum: each family owns a 24-bit field (a paragraph would
# need 16.7M hits of one family to overflow; documents are capped far below that).
_SHIFT = {"mly": 0, "jv": 24, "su": 48, "en": 72, "rg": 96, "rgw": 120, "rgr": 144}
_FIELD = (1 << 24) - 1


class Lexicon:
    """Token tables + two-word markers + decision rule. Build once per worker (``get_lexicon``).

    Runtime tables fold the tuned constants in, so scoring a paragraph is two C-level passes
    over its tokens: one summing the combined id/ms weight, one summing packed family counters.
    """

    def __init__(
        self,
        markers: Iterable[Marker],
        nb: dict[str, float],
        params: Params | None = None,
        regional: Iterable[str] | Mapping[str, str] = (),
        calibration: Sequence[float] = (),
    ) -> None:
        self.calibration = tuple(calibration)
        if self.calibration and len(self.calibration) != CALIBRATION_FEATURES:
            raise ValueError(
                f"calibration needs {CALIBRATION_FEATURES} weights, got {len(self.calibration)}"
            )
        self.params = p = params or Params()
        acc: dict[str, list[float]] = {}
        for tok, w in nb.items():
            acc.setdefault(tok, [0.0] * len(COLS))[NB] = w
        phrases: dict[str, list[float]] = {}
        for m in markers:
            col = COLS.index(m.lang)
            if " " in m.token and m.lang not in ("id", "ms"):
                raise ValueError(f"two-word markers are id/ms only: {m.lang} {m.token!r}")
            if m.lang in FAMILIES and m.weight != 1.0:
                raise ValueError(f"family markers count as one hit: {m.lang} {m.token!r}")
            target = phrases if " " in m.token else acc
            vec = target.setdefault(m.token, [0.0] * len(COLS))
            vec[col] = max(vec[col], m.weight)
        # Raw vectors (for tuning scripts) and the folded runtime tables.
        self.table: dict[str, tuple[float, ...]] = {k: tuple(v) for k, v in acc.items()}
        self.phrases: dict[tuple[str, ...], tuple[float, ...]] = {
            tuple(k.split()): tuple(v) for k, v in phrases.items()
        }
        if any(len(k) != 2 for k in self.phrases):
            raise ValueError("multi-word markers must be exactly two words")
        self.idms_w: dict[str, float] = {}
        self.fam_packed: dict[str, int] = {}
        for tok, v in self.table.items():
            w = self._fold(v)
            if w:
                self.idms_w[tok] = w
            packed = sum(
                1 << sh for f, sh in _SHIFT.items() if f in FAMILY_COL and v[FAMILY_COL[f]]
            )
            if packed:
                self.fam_packed[tok] = packed
        sources = regional if isinstance(regional, Mapping) else dict.fromkeys(regional, "mined")
        for tok, src in sources.items():
            # our five languages' function words never count as regional; a mined word never
            # carries id/ms weight either, a hand-written seed may (it passed frequency vetoes)
            if tok in self.fam_packed or (src == "mined" and tok in self.idms_w):
                continue
            # affix: an a-prefix form of an Indonesian word (Banjar/Minangkabau kajadian), one
            # weak hit like a weak seed
            field = {"weak": "rgw", "affix": "rgw", "register": "rgr"}.get(src, "rg")
            if field == "rgr" and not p.regional_register_weight:
                continue
            self.fam_packed[tok] = 1 << _SHIFT[field]
        self.phrase_w = {k: self._fold(v) for k, v in self.phrases.items()}
        # every token that can give a line evidence (weights, family words, first phrase words)
        self._known = (
            frozenset(self.idms_w)
            | frozenset(self.fam_packed)
            | frozenset(k[0] for k in self.phrases)
        )
        # Cheap gate before pairing tokens: both a first and a second phrase word must occur.
        self._firsts = frozenset(k[0] for k in self.phrases)
        self._seconds = frozenset(k[1] for k in self.phrases)
        fw = p.family_weight
        rw = {
            "rg": p.regional_weight,
            "rgw": p.regional_weak_weight,
            "rgr": p.regional_register_weight,
        }
        self.fam_weights = tuple(rw[f] if f in rw else fw.get(f, 1.0) for f in _SHIFT)
        self._scanner = _make_scanner(self)
        self._decider = _make_decider(self)
        self._finisher = _make_finisher(self)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        # compiled objects: rebuilt on load
        state["_scanner"] = state["_decider"] = state["_finisher"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._scanner = _make_scanner(self)
        self._decider = _make_decider(self)
        self._finisher = _make_finisher(self)

    def _fold(self, v: Sequence[float]) -> float:
        p = self.params
        return p.nb_weight * v[NB] + p.marker_weight * (v[MS] - v[ID])

    # ----------------------------------------------------------------- evidence
    def features(self, tokens: Sequence[str]) -> list[float]:
        """Raw summed vector over ``COLS``, two-word markers included (slow path, for tuning)."""
        vals = [v for v in map(self.table.get, tokens) if v is not None]
        out = [sum(c) for c in zip(*vals, strict=True)] if vals else list(ZERO)
        return [a + b for a, b in zip(out, self.phrase_features(tokens), strict=True)]

    def evidence(self, lowered: str) -> Evidence:
        """Evidence of one lowercased segment: tokens, phrases, weights (no per-token Python)."""
        toks = TOKEN_RE.findall(lowered)
        idms = sum(filter(None, map(self.idms_w.get, toks)))
        packed = sum(filter(None, map(self.fam_packed.get, toks)))
        if (
            len(toks) > 1
            and not self._firsts.isdisjoint(toks)
            and not self._seconds.isdisjoint(toks)
        ):
            pairs = zip(toks, islice(toks, 1, None), strict=False)
            idms += sum(map(self.phrase_w.__getitem__, filter(self.phrase_w.__contains__, pairs)))
        fw = self.fam_weights
        p = self.params
        return Evidence(
            idms,
            (packed & _FIELD) * fw[0],
            ((packed >> 24) & _FIELD) * fw[1] + p.jv_dh_weight * jv_dh(lowered),
            ((packed >> 48) & _FIELD) * fw[2] + p.su_eu_weight * lowered.count("eu"),
            ((packed >> 72) & _FIELD) * fw[3],
            len(toks),
            ((packed >> 96) & _FIELD) * fw[4]
            + ((packed >> 120) & _FIELD) * fw[5]
            + p.rg_ortho_weight * regional_spelling(lowered)
            + self.register_hits((packed >> 144) & _FIELD),
        )

    def register_hits(self, count: int) -> float:
        """Regional hits of a line's ``count`` Betawi register words: none below
        ``Params.regional_register_min`` (see there)."""
        p = self.params
        return count * self.fam_weights[6] if count >= p.regional_register_min else 0

    def phrase_features(self, tokens: Sequence[str]) -> list[float]:
        """Raw summed vector of the two-word markers among ``tokens`` (slow path, tuning)."""
        out = list(ZERO)
        for bigram in filter(
            self.phrases.__contains__, zip(tokens, islice(tokens, 1, None), strict=False)
        ):
            out = [a + b for a, b in zip(out, self.phrases[bigram], strict=True)]
        return out

    # ----------------------------------------------------------------- decision
    def decide(self, ev: Evidence) -> Verdict:
        """:meth:`decide_raw`, with the confidence calibrated (probability that the label is right,
        fitted on the tune half by ``scripts/calibrate_langid.py``) when weights are loaded."""
        vals = (ev.idms, ev.mly, ev.jv, ev.su, ev.en, ev.rg, ev.tokens)
        try:  # the compiled decision (checked on probes at set-up); other value types: Python
            if self._decider is None:
                raise TypeError
            lang, score, share, s, total = self._decider.one(*vals)
        except TypeError:
            lang, score, share, s, total = self._decide(*vals, True)
        return Verdict(lang, score, share, s, total, ev.tokens)

    def decide_raw(self, ev: Evidence) -> Verdict:
        """Family by weighted function-word hits, then Indonesian vs Malay by log-odds.

        Confidence = family share x evidence strength (hits / (hits + 1)), times the id/ms
        probability for Malayic text, so one or two function words never give a confident label.
        ``und`` verdicts still carry the id/ms log-odds for a caller that learns elsewhere (the
        model) that the text is Malayic.
        """
        lang, score, share, s, total = self._decide(
            ev.idms, ev.mly, ev.jv, ev.su, ev.en, ev.rg, ev.tokens, False
        )
        return Verdict(lang, score, share, s, total, ev.tokens)

    def _decide(
        self,
        idms: float,
        mly: float,
        jv: float,
        su: float,
        en: float,
        rg: float,
        tokens: int,
        calibrate: bool,
    ) -> tuple[str, float, float, float, float]:
        """(lang, score, family share, id/ms log-odds, hits) of one evidence vector, on plain
        values so the per-line path needs no objects; :meth:`decide` and :meth:`decide_raw`."""
        p = self.params
        s = idms + p.bias + p.per_token_bias * tokens
        total = mly + jv + su + en + rg
        if total < p.min_family_hits:
            return "und", 0.0, 0.0, s, total
        top, best = "mly", mly
        if jv > best:
            top, best = "jv", jv
        if su > best:
            top, best = "su", su
        if en > best:
            top, best = "en", en
        if rg > best:
            top, best = "rg", rg
        share = best / total
        conf = share * total / (total + 1.0)
        if top == "rg":
            lang = OTHER
        elif top != "mly":
            lang = top
        else:
            p_ms = sigmoid(s)
            lang = "ms" if s > 0 else "id"
            conf = conf * max(p_ms, 1.0 - p_ms)
        # fitted on texts of >= 3 tokens (6 until session 3: 3-5-token texts were 92% right on the
        # tune half but scored 0.61 on average); one or two words keep the cautious raw confidence
        if calibrate and self.calibration and tokens >= CALIBRATION_MIN_TOKENS:
            x = _features(lang, conf, s, total, tokens, rg)
            # same products summed in the same order as a generator would, without its frames
            conf = sigmoid(sum(map(mul, self.calibration, x)))
        return lang, conf, share, s, total

    def lines(self, lowered: list[str]) -> Columns:
        """Evidence and decision of many lowercased lines at once, one row per line (the values
        of :meth:`evidence` and :meth:`decide`, float for float): :meth:`indexed_lines`
        spread back to every line."""
        cols, row = self.indexed_lines(lowered)
        if row is None:
            return cols
        out = Columns(
            *(
                list(map(col.__getitem__, row))
                for col in (
                    cols.idms,
                    cols.mly,
                    cols.jv,
                    cols.su,
                    cols.en,
                    cols.rg,
                    cols.tokens,
                    cols.langs,
                    cols.scores,
                    cols.log_odds,
                    cols.hits,
                )
            )
        )
        out.live = None if cols.live is None else list(map(cols.live.__getitem__, row))
        return out

    def indexed_lines(self, lowered: list[str]) -> tuple[Columns, list[int] | None]:
        """Evidence and decision of many lowercased lines at once: the tokenising and the
        dictionary sums run through ``map`` in C, with no Python frame or object per line.
        Returns the columns and ``row`` (line -> its row in them; None: row i is line i).

        Only lines that can carry evidence (a token some table knows, or a spelling counted:
        "dh", "eu", "ê", "nye") are scored, each distinct one once. Every other line (another
        script, digits, symbols, emoji, random letters) has the values of an empty line but for
        its token count and the id/ms log-odds bias that count gives: such lines share one row
        per token count. A page of a thousand distinct CJK lines, or of one repeated line, thus
        costs a few C passes over its lines."""
        n = len(lowered)
        if n < 64 and self._finisher is not None and len(set(lowered)) == n:
            # the usual case (a few distinct lines): scan, _finish and decisions in one C call
            return Columns(*self._finisher.columns(lowered)), None
        joined = "\n".join(lowered)
        src: _Tokens | _Scanned
        if self._scanner is not None:  # the compiled scan: every line's sums in one C pass
            src = _Scanned(self, self._scanner.scan(lowered))
        else:
            src = _Tokens(self, _tokenize(lowered, joined))
        if n < 64:  # a short text: every distinct line scored
            return self._distinct(lowered, src)
        live = self._live_rows(lowered, src.known(), joined)
        if len(live) * 2 >= n:  # mostly lines with evidence: every distinct line scored
            return self._distinct(lowered, src)
        # distinct live lines -> the (last) line that has it (tokens of equal lines are equal)
        where = dict(zip(map(lowered.__getitem__, live), live, strict=True))
        m = len(where)
        tokens = src.tokens()
        counts = sorted(set(tokens))
        cols = src.columns([*where, *repeat("", len(counts))], list(where.values()), len(counts))
        # rows m.. are empty lines: give each its token count and the log-odds that count gives
        p = self.params
        bias, ptb, w0 = p.bias, p.per_token_bias, cols.idms[m]
        for r, t in enumerate(counts, m):
            cols.tokens[r] = t
            cols.log_odds[r] = w0 + bias + ptb * t
        by_line = dict(zip(where, range(m), strict=True))
        by_count = dict(zip(counts, range(m, m + len(counts)), strict=True))
        row = list(map(by_count.__getitem__, tokens))
        for i, r in zip(
            live, map(by_line.__getitem__, map(lowered.__getitem__, live)), strict=True
        ):
            row[i] = r
        return cols, row

    def _distinct(
        self, lowered: list[str], src: _Tokens | _Scanned
    ) -> tuple[Columns, list[int] | None]:
        """Every distinct line scored once; row None when no line repeats."""
        n = len(lowered)
        where = dict(zip(lowered, range(n), strict=True))
        if len(where) == n:
            return src.columns(lowered), None
        by_line = dict(zip(where, range(len(where)), strict=True))
        return (
            src.columns(list(where), list(where.values())),
            list(map(by_line.__getitem__, lowered)),
        )

    def _live_rows(self, lowered: list[str], known: Iterable[Any], joined: str) -> list[int]:
        """Rows that can carry evidence: a token some table knows (``known``: one truthy flag
        per line), or a spelling counted."""
        n = len(lowered)
        if self.params.min_family_hits <= 0:  # every line is decided, evidence or not
            return list(range(n))
        live = list(compress(range(n), known))
        if len(live) == n:
            return live
        subs = ("dh", "eu", *SPELLING_GATES) if self.params.rg_ortho_weight else ("dh", "eu")
        more = [sub for sub in subs if sub in joined]
        if more:
            found = set(live)
            for sub in more:
                found.update(compress(range(n), map(str.__contains__, lowered, repeat(sub))))
            live = sorted(found)
        return live

    def _columns(self, lowered: list[str], toks: list[list[str]]) -> Columns:
        """:meth:`lines` on lines already tokenised (``toks[i]`` are ``lowered[i]``'s tokens)."""
        idms = list(map(sum, map(_FILTER_NONE, map(partial(map, self.idms_w.get), toks))))
        packed = list(map(sum, map(_FILTER_NONE, map(partial(map, self.fam_packed.get), toks))))
        firsts, seconds, pw = self._firsts, self._seconds, self.phrase_w
        for i in compress(range(len(toks)), map(not_, map(firsts.isdisjoint, toks))):
            t = toks[i]
            if len(t) > 1 and not seconds.isdisjoint(t):
                pairs = zip(t, islice(t, 1, None), strict=False)
                idms[i] += sum(map(pw.__getitem__, filter(pw.__contains__, pairs)))
        return self._finish(lowered, idms, packed, list(map(len, toks)))

    def _finish(
        self, lowered: list[str], idms: list[float], packed: list[int], tokens: list[int]
    ) -> Columns:
        """:meth:`_columns` from each line's id/ms weight sum, packed family counters and
        token count (from the tokens, or from the compiled scan)."""
        p = self.params
        fw0, fw1, fw2, fw3, fw4, fw5, fw6 = self.fam_weights
        kmin = p.regional_register_min  # register_hits inline (no call per line)
        dw, ew = p.jv_dh_weight, p.su_eu_weight
        n_dh = list(map(str.count, lowered, repeat("dh")))
        for i in compress(range(len(lowered)), n_dh):  # a few lines: the Javanese "dh" only
            n_dh[i] = jv_dh(lowered[i])
        n_eu = list(map(str.count, lowered, repeat("eu")))
        ow = p.rg_ortho_weight
        n_rg = [0] * len(lowered)
        if ow:
            n_rg = list(map(str.count, lowered, repeat("ê")))
            for i in compress(range(len(lowered)), map(str.__contains__, lowered, repeat("nye"))):
                n_rg[i] = regional_spelling(lowered[i])
        cols = Columns(
            idms,
            [(k & _FIELD) * fw0 for k in packed],
            [((k >> 24) & _FIELD) * fw1 + dw * n for k, n in zip(packed, n_dh, strict=True)],
            [((k >> 48) & _FIELD) * fw2 + ew * n for k, n in zip(packed, n_eu, strict=True)],
            [((k >> 72) & _FIELD) * fw3 for k in packed],
            [
                ((k >> 96) & _FIELD) * fw4
                + ((k >> 120) & _FIELD) * fw5
                + ow * n
                + (r * fw6 if (r := (k >> 144) & _FIELD) >= kmin else 0)
                for k, n in zip(packed, n_rg, strict=True)
            ],
            tokens,
        )
        n = len(lowered)
        # a row whose values are all zeros adds nothing to a sum (see Columns.total)
        cols.live = list(map(any, zip(idms, packed, n_dh, n_eu, n_rg, strict=True)))
        bias, ptb = p.bias, p.per_token_bias
        # a line without any family word, "dh" or "eu" has zero hits: ``und`` without deciding
        cols.langs, cols.scores, cols.hits = ["und"] * n, [0.0] * n, [0.0] * n
        cols.log_odds = [w + bias + ptb * t for w, t in zip(idms, tokens, strict=True)]
        if p.min_family_hits > 0:
            rows: Iterable[int] = compress(
                range(n), map(any, zip(packed, n_dh, n_eu, n_rg, strict=True))
            )
        else:
            rows = range(n)
        if self._decider is not None:  # the same decisions, in C
            self._decider.fill(
                list(rows),
                idms,
                cols.mly,
                cols.jv,
                cols.su,
                cols.en,
                cols.rg,
                tokens,
                cols.langs,
                cols.scores,
                cols.hits,
            )
            return cols
        decide = self._decide
        c_mly, c_jv, c_su, c_en, c_rg = cols.mly, cols.jv, cols.su, cols.en, cols.rg
        for i in rows:
            lang, score, _, _, hits = decide(
                idms[i], c_mly[i], c_jv[i], c_su[i], c_en[i], c_rg[i], tokens[i], True
            )
            cols.langs[i], cols.scores[i], cols.hits[i] = lang, score, hits
        return cols

    def classify(self, text: str) -> Verdict:
        """Standalone lexical decision for one text (no model call)."""
        return self.decide(self.evidence(text.lower()))


class _Tokens:
    """Lines given as their tokens (the reference path of :meth:`Lexicon.indexed_lines`)."""

    __slots__ = ("lex", "toks")

    def __init__(self, lex: Lexicon, toks: list[list[str]]) -> None:
        self.lex, self.toks = lex, toks

    def known(self) -> Iterable[bool]:
        return map(not_, map(self.lex._known.isdisjoint, self.toks))

    def tokens(self) -> list[int]:
        return list(map(len, self.toks))

    def columns(self, lines: list[str], rows: list[int] | None = None, empty: int = 0) -> Columns:
        """Columns of ``lines``: the lines ``rows`` (all for None) then ``empty`` empty ones."""
        toks = self.toks
        if rows is not None:
            toks = [*map(toks.__getitem__, rows), *repeat([], empty)]
        return self.lex._columns(lines, toks)


class _Scanned:
    """Lines given as the compiled scan's sums (``_c_lexscan``: per line the token count, the
    id/ms weight sum, the packed family counters, whether a token is known), which are
    :meth:`Lexicon._columns`'s own intermediate values."""

    __slots__ = ("idms", "known_", "lex", "packed", "tokens_")

    def __init__(self, lex: Lexicon, raw: tuple[list[int], list[float], list[int], list[bool]]):
        self.lex = lex
        self.tokens_, self.idms, self.packed, self.known_ = raw

    def known(self) -> list[bool]:
        return self.known_

    def tokens(self) -> list[int]:
        return self.tokens_[:]

    def columns(self, lines: list[str], rows: list[int] | None = None, empty: int = 0) -> Columns:
        """Columns of ``lines``: the lines ``rows`` (all for None) then ``empty`` empty ones
        (whose sums are those of no token: int 0)."""
        if rows is None:
            return self.lex._finish(lines, self.idms, self.packed, self.tokens_)
        idms, packed, tokens = (
            [*map(col.__getitem__, rows), *repeat(0, empty)]
            for col in (self.idms, self.packed, self.tokens_)
        )
        return self.lex._finish(lines, idms, packed, tokens)


def _make_scanner(lex: Lexicon) -> Any | None:
    """The compiled scan over ``lex``'s tables, or None (not built, ``SARING_PURE_PYTHON``, or
    tables it cannot mirror exactly: then the reference code runs)."""
    kernel = _KERNEL if compiled.load("saring.langid._c_lexscan") is not None else None
    bits = _FIELD.bit_length()
    if kernel is None or list(_SHIFT.values()) != list(range(0, bits * len(_SHIFT), bits)):
        return None
    try:
        return kernel.Scanner(
            lex.idms_w, lex.fam_packed, lex.phrase_w, lex._known, len(_SHIFT), bits
        )
    except ValueError:
        return None


_LABELS = ("und", "id", "ms", "jv", "su", "en", OTHER)


def _make_decider(lex: Lexicon) -> Any | None:
    """The compiled :meth:`Lexicon._decide` (calibrated) over rows, or None: not built, pure
    Python asked for, constants that are not floats, or a probe on which it does not give
    :meth:`Lexicon._decide`'s values (a changed decision rule then runs in Python)."""
    kernel = _KERNEL if compiled.load("saring.langid._c_lexscan") is not None else None
    p = lex.params
    consts = (p.bias, p.per_token_bias, p.min_family_hits, *lex.calibration)
    if kernel is None or not all(type(c) is float for c in consts):
        return None
    try:
        decider = kernel.Decider(
            p.bias,
            p.per_token_bias,
            p.min_family_hits,
            lex.calibration,
            CALIBRATION_MIN_TOKENS,
            _LABELS,
        )
    except ValueError:
        return None
    probes = _decide_probes()
    cols: list[list[Any]] = [list(c) for c in zip(*probes, strict=True)]
    n = len(probes)
    langs, scores, hits = ["und"] * n, [0.0] * n, [0.0] * n
    decider.fill(list(range(n)), *cols, langs, scores, hits)
    for i, v in enumerate(probes):
        want = lex._decide(*v, True)
        lang, score, _, _, total = want
        if (lang, score, total) != (langs[i], scores[i], hits[i]) or type(score) is not float:
            return None
        got = decider.one(*v)
        if got != want or list(map(type, got)) != list(map(type, want)):
            return None
    return decider


def _make_finisher(lex: Lexicon) -> Any | None:
    """The compiled scan + :meth:`Lexicon._finish` + decisions in one call (``Finisher``), or
    None: no compiled scan or decider, constants it cannot mirror, or a probe line on which it
    does not give what ``_finish`` gives (a changed ``_finish`` then runs in Python)."""
    scanner, decider = getattr(lex, "_scanner", None), getattr(lex, "_decider", None)
    if scanner is None or decider is None or _KERNEL is None:
        return None
    p = lex.params
    consts = (
        p.jv_dh_weight,
        p.su_eu_weight,
        p.rg_ortho_weight,
        p.bias,
        p.per_token_bias,
        p.min_family_hits,
        *lex.fam_weights,
    )
    if not all(type(c) is float for c in consts) or type(p.regional_register_min) is not int:
        return None
    try:
        fin = _KERNEL.Finisher(
            scanner,
            decider,
            lex.fam_weights,
            p.jv_dh_weight,
            p.su_eu_weight,
            p.rg_ortho_weight,
            p.regional_register_min,
            p.bias,
            p.per_token_bias,
            p.min_family_hits,
        )
    except (ValueError, TypeError, OverflowError):
        return None
    lines = _finish_probes(lex)
    got = Columns(*fin.columns(lines))
    want = _Scanned(lex, scanner.scan(lines)).columns(lines)
    for name in Columns.__dataclass_fields__:
        g, w = getattr(got, name), getattr(want, name)
        if w is None:
            w = list(map(bool, want.tokens))
        if g != w or list(map(type, g)) != list(map(type, w)):
            return None
    return fin


def _finish_probes(lex: Lexicon) -> list[str]:
    """Lines reaching every term of :meth:`Lexicon._finish`: family words of each field, the
    Betawi register words below and above their minimum, id/ms weights and phrases, the
    "dh" / "eu" / "ê" / "-nye" spellings (and "-anye", "nye" inside a word), other scripts."""
    # the first words of each field in the tables' own order, found by C-level passes (a
    # Python loop over the 40k keys cost ~5 ms per process)
    fam = lex.fam_packed
    by_field = [
        list(islice(compress(fam, map((1 << sh).__eq__, fam.values())), 4))
        for sh in _SHIFT.values()
    ]
    words = [w for ws in by_field for w in ws[:3]]
    register = by_field[-1]
    phrases = [" ".join(k) for k in islice(lex.phrase_w, 3)]
    weights = list(islice(lex.idms_w, 0, None, 5000))
    lines = [
        "",
        "123 !!",
        "中文 😀",
        " ".join(words),
        " ".join(weights),
        " | ".join(phrases),
        "adhi dheweke eukeun teu deui",
        "bêtêl rumahnye, kampanye. anaknye oranye nyenye",
        "nye nye, nye. anye anye, anye.",
        "ÊDH",
        "dhêeu",
        "sdh udh, pdhl dhwe adh",
        " ".join(register[:2]),
        " ".join(register * 2),
        " ".join(weights[:2] + register + words[:2]),
        "yang dan di ora teu the kagak ulun",
        "na\u0301nye ê\u0301 d\u00e9h",
    ]
    return lines


@lru_cache(maxsize=1)
def _decide_probes() -> list[tuple[Any, ...]]:
    """Evidence rows covering every branch of the decision (each family on top, ties, thin
    evidence, id and ms log-odds, few and many tokens), deterministic."""
    vals = (0.0, 1.0, 1.25, 2.5, 4.0)
    out: list[tuple[Any, ...]] = []
    for k in range(160):
        fam = tuple(vals[(k * m + k // 7) % 5] for m in (1, 2, 3, 5, 7))
        idms = (0, -3.75, 0.4, 13.2, -0.01, 0.3483)[k % 6]
        out.append((idms, *fam, (0, 1, 2, 3, 8, 45)[k % 6 if k % 4 else (k // 4) % 6]))
    return out


def build_lexicon(params_path: str | None = None) -> Lexicon:
    """The packaged lexicon, parsed and folded from the data files."""
    return Lexicon(
        load_markers(),
        load_nb_weights(),
        Params.load(Path(params_path) if params_path else None),
        load_regional(),
        load_calibration(),
    )


@lru_cache(maxsize=4)
def get_lexicon(params_path: str | None = None) -> Lexicon:
    """The packaged lexicon, loaded once per process: its folded tables come from the
    resource cache (``saring.resource_cache``; ~0.11 s of parsing and folding saved per
    process), keyed by every file of the langid data folder and every langid module, so an
    edit to any of them rebuilds it. Equal to :func:`build_lexicon` (tested)."""
    if params_path:  # a tuning run's own parameters: not cached
        return build_lexicon(params_path)
    from saring.resource_cache import load_cached

    def build() -> dict[str, Any]:
        state = {k: v for k, v in build_lexicon().__getstate__().items() if k not in _COMPILED}
        state["params"] = {f: getattr(state["params"], f) for f in Params.__dataclass_fields__}
        return state

    here = Path(__file__).resolve().parent
    sources = [p for p in (*DATA.rglob("*"), *here.glob("*.py")) if p.is_file()]
    state = dict(load_cached("langid_lexicon", build, sources))
    state["params"] = Params(**state["params"])
    lex = Lexicon.__new__(Lexicon)
    lex.__setstate__(state)
    return lex


_COMPILED = ("_scanner", "_decider", "_finisher")  # rebuilt by ``Lexicon.__setstate__``
