/* eval.h - the evaluator: walks a script's statements in order and builds the World.
 *
 * It resolves names (entities, `let`s, deal labels, scenarios) and units, reports semantic
 * errors (collected, never stopping the walk, never cascading), loads `include`d files and
 * `use`d stdlib modules, answers `show`/`assert`/bare expressions against the world as it
 * stands at that statement, and runs `what if` on a fork of the world.
 *
 * Ownership: an Eval owns its lets, scenarios, the AST arenas of every
 * file it parsed (scenario blocks point into them) and the World; the SourceSet, Diags and
 * Interner belong to the caller (the Dg context, see dg.h) and must outlive the Eval. */
#ifndef DG_EVAL_H
#define DG_EVAL_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "ast.h"
#include "status.h"
#include "diag.h"
#include "intern.h"
#include "world.h"

typedef struct Eval Eval;

Eval *eval_new(Interner *in, SourceSet *src, Diags *diags, const DgOptions *opt);
void eval_free(Eval *ev);

/* Read, parse and evaluate a file named on the command line. A file already evaluated
 * (same real path) is skipped. Returns DG_OK, DG_EFAIL or DG_EIO (the file cannot be read:
 * srcset_error of the SourceSet says why; the caller words the message). */
int eval_file(Eval *ev, const char *path);
/* Parse and evaluate text held in memory under a display name ("<stdin>", "<repl:3>");
 * takes ownership of text (malloc'd, NUL at text[len]). */
int eval_text(Eval *ev, const char *name, char *text, size_t len);
/* Evaluate an already parsed program (its arena is handed over to the Eval). */
void eval_program(Eval *ev, const Program *p, Arena *ast_arena);

/* The checks that need the whole input: labels used before (or without) being defined,
 * `--strict` undeclared entities. Call after the last file. Incremental (each problem is
 * reported once), so the REPL may call it after every input. */
void eval_finish(Eval *ev);
/* The `--strict` check alone (entities used but never declared), of the entities added
 * since it last ran: the REPL checks each input as it runs. Nothing when not strict. */
void eval_check_strict(Eval *ev);
/* The entities the world holds now count as checked: `--strict` turned on in a session
 * applies to what comes after. */
void eval_strict_mark(Eval *ev);

World *eval_world(Eval *ev);
/* A fork with scenario NAME applied and cleared, for `report --scenario` and `diff`;
 * NULL (with a diagnostic) when there is no such scenario. Free with eval_scenario_free. */
typedef struct EvalScenario EvalScenario;
EvalScenario *eval_scenario(Eval *ev, const char *name);
void eval_scenario_free(EvalScenario *s);
World *eval_scenario_world(EvalScenario *s);
void *eval_scenario_stress(EvalScenario *s);   /* the stress result (stress.h), or NULL */
/* Its quoted description (NULL: none); whether applying it read a random let (then a
 * simulate of it has samples that differ); its recovery and forced defaults (stress.h). */
const char *eval_scenario_desc(const EvalScenario *s);
bool eval_scenario_random(const EvalScenario *s);
const struct StressParams *eval_scenario_params(const EvalScenario *s);

/* `dealgraph simulate NAME N`: the samples k = shard, shard + shards, ... below n of
 * scenario NAME on the world as loaded (docs/RISK.md), on opt.jobs threads. NULL (with a
 * diagnostic) for an unknown scenario, or when the scenario or a sample had errors. The
 * sums are montecarlo.h's McSum (sim_sum), entities by their names. */
typedef struct Simulation Simulation;
Simulation *eval_simulate_named(Eval *ev, const char *name, uint64_t n, uint64_t seed,
                                uint64_t shard, uint64_t shards);
void eval_simulation_free(Simulation *sim);
/* What a simulation holds: its sums, its world (the scenario with each random let at its
 * mean), the scenario's name and the seed. */
const struct McSum *sim_sum(const Simulation *sim);
const World *sim_world(const Simulation *sim);
const char *sim_scenario(const Simulation *sim);
uint64_t sim_seed(const Simulation *sim);

/* The Engine (figures.h) of the base world as it stands; owned by the Eval, valid until
 * the world next changes. */
struct Engine *eval_engine_of(Eval *ev);

/* The figures of the language's list (LISTED in figlist.h and stress.h), in its order: the
 * engine's of one entity (nargs 1), of two (2) and of the system (0), then the what-if ones
 * (whatif). */
typedef void (*EvalFigureFn)(const char *name, int nargs, bool whatif, void *ud);
void eval_each_figure(EvalFigureFn fn, void *ud);
/* The risk measures (docs/RISK.md): figures that take arguments of their own (`revenue of
 * y`), each with a show topic. */
typedef struct EvalRisk {
    const char *name;          /* breaking_point */
    const char *call, *usage;  /* its call as the figures hint writes it, and as :help does */
    const char *topic;         /* show TOPIC: breaking points */
    const char *topic_usage;   /* show breaking points */
} EvalRisk;
void eval_each_risk(void (*fn)(const EvalRisk *r, void *ud), void *ud);
/* The names a user may type, for REPL completion. */
void eval_each_name(Eval *ev, void (*fn)(const char *name, void *ud), void *ud);
/* The scenarios defined so far, in the order they were defined (report --scenario each). */
void eval_each_scenario(Eval *ev, void (*fn)(const char *name, void *ud), void *ud);
/* Did any `show` print anything? (The CLI prints a summary when none did.) */
bool eval_showed(const Eval *ev);

#endif
