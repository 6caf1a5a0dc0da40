/* montecarlo.c - the sums of a simulate's samples and the measures read from them
 * (montecarlo.h, docs/RISK.md). */
#include "montecarlo.h"
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The 97.5% point of the standard normal: a 95% two-sided interval. */
#define Z95 1.959963984540054
/* Losses are counted in 1/256 USD: exact for any loss below 2^45 USD. */
#define UNITS_PER_USD 256.0
#define UNITS_MAX 4611686018427387904.0   /* 2^62 */

void mc_init(McSum *m, size_t n, const char *const *names, bool dated)
{
    memset(m, 0, sizeof *m);
    m->n = n;
    m->dated = dated;
    m->ent = xcalloc(n + 1, sizeof *m->ent);
    for (size_t j = 0; j < n; j++) {
        size_t len = strlen(names[j]);
        m->ent[j].name = memcpy(xmalloc(len + 1), names[j], len + 1);
    }
}

void mc_free(McSum *m)
{
    for (size_t j = 0; m->ent && j < m->n; j++)
        free(m->ent[j].name);
    free(m->ent);
    free(m->years);
    free(m->sys);
    memset(m, 0, sizeof *m);
}

/* Make room for `year` in the table of default years (the range only widens). */
static void want_year(McSum *m, int year)
{
    if (m->nyears && year >= m->first_year && year < m->first_year + m->nyears)
        return;
    int lo = m->nyears ? (year < m->first_year ? year : m->first_year) : year;
    int hi = m->nyears ? (year >= m->first_year + m->nyears ? year : m->first_year + m->nyears - 1)
                       : year;
    int ny = hi - lo + 1;
    uint64_t *t = xcalloc(m->n * (size_t)ny + 1, sizeof *t);
    for (size_t j = 0; j < m->n; j++)
        for (int y = 0; y < m->nyears; y++)
            t[j * (size_t)ny + (size_t)(m->first_year + y - lo)] = m->years[j * (size_t)m->nyears + (size_t)y];
    free(m->years);
    m->years = t;
    m->first_year = lo;
    m->nyears = ny;
}

static void add_year(McSum *m, size_t j, int year, uint64_t c)
{
    want_year(m, year);
    m->years[j * (size_t)m->nyears + (size_t)(year - m->first_year)] += c;
}

void mc_add_defaults(McSum *m, size_t j, int year, uint64_t c)
{
    if (j >= m->n || !c)
        return;
    m->ent[j].defaults += c;
    add_year(m, j, year, c);
}

static void push_sys(McSum *m, double x)
{
    m->sys = vec_grow(m->sys, &m->capsys, m->nsys + 1, sizeof *m->sys);
    m->sys[m->nsys++] = x == 0 ? 0 : x;   /* -0 is 0: the sorted list prints one way */
}

void mc_add_sample(McSum *m, double sys)
{
    push_sys(m, sys);
    m->samples++;
}

void mc_add_result(McSum *m, const StressResult *r, const uint32_t *slot, size_t nslot)
{
    double sys = 0;
    for (EntId i = 0; i < r->n && i < nslot; i++) {
        uint32_t j = slot[i];
        if (j == UINT32_MAX || j >= m->n)
            continue;
        double x = isfinite(r->loss[i]) ? r->loss[i] : 0;
        sys += x;
        mc_acc_add(&m->ent[j].loss, mc_units(x));
        if (r->round[i])
            mc_add_defaults(m, j, r->year[i], 1);
    }
    mc_add_sample(m, sys);
}

void mc_merge(McSum *into, const McSum *from)
{
    for (size_t j = 0; j < into->n && j < from->n; j++) {
        mc_acc_sum(&into->ent[j].loss, from->ent[j].loss);
        for (int y = 0; y < from->nyears; y++)
            mc_add_defaults(into, j, from->first_year + y,
                            from->years[j * (size_t)from->nyears + (size_t)y]);
    }
    for (size_t k = 0; k < from->nsys; k++)
        push_sys(into, from->sys[k]);
    into->samples += from->samples;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void mc_finish(McSum *m)
{
    if (m->nsys)
        qsort(m->sys, m->nsys, sizeof *m->sys, cmp_double);
}

/* ---- measures ---- */

double mc_probability(const McSum *m, size_t j)
{
    return m->samples && j < m->n ? (double)m->ent[j].defaults / (double)m->samples : 0;
}

static uint64_t year_count(const McSum *m, size_t j, int y)
{
    if (j >= m->n || y < m->first_year || y >= m->first_year + m->nyears)
        return 0;
    return m->years[j * (size_t)m->nyears + (size_t)(y - m->first_year)];
}

double mc_probability_by(const McSum *m, size_t j, int year)
{
    uint64_t c = 0;
    for (int y = m->first_year; y < m->first_year + m->nyears && y <= year; y++)
        c += year_count(m, j, y);
    return m->samples ? (double)c / (double)m->samples : 0;
}

double mc_year_share(const McSum *m, size_t j, int year)
{
    return m->samples ? (double)year_count(m, j, year) / (double)m->samples : 0;
}

void mc_wilson(uint64_t k, uint64_t n, double *lo, double *hi)
{
    if (!n) {
        *lo = 0;
        *hi = 1;
        return;
    }
    double N = (double)n, p = (double)k / N, z2 = Z95 * Z95;
    double den = 1 + z2 / N, mid = (p + z2 / (2 * N)) / den;
    double half = Z95 * sqrt(p * (1 - p) / N + z2 / (4 * N * N)) / den;
    *lo = fmax(0, mid - half);
    *hi = fmin(1, mid + half);
    if (k == 0)
        *lo = 0;   /* exactly, not a rounding error away from it */
    if (k == n)
        *hi = 1;
}

double mc_expected_loss(const McSum *m, size_t j)
{
    return m->samples && j < m->n ? mc_acc_usd(m->ent[j].loss) / (double)m->samples : 0;
}

double mc_system_mean(const McSum *m)
{
    double s = 0;
    for (size_t k = 0; k < m->nsys; k++)
        s += m->sys[k];
    return m->nsys ? s / (double)m->nsys : 0;
}

uint64_t mc_rank(double q, uint64_t n)
{
    double x = q * (double)n, r = nearbyint(x);
    double k = fabs(x - r) <= 1e-9 * fmax(1, x) ? r : ceil(x);
    if (!(k >= 1))
        return n ? 1 : 0;
    return k > (double)n ? n : (uint64_t)k;
}

double mc_var(const McSum *m, double q)
{
    uint64_t k = mc_rank(q, m->nsys);
    return k ? m->sys[k - 1] : 0;
}

double mc_es(const McSum *m, double q)
{
    uint64_t k = mc_rank(q, m->nsys);
    if (!k)
        return 0;
    double s = 0;
    for (size_t i = (size_t)k - 1; i < m->nsys; i++)
        s += m->sys[i];
    return s / (double)(m->nsys - k + 1);
}

/* ---- exact sums ---- */

int64_t mc_units(double usd)
{
    double u = nearbyint(usd * UNITS_PER_USD);
    if (!(u == u))
        return 0;
    u = fmax(-UNITS_MAX, fmin(UNITS_MAX, u));
    return (int64_t)u;
}

void mc_acc_add(McAcc *a, int64_t units)
{
    McAcc b = {units < 0 ? UINT64_MAX : 0, (uint64_t)units};
    mc_acc_sum(a, b);
}

void mc_acc_sum(McAcc *a, McAcc b)
{
    uint64_t lo = a->lo + b.lo;
    a->hi += b.hi + (lo < a->lo);
    a->lo = lo;
}

double mc_acc_usd(McAcc a)
{
    bool neg = a.hi >> 63;
    if (neg) {   /* the magnitude: two's complement negation */
        a.hi = ~a.hi + (a.lo == 0);
        a.lo = ~a.lo + 1;
    }
    double x = ((double)a.hi * 0x1p64 + (double)a.lo) / UNITS_PER_USD;
    return neg ? -x : x;
}

char *mc_acc_hex(McAcc a, char *buf)
{
    snprintf(buf, 33, "%016" PRIx64 "%016" PRIx64, a.hi, a.lo);
    return buf;
}

bool mc_acc_parse(const char *s, McAcc *a)
{
    if (strlen(s) != 32 || strspn(s, "0123456789abcdef") != 32)
        return false;
    char hi[17];
    memcpy(hi, s, 16);
    hi[16] = '\0';
    a->hi = strtoull(hi, NULL, 16);
    a->lo = strtoull(s + 16, NULL, 16);
    return true;
}
