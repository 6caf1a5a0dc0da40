/* value.h - quantities with units, and their arithmetic.
 *
 * Every amount in dealgraph carries a dimension: exponents of USD, GW (capacity), years and
 * counts (shares). 100B (no `$`) is "scaled": a bare number that becomes USD where money is
 * expected and a count where a count is expected. Percentages are plain fractions
 * (14% = 0.14) flagged for display. Dates are points in time in months since year 0.
 * Arithmetic checks dimensions and reports a mismatch as a message (the caller attaches
 * the location). No heap memory is owned by a Value except through `str`, which points into
 * an arena owned by whoever made it. */
#ifndef DG_VALUE_H
#define DG_VALUE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Dim {
    int8_t usd, gw, yr, cnt;
} Dim;

static const Dim DIM_NONE = {0, 0, 0, 0};
static const Dim DIM_USD = {1, 0, 0, 0};
static const Dim DIM_GW = {0, 1, 0, 0};
static const Dim DIM_YEARS = {0, 0, 1, 0};
static const Dim DIM_COUNT = {0, 0, 0, 1};
static const Dim DIM_USD_PER_YEAR = {1, 0, -1, 0};
static const Dim DIM_USD_PER_GW = {1, -1, 0, 0};

typedef enum { V_NULL, V_NUM, V_DATE, V_BOOL, V_STR } VKind;

enum {
    VF_PCT = 1,     /* written as a percentage; num is the fraction */
    VF_SCALED = 2,  /* written with K/M/B/T and no unit: USD or count by context */
    VF_DOLLAR = 4,  /* written with a leading `$` */
    VF_UNDEF = 8,   /* V_NULL: a figure with no value (n/a), not the trace of an error */
};

typedef struct Value {
    VKind kind;
    uint8_t flags;
    Dim dim;         /* V_NUM only */
    double num;      /* V_NUM: value in base units (USD, GW, years, counts); V_DATE: months
                        since year 0 (year*12 + month-1); V_BOOL: 0 or 1 */
    const char *str; /* V_STR */
} Value;

static inline bool dim_eq(Dim a, Dim b)
{
    return a.usd == b.usd && a.gw == b.gw && a.yr == b.yr && a.cnt == b.cnt;
}
static inline bool dim_is_none(Dim a) { return dim_eq(a, DIM_NONE); }

Value value_num(double v, Dim d);
Value value_null(void);
Value value_undef(void);
Value value_bool(bool b);
Value value_date(double months);

/* Unit name of a dimension for messages: "USD", "GW", "USD/y", "years", "a plain number". */
const char *dim_name(Dim d, char *buf, size_t n);

/* Arithmetic. On a unit error, returns a V_NULL value and writes a message into err. A
 * plain number (no dimension) adapts to the other side in + - and comparisons, so
 * `gap(x) > 10B` and `10B + $5B` work; `10GW + $5B` does not. */
Value value_arith(char op, Value a, Value b, char *err, size_t errn);
/* Comparison: op is one of "<", "<=", ">", ">=", "==", "!=". Null compares false. */
Value value_compare(const char *op, Value a, Value b, char *err, size_t errn);
/* Coerce to an expected dimension (a plain or scaled number takes it on). */
bool value_coerce(Value *v, Dim want);

/* Human formatting: 1.2T, 350B, 4.5M, 250K, 950 for USD; 14% for fractions; 10GW;
 * 13B/y; 2027 / 2026-09 for dates; "n/a" for null. Writes into buf, returns buf. */
char *usd_text(double usd, char *buf, size_t n);
char *scaled_text(double x, char *buf, size_t n);   /* 1.62B without a unit */
char *pct_text(double frac, char *buf, size_t n);
char *value_text(Value v, char *buf, size_t n);
/* A number in plain form with up to 6 significant digits, no exponent when avoidable. */
char *plain_text(double x, char *buf, size_t n);

#endif
