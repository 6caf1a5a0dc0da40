/* eval_risk.c - the risk measures over the stress model that a script asks for (docs/
 * RISK.md): breaking_point(X [, WHAT of Y]) and `show breaking points`. They run on the
 * world the question is asked in: the base world, or a what-if's fork with its shocks,
 * recovery and forced defaults. */
#include "eval_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "breaking.h"
#include "stress_show.h"

bool eval_risk_input(Eval *ev, Query *q, const Expr *a, const char *fn, const char *hint,
                     ShockOp *what, EntId *of)
{
    const char *w = sym_str(ev->in, a->u.ref.what);
    int k = shock_target(w);
    if (k != SH_REVENUE && k != SH_CASH && k != SH_PAYMENTS) {
        diag_error(ev->d, a->u.ref.what_span, "%s() takes the revenue, cash or payments of an "
                   "entity, not '%s'", fn, w);
        diag_hint(ev->d, "%s", hint);
        return false;
    }
    *what = (ShockOp)k;
    *of = eval_entity_known(ev, q, a->u.ref.of, a->u.ref.of_span);
    return *of != ENT_NONE;
}

/* `revenue of y`, `cash of y`, `payments of m`: what breaking_point may cut. */
static bool cut_of(Eval *ev, Query *q, const Expr *a, BreakCut *cut)
{
    return eval_risk_input(ev, q, a, "breaking_point",
                           "breaking_point(x, revenue of y), or breaking_point(x) for demand",
                           &cut->what, &cut->of);
}

Value eval_breaking_point(Eval *ev, Query *q, const Expr *e)
{
    int n = e->u.call.nargs;
    Expr **a = e->u.call.args;
    if (n < 1 || n > 2) {
        diag_error(ev->d, e->span, "breaking_point() takes an entity and optionally what to "
                   "cut, not %d arguments", n);
        diag_hint(ev->d, "breaking_point(openai), breaking_point(openai, revenue of nvidia)");
        return value_null();
    }
    if (a[0]->kind != EX_NAME) {
        diag_error(ev->d, a[0]->span, "breaking_point() takes an entity name first");
        return value_null();
    }
    BreakCut cut = {SH_DEMAND, ENT_NONE};
    if (n == 2 && (a[1]->kind != EX_REF || !cut_of(ev, q, a[1], &cut))) {
        if (a[1]->kind != EX_REF)
            diag_error(ev->d, a[1]->span, "the second argument is what to cut: `revenue of y`, "
                       "`cash of y` or `payments of m`");
        return value_null();
    }
    EntId x = eval_entity_known(ev, q, a[0]->u.name, a[0]->span);
    if (x == ENT_NONE)
        return value_null();
    int year;
    double bp = breaking_point(q->w, eval_stress_params(q), cut, x, &year);
    if (isnan(bp))
        return value_null();
    Value v = value_num(bp, DIM_NONE);
    v.flags |= VF_PCT;
    return v;
}

void eval_show_breaking(Eval *ev, Query *q, const Stmt *s)
{
    (void)s;
    if (eval_quiet(ev))
        return;
    size_t n = world_n_entities(q->w);
    double *bp = xcalloc(n + 1, sizeof *bp);
    int *year = xcalloc(n + 1, sizeof *year);
    breaking_points(q->w, eval_stress_params(q), (BreakCut){SH_DEMAND, ENT_NONE}, bp, year);
    stress_show_breaking(ev->out, q->w, bp, year);
    free(bp);
    free(year);
}
