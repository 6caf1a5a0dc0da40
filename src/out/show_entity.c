/* show_entity.c - text output about one entity: its card, its sources, its exposure and
 * its timeline.
 *
 * Reads engine results only; every figure is computed elsewhere. */
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "show.h"
#include "sources.h"
#include "table.h"
#include "timeline.h"

/* `show sources` lists this many origins and sums the rest in one row (the JSON report
 * has them all): a web of 10k entities would otherwise print 10k lines. */
#define SHOW_SOURCES_MAX 25

static void card_header(FILE *out, Engine *e, EntId v)
{
    const Entity *en = world_entity(engine_world(e), v);
    fprintf(out, "%s", world_name(engine_world(e), v));
    if (en->display) {
        fputc(' ', out);
        show_put_string(out, en->display);
    }
    fprintf(out, " (%s%s%s%s)\n", entkind_name(en->kind), en->layer ? ", " : "",
            en->layer ? en->layer : "", en->declared ? "" : ", undeclared");
}

void show_entity(FILE *out, Engine *e, EntId v) { show_entity_card(out, e, v, true); }

void show_entity_card(FILE *out, Engine *e, EntId v, bool circularity)
{
    static const FigId rows[] = {FIG_OWN, FIG_IN, FIG_OUT, FIG_GAP, FIG_CIRCULARITY,
                                 FIG_COMMITMENTS, FIG_BACKLOG, FIG_COMMITMENT_RATIO,
                                 FIG_BORROWED, FIG_EQUITY, FIG_LEVERAGE, FIG_CONCENTRATION,
                                 FIG_HHI, FIG_PAPER, FIG_VENDOR_FINANCING, FIG_RUNWAY};
    if (v >= engine_graph(e)->n)
        return;
    card_header(out, e, v);
    Table t;
    table_init(&t, 2);
    char buf[64];
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (rows[i] == FIG_CIRCULARITY && !circularity)
            continue;
        const char *cells[2] = {figure_name(rows[i]), show_figure_text(e, rows[i], v, buf, sizeof buf)};
        table_row(&t, cells);
    }
    table_print(&t, out, "  ");
    table_free(&t);
}

static void source_row(Table *t, const char *label, double usd, double in)
{
    char a[64], p[64];
    const char *cells[3] = {label, usd_text(usd, a, sizeof a), pct_text(usd / in, p, sizeof p)};
    table_row(t, cells);
}

void show_sources(FILE *out, Engine *e, EntId v)
{
    if (v >= engine_graph(e)->n)
        return;
    Sources s;
    sources_of(engine_solver(e), v, &s);
    show_sources_list(out, e, &s);
    sources_release(&s);
}

void show_sources_list(FILE *out, Engine *e, const Sources *s)
{
    const Graph *g = engine_graph(e);
    char buf[64], label[256];
    fprintf(out, "sources of %s (in %s)\n", world_name(g->world, s->of), usd_text(s->in, buf, sizeof buf));
    if (!(s->in > 0)) {
        fprintf(out, "  nothing comes in\n");
        return;
    }
    Table t;
    table_init(&t, 3);
    const char *head[3] = {"origin", "usd", "share"};
    table_row(&t, head);
    double rest = 0;
    for (size_t i = SHOW_SOURCES_MAX; i < s->n; i++)
        rest += s->items[i].usd;
    for (size_t i = 0; i < s->n && i < SHOW_SOURCES_MAX; i++) {
        const SourceShare *x = &s->items[i];
        snprintf(label, sizeof label, "%s%s%s", x->unfunded ? "unfunded at " : "", x->name,
                 !x->unfunded && x->origin == s->of ? " (itself)" : "");
        source_row(&t, label, x->usd, s->in);
    }
    if (s->n > SHOW_SOURCES_MAX) {
        snprintf(label, sizeof label, "(%zu other origins)", s->n - SHOW_SOURCES_MAX);
        source_row(&t, label, rest, s->in);
    }
    if (s->unattributed > 0)
        source_row(&t, "(unattributed)", s->unattributed, s->in);
    table_print(&t, out, "  ");
    table_free(&t);
    if (!s->converged)
        fprintf(out, "  (not converged after %d sweeps)\n", s->sweeps);
}

typedef struct ExpRow { EntId peer; double stake, owed, contingent; } ExpRow;

static int cmp_exp(const void *a, const void *b, const World *w)
{
    const ExpRow *x = a, *y = b;
    double tx = x->stake + x->owed, ty = y->stake + y->owed;
    if (tx != ty)
        return tx > ty ? -1 : 1;
    if (x->contingent != y->contingent)
        return x->contingent > y->contingent ? -1 : 1;
    return strcmp(world_name(w, x->peer), world_name(w, y->peer));
}

/* Exposure rows of a: merge its out-row (stakes, loans) and in-row (what peers owe it), in
 * peer order. */
static size_t exposure_rows(const Graph *g, EntId a, ExpRow *rows)
{
    size_t n = 0;
    uint32_t i = g->out_off[a], j = g->in_off[a];
    while (i < g->out_off[a + 1] || j < g->in_off[a + 1]) {
        EntId pi = i < g->out_off[a + 1] ? g->out[i].peer : ENT_NONE;
        EntId pj = j < g->in_off[a + 1] ? g->in[j].peer : ENT_NONE;
        EntId p = pi < pj ? pi : pj;
        ExpRow r = {p, 0, 0, 0};
        if (pi == p)
            r.stake = g->out[i++].fund;
        if (pj == p)
            r.owed = g->in[j++].owed;
        if (r.stake + r.owed > 0)
            rows[n++] = r;
    }
    return n;
}

/* Whose failure calls on a's contingent deal d, ENT_NONE when d is not one: the party of
 * `guarantees X to p`; for `guarantees LABEL up to X`, the debtor of the labelled deal (a
 * loan's borrower, a purchase's or payment's payer; ENT_NONE when it is gone, cancelled in a
 * scenario, or a letter of intent, which binds nobody and so calls on nothing, as in the
 * yearly model); the borrower of a credit facility `a commits X credit to p`. Only binding
 * deals a gave count. */
static EntId contingent_debtor(const World *w, const Deal *d, EntId a)
{
    if (!d->binding || d->payer != a)
        return ENT_NONE;
    if (d->kind == VERB_COMMITS)
        return d->payee;
    if (d->kind != VERB_GUARANTEES)
        return ENT_NONE;
    if (d->milestone == DEAL_NONE)
        return d->payee;
    Deal c;
    if (!world_deal(w, d->milestone, &c) || !c.binding)
        return ENT_NONE;
    return deal_debtor(&c);
}

static int cmp_peer(const void *a, const void *b)
{
    EntId x = ((const ExpRow *)a)->peer, y = ((const ExpRow *)b)->peer;
    return (x > y) - (x < y);
}

/* The contingent column: what a may have to pay for each peer, at the caps: its binding
 * guarantees (`a guarantees X to p`, and `a guarantees LABEL up to X` of a deal p owes) and
 * the limits of its credit facilities (`a commits X credit to p`: nothing is drawn in the
 * world as it stands). A peer with only these gets a row of its own. rows has room for
 * every deal of a. */
static size_t add_contingent(const Graph *g, EntId a, ExpRow *rows, size_t n)
{
    size_t base = n;
    Deal d;
    for (uint32_t k = g->deal_off[a]; k < g->deal_off[a + 1]; k++) {
        if (!world_deal(g->world, g->deals[k], &d))
            continue;
        EntId p = contingent_debtor(g->world, &d, a);
        if (p == ENT_NONE || p == a)
            continue;
        ExpRow key = {p, 0, 0, 0};
        ExpRow *r = bsearch(&key, rows, base, sizeof *rows, cmp_peer);
        for (size_t x = base; !r && x < n; x++)   /* a peer with contingent deals only */
            if (rows[x].peer == p)
                r = &rows[x];
        if (!r) {
            rows[n] = key;
            r = &rows[n++];
        }
        r->contingent += d.amount;
    }
    return n;
}

static void sort_exp(ExpRow *r, size_t n, const World *w)
{
    for (size_t i = 1; i < n; i++) {   /* insertion sort: a counterparty list is short */
        ExpRow x = r[i];
        size_t j = i;
        for (; j > 0 && cmp_exp(&r[j - 1], &x, w) > 0; j--)
            r[j] = r[j - 1];
        r[j] = x;
    }
}

/* What a may have to pay for b: the contingent column of b's row. */
static double contingent_for(const Graph *g, EntId a, EntId b)
{
    double sum = 0;
    Deal d;
    for (uint32_t k = g->deal_off[a]; k < g->deal_off[a + 1]; k++)
        if (world_deal(g->world, g->deals[k], &d) && contingent_debtor(g->world, &d, a) == b)
            sum += d.amount;
    return sum;
}

void show_exposure(FILE *out, Engine *e, EntId a, EntId b)
{
    const Graph *g = engine_graph(e);
    char x[64], y[64], z[64], c[64];
    if (a >= g->n)
        return;
    if (b != ENT_NONE && b < g->n) {
        const GEdge *ab = graph_edge(g, a, b), *ba = graph_edge(g, b, a);
        double st = ab ? ab->fund : 0, ow = ba ? ba->owed : 0, gu = contingent_for(g, a, b);
        fprintf(out, "exposure of %s to %s: %s (stakes and loans %s, owed %s; contingent %s)\n",
                world_name(g->world, a), world_name(g->world, b), usd_text(st + ow, x, sizeof x),
                usd_text(st, y, sizeof y), usd_text(ow, z, sizeof z), usd_text(gu, c, sizeof c));
        return;
    }
    size_t cap = (g->out_off[a + 1] - g->out_off[a]) + (g->in_off[a + 1] - g->in_off[a]) +
                 (g->deal_off[a + 1] - g->deal_off[a]) + 1;
    ExpRow *rows = xmalloc(cap * sizeof *rows);
    size_t n = add_contingent(g, a, rows, exposure_rows(g, a, rows));
    sort_exp(rows, n, g->world);
    fprintf(out, "exposure of %s\n", world_name(g->world, a));
    Table t;
    table_init(&t, 5);
    const char *head[5] = {"to", "total", "stakes+loans", "owed", "contingent"};
    table_row(&t, head);
    for (size_t i = 0; i < n; i++) {
        const char *cells[5] = {world_name(g->world, rows[i].peer),
                                usd_text(rows[i].stake + rows[i].owed, x, sizeof x),
                                usd_text(rows[i].stake, y, sizeof y),
                                usd_text(rows[i].owed, z, sizeof z),
                                usd_text(rows[i].contingent, c, sizeof c)};
        table_row(&t, cells);
    }
    if (n)
        table_print(&t, out, "  ");
    else
        fprintf(out, "  none\n");
    table_free(&t);
    free(rows);
}

void show_timeline(FILE *out, Engine *e, EntId v)
{
    const Graph *g = engine_graph(e);
    if (v >= g->n)
        return;
    Timeline tl;
    timeline_of(g, v, &tl);
    fprintf(out, "timeline of %s\n", world_name(g->world, v));
    Table t;
    table_init(&t, 6);
    const char *head[6] = {"year", "start", "revenue", "in", "out", "end"};
    table_row(&t, head);
    char b[6][64];
    for (int i = 0; i < tl.n; i++) {
        const TimelineYear *y = &tl.years[i];
        const char *c[6] = {show_year_text(g, y->year, b[0], 64), usd_text(y->start, b[1], 64),
                            usd_text(y->revenue, b[2], 64), usd_text(y->inflow, b[3], 64),
                            usd_text(y->outflow, b[4], 64), usd_text(y->end, b[5], 64)};
        table_row(&t, c);
    }
    table_print(&t, out, "  ");
    table_free(&t);
    if (world_entity(g->world, v)->kind == ENT_MARKET)
        fprintf(out, "  runway: n/a (a market)\n");
    else if (tl.has_runway)
        fprintf(out, "  runway: cash runs out in %s\n", show_year_text(g, tl.runway, b[0], 64));
    else
        fprintf(out, "  runway: cash lasts the horizon\n");
    timeline_free(&tl);
}
