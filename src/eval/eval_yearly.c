/* eval_yearly.c - the sentences of the yearly stress model: `horizon`, yearly paths, revenue
 * paid by a market, costs, and debt with maturities (grammar/README.md "Time, demand and
 * debt"; the model they feed: docs/STRESS.md).
 *
 * An entity block's yearly attributes are gathered while its attributes are read and
 * turned into paths and deals once the block is done, because `growth` may come after the
 * `revenue` it applies to. */
#include "eval_int.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool eval_year(Eval *ev, Query *q, const Expr *e, int32_t *year)
{
    int32_t m;
    if (!eval_date(ev, q, e, &m))
        return false;
    *year = m >= 0 ? m / 12 : -((-m + 11) / 12);
    return true;
}

/* One yearly value of a path: USD per year, at least 0. */
static bool yearly_value(Eval *ev, Query *q, const Expr *e, const char *what, double *out)
{
    Value v = eval_expr(ev, q, e);
    if (v.kind == V_NULL)
        return eval_no_value(ev, e, v);
    if (v.kind == V_NUM && v.num == 0 && dim_is_none(v.dim)) {
        *out = 0;
        return true;
    }
    if (!(v.kind == V_NUM && dim_eq(v.dim, DIM_USD_PER_YEAR))) {
        char buf[64];
        diag_error(ev->d, e->span, "%s is a yearly rate (USD/y)", what);
        if (v.kind == V_NUM && (dim_eq(v.dim, DIM_USD) || dim_is_none(v.dim)))
            diag_hint(ev->d, "write %s/y", usd_text(v.num, buf, sizeof buf));
        return false;
    }
    if (!(v.num >= 0) || !isfinite(v.num)) {
        diag_error(ev->d, e->span, "%s must be at least 0", what);
        return false;
    }
    *out = v.num;
    return true;
}

PathId eval_path(Eval *ev, Query *q, const Amount *a, const char *what, const Entity *grower)
{
    PathPoint one, *pts = &one;
    uint32_t n = a->npts ? (uint32_t)a->npts : 1;
    if (a->npts)
        pts = xmalloc(n * sizeof *pts);
    bool ok = true;
    for (uint32_t i = 0; i < n; i++) {
        const Expr *val = a->npts ? a->pts[i].value : a->value;
        pts[i].year = YEAR_FIRST;
        ok = yearly_value(ev, q, val, what, &pts[i].v) && ok;
        if (a->npts && !eval_year(ev, q, a->pts[i].year, &pts[i].year))
            ok = false;
        else if (i > 0 && ok && pts[i].year <= pts[i - 1].year) {
            diag_error(ev->d, a->pts[i].year->span, "the years of a path go up: %d after %d",
                       pts[i].year, pts[i - 1].year);
            ok = false;
        }
    }
    bool grows = grower && (grower->has & (1u << A_GROWTH));
    PathId id = ok ? world_add_path(q->w, pts, n, grows, grows ? grower->attr[A_GROWTH] : 0)
                   : PATH_NONE;
    if (pts != &one)
        free(pts);
    return id;
}

/* ---- how many years the model runs ---- */

/* T0 .. T1 (docs/STRESS.md "Years") as a statement would make them: at most
 * HORIZON_MAX_YEARS. A span past that is almost always a mistyped year (`as of 1012`, `from
 * 3025`), and the model would leave what lies beyond it out without a word. */
static bool years_fit(Eval *ev, Span at, int first, int last)
{
    if (last - first + 1 <= HORIZON_MAX_YEARS)
        return true;
    diag_error(ev->d, at, "the model's years would run from %d to %d, %d years: it runs at "
               "most %d", first, last, last - first + 1, HORIZON_MAX_YEARS);
    diag_hint(ev->d, "they start at `as of` (else the first dated deal) and end at `horizon` "
              "(else the last year a deal pays): is a year mistyped?");
    return false;
}

bool eval_years_fit_deal(Eval *ev, Query *q, const Deal *d, Span at)
{
    if (!d->binding || !verb_moves_money(d->kind) || d->from == MONTH_NONE)
        return true;
    int32_t asof = world_asof(q->w), hz = world_horizon(q->w), f = 0;
    int l = 0;
    bool have = world_dated_reach(q->w, &f, &l);
    int first = month_year(d->from), last = month_year(d->from + (d->over > 0 ? d->over : 1) - 1);
    int t0 = asof != MONTH_NONE ? month_year(asof) : have && f < d->from ? month_year(f) : first;
    int t1 = hz != YEAR_NONE ? hz : have && l > last ? l : last;
    return years_fit(ev, at, t0, t1);
}

bool eval_years_fit_asof(Eval *ev, Query *q, int32_t asof, Span at)
{
    int32_t hz = world_horizon(q->w), f = 0;
    int l = 0, t0 = month_year(asof);
    bool have = world_dated_reach(q->w, &f, &l);
    return years_fit(ev, at, t0, hz != YEAR_NONE ? hz : have ? l : t0);
}

void eval_horizon(Eval *ev, Query *q, const Stmt *s)
{
    int32_t y;
    if (!eval_year(ev, q, s->u.horizon.year, &y))
        return;
    int32_t asof = world_asof(q->w), f = 0;
    if (asof != MONTH_NONE && y * 12 + 11 < asof) {
        diag_error(ev->d, s->u.horizon.year->span, "the horizon %d ends before `as of`", y);
        return;
    }
    int l = 0;
    bool have = world_dated_reach(q->w, &f, &l);
    int t0 = asof != MONTH_NONE ? month_year(asof) : have ? month_year(f) : y;
    if (!years_fit(ev, s->u.horizon.year->span, t0, y))
        return;
    world_set_horizon(q->w, y);
    eval_changed(q);
}

bool eval_is_yearly(const Attr *a, AttrId id)
{
    return id == A_COSTS || a->amount.npts || a->cl.from || a->cl.due || a->cl.due_to ||
           a->cl.at;
}

/* Clauses an attribute does not take: one error each. */
static bool clauses_fit(Eval *ev, const Attr *a, AttrId id)
{
    bool ok = true;
    if (a->amount.npts && id != A_REVENUE && id != A_COSTS) {
        diag_error(ev->d, a->amount.pts[0].year->span, "%s takes one amount, not a yearly path",
                   attr_name(id));
        ok = false;
    }
    if (a->cl.from && id != A_REVENUE) {
        diag_error(ev->d, a->cl.from_span, "only revenue is paid `from` a market");
        ok = false;
    }
    const Expr *debt_only = a->cl.due ? a->cl.due : a->cl.due_to ? a->cl.due_to : a->cl.at;
    if (debt_only && id != A_DEBT) {
        diag_error(ev->d, debt_only->span, "`due`, `to` and `at` are for debt: "
                   "`debt 18B due 2030 at 4%%`");
        ok = false;
    } else if (!a->cl.due && (a->cl.due_to || a->cl.at)) {
        diag_error(ev->d, (a->cl.due_to ? a->cl.due_to : a->cl.at)->span,
                   "debt without `due` is never owed in the model: give it a maturity");
        diag_hint(ev->d, "write `debt 18B due 2030 at 4%%`, or `debt 18B` for leverage only");
        ok = false;
    }
    return ok;
}

/* `debt X due Y [to Y2] [at R%]`. */
static void yearly_debt(Eval *ev, Query *q, EntId id, const Attr *a)
{
    double x, rate = 0;
    Debt d = {.ent = id, .due = a->cl.due->span};
    if (a->cl.due_to)
        d.due = span_join(d.due, a->cl.due_to->span);
    bool ok = eval_expect(ev, q, a->amount.value, DIM_USD, "debt", &x);
    if (ok && !(x >= 0)) {
        diag_error(ev->d, a->amount.value->span, "debt must be at least 0");
        ok = false;
    }
    ok = eval_year(ev, q, a->cl.due, &d.first) && ok;
    d.last = d.first;
    if (a->cl.due_to && eval_year(ev, q, a->cl.due_to, &d.last) && d.last < d.first) {
        diag_error(ev->d, a->cl.due_to->span, "debt repaid %d to %d: the last year comes first",
                   d.first, d.last);
        ok = false;
    }
    if (a->cl.at && eval_expect(ev, q, a->cl.at, DIM_NONE, "an interest rate", &rate) &&
        !(rate >= 0)) {
        diag_error(ev->d, a->cl.at->span, "an interest rate must be at least 0%%");
        ok = false;
    }
    if (!ok)
        return;
    d.principal = x;
    d.rate = rate;
    world_add_debt(q->w, &d);
    Entity *e = world_entity_mut(q->w, id);
    e->attr[A_DEBT] += x;   /* every debt counts in leverage */
    e->has |= 1u << A_DEBT;
}

void eval_yearly_attr(Eval *ev, Query *q, EntId id, const Attr *a, AttrId which,
                      YearlyAttrs *ya)
{
    if (!clauses_fit(ev, a, which))
        return;
    if (which == A_DEBT) {
        yearly_debt(ev, q, id, a);
        return;
    }
    if (which == A_COSTS)
        ya->costs = a;
    else if (a->cl.from) {
        EntId m = eval_entity_ref(ev, q, a->cl.from, a->cl.from_span);
        const Entity *me = m == ENT_NONE ? NULL : world_entity(q->w, m);
        if (me && me->declared && me->kind != ENT_MARKET) {
            diag_error(ev->d, a->cl.from_span, "revenue is paid `from` a market; '%s' is a %s",
                       world_name(q->w, m), entkind_name(me->kind));
            return;
        }
        if (m == id) {
            diag_error(ev->d, a->cl.from_span, "'%s' cannot pay its own revenue",
                       world_name(q->w, m));
            return;
        }
        if (m != ENT_NONE) {
            ya->from = a;
            ya->market = m;
        }
    } else {
        ya->revenue = a;
    }
}

/* The revenue a market pays: the deal `M pays PATH to X`, marked as X's revenue. */
static void revenue_deal(Eval *ev, Query *q, EntId id, const YearlyAttrs *ya)
{
    const Entity *e = world_entity(q->w, id);
    PathId p = eval_path(ev, q, &ya->from->amount, "revenue", e);
    if (p == PATH_NONE)
        return;
    Deal d;
    memset(&d, 0, sizeof d);
    d.kind = VERB_PAYS;
    d.payer = ya->market;
    d.payee = id;
    d.amount = 1;
    d.path = p;
    d.per_year = d.binding = d.revenue = true;
    d.from = d.due = MONTH_NONE;
    d.milestone = DEAL_NONE;
    d.span = ya->from->span;
    DealId deal = world_add_deal(q->w, &d);
    world_entity_mut(q->w, id)->revenue_deal = deal + 1;
}

void eval_yearly_replace_revenue(Eval *ev, Query *q, EntId id, const Stmt *s)
{
    bool revenue = false;
    for (int i = 0; i < s->u.entity.nattrs && !revenue; i++)
        revenue = !strcmp(sym_str(ev->in, s->u.entity.attrs[i].name), "revenue");
    if (!revenue)
        return;
    /* A block that declares revenue replaces all the revenue declared before it: its own
     * and what a market paid it as revenue. */
    Entity *e = world_entity_mut(q->w, id);
    if (e->revenue_deal)
        world_cancel(q->w, e->revenue_deal - 1);
    e->revenue_deal = 0;
    e->revenue_path = PATH_NONE;
    e->attr[A_REVENUE] = 0;
    e->has &= ~(1u << A_REVENUE);
}

void eval_yearly_finish(Eval *ev, Query *q, EntId id, const YearlyAttrs *ya)
{
    if (ya->revenue) {
        PathId p = eval_path(ev, q, &ya->revenue->amount, "revenue", world_entity(q->w, id));
        if (p != PATH_NONE) {
            Entity *e = world_entity_mut(q->w, id);
            e->revenue_path = p;
            e->attr[A_REVENUE] = world_path(q->w, p)->pts[0].v;
            e->has |= 1u << A_REVENUE;
        }
    }
    if (ya->from)
        revenue_deal(ev, q, id, ya);
    if (ya->costs) {
        PathId p = eval_path(ev, q, &ya->costs->amount, "costs", NULL);
        if (p != PATH_NONE) {
            Entity *e = world_entity_mut(q->w, id);
            e->costs_path = p;
            e->attr[A_COSTS] = world_path(q->w, p)->pts[0].v;
            e->has |= 1u << A_COSTS;
        }
    }
}

/* A debt that falls due before the model's first year is taken as repaid then (nothing
 * of it is owed in the model, docs/STRESS.md "Dues"), while leverage counts all of it: a
 * warning, since it is more often a year mistyped or a debt written as it stood long ago.
 * Incremental: the base world's debts not looked at yet (none are until the model has years). */
void eval_warn_past_debts(Eval *ev)
{
    const World *w = ev->base.w;
    size_t n = world_n_debts(w), from = ev->debts_checked;
    if (from >= n)
        return;
    Horizon h = horizon_of(w);
    if (!h.dated)
        return;   /* looked at once the model has years (a later `as of` in the REPL) */
    ev->debts_checked = n;
    char buf[64];
    for (size_t i = from; i < n; i++) {
        const Debt *d = world_debt(w, i);
        if (d->first >= h.first)
            continue;
        const char *who = world_name(w, d->ent);
        if (d->last < h.first) {
            char when[32];
            if (d->first == d->last)
                snprintf(when, sizeof when, "in %d", d->last);
            else
                snprintf(when, sizeof when, "%d to %d", d->first, d->last);
            diag_warning(ev->d, d->due, "%s's debt of %s falls due %s, before the model's "
                         "first year (%d): the yearly model owes none of it", who,
                         usd_text(d->principal, buf, sizeof buf), when, h.first);
        } else {
            double before = d->principal * (h.first - d->first) / (d->last - d->first + 1);
            diag_warning(ev->d, d->due, "%s's debt falls due %d to %d: the %s due before the "
                         "model's first year (%d) is taken as repaid", who, d->first, d->last,
                         usd_text(before, buf, sizeof buf), h.first);
        }
        diag_hint(ev->d, "leverage counts all of it; write what is owed now and when it "
                         "falls due, or leave out `due` for leverage only");
    }
}
