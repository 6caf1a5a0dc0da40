/* credit.c - credit facilities: their windows and yearly draws (credit.h). */
#include "credit.h"
#include <limits.h>
#include <math.h>
#include "arena.h"

static int year_of(int32_t month) { return month >= 0 ? month / 12 : -((-month + 11) / 12); }

bool credit_window(const Deal *d, const Horizon *h, int *first, int *last)
{
    if (d->kind != VERB_COMMITS || !d->binding)
        return false;
    int32_t start = d->from != MONTH_NONE ? d->from : h->first * 12;
    int a = year_of(start), b = d->over > 0 ? year_of(start + d->over - 1) : h->last;
    if (h->dated && d->due != MONTH_NONE && year_of(d->due) - 1 < b)
        b = year_of(d->due) - 1;   /* what falls due cannot be drawn again that year */
    if (a < h->first)
        a = h->first;   /* before `as of` nothing was drawn: the limit is what is left */
    if (b > h->last)
        b = h->last;
    *first = a;
    *last = b;
    return a <= b;
}

/* The drawing years as written, not cut to the model's last year: a facility that opens
 * after it is still a promise, as a purchase that pays after it is still owed. */
double credit_committed(const Deal *d, const Horizon *h)
{
    if (d->kind != VERB_COMMITS || !d->binding)
        return 0;
    if (d->from == MONTH_NONE && d->over == 0 && d->due == MONTH_NONE)
        return d->amount;   /* open from the first year to the end */
    int32_t start = d->from != MONTH_NONE ? d->from : h->first * 12;
    int a = year_of(start), b = d->over > 0 ? year_of(start + d->over - 1) : INT_MAX;
    if (d->due != MONTH_NONE && year_of(d->due) - 1 < b)
        b = year_of(d->due) - 1;
    if (a > b || b < h->first)
        return 0;   /* no drawing year, or the last is before `as of` (the model's first year) */
    return d->amount;
}

bool credit_set_draws(DuePlan *p, int year, double *lack)
{
    bool moved = false;
    for (size_t k = 0; k < p->nd; k++) {
        const Deal *d = &p->deal[k];
        int a, b;
        if (d->kind != VERB_COMMITS || !credit_window(d, &p->h, &a, &b) || year < a || year > b)
            continue;
        double left = fmax(0, d->amount - p->drawn[k]);
        double want = fmin(left, fmax(0, lack[d->payee]));
        lack[d->payee] -= want;
        if (fabs(want - p->draw[k]) > CLEAR_TOL * fmax(1, d->amount)) {
            p->draw[k] = want;
            moved = true;
        }
    }
    return moved;
}

void credit_lines(const DuePlan *p, WEdge **v, size_t *nv, size_t *cap)
{
    for (size_t k = 0; k < p->nd; k++) {
        if (p->deal[k].kind != VERB_COMMITS || !(p->draw[k] > 0))
            continue;
        *v = vec_grow(*v, cap, *nv + 1, sizeof **v);
        (*v)[(*nv)++] = (WEdge){p->deal[k].payer, p->deal[k].payee, p->draw[k]};
    }
}

void credit_flows(const DuePlan *p, const double *f, double *out, double *in)
{
    for (size_t k = 0; k < p->nd; k++) {
        const Deal *d = &p->deal[k];
        if (d->kind != VERB_COMMITS || !(p->draw[k] > 0))
            continue;
        out[d->payer] += p->draw[k];
        in[d->payee] += p->draw[k] * (f ? f[d->payer] : 1);
    }
}
