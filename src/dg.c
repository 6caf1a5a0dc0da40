/* dg.c - the library API of dg.h: a Dg context owns the sources, diagnostics, interner and
 * the evaluator (which owns the world); the CLI, REPL, tests and fuzzer all go through it.
 *
 * Diagnostics are printed to opt.err after each call, in the
 * order they were found; dg.c remembers how many it has printed. */
#include "dg.h"
#include "eval.h"
#include "parse.h"
#include "diff.h"
#include "figures.h"
#include "lex.h"
#include "report.h"
#include "show.h"
#include "stress.h"
#include "stress_show.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct Dg {
    DgOptions opt;
    SourceSet src;
    Diags diags;
    Interner in;
    Eval *ev;
    size_t printed;   /* diagnostics already written to opt.err */
};

Dg *dg_new(const DgOptions *opt)
{
    Dg *dg = xcalloc(1, sizeof *dg);
    dg->opt = *opt;
    if (!dg->opt.out)
        dg->opt.out = stdout;
    if (!dg->opt.err)
        dg->opt.err = stderr;
    sources_init(&dg->src);
    diags_init(&dg->diags, &dg->src);
    dg->diags.color = dg->opt.color;
    intern_init(&dg->in);
    dg->ev = eval_new(&dg->in, &dg->src, &dg->diags, &dg->opt);
    return dg;
}

void dg_free(Dg *dg)
{
    if (!dg)
        return;
    eval_free(dg->ev);
    diags_free(&dg->diags);
    intern_free(&dg->in);
    sources_free(&dg->src);
    free(dg);
}

/* Print what was found since the last call; the count of new errors decides the status. */
static int flush_diags(Dg *dg, size_t errors_before)
{
    diags_print(&dg->diags, dg->opt.err, dg->printed);
    dg->printed = dg->diags.n;
    fflush(dg->opt.out);
    return dg->diags.nerrors > errors_before ? DG_EFAIL : DG_OK;
}

/* Read all of a stream (standard input for `-`); NULL on a read error. */
static char *read_stream(FILE *fp, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (cap - n < 2) {
            if (cap > (size_t)UINT32_MAX / 2) {  /* spans are 32-bit offsets */
                free(buf);
                errno = EFBIG;
                return NULL;
            }
            buf = xrealloc(buf, cap *= 2);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int dg_run_file(Dg *dg, const char *path)
{
    size_t before = dg->diags.nerrors;
    if (!strcmp(path, "-")) {
        size_t len = 0;
        char *text = read_stream(stdin, &len);
        if (!text) {
            fprintf(dg->opt.err, "dealgraph: cannot read standard input: %s\n", strerror(errno));
            return DG_EIO;
        }
        eval_text(dg->ev, "<stdin>", text, len);
        return flush_diags(dg, before);
    }
    if (eval_file(dg->ev, path) == DG_EIO) {
        fprintf(dg->opt.err, "dealgraph: cannot read '%s': %s\n", path, strerror(errno));
        flush_diags(dg, before);
        return DG_EIO;
    }
    return flush_diags(dg, before);
}

int dg_run_text(Dg *dg, const char *name, const char *text, size_t len)
{
    size_t before = dg->diags.nerrors;
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    eval_text(dg->ev, name, copy, len);
    return flush_diags(dg, before);
}

int dg_finish(Dg *dg)
{
    size_t before = dg->diags.nerrors;
    eval_finish(dg->ev);
    return flush_diags(dg, before);
}

int dg_parse_status(Dg *dg, const char *text, size_t len)
{
    ParseTrial t;
    parse_trial(&t, &dg->in, text, len);
    int st = t.diags.nerrors == 0 ? DG_PARSE_OK
             : t.result.incomplete ? DG_PARSE_INCOMPLETE : DG_PARSE_ERROR;
    parse_trial_free(&t);
    return st;
}

void dg_reset(Dg *dg)
{
    eval_free(dg->ev);
    dg->ev = eval_new(&dg->in, &dg->src, &dg->diags, &dg->opt);
}

void dg_each_name(Dg *dg, DgNameFn fn, void *ud) { eval_each_name(dg->ev, fn, ud); }

int dg_summary(Dg *dg, FILE *out)
{
    show_summary(out, eval_engine_of(dg->ev));
    fflush(out);
    return ferror(out) ? DG_EIO : DG_OK;
}

/* The report's "clearing" object: the stress result of the world being reported. For the
 * base world it is computed only when asked for (the JSON report): the text report does
 * not show it, and clearing a large world is not free. */
typedef struct ClearingHook {
    const StressResult *res;   /* a scenario's result, or the base's once computed */
    StressResult *base_res;    /* owned: the base world's clearing */
    const World *w;
} ClearingHook;

static json_t *clearing_json(void *ud)
{
    ClearingHook *h = ud;
    if (!h->res) {
        /* The base world cleared as it stands: who could pay with no shock at all. */
        StressParams p;
        stress_params_init(&p);
        h->res = h->base_res = stress_run(h->w, NULL, &p);
        stress_params_free(&p);
    }
    return stress_json(h->res, h->w);
}

int dg_report_ex(Dg *dg, FILE *out, const char *scenario, bool json, bool no_sources)
{
    size_t before = dg->diags.nerrors;
    EvalScenario *es = NULL;
    ClearingHook hook = {NULL, NULL, eval_world(dg->ev)};
    if (scenario) {
        es = eval_scenario(dg->ev, scenario);
        if (!es)
            return flush_diags(dg, before);
        hook = (ClearingHook){eval_scenario_stress(es), NULL, eval_scenario_world(es)};
    }
    Engine *e = engine_new(hook.w);
    ReportOptions ro = {.json = json, .no_sources = no_sources, .clearing = clearing_json,
                        .clearing_ud = &hook};
    int st = report_write(out, e, &ro);
    engine_free(e);
    stress_free(hook.base_res);
    eval_scenario_free(es);
    return st;
}

int dg_report(Dg *dg, FILE *out, const char *scenario, bool json)
{
    return dg_report_ex(dg, out, scenario, json, false);
}

/* Stress figures a scenario diff compares, per entity. */
static const char *const CLEARING_FIGS[] = {"paid", "shortfall", "loss", "distress", "defaulted"};

int dg_diff_scenario(Dg *dg, const char *scenario, DiffSet *s)
{
    size_t before = dg->diags.nerrors;
    EvalScenario *es = eval_scenario(dg->ev, scenario);
    if (!es)
        return flush_diags(dg, before);
    const World *base = eval_world(dg->ev), *fork = eval_scenario_world(es);
    diff_worlds(s, base, fork);
    StressParams p;
    stress_params_init(&p);
    StressResult *r0 = stress_run(base, NULL, &p), *r1 = eval_scenario_stress(es);
    stress_params_free(&p);
    for (EntId v = 0; v < world_n_entities(fork); v++)
        for (size_t i = 0; i < sizeof CLEARING_FIGS / sizeof *CLEARING_FIGS; i++) {
            bool known;
            Value a = v < world_n_entities(base) ? stress_figure(r0, CLEARING_FIGS[i], v, &known)
                                                 : value_null();
            Value b = stress_figure(r1, CLEARING_FIGS[i], v, &known);
            /* defaulted is a bool: compare it as 0/1 so the table can sort it */
            if (a.kind == V_BOOL)
                a = value_num(a.num, DIM_NONE);
            if (b.kind == V_BOOL)
                b = value_num(b.num, DIM_NONE);
            diff_add(s, world_name(fork, v), CLEARING_FIGS[i], a, b);
        }
    stress_free(r0);
    eval_scenario_free(es);
    return DG_OK;
}

/* Read and register a file for a dump; prints the usual message when it cannot. */
static uint32_t dump_source(Dg *dg, const char *path)
{
    uint32_t id;
    if (!strcmp(path, "-")) {
        size_t len = 0;
        char *text = read_stream(stdin, &len);
        id = text ? sources_add(&dg->src, "<stdin>", NULL, text, len) : 0;
    } else {
        id = sources_read(&dg->src, path, path);
    }
    if (!id)
        fprintf(dg->opt.err, "dealgraph: cannot read '%s': %s\n", path, strerror(errno));
    return id;
}

int dg_dump_tokens(Dg *dg, const char *path, FILE *out)
{
    uint32_t id = dump_source(dg, path);
    if (!id)
        return DG_EIO;
    size_t before = dg->diags.nerrors;
    tokens_dump(out, &dg->src, id, &dg->in, &dg->diags);
    return flush_diags(dg, before);
}

int dg_dump_ast(Dg *dg, const char *path, FILE *out)
{
    uint32_t id = dump_source(dg, path);
    if (!id)
        return DG_EIO;
    size_t before = dg->diags.nerrors;
    Arena a;
    arena_init(&a);
    ParseResult pr = parse_source(&a, &dg->in, &dg->diags, id);
    ast_dump(out, &pr.prog, &dg->in, &dg->src);
    arena_free(&a);
    return flush_diags(dg, before);
}

const World *dg_world(const Dg *dg) { return eval_world(dg->ev); }
Interner *dg_interner(Dg *dg) { return &dg->in; }
size_t dg_error_count(const Dg *dg) { return dg->diags.nerrors; }
bool dg_showed(const Dg *dg) { return eval_showed(dg->ev); }
Eval *dg_eval(Dg *dg) { return dg->ev; }
