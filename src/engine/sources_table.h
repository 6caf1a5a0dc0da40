/* sources_table.h - the sources of many entities at once, for `report`, `diff`, the summary
 * and total_circulated (docs/ENGINE.md "Sources of every entity").
 *
 * One entity's sources are one solve (sources.h); every entity's that way are n solves.
 * sources_table_all instead carries origins forward: an entity's sources depend only on
 * the strongly connected components upstream of it, so the components are visited in
 * topological order and each is solved once for all its members, its inflow from earlier
 * components being known by then. Each entity's sources are a sparse vector of origins.
 * That is exact, and cheap unless the answer is large: every member of a loop of k entities
 * has about k origins, so a web that is one loop of n has n^2 numbers of sources. The pass
 * therefore stops at bounds (SOURCES_ALL_*), and the report lists the sources of the largest
 * entities instead, by one solve with one right-hand side each (sources_of_many).
 *
 * Ownership: a SourceTable owns its arrays and the items of every Sources in it. */
#ifndef DG_SOURCES_TABLE_H
#define DG_SOURCES_TABLE_H
#include <stdbool.h>
#include <stddef.h>
#include "graph.h"
#include "sources.h"

/* Whether every entity's sources fit the bounds. */
typedef enum {
    SOURCES_FIT,        /* computed */
    SOURCES_BIG_LOOP,   /* a loop (component fed by some origin) has more than
                           SOURCES_ALL_LOOP members: too large to solve at once */
    SOURCES_TOO_MANY,   /* more than SOURCES_ALL_ITEMS numbers of sources in all */
    SOURCES_TOO_LONG,   /* more than SOURCES_ALL_WORK steps */
} SourcesFit;

typedef struct SourceTable {
    size_t n;          /* entities of the graph */
    Sources *of;       /* n entries by EntId; meaningful where listed[v] */
    bool *listed;      /* n entries */
    size_t nlisted;
    size_t items;      /* origins listed, all entities together */
} SourceTable;

/* Every entity's sources by the forward pass (comp: scc_tarjan's component ids, which
 * number components sinks first). bounded: give up past SOURCES_ALL_ITEMS numbers or
 * SOURCES_ALL_WORK steps; a loop of more than SOURCES_ALL_LOOP members gives up either way.
 * On anything but SOURCES_FIT the table is left empty (zeroed, nothing to free) and *loop
 * holds the size of the largest loop. */
SourcesFit sources_table_all(const Graph *g, const uint32_t *comp, bool bounded,
                             SourceTable *t, size_t *loop);
/* The sources of the k entities v (distinct), SOURCES_BATCH to a solve. */
void sources_table_of(SourceSolver *s, const EntId *v, size_t k, SourceTable *t);
/* The (at most) max entities with the largest in(v) > 0, largest first, ties by name;
 * returns how many were written to out. */
size_t sources_largest(const Graph *g, size_t max, EntId *out);
void sources_table_free(SourceTable *t);

/* The bounds of the one-pass method (documented in docs/ENGINE.md). A step is one
 * multiply-add of a component's elimination; reading one number of a payer's sources to
 * add it into its payee's counts four (a scattered add costs about four multiply-adds). */
#define SOURCES_ALL_ITEMS 2000000
#define SOURCES_ALL_WORK 2e9
#define SOURCES_ALL_LOOP 1000
/* Entities solved together by sources_table_of: each edge read serves all of them. */
#define SOURCES_BATCH 20
/* When every entity's sources are beyond the bounds, `report` lists those of this many. */
#define SOURCES_LARGEST 20

#endif
