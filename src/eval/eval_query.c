/* eval_query.c - the questions: `show`, `assert`, bare expressions and figure calls, answered
 * by the engine on the world as it stands at that statement.
 *
 * The Engine of a world is built lazily and kept until the
 * world changes (Query.version), so ten `show`s in a row build it once. */
#include "eval_int.h"
#include "figures.h"
#include "show.h"
#include "show_topic.h"
#include "strbuf.h"
#include "stress.h"
#include <stdlib.h>
#include <string.h>

struct EngineCache {
    Engine *eng;
};


Engine *eval_engine(Query *q)
{
    if (!q->cache)
        q->cache = xcalloc(1, sizeof *q->cache);
    if (!q->cache->eng || q->cache_version != q->version) {
        engine_free(q->cache->eng);
        q->cache->eng = engine_new(q->w);
        q->cache_version = q->version;
    }
    return q->cache->eng;
}

void query_release(Query *q)
{
    if (q->cache)
        engine_free(q->cache->eng);
    free(q->cache);
    q->cache = NULL;
    free(q->no_price);
    q->no_price = NULL;
    q->nno_price = q->capno_price = 0;
}

/* Entity arguments of a figure call: names of entities the world holds. */
static bool call_args(Eval *ev, Query *q, const Expr *e, const char *fn, EntId *ids)
{
    bool ok = true;
    for (int i = 0; i < e->u.call.nargs; i++) {
        const Expr *a = e->u.call.args[i];
        if (a->kind != EX_NAME) {
            diag_error(ev->d, a->span, "%s() takes entity names as arguments", fn);
            ok = false;
            continue;
        }
        ids[i] = eval_entity_known(ev, q, a->u.name, a->span);
        ok = ids[i] != ENT_NONE && ok;
    }
    return ok;
}

/* ---- the figures a script can call: the engine's (figlist.h), then the what-if ones ---- */

typedef struct EachFigure {
    EvalFigureFn fn;
    void *ud;
} EachFigure;

static void engine_figure(const char *name, int nargs, void *ud)
{
    EachFigure *each = ud;
    each->fn(name, nargs, false, each->ud);
}

void eval_each_figure(EvalFigureFn fn, void *ud)
{
    EachFigure each = {fn, ud};
    figure_each_listed(engine_figure, &each);
    for (int i = 0; i < WF__COUNT; i++)
        if (stress_figure_listed((StressFig)i))
            fn(stress_figure_name((StressFig)i), 1, true, ud);
}

/* The risk measures of eval_int.h, with what answers their calls and topics. */
typedef struct Risk {
    EvalRisk r;
    Value (*figure)(Eval *ev, Query *q, const Expr *e);
    void (*show)(Eval *ev, Query *q, const Stmt *s);
} Risk;

static const Risk RISKS[] = {
#define RISK(name, call, usage, figure, topic, topic_usage, show) \
    {{name, call, usage, topic, topic_usage}, figure, show},
    DG_RISK_MEASURES(RISK)
#undef RISK
};
#define N_RISKS (sizeof RISKS / sizeof *RISKS)

void eval_each_risk(void (*fn)(const EvalRisk *r, void *ud), void *ud)
{
    for (size_t i = 0; i < N_RISKS; i++)
        fn(&RISKS[i].r, ud);
    sim_each_figure(fn, ud);
}

/* The list as a hint says it ("in ... exposure(a,b) ... total_circulated(); in a what-if
 * also defaulted ...; risk measures breaking_point(x) ..."), and the names alone, for "did
 * you mean". */
typedef struct FigureList {
    StrBuf text;
    bool whatif;
    const char **names;
    size_t n, cap;
} FigureList;

static void list_figure(const char *name, int nargs, bool whatif, void *ud)
{
    FigureList *l = ud;
    if (whatif && !l->whatif)
        strbuf_str(&l->text, "; in a what-if also");
    l->whatif |= whatif;
    if (l->text.len)
        strbuf_str(&l->text, " ");
    strbuf_str(&l->text, name);
    strbuf_str(&l->text, nargs == 2 ? "(a,b)" : nargs == 0 ? "()" : "");
    l->names = vec_grow(l->names, &l->cap, l->n + 1, sizeof *l->names);
    l->names[l->n++] = name;
}

static void list_risk(const EvalRisk *r, void *ud)
{
    FigureList *l = ud;
    strbuf_str(&l->text, r == &RISKS[0].r ? "; risk measures " : " ");
    strbuf_str(&l->text, r->call);
    l->names = vec_grow(l->names, &l->cap, l->n + 1, sizeof *l->names);
    l->names[l->n++] = r->name;
}

static void unknown_function(Eval *ev, const Expr *e, const char *fn)
{
    diag_error(ev->d, e->u.call.fn_span, "unknown function '%s'", fn);
    FigureList l = {0};
    eval_each_figure(list_figure, &l);
    eval_each_risk(list_risk, &l);
    const char *near = eval_closest(fn, l.names, l.n);
    if (near)
        diag_hint(ev->d, "did you mean '%s'? figures: %s", near, l.text.s);
    else
        diag_hint(ev->d, "figures: %s", l.text.s);
    strbuf_free(&l.text);
    free(l.names);
}

Value eval_call(Eval *ev, Query *q, const Expr *e)
{
    const char *fn = sym_str(ev->in, e->u.call.fn);
    for (size_t i = 0; i < N_RISKS; i++)
        if (!strcmp(fn, RISKS[i].r.name))
            return RISKS[i].figure(ev, q, e);
    if (sim_is_figure(fn))
        return eval_sim_figure(ev, q, e);
    int nargs = e->u.call.nargs;
    FigRef f = figure_find(fn);
    int stress = f.nargs < 0 ? stress_figure_find(fn) : -1;
    int want = stress >= 0 ? 1 : f.nargs;
    if (want < 0) {
        unknown_function(ev, e, fn);
        return value_null();
    }
    if (nargs != want) {
        diag_error(ev->d, e->span, "%s() takes %d argument%s, not %d", fn, want,
                   want == 1 ? "" : "s", nargs);
        return value_null();
    }
    EntId ids[2] = {ENT_NONE, ENT_NONE};
    if (!call_args(ev, q, e, fn, ids))
        return value_null();
    if (stress >= 0) {
        if (!q->whatif) {
            diag_error(ev->d, e->u.call.fn_span, "%s() is defined only inside a what-if", fn);
            diag_hint(ev->d, "what if NAME { assert %s(...) }", fn);
            return value_null();
        }
        return whatif_figure(q->whatif, (StressFig)stress, ids[0]);
    }
    return figure_call(eval_engine(q), f, ids);
}

/* `show EXPR`: an entity name shows its card; anything else prints its value. */
static void show_expr(Eval *ev, Query *q, const Stmt *s)
{
    const Expr *x = s->u.show.expr;
    Value v;
    if (x->kind == EX_NAME && !eval_let_value(ev, x->u.name, &v) &&
        world_find(q->w, x->u.name) != ENT_NONE) {
        if (!eval_quiet(ev))
            show_entity(ev->out, eval_engine(q), world_find(q->w, x->u.name));
        return;
    }
    size_t errs = ev->d->nerrors;
    v = eval_expr(ev, q, x);
    if (ev->d->nerrors > errs)
        return;
    char buf[256], val[96];
    fprintf(ev->out, "%s = %s\n", eval_snippet(ev, x->span, buf, sizeof buf),
            value_text(v, val, sizeof val));
}

/* The topics with one of the flags of `group` (0: the base world's, with neither TF_WHATIF
 * nor TF_SIMULATE), in their order, `sep` between two. */
static void topic_words(StrBuf *b, unsigned group, const char *sep)
{
    bool first = true;
    for (int i = 0; i < TOPIC__COUNT; i++) {
        unsigned f = show_topic_flags((ShowTopic)i) & (TF_WHATIF | TF_SIMULATE);
        if (group ? !(f & group) : f != 0)
            continue;
        strbuf_str(b, first ? "" : sep);
        strbuf_str(b, show_topic_name((ShowTopic)i));
        first = false;
    }
}

/* `show sources a`: a topic about one entity with its `of` left out. Returns whether t is
 * that, with the hint. */
static bool of_left_out(Eval *ev, const char *t)
{
    const char *sp = strchr(t, ' ');
    char first[32];
    if (!sp || (size_t)(sp - t) >= sizeof first)
        return false;
    memcpy(first, t, (size_t)(sp - t));
    first[sp - t] = '\0';
    int k = show_topic_find(first);
    if (k < 0 || !(show_topic_flags((ShowTopic)k) & TF_OF))
        return false;
    diag_hint(ev->d, "a topic about one entity takes `of`: show %s of %s", first, sp + 1);
    return true;
}

static void unknown_topic(Eval *ev, Query *q, const Stmt *s, const char *t)
{
    size_t n = world_n_entities(q->w);
    const char **names = xcalloc(n + 1, sizeof *names);
    for (EntId i = 0; i < n; i++)
        names[i] = world_name(q->w, i);
    const char *topics[TOPIC__COUNT];
    for (int i = 0; i < TOPIC__COUNT; i++)
        topics[i] = show_topic_name((ShowTopic)i);
    const char *near = eval_closest(t, names, n);
    if (!near)
        near = eval_closest(t, topics, TOPIC__COUNT);
    diag_error(ev->d, s->u.show.topic_span, "nothing called '%s' to show", t);
    if (eval_scenario_hint(ev, s->u.show.topic, s->u.show.topic_span) || of_left_out(ev, t)) {
        ;
    } else if (near) {
        diag_hint(ev->d, "did you mean '%s'?", near);
    } else {
        StrBuf b = {0};
        topic_words(&b, 0, " ");
        strbuf_str(&b, " (");
        topic_words(&b, TF_WHATIF, " ");
        strbuf_str(&b, " in a what-if; ");
        topic_words(&b, TF_SIMULATE, ", ");   /* two-word topics among them */
        diag_hint(ev->d, "show an entity, or one of: %s in a simulate)", b.s);
        strbuf_free(&b);
    }
    free(names);
}

/* What show_topic would answer, without building anything: a quiet run (`check`) prints
 * nothing, so it only needs to know whether the `show` is well formed. */
static int quiet_topic(ShowTopic t, EntId a)
{
    unsigned flags = show_topic_flags(t);
    if (flags & (TF_WHATIF | TF_SIMULATE))
        return SHOW_NOT_MINE;
    return (flags & TF_OF) && a == ENT_NONE ? SHOW_NEEDS_ENTITY : SHOW_OK;
}

static void show_topic_stmt(Eval *ev, Query *q, const Stmt *s, ShowTopic topic)
{
    const char *t = show_topic_name(topic);
    EntId a = ENT_NONE, b = ENT_NONE;
    if (s->u.show.of != SYM_NONE)
        a = eval_entity_known(ev, q, s->u.show.of, s->u.show.of_span);
    if (s->u.show.to != SYM_NONE)
        b = eval_entity_known(ev, q, s->u.show.to, s->u.show.to_span);
    if ((s->u.show.of != SYM_NONE && a == ENT_NONE) || (s->u.show.to != SYM_NONE && b == ENT_NONE))
        return;
    if (q->whatif && topic == TOPIC_TIMELINE && a != ENT_NONE) {
        if (!eval_quiet(ev))   /* in a what-if: the stressed cash path */
            whatif_show(q->whatif, ev->out, topic, a);
        return;
    }
    int r = eval_quiet(ev) ? quiet_topic(topic, a)
                           : show_topic(ev->out, eval_engine(q), topic, a, b);
    if (r == SHOW_NOT_MINE) {
        if (!q->whatif) {
            diag_error(ev->d, s->u.show.topic_span, "show %s needs a what-if", t);
            diag_hint(ev->d, "what if NAME { show %s }", t);
            return;
        }
        if (!eval_quiet(ev))
            whatif_show(q->whatif, ev->out, topic, a);
    } else if (r == SHOW_NEEDS_ENTITY) {
        diag_error(ev->d, s->u.show.topic_span, "show %s needs an entity", t);
        diag_hint(ev->d, "write `show %s of NAME`", t);
    }
}

void eval_show(Eval *ev, Query *q, const Stmt *s)
{
    ev->showed |= !ev->muted;
    if (s->u.show.topic != SYM_NONE && eval_sim_show(ev, q, s))
        return;
    if (s->u.show.topic == SYM_NONE) {
        show_expr(ev, q, s);
        return;
    }
    const char *t = sym_str(ev->in, s->u.show.topic);
    int topic = show_topic_find(t);
    if (topic >= 0) {
        show_topic_stmt(ev, q, s, (ShowTopic)topic);
        return;
    }
    for (size_t i = 0; i < N_RISKS; i++)
        if (!strcmp(t, RISKS[i].r.topic)) {
            RISKS[i].show(ev, q, s);
            return;
        }
    EntId id = world_find(q->w, s->u.show.topic);
    Value v;
    if (eval_let_value(ev, s->u.show.topic, &v)) {
        char val[96];
        fprintf(ev->out, "%s = %s\n", t, value_text(v, val, sizeof val));
    } else if (id != ENT_NONE && s->u.show.of == SYM_NONE) {
        if (!eval_quiet(ev))
            show_entity(ev->out, eval_engine(q), id);
    } else {
        unknown_topic(ev, q, s, t);
    }
}

void eval_assert(Eval *ev, Query *q, const Stmt *s)
{
    const Expr *c = s->u.assert_.cond;
    size_t errs = ev->d->nerrors;
    Value l = value_null(), r = value_null(), v;
    bool cmp = c->kind == EX_BINARY && op_class(c->u.binary.op) == OPC_COMPARE;
    if (cmp) {
        /* Evaluate the sides once each, so the message can quote both values. */
        Expr copy = *c;
        l = eval_expr(ev, q, c->u.binary.l);
        r = eval_expr(ev, q, c->u.binary.r);
        Expr lit_l = {.kind = EX_NUM, .span = c->u.binary.l->span, .u.lit = l};
        Expr lit_r = {.kind = EX_NUM, .span = c->u.binary.r->span, .u.lit = r};
        copy.u.binary.l = &lit_l;
        copy.u.binary.r = &lit_r;
        v = (l.kind == V_NULL || r.kind == V_NULL) ? value_bool(false) : eval_expr(ev, q, &copy);
    } else {
        v = eval_expr(ev, q, c);
    }
    if (ev->d->nerrors > errs)
        return;  /* the condition itself was wrong; that error says enough */
    if (cmp && ((l.kind == V_NULL && !(l.flags & VF_UNDEF)) ||
                (r.kind == V_NULL && !(r.flags & VF_UNDEF))))
        return;  /* a side rests on an earlier error (a failed let): not a second one */
    if (v.kind == V_NULL) {
        eval_no_value(ev, c, v);
        return;
    }
    if (v.kind != V_BOOL) {
        diag_error(ev->d, c->span, "an assert needs a condition (true or false)");
        return;
    }
    if (v.num)
        return;
    char buf[256], b1[96], b2[96], vs[220] = "";
    if (cmp)
        snprintf(vs, sizeof vs, " (%s vs %s)", value_text(l, b1, sizeof b1), value_text(r, b2, sizeof b2));
    diag_error(ev->d, c->span, "assert failed: %s%s%s%s", eval_snippet(ev, c->span, buf, sizeof buf),
               vs, s->u.assert_.message ? ": " : "",
               s->u.assert_.message ? s->u.assert_.message : "");
}

void eval_bare(Eval *ev, Query *q, const Stmt *s)
{
    size_t errs = ev->d->nerrors;
    Value v = eval_expr(ev, q, s->u.expr.expr);
    if (!ev->opt->echo_exprs || ev->d->nerrors > errs)
        return;
    char val[96];
    fprintf(ev->out, "%s\n", value_text(v, val, sizeof val));
}

Engine *eval_engine_of(Eval *ev) { return eval_engine(&ev->base); }
