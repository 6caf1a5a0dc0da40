/* sources.h - where an entity's money comes from (proportional tracing, adjoint method).
 *
 * Each entity's pool is P_u = own_u + in_u + gap_u and every dollar
 * that leaves u carries the mix of origins of u's pool. For the entity v asked about we solve
 * one sparse system over the nodes that can reach v:  P_u y_u - sum_k w(u,k) y_k = w(u,v);
 * y_u is the share of a dollar of u's pool that arrives at v, and
 *   sources(v)[u] = y_u own_u,   sources(v)["unfunded at u"] = y_u gap_u.
 * Money circulating in a closed loop that no own resource or gap feeds has no origin; it is
 * reported as `unattributed`. Origins + unattributed == in(v). See docs/ENGINE.md. */
#ifndef DG_SOURCES_H
#define DG_SOURCES_H
#include <stdbool.h>
#include <stddef.h>
#include "graph.h"

typedef struct SourceShare {
    EntId origin;
    bool unfunded;      /* true: "unfunded at <origin>" (its gap); false: its own resources */
    double usd;
    const char *name;   /* the origin's name (owned by the interner), for sorting */
} SourceShare;

typedef struct Sources {
    EntId of;
    double in;            /* in(of) */
    SourceShare *items;   /* heap; sorted by usd descending, then name, own before unfunded */
    size_t n;
    double unattributed;  /* in - sum of items, clamped at 0 (closed loops with no origin) */
    int sweeps;           /* Gauss-Seidel sweeps used; 0 when solved exactly */
    bool converged;
} Sources;

/* Reusable workspace (O(n) arrays, reset in time proportional to what a solve touched). */
typedef struct SourceSolver SourceSolver;
SourceSolver *source_solver_new(const Graph *g);
void source_solver_free(SourceSolver *s);
const Graph *source_solver_graph(const SourceSolver *s);
/* Reachable sets up to max nodes are solved exactly (default SOURCES_DENSE_MAX); tests set
 * 0 to exercise Gauss-Seidel. */
void source_solver_set_dense_max(SourceSolver *s, size_t max);

void sources_of(SourceSolver *s, EntId v, Sources *out);
/* The sources of the k entities v (distinct) by one solve with k right-hand sides: the
 * same answers as k calls of sources_of, for the cost of about one when the entities'
 * reachable sets overlap (each edge read in a sweep serves all k). out has k entries. */
void sources_of_many(SourceSolver *s, const EntId *v, size_t k, Sources *out);
/* Sorts out->items as documented above and sets out->unattributed from out->in. */
void sources_sort(Sources *out);
void sources_release(Sources *src);   /* frees items */
/* circularity(v) = sources(v)[v] / in(v), solved on v's strongly connected component only
 * (comp: component id per node, from scc_tarjan). False when in(v) = 0. */
bool sources_circularity(SourceSolver *s, const uint32_t *comp, EntId v, double *out);
/* sources(v)[v] in USD (0 when v is in no loop). */
double sources_self(SourceSolver *s, const uint32_t *comp, EntId v);

/* Iteration cap and tolerance (documented in docs/ENGINE.md). */
#define SOURCES_MAX_SWEEPS 20000
#define SOURCES_TOL 1e-12
/* Reachable sets up to this many nodes are solved exactly (Gaussian elimination). */
#define SOURCES_DENSE_MAX 200

#endif
