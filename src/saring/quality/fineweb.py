"""FineWeb quality rules (Penedo et al. 2024) with per-language thresholds.

Same semantics as datatrove 0.10.1 ``FineWebQualityFilter``: over non-blank lines, the share
ending in a sentence terminal (a line ending in a closing quote does not count), the share of
short lines, the characters in repeated lines, and newlines per word token.
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter, le
from typing import Any

from saring.quality import repeats
from saring.quality.base import MAX, MIN, ProfiledFilter, Rule, enabled
from saring.quality.textstats import (
    TextStats,
    line_counts,
    line_dups,
    line_ends,
    terminal_punctuation,
)
from saring.scan import line_end_count, line_end_count_py
from saring.step import Reject

_LAST = itemgetter(slice(-1, None))  # a line's last character ("" for none)


class FineWebQuality(ProfiledFilter):
    """Line punctuation, short lines, duplicated line characters and list-likeness."""

    name = "fineweb_quality"
    section = "fineweb_quality"

    def prepare(self, cfg: dict[str, Any]) -> dict[str, Any]:
        cfg = dict(cfg)
        stop = cfg.get("stop_chars")
        cfg["stop_chars"] = tuple(stop) if stop else terminal_punctuation()
        # single-character terminals (the usual case): a set lookup on the last character
        chars = cfg["stop_chars"]
        cfg["stop_set"] = frozenset(chars) if all(len(c) == 1 for c in chars) else None
        # ... over all lines, blank ones included: a line ending in a terminal is never blank
        # when no terminal is whitespace
        cfg["stop_any_line"] = cfg["stop_set"] is not None and not any(c.isspace() for c in chars)
        # ... counted in one compiled pass over the text (the kernel's line_end_count)
        cfg["stop_sorted"] = "".join(sorted(cfg["stop_set"])) if cfg["stop_any_line"] else None
        return cfg

    def build_rules(self, cfg: dict[str, Any]) -> list[Rule]:
        rules = []
        if cfg.get("line_punct_thr") is not None:
            rules.append(
                Rule(
                    "fineweb_line_punct_ratio",
                    "line_punct_ratio",
                    MIN,
                    cfg["line_punct_thr"],
                    zero_ok=bool(cfg.get("line_punct_exclude_zero")),
                )
            )
        if enabled(cfg.get("short_line_thr")):
            rules.append(
                Rule("fineweb_short_line_ratio", "short_line_ratio", MAX, cfg["short_line_thr"])
            )
        if cfg.get("char_duplicates_ratio") is not None:
            rules.append(
                Rule("fineweb_char_dup_ratio", "char_dup_ratio", MAX, cfg["char_duplicates_ratio"])
            )
        if cfg.get("new_line_ratio") is not None:
            rules.append(Rule("fineweb_list_ratio", "list_ratio", MAX, cfg["new_line_ratio"]))
        return rules

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
        """The duplicated-line rule rejects only if it still fails with layout lines (no letter
        or digit: table borders, stanza marks, signature blanks) left out, and annotates the
        repeated line (``repeated``); the other rules reject as measured."""
        if metric != "char_dup_ratio":
            return Reject(reason, value, threshold)
        lines = self._lines(st)
        _, layout_chars, top = repeats.line_repeats(lines, blank=False)
        if layout_chars and value - layout_chars / (len(st.text) - st.n_newlines) <= threshold:
            return None
        if top is not None:
            scores["repeated"] = f"line {repeats.quote(*top)}"
        return Reject(reason, value, threshold)

    @staticmethod
    def _lines(st: TextStats) -> list[str]:
        lines = st.memo.get("fw_lines")
        if lines is None:
            lines = st.memo["fw_lines"] = list(filter(str.strip, st.lines))  # non-blank
        return lines

    def precheck(self, st: TextStats, cfg: dict[str, Any]) -> Reject | None:
        if not st.text.strip():
            return Reject("fineweb_empty", 0, 1)
        return None

    def measure(self, metric: str, st: TextStats, cfg: dict[str, Any]) -> float:
        text = st.text
        if metric == "line_punct_ratio":
            if cfg["stop_any_line"]:
                if line_end_count is not line_end_count_py:
                    ends = line_ends(st, cfg["stop_sorted"])
                else:
                    ends = sum(map(cfg["stop_set"].__contains__, map(_LAST, st.lines)))
                return ends / line_counts(st).n_nonblank
            lines = self._lines(st)
            stop_set = cfg["stop_set"]
            if stop_set is not None:
                return sum(map(stop_set.__contains__, map(_LAST, lines))) / len(lines)
            stop = cfg["stop_chars"]
            return sum(1 for line in lines if line.endswith(stop)) / len(lines)
        if metric == "short_line_ratio":
            lines = self._lines(st)
            limit = cfg["short_line_length"]
            return sum(map(le, map(len, lines), repeat(limit))) / len(lines)
        if metric == "char_dup_ratio":
            chars = len(text) - st.n_newlines
            return line_dups(st).nonblank_dup_chars / chars if chars else 0.0
        if metric == "list_ratio":
            n_tokens = st.n_tokens
            n_newlines = st.n_newlines
            if not n_tokens:
                return float(n_newlines > 0) * 1e9
            return n_newlines / n_tokens
        raise KeyError(metric)

    def measure_all(
        self, st: TextStats, cfg: dict[str, Any], need: frozenset[str]
    ) -> dict[str, float] | None:
        """:meth:`measure` of the line metrics in ``need`` in one call (the same expressions)
        in the usual case (single-character terminals, none of them whitespace, the compiled
        line scan), else None. ``list_ratio`` is left to its rule: it needs the tokens, which a
        document failing a line rule never pays for (this filter runs first)."""
        if not cfg["stop_any_line"] or line_end_count is line_end_count_py:
            return None
        text = st.text
        values: dict[str, float] = {}
        if "line_punct_ratio" in need:
            values["line_punct_ratio"] = (  # the line numbers counted in the same pass
                line_ends(st, cfg["stop_sorted"]) / line_counts(st).n_nonblank
            )
        if "short_line_ratio" in need:
            lines = self._lines(st)
            limit = cfg["short_line_length"]
            values["short_line_ratio"] = sum(map(le, map(len, lines), repeat(limit))) / len(lines)
        if "char_dup_ratio" in need:
            chars = len(text) - st.n_newlines
            values["char_dup_ratio"] = line_dups(st).nonblank_dup_chars / chars if chars else 0.0
        return values
