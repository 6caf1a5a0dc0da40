/* html_tables.c - the page's tables of the base world (html_int.h): the entity table with
 * every figure, each large entity's sources and cash chart, the cycles with their
 * bottlenecks, the deals with their sources, the breaking points. */
#include "html_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "chart.h"
#include "csv.h"
#include "cycles.h"
#include "show.h"
#include "sources.h"
#include "timeline.h"

/* The most cycles, deals and origins listed; the CSV files hold them all. */
#define HTML_CYCLES_MAX 100
#define HTML_DEALS_MAX 500
#define HTML_SOURCES_ROWS 15   /* origins per entity, largest first; the rest summed */

void html_entities(FILE *out, const HtmlPage *p, const SourceTable *listed)
{
    const Graph *g = engine_graph(p->e);
    const EntId *ids = engine_by_name(p->e);
    char b[64];
    fputs("<section id=\"entities\"><h2>Entities</h2>\n<p class=\"note\">Click a heading "
          "(or Tab to it and press Enter) to sort by it (again to reverse).", out);
    if (listed->nlisted < g->n)
        fprintf(out, " Circularity is given for the %zu largest entities by in(v), as "
                "`report` lists their sources.", listed->nlisted);
    fputs("</p>\n<div class=\"scroll\"><table class=\"sortable\" id=\"entity-table\"><thead>"
          "<tr><th>entity</th><th class=\"t\">kind</th>", out);
    for (int f = 0; f < FIG__COUNT; f++) {
        fputs("<th>", out);
        html_esc(out, figure_name((FigId)f));
        fputs("</th>", out);
    }
    fputs("</tr></thead><tbody>\n", out);
    for (size_t i = 0; i < g->n; i++) {
        EntId v = ids[i];
        const Entity *en = world_entity(g->world, v);
        fputs("<tr><td>", out);
        html_esc(out, world_name(g->world, v));
        fputs("</td><td class=\"t\">", out);
        html_esc(out, entkind_name(en->kind));
        fputs("</td>", out);
        for (int f = 0; f < FIG__COUNT; f++) {
            double x = 0;
            bool ok = (f != FIG_CIRCULARITY || listed->listed[v]) &&
                      figure_entity(p->e, (FigId)f, v, &x) && isfinite(x);
            html_num_cell(out, ok, x, ok ? show_figure_text(p->e, (FigId)f, v, b, sizeof b) : "");
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></div></section>\n", out);
}

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64(FILE *out, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i += 3) {
        unsigned x = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
                     (i + 2 < n ? s[i + 2] : 0);
        char q[4] = {B64[x >> 18 & 63], B64[x >> 12 & 63], i + 1 < n ? B64[x >> 6 & 63] : '=',
                     i + 2 < n ? B64[x & 63] : '='};
        fwrite(q, 1, 4, out);
    }
}

/* v's cash chart as `chart timeline --entity v` draws it (its line from the timeline t,
 * walked with the other entities' in one pass), as an image. */
static void entity_chart(FILE *out, const Graph *g, EntId v, const Timeline *t)
{
    const Entity *en = world_entity(g->world, v);
    ChartData d;
    memset(&d, 0, sizeof d);
    d.x0 = g->h.first;
    d.nx = horizon_years(&g->h) + 1;
    d.undated = !g->h.dated;
    d.ylabel = "cash (USD)";
    snprintf(d.title, sizeof d.title, "Cash by year");
    d.nlines = 1;
    d.lines = xcalloc(1, sizeof *d.lines);
    d.ents = xcalloc(1, sizeof *d.ents);
    d.ents[0] = v;
    d.lines[0].label = en->display ? en->display : world_name(g->world, v);
    d.lines[0].y = xcalloc((size_t)d.nx, sizeof *d.lines[0].y);
    d.lines[0].y[0] = t->n > 0 ? t->years[0].start : 0;
    for (int i = 0; i < t->n && i + 1 < d.nx; i++)
        d.lines[0].y[i + 1] = t->years[i].end;
    char *svg = NULL, msg[256];
    size_t len = 0;
    if (chart_render(&d, RENDER_SVG, &svg, &len, msg, sizeof msg) == 0) {
        fputs("<img alt=\"cash of ", out);
        html_esc(out, world_name(g->world, v));
        fputs(" by year\" src=\"data:image/svg+xml;base64,", out);
        base64(out, (const unsigned char *)svg, len);
        fputs("\">\n", out);
    }
    free(svg);
    chart_data_free(&d);
}

static void sources_table(FILE *out, const Graph *g, const Sources *s)
{
    char b[64];
    fputs("<table><thead><tr><th>where its money comes from</th><th>USD</th><th>share</th>"
          "</tr></thead><tbody>\n", out);
    double rest = 0;
    for (size_t k = HTML_SOURCES_ROWS; k < s->n; k++)
        rest += s->items[k].usd;
    for (size_t k = 0; k < s->n && k < HTML_SOURCES_ROWS; k++) {
        fprintf(out, "<tr><td>%s", s->items[k].unfunded ? "unfunded at " : "");
        html_esc(out, s->items[k].name);
        fputs("</td>", out);
        html_usd_cell(out, s->items[k].usd);
        html_num_cell(out, s->in > 0, s->items[k].usd / s->in,
                      pct_text(s->in > 0 ? s->items[k].usd / s->in : 0, b, sizeof b));
        fputs("</tr>\n", out);
    }
    if (s->n > HTML_SOURCES_ROWS) {
        fprintf(out, "<tr><td>%zu other origins (sources.csv)</td>", s->n - HTML_SOURCES_ROWS);
        html_usd_cell(out, rest);
        html_num_cell(out, s->in > 0, rest / s->in, pct_text(s->in > 0 ? rest / s->in : 0, b, sizeof b));
        fputs("</tr>\n", out);
    }
    if (s->unattributed > 0) {
        fputs("<tr><td>(unattributed)</td>", out);
        html_usd_cell(out, s->unattributed);
        html_num_cell(out, s->in > 0, s->unattributed / s->in,
                      pct_text(s->in > 0 ? s->unattributed / s->in : 0, b, sizeof b));
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    (void)g;
}

/* The entities given a block of their own: the largest by in(v), then by name. */
static size_t detail_order(const Graph *g, const EntId *by_name, EntId *out)
{
    size_t k = 0;
    for (size_t i = 0; i < g->n; i++) {
        EntId v = by_name[i];
        if (world_entity(g->world, v)->kind == ENT_MARKET)
            continue;
        size_t j = k < HTML_DETAIL_MAX ? k++ : HTML_DETAIL_MAX;
        while (j > 0 && g->in_usd[out[j - 1]] < g->in_usd[v]) {
            if (j < HTML_DETAIL_MAX)
                out[j] = out[j - 1];
            j--;
        }
        if (j < HTML_DETAIL_MAX)
            out[j] = v;
    }
    return k;
}

void html_details(FILE *out, const HtmlPage *p, const SourceTable *listed)
{
    const Graph *g = engine_graph(p->e);
    EntId top[HTML_DETAIL_MAX];
    size_t k = detail_order(g, engine_by_name(p->e), top), all = 0;
    for (EntId v = 0; v < g->n; v++)
        all += world_entity(g->world, v)->kind != ENT_MARKET;
    fputs("<section id=\"details\"><h2>Sources and timelines</h2>\n<p class=\"note\">Where "
          "each entity's income comes from (proportional tracing, docs/ENGINE.md), and its "
          "cash at the start of each year.", out);
    if (k < all)
        fprintf(out, " The %zu largest entities by in(v) of %zu.", k, all);
    fputs("</p>\n", out);
    Timeline tl[HTML_DETAIL_MAX];
    timeline_many(g, top, k, tl);
    for (size_t i = 0; i < k; i++) {
        EntId v = top[i];
        html_id(out, "<article class=\"entity\" id=\"entity-", world_name(g->world, v));
        fputs("\"><div><h3>", out);
        html_esc(out, world_name(g->world, v));
        fputs("</h3>\n", out);
        if (listed->listed[v] && g->in_usd[v] > 0)
            sources_table(out, g, &listed->of[v]);
        else
            fputs(g->in_usd[v] > 0 ? "<p class=\"note\">Sources not listed (see the entity "
                                     "table's note).</p>\n"
                                   : "<p>No money comes in.</p>\n", out);
        fputs("</div>\n", out);
        entity_chart(out, g, v, &tl[i]);
        timeline_free(&tl[i]);
        fputs("</article>\n", out);
    }
    fputs("</section>\n", out);
}

/* A cycle's path, its bottleneck edge (the smallest) in bold. */
static void cycle_path(FILE *out, const Graph *g, const Cycle *c)
{
    size_t low = 0;
    for (size_t k = 0; k < c->len; k++)
        if (graph_w(g, c->path[k], c->path[(k + 1) % c->len]) <
            graph_w(g, c->path[low], c->path[(low + 1) % c->len]))
            low = k;
    fputs("<td class=\"wrap\">", out);
    for (size_t k = 0; k <= c->len; k++) {
        if (k)
            fputs(k == low + 1 ? " <strong>&rarr;</strong> " : " &rarr; ", out);
        html_esc(out, world_name(g->world, c->path[k % c->len]));
    }
    fputs("</td>", out);
}

void html_cycles(FILE *out, const HtmlPage *p)
{
    const Graph *g = engine_graph(p->e);
    Cycles c;
    cycles_find(g, engine_components(p->e), CYCLES_MAX, CYCLES_MAX_STEPS, &c);
    fprintf(out, "<section id=\"cycles\"><h2>Cycles</h2>\n<p class=\"note\">Loops of the money "
            "graph, largest bottleneck first; the bold arrow is the bottleneck, the smallest "
            "edge. %zu cycle%s%s.</p>\n", c.n, c.n == 1 ? "" : "s",
            c.truncated ? " (the enumeration's bound stopped it: there are more)" : "");
    if (c.n)
        fputs("<table><thead><tr><th>bottleneck</th><th class=\"t\">path</th></tr></thead>"
              "<tbody>\n", out);
    for (size_t i = 0; i < c.n && i < HTML_CYCLES_MAX; i++) {
        fputs("<tr>", out);
        html_usd_cell(out, c.items[i].bottleneck);
        cycle_path(out, g, &c.items[i]);
        fputs("</tr>\n", out);
    }
    if (c.n)
        fputs("</tbody></table>\n", out);
    if (c.n > HTML_CYCLES_MAX)
        fprintf(out, "<p class=\"note\">%zu more in cycles.csv (`report --csv`).</p>\n",
                c.n - HTML_CYCLES_MAX);
    fputs("</section>\n", out);
    cycles_free(&c);
}

static void deal_row(FILE *out, const World *w, const Horizon *h, const Deal *d)
{
    char b[64], c[32];
    fputs("<tr>", out);
    html_text_cell(out, d->label != SYM_NONE ? sym_str(world_interner(w), d->label) : "");
    html_text_cell(out, world_name(w, d->payer));
    html_text_cell(out, verb_name(d->kind));
    html_text_cell(out, world_name(w, d->payee));
    if (d->kind == VERB_GRANTS) {
        snprintf(b, sizeof b, "%s shares", scaled_text(d->amount, c, sizeof c));
        html_num_cell(out, true, d->amount, b);
    } else if (d->kind == VERB_GUARANTEES || d->kind == VERB_COMMITS) {
        html_usd_cell(out, d->amount);   /* its limit: it moves money only when called, drawn */
    } else {
        html_usd_cell(out, deal_total(d, h));
    }
    html_text_cell(out, d->from != MONTH_NONE ? value_text(value_date(d->from), b, sizeof b) : "");
    html_text_cell(out, d->over > 0 ? months_text(d->over, c, sizeof c) : "");
    html_text_cell(out, d->binding ? "yes" : "no");
    fputs("<td class=\"wrap\">", out);
    if (d->source)
        html_source(out, d->source);
    fputs("</td></tr>\n", out);
}

void html_deals(FILE *out, const HtmlPage *p)
{
    const Graph *g = engine_graph(p->e);
    size_t n = world_n_deals(g->world), shown = 0;
    fputs("<section id=\"deals\"><h2>Deals</h2>\n<p class=\"note\">In script order; the "
          "amount is what the deal pays within the horizon (a yearly rate summed over its "
          "years); a guarantee's and a credit facility's is its limit.</p>\n<div class=\"scroll\"><table class=\"sortable\"><thead><tr>"
          "<th>label</th><th class=\"t\">payer</th><th class=\"t\">verb</th>"
          "<th class=\"t\">payee</th><th>amount</th><th class=\"t\">from</th>"
          "<th class=\"t\">over</th><th class=\"t\">binding</th><th class=\"t\">source</th>"
          "</tr></thead><tbody>\n", out);
    Deal d;
    for (DealId i = 0; i < n && shown < HTML_DEALS_MAX; i++)
        if (world_deal(g->world, i, &d)) {
            deal_row(out, g->world, &g->h, &d);
            shown++;
        }
    fputs("</tbody></table></div>\n", out);
    if (shown == HTML_DEALS_MAX && n > shown)
        fprintf(out, "<p class=\"note\">The first %d deals of %zu; deals.csv (`report --csv`) "
                "holds them all.</p>\n", HTML_DEALS_MAX, n);
    fputs("</section>\n", out);
}

/* bp ascending, the survivors (NAN) last, ties by name. */
typedef struct BpRow {
    double bp;
    const char *name;
    EntId v;
} BpRow;

static int bp_cmp(const void *a, const void *b)
{
    const BpRow *x = a, *y = b;
    bool nx = isnan(x->bp), ny = isnan(y->bp);
    if (nx != ny)
        return nx ? 1 : -1;
    if (!nx && x->bp != y->bp)
        return x->bp < y->bp ? -1 : 1;
    return strcmp(x->name, y->name);
}

void html_breaking(FILE *out, const World *w, const HtmlRisk *r, const HtmlPage *p)
{
    if (!r->bp) {
        fprintf(out, "<p class=\"note\">%s</p>\n", r->bp_why ? r->bp_why : "Not computed.");
        return;
    }
    size_t n = world_n_entities(w), k = 0, survivors = 0;
    BpRow *rows = xcalloc(n + 1, sizeof *rows);
    for (EntId v = 0; v < n; v++)
        if (world_entity(w, v)->kind != ENT_MARKET)
            rows[k++] = (BpRow){r->bp[v], world_name(w, v), v};
    qsort(rows, k, sizeof *rows, bp_cmp);
    if (k && !isnan(rows[0].bp))   /* survivors sort last: no table when all survive */
        fputs("<table class=\"sortable\"><thead><tr><th>entity</th><th>breaking point</th>"
          "<th>year</th></tr></thead><tbody>\n", out);
    char b[64], y[32];
    for (size_t i = 0; i < k; i++) {
        if (isnan(rows[i].bp)) {
            survivors++;
            continue;
        }
        fputs("<tr>", out);
        html_text_cell(out, rows[i].name);
        html_num_cell(out, true, rows[i].bp, pct_text(rows[i].bp, b, sizeof b));
        int yr = r->bp_year[rows[i].v];
        html_num_cell(out, yr != 0, yr, html_year(p, yr, y, sizeof y));
        fputs("</tr>\n", out);
    }
    if (k && !isnan(rows[0].bp))
        fputs("</tbody></table>\n", out);
    if (survivors)
        fprintf(out, "<p class=\"note\">%zu entit%s survive%s every cut (n/a).</p>\n",
                survivors, survivors == 1 ? "y" : "ies", survivors == 1 ? "s" : "");
    free(rows);
}
