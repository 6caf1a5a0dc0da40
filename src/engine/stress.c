/* stress.c - scenario shocks on a world fork, parameters, and the what-if figures read
 * from a StressResult (their list: DG_STRESS_FIGURES). The model runs in stress_run.c. */
#include "stress.h"
#include "wordlist.h"
#include <stdlib.h>
#include <string.h>

void stress_params_init(StressParams *p)
{
    memset(p, 0, sizeof *p);
    p->alpha = 1;
    p->beta = 1;
    p->debtrank = DR_DIFFERENTIAL;
}

void stress_params_free(StressParams *p)
{
    free(p->forced);
    p->forced = NULL;
    p->nforced = p->capforced = 0;
}

static double unit_clamp(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

static void force(StressParams *p, EntId v, int from)
{
    for (size_t i = 0; i < p->nforced; i++)
        if (p->forced[i].ent == v) {
            p->forced[i].from = from < p->forced[i].from ? from : p->forced[i].from;
            return;
        }
    p->forced = vec_grow(p->forced, &p->capforced, p->nforced + 1, sizeof *p->forced);
    p->forced[p->nforced++] = (Forced){v, from};
}

/* A shock's factor: 1 + P, and a cut past 100% counts as 100%. */
static double factor(double x) { return x < -1 ? 0 : 1 + x; }

/* `shock price|cash of X by P`: the attribute is scaled by (1 + P). An attribute never
 * given is 0 and stays 0. */
static void scale_attr(World *w, EntId v, AttrId a, double x)
{
    Entity *e = world_entity_mut(w, v);
    if (e)
        e->attr[a] *= factor(x);
}

/* `shock demand by P`: every market's payments (revenue they pay included). */
static void scale_demand(World *w, double x)
{
    for (EntId v = 0; v < world_n_entities(w); v++)
        if (world_entity(w, v)->kind == ENT_MARKET)
            world_scale_payments(w, v, factor(x));
}

void stress_apply_one(World *fork, const Shock *s, StressParams *p)
{
    switch (s->kind) {
    case SH_DEFAULT: force(p, s->ent, (int)s->x); break;
    case SH_PAYMENTS: world_scale_payments(fork, s->ent, factor(s->x)); break;
    case SH_DEMAND: scale_demand(fork, s->x); break;
    case SH_REVENUE: world_scale_revenue(fork, s->ent, factor(s->x)); break;
    case SH_PRICE: scale_attr(fork, s->ent, A_PRICE, s->x); break;
    case SH_CASH: scale_attr(fork, s->ent, A_CASH, s->x); break;
    case SH_CANCEL: world_cancel(fork, s->deal); break;
    case SH_DROP_NONBINDING: world_drop_nonbinding(fork); break;
    case SH_RECOVERY: p->alpha = p->beta = unit_clamp(s->x); break;
    case SH_ALPHA: p->alpha = unit_clamp(s->x); break;
    case SH_BETA: p->beta = unit_clamp(s->x); break;
    case SH_DEBTRANK: p->debtrank = s->x != 0 ? DR_ORIGINAL : DR_DIFFERENTIAL; break;
    }
}

World *stress_apply(const World *base, const Shock *s, size_t n, StressParams *p)
{
    World *w = world_fork(base);
    stress_params_init(p);
    for (size_t i = 0; i < n; i++)
        stress_apply_one(w, &s[i], p);
    return w;
}

void stress_free(StressResult *r)
{
    if (!r)
        return;
    arena_free(&r->arena);
    free(r);
}

bool stress_defaulted(const StressResult *r, EntId v) { return v < r->n && r->round[v] > 0; }

double stress_shortfall(const StressResult *r, EntId v) { return v < r->n ? r->shortfall[v] : 0; }

double stress_paid_fraction(const StressResult *r, EntId v)
{
    return stress_defaulted(r, v) ? unit_clamp(r->paid_frac[v]) : 1;
}

const char *stress_default_cause(const StressResult *r, EntId v)
{
    return v < r->n && r->forced[v] ? "forced" : "clearing";
}

static Value pct(double x)
{
    Value v = value_num(x, DIM_NONE);
    v.flags |= VF_PCT;
    return v;
}

static const WordEntry WF_INFO[WF__COUNT] = {
#define WF_ENTRY(e, word, listed) [e] = {word, listed},
    DG_STRESS_FIGURES(WF_ENTRY)
#undef WF_ENTRY
};

const char *stress_figure_name(StressFig f) { return f < WF__COUNT ? WF_INFO[f].word : "?"; }
bool stress_figure_listed(StressFig f) { return f < WF__COUNT && WF_INFO[f].flags; }
int stress_figure_find(const char *name) { return wordlist_find(WF_INFO, WF__COUNT, name); }

Value stress_figure(const StressResult *r, StressFig f, EntId v)
{
    bool in = v < r->n;
    switch (f) {
    case WF_DEFAULTED: return value_bool(stress_defaulted(r, v));
    case WF_SHORTFALL: return value_num(stress_shortfall(r, v), DIM_USD);
    case WF_LOSS: return value_num(in ? r->loss[v] : 0, DIM_USD);
    case WF_PAID: return pct(stress_paid_fraction(r, v));
    case WF_DISTRESS: return pct(in ? r->distress[v] : 0);
    case WF_DEFAULT_YEAR:
        return stress_defaulted(r, v) ? value_num(r->year[v], DIM_NONE) : value_null();
    case WF_CURED_YEAR: return in && r->cured[v] ? value_num(r->cured[v], DIM_NONE) : value_null();
    case WF_INSOLVENT: return value_bool(in && r->insolvent[v]);
    default: return value_null();
    }
}
