/* show_cycles.c - `show cycles [of A]`: the money loops, each with its bottleneck. */
#include <stdlib.h>
#include <string.h>
#include "cycles.h"
#include "show.h"
#include "table.h"

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

void show_cycles_first(FILE *out, Engine *e, size_t max) { cycles_block(out, e, max, ENT_NONE); }

void show_cycles_of(FILE *out, Engine *e, EntId v)
{
    if (v == ENT_NONE || v < engine_graph(e)->n)
        cycles_block(out, e, SIZE_MAX, v);
}
