/* chart_cli.c - `dealgraph chart timeline` on the command line.
 *
 * Loads the script through pic_load (render_cli.c), so a chart
 * under `--scenario` shows the scenario's world (its shocks, cancellations and dropped
 * letters of intent), builds the money graph and draws the cash timelines. */
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "chart.h"
#include "dg.h"
#include "render.h"

typedef struct ChartArgs {
    char **files;
    int nfiles;
    const char **ents;
    int nents;
    const char *scenario, *out, *format;
} ChartArgs;

static int usage(FILE *err, const char *why)
{
    if (why)
        fprintf(err, "dealgraph chart: %s\n", why);
    fputs("usage: dealgraph chart timeline FILE... [--scenario NAME] [--entity X]...\n"
          "                              [--format svg|png] -o OUT\n"
          "  OUT's extension (.svg .png) picks the format; -o - writes to stdout\n",
          err);
    return DG_EUSAGE;
}

static int parse_one(int argc, char **argv, int *i, ChartArgs *a, FILE *err)
{
    static const char *const names[] = {"--scenario", "--format", "--output", "-o", "--entity"};
    const char *s = argv[*i];
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (!pic_is_flag(s, names[k]))
            continue;
        const char *v = pic_flag_value(argc, argv, i, names[k]);
        if (!v)
            return usage(err, "an option is missing its value");
        if (k == 4)
            a->ents[a->nents++] = v;
        else
            *(k == 0 ? &a->scenario : k == 1 ? &a->format : &a->out) = v;
        return 0;
    }
    if (s[0] == '-' && s[1] != '\0') {
        fprintf(err, "dealgraph chart: unknown option %s\n", s);
        return usage(err, NULL);
    }
    a->files[a->nfiles++] = argv[*i];
    return 0;
}

static int parse_chart_args(int argc, char **argv, ChartArgs *a, FILE *err)
{
    a->files = xcalloc((size_t)argc + 1, sizeof *a->files);
    a->ents = xcalloc((size_t)argc + 1, sizeof *a->ents);
    if (argc > 0 && (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help"))) {
        usage(stdout, NULL);
        return -1;
    }
    if (argc == 0 || strcmp(argv[0], "timeline") != 0)
        return usage(err, argc ? "the only chart is `timeline`" : "which chart? (timeline)");
    for (int i = 1; i < argc; i++) {
        int rc = parse_one(argc, argv, &i, a, err);
        if (rc)
            return rc;
    }
    if (a->nfiles == 0)
        return usage(err, "no script given");
    return 0;
}

static int pick_format(const ChartArgs *a, RenderFormat *f, FILE *err)
{
    bool ok;
    if (a->format)
        ok = render_format_from_name(a->format, f);
    else if (!a->out || !strcmp(a->out, "-"))
        ok = (*f = RENDER_SVG, true);
    else
        ok = render_format_from_path(a->out, f);
    if (!ok)
        return usage(err, "the chart format is svg or png (from -o's extension or --format)");
    if (*f == RENDER_DOT)
        return usage(err, "a chart is written as .svg or .png, not DOT");
    return 0;
}

/* The entities named with --entity; status 1 when one is not in the script. */
static int resolve(const World *w, const ChartArgs *a, EntId *ids, FILE *err)
{
    Interner *in = world_interner(w);
    for (int i = 0; i < a->nents; i++) {
        Sym s = intern_find(in, a->ents[i], strlen(a->ents[i]));
        ids[i] = s == SYM_NONE ? ENT_NONE : world_find(w, s);
        if (ids[i] == ENT_NONE) {
            fprintf(err, "dealgraph chart: there is no entity `%s` in the script\n", a->ents[i]);
            return DG_EFAIL;
        }
    }
    return 0;
}

static int draw(const ChartArgs *a, RenderFormat f, FILE *err)
{
    int status = 0;
    PicWorld *p = pic_load(a->files, a->nfiles, a->scenario, err, &status);
    if (!p)
        return status;
    EntId *ids = xcalloc((size_t)a->nents + 1, sizeof *ids);
    int rc = resolve(pic_world(p), a, ids, err);
    if (rc == 0) {
        Graph *g = graph_new(pic_world(p));
        ChartData d;
        chart_timeline_data(g, ids, (size_t)a->nents, &d);
        Graph *base = NULL;
        if (a->scenario) {
            snprintf(d.title, sizeof d.title, "Cash by year - scenario %s", a->scenario);
            base = graph_new(pic_base_world(p));
            chart_timeline_base(base, &d);
        }
        char *data = NULL, msg[256];
        size_t len = 0;
        if (chart_render(&d, f, &data, &len, msg, sizeof msg) != 0) {
            fprintf(err, "dealgraph chart: %s\n", msg);
            rc = DG_EFAIL;
        } else {
            rc = render_write_bytes(a->out ? a->out : "-", data, len, err);
        }
        free(data);
        chart_data_free(&d);
        graph_free(g);
        if (base)
            graph_free(base);
    }
    free(ids);
    pic_free(p);
    return rc;
}

int chart_main(int argc, char **argv)
{
    ChartArgs a = {0};
    int rc = parse_chart_args(argc, argv, &a, stderr);
    RenderFormat f = RENDER_SVG;
    if (rc == 0)
        rc = pick_format(&a, &f, stderr);
    if (rc == 0)
        rc = draw(&a, f, stderr);
    free(a.files);
    free(a.ents);
    return rc < 0 ? 0 : rc;
}
