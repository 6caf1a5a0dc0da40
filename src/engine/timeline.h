/* timeline.h - yearly cash of an entity over the horizon, and its runway.
 *
 * Cash starts at `cash` at the start of the first horizon year;
 * each year adds revenue_in_year() and the binding money deals paid to it that year
 * (deal_in_year) and subtracts those it pays. runway = the first year whose year-end cash
 * is negative (none for markets, whose money comes from outside the graph). */
#ifndef DG_TIMELINE_H
#define DG_TIMELINE_H
#include <stdbool.h>
#include "graph.h"

typedef struct TimelineYear {
    int year;
    double start, revenue, inflow, outflow, end;
} TimelineYear;

typedef struct Timeline {
    EntId of;
    TimelineYear *years;  /* heap, horizon_years() entries */
    int n;
    bool has_runway;
    int runway;           /* valid when has_runway */
} Timeline;

void timeline_of(const Graph *g, EntId v, Timeline *out);
void timeline_free(Timeline *t);
/* Runway of every entity in one pass over the deals: has[v], year[v] (n entries each). */
void timeline_runways(const Graph *g, bool *has, int *year);

#endif
