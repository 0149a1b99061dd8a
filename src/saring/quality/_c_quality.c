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
 * Linear in the text (plus the probes); every read is inside the text; the table holds at most
 * one entry per line in a power of two of at least twice as many slots.
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
            if (end >= n)                                                                      \
                break;                                                                         \
            start = end + 1;                                                                   \
        }                                                                                      \
    } while (0)

#define END_BY_LOOP                                                                            \
    end = start;                                                                               \
    while (end < n && d[end] != '\n')                                                          \
        end++
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
    Py_ssize_t n_empty, n_ws, ws_chars, ws_dchars, n_distinct, dchars;
} Counts;

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
line_stats(PyObject *self, PyObject *text)
{
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
        COUNT_LINES(Py_UCS2);
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
    Counts acc = {0, 0, 0, 0, 0, 0};
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        WALK_LINES(Py_UCS1, END_BY_MEMCHR);
        break;
    case PyUnicode_2BYTE_KIND:
        WALK_LINES(Py_UCS2, END_BY_LOOP);
        break;
    default:
        WALK_LINES(Py_UCS4, END_BY_LOOP);
        break;
    }
    PyMem_Free(table);
    return Py_BuildValue("(nnnnnnn)", n_lines, acc.n_empty, acc.n_ws, acc.ws_chars, acc.ws_dchars,
                         acc.n_distinct, acc.dchars);
}

static PyMethodDef methods[] = {
    {"line_stats", line_stats, METH_O,
     "line_stats(text) -> (lines, empty, ws, ws_chars, ws_distinct_chars, distinct, "
     "distinct_chars) over text.split('\\n')."},
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
