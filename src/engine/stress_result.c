/* stress_result.c - what the yearly clearing leaves behind (stress_int.h): the result's
 * arrays, the guarantees' books, warrants vested by what was paid, the equity channel
 * (DebtRank on book equity from the losses) and losses against the base world
 * (docs/STRESS.md "Equity channel" and "Losses"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "debtrank.h"
#include "stress_int.h"

static void *alloc_n(StressResult *r, size_t count, size_t size)
{
    return arena_alloc(&r->arena, (count ? count : 1) * size);
}

StressResult *stress_result_new(size_t n, int nyears, int first_year, const StressParams *p)
{
    StressResult *r = xcalloc(1, sizeof *r);
    arena_init(&r->arena);
    r->n = n;
    r->nyears = nyears;
    r->first_year = first_year;
    double **d[] = {&r->obligation, &r->payment, &r->external, &r->received, &r->shortfall,
                    &r->equity, &r->distress, &r->loss, &r->stake_loss, &r->guarantee_out,
                    &r->default_cost, &r->cash_end, &r->paid_frac};
    for (size_t k = 0; k < sizeof d / sizeof *d; k++)
        *d[k] = alloc_n(r, n, sizeof(double));
    int **i[] = {&r->year, &r->cured, &r->round};
    for (size_t k = 0; k < sizeof i / sizeof *i; k++)
        *i[k] = alloc_n(r, n, sizeof(int));
    r->forced = alloc_n(r, n, sizeof(bool));
    r->insolvent = alloc_n(r, n, sizeof(bool));
    r->in_base = alloc_n(r, n, sizeof(bool));
    size_t ny = (size_t)nyears * n;
    r->cash_y = alloc_n(r, ny, sizeof(double));
    r->dues_y = alloc_n(r, ny, sizeof(double));
    r->paid_y = alloc_n(r, ny, sizeof(double));
    r->short_y = alloc_n(r, ny, sizeof(bool));
    memset(r->short_y, 0, (ny ? ny : 1) * sizeof(bool));
    r->in_y = alloc_n(r, ny, sizeof(double));
    r->revenue_y = alloc_n(r, ny, sizeof(double));
    r->params = *p;
    r->params.forced = NULL;
    r->params.nforced = r->params.capforced = 0;
    return r;
}

void stress_result_guarantees(StressResult *r, const Run *u)
{
    r->guarantees = arena_alloc(&r->arena, (u->ng + 1) * sizeof *r->guarantees);
    r->nguarantees = u->ng;
    for (size_t k = 0; k < u->ng; k++) {
        const Guar *g = &u->g[k];
        r->guarantees[k] = (StressGuarantee){g->deal, g->by, g->party,
                                             g->k == SIZE_MAX ? DEAL_NONE : u->plan.id[g->k],
                                             g->cap, g->called, g->paid};
    }
}

void stress_result_credits(StressResult *r, const Run *u)
{
    r->credits = alloc_n(r, u->nfac, sizeof *r->credits);
    r->ncredits = u->nfac;
    for (size_t j = 0; j < u->nfac; j++) {
        const Deal *d = &u->plan.deal[u->fac[j]];
        r->credits[j] = (StressCredit){u->plan.id[u->fac[j]], d->payer, d->payee, d->amount, 0, 0,
                                       alloc_n(r, (size_t)r->nyears, sizeof(double))};
    }
}

/* The paid share of payer v's dues in year y (1 when it owed nothing; a year of a forced
 * default paid nothing, so 0 there, and what it paid before that year counts). */
static double paid_share(const StressResult *r, EntId v, int y)
{
    size_t at = (size_t)(y - r->first_year) * r->n + v;
    double L = r->dues_y[at];
    return L > 0 ? fmin(1, r->paid_y[at] / L) : 1;
}

/* The paid fraction of a milestone deal: what was settled before `as of`, plus each year's
 * payment times the share of its dues the payer paid that year. A cancelled or dropped
 * milestone vests nothing. */
static double milestone_paid(const StressResult *r, const Run *u, DealId id)
{
    const DuePlan *p = &u->plan;
    size_t k = 0;
    while (k < p->nd && p->id[k] != id)
        k++;
    if (id == DEAL_NONE || k == p->nd)
        return 0;
    double total = deal_total(&p->deal[k], &p->h);
    if (!(total > 0))
        return 0;
    double paid = total - deal_owed(&p->deal[k], &p->h);
    for (int y = p->h.first; y <= p->h.last; y++)
        paid += dues_payment(p, k, y) * paid_share(r, p->deal[k].payer, y);
    double f = paid / total;
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

static void warrants(StressResult *r, const Run *u)
{
    size_t nd = world_n_deals(u->w), cap = 0;
    Deal d;
    for (DealId id = 0; id < nd; id++) {
        if (!world_deal(u->w, id, &d) || d.kind != VERB_GRANTS || d.payer >= u->n)
            continue;
        const Entity *g = world_entity(u->w, d.payer);
        double f = milestone_paid(r, u, d.milestone), vested = d.amount * f;
        double price = (g->has & (1u << A_PRICE)) ? g->attr[A_PRICE] : 0;
        double shares = (g->has & (1u << A_SHARES)) ? g->attr[A_SHARES] : 0;
        if (r->nwarrants == cap) {
            cap = cap ? cap * 2 : 8;
            StressWarrant *nw = arena_alloc(&r->arena, cap * sizeof *nw);
            if (r->nwarrants)
                memcpy(nw, r->warrants, r->nwarrants * sizeof *nw);
            r->warrants = nw;
        }
        r->warrants[r->nwarrants++] = (StressWarrant){
            id, d.payer, d.payee, f, vested, vested * fmax(price - d.price, 0),
            shares > 0 ? vested / (shares + vested) : 0};
    }
    if (!r->warrants)
        r->warrants = arena_alloc(&r->arena, sizeof *r->warrants);
}

/* equity, else valuation, else shares x price; 0 = no equity channel. */
static double equity_of(const Entity *e)
{
    double q = 0;
    if (e->has & (1u << A_EQUITY))
        q = e->attr[A_EQUITY];
    else if (e->has & (1u << A_VALUATION))
        q = e->attr[A_VALUATION];
    else if ((e->has & (1u << A_SHARES)) && (e->has & (1u << A_PRICE)))
        q = e->attr[A_SHARES] * e->attr[A_PRICE];
    return q > 0 ? q : 0;
}

/* Stakes, investee -> investor: what was invested. */
static void stakes(const Run *u, Csr *st)
{
    WEdge *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t k = 0; k < u->plan.nd; k++) {
        const Deal *d = &u->plan.deal[k];
        double x = deal_total(d, &u->plan.h);
        if (d->kind != VERB_INVESTS || !(x > 0))
            continue;
        v = vec_grow(v, &cap, nv + 1, sizeof *v);
        v[nv++] = (WEdge){d->payee, d->payer, x};
    }
    csr_build(st, u->n, v, nv);
    free(v);
}

/* DebtRank from each entity's loss of cash against the base (a payment default is
 * distress 1); a stake lost is the amount invested x the investee's distress. */
static void equity_channel(StressResult *r, const Run *u, const StressResult *b)
{
    size_t n = u->n;
    Csr st;
    stakes(u, &st);
    double *lam = xcalloc(st.m + 1, sizeof *lam), *h0 = xcalloc(n + 1, sizeof *h0);
    for (EntId i = 0; i < n; i++) {
        r->equity[i] = equity_of(world_entity(u->w, i));
        double lost = b && i < b->n ? b->cash_end[i] - r->cash_end[i] : 0;
        h0[i] = r->round[i] ? 1 : r->equity[i] > 0 ? fmin(1, fmax(0, lost) / r->equity[i]) : 0;
    }
    for (size_t k = 0; k < st.m; k++) {
        double q = r->equity[st.to[k]];
        lam[k] = q > 0 ? st.amt[k] / q : 0;
    }
    bool conv = true;
    debtrank_run(r->params.debtrank, &st, lam, h0, r->distress, &conv);
    r->converged &= conv;
    for (EntId j = 0; j < n; j++)
        for (size_t k = st.off[j]; k < st.off[j + 1]; k++)
            r->stake_loss[st.to[k]] += st.amt[k] * r->distress[j];
    for (EntId i = 0; i < n; i++)
        r->insolvent[i] = !r->round[i] && r->equity[i] > 0 && r->distress[i] >= 1 - 1e-9;
    free(lam);
    free(h0);
    csr_free(&st);
}

void stress_result_finish(StressResult *r, const Run *u, const StressResult *b)
{
    warrants(r, u);
    equity_channel(r, u, b);
    for (EntId i = 0; b && i < r->n; i++) {
        bool in = i < b->n;
        r->loss[i] = (in ? b->cash_end[i] : 0) - r->cash_end[i] +
                     r->stake_loss[i] - (in ? b->stake_loss[i] : 0);
        r->in_base[i] = in && r->round[i] && b->round[i];
    }
}
