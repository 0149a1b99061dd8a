/* Compiled kernels of the boilerplate step.
 *
 * 1. The positions near needle occurrences where a span rule can start
 *    (saring.boilerplate.dispatch.needle_starts, the pure-Python reference).
 *
 * needle_starts(text, needles, offset, limit, firsts=None) -> sorted list of int, or None
 *
 * Same algorithm as the reference, step for step: for each needle in order, each occurrence k
 * (str.find semantics: text_find) counts against ``limit`` (one past it: None); the
 * positions lo..k (lo = max(0, k - offset)), or only those holding a character of ``firsts``
 * (PyUnicode_FindChar), join the set; a set larger than ``limit`` after an occurrence: None.
 * The set is a bitmap over the text's positions (calloc'd, n / 8 + 1 bytes). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Rough per-mille frequency of a byte in Indonesian news text (lower-case letters from letter
 * counts, a capital a tenth of its lower-case letter): the anchor of a needle is its rarest
 * byte by this table, so memchr stops at few false candidates. Only speed depends on it. */
static const unsigned short LOWER_FREQ[26] = {
    190, 25, 7, 35, 80, 3, 35, 25, 80, 8, 50, 30, 35, 90, 25, 25, 1, 45, 45, 45, 45, 2, 6, 1, 15, 1,
};

static int
nd_rank_of(unsigned char c)
{
    if (c >= 'a' && c <= 'z')
        return 10 * LOWER_FREQ[c - 'a'];
    if (c >= 'A' && c <= 'Z')
        return LOWER_FREQ[c - 'A'] + 1;
    if (c == ' ')
        return 1500;
    if (c == '.' || c == ',')
        return 150;
    if (c >= '0' && c <= '9')
        return 50;
    return c < 128 ? 10 : 5;
}

static unsigned short ND_RANK[256]; /* nd_rank_of of every byte (module init) */

/* str.find(needle, start) in a 1-byte text d[0:n] for a non-empty 1-byte needle nb[0:len]:
 * memchr for the needle's rarest-looking byte (ND_RANK), each hit compared in full. */
static Py_ssize_t
ucs1_find(const unsigned char *d, Py_ssize_t n, const unsigned char *nb, Py_ssize_t len,
          Py_ssize_t start)
{
    if (start < 0 || len > n - start)
        return -1;
    Py_ssize_t a = 0, b = len - 1; /* the rarest byte; another one tested before memcmp */
    for (Py_ssize_t k = 1; k < len; k++) {
        if (ND_RANK[nb[k]] < ND_RANK[nb[a]])
            a = k;
    }
    for (Py_ssize_t k = 0; k < len; k++) {
        if (k != a && (b == a || ND_RANK[nb[k]] < ND_RANK[nb[b]]))
            b = k;
    }
    /* an occurrence starting at s has nb[a] at s + a, s in [start, n - len] */
    const unsigned char *p = d + start + a, *last = d + (n - len) + a;
    while (p <= last) {
        p = memchr(p, nb[a], (size_t)(last - p) + 1);
        if (p == NULL)
            return -1;
        if (p[b - a] == nb[b] && memcmp(p - a, nb, (size_t)len) == 0)
            return (p - a) - d;
        p++;
    }
    return -1;
}

/* str.find(needle, start) (-2 with an exception set on error): ucs1_find when the text and
 * the needle are 1-byte strings and the needle is not empty, else PyUnicode_Find. */
static Py_ssize_t
text_find(PyObject *text, PyObject *nd, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(nd);
    if (len > 0 && PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND &&
        PyUnicode_KIND(nd) == PyUnicode_1BYTE_KIND && 0 <= start &&
        end <= PyUnicode_GET_LENGTH(text)) {
        const unsigned char *d = PyUnicode_1BYTE_DATA(text);
        Py_ssize_t at = start <= end ? ucs1_find(d, end, PyUnicode_1BYTE_DATA(nd), len, start) : -1;
        return at;
    }
    return PyUnicode_Find(text, nd, start, end, 1);
}

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
        Py_ssize_t k = text_find(text, nd, 0, n);
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
            k = text_find(text, nd, k + 1, n);
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

/* 2. Per line of a text, the whole-line rules that can match it at all
 *    (saring.boilerplate.linescan.line_candidates_py, the pure-Python reference).
 *
 * line_spec(ascii_masks, other_mask, widths, dnfs, needles) -> capsule (built once per rule set)
 * line_candidates(text, ((spec, strip), ...)) -> tuple of lists, one per spec: per line (split
 *     on "\n") None, True or a tuple of rule indices: the rules whose first-character mask holds
 *     the line's first character (the other mask for a non-ASCII one), whose width fits
 *     (lo <= length, core <= hi; core: the length without trailing spaces/tabs) and whose
 *     needle DNF holds. ``strip``: the line is stripped as str.strip() does
 *     (Py_UNICODE_ISSPACE); without it a line starting with a space or tab gives True.
 *     Needles: an exact one occurs as written (PyUnicode_Find, str.__contains__), an
 *     ignore-case one (lower-case ASCII) in the line folded by fold_ucs4 (memmem). A needle of
 *     3+ characters is first looked up in the line's trigram fingerprint (4096 hashed bits of
 *     its folded trigrams): one whose trigram is missing cannot occur, so most needles cost a
 *     few bit tests; shorter ones are searched for in the folded line (memchr/memmem), an
 *     exact one found there is then confirmed in the text. */

#define LS_MAX_RULES 64
#define LS_GRAMS 8 /* n-grams of a needle looked up in the fingerprint */
#define LS_WORD_MAX 64 /* prose filter words are shorter */

typedef struct {
    PyObject *text; /* exact: the needle as a str; ignore-case: NULL */
    unsigned char *folded; /* the needle folded (ignore-case: the needle itself) */
    Py_ssize_t len;
    int fold_exact; /* exact, only ASCII non-letters: found folded is found as written */
    int n_grams;
    unsigned short grams[LS_GRAMS]; /* trigram hashes (needles of 3+ characters) */
} LsNeedle;

/* linescan.ProseFilter.surely_rejects: a line longer than max_len, or ending in one of ends
 * with at least min_spaces spaces, whose first word (up to the first ' ', stripped of lstrip
 * on the left and rstrip on the right) is ASCII, lower-cased not one of words, and that holds
 * none of marks. */
typedef struct {
    Py_ssize_t max_len, min_spaces, n_words;
    PyObject *ends, *lstrip, *rstrip, *marks; /* str, str, str, tuple of str */
    char **words; /* lower-case ASCII, NUL-terminated */
    Py_ssize_t *word_len;
} LsProse;

typedef struct {
    Py_ssize_t n_rules, n_needles;
    uint64_t ascii[128];
    uint64_t other;
    Py_ssize_t lo[LS_MAX_RULES], hi[LS_MAX_RULES];
    /* rule k: alternatives alt_at[k] .. alt_at[k + 1] (filtered[k] == 0: no needle filter);
     * alternative a: sets set_at[a] .. set_at[a + 1]; set s: needles nd_at[s] .. nd_at[s + 1] */
    char filtered[LS_MAX_RULES];
    Py_ssize_t alt_at[LS_MAX_RULES + 1];
    Py_ssize_t *set_at, *nd_at, *nd_ids;
    LsNeedle *needles;
    LsProse *prose; /* NULL: no prose filter */
} LsSpec;

static inline unsigned char
fold_ucs4(Py_UCS4 c)
{
    if (c < 128)
        return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : (unsigned char)c;
    if (c == 0x131)
        return 'i';
    if (c == 0x17F)
        return 's';
    Py_UCS4 low = Py_UNICODE_TOLOWER(c);
    return low < 128 ? (unsigned char)low : 0x80;
}

static inline unsigned
trigram(unsigned char x, unsigned char y, unsigned char z)
{
    return (((unsigned)x << 6) ^ ((unsigned)y << 3) ^ z) & 4095u;
}

static void
ls_prose_free(LsProse *pr)
{
    if (pr == NULL)
        return;
    Py_XDECREF(pr->ends);
    Py_XDECREF(pr->lstrip);
    Py_XDECREF(pr->rstrip);
    Py_XDECREF(pr->marks);
    if (pr->words != NULL) {
        for (Py_ssize_t i = 0; i < pr->n_words; i++)
            PyMem_Free(pr->words[i]);
    }
    PyMem_Free(pr->words);
    PyMem_Free(pr->word_len);
    PyMem_Free(pr);
}

static void
ls_free(LsSpec *sp)
{
    if (sp == NULL)
        return;
    if (sp->needles != NULL) {
        for (Py_ssize_t i = 0; i < sp->n_needles; i++) {
            Py_XDECREF(sp->needles[i].text);
            PyMem_Free(sp->needles[i].folded);
        }
    }
    PyMem_Free(sp->needles);
    ls_prose_free(sp->prose);
    PyMem_Free(sp->set_at);
    PyMem_Free(sp->nd_at);
    PyMem_Free(sp->nd_ids);
    PyMem_Free(sp);
}

static void
ls_capsule_free(PyObject *cap)
{
    ls_free((LsSpec *)PyCapsule_GetPointer(cap, "saring.boilerplate.line_spec"));
}

static int
ls_u64(PyObject *o, uint64_t *out)
{
    if (!PyLong_Check(o)) {
        PyErr_SetString(PyExc_TypeError, "line_spec: masks must be int");
        return -1;
    }
    unsigned long long v = PyLong_AsUnsignedLongLong(o);
    if (v == (unsigned long long)-1 && PyErr_Occurred())
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static int
ls_bad(const char *what)
{
    PyErr_Format(PyExc_ValueError, "line_spec: bad %s", what);
    return -1;
}

/* Count the alternatives, sets and needle ids of the DNFs (fill == 0) or fill them in. */
static int
ls_walk_dnfs(LsSpec *sp, PyObject *dnfs, int fill, Py_ssize_t *n_alt, Py_ssize_t *n_set,
             Py_ssize_t *n_id)
{
    Py_ssize_t a = 0, s = 0, d = 0;
    for (Py_ssize_t k = 0; k < sp->n_rules; k++) {
        PyObject *dnf = PyTuple_GET_ITEM(dnfs, k);
        if (fill)
            sp->alt_at[k] = a;
        if (dnf == Py_None)
            continue;
        if (!PyTuple_Check(dnf) || PyTuple_GET_SIZE(dnf) == 0)
            return ls_bad("dnf");
        if (fill)
            sp->filtered[k] = 1;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(dnf); i++, a++) {
            PyObject *conj = PyTuple_GET_ITEM(dnf, i);
            if (!PyTuple_Check(conj))
                return ls_bad("alternative");
            if (fill)
                sp->set_at[a] = s;
            for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(conj); j++, s++) {
                PyObject *set = PyTuple_GET_ITEM(conj, j);
                if (!PyTuple_Check(set) || PyTuple_GET_SIZE(set) == 0)
                    return ls_bad("needle set");
                if (fill)
                    sp->nd_at[s] = d;
                for (Py_ssize_t m = 0; m < PyTuple_GET_SIZE(set); m++, d++) {
                    Py_ssize_t id = PyLong_AsSsize_t(PyTuple_GET_ITEM(set, m));
                    if (id == -1 && PyErr_Occurred())
                        return -1;
                    if (id < 0 || id >= sp->n_needles)
                        return ls_bad("needle index");
                    if (fill)
                        sp->nd_ids[d] = id;
                }
            }
        }
    }
    if (fill) {
        sp->alt_at[sp->n_rules] = a;
        sp->set_at[a] = s;
        sp->nd_at[s] = d;
    }
    *n_alt = a;
    *n_set = s;
    *n_id = d;
    return 0;
}

static int
ls_needles(LsSpec *sp, PyObject *needles)
{
    sp->needles = PyMem_Calloc((size_t)sp->n_needles + 1, sizeof(LsNeedle));
    if (sp->needles == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < sp->n_needles; i++) {
        PyObject *item = PyTuple_GET_ITEM(needles, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2 ||
            !PyUnicode_Check(PyTuple_GET_ITEM(item, 0)))
            return ls_bad("needle");
        PyObject *text = PyTuple_GET_ITEM(item, 0);
        int ci = PyObject_IsTrue(PyTuple_GET_ITEM(item, 1));
        if (ci < 0)
            return -1;
        Py_ssize_t len = PyUnicode_GET_LENGTH(text);
        if (len == 0)
            return ls_bad("needle (empty)");
        if (ci && !PyUnicode_IS_ASCII(text))
            return ls_bad("ignore-case needle (not ASCII)");
        LsNeedle *nd = &sp->needles[i];
        nd->len = len;
        nd->folded = PyMem_Malloc((size_t)len);
        if (nd->folded == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        for (Py_ssize_t j = 0; j < len; j++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, j);
            if (ci && c >= 'A' && c <= 'Z')
                return ls_bad("ignore-case needle (not lower-case)");
            nd->folded[j] = fold_ucs4(c);
        }
        nd->fold_exact = !ci;
        for (Py_ssize_t j = 0; j < len && nd->fold_exact; j++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, j);
            /* only an ASCII letter has another character folding to it (fold_ucs4) */
            nd->fold_exact = c < 128 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        }
        const unsigned char *f = nd->folded;
        for (Py_ssize_t j = 0; j + 2 < len && nd->n_grams < LS_GRAMS; j++)
            nd->grams[nd->n_grams++] = (unsigned short)trigram(f[j], f[j + 1], f[j + 2]);
        if (!ci) {
            Py_INCREF(text);
            nd->text = text;
        }
    }
    return 0;
}

static int
ls_prose(LsSpec *sp, PyObject *prose)
{
    PyObject *ends, *lstrip, *rstrip, *words, *marks;
    Py_ssize_t max_len, min_spaces;
    if (!PyTuple_Check(prose) ||
        !PyArg_ParseTuple(prose, "nUnO!UUO!:line_spec prose", &max_len, &ends, &min_spaces,
                          &PyTuple_Type, &words, &lstrip, &rstrip, &PyTuple_Type, &marks))
        return PyErr_Occurred() ? -1 : ls_bad("prose filter");
    LsProse *pr = sp->prose = PyMem_Calloc(1, sizeof(LsProse));
    if (pr == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    pr->max_len = max_len;
    pr->min_spaces = min_spaces;
    Py_INCREF(ends);
    pr->ends = ends;
    Py_INCREF(lstrip);
    pr->lstrip = lstrip;
    Py_INCREF(rstrip);
    pr->rstrip = rstrip;
    Py_INCREF(marks);
    pr->marks = marks;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(marks); i++) {
        PyObject *m = PyTuple_GET_ITEM(marks, i);
        if (!PyUnicode_Check(m) || PyUnicode_GET_LENGTH(m) == 0)
            return ls_bad("prose mark");
    }
    pr->n_words = PyTuple_GET_SIZE(words);
    pr->words = PyMem_Calloc((size_t)pr->n_words + 1, sizeof(char *));
    pr->word_len = PyMem_Calloc((size_t)pr->n_words + 1, sizeof(Py_ssize_t));
    if (pr->words == NULL || pr->word_len == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < pr->n_words; i++) {
        PyObject *w = PyTuple_GET_ITEM(words, i);
        if (!PyUnicode_Check(w) || !PyUnicode_IS_ASCII(w))
            return ls_bad("prose word (not ASCII)");
        Py_ssize_t len = PyUnicode_GET_LENGTH(w);
        if (len >= LS_WORD_MAX)
            return ls_bad("prose word (too long)");
        const char *c = (const char *)PyUnicode_1BYTE_DATA(w);
        for (Py_ssize_t j = 0; j < len; j++) {
            if (c[j] >= 'A' && c[j] <= 'Z')
                return ls_bad("prose word (not lower-case)");
        }
        pr->words[i] = PyMem_Malloc((size_t)len + 1);
        if (pr->words[i] == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(pr->words[i], c, (size_t)len + 1);
        pr->word_len[i] = len;
    }
    return 0;
}

static PyObject *
line_spec(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *masks, *other, *widths, *dnfs, *needles, *prose = Py_None;
    if (!PyArg_ParseTuple(args, "O!OO!O!O!|O:line_spec", &PyTuple_Type, &masks, &other,
                          &PyTuple_Type, &widths, &PyTuple_Type, &dnfs, &PyTuple_Type, &needles,
                          &prose))
        return NULL;
    Py_ssize_t n_rules = PyTuple_GET_SIZE(widths);
    if (PyTuple_GET_SIZE(masks) != 128 || n_rules > LS_MAX_RULES ||
        PyTuple_GET_SIZE(dnfs) != n_rules) {
        PyErr_SetString(PyExc_ValueError, "line_spec: 128 masks, at most 64 rules, one dnf each");
        return NULL;
    }
    LsSpec *sp = PyMem_Calloc(1, sizeof(LsSpec));
    if (sp == NULL)
        return PyErr_NoMemory();
    sp->n_rules = n_rules;
    sp->n_needles = PyTuple_GET_SIZE(needles);
    Py_ssize_t n_alt, n_set, n_id;
    if (ls_needles(sp, needles) < 0 || ls_u64(other, &sp->other) < 0)
        goto fail;
    if (prose != Py_None && ls_prose(sp, prose) < 0)
        goto fail;
    for (int c = 0; c < 128; c++)
        if (ls_u64(PyTuple_GET_ITEM(masks, c), &sp->ascii[c]) < 0)
            goto fail;
    uint64_t valid = n_rules == 64 ? ~(uint64_t)0 : (((uint64_t)1 << n_rules) - 1);
    for (int c = 0; c < 128; c++)
        sp->ascii[c] &= valid;
    sp->other &= valid;
    for (Py_ssize_t k = 0; k < n_rules; k++) {
        PyObject *w = PyTuple_GET_ITEM(widths, k);
        if (!PyTuple_Check(w) || PyTuple_GET_SIZE(w) != 2) {
            ls_bad("width");
            goto fail;
        }
        sp->lo[k] = PyLong_AsSsize_t(PyTuple_GET_ITEM(w, 0));
        if (sp->lo[k] == -1 && PyErr_Occurred())
            goto fail;
        sp->hi[k] = PyLong_AsSsize_t(PyTuple_GET_ITEM(w, 1));
        if (sp->hi[k] == -1 && PyErr_Occurred())
            goto fail;
    }
    if (ls_walk_dnfs(sp, dnfs, 0, &n_alt, &n_set, &n_id) < 0)
        goto fail;
    sp->set_at = PyMem_Calloc((size_t)n_alt + 1, sizeof(Py_ssize_t));
    sp->nd_at = PyMem_Calloc((size_t)n_set + 1, sizeof(Py_ssize_t));
    sp->nd_ids = PyMem_Calloc((size_t)n_id + 1, sizeof(Py_ssize_t));
    if (sp->set_at == NULL || sp->nd_at == NULL || sp->nd_ids == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    if (ls_walk_dnfs(sp, dnfs, 1, &n_alt, &n_set, &n_id) < 0)
        goto fail;
    PyObject *cap = PyCapsule_New(sp, "saring.boilerplate.line_spec", ls_capsule_free);
    if (cap == NULL)
        goto fail;
    return cap;
fail:
    ls_free(sp);
    return NULL;
}

static PyObject *
fold_text(PyObject *self, PyObject *text)
{
    (void)self;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "fold: text must be a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyUnicode_New(n, 255);
    if (out == NULL)
        return NULL;
    Py_UCS1 *dst = PyUnicode_1BYTE_DATA(out);
    for (Py_ssize_t i = 0; i < n; i++)
        dst[i] = fold_ucs4(PyUnicode_READ(kind, data, i));
    return out;
}

/* One raw line [ra, rb) of the text, its folded characters and n-gram fingerprint (made on the
 * first needle test) and, per spec, the range [a, b) the rules see. */
typedef struct {
    PyObject *text;
    int kind;
    const void *data;
    Py_ssize_t ra, rb, a, b;
    unsigned char *folded; /* indexed by text position */
    int have_grams;
    uint64_t tri[64];
    signed char *known; /* per needle of the current spec: -1 unknown, 0 absent, 1 present */
} LsLine;

static unsigned char FOLD1[256]; /* fold_ucs4 of the first 256 code points (module init) */

/* Fold the line's characters and set the bit of each folded trigram, in one loop (the last two
 * folded characters kept in registers). */
#define LS_GRAMS_LOOP(CTYPE, FOLD)                                                              \
    do {                                                                                        \
        const CTYPE *d = (const CTYPE *)ln->data + ln->ra;                                      \
        unsigned x = 0, y = 0;                                                                  \
        for (Py_ssize_t j = 0; j < m; j++) {                                                    \
            unsigned z = FOLD(d[j]);                                                            \
            f[j] = (unsigned char)z;                                                            \
            if (j >= 2) {                                                                       \
                unsigned h = trigram((unsigned char)x, (unsigned char)y, (unsigned char)z);     \
                tri[h >> 6] |= (uint64_t)1 << (h & 63);                                         \
            }                                                                                   \
            x = y;                                                                              \
            y = z;                                                                              \
        }                                                                                       \
    } while (0)

#define LS_FOLD1(c) FOLD1[(c)]
#define LS_FOLDW(c) ((c) < 256 ? FOLD1[(c)] : fold_ucs4(c))

static void
ls_grams(LsLine *ln)
{
    uint64_t *tri = ln->tri;
    memset(tri, 0, sizeof ln->tri);
    Py_ssize_t m = ln->rb - ln->ra;
    unsigned char *f = ln->folded + ln->ra;
    if (ln->kind == PyUnicode_1BYTE_KIND)
        LS_GRAMS_LOOP(Py_UCS1, LS_FOLD1);
    else if (ln->kind == PyUnicode_2BYTE_KIND)
        LS_GRAMS_LOOP(Py_UCS2, LS_FOLDW);
    else
        LS_GRAMS_LOOP(Py_UCS4, LS_FOLDW);
    ln->have_grams = 1;
}

/* A needle of one or two bytes in at[0:m] (memchr, then the second byte). */
static inline int
pair_in(const unsigned char *at, size_t m, const unsigned char *nd, Py_ssize_t len)
{
    const unsigned char *p = memchr(at, nd[0], m);
    if (len == 1)
        return p != NULL;
    const unsigned char *end = at + m;
    while (p != NULL && p + 1 < end) {
        if (p[1] == nd[1])
            return 1;
        p = memchr(p + 1, nd[0], (size_t)(end - p - 1));
    }
    return 0;
}

/* 1 when needle i occurs in the line's range [a, b), 0 when not, -1 on error. */
static int
ls_present(const LsSpec *sp, LsLine *ln, Py_ssize_t i)
{
    if (ln->known[i] >= 0)
        return ln->known[i];
    const LsNeedle *nd = &sp->needles[i];
    int found = 1;
    if (nd->len > ln->b - ln->a) {
        found = 0;
    } else {
        if (!ln->have_grams)
            ls_grams(ln);
        if (nd->len <= 2) {  /* searched for in the folded line */
            const unsigned char *at = ln->folded + ln->a;
            size_t m = (size_t)(ln->b - ln->a);
            found = pair_in(at, m, nd->folded, nd->len);
            if (found && (nd->text == NULL || nd->fold_exact))
                goto done;  /* ignore-case, or no letter: the folded search is the answer */
        } else {
            for (int g = 0; g < nd->n_grams && found; g++)
                found = (ln->tri[nd->grams[g] >> 6] >> (nd->grams[g] & 63)) & 1;
        }
    }
    if (found && nd->text != NULL) {
        Py_ssize_t at = PyUnicode_Find(ln->text, nd->text, ln->a, ln->b, 1);
        if (at == -2)
            return -1;
        found = at >= 0;
    } else if (found) {
        found = memmem(ln->folded + ln->a, (size_t)(ln->b - ln->a), nd->folded,
                       (size_t)nd->len) != NULL;
    }
done:
    ln->known[i] = (signed char)found;
    return found;
}

/* 1 when rule k's needle DNF holds on the line (or it has none), 0 when not, -1 on error. */
static int
ls_dnf(const LsSpec *sp, LsLine *ln, Py_ssize_t k)
{
    if (!sp->filtered[k])
        return 1;
    for (Py_ssize_t a = sp->alt_at[k]; a < sp->alt_at[k + 1]; a++) {
        int all = 1;
        for (Py_ssize_t s = sp->set_at[a]; s < sp->set_at[a + 1] && all; s++) {
            int any = 0;
            for (Py_ssize_t d = sp->nd_at[s]; d < sp->nd_at[s + 1] && !any; d++) {
                int p = ls_present(sp, ln, sp->nd_ids[d]);
                if (p < 0)
                    return -1;
                any = p;
            }
            all = any;
        }
        if (all)
            return 1;
    }
    return 0;
}

static inline int
ls_char_in(PyObject *chars, Py_UCS4 c)
{
    return PyUnicode_FindChar(chars, c, 0, PyUnicode_GET_LENGTH(chars), 1) >= 0;
}

/* 1 when the prose filter rejects the line's range [a, b) (non-empty), 0 when not, -1 on
 * error (see LsProse). */
static int
ls_prose_rejects(const LsProse *pr, const LsLine *ln)
{
    int kind = ln->kind;
    const void *data = ln->data;
    Py_ssize_t a = ln->a, b = ln->b;
    if (b - a <= pr->max_len) {
        if (!ls_char_in(pr->ends, PyUnicode_READ(kind, data, b - 1)))
            return 0;
        Py_ssize_t spaces = 0;
        for (Py_ssize_t j = a; j < b && spaces < pr->min_spaces; j++)
            spaces += PyUnicode_READ(kind, data, j) == ' ';
        if (spaces < pr->min_spaces)
            return 0;
    }
    Py_ssize_t ws = a, we = a;
    while (we < b && PyUnicode_READ(kind, data, we) != ' ')
        we++;
    while (ws < we && ls_char_in(pr->lstrip, PyUnicode_READ(kind, data, ws)))
        ws++;
    while (we > ws && ls_char_in(pr->rstrip, PyUnicode_READ(kind, data, we - 1)))
        we--;
    char word[LS_WORD_MAX];
    Py_ssize_t len = we - ws;
    if (len >= LS_WORD_MAX)
        len = -1; /* longer than every word (line_spec checks): compared with none */
    for (Py_ssize_t j = 0; j < we - ws; j++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, ws + j);
        if (c >= 128)
            return 0; /* not an ASCII word: left to classify */
        if (len >= 0)
            word[j] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    for (Py_ssize_t i = 0; i < pr->n_words && len >= 0; i++) {
        if (pr->word_len[i] == len && memcmp(pr->words[i], word, (size_t)len) == 0)
            return 0;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(pr->marks); i++) {
        Py_ssize_t at = text_find(ln->text, PyTuple_GET_ITEM(pr->marks, i), a, b);
        if (at == -2)
            return -1;
        if (at >= 0)
            return 0;
    }
    return 1;
}

/* The entry of the current line for one spec: None, True or a tuple of rule indices (new
 * reference), NULL on error. */
static PyObject *
ls_entry(const LsSpec *sp, LsLine *ln, int strip)
{
    Py_ssize_t a = ln->ra, b = ln->rb;
    if (strip) {
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(ln->kind, ln->data, a)))
            a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(ln->kind, ln->data, b - 1)))
            b--;
    }
    if (a == b)
        Py_RETURN_NONE;
    Py_UCS4 first = PyUnicode_READ(ln->kind, ln->data, a);
    if (!strip && (first == ' ' || first == '\t'))
        Py_RETURN_TRUE;
    uint64_t mask = first < 128 ? sp->ascii[first] : sp->other;
    Py_ssize_t n = b - a, core = n;
    while (core > 0) {
        Py_UCS4 c = PyUnicode_READ(ln->kind, ln->data, a + core - 1);
        if (c != ' ' && c != '\t')
            break;
        core--;
    }
    ln->a = a;
    ln->b = b;
    if (mask != 0 && sp->prose != NULL) {
        int r = ls_prose_rejects(sp->prose, ln);
        if (r < 0)
            return NULL;
        if (r)
            Py_RETURN_NONE;
    }
    memset(ln->known, -1, (size_t)sp->n_needles + 1);
    Py_ssize_t cands[LS_MAX_RULES];
    Py_ssize_t nc = 0;
    for (Py_ssize_t k = 0; mask != 0; k++, mask >>= 1) {
        if (!(mask & 1) || sp->lo[k] > n || core > sp->hi[k])
            continue;
        int ok = ls_dnf(sp, ln, k);
        if (ok < 0)
            return NULL;
        if (ok)
            cands[nc++] = k;
    }
    if (nc == 0)
        Py_RETURN_NONE;
    PyObject *tup = PyTuple_New(nc);
    if (tup == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < nc; i++) {
        PyObject *v = PyLong_FromSsize_t(cands[i]);
        if (v == NULL) {
            Py_DECREF(tup);
            return NULL;
        }
        PyTuple_SET_ITEM(tup, i, v);
    }
    return tup;
}

static PyObject *
line_candidates(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *specs;
    if (!PyArg_ParseTuple(args, "UO!:line_candidates", &text, &PyTuple_Type, &specs))
        return NULL;
    Py_ssize_t ns = PyTuple_GET_SIZE(specs), max_needles = 0;
    LsSpec *sps[8];
    int strips[8];
    if (ns > 8) {
        PyErr_SetString(PyExc_ValueError, "line_candidates: at most 8 specs");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < ns; i++) {
        PyObject *pair = PyTuple_GET_ITEM(specs, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "line_candidates: specs are (spec, strip) pairs");
            return NULL;
        }
        sps[i] = PyCapsule_GetPointer(PyTuple_GET_ITEM(pair, 0), "saring.boilerplate.line_spec");
        if (sps[i] == NULL)
            return NULL;
        strips[i] = PyObject_IsTrue(PyTuple_GET_ITEM(pair, 1));
        if (strips[i] < 0)
            return NULL;
        if (sps[i]->n_needles > max_needles)
            max_needles = sps[i]->n_needles;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    LsLine ln;
    memset(&ln, 0, sizeof ln);
    ln.text = text;
    ln.kind = PyUnicode_KIND(text);
    ln.data = PyUnicode_DATA(text);
    ln.folded = PyMem_Malloc((size_t)n + 1);
    ln.known = PyMem_Malloc((size_t)max_needles + 1);
    PyObject *out = PyTuple_New(ns);
    if (ln.folded == NULL || ln.known == NULL || out == NULL) {
        PyMem_Free(ln.folded);
        PyMem_Free(ln.known);
        Py_XDECREF(out);
        return out == NULL ? NULL : PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < ns; i++) {
        PyObject *lst = PyList_New(0);
        if (lst == NULL)
            goto fail;
        PyTuple_SET_ITEM(out, i, lst);
    }
    Py_ssize_t start = 0;
    for (;;) {
        Py_ssize_t nl = PyUnicode_FindChar(text, '\n', start, n, 1);
        if (nl == -2)
            goto fail;
        ln.ra = start;
        ln.rb = nl < 0 ? n : nl;
        ln.have_grams = 0;
        for (Py_ssize_t i = 0; i < ns; i++) {
            PyObject *entry = ls_entry(sps[i], &ln, strips[i]);
            if (entry == NULL)
                goto fail;
            int err = PyList_Append(PyTuple_GET_ITEM(out, i), entry);
            Py_DECREF(entry);
            if (err < 0)
                goto fail;
        }
        if (nl < 0)
            break;
        start = nl + 1;
    }
    PyMem_Free(ln.folded);
    PyMem_Free(ln.known);
    return out;
fail:
    PyMem_Free(ln.folded);
    PyMem_Free(ln.known);
    Py_DECREF(out);
    return NULL;
}

/* 3. Scrape-glue boundaries (saring.boilerplate.glue._boundaries_py, the pure-Python reference).
 *
 * case_boundaries(text) -> list of int: the offsets of the ASCII capitals directly after an
 *     ASCII lower-case letter ([a-z][A-Z]). A 1-byte text is read eight bytes at a time: with
 *     m = byte & 0x7f, m + 0x3f has its high bit from 'A' up and m + 0x25 from '[' up (no carry
 *     crosses a byte), so a word with no ASCII capital costs a few operations; each capital
 *     found is then checked against the byte before it. Wider kinds: one read per character. */

static int
cb_add(PyObject *out, Py_ssize_t i)
{
    PyObject *v = PyLong_FromSsize_t(i);
    if (v == NULL)
        return -1;
    int err = PyList_Append(out, v);
    Py_DECREF(v);
    return err;
}

#define CB_LOWER(c) ((c) >= 'a' && (c) <= 'z')
#define CB_UPPER(c) ((c) >= 'A' && (c) <= 'Z')

#define CB_LOOP(CTYPE)                                                                          \
    do {                                                                                        \
        const CTYPE *d = (const CTYPE *)data;                                                   \
        for (Py_ssize_t i = 1; i < n; i++) {                                                    \
            if (CB_UPPER(d[i]) && CB_LOWER(d[i - 1]) && cb_add(out, i) < 0)                     \
                goto fail;                                                                      \
        }                                                                                       \
    } while (0)

static PyObject *
case_boundaries(PyObject *self, PyObject *text)
{
    (void)self;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "case_boundaries: text must be str");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        const unsigned char *d = (const unsigned char *)data;
        const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fULL, hi = 0x8080808080808080ULL;
        Py_ssize_t i = 0;
        for (; i + 8 <= n; i += 8) {
            uint64_t w;
            memcpy(&w, d + i, 8);
            uint64_t m = w & lo7;
            uint64_t up = (m + 0x3f3f3f3f3f3f3f3fULL) & ~(m + 0x2525252525252525ULL) & ~w & hi;
            while (up) {
                /* little or big endian: the byte of the lowest set high bit in memory order */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
                int b = __builtin_clzll(up) >> 3;
                up &= ~((uint64_t)0x80 << (56 - 8 * b));
#else
                int b = __builtin_ctzll(up) >> 3;
                up &= up - 1;
#endif
                Py_ssize_t at = i + b;
                if (at > 0 && CB_LOWER(d[at - 1]) && cb_add(out, at) < 0)
                    goto fail;
            }
        }
        for (; i < n; i++) {
            if (i > 0 && CB_UPPER(d[i]) && CB_LOWER(d[i - 1]) && cb_add(out, i) < 0)
                goto fail;
        }
    } else if (kind == PyUnicode_2BYTE_KIND) {
        CB_LOOP(Py_UCS2);
    } else {
        CB_LOOP(Py_UCS4);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* 4. Which span-rule needles a text holds (saring.scan.needles_present_py, the reference).
 *
 * needles_in(text, needles) -> int: bit i set iff needles[i] in text (at most 64 needles).
 * A 1-byte text is searched needle by needle (ucs1_find: memchr for the needle's
 * rarest-looking byte, each hit compared in full); a needle holding a character above U+00FF
 * cannot occur. Most span needles are absent from most texts, and memchr passes over them at
 * memory speed instead of a table look-up per character. Wider texts: PyUnicode_Find. */

static PyObject *
needles_in(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *needles;
    if (!PyArg_ParseTuple(args, "UO!:needles_in", &text, &PyTuple_Type, &needles))
        return NULL;
    Py_ssize_t m = PyTuple_GET_SIZE(needles);
    if (m > 64) {
        PyErr_SetString(PyExc_ValueError, "needles_in: at most 64 needles");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int one_byte = PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND;
    const unsigned char *d = one_byte ? (const unsigned char *)PyUnicode_DATA(text) : NULL;
    uint64_t found = 0;
    for (Py_ssize_t j = 0; j < m; j++) {
        PyObject *nd = PyTuple_GET_ITEM(needles, j);
        if (!PyUnicode_Check(nd)) {
            PyErr_SetString(PyExc_TypeError, "needles_in: needles must be str");
            return NULL;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(nd);
        int hit = 0;
        if (len == 0) {
            hit = 1;
        } else if (len > n) {
            hit = 0;
        } else if (!one_byte) {
            Py_ssize_t at = PyUnicode_Find(text, nd, 0, n, 1);
            if (at == -2)
                return NULL;
            hit = at >= 0;
        } else if (PyUnicode_KIND(nd) == PyUnicode_1BYTE_KIND) {
            hit = ucs1_find(d, n, PyUnicode_1BYTE_DATA(nd), len, 0) >= 0;
        } /* else: a needle above U+00FF is not in a 1-byte text */
        if (hit)
            found |= (uint64_t)1 << j;
    }
    return PyLong_FromUnsignedLongLong(found);
}

/* 5. From spans and dropped lines to edits (saring.boilerplate.removals, the pure-Python
 *    references resolve_spans_py and removals_py).
 *
 * resolve_spans(text, starts, lines, spans, drop) -> sorted list of (start, end, rule id), or
 *     None when the input is not what the step makes (then nothing was changed): keeps the
 *     non-overlapping spans (sorted by start, longest first; ties in list order) that touch a
 *     line not in drop; a block crossing lines drops each line it leaves with no alphanumeric
 *     character (drop.setdefault) and keeps its pieces on the other lines; the one-line spans of
 *     a line that leave it with no alphanumeric character drop it (rule of its first span).
 *     ``_PUNCT_ONLY_RE.fullmatch(rest.strip())`` is "no character of rest is alphanumeric":
 *     [\W_] is every character sre's word test (Py_UNICODE_ISALNUM or '_') rejects, plus '_',
 *     and no whitespace character is alphanumeric (tests check both on every code point).
 * removals(text, starts, lines, drop, spans, Replacement) -> list of Replacement, or None:
 *     fix_overlaps(fix_overlaps(line_removals) + span_removals), see removals.py.
 *
 * Line k is [starts[k], starts[k] + len(lines[k])) as Lines.end says; line_of(offset) is
 * bisect_right(starts, offset) - 1. Accepted input: text a str, starts a list of ints and lines
 * a list of str of the same length (at least one line), drop a dict whose keys are ints in
 * [0, len(lines)) and values str, spans a list of 3-tuples (int, int, str) with
 * 0 <= start < end <= len(text). Anything else: None. */

typedef struct {
    Py_ssize_t n_lines;
    Py_ssize_t *starts, *ends;
    unsigned char *dropped; /* per line: a key of drop */
} RmLines;

typedef struct {
    Py_ssize_t s, e;
    PyObject *rid; /* borrowed */
    PyObject *item; /* the input tuple (borrowed) */
    Py_ssize_t order;
} RmSpan;

static void
rm_lines_free(RmLines *L)
{
    PyMem_Free(L->starts);
    PyMem_Free(L->ends);
    PyMem_Free(L->dropped);
}

/* 1: filled; 0: not the step's input (no exception); -1: error. */
static int
rm_lines(RmLines *L, Py_ssize_t n, PyObject *starts, PyObject *lines, PyObject *drop)
{
    memset(L, 0, sizeof *L);
    if (!PyList_CheckExact(starts) || !PyList_CheckExact(lines) || !PyDict_CheckExact(drop))
        return 0;
    Py_ssize_t m = PyList_GET_SIZE(starts);
    if (m == 0 || PyList_GET_SIZE(lines) != m)
        return 0;
    L->n_lines = m;
    L->starts = PyMem_Malloc((size_t)m * sizeof(Py_ssize_t));
    L->ends = PyMem_Malloc((size_t)m * sizeof(Py_ssize_t));
    L->dropped = PyMem_Calloc((size_t)m, 1);
    if (L->starts == NULL || L->ends == NULL || L->dropped == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *st = PyList_GET_ITEM(starts, k), *ln = PyList_GET_ITEM(lines, k);
        if (!PyLong_CheckExact(st) || !PyUnicode_Check(ln))
            return 0;
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(st, &overflow);
        if (overflow || v < 0 || v > n)
            return 0;
        L->starts[k] = (Py_ssize_t)v;
        L->ends[k] = L->starts[k] + PyUnicode_GET_LENGTH(ln);
        if (L->ends[k] > n || (k > 0 && L->starts[k] < L->starts[k - 1]))
            return 0;
    }
    if (L->starts[0] != 0)
        return 0;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(drop, &pos, &key, &value)) {
        if (!PyLong_CheckExact(key) || !PyUnicode_Check(value))
            return 0;
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(key, &overflow);
        if (overflow || v < 0 || v >= m)
            return 0;
        L->dropped[v] = 1;
    }
    return 1;
}

/* bisect_right(starts, offset) - 1 (offset >= 0, starts[0] == 0: at least 0). */
static Py_ssize_t
rm_line_of(const RmLines *L, Py_ssize_t offset)
{
    Py_ssize_t lo = 0, hi = L->n_lines;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (offset < L->starts[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo - 1;
}

/* 1 when text[a:b] holds an alphanumeric character (str.isalnum of one character). */
static int
rm_has_alnum(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    for (Py_ssize_t i = a; i < b; i++) {
        if (Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i)))
            return 1;
    }
    return 0;
}

/* 1 when text[a:b] is blank (every character str.strip() removes). */
static int
rm_blank(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    for (Py_ssize_t i = a; i < b; i++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            return 0;
    }
    return 1;
}

/* Read the spans list: 1 filled (*out, PyMem), 0 not the step's input, -1 error. */
static int
rm_spans(PyObject *spans, Py_ssize_t n, RmSpan **out, Py_ssize_t *count)
{
    *out = NULL;
    *count = 0;
    if (!PyList_CheckExact(spans))
        return 0;
    Py_ssize_t m = PyList_GET_SIZE(spans);
    RmSpan *sp = PyMem_Malloc((size_t)(m ? m : 1) * sizeof(RmSpan));
    if (sp == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *t = PyList_GET_ITEM(spans, k);
        if (!PyTuple_CheckExact(t) || PyTuple_GET_SIZE(t) != 3 ||
            !PyLong_CheckExact(PyTuple_GET_ITEM(t, 0)) || !PyLong_CheckExact(PyTuple_GET_ITEM(t, 1)) ||
            !PyUnicode_Check(PyTuple_GET_ITEM(t, 2))) {
            PyMem_Free(sp);
            return 0;
        }
        int o1 = 0, o2 = 0;
        long long s = PyLong_AsLongLongAndOverflow(PyTuple_GET_ITEM(t, 0), &o1);
        long long e = PyLong_AsLongLongAndOverflow(PyTuple_GET_ITEM(t, 1), &o2);
        if (o1 || o2 || s < 0 || e <= s || e > n) {
            PyMem_Free(sp);
            return 0;
        }
        sp[k].s = (Py_ssize_t)s;
        sp[k].e = (Py_ssize_t)e;
        sp[k].rid = PyTuple_GET_ITEM(t, 2);
        sp[k].item = t;
        sp[k].order = k;
    }
    *out = sp;
    *count = m;
    return 1;
}

/* spans.sort(key=lambda s: (s[0], -s[1])): start, then longest first, then list order. */
static int
rm_span_cmp(const void *pa, const void *pb)
{
    const RmSpan *a = pa, *b = pb;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    if (a->e != b->e)
        return a->e > b->e ? -1 : 1;
    return a->order < b->order ? -1 : (a->order > b->order);
}

static PyObject *
rm_triple(Py_ssize_t s, Py_ssize_t e, PyObject *rid)
{
    PyObject *a = PyLong_FromSsize_t(s), *b = PyLong_FromSsize_t(e);
    if (a == NULL || b == NULL) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        return NULL;
    }
    Py_INCREF(rid);
    PyObject *t = PyTuple_New(3);
    if (t == NULL) {
        Py_DECREF(a);
        Py_DECREF(b);
        Py_DECREF(rid);
        return NULL;
    }
    PyTuple_SET_ITEM(t, 0, a);
    PyTuple_SET_ITEM(t, 1, b);
    PyTuple_SET_ITEM(t, 2, rid);
    return t;
}

/* drop[k] = rid (setdefault: only when k is not a key yet; the same when it is not). */
static int
rm_drop(PyObject *drop, RmLines *L, Py_ssize_t k, PyObject *rid)
{
    if (L->dropped[k])
        return 0;
    PyObject *key = PyLong_FromSsize_t(k);
    if (key == NULL)
        return -1;
    int err = PyDict_SetItem(drop, key, rid);
    Py_DECREF(key);
    if (err < 0)
        return -1;
    L->dropped[k] = 1;
    return 0;
}

/* Both kernels' input: 1 read, 0 not the step's input (nothing to free), -1 error. */
static int
rm_read(Py_ssize_t n, PyObject *starts, PyObject *lines, PyObject *drop, PyObject *spans,
        RmLines *L, RmSpan **sp, Py_ssize_t *m)
{
    int ok = rm_lines(L, n, starts, lines, drop);
    if (ok == 1)
        ok = rm_spans(spans, n, sp, m);
    if (ok <= 0)
        rm_lines_free(L);
    return ok;
}

static PyObject *
resolve_spans(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *starts, *lines, *spans, *drop;
    if (!PyArg_ParseTuple(args, "UOOOO:resolve_spans", &text, &starts, &lines, &spans, &drop))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    RmLines L;
    RmSpan *sp = NULL;
    Py_ssize_t m = 0;
    PyObject *out = NULL;
    int ok = rm_read(n, starts, lines, drop, spans, &L, &sp, &m);
    if (ok <= 0)
        return ok == 0 ? Py_NewRef(Py_None) : NULL;
    qsort(sp, (size_t)m, sizeof(RmSpan), rm_span_cmp);
    /* the kept spans, compacted in place (sorted, non-overlapping) */
    Py_ssize_t nk = 0, end = -1;
    for (Py_ssize_t k = 0; k < m; k++) {
        if (sp[k].s < end)
            continue;
        Py_ssize_t i = rm_line_of(&L, sp[k].s), j = rm_line_of(&L, sp[k].e - 1);
        int all = 1;
        for (Py_ssize_t x = i; x <= j && all; x++)
            all = L.dropped[x];
        if (all)
            continue;
        sp[nk++] = sp[k];
        end = sp[k].e;
    }
    out = PyList_New(0);
    if (out == NULL)
        goto fail;
    /* blocks crossing lines first (they may drop a line holding one-line spans) */
    for (Py_ssize_t k = 0; k < nk; k++) {
        Py_ssize_t s = sp[k].s, e = sp[k].e;
        Py_ssize_t i = rm_line_of(&L, s), j = rm_line_of(&L, e - 1);
        if (i == j)
            continue;
        for (Py_ssize_t x = i; x <= j; x++) {
            Py_ssize_t ls = L.starts[x], le = L.ends[x];
            Py_ssize_t cs = ls > s ? ls : s, ce = le < e ? le : e;
            if (!rm_has_alnum(kind, data, ls, cs) && !rm_has_alnum(kind, data, ce, le)) {
                if (rm_drop(drop, &L, x, sp[k].rid) < 0)
                    goto fail;
            } else if (ce > cs && !L.dropped[x]) {
                PyObject *t = rm_triple(cs, ce, sp[k].rid);
                if (t == NULL || PyList_Append(out, t) < 0) {
                    Py_XDECREF(t);
                    goto fail;
                }
                Py_DECREF(t);
            }
        }
    }
    /* one-line spans, per line (runs of consecutive kept spans) */
    for (Py_ssize_t k = 0; k < nk;) {
        Py_ssize_t i = rm_line_of(&L, sp[k].s);
        if (i != rm_line_of(&L, sp[k].e - 1)) {
            k++;
            continue;
        }
        Py_ssize_t g = k + 1;
        while (g < nk && rm_line_of(&L, sp[g].s) == i && rm_line_of(&L, sp[g].e - 1) == i)
            g++;
        if (!L.dropped[i]) {
            int alnum = 0;
            Py_ssize_t pos = L.starts[i];
            for (Py_ssize_t x = k; x < g && !alnum; x++) {
                alnum = sp[x].s > pos && rm_has_alnum(kind, data, pos, sp[x].s);
                pos = sp[x].e;
            }
            if (!alnum)
                alnum = rm_has_alnum(kind, data, pos, L.ends[i]);
            if (!alnum) {
                if (rm_drop(drop, &L, i, sp[k].rid) < 0)
                    goto fail;
            } else {
                for (Py_ssize_t x = k; x < g; x++) {
                    if (PyList_Append(out, sp[x].item) < 0)
                        goto fail;
                }
            }
        }
        k = g;
    }
    if (PyList_Sort(out) < 0)
        goto fail;
    PyMem_Free(sp);
    rm_lines_free(&L);
    return out;
fail:
    Py_XDECREF(out);
    PyMem_Free(sp);
    rm_lines_free(&L);
    return NULL;
}

typedef struct {
    Py_ssize_t s, e;
    int sep; /* after: " " (1) or "" (0) */
    PyObject *rid; /* borrowed */
    Py_ssize_t order;
} RmRep;

/* sorted(reps, key=lambda r: (r.start, -(r.end - r.start))), stable. */
static int
rm_rep_cmp(const void *pa, const void *pb)
{
    const RmRep *a = pa, *b = pb;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    Py_ssize_t la = a->e - a->s, lb = b->e - b->s;
    if (la != lb)
        return la > lb ? -1 : 1;
    return a->order < b->order ? -1 : (a->order > b->order);
}

/* fix_overlaps on reps[0:n] in place; returns the number kept. */
static Py_ssize_t
rm_fix(RmRep *reps, Py_ssize_t n)
{
    for (Py_ssize_t k = 0; k < n; k++)
        reps[k].order = k;
    qsort(reps, (size_t)n, sizeof(RmRep), rm_rep_cmp);
    Py_ssize_t w = 0, end = -1;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (reps[k].s < end)
            continue;
        reps[w++] = reps[k];
        if (reps[k].e > end)
            end = reps[k].e;
    }
    return w;
}

static PyObject *
removals(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *starts, *lines, *drop, *spans, *rep_type;
    if (!PyArg_ParseTuple(args, "UOOOOO:removals", &text, &starts, &lines, &drop, &spans, &rep_type))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    RmLines L;
    RmSpan *sp = NULL;
    RmRep *reps = NULL;
    Py_ssize_t m = 0;
    PyObject *out = NULL, *prefix = NULL, *blank = NULL, *space = NULL;
    int ok = rm_read(n, starts, lines, drop, spans, &L, &sp, &m);
    if (ok <= 0)
        return ok == 0 ? Py_NewRef(Py_None) : NULL;
    Py_ssize_t nl = L.n_lines, nd = PyDict_GET_SIZE(drop);
    reps = PyMem_Malloc((size_t)(nd + m + 1) * sizeof(RmRep));
    if (reps == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    /* line removals, in line order (sorted(drop)) */
    Py_ssize_t last_kept = nl - 1;
    while (last_kept >= 0 &&
           (L.dropped[last_kept] || rm_blank(kind, data, L.starts[last_kept], L.ends[last_kept])))
        last_kept--;
    Py_ssize_t nr = 0;
    for (Py_ssize_t i = 0; i < nl; i++) {
        if (!L.dropped[i])
            continue;
        PyObject *key = PyLong_FromSsize_t(i);
        if (key == NULL)
            goto fail;
        PyObject *rid = PyDict_GetItemWithError(drop, key);
        Py_DECREF(key);
        if (rid == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_KeyError, "removals: drop changed");
            goto fail;
        }
        RmRep *r = &reps[nr++];
        r->rid = rid;
        r->sep = 0;
        if (last_kept >= 0 && i > last_kept) {
            Py_ssize_t k = i;
            while (k - 1 > last_kept && !L.dropped[k - 1] &&
                   rm_blank(kind, data, L.starts[k - 1], L.ends[k - 1]))
                k--;
            r->s = L.starts[k] - 1;
            r->e = L.ends[i];
            continue;
        }
        Py_ssize_t j = i + 1;
        while (j < nl && !L.dropped[j] && rm_blank(kind, data, L.starts[j], L.ends[j]))
            j++;
        r->s = L.starts[i];
        r->e = j < nl ? L.starts[j] : n;
    }
    nr = rm_fix(reps, nr);
    /* span removals: runs separated only by spaces or tabs, widened as one */
    for (Py_ssize_t g = 0; g < m;) {
        Py_ssize_t h = g + 1;
        while (h < m && sp[h].s >= sp[h - 1].e) {
            Py_ssize_t x = sp[h - 1].e;
            while (x < sp[h].s) {
                Py_UCS4 c = PyUnicode_READ(kind, data, x);
                if (c != ' ' && c != '\t')
                    break;
                x++;
            }
            if (x < sp[h].s)
                break;
            h++;
        }
        Py_ssize_t gs = sp[g].s, ge = sp[h - 1].e;
        Py_UCS4 before = gs > 0 ? PyUnicode_READ(kind, data, gs - 1) : '\n';
        Py_UCS4 after = ge < n ? PyUnicode_READ(kind, data, ge) : '\n';
        if (after == ' ' && (before == ' ' || before == '\n'))
            ge++;
        else if (before == ' ' && (after == ' ' || after == '\n'))
            gs--;
        int glued = 0 < gs && ge < n && Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, gs - 1)) &&
                    Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, ge));
        for (Py_ssize_t k = g; k < h; k++) {
            RmRep *r = &reps[nr++];
            r->s = k == g ? gs : sp[k].s;
            r->e = k == h - 1 ? ge : sp[k + 1].s;
            r->sep = k == h - 1 && glued;
            r->rid = sp[k].rid;
        }
        g = h;
    }
    nr = rm_fix(reps, nr);
    prefix = PyUnicode_FromString("boilerplate:");
    blank = PyUnicode_FromString("");
    space = PyUnicode_FromString(" ");
    out = PyList_New(nr);
    if (prefix == NULL || blank == NULL || space == NULL || out == NULL)
        goto fail;
    /* every kind string first (no Python code runs while rule ids are borrowed), stored in
     * the list's slots until the Replacement replaces it */
    for (Py_ssize_t k = 0; k < nr; k++) {
        PyObject *kindstr = PyUnicode_Concat(prefix, reps[k].rid);
        if (kindstr == NULL)
            goto fail;
        PyList_SET_ITEM(out, k, kindstr);
    }
    for (Py_ssize_t k = 0; k < nr; k++) {
        PyObject *kindstr = PyList_GET_ITEM(out, k);
        PyObject *a = PyLong_FromSsize_t(reps[k].s), *b = PyLong_FromSsize_t(reps[k].e);
        PyObject *rep = NULL;
        if (a != NULL && b != NULL) {
            PyObject *argv[4] = {a, b, reps[k].sep ? space : blank, kindstr};
            rep = PyObject_Vectorcall(rep_type, argv, 4, NULL);
        }
        Py_XDECREF(a);
        Py_XDECREF(b);
        if (rep == NULL)
            goto fail;
        PyList_SET_ITEM(out, k, rep);
        Py_DECREF(kindstr);
    }
    Py_DECREF(prefix);
    Py_DECREF(blank);
    Py_DECREF(space);
    PyMem_Free(reps);
    PyMem_Free(sp);
    rm_lines_free(&L);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(prefix);
    Py_XDECREF(blank);
    Py_XDECREF(space);
    PyMem_Free(reps);
    PyMem_Free(sp);
    rm_lines_free(&L);
    return NULL;
}

static PyMethodDef methods[] = {
    {"needle_starts", needle_starts, METH_VARARGS,
     "needle_starts(text, needles, offset, limit, firsts=None): positions where a match can start "
     "near the needles (sorted), or None past limit; see saring.boilerplate.dispatch."},
    {"line_spec", line_spec, METH_VARARGS,
     "line_spec(ascii_masks, other_mask, widths, dnfs, needles): a capsule for line_candidates; "
     "see saring.boilerplate.linescan.kernel_spec."},
    {"line_candidates", line_candidates, METH_VARARGS,
     "line_candidates(text, ((spec, strip), ...)): per spec, per line None, True or the "
     "candidate rule indices; "
     "see saring.boilerplate.linescan.line_candidates_py."},
    {"case_boundaries", case_boundaries, METH_O,
     "case_boundaries(text): offsets of ASCII capitals right after an ASCII lower-case letter; "
     "see saring.boilerplate.glue._boundaries_py."},
    {"needles_in", needles_in, METH_VARARGS,
     "needles_in(text, needles): bit i set iff needles[i] in text (<= 64 needles); "
     "see saring.scan.needles_present_py."},
    {"resolve_spans", resolve_spans, METH_VARARGS,
     "resolve_spans(text, starts, lines, spans, drop): the kept spans (drop updated), or None; "
     "see saring.boilerplate.removals.resolve_spans_py."},
    {"removals", removals, METH_VARARGS,
     "removals(text, starts, lines, drop, spans, Replacement): the edits, or None; "
     "see saring.boilerplate.removals.removals_py."},
    {"fold", fold_text, METH_O,
     "fold(text): the text as ignore-case needles see it (linescan.fold), for tests."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_boiler", "Compiled kernel of the boilerplate step.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__c_boiler(void)
{
    for (Py_UCS4 c = 0; c < 256; c++) {
        FOLD1[c] = fold_ucs4(c);
        ND_RANK[c] = (unsigned short)nd_rank_of((unsigned char)c);
    }
    return PyModule_Create(&module);
}
