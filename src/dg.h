/* dg.h - the one library API that the CLI (main.c), the REPL (repl.c), the tests and the
 * fuzzer all use: parse, evaluate, query. No globals: a Dg context owns the sources, the
 * diagnostics, the interner, every parse's AST arena and the world.
 *
 * Exit statuses used across dealgraph (documented in README.md):
 *   0  success
 *   1  the script has errors, or an assert failed, or `fmt --check` found unformatted input
 *   2  usage error on the command line
 *   3  a file named on the command line cannot be read or written
 */
#ifndef DG_DG_H
#define DG_DG_H
#include <stdbool.h>
#include <stdio.h>
#include "diag.h"
#include "intern.h"
#include "world.h"

enum { DG_OK = 0, DG_EFAIL = 1, DG_EUSAGE = 2, DG_EIO = 3 };

typedef struct DgOptions {
    FILE *out;               /* where `show` writes (stdout) */
    FILE *err;               /* where diagnostics go (stderr) */
    bool strict;             /* undeclared entities are errors (`check --strict`) */
    bool quiet;              /* evaluate but print no `show` output (`check`) */
    bool echo_exprs;         /* print the value of a bare expression statement (REPL) */
    bool color;              /* colour diagnostics/tables (a terminal, NO_COLOR unset) */
    const char *stdlib_dir;  /* where `use NAME` looks; NULL = $DEALGRAPH_PATH or built-in */
} DgOptions;

typedef struct Dg Dg;

Dg *dg_new(const DgOptions *opt);
void dg_free(Dg *dg);

/* Parse and evaluate a file (or text under a name) into the context's world. Diagnostics
 * are printed to opt.err as they are found. Returns DG_OK, DG_EFAIL (errors or failed
 * asserts) or DG_EIO (file unreadable). */
int dg_run_file(Dg *dg, const char *path);
int dg_run_text(Dg *dg, const char *name, const char *text, size_t len);

/* REPL: would this text parse? DG_PARSE_INCOMPLETE means the only error is at the end of
 * input (an unclosed block or a statement cut short): read another line and retry. */
enum { DG_PARSE_OK, DG_PARSE_INCOMPLETE, DG_PARSE_ERROR };
int dg_parse_status(Dg *dg, const char *text, size_t len);

/* Forget everything evaluated (the REPL's :reset; :undo replays all but the last input). */
void dg_reset(Dg *dg);

/* The names a user may type, for completion: entities, deal labels, scenarios, lets. */
typedef void (*DgNameFn)(const char *name, void *ud);
void dg_each_name(Dg *dg, DgNameFn fn, void *ud);

/* Whole-world outputs (the `report`, the summary, `graph`). scenario = NULL: the base. */
int dg_summary(Dg *dg, FILE *out);
int dg_report(Dg *dg, FILE *out, const char *scenario, bool json);

/* The checks that need the whole input (labels defined later, `--strict` undeclared
 * entities); call after the last dg_run_file. Returns DG_OK or DG_EFAIL. */
int dg_finish(Dg *dg);
/* Did any `show` statement print? (The CLI prints a summary when none did.) */
bool dg_showed(const Dg *dg);
/* dg_report with `--no-sources`. An unknown scenario is an error (DG_EFAIL). */
int dg_report_ex(Dg *dg, FILE *out, const char *scenario, bool json, bool no_sources);
/* `dealgraph --tokens FILE` / `--ast FILE`: the frontend's dumps of one file. */
int dg_dump_tokens(Dg *dg, const char *path, FILE *out);
int dg_dump_ast(Dg *dg, const char *path, FILE *out);

const World *dg_world(const Dg *dg);
Interner *dg_interner(Dg *dg);
size_t dg_error_count(const Dg *dg);

#endif
