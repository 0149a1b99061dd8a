/* The report collector's per-document metric pass (``ShardCollector._measures`` in collect.py,
 * which stays the reference and the fallback): histogram bins of ~25 catalogued metrics and the
 * near-threshold candidates of their ~25 rules, one call per final document.
 *
 * measures(anns, label_plans, hist, floors, rejected, dstep, dreason, unit_keys, log_keys)
 *   -> list of (bucket name, distance, value) candidates in the reference's visiting order, the
 *      histograms in ``hist`` counted; or None, having changed nothing, for any document whose
 *      annotations hold something the reference treats in a way this kernel does not copy
 *      (a non-dict annotation, a non-str profile, a value of a subclass of int/float, an int
 *      beyond a double, a ratio so large its bin overflows, a rule step's annotation that is
 *      not a dict): the caller then runs the reference on it.
 *
 * label_plans: [(label, plans without profile, {profile: plans})], plans: [(hist key, metric,
 * unit scale?, [(threshold, min?, step, reason, scale, removed bucket, passed bucket)])]. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

#define UNIT_BINS 200
#define LOG_BINS 8
#define MAX_GROUPS 64

static PyObject *PROFILE, *ZERO_KEY, *WOULD_REJECT;  /* "profile", "z", "would_reject" */

/* 1: a value to count (*out set), 0: nothing to count, -1: hand the document to the reference */
static int
value_of(PyObject *v, double *out)
{
    if (v == NULL || v == Py_None)
        return 0;
    if (PyFloat_CheckExact(v)) {
        double x = PyFloat_AS_DOUBLE(v);
        if (isnan(x) || isinf(x))
            return 0;
        *out = x;
        return 1;
    }
    if (PyLong_CheckExact(v)) {
        double x = PyLong_AsDouble(v);  /* float(v): the same rounding, the same overflow */
        if (x == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            return -1;
        }
        *out = x;
        return 1;
    }
    if (PyBool_Check(v))
        return 0;
    if (PyFloat_Check(v) || PyLong_Check(v))
        return -1;
    return 0;  /* not a number: the reference's ``_num`` gives None */
}

/* the ``(label, profile)`` plan groups a document visits, in the reference's order; -1: bail */
static int
groups_of(PyObject *anns, PyObject *label_plans, PyObject **anns_out, PyObject **groups, int *n)
{
    Py_ssize_t nl = PyList_GET_SIZE(label_plans);
    *n = 0;
    for (Py_ssize_t i = 0; i < nl; i++) {
        PyObject *entry = PyList_GET_ITEM(label_plans, i);
        PyObject *ann = PyDict_GetItemWithError(anns, PyTuple_GET_ITEM(entry, 0));
        if (ann == NULL) {
            if (PyErr_Occurred())
                return -1;
            continue;
        }
        if (ann == Py_None)
            continue;
        if (!PyDict_CheckExact(ann))
            return -1;
        if (PyDict_GET_SIZE(ann) == 0)
            continue;
        if (*n + 2 > MAX_GROUPS)
            return -1;
        anns_out[*n] = ann;
        groups[(*n)++] = PyTuple_GET_ITEM(entry, 1);
        PyObject *profile = PyDict_GetItemWithError(ann, PROFILE);
        if (profile == NULL && PyErr_Occurred())
            return -1;
        if (profile != NULL && profile != Py_None) {
            if (!PyUnicode_CheckExact(profile))
                return -1;
            PyObject *g = PyDict_GetItemWithError(PyTuple_GET_ITEM(entry, 2), profile);
            if (g == NULL && PyErr_Occurred())
                return -1;
            if (g != NULL) {
                anns_out[*n] = ann;
                groups[(*n)++] = g;
            }
        }
    }
    return 0;
}

/* whether every value and rule annotation the pass will read is one it copies exactly */
static int
checked(PyObject *anns, PyObject **ann_of, PyObject **groups, int n)
{
    for (int g = 0; g < n; g++) {
        PyObject *plans = groups[g];
        Py_ssize_t np_ = PyList_GET_SIZE(plans);
        for (Py_ssize_t j = 0; j < np_; j++) {
            PyObject *plan = PyList_GET_ITEM(plans, j);
            PyObject *v = PyDict_GetItemWithError(ann_of[g], PyTuple_GET_ITEM(plan, 1));
            if (v == NULL && PyErr_Occurred())
                return 0;
            double x;
            int got = value_of(v, &x);
            if (got < 0)
                return 0;
            if (got == 0)
                continue;
            if (PyTuple_GET_ITEM(plan, 2) == Py_True && !isfinite(x * UNIT_BINS))
                return 0;  /* int(inf) raises in the reference */
            PyObject *rules = PyTuple_GET_ITEM(plan, 3);
            for (Py_ssize_t r = 0; r < PyList_GET_SIZE(rules); r++) {
                PyObject *step_ann = PyDict_GetItemWithError(anns, PyTuple_GET_ITEM(PyList_GET_ITEM(rules, r), 2));
                if (step_ann == NULL && PyErr_Occurred())
                    return 0;
                if (step_ann != NULL && step_ann != Py_None && !PyDict_CheckExact(step_ann))
                    return 0;
            }
        }
    }
    return 1;
}

static PyObject *
bin_key(double v, int unit, PyObject *unit_keys, PyObject *log_keys)
{
    if (unit) {
        double k = trunc(v * UNIT_BINS);  /* int(v * UNIT_BINS), then clamped */
        Py_ssize_t i = k < 0 ? 0 : k > UNIT_BINS ? UNIT_BINS : (Py_ssize_t)k;
        PyObject *b = PyList_GET_ITEM(unit_keys, i);
        Py_INCREF(b);
        return b;
    }
    if (v <= 0) {
        Py_INCREF(ZERO_KEY);
        return ZERO_KEY;
    }
    PyObject *k = PyLong_FromDouble(floor(log2(v) * LOG_BINS));
    if (k == NULL)
        return NULL;
    PyObject *b = PyDict_GetItemWithError(log_keys, k);
    if (b != NULL) {
        Py_INCREF(b);
    } else if (!PyErr_Occurred() && (b = PyObject_Str(k)) != NULL && PyDict_SetItem(log_keys, k, b) < 0) {
        Py_CLEAR(b);
    }
    Py_DECREF(k);
    return b;
}

static int
count(PyObject *hist, PyObject *hkey, PyObject *b)
{
    PyObject *h = PyDict_GetItemWithError(hist, hkey);
    if (h == NULL) {
        if (PyErr_Occurred() || (h = PyDict_New()) == NULL)
            return -1;
        int bad = PyDict_SetItem(hist, hkey, h);
        Py_DECREF(h);
        if (bad < 0)
            return -1;
    }
    PyObject *old = PyDict_GetItemWithError(h, b);
    if (old == NULL && PyErr_Occurred())
        return -1;
    PyObject *one = PyLong_FromLong(1);
    PyObject *nw = old == NULL ? (Py_XINCREF(one), one) : PyNumber_Add(old, one);
    Py_XDECREF(one);
    if (nw == NULL)
        return -1;
    int bad = PyDict_SetItem(h, b, nw);
    Py_DECREF(nw);
    return bad;
}

/* the reference's rule loop for one value: candidates whose distance is within the floor */
static int
rules_of(PyObject *rules, double v, PyObject *anns, PyObject *floors, int rejected, PyObject *dstep,
         PyObject *dreason, PyObject *out)
{
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(rules); r++) {
        PyObject *rule = PyList_GET_ITEM(rules, r);
        double t = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(rule, 0));
        int is_min = PyTuple_GET_ITEM(rule, 1) == Py_True;
        PyObject *step = PyTuple_GET_ITEM(rule, 2), *at = NULL;
        int eq = 0;
        if (rejected) {
            eq = PyObject_RichCompareBool(dstep, step, Py_EQ);
            if (eq > 0)
                eq = PyObject_RichCompareBool(dreason, PyTuple_GET_ITEM(rule, 3), Py_EQ);
            if (eq < 0)
                return -1;
        }
        if (eq) {
            at = PyTuple_GET_ITEM(rule, 5);
        } else if (is_min ? v < t : v > t) {
            PyObject *sa = PyDict_GetItemWithError(anns, step);  /* a dict or nothing: checked */
            if (sa == NULL && PyErr_Occurred())
                return -1;
            int has = 0;
            if (sa != NULL && sa != Py_None && (has = PyDict_Contains(sa, WOULD_REJECT)) < 0)
                return -1;
            if (!has)
                continue;
            at = PyTuple_GET_ITEM(rule, 5);
        } else {
            at = PyTuple_GET_ITEM(rule, 6);
        }
        double dist = fabs(v - t) / PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(rule, 4));
        PyObject *floor_ = PyDict_GetItemWithError(floors, at);
        if (floor_ == NULL && PyErr_Occurred())
            return -1;
        if (floor_ != NULL && dist > PyFloat_AsDouble(floor_))
            continue;  /* farther than every kept example of that bucket */
        PyObject *c = Py_BuildValue("(Odd)", at, dist, v);
        if (c == NULL || PyList_Append(out, c) < 0) {
            Py_XDECREF(c);
            return -1;
        }
        Py_DECREF(c);
    }
    return 0;
}

static PyObject *
measures(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 9) {
        PyErr_SetString(PyExc_TypeError, "measures() takes 9 arguments");
        return NULL;
    }
    PyObject *anns = args[0], *label_plans = args[1], *hist = args[2], *floors = args[3];
    int rejected = PyObject_IsTrue(args[4]);
    PyObject *dstep = args[5], *dreason = args[6], *unit_keys = args[7], *log_keys = args[8];
    if (rejected < 0)
        return NULL;
    if (!PyDict_CheckExact(anns) || !PyList_Check(label_plans) || !PyDict_Check(hist)
            || !PyDict_Check(floors) || !PyList_Check(unit_keys) || PyList_GET_SIZE(unit_keys) <= UNIT_BINS
            || !PyDict_Check(log_keys))
        Py_RETURN_NONE;
    PyObject *ann_of[MAX_GROUPS], *groups[MAX_GROUPS];
    int n = 0;
    if (groups_of(anns, label_plans, ann_of, groups, &n) < 0 || !checked(anns, ann_of, groups, n)) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (int g = 0; g < n; g++) {
        PyObject *plans = groups[g];
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(plans); j++) {
            PyObject *plan = PyList_GET_ITEM(plans, j);
            double v;
            if (value_of(PyDict_GetItemWithError(ann_of[g], PyTuple_GET_ITEM(plan, 1)), &v) != 1)
                continue;
            PyObject *b = bin_key(v, PyTuple_GET_ITEM(plan, 2) == Py_True, unit_keys, log_keys);
            if (b == NULL)
                goto fail;
            int bad = count(hist, PyTuple_GET_ITEM(plan, 0), b);
            Py_DECREF(b);
            if (bad < 0 || rules_of(PyTuple_GET_ITEM(plan, 3), v, anns, floors, rejected, dstep, dreason,
                                    out) < 0)
                goto fail;
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"measures", (PyCFunction)(void (*)(void))measures, METH_FASTCALL,
     "Histogram bins and near-threshold candidates of one document (see collect.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_c_report", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__c_report(void)
{
    PROFILE = PyUnicode_InternFromString("profile");
    ZERO_KEY = PyUnicode_InternFromString("z");
    WOULD_REJECT = PyUnicode_InternFromString("would_reject");
    if (PROFILE == NULL || ZERO_KEY == NULL || WOULD_REJECT == NULL)
        return NULL;
    return PyModule_Create(&module);
}
