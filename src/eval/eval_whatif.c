/* eval_whatif.c - `scenario` blocks and `what if`: fork the world, turn the shocks into the
 * stress engine's Shock list, apply and clear, then answer the body on the fork.
 *
 * The base world is never changed: every shock, deal and
 * declaration of a scenario goes to a fork (world.h overlays), and lets made inside a
 * scenario or a what-if body end with it. */
#include "eval_int.h"
#include "figures.h"
#include "stress.h"
#include "stress_show.h"
#include <stdlib.h>
#include <string.h>

struct WhatIf {
    Query q;                  /* the fork and its engine cache */
    StressParams params;
    StressResult *res;        /* NULL until a question needs the clearing */
    const char *scenario_name;
    Sym *lets;                /* lets made inside: removed at the end */
    size_t nlets, caplets;
};

struct EvalScenario {
    Eval *ev;
    WhatIf *wi;
    const char *desc;   /* the scenario's quoted description, or NULL */
    bool random;        /* applying it read a random let */
};

/* ---- scenario declarations ---- */

static const Scenario *find_scenario(const Eval *ev, Sym name)
{
    return name < ev->capscen_idx && ev->scen_idx[name] ? &ev->scen[ev->scen_idx[name] - 1] : NULL;
}

/* A label a block's own deal defines, and where in the block. */
typedef struct OwnLabel {
    Sym label;
    size_t at;
} OwnLabel;

static int cmp_own_label(const void *a, const void *b)
{
    const OwnLabel *x = a, *y = b;
    return (x->label > y->label) - (x->label < y->label);
}

static int cmp_own(const void *a, const void *b)
{
    const OwnLabel *x = a, *y = b;
    int c = cmp_own_label(a, b);
    return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Labels a shock list cancels are checked once the whole input is read, except those a deal
 * earlier in the same block defines (the fork has them by the time `cancel` runs). */
static void record_refs(Eval *ev, const StmtList *l)
{
    OwnLabel *own = NULL;
    size_t n = 0, cap = 0, at = 0;
    for (const Stmt *s = l->first; s; s = s->next, at++)
        if (s->kind == ST_DEAL && s->u.deal.label != SYM_NONE) {
            own = vec_grow(own, &cap, n + 1, sizeof *own);
            own[n++] = (OwnLabel){s->u.deal.label, at};
        }
    if (n)
        qsort(own, n, sizeof *own, cmp_own);
    at = 0;
    for (const Stmt *s = l->first; s; s = s->next, at++) {
        if (s->kind != ST_CANCEL)
            continue;
        OwnLabel key = {s->u.cancel.label, 0};
        const OwnLabel *first = n ? bsearch(&key, own, n, sizeof *own, cmp_own_label) : NULL;
        /* bsearch may land on any entry of the label: step back to its first definition */
        while (first && first > own && first[-1].label == key.label)
            first--;
        if (first && first->at < at)
            continue;
        ev->refs = vec_grow(ev->refs, &ev->caprefs, ev->nrefs + 1, sizeof *ev->refs);
        ev->refs[ev->nrefs++] = (LabelRef){s->u.cancel.label, s->u.cancel.label_span};
    }
    free(own);
}

void eval_scenario_decl(Eval *ev, const Stmt *s)
{
    Sym name = s->u.scenario.name;
    const Scenario *old = find_scenario(ev, name);
    if (old) {
        diag_error(ev->d, s->u.scenario.name_span, "duplicate scenario '%s'", sym_str(ev->in, name));
        diag_note(ev->d, old->span, "'%s' is first defined here", sym_str(ev->in, name));
        return;
    }
    ev->scen = vec_grow(ev->scen, &ev->capscen, ev->nscen + 1, sizeof *ev->scen);
    ev->scen[ev->nscen++] = (Scenario){name, s->u.scenario.name_span, s->u.scenario.desc,
                                       &s->u.scenario.body, false, false};
    if (name >= ev->capscen_idx) {
        size_t o = ev->capscen_idx;
        ev->scen_idx = vec_grow(ev->scen_idx, &ev->capscen_idx, (size_t)name + 1, sizeof *ev->scen_idx);
        memset(ev->scen_idx + o, 0, (ev->capscen_idx - o) * sizeof *ev->scen_idx);
    }
    ev->scen_idx[name] = (uint32_t)ev->nscen;
    record_refs(ev, &s->u.scenario.body);
}

void eval_check_refs(Eval *ev)
{
    for (size_t i = ev->refs_checked; i < ev->nrefs; i++)
        if (world_find_label(ev->base.w, ev->refs[i].label) == DEAL_NONE &&
            !eval_label_bad(ev, ev->refs[i].label))
            diag_error(ev->d, ev->refs[i].span, "unknown deal label '%s'",
                       sym_str(ev->in, ev->refs[i].label));
    ev->refs_checked = ev->nrefs;
}

/* ---- shocks ---- */

/* Shocks are applied to the fork as they are read, so a later statement of the block
 * (`shock payments of x` after a deal the block adds) sees the earlier ones. */
static void add_shock(WhatIf *wi, Shock sh)
{
    stress_apply_one(wi->q.w, &sh, &wi->params);
    eval_changed(&wi->q);
}

/* A percentage parameter (`set recovery 60%`, `by -50%`), as a fraction. */
static bool fraction(Eval *ev, Query *q, const Expr *e, const char *what, double *out)
{
    return eval_expect(ev, q, e, DIM_NONE, what, out);
}

static void set_param(Eval *ev, WhatIf *wi, const Stmt *s)
{
    const char *p = sym_str(ev->in, s->u.set.param);
    int k = shock_setting(p);
    double x;
    if (k == SH_DEBTRANK) {
        const char *w = s->u.set.word ? sym_str(ev->in, s->u.set.word) : "";
        if (!strcmp(w, "original") || !strcmp(w, "differential"))
            add_shock(wi, (Shock){.kind = SH_DEBTRANK, .ent = ENT_NONE, .deal = DEAL_NONE,
                                  .x = !strcmp(w, "original") ? DR_ORIGINAL : DR_DIFFERENTIAL});
        else
            diag_error(ev->d, s->span, "set debtrank takes `original` or `differential`");
        return;
    }
    if (k < 0) {
#define SETTING_WORD(e, word, value) " " word
        diag_error(ev->d, s->u.set.param_span, "unknown parameter '%s'", p);
        diag_hint(ev->d, "parameters:" DG_SHOCK_SETTINGS(SETTING_WORD));
#undef SETTING_WORD
        return;
    }
    if (!s->u.set.value || !fraction(ev, &wi->q, s->u.set.value, p, &x))
        return;
    if (ev->draw)   /* a drawn share is held to 0%..100% */
        x = x < 0 ? 0 : x > 1 ? 1 : x;
    if (x < 0 || x > 1) {
        diag_error(ev->d, s->u.set.value->span, "%s is a share between 0%% and 100%%", p);
        return;
    }
    add_shock(wi, (Shock){.kind = (ShockOp)k, .ent = ENT_NONE, .deal = DEAL_NONE, .x = x});
}

/* A number written with no '%' (`by 40`, `by -0.5`), in *x: as a fraction 40 is +4000%,
 * which is almost never what was meant, so a literal shock is written as a percentage. */
static bool bare_number(const Expr *e, double *x)
{
    double sign = 1;
    if (e->kind == EX_UNARY && e->u.unary.op == OP_NEG)
        e = e->u.unary.x, sign = -1;
    if (e->kind != EX_NUM || e->u.lit.kind != V_NUM || !dim_is_none(e->u.lit.dim) ||
        (e->u.lit.flags & VF_PCT) || e->u.lit.num == 0)
        return false;
    *x = sign * e->u.lit.num;
    return true;
}

static void shock_of(Eval *ev, WhatIf *wi, const Stmt *s)
{
    bool all = s->u.shock.what == SH_DEMAND;   /* every market: no entity named */
    EntId id = all ? ENT_NONE
                   : eval_entity_known(ev, &wi->q, s->u.shock.name, s->u.shock.name_span);
    double by;
    if (bare_number(s->u.shock.by, &by)) {
        char a[32], b[32];
        diag_error(ev->d, s->u.shock.by->span, "a shock is a percentage");
        diag_hint(ev->d, "write %s%%: without '%%' a shock is a fraction, and %s is %s%%",
                  plain_text(by, a, sizeof a), a, plain_text(by * 100, b, sizeof b));
        return;
    }
    if ((!all && id == ENT_NONE) || !fraction(ev, &wi->q, s->u.shock.by, "a shock", &by))
        return;
    if (by < -1 && !ev->draw) {   /* a draw past -100% cuts by 100% (the engine's floor) */
        diag_error(ev->d, s->u.shock.by->span, "a shock cannot cut by more than 100%%");
        return;
    }
    add_shock(wi, (Shock){.kind = s->u.shock.what, .ent = id, .deal = DEAL_NONE, .x = by});
}

/* `X defaults [in YEAR]`: the year must be one of the model's (docs/STRESS.md "Years"),
 * as the world stands when the shock is read. */
static void defaults_stmt(Eval *ev, WhatIf *wi, const Stmt *s)
{
    EntId id = eval_entity_known(ev, &wi->q, s->u.defaults.name, s->u.defaults.name_span);
    int32_t year = 0;
    const Expr *y = s->u.defaults.year;
    if (id == ENT_NONE || (y && !eval_year(ev, &wi->q, y, &year)))
        return;
    Horizon h = horizon_of(wi->q.w);
    if (y && !h.dated) {
        diag_error(ev->d, y->span, "a default in a year needs a model with years");
        diag_hint(ev->d, "this script has no dates, so its model is one period: write `%s "
                  "defaults`, or date it (as of 2025)", sym_str(ev->in, s->u.defaults.name));
        return;
    }
    if (y && (year < h.first || year > h.last)) {
        diag_error(ev->d, y->span, "%d is not a year of the model, which runs from %d to %d",
                   (int)year, h.first, h.last);
        return;
    }
    add_shock(wi, (Shock){.kind = SH_DEFAULT, .ent = id, .deal = DEAL_NONE, .x = year});
}

/* One statement of a scenario block or an inline what-if block. */
static void shock_stmt(Eval *ev, WhatIf *wi, const Stmt *s)
{
    switch (s->kind) {
    case ST_DEFAULTS: defaults_stmt(ev, wi, s); return;
    case ST_SHOCK: shock_of(ev, wi, s); return;
    case ST_CANCEL: {
        DealId d = world_find_label(wi->q.w, s->u.cancel.label);
        if (d != DEAL_NONE)  /* unknown labels are reported once, at the end of the input */
            add_shock(wi, (Shock){.kind = SH_CANCEL, .ent = ENT_NONE, .deal = d});
        return;
    }
    case ST_DROP:
        add_shock(wi, (Shock){.kind = SH_DROP_NONBINDING, .ent = ENT_NONE, .deal = DEAL_NONE});
        return;
    case ST_SET: set_param(ev, wi, s); return;
    case ST_LET: {
        Value old;
        bool taken = eval_let_value(ev, s->u.let.name, &old);
        eval_let(ev, &wi->q, s);
        if (taken)  /* the let failed: the name is not ours to remove */
            return;
        wi->lets = vec_grow(wi->lets, &wi->caplets, wi->nlets + 1, sizeof *wi->lets);
        wi->lets[wi->nlets++] = s->u.let.name;
        return;
    }
    case ST_ENTITY: case ST_PRICE: case ST_DEAL:
        eval_stmt(ev, &wi->q, s);
        return;
    default:
        diag_error(ev->d, s->span, "a scenario holds shocks, declarations, deals and lets");
        diag_hint(ev->d, "put show and assert in the body: what if NAME { show defaults }");
    }
}

void eval_shock_stmt(Eval *ev, Query *q, const Stmt *s)
{
    (void)q;
    diag_error(ev->d, s->span, "a shock belongs in a scenario or a what-if block");
    diag_hint(ev->d, "scenario NAME { ... } or what if { ... } { show defaults }");
}

/* ---- running a what-if ---- */

static WhatIf *whatif_new(Eval *ev, Query *base)
{
    WhatIf *wi = xcalloc(1, sizeof *wi);
    wi->q.w = world_fork(base->w);
    wi->q.base = base->w;
    wi->q.whatif = wi;
    stress_params_init(&wi->params);
    wi->params.cancel = ev->opt->cancel;   /* Ctrl-C stops a long clearing too */
    wi->params.cancel_ud = ev->opt->cancel_ud;
    return wi;
}

static void whatif_free(Eval *ev, WhatIf *wi)
{
    if (!wi)
        return;
    for (size_t i = 0; i < wi->nlets; i++)
        eval_unlet(ev, wi->lets[i]);
    query_release(&wi->q);
    stress_free(wi->res);
    stress_params_free(&wi->params);
    world_free(wi->q.w);
    free(wi->lets);
    free(wi);
}

/* Clearing is the expensive part of a what-if: run it only when a question needs it. */
static StressResult *whatif_result(WhatIf *wi)
{
    if (!wi->res) {
        wi->res = stress_run(wi->q.w, wi->q.base, &wi->params);
        wi->res->scenario = wi->scenario_name;
    }
    return wi->res;
}

/* Apply a shock block to the fork. A scenario's mistakes are reported the first time it
 * runs only: a scenario asked about in five what-ifs is still one mistake. */
static void apply_block(Eval *ev, WhatIf *wi, const Scenario *sc, const StmtList *shocks)
{
    size_t nd = ev->d->n, ne = ev->d->nerrors;
    for (const Stmt *x = shocks->first; x; x = x->next)
        shock_stmt(ev, wi, x);
    if (!sc)
        return;
    Scenario *m = &ev->scen[sc - ev->scen];
    m->failed |= ev->d->nerrors > ne;
    if (m->ran && ev->d->nerrors > ne)
        diags_truncate(ev->d, nd);
    m->ran = true;
}

void eval_check_scenarios(Eval *ev)
{
    for (size_t i = 0; i < ev->nscen; i++) {
        if (ev->scen[i].ran)
            continue;
        WhatIf *wi = whatif_new(ev, &ev->base);
        apply_block(ev, wi, &ev->scen[i], ev->scen[i].body);
        whatif_free(ev, wi);
    }
}

const Scenario *eval_lookup_scenario(Eval *ev, Sym name, Span sp)
{
    const Scenario *sc = find_scenario(ev, name);
    if (sc)
        return sc;
    const char **names = xcalloc(ev->nscen + 1, sizeof *names);
    for (size_t i = 0; i < ev->nscen; i++)
        names[i] = sym_str(ev->in, ev->scen[i].name);
    const char *near = eval_closest(sym_str(ev->in, name), names, ev->nscen);
    diag_error(ev->d, sp, "unknown scenario '%s'", sym_str(ev->in, name));
    if (near) {
        diag_hint(ev->d, "did you mean '%s'?", near);
    } else if (ev->nscen) {
        size_t len = 1;
        for (size_t i = 0; i < ev->nscen; i++)
            len += strlen(names[i]) + 2;
        char *list = xcalloc(len, 1);
        for (size_t i = 0; i < ev->nscen; i++)
            strcat(strcat(list, i ? ", " : ""), names[i]);
        diag_hint(ev->d, "scenarios: %s", list);
        free(list);
    } else {
        diag_hint(ev->d, "define it first: scenario %s { ... }", sym_str(ev->in, name));
    }
    free(names);
    return NULL;
}

static void body_stmt(Eval *ev, WhatIf *wi, const Stmt *s)
{
    switch (s->kind) {
    case ST_SHOW: case ST_ASSERT: case ST_EXPR:
        eval_stmt(ev, &wi->q, s);
        return;
    case ST_LET:
        shock_stmt(ev, wi, s);
        return;
    default:
        diag_error(ev->d, s->span, "a what-if body holds show, assert and let");
        diag_hint(ev->d, "put shocks in the scenario or in the first block: what if { ... } { ... }");
    }
}

void eval_whatif(Eval *ev, Query *q, const Stmt *s)
{
    const Scenario *sc = NULL;
    if (s->u.whatif.scenario != SYM_NONE &&
        !(sc = eval_lookup_scenario(ev, s->u.whatif.scenario, s->u.whatif.scenario_span)))
        return;
    if (!sc)
        record_refs(ev, &s->u.whatif.shocks);
    ev->showed |= !ev->muted;
    WhatIf *wi = whatif_new(ev, q);
    wi->q.scenario = sc ? sc->name : SYM_NONE;
    const StmtList *shocks = sc ? sc->body : &s->u.whatif.shocks;
    apply_block(ev, wi, sc, shocks);
    wi->scenario_name = sc ? sym_str(ev->in, sc->name) : "what if";
    if (!s->u.whatif.body.first && !eval_quiet(ev) && !whatif_result(wi)->cancelled) {
        stress_show_defaults(ev->out, whatif_result(wi), wi->q.w);
        stress_show_losses(ev->out, whatif_result(wi), wi->q.w);
    }
    for (const Stmt *x = s->u.whatif.body.first; x; x = x->next)
        body_stmt(ev, wi, x);
    whatif_free(ev, wi);
}

bool eval_scenario_apply(Eval *ev, Query *base, const Scenario *sc, World **w, StressParams *p)
{
    size_t errs = ev->d->nerrors;
    WhatIf *wi = whatif_new(ev, base);
    wi->q.scenario = sc->name;
    if (ev->draw) {   /* a sample: a mistake a draw made is its own, reported every time */
        for (const Stmt *x = sc->body->first; x; x = x->next)
            shock_stmt(ev, wi, x);
    } else {
        apply_block(ev, wi, sc, sc->body);
    }
    bool ok = ev->d->nerrors == errs && !sc->failed;
    query_release(&wi->q);   /* an engine the block built is of no use to the caller */
    *w = ok ? wi->q.w : NULL;
    if (!ok)
        world_free(wi->q.w);
    wi->q.w = NULL;
    *p = wi->params;         /* the caller's now, in either case */
    wi->params = (StressParams){0};
    whatif_free(ev, wi);
    return ok;
}

/* A clearing that Ctrl-C stopped answers nothing (the statement reports the interruption). */
Value whatif_figure(WhatIf *wi, StressFig f, EntId v)
{
    const StressResult *r = whatif_result(wi);
    return r->cancelled ? value_null() : stress_figure(r, f, v);
}

void whatif_show(WhatIf *wi, FILE *out, ShowTopic t, EntId v)
{
    const StressResult *r = whatif_result(wi);
    if (!r->cancelled)
        stress_show_topic(out, r, wi->q.w, t, v);
}

/* ---- scenarios for report, diff and pictures ---- */

EvalScenario *eval_scenario(Eval *ev, const char *name)
{
    Sym sym = intern_cstr(ev->in, name);
    const Scenario *sc = eval_lookup_scenario(ev, sym, (Span){0, 0, 0});
    if (!sc)
        return NULL;
    EvalScenario *es = xcalloc(1, sizeof *es);
    es->ev = ev;
    es->wi = whatif_new(ev, &ev->base);
    es->wi->q.scenario = sym;
    es->desc = sc->desc;
    uint64_t reads = ev->random_reads;
    apply_block(ev, es->wi, sc, sc->body);
    es->random = ev->random_reads != reads;
    es->wi->scenario_name = sym_str(ev->in, sym);
    whatif_result(es->wi);
    return es;
}

void eval_scenario_free(EvalScenario *s)
{
    if (!s)
        return;
    whatif_free(s->ev, s->wi);
    free(s);
}

World *eval_scenario_world(EvalScenario *s) { return s->wi->q.w; }
void *eval_scenario_stress(EvalScenario *s) { return s->wi->res; }
const char *eval_scenario_desc(const EvalScenario *s) { return s->desc; }
bool eval_scenario_random(const EvalScenario *s) { return s->random; }
const struct StressParams *eval_scenario_params(const EvalScenario *s) { return &s->wi->params; }

void eval_each_name(Eval *ev, void (*fn)(const char *name, void *ud), void *ud)
{
    World *w = ev->base.w;
    for (EntId i = 0; i < world_n_entities(w); i++)
        fn(world_name(w, i), ud);
    for (DealId i = 0; i < world_n_deals(w); i++) {
        Deal d;
        if (world_deal(w, i, &d) && d.label != SYM_NONE)
            fn(sym_str(ev->in, d.label), ud);
    }
    for (size_t i = 0; i < ev->nscen; i++)
        fn(sym_str(ev->in, ev->scen[i].name), ud);
    for (Sym s = 0; s < ev->caplets; s++)
        if (ev->lets[s].set)
            fn(sym_str(ev->in, s), ud);
}

const StressParams *eval_stress_params(Query *q)
{
    static const StressParams none = {.alpha = 1, .beta = 1, .debtrank = DR_DIFFERENTIAL};
    return q->whatif ? &q->whatif->params : &none;
}

void eval_each_scenario(Eval *ev, void (*fn)(const char *name, void *ud), void *ud)
{
    for (size_t i = 0; i < ev->nscen; i++)
        fn(sym_str(ev->in, ev->scen[i].name), ud);
}
