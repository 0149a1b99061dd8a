"""Per-line shape features for the learned boilerplate classifier (issue 17 experiment).

Features describe a line's *form* and *function*, never its outlet: length, final punctuation,
character shares, separators, position on the page, the neighbours' form, hits on a small
vocabulary of function classes (credit, follow, related, copyright, share, tag, ad, caption,
date) and, optionally, the rule step's own verdict (a stacked model). The class words are read
from ``src/saring/data/boilerplate/{shape,rules}.tsv`` (read-only) with every outlet / brand
token removed, so a model trained on them cannot learn "this is site X".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import saring

DATA = Path(saring.__file__).resolve().parent / "data" / "boilerplate"

# shape.tsv class -> function class (the vocabulary, plus date)
SHAPE_CLASSES = {
    "credit": "credit", "team": "credit", "signature": "credit", "bio": "credit",
    "email": "credit", "follow": "follow", "follow_list": "follow", "platform": "follow",
    "listen": "follow", "related": "related", "next": "related", "see_all": "related",
    "breadcrumb": "related", "page": "related", "copyright": "copyright", "about": "copyright",
    "press": "copyright", "issue": "copyright", "share": "share", "tags": "tag",
    "hashtag": "tag", "paren_tag": "tag", "donate": "ad", "caption": "caption", "date": "date",
}  # fmt: skip
# rules.tsv id keyword -> function class (rules are mostly outlet-scoped: only words survive)
RULE_CLASSES = {
    "advert": "ad", "promo": "ad", "baca": "related", "read_more": "related", "lihat": "related",
    "pilihan": "related", "follow": "follow", "social": "follow", "copyright": "copyright",
    "disclaimer": "copyright", "footer": "copyright", "share": "share", "hashtag": "tag",
    "tag_list": "tag", "caption": "caption", "photo": "caption", "byline": "credit",
    "written": "credit", "credit": "credit", "editor": "credit", "reporter": "credit",
    "laporan": "credit",
}  # fmt: skip
CLASSES = ("credit", "follow", "related", "copyright", "share", "tag", "ad", "caption", "date")
# slots whose words are function vocabulary (NAME, DATE, ... are shapes, not words)
_SLOT_WORDS = {
    "{LABEL}": "penulis editor redaktur reporter pewarta penyunting kontributor jurnalis "
    "wartawan koresponden fotografer videografer naskah grafis ilustrator produser",
    "{PLATFORM}": "whatsapp telegram instagram facebook twitter tiktok youtube linkedin channel kanal",
}
_STOP = frozenset(
    "the and dan yang dari pada ini itu untuk dengan atau ada tidak kami kita anda this with "
    "for from are was not all any your our you its has have who can will more new sur".split()
)
_WORD_RE = re.compile(r"[a-z]{3,}")
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_SENT_END = frozenset('.!?"”’)…')
_SEPARATORS = (("|",), ("•", "·"), ("»", "›", ">"), (" - ", " – ", " — "), ("/",))
_URLISH = re.compile(r"https?://|www\.|\b\w{2,}\.(?:com|id|net|org|co|my|sg)\b")
EDGE_K = 3
# wire agencies and broadcasters named in credit patterns: outlets too, so never features
AGENCIES = frozenset(
    "antara bernama reuters afp xinhua kyodo anadolu yonhap dpa efe bbc aljazeera tass sputnik "
    "cnn cnbc jazeera".split()
) | {"rilis", "newswire"}  # generic words that are also site names (rilis.id, *newswire.com)


@cache
def outlet_tokens() -> frozenset[str]:
    """Every token that names an outlet or brand in the step's data (to keep out of the words)."""
    toks: set[str] = set()
    for row in (DATA / "outlets.tsv").read_text(encoding="utf-8").splitlines():
        if not row.startswith("#"):
            toks.update(_WORD_RE.findall(row.lower()))
    for row in (DATA / "brands.txt").read_text(encoding="utf-8").splitlines():
        if not row.startswith("#"):
            toks.update(_WORD_RE.findall(row.lower()))
    for row in _rows(DATA / "rules.tsv"):
        toks.update(_WORD_RE.findall(row[5].lower()))
    return frozenset(toks - {"all", "any", "outlets", "site", "name"})


def _rows(path: Path) -> list[list[str]]:
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r and r[0] and not r[0].startswith("#")][1:]


def _words(pattern: str) -> set[str]:
    for slot, words in _SLOT_WORDS.items():
        pattern = pattern.replace(slot, " " + words + " ")
    pattern = re.sub(r"\{[A-Z]+\}", " ", pattern)
    pattern = re.sub(r"\[([A-Za-z])[A-Za-z]\]", r"\1", pattern)  # [Bb]aca -> Baca
    pattern = re.sub(r"\\[a-zA-Z]", " ", pattern)  # \w \t \b \d escapes are not words
    return set(_WORD_RE.findall(pattern.lower()))


@cache
def vocabulary() -> dict[str, frozenset[str]]:
    """Function class -> words, from the step's data with outlet tokens and stop words removed."""
    vocab: dict[str, set[str]] = {c: set() for c in CLASSES}
    for row in _rows(DATA / "shape.tsv"):
        cls = SHAPE_CLASSES.get(row[0])
        if cls:
            vocab[cls] |= _words(row[3])
    by_rule: dict[str, list[set[str]]] = {c: [] for c in CLASSES}
    for row in _rows(DATA / "rules.tsv"):
        cls = next((c for k, c in RULE_CLASSES.items() if k in row[0]), None)
        if cls:
            by_rule[cls].append(_words(row[7]))
    for cls, sets in by_rule.items():  # a rule word counts when two rules share it (not a brand)
        vocab[cls] |= {w for w in set().union(*sets) if sum(w in s for s in sets) >= 2}
    outlets = outlet_tokens()
    return {c: frozenset(x for x in w if x not in _STOP and not _names_outlet(x, outlets))
            for c, w in vocab.items()}  # fmt: skip


def _names_outlet(word: str, outlets: frozenset[str]) -> bool:
    """A word that is an outlet / agency token or the start of one (cnn -> cnnindonesia)."""
    return word in AGENCIES or any(t.startswith(word) for t in outlets)


@dataclass
class LineShape:
    """The neighbour-relevant summary of one line."""

    short: float
    sent_end: float
    para: float
    vocab: float
    step: float


def own_features(line: str, vocab: dict[str, frozenset[str]]) -> dict[str, float]:
    """Form and vocabulary of one stripped line, independent of its page."""
    s = line.strip()
    n = max(len(s), 1)
    toks = _TOKEN_RE.findall(s.lower())
    words = len(s.split())
    letters = [c for c in s if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / max(len(letters), 1)
    caps = [w for w in s.split() if w[:1].isupper()]
    f = {
        "log_chars": math.log1p(len(s)),
        "log_words": math.log1p(words),
        "words_le3": float(words <= 3),
        "words_le8": float(words <= 8),
        "ends_sentence": float(s[-1:] in _SENT_END),
        "ends_colon": float(s.endswith(":")),
        "ends_alnum": float(s[-1:].isalnum()),
        "digit_share": sum(c.isdigit() for c in s) / n,
        "upper_share": upper,
        "all_caps": float(len(letters) >= 3 and upper > 0.9),
        "title_share": len(caps) / max(words, 1),
        "symbol_share": sum(not c.isalnum() and not c.isspace() for c in s) / n,
        "comma_count": min(s.count(","), 5) / 5,
        "parenthesised": float(s[:1] in "([" and s[-1:] in ")]"),
        "label_colon": float(":" in s[:25] and not s.endswith(":")),
        "has_at_hash": float("@" in s or "#" in s),
        "urlish": float(bool(_URLISH.search(s.lower()))),
        "has_copyright_sign": float("©" in s),
    }
    for i, seps in enumerate(_SEPARATORS):
        f[f"sep{i}"] = float(any(x in s for x in seps))
    head = set(toks[:3])
    for c in CLASSES:
        hits = sum(t in vocab[c] for t in toks)
        f[f"voc_{c}"] = float(hits > 0)
        f[f"voc_{c}_start"] = float(bool(head & vocab[c]))
        f[f"voc_{c}_dense"] = hits / max(len(toks), 1)
    return f


def _shape(f: dict[str, float], step: float) -> LineShape:
    vocab = max(f[f"voc_{c}"] for c in CLASSES)
    para = float(f["log_words"] >= math.log1p(12) and f["ends_sentence"] > 0)
    return LineShape(f["words_le8"], f["ends_sentence"], para, vocab, step)


def page_features(
    lines: list[str], step_drop: list[bool] | None = None
) -> list[dict[str, float] | None]:
    """Features of every non-empty line of a page (``None`` for empty lines); ``step_drop``
    (the rule step's verdict per line) adds the stacked features when given."""
    vocab = vocabulary()
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    own = {i: own_features(lines[i], vocab) for i in idx}
    step = {i: float(step_drop[i]) if step_drop else 0.0 for i in idx}
    shapes = [_shape(own[i], step[i]) for i in idx]
    paras = [k for k, sh in enumerate(shapes) if sh.para]
    first_para = paras[0] if paras else len(idx)
    last_para = paras[-1] if paras else -1
    n = len(idx)
    out: list[dict[str, float] | None] = [None] * len(lines)
    for k, i in enumerate(idx):
        f = dict(own[i])
        f.update(_position(k, n, first_para, last_para))
        f.update(_neighbours(shapes, k, step_drop is not None))
        if step_drop is not None:
            f["step_drop"] = step[i]
        _interactions(f)
        out[i] = f
    return out


def _position(k: int, n: int, first_para: int, last_para: int) -> dict[str, float]:
    return {
        "log_from_top": math.log1p(k),
        "log_from_bottom": math.log1p(n - 1 - k),
        "rel_pos": k / max(n - 1, 1),
        "in_first_k": float(k < EDGE_K),
        "in_last_k": float(n - 1 - k < EDGE_K),
        "before_first_para": float(k < first_para),
        "after_last_para": float(k > last_para),
        "log_page_lines": math.log1p(n),
    }


def _neighbours(shapes: list[LineShape], k: int, stacked: bool) -> dict[str, float]:
    f: dict[str, float] = {}
    for name, j in (("prev", k - 1), ("next", k + 1)):
        inside = 0 <= j < len(shapes)
        sh = shapes[j] if inside else None
        f[f"{name}_none"] = float(not inside)
        f[f"{name}_short"] = sh.short if sh else 0.0
        f[f"{name}_sent_end"] = sh.sent_end if sh else 0.0
        f[f"{name}_para"] = sh.para if sh else 0.0
        f[f"{name}_vocab"] = sh.vocab if sh else 0.0
        if stacked:
            f[f"{name}_step"] = sh.step if sh else 0.0
    return f


def _interactions(f: dict[str, float]) -> None:
    """A few products a linear model cannot form: form x zone, vocabulary x form."""
    edge = max(f["before_first_para"], f["after_last_para"])
    vocab = max(f[f"voc_{c}"] for c in CLASSES)
    nosent = 1.0 - f["ends_sentence"]
    f["short_x_edge"] = f["words_le8"] * edge
    f["nosent_x_edge"] = nosent * edge
    f["vocab_x_short"] = vocab * f["words_le8"]
    f["vocab_x_edge"] = vocab * edge
    f["vocab_x_nosent"] = vocab * nosent
    f["short_nosent"] = f["words_le8"] * nosent
