/* eval_simshow.c - the questions a simulate body answers (docs/RISK.md "Measures"): the
 * figures default_probability(X [, YEAR]), expected_loss(X), var(LEVEL), es(LEVEL), and
 * `show default probabilities`, `show default years`, `show losses [at LEVEL, ...]`.
 * Outside a simulate body each of them is an error that says where it belongs. */
#include "eval_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mc_show.h"
#include "strbuf.h"

/* The figures of a simulate body, each written once: X(ENUMERATOR, name, its call as the
 * figures hint writes it, as :help writes it, least and most arguments). They are listed
 * with the risk measures (eval_each_risk), without a topic of their own: a simulate's
 * topics are show topics (show_topic.h, TF_SIMULATE). */
#define DG_SIM_FIGURES(X) \
    X(SIMF_PROBABILITY, "default_probability", "default_probability(x)", \
      "default_probability(x [, year])", 1, 2) \
    X(SIMF_EXPECTED_LOSS, "expected_loss", "expected_loss(x)", "expected_loss(x)", 1, 1) \
    X(SIMF_VAR, "var", "var(level)", "var(95%)", 1, 1) \
    X(SIMF_ES, "es", "es(level)", "es(95%)", 1, 1)
#define DG_SIMF_ENUM(e, name, call, usage, lo, hi) e,
typedef enum { DG_SIM_FIGURES(DG_SIMF_ENUM) SIMF__COUNT } SimFig;
#undef DG_SIMF_ENUM

typedef struct SimFigure {
    EvalRisk r;
    int lo, hi;
} SimFigure;

static const SimFigure SIM_FIGS[SIMF__COUNT] = {
#define DG_SIMF_ROW(e, name, call, usage, lo, hi) [e] = {{name, call, usage, NULL, NULL}, lo, hi},
    DG_SIM_FIGURES(DG_SIMF_ROW)
#undef DG_SIMF_ROW
};

static int sim_figure(const char *fn)
{
    for (int i = 0; i < SIMF__COUNT; i++)
        if (!strcmp(fn, SIM_FIGS[i].r.name))
            return i;
    return -1;
}

void sim_each_figure(void (*fn)(const EvalRisk *r, void *ud), void *ud)
{
    for (int i = 0; i < SIMF__COUNT; i++)
        fn(&SIM_FIGS[i].r, ud);
}

bool sim_is_figure(const char *fn) { return sim_figure(fn) >= 0; }

static Value pct(double x)
{
    Value v = value_num(x, DIM_NONE);
    v.flags |= VF_PCT;
    return v;
}

/* The entity a figure's argument names, counted by the simulation; SIZE_MAX after an error. */
static size_t entity_arg(Eval *ev, const Simulation *sim, const Expr *a, const char *fn)
{
    if (a->kind != EX_NAME) {
        diag_error(ev->d, a->span, "%s() takes an entity name", fn);
        return SIZE_MAX;
    }
    const World *w = sim_world(sim);
    EntId id = world_find(w, a->u.name);
    const char *nm = sym_str(ev->in, a->u.name);
    if (id == ENT_NONE) {
        eval_unknown_entity(ev, w, a->u.name, a->span);
        return SIZE_MAX;
    }
    size_t j = sim_slot(sim, id);
    if (j == SIZE_MAX)
        diag_error(ev->d, a->span, "'%s' is a market: markets pay from outside and never "
                   "default", nm);
    return j;
}

/* A level: a share above 0% and at most 100%. */
static bool level_arg(Eval *ev, Query *q, const Expr *e, double *out)
{
    if (!eval_expect(ev, q, e, DIM_NONE, "a level", out))
        return false;
    if (!(*out > 0 && *out <= 1)) {
        diag_error(ev->d, e->span, "a level is a share above 0%% and at most 100%%");
        diag_hint(ev->d, "write var(95%%) or es(99%%)");
        return false;
    }
    return true;
}

Value eval_sim_figure(Eval *ev, Query *q, const Expr *e)
{
    const char *fn = sym_str(ev->in, e->u.call.fn);
    int f = sim_figure(fn), nargs = e->u.call.nargs;
    if (!q->sim) {
        diag_error(ev->d, e->u.call.fn_span, "%s() is defined only inside a simulate", fn);
        diag_hint(ev->d, "simulate NAME 10000 times { assert %s(...) ... }", fn);
        return value_null();
    }
    const SimFigure *sf = &SIM_FIGS[f];
    if (nargs < sf->lo || nargs > sf->hi) {
        diag_error(ev->d, e->span, "%s() takes %s%d argument%s, not %d", fn,
                   sf->lo == sf->hi ? "" : "1 or ", sf->hi, sf->hi == 1 ? "" : "s", nargs);
        diag_hint(ev->d, "write %s", sf->r.usage);
        return value_null();
    }
    const McSum *m = sim_sum(q->sim);
    const Expr *const *a = (const Expr *const *)e->u.call.args;
    double level;
    int32_t year;
    if (f == SIMF_VAR || f == SIMF_ES)
        return level_arg(ev, q, a[0], &level)
                   ? value_num(f == SIMF_VAR ? mc_var(m, level) : mc_es(m, level), DIM_USD)
                   : value_null();
    size_t j = entity_arg(ev, q->sim, a[0], fn);
    if (j == SIZE_MAX || (nargs == 2 && !eval_year(ev, q, a[1], &year)))
        return value_null();
    if (f == SIMF_EXPECTED_LOSS)
        return value_num(mc_expected_loss(m, j), DIM_USD);
    return pct(nargs == 2 ? mc_probability_by(m, j, year) : mc_probability(m, j));
}

/* ---- show ---- */

/* "default probabilities, default years and losses": the topics a simulate answers. */
static void sim_topics(StrBuf *b)
{
    int n = 0, k = 0;
    for (int i = 0; i < TOPIC__COUNT; i++)
        n += (show_topic_flags((ShowTopic)i) & TF_SIMULATE) != 0;
    for (int i = 0; i < TOPIC__COUNT; i++) {
        if (!(show_topic_flags((ShowTopic)i) & TF_SIMULATE))
            continue;
        strbuf_str(b, k == 0 ? "" : k == n - 1 ? " and " : ", ");
        strbuf_str(b, show_topic_name((ShowTopic)i));
        k++;
    }
}

static bool levels_of(Eval *ev, Query *q, const Stmt *s, double *lv)
{
    bool ok = true;
    for (int i = 0; i < s->u.show.nat; i++)
        ok = level_arg(ev, q, s->u.show.at[i], &lv[i]) && ok;
    return ok;
}

/* A topic in the wrong place: levels on another topic, a what-if's topic in a simulate, a
 * simulate's outside one. True when it was one (and is reported). */
static bool misplaced(Eval *ev, Query *q, const Stmt *s, int topic, unsigned flags)
{
    const char *t = sym_str(ev->in, s->u.show.topic);
    StrBuf b = {0};
    bool bad = true;
    if (s->u.show.nat && (!q->sim || topic != TOPIC_LOSSES)) {
        diag_error(ev->d, s->u.show.topic_span, "only `show losses` takes levels, in a simulate");
        diag_hint(ev->d, "simulate NAME 10000 times { show losses at 95%%, 99%% }");
    } else if (q->sim && (flags & TF_WHATIF) && !(flags & TF_SIMULATE)) {
        sim_topics(&b);
        diag_error(ev->d, s->u.show.topic_span, "show %s needs a what-if", t);
        diag_hint(ev->d, "a simulate shows %s", b.s);
    } else if (!q->sim && (flags & TF_SIMULATE) && !(flags & TF_WHATIF)) {
        diag_error(ev->d, s->u.show.topic_span, "show %s needs a simulate", t);
        diag_hint(ev->d, "simulate NAME 10000 times { show %s }", t);
    } else {
        bad = false;
    }
    strbuf_free(&b);
    return bad;
}

bool eval_sim_show(Eval *ev, Query *q, const Stmt *s)
{
    int topic = show_topic_find(sym_str(ev->in, s->u.show.topic));
    unsigned flags = topic >= 0 ? show_topic_flags((ShowTopic)topic) : 0;
    if (misplaced(ev, q, s, topic, flags))
        return true;
    if (!q->sim || !(flags & TF_SIMULATE))
        return false;
    double *lv = xcalloc((size_t)s->u.show.nat + 1, sizeof *lv);
    McRun run = {sim_scenario(q->sim), sim_seed(q->sim)};
    const McSum *m = sim_sum(q->sim);
    if (levels_of(ev, q, s, lv) && !eval_quiet(ev)) {
        if (topic == TOPIC_LOSSES)
            mc_show_losses(ev->out, m, &run, s->u.show.nat ? lv : NULL, (size_t)s->u.show.nat);
        else if (topic == TOPIC_DEFAULT_YEARS)
            mc_show_years(ev->out, m, &run);
        else
            mc_show_probabilities(ev->out, m, &run);
    }
    free(lv);
    return true;
}
