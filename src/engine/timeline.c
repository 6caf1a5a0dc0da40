/* timeline.c - yearly cash over the horizon, and runway.
 *
 * The timeline is the yearly model with everyone paying in full: the same dues (dues.h) the
 * clearing clears, so in the unshocked world the first entity to default does so in its
 * runway year. One pass over the dues of each year serves one entity or all of them.
 * Credit facilities are drawn as the clearing draws them (credit.h): by what a borrower
 * lacks to pay its dues, with everyone paying in full. */
#include "timeline.h"
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "credit.h"
#include "dues.h"

static double start_cash(const Entity *e)
{
    return (e->has & (1u << A_CASH)) ? e->attr[A_CASH] : 0;
}

/* Scratch for a year's draws: n + 1 entries each; none when the web has no facility. */
typedef struct Draws {
    bool on;
    double *owes, *lack, *lent, *drew;
} Draws;

/* The draws of year y, cash being what each entity would end it with before them: a
 * borrower draws what it lacks (its dues, its own lending included, less all it has); a
 * lender's draws are dues of its own, so a chain of facilities is a fixed point. Then the
 * draws move the cash. */
static void draw_year(DuePlan *p, int y, const bool *market, double *cash, Draws *s)
{
    size_t n = p->n;
    for (int pass = 0; pass < CREDIT_MAX_PASSES; pass++) {
        memset(s->lent, 0, (n + 1) * sizeof *s->lent);
        memset(s->drew, 0, (n + 1) * sizeof *s->drew);
        credit_flows(p, NULL, s->lent, s->drew);
        for (EntId v = 0; v < n; v++) {
            double x = s->lent[v] - cash[v];
            s->lack[v] = market[v] || !(x > CLEAR_TOL * (s->owes[v] + s->lent[v])) ? 0 : x;
        }
        if (!credit_set_draws(p, y, s->lack))
            break;
    }
    memset(s->lent, 0, (n + 1) * sizeof *s->lent);
    memset(s->drew, 0, (n + 1) * sizeof *s->drew);
    credit_flows(p, NULL, s->lent, s->drew);
    for (EntId v = 0; v < n; v++)
        cash[v] += s->drew[v] - s->lent[v];
}

static void draws_init(Draws *s, const DuePlan *p)
{
    memset(s, 0, sizeof *s);
    for (size_t k = 0; k < p->nd && !s->on; k++)
        s->on = p->deal[k].kind == VERB_COMMITS;
    if (!s->on)
        return;
    double **a[] = {&s->owes, &s->lack, &s->lent, &s->drew};
    for (size_t i = 0; i < sizeof a / sizeof *a; i++)
        *a[i] = xcalloc(p->n + 1, sizeof(double));
}

static void draws_free(Draws *s)
{
    free(s->owes);
    free(s->lack);
    free(s->lent);
    free(s->drew);
}

/* After the dues of year y: draw, and count the draws in the rows being filled (row[v] for
 * the entities asked about, NULL for the others). */
static void draws_step(DuePlan *p, int y, const bool *market, double *cash, Draws *s,
                       TimelineYear *const *row)
{
    if (!s->on)
        return;
    draw_year(p, y, market, cash, s);
    memset(s->owes, 0, (p->n + 1) * sizeof *s->owes);
    for (EntId v = 0; v < p->n; v++)
        if (row[v])
            row[v]->inflow += s->drew[v], row[v]->outflow += s->lent[v];
}

/* Walk the years with everyone paying in full; fill the year rows of the k entities
 * only[] (rows[i] for only[i]) and, when `has`/`when` are given, every entity's runway. */
static void walk(const Graph *g, const EntId *only, size_t k, TimelineYear *const *rows,
                 bool *has, int *when)
{
    DuePlan p;
    dues_init(&p, g->world);
    size_t n = p.n;
    double *cash = xcalloc(n + 1, sizeof *cash), *full = xcalloc(n + 1, sizeof *full);
    bool *market = xcalloc(n + 1, sizeof *market);
    TimelineYear **row = xcalloc(n + 1, sizeof *row);   /* the row of v this year, or NULL */
    for (EntId v = 0; v < n; v++) {
        const Entity *en = world_entity(g->world, v);
        cash[v] = start_cash(en);
        market[v] = en->kind == ENT_MARKET;
        full[v] = 1;
        if (has)
            has[v] = false, when[v] = 0;
    }
    WEdge *lines = NULL;
    size_t nl = 0, cap = 0;
    Draws s;
    draws_init(&s, &p);
    for (int y = p.h.first; y <= p.h.last; y++) {
        nl = 0;
        dues_of_year(&p, y, &lines, &nl, &cap);
        for (size_t i = 0; i < k; i++) {
            TimelineYear *r = row[only[i]] = &rows[i][y - p.h.first];
            r->year = y;
            r->start = cash[only[i]];
            r->revenue = revenue_in_year(g->world, only[i], &p.h, y);
        }
        for (EntId v = 0; v < n; v++)
            cash[v] += revenue_in_year(g->world, v, &p.h, y);
        for (size_t j = 0; j < nl; j++) {
            const WEdge *l = &lines[j];
            cash[l->from] -= l->amt;
            cash[l->to] += l->amt;
            if (s.on)
                s.owes[l->from] += l->amt;
            if (row[l->to])
                row[l->to]->inflow += l->amt;
            if (row[l->from])
                row[l->from]->outflow += l->amt;
        }
        draws_step(&p, y, market, cash, &s, row);
        for (size_t i = 0; i < k; i++)
            row[only[i]]->end = cash[only[i]];
        for (EntId v = 0; has && v < n; v++)
            if (!market[v] && !has[v] && cash[v] < 0)
                has[v] = true, when[v] = y;
        dues_paid(&p, y, full);
    }
    free(row);
    free(lines);
    draws_free(&s);
    free(cash);
    free(full);
    free(market);
    dues_free(&p);
}

void timeline_many(const Graph *g, const EntId *v, size_t k, Timeline *out)
{
    const Horizon *h = &g->h;
    int ny = horizon_years(h);
    TimelineYear **rows = xcalloc(k + 1, sizeof *rows);
    for (size_t i = 0; i < k; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].of = v[i];
        out[i].n = ny;
        out[i].years = rows[i] = xcalloc((size_t)ny, sizeof *out[i].years);
    }
    walk(g, v, k, rows, NULL, NULL);
    free(rows);
    for (size_t i = 0; i < k; i++) {
        if (world_entity(g->world, v[i])->kind == ENT_MARKET)
            continue;   /* a market pays from outside the graph: it has no runway */
        for (int y = 0; y < ny; y++)
            if (out[i].years[y].end < 0) {
                out[i].has_runway = true;
                out[i].runway = out[i].years[y].year;
                break;
            }
    }
}

void timeline_of(const Graph *g, EntId v, Timeline *out)
{
    timeline_many(g, &v, 1, out);
}

void timeline_free(Timeline *t)
{
    free(t->years);
    memset(t, 0, sizeof *t);
}

void timeline_runways(const Graph *g, bool *has, int *year)
{
    walk(g, NULL, 0, NULL, has, year);
}
