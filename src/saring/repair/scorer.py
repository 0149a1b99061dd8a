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
from typing import TYPE_CHECKING, NamedTuple

from saring.repair import names as N
from saring.repair.glue import LOWER_AFTER as RUNNING_AFTER
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
PAGE_WINDOW = 8000  # characters either side where fronted_site's cheap gate looks for the link
# again (one page; bounded work per token on a megabyte of repeated fronted names)
MIN_TOKEN = 7  # a name's last word (3+ letters) and a glued word (MIN_RIGHT)
MIN_RIGHT = 4  # letters of a glued word the scorer considers
CAMEL_TOKEN = re.compile(
    r"[A-Z][a-z]{3,}[A-Z][a-z]{3,}"
)  # the kernel keeps these whole (list shape)
CODE_BEFORE = re.compile(r"\d[A-Za-z]{0,3} $")  # "Dravina K20 Plus|kompresor": a model code before
# the characters ``names.extend_name``'s walk crosses in a word (capitalised words, initials,
# hyphens, apostrophes, inner ``dan``/``&`` and particles, numbers and codes), one space apart
WALKABLE = re.compile(r"[A-Za-z0-9.'’&\-]+")
RUNNING_WORD = re.compile(r"(?<![\w\-])[a-z]{3,}$")  # ``glue.WORD_RIGHT_BEFORE``'s lower-case word
LONG_WORD = 101  # characters looked at for one word (the walk's windows are 40 and 80)
WALK_CHUNKS = 20  # words looked at before the token (the walk crosses at most 19: 4 steps of
# up to 2 particles and a number before a word, 2 more of a long name, the word before it)
NAME_TAIL_LIMIT = 20
# a lower-case letter pair before a capital and two lower-case letters: CamelCase glue's seam
# (``ExchangeDompet``; brands have it too, ``YouTube``: the model weighs it, page against page)
CAMEL_SEAM = re.compile(r"[a-z]{2}[A-Z][a-z]{2}")
# the same count on a page without the regex (which tries every lower-case letter: ~500 us on a
# 3 KB page): UTF-8 bytes as a/A/space, ``aaAaa`` counted (non-overlapping, as ``findall``)
SEAM_SHAPE = bytes(97 if 97 <= b <= 122 else 65 if 65 <= b <= 90 else 32 for b in range(256))
PAGE_GLUE_CAP = 4  # seams counted on a page
PAGE_SEAMS = 3  # other CamelCase seams that make a page of CamelCase glue (``confirm``)
SEEN_CAP = 2  # other glued words / free mentions counted
FIND_LIMIT = 20  # occurrences of a part looked at in the document  # corpus names ending in the right part, counted up to this
FEATURES = (
    "zr",
    "zr_en",
    "zl",
    "zl_en",
    "nl",
    "nr",
    "tail",
    "lower_count",
    "head_rate",
    "alone",
    "words",
    "lower_before",
    "sent_start",
    "after_lower",
    "after_punct",
    "camel",
    "len_r",
    "len_l",
    "noun",
    "verb",
    "left_name",
    "left_upper",
    "derived",
    "left_word",
    "clear",
    "running",
    "locative",
    "left_lower_count",
    "left_starts",
    # document evidence (session 14): other CamelCase glue on the page, the same left part
    # glued to other words here, the whole name written free elsewhere
    "page_glue",
    "same_left",
    "name_free",
)


FORMS = ("glue", "camel")
# thresholds per shape: lower-case glue on a name of one word, or read past a locative, is the
# shape of a solid word (``novel Arundaya|senja``, ``pelabuhan Tanjung|layar``, ``di Kedai Kopi
# Kapal|layar``): its look-alikes score as high as glue, so it has its own (the build's) thresholds
SHAPES = ("glue", "glue_lone", "camel")


def form_of(right: str) -> str:
    """``camel`` when the glued word is capitalised (``RusiaSeorang``), else ``glue``."""
    return "camel" if right[:1].isupper() else "glue"


def shape_of(right: str, ctx: Context, running: bool) -> str:
    """The threshold's key (:data:`SHAPES`): ``glue_lone`` for lower-case glue on a one-word name
    or after a locative, else the form."""
    form = form_of(right)
    return "glue_lone" if form == "glue" and (ctx.values[0] <= 0.0 or not running) else form


class Model:
    """The trained scorer: trigram log-odds, a small network on standardised features (one
    hidden layer: the evidence interacts, a common left word is a solid name's mark on lower-case
    glue and no mark on CamelCase), two thresholds. The standardisation is folded into the first
    layer's weights once (numpy): every split of a token is scored in one matrix product (the
    pure-Python loop cost ~100 us per split, most of the hook's cost on pages that reach it)."""

    __slots__ = ("b1", "edit", "flag", "grams", "np", "out_bias", "w1", "w2")

    def __init__(self, data: dict) -> None:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("scorer data was built for other features: rebuild it")
        # numpy is imported here, when the first document reaches the scorer, not when the
        # repair step is imported: the pool's driver and ``saring clean``'s start never load it.
        import numpy as np

        self.np = np
        self.grams: dict[str, float] = data["grams"]
        hidden = np.array(data["hidden"], dtype=float) / np.array(data["scale"], dtype=float)
        self.w1 = np.ascontiguousarray(hidden.T)  # features x hidden units, on raw features
        self.b1 = np.array(data["hidden_bias"], dtype=float) - hidden @ np.array(
            data["mean"], dtype=float
        )
        self.w2 = np.array(data["out"], dtype=float)
        self.out_bias = float(data["out_bias"])
        self.edit: dict[str, float] = data["edit"]  # per shape (``SHAPES``)
        self.flag: dict[str, float] = data["flag"]
        if set(self.edit) != set(SHAPES) or set(self.flag) != set(SHAPES):
            raise ValueError("scorer data was built for other shapes: rebuild it")

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """The probability of glue for each feature row."""
        np = self.np
        h = np.maximum(np.array(rows, dtype=float) @ self.w1 + self.b1, 0.0)
        y = np.clip(h @ self.w2 + self.out_bias, -30.0, 30.0)
        return (1.0 / (1.0 + np.exp(-y))).tolist()

    def probability(self, x: list[float]) -> float:
        return self.probabilities([x])[0]


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
    j = len(tok) - 1  # (a right part holding a capital past its first letter is no candidate:
    while j > 3 and not tok[j].isupper():  # start at the last capital)
        j -= 1
    for i in range(max(3, j), len(tok) - MIN_RIGHT + 1):
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


class Context(NamedTuple):
    """What a token's surroundings say, the same for each of its splits."""

    values: list[float]  # FEATURES order, from ``words`` to ``locative``, then ``page_glue``
    name_start: int  # where the name the token ends starts (``names.extend_name``)


def context(
    text: str, start: int, end: int, res: Resources, name: tuple[int, bool] | None = None
) -> Context:
    """The token's surroundings (the same for every split): capitalised words of the name before
    it, a lower-case word before the name, sentence start, what follows, a clear left boundary,
    running text, a locative before, other CamelCase seams on the page (a translated page glues
    link after link). ``name``: ``names.extend_name``'s answer, when known."""
    name_start, clear = name or N.extend_name(text, start, res)
    words = text.count(" ", name_start, start) if name_start < start else 0
    seams = page_seams(text) - len(CAMEL_SEAM.findall(text, start, end))
    return Context(
        [
            min(words, MAX_WORDS) / MAX_WORDS,
            float(LOWER_BEFORE.search(text, max(0, name_start - 30), name_start) is not None),
            float(N._sentence_start(text, name_start)),
            float(LOWER_AFTER.match(text, end) is not None),
            float(PUNCT_AFTER.match(text, end) is not None),
            float(clear),
            float(in_running_text(text, name_start, end, res)),
            float(N.LOCATIVE_BEFORE.search(text, max(0, name_start - 12), name_start) is not None),
            min(seams, PAGE_GLUE_CAP) / PAGE_GLUE_CAP,
        ],
        name_start,
    )


def page_seams(text: str) -> int:
    """``len(CAMEL_SEAM.findall(text))``, from the bytes' letter shapes."""
    return text.encode("utf-8", "surrogatepass").translate(SEAM_SHAPE).count(b"aaAaa")


def glued_elsewhere(
    text: str,
    left: str,
    start: int,
    res: Resources,
    skip: tuple[int, int] = (0, 0),
    other_than: str = "",
    nouns: bool = False,
) -> int:
    """Other tokens here that are ``left`` glued to a lexicon word of 4+ letters (``Kalbara|tani``
    besides ``Kalbara|ternak``): the translator glues one link's text to several heads, and a
    brand family writes one name before several words. Counted up to :data:`SEEN_CAP`; mentions
    starting inside ``skip`` and the word ``other_than`` are not counted; ``nouns``: only nouns
    (tagged or told by their neighbours) count, the heads a translator glues a link to."""
    seen: set[str] = set()
    k, n = text.find(left), 0
    while k >= 0 and n < FIND_LIMIT and len(seen) < SEEN_CAP:
        n += 1
        j = k + len(left)
        if k != start and (k == 0 or not text[k - 1].isalnum()) and not skip[0] <= k < skip[1]:
            e = j
            while e < len(text) and text[e].isalpha():
                e += 1
            word = text[j:e].lower()
            if e - j >= MIN_RIGHT and word in res.lexicon and word != other_than:
                if not nouns or word in res.pos_nouns or word in res.context_nouns:
                    seen.add(word)
        k = text.find(left, j)
    return len(seen)


def free_mentions(text: str, name: str, start: int) -> int:
    """Mentions of the whole ``name`` elsewhere with no letter or digit right after it, up to
    :data:`SEEN_CAP`: the document shows where the name ends (``Kriptara Exchange|Dompet ... ,
    dan Kriptara Exchange berjanji``)."""
    k, n, out = text.find(name), 0, 0
    while k >= 0 and n < FIND_LIMIT and out < SEEN_CAP:
        n += 1
        j = k + len(name)
        if (
            k != start
            and (k == 0 or not text[k - 1].isalnum())
            and (j == len(text) or not text[j].isalnum())
        ):
            out += 1
        k = text.find(name, j)
    return out


def features(
    tok: str,
    i: int,
    ctx: Context,
    res: Resources,
    memo: DocMemo | None,
    text: str,
    grams: dict[str, float],
    start: int,
) -> list[float]:
    """The :data:`FEATURES` of splitting ``tok`` (at ``start`` in ``text``) at ``i``, its
    :func:`context` being ``ctx``."""
    left, right = tok[:i], tok[i:]
    low, lleft = right.lower(), left.lower()
    alone = memo.standalone(left) if memo is not None else int(N._stands_alone(text, left))
    (
        words,
        lower_before,
        sent_start,
        after_lower,
        after_punct,
        clear,
        running,
        locative,
        page_glue,
    ) = ctx.values
    return [
        res.lexicon.get(low, 0.0),
        res.zipf_en.get(low, 0.0),
        res.lexicon.get(lleft, 0.0),
        res.zipf_en.get(lleft, 0.0),
        name_score(left, grams),
        name_score(right, grams),
        res.names_ending(low, NAME_TAIL_LIMIT) / NAME_TAIL_LIMIT,
        math.log1p(res.lower_count.get(low, 0)) / 10.0,
        res.head_rate.get(low, 0.0),
        float(alone >= 1),
        words,
        lower_before,
        sent_start,
        after_lower,
        after_punct,
        float(right[0].isupper()),
        len(right) / 10.0,
        len(left) / 10.0,
        float(low in res.pos_nouns or low in res.context_nouns),
        float(is_verb(low, res)),
        float(res.corpus_name(left)),
        float(left.isupper()),
        float(N.DERIVED.fullmatch(low) is not None),
        float(lleft in res.lexicon),
        clear,
        running,
        locative,
        math.log1p(res.lower_count.get(lleft, 0)) / 10.0,
        res.names_starting(left, NAME_TAIL_LIMIT) / NAME_TAIL_LIMIT,
        page_glue,
        glued_elsewhere(text, left, start, res) / SEEN_CAP,
        free_mentions(text, text[ctx.name_start : start + i], ctx.name_start) / SEEN_CAP,
    ]


def linked_on_page(text: str, ctx: Context, split: int, res: Resources) -> bool:
    """The translator's fingerprint for this very link: the whole name (two words or more,
    ``Dendang Sorumbai``) glued to another word on another line of the document (the translator
    glues one link's text to every head it modifies, paragraph after paragraph). A solid
    look-alike is one word after a common noun (``novel Arundayasenja``), and a brand or place
    family names its members in one line (``Toko Kainindah dan Kainindahbatik``). Asked only for
    a site the model already scored (rare)."""
    return page_links(text, ctx, split, res) > 0


def page_links(text: str, ctx: Context, split: int, res: Resources, nouns: bool = False) -> int:
    """Other words the whole name is glued to on other lines (:func:`linked_on_page`), up to
    :data:`SEEN_CAP` (``nouns``: only nouns); 0 for a one-word name (brand families and solid
    words share its shape)."""
    if ctx.values[0] <= 0.0:
        return 0
    return _links(text, ctx.name_start, split, res, nouns)


def _links(text: str, name_start: int, split: int, res: Resources, nouns: bool) -> int:
    line = (text.rfind("\n", 0, name_start) + 1, _line_end(text, split))
    right = text[split : _word_end(text, split)].lower()  # (the same word: a solid name repeated)
    return glued_elsewhere(text, text[name_start:split], name_start, res, line, right, nouns)


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isalpha():
        pos += 1
    return pos


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def running_possible(text: str, start: int) -> bool:
    """A cheap necessary condition of ``in_running_text(text, extend_name(text, start)[0], ...)``
    (the dearest gate, ~70 us a token): a lower-case word of 3+ letters ends right before the
    name's start, which the walk reaches only over :data:`WALKABLE` words one space apart. So
    some such word must end one of those words before ``start`` (False: none can; True: maybe).
    Headline and paragraph joins after a comma, colon, quote or line start stop here. (Also
    necessary for ``_after_locative``: the locative is a word of the walk's kind.)"""
    pos = start
    for _ in range(WALK_CHUNKS):
        if text[pos - 1 : pos] == "\n":
            pos -= 1  # (the walk's ``... $`` patterns also match before a final line break)
        if pos < 2 or text[pos - 1] != " ":
            return False
        space = text.rfind(" ", max(0, pos - LONG_WORD), pos - 1)
        if space < 0 < pos - LONG_WORD:
            return True  # (a word this long: undecided, the full gate answers; bounded work)
        word_start = space + 1
        word = text[word_start : pos - 1]
        if word.isascii() and word.isalnum():  # (most words: no regex)
            if word.isalpha() and word.islower() and len(word) >= 3:
                return True
        elif RUNNING_WORD.search(text, word_start, pos - 1):
            return True
        elif not WALKABLE.fullmatch(word):
            return False
        pos = word_start
    return True


def best_split(
    text: str, m: re.Match[str], res: Resources, memo: DocMemo | None, model: Model
) -> tuple[float, int]:
    """(probability, split index) of the most likely split of the token ``m``; (0, 0) if none."""
    tok = m.group()
    splits = candidates(tok, res)
    if not splits:
        return 0.0, 0
    return _best(
        tok, m.start(), splits, context(text, m.start(), m.end(), res), text, res, memo, model
    )


def _best(
    tok: str,
    start: int,
    splits: list[int],
    ctx: Context,
    text: str,
    res: Resources,
    memo: DocMemo | None,
    model: Model,
) -> tuple[float, int]:
    probs = model.probabilities(
        [features(tok, i, ctx, res, memo, text, model.grams, start) for i in splits]
    )
    p = max(probs)
    return (p, splits[probs.index(p)]) if p > 0.0 else (0.0, 0)


def _vetoed(text: str, m: re.Match[str], res: Resources, memo: DocMemo | None) -> bool:
    """Tokens the rules leave alone on purpose, whatever a score says: a list's two items
    (``list_site``'s question), a name writers use whole (corpus names, wordfreq tokens, brands),
    a known word of any list (Malay ``Antarabangsa``), a token repeated in the document (a
    lexicalised name: ``Tarumanegara``)."""
    tok = m.group()
    lm = N.LIST_TOKEN.match(text, m.start())
    if lm is not None and lm.end() == m.end():
        return True
    if (
        tok in res.corpus_names
        or tok.lower() in res.world_words
        or tok in res.brands
        or tok.lower() in res.brands_lower
    ):
        return True
    return res.known(tok) or N.repeated(text, tok, None if memo is None else memo.repeated)


# numerals and determiners: they open a noun phrase but head none (``Youtube Berita|satu``,
# ``Politik Daerah|Beberapa hari``: a title joined to a sentence); quantifier glue is the rules'
# question (``names._quantifier_site``)
DETERMINERS = frozenset(
    "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh seratus seribu sejuta"
    " para seorang sebuah beberapa sejumlah banyak seluruh semua setiap tiap berbagai"
    " segala sebagian puluhan ratusan ribuan jutaan".split()
)


def _not_a_head(low: str, res: Resources) -> bool:
    """A glued word that heads no noun phrase a name modified: a verb, a closed-class word, a
    time word (``Gubernur Riau|pagi``), a direction or auxiliary, a numeral or determiner."""
    return (
        is_verb(low, res)
        or low in res.stop
        or low in res.not_heads
        or low in N.TIME_NOUNS
        or low in TIME_NOUNS
        or low in DETERMINERS
    )


def _after_locative(text: str, name_start: int, end: int, res: Resources) -> bool:
    """``berlatih di Vertikala Climbing Center|dinding panjat``: a locative before the name, and
    running text before the locative. ``in_running_text`` refuses a locative right before a
    name (a scraper joins a dateline's place to the next sentence: ``di Bali|Harga``); lower-case
    glue is no such join, so it is read past the locative."""
    loc = N.LOCATIVE_BEFORE.search(text, max(0, name_start - 12), name_start)
    return loc is not None and in_running_text(text, loc.start(), end, res)


def as_running(ctx: Context) -> Context:
    """``ctx`` as the model sees a name in running text (a lower-case word before it, not at a
    sentence start, no locative): for :func:`fronted_site`, where the page's repeated link stands
    for that evidence (the model saw no fronted glue in training: 0.07 for
    ``Pada 2015 Museum Fosil Gandasoma|kurator``, whose page glues the link three times)."""
    v = list(ctx.values)
    v[1], v[2], v[6], v[7] = 1.0, 0.0, 1.0, 0.0  # lower_before, sent_start, running, locative
    return Context(v, ctx.name_start)


def fronted_site(
    text: str, m: re.Match[str], res: Resources, memo: DocMemo | None, model: Model
) -> Site | None:
    """``Menurut Pelayaran Kalimorang|nakhoda ombak``, ``Pada 2015 Museum Fosil Gandasoma|kurator``:
    a name after a fronted word or phrase has no lower-case word before it, so ``in_running_text``
    cannot vouch for it (a headline joined to a sentence looks the same). The page can: the same
    multi-word name glued to another head on another line (:func:`linked_on_page`), scored as if
    in running text (:func:`as_running`), above the flag threshold of its form. Cheapest first,
    each gate exact (a necessary condition of the later ones): a token of a name's word and a
    glued word (7+ letters, no word itself), the name's last two words written twice nearby (one
    ``count``), glued to another word on another line (:func:`glued_elsewhere`)."""
    tok, start, end = m.group(), m.start(), m.end()
    if len(tok) < MIN_TOKEN or tok.lower() in res.lexicon:
        return None  # (no split, or a known word: ``_vetoed``)
    space = text.rfind(" ", max(0, start - LONG_WORD), start - 1)
    if text[start - 1 : start] != " " or not text[space + 1 : space + 2].isupper():
        return None  # a one-word name: no page evidence is asked for it
    probe = text[space + 1 : start + MIN_RIGHT]
    if text.count(probe, max(0, start - PAGE_WINDOW), start + PAGE_WINDOW) < 2:
        return None  # (``Pelayaran Kali``: the link's words are written once, no page evidence)
    splits = candidates(tok, res)
    line = (text.rfind("\n", 0, start) + 1, _line_end(text, start))
    if not any(
        glued_elsewhere(text, text[space + 1 : start + i], space + 1, res, line, tok[i:].lower())
        for i in splits
    ):
        return None  # (the whole name glued elsewhere implies its last two words are)
    if _vetoed(text, m, res, memo) or CODE_BEFORE.search(text, max(0, start - 12), start):
        return None
    name_start, clear = N.extend_name(text, start, res)
    if not clear or name_start >= start or N._sentence_start(text, name_start):
        return None  # (at a line's start: a headline's join, the rules' question)
    if not (CAMEL_TOKEN.fullmatch(tok) or N._split(tok, res)):
        return None
    ctx = as_running(context(text, start, end, res, (name_start, clear)))
    p, i = _best(tok, start, splits, ctx, text, res, memo, model)
    right = tok[i:]
    form = form_of(right)
    if (
        not i
        or p < model.flag[form]
        or _not_a_head(right.lower(), res)
        or right.lower() == tok[:i].lower()
    ):
        return None
    if not linked_on_page(text, ctx, start + i, res):
        return None
    return Site(
        name_start,
        end,
        text[name_start : start + i],
        form,
        start + i,
        right,
        EDIT_CONFIDENCE,
        needs_evidence=0,
        name=True,
    )


def site(text: str, m: re.Match[str], res: Resources, memo: DocMemo | None = None) -> Site | None:
    """A glue site for the token ``m`` the rules found none for, or None: confident above the
    model's edit threshold (no other glue needed), a flag only above its flag threshold."""
    model = load_model()
    if model is None:
        return None
    end = m.end()
    if RUNNING_AFTER.match(text, end) is None or NAME_END.match(text, end):
        return None  # (cheapest first: running text goes on in lower case after glue;
        # ``in_running_text`` asks the same below)
    tok, start = m.group(), m.start()
    if not running_possible(text, start):
        return fronted_site(text, m, res, memo, model)  # (no running text: only the page's word)
    splits = candidates(tok, res)
    if (
        not splits
        or _vetoed(text, m, res, memo)
        or CODE_BEFORE.search(text, max(0, start - 12), start)
    ):
        return None  # (a model code before: the code rules' question)
    name_start, clear = N.extend_name(text, start, res)
    if not clear:
        return None  # a name whose extent is unclear: no move
    running = in_running_text(text, name_start, end, res)
    if not running and not _after_locative(text, name_start, end, res):
        return None  # a headline or paragraph join
    if not (CAMEL_TOKEN.fullmatch(tok) or N._split(tok, res)):
        return None  # only tokens the kernel's name scan keeps (``fastscan.name_tokens``): the fast
        # and the full walk give the same sites (asked last: ``_split`` is the dearest gate)
    ctx = context(text, start, m.end(), res, (name_start, clear))
    p, i = _best(tok, start, splits, ctx, text, res, memo, model)
    right = tok[i:]
    form, shape = form_of(right), shape_of(right, ctx, running)
    if (
        not i
        or p < model.flag[shape]
        or _not_a_head(right.lower(), res)
        or right.lower() == tok[:i].lower()
    ):
        return None  # (a word written twice is a reduplication: ``KrisisKrisis``)
    edit = p >= model.edit[shape] or running and linked_on_page(text, ctx, start + i, res)
    if edit and form == "camel" and _word_compound(tok[:i], ctx, res):
        edit = False  # (a flag: ``melalui PasarPelosok``, ``Toko daring JajanDesa``)
    if not running and (form != "glue" or not edit):
        return None  # after a locative: lower-case glue the model is sure of, or nothing
    return Site(
        name_start,
        m.end(),
        text[name_start : start + i],
        form,
        start + i,
        right,
        EDIT_CONFIDENCE if edit else 0.6,
        needs_evidence=0 if edit else FLAG_ONLY,
        name=True,
    )


# a title's abbreviation right before a name (``dr.``, ``K.H.``, ``Ny.Hj.``, ``Prof.``)
RUN_WORD_BEFORE = re.compile(r"(?<![\w.])(?:(?:[A-Z]\.){2,}|[a-z]{1,3}\.|[A-Z][a-z]{1,3}\.)+ $")


def _word_compound(left: str, ctx: Context | None, res: Resources) -> bool:
    """A one-word name that is a common word of the language (``Pasar``, ``Jajan``; not a name
    writers use, ``Kompas``): CamelCase on it is a brand's compound as often as a glued link
    (``PasarPelosok``), and a page of other glue says nothing about which (its seams lift the
    model's score: flag, never edit). ``ctx`` None: the caller knows the name is one word."""
    one_word = ctx is None or ctx.values[0] <= 0.0
    return one_word and res.common_lower(left) and not res.corpus_name(left)


def keep_names_whole(text: str, sites: list[Site]) -> None:
    """Split only (``no_move``) a glue or CamelCase site that starts at another site's glued token,
    inside that site's longer name: a later scan read the name's last word as a one-word name
    (``Rodrigo Tavarela|Cedera`` flagged, then ``Tavarela|Cedera`` moved: ``Rodrigo cedera lutut
    Tavarela``, a broken name). The split stays (``Eng Hian|mengakui``)."""
    if len(sites) < 2:
        return
    spans = [(o.start, o.end) for o in sites if o.form in FORMS and _token_start(text, o) > o.start]
    if not spans:
        return
    for s in sites:
        if s.form in FORMS and any(a < s.start < b for a, b in spans):
            s.no_move = True


def lift_page_camel(text: str, sites: list[Site], res: Resources) -> None:
    """Let the rules' CamelCase name sites move again on a page of the translator's CamelCase
    glue, after ``glue.mark_scrape_joins`` read its seams as a scraper's joins (each seam the
    rules did not site counts as one). :data:`PAGE_SEAMS` or more confident name sites, each
    inside running text (``Menurut Wahyu Tresnadi KusumahDirektur operasional,``, not a line's
    first name nor a headline's) with a whole name (:func:`_clear_move`): a scraper joins a
    headline or a paragraph to the next line, it does not put a head noun after three names in
    the middle of sentences."""
    if len(sites) < PAGE_SEAMS:
        return
    cand = [
        s
        for s in sites
        if s.scrape and s.form == "camel" and s.name and not s.needs_evidence
        if s.confidence >= EDIT_CONFIDENCE
    ]
    if len(cand) < PAGE_SEAMS:
        return
    ok = [s for s in cand if _clear_move(text, s, sites, res)]
    if len(ok) >= PAGE_SEAMS and any(
        in_running_text(text, s.start, s.end, res, initial_ok=True) for s in ok
    ):
        for s in ok:
            s.no_move = s.scrape = False


def _clear_move(text: str, s: Site, sites: list[Site], res: Resources) -> bool:
    """A CamelCase name site mid-line, lower-case text after its glued head noun, whose move
    keeps every name whole: its name's extent clear, no title or lower-case head before it, not
    inside another site's name (the page's sites together must show running text)."""
    if N._sentence_start(text, s.start) or any(o.start < s.start < o.end for o in sites):
        return False
    if text.rfind("\n", 0, s.start) + 1 == s.start or RUNNING_AFTER.match(text, s.end) is None:
        return False  # (a line's first name, or no lower-case text after the glued word)
    if _not_a_head(s.right.lower(), res) or _tears_name(text, s):
        return False
    if _head_before(text, s.start, s.entity, res):
        return False
    return N.extend_name(text, _token_start(text, s), res) == (s.start, True)


def _token_start(text: str, s: Site) -> int:
    """Where the site's glued token starts (its name's last word)."""
    return max(s.start, text.rfind(" ", s.start, s.rest_start) + 1)


def confirm(
    text: str, m: re.Match[str], s: Site, res: Resources, memo: DocMemo | None = None
) -> Site:
    """The rules' site ``s`` for the token ``m``, judged with the page: kept whole where moving
    would tear a name (:func:`_tears_name`), else made an edit where it was only a flag and the
    page vouches for it (:func:`_page_vouches`, :func:`_model_agrees`). Otherwise ``s``
    unchanged (most sites: the first gate)."""
    if s.form not in FORMS:
        return s
    if not s.no_move and _tears_name(text, s):
        s.no_move = True
        return s
    if s.form == "camel" and s.start == m.start() and _word_compound(s.entity, None, res):
        s.needs_evidence, s.cap = FLAG_ONLY, min(s.cap, 0.7)  # (``melalui WarungKampung``)
        s.confidence = min(s.confidence, 0.7)
        return s
    if not (s.needs_evidence or s.cap < EDIT_CONFIDENCE):
        return s
    start, end = m.start(), m.end()
    if RUNNING_AFTER.match(text, end) is None or NAME_END.match(text, end):
        return s
    if not s.start < start or N._sentence_start(text, s.start):
        return s  # (a line's first name: a dateline or headline join, the planner splits only)
    if _named_on_its_line(text, s):
        return s  # (``Toko Roti Sandikara buka pagi, dan cabangnya Toko Roti Sandikara|kopi``)
    needs = 0 if _page_vouches(text, m, s, res, memo) else _model_agrees(text, m, s, res, memo)
    if needs is None or N.extend_name(text, start, res) != (s.start, True):
        return s  # (the name's extent unclear: ``Rating Rumah di Ujung Gang|Serial`` read as
        # ``Ujung Gang``; a move there would break it. Asked last: the walk is dear)
    s.needs_evidence, s.cap = needs, max(s.cap, 0.99)
    s.confidence = max(s.confidence, EDIT_CONFIDENCE)
    s.no_move = s.no_move or _link_head_before(text, s, res)  # (the lift splits only)
    return s


def _named_on_its_line(text: str, s: Site) -> bool:
    """The whole name written again on the site's own line: a family names its members in one
    sentence (the shop and its branch ``Toko Roti Sandikara|kopi``); a translator's link is glued
    where the name stands, and named free on other lines."""
    line_start = text.rfind("\n", 0, s.start) + 1
    return text.find(s.entity, line_start, s.start) >= 0 or (
        text.find(s.entity, s.end, _line_end(text, s.end)) >= 0
    )


def _tears_name(text: str, s: Site) -> bool:
    """``Dalam K.H. Abdul Wahid|ceramah``, ``menolak dr. Maria ...|hasil``: a title's abbreviation
    right before the site's name, itself not a sentence's first word, belongs to the name; moving
    the glued phrase before the site's name would put it inside (a broken name is worse than a
    miss: split only)."""
    if text[s.start - 2 : s.start] != ". ":
        return False  # (the pattern's last two characters, one slice: most sites)
    before = RUN_WORD_BEFORE.search(text, max(0, s.start - 40), s.start)
    return before is not None and not N._sentence_start(text, before.start())


# place nouns that take a name as their complement (``di depan``, ``deket``): no link's head
SPATIAL = frozenset(
    "depan belakang samping sebelah dekat deket atas bawah dalam luar seberang sekitar"
    " antara tengah pinggir ujung".split()
)
# a lower-case word right before a name, not after a hyphen or a word character
WORD_BEFORE = re.compile(r"(?<![\w\-])[a-z]{3,} $")


def _head_before(text: str, start: int, name: str, res: Resources) -> bool:
    """``Harga kopi Arabika Gunung Sawal|komoditas``, ``bengkel Karya Motor Sejati|alamat``: a
    lower-case word that can head a noun phrase (not a verb, a closed-class word, a time word,
    an adjective) right before the name may be the link's own head (``[[kopi Arabika Gunung
    Sawal]]``); moving the glued phrase before the capitalised name would land inside the link
    (a broken name is worse than a miss: split only). Either reading is a noun phrase, so the
    shape cannot tell them apart (``saham PT Arangga|emiten`` is moved rightly); the page can:
    the name written elsewhere without that word before it is a name of its own
    (:func:`_named_without`)."""
    if text[start - 1 : start] != " " or not text[start - 2 : start - 1].islower():
        return False  # (one slice each: most names follow punctuation, a capital or a digit)
    m = WORD_BEFORE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    low = m.group()[:-1]
    return not (
        _not_a_head(low, res)
        or low in SPATIAL
        or _relational(low, res)
        or low in res.pos_adjs
        or low in res.pre_head
        or N.LOCATIVE_BEFORE.match(text, m.start()) is not None
        or _named_without(text, name, low, start)
    )


def _link_head_before(text: str, s: Site, res: Resources) -> bool:
    """:func:`_head_before` the site's name, unless the glued phrase opens names itself
    (``anggota Mina Sejahtera|koperasi``: ``koperasi Mina Sejahtera`` is the body's name, and
    the word before stands outside it)."""
    first = s.right.split(" ", 1)[0].lower()
    if first in res.name_heads or first.capitalize() in res.org_heads:
        return False
    return _head_before(text, s.start, s.entity, res)


def _relational(low: str, res: Resources) -> bool:
    """A noun derived with ``-an`` from a known word (``terbitan``, ``penjualan``, ``kenaikan``):
    it takes the name as its complement (``penjualan {sedan} Haruta``), it heads no link."""
    if len(low) < 6 or not low.endswith("an"):
        return False
    stem = low[:-2]
    return stem in res.lexicon or (low.startswith("ke") and stem[2:] in res.lexicon)


def _named_without(text: str, name: str, low: str, start: int) -> bool:
    """``name`` written on the page (outside ``start``) without the word ``low`` before it."""
    pos, seen = text.find(name), 0
    while pos >= 0 and seen < FIND_LIMIT:
        if pos != start and text[max(0, pos - len(low) - 1) : pos].lower() != low + " ":
            return True
        pos, seen = text.find(name, pos + 1), seen + 1
    return False


def _page_vouches(
    text: str, m: re.Match[str], s: Site, res: Resources, memo: DocMemo | None
) -> bool:
    """The translator's fingerprint: the same whole name glued to at least :data:`SEEN_CAP`
    other NOUNS on other lines (one other word is a brand family's shape: ``Toko Kain
    Wiraduta|batik`` beside ``...|sutera``; a family's further members are mostly adjectives or
    rare words: ``segar``, ``bening``, ``songket``), or, for CamelCase, a page of CamelCase glue
    (:data:`PAGE_SEAMS` other seams: one link glued per line, ``Ketua Lomba Perahu Naga
    Batanghari RayaPanitia``); and the model scoring the rules' split above its form's EDIT
    threshold as if in running text."""
    if _links(text, s.start, s.rest_start, res, nouns=True) < SEEN_CAP and not (
        s.form == "camel" and _other_seams(text, m) >= PAGE_SEAMS
    ):
        return False  # (``page_links`` of a name of 2+ words, before the dearer gates)
    p, model = _split_probability(text, m, s, res, memo, fronted=True)
    return model is not None and p >= model.edit[form_of(s.right)]


def _other_seams(text: str, m: re.Match[str]) -> int:
    """CamelCase seams on the page outside the token ``m``."""
    return page_seams(text) - len(CAMEL_SEAM.findall(text, m.start(), m.end()))


def _model_agrees(
    text: str, m: re.Match[str], s: Site, res: Resources, memo: DocMemo | None
) -> int | None:
    """A name of 2+ words glued once (to no other word on other lines) on a page of other glue:
    the model, asked as it asks its own
    sites (no running text assumed), scores the rules' split at or above its form's EDIT
    threshold (the build's: no trap sentence edited, alone or among glued sentences), in running
    text or, lower-case glue, after a locative (the scorer's own sites' gates). The page's
    other glue must still show: two other CamelCase seams for CamelCase (:func:`page_seams`:
    then no other site is needed, 0), else one other confident site (``glue.add_evidence``: 1).
    None: the model does not agree."""
    if _links(text, s.start, s.rest_start, res, nouns=False):
        return None  # (the name glued to one other word: a brand family's shape, ``Toko Kain
        # Wiraduta|batik`` beside ``...|sutera``; two other nouns are ``_page_vouches``' case)
    p, model = _split_probability(text, m, s, res, memo, fronted=False)
    if model is None or p < model.edit[form_of(s.right)]:
        return None
    end = m.end()
    if not in_running_text(text, s.start, end, res) and not (
        s.form == "glue" and _after_locative(text, s.start, end, res)
    ):
        return None  # (as the scorer's own sites: ``Rating Rumah di Ujung Gang|Serial``, a title)
    return 0 if s.form == "camel" and _other_seams(text, m) >= SEEN_CAP else 1


def _split_probability(
    text: str, m: re.Match[str], s: Site, res: Resources, memo: DocMemo | None, fronted: bool
) -> tuple[float, Model | None]:
    """The model's probability for the rules' split of ``m`` (0 when it is no candidate);
    ``fronted``: scored as if in running text (:func:`as_running`)."""
    start, end = m.start(), m.end()
    split = s.rest_start - start
    model = load_model()
    if model is None or split not in candidates(m.group(), res):
        return 0.0, model
    ctx = context(text, start, end, res, (s.start, True))
    p, _ = _best(
        m.group(), start, [split], as_running(ctx) if fronted else ctx, text, res, memo, model
    )
    return p, model
