/* schedule.h - the horizon and when each deal pays.
 *
 * The horizon runs in whole years from `as of` (else the first dated binding deal) to
 * `horizon` when the script sets one, else to the last year a binding money deal pays (a
 * letter of intent, a loan's repayment or a debt's maturity does not stretch it); a script
 * with no dates is one year (year 0, shown as "now").
 * A deal `over N from D` pays evenly over the months [D, D+N); with no `from` it starts at
 * the horizon's first month; with no `over` it pays all at once in month D. A yearly rate pays
 * amount/12 a month over its `over` span, else from its start to the horizon's end.
 * A yearly rate written as a path pays the path's value of each year (path_in_year).
 * Revenue grows by `growth` a year from the first horizon year. Everything here is a pure
 * function of a World; nothing is cached. */
#ifndef DG_SCHEDULE_H
#define DG_SCHEDULE_H
#include "world.h"

/* The longest horizon modelled; later payments fall outside it. */
#define HORIZON_MAX_YEARS 200

typedef struct Horizon {
    int first, last;      /* years, inclusive */
    int32_t asof;         /* months; MONTH_NONE when the script has no `as of` */
    bool dated;           /* false: the script has no dates at all */
    const World *w;       /* the world whose paths the deals name */
} Horizon;

Horizon horizon_of(const World *w);
int horizon_years(const Horizon *h);

/* USD the deal pays within the horizon (money deals; 0 for grants and guarantees). */
double deal_total(const Deal *d, const Horizon *h);
/* USD it pays in one calendar year. */
double deal_in_year(const Deal *d, const Horizon *h, int year);
/* USD it pays in one calendar year from `as of` on (the months before it were settled). */
double deal_owed_in_year(const Deal *d, const Horizon *h, int year);
/* USD still owed: what is scheduled from `as of` on (all of it when there is no `as of`). */
double deal_owed(const Deal *d, const Horizon *h);
/* True when the deal was paid wholly before `as of`. */
bool deal_settled(const Deal *d, const Horizon *h);
/* The [start, end) months the deal pays in; end == start + 1 for a lump sum. */
void deal_span(const Deal *d, const Horizon *h, int32_t *start, int32_t *end);

/* A path's value in one year (docs/STRESS.md "Yearly amounts"): the listed years' values,
 * geometric between them (linear when one is 0), the first value before them, growth after
 * the last one when the path grows, else its last value. */
double path_in_year(const Path *p, const Horizon *h, int year);

/* v's revenue from outside the web in one year (its path, or `revenue` grown from the first
 * year; `shock revenue` applied), and summed over the horizon. Revenue a market pays is a
 * deal, not this. */
double revenue_in_year(const World *w, EntId v, const Horizon *h, int year);
double revenue_over(const World *w, EntId v, const Horizon *h);
/* v's costs in one year: what it pays to the outside (0 when it declares none). */
double costs_in_year(const World *w, EntId v, const Horizon *h, int year);

#endif
