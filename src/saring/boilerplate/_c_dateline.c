/* Compiled kernel of the dateline gate's prefilter.
 *
 * may_match(spec, text, pos) -> bool
 *
 * Runs the automaton packed in ``spec`` (saring.boilerplate.prefix_dfa._pack: a DFA of a
 * superset of the gate regex's language) over text[pos:], one character at a time: False at
 * the dead state (the regex cannot match at pos), True at an accepting state, at a character
 * the automaton has no class for; False at the end of the text. The pure-Python reference
 * is prefix_dfa.may_match_py, step for step. A negative pos counts as 0. The spec's layout
 * is checked at every call; its class bytes only when it is not the spec checked last (a
 * reference to that one is kept: bytes do not change). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint32_t nclass, nstates, nspecial;
    const unsigned char *cls;      /* 256 classes */
    const unsigned char *special;  /* nspecial u32 code points (read with memcpy) */
    const unsigned char *spcls;    /* their classes */
    const unsigned char *accept;   /* nstates flags */
    const unsigned char *trans;    /* nstates * nclass u16 (read with memcpy) */
} Spec;

static PyObject *checked_spec = NULL; /* the last spec whose classes were checked */

static int
read_spec(PyObject *obj, Spec *s)
{
    const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(obj);
    Py_ssize_t n = PyBytes_GET_SIZE(obj);
    if (n < 12 + 256) {
        PyErr_SetString(PyExc_ValueError, "dateline spec too short");
        return -1;
    }
    memcpy(&s->nclass, p, 4);
    memcpy(&s->nstates, p + 4, 4);
    memcpy(&s->nspecial, p + 8, 4);
    if (s->nclass == 0 || s->nclass > 255 || s->nstates < 2 || s->nstates > 65535 ||
        s->nspecial > 4096) {
        PyErr_SetString(PyExc_ValueError, "dateline spec header out of range");
        return -1;
    }
    Py_ssize_t off = 12;
    s->cls = p + off;
    off += 256;
    s->special = p + off;
    off += 4 * (Py_ssize_t)s->nspecial;
    s->spcls = p + off;
    off += s->nspecial;
    off += off % 2;
    s->accept = p + off;
    off += s->nstates;
    off += off % 2;
    s->trans = p + off;
    off += 2 * (Py_ssize_t)s->nstates * s->nclass;
    if (off != n) {
        PyErr_SetString(PyExc_ValueError, "dateline spec has the wrong length");
        return -1;
    }
    if (obj == checked_spec)
        return 0;
    for (uint32_t i = 0; i < 256; i++)
        if (s->cls[i] >= s->nclass) {
            PyErr_SetString(PyExc_ValueError, "dateline spec class out of range");
            return -1;
        }
    for (uint32_t i = 0; i < s->nspecial; i++)
        if (s->spcls[i] >= s->nclass) {
            PyErr_SetString(PyExc_ValueError, "dateline spec class out of range");
            return -1;
        }
    Py_INCREF(obj);
    Py_XSETREF(checked_spec, obj);
    return 0;
}

/* The class of code point cp >= 256, or -1 when the spec names no such code point. */
static int
special_class(const Spec *s, Py_UCS4 cp)
{
    Py_ssize_t lo = 0, hi = (Py_ssize_t)s->nspecial;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        uint32_t v;
        memcpy(&v, s->special + 4 * mid, 4);
        if (v == cp)
            return s->spcls[mid];
        if (v < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static PyObject *
may_match(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    if (nargs != 3 || !PyBytes_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "may_match(spec: bytes, text: str, pos: int)");
        return NULL;
    }
    Py_ssize_t pos = PyLong_AsSsize_t(args[2]);
    if (pos == -1 && PyErr_Occurred())
        return NULL;
    Spec s;
    if (read_spec(args[0], &s) < 0)
        return NULL;
    PyObject *text = args[1];
    if (PyUnicode_READY(text) < 0)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    uint32_t state = 1;
    if (s.accept[state])
        Py_RETURN_TRUE;
    for (Py_ssize_t i = pos < 0 ? 0 : pos; i < n; i++) {
        Py_UCS4 cp = PyUnicode_READ(kind, data, i);
        int c;
        if (cp < 256) {
            c = s.cls[cp];
        } else {
            c = special_class(&s, cp);
            if (c < 0)
                Py_RETURN_TRUE;
        }
        uint16_t next;
        memcpy(&next, s.trans + 2 * ((Py_ssize_t)state * s.nclass + (Py_ssize_t)c), 2);
        if (next >= s.nstates) {
            PyErr_SetString(PyExc_ValueError, "dateline spec transition out of range");
            return NULL;
        }
        state = next;
        if (state == 0)
            Py_RETURN_FALSE;
        if (s.accept[state])
            Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

static PyMethodDef methods[] = {
    {"may_match", (PyCFunction)(void (*)(void))may_match, METH_FASTCALL,
     "may_match(spec, text, pos): False when the packed automaton rejects every prefix of text[pos:]."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_dateline", "The dateline gate's prefilter automaton.", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_dateline(void)
{
    return PyModule_Create(&module);
}
