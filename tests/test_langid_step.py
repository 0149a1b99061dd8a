"""The langid step: annotations, verdicts, mixed-language policies, score-only, offline model."""

from __future__ import annotations

import pickle
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langid_paths import langid_path  # noqa: F401 - the fixture

from saring.document import Document
from saring.langid.step import LanguageID
from saring.pipeline import Pipeline
from saring.step import StepStats, run_steps

pytestmark = pytest.mark.usefixtures("langid_path")

ID_PARAS = [
    "Pemerintah kabupaten akan membangun jembatan baru karena jalan lama sudah rusak parah.",
    "Kepala desa mengatakan bahwa warga bisa memakai jembatan itu mulai bulan Agustus nanti.",
    "Menurut dia, anggaran pembangunan berasal dari dana desa dan bantuan pemerintah provinsi.",
]
EN_PARA = (
    "The project was announced last week and the officials said that it would be finished "
    "before the end of the year, but they did not give any details about the cost."
)
MS_DOC = "\n".join([
    "Kerajaan negeri akan membina jambatan baharu kerana jalan lama sudah rosak teruk.",
    "Ketua kampung berkata bahawa penduduk boleh menggunakan jambatan itu mulai bulan Ogos.",
    "Menurut beliau, peruntukan pembinaan datang daripada kerajaan persekutuan tahun lepas.",
])
JV_DOC = (
    "Aku lan kanca-kancaku arep lunga menyang pasar esuk iki amarga ibu ora bisa teka.\n"
    "Sawise iku awake dhewe bali menyang omah lan mangan bareng karo bapak."
)


def doc(text: str) -> Document:
    return Document("t", text)


@pytest.fixture(scope="module")
def step(langid_path: str) -> LanguageID:  # noqa: F811 - the path fixture
    s = LanguageID()
    s.ensure_setup()
    return s


def test_indonesian_document_is_kept_and_annotated(step: LanguageID) -> None:
    d = doc("\n".join(ID_PARAS))
    assert step.process(d) is None
    a = d.annotations["langid"]
    assert a["lang"] == "id" and a["score"] >= 0.5
    assert d.metadata["lang_detected"] == "id"
    assert a["first_stage"]["lang"] in ("id", "ms")
    assert 0.0 <= a["first_stage"]["score"] <= 1.0
    assert a["paragraphs"] == [[0, len(d.text), "id", a["paragraphs"][0][3]]]
    assert a["foreign_ratio"] == 0.0
    assert not d.flags


def test_malay_document_is_rejected_with_reason(step: LanguageID) -> None:
    d = doc(MS_DOC)
    verdict = step.process(d)
    assert verdict is not None
    assert verdict.reason == "lang_not_kept" and verdict.value == "ms"
    assert verdict.threshold == ["id"]


def test_keep_langs_can_keep_malay() -> None:
    s = LanguageID(keep_langs=["id", "ms"])
    assert s.process(doc(MS_DOC)) is None


def test_javanese_is_not_swallowed_by_indonesian(step: LanguageID) -> None:
    d = doc(JV_DOC)
    verdict = step.process(d)
    assert d.annotations["langid"]["lang"] == "jv"
    assert verdict is not None and verdict.value == "jv"


def test_min_score_rejects_thin_evidence() -> None:
    # one function word alone keeps the raw (cautious) confidence and is rejected by default
    v = LanguageID().process(doc("yang"))
    assert v is not None and v.reason in ("lang_score_low", "lang_not_kept")
    # three words are calibrated (3-5-token texts: 92% right on the tune half): kept by default,
    # rejected by a stricter threshold than their calibrated confidence
    assert LanguageID().process(doc("Yang penting sehat.")) is None
    v = LanguageID(min_score=0.97).process(doc("Yang penting sehat."))
    assert v is not None and v.reason == "lang_score_low"


def test_score_only_keeps_and_records_would_reject() -> None:
    s = LanguageID(score_only=True)
    stats: dict[str, StepStats] = {}
    out = list(run_steps([s], [doc(MS_DOC)], stats))
    assert out[0].status == "kept"
    assert out[0].annotations["langid"]["would_reject"] == "lang_not_kept"
    assert stats["langid"].would_reject["lang_not_kept"] == 1


def mixed_text() -> str:
    return "\n".join([ID_PARAS[0], ID_PARAS[1], EN_PARA, ID_PARAS[2]])


def test_tag_policy_marks_foreign_paragraph_without_editing(step: LanguageID) -> None:
    d = doc(mixed_text())
    assert step.process(d) is None
    a = d.annotations["langid"]
    assert a["lang"] == "id"
    langs = [r[2] for r in a["paragraphs"]]
    assert langs == ["id", "en", "id"]
    en_run = a["paragraphs"][1]
    assert d.text[en_run[0]:en_run[1]] == EN_PARA
    assert 0.2 < a["foreign_ratio"] < 0.6
    assert d.text == mixed_text() and not d.edits
    assert d.flags and d.flags[0]["kind"] == "foreign_paragraphs" and d.flags[0]["count"] == 1


def test_drop_paragraphs_policy_edits_and_can_be_undone() -> None:
    s = LanguageID(mixed_policy="drop_paragraphs")
    d = doc(mixed_text())
    assert s.process(d) is None
    assert EN_PARA not in d.text
    assert d.text == "\n".join([ID_PARAS[0], ID_PARAS[1], ID_PARAS[2]])
    assert [e.kind for e in d.edits] == ["langid:foreign_paragraph"]
    assert d.edits[0].before == EN_PARA + "\n"
    assert d.annotations["langid"]["dropped_paragraphs"] == 1
    assert d.original_text() == mixed_text()


def test_drop_paragraphs_at_end_of_text() -> None:
    s = LanguageID(mixed_policy="drop_paragraphs")
    d = doc("\n".join([*ID_PARAS, EN_PARA]))
    s.process(d)
    assert d.text == "\n".join(ID_PARAS) + "\n"
    assert d.original_text() == "\n".join([*ID_PARAS, EN_PARA])


def test_drop_paragraphs_in_score_only_mode_does_not_edit() -> None:
    s = LanguageID(mixed_policy="drop_paragraphs", score_only=True)
    d = doc(mixed_text())
    s.process(d)
    assert d.text == mixed_text() and not d.edits


def test_drop_document_policy_rejects_mixed() -> None:
    s = LanguageID(mixed_policy="drop_document")
    v = s.process(doc(mixed_text()))
    assert v is not None and v.reason == "mixed_language"
    assert v.value > 0.2 and v.threshold == 0.0
    assert s.process(doc("\n".join(ID_PARAS))) is None
    tolerant = LanguageID(mixed_policy="drop_document", max_foreign_ratio=0.6)
    assert tolerant.process(doc(mixed_text())) is None


def test_empty_and_symbol_only_documents_do_not_crash(step: LanguageID) -> None:
    for text in ("", "   \n\n  ", "12345 67890 !!!", "🙂🙂🙂"):
        d = doc(text)
        v = step.process(d)
        assert v is not None and v.reason == "lang_not_kept"
        assert d.annotations["langid"]["paragraphs"] == [] or text.strip()


def test_all_caps_indonesian(step: LanguageID) -> None:
    d = doc("\n".join(p.upper() for p in ID_PARAS))
    assert step.process(d) is None
    assert d.annotations["langid"]["lang"] == "id"


def test_heading_without_function_words_gets_a_language(step: LanguageID) -> None:
    # A Malay-style headline with no function words: settled by the id/ms word weights.
    d = doc("Harga Baharu Motosikal Elektrik Tempatan Diumumkan Minggu Lepas Di Kuala Lumpur")
    step.process(d)
    assert d.annotations["langid"]["lang"] == "ms"


def test_model_policy_fallback_skips_the_model_when_lexicon_is_sure() -> None:
    s = LanguageID(model_policy="fallback")
    d = doc("\n".join(ID_PARAS))
    assert s.process(d) is None
    assert d.annotations["langid"]["first_stage"] is None
    d2 = doc("Bonjour à tous, nous sommes très heureux de vous accueillir aujourd'hui à Paris.")
    s.process(d2)
    assert d2.annotations["langid"]["first_stage"]["lang"] == "fr"
    assert d2.annotations["langid"]["lang"] == "fr"


def test_bad_parameters_fail_fast() -> None:
    with pytest.raises(ValueError):
        LanguageID(mixed_policy="remove")
    with pytest.raises(ValueError):
        LanguageID(model_policy="never")
    with pytest.raises(ValueError):
        LanguageID(sample_chars=10)


def test_step_pickles_without_its_model(step: LanguageID) -> None:
    clone = pickle.loads(pickle.dumps(step))
    assert clone._detector is None and clone._lex is None
    d = doc("\n".join(ID_PARAS))
    assert clone.process(d) is None
    assert d.annotations["langid"]["lang"] == "id"


def test_built_from_config_with_params() -> None:
    p = Pipeline.from_config(
        {"steps": [{"langid": {"keep_langs": ["id", "jv"], "mixed_policy": "drop_paragraphs"}}]}
    )
    s = p.steps[0]
    assert isinstance(s, LanguageID)
    assert s.params()["keep_langs"] == ["id", "jv"]
    out = list(p.process([doc(JV_DOC), doc(MS_DOC)]))
    assert [o.status for o in out] == ["kept", "rejected"]


def test_model_loads_and_runs_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("langid tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    s = LanguageID()
    s.ensure_setup()
    d = doc(EN_PARA)
    s.process(d)
    assert d.annotations["langid"]["lang"] == "en"
    assert d.annotations["langid"]["first_stage"]["lang"] == "en"


def test_first_stage_is_not_truncated(step: LanguageID) -> None:
    """The library's default 80-char truncation is off: a long paragraph's tail is read."""
    long_text = ("Jakarta " * 20) + " ".join([EN_PARA] * 3)
    lang, _ = step.first_stage(long_text)
    assert lang == "en"


STRONG_MS = (
    "Kerajaan negeri berkata bahawa kenderaan yang terlibat dalam kemalangan itu dibawa ke "
    "hospital kerana pemandu cedera selepas pelanggaran, dan polis sedang menyiasat kes tersebut."
)
MILD_MS = "Para pedagang di kampung itu membeli beruk dan kelapa dari penduduk negeri seberang."


def test_weakly_malay_paragraph_in_indonesian_document_stays_indonesian(step: LanguageID) -> None:
    assert step._lex is not None and step._lex.classify(MILD_MS).lang == "ms"  # alone: ms
    d = doc("\n".join([ID_PARAS[0], MILD_MS, ID_PARAS[1]]))
    assert step.process(d) is None
    assert [r[2] for r in d.annotations["langid"]["paragraphs"]] == ["id"]


def test_strongly_malay_paragraph_in_indonesian_document_is_foreign() -> None:
    s = LanguageID(mixed_policy="drop_paragraphs")
    d = doc("\n".join([ID_PARAS[0], ID_PARAS[1], STRONG_MS, ID_PARAS[2]]))
    assert s.process(d) is None
    assert STRONG_MS not in d.text
    assert [e.kind for e in d.edits] == ["langid:foreign_paragraph"]
    keep_both = LanguageID(keep_langs=["id", "ms"], mixed_policy="drop_paragraphs")
    d2 = doc("\n".join([ID_PARAS[0], ID_PARAS[1], STRONG_MS, ID_PARAS[2]]))
    keep_both.process(d2)
    assert not d2.edits
    assert [r[2] for r in d2.annotations["langid"]["paragraphs"]] == ["id", "ms", "id"]


def test_model_calls_per_document_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of many function-word-free lines (a product list) cannot run the model per line."""
    s = LanguageID(max_paragraph_model_calls=5)
    s.ensure_setup()
    calls = []
    real = s.first_stage

    def counting(text: str) -> tuple[str, float]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(s, "first_stage", counting)
    lines = [f"Sepatu Lari Pria Model {i} Warna Hitam Ukuran Besar" for i in range(200)]
    t = "\n".join([*ID_PARAS, *lines])
    d = doc(t)
    s.process(d)
    assert len(calls) == 5 + 1  # five paragraphs, one document sample
    assert d.annotations["langid"]["lang"] == "id"


def test_huge_single_line_and_many_blank_lines_are_fast(step: LanguageID) -> None:
    import time

    big = " ".join(ID_PARAS) * 3000  # ~800k chars on one line
    many = "\n" * 200_000 + ID_PARAS[0]
    t0 = time.process_time()  # CPU time: a loaded machine must not fail a linearity guard
    for text in (big, many):
        d = doc(text)
        step.process(d)
        assert d.annotations["langid"]["lang"] == "id"
    assert time.process_time() - t0 < 5.0


def _page(rng_seed: int) -> str:
    """One distinct non-Latin character per line (CJK, emoji, rare scripts, lone surrogates),
    with a few Indonesian, English and heading lines among them."""
    import random

    rng = random.Random(rng_seed)
    blocks = [(0x4E00, 0x9FFF), (0x1F600, 0x1F64F), (0x1200, 0x137C), (0xD800, 0xDFFF),
              (0xAC00, 0xD7A3)]
    lines = []
    for _ in range(400):
        lo, hi = rng.choice(blocks)
        lines.append(chr(rng.randint(lo, hi)))
    for para in [*ID_PARAS, EN_PARA, "Harga Beras Naik Lagi Menjelang Lebaran Tahun Ini"]:
        lines.insert(rng.randrange(len(lines)), para)
    return "\n".join(lines)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tokenless_line_pages_same_result_as_full_path(
    step: LanguageID, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut for lines without tokens changes nothing: the whole annotation, flags and
    decision equal those of scoring every line; lone surrogates do not make fastText raise."""
    from saring.langid import lexicon as lx

    text = _page(seed)
    assert any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    fast = doc(text)
    fast_verdict = step.process(fast)
    monkeypatch.setattr(lx, "_worded_rows", lambda lowered, joined: None)
    slow = doc(text)
    slow_verdict = step.process(slow)
    assert fast.annotations == slow.annotations
    assert fast.flags == slow.flags and fast_verdict == slow_verdict
    runs = fast.annotations["langid"]["paragraphs"]
    assert any(r[2] == "id" for r in runs) and any(r[2] == "en" for r in runs)


def test_lone_surrogates_do_not_raise(step: LanguageID) -> None:
    """A text of lone surrogates (a JSON "\\ud800" escape) is read, not raised on: fastText gets
    U+FFFD in their place; the document text is unchanged."""
    text = "\n".join(chr(c) for c in range(0xD800, 0xD800 + 300)) + "\nhalo \udc80 dunia"
    d = doc(text)
    step.process(d)
    assert d.text == text
    assert d.annotations["langid"]["first_stage"]["lang"] != ""
    assert step.first_stage("rumah \ud800 sakit") == step.first_stage("rumah \ufffd sakit")


_RUN_LINES = [*ID_PARAS, EN_PARA, "yang", "dan", "teu", "ora", "the", "中", "😀", "qzx vbn",
              "Harga Beras Naik Lagi Menjelang Lebaran Tahun Ini"]
_PADS = ["", " ", "\t", "  \u3000", "\u00a0", "\r"]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line without its surrounding whitespace, by a plain loop."""
    spans, pos = [], 0
    for seg in text.split("\n"):
        body = seg.strip()
        if body:
            start = pos + len(seg) - len(seg.lstrip())
            spans.append((start, start + len(body)))
        pos += len(seg) + 1
    return spans


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PADS), st.sampled_from(_RUN_LINES + [""]),
                          st.sampled_from(_PADS)), min_size=1, max_size=90))
def test_runs_tile_the_paragraphs_in_order(step: LanguageID, lines) -> None:
    """The runs' offsets are paragraph boundaries (lines without their whitespace, indented or
    not, blank lines skipped), consecutive runs cover consecutive paragraphs, and a run's lang
    differs from the next run's."""
    text = "\n".join(a + body + b for a, body, b in lines)
    d = doc(text)
    step.process(d)
    runs = d.annotations["langid"]["paragraphs"]
    spans = _paragraph_spans(text)
    if not spans:
        assert runs == []
        return
    first = {s: i for i, (s, _) in enumerate(spans)}
    last = {e: i for i, (_, e) in enumerate(spans)}
    nxt = 0
    for k, (s, e, lang, score) in enumerate(runs):
        assert first[s] == nxt and last[e] >= nxt
        nxt = last[e] + 1
        assert 0.0 <= score <= 1.0 and round(score, 3) == score
        if k:
            assert runs[k - 1][2] != lang
    assert nxt == len(spans)


_PARAS = st.tuples(st.sampled_from(_PADS), st.sampled_from(["id", "ms", "en", "und"]),
                  st.floats(0.0, 1.0), st.sampled_from(_PADS))


@settings(max_examples=50, deadline=None)
@given(st.lists(_PARAS, min_size=1, max_size=40))
def test_runs_equal_a_plain_grouping(step: LanguageID, paras) -> None:
    """``_Scan.runs`` on given labels and scores equals grouping the paragraphs one by one:
    first start, last end, label, rounded minimum score."""
    _check_runs(step, paras)


@settings(max_examples=50, deadline=None)
@given(st.lists(_PARAS, min_size=64, max_size=150))
def test_runs_of_many_paragraphs_equal_a_plain_grouping(step: LanguageID, paras) -> None:
    """The same on pages of many paragraphs (the C-level path)."""
    _check_runs(step, paras)


def _check_runs(step: LanguageID, paras) -> None:
    from itertools import groupby

    text = "\n\n".join(a + f"kata {k}" + b for k, (a, _, _, b) in enumerate(paras))
    scan = step._scan(text)
    scan.scores = [s for _, _, s, _ in paras]
    langs = [lang for _, lang, _, _ in paras]
    spans = _paragraph_spans(text)
    want = []
    for lang, grp in groupby(range(len(langs)), key=langs.__getitem__):
        rows = list(grp)
        want.append([spans[rows[0]][0], spans[rows[-1]][1], lang,
                     round(min(scan.scores[i] for i in rows), 3)])
    assert scan.runs(langs) == want
