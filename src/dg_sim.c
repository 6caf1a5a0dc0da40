/* dg_sim.c - `dealgraph simulate`, `dealgraph simulate --merge` and the charts of a
 * simulate (`chart defaults`, `chart losses`) (dg.h; docs/RISK.md): the evaluator draws and
 * clears the samples, out/ prints or draws the sums, and the merge reads shards' JSON back
 * into one run's sums. */
#include "dg_int.h"
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "mc_merge.h"
#include "mc_show.h"
#include "chart.h"
#include "montecarlo.h"
#include "value.h"

int dg_simulate(Dg *dg, FILE *out, const DgSimulate *s)
{
    size_t before = dg->rd.diags.nerrors;
    uint64_t shards = s->shards ? s->shards : 1;
    Simulation *sim = eval_simulate_named(dg->ev, s->scenario, s->samples, s->seed, s->shard,
                                          shards);
    int st = dg_flush_diags(dg, before);
    if (!sim)
        return st == DG_OK ? DG_EFAIL : st;
    const McSum *m = sim_sum(sim);
    McRun run = {sim_scenario(sim), sim_seed(sim)};
    McShard shard = {s->shard, shards, s->samples};
    if (s->json) {
        json_t *root = mc_json(m, &run, s->shards ? &shard : NULL);
        if (!mc_json_write(out, root))
            st = DG_EIO;
        json_decref(root);
    } else {
        mc_show_probabilities(out, m, &run);
        mc_show_years(out, m, &run);
        mc_show_losses(out, m, &run, NULL, 0);
    }
    eval_simulation_free(sim);
    fflush(out);
    return ferror(out) ? DG_EIO : st;
}

/* A shard's JSON; NULL after a message (*st: DG_EIO unreadable, DG_EFAIL not JSON). */
static json_t *load_shard(const char *path, FILE *err, int *st)
{
    FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!fp) {
        fprintf(err, "dealgraph: simulate: cannot read '%s': %s\n", path, strerror(errno));
        *st = DG_EIO;
        return NULL;
    }
    json_error_t je;
    json_t *root = json_loadf(fp, 0, &je);
    if (fp != stdin)
        fclose(fp);
    if (!root) {   /* jansson gives column 0 (line -1) where it read nothing: say 1 */
        fprintf(err, "%s:%d:%d: error: not JSON: %s\n", path, je.line > 0 ? je.line : 1,
                je.column > 0 ? je.column : 1, je.text);
        *st = DG_EFAIL;
    }
    return root;
}

int dg_simulate_merge(const char *const *files, size_t n, FILE *out, FILE *err)
{
    json_t **roots = xcalloc(n + 1, sizeof *roots);
    int st = DG_OK;
    for (size_t i = 0; i < n; i++) {
        int r = DG_OK;
        roots[i] = load_shard(files[i], err, &r);
        st = r > st ? r : st;
    }
    McSum m;
    McRun run;
    char msg[512];
    memset(&m, 0, sizeof m);
    if (st == DG_OK && !mc_merge_shards(roots, files, n, &m, &run, msg, sizeof msg)) {
        fprintf(err, "dealgraph: simulate --merge: %s\n", msg);
        st = DG_EFAIL;
    }
    if (st == DG_OK) {
        json_t *root = mc_json(&m, &run, NULL);
        if (!mc_json_write(out, root))
            st = DG_EIO;
        json_decref(root);
    }
    mc_free(&m);
    for (size_t i = 0; i < n; i++)
        json_decref(roots[i]);
    free(roots);
    fflush(out);
    return st == DG_OK && ferror(out) ? DG_EIO : st;
}

/* ---- the charts of a simulate (chart_risk.c draws them) ---- */

/* The most bars a default chart draws: the most likely defaulters (in the order of the
 * text table, mc_defaulters), the subtitle says so. */
enum { SIM_CHART_MAX_BARS = 40 };

static int draw_defaults(const McSum *m, const char *heading, RenderFormat f, char **data,
                         size_t *len, char *msg, size_t msgn)
{
    size_t *order = xcalloc(m->n + 1, sizeof *order);
    size_t k = mc_defaulters(m, order);
    size_t n = k < SIM_CHART_MAX_BARS ? k : SIM_CHART_MAX_BARS;
    ChartBars b = {.n = n};
    const char **names = xcalloc(n + 1, sizeof *names);
    double *v = xcalloc(3 * n + 1, sizeof *v);
    for (size_t i = 0; i < n; i++) {
        size_t j = order[i];
        names[i] = m->ent[j].name;
        v[i] = mc_probability(m, j);
        mc_wilson(m->ent[j].defaults, m->samples, &v[n + i], &v[2 * n + i]);
    }
    b.names = names, b.p = v, b.lo = v + n, b.hi = v + 2 * n;
    snprintf(b.title, sizeof b.title, "Default probabilities - %s", heading);
    if (!k)
        snprintf(b.subtitle, sizeof b.subtitle, "nobody defaulted in any sample");
    else if (n < k)
        snprintf(b.subtitle, sizeof b.subtitle, "the %zu most likely of the %zu that defaulted", n, k);
    else
        snprintf(b.subtitle, sizeof b.subtitle, "every entity that defaulted in a sample (%zu of %zu)",
                 k, m->n);
    int rc = chart_defaults(&b, f, data, len, msg, msgn);
    free(names);
    free(v);
    free(order);
    return rc;
}

static int draw_losses(const McSum *m, const char *heading, double q, RenderFormat f,
                       char **data, size_t *len, char *msg, size_t msgn)
{
    ChartHist h = {.loss = m->sys, .n = m->nsys, .q = q, .var = mc_var(m, q), .es = mc_es(m, q)};
    char mean[32];
    snprintf(h.title, sizeof h.title, "System losses - %s", heading);
    snprintf(h.subtitle, sizeof h.subtitle, "mean %s; VaR and ES at %g%%",
             usd_text(mc_system_mean(m), mean, sizeof mean), 100 * q);
    return chart_losses(&h, f, data, len, msg, msgn);
}

int dg_sim_picture(Dg *dg, const DgPicture *pic, RenderFormat f)
{
    if (!pic->scenario || !pic->samples) {
        fprintf(dg->opt.err, "%s: give the scenario and samples: --simulate SCENARIO N\n", pic->who);
        return DG_EUSAGE;
    }
    double q = pic->level > 0 ? pic->level : 0.99;
    if (!(q > 0 && q < 1)) {
        fprintf(dg->opt.err, "%s: the level is a share between 0 and 1, such as 0.99\n", pic->who);
        return DG_EUSAGE;
    }
    size_t before = dg->rd.diags.nerrors;
    Simulation *sim = eval_simulate_named(dg->ev, pic->scenario, pic->samples, pic->seed, 0, 1);
    int st = dg_flush_diags(dg, before);
    if (!sim)
        return st == DG_OK ? DG_EFAIL : st;
    const McSum *m = sim_sum(sim);
    char heading[200], *data = NULL, msg[256] = "";
    size_t len = 0;
    snprintf(heading, sizeof heading, "%s, %" PRIu64 " sample%s (seed %" PRIu64 ")",
             sim_scenario(sim), m->samples, m->samples == 1 ? "" : "s", sim_seed(sim));
    int rc = pic->kind == DG_PIC_CHART_DEFAULTS
                 ? draw_defaults(m, heading, f, &data, &len, msg, sizeof msg)
                 : draw_losses(m, heading, q, f, &data, &len, msg, sizeof msg);
    eval_simulation_free(sim);
    rc = dg_pic_write(dg, pic, rc, data, len, msg);
    return rc == DG_OK ? st : rc;
}
