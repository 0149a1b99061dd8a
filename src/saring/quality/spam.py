"""Gambling / adult / scam spam by density and co-occurrence, never by a single hit.

Indonesian news reports on the online-gambling crackdown every day ("Polisi menangkap bandar judi
online ..."), so a topic word alone proves nothing. A document is spam when topic terms co-occur
with promotion (calls to action, selling claims, gambling brand tokens like ``slot88``, WhatsApp
numbers), or when topic terms are packed densely (keyword stuffing) - and in both cases only when
reporting vocabulary (polisi, tersangka, diblokir, menurut ...) does not outweigh them. Link farms
(text that is mostly URLs) are rejected separately. Term lists are data
(``saring/data/quality/spam_terms.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from saring.document import Document
from saring.quality.profiles import DATA_DIR
from saring.quality.textstats import load_tokenizer_words, stats_for
from saring.scan import any_lower_in, lower_hits, lower_needles_present, lower_table
from saring.step import FilterStep, Reject

TOPICS = ("gambling", "adult", "spam")
_URL_RE = re.compile(r"https?://\S+|www\.\S+")
_URL_MARKS = ("http", "www.")  # every _URL_RE match holds one of them


def _alts(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _brand_inner(suffixes: list[str], prefixes: list[str]) -> str:
    """The brand token's shape, without the boundaries: letters + a lucky-number suffix, or a
    gambling word + digits."""
    return rf"[a-z]{{2,15}}(?:{_alts(suffixes)})|(?:{_alts(prefixes)})[a-z]{{0,4}}\d{{2,4}}"


_WORD_TAIL = re.compile(r"\w*")
_WORD_ONLY = re.compile(r"\w+")


@dataclass(frozen=True)
class BrandCounter:
    """``len(brand_re.findall(low))`` without trying the brand regex at every position.

    Every match of ``(?<![\\w.])(?:INNER)(?!\\w)`` whose INNER matches only word characters is
    a whole maximal ``\\w`` run (nothing word-like before it, nothing after it, words inside)
    not preceded by ``.``; conversely such a run is a match exactly when INNER matches all of it
    (``fullmatch`` backtracks through every way, as the search at the run's start does; the
    search cannot have consumed the run, earlier matches end at earlier runs' ends; no match can
    start inside a run). Every match holds a hint, so only the runs around hint occurrences are
    looked at, and each run at most once per hint: linear. ``inner`` None (a shape with other
    characters, or unbounded) means: use the regex.
    """

    brand_re: re.Pattern[str]
    inner: re.Pattern[str] | None
    longest: int  # the most characters INNER can match

    @classmethod
    def build(cls, suffixes: list[str], prefixes: list[str]) -> BrandCounter:
        from re import _parser  # noqa: PLC0415 - the pattern's width, read once

        inner = _brand_inner(suffixes, prefixes)
        brand = re.compile(rf"(?<![\w.])(?:{inner})(?!\w)")
        longest = _parser.parse(inner).getwidth()[1]
        words_only = all(_WORD_ONLY.fullmatch(w) for w in suffixes + prefixes)
        if not words_only or longest > 64:
            return cls(brand, None, 0)
        return cls(brand, re.compile(inner), longest)

    def count(self, low: str, hints: tuple[str, ...]) -> int:
        """The brand matches in ``low``, given the hints present in it (every match holds one
        of them; a hint must hold word characters only, as every hint of a words-only shape
        does)."""
        inner = self.inner
        if inner is None:
            return len(self.brand_re.findall(low))
        starts: set[int] = set()
        longest = self.longest
        fullmatch = inner.fullmatch
        tail = _WORD_TAIL.match
        for h in hints:
            i = low.find(h)
            while i >= 0:
                a = i  # the run's start: at most `longest` characters back for a match
                stop = i - longest - 1
                while a > 0 and a > stop and (low[a - 1].isalnum() or low[a - 1] == "_"):
                    a -= 1
                e = tail(low, i).end()  # type: ignore[union-attr]
                if (
                    a > stop
                    and e - a <= longest
                    and (a == 0 or low[a - 1] != ".")
                    and fullmatch(low, a, e) is not None
                ):
                    starts.add(a)
                i = low.find(h, e)
        return len(starts)


@lru_cache(maxsize=1)
def brand_counter() -> BrandCounter:
    """The :class:`BrandCounter` of the data file's brand shapes."""
    data = yaml.safe_load((DATA_DIR / "spam_patterns.yaml").read_text("utf-8"))
    return BrandCounter.build(
        [str(x) for x in data["brand_suffixes"]], [str(x) for x in data["brand_prefixes"]]
    )


@lru_cache(maxsize=1)
def load_patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], tuple[str, ...]]:
    """(brand regex, contact-number regex, contact words, brand hint substrings) from the data file.

    Both regexes use bounded repeats only (``{2,15}``, ``{0,4}``, ``\\d{7,11}``): linear time.
    """
    data = yaml.safe_load((DATA_DIR / "spam_patterns.yaml").read_text("utf-8"))
    suffixes = [str(x) for x in data["brand_suffixes"]]
    prefixes = [str(x) for x in data["brand_prefixes"]]
    contact = [str(x) for x in data["contact_words"]]
    brand = re.compile(rf"(?<![\w.])(?:{_brand_inner(suffixes, prefixes)})(?!\w)")
    wa = re.compile(rf"(?<!\w)(?:{_alts(contact)})\W{{0,3}}(?:\+?62|0)8\d{{7,11}}(?!\d)")
    # Substrings every brand token contains: the brand regex is skipped when none is present.
    # A hint holding another hint ("777" holds "77") is never the only one found: not scanned.
    hints = [h for h in suffixes + prefixes
             if not any(o != h and o in h for o in suffixes + prefixes)]
    return brand, wa, frozenset(contact), tuple(dict.fromkeys(hints))


def _zipf(word: str) -> float:
    """Indonesian word frequency (wordfreq, offline); digits/short brand words count as rare."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "id")


@lru_cache(maxsize=1)
def load_terms() -> dict[str, tuple[str, str]]:
    """term -> (category, strength), from the data file."""
    out: dict[str, tuple[str, str]] = {}
    for row in (DATA_DIR / "spam_terms.tsv").read_text("utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        term, cat, strength = row.split("\t")
        out[" ".join(term.lower().split())] = (cat, strength)
    return out


def _trie(words: list[str], space: str = r"\ ") -> str:
    """Regex alternation of literal words factored by common prefix.

    At every node the longer continuation is tried before ending the word, so (as with an
    alternation sorted longest first) the longest word that fits wins. A space becomes
    ``space`` (e.g. ``\\s+``); no other repeats, so matching stays linear.
    """
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [
            (space if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def trigger_prefilter(triggers: frozenset[str], units: frozenset[str]) -> re.Pattern[str]:
    """One search that finds every trigger which could be a token of ``TOKEN_RE`` (lowercased).

    A token made of word characters that starts with a letter is never glued to another word
    character (the tokenizer only splits inside a word-character run after ``Rp`` or before a
    unit), so such triggers are searched on word boundaries; the rest (units, digit-initial
    words) as plain substrings. Finding nothing proves the token-set intersection is empty.
    """
    bounded = sorted(t for t in triggers if t[:1].isalpha() and t.isalnum() and t not in units)
    loose = sorted(triggers.difference(bounded))
    parts = [rf"\b{_trie(bounded)}(?!\w)"] if bounded else []
    parts += [_trie(loose)] if loose else []
    return re.compile("|".join(parts) or r"(?!)")


def compile_terms(terms: list[str]) -> re.Pattern[str]:
    """One prefix-factored alternation (longest term wins) on word boundaries; inner spaces
    match any whitespace run."""
    body = _trie(sorted(set(terms)), space=r"\s+")
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


class SpamFilter(FilterStep):
    """Reject gambling/adult/scam spam and link farms; annotate the evidence counts."""

    name = "spam"

    PROVIDES = ("urls", "url_char_ratio", "gambling_strong", "gambling_weak", "adult_strong",
                "adult_weak", "spam_strong", "spam_weak", "promo", "news", "brand_tokens",
                "wa_numbers", *(f"{c}_{k}" for c in TOPICS for k in ("density", "distinct")), "n_words")

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        min_distinct_terms: int = 2
        min_promo_hits: int = 2
        max_density: float = 3.0
        min_dense_hits: int = 3
        news_weight: float = 2.0
        max_url_char_ratio: float = 0.25
        min_urls: int = 10

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        self._terms: dict[str, tuple[str, str]] = {}
        self._topic: list[tuple[str, tuple[str, ...]]] = []
        self._context: list[str] = []
        self._triggers: frozenset[str] = frozenset()
        self._trigger_table: Any = None
        self._vocab_table: Any = None
        self._patterns: dict[frozenset[str], re.Pattern[str]] = {}
        self._all_re: re.Pattern[str] | None = None
        self._topic_terms: frozenset[str] = frozenset()
        self._trigger_re: re.Pattern[str] | None = None
        self._by_trigger: dict[str, list[tuple[str, tuple[str, ...]]]] = {}

    def setup(self) -> None:
        self._terms = load_terms()
        brand_counter()  # the brand shapes, read at setup (not on the first hinted document)
        self._topic = [(t, tuple(t.split())) for t, (c, _) in self._terms.items() if c in TOPICS]
        self._context = [t for t, (c, _) in self._terms.items() if c not in TOPICS]
        # The rarest word of each topic term: a document containing none of them cannot score,
        # so most documents are settled by one set intersection.
        trigger_of = {t: min(words, key=_zipf) for t, words in self._topic}
        self._triggers = frozenset(trigger_of.values())
        # the words the score looks lowered tokens up against (triggers, topic words, contact
        # words): only the lowered types among them are needed, never the whole lowered set
        _brand, _wa, wa_words, hints = load_patterns()
        # the hints and the URL markers, looked for in one pass (at most 64 needles)
        self._needles = (*hints, *_URL_MARKS) if len(hints) <= 64 - len(_URL_MARKS) else None
        self._trigger_table = lower_table(self._triggers)
        self._vocab_table = lower_table(frozenset(
            {*self._triggers, *(w for _t, words in self._topic for w in words), *wa_words}))
        # trigger word -> the topic terms it stands for (in term-list order)
        self._by_trigger: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for t, words in self._topic:
            self._by_trigger.setdefault(trigger_of[t], []).append((t, words))
        units = frozenset(u.lower() for u in load_tokenizer_words()["units"])
        self._trigger_re = trigger_prefilter(self._triggers, units)
        self._patterns: dict[frozenset[str], re.Pattern[str]] = {}
        self._all_re = None  # every term in one pattern, compiled on first use
        self._topic_terms = frozenset(t for t, _ in self._topic)

    def _found_terms(self, low: str, present: frozenset[str]) -> list[str]:
        """The terms that the alternation of ``present`` plus every promo/news term finds in
        ``low``, in order, found with the one pattern of *all* terms whenever that is the same.

        Both patterns take, at each position, the longest of their terms that fits there (a
        prefix trie: :func:`_trie`), and the present topic terms plus the context terms are a
        subset of all terms. So where the all-terms pattern finds a term of that subset, the
        subset's pattern finds the same term; where it finds nothing, so does the subset's.
        Only when it finds a topic term that is not present can the two scans differ; then the
        subset's own pattern (compiled per set, cached) is used. Most documents with a topic term
        never need a pattern of their own.
        """
        if self._all_re is None:
            self._all_re = compile_terms([t for t, _ in self._topic] + self._context)
        found = [" ".join(m.split()) for m in self._all_re.findall(low)]
        if not present.issuperset(self._topic_terms.intersection(found)):
            found = [" ".join(m.split()) for m in self._pattern(present).findall(low)]
        return found

    def _pattern(self, topic_terms: frozenset[str]) -> re.Pattern[str]:
        """Alternation of the present topic terms plus all promo/news terms (cached per set)."""
        pat = self._patterns.get(topic_terms)
        if pat is None:
            if len(self._patterns) > 4096:
                self._patterns.clear()
            pat = self._patterns[topic_terms] = compile_terms([*topic_terms, *self._context])
        return pat

    def score(self, doc: Document) -> dict[str, Any]:
        self.ensure_setup()
        text = doc.text
        st = stats_for(text)
        scores: dict[str, Any] = {}
        _brand_re, wa_re, wa_words, hints = load_patterns()
        low: str | None = None
        needles = self._needles
        if needles is not None:
            # one pass over the text, lowered as it is read, for every hint and the two URL
            # markers: "http"/"www." in text implies them in text.lower(), so the URL regex runs
            # whenever it did (and finds nothing more when only the lowered text has them)
            bits = lower_needles_present(text, needles)
            url_marks = bits >> len(hints)
            present_hints = tuple(h for k, h in enumerate(hints) if bits >> k & 1) if bits else ()
        else:
            url_marks = "http" in text or "www." in text
            low = text.lower()
            present_hints = tuple(filter(low.__contains__, hints))
        if url_marks:
            urls = _URL_RE.findall(text)
            if urls:
                scores["urls"] = len(urls)
                scores["url_char_ratio"] = sum(map(len, urls)) / len(text)
        if st.tokenized:  # exact, stops at the first trigger token; over the distinct tokens
            # (the kernel's list, by first occurrence: some token is a trigger iff some type is)
            maybe_topic = any_lower_in(st.distinct_tokens, self._trigger_table)
        else:  # do not tokenize just to learn that no trigger word is present (most documents)
            low = low if low is not None else text.lower()
            maybe_topic = self._trigger_re.search(low) is not None
        if not present_hints and not maybe_topic:
            return scores  # no topic term and no gambling brand token: nothing to weigh
        low = low if low is not None else text.lower()  # lowered only when it is read
        brands = brand_counter().count(low, present_hints) if present_hints else 0
        if not brands and not maybe_topic:
            return scores
        # the lowered types that are triggers, topic words or contact words: every use below
        # asks only about those words, so it answers as the set of all lowered types would
        # (a set: the order the distinct tokens come in changes nothing below)
        lowered = lower_hits(st.distinct_tokens, self._vocab_table)
        if not brands and lowered.isdisjoint(self._triggers):
            return scores  # the prefilter's hit was no trigger token
        # a topic term can only be present when its trigger word is
        present = frozenset(
            t
            for w in self._triggers.intersection(lowered)
            for t, words in self._by_trigger[w]
            if lowered.issuperset(words)
        )
        counts = dict.fromkeys(
            ("gambling_strong", "gambling_weak", "adult_strong", "adult_weak",
             "spam_strong", "spam_weak", "promo", "news"), 0
        )
        distinct: dict[str, set[str]] = {c: set() for c in TOPICS}
        if present:
            for term in self._found_terms(low, present):
                cat, strength = self._terms[term]
                if cat in TOPICS:
                    counts[f"{cat}_{strength}"] += 1
                    if strength == "strong":
                        distinct[cat].add(term)
                else:
                    counts[cat] += 1
        wa = 0 if lowered.isdisjoint(wa_words) else len(wa_re.findall(low))
        n_words = max(st.n_tokens - st.n_symbol, 1)
        scores.update({k: v for k, v in counts.items() if v})
        if brands:
            scores["brand_tokens"] = brands
        if wa:
            scores["wa_numbers"] = wa
        for cat in TOPICS:
            strong = counts[f"{cat}_strong"] + (brands if cat == "gambling" else 0)
            if not strong and not counts[f"{cat}_weak"]:
                continue
            evidence = strong + 0.5 * counts[f"{cat}_weak"]
            scores[f"{cat}_density"] = round(100.0 * evidence / n_words, 3)
            scores[f"{cat}_distinct"] = len(distinct[cat]) + (1 if cat == "gambling" and brands else 0)
        scores["n_words"] = n_words
        return scores

    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        urls = scores.get("urls", 0)
        if urls >= self.config.min_urls and scores.get("url_char_ratio", 0.0) > self.config.max_url_char_ratio:
            return Reject("spam_link_farm", round(scores["url_char_ratio"], 3), self.config.max_url_char_ratio)
        news = scores.get("news", 0)
        promo = scores.get("promo", 0) + scores.get("wa_numbers", 0)
        best: Reject | None = None
        for cat in TOPICS:
            if f"{cat}_density" not in scores:
                continue
            strong = scores.get(f"{cat}_strong", 0)
            if cat == "gambling":
                strong += scores.get("brand_tokens", 0)
                cat_promo = promo + scores.get("brand_tokens", 0)
            else:
                cat_promo = promo
            if news * self.config.news_weight >= strong:
                continue  # reporting vocabulary outweighs the topic terms: news about it
            density = scores[f"{cat}_density"]
            if scores[f"{cat}_distinct"] >= self.config.min_distinct_terms and cat_promo >= self.config.min_promo_hits:
                verdict = Reject(f"spam_{cat}", density, f"promo>={self.config.min_promo_hits}")
            elif strong >= self.config.min_dense_hits and density >= self.config.max_density:
                verdict = Reject(f"spam_{cat}", density, self.config.max_density)
            else:
                continue
            if best is None or density > best.value:
                best = verdict
        return best
