/* figures.h - the Engine (graph + cached results of one World) and every figure that
 * docs/ENGINE.md defines: per-entity and system figures.
 *
 * The evaluator makes one Engine per world it asks about (the base
 * world once; each what-if fork its own) and calls figure_call() for figures used in
 * expressions and asserts. An Engine computes lazily and caches: the graph on engine_new,
 * SCCs, runways, cycles and per-entity sources on first use. Undefined figures (division by
 * zero, no equity, ...) are reported as "not defined" (Value V_NULL / false), never NaN or inf.
 * The World must outlive the Engine and must not change while it exists. */
#ifndef DG_FIGURES_H
#define DG_FIGURES_H
#include <stdbool.h>
#include <stddef.h>
#include "graph.h"
#include "value.h"
#include "world.h"

typedef struct Engine Engine;

Engine *engine_new(const World *w);
void engine_free(Engine *e);
const Graph *engine_graph(const Engine *e);
const World *engine_world(const Engine *e);
/* Cached intermediate results, for show and report: SCC id per entity (scc_tarjan), and the
 * sources solver of this engine's graph. */
const uint32_t *engine_components(Engine *e);
struct SourceSolver *engine_solver(Engine *e);
/* Sources of many entities (sources_table.h), cached; each table also fills the cache of
 * circularity for the entities it lists. engine_sources_all: every entity's by the bounded
 * one-pass method, or NULL when the web is beyond its bounds (tried once; its bounds cap
 * what trying costs). engine_sources_fit: that pass's SourcesFit, and the largest loop. engine_sources_
 * listed: what `report` lists: every entity's when `every` (the unbounded pass, else one
 * solve per entity in batches) or when engine_sources_all has them, else those of the
 * SOURCES_LARGEST entities with the largest in(v). The first call decides `every`. */
struct SourceTable;
const struct SourceTable *engine_sources_all(Engine *e);
int engine_sources_fit(Engine *e, size_t *loop);
const struct SourceTable *engine_sources_listed(Engine *e, bool every);
/* Entity ids sorted by name (n = engine_graph(e)->n entries), cached: the order of every
 * table and of the JSON report. */
const EntId *engine_by_name(Engine *e);

/* Per-entity figures. */
typedef enum {
    FIG_IN, FIG_OUT, FIG_OWN, FIG_GAP,
    FIG_CIRCULARITY,        /* fraction; null when in = 0 */
    FIG_COMMITMENTS, FIG_BACKLOG,
    FIG_COMMITMENT_RATIO,   /* plain number (years of revenue); null when revenue = 0 */
    FIG_LEVERAGE,           /* plain number; null when equity is missing or <= 0 */
    FIG_CONCENTRATION,      /* fraction; null when in = 0 */
    FIG_HHI,                /* 0..1; null when in = 0 */
    FIG_PAPER,              /* fraction; null when no deal comes in */
    FIG_VENDOR_FINANCING,   /* USD */
    FIG_RUNWAY,             /* a year; null when cash never goes negative, and for markets */
    FIG_BORROWED,           /* USD */
    FIG_EQUITY,             /* USD: equity, else valuation, else shares x price; null if none */
    FIG__COUNT
} FigId;

/* System figures. */
typedef enum {
    SYS_TOTAL_COMMITMENTS, SYS_END_DEMAND, SYS_LEVERAGE, SYS_TOTAL_UNFUNDED,
    SYS_TOTAL_CIRCULATED, SYS__COUNT
} SysFig;

/* False when the figure is not defined (shown as n/a, null in JSON). */
bool figure_entity(Engine *e, FigId f, EntId v, double *out);
bool figure_system(Engine *e, SysFig f, double *out);
/* exposure(a,b) = a's stakes in b + a's loans to b + what b still owes a. */
double figure_exposure(Engine *e, EntId a, EntId b);
/* sources(v, o): USD of v's inflow whose origin is o (o's own resources). */
double figure_source_from(Engine *e, EntId v, EntId origin);
/* The snake_case name of a figure ("commitment_ratio"). */
const char *figure_name(FigId f);
const char *sysfig_name(SysFig f);

/* For the evaluator. figure_arity: the number of entity arguments the engine figure `fn`
 * takes (in/out/.../runway: 1; exposure, sources: 2; total_commitments() end_demand()
 * system_leverage() total_unfunded() total_circulated(): 0), or -1 when `fn` is not an
 * engine figure (the stress figures defaulted/shortfall/loss/paid/distress are not).
 * figure_call: the value, with its unit (USD, fraction flagged VF_PCT, plain number, or a
 * year as a plain number); V_NULL when undefined. args must be valid EntIds and nargs must
 * equal figure_arity(fn); otherwise V_NULL. */
int figure_arity(const char *fn);
Value figure_call(Engine *e, const char *fn, const EntId *args, int nargs);

#endif
