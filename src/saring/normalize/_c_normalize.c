/* Compiled scans of the normalize step (reference and fallback: saring/normalize/step.py).
 *
 * char_positions(text, chars, limit) -> list[int]
 *     Offsets of the characters of ``text`` that are in ``chars``, at most ``limit`` of them
 *     (``[m.start() for m in islice(re.finditer("[" + chars + "]", text), limit)]``).
 * layout_matches(text) -> list[tuple[int, int, str]]
 *     ``(m.start(), m.end(), m.lastgroup)`` of every match of ``_LAYOUT_RE``:
 *         (?P<blank_lines>\n(?:[ \t]*\n)+) | (?P<trailing_space>[ \t]+(?=\n))
 *       | (?P<leading_space>(?<=\n)[ \t]+) | (?P<space_run>[ \t]{2,}|\t)
 *     decided the way the regex engine decides them (alternatives in order, greedy repeats,
 *     the search going on at the end of each match). Every loop moves forward: linear time.
 * layout_fixes(text, keep_newlines) -> list[tuple[int, int, str]]
 *     layout_matches(text) without the blank_lines matches that are only newlines, at most
 *     keep_newlines of them (the step's allowed paragraph breaks: they change nothing, and
 *     news text has one per paragraph).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>

static PyObject *g_names[4]; /* blank_lines, trailing_space, leading_space, space_run */

static int
cmp_ucs4(const void *a, const void *b)
{
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

static int
in_high(const Py_UCS4 *high, Py_ssize_t nhigh, Py_UCS4 c)
{
    Py_ssize_t lo = 0, hi = nhigh;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (high[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nhigh && high[lo] == c;
}

/* The scan of char_positions, one copy per string kind (direct reads, no kind switch per
 * character); SKIP(c) is true for the characters not asked for. */
#define CHAR_LOOP(CTYPE, SKIP)                                                                 \
    do {                                                                                       \
        const CTYPE *d = (const CTYPE *)data;                                                  \
        for (Py_ssize_t i = 0; i < n && PyList_GET_SIZE(out) < limit; i++) {                   \
            Py_UCS4 c = d[i];                                                                  \
            if (SKIP)                                                                          \
                continue;                                                                      \
            PyObject *pos = PyLong_FromSsize_t(i);                                             \
            if (pos == NULL || PyList_Append(out, pos) < 0) {                                  \
                Py_XDECREF(pos);                                                               \
                goto fail;                                                                     \
            }                                                                                  \
            Py_DECREF(pos);                                                                    \
        }                                                                                      \
    } while (0)

static PyObject *
char_positions(PyObject *self, PyObject *args)
{
    PyObject *text, *chars;
    Py_ssize_t limit;
    if (!PyArg_ParseTuple(args, "UUn:char_positions", &text, &chars, &limit))
        return NULL;
    unsigned char low[256];
    memset(low, 0, sizeof low);
    Py_ssize_t nc = PyUnicode_GET_LENGTH(chars), nhigh = 0;
    int ckind = PyUnicode_KIND(chars);
    const void *cdata = PyUnicode_DATA(chars);
    Py_UCS4 *high = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(nc > 0 ? nc : 1));
    if (high == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < nc; k++) {
        Py_UCS4 c = PyUnicode_READ(ckind, cdata, k);
        if (c < 256)
            low[c] = 1;
        else
            high[nhigh++] = c;
    }
    qsort(high, (size_t)nhigh, sizeof(Py_UCS4), cmp_ucs4);
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        PyMem_Free(high);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND: /* Latin-1 text: the 256-entry table decides every character */
        CHAR_LOOP(Py_UCS1, !low[c]);
        break;
    case PyUnicode_2BYTE_KIND:
        CHAR_LOOP(Py_UCS2, c < 256 ? !low[c] : !in_high(high, nhigh, c));
        break;
    default:
        CHAR_LOOP(Py_UCS4, c < 256 ? !low[c] : !in_high(high, nhigh, c));
        break;
    }
    PyMem_Free(high);
    return out;
fail:
    Py_DECREF(out);
    PyMem_Free(high);
    return NULL;
}

static int
append_match(PyObject *out, Py_ssize_t s, Py_ssize_t e, int group)
{
    PyObject *t = Py_BuildValue("(nnO)", s, e, g_names[group]);
    if (t == NULL)
        return -1;
    int rc = PyList_Append(out, t);
    Py_DECREF(t);
    return rc;
}

#define BLANK(c) ((c) == ' ' || (c) == '\t')

/* The scan, one copy per string kind (direct reads instead of PyUnicode_READ's kind switch on
 * every character). Characters above ' ' are neither a newline nor a blank: skipped at once. */
#define LAYOUT_LOOP(CTYPE)                                                                   \
    do {                                                                                     \
        const CTYPE *d = (const CTYPE *)data;                                                \
        Py_ssize_t pos = 0;                                                                  \
        while (pos < n) {                                                                    \
            Py_UCS4 c = d[pos];                                                              \
            if (c > ' ') {                                                                   \
                pos++;                                                                       \
                continue;                                                                    \
            }                                                                                \
            if (c == '\n') {                                                                 \
                /* blank_lines: a newline, then as many "[ \t]*\n" units as there are (>= 1) */ \
                Py_ssize_t j = pos + 1, last = -1, newlines = 1;                             \
                int blanks = 0; /* a space or tab inside the match */                        \
                for (;;) {                                                                   \
                    Py_ssize_t k = j;                                                        \
                    while (k < n && BLANK(d[k]))                                             \
                        k++;                                                                 \
                    if (k < n && d[k] == '\n') {                                             \
                        blanks |= k > j;                                                     \
                        newlines++;                                                          \
                        last = k + 1;                                                        \
                        j = k + 1;                                                           \
                    } else {                                                                 \
                        break;                                                               \
                    }                                                                        \
                }                                                                            \
                if (last >= 0) {                                                             \
                    /* layout_fixes: newlines only, no more than allowed: nothing to fix */  \
                    if ((blanks || newlines > keep_newlines)                                 \
                        && append_match(out, pos, last, 0) < 0)                              \
                        goto fail;                                                           \
                    pos = last;                                                              \
                } else {                                                                     \
                    pos++; /* no other alternative starts with a newline */                  \
                }                                                                            \
                continue;                                                                    \
            }                                                                                \
            if (!BLANK(c)) {                                                                 \
                pos++;                                                                       \
                continue;                                                                    \
            }                                                                                \
            Py_ssize_t r = pos + 1; /* end of the run of spaces and tabs */                  \
            while (r < n && BLANK(d[r]))                                                     \
                r++;                                                                         \
            int group = -1;                                                                  \
            if (r < n && d[r] == '\n')                                                       \
                group = 1; /* trailing_space: the whole run, a newline after it */           \
            else if (pos > 0 && d[pos - 1] == '\n')                                          \
                group = 2; /* leading_space */                                               \
            else if (r - pos >= 2 || c == '\t')                                              \
                group = 3; /* space_run (or a lone tab) */                                   \
            if (group < 0) {                                                                 \
                pos++; /* a lone space inside a line */                                      \
                continue;                                                                    \
            }                                                                                \
            if (append_match(out, pos, r, group) < 0)                                        \
                goto fail;                                                                   \
            pos = r;                                                                         \
        }                                                                                    \
    } while (0)

static PyObject *
layout_scan(PyObject *text, Py_ssize_t keep_newlines)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        LAYOUT_LOOP(Py_UCS1);
        break;
    case PyUnicode_2BYTE_KIND:
        LAYOUT_LOOP(Py_UCS2);
        break;
    default:
        LAYOUT_LOOP(Py_UCS4);
        break;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyObject *
layout_matches(PyObject *self, PyObject *args)
{
    PyObject *text;
    if (!PyArg_ParseTuple(args, "U:layout_matches", &text))
        return NULL;
    return layout_scan(text, 0); /* every blank_lines match has > 0 newlines: all kept */
}

static PyObject *
layout_fixes(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t keep_newlines;
    if (!PyArg_ParseTuple(args, "Un:layout_fixes", &text, &keep_newlines))
        return NULL;
    return layout_scan(text, keep_newlines);
}

static PyMethodDef methods[] = {
    {"char_positions", char_positions, METH_VARARGS,
     "char_positions(text, chars, limit) -> offsets of text's characters in chars (at most limit)."},
    {"layout_matches", layout_matches, METH_VARARGS,
     "layout_matches(text) -> [(start, end, group)] of every match of normalize's _LAYOUT_RE."},
    {"layout_fixes", layout_fixes, METH_VARARGS,
     "layout_fixes(text, keep_newlines) -> layout_matches(text) less the blank_lines matches "
     "made of at most keep_newlines newlines and nothing else."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_normalize", "Compiled scans of saring.normalize.step.", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_normalize(void)
{
    static const char *names[4] = {"blank_lines", "trailing_space", "leading_space", "space_run"};
    for (int k = 0; k < 4; k++) {
        g_names[k] = PyUnicode_InternFromString(names[k]);
        if (g_names[k] == NULL)
            return NULL;
    }
    return PyModule_Create(&module);
}
