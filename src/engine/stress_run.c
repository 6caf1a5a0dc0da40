/* stress_run.c - the what-if model on one world: obligations from deals, clearing,
 * guarantees, the equity channel (DebtRank), warrants, and losses against the base.
 *
 * The loop (docs/STRESS.md "Algorithm"):
 *   repeat (outer, at most n + 1 times: each pass adds a distress default or stops)
 *     repeat (at most GUAR_MAX_PASSES): clear; raise guarantee calls to the guaranteed
 *       parties' shortfalls; stop when no call moved
 *     distress from clearing losses, propagated by DebtRank; h = 1 defaults the entity
 *   until no new distress default.
 * Everything read from the World is gathered once into plain arrays (Net), so the passes
 * touch only numbers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "clearing.h"
#include "schedule.h"
#include "stress.h"

#define GUAR_MAX_PASSES 100

typedef struct Guar {
    DealId deal;
    EntId by, to;
    double cap;
} Guar;

typedef struct Net {
    size_t n;
    Horizon h;
    WEdge *ob;            /* obligations from deals (guarantee calls are added per pass) */
    size_t nob, capob;
    WEdge *st;            /* stakes: investee -> investor */
    size_t nst, capst;
    Guar *g;
    size_t ng, capg;
    DealId *grants;       /* warrants, in deal order */
    size_t ngr, capgr;
    double *e, *equity;
    Csr stakes;
    double *lam;          /* Lambda_ij parallel to stakes.to */
} Net;

static void push(WEdge **v, size_t *n, size_t *cap, EntId a, EntId b, double x)
{
    if (!(x > 0) || a == b)
        return;
    *v = vec_grow(*v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = (WEdge){a, b, x};
}

/* What the borrower repays: the principal plus simple interest at the loan's rate over the
 * years from its start to `due` (else the horizon's end). A loan due before `as of` has
 * been repaid and leaves nothing. */
static double repayment(const Deal *d, const Horizon *h)
{
    if (d->due != MONTH_NONE && h->asof != MONTH_NONE && d->due <= h->asof)
        return 0;
    double principal = deal_total(d, h);
    int32_t s, e;
    deal_span(d, h, &s, &e);
    int32_t end = d->due != MONTH_NONE ? d->due : (h->last + 1) * 12;
    double years = end > s ? (end - s) / 12.0 : 0;
    return principal * (1 + (d->price > 0 ? d->price * years : 0));
}

static void gather_deal(Net *m, DealId id, const Deal *d)
{
    switch (d->kind) {
    case VERB_INVESTS:
        push(&m->st, &m->nst, &m->capst, d->payee, d->payer, deal_total(d, &m->h));
        push(&m->ob, &m->nob, &m->capob, d->payer, d->payee, deal_owed(d, &m->h));
        break;
    case VERB_LENDS:
        push(&m->ob, &m->nob, &m->capob, d->payer, d->payee, deal_owed(d, &m->h));
        push(&m->ob, &m->nob, &m->capob, d->payee, d->payer, repayment(d, &m->h));
        break;
    case VERB_BUYS:
    case VERB_PAYS:
        push(&m->ob, &m->nob, &m->capob, d->payer, d->payee, deal_owed(d, &m->h));
        break;
    case VERB_GUARANTEES:
        if (d->amount > 0 && d->payer != d->payee) {
            m->g = vec_grow(m->g, &m->capg, m->ng + 1, sizeof *m->g);
            m->g[m->ng++] = (Guar){id, d->payer, d->payee, d->amount};
        }
        break;
    case VERB_GRANTS:
        m->grants = vec_grow(m->grants, &m->capgr, m->ngr + 1, sizeof *m->grants);
        m->grants[m->ngr++] = id;
        break;
    }
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

static void gather_entities(Net *m, const World *w)
{
    double *owes = xcalloc(m->n, sizeof *owes);
    for (size_t k = 0; k < m->nob; k++)
        owes[m->ob[k].from] += m->ob[k].amt;
    for (EntId i = 0; i < m->n; i++) {
        const Entity *e = world_entity(w, i);
        double own = e->attr[A_CASH] + revenue_over(e, &m->h);
        /* A market pays from outside the graph: it always has what it owes. */
        m->e[i] = (e->kind == ENT_MARKET ? owes[i] : 0) + (own > 0 ? own : 0);
        m->equity[i] = equity_of(e);
    }
    free(owes);
}

static void net_build(Net *m, const World *w)
{
    memset(m, 0, sizeof *m);
    m->n = world_n_entities(w);
    m->h = horizon_of(w);
    m->e = xcalloc(m->n, sizeof *m->e);
    m->equity = xcalloc(m->n, sizeof *m->equity);
    size_t nd = world_n_deals(w);
    Deal d;
    for (DealId id = 0; id < nd; id++)
        if (world_deal(w, id, &d) && d.binding && d.payer < m->n && d.payee < m->n)
            gather_deal(m, id, &d);
    gather_entities(m, w);
    csr_build(&m->stakes, m->n, m->st, m->nst);
    m->lam = xcalloc(m->stakes.m, sizeof *m->lam);
    for (size_t k = 0; k < m->stakes.m; k++) {
        double q = m->equity[m->stakes.to[k]];
        m->lam[k] = q > 0 ? m->stakes.amt[k] / q : 0;
    }
}

static void net_free(Net *m)
{
    free(m->ob);
    free(m->st);
    free(m->g);
    free(m->grants);
    free(m->e);
    free(m->equity);
    free(m->lam);
    csr_free(&m->stakes);
}

/* ---- the passes ---- */

typedef struct Run {
    Net *m;
    const StressParams *p;
    StressResult *r;
    Csr base_ob;          /* obligations from deals, built once */
    Csr call_ob;          /* the same plus guarantee calls, rebuilt when a call moves */
    const Csr *ob;        /* this pass's obligations: one of the two */
    double *called;       /* per guarantee: what the guarantor is obliged to pay */
    double *owed_to;      /* column sums of ob */
    double *h0;
    bool *forced;         /* `X defaults` and distress defaults */
    int *inner, *first;   /* this clearing's rounds; the round each entity first defaulted */
    int R;                /* the last round used so far */
    bool converged;
} Run;

static double gpaid(const Run *u, size_t k)
{
    EntId a = u->m->g[k].by;
    double L = u->ob->rowsum[a];
    return L > 0 ? u->called[k] * u->r->payment[a] / L : 0;
}

/* The obligations of this pass: the deals' CSR, built once, or (once a guarantee has been
 * called) a CSR with the calls merged in. */
static void pass_obligations(Run *u)
{
    Net *m = u->m;
    size_t ncalled = 0;
    for (size_t k = 0; k < m->ng; k++)
        ncalled += u->called[k] > 0;
    if (!ncalled) {
        if (!u->base_ob.off)
            csr_build(&u->base_ob, m->n, m->ob, m->nob);
        u->ob = &u->base_ob;
        return;
    }
    WEdge *all = xmalloc((m->nob + ncalled) * sizeof *all);
    if (m->nob)
        memcpy(all, m->ob, m->nob * sizeof *all);
    size_t na = m->nob;
    for (size_t k = 0; k < m->ng; k++)
        if (u->called[k] > 0)
            all[na++] = (WEdge){m->g[k].by, m->g[k].to, u->called[k]};
    csr_free(&u->call_ob);
    csr_build(&u->call_ob, m->n, all, na);
    free(all);
    u->ob = &u->call_ob;
}

static void clear_pass(Run *u, bool calls_moved)
{
    Net *m = u->m;
    if (!u->ob || calls_moved)
        pass_obligations(u);
    StressResult *r = u->r;
    ClearingStats st;
    clearing_run(u->ob, m->e, u->p->alpha, u->p->beta, u->forced, r->payment, r->received,
                 u->inner, &st);
    u->converged &= st.converged;
    int top = u->R;
    for (size_t i = 0; i < m->n; i++)
        if (u->inner[i] && !u->first[i]) {
            u->first[i] = u->R + u->inner[i];
            top = u->first[i] > top ? u->first[i] : top;
        }
    u->R = top;
}

/* Raises each call to what its party is still short, counting back what the guarantees
 * already paid it (so a call is not shrunk by its own payment). Several guarantees of one
 * party cover it in deal order. Calls only rise. Returns whether one moved. */
static bool update_guarantees(Run *u, bool apply)
{
    Net *m = u->m;
    double *rem = u->h0; /* scratch, reset below */
    for (size_t k = 0; k < m->ng; k++) {
        EntId b = m->g[k].to;
        rem[b] = u->ob->rowsum[b] - u->r->payment[b];
    }
    for (size_t k = 0; k < m->ng; k++)
        rem[m->g[k].to] += gpaid(u, k);
    bool moved = false;
    for (size_t k = 0; k < m->ng; k++) {
        double *left = &rem[m->g[k].to];
        double want = fmin(m->g[k].cap, *left > 0 ? *left : 0);
        *left -= want;
        if (want > u->called[k] + CLEAR_TOL * fmax(1, m->g[k].cap)) {
            moved = true;
            if (apply)
                u->called[k] = want;
        }
    }
    for (size_t k = 0; k < m->ng; k++)
        rem[m->g[k].to] = 0;
    return moved;
}

/* Distress from this clearing, propagated; returns how many new entities reached h = 1. */
static size_t distress_pass(Run *u)
{
    Net *m = u->m;
    StressResult *r = u->r;
    memset(u->owed_to, 0, m->n * sizeof *u->owed_to);
    memset(r->guarantee_out, 0, m->n * sizeof *r->guarantee_out);
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = u->ob->off[i]; k < u->ob->off[i + 1]; k++)
            u->owed_to[u->ob->to[k]] += u->ob->amt[k];
    for (size_t k = 0; k < m->ng; k++)
        r->guarantee_out[m->g[k].by] += gpaid(u, k);
    for (size_t i = 0; i < m->n; i++) {
        double lost = u->owed_to[i] - r->received[i];
        r->unpaid[i] = lost > 0 ? lost : 0;
        double q = m->equity[i];
        u->h0[i] = u->inner[i] ? 1 : q > 0 ? fmin(1, (r->unpaid[i] + r->guarantee_out[i]) / q) : 0;
    }
    bool conv = true;
    debtrank_run(u->p->debtrank, &m->stakes, m->lam, u->h0, r->distress, &conv);
    u->converged &= conv;
    size_t fresh = 0;
    for (size_t i = 0; i < m->n; i++)
        if (!u->inner[i] && m->equity[i] > 0 && r->distress[i] >= 1 - DR_TOL) {
            u->forced[i] = true;
            r->by_distress[i] = true;
            if (!u->first[i])
                u->first[i] = u->R + 1;
            fresh++;
        }
    u->R += fresh ? 1 : 0;
    return fresh;
}

static void run_passes(Run *u)
{
    size_t n = u->m->n;
    for (size_t outer = 0;; outer++) {
        u->r->outer_rounds = (int)outer + 1;
        for (int gp = 1;; gp++) {
            clear_pass(u, gp > 1);
            bool last = gp >= GUAR_MAX_PASSES;
            if (!update_guarantees(u, !last))
                break;
            if (last) {
                u->converged = false;
                break;
            }
        }
        if (!distress_pass(u))
            break;
        if (outer + 1 > n) {
            /* Unreachable in theory (each pass adds a default); a guard, not a model. */
            u->converged = false;
            break;
        }
    }
}

/* ---- results ---- */

static void *alloc_n(StressResult *r, size_t size) { return arena_alloc(&r->arena, (r->n ? r->n : 1) * size); }

static StressResult *result_new(size_t n, const StressParams *p)
{
    StressResult *r = xcalloc(1, sizeof *r);
    arena_init(&r->arena);
    r->n = n;
    r->obligation = alloc_n(r, sizeof(double));
    r->payment = alloc_n(r, sizeof(double));
    r->external = alloc_n(r, sizeof(double));
    r->received = alloc_n(r, sizeof(double));
    r->unpaid = alloc_n(r, sizeof(double));
    r->equity = alloc_n(r, sizeof(double));
    r->distress = alloc_n(r, sizeof(double));
    r->loss = alloc_n(r, sizeof(double));
    r->stake_loss = alloc_n(r, sizeof(double));
    r->guarantee_out = alloc_n(r, sizeof(double));
    r->round = alloc_n(r, sizeof(int));
    r->forced = alloc_n(r, sizeof(bool));
    r->by_distress = alloc_n(r, sizeof(bool));
    r->params = *p;
    r->params.forced = NULL;
    r->params.nforced = r->params.capforced = 0;
    return r;
}

/* The paid fraction of a milestone deal: what was settled before `as of`, plus what is
 * owed times the fraction of its obligations the payer paid in the clearing. A cancelled or
 * dropped milestone vests nothing. */
static double milestone_paid(const StressResult *r, const World *w, const Horizon *h, DealId id)
{
    Deal m;
    if (id == DEAL_NONE || !world_deal(w, id, &m))
        return 0;
    double total = deal_total(&m, h);
    if (!(total > 0))
        return 0;
    double owed = deal_owed(&m, h);
    double f = (total - owed + owed * stress_paid_fraction(r, m.payer)) / total;
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

static void stress_warrants(StressResult *r, const World *w, const Net *m)
{
    r->warrants = arena_alloc(&r->arena, (m->ngr + 1) * sizeof *r->warrants);
    Deal d;
    for (size_t k = 0; k < m->ngr; k++) {
        if (!world_deal(w, m->grants[k], &d))
            continue;
        const Entity *g = world_entity(w, d.payer);
        double f = milestone_paid(r, w, &m->h, d.milestone);
        double vested = d.amount * f;
        double price = (g->has & (1u << A_PRICE)) ? g->attr[A_PRICE] : 0;
        double shares = (g->has & (1u << A_SHARES)) ? g->attr[A_SHARES] : 0;
        r->warrants[r->nwarrants++] = (StressWarrant){
            m->grants[k], d.payer, d.payee, f, vested, vested * fmax(price - d.price, 0),
            shares > 0 ? vested / (shares + vested) : 0};
    }
}

static void finish(Run *u, const World *w)
{
    Net *m = u->m;
    StressResult *r = u->r;
    memcpy(r->obligation, u->ob->rowsum, m->n * sizeof(double));
    memcpy(r->external, m->e, m->n * sizeof(double));
    memcpy(r->equity, m->equity, m->n * sizeof(double));
    for (size_t i = 0; i < m->n; i++) {
        r->round[i] = u->inner[i] ? u->first[i] : 0;
        r->by_distress[i] = r->by_distress[i] && !r->forced[i];
        r->rounds = r->round[i] > r->rounds ? r->round[i] : r->rounds;
    }
    for (size_t j = 0; j < m->n; j++)
        for (size_t k = m->stakes.off[j]; k < m->stakes.off[j + 1]; k++)
            r->stake_loss[m->stakes.to[k]] += m->stakes.amt[k] * r->distress[j];
    r->guarantees = arena_alloc(&r->arena, (m->ng + 1) * sizeof *r->guarantees);
    r->nguarantees = m->ng;
    for (size_t k = 0; k < m->ng; k++)
        r->guarantees[k] = (StressGuarantee){m->g[k].deal, m->g[k].by, m->g[k].to, m->g[k].cap,
                                             u->called[k], gpaid(u, k)};
    r->converged = u->converged;
    stress_warrants(r, w, m);
}

/* loss = (base received - received) + (stake loss - base's) + (guarantee payments - base's) */
static void losses(StressResult *r, const StressResult *b)
{
    for (size_t i = 0; i < r->n; i++) {
        bool in_base = i < b->n;
        r->loss[i] = ((in_base ? b->received[i] : 0) - r->received[i]) +
                     (r->stake_loss[i] - (in_base ? b->stake_loss[i] : 0)) +
                     (r->guarantee_out[i] - (in_base ? b->guarantee_out[i] : 0));
    }
}

StressResult *stress_run(const World *w, const World *base, const StressParams *p)
{
    Net m;
    net_build(&m, w);
    StressResult *r = result_new(m.n, p);
    size_t z = m.n ? m.n : 1;
    Run u = {&m, p, r, {0}, {0}, NULL, xcalloc(m.ng + 1, sizeof(double)), xcalloc(z, sizeof(double)),
             xcalloc(z, sizeof(double)), xcalloc(z, sizeof(bool)), xcalloc(z, sizeof(int)),
             xcalloc(z, sizeof(int)), 0, true};
    for (size_t k = 0; k < p->nforced; k++)
        if (p->forced[k] < m.n)
            u.forced[p->forced[k]] = r->forced[p->forced[k]] = true;
    run_passes(&u);
    finish(&u, w);
    if (base) {
        StressParams bp;
        stress_params_init(&bp);
        StressResult *b = stress_run(base, NULL, &bp);
        losses(r, b);
        stress_free(b);
    }
    csr_free(&u.base_ob);
    csr_free(&u.call_ob);
    free(u.called);
    free(u.owed_to);
    free(u.h0);
    free(u.forced);
    free(u.inner);
    free(u.first);
    net_free(&m);
    return r;
}
