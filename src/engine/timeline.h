/* timeline.h - yearly cash of an entity over the horizon, and its runway.
 *
 * Cash starts at `cash` at the start of the first horizon year; each year adds its revenue
 * from outside and what it is due to receive, and subtracts what it owes that year: deal
 * payments, loan disbursements, interest and principal, debt service and costs (dues.h,
 * with everyone paying in full). runway = the first year whose year-end cash is negative
 * (none for markets, whose money comes from outside the graph). */
#ifndef DG_TIMELINE_H
#define DG_TIMELINE_H
#include <stdbool.h>
#include "graph.h"

typedef struct TimelineYear {
    int year;
    double start, revenue, inflow, outflow, end;   /* outflow: every due paid, costs and
                                                      debt service included */
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
/* The timelines of the k entities v (distinct) in one walk of the years: the answers of k
 * calls of timeline_of for the cost of one (the page's charts). out has k entries. */
void timeline_many(const Graph *g, const EntId *v, size_t k, Timeline *out);

#endif
