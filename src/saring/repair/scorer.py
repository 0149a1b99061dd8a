"""A general glue scorer: where a capitalised unknown token splits into a name and a glued word,
and how sure that is, from evidence that does not depend on the domain.

The hand rules of ``names`` decide on word lists (head nouns, organisation words, name tails);
every new set of names brings nouns and names no list anticipated. This scorer asks questions any
domain answers the same way, learned offline (``scripts/build_repair_scorer.py``, a logistic model
on glue synthesised from clean corpus text against the corpora's own solid names and the trap sets):

* wordfreq (``id`` and ``en``, through the repair lexicon) of both parts;
* how name-like the left part is and how word-like the right part is: a character trigram model of
  capitalised name tokens against common words, learned from the corpora and CLDR territory names;
* the capitalisation run: capitalised words before the token, a lower-case word before the run,
  lower-case text or punctuation after the token;
* whether the left part stands alone elsewhere in this document.

It is asked only where the rules found no site (``names.find_entity_sites``); it decides WHERE
the split is and how sure, and returns a :class:`~saring.repair.glue.Site` the rules' planner
reorders like any other (``glue.plan_repair``). Above the edit threshold the site needs no other
glue in the document; between the flag and the edit threshold it is only flagged (a reviewer's
suggestion, never an edit). The edit threshold are set by the build so that no trap sentence is
edited, alone or inside a page of glued sentences.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from saring.repair import names as N
from saring.repair.glue import NAME_END, TIME_NOUNS, Site, in_running_text, is_verb
from saring.repair.resources import SUFFIX_LIKE, Resources

if TYPE_CHECKING:
    from saring.repair.names import DocMemo

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "repair_scorer" / "scorer.json"
LEFT = re.compile(r"[A-Z](?:[a-z]{2,}|[A-Z]+)$")  # a name's last word: Capitalised or an acronym
LOWER_BEFORE = re.compile(r"(?<![\w\-])[a-z]{2,} $")
LOWER_AFTER = re.compile(r" [a-z]{2,}")
PUNCT_AFTER = re.compile(r"[,.;:!?)\"”]|$")
MAX_WORDS = 4  # capitalised words of the name counted before the token
FLAG_ONLY = 99  # other glue sites a flag-tier site would need: never repaired, only flagged
# repaired (>= the step's 0.75) but below the 0.8 at which a site is evidence for others
# (``glue.add_evidence``): a statistical guess lifts no rule's weak site (``Indiana|n`` read by
# the gazetteer as ``India|nan`` was moved once a scorer site stood on the same page)
EDIT_CONFIDENCE = 0.79
MIN_RIGHT = 4  # letters of a glued word the scorer considers
CAMEL_TOKEN = re.compile(r"[A-Z][a-z]{3,}[A-Z][a-z]{3,}")  # the kernel keeps these whole (list shape)
CODE_BEFORE = re.compile(r"\d[A-Za-z]{0,3} $")  # "Dravina K20 Plus|kompresor": a model code before
NAME_TAIL_LIMIT = 20  # corpus names ending in the right part, counted up to this
FEATURES = ("zr", "zr_en", "zl", "zl_en", "nl", "nr", "tail", "lower_count", "head_rate", "alone",
            "words", "lower_before", "sent_start", "after_lower", "after_punct", "camel", "len_r",
            "len_l", "noun", "verb", "left_name", "left_upper", "derived", "left_word", "clear", "running",
            "locative", "left_lower_count", "left_starts")


FORMS = ("glue", "camel")


def form_of(right: str) -> str:
    """``camel`` when the glued word is capitalised (``RusiaSeorang``), else ``glue``."""
    return "camel" if right[:1].isupper() else "glue"


class Model:
    """The trained scorer: trigram log-odds, a small network on standardised features (one
    hidden layer: the evidence interacts, a common left word is a solid name's mark on lower-case
    glue and no mark on CamelCase), two thresholds."""

    __slots__ = ("edit", "flag", "grams", "hidden", "hidden_bias", "mean", "out", "out_bias", "scale")

    def __init__(self, data: dict) -> None:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("scorer data was built for other features: rebuild it")
        self.grams: dict[str, float] = data["grams"]
        self.hidden: list[list[float]] = data["hidden"]  # one weight row per hidden unit
        self.hidden_bias: list[float] = data["hidden_bias"]
        self.out: list[float] = data["out"]
        self.out_bias: float = data["out_bias"]
        self.mean: list[float] = data["mean"]
        self.scale: list[float] = data["scale"]
        self.edit: dict[str, float] = data["edit"]  # per form (``FORMS``)
        self.flag: dict[str, float] = data["flag"]

    def probability(self, x: list[float]) -> float:
        z = [(v - m) / s for v, m, s in zip(x, self.mean, self.scale, strict=True)]
        h = [max(0.0, b + sum(w * v for w, v in zip(row, z, strict=True)))
             for row, b in zip(self.hidden, self.hidden_bias, strict=True)]
        y = self.out_bias + sum(w * v for w, v in zip(self.out, h, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, y))))


def _read() -> dict:
    return {"data": json.loads(MODEL_FILE.read_text(encoding="utf-8"))}


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The model from the data file (parsed once per version, ``saring.resource_cache``); None
    when the file is absent (the scorer then adds nothing)."""
    if not MODEL_FILE.exists():
        return None
    from saring.resource_cache import load_cached

    return Model(load_cached("repair_scorer", _read, [MODEL_FILE])["data"])


def name_score(word: str, grams: dict[str, float]) -> float:
    """Mean trigram log-odds of ``word`` (lower-cased, with boundaries) being a capitalised
    name token rather than a common word; unseen trigrams count 0."""
    w = f"^{word.lower()}$"
    n = len(w) - 2
    return sum(grams.get(w[k : k + 3], 0.0) for k in range(n)) / n if n > 0 else 0.0


def candidates(tok: str, res: Resources) -> list[int]:
    """Split points of ``tok`` into a name's last word and a word of the lexicon (4+ letters,
    lower case or Capitalised), longest right part first. (Three letters end too many names and
    demonyms: ``Indiana|n peternakan`` read as ``India|nan``; the rules judge those.)"""
    out = []
    for i in range(3, len(tok) - MIN_RIGHT + 1):
        left, right = tok[:i], tok[i:]
        if not (right.islower() or right[0].isupper() and right[1:].islower()):
            continue
        low = right.lower()
        if low in SUFFIX_LIKE or low not in res.lexicon or not LEFT.match(left):
            continue
        if right[0].isupper() and not left[-1].islower() and not left.isupper():
            continue
        out.append(i)
    return out


def context(text: str, start: int, end: int, res: Resources,
            name: tuple[int, bool] | None = None) -> list[float]:
    """The token's surroundings (the same for every split): capitalised words of the name before
    it, a lower-case word before the name, sentence start, what follows, a clear left boundary,
    running text, a locative before. ``name``: ``names.extend_name``'s answer, when known."""
    name_start, clear = name or N.extend_name(text, start, res)
    words = text.count(" ", name_start, start) if name_start < start else 0
    return [
        min(words, MAX_WORDS) / MAX_WORDS,
        float(LOWER_BEFORE.search(text, max(0, name_start - 30), name_start) is not None),
        float(N._sentence_start(text, name_start)),
        float(LOWER_AFTER.match(text, end) is not None), float(PUNCT_AFTER.match(text, end) is not None),
        float(clear), float(in_running_text(text, name_start, end, res)),
        float(N.LOCATIVE_BEFORE.search(text, max(0, name_start - 12), name_start) is not None),
    ]


def features(tok: str, i: int, ctx: list[float], res: Resources, memo: DocMemo | None, text: str,
             grams: dict[str, float]) -> list[float]:
    """The :data:`FEATURES` of splitting ``tok`` at ``i``, its :func:`context` being ``ctx``."""
    left, right = tok[:i], tok[i:]
    low, lleft = right.lower(), left.lower()
    alone = memo.standalone(left) if memo is not None else int(N._stands_alone(text, left))
    words, lower_before, sent_start, after_lower, after_punct, clear, running, locative = ctx
    return [
        res.lexicon.get(low, 0.0), res.zipf_en.get(low, 0.0),
        res.lexicon.get(lleft, 0.0), res.zipf_en.get(lleft, 0.0),
        name_score(left, grams), name_score(right, grams),
        res.names_ending(low, NAME_TAIL_LIMIT) / NAME_TAIL_LIMIT,
        math.log1p(res.lower_count.get(low, 0)) / 10.0, res.head_rate.get(low, 0.0),
        float(alone >= 1), words, lower_before, sent_start, after_lower, after_punct,
        float(right[0].isupper()), len(right) / 10.0, len(left) / 10.0,
        float(low in res.pos_nouns or low in res.context_nouns), float(is_verb(low, res)),
        float(res.corpus_name(left)), float(left.isupper()),
        float(N.DERIVED.fullmatch(low) is not None), float(lleft in res.lexicon), clear, running, locative,
        math.log1p(res.lower_count.get(lleft, 0)) / 10.0, res.names_starting(left, NAME_TAIL_LIMIT) / NAME_TAIL_LIMIT,
    ]


def best_split(text: str, m: re.Match[str], res: Resources, memo: DocMemo | None,
               model: Model) -> tuple[float, int]:
    """(probability, split index) of the most likely split of the token ``m``; (0, 0) if none."""
    tok = m.group()
    splits = candidates(tok, res)
    if not splits:
        return 0.0, 0
    return _best(tok, splits, context(text, m.start(), m.end(), res), text, res, memo, model)


def _best(tok: str, splits: list[int], ctx: list[float], text: str, res: Resources, memo: DocMemo | None,
          model: Model) -> tuple[float, int]:
    best = (0.0, 0)
    for i in splits:
        p = model.probability(features(tok, i, ctx, res, memo, text, model.grams))
        if p > best[0]:
            best = (p, i)
    return best


def _vetoed(text: str, m: re.Match[str], res: Resources, memo: DocMemo | None) -> bool:
    """Tokens the rules leave alone on purpose, whatever a score says: a list's two items
    (``list_site``'s question), a name writers use whole (corpus names, wordfreq tokens, brands),
    a known word of any list (Malay ``Antarabangsa``), a token repeated in the document (a
    lexicalised name: ``Tarumanegara``)."""
    tok = m.group()
    lm = N.LIST_TOKEN.match(text, m.start())
    if lm is not None and lm.end() == m.end():
        return True
    if tok in res.corpus_names or tok.lower() in res.world_words or tok in res.brands or tok.lower() in res.brands_lower:
        return True
    return res.known(tok) or N.repeated(text, tok, None if memo is None else memo.repeated)


def _not_a_head(low: str, res: Resources) -> bool:
    """A glued word that heads no noun phrase a name modified: a verb, a closed-class word, a
    time word (``Gubernur Riau|pagi``), a direction or auxiliary."""
    return (is_verb(low, res) or low in res.stop or low in res.not_heads or low in N.TIME_NOUNS
            or low in TIME_NOUNS)


def site(text: str, m: re.Match[str], res: Resources, memo: DocMemo | None = None) -> Site | None:
    """A glue site for the token ``m`` the rules found none for, or None: confident above the
    model's edit threshold (no other glue needed), a flag only above its flag threshold."""
    model = load_model()
    if model is None:
        return None
    if LOWER_AFTER.match(text, m.end()) is None or NAME_END.match(text, m.end()):
        return None  # (cheapest first: running text goes on in lower case after glue)
    tok, start = m.group(), m.start()
    splits = candidates(tok, res)
    if not splits or _vetoed(text, m, res, memo) or CODE_BEFORE.search(text, max(0, start - 12), start):
        return None  # (a model code before: the code rules' question)
    name_start, clear = N.extend_name(text, start, res)
    if not clear or not in_running_text(text, name_start, m.end(), res):
        return None  # a headline or paragraph join, or a name whose extent is unclear: no move
    if not (CAMEL_TOKEN.fullmatch(tok) or N._split(tok, res)):
        return None  # only tokens the kernel's name scan keeps (``fastscan.name_tokens``): the fast
        # and the full walk give the same sites (asked last: ``_split`` is the dearest gate)
    ctx = context(text, start, m.end(), res, (name_start, clear))
    p, i = _best(tok, splits, ctx, text, res, memo, model)
    right = tok[i:]
    form = form_of(right)
    if not i or p < model.flag[form] or _not_a_head(right.lower(), res):
        return None
    edit = p >= model.edit[form]
    s = Site(name_start, m.end(), text[name_start : start + i], form, start + i,
             right, EDIT_CONFIDENCE if edit else 0.6, needs_evidence=0 if edit else FLAG_ONLY, name=True)
    return s
