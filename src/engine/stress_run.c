/* stress_run.c - the yearly clearing (docs/STRESS.md "The yearly clearing"): for each year
 * from the first to the last, the dues of the year (dues.h) plus the arrears of earlier
 * years, each entity's resources (its cash and its revenue from outside), the greatest
 * clearing vector of the year with guarantee calls and credit draws as a fixed point
 * inside it, then
 * defaults, arrears to the same creditors and the cash carried to the next year. What
 * happens up to a year depends on nothing scheduled after it. The equity channel, warrants
 * and losses run on the result (stress_result.c). */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "credit.h"
#include "dues.h"
#include "stress_int.h"

/* Bounds: at most CREDIT_MAX_PASSES clearings a year while guarantee calls or credit draws
 * move (then the result says it did not converge); each clearing at most n + 1 rounds
 * (clearing.h). */

static void push(WEdge **v, size_t *n, size_t *cap, uint32_t a, uint32_t b, double x)
{
    if (!(x > 0) || a == b)
        return;
    *v = vec_grow(*v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = (WEdge){a, b, x};
}

/* The index in the plan of deal id, or SIZE_MAX (the plan holds its money deals sorted). */
static size_t plan_index(const DuePlan *p, DealId id)
{
    size_t lo = 0, hi = p->nd;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->id[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->nd && p->id[lo] == id ? lo : SIZE_MAX;
}

/* The guarantees of the world: a labelled deal's obligor and creditor, or a party. */
static void gather_guarantees(Run *u)
{
    size_t nd = world_n_deals(u->w), cap = 0;
    Deal d;
    for (DealId id = 0; id < nd; id++) {
        if (!world_deal(u->w, id, &d) || d.kind != VERB_GUARANTEES || !d.binding ||
            !(d.amount > 0) || d.payer >= u->n || d.payee >= u->n)
            continue;
        Guar g = {.deal = id, .by = d.payer, .party = d.payee, .creditor = ENT_NONE,
                  .k = SIZE_MAX, .cap = d.amount, .left = d.amount};
        if (d.milestone != DEAL_NONE) {
            g.k = plan_index(&u->plan, d.milestone);
            if (g.k == SIZE_MAX)
                continue;   /* the deal was cancelled or dropped: nothing to cover */
            const Deal *c = &u->plan.deal[g.k];
            g.loan = c->kind == VERB_LENDS;
            g.party = deal_debtor(c);
            g.creditor = deal_creditor(c);
        }
        if (g.by == g.party)
            continue;
        u->g = vec_grow(u->g, &cap, u->ng + 1, sizeof *u->g);
        u->g[u->ng++] = g;
    }
}

/* What the covered party did not pay this year of what the guarantee covers. */
static double uncovered(const Run *u, const Guar *g, int year)
{
    double miss = 1 - u->f[g->party];
    if (g->k == SIZE_MAX)
        return u->ob.rowsum[g->party] - u->pay[g->party];
    double due = (g->loan ? dues_service(&u->plan, g->k, year)
                          : dues_payment(&u->plan, g->k, year)) + g->deal_arrears;
    return due * miss;
}

/* Set each call to what its party still misses this year, within what is left of the
 * guarantee: the next step of the fixed point of the calls. Returns whether one moved. */
static bool raise_calls(Run *u, int year)
{
    bool moved = false;
    for (size_t k = 0; k < u->ng; k++) {
        Guar *g = &u->g[k];
        double want = fmin(g->left, fmax(0, uncovered(u, g, year)));
        if (fabs(want - g->call) > CLEAR_TOL * fmax(1, g->cap)) {
            g->call = want;
            moved = true;
        }
    }
    return moved;
}

/* The call lines: to the covered deal's creditor, or to the party's creditors pro rata. */
static void call_lines(Run *u, const Csr *row_of)
{
    for (size_t k = 0; k < u->ng; k++) {
        Guar *g = &u->g[k];
        if (!(g->call > 0))
            continue;
        if (g->k != SIZE_MAX) {
            push(&u->lines, &u->nl, &u->capl, g->by, g->creditor, g->call);
            continue;
        }
        double L = row_of->rowsum[g->party];
        for (size_t j = row_of->off[g->party]; L > 0 && j < row_of->off[g->party + 1]; j++)
            push(&u->lines, &u->nl, &u->capl, g->by, row_of->to[j],
                 g->call * row_of->amt[j] / L);
    }
}

/* Set each facility's draw to what its borrower lacks in this clearing: its dues less its
 * resources and all it received but its draws and guarantee calls (a borrower draws before
 * any guarantor is called; a market or a forced entity draws nothing). The next step of
 * the same fixed point as the calls. Returns whether a draw moved. */
static bool raise_draws(Run *u, int year)
{
    if (!u->nfac)
        return false;
    memset(u->lent, 0, u->N * sizeof *u->lent);
    memset(u->drew, 0, u->N * sizeof *u->drew);
    credit_flows(&u->plan, u->f, u->lent, u->drew);
    for (size_t k = u->nsched; k < u->ncalled; k++)
        u->drew[u->lines[k].to] += u->lines[k].amt * u->f[u->lines[k].from];
    for (EntId i = 0; i < u->n; i++) {
        double L = u->ob.rowsum[i], x = L - u->e[i] - (u->in[i] - u->drew[i]);
        u->lack[i] = u->market[i] || u->forced[i] || !(x > CLEAR_TOL * L) ? 0 : x;
    }
    return credit_set_draws(&u->plan, year, u->lack);
}

static void clear_once(Run *u)
{
    csr_free(&u->ob);
    csr_build(&u->ob, u->N, u->lines, u->nl);
    for (size_t i = 0; i < u->n; i++)
        if (u->market[i])
            u->e[i] = u->ob.rowsum[i];   /* a market pays what it owes */
    ClearingStats st;
    clearing_run(&u->ob, u->e, u->p->alpha, u->p->beta, u->forced, u->pay, u->in, u->round,
                 &st);
    u->converged &= st.converged;
    for (size_t i = 0; i < u->N; i++) {
        double L = u->ob.rowsum[i];
        u->f[i] = u->forced[i] ? 0 : L > 0 ? fmin(1, u->pay[i] / L) : 1;
    }
}

/* Asked before every clearing (params.cancel: Ctrl-C in the REPL); once true, stays true. */
static bool cancelled(Run *u)
{
    if (!u->r->cancelled && u->p->cancel && u->p->cancel(u->p->cancel_ud))
        u->r->cancelled = true;
    return u->r->cancelled;
}

/* Clear the year, moving guarantee calls and credit draws until they are a fixed point
 * (from no calls and no draws): a borrower draws before its guarantor is called. */
static void clear_year(Run *u, int year)
{
    for (size_t k = 0; k < u->ng; k++)
        u->g[k].call = 0;
    size_t nsched = u->nsched = u->ncalled = u->nl;
    clear_once(u);
    for (int pass = 1; (u->ng || u->nfac) && !cancelled(u); pass++) {
        bool moved = raise_calls(u, year);
        if (!(raise_draws(u, year) || moved))
            break;
        if (pass >= CREDIT_MAX_PASSES) {
            u->converged = false;
            break;
        }
        Csr rows = u->ob;   /* the parties' rows before the calls are added */
        u->ob = (Csr){0};
        u->nl = nsched;
        call_lines(u, &rows);
        csr_free(&rows);
        u->ncalled = u->nl;
        credit_lines(&u->plan, &u->lines, &u->nl, &u->capl);
        clear_once(u);
    }
}

/* How much of i's debt to j a call settled this year (the guarantor took it over). */
static double settled(const Run *u, EntId i, uint32_t j, double row_amt, double row_sum)
{
    double s = 0;
    for (size_t k = 0; k < u->ng; k++) {
        const Guar *g = &u->g[k];
        if (g->party != i || !(g->call > 0))
            continue;
        if (g->k != SIZE_MAX && g->creditor == j)
            s += g->call;
        else if (g->k == SIZE_MAX && row_sum > 0)
            s += g->call * row_amt / row_sum;
    }
    return s;
}

/* Arrears under this share of the payer's dues of the year are rounding left by the fixed
 * point of calls and draws (it stops within 1e-9 of each call), not a debt: a guarantor
 * that covered all of a shortfall leaves none (docs/STRESS.md, step 4). */
#define ARREARS_TOL 1e-6

/* What i did not pay stays owed to the same creditors, less what calls settled. */
static void carry_arrears(Run *u)
{
    u->na = 0;
    for (EntId i = 0; i < u->n; i++) {
        if (u->f[i] >= 1)
            continue;
        double L = u->ob.rowsum[i];
        for (size_t k = u->ob.off[i]; k < u->ob.off[i + 1]; k++) {
            double a = u->ob.amt[k] * (1 - u->f[i]) - settled(u, i, u->ob.to[k], u->ob.amt[k], L);
            if (a > ARREARS_TOL * L)
                push(&u->arrears, &u->na, &u->capa, i, u->ob.to[k], a);
        }
    }
}

/* The guarantees' books after the year: calls count against the cap; a covered deal's
 * own arrears are what the party missed on it less the call. */
static void settle_guarantees(Run *u, int year)
{
    for (size_t k = 0; k < u->ng; k++) {
        Guar *g = &u->g[k];
        if (g->k != SIZE_MAX) {
            double miss = uncovered(u, g, year) - g->call;
            g->deal_arrears = miss > 0 ? miss : 0;
        }
        g->left -= g->call;
        g->called += g->call;
        g->paid += g->call * u->f[g->by];
        u->r->guarantee_out[g->by] += g->call * u->f[g->by];
    }
}

/* The facilities' books after year y: each draw, and what the lender paid of it. */
static void settle_credits(Run *u, int y)
{
    for (size_t j = 0; j < u->nfac; j++) {
        StressCredit *c = &u->r->credits[j];
        double x = u->plan.draw[u->fac[j]];
        c->drawn_y[y - u->r->first_year] = x;
        c->drawn += x;
        c->paid += x * u->f[c->lender];
    }
}

/* Record year y: defaults, cures, cash carried. */
static void close_year(Run *u, int y)
{
    StressResult *r = u->r;
    size_t n = u->n, row = (size_t)(y - r->first_year) * n;
    for (EntId i = 0; i < n; i++) {
        double L = u->ob.rowsum[i], pay = u->pay[i], in = u->in[i];
        bool short_ = u->forced[i] || (L > 0 && pay < L - CLEAR_TOL * L);
        if (short_ && !r->round[i]) {
            r->year[i] = y;
            r->forced[i] = u->forced[i];   /* its default is the forced one */
            r->round[i] = u->forced[i] ? 1 : u->round[i] ? u->round[i] : 1;
            r->paid_frac[i] = L > 0 ? pay / L : 1;
        } else if (short_) {
            r->cured[i] = 0;   /* short again: a cure counts only when it lasts */
        } else if (L > 0 && r->round[i] && !r->cured[i]) {
            r->cured[i] = y;   /* a year with no dues cures nothing (docs/STRESS.md) */
        }
        r->rounds = u->round[i] > r->rounds ? u->round[i] : r->rounds;
        r->obligation[i] += L - u->arr_in[i];
        r->payment[i] += pay;
        r->received[i] += in;
        r->dues_y[row + i] = L;
        r->paid_y[row + i] = pay;
        r->short_y[row + i] = short_;
        r->in_y[row + i] = in;
        if (u->market[i]) {
            r->external[i] += pay;
            continue;
        }
        double left = u->e[i] - pay + in;
        if (short_) {
            r->default_cost[i] += left > 0 ? left : 0;
            left = 0;   /* it paid all it had; with recovery below 100% the rest is lost */
        }
        u->cash[i] = left;
        r->cash_y[row + i] = left;
    }
}

static void year_step(Run *u, int y)
{
    for (EntId i = 0; i < u->n; i++)
        u->forced[i] = y >= u->force_from[i];
    u->nl = 0;
    dues_of_year(&u->plan, y, &u->lines, &u->nl, &u->capl);
    memset(u->arr_in, 0, u->N * sizeof *u->arr_in);
    for (size_t k = 0; k < u->na; k++) {
        push(&u->lines, &u->nl, &u->capl, u->arrears[k].from, u->arrears[k].to,
             u->arrears[k].amt);
        u->arr_in[u->arrears[k].from] += u->arrears[k].amt;
    }
    const Horizon *h = &u->plan.h;
    for (EntId i = 0; i < u->n; i++) {
        double rev = u->market[i] ? 0 : revenue_in_year(u->w, i, h, y);
        u->e[i] = u->cash[i] + rev;
        u->r->revenue_y[(size_t)(y - u->r->first_year) * u->n + i] = rev;
        if (!u->market[i])
            u->r->external[i] += rev;
    }
    clear_year(u, y);
    u->to_outside += u->in[u->n];
    settle_guarantees(u, y);
    settle_credits(u, y);
    carry_arrears(u);
    close_year(u, y);
    dues_paid(&u->plan, y, u->f);
}

static void run_init(Run *u, const World *w, const StressParams *p)
{
    memset(u, 0, sizeof *u);
    u->w = w;
    u->p = p;
    dues_init(&u->plan, w);
    u->n = u->plan.n;
    u->N = u->n + 1;
    size_t N = u->N;
    u->cash = xcalloc(N, sizeof *u->cash);
    u->e = xcalloc(N, sizeof *u->e);
    u->pay = xcalloc(N, sizeof *u->pay);
    u->in = xcalloc(N, sizeof *u->in);
    u->f = xcalloc(N, sizeof *u->f);
    u->arr_in = xcalloc(N, sizeof *u->arr_in);
    u->round = xcalloc(N, sizeof *u->round);
    u->forced = xcalloc(N, sizeof *u->forced);
    u->market = xcalloc(N, sizeof *u->market);
    u->lack = xcalloc(N, sizeof *u->lack);
    u->lent = xcalloc(N, sizeof *u->lent);
    u->drew = xcalloc(N, sizeof *u->drew);
    for (size_t k = 0, cap = 0; k < u->plan.nd; k++)
        if (u->plan.deal[k].kind == VERB_COMMITS) {
            u->fac = vec_grow(u->fac, &cap, u->nfac + 1, sizeof *u->fac);
            u->fac[u->nfac++] = k;
        }
    u->converged = true;
    for (EntId i = 0; i < u->n; i++) {
        const Entity *e = world_entity(w, i);
        u->market[i] = e->kind == ENT_MARKET;
        u->cash[i] = (e->has & (1u << A_CASH)) ? e->attr[A_CASH] : 0;
    }
    u->force_from = xcalloc(N, sizeof *u->force_from);
    for (EntId i = 0; i < N; i++)
        u->force_from[i] = INT_MAX;
    for (size_t k = 0; k < p->nforced; k++)
        if (p->forced[k].ent < u->n)
            u->force_from[p->forced[k].ent] = p->forced[k].from;
    gather_guarantees(u);
}

static void run_free(Run *u)
{
    dues_free(&u->plan);
    csr_free(&u->ob);
    free(u->g);
    free(u->fac);
    free(u->lack);
    free(u->lent);
    free(u->drew);
    free(u->lines);
    free(u->arrears);
    free(u->cash);
    free(u->e);
    free(u->pay);
    free(u->in);
    free(u->f);
    free(u->arr_in);
    free(u->round);
    free(u->forced);
    free(u->force_from);
    free(u->market);
}

StressResult *stress_run(const World *w, const World *base, const StressParams *p)
{
    StressResult *b = NULL;
    if (base) {
        StressParams bp;
        stress_params_init(&bp);
        b = stress_run_against(base, NULL, &bp);
    }
    StressResult *r = stress_run_against(w, b, p);
    stress_free(b);
    return r;
}

StressResult *stress_run_against(const World *w, const StressResult *base, const StressParams *p)
{
    Run u;
    run_init(&u, w, p);
    const Horizon *h = &u.plan.h;
    StressResult *r = u.r = stress_result_new(u.n, horizon_years(h), h->first, p);
    stress_result_credits(r, &u);
    for (EntId i = 0; i < u.n; i++)
        if (!u.market[i])
            r->external[i] = u.cash[i];
    for (int y = h->first; y <= h->last && !cancelled(&u); y++)
        year_step(&u, y);
    for (size_t k = 0; k < u.na; k++)
        r->shortfall[u.arrears[k].from] += u.arrears[k].amt;
    for (EntId i = 0; i < u.n; i++)
        r->cash_end[i] = u.market[i] ? 0 : u.cash[i];
    r->to_outside = u.to_outside;
    stress_result_guarantees(r, &u);
    r->converged = u.converged;
    stress_result_finish(r, &u, base);
    run_free(&u);
    return r;
}
