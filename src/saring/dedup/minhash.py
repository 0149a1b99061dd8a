"""MinHash signatures over word n-gram shingles, vectorised with numpy.

Tokens are hashed once each with xxh3-64; n-gram shingle hashes are then position-weighted sums
of token hashes (mod 2^64) put through the splitmix64 finaliser, so shingling is a few numpy
operations per document instead of a string join and a hash call per shingle. Each of the
``num_perm`` hash functions is a multiply-shift ``(a*x + b) >> 32`` (a odd), applied to a whole
batch of documents at once and reduced per document with ``np.minimum.reduceat``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import xxhash

from saring.compiled import load

if TYPE_CHECKING:
    import numpy as np

_C = load("saring.dedup._c_minhash")
_CT = load("saring.dedup._c_tokens")

_M1 = 0xBF58476D1CE4E5B9  # splitmix64 constants, made uint64 where used (numpy is imported lazily)
_M2 = 0x94D049BB133111EB
EMPTY_SIG = 0xFFFFFFFF  # signature of an empty shingle set (uint32 all-ones)
_BATCH_SHINGLES = 1 << 17  # bound the (rows x shingles) temporary to a few MiB


def splitmix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: turns structured sums into well-mixed 64-bit values (uint64 in/out)."""
    import numpy as np

    m1, m2, s27, s30, s31 = (np.uint64(c) for c in (_M1, _M2, 27, 30, 31))
    x = x ^ (x >> s30)
    x = x * m1
    x = x ^ (x >> s27)
    x = x * m2
    return x ^ (x >> s31)


class _TokenHashes(dict):
    """Token -> xxh3-64 cache: word frequencies are Zipfian, so most lookups are C-level hits.

    (A fully vectorised polynomial hash over the UTF-8 bytes was measured at the same speed,
    so the simpler, well-mixed xxh3 per distinct token stays.)
    """

    max_size = 1 << 20

    def __missing__(self, token: str) -> int:
        if len(self) >= self.max_size:
            self.clear()
        h = self[token] = xxhash.xxh3_64_intdigest(token.encode("utf-8"))
        return h


_TOKENS = _TokenHashes()

# inputs of every length class XXH3 treats apart (0, 1-3, 4-8, 9-16, 17-128, 129-240, > 240 bytes)
_XXH3_PROBES = tuple(bytes(range(n % 256)) * (1 + n // 256) for n in (0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 1000))


def _xxh3_address() -> int:
    """Address of ``XXH3_64bits`` in the installed ``xxhash`` package's own extension, when it
    exports it and it gives ``xxhash.xxh3_64_intdigest``'s values on every length class; else 0.
    The token kernel calls that very function, so its hashes are the reference's by design."""
    try:
        import ctypes

        from xxhash import _xxhash

        fn = ctypes.CDLL(_xxhash.__file__).XXH3_64bits
        fn.restype, fn.argtypes = ctypes.c_uint64, (ctypes.c_char_p, ctypes.c_size_t)
        if any(fn(p, len(p)) != xxhash.xxh3_64_intdigest(p) for p in _XXH3_PROBES):
            return 0
        return int(ctypes.cast(fn, ctypes.c_void_p).value or 0)
    except (ImportError, OSError, AttributeError, TypeError):
        return 0


def _token_kernel() -> object | None:
    if _CT is None:
        return None
    _CT.set_xxh3(_xxh3_address())
    return _CT if _CT.token_hashes("a b") is not None else None


_TK = _token_kernel()


def token_hashes(normalized: str) -> np.ndarray:
    """64-bit hashes of the whitespace-separated tokens of normalised text (position free)."""
    import numpy as np
    if _TK is not None and (got := _TK.token_hashes(normalized)) is not None:
        return np.frombuffer(got, dtype=np.uint64)
    return token_hashes_reference(normalized)


def token_hashes_reference(normalized: str) -> np.ndarray:
    """The reference :func:`token_hashes` (xxh3-64 of each token's UTF-8, cached per token)."""
    import numpy as np
    toks = normalized.split()
    return np.fromiter(map(_TOKENS.__getitem__, toks), dtype=np.uint64, count=len(toks))


def _weights(n: int, seed: int) -> np.ndarray:
    import numpy as np
    rng = np.random.default_rng(seed)
    return rng.integers(1, 2**63, size=n, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


class MinHasher:
    """Shingles and signatures with fixed, seed-derived hash functions (same on every worker)."""

    def __init__(self, num_perm: int = 128, ngram: int = 5, seed: int = 42) -> None:
        import numpy as np
        if num_perm < 1 or ngram < 1:
            raise ValueError("num_perm and ngram must be >= 1")
        self.num_perm = num_perm
        self.ngram = ngram
        self.seed = seed
        self._pos = _weights(ngram, seed)
        rng = np.random.default_rng(seed + 1)
        self._a = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)

    def shingles(self, tokens: Sequence[str]) -> np.ndarray:
        """Sorted unique 64-bit hashes of the word n-grams (one shingle if shorter than n)."""
        return self.shingles_from_hashes(token_hashes(" ".join(tokens)))

    def shingles_from_hashes(self, th: np.ndarray) -> np.ndarray:
        """Shingles from per-token hashes (see :func:`token_hashes`)."""
        import numpy as np
        n_tok = len(th)
        if n_tok == 0:
            return np.empty(0, dtype=np.uint64)
        n = self.ngram
        if n_tok < n:
            acc = (th * self._pos[:n_tok]).sum(dtype=np.uint64, keepdims=True)
        else:
            m = n_tok - n + 1
            acc = th[:m] * self._pos[0]
            for k in range(1, n):
                acc += th[k : k + m] * self._pos[k]
        return np.unique(splitmix(acc))

    def sketches(self, token_hash_arrays: Sequence[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Per document (its token hashes, see :func:`token_hashes`): the ``(n, num_perm)``
        signature matrix and the sorted distinct upper 32 bits of its shingles (what
        verification keeps). The compiled kernel does one document in one pass; the reference
        is :meth:`shingles_from_hashes` and a batched :meth:`signatures`."""
        import numpy as np
        if _C is not None:
            pos, a, b = self._pos, self._a, self._b
            out = np.empty((len(token_hash_arrays), self.num_perm), dtype=np.uint32)
            small = []
            for i, th in enumerate(token_hash_arrays):
                sig, top = _C.sketch(np.ascontiguousarray(th, dtype=np.uint64), pos, a, b)
                out[i] = np.frombuffer(sig, dtype=np.uint32)
                small.append(np.frombuffer(top, dtype=np.uint32))
            return out, small
        sets = [self.shingles_from_hashes(th) for th in token_hash_arrays]
        return self.signatures(sets), [np.unique((s >> np.uint64(32)).astype(np.uint32)) for s in sets]

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """``(len(shingle_sets), num_perm)`` uint32 MinHash matrix; empty sets get all-ones rows."""
        import numpy as np
        n_docs = len(shingle_sets)
        out = np.full((n_docs, self.num_perm), EMPTY_SIG, dtype=np.uint32)
        idx = [i for i, s in enumerate(shingle_sets) if len(s)]
        start = 0
        while start < len(idx):
            stop, total = start, 0
            while stop < len(idx) and (stop == start or total + len(shingle_sets[idx[stop]]) <= _BATCH_SHINGLES):
                total += len(shingle_sets[idx[stop]])
                stop += 1
            chunk = idx[start:stop]
            sets = [shingle_sets[i] for i in chunk]
            flat = np.concatenate(sets)
            offsets = np.zeros(len(sets), dtype=np.int64)
            np.cumsum([len(s) for s in sets[:-1]], out=offsets[1:])
            block = max(1, min(self.num_perm, (1 << 21) // max(len(flat), 1)))
            buf = np.empty((block, len(flat)), dtype=np.uint64)
            rows = np.asarray(chunk)
            for k0 in range(0, self.num_perm, block):
                k1 = min(k0 + block, self.num_perm)
                hv = buf[: k1 - k0]
                np.multiply(flat[None, :], self._a[k0:k1, None], out=hv)
                np.add(hv, self._b[k0:k1, None], out=hv)
                np.right_shift(hv, np.uint64(32), out=hv)
                out[rows, k0:k1] = np.minimum.reduceat(hv, offsets, axis=1).T
            start = stop
        return out


def band_hashes(sigs: np.ndarray, bands: int, rows: int, seed: int = 7) -> np.ndarray:
    """``(n, bands)`` uint64 keys: one hash per band of ``rows`` signature values (band-salted)."""
    import numpy as np
    if bands * rows > sigs.shape[1]:
        raise ValueError(f"bands*rows={bands * rows} exceeds signature length {sigs.shape[1]}")
    n = sigs.shape[0]
    w = _weights(rows, seed)
    cube = sigs[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    acc = (cube * w[None, None, :]).sum(axis=2, dtype=np.uint64)
    acc += np.arange(1, bands + 1, dtype=np.uint64)[None, :] * np.uint64(0x9E3779B97F4A7C15)
    return splitmix(acc)


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Fraction of agreeing MinHash values: an unbiased estimate of the Jaccard similarity."""
    import numpy as np
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


def exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard of two sorted unique hash arrays."""
    import numpy as np
    if len(a) == 0 and len(b) == 0:
        return 1.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)
