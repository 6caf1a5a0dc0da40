/* figures.h - the Engine (graph + cached results of one World) and every figure that
 * docs/ENGINE.md defines: per-entity, pair and system figures (their list: figlist.h).
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
#include "figlist.h"
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

/* The figures, in the order of figlist.h. */
/* FU_TIMES and FU_YEARS are plain numbers in expressions; tables print them as "1.26x" (an
 * amount over an amount) and "48.49 years" (an amount over a yearly amount). */
typedef enum { FU_USD, FU_USD_PER_YEAR, FU_PCT, FU_PLAIN, FU_TIMES, FU_YEARS, FU_YEAR } FigUnit;
#define DG_FIG_ENUM(e, name, unit, listed) e,
typedef enum { DG_ENTITY_FIGURES(DG_FIG_ENUM) FIG__COUNT } FigId;
typedef enum { DG_PAIR_FIGURES(DG_FIG_ENUM) PAIR__COUNT } PairFig;
typedef enum { DG_SYSTEM_FIGURES(DG_FIG_ENUM) SYS__COUNT } SysFig;
#undef DG_FIG_ENUM

/* False when the figure is not defined (shown as n/a, null in JSON). */
bool figure_entity(Engine *e, FigId f, EntId v, double *out);
bool figure_system(Engine *e, SysFig f, double *out);
/* exposure(a,b) = a's stakes in b + a's loans to b + what b still owes a. */
double figure_exposure(Engine *e, EntId a, EntId b);
/* sources(v, o): USD of v's inflow whose origin is o (o's own resources). */
double figure_source_from(Engine *e, EntId v, EntId origin);
/* The snake_case name of a figure ("commitment_ratio"), and its unit. */
const char *figure_name(FigId f);
const char *pairfig_name(PairFig f);
const char *sysfig_name(SysFig f);
FigUnit figure_unit(FigId f);
FigUnit sysfig_unit(SysFig f);

/* ---- figures by the names scripts call them (figcall.c) ---- */

/* A figure of the language: its number of entity arguments (1: a FigId, 2: a PairFig, 0: a
 * SysFig) and its id; nargs -1 when no engine figure has the name (the stress figures
 * defaulted/shortfall/loss/paid/distress are stress.h's). */
typedef struct FigRef {
    int nargs;
    int id;
} FigRef;
FigRef figure_find(const char *name);
/* The figure as a Value with its unit (USD, USD/y, a fraction flagged VF_PCT, a plain
 * number, or a year as a plain number); value_undef() when it is not defined, V_NULL when
 * f is no figure or an argument is not an entity of the graph. args holds f.nargs ids. */
Value figure_call(Engine *e, FigRef f, const EntId *args);
/* The figures of the language's list (LISTED in figlist.h), in its order: of one entity,
 * of two, of the system. */
typedef void (*FigNameFn)(const char *name, int nargs, void *ud);
void figure_each_listed(FigNameFn fn, void *ud);

#endif
