/* Compiled lexical scan of langid (saring.langid.lexicon): per line, the tokens of
 * TOKEN_RE = [a-zà-öø-ÿ]+ and the sums Lexicon._columns takes from them, value for value and
 * type for type:
 *
 *   tokens[i] = len(TOKEN_RE.findall(line))
 *   idms[i]   = sum(filter(None, map(idms_w.get, toks)))            (int 0 when nothing adds)
 *               + sum(phrase_w[p] for p in zip(toks, toks[1:]) if p in phrase_w)
 *   packed[i] = sum(filter(None, map(fam_packed.get, toks)))        (a Python int, exact)
 *   known[i]  = not known_set.isdisjoint(toks)
 *
 * Floats are added one at a time from 0.0, left to right, as CPython 3.11's sum() adds them
 * (its float loop is a plain `double +=`, and 0 + x == 0.0 + x for every x), so the sums are
 * the same doubles. Packed family counters are added as separate 64-bit counts per field and
 * the Python int is rebuilt as sum(count_k << (bits * k)), which is the integer Python's sum of
 * the packed values gives (each value is decomposed into fields < 2**bits at setup; a value
 * that does not decompose makes the constructor raise, and Python then keeps the reference).
 *
 * The tables are copied at construction (read-only afterwards): no state between calls. Token
 * characters are all <= U+00FF, so keys are stored as Latin-1 bytes; a key with another
 * character can never equal a token and is left out. Tokens longer than the longest key are
 * counted but not looked up.
 */
/* Each double operation must round on its own, as Python's float operations do: no fused
 * multiply-add (GCC's ISO C modes do not contract; clang's default might, so turn it off). */
#ifdef __clang__
#pragma clang fp contract(off)
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#define MAX_FIELDS 16

typedef struct {
    uint64_t hash;
    double w;           /* idms weight (used when has_w) */
    unsigned char *key; /* Latin-1 bytes (owned by the arena) */
    Py_ssize_t len;
    int32_t fam;        /* row of its family fields in Scanner.fams, -1: none */
    unsigned char has_w, known;
} Entry;

typedef struct {
    uint32_t hash; /* low bits of the entry's hash: most misses stop here */
    int32_t entry; /* -1: empty */
} Slot;

typedef struct {
    uint64_t key; /* (id1 + 1) << 32 | (id2 + 1); 0 = empty slot */
    double w;
} Pair;

typedef struct {
    PyObject_HEAD
    Entry *entries;
    Py_ssize_t n_entries, cap_entries;
    Slot *slots; /* open addressing */
    size_t mask;
    uint32_t *fams; /* nfields counts per family row */
    Py_ssize_t n_fams, cap_fams;
    Pair *pairs;
    size_t pair_mask;
    Py_ssize_t n_pairs;
    unsigned char *arena;
    size_t arena_len, arena_cap;
    Py_ssize_t max_len;
    int nfields, bits;
} Scanner;

static unsigned char TOKCH[256];
/* SPELL[c]: c when c can start a counted spelling ("dh", "eu", "nye", "ê"), else 0 */
static unsigned char SPELL[256];

static void init_tokch(void) {
    SPELL['d'] = 'd';
    SPELL['e'] = 'e';
    SPELL['n'] = 'n';
    SPELL[0xEA] = 0xEA;
    for (int c = 'a'; c <= 'z'; c++) TOKCH[c] = 1;
    for (int c = 0xE0; c <= 0xFF; c++) TOKCH[c] = (c != 0xF7);
}

static inline uint64_t fnv_step(uint64_t h, unsigned char c) {
    return (h ^ c) * 1099511628211ULL;
}
#define FNV_INIT 14695981039346656037ULL

static inline uint64_t pair_hash(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

/* Latin-1 bytes of a token-shaped str (every character a token character), else -1. */
static Py_ssize_t token_bytes(PyObject *s, unsigned char **out) {
    if (!PyUnicode_Check(s) || PyUnicode_READY(s) < 0) return -1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n == 0 || PyUnicode_KIND(s) != PyUnicode_1BYTE_KIND) return -1;
    unsigned char *d = PyUnicode_1BYTE_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!TOKCH[d[i]]) return -1;
    *out = d;
    return n;
}

static Py_ssize_t find(Scanner *S, const unsigned char *k, Py_ssize_t n, uint64_t h) {
    size_t i = (size_t)h & S->mask;
    for (;;) {
        Slot sl = S->slots[i];
        if (sl.entry < 0) return -1;
        if (sl.hash == (uint32_t)h) {
            Entry *E = &S->entries[sl.entry];
            if (E->hash == h && E->len == n && memcmp(E->key, k, (size_t)n) == 0) return sl.entry;
        }
        i = (i + 1) & S->mask;
    }
}

static int grow_slots(Scanner *S) {
    size_t cap = (S->mask + 1) * 2;
    Slot *slots = PyMem_Malloc(cap * sizeof(Slot));
    if (slots == NULL) { PyErr_NoMemory(); return -1; }
    memset(slots, 0xff, cap * sizeof(Slot));
    for (Py_ssize_t e = 0; e < S->n_entries; e++) {
        size_t i = (size_t)S->entries[e].hash & (cap - 1);
        while (slots[i].entry >= 0) i = (i + 1) & (cap - 1);
        slots[i].entry = (int32_t)e;
        slots[i].hash = (uint32_t)S->entries[e].hash;
    }
    PyMem_Free(S->slots);
    S->slots = slots;
    S->mask = cap - 1;
    return 0;
}

/* The entry of token-shaped ``s`` (added when missing); -1 when ``s`` is not token-shaped,
 * -2 on error. */
static Py_ssize_t entry_of(Scanner *S, PyObject *s) {
    unsigned char *d;
    Py_ssize_t n = token_bytes(s, &d);
    if (n < 0) return -1;
    uint64_t h = FNV_INIT;
    for (Py_ssize_t i = 0; i < n; i++) h = fnv_step(h, d[i]);
    Py_ssize_t e = find(S, d, n, h);
    if (e >= 0) return e;
    if (S->n_entries >= INT32_MAX - 1) { PyErr_SetString(PyExc_ValueError, "too many keys"); return -2; }
    if ((size_t)(S->n_entries + 1) * 2 > S->mask + 1 && grow_slots(S) < 0) return -2;
    if (S->n_entries == S->cap_entries) {
        Py_ssize_t cap = S->cap_entries ? S->cap_entries * 2 : 1024;
        Entry *ne = PyMem_Realloc(S->entries, (size_t)cap * sizeof(Entry));
        if (ne == NULL) { PyErr_NoMemory(); return -2; }
        S->entries = ne;
        S->cap_entries = cap;
    }
    if (S->arena_len + (size_t)n > S->arena_cap) {
        /* keys point into the arena: keep old blocks alive by never moving them; allocate a
         * new block and leak-free track it by chaining through the first pointer-sized bytes */
        size_t cap = S->arena_cap * 2 > (size_t)n + 64 ? S->arena_cap * 2 : (size_t)n + 4096;
        unsigned char *blk = PyMem_Malloc(cap + sizeof(void *));
        if (blk == NULL) { PyErr_NoMemory(); return -2; }
        memcpy(blk, &S->arena, sizeof(void *));
        S->arena = blk;
        S->arena_len = 0;
        S->arena_cap = cap;
    }
    unsigned char *key = S->arena + sizeof(void *) + S->arena_len;
    memcpy(key, d, (size_t)n);
    S->arena_len += (size_t)n;
    e = S->n_entries++;
    Entry *E = &S->entries[e];
    memset(E, 0, sizeof(Entry));
    E->key = key;
    E->len = n;
    E->hash = h;
    E->fam = -1;
    size_t i = (size_t)h & S->mask;
    while (S->slots[i].entry >= 0) i = (i + 1) & S->mask;
    S->slots[i].entry = (int32_t)e;
    S->slots[i].hash = (uint32_t)h;
    if (n > S->max_len) S->max_len = n;
    return e;
}

static void Scanner_dealloc(Scanner *S) {
    PyMem_Free(S->entries);
    PyMem_Free(S->slots);
    PyMem_Free(S->pairs);
    PyMem_Free(S->fams);
    unsigned char *blk = S->arena;
    while (blk != NULL) {
        unsigned char *next;
        memcpy(&next, blk, sizeof(void *));
        PyMem_Free(blk);
        blk = next;
    }
    Py_TYPE(S)->tp_free((PyObject *)S);
}

static int load_weights(Scanner *S, PyObject *idms_w) {
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(idms_w, &pos, &k, &v)) {
        if (!PyFloat_CheckExact(v)) {
            PyErr_SetString(PyExc_ValueError, "idms weights must be floats");
            return -1;
        }
        double w = PyFloat_AS_DOUBLE(v);
        if (w == 0.0) continue; /* filter(None, ...) drops it */
        Py_ssize_t e = entry_of(S, k);
        if (e == -2) return -1;
        if (e < 0) continue;
        S->entries[e].w = w;
        S->entries[e].has_w = 1;
    }
    return 0;
}

/* fam_packed value -> its fields (each < 2**bits); -1 with ValueError when it does not split. */
static int split_packed(Scanner *S, PyObject *v, uint32_t *out) {
    if (!PyLong_CheckExact(v)) {
        PyErr_SetString(PyExc_ValueError, "family counters must be ints");
        return -1;
    }
    PyObject *zero = PyLong_FromLong(0);
    if (zero == NULL) return -1;
    int neg = PyObject_RichCompareBool(v, zero, Py_LT);
    Py_DECREF(zero);
    if (neg != 0) {
        if (neg > 0) PyErr_SetString(PyExc_ValueError, "negative family counter");
        return -1;
    }
    PyObject *rest = Py_NewRef(v);
    PyObject *mask = PyLong_FromUnsignedLongLong((1ULL << S->bits) - 1);
    PyObject *shift = PyLong_FromLong(S->bits);
    int rc = -1;
    if (mask == NULL || shift == NULL) goto done;
    for (int f = 0; f < S->nfields; f++) {
        PyObject *low = PyNumber_And(rest, mask);
        if (low == NULL) goto done;
        out[f] = (uint32_t)PyLong_AsUnsignedLong(low);
        Py_DECREF(low);
        if (PyErr_Occurred()) goto done;
        PyObject *r = PyNumber_Rshift(rest, shift);
        if (r == NULL) goto done;
        Py_SETREF(rest, r);
    }
    int more = PyObject_IsTrue(rest);
    if (more < 0) goto done;
    if (more) {
        PyErr_SetString(PyExc_ValueError, "family counter wider than its fields");
        goto done;
    }
    rc = 0;
done:
    Py_DECREF(rest);
    Py_XDECREF(mask);
    Py_XDECREF(shift);
    return rc;
}

static int load_families(Scanner *S, PyObject *fam_packed) {
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    uint32_t fields[MAX_FIELDS] = {0};
    while (PyDict_Next(fam_packed, &pos, &k, &v)) {
        if (split_packed(S, v, fields) < 0) return -1;
        int any = 0;
        for (int f = 0; f < S->nfields; f++) any |= fields[f] != 0;
        if (!any) continue; /* filter(None, ...) drops a zero */
        Py_ssize_t e = entry_of(S, k);
        if (e == -2) return -1;
        if (e < 0) continue;
        Entry *E = &S->entries[e];
        if (E->fam < 0) {
            if (S->n_fams == S->cap_fams) {
                Py_ssize_t cap = S->cap_fams ? S->cap_fams * 2 : 256;
                uint32_t *nf = PyMem_Realloc(S->fams, (size_t)cap * MAX_FIELDS * sizeof(uint32_t));
                if (nf == NULL) { PyErr_NoMemory(); return -1; }
                S->fams = nf;
                S->cap_fams = cap;
            }
            E->fam = (int32_t)S->n_fams++;
        }
        memcpy(S->fams + (size_t)E->fam * MAX_FIELDS, fields, sizeof fields);
    }
    return 0;
}

static int load_known(Scanner *S, PyObject *known) {
    PyObject *it = PyObject_GetIter(known);
    if (it == NULL) return -1;
    PyObject *k;
    while ((k = PyIter_Next(it)) != NULL) {
        Py_ssize_t e = entry_of(S, k);
        Py_DECREF(k);
        if (e == -2) { Py_DECREF(it); return -1; }
        if (e >= 0) S->entries[e].known = 1;
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

static Pair *pair_slot(Pair *pairs, size_t mask, uint64_t key) {
    size_t i = (size_t)pair_hash(key) & mask;
    while (pairs[i].key != 0 && pairs[i].key != key) i = (i + 1) & mask;
    return &pairs[i];
}

static int load_phrases(Scanner *S, PyObject *phrase_w) {
    Py_ssize_t n = PyDict_GET_SIZE(phrase_w);
    size_t cap = 8;
    while (cap < (size_t)n * 2 + 2) cap *= 2;
    S->pairs = PyMem_Calloc(cap, sizeof(Pair));
    if (S->pairs == NULL) { PyErr_NoMemory(); return -1; }
    S->pair_mask = cap - 1;
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(phrase_w, &pos, &k, &v)) {
        if (!PyTuple_CheckExact(k) || PyTuple_GET_SIZE(k) != 2 || !PyFloat_CheckExact(v)) {
            PyErr_SetString(PyExc_ValueError, "phrases must be (str, str) -> float");
            return -1;
        }
        Py_ssize_t a = entry_of(S, PyTuple_GET_ITEM(k, 0));
        if (a == -2) return -1;
        Py_ssize_t b = entry_of(S, PyTuple_GET_ITEM(k, 1));
        if (b == -2) return -1;
        if (a < 0 || b < 0) continue; /* a word no token can equal */
        uint64_t key = ((uint64_t)(a + 1) << 32) | (uint64_t)(b + 1);
        Pair *p = pair_slot(S->pairs, S->pair_mask, key);
        p->key = key;
        p->w = PyFloat_AS_DOUBLE(v);
        S->n_pairs++;
    }
    return 0;
}

static PyObject *Scanner_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"idms_w", "fam_packed", "phrase_w", "known", "nfields", "bits", NULL};
    PyObject *idms_w, *fam_packed, *phrase_w, *known;
    int nfields, bits;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O!O!Oii", kwlist, &PyDict_Type, &idms_w,
                                     &PyDict_Type, &fam_packed, &PyDict_Type, &phrase_w, &known,
                                     &nfields, &bits))
        return NULL;
    if (nfields < 1 || nfields > MAX_FIELDS || bits < 1 || bits > 31) {
        PyErr_SetString(PyExc_ValueError, "nfields must be 1..16 and bits 1..31");
        return NULL;
    }
    Scanner *S = (Scanner *)type->tp_alloc(type, 0);
    if (S == NULL) return NULL;
    S->nfields = nfields;
    S->bits = bits;
    S->mask = 1023;
    S->slots = PyMem_Malloc((S->mask + 1) * sizeof(Slot));
    if (S->slots == NULL) { Py_DECREF(S); return PyErr_NoMemory(); }
    memset(S->slots, 0xff, (S->mask + 1) * sizeof(Slot));
    if (load_weights(S, idms_w) < 0 || load_families(S, fam_packed) < 0 ||
        load_known(S, known) < 0 || load_phrases(S, phrase_w) < 0) {
        Py_DECREF(S);
        return NULL;
    }
    return (PyObject *)S;
}

/* sum(count_k << (bits * k)) as a Python int. */
static PyObject *packed_int(Scanner *S, const uint64_t *cnt) {
    int top = -1;
    for (int f = 0; f < S->nfields; f++)
        if (cnt[f]) top = f;
    if (top < 0) return PyLong_FromLong(0);
    /* fits in 64 bits: fields below 64 bits whose counts do not reach past bit 63 */
    int fits = 1;
    uint64_t acc = 0;
    for (int f = 0; f <= top && fits; f++) {
        if (!cnt[f]) continue;
        int sh = S->bits * f;
        if (sh >= 64 || (sh > 0 && (cnt[f] >> (64 - sh)) != 0)) { fits = 0; break; }
        uint64_t part = cnt[f] << sh;
        if (acc + part < acc) fits = 0;
        acc += part;
    }
    if (fits) return PyLong_FromUnsignedLongLong(acc);
    PyObject *shift = PyLong_FromLong(S->bits);
    if (shift == NULL) return NULL;
    PyObject *res = PyLong_FromUnsignedLongLong(cnt[top]);
    for (int f = top - 1; f >= 0 && res != NULL; f--) {
        PyObject *t = PyNumber_Lshift(res, shift);
        Py_DECREF(res);
        res = NULL;
        if (t == NULL) break;
        PyObject *c = PyLong_FromUnsignedLongLong(cnt[f]);
        if (c == NULL) { Py_DECREF(t); break; }
        res = PyNumber_Add(t, c);
        Py_DECREF(t);
        Py_DECREF(c);
    }
    Py_DECREF(shift);
    return res;
}

typedef struct {
    Py_ssize_t ntok;
    double w, p;
    int has_w, has_p, known;
    uint64_t cnt[MAX_FIELDS];
} LineSums;

/* One token: its characters are text[a:b] (all token characters). */
static inline void token(Scanner *S, LineSums *L, int kind, const void *data, Py_ssize_t a,
                         Py_ssize_t b, Py_ssize_t *prev) {
    L->ntok++;
    Py_ssize_t n = b - a, e = -1;
    if (n <= S->max_len) {
        uint64_t h = FNV_INIT;
        unsigned char buf[64];
        const unsigned char *k;
        if (kind == PyUnicode_1BYTE_KIND) {
            k = (const unsigned char *)data + a;
            for (Py_ssize_t i = 0; i < n; i++) h = fnv_step(h, k[i]);
            e = find(S, k, n, h);
        } else if (n <= (Py_ssize_t)sizeof buf) {
            for (Py_ssize_t i = 0; i < n; i++) {
                buf[i] = (unsigned char)PyUnicode_READ(kind, data, a + i);
                h = fnv_step(h, buf[i]);
            }
            e = find(S, buf, n, h);
        } else {
            /* a long key in a 2- or 4-byte string: compare character by character */
            for (Py_ssize_t i = 0; i < n; i++)
                h = fnv_step(h, (unsigned char)PyUnicode_READ(kind, data, a + i));
            size_t j = (size_t)h & S->mask;
            for (;;) {
                int32_t c = S->slots[j].entry;
                if (c < 0) break;
                Entry *E = &S->entries[c];
                if (E->hash == h && E->len == n) {
                    Py_ssize_t i = 0;
                    while (i < n && E->key[i] == PyUnicode_READ(kind, data, a + i)) i++;
                    if (i == n) { e = c; break; }
                }
                j = (j + 1) & S->mask;
            }
        }
    }
    if (e >= 0) {
        Entry *E = &S->entries[e];
        if (E->has_w) { L->w += E->w; L->has_w = 1; }
        if (E->fam >= 0) {
            const uint32_t *fv = S->fams + (size_t)E->fam * MAX_FIELDS;
            for (int f = 0; f < S->nfields; f++) L->cnt[f] += fv[f];
        }
        L->known |= E->known;
        if (*prev >= 0 && S->n_pairs) {
            uint64_t key = ((uint64_t)(*prev + 1) << 32) | (uint64_t)(e + 1);
            Pair *p = pair_slot(S->pairs, S->pair_mask, key);
            if (p->key == key) { L->p += p->w; L->has_p = 1; }
        }
    }
    *prev = e;
}

static int scan_line(Scanner *S, PyObject *line, LineSums *L) {
    if (!PyUnicode_Check(line)) {
        PyErr_SetString(PyExc_TypeError, "lines must be str");
        return -1;
    }
    if (PyUnicode_READY(line) < 0) return -1;
    memset(L, 0, sizeof *L);
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line), start = -1, prev = -1;
    if (kind == PyUnicode_1BYTE_KIND) {
        const unsigned char *d = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (TOKCH[d[i]]) {
                if (start < 0) start = i;
            } else if (start >= 0) {
                token(S, L, kind, data, start, i, &prev);
                start = -1;
            }
        }
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c < 256 && TOKCH[c]) {
                if (start < 0) start = i;
            } else if (start >= 0) {
                token(S, L, kind, data, start, i, &prev);
                start = -1;
            }
        }
    }
    if (start >= 0) token(S, L, kind, data, start, n, &prev);
    return 0;
}

static PyObject *Scanner_scan(Scanner *S, PyObject *lines) {
    if (!PyList_CheckExact(lines)) {
        PyErr_SetString(PyExc_TypeError, "scan() takes a list of str");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(lines);
    PyObject *tokens = PyList_New(n), *idms = PyList_New(n), *packed = PyList_New(n),
             *known = PyList_New(n);
    if (tokens == NULL || idms == NULL || packed == NULL || known == NULL) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        LineSums L;
        /* the list cannot change under us: no Python code runs during the loop */
        if (scan_line(S, PyList_GET_ITEM(lines, i), &L) < 0) goto fail;
        PyObject *t = PyLong_FromSsize_t(L.ntok);
        if (t == NULL) goto fail;
        PyList_SET_ITEM(tokens, i, t);
        /* sum() of the weights from int 0, plus sum() of the phrase weights from int 0 */
        PyObject *w = (L.has_w || L.has_p) ? PyFloat_FromDouble(L.w + L.p) : PyLong_FromLong(0);
        if (w == NULL) goto fail;
        PyList_SET_ITEM(idms, i, w);
        PyObject *p = packed_int(S, L.cnt);
        if (p == NULL) goto fail;
        PyList_SET_ITEM(packed, i, p);
        PyList_SET_ITEM(known, i, Py_NewRef(L.known ? Py_True : Py_False));
    }
    return Py_BuildValue("(NNNN)", tokens, idms, packed, known);
fail:
    Py_XDECREF(tokens);
    Py_XDECREF(idms);
    Py_XDECREF(packed);
    Py_XDECREF(known);
    return NULL;
}

static PyMethodDef Scanner_methods[] = {
    {"scan", (PyCFunction)Scanner_scan, METH_O,
     "scan(lines) -> (tokens, idms, packed, known), one item per line (see the module doc)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "saring.langid._c_lexscan.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_dealloc = (destructor)Scanner_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scanner(idms_w, fam_packed, phrase_w, known, nfields, bits): read-only tables "
              "of Lexicon, copied; scan(lines) gives each line's token count and sums.",
    .tp_methods = Scanner_methods,
    .tp_new = Scanner_new,
};


/* ------------------------------------------------------------------------------------------
 * Decider: Lexicon._decide(..., calibrate=True) on rows of columns, the same double operations
 * in the same order (libm exp / log / log1p, as Python's math module calls them).
 */

typedef struct {
    PyObject_HEAD
    double bias, ptb, min_hits;
    double *calib;
    Py_ssize_t n_calib;
    Py_ssize_t min_tokens;
    PyObject *labels[7]; /* und id ms jv su en other */
} Decider;

enum { L_UND, L_ID, L_MS, L_JV, L_SU, L_EN, L_OTHER };
enum { N_CALIB = 9 }; /* CALIBRATION_FEATURES of lexicon.py */

static double sigmoid(double x) {
    if (x >= 0) return 1.0 / (1.0 + exp(-x));
    double z = exp(x);
    return z / (1.0 + z);
}

/* Python's max(a, b) / min(a, b): the first unless the second compares greater / less. */
static inline double py_max(double a, double b) { return b > a ? b : a; }
static inline double py_min(double a, double b) { return b < a ? b : a; }

static void Decider_dealloc(Decider *D) {
    PyMem_Free(D->calib);
    for (int i = 0; i < 7; i++) Py_XDECREF(D->labels[i]);
    Py_TYPE(D)->tp_free((PyObject *)D);
}

static PyObject *Decider_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"bias", "per_token_bias", "min_family_hits", "calibration",
                             "min_tokens", "labels", NULL};
    double bias, ptb, min_hits;
    PyObject *calib, *labels;
    Py_ssize_t min_tokens;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "dddO!nO!", kwlist, &bias, &ptb, &min_hits,
                                     &PyTuple_Type, &calib, &min_tokens, &PyTuple_Type, &labels))
        return NULL;
    if (PyTuple_GET_SIZE(labels) != 7) {
        PyErr_SetString(PyExc_ValueError, "labels: und id ms jv su en other");
        return NULL;
    }
    Py_ssize_t nc = PyTuple_GET_SIZE(calib);
    if (nc != 0 && nc != N_CALIB) {
        PyErr_SetString(PyExc_ValueError, "calibration needs 0 or 9 weights");
        return NULL;
    }
    Decider *D = (Decider *)type->tp_alloc(type, 0);
    if (D == NULL) return NULL;
    D->bias = bias;
    D->ptb = ptb;
    D->min_hits = min_hits;
    D->min_tokens = min_tokens;
    D->n_calib = nc;
    for (int i = 0; i < 7; i++) D->labels[i] = Py_NewRef(PyTuple_GET_ITEM(labels, i));
    if (nc) {
        D->calib = PyMem_Malloc((size_t)nc * sizeof(double));
        if (D->calib == NULL) { Py_DECREF(D); return PyErr_NoMemory(); }
        for (Py_ssize_t i = 0; i < nc; i++) {
            PyObject *c = PyTuple_GET_ITEM(calib, i);
            if (!PyFloat_CheckExact(c)) {
                PyErr_SetString(PyExc_ValueError, "calibration weights must be floats");
                Py_DECREF(D);
                return NULL;
            }
            D->calib[i] = PyFloat_AS_DOUBLE(c);
        }
    }
    return (PyObject *)D;
}

/* One row: label index, score and hits (Lexicon._decide with calibrate=True). */
static int decide_full(Decider *D, double idms, double mly, double jv, double su, double en,
                       double rg, Py_ssize_t tokens, double *score, double *hits,
                       double *share_out, double *s_out) {
    double s = idms + D->bias + D->ptb * (double)tokens;
    double total = mly + jv + su + en + rg;
    *hits = total;
    *s_out = s;
    *share_out = 0.0;
    if (total < D->min_hits) {
        *score = 0.0;
        return L_UND;
    }
    int top = 0; /* mly jv su en rg */
    double best = mly;
    if (jv > best) { top = 1; best = jv; }
    if (su > best) { top = 2; best = su; }
    if (en > best) { top = 3; best = en; }
    if (rg > best) { top = 4; best = rg; }
    double share = best / total;
    *share_out = share;
    double conf = share * total / (total + 1.0);
    int lang;
    if (top == 4) lang = L_OTHER;
    else if (top != 0) lang = top == 1 ? L_JV : top == 2 ? L_SU : L_EN;
    else {
        double p_ms = sigmoid(s);
        lang = s > 0 ? L_MS : L_ID;
        conf = conf * py_max(p_ms, 1.0 - p_ms);
    }
    if (D->n_calib && tokens >= D->min_tokens) {
        double raw = py_min(py_max(conf, 1e-4), 1 - 1e-4);
        double jvsu = (lang == L_JV || lang == L_SU) ? 1.0 : 0.0;
        double x[N_CALIB] = {
            1.0,
            log(raw / (1 - raw)),
            log1p(total),
            (lang == L_ID || lang == L_MS) ? py_min(fabs(s), 10.0) : 0.0,
            log1p((double)tokens),
            (total != 0.0 && lang != L_OTHER) ? rg / total : 0.0,
            lang == L_OTHER ? 1.0 : 0.0,
            jvsu,
            jvsu / (1.0 + total),
        };
        double acc = 0.0;
        for (int i = 0; i < N_CALIB; i++) acc += D->calib[i] * x[i];
        conf = sigmoid(acc);
    }
    *score = conf;
    return lang;
}

static int decide(Decider *D, double idms, double mly, double jv, double su, double en,
                  double rg, Py_ssize_t tokens, double *score, double *hits) {
    double share, s;
    return decide_full(D, idms, mly, jv, su, en, rg, tokens, score, hits, &share, &s);
}

static int as_double(PyObject *list, Py_ssize_t i, double *out) {
    PyObject *v = PyList_GET_ITEM(list, i);
    if (PyFloat_CheckExact(v)) { *out = PyFloat_AS_DOUBLE(v); return 0; }
    if (PyLong_CheckExact(v)) {
        /* only int 0 (an empty sum) is expected; any int must convert exactly */
        *out = PyLong_AsDouble(v);
        if (*out == -1.0 && PyErr_Occurred()) return -1;
        if (fabs(*out) > 9007199254740992.0) {
            PyErr_SetString(PyExc_ValueError, "int too large to mirror exactly");
            return -1;
        }
        return 0;
    }
    PyErr_SetString(PyExc_TypeError, "columns hold floats (or int 0)");
    return -1;
}

/* fill(rows, idms, mly, jv, su, en, rg, tokens, langs, scores, hits): for each i of rows,
 * langs[i], scores[i], hits[i] = the decision of row i (lists written in place). */
static PyObject *Decider_fill(Decider *D, PyObject *args) {
    PyObject *rows, *col[7], *langs, *scores, *hits;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!O!O!O!O!O!", &PyList_Type, &rows,
                          &PyList_Type, &col[0], &PyList_Type, &col[1], &PyList_Type, &col[2],
                          &PyList_Type, &col[3], &PyList_Type, &col[4], &PyList_Type, &col[5],
                          &PyList_Type, &col[6], &PyList_Type, &langs, &PyList_Type, &scores,
                          &PyList_Type, &hits))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(langs);
    for (int c = 0; c < 7; c++)
        if (PyList_GET_SIZE(col[c]) != n) goto size;
    if (PyList_GET_SIZE(scores) != n || PyList_GET_SIZE(hits) != n) goto size;
    Py_ssize_t nr = PyList_GET_SIZE(rows);
    for (Py_ssize_t r = 0; r < nr; r++) {
        Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(rows, r));
        if (i == -1 && PyErr_Occurred()) return NULL;
        if (i < 0 || i >= n) goto size;
        double v[6];
        for (int c = 0; c < 6; c++)
            if (as_double(col[c], i, &v[c]) < 0) return NULL;
        Py_ssize_t tokens = PyLong_AsSsize_t(PyList_GET_ITEM(col[6], i));
        if (tokens == -1 && PyErr_Occurred()) return NULL;
        double score, total;
        int lang = decide(D, v[0], v[1], v[2], v[3], v[4], v[5], tokens, &score, &total);
        PyObject *sc = PyFloat_FromDouble(score);
        if (sc == NULL) return NULL;
        PyObject *ht = PyFloat_FromDouble(total);
        if (ht == NULL) { Py_DECREF(sc); return NULL; }
        /* no Python code runs in this loop: the lists keep their sizes */
        Py_SETREF(PyList_GET_ITEM(langs, i), Py_NewRef(D->labels[lang]));
        Py_SETREF(PyList_GET_ITEM(scores, i), sc);
        Py_SETREF(PyList_GET_ITEM(hits, i), ht);
    }
    Py_RETURN_NONE;
size:
    PyErr_SetString(PyExc_IndexError, "fill(): rows and columns do not match");
    return NULL;
}

/* one(idms, mly, jv, su, en, rg, tokens) -> (lang, score, share, s, hits): Lexicon._decide of
 * one evidence vector (calibrated), all five values. */
static PyObject *Decider_one(Decider *D, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "one() takes idms, mly, jv, su, en, rg, tokens");
        return NULL;
    }
    double v[6];
    for (int c = 0; c < 6; c++) {
        PyObject *x = args[c];
        if (PyFloat_CheckExact(x)) v[c] = PyFloat_AS_DOUBLE(x);
        else if (c == 0 && PyLong_CheckExact(x)) {
            /* an int id/ms sum becomes a float with the bias; int family hits could leave an
             * int total (Python's types), so only floats are taken there */
            v[c] = PyLong_AsDouble(x);
            if (v[c] == -1.0 && PyErr_Occurred()) return NULL;
            if (fabs(v[c]) > 9007199254740992.0) {
                PyErr_SetString(PyExc_ValueError, "int too large to mirror exactly");
                return NULL;
            }
        } else {
            PyErr_SetString(PyExc_TypeError, "evidence values are floats (idms: or an int)");
            return NULL;
        }
    }
    if (!PyLong_CheckExact(args[6])) {
        PyErr_SetString(PyExc_TypeError, "tokens must be an int");
        return NULL;
    }
    Py_ssize_t tokens = PyLong_AsSsize_t(args[6]);
    if (tokens == -1 && PyErr_Occurred()) return NULL;
    if (tokens < 0 || (double)tokens > 9007199254740992.0) {
        PyErr_SetString(PyExc_ValueError, "token count out of range");
        return NULL;
    }
    double score, hits, share, s;
    int lang = decide_full(D, v[0], v[1], v[2], v[3], v[4], v[5], tokens, &score, &hits, &share,
                           &s);
    return Py_BuildValue("(Odddd)", D->labels[lang], score, share, s, hits);
}

static PyMethodDef Decider_methods[] = {
    {"one", (PyCFunction)(void (*)(void))Decider_one, METH_FASTCALL,
     "one(idms, mly, jv, su, en, rg, tokens) -> (lang, score, share, log-odds, hits)."},
    {"fill", (PyCFunction)Decider_fill, METH_VARARGS,
     "fill(rows, idms, mly, jv, su, en, rg, tokens, langs, scores, hits): the decision of "
     "each row of rows written into langs / scores / hits."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject DeciderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "saring.langid._c_lexscan.Decider",
    .tp_basicsize = sizeof(Decider),
    .tp_dealloc = (destructor)Decider_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Decider(bias, per_token_bias, min_family_hits, calibration, min_tokens, labels): "
              "Lexicon._decide over rows of columns.",
    .tp_methods = Decider_methods,
    .tp_new = Decider_new,
};

/* ------------------------------------------------------------------------------------------
 * Finisher: Scanner.scan + Lexicon._finish + the Decider in one call, for a list of lines
 * scored one row each (Lexicon.indexed_lines' usual case). Mirrors _finish value for value:
 *
 *   n_dh = line.count("dh"); n_eu = line.count("eu")
 *   n_rg = regional_spelling(line) when rg_ortho_weight else 0
 *        = line.count("ê") + #("nye" followed by " ", "," or "." and not preceded by "a")
 *   field_k = (packed >> 24k) & 0xFFFFFF          (carries between fields included)
 *   mly = f0*fw0; jv = f1*fw1 + dw*n_dh; su = f2*fw2 + ew*n_eu; en = f3*fw3
 *   rg  = f4*fw4 + f5*fw5 + ow*n_rg + (f6*fw6 if f6 >= kmin else 0)
 *   live = any((idms, packed, n_dh, n_eu, n_rg)); log_odds = idms + bias + ptb*tokens
 *   rows decided: those with packed/n_dh/n_eu/n_rg (every row when min_family_hits <= 0)
 *
 * None of the substrings can overlap itself, so str.count's non-overlapping count is the
 * number of positions where it starts. Lexicon checks it against _finish on probe lines at
 * set-up and keeps the Python when they differ (a changed _finish runs in Python).
 */

typedef struct {
    PyObject_HEAD
    Scanner *scanner;
    Decider *decider;
    double fw[7], dw, ew, ow, bias, ptb, min_hits;
    long long kmin;
} Finisher;

static void Finisher_dealloc(Finisher *F) {
    Py_XDECREF(F->scanner);
    Py_XDECREF(F->decider);
    Py_TYPE(F)->tp_free((PyObject *)F);
}

static PyObject *Finisher_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"scanner", "decider", "fam_weights", "dh_weight", "eu_weight",
                             "ortho_weight", "register_min", "bias", "per_token_bias",
                             "min_family_hits", NULL};
    PyObject *scanner, *decider, *fw;
    double dw, ew, ow, bias, ptb, min_hits;
    long long kmin;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O!O!dddLddd", kwlist, &ScannerType, &scanner,
                                     &DeciderType, &decider, &PyTuple_Type, &fw, &dw, &ew, &ow,
                                     &kmin, &bias, &ptb, &min_hits))
        return NULL;
    Scanner *S = (Scanner *)scanner;
    if (S->nfields != 7 || S->bits != 24 || PyTuple_GET_SIZE(fw) != 7) {
        PyErr_SetString(PyExc_ValueError, "Finisher needs 7 fields of 24 bits");
        return NULL;
    }
    Finisher *F = (Finisher *)type->tp_alloc(type, 0);
    if (F == NULL) return NULL;
    for (int k = 0; k < 7; k++) {
        PyObject *w = PyTuple_GET_ITEM(fw, k);
        if (!PyFloat_CheckExact(w)) {
            PyErr_SetString(PyExc_ValueError, "family weights must be floats");
            Py_DECREF(F);
            return NULL;
        }
        F->fw[k] = PyFloat_AS_DOUBLE(w);
    }
    F->scanner = (Scanner *)Py_NewRef(scanner);
    F->decider = (Decider *)Py_NewRef(decider);
    F->dw = dw;
    F->ew = ew;
    F->ow = ow;
    F->kmin = kmin;
    F->bias = bias;
    F->ptb = ptb;
    F->min_hits = min_hits;
    return (PyObject *)F;
}

typedef struct {
    Py_ssize_t dh, eu, rg;
} Spell;

static inline int nye_end(Py_UCS4 c) { return c == ' ' || c == ',' || c == '.'; }

/* The spelling counts of one (ready) line; rg only when ``ortho``. */
static void spell_counts(PyObject *line, int ortho, Spell *out) {
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line), dh = 0, eu = 0, rg = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        /* one table test per character; the letters that can start a spelling are rare
         * enough that the rest of the test runs on a fifth of them */
        const unsigned char *d = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            unsigned char t = SPELL[d[i]];
            if (t == 0) continue;
            if (t == 'd') dh += i + 1 < n && d[i + 1] == 'h';
            else if (t == 'e') eu += i + 1 < n && d[i + 1] == 'u';
            else if (!ortho) continue;
            else if (t == 0xEA) rg++;
            else if (i + 3 < n && d[i + 1] == 'y' && d[i + 2] == 'e' && nye_end(d[i + 3]) &&
                     !(i > 0 && d[i - 1] == 'a'))
                rg++;
        }
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            Py_UCS4 c1 = i + 1 < n ? PyUnicode_READ(kind, data, i + 1) : 0;
            if (c == 'd') dh += c1 == 'h';
            else if (c == 'e') eu += c1 == 'u';
            else if (ortho && c == 0xEA) rg++;
            else if (c == 'n' && ortho && i + 3 < n && c1 == 'y' &&
                     PyUnicode_READ(kind, data, i + 2) == 'e' &&
                     nye_end(PyUnicode_READ(kind, data, i + 3)) &&
                     !(i > 0 && PyUnicode_READ(kind, data, i - 1) == 'a'))
                rg++;
        }
    }
    out->dh = dh;
    out->eu = eu;
    out->rg = rg;
}

enum { C_IDMS, C_MLY, C_JV, C_SU, C_EN, C_RG, C_TOK, C_LANG, C_SCORE, C_LOG, C_HITS, C_LIVE,
       N_COLS };

static PyObject *Finisher_columns(Finisher *F, PyObject *lines) {
    if (!PyList_CheckExact(lines)) {
        PyErr_SetString(PyExc_TypeError, "columns() takes a list of str");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(lines);
    PyObject *col[N_COLS] = {NULL};
    for (int c = 0; c < N_COLS; c++)
        if ((col[c] = PyList_New(n)) == NULL) goto fail;
    PyObject *zero = PyFloat_FromDouble(0.0);
    if (zero == NULL) goto fail;
    int ortho = F->ow != 0.0 || F->ow != F->ow; /* Python's truth of a float (NaN is true) */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        LineSums L;
        if (scan_line(F->scanner, line, &L) < 0) { Py_DECREF(zero); goto fail; }
        Spell sp;
        spell_counts(line, ortho, &sp);
        int has_idms = L.has_w || L.has_p;
        double idms = has_idms ? L.w + L.p : 0.0;
        /* the fields of the Python int sum(count_k << 24k), carries included */
        uint64_t fi[7], carry = 0;
        double f[7];
        int packed = 0;
        for (int k = 0; k < 7; k++) {
            packed |= L.cnt[k] != 0;
            uint64_t v = L.cnt[k] + carry; /* counts are bounded by the line's length */
            fi[k] = v & 0xFFFFFFu;
            f[k] = (double)fi[k];
            carry = v >> 24;
        }
        double mly = f[0] * F->fw[0];
        double jv = f[1] * F->fw[1] + F->dw * (double)sp.dh;
        double su = f[2] * F->fw[2] + F->ew * (double)sp.eu;
        double en = f[3] * F->fw[3];
        double rg = f[4] * F->fw[4] + f[5] * F->fw[5] + F->ow * (double)sp.rg
                    + ((long long)fi[6] >= F->kmin ? f[6] * F->fw[6] : 0.0);
        int evid = packed || sp.dh || sp.eu || sp.rg;
        int live = evid || (has_idms && idms != 0.0); /* NaN != 0.0: true, as in Python */
        double logodds = idms + F->bias + F->ptb * (double)L.ntok;
        PyObject *v[N_COLS];
        v[C_IDMS] = has_idms ? PyFloat_FromDouble(idms) : PyLong_FromLong(0);
        v[C_MLY] = PyFloat_FromDouble(mly);
        v[C_JV] = PyFloat_FromDouble(jv);
        v[C_SU] = PyFloat_FromDouble(su);
        v[C_EN] = PyFloat_FromDouble(en);
        v[C_RG] = PyFloat_FromDouble(rg);
        v[C_TOK] = PyLong_FromSsize_t(L.ntok);
        v[C_LOG] = PyFloat_FromDouble(logodds);
        v[C_LIVE] = Py_NewRef(live ? Py_True : Py_False);
        if (evid || !(F->min_hits > 0)) {
            double score, hits;
            int lang = decide(F->decider, idms, mly, jv, su, en, rg, L.ntok, &score, &hits);
            v[C_LANG] = Py_NewRef(F->decider->labels[lang]);
            v[C_SCORE] = PyFloat_FromDouble(score);
            v[C_HITS] = PyFloat_FromDouble(hits);
        } else {
            v[C_LANG] = Py_NewRef(F->decider->labels[L_UND]);
            v[C_SCORE] = Py_NewRef(zero);
            v[C_HITS] = Py_NewRef(zero);
        }
        int bad = 0;
        for (int c = 0; c < N_COLS; c++) {
            if (v[c] == NULL) bad = 1;
            else PyList_SET_ITEM(col[c], i, v[c]);
        }
        if (bad) { Py_DECREF(zero); goto fail; }
    }
    Py_DECREF(zero);
    PyObject *out = PyTuple_New(N_COLS);
    if (out == NULL) goto fail;
    for (int c = 0; c < N_COLS; c++) PyTuple_SET_ITEM(out, c, col[c]);
    return out;
fail:
    /* a list slot left NULL is fine: list_dealloc skips NULL items */
    for (int c = 0; c < N_COLS; c++) Py_XDECREF(col[c]);
    return NULL;
}

static PyMethodDef Finisher_methods[] = {
    {"columns", (PyCFunction)Finisher_columns, METH_O,
     "columns(lines) -> (idms, mly, jv, su, en, rg, tokens, langs, scores, log_odds, hits, "
     "live): Lexicon._finish of Scanner.scan(lines), with the decisions."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject FinisherType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "saring.langid._c_lexscan.Finisher",
    .tp_basicsize = sizeof(Finisher),
    .tp_dealloc = (destructor)Finisher_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Finisher(scanner, decider, fam_weights, dh_weight, eu_weight, ortho_weight, "
              "register_min, bias, per_token_bias, min_family_hits): Lexicon's columns of "
              "lines in one call.",
    .tp_methods = Finisher_methods,
    .tp_new = Finisher_new,
};

/* column_sums(rows, live, columns): for each column, the sum of its values at the rows whose
 * ``live`` flag is true, added in row order from 0.0 (functools.reduce(operator.add, ..., 0.0)):
 * Columns.total. Values are floats or ints (an empty sum is int 0), added as doubles. */
static PyObject *column_sums(PyObject *module, PyObject *args) {
    PyObject *rows, *live, *cols;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &rows, &PyList_Type, &live,
                          &PyTuple_Type, &cols))
        return NULL;
    Py_ssize_t nc = PyTuple_GET_SIZE(cols), n = PyList_GET_SIZE(live),
               nr = PyList_GET_SIZE(rows);
    for (Py_ssize_t c = 0; c < nc; c++) {
        PyObject *col = PyTuple_GET_ITEM(cols, c);
        if (!PyList_CheckExact(col) || PyList_GET_SIZE(col) != n) {
            PyErr_SetString(PyExc_TypeError, "columns must be lists as long as live");
            return NULL;
        }
    }
    double acc[32];
    if (nc > 32) {
        PyErr_SetString(PyExc_ValueError, "at most 32 columns");
        return NULL;
    }
    for (Py_ssize_t c = 0; c < nc; c++) acc[c] = 0.0;
    for (Py_ssize_t k = 0; k < nr; k++) {
        Py_ssize_t r = PyLong_AsSsize_t(PyList_GET_ITEM(rows, k));
        if (r == -1 && PyErr_Occurred()) return NULL;
        if (r < 0) r += n; /* a negative index counts from the end, as list[r] does */
        if (r < 0 || r >= n) {
            PyErr_SetString(PyExc_IndexError, "row out of range");
            return NULL;
        }
        int on = PyObject_IsTrue(PyList_GET_ITEM(live, r));
        if (on < 0) return NULL;
        if (!on) continue;
        for (Py_ssize_t c = 0; c < nc; c++) {
            double v;
            if (as_double(PyTuple_GET_ITEM(cols, c), r, &v) < 0) return NULL;
            acc[c] += v;
        }
    }
    PyObject *out = PyTuple_New(nc);
    if (out == NULL) return NULL;
    for (Py_ssize_t c = 0; c < nc; c++) {
        PyObject *f = PyFloat_FromDouble(acc[c]);
        if (f == NULL) { Py_DECREF(out); return NULL; }
        PyTuple_SET_ITEM(out, c, f);
    }
    return out;
}

/* paragraphs(text) -> (seg_pos, kidx, lead, paras, lowered): the step's line split, as
 *   segs = text.split("\n"); seg_pos = starts of segs plus len(text) + 1 at the end
 *   kidx = [k for k, s in enumerate(segs) if s.strip()]; paras = [segs[k].strip() for k in kidx]
 *   lead[i] = len(segs[kidx[i]]) - len(segs[kidx[i]].lstrip()); lowered = [p.lower() for p in paras]
 * str.strip() strips Py_UNICODE_ISSPACE characters (CPython's do_strip); ASCII paragraphs are
 * lowercased here (A-Z -> a-z, what str.lower does to ASCII), others by str.lower itself. */
static PyObject *paragraphs(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "paragraphs() takes a str");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    PyObject *seg_pos = PyList_New(0), *kidx = PyList_New(0), *lead = PyList_New(0),
             *paras = PyList_New(0), *lowered = PyList_New(0);
    if (!seg_pos || !kidx || !lead || !paras || !lowered) goto fail;
    Py_ssize_t start = 0, k = 0;
    for (;;) {
        Py_ssize_t end = start;
        while (end < n && PyUnicode_READ(kind, data, end) != '\n') end++;
        PyObject *pos = PyLong_FromSsize_t(start);
        if (pos == NULL) goto fail;
        int rc = PyList_Append(seg_pos, pos);
        Py_DECREF(pos);
        if (rc < 0) goto fail;
        Py_ssize_t a = start, b = end;
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) b--;
        if (b > a) {
            PyObject *ki = PyLong_FromSsize_t(k), *ld = PyLong_FromSsize_t(a - start);
            PyObject *para = PyUnicode_Substring(text, a, b), *low = NULL;
            if (ki && ld && para) {
                if (PyUnicode_IS_ASCII(para)) {
                    Py_ssize_t m = b - a;
                    low = PyUnicode_New(m, 127);
                    if (low) {
                        const Py_UCS1 *src = PyUnicode_1BYTE_DATA(para);
                        Py_UCS1 *dst = PyUnicode_1BYTE_DATA(low);
                        for (Py_ssize_t i = 0; i < m; i++) {
                            Py_UCS1 c = src[i];
                            dst[i] = (c >= 'A' && c <= 'Z') ? (Py_UCS1)(c + 32) : c;
                        }
                    }
                } else {
                    low = PyObject_CallMethod(para, "lower", NULL);
                }
            }
            int bad = !ki || !ld || !para || !low || PyList_Append(kidx, ki) < 0 ||
                      PyList_Append(lead, ld) < 0 || PyList_Append(paras, para) < 0 ||
                      PyList_Append(lowered, low) < 0;
            Py_XDECREF(ki);
            Py_XDECREF(ld);
            Py_XDECREF(para);
            Py_XDECREF(low);
            if (bad) goto fail;
        }
        if (end >= n) break;
        start = end + 1;
        k++;
    }
    PyObject *last = PyLong_FromSsize_t(n + 1);
    if (last == NULL) goto fail;
    int rc = PyList_Append(seg_pos, last);
    Py_DECREF(last);
    if (rc < 0) goto fail;
    return Py_BuildValue("(NNNNN)", seg_pos, kidx, lead, paras, lowered);
fail:
    Py_XDECREF(seg_pos);
    Py_XDECREF(kidx);
    Py_XDECREF(lead);
    Py_XDECREF(paras);
    Py_XDECREF(lowered);
    return NULL;
}

static PyMethodDef module_methods[] = {
    {"paragraphs", paragraphs, METH_O,
     "paragraphs(text) -> (seg_pos, kidx, lead, paras, lowered): the non-blank lines of text "
     "(stripped, and lowercased), where they start and their line's start."},
    {"column_sums", column_sums, METH_VARARGS,
     "column_sums(rows, live, columns) -> per column, the sum of its values at the live rows, "
     "in row order from 0.0 (Columns.total)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "saring.langid._c_lexscan",
    "Compiled per-line lexical scan of saring.langid.lexicon (reference: Lexicon._columns).",
    -1, module_methods,
};

PyMODINIT_FUNC PyInit__c_lexscan(void) {
    init_tokch();
    if (PyType_Ready(&ScannerType) < 0 || PyType_Ready(&DeciderType) < 0 ||
        PyType_Ready(&FinisherType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL) return NULL;
    Py_INCREF(&ScannerType);
    if (PyModule_AddObject(m, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(&ScannerType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&DeciderType);
    if (PyModule_AddObject(m, "Decider", (PyObject *)&DeciderType) < 0) {
        Py_DECREF(&DeciderType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&FinisherType);
    if (PyModule_AddObject(m, "Finisher", (PyObject *)&FinisherType) < 0) {
        Py_DECREF(&FinisherType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
