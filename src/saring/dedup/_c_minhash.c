/* MinHash sketch of one document in one pass (reference and fallback: saring/dedup/minhash.py).
 *
 * sketch(th, pos, a, b) -> (sig: bytes, small: bytes)
 *     th:  the document's token hashes (uint64, native order; any C-contiguous buffer)
 *     pos: the n-gram position weights (uint64[ngram])
 *     a, b: the multiply-shift hash functions (uint64[num_perm] each)
 *   Shingles: for every window of ``ngram`` tokens (one window of all tokens when there are
 *   fewer) the position-weighted sum of the token hashes mod 2^64 through the splitmix64
 *   finaliser, sorted and de-duplicated (``MinHasher.shingles_from_hashes``).
 *   ``sig``: uint32[num_perm], ``min over shingles x of (a[k] * x + b[k]) >> 32`` (mod 2^64
 *   before the shift; all 0xFFFFFFFF without shingles), ``MinHasher.signatures`` of one set.
 *   ``small``: the sorted distinct upper 32 bits of the shingles (uint32), what verification
 *   keeps (``np.unique((shingles >> 32).astype(np.uint32))``).
 *
 * set_avx2(on) -> previous setting: the signature loop has an AVX2 build chosen at import when
 *     the CPU has it (x86-64, GCC/Clang) and a portable one; tests run both.
 *
 * All arithmetic is unsigned 64-bit (wrapping, as numpy's uint64). Sizes are Py_ssize_t, every
 * allocation and Python API result is checked, no buffer is indexed by input values.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t
splitmix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* LSD radix sort of n keys by bytes (8 passes; a pass whose byte is the same in every key is
 * skipped). ``tmp`` holds n keys. Returns where the sorted keys are (keys or tmp). */
static uint64_t *
radix_sort(uint64_t *keys, uint64_t *tmp, Py_ssize_t n)
{
    Py_ssize_t count[256];
    uint64_t *src = keys, *dst = tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        memset(count, 0, sizeof(count));
        for (Py_ssize_t i = 0; i < n; i++)
            count[(src[i] >> shift) & 0xFF]++;
        if (count[(src[0] >> shift) & 0xFF] == n)
            continue; /* every key has this byte: the order stays */
        Py_ssize_t total = 0;
        for (int d = 0; d < 256; d++) {
            Py_ssize_t c = count[d];
            count[d] = total;
            total += c;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    return src;
}

/* sig[k] = min(sig[k], min over the u shingles x of (a[k] * x + b[k]) >> 32), eight permutations
 * at a time (their minima stay in registers; the fixed-count inner loop vectorises at -O2). The
 * same C twice: once compiled for AVX2 where the compiler can (x86-64 GCC/Clang; chosen at run
 * time when the CPU has it: 33 -> 19 us per news document), once for any CPU. Integer
 * arithmetic only, so both give the same bits. */
#define SIG_LOOP_BODY                                                                       \
    Py_ssize_t k0 = 0;                                                                      \
    for (; k0 + 8 <= perms; k0 += 8) { /* 8 minima in registers, a fixed-count inner loop */ \
        uint32_t m[8];                                                                      \
        for (int t = 0; t < 8; t++)                                                         \
            m[t] = sig[k0 + t];                                                             \
        for (Py_ssize_t j = 0; j < u; j++) {                                                \
            uint64_t x = xs[j];                                                             \
            for (int t = 0; t < 8; t++) {                                                   \
                uint32_t v = (uint32_t)((a[k0 + t] * x + b[k0 + t]) >> 32);                 \
                m[t] = v < m[t] ? v : m[t];                                                 \
            }                                                                               \
        }                                                                                   \
        for (int t = 0; t < 8; t++)                                                         \
            sig[k0 + t] = m[t];                                                             \
    }                                                                                       \
    for (Py_ssize_t j = 0; j < u; j++) {                                                    \
        uint64_t x = xs[j];                                                                 \
        for (Py_ssize_t k = k0; k < perms; k++) {                                           \
            uint32_t v = (uint32_t)((a[k] * x + b[k]) >> 32);                               \
            sig[k] = v < sig[k] ? v : sig[k];                                               \
        }                                                                                   \
    }

static void
sig_loop(const uint64_t *xs, Py_ssize_t u, const uint64_t *a, const uint64_t *b, uint32_t *sig,
         Py_ssize_t perms)
{
    SIG_LOOP_BODY
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_PATH 1
__attribute__((target("avx2"))) static void
sig_loop_avx2(const uint64_t *xs, Py_ssize_t u, const uint64_t *a, const uint64_t *b,
              uint32_t *sig, Py_ssize_t perms)
{
    SIG_LOOP_BODY
}
#endif

static int use_avx2 = 0; /* set once at import */

static int
get_u64(PyObject *obj, Py_buffer *view, const char *what)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    if (view->len % 8 != 0) {
        PyErr_Format(PyExc_ValueError, "%s: buffer length %zd is not a multiple of 8", what, view->len);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *
sketch(PyObject *self, PyObject *args)
{
    PyObject *th_o, *pos_o, *a_o, *b_o;
    if (!PyArg_ParseTuple(args, "OOOO", &th_o, &pos_o, &a_o, &b_o))
        return NULL;
    Py_buffer th_v, pos_v, a_v, b_v;
    if (get_u64(th_o, &th_v, "th") < 0)
        return NULL;
    if (get_u64(pos_o, &pos_v, "pos") < 0) {
        PyBuffer_Release(&th_v);
        return NULL;
    }
    if (get_u64(a_o, &a_v, "a") < 0) {
        PyBuffer_Release(&th_v);
        PyBuffer_Release(&pos_v);
        return NULL;
    }
    if (get_u64(b_o, &b_v, "b") < 0) {
        PyBuffer_Release(&th_v);
        PyBuffer_Release(&pos_v);
        PyBuffer_Release(&a_v);
        return NULL;
    }
    PyObject *result = NULL, *sig_b = NULL, *small_b = NULL;
    uint64_t *buf = NULL;
    const uint64_t *th = (const uint64_t *)th_v.buf, *pos = (const uint64_t *)pos_v.buf;
    const uint64_t *a = (const uint64_t *)a_v.buf, *b = (const uint64_t *)b_v.buf;
    Py_ssize_t n_tok = th_v.len / 8, n = pos_v.len / 8, perms = a_v.len / 8;
    if (n < 1 || perms < 1 || b_v.len != a_v.len) {
        PyErr_SetString(PyExc_ValueError, "pos must be non-empty and a, b of one non-zero length");
        goto done;
    }
    sig_b = PyBytes_FromStringAndSize(NULL, perms * 4);
    if (sig_b == NULL)
        goto done;
    uint32_t *sig = (uint32_t *)PyBytes_AS_STRING(sig_b);
    for (Py_ssize_t k = 0; k < perms; k++)
        sig[k] = 0xFFFFFFFFu;
    if (n_tok == 0) {
        small_b = PyBytes_FromStringAndSize(NULL, 0);
        if (small_b != NULL)
            result = PyTuple_Pack(2, sig_b, small_b);
        goto done;
    }
    Py_ssize_t m = n_tok < n ? 1 : n_tok - n + 1;
    buf = PyMem_Malloc((size_t)m * 2 * sizeof(uint64_t)); /* m <= n_tok: th's bytes fit in memory */
    if (buf == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    uint64_t *acc = buf, *tmp = buf + m;
    if (n_tok < n) {
        uint64_t s = 0;
        for (Py_ssize_t k = 0; k < n_tok; k++)
            s += th[k] * pos[k];
        acc[0] = splitmix(s);
    }
    else {
        for (Py_ssize_t j = 0; j < m; j++) {
            uint64_t s = 0;
            for (Py_ssize_t k = 0; k < n; k++)
                s += th[j + k] * pos[k];
            acc[j] = splitmix(s);
        }
    }
    uint64_t *sorted = radix_sort(acc, tmp, m);
    Py_ssize_t u = 1; /* distinct shingles, in place */
    for (Py_ssize_t j = 1; j < m; j++)
        if (sorted[j] != sorted[u - 1])
            sorted[u++] = sorted[j];
#ifdef HAVE_AVX2_PATH
    if (use_avx2)
        sig_loop_avx2(sorted, u, a, b, sig, perms);
    else
#endif
        sig_loop(sorted, u, a, b, sig, perms);
    Py_ssize_t ns = 1; /* distinct upper halves: nondecreasing in sorted order */
    for (Py_ssize_t j = 1; j < u; j++)
        if ((sorted[j] >> 32) != (sorted[ns - 1] >> 32))
            sorted[ns++] = sorted[j];
    small_b = PyBytes_FromStringAndSize(NULL, ns * 4);
    if (small_b == NULL)
        goto done;
    uint32_t *small = (uint32_t *)PyBytes_AS_STRING(small_b);
    for (Py_ssize_t j = 0; j < ns; j++)
        small[j] = (uint32_t)(sorted[j] >> 32);
    result = PyTuple_Pack(2, sig_b, small_b);
done:
    PyMem_Free(buf);
    Py_XDECREF(sig_b);
    Py_XDECREF(small_b);
    PyBuffer_Release(&th_v);
    PyBuffer_Release(&pos_v);
    PyBuffer_Release(&a_v);
    PyBuffer_Release(&b_v);
    return result;
}

static PyObject *
set_avx2(PyObject *self, PyObject *arg)
{
    /* tests: run the portable loop (False) or the AVX2 one where the CPU has it (True) */
    int on = PyObject_IsTrue(arg);
    if (on < 0)
        return NULL;
    int old = use_avx2;
#ifdef HAVE_AVX2_PATH
    use_avx2 = on && __builtin_cpu_supports("avx2");
#else
    use_avx2 = 0;
#endif
    return PyBool_FromLong(old);
}

static PyMethodDef methods[] = {
    {"set_avx2", set_avx2, METH_O, "set_avx2(on) -> previous: choose the signature loop (tests)"},
    {"sketch", sketch, METH_VARARGS,
     "sketch(th, pos, a, b) -> (signature uint32 bytes, sorted distinct upper 32 bits of the shingles)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_minhash", "MinHash sketch of one document (see minhash.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_minhash(void)
{
#ifdef HAVE_AVX2_PATH
    __builtin_cpu_init();
    use_avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
#endif
    return PyModule_Create(&module);
}
