/* dg_out.c - the whole-world outputs of dg.h: summary, report, diff and the pictures, and
 * dg_write_file, the one way a command writes a file. They load nothing themselves: the
 * scripts are the context's (dg_run_file), a scenario is the evaluator's fork of its world,
 * and out/ turns engine results into text or pictures. */
#include "dg_int.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "chart.h"
#include "diff.h"
#include "figures.h"
#include "graph.h"
#include "render.h"
#include "report.h"
#include "safefile.h"
#include "show.h"
#include "stress.h"
#include "stress_show.h"

int dg_summary(Dg *dg, FILE *out)
{
    show_summary(out, eval_engine_of(dg->ev));
    fflush(out);
    return ferror(out) ? DG_EIO : DG_OK;
}

/* The report's "clearing" object: the stress result of the world being reported. For the
 * base world it is computed only when asked for (the JSON report): the text report does
 * not show it, and clearing a large world is not free. */
typedef struct ClearingHook {
    const StressResult *res;   /* a scenario's result, or the base's once computed */
    StressResult *base_res;    /* owned: the base world's clearing */
    const World *w;
} ClearingHook;

/* The base world cleared as it stands: who could pay with no shock at all. */
static StressResult *clear_base(const World *w)
{
    StressParams p;
    stress_params_init(&p);
    StressResult *r = stress_run(w, NULL, &p);
    stress_params_free(&p);
    return r;
}

static json_t *clearing_json(void *ud)
{
    ClearingHook *h = ud;
    if (!h->res)
        h->res = h->base_res = clear_base(h->w);
    return stress_json(h->res, h->w);
}

int dg_report(Dg *dg, FILE *out, const char *scenario, bool json, DgSources sources)
{
    size_t before = dg->rd.diags.nerrors;
    EvalScenario *es = NULL;
    ClearingHook hook = {NULL, NULL, eval_world(dg->ev)};
    if (scenario) {
        es = eval_scenario(dg->ev, scenario);
        if (!es)
            return dg_flush_diags(dg, before);
        hook = (ClearingHook){eval_scenario_stress(es), NULL, eval_scenario_world(es)};
    }
    Engine *e = engine_new(hook.w);
    ReportOptions ro = {.json = json, .no_sources = sources == DG_SOURCES_NONE,
                        .all_sources = sources == DG_SOURCES_ALL, .clearing = clearing_json,
                        .clearing_ud = &hook};
    int st = report_write(out, e, &ro);
    if (st == DG_OK && !json && scenario) {
        /* the text report of a scenario ends with its clearing */
        fprintf(out, "\nclearing under scenario %s:\n", scenario);
        stress_show_defaults(out, hook.res, hook.w);
        stress_show_losses(out, hook.res, hook.w);
        st = ferror(out) ? DG_EIO : DG_OK;
    }
    engine_free(e);
    stress_free(hook.base_res);
    eval_scenario_free(es);
    return st;
}

static int write_diff(DiffSet *s, FILE *out, bool json)
{
    diff_sort(s);
    int st = diff_write(out, s, json);
    diffset_free(s);
    return st;
}

int dg_diff(Dg *a, Dg *b, FILE *out, bool json)
{
    DiffSet s = {0};
    const World *wa = eval_world(a->ev), *wb = eval_world(b->ev);
    diff_worlds(&s, wa, wb);
    StressResult *ra = clear_base(wa), *rb = clear_base(wb);
    diff_clearing(&s, wa, wb, ra, rb);
    stress_free(ra);
    stress_free(rb);
    return write_diff(&s, out, json);
}

int dg_diff_scenario(Dg *dg, const char *scenario, FILE *out, bool json)
{
    size_t before = dg->rd.diags.nerrors;
    EvalScenario *es = eval_scenario(dg->ev, scenario);
    if (!es)
        return dg_flush_diags(dg, before);
    const World *base = eval_world(dg->ev), *fork = eval_scenario_world(es);
    DiffSet s = {0};
    diff_worlds(&s, base, fork);
    StressResult *r0 = clear_base(base);
    diff_clearing(&s, base, fork, r0, eval_scenario_stress(es));
    stress_free(r0);
    eval_scenario_free(es);
    return write_diff(&s, out, json);
}

/* ---- pictures ---- */

/* The world a picture shows: the base, or a scenario's fork with who defaulted, in which
 * round, from its clearing. */
typedef struct Pic {
    EvalScenario *scen;
    const World *w;
    bool *defaulted;
    int *round;
} Pic;

static void pic_free(Pic *p)
{
    eval_scenario_free(p->scen);
    free(p->defaulted);
    free(p->round);
}

static int pic_open(Dg *dg, const char *scenario, Pic *p)
{
    *p = (Pic){.w = eval_world(dg->ev)};
    if (!scenario)
        return DG_OK;
    size_t before = dg->rd.diags.nerrors;
    p->scen = eval_scenario(dg->ev, scenario);
    if (!p->scen)
        return dg_flush_diags(dg, before);
    p->w = eval_scenario_world(p->scen);
    const StressResult *r = eval_scenario_stress(p->scen);
    size_t n = world_n_entities(p->w);
    p->defaulted = xcalloc(n ? n : 1, sizeof *p->defaulted);
    p->round = xcalloc(n ? n : 1, sizeof *p->round);
    for (EntId v = 0; r && v < n; v++) {
        p->defaulted[v] = stress_defaulted(r, v);
        p->round[v] = v < r->n ? r->round[v] : 0;
    }
    return DG_OK;
}

/* The format a picture is written in: --format, else out's extension, else DOT for a graph
 * and SVG for a chart. DG_EUSAGE (with the reason printed) when that is no format, or DOT
 * for a chart. */
static int pic_format(const Dg *dg, const DgPicture *pic, RenderFormat *f)
{
    bool chart = pic->kind != DG_PIC_GRAPH;
    bool ok = true;
    if (pic->format)
        ok = render_format_from_name(pic->format, f);
    else if (!pic->out || !strcmp(pic->out, "-"))
        *f = chart ? RENDER_SVG : RENDER_DOT;
    else
        ok = render_format_from_path(pic->out, f);
    const char *why = NULL;
    if (!ok && chart)
        why = "the chart format is svg or png (from -o's extension or --format)";
    else if (!ok)
        why = pic->format ? "--format must be dot, svg or png"
                          : "cannot tell the format from the output name (use .dot, .svg or "
                            ".png, or --format)";
    else if (chart && *f == RENDER_DOT)
        why = "a chart is written as .svg or .png, not DOT";
    if (why)
        fprintf(dg->opt.err, "%s: %s\n", pic->who, why);
    return why ? DG_EUSAGE : DG_OK;
}

int dg_picture_check(Dg *dg, const DgPicture *pic)
{
    RenderFormat f;
    return pic_format(dg, pic, &f);
}

int dg_pic_write(Dg *dg, const DgPicture *pic, int rc, char *data, size_t len,
                     const char *msg)
{
    if (rc != 0) {
        /* Too large to lay out, or the library failed: the input's fault or ours. */
        fprintf(dg->opt.err, "%s: %s\n", pic->who, msg);
        rc = DG_EFAIL;
    } else if (!pic->out || !strcmp(pic->out, "-")) {
        /* Standard output is checked once, by the command line at exit (cli/main.c). */
        fwrite(data, 1, len, stdout);
        rc = DG_OK;
    } else {
        rc = dg_write_file(pic->out, data, len, pic->who, dg->opt.err);
    }
    free(data);
    return rc;
}

static int draw_graph(Dg *dg, const DgPicture *pic, RenderFormat f, const Pic *p)
{
    int rc;
    Graph *g = graph_new(p->w);
    RenderOptions o = {pic->title, p->defaulted, p->round};
    char *data = NULL, msg[256];
    size_t len = 0;
    Renderer *r = renderer_new();
    rc = render_data(r, g, &o, f, &data, &len, msg, sizeof msg);
    renderer_free(r);
    rc = dg_pic_write(dg, pic, rc, data, len, msg);
    graph_free(g);
    return rc;
}

/* The entities a chart names; DG_EFAIL when one is not in the world. */
static int chart_entities(Dg *dg, const DgPicture *pic, const World *w, EntId *ids)
{
    for (size_t i = 0; i < pic->n_entities; i++) {
        const char *name = pic->entities[i];
        Sym s = intern_find(world_interner(w), name, strlen(name));
        ids[i] = s == SYM_NONE ? ENT_NONE : world_find(w, s);
        if (ids[i] == ENT_NONE) {
            fprintf(dg->opt.err, "%s: there is no entity `%s` in the script\n", pic->who, name);
            return DG_EFAIL;
        }
    }
    return DG_OK;
}

static int draw_chart(Dg *dg, const DgPicture *pic, RenderFormat f, const Pic *p)
{
    EntId *ids = xcalloc(pic->n_entities + 1, sizeof *ids);
    int rc = chart_entities(dg, pic, p->w, ids);
    if (rc == DG_OK) {
        Graph *g = graph_new(p->w), *base = NULL;
        ChartData d;
        chart_timeline_data(g, ids, pic->n_entities, &d);
        if (pic->scenario) {
            snprintf(d.title, sizeof d.title, "Cash by year - scenario %s", pic->scenario);
            base = graph_new(eval_world(dg->ev));
            chart_timeline_base(base, &d);
        }
        char *data = NULL, msg[256];
        size_t len = 0;
        rc = chart_render(&d, f, &data, &len, msg, sizeof msg);
        rc = dg_pic_write(dg, pic, rc, data, len, msg);
        chart_data_free(&d);
        graph_free(g);
        if (base)
            graph_free(base);
    }
    free(ids);
    return rc;
}

int dg_picture(Dg *dg, const DgPicture *pic)
{
    RenderFormat f;
    Pic p;
    int rc = pic_format(dg, pic, &f);
    if (rc != DG_OK)
        return rc;
    if (pic->kind == DG_PIC_CHART_DEFAULTS || pic->kind == DG_PIC_CHART_LOSSES)
        return dg_sim_picture(dg, pic, f);
    if ((rc = pic_open(dg, pic->scenario, &p)) != DG_OK)
        return rc;
    rc = pic->kind == DG_PIC_GRAPH ? draw_graph(dg, pic, f, &p) : draw_chart(dg, pic, f, &p);
    pic_free(&p);
    return rc;
}

int dg_write_file(const char *path, const void *data, size_t len, const char *who, FILE *err)
{
    char why[PATH_MAX + 200];
    if (safefile_write(path, data, len, why, sizeof why) == 0)
        return DG_OK;
    fprintf(err, "%s: cannot write '%s': %s\n", who, path, why);
    return DG_EIO;
}
