/* diff.h - `dealgraph diff`: what changed between two worlds, figure by figure.
 *
 * A pure function of what it is given: two worlds (two scripts, entities matched by name),
 * or a base world and a scenario's fork, with their clearings (the loading is dg.c's). Every
 * per-entity figure and system figure is compared, and so are the clearing results
 * (payments, shortfall, losses, distress, default): two scripts' base clearings, or the
 * base's against the scenario's;
 * only changed figures are listed, the largest absolute change first (ties by entity, then
 * figure name; changes to or from "not defined" last). Output is an aligned text table or
 *   {"changes": [{"entity": name-or-null, "figure": f, "before": x, "after": y}]}
 * with plain numbers (USD, fractions) and null for undefined figures. Circularity and
 * total_circulated need every entity's sources: they are compared only where the engine
 * finds those cheaply in both worlds (engine_sources_all), else left out and the output
 * says so (a last text line; "not_compared" in JSON). */
#ifndef DG_DIFF_H
#define DG_DIFF_H
#include <stdbool.h>
#include <stdio.h>
#include "status.h"
#include "stress.h"
#include "value.h"
#include "world.h"

typedef struct DiffRow {
    const char *entity;   /* NULL for a system figure */
    const char *figure;
    Value before, after;  /* V_NULL when not defined (or the entity is absent) */
} DiffRow;

typedef struct DiffSet {
    DiffRow *rows;
    size_t n, cap;
    char **owned;         /* entity names copied out of the worlds' interners */
    size_t nowned, capowned;
    bool no_circularity;  /* circularity and total_circulated were not compared: every
                             entity's sources are too costly in one of the worlds */
} DiffSet;

void diffset_free(DiffSet *s);
/* Record a row if before and after differ (relative tolerance 1e-9). */
void diff_add(DiffSet *s, const char *entity, const char *figure, Value before, Value after);
/* Sort as described above. */
void diff_sort(DiffSet *s);
int diff_write(FILE *out, const DiffSet *s, bool json);

/* Every per-entity figure (entities matched by name) and system figure of two worlds
 * (circularity as above). */
void diff_worlds(DiffSet *s, const World *a, const World *b);
/* The clearing figures of every entity of either world (matched by name): ra is a's
 * clearing, rb b's (two scripts' base clearings, or a base's and its scenario's). */
void diff_clearing(DiffSet *s, const World *a, const World *b, const StressResult *ra,
                   const StressResult *rb);

#endif
