/* credit.h - credit facilities (`A commits X credit to B`) in the yearly model
 * (docs/STRESS.md "Credit facilities"): the years a facility can be drawn, what it counts
 * in its lender's commitments, and each year's draws. A borrower that cannot pay its dues
 * from everything it has but its draws draws what it lacks, from its facilities in the
 * order they were written, each up to its undrawn limit. The draws are the lenders' dues to
 * the borrowers; the DuePlan (dues.h) holds them and its loan machinery makes what the
 * lender paid of them the borrower's debt (interest `at R%`, principal in the `due` year).
 *
 * Ownership: nothing here allocates; the draws live in the caller's DuePlan. */
#ifndef DG_CREDIT_H
#define DG_CREDIT_H
#include <stdbool.h>
#include "dues.h"

/* At most this many draws-and-clearings a year while draws move (stress_run.c shares it
 * with the guarantee calls; the timeline uses it too). */
#define CREDIT_MAX_PASSES 100

/* The years a facility can be drawn: from its `from` year (else the first year) for `over`
 * (else to the last year), never in or after its `due` year; false when there are none
 * within the horizon. */
bool credit_window(const Deal *d, const Horizon *h, int *first, int *last);
/* What the facility counts in its lender's commitments: its limit, unless it could be drawn
 * only before `as of` (or in no year at all); 0 for other deals. */
double credit_committed(const Deal *d, const Horizon *h);

/* Set the draws of `year` from each entity's lack (what it cannot pay of its dues from all
 * but its draws; n entries, consumed): each facility of a borrower in plan order takes what
 * is still lacking, up to its undrawn limit. Returns whether a draw moved. */
bool credit_set_draws(DuePlan *p, int year, double *lack);
/* Append this year's draws as lines lender -> borrower. */
void credit_lines(const DuePlan *p, WEdge **v, size_t *nv, size_t *cap);
/* What each entity lends this year (out) and receives of its draws when each lender pays
 * the fraction f of its dues (in; f NULL: in full); n entries each, added to. */
void credit_flows(const DuePlan *p, const double *f, double *out, double *in);

#endif
