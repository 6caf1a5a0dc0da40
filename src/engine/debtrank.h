/* debtrank.h - distress propagation through equity stakes: DebtRank in its original form
 * (Battiston, Puliga, Kaushik, Tasca, Caldarelli 2012, "DebtRank: Too central to fail?",
 * Sci. Rep. 2:541) and its differential form (Bardoscia, Battiston, Caccioli, Caldarelli
 * 2015, "DebtRank: a microscopic foundation for shock propagation", PLoS ONE 10(6)).
 *
 * Ownership: reads a Csr, writes into the caller's array.
 *
 * The graph holds one row per distressed entity j: entries (i, w) with w = Lambda_ij, the
 * fraction of i's equity lost when j's equity is wiped out. h_i is in [0, 1].
 *   differential: h_i(t+1) = min(1, h_i(t) + sum_j Lambda_ij (h_j(t) - h_j(t-1))), h(-1) = 0,
 *                 synchronous, until no h moves by more than DR_TOL (or DR_MAX_ITER steps);
 *   original:     states U (undistressed), D (distressed), I (inactive); each entity
 *                 propagates its whole h once, in the step after it became distressed:
 *                 h_i(t) = min(1, h_i(t-1) + sum_{j in D at t-1} W_ij h_j(t-1)),
 *                 W_ij = min(1, Lambda_ij) (Battiston et al.'s impact, capped at 1),
 *                 D -> I after propagating, U -> D when h > 0; ends when nobody is in D
 *                 (at most n + 1 steps). */
#ifndef DG_DEBTRANK_H
#define DG_DEBTRANK_H
#include <stdbool.h>
#include "clearing.h"

typedef enum { DR_DIFFERENTIAL = 0, DR_ORIGINAL = 1 } DebtRankKind;

#define DR_TOL 1e-12
#define DR_MAX_ITER 10000

/* h0: initial distress (n entries); h: the result (may alias nothing). w: weights parallel
 * to g->to, or NULL to use g->amt. Returns the number of steps; *converged = false when
 * DR_MAX_ITER stopped it. */
int debtrank_run(DebtRankKind kind, const Csr *g, const double *w, const double *h0, double *h,
                 bool *converged);

#endif
