/* dg_sim.c - `dealgraph simulate` and `dealgraph simulate --merge` (dg.h; docs/RISK.md):
 * the evaluator draws and clears the samples, out/ prints the sums, and the merge reads
 * shards' JSON back into one run's sums. */
#include "dg_int.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mc_merge.h"
#include "mc_show.h"

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
    if (!root) {
        fprintf(err, "%s:%d:%d: error: not JSON: %s\n", path, je.line, je.column, je.text);
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
