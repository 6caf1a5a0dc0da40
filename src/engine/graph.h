/* graph.h - the binding money graph of a World, built once in one pass over the deals.
 *
 * Nodes are EntIds. Every binding invests/lends/buys/pays deal is an
 * edge payer -> payee weighted by deal_total(); parallel deals are aggregated into one edge
 * w(u,v) (sorted aggregation, no per-entity scans). The graph is stored twice in CSR form
 * (out-rows sorted by destination, in-rows sorted by source) so w(u,v) is a binary search.
 * Per-entity sums the figures need (in, out, own, gap, commitments, ...) are accumulated in
 * the same pass. A Graph reads the World only while it is built, except for the deal index
 * (which keeps deal ids for `show deals` and the timeline); the World must outlive it. */
#ifndef DG_GRAPH_H
#define DG_GRAPH_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "schedule.h"
#include "world.h"

/* One aggregated edge u -> v: all binding money deals from u to v. */
typedef struct GEdge {
    EntId peer;        /* destination in an out-row, source in an in-row */
    double w;          /* USD within the horizon, every binding money verb */
    double buys;       /* of which purchases (u buys from v) */
    double fund;       /* of which investments and loans (u funds v) */
    double owed;       /* deal_owed() of u's buys/pays to v: what u still owes v */
} GEdge;

typedef struct Graph {
    const World *world;
    Horizon h;
    size_t n;                    /* entities */
    size_t m;                    /* aggregated edges */
    uint32_t *out_off;           /* n+1; out-row of u is out[out_off[u] .. out_off[u+1]) */
    GEdge *out;
    uint32_t *in_off;            /* n+1; in-row of v */
    GEdge *in;
    /* per entity */
    double *in_usd, *out_usd, *own, *gap;
    double *commitments;         /* deal_owed of binding buys/pays it owes */
    double *backlog;             /* deal_owed of binding buys/pays owed to it */
    double *borrowed;            /* binding loans to it (deal_total) */
    double *credit;              /* limits of the binding credit facilities it committed
                                    that can still be drawn (credit_committed); also in
                                    its commitments */
    bool any_credit;             /* some binding facility exists */
    double *nb_in;               /* nonbinding money deals into it (deal_total) */
    bool *originated;            /* some ancestor (or itself) has own > 0 or gap > 0 */
    /* deal index: deals in which the entity is payer or payee (ids ascending) */
    uint32_t *deal_off;          /* n+1 */
    DealId *deals;
} Graph;

Graph *graph_new(const World *w);
void graph_free(Graph *g);

/* w(u,v), 0 when there is no edge. O(log degree). */
double graph_w(const Graph *g, EntId u, EntId v);
/* The aggregated edge u -> v or NULL. */
const GEdge *graph_edge(const Graph *g, EntId u, EntId v);
bool graph_is_market(const Graph *g, EntId v);

#endif
