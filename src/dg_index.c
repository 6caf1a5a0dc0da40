/* dg_index.c - the symbol index of dg.h "editors": every definition and use of an entity,
 * a deal label, a scenario and a let in the files a context ran, with the figure calls and
 * the deal statements. The evaluator keeps no syntax tree (each statement's nodes are reused
 * once it ran), so the index parses each file again and walks each statement as it is
 * parsed; a name that is
 * neither a topic nor a let anywhere is an entity, as the evaluator reads it.
 *
 * Ownership: the context owns the index (Dg.index); names point into its interner. */
#include "dg_int.h"
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "show_topic.h"

typedef struct DgIndex {
    DgSym *syms;
    Span *spans;      /* each symbol's span, for the cards */
    bool *pending;    /* a bare name: a let or an entity, settled once every let is known */
    size_t n, cap, capspans, cappending;
} DgIndex;

typedef struct Walk {
    Dg *dg;
    DgIndex *ix;
} Walk;

void dg_index_free(Dg *dg)
{
    DgIndex *ix = dg->index;
    if (!ix)
        return;
    free(ix->syms);
    free(ix->spans);
    free(ix->pending);
    free(ix);
    dg->index = NULL;
}

static void add(Walk *w, DgSymKind kind, Sym name, Span sp, bool def, bool pending)
{
    DgIndex *ix = w->ix;
    if (!sp.file || (kind != DG_SYM_DEAL && !name))
        return;
    ix->syms = vec_grow(ix->syms, &ix->cap, ix->n + 1, sizeof *ix->syms);
    ix->spans = vec_grow(ix->spans, &ix->capspans, ix->n + 1, sizeof *ix->spans);
    ix->pending = vec_grow(ix->pending, &ix->cappending, ix->n + 1, sizeof *ix->pending);
    ix->syms[ix->n] = (DgSym){kind, name ? sym_str(&w->dg->rd.in, name) : NULL,
                              dg_range(w->dg, sp), def};
    ix->spans[ix->n] = sp;
    ix->pending[ix->n++] = pending;
}

static void ref(Walk *w, DgSymKind kind, Sym name, Span sp) { add(w, kind, name, sp, false, false); }

static void walk_expr(Walk *w, const Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case EX_NAME: add(w, DG_SYM_LET, e->u.name, e->span, false, true); break;
    case EX_CALL:
        ref(w, DG_SYM_FIGURE, e->u.call.fn, e->u.call.fn_span);
        for (int i = 0; i < e->u.call.nargs; i++)
            walk_expr(w, e->u.call.args[i]);
        break;
    case EX_REF: ref(w, DG_SYM_ENTITY, e->u.ref.of, e->u.ref.of_span); break;
    case EX_UNARY: walk_expr(w, e->u.unary.x); break;
    case EX_BINARY:
        walk_expr(w, e->u.binary.l);
        walk_expr(w, e->u.binary.r);
        break;
    default: break;
    }
}

static void walk_path(Walk *w, const PathPt *pts, int n)
{
    for (int i = 0; pts && i < n; i++) {
        walk_expr(w, pts[i].value);
        walk_expr(w, pts[i].year);
    }
}

static void walk_stmts(Walk *w, const StmtList *l);

static void walk_entity(Walk *w, const Stmt *s)
{
    add(w, DG_SYM_ENTITY, s->u.entity.name, s->u.entity.name_span, true, false);
    for (int i = 0; i < s->u.entity.nattrs; i++) {
        const Attr *a = &s->u.entity.attrs[i];
        walk_expr(w, a->amount.value);
        walk_path(w, a->amount.pts, a->amount.npts);
        ref(w, DG_SYM_ENTITY, a->cl.from, a->cl.from_span);
        walk_expr(w, a->cl.due);
        walk_expr(w, a->cl.due_to);
        walk_expr(w, a->cl.at);
    }
}

static void walk_deal(Walk *w, const Stmt *s)
{
    add(w, DG_SYM_DEAL, s->u.deal.label, s->span, false, false);
    add(w, DG_SYM_LABEL, s->u.deal.label, s->u.deal.label_span, true, false);
    ref(w, DG_SYM_ENTITY, s->u.deal.payer, s->u.deal.payer_span);
    ref(w, DG_SYM_ENTITY, s->u.deal.payee, s->u.deal.payee_span);
    ref(w, DG_SYM_LABEL, s->u.deal.covers, s->u.deal.covers_span);
    ref(w, DG_SYM_LABEL, s->u.deal.vesting, s->u.deal.vesting_span);
    walk_expr(w, s->u.deal.amount);
    walk_path(w, s->u.deal.path, s->u.deal.npath);
    walk_expr(w, s->u.deal.at);
    walk_expr(w, s->u.deal.over);
    walk_expr(w, s->u.deal.from);
    walk_expr(w, s->u.deal.due);
}

static void walk_show(Walk *w, const Stmt *s)
{
    Sym t = s->u.show.topic;
    if (t && show_topic_find(sym_str(&w->dg->rd.in, t)) < 0)   /* `show NAME` */
        add(w, DG_SYM_LET, t, s->u.show.topic_span, false, true);
    ref(w, DG_SYM_ENTITY, s->u.show.of, s->u.show.of_span);
    ref(w, DG_SYM_ENTITY, s->u.show.to, s->u.show.to_span);
    walk_expr(w, s->u.show.expr);
    for (int i = 0; i < s->u.show.nat; i++)
        walk_expr(w, s->u.show.at[i]);
}

static void walk_stmt(Walk *w, const Stmt *s)
{
    switch (s->kind) {
    case ST_ENTITY: walk_entity(w, s); break;
    case ST_PRICE:
        ref(w, DG_SYM_ENTITY, s->u.price.name, s->u.price.name_span);
        walk_expr(w, s->u.price.value);
        break;
    case ST_LET:
        add(w, DG_SYM_LET, s->u.let.name, s->u.let.name_span, true, false);
        walk_expr(w, s->u.let.value);
        break;
    case ST_DEAL: walk_deal(w, s); break;
    case ST_SHOW: walk_show(w, s); break;
    case ST_ASSERT: walk_expr(w, s->u.assert_.cond); break;
    case ST_EXPR: walk_expr(w, s->u.expr.expr); break;
    case ST_SCENARIO:
        add(w, DG_SYM_SCENARIO, s->u.scenario.name, s->u.scenario.name_span, true, false);
        walk_stmts(w, &s->u.scenario.body);
        break;
    case ST_WHATIF:
        ref(w, DG_SYM_SCENARIO, s->u.whatif.scenario, s->u.whatif.scenario_span);
        walk_stmts(w, &s->u.whatif.shocks);
        walk_stmts(w, &s->u.whatif.body);
        break;
    case ST_DEFAULTS: ref(w, DG_SYM_ENTITY, s->u.defaults.name, s->u.defaults.name_span); break;
    case ST_SHOCK:
        ref(w, DG_SYM_ENTITY, s->u.shock.name, s->u.shock.name_span);
        walk_expr(w, s->u.shock.by);
        break;
    case ST_CANCEL: ref(w, DG_SYM_LABEL, s->u.cancel.label, s->u.cancel.label_span); break;
    case ST_SET: walk_expr(w, s->u.set.value); break;
    case ST_SIMULATE:
        ref(w, DG_SYM_SCENARIO, s->u.simulate.scenario, s->u.simulate.scenario_span);
        walk_expr(w, s->u.simulate.samples);
        walk_expr(w, s->u.simulate.seed);
        walk_stmts(w, &s->u.simulate.body);
        break;
    default: break;   /* as of, horizon, include, use: no names */
    }
}

static void walk_stmts(Walk *w, const StmtList *l)
{
    for (const Stmt *s = l->first; s; s = s->next)
        walk_stmt(w, s);
}

/* Each statement as the parser finishes it (the ones with errors are left out, the rest of
 * the file still counts); its nodes are reused after. */
static bool walk_top(void *ud, Stmt *s)
{
    walk_stmt(ud, s);
    return false;
}

/* A bare name is a let when some file lets it, else an entity. */
static void settle(Dg *dg, DgIndex *ix)
{
    size_t nsyms = intern_count(&dg->rd.in) + 1;
    bool *is_let = xcalloc(nsyms, sizeof *is_let);
    for (size_t i = 0; i < ix->n; i++)
        if (ix->syms[i].kind == DG_SYM_LET && ix->syms[i].definition) {
            Sym s = intern_find(&dg->rd.in, ix->syms[i].name, strlen(ix->syms[i].name));
            if (s < nsyms)
                is_let[s] = true;
        }
    for (size_t i = 0; i < ix->n; i++)
        if (ix->pending[i]) {
            Sym s = intern_find(&dg->rd.in, ix->syms[i].name, strlen(ix->syms[i].name));
            ix->syms[i].kind = s < nsyms && is_let[s] ? DG_SYM_LET : DG_SYM_ENTITY;
        }
    free(is_let);
}

static DgIndex *build(Dg *dg)
{
    DgIndex *ix = xcalloc(1, sizeof *ix);
    Walk w = {dg, ix};
    for (uint32_t id = 1; id < dg->rd.src.n; id++) {
        Arena nodes, strings;
        Diags scratch;   /* the run reported this file's mistakes already */
        arena_init(&nodes);
        arena_init(&strings);
        diags_init(&scratch, &dg->rd.src);
        parse_source_each(&nodes, &strings, &dg->rd.in, &scratch, id, walk_top, &w);
        diags_free(&scratch);
        arena_free(&nodes);
        arena_free(&strings);
    }
    settle(dg, ix);
    return ix;
}

const DgSym *dg_symbols(Dg *dg, size_t *n)
{
    if (!dg->index)
        dg->index = build(dg);
    *n = dg->index->n;
    return dg->index->syms;
}

bool dg_index_span(Dg *dg, const DgSym *sym, Span *sp)
{
    DgIndex *ix = dg->index;
    if (!ix || sym < ix->syms || sym >= ix->syms + ix->n)
        return false;
    *sp = ix->spans[sym - ix->syms];
    return true;
}

const DgSym *dg_symbol_at(Dg *dg, const char *file, int line, int col)
{
    size_t n;
    const DgSym *syms = dg_symbols(dg, &n);
    uint32_t id = dg_file_id(dg, file), off;
    if (!id || !dg_offset(dg, id, line, col, &off))
        return NULL;
    const DgSym *best = NULL;
    for (size_t i = 0; i < n; i++) {
        Span sp = dg->index->spans[i];
        /* the end counts too: a cursor just past a name is on it */
        if (sp.file != id || off < sp.start || off > sp.end)
            continue;
        if (!best || sp.end - sp.start < dg->index->spans[best - syms].end -
                                             dg->index->spans[best - syms].start)
            best = &syms[i];
    }
    return best;
}
