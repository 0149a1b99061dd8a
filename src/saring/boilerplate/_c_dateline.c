/* Compiled kernel of the dateline rules' prefilter automaton.
 *
 * may_match(spec, text, pos) -> bool
 * rule_mask(spec, text, pos) -> int
 *
 * Run the automaton packed in ``spec`` (saring.boilerplate.prefix_dfa._pack: a DFA of a
 * superset of the dateline rules' languages; each state carries a mask of the rules whose
 * relaxed form ends there) over text[pos:], one character at a time. may_match: False at the
 * dead state or the end of the text, True at a state with a non-empty mask or a character the
 * automaton has no class for. rule_mask: the union of the masks of the states passed (start
 * included) until the dead state or the end of the text; -1 (unknown: every pattern may
 * match) at a character the automaton has no class for. The pure-Python references are prefix_dfa.may_match_py / rule_mask_py, step for
 * step. A negative pos counts as 0. The spec's layout is checked at every call; its class
 * bytes only when it is not the spec checked last (a reference to that one is kept: bytes do
 * not change). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint32_t nclass, nstates, nspecial, npatterns;
    const unsigned char *cls;      /* 256 classes */
    const unsigned char *special;  /* nspecial u32 code points (read with memcpy) */
    const unsigned char *spcls;    /* their classes */
    const unsigned char *masks;    /* nstates u64 (read with memcpy) */
    const unsigned char *trans;    /* nstates * nclass u16 (read with memcpy) */
} Spec;

static PyObject *checked_spec = NULL; /* the last spec whose classes were checked */

static int
spec_error(const char *what)
{
    PyErr_Format(PyExc_ValueError, "dateline spec: %s", what);
    return -1;
}

static int
read_spec(PyObject *obj, Spec *s)
{
    const unsigned char *p = (const unsigned char *)PyBytes_AS_STRING(obj);
    Py_ssize_t n = PyBytes_GET_SIZE(obj);
    if (n < 16 + 256)
        return spec_error("too short");
    memcpy(&s->nclass, p, 4);
    memcpy(&s->nstates, p + 4, 4);
    memcpy(&s->nspecial, p + 8, 4);
    memcpy(&s->npatterns, p + 12, 4);
    if (s->nclass == 0 || s->nclass > 255 || s->nstates < 2 || s->nstates > 65535 ||
        s->nspecial > 4096 || s->npatterns == 0 || s->npatterns > 64)
        return spec_error("header out of range");
    Py_ssize_t off = 16;
    s->cls = p + off;
    off += 256;
    s->special = p + off;
    off += 4 * (Py_ssize_t)s->nspecial;
    s->spcls = p + off;
    off += s->nspecial;
    off += (8 - off % 8) % 8;
    s->masks = p + off;
    off += 8 * (Py_ssize_t)s->nstates;
    s->trans = p + off;
    off += 2 * (Py_ssize_t)s->nstates * s->nclass;
    if (off != n)
        return spec_error("wrong length");
    if (obj == checked_spec)
        return 0;
    for (uint32_t i = 0; i < 256; i++)
        if (s->cls[i] >= s->nclass)
            return spec_error("class out of range");
    for (uint32_t i = 0; i < s->nspecial; i++)
        if (s->spcls[i] >= s->nclass)
            return spec_error("class out of range");
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

static inline uint64_t
state_mask(const Spec *s, uint32_t state)
{
    uint64_t m;
    memcpy(&m, s->masks + 8 * (Py_ssize_t)state, 8);
    return m;
}

/* Parse (spec, text, pos); fills s, *text, *pos. Returns 0, or -1 with an exception set. */
static int
parse_args(PyObject *const *args, Py_ssize_t nargs, const char *name, Spec *s, Py_ssize_t *pos)
{
    if (nargs != 3 || !PyBytes_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "%s(spec: bytes, text: str, pos: int)", name);
        return -1;
    }
    *pos = PyLong_AsSsize_t(args[2]);
    if (*pos == -1 && PyErr_Occurred())
        return -1;
    if (*pos < 0)
        *pos = 0;
    if (PyUnicode_READY(args[1]) < 0)
        return -1;
    return read_spec(args[0], s);
}

/* Walk text[pos:]; stop_at_mask: return at the first state with a mask. Returns the union of
 * the masks seen; *err: 1 at a character without a class (the result is then meaningless),
 * -1 with an exception set. */
static uint64_t
walk(const Spec *s, PyObject *text, Py_ssize_t pos, int stop_at_mask, int *err)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    uint32_t state = 1;
    uint64_t seen = state_mask(s, state);
    *err = 0;
    if (stop_at_mask && seen)
        return seen;
    for (Py_ssize_t i = pos; i < n; i++) {
        Py_UCS4 cp = PyUnicode_READ(kind, data, i);
        int c;
        if (cp < 256) {
            c = s->cls[cp];
        } else {
            c = special_class(s, cp);
            if (c < 0) {
                *err = 1;
                return 0;
            }
        }
        uint16_t next;
        memcpy(&next, s->trans + 2 * ((Py_ssize_t)state * s->nclass + (Py_ssize_t)c), 2);
        if (next >= s->nstates) {
            *err = spec_error("transition out of range");
            return 0;
        }
        state = next;
        if (state == 0)
            break;
        seen |= state_mask(s, state);
        if (stop_at_mask && seen)
            return seen;
    }
    return seen;
}

static PyObject *
may_match(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    Spec s;
    Py_ssize_t pos;
    int err;
    if (parse_args(args, nargs, "may_match", &s, &pos) < 0)
        return NULL;
    uint64_t seen = walk(&s, args[1], pos, 1, &err);
    if (err < 0)
        return NULL;
    return PyBool_FromLong(err == 1 || seen != 0);
}

static PyObject *
rule_mask(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    (void)self;
    Spec s;
    Py_ssize_t pos;
    int err;
    if (parse_args(args, nargs, "rule_mask", &s, &pos) < 0)
        return NULL;
    uint64_t seen = walk(&s, args[1], pos, 0, &err);
    if (err < 0)
        return NULL;
    if (err == 1)
        return PyLong_FromLong(-1);
    return PyLong_FromUnsignedLongLong(seen);
}

static PyMethodDef methods[] = {
    {"may_match", (PyCFunction)(void (*)(void))may_match, METH_FASTCALL,
     "may_match(spec, text, pos): False when the packed automaton rejects every prefix of text[pos:]."},
    {"rule_mask", (PyCFunction)(void (*)(void))rule_mask, METH_FASTCALL,
     "rule_mask(spec, text, pos): the patterns (bits) that may match at pos."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_dateline", "The dateline rules' prefilter automaton.", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_dateline(void)
{
    return PyModule_Create(&module);
}
