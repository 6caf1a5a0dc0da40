/* cmd_picture.c - `dealgraph graph` and `dealgraph chart timeline` on the command line.
 *
 * The scripts are evaluated quietly (no `show` output), so a picture written to standard
 * output is never mixed with table text; dg_picture draws the world, or a scenario's fork
 * with its defaults marked. */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

static const char GRAPH_USAGE[] =
    "usage: dealgraph graph FILE... [--scenario NAME] [--format dot|svg|png] -o OUT\n"
    "  OUT's extension (.dot .gv .svg .png) picks the format; -o - writes to stdout\n";
static const char CHART_USAGE[] =
    "usage: dealgraph chart timeline FILE... [--scenario NAME] [--entity X]...\n"
    "                              [--format svg|png] -o OUT\n"
    "  OUT's extension (.svg .png) picks the format; -o - writes to stdout\n";

/* Parse, check the format, load, draw. */
static int picture(int argc, char **argv, DgPicture *pic, const char *usage)
{
    ArgList files = {0}, ents = {0};
    const ArgSpec specs[] = {{"--scenario", NULL, ARG_VALUE, &pic->scenario},
                             {"--format", NULL, ARG_VALUE, &pic->format},
                             {"--output", "-o", ARG_VALUE, &pic->out},
                             {pic->kind == DG_PIC_GRAPH ? NULL : "--entity", NULL, ARG_LIST, &ents},
                             {0}};
    /* a graph takes no --entity: its entry is the table's end */
    int st = args_parse(argc, argv, specs, &files, pic->who);
    if (st == DG_OK && files.n == 0) {
        fprintf(stderr, "%s: no script given\n", pic->who);
        st = DG_EUSAGE;
    }
    DgOptions o = cli_options();
    o.quiet = true;
    Dg *dg = dg_new(&o);
    if (st == DG_OK)
        st = dg_picture_check(dg, pic);
    char title[512];
    if (st == DG_OK) {
        snprintf(title, sizeof title, pic->scenario ? "%s - scenario %s" : "%s", files.v[0],
                 pic->scenario);
        pic->title = title;
        pic->entities = ents.v;
        pic->n_entities = ents.n;
        st = cli_run_files(dg, &files);
    }
    if (st == DG_OK)
        st = dg_picture(dg, pic);
    if (st == ARGS_HELP || st == DG_EUSAGE)
        fputs(usage, st == ARGS_HELP ? stdout : stderr);
    dg_free(dg);
    free(files.v);
    free(ents.v);
    return st == ARGS_HELP ? DG_OK : st;
}

int cmd_graph(int argc, char **argv)
{
    DgPicture pic = {.kind = DG_PIC_GRAPH, .who = "dealgraph graph"};
    return picture(argc, argv, &pic, GRAPH_USAGE);
}

int cmd_chart(int argc, char **argv)
{
    DgPicture pic = {.kind = DG_PIC_CHART_TIMELINE, .who = "dealgraph chart"};
    if (argc > 0 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))) {
        fputs(CHART_USAGE, stdout);
        return DG_OK;
    }
    if (argc == 0 || strcmp(argv[0], "timeline") != 0) {
        fprintf(stderr, "dealgraph chart: %s\n",
                argc ? "the only chart is `timeline`" : "which chart? (timeline)");
        fputs(CHART_USAGE, stderr);
        return DG_EUSAGE;
    }
    return picture(argc - 1, argv + 1, &pic, CHART_USAGE);
}
