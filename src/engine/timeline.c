/* timeline.c - yearly cash over the horizon, and runway.
 *
 * One entity's timeline walks only its own deals (the graph's deal
 * index); the runways of every entity come from one pass over all deals into a flat
 * entity x year table, so the report never scans the deals once per entity. */
#include "timeline.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"

static bool moves_money(const Deal *d)
{
    return d->binding && d->kind != VERB_GRANTS && d->kind != VERB_GUARANTEES;
}

static double start_cash(const Entity *e)
{
    return (e->has & (1u << A_CASH)) ? e->attr[A_CASH] : 0;
}

void timeline_of(const Graph *g, EntId v, Timeline *out)
{
    const Horizon *h = &g->h;
    int ny = horizon_years(h);
    const Entity *en = world_entity(g->world, v);
    memset(out, 0, sizeof *out);
    out->of = v;
    out->n = ny;
    out->years = xcalloc((size_t)ny, sizeof *out->years);
    for (int i = 0; i < ny; i++) {
        out->years[i].year = h->first + i;
        out->years[i].revenue = revenue_in_year(en, h, h->first + i);
    }
    Deal d;
    for (uint32_t k = g->deal_off[v]; k < g->deal_off[v + 1]; k++) {
        if (!world_deal(g->world, g->deals[k], &d) || !moves_money(&d))
            continue;
        for (int i = 0; i < ny; i++) {
            double x = deal_in_year(&d, h, h->first + i);
            if (d.payee == v)
                out->years[i].inflow += x;
            if (d.payer == v)
                out->years[i].outflow += x;
        }
    }
    double cash = start_cash(en);
    bool market = en->kind == ENT_MARKET;
    for (int i = 0; i < ny; i++) {
        TimelineYear *y = &out->years[i];
        y->start = cash;
        y->end = cash = cash + y->revenue + y->inflow - y->outflow;
        if (!market && !out->has_runway && y->end < 0) {
            out->has_runway = true;
            out->runway = y->year;
        }
    }
}

void timeline_free(Timeline *t)
{
    free(t->years);
    memset(t, 0, sizeof *t);
}

void timeline_runways(const Graph *g, bool *has, int *year)
{
    const Horizon *h = &g->h;
    size_t ny = (size_t)horizon_years(h), n = g->n;
    double *net = xcalloc(n * ny + 1, sizeof *net);
    size_t nd = world_n_deals(g->world);
    Deal d;
    for (DealId k = 0; k < nd; k++) {
        if (!world_deal(g->world, k, &d) || !moves_money(&d))
            continue;
        for (size_t i = 0; i < ny; i++) {
            double x = deal_in_year(&d, h, h->first + (int)i);
            net[d.payee * ny + i] += x;
            net[d.payer * ny + i] -= x;
        }
    }
    for (EntId v = 0; v < n; v++) {
        const Entity *en = world_entity(g->world, v);
        double cash = start_cash(en);
        has[v] = false;
        year[v] = 0;
        for (size_t i = 0; i < ny && en->kind != ENT_MARKET; i++) {
            cash += revenue_in_year(en, h, h->first + (int)i) + net[v * ny + i];
            if (cash < 0) {
                has[v] = true;
                year[v] = h->first + (int)i;
                break;
            }
        }
    }
    free(net);
}
