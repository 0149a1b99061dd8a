/* Compiled scans for the repair step (reference and fallback: saring/repair/fastscan.py).
 *
 * site_table(entities: list[str]) -> table (a capsule: a trie of the gazetteer entities)
 * site_starts(text, table) -> list[int]
 *     Start offsets of ``res.site_re.finditer(text)`` (the trie regex of
 *     ``resources.build_site_pattern``): the trie is walked at each position, the longest entity
 *     first (the regex's greedy optional groups), then the glue / stray-suffix tail is checked
 *     exactly as the regex does; after a match the scan goes on at its end (non-overlapping).
 * token_starts(text, lexicon, not_before) -> list[int]
 *     Start offsets of ``names.TOKEN.finditer(text)`` matches at a token start (offset 0, or the
 *     character before is not alphanumeric and not in ``not_before``) whose lower-cased text is
 *     not a key of ``lexicon``: the only tokens ``find_entity_sites`` examines.
 * name_tokens(text, lexicon, not_before, taken, ctx) -> (list[int], int, bool, bool)
 *     Of token_starts' tokens not in ``taken`` (the second value: how many), the starts of those
 *     ``names.find_entity_sites`` could make a site of: list-shaped tokens (``list_site`` decides
 *     on the text), and tokens ``name_site``'s checks on the token alone do not reject (corpus
 *     name, world word, brand, no quantifier site by the token's shape, no demonym reading with a
 *     base the tables know before a space and a lower-case letter (``names.demonym_site``) and no
 *     split by ``names._split``). ``_split``
 *     is walked here: ``LEFT`` by shape, ``_right_ok``'s first rejections (shape, lexicon) here,
 *     the rest by calling ``names._right_ok`` (memoised per right part in ctx's dict) and
 *     ``names._acronym_camel``. Reference: fastscan.name_tokens_py. The lexicon and the word
 *     sets are read through ``lexicon_table`` tables (ctx's capsules: their ASCII words, copied;
 *     the collections must not change after): no str is built nor SipHash computed per lookup.
 * lexicon_table(keys) -> table (a capsule); table_has(table, word) -> bool (for the tests).
 * dup_maybe(text, lowered, min_chars, min_words, k, max_posting) -> bool or None
 *     False only when ``paragraphs.find_duplicates`` can find no candidate pair: no two lines of
 *     ``min_chars`` characters and ``min_words`` words (a superset of the prose paragraphs) share
 *     one of their ``k`` longest distinct lower-cased words (ties: alphabetical) and pass the
 *     size and Jaccard filter, and no such word is shared by more than ``max_posting`` lines.
 *     ``lowered`` is ``text.lower()`` (the same lines, see fastscan.py), or None: the text's
 *     own words, lowered one code point at a time as they are read (``lower_cp``, as
 *     ``lower_simple``), and None returned when that cannot be exact. Read in the str's own kind
 *     (no copy); only lines of ``min_chars`` are walked, their k longest words hashed, and a
 *     paragraph's whole bag only when it shares an anchor with another.
 * join_all(text) -> the four position lists of join_starts(text, 0..3), from one walk.
 * code_possible(text) -> whether ``names.CODE_GLUE`` matches anywhere (``code_sites`` finds nothing
 *     otherwise): at each ASCII capital right before a ``\d``, its forced tail (``code_tail``);
 *     name_tokens answers it too (its third value), from the same walk.
 * breaks(text) -> text.count(" ") + text.count("\n"), on the text as stored (no copy).
 *
 * Every loop is linear in the text (the trie walk is bounded by the longest entity, the tails by
 * 82 characters) except the pair checks, bounded like the Python code by ``max_posting``. Words
 * are compared by content (a hash only orders them), so no hash collision changes an answer.
 * No buffer is indexed by input; every allocation and Python API result is checked.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define END_CH 0x110000u /* read outside the text: in no class */

/* The text as code points: the 4-byte form is read in place, the others are copied once
 * (PyUnicode_AsUCS4Copy), so every loop indexes a plain array. */
typedef struct {
    const Py_UCS4 *u;
    Py_UCS4 *owned; /* PyMem buffer to free, or NULL */
    Py_ssize_t n;
} Text;

static int text_of(PyObject *s, Text *t)
{
    t->n = PyUnicode_GET_LENGTH(s);
    t->owned = NULL;
    if (PyUnicode_KIND(s) == PyUnicode_4BYTE_KIND) {
        t->u = PyUnicode_4BYTE_DATA(s);
        return 0;
    }
    t->owned = PyUnicode_AsUCS4Copy(s);
    if (t->owned == NULL) return -1;
    t->u = t->owned;
    return 0;
}

static void text_done(Text *t)
{
    PyMem_Free(t->owned);
    t->owned = NULL;
}

static inline Py_UCS4 at(const Text *t, Py_ssize_t i)
{
    return (i >= 0 && i < t->n) ? t->u[i] : END_CH;
}

enum { C_ALNUM = 1, C_SPACE = 2 };
static unsigned char ascii_cls[128];
static unsigned char ascii_low[128]; /* an ASCII character's lower case */

static void init_ascii(void)
{
    for (Py_UCS4 c = 0; c < 128; c++)
        ascii_low[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (Py_UCS4 c = 0; c < 128; c++)
        ascii_cls[c] = (unsigned char)((Py_UNICODE_ISALNUM(c) ? C_ALNUM : 0) | (Py_UNICODE_ISSPACE(c) ? C_SPACE : 0));
}

static inline int is_lower(Py_UCS4 c) { return c >= 'a' && c <= 'z'; }
static inline int is_upper(Py_UCS4 c) { return c >= 'A' && c <= 'Z'; }
static inline int is_letter(Py_UCS4 c) { return is_lower(c) || is_upper(c); }
static inline int is_ascii_alnum(Py_UCS4 c) { return is_letter(c) || (c >= '0' && c <= '9'); }
static inline int is_alnum(Py_UCS4 c) /* str.isalnum */
{
    if (c < 128) return ascii_cls[c] & C_ALNUM;
    return c < END_CH && Py_UNICODE_ISALNUM(c);
}
static inline int is_dec(Py_UCS4 c) /* re's \d (ASCII: 0-9 only) */
{
    if (c < 128) return c - '0' < 10u;
    return c < END_CH && Py_UNICODE_ISDECIMAL(c);
}
static inline int is_word(Py_UCS4 c) { return c == '_' || is_alnum(c); } /* re's \w */
static inline int is_space(Py_UCS4 c) /* str.split() */
{
    if (c < 128) return ascii_cls[c] & C_SPACE;
    return c < END_CH && Py_UNICODE_ISSPACE(c);
}

static inline Py_ssize_t run_lower(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = i;
    while (j < t->n && is_lower(t->u[j])) j++;
    return j - i;
}

/* ``names.CODE_GLUE`` ``([A-Z]{1,4}\d{1,5})([A-Z]?[a-z]{4,30})(?!\w)`` through the capital at d - 1
 * and the decimal at d (the caller checked both), read in the text's own kind: every start in the
 * capitals before d leads to the same tail, and each part is forced (a shorter digit or letter
 * run leaves a digit or a letter next, which the next part or the lookahead rejects): 5 digits
 * at most, an optional capital, then 4-30 lower-case letters and no word character. */
static int code_tail(int kind, const void *data, Py_ssize_t n, Py_ssize_t d)
{
    Py_ssize_t q = d;
    while (q < n && q - d <= 5 && is_dec(PyUnicode_READ(kind, data, q))) q++;
    if (q - d > 5) return 0;
    if (q < n && is_upper(PyUnicode_READ(kind, data, q))) q++;
    Py_ssize_t e = q;
    while (e < n && e - q <= 30 && is_lower(PyUnicode_READ(kind, data, e))) e++;
    return e - q >= 4 && e - q <= 30 && (e >= n || !is_word(PyUnicode_READ(kind, data, e)));
}

/* A coined word and its numbered code glued to a word at the ASCII capital ``k`` (``names.
 * hyphen_code_possible``'s gate): ``(?<![\w\-'’])[A-Z](?:[a-z]{2,29})?\n?-\d{1,4}[A-Z]?[a-z]{4,30}(?![\w\-])``
 * (``fastscan.HYPHEN_GATE``). Every part is forced as in ``code_tail``; the optional newline is
 * where ``CODED_WORD``'s ``$`` also matches. Bounded: 82 characters at most. */
static int hyphen_code_at(const Text *t, Py_ssize_t k)
{
    if (k > 0) {
        Py_UCS4 p = t->u[k - 1];
        if (is_word(p) || p == '-' || p == '\'' || p == 0x2019) return 0;
    }
    Py_ssize_t j = k + 1;
    while (j < t->n && j - k <= 30 && is_lower(t->u[j])) j++;
    if (j - k - 1 == 1 || j - k - 1 > 29) return 0; /* (none, or 2-29 lower-case letters) */
    if (j < t->n && t->u[j] == '\n') j++;
    if (j >= t->n || t->u[j] != '-') return 0;
    Py_ssize_t d = ++j;
    while (j < t->n && j - d <= 4 && is_dec(t->u[j])) j++;
    if (j == d || j - d > 4) return 0;
    if (j < t->n && is_upper(t->u[j])) j++;
    Py_ssize_t q = j;
    while (j < t->n && j - q <= 30 && is_lower(t->u[j])) j++;
    if (j - q < 4 || j - q > 30) return 0;
    return !(j < t->n && (is_word(t->u[j]) || t->u[j] == '-'));
}

/* The first position >= p of a latin-1 text (its stored bytes: the same positions as the copy)
 * holding an ASCII capital, or with ``high`` any byte >= 0x80; n when none. Eight bytes at a
 * time: with m = byte & 0x7f, m + 0x3f has its high bit from 'A' up and m + 0x25 from '[' up
 * (no carry crosses a byte); a byte with its own high bit set is no ASCII capital. */
static inline Py_ssize_t next_cap1(const Py_UCS1 *d, Py_ssize_t p, Py_ssize_t n, int high)
{
    const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fULL, hi1 = 0x8080808080808080ULL;
    const uint64_t add_a = 0x3f3f3f3f3f3f3f3fULL, add_z = 0x2525252525252525ULL;
    while (p + 8 <= n) {
        uint64_t x;
        memcpy(&x, d + p, 8);
        uint64_t m = x & lo7;
        uint64_t hit = ((m + add_a) & ~(m + add_z)) & hi1 & ~x;
        if (high) hit |= x & hi1;
        if (hit) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return p + (__builtin_ctzll(hit) >> 3); /* (every byte's flag is exact: the first one) */
#else
            break;
#endif
        }
        p += 8;
    }
    for (; p < n; p++) {
        Py_UCS1 c = d[p];
        if ((unsigned)c - 'A' < 26u || (high && c >= 128)) return p;
    }
    return n;
}

/* ------------------------------------------------------------------ growable arrays */

static int grow_slow(void **buf, Py_ssize_t *cap, Py_ssize_t want, size_t item)
{
    Py_ssize_t nc = *cap ? *cap : 16;
    while (nc < want) {
        if (nc > PY_SSIZE_T_MAX / 2) { PyErr_NoMemory(); return -1; }
        nc *= 2;
    }
    if ((size_t)nc > SIZE_MAX / item) { PyErr_NoMemory(); return -1; }
    void *p = realloc(*buf, (size_t)nc * item);
    if (p == NULL) { PyErr_NoMemory(); return -1; }
    *buf = p;
    *cap = nc;
    return 0;
}

static inline int grow(void **buf, Py_ssize_t *cap, Py_ssize_t want, size_t item)
{
    return want <= *cap ? 0 : grow_slow(buf, cap, want, item);
}

static int push_pos(PyObject *list, Py_ssize_t pos)
{
    PyObject *v = PyLong_FromSsize_t(pos);
    if (v == NULL) return -1;
    int r = PyList_Append(list, v);
    Py_DECREF(v);
    return r;
}

/* ------------------------------------------------------------------ site trie */

typedef struct {
    Py_UCS4 ch;
    Py_ssize_t child;
} Edge;

typedef struct {
    Py_ssize_t first, count; /* edges[first : first + count], sorted by ch */
    int terminal;
} Node;

typedef struct {
    Node *nodes;
    Py_ssize_t n_nodes, cap_nodes;
    Edge *edges;
    Py_ssize_t max_len;       /* longest entity */
    Py_ssize_t *depths;       /* scratch: terminal depths on one walk (max_len + 1) */
    Py_ssize_t root_ascii[128]; /* the root's child for an ASCII character, or -1 */
    int caps_roots;             /* every ASCII first character is a capital (next_cap1 may skip) */
} Trie;

static void trie_free(Trie *tr)
{
    if (tr == NULL) return;
    free(tr->nodes);
    free(tr->edges);
    free(tr->depths);
    free(tr);
}

static void trie_capsule_free(PyObject *cap)
{
    trie_free((Trie *)PyCapsule_GetPointer(cap, "saring.repair.site_table"));
}

typedef struct { /* build-time edge: (parent, ch, child) */
    Py_ssize_t parent;
    Py_UCS4 ch;
    Py_ssize_t child;
} BEdge;

static int bedge_cmp(const void *a, const void *b)
{
    const BEdge *x = a, *y = b;
    if (x->parent != y->parent) return x->parent < y->parent ? -1 : 1;
    if (x->ch != y->ch) return x->ch < y->ch ? -1 : 1;
    return 0;
}

static Py_ssize_t new_node(Trie *tr)
{
    if (grow((void **)&tr->nodes, &tr->cap_nodes, tr->n_nodes + 1, sizeof(Node)) < 0) return -1;
    Node *nd = &tr->nodes[tr->n_nodes];
    nd->first = 0;
    nd->count = 0;
    nd->terminal = 0;
    return tr->n_nodes++;
}

/* child of ``node`` on ``ch`` or -1 (a node's edges are sorted by ch: binary search) */
static inline Py_ssize_t trie_child(const Trie *tr, Py_ssize_t node, Py_UCS4 ch)
{
    if (node == 0 && ch < 128) return tr->root_ascii[ch];
    const Node *nd = &tr->nodes[node];
    Py_ssize_t lo = nd->first, hi = nd->first + nd->count;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        Py_UCS4 m = tr->edges[mid].ch;
        if (m == ch) return tr->edges[mid].child;
        if (m < ch) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

/* site_table(entities): ``entities`` sorted and distinct (as ``sorted(set(...))`` gives them):
 * each word shares a prefix with the one before, so the trie is built along one path with no
 * search, and every node's edges come in increasing character order. */
static PyObject *site_table(PyObject *self, PyObject *arg)
{
    (void)self;
    PyObject *seq = PySequence_Fast(arg, "site_table: a sequence of str is expected");
    if (seq == NULL) return NULL;
    Trie *tr = calloc(1, sizeof(Trie));
    BEdge *be = NULL;
    Py_ssize_t *path = NULL; /* path[d]: the node after d characters of the previous word */
    Py_ssize_t nbe = 0, cap_be = 0, cap_path = 0;
    Text prev = {NULL, NULL, 0};
    if (tr == NULL) { PyErr_NoMemory(); goto fail; }
    if (new_node(tr) < 0) goto fail; /* root */
    Py_ssize_t m = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t j = 0; j < m; j++) {
        PyObject *s = PySequence_Fast_GET_ITEM(seq, j);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "site_table: entities must be str");
            goto fail;
        }
        if (j > 0) {
            int c = PyUnicode_Compare(PySequence_Fast_GET_ITEM(seq, j - 1), s);
            if (c == -1 && PyErr_Occurred()) goto fail;
            if (c >= 0) {
                PyErr_SetString(PyExc_ValueError, "site_table: entities must be sorted and distinct");
                goto fail;
            }
        }
        Text w;
        if (text_of(s, &w) < 0) goto fail;
        if (w.n == 0) {
            text_done(&w);
            PyErr_SetString(PyExc_ValueError, "site_table: an empty entity");
            goto fail;
        }
        if (w.n > tr->max_len) tr->max_len = w.n;
        if (grow((void **)&path, &cap_path, w.n + 1, sizeof(Py_ssize_t)) < 0) { text_done(&w); goto fail; }
        Py_ssize_t l = 0; /* characters shared with the previous word */
        while (l < w.n && l < prev.n && w.u[l] == prev.u[l]) l++;
        path[0] = 0;
        for (Py_ssize_t i = l; i < w.n; i++) {
            Py_ssize_t child = new_node(tr);
            if (child < 0 || grow((void **)&be, &cap_be, nbe + 1, sizeof(BEdge)) < 0) { text_done(&w); goto fail; }
            be[nbe].parent = path[i];
            be[nbe].ch = w.u[i];
            be[nbe].child = child;
            nbe++;
            path[i + 1] = child;
        }
        tr->nodes[path[w.n]].terminal = 1;
        text_done(&prev);
        prev = w; /* owns its copy until the next word */
    }
    text_done(&prev);
    for (int c = 0; c < 128; c++) tr->root_ascii[c] = -1;
    if (nbe > 0) {
        qsort(be, (size_t)nbe, sizeof(BEdge), bedge_cmp);
        tr->edges = malloc((size_t)nbe * sizeof(Edge));
        if (tr->edges == NULL) { PyErr_NoMemory(); goto fail; }
        for (Py_ssize_t i = 0; i < nbe; i++) {
            tr->edges[i].ch = be[i].ch;
            tr->edges[i].child = be[i].child;
            Node *nd = &tr->nodes[be[i].parent];
            if (nd->count == 0) nd->first = i;
            nd->count++;
            if (be[i].parent == 0 && be[i].ch < 128) tr->root_ascii[be[i].ch] = be[i].child;
        }
    }
    tr->caps_roots = 1;
    for (int c = 0; c < 128; c++)
        if (tr->root_ascii[c] >= 0 && !is_upper((Py_UCS4)c)) tr->caps_roots = 0;
    tr->depths = malloc((size_t)(tr->max_len + 1) * sizeof(Py_ssize_t));
    if (tr->depths == NULL) { PyErr_NoMemory(); goto fail; }
    free(be);
    free(path);
    Py_DECREF(seq);
    PyObject *cap = PyCapsule_New(tr, "saring.repair.site_table", trie_capsule_free);
    if (cap == NULL) trie_free(tr);
    return cap;
fail:
    text_done(&prev);
    free(be);
    free(path);
    trie_free(tr);
    Py_DECREF(seq);
    return NULL;
}

/* (?![\w@/\-])(?!\.[A-Za-z0-9])(?!://) at e */
static inline int glue_lookahead_ok(const Text *t, Py_ssize_t e)
{
    Py_UCS4 c = at(t, e);
    if (c == END_CH) return 1;
    if (is_word(c) || c == '@' || c == '/' || c == '-') return 0;
    if (c == '.' && is_ascii_alnum(at(t, e + 1))) return 0;
    if (c == ':' && at(t, e + 1) == '/' && at(t, e + 2) == '/') return 0;
    return 1;
}

/* (?= [A-Za-z]) at j */
static inline int space_letter(const Text *t, Py_ssize_t j)
{
    return at(t, j) == ' ' && is_letter(at(t, j + 1));
}

/* End of the regex tail after an entity ending at q, or -1:
 *   (?P<glue>(?:[a-z]{3,40}|[A-Z][a-z]{1,39})(?:-[a-z]{2,40})?)(?![\w@/\-])(?!\.[A-Za-z0-9])(?!://)
 *   | (?P<suf>n|i|an|se|['’]s)(?= [A-Za-z])
 * The letter runs are greedy and followed by a lookahead that rejects a letter, so only a
 * maximal run can succeed (a shorter one leaves a letter next). */
static Py_ssize_t site_tail(const Text *t, Py_ssize_t q)
{
    Py_UCS4 c = at(t, q);
    Py_ssize_t e = -1;
    if (is_lower(c)) {
        Py_ssize_t r = run_lower(t, q);
        if (r >= 3 && r <= 40) e = q + r;
    } else if (is_upper(c)) {
        Py_ssize_t r = run_lower(t, q + 1);
        if (r >= 1 && r <= 39) e = q + 1 + r;
    }
    if (e >= 0) {
        if (at(t, e) == '-') {
            Py_ssize_t r2 = run_lower(t, e + 1);
            if (r2 >= 2 && r2 <= 40 && glue_lookahead_ok(t, e + 1 + r2)) return e + 1 + r2;
            /* without the hyphen part the '-' itself fails the lookahead */
        } else if (glue_lookahead_ok(t, e)) {
            return e;
        }
    }
    if ((c == 'n' || c == 'i') && space_letter(t, q + 1)) return q + 1;
    if (c == 'a' && at(t, q + 1) == 'n' && space_letter(t, q + 2)) return q + 2;
    if (c == 's' && at(t, q + 1) == 'e' && space_letter(t, q + 2)) return q + 2;
    if ((c == '\'' || c == 0x2019) && at(t, q + 1) == 's' && space_letter(t, q + 2)) return q + 2;
    return -1;
}

/* The site regex's match starts in ``t`` (the str ``text`` as code points) appended to ``out``: 0 or -1. */
static int site_walk(PyObject *text, const Text *t, const Trie *tr, PyObject *out)
{
    /* a latin-1 text's bytes skip to the next capital or non-ASCII character first */
    const Py_UCS1 *b1 = PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND && tr->caps_roots ? PyUnicode_1BYTE_DATA(text) : NULL;
    Py_ssize_t p = 0;
    while (p < t->n) {
        if (b1 != NULL && (p = next_cap1(b1, p, t->n, 1)) >= t->n) break;
        Py_UCS4 c0 = t->u[p];
        if (c0 < 128 && tr->root_ascii[c0] < 0) { p++; continue; } /* most positions */
        /* entities matching at p (depths of terminal nodes on the walk), longest first */
        Py_ssize_t node = 0, nd = 0, end = -1;
        for (Py_ssize_t d = 0; p + d < t->n && d < tr->max_len; d++) {
            node = trie_child(tr, node, t->u[p + d]);
            if (node < 0) break;
            if (tr->nodes[node].terminal) tr->depths[nd++] = d + 1;
        }
        for (Py_ssize_t k = nd - 1; k >= 0 && end < 0; k--)
            end = site_tail(t, p + tr->depths[k]);
        if (end > p) {
            if (push_pos(out, p) < 0) return -1;
            p = end;
        } else {
            p++;
        }
    }
    return 0;
}

static PyObject *site_starts(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *cap;
    if (!PyArg_ParseTuple(args, "UO:site_starts", &text, &cap)) return NULL;
    Trie *tr = PyCapsule_GetPointer(cap, "saring.repair.site_table");
    if (tr == NULL) return NULL;
    Text t;
    if (text_of(text, &t) < 0) return NULL;
    PyObject *out = PyList_New(0);
    if (out != NULL && site_walk(text, &t, tr, out) < 0) Py_CLEAR(out);
    text_done(&t);
    return out;
}

/* ------------------------------------------------------------------ capitalised tokens */

static int lexicon_has(PyObject *lexicon, const Text *t, Py_ssize_t s, Py_ssize_t e)
{
    PyObject *low = PyUnicode_New(e - s, 127);
    if (low == NULL) return -1;
    Py_UCS1 *d = PyUnicode_1BYTE_DATA(low);
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = t->u[i]; /* ASCII letters only (the token's class) */
        d[i - s] = (Py_UCS1)(is_upper(c) ? c + 32 : c);
    }
    int r = PyDict_Check(lexicon) ? PyDict_Contains(lexicon, low) : PySequence_Contains(lexicon, low);
    Py_DECREF(low);
    return r;
}

/* TOKEN = [A-Z][A-Za-z]{5,50}(?![\w@\-'’])(?!\.[A-Za-z0-9]) at a token start */
static PyObject *token_starts(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *lexicon, *not_before;
    if (!PyArg_ParseTuple(args, "UOU:token_starts", &text, &lexicon, &not_before)) return NULL;
    Text t, nb;
    if (text_of(text, &t) < 0) return NULL;
    if (text_of(not_before, &nb) < 0) { text_done(&t); return NULL; }
    PyObject *out = PyList_New(0);
    if (out == NULL) goto fail;
    Py_ssize_t k = 0;
    while (k < t.n) {
        Py_UCS4 c = t.u[k];
        if (!is_upper(c)) { k++; continue; }
        if (k > 0) {
            Py_UCS4 prev = t.u[k - 1];
            int bad = is_alnum(prev);
            for (Py_ssize_t i = 0; i < nb.n && !bad; i++) bad = nb.u[i] == prev;
            if (bad) { k++; continue; }
        }
        Py_ssize_t e = k + 1;
        while (e < t.n && is_letter(t.u[e])) e++;
        Py_ssize_t r = e - k - 1;
        Py_UCS4 nx = at(&t, e);
        int ok = r >= 5 && r <= 50 && !(is_word(nx) || nx == '@' || nx == '-' || nx == '\'' || nx == 0x2019)
                 && !(nx == '.' && is_ascii_alnum(at(&t, e + 1)));
        if (ok) {
            int known = lexicon_has(lexicon, &t, k, e);
            if (known < 0 || (!known && push_pos(out, k) < 0)) goto fail;
        }
        k = e; /* every later start inside this letter run has a letter before it */
    }
    text_done(&t);
    text_done(&nb);
    return out;
fail:
    Py_XDECREF(out);
    text_done(&t);
    text_done(&nb);
    return NULL;
}

/* ------------------------------------------------------------------ lexicon table */

/* The ASCII keys of a dict, copied into one pool, in an open-addressing table: membership of an
 * ASCII string without building a str or hashing it with SipHash (a non-ASCII key never equals
 * an ASCII string, so they are left out). Built once per lexicon (resources are read-only). */
typedef struct {
    uint32_t off;  /* offset in pool + 1, 0 = empty */
    uint16_t len;  /* key length */
    uint16_t tag;  /* the hash's top 16 bits: most different keys differ here (no pool read) */
} LexSlot;

typedef struct {
    char *pool;
    LexSlot *slot; /* one 8-byte slot per probe: a lookup touches one cache line, then the pool */
    Py_ssize_t mask, n;
} LexTable;

static uint64_t fnv(const char *s, Py_ssize_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static void lex_free(LexTable *lt)
{
    if (lt == NULL) return;
    free(lt->pool);
    free(lt->slot);
    free(lt);
}

static void lex_capsule_free(PyObject *cap)
{
    lex_free((LexTable *)PyCapsule_GetPointer(cap, "saring.repair.lexicon_table"));
}

static int lex_has(const LexTable *lt, const char *s, Py_ssize_t n)
{
    uint64_t h = fnv(s, n);
    uint16_t tag = (uint16_t)(h >> 48);
    Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)lt->mask);
    while (lt->slot[i].off) {
        const LexSlot *sl = &lt->slot[i];
        if (sl->tag == tag && sl->len == n && memcmp(lt->pool + sl->off - 1, s, (size_t)n) == 0) return 1;
        i = (i + 1) & lt->mask;
    }
    return 0;
}

/* lexicon_table(keys) -> capsule: the ASCII str among ``keys`` (a dict's keys, a set, any
 * iterable of str), as a table. */
static PyObject *lexicon_table(PyObject *self, PyObject *arg)
{
    (void)self;
    PyObject *seq = PySequence_Fast(arg, "lexicon_table: a dict, set or sequence of str is expected");
    if (seq == NULL) return NULL;
    LexTable *lt = calloc(1, sizeof(LexTable));
    if (lt == NULL) { Py_DECREF(seq); return PyErr_NoMemory(); }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), slots = 16, pool_n = 0;
    while (slots < 2 * n + 2) {
        if (slots > PY_SSIZE_T_MAX / 4) { lex_free(lt); Py_DECREF(seq); return PyErr_NoMemory(); }
        slots *= 2;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *key = PySequence_Fast_GET_ITEM(seq, k);
        if (PyUnicode_Check(key) && PyUnicode_IS_ASCII(key)) pool_n += PyUnicode_GET_LENGTH(key);
    }
    if (pool_n >= (Py_ssize_t)UINT32_MAX) { lex_free(lt); Py_DECREF(seq); return PyErr_NoMemory(); }
    lt->pool = malloc((size_t)pool_n + 1);
    lt->slot = calloc((size_t)slots, sizeof(LexSlot));
    if (lt->pool == NULL || lt->slot == NULL) { lex_free(lt); Py_DECREF(seq); return PyErr_NoMemory(); }
    lt->mask = slots - 1;
    Py_ssize_t used = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *key = PySequence_Fast_GET_ITEM(seq, k);
        if (!PyUnicode_Check(key) || !PyUnicode_IS_ASCII(key)) continue;
        Py_ssize_t kn = PyUnicode_GET_LENGTH(key);
        if (kn > UINT16_MAX || used + kn > pool_n) continue; /* (never looked up: tokens are <= 51) */
        const char *ks = (const char *)PyUnicode_1BYTE_DATA(key);
        if (lex_has(lt, ks, kn)) continue;
        memcpy(lt->pool + used, ks, (size_t)kn);
        uint64_t h = fnv(ks, kn);
        Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)lt->mask);
        while (lt->slot[i].off) i = (i + 1) & lt->mask;
        lt->slot[i].off = (uint32_t)(used + 1);
        lt->slot[i].len = (uint16_t)kn;
        lt->slot[i].tag = (uint16_t)(h >> 48);
        used += kn;
        lt->n++;
    }
    Py_DECREF(seq);
    PyObject *cap = PyCapsule_New(lt, "saring.repair.lexicon_table", lex_capsule_free);
    if (cap == NULL) lex_free(lt);
    return cap;
}

/* table_has(table, word) -> whether the ASCII str ``word`` is a key of the table (for the tests) */
static PyObject *table_has(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *cap, *word;
    if (!PyArg_ParseTuple(args, "OU:table_has", &cap, &word)) return NULL;
    const LexTable *lt = PyCapsule_GetPointer(cap, "saring.repair.lexicon_table");
    if (lt == NULL) return NULL;
    if (!PyUnicode_IS_ASCII(word)) Py_RETURN_FALSE;
    return PyBool_FromLong(lex_has(lt, (const char *)PyUnicode_1BYTE_DATA(word), PyUnicode_GET_LENGTH(word)));
}

/* Is the ASCII slice t[s:e] (letters only), as it is, a key of the table? */
static int lex_has_raw(const LexTable *lt, const Text *t, Py_ssize_t s, Py_ssize_t e)
{
    char buf[64];
    if (e - s > (Py_ssize_t)sizeof(buf)) return -1;
    for (Py_ssize_t i = s; i < e; i++) buf[i - s] = (char)t->u[i];
    return lex_has(lt, buf, e - s);
}

/* Is the lower-cased ASCII slice t[s:e] (letters only) a key of the table? */
static int lex_has_lower(const LexTable *lt, const Text *t, Py_ssize_t s, Py_ssize_t e)
{
    char buf[64];
    if (e - s > (Py_ssize_t)sizeof(buf)) return -1; /* caller falls back to the dict */
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = t->u[i];
        buf[i - s] = (char)(is_upper(c) ? c + 32 : c);
    }
    return lex_has(lt, buf, e - s);
}

/* ------------------------------------------------------------------ name-site candidates */

/* An ASCII slice as a str, lower-cased when ``lower``. */
static PyObject *ascii_slice(const Text *t, Py_ssize_t s, Py_ssize_t e, int lower)
{
    PyObject *o = PyUnicode_New(e - s, 127);
    if (o == NULL) return NULL;
    Py_UCS1 *d = PyUnicode_1BYTE_DATA(o);
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = t->u[i]; /* ASCII letters only (the token's class) */
        d[i - s] = (Py_UCS1)(lower && is_upper(c) ? c + 32 : c);
    }
    return o;
}

static int contains(PyObject *coll, PyObject *key)
{
    if (PyDict_Check(coll)) return PyDict_Contains(coll, key);
    if (PyAnySet_Check(coll)) return PySet_Contains(coll, key);
    return PySequence_Contains(coll, key);
}

/* The context of name_tokens: what names.name_site and names._split read before the text. The
 * sets of ASCII words come as tables (lexicon_table): ``names`` (res.corpus_names and res.brands,
 * looked up as the token is), ``lowers`` (res.world_words and res.brands_lower, looked up lower
 * cased), the quantifiers' last three letters, the lexicon. */
typedef struct {
    const LexTable *names, *lowers, *quant_tails, *lex, *other;
    PyObject *quantifiers, *memo, *right_ok, *acronym_camel, *res;
} NameCtx;

/* ([A-Z][a-z]{3,})([A-Z][a-z]{3,}) over the whole token, or ([A-Z][a-z]{3,})([A-Z]{2,4}) before a
 * space and a capital (a second item opened by an acronym: ``KaryasukaKUD Margasuli``): LIST_TOKEN
 * may match it (text decides); names.list_shaped is the reference */
static int list_shaped(const Text *t, Py_ssize_t k, Py_ssize_t e)
{
    Py_ssize_t j = k + 1 + run_lower(t, k + 1);
    if (j - k - 1 < 3 || j >= e || !is_upper(t->u[j])) return 0;
    Py_ssize_t j2 = j + 1 + run_lower(t, j + 1);
    if (j2 - j - 1 >= 3 && j2 == e) return 1;
    Py_ssize_t n = 0;
    while (j + n < e && is_upper(t->u[j + n])) n++;
    return j + n == e && n >= 2 && n <= 4 && at(t, e) == ' ' && is_upper(at(t, e + 1));
}

/* names._right_ok(right, res) for right = token[i:], memoised in ctx->memo (a pure function of
 * the right part and the read-only resources): 1, 0 or -1 (error). */
static int right_ok(const Text *t, Py_ssize_t s, Py_ssize_t e, PyObject *lexicon, const NameCtx *c)
{
    if (is_upper(t->u[s])) { /* right[0].isupper() and not right[1:].islower() */
        for (Py_ssize_t j = s + 1; j < e; j++)
            if (is_upper(t->u[j])) return 0;
    }
    int r = lex_has_lower(c->lex, t, s, e); /* low not in res.lexicon -> False */
    if (r < 0) {
        PyObject *low = ascii_slice(t, s, e, 1);
        if (low == NULL) return -1;
        r = contains(lexicon, low);
        Py_DECREF(low);
    }
    if (r <= 0) return r;
    PyObject *right = ascii_slice(t, s, e, 0);
    if (right == NULL) return -1;
    PyObject *v = PyDict_GetItemWithError(c->memo, right); /* borrowed */
    if (v == NULL) {
        if (PyErr_Occurred()) { Py_DECREF(right); return -1; }
        PyObject *got = PyObject_CallFunctionObjArgs(c->right_ok, right, c->res, NULL);
        if (got == NULL) { Py_DECREF(right); return -1; }
        r = PyObject_IsTrue(got);
        Py_DECREF(got);
        if (r < 0 || PyDict_SetItem(c->memo, right, r ? Py_True : Py_False) < 0) { Py_DECREF(right); return -1; }
    } else {
        r = PyObject_IsTrue(v);
    }
    Py_DECREF(right);
    return r;
}

/* names._split(token, res) != 0: 1, 0 or -1 (error). */
/* names.ROMAN2: a two-letter regnal number (II IV VI IX XI XV XX) */
static int roman2(Py_UCS4 a, Py_UCS4 b)
{
    return (a == 'I' && (b == 'I' || b == 'V' || b == 'X')) || (a == 'V' && b == 'I')
           || (a == 'X' && (b == 'I' || b == 'V' || b == 'X'));
}

static int has_split(const Text *t, Py_ssize_t k, Py_ssize_t e, PyObject *lexicon, const NameCtx *c)
{
    Py_ssize_t n = e - k;
    int caps = 1; /* token[:i] all upper so far */
    int title = 1; /* token[:i] a capital then lower case so far */
    for (Py_ssize_t i = 1; i < n - 3; i++) { /* token[:i + 1] on the left */
        Py_UCS4 ch = t->u[k + i];
        caps = caps && is_upper(ch);
        title = title && is_lower(ch);
        if (i + 1 < 3 && !(i == 1 && roman2(t->u[k], ch))) continue; /* i + 1 letters on the left:
            range(3, len(tok) - 2), or from 2 when token[:2] is in names.ROMAN2 */
        if (!(caps || title)) break; /* LEFT fails for every longer left part too */
        Py_ssize_t cut = k + i + 1;
        int r = right_ok(t, cut, e, lexicon, c);
        if (r <= 0) { if (r < 0) return -1; continue; }
        if (is_upper(t->u[cut]) && !is_lower(t->u[cut - 1])) {
            PyObject *left = ascii_slice(t, k, cut, 0);
            PyObject *right = left ? ascii_slice(t, cut, e, 0) : NULL;
            PyObject *got = right ? PyObject_CallFunctionObjArgs(c->acronym_camel, left, right, c->res, NULL) : NULL;
            Py_XDECREF(left);
            Py_XDECREF(right);
            if (got == NULL) return -1;
            int a = PyObject_IsTrue(got);
            Py_DECREF(got);
            if (a < 0) return -1;
            if (!a) continue;
        }
        return 1;
    }
    return 0;
}

/* names._quantifier_site's checks on the token alone: the first quantifier of QUANTIFIERS the
 * lower-cased token ends with, leaving 5+ letters, then LEFT on the left part and a right part
 * that is lower case, or lower case after its first letter: 1 when they pass (the text decides
 * the rest), 0 when the site is None whatever the text, -1 on error. */
static int quantifier_shape(const Text *t, Py_ssize_t k, Py_ssize_t e, const NameCtx *c)
{
    Py_ssize_t n = e - k, nq = PyTuple_GET_SIZE(c->quantifiers), i = -1;
    for (Py_ssize_t j = 0; j < nq && i < 0; j++) {
        PyObject *q = PyTuple_GET_ITEM(c->quantifiers, j);
        if (!PyUnicode_Check(q)) { PyErr_SetString(PyExc_TypeError, "quantifiers must be str"); return -1; }
        Py_ssize_t lq = PyUnicode_GET_LENGTH(q);
        if (n - lq < 5 || !PyUnicode_IS_ASCII(q)) continue; /* (a non-ASCII one ends no ASCII token) */
        const Py_UCS1 *qd = PyUnicode_1BYTE_DATA(q);
        int hit = 1; /* low.endswith(q) */
        for (Py_ssize_t x = 0; x < lq && hit; x++) hit = ascii_low[t->u[e - lq + x]] == qd[x];
        if (hit) i = n - lq;
    }
    if (i < 0) return 0;
    /* LEFT on token[:i] (i >= 5): a capital then lower case, or capitals only */
    int caps = 1, title = 1;
    for (Py_ssize_t j = k + 1; j < k + i; j++) {
        caps = caps && is_upper(t->u[j]);
        title = title && is_lower(t->u[j]);
    }
    if (!(caps || title)) return 0;
    /* right.islower() or right[1:].islower(): ASCII letters, so lower case from its second letter
     * (right has 3+ letters) */
    for (Py_ssize_t j = k + i + 1; j < e; j++)
        if (!is_lower(t->u[j])) return 0;
    return 1;
}

static inline int is_vowel(Py_UCS4 c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* The demonym base t[k:e - cut] (4+ letters) as the tables know it: a corpus name or brand as it
 * is, a lexicon word lower cased, or (``english``) a res.other word lower cased: a superset of
 * names._place_base. 1, 0 or -1. */
static int demonym_base(const Text *t, Py_ssize_t k, Py_ssize_t e, Py_ssize_t cut, int english, const NameCtx *c)
{
    Py_ssize_t b = e - cut;
    if (b - k < 4) return 0;
    int r = lex_has_raw(c->names, t, k, b);
    if (r == 0) r = lex_has_lower(c->lex, t, k, b);
    if (r == 0 && english) r = lex_has_lower(c->other, t, k, b);
    return r;
}

/* names.demonym_site's checks on the token and the character after it: the token is followed
 * by a space and a lower-case letter, and one of its readings of names._demonym_bases has a base
 * the tables know (fastscan.demonym_live_py): 1, 0 or -1. Tokens are ASCII letters, 6+ long. */
static int demonym_live(const Text *t, Py_ssize_t k, Py_ssize_t e, const NameCtx *c)
{
    if (at(t, e) != ' ' || !is_lower(at(t, e + 1))) return 0;
    Py_UCS4 l1 = ascii_low[t->u[e - 1]], l2 = ascii_low[t->u[e - 2]], l3 = ascii_low[t->u[e - 3]];
    Py_UCS4 l4 = ascii_low[t->u[e - 4]], l5 = ascii_low[t->u[e - 5]];
    int ese = l3 == 'e' && l2 == 's' && l1 == 'e', r = 0;
    if (r == 0 && ese && l4 == 'n' && is_vowel(l5)) r = demonym_base(t, k, e, 4, 1, c);
    if (r == 0 && l1 == 'n' && l2 == 'a') r = demonym_base(t, k, e, 1, 1, c);
    if (r == 0 && ese && !is_vowel(l4)) r = demonym_base(t, k, e, 3, 1, c);
    if (r == 0 && l1 == 'n' && l2 == 'a' && l3 != 'i') r = demonym_base(t, k, e, 2, 0, c);
    if (r == 0 && l1 == 'n' && l2 == 'a' && l3 == 'i') r = demonym_base(t, k, e, 3, 0, c);
    if (r == 0 && l1 == 'i' && !is_vowel(l2)) r = demonym_base(t, k, e, 1, 1, c);
    return r;
}

/* Could names.name_site (or list_site) return a site for this unknown token? 0 only when its
 * checks on the token alone (and, for a demonym, the character after it) answer None whatever
 * the text: 1, 0 or -1 (error). */
static int token_live(const Text *t, Py_ssize_t k, Py_ssize_t e, PyObject *lexicon, const NameCtx *c)
{
    if (list_shaped(t, k, e) || e - k > 64) return 1; /* (no token is longer: TOKEN takes 51 letters) */
    /* tok in corpus_names or brands, tok.lower() in world_words or brands_lower (tokens are <= 51
     * letters: the tables answer) */
    if (lex_has_raw(c->names, t, k, e) || lex_has_lower(c->lowers, t, k, e)) return 0;
    if (lex_has_lower(c->quant_tails, t, e - 3, e)) { /* _quantifier_site: tok[-3:].lower() in QUANTIFIER_TAILS */
        int q = quantifier_shape(t, k, e, c);
        if (q != 0) return q;
    }
    int d = demonym_live(t, k, e, c);
    if (d != 0) return d;
    return has_split(t, k, e, lexicon, c);
}

/* ctx's items into ``c`` (the tuple keeps them alive): 0 or -1. */
static int name_ctx(PyObject *ctx, NameCtx *c)
{
    PyObject *caps[5];
    if (!PyTuple_Check(ctx)) { PyErr_SetString(PyExc_TypeError, "name_tokens: ctx must be a tuple"); return -1; }
    if (!PyArg_ParseTuple(ctx, "OOOO!O!OOOOO:name_tokens ctx", &caps[0], &caps[1], &caps[2], &PyTuple_Type,
                          &c->quantifiers, &PyDict_Type, &c->memo, &c->right_ok, &c->acronym_camel, &c->res,
                          &caps[4], &caps[3]))
        return -1;
    const LexTable **tabs[5] = {&c->names, &c->lowers, &c->quant_tails, &c->lex, &c->other};
    for (int x = 0; x < 5; x++)
        if ((*tabs[x] = PyCapsule_GetPointer(caps[x], "saring.repair.lexicon_table")) == NULL) return -1;
    return 0;
}

/* names.second_part: the token at ``k`` follows a hyphen that ends a capitalised word of 3+
 * ASCII letters ([A-Z][a-z]{2,}-) with no word character, hyphen or apostrophe before it. */
static int second_part(const Text *t, Py_ssize_t k)
{
    if (k < 4 || t->u[k - 1] != '-') return 0;
    Py_ssize_t j = k - 2;
    while (j >= 0 && is_lower(t->u[j])) j--;
    if (k - 2 - j < 2 || j < 0 || !is_upper(t->u[j])) return 0;
    if (j == 0) return 1;
    Py_UCS4 c = t->u[j - 1];
    return !(is_word(c) || c == '-' || c == '\'' || c == 0x2019);
}

/* token_starts' tokens of ``t`` (the str ``text`` as code points) not in ``taken`` (NULL: none),
 * counted in ``*unknown``, and the starts of those token_live keeps appended to ``starts``;
 * ``*code``: code_possible(text), from the same walk (every capital is looked at); ``*hyph``: whether
 * ``hyphen_code_at`` holds at a capital (every capital it can hold at is looked at: one after a
 * letter, digit or the walk's other characters fails its lookbehind). 0 or -1. */
static int name_walk(PyObject *text, const Text *t, PyObject *lexicon, const Text *nb, PyObject *taken,
                     const NameCtx *c, PyObject *starts, Py_ssize_t *unknown, int *code, int *hyph)
{
    unsigned char nb_ascii[128] = {0}; /* not_before's ASCII characters (the others: compared one by one) */
    for (Py_ssize_t i = 0; i < nb->n; i++)
        if (nb->u[i] < 128) nb_ascii[nb->u[i]] = 1;
    if (taken != NULL && PyAnySet_Check(taken) && PySet_GET_SIZE(taken) == 0) taken = NULL; /* (no int built) */
    Py_ssize_t k = 0;
    *unknown = 0;
    *code = 0; /* names.CODE_GLUE matches somewhere (code_possible) */
    *hyph = 0; /* fastscan.HYPHEN_GATE matches somewhere */
    const Py_UCS1 *b1 = PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND ? PyUnicode_1BYTE_DATA(text) : NULL;
    while (k < t->n) {
        if (b1 != NULL && (k = next_cap1(b1, k, t->n, 0)) >= t->n) break; /* (latin-1: to the next capital) */
        Py_UCS4 ch = t->u[k];
        if (!is_upper(ch)) { k++; continue; }
        if (!*code && is_dec(at(t, k + 1))) *code = code_tail(PyUnicode_4BYTE_KIND, t->u, t->n, k + 1);
        if (k > 0) {
            Py_UCS4 prev = t->u[k - 1];
            int bad = is_alnum(prev);
            if (prev < 128) bad = bad || nb_ascii[prev];
            else for (Py_ssize_t i = 0; i < nb->n && !bad; i++) bad = nb->u[i] == prev;
            if (bad && prev == '-' && second_part(t, k)) bad = 0; /* Okafor-|Lindgren (names.second_part) */
            if (bad) {
                if (!*hyph && !is_alnum(prev)) *hyph = hyphen_code_at(t, k); /* ("/Lintasbumi-5mesin") */
                k++;
                continue;
            }
        }
        Py_ssize_t e = k + 1;
        while (e < t->n && is_letter(t->u[e])) e++;
        Py_ssize_t r = e - k - 1;
        Py_UCS4 nx = at(t, e);
        /* the run's other capitals are followed by a letter, but for its last one */
        if (!*code && is_upper(t->u[e - 1]) && is_dec(nx)) *code = code_tail(PyUnicode_4BYTE_KIND, t->u, t->n, e);
        if (!*hyph && (nx == '-' || nx == '\n')) *hyph = hyphen_code_at(t, k); /* Lintasbumi-5|mesin */
        int ok = r >= 5 && r <= 50 && !(is_word(nx) || nx == '@' || nx == '-' || nx == '\'' || nx == 0x2019)
                 && !(nx == '.' && is_ascii_alnum(at(t, e + 1)));
        if (ok) {
            int known = lex_has_lower(c->lex, t, k, e); /* (tokens are <= 51 letters) */
            if (known < 0) known = lexicon_has(lexicon, t, k, e);
            if (known < 0) return -1;
            if (!known) {
                int in_taken = 0;
                if (taken != NULL) {
                    PyObject *pos = PyLong_FromSsize_t(k);
                    in_taken = pos == NULL ? -1 : contains(taken, pos);
                    Py_XDECREF(pos);
                    if (in_taken < 0) return -1;
                }
                if (!in_taken) {
                    ++*unknown;
                    int live = token_live(t, k, e, lexicon, c);
                    if (live < 0 || (live && push_pos(starts, k) < 0)) return -1;
                }
            }
        }
        k = e; /* every later start inside this letter run has a letter before it */
    }
    return 0;
}

/* name_tokens(text, lexicon, not_before, taken, ctx) -> (starts, unknown, code, hyphen): name_walk's. */
static PyObject *name_tokens(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *lexicon, *not_before, *taken, *ctx;
    if (!PyArg_ParseTuple(args, "UOUOO!:name_tokens", &text, &lexicon, &not_before, &taken, &PyTuple_Type, &ctx))
        return NULL;
    NameCtx c;
    if (name_ctx(ctx, &c) < 0) return NULL;
    PyObject *starts = PyList_New(0);
    if (starts == NULL) return NULL;
    PyObject *out = NULL;
    Py_ssize_t unknown = 0;
    int code = 0, hyph = 0;
    Text t, nb;
    if (text_of(text, &t) < 0) { Py_DECREF(starts); return NULL; }
    if (text_of(not_before, &nb) < 0) { text_done(&t); Py_DECREF(starts); return NULL; }
    if (name_walk(text, &t, lexicon, &nb, taken, &c, starts, &unknown, &code, &hyph) == 0)
        out = Py_BuildValue("(OnOO)", starts, unknown, code ? Py_True : Py_False, hyph ? Py_True : Py_False);
    Py_DECREF(starts);
    text_done(&t);
    text_done(&nb);
    return out;
}

/* ------------------------------------------------------------------ duplicate-paragraph gate */

/* One code point's lower case as ``lower_simple`` and the duplicate gate take it (not for U+0130
 * and U+03A3, see below). */
static inline Py_UCS4 lower_cp(Py_UCS4 c)
{
    if (c < 128) return c + (((unsigned)c - 'A' < 26u) ? 32 : 0);
    return Py_UNICODE_TOLOWER(c);
}

/* ``s.lower()`` as code points into ``lo`` (owned) when every character lowers to one code point
 * by itself: every one but U+0130 (its full lower case is two code points) and U+03A3 (final
 * sigma: the result depends on the neighbours). Py_UNICODE_TOLOWER gives the first code point
 * of the full mapping, the whole of it for every other character (checked over every code
 * point in the tests). 1 done, 0 not possible (nothing owned), -1 error. */
static int lower_simple(PyObject *s, Text *lo)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    lo->n = n;
    lo->owned = PyMem_Malloc((size_t)(n > 0 ? n : 1) * sizeof(Py_UCS4));
    if (lo->owned == NULL) { PyErr_NoMemory(); return -1; }
    lo->u = lo->owned;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == 0x130 || c == 0x3A3) {
            text_done(lo);
            return 0;
        }
        lo->owned[i] = lower_cp(c);
    }
    return 1;
}

/* lower_simple(text) -> text.lower() when lower_simple can make it, else None (for the tests) */
static PyObject *lower_simple_py(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "lower_simple: str expected"); return NULL; }
    Text lo;
    int r = lower_simple(arg, &lo);
    if (r <= 0) { if (r == 0) Py_RETURN_NONE; return NULL; }
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, lo.u, lo.n);
    text_done(&lo);
    return out;
}

/* Where the gate reads words: a str in its own kind (no copy), lowered on the fly (``fold``: the
 * text itself, lower_cp per code point; latin-1 lowers within latin-1, through ``low1``) or as it
 * is (the caller's ``lowered``). Whitespace is the same before and after lowering (no character
 * lowers to or from one: tested over every code point), so words end where the raw text says. */
typedef struct {
    int kind, fold;
    const void *data;
    Py_ssize_t n;
} Src;

static unsigned char low1[256];  /* lower_cp of a latin-1 character (init_latin1 checks it stays latin-1) */
static unsigned char sp1[256];   /* a latin-1 character is whitespace (str.split) */
static unsigned char same1[256]; /* a latin-1 character itself (``lowered``'s bytes) */

/* low1, sp1 and same1; -1 when a latin-1 character lowered out of latin-1 or changed its
 * whitespace class (no Unicode version does) */
static int init_latin1(void)
{
    for (Py_UCS4 c = 0; c < 256; c++) {
        Py_UCS4 l = lower_cp(c);
        if (l > 255 || (Py_UNICODE_ISSPACE(l) != 0) != (Py_UNICODE_ISSPACE(c) != 0)) return -1;
        low1[c] = (unsigned char)l;
        same1[c] = (unsigned char)c;
        sp1[c] = (unsigned char)(Py_UNICODE_ISSPACE(c) != 0);
    }
    return 0;
}

static inline Py_UCS4 rd(int kind, const void *data, Py_ssize_t i)
{
    if (kind == PyUnicode_1BYTE_KIND) return ((const Py_UCS1 *)data)[i];
    if (kind == PyUnicode_2BYTE_KIND) return ((const Py_UCS2 *)data)[i];
    return ((const Py_UCS4 *)data)[i];
}

static inline int space_cp(Py_UCS4 c) { return c < 256 ? sp1[c] : Py_UNICODE_ISSPACE(c); }

static inline Py_UCS4 src_at(const Src *s, Py_ssize_t i)
{
    Py_UCS4 c = rd(s->kind, s->data, i);
    if (!s->fold) return c;
    return c < 256 ? low1[c] : Py_UNICODE_TOLOWER(c);
}

/* The end of the line starting at i (its newline, or n). */
static Py_ssize_t line_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = data, *nl = i < n ? memchr(d + i, '\n', (size_t)(n - i)) : NULL;
        return nl == NULL ? n : nl - d;
    }
    while (i < n && rd(kind, data, i) != '\n') i++;
    return i;
}

typedef struct {
    uint64_t h;
    Py_ssize_t off, len; /* in the words' source */
    Py_ssize_t para;
} Word;

typedef struct {
    Word *w;
    Py_ssize_t n, cap;
} Words;

static uint64_t word_hash(const Src *s, Py_ssize_t off, Py_ssize_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a over the (lowered) code points */
    for (Py_ssize_t i = off; i < off + len; i++) h = (h ^ (uint64_t)src_at(s, i)) * 1099511628211ULL;
    return h;
}

/* Two words of one length in Python's order of ``sorted(sorted(bag), key=len, reverse=True)``:
 * by code points (<0, 0, >0). */
static int same_len_cmp(const Src *s, Py_ssize_t off, const Word *b)
{
    for (Py_ssize_t i = 0; i < b->len; i++) {
        Py_UCS4 x = src_at(s, off + i), y = src_at(s, b->off + i);
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

/* The word s[off:off+len] offered to a line's k longest distinct words (``top``, ``*nt`` so far,
 * longer first, then by code points). */
static inline void offer(const Src *s, Py_ssize_t off, Py_ssize_t len, Word *top, Py_ssize_t *nt, Py_ssize_t k)
{
    Py_ssize_t pos = *nt;
    while (pos > 0 && top[pos - 1].len < len) pos--;
    int c = 1;
    while (pos > 0 && top[pos - 1].len == len && (c = same_len_cmp(s, off, &top[pos - 1])) < 0) pos--;
    if (c == 0 || pos >= k) return; /* a repeat of a word already kept, or not among the k */
    Py_ssize_t last = *nt < k ? *nt : k - 1;
    memmove(&top[pos + 1], &top[pos], (size_t)(last - pos) * sizeof(Word));
    top[pos].off = off;
    top[pos].len = len;
    if (*nt < k) (*nt)++;
}

/* The end of the word starting at x in the latin-1 line d[.. b): its first whitespace byte, or b.
 * Eight bytes at a time where the byte order allows: ((v - 0x21..) | v) & 0x80.. flags bytes
 * below '!' or from 0x80 up (whitespace is among them); below the first flagged byte nothing
 * borrows, so that one is exact, and it is checked in the table. */
static inline Py_ssize_t word_end1(const Py_UCS1 *d, Py_ssize_t x, Py_ssize_t b)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t low = 0x2121212121212121ULL, hi1 = 0x8080808080808080ULL;
    while (x + 8 <= b) {
        uint64_t v;
        memcpy(&v, d + x, 8);
        uint64_t m = ((v - low) | v) & hi1;
        if (m == 0) {
            x += 8;
            continue;
        }
        x += __builtin_ctzll(m) >> 3;
        if (sp1[d[x]]) return x;
        x++;
    }
#endif
    while (x < b && !sp1[d[x]]) x++;
    return x;
}

/* The words of the line s[a:b) as ``str.split()`` finds them (on the lowered line): how many, and
 * the k longest distinct ones in ``top`` (``*nt``). A word shorter than the k-th kept one is out
 * after one comparison. */
static Py_ssize_t line_top(const Src *s, Py_ssize_t a, Py_ssize_t b, Word *top, Py_ssize_t *nt, Py_ssize_t k)
{
    Py_ssize_t nw = 0, x = a, floor = 0;
    const int kind = s->kind;
    const void *data = s->data;
    *nt = 0;
    while (x < b) {
        Py_ssize_t ws;
        if (kind == PyUnicode_1BYTE_KIND) {
            const Py_UCS1 *d = data;
            while (x < b && sp1[d[x]]) x++;
            if (x >= b) break;
            ws = x;
            x = word_end1(d, x, b);
        } else {
            while (x < b && space_cp(rd(kind, data, x))) x++;
            if (x >= b) break;
            ws = x;
            while (x < b && !space_cp(rd(kind, data, x))) x++;
        }
        nw++;
        if (x - ws >= floor) {
            offer(s, ws, x - ws, top, nt, k);
            if (*nt == k) floor = top[k - 1].len;
        }
    }
    return nw;
}

/* Every word of the line s[a:b) with its hash (word_hash's value) into ``all`` (emptied first): a
 * paragraph's bag, for a candidate pair. 0 or -1 (no memory). */
static int line_bag(const Src *s, Py_ssize_t a, Py_ssize_t b, Words *all)
{
    const int kind = s->kind;
    const void *data = s->data;
    const unsigned char *map = s->fold ? low1 : same1;
    Py_ssize_t x = a;
    all->n = 0;
    while (x < b) {
        while (x < b && space_cp(rd(kind, data, x))) x++;
        if (x >= b) break;
        Py_ssize_t ws = x;
        uint64_t h = 1469598103934665603ULL;
        if (kind == PyUnicode_1BYTE_KIND) {
            const Py_UCS1 *d = data;
            for (; x < b && !sp1[d[x]]; x++) h = (h ^ (uint64_t)map[d[x]]) * 1099511628211ULL;
        } else {
            for (; x < b && !space_cp(rd(kind, data, x)); x++) h = (h ^ (uint64_t)src_at(s, x)) * 1099511628211ULL;
        }
        if (grow((void **)&all->w, &all->cap, all->n + 1, sizeof(Word)) < 0) return -1;
        all->w[all->n++] = (Word){h, ws, x - ws, 0};
    }
    return 0;
}

static int word_eq(const Src *s, const Word *a, const Word *b)
{
    return a->len == b->len && same_len_cmp(s, a->off, b) == 0;
}

typedef struct {
    Py_ssize_t a, b;      /* its line in the words' source */
    Py_ssize_t distinct;  /* -1 until counted */
    uint64_t *hashes;     /* distinct word hashes (when counted) */
    Py_ssize_t *set;      /* open addressing over them: index into hashes + 1, 0 = empty */
    Py_ssize_t mask;
} Para;

/* Where hash h is (or would go) in paragraph p's set. */
static inline Py_ssize_t set_slot(const Para *p, uint64_t h)
{
    Py_ssize_t i = (Py_ssize_t)(h & (uint64_t)p->mask);
    while (p->set[i] && p->hashes[p->set[i] - 1] != h) i = (i + 1) & p->mask;
    return i;
}

/* The distinct hashes of a paragraph's words (its line read again into ``all``, scratch), in a
 * hash set (linear: no sort). Returns 1 when two different words share a hash (the caller then
 * gives up: "maybe"), 0 when done, -1 on error. */
static int count_distinct(const Src *s, Para *p, Words *all)
{
    if (p->distinct >= 0) return 0;
    if (line_bag(s, p->a, p->b, all) < 0) return -1;
    Py_ssize_t n = all->n, slots = 8;
    while (slots < 2 * n + 2) {
        if (slots > PY_SSIZE_T_MAX / 4) { PyErr_NoMemory(); return -1; }
        slots *= 2;
    }
    p->hashes = malloc((size_t)(n > 0 ? n : 1) * sizeof(uint64_t));
    p->set = calloc((size_t)slots, sizeof(Py_ssize_t));
    p->mask = slots - 1;
    if (p->hashes == NULL || p->set == NULL) { PyErr_NoMemory(); return -1; }
    Py_ssize_t u = 0;
    int collision = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Word *w = &all->w[i];
        Py_ssize_t k = set_slot(p, w->h);
        if (p->set[k]) {
            if (!word_eq(s, &all->w[all->w[p->set[k] - 1].para], w)) collision = 1;
        } else {
            p->hashes[u] = w->h;
            all->w[u].para = i; /* (scratch: the u-th distinct hash's first word, all->w[u] already read) */
            p->set[k] = ++u;
        }
    }
    p->distinct = u;
    return collision;
}

/* ``_similar_enough`` on hashed bags: a hash shared by two different words across paragraphs
 * can only raise the intersection, which only turns the answer to "maybe". */
static int similar_enough(const Para *a, const Para *b)
{
    Py_ssize_t la = a->distinct, lb = b->distinct;
    if ((double)lb < 0.6 * (double)la || (double)la < 0.6 * (double)lb) return 0;
    if (la < lb) { const Para *x = a; a = b; b = x; } /* probe the smaller into the larger */
    Py_ssize_t inter = 0;
    for (Py_ssize_t j = 0; j < b->distinct; j++)
        inter += a->set[set_slot(a, b->hashes[j])] != 0;
    return (double)inter >= 0.5 * (double)(la + lb - inter);
}

/* U+0130 or U+03A3 in a text (not in latin-1): its lower case needs ``str.lower``. */
static int has_special(int kind, const void *data, Py_ssize_t n)
{
    if (kind == PyUnicode_1BYTE_KIND) return 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == 0x130 || c == 0x3A3) return 1;
    }
    return 0;
}

typedef struct {
    Py_ssize_t min_chars, min_words, k, max_posting;
} DupParams;

static int dup_params_ok(const DupParams *q)
{
    if (q->k >= 1 && q->k <= 64) return 0;
    PyErr_SetString(PyExc_ValueError, "dup_maybe: k must be in 1..64");
    return -1;
}

/* The duplicate gate on ``text`` (``lowered``: its lower case, or NULL: lowered here): 0 no
 * candidate pair, 1 maybe, 2 cannot say (U+0130, U+03A3: the caller passes text.lower()), -1 error. */
static int dup_core(PyObject *text, PyObject *lowered, const DupParams *q)
{
    const Py_ssize_t min_chars = q->min_chars, min_words = q->min_words, k = q->k, max_posting = q->max_posting;
    int tkind = PyUnicode_KIND(text);
    const void *tdata = PyUnicode_DATA(text);
    Py_ssize_t tn = PyUnicode_GET_LENGTH(text);
    /* fold: the words are the text's, lowered code point by code point (lower_simple's mapping), or
     * None when that cannot be exact (U+0130, U+03A3 anywhere in the text) */
    int fold = lowered == NULL;
    if (fold && has_special(tkind, tdata, tn)) return 2;
    Src s = fold ? (Src){tkind, 1, tdata, tn}
                 : (Src){PyUnicode_KIND(lowered), 0, PyUnicode_DATA(lowered), PyUnicode_GET_LENGTH(lowered)};
    Word *anchors = NULL;
    Words bag = {NULL, 0, 0}; /* scratch of count_distinct */
    Para *paras = NULL;
    Py_ssize_t *group = NULL, *link = NULL, *size = NULL;
    Py_ssize_t np = 0, cap_p = 0, na = 0, cap_a = 0;
    int answer = 0, failed = 0;
    Py_ssize_t i = 0, j = 0; /* line starts in text and in the words' source */
    while (i <= tn && j <= s.n) {
        Py_ssize_t ie = line_end(tkind, tdata, tn, i);
        Py_ssize_t je = fold ? ie : line_end(s.kind, s.data, s.n, j);
        if (ie - i >= min_chars) { /* (a short line: its words are never read) */
            Word top[64];
            Py_ssize_t nt = 0, nw = line_top(&s, j, je, top, &nt, k);
            if (nw >= min_words) {
                if (grow((void **)&paras, &cap_p, np + 1, sizeof(Para)) < 0
                    || grow((void **)&anchors, &cap_a, na + nt, sizeof(Word)) < 0) {
                    failed = 1;
                    goto done;
                }
                paras[np] = (Para){j, je, -1, NULL, NULL, 0};
                for (Py_ssize_t x = 0; x < nt; x++) {
                    top[x].h = word_hash(&s, top[x].off, top[x].len);
                    top[x].para = np;
                }
                memcpy(&anchors[na], top, (size_t)nt * sizeof(Word));
                na += nt;
                np++;
            }
        }
        i = ie + 1;
        j = je + 1;
    }
    if (i <= tn || j <= s.n) {
        PyErr_SetString(PyExc_ValueError, "dup_maybe: lowered must have the text's lines");
        failed = 1;
        goto done;
    }
    /* anchors grouped by hash (a hash shared by different words only adds pairs: "maybe"):
     * each anchor links to the previous one of its hash (a table of the groups' last anchors) */
    if (na > 0) {
        Py_ssize_t slots = 8;
        while (slots < 2 * na) slots *= 2; /* na <= 64 * lines: no overflow */
        group = calloc((size_t)slots, sizeof(Py_ssize_t));
        link = malloc((size_t)na * sizeof(Py_ssize_t));
        size = calloc((size_t)na, sizeof(Py_ssize_t));
        if (group == NULL || link == NULL || size == NULL) { PyErr_NoMemory(); failed = 1; goto done; }
        for (Py_ssize_t x = 0; x < na; x++) {
            Py_ssize_t g = (Py_ssize_t)(anchors[x].h & (uint64_t)(slots - 1));
            while (group[g] && anchors[group[g] - 1].h != anchors[x].h) g = (g + 1) & (slots - 1);
            link[x] = group[g] - 1; /* -1: the first of its hash */
            size[x] = group[g] ? size[group[g] - 1] + 1 : 1;
            group[g] = x + 1;
            if (size[x] > max_posting) answer = 1; /* a crowded anchor: the real paragraphs may still share it */
        }
        for (Py_ssize_t x = 0; x < na && !answer; x++) {
            for (Py_ssize_t y = link[x]; y >= 0 && !answer; y = link[y]) {
                Para *a = &paras[anchors[y].para], *b = &paras[anchors[x].para];
                int ca = count_distinct(&s, a, &bag), cb = ca ? ca : count_distinct(&s, b, &bag);
                if (ca < 0 || cb < 0) { failed = 1; goto done; }
                answer = ca || cb || similar_enough(a, b);
            }
        }
    }
done:
    for (Py_ssize_t x = 0; x < np; x++) {
        free(paras[x].hashes);
        free(paras[x].set);
    }
    free(group);
    free(link);
    free(size);
    free(anchors);
    free(bag.w);
    free(paras);
    return failed ? -1 : answer;
}

static PyObject *dup_maybe(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *lowered;
    DupParams q;
    if (!PyArg_ParseTuple(args, "UOnnnn:dup_maybe", &text, &lowered, &q.min_chars, &q.min_words, &q.k, &q.max_posting))
        return NULL;
    if (dup_params_ok(&q) < 0) return NULL;
    if (lowered != Py_None && !PyUnicode_Check(lowered)) {
        PyErr_SetString(PyExc_TypeError, "dup_maybe: lowered must be str or None");
        return NULL;
    }
    int r = dup_core(text, lowered == Py_None ? NULL : lowered, &q);
    if (r < 0) return NULL;
    if (r == 2) Py_RETURN_NONE;
    return PyBool_FromLong(r);
}

/* scan(text, site_table, lexicon, not_before, ctx, min_chars, min_words, k, max_posting) ->
 * (site_starts(text, site_table), name_tokens(text, lexicon, not_before, set(), ctx),
 *  dup_maybe(text, None, min_chars, min_words, k, max_posting)): the step's gates from one copy of
 * the text and one call (name_tokens' answer is a tuple, dup_maybe's True, False or None). */
static PyObject *scan(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *cap, *lexicon, *not_before, *ctx;
    DupParams q;
    if (!PyArg_ParseTuple(args, "UOOUO!nnnn:scan", &text, &cap, &lexicon, &not_before, &PyTuple_Type, &ctx,
                          &q.min_chars, &q.min_words, &q.k, &q.max_posting))
        return NULL;
    Trie *tr = PyCapsule_GetPointer(cap, "saring.repair.site_table");
    NameCtx c;
    if (tr == NULL || name_ctx(ctx, &c) < 0 || dup_params_ok(&q) < 0) return NULL;
    Text t, nb;
    if (text_of(text, &t) < 0) return NULL;
    if (text_of(not_before, &nb) < 0) { text_done(&t); return NULL; }
    PyObject *sites = PyList_New(0), *starts = PyList_New(0), *out = NULL;
    Py_ssize_t unknown = 0;
    int code = 0, hyph = 0, dup = -1;
    if (sites != NULL && starts != NULL && site_walk(text, &t, tr, sites) == 0
        && name_walk(text, &t, lexicon, &nb, NULL, &c, starts, &unknown, &code, &hyph) == 0) {
        text_done(&t); /* (the gate reads the str itself) */
        dup = dup_core(text, NULL, &q);
    }
    if (dup >= 0)
        out = Py_BuildValue("(O(OnOO)O)", sites, starts, unknown, code ? Py_True : Py_False, hyph ? Py_True : Py_False,
                            dup == 2 ? Py_None : dup ? Py_True : Py_False);
    Py_XDECREF(sites);
    Py_XDECREF(starts);
    text_done(&t);
    text_done(&nb);
    return out;
}

/* ------------------------------------------------------------------ scrape-join scans */


static inline Py_ssize_t run_upper(const Text *t, Py_ssize_t i)
{
    Py_ssize_t j = i;
    while (j < t->n && is_upper(t->u[j])) j++;
    return j - i;
}

/* (?:[a-z]{3,}|[A-Z][a-z]{2,}) at q: the end of the (greedy) match or -1 */
static inline Py_ssize_t item_tail(const Text *t, Py_ssize_t q)
{
    Py_ssize_t r = run_lower(t, q);
    if (r >= 3) return q + r;
    if (is_upper(at(t, q))) {
        r = run_lower(t, q + 1);
        if (r >= 2) return q + 1 + r;
    }
    return -1;
}

/* End of a match of one of the join patterns at p, or -1.
 * 0 SCRAPE_CAMEL [a-z]{3}[A-Z][a-z]{2}
 * 1 SENT_JOIN    [a-z)][.!?][A-Z][a-z]{2}
 * 2 ITEM_JOIN    \d(?:[a-z]{1,2}|[A-Z])(?:[a-z]{3,}|[A-Z][a-z]{2,})|\b[A-Z]{2,5}[a-z]{4,}
 * 3 PAREN_JOIN   [)\]][a-z]{2,}
 * 4 LOWER_TOKEN  (?<![\w\-@#/.])[a-z]{8,30}(?![\w\-@/]) */
static Py_ssize_t join_at(const Text *t, Py_ssize_t p, int which)
{
    Py_UCS4 c = t->u[p];
    switch (which) {
    case 0:
        return (is_lower(c) && is_lower(at(t, p + 1)) && is_lower(at(t, p + 2)) && is_upper(at(t, p + 3))
                && is_lower(at(t, p + 4)) && is_lower(at(t, p + 5))) ? p + 6 : -1;
    case 1: {
        Py_UCS4 d = at(t, p + 1);
        return ((is_lower(c) || c == ')') && (d == '.' || d == '!' || d == '?') && is_upper(at(t, p + 2))
                && is_lower(at(t, p + 3)) && is_lower(at(t, p + 4))) ? p + 5 : -1;
    }
    case 2:
        if (is_dec(c)) {
            Py_ssize_t L = run_lower(t, p + 1), e;
            for (Py_ssize_t a = L < 2 ? L : 2; a >= 1; a--) /* [a-z]{1,2}, greedy */
                if ((e = item_tail(t, p + 1 + a)) >= 0) return e;
            if (is_upper(at(t, p + 1))) return item_tail(t, p + 2); /* |[A-Z] */
            return -1;
        }
        if (is_upper(c) && (p == 0 || !is_word(t->u[p - 1]))) { /* \b before a word character */
            Py_ssize_t U = run_upper(t, p);
            /* a shorter [A-Z]{2,5} leaves a capital next, which [a-z]{4,} cannot take */
            if (U >= 2 && U <= 5) {
                Py_ssize_t r = run_lower(t, p + U);
                if (r >= 4) return p + U + r;
            }
        }
        return -1;
    case 3:
        if (c == ')' || c == ']') {
            Py_ssize_t r = run_lower(t, p + 1);
            if (r >= 2) return p + 1 + r;
        }
        return -1;
    default: {
        if (!is_lower(c)) return -1;
        Py_UCS4 b = at(t, p - 1);
        if (b != END_CH && (is_word(b) || b == '-' || b == '@' || b == '#' || b == '/' || b == '.')) return -1;
        Py_ssize_t r = run_lower(t, p); /* greedy; a shorter run leaves a letter next */
        Py_UCS4 nx = at(t, p + r);
        if (r < 8 || r > 30 || is_word(nx) || nx == '-' || nx == '@' || nx == '/') return -1;
        return p + r;
    }
    }
}

/* join_starts(text, which) -> starts of ``PATTERN.finditer(text)`` (non-overlapping: the scan
 * goes on at a match's end); which = 4 gives the matched tokens (str) instead. */
static PyObject *join_starts(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text;
    int which;
    if (!PyArg_ParseTuple(args, "Ui:join_starts", &text, &which)) return NULL;
    if (which < 0 || which > 4) {
        PyErr_SetString(PyExc_ValueError, "join_starts: which must be 0..4");
        return NULL;
    }
    Text t;
    if (text_of(text, &t) < 0) return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL) { text_done(&t); return NULL; }
    Py_ssize_t p = 0;
    while (p < t.n) {
        Py_ssize_t e = join_at(&t, p, which);
        if (e < 0) { p++; continue; }
        int r;
        if (which == 4) {
            PyObject *tok = PyUnicode_Substring(text, p, e);
            if (tok == NULL) r = -1;
            else { r = PyList_Append(out, tok); Py_DECREF(tok); }
        } else {
            r = push_pos(out, p);
        }
        if (r < 0) { Py_DECREF(out); text_done(&t); return NULL; }
        p = e;
    }
    text_done(&t);
    return out;
}

/* join_all(text) -> (starts of patterns 0, 1, 2, 3): join_starts' four position lists from one
 * walk. Each pattern keeps its own resume point (a finditer goes on at its last match's end), and a
 * position is only tried for the patterns its character can start. */
static PyObject *join_all(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "join_all: str expected"); return NULL; }
    Text t;
    if (text_of(arg, &t) < 0) return NULL;
    PyObject *out[4] = {NULL, NULL, NULL, NULL};
    for (int w = 0; w < 4; w++)
        if ((out[w] = PyList_New(0)) == NULL) goto fail;
    Py_ssize_t next[4] = {0, 0, 0, 0};
    for (Py_ssize_t p = 0; p < t.n; p++) {
        Py_UCS4 c = t.u[p];
        int mask; /* the patterns c can start: 0 [a-z], 1 [a-z)], 2 \d or [A-Z], 3 [)\]] */
        if (is_lower(c)) mask = 1 | 2;
        else if (is_upper(c) || (c >= '0' && c <= '9') || (c >= 128 && is_dec(c))) mask = 4;
        else if (c == ')') mask = 2 | 8;
        else if (c == ']') mask = 8;
        else continue;
        if (mask & 1 && !is_upper(at(&t, p + 3))) mask &= ~1; /* [a-z]{3}[A-Z] */
        if (mask & 2) {
            Py_UCS4 d = at(&t, p + 1); /* [a-z)][.!?] */
            if (d != '.' && d != '!' && d != '?') mask &= ~2;
        }
        for (int w = 0; mask && w < 4; w++) {
            if (!(mask & (1 << w)) || p < next[w]) continue;
            Py_ssize_t e = join_at(&t, p, w);
            if (e < 0) continue;
            if (push_pos(out[w], p) < 0) goto fail;
            next[w] = e;
        }
    }
    text_done(&t);
    PyObject *r = PyTuple_Pack(4, out[0], out[1], out[2], out[3]);
    for (int w = 0; w < 4; w++) Py_DECREF(out[w]);
    return r;
fail:
    for (int w = 0; w < 4; w++) Py_XDECREF(out[w]);
    text_done(&t);
    return NULL;
}

/* code_possible(text) -> whether ``names.CODE_GLUE`` matches somewhere: an ASCII capital right
 * before a ``\d`` (Unicode decimal) with the pattern's tail after it (``code_tail``). */
static PyObject *code_possible(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "code_possible: str expected"); return NULL; }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    if (kind == PyUnicode_1BYTE_KIND) { /* latin-1: the decimals are ASCII digits */
        const Py_UCS1 *d = data;
        for (Py_ssize_t i = 0; i + 1 < n; i++)
            if ((unsigned)d[i] - 'A' < 26u && (unsigned)d[i + 1] - '0' < 10u && code_tail(kind, data, n, i + 1))
                Py_RETURN_TRUE;
        Py_RETURN_FALSE;
    }
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c - 'A' < 26u && is_dec(PyUnicode_READ(kind, data, i + 1)) && code_tail(kind, data, n, i + 1))
            Py_RETURN_TRUE;
    }
    Py_RETURN_FALSE;
}

/* breaks(text) -> text.count(" ") + text.count("\n"), read in the text's own kind (no copy) */
static PyObject *breaks(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) { PyErr_SetString(PyExc_TypeError, "breaks: str expected"); return NULL; }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg), count = 0;
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = data;
        Py_ssize_t i = 0;
        /* eight bytes at a time: a byte is zero after the XOR exactly when it was the character;
         * ((v & 0x7f..) + 0x7f..) | v has the high bit of every nonzero byte (no carry crosses a byte) */
        const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fULL, sp = 0x2020202020202020ULL, nl = 0x0a0a0a0a0a0a0a0aULL;
        for (; i + 8 <= n; i += 8) {
            uint64_t x, a, b;
            memcpy(&x, d + i, 8);
            a = x ^ sp;
            b = x ^ nl;
            a = ~(((a & lo7) + lo7) | a) & ~lo7; /* high bit set where the byte was ' ' */
            b = ~(((b & lo7) + lo7) | b) & ~lo7;
            count += (Py_ssize_t)((((a | b) >> 7) * 0x0101010101010101ULL) >> 56); /* bytes of 0/1 summed */
        }
        for (; i < n; i++) count += (d[i] == ' ') | (d[i] == '\n');
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *d = data;
        for (Py_ssize_t i = 0; i < n; i++) count += (d[i] == ' ') | (d[i] == '\n');
    } else {
        const Py_UCS4 *d = data;
        for (Py_ssize_t i = 0; i < n; i++) count += (d[i] == ' ') | (d[i] == '\n');
    }
    return PyLong_FromSsize_t(count);
}

static PyMethodDef methods[] = {
    {"site_table", site_table, METH_O, "site_table(entities) -> the trie site_starts reads."},
    {"site_starts", site_starts, METH_VARARGS,
     "site_starts(text, table) -> start offsets of the site regex's finditer matches."},
    {"token_starts", token_starts, METH_VARARGS,
     "token_starts(text, lexicon, not_before) -> starts of capitalised tokens the lexicon lacks."},
    {"lexicon_table", lexicon_table, METH_O,
     "lexicon_table(keys) -> the ASCII str of a dict's keys, a set or a sequence, as a table name_tokens reads."},
    {"table_has", table_has, METH_VARARGS, "table_has(table, word) -> whether word is a key of the table."},
    {"name_tokens", name_tokens, METH_VARARGS,
     "name_tokens(text, lexicon, not_before, taken, ctx) -> (starts of the unknown capitalised tokens "
     "names.name_site could make a site of, how many unknown tokens, code_possible, the hyphen-code gate)."},
    {"join_starts", join_starts, METH_VARARGS,
     "join_starts(text, which) -> starts of one scrape-join pattern's finditer matches (4: the tokens)."},
    {"join_all", join_all, METH_O,
     "join_all(text) -> the four lists join_starts(text, 0..3) gives, from one walk."},
    {"code_possible", code_possible, METH_O,
     "code_possible(text) -> whether names.CODE_GLUE matches somewhere in text."},
    {"breaks", breaks, METH_O, "breaks(text) -> text.count(' ') + text.count('\\n')."},
    {"lower_simple", lower_simple_py, METH_O,
     "lower_simple(text) -> text.lower() computed one code point at a time, or None when it cannot be."},
    {"scan", scan, METH_VARARGS,
     "scan(text, site_table, lexicon, not_before, ctx, min_chars, min_words, k, max_posting) -> "
     "(site_starts, name_tokens with nothing taken, dup_maybe lowering the text itself)."},
    {"dup_maybe", dup_maybe, METH_VARARGS,
     "dup_maybe(text, lowered, min_chars, min_words, k, max_posting) -> False when no duplicate "
     "paragraph candidate can exist."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_repair", "Compiled scans of the repair step (reference: saring.repair.fastscan).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__c_repair(void)
{
    init_ascii();
    if (init_latin1() < 0) {
        PyErr_SetString(PyExc_SystemError, "_c_repair: a latin-1 character lowers out of latin-1");
        return NULL;
    }
    return PyModule_Create(&module);
}
