/* Compiled text scans shared by the chain's steps (reference and fallback: saring/scan.py).
 *
 * needles_present(text, needles) -> int
 *     Bit i set iff needles[i] occurs in text (``needles[i] in text``), for up to 64 needles,
 *     in one pass over the text instead of one full scan per absent needle.
 * any_lower_in(tokens, targets, maxlen) -> bool
 *     ``not targets.isdisjoint(map(str.lower, tokens))`` without building a lowered copy of
 *     ASCII tokens that hold no capital (and skipping ASCII tokens longer than maxlen, the
 *     longest target: lowering keeps an ASCII token's length).
 * lower_set(tokens) -> set
 *     ``set(map(str.lower, tokens))``, adding lower-case ASCII tokens themselves.
 *
 * Every loop is linear in the text times the (fixed, small) needle lengths; no buffer is indexed
 * by input; every Python API result is checked.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------ needles_present */

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t len;
    Py_UCS4 first;
} Needle;

static int
tail_equal(int tkind, const void *tdata, Py_ssize_t at, const Needle *nd)
{
    /* text[at:at+len] == needle, the first characters known equal; caller checked bounds */
    for (Py_ssize_t k = 1; k < nd->len; k++) {
        if (PyUnicode_READ(tkind, tdata, at + k) != PyUnicode_READ(nd->kind, nd->data, k))
            return 0;
    }
    return 1;
}

#define SCAN_LOOP(CTYPE)                                                                    \
    do {                                                                                    \
        const CTYPE *t = (const CTYPE *)tdata;                                              \
        for (Py_ssize_t i = 0; i < n && found != all; i++) {                                \
            Py_UCS4 c = t[i];                                                               \
            uint64_t cand = (c < 256 ? first_lo[c] : high) & ~found;                        \
            while (cand) {                                                                  \
                int j = __builtin_ctzll(cand);                                              \
                cand &= cand - 1;                                                           \
                const Needle *nd = &nds[j];                                                 \
                if (nd->first == c && nd->len <= n - i && tail_equal(tkind, tdata, i, nd)) \
                    found |= (uint64_t)1 << j;                                              \
            }                                                                               \
        }                                                                                   \
    } while (0)

static PyObject *
needles_present(PyObject *self, PyObject *args)
{
    PyObject *text, *needles;
    if (!PyArg_ParseTuple(args, "UO!:needles_present", &text, &PyTuple_Type, &needles))
        return NULL;
    Py_ssize_t m = PyTuple_GET_SIZE(needles);
    if (m > 64) {
        PyErr_SetString(PyExc_ValueError, "needles_present: at most 64 needles");
        return NULL;
    }
    Needle nds[64];
    uint64_t first_lo[256];
    memset(first_lo, 0, sizeof first_lo);
    uint64_t high = 0, found = 0, all = 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t j = 0; j < m; j++) {
        PyObject *s = PyTuple_GET_ITEM(needles, j);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "needles_present: needles must be str");
            return NULL;
        }
        uint64_t bit = (uint64_t)1 << j;
        Needle *nd = &nds[j];
        nd->kind = PyUnicode_KIND(s);
        nd->data = PyUnicode_DATA(s);
        nd->len = PyUnicode_GET_LENGTH(s);
        nd->first = 0;
        if (nd->len == 0) {
            found |= bit; /* "" in text */
            all |= bit;
            continue;
        }
        all |= bit;
        if (nd->len > n)
            continue; /* cannot occur: never a candidate */
        nd->first = PyUnicode_READ(nd->kind, nd->data, 0);
        if (nd->first < 256)
            first_lo[nd->first] |= bit;
        else
            high |= bit;
    }
    int tkind = PyUnicode_KIND(text);
    const void *tdata = PyUnicode_DATA(text);
    switch (tkind) {
    case PyUnicode_1BYTE_KIND:
        SCAN_LOOP(Py_UCS1);
        break;
    case PyUnicode_2BYTE_KIND:
        SCAN_LOOP(Py_UCS2);
        break;
    default:
        SCAN_LOOP(Py_UCS4);
        break;
    }
    return PyLong_FromUnsignedLongLong(found);
}

/* ------------------------------------------------------------------ lowering tokens */

static PyObject *str_lower; /* str.lower (the method descriptor, as map(str.lower, ...) calls it) */

/* A new reference to ``tok.lower()``, or to ``tok`` itself when that is equal to it (ASCII
 * without a capital). NULL with an exception set on error. */
static PyObject *
lowered(PyObject *tok)
{
    if (!PyUnicode_CheckExact(tok) || !PyUnicode_IS_ASCII(tok))
        return PyObject_CallOneArg(str_lower, tok); /* str.lower(tok): full case mapping */
    Py_ssize_t n = PyUnicode_GET_LENGTH(tok);
    const Py_UCS1 *d = PyUnicode_1BYTE_DATA(tok);
    Py_ssize_t k = 0;
    while (k < n && !(d[k] >= 'A' && d[k] <= 'Z'))
        k++;
    if (k == n) {
        Py_INCREF(tok);
        return tok;
    }
    PyObject *out = PyUnicode_New(n, 127);
    if (out == NULL)
        return NULL;
    Py_UCS1 *o = PyUnicode_1BYTE_DATA(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS1 c = d[i];
        o[i] = (c >= 'A' && c <= 'Z') ? (Py_UCS1)(c + 32) : c;
    }
    return out;
}

static PyObject *
any_lower_in(PyObject *self, PyObject *args)
{
    PyObject *tokens, *targets;
    Py_ssize_t maxlen;
    if (!PyArg_ParseTuple(args, "OOn:any_lower_in", &tokens, &targets, &maxlen))
        return NULL;
    if (!PyAnySet_Check(targets)) {
        PyErr_SetString(PyExc_TypeError, "any_lower_in: targets must be a set or frozenset");
        return NULL;
    }
    PyObject *it = PyObject_GetIter(tokens);
    if (it == NULL)
        return NULL;
    PyObject *tok;
    int hit = 0;
    while (!hit && (tok = PyIter_Next(it)) != NULL) {
        if (PyUnicode_CheckExact(tok) && PyUnicode_IS_ASCII(tok) && PyUnicode_GET_LENGTH(tok) > maxlen) {
            Py_DECREF(tok);
            continue; /* its lower-case form is as long: longer than every target */
        }
        PyObject *low = lowered(tok);
        Py_DECREF(tok);
        if (low == NULL)
            break;
        hit = PySet_Contains(targets, low);
        Py_DECREF(low);
        if (hit < 0)
            break;
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return NULL;
    return PyBool_FromLong(hit);
}

static PyObject *
lower_set(PyObject *self, PyObject *tokens)
{
    PyObject *out = PySet_New(NULL);
    if (out == NULL)
        return NULL;
    PyObject *it = PyObject_GetIter(tokens);
    if (it == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    PyObject *tok;
    while ((tok = PyIter_Next(it)) != NULL) {
        PyObject *low = lowered(tok);
        Py_DECREF(tok);
        if (low == NULL)
            break;
        int rc = PySet_Add(out, low);
        Py_DECREF(low);
        if (rc < 0)
            break;
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"needles_present", needles_present, METH_VARARGS,
     "needles_present(text, needles) -> int: bit i set iff needles[i] in text (<= 64 needles)."},
    {"any_lower_in", any_lower_in, METH_VARARGS,
     "any_lower_in(tokens, targets, maxlen) -> bool: not targets.isdisjoint(map(str.lower, tokens)); "
     "maxlen >= the longest target."},
    {"lower_set", lower_set, METH_O, "lower_set(tokens) -> set(map(str.lower, tokens))."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_scan", "Compiled text scans (reference: saring.scan).", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_scan(void)
{
    str_lower = PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "lower");
    if (str_lower == NULL)
        return NULL;
    return PyModule_Create(&module);
}
