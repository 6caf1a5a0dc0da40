/* eval_random.c - random lets (docs/RISK.md "Random lets"): `let NAME ~ DIST(args)` and
 * the lets computed from one.
 *
 * A random let holds its distribution's mean wherever no sample is being drawn (a
 * what-if, a show, `check`'s run of a scenario), so every script still has one value per
 * name. While a simulate draws sample k (ev->draw), it reads as sample k's draw for its
 * name (draw.h: the same in every read of that sample), and a let computed from one is
 * computed again from its expression, once per sample. */
#include "eval_int.h"
#include <stdio.h>
#include <string.h>

static const char *closest_dist(const char *fn)
{
    const char *names[DIST__COUNT];
    for (int k = 0; k < DIST__COUNT; k++)
        names[k] = dist_name((DistKind)k);
    return eval_closest(fn, names, DIST__COUNT);
}

/* The distribution a call names, or -1 after an error. */
static int dist_of_call(Eval *ev, const Expr *c)
{
    const char *fn = sym_str(ev->in, c->u.call.fn);
    char list[160];
    int k = dist_find(fn);
    if (k < 0) {
        const char *near = closest_dist(fn);
        diag_error(ev->d, c->u.call.fn_span, "unknown distribution '%s'", fn);
        if (near)
            diag_hint(ev->d, "did you mean '%s'? distributions: %s", near,
                      dist_list(list, sizeof list));
        else
            diag_hint(ev->d, "distributions: %s", dist_list(list, sizeof list));
        return -1;
    }
    int want = dist_arity((DistKind)k);
    if (c->u.call.nargs != want) {
        diag_error(ev->d, c->span, "%s() takes %d parameters, not %d", fn, want, c->u.call.nargs);
        diag_hint(ev->d, "write %s", dist_usage((DistKind)k));
        return -1;
    }
    return k;
}

/* One parameter: a number fixed before any draw. */
static bool param(Eval *ev, Query *q, const Expr *e, Value *out)
{
    uint64_t reads = ev->random_reads;
    *out = eval_expr(ev, q, e);
    if (out->kind == V_NULL)
        return eval_no_value(ev, e, *out);
    if (ev->random_reads != reads) {
        diag_error(ev->d, e->span, "a distribution's parameters are fixed numbers; this one is drawn");
        diag_hint(ev->d, "draw one and compute the other from it: let z ~ normal(0, 1); "
                         "let x = m + s * z");
        return false;
    }
    if (out->kind != V_NUM) {
        diag_error(ev->d, e->span, "a distribution's parameter is an amount");
        return false;
    }
    return true;
}

/* The parameters share one unit (a plain number takes the others'); lognormal's are the
 * mean and sd of the log, plain numbers. The value takes the first one's unit and form. */
static bool unify(Eval *ev, const Expr *c, DistKind k, const Value *v, int n, Value *shape)
{
    Dim d = DIM_NONE;
    char b1[32], b2[32];
    for (int i = 0; i < n; i++) {
        bool plain = dim_is_none(v[i].dim) && !(v[i].flags & (VF_SCALED | VF_DOLLAR));
        if (dim_is_none(v[i].dim) && (plain || k != DIST_LOGNORMAL))
            continue;
        if (k == DIST_LOGNORMAL) {
            diag_error(ev->d, c->u.call.args[i]->span, "lognormal(mu, sigma) takes plain numbers");
            diag_hint(ev->d, "mu and sigma are the mean and sd of the log: lognormal(0, 25%%) "
                             "is a factor around 1; multiply it by an amount");
            return false;
        }
        if (!dim_is_none(d) && !dim_eq(d, v[i].dim)) {
            diag_error(ev->d, c->u.call.args[i]->span, "%s(): the parameters have different "
                       "units (%s and %s)", dist_name(k), dim_name(d, b1, sizeof b1),
                       dim_name(v[i].dim, b2, sizeof b2));
            return false;
        }
        d = v[i].dim;
    }
    *shape = value_num(0, d);
    if (dim_is_none(d) && k != DIST_LOGNORMAL)
        shape->flags = v[0].flags & (VF_PCT | VF_SCALED);
    return true;
}

void eval_let_random(Eval *ev, Query *q, const Stmt *s)
{
    const Expr *c = s->u.let.value;
    int k = dist_of_call(ev, c);
    Value v[3], shape = value_null();
    Dist dist = {.kind = (DistKind)(k < 0 ? 0 : k)};
    bool ok = k >= 0;
    for (int i = 0; ok && i < c->u.call.nargs; i++)
        ok = param(ev, q, c->u.call.args[i], &v[i]) && ok;
    if (ok)
        ok = unify(ev, c, dist.kind, v, c->u.call.nargs, &shape);
    for (int i = 0; ok && i < c->u.call.nargs; i++)
        dist.p[i] = v[i].num;
    const char *bad = ok ? dist_check(&dist) : NULL;
    if (bad) {
        diag_error(ev->d, c->span, "%s: %s", dist_usage(dist.kind), bad);
        ok = false;
    }
    LetSlot *l = eval_let_slot_new(ev, q, s);
    if (!l)
        return;
    l->v = value_null();   /* bound even when it failed, so its uses do not cascade */
    if (!ok)
        return;
    l->kind = LET_DIST;
    l->dist = dist;
    l->hash = draw_name_hash(sym_str(ev->in, s->u.let.name));
    l->v = shape;
    l->v.num = dist_mean(&dist);
}

Value eval_random_read(Eval *ev, Sym name)
{
    LetSlot *l = &ev->lets[name];
    ev->random_reads++;
    if (!ev->draw || l->v.kind == V_NULL)
        return l->v;
    if (l->gen == ev->draw_gen)
        return l->drawn;
    Value v = l->v;
    if (l->kind == LET_DIST)
        v.num = dist_draw(&l->dist, ev->draw->seed, ev->draw->k, l->hash);
    else
        v = eval_expr(ev, &ev->base, l->expr);
    l = &ev->lets[name];   /* (the evaluation may have grown the table) */
    l->gen = ev->draw_gen;
    l->drawn = v;
    return v;
}
