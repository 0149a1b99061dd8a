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

/* A key's entry: 32 bytes, the table 64-byte aligned, so a hit reads one line of it; the key's
 * bytes are inline up to KEY_INLINE (all but a few keys), else in the arena. */
#define KEY_INLINE 16
typedef struct {
    double w;           /* idms weight (used when has_w) */
    int32_t fam;        /* row of its family fields in Scanner.fams, -1: none */
    uint16_t len;
    unsigned char has_w, known;
    union {
        unsigned char in[KEY_INLINE]; /* len <= KEY_INLINE */
        unsigned char *ptr;           /* longer: Latin-1 bytes owned by the arena */
    } key;
} Entry;

_Static_assert(sizeof(Entry) == 32, "two entries per cache line");

static inline const unsigned char *entry_key(const Entry *E) {
    return E->len <= KEY_INLINE ? E->key.in : E->key.ptr;
}

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
    Entry *entries;    /* 64-byte aligned inside entries_raw */
    void *entries_raw;
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
/* LOW1[c]: str.lower of U+00c as a byte (1 above 255); see lower_span */
static unsigned char LOW1[256];
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
            const Entry *E = &S->entries[sl.entry];
            if (E->len == n) {
                const unsigned char *key = entry_key(E);
                Py_ssize_t j = 0;
                while (j < n && key[j] == k[j]) j++;
                if (j == n) return sl.entry;
            }
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
        const Entry *E = &S->entries[e];
        const unsigned char *key = entry_key(E);
        uint64_t h = FNV_INIT;
        for (Py_ssize_t j = 0; j < E->len; j++) h = fnv_step(h, key[j]);
        size_t i = (size_t)h & (cap - 1);
        while (slots[i].entry >= 0) i = (i + 1) & (cap - 1);
        slots[i].entry = (int32_t)e;
        slots[i].hash = (uint32_t)h;
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
    if (n > UINT16_MAX) { PyErr_SetString(PyExc_ValueError, "key too long"); return -2; }
    if (S->n_entries == S->cap_entries) {
        Py_ssize_t cap = S->cap_entries ? S->cap_entries * 2 : 1024;
        void *raw = PyMem_Malloc((size_t)cap * sizeof(Entry) + 63);
        if (raw == NULL) { PyErr_NoMemory(); return -2; }
        Entry *ne = (Entry *)(((uintptr_t)raw + 63) & ~(uintptr_t)63);
        if (S->n_entries) memcpy(ne, S->entries, (size_t)S->n_entries * sizeof(Entry));
        PyMem_Free(S->entries_raw);
        S->entries_raw = raw;
        S->entries = ne;
        S->cap_entries = cap;
    }
    e = S->n_entries;
    Entry *E = &S->entries[e];
    memset(E, 0, sizeof(Entry));
    if (n <= KEY_INLINE) {
        memcpy(E->key.in, d, (size_t)n);
    } else {
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
        E->key.ptr = key;
    }
    S->n_entries++;
    E->len = (uint16_t)n;
    E->fam = -1;
    size_t i = (size_t)h & S->mask;
    while (S->slots[i].entry >= 0) i = (i + 1) & S->mask;
    S->slots[i].entry = (int32_t)e;
    S->slots[i].hash = (uint32_t)h;
    if (n > S->max_len) S->max_len = n;
    return e;
}

static void Scanner_dealloc(Scanner *S) {
    PyMem_Free(S->entries_raw);
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

/* Token entry ``e`` (-1: not a key) after the token entry ``prev``: its sums added. */
static inline void found(Scanner *S, LineSums *L, Py_ssize_t e, Py_ssize_t prev) {
    if (e < 0) return;
    Entry *E = &S->entries[e];
    if (E->has_w) { L->w += E->w; L->has_w = 1; }
    if (E->fam >= 0) {
        const uint32_t *fv = S->fams + (size_t)E->fam * MAX_FIELDS;
        for (int f = 0; f < S->nfields; f++) L->cnt[f] += fv[f];
    }
    L->known |= E->known;
    if (prev >= 0 && S->n_pairs) {
        uint64_t key = ((uint64_t)(prev + 1) << 32) | (uint64_t)(e + 1);
        Pair *p = pair_slot(S->pairs, S->pair_mask, key);
        if (p->key == key) { L->p += p->w; L->has_p = 1; }
    }
}

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
                const Entry *E = &S->entries[c];
                if (S->slots[j].hash == (uint32_t)h && E->len == n) {
                    const unsigned char *key = entry_key(E);
                    Py_ssize_t i = 0;
                    while (i < n && key[i] == PyUnicode_READ(kind, data, a + i)) i++;
                    if (i == n) { e = c; break; }
                }
                j = (j + 1) & S->mask;
            }
        }
    }
    found(S, L, e, *prev);
    *prev = e;
}

/* The tokens of text data[0:n] (of the given kind) and their sums. */
static void scan_data(Scanner *S, int kind, const void *data, Py_ssize_t n, LineSums *L) {
    memset(L, 0, sizeof *L);
    Py_ssize_t start = -1, prev = -1;
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
}

static int scan_line(Scanner *S, PyObject *line, LineSums *L) {
    if (!PyUnicode_Check(line)) {
        PyErr_SetString(PyExc_TypeError, "lines must be str");
        return -1;
    }
    if (PyUnicode_READY(line) < 0) return -1;
    scan_data(S, PyUnicode_KIND(line), PyUnicode_DATA(line), PyUnicode_GET_LENGTH(line), L);
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
 *   n_dh = jv_dh(line) ("dh" + vowel or w); n_eu = line.count("eu")
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

/* A Javanese "dh" is followed by a vowel or "w" (lexicon.jv_dh): Indonesian chat's "sdh",
 * "udh", "pdhl" are not counted. ``c`` is the (lowered) character after the "h", 0 at the end. */
static inline int dh_next(Py_UCS4 c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'w' || c == 0xE8 ||
           c == 0xE9 || c == 0xEA;
}

/* The spelling counts of text data[0:n] (of the given kind); rg only when ``ortho``. */
static void spell_data(int kind, const void *data, Py_ssize_t n, int ortho, Spell *out) {
    Py_ssize_t dh = 0, eu = 0, rg = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        /* one table test per character; the letters that can start a spelling are rare
         * enough that the rest of the test runs on a fifth of them */
        const unsigned char *d = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            unsigned char t = SPELL[d[i]];
            if (t == 0) continue;
            if (t == 'd') dh += i + 2 < n && d[i + 1] == 'h' && dh_next(d[i + 2]);
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
            if (c == 'd') dh += c1 == 'h' && i + 2 < n && dh_next(PyUnicode_READ(kind, data, i + 2));
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

/* Byte classes of the one-pass scan, as (class << 8) | byte read: class 0 not a token character,
 * 1 a token character starting no spelling, else the character itself ('d', 'e', 'n', 0xEA: the
 * spellings' first letters, all token characters). KB reads lowered bytes as they are; KL reads
 * Latin-1 text and lowers it on the way (its low byte is LOW1[c]). Filled by init_low1. */
static uint16_t KB[256], KL[256];

/* scan_data + spell_data of lowered 1-byte data in one pass: each token's hash is taken while
 * its characters are read, and the spellings are tested only inside tokens. With ``low`` set,
 * ``d`` is Latin-1 text not yet lowered: each character is lowered through KL as it is read (its
 * token characters written to ``low`` at the same offsets for the key compare; neighbours of a
 * spelling read through LOW1), which is lower_span + the scan of its bytes without the copy
 * pass (1-byte text lowers one character to one byte). Same sums and counts as the two passes. */
static inline __attribute__((always_inline)) void
scan_spell_core(Scanner *S, const unsigned char *d, Py_ssize_t n, int ortho, LineSums *L,
                Spell *sp, unsigned char *low) {
    memset(L, 0, sizeof *L);
    const uint16_t *cls = low != NULL ? KL : KB;
    const unsigned char *keys = low != NULL ? low : d;
#define LOWER_AT(j) (low != NULL ? LOW1[d[j]] : d[j])
    Py_ssize_t dh = 0, eu = 0, rg = 0, prev = -1, i = 0, maxl = S->max_len;
    while (i < n) {
        unsigned v = cls[d[i]];
        if (v < 256) { i++; continue; }
        Py_ssize_t a = i;
        uint64_t h = FNV_INIT;
        for (;;) {
            unsigned char c = (unsigned char)v;
            h = fnv_step(h, c);
            if (low != NULL) low[i] = c;
            unsigned t = v >> 8;
            if (t != 1) {
                if (t == 'd') dh += i + 2 < n && LOWER_AT(i + 1) == 'h' && dh_next(LOWER_AT(i + 2));
                else if (t == 'e') eu += i + 1 < n && LOWER_AT(i + 1) == 'u';
                else if (!ortho) {}
                else if (t == 0xEA) rg++;
                else if (i + 3 < n && LOWER_AT(i + 1) == 'y' && LOWER_AT(i + 2) == 'e' &&
                         nye_end(LOWER_AT(i + 3)) && !(i > 0 && LOWER_AT(i - 1) == 'a'))
                    rg++;
            }
            if (++i == n) break;
            v = cls[d[i]];
            if (v < 256) break;
        }
#undef LOWER_AT
        L->ntok++;
        Py_ssize_t len = i - a, e = len <= maxl ? find(S, keys + a, len, h) : -1;
        found(S, L, e, prev);
        prev = e;
    }
    sp->dh = dh;
    sp->eu = eu;
    sp->rg = rg;
}

/* The one-pass scan of lowered bytes d[0:n]. */
static void scan_spell_bytes(Scanner *S, const unsigned char *d, Py_ssize_t n, int ortho,
                             LineSums *L, Spell *sp) {
    scan_spell_core(S, d, n, ortho, L, sp, NULL);
}

/* The one-pass scan of Latin-1 text d[0:n] lowered on the way (``low``: n bytes of room). */
static void scan_spell_latin1(Scanner *S, const unsigned char *d, Py_ssize_t n, int ortho,
                              LineSums *L, Spell *sp, unsigned char *low) {
    scan_spell_core(S, d, n, ortho, L, sp, low);
}

/* str.lower of text data[a:b] as bytes for the scan: each lowercase code point below 256 as
 * itself, any other as 0x01 (neither a token character nor part of a spelling, as such a code
 * point is neither to the scan). Py_UNICODE_TOLOWER is str.lower's mapping for every code point
 * but U+0130 (lowercase "i" + U+0307) and U+03A3 (sigma: lowercase above 255 either way).
 * ``out`` holds 2 * (b - a) bytes; returns the bytes written. */

static inline Py_ssize_t lower_wide(Py_UCS4 c, unsigned char *out, Py_ssize_t m) {
    if (c == 0x130) {
        out[m++] = 'i';
        out[m++] = 1;
        return m;
    }
    Py_UCS4 lc = Py_UNICODE_TOLOWER(c);
    out[m++] = lc < 256 ? (unsigned char)lc : 1;
    return m;
}

static Py_ssize_t lower_span(int kind, const void *data, Py_ssize_t a, Py_ssize_t b,
                             unsigned char *out) {
    Py_ssize_t m = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = data;
        for (Py_ssize_t i = a; i < b; i++) out[m++] = LOW1[d[i]];
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *d = data;
        for (Py_ssize_t i = a; i < b; i++) {
            if (d[i] < 256) out[m++] = LOW1[d[i]];
            else m = lower_wide(d[i], out, m);
        }
    } else {
        const Py_UCS4 *d = data;
        for (Py_ssize_t i = a; i < b; i++) {
            if (d[i] < 256) out[m++] = LOW1[d[i]];
            else m = lower_wide(d[i], out, m);
        }
    }
    return m;
}

static void init_low1(void) {
    for (int c = 0; c < 256; c++) {
        Py_UCS4 lc = Py_UNICODE_TOLOWER((Py_UCS4)c);
        LOW1[c] = lc < 256 ? (unsigned char)lc : 1;
    }
    /* after init_tokch */
    for (int c = 0; c < 256; c++) {
        unsigned k = TOKCH[c] ? (SPELL[c] ? SPELL[c] : 1u) : 0u;
        KB[c] = (uint16_t)(k << 8 | (unsigned)c);
    }
    for (int c = 0; c < 256; c++) KL[c] = (uint16_t)((KB[LOW1[c]] & 0xFF00u) | LOW1[c]);
}

/* One line's row of Lexicon._finish (with its decision), from its scan and spelling counts. */
typedef struct {
    double idms, mly, jv, su, en, rg, logodds, score, hits;
    Py_ssize_t ntok;
    int has_idms, live, decided, lang; /* lang: Decider label index */
} FinRow;

static void finish_row(Finisher *F, const LineSums *L, const Spell *sp, FinRow *r) {
    int has_idms = L->has_w || L->has_p;
    double idms = has_idms ? L->w + L->p : 0.0;
    /* the fields of the Python int sum(count_k << 24k), carries included */
    uint64_t fi[7], carry = 0;
    double f[7];
    int packed = 0;
    for (int k = 0; k < 7; k++) {
        packed |= L->cnt[k] != 0;
        uint64_t v = L->cnt[k] + carry; /* counts are bounded by the line's length */
        fi[k] = v & 0xFFFFFFu;
        f[k] = (double)fi[k];
        carry = v >> 24;
    }
    r->idms = idms;
    r->has_idms = has_idms;
    r->ntok = L->ntok;
    r->mly = f[0] * F->fw[0];
    r->jv = f[1] * F->fw[1] + F->dw * (double)sp->dh;
    r->su = f[2] * F->fw[2] + F->ew * (double)sp->eu;
    r->en = f[3] * F->fw[3];
    r->rg = f[4] * F->fw[4] + f[5] * F->fw[5] + F->ow * (double)sp->rg
            + ((long long)fi[6] >= F->kmin ? f[6] * F->fw[6] : 0.0);
    int evid = packed || sp->dh || sp->eu || sp->rg;
    r->live = evid || (has_idms && idms != 0.0); /* NaN != 0.0: true, as in Python */
    r->logodds = idms + F->bias + F->ptb * (double)L->ntok;
    r->decided = evid || !(F->min_hits > 0);
    if (r->decided) {
        r->lang = decide(F->decider, idms, r->mly, r->jv, r->su, r->en, r->rg, L->ntok,
                         &r->score, &r->hits);
    } else {
        r->lang = L_UND;
        r->score = 0.0;
        r->hits = 0.0;
    }
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
        Spell sp;
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "lines must be str");
            Py_DECREF(zero);
            goto fail;
        }
        if (PyUnicode_READY(line) < 0) { Py_DECREF(zero); goto fail; }
        if (PyUnicode_KIND(line) == PyUnicode_1BYTE_KIND) {
            scan_spell_bytes(F->scanner, PyUnicode_1BYTE_DATA(line), PyUnicode_GET_LENGTH(line),
                             ortho, &L, &sp);
        } else {
            scan_line(F->scanner, line, &L);
            spell_data(PyUnicode_KIND(line), PyUnicode_DATA(line), PyUnicode_GET_LENGTH(line),
                       ortho, &sp);
        }
        FinRow r;
        finish_row(F, &L, &sp, &r);
        PyObject *v[N_COLS];
        v[C_IDMS] = r.has_idms ? PyFloat_FromDouble(r.idms) : PyLong_FromLong(0);
        v[C_MLY] = PyFloat_FromDouble(r.mly);
        v[C_JV] = PyFloat_FromDouble(r.jv);
        v[C_SU] = PyFloat_FromDouble(r.su);
        v[C_EN] = PyFloat_FromDouble(r.en);
        v[C_RG] = PyFloat_FromDouble(r.rg);
        v[C_TOK] = PyLong_FromSsize_t(r.ntok);
        v[C_LOG] = PyFloat_FromDouble(r.logodds);
        v[C_LIVE] = Py_NewRef(r.live ? Py_True : Py_False);
        v[C_LANG] = Py_NewRef(F->decider->labels[r.lang]);
        if (r.decided) {
            v[C_SCORE] = PyFloat_FromDouble(r.score);
            v[C_HITS] = PyFloat_FromDouble(r.hits);
        } else {
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

/* ------------------------------------------------------------------------------------------
 * Analyser: LanguageID._analyse_now for one document in one call (step.py is the reference:
 * _paragraphs, Lexicon.indexed_lines through the Finisher, the model on paragraphs without
 * function words with _refine (no calibration), _Scan's families, _dominant, the document
 * verdict with the model on the sample, the sibling rule, foreign lines and the runs). Rows
 * are scored one per line, which is what indexed_lines gives spread back to the lines (every
 * value a function of the line alone), so repeated lines need no index.
 *
 * analyse(text, keep, first_stage, step_back) -> (scores, foreign), or None when the document
 * leaves the mirrored path: 64 lines or more, no paragraph in a family, or a document verdict
 * that needs the calibrated model path (lexical "und"); a fallback costs at most the paragraph
 * model calls again. first_stage(text) is the step's own method and step_back(lang, score,
 * text) the jv/su step-back's (called back: the model, its kernel, its all-caps rule and the
 * step-back's word lists stay in Python); an answer of another type than theirs gives None.
 * The step checks this against the Python on probe documents at set-up and keeps the Python
 * when they differ.
 */

#define MAX_ROWS 63 /* Lexicon.indexed_lines takes the Finisher below 64 lines */

typedef struct {
    Py_ssize_t seg_start, seg_end, a, b; /* the line (break excluded) and its stripped span */
    FinRow f;
    PyObject *lang;                      /* owned: the line's label */
    PyObject *fam;                       /* borrowed: "mly" for id/ms, else lang */
    double score;                        /* the label's score (the model's for asked lines) */
} ARow;

typedef struct {
    PyObject_HEAD
    Finisher *fin;
    PyObject *round, *mly, *s_lower, *k_lang, *k_score, *k_first, *k_paras, *k_ratio;
    PyObject *three, *four;
    PyObject *ff, *k_kernel, *k_klabels, *s_und; /* direct_first (see call_first) */
    Py_ssize_t min_words, max_calls, sample_chars;
    int always, builtin_round; /* round is builtins.round: exact_round may answer for it */
    double margin, min_par, foreign_density, foreign_score, unsure;
} Analyser;

static void Analyser_dealloc(Analyser *A) {
    Py_XDECREF(A->fin);
    Py_XDECREF(A->round);
    Py_XDECREF(A->mly);
    Py_XDECREF(A->s_lower);
    Py_XDECREF(A->k_lang);
    Py_XDECREF(A->k_score);
    Py_XDECREF(A->k_first);
    Py_XDECREF(A->k_paras);
    Py_XDECREF(A->k_ratio);
    Py_XDECREF(A->three);
    Py_XDECREF(A->four);
    Py_XDECREF(A->ff);
    Py_XDECREF(A->k_kernel);
    Py_XDECREF(A->k_klabels);
    Py_XDECREF(A->s_und);
    Py_TYPE(A)->tp_free((PyObject *)A);
}

static PyObject *Analyser_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *kwlist[] = {"finisher", "round", "min_words", "max_calls", "sample_chars",
                             "always", "sibling_margin", "min_paragraph_score",
                             "foreign_density", "foreign_model_score", "unsure_model", NULL};
    PyObject *fin, *rnd;
    Py_ssize_t min_words, max_calls, sample_chars;
    int always;
    double margin, min_par, fd, fs, unsure;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!Onnnpddddd", kwlist, &FinisherType, &fin,
                                     &rnd, &min_words, &max_calls, &sample_chars, &always,
                                     &margin, &min_par, &fd, &fs, &unsure))
        return NULL;
    if (sample_chars < 0) {
        PyErr_SetString(PyExc_ValueError, "sample_chars must be >= 0");
        return NULL;
    }
    Analyser *A = (Analyser *)type->tp_alloc(type, 0);
    if (A == NULL) return NULL;
    A->fin = (Finisher *)Py_NewRef(fin);
    A->round = Py_NewRef(rnd);
    A->mly = PyUnicode_InternFromString("mly");
    A->s_lower = PyUnicode_InternFromString("lower");
    A->k_lang = PyUnicode_InternFromString("lang");
    A->k_score = PyUnicode_InternFromString("score");
    A->k_first = PyUnicode_InternFromString("first_stage");
    A->k_paras = PyUnicode_InternFromString("paragraphs");
    A->k_ratio = PyUnicode_InternFromString("foreign_ratio");
    A->three = PyLong_FromLong(3);
    A->four = PyLong_FromLong(4);
    A->k_kernel = PyUnicode_InternFromString("_kernel");
    A->k_klabels = PyUnicode_InternFromString("_kernel_labels");
    A->s_und = PyUnicode_InternFromString("und");
    PyObject *builtin = PyDict_GetItemString(PyEval_GetBuiltins(), "round"); /* borrowed */
    A->builtin_round = builtin != NULL && builtin == rnd;
    if (!A->mly || !A->s_lower || !A->k_lang || !A->k_score || !A->k_first || !A->k_paras ||
        !A->k_ratio || !A->three || !A->four || !A->k_kernel || !A->k_klabels || !A->s_und) {
        Py_DECREF(A);
        return NULL;
    }
    A->min_words = min_words;
    A->max_calls = max_calls;
    A->sample_chars = sample_chars;
    A->always = always;
    A->margin = margin;
    A->min_par = min_par;
    A->foreign_density = fd;
    A->foreign_score = fs;
    A->unsure = unsure;
    return (PyObject *)A;
}

/* a == b for two exact str (Python's ==) */
static inline int str_eq(PyObject *a, PyObject *b) {
    if (a == b) return 1;
    if (PyUnicode_GET_LENGTH(a) != PyUnicode_GET_LENGTH(b) ||
        PyUnicode_KIND(a) != PyUnicode_KIND(b))
        return 0;
    return memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b),
                  (size_t)PyUnicode_GET_LENGTH(a) * PyUnicode_KIND(a)) == 0;
}

static const double POW10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

/* Python's round(x, nd) (0 <= nd <= 8) without its decimal-string round trip, where it can be
 * certified; 0 (not answered) otherwise. Python rounds the exact binary value of x to nd decimals
 * (half to even) and returns the double nearest to that decimal N / 10**nd. Here p = x * 10**nd
 * carries an error of at most half an ulp of p; unless p lies within 1e-15 * |p| (> 4 ulps) of a
 * half-integer, the exact product rounds to the same integer N as p. N (< 2**52) and 10**nd are
 * exact doubles, so the correctly rounded division N / 10**nd is the double nearest to the
 * decimal, as Python's strtod gives. A zero N keeps x's sign ("-0" reads as -0.0). */
static int exact_round(double x, int nd, double *out) {
    double s = POW10[nd], p = x * s;
    if (!(fabs(p) < 4503599627370496.0)) return 0; /* 2**52; NaN and infinities too */
    double f = floor(p), d = p - f - 0.5;          /* p - f is exact */
    if (fabs(d) <= fabs(p) * 1e-15) return 0;      /* near a tie (or exactly on one) */
    double r = d < 0 ? f : f + 1.0;
    if (r == 0.0) r = copysign(0.0, x);
    *out = r / s;
    return 1;
}

/* round(x, nd) as a new float object (nd: the int object ``nd_obj``) */
static PyObject *py_round(Analyser *A, double x, PyObject *nd_obj, int nd) {
    double r;
    if (A->builtin_round && exact_round(x, nd, &r)) return PyFloat_FromDouble(r);
    PyObject *f = PyFloat_FromDouble(x);
    if (f == NULL) return NULL;
    PyObject *args[2] = {f, nd_obj};
    PyObject *res = PyObject_Vectorcall(A->round, args, 2, NULL);
    Py_DECREF(f);
    return res;
}

/* exact_round_(x, nd) -> float or None: exact_round itself (tests compare it with round). */
static PyObject *exact_round_(PyObject *module, PyObject *args) {
    (void)module;
    double x, r;
    int nd;
    if (!PyArg_ParseTuple(args, "di", &x, &nd)) return NULL;
    if (nd < 0 || nd > 8) {
        PyErr_SetString(PyExc_ValueError, "nd must be within 0..8");
        return NULL;
    }
    if (!exact_round(x, nd, &r)) Py_RETURN_NONE;
    return PyFloat_FromDouble(r);
}

/* first_stage answered without its Python frame: LanguageID.first_stage's kernel branch for
 * text that is not all-caps, on the step's own ``_kernel`` and ``_kernel_labels`` read once per
 * document. Used only when first_stage is a bound method of the very function registered by
 * direct_first (a subclass or an instance attribute that replaces it keeps the call). */
typedef struct {
    PyObject *predict, *labels; /* owned, or NULL: call first_stage */
} Direct;

static void direct_resolve(Analyser *A, PyObject *first_stage, Direct *d) {
    d->predict = d->labels = NULL;
    if (A->ff == NULL || !PyMethod_Check(first_stage) ||
        PyMethod_GET_FUNCTION(first_stage) != A->ff)
        return;
    PyObject *self = PyMethod_GET_SELF(first_stage);
    PyObject *predict = PyObject_GetAttr(self, A->k_kernel);
    PyObject *labels = predict == NULL ? NULL : PyObject_GetAttr(self, A->k_klabels);
    if (labels == NULL || predict == Py_None || !PyDict_CheckExact(labels)) {
        PyErr_Clear(); /* first_stage itself then raises or takes its other branches */
        Py_XDECREF(predict);
        Py_XDECREF(labels);
        return;
    }
    d->predict = predict;
    d->labels = labels;
}

static void direct_clear(Direct *d) {
    Py_CLEAR(d->predict);
    Py_CLEAR(d->labels);
}

/* str.isupper (unicode_isupper_impl): one character: it is upper case; otherwise no lower or
 * title case character and at least one upper case one. */
static int str_isupper(PyObject *s) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (n == 1) return Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, 0)) != 0;
    int cased = 0;
    if (kind == PyUnicode_1BYTE_KIND && PyUnicode_IS_ASCII(s)) {
        const unsigned char *b = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (b[i] >= 'a' && b[i] <= 'z') return 0;
            cased |= b[i] >= 'A' && b[i] <= 'Z';
        }
        return cased;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISLOWER(ch) || Py_UNICODE_ISTITLE(ch)) return 0;
        if (!cased && Py_UNICODE_ISUPPER(ch)) cased = 1;
    }
    return cased;
}

/* first_stage's kernel branch: 0 answered, 1 not (all-caps text, a lone surrogate, an answer
 * of another shape or label: first_stage runs), -1 error. */
static int direct_first(Analyser *A, const Direct *d, PyObject *text, PyObject **lang,
                        double *score) {
    if (str_isupper(text)) return 1;
    PyObject *got = PyObject_CallOneArg(d->predict, text);
    if (got == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return -1;
        PyErr_Clear();
        return 1;
    }
    if (got == Py_None) {
        Py_DECREF(got);
        *lang = Py_NewRef(A->s_und);
        *score = 0.0;
        return 0;
    }
    PyObject *l = NULL;
    if (PyTuple_CheckExact(got) && PyTuple_GET_SIZE(got) == 2 &&
        PyFloat_CheckExact(PyTuple_GET_ITEM(got, 0)))
        l = PyDict_GetItemWithError(d->labels, PyTuple_GET_ITEM(got, 1)); /* borrowed */
    if (l == NULL || !PyUnicode_CheckExact(l) || PyUnicode_READY(l) < 0) {
        Py_DECREF(got);
        if (PyErr_Occurred()) return -1;
        return 1;
    }
    double p = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(got, 0));
    *score = 1.0 < p ? 1.0 : p; /* min(p, 1.0): p unless 1.0 compares less (NaN stays) */
    *lang = Py_NewRef(l);
    Py_DECREF(got);
    return 0;
}

/* first_stage(text) -> (lang, score) checked: an exact str and an exact float; -2 (no
 * exception) for anything else: the caller gives up and the Python path runs. */
static int call_first(Analyser *A, const Direct *d, PyObject *first_stage, PyObject *text,
                      PyObject **lang, double *score) {
    if (d->predict != NULL) {
        int rc = direct_first(A, d, text, lang, score);
        if (rc <= 0) return rc;
    }
    PyObject *got = PyObject_CallOneArg(first_stage, text);
    if (got == NULL) return -1;
    if (!PyTuple_CheckExact(got) || PyTuple_GET_SIZE(got) != 2 ||
        !PyUnicode_CheckExact(PyTuple_GET_ITEM(got, 0)) ||
        !PyFloat_CheckExact(PyTuple_GET_ITEM(got, 1)) ||
        PyUnicode_READY(PyTuple_GET_ITEM(got, 0)) < 0) {
        Py_DECREF(got);
        if (PyErr_Occurred()) return -1;
        return -2;
    }
    *lang = Py_NewRef(PyTuple_GET_ITEM(got, 0));
    *score = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(got, 1));
    Py_DECREF(got);
    return 0;
}

/* Scan one stripped paragraph text[a:b] (lowercased into ``low``, 2 * len(text) bytes) into
 * its row. */
static void scan_para(Analyser *A, PyObject *text, unsigned char *low, ARow *r) {
    Finisher *F = A->fin;
    LineSums L;
    Spell sp;
    int ortho = F->ow != 0.0 || F->ow != F->ow, kind = PyUnicode_KIND(text);
    if (kind == PyUnicode_1BYTE_KIND) {
        scan_spell_latin1(F->scanner, PyUnicode_1BYTE_DATA(text) + r->a, r->b - r->a, ortho, &L,
                          &sp, low);
    } else {
        Py_ssize_t m = lower_span(kind, PyUnicode_DATA(text), r->a, r->b, low);
        scan_spell_bytes(F->scanner, low, m, ortho, &L, &sp);
    }
    finish_row(F, &L, &sp, &r->f);
    r->lang = Py_NewRef(F->decider->labels[r->f.lang]);
    r->score = r->f.score;
}

/* _FAMILY.get(lang, lang) */
static PyObject *family_of(Analyser *A, PyObject *lang) {
    PyObject **lb = A->fin->decider->labels;
    return (str_eq(lang, lb[L_ID]) || str_eq(lang, lb[L_MS])) ? A->mly : lang;
}

/* _refine(model_lang, model_score, lexical, word_weight) without calibration, into row r. */
static void refine_row(Analyser *A, ARow *r, PyObject *mlang, double mscore) {
    PyObject **lb = A->fin->decider->labels;
    /* word_weight is cols.idms[r]: int 0 without any weight (0 != 0.0 is False) */
    int ww = r->f.has_idms && r->f.idms != 0.0;
    int idms_label = str_eq(mlang, lb[L_ID]) || str_eq(mlang, lb[L_MS]);
    int malayic = idms_label || (mscore < A->unsure && ww && !str_eq(mlang, lb[L_JV]) &&
                                 !str_eq(mlang, lb[L_SU]));
    double lo = r->f.logodds;
    Py_DECREF(r->lang);
    if (malayic && ww) {
        double p_ms = sigmoid(lo);
        r->lang = Py_NewRef(lo > 0 ? lb[L_MS] : lb[L_ID]);
        double score = idms_label ? mscore : py_max(mscore, A->unsure);
        r->score = score * py_max(p_ms, 1.0 - p_ms);
    } else {
        r->lang = Py_NewRef(mlang);
        r->score = mscore;
    }
}

/* Summed evidence of the rows of family ``fam`` (live rows, in order, from 0.0): cols.total. */
static void family_sums(ARow *rows, int np, PyObject *fam, double *acc, Py_ssize_t *ntok) {
    for (int c = 0; c < 6; c++) acc[c] = 0.0;
    Py_ssize_t t = 0;
    for (int i = 0; i < np; i++) {
        if (!str_eq(rows[i].fam, fam)) continue;
        t += rows[i].f.ntok;
        if (!rows[i].f.live) continue;
        acc[0] += rows[i].f.idms;
        acc[1] += rows[i].f.mly;
        acc[2] += rows[i].f.jv;
        acc[3] += rows[i].f.su;
        acc[4] += rows[i].f.en;
        acc[5] += rows[i].f.rg;
    }
    *ntok = t;
}

static int is_lang(Analyser *A, PyObject *lang) { /* lang in LANGS */
    PyObject **lb = A->fin->decider->labels;
    for (int k = L_ID; k <= L_EN; k++)
        if (str_eq(lang, lb[k])) return 1;
    return 0;
}

/* The rows of the document (None: >= MAX_ROWS lines or none). */
static int split_rows(PyObject *text, ARow *rows, int *np_out) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), start = 0;
    int np = 0;
    for (;;) {
        Py_ssize_t end;
        if (kind == PyUnicode_1BYTE_KIND) {
            const unsigned char *d = data;
            const unsigned char *nl = memchr(d + start, '\n', (size_t)(n - start));
            end = nl ? (Py_ssize_t)(nl - d) : n;
        } else {
            end = start;
            while (end < n && PyUnicode_READ(kind, data, end) != '\n') end++;
        }
        Py_ssize_t a = start, b = end;
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) b--;
        if (b > a) {
            if (np == MAX_ROWS) return 0;
            rows[np].seg_start = start;
            rows[np].seg_end = end;
            rows[np].a = a;
            rows[np].b = b;
            rows[np].lang = NULL;
            np++;
        }
        if (end >= n) break;
        start = end + 1;
    }
    *np_out = np;
    return np > 0;
}

static PyObject *Analyser_analyse(Analyser *A, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyUnicode_CheckExact(args[0]) || !PyAnySet_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "analyse(text: str, keep: set, first_stage, step_back)");
        return NULL;
    }
    PyObject *text = args[0], *keep = args[1], *first_stage = args[2], *step_back = args[3];
    if (PyUnicode_READY(text) < 0) return NULL;
    Decider *D = A->fin->decider;
    PyObject **lb = D->labels;
    ARow rows[MAX_ROWS];
    int np = 0;
    if (!split_rows(text, rows, &np)) Py_RETURN_NONE;
    PyObject *result = NULL, *sample = NULL, *ft_lang = NULL, *first = NULL, *runs = NULL,
             *foreign = NULL, *scores = NULL, *lex_lang = NULL, *final_lang = NULL;
    Direct direct = {NULL, NULL};
    int done = 0; /* rows [0, done) own their lang */
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > PY_SSIZE_T_MAX / 2 - 1) return PyErr_NoMemory();
    unsigned char *low = PyMem_Malloc((size_t)n * 2 + 1);
    if (low == NULL) return PyErr_NoMemory();
    for (; done < np; done++) scan_para(A, text, low, &rows[done]);
    PyMem_Free(low);
    low = NULL;
    direct_resolve(A, first_stage, &direct);
    /* the model on lines without function words (_scan's asks) */
    if (A->max_calls > 0) {
        Py_ssize_t left = A->max_calls;
        for (int i = 0; i < np; i++) {
            if (rows[i].f.lang != L_UND || !(A->min_words <= rows[i].f.ntok)) continue;
            PyObject *para = PyUnicode_Substring(text, rows[i].a, rows[i].b), *mlang;
            if (para == NULL) goto out;
            double mscore;
            int rc = call_first(A, &direct, first_stage, para, &mlang, &mscore);
            Py_DECREF(para);
            if (rc == -2) { result = Py_NewRef(Py_None); goto out; }
            if (rc < 0) goto out;
            refine_row(A, &rows[i], mlang, mscore);
            Py_DECREF(mlang);
            if (--left == 0) break;
        }
    }
    /* families in order of first appearance, with their paragraph characters */
    PyObject *fams[MAX_ROWS];
    Py_ssize_t fchars[MAX_ROWS], ntokens = 0, para_chars = 0, fam_total = 0;
    int nf = 0, has_und = 0;
    for (int i = 0; i < np; i++) {
        ARow *r = &rows[i];
        r->fam = family_of(A, r->lang);
        ntokens += r->f.ntok;
        para_chars += r->b - r->a;
        if (str_eq(r->fam, lb[L_UND])) { has_und = 1; continue; }
        int j = 0;
        while (j < nf && !str_eq(fams[j], r->fam)) j++;
        if (j == nf) { fams[nf] = r->fam; fchars[nf] = 0; nf++; }
        fchars[j] += r->b - r->a;
        fam_total += r->b - r->a;
    }
    if (nf == 0) { result = Py_NewRef(Py_None); goto out; }
    /* _dominant */
    int top = 0;
    for (int j = 1; j < nf; j++)
        if (fchars[j] > fchars[top]) top = j;
    PyObject *tf = fams[top];
    double share = (double)fchars[top] / (double)fam_total, lex_score, lex_hits = 0.0;
    if (str_eq(tf, A->mly) || str_eq(tf, lb[L_JV]) || str_eq(tf, lb[L_SU]) ||
        str_eq(tf, lb[L_EN])) {
        double ev[6] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0}, s[6];
        Py_ssize_t tok = 0, t;
        family_sums(rows, np, tf, s, &t);
        for (int c = 0; c < 6; c++) ev[c] += s[c];
        tok += t;
        if (str_eq(tf, A->mly) && has_und) {
            family_sums(rows, np, lb[L_UND], s, &t);
            for (int c = 0; c < 6; c++) ev[c] += s[c];
            tok += t;
        }
        double sc, hits;
        int lang = decide(D, ev[0], ev[1], ev[2], ev[3], ev[4], ev[5], tok, &sc, &hits);
        if (lang == L_UND) { result = Py_NewRef(Py_None); goto out; } /* calibrated path */
        lex_lang = Py_NewRef(lb[lang]);
        lex_score = sc * share;
        lex_hits = hits;
    } else { /* a language outside the lexicon, labelled by the model on its paragraphs */
        double sum = 0.0;
        Py_ssize_t cnt = 0;
        for (int i = 0; i < np; i++)
            if (str_eq(rows[i].lang, tf)) { sum += rows[i].score; cnt++; }
        lex_lang = Py_NewRef(tf);
        lex_score = share * sum / (double)cnt;
    }
    /* _document_verdict: the model on the sample */
    double density = ntokens ? lex_hits / (double)ntokens : 0.0, ft_score = 0.0;
    ft_lang = Py_NewRef(lb[L_UND]);
    if (A->always || density < A->foreign_density) {
        Py_ssize_t m = A->sample_chars < n ? A->sample_chars : n;
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        int blank = 1;
        for (Py_ssize_t i = 0; i < m && blank; i++)
            blank = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i));
        if (!blank) {
            sample = PyUnicode_Substring(text, 0, m);
            if (sample == NULL) goto out;
            Py_CLEAR(ft_lang);
            int rc = call_first(A, &direct, first_stage, sample, &ft_lang, &ft_score);
            if (rc == -2) { result = Py_NewRef(Py_None); goto out; }
            if (rc < 0) goto out;
        }
        PyObject *fsc = py_round(A, ft_score, A->four, 4);
        if (fsc == NULL) goto out;
        first = PyDict_New();
        if (first == NULL || PyDict_SetItem(first, A->k_lang, ft_lang) < 0 ||
            PyDict_SetItem(first, A->k_score, fsc) < 0) {
            Py_DECREF(fsc);
            goto out;
        }
        Py_DECREF(fsc);
    }
    double final_score;
    if (is_lang(A, lex_lang) && !is_lang(A, ft_lang) && ft_score >= A->foreign_score &&
        density < A->foreign_density) {
        final_lang = Py_NewRef(ft_lang);
        final_score = ft_score;
    } else {
        final_lang = Py_NewRef(lex_lang);
        final_score = lex_score;
    }
    /* the jv/su step-back (saring.langid.stepback), called back: step_back(lang, score, text) */
    if (str_eq(final_lang, lb[L_JV]) || str_eq(final_lang, lb[L_SU])) {
        PyObject *sc = PyFloat_FromDouble(final_score);
        if (sc == NULL) goto out;
        PyObject *cargs[3] = {final_lang, sc, text};
        PyObject *got = PyObject_Vectorcall(step_back, cargs, 3, NULL);
        Py_DECREF(sc);
        if (got == NULL) goto out;
        int ok = PyFloat_CheckExact(got);
        if (ok) final_score = PyFloat_AS_DOUBLE(got);
        Py_DECREF(got);
        if (!ok) { result = Py_NewRef(Py_None); goto out; }
    }
    /* the sibling rule */
    int fid = str_eq(final_lang, lb[L_ID]);
    if (fid || str_eq(final_lang, lb[L_MS])) {
        PyObject *sibling = fid ? lb[L_MS] : lb[L_ID];
        for (int i = 0; i < np; i++) {
            if (str_eq(rows[i].lang, sibling) && fabs(rows[i].f.logodds) < A->margin)
                Py_SETREF(rows[i].lang, Py_NewRef(final_lang));
        }
    }
    /* foreign lines */
    foreign = PyList_New(0);
    if (foreign == NULL) goto out;
    Py_ssize_t foreign_chars = 0;
    for (int i = 0; i < np; i++) {
        ARow *r = &rows[i];
        if (!(A->min_par <= r->score) || str_eq(r->lang, lb[L_UND])) continue;
        int kept = PySet_Contains(keep, r->lang);
        if (kept < 0) goto out;
        if (kept) continue;
        foreign_chars += r->b - r->a;
        PyObject *t = Py_BuildValue("(nnd)", r->seg_start, r->seg_end, r->score);
        if (t == NULL) goto out;
        int rc = PyList_Append(foreign, t);
        Py_DECREF(t);
        if (rc < 0) goto out;
    }
    /* runs [start, end, lang, round(min score, 3)] */
    runs = PyList_New(0);
    if (runs == NULL) goto out;
    for (int i = 0; i < np;) {
        int j = i + 1;
        double lo = rows[i].score;
        while (j < np && str_eq(rows[j].lang, rows[i].lang)) {
            if (rows[j].score < lo) lo = rows[j].score;
            j++;
        }
        PyObject *mn = py_round(A, lo, A->three, 3);
        if (mn == NULL) goto out;
        PyObject *run = Py_BuildValue("[nnON]", rows[i].a, rows[j - 1].b, rows[i].lang, mn);
        if (run == NULL) goto out;
        int rc = PyList_Append(runs, run);
        Py_DECREF(run);
        if (rc < 0) goto out;
        i = j;
    }
    PyObject *sc = py_round(A, final_score, A->four, 4), *ratio;
    if (sc == NULL) goto out;
    ratio = py_round(A, (double)foreign_chars / (double)para_chars, A->four, 4);
    if (ratio == NULL) { Py_DECREF(sc); goto out; }
    scores = PyDict_New();
    int bad = scores == NULL || PyDict_SetItem(scores, A->k_lang, final_lang) < 0 ||
              PyDict_SetItem(scores, A->k_score, sc) < 0 ||
              PyDict_SetItem(scores, A->k_first, first ? first : Py_None) < 0 ||
              PyDict_SetItem(scores, A->k_paras, runs) < 0 ||
              PyDict_SetItem(scores, A->k_ratio, ratio) < 0;
    Py_DECREF(sc);
    Py_DECREF(ratio);
    if (bad) goto out;
    result = PyTuple_Pack(2, scores, foreign);
out:
    PyMem_Free(low);
    for (int i = 0; i < done; i++) Py_XDECREF(rows[i].lang);
    Py_XDECREF(sample);
    Py_XDECREF(ft_lang);
    Py_XDECREF(first);
    Py_XDECREF(runs);
    Py_XDECREF(foreign);
    Py_XDECREF(scores);
    Py_XDECREF(lex_lang);
    Py_XDECREF(final_lang);
    direct_clear(&direct);
    return result;
}

static PyObject *Analyser_direct_first(Analyser *A, PyObject *func) {
    if (!PyFunction_Check(func)) {
        PyErr_SetString(PyExc_TypeError, "direct_first(function)");
        return NULL;
    }
    Py_XSETREF(A->ff, Py_NewRef(func));
    Py_RETURN_NONE;
}

static PyMethodDef Analyser_methods[] = {
    {"direct_first", (PyCFunction)Analyser_direct_first, METH_O,
     "direct_first(LanguageID.first_stage): analyse answers that method's kernel branch "
     "itself (same answer, no Python frame) when first_stage is a bound method of it."},
    {"analyse", (PyCFunction)(void (*)(void))Analyser_analyse, METH_FASTCALL,
     "analyse(text, keep, first_stage, step_back) -> (scores, foreign) or None (see the "
     "source)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject AnalyserType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "saring.langid._c_lexscan.Analyser",
    .tp_basicsize = sizeof(Analyser),
    .tp_dealloc = (destructor)Analyser_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Analyser(finisher, round, min_words, max_calls, sample_chars, always, "
              "sibling_margin, min_paragraph_score, foreign_density, foreign_model_score, "
              "unsure_model): LanguageID._analyse_now of a document in one call.",
    .tp_methods = Analyser_methods,
    .tp_new = Analyser_new,
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

/* lowered_bytes(text) -> bytes: lower_span of the whole text (tests compare it with str.lower). */
static PyObject *lowered_bytes(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text) || PyUnicode_READY(text) < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "lowered_bytes() takes a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > PY_SSIZE_T_MAX / 2 - 1) return PyErr_NoMemory();
    unsigned char *buf = PyMem_Malloc((size_t)n * 2 + 1);
    if (buf == NULL) return PyErr_NoMemory();
    Py_ssize_t m = lower_span(PyUnicode_KIND(text), PyUnicode_DATA(text), 0, n, buf);
    PyObject *out = PyBytes_FromStringAndSize((const char *)buf, m);
    PyMem_Free(buf);
    return out;
}

static PyMethodDef module_methods[] = {
    {"exact_round_", exact_round_, METH_VARARGS,
     "exact_round_(x, nd) -> round(x, nd) where the kernel can certify it, else None."},
    {"lowered_bytes", lowered_bytes, METH_O,
     "lowered_bytes(text) -> bytes: str.lower(text), code points above 255 as 0x01."},
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
    init_low1();
    if (PyType_Ready(&ScannerType) < 0 || PyType_Ready(&DeciderType) < 0 ||
        PyType_Ready(&FinisherType) < 0 || PyType_Ready(&AnalyserType) < 0)
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
    Py_INCREF(&AnalyserType);
    if (PyModule_AddObject(m, "Analyser", (PyObject *)&AnalyserType) < 0) {
        Py_DECREF(&AnalyserType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
