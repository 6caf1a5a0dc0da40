/* main.c - the `dealgraph` command line: a thin front door over dg.h.
 *
 * Subcommands owned by others (fmt, repl, graph, chart) get the
 * arguments after their word and return an exit status of dg.h. Arguments are parsed by hand:
 * getopt keeps global state and would reorder words. */
#include "chart.h"
#include "dg.h"
#include "diff.h"
#include "fmt.h"
#include "render.h"
#include "repl.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DG_VERSION "0.1.0"

static const char USAGE[] =
    "usage: dealgraph [--strict] FILE...       run scripts; print what `show` asks (a summary if none)\n"
    "       dealgraph check [--strict] FILE... check scripts; silent and exit 0 when clean\n"
    "       dealgraph report [--json] [--scenario NAME] [--no-sources] FILE...\n"
    "       dealgraph diff A.deal B.deal [--json]\n"
    "       dealgraph diff --scenario NAME FILE... [--json]\n"
    "       dealgraph fmt [-w | --check] FILE...\n"
    "       dealgraph repl [FILE...]\n"
    "       dealgraph graph FILE... [--scenario NAME] [--format dot|svg|png] -o OUT\n"
    "       dealgraph chart timeline FILE... [--entity X]... -o OUT\n"
    "       dealgraph --tokens FILE | --ast FILE | --help | --version\n"
    "FILE may be - for standard input.\n"
    "exit status: 0 ok; 1 script errors or a failed assert; 2 usage; 3 unreadable or unwritable file\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("dealgraph: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fputs(USAGE, stderr);
    return DG_EUSAGE;
}

static DgOptions base_options(void)
{
    const char *nc = getenv("NO_COLOR");
    DgOptions o = {.out = stdout, .err = stderr};
    o.color = isatty(fileno(stderr)) && !(nc && *nc);
    return o;
}

/* The files of a command: every word that is not one of its flags. `flags` lists the
 * boolean flags the command accepts; `--scenario NAME` is taken when scen is non-NULL. */
typedef struct Args {
    char **files;
    int nfiles;
    bool strict, json, no_sources;
    const char *scenario;
} Args;

static int parse_args(int argc, char **argv, Args *a, const char *cmd, bool takes_scenario)
{
    a->files = calloc((size_t)argc + 1, sizeof *a->files);
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--strict") && strcmp(cmd, "report") && strcmp(cmd, "diff"))
            a->strict = true;
        else if (!strcmp(s, "--json") && (!strcmp(cmd, "report") || !strcmp(cmd, "diff")))
            a->json = true;
        else if (!strcmp(s, "--no-sources") && !strcmp(cmd, "report"))
            a->no_sources = true;
        else if (!strcmp(s, "--scenario") && takes_scenario) {
            if (i + 1 >= argc)
                return usage_error("--scenario needs a NAME", "");
            a->scenario = argv[++i];
        } else if (!strncmp(s, "--scenario=", 11) && takes_scenario)
            a->scenario = s + 11;
        else if (s[0] == '-' && s[1] != '\0')
            return usage_error("unknown option '%s'", s);
        else
            a->files[a->nfiles++] = argv[i];
    }
    if (a->nfiles == 0)
        return usage_error("%s: no input files", cmd);
    return DG_OK;
}

/* Run every file into one context, then the whole-input checks. Returns the worst status. */
static int run_files(Dg *dg, const Args *a)
{
    int st = DG_OK;
    for (int i = 0; i < a->nfiles; i++) {
        int r = dg_run_file(dg, a->files[i]);
        if (r > st)
            st = r;
    }
    int r = dg_finish(dg);
    return r > st ? r : st;
}

static int cmd_run(int argc, char **argv, bool check)
{
    Args a = {0};
    int st = parse_args(argc, argv, &a, check ? "check" : "run", false);
    if (st != DG_OK) {
        free(a.files);
        return st;
    }
    DgOptions o = base_options();
    o.strict = a.strict;
    o.quiet = check;
    Dg *dg = dg_new(&o);
    st = run_files(dg, &a);
    if (!check && st == DG_OK && !dg_showed(dg))
        st = dg_summary(dg, stdout);
    dg_free(dg);
    free(a.files);
    return st;
}

static int cmd_report(int argc, char **argv)
{
    Args a = {0};
    int st = parse_args(argc, argv, &a, "report", true);
    if (st != DG_OK) {
        free(a.files);
        return st;
    }
    DgOptions o = base_options();
    o.quiet = true;
    Dg *dg = dg_new(&o);
    st = run_files(dg, &a);
    if (st == DG_OK)
        st = dg_report_ex(dg, stdout, a.scenario, a.json, a.no_sources);
    dg_free(dg);
    free(a.files);
    return st;
}

static int cmd_diff(int argc, char **argv)
{
    Args a = {0};
    int st = parse_args(argc, argv, &a, "diff", true);
    if (st == DG_OK && !a.scenario && a.nfiles != 2)
        st = usage_error("%s: give two files, or --scenario NAME and the files", "diff");
    if (st == DG_OK)
        st = diff_main(a.files, a.nfiles, a.scenario, a.json, base_options());
    free(a.files);
    return st;
}

/* `--tokens FILE` and `--ast FILE`: the frontend's debug dumps. */
static int cmd_dump(int argc, char **argv, bool tokens)
{
    if (argc != 1)
        return usage_error("%s takes one FILE", tokens ? "--tokens" : "--ast");
    DgOptions o = base_options();
    Dg *dg = dg_new(&o);
    int st = tokens ? dg_dump_tokens(dg, argv[0], stdout) : dg_dump_ast(dg, argv[0], stdout);
    dg_free(dg);
    return st;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command or input files");
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
        return fmt_main(n, rest);
    if (!strcmp(c, "repl"))
        return repl_main(n, rest);
    if (!strcmp(c, "graph"))
        return graph_main(n, rest);
    if (!strcmp(c, "chart"))
        return chart_main(n, rest);
    if (!strcmp(c, "--tokens"))
        return cmd_dump(n, rest, true);
    if (!strcmp(c, "--ast"))
        return cmd_dump(n, rest, false);
    return cmd_run(argc - 1, argv + 1, false);
}
