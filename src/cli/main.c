/* main.c - the `dealgraph` command line: a thin front door over dg.h.
 *
 * The first word picks the command; the commands of their own files (fmt, repl, graph,
 * chart) get the words after it and return an exit status. No word that is a command: the
 * words are files to run, unless the first is a mistyped command (unknown_command). */
#include "cli.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DG_VERSION "0.1.0"

static const char USAGE[] =
    "usage: dealgraph [--strict] FILE...       run scripts; print what `show` asks (a summary if none)\n"
    "       dealgraph check [--strict] FILE... check scripts; silent and exit 0 when clean\n"
    "       dealgraph report [--json] [--scenario NAME] [--sources all | --no-sources] FILE...\n"
    "       dealgraph report [--html -o OUT] [--csv DIR] [--scenario NAME]... FILE...\n"
    "       dealgraph import DEALS.csv [-o OUT.deal]\n"
    "       dealgraph diff A.deal B.deal [--json]\n"
    "       dealgraph diff --scenario NAME FILE... [--json]\n"
    "       dealgraph fmt [-w | --check] FILE...\n"
    "       dealgraph repl [--strict] [FILE...]\n"
    "       dealgraph lsp\n"
    "       dealgraph graph FILE... [--scenario NAME] [--format dot|svg|png] -o OUT\n"
    "       dealgraph chart timeline FILE... [--entity X]... -o OUT\n"
    "       dealgraph chart defaults|losses FILE... --simulate SCENARIO N [--seed S] -o OUT\n"
    "       dealgraph simulate SCENARIO N FILE... [--seed S] [--shard K/N] [-j N] [--json]\n"
    "       dealgraph simulate --merge SHARD.json...\n"
    "       dealgraph --tokens FILE | --ast FILE | --help | --version\n"
    "FILE may be - for standard input.\n"
    "exit status: 0 ok; 1 script errors or a failed assert; 2 usage; 3 unreadable or unwritable file\n";

/* What the commands of this file take. */
typedef struct Args {
    ArgList files;
    bool strict, json, no_sources;
    const char *scenario, *sources;
} Args;

/* Parse a command's words; the usage goes to stderr with a usage error, to stdout for
 * --help (then *st is DG_OK and the command is done). */
static bool parse(int argc, char **argv, const ArgSpec *specs, Args *a, const char *cmd,
                  int *st)
{
    *st = args_parse(argc, argv, specs, &a->files, "dealgraph");
    if (*st == DG_OK && a->files.n == 0) {
        fprintf(stderr, "dealgraph: %s: no input files\n", cmd);
        *st = DG_EUSAGE;
    }
    if (*st != DG_OK)
        fputs(USAGE, *st == ARGS_HELP ? stdout : stderr);
    if (*st == ARGS_HELP)
        *st = DG_OK;
    return *st == DG_OK && a->files.n > 0;
}

static int cmd_run(int argc, char **argv, bool check)
{
    Args a = {0};
    const ArgSpec specs[] = {{"--strict", NULL, ARG_FLAG, &a.strict}, {0}};
    int st;
    if (parse(argc, argv, specs, &a, check ? "check" : "run", &st)) {
        DgOptions o = cli_options();
        o.strict = a.strict;
        o.quiet = check;
        Dg *dg = dg_new(&o);
        st = cli_run_files(dg, &a.files);
        if (!check && st == DG_OK && !dg_showed(dg))
            st = dg_summary(dg, stdout);
        dg_free(dg);
    }
    free(a.files.v);
    return st;
}

/* --sources all | --no-sources: whose sources the report lists (none given: where cheap). */
static bool report_sources(const Args *a, DgSources *out, int *st)
{
    *out = a->no_sources ? DG_SOURCES_NONE : DG_SOURCES_AUTO;
    if (a->sources && (strcmp(a->sources, "all") != 0 || a->no_sources)) {
        fprintf(stderr, "dealgraph: report: %s\n", a->no_sources
                ? "give --sources all or --no-sources, not both"
                : "--sources takes `all` (every entity's sources, whatever they cost)");
        fputs(USAGE, stderr);
        *st = DG_EUSAGE;
        return false;
    }
    if (a->sources)
        *out = DG_SOURCES_ALL;
    return true;
}

static int cmd_report(int argc, char **argv)
{
    Args a = {0};
    ReportPage pg = {0};
    const ArgSpec specs[] = {{"--json", NULL, ARG_FLAG, &a.json},
                             {"--no-sources", NULL, ARG_FLAG, &a.no_sources},
                             {"--sources", NULL, ARG_VALUE, &a.sources},
                             {"--scenario", NULL, ARG_LIST, &pg.scenarios},
                             {"--html", NULL, ARG_FLAG, &pg.html},
                             {"--csv", NULL, ARG_VALUE, &pg.csv_dir},
                             {"--output", "-o", ARG_VALUE, &pg.out}, {0}};
    int st;
    DgSources src;
    bool ok = parse(argc, argv, specs, &a, "report", &st) && report_sources(&a, &src, &st);
    if (ok && !report_page_check(&pg, a.json || a.sources || a.no_sources, &st))
        fputs(USAGE, stderr);
    else if (ok) {
        a.scenario = pg.scenarios.n ? pg.scenarios.v[0] : NULL;
        DgOptions o = cli_options();
        o.quiet = true;
        Dg *dg = dg_new(&o);
        st = cli_run_files(dg, &a.files);
        if (st == DG_OK && (pg.html || pg.csv_dir))
            st = report_page(dg, &pg, &a.files);
        else if (st == DG_OK)
            st = dg_report(dg, stdout, a.scenario, a.json, src);
        dg_free(dg);
    }
    free(a.files.v);
    free(pg.scenarios.v);
    return st;
}

/* A quiet context holding the files from..from+n. */
static Dg *load(const ArgList *files, size_t from, size_t n, int *st)
{
    DgOptions o = cli_options();
    o.quiet = true;
    Dg *dg = dg_new(&o);
    ArgList part = {files->v + from, n};
    *st = cli_run_files(dg, &part);
    return dg;
}

static int cmd_diff(int argc, char **argv)
{
    Args a = {0};
    const ArgSpec specs[] = {{"--json", NULL, ARG_FLAG, &a.json},
                             {"--scenario", NULL, ARG_VALUE, &a.scenario}, {0}};
    int st;
    if (parse(argc, argv, specs, &a, "diff", &st) && !a.scenario && a.files.n != 2) {
        fprintf(stderr, "dealgraph: diff: give two files, or --scenario NAME and the files\n");
        fputs(USAGE, stderr);
        st = DG_EUSAGE;
    }
    if (st == DG_OK && a.files.n > 0 && a.scenario) {
        Dg *dg = load(&a.files, 0, a.files.n, &st);
        if (st == DG_OK)
            st = dg_diff_scenario(dg, a.scenario, stdout, a.json);
        dg_free(dg);
    } else if (st == DG_OK && a.files.n > 0) {
        Dg *x = load(&a.files, 0, 1, &st), *y = NULL;
        if (st == DG_OK)
            y = load(&a.files, 1, 1, &st);
        if (st == DG_OK)
            st = dg_diff(x, y, stdout, a.json);
        dg_free(y);
        dg_free(x);
    }
    free(a.files.v);
    return st;
}

/* `--tokens FILE` and `--ast FILE`: the front end's debug dumps. */
static int cmd_dump(int argc, char **argv, bool tokens)
{
    if (argc != 1) {
        fprintf(stderr, "dealgraph: %s takes one FILE\n", tokens ? "--tokens" : "--ast");
        fputs(USAGE, stderr);
        return DG_EUSAGE;
    }
    DgOptions o = cli_options();
    Dg *dg = dg_new(&o);
    int st = tokens ? dg_dump_tokens(dg, argv[0], stdout) : dg_dump_ast(dg, argv[0], stdout);
    dg_free(dg);
    return st;
}

/* A first word that is no command and no option, names nothing that exists and does not
 * look like a script (no '/', no .deal) is a mistyped command, not a missing file. */
static bool unknown_command(const char *w)
{
    size_t n = strlen(w);
    return w[0] != '-' && !strchr(w, '/') && !(n >= 5 && !strcmp(w + n - 5, ".deal")) &&
           access(w, F_OK) != 0;
}

static int run_command(int argc, char **argv)
{
    if (argc < 2) {
        fputs("dealgraph: no command or input files\n", stderr);
        fputs(USAGE, stderr);
        return DG_EUSAGE;
    }
    const char *c = argv[1];
    int n = argc - 2;
    char **rest = argv + 2;
    if (!strcmp(c, "--help") || !strcmp(c, "-h")) {
        fputs(USAGE, stdout);
        return DG_OK;
    }
    if (!strcmp(c, "--version")) {
        puts("dealgraph " DG_VERSION);
        return DG_OK;
    }
    if (!strcmp(c, "check"))
        return cmd_run(n, rest, true);
    if (!strcmp(c, "report"))
        return cmd_report(n, rest);
    if (!strcmp(c, "diff"))
        return cmd_diff(n, rest);
    if (!strcmp(c, "fmt"))
        return cmd_fmt(n, rest);
    if (!strcmp(c, "repl"))
        return repl_main(n, rest);
    if (!strcmp(c, "lsp"))
        return lsp_main(n, rest);
    if (!strcmp(c, "graph"))
        return cmd_graph(n, rest);
    if (!strcmp(c, "chart"))
        return cmd_chart(n, rest);
    if (!strcmp(c, "simulate"))
        return cmd_simulate(n, rest);
    if (!strcmp(c, "import"))
        return cmd_import(n, rest);
    if (!strcmp(c, "--tokens"))
        return cmd_dump(n, rest, true);
    if (!strcmp(c, "--ast"))
        return cmd_dump(n, rest, false);
    if (unknown_command(c)) {
        fprintf(stderr, "dealgraph: unknown command '%s'\n", c);
        fputs(USAGE, stderr);
        return DG_EUSAGE;
    }
    return cmd_run(argc - 1, argv + 1, false);
}

/* Every command writes standard output through stdio, and it is checked once, here: a full
 * disk or a closed pipe must not end in exit status 0 with half the output missing. Closing
 * a standard output that was never open (EBADF) with nothing left to write is no error.
 * When an earlier flush failed, stdio has kept the error but not its errno: no reason. */
static int check_stdout(int st)
{
    errno = 0;
    bool bad = fflush(stdout) != 0 || ferror(stdout);
    int e = errno;
    if (fclose(stdout) != 0 && !bad && errno != EBADF) {
        bad = true;
        e = errno;
    }
    if (!bad)
        return st;
    fprintf(stderr, "dealgraph: cannot write standard output%s%s\n", e ? ": " : "",
            e ? strerror(e) : "");
    return DG_EIO;
}

int main(int argc, char **argv)
{
    return check_stdout(run_command(argc, argv));
}
