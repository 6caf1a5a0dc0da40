/* debtrank.c - original and differential DebtRank, synchronous steps over sparse rows.
 *
 * The original form caps each weight at 1: Battiston et al. (2012) define the impact of j
 * on i as W = min{1, A_ij / E_i} (a stake cannot cost more than the holder's equity), and
 * published results (NetworkRiskMeasures' debt_rank, docs/STRESS.md "Worked examples")
 * depend on the cap when a distressed entity is not wiped out. The differential form uses
 * Bardoscia et al.'s leverage matrix Lambda = A_ij / E_i uncapped: only h is capped.
 *
 * Why only the active rows each step: a step in the differential form moves only entities
 * whose distress changed in the previous step, and in the original form only entities that
 * just became distressed, so a step costs the rows of those entities, not the whole graph. */
#include "debtrank.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"

typedef struct Dr {
    const Csr *g;
    const double *w;
    double *h, *acc;
    uint32_t *touched;
    bool *mark;
    size_t ntouched;
    bool cap;          /* original form: weights min(1, w) */
} Dr;

/* acc_i += Lambda_ij * x for each entry of row j; remembers which i were touched. */
static void spread(Dr *d, uint32_t j, double x)
{
    const Csr *g = d->g;
    for (size_t k = g->off[j]; k < g->off[j + 1]; k++) {
        uint32_t i = g->to[k];
        double wk = d->w ? d->w[k] : g->amt[k];
        d->acc[i] += (d->cap && wk > 1 ? 1 : wk) * x;
        if (!d->mark[i]) {
            d->mark[i] = true;
            d->touched[d->ntouched++] = i;
        }
    }
}

static int differential(Dr *d, const double *h0, bool *converged)
{
    size_t n = d->g->n, nact = 0;
    double *delta = xcalloc(n ? n : 1, sizeof *delta);
    uint32_t *act = xmalloc((n ? n : 1) * sizeof *act);
    for (size_t i = 0; i < n; i++)
        if (h0[i] > 0) {
            delta[i] = d->h[i];
            act[nact++] = (uint32_t)i;
        }
    int t = 0;
    for (; nact && t < DR_MAX_ITER; t++) {
        d->ntouched = 0;
        for (size_t a = 0; a < nact; a++)
            spread(d, act[a], delta[act[a]]);
        nact = 0;
        for (size_t x = 0; x < d->ntouched; x++) {
            uint32_t i = d->touched[x];
            double nh = d->h[i] + d->acc[i];
            nh = nh > 1 ? 1 : nh;
            delta[i] = nh - d->h[i];
            d->h[i] = nh;
            d->acc[i] = 0;
            d->mark[i] = false;
            if (delta[i] > DR_TOL)
                act[nact++] = i;
        }
    }
    *converged = nact == 0;
    free(delta);
    free(act);
    return t;
}

enum { ST_U, ST_D, ST_I };

static int original(Dr *d, bool *converged)
{
    size_t n = d->g->n, nd = 0;
    unsigned char *state = xcalloc(n ? n : 1, 1);
    uint32_t *dist = xmalloc((n ? n : 1) * sizeof *dist);
    for (size_t i = 0; i < n; i++)
        if (d->h[i] > 0) {
            state[i] = ST_D;
            dist[nd++] = (uint32_t)i;
        }
    int t = 0;
    /* Each entity is distressed at most once, so this ends within n + 1 steps. */
    for (; nd; t++) {
        d->ntouched = 0;
        for (size_t a = 0; a < nd; a++) {
            spread(d, dist[a], d->h[dist[a]]);
            state[dist[a]] = ST_I;
        }
        nd = 0;
        for (size_t x = 0; x < d->ntouched; x++) {
            uint32_t i = d->touched[x];
            double nh = d->h[i] + d->acc[i];
            d->h[i] = nh > 1 ? 1 : nh;
            d->acc[i] = 0;
            d->mark[i] = false;
            if (state[i] == ST_U && d->h[i] > 0) {
                state[i] = ST_D;
                dist[nd++] = i;
            }
        }
    }
    *converged = true;
    free(state);
    free(dist);
    return t;
}

int debtrank_run(DebtRankKind kind, const Csr *g, const double *w, const double *h0, double *h,
                 bool *converged)
{
    size_t n = g->n, z = n ? n : 1;
    for (size_t i = 0; i < n; i++)
        h[i] = h0[i] < 0 ? 0 : h0[i] > 1 ? 1 : h0[i];
    Dr d = {g, w, h, xcalloc(z, sizeof(double)), xmalloc(z * sizeof(uint32_t)), xcalloc(z, 1), 0,
            kind == DR_ORIGINAL};
    int t = kind == DR_ORIGINAL ? original(&d, converged) : differential(&d, h0, converged);
    free(d.acc);
    free(d.touched);
    free(d.mark);
    return t;
}
