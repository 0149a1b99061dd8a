/* The line counts of quality's line rules in one pass over the text (reference and fallback:
 * saring/quality/textstats.py, ``line_numbers_py``).
 *
 * line_stats(text) -> (lines, empty, ws, ws_chars, ws_distinct_chars, distinct, distinct_chars)
 *     Over ``lines = text.split("\n")``: how many lines, how many are empty, how many are
 *     whitespace-only (``str.isspace``), the characters of those and of the distinct ones, how
 *     many distinct lines (``len(set(lines))``) and their characters. Without splitting the text
 *     into line strings or hashing them as ``str``: distinct lines are found in an open-addressing
 *     table of (FNV-1a hash, start, length) compared with ``memcmp`` (all lines of one text have
 *     its kind, so equal code points are equal bytes).
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
    for (Py_ssize_t i = 0; i < n; i++)
        n_lines += PyUnicode_READ(kind, data, i) == '\n';
    size_t cap = 16;
    while (cap < (size_t)n_lines * 2)
        cap <<= 1;
    Slot *table = PyMem_Malloc(cap * sizeof(Slot));
    if (table == NULL)
        return PyErr_NoMemory();
    for (size_t k = 0; k < cap; k++)
        table[k].start = -1;

    Py_ssize_t n_empty = 0, n_ws = 0, ws_chars = 0, ws_dchars = 0, n_distinct = 0, dchars = 0;
    Py_ssize_t start = 0;
    for (;;) {
        /* the line [start, end): up to the next newline or the end of the text */
        Py_ssize_t end = start;
        uint64_t h = 1469598103934665603ULL; /* FNV-1a over the line's code units */
        int all_space = 1;
        while (end < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, end);
            if (c == '\n')
                break;
            if (all_space && !Py_UNICODE_ISSPACE(c))
                all_space = 0;
            h = (h ^ c) * 1099511628211ULL;
            end++;
        }
        Py_ssize_t len = end - start;
        int ws = len > 0 && all_space;
        if (len == 0)
            n_empty++;
        if (ws) {
            n_ws++;
            ws_chars += len;
        }
        size_t k = (size_t)(h ^ (h >> 29)) & (cap - 1);
        for (;;) {
            Slot *s = &table[k];
            if (s->start < 0) { /* a new distinct line */
                s->hash = h;
                s->start = start;
                s->len = len;
                n_distinct++;
                dchars += len;
                if (ws)
                    ws_dchars += len;
                break;
            }
            if (s->hash == h && s->len == len
                && memcmp(bytes + s->start * kind, bytes + start * kind, (size_t)len * kind) == 0)
                break; /* seen before */
            k = (k + 1) & (cap - 1);
        }
        if (end >= n)
            break;
        start = end + 1;
    }
    PyMem_Free(table);
    return Py_BuildValue("(nnnnnnn)", n_lines, n_empty, n_ws, ws_chars, ws_dchars, n_distinct, dchars);
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
