/* Hash normalisation of text whose result is ASCII, in one pass (reference and fallback:
 * saring/dedup/normalize.py ``normalize_for_hash``: ``text.lower().translate(_TABLE)`` when that
 * is ASCII, else the NFKD path).
 *
 * set_tables(ascii, other) -> None
 *     ``ascii``: a tuple of 128 str, ``chr(c).lower().translate(_TABLE)`` for every ASCII code
 *     point c; ``other``: a dict {code point: str} of the same for the non-ASCII code points
 *     whose result is ASCII (normalize.py builds both from the reference itself). Every value
 *     must be an ASCII str; anything else is refused (TypeError/ValueError) and nothing is set.
 * fold(text) -> str | None
 *     The concatenated per-character results: equal to ``text.lower().translate(_TABLE)``,
 *     because ``str.lower`` and ``str.translate`` both act character by character (the one
 *     context-dependent lowering, the final sigma, is non-ASCII and so never in ``other``).
 *     None when a code point has no entry (its result is not ASCII, or it lies outside the
 *     table: the caller runs the reference) or when no tables are set.
 *
 * numbers(text) -> bytes
 *     The figures of ``text`` (maximal runs ``[0-9]+([.,][0-9]+)*``, ASCII digits only) as
 *     native-endian uint32 FNV-1a hashes of their characters, in text order (reference:
 *     normalize.py ``number_hashes_reference``). Hashing folds every digit to 0, so these keep
 *     what folding drops: two daily reports of one template differ only here.
 *
 * facts(text, head) -> bytes
 *     The same figures in text order as uint32 hashes for template checks (reference:
 *     normalize.py ``fact_hashes_reference``): trailing "000" groups are not hashed ("64.000"
 *     hashes as "64", so "Rp64 ribu" agrees with "Rp64.000"), bit 31 is the FNV-1a hash's and
 *     is replaced by a flag: set when the figure starts fewer than ``head`` characters after its
 *     line's start (a dateline, an "updated" line, a counter) or sits in a link (``in_link``);
 *     each figure is followed by its slot (``slot_of``): two uint32 per figure.
 *
 * Sizes are Py_ssize_t, the output buffer grows by checked doubling, every Python API result is
 * checked, and no buffer is indexed by input values except the 128-entry ASCII table (c < 128).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static PyObject *ASCII_OUT[128];  /* owned references to ASCII str, or NULL */
static PyObject *OTHER = NULL;    /* owned dict {int: ASCII str} */
static int ONE_TO_ONE = 0;        /* every ASCII entry is exactly one character */
static char ASCII_CHAR[128];      /* the one character when ONE_TO_ONE */

static void
clear_tables(void)
{
    for (int i = 0; i < 128; i++)
        Py_CLEAR(ASCII_OUT[i]);
    Py_CLEAR(OTHER);
    ONE_TO_ONE = 0;
}

static PyObject *
set_tables(PyObject *self, PyObject *args)
{
    PyObject *ascii, *other;
    if (!PyArg_ParseTuple(args, "O!O!", &PyTuple_Type, &ascii, &PyDict_Type, &other))
        return NULL;
    if (PyTuple_GET_SIZE(ascii) != 128) {
        PyErr_SetString(PyExc_ValueError, "set_tables: ascii must hold 128 str");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < 128; i++) {
        PyObject *v = PyTuple_GET_ITEM(ascii, i);
        if (!PyUnicode_Check(v) || !PyUnicode_IS_ASCII(v)) {
            PyErr_SetString(PyExc_TypeError, "set_tables: every ascii entry must be an ASCII str");
            return NULL;
        }
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(other, &pos, &k, &v)) {
        if (!PyLong_CheckExact(k) || !PyUnicode_Check(v) || !PyUnicode_IS_ASCII(v)) {
            PyErr_SetString(PyExc_TypeError, "set_tables: other must map int to ASCII str");
            return NULL;
        }
    }
    clear_tables();
    int one = 1;
    for (Py_ssize_t i = 0; i < 128; i++) {
        PyObject *v2 = PyTuple_GET_ITEM(ascii, i);
        Py_INCREF(v2);
        ASCII_OUT[i] = v2;
        if (PyUnicode_GET_LENGTH(v2) == 1)
            ASCII_CHAR[i] = (char)PyUnicode_1BYTE_DATA(v2)[0];
        else
            one = 0;
    }
    ONE_TO_ONE = one;
    Py_INCREF(other);
    OTHER = other;
    Py_RETURN_NONE;
}

typedef struct {
    char *buf;
    Py_ssize_t len, cap;
} Out;

static int
out_put(Out *o, const char *s, Py_ssize_t n)
{
    if (n > PY_SSIZE_T_MAX - o->len) {
        PyErr_NoMemory();
        return -1;
    }
    if (o->len + n > o->cap) {
        Py_ssize_t cap = o->cap;
        while (cap < o->len + n) {
            if (cap > PY_SSIZE_T_MAX / 2) {
                cap = o->len + n;
                break;
            }
            cap *= 2;
        }
        char *nb = PyMem_Realloc(o->buf, (size_t)cap);
        if (nb == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        o->buf = nb;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, (size_t)n);
    o->len += n;
    return 0;
}

/* The ASCII result of one code point into ``o``: 0, -1 on error, 1 when it has none. */
static int
put_cp(Out *o, Py_UCS4 c)
{
    PyObject *v;
    if (c < 128) {
        v = ASCII_OUT[c];
    } else {
        PyObject *key = PyLong_FromUnsignedLong((unsigned long)c);
        if (key == NULL)
            return -1;
        v = PyDict_GetItemWithError(OTHER, key);  /* borrowed */
        Py_DECREF(key);
        if (v == NULL)
            return PyErr_Occurred() ? -1 : 1;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(v);
    return out_put(o, (const char *)PyUnicode_1BYTE_DATA(v), n) < 0 ? -1 : 0;
}

static PyObject *
fold(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "fold: expected str");
        return NULL;
    }
    if (OTHER == NULL)
        Py_RETURN_NONE;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (ONE_TO_ONE && PyUnicode_IS_ASCII(text)) {  /* the common case: one output char each */
        PyObject *res = PyUnicode_New(n, 127);
        if (res == NULL)
            return NULL;
        const unsigned char *src = PyUnicode_1BYTE_DATA(text);
        unsigned char *dst = PyUnicode_1BYTE_DATA(res);
        for (Py_ssize_t i = 0; i < n; i++)
            dst[i] = (unsigned char)ASCII_CHAR[src[i] & 0x7f];
        return res;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Out o;
    o.cap = n + 16;
    o.len = 0;
    o.buf = PyMem_Malloc((size_t)o.cap);
    if (o.buf == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        int r = put_cp(&o, PyUnicode_READ(kind, data, i));
        if (r != 0) {
            PyMem_Free(o.buf);
            if (r < 0)
                return NULL;
            Py_RETURN_NONE;
        }
    }
    PyObject *res = PyUnicode_New(o.len, 127);
    if (res != NULL)
        memcpy(PyUnicode_1BYTE_DATA(res), o.buf, (size_t)o.len);
    PyMem_Free(o.buf);
    return res;
}

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u
/* any byte of x in '0'..'9' (bit-twiddling "hasbetween", exact for bytes 0-255: a byte with its
 * high bit set never matches) */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
#define HAS_DIGIT(x) \
    (((ONES * (127 + '9' + 1) - ((x) & ONES * 127)) & ~(x) & (((x) & ONES * 127) + ONES * (127 - ('0' - 1)))) & HIGHS)

static inline int
is_digit(Py_UCS4 c)
{
    return c >= '0' && c <= '9';
}

/* The figure starting at i (a digit): its FNV-1a hash; *at is moved past it. */
static uint32_t
figure_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t *at)
{
    uint32_t h = FNV_OFFSET;
    Py_ssize_t i = *at;
    while (i < n) {  /* digits, then a separator only when a digit follows it */
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (!is_digit(c) && !((c == '.' || c == ',') && i + 1 < n && is_digit(PyUnicode_READ(kind, data, i + 1))))
            break;
        h = (h ^ (uint32_t)c) * FNV_PRIME;
        i++;
    }
    *at = i;
    return h;
}

/* The position of the next ASCII digit at or after i, or n. One-byte text is skipped sixteen
 * (SSE2) or eight bytes at a time (most of a news text has no digit). */
static Py_ssize_t
next_digit(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        const unsigned char *p = data;
        uint64_t x;
#if defined(__SSE2__)
        /* sixteen bytes at a time: a byte b is a digit when (b - '0') mod 256 <= 9 */
        const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
        while (i + 16 <= n) {
            __m128i t = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(p + i)), zero);
            int m = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(t, nine), t));
            if (m)
                return i + __builtin_ctz((unsigned)m);
            i += 16;
        }
#endif
        while (i + 8 <= n) {
            memcpy(&x, p + i, 8);
            if (HAS_DIGIT(x))
                break;
            i += 8;
        }
        while (i < n && !is_digit(p[i]))
            i++;
        return i;
    }
    while (i < n && !is_digit(PyUnicode_READ(kind, data, i)))
        i++;
    return i;
}

/* Double a growable uint32 buffer; on failure free it (the caller returns PyErr_NoMemory()). */
static int grow_words(uint32_t **buf, Py_ssize_t *cap) {
    if (*cap > PY_SSIZE_T_MAX / 2 / (Py_ssize_t)sizeof(uint32_t)) {
        PyMem_Free(*buf);
        return -1;
    }
    uint32_t *nb = PyMem_Realloc(*buf, (size_t)(*cap * 2) * sizeof(uint32_t));
    if (nb == NULL) {
        PyMem_Free(*buf);
        return -1;
    }
    *buf = nb;
    *cap *= 2;
    return 0;
}

static PyObject *
numbers(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "numbers: text must be str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t cap = 16, len = 0;
    uint32_t *buf = PyMem_Malloc((size_t)cap * sizeof(uint32_t));
    if (buf == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = next_digit(kind, data, n, 0); i < n; i = next_digit(kind, data, n, i)) {
        if (len == cap && grow_words(&buf, &cap) < 0)
            return PyErr_NoMemory();
        buf[len++] = figure_at(kind, data, n, &i);
    }
    PyObject *res = PyBytes_FromStringAndSize((const char *)buf, len * (Py_ssize_t)sizeof(uint32_t));
    PyMem_Free(buf);
    return res;
}

/* The figure starting at i: the FNV-1a hash of its characters without trailing separator +
 * "000" groups, bit 31 cleared; *at is moved past the whole figure. */
static uint32_t
fact_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t *at)
{
    Py_ssize_t i = *at, end = i;
    while (end < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, end);
        if (!is_digit(c) && !((c == '.' || c == ',') && end + 1 < n && is_digit(PyUnicode_READ(kind, data, end + 1))))
            break;
        end++;
    }
    Py_ssize_t stop = end;
    while (stop - i >= 5 && PyUnicode_READ(kind, data, stop - 1) == '0' && PyUnicode_READ(kind, data, stop - 2) == '0'
           && PyUnicode_READ(kind, data, stop - 3) == '0'
           && (PyUnicode_READ(kind, data, stop - 4) == '.' || PyUnicode_READ(kind, data, stop - 4) == ','))
        stop -= 4;  /* a thousands group of zeros: "64.000" hashes as "64" */
    uint32_t h = FNV_OFFSET;
    for (Py_ssize_t k = i; k < stop; k++)
        h = (h ^ (uint32_t)PyUnicode_READ(kind, data, k)) * FNV_PRIME;
    *at = end;
    return h & 0x7FFFFFFFu;
}

/* True when fewer than head characters stand between i and the start of its line. */
static int
near_line_start(int kind, const void *data, Py_ssize_t i, Py_ssize_t head)
{
    if (kind == PyUnicode_1BYTE_KIND) {  /* most news: one memrchr instead of a loop */
        Py_ssize_t lo = i > head ? i - head : 0;
        if (i == lo)
            return i < head;
        const unsigned char *nl = memrchr((const unsigned char *)data + lo, '\n', (size_t)(i - lo));
        return nl != NULL || i < head;
    }
    Py_ssize_t k = i;
    while (k > 0 && i - k < head && PyUnicode_READ(kind, data, k - 1) != '\n')
        k--;
    return i - k < head && (k == 0 || PyUnicode_READ(kind, data, k - 1) == '\n');
}

/* True when the word holding the figure at i has a '/' and an ASCII letter before it (a link:
 * ".../read/2026/12/s03"), or when its start is more than 64 characters back. */
static int
in_link(int kind, const void *data, Py_ssize_t i)
{
    int slash = 0, letter = 0;
    for (Py_ssize_t k = i - 1; k >= 0; k--) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            return slash && letter;
        if (i - k > 64)
            return 1;
        slash |= c == '/';
        letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return slash && letter;
}

static int
is_alpha(Py_UCS4 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The slot of the figure at i: the FNV-1a hash of the nearest word before it on its line, at most
 * 64 characters back, that starts with a lower-case ASCII letter ("pada" in "pada Selasa
 * (1/8)", "menjadi" in "menjadi Rp64.000": names and day names are what a template changes); 0
 * when there is none. */
static uint32_t
slot_of(int kind, const void *data, Py_ssize_t i)
{
    Py_ssize_t lo = i > 64 ? i - 64 : 0, k = i;
    while (k > lo) {
        Py_UCS4 c = PyUnicode_READ(kind, data, k - 1);
        if (c == '\n')
            return 0;
        if (!is_alpha(c)) {
            k--;
            continue;
        }
        Py_ssize_t end = k;
        while (k > lo && is_alpha(PyUnicode_READ(kind, data, k - 1)))
            k--;
        Py_UCS4 first = PyUnicode_READ(kind, data, k);
        if (first >= 'a' && first <= 'z') {
            uint32_t h = FNV_OFFSET;
            for (Py_ssize_t j = k; j < end; j++)
                h = (h ^ (uint32_t)PyUnicode_READ(kind, data, j)) * FNV_PRIME;
            return h;
        }
    }
    return 0;
}

static PyObject *
facts(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t head;
    if (!PyArg_ParseTuple(args, "Un", &text, &head))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t cap = 16, len = 0;
    uint32_t *buf = PyMem_Malloc((size_t)cap * sizeof(uint32_t));
    if (buf == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = next_digit(kind, data, n, 0); i < n; i = next_digit(kind, data, n, i)) {
        if (len + 2 > cap && grow_words(&buf, &cap) < 0)
            return PyErr_NoMemory();
        uint32_t flag = near_line_start(kind, data, i, head) || in_link(kind, data, i) ? 0x80000000u : 0u;
        uint32_t slot = flag ? 0u : slot_of(kind, data, i);  /* no slot: not compared */
        buf[len++] = fact_at(kind, data, n, &i) | flag;
        buf[len++] = slot;
    }
    PyObject *res = PyBytes_FromStringAndSize((const char *)buf, len * (Py_ssize_t)sizeof(uint32_t));
    PyMem_Free(buf);
    return res;
}

static PyMethodDef methods[] = {
    {"set_tables", set_tables, METH_VARARGS,
     "set_tables(ascii: tuple of 128 str, other: dict int -> str) -> None (all values ASCII)"},
    {"fold", fold, METH_O,
     "fold(text) -> text.lower().translate(table) when every character's result is ASCII and known, else None"},
    {"numbers", numbers, METH_O,
     "numbers(text) -> bytes: uint32 FNV-1a hashes of the text's figures, in text order"},
    {"facts", facts, METH_VARARGS,
     "facts(text, head) -> bytes: figure hashes without trailing zero groups, bit 31 = near the line start"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_normalize", "Hash normalisation of text with an ASCII result (see normalize.py).",
    -1, methods,
};

PyMODINIT_FUNC
PyInit__c_normalize(void)
{
    return PyModule_Create(&module);
}
