/* show_system.c - text output about the web as a whole: the leverage table of every
 * entity, the system figures, and the summary a script with no `show` prints (system
 * figures, every entity's main figures, the first cycles). */
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "show.h"
#include "table.h"

#define SUMMARY_MAX_CYCLES 10

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
    show_cycles_first(out, e, SUMMARY_MAX_CYCLES);
}
