/* Token hashes of normalised text in one pass (reference and fallback: saring/dedup/minhash.py
 * ``token_hashes``: ``[xxh3_64(tok.encode("utf-8")) for tok in text.split()]``).
 *
 * set_xxh3(address) -> None
 *     The address of ``XXH3_64bits(const void *, size_t) -> uint64`` inside the installed
 *     ``xxhash`` package's own extension (found by minhash.py with ctypes and checked against
 *     ``xxhash.xxh3_64_intdigest`` before it is handed over); 0 unsets it. Nothing is vendored:
 *     the kernel calls the very function the Python reference calls.
 * token_hashes(text) -> bytes | None
 *     uint64[number of tokens] (native order): the hash of every maximal run of characters that
 *     are not whitespace in the sense of ``str.split()`` (Py_UNICODE_ISSPACE), hashed as UTF-8.
 *     None when no hash function is set or the text has no UTF-8 form (lone surrogates): the
 *     caller then runs the reference, which raises the same error the reference always raised.
 *
 * Sizes are Py_ssize_t, every Python API result is checked, no buffer is indexed by input
 * values (only by positions inside the string and its UTF-8 form).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t (*xxh3_fn)(const void *, size_t);

static xxh3_fn XXH3 = NULL;

static PyObject *
set_xxh3(PyObject *self, PyObject *arg)
{
    void *p = PyLong_AsVoidPtr(arg);
    if (p == NULL && PyErr_Occurred())
        return NULL;
    XXH3 = (xxh3_fn)p;
    Py_RETURN_NONE;
}

/* bytes of the UTF-8 form of code point ch (the string holds no lone surrogate: its UTF-8
 * form was made before this is used) */
static inline Py_ssize_t
utf8_len(Py_UCS4 ch)
{
    return ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch < 0x10000 ? 3 : 4;
}

static inline void
put(char *out, Py_ssize_t k, const char *tok, Py_ssize_t len)
{
    uint64_t h = XXH3(tok, (size_t)len);
    memcpy(out + k * 8, &h, sizeof h);
}

/* ``scan`` of pure-ASCII text, whose characters are its UTF-8 bytes: ASCII whitespace for
 * str.split() is \t \n \v \f \r \x1c-\x1f and space (CPython's _Py_ascii_whitespace). */
static Py_ssize_t
scan_ascii(const char *s, Py_ssize_t n, char *out)
{
    Py_ssize_t count = 0, i = 0;
    for (;;) {
        while (i < n && Py_UNICODE_ISSPACE((unsigned char)s[i]))
            i++;
        if (i >= n)
            break;
        Py_ssize_t start = i;
        while (i < n && !Py_UNICODE_ISSPACE((unsigned char)s[i]))
            i++;
        if (out != NULL)
            put(out, count, s + start, i - start);
        count++;
    }
    return count;
}

/* Hashes every token of ``text`` (``utf8`` is its UTF-8 form) into ``out`` (8 bytes each,
 * native order) and returns the token count; with out == NULL only counts. */
static Py_ssize_t
scan(PyObject *text, const char *utf8, char *out)
{
    if (PyUnicode_IS_ASCII(text))
        return scan_ascii(utf8, PyUnicode_GET_LENGTH(text), out);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t byte = 0, tok_start = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(ch)) {
            if (tok_start >= 0) {
                if (out != NULL)
                    put(out, count, utf8 + tok_start, byte - tok_start);
                count++;
                tok_start = -1;
            }
        }
        else if (tok_start < 0) {
            tok_start = byte;
        }
        byte += utf8_len(ch);
    }
    if (tok_start >= 0) {
        if (out != NULL)
            put(out, count, utf8 + tok_start, byte - tok_start);
        count++;
    }
    return count;
}

static PyObject *
token_hashes(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "token_hashes() needs a str");
        return NULL;
    }
    if (XXH3 == NULL)
        Py_RETURN_NONE;
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return NULL;
        PyErr_Clear(); /* lone surrogates: the reference raises its own error */
        Py_RETURN_NONE;
    }
    Py_ssize_t count = scan(text, utf8, NULL);
    if (count > PY_SSIZE_T_MAX / 8) {
        PyErr_NoMemory();
        return NULL;
    }
    PyObject *res = PyBytes_FromStringAndSize(NULL, count * 8);
    if (res == NULL)
        return NULL;
    if (count > 0) {
        scan(text, utf8, PyBytes_AS_STRING(res));
    }
    return res;
}

/* Code point index just past the line starting at ``i`` ('\n' or the end). */
static Py_ssize_t
line_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    while (i < n && PyUnicode_READ(kind, data, i) != '\n')
        i++;
    return i;
}

/* Appends (start, end, hash) of one counted line to ``out``; 0 on success, -1 on error. */
static int
append_line(PyObject *out, Py_ssize_t start, Py_ssize_t end, uint64_t h)
{
    PyObject *t = Py_BuildValue("(nnK)", start, end, (unsigned long long)(h ? h : 1));
    if (t == NULL)
        return -1;
    int rc = PyList_Append(out, t);
    Py_DECREF(t);
    return rc;
}

static PyObject *
paragraph_hashes(PyObject *self, PyObject *args)
{
    PyObject *text, *norm;
    Py_ssize_t min_chars;
    if (!PyArg_ParseTuple(args, "UUn", &text, &norm, &min_chars))
        return NULL;
    if (XXH3 == NULL)
        Py_RETURN_NONE;
    Py_ssize_t usize;
    const char *utf8 = PyUnicode_AsUTF8AndSize(norm, &usize);
    if (utf8 == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return NULL;
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    char *key = PyMem_Malloc((size_t)usize + 1); /* a line's joined words never exceed it */
    if (key == NULL)
        return PyErr_NoMemory();
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        PyMem_Free(key);
        return NULL;
    }
    int tk = PyUnicode_KIND(text), nk = PyUnicode_KIND(norm);
    const void *td = PyUnicode_DATA(text), *nd = PyUnicode_DATA(norm);
    Py_ssize_t tn = PyUnicode_GET_LENGTH(text), nn = PyUnicode_GET_LENGTH(norm);
    Py_ssize_t ls = 0, ni = 0, nb = 0; /* line start in text; norm position (code points, bytes) */
    while (ls <= tn) {
        Py_ssize_t le = line_end(tk, td, tn, ls);
        Py_ssize_t a = ls, b = le;
        while (a < le && Py_UNICODE_ISSPACE(PyUnicode_READ(tk, td, a)))
            a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(tk, td, b - 1)))
            b--;
        int counted = b - a >= min_chars;
        Py_ssize_t klen = 0, tok = -1;
        /* the norm line: its words joined by one space (" ".join(line.split())) */
        for (; ni < nn; ni++) {
            Py_UCS4 ch = PyUnicode_READ(nk, nd, ni);
            if (ch == '\n')
                break;
            Py_ssize_t w = utf8_len(ch);
            if (counted) {
                if (Py_UNICODE_ISSPACE(ch))
                    tok = -1;
                else {
                    if (tok < 0 && klen > 0)
                        key[klen++] = ' ';
                    tok = 0;
                    memcpy(key + klen, utf8 + nb, (size_t)w);
                    klen += w;
                }
            }
            nb += w;
        }
        if (counted && klen > 0 && append_line(out, a, b, XXH3(key, (size_t)klen)) < 0) {
            Py_DECREF(out);
            PyMem_Free(key);
            return NULL;
        }
        if (ni < nn) { /* past the norm line's newline */
            ni++;
            nb++;
        }
        ls = le + 1;
    }
    PyMem_Free(key);
    return out;
}

static PyMethodDef methods[] = {
    {"paragraph_hashes", paragraph_hashes, METH_VARARGS,
     "paragraph_hashes(text, norm, min_chars) -> [(start, end, hash)] of saring.dedup.paragraphs, or None"},
    {"set_xxh3", set_xxh3, METH_O, "set_xxh3(address) -> None: the XXH3_64bits function to call (0: none)"},
    {"token_hashes", token_hashes, METH_O,
     "token_hashes(text) -> uint64 bytes of xxh3_64 of every str.split() token's UTF-8, or None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_tokens", "Token hashes of normalised text (see minhash.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_tokens(void)
{
    return PyModule_Create(&module);
}
