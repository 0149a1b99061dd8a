/* Compiled kernel of the boilerplate step: the positions near needle occurrences where a span
 * rule can start (saring.boilerplate.dispatch.needle_starts, the pure-Python reference).
 *
 * needle_starts(text, needles, offset, limit, firsts=None) -> sorted list of int, or None
 *
 * Same algorithm as the reference, step for step: for each needle in order, each occurrence k
 * (str.find semantics, PyUnicode_Find) counts against ``limit`` (one past it: None); the
 * positions lo..k (lo = max(0, k - offset)), or only those holding a character of ``firsts``
 * (PyUnicode_FindChar), join the set; a set larger than ``limit`` after an occurrence: None.
 * The set is a bitmap over the text's positions (calloc'd, n / 8 + 1 bytes). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char *bits;
    Py_ssize_t count;
} PosSet;

static inline void
posset_add(PosSet *s, Py_ssize_t i)
{
    unsigned char mask = (unsigned char)(1u << (i & 7));
    unsigned char *b = &s->bits[i >> 3];
    if (!(*b & mask)) {
        *b |= mask;
        s->count++;
    }
}

/* Add the positions in [lo, hi] (hi <= n) holding one of the characters of ``firsts`` (or all of
 * them when firsts is NULL). Returns 0, or -1 with an exception set. */
static int
add_range(PosSet *s, PyObject *text, Py_ssize_t lo, Py_ssize_t hi, PyObject *firsts)
{
    if (lo > hi)
        return 0;
    if (firsts == NULL) {
        for (Py_ssize_t i = lo; i <= hi; i++)
            posset_add(s, i);
        return 0;
    }
    Py_ssize_t nf = PyUnicode_GET_LENGTH(firsts);
    int fkind = PyUnicode_KIND(firsts);
    const void *fdata = PyUnicode_DATA(firsts);
    for (Py_ssize_t f = 0; f < nf; f++) {
        Py_UCS4 ch = PyUnicode_READ(fkind, fdata, f);
        Py_ssize_t j = PyUnicode_FindChar(text, ch, lo, hi + 1, 1);
        while (j >= 0) {
            posset_add(s, j);
            if (j + 1 > hi)
                break;
            j = PyUnicode_FindChar(text, ch, j + 1, hi + 1, 1);
        }
        if (j == -2)
            return -1;
    }
    return 0;
}

static PyObject *
needle_starts(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *needles, *firsts = Py_None;
    Py_ssize_t offset, limit;
    if (!PyArg_ParseTuple(args, "UO!nn|O:needle_starts", &text, &PyTuple_Type, &needles, &offset,
                          &limit, &firsts))
        return NULL;
    if (firsts != Py_None && !PyUnicode_Check(firsts)) {
        PyErr_SetString(PyExc_TypeError, "needle_starts: firsts must be a str or None");
        return NULL;
    }
    Py_ssize_t nn = PyTuple_GET_SIZE(needles);
    for (Py_ssize_t i = 0; i < nn; i++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(needles, i))) {
            PyErr_SetString(PyExc_TypeError, "needle_starts: needles must be a tuple of str");
            return NULL;
        }
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PosSet set = {calloc((size_t)(n >> 3) + 1, 1), 0};
    if (set.bits == NULL)
        return PyErr_NoMemory();
    Py_ssize_t seen = 0;
    int give_up = 0;
    for (Py_ssize_t i = 0; i < nn && !give_up; i++) {
        PyObject *nd = PyTuple_GET_ITEM(needles, i);
        Py_ssize_t k = PyUnicode_Find(text, nd, 0, PY_SSIZE_T_MAX, 1);
        while (k >= 0) {
            seen++;
            if (seen > limit) {
                give_up = 1;
                break;
            }
            /* k <= n (an empty needle is found at n too): the bitmap holds bit n */
            Py_ssize_t lo = offset < k ? k - offset : 0;
            if (add_range(&set, text, lo, k, firsts == Py_None ? NULL : firsts) < 0) {
                free(set.bits);
                return NULL;
            }
            if (set.count > limit) {
                give_up = 1;
                break;
            }
            if (k >= n)
                break;  /* str.find(nd, n + 1) is -1 */
            k = PyUnicode_Find(text, nd, k + 1, PY_SSIZE_T_MAX, 1);
        }
        if (k == -2) {
            free(set.bits);
            return NULL;
        }
    }
    if (give_up) {
        free(set.bits);
        Py_RETURN_NONE;
    }
    PyObject *out = PyList_New(set.count);
    if (out == NULL) {
        free(set.bits);
        return NULL;
    }
    Py_ssize_t w = 0;
    for (Py_ssize_t byte = 0; byte <= (n >> 3) && w < set.count; byte++) {
        unsigned char b = set.bits[byte];
        for (int bit = 0; b && bit < 8; bit++, b >>= 1) {
            if (b & 1) {
                PyObject *v = PyLong_FromSsize_t((byte << 3) + bit);
                if (v == NULL) {
                    Py_DECREF(out);
                    free(set.bits);
                    return NULL;
                }
                PyList_SET_ITEM(out, w++, v);
            }
        }
    }
    free(set.bits);
    return out;
}

static PyMethodDef methods[] = {
    {"needle_starts", needle_starts, METH_VARARGS,
     "needle_starts(text, needles, offset, limit, firsts=None): positions where a match can start "
     "near the needles (sorted), or None past limit; see saring.boilerplate.dispatch."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_boiler", "Compiled kernel of the boilerplate step.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__c_boiler(void)
{
    return PyModule_Create(&module);
}
