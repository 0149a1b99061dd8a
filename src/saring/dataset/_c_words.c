/* Word count of the dataset card and language tally (reference and fallback:
 * saring/dataset/tally.py ``count_words``: ``len(text.split())``), without building the list.
 *
 * count_words(text) -> int
 *     The number of maximal runs of characters that are not whitespace in the sense of
 *     ``str.split()`` (Py_UNICODE_ISSPACE, CPython's own test), for any str (lone surrogates
 *     included: they are not whitespace, as for str.split).
 *
 * Sizes are Py_ssize_t; the only input read is the string's own storage by position.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
count_words(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "count_words: expected str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = 0;
    int in_word = 0;
    if (PyUnicode_IS_ASCII(text)) {
        const unsigned char *s = PyUnicode_1BYTE_DATA(text);
        for (Py_ssize_t i = 0; i < n; i++) {
            int space = Py_UNICODE_ISSPACE(s[i]);
            count += !space && !in_word;
            in_word = !space;
        }
        return PyLong_FromSsize_t(count);
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < n; i++) {
        int space = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)) ? 1 : 0;
        count += !space && !in_word;
        in_word = !space;
    }
    return PyLong_FromSsize_t(count);
}

static PyMethodDef methods[] = {
    {"count_words", count_words, METH_O, "count_words(text) -> len(text.split())"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_c_words", "Word counts of output records (see dataset/tally.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__c_words(void)
{
    return PyModule_Create(&module);
}
