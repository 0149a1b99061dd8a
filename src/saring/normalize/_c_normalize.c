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
 * one_byte(text) -> bool
 *     Whether ``text`` is stored one byte per character (``max(text) < "\u0100"``, read off
 *     the str's kind): the NFC pass's shortcut.
 * layout_fixes(text, keep_newlines) -> list[tuple[int, int, str]]
 *     layout_matches(text) without the blank_lines matches that are only newlines, at most
 *     keep_newlines of them (the step's allowed paragraph breaks: they change nothing, and
 *     news text has one per paragraph).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
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

/* Eight bytes (four 2-byte code units) read at once, for the skips below: an "any lane" test
 * needs no byte order, and memcpy needs no alignment. */
static inline uint64_t
load8(const void *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Every byte of v in ' '..'~' (printable ASCII): no byte below 0x20 (the classic exact "has a
 * byte less than n" test, n <= 128) and none from 0x7f up (the low seven bits + 1 reach bit 7
 * only for 0x7f; bit 7 itself for 0x80 and up). */
static inline int
plain8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, hi = 0x8080808080808080ULL;
    uint64_t low = (v - 0x20 * ones) & ~v & hi;
    uint64_t up = (v | ((v & ~hi) + ones)) & hi;
    return (low | up) == 0;
}

/* (4-byte text: no word skip) */
static inline int
no_plain(uint64_t v)
{
    (void)v;
    return 0;
}

/* The same for four 2-byte code units: each in 0x20..0x7e. */
static inline int
plain4x16(uint64_t v)
{
    const uint64_t ones = 0x0001000100010001ULL, hi = 0x8000800080008000ULL;
    uint64_t low = (v - 0x20 * ones) & ~v & hi;
    uint64_t big = v & 0xff80ff80ff80ff80ULL;
    uint64_t del = ((v & 0x007f007f007f007fULL) + ones) & 0x0080008000800080ULL;
    return (low | big | del) == 0;
}

/* The scan of char_positions, one copy per string kind (direct reads, no kind switch per
 * character); SKIP(c) is true for the characters not asked for. */
#define CHAR_LOOP(CTYPE, SKIP, PLAIN)                                                          \
    do {                                                                                       \
        const CTYPE *d = (const CTYPE *)data;                                                  \
        const Py_ssize_t per = 8 / (Py_ssize_t)sizeof(CTYPE);                                  \
        for (Py_ssize_t i = 0; i < n && PyList_GET_SIZE(out) < limit; i++) {                   \
            /* printable ASCII is never asked for (plain_free): skip such words whole */       \
            while (plain_free && i + per <= n && PLAIN(load8(d + i)))                          \
                i += per;                                                                      \
            if (i >= n)                                                                        \
                break;                                                                         \
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
    int plain_free = 1, sorted = 1; /* no printable ASCII asked for; high already ascending */
    for (Py_ssize_t k = 0; k < nc; k++) {
        Py_UCS4 c = PyUnicode_READ(ckind, cdata, k);
        if (c < 256) {
            low[c] = 1;
            plain_free = plain_free && !(c >= 0x20 && c < 0x7f);
        } else {
            sorted = sorted && (nhigh == 0 || high[nhigh - 1] <= c);
            high[nhigh++] = c;
        }
    }
    if (!sorted) /* (the step passes its characters in code point order: no sort) */
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
        CHAR_LOOP(Py_UCS1, !low[c], plain8);
        break;
    case PyUnicode_2BYTE_KIND:
        CHAR_LOOP(Py_UCS2, c < 256 ? !low[c] : !in_high(high, nhigh, c), plain4x16);
        break;
    default:
        CHAR_LOOP(Py_UCS4, c < 256 ? !low[c] : !in_high(high, nhigh, c), no_plain);
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

/* The layout scan's skip: from pos, the first position where the loop below would do more than
 * step over one character (pos + 1), read eight bytes at a time (the last few characters of the
 * text by the loop itself). Such a position holds a newline, a tab, or a space followed by a
 * space, tab or newline or preceded by a newline (for the first and last lane of a word, the
 * neighbour outside it is read). Every other character is stepped over by the loop (above ' ',
 * another control character, a lone space inside a line), so jumping to the first such position
 * is exact. ``~(((x & lo7) + lo7) | x | lo7)`` has the top bit of each lane set exactly where
 * the lane of x is 0 (no carry leaves a lane). Little-endian only: the next character's lane is
 * the one above. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LAYOUT_SKIP 1
#define LAYOUT_SKIPPER(NAME, CTYPE, BITS, ONES, LO7)                                           \
    static inline Py_ssize_t NAME(const CTYPE *d, Py_ssize_t pos, Py_ssize_t n)                \
    {                                                                                          \
        const uint64_t ones = ONES, lo7 = LO7, hi = ~LO7 & (ONES << (BITS - 1));               \
        const uint64_t first = hi & (((uint64_t)1 << BITS) - 1), last = hi & ~(hi >> BITS);     \
        const Py_ssize_t per = 64 / BITS;                                                      \
        while (pos + per <= n) {                                                               \
            uint64_t v = load8(d + pos), x, sp, nl, tb;                                        \
            x = v ^ (' ' * ones);                                                              \
            sp = ~(((x & lo7) + lo7) | x | lo7);                                               \
            x = v ^ ('\n' * ones);                                                             \
            nl = ~(((x & lo7) + lo7) | x | lo7);                                               \
            x = v ^ ('\t' * ones);                                                             \
            tb = ~(((x & lo7) + lo7) | x | lo7);                                               \
            uint64_t hit = nl | tb | (sp & (((sp | nl | tb) >> BITS) | (nl << BITS)));      \
            if ((sp & first) && pos > 0 && d[pos - 1] == '\n')                                 \
                hit |= first; /* a space after the newline ending the previous word */         \
            if ((sp & last) && pos + per < n && (BLANK(d[pos + per]) || d[pos + per] == '\n'))  \
                hit |= last; /* a space before a blank or newline opening the next word */     \
            if (hit == 0) {                                                                    \
                pos += per;                                                                    \
                continue;                                                                      \
            }                                                                                  \
            return pos + (Py_ssize_t)(__builtin_ctzll(hit) / BITS);                            \
        }                                                                                      \
        return pos;                                                                            \
    }
LAYOUT_SKIPPER(layout_skip1, Py_UCS1, 8, 0x0101010101010101ULL, 0x7f7f7f7f7f7f7f7fULL)
LAYOUT_SKIPPER(layout_skip2, Py_UCS2, 16, 0x0001000100010001ULL, 0x7fff7fff7fff7fffULL)
#else
#define LAYOUT_SKIP 0
#endif
#define no_skip(d, pos, n) (pos) /* (4-byte text, or no skipper: every character by the loop) */

/* The scan, one copy per string kind (direct reads instead of PyUnicode_READ's kind switch on
 * every character). Characters above ' ' are neither a newline nor a blank: skipped at once. */
#define LAYOUT_LOOP(CTYPE, SKIPPER)                                                          \
    do {                                                                                     \
        const CTYPE *d = (const CTYPE *)data;                                                \
        Py_ssize_t pos = 0;                                                                  \
        while (pos < n) {                                                                    \
            pos = SKIPPER(d, pos, n);                                                        \
            if (pos >= n)                                                                    \
                break;                                                                       \
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
#if LAYOUT_SKIP
    case PyUnicode_1BYTE_KIND:
        LAYOUT_LOOP(Py_UCS1, layout_skip1);
        break;
    case PyUnicode_2BYTE_KIND:
        LAYOUT_LOOP(Py_UCS2, layout_skip2);
        break;
#else
    case PyUnicode_1BYTE_KIND:
        LAYOUT_LOOP(Py_UCS1, no_skip);
        break;
    case PyUnicode_2BYTE_KIND:
        LAYOUT_LOOP(Py_UCS2, no_skip);
        break;
#endif
    default:
        LAYOUT_LOOP(Py_UCS4, no_skip);
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

/* one_byte(text) -> whether text is stored one byte per character (every character below
 * U+0100): such a text is NFC (tested over every character pair and random Latin-1 text). */
static PyObject *
one_byte(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "one_byte: str expected");
        return NULL;
    }
    return PyBool_FromLong(PyUnicode_KIND(arg) == PyUnicode_1BYTE_KIND);
}

static PyMethodDef methods[] = {
    {"one_byte", one_byte, METH_O, "one_byte(text) -> whether every character of text is below U+0100."},
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
