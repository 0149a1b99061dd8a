"""C4 line rules (Raffel et al. 2020; datatrove ``C4QualityFilter`` semantics) as edits + a verdict.

Line rules *drop lines*: each dropped line is an edit of kind ``c4:<rule>`` (so it can be
explained and undone), citation markers like ``[1]`` are removed as ``c4:citation`` edits. The
document-level rules reject: "lorem ipsum" or a curly bracket anywhere in a kept line, or fewer
than ``min_num_sentences`` sentences left. In ``score_only`` mode nothing is edited; the lines that
would be dropped are counted per rule.

FineWeb-2 switched C4 off for non-English data (it drops too much); it is here for sources where
pruning menu/cookie/JS lines is wanted. Policy phrases include Indonesian/Malay equivalents.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from saring.document import Document, Replacement
from saring.quality.base import ProfiledFilter, Rule
from saring.quality.textstats import TextStats
from saring.step import Reject

CITATION_RE = re.compile(r"\[\d{0,6}\]|\[edit\]|\[citation needed\]")
# Sentence ends inside a kept line: terminal marks followed by space/closing quote or line end.
_SENT_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]{0,3}(?=\s|$)")
END_PUNCTUATION = (".", "?", "!", '"', "'", "”", "’")
_LINE_RE = re.compile(r"[^\n]*\n?")


def count_sentences(line: str) -> int:
    """Sentences in one line: terminal marks, plus a trailing unterminated piece (>= 1)."""
    ends = list(_SENT_END_RE.finditer(line))
    n = len(ends)
    if not ends or line[ends[-1].end() :].strip():
        n += 1
    return n


class C4Lines(ProfiledFilter):
    """Drop lines failing C4's rules (edits), reject documents failing its document rules."""

    name = "c4"
    section = "c4"

    def prepare(self, cfg: dict[str, Any]) -> dict[str, Any]:
        cfg = dict(cfg)
        cfg["policy"] = tuple(p.lower() for p in cfg.get("policy_substrings") or ())
        return cfg

    def build_rules(self, cfg: dict[str, Any]) -> list[Rule]:
        return []  # C4 decides line by line in ``scan``

    def measure(self, metric: str, st: TextStats, cfg: dict[str, Any]) -> float:
        raise KeyError(metric)

    def line_verdict(self, line: str, cfg: dict[str, Any]) -> tuple[str | None, str]:
        """(drop rule or None, the line as C4 sees it after citation removal)."""
        stripped = line.strip()
        words = stripped.split()
        max_len = cfg["max_word_length"]
        if max_len not in (None, -1) and any(len(w) > max_len for w in words):
            return "too_long_word", stripped
        if cfg["remove_citations"]:
            stripped = CITATION_RE.sub("", stripped)
        if cfg["filter_no_terminal_punct"] and (
            not stripped.endswith(END_PUNCTUATION) or stripped.endswith("...")
        ):
            return "no_terminal_punct", stripped
        if len(words) < (cfg["min_words_per_line"] or 0):
            return "too_few_words", stripped
        low = stripped.lower()
        if cfg["filter_lorem_ipsum"] and "lorem ipsum" in low:
            return "doc:lorem_ipsum", stripped
        if cfg["filter_javascript"] and "javascript" in low:
            return "javascript", stripped
        if cfg["filter_curly_bracket"] and "{" in stripped:
            return "doc:curly_bracket", stripped
        if cfg["filter_policy"] and any(p in low for p in cfg["policy"]):
            return "policy", stripped
        return None, stripped

    def scan(
        self, text: str, cfg: dict[str, Any]
    ) -> tuple[list[Replacement], Counter, int, Reject | None]:
        """Walk lines once: replacements to make, drops per rule, sentences kept, doc verdict."""
        reps: list[Replacement] = []
        drops: Counter = Counter()
        sentences = 0
        pos = 0
        for m in _LINE_RE.finditer(text):
            raw = m.group()
            if not raw:
                break
            start, end = pos, pos + len(raw)
            pos = end
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            rule, seen = self.line_verdict(line, cfg)
            if rule is not None and rule.startswith("doc:"):
                reason = rule[4:]
                return reps, drops, sentences, Reject(f"c4_{reason}", 1, 0)
            if rule is not None:
                drops[rule] += 1
                reps.append(Replacement(start, end, "", f"c4:{rule}"))
                continue
            if cfg["remove_citations"]:
                for c in CITATION_RE.finditer(line):
                    reps.append(Replacement(start + c.start(), start + c.end(), "", "c4:citation"))
            sentences += count_sentences(seen)
        min_sent = cfg["min_num_sentences"]
        verdict = None
        if min_sent not in (None, -1) and sentences < min_sent:
            verdict = Reject("c4_too_few_sentences", sentences, min_sent)
        return reps, drops, sentences, verdict

    def process(self, doc: Document) -> Reject | None:
        lang = self.lang_of(doc)
        reps, drops, sentences, verdict = self.scan(doc.text, self._settings[lang])
        scores: dict[str, Any] = {"profile": lang, "sentences": sentences}
        scores.update({f"lines_dropped_{k}": v for k, v in drops.items()})
        if verdict is None and not self.score_only:
            doc.apply(self.label, reps)
        doc.annotate(self.label, **scores)
        return verdict

    def score(self, doc: Document) -> dict[str, Any]:
        lang = self.lang_of(doc)
        _, drops, sentences, verdict = self.scan(doc.text, self._settings[lang])
        scores: dict[str, Any] = {"profile": lang, "sentences": sentences}
        scores.update({f"lines_dropped_{k}": v for k, v in drops.items()})
        if verdict is not None:
            scores["verdict"] = verdict.reason
        return scores

    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        reason = scores.get("verdict")
        if reason == "c4_too_few_sentences":
            lang = scores.get("profile") or self.lang_of(doc)
            return Reject(reason, scores["sentences"], self._settings[lang]["min_num_sentences"])
        return Reject(reason, 1, 0) if reason else None
