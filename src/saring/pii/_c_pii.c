/* The PII detector's whole-text gates in one pass (reference and fallback:
 * saring/pii/detect.py, ``gates_py``).
 *
 * gates(text) -> int, the bits
 *     1  "@" in text                                   (plain e-mail addresses)
 *     2  "[email" in text                              (Cloudflare's placeholder)
 *     4  _GATE_OBFUSCATED_AT.search(text): [\[(] ?(?:at|AT|At) ?[\])]   ("nama [at] domain")
 *     8  "::" in text or _GATE_IPV6.search(text): :[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:
 * Each was a scan of its own over every document (a needle scan, a substring test, a regex
 * search); most texts set none of them. Both patterns match deterministically: an optional
 * space followed by a letter, or a bounded hex run that must end at a ":", never leave a second
 * way to match, so testing each "[", "(" and ":" once is the regex's answer. One- and two-byte
 * text is read a 64-bit word at a time (a word without a hot character is skipped). Linear; reads only
 * inside the text; no allocation.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define IS_HEX(c) (((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))

/* At an opener d[i] ("[" or "("): does [\[(] ?(?:at|AT|At) ?[\])] match here? */
#define OBFUSCATED_AT(d, i, n)                                                                 \
    do {                                                                                       \
        Py_ssize_t j = (i) + 1;                                                                \
        if (j < (n) && d[j] == ' ')                                                            \
            j++;                                                                               \
        if (j + 1 < (n) && ((d[j] == 'a' && d[j + 1] == 't') || (d[j] == 'A' && (d[j + 1] == 'T' \
                                                                            || d[j + 1] == 't')))) { \
            j += 2;                                                                            \
            if (j < (n) && d[j] == ' ')                                                        \
                j++;                                                                           \
            if (j < (n) && (d[j] == ']' || d[j] == ')'))                                       \
                bits |= 4;                                                                     \
        }                                                                                      \
    } while (0)

/* The length of the hex run at d[j] if it has 1 to 4 characters and a ":" right after it,
 * else 0 (a longer run has no ":" after its first four characters). */
#define HEX_COLON(d, j, n, out)                                                                \
    do {                                                                                       \
        Py_ssize_t k_ = (j);                                                                   \
        while (k_ < (n) && k_ - (j) < 5 && IS_HEX(d[k_]))                                      \
            k_++;                                                                              \
        (out) = (k_ > (j) && k_ - (j) <= 4 && k_ < (n) && d[k_] == ':') ? k_ - (j) : 0;       \
    } while (0)

/* The characters a gate starts at: "(", ":", "@", "[" (all at or below "["). */
static const unsigned char HOT['[' + 1] = {['('] = 1, [':'] = 1, ['@'] = 1, ['['] = 1};

/* The gates' work at d[i] (a character that starts no gate costs two tests). */
#define GATES_CHAR(d, i, n)                                                                    \
    do {                                                                                       \
        Py_UCS4 c = d[i];                                                                      \
        if (c <= '[' && HOT[c]) {                                                              \
            if (c == '@') {                                                                    \
                bits |= 1;                                                                     \
            } else if (c == ':') {                                                             \
                if (!(bits & 8)) {                                                             \
                    if (i + 1 < n && d[i + 1] == ':') {                                        \
                        bits |= 8;                                                             \
                    } else {                                                                   \
                        Py_ssize_t a_, b_;                                                     \
                        HEX_COLON(d, i + 1, n, a_);                                            \
                        if (a_) {                                                              \
                            HEX_COLON(d, i + 2 + a_, n, b_);                                   \
                            if (b_)                                                            \
                                bits |= 8;                                                     \
                        }                                                                      \
                    }                                                                          \
                }                                                                              \
            } else {                                                                           \
                if (c == '[' && !(bits & 2) && i + 5 < n && d[i + 1] == 'e' && d[i + 2] == 'm' \
                    && d[i + 3] == 'a' && d[i + 4] == 'i' && d[i + 5] == 'l')                  \
                    bits |= 2;                                                                 \
                if (!(bits & 4))                                                               \
                    OBFUSCATED_AT(d, i, n);                                                    \
            }                                                                                  \
        }                                                                                      \
    } while (0)

#define GATES_LOOP(CTYPE)                                                                      \
    do {                                                                                       \
        const CTYPE *d = (const CTYPE *)data;                                                  \
        for (Py_ssize_t i = 0; i < n && bits != 15; i++)                                       \
            GATES_CHAR(d, i, n);                                                               \
    } while (0)

/* One- and two-byte text, a 64-bit word (8 or 4 characters) at a time: a word holding none of
 * the four hot characters (most words of prose) is skipped with a few word operations; the
 * others go character by character. HAS_ZERO is exact as a yes/no (the borrow can only mark
 * lanes above a zero lane). */
#define HAS_ZERO(x, ones, highs) (((x) - (ones)) & ~(x) & (highs))
#define HOT_WORD(v, ones, highs)                                                               \
    (HAS_ZERO((v) ^ ((ones) * '('), ones, highs) | HAS_ZERO((v) ^ ((ones) * ':'), ones, highs)  \
     | HAS_ZERO((v) ^ ((ones) * '@'), ones, highs) | HAS_ZERO((v) ^ ((ones) * '['), ones, highs))

#define GATES_WORDS(CTYPE, ONES, HIGHS)                                                        \
    do {                                                                                       \
        const CTYPE *d = (const CTYPE *)data;                                                  \
        const Py_ssize_t per = 8 / sizeof(CTYPE);                                              \
        Py_ssize_t i = 0;                                                                      \
        while (i < n && bits != 15) {                                                          \
            if (i + per <= n) {                                                                \
                uint64_t v;                                                                    \
                memcpy(&v, d + i, 8);                                                          \
                if (!HOT_WORD(v, ONES, HIGHS)) {                                               \
                    i += per;                                                                  \
                    continue;                                                                  \
                }                                                                              \
                for (Py_ssize_t e = i + per; i < e && bits != 15; i++)                         \
                    GATES_CHAR(d, i, n);                                                       \
            } else {                                                                           \
                GATES_CHAR(d, i, n);                                                           \
                i++;                                                                           \
            }                                                                                  \
        }                                                                                      \
    } while (0)

static PyObject *
gates(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "gates: a str is required");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    long bits = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        GATES_WORDS(Py_UCS1, 0x0101010101010101ULL, 0x8080808080808080ULL);
        break;
    case PyUnicode_2BYTE_KIND:
        GATES_WORDS(Py_UCS2, 0x0001000100010001ULL, 0x8000800080008000ULL);
        break;
    default:
        GATES_LOOP(Py_UCS4);
        break;
    }
    return PyLong_FromLong(bits);
}

static PyMethodDef methods[] = {
    {"gates", gates, METH_O,
     "gates(text) -> bits: 1 '@', 2 '[email', 4 an obfuscated at ('[at]'), 8 the IPv6 gate."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_pii", "The PII detector's whole-text gates in one pass.", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_pii(void)
{
    return PyModule_Create(&module);
}
