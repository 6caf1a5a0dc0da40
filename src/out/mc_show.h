/* mc_show.h - the output of a simulate (docs/RISK.md "Output in a script", "The command"):
 * `show default probabilities`, `show default years` and `show losses [at LEVELS]` as
 * text, and the JSON of `dealgraph simulate --json`, with what `--merge` needs when it is
 * one shard of a run; `--merge` itself (reading shards back into one McSum) is mc_merge.h.
 *
 * Output only: every number comes from the McSum, whose sums are exact, so the same sums
 * print the same bytes however they were added up. Entities by name; rows of the tables
 * largest first, ties by name. */
#ifndef DG_MC_SHOW_H
#define DG_MC_SHOW_H
#include <stdio.h>
#include <jansson.h>
#include "montecarlo.h"

/* What the sums are of: for titles and the JSON's first keys. */
typedef struct McRun {
    const char *scenario;
    uint64_t seed;
} McRun;

/* A shard of a run: samples k < total with k mod count == index. */
typedef struct McShard {
    uint64_t index, count, total;
} McShard;

/* The levels `show losses` and the JSON use when none are given: 95% and 99%. */
extern const double MC_DEFAULT_LEVELS[2];

/* The entities that defaulted in some sample, in the order every table and chart lists
 * them: most likely first, then the larger expected loss, then by name. Writes their
 * indices into j (room for m->n) and returns how many. */
size_t mc_defaulters(const McSum *m, size_t *j);

void mc_show_probabilities(FILE *out, const McSum *m, const McRun *run);
void mc_show_years(FILE *out, const McSum *m, const McRun *run);
/* levels NULL: MC_DEFAULT_LEVELS. */
void mc_show_losses(FILE *out, const McSum *m, const McRun *run, const double *levels,
                    size_t nlevels);

/* {"scenario", "samples", "seed", "entities": [{"name", "default_probability", "interval":
 * [lo, hi], "default_years": {"<year>": p}, "expected_loss"}], "system_loss": {"mean",
 * "var": {"<level>": usd}, "es": {...}}} and, for a shard (NULL: a whole run), "shard":
 * {"index", "count", "total", "entities": [{"name", "loss_sum", "years": {"<year>":
 * count}}], "system_losses": [each sample's, as a hex float]}. New reference. */
json_t *mc_json(const McSum *m, const McRun *run, const McShard *shard);
/* Write it as `dealgraph simulate --json` does; false when the write failed. */
bool mc_json_write(FILE *out, json_t *root);

#endif
