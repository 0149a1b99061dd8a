/* The line counts of quality's line rules in one pass over the text (reference and fallback:
 * saring/quality/textstats.py, ``line_numbers_py``).
 *
 * line_stats(text) -> (lines, empty, ws, ws_chars, ws_distinct_chars, distinct, distinct_chars)
 *     Over ``lines = text.split("\n")``: how many lines, how many are empty, how many are
 *     whitespace-only (``str.isspace``), the characters of those and of the distinct ones, how
 *     many distinct lines (``len(set(lines))``) and their characters. Without splitting the text
 *     into line strings or hashing them as ``str``: distinct lines are found in an open-addressing
 *     table of (hash, start, length) compared with ``memcmp`` (all lines of one text have its
 *     kind, so equal code points are equal bytes); the hash reads a line's length and its first
 *     and last 8 bytes only (a collision costs a memcmp, never a wrong answer).
 *
 * line_stats(text, ends) -> the same seven numbers and, eighth, how many lines end with one of
 *     the characters of ``ends`` (a table made by ``end_table(chars)``): ``scan.line_end_count``
 *     counted in the same walk (FineWeb's line-punctuation rule), so the text is read once.
 * end_table(chars) -> a table of the characters of the str ``chars`` for line_stats.
 *
 * Linear in the text (plus the probes); every read is inside the text; the table holds at most
 * one entry per line in a power of two of at least twice as many slots. Two-byte texts are read
 * four characters a load while no newline is among them.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint64_t hash;
    Py_ssize_t start; /* -1: empty slot */
    Py_ssize_t len;
} Slot;

/* Count the newlines of d[0:n] into n_lines (one more line than newlines). */
#define COUNT_LINES(CTYPE)                                                                     \
    do {                                                                                       \
        const CTYPE *d = (const CTYPE *)data;                                                  \
        for (Py_ssize_t i = 0; i < n; i++)                                                     \
            n_lines += d[i] == '\n';                                                           \
    } while (0)

/* Two-byte text, four characters in a 64-bit word: x ^ NL4 has a zero lane where a "\n" is. */
static const uint64_t ONES4 = 0x0001000100010001ULL, LOWS4 = 0x7FFF7FFF7FFF7FFFULL,
                      HIGHS4 = 0x8000800080008000ULL, NL4 = 0x000A000A000A000AULL;

/* The high bit of each zero lane of v, and only of those (no borrow crosses lanes). */
static inline uint64_t
zero_lanes(uint64_t v)
{
    return ~(((v & LOWS4) + LOWS4) | v) & HIGHS4;
}

static inline int
popcount64(uint64_t x)
{
    int c = 0;
    for (; x; x &= x - 1)
        c++;
    return c;
}

/* The newlines of a two-byte text (at most 4 per load). */
static Py_ssize_t
count_newlines_2(const Py_UCS2 *d, Py_ssize_t n)
{
    Py_ssize_t count = 0, i = 0;
    for (; i + 4 <= n; i += 4) {
        uint64_t v;
        memcpy(&v, d + i, 8);
        uint64_t z = zero_lanes(v ^ NL4);
        if (z)
            count += popcount64(z);
    }
    for (; i < n; i++)
        count += d[i] == '\n';
    return count;
}

/* The first "\n" of a two-byte text at or after i (n when none). */
static inline Py_ssize_t
find_newline_2(const Py_UCS2 *d, Py_ssize_t i, Py_ssize_t n)
{
    for (; i + 4 <= n; i += 4) {
        uint64_t v;
        memcpy(&v, d + i, 8);
        if (zero_lanes(v ^ NL4))
            break;
    }
    while (i < n && d[i] != '\n')
        i++;
    return i;
}

/* Walk the lines of d[0:n]: find each line's end, whether it is all whitespace (checked up to
 * its first other character: one look for most lines), then count it. */
#define WALK_LINES(CTYPE, FIND_END)                                                            \
    do {                                                                                       \
        const CTYPE *d = (const CTYPE *)data;                                                  \
        Py_ssize_t start = 0;                                                                  \
        for (;;) {                                                                             \
            Py_ssize_t end;                                                                    \
            FIND_END;                                                                          \
            Py_ssize_t k = start;                                                              \
            while (k < end && Py_UNICODE_ISSPACE(d[k]))                                        \
                k++;                                                                           \
            count_line(table, cap, bytes, kind, start, end - start, k == end, &acc);          \
            if (ends != NULL && end > start && in_end_table(ends, d[end - 1]))                \
                acc.n_ends++;                                                                  \
            if (end >= n)                                                                      \
                break;                                                                         \
            start = end + 1;                                                                   \
        }                                                                                      \
    } while (0)

#define END_BY_LOOP                                                                            \
    end = start;                                                                               \
    while (end < n && d[end] != '\n')                                                          \
        end++
#define END_BY_SWAR2 end = find_newline_2(d, start, n)
#define END_BY_MEMCHR                                                                          \
    const Py_UCS1 *nl = start < n ? memchr(d + start, '\n', (size_t)(n - start)) : NULL;      \
    end = nl ? (Py_ssize_t)(nl - d) : n

/* A line's hash from its length and its first and last (up to) 8 bytes: cheap for any length;
 * lines that share it are told apart by memcmp, so it only has to spread typical lines. */
static inline uint64_t
line_hash(const unsigned char *p, size_t nbytes)
{
    uint64_t a = 0, b = 0;
    size_t k = nbytes < 8 ? nbytes : 8;
    memcpy(&a, p, k);
    memcpy(&b, p + nbytes - k, k);
    uint64_t h = (nbytes + 0x9E3779B97F4A7C15ULL) ^ (a * 0xC2B2AE3D27D4EB4FULL);
    h = (h ^ (h >> 31)) * 0x94D049BB133111EBULL ^ b;
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

typedef struct {
    Py_ssize_t n_empty, n_ws, ws_chars, ws_dchars, n_distinct, dchars, n_ends;
} Counts;

/* end_table: the characters a line may end with (a bit per Latin-1 character, the others
 * sorted for a binary search). */
#define END_TABLE "saring.quality._c_quality.end_table"
typedef struct {
    unsigned char latin1[256];
    Py_ssize_t m;
    Py_UCS4 *wide; /* m characters above Latin-1, ascending */
} EndTable;

static inline int
in_end_table(const EndTable *t, Py_UCS4 c)
{
    if (c < 256)
        return t->latin1[c];
    Py_ssize_t lo = 0, hi = t->m;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (t->wide[mid] == c)
            return 1;
        if (t->wide[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static void
end_table_free(PyObject *capsule)
{
    EndTable *t = PyCapsule_GetPointer(capsule, END_TABLE);
    if (t != NULL) {
        PyMem_Free(t->wide);
        PyMem_Free(t);
    }
}

static int
cmp_ucs4(const void *a, const void *b)
{
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

static PyObject *
end_table(PyObject *self, PyObject *chars)
{
    if (!PyUnicode_Check(chars)) {
        PyErr_SetString(PyExc_TypeError, "end_table: a str is required");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    EndTable *t = PyMem_Calloc(1, sizeof(EndTable));
    if (t == NULL)
        return PyErr_NoMemory();
    t->wide = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(n > 0 ? n : 1));
    if (t->wide == NULL) {
        PyMem_Free(t);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 256)
            t->latin1[c] = 1;
        else
            t->wide[t->m++] = c;
    }
    qsort(t->wide, (size_t)t->m, sizeof(Py_UCS4), cmp_ucs4);
    PyObject *capsule = PyCapsule_New(t, END_TABLE, end_table_free);
    if (capsule == NULL) {
        PyMem_Free(t->wide);
        PyMem_Free(t);
    }
    return capsule;
}

/* Count the line [start, start + len) (all_space: no character but whitespace). */
static inline void
count_line(Slot *table, size_t cap, const unsigned char *bytes, int kind, Py_ssize_t start,
           Py_ssize_t len, int all_space, Counts *acc)
{
    int ws = len > 0 && all_space;
    uint64_t h = line_hash(bytes + start * kind, (size_t)len * kind);
    if (len == 0)
        acc->n_empty++;
    if (ws) {
        acc->n_ws++;
        acc->ws_chars += len;
    }
    size_t k = (size_t)h & (cap - 1);
    for (;;) {
        Slot *s = &table[k];
        if (s->start < 0) { /* a new distinct line */
            s->hash = h;
            s->start = start;
            s->len = len;
            acc->n_distinct++;
            acc->dchars += len;
            if (ws)
                acc->ws_dchars += len;
            return;
        }
        if (s->hash == h && s->len == len
            && memcmp(bytes + s->start * kind, bytes + start * kind, (size_t)len * kind) == 0)
            return; /* seen before */
        k = (k + 1) & (cap - 1);
    }
}

static PyObject *
line_stats(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "line_stats(text, ends=None)");
        return NULL;
    }
    PyObject *text = args[0];
    const EndTable *ends = NULL;
    if (nargs == 2 && args[1] != Py_None) {
        ends = PyCapsule_GetPointer(args[1], END_TABLE);
        if (ends == NULL)
            return NULL;
    }
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "line_stats: a str is required");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const unsigned char *bytes = (const unsigned char *)data;

    Py_ssize_t n_lines = 1;
    switch (kind) {
    case PyUnicode_1BYTE_KIND: /* memchr from newline to newline */
        for (const Py_UCS1 *p = data, *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
            n_lines++;
        break;
    case PyUnicode_2BYTE_KIND:
        n_lines += count_newlines_2((const Py_UCS2 *)data, n);
        break;
    default:
        COUNT_LINES(Py_UCS4);
        break;
    }
    size_t cap = 16;
    while (cap < (size_t)n_lines * 2)
        cap <<= 1;
    Slot *table = PyMem_Malloc(cap * sizeof(Slot));
    if (table == NULL)
        return PyErr_NoMemory();
    for (size_t k = 0; k < cap; k++)
        table[k].start = -1;
    Counts acc = {0, 0, 0, 0, 0, 0, 0};
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        WALK_LINES(Py_UCS1, END_BY_MEMCHR);
        break;
    case PyUnicode_2BYTE_KIND:
        WALK_LINES(Py_UCS2, END_BY_SWAR2);
        break;
    default:
        WALK_LINES(Py_UCS4, END_BY_LOOP);
        break;
    }
    PyMem_Free(table);
    if (ends != NULL)
        return Py_BuildValue("(nnnnnnnn)", n_lines, acc.n_empty, acc.n_ws, acc.ws_chars,
                             acc.ws_dchars, acc.n_distinct, acc.dchars, acc.n_ends);
    return Py_BuildValue("(nnnnnnn)", n_lines, acc.n_empty, acc.n_ws, acc.ws_chars, acc.ws_dchars,
                         acc.n_distinct, acc.dchars);
}

static PyMethodDef methods[] = {
    {"line_stats", (PyCFunction)(void (*)(void))line_stats, METH_FASTCALL,
     "line_stats(text, ends=None) -> (lines, empty, ws, ws_chars, ws_distinct_chars, distinct, "
     "distinct_chars[, lines ending in a character of ends]) over text.split('\\n')."},
    {"end_table", end_table, METH_O, "end_table(chars) -> the table of line_stats' ends."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_quality", "Quality's line counts in one pass.", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_quality(void)
{
    return PyModule_Create(&module);
}
