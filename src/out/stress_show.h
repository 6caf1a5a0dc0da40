/* stress_show.h - text and JSON output of a StressResult: `show defaults`, `show losses`,
 * `show payments`, `show distress` in a what-if, and the "clearing" object of
 * `report --json` (docs/ENGINE.md "The report"; the clearing keys in docs/STRESS.md).
 *
 * Output only: every number comes from the StressResult.
 * Deterministic order: defaults by year, round then name, losses largest first then name,
 * payments and distress by name. */
#ifndef DG_STRESS_SHOW_H
#define DG_STRESS_SHOW_H
#include <stdio.h>
#include <jansson.h>
#include "show_topic.h"
#include "stress.h"

void stress_show_defaults(FILE *out, const StressResult *r, const World *w);
void stress_show_losses(FILE *out, const StressResult *r, const World *w);
void stress_show_payments(FILE *out, const StressResult *r, const World *w, EntId v);
void stress_show_distress(FILE *out, const StressResult *r, const World *w, EntId v);
/* `show timeline of X` in a what-if: dues, payments and cash of each year. */
void stress_show_timeline(FILE *out, const StressResult *r, const World *w, EntId v);

/* `show breaking points`: bp[v] (NAN: survives every cut) and the default year at it, for
 * every entity but the markets, weakest first (ties by name), the survivors last. */
void stress_show_breaking(FILE *out, const World *w, const double *bp, const int *year);

/* `show TOPIC [of X]` for the what-if topics (TF_WHATIF of show_topic.h: defaults losses
 * payments distress; v = ENT_NONE: all) and `timeline of X` (the stressed cash path, X
 * needed). Returns false for any other topic. */
bool stress_show_topic(FILE *out, const StressResult *r, const World *w, ShowTopic t, EntId v);

/* The "clearing" object (new reference; docs/STRESS.md "JSON"): {"scenario", "payments",
 * "obligations", "received", "defaults": [{"name", "year", "round", "cured", "shortfall",
 * "paid", "cause", "base"}], "losses", "distress", "insolvent": [names], "shortfall",
 * "years": [{"year", "cash", "dues", "payments"}], "warrants": [{"granter", "holder",
 * "vested_fraction", "vested_shares", "value", "dilution"}], "guarantees": [{"guarantor",
 * "party", "deal", "amount", "called", "paid"}], "params": {"alpha", "beta", "debtrank"},
 * "rounds", "converged"}. Objects keyed by name hold every entity (a year's "cash" every
 * entity but the markets); defaults are ordered by year, round, then name. */
json_t *stress_json(const StressResult *r, const World *w);

#endif
