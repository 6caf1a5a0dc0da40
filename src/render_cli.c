/* render_cli.c - `dealgraph graph` on the command line, and loading a script for a picture
 * (shared with `dealgraph chart`).
 *
 * The script is evaluated through the evaluator's public API
 * (eval.h) with `show` output off, so a picture written to standard output is never mixed
 * with table text. A scenario is applied with eval_scenario(): its fork is what is drawn and
 * its clearing says who defaulted. Arguments are parsed by hand (getopt keeps global state). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "dg.h"
#include "eval.h"
#include "graph.h"
#include "render.h"
#include "stress.h"

struct PicWorld {
    Interner in;
    SourceSet src;
    Diags d;
    DgOptions opt;
    Eval *ev;
    EvalScenario *scen;
    const World *w;
    bool *defaulted;
    int *round;
};

const World *pic_world(const PicWorld *p) { return p->w; }
const World *pic_base_world(const PicWorld *p) { return eval_world(p->ev); }
const bool *pic_defaulted(const PicWorld *p) { return p->defaulted; }
const int *pic_rounds(const PicWorld *p) { return p->round; }

void pic_free(PicWorld *p)
{
    if (!p)
        return;
    if (p->scen)
        eval_scenario_free(p->scen);
    eval_free(p->ev);
    diags_free(&p->d);
    sources_free(&p->src);
    intern_free(&p->in);
    free(p->defaulted);
    free(p->round);
    free(p);
}

static int load_files(PicWorld *p, char **files, int nfiles, FILE *err)
{
    int status = DG_OK;
    for (int i = 0; i < nfiles; i++) {
        int rc = eval_file(p->ev, files[i]);
        if (rc == DG_EIO) {
            fprintf(err, "dealgraph: cannot read '%s': %s\n", files[i], strerror(errno));
            diags_print(&p->d, err, 0);
            return DG_EIO;
        }
        if (rc != DG_OK)
            status = DG_EFAIL;
    }
    eval_finish(p->ev);
    diags_print(&p->d, err, 0);
    return status == DG_OK && p->d.nerrors == 0 ? DG_OK : DG_EFAIL;
}

/* Who defaulted in a scenario's clearing, and in which round. */
static void scenario_defaults(const StressResult *r, size_t n, bool *defaulted, int *round)
{
    for (EntId v = 0; r && v < n; v++) {
        defaulted[v] = stress_defaulted(r, v);
        round[v] = v < r->n ? r->round[v] : 0;
    }
}

PicWorld *pic_load(char **files, int nfiles, const char *scenario, FILE *err, int *status)
{
    PicWorld *p = xcalloc(1, sizeof *p);
    intern_init(&p->in);
    sources_init(&p->src);
    diags_init(&p->d, &p->src);
    p->opt = (DgOptions){.out = stdout, .err = err, .quiet = true};
    p->ev = eval_new(&p->in, &p->src, &p->d, &p->opt);
    *status = load_files(p, files, nfiles, err);
    if (*status != DG_OK) {
        pic_free(p);
        return NULL;
    }
    p->w = eval_world(p->ev);
    if (!scenario)
        return p;
    size_t before = p->d.n;
    p->scen = eval_scenario(p->ev, scenario);
    diags_print(&p->d, err, before);
    if (!p->scen) {
        *status = DG_EFAIL;
        pic_free(p);
        return NULL;
    }
    p->w = eval_scenario_world(p->scen);
    size_t n = world_n_entities(p->w);
    p->defaulted = xcalloc(n ? n : 1, sizeof *p->defaulted);
    p->round = xcalloc(n ? n : 1, sizeof *p->round);
    scenario_defaults(eval_scenario_stress(p->scen), n, p->defaulted, p->round);
    return p;
}

/* ---- dealgraph graph ---- */

static int usage(FILE *err, const char *why)
{
    if (why)
        fprintf(err, "dealgraph graph: %s\n", why);
    fputs("usage: dealgraph graph FILE... [--scenario NAME] [--format dot|svg|png] -o OUT\n"
          "  OUT's extension (.dot .gv .svg .png) picks the format; -o - writes to stdout\n",
          err);
    return DG_EUSAGE;
}

typedef struct GraphArgs {
    char **files;
    int nfiles;
    const char *scenario, *out, *format;
} GraphArgs;

const char *pic_flag_value(int argc, char **argv, int *i, const char *flag)
{
    size_t n = strlen(flag);
    if (strncmp(argv[*i], flag, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0' || *i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

bool pic_is_flag(const char *a, const char *flag)
{
    size_t n = strlen(flag);
    return !strncmp(a, flag, n) && (a[n] == '\0' || a[n] == '=');
}

/* Which GraphArgs field a flag fills, and the flag's bare name (for `--flag=VALUE`). */
static const char **option_slot(GraphArgs *a, const char *s, const char **name)
{
    static const char *const names[] = {"--scenario", "--format", "--output", "-o"};
    const char **slots[] = {&a->scenario, &a->format, &a->out, &a->out};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (pic_is_flag(s, names[i])) {
            *name = names[i];
            return slots[i];
        }
    return NULL;
}

static int parse_graph_args(int argc, char **argv, GraphArgs *a, FILE *err)
{
    a->files = xcalloc((size_t)argc + 1, sizeof *a->files);
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i], *name = NULL;
        const char **slot = option_slot(a, s, &name);
        if (slot) {
            if (!(*slot = pic_flag_value(argc, argv, &i, name)))
                return usage(err, "an option is missing its value");
        } else if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            usage(stdout, NULL);
            return -1;
        } else if (s[0] == '-' && s[1] != '\0') {
            fprintf(err, "dealgraph graph: unknown option %s\n", s);
            return usage(err, NULL);
        } else {
            a->files[a->nfiles++] = argv[i];
        }
    }
    if (a->nfiles == 0)
        return usage(err, "no script given");
    return 0;
}

static int pick_format(const GraphArgs *a, RenderFormat *f, FILE *err)
{
    if (a->format) {
        if (!render_format_from_name(a->format, f))
            return usage(err, "--format must be dot, svg or png");
        return 0;
    }
    if (!a->out || !strcmp(a->out, "-")) {
        *f = RENDER_DOT;
        return 0;
    }
    if (!render_format_from_path(a->out, f))
        return usage(err, "cannot tell the format from the output name (use .dot, .svg or "
                          ".png, or --format)");
    return 0;
}

static int draw(const GraphArgs *a, RenderFormat f, FILE *err)
{
    int status = 0;
    PicWorld *p = pic_load(a->files, a->nfiles, a->scenario, err, &status);
    if (!p)
        return status;
    char title[512];
    if (a->scenario)
        snprintf(title, sizeof title, "%s - scenario %s", a->files[0], a->scenario);
    else
        snprintf(title, sizeof title, "%s", a->files[0]);
    Graph *g = graph_new(pic_world(p));
    RenderOptions o = {title, pic_defaulted(p), pic_rounds(p)};
    char *data = NULL, msg[256];
    size_t len = 0;
    Renderer *r = renderer_new();
    int rc = render_data(r, g, &o, f, &data, &len, msg, sizeof msg);
    renderer_free(r);
    if (rc != 0) {
        /* Too large to lay out, or Graphviz failed: the input's fault or ours, not a file's. */
        fprintf(err, "dealgraph graph: %s\n", msg);
        rc = DG_EFAIL;
    } else {
        rc = render_write_bytes(a->out ? a->out : "-", data, len, err);
    }
    free(data);
    graph_free(g);
    pic_free(p);
    return rc;
}

int graph_main(int argc, char **argv)
{
    GraphArgs a = {0};
    int rc = parse_graph_args(argc, argv, &a, stderr);
    RenderFormat f = RENDER_DOT;
    if (rc == 0)
        rc = pick_format(&a, &f, stderr);
    if (rc == 0)
        rc = draw(&a, f, stderr);
    free(a.files);
    return rc < 0 ? 0 : rc;
}
