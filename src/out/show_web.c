/* show_web.c - text output for the whole web: deals, cycles, leverage table, system
 * figures, the summary, and `show TOPIC` dispatch. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "cycles.h"
#include "show.h"
#include "table.h"

#define SUMMARY_MAX_CYCLES 10

static char *fmt_month(int32_t m, char *buf, size_t n)
{
    return value_text(value_date(m), buf, n);
}

static char *fmt_months(int32_t months, char *buf, size_t n)
{
    if (months % 12 == 0)
        snprintf(buf, n, "%dy", months / 12);
    else
        snprintf(buf, n, "%dmo", months);
    return buf;
}

/* One deal as a sentence close to the script's own. */
static void deal_line(FILE *out, const World *w, const Deal *d)
{
    char a[64], b[64], c[64];
    const char *p = world_name(w, d->payer), *q = world_name(w, d->payee);
    fputs("  ", out);
    if (d->label)
        fprintf(out, "%s: ", sym_str(world_interner(w), d->label));
    snprintf(a, sizeof a, "%s%s", usd_text(d->amount, b, sizeof b), d->per_year ? "/y" : "");
    switch (d->kind) {
    case VERB_INVESTS: fprintf(out, "%s invests %s in %s", p, a, q); break;
    case VERB_LENDS: fprintf(out, "%s lends %s to %s", p, a, q); break;
    case VERB_BUYS:
        if (d->gw > 0)
            fprintf(out, "%s buys %sGW (%s) from %s", p, plain_text(d->gw, c, sizeof c), a, q);
        else
            fprintf(out, "%s buys %s from %s", p, a, q);
        break;
    case VERB_PAYS: fprintf(out, "%s pays %s to %s", p, a, q); break;
    case VERB_GRANTS:
        fprintf(out, "%s grants %s %s shares", p, q, scaled_text(d->amount, c, sizeof c));
        break;
    case VERB_GUARANTEES: fprintf(out, "%s guarantees %s to %s", p, a, q); break;
    }
    if (d->kind == VERB_GRANTS && d->milestone != DEAL_NONE) {
        Deal m;
        if (world_deal(w, d->milestone, &m) && m.label)
            fprintf(out, " vesting with %s", sym_str(world_interner(w), m.label));
    }
    if (d->kind == VERB_GRANTS && d->price > 0)
        fprintf(out, " at %s", plain_text(d->price, c, sizeof c));
    if (d->kind == VERB_LENDS && d->price > 0)
        fprintf(out, " at %s", pct_text(d->price, c, sizeof c));
    if (d->over > 0)
        fprintf(out, " over %s", fmt_months(d->over, c, sizeof c));
    if (d->from != MONTH_NONE)
        fprintf(out, " from %s", fmt_month(d->from, c, sizeof c));
    if (d->kind == VERB_LENDS && d->due != MONTH_NONE)
        fprintf(out, " due %s", fmt_month(d->due, c, sizeof c));
    if (!d->binding)
        fputs(" nonbinding", out);
    fputc('\n', out);
}

void show_deals(FILE *out, Engine *e, EntId v)
{
    const Graph *g = engine_graph(e);
    Deal d;
    size_t shown = 0;
    if (v != ENT_NONE && v >= g->n)
        return;
    if (v == ENT_NONE)
        fprintf(out, "deals\n");
    else
        fprintf(out, "deals of %s\n", world_name(g->world, v));
    size_t lo = v == ENT_NONE ? 0 : g->deal_off[v];
    size_t hi = v == ENT_NONE ? world_n_deals(g->world) : g->deal_off[v + 1];
    for (size_t i = lo; i < hi; i++) {
        DealId id = v == ENT_NONE ? (DealId)i : g->deals[i];
        if (!world_deal(g->world, id, &d))
            continue;
        deal_line(out, g->world, &d);
        shown++;
    }
    if (!shown)
        fprintf(out, "  none\n");
}

static void cycle_rows(FILE *out, const World *w, const Cycles *c, size_t max)
{
    Table t;
    table_init(&t, 2);
    t.left_mask = 2;   /* bottleneck right, path left */
    const char *head[2] = {"bottleneck", "path"};
    table_row(&t, head);
    char b[64];
    for (size_t i = 0; i < c->n && i < max; i++) {
        size_t len = 0;
        for (size_t k = 0; k <= c->items[i].len; k++)
            len += strlen(world_name(w, c->items[i].path[k % c->items[i].len])) + 4;
        char *path = xmalloc(len + 1);
        path[0] = 0;
        for (size_t k = 0; k <= c->items[i].len; k++) {
            if (k)
                strcat(path, " -> ");
            strcat(path, world_name(w, c->items[i].path[k % c->items[i].len]));
        }
        const char *cells[2] = {usd_text(c->items[i].bottleneck, b, sizeof b), path};
        table_row(&t, cells);
        free(path);
    }
    table_print(&t, out, "  ");
    table_free(&t);
}

/* Keep only the cycles through v (order kept). */
static void cycles_through(Cycles *c, EntId v)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++) {
        bool on = false;
        for (size_t j = 0; j < c->items[i].len && !on; j++)
            on = c->items[i].path[j] == v;
        if (on)
            c->items[k++] = c->items[i];
        else
            free(c->items[i].path);
    }
    c->n = k;
}

static void cycles_block(FILE *out, Engine *e, size_t max, EntId v)
{
    const Graph *g = engine_graph(e);
    Cycles c;
    cycles_find(g, engine_components(e), CYCLES_MAX, CYCLES_MAX_STEPS, &c);
    if (v != ENT_NONE)
        cycles_through(&c, v);
    fprintf(out, "cycles");
    if (v != ENT_NONE)
        fprintf(out, " of %s", world_name(g->world, v));
    fprintf(out, " (%zu%s)\n", c.n, c.truncated ? ", truncated: there are more" : "");
    if (!c.n)
        fprintf(out, "  none\n");
    else
        cycle_rows(out, g->world, &c, max);
    if (c.n > max)
        fprintf(out, "  ... %zu more\n", c.n - max);
    cycles_free(&c);
}

void show_cycles(FILE *out, Engine *e) { cycles_block(out, e, SIZE_MAX, ENT_NONE); }

void show_cycles_of(FILE *out, Engine *e, EntId v)
{
    if (v == ENT_NONE || v < engine_graph(e)->n)
        cycles_block(out, e, SIZE_MAX, v);
}

typedef struct LevRow { EntId v; double lev; bool ok; } LevRow;

static int cmp_lev(const void *a, const void *b)
{
    const LevRow *x = a, *y = b;
    if (x->ok != y->ok)
        return x->ok ? -1 : 1;
    if (x->ok && x->lev != y->lev)
        return x->lev > y->lev ? -1 : 1;
    return 0;   /* the input is in name order and the merge below is stable */
}

/* A stable sort (insertion into a by-name list keeps ties by name). */
static void sort_lev(LevRow *r, size_t n)
{
    LevRow *tmp = xmalloc((n + 1) * sizeof *tmp);
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = cmp_lev(&r[j], &r[i]) < 0 ? r[j++] : r[i++];
            while (i < mid)
                tmp[o++] = r[i++];
            while (j < hi)
                tmp[o++] = r[j++];
        }
        memcpy(r, tmp, n * sizeof *r);
    }
    free(tmp);
}

void show_leverage(FILE *out, Engine *e, EntId v)
{
    const Graph *g = engine_graph(e);
    const EntId *ids = engine_by_name(e);
    size_t n = v == ENT_NONE ? g->n : (v < g->n ? 1 : 0);
    LevRow *rows = xmalloc((n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        rows[i].v = v == ENT_NONE ? ids[i] : v;
        rows[i].ok = figure_entity(e, FIG_LEVERAGE, rows[i].v, &rows[i].lev);
    }
    sort_lev(rows, n);
    Table t;
    table_init(&t, 6);
    const char *head[6] = {"entity", "debt", "borrowed", "commitments", "equity", "leverage"};
    table_row(&t, head);
    char b[5][64];
    for (size_t i = 0; i < n; i++) {
        EntId x = rows[i].v;
        const Entity *en = world_entity(g->world, x);
        double debt = (en->has & (1u << A_DEBT)) ? en->attr[A_DEBT] : 0;
        const char *c[6] = {world_name(g->world, x), usd_text(debt, b[0], 64),
                            show_figure_text(e, FIG_BORROWED, x, b[1], 64),
                            show_figure_text(e, FIG_COMMITMENTS, x, b[2], 64),
                            show_figure_text(e, FIG_EQUITY, x, b[3], 64),
                            show_figure_text(e, FIG_LEVERAGE, x, b[4], 64)};
        table_row(&t, c);
    }
    fprintf(out, "leverage\n");
    table_print(&t, out, "  ");
    table_free(&t);
    free(rows);
}

static void system_rows(FILE *out, Engine *e, bool circulated)
{
    Table t;
    table_init(&t, 2);
    char b[64];
    for (int f = 0; f < SYS__COUNT; f++) {
        if (f == SYS_TOTAL_CIRCULATED && !circulated)
            continue;
        const char *c[2] = {sysfig_name((SysFig)f), show_sysfig_text(e, (SysFig)f, b, sizeof b)};
        table_row(&t, c);
    }
    table_print(&t, out, "  ");
    table_free(&t);
}

void show_system(FILE *out, Engine *e)
{
    /* total_circulated needs every entity's sources: where the one-pass method cannot give
     * them (docs/ENGINE.md), `show system` leaves it out rather than run for minutes
     * (total_circulated() still asks). */
    bool circ = engine_sources_all(e) != NULL;
    fprintf(out, "system\n");
    system_rows(out, e, circ);
    if (!circ)
        fprintf(out, "  (total_circulated left out: every entity's sources are too costly on "
                     "this web; ask total_circulated())\n");
}

static void summary_header(FILE *out, const Graph *g)
{
    size_t nd = world_n_deals(g->world), live = 0;
    Deal d;
    for (DealId i = 0; i < nd; i++)
        live += world_deal(g->world, i, &d);
    fprintf(out, "%zu entities, %zu deals, ", g->n, live);
    int years = horizon_years(&g->h);
    if (!g->h.dated)
        fprintf(out, "no dates (one year)\n");
    else
        fprintf(out, "horizon %d..%d (%d year%s)\n", g->h.first, g->h.last, years,
                years == 1 ? "" : "s");
}

static void summary_entities(FILE *out, Engine *e, bool circ)
{
    static const FigId cols[] = {FIG_IN, FIG_OUT, FIG_OWN, FIG_GAP, FIG_CIRCULARITY,
                                 FIG_COMMITMENTS, FIG_LEVERAGE, FIG_RUNWAY};
    enum { NC = sizeof cols / sizeof *cols };
    const Graph *g = engine_graph(e);
    const EntId *ids = engine_by_name(e);
    Table t;
    table_init(&t, NC + 1);
    const char *head[NC + 1] = {"entity"};
    for (size_t c = 0; c < NC; c++)
        head[c + 1] = figure_name(cols[c]);
    table_row(&t, head);
    char b[NC][64];
    for (size_t i = 0; i < g->n; i++) {
        const char *row[NC + 1] = {world_name(g->world, ids[i])};
        for (size_t c = 0; c < NC; c++)
            row[c + 1] = cols[c] == FIG_CIRCULARITY && !circ
                             ? "-" : show_figure_text(e, cols[c], ids[i], b[c], 64);
        table_row(&t, row);
    }
    fprintf(out, "entities\n");
    table_print(&t, out, "  ");
    table_free(&t);
}

void show_summary(FILE *out, Engine *e)
{
    const Graph *g = engine_graph(e);
    bool circ = g->n && engine_sources_all(e) != NULL;   /* circularity where it is cheap */
    summary_header(out, g);
    if (!g->n)
        return;
    fprintf(out, "\nsystem\n");
    system_rows(out, e, circ);
    fputc('\n', out);
    summary_entities(out, e, circ);
    fputc('\n', out);
    cycles_block(out, e, SUMMARY_MAX_CYCLES, ENT_NONE);
}

int show_topic(FILE *out, Engine *e, const char *topic, EntId a, EntId b)
{
    static const char *const stress[] = {"defaults", "losses", "payments", "distress"};
    for (size_t i = 0; i < sizeof stress / sizeof *stress; i++)
        if (!strcmp(topic, stress[i]))
            return SHOW_NOT_MINE;
    if (!strcmp(topic, "cycles"))
        show_cycles_of(out, e, a);
    else if (!strcmp(topic, "leverage"))
        show_leverage(out, e, a);
    else if (!strcmp(topic, "system"))
        show_system(out, e);
    else if (!strcmp(topic, "summary"))
        show_summary(out, e);
    else if (!strcmp(topic, "deals"))
        show_deals(out, e, a);
    else if (!strcmp(topic, "sources") || !strcmp(topic, "timeline") ||
             !strcmp(topic, "exposure")) {
        if (a == ENT_NONE)
            return SHOW_NEEDS_ENTITY;
        if (topic[0] == 's')
            show_sources(out, e, a);
        else if (topic[0] == 't')
            show_timeline(out, e, a);
        else
            show_exposure(out, e, a, b);
    } else
        return SHOW_NOT_MINE;
    return SHOW_OK;
}
