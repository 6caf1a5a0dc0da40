/* clearing.c - sparse rows, and the greatest clearing vector (Eisenberg-Noe with
 * Rogers-Veraart default costs) by rounds of fictitious default.
 *
 * Why a worklist rather than a dense solve per round: a round only changes the payments of
 * entities in the default set, and a change reaches only their creditors. Pushing each
 * change along the debtor's row keeps every "in" sum current, so a round costs the edges
 * of what actually moved, and the next round's solvency test looks only at entities whose
 * income fell. Starting from p = L, payments only fall (the map is monotone), so the
 * iteration descends to the greatest fixed point on the default set. */
#include "clearing.h"
#include <math.h>
#include <stdlib.h>
#include "arena.h"

void csr_build(Csr *g, size_t n, const WEdge *e, size_t m)
{
    g->n = n;
    g->off = xcalloc(n + 1, sizeof *g->off);
    g->rowsum = xcalloc(n ? n : 1, sizeof *g->rowsum);
    for (size_t k = 0; k < m; k++)
        if (e[k].from != e[k].to && e[k].amt > 0 && e[k].from < n && e[k].to < n)
            g->off[e[k].from + 1]++;
    for (size_t i = 0; i < n; i++)
        g->off[i + 1] += g->off[i];
    size_t total = g->off[n];
    uint32_t *to = xmalloc((total ? total : 1) * sizeof *to);
    double *amt = xmalloc((total ? total : 1) * sizeof *amt);
    size_t *fill = xmalloc((n ? n : 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        fill[i] = g->off[i];
    for (size_t k = 0; k < m; k++)
        if (e[k].from != e[k].to && e[k].amt > 0 && e[k].from < n && e[k].to < n) {
            size_t at = fill[e[k].from]++;
            to[at] = e[k].to;
            amt[at] = e[k].amt;
        }
    /* Merge duplicate columns within each row, in order of first appearance. */
    size_t *slot = fill; /* reused: column -> position + 1 in the current row */
    uint32_t *stamp = xcalloc(n ? n : 1, sizeof *stamp);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        size_t start = w;
        for (size_t k = g->off[i]; k < g->off[i + 1]; k++) {
            uint32_t c = to[k];
            if (stamp[c] == i + 1) {
                amt[slot[c]] += amt[k];
                continue;
            }
            stamp[c] = (uint32_t)(i + 1);
            slot[c] = w;
            to[w] = c;
            amt[w++] = amt[k];
        }
        g->off[i] = start;
        for (size_t k = start; k < w; k++)
            g->rowsum[i] += amt[k];
    }
    g->off[n] = w;
    g->m = w;
    g->to = to;
    g->amt = amt;
    free(slot);
    free(stamp);
}

void csr_free(Csr *g)
{
    free(g->off);
    free(g->to);
    free(g->amt);
    free(g->rowsum);
    g->off = NULL;
    g->to = NULL;
    g->amt = NULL;
    g->rowsum = NULL;
}

/* Per-entity flags, one byte so the edge loop loads one thing per creditor. F_LISTED means
 * "in the work queue" for a defaulted entity and "in the candidate list" for the others: an
 * entity is on at most one list at a time, so one bit serves both. */
enum { F_DEF = 1, F_LISTED = 2 };

/* Scratch state of one clearing. */
typedef struct Clr {
    const Csr *ob;
    const double *e;
    const bool *forced;
    double alpha, beta;
    double *p, *in;
    uint8_t *fl;                  /* F_DEF, F_LISTED per entity */
    uint32_t *queue, *candlist;
    size_t qhead, qlen, ncand;
    size_t work, cap;
    bool cut;
} Clr;

/* The queue is a ring of n slots; F_LISTED keeps an entity in it at most once. */
static void push(Clr *c, uint32_t i)
{
    size_t at = c->qhead + c->qlen++;
    c->queue[at >= c->ob->n ? at - c->ob->n : at] = i;
}

static void enqueue(Clr *c, uint32_t i)
{
    if (c->fl[i] & F_LISTED)
        return;
    c->fl[i] |= F_LISTED;
    push(c, i);
}

static bool insolvent(const Clr *c, uint32_t i)
{
    if (c->forced && c->forced[i])
        return true;
    double L = c->ob->rowsum[i];
    return L > 0 && c->e[i] + c->in[i] < L - CLEAR_TOL * L;
}

/* What i pays given what it receives now (Rogers-Veraart on the default set). */
static double target(const Clr *c, uint32_t i)
{
    if (c->forced && c->forced[i])
        return 0;
    double L = c->ob->rowsum[i];
    double t = c->alpha * c->e[i] + c->beta * c->in[i];
    return t > L ? L : t < 0 ? 0 : t;
}

/* Moves p_i to its target and pushes the change to i's creditors. */
static void relax(Clr *c, uint32_t i)
{
    const Csr *ob = c->ob;
    double L = ob->rowsum[i];
    double d = target(c, i) - c->p[i];
    if (L <= 0 || fabs(d) <= CLEAR_TOL * 1e-3 * L)
        return;
    c->p[i] += d;
    double f = d / L;
    for (size_t k = ob->off[i]; k < ob->off[i + 1]; k++) {
        uint32_t j = ob->to[k];
        c->in[j] += ob->amt[k] * f;
        uint8_t fj = c->fl[j];
        if (fj & F_LISTED)
            continue;       /* the common case once a solve is under way */
        c->fl[j] = fj | F_LISTED;
        if (fj & F_DEF)
            push(c, j);
        else
            c->candlist[c->ncand++] = j;
    }
    c->work += ob->off[i + 1] - ob->off[i] + 1;
}

/* Solves p on the default set by a FIFO worklist, within the work bound. */
static void solve(Clr *c)
{
    while (c->qlen) {
        uint32_t i = c->queue[c->qhead];
        c->qhead = c->qhead + 1 == c->ob->n ? 0 : c->qhead + 1;
        c->qlen--;
        c->fl[i] &= (uint8_t)~F_LISTED;
        if (c->cut)
            continue;
        relax(c, i);
        if (c->work > c->cap)
            c->cut = true;
    }
}

/* Adds the candidates that cannot pay in full to the default set; returns how many. */
static size_t new_defaults(Clr *c, int k, int *round)
{
    size_t nnew = 0, ncand = c->ncand;
    c->ncand = 0;
    for (size_t x = 0; x < ncand; x++) {
        uint32_t i = c->candlist[x];
        c->fl[i] &= (uint8_t)~F_LISTED;
        if ((c->fl[i] & F_DEF) || !insolvent(c, i))
            continue;
        c->fl[i] |= F_DEF;
        round[i] = k;
        enqueue(c, i);
        nnew++;
    }
    return nnew;
}

static void initial(Clr *c, int *round)
{
    const Csr *ob = c->ob;
    for (size_t i = 0; i < ob->n; i++) {
        c->p[i] = c->forced && c->forced[i] ? 0 : ob->rowsum[i];
        c->in[i] = 0;
        round[i] = 0;
    }
    for (size_t i = 0; i < ob->n; i++)
        if (c->p[i] > 0)
            for (size_t k = ob->off[i]; k < ob->off[i + 1]; k++)
                c->in[ob->to[k]] += ob->amt[k];
    for (size_t i = 0; i < ob->n; i++) {
        c->fl[i] = F_LISTED;
        c->candlist[i] = (uint32_t)i;
    }
    c->ncand = ob->n;
}

void clearing_run(const Csr *ob, const double *e, double alpha, double beta,
                  const bool *forced, double *p, double *in, int *round, ClearingStats *st)
{
    size_t n = ob->n, z = n ? n : 1;
    Clr c = {ob, e, forced, alpha, beta, p, in, xcalloc(z, 1), xmalloc(z * sizeof(uint32_t)),
             xmalloc(z * sizeof(uint32_t)), 0, 0, 0, 0,
             (size_t)CLEAR_WORK_FACTOR * (n + ob->m), false};
    st->rounds = 0;
    initial(&c, round);
    /* At most n + 1 rounds: every round but the last adds at least one default. */
    for (int k = 1; (size_t)k <= n + 1; k++) {
        if (!new_defaults(&c, k, round))
            break;
        st->rounds = k;
        solve(&c);
    }
    st->work = c.work;
    st->converged = !c.cut;
    free(c.fl);
    free(c.queue);
    free(c.candlist);
}
