/* breaking.h - breaking points (docs/RISK.md "Breaking points"): the smallest cut d in
 * [0, 100%] of demand (every market's payments scaled by 1 - d), or of one entity's revenue,
 * cash or payments, at which an entity defaults in some year of the yearly model.
 *
 * A web's default set need not grow with the cut (a customer whose supplier fails first can
 * be spared), so the cut is scanned in 1% steps and bisected to 0.01% inside the first step
 * at which the entity defaults. Each step is one yearly clearing of a fork of the world.
 *
 * Ownership: reads the world (which must outlive the call); writes the caller's arrays. */
#ifndef DG_BREAKING_H
#define DG_BREAKING_H
#include "stress.h"

/* What is cut: SH_DEMAND, or SH_REVENUE / SH_CASH / SH_PAYMENTS of `of`. */
typedef struct BreakCut {
    ShockOp what;
    EntId of;
} BreakCut;

#define BREAK_STEPS 100      /* the scan: 0%, 1%, ..., 100% */
#define BREAK_TOL 1e-4       /* the bisection's width: 0.01% */

/* The breaking point of every entity of w under p (its recovery and forced defaults apply
 * to every step): bp[v] in [0, 1], or NAN when v survives every cut; year[v] its default
 * year at that cut (0 when none). n = world_n_entities(w) entries each. */
void breaking_points(const World *w, const StressParams *p, BreakCut cut, double *bp, int *year);
/* One entity's, scanning only until it defaults. */
double breaking_point(const World *w, const StressParams *p, BreakCut cut, EntId x, int *year);

#endif
