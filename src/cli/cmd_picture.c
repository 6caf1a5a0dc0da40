/* cmd_picture.c - `dealgraph graph` and `dealgraph chart timeline|defaults|losses` on the
 * command line (docs/PICTURES.md, docs/RISK.md).
 *
 * The scripts are evaluated quietly (no `show` output), so a picture written to standard
 * output is never mixed with table text; dg_picture draws the world, a scenario's fork
 * with its defaults marked, or a simulate's results. */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

static const char GRAPH_USAGE[] =
    "usage: dealgraph graph FILE... [--scenario NAME] [--format dot|svg|png] -o OUT\n"
    "  OUT's extension (.dot .gv .svg .png) picks the format; -o - writes to stdout\n";
static const char CHART_USAGE[] =
    "usage: dealgraph chart timeline FILE... [--scenario NAME] [--entity X]...\n"
    "                              [--format svg|png] -o OUT\n"
    "       dealgraph chart defaults FILE... --simulate SCENARIO N [--seed S] [-j N]\n"
    "                              [--format svg|png] -o OUT\n"
    "       dealgraph chart losses FILE... --simulate SCENARIO N [--seed S] [--level Q]\n"
    "                              [-j N] [--format svg|png] -o OUT\n"
    "  timeline: cash by year; defaults: each entity's default probability over N samples\n"
    "  of SCENARIO; losses: the samples' system losses with VaR and ES at Q (0.99) marked.\n"
    "  OUT's extension (.svg .png) picks the format; -o - writes to stdout\n";

/* What the words of a command line say; the simulate ones are checked by sim_args. */
typedef struct PicArgs {
    ArgList files, ents;
    const char *sim[2], *seed, *level, *jobs;
} PicArgs;

static int usage_error(const DgPicture *pic, const char *why, const char *arg)
{
    fprintf(stderr, "%s: ", pic->who);
    fprintf(stderr, why, arg);
    fputc('\n', stderr);
    return DG_EUSAGE;
}

/* The options only a simulate's chart takes, and that it must have. */
static int sim_args(const PicArgs *a, DgPicture *pic, int *jobs)
{
    bool sim = pic->kind == DG_PIC_CHART_DEFAULTS || pic->kind == DG_PIC_CHART_LOSSES;
    if (!sim)
        return a->sim[0] || a->seed || a->level || a->jobs
                   ? usage_error(pic, "%s", "--simulate, --seed, --level and -j are for the "
                                            "defaults and losses charts")
                   : DG_OK;
    uint64_t v;
    if (!a->sim[0])
        return usage_error(pic, "%s", "which samples? --simulate SCENARIO N");
    if (pic->scenario || a->ents.n)
        return usage_error(pic, "%s", "--scenario and --entity are for the timeline chart; "
                                      "name the scenario in --simulate");
    pic->scenario = a->sim[0];
    if (!args_whole(a->sim[1], 1, DG_SIM_MAX_SAMPLES, &pic->samples))
        return usage_error(pic, "the number of samples is a whole number from 1 to "
                                "1000000000, not '%s'", a->sim[1]);
    if (a->seed && !args_whole(a->seed, 0, DG_SIM_MAX_SEED, &pic->seed))
        return usage_error(pic, "--seed takes a whole number from 0 to 9007199254740992, "
                                "not '%s'", a->seed);
    if (a->jobs && !args_whole(a->jobs, 1, 256, &v))
        return usage_error(pic, "-j takes a number of threads from 1 to 256, not '%s'", a->jobs);
    *jobs = a->jobs ? (int)v : 0;
    if (a->level) {
        char *end;
        pic->level = strtod(a->level, &end);
        if (pic->kind != DG_PIC_CHART_LOSSES)
            return usage_error(pic, "%s", "--level is for the losses chart");
        if (*end || end == a->level || !(pic->level > 0 && pic->level < 1))
            return usage_error(pic, "--level takes a share between 0 and 1 such as 0.99, not "
                                    "'%s'", a->level);
    }
    return DG_OK;
}

/* Parse, check the format, load, draw. */
static int picture(int argc, char **argv, DgPicture *pic, const char *usage)
{
    PicArgs a = {0};
    ArgSpec specs[] = {{"--scenario", NULL, ARG_VALUE, &pic->scenario},
                       {"--format", NULL, ARG_VALUE, &pic->format},
                       {"--output", "-o", ARG_VALUE, &pic->out},
                       {"--entity", NULL, ARG_LIST, &a.ents},
                       {"--simulate", NULL, ARG_TWO, a.sim},
                       {"--seed", NULL, ARG_VALUE, &a.seed},
                       {"--level", NULL, ARG_VALUE, &a.level},
                       {"--jobs", "-j", ARG_VALUE, &a.jobs},
                       {0}};
    if (pic->kind == DG_PIC_GRAPH)
        specs[3] = (ArgSpec){0};   /* a graph takes only the first three */
    int jobs = 0;
    int st = args_parse(argc, argv, specs, &a.files, pic->who);
    if (st == DG_OK && a.files.n == 0)
        st = usage_error(pic, "%s", "no script given");
    if (st == DG_OK)
        st = sim_args(&a, pic, &jobs);
    DgOptions o = cli_options();
    o.quiet = true;
    o.jobs = jobs;
    Dg *dg = dg_new(&o);
    if (st == DG_OK)
        st = dg_picture_check(dg, pic);
    char title[512];
    if (st == DG_OK) {
        snprintf(title, sizeof title, pic->scenario ? "%s - scenario %s" : "%s", a.files.v[0],
                 pic->scenario);
        pic->title = title;
        pic->entities = a.ents.v;
        pic->n_entities = a.ents.n;
        st = cli_run_files(dg, &a.files);
    }
    if (st == DG_OK)
        st = dg_picture(dg, pic);
    if (st == ARGS_HELP || st == DG_EUSAGE)
        fputs(usage, st == ARGS_HELP ? stdout : stderr);
    dg_free(dg);
    free(a.files.v);
    free(a.ents.v);
    return st == ARGS_HELP ? DG_OK : st;
}

int cmd_graph(int argc, char **argv)
{
    DgPicture pic = {.kind = DG_PIC_GRAPH, .who = "dealgraph graph"};
    return picture(argc, argv, &pic, GRAPH_USAGE);
}

int cmd_chart(int argc, char **argv)
{
    static const struct {
        const char *word;
        DgPicKind kind;
    } charts[] = {{"timeline", DG_PIC_CHART_TIMELINE},
                  {"defaults", DG_PIC_CHART_DEFAULTS},
                  {"losses", DG_PIC_CHART_LOSSES}};
    if (argc > 0 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))) {
        fputs(CHART_USAGE, stdout);
        return DG_OK;
    }
    for (size_t i = 0; argc > 0 && i < sizeof charts / sizeof *charts; i++)
        if (!strcmp(argv[0], charts[i].word)) {
            DgPicture pic = {.kind = charts[i].kind, .who = "dealgraph chart"};
            return picture(argc - 1, argv + 1, &pic, CHART_USAGE);
        }
    fprintf(stderr, "dealgraph chart: %s\n",
            argc ? "the charts are `timeline`, `defaults` and `losses`"
                 : "which chart? (timeline, defaults, losses)");
    fputs(CHART_USAGE, stderr);
    return DG_EUSAGE;
}
