/* eval_simshow.c - the questions a simulate body answers (docs/RISK.md "Measures"): the
 * figures default_probability(X [, YEAR]), expected_loss(X), var(LEVEL), es(LEVEL), and
 * `show default probabilities`, `show default years`, `show losses [at LEVEL, ...]`.
 * Outside a simulate body each of them is an error that says where it belongs. */
#include "eval_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mc_show.h"

/* X(name, least arguments, most arguments) */
#define DG_SIM_FIGURES(X) \
    X("default_probability", 1, 2) \
    X("expected_loss", 1, 1) \
    X("var", 1, 1) \
    X("es", 1, 1)
#define DG_SIM_NAME(name, lo, hi) name,
static const char *const SIM_FIGS[] = {DG_SIM_FIGURES(DG_SIM_NAME)};
#undef DG_SIM_NAME
#define DG_SIM_LO(name, lo, hi) lo,
static const int SIM_LO[] = {DG_SIM_FIGURES(DG_SIM_LO)};
#undef DG_SIM_LO
#define DG_SIM_HI(name, lo, hi) hi,
static const int SIM_HI[] = {DG_SIM_FIGURES(DG_SIM_HI)};
#undef DG_SIM_HI
enum { N_SIM_FIGS = sizeof SIM_FIGS / sizeof *SIM_FIGS };

static int sim_figure(const char *fn)
{
    for (int i = 0; i < N_SIM_FIGS; i++)
        if (!strcmp(fn, SIM_FIGS[i]))
            return i;
    return -1;
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
        size_t n = world_n_entities(w);
        const char **names = xcalloc(n + 1, sizeof *names);
        for (EntId i = 0; i < n; i++)
            names[i] = world_name(w, i);
        const char *near = eval_closest(nm, names, n);
        diag_error(ev->d, a->span, "unknown entity '%s'", nm);
        if (near)
            diag_hint(ev->d, "did you mean '%s'?", near);
        free(names);
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

/* A year: a bare year, or a date (its year). */
static bool year_arg(Eval *ev, Query *q, const Expr *e, int *year)
{
    int32_t m;
    if (!eval_date(ev, q, e, &m))
        return false;
    *year = m >= 0 ? m / 12 : -((-m + 11) / 12);
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
    if (nargs < SIM_LO[f] || nargs > SIM_HI[f]) {
        diag_error(ev->d, e->span, "%s() takes %s%d argument%s, not %d", fn,
                   SIM_LO[f] == SIM_HI[f] ? "" : "1 or ", SIM_HI[f], SIM_HI[f] == 1 ? "" : "s",
                   nargs);
        return value_null();
    }
    const McSum *m = sim_sum(q->sim);
    const Expr *const *a = (const Expr *const *)e->u.call.args;
    double level;
    int year;
    if (f >= 2)   /* var, es */
        return level_arg(ev, q, a[0], &level)
                   ? value_num(f == 2 ? mc_var(m, level) : mc_es(m, level), DIM_USD)
                   : value_null();
    size_t j = entity_arg(ev, q->sim, a[0], fn);
    if (j == SIZE_MAX || (nargs == 2 && !year_arg(ev, q, a[1], &year)))
        return value_null();
    if (f == 1)
        return value_num(mc_expected_loss(m, j), DIM_USD);
    return pct(nargs == 2 ? mc_probability_by(m, j, year) : mc_probability(m, j));
}

/* ---- show ---- */

static const char *const SIM_TOPICS[] = {"default probabilities", "default years", "losses"};
static const char *const WHATIF_TOPICS[] = {"defaults", "payments", "distress"};

static bool in_list(const char *t, const char *const *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(t, l[i]))
            return true;
    return false;
}

static bool levels_of(Eval *ev, Query *q, const Stmt *s, double *lv)
{
    bool ok = true;
    for (int i = 0; i < s->u.show.nat; i++)
        ok = level_arg(ev, q, s->u.show.at[i], &lv[i]) && ok;
    return ok;
}

bool eval_sim_show(Eval *ev, Query *q, const Stmt *s)
{
    const char *t = sym_str(ev->in, s->u.show.topic);
    bool mine = in_list(t, SIM_TOPICS, 3) && (q->sim || strcmp(t, "losses"));
    if (s->u.show.nat && (!q->sim || strcmp(t, "losses"))) {
        diag_error(ev->d, s->u.show.topic_span, "only `show losses` takes levels, in a simulate");
        diag_hint(ev->d, "simulate NAME 10000 times { show losses at 95%%, 99%% }");
        return true;
    }
    if (q->sim && in_list(t, WHATIF_TOPICS, 3)) {
        diag_error(ev->d, s->u.show.topic_span, "show %s needs a what-if", t);
        diag_hint(ev->d, "a simulate shows default probabilities, default years and losses");
        return true;
    }
    if (!mine)
        return false;
    if (!q->sim) {
        diag_error(ev->d, s->u.show.topic_span, "show %s needs a simulate", t);
        diag_hint(ev->d, "simulate NAME 10000 times { show %s }", t);
        return true;
    }
    double *lv = xcalloc((size_t)s->u.show.nat + 1, sizeof *lv);
    McRun run = {sim_scenario(q->sim), sim_seed(q->sim)};
    const McSum *m = sim_sum(q->sim);
    if (levels_of(ev, q, s, lv) && !ev->opt->quiet) {
        if (!strcmp(t, "losses"))
            mc_show_losses(ev->out, m, &run, s->u.show.nat ? lv : NULL, (size_t)s->u.show.nat);
        else if (!strcmp(t, "default years"))
            mc_show_years(ev->out, m, &run);
        else
            mc_show_probabilities(ev->out, m, &run);
    }
    free(lv);
    return true;
}
