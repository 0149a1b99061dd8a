"""Lexical second stage of language identification: marker counts for id / ms / jv / su / en.

Why lexical: the bundled fastText lite model calls about two thirds of Malay text Indonesian and
a quarter of Javanese/Sundanese paragraphs Indonesian or Malay. Function words separate the
language *families* (Malayic, Javanese, Sundanese, English) cheaply, and Indonesian vs Malay
needs many small lexical and spelling signals summed over the text (wordfreq-derived weights plus
hand-curated marker pairs such as ``televisi``/``televisyen``).

Everything is one dict lookup per token (done in C through ``map``), so the scorer runs at
paragraph level for every paragraph without a model call.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "langid"

# Evidence vector columns. nb = wordfreq log-ratio (>0 Malay); id / ms = curated marker weights;
# mly / jv / su / en = family function-word hits.
COLS: tuple[str, ...] = ("nb", "id", "ms", "mly", "jv", "su", "en")
NB, ID, MS, MLY, JV, SU, EN = range(7)
FAMILIES: tuple[str, ...] = ("mly", "jv", "su", "en")
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

    def add(self, other: Evidence) -> None:
        self.idms += other.idms
        self.mly += other.mly
        self.jv += other.jv
        self.su += other.su
        self.en += other.en
        self.tokens += other.tokens


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


_BITS = {"mly": 1, "jv": 2, "su": 4, "en": 8}


class Lexicon:
    """Token tables + phrase matcher + decision rule. Build once per worker (``get_lexicon``).

    Runtime tables fold the tuned constants in, so scoring a paragraph is two C-level passes
    over its tokens: one summing the combined id/ms weight, one counting family bitmasks.
    """

    def __init__(
        self, markers: Iterable[Marker], nb: dict[str, float], params: Params | None = None
    ) -> None:
        self.params = p = params or Params()
        acc: dict[str, list[float]] = {}
        for tok, w in nb.items():
            acc.setdefault(tok, [0.0] * len(COLS))[NB] = w
        phrases: dict[str, list[float]] = {}
        for m in markers:
            col = COLS.index(m.lang)
            target = phrases if " " in m.token else acc
            vec = target.setdefault(m.token, [0.0] * len(COLS))
            vec[col] = max(vec[col], m.weight)
        # Raw vectors (for tuning scripts) and the folded runtime tables.
        self.table: dict[str, tuple[float, ...]] = {k: tuple(v) for k, v in acc.items()}
        self.phrases: dict[str, tuple[float, ...]] = {k: tuple(v) for k, v in phrases.items()}
        self.phrase_re = _phrase_regex(self.phrases)
        self.idms_w: dict[str, float] = {}
        self.fam_mask: dict[str, int] = {}
        for tok, v in self.table.items():
            w = p.nb_weight * v[NB] + p.marker_weight * (v[MS] - v[ID])
            if w:
                self.idms_w[tok] = w
            mask = sum(bit for f, bit in _BITS.items() if v[FAMILY_COL[f]])
            if mask:
                self.fam_mask[tok] = mask
        fw = p.family_weight
        # Per bitmask: weighted hits added to each family.
        self._mask_add = {
            mask: tuple(fw.get(f, 1.0) if mask & bit else 0.0 for f, bit in _BITS.items())
            for mask in range(1, 16)
        }

    # ----------------------------------------------------------------- evidence
    def features(self, tokens: Sequence[str]) -> list[float]:
        """Raw summed vector over ``COLS`` (slow path, for tuning and inspection)."""
        vals = [v for v in map(self.table.get, tokens) if v is not None]
        if not vals:
            return list(ZERO)
        return [sum(c) for c in zip(*vals, strict=True)]

    def evidence(self, lowered: str) -> Evidence:
        """Evidence of one lowercased segment: tokens, phrases, weights (no per-token Python)."""
        toks = TOKEN_RE.findall(lowered)
        ev = Evidence(sum(filter(None, map(self.idms_w.get, toks))), tokens=len(toks))
        counts = Counter(filter(None, map(self.fam_mask.get, toks)))
        if self.phrase_re is not None and " " in lowered:
            p = self.params
            for m in self.phrase_re.finditer(lowered):
                v = self.phrases.get(" ".join(m.group().split()))
                if v is None:
                    continue
                ev.idms += p.nb_weight * v[NB] + p.marker_weight * (v[MS] - v[ID])
                mask = sum(bit for f, bit in _BITS.items() if v[FAMILY_COL[f]])
                if mask:
                    counts[mask] += 1
        add = self._mask_add
        for mask, c in counts.items():
            a = add[mask]
            ev.mly += c * a[0]
            ev.jv += c * a[1]
            ev.su += c * a[2]
            ev.en += c * a[3]
        return ev

    def phrase_hits(self, lowered: str) -> list[tuple[int, tuple[float, ...]]]:
        """(offset, raw vector) of each multi-word marker in lowercased text."""
        if self.phrase_re is None:
            return []
        get = self.phrases.get
        return [(m.start(), get(" ".join(m.group().split()), ZERO)) for m in
                self.phrase_re.finditer(lowered)]

    # ----------------------------------------------------------------- decision
    def decide(self, ev: Evidence) -> Verdict:
        """Family by weighted function-word hits, then Indonesian vs Malay by log-odds.

        Confidence = family share x evidence strength (hits / (hits + 1)), times the id/ms
        probability for Malayic text, so one or two function words never give a confident label.
        ``und`` verdicts still carry the id/ms log-odds for a caller that learns elsewhere (the
        model) that the text is Malayic.
        """
        p = self.params
        s = ev.idms + p.bias + p.per_token_bias * ev.tokens
        total = ev.mly + ev.jv + ev.su + ev.en
        if total < p.min_family_hits:
            return Verdict("und", 0.0, 0.0, s, total, ev.tokens)
        top, best = "mly", ev.mly
        for f, v in (("jv", ev.jv), ("su", ev.su), ("en", ev.en)):
            if v > best:
                top, best = f, v
        share = best / total
        conf = share * total / (total + 1.0)
        if top != "mly":
            return Verdict(top, conf, share, s, total, ev.tokens)
        p_ms = sigmoid(s)
        lang = "ms" if s > 0 else "id"
        return Verdict(lang, conf * max(p_ms, 1.0 - p_ms), share, s, total, ev.tokens)

    def classify(self, text: str) -> Verdict:
        """Standalone lexical decision for one text (no model call)."""
        return self.decide(self.evidence(text.lower()))


def _phrase_regex(phrases: dict[str, tuple[float, ...]]) -> re.Pattern[str] | None:
    """One alternation of literal phrases with flexible single whitespace runs (linear time)."""
    if not phrases:
        return None
    alts = sorted(
        (r"\s+".join(re.escape(w) for w in p.split()) for p in phrases), key=len, reverse=True
    )
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(alts) + r")(?![^\W\d_])")


@lru_cache(maxsize=4)
def get_lexicon(params_path: str | None = None) -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    return Lexicon(
        load_markers(), load_nb_weights(), Params.load(Path(params_path) if params_path else None)
    )
