/* dues.c - the dues of one year of the model (dues.h; docs/STRESS.md "Dues"). */
#include "dues.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"

static bool is_money(const Deal *d)
{
    return d->binding && (verb_moves_money(d->kind) || d->kind == VERB_COMMITS);
}

static int year_of(int32_t month) { return month >= 0 ? month / 12 : -((-month + 11) / 12); }

void dues_init(DuePlan *p, const World *w)
{
    memset(p, 0, sizeof *p);
    p->w = w;
    p->h = horizon_of(w);
    p->n = world_n_entities(w);
    size_t nd = world_n_deals(w), cap = 0;
    Deal d;
    for (DealId id = 0; id < nd; id++) {
        if (!world_deal(w, id, &d) || !is_money(&d) || d.payer >= p->n || d.payee >= p->n)
            continue;
        if (p->nd == cap) {
            cap = cap ? cap * 2 : 64;
            p->deal = xrealloc(p->deal, cap * sizeof *p->deal);
            p->id = xrealloc(p->id, cap * sizeof *p->id);
        }
        p->deal[p->nd] = d;
        p->id[p->nd++] = id;
    }
    p->disbursed = xcalloc(p->nd ? p->nd : 1, sizeof *p->disbursed);
    p->draw = xcalloc(p->nd ? p->nd : 1, sizeof *p->draw);
    p->drawn = xcalloc(p->nd ? p->nd : 1, sizeof *p->drawn);
    /* What a loan disbursed before `as of` was paid in full. */
    for (size_t k = 0; k < p->nd; k++)
        if (p->deal[k].kind == VERB_LENDS)
            p->disbursed[k] = deal_total(&p->deal[k], &p->h) - deal_owed(&p->deal[k], &p->h);
}

void dues_free(DuePlan *p)
{
    free(p->deal);
    free(p->id);
    free(p->disbursed);
    free(p->draw);
    free(p->drawn);
    memset(p, 0, sizeof *p);
}

double dues_payment(const DuePlan *p, size_t k, int year)
{
    if (year < p->h.first || year > p->h.last)
        return 0;
    return deal_owed_in_year(&p->deal[k], &p->h, year);
}

/* The year a loan's principal falls due: its `due`; in a script with no dates, its one
 * year; none (INT32_MIN) when it has no `due`. A facility's draws are repaid in its `due`
 * year only: in a script with no dates they stay outstanding. */
static int principal_year(const Deal *d, const Horizon *h)
{
    if (d->kind == VERB_COMMITS)
        return h->dated && d->due != MONTH_NONE ? year_of(d->due) : INT32_MIN;
    if (!h->dated)
        return h->first;
    return d->due != MONTH_NONE ? year_of(d->due) : INT32_MIN;
}

double dues_service(const DuePlan *p, size_t k, int year)
{
    const Deal *d = &p->deal[k];
    if ((d->kind != VERB_LENDS && d->kind != VERB_COMMITS) || year < p->h.first ||
        year > p->h.last)
        return 0;
    int due = principal_year(d, &p->h);
    if (due != INT32_MIN && year > due)
        return 0;   /* repaid (or in arrears, which bear no interest) */
    double x = d->price > 0 ? d->price * p->disbursed[k] : 0;
    if (year == due)
        x += p->disbursed[k] + deal_in_year(d, &p->h, year);
    return x;
}

/* A debt's interest on what is not yet due, and its principal in the due years. */
static double debt_service(const Debt *d, int year)
{
    double years = (double)(d->last - d->first + 1), each = d->principal / years;
    double repaid = year <= d->first ? 0 : year > d->last ? d->principal
                                                           : each * (year - d->first);
    double x = d->rate * (d->principal - repaid);
    if (year >= d->first && year <= d->last)
        x += each;
    return x;
}

static void line(WEdge **v, size_t *nv, size_t *cap, uint32_t from, uint32_t to, double x)
{
    if (!(x > 0))
        return;
    *v = vec_grow(*v, cap, *nv + 1, sizeof **v);
    (*v)[(*nv)++] = (WEdge){from, to, x};
}

void dues_of_year(const DuePlan *p, int year, WEdge **v, size_t *nv, size_t *cap)
{
    uint32_t out = (uint32_t)p->n;
    for (size_t k = 0; k < p->nd; k++) {
        const Deal *d = &p->deal[k];
        line(v, nv, cap, d->payer, d->payee, dues_payment(p, k, year));
        if (d->kind == VERB_LENDS || d->kind == VERB_COMMITS)
            line(v, nv, cap, d->payee, d->payer, dues_service(p, k, year));
    }
    if (year < p->h.first || year > p->h.last)
        return;
    for (size_t i = 0; i < world_n_debts(p->w); i++) {
        const Debt *d = world_debt(p->w, i);
        if (d->ent < p->n)
            line(v, nv, cap, d->ent, out, debt_service(d, year));
    }
    for (EntId e = 0; e < p->n; e++)
        line(v, nv, cap, e, out, costs_in_year(p->w, e, &p->h, year));
}

void dues_paid(DuePlan *p, int year, const double *f)
{
    for (size_t k = 0; k < p->nd; k++) {
        double x = f[p->deal[k].payer];
        if (p->deal[k].kind == VERB_LENDS)
            p->disbursed[k] += dues_payment(p, k, year) * x;
        if (p->deal[k].kind == VERB_COMMITS) {
            p->disbursed[k] += p->draw[k] * x;
            p->drawn[k] += p->draw[k];
            p->draw[k] = 0;
        }
    }
}
