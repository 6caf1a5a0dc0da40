/* dues.h - what each party owes in one year of the model (docs/STRESS.md "Dues"): the
 * scheduled payments of binding money deals, loan disbursements, loan interest and
 * principal, debt service and costs; and the service of what credit facilities lent (their
 * draws are set year by year by credit.h, into this plan). The timeline reads them with everyone paying in full;
 * the yearly clearing (stress_run.c) with what was actually paid, so the two tell one story.
 *
 * Ownership: a DuePlan owns its arrays and keeps pointers into the World it was made from,
 * which must outlive it. Lines are appended to a vector the caller owns. */
#ifndef DG_DUES_H
#define DG_DUES_H
#include <stdbool.h>
#include <stddef.h>
#include "clearing.h"
#include "schedule.h"
#include "world.h"

typedef struct DuePlan {
    const World *w;
    Horizon h;
    size_t n;              /* entities; the sink `outside` is entity n */
    Deal *deal;            /* the binding money deals (invests, lends, buys, pays) and credit
                              facilities (commits), id order */
    DealId *id;            /* their ids */
    size_t nd;
    double *disbursed;     /* loans, facilities: principal actually paid to the borrower
                              before the year */
    double *draw;          /* facilities: this year's draw (credit.h), what the lender owes */
    double *drawn;         /* facilities: drawn in earlier years (counts against the limit) */
} DuePlan;

void dues_init(DuePlan *p, const World *w);
void dues_free(DuePlan *p);

/* What deal k's payer owes on it in `year` (k indexes p->deal): its scheduled payment, or
 * for a loan the disbursement it owes the borrower. */
double dues_payment(const DuePlan *p, size_t k, int year);
/* A loan's or a facility's service in `year`: what the borrower owes the lender (interest on
 * what was disbursed before, and the principal in its due year). 0 for other deals. */
double dues_service(const DuePlan *p, size_t k, int year);

/* Append every due of `year` as lines from -> to (`outside` = n): deals, loan service, debt
 * service, costs. Zero amounts are left out. */
void dues_of_year(const DuePlan *p, int year, WEdge **v, size_t *nv, size_t *cap);
/* Year `year` is settled: each lender paid the fraction f[lender] of its dues (1 = in full),
 * so its loans' disbursements and its facilities' draws of the year count that much; the
 * draws count in full against their limits and are reset for the next year. */
void dues_paid(DuePlan *p, int year, const double *f);

#endif
