/* enginefix.h - small worlds for the engine's unit tests, built through the world API.
 * Static helpers only (each test binary includes it once). */
#ifndef DG_ENGINEFIX_H
#define DG_ENGINEFIX_H
#include "testutil.h"
#include "figures.h"
#include "world.h"

#define B 1e9

typedef struct Fix {
    Interner in;
    World *w;
} Fix;

static inline Fix *fix_new(void)
{
    Fix *f = calloc(1, sizeof *f);
    intern_init(&f->in);
    f->w = world_new(&f->in);
    return f;
}

static inline void fix_free(Fix *f)
{
    world_free(f->w);
    intern_free(&f->in);
    free(f);
}

static inline EntId ent(Fix *f, const char *name) { return world_ensure(f->w, intern_cstr(&f->in, name), (Span){0}); }

/* Declare name with kind; attributes are set with attr(). */
static inline EntId decl(Fix *f, const char *name, EntKind kind)
{
    EntId id = ent(f, name);
    Entity *e = world_entity_mut(f->w, id);
    e->kind = kind;
    e->declared = true;
    return id;
}

static inline void attr(Fix *f, EntId id, AttrId a, double v)
{
    Entity *e = world_entity_mut(f->w, id);
    e->attr[a] = v;
    e->has |= 1u << a;
}

static inline Deal mk(Verb v, EntId p, EntId q, double amount)
{
    return (Deal){.kind = v, .payer = p, .payee = q, .amount = amount, .from = MONTH_NONE,
                  .due = MONTH_NONE, .milestone = DEAL_NONE, .binding = true};
}

static inline DealId deal(Fix *f, Verb v, EntId p, EntId q, double amount)
{
    Deal d = mk(v, p, q, amount);
    return world_add_deal(f->w, &d);
}

static inline double fig(Engine *e, FigId id, EntId v)
{
    double x = NAN;
    if (!figure_entity(e, id, v, &x))
        return NAN;
    return x;
}

/* The nvidia/openai/oracle triangle, no dates (a one-year horizon, everything owed):
 *   nvidia  cash 56B revenue 165B/y debt 8B equity 100B
 *   openai  cash 20B revenue 13B/y valuation 500B
 *   oracle  cash 11B revenue 57B/y debt 105B equity 20B
 *   nvidia invests 100B in openai; openai buys 100B from oracle; oracle buys 40B from nvidia */
typedef struct Tri { EntId nv, oa, orc; } Tri;
static inline Tri triangle(Fix *f)
{
    Tri t = {decl(f, "nvidia", ENT_COMPANY), decl(f, "openai", ENT_COMPANY),
             decl(f, "oracle", ENT_COMPANY)};
    attr(f, t.nv, A_CASH, 56 * B); attr(f, t.nv, A_REVENUE, 165 * B);
    attr(f, t.nv, A_DEBT, 8 * B); attr(f, t.nv, A_EQUITY, 100 * B);
    attr(f, t.oa, A_CASH, 20 * B); attr(f, t.oa, A_REVENUE, 13 * B);
    attr(f, t.oa, A_VALUATION, 500 * B);
    attr(f, t.orc, A_CASH, 11 * B); attr(f, t.orc, A_REVENUE, 57 * B);
    attr(f, t.orc, A_DEBT, 105 * B); attr(f, t.orc, A_EQUITY, 20 * B);
    deal(f, VERB_INVESTS, t.nv, t.oa, 100 * B);
    deal(f, VERB_BUYS, t.oa, t.orc, 100 * B);
    deal(f, VERB_BUYS, t.orc, t.nv, 40 * B);
    return t;
}

#endif
