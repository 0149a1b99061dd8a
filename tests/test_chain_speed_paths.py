"""Session-5 speed paths of the per-document chain give what the plain code gives.

PII: the obfuscated-``at`` gate tried at each opener equals the whole-text regex scan; the
memo of metadata detector results gives the same documents as no memo and is never sent with
the step. Spam: the brand hints left after dropping implied ones answer like all of them.
URL / glue: their data is loaded at set-up, not by the first document.
"""

from __future__ import annotations

import copy

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from saring.document import Document
from saring.pii.detect import _FEW_OPENERS, _GATE_OBFUSCATED_AT, _has_obfuscated_at
from saring.pii.step import PII
from saring.quality.profiles import DATA_DIR
from saring.quality.spam import load_patterns

_OPENER_TEXT = st.text(st.sampled_from(list("([])aAtT x.@\n\u00a0")), max_size=60)


@settings(max_examples=400, deadline=None)
@given(text=_OPENER_TEXT, many=st.booleans())
def test_obfuscated_at_gate_equals_the_regex_scan(text: str, many: bool) -> None:
    if many:  # past the threshold the scan itself runs: both branches are checked
        text = "(" * (_FEW_OPENERS + 1) + text
    assert _has_obfuscated_at(text) == (_GATE_OBFUSCATED_AT.search(text) is not None)


def test_obfuscated_at_gate_finds_a_late_spelling_among_openers() -> None:
    text = "Harga (Rp) naik [1] (lihat) " * 3 + "kontak: budi [at] contoh.com"
    assert _has_obfuscated_at(text)
    assert not _has_obfuscated_at(text.replace("[at]", "[et]"))
    for spelling in ("(at)", "( at )", "[ AT]", "(At )", "[at]"):  # each head of the needle gate
        assert _has_obfuscated_at(f"budi{spelling}contoh.com")
        assert _has_obfuscated_at("(" * (_FEW_OPENERS + 1) + f"budi{spelling}contoh.com")
    assert not _has_obfuscated_at("budi(aT)contoh.com (a t) [ at  ]")


_FIELD_VALUES = ["Telp. 0812-3456-7890", "budi@contoh.co.id", "liputan6.com", "2025-06-18",
                 "NIK 3171234567890001", "sumber/berkas_2025.csv", "(at) ujang [at] mail.id"]


def _docs(n: int) -> list[Document]:
    out = []
    for i in range(n):
        meta = {"phone": _FIELD_VALUES[i % 3], "source": _FIELD_VALUES[3 + i % 4],
                "author": {"email": _FIELD_VALUES[i % 2 + 1]}, "url": "https://a.id/x"}
        out.append(Document(f"d{i}", f"Hubungi 0813-1111-{2000 + i % 5} atau x{i}@y.id.", meta))
    return out


def test_metadata_memo_changes_no_document_and_is_not_sent() -> None:
    docs = _docs(24)
    remembered = PII(keep_original=False)
    fresh_each = copy.deepcopy(docs)
    for d in docs:
        remembered.process(d)
    for d in fresh_each:
        PII(keep_original=False).process(d)  # a new step per document: nothing remembered
    assert [d.to_dict() for d in docs] == [d.to_dict() for d in fresh_each]
    assert any(e.field for d in docs for e in d.edits)  # metadata really was redacted
    assert remembered._chosen_memo  # ... through the memo
    assert remembered.__getstate__()["_chosen_memo"] == {}


_ALL_HINTS = [str(x) for k in ("brand_suffixes", "brand_prefixes")
              for x in yaml.safe_load((DATA_DIR / "spam_patterns.yaml").read_text("utf-8"))[k]]


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(sorted(set("".join(_ALL_HINTS)) | {" "})), max_size=12))
def test_spam_hints_left_answer_like_all_hints(text: str) -> None:
    hints = load_patterns()[3]
    assert set(hints) <= set(_ALL_HINTS)
    assert any(h in text for h in hints) == any(h in text for h in _ALL_HINTS)


def test_url_and_glue_load_their_data_at_setup(monkeypatch) -> None:
    import wordfreq

    from saring.boilerplate.step import Boilerplate
    from saring.url.domains import _name_and_suffix, _suffix_trie
    from saring.url.step import URLFilter

    _suffix_trie.cache_clear()
    _name_and_suffix.cache_clear()
    URLFilter().ensure_setup()
    assert _suffix_trie.cache_info().currsize == 1  # the suffix trie is built
    asked: list[str] = []
    real = wordfreq.zipf_frequency

    def recording(word: str, lang: str, *args, **kw) -> float:
        asked.append(lang)
        return real(word, lang, *args, **kw)

    monkeypatch.setattr(wordfreq, "zipf_frequency", recording)
    Boilerplate().ensure_setup()
    assert {"id", "en"} <= set(asked)  # both lists the glue check reads, before any document


_BRAND_ALPHABET = sorted(set("".join(_ALL_HINTS)) | set("abz._- \n0129é٣") | {"\u00b2", "\u2167"})


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(_ALL_HINTS), st.text(st.sampled_from(_BRAND_ALPHABET), max_size=6)),
                     max_size=12).map("".join))
def test_brand_counter_counts_like_the_brand_regex(text: str) -> None:
    """Counting the runs around hints gives ``len(brand_re.findall(low))`` (words of letters,
    digits incl. non-ASCII ones, runs longer than any brand, dots before a run)."""
    from saring.quality.spam import brand_counter

    brand, _wa, _words, hints = load_patterns()
    low = text.lower()
    present = tuple(h for h in hints if h in low)
    counter = brand_counter()
    assert counter.inner is not None  # the data file's shapes are words only: the fast path
    assert counter.count(low, present) == len(brand.findall(low))


def test_brand_counter_edges() -> None:
    from saring.quality.spam import brand_counter

    brand, _wa, _words, hints = load_patterns()
    counter = brand_counter()
    for low in ("slot88", ".slot88", "x.slot88", "a" * 15 + "88", "a" * 16 + "88", "a" * 15 + "777", "a" * 16 + "777", "zeus138 hoki4d",
                "slot88slot88", "togel1234", "togel12345", "_slot88", "slot88_", "é" * 3 + "88",
                "abc88 " * 50, "8" * 1000, ("a" * 30 + "88 ") * 30, "judi99 judi", "ab\u00b277"):
        present = tuple(h for h in hints if h in low)
        assert counter.count(low, present) == len(brand.findall(low)), low
