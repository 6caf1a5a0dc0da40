/* dg.h - the one library API: the CLI (src/cli/), the REPL, the tests and the fuzzer use
 * it, and the front doors use nothing else. No globals: a Dg context owns the sources, the
 * diagnostics, the interner, every parse's AST arena and the world.
 *
 * It includes system headers and three small headers of the base layer that are part of
 * the API: the exit statuses and run options (status.h), the allocation choke point
 * (xalloc.h) and the growable text buffer (strbuf.h). Exit statuses (README.md):
 *   0  success
 *   1  the script has errors, or an assert failed, or `fmt --check` found unformatted input
 *   2  usage error on the command line
 *   3  a file named on the command line cannot be read or written (or is refused:
 *      dg_write_file), or standard output cannot be written */
#ifndef DG_DG_H
#define DG_DG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "base/status.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

typedef struct Dg Dg;

Dg *dg_new(const DgOptions *opt);
void dg_free(Dg *dg);

/* Parse and evaluate a file ("-" is standard input) or text under a name into the
 * context's world. Diagnostics are printed to opt.err as they are found. Returns DG_OK,
 * DG_EFAIL (errors or failed asserts) or DG_EIO (file unreadable). */
int dg_run_file(Dg *dg, const char *path);
int dg_run_text(Dg *dg, const char *name, const char *text, size_t len);
/* The checks that need the whole input (labels defined later, `--strict` undeclared
 * entities); call after the last dg_run_file. Returns DG_OK or DG_EFAIL. */
int dg_finish(Dg *dg);
/* `--strict` on or off from now on (the REPL's `--strict` and `:set strict`): turned on
 * (or on again), it leaves the entities already there alone. dg_check_strict reports the
 * entities used but never declared among those added since its last call (dg_finish does
 * it too): the REPL asks after each input. DG_EFAIL when there were any. */
void dg_set_strict(Dg *dg, bool on);
int dg_check_strict(Dg *dg);
/* Did any `show` statement print? (The CLI prints a summary when none did.) */
bool dg_showed(const Dg *dg);
size_t dg_error_count(const Dg *dg);

/* Forget everything evaluated (the REPL's :reset; :undo replays all but the last input). */
void dg_reset(Dg *dg);

/* ---- what the REPL asks of an input, without evaluating it ---- */
/* Would this text parse? DG_PARSE_INCOMPLETE means the only error is at the end of input
 * (an unclosed block or a statement cut short): read another line and retry. */
enum { DG_PARSE_OK, DG_PARSE_INCOMPLETE, DG_PARSE_ERROR };
int dg_parse_status(const char *text, size_t len);
/* What an input does to the world, least first: only bare expressions, only questions
 * (show, assert, what if: nothing to roll back), or changes (also: it does not parse). */
typedef enum { DG_INPUT_PEEK, DG_INPUT_QUESTION, DG_INPUT_CHANGE } DgInputKind;
DgInputKind dg_input_kind(const char *text, size_t len);
/* Where the last statement that changes the world starts, when the text holds something
 * before it; 0 when it is the whole text (or the text is too big to parse again). */
size_t dg_last_change_at(const char *text, size_t len);
/* The names a user may type, for completion: entities, deal labels, scenarios, lets. */
typedef void (*DgNameFn)(const char *name, void *ud);
void dg_each_name(Dg *dg, DgNameFn fn, void *ud);
/* The words of the language, for completion and :help, from the one list of each
 * (front/keywords.h, out/show_topic.h, engine/figlist.h and stress.h), in its order:
 * the keywords (both spellings of pays), the topics of `show TOPIC`, and the figures a
 * script can call, each with its number of entity arguments (1, 2, or 0 for a system
 * figure) and whether only a what-if has it. */
void dg_each_keyword(DgNameFn fn, void *ud);
void dg_each_topic(DgNameFn fn, void *ud);
typedef void (*DgFigureFn)(const char *name, int nargs, bool whatif, void *ud);
void dg_each_figure(DgFigureFn fn, void *ud);
/* The risk measures (docs/RISK.md): figures with arguments of their own, each with a show
 * topic; the calls and topics as :help writes them. */
typedef struct DgRisk {
    const char *name;          /* breaking_point */
    const char *usage;         /* breaking_point(x [, cash of y]) */
    const char *topic;         /* breaking points */
    const char *topic_usage;   /* show breaking points */
} DgRisk;
void dg_each_risk(void (*fn)(const DgRisk *r, void *ud), void *ud);
/* The scenarios the script defined, in order: the names dg_report and dg_diff_scenario take. */
void dg_each_scenario(Dg *dg, DgNameFn fn, void *ud);

/* ---- whole-world outputs; scenario = NULL: the base world ---- */
int dg_summary(Dg *dg, FILE *out);
/* `report`: text or JSON. `sources` says whose sources (and circularity) it lists
 * (docs/ENGINE.md "The report"): DG_SOURCES_AUTO every entity's where that is cheap, else
 * the largest entities' (the report says which); DG_SOURCES_ALL every entity's, whatever
 * it costs; DG_SOURCES_NONE nobody's. An unknown scenario is an error (DG_EFAIL). */
typedef enum { DG_SOURCES_AUTO, DG_SOURCES_ALL, DG_SOURCES_NONE } DgSources;
int dg_report(Dg *dg, FILE *out, const char *scenario, bool json, DgSources sources);
/* `diff A B`: every figure of a's world against b's, changed ones only. */
int dg_diff(Dg *a, Dg *b, FILE *out, bool json);
/* `diff --scenario NAME`: the base world against the scenario, clearing results included. */
int dg_diff_scenario(Dg *dg, const char *scenario, FILE *out, bool json);

/* `graph` and the charts: a picture of the world (or of a scenario's fork, defaults
 * marked), or of a simulate's results, written to `out` ("-" is standard output). The
 * format is `format` (dot, svg, png) when given, else the extension of out, else DOT for a
 * graph and SVG for a chart. Problems are printed to opt.err prefixed with `who`
 * ("dealgraph graph").
 *   DG_PIC_CHART_TIMELINE  cash by year per entity (of `scenario`'s fork when given)
 *   DG_PIC_CHART_DEFAULTS  `samples` draws of `scenario` (seed `seed`, docs/RISK.md): each
 *                          entity's default probability with its 95% interval
 *   DG_PIC_CHART_LOSSES    the same samples' system losses, VaR and ES at `level` marked */
typedef enum {
    DG_PIC_GRAPH, DG_PIC_CHART_TIMELINE, DG_PIC_CHART_DEFAULTS, DG_PIC_CHART_LOSSES
} DgPicKind;
typedef struct DgPicture {
    DgPicKind kind;
    const char *who;          /* message prefix */
    const char *scenario;     /* NULL: the base world (a simulate's chart needs one) */
    const char *title;        /* graph caption, NULL for none */
    const char *format;       /* NULL: from out's extension */
    const char *out;          /* NULL or "-": standard output */
    const char *const *entities;  /* chart: the entities to draw (n_entities), else chosen */
    size_t n_entities;
    uint64_t samples, seed;   /* a simulate's chart: its samples and seed */
    double level;             /* losses: the VaR/ES level, 0 < level < 1 (0: 0.99) */
} DgPicture;
/* Before loading anything: can the picture be written as asked? DG_EUSAGE if not. */
int dg_picture_check(Dg *dg, const DgPicture *pic);
/* Draw it: DG_EFAIL for an unknown scenario or entity or a picture too large to lay out,
 * DG_EIO when out cannot be written. */
int dg_picture(Dg *dg, const DgPicture *pic);

/* `report --html` and `report --csv` (docs/PICTURES.md "The page", "CSV"): the page of the
 * world and its scenarios (every scenario of the script when none is named) written to
 * `html` ("-": standard output), and/or its tables as CSV files in the directory csv_dir.
 * DG_EFAIL for an unknown scenario, DG_EIO when a file cannot be written. */
typedef struct DgPage {
    const char *who;                  /* message prefix */
    const char *title;                /* the page's heading */
    const char *const *scenarios;     /* n_scenarios names */
    size_t n_scenarios;
    const char *html, *csv_dir;       /* NULL: not wanted */
} DgPage;
int dg_page(Dg *dg, const DgPage *p);
/* `dealgraph import FILE.csv`: a spreadsheet of deals as a formatted script, written to
 * `out` ("-" or NULL: standard output). DG_EFAIL after every bad row's located error (and
 * nothing written), DG_EIO when a file cannot be read or written. */
int dg_import(Dg *dg, const char *csv, const char *out);

/* ---- simulate (docs/RISK.md) ---- */
typedef struct DgSimulate {
    const char *scenario;
    uint64_t samples, seed;
    uint64_t shard, shards;   /* run samples k with k mod shards == shard; shards 0: all of
                                 them, and no shard data in the JSON */
    bool json;
} DgSimulate;
/* `dealgraph simulate`: the scenario's samples on opt.jobs threads (0: every CPU), as text
 * or JSON (a shard's JSON also holds what --merge needs). DG_EFAIL for an unknown scenario
 * or errors in a sample; DG_EIO when out cannot be written. */
int dg_simulate(Dg *dg, FILE *out, const DgSimulate *s);
/* `dealgraph simulate --merge A.json ...`: the shards of one run, read back and printed as
 * that run's JSON. DG_EIO when a file cannot be read, DG_EFAIL when one is not JSON or
 * they are not every shard of one run (messages on err). */
int dg_simulate_merge(const char *const *files, size_t n, FILE *out, FILE *err);

/* ---- fmt ---- */
/* Lay out a file (or "-") in fmt's canonical layout. On DG_OK *out is the new text (heap)
 * and *changed says whether it differs from the file; DG_EFAIL when it does not parse
 * (diagnostics printed), DG_EIO when it cannot be read (message printed). */
int dg_fmt_file(Dg *dg, const char *path, char **out, size_t *len, bool *changed);
/* The layout of text known to parse (the REPL's :save); heap string, NULL if it cannot. */
char *dg_fmt_text(const char *text, size_t len, size_t *outlen);

/* ---- writing a file ---- */
/* Replace or create the file at path with len bytes, the safe way (base/safefile.h, README
 * "Writing files"): through a hidden temporary file beside it, renamed over it; a symbolic
 * link is followed; a file that is not regular, has several hard links, is read-only, or
 * whose owner or access list could not be kept is refused. Returns DG_OK, or DG_EIO after
 * printing "WHO: cannot write 'PATH': WHY" on err. `fmt -w`, :save and `-o` all use it. */
int dg_write_file(const char *path, const void *data, size_t len, const char *who, FILE *err);

/* ---- editors: what `dealgraph lsp` asks of a run (docs/EDITORS.md; dg_lsp.c, dg_index.c) ----
 * Positions are an editor's: lines and columns from 0, columns in UTF-16 code units, a
 * range's end just past its last character. A file is named by its real path when it has
 * one (else by the name it was run under). */
/* Unsaved buffers: before the disk, every file a run reads (the script, its includes and
 * `use`d modules) is asked of fn by its real path; fn returns the text (copied) and its
 * length, or NULL to read the disk. Set before the first dg_run_file. */
typedef const char *(*DgReadFn)(void *ud, const char *path, size_t *len);
void dg_set_reader(Dg *dg, DgReadFn fn, void *ud);

typedef struct DgRange {
    const char *file;          /* owned by the context */
    int line, col, end_line, end_col;
} DgRange;
typedef enum { DG_SEV_ERROR = 1, DG_SEV_WARNING = 2, DG_SEV_NOTE = 3 } DgSeverity;
typedef struct DgDiag {
    DgRange at;                /* file NULL: no location */
    DgSeverity severity;
    const char *message, *hint;   /* hint may be NULL */
} DgDiag;
/* Did the runs read this file (a real path, as DgRange.file names it)? */
bool dg_read_file(Dg *dg, const char *file);
/* Every diagnostic found so far, in the order they were found (as printed). */
void dg_each_diag(Dg *dg, void (*fn)(const DgDiag *d, void *ud), void *ud);

/* The names of the files the runs read, and every definition and use of an entity, a deal
 * label, a scenario or a let in them, with the figure calls and the deal statements
 * (DG_SYM_DEAL: the whole statement, name its label or NULL). Built on the first call after
 * a run (a second parse of each file), owned by the context, in file then source order. */
typedef enum { DG_SYM_ENTITY, DG_SYM_LABEL, DG_SYM_SCENARIO, DG_SYM_LET, DG_SYM_FIGURE,
               DG_SYM_DEAL } DgSymKind;
typedef struct DgSym {
    DgSymKind kind;
    const char *name;
    DgRange at;
    bool definition;           /* company/bank/market NAME, deal LABEL:, scenario NAME, let */
} DgSym;
const DgSym *dg_symbols(Dg *dg, size_t *n);
/* The name or deal at a position of a file: the innermost symbol there, else NULL. */
const DgSym *dg_symbol_at(Dg *dg, const char *file, int line, int col);
/* Text cards (heap, NULL when there is no such thing): an entity's card of figures as
 * `show NAME` prints it; a deal's payer, payee, amount in USD, schedule, binding and source
 * (the labelled deal, or the deal written at sym's statement); a figure's definition from
 * docs/ENGINE.md's tables (embedded when built; NULL for a what-if figure). */
char *dg_entity_card(Dg *dg, const char *name);
/* A scenario's clearing, computed when asked (an editor's hover, not every change): who
 * defaults in which round and the losses, as `report --scenario` ends. */
char *dg_scenario_card(Dg *dg, const char *name);
char *dg_deal_card(Dg *dg, const DgSym *sym);
const char *dg_figure_doc(const char *name);

/* `dealgraph --tokens FILE` / `--ast FILE`: the front end's dumps of one file. */
int dg_dump_tokens(Dg *dg, const char *path, FILE *out);
int dg_dump_ast(Dg *dg, const char *path, FILE *out);

/* For tests and benchmarks that look inside (they include the layers' headers too). */
typedef struct World World;
typedef struct Interner Interner;
const World *dg_world(const Dg *dg);
Interner *dg_interner(Dg *dg);

#endif
