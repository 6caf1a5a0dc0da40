/* eval_sens.c - sensitivities (docs/RISK.md "Sensitivities"): the figure
 * sensitivity(paid|shortfall|loss(X), cash|revenue|payments of Y) and `show sensitivities
 * of X`. Like breaking points they run on the world the question is asked in: the base
 * world, or a what-if's fork with its shocks, recovery and forced defaults; losses are
 * measured against the base world. */
#include "eval_int.h"
#include <stdlib.h>
#include <string.h>
#include "sens_show.h"
#include "sensitivity.h"

/* `paid(x)`, `shortfall(x)` or `loss(x)`: read, not evaluated. */
static bool figure_of(Eval *ev, Query *q, const Expr *a, SensFig *fig, EntId *x)
{
    if (a->kind != EX_CALL) {
        diag_error(ev->d, a->span, "the first argument of sensitivity() is a figure: paid(x), "
                   "shortfall(x) or loss(x)");
        diag_hint(ev->d, "sensitivity(paid(openai), revenue of nvidia)");
        return false;
    }
    const char *fn = sym_str(ev->in, a->u.call.fn);
    int g = 0;
    while (g < SF__COUNT && strcmp(fn, stress_figure_name(sens_figure((SensFig)g))))
        g++;
    if (g == SF__COUNT) {
        diag_error(ev->d, a->u.call.fn_span, "sensitivity() differentiates paid, shortfall or "
                   "loss, not '%s'", fn);
        diag_hint(ev->d, "the what-if figures of the yearly model: sensitivity(paid(x), cash of y)");
        return false;
    }
    if (a->u.call.nargs != 1 || a->u.call.args[0]->kind != EX_NAME) {
        diag_error(ev->d, a->span, "%s() takes one entity name", fn);
        return false;
    }
    *fig = (SensFig)g;
    *x = eval_entity_known(ev, q, a->u.call.args[0]->u.name, a->u.call.args[0]->span);
    return *x != ENT_NONE;
}

/* `cash of y`, `revenue of y`, `payments of m`. */
static bool input_of(Eval *ev, Query *q, const Expr *a, SensInput *in)
{
    if (a->kind != EX_REF) {
        diag_error(ev->d, a->span, "the second argument is the input: `cash of y`, `revenue of "
                   "y` or `payments of m`");
        return false;
    }
    return eval_risk_input(ev, q, a, "sensitivity",
                           "sensitivity(paid(x), cash of y), or revenue of y, or payments of m",
                           &in->what, &in->of);
}

Value eval_sensitivity(Eval *ev, Query *q, const Expr *e)
{
    int n = e->u.call.nargs;
    Expr **a = e->u.call.args;
    if (n != 2) {
        diag_error(ev->d, e->span, "sensitivity() takes a figure and an input, not %d "
                   "argument%s", n, n == 1 ? "" : "s");
        diag_hint(ev->d, "sensitivity(paid(openai), revenue of nvidia)");
        return value_null();
    }
    SensFig fig = SF_PAID;
    EntId x = ENT_NONE;
    SensInput in;
    bool ok = figure_of(ev, q, a[0], &fig, &x);
    if (!input_of(ev, q, a[1], &in) || !ok)
        return value_null();
    Sens *s = sens_new(q->w, q->base, eval_stress_params(q));
    SensVal v[SF__COUNT];
    sens_of(s, x, in, 1u << fig, true, v);
    sens_free(s);
    if (v[fig].how == SENS_NA)
        return value_undef();
    /* per 1B of the input, in the figure's own unit: paid a percentage, the others USD */
    Value r = value_num(v[fig].d * SENS_UNIT, fig == SF_PAID ? DIM_NONE : DIM_USD);
    if (fig == SF_PAID)
        r.flags |= VF_PCT;
    return r;
}

void eval_show_sensitivities(Eval *ev, Query *q, const Stmt *s)
{
    if (s->u.show.of == SYM_NONE || s->u.show.to != SYM_NONE) {
        diag_error(ev->d, s->u.show.topic_span, "show sensitivities needs one entity");
        diag_hint(ev->d, "write `show sensitivities of NAME`");
        return;
    }
    EntId x = eval_entity_known(ev, q, s->u.show.of, s->u.show.of_span);
    if (x == ENT_NONE || eval_quiet(ev))
        return;
    Sens *sn = sens_new(q->w, q->base, eval_stress_params(q));
    size_t n, ninputs;
    SensRow *rows = sens_rank(sn, x, &n, &ninputs);
    sens_show(ev->out, q->w, x, rows, n, ninputs,
              sens_one_year(sn) ? sens_exact_why_not(sn) : NULL);
    free(rows);
    sens_free(sn);
}
