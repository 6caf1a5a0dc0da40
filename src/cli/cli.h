/* cli.h - the commands of the `dealgraph` command line (main.c dispatches on the first
 * word) and the argument parser they share. Every command is a front door over dg.h and
 * returns an exit status of status.h (through dg.h).
 *
 * Files: main.c (run, check, report, diff, dumps), cmd_fmt.c, cmd_picture.c (graph,
 * chart), cmd_simulate.c (simulate), cmd_export.c (report --html/--csv, import), repl*.c
 * (repl), args.c. */
#ifndef DG_CLI_H
#define DG_CLI_H
#include "dg.h"

/* argv holds the arguments after the command's word. */
int cmd_fmt(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_import(int argc, char **argv);
/* `repl [-] [FILE...]`: interactive sessions end with 0 (:quit, end of input); piped stdin
 * (`dealgraph repl < script`, or `-`) returns what `check` would (0 clean, 1 errors or
 * failed asserts); 2 for a usage error, 3 when a FILE named at start cannot be read. */
int repl_main(int argc, char **argv);
/* `lsp`: the language server (lsp.h). */
int lsp_main(int argc, char **argv);

/* ---- arguments (args.c): one parser for every command ----
 * A word that is an option in the table fills its slot: a flag sets a bool, an option with
 * a value takes `--name=VALUE` or the next word (a one-letter alias also `-j2`), a list
 * option appends each value. Every
 * other word is a file (`-`, standard input, is one; after `--` every word is). `-h` and
 * `--help` answer ARGS_HELP (the caller prints its usage to stdout and exits 0). */
enum { ARGS_HELP = -1 };
typedef enum { ARG_FLAG, ARG_VALUE, ARG_LIST, ARG_TWO } ArgKind;
typedef struct ArgList {
    const char **v;   /* heap, NULL-terminated; free(v) */
    size_t n;
} ArgList;
typedef struct ArgSpec {
    const char *name;    /* "--scenario" */
    const char *alias;   /* "-o", or NULL */
    ArgKind kind;
    void *slot;          /* bool *, const char **, ArgList *, ARG_TWO: const char *[2]
                            (the next two words: `--simulate SCENARIO N`) */
} ArgSpec;
/* DG_OK, ARGS_HELP, or DG_EUSAGE after printing "who: why" on stderr. `specs` ends with
 * a zeroed entry. */
int args_parse(int argc, char **argv, const ArgSpec *specs, ArgList *files, const char *who);

/* A whole number from lo to hi written in full (no sign, no suffix) into *out. */
bool args_whole(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

/* The options of a run from the terminal: stdout/stderr, colour unless NO_COLOR is set. */
DgOptions cli_options(void);
/* Run every file into one context, then the whole-input checks; the worst status. */
int cli_run_files(Dg *dg, const ArgList *files);

/* ---- `report --html` and `report --csv` (cmd_export.c) ---- */
typedef struct ReportPage {
    ArgList scenarios;     /* --scenario, repeatable */
    bool html;             /* --html */
    const char *csv_dir;   /* --csv DIR */
    const char *out;       /* -o: the page's file */
} ReportPage;
/* Are the options consistent (several --scenario and -o only with --html or --csv, not
 * with --json or the sources options: `other`)? Else DG_EUSAGE in *st, reason printed. */
bool report_page_check(const ReportPage *pg, bool other, int *st);
/* Write the page and/or the CSV files of the world loaded from files. */
int report_page(Dg *dg, const ReportPage *pg, const ArgList *files);

#endif
