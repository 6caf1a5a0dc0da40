/* figures.c - the Engine and every per-entity and system figure.
 *
 * The graph is built once per Engine; everything else is computed
 * on first use and cached (SCCs, runways, circularity per entity, total circulated), since
 * a script asks a handful of figures while a report asks all of them. */
#include "figures.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "cycles.h"
#include "sources.h"
#include "sources_table.h"
#include "timeline.h"

struct Engine {
    const World *w;
    Graph *g;
    uint32_t *comp;        /* lazily: scc_tarjan */
    uint32_t ncomp;
    SourceSolver *solver;  /* lazily */
    bool *run_has;         /* lazily: timeline_runways */
    int *run_year;
    double *self;          /* sources(v)[v] per entity, NAN until computed */
    EntId *by_name;        /* lazily: ids sorted by name */
    SourceTable all;       /* lazily: every entity's sources, when all_fit is SOURCES_FIT */
    bool all_tried;
    int all_fit;
    size_t all_loop;
    SourceTable listed;    /* lazily: the report's when not `all` */
    bool listed_done;
};

Engine *engine_new(const World *w)
{
    Engine *e = xcalloc(1, sizeof *e);
    e->w = w;
    e->g = graph_new(w);
    return e;
}

void engine_free(Engine *e)
{
    if (!e)
        return;
    graph_free(e->g);
    free(e->comp);
    source_solver_free(e->solver);
    free(e->run_has);
    free(e->run_year);
    free(e->self);
    free(e->by_name);
    sources_table_free(&e->all);
    sources_table_free(&e->listed);
    free(e);
}

const Graph *engine_graph(const Engine *e) { return e->g; }
const World *engine_world(const Engine *e) { return e->w; }

const uint32_t *engine_components(Engine *e)
{
    if (!e->comp)
        e->comp = scc_tarjan(e->g, &e->ncomp);
    return e->comp;
}

struct SourceSolver *engine_solver(Engine *e)
{
    if (!e->solver)
        e->solver = source_solver_new(e->g);
    return e->solver;
}

typedef struct NamedId { const char *name; EntId id; } NamedId;

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const NamedId *)a)->name, ((const NamedId *)b)->name);
}

const EntId *engine_by_name(Engine *e)
{
    if (e->by_name)
        return e->by_name;
    size_t n = e->g->n;
    NamedId *tmp = xmalloc((n + 1) * sizeof *tmp);
    for (EntId v = 0; v < n; v++)
        tmp[v] = (NamedId){world_name(e->w, v), v};
    qsort(tmp, n, sizeof *tmp, cmp_named);
    e->by_name = xmalloc((n + 1) * sizeof *e->by_name);
    for (size_t i = 0; i < n; i++)
        e->by_name[i] = tmp[i].id;
    free(tmp);
    return e->by_name;
}

static void self_cache(Engine *e)
{
    if (!e->self) {
        e->self = xmalloc((e->g->n + 1) * sizeof *e->self);
        for (size_t i = 0; i < e->g->n; i++)
            e->self[i] = NAN;
    }
}

/* sources(v)[v], cached. */
static double self_origin(Engine *e, EntId v)
{
    self_cache(e);
    if (isnan(e->self[v]))
        e->self[v] = sources_self(engine_solver(e), engine_components(e), v);
    return e->self[v];
}

/* The listed entities' sources(v)[v] into the cache: circularity comes free with them. */
static void seed_self(Engine *e, const SourceTable *t)
{
    self_cache(e);
    for (EntId v = 0; v < t->n; v++) {
        if (!t->listed[v])
            continue;
        double x = 0;
        for (size_t i = 0; i < t->of[v].n; i++)
            if (t->of[v].items[i].origin == v && !t->of[v].items[i].unfunded)
                x = t->of[v].items[i].usd;
        e->self[v] = x;
    }
}

const SourceTable *engine_sources_all(Engine *e)
{
    if (!e->all_tried) {
        e->all_tried = true;
        e->all_fit = sources_table_all(e->g, engine_components(e), true, &e->all, &e->all_loop);
        if (e->all_fit == SOURCES_FIT)
            seed_self(e, &e->all);
    }
    return e->all_fit == SOURCES_FIT ? &e->all : NULL;
}

int engine_sources_fit(Engine *e, size_t *loop)
{
    engine_sources_all(e);
    *loop = e->all_loop;
    return e->all_fit;
}

const SourceTable *engine_sources_listed(Engine *e, bool every)
{
    const SourceTable *all = engine_sources_all(e);
    if (all || e->listed_done)
        return all ? all : &e->listed;
    e->listed_done = true;
    size_t loop;
    if (every && sources_table_all(e->g, engine_components(e), false, &e->listed, &loop) ==
                     SOURCES_FIT) {
        seed_self(e, &e->listed);
        return &e->listed;
    }
    EntId *ids = xmalloc((e->g->n + 1) * sizeof *ids);
    size_t k = every ? e->g->n : sources_largest(e->g, SOURCES_LARGEST, ids);
    for (size_t i = 0; every && i < k; i++)
        ids[i] = engine_by_name(e)[i];
    sources_table_of(engine_solver(e), ids, k, &e->listed);
    seed_self(e, &e->listed);
    free(ids);
    return &e->listed;
}

static bool equity_of(const Entity *en, double *out)
{
    if (en->has & (1u << A_EQUITY))
        *out = en->attr[A_EQUITY];
    else if (en->has & (1u << A_VALUATION))
        *out = en->attr[A_VALUATION];
    else if ((en->has & (1u << A_SHARES)) && (en->has & (1u << A_PRICE)))
        *out = en->attr[A_SHARES] * en->attr[A_PRICE];
    else
        return false;
    return *out > 0;
}

/* Largest payer share and sum of squared shares of in(v). */
static bool payer_shares(const Graph *g, EntId v, double *largest, double *hhi)
{
    double in = g->in_usd[v];
    if (!(in > 0))
        return false;
    *largest = *hhi = 0;
    for (uint32_t i = g->in_off[v]; i < g->in_off[v + 1]; i++) {
        double s = g->in[i].w / in;
        if (s > *largest)
            *largest = s;
        *hhi += s * s;
    }
    return true;
}

/* Does `seller` commit binding credit to b? (b's deals, scanned once per question; only
 * when the web has a facility at all.) */
static bool commits_credit_to(const Graph *g, EntId seller, EntId b)
{
    Deal d;
    for (uint32_t k = g->deal_off[b]; g->any_credit && k < g->deal_off[b + 1]; k++)
        if (world_deal(g->world, g->deals[k], &d) && d.kind == VERB_COMMITS && d.binding &&
            d.payee == b && d.payer == seller)
            return true;
    return false;
}

/* b's purchases from sellers that also invested in, lent to or committed credit to b. b's
 * out-row (by seller) and in-row (by funder) are both sorted by peer, so one merge pass
 * pairs them: no lookup in each seller's row. */
static double vendor_financing(const Graph *g, EntId b)
{
    double sum = 0;
    uint32_t j = g->in_off[b], jend = g->in_off[b + 1];
    for (uint32_t i = g->out_off[b]; i < g->out_off[b + 1]; i++) {
        EntId seller = g->out[i].peer;
        while (j < jend && g->in[j].peer < seller)
            j++;
        bool funds = j < jend && g->in[j].peer == seller && g->in[j].fund > 0;
        if (g->out[i].buys > 0 && (funds || commits_credit_to(g, seller, b)))
            sum += g->out[i].buys;
    }
    return sum;
}

static bool runway(Engine *e, EntId v, double *out)
{
    if (!e->run_has) {
        e->run_has = xcalloc(e->g->n + 1, sizeof *e->run_has);
        e->run_year = xcalloc(e->g->n + 1, sizeof *e->run_year);
        timeline_runways(e->g, e->run_has, e->run_year);
    }
    *out = e->run_year[v];
    return e->run_has[v];
}

static bool ratio(double num, double den, double *out)
{
    if (!(den > 0) && !(den < 0))
        return false;
    *out = num / den;
    return isfinite(*out);
}

/* Yearly revenue at the first year: from outside, and what markets pay it as revenue. */
static double first_year_revenue(const Graph *g, EntId v)
{
    double r = revenue_in_year(g->world, v, &g->h, g->h.first);
    Deal d;
    for (uint32_t k = g->deal_off[v]; k < g->deal_off[v + 1]; k++)
        if (world_deal(g->world, g->deals[k], &d) && d.revenue && d.payee == v && d.binding)
            r += deal_in_year(&d, &g->h, g->h.first);
    return r;
}

static bool figure_derived(Engine *e, FigId f, EntId v, double *out)
{
    const Graph *g = e->g;
    const Entity *en = world_entity(e->w, v);
    double a, b;
    switch (f) {
    case FIG_CIRCULARITY:
        return g->in_usd[v] > 0 && ratio(self_origin(e, v), g->in_usd[v], out);
    case FIG_COMMITMENT_RATIO:
        return ratio(g->commitments[v], first_year_revenue(g, v), out);
    case FIG_LEVERAGE:
        a = (en->has & (1u << A_DEBT)) ? en->attr[A_DEBT] : 0;
        return equity_of(en, &b) && ratio(a + g->borrowed[v] + g->commitments[v], b, out);
    case FIG_CONCENTRATION:
        return payer_shares(g, v, out, &a);
    case FIG_HHI:
        return payer_shares(g, v, &a, out);
    case FIG_PAPER:
        return ratio(g->nb_in[v], g->nb_in[v] + g->in_usd[v], out);
    case FIG_RUNWAY:
        return runway(e, v, out);
    case FIG_EQUITY:
        return equity_of(en, out);
    default:
        return false;
    }
}

bool figure_entity(Engine *e, FigId f, EntId v, double *out)
{
    const Graph *g = e->g;
    if (v >= g->n)
        return false;
    switch (f) {
    case FIG_IN: *out = g->in_usd[v]; return true;
    case FIG_OUT: *out = g->out_usd[v]; return true;
    case FIG_OWN: *out = g->own[v]; return true;
    case FIG_GAP: *out = g->gap[v]; return true;
    case FIG_COMMITMENTS: *out = g->commitments[v]; return true;
    case FIG_BACKLOG: *out = g->backlog[v]; return true;
    case FIG_BORROWED: *out = g->borrowed[v]; return true;
    case FIG_CREDIT: *out = g->credit[v]; return true;
    case FIG_VENDOR_FINANCING: *out = vendor_financing(g, v); return true;
    default: return figure_derived(e, f, v, out);
    }
}

static double end_demand(const Graph *g)
{
    double sum = 0;
    for (EntId v = 0; v < g->n; v++)
        if (graph_is_market(g, v))
            sum += g->out_usd[v];
    return sum / horizon_years(&g->h);
}

bool figure_system(Engine *e, SysFig f, double *out)
{
    const Graph *g = e->g;
    double sum = 0;
    switch (f) {
    case SYS_TOTAL_COMMITMENTS:
    case SYS_TOTAL_UNFUNDED:
        for (EntId v = 0; v < g->n; v++)
            sum += f == SYS_TOTAL_UNFUNDED ? g->gap[v] : g->commitments[v];
        *out = sum;
        return true;
    case SYS_END_DEMAND:
        *out = end_demand(g);
        return true;
    case SYS_LEVERAGE:
        figure_system(e, SYS_TOTAL_COMMITMENTS, &sum);
        return ratio(sum, end_demand(g), out);
    case SYS_TOTAL_CIRCULATED:
        engine_sources_all(e);   /* every entity's at once, when cheap */
        for (EntId v = 0; v < g->n; v++)
            sum += self_origin(e, v);
        *out = sum;
        return true;
    default:
        return false;
    }
}

double figure_exposure(Engine *e, EntId a, EntId b)
{
    const GEdge *ab = graph_edge(e->g, a, b), *ba = graph_edge(e->g, b, a);
    return (ab ? ab->fund : 0) + (ba ? ba->owed : 0);
}

double figure_source_from(Engine *e, EntId v, EntId origin)
{
    if (v >= e->g->n || origin >= e->g->n)
        return 0;
    Sources s;
    sources_of(engine_solver(e), v, &s);
    double usd = 0;
    for (size_t i = 0; i < s.n; i++)
        if (s.items[i].origin == origin && !s.items[i].unfunded)
            usd += s.items[i].usd;
    sources_release(&s);
    return usd;
}
