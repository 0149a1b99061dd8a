/* Read-only str -> value tables read in place from a buffer (an mmap of a resource-cache file).
 *
 * Why: loading repair's big dicts (lexicon, lower_count, zipf_en, corpus_names) with marshal
 * builds ~100k str/float/tuple objects per process (most of ``saring clean``'s resource load),
 * and every worker of a pool writes to those objects' reference counts, so each worker gets its
 * own copy of their pages. A table over a mapped file builds nothing at load and is shared.
 *
 * Layout (native byte order; written by saring.table.encode):
 *   header  : char magic[4] = "SRT1"; uint32 kind; uint32 n; uint32 nbuckets (power of 2)
 *   buckets : uint32[nbuckets]  entry index + 1, 0 = empty (open addressing, linear probing)
 *   entries : Entry[n]          in the dict's insertion order (iteration order)
 *   keys    : the UTF-8 bytes of every key
 * kind: 0 = float values, 1 = int values (int64), 2 = (int32, int32) pairs.
 * A key that is not a str, or a str UTF-8 cannot encode (lone surrogates), is never a member
 * (as in the dict whose keys are all valid str); an unhashable key raises TypeError as there.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint32_t key_off, key_len, hash, flags;  /* flags bit 0: the key is ASCII */
    union { double d; int64_t i; int32_t pair[2]; } v;
} Entry;

typedef struct {
    PyObject_HEAD
    Py_buffer view;
    int kind;
    uint32_t n, mask;
    const uint32_t *buckets;
    const Entry *entries;
    const char *keys;
    size_t klen;
} Table;

static uint32_t fnv1a(const char *s, Py_ssize_t len)
{
    uint32_t h = 2166136261u;
    for (Py_ssize_t i = 0; i < len; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
    return h;
}

static Py_ssize_t bad_table(void)
{
    PyErr_SetString(PyExc_ValueError, "corrupt saring table buffer");
    return -2;
}

/* index of key's entry, -1 when absent, -2 with an exception set */
static Py_ssize_t table_find(Table *t, PyObject *key)
{
    if (!PyUnicode_Check(key)) {
        if (PyObject_Hash(key) == -1) return -2;  /* unhashable: TypeError, as the dict */
        return -1;
    }
    Py_ssize_t len;
    const char *s = PyUnicode_AsUTF8AndSize(key, &len);
    if (s == NULL) {  /* lone surrogates: no key of the table */
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return -2;
        PyErr_Clear();
        return -1;
    }
    uint32_t h = fnv1a(s, len);
    uint32_t b = h & t->mask;
    for (uint32_t probes = 0; probes <= t->mask; probes++, b = (b + 1) & t->mask) {
        uint32_t e = t->buckets[b];
        if (e == 0) return -1;
        if (e > t->n) return bad_table();
        const Entry *en = &t->entries[e - 1];
        if ((size_t)en->key_off + en->key_len > t->klen) return bad_table();
        if (en->hash == h && en->key_len == (uint32_t)len && memcmp(t->keys + en->key_off, s, len) == 0)
            return e - 1;
    }
    return bad_table();  /* no empty bucket: a corrupt file (the writer keeps half of them empty) */
}

static PyObject *table_value(Table *t, Py_ssize_t i)
{
    const Entry *en = &t->entries[i];
    switch (t->kind) {
    case 0: return PyFloat_FromDouble(en->v.d);
    case 1: return PyLong_FromLongLong(en->v.i);
    default: return Py_BuildValue("(ii)", en->v.pair[0], en->v.pair[1]);
    }
}

static int table_init(Table *self, PyObject *args, PyObject *kw)
{
    PyObject *buf;
    if (!PyArg_ParseTuple(args, "O:Table", &buf)) return -1;
    if (self->view.obj != NULL) { PyErr_SetString(PyExc_TypeError, "Table already set up"); return -1; }
    if (PyObject_GetBuffer(buf, &self->view, PyBUF_SIMPLE) < 0) return -1;
    const char *p = self->view.buf;
    Py_ssize_t size = self->view.len;
    uint32_t hdr[4];
    if (size < 16 || memcmp(p, "SRT1", 4) != 0 || ((uintptr_t)p & 7) != 0) goto bad;
    memcpy(hdr, p, 16);
    uint32_t kind = hdr[1], n = hdr[2], nb = hdr[3];
    if (kind > 2 || nb == 0 || (nb & (nb - 1)) != 0 || n >= nb) goto bad;
    size_t off_e = 16 + (size_t)nb * 4;
    off_e = (off_e + 7) & ~(size_t)7;
    size_t off_k = off_e + (size_t)n * sizeof(Entry);
    if (off_k > (size_t)size) goto bad;
    self->kind = (int)kind; self->n = n; self->mask = nb - 1;
    self->buckets = (const uint32_t *)(p + 16);
    self->entries = (const Entry *)(p + off_e);
    self->keys = p + off_k;
    self->klen = (size_t)size - off_k;  /* (bucket and key bounds are checked where read: an
                                            open touches no page of the table) */
    return 0;
bad:
    PyBuffer_Release(&self->view);
    self->view.obj = NULL;
    PyErr_SetString(PyExc_ValueError, "not a saring table buffer");
    return -1;
}

static void table_dealloc(Table *self)
{
    if (self->view.obj != NULL) PyBuffer_Release(&self->view);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int ready(Table *t)
{
    if (t->view.obj != NULL) return 1;
    PyErr_SetString(PyExc_ValueError, "Table not set up");
    return 0;
}

static Py_ssize_t table_len(Table *t) { return ready(t) ? (Py_ssize_t)t->n : -1; }

static int table_contains(Table *t, PyObject *key)
{
    if (!ready(t)) return -1;
    Py_ssize_t i = table_find(t, key);
    return i == -2 ? -1 : i >= 0;
}

static PyObject *table_getitem(Table *t, PyObject *key)
{
    if (!ready(t)) return NULL;
    Py_ssize_t i = table_find(t, key);
    if (i == -2) return NULL;
    if (i < 0) { PyErr_SetObject(PyExc_KeyError, key); return NULL; }
    return table_value(t, i);
}

static PyObject *table_get(Table *t, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || nargs > 2) { PyErr_SetString(PyExc_TypeError, "get(key, default=None)"); return NULL; }
    if (!ready(t)) return NULL;
    Py_ssize_t i = table_find(t, args[0]);
    if (i == -2) return NULL;
    if (i >= 0) return table_value(t, i);
    PyObject *d = nargs == 2 ? args[1] : Py_None;
    Py_INCREF(d);
    return d;
}

static PyObject *key_at(Table *t, uint32_t i)
{
    const Entry *en = &t->entries[i];
    if ((size_t)en->key_off + en->key_len > t->klen) { bad_table(); return NULL; }
    if (en->flags & 1) {  /* ASCII: copied, not decoded (most keys; iteration builds them all) */
        const unsigned char *src = (const unsigned char *)t->keys + en->key_off;
        unsigned char high = 0;
        for (uint32_t j = 0; j < en->key_len; j++) high |= src[j];
        if (high & 0x80) { bad_table(); return NULL; }  /* a corrupt flag: never an invalid str */
        PyObject *k = PyUnicode_New(en->key_len, 127);
        if (k != NULL) memcpy(PyUnicode_1BYTE_DATA(k), src, en->key_len);
        return k;
    }
    return PyUnicode_DecodeUTF8(t->keys + en->key_off, en->key_len, "strict");
}

/* iteration: the keys, in the dict's order (a list's iterator: the table cannot change) */
static PyObject *table_iter(Table *t)
{
    if (!ready(t)) return NULL;
    PyObject *keys = PyList_New(t->n);
    if (keys == NULL) return NULL;
    for (uint32_t i = 0; i < t->n; i++) {
        PyObject *k = key_at(t, i);
        if (k == NULL) { Py_DECREF(keys); return NULL; }
        PyList_SET_ITEM(keys, i, k);
    }
    PyObject *it = PyObject_GetIter(keys);
    Py_DECREF(keys);
    return it;
}

/* pickled as the dict it stands for: (key, value) pairs in order */
static PyObject *table_reduce(Table *t, PyObject *unused)
{
    if (!ready(t)) return NULL;
    PyObject *items = PyList_New(t->n);
    if (items == NULL) return NULL;
    for (uint32_t i = 0; i < t->n; i++) {
        PyObject *k = key_at(t, i), *v = k ? table_value(t, i) : NULL;
        PyObject *kv = v ? PyTuple_Pack(2, k, v) : NULL;
        Py_XDECREF(k); Py_XDECREF(v);
        if (kv == NULL) { Py_DECREF(items); return NULL; }
        PyList_SET_ITEM(items, i, kv);
    }
    return Py_BuildValue("(O(N))", (PyObject *)&PyDict_Type, items);
}

static PyObject *table_kind(Table *t, void *closure) { return PyLong_FromLong(t->kind); }

static PySequenceMethods table_as_sequence = {
    .sq_length = (lenfunc)table_len,
    .sq_contains = (objobjproc)table_contains,
};

static PyMappingMethods table_as_mapping = {
    .mp_length = (lenfunc)table_len,
    .mp_subscript = (binaryfunc)table_getitem,
};

static PyMethodDef table_methods[] = {
    {"get", (PyCFunction)(void (*)(void))table_get, METH_FASTCALL, "get(key, default=None): as dict.get"},
    {"__reduce__", (PyCFunction)table_reduce, METH_NOARGS, "pickled as the dict it reads"},
    {NULL}
};

static PyGetSetDef table_getset[] = {
    {"kind", (getter)table_kind, NULL, "0 float, 1 int, 2 (int, int)", NULL},
    {NULL}
};

static PyTypeObject TableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "saring._c_table.Table",
    .tp_basicsize = sizeof(Table),
    .tp_dealloc = (destructor)table_dealloc,
    .tp_as_sequence = &table_as_sequence,
    .tp_as_mapping = &table_as_mapping,
    .tp_iter = (getiterfunc)table_iter,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Table(buffer): a read-only str -> value table over a buffer written by saring.table.encode.",
    .tp_methods = table_methods,
    .tp_getset = table_getset,
    .tp_init = (initproc)table_init,
    .tp_new = PyType_GenericNew,
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "saring._c_table", "Read-only str tables over a buffer.", -1, NULL,
};

PyMODINIT_FUNC PyInit__c_table(void)
{
    if (PyType_Ready(&TableType) < 0) return NULL;
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL) return NULL;
    Py_INCREF(&TableType);
    if (PyModule_AddObject(m, "Table", (PyObject *)&TableType) < 0) { Py_DECREF(&TableType); Py_DECREF(m); return NULL; }
    return m;
}
