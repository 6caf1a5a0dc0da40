/* dg_page.c - `report --html` and `report --csv` (dg.h; docs/PICTURES.md "The page"): the
 * scenarios are the evaluator's forks, cleared; the breaking points and, for a scenario that
 * reads a random let, a simulation are computed here when the web is small enough for a
 * page (PAGE_RISK_WORK); out/html.c and out/csv.c lay the results out. */
#include "dg_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "breaking.h"
#include "csv.h"
#include "figures.h"
#include "graph.h"
#include "html.h"
#include "montecarlo.h"

/* The breaking points of a world are about (101 + 7 x its defaulters) yearly clearings,
 * each a pass over every deal in every year: computed when deals x years x 101 is at most
 * this (the 2025 web: 0.2M; the 1M-deal bench web: 800M, skipped). The same bound holds
 * a simulation's PAGE_SAMPLES samples. */
#define PAGE_RISK_WORK 50000000.0
#define PAGE_SAMPLES 1000
#define PAGE_SEED 1

typedef struct PageScen {
    EvalScenario *es;
    double *bp;
    int *year;
    Simulation *sim;
    char why[200], mc_why[200];
} PageScen;

static double risk_work(const World *w)
{
    Horizon h = horizon_of(w);
    return (double)(world_n_deals(w) + 1) * horizon_years(&h) * (BREAK_STEPS + 1);
}

/* bp and year of every entity of w, or a reason in why. */
static void page_breaking(const World *w, const StressParams *sp, double **bp, int **year,
                          char *why, size_t n)
{
    *bp = NULL;
    *year = NULL;
    if (risk_work(w) > PAGE_RISK_WORK) {
        Horizon h = horizon_of(w);
        snprintf(why, n, "Not computed: %zu deals over %d years are more than the page "
                 "computes (`show breaking points` in a script does).", world_n_deals(w),
                 horizon_years(&h));
        return;
    }
    size_t ne = world_n_entities(w);
    *bp = xcalloc(ne + 1, sizeof **bp);
    *year = xcalloc(ne + 1, sizeof **year);
    breaking_points(w, sp, (BreakCut){SH_DEMAND, ENT_NONE}, *bp, *year);
}

static void page_sim(Dg *dg, const char *name, PageScen *s)
{
    if (!eval_scenario_random(s->es)) {
        snprintf(s->mc_why, sizeof s->mc_why, "The scenario draws no random let: nothing to "
                 "simulate.");
        return;
    }
    const World *w = eval_scenario_world(s->es);
    if (risk_work(w) / (BREAK_STEPS + 1) * PAGE_SAMPLES > PAGE_RISK_WORK) {
        snprintf(s->mc_why, sizeof s->mc_why, "Not computed: the web is too large for %d "
                 "samples on a page; run `dealgraph simulate %s`.", PAGE_SAMPLES, name);
        return;
    }
    s->sim = eval_simulate_named(dg->ev, name, PAGE_SAMPLES, PAGE_SEED, 0, 1);
    if (!s->sim)
        snprintf(s->mc_why, sizeof s->mc_why, "The simulation failed (see the messages).");
}

/* Every scenario named, or every one of the script. */
typedef struct Names {
    const char **v;
    size_t n, cap;
} Names;

static void add_name(const char *name, void *ud)
{
    Names *ns = ud;
    if (ns->n == ns->cap) {
        ns->cap = ns->cap ? 2 * ns->cap : 8;
        ns->v = xrealloc(ns->v, ns->cap * sizeof *ns->v);
    }
    ns->v[ns->n++] = name;
}

static void page_free(PageScen *ps, HtmlScenario *hs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        eval_simulation_free(ps[i].sim);
        eval_scenario_free(ps[i].es);
        free(ps[i].bp);
        free(ps[i].year);
    }
    free(ps);
    free(hs);
}

/* Open and clear every scenario; DG_EFAIL (diagnostics printed) for an unknown one. */
static int page_open(Dg *dg, const Names *ns, bool risk, PageScen *ps, HtmlScenario *hs)
{
    size_t before = dg->rd.diags.nerrors;
    for (size_t i = 0; i < ns->n; i++) {
        ps[i].es = eval_scenario(dg->ev, ns->v[i]);
        if (!ps[i].es)
            return dg_flush_diags(dg, before);
        const World *w = eval_scenario_world(ps[i].es);
        if (risk) {
            page_breaking(w, eval_scenario_params(ps[i].es), &ps[i].bp, &ps[i].year, ps[i].why,
                          sizeof ps[i].why);
            page_sim(dg, ns->v[i], &ps[i]);
        }
        hs[i] = (HtmlScenario){ns->v[i], eval_scenario_desc(ps[i].es), w,
                               eval_scenario_stress(ps[i].es),
                               {ps[i].bp, ps[i].year, ps[i].why, ps[i].sim ? sim_sum(ps[i].sim) : NULL,
                                PAGE_SEED, ps[i].mc_why}};
    }
    return dg_flush_diags(dg, before);
}

static int write_html(Dg *dg, const DgPage *pg, Engine *e, const HtmlScenario *hs, size_t n)
{
    char why[200] = "";
    double *bp;
    int *year;
    StressParams sp;
    stress_params_init(&sp);
    page_breaking(engine_world(e), &sp, &bp, &year, why, sizeof why);
    stress_params_free(&sp);
    HtmlPage page = {pg->title ? pg->title : "dealgraph", e, {bp, year, why, NULL, 0, NULL},
                     hs, n};
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    int st = mem ? html_write(mem, &page) : DG_EIO;
    if (mem && fclose(mem) != 0)
        st = DG_EIO;
    if (st == DG_OK && (!pg->html || !strcmp(pg->html, "-")))
        fwrite(text, 1, len, stdout);
    else if (st == DG_OK)
        st = dg_write_file(pg->html, text, len, pg->who, dg->opt.err);
    else
        fprintf(dg->opt.err, "%s: cannot build the page\n", pg->who);
    free(text);
    free(bp);
    free(year);
    return st;
}

/* One CSV file of the directory, written the safe way. */
static int put_csv(const DgPage *pg, FILE *err, const char *name, const char *scen, StrBuf *b)
{
    size_t n = strlen(pg->csv_dir) + strlen(name) + (scen ? strlen(scen) : 0) + 8;
    char *path = xmalloc(n);
    snprintf(path, n, "%s/%s%s%s.csv", pg->csv_dir, name, scen ? "-" : "", scen ? scen : "");
    int st = dg_write_file(path, b->s ? b->s : "", b->len, pg->who, err);
    strbuf_free(b);
    free(path);
    return st;
}

static int write_csv(Dg *dg, const DgPage *pg, Engine *e, const HtmlScenario *hs, size_t n)
{
    FILE *err = dg->opt.err;
    StrBuf b = {0};
    int st = DG_OK;
    void (*base[])(StrBuf *, Engine *) = {csv_entities, csv_deals, csv_cycles, csv_sources};
    static const char *const names[] = {"entities", "deals", "cycles", "sources"};
    for (size_t i = 0; i < 4 && st == DG_OK; i++) {
        base[i](&b, e);
        st = put_csv(pg, err, names[i], NULL, &b);
    }
    void (*per[])(StrBuf *, const StressResult *, const World *) = {csv_defaults, csv_losses,
                                                                     csv_years};
    static const char *const pnames[] = {"defaults", "losses", "years"};
    for (size_t i = 0; i < n && st == DG_OK; i++)
        for (size_t k = 0; k < 3 && st == DG_OK; k++) {
            per[k](&b, hs[i].res, hs[i].w);
            st = put_csv(pg, err, pnames[k], hs[i].name, &b);
        }
    strbuf_free(&b);
    return st;
}

int dg_page(Dg *dg, const DgPage *pg)
{
    Names ns = {0};
    for (size_t i = 0; i < pg->n_scenarios; i++)
        add_name(pg->scenarios[i], &ns);
    if (!pg->n_scenarios)
        eval_each_scenario(dg->ev, add_name, &ns);
    PageScen *ps = xcalloc(ns.n + 1, sizeof *ps);
    HtmlScenario *hs = xcalloc(ns.n + 1, sizeof *hs);
    int st = page_open(dg, &ns, pg->html != NULL, ps, hs);
    if (st == DG_OK) {
        Engine *e = engine_new(eval_world(dg->ev));
        if (pg->csv_dir)
            st = write_csv(dg, pg, e, hs, ns.n);
        if (st == DG_OK && pg->html)
            st = write_html(dg, pg, e, hs, ns.n);
        engine_free(e);
    }
    page_free(ps, hs, ns.n);
    free(ns.v);
    return st;
}
