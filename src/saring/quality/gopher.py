"""Gopher quality and repetition rules (Rae et al. 2021, Table A1) on our regex tokenizer.

Semantics follow datatrove 0.10.1's ``GopherQualityFilter``/``GopherRepetitionFilter`` (rule order,
what counts as a word, how n-gram characters are counted) so thresholds transfer from FineWeb-2
configs; differences are in the tokenizer only (see ``textstats``). Rule names are prefixed
``gopher_``; datatrove's misleading ``gopher_enough_stop_words`` is ``gopher_few_stop_words`` here.

The repetition filter must run after the repair step's paragraph de-duplication: a news page that
repeats one revised paragraph is repaired there, not thrown away here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from saring.quality import repeats
from saring.quality.base import MAX, MIN, ProfiledFilter, Rule, enabled
from saring.quality.textstats import (
    TextStats,
    dup_ngram_chars,
    find_duplicates,
    kernel_ngram_chars,
    kernel_ns,
    line_dups,
    top_ngrams,
)
from saring.scan import count_members, gopher_marks, member_table
from saring.step import Reject


def ngram_fracs(value: Any) -> list[tuple[int, float]]:
    """``{n: frac}`` (our YAML) or ``[[n, frac], ...]`` (FineWeb-2 configs) as sorted pairs."""
    if not value:
        return []
    pairs = value.items() if isinstance(value, dict) else value
    return sorted((int(n), f) for n, f in pairs)


@lru_cache(maxsize=64)
def _member_table(words: frozenset[str]) -> Any:
    """The compiled lookup table of a profile's stop words (built once per set, outside the
    step's picklable state); tokens are looked up without hashing them as ``str``."""
    return member_table(words)


def _marks(st: TextStats) -> tuple[int, int, int, int, int, int]:
    """``saring.scan.gopher_marks`` of the text (lines, bullet lines, end-ellipsis lines, and the
    counts of ``#``, ``...``, ``…``): one compiled pass for four rules, memoised."""
    marks = st.memo.get("gopher_marks")
    if marks is None:
        marks = st.memo["gopher_marks"] = gopher_marks(st.text)
    return marks  # type: ignore[return-value]


class GopherQuality(ProfiledFilter):
    """Document length, word length, symbol, bullet/ellipsis, alphabetic and stop-word rules."""

    name = "gopher_quality"
    section = "gopher_quality"

    _RULES = (
        ("gopher_short_doc", "n_words", MIN, "min_doc_words"),
        ("gopher_long_doc", "n_words", MAX, "max_doc_words"),
        ("gopher_below_avg_word_length", "avg_word_length", MIN, "min_avg_word_length"),
        ("gopher_above_avg_word_length", "avg_word_length", MAX, "max_avg_word_length"),
        ("gopher_too_many_hashes", "hash_ratio", MAX, "max_symbol_word_ratio"),
        ("gopher_too_many_ellipsis", "ellipsis_ratio", MAX, "max_symbol_word_ratio"),
        ("gopher_too_many_bullets", "bullet_lines_ratio", MAX, "max_bullet_lines_ratio"),
        (
            "gopher_too_many_end_ellipsis",
            "end_ellipsis_lines_ratio",
            MAX,
            "max_ellipsis_lines_ratio",
        ),
        ("gopher_below_alpha_threshold", "alpha_words_ratio", MIN, "min_alpha_words_ratio"),
        ("gopher_few_stop_words", "stop_words", MIN, "min_stop_words"),
    )

    def prepare(self, cfg: dict[str, Any]) -> dict[str, Any]:
        cfg = dict(cfg)
        cfg["stop_set"] = frozenset(cfg.get("stop_words") or ())
        return cfg

    def build_rules(self, cfg: dict[str, Any]) -> list[Rule]:
        return [
            Rule(reason, metric, d, cfg[key])
            for reason, metric, d, key in self._RULES
            if enabled(cfg.get(key))
        ]

    def measure(self, metric: str, st: TextStats, cfg: dict[str, Any]) -> float:
        n_tokens = st.n_tokens
        if metric == "n_words":
            return n_tokens - st.n_symbol
        if metric == "avg_word_length":
            n_words = n_tokens - st.n_symbol
            return st.word_chars / n_words if n_words else 0.0
        if metric == "hash_ratio":  # text.count("#")
            return _marks(st)[3] / n_tokens if n_tokens else 0.0
        if metric == "ellipsis_ratio":  # text.count("...") + text.count("…")
            marks = _marks(st)
            return (marks[4] + marks[5]) / n_tokens if n_tokens else 0.0
        if metric == "bullet_lines_ratio":
            # of text.splitlines(), those starting with a bullet once left-stripped (0 when the
            # text holds no "-" or "•": the same 0.0)
            marks = _marks(st)
            return marks[1] / marks[0] if marks[0] else 0.0
        if metric == "end_ellipsis_lines_ratio":
            marks = _marks(st)
            return marks[2] / marks[0] if marks[0] else 0.0
        if metric == "alpha_words_ratio":
            return st.n_alpha / n_tokens if n_tokens else 0.0
        if metric == "stop_words":  # len(stop_set & set(tokens)), over the distinct tokens
            return count_members(st.distinct_tokens, _member_table(cfg["stop_set"]))
        raise KeyError(metric)

    def measure_all(
        self, st: TextStats, cfg: dict[str, Any], need: frozenset[str]
    ) -> dict[str, float]:
        """:meth:`measure` of every metric in one call (the same expressions; each is cheap once
        the text is tokenized), the stop words only when a rule reads them."""
        n_tokens = st.n_tokens
        n_words = n_tokens - st.n_symbol
        lines, bullets, end_ellipsis, hashes, dots3, ellipsis = _marks(st)
        if n_tokens:
            hash_ratio = hashes / n_tokens
            ellipsis_ratio = (dots3 + ellipsis) / n_tokens
            alpha_ratio = st.n_alpha / n_tokens
        else:
            hash_ratio = ellipsis_ratio = alpha_ratio = 0.0
        values = {
            "n_words": n_words,
            "avg_word_length": st.word_chars / n_words if n_words else 0.0,
            "hash_ratio": hash_ratio,
            "ellipsis_ratio": ellipsis_ratio,
            "bullet_lines_ratio": bullets / lines if lines else 0.0,
            "end_ellipsis_lines_ratio": end_ellipsis / lines if lines else 0.0,
            "alpha_words_ratio": alpha_ratio,
        }
        if "stop_words" in need:
            values["stop_words"] = count_members(st.distinct_tokens, _member_table(cfg["stop_set"]))
        return values


def _fracs(
    both: tuple[dict[int, int], dict[int, int]], n_chars: int, cfg: dict[str, Any]
) -> dict[str, float]:
    """The kernel's characters as the rules' fractions, each divided once (the same division a
    rule would make); after an early stop the sizes the kernel left out are left out."""
    tops, dups = both
    top_names, dup_names = cfg["frac_names"]
    fracs = {name: tops[k] / n_chars for name, k in top_names if k in tops}
    for name, k in dup_names:
        if k in dups:
            fracs[name] = dups[k] / n_chars
    return fracs


# Texts of more characters than this (~1,200 tokens) may stop the n-gram kernel at the first
# failing size (a length test without a call; news stays below, court texts run 30-500 k).
_EARLY_CHARS = 8192


# Texts up to this many tokens are named by their most repeated n-gram; longer ones (legal
# texts repeat at tens of thousands of positions) by the first n-gram seen twice.
_DESCRIBE_TOKENS = 1024


class GopherRepetition(ProfiledFilter):
    """Duplicate lines/paragraphs and repeated n-gram rules, as fractions of the text's characters."""

    name = "gopher_repetition"
    section = "gopher_repetition"

    def prepare(self, cfg: dict[str, Any]) -> dict[str, Any]:
        cfg = dict(cfg)
        cfg["dup_ns"] = [n for n, f in ngram_fracs(cfg.get("dup_n_grams")) if enabled(f)]
        cfg["top_ns"] = [n for n, f in ngram_fracs(cfg.get("top_n_grams")) if enabled(f)]
        cfg["top_key"] = ("top_ngrams", tuple(cfg["top_ns"]))
        cfg["dup_key"] = ("dup_ngrams", tuple(cfg["dup_ns"]))
        cfg["both_key"] = ("quality_ngrams", tuple(cfg["top_ns"]), tuple(cfg["dup_ns"]))
        cfg["fracs_key"] = ("quality_ngram_fracs", *cfg["both_key"][1:])
        # metric name -> (kind, n), parsed once instead of per document
        kinds: dict[str, tuple[str, int]] = {
            m: (m, 0)
            for m in ("dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac")
        }
        kinds.update({f"top_{n}_gram_frac": ("top", n) for n in cfg["top_ns"]})
        kinds.update({f"dup_{n}_gram_frac": ("dup", n) for n in cfg["dup_ns"]})
        cfg["metric_kinds"] = kinds
        cfg["ns_ok"] = kernel_ns(cfg["top_ns"]) and kernel_ns(cfg["dup_ns"])
        cfg["stop_limits"] = self._stop_limits(cfg)
        cfg["early_key"] = ("quality_ngrams_early", *cfg["both_key"][1:])
        cfg["frac_names"] = (
            [(f"top_{k}_gram_frac", k) for k in cfg["top_ns"]],
            [(f"dup_{k}_gram_frac", k) for k in cfg["dup_ns"]],
        )
        return cfg

    @staticmethod
    def _stop_limits(cfg: dict[str, Any]) -> tuple[dict[int, float], dict[int, float]] | None:
        """The n-gram rules' limits by size ({n: top limit}, {n: dup limit}) when their order
        (tops, then dups, each by size) is the kernel's order of sizes: then the kernel may stop
        at the first size over its limit (the first failing n-gram rule; the larger sizes are
        read only if its second look keeps the text). None otherwise."""
        tops, dups = cfg["top_ns"], cfg["dup_ns"]
        if tops and dups and max(tops) >= min(dups):
            return None
        top = {n: float(f) for n, f in ngram_fracs(cfg.get("top_n_grams")) if enabled(f)}
        dup = {n: float(f) for n, f in ngram_fracs(cfg.get("dup_n_grams")) if enabled(f)}
        return top, dup

    def build_rules(self, cfg: dict[str, Any]) -> list[Rule]:
        rules = [
            Rule(f"gopher_{key}", key, MAX, cfg[key])
            for key in (
                "dup_para_frac",
                "dup_para_char_frac",
                "dup_line_frac",
                "dup_line_char_frac",
            )
            if enabled(cfg.get(key))
        ]
        for n, frac in ngram_fracs(cfg.get("top_n_grams")):
            if enabled(frac):
                rules.append(Rule(f"gopher_top_{n}_gram", f"top_{n}_gram_frac", MAX, frac))
        for n, frac in ngram_fracs(cfg.get("dup_n_grams")):
            if enabled(frac):
                rules.append(Rule(f"gopher_dup_{n}_gram", f"dup_{n}_gram_frac", MAX, frac))
        return rules

    def precheck(self, st: TextStats, cfg: dict[str, Any]) -> Reject | None:
        return Reject("gopher_empty", 0, 1) if not st.text else None

    def provides(self) -> tuple[str, ...]:
        return super().provides() + (f"{self.label}.repeated",)

    def confirm(
        self,
        reason: str,
        metric: str,
        value: float,
        threshold: float,
        st: TextStats,
        cfg: dict[str, Any],
        scores: dict[str, Any],
    ) -> Reject | None:
        """Reject only if the measure still fails with layout left out (n-grams without a word
        token, lines without a letter or digit: :mod:`saring.quality.repeats`), and annotate
        what repeated (``repeated``: ``3-gram "per kilogram ," x5``, ``line "..." x4``)."""
        kind, n = cfg["metric_kinds"][metric]
        text = st.text
        if kind == "top" or kind == "dup":
            return self._confirm_ngrams(reason, kind, n, value, threshold, st, scores)
        units = st.paragraphs if kind.startswith("dup_para") else repeats.gopher_lines(st.lines)
        n_layout, layout_chars, top = repeats.line_repeats(units, blank=True)
        if n_layout:
            if kind.endswith("char_frac"):
                content = value - layout_chars / len(text)
            else:
                content = value - n_layout / len(units)
            if content <= threshold:
                return None
        if top is not None:
            unit = "paragraph" if kind.startswith("dup_para") else "line"
            scores["repeated"] = f"{unit} {repeats.quote(*top)}"
        return Reject(reason, value, threshold)

    def measure(self, metric: str, st: TextStats, cfg: dict[str, Any]) -> float:
        text = st.text
        kind, n = cfg["metric_kinds"][metric]
        if kind == "top" or kind == "dup":
            fracs = self._kernel_fracs(st, cfg)  # the compiled kernel: every n in one pass
            if fracs is not None and metric not in fracs:  # an early stop: count every size
                st.memo.pop(cfg["fracs_key"])
                fracs = self._kernel_fracs(st, cfg)
            if fracs is not None:
                return fracs[metric]
            if kind == "top":
                return self._ngrams(st, cfg)[0][n] / len(text)
            return self._dup_chars(st, cfg)[n] / len(text)
        if kind.startswith("dup_para"):
            paras = st.paragraphs
            found = st.memo.get("rep_para_dups")
            if found is None:
                found = st.memo["rep_para_dups"] = find_duplicates(paras)
            n_dup, dup_chars = found  # type: ignore[misc]
            return n_dup / len(paras) if kind == "dup_para_frac" else dup_chars / len(text)
        ls = line_dups(st)
        return ls.n_dup / ls.n_lines if kind == "dup_line_frac" else ls.dup_chars / len(text)

    def measure_all(
        self, st: TextStats, cfg: dict[str, Any], need: frozenset[str]
    ) -> dict[str, float] | None:
        """:meth:`measure` of the metrics in ``need`` in one call (the same expressions); None
        without the compiled n-gram kernel."""
        # a long text may stop the kernel early (on short ones the saving is below the call's)
        limits = cfg["stop_limits"]
        if limits is not None and (self.score_only or len(st.text) <= _EARLY_CHARS):
            limits = None
        fracs = self._kernel_fracs(st, cfg, limits)
        if fracs is None:
            return None
        values = dict(fracs)  # after an early stop, the sizes not counted are left to measure
        text = st.text
        if "dup_para_frac" in need or "dup_para_char_frac" in need:
            paras = st.paragraphs
            found = st.memo.get("rep_para_dups")
            if found is None:
                found = st.memo["rep_para_dups"] = find_duplicates(paras)
            n_dup, dup_chars = found  # type: ignore[misc]
            values["dup_para_frac"] = n_dup / len(paras)
            values["dup_para_char_frac"] = dup_chars / len(text)
        if "dup_line_frac" in need or "dup_line_char_frac" in need:
            ls = line_dups(st)
            values["dup_line_frac"] = ls.n_dup / ls.n_lines
            values["dup_line_char_frac"] = ls.dup_chars / len(text)
        return values

    @staticmethod
    def _confirm_ngrams(
        reason: str,
        kind: str,
        n: int,
        value: float,
        threshold: float,
        st: TextStats,
        scores: dict[str, Any],
    ) -> Reject | None:
        """:meth:`confirm` of a top or duplicate n-gram rule. Most texts have no n-gram made of
        layout only and no drawn line (:func:`repeats.layout_free`): the measure stands. Else
        it is taken again over the repeated positions without layout. The description names
        the most repeated n-gram (a text of over ``_DESCRIBE_TOKENS`` tokens: the first one
        seen twice) with its count."""
        view = repeats.type_view(st)
        if view is None:
            free = repeats.layout_free(st.tokens, st.distinct_tokens, n)
        else:
            free = repeats.view_layout_free(view, n)
        if not free:
            tokens = st.tokens
            if view is None:
                starts = repeats.repeated_starts(tokens, n)
            else:
                starts = repeats.view_repeated_starts(view, n)
            if kind == "dup":
                chars = repeats.dup_content_chars(tokens, starts, n)
            else:
                chars = repeats.top_content_ngram(tokens, starts, n)[0]
            if chars / len(st.text) <= threshold:
                return None
        if kind == "top" or st.n_tokens <= _DESCRIBE_TOKENS:  # the most repeated n-gram
            gram, count = repeats.most_repeated_ngram(st.tokens, n)
        elif view is None:  # a long text: the first n-gram seen twice, with its count
            gram, count = repeats.first_repeated_ngram(st.tokens, n)
        else:
            gram, count = repeats.view_first_repeated_ngram(view, n)
        scores["repeated"] = f"{n}-gram {repeats.quote(gram, count)}"
        return Reject(reason, value, threshold)

    @staticmethod
    def _kernel_fracs(
        st: TextStats, cfg: dict[str, Any], limits: Any = None
    ) -> dict[str, float] | None:
        """Every top/dup n-gram fraction from one pass of the compiled kernel, memoised; None
        without the kernel. ``limits`` (``cfg["stop_limits"]``): the pass may stop at the first
        size over its rule's limit, leaving the larger sizes out of the memo (a reader that
        needs one drops the memo and counts again)."""
        fracs = st.memo.get(cfg["fracs_key"])
        if fracs is None:
            if limits is not None:
                return GopherRepetition._early_fracs(st, cfg, limits)
            both = kernel_ngram_chars(
                st, cfg["top_ns"], cfg["dup_ns"], cfg["both_key"], ns_ok=cfg["ns_ok"]
            )
            if both is not None:
                fracs = st.memo[cfg["fracs_key"]] = _fracs(both, len(st.text), cfg)
        return fracs  # type: ignore[return-value]

    @staticmethod
    def _early_fracs(st: TextStats, cfg: dict[str, Any], limits: Any) -> dict[str, float] | None:
        """:meth:`_kernel_fracs` with the kernel stopping at the first failing size."""
        stop = (len(st.text), *limits)
        key = cfg["early_key"]
        both = kernel_ngram_chars(
            st, cfg["top_ns"], cfg["dup_ns"], key, ns_ok=cfg["ns_ok"], stop=stop
        )
        if both is None:
            return None
        fracs = st.memo[cfg["fracs_key"]] = _fracs(both, len(st.text), cfg)
        return fracs

    @staticmethod
    def _ngrams(st: TextStats, cfg: dict[str, Any]) -> tuple[dict[int, int], list[int]]:
        """Top n-gram characters for all configured n (one pass each), memoised for this text."""
        key = cfg["top_key"]
        res = st.memo.get(key)
        if res is None:
            res = st.memo[key] = top_ngrams(st.tokens, cfg["top_ns"])
        return res  # type: ignore[return-value]

    @classmethod
    def _dup_chars(cls, st: TextStats, cfg: dict[str, Any]) -> dict[int, int]:
        """All repeated-n-gram character counts, memoised; seeded by the repeated top n-grams."""
        key = cfg["dup_key"]
        res = st.memo.get(key)
        if res is None:
            positions = None
            tops, dups = cfg["top_ns"], cfg["dup_ns"]
            if tops and dups and max(tops) < min(dups) and len(st.tokens) >= max(tops):
                positions = cls._ngrams(st, cfg)[1]
            res = st.memo[key] = dup_ngram_chars(st.tokens, dups, positions)
        return res  # type: ignore[return-value]
