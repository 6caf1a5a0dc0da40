/* sens_exact.c - Liu-Staum sensitivities of a one-year clearing (sens_exact.h).
 *
 * The year's obligations, resources and clearing are rebuilt here the way stress_run.c
 * builds its first year (dues of the year, cash plus outside revenue, markets paying what
 * they owe), and the payments are checked against the stress result, so the system solved
 * is the one the figures were read from. */
#include "sens_exact.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "dues.h"

struct SensExact {
    size_t n;               /* entities (the outside sink left out) */
    double alpha, beta;
    double *L;              /* dues of the year */
    int *pos;               /* position in D, or -1 */
    size_t k;               /* |D| */
    double *lu;             /* k x k, row-major: the LU factors of M = I - beta Pi_DD^T */
    size_t *piv;            /* row swaps of the factorisation */
    size_t *doff;           /* D's rows of Pi: entries [doff[b], doff[b+1]) of position b */
    uint32_t *dto;
    double *dpi;
    EntId *edge;            /* entities at an edge: paying exactly their dues, or in D and */
    size_t nedge;           /* paying 0 with nothing left to pay from */
    double *rev_out;        /* revenue of the year from outside */
    double *rev_mkt;        /* revenue of the year paid by markets that pay */
    double *rev_all;        /* all revenue of the year (what `revenue of y` scales) */
    bool *rev_other;        /* revenue paid by a non-market: not covered */
    SensInput col_of;       /* the input whose column dp_D / d input c holds */
    bool have_col, col_ok;
    double *c;
};

/* Scratch of the build: the year's clearing. */
typedef struct Year {
    DuePlan plan;
    Csr ob;
    double *e, *pay, *in;
    int *round;
    bool *forced, *market;
    size_t n;
} Year;

static void year_clear(Year *y, const World *w, const StressParams *p, ClearingStats *st)
{
    dues_init(&y->plan, w);
    size_t n = y->n = y->plan.n, N = n + 1;
    WEdge *lines = NULL;
    size_t nl = 0, cap = 0;
    dues_of_year(&y->plan, y->plan.h.first, &lines, &nl, &cap);
    csr_build(&y->ob, N, lines, nl);
    free(lines);
    y->e = xcalloc(N, sizeof *y->e);
    y->pay = xcalloc(N, sizeof *y->pay);
    y->in = xcalloc(N, sizeof *y->in);
    y->round = xcalloc(N, sizeof *y->round);
    y->forced = xcalloc(N, sizeof *y->forced);
    y->market = xcalloc(N, sizeof *y->market);
    for (size_t k = 0; k < p->nforced; k++)   /* forced in the one year */
        if (p->forced[k].ent < n && p->forced[k].from <= y->plan.h.first)
            y->forced[p->forced[k].ent] = true;
    for (EntId i = 0; i < n; i++) {
        const Entity *en = world_entity(w, i);
        y->market[i] = en->kind == ENT_MARKET;
        double cash = (en->has & (1u << A_CASH)) ? en->attr[A_CASH] : 0;
        y->e[i] = y->market[i] ? y->ob.rowsum[i]
                               : cash + revenue_in_year(w, i, &y->plan.h, y->plan.h.first);
    }
    clearing_run(&y->ob, y->e, p->alpha, p->beta, y->forced, y->pay, y->in, y->round, st);
}

static void year_free(Year *y)
{
    dues_free(&y->plan);
    csr_free(&y->ob);
    free(y->e);
    free(y->pay);
    free(y->in);
    free(y->round);
    free(y->forced);
    free(y->market);
}

/* Why the formula does not hold at this clearing, or NULL. */
static const char *not_linear(const Year *y, const StressResult *r, double alpha, double beta)
{
    for (EntId i = 0; i < y->n; i++) {
        double L = y->ob.rowsum[i];
        if (fabs(y->pay[i] - r->paid_y[i]) > 1e-9 * fmax(L, 1))
            return "the clearing differs from the model's";   /* never expected */
        if (!y->forced[i] && !y->market[i] && y->round[i] && L > 0 &&
            alpha * y->e[i] + beta * y->in[i] >= L * (1 - 1e-9))
            return "a defaulter's payment is held at its dues";   /* only with negative cash */
    }
    return NULL;
}

/* Is i at an edge of the linear piece: solvent with no margin (a fall defaults it), or a
 * defaulter paying 0 from nothing (a fall would take its payment below 0, held at 0)? */
static bool at_edge(const Year *y, EntId i, double alpha, double beta)
{
    double L = y->ob.rowsum[i];
    if (y->forced[i] || y->market[i] || !(L > 0))
        return false;
    if (y->round[i])
        return alpha * y->e[i] + beta * y->in[i] <= 1e-9 * L;
    return y->e[i] + y->in[i] < L * (1 + 2 * CLEAR_TOL);
}

/* LU with partial pivoting of the k x k matrix a in place; false when singular. */
static bool lu_factor(double *a, size_t *piv, size_t k)
{
    for (size_t c = 0; c < k; c++) {
        size_t best = c;
        for (size_t r = c + 1; r < k; r++)
            if (fabs(a[r * k + c]) > fabs(a[best * k + c]))
                best = r;
        if (fabs(a[best * k + c]) < 1e-12)
            return false;
        piv[c] = best;
        if (best != c)
            for (size_t j = 0; j < k; j++) {
                double t = a[c * k + j];
                a[c * k + j] = a[best * k + j];
                a[best * k + j] = t;
            }
        for (size_t r = c + 1; r < k; r++) {
            double f = a[r * k + c] /= a[c * k + c];
            for (size_t j = c + 1; j < k; j++)
                a[r * k + j] -= f * a[c * k + j];
        }
    }
    return true;
}

/* Solve (LU) x = b in place. */
static void lu_solve(const double *a, const size_t *piv, size_t k, double *b)
{
    for (size_t c = 0; c < k; c++) {
        double t = b[c];
        b[c] = b[piv[c]];
        b[piv[c]] = t;
        for (size_t r = c + 1; r < k; r++)
            b[r] -= a[r * k + c] * b[c];
    }
    for (size_t c = k; c-- > 0;) {
        for (size_t j = c + 1; j < k; j++)
            b[c] -= a[c * k + j] * b[j];
        b[c] /= a[c * k + c];
    }
}

/* D's rows of Pi, kept to see what a change of D's payments does to the edge entities. */
static void keep_rows(SensExact *x, const Year *y, const EntId *of)
{
    size_t k = x->k, m = 0;
    x->doff = xcalloc(k + 1, sizeof *x->doff);
    for (size_t b = 0; b < k; b++)
        m += y->ob.off[of[b] + 1] - y->ob.off[of[b]];
    x->dto = xcalloc(m + 1, sizeof *x->dto);
    x->dpi = xcalloc(m + 1, sizeof *x->dpi);
    m = 0;
    for (size_t b = 0; b < k; b++) {
        EntId j = of[b];
        for (size_t e = y->ob.off[j]; e < y->ob.off[j + 1]; e++, m++) {
            x->dto[m] = y->ob.to[e];
            x->dpi[m] = y->ob.amt[e] / x->L[j];
        }
        x->doff[b + 1] = m;
    }
}

/* M on D: M_ab = [a = b] - beta Pi_{j_b i_a} (debtor j_b at position b pays creditor i_a). */
static bool factor_system(SensExact *x, const Year *y)
{
    size_t k = x->k;
    EntId *of = xcalloc(k + 1, sizeof *of);
    for (EntId i = 0; i < y->n; i++)
        if (x->pos[i] >= 0)
            of[x->pos[i]] = i;
    keep_rows(x, y, of);
    free(of);
    x->lu = xcalloc(k * k + 1, sizeof *x->lu);
    x->piv = xcalloc(k + 1, sizeof *x->piv);
    x->c = xcalloc(k + 1, sizeof *x->c);
    for (size_t a = 0; a < k; a++)
        x->lu[a * k + a] = 1;
    for (size_t b = 0; b < k; b++)
        for (size_t e = x->doff[b]; e < x->doff[b + 1]; e++)
            if (x->dto[e] < x->n && x->pos[x->dto[e]] >= 0)
                x->lu[(size_t)x->pos[x->dto[e]] * k + b] -= x->beta * x->dpi[e];
    return lu_factor(x->lu, x->piv, k);
}

/* The year's revenue of each entity: from outside, and what markets pay it. */
static void revenue_of_year(SensExact *x, const Year *y, const World *w)
{
    int yr = y->plan.h.first;
    for (EntId i = 0; i < y->n; i++)
        if (!y->market[i])
            x->rev_out[i] = x->rev_all[i] = revenue_in_year(w, i, &y->plan.h, yr);
    for (size_t k = 0; k < y->plan.nd; k++) {
        const Deal *d = &y->plan.deal[k];
        if (!d->revenue)
            continue;
        double a = dues_payment(&y->plan, k, yr);
        x->rev_all[d->payee] += a;
        if (!y->market[d->payer])
            x->rev_other[d->payee] = true;
        else if (!y->forced[d->payer])
            x->rev_mkt[d->payee] += a;   /* a market in default pays none of it */
    }
}

static SensExact *exact_alloc(size_t n, const StressParams *p)
{
    SensExact *x = xcalloc(1, sizeof *x);
    x->n = n;
    x->alpha = p->alpha;
    x->beta = p->beta;
    x->L = xcalloc(n + 1, sizeof *x->L);
    x->pos = xcalloc(n + 1, sizeof *x->pos);
    x->rev_out = xcalloc(n + 1, sizeof *x->rev_out);
    x->rev_mkt = xcalloc(n + 1, sizeof *x->rev_mkt);
    x->rev_all = xcalloc(n + 1, sizeof *x->rev_all);
    x->rev_other = xcalloc(n + 1, sizeof *x->rev_other);
    return x;
}

static const char *why_not(const Year *y, const StressResult *r, const StressParams *p,
                           const ClearingStats *st)
{
    if (horizon_years(&y->plan.h) != 1 || r->nyears != 1)
        return "the model has more than one year";
    if (!st->converged || !r->converged)
        return "the clearing did not converge";
    for (size_t g = 0; g < r->nguarantees; g++)
        if (r->guarantees[g].called > 0)
            return "guarantees are called";
    for (size_t k = 0; k < r->ncredits; k++)
        if (r->credits[k].drawn > 0)
            return "credit facilities are drawn";
    if (y->n != r->n)
        return "the clearing differs from the model's";
    return not_linear(y, r, p->alpha, p->beta);
}

SensExact *sens_exact_new(const World *w, const StressParams *p, const StressResult *r,
                          const char **why)
{
    Year y;
    memset(&y, 0, sizeof y);
    ClearingStats st;
    year_clear(&y, w, p, &st);
    *why = why_not(&y, r, p, &st);
    SensExact *x = NULL;
    if (!*why) {
        x = exact_alloc(y.n, p);
        x->edge = xcalloc(y.n + 1, sizeof *x->edge);
        for (EntId i = 0; i < y.n; i++) {
            x->L[i] = y.ob.rowsum[i];
            bool in_d = y.round[i] && !y.forced[i] && !y.market[i] && x->L[i] > 0;
            x->pos[i] = in_d ? (int)x->k++ : -1;
            if (at_edge(&y, i, p->alpha, p->beta))
                x->edge[x->nedge++] = i;
        }
        revenue_of_year(x, &y, w);
        if (x->k > SENS_EXACT_MAX)
            *why = "more than 300 entities default";   /* SENS_EXACT_MAX */
        else if (!factor_system(x, &y))
            *why = "the default set's system is singular";
        if (*why) {
            sens_exact_free(x);
            x = NULL;
        }
    }
    year_free(&y);
    return x;
}

void sens_exact_free(SensExact *x)
{
    if (!x)
        return;
    free(x->L);
    free(x->pos);
    free(x->lu);
    free(x->piv);
    free(x->c);
    free(x->doff);
    free(x->dto);
    free(x->dpi);
    free(x->edge);
    free(x->rev_out);
    free(x->rev_mkt);
    free(x->rev_all);
    free(x->rev_other);
    free(x);
}

double sens_exact_dues(const SensExact *x, EntId v) { return v < x->n ? x->L[v] : 0; }

/* How the input enters the resources of the entity it belongs to: per USD of it, the
 * change of e (cash: alpha in the payment of a defaulter, 1 in the solvency test) and of
 * what it is paid (revenue from markets: beta, 1). False: not covered. */
static bool weights(const SensExact *x, SensInput in, double *pay_w, double *test_w)
{
    EntId y = in.of;
    if (y >= x->n)
        return false;
    if (in.what == SH_CASH) {
        *pay_w = x->alpha;
        *test_w = 1;
        return true;
    }
    if (in.what != SH_REVENUE || x->rev_other[y] || !(x->rev_all[y] > 0))
        return false;
    *pay_w = (x->alpha * x->rev_out[y] + x->beta * x->rev_mkt[y]) / x->rev_all[y];
    *test_w = (x->rev_out[y] + x->rev_mkt[y]) / x->rev_all[y];
    return true;
}

/* Does a fall of the input push an edge entity off the piece (its income or its own
 * resources fall with it)? Then the slope for a fall is not the formula's. */
static bool leaves_piece(const SensExact *x, SensInput in, double test_w)
{
    for (size_t t = 0; t < x->nedge; t++) {
        EntId v = x->edge[t];
        double d = v == in.of ? test_w : 0;
        if (x->pos[v] >= 0)
            d = x->c[x->pos[v]];   /* a defaulter held at 0: its own payment */
        else
            for (size_t b = 0; b < x->k; b++)
                for (size_t e = x->doff[b]; e < x->doff[b + 1]; e++)
                    if (x->dto[e] == v)
                        d += x->dpi[e] * x->c[b];
        if (d > 1e-12)
            return true;
    }
    return false;
}

/* The column dp_D / d input, and whether the formula holds for it; kept for the next
 * entity asked about the same input. */
static bool column(SensExact *x, SensInput in)
{
    if (x->have_col && x->col_of.what == in.what && x->col_of.of == in.of)
        return x->col_ok;
    double pay_w, test_w;
    x->have_col = true;
    x->col_of = in;
    x->col_ok = weights(x, in, &pay_w, &test_w);
    if (!x->col_ok)
        return false;
    memset(x->c, 0, x->k * sizeof *x->c);
    if (x->pos[in.of] >= 0) {
        x->c[x->pos[in.of]] = pay_w;
        lu_solve(x->lu, x->piv, x->k, x->c);
    }
    x->col_ok = !leaves_piece(x, in, test_w);
    return x->col_ok;
}

bool sens_exact_dp(SensExact *x, EntId v, SensInput in, double *dp)
{
    if (!column(x, in))
        return false;
    *dp = v < x->n && x->pos[v] >= 0 ? x->c[x->pos[v]] : 0;
    return true;
}
