/* ast.c - AST node allocation, the operators' spellings, and the `--ast` dump.
 * The dump is stable (tests compare it): one node per line,
 * two spaces of indent per level, line:col of the node's first byte. */
#include "ast.h"
#include <string.h>

void stmtlist_append(StmtList *l, Stmt *s)
{
    s->next = NULL;
    if (l->last)
        l->last->next = s;
    else
        l->first = s;
    l->last = s;
    l->n++;
}

Expr *ast_expr(Arena *a, ExprKind k, Span sp)
{
    Expr *e = arena_alloc(a, sizeof *e);
    e->kind = k;
    e->span = sp;
    e->depth = 1;
    return e;
}

#define OP_SPELLING(e, spelling, cls) [e] = spelling,
static const char *const OP_SPELLINGS[OP__COUNT] = {DG_OPERATORS(OP_SPELLING)};
#undef OP_SPELLING
#define OP_CLASS(e, spelling, cls) [e] = cls,
static const OpClass OP_CLASSES[OP__COUNT] = {DG_OPERATORS(OP_CLASS)};
#undef OP_CLASS

const char *op_spelling(OpKind op) { return (unsigned)op < OP__COUNT ? OP_SPELLINGS[op] : "?"; }
OpClass op_class(OpKind op) { return (unsigned)op < OP__COUNT ? OP_CLASSES[op] : OPC_UNARY; }

Stmt *ast_stmt(Arena *a, StmtKind k, Span sp)
{
    Stmt *s = arena_alloc(a, sizeof *s);
    s->kind = k;
    s->span = sp;
    return s;
}

/* ---- `--ast` dump ---- */

typedef struct Dump {
    FILE *out;
    const Interner *in;
    SourceSet *src;
    uint32_t file, off;   /* a cursor: nodes come mostly in source order, so line:col */
    int line, col;        /* is found by scanning on from the last one (linear on a    */
} Dump;                   /* 100 MB single-line file, where a rescan would be quadratic) */

static void linecol(Dump *d, Span sp, int *line, int *col)
{
    const SourceFile *f = srcset_get(d->src, sp.file);
    if (!f || sp.file != d->file || sp.start < d->off || sp.start > f->len) {
        srcset_linecol(d->src, sp.file, sp.start, line, col);
        d->file = sp.file;
        d->off = sp.start;
        d->line = *line;
        d->col = *col;
        return;
    }
    for (uint32_t i = d->off; i < sp.start; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if (c == '\n') {
            d->line++;
            d->col = 1;
        } else if ((c & 0xC0) != 0x80) {
            d->col++;
        }
    }
    d->off = sp.start;
    *line = d->line;
    *col = d->col;
}

static void head(Dump *d, int ind, Span sp)
{
    int line = 0, col = 0;
    if (sp.file)
        linecol(d, sp, &line, &col);
    fprintf(d->out, "%*s%d:%d ", ind * 2, "", line, col);
}

static void dump_expr(Dump *d, const Expr *e, int ind, const char *role)
{
    if (!e)
        return;
    head(d, ind, e->span);
    if (role)
        fprintf(d->out, "%s: ", role);
    char buf[64];
    switch (e->kind) {
    case EX_NUM:
        if (e->u.lit.kind == V_BOOL) {
            fprintf(d->out, "bool %s\n", e->u.lit.num ? "true" : "false");
            break;
        }
        if (e->u.lit.kind == V_NULL) {
            fprintf(d->out, "null\n");
            break;
        }
        fprintf(d->out, "num %.15g %s%s%s%s\n", e->u.lit.num,
                dim_name(e->u.lit.dim, buf, sizeof buf),
                e->u.lit.flags & VF_PCT ? " pct" : "", e->u.lit.flags & VF_SCALED ? " scaled" : "",
                e->u.lit.flags & VF_DOLLAR ? " dollar" : "");
        break;
    case EX_DATE: {
        long m = (long)e->u.lit.num;
        fprintf(d->out, "date %ld-%02ld\n", m / 12, m % 12 + 1);
        break;
    }
    case EX_STR: fprintf(d->out, "str \"%s\"\n", e->u.lit.str); break;
    case EX_NAME: fprintf(d->out, "name %s\n", sym_str(d->in, e->u.name)); break;
    case EX_CALL:
        fprintf(d->out, "call %s\n", sym_str(d->in, e->u.call.fn));
        for (int i = 0; i < e->u.call.nargs; i++)
            dump_expr(d, e->u.call.args[i], ind + 1, NULL);
        break;
    case EX_REF:
        fprintf(d->out, "ref %s of %s\n", sym_str(d->in, e->u.ref.what), sym_str(d->in, e->u.ref.of));
        break;
    case EX_UNARY:
        fprintf(d->out, "unary %s\n", op_spelling(e->u.unary.op));
        dump_expr(d, e->u.unary.x, ind + 1, NULL);
        break;
    case EX_BINARY:
        fprintf(d->out, "binary %s\n", op_spelling(e->u.binary.op));
        dump_expr(d, e->u.binary.l, ind + 1, NULL);
        dump_expr(d, e->u.binary.r, ind + 1, NULL);
        break;
    }
}

static const char *sn(Dump *d, Sym s) { return s ? sym_str(d->in, s) : "-"; }

static void dump_list(Dump *d, const StmtList *l, int ind);

/* A yearly path: one node per point, its value and its year. */
static void dump_path(Dump *d, const PathPt *pts, int n, int ind)
{
    for (int i = 0; i < n; i++) {
        dump_expr(d, pts[i].value, ind, "value");
        dump_expr(d, pts[i].year, ind, "in");
    }
}

static void dump_deal(Dump *d, const Stmt *s, int ind)
{
    fprintf(d->out, "deal %s %s %s %s%s%s\n", sn(d, s->u.deal.label), sn(d, s->u.deal.payer),
            verb_name(s->u.deal.verb), sn(d, s->u.deal.payee),
            s->u.deal.nonbinding ? " nonbinding" : "", s->u.deal.vesting ? " vesting" : "");
    if (s->u.deal.npath)
        dump_path(d, s->u.deal.path, s->u.deal.npath, ind + 1);
    else
        dump_expr(d, s->u.deal.amount, ind + 1, "amount");
    if (s->u.deal.covers) {
        head(d, ind + 1, s->u.deal.covers_span);
        fprintf(d->out, "covers %s\n", sn(d, s->u.deal.covers));
    }
    dump_expr(d, s->u.deal.at, ind + 1, "at");
    dump_expr(d, s->u.deal.over, ind + 1, "over");
    dump_expr(d, s->u.deal.from, ind + 1, "from");
    dump_expr(d, s->u.deal.due, ind + 1, "due");
    if (s->u.deal.vesting) {
        head(d, ind + 1, s->u.deal.vesting_span);
        fprintf(d->out, "vesting with %s\n", sn(d, s->u.deal.vesting));
    }
    if (s->u.deal.source) {
        head(d, ind + 1, s->span);
        fprintf(d->out, "source \"%s\"\n", s->u.deal.source);
    }
}

static void dump_entity(Dump *d, const Stmt *s, int ind)
{
    fprintf(d->out, "%s %s", entkind_name(s->u.entity.kind), sn(d, s->u.entity.name));
    if (s->u.entity.display)
        fprintf(d->out, " \"%s\"", s->u.entity.display);
    fprintf(d->out, "%s\n", s->u.entity.has_block ? " {}" : "");
    for (int i = 0; i < s->u.entity.nattrs; i++) {
        const Attr *a = &s->u.entity.attrs[i];
        head(d, ind + 1, a->span);
        fprintf(d->out, "attr %s\n", sn(d, a->name));
        if (a->amount.npts)
            dump_path(d, a->amount.pts, a->amount.npts, ind + 2);
        else
            dump_expr(d, a->amount.value, ind + 2, NULL);
        if (a->cl.from) {
            head(d, ind + 2, a->cl.from_span);
            fprintf(d->out, "from %s\n", sn(d, a->cl.from));
        }
        dump_expr(d, a->cl.due, ind + 2, "due");
        dump_expr(d, a->cl.due_to, ind + 2, "to");
        dump_expr(d, a->cl.at, ind + 2, "at");
    }
}

static void dump_question(Dump *d, const Stmt *s, int ind)
{
    if (s->kind == ST_SHOW) {
        fprintf(d->out, "show %s", sn(d, s->u.show.topic));
        if (s->u.show.of)
            fprintf(d->out, " of %s", sn(d, s->u.show.of));
        if (s->u.show.to)
            fprintf(d->out, " to %s", sn(d, s->u.show.to));
        fputc('\n', d->out);
        dump_expr(d, s->u.show.expr, ind + 1, NULL);
        for (int i = 0; i < s->u.show.nat; i++)
            dump_expr(d, s->u.show.at[i], ind + 1, "at");
    } else if (s->kind == ST_ASSERT) {
        fprintf(d->out, "assert");
        if (s->u.assert_.message)
            fprintf(d->out, " \"%s\"", s->u.assert_.message);
        fputc('\n', d->out);
        dump_expr(d, s->u.assert_.cond, ind + 1, NULL);
    } else {
        fprintf(d->out, "expr\n");
        dump_expr(d, s->u.expr.expr, ind + 1, NULL);
    }
}

static void dump_whatif(Dump *d, const Stmt *s, int ind)
{
    if (s->kind == ST_SCENARIO) {
        fprintf(d->out, "scenario %s", sn(d, s->u.scenario.name));
        if (s->u.scenario.desc)
            fprintf(d->out, " \"%s\"", s->u.scenario.desc);
        fputc('\n', d->out);
        dump_list(d, &s->u.scenario.body, ind + 1);
        return;
    }
    fprintf(d->out, "whatif %s\n", sn(d, s->u.whatif.scenario));
    if (!s->u.whatif.scenario) {
        head(d, ind + 1, s->span);
        fprintf(d->out, "shocks\n");
        dump_list(d, &s->u.whatif.shocks, ind + 2);
    }
    head(d, ind + 1, s->span);
    fprintf(d->out, "body\n");
    dump_list(d, &s->u.whatif.body, ind + 2);
}

static void dump_shock(Dump *d, const Stmt *s, int ind)
{
    switch (s->kind) {
    case ST_DEFAULTS:
        fprintf(d->out, "defaults %s\n", sn(d, s->u.defaults.name));
        if (s->u.defaults.year)
            dump_expr(d, s->u.defaults.year, ind + 1, "in");
        break;
    case ST_SHOCK:
        fprintf(d->out, "shock %s of %s\n", shock_name(s->u.shock.what), sn(d, s->u.shock.name));
        dump_expr(d, s->u.shock.by, ind + 1, "by");
        break;
    case ST_CANCEL: fprintf(d->out, "cancel %s\n", sn(d, s->u.cancel.label)); break;
    case ST_DROP: fprintf(d->out, "drop nonbinding\n"); break;
    default:
        fprintf(d->out, "set %s %s\n", sn(d, s->u.set.param),
                s->u.set.word ? sn(d, s->u.set.word) : "");
        dump_expr(d, s->u.set.value, ind + 1, NULL);
        break;
    }
}

static void dump_simulate(Dump *d, const Stmt *s, int ind)
{
    fprintf(d->out, "simulate %s\n", sn(d, s->u.simulate.scenario));
    dump_expr(d, s->u.simulate.samples, ind + 1, "times");
    if (s->u.simulate.seed)
        dump_expr(d, s->u.simulate.seed, ind + 1, "seed");
    head(d, ind + 1, s->span);
    fprintf(d->out, "body\n");
    dump_list(d, &s->u.simulate.body, ind + 2);
}

static void dump_stmt(Dump *d, const Stmt *s, int ind)
{
    head(d, ind, s->span);
    switch (s->kind) {
    case ST_ENTITY: dump_entity(d, s, ind); break;
    case ST_PRICE:
        fprintf(d->out, "price %s\n", sn(d, s->u.price.name));
        dump_expr(d, s->u.price.value, ind + 1, NULL);
        break;
    case ST_ASOF:
        fprintf(d->out, "asof\n");
        dump_expr(d, s->u.asof.date, ind + 1, NULL);
        break;
    case ST_HORIZON:
        fprintf(d->out, "horizon\n");
        dump_expr(d, s->u.horizon.year, ind + 1, NULL);
        break;
    case ST_LAYERS:
        fprintf(d->out, "layers");
        for (int i = 0; i < s->u.layers.n; i++)
            fprintf(d->out, "%s \"%s\"", i ? "," : "", s->u.layers.names[i]);
        fprintf(d->out, "\n");
        break;
    case ST_LET:
        fprintf(d->out, "let %s%s\n", sn(d, s->u.let.name), s->u.let.random ? " ~" : "");
        dump_expr(d, s->u.let.value, ind + 1, NULL);
        break;
    case ST_INCLUDE: fprintf(d->out, "include \"%s\"\n", s->u.include.path); break;
    case ST_USE: fprintf(d->out, "use %s\n", sn(d, s->u.use.name)); break;
    case ST_DEAL: dump_deal(d, s, ind); break;
    case ST_SHOW: case ST_ASSERT: case ST_EXPR: dump_question(d, s, ind); break;
    case ST_SCENARIO: case ST_WHATIF: dump_whatif(d, s, ind); break;
    case ST_SIMULATE: dump_simulate(d, s, ind); break;
    default: dump_shock(d, s, ind); break;
    }
}

static void dump_list(Dump *d, const StmtList *l, int ind)
{
    for (const Stmt *s = l->first; s; s = s->next)
        dump_stmt(d, s, ind);
}

void ast_dump(FILE *out, const Program *p, const Interner *in, SourceSet *src)
{
    Dump d = {out, in, src, 0, 0, 0, 0};
    dump_list(&d, &p->stmts, 0);
}
