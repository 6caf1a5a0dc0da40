/* cycles.h - strongly connected components and elementary cycles of the money graph.
 *
 * Tarjan's SCC algorithm and Johnson's elementary-cycle enumeration,
 * both iterative (explicit stacks on the heap), so a 10k-entity loop cannot overflow the C
 * stack. Enumeration is bounded (cycle count and step budget); `truncated` says the bound cut. */
#ifndef DG_CYCLES_H
#define DG_CYCLES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "graph.h"

/* Component id per node (heap, n entries); *ncomp = number of components. Components are
 * numbered in reverse topological order of the condensation (Tarjan's order). */
uint32_t *scc_tarjan(const Graph *g, uint32_t *ncomp);

typedef struct Cycle {
    EntId *path;        /* len nodes, the first not repeated at the end; starts at the
                           node with the smallest name */
    size_t len;
    double bottleneck;  /* smallest edge weight on the cycle */
} Cycle;

typedef struct Cycles {
    Cycle *items;       /* sorted by bottleneck descending, then path names */
    size_t n;
    bool truncated;     /* the bound stopped the enumeration: there are more, and the
                           list holds the shortest cycles found within the budget */
} Cycles;

#define CYCLES_MAX 10000
/* Steps: edges examined, plus the nodes of every cycle emitted (so output is bounded). */
#define CYCLES_MAX_STEPS 2000000L

void cycles_find(const Graph *g, const uint32_t *comp, size_t max_cycles, long max_steps,
                 Cycles *out);
void cycles_free(Cycles *c);

#endif
