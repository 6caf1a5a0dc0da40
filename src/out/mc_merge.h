/* mc_merge.h - `dealgraph simulate --merge A.json B.json ...` (docs/RISK.md "Threads,
 * shards and exact sums"): the JSON of every shard of one run (mc_show.h's "shard" object)
 * read back and added up. The sums are exact, so the merged sums print exactly the bytes of
 * the unsharded run.
 *
 * Ownership: the roots are the caller's; m (initialised here) is the caller's to mc_free;
 * run->scenario points into roots[0], which must outlive its use. */
#ifndef DG_MC_MERGE_H
#define DG_MC_MERGE_H
#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "mc_show.h"

/* roots[i] was read from names[i]. Every shard of one run must be there once: same
 * scenario, seed, shard count, sample total and entities. False with a message in err
 * ("B.json: shard 2 of 4 appears twice") otherwise. */
bool mc_merge_shards(json_t *const *roots, const char *const *names, size_t n, McSum *m,
                     McRun *run, char *err, size_t errn);

#endif
