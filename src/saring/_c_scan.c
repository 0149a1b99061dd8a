/* Compiled text scans shared by the chain's steps (reference and fallback: saring/scan.py).
 *
 * needles_present(text, needles) -> int
 *     Bit i set iff needles[i] occurs in text (``needles[i] in text``), for up to 64 needles,
 *     in one pass over the text instead of one full scan per absent needle.
 * lower_needles_present(text, needles) -> int
 *     ``needles_present(text.lower(), needles)``. With ASCII needles, an ASCII text is lowered
 *     as it is read and any other is lowered character by character into bytes (no str, the
 *     characters that are not ASCII as one byte no needle holds); other needles go through
 *     ``str.lower``.
 * lower_table(targets: frozenset[str]) -> table (a capsule read by the next two)
 * any_lower_in(tokens, table) -> bool
 *     ``not targets.isdisjoint(map(str.lower, tokens))``
 * lower_hits(tokens, table) -> set
 *     ``set(targets.intersection(map(str.lower, tokens)))``
 *     An ASCII token is lowered and looked up on the fly (FNV-1a of its lowered bytes in the
 *     table of the ASCII targets: no lowered copy, no str hash); any other token goes through
 *     ``str.lower`` and the frozenset.
 *
 * member_table(targets: frozenset[str]) -> table (exact: no lowering)
 * count_members(items, table) -> int
 *     ``sum(x in targets for x in items)`` for a member table: ASCII items by the same FNV-1a
 *     table of their bytes as is (no str hash), the others through the frozenset.
 *
 * gopher_marks(text) -> (lines, bullet_lines, end_ellipsis_lines, hashes, dots3, ellipses)
 *     Over ``text.splitlines()``: how many lines, how many start with "-" or "•" once
 *     left-stripped, how many end with "..." or "…" once right-stripped; and
 *     ``text.count("#")``, ``text.count("...")``, ``text.count("…")``. One pass; a one-byte
 *     text is skipped 8 bytes at a time while none of them can be a mark or a line break.
 *
 * line_end_count(text, chars) -> int
 *     How many lines of ``text.split("\n")`` end with a character of ``chars`` (a str of
 *     distinct characters in increasing code-point order): FineWeb's line punctuation count.
 *
 * class_table(ranges) -> table (a capsule): a character class as sorted, disjoint inclusive
 *     code-point ranges ((lo, hi), ...)
 * class_positions(text, table, start, limit) -> list[int]
 *     Offsets >= start of the characters of ``text`` in the class, at most ``limit`` of them
 *     (``[m.start() for m in islice(CLASS_RE.finditer(text, start), limit)]``). Latin-1 by a
 *     256-entry table, the rest by binary search over the ranges.
 *
 * number_runs(text, min_inner) -> list[tuple[int, int]]
 *     The spans of ``re.finditer(r"[0-9][0-9.\-() \u2013]{MIN_INNER,}[0-9]", text)`` (PII's
 *     number gate): at a digit, the greedy class run backs off to its last digit.
 *
 * host_split(url) -> (host or None, parsed url, (netloc, path, query)) or None
 *     ``quality.optout.host_and_split`` for an ASCII URL that stripped (and given ``//`` when
 *     it has none) is plain for ``split_url``: no character below "!" first, no tab, CR, LF,
 *     "[" or "]"; None for any other URL (the Python code then hands it to ``urlsplit``).
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
    if (nd->kind == tkind) /* same storage: the bytes compare equal iff the characters do */
        return memcmp((const char *)tdata + (size_t)at * (size_t)tkind, nd->data,
                      (size_t)nd->len * (size_t)tkind) == 0;
    for (Py_ssize_t k = 1; k < nd->len; k++) {
        if (PyUnicode_READ(tkind, tdata, at + k) != PyUnicode_READ(nd->kind, nd->data, k))
            return 0;
    }
    return 1;
}

/* A position is a candidate for needle j when its character is j's first and the next one
 * has the low byte of j's second (or j has one character): two table look-ups rule out nearly
 * every position; candidates are then compared in full. A needle found is taken out of the
 * first-character tables, so the common path per character is one look-up and a test. */
#define SCAN_LOOP(CTYPE)                                                                    \
    do {                                                                                    \
        const CTYPE *t = (const CTYPE *)tdata;                                              \
        for (Py_ssize_t i = 0; i < n; i++) {                                                \
            Py_UCS4 c = t[i];                                                               \
            uint64_t cand = c < 256 ? first_lo[c] : high;                                   \
            if (!cand)                                                                      \
                continue;                                                                   \
            cand &= (i + 1 < n ? second_lo[t[i + 1] & 0xFF] : 0) | single;                 \
            while (cand) {                                                                  \
                int j = __builtin_ctzll(cand);                                              \
                cand &= cand - 1;                                                           \
                const Needle *nd = &nds[j];                                                 \
                if (nd->first == c && nd->len <= n - i && tail_equal(tkind, tdata, i, nd)) { \
                    uint64_t bit = (uint64_t)1 << j;                                        \
                    found |= bit;                                                           \
                    if (c < 256)                                                            \
                        first_lo[c] &= ~bit;                                                \
                    else                                                                    \
                        high &= ~bit;                                                       \
                }                                                                           \
            }                                                                               \
            if (found == all)                                                               \
                break;                                                                      \
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
    uint64_t first_lo[256], second_lo[256];
    memset(first_lo, 0, sizeof first_lo);
    memset(second_lo, 0, sizeof second_lo);
    uint64_t high = 0, found = 0, all = 0, single = 0;
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
        if (nd->len > n || nd->kind > PyUnicode_KIND(text))
            continue; /* cannot occur (too long, or a character wider than any of the text's):
                         never a candidate */
        nd->first = PyUnicode_READ(nd->kind, nd->data, 0);
        if (nd->first < 256)
            first_lo[nd->first] |= bit;
        else
            high |= bit;
        if (nd->len == 1) {
            single |= bit;
        } else {
            second_lo[PyUnicode_READ(nd->kind, nd->data, 1) & 0xFF] |= bit;
        }
    }
    int tkind = PyUnicode_KIND(text);
    const void *tdata = PyUnicode_DATA(text);
    if (found == all) /* no needles, or only empty ones */
        return PyLong_FromUnsignedLongLong(found);
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

/* needles_present(text.lower(), needles) for ASCII needles, over ``t[0:n]``: the bytes of the
 * lowered text where every character that is not ASCII stands as one byte 0x80 (an ASCII
 * needle never matches it, as it never matches the character). ``fold``: the bytes are the
 * text itself (an ASCII text, whose str.lower is exactly A-Z -> a-z), lowered as they are read. */
static uint64_t
lower_ascii_scan(const Py_UCS1 *t, Py_ssize_t n, PyObject *needles, Py_ssize_t m, int fold)
{
    Py_UCS1 lo[256];
    for (int c = 0; c < 256; c++)
        lo[c] = (Py_UCS1)((fold && c >= 'A' && c <= 'Z') ? c + 32 : c);
    /* first[b]: the needles whose first character is b's lowered form (read by the raw byte) */
    uint64_t first[256], second[256], first_lo[128], second_lo[128];
    memset(first_lo, 0, sizeof first_lo);
    memset(second_lo, 0, sizeof second_lo);
    uint64_t found = 0, all = 0, single = 0;
    const Py_UCS1 *nd_data[64];
    Py_ssize_t nd_len[64];
    for (Py_ssize_t j = 0; j < m; j++) {
        PyObject *s = PyTuple_GET_ITEM(needles, j);
        uint64_t bit = (uint64_t)1 << j;
        Py_ssize_t len = PyUnicode_GET_LENGTH(s);
        nd_len[j] = len;
        nd_data[j] = NULL;
        all |= bit;
        if (len == 0) {
            found |= bit; /* "" in text */
            continue;
        }
        if (len > n)
            continue; /* never a candidate */
        const Py_UCS1 *d = PyUnicode_1BYTE_DATA(s); /* ASCII (checked by the caller) */
        nd_data[j] = d;
        first_lo[d[0]] |= bit;
        if (len == 1)
            single |= bit;
        else
            second_lo[d[1]] |= bit;
    }
    if (found == all)
        return found;
    for (int c = 0; c < 256; c++) { /* read by the raw bytes, lowered */
        first[c] = lo[c] < 128 ? first_lo[lo[c]] : 0;
        second[c] = lo[c] < 128 ? second_lo[lo[c]] : 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t cand = first[t[i]];
        if (!cand)
            continue;
        cand &= (i + 1 < n ? second[t[i + 1]] : 0) | single;
        while (cand) {
            int j = __builtin_ctzll(cand);
            cand &= cand - 1;
            Py_ssize_t len = nd_len[j];
            if (len > n - i)
                continue;
            const Py_UCS1 *d = nd_data[j];
            Py_ssize_t k = 1;
            while (k < len && lo[t[i + k]] == d[k])
                k++;
            if (k == len) {
                uint64_t bit = (uint64_t)1 << j;
                found |= bit;
                for (int b = 0; b < 256; b++)
                    first[b] &= ~bit;
            }
        }
        if (found == all)
            break;
    }
    return found;
}

/* The lowered text's bytes for :func:`lower_ascii_scan` (every character that is not ASCII as
 * 0x80), from a text that is not ASCII: each character's full lower-case mapping (1-3
 * characters; str.lower's only context rule, the final sigma, maps to a non-ASCII character
 * either way). Returns the number of bytes, -1 on a memory error. */
static Py_ssize_t
lowered_bytes(PyObject *text, Py_UCS1 **out)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > PY_SSIZE_T_MAX / 3 - 1) {
        PyErr_NoMemory();
        return -1;
    }
    Py_UCS1 *buf = PyMem_Malloc((size_t)n * 3 + 1);
    if (buf == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t w = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 128) {
            buf[w++] = (Py_UCS1)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            continue;
        }
        Py_UCS4 mapped[3];
        int k = _PyUnicode_ToLowerFull(c, mapped);
        for (int q = 0; q < k; q++)
            buf[w++] = mapped[q] < 128 ? (Py_UCS1)mapped[q] : 0x80;
    }
    *out = buf;
    return w;
}

static PyObject *str_lower; /* str.lower (the method descriptor, as map(str.lower, ...) calls it) */

static PyObject *
lower_needles_present(PyObject *self, PyObject *args)
{
    PyObject *text, *needles;
    if (!PyArg_ParseTuple(args, "UO!:lower_needles_present", &text, &PyTuple_Type, &needles))
        return NULL;
    Py_ssize_t m = PyTuple_GET_SIZE(needles);
    if (m > 64) {
        PyErr_SetString(PyExc_ValueError, "lower_needles_present: at most 64 needles");
        return NULL;
    }
    for (Py_ssize_t j = 0; j < m; j++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(needles, j))) {
            PyErr_SetString(PyExc_TypeError, "lower_needles_present: needles must be str");
            return NULL;
        }
    }
    int ascii_needles = 1;
    for (Py_ssize_t j = 0; j < m; j++)
        ascii_needles &= PyUnicode_IS_ASCII(PyTuple_GET_ITEM(needles, j)) != 0;
    if (ascii_needles && PyUnicode_IS_ASCII(text))
        return PyLong_FromUnsignedLongLong(lower_ascii_scan(
            PyUnicode_1BYTE_DATA(text), PyUnicode_GET_LENGTH(text), needles, m, 1));
    if (ascii_needles) { /* the lowered text's bytes, no str */
        Py_UCS1 *buf;
        Py_ssize_t w = lowered_bytes(text, &buf);
        if (w < 0)
            return NULL;
        uint64_t found = lower_ascii_scan(buf, w, needles, m, 0);
        PyMem_Free(buf);
        return PyLong_FromUnsignedLongLong(found);
    }
    /* non-ASCII needles: str.lower (full case mapping, which may change the length), then the scan */
    PyObject *low = PyObject_CallOneArg(str_lower, text);
    if (low == NULL)
        return NULL;
    PyObject *inner = PyTuple_Pack(2, low, needles);
    Py_DECREF(low);
    if (inner == NULL)
        return NULL;
    PyObject *bits = needles_present(self, inner);
    Py_DECREF(inner);
    return bits;
}

/* ------------------------------------------------------------------ lowering tokens */

#define TABLE_CAPSULE "saring._c_scan.LowerTable"

/* The ASCII members of a frozenset in an open-addressing table keyed by FNV-1a of their bytes,
 * so an ASCII token is looked up lowered without building its lowered copy or its str hash.
 * Members that are not ASCII are found through the frozenset itself (``owner``). */
typedef struct {
    size_t mask;
    uint64_t *hashes;
    PyObject **keys; /* borrowed from owner (a frozenset cannot change); NULL: empty slot */
    PyObject *owner;
    Py_ssize_t maxlen; /* longest ASCII member */
    uint64_t lens[128]; /* lens[c] bit min(len, 63): some ASCII member of that length starts
                           with c (a token is hashed only when its first character and
                           length fit one) */
    int has_empty;      /* "" is a member */
    int exact;          /* a member table: items are looked up as they are, not lowered */
} LowerTable;

/* ASCII lowering, or none for a member table (``exact``) */
static inline Py_UCS1
fold(Py_UCS1 c, int exact)
{
    return (!exact && c >= 'A' && c <= 'Z') ? (Py_UCS1)(c + 32) : c;
}

static uint64_t
fnv_lower(const Py_UCS1 *d, Py_ssize_t n, int exact)
{
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS1 c = fold(d[i], exact);
        h = (h ^ c) * 1099511628211ULL;
    }
    return h;
}

static void
table_free(PyObject *capsule)
{
    LowerTable *t = PyCapsule_GetPointer(capsule, TABLE_CAPSULE);
    if (t == NULL)
        return;
    PyMem_Free(t->hashes);
    PyMem_Free(t->keys);
    Py_XDECREF(t->owner);
    PyMem_Free(t);
}

static PyObject *
make_table(PyObject *targets, int exact)
{
    if (!PyFrozenSet_CheckExact(targets)) {
        PyErr_SetString(PyExc_TypeError, "lower_table: targets must be a frozenset of str");
        return NULL;
    }
    Py_ssize_t n = PySet_GET_SIZE(targets);
    size_t size = 8;
    while (size < (size_t)n * 2 + 1)
        size *= 2;
    LowerTable *t = PyMem_Calloc(1, sizeof(LowerTable));
    if (t == NULL)
        return PyErr_NoMemory();
    t->mask = size - 1;
    t->exact = exact;
    t->hashes = PyMem_Calloc(size, sizeof(uint64_t));
    t->keys = PyMem_Calloc(size, sizeof(PyObject *));
    if (t->hashes == NULL || t->keys == NULL) {
        PyMem_Free(t->hashes);
        PyMem_Free(t->keys);
        PyMem_Free(t);
        return PyErr_NoMemory();
    }
    Py_INCREF(targets);
    t->owner = targets;
    PyObject *capsule = PyCapsule_New(t, TABLE_CAPSULE, table_free);
    if (capsule == NULL) {
        Py_DECREF(targets);
        PyMem_Free(t->hashes);
        PyMem_Free(t->keys);
        PyMem_Free(t);
        return NULL;
    }
    PyObject *it = PyObject_GetIter(targets);
    if (it == NULL) {
        Py_DECREF(capsule);
        return NULL;
    }
    PyObject *key;
    while ((key = PyIter_Next(it)) != NULL) {
        Py_DECREF(key); /* the frozenset (owner) keeps it alive */
        if (!PyUnicode_Check(key)) {
            Py_DECREF(it);
            Py_DECREF(capsule);
            PyErr_SetString(PyExc_TypeError, "lower_table: targets must be a frozenset of str");
            return NULL;
        }
        if (!PyUnicode_IS_ASCII(key))
            continue;
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        const Py_UCS1 *d = PyUnicode_1BYTE_DATA(key);
        int lower = 1;
        for (Py_ssize_t i = 0; i < len; i++)
            lower &= !(d[i] >= 'A' && d[i] <= 'Z');
        if (!lower && !exact)
            continue; /* no lowered ASCII token equals a member holding a capital */
        uint64_t h = fnv_lower(d, len, exact);
        size_t k = (size_t)h & t->mask;
        while (t->keys[k] != NULL)
            k = (k + 1) & t->mask;
        t->keys[k] = key;
        t->hashes[k] = h;
        if (len > t->maxlen)
            t->maxlen = len;
        if (len == 0)
            t->has_empty = 1;
        else
            t->lens[d[0]] |= (uint64_t)1 << (len < 63 ? len : 63);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_DECREF(capsule);
        return NULL;
    }
    return capsule;
}

/* The member equal to ``tok.lower()`` (borrowed), NULL when none; -1 in *err on error. */
static PyObject *
find_lowered(LowerTable *t, PyObject *tok, PyObject **made, int *err)
{
    *made = NULL;
    if (PyUnicode_CheckExact(tok) && PyUnicode_IS_ASCII(tok)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(tok);
        if (n > t->maxlen)
            return NULL; /* its lowered form is as long: longer than every ASCII member */
        const Py_UCS1 *d = PyUnicode_1BYTE_DATA(tok);
        if (n > 0) {
            Py_UCS1 c0 = fold(d[0], t->exact);
            if (!(t->lens[c0] >> (n < 63 ? n : 63) & 1))
                return NULL; /* no member of its length starts with its lowered first character */
        } else if (!t->has_empty) {
            return NULL;
        }
        uint64_t h = fnv_lower(d, n, t->exact);
        size_t k = (size_t)h & t->mask;
        for (; t->keys[k] != NULL; k = (k + 1) & t->mask) {
            if (t->hashes[k] != h || PyUnicode_GET_LENGTH(t->keys[k]) != n)
                continue;
            const Py_UCS1 *m = PyUnicode_1BYTE_DATA(t->keys[k]);
            Py_ssize_t i = 0;
            while (i < n && m[i] == fold(d[i], t->exact))
                i++;
            if (i == n)
                return t->keys[k];
        }
        return NULL;
    }
    if (t->exact) { /* the item itself: ``tok in targets`` */
        int in = PySet_Contains(t->owner, tok);
        if (in < 0)
            *err = -1;
        return in > 0 ? tok : NULL; /* borrowed from the caller's item */
    }
    PyObject *low = PyObject_CallOneArg(str_lower, tok); /* str.lower(tok): full case mapping */
    if (low == NULL) {
        *err = -1;
        return NULL;
    }
    int in = PySet_Contains(t->owner, low);
    if (in <= 0) {
        Py_DECREF(low);
        if (in < 0)
            *err = -1;
        return NULL;
    }
    *made = low;
    return low;
}

static PyObject *
lower_table(PyObject *self, PyObject *targets)
{
    return make_table(targets, 0);
}

static PyObject *
member_table(PyObject *self, PyObject *targets)
{
    return make_table(targets, 1);
}

/* The table of a capsule, checked to be of the wanted kind (lowering or exact) */
static LowerTable *
table_of(PyObject *capsule, int exact)
{
    LowerTable *t = PyCapsule_GetPointer(capsule, TABLE_CAPSULE); /* sets an error when not ours */
    if (t != NULL && t->exact != exact) {
        PyErr_SetString(PyExc_TypeError, exact ? "expected a member_table" : "expected a lower_table");
        return NULL;
    }
    return t;
}

static PyObject *
any_lower_in(PyObject *self, PyObject *args)
{
    PyObject *tokens, *capsule;
    if (!PyArg_ParseTuple(args, "OO:any_lower_in", &tokens, &capsule))
        return NULL;
    LowerTable *t = table_of(capsule, 0);
    if (t == NULL)
        return NULL;
    PyObject *it = PyObject_GetIter(tokens);
    if (it == NULL)
        return NULL;
    PyObject *tok;
    int hit = 0, err = 0;
    while (!hit && !err && (tok = PyIter_Next(it)) != NULL) {
        PyObject *made;
        hit = find_lowered(t, tok, &made, &err) != NULL;
        Py_XDECREF(made);
        Py_DECREF(tok);
    }
    Py_DECREF(it);
    if (err || PyErr_Occurred())
        return NULL;
    return PyBool_FromLong(hit);
}

static PyObject *
lower_hits(PyObject *self, PyObject *args)
{
    PyObject *tokens, *capsule;
    if (!PyArg_ParseTuple(args, "OO:lower_hits", &tokens, &capsule))
        return NULL;
    LowerTable *t = table_of(capsule, 0);
    if (t == NULL)
        return NULL;
    PyObject *out = PySet_New(NULL);
    if (out == NULL)
        return NULL;
    PyObject *it = PyObject_GetIter(tokens);
    if (it == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    PyObject *tok;
    int err = 0;
    while (!err && (tok = PyIter_Next(it)) != NULL) {
        PyObject *made;
        PyObject *member = find_lowered(t, tok, &made, &err);
        Py_DECREF(tok);
        if (member != NULL && PySet_Add(out, member) < 0)
            err = -1;
        Py_XDECREF(made);
    }
    Py_DECREF(it);
    if (err || PyErr_Occurred()) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyObject *
count_members(PyObject *self, PyObject *args)
{
    PyObject *items, *capsule;
    if (!PyArg_ParseTuple(args, "OO:count_members", &items, &capsule))
        return NULL;
    LowerTable *t = table_of(capsule, 1);
    if (t == NULL)
        return NULL;
    PyObject *it = PyObject_GetIter(items);
    if (it == NULL)
        return NULL;
    PyObject *item;
    Py_ssize_t count = 0;
    int err = 0;
    while (!err && (item = PyIter_Next(it)) != NULL) {
        PyObject *made;
        if (find_lowered(t, item, &made, &err) != NULL)
            count++;
        Py_XDECREF(made);
        Py_DECREF(item);
    }
    Py_DECREF(it);
    if (err || PyErr_Occurred())
        return NULL;
    return PyLong_FromSsize_t(count);
}

/* ------------------------------------------------------------------ gopher marks */

/* str.splitlines' line boundaries (\r\n is one) */
static inline int
is_line_break(Py_UCS4 c)
{
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e
           || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* classes of the Latin-1 characters for gopher_marks (the rest: is_line_break / ISSPACE) */
enum { G_BREAK = 1, G_SPACE = 2, G_MARK = 4 }; /* G_MARK: '#' or '.' */
static unsigned char g_cls[256];
/* Latin-1 characters gopher_marks must stop at: line breaks, '#' and '.' (the rest of a line
 * is skipped by one table look-up per character; '…' and the line/paragraph separators are
 * above Latin-1). */
static unsigned char g_stop[256];

static void
init_gopher_classes(void)
{
    for (Py_UCS4 c = 0; c < 256; c++) {
        unsigned char k = 0;
        if (is_line_break(c))
            k |= G_BREAK;
        if (Py_UNICODE_ISSPACE(c))
            k |= G_SPACE;
        if (c == '#' || c == '.')
            k |= G_MARK;
        g_cls[c] = k;
        g_stop[c] = (k & (G_BREAK | G_MARK)) != 0;
    }
}

typedef struct {
    Py_ssize_t lines, bullets, ends, hashes, dots3, ellipses;
} Marks;

/* One-byte text: whether the 8 bytes in v may hold a stop character of gopher_marks (a byte
 * below 0x20, which holds the control line breaks, or '#', '.' or 0x85). The borrow tests are
 * exact for "some byte"; a block that may hold one is read character by character. */
static inline int
may_stop_8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t below_space = (v - ones * 0x20) & ~v;
    uint64_t h = v ^ (ones * '#'), p = v ^ (ones * '.'), x = v ^ (ones * 0x85);
    return ((((h - ones) & ~h) | ((p - ones) & ~p) | ((x - ones) & ~x) | below_space) & highs) != 0;
}

/* The first i >= e of a one-byte text d[0:n] that may be a stop character: 8 bytes a step. */
static inline Py_ssize_t
skip_plain_1(const Py_UCS1 *d, Py_ssize_t e, Py_ssize_t n)
{
    while (e + 8 <= n) {
        uint64_t v;
        memcpy(&v, d + e, 8);
        if (may_stop_8(v))
            break;
        e += 8;
    }
    return e;
}

static inline int
g_is_space(Py_UCS4 c)
{
    return c < 256 ? (g_cls[c] & G_SPACE) != 0 : Py_UNICODE_ISSPACE(c);
}

/* One loop per string kind. Within a line only the stop characters are looked at (a run of
 * others is skipped, and breaks a run of dots); at the line's end its first and last non-space
 * characters are found by walking in from both ends over the spaces. */
#define MARKS_LOOP(CTYPE)                                                                        \
    do {                                                                                         \
        const CTYPE *d = (const CTYPE *)data;                                                    \
        Py_ssize_t i = 0, dot_run = 0;                                                           \
        while (i < n) {                                                                          \
            Py_ssize_t e = i;                                                                    \
            for (;;) {                                                                           \
                Py_ssize_t s0 = e;                                                               \
                for (;;) { /* one-byte texts: 8 plain bytes a step, then up to 8 one by one */   \
                    if (sizeof(CTYPE) == 1)                                                      \
                        e = skip_plain_1((const Py_UCS1 *)d, e, n);                              \
                    Py_ssize_t lim = sizeof(CTYPE) == 1 && e + 8 < n ? e + 8 : n;                \
                    while (e < lim) {                                                            \
                        Py_UCS4 c = d[e];                                                        \
                        if (c < 256 ? g_stop[c] : (c == 0x2026 || c == 0x2028 || c == 0x2029))   \
                            break;                                                               \
                        e++;                                                                     \
                    }                                                                            \
                    if (e < lim || e >= n)                                                       \
                        break;                                                                   \
                }                                                                                \
                if (e > s0)                                                                      \
                    dot_run = 0;                                                                 \
                if (e >= n)                                                                      \
                    break;                                                                       \
                Py_UCS4 c = d[e];                                                                \
                if (c == '#') {                                                                  \
                    m->hashes++;                                                                 \
                    dot_run = 0;                                                                 \
                } else if (c == '.') {                                                           \
                    if (++dot_run == 3) {                                                        \
                        m->dots3++;                                                              \
                        dot_run = 0;                                                             \
                    }                                                                            \
                } else if (c == 0x2026) {                                                        \
                    m->ellipses++;                                                               \
                    dot_run = 0;                                                                 \
                } else {                                                                         \
                    break; /* a line break */                                                    \
                }                                                                                \
                e++;                                                                             \
            }                                                                                    \
            m->lines++;                                                                          \
            Py_ssize_t first = i;                                                                \
            while (first < e && g_is_space(d[first]))                                            \
                first++;                                                                         \
            if (first < e) {                                                                     \
                Py_ssize_t last = e - 1;                                                         \
                while (g_is_space(d[last]))                                                      \
                    last--;                                                                      \
                Py_UCS4 f = d[first], l = d[last];                                               \
                m->bullets += f == '-' || f == 0x2022;                                           \
                m->ends += l == 0x2026                                                           \
                           || (l == '.' && last - i >= 2 && d[last - 1] == '.' && d[last - 2] == '.'); \
            }                                                                                    \
            if (e >= n)                                                                          \
                break;                                                                           \
            dot_run = 0; /* a break is no dot */                                                 \
            e += (d[e] == '\r' && e + 1 < n && d[e + 1] == '\n') ? 2 : 1;                        \
            i = e;                                                                               \
        }                                                                                        \
    } while (0)

static PyObject *
gopher_marks(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "gopher_marks: text must be str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    Marks marks = {0, 0, 0, 0, 0, 0}, *m = &marks;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        MARKS_LOOP(Py_UCS1);
        break;
    case PyUnicode_2BYTE_KIND:
        MARKS_LOOP(Py_UCS2);
        break;
    default:
        MARKS_LOOP(Py_UCS4);
        break;
    }
    return Py_BuildValue("(nnnnnn)", m->lines, m->bullets, m->ends, m->hashes, m->dots3, m->ellipses);
}

/* ------------------------------------------------------------------ line ends */

/* Whether c is one of the m characters of the sorted str (kind, data): binary search. */
static int
in_sorted(Py_UCS4 c, int kind, const void *data, Py_ssize_t m)
{
    Py_ssize_t lo = 0, hi = m;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        Py_UCS4 x = PyUnicode_READ(kind, data, mid);
        if (x == c)
            return 1;
        if (x < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* A line ends at each "\n" and at the text's end; it is non-empty when the character before
 * that end exists and is not a "\n" itself; that character is the line's last. */
static PyObject *
line_end_count(PyObject *self, PyObject *args)
{
    PyObject *text, *chars;
    if (!PyArg_ParseTuple(args, "UU:line_end_count", &text, &chars))
        return NULL;
    Py_ssize_t m = PyUnicode_GET_LENGTH(chars);
    int ckind = PyUnicode_KIND(chars);
    const void *cdata = PyUnicode_DATA(chars);
    for (Py_ssize_t j = 1; j < m; j++) {
        if (PyUnicode_READ(ckind, cdata, j - 1) >= PyUnicode_READ(ckind, cdata, j)) {
            PyErr_SetString(PyExc_ValueError, "line_end_count: chars must be distinct and sorted");
            return NULL;
        }
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t count = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = (const Py_UCS1 *)data;
        Py_ssize_t i = 0;
        for (;;) {
            const Py_UCS1 *nl = (i < n) ? memchr(d + i, '\n', (size_t)(n - i)) : NULL;
            Py_ssize_t end = nl ? (Py_ssize_t)(nl - d) : n;
            if (end > 0 && d[end - 1] != '\n' && in_sorted(d[end - 1], ckind, cdata, m))
                count++;
            if (nl == NULL)
                break;
            i = end + 1;
        }
    } else {
        Py_UCS4 prev = '\n'; /* the character before position i ("\n" for none) */
        for (Py_ssize_t i = 0; i <= n; i++) {
            Py_UCS4 c = i < n ? PyUnicode_READ(kind, data, i) : '\n';
            if (c == '\n' && prev != '\n' && in_sorted(prev, ckind, cdata, m))
                count++;
            prev = c;
        }
    }
    return PyLong_FromSsize_t(count);
}

/* ------------------------------------------------------------------ character classes */

#define CLASS_CAPSULE "saring._c_scan.class_table"

typedef struct {
    unsigned char latin1[256];
    Py_ssize_t m;      /* number of ranges */
    Py_UCS4 *lo, *hi;  /* m inclusive ranges, sorted, disjoint */
} ClassTable;

static void
class_free(PyObject *capsule)
{
    ClassTable *t = PyCapsule_GetPointer(capsule, CLASS_CAPSULE);
    if (t == NULL)
        return;
    PyMem_Free(t->lo);
    PyMem_Free(t->hi);
    PyMem_Free(t);
}

static PyObject *
class_table(PyObject *self, PyObject *ranges)
{
    if (!PyTuple_Check(ranges)) {
        PyErr_SetString(PyExc_TypeError, "class_table: ranges must be a tuple of (lo, hi) pairs");
        return NULL;
    }
    Py_ssize_t m = PyTuple_GET_SIZE(ranges);
    ClassTable *t = PyMem_Calloc(1, sizeof(ClassTable));
    if (t == NULL)
        return PyErr_NoMemory();
    t->m = m;
    t->lo = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(m > 0 ? m : 1));
    t->hi = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(m > 0 ? m : 1));
    if (t->lo == NULL || t->hi == NULL) {
        PyMem_Free(t->lo);
        PyMem_Free(t->hi);
        PyMem_Free(t);
        return PyErr_NoMemory();
    }
    long prev_hi = -1;
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *pair = PyTuple_GET_ITEM(ranges, k);
        long lo, hi;
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "class_table: each range must be a (lo, hi) tuple");
            goto fail;
        }
        lo = PyLong_AsLong(PyTuple_GET_ITEM(pair, 0));
        if (lo == -1 && PyErr_Occurred())
            goto fail;
        hi = PyLong_AsLong(PyTuple_GET_ITEM(pair, 1));
        if (hi == -1 && PyErr_Occurred())
            goto fail;
        if (lo < 0 || hi > 0x10FFFF || lo > hi || lo <= prev_hi) {
            PyErr_SetString(PyExc_ValueError, "class_table: ranges must be sorted, disjoint, within 0..0x10FFFF");
            goto fail;
        }
        prev_hi = hi;
        t->lo[k] = (Py_UCS4)lo;
        t->hi[k] = (Py_UCS4)hi;
        for (long c = lo; c <= hi && c < 256; c++)
            t->latin1[c] = 1;
    }
    PyObject *cap = PyCapsule_New(t, CLASS_CAPSULE, class_free);
    if (cap == NULL)
        goto fail;
    return cap;
fail:
    PyMem_Free(t->lo);
    PyMem_Free(t->hi);
    PyMem_Free(t);
    return NULL;
}

static inline int
class_has(const ClassTable *t, Py_UCS4 c)
{
    if (c < 256)
        return t->latin1[c];
    Py_ssize_t lo = 0, hi = t->m; /* the first range whose hi >= c */
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (t->hi[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->m && t->lo[lo] <= c;
}

/* Append offset i to the list out; on failure out is released and -1 returned. */
static int
append_offset(PyObject *out, Py_ssize_t i)
{
    PyObject *pos = PyLong_FromSsize_t(i);
    if (pos == NULL || PyList_Append(out, pos) < 0) {
        Py_XDECREF(pos);
        Py_DECREF(out);
        return -1;
    }
    Py_DECREF(pos);
    return 0;
}

#define CLASS_LOOP(CTYPE)                                                   \
    do {                                                                    \
        const CTYPE *d = (const CTYPE *)data;                               \
        for (Py_ssize_t i = start; i < n && found < limit; i++) {           \
            if (class_has(t, d[i])) {                                       \
                if (append_offset(out, i) < 0)                              \
                    return NULL;                                            \
                found++;                                                    \
            }                                                               \
        }                                                                   \
    } while (0)

static PyObject *
class_positions(PyObject *self, PyObject *args)
{
    PyObject *text, *capsule;
    Py_ssize_t start, limit;
    if (!PyArg_ParseTuple(args, "UOnn:class_positions", &text, &capsule, &start, &limit))
        return NULL;
    ClassTable *t = PyCapsule_GetPointer(capsule, CLASS_CAPSULE); /* sets an error when not ours */
    if (t == NULL)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (start < 0)
        start = 0;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t found = 0;
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        CLASS_LOOP(Py_UCS1);
        break;
    case PyUnicode_2BYTE_KIND:
        CLASS_LOOP(Py_UCS2);
        break;
    default:
        CLASS_LOOP(Py_UCS4);
        break;
    }
    return out;
}

/* ------------------------------------------------------------------ number runs */

#define NUM_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define NUM_CLASS(c) (NUM_DIGIT(c) || (c) == '.' || (c) == '-' || (c) == '(' || (c) == ')' \
                      || (c) == ' ' || (c) == 0x2013)

/* A match starts at a digit p; the class run after it ends at r (first character outside the
 * class); the match ends after the last digit q of the run with at least min_inner characters
 * between p and q (the greedy repeat backing off). With no such digit no position inside the
 * run can start a match (its run ends at the same r, its range of q is smaller): go on at r. */
#define NUM_LOOP(CTYPE, SKIP)                                                           \
    do {                                                                                \
        const CTYPE *d = (const CTYPE *)data;                                           \
        Py_ssize_t i = 0;                                                               \
        while (i < n) {                                                                 \
            if (!NUM_DIGIT(d[i])) {                                                     \
                i++;                                                                    \
                SKIP;                                                                   \
                continue;                                                               \
            }                                                                           \
            Py_ssize_t p = i, r = p + 1;                                                \
            while (r < n && NUM_CLASS(d[r]))                                            \
                r++;                                                                    \
            Py_ssize_t q = r - 1;                                                       \
            while (q - p - 1 >= min_inner && !NUM_DIGIT(d[q]))                          \
                q--;                                                                    \
            if (q - p - 1 >= min_inner) {                                               \
                PyObject *span = Py_BuildValue("(nn)", p, q + 1);                       \
                if (span == NULL || PyList_Append(out, span) < 0) {                     \
                    Py_XDECREF(span);                                                   \
                    Py_DECREF(out);                                                     \
                    return NULL;                                                        \
                }                                                                       \
                Py_DECREF(span);                                                        \
                i = q + 1;                                                              \
            } else {                                                                    \
                i = r;                                                                  \
            }                                                                           \
        }                                                                               \
    } while (0)

/* One byte per character: skip 8 characters at a time while none of them is a digit (the
 * bytes ^ '0' are below 10 exactly for the digits; "some byte below 10" by the borrow test,
 * which has no false negative and no false positive for the question "any"). */
static inline int
has_digit8(const Py_UCS1 *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    x ^= 0x3030303030303030ULL;
    return ((x - 0x0A0A0A0A0A0A0A0AULL) & ~x & 0x8080808080808080ULL) != 0;
}

#define SKIP_BYTES                                                                      \
    while (i + 8 <= n && !has_digit8(d + i))                                            \
        i += 8

static PyObject *
number_runs(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t min_inner;
    if (!PyArg_ParseTuple(args, "Un:number_runs", &text, &min_inner))
        return NULL;
    if (min_inner < 0) {
        PyErr_SetString(PyExc_ValueError, "number_runs: min_inner must be >= 0");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        NUM_LOOP(Py_UCS1, SKIP_BYTES);
        break;
    case PyUnicode_2BYTE_KIND:
        NUM_LOOP(Py_UCS2, (void)0);
        break;
    default:
        NUM_LOOP(Py_UCS4, (void)0);
        break;
    }
    return out;
}

/* ------------------------------------------------------------------ URL host */

/* str.isspace of an ASCII character */
static inline int
ascii_space(Py_UCS1 c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* urllib.parse.scheme_chars */
static inline int
scheme_char(Py_UCS1 c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+'
           || c == '-' || c == '.';
}

/* The first i in [from, to) with d[i] == c, else to. */
static inline Py_ssize_t
find_byte(const Py_UCS1 *d, Py_ssize_t from, Py_ssize_t to, Py_UCS1 c)
{
    const Py_UCS1 *hit = from < to ? memchr(d + from, c, (size_t)(to - from)) : NULL;
    return hit ? hit - d : to;
}

static PyObject *
ascii_str(const Py_UCS1 *p, Py_ssize_t n)
{
    PyObject *s = PyUnicode_New(n, 127);
    if (s != NULL && n > 0)
        memcpy(PyUnicode_1BYTE_DATA(s), p, (size_t)n);
    return s;
}

/* host_and_split's steps (optout.py): strip, "//" when missing, split_url's plain path,
 * netloc_hostname, the trailing dots and "www.". */
static PyObject *
host_split(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "host_split: url must be str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(arg))
        Py_RETURN_NONE;
    const Py_UCS1 *src = PyUnicode_1BYTE_DATA(arg);
    Py_ssize_t a = 0, b = PyUnicode_GET_LENGTH(arg);
    while (a < b && ascii_space(src[a]))
        a++;
    while (b > a && ascii_space(src[b - 1]))
        b--;
    if (a == b) /* (None, "", None) */
        return Py_BuildValue("(OsO)", Py_None, "", Py_None);
    int has_slashes = 0;
    for (Py_ssize_t i = a; i + 1 < b; i++) {
        if (src[i] == '/' && src[i + 1] == '/') {
            has_slashes = 1;
            break;
        }
    }
    /* the URL split_url parses: "//" + stripped when it has no "//" */
    Py_ssize_t n = (b - a) + (has_slashes ? 0 : 2);
    PyObject *parsed = PyUnicode_New(n, 127);
    if (parsed == NULL)
        return NULL;
    Py_UCS1 *d = PyUnicode_1BYTE_DATA(parsed);
    if (!has_slashes) {
        d[0] = d[1] = '/';
    }
    memcpy(d + (has_slashes ? 0 : 2), src + a, (size_t)(b - a));
    if (d[0] <= ' ') { /* not plain (a character split_url leaves to urlsplit) */
        Py_DECREF(parsed);
        Py_RETURN_NONE;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS1 c = d[i];
        if (c == '\t' || c == '\n' || c == '\r' || c == '[' || c == ']') {
            Py_DECREF(parsed);
            Py_RETURN_NONE;
        }
    }
    /* the scheme: letters, digits, "+-." before the first ":", starting with a letter */
    Py_ssize_t u = 0, colon = find_byte(d, 0, n, ':');
    if (colon > 0 && colon < n && ((d[0] | 0x20) >= 'a' && (d[0] | 0x20) <= 'z')) {
        Py_ssize_t i = 0;
        while (i < colon && scheme_char(d[i]))
            i++;
        if (i == colon)
            u = colon + 1;
    }
    Py_ssize_t net_a = u, net_b = u; /* netloc [net_a, net_b) */
    if (n - u >= 2 && d[u] == '/' && d[u + 1] == '/') {
        Py_ssize_t end = n;
        const char *stops = "/?#";
        for (int k = 0; k < 3; k++) {
            Py_ssize_t w = find_byte(d, u + 2, end, (Py_UCS1)stops[k]);
            if (w < end)
                end = w;
        }
        net_a = u + 2;
        net_b = end;
        u = end;
    }
    Py_ssize_t rest_end = find_byte(d, u, n, '#'); /* the fragment goes */
    Py_ssize_t q = find_byte(d, u, rest_end, '?');
    PyObject *netloc = ascii_str(d + net_a, net_b - net_a);
    PyObject *path = netloc ? ascii_str(d + u, q - u) : NULL;
    PyObject *query = path ? ascii_str(d + (q < rest_end ? q + 1 : rest_end),
                                       q < rest_end ? rest_end - q - 1 : 0) : NULL;
    PyObject *parts = query ? PyTuple_Pack(3, netloc, path, query) : NULL;
    Py_XDECREF(netloc);
    Py_XDECREF(path);
    Py_XDECREF(query);
    if (parts == NULL) {
        Py_DECREF(parsed);
        return NULL;
    }
    /* netloc_hostname: after the last "@", before the first ":"; lower-cased before a "%" */
    Py_ssize_t h_a = net_a;
    for (Py_ssize_t i = net_b; i > net_a; i--) {
        if (d[i - 1] == '@') {
            h_a = i;
            break;
        }
    }
    Py_ssize_t h_b = find_byte(d, h_a, net_b, ':');
    PyObject *host;
    if (h_b == h_a) {
        host = Py_None;
        Py_INCREF(host);
    } else {
        Py_ssize_t pct = find_byte(d, h_a, h_b, '%');
        Py_ssize_t e = h_b;
        while (e > h_a && d[e - 1] == '.')
            e--;
        Py_ssize_t s0 = h_a;
        if (e - s0 >= 4) { /* "www." after lowering (a "%" within it keeps its case) */
            int www = 1;
            for (int k = 0; k < 4 && www; k++) {
                Py_UCS1 c = d[s0 + k];
                if (s0 + k < pct && c >= 'A' && c <= 'Z')
                    c = (Py_UCS1)(c | 0x20);
                www = c == "www."[k];
            }
            if (www)
                s0 += 4;
        }
        host = PyUnicode_New(e - s0, 127);
        if (host != NULL) {
            Py_UCS1 *o = PyUnicode_1BYTE_DATA(host);
            for (Py_ssize_t i = s0; i < e; i++) {
                Py_UCS1 c = d[i];
                o[i - s0] = (i < pct && c >= 'A' && c <= 'Z') ? (Py_UCS1)(c | 0x20) : c;
            }
        }
    }
    if (host == NULL) {
        Py_DECREF(parsed);
        Py_DECREF(parts);
        return NULL;
    }
    PyObject *out = PyTuple_Pack(3, host, parsed, parts);
    Py_DECREF(host);
    Py_DECREF(parsed);
    Py_DECREF(parts);
    return out;
}

static PyMethodDef methods[] = {
    {"needles_present", needles_present, METH_VARARGS,
     "needles_present(text, needles) -> int: bit i set iff needles[i] in text (<= 64 needles)."},
    {"lower_needles_present", lower_needles_present, METH_VARARGS,
     "lower_needles_present(text, needles) -> int: needles_present(text.lower(), needles)."},
    {"lower_table", lower_table, METH_O, "lower_table(frozenset) -> the table any_lower_in and lower_hits read."},
    {"any_lower_in", any_lower_in, METH_VARARGS,
     "any_lower_in(tokens, table) -> bool: not targets.isdisjoint(map(str.lower, tokens))."},
    {"lower_hits", lower_hits, METH_VARARGS,
     "lower_hits(tokens, table) -> set: targets.intersection(map(str.lower, tokens))."},
    {"gopher_marks", gopher_marks, METH_O,
     "gopher_marks(text) -> (lines, bullet_lines, end_ellipsis_lines, hashes, dots3, ellipses)."},
    {"line_end_count", line_end_count, METH_VARARGS,
     "line_end_count(text, chars) -> int: lines of text.split('\\n') ending in a char of sorted chars."},
    {"class_table", class_table, METH_O, "class_table(((lo, hi), ...)) -> the table class_positions reads."},
    {"class_positions", class_positions, METH_VARARGS,
     "class_positions(text, table, start, limit) -> offsets >= start of text's characters in the class."},
    {"host_split", host_split, METH_O,
     "host_split(url) -> optout.host_and_split(url) for a plain ASCII URL, else None."},
    {"number_runs", number_runs, METH_VARARGS,
     "number_runs(text, min_inner) -> spans of [0-9][0-9.\\-() \\u2013]{min_inner,}[0-9] matches."},
    {"member_table", member_table, METH_O, "member_table(frozenset) -> the exact table count_members reads."},
    {"count_members", count_members, METH_VARARGS,
     "count_members(items, table) -> int: sum(x in targets for x in items)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_scan", "Compiled text scans (reference: saring.scan).", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_scan(void)
{
    init_gopher_classes();
    str_lower = PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "lower");
    if (str_lower == NULL)
        return NULL;
    return PyModule_Create(&module);
}
