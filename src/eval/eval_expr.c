/* eval_expr.c - expressions: literals, `let` names, arithmetic with units, comparisons,
 * `and`/`or`/`not`; figure calls are in eval_query.c.
 *
 * An expression that fails reports once and yields null; null
 * propagates silently, so one mistake is one message (no cascades). */
#include "eval_int.h"
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

Span eval_op_span(Eval *ev, const Expr *e)
{
    Span sp = e->span;
    const SourceFile *f = srcset_get(ev->src, sp.file);
    if (!f || e->kind != EX_BINARY)
        return sp;
    const char *t = op_spelling(e->u.binary.op);
    size_t tl = strlen(t);
    uint32_t lo = e->u.binary.l->span.end, hi = e->u.binary.r->span.start;
    for (uint32_t i = lo; i < hi && i + tl <= f->len; i++) {
        if (f->text[i] == '#')  /* a comment runs to the end of the line */
            while (i < hi && f->text[i] != '\n')
                i++;
        if (i < hi && !strncmp(f->text + i, t, tl))
            return (Span){sp.file, i, (uint32_t)(i + tl)};
    }
    return sp;
}

static Value name_value(Eval *ev, Query *q, const Expr *e)
{
    Value v;
    const char *nm = sym_str(ev->in, e->u.name);
    if (eval_let_value(ev, e->u.name, &v))
        return v;
    if (world_find(q->w, e->u.name) != ENT_NONE) {
        diag_error(ev->d, e->span, "'%s' is an entity, not a value", nm);
        diag_hint(ev->d, "ask for one of its figures, such as leverage(%s)", nm);
    } else {
        diag_error(ev->d, e->span, "unknown name '%s'", nm);
        diag_hint(ev->d, "define it first: let %s = ...", nm);
    }
    return value_null();
}

bool eval_no_value(Eval *ev, const Expr *e, Value v)
{
    if (v.kind == V_NULL && (v.flags & VF_UNDEF)) {
        char buf[128];
        diag_error(ev->d, e->span, "'%s' is n/a (undefined) and cannot be used here",
                   eval_snippet(ev, e->span, buf, sizeof buf));
        diag_hint(ev->d, "a figure is n/a when it is undefined, e.g. leverage without equity");
    }
    return false;
}

static bool truth(Eval *ev, const Expr *e, Value v, bool *out)
{
    if (v.kind == V_BOOL) {
        *out = v.num != 0;
        return true;
    }
    if (v.kind == V_NULL)
        return eval_no_value(ev, e, v);
    diag_error(ev->d, e->span, "expected true or false");
    return false;
}

/* The null that an operation on a null gives: n/a when every null operand was n/a, else
 * the trace of an error (reported already). */
static Value null_of(Value l, Value r)
{
    bool undef = (l.kind != V_NULL || (l.flags & VF_UNDEF)) &&
                 (r.kind != V_NULL || (r.flags & VF_UNDEF));
    return undef ? value_undef() : value_null();
}

static Value logic(Eval *ev, Query *q, const Expr *e)
{
    bool a, b;
    Value l = eval_expr(ev, q, e->u.binary.l);
    if (!truth(ev, e->u.binary.l, l, &a))
        return value_null();
    /* Short-circuit, so `defaulted(x) or loss(x) > 0` asks for no more than it needs. */
    if (e->u.binary.op == OP_AND && !a)
        return value_bool(false);
    if (e->u.binary.op == OP_OR && a)
        return value_bool(true);
    Value r = eval_expr(ev, q, e->u.binary.r);
    if (!truth(ev, e->u.binary.r, r, &b))
        return value_null();
    return value_bool(b);
}

/* A scaled number (100B) is USD or a count by context; beside another unit it is wrong. */
static bool scaled_misfit(Value a, Value other)
{
    Dim per_share = {1, 0, 0, -1};
    return a.kind == V_NUM && other.kind == V_NUM && (a.flags & VF_SCALED) &&
           dim_is_none(a.dim) && !dim_is_none(other.dim) && !dim_eq(other.dim, DIM_USD) &&
           !dim_eq(other.dim, DIM_COUNT) && !dim_eq(other.dim, DIM_USD_PER_YEAR) &&
           !dim_eq(other.dim, per_share);
}

/* A scaled number (3B) times or over a quantity of another unit is money: `3B / 1y` is
 * USD/y and `70B / 2GW` is USD/GW, so both can stand where such a rate is expected. */
static void money_by_context(Value *a, Value other)
{
    if (a->kind == V_NUM && (a->flags & VF_SCALED) && dim_is_none(a->dim) &&
        other.kind == V_NUM && !dim_is_none(other.dim) && other.dim.usd == 0 &&
        other.dim.cnt == 0) {
        a->dim = DIM_USD;
        a->flags &= (uint8_t)~VF_SCALED;
    }
}

static Value binary(Eval *ev, Query *q, const Expr *e)
{
    OpKind op = e->u.binary.op;
    if (op_class(op) == OPC_LOGIC)
        return logic(ev, q, e);
    Value l = eval_expr(ev, q, e->u.binary.l);
    Value r = eval_expr(ev, q, e->u.binary.r);
    if (l.kind == V_NULL || r.kind == V_NULL)
        return null_of(l, r);
    char err[160];
    Value v;
    bool scales = op == OP_MUL || op == OP_DIV;
    if (!scales && (scaled_misfit(l, r) || scaled_misfit(r, l))) {
        /* 10GW + 5B: a scaled amount is USD (or a count), never capacity */
        char b1[64];
        Value o = scaled_misfit(l, r) ? r : l;
        diag_error(ev->d, eval_op_span(ev, e), "cannot %s %s and USD",
                   op == OP_ADD ? "add" : op == OP_SUB ? "subtract" : "compare",
                   dim_name(o.dim, b1, sizeof b1));
        return value_null();
    }
    if (scales) {
        money_by_context(&l, r);
        money_by_context(&r, l);
    }
    if (op_class(op) == OPC_ARITH) {
        /* value_arith takes the operator's one character */
        v = value_arith(op_spelling(op)[0], l, r, err, sizeof err);
        /* A percentage scales: 50% * 10B is USD; keep "scaled" so it still adapts. */
        if (v.kind == V_NUM && scales)
            v.flags = (uint8_t)((l.flags | r.flags) & VF_SCALED);
        if (v.kind == V_NUM && !scales)
            v.flags = (uint8_t)(v.flags | (l.flags & r.flags & VF_SCALED));
    } else {
        v = value_compare(op_spelling(op), l, r, err, sizeof err);
    }
    if (err[0]) {
        diag_error(ev->d, eval_op_span(ev, e), "%s", err);
        return value_null();
    }
    return v;
}

static Value unary(Eval *ev, Query *q, const Expr *e)
{
    Value x = eval_expr(ev, q, e->u.unary.x);
    if (x.kind == V_NULL)
        return x;
    if (e->u.unary.op == OP_NEG) {
        if (x.kind == V_NUM) {
            x.num = -x.num;
            return x;
        }
        diag_error(ev->d, e->span, "'-' needs a number");
        return value_null();
    }
    bool b;
    if (!truth(ev, e->u.unary.x, x, &b))
        return value_null();
    return value_bool(!b);
}

Value eval_expr(Eval *ev, Query *q, const Expr *e)
{
    if (!e)
        return value_null();
    switch (e->kind) {
    case EX_NUM:
    case EX_DATE:
    case EX_STR: return e->u.lit;
    case EX_NAME: return name_value(ev, q, e);
    case EX_CALL: return eval_call(ev, q, e);
    case EX_REF:
        diag_error(ev->d, e->span, "`%s of %s` names what a risk measure cuts, not a value",
                   sym_str(ev->in, e->u.ref.what), sym_str(ev->in, e->u.ref.of));
        diag_hint(ev->d, "write it as the second argument of breaking_point(x, revenue of y)");
        return value_null();
    case EX_UNARY: return unary(ev, q, e);
    case EX_BINARY: return binary(ev, q, e);
    }
    return value_null();
}

bool eval_expect(Eval *ev, Query *q, const Expr *e, Dim want, const char *what, double *out)
{
    Value v = eval_expr(ev, q, e);
    if (v.kind == V_NULL)
        return eval_no_value(ev, e, v);
    bool ok = v.kind == V_NUM && !(dim_is_none(want) ? false : (v.flags & VF_PCT) != 0) &&
              value_coerce(&v, want);
    if (ok && dim_eq(want, DIM_COUNT) && (v.flags & VF_DOLLAR))
        ok = false;
    if (ok) {
        *out = v.num;
        if (isfinite(v.num))
            return true;
        diag_error(ev->d, e->span, "%s is too large: it is not a finite number", what);
        return false;
    }
    char b1[64], b2[64];
    diag_error(ev->d, e->span, "%s is %s, not %s", what, dim_name(want, b1, sizeof b1),
               v.kind == V_NUM ? ((v.flags & VF_PCT) ? "a percentage"
                                  : (v.flags & VF_DOLLAR) && dim_eq(want, DIM_COUNT) ? "USD"
                                  : dim_name(v.dim, b2, sizeof b2))
               : v.kind == V_DATE ? "a date" : v.kind == V_BOOL ? "true/false" : "a string");
    return false;
}

/* Levenshtein distance with one rolling row; names are short. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *eval_closest(const char *name, const char *const *cands, size_t n)
{
    size_t best = 99, limit = strlen(name) / 3 + 1;
    const char *pick = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t dd = edit_distance(name, cands[i]);
        /* ties go to the alphabetically first name, so hints are deterministic */
        if (dd < best || (dd == best && pick && strcmp(cands[i], pick) < 0)) {
            best = dd;
            pick = cands[i];
        }
    }
    /* "q" is not a typo of "a": the guess must keep part of the name */
    return best <= limit && best < strlen(name) ? pick : NULL;
}
