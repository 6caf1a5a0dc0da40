/* clearing.h - the greatest clearing vector of a network of obligations: Eisenberg-Noe (2001)
 * with Rogers-Veraart (2013) default costs, by the fictitious default / greatest clearing
 * vector algorithm. Knows nothing of worlds or deals: it clears numbers.
 *
 * Ownership: a Csr owns its arrays (csr_free). clearing_run writes into
 * arrays the caller owns.
 *
 * The model: L_ij is what i owes j, L_i = sum_j L_ij, Pi_ij = L_ij / L_i, e_i the external
 * resources of i. A clearing vector p satisfies
 *     p_i = L_i                                     if e_i + sum_j Pi_ji p_j >= L_i
 *     p_i = min(L_i, alpha e_i + beta sum_j Pi_ji p_j)  otherwise
 * (alpha = beta = 1 is Eisenberg-Noe). Forced entities pay nothing. The greatest such p is
 * found from p = L by rounds: each round adds every entity that cannot pay in full to the
 * default set and solves the linear system on the default set (a sparse worklist iteration
 * touching only what changed). Bounds and tolerances: see docs/STRESS.md. */
#ifndef DG_CLEARING_H
#define DG_CLEARING_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One weighted edge from -> to. */
typedef struct WEdge {
    uint32_t from, to;
    double amt;
} WEdge;

/* Compressed sparse rows: the edges of row i are [off[i], off[i+1]); duplicate (from, to)
 * pairs are summed (in order of first appearance), self-loops and non-positive amounts
 * dropped. */
typedef struct Csr {
    size_t n, m;
    size_t *off;      /* n + 1 */
    uint32_t *to;     /* m */
    double *amt;      /* m */
    double *rowsum;   /* n: sum of a row (L_i for obligations) */
} Csr;

/* O(n + m): counting sort by row, then a marker pass to merge duplicates. */
void csr_build(Csr *g, size_t n, const WEdge *e, size_t m);
void csr_free(Csr *g);

/* Inner round bound: n + 1 rounds (each adds at least one default). Work bound of the
 * linear solves: CLEAR_WORK_FACTOR x (n + m) edge updates per clearing. */
#define CLEAR_TOL 1e-9          /* relative: solvency test and the solve's stopping rule */
#define CLEAR_WORK_FACTOR 400

typedef struct ClearingStats {
    int rounds;        /* the last round in which someone defaulted (0: nobody) */
    size_t work;       /* edge updates done by the solves */
    bool converged;    /* false when the work bound cut a solve short */
} ClearingStats;

/* Clears obligations `ob` (rows = debtors) with external resources e. forced may be NULL.
 * Writes p (payments), in (what each entity receives: sum_j Pi_ji p_j) and round (0 = pays
 * in full, else the 1-based round it defaulted in; forced entities default in round 1). */
void clearing_run(const Csr *ob, const double *e, double alpha, double beta,
                  const bool *forced, double *p, double *in, int *round, ClearingStats *st);

#endif
