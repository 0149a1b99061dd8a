/* saring._c_analysis: the per-token work of saring.analysis / saring.quality.textstats in C.
 *
 * The pure-Python code is the reference: this module computes exactly what it computes.
 *
 *   make_config(clitics, abbreviations, units) -> config
 *       The word lists inside quality's TOKEN_RE, in the order of the regex's alternations
 *       (clitics and units longest first; abbreviations by the regex's groups: length
 *       ascending, longest first within a group). The single-capital initial "[A-Z]" is built in.
 *   tokenize(config, text) -> (tokens, types, info, n_alpha, n_symbol, symbol_chars, token_chars)
 *       TOKEN_RE.findall(text): a hand-written matcher of the same regex, branch by branch in
 *       the regex's order (see analysis.py / textstats.py for the pattern and the tests that
 *       compare the two on adversarial text). Equal tokens share one str object; ``types`` are
 *       the distinct tokens by first occurrence; ``info`` (a capsule) keeps each token's type id
 *       and span for the functions below; the counts are the token classes of Analysis;
 *       token_chars is sum(map(len, tokens)) (Analysis.word_chars).
 *       With ``lazy`` true, the first item is the number of tokens and no token list is made
 *       (most callers want counts, distinct tokens and ids): token_list(info, types) makes it.
 *   token_list(info, types) -> tokens
 *   intern(tokens) -> info
 *       The same info for any list of str (type ids by first occurrence, no spans).
 *   spans(info) -> [(start, end), ...]
 *   ngrams(info, top_ns, dup_ns, positions=False, stop=None) -> ({n: top chars}, {n: dup chars}[, positions])
 *       textstats.top_ngrams / dup_ngram_chars: exact n-gram classes level by level (the
 *       (h+1)-gram code of a position is a dense code of the pair (h-gram code, next type id)),
 *       counted only where the shorter gram repeats. Linear in the tokens per level. With
 *       positions, also the starts of the repeated largest-top-n grams (top_ngrams' list).
 *       With stop = (n_chars, {n: top limit}, {n: dup limit}), the first size whose top or dup
 *       fraction of n_chars is over its limit (a Gopher rule fails) ends the count: the larger
 *       sizes are left out of the result (a rejected court text skips 5 of its 9 levels).
 *   line_view(text) -> (lines, starts)
 *       text.split("\n") and the offset where each of those lines starts (Analysis.lines and
 *       Analysis.line_starts), in one pass: newlines found by memchr in one-byte texts.
 *   no_alnum(types) -> [index, ...]; layout_run(info, flags, n) -> bool;
 *   first_repeat(info, types, n, flags, span) -> None | (gram, count, more)
 *       quality/repeats.py's second look at a text a repetition rule rejects, on the type ids:
 *       the types that may be layout, a run of n layout tokens, the first n-gram holding a word
 *       seen twice and its count (repeats.first_repeated_ngram / count_ngram).
 *
 * Character classes are CPython's for str patterns: \w is Py_UNICODE_ISALNUM or "_", \s is
 * Py_UNICODE_ISSPACE, \d is Py_UNICODE_ISDECIMAL.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define END_CH 0x110000u /* read outside the text: in no class */

/* ---------------------------------------------------------------- character classes */

enum { C_SPACE = 1, C_WORD = 2, C_DEC = 4, C_XW = 8, C_ALPHA = 16 };
static unsigned char ascii_cls[128];

/* The 1-byte storage's shortcuts (``byte_cls``, by byte; 0 for every byte above 127, which
 * takes the general path): a space the main loop skips; a one-character token (FAST_PUNCT's
 * first alternative: not _W, not "-", ".", "#", "@"); an ASCII letter (FAST_WORD's run); an
 * ASCII decimal digit (FAST_WORD's ",\d" check). */
enum { B_SPACE = 1, B_PUNCT1 = 2, B_LETTER = 4, B_DEC = 8 };
static unsigned char byte_cls[256];
static unsigned char xw_byte[256]; /* is_xw of every one-byte character */

static inline int is_xw(Py_UCS4 c);

static void init_ascii(void)
{
    for (Py_UCS4 c = 0; c < 128; c++) {
        unsigned char k = 0;
        if (Py_UNICODE_ISSPACE(c)) k |= C_SPACE;
        if (Py_UNICODE_ISALNUM(c) || c == '_') k |= C_WORD | C_XW;
        if (Py_UNICODE_ISDECIMAL(c)) k |= C_DEC;
        if (Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c)) k |= C_ALPHA;
        ascii_cls[c] = k;
    }
    for (Py_UCS4 c = 0; c < 128; c++) {
        unsigned char b = 0;
        if (ascii_cls[c] & C_SPACE) b |= B_SPACE;
        else if (!(ascii_cls[c] & C_XW) && c != '-' && c != '.' && c != '#' && c != '@') b |= B_PUNCT1;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) b |= B_LETTER;
        if (ascii_cls[c] & C_DEC) b |= B_DEC;
        byte_cls[c] = b;
    }
    for (Py_UCS4 c = 0; c < 256; c++) xw_byte[c] = is_xw(c) != 0;
}

static inline int is_space(Py_UCS4 c)
{
    if (c < 128) return ascii_cls[c] & C_SPACE;
    return c < END_CH && Py_UNICODE_ISSPACE(c);
}

static inline int is_word(Py_UCS4 c) /* \w */
{
    if (c < 128) return ascii_cls[c] & C_WORD;
    return c < END_CH && Py_UNICODE_ISALNUM(c);
}

static inline int is_dec(Py_UCS4 c) /* \d */
{
    if (c < 128) return ascii_cls[c] & C_DEC;
    return c < END_CH && Py_UNICODE_ISDECIMAL(c);
}

static inline int is_alpha_char(Py_UCS4 c) /* [^\W\d_] */
{
    if (c < 128) return ascii_cls[c] & C_ALPHA;
    return c < END_CH && Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c);
}

/* _W: \w plus C1 controls and the combining marks \w lacks */
static inline int is_xw(Py_UCS4 c)
{
    if (c < 128) return ascii_cls[c] & C_XW;
    if (c <= 0x9F) return 1;
    if ((c >= 0x300 && c <= 0x36F) || (c >= 0x610 && c <= 0x61A) || (c >= 0x64B && c <= 0x65F)
        || c == 0x670 || (c >= 0x6D6 && c <= 0x6ED))
        return 1;
    return is_word(c);
}

static inline int is_lower(Py_UCS4 c) { return c >= 'a' && c <= 'z'; }
static inline int is_upper(Py_UCS4 c) { return c >= 'A' && c <= 'Z'; }
static inline int is_letter(Py_UCS4 c) { return is_lower(c) || is_upper(c); }
static inline int is_mark(Py_UCS4 c) { return c == '#' || c == '@' || c == 0x2022; } /* #@• */

/* ---------------------------------------------------------------- text access */

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

static inline Py_UCS4 at(const Text *t, Py_ssize_t i)
{
    if (i < 0 || i >= t->n) return END_CH;
    return PyUnicode_READ(t->kind, t->data, i);
}

typedef struct {
    Py_ssize_t len;
    Py_UCS4 *s;
} Lit;

typedef struct {
    Py_ssize_t n;
    Lit *items;
    uint64_t first[4]; /* bit c: some item starts with the character c (c < 256) */
    int high;          /* some item starts with a character above 255 */
} Lits;

/* Whether some item of l can start with c (a loop over the items finds none otherwise) */
static inline int lits_may_start(const Lits *l, Py_UCS4 c)
{
    return c < 256 ? (int)(l->first[c >> 6] >> (c & 63) & 1) : l->high;
}

static inline int starts_with(const Text *t, Py_ssize_t i, const Lit *w)
{
    if (i < 0 || w->len > t->n - i) return 0;
    if (PyUnicode_READ(t->kind, t->data, i) != w->s[0]) return 0; /* most calls stop here */
    for (Py_ssize_t k = 1; k < w->len; k++)
        if (PyUnicode_READ(t->kind, t->data, i + k) != w->s[k]) return 0;
    return 1;
}

static inline int boundary(const Text *t, Py_ssize_t k) /* \b */
{
    return (is_word(at(t, k - 1)) != 0) != (is_word(at(t, k)) != 0);
}

/* ---------------------------------------------------------------- config */

typedef struct {
    Lits clitics, abbrevs, units;
} Config;

static void free_lits(Lits *l)
{
    if (l->items) {
        for (Py_ssize_t i = 0; i < l->n; i++) PyMem_Free(l->items[i].s);
        PyMem_Free(l->items);
    }
    l->items = NULL;
    l->n = 0;
}

static int load_lits(PyObject *seq, Lits *out)
{
    PyObject *fast = PySequence_Fast(seq, "word lists must be sequences of str");
    if (!fast) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    out->n = 0;
    memset(out->first, 0, sizeof out->first);
    out->high = 0;
    out->items = PyMem_Calloc(n ? (size_t)n : 1, sizeof(Lit));
    if (!out->items) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *w = PySequence_Fast_GET_ITEM(fast, i);
        if (!PyUnicode_Check(w) || PyUnicode_GET_LENGTH(w) == 0) {
            Py_DECREF(fast);
            PyErr_SetString(PyExc_ValueError, "word lists must hold non-empty str");
            return -1;
        }
        Py_UCS4 *s = PyUnicode_AsUCS4Copy(w);
        if (!s) {
            Py_DECREF(fast);
            return -1;
        }
        out->items[i].s = s;
        out->items[i].len = PyUnicode_GET_LENGTH(w);
        out->n = i + 1;
        if (s[0] < 256) out->first[s[0] >> 6] |= (uint64_t)1 << (s[0] & 63);
        else out->high = 1;
    }
    Py_DECREF(fast);
    return 0;
}

static void config_free(PyObject *cap)
{
    Config *c = PyCapsule_GetPointer(cap, "saring._c_analysis.config");
    if (!c) {
        PyErr_Clear();
        return;
    }
    free_lits(&c->clitics);
    free_lits(&c->abbrevs);
    free_lits(&c->units);
    PyMem_Free(c);
}

static PyObject *make_config(PyObject *self, PyObject *args)
{
    PyObject *cl, *ab, *un;
    if (!PyArg_ParseTuple(args, "OOO", &cl, &ab, &un)) return NULL;
    Config *c = PyMem_Calloc(1, sizeof(Config));
    if (!c) return PyErr_NoMemory();
    if (load_lits(cl, &c->clitics) < 0 || load_lits(ab, &c->abbrevs) < 0 || load_lits(un, &c->units) < 0) {
        free_lits(&c->clitics);
        free_lits(&c->abbrevs);
        free_lits(&c->units);
        PyMem_Free(c);
        return NULL;
    }
    PyObject *cap = PyCapsule_New(c, "saring._c_analysis.config", config_free);
    if (!cap) {
        free_lits(&c->clitics);
        free_lits(&c->abbrevs);
        free_lits(&c->units);
        PyMem_Free(c);
    }
    return cap;
}

/* ---------------------------------------------------------------- the matcher */

static Py_ssize_t run_xw(const Text *t, Py_ssize_t i)
{
    if (t->kind == PyUnicode_1BYTE_KIND) { /* by the byte table of is_xw */
        const Py_UCS1 *b = (const Py_UCS1 *)t->data;
        while (i < t->n && xw_byte[b[i]]) i++;
        return i;
    }
    if (t->kind == PyUnicode_2BYTE_KIND) { /* the same table below U+0100 */
        const Py_UCS2 *b = (const Py_UCS2 *)t->data;
        while (i < t->n && (b[i] < 256 ? xw_byte[b[i]] : is_xw(b[i]))) i++;
        return i;
    }
    while (i < t->n && is_xw(PyUnicode_READ(t->kind, t->data, i))) i++;
    return i;
}

static Py_ssize_t run_nonspace(const Text *t, Py_ssize_t i)
{
    while (i < t->n && !is_space(PyUnicode_READ(t->kind, t->data, i))) i++;
    return i;
}

static Py_ssize_t run_dec(const Text *t, Py_ssize_t i)
{
    while (i < t->n && is_dec(PyUnicode_READ(t->kind, t->data, i))) i++;
    return i;
}

/* (?:Nya|nya|...)\b at j */
static int clitic_at(const Text *t, const Config *cf, Py_ssize_t j)
{
    if (!lits_may_start(&cf->clitics, at(t, j))) return 0;
    for (Py_ssize_t k = 0; k < cf->clitics.n; k++) {
        const Lit *w = &cf->clitics.items[k];
        if (starts_with(t, j, w) && boundary(t, j + w->len)) return 1;
    }
    return 0;
}

/* One iteration of the word's (?:(?=[-'’&.,)"])SEP _W++): the end of the _W run after the
 * first separator alternative (in the regex's order) that is followed by a _W character,
 * or -1. */
static Py_ssize_t sep_word(const Text *t, const Config *cf, Py_ssize_t i)
{
    Py_UCS4 c = at(t, i), prev = at(t, i - 1), next = at(t, i + 1);
    /* (?<=[a-z])-(?=[a-z])(?!clitic\b) */
    if (c == '-' && is_lower(prev) && is_lower(next) && !clitic_at(t, cf, i + 1))
        return run_xw(t, i + 1);
    /* ['’&] */
    if (c == '\'' || c == 0x2019 || c == '&') {
        if (is_xw(next)) return run_xw(t, i + 1);
    }
    /* [.,](?=\d) */
    if ((c == '.' || c == ',') && is_dec(next)) return run_xw(t, i + 1);
    /* \)\.\[? */
    if (c == ')' && next == '.') {
        if (at(t, i + 2) == '[' && is_xw(at(t, i + 3))) return run_xw(t, i + 3);
        if (is_xw(at(t, i + 2))) return run_xw(t, i + 2);
    }
    if (c == '.') {
        /* \.\[ */
        if (next == '[' && is_xw(at(t, i + 2))) return run_xw(t, i + 2);
        /* (?<=\d)\." */
        if (is_dec(prev) && next == '"' && is_xw(at(t, i + 2))) return run_xw(t, i + 2);
    }
    /* (?<=[A-Za-z])"(?=[A-Za-z]) */
    if (c == '"' && is_letter(prev) && is_letter(next)) return run_xw(t, i + 1);
    if (c == '.' && is_xw(next)) {
        /* (?<![a-z])\.  |  \.(?![A-Z]) */
        if (!is_lower(prev) || !is_upper(next)) return run_xw(t, i + 1);
    }
    return -1;
}

/* {_W}++(?:(?=[-'’&.,)"])SEP{_W}++)*+ from i (a _W character) */
static Py_ssize_t word_end(const Text *t, const Config *cf, Py_ssize_t i)
{
    i = run_xw(t, i);
    while (i < t->n) {
        Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
        if (!(c == '-' || c == '\'' || c == 0x2019 || c == '&' || c == '.' || c == ',' || c == ')'
              || c == '"'))
            break;
        Py_ssize_t k = sep_word(t, cf, i);
        if (k < 0) break;
        i = k;
    }
    return i;
}

static const Py_UCS4 S_HTTPS[] = {'h', 't', 't', 'p', 's', ':', '/', '/'};
static const Py_UCS4 S_HTTP[] = {'h', 't', 't', 'p', ':', '/', '/'};
static const Py_UCS4 S_WWW[] = {'w', 'w', 'w', '.'};

static int starts_raw(const Text *t, Py_ssize_t i, const Py_UCS4 *s, Py_ssize_t len)
{
    const Lit w = {len, (Py_UCS4 *)s};
    return starts_with(t, i, &w);
}

/* The end of TOKEN_RE's match at pos (a non-space character), or -1 (cannot happen). */
static Py_ssize_t match_at(const Text *t, const Config *cf, Py_ssize_t pos)
{
    Py_UCS4 c = PyUnicode_READ(t->kind, t->data, pos);
    Py_UCS4 next = at(t, pos + 1);
    /* FAST_PUNCT */
    if (!is_xw(c) && c != '-' && c != '.' && !is_mark(c)) return pos + 1;
    if (c == '-' && !is_letter(next)) return pos + 1;
    if (c == '.' && !(next == '.' && at(t, pos + 2) == '.')) return pos + 1;
    if (is_mark(c) && !is_xw(next)) return pos + 1;
    /* FAST_WORD: [A-Za-z]++(?![^\s,]|\x85|,\d) */
    if (is_letter(c)) {
        Py_ssize_t j = pos + 1;
        while (j < t->n && is_letter(PyUnicode_READ(t->kind, t->data, j))) j++;
        if (j >= t->n) return j;
        Py_UCS4 d = PyUnicode_READ(t->kind, t->data, j);
        if (!((!is_space(d) && d != ',') || d == 0x85 || (d == ',' && is_dec(at(t, j + 1)))))
            return j;
    }
    /* (?=\S)(?: ... ) -- pos is not a space */
    if (c == 'h') {
        Py_ssize_t k = -1;
        if (starts_raw(t, pos, S_HTTPS, 8)) k = pos + 8;
        else if (starts_raw(t, pos, S_HTTP, 7)) k = pos + 7;
        if (k >= 0 && k < t->n && !is_space(at(t, k))) return run_nonspace(t, k);
    }
    if (c == 'w' && starts_raw(t, pos, S_WWW, 4) && pos + 4 < t->n && !is_space(at(t, pos + 4)))
        return run_nonspace(t, pos + 4);
    if (c == 'R' && next == 'p' && is_dec(at(t, pos + 2))) return pos + 2;
    if (c == 'U' && next == 'S' && at(t, pos + 2) == '$') return pos + 3;
    if (c == '-' && lits_may_start(&cf->clitics, next)) {
        for (Py_ssize_t k = 0; k < cf->clitics.n; k++) {
            const Lit *w = &cf->clitics.items[k];
            if (starts_with(t, pos + 1, w) && boundary(t, pos + 1 + w->len)) return pos + 1 + w->len;
        }
    }
    /* abbreviations: (?:[A-Z](?<!\w\w)|Lit(?<!\w{len+1})|...)\.(?=\s) */
    if (is_upper(c) && !is_word(at(t, pos - 1)) && next == '.' && is_space(at(t, pos + 2)))
        return pos + 2;
    const Py_ssize_t n_abbrevs = lits_may_start(&cf->abbrevs, c) ? cf->abbrevs.n : 0;
    for (Py_ssize_t k = 0; k < n_abbrevs; k++) {
        const Lit *w = &cf->abbrevs.items[k];
        if (!starts_with(t, pos, w)) continue;
        Py_ssize_t e = pos + w->len;
        int behind = e - (w->len + 1) >= 0;
        for (Py_ssize_t q = e - w->len - 1; behind && q < e; q++)
            if (!is_word(at(t, q))) behind = 0;
        if (!behind && at(t, e) == '.' && is_space(at(t, e + 1))) return e + 1;
    }
    /* \d++(?:[.,]\d++)*+(?=(?:units)(?!\w)) */
    if (is_dec(c)) {
        Py_ssize_t j = run_dec(t, pos + 1);
        for (;;) {
            Py_UCS4 d = at(t, j);
            if ((d == '.' || d == ',') && is_dec(at(t, j + 1))) j = run_dec(t, j + 2);
            else break;
        }
        const Py_ssize_t n_units = lits_may_start(&cf->units, at(t, j)) ? cf->units.n : 0;
        for (Py_ssize_t k = 0; k < n_units; k++) {
            const Lit *w = &cf->units.items[k];
            if (starts_with(t, j, w) && !is_word(at(t, j + w->len))) return j;
        }
    }
    if (is_xw(c)) return word_end(t, cf, pos);
    if (is_mark(c) && is_xw(next)) return word_end(t, cf, pos + 1);
    if (c == '-' && (pos == 0 || is_space(at(t, pos - 1))) && is_upper(next)) return word_end(t, cf, pos + 1);
    if (c == '.' && next == '.' && at(t, pos + 2) == '.') return pos + 3;
    if (!is_word(c)) return pos + 1;
    return -1;
}

/* match_at for the 1-byte storage, its two shortcuts taken on bytes: a one-character token
 * (FAST_PUNCT's first alternative) and FAST_WORD (a run of ASCII letters followed by an ASCII
 * space, the end, or a comma not before a digit). Everything else (and every byte above 127)
 * goes to match_at, which tries the same shortcuts first: the same end either way. */
static inline Py_ssize_t match_at_1(const Text *t, const Config *cf, Py_ssize_t pos)
{
    const Py_UCS1 *b = (const Py_UCS1 *)t->data;
    unsigned char k = byte_cls[b[pos]];
    if (k & B_PUNCT1) return pos + 1;
    if (k & B_LETTER) {
        Py_ssize_t j = pos + 1, n = t->n;
        while (j < n && (byte_cls[b[j]] & B_LETTER)) j++;
        if (j >= n) return j;
        unsigned char d = byte_cls[b[j]];
        if (d & B_SPACE) return j;
        if (b[j] == ',' && !(j + 1 < n && (byte_cls[b[j + 1]] & B_DEC))) return j;
    }
    return match_at(t, cf, pos);
}

/* match_at for the 2-byte storage: the same two shortcuts as match_at_1 for a token starting
 * with an ASCII character, each decided on ASCII characters only (a letter run ending at any
 * other character, and a comma before one, go to match_at, which tries the shortcuts again). */
static inline Py_ssize_t match_at_2(const Text *t, const Config *cf, Py_ssize_t pos)
{
    const Py_UCS2 *b = (const Py_UCS2 *)t->data;
    Py_UCS2 c = b[pos];
    if (c < 128) {
        unsigned char k = byte_cls[c];
        if (k & B_PUNCT1) return pos + 1;
        if (k & B_LETTER) {
            Py_ssize_t j = pos + 1, n = t->n;
            while (j < n && b[j] < 128 && (byte_cls[b[j]] & B_LETTER)) j++;
            if (j >= n) return j;
            Py_UCS2 d = b[j];
            if (d < 128) {
                if (byte_cls[d] & B_SPACE) return j;
                if (d == ',' && !(j + 1 < n && b[j + 1] < 128 && (byte_cls[b[j + 1]] & B_DEC))
                    && (j + 1 >= n || b[j + 1] < 128))
                    return j;
            }
        }
    }
    return match_at(t, cf, pos);
}

/* ---------------------------------------------------------------- token info (capsule) */

typedef struct {
    Py_ssize_t n;        /* tokens */
    Py_ssize_t ntypes;
    Py_ssize_t *ids;     /* n: type id of each token, by first occurrence */
    Py_ssize_t *tlen;    /* ntypes: characters of each type */
    Py_ssize_t *starts;  /* n (NULL when empty) */
    Py_ssize_t *ends;
    int has_spans;       /* 0: interned from a list */
} Info;

static void info_free_ptr(Info *f)
{
    if (!f) return;
    PyMem_Free(f->ids);
    PyMem_Free(f->tlen);
    PyMem_Free(f->starts);
    PyMem_Free(f->ends);
    PyMem_Free(f);
}

static void info_free(PyObject *cap)
{
    Info *f = PyCapsule_GetPointer(cap, "saring._c_analysis.info");
    if (!f) {
        PyErr_Clear();
        return;
    }
    info_free_ptr(f);
}

static PyObject *wrap_info(Info *f)
{
    PyObject *cap = PyCapsule_New(f, "saring._c_analysis.info", info_free);
    if (!cap) info_free_ptr(f);
    return cap;
}

/* growable Py_ssize_t array */
typedef struct {
    Py_ssize_t *a;
    Py_ssize_t n, cap;
} Vec;

static int vec_grow(Vec *v, Py_ssize_t want)
{
    if (want > v->cap) {
        Py_ssize_t cap = want;
        if ((size_t)cap > PY_SSIZE_T_MAX / sizeof(Py_ssize_t)) {
            PyErr_NoMemory();
            return -1;
        }
        Py_ssize_t *a = PyMem_Realloc(v->a, (size_t)cap * sizeof(Py_ssize_t));
        if (!a) {
            PyErr_NoMemory();
            return -1;
        }
        v->a = a;
        v->cap = cap;
    }
    return 0;
}

static inline int vec_push(Vec *v, Py_ssize_t x)
{
    if (v->n == v->cap && vec_grow(v, v->cap ? v->cap * 2 : 256) < 0) return -1;
    v->a[v->n++] = x;
    return 0;
}

/* ---------------------------------------------------------------- tokenize */

typedef struct {
    uint64_t hash;
    Py_ssize_t start, len, id; /* id < 0: empty slot */
} Slot;

/* The hash of a token's bytes: a fast word-at-a-time mix, or (``keyed``) CPython's keyed hash
 * (SipHash, random key per process). A document switches to the keyed hash when a lookup
 * probes too long, so crafted text cannot make tokens collide on purpose and turn the table
 * quadratic, while ordinary text pays for the cheap hash only. */
static inline uint64_t span_hash(const Text *t, Py_ssize_t s, Py_ssize_t len, int keyed)
{
    const unsigned char *p = (const unsigned char *)t->data + (size_t)s * (size_t)t->kind;
    size_t nb = (size_t)len * (size_t)t->kind;
    if (keyed) return (uint64_t)_Py_HashBytes(p, (Py_ssize_t)nb);
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ nb, w;
    while (nb >= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
        p += 8;
        nb -= 8;
    }
    if (nb >= 4) { /* the last 1-7 bytes by two overlapping 4-byte loads (nb is in h) */
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + nb - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else {
        w = nb ? (uint64_t)p[0] | (uint64_t)p[nb / 2] << 8 | (uint64_t)p[nb - 1] << 16 : 0;
    }
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 29);
}

static int max_probe = 64; /* _set_max_probe: tests reach the keyed path with 0 */

/* A table of twice the size (or the same size with ``rehash``: every hash recomputed keyed). */
static int grow_table(Slot **tab, size_t *mask, const Text *t, int rehash)
{
    size_t cap = (*mask + 1) * (rehash ? 1 : 2);
    if (cap > ((size_t)PY_SSIZE_T_MAX) / sizeof(Slot)) {
        PyErr_NoMemory();
        return -1;
    }
    Slot *nt = PyMem_Malloc(cap * sizeof(Slot));
    if (!nt) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < cap; i++) nt[i].id = -1;
    for (size_t i = 0; i <= *mask; i++) {
        Slot *s = &(*tab)[i];
        if (s->id < 0) continue;
        if (rehash) s->hash = span_hash(t, s->start, s->len, 1);
        size_t j = (size_t)s->hash & (cap - 1);
        while (nt[j].id >= 0) j = (j + 1) & (cap - 1);
        nt[j] = *s;
    }
    PyMem_Free(*tab);
    *tab = nt;
    *mask = cap - 1;
    return 0;
}

/* token class of a new type: -1 letter somewhere, 0 other, len for an all-punctuation token */
static Py_ssize_t classify(const Text *t, Py_ssize_t s, Py_ssize_t e)
{
    int sym = 1, alpha = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = PyUnicode_READ(t->kind, t->data, i);
        if (is_word(c) || is_space(c)) sym = 0;
        if (is_alpha_char(c)) {
            alpha = 1;
            break;
        }
    }
    if (alpha) return -1;
    return sym ? e - s : 0;
}

/* The tokens as a list: each a new reference to its type's str. Like the types list, a list
 * of str only (read-only by contract) cannot be part of a reference cycle, so the cyclic GC
 * need not traverse it. */
static PyObject *token_list_of(PyObject *types, const Py_ssize_t *ids, Py_ssize_t n)
{
    PyObject *tokens = PyList_New(n);
    if (!tokens) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *tok = PyList_GET_ITEM(types, ids[i]);
        Py_INCREF(tok);
        PyList_SET_ITEM(tokens, i, tok);
    }
    PyObject_GC_UnTrack(tokens);
    return tokens;
}

/* ---------------------------------------------------------------- types
 *
 * (A memo of type strings across documents was tried: -11 % instructions but +13-27 % CPU,
 * measured with both kernels in one process: a hit reads and writes a str made long ago, out
 * of cache, where a new one comes from obmalloc's hot free list. Not kept.) */

/* growable array of owned references */
typedef struct {
    PyObject **a;
    Py_ssize_t n, cap;
} ObjVec;

static int objvec_push(ObjVec *v, PyObject *o) /* steals o, also on failure */
{
    if (v->n == v->cap) {
        Py_ssize_t cap = v->cap ? v->cap * 2 : 64;
        PyObject **a = ((size_t)cap > PY_SSIZE_T_MAX / sizeof(PyObject *))
            ? NULL : PyMem_Realloc(v->a, (size_t)cap * sizeof(PyObject *));
        if (!a) {
            Py_DECREF(o);
            PyErr_NoMemory();
            return -1;
        }
        v->a = a;
        v->cap = cap;
    }
    v->a[v->n++] = o;
    return 0;
}

static void objvec_free(ObjVec *v)
{
    for (Py_ssize_t i = 0; i < v->n; i++) Py_DECREF(v->a[i]);
    PyMem_Free(v->a);
    v->a = NULL;
    v->n = v->cap = 0;
}

/* The str of a new type of this document. */
/* A token of a text that is not ASCII, in its narrowest storage (found by OR-ing its code
 * units, without CPython's max-character scan); one character: CPython's shared Latin-1
 * strings (PyUnicode_Substring). */
static PyObject *type_str_wide(PyObject *text, const Text *t, Py_ssize_t pos, Py_ssize_t len)
{
    if (len > 1 && t->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *src = (const Py_UCS1 *)t->data + pos;
        Py_UCS1 any = 0;
        for (Py_ssize_t i = 0; i < len; i++) any |= src[i];
        PyObject *tok = PyUnicode_New(len, any < 128 ? 127 : 255);
        if (tok) memcpy(PyUnicode_1BYTE_DATA(tok), src, (size_t)len);
        return tok;
    }
    if (len > 1 && t->kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *src = (const Py_UCS2 *)t->data + pos;
        Py_UCS2 any = 0;
        for (Py_ssize_t i = 0; i < len; i++) any |= src[i];
        PyObject *tok = PyUnicode_New(len, any < 128 ? 127 : any < 256 ? 255 : 0xFFFF);
        if (!tok) return NULL;
        if (any < 256) {
            Py_UCS1 *dst = PyUnicode_1BYTE_DATA(tok);
            for (Py_ssize_t i = 0; i < len; i++) dst[i] = (Py_UCS1)src[i];
        } else {
            memcpy(PyUnicode_2BYTE_DATA(tok), src, (size_t)len * 2);
        }
        return tok;
    }
    return PyUnicode_Substring(text, pos, pos + len);
}

static inline PyObject *type_str(PyObject *text, const Text *t, int ascii, Py_ssize_t pos, Py_ssize_t len)
{
    if (ascii && len > 1) { /* an ASCII text's token is ASCII: no max-character scan */
        PyObject *tok = PyUnicode_New(len, 127);
        if (tok) memcpy(PyUnicode_1BYTE_DATA(tok), (const char *)t->data + pos, (size_t)len);
        return tok;
    }
    return type_str_wide(text, t, pos, len);
}

static PyObject *tokenize(PyObject *self, PyObject *args)
{
    PyObject *cap, *text;
    int lazy = 0;
    if (!PyArg_ParseTuple(args, "OU|p", &cap, &text, &lazy)) return NULL;
    Config *cf = PyCapsule_GetPointer(cap, "saring._c_analysis.config");
    if (!cf) return NULL;
    if (PyUnicode_READY(text) < 0) return NULL;
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    const int ascii = PyUnicode_IS_ASCII(text);

    PyObject *tokens = NULL, *types = NULL, *result = NULL;
    ObjVec tv = {0}; /* the types, by first occurrence */
    Vec ids = {0}, starts = {0}, ends = {0}, tlen = {0}, tcls = {0};
    size_t mask = 255; /* grown to a power of two above twice the types expected */
    while (mask < 8191 && (size_t)PyUnicode_GET_LENGTH(text) / 5 > mask) mask = mask * 2 + 1;
    Slot *tab = PyMem_Malloc((mask + 1) * sizeof(Slot));
    Info *f = NULL;
    long long n_alpha = 0, n_symbol = 0, symbol_chars = 0, token_chars = 0;
    int keyed = 0;
    if (!tab) {
        PyErr_NoMemory();
        goto fail;
    }
    for (size_t i = 0; i <= mask; i++) tab[i].id = -1;
    { /* room for a token per ~4 characters (news: ~6), so most texts never reallocate */
        Py_ssize_t guess = t.n / 4 + 16;
        if (vec_grow(&ids, guess) < 0 || vec_grow(&starts, guess) < 0 || vec_grow(&ends, guess) < 0
            || vec_grow(&tlen, guess / 2) < 0 || vec_grow(&tcls, guess / 2) < 0)
            goto fail;
    }

    Py_ssize_t pos = 0;
    const int one_byte = t.kind == PyUnicode_1BYTE_KIND;
    while (pos < t.n) {
        Py_ssize_t end;
        if (one_byte) {
            const Py_UCS1 *b = (const Py_UCS1 *)t.data;
            Py_UCS1 c = b[pos];
            if (c < 128 ? (byte_cls[c] & B_SPACE) : is_space(c)) {
                pos++;
                continue;
            }
            end = match_at_1(&t, cf, pos);
        } else if (t.kind == PyUnicode_2BYTE_KIND) {
            Py_UCS2 c = ((const Py_UCS2 *)t.data)[pos];
            if (c < 128 ? (byte_cls[c] & B_SPACE) : is_space(c)) {
                pos++;
                continue;
            }
            end = match_at_2(&t, cf, pos);
        } else {
            Py_UCS4 c = PyUnicode_READ(t.kind, t.data, pos);
            if (is_space(c)) {
                pos++;
                continue;
            }
            end = match_at(&t, cf, pos);
        }
        if (end <= pos) {
            PyErr_Format(PyExc_SystemError, "_c_analysis: no token at %zd", pos);
            goto fail;
        }
        Py_ssize_t len = end - pos;
        uint64_t h;
        size_t j;
        Py_ssize_t id;
        const char *base = (const char *)t.data;
    lookup:
        h = span_hash(&t, pos, len, keyed);
        j = (size_t)h & mask;
        id = -1;
        for (int probes = 0; tab[j].id >= 0; probes++) {
            if (tab[j].hash == h && tab[j].len == len
                && memcmp(base + (size_t)tab[j].start * t.kind, base + (size_t)pos * t.kind,
                          (size_t)len * t.kind) == 0) {
                id = tab[j].id;
                break;
            }
            if (probes >= max_probe && !keyed) { /* crafted collisions: keyed hash from now on */
                keyed = 1;
                if (grow_table(&tab, &mask, &t, 1) < 0) goto fail;
                goto lookup;
            }
            j = (j + 1) & mask;
        }
        if (id < 0) {
            id = tv.n;
            PyObject *tok = type_str(text, &t, ascii, pos, len);
            if (!tok || objvec_push(&tv, tok) < 0) goto fail;
            if (vec_push(&tlen, len) < 0 || vec_push(&tcls, classify(&t, pos, end)) < 0) goto fail;
            tab[j].hash = h;
            tab[j].start = pos;
            tab[j].len = len;
            tab[j].id = id;
            if ((size_t)tv.n * 2 > mask + 1 && grow_table(&tab, &mask, &t, 0) < 0) goto fail;
        }
        if (vec_push(&ids, id) < 0 || vec_push(&starts, pos) < 0 || vec_push(&ends, end) < 0) goto fail;
        Py_ssize_t k = tcls.a[id];
        token_chars += len;
        if (k < 0) n_alpha++;
        else if (k > 0) {
            n_symbol++;
            symbol_chars += k;
        }
        pos = end;
    }
    /* the types (moved out of tv), then the tokens (or, lazy, their number: token_list) */
    types = PyList_New(tv.n);
    if (!types) goto fail;
    for (Py_ssize_t i = 0; i < tv.n; i++) PyList_SET_ITEM(types, i, tv.a[i]); /* moved */
    tv.n = 0;
    tokens = lazy ? PyLong_FromSsize_t(ids.n) : token_list_of(types, ids.a, ids.n);
    if (!tokens) goto fail;
    PyObject_GC_UnTrack(types);
    f = PyMem_Calloc(1, sizeof(Info));
    if (!f) {
        PyErr_NoMemory();
        goto fail;
    }
    f->n = ids.n;
    f->ntypes = PyList_GET_SIZE(types);
    f->ids = ids.a;
    f->tlen = tlen.a;
    f->starts = starts.a;
    f->ends = ends.a;
    f->has_spans = 1;
    ids.a = tlen.a = starts.a = ends.a = NULL;
    PyObject *info = wrap_info(f); /* frees f on failure */
    if (!info) goto fail;
    result = PyTuple_New(7);
    if (!result) {
        Py_DECREF(info);
        goto fail;
    }
    PyTuple_SET_ITEM(result, 0, tokens);
    PyTuple_SET_ITEM(result, 1, types);
    PyTuple_SET_ITEM(result, 2, info);
    tokens = types = NULL; /* owned by the tuple now */
    long long counts4[4] = {n_alpha, n_symbol, symbol_chars, token_chars};
    for (int q = 0; q < 4; q++) {
        PyObject *v = PyLong_FromLongLong(counts4[q]);
        if (!v) {
            Py_CLEAR(result);
            goto fail;
        }
        PyTuple_SET_ITEM(result, 3 + q, v);
    }
fail:
    Py_XDECREF(tokens);
    Py_XDECREF(types);
    objvec_free(&tv);
    PyMem_Free(tab);
    PyMem_Free(ids.a);
    PyMem_Free(starts.a);
    PyMem_Free(ends.a);
    PyMem_Free(tlen.a);
    PyMem_Free(tcls.a);
    return result;
}

static PyObject *intern(PyObject *self, PyObject *arg)
{
    PyObject *fast = PySequence_Fast(arg, "tokens must be a sequence of str");
    if (!fast) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject *rank = PyDict_New();
    Info *f = PyMem_Calloc(1, sizeof(Info));
    PyObject *result = NULL;
    if (!rank || !f) {
        if (!f) PyErr_NoMemory();
        goto done;
    }
    f->n = n;
    f->ids = PyMem_Malloc((n ? (size_t)n : 1) * sizeof(Py_ssize_t));
    f->tlen = PyMem_Malloc((n ? (size_t)n : 1) * sizeof(Py_ssize_t));
    if (!f->ids || !f->tlen) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *tok = PySequence_Fast_GET_ITEM(fast, i);
        if (!PyUnicode_Check(tok)) {
            PyErr_SetString(PyExc_TypeError, "tokens must be str");
            goto done;
        }
        PyObject *id = PyDict_GetItemWithError(rank, tok);
        if (id) {
            f->ids[i] = PyLong_AsSsize_t(id);
            continue;
        }
        if (PyErr_Occurred()) goto done;
        Py_ssize_t k = f->ntypes;
        PyObject *v = PyLong_FromSsize_t(k);
        if (!v) goto done;
        int rc = PyDict_SetItem(rank, tok, v);
        Py_DECREF(v);
        if (rc < 0) goto done;
        f->ids[i] = k;
        f->tlen[k] = PyUnicode_GET_LENGTH(tok);
        f->ntypes = k + 1;
    }
    result = wrap_info(f);
    f = NULL;
done:
    info_free_ptr(f);
    Py_XDECREF(rank);
    Py_DECREF(fast);
    return result;
}

static Info *get_info(PyObject *cap)
{
    return PyCapsule_GetPointer(cap, "saring._c_analysis.info");
}

static PyObject *spans(PyObject *self, PyObject *cap)
{
    Info *f = get_info(cap);
    if (!f) return NULL;
    if (!f->has_spans) {
        PyErr_SetString(PyExc_ValueError, "no spans: tokens were interned from a list");
        return NULL;
    }
    PyObject *out = PyList_New(f->n);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < f->n; i++) {
        PyObject *p = Py_BuildValue("(nn)", f->starts[i], f->ends[i]);
        if (!p) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, p);
    }
    return out;
}

/* token_list(info, types): the tokens of a lazy tokenize, from its types list */
static PyObject *token_list(PyObject *self, PyObject *args)
{
    PyObject *cap, *types;
    if (!PyArg_ParseTuple(args, "OO!", &cap, &PyList_Type, &types)) return NULL;
    Info *f = get_info(cap);
    if (!f) return NULL;
    if (PyList_GET_SIZE(types) != f->ntypes) {
        PyErr_SetString(PyExc_ValueError, "types do not belong to this info");
        return NULL;
    }
    return token_list_of(types, f->ids, f->n);
}

/* ---------------------------------------------------------------- n-grams */

typedef struct {
    Py_ssize_t a, b; /* (h-gram code, next type id) */
    Py_ssize_t code; /* < 0: empty */
} PairSlot;

static int read_ns(PyObject *seq, Vec *out)
{
    PyObject *fast = PySequence_Fast(seq, "n must be a sequence of int");
    if (!fast) return -1;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
        Py_ssize_t v = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(fast, i));
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(fast);
            return -1;
        }
        if (v < 1 || v > 1000000) {
            Py_DECREF(fast);
            PyErr_SetString(PyExc_ValueError, "n-gram sizes must be in 1..1000000");
            return -1;
        }
        if (vec_push(out, v) < 0) {
            Py_DECREF(fast);
            return -1;
        }
    }
    Py_DECREF(fast);
    return 0;
}

static int has(const Vec *v, Py_ssize_t x)
{
    for (Py_ssize_t i = 0; i < v->n; i++)
        if (v->a[i] == x) return 1;
    return 0;
}

static int set_item(PyObject *d, Py_ssize_t n, long long v)
{
    PyObject *k = PyLong_FromSsize_t(n), *x = PyLong_FromLongLong(v);
    int rc = (k && x) ? PyDict_SetItem(d, k, x) : -1;
    Py_XDECREF(k);
    Py_XDECREF(x);
    return rc;
}

static void *alloc_n(Py_ssize_t n, size_t size)
{
    size_t m = n > 0 ? (size_t)n : 1;
    if (m > ((size_t)PY_SSIZE_T_MAX) / size) return NULL;
    return PyMem_Malloc(m * size);
}

/* The limit (a fraction of n_chars) of size h in ``limits`` (a dict {n: float}), or -1 (none);
 * -2 on error. */
static double limit_of(PyObject *limits, Py_ssize_t h)
{
    if (limits == NULL) return -1.0;
    PyObject *k = PyLong_FromSsize_t(h);
    if (!k) return -2.0;
    PyObject *v = PyDict_GetItemWithError(limits, k);
    Py_DECREF(k);
    if (!v) return PyErr_Occurred() ? -2.0 : -1.0;
    double t = PyFloat_AsDouble(v);
    if (t == -1.0 && PyErr_Occurred()) return -2.0;
    return t < 0 ? 0.0 : t;
}

/* Whether ``chars / n_chars > limit`` (Python's float division of two ints below 2**53: the
 * same double), the rule's "fails"; a negative limit (none) never fails. */
static int over(long long chars, long long n_chars, double limit)
{
    return limit >= 0 && n_chars > 0 && (double)chars / (double)n_chars > limit;
}

/* Drop the sizes above ``h`` from a result dict: not counted (ngrams' early stop). */
static int drop_above(PyObject *d, const Vec *ns, Py_ssize_t h)
{
    for (Py_ssize_t i = 0; i < ns->n; i++) {
        if (ns->a[i] <= h) continue;
        PyObject *k = PyLong_FromSsize_t(ns->a[i]);
        if (!k) return -1;
        int rc = PyDict_Contains(d, k) == 1 ? PyDict_DelItem(d, k) : 0;
        Py_DECREF(k);
        if (rc < 0) return -1;
    }
    return 0;
}

static PyObject *ngrams(PyObject *self, PyObject *args)
{
    PyObject *cap, *top_seq, *dup_seq, *stop = Py_None;
    int want_positions = 0;
    if (!PyArg_ParseTuple(args, "OOO|pO", &cap, &top_seq, &dup_seq, &want_positions, &stop))
        return NULL;
    Info *f = get_info(cap);
    if (!f) return NULL;
    /* stop: (n_chars, {n: top limit}, {n: dup limit}): after the first size whose fraction
     * of n_chars is over its limit, the larger sizes are not counted (left out of the result) */
    long long stop_chars = 0;
    PyObject *top_lim = NULL, *dup_lim = NULL;
    if (stop != Py_None) {
        if (want_positions || !PyArg_ParseTuple(stop, "LO!O!", &stop_chars, &PyDict_Type, &top_lim,
                                                &PyDict_Type, &dup_lim)) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "stop is (n_chars, {n: limit}, {n: limit}), without positions");
            return NULL;
        }
    }
    Vec top_ns = {0}, dup_ns = {0};
    PyObject *tops = NULL, *dups = NULL, *result = NULL, *positions = NULL;
    Py_ssize_t n = f->n;
    long long *cum = NULL;
    Py_ssize_t *pos = NULL, *codes = NULL, *counts = NULL;
    unsigned char *seen = NULL;
    PairSlot *tab = NULL;
    if (read_ns(top_seq, &top_ns) < 0 || read_ns(dup_seq, &dup_ns) < 0) goto done;
    tops = PyDict_New();
    dups = PyDict_New();
    positions = PyList_New(0);
    if (!tops || !dups || !positions) goto done;
    Py_ssize_t maxn = 0, maxtop = 0;
    for (Py_ssize_t i = 0; i < top_ns.n; i++) {
        if (top_ns.a[i] > maxn) maxn = top_ns.a[i];
        if (top_ns.a[i] > maxtop) maxtop = top_ns.a[i];
        if (set_item(tops, top_ns.a[i], 0) < 0) goto done;
    }
    for (Py_ssize_t i = 0; i < dup_ns.n; i++) {
        if (dup_ns.a[i] > maxn) maxn = dup_ns.a[i];
        if (set_item(dups, dup_ns.a[i], 0) < 0) goto done;
    }
    cum = alloc_n(n + 1, sizeof(long long));
    pos = alloc_n(n, sizeof(Py_ssize_t));
    codes = alloc_n(n, sizeof(Py_ssize_t));
    /* codes are dense: below max(types, positions) */
    Py_ssize_t cbound = f->ntypes > n ? f->ntypes : n;
    counts = alloc_n(cbound, sizeof(Py_ssize_t));
    seen = alloc_n(cbound, 1);
    size_t tcap_max = 16;
    while (tcap_max < (size_t)n * 2) tcap_max *= 2;
    tab = alloc_n((Py_ssize_t)tcap_max, sizeof(PairSlot));
    if (!cum || !pos || !codes || !counts || !seen || !tab) {
        PyErr_NoMemory();
        goto done;
    }
    cum[0] = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        cum[i + 1] = cum[i] + f->tlen[f->ids[i]];
        pos[i] = i;
        codes[i] = f->ids[i];
    }
    Py_ssize_t m = n, bound = f->ntypes;
    for (Py_ssize_t h = 1; h <= maxn && m > 0; h++) {
        /* positions where an h-gram starts */
        Py_ssize_t last = n - h;
        while (m > 0 && pos[m - 1] > last) m--;
        if (h > 1) { /* refine: code of the (h-1)-gram code and the next type id */
            size_t tcap = 16;
            while (tcap < (size_t)m * 2) tcap *= 2;
            size_t tmask = tcap - 1;
            for (size_t i = 0; i < tcap; i++) tab[i].code = -1;
            Py_ssize_t next_code = 0;
            for (Py_ssize_t i = 0; i < m; i++) {
                Py_ssize_t a = codes[i], b = f->ids[pos[i] + h - 1];
                uint64_t hh = ((uint64_t)a * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)b * 0xC2B2AE3D27D4EB4FULL);
                size_t j = (size_t)(hh ^ (hh >> 31)) & tmask;
                for (;;) {
                    if (tab[j].code < 0) {
                        tab[j].a = a;
                        tab[j].b = b;
                        tab[j].code = next_code++;
                        codes[i] = tab[j].code;
                        break;
                    }
                    if (tab[j].a == a && tab[j].b == b) {
                        codes[i] = tab[j].code;
                        break;
                    }
                    j = (j + 1) & tmask;
                }
            }
            bound = next_code;
        }
        memset(counts, 0, (size_t)(bound > 0 ? bound : 1) * sizeof(Py_ssize_t));
        Py_ssize_t top = 0;
        for (Py_ssize_t i = 0; i < m; i++) {
            Py_ssize_t c = ++counts[codes[i]];
            if (c > top) top = c;
        }
        int stop_here = 0;
        if (has(&top_ns, h) && top >= 2) {
            Py_ssize_t i = 0;
            while (counts[codes[i]] != top) i++;
            Py_ssize_t p = pos[i];
            long long v = (cum[p + h] - cum[p] + (long long)(h - 1)) * (long long)top;
            if (set_item(tops, h, v) < 0) goto done;
            double t = limit_of(top_lim, h);
            if (t == -2.0) goto done;
            stop_here = over(v, stop_chars, t);
        }
        /* keep the positions whose gram repeats */
        Py_ssize_t k = 0;
        for (Py_ssize_t i = 0; i < m; i++) {
            if (counts[codes[i]] > 1) {
                pos[k] = pos[i];
                codes[k] = codes[i];
                k++;
            }
        }
        m = k;
        if (want_positions && h == maxtop) { /* starts of the repeated largest top n-grams */
            for (Py_ssize_t i = 0; i < m; i++) {
                PyObject *v = PyLong_FromSsize_t(pos[i]);
                if (!v) goto done;
                int rc = PyList_Append(positions, v);
                Py_DECREF(v);
                if (rc < 0) goto done;
            }
        }
        if (has(&dup_ns, h) && m > 0) { /* Gopher's greedy scan */
            memset(seen, 0, (size_t)(bound > 0 ? bound : 1));
            Py_ssize_t next_free = 0;
            long long chars = 0;
            for (Py_ssize_t i = 0; i < m; i++) {
                Py_ssize_t p = pos[i];
                if (p < next_free) continue;
                if (seen[codes[i]]) {
                    chars += cum[p + h] - cum[p];
                    next_free = p + h;
                } else
                    seen[codes[i]] = 1;
            }
            if (set_item(dups, h, chars) < 0) goto done;
            double t = limit_of(dup_lim, h);
            if (t == -2.0) goto done;
            stop_here = stop_here || over(chars, stop_chars, t);
        }
        if (stop_here) {
            if (drop_above(tops, &top_ns, h) < 0 || drop_above(dups, &dup_ns, h) < 0) goto done;
            break;
        }
    }
    result = want_positions ? PyTuple_Pack(3, tops, dups, positions) : PyTuple_Pack(2, tops, dups);
done:
    Py_XDECREF(positions);
    Py_XDECREF(tops);
    Py_XDECREF(dups);
    PyMem_Free(top_ns.a);
    PyMem_Free(dup_ns.a);
    PyMem_Free(cum);
    PyMem_Free(pos);
    PyMem_Free(codes);
    PyMem_Free(counts);
    PyMem_Free(seen);
    PyMem_Free(tab);
    return result;
}

static PyObject *set_max_probe(PyObject *self, PyObject *arg)
{
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) return NULL;
    int old = max_probe;
    max_probe = v < 0 ? 0 : (v > 1 << 20 ? 1 << 20 : (int)v);
    return PyLong_FromLong(old);
}

/* ---------------------------------------------------------------- line view */

/* The next "\n" at or after i (n when none). */
static Py_ssize_t next_newline(int kind, const void *data, Py_ssize_t i, Py_ssize_t n)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = (const Py_UCS1 *)data;
        const void *hit = i < n ? memchr(p + i, '\n', (size_t)(n - i)) : NULL;
        return hit ? (const Py_UCS1 *)hit - p : n;
    }
    if (kind == PyUnicode_2BYTE_KIND) { /* four characters a load while none is "\n" */
        const Py_UCS2 *p = (const Py_UCS2 *)data;
        const uint64_t ones = 0x0001000100010001ull, highs = 0x8000800080008000ull;
        while (i + 4 <= n) {
            uint64_t v;
            memcpy(&v, p + i, 8);
            v ^= ones * '\n'; /* a "\n" lane becomes 0: the borrow test finds any zero lane */
            if ((v - ones) & ~v & highs) break;
            i += 4;
        }
        while (i < n && p[i] != '\n') i++;
        return i;
    }
    const Py_UCS4 *p = (const Py_UCS4 *)data;
    while (i < n && p[i] != '\n') i++;
    return i;
}

static PyObject *line_view(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "line_view() takes a str");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* the newlines' offsets, in one pass (a stack buffer holds most texts' lines) */
    Py_ssize_t local[256], *ends = local, cap = 256, count = 0;
    for (Py_ssize_t i = next_newline(kind, data, 0, n); i < n; i = next_newline(kind, data, i + 1, n)) {
        if (count == cap) {
            Py_ssize_t *grown = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)cap * 2);
            if (!grown) {
                if (ends != local) PyMem_Free(ends);
                return PyErr_NoMemory();
            }
            memcpy(grown, ends, sizeof(Py_ssize_t) * (size_t)count);
            if (ends != local) PyMem_Free(ends);
            ends = grown;
            cap *= 2;
        }
        ends[count++] = i;
    }
    PyObject *out = NULL;
    PyObject *lines = PyList_New(count + 1);
    PyObject *starts = lines ? PyList_New(count + 1) : NULL;
    if (!starts) goto done;
    Py_ssize_t s = 0;
    for (Py_ssize_t k = 0; k <= count; k++) {
        Py_ssize_t e = k < count ? ends[k] : n;
        PyObject *line = PyUnicode_Substring(text, s, e);
        if (!line) goto done;
        PyList_SET_ITEM(lines, k, line);
        PyObject *at = PyLong_FromSsize_t(s);
        if (!at) goto done;
        PyList_SET_ITEM(starts, k, at);
        s = e + 1;
    }
    out = PyTuple_New(2);
    if (out) {
        PyTuple_SET_ITEM(out, 0, lines);
        PyTuple_SET_ITEM(out, 1, starts);
        lines = starts = NULL;
    }
done: /* unfilled list items are NULL, which list_dealloc skips */
    Py_XDECREF(lines);
    Py_XDECREF(starts);
    if (ends != local) PyMem_Free(ends);
    return out;
}

/* ---------------------------------------------------------------- quality's second look
 *
 * What quality/repeats.py needs when a repetition rule fails (a court text: thousands of tokens,
 * rejected almost always), on the token ids instead of a list of every token. */

/* no_alnum(types) -> [index, ...]: the types (a list of str) without an alphanumeric character.
 * Only those can be layout to repeats.is_word (a letter or digit is text to it; a test checks
 * every code point), so the plain words are passed over here. */
static PyObject *no_alnum(PyObject *self, PyObject *types)
{
    if (!PyList_Check(types)) {
        PyErr_SetString(PyExc_TypeError, "types must be a list of str");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(types); i++) {
        PyObject *s = PyList_GET_ITEM(types, i);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "types must be a list of str");
            Py_DECREF(out);
            return NULL;
        }
        int kind = PyUnicode_KIND(s);
        const void *data = PyUnicode_DATA(s);
        Py_ssize_t len = PyUnicode_GET_LENGTH(s), j = 0;
        for (; j < len; j++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, j);
            if (c < 128 ? Py_ISALNUM(c) : Py_UNICODE_ISALNUM(c)) break;
        }
        if (j < len) continue;
        PyObject *v = PyLong_FromSsize_t(i);
        if (!v || PyList_Append(out, v) < 0) {
            Py_XDECREF(v);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(v);
    }
    return out;
}

/* The layout flags (one byte a type, or none) of a call, checked against the info. */
static int read_flags(Py_buffer *b, const Info *f)
{
    if (b->len != 0 && b->len != f->ntypes) {
        PyErr_SetString(PyExc_ValueError, "one flag a type (or none)");
        return -1;
    }
    return 0;
}

/* layout_run(info, flags, n) -> bool: some ``n`` tokens in a row all have their type's flag
 * set (repeats.layout_free's test of an n-gram made of layout only). */
static PyObject *layout_run(PyObject *self, PyObject *args)
{
    PyObject *cap;
    Py_buffer b;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "Oy*n", &cap, &b, &n)) return NULL;
    Info *f = get_info(cap);
    int found = 0;
    if (!f || read_flags(&b, f) < 0) {
        PyBuffer_Release(&b);
        return NULL;
    }
    if (n < 1) {
        PyBuffer_Release(&b);
        PyErr_SetString(PyExc_ValueError, "n must be >= 1");
        return NULL;
    }
    const unsigned char *fl = b.buf;
    Py_ssize_t run = 0;
    for (Py_ssize_t i = 0; b.len && i < f->n && !found; i++) {
        run = fl[f->ids[i]] ? run + 1 : 0;
        found = run >= n;
    }
    PyBuffer_Release(&b);
    return PyBool_FromLong(found);
}

static inline uint64_t gram_hash(const Py_ssize_t *ids, Py_ssize_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        h = (h ^ (uint64_t)ids[i]) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    return h;
}

/* Open addressing over start positions (-1: empty), keyed by the n ids from that start. */
typedef struct {
    Py_ssize_t *slot;
    size_t mask, used;
} GramSet;

static int gramset_grow(GramSet *g, const Py_ssize_t *ids, Py_ssize_t n)
{
    size_t cap = g->slot ? (g->mask + 1) * 2 : 256;
    if (cap > ((size_t)PY_SSIZE_T_MAX) / sizeof(Py_ssize_t)) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t *nt = PyMem_Malloc(cap * sizeof(Py_ssize_t));
    if (!nt) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < cap; i++) nt[i] = -1;
    for (size_t i = 0; g->slot && i <= g->mask; i++) {
        Py_ssize_t p = g->slot[i];
        if (p < 0) continue;
        size_t j = (size_t)gram_hash(ids + p, n) & (cap - 1);
        while (nt[j] >= 0) j = (j + 1) & (cap - 1);
        nt[j] = p;
    }
    PyMem_Free(g->slot);
    g->slot = nt;
    g->mask = cap - 1;
    return 0;
}

/* The first start p whose n-gram occurred at an earlier start and holds a type whose flag is
 * not set (a word; no flags: every type), or -1; -2 on error. */
static Py_ssize_t first_seen_twice(const Info *f, Py_ssize_t n, const unsigned char *fl)
{
    const Py_ssize_t *ids = f->ids;
    GramSet g = {NULL, 0, 0};
    Py_ssize_t found = -1;
    if (gramset_grow(&g, ids, n) < 0) return -2;
    for (Py_ssize_t p = 0; p + n <= f->n && found == -1; p++) {
        size_t j = (size_t)gram_hash(ids + p, n) & g.mask;
        int seen = 0;
        for (; g.slot[j] >= 0; j = (j + 1) & g.mask) {
            if (memcmp(ids + g.slot[j], ids + p, (size_t)n * sizeof(Py_ssize_t)) == 0) {
                seen = 1;
                break;
            }
        }
        if (seen) {
            for (Py_ssize_t k = 0; k < n && found == -1; k++)
                if (!fl || !fl[ids[p + k]]) found = p;
            continue;
        }
        g.slot[j] = p;
        if (++g.used * 2 > g.mask + 1 && gramset_grow(&g, ids, n) < 0) found = -2;
    }
    PyMem_Free(g.slot);
    return found;
}

/* Occurrences (overlapping) of the n-gram at ``p`` whose longest type (the first if tied) lies
 * before ``end``: repeats.count_ngram's count, on ids. */
static Py_ssize_t count_gram(const Info *f, Py_ssize_t p, Py_ssize_t n, Py_ssize_t end)
{
    const Py_ssize_t *ids = f->ids, *gram = ids + p;
    Py_ssize_t k = 0, count = 0;
    for (Py_ssize_t i = 1; i < n; i++)
        if (f->tlen[gram[i]] > f->tlen[gram[k]]) k = i;
    Py_ssize_t anchor = gram[k];
    for (Py_ssize_t i = k; i < end; i++) {
        Py_ssize_t s = i - k;
        if (ids[i] == anchor && s + n <= f->n
            && memcmp(ids + s, gram, (size_t)n * sizeof(Py_ssize_t)) == 0)
            count++;
    }
    return count;
}

/* first_repeat(info, types, n, flags, span) -> None | (gram, count, more): the first n-gram
 * holding a word (a type whose flag is not set; empty flags: no layout) seen a second time,
 * reading from the start, as a tuple of its tokens, with its count among the first ``span``
 * tokens and whether the text is longer (repeats.first_repeated_ngram). */
static PyObject *first_repeat(PyObject *self, PyObject *args)
{
    PyObject *cap, *types, *result = NULL;
    Py_buffer b;
    Py_ssize_t n, span;
    if (!PyArg_ParseTuple(args, "OO!ny*n", &cap, &PyList_Type, &types, &n, &b, &span)) return NULL;
    Info *f = get_info(cap);
    if (!f || read_flags(&b, f) < 0) goto done;
    if (PyList_GET_SIZE(types) != f->ntypes) {
        PyErr_SetString(PyExc_ValueError, "types do not belong to this info");
        goto done;
    }
    if (n < 1 || span < 0) {
        PyErr_SetString(PyExc_ValueError, "n must be >= 1 and span >= 0");
        goto done;
    }
    Py_ssize_t p = first_seen_twice(f, n, b.len ? (const unsigned char *)b.buf : NULL);
    if (p == -2) goto done;
    if (p == -1) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    Py_ssize_t end = f->n < span ? f->n : span;
    PyObject *gram = PyTuple_New(n);
    if (!gram) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyList_GET_ITEM(types, f->ids[p + i]);
        Py_INCREF(t);
        PyTuple_SET_ITEM(gram, i, t);
    }
    result = Py_BuildValue("(NnO)", gram, count_gram(f, p, n, end), f->n > end ? Py_True : Py_False);
done:
    PyBuffer_Release(&b);
    return result;
}

/* ---------------------------------------------------------------- module */

static PyMethodDef methods[] = {
    {"make_config", make_config, METH_VARARGS, "make_config(clitics, abbreviations, units) -> config"},
    {"tokenize", tokenize, METH_VARARGS,
     "tokenize(config, text, lazy=False) -> (tokens or, lazy, their number, types, info, n_alpha, n_symbol, symbol_chars, token_chars)"},
    {"intern", intern, METH_O, "intern(tokens) -> info"},
    {"token_list", token_list, METH_VARARGS, "token_list(info, types) -> tokens (of a lazy tokenize)"},
    {"spans", spans, METH_O, "spans(info) -> [(start, end), ...]"},
    {"ngrams", ngrams, METH_VARARGS, "ngrams(info, top_ns, dup_ns, positions=False, stop=None) -> ({n: top chars}, {n: dup chars}[, positions])"},
    {"line_view", line_view, METH_O, "line_view(text) -> (text.split('\\n'), start offset of each line)"},
    {"no_alnum", no_alnum, METH_O, "no_alnum(types) -> indices of the types without a letter or digit"},
    {"layout_run", layout_run, METH_VARARGS, "layout_run(info, flags, n) -> n tokens in a row of flagged types"},
    {"first_repeat", first_repeat, METH_VARARGS,
     "first_repeat(info, types, n, flags, span) -> None | (gram, count, text longer than span)"},
    {"_set_max_probe", set_max_probe, METH_O, "tests: probes before the keyed hash (returns the old)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_analysis",
    "Compiled per-token work of saring.analysis (reference: the pure-Python code).", -1, methods,
};

PyMODINIT_FUNC PyInit__c_analysis(void)
{
    init_ascii();
    return PyModule_Create(&module);
}
