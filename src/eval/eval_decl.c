/* eval_decl.c - the statements that build the world: entity declarations, `price`,
 * `as of`, `layers`, `let`, and deal sentences, with their unit checks.
 *
 * A declaration whose attribute fails still declares the
 * entity, so later statements do not cascade into more errors. */
#include "eval_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static LetSlot *let_slot(Eval *ev, Sym name)
{
    return name < ev->caplets && ev->lets[name].set ? &ev->lets[name] : NULL;
}

static bool not_a_let(Eval *ev, Sym name, Span sp)
{
    LetSlot *l = let_slot(ev, name);
    if (!l)
        return true;
    diag_error(ev->d, sp, "'%s' is a let name, not an entity", sym_str(ev->in, name));
    diag_note(ev->d, l->span, "'%s' is defined here", sym_str(ev->in, name));
    return false;
}

EntId eval_entity_ref(Eval *ev, Query *q, Sym name, Span sp)
{
    if (!not_a_let(ev, name, sp))
        return ENT_NONE;
    size_t before = world_n_entities(q->w);
    EntId id = world_ensure(q->w, name, sp);
    if (world_n_entities(q->w) != before)
        eval_changed(q);
    return id;
}

/* The statement of a scenario's block that declares name or makes a deal with it, or NULL. */
static const Stmt *stmt_naming(const Scenario *sc, Sym name)
{
    for (const Stmt *s = sc->body->first; s; s = s->next)
        if ((s->kind == ST_ENTITY && s->u.entity.name == name) ||
            (s->kind == ST_DEAL && (s->u.deal.payer == name || s->u.deal.payee == name)))
            return s;
    return NULL;
}

/* The scenario (declared so far) whose block holds the statement at sp, or NULL. */
static const Scenario *scenario_holding(const Eval *ev, Span sp)
{
    for (size_t k = 0; k < ev->nscen; k++) {
        const StmtList *b = ev->scen[k].body;
        if (b->first && b->first->span.file == sp.file && b->first->span.start <= sp.start &&
            sp.end <= b->last->span.end)
            return &ev->scen[k];
    }
    return NULL;
}

bool eval_scenario_hint(Eval *ev, Sym name, Span sp)
{
    const char *nm = sym_str(ev->in, name);
    const Scenario *in = scenario_holding(ev, sp);
    const Stmt *later = in ? stmt_naming(in, name) : NULL;
    if (later && later->span.start >= sp.end) {   /* asked above it in its own scenario */
        diag_hint(ev->d, "'%s' comes in later in scenario %s, and its statements run in "
                         "order: move this one below it", nm, sym_str(ev->in, in->name));
        diag_note(ev->d, later->span, "'%s' comes in here", nm);
        return true;
    }
    for (size_t k = 0; k < ev->nscen; k++) {
        if (&ev->scen[k] == in || !stmt_naming(&ev->scen[k], name))
            continue;
        const char *sn = sym_str(ev->in, ev->scen[k].name);
        diag_hint(ev->d, "'%s' comes in only in scenario %s: ask inside it "
                         "(what if %s { show %s })", nm, sn, sn, nm);
        return true;
    }
    return false;
}

void eval_unknown_entity(Eval *ev, const World *w, Sym name, Span sp)
{
    const char *nm = sym_str(ev->in, name);
    size_t n = world_n_entities(w);
    const char **names = xcalloc(n + 1, sizeof *names);
    for (EntId i = 0; i < n; i++)
        names[i] = world_name(w, i);
    const char *near = eval_closest(nm, names, n);
    diag_error(ev->d, sp, "unknown entity '%s'", nm);
    if (eval_scenario_hint(ev, name, sp))
        ;
    else if (near)
        diag_hint(ev->d, "did you mean '%s'?", near);
    else
        diag_hint(ev->d, "no statement before this one declares '%s' or makes a deal with it "
                         "(declare it: company %s)", nm, nm);
    free(names);
}

EntId eval_entity_known(Eval *ev, Query *q, Sym name, Span sp)
{
    if (!not_a_let(ev, name, sp))
        return ENT_NONE;
    EntId id = world_find(q->w, name);
    if (id == ENT_NONE)
        eval_unknown_entity(ev, q->w, name, sp);
    return id;
}

/* ---- entity declarations ---- */

static bool attr_value(Eval *ev, Query *q, const Attr *a, AttrId id, double *out)
{
    const Expr *e = a->amount.value;
    switch (id) {
    case A_CASH: case A_DEBT: case A_EQUITY: case A_VALUATION:
        return eval_expect(ev, q, e, DIM_USD, attr_name(id), out);
    case A_SHARES:
        return eval_expect(ev, q, e, DIM_COUNT, "shares", out);
    case A_GROWTH: case A_MARGIN:
        return eval_expect(ev, q, e, DIM_NONE, attr_name(id), out);
    case A_PRICE: {
        Value v = eval_expr(ev, q, e);
        if (v.kind == V_NULL)
            return eval_no_value(ev, e, v);
        Dim per_share = {1, 0, 0, -1};
        if (v.kind == V_NUM && (dim_eq(v.dim, DIM_USD) || dim_eq(v.dim, per_share) ||
                                (dim_is_none(v.dim) && !(v.flags & VF_PCT)))) {
            *out = v.num;
            return true;
        }
        diag_error(ev->d, e->span, "price is USD per share");
        diag_hint(ev->d, "write a share price such as `price 185`");
        return false;
    }
    case A_REVENUE: {
        Value v = eval_expr(ev, q, e);
        if (v.kind == V_NUM && dim_eq(v.dim, DIM_USD_PER_YEAR)) {
            *out = v.num;
            return true;
        }
        if (v.kind == V_NUM && v.num == 0 && dim_is_none(v.dim)) {
            *out = 0;
            return true;
        }
        if (v.kind == V_NULL)
            return eval_no_value(ev, e, v);
        char buf[64];
        diag_error(ev->d, e->span, "revenue is a yearly rate (USD/y)");
        if (v.kind == V_NUM && (dim_eq(v.dim, DIM_USD) || dim_is_none(v.dim)))
            diag_hint(ev->d, "write %s/y", usd_text(v.num, buf, sizeof buf));
        return false;
    }
    case A_COSTS:   /* always a path: eval_yearly.c */
    case A__COUNT:
        break;
    }
    return false;
}

/* Any name is a layer; the picture draws layers left to right in the world's order. */
static void set_layer(Eval *ev, Query *q, Entity *ent, const Attr *a)
{
    const Expr *x = a->amount.value;
    Value v;
    if (x->kind == EX_NAME && !eval_let_value(ev, x->u.name, &v)) {
        /* `layer vendors`, as `layers vendors, capital` writes it: say what to write */
        const char *nm = sym_str(ev->in, x->u.name);
        diag_error(ev->d, x->span, "a layer is a name in quotes");
        diag_hint(ev->d, "write layer \"%s\" (only `layers` takes bare names)", nm);
        return;
    }
    v = eval_expr(ev, q, a->amount.value);
    if (v.kind == V_NULL) {
        eval_no_value(ev, a->amount.value, v);
        return;
    }
    if (v.kind != V_STR || !*v.str) {
        diag_error(ev->d, a->amount.value->span, "a layer is a name in quotes");
        diag_hint(ev->d, "for example: layer \"vendors\"");
        return;
    }
    Sym s = intern_cstr(ev->in, v.str);
    ent->layer = sym_str(ev->in, s);
    world_note_layer(q->w, s, false);
}

void eval_layers(Eval *ev, Query *q, const Stmt *s)
{
    for (int i = 0; i < s->u.layers.n; i++) {
        if (!*s->u.layers.names[i]) {
            diag_error(ev->d, s->u.layers.spans[i], "a layer needs a name");
            continue;
        }
        world_note_layer(q->w, intern_cstr(ev->in, s->u.layers.names[i]), true);
    }
}

/* Amounts that cannot be negative (equity and margin can: negative book equity and
 * loss-making business are real), and growth that cannot shrink past nothing. */
static bool attr_in_range(Eval *ev, const Attr *a, AttrId id, double x)
{
    switch (id) {
    case A_CASH: case A_REVENUE: case A_DEBT: case A_SHARES: case A_PRICE: case A_VALUATION:
        if (x >= 0)
            return true;
        diag_error(ev->d, a->amount.value->span, "%s must be at least 0", attr_name(id));
        if (id == A_CASH)
            diag_hint(ev->d, "money owed goes in `debt`, or as a loan: `bank lends 5B to x`");
        return false;
    case A_GROWTH:
        if (x >= -1)
            return true;
        diag_error(ev->d, a->amount.value->span, "growth must be at least -100%%");
        return false;
    default:
        return true;
    }
}

static void set_attr(Eval *ev, Query *q, EntId id, const Attr *a, YearlyAttrs *ya)
{
    const char *an = sym_str(ev->in, a->name);
    if (!strcmp(an, "layer")) {
        set_layer(ev, q, world_entity_mut(q->w, id), a);
        return;
    }
    for (int i = 0; i < A__COUNT; i++) {
        if (strcmp(an, attr_name((AttrId)i)))
            continue;
        if (eval_is_yearly(a, (AttrId)i)) {
            eval_yearly_attr(ev, q, id, a, (AttrId)i, ya);
            return;
        }
        double x;
        if (!attr_value(ev, q, a, (AttrId)i, &x) || !attr_in_range(ev, a, (AttrId)i, x))
            return;
        Entity *e = world_entity_mut(q->w, id);  /* after evaluating: that may add entities */
        e->attr[i] = x;
        e->has |= 1u << i;
        return;
    }
    diag_error(ev->d, a->name_span, "unknown attribute '%s'", an);
    diag_hint(ev->d, "attributes: cash revenue costs debt equity shares price growth valuation "
                     "margin layer");
}

void eval_entity(Eval *ev, Query *q, const Stmt *s)
{
    Sym name = s->u.entity.name;
    EntId id = eval_entity_ref(ev, q, name, s->u.entity.name_span);
    if (id == ENT_NONE)
        return;
    Entity *e = world_entity_mut(q->w, id);
    if (!e->declared)
        e->span = s->u.entity.name_span;
    e->declared = true;
    e->kind = s->u.entity.kind;
    if (s->u.entity.display)
        e->display = s->u.entity.display;
    YearlyAttrs ya = {0};
    eval_yearly_replace_revenue(ev, q, id, s);
    for (int i = 0; i < s->u.entity.nattrs; i++)
        set_attr(ev, q, id, &s->u.entity.attrs[i], &ya);
    eval_yearly_finish(ev, q, id, &ya);
    eval_changed(q);
}

/* The USD/GW of `price X VALUE`; false after reporting why it is not one. */
static bool vendor_price(Eval *ev, Query *q, const Expr *e, double *out)
{
    Value v = eval_expr(ev, q, e);
    if (v.kind == V_NULL)
        return eval_no_value(ev, e, v);
    if (v.kind != V_NUM || !dim_eq(v.dim, DIM_USD_PER_GW)) {
        char buf[64];
        diag_error(ev->d, e->span, "a vendor price is USD per GW");
        if (v.kind == V_NUM && (dim_eq(v.dim, DIM_USD) || dim_is_none(v.dim)))
            diag_hint(ev->d, "write %s/GW", usd_text(v.num, buf, sizeof buf));
        return false;
    }
    if (!(v.num > 0)) {   /* 0 would read as "no price" */
        diag_error(ev->d, e->span, "a vendor price must be more than 0");
        return false;
    }
    *out = v.num;
    return true;
}

void eval_price(Eval *ev, Query *q, const Stmt *s)
{
    EntId id = eval_entity_ref(ev, q, s->u.price.name, s->u.price.name_span);
    if (id == ENT_NONE)
        return;
    double p = 0;
    if (!vendor_price(ev, q, s->u.price.value, &p)) {
        q->no_price = vec_grow(q->no_price, &q->capno_price, q->nno_price + 1,
                               sizeof *q->no_price);
        q->no_price[q->nno_price++] = s->u.price.name;
        return;
    }
    world_entity_mut(q->w, id)->gw_price = p;
    eval_changed(q);
}

bool eval_price_failed(const Eval *ev, const Query *q, Sym name)
{
    for (size_t i = 0; i < q->nno_price; i++)
        if (q->no_price[i] == name)
            return true;
    return q != &ev->base && eval_price_failed(ev, &ev->base, name);
}

bool eval_date(Eval *ev, Query *q, const Expr *e, int32_t *months)
{
    Value v = eval_expr(ev, q, e);
    if (v.kind == V_DATE && fabs(v.num) < 1e6) {
        *months = (int32_t)lround(v.num);
        return true;
    }
    if (v.kind == V_NUM && dim_is_none(v.dim) && !(v.flags & (VF_PCT | VF_SCALED)) &&
        v.num == floor(v.num) && v.num >= 1 && v.num <= 9999) {
        *months = (int32_t)v.num * 12;
        return true;
    }
    if (v.kind == V_NULL)
        return eval_no_value(ev, e, v);
    diag_error(ev->d, e->span, "expected a date");
    diag_hint(ev->d, "write a year (2027), a quarter (2026Q3), a month (2026-09) or a day");
    return false;
}

void eval_asof(Eval *ev, Query *q, const Stmt *s)
{
    int32_t m;
    if (eval_date(ev, q, s->u.asof.date, &m) &&
        eval_years_fit_asof(ev, q, m, s->u.asof.date->span)) {
        world_set_asof(q->w, m);
        eval_changed(q);
    }
}

LetSlot *eval_let_slot_new(Eval *ev, Query *q, const Stmt *s)
{
    Sym name = s->u.let.name;
    const char *nm = sym_str(ev->in, name);
    LetSlot *old = let_slot(ev, name);
    if (old) {
        diag_error(ev->d, s->u.let.name_span, "'%s' is already defined", nm);
        diag_note(ev->d, old->span, "first defined here");
        return NULL;
    }
    EntId ent = world_find(q->w, name);
    if (ent != ENT_NONE) {
        diag_error(ev->d, s->u.let.name_span, "'%s' is an entity; a let cannot take its name", nm);
        diag_note(ev->d, world_entity(q->w, ent)->span, "'%s' is declared or used here", nm);
        return NULL;
    }
    if (name >= ev->caplets) {
        size_t old_cap = ev->caplets;
        ev->lets = vec_grow(ev->lets, &ev->caplets, (size_t)name + 1, sizeof *ev->lets);
        memset(ev->lets + old_cap, 0, (ev->caplets - old_cap) * sizeof *ev->lets);
    }
    ev->lets[name] = (LetSlot){.set = true, .span = s->u.let.name_span};
    return &ev->lets[name];
}

void eval_let(Eval *ev, Query *q, const Stmt *s)
{
    if (s->u.let.random) {
        eval_let_random(ev, q, s);
        return;
    }
    uint64_t reads = ev->random_reads;
    Value v = eval_expr(ev, q, s->u.let.value);
    LetSlot *l = eval_let_slot_new(ev, q, s);
    if (!l)
        return;
    /* A let whose value failed is still bound (to null), so its uses do not cascade. */
    l->v = v;
    if (ev->random_reads != reads) {   /* computed from a draw: computed again per sample */
        l->kind = LET_DERIVED;
        l->expr = s->u.let.value;
        l->gen = ev->draw ? ev->draw_gen : 0;
        l->drawn = v;
    }
}

/* Remove a let again (a what-if body's lets end with the body). */
void eval_unlet(Eval *ev, Sym name)
{
    if (name < ev->caplets)
        ev->lets[name].set = false;
}

bool eval_let_value(Eval *ev, Sym name, Value *out)
{
    LetSlot *l = let_slot(ev, name);
    if (!l)
        return false;
    *out = l->kind == LET_VALUE ? l->v : eval_random_read(ev, name);
    return true;
}

bool eval_let_is_random(const Eval *ev, Sym name)
{
    return name < ev->caplets && ev->lets[name].set && ev->lets[name].kind != LET_VALUE;
}
