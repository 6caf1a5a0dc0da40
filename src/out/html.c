/* html.c - the page of `report --html` (html.h): its frame (style, script), the headline of
 * system figures, the money graph, and a section per scenario; the escaping and cells every
 * table uses. */
#include "html_int.h"
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "render.h"
#include "show.h"

/* The style: screen and print (A4 and Letter both fit a 180 mm column). */
static const char STYLE[] =
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d232b;"
    "margin:0 auto;max-width:1180px;padding:0 20px 40px}\n"
    "h1{font-size:26px;margin:24px 0 4px}h2{font-size:20px;margin:32px 0 8px;"
    "border-bottom:2px solid #d7dde4;padding-bottom:4px}h3{font-size:16px;margin:18px 0 6px}\n"
    "nav a{margin-right:12px}a{color:#1f5fa8}.note{color:#5a6470}\n"
    ".headline{display:flex;flex-wrap:wrap;gap:12px;margin:0;padding:0}\n"
    ".headline div{border:1px solid #d7dde4;border-radius:6px;padding:8px 14px;min-width:150px}\n"
    ".headline .k{display:block;color:#5a6470;font-size:12px}.headline .v{display:block;"
    "font-size:20px;font-weight:600}\n"
    "table{border-collapse:collapse;margin:6px 0 12px;font-variant-numeric:tabular-nums}\n"
    "th,td{padding:3px 8px;border-bottom:1px solid #e6eaee;text-align:right;"
    "white-space:nowrap}\n"
    "th:first-child,td:first-child,td.t,th.t{text-align:left}td.wrap{white-space:normal;"
    "text-align:left;max-width:420px}\n"
    "thead th{background:#f2f4f7;position:sticky;top:0}\n"
    "table.sortable thead th{cursor:pointer}table.sortable thead th:hover{background:#e3e8ee}\n"
    "table.sortable thead th:focus-visible{outline:2px solid #1f6feb;outline-offset:-2px}\n"
    "th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after"
    "{content:' \\25BC'}\n"
    ".scroll{overflow-x:auto}.graph svg{max-width:100%;height:auto}\n"
    ".entity{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;"
    "border-top:1px solid #e6eaee;padding-top:6px}\n"
    ".entity img{max-width:520px;width:100%;height:auto}\n"
    ".scenario{border-left:4px solid #c0392b;padding-left:14px}\n"
    ".bad{color:#b22222;font-weight:600}\n"
    "@page{size:auto;margin:12mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}"
    "thead th{position:static}h2{break-after:avoid}tr,.entity,.headline div"
    "{break-inside:avoid}.scroll{overflow:visible}a{color:inherit;text-decoration:none}"
    ".entity img{max-width:120mm}table{font-size:8.5pt}th,td{padding:1px 4px}"
    /* the widest tables must fit A4's 186 mm: headings wrap, the entity table is smaller */
    "th{white-space:normal;overflow-wrap:anywhere}#entity-table{font-size:7pt}"
    "#entity-table th,#entity-table td{padding:1px 2px}"
    "td.wrap{max-width:60mm;overflow-wrap:anywhere}}\n";

/* Sorting the tables of class "sortable" by a click on a header, or Enter or Space on one
 * reached with Tab (the script makes the headings focusable, so a page without scripts has
 * no dead tab stops): by each cell's data-v (a number), else its text; cells with an empty
 * data-v (n/a) go last either way. */
static const char SCRIPT[] =
    "(function(){\n"
    "function key(c){var v=c.getAttribute('data-v');return v===null?c.textContent:v;}\n"
    "function sortBy(t,i,th){\n"
    "  var desc=th.getAttribute('aria-sort')==='ascending',b=t.tBodies[0];\n"
    "  var rows=Array.prototype.slice.call(b.rows);\n"
    "  var hs=t.tHead.rows[0].cells;for(var k=0;k<hs.length;k++)hs[k].removeAttribute('aria-sort');\n"
    "  th.setAttribute('aria-sort',desc?'descending':'ascending');\n"
    "  rows.sort(function(x,y){var a=key(x.cells[i]),c=key(y.cells[i]);\n"
    "    if(a===''||c==='')return a===c?0:a===''?1:-1;\n"
    "    var r=x.cells[i].hasAttribute('data-v')?Number(a)-Number(c):a<c?-1:a>c?1:0;\n"
    "    return desc?-r:r;});\n"
    "  var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});\n"
    "  b.appendChild(f);}\n"
    "var ts=document.querySelectorAll('table.sortable');\n"
    "for(var j=0;j<ts.length;j++)(function(t){var hs=t.tHead.rows[0].cells;\n"
    "  for(var i=0;i<hs.length;i++)(function(i){var h=hs[i];h.tabIndex=0;\n"
    "    h.addEventListener('click',function(){sortBy(t,i,h);});\n"
    "    h.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){\n"
    "      e.preventDefault();sortBy(t,i,h);}});})(i);})(ts[j]);\n"
    "})();\n";

void html_esc(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

void html_id(FILE *out, const char *prefix, const char *s)
{
    fputs(prefix, out);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (islower(*c) || isdigit(*c) || *c == '_')
            fputc(*c, out);
        else
            fprintf(out, "-%02x", *c);
    }
}

void html_num_cell(FILE *out, bool ok, double v, const char *text)
{
    if (ok && isfinite(v))
        fprintf(out, "<td data-v=\"%.17g\">", v);
    else
        fputs("<td data-v=\"\">", out);
    html_esc(out, ok ? text : "n/a");
    fputs("</td>", out);
}

void html_text_cell(FILE *out, const char *text)
{
    fputs("<td>", out);
    html_esc(out, text);
    fputs("</td>", out);
}

void html_usd_cell(FILE *out, double usd)
{
    char b[64];
    html_num_cell(out, isfinite(usd), usd, usd_text(usd, b, sizeof b));
}

/* Does the word w (n bytes) look like an address: http(s)://..., or a host name with a dot
 * and a top-level domain of letters, and maybe a path? */
static bool is_address(const char *w, size_t n)
{
    if ((n > 7 && !strncmp(w, "http://", 7)) || (n > 8 && !strncmp(w, "https://", 8)))
        return true;
    size_t host = 0;
    while (host < n && w[host] != '/')
        host++;
    const char *dot = NULL;
    for (size_t i = 0; i < host; i++) {
        if (!isalnum((unsigned char)w[i]) && w[i] != '-' && w[i] != '.')
            return false;
        if (w[i] == '.')
            dot = w + i;
    }
    size_t tld = dot ? (size_t)(w + host - dot - 1) : 0;
    if (!dot || dot == w || tld < 2)
        return false;
    for (size_t i = 0; i < tld; i++)
        if (!isalpha((unsigned char)dot[1 + i]))
            return false;
    return true;
}

static void esc_n(FILE *out, const char *s, size_t n)
{
    char buf[512];
    while (n > 0) {
        size_t k = n < sizeof buf - 1 ? n : sizeof buf - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
        html_esc(out, buf);
        s += k;
        n -= k;
    }
}

void html_source(FILE *out, const char *src)
{
    const char *s = src;
    while (*s) {
        size_t gap = strcspn(s, " \t,;()<>\"");   /* <, > and " are never in an address */
        if (gap == 0) {
            esc_n(out, s, 1);
            s++;
            continue;
        }
        size_t n = gap;
        while (n > 1 && s[n - 1] == '.')   /* a full stop ends the sentence, not the host */
            n--;
        if (is_address(s, n)) {
            bool scheme = !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8);
            fprintf(out, "<a href=\"%s", scheme ? "" : "https://");
            esc_n(out, s, n);
            fputs("\" rel=\"noreferrer\">", out);
            esc_n(out, s, n);
            fputs("</a>", out);
            esc_n(out, s + n, gap - n);
        } else {
            esc_n(out, s, gap);
        }
        s += gap;
    }
}

const char *html_year(const HtmlPage *p, int y, char *buf, size_t n)
{
    return show_year_text(engine_graph(p->e), y, buf, n);
}

/* ---- headline and graph ---- */

static void headline(FILE *out, const HtmlPage *p, const SourceTable *listed)
{
    const Graph *g = engine_graph(p->e);
    char b[64], c[64];
    fputs("<section id=\"system\"><h2>System</h2>\n<div class=\"headline\">\n", out);
    for (int f = 0; f < SYS__COUNT; f++) {
        fputs("<div><span class=\"k\">", out);
        html_esc(out, sysfig_name((SysFig)f));
        fputs("</span><span class=\"v\">", out);
        /* total_circulated sums every entity's sources: n/a where `report` lists only
           the largest entities' (a solve per entity of a large loop) */
        bool all = f != SYS_TOTAL_CIRCULATED || listed->nlisted == g->n;
        html_esc(out, all ? show_sysfig_text(p->e, (SysFig)f, b, sizeof b) : "n/a");
        fputs("</span></div>\n", out);
    }
    fputs("</div>\n<p class=\"note\">", out);
    fprintf(out, "%zu entities, %zu money edges, %zu deals; horizon %s", g->n, g->m,
            world_n_deals(g->world), show_year_text(g, g->h.first, b, sizeof b));
    if (g->h.last != g->h.first)
        fprintf(out, " to %s", show_year_text(g, g->h.last, c, sizeof c));
    fputs(".</p></section>\n", out);
}

/* Graphviz's SVG without its XML prolog and doctype: the <svg> element, inline. */
static void inline_svg(FILE *out, const char *svg, size_t len)
{
    const char *s = strstr(svg, "<svg");
    if (s)
        fwrite(s, 1, len - (size_t)(s - svg), out);
}

/* Above the size `graph` lays out: the reason and the largest edges. */
static void graph_summary(FILE *out, const Graph *g, const char *why)
{
    fputs("<p class=\"note\">The picture is not drawn: ", out);
    html_esc(out, why);
    fputs(".</p>\n<h3>The largest money edges</h3>\n<table><thead><tr><th>payer</th>"
          "<th class=\"t\">payee</th><th>amount</th></tr></thead><tbody>\n", out);
    enum { TOP = 20 };
    const GEdge *top[TOP];
    EntId from[TOP];
    size_t k = 0;
    for (EntId u = 0; u < g->n; u++)
        for (uint32_t i = g->out_off[u]; i < g->out_off[u + 1]; i++) {
            size_t j = k < TOP ? k++ : TOP;
            while (j > 0 && (top[j - 1]->w < g->out[i].w ||
                             (top[j - 1]->w == g->out[i].w && from[j - 1] > u))) {
                if (j < TOP) {
                    top[j] = top[j - 1];
                    from[j] = from[j - 1];
                }
                j--;
            }
            if (j < TOP) {
                top[j] = &g->out[i];
                from[j] = u;
            }
        }
    for (size_t i = 0; i < k; i++) {
        fputs("<tr>", out);
        html_text_cell(out, world_name(g->world, from[i]));
        fputs("<td class=\"t\">", out);
        html_esc(out, world_name(g->world, top[i]->peer));
        fputs("</td>", out);
        html_usd_cell(out, top[i]->w);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

static void graph_section(FILE *out, const HtmlPage *p)
{
    const Graph *g = engine_graph(p->e);
    fputs("<section id=\"graph\" class=\"graph\"><h2>The money graph</h2>\n", out);
    char why[512];
    if (render_too_large(g, why, sizeof why)) {
        graph_summary(out, g, why);
    } else {
        Renderer *r = renderer_new();
        RenderOptions o = {NULL, NULL, NULL};
        char *svg = NULL;
        size_t len = 0;
        if (render_data(r, g, &o, RENDER_SVG, &svg, &len, why, sizeof why) == 0)
            inline_svg(out, svg, len);
        else
            graph_summary(out, g, why);
        free(svg);
        renderer_free(r);
    }
    fputs("</section>\n", out);
}

/* ---- scenarios ---- */

/* Entities of a scenario in the order its tables list them: defaults by year, round and
 * name, then the rest by loss, largest first, then name. */
typedef struct ScenRow {
    const StressResult *r;
    const World *w;
} ScenRow;

static int scen_cmp(const void *a, const void *b, void *ud)
{
    const ScenRow *s = ud;
    EntId x = *(const EntId *)a, y = *(const EntId *)b;
    int dx = s->r->year[x] != 0, dy = s->r->year[y] != 0;
    if (dx != dy)
        return dy - dx;
    if (dx && s->r->year[x] != s->r->year[y])
        return s->r->year[x] < s->r->year[y] ? -1 : 1;
    if (dx && s->r->round[x] != s->r->round[y])
        return s->r->round[x] < s->r->round[y] ? -1 : 1;
    if (!dx && s->r->loss[x] != s->r->loss[y])
        return s->r->loss[x] > s->r->loss[y] ? -1 : 1;
    return strcmp(world_name(s->w, x), world_name(s->w, y));
}

/* The entities of the scenario (markets left out), in scen_cmp's order (a stable insertion
 * of the name order: sorting with context is not in C11). */
static EntId *scen_order(const HtmlScenario *s, size_t *n)
{
    size_t m = s->res->n < world_n_entities(s->w) ? s->res->n : world_n_entities(s->w);
    EntId *v = xcalloc(m + 1, sizeof *v);
    ScenRow ctx = {s->res, s->w};
    size_t k = 0;
    for (EntId i = 0; i < m; i++)
        if (world_entity(s->w, i)->kind != ENT_MARKET)
            v[k++] = i;
    /* merge sort: the webs are large, and qsort_r is not portable C11 */
    EntId *tmp = xcalloc(k + 1, sizeof *tmp);
    for (size_t width = 1; width < k; width *= 2) {
        for (size_t lo = 0; lo < k; lo += 2 * width) {
            size_t mid = lo + width < k ? lo + width : k, hi = lo + 2 * width < k ? lo + 2 * width : k;
            size_t a = lo, b = mid, o = lo;
            while (a < mid || b < hi)
                tmp[o++] = b >= hi || (a < mid && scen_cmp(&v[a], &v[b], &ctx) <= 0) ? v[a++] : v[b++];
        }
        memcpy(v, tmp, k * sizeof *v);
    }
    free(tmp);
    *n = k;
    return v;
}

static void more_rows(FILE *out, size_t shown, size_t all, const char *what)
{
    if (shown < all)
        fprintf(out, "<p class=\"note\">%zu more %s: `report --csv` writes them all.</p>\n",
                all - shown, what);
}

static void scen_defaults(FILE *out, const HtmlPage *p, const HtmlScenario *s,
                          const EntId *ord, size_t n)
{
    const StressResult *r = s->res;
    char y[32], b[64];
    size_t nd = 0, ni = 0;
    while (nd < n && r->year[ord[nd]])
        nd++;
    fputs("<h3>Defaults</h3>\n", out);
    if (nd == 0)
        fputs("<p>Nobody defaults.</p>\n", out);
    else
        fputs("<table><thead><tr><th>entity</th><th>year</th><th>round</th><th>cured</th>"
              "<th>shortfall</th><th>paid</th><th class=\"t\">cause</th>"
              "<th class=\"t\">in the base world</th></tr>"
              "</thead><tbody>\n", out);
    for (size_t i = 0; i < nd && i < HTML_PATH_ROWS; i++) {
        EntId v = ord[i];
        fputs("<tr>", out);
        html_text_cell(out, world_name(s->w, v));
        html_num_cell(out, true, r->year[v], html_year(p, r->year[v], y, sizeof y));
        snprintf(b, sizeof b, "%d", r->round[v]);
        html_num_cell(out, true, r->round[v], b);
        html_num_cell(out, r->cured[v] != 0, r->cured[v], html_year(p, r->cured[v], y, sizeof y));
        html_usd_cell(out, r->shortfall[v]);
        html_num_cell(out, true, r->paid_frac[v], pct_text(r->paid_frac[v], b, sizeof b));
        fprintf(out, "<td class=\"t\">%s</td><td class=\"t\">%s</td></tr>\n",
                stress_default_cause(r, v), r->in_base[v] ? "yes" : "no");
    }
    if (nd)
        fputs("</tbody></table>\n", out);
    more_rows(out, nd < HTML_PATH_ROWS ? nd : HTML_PATH_ROWS, nd, "defaults");
    for (size_t i = 0; i < n; i++)
        ni += r->insolvent[ord[i]];
    if (ni) {
        fputs("<p>Insolvent (equity gone, still paying):", out);
        for (size_t i = 0, k = 0; i < n && k < HTML_PATH_ROWS; i++)
            if (r->insolvent[ord[i]]) {
                fputs(k++ ? ", " : " ", out);
                html_esc(out, world_name(s->w, ord[i]));
            }
        fputs(".</p>\n", out);
    }
}

/* Losses, largest first (after the defaults' order), and the cash paths of the same rows. */
static void scen_losses(FILE *out, const HtmlPage *p, const HtmlScenario *s,
                        const EntId *ord, size_t n)
{
    const StressResult *r = s->res;
    char y[32], b[64];
    size_t rows = n < HTML_PATH_ROWS ? n : HTML_PATH_ROWS;
    fputs("<h3>Losses and stressed cash paths</h3>\n<p class=\"note\">Loss against the base "
          "world; distress after DebtRank; cash at the end of each year of the "
          "scenario.</p>\n<div class=\"scroll\"><table class=\"sortable\"><thead><tr>"
          "<th>entity</th><th>loss</th><th>distress</th>", out);
    for (int t = 0; t < r->nyears; t++)
        fprintf(out, "<th>%s</th>", html_year(p, r->first_year + t, y, sizeof y));
    fputs("</tr></thead><tbody>\n", out);
    for (size_t i = 0; i < rows; i++) {
        EntId v = ord[i];
        fprintf(out, "<tr%s>", r->year[v] ? " class=\"bad\"" : "");
        html_text_cell(out, world_name(s->w, v));
        html_usd_cell(out, r->loss[v]);
        html_num_cell(out, true, r->distress[v], pct_text(r->distress[v], b, sizeof b));
        for (int t = 0; t < r->nyears; t++)
            html_usd_cell(out, r->cash_y[(size_t)t * r->n + v]);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></div>\n", out);
    more_rows(out, rows, n, "entities");
}

static void scen_probabilities(FILE *out, const HtmlRisk *k)
{
    fputs("<h3>Default probabilities</h3>\n", out);
    if (!k->mc) {
        fprintf(out, "<p class=\"note\">%s</p>\n", k->mc_why ? k->mc_why : "");
        return;
    }
    const McSum *m = k->mc;
    char b[64], c[64];
    fprintf(out, "<p class=\"note\">%llu samples, seed %llu (docs/RISK.md); entities that "
            "never defaulted are left out.</p>\n<table class=\"sortable\"><thead><tr>"
            "<th>entity</th><th>defaults</th><th>probability</th><th>95%% interval</th>"
            "<th>expected loss</th></tr></thead><tbody>\n",
            (unsigned long long)m->samples, (unsigned long long)k->mc_seed);
    for (size_t j = 0; j < m->n; j++) {
        if (!m->ent[j].defaults)
            continue;
        double lo, hi, pr = mc_probability(m, j);
        mc_wilson(m->ent[j].defaults, m->samples, &lo, &hi);
        fputs("<tr>", out);
        html_text_cell(out, m->ent[j].name);
        snprintf(b, sizeof b, "%llu", (unsigned long long)m->ent[j].defaults);
        html_num_cell(out, true, (double)m->ent[j].defaults, b);
        html_num_cell(out, true, pr, pct_text(pr, b, sizeof b));
        snprintf(c, sizeof c, "%s", pct_text(lo, b, sizeof b));
        snprintf(c + strlen(c), sizeof c - strlen(c), "-%s", pct_text(hi, b, sizeof b));
        html_num_cell(out, true, lo, c);
        html_usd_cell(out, mc_expected_loss(m, j));
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

static void scenario_section(FILE *out, const HtmlPage *p, const HtmlScenario *s)
{
    html_id(out, "<section class=\"scenario\" id=\"scenario-", s->name);
    fputs("\"><h2>Scenario ", out);
    html_esc(out, s->name);
    fputs("</h2>\n", out);
    if (s->desc) {
        fputs("<p>", out);
        html_esc(out, s->desc);
        fputs("</p>\n", out);
    }
    size_t n;
    EntId *ord = scen_order(s, &n);
    scen_defaults(out, p, s, ord, n);
    scen_losses(out, p, s, ord, n);
    free(ord);
    fputs("<h3>Breaking points in the scenario</h3>\n", out);
    html_breaking(out, s->w, &s->risk, p);
    if (s->risk.mc || s->risk.mc_why)
        scen_probabilities(out, &s->risk);
    fputs("</section>\n", out);
}

static void nav(FILE *out, const HtmlPage *p)
{
    fputs("<nav><a href=\"#system\">System</a><a href=\"#graph\">Graph</a>"
          "<a href=\"#entities\">Entities</a><a href=\"#details\">Sources and timelines</a>"
          "<a href=\"#cycles\">Cycles</a><a href=\"#deals\">Deals</a>"
          "<a href=\"#breaking\">Breaking points</a>", out);
    for (size_t i = 0; i < p->nscen; i++) {
        html_id(out, "<a href=\"#scenario-", p->scen[i].name);
        fputs("\">", out);
        html_esc(out, p->scen[i].name);
        fputs("</a>", out);
    }
    fputs("</nav>\n", out);
}

int html_write(FILE *out, const HtmlPage *p)
{
    const SourceTable *listed = engine_sources_listed(p->e, false);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>dealgraph: ", out);
    html_esc(out, p->title);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><h1>", STYLE);
    html_esc(out, p->title);
    fputs("</h1><p class=\"note\">A report by dealgraph: every figure is defined in "
          "docs/ENGINE.md, the stress model in docs/STRESS.md, the risk measures in "
          "docs/RISK.md. Amounts in USD; n/a where a figure is undefined.</p></header>\n", out);
    nav(out, p);
    headline(out, p, listed);
    graph_section(out, p);
    html_entities(out, p, listed);
    html_details(out, p, listed);
    html_cycles(out, p);
    html_deals(out, p);
    fputs("<section id=\"breaking\"><h2>Breaking points</h2>\n<p class=\"note\">The smallest "
          "cut of every market's payments at which each entity defaults, and the year it "
          "does.</p>\n", out);
    html_breaking(out, engine_world(p->e), &p->risk, p);
    fputs("</section>\n", out);
    for (size_t i = 0; i < p->nscen; i++)
        scenario_section(out, p, &p->scen[i]);
    fprintf(out, "<script>\n%s</script>\n</body>\n</html>\n", SCRIPT);
    return ferror(out) ? 3 : 0;
}
