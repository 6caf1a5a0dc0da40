/* parse_build.c - AST construction for the grammar actions, with the checks a grammar
 * cannot express well: each deal option at most once, options that fit the verb, the
 * expression depth limit, `set debtrank WORD`, shock kinds. */
#include "parse_build.h"
#include "lex.h"
#include <stdarg.h>
#include <string.h>

Sym pb_word(ParseCtx *pc, const char *w) { return intern_cstr(pc->in, w); }

void pb_append(StmtList *l, Stmt *s)
{
    if (s)
        stmtlist_append(l, s);
}

void pb_error(ParseCtx *pc, Span sp, const char *fmt, ...)
{
    LexState *ls = pc->lex;
    if (lex_stmt_failed(ls, ls->tok_stmt))
        return;   /* a second error in one statement is most likely a cascade */
    va_list ap;
    va_start(ap, fmt);
    diag_add(pc->d, DIAG_ERROR, sp, fmt, ap);
    va_end(ap);
    pc->nerrors++;
    lex_mark_error(ls, ls->tok_stmt);
}

/* Inside a statement that already failed, build nothing: the statement is dropped, and a
 * 100 MB erroneous expression must not cost gigabytes of nodes. */
static Expr *poisoned(ParseCtx *pc, Span sp)
{
    if (!lex_stmt_failed(pc->lex, pc->lex->tok_stmt))
        return NULL;
    if (!pc->poison) {
        pc->poison = ast_expr(pc->arena, EX_NUM, sp);
        pc->poison->u.lit = value_null();
    }
    return pc->poison;
}

/* Is s whole? A statement with an error is left out, except a `let`: it is kept with a null
 * value, so its name is bound and its uses are not reported again (an error in a literal,
 * `let x = 10XB`, is one message, not one more at every use of x). */
static bool whole(ParseCtx *pc, Stmt *s, int lookahead)
{
    if (!s || !lex_stmt_failed(pc->lex, lex_semi_number(pc->lex, lookahead)))
        return s != NULL;
    if (s->kind != ST_LET)
        return false;
    s->u.let.value = ast_expr(pc->arena, EX_NUM, s->u.let.value ? s->u.let.value->span : s->span);
    s->u.let.value->u.lit = value_null();
    return true;
}

void pb_append_stmt(ParseCtx *pc, StmtList *l, Stmt *s, int lookahead)
{
    if (whole(pc, s, lookahead))
        stmtlist_append(l, s);
}

void pb_top_stmt(ParseCtx *pc, StmtList *l, Stmt *s, int lookahead)
{
    if (!pc->each) {
        pb_append_stmt(pc, l, s, lookahead);
        return;
    }
    bool keep = whole(pc, s, lookahead) && pc->each(pc->each_ud, s);
    if (keep) {
        pc->mark = arena_mark(pc->arena);
        return;
    }
    /* Nothing on the parser's stack points past the mark now: the lookahead token holds
     * no nodes (its strings live in the strings arena), so the memory can be reused. */
    arena_release(pc->arena, pc->mark);
    pc->poison = NULL;
}

/* ---- expressions ---- */

static int depth_of(const Expr *e) { return e ? e->depth : 0; }

static Expr *checked(ParseCtx *pc, Expr *e)
{
    if (e->depth <= PB_MAX_EXPR_DEPTH)
        return e;
    pb_error(pc, e->span, "expression nested too deep (more than %d levels)", PB_MAX_EXPR_DEPTH);
    diag_hint(pc->d, "split it into several `let` statements");
    return poisoned(pc, e->span);   /* the statement is dropped; stop building it */
}

Expr *pb_lit(ParseCtx *pc, Value v, Span sp)
{
    Expr *p = poisoned(pc, sp);
    if (p)
        return p;
    Expr *e = ast_expr(pc->arena, v.kind == V_DATE ? EX_DATE : EX_NUM, sp);
    e->u.lit = v;
    e->depth = 1;
    return e;
}

Expr *pb_str(ParseCtx *pc, const char *s, Span sp)
{
    Expr *p = poisoned(pc, sp);
    if (p)
        return p;
    Expr *e = ast_expr(pc->arena, EX_STR, sp);
    e->u.lit = (Value){.kind = V_STR, .str = s};
    e->depth = 1;
    return e;
}

Expr *pb_name(ParseCtx *pc, Sym name, Span sp)
{
    Expr *p = poisoned(pc, sp);
    if (p)
        return p;
    Expr *e = ast_expr(pc->arena, EX_NAME, sp);
    e->u.name = name;
    e->depth = 1;
    return e;
}

void pb_arg(ParseCtx *pc, ExprVec *v, Expr *e)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        Expr **nv = arena_alloc(pc->arena, (size_t)cap * sizeof *nv);
        if (v->n)
            memcpy(nv, v->v, (size_t)v->n * sizeof *nv);
        v->v = nv;
        v->cap = cap;
    }
    v->v[v->n++] = e;
}

Expr *pb_call(ParseCtx *pc, Sym fn, Span fn_span, ExprVec *args, Span sp)
{
    Expr *p = poisoned(pc, sp);
    if (p)
        return p;
    Expr *e = ast_expr(pc->arena, EX_CALL, sp);
    e->u.call.fn = fn;
    e->u.call.fn_span = fn_span;
    e->u.call.args = args->v;
    e->u.call.nargs = args->n;
    int d = 0;
    for (int i = 0; i < args->n; i++)
        if (depth_of(args->v[i]) > d)
            d = depth_of(args->v[i]);
    e->depth = d + 1;
    return checked(pc, e);
}

Expr *pb_paren(Expr *e, Span sp)
{
    (void)sp;   /* the inner span keeps carets on the expression itself */
    return e;
}

Expr *pb_unary(ParseCtx *pc, OpKind op, Expr *x, Span sp)
{
    Expr *p = poisoned(pc, sp);
    if (p)
        return p;
    Expr *e = ast_expr(pc->arena, EX_UNARY, sp);
    e->u.unary.op = op;
    e->u.unary.x = x;
    e->depth = depth_of(x) + 1;
    return checked(pc, e);
}

Expr *pb_binary(ParseCtx *pc, OpKind op, Expr *l, Expr *r, Span sp)
{
    Expr *p = poisoned(pc, sp);
    if (p)
        return p;
    Expr *e = ast_expr(pc->arena, EX_BINARY, sp);
    e->u.binary.op = op;
    e->u.binary.l = l;
    e->u.binary.r = r;
    int dl = depth_of(l), dr = depth_of(r);
    e->depth = (dl > dr ? dl : dr) + 1;
    return checked(pc, e);
}

/* ---- simple statements ---- */

void pb_attr(ParseCtx *pc, AttrVec *v, Sym name, Span nsp, const Amount *a,
             const AttrClauses *cl, Span sp, int lookahead)
{
    if (lex_stmt_failed(pc->lex, lex_semi_number(pc->lex, lookahead)))
        return;
    /* Which attribute names exist is the evaluator's business (a semantic check). */
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 8;
        Attr *nv = arena_alloc(pc->arena, (size_t)cap * sizeof *nv);
        if (v->n)
            memcpy(nv, v->v, (size_t)v->n * sizeof *nv);
        v->v = nv;
        v->cap = cap;
    }
    v->v[v->n++] = (Attr){name, nsp, *a, *cl, sp};
}

void pb_path_pt(ParseCtx *pc, PathVec *v, Expr *value, Expr *year)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 4;
        PathPt *nv = arena_alloc(pc->arena, (size_t)cap * sizeof *nv);
        if (v->n)
            memcpy(nv, v->v, (size_t)v->n * sizeof *nv);
        v->v = nv;
        v->cap = cap;
    }
    v->v[v->n++] = (PathPt){value, year};
}

Amount pb_amount(ParseCtx *pc, const PathVec *v)
{
    (void)pc;
    return (Amount){v->v[0].value, v->v, v->n};
}

void pb_clause(ParseCtx *pc, Expr **slot, Expr *e, const char *word, Span kw)
{
    if (*slot) {
        pb_error(pc, kw, "'%s' given twice in one attribute", word);
        return;
    }
    *slot = e;
}

void pb_clause_from(ParseCtx *pc, AttrClauses *cl, Sym market, Span msp, Span kw)
{
    if (cl->from != SYM_NONE) {
        pb_error(pc, kw, "'from' given twice in one attribute");
        return;
    }
    cl->from = market;
    cl->from_span = msp;
}

Stmt *pb_horizon(ParseCtx *pc, Expr *year, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_HORIZON, sp);
    s->u.horizon.year = year;
    return s;
}

Stmt *pb_entity(ParseCtx *pc, int kind, Sym name, Span nsp, const char *display, AttrVec *attrs,
                Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_ENTITY, sp);
    s->u.entity.kind = (EntKind)kind;
    s->u.entity.name = name;
    s->u.entity.name_span = nsp;
    s->u.entity.display = display;
    if (attrs) {
        s->u.entity.attrs = attrs->v;
        s->u.entity.nattrs = attrs->n;
        s->u.entity.has_block = true;
    }
    return s;
}

Stmt *pb_layers(ParseCtx *pc, Stmt *s, const char *name, Span nsp, Span sp)
{
    if (!s)
        s = ast_stmt(pc->arena, ST_LAYERS, sp);
    s->span = sp;
    if (!name)
        return s;
    if (s->u.layers.n == s->u.layers.cap) {   /* doubling: a long list costs linear memory */
        int cap = s->u.layers.cap ? s->u.layers.cap * 2 : 8;
        const char **names = arena_alloc(pc->arena, (size_t)cap * sizeof *names);
        Span *spans = arena_alloc(pc->arena, (size_t)cap * sizeof *spans);
        if (s->u.layers.n) {
            memcpy(names, s->u.layers.names, (size_t)s->u.layers.n * sizeof *names);
            memcpy(spans, s->u.layers.spans, (size_t)s->u.layers.n * sizeof *spans);
        }
        s->u.layers.names = names;
        s->u.layers.spans = spans;
        s->u.layers.cap = cap;
    }
    s->u.layers.names[s->u.layers.n] = name;
    s->u.layers.spans[s->u.layers.n++] = nsp;
    return s;
}

Stmt *pb_price(ParseCtx *pc, Sym name, Span nsp, Expr *value, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_PRICE, sp);
    s->u.price.name = name;
    s->u.price.name_span = nsp;
    s->u.price.value = value;
    return s;
}

Stmt *pb_asof(ParseCtx *pc, Expr *date, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_ASOF, sp);
    s->u.asof.date = date;
    return s;
}

Stmt *pb_let(ParseCtx *pc, Sym name, Span nsp, Expr *value, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_LET, sp);
    s->u.let.name = name;
    s->u.let.name_span = nsp;
    s->u.let.value = value;
    return s;
}

Stmt *pb_let_random(ParseCtx *pc, Sym name, Span nsp, Expr *value, Span sp)
{
    if (value->kind != EX_CALL) {
        pb_error(pc, value->span, "a random let draws from a distribution");
        diag_hint(pc->d, "write `let %s ~ normal(mean, sd)`, or uniform(a, b), "
                         "triangular(a, mode, b), lognormal(mu, sigma)", sym_str(pc->in, name));
        return NULL;
    }
    Stmt *s = pb_let(pc, name, nsp, value, sp);
    s->u.let.random = true;
    return s;
}

Stmt *pb_include(ParseCtx *pc, const char *path, Span psp, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_INCLUDE, sp);
    s->u.include.path = path;
    s->u.include.path_span = psp;
    return s;
}

Stmt *pb_use(ParseCtx *pc, Sym name, Span nsp, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_USE, sp);
    s->u.use.name = name;
    s->u.use.name_span = nsp;
    return s;
}

Stmt *pb_assert(ParseCtx *pc, Expr *cond, const char *msg, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_ASSERT, sp);
    s->u.assert_.cond = cond;
    s->u.assert_.message = msg;
    return s;
}

Stmt *pb_exprstmt(ParseCtx *pc, Expr *e, Span sp)
{
    Stmt *s = ast_stmt(pc->arena, ST_EXPR, sp);
    s->u.expr.expr = e;
    return s;
}
