/* report.h - the `report` command: every figure of the engine as text or JSON.
 *
 * The JSON schema is documented in docs/ENGINE.md ("The report"): {"entities": [...],
 * "sources_listed": {...}, "cycles": [...], "system": {...}, "clearing": {...}}; the
 * "sources_listed" object says whose sources are listed and why.
 * Plain numbers in USD, null for undefined figures, entities sorted by name, keys in
 * schema order.
 * The "clearing" object comes from the stress engine through a hook (so the engine does
 * not depend on stress): the caller passes a function that builds it (the evaluator
 * passes one over stress_json(), stress_show.h). Without a hook, "clearing" is an empty clearing of
 * the base world: {"scenario": null, "payments": {}, "obligations": {}, "defaults": [],
 * "losses": {}, "distress": {}}. */
#ifndef DG_REPORT_H
#define DG_REPORT_H
#include <stdbool.h>
#include <stdio.h>
#include <jansson.h>
#include "figures.h"

/* HOOK (stress): returns a new reference to the "clearing" object, or NULL on failure. */
typedef json_t *(*ReportClearingFn)(void *ud);

typedef struct ReportOptions {
    bool json;                  /* JSON, else aligned text */
    bool no_sources;            /* `report --no-sources`: skip per-entity sources and
                                   circularity (and system total_circulated, null) */
    bool all_sources;           /* `report --sources all`: every entity's, whatever it costs;
                                   else every entity's where that is cheap, otherwise the
                                   largest entities' (engine_sources_listed, figures.h) */
    ReportClearingFn clearing;  /* NULL: the empty clearing above */
    void *clearing_ud;
} ReportOptions;

/* Builds the whole report as a JSON object (new reference). */
json_t *report_json(Engine *e, const ReportOptions *opt);
/* Writes it (JSON with keys in schema order and 2-space indent, or text). Returns 0, or 3 (DG_EIO)
 * when writing failed. The JSON is written as it is made, one entity at a time (the bytes
 * are those of report_json's tree dumped whole), so its memory does not grow with the
 * entities; the clearing object is one tree still. */
int report_write(FILE *out, Engine *e, const ReportOptions *opt);

#endif
