/* parse_stmt.c - AST construction for deals, questions and what-if statements. */
#include "parse_build.h"
#include <stdio.h>
#include <string.h>

static const char *const OPT_WORDS[OPT_COUNT] = {"over", "from", "at", "due", "nonbinding",
                                                "source", "vesting with"};

Stmt *pb_core(ParseCtx *pc, Verb verb, Sym payer, Span psp, Expr *amount, Sym payee, Span qsp)
{
    Stmt *s = ast_stmt(pc->arena, ST_DEAL, span_join(psp, qsp));
    s->u.deal.verb = verb;
    s->u.deal.payer = payer;
    s->u.deal.payer_span = psp;
    s->u.deal.payee = payee;
    s->u.deal.payee_span = qsp;
    s->u.deal.amount = amount;
    if (amount && amount->kind == EX_STR) {
        pb_error(pc, amount->span, "expected an amount after '%s', found string \"%.40s\"",
                 verb_name(verb), amount->u.lit.str);
        diag_hint(pc->d, "write the amount as a number: 100B, $1.5T, 10GW, 13B/y");
    }
    return s;
}

Stmt *pb_core_path(ParseCtx *pc, Verb verb, Sym payer, Span psp, const Amount *a, Sym payee,
                   Span qsp)
{
    Stmt *s = pb_core(pc, verb, payer, psp, a->value, payee, qsp);
    s->u.deal.path = a->pts;
    s->u.deal.npath = a->npts;
    return s;
}

Stmt *pb_core_covers(ParseCtx *pc, Sym guarantor, Span gsp, Sym label, Span lsp, Expr *cap,
                     Span sp)
{
    Stmt *s = pb_core(pc, VERB_GUARANTEES, guarantor, gsp, cap, SYM_NONE, lsp);
    s->span = sp;
    s->u.deal.covers = label;
    s->u.deal.covers_span = lsp;
    return s;
}

/* `A commits X credit to B`: `credit` is a word the builder checks, not a keyword, so it
 * stays usable as a name. word is SYM_NONE when the sentence has none (`commits X to B`). */
Stmt *pb_core_credit(ParseCtx *pc, Sym lender, Span lsp, Expr *limit, Sym word, Span wsp,
                     Sym borrower, Span bsp)
{
    Stmt *s = pb_core(pc, VERB_COMMITS, lender, lsp, limit, borrower, bsp);
    if (word != SYM_NONE && strcmp(sym_str(pc->in, word), "credit") == 0)
        return s;
    if (word == SYM_NONE && limit && limit->kind == EX_NAME &&
        strcmp(sym_str(pc->in, limit->u.name), "credit") == 0)
        pb_error(pc, limit->span, "expected the amount a facility commits before `credit`");
    else if (word == SYM_NONE)
        pb_error(pc, wsp, "expected `credit` after the amount a facility commits");
    else
        pb_error(pc, wsp, "expected `credit` after the amount a facility commits, found '%s'",
                 sym_str(pc->in, word));
    diag_hint(pc->d, "a credit facility reads `A commits 2B credit to B [over 3y] [from 2000] "
                     "[due 2004] [at 8%%]`");
    return s;
}

/* Record an option once; a repeat is an error at the repeated keyword. */
static bool take(ParseCtx *pc, DealOpts *o, int which, Span kw)
{
    if (o->seen & (1u << which)) {
        pb_error(pc, kw, "'%s' given twice in one deal", OPT_WORDS[which]);
        diag_hint(pc->d, "each deal option may appear at most once");
        return false;
    }
    o->seen |= 1u << which;
    return true;
}

void pb_opt(ParseCtx *pc, DealOpts *o, int which, Expr *e, Span kw)
{
    if (!take(pc, o, which, kw))
        return;
    switch (which) {
    case OPT_OVER: o->over = e; break;
    case OPT_FROM: o->from = e; break;
    case OPT_AT: o->at = e; break;
    case OPT_DUE: o->due = e; break;
    case OPT_NONBINDING: o->nonbinding = true; break;
    default: break;
    }
}

void pb_opt_source(ParseCtx *pc, DealOpts *o, const char *text, Span kw)
{
    if (take(pc, o, OPT_SOURCE, kw))
        o->source = text;
}

void pb_opt_vesting(ParseCtx *pc, DealOpts *o, Sym label, Span lsp, Span kw)
{
    if (take(pc, o, OPT_VESTING, kw)) {
        o->vesting = label;
        o->vesting_span = lsp;
    }
}

Stmt *pb_deal(ParseCtx *pc, Stmt *core, DealOpts *o, Sym label, Span lsp, Span sp)
{
    core->span = sp;
    core->u.deal.label = label;
    core->u.deal.label_span = label ? lsp : (Span){0, 0, 0};
    core->u.deal.over = o->over;
    core->u.deal.from = o->from;
    core->u.deal.at = o->at;
    core->u.deal.due = o->due;
    core->u.deal.nonbinding = o->nonbinding;
    core->u.deal.source = o->source;
    core->u.deal.vesting = o->vesting;
    core->u.deal.vesting_span = o->vesting_span;
    if (o->vesting && core->u.deal.verb != VERB_GRANTS) {
        pb_error(pc, o->vesting_span, "only a grant of shares vests ('vesting with' after '%s')",
                 verb_name(core->u.deal.verb));
    }
    return core;
}

/* ---- questions ---- */

Stmt *pb_show_expr(ParseCtx *pc, Expr *e, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_SHOW, sp);
    if (e->kind == EX_NAME) {   /* `show NAME`: a topic, an entity or a let, by context */
        s->u.show.topic = e->u.name;
        s->u.show.topic_span = e->span;
    } else {
        s->u.show.expr = e;
    }
    return s;
}

Stmt *pb_show(ParseCtx *pc, Sym topic, Span tsp, Sym of, Span osp, Sym to, Span tosp, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_SHOW, sp);
    s->u.show.topic = topic;
    s->u.show.topic_span = tsp;
    s->u.show.of = of;
    s->u.show.of_span = of ? osp : (Span){0, 0, 0};
    s->u.show.to = to;
    s->u.show.to_span = to ? tosp : (Span){0, 0, 0};
    return s;
}

Stmt *pb_show_words(ParseCtx *pc, Sym a, Span asp, Sym b, Span bsp, Span sp)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s %s", sym_str(pc->in, a), sym_str(pc->in, b));
    return pb_show(pc, intern_cstr(pc->in, buf), span_join(asp, bsp), SYM_NONE, asp, SYM_NONE,
                   asp, sp);
}

Expr *pb_ref(ParseCtx *pc, Sym what, Span wsp, Sym of, Span osp, Span sp)
{
    Expr *e = ast_expr(pc->arena, EX_REF, sp);
    e->u.ref.what = what;
    e->u.ref.of = of;
    e->u.ref.what_span = wsp;
    e->u.ref.of_span = osp;
    return e;
}

Stmt *pb_show_at(ParseCtx *pc, Stmt *s, ExprVec *at)
{
    (void)pc;
    if (s) {
        s->u.show.at = at->v;
        s->u.show.nat = at->n;
    }
    return s;
}

/* ---- what-if ---- */

Stmt *pb_scenario(ParseCtx *pc, Sym name, Span nsp, const char *desc, StmtList body, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_SCENARIO, sp);
    s->u.scenario.name = name;
    s->u.scenario.name_span = nsp;
    s->u.scenario.desc = desc;
    s->u.scenario.body = body;
    return s;
}

Stmt *pb_whatif(ParseCtx *pc, Sym name, Span nsp, StmtList *shocks, StmtList *body, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_WHATIF, sp);
    s->u.whatif.scenario = name;
    s->u.whatif.scenario_span = name ? nsp : (Span){0, 0, 0};
    if (shocks)
        s->u.whatif.shocks = *shocks;
    s->u.whatif.body = *body;
    return s;
}

Stmt *pb_defaults(ParseCtx *pc, Sym name, Span nsp, Expr *year, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_DEFAULTS, sp);
    s->u.defaults.name = name;
    s->u.defaults.name_span = nsp;
    s->u.defaults.year = year;
    return s;
}

Stmt *pb_shock(ParseCtx *pc, Sym what, Span wsp, Sym name, Span nsp, Expr *by, Span sp)
{
    const char *w = sym_str(pc->in, what);
    int k = shock_target(w);
    if (k < 0) {
        char list[128];   /* kinds.h's targets: "demand, payments, revenue, price or cash" */
        size_t o = 0;
        for (int i = 0; i < SH_N_TARGETS && o < sizeof list; i++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                                  !i ? "" : i == SH_N_TARGETS - 1 ? " or " : ", ",
                                  shock_name((ShockOp)i));
        pb_error(pc, wsp, "unknown shock '%s'", w);
        diag_hint(pc->d, "shock %s: `shock revenue of x by -30%%`, `shock demand by -40%%`", list);
        return NULL;
    }
    if (k == SH_DEMAND && name != SYM_NONE) {
        pb_error(pc, nsp, "`shock demand` takes no `of`: it cuts every market's payments");
        diag_hint(pc->d, "write `shock demand by -40%%`, or `shock payments of %s by -40%%`",
                  sym_str(pc->in, name));
        return NULL;
    }
    if (k != SH_DEMAND && name == SYM_NONE) {
        pb_error(pc, wsp, "`shock %s` needs `of X`", w);
        diag_hint(pc->d, "write `shock %s of x by -30%%`", w);
        return NULL;
    }
    Stmt *s = ast_stmt(pc->arena, ST_SHOCK, sp);
    s->u.shock.what = (ShockOp)k;
    s->u.shock.name = name;
    s->u.shock.name_span = nsp;
    s->u.shock.by = by;
    return s;
}

Stmt *pb_cancel(ParseCtx *pc, Sym label, Span lsp, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_CANCEL, sp);
    s->u.cancel.label = label;
    s->u.cancel.label_span = lsp;
    return s;
}

Stmt *pb_drop(ParseCtx *pc, Span sp) { return ast_stmt(pc->arena, ST_DROP, sp); }

/* `set debtrank original|differential` takes a word; the other parameters an expression.
 * The grammar reads both as `set NAME expr` (a word is a one-name expression). */
Stmt *pb_set(ParseCtx *pc, Sym param, Span psp, Expr *value, Span sp)
{
    const char *p = sym_str(pc->in, param);
    int k = shock_setting(p);
    if (k < 0) {
        /* kinds.h's settings: "set recovery P%, ..., set debtrank original|differential" */
#define SETTING_FORM(e, word, value) ", set " word " " value
        static const char forms[] = DG_SHOCK_SETTINGS(SETTING_FORM);
#undef SETTING_FORM
        pb_error(pc, psp, "unknown setting '%s'", p);
        diag_hint(pc->d, "%s", forms + 2);
        return NULL;
    }
    Stmt *s = ast_stmt(pc->arena, ST_SET, sp);
    s->u.set.param = param;
    s->u.set.param_span = psp;
    if (k != SH_DEBTRANK) {
        s->u.set.value = value;
        return s;
    }
    const char *w = value->kind == EX_NAME ? sym_str(pc->in, value->u.name) : "";
    if (strcmp(w, "original") != 0 && strcmp(w, "differential") != 0) {
        pb_error(pc, value->span, "set debtrank takes 'original' or 'differential'");
        return NULL;
    }
    s->u.set.word = value->u.name;
    return s;
}

/* ---- Monte Carlo ---- */

Stmt *pb_simulate(ParseCtx *pc, Sym name, Span nsp, Expr *samples, Sym times_w, Span tsp,
                  Sym seed_w, Span ssp, Expr *seed, StmtList *body, Span sp)
{
    if (times_w == SYM_NONE) {
        pb_error(pc, (Span){tsp.file, tsp.end, tsp.end},
                 "expected `times` after the number of samples");
        diag_hint(pc->d, "simulate NAME N times [seed S] { show default probabilities }");
        return NULL;
    }
    if (strcmp(sym_str(pc->in, times_w), "times") != 0) {
        pb_error(pc, tsp, "expected `times` after the number of samples, found '%s'",
                 sym_str(pc->in, times_w));
        diag_hint(pc->d, "simulate NAME N times [seed S] { show default probabilities }");
        return NULL;
    }
    if (seed_w != SYM_NONE && strcmp(sym_str(pc->in, seed_w), "seed") != 0) {
        pb_error(pc, ssp, "expected `seed` or a block after `times`, found '%s'",
                 sym_str(pc->in, seed_w));
        diag_hint(pc->d, "simulate NAME N times seed S { ... }");
        return NULL;
    }
    Stmt *s = ast_stmt(pc->arena, ST_SIMULATE, sp);
    s->u.simulate.scenario = name;
    s->u.simulate.scenario_span = nsp;
    s->u.simulate.samples = samples;
    s->u.simulate.seed = seed;
    s->u.simulate.body = *body;
    return s;
}
