/* value.c - dimensional arithmetic and human formatting of amounts. */
#include "value.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

Value value_num(double v, Dim d) { return (Value){.kind = V_NUM, .dim = d, .num = v}; }
Value value_null(void) { return (Value){.kind = V_NULL}; }
Value value_undef(void) { return (Value){.kind = V_NULL, .flags = VF_UNDEF}; }
Value value_bool(bool b) { return (Value){.kind = V_BOOL, .num = b ? 1 : 0}; }
Value value_date(double months) { return (Value){.kind = V_DATE, .num = months}; }

const char *dim_name(Dim d, char *buf, size_t n)
{
    if (dim_is_none(d))
        return "a plain number";
    if (dim_eq(d, DIM_USD))
        return "USD";
    if (dim_eq(d, DIM_GW))
        return "GW";
    if (dim_eq(d, DIM_YEARS))
        return "a duration";
    if (dim_eq(d, DIM_COUNT))
        return "a count";
    if (dim_eq(d, DIM_USD_PER_YEAR))
        return "USD/y";
    if (dim_eq(d, DIM_USD_PER_GW))
        return "USD/GW";
    /* Any other unit as a product over a product: USD/y^2, GW y, 1/y. */
    static const char *const names[] = {"USD", "GW", "y", "count"};
    const int exps[] = {d.usd, d.gw, d.yr, d.cnt};
    size_t at = 0;
    buf[0] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        bool any = false;
        for (int i = 0; i < 4; i++) {
            int e = pass ? -exps[i] : exps[i];
            if (e <= 0)
                continue;
            at += (size_t)snprintf(buf + at, at < n ? n - at : 0, "%s%s", any ? " " : "", names[i]);
            if (e > 1)
                at += (size_t)snprintf(buf + at, at < n ? n - at : 0, "^%d", e);
            any = true;
        }
        if (!pass && !any)
            at += (size_t)snprintf(buf + at, at < n ? n - at : 0, "1");
        if (!pass && (d.usd < 0 || d.gw < 0 || d.yr < 0 || d.cnt < 0))
            at += (size_t)snprintf(buf + at, at < n ? n - at : 0, "/");
    }
    return buf;
}

bool value_coerce(Value *v, Dim want)
{
    if (v->kind != V_NUM)
        return false;
    if (dim_eq(v->dim, want))
        return true;
    if (dim_is_none(v->dim) && !(v->flags & VF_PCT)) {
        v->dim = want;
        return true;
    }
    return false;
}

static void unit_error(char *err, size_t errn, const char *what, Dim a, Dim b)
{
    char b1[64], b2[64];
    snprintf(err, errn, "cannot %s %s and %s", what, dim_name(a, b1, sizeof b1),
             dim_name(b, b2, sizeof b2));
}

static Dim dim_add(Dim a, Dim b, int sign)
{
    return (Dim){(int8_t)(a.usd + sign * b.usd), (int8_t)(a.gw + sign * b.gw),
                 (int8_t)(a.yr + sign * b.yr), (int8_t)(a.cnt + sign * b.cnt)};
}

/* Bring two operands of + - or a comparison to one dimension, or fail. */
static bool unify(Value *a, Value *b)
{
    if (dim_eq(a->dim, b->dim))
        return true;
    if (dim_is_none(a->dim))
        return a->dim = b->dim, true;
    if (dim_is_none(b->dim))
        return b->dim = a->dim, true;
    return false;
}

/* Beside a date, a plain number is a year (2027 vs 2026-09, 2027-06 - 2025): the date
 * it stands for, or v unchanged. */
static Value year_beside_date(Value v)
{
    return v.kind == V_NUM && dim_is_none(v.dim) ? value_date(v.num * 12) : v;
}

static Value arith_numbers(char op, Value a, Value b, char *err, size_t errn);

Value value_arith(char op, Value a, Value b, char *err, size_t errn)
{
    err[0] = '\0';
    if (a.kind == V_NULL || b.kind == V_NULL)
        return value_null();
    if (a.kind == V_DATE || b.kind == V_DATE) {
        /* date + duration, date - duration, date - date (in years); a bare number beside a
         * date is a year, as in comparisons (2027-06 - 2025 is 2.42y) */
        if (a.kind == V_DATE && b.kind == V_NUM && (op == '+' || op == '-') &&
            dim_eq(b.dim, DIM_YEARS))
            return value_date(a.num + (op == '+' ? 12 : -12) * b.num);
        Value da = year_beside_date(a), db = year_beside_date(b);
        if (op == '-' && da.kind == V_DATE && db.kind == V_DATE)
            return value_num((da.num - db.num) / 12.0, DIM_YEARS);
        if (op == '+' && b.kind == V_NUM && dim_is_none(b.dim))
            snprintf(err, errn, "a date takes a duration: write + %gy", b.num);
        else
            snprintf(err, errn, "cannot apply '%c' to a date here", op);
        return value_null();
    }
    if (a.kind != V_NUM || b.kind != V_NUM) {
        snprintf(err, errn, "'%c' needs numbers", op);
        return value_null();
    }
    Value r = arith_numbers(op, a, b, err, errn);
    if (r.kind == V_NUM && !isfinite(r.num)) {
        snprintf(err, errn, "the result is too large to hold");
        return value_null();
    }
    return r;
}

/* + - * / on two numbers; the caller rejects a result that overflowed. */
static Value arith_numbers(char op, Value a, Value b, char *err, size_t errn)
{
    Value r = value_num(0, DIM_NONE);
    switch (op) {
    case '+':
    case '-':
        if (!unify(&a, &b)) {
            unit_error(err, errn, op == '+' ? "add" : "subtract", a.dim, b.dim);
            return value_null();
        }
        r = value_num(op == '+' ? a.num + b.num : a.num - b.num, a.dim);
        r.flags = (uint8_t)(a.flags & b.flags & VF_PCT);
        return r;
    case '*':
        r = value_num(a.num * b.num, dim_add(a.dim, b.dim, 1));
        return r;
    case '/':
        if (b.num == 0) {
            snprintf(err, errn, "division by zero");
            return value_null();
        }
        return value_num(a.num / b.num, dim_add(a.dim, b.dim, -1));
    default:
        snprintf(err, errn, "unknown operator '%c'", op);
        return value_null();
    }
}

Value value_compare(const char *op, Value a, Value b, char *err, size_t errn)
{
    err[0] = '\0';
    if (a.kind == V_NULL || b.kind == V_NULL)
        return value_bool(false);
    if (a.kind == V_DATE)
        b = year_beside_date(b);
    if (b.kind == V_DATE)
        a = year_beside_date(a);
    if (a.kind != b.kind) {
        snprintf(err, errn, "cannot compare these values");
        return value_null();
    }
    if (a.kind == V_NUM && !unify(&a, &b)) {
        unit_error(err, errn, "compare", a.dim, b.dim);
        return value_null();
    }
    if (a.kind == V_STR) {
        int c = strcmp(a.str, b.str);
        a = value_num(c, DIM_NONE);
        b = value_num(0, DIM_NONE);
    }
    double x = a.num, y = b.num;
    /* Relative tolerance so that 0.1+0.2 == 0.3 and figures computed two ways agree. */
    double tol = 1e-9 * fmax(1.0, fmax(fabs(x), fabs(y)));
    bool eq = fabs(x - y) <= tol;
    bool r;
    if (!strcmp(op, "<"))
        r = x < y && !eq;
    else if (!strcmp(op, "<="))
        r = x < y || eq;
    else if (!strcmp(op, ">"))
        r = x > y && !eq;
    else if (!strcmp(op, ">="))
        r = x > y || eq;
    else if (!strcmp(op, "=="))
        r = eq;
    else if (!strcmp(op, "!="))
        r = !eq;
    else {
        snprintf(err, errn, "unknown comparison '%s'", op);
        return value_null();
    }
    return value_bool(r);
}

/* Trim trailing zeros of a fixed-point number in place: 1.50 -> 1.5, 2.00 -> 2. */
static void trim_zeros(char *s)
{
    char *dot = strchr(s, '.');
    if (!dot)
        return;
    char *e = s + strlen(s) - 1;
    while (e > dot && *e == '0')
        *e-- = '\0';
    if (e == dot)
        *e = '\0';
}

char *plain_text(double x, char *buf, size_t n)
{
    if (!isfinite(x)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    double ax = fabs(x);
    if (ax != 0 && (ax >= 1e15 || ax < 1e-4))
        snprintf(buf, n, "%.6g", x);
    else {
        int decimals = ax >= 1000 ? 0 : ax >= 100 ? 1 : ax >= 1 ? 3 : 4;
        snprintf(buf, n, "%.*f", decimals, x);
        trim_zeros(buf);
        if (!strcmp(buf, "-0"))
            snprintf(buf, n, "0");
    }
    return buf;
}

/* money: below a thousand show cents; otherwise (counts, ratios) keep significant digits. */
/* buf = num + suffix, cut to n bytes (a report formats hundreds of thousands of these, so
 * the second snprintf this replaces showed in profiles). */
static char *join(char *buf, size_t n, const char *num, const char *suffix)
{
    if (n == 0)
        return buf;
    size_t a = strlen(num), b = strlen(suffix);
    a = a < n - 1 ? a : n - 1;
    b = b < n - 1 - a ? b : n - 1 - a;
    memcpy(buf, num, a);
    memcpy(buf + a, suffix, b);
    buf[a + b] = '\0';
    return buf;
}

static char *scaled(double x, char *buf, size_t n, bool money)
{
    static const struct { double f; const char *s; } scales[] = {
        {1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    if (!isfinite(x)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    double ax = fabs(x);
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++)
        if (ax >= scales[i].f * 0.9995) {
            double v = x / scales[i].f;
            double av = fabs(v);
            char num[48];
            snprintf(num, sizeof num, "%.*f", av >= 99.95 ? 0 : av >= 9.995 ? 1 : 2, v);
            trim_zeros(num);
            return join(buf, n, num, scales[i].s);
        }
    /* Below a thousand there is no scale letter: a ratio keeps its digits (0.0986). */
    if (!money)
        return plain_text(x, buf, n);
    char num[48];
    snprintf(num, sizeof num, "%.*f", ax >= 100 ? 0 : 2, x);
    trim_zeros(num);
    return join(buf, n, strcmp(num, "-0") ? num : "0", "");
}

char *scaled_text(double x, char *buf, size_t n) { return scaled(x, buf, n, false); }

char *usd_text(double usd, char *buf, size_t n) { return scaled(usd, buf, n, true); }

char *pct_text(double frac, char *buf, size_t n)
{
    if (!isfinite(frac)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    char num[48];
    double p = frac * 100;
    snprintf(num, sizeof num, "%.*f", fabs(p) >= 10 ? 1 : 2, p);
    trim_zeros(num);
    if (!strcmp(num, "-0"))
        snprintf(num, sizeof num, "0");
    snprintf(buf, n, "%s%%", num);
    return buf;
}

char *value_text(Value v, char *buf, size_t n)
{
    char tmp[64], db[64];
    switch (v.kind) {
    case V_NULL:
        snprintf(buf, n, "n/a");
        return buf;
    case V_BOOL:
        snprintf(buf, n, "%s", v.num ? "true" : "false");
        return buf;
    case V_STR:
        snprintf(buf, n, "%s", v.str);
        return buf;
    case V_DATE: {
        long m = lround(v.num);
        if (m % 12 == 0)
            snprintf(buf, n, "%ld", m / 12);
        else
            snprintf(buf, n, "%ld-%02ld", m / 12, m % 12 + 1);
        return buf;
    }
    case V_NUM:
        break;
    }
    if (v.flags & VF_PCT && dim_is_none(v.dim))
        return pct_text(v.num, buf, n);
    if (dim_eq(v.dim, DIM_USD))
        snprintf(buf, n, "%s", usd_text(v.num, tmp, sizeof tmp));
    else if (dim_eq(v.dim, DIM_USD_PER_YEAR))
        snprintf(buf, n, "%s/y", usd_text(v.num, tmp, sizeof tmp));
    else if (dim_eq(v.dim, DIM_USD_PER_GW))
        snprintf(buf, n, "%s/GW", usd_text(v.num, tmp, sizeof tmp));
    else if (dim_eq(v.dim, DIM_GW))
        snprintf(buf, n, "%sGW", plain_text(v.num, tmp, sizeof tmp));
    else if (dim_eq(v.dim, DIM_YEARS))
        snprintf(buf, n, "%sy", plain_text(v.num, tmp, sizeof tmp));
    else if (dim_eq(v.dim, DIM_COUNT))
        snprintf(buf, n, "%s", scaled_text(v.num, tmp, sizeof tmp));
    else if (dim_is_none(v.dim))
        snprintf(buf, n, "%s", (v.flags & VF_SCALED) ? scaled_text(v.num, tmp, sizeof tmp)
                                                      : plain_text(v.num, tmp, sizeof tmp));
    else
        snprintf(buf, n, "%s %s", (v.flags & VF_SCALED) ? scaled_text(v.num, tmp, sizeof tmp)
                                                        : plain_text(v.num, tmp, sizeof tmp),
                 dim_name(v.dim, db, sizeof db));
    return buf;
}
